//! Generate: synthetic datasets in the input contract, from a seed — for tests,
//! benchmarks and demonstrations, not for conclusions about the real world.
//!
//! [`random`] makes a dataset of any size shaped like the public record; [`scenario`]
//! makes the 'models' scenario (Suzhou, Xiamen, the Yangtze Delta, central SOEs); both
//! build rows with [`contract`]'s tables, chains and names, and [`files`] turns them into
//! the contract's CSV bytes. Writes nothing itself: `consortia generate` stages the files.

pub mod contract;
pub mod random;
pub mod scenario;

use crate::config::{GenerateConfig, Generated};

/// The six files of a generated dataset, as (file name, bytes), in the contract's order.
/// Same configuration, same bytes.
pub fn files(config: &GenerateConfig) -> Vec<(&'static str, Vec<u8>)> {
    let (tables, quirks) = match &config.what {
        Generated::Random(shape) => (random::build(shape, config.seed), shape.quirks),
        Generated::Scenario => (scenario::models(config.seed), false),
    };
    tables
        .iter()
        .enumerate()
        .map(|(i, (name, header, rows))| {
            (
                *name,
                contract::render(header, rows, quirks, i, config.seed),
            )
        })
        .collect()
}

/// For unit tests of the maths: a random dataset of this size (default shape), written to
/// a temporary folder and loaded through ingest, as a user's would be.
#[cfg(test)]
pub fn test_dataset(
    orgs: usize,
    consortia: usize,
    projects: usize,
    seed: u64,
) -> crate::dataset::Dataset {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let config = GenerateConfig {
        what: Generated::Random(crate::config::RandomShape {
            orgs,
            consortia,
            projects,
            quirks: false,
            connected: false,
            giant: 0,
        }),
        seed,
        out: tmp.path().to_path_buf(),
    };
    for (name, bytes) in files(&config) {
        std::fs::write(tmp.path().join(name), bytes).expect("write");
    }
    crate::ingest::load(tmp.path()).expect("a generated dataset loads")
}
