//! Exact path metrics on the organisation projection: betweenness, closeness and
//! harmonic, exactly as defined in the contract (Brandes 2001).
//!
//! The three path-based measures share one breadth-first traversal per source (Brandes'
//! algorithm gives the distances that closeness and harmonic need). Sources are cut into
//! fixed blocks of [`BLOCK`] sources, blocks run in parallel with rayon in waves of
//! [`WAVE`], and each block's betweenness partial sums are added to the total in block
//! order: the result is byte-identical whatever the thread count. Memory: O(n) scratch
//! per thread and O(WAVE · n) partial sums, never n × n.

use rayon::prelude::*;

use crate::network::Projection;

/// Sources per block of the path-based metrics.
pub const BLOCK: usize = 128;
/// Blocks computed at once (the bound on live partial-sum vectors).
pub const WAVE: usize = 16;

/// The path-based measures of every organisation.
#[derive(Debug, Clone, Default)]
pub struct PathMetrics {
    /// Brandes betweenness, normalised by 2/((n-1)(n-2)); 0 when n ≤ 2.
    pub betweenness: Vec<f64>,
    /// Wasserman–Faust closeness: (r-1)/Σd · (r-1)/(n-1); 0 for isolates and n = 1.
    pub closeness: Vec<f64>,
    /// Σ 1/d over reachable others, divided by (n-1); `None` when n = 1.
    pub harmonic: Vec<Option<f64>>,
}

/// What one traversal returns: (reachable incl. the source, Σ distances, Σ 1/distance).
pub type SourceSums = (usize, u64, f64);
/// One block's betweenness partial sums and its sources' sums.
type BlockResult = (Vec<f64>, Vec<SourceSums>);

/// Per-thread buffers of one traversal, reset after each source.
struct Scratch {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }
}

pub use crate::network::TwinClasses;

/// Closed twins: nodes with the same closed neighbourhood N[u] = N(u) ∪ {u}. In a
/// projection of consortia they are common — every organisation that belongs to one
/// collaboration only is a closed twin of the others in that position.
pub fn closed_twin_classes(g: &Projection) -> TwinClasses {
    twin_classes(g, true)
}

/// Open twins: nodes with the same open neighbourhood N(u) (never adjacent to each other).
/// In a two-mode graph, the organisations in exactly the same collaborations. Like closed
/// twins, they have the same distances to every other node, neither lies on a shortest
/// path from the other, and one traversal serves the class.
pub fn open_twin_classes(g: &Projection) -> TwinClasses {
    twin_classes(g, false)
}

fn twin_classes(g: &Projection, with_self: bool) -> TwinClasses {
    let n = g.nodes();
    let closed = |u: usize| {
        let mut v: Vec<u32> = g.neighbors(u).to_vec();
        if with_self {
            v.push(u as u32);
            v.sort_unstable();
        }
        v
    };
    // FNV-1a of the sorted closed neighbourhood, in parallel.
    let hashes: Vec<u64> = (0..n)
        .into_par_iter()
        .map(|u| {
            closed(u).iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| {
                (h ^ x as u64).wrapping_mul(0x0100_0000_01b3)
            })
        })
        .collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by_key(|&u| (hashes[u as usize], g.neighbors(u as usize).len(), u));
    let mut rep_of_node = vec![u32::MAX; n];
    let mut i = 0;
    while i < n {
        let key = |u: u32| (hashes[u as usize], g.neighbors(u as usize).len());
        let mut j = i;
        while j < n && key(order[j]) == key(order[i]) {
            j += 1;
        }
        // Within a hash group, compare exactly (collisions make several classes).
        let mut heads: Vec<(u32, Vec<u32>)> = Vec::new();
        for &u in &order[i..j] {
            let nb = closed(u as usize);
            match heads.iter().find(|h| h.1 == nb) {
                Some(h) => rep_of_node[u as usize] = h.0,
                None => {
                    rep_of_node[u as usize] = u;
                    heads.push((u, nb));
                }
            }
        }
        i = j;
    }
    // The representative is the smallest node of its class (nodes were visited in
    // ascending order within equal keys).
    crate::network::incidence::classes_of_representatives(&rep_of_node)
}

