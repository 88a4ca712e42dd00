//! The Leiden algorithm for modularity with a resolution parameter, on a weighted
//! undirected graph.
//!
//! Reference: V. A. Traag, L. Waltman & N. J. van Eck, "From Louvain to Leiden:
//! guaranteeing well-connected communities", *Scientific Reports* 9, 5233 (2019), in the
//! structure of igraph's `igraph_community_leiden` (node weights = strengths k_i, resolution
//! γ/(2m), randomness β = 0.01):
//!
//! 1. *fast local moving*: nodes are visited from a queue (first in a seeded random order);
//!    each moves to the neighbouring (or an empty) community of largest gain
//!    w(v, C) − k_v·K_C·γ/(2m), only when strictly better than staying; when a node moves,
//!    its neighbours outside its new community that were settled join the queue again;
//! 2. *refinement*: inside each community S, from singletons, each node still alone and
//!    well connected to S (E(v, S − v) ≥ γ k_v (K_S − k_v)/(2m)), in random order, joins a
//!    well-connected sub-community C of S chosen at random with probability ∝ exp(ΔH/β)
//!    among those with ΔH ≥ 0 (its own included);
//! 3. *aggregation*: one node per refined sub-community, started in its community of step 1.
//!
//! Steps 1–3 repeat on the aggregate until every community is one node; the whole is then
//! run again from the partition found until an iteration moves nothing (at most
//! [`MAX_ITERATIONS`]). Unlike igraph, a refinement node that stays alone does not add its
//! weight to its own sub-community's outside weight a second time.
//!
//! Sequential and seeded (ChaCha8 with integer draws made here, not by a library's
//! sampler), so the partition depends on the graph and the seed only: never on the thread
//! count. Complexity: O(m) per pass of local moving, refinement and aggregation; a few
//! passes per level and a few levels in practice.

use std::collections::VecDeque;

use rand_chacha::ChaCha8Rng;

use crate::metrics::random::{shuffle, stream, unit};

/// Randomness of the refinement (igraph's and leidenalg's default β).
pub const BETA: f64 = 0.01;
/// Iterations of the whole algorithm at most (it normally stops after a few).
pub const MAX_ITERATIONS: usize = 50;
/// Adjacency entries (each tie counted from both ends) that the iterations may read in
/// all: each iteration reads the whole graph a few times (about 1.3 s per iteration for 20
/// million entries on this project's 2-core benchmark machine), so a graph of 2 million
/// ties still gets all [`MAX_ITERATIONS`] and one of 10 million ties stops after 9 (its
/// modularity then within 0.05% of where 50 iterations take it, on the large-connected
/// benchmark). [`leiden_within`] says when the budget stopped it.
pub const WORK_BUDGET: u64 = 200_000_000;

/// A weighted graph in both directions, without self-loops; node weights = strengths.
#[derive(Debug, Clone)]
pub struct Graph {
    /// Row offsets, `n + 1` of them.
    pub offsets: Vec<usize>,
    /// Neighbours.
    pub targets: Vec<u32>,
    /// Tie weights, aligned with `targets`.
    pub weights: Vec<f64>,
    /// Node weights (strength: the sum of the node's tie weights in the original graph).
    pub node_weight: Vec<f64>,
}

impl Graph {
    fn n(&self) -> usize {
        self.offsets.len() - 1
    }
    fn row(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[v]..self.offsets[v + 1];
        self.targets[r.clone()]
            .iter()
            .zip(&self.weights[r])
            .map(|(&u, &w)| (u as usize, w))
    }
}

/// Renumber a membership 0, 1, … in order of first appearance; the number of communities.
fn renumber(membership: &mut [u32]) -> usize {
    let mut map = vec![u32::MAX; membership.len().max(1)];
    let mut next = 0u32;
    for c in membership.iter_mut() {
        if map[*c as usize] == u32::MAX {
            map[*c as usize] = next;
            next += 1;
        }
        *c = map[*c as usize];
    }
    next as usize
}

