//! Approximate betweenness by path sampling (Riondato & Kornaropoulos, "Fast approximation
//! of betweenness centrality through sampling", WSDM 2014 / DMKD 2016).
//!
//! r = ⌈(c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉ pairs (u, v) are drawn uniformly among the
//! n(n − 1) ordered pairs of distinct organisations (c = 0.5, VD an upper bound on the vertex
//! diameter); for each, one shortest u–v path is drawn uniformly at random and each of its
//! interior nodes gets 1/r. With probability at least 1 − δ, every node's estimate is
//! within ε of b(w) = Σ_{s≠t} σ_st(w)/σ_st / (n(n − 1)). The contract normalises by
//! 2/((n−1)(n−2)) over unordered pairs, which is b(w) · n/(n − 2): reported estimates are
//! scaled by that factor, and so is the bound (`epsilon · n/(n − 2)`).
//!
//! Deterministic: samples are cut into fixed blocks, block b draws from its own ChaCha8
//! stream (seed, b), and hits are integers, so the result is identical at any thread count.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::metrics::two_mode_paths::MultiTies;
use crate::network::{Network, Projection};

/// Samples per block (one random stream each).
pub const SAMPLE_BLOCK: usize = 256;
/// The universal constant of the bound, as Riondato & Kornaropoulos use it.
pub const C: f64 = 0.5;

/// Parameters and the guarantee of an approximate run.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ApproxInfo {
    /// Additive error bound on b(w) (the paper's normalisation).
    pub epsilon: f64,
    /// Failure probability of the bound.
    pub delta: f64,
    /// Seed of the sample streams.
    pub seed: u64,
    /// Upper bound on the vertex diameter used to size the sample.
    pub vertex_diameter_bound: u32,
    /// Pairs sampled.
    pub samples: u64,
    /// The bound in the contract's normalisation: epsilon · n/(n − 2).
    pub error_bound: f64,
}

const UNSEEN: u32 = u32::MAX;

/// An upper bound on the vertex diameter (nodes on a longest shortest path): in each
/// component, 2 · eccentricity(first node) + 1; the maximum over components.
pub fn vertex_diameter_bound(g: &Projection) -> u32 {
    let n = g.nodes();
    let mut dist = vec![UNSEEN; n];
    let mut queue = Vec::new();
    let mut best = 1u32;
    for s in 0..n {
        if dist[s] != UNSEEN {
            continue;
        }
        dist[s] = 0;
        queue.clear();
        queue.push(s as u32);
        let mut head = 0;
        let mut ecc = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            ecc = dist[v];
            for &w in g.neighbors(v) {
                if dist[w as usize] == UNSEEN {
                    dist[w as usize] = dist[v] + 1;
                    queue.push(w);
                }
            }
        }
        best = best.max(2 * ecc + 1);
    }
    best
}

/// The sample size for (ε, δ) and a vertex-diameter bound.
pub fn sample_size(epsilon: f64, delta: f64, vd: u32) -> u64 {
    let log_term = if vd > 3 {
        ((vd - 2) as f64).log2().floor()
    } else {
        0.0
    };
    ((C / (epsilon * epsilon)) * (log_term + 1.0 + (1.0 / delta).ln())).ceil() as u64
}

struct Scratch {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    order: Vec<u32>,
}

/// Draw one pair and one of its shortest paths; push the path's interior nodes to `hits`.
fn sample_once(g: &Projection, rng: &mut ChaCha8Rng, scr: &mut Scratch, hits: &mut Vec<u32>) {
    let n = g.nodes();
    let u = rng.random_range(0..n);
    let mut v = rng.random_range(0..n - 1);
    if v >= u {
        v += 1;
    }
    let Scratch { dist, sigma, order } = scr;
    order.clear();
    dist[u] = 0;
    sigma[u] = 1.0;
    order.push(u as u32);
    let mut head = 0;
    // BFS with path counts, up to and including v's level.
    while head < order.len() {
        let x = order[head] as usize;
        head += 1;
        let dx = dist[x];
        if dist[v] != UNSEEN && dx >= dist[v] {
            break;
        }
        let sx = sigma[x];
        for &w in g.neighbors(x) {
            let w = w as usize;
            if dist[w] == UNSEEN {
                dist[w] = dx + 1;
                order.push(w as u32);
            }
            if dist[w] == dx + 1 {
                sigma[w] += sx;
            }
        }
    }
    if dist[v] != UNSEEN {
        // Walk back from v, choosing each predecessor with probability σ_p / σ_w.
        let mut w = v;
        while dist[w] > 1 {
            let pick = rng.random::<f64>() * sigma[w];
            let mut acc = 0.0;
            let mut chosen = UNSEEN as usize;
            for &p in g.neighbors(w) {
                let p = p as usize;
                if dist[p] != UNSEEN && dist[p] + 1 == dist[w] {
                    acc += sigma[p];
                    chosen = p;
                    if pick < acc {
                        break;
                    }
                }
            }
            hits.push(chosen as u32);
            w = chosen;
        }
    }
    for &x in order.iter() {
        dist[x as usize] = UNSEEN;
        sigma[x as usize] = 0.0;
    }
}