/// Betweenness, closeness and harmonic centrality of every node, exactly.
///
/// Reference: U. Brandes, "A faster algorithm for betweenness centrality" (2001);
/// matches NetworkX `betweenness_centrality(normalized=True)`, `closeness_centrality`
/// (`wf_improved=True`) and `harmonic_centrality / (n-1)`.
///
/// Closed twins share one traversal: swapping two twins is an automorphism of the graph,
/// so a twin's dependencies on every other node equal its representative's, and neither
/// lies inside a shortest path from the other. One Brandes pass from the representative,
/// weighted by its class size, adds exactly the class's contribution, and the twins'
/// distances (so closeness and harmonic) are the representative's.
/// Complexity: O(t · (n + m)) time for t twin classes, O(n) memory per thread plus
/// O(WAVE · n).
pub fn path_metrics(g: &Projection) -> PathMetrics {
    path_metrics_observed(g, &super::Progress::default())
}

/// [`path_metrics`], advancing `progress` by each wave's sources.
pub fn path_metrics_observed(g: &Projection, progress: &super::Progress) -> PathMetrics {
    let (raw_bc, per_source) = path_sums_observed(g, &closed_twin_classes(g), progress);
    finish(g.nodes(), raw_bc, &per_source)
}

/// Brandes on `g` with one traversal per twin class (closed or open twins, see
/// [`closed_twin_classes`], [`open_twin_classes`]): the raw betweenness (every ordered
/// pair's dependency, so each unordered pair twice) and each node's (reached, Σd, Σ1/d).
pub fn path_sums(g: &Projection, classes: &TwinClasses) -> (Vec<f64>, Vec<SourceSums>) {
    path_sums_observed(g, classes, &super::Progress::default())
}

/// [`path_sums`], advancing `progress` by each wave's sources.
pub fn path_sums_observed(
    g: &Projection,
    classes: &TwinClasses,
    progress: &super::Progress,
) -> (Vec<f64>, Vec<SourceSums>) {
    let n = g.nodes();
    let (reps, sizes, class) = classes;
    // Every node its own class of one: plain Brandes.
    let (ones, ones_f, no_degree) = (vec![1u32; n], vec![1.0f64; n], vec![0usize; n]);
    let singletons = Twins {
        size: &ones,
        size_f: &ones_f,
        degree: &no_degree,
    };
    let sources: Vec<(u32, f64)> = reps
        .iter()
        .zip(sizes)
        .map(|(&r, &k)| (r, k as f64))
        .collect();
    let (raw_bc, per_rep) = class_path_sums(g, &singletons, &sources, progress);
    let per_source: Vec<(usize, u64, f64)> = class.iter().map(|&k| per_rep[k as usize]).collect();
    (raw_bc, per_source)
}

/// Brandes over the quotient `q` (classes `tw`) from each of `sources` (node, weight of
/// its dependencies): the raw betweenness per node of `q` and each source's sums.
/// Sources are cut into blocks of [`BLOCK`], run in parallel in waves of [`WAVE`], and the
/// blocks' partial sums are added in block order: the same bits at any thread count.
fn class_path_sums(
    q: &Projection,
    tw: &Twins,
    sources: &[(u32, f64)],
    progress: &super::Progress,
) -> (Vec<f64>, Vec<SourceSums>) {
    let t = q.nodes();
    progress.start(sources.len());
    let mut raw = vec![0.0f64; t];
    let mut per_source: Vec<SourceSums> = Vec::with_capacity(sources.len());
    for wave in sources.chunks(BLOCK).collect::<Vec<_>>().chunks(WAVE) {
        let partials: Vec<BlockResult> = wave
            .par_iter()
            .map_init(
                || (Scratch::new(t), vec![0.0f64; t], Vec::new()),
                |(scr, class_sigma, level_count), block| {
                    let mut part = vec![0.0f64; t];
                    let sums = block
                        .iter()
                        .map(|&(s, weight)| {
                            single_source_classes(
                                q,
                                tw,
                                s as usize,
                                weight,
                                scr,
                                class_sigma,
                                level_count,
                                &mut part,
                            )
                        })
                        .collect();
                    (part, sums)
                },
            )
            .collect();
        for (part, sums) in partials {
            for (total, p) in raw.iter_mut().zip(&part) {
                *total += p;
            }
            progress.add(sums.len());
            per_source.extend(sums);
        }
    }
    (raw, per_source)
}

