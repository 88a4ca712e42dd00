//! Network: a validated [`Dataset`] → the two-mode (bipartite) graph and the weighted
//! one-mode organisation projection.
//!
//! A collaboration is a consortium or a project; an organisation is tied to another when
//! they share at least one collaboration, and the tie's weight is how many they share.
//! The two-mode graph is a petgraph `UnGraph` (for exports and inspection); the
//! organisation–collaboration incidence lists (both directions) are what the counts and
//! the path metrics read ([`incidence`]: degrees, ties, ties by region, components and
//! twin classes without the projection); the projection is a compact CSR adjacency built
//! in parallel, only when it is affordable ([`PROJECTION_BUDGET`]), for the metrics that
//! walk its adjacency (structure, communities, E-I, sampled betweenness, spectral
//! measures, graph exports). Nothing here knows about metrics or files.

pub mod incidence;

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;

use crate::dataset::Dataset;
pub use incidence::{MultiTies, TwinClasses};

/// A node of the two-mode graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TwoModeNode {
    /// Organisation index.
    Organization(u32),
    /// Consortium index.
    Consortium(u32),
    /// Project index.
    Project(u32),
}

/// Compressed sparse rows: for node `u`, `targets[offsets[u]..offsets[u+1]]`.
#[derive(Debug, Clone, Default)]
pub struct Csr {
    /// `offsets.len() == nodes + 1`.
    pub offsets: Vec<usize>,
    /// Neighbour ids, sorted ascending within each row.
    pub targets: Vec<u32>,
}

impl Csr {
    pub(crate) fn from_rows(rows: Vec<Vec<u32>>) -> Csr {
        let mut offsets = Vec::with_capacity(rows.len() + 1);
        offsets.push(0);
        let total = rows.iter().map(Vec::len).sum();
        let mut targets = Vec::with_capacity(total);
        for r in rows {
            targets.extend_from_slice(&r);
            offsets.push(targets.len());
        }
        Csr { offsets, targets }
    }

    /// The row of `u`.
    #[inline]
    pub fn row(&self, u: usize) -> &[u32] {
        &self.targets[self.offsets[u]..self.offsets[u + 1]]
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.offsets.len() - 1
    }
}

/// The weighted organisation projection, undirected, stored in both directions.
#[derive(Debug, Clone, Default)]
pub struct Projection {
    /// Adjacency; each row sorted by neighbour index.
    pub adjacency: Csr,
    /// `weights[k]` = number of shared collaborations on the tie at `adjacency.targets[k]`.
    pub weights: Vec<u32>,
}

impl Projection {
    /// Number of organisations (n), isolates included.
    pub fn nodes(&self) -> usize {
        self.adjacency.rows()
    }

    /// Number of ties (unordered pairs).
    pub fn ties(&self) -> usize {
        self.adjacency.targets.len() / 2
    }

    /// Neighbours of `u`, ascending.
    #[inline]
    pub fn neighbors(&self, u: usize) -> &[u32] {
        self.adjacency.row(u)
    }

    /// Tie weights of `u`, aligned with [`Projection::neighbors`].
    #[inline]
    pub fn weights(&self, u: usize) -> &[u32] {
        &self.weights[self.adjacency.offsets[u]..self.adjacency.offsets[u + 1]]
    }

    /// A projection from a list of weighted ties (each unordered pair once; a repeated
    /// pair adds its weight). For tests, tools and other front ends.
    pub fn from_ties(n: usize, ties: &[(u32, u32, u32)]) -> Projection {
        let mut rows: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
        for &(u, v, w) in ties {
            assert!(u != v, "a tie joins two different organisations");
            rows[u as usize].push((v, w));
            rows[v as usize].push((u, w));
        }
        let mut offsets = vec![0usize];
        let (mut targets, mut weights) = (Vec::new(), Vec::new());
        for mut r in rows {
            r.sort_unstable();
            for (v, w) in r {
                if targets.len() > *offsets.last().unwrap() && *targets.last().unwrap() == v {
                    *weights.last_mut().unwrap() += w;
                } else {
                    targets.push(v);
                    weights.push(w);
                }
            }
            offsets.push(targets.len());
        }
        Projection {
            adjacency: Csr { offsets, targets },
            weights,
        }
    }

