//! `consortia analyze`: one dataset through the whole pipeline — rules, ingest, network,
//! metrics — into one [`Analysis`], which the writers read (tables, figures, summary,
//! report, run.toml) and the staging folder stores, atomically.

use std::fmt;

use super::Outcome;
use crate::config::AnalyzeConfig;
use crate::error::{Error, Problem};
use crate::export::{summary, tables, Staging};
use crate::metrics::{self, Analysis};
use crate::output::FigureFont;
use crate::render::{self, Labels};
use crate::{ingest, network, report, rules, runfile};

/// What `analyze` did: the folder, the files in it, the load warnings, the font, sizes
/// and timings.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// The output folder.
    pub out: std::path::PathBuf,
    /// Files written, relative to `out`, sorted.
    pub files: Vec<String>,
    /// Warnings raised while loading (also in summary.json).
    pub warnings: Vec<Problem>,
    /// The font the figures were drawn with; `None` or not CJK-capable means labels fell
    /// back to English names.
    pub font: Option<FigureFont>,
    /// Organisations analysed.
    pub organizations: u64,
    /// Ties of the projection.
    pub ties: u64,
    /// Wall seconds per phase, in order (`metrics/…` entries overlap: they run in parallel).
    pub timings: Vec<(String, f64)>,
    /// Whether the timings are printed (`--timings`).
    pub show_timings: bool,
}

/// Analyse one dataset and write its output folder.
pub fn run(config: &AnalyzeConfig, show_timings: bool) -> Result<Analyzed, Error> {
    let mut done = run_observed(config, &|_| {})?;
    done.show_timings = show_timings;
    Ok(done)
}

/// [`run`], calling `on_phase` as each phase starts (for progress bars) and timing every
/// phase.
pub fn run_observed(
    config: &AnalyzeConfig,
    on_phase: &(dyn Fn(&'static str) + Sync),
) -> Result<Analyzed, Error> {
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
        let analysis = metrics::analyse(dataset, network, config, rules);
        let font = render::font::ensure(config.font.as_deref());
        let files = write(&analysis, font.as_ref(), &clock)?;
        let mut timings = clock.finish();
        // The metrics phase in detail (these overlap in time: they run in parallel).
        timings.extend(
            analysis
                .results
                .timings
                .iter()
                .map(|(k, v)| (format!("metrics/{k}"), *v)),
        );
        Ok(Analyzed {
            files,
            out: config.out.clone(),
            warnings: analysis
                .dataset
                .warnings
                .iter()
                .chain(&analysis.results.warnings)
                .cloned()
                .collect(),
            font,
            organizations: analysis.dataset.organizations.len() as u64,
            ties: analysis.results.network.ties,
            timings,
            show_timings: false,
        })
    })
}

/// Every output of an analysis, staged and committed into `config.out`.
fn write(a: &Analysis, font: Option<&FigureFont>, clock: &Clock<'_>) -> Result<Vec<String>, Error> {
    clock.start("tables");
    let stage = Staging::create(&a.config.out)?;
    let tables = tables::analysis_tables(a);
    for table in &tables {
        stage.write_table("tables", table)?;
    }
    clock.start("figures");
    let figures = match font {
        Some(f) => render::analysis_figures(
            a,
            Labels { cjk: f.cjk },
            &render::style::Style::for_width(a.config.figure_width),
        )?,
        None => Vec::new(),
    };
    stage.write_figures(&figures)?;
    clock.start("report");
    stage.write(
        "run.toml",
        runfile::run_toml(&a.config, &a.dataset.fingerprints).as_bytes(),
    )?;
    stage.write("summary.json", &summary::json(a, font, &figures))?;
    stage.write(
        "report.html",
        report::analysis::page(a, &tables, &figures, font).as_bytes(),
    )?;
    stage.commit(&a.config.out)
}

impl fmt::Display for Analyzed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "wrote {} files to {} ({} warning{})",
            self.files.len(),
            self.out.display(),
            self.warnings.len(),
            if self.warnings.len() == 1 { "" } else { "s" }
        )
    }
}

impl Outcome for Analyzed {
    fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.show_timings {
            for (phase, s) in &self.timings {
                notes.push(format!("time {phase}: {s:.3} s"));
            }
        }
        notes.extend(self.warnings.iter().map(|p| format!("warning: {p}")));
        match &self.font {
            Some(f) if f.cjk => {}
            Some(f) => notes.push(format!(
                "warning: no font with Chinese glyphs found; figures use {} and English names. \
                 Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) or pass --font FILE",
                f.family
            )),
            None => notes.push(
                "warning: no usable font found, figures were not drawn. \
                 Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) or pass --font FILE"
                    .to_string(),
            ),
        }
        notes
    }
}

/// Wall time of consecutive phases; tells an observer when each starts.
struct Clock<'a> {
    on_phase: &'a (dyn Fn(&'static str) + Sync),
    current: std::sync::Mutex<Option<(&'static str, std::time::Instant)>>,
    done: std::sync::Mutex<Vec<(String, f64)>>,
}

impl<'a> Clock<'a> {
    fn new(on_phase: &'a (dyn Fn(&'static str) + Sync)) -> Self {
        Clock {
            on_phase,
            current: std::sync::Mutex::new(None),
            done: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// End the current phase (if any) and start `name`.
    fn start(&self, name: &'static str) {
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
    fn finish(&self) -> Vec<(String, f64)> {
        self.stop();
        std::mem::take(&mut *self.done.lock().expect("clock"))
    }
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
