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

/// Projection distances from the members of collaboration `ci` to `targets` (`None`:
/// not reached), by BFS over the two-mode graph. `segments_of[t]` lists the gap segments
/// (0..gaps) target t works in; the search stops after the first level at which every
/// segment s has `want[s]` candidates reached (those ranked first: nearer ones; `want[s]`
/// is at most the candidates in the consortium's component), or when the component is
/// exhausted. `dist` (organisations) and `seen` (collaborations) are reset.
fn distances(
    net: &Network,
    ci: usize,
    targets: &[u32],
    segments_of: &[Vec<usize>],
    want: &[usize],
    dist: &mut [u32],
    seen: &mut [bool],
) -> Vec<Option<u32>> {
    let (oc, cm) = (&net.org_collaborations, &net.collaboration_members);
    let mut frontier: Vec<u32> = cm.row(ci).to_vec();
    let mut touched: Vec<u32> = frontier.clone();
    let mut touched_c: Vec<u32> = Vec::new();
    for &o in &frontier {
        dist[o as usize] = 0;
    }
    let mut found = vec![0usize; want.len()];
    let mut d = 0;
    while !frontier.is_empty() && found.iter().zip(want).any(|(f, w)| f < w) {
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
                        touched.push(w);
                        next.push(w);
                        if let Ok(k) = targets.binary_search(&w) {
                            for &s in &segments_of[k] {
                                found[s] += 1;
                            }
                        }
                    }
                }
            }
        }
        frontier = next;
    }
    let out = targets
        .iter()
        .map(|&t| (dist[t as usize] != UNSEEN).then_some(dist[t as usize]))
        .collect();
    for o in touched {
        dist[o as usize] = UNSEEN;
    }
    for c in touched_c {
        seen[c as usize] = false;
    }
    out
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
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); ds.segments.len()];
    for (o, org) in ds.organizations.iter().enumerate() {
        for &s in &org.segments {
            holders[s as usize].push(o as u32);
        }
    }
    // Gaps per consortium, in segment order (coverage rows are in that order).
    let mut gaps: Vec<(usize, Vec<u32>)> = Vec::new();
    for row in coverage {
        if row.members_covering == 0 && ds.segments[row.segment as usize].critical {
            match gaps.last_mut() {
                Some((c, v)) if *c == row.consortium as usize => v.push(row.segment),
                _ => gaps.push((row.consortium as usize, vec![row.segment])),
            }
        }
    }
    let n = ds.organizations.len();
    let collabs = net.collaboration_members.rows();
    let mut component = vec![0u32; n];
    for (k, c) in net.projection.components().iter().enumerate() {
        for &o in c {
            component[o as usize] = k as u32;
        }
    }
    gaps.par_iter()
        .map_init(
            || (vec![UNSEEN; n], vec![false; collabs]),
            |(dist, seen), (ci, segs)| {
                let members = net.collaboration_members.row(*ci);
                if partners == 0 {
                    return Vec::new();
                }
                let mut targets: Vec<u32> = segs
                    .iter()
                    .flat_map(|&s| holders[s as usize].iter().copied())
                    .filter(|o| members.binary_search(o).is_err())
                    .collect();
                targets.sort_unstable();
                targets.dedup();
                let mut segments_of = vec![Vec::new(); targets.len()];
                // Candidates the search can reach: those in the consortium's component.
                let home_component = component[members[0] as usize];
                let mut want = vec![0usize; segs.len()];
                for (k, &s) in segs.iter().enumerate() {
                    for o in &holders[s as usize] {
                        if let Ok(t) = targets.binary_search(o) {
                            segments_of[t].push(k);
                            want[k] += (component[*o as usize] == home_component) as usize;
                        }
                    }
                    want[k] = want[k].min(partners as usize);
                }
                let d = distances(net, *ci, &targets, &segments_of, &want, dist, seen);
                let home = home_region(ds, *ci, level);
                let mut rows = Vec::new();
                for &s in segs {
                    let mut cands: Vec<GapPartner> = holders[s as usize]
                        .iter()
                        .filter(|o| members.binary_search(o).is_err())
                        .map(|&o| {
                            let k = targets.binary_search(&o).expect("a target");
                            GapPartner {
                                consortium: *ci as u32,
                                segment: s,
                                rank: 0,
                                org: o,
                                distance: d[k],
                                same_region: regions.labels[regions.of_org[o as usize] as usize]
                                    == home,
                                collaborations: net.org_collaborations.row(o as usize).len() as u32,
                            }
                        })
                        .collect();
                    cands.sort_by_key(|c| {
                        (
                            c.distance.unwrap_or(u32::MAX),
                            !c.same_region,
                            std::cmp::Reverse(c.collaborations),
                            c.org,
                        )
                    });
                    cands.truncate(partners as usize);
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