/// Brandes on `g` visiting each open-twin class ([`open_twin_classes`]) once, as source
/// and as target: the same raw betweenness and (reached, Σd, Σ1/d) per node as
/// [`path_sums`] with open-twin classes (Σd, Σ1/d and σ exactly; betweenness to rounding).
///
/// The quotient graph has one node per class, of multiplicity μ (its members: pairwise
/// non-adjacent, same neighbours, so the same σ and δ from any other source). Forward, a
/// class passes μ·σ to each successor; backward, μ·(1 + δ)/σ to each predecessor; a
/// source stands for one member, and its μ − 1 classmates sit at distance 2 with σ =
/// deg(source), each adding 1/deg to every neighbour's dependency (Sariyüce et al. 2013,
/// identical vertices). Classes are numbered breadth-first for memory locality.
/// Complexity: O(t · (t + e)) for t classes and e quotient edges, O(t) per thread.
pub fn open_twin_path_sums(g: &Projection) -> (Vec<f64>, Vec<SourceSums>) {
    let n = g.nodes();
    let OpenTwinQuotient {
        graph: q,
        size,
        degree,
        node_of,
    } = open_twin_quotient(g);
    let size_f: Vec<f64> = size.iter().map(|&k| k as f64).collect();
    let twins = Twins {
        size: &size,
        size_f: &size_f,
        degree: &degree,
    };
    let sources: Vec<(u32, f64)> = (0..size.len() as u32)
        .map(|s| (s, size_f[s as usize]))
        .collect();
    let (raw_q, per_q) = class_path_sums(&q, &twins, &sources, &super::Progress::default());
    let raw = (0..n).map(|v| raw_q[node_of[v] as usize]).collect();
    let sums = (0..n).map(|v| per_q[node_of[v] as usize]).collect();
    (raw, sums)
}

/// A graph's open-twin classes ([`open_twin_classes`]) as one node each, numbered
/// breadth-first (memory locality).
pub struct OpenTwinQuotient {
    /// One node per class; an edge where the classes' members are adjacent.
    pub graph: Projection,
    /// Members of each class.
    pub size: Vec<u32>,
    /// Degree of each member in the original graph.
    pub degree: Vec<usize>,
    /// The class node of each original node.
    pub node_of: Vec<u32>,
}

/// The open-twin quotient of `g`. O(n + m) plus the classes' hashing.
pub fn open_twin_quotient(g: &Projection) -> OpenTwinQuotient {
    let (reps, sizes, class) = open_twin_classes(g);
    // The quotient's edges, from each representative's neighbours.
    let ties: Vec<(u32, u32, u32)> = reps
        .iter()
        .enumerate()
        .flat_map(|(k, &r)| {
            let mut row: Vec<u32> = g
                .neighbors(r as usize)
                .iter()
                .map(|&v| class[v as usize])
                .collect();
            row.sort_unstable();
            row.dedup();
            row.into_iter()
                .filter(move |&c| c as usize > k)
                .map(move |c| (k as u32, c, 1))
        })
        .collect();
    let quotient = Projection::from_ties(reps.len(), &ties);
    let new_of = quotient.locality_order();
    let t = reps.len();
    let mut size = vec![0u32; t];
    let mut degree = vec![0usize; t];
    for k in 0..t {
        size[new_of[k] as usize] = sizes[k];
        degree[new_of[k] as usize] = g.neighbors(reps[k] as usize).len();
    }
    OpenTwinQuotient {
        graph: quotient.relabelled(&new_of),
        size,
        degree,
        node_of: class.iter().map(|&k| new_of[k as usize]).collect(),
    }
}