/// Step 1. Returns whether any node moved; `membership` renumbered.
fn fast_move(g: &Graph, membership: &mut [u32], res: f64, rng: &mut ChaCha8Rng) -> bool {
    let n = g.n();
    let nw = &g.node_weight;
    let mut cw = vec![0.0f64; n];
    let mut size = vec![0u32; n];
    for v in 0..n {
        cw[membership[v] as usize] += nw[v];
        size[membership[v] as usize] += 1;
    }
    let mut empty: Vec<usize> = (0..n).filter(|&c| size[c] == 0).collect();
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut order, rng);
    let mut queue: VecDeque<usize> = order.into_iter().collect();
    let mut stable = vec![false; n];
    let mut to_cluster = vec![0.0f64; n];
    let mut added = vec![false; n];
    let mut neigh: Vec<usize> = Vec::new();
    let mut changed = false;
    while let Some(v) = queue.pop_front() {
        let cur = membership[v] as usize;
        cw[cur] -= nw[v];
        size[cur] -= 1;
        if size[cur] == 0 {
            empty.push(cur);
        }
        neigh.clear();
        let top = *empty
            .last()
            .expect("a community is free: v left one or one was empty");
        neigh.push(top);
        added[top] = true;
        for (u, w) in g.row(v) {
            let c = membership[u] as usize;
            if !added[c] {
                added[c] = true;
                neigh.push(c);
            }
            to_cluster[c] += w;
        }
        let mut best = cur;
        let mut max_diff = to_cluster[cur] - nw[v] * cw[cur] * res;
        for &c in &neigh {
            let diff = to_cluster[c] - nw[v] * cw[c] * res;
            if diff > max_diff {
                best = c;
                max_diff = diff;
            }
            to_cluster[c] = 0.0;
            added[c] = false;
        }
        to_cluster[cur] = 0.0;
        cw[best] += nw[v];
        size[best] += 1;
        if empty.last() == Some(&best) {
            empty.pop();
        }
        stable[v] = true;
        if best != cur {
            changed = true;
            membership[v] = best as u32;
            for (u, _) in g.row(v) {
                if stable[u] && membership[u] as usize != best {
                    queue.push_back(u);
                    stable[u] = false;
                }
            }
        }
    }
    renumber(membership);
    changed
}

/// Buffers of the refinement, sized for the level's nodes.
struct Refine {
    cw: Vec<f64>,
    ext: Vec<f64>,
    non_singleton: Vec<bool>,
    to_cluster: Vec<f64>,
    added: Vec<bool>,
    cum: Vec<f64>,
    neigh: Vec<usize>,
    local: Vec<u32>,
}

/// Step 2 for one community `cs` with nodes `nodes`: writes `refined` for them, numbered
/// from `*next` on.
#[allow(clippy::too_many_arguments)]
fn merge_nodes(
    g: &Graph,
    nodes: &[usize],
    membership: &[u32],
    cs: u32,
    res: f64,
    rng: &mut ChaCha8Rng,
    refined: &mut [u32],
    next: &mut u32,
    b: &mut Refine,
) {
    let k = nodes.len();
    let nw = &g.node_weight;
    let mut total = 0.0;
    for (i, &v) in nodes.iter().enumerate() {
        b.local[v] = i as u32;
        b.cw[i] = nw[v];
        total += nw[v];
        b.non_singleton[i] = false;
        b.ext[i] = g
            .row(v)
            .filter(|&(u, _)| membership[u] == cs)
            .map(|(_, w)| w)
            .sum();
    }
    let mut order = nodes.to_vec();
    shuffle(&mut order, rng);
    for &v in &order {
        let cur = b.local[v] as usize;
        let own = b.cw[cur];
        if b.non_singleton[cur] || b.ext[cur] < own * (total - own) * res {
            continue;
        }
        b.cw[cur] = 0.0;
        b.neigh.clear();
        b.neigh.push(cur);
        b.added[cur] = true;
        for (u, w) in g.row(v) {
            if membership[u] == cs {
                let c = b.local[u] as usize;
                if !b.added[c] {
                    b.added[c] = true;
                    b.neigh.push(c);
                }
                b.to_cluster[c] += w;
            }
        }
        let (mut best, mut max_diff, mut cum) = (cur, 0.0f64, 0.0f64);
        b.cum.clear();
        for &c in &b.neigh {
            let prod = b.cw[c] * (total - b.cw[c]);
            if b.ext[c] >= prod * res {
                let diff = b.to_cluster[c] - nw[v] * b.cw[c] * res;
                if diff > max_diff {
                    best = c;
                    max_diff = diff;
                }
                if diff >= 0.0 {
                    cum += (diff / BETA).exp();
                }
            }
            b.cum.push(cum);
        }
        let chosen = if cum.is_finite() {
            let r = unit(rng) * cum;
            let j = b.cum.iter().position(|&x| x > r).unwrap_or(0);
            b.neigh[j]
        } else {
            best
        };
        let w_chosen = b.to_cluster[chosen];
        for &c in &b.neigh {
            b.to_cluster[c] = 0.0;
            b.added[c] = false;
        }
        b.cw[chosen] += nw[v];
        if chosen != cur {
            // E(C ∪ v, S − C − v) = E(C, S − C) − w(v, C) + (E(v, S − v) − w(v, C)).
            b.ext[chosen] += b.ext[cur] - 2.0 * w_chosen;
            b.local[v] = chosen as u32;
            b.non_singleton[chosen] = true;
        }
    }
    // Number the sub-communities in order of first appearance among `nodes`.
    let mut map: Vec<u32> = vec![u32::MAX; k];
    for &v in nodes {
        let c = b.local[v] as usize;
        if map[c] == u32::MAX {
            map[c] = *next;
            *next += 1;
        }
        refined[v] = map[c];
    }
}

