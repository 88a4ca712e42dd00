//! The output model: what writers produce and the staging folder stores — a [`Table`] of
//! text cells with typed columns, a drawn [`Figure`] (its SVG and PNG bytes), the
//! [`FigureFont`] it was drawn with — and how values become cells (shortest round-trip
//! floats, empty for "undefined", text that spreadsheets would run as a formula
//! neutralised only where a CSV is written).
//!
//! Sits at the bottom with the data model: it knows no metric, no chart and no file.

use std::path::PathBuf;

/// What a column holds; the CSV writer neutralises formulas only in [`ColumnKind::Text`]
/// columns, and typed writers (Parquet, GEXF) read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text from the data or a fixed word.
    Text,
    /// A whole number.
    Integer,
    /// A float in [`float`]'s form; empty = undefined.
    Float,
    /// `true` / `false`; empty = undecided.
    Boolean,
}

/// One output table: file name, typed header and rows of cells (values as given: text is
/// not yet made spreadsheet-safe, see [`Table::csv_row`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File name, e.g. `org_centrality.csv`.
    pub file: &'static str,
    /// Column names and kinds.
    pub columns: Vec<(&'static str, ColumnKind)>,
    /// Cells, as many per row as columns.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(file: &'static str, columns: &[(&'static str, ColumnKind)]) -> Self {
        Table {
            file,
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Column names.
    pub fn header(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.0).collect()
    }

    /// Row `i` as CSV cells: text columns through [`text`], the rest as they are.
    pub fn csv_row(&self, i: usize) -> Vec<String> {
        self.rows[i]
            .iter()
            .zip(&self.columns)
            .map(|(cell, (_, kind))| match kind {
                ColumnKind::Text => text(cell),
                _ => cell.clone(),
            })
            .collect()
    }
}

/// A drawn chart: its file stem, caption and the bytes of each format.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Figure {
    /// File stem; the files are `figures/<name>.svg`, `.png` and `.pdf`.
    pub name: &'static str,
    /// Caption.
    pub caption: String,
    /// The SVG document.
    #[serde(skip)]
    pub svg: String,
    /// The PNG image.
    #[serde(skip)]
    pub png: Vec<u8>,
    /// The PDF document (vector, with its font embedded as a subset).
    #[serde(skip)]
    pub pdf: Vec<u8>,
}

/// The network as the map draws it: which organisations, where, how large and in which
/// colour — computed once, so the network map, the report's interactive view and the graph
/// exports show the same picture.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    /// Organisations shown (indices into the dataset's organisations), by decreasing
    /// betweenness (ties by degree, then index).
    pub orgs: Vec<u32>,
    /// Position of each, in the unit square (y grows downwards, as on screen).
    pub pos: Vec<(f64, f64)>,
    /// Size of each, 0–1: √(betweenness / largest betweenness shown).
    pub size: Vec<f64>,
    /// Colour group of each (index into `legend`).
    pub group: Vec<usize>,
    /// (group name, RGB colour), in legend order.
    pub legend: Vec<(String, (u8, u8, u8))>,
    /// Organisations with ties in the whole network (the view may show fewer).
    pub with_ties: usize,
    /// Ties among the organisations shown: (position in `orgs`, position, weight), a < b,
    /// at most `render::network_map::VIEW_MAX_TIES` (the heaviest).
    pub ties: Vec<(u32, u32, u32)>,
    /// Ties among the organisations shown that the cap left out (lightest first).
    pub ties_left_out: usize,
}

/// The font the figures were drawn with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FigureFont {
    /// File it was read from.
    pub path: PathBuf,
    /// Face index inside the file.
    pub face: u32,
    /// Family name of that face.
    pub family: String,
    /// Whether it covers Chinese; when not, labels fall back to `name_en`.
    pub cjk: bool,
    /// Whether it is the font compiled into the binary (else a file: `--font` or a system
    /// font covering characters the embedded one lacks).
    pub embedded: bool,
}

/// How one dataset of a batch went.
#[derive(Debug, Clone)]
pub struct BatchOutcome {
    /// Sub-folder name.
    pub name: String,
    /// Dataset folder.
    pub dataset: PathBuf,
    /// Organisations and ties when it succeeded.
    pub counts: Option<(u64, u64)>,
    /// Wall seconds.
    pub seconds: f64,
    /// Seconds per phase.
    pub timings: Vec<(String, f64)>,
    /// The error, as the CLI would print it.
    pub error: Option<String>,
}

/// Shortest decimal text that parses back to exactly `v` (plain notation from 1e-5 up to
/// 1e16, scientific outside), `-0` written as `0`.
pub fn float(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let a = v.abs();
    if (1e-5..1e16).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// An optional float: empty when undefined.
pub fn opt_float(v: Option<f64>) -> String {
    v.map(float).unwrap_or_default()
}

/// Text from the data, made safe for spreadsheets: a cell starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` so Excel, LibreOffice and Google
/// Sheets show it as text instead of evaluating it (OWASP "CSV injection").
pub fn text(s: &str) -> String {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip_shortest() {
        for v in [
            0.1,
            1.0 / 3.0,
            2.0,
            1e-7,
            123456.789,
            5e-324,
            1e300,
            0.000123,
        ] {
            let s = float(v);
            assert_eq!(s.parse::<f64>().unwrap(), v, "{s}");
        }
        assert_eq!(float(0.1), "0.1");
        assert_eq!(float(2.0), "2");
        assert_eq!(float(-0.0), "0");
        assert_eq!(float(1e-7), "1e-7");
        assert_eq!(opt_float(None), "");
    }

    #[test]
    fn formulas_neutralised() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("+86"), "'+86");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("-1+1"), "'-1+1");
        assert_eq!(text("苏州=1"), "苏州=1");
        assert_eq!(text(""), "");
    }
}