    /// The same graph under new node numbers (`new_of[old]`), rows sorted by the new
    /// numbers (for memory locality; results are mapped back by the caller).
    pub fn relabelled(&self, new_of: &[u32]) -> Projection {
        let n = self.nodes();
        let mut old_of = vec![0u32; n];
        for (old, &new) in new_of.iter().enumerate() {
            old_of[new as usize] = old as u32;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut targets = Vec::with_capacity(self.adjacency.targets.len());
        let mut weights = Vec::with_capacity(self.weights.len());
        let mut row: Vec<(u32, u32)> = Vec::new();
        for &old in &old_of {
            row.clear();
            row.extend(
                self.neighbors(old as usize)
                    .iter()
                    .zip(self.weights(old as usize))
                    .map(|(&v, &w)| (new_of[v as usize], w)),
            );
            row.sort_unstable();
            for &(v, w) in &row {
                targets.push(v);
                weights.push(w);
            }
            offsets.push(targets.len());
        }
        Projection {
            adjacency: Csr { offsets, targets },
            weights,
        }
    }

    /// Breadth-first numbering (Cuthill–McKee without the degree sort) from the smallest
    /// unvisited node: `new_of[old]`, neighbours near each other in memory. O(n + m).
    pub fn locality_order(&self) -> Vec<u32> {
        let n = self.nodes();
        let mut new_of = vec![u32::MAX; n];
        let mut queue: Vec<u32> = Vec::with_capacity(n);
        for start in 0..n {
            if new_of[start] != u32::MAX {
                continue;
            }
            new_of[start] = queue.len() as u32;
            queue.push(start as u32);
            let mut head = queue.len() - 1;
            while head < queue.len() {
                let v = queue[head] as usize;
                head += 1;
                for &w in self.neighbors(v) {
                    if new_of[w as usize] == u32::MAX {
                        new_of[w as usize] = queue.len() as u32;
                        queue.push(w);
                    }
                }
            }
        }
        new_of
    }

    /// Connected components (isolates are components of one), each a sorted node list,
    /// ordered by their smallest node. Uses petgraph's union-find.
    pub fn components(&self) -> Vec<Vec<u32>> {
        let n = self.nodes();
        let mut uf = petgraph::unionfind::UnionFind::<u32>::new(n);
        for (u, v, _) in self.each_tie() {
            uf.union(u as u32, v as u32);
        }
        let mut slot = vec![u32::MAX; n];
        let mut comps: Vec<Vec<u32>> = Vec::new();
        for u in 0..n {
            let root = uf.find(u as u32) as usize;
            if slot[root] == u32::MAX {
                slot[root] = comps.len() as u32;
                comps.push(Vec::new());
            }
            comps[slot[root] as usize].push(u as u32);
        }
        comps
    }

    /// Organisations in the largest connected component of the subgraph induced by the
    /// organisations with `inside[u]` (an organisation without ties there is a component
    /// of one); 0 when none is inside. Uses petgraph's union-find.
    pub fn largest_component_among(&self, inside: &[bool]) -> usize {
        let n = self.nodes();
        let mut uf = petgraph::unionfind::UnionFind::<u32>::new(n);
        for (u, v, _) in self.each_tie() {
            if inside[u] && inside[v] {
                uf.union(u as u32, v as u32);
            }
        }
        let mut size = vec![0usize; n];
        (0..n)
            .filter(|&u| inside[u])
            .map(|u| {
                let root = uf.find(u as u32) as usize;
                size[root] += 1;
                size[root]
            })
            .max()
            .unwrap_or(0)
    }

    /// Every tie once, as (u, v, weight) with u < v, in (u, v) order.
    pub fn each_tie(&self) -> impl Iterator<Item = (usize, usize, u32)> + '_ {
        (0..self.nodes()).flat_map(move |u| {
            self.neighbors(u)
                .iter()
                .zip(self.weights(u))
                .filter(move |(&v, _)| (v as usize) > u)
                .map(move |(&v, &w)| (u, v as usize, w))
        })
    }
}

/// The two graphs of a dataset.
#[derive(Debug, Clone)]
pub struct Network {
    /// Two-mode graph: node `i < n` is organisation `i`; then consortia; then projects.
    pub two_mode: UnGraph<TwoModeNode, ()>,
    /// Collaborations of each organisation (consortia first, then projects offset by
    /// the number of consortia), ascending.
    pub org_collaborations: Csr,
    /// Members of each collaboration (same numbering), ascending.
    pub collaboration_members: Csr,
    /// Distinct partners of each organisation (its degree in the projection).
    pub degree: Vec<u32>,
    /// Ties of weight ≥ 2 (pairs sharing two or more collaborations).
    pub multi_ties: MultiTies,
    /// The weighted organisation projection; `None` when its adjacency would exceed
    /// [`PROJECTION_BUDGET`] entries (a collaboration of tens of thousands of members) or
    /// when it was not asked for ([`Network::without_projection`]).
    pub projection: Option<Projection>,
}

