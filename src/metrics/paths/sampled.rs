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

use crate::network::Projection;

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

/// Buffers of one thread: a ball around each end of the pair, grown level by level.
struct Scratch {
    /// Distance from the side's end (`UNSEEN` outside its ball), per side.
    dist: [Vec<u32>; 2],
    /// Shortest paths from the side's end, per side.
    sigma: [Vec<f64>; 2],
    /// Every node put in a ball, to reset afterwards.
    touched: Vec<u32>,
    /// The current frontier of each side, and the next one being built.
    frontier: [Vec<u32>; 2],
    next: Vec<u32>,
    /// Ties between the two frontiers, with σ_side(x) · σ_other(w).
    bridges: Vec<(u32, u32, f64)>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            dist: [vec![UNSEEN; n], vec![UNSEEN; n]],
            sigma: [vec![0.0; n], vec![0.0; n]],
            touched: Vec::new(),
            frontier: [Vec::new(), Vec::new()],
            next: Vec::new(),
            bridges: Vec::new(),
        }
    }
}

/// Σ degree over a frontier: the cost of expanding it.
fn frontier_cost(g: &Projection, f: &[u32]) -> usize {
    f.iter().map(|&x| g.neighbors(x as usize).len()).sum()
}

/// Draw one pair and one of its shortest paths uniformly; push its interior nodes to
/// `hits`.
///
/// Balanced bidirectional BFS (as in KADABRA, Borassi & Natale 2016): the balls around u
/// and v grow one level at a time, always on the side whose frontier is cheaper to
/// expand. While the balls are disjoint, d(u, v) > a + b (a, b their radii); the first
/// expansion that meets the other ball finds d = a + b + 1, and the ties between the two
/// frontiers carry all shortest paths: σ_uv = Σ σ_u(x) · σ_v(w) over them. A tie is drawn
/// with probability ∝ σ_u(x) σ_v(w), then each half is walked back choosing predecessors
/// with probability σ(p)/σ(y): a uniform shortest path, as the estimator needs, at a
/// fraction of a full BFS.
fn sample_once(g: &Projection, rng: &mut ChaCha8Rng, x: &mut Scratch, hits: &mut Vec<u32>) {
    let n = g.nodes();
    let u = rng.random_range(0..n);
    let mut v = rng.random_range(0..n - 1);
    if v >= u {
        v += 1;
    }
    x.touched.clear();
    x.bridges.clear();
    for (side, end) in [(0usize, u), (1, v)] {
        x.dist[side][end] = 0;
        x.sigma[side][end] = 1.0;
        x.frontier[side].clear();
        x.frontier[side].push(end as u32);
        x.touched.push(end as u32);
    }
    let mut cost = [g.neighbors(u).len(), g.neighbors(v).len()];
    loop {
        if x.frontier[0].is_empty() || x.frontier[1].is_empty() {
            break; // the balls cannot meet: u and v are not connected
        }
        let side = usize::from(cost[1] < cost[0]);
        let [dist_a, dist_b] = &mut x.dist;
        let (dist, dist_other) = if side == 0 {
            (dist_a, &*dist_b)
        } else {
            (dist_b, &*dist_a)
        };
        let [sigma_a, sigma_b] = &mut x.sigma;
        let (sigma, sigma_other) = if side == 0 {
            (sigma_a, &*sigma_b)
        } else {
            (sigma_b, &*sigma_a)
        };
        x.next.clear();
        for &a in &x.frontier[side] {
            let a = a as usize;
            let (da, sa) = (dist[a], sigma[a]);
            for &w in g.neighbors(a) {
                let w = w as usize;
                if dist_other[w] != UNSEEN {
                    x.bridges.push((a as u32, w as u32, sa * sigma_other[w]));
                } else if x.bridges.is_empty() {
                    if dist[w] == UNSEEN {
                        dist[w] = da + 1;
                        x.next.push(w as u32);
                        x.touched.push(w as u32);
                    }
                    if dist[w] == da + 1 {
                        sigma[w] += sa;
                    }
                }
            }
        }
        if !x.bridges.is_empty() {
            // Orient every bridge as (u-side node, v-side node).
            if side == 1 {
                for b in x.bridges.iter_mut() {
                    *b = (b.1, b.0, b.2);
                }
            }
            let total: f64 = x.bridges.iter().map(|b| b.2).sum();
            let pick = rng.random::<f64>() * total;
            let mut acc = 0.0;
            let mut chosen = x.bridges[x.bridges.len() - 1];
            for &b in &x.bridges {
                acc += b.2;
                if pick < acc {
                    chosen = b;
                    break;
                }
            }
            walk_back(g, &x.dist[0], &x.sigma[0], chosen.0 as usize, rng, hits);
            walk_back(g, &x.dist[1], &x.sigma[1], chosen.1 as usize, rng, hits);
            break;
        }
        std::mem::swap(&mut x.frontier[side], &mut x.next);
        cost[side] = frontier_cost(g, &x.frontier[side]);
    }
    for &t in &x.touched {
        for side in 0..2 {
            x.dist[side][t as usize] = UNSEEN;
            x.sigma[side][t as usize] = 0.0;
        }
    }
}

/// From `y` back to the end of its ball (distance 0), pushing every node at distance ≥ 1
/// (the path's interior on this side); each predecessor p is chosen with probability
/// σ(p)/σ(current).
fn walk_back(
    g: &Projection,
    dist: &[u32],
    sigma: &[f64],
    mut y: usize,
    rng: &mut ChaCha8Rng,
    hits: &mut Vec<u32>,
) {
    while dist[y] >= 1 {
        hits.push(y as u32);
        let pick = rng.random::<f64>() * sigma[y];
        let mut acc = 0.0;
        let mut chosen = y;
        for &p in g.neighbors(y) {
            let p = p as usize;
            if dist[p] != UNSEEN && dist[p] + 1 == dist[y] {
                acc += sigma[p];
                chosen = p;
                if pick < acc {
                    break;
                }
            }
        }
        y = chosen;
    }
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
        &|| Scratch::new(n),
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
    use crate::metrics::paths::exact::path_metrics;

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
