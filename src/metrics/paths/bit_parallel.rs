//! Closeness and harmonic centrality from distances through the two-mode graph,
//! 256 sources at a time.
//!
//! Two organisations are at projection distance k exactly when they are at distance 2k
//! in the bipartite organisation–collaboration graph, and that graph has one edge per
//! membership, far fewer than the projection's ties (a consortium of m members is m edges
//! there, m(m−1)/2 ties here). So when betweenness does not need the projection's
//! traversal (it is sampled), BFS through the bipartite graph gives the exact distances
//! for closeness and harmonic at a fraction of the cost.
//!
//! The BFS is bit-parallel (multi-source BFS, Then et al., "The More the Merrier",
//! VLDB 2014): each node carries one bit per source of a batch of [`LANES`], and one pass
//! over a node's ties advances every source whose frontier holds it. The number of nodes
//! each source reaches at each level is kept in bit-sliced counters (one plane per binary
//! digit, added with carries), so counting costs one word operation per node and level, not
//! one per (source, node).
//!
//! Sums are accumulated per distance level (count_d / d, d increasing), so the result is
//! the same, bit for bit, as the per-source BFS of the exact path metrics, and does not
//! depend on batching or thread count.

use rayon::prelude::*;

use crate::network::incidence::{bfs_numbering, relabel_incidence};
use crate::network::{Csr, Network, Projection};

/// Per source: (organisations reached incl. itself, Σ distances, Σ 1/distance).
pub type SourceSums = (usize, u64, f64);

/// Words of 64 sources in one batch.
const WORDS: usize = 4;
/// Sources traversed together.
pub const LANES: usize = 64 * WORDS;

/// One bit per source of the batch.
type Lanes = [u64; WORDS];
const EMPTY: Lanes = [0; WORDS];

fn is_empty(x: &Lanes) -> bool {
    x.iter().all(|&w| w == 0)
}

/// Per-thread buffers: seen / frontier / next bits of organisations and collaborations,
/// the lists of nodes holding bits, and the level counter's bit planes.
struct Scratch {
    org_seen: Vec<Lanes>,
    org_frontier: Vec<Lanes>,
    org_next: Vec<Lanes>,
    collab_seen: Vec<Lanes>,
    collab_next: Vec<Lanes>,
    active: Vec<u32>,
    touched_org: Vec<u32>,
    touched_collab: Vec<u32>,
    seen_orgs: Vec<u32>,
    seen_collabs: Vec<u32>,
    planes: Vec<Lanes>,
}

impl Scratch {
    /// Buffers for `orgs` organisation nodes standing for `total` organisations.
    fn new(orgs: usize, collabs: usize, total: usize) -> Self {
        // Enough binary digits to count every organisation at one level.
        let digits = (u64::BITS - (total as u64).leading_zeros()) as usize + 1;
        Scratch {
            org_seen: vec![EMPTY; orgs],
            org_frontier: vec![EMPTY; orgs],
            org_next: vec![EMPTY; orgs],
            collab_seen: vec![EMPTY; collabs],
            collab_next: vec![EMPTY; collabs],
            active: Vec::new(),
            touched_org: Vec::new(),
            touched_collab: Vec::new(),
            seen_orgs: Vec::new(),
            seen_collabs: Vec::new(),
            planes: vec![EMPTY; digits],
        }
    }
}

/// OR `bits` into node `i`'s pending set, listing the node in `touched` the first time.
#[inline(always)]
fn send(pending: &mut [Lanes], touched: &mut Vec<u32>, i: u32, bits: &Lanes) {
    let next = &mut pending[i as usize];
    if is_empty(next) {
        touched.push(i);
    }
    for j in 0..WORDS {
        next[j] |= bits[j];
    }
}

/// Take node `i`'s pending bits and keep those of sources that had not reached it yet,
/// marking them seen (and listing the node in `seen_list` the first time it is seen).
#[inline(always)]
fn take_fresh(
    pending: &mut [Lanes],
    seen: &mut [Lanes],
    seen_list: &mut Vec<u32>,
    i: usize,
) -> Lanes {
    let next = std::mem::replace(&mut pending[i], EMPTY);
    let seen = &mut seen[i];
    if is_empty(seen) {
        seen_list.push(i as u32);
    }
    let mut fresh = EMPTY;
    for j in 0..WORDS {
        fresh[j] = next[j] & !seen[j];
        seen[j] |= fresh[j];
    }
    fresh
}

