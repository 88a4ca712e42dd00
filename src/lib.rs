//! Collaboration-network analytics for innovation consortia (创新联合体).
//!
//! The pipeline reads left to right, one module per stage:
//! [`ingest`] (CSV → [`dataset::Dataset`]) → [`network`] (two-mode graph and the weighted
//! organisation projection) → [`metrics`] (centrality, regions, chains, programmes) →
//! [`export`] (tables and summary.json, written atomically). [`analyze`] runs them all.

pub mod cli;
pub mod config;
pub mod dataset;
pub mod error;
pub mod export;
pub mod generate;
pub mod ingest;
pub mod metrics;
pub mod network;
pub mod render;
pub mod report;
pub mod scenario;

pub use config::{AnalyzeConfig, RegionLevel};
pub use error::{Error, LoadError, Problem};

/// Run the whole analysis of one dataset and write the output folder.
///
/// The output is built in a temporary sibling folder and moved into place only when
/// complete, so a failed run leaves `config.out` as it was.
pub fn analyze(config: &AnalyzeConfig) -> Result<Analysis, Error> {
    with_threads(config.threads, || {
        let dataset = ingest::load(&config.dataset)?;
        let network = network::Network::build(&dataset);
        let results = metrics::compute(&dataset, &network, config);
        let font = render::font::ensure(config.font.as_deref());
        let written = export::write_all(&dataset, &network, &results, config, font.as_ref())?;
        Ok(Analysis {
            files: written.files,
            out: written.out,
            warnings: dataset.warnings,
            font,
        })
    })
}

/// What `analyze` did: the folder, the files in it, and the load warnings.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The output folder.
    pub out: std::path::PathBuf,
    /// Files written, relative to `out`, sorted.
    pub files: Vec<String>,
    /// Warnings raised while loading (also in summary.json).
    pub warnings: Vec<Problem>,
    /// The font the figures were drawn with; `None` or not CJK-capable means labels fell
    /// back to English names.
    pub font: Option<render::font::ChosenFont>,
}

/// Load and check a dataset; on success also a one-line description of what was loaded.
pub fn validate(dir: &std::path::Path) -> Result<(dataset::Dataset, String), Error> {
    let ds = ingest::load(dir)?;
    let line = format!(
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
    );
    Ok((ds, line))
}

/// Run `f` on a rayon pool of `threads` workers, or on the global pool.
fn with_threads<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> Result<T, Error> + Send,
) -> Result<T, Error> {
    match threads {
        None => f(),
        Some(t) => rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {t} threads: {e}")))?
            .install(f),
    }
}
