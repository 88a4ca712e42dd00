//! Collaboration-network analytics for innovation consortia (创新联合体).
//!
//! The crate reads top to bottom, data flowing one way:
//!
//! - [`cli`] (flags → options) and [`commands`] (one file per subcommand) on top;
//! - the stages, left to right: [`ingest`] (files → [`dataset::Dataset`]) → [`network`]
//!   (two-mode graph and the weighted projection) → [`metrics`] (every measure, gathered in
//!   one [`metrics::Analysis`]) → the writers, which read that result and never call each
//!   other: [`render`] (figures as bytes), [`report`] (HTML pages), [`export`] (tables,
//!   summary.json, and the staging folder, the one place that writes files); [`generate`]
//!   makes synthetic input datasets;
//! - at the bottom, imported by all and importing nothing above: [`config`] (validated
//!   options), [`runfile`] (run.toml / batch.toml), [`rules`] (programme rule sets),
//!   [`dataset`] (the validated model), [`output`] (tables and figures as data) and
//!   [`error`].
//!
//! [`analyze`] runs the whole pipeline for one dataset.

pub mod cli;
pub mod commands;
pub mod config;
pub mod dataset;
pub mod error;
pub mod export;
pub mod generate;
pub mod ingest;
pub mod metrics;
pub mod network;
pub mod output;
pub mod render;
pub mod report;
pub mod rules;
pub mod runfile;

pub use commands::analyze::run as analyze;
pub use config::{AnalyzeConfig, RegionLevel};
pub use error::{Error, LoadError, Problem};