/// Add one bit per lane to the bit-sliced counters.
/// Add the level at distance `d`: each lane's count read off the bit planes (reached,
/// Σd, Σ1/d), then the planes cleared for the next level.
#[inline]
fn add_level(planes: &mut [Lanes], sums: &mut [SourceSums], d: u64) {
    for (i, sum) in sums.iter_mut().enumerate() {
        let (word, bit) = (i / 64, i % 64);
        let count: u64 = planes
            .iter()
            .enumerate()
            .map(|(k, p)| ((p[word] >> bit) & 1) << k)
            .sum();
        sum.0 += count as usize;
        sum.1 += d * count;
        sum.2 += count as f64 / d as f64;
    }
    planes.iter_mut().for_each(|p| *p = EMPTY);
}

/// Add `k` per set bit of `y` to the bit-sliced counters (`k`'s binary digits, each
/// carried up from its own plane).
fn count_weighted(planes: &mut [Lanes], y: &Lanes, k: u32) {
    for b in 0..u32::BITS as usize {
        if (k >> b) & 1 == 0 {
            continue;
        }
        for j in 0..WORDS {
            let mut carry = y[j];
            let mut p = b;
            while carry != 0 {
                let t = planes[p][j] & carry;
                planes[p][j] ^= carry;
                carry = t;
                p += 1;
            }
        }
    }
}

fn count_into(planes: &mut [Lanes], y: &Lanes) {
    for j in 0..WORDS {
        let mut carry = y[j];
        let mut k = 0;
        while carry != 0 {
            let t = planes[k][j] & carry;
            planes[k][j] ^= carry;
            carry = t;
            k += 1;
        }
    }
}

/// The sums of up to [`LANES`] sources, traversed together. The organisation nodes are
/// classes of organisations in the same collaborations, `size` each; a source stands for
/// one member, its classmates sit at distance 1.
fn batch(oc: &Csr, cm: &Csr, size: &[u32], sources: &[u32], x: &mut Scratch) -> Vec<SourceSums> {
    let mut sums: Vec<SourceSums> = vec![(1, 0, 0.0); sources.len()];
    for (i, &s) in sources.iter().enumerate() {
        let s = s as usize;
        x.org_seen[s][i / 64] |= 1 << (i % 64);
        x.org_frontier[s][i / 64] |= 1 << (i % 64);
        x.active.push(s as u32);
        x.seen_orgs.push(s as u32);
    }
    let mut d = 0u64;
    while !x.active.is_empty() {
        d += 1;
        // Organisations → their collaborations.
        for &v in &x.active {
            let f = std::mem::replace(&mut x.org_frontier[v as usize], EMPTY);
            for &c in oc.row(v as usize) {
                send(&mut x.collab_next, &mut x.touched_collab, c, &f);
            }
        }
        x.active.clear();
        // Collaborations (first reached by a source now) → their members.
        for &c in &x.touched_collab {
            let fresh = take_fresh(
                &mut x.collab_next,
                &mut x.collab_seen,
                &mut x.seen_collabs,
                c as usize,
            );
            if is_empty(&fresh) {
                continue;
            }
            for &w in cm.row(c as usize) {
                send(&mut x.org_next, &mut x.touched_org, w, &fresh);
            }
        }
        x.touched_collab.clear();
        // Members not yet reached by a source are at distance d from it.
        for &w in &x.touched_org {
            let w = w as usize;
            let fresh = take_fresh(&mut x.org_next, &mut x.org_seen, &mut x.seen_orgs, w);
            if is_empty(&fresh) {
                continue;
            }
            x.org_frontier[w] = fresh;
            x.active.push(w as u32);
            count_weighted(&mut x.planes, &fresh, size[w]);
        }
        x.touched_org.clear();
        if d == 1 {
            for (i, &s) in sources.iter().enumerate() {
                let mates = size[s as usize] - 1;
                if mates > 0 {
                    let mut lane = EMPTY;
                    lane[i / 64] |= 1 << (i % 64);
                    count_weighted(&mut x.planes, &lane, mates);
                }
            }
        }
        add_level(&mut x.planes, &mut sums, d);
    }
    for &o in &x.seen_orgs {
        x.org_seen[o as usize] = EMPTY;
    }
    for &c in &x.seen_collabs {
        x.collab_seen[c as usize] = EMPTY;
    }
    x.seen_orgs.clear();
    x.seen_collabs.clear();
    sums
}