/// The classes of the quotient graph in [`open_twin_path_sums`].
struct Twins<'a> {
    /// Members of each class.
    size: &'a [u32],
    /// The same, as `f64`.
    size_f: &'a [f64],
    /// Degree of each member in the original graph.
    degree: &'a [usize],
}

/// One Brandes traversal of the quotient `q` from class `s` (one member; its dependencies
/// weighted by `weight`): adds them to `bc` (per member of each class) and returns
/// (reached, Σd, Σ1/d) of a member. With every class of size one it is plain Brandes
/// (Brandes 2001; predecessors found by distance, so no lists; Σ1/d summed per level, so
/// the value does not depend on the traversal order).
#[allow(clippy::too_many_arguments)]
fn single_source_classes(
    q: &Projection,
    tw: &Twins,
    s: usize,
    weight: f64,
    scr: &mut Scratch,
    class_sigma: &mut [f64],
    level_count: &mut Vec<u64>,
    bc: &mut [f64],
) -> SourceSums {
    let Scratch {
        dist,
        sigma,
        delta,
        order,
    } = scr;
    order.clear();
    level_count.clear();
    level_count.push(1);
    dist[s] = 0;
    sigma[s] = 1.0;
    order.push(s as u32);
    let mut head = 0;
    while head < order.len() {
        let v = order[head] as usize;
        head += 1;
        let dv = dist[v];
        let sv = if v == s { 1.0 } else { tw.size_f[v] * sigma[v] };
        class_sigma[v] = sv;
        for &w in q.neighbors(v) {
            let w = w as usize;
            if dist[w] == UNSEEN {
                dist[w] = dv + 1;
                order.push(w as u32);
                if level_count.len() <= dv as usize + 1 {
                    level_count.push(0);
                }
                level_count[dv as usize + 1] += tw.size[w] as u64;
            }
            if dist[w] == dv + 1 {
                sigma[w] += sv;
            }
        }
    }
    // The source's classmates: distance 2, one shortest path through each neighbour.
    let classmates = tw.size[s] - 1;
    if classmates > 0 && tw.degree[s] > 0 {
        if level_count.len() < 3 {
            level_count.resize(3, 0);
        }
        level_count[2] += classmates as u64;
        let each = classmates as f64 / tw.degree[s] as f64;
        for &c in q.neighbors(s) {
            delta[c as usize] += each;
        }
    }
    let (mut sum_d, mut harmonic) = (0u64, 0.0f64);
    for (l, &count) in level_count.iter().enumerate().skip(1) {
        sum_d += l as u64 * count;
        harmonic += count as f64 / l as f64;
    }
    let reached: u64 = level_count.iter().sum();
    for &w in order.iter().rev() {
        let w = w as usize;
        let dw = dist[w];
        if dw > 0 {
            let coeff = tw.size_f[w] * ((1.0 + delta[w]) / sigma[w]);
            for &v in q.neighbors(w) {
                let v = v as usize;
                if dist[v] + 1 == dw {
                    delta[v] += sigma[v] * coeff;
                }
            }
        }
        if w != s {
            bc[w] += weight * delta[w];
        }
    }
    for &v in order.iter() {
        let v = v as usize;
        dist[v] = UNSEEN;
        sigma[v] = 0.0;
        delta[v] = 0.0;
    }
    (reached as usize, sum_d, harmonic)
}

