//! Typed cells (a workbook's, read by calamine, or a Parquet file's, turned into the same
//! [`Data`] values) → the [`RawTable`] of text cells a CSV file becomes, so one validation
//! serves every source.
//!
//! A cell becomes the text the contract expects, by what its column holds ([`Kind`]): a
//! date → YYYY-MM-DD in a date column; a whole number → its integer text (1001, not
//! 1001.0), a year typed as a number → YYYY; a number in an id column is read with one
//! warning per column (leading zeros, if any, were lost before the file reached us);
//! true/false → true/false; an error cell (#N/A, #REF! …) in a contract column → a problem
//! at its row and column. Rows of empty cells are skipped. Knows nothing of files and
//! nothing of what the tables mean beyond [`Kind`].

use calamine::Data;

use super::columns::{self, ColumnMap};
use super::contract::{Kind, Table};
use super::table::{trim_cell, RawRow, RawTable};
use crate::error::Problem;

/// The table `table` from typed cells: `given` the header cells (as written, trimmed) on
/// row `header_line`, `rows` each data row's number and cells (a row may be shorter than
/// the header: missing cells are empty). Headers are mapped ([`columns::apply`]); problems
/// and warnings go under the table's file name. `lost` says where leading zeros of ids
/// stored as numbers may have been lost ("in Excel"). Returns the table and its renamed
/// headers.
#[allow(clippy::too_many_arguments)] // one call per source, each naming every part
pub fn table<R: AsRef<[Data]>>(
    table: &Table,
    map: &ColumnMap,
    header_line: u64,
    given: Vec<String>,
    rows: impl Iterator<Item = (u64, R)>,
    lost: &str,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> (RawTable, Vec<(String, String)>) {
    let mut raw = RawTable {
        file: table.file.to_string(),
        header_line,
        headers: given.iter().map(|g| columns::header_key(g)).collect(),
        given,
        rows: Vec::new(),
    };
    let renamed = columns::apply(&mut raw, table, map, problems);
    let kinds: Vec<Option<Kind>> = raw
        .headers
        .iter()
        .map(|h| table.column(h).map(|c| c.kind))
        .collect();
    // Per column: (first row, cells) of ids stored as numbers.
    let mut numeric_ids: Vec<Option<(u64, u64)>> = vec![None; kinds.len()];
    for (line, cells) in rows {
        let cells = cells.as_ref();
        if is_empty_row(cells) {
            continue;
        }
        let mut row = RawRow {
            line,
            cells: Vec::with_capacity(kinds.len()),
            reported: Vec::new(),
        };
        for (c, kind) in kinds.iter().enumerate() {
            let cell = cells.get(c).unwrap_or(&Data::Empty);
            let value = match kind {
                Some(k) => read(cell, *k),
                None => Ok(text(cell)),
            };
            match value {
                Ok(v) => {
                    if *kind == Some(Kind::Id) && matches!(cell, Data::Int(_) | Data::Float(_)) {
                        let e = numeric_ids[c].get_or_insert((line, 0));
                        e.1 += 1;
                    }
                    row.cells.push(v);
                }
                Err(msg) => {
                    problems.push(Problem::at(table.file, line, &raw.headers[c], msg));
                    row.reported.push(c);
                    row.cells.push(String::new());
                }
            }
        }
        raw.rows.push(row);
    }
    for (c, n) in numeric_ids.iter().enumerate() {
        if let Some((line, count)) = n {
            warnings.push(Problem::at(
                table.file,
                *line,
                &raw.headers[c],
                format!(
                    "ids stored as numbers ({count} cell{}, the first in this row): leading zeros, if any, were lost {lost}; store ids as text",
                    if *count == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    (raw, renamed)
}

/// A row with nothing but empty cells and white space.
pub fn is_empty_row(cells: &[Data]) -> bool {
    cells.iter().all(|c| match c {
        Data::Empty => true,
        Data::String(s) => trim_cell(s).is_empty(),
        _ => false,
    })
}

/// A whole number's integer text, when it is exact (below 10^15, as Excel holds 15
/// digits).
fn whole(f: f64) -> Option<String> {
    (f.fract() == 0.0 && f.abs() < 1e15).then(|| format!("{}", f as i64))
}

/// A number as text: integer text when whole, else the shortest text that reads back as
/// the same number.
fn number(f: f64) -> String {
    whole(f).unwrap_or_else(|| format!("{f}"))
}

/// A date cell's calendar date.
fn ymd(dt: &calamine::ExcelDateTime) -> String {
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{d:02}")
}

/// A cell as text, the way a reader of the sheet sees it (for headers, text columns and
/// extra columns); error cells read as empty.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => trim_cell(s).to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => ymd(dt),
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// A cell of a contract column of kind `kind` as the text the contract expects, or the
/// problem with it.
pub fn read(cell: &Data, kind: Kind) -> Result<String, String> {
    match (cell, kind) {
        (Data::Error(e), _) => Err(format!(
            "error cell {e}: fix the formula or clear the cell"
        )),
        (Data::Float(f), Kind::Id) if f.fract() == 0.0 && f.abs() >= 1e15 => Err(format!(
            "id stored as a number ({f}): Excel keeps 15 digits, so digits may have been lost; store ids as text"
        )),
        (Data::DateTime(dt), Kind::Date) if dt.is_datetime() => Ok(ymd(dt)),
        (Data::DateTime(_) | Data::DurationIso(_), Kind::Date) => {
            Err("a duration, not a date: write YYYY, YYYY-MM or YYYY-MM-DD".to_string())
        }
        (Data::DateTimeIso(s), Kind::Date) => Ok(s.split('T').next().unwrap_or(s).to_string()),
        (Data::Int(_) | Data::Float(_), Kind::Date) => {
            let f = match cell {
                Data::Int(i) => *i as f64,
                Data::Float(f) => *f,
                _ => unreachable!("matched above"),
            };
            match whole(f) {
                Some(y) if (1000.0..=9999.0).contains(&f) => Ok(y),
                _ => Err(format!(
                    "bad date '{}': a plain number, not a date (format the cell as a date, or write YYYY, YYYY-MM or YYYY-MM-DD)",
                    number(f)
                )),
            }
        }
        (Data::Bool(b), Kind::Bool) => Ok(if *b { "true" } else { "false" }.to_string()),
        _ => Ok(text(cell)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_become_contract_text() {
        // 45122 is 2023-07-15 in Excel's 1900 system.
        let date = Data::DateTime(ExcelDateTime::new(
            45122.0,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(read(&date, Kind::Date), Ok("2023-07-15".into()));
        assert_eq!(read(&date, Kind::Text), Ok("2023-07-15".into()));
        let iso = Data::DateTimeIso("2022-07-15T00:00:00".into());
        assert_eq!(read(&iso, Kind::Date), Ok("2022-07-15".into()));
        assert_eq!(read(&Data::Float(2023.0), Kind::Date), Ok("2023".into()));
        assert_eq!(read(&Data::Int(2023), Kind::Date), Ok("2023".into()));
        assert!(read(&Data::Float(45122.0), Kind::Date)
            .unwrap_err()
            .starts_with("bad date '45122': a plain number"));
        let span = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert!(read(&span, Kind::Date).is_err());
        assert_eq!(read(&Data::Float(1001.0), Kind::Id), Ok("1001".into()));
        assert_eq!(read(&Data::Int(7), Kind::Id), Ok("7".into()));
        assert!(read(&Data::Float(123456789012345678.0), Kind::Id).is_err());
        assert_eq!(
            read(&Data::Float(1200.5), Kind::Number),
            Ok("1200.5".into())
        );
        assert_eq!(read(&Data::Float(0.1), Kind::Number), Ok("0.1".into()));
        assert_eq!(read(&Data::Float(1200.0), Kind::Number), Ok("1200".into()));
        assert_eq!(read(&Data::Float(26.0), Kind::Count), Ok("26".into()));
        assert_eq!(read(&Data::Bool(true), Kind::Bool), Ok("true".into()));
        assert_eq!(read(&Data::Bool(false), Kind::Text), Ok("FALSE".into()));
        assert_eq!(
            read(&Data::String(" 江苏省\u{3000}".into()), Kind::Text),
            Ok("江苏省".into())
        );
        assert_eq!(
            read(&Data::Error(calamine::CellErrorType::NA), Kind::Text),
            Err("error cell #N/A: fix the formula or clear the cell".into())
        );
        assert_eq!(text(&Data::Error(calamine::CellErrorType::NA)), "");
    }
}
