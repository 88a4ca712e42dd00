//! Who could fill a consortium's critical gap: for each critical (卡脖子) segment of a
//! consortium's chain that no member covers, the organisations already in the data (not
//! members) whose `segments` include it, ranked by how close they are.
//!
//! Ranking: projection distance (unweighted hops) to the nearest member, unreachable last;
//! then same region as the consortium's home region (v1's home for non_local_share) first;
//! then more collaborations; then org_id. The first K are kept (`--partners`).
//!
//! Distances come from one multi-source breadth-first search per consortium with a gap,
//! through the two-mode graph (two organisations are k apart in the projection exactly
//! when they are 2k apart there), stopped after the first level at which every gap segment
//! has K candidates (the nearer ones, so the first K are decided; candidates never reached
//! rank as unreachable only when the whole component was searched). Complexity: at most
//! O(n + c + memberships) per consortium with a gap, usually a few levels; in parallel over
//! consortia (each consortium's rows come from one thread: the result does not depend on
//! the thread count).

use rayon::prelude::*;

use crate::config::RegionLevel;
use crate::dataset::Dataset;
use crate::metrics::chains::SegmentCoverage;
use crate::metrics::consortia::home_region;
use crate::metrics::regions::Regions;
use crate::network::Network;

/// One row of `gap_partners.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapPartner {
    /// Consortium index.
    pub consortium: u32,
    /// Segment index (critical, uncovered by its members).
    pub segment: u32,
    /// 1-based rank.
    pub rank: u32,
    /// Candidate organisation index.
    pub org: u32,
    /// Projection hops to the nearest member; `None` when unreachable.
    pub distance: Option<u32>,
    /// Whether the candidate is in the consortium's home region.
    pub same_region: bool,
    /// The candidate's collaborations (two-mode degree).
    pub collaborations: u32,
}

const UNSEEN: u32 = u32::MAX;

/// For each gap segment (`gaps[k]`), its holders reached from the members of
/// collaboration `ci` (not the members) with their projection distance, by BFS over the
/// two-mode graph. The search stops after the
/// first level at which every gap segment k (`gaps[k]`) has `want[k]` holders reached —
/// the nearer ones, ranked first; `want[k]` is at most the holders in the consortium's
/// component — or when the component is exhausted. `dist` (organisations) and `seen`
/// (collaborations) are left clean.
fn reached(
    ds: &Dataset,
    net: &Network,
    ci: usize,
    gaps: &[u32],
    want: &[usize],
    dist: &mut [u32],
    seen: &mut [bool],
) -> Vec<Vec<(u32, u32)>> {
    let (oc, cm) = (&net.org_collaborations, &net.collaboration_members);
    let members = cm.row(ci);
    let mut frontier: Vec<u32> = members.to_vec();
    let mut out: Vec<u32> = Vec::new();
    let mut touched_c: Vec<u32> = Vec::new();
    for &o in &frontier {
        dist[o as usize] = 0;
    }
    // The holders of each gap segment reached, in discovery order.
    let mut found: Vec<Vec<(u32, u32)>> = vec![Vec::new(); gaps.len()];
    let mut d = 0;
    while !frontier.is_empty() && found.iter().zip(want).any(|(f, w)| f.len() < *w) {
        d += 1;
        let mut next = Vec::new();
        for &o in &frontier {
            for &c in oc.row(o as usize) {
                if std::mem::replace(&mut seen[c as usize], true) {
                    continue;
                }
                touched_c.push(c);
                for &w in cm.row(c as usize) {
                    if dist[w as usize] == UNSEEN {
                        dist[w as usize] = d;
                        out.push(w);
                        next.push(w);
                        let holds = &ds.organizations[w as usize].segments;
                        if !holds.is_empty() {
                            for (k, s) in gaps.iter().enumerate() {
                                if holds.binary_search(s).is_ok() {
                                    found[k].push((w, d));
                                }
                            }
                        }
                    }
                }
            }
        }
        frontier = next;
    }
    for &o in members {
        dist[o as usize] = UNSEEN;
    }
    for &o in &out {
        dist[o as usize] = UNSEEN;
    }
    for c in touched_c {
        seen[c as usize] = false;
    }
    found
}

