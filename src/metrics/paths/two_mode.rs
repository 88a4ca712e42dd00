//! Exact betweenness, closeness and harmonic on the projection, computed by traversing the
//! two-mode (organisation–collaboration) graph instead.
//!
//! A consortium of m members is m two-mode edges but m(m−1)/2 projection ties, so a
//! traversal through collaborations touches far fewer edges. Brandes' two passes only need
//! sums over projection neighbours at the adjacent level, and those can be gathered per
//! collaboration:
//!
//! - forward, for w at level d+1: σ(w) = Σ_{v ~ w, d(v) = d} σ(v). Every collaboration c
//!   containing w and a level-d organisation has min level d; with S_c = Σ of σ over its
//!   level-d members, Σ_{c ∋ w, level(c) = d} S_c counts each neighbour v once per shared
//!   collaboration, i.e. tie-weight times. Subtracting (weight − 1)·σ(v) over the ties of
//!   weight ≥ 2 (usually few) gives σ(w) exactly.
//! - backward, for v at level d: δ(v) = σ(v) Σ_{w ~ v, d(w) = d+1} (1 + δ(w))/σ(w), gathered
//!   the same way with T_c = Σ of (1 + δ(w))/σ(w) over c's level-(d+1) members, and the same
//!   correction.
//!
//! Distances come from the same traversal (a projection distance k is a two-mode distance
//! 2k). Sources are closed-twin representatives, weighted by class size, as in
//! [`super::exact::path_metrics`]; blocks and waves are the same, so the result does
//! not depend on the thread count.

use rayon::prelude::*;

use super::exact::{closeness_harmonic, PathMetrics, BLOCK, WAVE};
use crate::network::incidence::{bfs_numbering, relabel_incidence};
use crate::network::{Csr, MultiTies, Network};

/// One block's partial betweenness and, per source, (reached, Σd, Σ1/d).
type BlockPartial = (Vec<f64>, Vec<(usize, u64, f64)>);

const UNSEEN: u32 = u32::MAX;

/// Whether the two-mode traversal touches fewer entries than the projection's (it walks
/// the two-mode edges about four times and the weight-≥2 ties twice per source, the
/// projection's adjacency about twice).
/// Without a projection the two-mode traversal is the only route.
pub fn cheaper_than_projection(net: &Network) -> bool {
    let Some(g) = &net.projection else {
        return true;
    };
    let two_mode = net.collaboration_members.targets.len();
    2 * two_mode + net.multi_ties.len() < g.adjacency.targets.len()
}

struct Scratch {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    /// σ times the class size (1 for the source itself): what a class passes on.
    class_sigma: Vec<f64>,
    delta: Vec<f64>,
    /// Class size times (1 + δ)/σ: what a class passes back.
    class_coeff: Vec<f64>,
    order: Vec<u32>,
    level_start: Vec<usize>,
    level_count: Vec<u64>,
    level_c: Vec<u32>,
    acc_c: Vec<f64>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize, collabs: usize) -> Self {
        Scratch {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            class_sigma: vec![0.0; n],
            delta: vec![0.0; n],
            class_coeff: vec![0.0; n],
            order: Vec::with_capacity(n),
            level_start: Vec::new(),
            level_count: Vec::new(),
            level_c: vec![UNSEEN; collabs],
            acc_c: vec![0.0; collabs],
            touched: Vec::new(),
        }
    }
}

/// The traversal's graph: classes of organisations in the same collaborations
/// ([`Network::membership_classes`]), under a breadth-first numbering.
struct Classes {
    /// Collaborations of each class.
    oc: Csr,
    /// Classes in each collaboration.
    cm: Csr,
    /// Weight-≥2 ties between classes.
    multi: MultiTies,
    /// Organisations in each class.
    size: Vec<u32>,
    /// The same, as `f64`.
    size_f: Vec<f64>,
}

