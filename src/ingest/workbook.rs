//! A workbook's sheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`, read by calamine) → the same
//! [`RawTable`] a CSV file becomes, so one validation serves both.
//!
//! Rows keep the numbers the spreadsheet shows (header = row 1 when the sheet starts
//! there). Typed cells become the text the contract expects, by what the column holds
//! ([`Kind`]): an Excel date → YYYY-MM-DD in a date column; a whole number → its integer
//! text (1001, not 1001.0), a year typed as a number → YYYY; a number in an id column is
//! read with one warning per column (leading zeros may have been lost); TRUE/FALSE →
//! true/false; an error cell (#N/A, #REF! …) in a contract column → a problem at its row
//! and column. Empty rows are skipped. Knows nothing of what the tables mean beyond
//! [`Kind`].

use std::io::Cursor;

use calamine::{Data, Reader, Sheets};

use super::columns::{self, ColumnMap};
use super::contract::{Kind, Table};
use super::table::{trim_cell, RawRow, RawTable};
use crate::error::Problem;

/// File extensions read as workbooks (compared ignoring ASCII case).
pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// Whether a file name has a workbook extension (and is not Excel's `~$` lock file).
pub fn is_workbook(name: &str) -> bool {
    !name.starts_with("~$")
        && name
            .rsplit_once('.')
            .is_some_and(|(_, ext)| EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// An open workbook.
pub struct Workbook {
    sheets: Sheets<Cursor<Vec<u8>>>,
}

/// Run a calamine call, turning a panic on a malformed file into an error message: bad
/// input must never bring the program down.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err("the workbook is malformed".to_string()))
}

impl Workbook {
    /// Open a workbook from its bytes; `name` (its file name) picks the format.
    pub fn open(name: &str, bytes: Vec<u8>) -> Result<Workbook, String> {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let cursor = Cursor::new(bytes);
        let sheets = guarded(|| {
            let err = |e: &dyn std::fmt::Display| e.to_string();
            Ok(match ext.as_str() {
                "xls" => Sheets::Xls(calamine::Xls::new(cursor).map_err(|e| err(&e))?),
                "ods" => Sheets::Ods(calamine::Ods::new(cursor).map_err(|e| err(&e))?),
                _ => Sheets::Xlsx(calamine::Xlsx::new(cursor).map_err(|e| err(&e))?),
            })
        })?;
        Ok(Workbook { sheets })
    }

    /// Its sheet names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// Read sheet `sheet` as contract table `table`: headers mapped ([`columns::apply`]),
    /// cells turned into text. Problems and warnings go under the table's file name (the
    /// caller names the workbook and sheet). Returns the table and its renamed headers.
    pub fn read(
        &mut self,
        sheet: &str,
        table: &Table,
        map: &ColumnMap,
        problems: &mut Vec<Problem>,
        warnings: &mut Vec<Problem>,
    ) -> Option<(RawTable, Vec<(String, String)>)> {
        let range = match guarded(|| {
            self.sheets
                .worksheet_range(sheet)
                .map_err(|e| e.to_string())
        }) {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem::in_file(
                    table.file,
                    format!("cannot read the sheet: {e}"),
                ));
                return None;
            }
        };
        let first_row = range.start().map_or(0, |(r, _)| r as u64 + 1);
        let mut rows = range.rows().enumerate().filter(|(_, r)| !is_empty_row(r));
        let Some((h, header)) = rows.next() else {
            problems.push(Problem::in_file(
                table.file,
                "the sheet is empty: expected a header row",
            ));
            return None;
        };
        let given: Vec<String> = header.iter().map(text).collect();
        let mut raw = RawTable {
            file: table.file.to_string(),
            header_line: first_row + h as u64,
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
        for (i, cells) in rows {
            let line = first_row + i as u64;
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
                        if *kind == Some(Kind::Id) && matches!(cell, Data::Int(_) | Data::Float(_))
                        {
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
                        "ids stored as numbers ({count} cell{}, the first in this row): leading zeros, if any, were lost in Excel; store ids as text",
                        if *count == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
        Some((raw, renamed))
    }
}

/// A row with nothing but empty cells and white space.
fn is_empty_row(cells: &[Data]) -> bool {
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
fn text(cell: &Data) -> String {
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
fn read(cell: &Data, kind: Kind) -> Result<String, String> {
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

    #[test]
    fn workbook_names() {
        assert!(is_workbook("data.xlsx"));
        assert!(is_workbook("DATA.XLS"));
        assert!(is_workbook("a.b.ods"));
        assert!(!is_workbook("~$data.xlsx"));
        assert!(!is_workbook("organizations.csv"));
        assert!(!is_workbook("xlsx"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for name in ["x.xlsx", "x.xls", "x.ods"] {
            assert!(Workbook::open(name, b"not a workbook".to_vec()).is_err());
        }
    }
}
