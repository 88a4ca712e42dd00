//! `consortia validate`: load and check a dataset, write nothing, say how headers were
//! read and what was loaded.

use std::fmt;

use super::Outcome;
use crate::config::ValidateConfig;
use crate::dataset::Dataset;
use crate::error::Error;
use crate::ingest;

/// The dataset that validated.
#[derive(Debug, Clone)]
pub struct Validated {
    /// The dataset.
    pub dataset: Dataset,
}

/// Load and check the dataset, reading headers with the `--columns` map if one is given.
pub fn run(config: &ValidateConfig) -> Result<Validated, Error> {
    let columns = ingest::ColumnMap::read(config.columns.as_deref())?;
    Ok(Validated {
        dataset: ingest::load_with(&config.dataset, &columns)?,
    })
}

/// One line per table whose headers were not all contract names, then what was loaded:
///
/// ```text
/// organizations.csv: 机构名称 → name, 所在省份 → province
/// ok: 4 organisations, …
/// ```
impl fmt::Display for Validated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ds = &self.dataset;
        for (source, renamed) in &ds.header_mappings {
            let pairs: Vec<String> = renamed.iter().map(|(h, c)| format!("{h} → {c}")).collect();
            writeln!(f, "{source}: {}", pairs.join(", "))?;
        }
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