/// Buffers of a two-mode sample.
struct TwoModeScratch {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    order: Vec<u32>,
    level_c: Vec<u32>,
    acc_c: Vec<f64>,
    touched: Vec<u32>,
    candidates: Vec<(u32, f64)>,
}

/// The weight of the tie (p, w) from the weight-≥2 list of w (1 when absent).
fn multiplicity(multi: &MultiTies, w: usize, p: u32) -> f64 {
    let (ps, extra) = multi.row(w);
    ps.iter()
        .position(|&x| x == p)
        .map_or(1.0, |i| extra[i] + 1.0)
}

/// One sample through the two-mode graph: the same pair and path distribution as
/// [`sample_once`], with σ gathered per collaboration (see `two_mode_paths`).
fn sample_once_two_mode(
    net: &Network,
    multi: &MultiTies,
    rng: &mut ChaCha8Rng,
    x: &mut TwoModeScratch,
    hits: &mut Vec<u32>,
) {
    let (oc, cm) = (&net.org_collaborations, &net.collaboration_members);
    let n = oc.rows();
    let u = rng.random_range(0..n);
    let mut v = rng.random_range(0..n - 1);
    if v >= u {
        v += 1;
    }
    x.order.clear();
    x.touched.clear();
    x.dist[u] = 0;
    x.sigma[u] = 1.0;
    x.order.push(u as u32);
    let (mut lo, mut d) = (0usize, 0u32);
    while x.dist[v] == UNSEEN {
        let hi = x.order.len();
        for i in lo..hi {
            let a = x.order[i] as usize;
            let sa = x.sigma[a];
            for &c in oc.row(a) {
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
                    x.acc_c[c] += sa;
                }
            }
        }
        if x.order.len() == hi {
            break;
        }
        for i in hi..x.order.len() {
            let w = x.order[i] as usize;
            let mut sg = 0.0;
            for &c in oc.row(w) {
                if x.level_c[c as usize] == d {
                    sg += x.acc_c[c as usize];
                }
            }
            let (ps, extra) = multi.row(w);
            for (&p, &e) in ps.iter().zip(extra) {
                if x.dist[p as usize] == d {
                    sg -= e * x.sigma[p as usize];
                }
            }
            x.sigma[w] = sg;
        }
        lo = hi;
        d += 1;
    }
    if x.dist[v] != UNSEEN {
        // Walk back: predecessor p of w with probability σ(p)/σ(w). Through collaborations
        // p appears once per shared collaboration, so each appearance weighs σ(p)/weight.
        let mut w = v;
        while x.dist[w] > 1 {
            let dw = x.dist[w];
            x.candidates.clear();
            let mut total = 0.0;
            for &c in oc.row(w) {
                if x.level_c[c as usize] + 1 != dw {
                    continue;
                }
                for &p in cm.row(c as usize) {
                    if x.dist[p as usize] != UNSEEN && x.dist[p as usize] + 1 == dw {
                        let share = x.sigma[p as usize] / multiplicity(multi, w, p);
                        total += share;
                        x.candidates.push((p, share));
                    }
                }
            }
            let pick = rng.random::<f64>() * total;
            let mut acc = 0.0;
            let mut chosen = x.candidates.last().map_or(u as u32, |c| c.0);
            for &(p, share) in &x.candidates {
                acc += share;
                if pick < acc {
                    chosen = p;
                    break;
                }
            }
            hits.push(chosen);
            w = chosen as usize;
        }
    }
    for &a in &x.order {
        x.dist[a as usize] = UNSEEN;
        x.sigma[a as usize] = 0.0;
    }
    for &c in &x.touched {
        x.level_c[c as usize] = UNSEEN;
        x.acc_c[c as usize] = 0.0;
    }
}

