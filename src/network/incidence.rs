//! The projection's figures read through the incidence structure (organisation ×
//! collaboration, B), never through the projection itself.
//!
//! The projection's weighted adjacency is W = B·Bᵀ minus its diagonal: w_uv counts the
//! collaborations u and v share. Every tie count follows from the collaborations' member
//! lists plus one short correction list, the *multi-ties* (pairs sharing two or more
//! collaborations, with their weight):
//!
//! - a pair inside collaboration c is counted once per shared collaboration, so the ties
//!   among any set of organisations are Σ_c C(m_c, 2) − Σ_{multi-ties inside} (w − 1),
//!   with m_c the members of c in the set — and the same by pair of groups (regions);
//! - the degree of u is Σ_{c∋u} (|c| − 1) − Σ_{v: w_uv ≥ 2} (w_uv − 1);
//! - the weighted degree is Σ_{c∋u} (|c| − 1), with no correction;
//! - components are those of the two-mode graph, restricted to organisations.
//!
//! Memory is O(organisations + memberships + multi-ties); a collaboration of 30,000
//! members costs 30,000 entries here instead of 900 million in the projection. Every
//! count is an integer, equal to what the projection gives (unit tests check each against
//! a projection built from the same data).

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Csr, Network};

/// Ties of weight ≥ 2 (organisations sharing two or more collaborations), per
/// organisation, each row ascending by partner; each tie appears from both ends.
#[derive(Debug, Clone, Default)]
pub struct MultiTies {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<u32>,
    extra: Vec<f64>,
}

impl MultiTies {
    /// Entries (each tie counted from both ends).
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The weight-≥2 partners of `u` and weight − 1 of each, as `f64` (the correction the
    /// two-mode traversal subtracts).
    #[inline]
    pub fn row(&self, u: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.offsets[u], self.offsets[u + 1]);
        (&self.targets[a..b], &self.extra[a..b])
    }

    /// The weight-≥2 partners of `u` and the weight of each tie.
    #[inline]
    pub fn weighted_row(&self, u: usize) -> (&[u32], &[u32]) {
        let (a, b) = (self.offsets[u], self.offsets[u + 1]);
        (&self.targets[a..b], &self.weights[a..b])
    }

    /// The same ties under new organisation numbers (`new_of[old]`), rows sorted by the
    /// new numbers.
    pub fn relabelled(&self, new_of: &[u32]) -> MultiTies {
        let n = new_of.len();
        let mut old_of = vec![0u32; n];
        for (old, &new) in new_of.iter().enumerate() {
            old_of[new as usize] = old as u32;
        }
        let mut out = MultiTies {
            offsets: Vec::with_capacity(n + 1),
            ..MultiTies::default()
        };
        out.offsets.push(0);
        let mut row: Vec<(u32, u32, f64)> = Vec::new();
        for &old in &old_of {
            let (a, b) = (self.offsets[old as usize], self.offsets[old as usize + 1]);
            row.clear();
            row.extend((a..b).map(|k| {
                (
                    new_of[self.targets[k] as usize],
                    self.weights[k],
                    self.extra[k],
                )
            }));
            row.sort_unstable_by_key(|r| r.0);
            for &(v, w, e) in &row {
                out.targets.push(v);
                out.weights.push(w);
                out.extra.push(e);
            }
            out.offsets.push(out.targets.len());
        }
        out
    }

    /// From rows of (partner, weight ≥ 2), each row ascending by partner.
    pub fn from_rows(rows: Vec<Vec<(u32, u32)>>) -> MultiTies {
        let mut out = MultiTies {
            offsets: Vec::with_capacity(rows.len() + 1),
            ..MultiTies::default()
        };
        out.offsets.push(0);
        for row in rows {
            for (v, w) in row {
                out.targets.push(v);
                out.weights.push(w);
                out.extra.push((w - 1) as f64);
            }
            out.offsets.push(out.targets.len());
        }
        out
    }

    /// Every multi-tie once, as (u, v, weight) with u < v.
    pub fn each_tie(&self) -> impl Iterator<Item = (usize, usize, u32)> + '_ {
        (0..self.offsets.len().saturating_sub(1)).flat_map(move |u| {
            let (vs, ws) = self.weighted_row(u);
            vs.iter()
                .zip(ws)
                .filter(move |(&v, _)| v as usize > u)
                .map(move |(&v, &w)| (u, v as usize, w))
        })
    }
}

