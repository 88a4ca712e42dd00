//! `consortia batch`: analyse many datasets in one run.
//!
//! Datasets come from the command line or a TOML config holding the datasets and every
//! analyse option. Each dataset is analysed exactly as `analyze` would (its own folder,
//! written atomically, with `run.toml` recording its options); a failing dataset is
//! recorded and the batch goes on. At the end: `batch_summary.csv` and `index.html`
//! (reproducible byte for byte), `batch_timings.csv` (seconds per phase: the one file that
//! changes between runs), and a non-zero exit status when any dataset failed.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Deserialize;

use crate::config::{AnalyzeConfig, ColorBy, RegionLevel};
use crate::error::{Error, LoadError, Problem};
use crate::export::cell::text as safe;

/// One dataset of a batch and the options it runs with.
#[derive(Debug, Clone)]
pub struct BatchItem {
    /// Output sub-folder name (unique in the batch).
    pub name: String,
    /// The analysis to run.
    pub config: AnalyzeConfig,
}

/// A whole batch.
#[derive(Debug, Clone)]
pub struct BatchPlan {
    /// Output folder.
    pub out: PathBuf,
    /// Datasets analysed at once.
    pub jobs: usize,
    /// The datasets, in the order given.
    pub items: Vec<BatchItem>,
}

/// How one dataset went.
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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOptions {
    region_level: Option<String>,
    color_by: Option<String>,
    width: Option<u32>,
    dpi: Option<u32>,
    rules: Option<PathBuf>,
    font: Option<PathBuf>,
    threads: Option<usize>,
    betweenness: Option<String>,
    epsilon: Option<f64>,
    delta: Option<f64>,
    seed: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    path: PathBuf,
    name: Option<String>,
    region_level: Option<String>,
    color_by: Option<String>,
    width: Option<u32>,
    dpi: Option<u32>,
    rules: Option<PathBuf>,
}

/// Per-dataset overrides (the same keys as `[analyze]`).
#[derive(Default)]
struct RawOptionsFlat {
    region_level: Option<String>,
    color_by: Option<String>,
    width: Option<u32>,
    dpi: Option<u32>,
    rules: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    out: Option<PathBuf>,
    jobs: Option<usize>,
    #[serde(default)]
    analyze: RawOptions,
    #[serde(default)]
    dataset: Vec<RawDataset>,
}

/// Default datasets at once: one per two cores (each analysis is itself parallel).
pub fn default_jobs() -> usize {
    (std::thread::available_parallelism().map_or(1, |n| n.get()) / 2).max(1)
}

