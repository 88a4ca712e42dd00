//! Commands: one file per subcommand, each taking its typed options (from `config.rs`) and
//! returning an outcome whose `Display` is what `consortia` prints on stdout. They call
//! the stages — ingest → network → metrics → render / report / export — in that order,
//! and hand every file to [`crate::export::Staging`].

pub mod analyze;
pub mod batch;
pub mod check;
pub mod compare;
pub mod generate;
pub mod lower_bound;
pub mod validate;

use std::fmt::Display;
use std::path::PathBuf;

use crate::config::{
    AnalyzeConfig, BatchConfig, CheckConfig, CompareConfig, GenerateConfig, ValidateConfig,
};
use crate::error::Error;

/// A command with its validated options.
#[derive(Debug, Clone)]
pub enum Request {
    /// `consortia analyze`, and what it shows on stderr as it runs.
    Analyze(AnalyzeConfig, analyze::Show),
    /// `consortia validate DATASET`.
    Validate(ValidateConfig),
    /// `consortia check`.
    Check(CheckConfig),
    /// `consortia compare`.
    Compare(CompareConfig),
    /// `consortia batch`.
    Batch(BatchConfig),
    /// `consortia generate`.
    Generate(GenerateConfig),
    /// `consortia lower-bound DATASET` (for the benchmark).
    LowerBound(PathBuf),
}

/// What a command did: its stdout text (`Display`), lines for stderr, and whether the
/// command as a whole failed after writing its output (`check --strict`, a failed dataset
/// of a batch).
pub trait Outcome: Display {
    /// Lines for stderr (warnings, timings), without the `consortia: ` prefix.
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }
    /// An error to end with although the command ran.
    fn verdict(&self) -> Result<(), Error> {
        Ok(())
    }
}

/// Run one command.
pub fn run(request: Request) -> Result<Box<dyn Outcome>, Error> {
    Ok(match request {
        Request::Analyze(config, show) => Box::new(analyze::run(&config, show)?),
        Request::Validate(config) => Box::new(validate::run(&config)?),
        Request::Check(config) => Box::new(check::run(&config)?),
        Request::Compare(config) => Box::new(compare::run(&config)?),
        Request::Batch(config) => Box::new(batch::run(&config)?),
        Request::Generate(config) => Box::new(generate::run(&config)?),
        Request::LowerBound(dataset) => Box::new(lower_bound::run(&dataset)?),
    })
}