/// Step 3: one node per refined sub-community; its community from `membership`.
fn aggregate(g: &Graph, membership: &[u32], refined: &[u32], count: usize) -> (Graph, Vec<u32>) {
    let n = g.n();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for v in 0..n {
        members[refined[v] as usize].push(v);
    }
    let mut offsets = vec![0usize];
    let (mut targets, mut weights) = (Vec::new(), Vec::new());
    let mut node_weight = vec![0.0; count];
    let mut memb = vec![0u32; count];
    let mut acc = vec![0.0f64; count];
    let mut seen: Vec<usize> = Vec::new();
    for (c, vs) in members.iter().enumerate() {
        for &v in vs {
            node_weight[c] += g.node_weight[v];
            memb[c] = membership[v];
            for (u, w) in g.row(v) {
                let c2 = refined[u] as usize;
                if c2 != c {
                    if acc[c2] == 0.0 {
                        seen.push(c2);
                    }
                    acc[c2] += w;
                }
            }
        }
        for &c2 in &seen {
            targets.push(c2 as u32);
            weights.push(std::mem::take(&mut acc[c2]));
        }
        seen.clear();
        offsets.push(targets.len());
    }
    (
        Graph {
            offsets,
            targets,
            weights,
            node_weight,
        },
        memb,
    )
}

/// One iteration of the algorithm from `membership` (of the base graph's nodes), updated
/// in place; whether anything moved.
fn iterate(base: &Graph, membership: &mut [u32], res: f64, rng: &mut ChaCha8Rng) -> bool {
    let n0 = base.n();
    let mut changed = false;
    let mut level: std::borrow::Cow<'_, Graph> = std::borrow::Cow::Borrowed(base);
    let mut memb: Vec<u32> = membership.to_vec();
    renumber(&mut memb);
    let mut node_of: Vec<u32> = (0..n0 as u32).collect();
    loop {
        changed |= fast_move(&level, &mut memb, res, rng);
        let n = level.n();
        let clusters = memb.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        for i in 0..n0 {
            membership[i] = memb[node_of[i] as usize];
        }
        if clusters >= n {
            break;
        }
        let mut lists: Vec<Vec<usize>> = vec![Vec::new(); clusters];
        for v in 0..n {
            lists[memb[v] as usize].push(v);
        }
        let mut buf = Refine {
            cw: vec![0.0; n],
            ext: vec![0.0; n],
            non_singleton: vec![false; n],
            to_cluster: vec![0.0; n],
            added: vec![false; n],
            cum: Vec::new(),
            neigh: Vec::new(),
            local: vec![0; n],
        };
        let mut refined = vec![0u32; n];
        let mut next = 0u32;
        for (c, nodes) in lists.iter().enumerate() {
            merge_nodes(
                &level,
                nodes,
                &memb,
                c as u32,
                res,
                rng,
                &mut refined,
                &mut next,
                &mut buf,
            );
        }
        let mut count = next as usize;
        if count >= n {
            // The refinement merged nothing: aggregate by the communities themselves.
            refined.copy_from_slice(&memb);
            count = clusters;
        }
        for x in node_of.iter_mut() {
            *x = refined[*x as usize];
        }
        let (agg, agg_memb) = aggregate(&level, &memb, &refined, count);
        level = std::borrow::Cow::Owned(agg);
        memb = agg_memb;
    }
    changed
}