/// Build a plan from a TOML config (paths relative to the config file's folder), the
/// command line's datasets (added after the config's) and its `--out`/`--jobs` (which win).
pub fn plan(
    config_file: Option<&Path>,
    datasets: &[PathBuf],
    out: Option<&Path>,
    jobs: Option<usize>,
) -> Result<BatchPlan, Error> {
    let mut problems = Vec::new();
    let (raw, base, file_name) = match config_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let raw: RawConfig = toml::from_str(&text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
                Error::Config(LoadError {
                    dataset: path.to_path_buf(),
                    problems: vec![Problem {
                        file: name.clone(),
                        line,
                        column: None,
                        message: e.message().to_string(),
                    }],
                })
            })?;
            let base = path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            (Some(raw), base, name)
        }
        None => (None, PathBuf::from("."), String::new()),
    };
    let resolve = |p: &Path| {
        if p.is_absolute() || config_file.is_none() {
            p.to_path_buf()
        } else {
            base.join(p)
        }
    };
    let out = out
        .map(Path::to_path_buf)
        .or_else(|| raw.as_ref().and_then(|r| r.out.as_deref().map(resolve)));
    let Some(out) = out else {
        return Err(Error::Usage(
            "batch needs an output folder: --out OUT, or out = \"…\" in the config".into(),
        ));
    };
    let config_jobs = raw.as_ref().and_then(|r| r.jobs);
    let (defaults_owned, raw_datasets) = match raw {
        Some(r) => (Some(r.analyze), r.dataset),
        None => (None, Vec::new()),
    };
    let defaults = defaults_owned.as_ref();
    let mut entries: Vec<(PathBuf, Option<String>, RawOptionsFlat)> = Vec::new();
    {
        for d in raw_datasets {
            entries.push((
                resolve(&d.path),
                d.name,
                RawOptionsFlat {
                    region_level: d.region_level,
                    color_by: d.color_by,
                    width: d.width,
                    dpi: d.dpi,
                    rules: d.rules,
                },
            ));
        }
    }
    for d in datasets {
        entries.push((d.clone(), None, RawOptionsFlat::default()));
    }
    if entries.is_empty() {
        return Err(Error::Usage(
            "batch needs datasets: give folders, or [[dataset]] path = \"…\" in the config".into(),
        ));
    }
    let names =
        crate::compare::dataset_names(&entries.iter().map(|e| e.0.clone()).collect::<Vec<_>>());
    let mut items = Vec::new();
    let mut taken = std::collections::BTreeSet::new();
    for (i, ((path, name, o), auto)) in entries.into_iter().zip(names).enumerate() {
        let at = |msg: String| {
            Problem::in_file(
                if file_name.is_empty() {
                    "command line"
                } else {
                    &file_name
                },
                format!("dataset {} ({}): {msg}", i + 1, path.display()),
            )
        };
        let name = name.unwrap_or(auto);
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            problems.push(at(format!("name {name:?} must be a plain folder name")));
        }
        if !taken.insert(name.clone()) {
            problems.push(at(format!("name {name:?} used twice")));
        }
        let mut config = AnalyzeConfig::new(&path, out.join(&name));
        let pick = |own: Option<String>, default: Option<&String>| own.or_else(|| default.cloned());
        match pick(
            o.region_level,
            defaults.and_then(|d| d.region_level.as_ref()),
        )
        .as_deref()
        {
            None | Some("province") => config.region_level = RegionLevel::Province,
            Some("city") => config.region_level = RegionLevel::City,
            Some(v) => problems.push(at(format!(
                "region_level {v:?}: expected \"province\" or \"city\""
            ))),
        }
        match pick(o.color_by, defaults.and_then(|d| d.color_by.as_ref())).as_deref() {
            None | Some("type") => config.color_by = ColorBy::Type,
            Some("region") => config.color_by = ColorBy::Region,
            Some("program") => config.color_by = ColorBy::Program,
            Some(v) => problems.push(at(format!(
                "color_by {v:?}: expected \"type\", \"region\" or \"program\""
            ))),
        }
        let width = o.width.or_else(|| defaults.and_then(|d| d.width));
        let dpi = o.dpi.or_else(|| defaults.and_then(|d| d.dpi));
        config.figure_width = match (width, dpi) {
            (Some(w), _) if (400..=12000).contains(&w) => w,
            (Some(w), _) => {
                problems.push(at(format!("width {w}: expected 400 to 12000")));
                1600
            }
            (None, Some(d)) if (72..=1200).contains(&d) => (d as f64 * 16.0 / 2.54).round() as u32,
            (None, Some(d)) => {
                problems.push(at(format!("dpi {d}: expected 72 to 1200")));
                1600
            }
            (None, None) => 1600,
        };
        config.rules = o
            .rules
            .map(|p| resolve(&p))
            .or_else(|| defaults.and_then(|d| d.rules.as_deref().map(resolve)));
        if let Some(d) = defaults {
            match d.betweenness.as_deref() {
                None | Some("auto") => {}
                Some("exact") => {
                    config.betweenness.choice = crate::config::BetweennessChoice::Exact
                }
                Some("approx") => {
                    config.betweenness.choice = crate::config::BetweennessChoice::Approx
                }
                Some(v) => problems.push(at(format!(
                    "betweenness {v:?}: expected \"auto\", \"exact\" or \"approx\""
                ))),
            }
            if let Some(e) = d.epsilon {
                config.betweenness.epsilon = e;
            }
            if let Some(x) = d.delta {
                config.betweenness.delta = x;
            }
            if let Some(s) = d.seed {
                config.betweenness.seed = s;
            }
        }
        config.font = defaults.and_then(|d| d.font.as_deref().map(resolve));
        config.threads = defaults.and_then(|d| d.threads);
        items.push(BatchItem { name, config });
    }
    if !problems.is_empty() {
        return Err(Error::Config(LoadError {
            dataset: config_file
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("command line")),
            problems,
        }));
    }
    let jobs = jobs
        .or(config_jobs)
        .filter(|&j| j > 0)
        .unwrap_or_else(default_jobs);
    Ok(BatchPlan { out, jobs, items })
}