/// Steps of [`degrees_and_multi_ties`]: for each organisation, the members of its
/// collaborations other than its largest one. O(memberships).
pub fn scan_cost(of_org: &Csr, members: &Csr) -> u64 {
    (0..of_org.rows())
        .map(|u| {
            let sizes = of_org
                .row(u)
                .iter()
                .map(|&c| members.row(c as usize).len() as u64);
            sizes.clone().sum::<u64>() - sizes.max().unwrap_or(0)
        })
        .sum()
}

/// The projection degree (distinct partners) of every organisation and its multi-ties.
///
/// Each organisation's collaborations are scanned except its largest one, L(u): a partner
/// found there with count k shares k collaborations besides L(u), plus one if it is also a
/// member of L(u) (binary search in L(u)'s sorted members). Partners only in L(u) are
/// counted by its size. Time O(Σ_u Σ_{c∋u, c≠L(u)} |c| · log), see [`scan_cost`]; parallel
/// over organisations, the result does not depend on the thread count.
pub fn degrees_and_multi_ties(of_org: &Csr, members: &Csr) -> (Vec<u32>, MultiTies) {
    let n = of_org.rows();
    type Row = (u32, Vec<u32>, Vec<u32>);
    let rows: Vec<Row> = (0..n)
        .into_par_iter()
        .with_min_len(256)
        .map_init(
            || (vec![0u32; n], Vec::<u32>::new()),
            |(count, touched), u| {
                let cs = of_org.row(u);
                let Some(&largest) = cs
                    .iter()
                    .max_by_key(|&&c| (members.row(c as usize).len(), std::cmp::Reverse(c)))
                else {
                    return (0, Vec::new(), Vec::new());
                };
                for &c in cs.iter().filter(|&&c| c != largest) {
                    for &v in members.row(c as usize) {
                        if v as usize != u {
                            if count[v as usize] == 0 {
                                touched.push(v);
                            }
                            count[v as usize] += 1;
                        }
                    }
                }
                let big = members.row(largest as usize);
                let mut degree = big.len() as u32 - 1;
                touched.sort_unstable();
                let (mut vs, mut ws) = (Vec::new(), Vec::new());
                for &v in touched.iter() {
                    let in_big = big.binary_search(&v).is_ok();
                    let w = std::mem::take(&mut count[v as usize]) + in_big as u32;
                    degree += !in_big as u32;
                    if w >= 2 {
                        vs.push(v);
                        ws.push(w);
                    }
                }
                touched.clear();
                (degree, vs, ws)
            },
        )
        .collect();
    let mut degree = Vec::with_capacity(n);
    let mut multi = MultiTies {
        offsets: Vec::with_capacity(n + 1),
        ..MultiTies::default()
    };
    multi.offsets.push(0);
    for (d, vs, ws) in rows {
        degree.push(d);
        multi.targets.extend_from_slice(&vs);
        multi.extra.extend(ws.iter().map(|&w| (w - 1) as f64));
        multi.weights.extend_from_slice(&ws);
        multi.offsets.push(multi.targets.len());
    }
    (degree, multi)
}

/// Twin classes: (representatives ascending, the class size of each, and for every node
/// the index of its representative in that list).
pub type TwinClasses = (Vec<u32>, Vec<u32>, Vec<u32>);

/// [`TwinClasses`] from each node's representative (`rep_of[u]`, a member of u's class
/// that is its own representative). O(n).
pub fn classes_of_representatives(rep_of: &[u32]) -> TwinClasses {
    let n = rep_of.len();
    let mut index = vec![u32::MAX; n];
    let mut reps = Vec::new();
    for u in 0..n {
        if rep_of[u] == u as u32 {
            index[u] = reps.len() as u32;
            reps.push(u as u32);
        }
    }
    let mut sizes = vec![0u32; reps.len()];
    let class: Vec<u32> = rep_of
        .iter()
        .map(|&r| {
            let k = index[r as usize];
            sizes[k as usize] += 1;
            k
        })
        .collect();
    (reps, sizes, class)
}