/// Organisations in breadth-first order through the two-mode graph (components in order
/// of their first organisation), so that a batch holds sources close to each other and
/// their frontiers overlap.
fn breadth_first_order(net: &Network) -> Vec<u32> {
    let (oc, cm) = (&net.org_collaborations, &net.collaboration_members);
    let n = oc.rows();
    let mut seen = vec![false; n];
    let mut seen_c = vec![false; cm.rows()];
    let mut order = Vec::with_capacity(n);
    for s in 0..n {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        let mut head = order.len();
        order.push(s as u32);
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            for &c in oc.row(v) {
                if std::mem::replace(&mut seen_c[c as usize], true) {
                    continue;
                }
                for &w in cm.row(c as usize) {
                    if !std::mem::replace(&mut seen[w as usize], true) {
                        order.push(w);
                    }
                }
            }
        }
    }
    order
}

/// (reached, Σd, Σ1/d) of every organisation, in organisation order. Closed twins have
/// the same distances to everyone else, so one traversal serves each twin class;
/// organisations with no collaboration reach only themselves.
pub fn source_sums(net: &Network) -> Vec<SourceSums> {
    source_sums_observed(net, &super::Progress::default())
}

/// [`source_sums`], advancing `progress` by each pass's sources.
pub fn source_sums_observed(net: &Network, progress: &super::Progress) -> Vec<SourceSums> {
    let n = net.org_collaborations.rows();
    let collabs = net.collaboration_members.rows();
    let (reps, _, class) = net.closed_twin_classes();
    let mut is_rep = vec![u32::MAX; n];
    for (k, &r) in reps.iter().enumerate() {
        is_rep[r as usize] = k as u32;
    }
    let sources: Vec<u32> = breadth_first_order(net)
        .into_iter()
        .filter(|&o| is_rep[o as usize] != u32::MAX && net.collaborations(o as usize) > 0)
        .collect();
    progress.start(sources.len());
    // Traversed over classes of organisations in the same collaborations (each counted by
    // its size), under a breadth-first numbering (neighbours near each other in memory);
    // the sums are counts per level, the same bits under any numbering.
    let mc = net.membership_classes();
    let (new_of, new_of_c) = bfs_numbering(&mc.collaborations, &mc.members);
    let (oc, cm) = relabel_incidence(&mc.collaborations, &mc.members, &new_of, &new_of_c);
    let mut size = vec![0u32; new_of.len()];
    for (k, &new) in new_of.iter().enumerate() {
        size[new as usize] = mc.multiplicity[k];
    }
    let moved: Vec<u32> = sources
        .iter()
        .map(|&s| new_of[mc.class[s as usize] as usize])
        .collect();
    let per_batch: Vec<Vec<SourceSums>> = moved
        .par_chunks(LANES)
        .map_init(
            || Scratch::new(size.len(), collabs, n),
            |x, b| {
                let sums = batch(&oc, &cm, &size, b, x);
                progress.add(b.len());
                sums
            },
        )
        .collect();
    let mut per_rep: Vec<SourceSums> = vec![(1, 0, 0.0); reps.len()];
    for (&s, sums) in sources.iter().zip(per_batch.into_iter().flatten()) {
        per_rep[is_rep[s as usize] as usize] = sums;
    }
    class.iter().map(|&k| per_rep[k as usize]).collect()
}

/// Buffers of [`graph_sums`]: seen / frontier / next bits per node, and the lists.
struct GraphScratch {
    seen: Vec<Lanes>,
    frontier: Vec<Lanes>,
    next: Vec<Lanes>,
    active: Vec<u32>,
    touched: Vec<u32>,
    seen_list: Vec<u32>,
    planes: Vec<Lanes>,
}

/// Open-twin classes as nodes ([`crate::metrics::paths::exact::OpenTwinQuotient`]): each
/// node counts as its class's size, and a source's classmates sit at distance 2.
struct ClassWeights<'a> {
    size: &'a [u32],
    degree: &'a [usize],
}