/// One source (a class node `s`, standing for one organisation of its class): adds
/// weight · δ_s to `bc` (per organisation of each class); returns (reached, Σd, Σ1/d).
///
/// A class of k organisations passes k·σ forward and k·(1 + δ)/σ back: its members are
/// k distinct neighbours with the same σ and δ. The source's k − 1 classmates are its
/// neighbours at distance 1, ends of no other shortest path (their neighbourhoods equal
/// the source's): they count as distances only.
fn single_source(
    q: &Classes,
    s: usize,
    weight: f64,
    x: &mut Scratch,
    bc: &mut [f64],
) -> (usize, u64, f64) {
    let (oc, cm, multi) = (&q.oc, &q.cm, &q.multi);
    x.order.clear();
    x.level_start.clear();
    x.level_count.clear();
    x.touched.clear();
    x.dist[s] = 0;
    x.sigma[s] = 1.0;
    x.class_sigma[s] = 1.0;
    x.order.push(s as u32);
    x.level_start.push(0);
    x.level_count.push(1);
    let (mut lo, mut d) = (0usize, 0u32);
    loop {
        let hi = x.order.len();
        // Expand level d: discover collaborations and the next level; S_c over level d.
        for i in lo..hi {
            let v = x.order[i] as usize;
            let sv = x.class_sigma[v];
            for &c in oc.row(v) {
                let c = c as usize;
                if x.level_c[c] == UNSEEN {
                    x.level_c[c] = d;
                    x.touched.push(c as u32);
                    for &w in cm.row(c) {
                        if x.dist[w as usize] == UNSEEN {
                            x.dist[w as usize] = d + 1;
                            x.order.push(w);
                        }
                    }
                }
                if x.level_c[c] == d {
                    x.acc_c[c] += sv;
                }
            }
        }
        if x.order.len() == hi {
            break;
        }
        // σ of level d+1.
        let mut count = 0u64;
        for i in hi..x.order.len() {
            let w = x.order[i] as usize;
            let mut sg = 0.0;
            for &c in oc.row(w) {
                if x.level_c[c as usize] == d {
                    sg += x.acc_c[c as usize];
                }
            }
            let (vs, extra) = multi.row(w);
            for (&v, &e) in vs.iter().zip(extra) {
                if x.dist[v as usize] == d {
                    sg -= e * x.class_sigma[v as usize];
                }
            }
            x.sigma[w] = sg;
            x.class_sigma[w] = q.size_f[w] * sg;
            count += q.size[w] as u64;
        }
        x.level_start.push(hi);
        x.level_count.push(count);
        lo = hi;
        d += 1;
    }
    x.level_start.push(x.order.len());
    let levels = x.level_start.len() - 1;
    // The source's classmates, at distance 1.
    let classmates = q.size[s] as u64 - 1;
    if classmates > 0 {
        if x.level_count.len() < 2 {
            x.level_count.push(0);
        }
        x.level_count[1] += classmates;
    }
    // Distances by level.
    let (mut sum_d, mut harmonic) = (0u64, 0.0f64);
    for (l, &count) in x.level_count.iter().enumerate().skip(1) {
        sum_d += l as u64 * count;
        harmonic += count as f64 / l as f64;
    }
    let reached: u64 = x.level_count.iter().sum();
    // Backward: T_c over level-(d+1) members, gathered by level-d members.
    for &c in &x.touched {
        x.acc_c[c as usize] = 0.0;
    }
    for l in (0..levels).rev() {
        let (a, b) = (x.level_start[l], x.level_start[l + 1]);
        // Level l+1 is complete: its coefficients feed the collaborations of level l.
        if l + 1 < levels {
            let (na, nb) = (x.level_start[l + 1], x.level_start[l + 2]);
            for i in na..nb {
                let w = x.order[i] as usize;
                let cw = q.size_f[w] * ((1.0 + x.delta[w]) / x.sigma[w]);
                x.class_coeff[w] = cw;
                for &c in oc.row(w) {
                    if x.level_c[c as usize] == l as u32 {
                        x.acc_c[c as usize] += cw;
                    }
                }
            }
            for i in a..b {
                let v = x.order[i] as usize;
                let mut acc = 0.0;
                for &c in oc.row(v) {
                    if x.level_c[c as usize] == l as u32 {
                        acc += x.acc_c[c as usize];
                    }
                }
                let (ws, extra) = multi.row(v);
                for (&w, &e) in ws.iter().zip(extra) {
                    if x.dist[w as usize] == l as u32 + 1 {
                        acc -= e * x.class_coeff[w as usize];
                    }
                }
                x.delta[v] = x.sigma[v] * acc;
            }
        }
        for i in a..b {
            let v = x.order[i] as usize;
            if v != s {
                bc[v] += weight * x.delta[v];
            }
        }
    }
    for &v in &x.order {
        let v = v as usize;
        x.dist[v] = UNSEEN;
        x.sigma[v] = 0.0;
        x.delta[v] = 0.0;
    }
    for &c in &x.touched {
        x.level_c[c as usize] = UNSEEN;
        x.acc_c[c as usize] = 0.0;
    }
    (reached as usize, sum_d, harmonic)
}

