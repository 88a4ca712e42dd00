//! A workbook's sheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`, read by calamine) → the same
//! [`RawTable`] a CSV file becomes, so one validation serves both.
//!
//! Rows keep the numbers the spreadsheet shows (header = row 1 when the sheet starts
//! there; the first non-empty row is the header). Typed cells become the text the
//! contract expects in [`typed`] (shared with Parquet files): an Excel date → YYYY-MM-DD
//! in a date column, a whole number → its integer text, a number in an id column with one
//! warning per column (leading zeros may have been lost in Excel), TRUE/FALSE →
//! true/false, an error cell → a problem at its row and column. Empty rows are skipped.
//! Knows nothing of what the tables mean.

use std::io::Cursor;

use calamine::{Reader, Sheets};

use super::columns::ColumnMap;
use super::contract::Table;
use super::table::RawTable;
use super::typed;
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

    /// Read sheet `sheet` as contract table `table`: headers mapped ([`super::columns::apply`]),
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
        let mut rows = range
            .rows()
            .enumerate()
            .filter(|(_, r)| !typed::is_empty_row(r));
        let Some((h, header)) = rows.next() else {
            problems.push(Problem::in_file(
                table.file,
                "the sheet is empty: expected a header row",
            ));
            return None;
        };
        let given: Vec<String> = header.iter().map(typed::text).collect();
        Some(typed::table(
            table,
            map,
            first_row + h as u64,
            given,
            rows.map(|(i, cells)| (first_row + i as u64, cells)),
            "in Excel",
            problems,
            warnings,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