/// The sums of up to [`LANES`] sources over any graph `g`, traversed together; with
/// `classes`, `g` is a quotient whose nodes count as their class sizes.
fn graph_batch(
    g: &Projection,
    sources: &[u32],
    classes: Option<&ClassWeights>,
    x: &mut GraphScratch,
) -> Vec<SourceSums> {
    let mut sums: Vec<SourceSums> = vec![(1, 0, 0.0); sources.len()];
    for (i, &s) in sources.iter().enumerate() {
        let s = s as usize;
        if is_empty(&x.seen[s]) {
            x.seen_list.push(s as u32);
        }
        x.seen[s][i / 64] |= 1 << (i % 64);
        if is_empty(&x.frontier[s]) {
            x.active.push(s as u32);
        }
        x.frontier[s][i / 64] |= 1 << (i % 64);
    }
    let mut d = 0u64;
    while !x.active.is_empty() {
        d += 1;
        for &v in &x.active {
            let f = std::mem::replace(&mut x.frontier[v as usize], EMPTY);
            for &w in g.neighbors(v as usize) {
                send(&mut x.next, &mut x.touched, w, &f);
            }
        }
        x.active.clear();
        for &w in &x.touched {
            let w = w as usize;
            let fresh = take_fresh(&mut x.next, &mut x.seen, &mut x.seen_list, w);
            if is_empty(&fresh) {
                continue;
            }
            x.frontier[w] = fresh;
            x.active.push(w as u32);
            match classes {
                Some(c) => count_weighted(&mut x.planes, &fresh, c.size[w]),
                None => count_into(&mut x.planes, &fresh),
            }
        }
        x.touched.clear();
        if let (Some(c), 2) = (classes, d) {
            // The sources' classmates: one node each at distance 2 (through any neighbour).
            for (i, &s) in sources.iter().enumerate() {
                let (mates, s) = (c.size[s as usize] - 1, s as usize);
                if mates > 0 && c.degree[s] > 0 {
                    let mut lane = EMPTY;
                    lane[i / 64] |= 1 << (i % 64);
                    count_weighted(&mut x.planes, &lane, mates);
                }
            }
        }
        add_level(&mut x.planes, &mut sums, d);
    }
    for &v in &x.seen_list {
        x.seen[v as usize] = EMPTY;
    }
    x.seen_list.clear();
    sums
}

/// (reached, Σd, Σ1/d) of each of `sources` by BFS over any graph `g` (the two-mode
/// graph as a [`Projection`], for instance), [`LANES`] sources at a time, in parallel;
/// in the order of `sources`, the same bits as one BFS per source.
pub fn graph_sums(g: &Projection, sources: &[u32]) -> Vec<SourceSums> {
    graph_sums_with(g, sources, None, g.nodes())
}

/// [`graph_sums`] of every node of an open-twin quotient: the sums of each class's
/// members in the original graph (distances and reach counted with class sizes), the
/// same integers and bits as one BFS per member over the original graph.
pub fn quotient_sums(q: &crate::metrics::paths::exact::OpenTwinQuotient) -> Vec<SourceSums> {
    let sources: Vec<u32> = (0..q.size.len() as u32).collect();
    let total = q.size.iter().map(|&k| k as usize).sum();
    let classes = ClassWeights {
        size: &q.size,
        degree: &q.degree,
    };
    graph_sums_with(&q.graph, &sources, Some(&classes), total)
}

