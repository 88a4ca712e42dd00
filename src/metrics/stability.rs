//! How much the top of the betweenness ranking would move if some memberships were
//! missing from the public record (`--stability R`).
//!
//! For the [`TOP`] organisations of highest betweenness (ties by org_id): the share of R
//! resamples in which the organisation is still among the [`TOP`] of highest betweenness,
//! each resample dropping every membership and project participation independently with
//! probability [`DROP`] (resample r draws from its own seeded stream) and recomputing
//! betweenness as the run does (exact or sampled by the same rule and flags). Resamples
//! run one after another, each internally parallel, so the shares do not depend on the
//! thread count. Complexity: R times the betweenness of the run.

use rand::RngCore;

use crate::config::BetweennessConfig;
use crate::dataset::Dataset;
use crate::metrics::paths;
use crate::metrics::random::stream;
use crate::network::Network;

/// Organisations followed.
pub const TOP: usize = 20;
/// Probability that a membership or participation is dropped in a resample.
pub const DROP: f64 = 0.1;

/// The indices of the `k` largest values, largest first, ties by smaller index.
pub fn top(values: &[f64], k: usize) -> Vec<u32> {
    let mut order: Vec<u32> = (0..values.len() as u32).collect();
    order.sort_by(|&a, &b| {
        values[b as usize]
            .total_cmp(&values[a as usize])
            .then(a.cmp(&b))
    });
    order.truncate(k);
    order
}

/// (organisation, share of resamples in which it stays in the top), in organisation
/// order, for the top of `betweenness`.
pub fn compute(
    ds: &Dataset,
    betweenness: &[f64],
    b: &BetweennessConfig,
    resamples: u32,
    seed: u64,
) -> Vec<(u32, f64)> {
    let mut followed = top(betweenness, TOP);
    followed.sort_unstable();
    let mut stays = vec![0u32; followed.len()];
    let threshold = (DROP * (u64::MAX as f64)) as u64;
    for r in 0..resamples {
        let mut rng = stream(seed, "stability", r as u64);
        let mut kept = ds.clone();
        kept.memberships.retain(|_| rng.next_u64() >= threshold);
        kept.project_members.retain(|_| rng.next_u64() >= threshold);
        let net = Network::build(&kept);
        let (metrics, _, _) = paths::compute(&net, b, &paths::Progress::default());
        let now = top(&metrics.betweenness, TOP);
        for (k, o) in followed.iter().enumerate() {
            stays[k] += now.contains(o) as u32;
        }
    }
    followed
        .iter()
        .zip(stays)
        .map(|(&o, s)| (o, s as f64 / resamples.max(1) as f64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_breaks_ties_by_index() {
        assert_eq!(top(&[0.5, 0.9, 0.5, 0.1], 3), [1, 0, 2]);
        assert_eq!(top(&[0.0; 2], 5), [0, 1]);
    }
}