/// Communities of `g` at resolution γ (`resolution`), seeded: a community index per node
/// (0, 1, … in order of first appearance). Isolated nodes stay alone. Iterates within
/// [`WORK_BUDGET`] ([`leiden_within`]).
pub fn leiden(g: &Graph, resolution: f64, seed: u64) -> Vec<u32> {
    leiden_within(g, resolution, seed, WORK_BUDGET).membership
}

/// What [`leiden_within`] found and how it stopped.
#[derive(Debug, Clone)]
pub struct LeidenRun {
    /// Community index per node (0, 1, … in order of first appearance).
    pub membership: Vec<u32>,
    /// Iterations of the whole algorithm run.
    pub iterations: usize,
    /// Whether the last iteration moved nothing (else the iteration limit stopped it).
    pub converged: bool,
    /// Whether the work budget set that limit below [`MAX_ITERATIONS`].
    pub budget_limited: bool,
}

/// [`leiden`], iterating at most [`MAX_ITERATIONS`] times and at most `budget` adjacency
/// entries' worth: ⌊budget / entries⌋ iterations, at least one.
pub fn leiden_within(g: &Graph, resolution: f64, seed: u64, budget: u64) -> LeidenRun {
    let n = g.n();
    let mut run = LeidenRun {
        membership: (0..n as u32).collect(),
        iterations: 0,
        converged: true,
        budget_limited: false,
    };
    let two_m: f64 = g.node_weight.iter().sum();
    if n == 0 || two_m <= 0.0 {
        return run;
    }
    let affordable = (budget / (g.targets.len() as u64).max(1)).max(1);
    let limit = MAX_ITERATIONS.min(affordable.try_into().unwrap_or(usize::MAX));
    run.budget_limited = limit < MAX_ITERATIONS;
    let res = resolution / two_m;
    let mut rng = stream(seed, "leiden", 0);
    run.converged = false;
    for _ in 0..limit {
        run.iterations += 1;
        if !iterate(g, &mut run.membership, res, &mut rng) {
            run.converged = true;
            break;
        }
    }
    renumber(&mut run.membership);
    run
}

