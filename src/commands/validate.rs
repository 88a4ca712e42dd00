//! `consortia validate`: load and check a dataset, write nothing, say what was loaded.

use std::fmt;
use std::path::Path;

use super::Outcome;
use crate::dataset::Dataset;
use crate::error::Error;
use crate::ingest;

/// The dataset that validated.
#[derive(Debug, Clone)]
pub struct Validated {
    /// The dataset.
    pub dataset: Dataset,
}

/// Load and check `dir`.
pub fn run(dir: &Path) -> Result<Validated, Error> {
    Ok(Validated {
        dataset: ingest::load(dir)?,
    })
}

impl fmt::Display for Validated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ds = &self.dataset;
        writeln!(
            f,
            "ok: {} organisations, {} consortia, {} memberships, {} projects ({} participations), {} chains ({} segments); {} warning{}",
            ds.organizations.len(),
            ds.consortia.len(),
            ds.memberships.len(),
            ds.projects.len(),
            ds.project_members.len(),
            ds.chains.len(),
            ds.segments.len(),
            ds.warnings.len(),
            if ds.warnings.len() == 1 { "" } else { "s" }
        )
    }
}

impl Outcome for Validated {
    fn notes(&self) -> Vec<String> {
        self.dataset
            .warnings
            .iter()
            .map(|p| format!("warning: {p}"))
            .collect()
    }
}
