//! Krackhardt & Stern's E-I index of the projection's ties (unweighted) by region, by
//! organisation type and by programme, with a permutation test of the whole-network index.
//!
//! Reference: D. Krackhardt & R. N. Stern, "Informal networks and organizational crises",
//! *Social Psychology Quarterly* 51 (1988); the permutation test as UCINET's: group labels
//! permuted among all organisations (isolates included), group sizes kept.
//!
//! For a group g: I = ties with both ends in g, E = ties with exactly one end in g, EI =
//! (E − I)/(E + I). Whole network (group `*`): I = ties within groups, E = ties between.
//! With R permutations: expected EI = mean over them; p_greater = (1 + #{EI_perm ≥
//! EI_obs})/(R + 1), p_less likewise with ≤. As E + I is the number of ties in every
//! permutation, EI_perm ≥ EI_obs exactly when I_perm ≤ I_obs: counts are compared as
//! integers.
//!
//! Permutations run in blocks of [`BLOCK`], block b drawing from its own seeded stream, in
//! parallel; the counts are collected in permutation order, so the result does not depend
//! on the thread count. Complexity: O(n + m) for the indices, O(R · (n + m)) for the test;
//! above [`BUDGET`] steps R is reduced, with a warning.

use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::error::Problem;
use crate::metrics::random::{shuffle, stream};
use crate::metrics::regions::Regions;
use crate::network::{Network, Projection};

/// Permutations per block (one random stream each).
pub const BLOCK: usize = 32;
/// Steps (permutations × (organisations + ties)) allowed per grouping.
pub const BUDGET: u64 = 20_000_000_000;

/// One row of `ei_index.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct EiRow {
    /// `region`, `type` or `program`.
    pub grouping: &'static str,
    /// The group's label, or `*` for the whole network.
    pub group: String,
    /// I.
    pub internal_ties: u64,
    /// E.
    pub external_ties: u64,
    /// (E − I)/(E + I); `None` without ties.
    pub ei: Option<f64>,
    /// Mean EI over the permutations (whole-network rows only).
    pub expected_ei: Option<f64>,
    /// (1 + #{EI_perm ≥ EI_obs})/(R + 1) (whole-network rows only).
    pub p_greater: Option<f64>,
    /// (1 + #{EI_perm ≤ EI_obs})/(R + 1) (whole-network rows only).
    pub p_less: Option<f64>,
}