/// SplitMix64: the per-organisation hash of the neighbourhood signatures.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Network {
    /// Number of ties of the projection (unordered pairs sharing a collaboration).
    pub fn ties(&self) -> u64 {
        self.degree.iter().map(|&d| d as u64).sum::<u64>() / 2
    }

    /// Sum of the tie weights of `u`: Σ_{c∋u} (|c| − 1). O(collaborations of u).
    pub fn weighted_degree(&self, u: usize) -> u64 {
        self.org_collaborations
            .row(u)
            .iter()
            .map(|&c| self.collaboration_members.row(c as usize).len() as u64 - 1)
            .sum()
    }

    /// Connected components of the projection (isolates are components of one), each a
    /// sorted list, ordered by their smallest organisation — as
    /// [`super::Projection::components`]. Union-find over the collaborations' members,
    /// O(memberships · α).
    pub fn components(&self) -> Vec<Vec<u32>> {
        let n = self.org_collaborations.rows();
        let inside = vec![true; n];
        let uf = self.union_members(&inside);
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

    /// Organisations in the largest connected component of the projection's subgraph
    /// induced by `inside` (0 when none is inside) — as
    /// [`super::Projection::largest_component_among`]. O(memberships · α).
    pub fn largest_component_among(&self, inside: &[bool]) -> usize {
        let n = self.org_collaborations.rows();
        let uf = self.union_members(inside);
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

    fn union_members(&self, inside: &[bool]) -> petgraph::unionfind::UnionFind<u32> {
        let n = self.org_collaborations.rows();
        let mut uf = petgraph::unionfind::UnionFind::<u32>::new(n);
        for c in 0..self.collaboration_members.rows() {
            let mut first = None;
            for &v in self.collaboration_members.row(c) {
                if inside[v as usize] {
                    match first {
                        None => first = Some(v),
                        Some(f) => {
                            uf.union(f, v);
                        }
                    }
                }
            }
        }
        uf
    }

    /// Ties and their summed weight between and within groups: `group[u]` is u's group,
    /// `u32::MAX` for an organisation left out. Returns ((a, b), (ties, weight)) with
    /// a ≤ b, sorted. Per collaboration the members are counted by group (m_g) and give
    /// m_a·m_b pairs (C(m_a, 2) within a group); the multi-ties then take back the pairs
    /// counted more than once. O(Σ_c (|c| log |c| + g_c²) + multi-ties), g_c the groups
    /// present in c.
    pub fn group_ties(&self, group: &[u32]) -> Vec<((u32, u32), (u64, u64))> {
        let mut pairs: HashMap<(u32, u32), (i64, u64)> = HashMap::new();
        let mut counts: Vec<(u32, u64)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for c in 0..self.collaboration_members.rows() {
            seen.clear();
            seen.extend(
                self.collaboration_members
                    .row(c)
                    .iter()
                    .map(|&v| group[v as usize])
                    .filter(|&g| g != u32::MAX),
            );
            if seen.len() < 2 {
                continue;
            }
            seen.sort_unstable();
            counts.clear();
            for &g in seen.iter() {
                match counts.last_mut() {
                    Some((last, k)) if *last == g => *k += 1,
                    _ => counts.push((g, 1)),
                }
            }
            for (i, &(a, ka)) in counts.iter().enumerate() {
                if ka >= 2 {
                    let p = ka * (ka - 1) / 2;
                    let e = pairs.entry((a, a)).or_default();
                    e.0 += p as i64;
                    e.1 += p;
                }
                for &(b, kb) in &counts[i + 1..] {
                    let e = pairs.entry((a, b)).or_default();
                    e.0 += (ka * kb) as i64;
                    e.1 += ka * kb;
                }
            }
        }
        for (u, v, w) in self.multi_ties.each_tie() {
            let (a, b) = (group[u], group[v]);
            if a != u32::MAX && b != u32::MAX {
                pairs.entry((a.min(b), a.max(b))).or_default().0 -= (w - 1) as i64;
            }
        }
        let mut rows: Vec<((u32, u32), (u64, u64))> = pairs
            .into_iter()
            .filter(|(_, (t, _))| *t > 0)
            .map(|(k, (t, w))| (k, (t as u64, w)))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// Ties of the subgraph induced by `inside`, and the degree of every organisation
    /// in it (0 outside): deg(u) = Σ_{c∋u} (m_c − 1) − Σ_{v inside, w_uv ≥ 2} (w_uv − 1).
    /// O(memberships + multi-ties).
    pub fn induced_degrees(&self, inside: &[bool]) -> Vec<u32> {
        let m: Vec<u32> = (0..self.collaboration_members.rows())
            .map(|c| {
                self.collaboration_members
                    .row(c)
                    .iter()
                    .filter(|&&v| inside[v as usize])
                    .count() as u32
            })
            .collect();
        (0..self.org_collaborations.rows())
            .map(|u| {
                if !inside[u] {
                    return 0;
                }
                let all: u32 = self
                    .org_collaborations
                    .row(u)
                    .iter()
                    .map(|&c| m[c as usize] - 1)
                    .sum();
                let (vs, ws) = self.multi_ties.weighted_row(u);
                let extra: u32 = vs
                    .iter()
                    .zip(ws)
                    .filter(|(&v, _)| inside[v as usize])
                    .map(|(_, &w)| w - 1)
                    .sum();
                all - extra
            })
            .collect()
    }

    /// The ties among `orgs` (ascending) with their weights, as (u, v, w) with u < v in
    /// (u, v) order — as [`super::Projection::each_tie`] restricted to them. For a small
    /// set (a map's nodes): O(Σ_{u ∈ orgs} Σ_{c∋u} |c|).
    pub fn ties_among(&self, orgs: &[u32]) -> Vec<(u32, u32, u32)> {
        let n = self.org_collaborations.rows();
        if let Some(g) = &self.projection {
            let mut inside = vec![false; n];
            for &u in orgs {
                inside[u as usize] = true;
            }
            let mut out = Vec::new();
            for &u in orgs {
                for (&v, &w) in g.neighbors(u as usize).iter().zip(g.weights(u as usize)) {
                    if v > u && inside[v as usize] {
                        out.push((u, v, w));
                    }
                }
            }
            return out;
        }
        let mut inside = vec![false; n];
        for &u in orgs {
            inside[u as usize] = true;
        }
        let mut count = vec![0u32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut out = Vec::new();
        for &u in orgs {
            for &c in self.org_collaborations.row(u as usize) {
                for &v in self.collaboration_members.row(c as usize) {
                    if v > u && inside[v as usize] {
                        if count[v as usize] == 0 {
                            touched.push(v);
                        }
                        count[v as usize] += 1;
                    }
                }
            }
            touched.sort_unstable();
            for &v in touched.iter() {
                out.push((u, v, std::mem::take(&mut count[v as usize])));
            }
            touched.clear();
        }
        out
    }

    /// Closed-twin classes of the projection (organisations with the same closed
    /// neighbourhood N[u] = N(u) ∪ {u}), numbered as
    /// [`crate::network::Projection`]-based detection would: representatives are the
    /// smallest member of each class, ascending.
    ///
    /// N[u] is the union of u's collaborations (u alone when it has none). Candidates
    /// share a 128-bit order-free signature, Σ_{v ∈ N[u]} h(v), computed as
    /// Σ_{c∋u} H(c) − (k_u − 1)·h(u) − Σ_{multi-ties} (w − 1)·h(v) with H(c) = Σ_{v∈c} h(v)
    /// (wrapping sums), and the degree; every candidate is then checked exactly against its
    /// class's first member. O(memberships + multi-ties) plus the checks, which skip the
    /// collaborations both share.
    pub fn closed_twin_classes(&self) -> TwinClasses {
        let n = self.org_collaborations.rows();
        let (oc, cm) = (&self.org_collaborations, &self.collaboration_members);
        let h1 = |v: u32| mix(v as u64);
        let h2 = |v: u32| mix(v as u64 ^ 0x5bd1_e995_0000_0000);
        let collab_sums: Vec<(u64, u64)> = (0..cm.rows())
            .into_par_iter()
            .map(|c| {
                cm.row(c).iter().fold((0u64, 0u64), |(a, b), &v| {
                    (a.wrapping_add(h1(v)), b.wrapping_add(h2(v)))
                })
            })
            .collect();
        let signature: Vec<(u64, u64, u32)> = (0..n)
            .into_par_iter()
            .map(|u| {
                let cs = oc.row(u);
                let (mut a, mut b) = cs.iter().fold((0u64, 0u64), |(a, b), &c| {
                    let s = collab_sums[c as usize];
                    (a.wrapping_add(s.0), b.wrapping_add(s.1))
                });
                let self_extra = (cs.len() as u64).wrapping_sub(1);
                a = a.wrapping_sub(self_extra.wrapping_mul(h1(u as u32)));
                b = b.wrapping_sub(self_extra.wrapping_mul(h2(u as u32)));
                let (vs, ws) = self.multi_ties.weighted_row(u);
                for (&v, &w) in vs.iter().zip(ws) {
                    a = a.wrapping_sub(((w - 1) as u64).wrapping_mul(h1(v)));
                    b = b.wrapping_sub(((w - 1) as u64).wrapping_mul(h2(v)));
                }
                (a, b, self.degree[u])
            })
            .collect();
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by_key(|&u| (signature[u as usize], u));
        let mut rep_of_node = vec![u32::MAX; n];
        let mut mark = vec![false; n];
        let mut i = 0;
        while i < n {
            let mut j = i;
            while j < n && signature[order[j] as usize] == signature[order[i] as usize] {
                j += 1;
            }
            // Within a candidate group (ascending), compare exactly with each head.
            let mut pending: Vec<u32> = order[i..j].to_vec();
            while let Some((&head, rest)) = pending.split_first() {
                rep_of_node[head as usize] = head;
                if rest.is_empty() {
                    break;
                }
                let closed_head = self.closed_neighbourhood(head as usize);
                for &v in &closed_head {
                    mark[v as usize] = true;
                }
                let mut left = Vec::new();
                for &u in rest {
                    let equal = self.closed_within(u as usize, head as usize, &mark);
                    if equal {
                        rep_of_node[u as usize] = head;
                    } else {
                        left.push(u);
                    }
                }
                for &v in &closed_head {
                    mark[v as usize] = false;
                }
                pending = left;
            }
            i = j;
        }
        classes_of_representatives(&rep_of_node)
    }

    /// New numbers for organisations and collaborations that put neighbours near each
    /// other in memory: [`bfs_numbering`] of the incidence lists. Returns
    /// (`new_of_org[old]`, `new_of_collaboration[old]`). O(memberships).
    pub fn locality_order(&self) -> (Vec<u32>, Vec<u32>) {
        bfs_numbering(&self.org_collaborations, &self.collaboration_members)
    }

    /// The incidence lists under new numbers ([`Network::locality_order`]): (collaborations
    /// of each organisation, members of each collaboration), rows ascending.
    pub fn relabelled_lists(&self, new_of_org: &[u32], new_of_collab: &[u32]) -> (Csr, Csr) {
        relabel_incidence(
            &self.org_collaborations,
            &self.collaboration_members,
            new_of_org,
            new_of_collab,
        )
    }

    /// Organisations in exactly the same collaborations merged into one class, with its
    /// size: the two-mode graph's open twins among organisations (Sariyüce et al. 2013's
    /// identical vertices), which the path traversals visit once per class instead of once
    /// per organisation. An organisation without collaborations is a class of its own.
    /// Classes are numbered by their smallest organisation. O(memberships · log n).
    pub fn membership_classes(&self) -> MembershipClasses {
        let oc = &self.org_collaborations;
        let n = oc.rows();
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.par_sort_unstable_by(|&a, &b| {
            oc.row(a as usize).cmp(oc.row(b as usize)).then(a.cmp(&b))
        });
        let mut rep = vec![0u32; n];
        for group in order.chunk_by(|&a, &b| {
            let ra = oc.row(a as usize);
            !ra.is_empty() && ra == oc.row(b as usize)
        }) {
            for &u in group {
                rep[u as usize] = group[0];
            }
        }
        let (reps, multiplicity, class) = classes_of_representatives(&rep);
        let collaborations =
            Csr::from_rows(reps.iter().map(|&r| oc.row(r as usize).to_vec()).collect());
        let cm = &self.collaboration_members;
        let members = Csr::from_rows(
            (0..cm.rows())
                .map(|c| {
                    let mut row: Vec<u32> = cm.row(c).iter().map(|&v| class[v as usize]).collect();
                    row.sort_unstable();
                    row.dedup();
                    row
                })
                .collect(),
        );
        // Every member of a partner class shares the same collaborations with the
        // representative: one entry per class, with the tie's weight.
        let rows = reps
            .iter()
            .enumerate()
            .map(|(k, &r)| {
                let (vs, ws) = self.multi_ties.weighted_row(r as usize);
                let mut row: Vec<(u32, u32)> = vs
                    .iter()
                    .zip(ws)
                    .map(|(&v, &w)| (class[v as usize], w))
                    .filter(|&(c, _)| c as usize != k)
                    .collect();
                row.sort_unstable();
                row.dedup_by_key(|e| e.0);
                row
            })
            .collect();
        MembershipClasses {
            class,
            multiplicity,
            collaborations,
            members,
            multi_ties: MultiTies::from_rows(rows),
        }
    }

    /// N[u], distinct, in no particular order.
    fn closed_neighbourhood(&self, u: usize) -> Vec<u32> {
        let mut out: Vec<u32> = vec![u as u32];
        for &c in self.org_collaborations.row(u) {
            out.extend_from_slice(self.collaboration_members.row(c as usize));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether N[u] ⊆ N[head] (`mark` flags N[head]); with equal degrees, N[u] = N[head].
    fn closed_within(&self, u: usize, head: usize, mark: &[bool]) -> bool {
        if !mark[u] {
            return false;
        }
        let shared = self.org_collaborations.row(head);
        self.org_collaborations.row(u).iter().all(|c| {
            shared.binary_search(c).is_ok()
                || self
                    .collaboration_members
                    .row(*c as usize)
                    .iter()
                    .all(|&v| mark[v as usize])
        })
    }
}

/// Organisations in the same collaborations as one class ([`Network::membership_classes`]).
#[derive(Debug, Clone, Default)]
pub struct MembershipClasses {
    /// The class of each organisation.
    pub class: Vec<u32>,
    /// Organisations in each class.
    pub multiplicity: Vec<u32>,
    /// Collaborations of each class (those of each of its members), ascending.
    pub collaborations: Csr,
    /// Classes among each collaboration's members, ascending.
    pub members: Csr,
    /// Ties of weight ≥ 2 between classes: per class, each partner class once with the
    /// weight every pair of their members has (pairs inside a class are left out).
    pub multi_ties: MultiTies,
}

/// New numbers that put neighbours near each other in memory: breadth-first order through
/// the two-mode graph given by `of_row` (collaborations of each row node) and `members`
/// (row nodes of each collaboration), Cuthill–McKee without the degree sort, from the
/// smallest unvisited row node. Returns (`new_of_row[old]`, `new_of_collaboration[old]`).
/// O(memberships).
pub fn bfs_numbering(of_row: &Csr, members: &Csr) -> (Vec<u32>, Vec<u32>) {
    let (n, m) = (of_row.rows(), members.rows());
    let mut org = vec![u32::MAX; n];
    let mut collab = vec![u32::MAX; m];
    let (mut next_org, mut next_collab) = (0u32, 0u32);
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    for start in 0..n {
        if org[start] != u32::MAX {
            continue;
        }
        org[start] = next_org;
        next_org += 1;
        queue.clear();
        queue.push(start as u32);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &c in of_row.row(v) {
                if collab[c as usize] != u32::MAX {
                    continue;
                }
                collab[c as usize] = next_collab;
                next_collab += 1;
                for &w in members.row(c as usize) {
                    if org[w as usize] == u32::MAX {
                        org[w as usize] = next_org;
                        next_org += 1;
                        queue.push(w);
                    }
                }
            }
        }
    }
    // Collaborations without members keep their relative order at the end.
    for c in collab.iter_mut().filter(|c| **c == u32::MAX) {
        *c = next_collab;
        next_collab += 1;
    }
    (org, collab)
}

/// Incidence lists under new numbers ([`bfs_numbering`]): (collaborations of each row
/// node, row nodes of each collaboration), rows ascending.
pub fn relabel_incidence(
    of_row: &Csr,
    members: &Csr,
    new_of_row: &[u32],
    new_of_collab: &[u32],
) -> (Csr, Csr) {
    let relabel = |lists: &Csr, new_row: &[u32], new_item: &[u32]| {
        let mut old_of = vec![0u32; new_row.len()];
        for (old, &new) in new_row.iter().enumerate() {
            old_of[new as usize] = old as u32;
        }
        let rows: Vec<Vec<u32>> = old_of
            .iter()
            .map(|&old| {
                let mut r: Vec<u32> = lists
                    .row(old as usize)
                    .iter()
                    .map(|&x| new_item[x as usize])
                    .collect();
                r.sort_unstable();
                r
            })
            .collect();
        Csr::from_rows(rows)
    };
    (
        relabel(of_row, new_of_row, new_of_collab),
        relabel(members, new_of_collab, new_of_row),
    )
}