/// The time of one plain BFS from every node over the projection's CSR, in parallel over
/// sources on the current pool: the lower bound the benchmark compares the path metrics
/// with. Returns (seconds, nodes visited in all, to keep the work from being optimised out).
pub fn bfs_lower_bound(g: &Projection) -> (f64, u64) {
    let n = g.nodes();
    let t = std::time::Instant::now();
    let visited: u64 = (0..n)
        .into_par_iter()
        .with_min_len(16)
        .map_init(
            || (vec![UNSEEN; n], Vec::with_capacity(n)),
            |(dist, queue): &mut (Vec<u32>, Vec<u32>), s| {
                queue.clear();
                dist[s] = 0;
                queue.push(s as u32);
                let mut head = 0;
                while head < queue.len() {
                    let v = queue[head] as usize;
                    head += 1;
                    let dv = dist[v];
                    for &w in g.neighbors(v) {
                        if dist[w as usize] == UNSEEN {
                            dist[w as usize] = dv + 1;
                            queue.push(w);
                        }
                    }
                }
                for &v in queue.iter() {
                    dist[v as usize] = UNSEEN;
                }
                queue.len() as u64
            },
        )
        .sum();
    (t.elapsed().as_secs_f64(), visited)
}

/// Normalise raw sums into the contract's measures.
fn finish(n: usize, raw_bc: Vec<f64>, per_source: &[(usize, u64, f64)]) -> PathMetrics {
    let betweenness = if n <= 2 {
        vec![0.0; n]
    } else {
        // Each unordered pair is counted from both ends: raw/2 pair dependencies, times
        // 2/((n-1)(n-2)).
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        raw_bc.into_iter().map(|b| b * scale).collect()
    };
    let (closeness, harmonic) = closeness_harmonic(n, per_source);
    PathMetrics {
        betweenness,
        closeness,
        harmonic,
    }
}