/// Newman's modularity with resolution γ of a partition of `g`:
/// Q = Σ_c [L_c/m − γ (K_c/2m)²], L_c the weight of ties inside c, K_c its strength;
/// `None` without ties. Sums in community order.
pub fn modularity(g: &Graph, membership: &[u32], resolution: f64) -> Option<f64> {
    let two_m: f64 = g.node_weight.iter().sum();
    if two_m <= 0.0 {
        return None;
    }
    let k = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let (mut inside, mut strength) = (vec![0.0f64; k], vec![0.0f64; k]);
    for v in 0..g.n() {
        let c = membership[v] as usize;
        strength[c] += g.node_weight[v];
        for (u, w) in g.row(v) {
            if membership[u] as usize == c {
                inside[c] += w; // each tie twice: 2 L_c
            }
        }
    }
    Some(
        (0..k)
            .map(|c| inside[c] / two_m - resolution * (strength[c] / two_m).powi(2))
            .sum(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A graph from unordered weighted ties.
    pub fn graph(n: usize, ties: &[(u32, u32, f64)]) -> Graph {
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        for &(a, b, w) in ties {
            rows[a as usize].push((b, w));
            rows[b as usize].push((a, w));
        }
        let mut offsets = vec![0];
        let (mut targets, mut weights, mut node_weight) = (Vec::new(), Vec::new(), Vec::new());
        for r in rows {
            node_weight.push(r.iter().map(|x| x.1).sum());
            for (t, w) in r {
                targets.push(t);
                weights.push(w);
            }
            offsets.push(targets.len());
        }
        Graph {
            offsets,
            targets,
            weights,
            node_weight,
        }
    }

    /// Two triangles joined by a bridge, plus an isolate.
    fn two_triangles() -> Graph {
        graph(
            7,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
                (2, 3, 1.0),
            ],
        )
    }

    #[test]
    fn two_triangles_split_at_the_bridge() {
        let g = two_triangles();
        for seed in 0..20 {
            let m = leiden(&g, 1.0, seed);
            assert_eq!(m[0], m[1]);
            assert_eq!(m[1], m[2]);
            assert_eq!(m[3], m[4]);
            assert_eq!(m[4], m[5]);
            assert_ne!(m[0], m[3]);
            assert!(m[6] != m[0] && m[6] != m[3], "the isolate stays alone");
            // m = 7; each triangle: L = 3, K = 7: Q = 2·(3/7 − (7/14)²) = 6/7 − 1/2.
            let q = modularity(&g, &m, 1.0).unwrap();
            assert!((q - (6.0 / 7.0 - 0.5)).abs() < 1e-15, "{q}");
        }
    }

    #[test]
    fn resolution_changes_the_answer() {
        let g = two_triangles();
        // γ → 0 rewards one community per component.
        let m = leiden(&g, 0.01, 1);
        assert!(m[..6].iter().all(|&c| c == m[0]));
        // A high γ leaves everything alone.
        let m = leiden(&g, 50.0, 1);
        let mut s = m.clone();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), 7);
    }

    /// A ring of cliques: the classic resolution-limit example has one community per
    /// clique at γ = 1 when the ring is short.
    #[test]
    fn ring_of_cliques() {
        let (cliques, size) = (8u32, 5u32);
        let mut ties = Vec::new();
        for c in 0..cliques {
            for a in 0..size {
                for b in a + 1..size {
                    ties.push((c * size + a, c * size + b, 1.0));
                }
            }
            ties.push((c * size, ((c + 1) % cliques) * size + 1, 1.0));
        }
        let g = graph((cliques * size) as usize, &ties);
        let m = leiden(&g, 1.0, 7);
        for c in 0..cliques as usize {
            let s = c * size as usize;
            assert!(m[s..s + size as usize].iter().all(|&x| x == m[s]), "{m:?}");
        }
        let mut s = m.clone();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), cliques as usize);
    }

    #[test]
    fn the_same_seed_gives_the_same_partition() {
        use rand::Rng;
        let mut rng = <ChaCha8Rng as rand::SeedableRng>::seed_from_u64(11);
        let mut ties = Vec::new();
        for a in 0..300u32 {
            for b in a + 1..300 {
                let p = if a / 30 == b / 30 { 0.3 } else { 0.01 };
                if rng.random::<f64>() < p {
                    ties.push((a, b, 1.0 + rng.random_range(0..3) as f64));
                }
            }
        }
        let g = graph(300, &ties);
        let a = leiden(&g, 1.0, 5);
        assert_eq!(a, leiden(&g, 1.0, 5));
        // Planted blocks of 30 are found.
        let q = modularity(&g, &a, 1.0).unwrap();
        let planted: Vec<u32> = (0..300).map(|v| v / 30).collect();
        assert!(q >= modularity(&g, &planted, 1.0).unwrap() - 1e-9, "{q}");
    }

    /// The work budget stops the iterations early, never below one, and says so; within
    /// it the run is the unlimited one.
    #[test]
    fn the_work_budget_caps_the_iterations() {
        let g = two_triangles();
        let entries = g.targets.len() as u64;
        let full = leiden_within(&g, 1.0, 3, u64::MAX);
        assert!(full.converged && !full.budget_limited);
        assert_eq!(full.membership, leiden(&g, 1.0, 3));
        let one = leiden_within(&g, 1.0, 3, 0);
        assert_eq!(one.iterations, 1);
        assert!(one.budget_limited);
        let two = leiden_within(&g, 1.0, 3, 2 * entries + 1);
        assert!(two.iterations <= 2 && two.budget_limited);
        // The two triangles are found in the first iteration already.
        assert_eq!(one.membership, full.membership);
    }
}
