//! Programmes side by side year by year, for `consortia compare --by year`: each
//! programme's rows of the yearly panel ([`super::evolution`]), labelled like the other
//! comparison rows and given an age — years since the programme's first consortium — so
//! that programmes that started at different times can be read at a common age.
//!
//! Regions are provinces (as the comparison's headline cross-region share). Knows nothing
//! of files.

use crate::config::RegionLevel;
use crate::dataset::Dataset;
use crate::metrics::evolution::{self, EvolutionRow};

/// One (programme, year) row of `comparison_by_year.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    /// Label: the programme, or `dataset/programme` when several datasets are compared.
    pub group: String,
    /// Dataset name.
    pub dataset: String,
    /// Programme.
    pub program: String,
    /// Years since the programme's first year with an active consortium (negative before
    /// it); `None` for a programme that never has one (projects only).
    pub age: Option<i32>,
    /// The programme's row of the yearly panel for this year.
    pub row: EvolutionRow,
}

/// The rows of one dataset: every programme (sorted) and year of its panel.
pub fn compare_dataset(ds: &Dataset, name: &str, prefix: bool) -> Vec<YearRow> {
    let e = evolution::compute(ds, RegionLevel::Province, None);
    let mut out = Vec::new();
    for program in &e.programs {
        let rows = e.group(program);
        let first = rows.iter().find(|r| r.counts.consortia > 0).map(|r| r.year);
        for r in rows {
            out.push(YearRow {
                group: if prefix {
                    format!("{name}/{program}")
                } else {
                    program.clone()
                },
                dataset: name.to_string(),
                program: program.clone(),
                age: first.map(|f| r.year - f),
                row: r.clone(),
            });
        }
    }
    out
}

/// Column names of `comparison_by_year.csv` before the yearly panel's own (which follow
/// from `consortia` on, as in `evolution.csv`), with what each one is.
pub const COLUMNS: &[(&str, &str)] = &[
    ("group", "programme, or dataset/programme when several datasets are compared"),
    ("dataset", "dataset folder name"),
    ("program", "programme"),
    ("year", "calendar year; the row is the network at its end"),
    (
        "age",
        "years since the programme's first year with an active consortium (0 = that year; negative before it; empty when it has none)",
    ),
];
