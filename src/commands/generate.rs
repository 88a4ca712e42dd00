//! `consortia generate`: a synthetic dataset (random, or the 'models' scenario) written
//! into a folder, replacing the contract's files and keeping any other file there.

use std::fmt;

use super::Outcome;
use crate::config::{GenerateConfig, Generated};
use crate::error::Error;
use crate::export::Staging;
use crate::generate;

/// What was generated, and where.
#[derive(Debug, Clone)]
pub struct GeneratedDataset {
    /// The options.
    pub config: GenerateConfig,
}

/// Generate and write.
pub fn run(config: &GenerateConfig) -> Result<GeneratedDataset, Error> {
    let stage = Staging::create(&config.out)?;
    for (name, bytes) in generate::files(config) {
        stage.write(name, &bytes)?;
    }
    stage.commit_into(&config.out)?;
    Ok(GeneratedDataset {
        config: config.clone(),
    })
}

impl fmt::Display for GeneratedDataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.config;
        match &c.what {
            Generated::Scenario => writeln!(
                f,
                "wrote the 'models' scenario (seed {}) to {}",
                c.seed,
                c.out.display()
            ),
            Generated::Random(s) => writeln!(
                f,
                "wrote a synthetic dataset ({} organisations, {} consortia, {} projects, seed {}) to {}",
                s.orgs,
                s.consortia,
                s.projects,
                c.seed,
                c.out.display()
            ),
        }
    }
}

impl Outcome for GeneratedDataset {}