fn graph_sums_with(
    g: &Projection,
    sources: &[u32],
    classes: Option<&ClassWeights>,
    total: usize,
) -> Vec<SourceSums> {
    let n = g.nodes();
    let digits = (u64::BITS - (total as u64).leading_zeros()) as usize + 1;
    sources
        .par_chunks(LANES)
        .map_init(
            || GraphScratch {
                seen: vec![EMPTY; n],
                frontier: vec![EMPTY; n],
                next: vec![EMPTY; n],
                active: Vec::new(),
                touched: Vec::new(),
                seen_list: Vec::new(),
                planes: vec![EMPTY; digits],
            },
            |x, b| graph_batch(g, b, classes, x),
        )
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_sliced_counters_count_each_lane() {
        let mut planes = vec![EMPTY; 4];
        // Lane 0 gets 5 ones, lane 65 gets 3, lane 255 gets 1.
        for k in 0..5u64 {
            let mut y = EMPTY;
            y[0] |= 1;
            if k < 3 {
                y[1] |= 1 << 1;
            }
            if k == 4 {
                y[3] |= 1 << 63;
            }
            count_into(&mut planes, &y);
        }
        let lane = |i: usize| -> u64 {
            planes
                .iter()
                .enumerate()
                .map(|(k, p)| ((p[i / 64] >> (i % 64)) & 1) << k)
                .sum()
        };
        assert_eq!((lane(0), lane(65), lane(255), lane(1)), (5, 3, 1, 0));
    }

    /// The network of a dataset written by the generator.
    fn generated(orgs: usize, consortia: usize, projects: usize, seed: u64) -> Network {
        Network::build(&crate::generate::test_dataset(
            orgs, consortia, projects, seed,
        ))
    }

    #[test]
    fn bit_parallel_sums_equal_the_per_source_bfs() {
        // A generated network larger than one batch: every organisation's sums equal
        // those of the exact path metrics' own BFS.
        let net = generated(900, 60, 120, 5);
        let sums = source_sums(&net);
        let g = net.projection.as_ref().unwrap();
        assert!(sums.iter().filter(|s| s.0 > 1).count() > LANES);
        for s in 0..g.nodes() {
            let mut dist = vec![u64::MAX; g.nodes()];
            let mut queue = vec![s];
            dist[s] = 0;
            let mut head = 0;
            let mut counts = vec![0u64];
            counts[0] = 1;
            while head < queue.len() {
                let v = queue[head];
                head += 1;
                for &w in g.neighbors(v) {
                    let w = w as usize;
                    if dist[w] == u64::MAX {
                        dist[w] = dist[v] + 1;
                        if counts.len() <= dist[w] as usize {
                            counts.push(0);
                        }
                        counts[dist[w] as usize] += 1;
                        queue.push(w);
                    }
                }
            }
            let harmonic: f64 = counts
                .iter()
                .enumerate()
                .skip(1)
                .map(|(d, &c)| c as f64 / d as f64)
                .sum();
            let total: u64 = queue.iter().map(|&w| dist[w]).sum();
            assert_eq!(sums[s], (queue.len(), total, harmonic), "source {s}");
        }
    }

    #[test]
    fn graph_sums_equal_the_per_source_bfs_of_brandes() {
        // The two-mode graph of a generated network, every node a source.
        let net = generated(500, 40, 60, 2);
        let n = net.org_collaborations.rows();
        let ties: Vec<(u32, u32, u32)> = (0..net.collaboration_members.rows())
            .flat_map(|c| {
                net.collaboration_members
                    .row(c)
                    .iter()
                    .map(move |&o| (o, (n + c) as u32, 1))
            })
            .collect();
        let g = Projection::from_ties(n + net.collaboration_members.rows(), &ties);
        let sources: Vec<u32> = (0..g.nodes() as u32).rev().collect();
        let got = graph_sums(&g, &sources);
        let (_, want) =
            super::super::exact::path_sums(&g, &super::super::exact::open_twin_classes(&g));
        for (k, &s) in sources.iter().enumerate() {
            assert_eq!(got[k], want[s as usize], "source {s}");
        }
    }

    #[test]
    fn thread_count_does_not_change_the_sums() {
        let net = generated(700, 50, 90, 8);
        let run = |t: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
                .install(|| source_sums(&net))
        };
        assert_eq!(run(1), run(2));
    }

    /// Counting open-twin classes by their size gives every member's sums over the original
    /// graph, bit for bit: stars (a class of leaves, classmates at distance 2), a graph with
    /// an isolated class, and two-mode graphs of generated datasets (more than one batch).
    #[test]
    fn quotient_sums_equal_the_sums_over_the_original_graph() {
        use crate::metrics::paths::exact::open_twin_quotient;
        let mut graphs = vec![
            Projection::from_ties(4, &[(0, 1, 1), (0, 2, 1), (0, 3, 1)]),
            Projection::from_ties(7, &[(0, 1, 1), (0, 2, 1), (4, 1, 1), (4, 2, 1), (4, 3, 1)]),
        ];
        for (seed, orgs, consortia, projects) in [(2u64, 700, 50, 90), (13, 500, 20, 150)] {
            let net = generated(orgs, consortia, projects, seed);
            graphs.push(crate::metrics::two_mode_centrality::graph(&net));
        }
        for g in &graphs {
            let q = open_twin_quotient(g);
            assert!(q.size.len() < g.nodes(), "the test graphs have twins");
            let per_class = quotient_sums(&q);
            let all: Vec<u32> = (0..g.nodes() as u32).collect();
            let want = graph_sums(g, &all);
            let got: Vec<SourceSums> = q.node_of.iter().map(|&k| per_class[k as usize]).collect();
            assert_eq!(got, want);
        }
    }
}