/// Entries of the projection's adjacency (each tie counted from both ends) above which
/// [`Network::build`] does not build it: 8 bytes each (target and weight; about twice
/// that while the rows are gathered), so 150 million entries — 75 million ties,
/// [`crate::config::DEFAULT_PROJECTION_TIES`] — keep it under about 1.2 GB (2.4 GB at its
/// peak). Above it the counts come from the incidence lists, and the metrics that walk the
/// adjacency are left out with a warning. `--projection-budget` sets another.
pub const PROJECTION_BUDGET: u64 = 2 * crate::config::DEFAULT_PROJECTION_TIES;

/// Steps of the incidence scan ([`incidence::scan_cost`]) above which a dataset is refused:
/// 20 billion steps, several minutes on two cores. Only organisations in several huge
/// collaborations at once come near it.
pub const SCAN_BUDGET: u64 = 20_000_000_000;

/// An upper bound on the projection's adjacency entries: for each organisation, the
/// co-members summed over its collaborations (Σ (k_c − 1)), at most n − 1. O(memberships).
pub fn projection_bound(ds: &Dataset) -> u64 {
    let n = ds.organizations.len() as u64;
    let n_cons = ds.consortia.len();
    let mut size = vec![0u64; n_cons + ds.projects.len()];
    for m in &ds.memberships {
        size[m.consortium as usize] += 1;
    }
    for pm in &ds.project_members {
        size[n_cons + pm.project as usize] += 1;
    }
    let mut per_org = vec![0u64; ds.organizations.len()];
    for m in &ds.memberships {
        per_org[m.org as usize] += size[m.consortium as usize] - 1;
    }
    for pm in &ds.project_members {
        per_org[pm.org as usize] += size[n_cons + pm.project as usize] - 1;
    }
    per_org.iter().map(|&c| c.min(n.saturating_sub(1))).sum()
}

/// The largest collaboration: its name for messages, and its members.
fn largest_collaboration(ds: &Dataset) -> (String, u64) {
    let n_cons = ds.consortia.len();
    let mut size = vec![0u64; n_cons + ds.projects.len()];
    for m in &ds.memberships {
        size[m.consortium as usize] += 1;
    }
    for pm in &ds.project_members {
        size[n_cons + pm.project as usize] += 1;
    }
    let (big, k) = size
        .iter()
        .enumerate()
        .max_by_key(|&(i, &k)| (k, std::cmp::Reverse(i)))
        .map(|(i, &k)| (i, k))
        .unwrap_or((0, 0));
    let name = if big < n_cons {
        format!("consortium '{}'", ds.consortia[big].id)
    } else if big - n_cons < ds.projects.len() {
        format!("project '{}'", ds.projects[big - n_cons].id)
    } else {
        "none".to_string()
    };
    (name, k)
}

/// Refuse, before any memory is spent, a dataset whose analysis would cost more than the
/// budgets allow: an incidence scan above [`SCAN_BUDGET`] steps, or — when the run
/// `needs_projection` (sampled betweenness and the BFS lower bound walk it) — a
/// projection above `max_ties` (the run's budget, [`PROJECTION_BUDGET`] / 2 by default).
/// The message names the largest collaboration.
pub fn check_budget(ds: &Dataset, needs_projection: bool, max_ties: u64) -> Result<(), String> {
    let net = Network::incidence_lists(ds);
    let scan = incidence::scan_cost(&net.0, &net.1);
    let (name, k) = largest_collaboration(ds);
    if scan > SCAN_BUDGET {
        return Err(format!(
            "counting the ties of this dataset would take {scan} steps, above the {SCAN_BUDGET} \
             this version takes on: organisations belong to several very large collaborations \
             at once (the largest, {name}, has {k} members). Analyse a subset, or split lists \
             of all participants of a programme out of memberships.csv"
        ));
    }
    let bound = projection_bound(ds);
    if needs_projection && bound > max_ties.saturating_mul(2) {
        return Err(format!(
            "sampled betweenness (and the BFS lower bound) walk the organisation projection, \
             which could have up to {} \
             ties ({} GB to build), above the {} ties this version builds; the largest \
             collaboration, {name} with {k} members, alone makes {} ties. Use exact \
             betweenness (--betweenness exact), analyse a \
             subset, or split lists of all participants of a programme out of memberships.csv",
            bound / 2,
            bound * 16 / 1_000_000_000 + 1,
            max_ties,
            k * k.saturating_sub(1) / 2
        ));
    }
    Ok(())
}

impl Network {
    /// Build both graphs, the projection only when its adjacency fits
    /// [`PROJECTION_BUDGET`]. Memory is proportional to memberships plus multi-ties, plus
    /// the projection's ties when it is built.
    pub fn build(ds: &Dataset) -> Network {
        Network::build_within(ds, PROJECTION_BUDGET / 2)
    }

