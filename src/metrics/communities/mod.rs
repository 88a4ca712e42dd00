//! Communities of the weighted projection ([`leiden`]) and what they say about the
//! consortia: `communities.csv` rows, each consortium's spread over communities, and the
//! summary figures (count, singletons, modularity).
//!
//! Communities are numbered 1, 2, … by decreasing size, ties broken by the smallest org_id
//! in each (organisations are in org_id order); isolates are singleton communities.
//! Complexity: Leiden (sequential, O(m) per pass) plus O(n + m + memberships) here.

pub mod leiden;

use crate::dataset::Dataset;
use crate::error::Problem;
use crate::metrics::regions::Regions;
use crate::network::{Network, Projection};

/// One row of `communities.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityRow {
    /// Number, 1-based.
    pub community: u32,
    /// Its organisations.
    pub organizations: u64,
    /// Ties with both ends in it.
    pub ties_inside: u64,
    /// Ties with exactly one end in it.
    pub ties_leaving: u64,
    /// Consortia with at least one member in it.
    pub consortia_spanned: u64,
    /// The consortium with most members in it (smallest index on ties); `None` if none.
    pub top_consortium: Option<u32>,
    /// Those members / organisations.
    pub top_consortium_share: Option<f64>,
    /// Distinct regions of its members.
    pub regions: u64,
    /// Cross-region ties among `ties_inside`; `None` without ties inside.
    pub cross_region_share_inside: Option<f64>,
}

/// The communities of a run.
#[derive(Debug, Clone, Default)]
pub struct Communities {
    /// Community number (1-based) of each organisation.
    pub of_org: Vec<u32>,
    /// One row per community, by number.
    pub rows: Vec<CommunityRow>,
    /// Per consortium: (distinct communities among its members, largest share of its
    /// members in one community); `None` share for a consortium without members.
    pub consortia: Vec<(u64, Option<f64>)>,
    /// Communities of two or more organisations.
    pub count: u64,
    /// Communities of one organisation.
    pub singletons: u64,
    /// Newman's modularity with the run's γ; `None` without ties.
    pub modularity: Option<f64>,
    /// The resolution γ used.
    pub resolution: f64,
    /// The seed used.
    pub seed: u64,
}

/// The projection as Leiden's graph (strengths as node weights).
pub fn graph(g: &Projection) -> leiden::Graph {
    leiden::Graph {
        offsets: g.adjacency.offsets.clone(),
        targets: g.adjacency.targets.clone(),
        weights: g.weights.iter().map(|&w| w as f64).collect(),
        node_weight: (0..g.nodes())
            .map(|u| g.weights(u).iter().map(|&w| w as f64).sum())
            .collect(),
    }
}