/// [`approx_betweenness`] traversing the two-mode graph: the same estimator (same pairs,
/// same path distribution, its own random draws), cheaper when collaborations are large.
pub fn approx_betweenness_two_mode(
    net: &Network,
    multi: &MultiTies,
    epsilon: f64,
    delta: f64,
    seed: u64,
) -> (Vec<f64>, ApproxInfo) {
    let g = &net.projection;
    let n = g.nodes();
    let collabs = net.collaboration_members.rows();
    estimate(
        g,
        epsilon,
        delta,
        seed,
        &|| TwoModeScratch {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            order: Vec::new(),
            level_c: vec![UNSEEN; collabs],
            acc_c: vec![0.0; collabs],
            touched: Vec::new(),
            candidates: Vec::new(),
        },
        &|rng, x, hits| sample_once_two_mode(net, multi, rng, x, hits),
    )
}

/// Estimated betweenness of every node in the contract's normalisation, and the run's
/// parameters and bound. `n ≤ 2` gives zeros (as the exact definition does).
pub fn approx_betweenness(
    g: &Projection,
    epsilon: f64,
    delta: f64,
    seed: u64,
) -> (Vec<f64>, ApproxInfo) {
    let n = g.nodes();
    estimate(
        g,
        epsilon,
        delta,
        seed,
        &|| Scratch {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            order: Vec::new(),
        },
        &|rng, scr, hits| sample_once(g, rng, scr, hits),
    )
}

