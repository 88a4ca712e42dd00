//! Collaboration-network analytics for innovation consortia (创新联合体).
//!
//! The pipeline reads left to right, one module per stage:
//! [`ingest`] (CSV → [`dataset::Dataset`]) → [`network`] (two-mode graph and the weighted
//! organisation projection) → [`metrics`] (centrality, regions, chains, programmes) →
//! [`export`] (tables and summary.json, written atomically). [`analyze`] runs them all.

pub mod batch;
pub mod cli;
pub mod compare;
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
pub mod rules;
pub mod scenario;

pub use config::{AnalyzeConfig, RegionLevel};
pub use error::{Error, LoadError, Problem};

/// Run the whole analysis of one dataset and write the output folder.
///
/// The output is built in a temporary sibling folder and moved into place only when
/// complete, so a failed run leaves `config.out` as it was.
pub fn analyze(config: &AnalyzeConfig) -> Result<Analysis, Error> {
    analyze_observed(config, &|_| {})
}

/// [`analyze`], calling `on_phase` as each phase starts (for progress bars) and timing
/// every phase (in [`Analysis::timings`]).
pub fn analyze_observed(
    config: &AnalyzeConfig,
    on_phase: &(dyn Fn(&'static str) + Sync),
) -> Result<Analysis, Error> {
    let b = &config.betweenness;
    let in_unit = |x: f64| x > 0.0 && x < 1.0;
    if !in_unit(b.epsilon) || !in_unit(b.delta) {
        return Err(Error::Usage(format!(
            "--epsilon and --delta must be between 0 and 1 (exclusive); got {} and {}",
            b.epsilon, b.delta
        )));
    }
    with_threads(config.threads, || {
        let clock = Clock::new(on_phase);
        clock.start("rules");
        let rules = match &config.rules {
            Some(path) => rules::load(path)?,
            None => rules::defaults(),
        };
        clock.start("load+validate");
        let dataset = ingest::load(&config.dataset)?;
        clock.start("project");
        let network = network::Network::build(&dataset);
        clock.start("metrics");
        let results = metrics::compute(&dataset, &network, config, rules);
        let font = render::font::ensure(config.font.as_deref());
        let written =
            export::write_all(&dataset, &network, &results, config, font.as_ref(), &clock)?;
        let mut timings = clock.finish();
        // The metrics phase in detail (these overlap in time: they run in parallel).
        timings.extend(
            results
                .timings
                .iter()
                .map(|(k, v)| (format!("metrics/{k}"), *v)),
        );
        Ok(Analysis {
            files: written.files,
            out: written.out,
            warnings: dataset.warnings,
            font,
            organizations: dataset.organizations.len() as u64,
            ties: results.network.ties,
            timings,
        })
    })
}

/// Wall time of consecutive phases; tells an observer when each starts.
pub struct Clock<'a> {
    on_phase: &'a (dyn Fn(&'static str) + Sync),
    current: std::sync::Mutex<Option<(&'static str, std::time::Instant)>>,
    done: std::sync::Mutex<Vec<(String, f64)>>,
}

impl<'a> Clock<'a> {
    /// A clock reporting to `on_phase`.
    pub fn new(on_phase: &'a (dyn Fn(&'static str) + Sync)) -> Self {
        Clock {
            on_phase,
            current: std::sync::Mutex::new(None),
            done: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// End the current phase (if any) and start `name`.
    pub fn start(&self, name: &'static str) {
        self.stop();
        (self.on_phase)(name);
        *self.current.lock().expect("clock") = Some((name, std::time::Instant::now()));
    }

    fn stop(&self) {
        if let Some((name, t)) = self.current.lock().expect("clock").take() {
            self.done
                .lock()
                .expect("clock")
                .push((name.to_string(), t.elapsed().as_secs_f64()));
        }
    }

    /// End the current phase; every phase and its seconds, in order.
    pub fn finish(&self) -> Vec<(String, f64)> {
        self.stop();
        std::mem::take(&mut *self.done.lock().expect("clock"))
    }
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
    /// Organisations analysed.
    pub organizations: u64,
    /// Ties of the projection.
    pub ties: u64,
    /// Wall seconds per phase, in order (`metrics/…` entries overlap: they run in parallel).
    pub timings: Vec<(String, f64)>,
}

/// What `check` found: the rules, every finding, and the dataset they refer to.
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    /// The dataset checked.
    pub dataset: dataset::Dataset,
    /// The rule sets checked.
    pub rules: Vec<rules::RuleSet>,
    /// One finding per (unit, rule).
    pub findings: Vec<metrics::compliance::Finding>,
    /// Files written under `out`, when an output folder was given.
    pub files: Vec<String>,
}

/// Check every consortium and project of the rule sets' programmes against their rules
/// (`rules_file`, else the shipped defaults). With `out`, also write
/// `tables/compliance.csv` and `figures/compliance.{svg,png}` there (atomically).
pub fn check(
    dir: &std::path::Path,
    rules_file: Option<&std::path::Path>,
    out: Option<&std::path::Path>,
    font: Option<&std::path::Path>,
) -> Result<CheckOutcome, Error> {
    let rules = match rules_file {
        Some(p) => rules::load(p)?,
        None => rules::defaults(),
    };
    let ds = ingest::load(dir)?;
    let net = network::Network::build(&ds);
    let findings = metrics::compliance::check(&ds, &net, &rules);
    let mut files = Vec::new();
    if let Some(out) = out {
        let stage = export::Staging::create(out)?;
        let tables = stage.path.join("tables");
        export::mkdir(&tables)?;
        export::tables::write_csv(
            &tables,
            &export::tables::compliance(
                &ds,
                &rules,
                &findings,
                export::tables::TextCells::SpreadsheetSafe,
            ),
        )?;
        if render::font::ensure(font).is_some() {
            let figures = stage.path.join("figures");
            export::mkdir(&figures)?;
            render::write_chart(
                &figures,
                &render::compliance::ComplianceChart::new(&rules, &findings),
                &render::style::Style::default(),
            )?;
        }
        files = export::list_files(&stage.path)?;
        stage.commit(out)?;
    }
    Ok(CheckOutcome {
        dataset: ds,
        rules,
        findings,
        files,
    })
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

/// For the benchmark: the time of a plain BFS from every organisation over the
/// projection's CSR (both cores), with the graph's size and its closed-twin classes, as
/// `key value` lines.
pub fn lower_bound(dir: &std::path::Path) -> Result<String, Error> {
    let ds = ingest::load(dir)?;
    let net = network::Network::build(&ds);
    let g = &net.projection;
    let (seconds, visited) = metrics::centrality::bfs_lower_bound(g);
    let t = std::time::Instant::now();
    let (reps, _, _) = metrics::centrality::closed_twin_classes(g);
    let twin_seconds = t.elapsed().as_secs_f64();
    let multi = metrics::two_mode_paths::MultiTies::of(&net);
    Ok(format!(
        "two_mode_edges {}\nmulti_tie_entries {}\ntwo_mode_used {}\n",
        net.collaboration_members.targets.len(),
        multi.len(),
        metrics::two_mode_paths::cheaper_than_projection(&net, &multi)
    ) + &format!(
        "organizations {}\nties {}\nbfs_per_source_seconds {seconds:.3}\nbfs_nodes_visited {visited}\ntwin_classes {}\ntwin_detection_seconds {twin_seconds:.3}\n",
        g.nodes(),
        g.ties(),
        reps.len()
    ))
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