/// Detect the communities and describe them; a warning when Leiden's work budget
/// ([`leiden::WORK_BUDGET`]) stopped it before it converged.
pub fn compute(
    ds: &Dataset,
    net: &Network,
    g: &Projection,
    regions: &Regions,
    resolution: f64,
    seed: u64,
) -> (Communities, Option<Problem>) {
    let lg = graph(g);
    let run = leiden::leiden_within(&lg, resolution, seed, leiden::WORK_BUDGET);
    let warning = (run.budget_limited && !run.converged).then(|| {
        Problem::in_file(
            "communities.csv",
            format!(
                "Leiden stopped after {} iteration{} while the partition was still improving: \
                 each iteration reads the projection's {} adjacency entries, and the \
                 iterations may read {} in all (at most {} iterations otherwise)",
                run.iterations,
                if run.iterations == 1 { "" } else { "s" },
                lg.targets.len(),
                leiden::WORK_BUDGET,
                leiden::MAX_ITERATIONS
            ),
        )
    });
    let raw = run.membership;
    let of_org = number(&raw);
    let modularity = leiden::modularity(
        &lg,
        &of_org.iter().map(|&c| c - 1).collect::<Vec<_>>(),
        resolution,
    );
    let k = of_org.iter().copied().max().unwrap_or(0) as usize;
    let mut rows: Vec<CommunityRow> = (1..=k as u32)
        .map(|c| CommunityRow {
            community: c,
            organizations: 0,
            ties_inside: 0,
            ties_leaving: 0,
            consortia_spanned: 0,
            top_consortium: None,
            top_consortium_share: None,
            regions: 0,
            cross_region_share_inside: None,
        })
        .collect();
    let mut cross = vec![0u64; k];
    let mut region_sets: Vec<Vec<u32>> = vec![Vec::new(); k];
    for (u, &c) in of_org.iter().enumerate() {
        let c = c as usize - 1;
        rows[c].organizations += 1;
        region_sets[c].push(regions.of_org[u]);
    }
    for (u, v, _) in g.each_tie() {
        let (a, b) = (of_org[u] as usize - 1, of_org[v] as usize - 1);
        if a == b {
            rows[a].ties_inside += 1;
            cross[a] += (regions.of_org[u] != regions.of_org[v]) as u64;
        } else {
            rows[a].ties_leaving += 1;
            rows[b].ties_leaving += 1;
        }
    }
    for (c, set) in region_sets.iter_mut().enumerate() {
        set.sort_unstable();
        set.dedup();
        rows[c].regions = set.len() as u64;
        rows[c].cross_region_share_inside =
            (rows[c].ties_inside > 0).then(|| cross[c] as f64 / rows[c].ties_inside as f64);
    }
    // Members of each consortium per community: consortia in index (consortium_id)
    // order, so the first maximum is the smallest id.
    let mut best: Vec<(u64, Option<u32>)> = vec![(0, None); k];
    let mut count = vec![0u64; k];
    let mut touched: Vec<usize> = Vec::new();
    let mut consortia = Vec::with_capacity(ds.consortia.len());
    for ci in 0..ds.consortia.len() {
        let members = net.collaboration_members.row(ci);
        for &m in members {
            let c = of_org[m as usize] as usize - 1;
            if count[c] == 0 {
                touched.push(c);
            }
            count[c] += 1;
        }
        let mut modal = 0u64;
        for &c in &touched {
            let x = std::mem::take(&mut count[c]);
            rows[c].consortia_spanned += 1;
            if x > best[c].0 {
                best[c] = (x, Some(ci as u32));
            }
            modal = modal.max(x);
        }
        consortia.push((
            touched.len() as u64,
            (!members.is_empty()).then(|| modal as f64 / members.len() as f64),
        ));
        touched.clear();
    }
    for (c, (x, top)) in best.into_iter().enumerate() {
        rows[c].top_consortium = top;
        rows[c].top_consortium_share = top.map(|_| x as f64 / rows[c].organizations as f64);
    }
    let singletons = rows.iter().filter(|r| r.organizations == 1).count() as u64;
    let communities = Communities {
        of_org,
        count: rows.len() as u64 - singletons,
        singletons,
        rows,
        consortia,
        modularity,
        resolution,
        seed,
    };
    (communities, warning)
}

/// Community numbers 1, 2, … by decreasing size, ties by the smallest member.
pub fn number(raw: &[u32]) -> Vec<u32> {
    let k = raw.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut size = vec![0u64; k];
    let mut first = vec![usize::MAX; k];
    for (u, &c) in raw.iter().enumerate() {
        size[c as usize] += 1;
        first[c as usize] = first[c as usize].min(u);
    }
    let mut order: Vec<usize> = (0..k).filter(|&c| size[c] > 0).collect();
    order.sort_by(|&a, &b| size[b].cmp(&size[a]).then(first[a].cmp(&first[b])));
    let mut number = vec![0u32; k];
    for (i, &c) in order.iter().enumerate() {
        number[c] = i as u32 + 1;
    }
    raw.iter().map(|&c| number[c as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_by_size_then_smallest_member() {
        // Raw labels: {0,3} size 2, {1} size 1, {2,4,5} size 3, {6} size 1.
        assert_eq!(number(&[7, 2, 5, 7, 5, 5, 0]), [2, 3, 1, 2, 1, 1, 4]);
    }
}