/// The E-I results: rows in (grouping, group) code-point order, and each grouping's
/// permutation distribution (EI of every permutation, in order).
#[derive(Debug, Clone, Default)]
pub struct EiIndex {
    /// The table's rows.
    pub rows: Vec<EiRow>,
    /// (grouping, EI of each permutation).
    pub permuted: Vec<(&'static str, Vec<f64>)>,
    /// Permutations run per grouping.
    pub permutations: u32,
}

/// A grouping: label of each organisation, as an index into sorted names.
struct Grouping {
    name: &'static str,
    names: Vec<String>,
    of_org: Vec<u32>,
}

fn grouping(name: &'static str, labels: Vec<String>) -> Grouping {
    let mut names = labels.clone();
    names.sort_unstable();
    names.dedup();
    let of_org = labels
        .iter()
        .map(|l| names.binary_search(l).expect("listed") as u32)
        .collect();
    Grouping {
        name,
        names,
        of_org,
    }
}

/// The three groupings, in the table's order (code-point order of their names).
fn groupings(ds: &Dataset, net: &Network, regions: &Regions) -> Vec<Grouping> {
    vec![
        grouping("program", crate::metrics::programs::label_of_orgs(ds, net)),
        grouping(
            "region",
            regions
                .of_org
                .iter()
                .map(|&r| regions.labels[r as usize].clone())
                .collect(),
        ),
        grouping(
            "type",
            ds.organizations
                .iter()
                .map(|o| o.org_type.as_str().to_string())
                .collect(),
        ),
    ]
}

/// Ties inside one group, counted on the upper triangle of the adjacency.
fn internal(g: &Projection, upper: &[usize], label: &[u32]) -> u64 {
    let mut same = 0u64;
    for u in 0..g.nodes() {
        let lu = label[u];
        let row = &g.adjacency.targets[upper[u]..g.adjacency.offsets[u + 1]];
        same += row.iter().filter(|&&v| label[v as usize] == lu).count() as u64;
    }
    same
}

fn ei(e: u64, i: u64) -> Option<f64> {
    (e + i > 0).then(|| (e as f64 - i as f64) / (e + i) as f64)
}

/// E-I rows of every grouping and the permutation test with `permutations` under `seed`.
pub fn compute(
    ds: &Dataset,
    net: &Network,
    regions: &Regions,
    permutations: u32,
    seed: u64,
) -> (EiIndex, Vec<Problem>) {
    let g = &net.projection;
    let n = g.nodes();
    let ties = g.ties() as u64;
    let upper: Vec<usize> = (0..n)
        .map(|u| g.adjacency.offsets[u] + g.neighbors(u).partition_point(|&v| (v as usize) <= u))
        .collect();
    let mut warnings = Vec::new();
    let mut r = permutations as u64;
    let step = n as u64 + ties;
    if r * step > BUDGET {
        r = BUDGET / step.max(1);
        warnings.push(Problem::in_file(
            "ei_index.csv",
            format!(
                "the permutation test ran {r} permutations instead of {permutations}: each \
                 permutation reads all {ties} ties, and {permutations} of them would take \
                 {} steps per grouping, above the budget of {BUDGET}",
                permutations as u64 * step
            ),
        ));
    }
    let mut out = EiIndex {
        permutations: r as u32,
        ..EiIndex::default()
    };
    for gr in groupings(ds, net, regions) {
        let k = gr.names.len();
        let (mut inside, mut touching) = (vec![0u64; k], vec![0u64; k]);
        for (u, v, _) in g.each_tie() {
            let (a, b) = (gr.of_org[u] as usize, gr.of_org[v] as usize);
            if a == b {
                inside[a] += 1;
            } else {
                touching[a] += 1;
                touching[b] += 1;
            }
        }
        let i_obs: u64 = inside.iter().sum();
        let blocks = r.div_ceil(BLOCK as u64);
        let counts: Vec<u64> = (0..blocks)
            .into_par_iter()
            .map_init(
                || gr.of_org.clone(),
                |label, b| {
                    // Each block starts from the observed labels: its permutations depend
                    // on its stream only, not on the blocks this thread ran before.
                    label.copy_from_slice(&gr.of_org);
                    let mut rng = stream(seed, &format!("ei/{}", gr.name), b);
                    let take = (r - b * BLOCK as u64).min(BLOCK as u64);
                    (0..take)
                        .map(|_| {
                            shuffle(label, &mut rng);
                            internal(g, &upper, label)
                        })
                        .collect::<Vec<u64>>()
                },
            )
            .flatten()
            .collect();
        let dist: Vec<f64> = counts
            .iter()
            .map(|&i| ei(ties - i, i).unwrap_or(0.0))
            .collect();
        let test = (r > 0 && ties > 0).then(|| {
            let ge = counts.iter().filter(|&&i| i <= i_obs).count() as f64;
            let le = counts.iter().filter(|&&i| i >= i_obs).count() as f64;
            (
                dist.iter().sum::<f64>() / r as f64,
                (1.0 + ge) / (r as f64 + 1.0),
                (1.0 + le) / (r as f64 + 1.0),
            )
        });
        out.rows.push(EiRow {
            grouping: gr.name,
            group: "*".to_string(),
            internal_ties: i_obs,
            external_ties: ties - i_obs,
            ei: ei(ties - i_obs, i_obs),
            expected_ei: test.map(|t| t.0),
            p_greater: test.map(|t| t.1),
            p_less: test.map(|t| t.2),
        });
        for (c, name) in gr.names.iter().enumerate() {
            out.rows.push(EiRow {
                grouping: gr.name,
                group: name.clone(),
                internal_ties: inside[c],
                external_ties: touching[c],
                ei: ei(touching[c], inside[c]),
                expected_ei: None,
                p_greater: None,
                p_less: None,
            });
        }
        out.permuted
            .push((gr.name, if ties > 0 { dist } else { Vec::new() }));
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutations_keep_group_sizes_and_count_like_the_definition() {
        // Two triangles joined by a bridge; labels: first triangle A, second B.
        let g = Projection::from_ties(
            6,
            &[
                (0, 1, 1),
                (1, 2, 1),
                (0, 2, 1),
                (3, 4, 1),
                (4, 5, 1),
                (3, 5, 1),
                (2, 3, 1),
            ],
        );
        let upper: Vec<usize> = (0..6)
            .map(|u| g.adjacency.offsets[u] + g.neighbors(u).partition_point(|&v| v as usize <= u))
            .collect();
        let label = [0, 0, 0, 1, 1, 1];
        // I = 6 inside, E = 1: EI = (1 − 6)/7.
        assert_eq!(internal(&g, &upper, &label), 6);
        assert_eq!(ei(1, 6), Some(-5.0 / 7.0));
        // Every labelling splits the 7 ties; a shuffle keeps three of each label.
        let mut l = label.to_vec();
        let mut rng = stream(1, "t", 0);
        for _ in 0..50 {
            shuffle(&mut l, &mut rng);
            assert_eq!(l.iter().filter(|&&x| x == 0).count(), 3);
            assert!(internal(&g, &upper, &l) <= 6);
        }
    }
}