/// The ranked candidates of every uncovered critical segment, in (consortium, segment,
/// rank) order.
pub fn compute(
    ds: &Dataset,
    net: &Network,
    regions: &Regions,
    coverage: &[SegmentCoverage],
    level: RegionLevel,
    partners: u32,
) -> Vec<GapPartner> {
    let k = partners as usize;
    let n = ds.organizations.len();
    let mut component = vec![0u32; n];
    for (c, orgs) in net.components().iter().enumerate() {
        for &o in orgs {
            component[o as usize] = c as u32;
        }
    }
    // Holders of each segment, and how many in each component.
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); ds.segments.len()];
    let mut in_component: std::collections::HashMap<(u32, u32), usize> = Default::default();
    for (o, org) in ds.organizations.iter().enumerate() {
        for &s in &org.segments {
            holders[s as usize].push(o as u32);
            *in_component.entry((s, component[o])).or_default() += 1;
        }
    }
    // Gaps per consortium, in segment order (coverage rows are in that order). No member
    // works in a gap segment, so every holder is a candidate.
    let mut gaps: Vec<(usize, Vec<u32>)> = Vec::new();
    for row in coverage {
        if row.members_covering == 0 && ds.segments[row.segment as usize].critical {
            match gaps.last_mut() {
                Some((c, v)) if *c == row.consortium as usize => v.push(row.segment),
                _ => gaps.push((row.consortium as usize, vec![row.segment])),
            }
        }
    }
    if k == 0 {
        return Vec::new();
    }
    let collabs = net.collaboration_members.rows();
    gaps.par_iter()
        .map_init(
            || (vec![UNSEEN; n], vec![false; collabs]),
            |(dist, seen), (ci, segs)| {
                let members = net.collaboration_members.row(*ci);
                // A consortium without members (possible in an --as-of cut, before its
                // first member joins) reaches no one: every candidate is unreachable.
                let home_component = members.first().map_or(u32::MAX, |&m| component[m as usize]);
                let want: Vec<usize> = segs
                    .iter()
                    .map(|&s| {
                        in_component
                            .get(&(s, home_component))
                            .copied()
                            .unwrap_or(0)
                            .min(k)
                    })
                    .collect();
                let near = reached(ds, net, *ci, segs, &want, dist, seen);
                let home = home_region(ds, *ci, level);
                let candidate = |o: u32, s: u32, distance: Option<u32>| GapPartner {
                    consortium: *ci as u32,
                    segment: s,
                    rank: 0,
                    org: o,
                    distance,
                    same_region: regions.labels[regions.of_org[o as usize] as usize] == home,
                    collaborations: net.org_collaborations.row(o as usize).len() as u32,
                };
                let key = |c: &GapPartner| {
                    (
                        c.distance.unwrap_or(u32::MAX),
                        !c.same_region,
                        std::cmp::Reverse(c.collaborations),
                        c.org,
                    )
                };
                let mut rows = Vec::new();
                for (&s, hits) in segs.iter().zip(&near) {
                    let mut cands: Vec<GapPartner> = hits
                        .iter()
                        .map(|&(o, d)| candidate(o, s, Some(d)))
                        .collect();
                    if cands.len() < k {
                        // Too few reached: the others are unreachable (every reachable
                        // holder was reached), ranked by region and activity.
                        let mut reached_set: Vec<u32> = cands.iter().map(|c| c.org).collect();
                        reached_set.sort_unstable();
                        cands.extend(
                            holders[s as usize]
                                .iter()
                                .filter(|o| reached_set.binary_search(o).is_err())
                                .map(|&o| candidate(o, s, None)),
                        );
                    }
                    cands.sort_by_key(key);
                    cands.truncate(k);
                    for (r, c) in cands.iter_mut().enumerate() {
                        c.rank = r as u32 + 1;
                    }
                    rows.extend(cands);
                }
                rows
            },
        )
        .flatten()
        .collect()
}
