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
