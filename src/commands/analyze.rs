//! `consortia analyze`: one dataset through the whole pipeline — rules, ingest, the yearly
//! panel, the `--as-of` cut, network, metrics — into one [`Analysis`], which the writers
//! read (tables, figures, summary, report, run.toml) and the staging folder stores,
//! atomically.

use std::fmt;
use std::sync::atomic::Ordering;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Outcome;
use crate::config::AnalyzeConfig;
use crate::error::{Error, Problem};
use crate::export::{graph, summary, tables, Staging};
use crate::metrics::paths::Progress;
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
    /// The font the figures were drawn with (not CJK-capable: labels fell back to English
    /// names).
    pub font: FigureFont,
    /// Characters of the data that font has no glyph for (drawn as boxes).
    pub missing_glyphs: Vec<char>,
    /// Why the graph exports hold fewer organisations than the data, if they do.
    pub export_note: Option<String>,
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
pub fn run(config: &AnalyzeConfig, show: Show) -> Result<Analyzed, Error> {
    let progress = Progress::default();
    let mut done = if show.progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("template"));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        let finished = std::sync::atomic::AtomicBool::new(false);
        let done = std::thread::scope(|scope| {
            // Path metrics report their sources; the bar follows them while they run.
            scope.spawn(|| {
                while !finished.load(Ordering::Relaxed) {
                    let total = progress.total.load(Ordering::Relaxed);
                    if total > 0 && bar.message().starts_with("metrics") {
                        let done = progress.done.load(Ordering::Relaxed);
                        bar.set_message(format!("metrics: path sources {done}/{total}"));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
            });
            let on_phase = |phase: &'static str| bar.set_message(phase);
            let done = run_observed(config, &on_phase, &progress);
            finished.store(true, Ordering::Relaxed);
            done
        });
        bar.finish_and_clear();
        done?
    } else {
        run_observed(config, &|_| {}, &progress)?
    };
    done.show_timings = show.timings;
    Ok(done)
}

/// What `analyze` shows on stderr besides warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Show {
    /// The wall time of every phase, at the end (`--timings`).
    pub timings: bool,
    /// Phases and the path metrics' sources as they run (a terminal without `--quiet`).
    pub progress: bool,
}

/// [`run`], calling `on_phase` as each phase starts (for progress bars), advancing
/// `progress` as the path metrics traverse their sources, and timing every phase.
pub fn run_observed(
    config: &AnalyzeConfig,
    on_phase: &(dyn Fn(&'static str) + Sync),
    progress: &Progress,
) -> Result<Analyzed, Error> {
    with_threads(config.threads, || {
        let clock = Clock::new(on_phase);
        clock.start("rules");
        let rules = match &config.rules {
            Some(path) => rules::load(path)?,
            None => rules::defaults(),
        };
        clock.start("load+validate");
        let columns = ingest::ColumnMap::read(config.columns.as_deref())?;
        let dataset = ingest::load_with(&config.dataset, &columns)?;
        // Costs are estimated before any is paid (the yearly panel below counts ties too).
        let sampled = config.betweenness.samples(dataset.organizations.len());
        network::check_budget(&dataset, sampled, config.projection_budget)
            .map_err(Error::TooLarge)?;
        // The yearly panel reads the whole history (through --as-of), so it comes before
        // the cut; everything after the cut sees only the network at the end of that year.
        clock.start("evolution");
        let evolution = metrics::evolution::compute(&dataset, config.region_level, config.as_of);
        let dataset = match config.as_of {
            Some(year) => dataset.as_of(year),
            None => dataset,
        };
        clock.start("project");
        let network = network::Network::build_within(&dataset, config.projection_budget);
        clock.start("metrics");
        let analysis = metrics::analyse(dataset, network, config, rules, evolution, progress);
        let (font, missing_glyphs) =
            render::font::ensure(config.font.as_deref(), &render::text_of(&analysis.dataset));
        let (files, export_note) = write(&analysis, &font, &clock)?;
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
            missing_glyphs,
            export_note,
            organizations: analysis.dataset.organizations.len() as u64,
            ties: analysis.results.network.ties,
            timings,
            show_timings: false,
        })
    })
}

/// Every output of an analysis, staged and committed into `config.out`.
fn write(
    a: &Analysis,
    font: &FigureFont,
    clock: &Clock<'_>,
) -> Result<(Vec<String>, Option<String>), Error> {
    clock.start("tables");
    let stage = Staging::create(&a.config.out)?;
    let tables = tables::analysis_tables(a);
    for table in &tables {
        stage.write_table("tables", table)?;
        if a.config.parquet {
            stage.write_parquet("tables", table)?;
        }
    }
    clock.start("figures");
    let labels = Labels { cjk: font.cjk };
    let view = render::analysis_view(a, labels);
    let figures = render::analysis_figures(
        a,
        &view,
        labels,
        &render::style::Style::for_width(a.config.figure_width),
    )?;
    stage.write_figures(&figures)?;
    clock.start("report");
    stage.write(
        "run.toml",
        runfile::run_toml(&a.config, &a.dataset.fingerprints).as_bytes(),
    )?;
    stage.write("summary.json", &summary::json(a, Some(font), &figures))?;
    stage.write(
        "report.html",
        report::analysis::page(a, &view, &tables, &figures, Some(font)).as_bytes(),
    )?;
    clock.start("exports");
    let exports = graph::network::files(a, &view, &tables)
        .map_err(|e| Error::io("cannot build the graph exports", e))?;
    for (path, bytes) in &exports.files {
        stage.write(path, bytes)?;
    }
    Ok((stage.commit(&a.config.out)?, exports.note))
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
            if let Some(kb) = peak_memory_kb() {
                notes.push(format!("peak memory: {} MB (resident, VmHWM)", kb / 1024));
            }
        }
        notes.extend(self.warnings.iter().map(|p| format!("warning: {p}")));
        if !self.font.cjk {
            notes.push(format!(
                "warning: the font {} has no Chinese glyphs; figures use English names \
                 (leave out --font to use the embedded Chinese font)",
                self.font.family
            ));
        }
        if let Some(note) = &self.export_note {
            notes.push(format!("warning: {note}"));
        }
        if !self.missing_glyphs.is_empty() {
            notes.push(format!(
                "warning: the figures' font {} has no glyph for {} character{} of the data ({}): \
                 they are drawn as boxes; pass --font FILE with a font that has them",
                self.font.family,
                self.missing_glyphs.len(),
                if self.missing_glyphs.len() == 1 {
                    ""
                } else {
                    "s"
                },
                self.missing_glyphs
                    .iter()
                    .take(20)
                    .map(|c| format!("{c} U+{:04X}", *c as u32))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
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

/// The process's peak resident memory so far, in kB (Linux's VmHWM in /proc/self/status);
/// `None` where that file does not exist.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
