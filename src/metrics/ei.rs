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
//! on the thread count. Complexity: O(n + m) for the indices, O(R · (n + m)) for the test
//! (one pass over the ties per permutation serves the three groupings); above [`BUDGET`]
//! steps R is reduced, with a warning.

use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::error::Problem;
use crate::metrics::random::{shuffle, stream};
use crate::metrics::regions::Regions;
use crate::network::{Network, Projection};

/// Permutations per block (one random stream each).
pub const BLOCK: usize = 32;
/// Steps (permutations × (organisations + ties)) allowed for the test: the large preset's
/// 2,000 permutations of 8.5 million organisations and ties fit (about 1.7·10¹⁰).
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

/// Each tie once, as the larger end's list per smaller end: `targets[offsets[u]..offsets[u
/// + 1]]` are the neighbours v > u of u. Read front to back by every permutation.
struct Upper {
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Upper {
    fn of(g: &Projection) -> Upper {
        let mut offsets = Vec::with_capacity(g.nodes() + 1);
        let mut targets = Vec::with_capacity(g.ties());
        offsets.push(0);
        for u in 0..g.nodes() {
            let nb = g.neighbors(u);
            targets.extend_from_slice(&nb[nb.partition_point(|&v| (v as usize) <= u)..]);
            offsets.push(targets.len());
        }
        Upper { offsets, targets }
    }

    /// Ties inside one group, for each of the `K` labellings packed per organisation.
    fn internal<const K: usize>(&self, label: &[[u32; K]]) -> [u64; K] {
        let mut same = [0u64; K];
        for (u, lu) in label.iter().enumerate() {
            for &v in &self.targets[self.offsets[u]..self.offsets[u + 1]] {
                let lv = &label[v as usize];
                for k in 0..K {
                    same[k] += (lu[k] == lv[k]) as u64;
                }
            }
        }
        same
    }
}

fn ei(e: u64, i: u64) -> Option<f64> {
    (e + i > 0).then(|| (e as f64 - i as f64) / (e + i) as f64)
}

/// E-I rows of every grouping and the permutation test with `permutations` under `seed`.
///
/// One permutation of the organisations relabels all three groupings at once (each
/// grouping's labels are permuted uniformly, group sizes kept; the three tests share the
/// permutations, which leaves each test as it is), so one read of the ties serves the three.
pub fn compute(
    ds: &Dataset,
    net: &Network,
    g: &Projection,
    regions: &Regions,
    permutations: u32,
    seed: u64,
) -> (EiIndex, Vec<Problem>) {
    let n = g.nodes();
    let ties = g.ties() as u64;
    let groupings = groupings(ds, net, regions);
    let upper = Upper::of(g);
    let mut warnings = Vec::new();
    let mut r = permutations as u64;
    let step = n as u64 + ties;
    if r * step > BUDGET {
        r = BUDGET / step.max(1);
        warnings.push(Problem::in_file(
            "ei_index.csv",
            format!(
                "the permutation test ran {r} permutations instead of {permutations}: each \
                 permutation reads all {ties} ties, and {permutations} of them would take {} \
                 steps, above the budget of {BUDGET}",
                permutations as u64 * step
            ),
        ));
    }
    let base: Vec<[u32; 3]> = (0..n)
        .map(|u| [0, 1, 2].map(|k| groupings[k].of_org[u]))
        .collect();
    let observed = upper.internal(&base);
    let blocks = r.div_ceil(BLOCK as u64);
    let counts: Vec<[u64; 3]> = (0..blocks)
        .into_par_iter()
        .map_init(
            || base.clone(),
            |label, b| {
                // Each block starts from the observed labels: its permutations depend on
                // its stream only, not on the blocks this thread ran before.
                label.copy_from_slice(&base);
                let mut rng = stream(seed, "ei", b);
                let take = (r - b * BLOCK as u64).min(BLOCK as u64);
                (0..take)
                    .map(|_| {
                        shuffle(label, &mut rng);
                        upper.internal(label)
                    })
                    .collect::<Vec<[u64; 3]>>()
            },
        )
        .flatten()
        .collect();
    let mut out = EiIndex {
        permutations: r as u32,
        ..EiIndex::default()
    };
    for (k, gr) in groupings.iter().enumerate() {
        let groups = gr.names.len();
        let (mut inside, mut touching) = (vec![0u64; groups], vec![0u64; groups]);
        for (u, v, _) in g.each_tie() {
            let (a, b) = (gr.of_org[u] as usize, gr.of_org[v] as usize);
            if a == b {
                inside[a] += 1;
            } else {
                touching[a] += 1;
                touching[b] += 1;
            }
        }
        let i_obs = observed[k];
        let dist: Vec<f64> = counts
            .iter()
            .map(|c| ei(ties - c[k], c[k]).unwrap_or(0.0))
            .collect();
        let test = (r > 0 && ties > 0).then(|| {
            let ge = counts.iter().filter(|c| c[k] <= i_obs).count() as f64;
            let le = counts.iter().filter(|c| c[k] >= i_obs).count() as f64;
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
        let upper = Upper::of(&g);
        assert_eq!(upper.targets.len(), 7, "each tie once");
        let label: Vec<[u32; 2]> = [0, 0, 0, 1, 1, 1].iter().map(|&x| [x, 0]).collect();
        // I = 6 inside, E = 1: EI = (1 − 6)/7; everything in one group: I = 7.
        assert_eq!(upper.internal(&label), [6, 7]);
        assert_eq!(ei(1, 6), Some(-5.0 / 7.0));
        // Every labelling splits the 7 ties; a shuffle keeps three of each label.
        let mut l = label.clone();
        let mut rng = stream(1, "t", 0);
        for _ in 0..50 {
            shuffle(&mut l, &mut rng);
            assert_eq!(l.iter().filter(|x| x[0] == 0).count(), 3);
            assert!(upper.internal(&l)[0] <= 6);
        }
    }
}