/// Closeness (Wasserman–Faust) and harmonic (÷ (n−1)) from each source's (reached, Σd,
/// Σ1/d).
pub fn closeness_harmonic(
    n: usize,
    per_source: &[(usize, u64, f64)],
) -> (Vec<f64>, Vec<Option<f64>>) {
    let closeness = per_source
        .iter()
        .map(|&(r, sum_d, _)| {
            if n <= 1 || sum_d == 0 {
                0.0
            } else {
                let r1 = (r - 1) as f64;
                (r1 / sum_d as f64) * (r1 / (n - 1) as f64)
            }
        })
        .collect();
    let harmonic = per_source
        .iter()
        .map(|&(_, _, h)| (n > 1).then(|| h / (n - 1) as f64))
        .collect();
    (closeness, harmonic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::spectral::{
        eigenvector_of_projection as eigenvector, pagerank_of_projection as pagerank,
    };

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-300) || (a - b).abs() <= 1e-15
    }

    fn assert_all_close(got: &[f64], want: &[f64], tol: f64, what: &str) {
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!(close(*g, *w, tol), "{what}[{i}]: got {g}, want {w}");
        }
    }

    #[test]
    fn path_of_four_by_hand() {
        // 0 - 1 - 2 - 3
        let g = Projection::from_ties(4, &[(0, 1, 1), (1, 2, 1), (2, 3, 1)]);
        let m = path_metrics(&g);
        // Node 1 lies on (0,2) and (0,3): 2 pairs × 2/((n-1)(n-2)) = 2 × 2/6.
        assert_all_close(
            &m.betweenness,
            &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0],
            1e-15,
            "betweenness",
        );
        // Node 0: distances 1,2,3 → 3/6; node 1: 1,1,2 → 3/4.
        assert_all_close(&m.closeness, &[0.5, 0.75, 0.75, 0.5], 1e-15, "closeness");
        let h: Vec<f64> = m.harmonic.iter().map(|h| h.unwrap()).collect();
        assert_all_close(
            &h,
            &[11.0 / 18.0, 5.0 / 6.0, 5.0 / 6.0, 11.0 / 18.0],
            1e-15,
            "harmonic",
        );
    }

    #[test]
    fn disconnected_with_isolate_by_hand() {
        // Tie 0-1 (weight 3), node 2 alone; n = 3.
        let g = Projection::from_ties(3, &[(0, 1, 3)]);
        let m = path_metrics(&g);
        assert_eq!(m.betweenness, vec![0.0, 0.0, 0.0]);
        // r = 2, Σd = 1: (1/1)·(1/2).
        assert_eq!(m.closeness, vec![0.5, 0.5, 0.0]);
        assert_eq!(m.harmonic, vec![Some(0.5), Some(0.5), Some(0.0)]);
        // PageRank: the isolate's rank b satisfies b = 0.85·b/3 + 0.05 → b = 3/43.
        let (pr, conv) = pagerank(&g);
        assert!(conv.converged);
        assert_all_close(
            &pr,
            &[20.0 / 43.0, 20.0 / 43.0, 3.0 / 43.0],
            1e-12,
            "pagerank",
        );
        let (ev, _) = eigenvector(&g);
        let r = 1.0 / 2f64.sqrt();
        assert_all_close(&ev, &[r, r, 0.0], 1e-12, "eigenvector");
    }

    #[test]
    fn eigenvector_by_hand() {
        // Path 0-1-2: λ = √2, v = (1, √2, 1)/2.
        let g = Projection::from_ties(3, &[(0, 1, 1), (1, 2, 1)]);
        let (ev, conv) = eigenvector(&g);
        assert!(conv.converged);
        assert_all_close(&ev, &[0.5, 0.5 * 2f64.sqrt(), 0.5], 1e-12, "path");
        // Two equal components share λ = 1: the uniform start splits the mass evenly.
        let g = Projection::from_ties(4, &[(0, 1, 1), (2, 3, 1)]);
        assert_all_close(&eigenvector(&g).0, &[0.5; 4], 1e-12, "twins");
        // A heavier tie dominates: λ = 2 beats λ = 1, the lighter component goes to 0.
        let g = Projection::from_ties(4, &[(0, 1, 2), (2, 3, 1)]);
        let r = 1.0 / 2f64.sqrt();
        assert_all_close(&eigenvector(&g).0, &[r, r, 0.0, 0.0], 1e-12, "dominant");
        // No ties: 1/√n everywhere.
        let g = Projection::from_ties(4, &[]);
        assert_all_close(&eigenvector(&g).0, &[0.5; 4], 1e-15, "empty");
    }

    #[test]
    fn tiny_graphs() {
        let one = Projection::from_ties(1, &[]);
        let m = path_metrics(&one);
        assert_eq!(
            (m.betweenness[0], m.closeness[0], m.harmonic[0]),
            (0.0, 0.0, None)
        );
        assert_eq!(pagerank(&one).0, vec![1.0]);
        let two = Projection::from_ties(2, &[(0, 1, 1)]);
        let m = path_metrics(&two);
        assert_eq!(m.betweenness, vec![0.0, 0.0]);
        assert_eq!(m.closeness, vec![1.0, 1.0]);
    }

    /// Zachary's karate club (weighted) against NetworkX 3.6.1, values written by
    /// `scripts/karate_expected.py` into `tests/fixtures/karate/`.
    #[test]
    fn karate_club_matches_networkx() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/karate");
        let edges = std::fs::read_to_string(dir.join("edges.csv")).unwrap();
        let ties: Vec<(u32, u32, u32)> = edges
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<u32> = l.split(',').map(|x| x.parse().unwrap()).collect();
                (f[0], f[1], f[2])
            })
            .collect();
        let g = Projection::from_ties(34, &ties);
        let expected = std::fs::read_to_string(dir.join("expected.csv")).unwrap();
        let cols: Vec<Vec<f64>> = expected
            .lines()
            .skip(1)
            .map(|l| l.split(',').map(|x| x.parse().unwrap()).collect())
            .collect();
        let col = |k: usize| cols.iter().map(|r| r[k]).collect::<Vec<f64>>();
        let m = path_metrics(&g);
        let deg: Vec<f64> = (0..34).map(|u| g.neighbors(u).len() as f64).collect();
        let wdeg: Vec<f64> = (0..34)
            .map(|u| g.weights(u).iter().sum::<u32>() as f64)
            .collect();
        assert_eq!(deg, col(1));
        assert_eq!(wdeg, col(2));
        assert_all_close(&m.betweenness, &col(3), 1e-12, "betweenness");
        assert_all_close(&m.closeness, &col(4), 1e-12, "closeness");
        let h: Vec<f64> = m.harmonic.iter().map(|h| h.unwrap()).collect();
        assert_all_close(&h, &col(5), 1e-12, "harmonic");
        assert_all_close(&eigenvector(&g).0, &col(6), 1e-9, "eigenvector");
        assert_all_close(&pagerank(&g).0, &col(7), 1e-10, "pagerank");
    }

    /// A random graph of more than one wave of blocks gives bit-identical results on one
    /// thread and on several.
    #[test]
    fn thread_count_never_changes_a_bit() {
        let n = BLOCK * WAVE + 300;
        let mut state = 42u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        let ties: Vec<(u32, u32, u32)> = (0..4 * n)
            .filter_map(|_| {
                let (u, v) = (next() % n as u32, next() % n as u32);
                (u != v).then(|| (u.min(v), u.max(v), 1 + next() % 3))
            })
            .collect();
        let g = Projection::from_ties(n, &ties);
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| (path_metrics(&g), eigenvector(&g).0, pagerank(&g).0))
        };
        let (a, b) = (run(1), run(3));
        assert_eq!(a.0.betweenness, b.0.betweenness);
        assert_eq!(a.0.closeness, b.0.closeness);
        assert_eq!(a.0.harmonic, b.0.harmonic);
        assert_eq!(a.1, b.1);
        assert_eq!(a.2, b.2);
    }

    /// Visiting open-twin classes once as targets gives what one traversal per class
    /// representative over the whole graph gives: Σd, Σ1/d and reach exactly, betweenness
    /// to rounding; on hand-made stars and on two-mode graphs of generated datasets (with
    /// twins, leaves, isolated organisations and memberless collaborations), at any
    /// thread count.
    #[test]
    fn open_twin_quotient_equals_plain_brandes() {
        // A star with three leaves (one class) and a second centre sharing two of them.
        // Centre 0 lies between each leaf pair: raw 2 per ordered pair.
        let star = Projection::from_ties(4, &[(0, 1, 1), (0, 2, 1), (0, 3, 1)]);
        let (raw, sums) = open_twin_path_sums(&star);
        assert_eq!(raw, vec![6.0, 0.0, 0.0, 0.0]);
        assert_eq!(sums[1], (4, 5, 1.0 + 0.5 + 0.5));
        let mut graphs = vec![
            star,
            Projection::from_ties(6, &[(0, 1, 1), (0, 2, 1), (4, 1, 1), (4, 2, 1), (4, 3, 1)]),
        ];
        for (seed, orgs, consortia, projects) in [(3u64, 400, 40, 60), (11, 700, 30, 150)] {
            let ds = crate::generate::test_dataset(orgs, consortia, projects, seed);
            let net = crate::network::Network::build(&ds);
            graphs.push(crate::metrics::two_mode_centrality::graph(&net));
        }
        for g in &graphs {
            let (raw, sums) = open_twin_path_sums(g);
            let (want_raw, want_sums) = path_sums(g, &open_twin_classes(g));
            assert_eq!(sums, want_sums);
            assert_all_close(&raw, &want_raw, 1e-12, "raw betweenness");
            let threads = |t: usize| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build()
                    .unwrap()
                    .install(|| open_twin_path_sums(g).0)
            };
            assert_eq!(threads(1), threads(3));
        }
    }
}