    /// [`Network::build`] with another budget: the projection is built when its upper
    /// bound ([`projection_bound`]) has at most `max_ties` ties (0: never).
    pub fn build_within(ds: &Dataset, max_ties: u64) -> Network {
        let project = projection_bound(ds) <= max_ties.saturating_mul(2);
        Network::assemble(ds, project)
    }

    /// The two-mode graph and the incidence counts, never the projection (for the yearly
    /// panel, which only counts ties and components).
    pub fn without_projection(ds: &Dataset) -> Network {
        Network::assemble(ds, false)
    }

    /// (collaborations of each organisation, members of each collaboration).
    fn incidence_lists(ds: &Dataset) -> (Csr, Csr) {
        let n = ds.organizations.len();
        let n_cons = ds.consortia.len();
        let n_collab = n_cons + ds.projects.len();
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); n_collab];
        for m in &ds.memberships {
            members[m.consortium as usize].push(m.org);
        }
        for pm in &ds.project_members {
            members[n_cons + pm.project as usize].push(pm.org);
        }
        let mut of_org: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (c, ms) in members.iter().enumerate() {
            for &o in ms {
                of_org[o as usize].push(c as u32);
            }
        }
        // Memberships are sorted by (collaboration, org) and distinct already, so both
        // lists are ascending.
        (Csr::from_rows(of_org), Csr::from_rows(members))
    }

    fn assemble(ds: &Dataset, project: bool) -> Network {
        let n = ds.organizations.len();
        let n_cons = ds.consortia.len();
        let n_collab = n_cons + ds.projects.len();
        let (org_collaborations, collaboration_members) = Network::incidence_lists(ds);

        let mut two_mode =
            UnGraph::with_capacity(n + n_collab, collaboration_members.targets.len());
        for o in 0..n {
            two_mode.add_node(TwoModeNode::Organization(o as u32));
        }
        for c in 0..n_cons {
            two_mode.add_node(TwoModeNode::Consortium(c as u32));
        }
        for p in 0..ds.projects.len() {
            two_mode.add_node(TwoModeNode::Project(p as u32));
        }
        for c in 0..n_collab {
            for &o in collaboration_members.row(c) {
                two_mode.add_edge(NodeIndex::new(o as usize), NodeIndex::new(n + c), ());
            }
        }

        let (degree, multi_ties) =
            incidence::degrees_and_multi_ties(&org_collaborations, &collaboration_members);
        let projection =
            project.then(|| self::project(&org_collaborations, &collaboration_members));
        Network {
            two_mode,
            org_collaborations,
            collaboration_members,
            degree,
            multi_ties,
            projection,
        }
    }

    /// Number of collaborations (consortia and projects) of organisation `u`: its
    /// two-mode degree.
    pub fn collaborations(&self, u: usize) -> usize {
        self.org_collaborations.row(u).len()
    }

    /// Number of organisations.
    pub fn nodes(&self) -> usize {
        self.org_collaborations.rows()
    }

    /// The collaboration with the most members (numbered as in
    /// [`Network::collaboration_members`]: consortia, then projects) and its size;
    /// `None` without collaborations.
    pub fn largest_collaboration(&self) -> Option<(usize, usize)> {
        let cm = &self.collaboration_members;
        (0..cm.rows())
            .max_by_key(|&c| (cm.row(c).len(), std::cmp::Reverse(c)))
            .map(|c| (c, cm.row(c).len()))
    }
}

/// The one-mode projection: for each organisation, count how often every other member
/// of its collaborations occurs. Parallel over organisations with a per-thread counter
/// array; the result does not depend on the thread count.
fn project(of_org: &Csr, members: &Csr) -> Projection {
    let n = of_org.rows();
    let rows: Vec<(Vec<u32>, Vec<u32>)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::<u32>::new()),
            |(count, touched), u| {
                for &c in of_org.row(u) {
                    for &v in members.row(c as usize) {
                        if v as usize != u {
                            if count[v as usize] == 0 {
                                touched.push(v);
                            }
                            count[v as usize] += 1;
                        }
                    }
                }
                touched.sort_unstable();
                let weights = touched
                    .iter()
                    .map(|&v| std::mem::take(&mut count[v as usize]))
                    .collect();
                (std::mem::take(touched), weights)
            },
        )
        .collect();
    let mut weights = Vec::with_capacity(rows.iter().map(|r| r.1.len()).sum());
    let mut targets = Vec::with_capacity(weights.capacity());
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    for (t, w) in rows {
        targets.extend_from_slice(&t);
        weights.extend_from_slice(&w);
        offsets.push(targets.len());
    }
    Projection {
        adjacency: Csr { offsets, targets },
        weights,
    }
}
