//! UTF-8 text → a raw table: trimmed header names and trimmed fields, each record with
//! the line it starts on. (A workbook's sheet becomes the same [`RawTable`] in
//! [`super::workbook`], rows numbered as the spreadsheet shows them.)
//!
//! Parsing is RFC 4180 by the `csv` crate; this module adds what the contract asks on top:
//! trimming of ASCII white space and U+3000, case-insensitive headers, blank lines
//! skipped, and malformed CSV (ragged rows, an unterminated quote) reported with its line.
//! It knows nothing of what the columns mean; [`super::columns`] reads the headers.

use crate::error::Problem;

/// A CSV file (or a sheet) read as text cells.
#[derive(Debug, Clone)]
pub struct RawTable {
    /// File name, for messages.
    pub file: String,
    /// The line (or sheet row) of the header: 1 for a CSV file.
    pub header_line: u64,
    /// Header cells as written, trimmed.
    pub given: Vec<String>,
    /// The column each header is read as: lower-cased here, the contract's name once
    /// [`super::columns::apply`] has mapped it.
    pub headers: Vec<String>,
    /// Records in file order.
    pub rows: Vec<RawRow>,
}

/// One record.
#[derive(Debug, Clone)]
pub struct RawRow {
    /// Line the record starts on (header = line 1); for a sheet, its row number.
    pub line: u64,
    /// Trimmed cells, as many as there are headers.
    pub cells: Vec<String>,
    /// Cells already reported as unreadable (a workbook's error cells, dates that are
    /// durations): read as absent, and not reported again as empty.
    pub reported: Vec<usize>,
}

impl RawTable {
    /// Index of a column by its (lower-case) name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// Trim ASCII white space and the full-width space U+3000 from both ends.
pub fn trim_cell(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\u{3000}')
}

/// Parse `text` as CSV. Structural problems are appended to `problems`; rows with the
/// wrong number of fields are reported and left out.
pub fn parse(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<RawTable> {
    if let Some(line) = unterminated_quote(text) {
        problems.push(Problem::at_line(
            file,
            line,
            "malformed CSV: a quoted field opened here is never closed",
        ));
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let given: Vec<String> = match records.next() {
        None => {
            problems.push(Problem::in_file(
                file,
                "the file is empty: expected a header line",
            ));
            return None;
        }
        Some(Err(e)) => {
            problems.push(csv_problem(file, &e));
            return None;
        }
        Some(Ok(rec)) => rec.iter().map(|h| trim_cell(h).to_string()).collect(),
    };
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(text);
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_problem(file, &e));
                continue;
            }
        };
        let line = lines.line_at(rec.position().map(|p| p.byte() as usize).unwrap_or(0));
        if rec.len() != given.len() {
            problems.push(Problem::at_line(
                file,
                line,
                format!(
                    "malformed CSV: expected {} fields as in the header, found {}",
                    given.len(),
                    rec.len()
                ),
            ));
            continue;
        }
        rows.push(RawRow {
            line,
            cells: rec.iter().map(|c| trim_cell(c).to_string()).collect(),
            reported: Vec::new(),
        });
    }
    Some(RawTable {
        file: file.to_string(),
        header_line: 1,
        headers: given.iter().map(|h| h.to_lowercase()).collect(),
        given,
        rows,
    })
}

fn csv_problem(file: &str, e: &csv::Error) -> Problem {
    Problem::in_file(file, format!("malformed CSV: {e}"))
}

/// Byte offset → 1-based line number, for offsets visited in ascending order. (The `csv`
/// crate's own line count is off after CRLF and blank lines; its byte offsets are exact.)
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line of the record reported at `offset`: the `csv` crate reports the byte
    /// after the previous record, which may still be a `\n` of CRLF or blank lines; no
    /// record starts with `\r` or `\n`, so those are skipped first.
    fn line_at(&mut self, mut offset: usize) -> u64 {
        while matches!(self.bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        let end = offset.min(self.bytes.len());
        if end > self.offset {
            self.line += self.bytes[self.offset..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.offset = end;
        }
        self.line
    }
}

/// The line on which a quoted field opens and never closes, if any. Same rules as the
/// `csv` crate's parser: a quote opens a field only as its very first byte; `""` inside a
/// quoted field is an escaped quote.
fn unterminated_quote(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let mut line = 1u64;
    let mut in_quotes = false;
    let mut opened_at = 0u64;
    let mut at_field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            } else if b == b'\n' {
                line += 1;
            }
        } else {
            match b {
                b'"' if at_field_start => {
                    in_quotes = true;
                    opened_at = line;
                }
                b',' => {
                    at_field_start = true;
                    i += 1;
                    continue;
                }
                b'\n' => {
                    line += 1;
                    at_field_start = true;
                    i += 1;
                    continue;
                }
                _ => {}
            }
            at_field_start = false;
        }
        i += 1;
    }
    in_quotes.then_some(opened_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> RawTable {
        let mut p = Vec::new();
        let t = parse("t.csv", text, &mut p).expect("parses");
        assert!(p.is_empty(), "{p:?}");
        t
    }

    #[test]
    fn trims_headers_and_cells_and_tracks_lines() {
        let t = ok(
            " Org_ID ,\u{3000}Name\r\n a ,\u{3000}甲\u{3000}\r\n\r\n\"b\",\"乙\n丙\"\r\nc,丁\r\n",
        );
        assert_eq!(t.headers, vec!["org_id", "name"]);
        assert_eq!(t.given, vec!["Org_ID", "Name"]);
        let got: Vec<(u64, Vec<&str>)> = t
            .rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(|s| s.as_str()).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, vec!["a", "甲"]),
                (4, vec!["b", "乙\n丙"]),
                (6, vec!["c", "丁"])
            ]
        );
    }

    #[test]
    fn ragged_rows_are_reported_with_their_line() {
        let mut p = Vec::new();
        let t = parse("t.csv", "a,b\n1,2\n1,2,3\n4\n5,6\n", &mut p).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].line, Some(3));
        assert_eq!(p[1].line, Some(4));
    }

    #[test]
    fn unterminated_quote_found() {
        assert_eq!(
            unterminated_quote("a,b\n1,\"x\"\"y\"\n2,\"open\n3,4\n"),
            Some(3)
        );
        assert_eq!(unterminated_quote("a,b\n1,x\"y\n"), None);
        assert_eq!(unterminated_quote("a,b\n1, \"q\"\n"), None);
    }
}