/// Betweenness (normalised by 2/((n−1)(n−2))), closeness and harmonic of every
/// organisation, exactly, through the two-mode graph.
pub fn path_metrics(net: &Network) -> PathMetrics {
    path_metrics_observed(net, &super::Progress::default())
}

/// [`path_metrics`], advancing `progress` by each wave's sources.
///
/// Sources are closed-twin representatives of the projection (weighted by class size);
/// targets are visited once per class of organisations in the same collaborations, under
/// a breadth-first numbering of those classes (neighbours near each other in memory).
pub fn path_metrics_observed(net: &Network, progress: &super::Progress) -> PathMetrics {
    let n = net.nodes();
    let (reps, sizes, class) = net.closed_twin_classes();
    let mc = net.membership_classes();
    let (new_of, new_of_c) = bfs_numbering(&mc.collaborations, &mc.members);
    let (oc, cm) = relabel_incidence(&mc.collaborations, &mc.members, &new_of, &new_of_c);
    let multi = mc.multi_ties.relabelled(&new_of);
    let mut size = vec![0u32; new_of.len()];
    for (k, &new) in new_of.iter().enumerate() {
        size[new as usize] = mc.multiplicity[k];
    }
    let size_f = size.iter().map(|&k| k as f64).collect();
    let q = Classes {
        oc,
        cm,
        multi,
        size,
        size_f,
    };
    let node_of = |org: usize| new_of[mc.class[org] as usize] as usize;
    let q = &q;
    let nq = q.size.len();
    progress.start(reps.len());
    let blocks: Vec<std::ops::Range<usize>> = (0..reps.len())
        .step_by(BLOCK)
        .map(|start| start..(start + BLOCK).min(reps.len()))
        .collect();
    let mut raw_bc = vec![0.0f64; nq];
    let mut per_rep: Vec<(usize, u64, f64)> = Vec::with_capacity(reps.len());
    for wave in blocks.chunks(WAVE) {
        let partials: Vec<BlockPartial> = wave
            .par_iter()
            .map_init(
                || Scratch::new(nq, q.cm.rows()),
                |x, range| {
                    let mut part = vec![0.0f64; nq];
                    let sums = range
                        .clone()
                        .map(|k| {
                            single_source(
                                q,
                                node_of(reps[k] as usize),
                                sizes[k] as f64,
                                x,
                                &mut part,
                            )
                        })
                        .collect();
                    (part, sums)
                },
            )
            .collect();
        for (part, sums) in partials {
            for (total, p) in raw_bc.iter_mut().zip(&part) {
                *total += p;
            }
            progress.add(sums.len());
            per_rep.extend(sums);
        }
    }
    let per_source: Vec<(usize, u64, f64)> = class.iter().map(|&k| per_rep[k as usize]).collect();
    let betweenness = if n <= 2 {
        vec![0.0; n]
    } else {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        (0..n).map(|v| raw_bc[node_of(v)] * scale).collect()
    };
    let (closeness, harmonic) = closeness_harmonic(n, &per_source);
    PathMetrics {
        betweenness,
        closeness,
        harmonic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::paths::exact;

    fn close(got: &[f64], want: &[f64], what: &str) {
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!(
                (g - w).abs() <= 1e-10 * w.abs().max(1e-12),
                "{what}[{i}]: two-mode {g}, projection {w}"
            );
        }
    }

    /// The multi-ties, degrees and twin classes read through the incidence lists equal
    /// those of the projection.
    fn incidence_counts_as_projection(net: &Network) {
        let g = net.projection.as_ref().unwrap();
        let mut want_targets = Vec::new();
        let mut got_targets = Vec::new();
        for u in 0..g.nodes() {
            assert_eq!(
                net.degree[u] as usize,
                g.neighbors(u).len(),
                "degree of {u}"
            );
            let w: u64 = g.weights(u).iter().map(|&w| w as u64).sum();
            assert_eq!(net.weighted_degree(u), w, "weighted degree of {u}");
            for (&v, &w) in g.neighbors(u).iter().zip(g.weights(u)) {
                if w >= 2 {
                    want_targets.push((u, v, w, (w - 1) as f64));
                }
            }
            let (vs, ws) = net.multi_ties.weighted_row(u);
            let (_, extra) = net.multi_ties.row(u);
            for ((&v, &w), &e) in vs.iter().zip(ws).zip(extra) {
                got_targets.push((u, v, w, e));
            }
        }
        assert_eq!(got_targets, want_targets);
        assert_eq!(net.ties(), g.ties() as u64);
        assert_eq!(net.components(), g.components());
        assert_eq!(net.closed_twin_classes(), exact::closed_twin_classes(g));
        let inside: Vec<bool> = (0..g.nodes()).map(|u| u % 3 != 0).collect();
        assert_eq!(
            net.largest_component_among(&inside),
            g.largest_component_among(&inside)
        );
        let degrees = net.induced_degrees(&inside);
        for u in 0..g.nodes() {
            let want = if inside[u] {
                g.neighbors(u)
                    .iter()
                    .filter(|&&v| inside[v as usize])
                    .count() as u32
            } else {
                0
            };
            assert_eq!(degrees[u], want, "induced degree of {u}");
        }
        // Ties by group (u mod 5), as counted from the projection's ties.
        let group: Vec<u32> = (0..g.nodes())
            .map(|u| if u % 7 == 0 { u32::MAX } else { (u % 5) as u32 })
            .collect();
        let mut want = std::collections::BTreeMap::new();
        for (u, v, w) in g.each_tie() {
            let (a, b) = (group[u], group[v]);
            if a != u32::MAX && b != u32::MAX {
                let e = want.entry((a.min(b), a.max(b))).or_insert((0u64, 0u64));
                e.0 += 1;
                e.1 += w as u64;
            }
        }
        let want: Vec<_> = want.into_iter().collect();
        assert_eq!(net.group_ties(&group), want);
        let orgs: Vec<u32> = (0..g.nodes() as u32).filter(|u| u % 4 == 1).collect();
        let mut without = net.clone();
        without.projection = None;
        let want: Vec<(u32, u32, u32)> = g
            .each_tie()
            .filter(|&(u, v, _)| u % 4 == 1 && v % 4 == 1)
            .map(|(u, v, w)| (u as u32, v as u32, w))
            .collect();
        assert_eq!(without.ties_among(&orgs), want);
        assert_eq!(net.ties_among(&orgs), want);
        // Eigenvector and PageRank through B·Bᵀ agree with the projection's to rounding.
        use crate::metrics::spectral::{eigenvector, pagerank};
        let pairs = [
            (eigenvector(net).0, eigenvector(&without).0),
            (pagerank(net).0, pagerank(&without).0),
        ];
        for (a, b) in pairs {
            close(&b, &a, "spectral through the incidence lists");
        }
    }

    fn same_as_projection(net: &Network) {
        incidence_counts_as_projection(net);
        let a = path_metrics(net);
        let b = exact::path_metrics(net.projection.as_ref().unwrap());
        close(&a.betweenness, &b.betweenness, "betweenness");
        // Distances are integers and summed per level in both: identical bits.
        assert_eq!(a.closeness, b.closeness);
        assert_eq!(a.harmonic, b.harmonic);
    }

    #[test]
    fn tiny_fixture_with_a_weight_two_tie() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        let ds = crate::ingest::load(&dir).unwrap();
        let net = Network::build(&ds);
        assert_eq!(net.multi_ties.len(), 2, "a-b share k1 and p1");
        same_as_projection(&net);
    }

    #[test]
    fn generated_datasets_give_the_projection_values() {
        for (seed, orgs, consortia, projects) in [(1u64, 600, 50, 90), (7, 900, 40, 200)] {
            let ds = crate::generate::test_dataset(orgs, consortia, projects, seed);
            let net = Network::build(&ds);
            assert!(
                !net.multi_ties.is_empty(),
                "projects inside consortia make weight-2 ties"
            );
            same_as_projection(&net);
            // And the thread count changes no bit.
            let run = |t: usize| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build()
                    .unwrap()
                    .install(|| path_metrics(&net).betweenness)
            };
            assert_eq!(run(1), run(3));
        }
    }
}