/// Run a plan: every dataset, `jobs` at a time; progress on `progress` (hidden when
/// quiet). Writes the summary files; returns every outcome in plan order.
pub fn run(plan: &BatchPlan, quiet: bool) -> Result<Vec<BatchOutcome>, Error> {
    crate::export::mkdir(&plan.out)?;
    let multi = MultiProgress::with_draw_target(if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    });
    let total = multi.add(ProgressBar::new(plan.items.len() as u64));
    total.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} datasets {elapsed}")
            .expect("template")
            .progress_chars("=> "),
    );
    total.set_prefix("batch");
    let outcomes: Mutex<Vec<Option<BatchOutcome>>> = Mutex::new(vec![None; plan.items.len()]);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(plan.jobs)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} jobs: {e}", plan.jobs)))?;
    pool.install(|| {
        plan.items.par_iter().enumerate().for_each(|(i, item)| {
            let bar = multi.insert_before(&total, ProgressBar::new_spinner());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix}: {msg} {elapsed}")
                    .expect("template"),
            );
            bar.set_prefix(item.name.clone());
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            let on_phase = |phase: &'static str| bar.set_message(phase);
            let t = Instant::now();
            let result = crate::analyze_observed(&item.config, &on_phase);
            let seconds = t.elapsed().as_secs_f64();
            let outcome = match result {
                Ok(a) => BatchOutcome {
                    name: item.name.clone(),
                    dataset: item.config.dataset.clone(),
                    counts: Some((a.organizations, a.ties)),
                    seconds,
                    timings: a.timings,
                    error: None,
                },
                Err(e) => BatchOutcome {
                    name: item.name.clone(),
                    dataset: item.config.dataset.clone(),
                    counts: None,
                    seconds,
                    timings: Vec::new(),
                    error: Some(e.to_string()),
                },
            };
            bar.finish_and_clear();
            multi.remove(&bar);
            total.inc(1);
            outcomes.lock().expect("outcomes")[i] = Some(outcome);
        })
    });
    total.finish_and_clear();
    let outcomes: Vec<BatchOutcome> = outcomes
        .into_inner()
        .expect("outcomes")
        .into_iter()
        .map(|o| o.expect("every dataset ran"))
        .collect();
    write_summary(plan, &outcomes)?;
    Ok(outcomes)
}

/// Write `batch_summary.csv`, `batch_timings.csv` and `index.html` (each via a temporary
/// file renamed into place).
fn write_summary(plan: &BatchPlan, outcomes: &[BatchOutcome]) -> Result<(), Error> {
    let csv_of = |header: &[&str], rows: Vec<Vec<String>>| -> Result<Vec<u8>, Error> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let fail = |e: csv::Error| Error::io("cannot format the batch summary", e.into());
        w.write_record(header).map_err(fail)?;
        for r in rows {
            w.write_record(&r).map_err(fail)?;
        }
        w.into_inner()
            .map_err(|e| Error::io("cannot format the batch summary", e.into_error()))
    };
    let summary = csv_of(
        &[
            "dataset",
            "status",
            "organizations",
            "ties",
            "error",
            "path",
            "output",
        ],
        outcomes
            .iter()
            .map(|o| {
                vec![
                    safe(&o.name),
                    if o.error.is_none() { "ok" } else { "failed" }.to_string(),
                    o.counts.map(|c| c.0.to_string()).unwrap_or_default(),
                    o.counts.map(|c| c.1.to_string()).unwrap_or_default(),
                    safe(o.error.as_deref().unwrap_or("")),
                    safe(&o.dataset.display().to_string()),
                    safe(&format!("{}/", o.name)),
                ]
            })
            .collect(),
    )?;
    let timings = csv_of(
        &["dataset", "phase", "seconds"],
        outcomes
            .iter()
            .flat_map(|o| {
                std::iter::once(vec![
                    safe(&o.name),
                    "total".into(),
                    format!("{:.3}", o.seconds),
                ])
                .chain(
                    o.timings
                        .iter()
                        .map(|(p, s)| vec![safe(&o.name), p.clone(), format!("{s:.3}")]),
                )
            })
            .collect(),
    )?;
    atomic_write(&plan.out.join("batch_summary.csv"), &summary)?;
    atomic_write(&plan.out.join("batch_timings.csv"), &timings)?;
    atomic_write(
        &plan.out.join("index.html"),
        index_html(outcomes).as_bytes(),
    )
}

fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = path.with_extension(format!("partial-{}", std::process::id()));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(format!("cannot write {}", path.display()), e)
        })
}

/// `index.html`: every dataset with its status and a link to its report.
pub fn index_html(outcomes: &[BatchOutcome]) -> String {
    use crate::report::escape;
    let mut h = String::from(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<title>consortia batch</title><style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:1100px;padding:0 1em}\
table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}\
th{background:#f4f4f4}.failed{color:#b00020}pre{white-space:pre-wrap;margin:0;font-size:.85em}</style></head><body>\
<h1>批量分析 Batch analysis</h1>",
    );
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    h.push_str(&format!(
        "<p>{} datasets: {} analysed, {} failed. Timings are in batch_timings.csv.</p>",
        outcomes.len(),
        outcomes.len() - failed,
        failed
    ));
    h.push_str("<table><thead><tr><th>dataset</th><th>status</th><th>organisations</th><th>ties</th><th>report / error</th></tr></thead><tbody>");
    for o in outcomes {
        let name = escape(&o.name);
        match (&o.error, o.counts) {
            (None, Some((n, t))) => h.push_str(&format!(
                "<tr><td>{name}</td><td>ok</td><td>{n}</td><td>{t}</td><td><a href=\"{href}/report.html\">report</a> · <a href=\"{href}/tables/\">tables</a> · <a href=\"{href}/summary.json\">summary.json</a></td></tr>",
                href = escape(&percent_path(&o.name))
            )),
            (e, _) => h.push_str(&format!(
                "<tr class=\"failed\"><td>{name}</td><td>failed</td><td></td><td></td><td><pre>{}</pre></td></tr>",
                escape(e.as_deref().unwrap_or(""))
            )),
        }
    }
    h.push_str("</tbody></table></body></html>\n");
    h
}

/// Percent-encode a folder name for an href (everything but unreserved ASCII).
fn percent_path(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The text table printed at the end of a batch.
pub fn summary_text(outcomes: &[BatchOutcome]) -> String {
    let mut s = format!(
        "{:<28} {:<7} {:>13} {:>10} {:>8}  error\n",
        "dataset", "status", "organisations", "ties", "seconds"
    );
    for o in outcomes {
        let first_line = o
            .error
            .as_deref()
            .map(|e| e.lines().next().unwrap_or("").to_string())
            .unwrap_or_default();
        s.push_str(&format!(
            "{:<28} {:<7} {:>13} {:>10} {:>8.2}  {}\n",
            o.name,
            if o.error.is_none() { "ok" } else { "failed" },
            o.counts.map(|c| c.0.to_string()).unwrap_or_default(),
            o.counts.map(|c| c.1.to_string()).unwrap_or_default(),
            o.seconds,
            first_line
        ));
    }
    s
}

/// `consortia batch` from its flags: plan, run, print the table; an error when any
/// dataset failed.
pub fn run_cli(args: &crate::cli::BatchArgs) -> Result<(), Error> {
    let plan = plan(
        args.config.as_deref(),
        &args.datasets,
        args.out.as_deref(),
        args.jobs,
    )?;
    let quiet = args.quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr());
    let outcomes = run(&plan, quiet)?;
    print!("{}", summary_text(&outcomes));
    println!(
        "wrote {} (index.html, batch_summary.csv, batch_timings.csv)",
        plan.out.display()
    );
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| o.error.is_some())
        .map(|o| o.name.clone())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::BatchFailed(failed))
    }
}
