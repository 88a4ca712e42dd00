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
//! on the thread count. Ties are counted through the incidence lists, never the projection
//! ([`TieCounter`]), so the index is computed whatever the projection budget. Complexity:
//! O(n + M) for the indices, O(R · (n + M)) for the test, M = memberships + multi-ties
//! (one pass per permutation serves the three groupings); above [`BUDGET`] steps R is
//! reduced, with a warning.

use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::error::Problem;
use crate::metrics::random::{shuffle, stream};
use crate::metrics::regions::Regions;
use crate::network::{Csr, Network};

/// Permutations per block (one random stream each).
pub const BLOCK: usize = 32;
/// Steps (permutations × (organisations + memberships + multi-ties)) allowed for the test:
/// 2,000 permutations of a million organisations and their memberships fit.
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

/// The ties inside groups under any labelling, counted through the incidence lists (the
/// projection is never read): Σ_c Σ_g C(m_cg, 2) over the collaborations' members by
/// group, minus (w − 1) for each multi-tie of weight w inside a group (see
/// [`crate::network::incidence`]). Read front to back by every permutation:
/// O(memberships + multi-ties) per labelling, whatever the number of ties.
struct TieCounter<'a> {
    members: &'a Csr,
    /// Each multi-tie once: (u, v, w − 1).
    multi: Vec<(u32, u32, u64)>,
}

impl<'a> TieCounter<'a> {
    fn of(net: &'a Network) -> TieCounter<'a> {
        TieCounter {
            members: &net.collaboration_members,
            multi: net
                .multi_ties
                .each_tie()
                .map(|(u, v, w)| (u as u32, v as u32, w as u64 - 1))
                .collect(),
        }
    }

    /// Steps of one count.
    fn steps(&self) -> u64 {
        (self.members.targets.len() + self.multi.len()) as u64
    }

    /// Ties inside one group, for each of the `K` labellings packed per organisation;
    /// `count[k]` is zero, one cell per label of labelling k, and is left zero.
    fn internal<const K: usize>(&self, label: &[[u32; K]], count: &mut [Vec<u64>; K]) -> [u64; K] {
        let mut same = [0u64; K];
        for c in 0..self.members.rows() {
            let row = self.members.row(c);
            for &u in row {
                let lu = &label[u as usize];
                for k in 0..K {
                    let x = &mut count[k][lu[k] as usize];
                    same[k] += *x;
                    *x += 1;
                }
            }
            for &u in row {
                let lu = &label[u as usize];
                for k in 0..K {
                    count[k][lu[k] as usize] = 0;
                }
            }
        }
        for &(u, v, extra) in &self.multi {
            let (lu, lv) = (&label[u as usize], &label[v as usize]);
            for k in 0..K {
                if lu[k] == lv[k] {
                    same[k] -= extra;
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
    regions: &Regions,
    permutations: u32,
    seed: u64,
) -> (EiIndex, Vec<Problem>) {
    let n = net.nodes();
    let ties = net.ties();
    let groupings = groupings(ds, net, regions);
    let counter = TieCounter::of(net);
    let mut warnings = Vec::new();
    let mut r = permutations as u64;
    let step = n as u64 + counter.steps();
    if r * step > BUDGET {
        r = BUDGET / step.max(1);
        warnings.push(Problem::in_file(
            "ei_index.csv",
            format!(
                "the permutation test ran {r} permutations instead of {permutations}: each \
                 permutation reads all {} memberships and {} multi-ties, and {permutations} \
                 of them would take {} steps, above the budget of {BUDGET}",
                counter.members.targets.len(),
                counter.multi.len(),
                permutations as u64 * step
            ),
        ));
    }
    let zero_counts =
        || -> [Vec<u64>; 3] { [0, 1, 2].map(|k| vec![0u64; groupings[k].names.len()]) };
    let base: Vec<[u32; 3]> = (0..n)
        .map(|u| [0, 1, 2].map(|k| groupings[k].of_org[u]))
        .collect();
    let observed = counter.internal(&base, &mut zero_counts());
    let blocks = r.div_ceil(BLOCK as u64);
    let counts: Vec<[u64; 3]> = (0..blocks)
        .into_par_iter()
        .map_init(
            || (base.clone(), zero_counts()),
            |(label, count), b| {
                // Each block starts from the observed labels: its permutations depend on
                // its stream only, not on the blocks this thread ran before.
                label.copy_from_slice(&base);
                let mut rng = stream(seed, "ei", b);
                let take = (r - b * BLOCK as u64).min(BLOCK as u64);
                (0..take)
                    .map(|_| {
                        shuffle(label, &mut rng);
                        counter.internal(label, count)
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
        for ((a, b), (t, _)) in net.group_ties(&gr.of_org) {
            if a == b {
                inside[a as usize] += t;
            } else {
                touching[a as usize] += t;
                touching[b as usize] += t;
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
    use crate::network::Projection;

    /// Ties inside groups counted on the projection's ties, one by one: the definition.
    fn internal_on_projection<const K: usize>(g: &Projection, label: &[[u32; K]]) -> [u64; K] {
        let mut same = [0u64; K];
        for (u, v, _) in g.each_tie() {
            for k in 0..K {
                same[k] += (label[u][k] == label[v][k]) as u64;
            }
        }
        same
    }

    #[test]
    fn incidence_counts_equal_the_projections_under_permutations() {
        for (seed, orgs, consortia, projects) in [(5u64, 500, 40, 80), (9, 800, 25, 200)] {
            let ds = crate::generate::test_dataset(orgs, consortia, projects, seed);
            let net = Network::build(&ds);
            let g = net.projection.as_ref().unwrap();
            assert!(!net.multi_ties.is_empty(), "the correction is exercised");
            let counter = TieCounter::of(&net);
            // Two labellings: 7 groups by index, and everything in one group (I = ties).
            let mut label: Vec<[u32; 2]> = (0..orgs as u32).map(|u| [u % 7, 0]).collect();
            let mut count = [vec![0u64; 7], vec![0u64; 1]];
            let all = counter.internal(&label, &mut count);
            assert_eq!(all[1], net.ties());
            assert_eq!(all, internal_on_projection(g, &label));
            let mut rng = stream(1, "t", 0);
            for _ in 0..20 {
                shuffle(&mut label, &mut rng);
                assert_eq!(label.iter().filter(|x| x[0] == 0).count(), orgs.div_ceil(7));
                let got = counter.internal(&label, &mut count);
                assert_eq!(got, internal_on_projection(g, &label));
                assert!(count.iter().all(|c| c.iter().all(|&x| x == 0)));
            }
        }
        assert_eq!(ei(1, 6), Some(-5.0 / 7.0));
        assert_eq!(ei(0, 0), None);
    }
}
