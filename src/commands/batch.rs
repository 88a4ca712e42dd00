//! `consortia batch`: analyse many datasets in one run.
//!
//! Each dataset is analysed exactly as `analyze` would (its own folder, staged and
//! committed, with `run.toml` recording its options); a failing dataset is recorded and
//! the batch goes on. At the end: `batch_summary.csv` and `index.html` (reproducible byte
//! for byte), `batch_timings.csv` (seconds per phase: the one file that changes between
//! runs), and a non-zero exit status when any dataset failed. Options come from the
//! command line or a TOML file (read by `runfile.rs`).

use std::fmt;
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::Outcome;
use crate::config::BatchConfig;
use crate::error::Error;
use crate::export::Staging;
use crate::output::{text as safe, BatchOutcome};
use crate::report;

/// Every dataset's outcome, in the order given, and where they went.
#[derive(Debug, Clone)]
pub struct Batched {
    /// The batch's folder.
    pub out: std::path::PathBuf,
    /// One outcome per dataset.
    pub outcomes: Vec<BatchOutcome>,
}

/// Run a batch: every dataset, `jobs` at a time, with progress bars on stderr unless
/// quiet. Writes the summary files; returns every outcome in order.
pub fn run(plan: &BatchConfig) -> Result<Batched, Error> {
    let quiet = plan.quiet;
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
            let result = super::analyze::run_observed(
                &item.config,
                &on_phase,
                &crate::metrics::paths::Progress::default(),
            );
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
    Ok(Batched {
        out: plan.out.clone(),
        outcomes,
    })
}

/// Write `batch_summary.csv`, `batch_timings.csv` and `index.html` (staged, then moved
/// into the batch folder beside the datasets' folders).
fn write_summary(plan: &BatchConfig, outcomes: &[BatchOutcome]) -> Result<(), Error> {
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
    let stage = Staging::create(&plan.out)?;
    stage.write("batch_summary.csv", &summary)?;
    stage.write("batch_timings.csv", &timings)?;
    stage.write("index.html", report::batch::page(outcomes).as_bytes())?;
    stage.commit_into(&plan.out).map(|_| ())
}

/// The text table printed at the end of a batch.
fn summary_text(outcomes: &[BatchOutcome]) -> String {
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

impl fmt::Display for Batched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&summary_text(&self.outcomes))?;
        writeln!(
            f,
            "wrote {} (index.html, batch_summary.csv, batch_timings.csv)",
            self.out.display()
        )
    }
}

impl Outcome for Batched {
    fn verdict(&self) -> Result<(), Error> {
        let failed: Vec<String> = self
            .outcomes
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
}