/// The estimator around a sampler: sample size, blocks of seeded streams, hit counts.
fn estimate<S: Send>(
    g: &Projection,
    epsilon: f64,
    delta: f64,
    seed: u64,
    scratch: &(dyn Fn() -> S + Sync),
    sample: &(dyn Fn(&mut ChaCha8Rng, &mut S, &mut Vec<u32>) + Sync),
) -> (Vec<f64>, ApproxInfo) {
    let n = g.nodes();
    let vd = vertex_diameter_bound(g);
    let r = sample_size(epsilon, delta, vd);
    let mut info = ApproxInfo {
        epsilon,
        delta,
        seed,
        vertex_diameter_bound: vd,
        samples: r,
        error_bound: if n > 2 {
            epsilon * n as f64 / (n - 2) as f64
        } else {
            0.0
        },
    };
    if n <= 2 {
        info.samples = 0;
        return (vec![0.0; n], info);
    }
    let blocks = r.div_ceil(SAMPLE_BLOCK as u64);
    let counts: Vec<u64> = (0..blocks)
        .into_par_iter()
        .map_init(scratch, |scr, b| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(b);
            let take = (r - b * SAMPLE_BLOCK as u64).min(SAMPLE_BLOCK as u64);
            let mut hits = Vec::new();
            for _ in 0..take {
                sample(&mut rng, scr, &mut hits);
            }
            hits
        })
        .fold(
            || vec![0u64; n],
            |mut acc, hits| {
                for h in hits {
                    acc[h as usize] += 1;
                }
                acc
            },
        )
        .reduce(
            || vec![0u64; n],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                a
            },
        );
    let scale = n as f64 / ((n - 2) as f64 * r as f64);
    (counts.into_iter().map(|c| c as f64 * scale).collect(), info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::centrality::path_metrics;

    fn graph(n: usize, edges: &[(u32, u32)]) -> Projection {
        let ties: Vec<(u32, u32, u32)> = edges.iter().map(|&(a, b)| (a, b, 1)).collect();
        Projection::from_ties(n, &ties)
    }

    #[test]
    fn sample_size_follows_the_formula() {
        // VD = 10: ⌊log2 8⌋ = 3; (0.5/0.01)(3 + 1 + ln 10) = 50 · 6.302585… → 316.
        assert_eq!(sample_size(0.1, 0.1, 10), 316);
        // Tiny diameters have no log term: 0.5/0.25 · (1 + ln 2) = 3.386… → 4.
        assert_eq!(sample_size(0.5, 0.5, 3), 4);
    }

    #[test]
    fn vertex_diameter_bound_covers_the_true_one() {
        // A path of 6 nodes: vertex diameter 6; from node 0 the eccentricity is 5 → 11.
        let p = graph(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
        assert_eq!(vertex_diameter_bound(&p), 11);
        // Two components and an isolate: the larger bound wins.
        let q = graph(6, &[(0, 1), (2, 3), (3, 4)]);
        assert_eq!(vertex_diameter_bound(&q), 5);
    }

    /// A seeded random graph: a ring with chords, some nodes in a second component.
    fn random_graph(n: usize, extra: usize, seed: u64) -> Projection {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut edges = Vec::new();
        let main = n - n / 10;
        for i in 0..main as u32 {
            edges.push((i, (i + 1) % main as u32));
        }
        for _ in 0..extra {
            let a = rng.random_range(0..main as u32);
            let b = rng.random_range(0..main as u32);
            if a != b {
                edges.push((a.min(b), a.max(b)));
            }
        }
        for i in main as u32..n as u32 - 1 {
            edges.push((i, i + 1));
        }
        edges.sort_unstable();
        edges.dedup();
        graph(n, &edges)
    }

    #[test]
    fn estimates_are_within_the_stated_bound_of_the_exact_values() {
        for (seed, eps) in [(1u64, 0.05), (2, 0.03)] {
            let g = random_graph(300, 200, seed);
            let exact = path_metrics(&g).betweenness;
            let (est, info) = approx_betweenness(&g, eps, 0.1, seed);
            let worst = exact
                .iter()
                .zip(&est)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            assert!(
                worst <= info.error_bound,
                "seed {seed}: worst error {worst} > bound {}",
                info.error_bound
            );
            assert!(info.samples > 0);
            // The estimate is not trivially zero: the most central node is found.
            let top = |v: &[f64]| (0..v.len()).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap();
            assert!(est[top(&exact)] > 0.0);
        }
    }

    #[test]
    fn same_seed_same_bits_at_any_thread_count() {
        let g = random_graph(400, 300, 9);
        let run = |t: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
                .install(|| approx_betweenness(&g, 0.05, 0.1, 42).0)
        };
        let one = run(1);
        assert_eq!(one, run(3));
        let other = approx_betweenness(&g, 0.05, 0.1, 43).0;
        assert_ne!(one, other, "another seed, another sample");
    }

    #[test]
    fn two_mode_sampling_is_within_the_bound_and_deterministic() {
        let tmp = tempfile::tempdir().unwrap();
        let config = crate::generate::GenerateConfig {
            orgs: 500,
            consortia: 40,
            projects: 80,
            seed: 3,
            quirks: false,
        };
        crate::generate::generate(&config, tmp.path()).unwrap();
        let ds = crate::ingest::load(tmp.path()).unwrap();
        let net = Network::build(&ds);
        let multi = MultiTies::of(&net);
        assert!(!multi.is_empty());
        let exact = path_metrics(&net.projection).betweenness;
        let (est, info) = approx_betweenness_two_mode(&net, &multi, 0.03, 0.1, 11);
        let worst = exact
            .iter()
            .zip(&est)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(
            worst <= info.error_bound,
            "worst {worst} > {}",
            info.error_bound
        );
        let run = |t: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
                .install(|| approx_betweenness_two_mode(&net, &multi, 0.03, 0.1, 11).0)
        };
        assert_eq!(run(1), run(2));
        assert_eq!(run(1), est);
    }

    #[test]
    fn a_path_gives_the_middle_node_the_most() {
        // Path 0-1-2: exact normalised betweenness of node 1 is 1. Every pair through it
        // is (0, 2) or (2, 0): estimate = (hits / r) · 3/1.
        let g = graph(3, &[(0, 1), (1, 2)]);
        let (est, info) = approx_betweenness(&g, 0.1, 0.1, 5);
        assert_eq!(est[0], 0.0);
        assert_eq!(est[2], 0.0);
        assert!((est[1] - 1.0).abs() <= info.error_bound, "{}", est[1]);
    }
}
