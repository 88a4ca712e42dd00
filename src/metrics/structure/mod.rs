//! Structural positions of every organisation (`org_structure.csv`): Burt's constraint
//! and effective size ([`constraint`]), Gould–Fernandez brokerage between regions
//! ([`brokerage`]), articulation points ([`articulation`]); the community column comes
//! from [`crate::metrics::communities`].
//!
//! Constraint, effective size and brokerage need the ties inside each organisation's
//! neighbourhood ([`ego`]), whose cost grows with the squares of the degrees. Before
//! running, the exact cost of every organisation is added up (O(m)); when the total is
//! within [`BUDGET`] steps every organisation is computed. Above it, organisations are
//! taken cheapest first while the running total stays within the budget (all those of one
//! cost, or none of them); the rest get empty cells and the run says so in one warning
//! naming the cause. One 30,000-member collaboration is a 30,000-clique: each member's
//! neighbourhood holds 4.5·10⁸ ties (about 9·10⁸ steps, seconds each, 2.7·10¹³ for all
//! members: hours), so its members — the most expensive organisations — get empty cells
//! while the rest of the network is computed within the budget. (Holding that clique in the projection at all takes 9·10⁸ adjacency entries,
//! about 7 GB; that is the projection's cost, not these measures'.)
//!
//! Parallel over organisations (each one's values are computed by one thread in a fixed
//! order), so the result does not depend on the thread count.

pub mod articulation;
pub mod brokerage;
pub mod constraint;
pub mod ego;

use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::error::Problem;
use crate::metrics::regions::Regions;
use crate::network::{Network, Projection};

/// Ego-scan steps allowed ([`ego::cost`] summed over the organisations computed; one scan
/// serves Burt's measures and brokerage): about two minutes on one core at worst (some 6 ns
/// a step on large inputs, less on small ones). The medium preset (20,000 organisations,
/// 854,215 ties) takes 7.4·10⁸, the large one (200,000, 8.3 million ties) 1.1·10¹⁰.
pub const BUDGET: u64 = 20_000_000_000;

/// One organisation's (constraint, effective size) and brokerage roles; `None` where
/// undefined or left out.
type Position = (Option<(f64, f64)>, Option<brokerage::Roles>);

/// The structural position of every organisation, indexed like the organisations.
#[derive(Debug, Clone, Default)]
pub struct OrgStructure {
    /// Burt's constraint; `None` for isolates and organisations over the budget.
    pub constraint: Vec<Option<f64>>,
    /// Burt's effective size; `None` as for constraint.
    pub effective_size: Vec<Option<f64>>,
    /// Brokerage roles (coordinator, itinerant, gatekeeper/representative, liaison);
    /// `None` for organisations over the budget.
    pub brokerage: Vec<Option<brokerage::Roles>>,
    /// Articulation points.
    pub articulation: Vec<bool>,
    /// Ego-scan steps of all organisations (one scan each).
    pub cost: u64,
    /// Organisations left empty because of the budget.
    pub skipped: usize,
}

/// Compute the structural positions; a warning when the budget left some out.
pub fn compute(
    ds: &Dataset,
    net: &Network,
    g: &Projection,
    regions: &Regions,
) -> (OrgStructure, Vec<Problem>) {
    compute_within(ds, net, g, regions, BUDGET)
}

/// [`compute`] with another budget (for tests and tools).
pub fn compute_within(
    ds: &Dataset,
    net: &Network,
    g: &Projection,
    regions: &Regions,
    budget: u64,
) -> (OrgStructure, Vec<Problem>) {
    let n = g.nodes();
    let costs: Vec<u64> = (0..n).into_par_iter().map(|i| ego::cost(g, i)).collect();
    let total: u64 = costs.iter().sum();
    let cap = affordable(&costs, budget);
    let (strength, max_w) = constraint::strengths(g);
    let groups = regions.labels.len();
    let rows: Vec<Position> = (0..n)
        .into_par_iter()
        .map_init(
            || {
                (
                    ego::Marks::new(n),
                    constraint::Holes::default(),
                    brokerage::Open::default(),
                    brokerage::Histogram::new(groups),
                )
            },
            |(marks, holes, open, hist), i| {
                if costs[i] > cap {
                    return (None, None);
                }
                // One scan of the ties among i's neighbours serves both measures.
                open.start(g, i, &regions.of_org, hist);
                let live = holes.start(g, i, &strength, &max_w);
                ego::ties_within(g, i, marks, |a, b, w| {
                    holes.visit(a, b, w);
                    open.visit(a, b);
                });
                (live.then(|| holes.finish()), Some(open.roles))
            },
        )
        .collect();
    let skipped = costs.iter().filter(|&&c| c > cap).count();
    let mut warnings = Vec::new();
    if skipped > 0 {
        let (largest, members) = largest_collaboration(ds, net);
        warnings.push(Problem::in_file(
            "org_structure.csv",
            format!(
                "constraint, effective_size and broker_* left empty for {skipped} organisations: \
                 the ties among their neighbours would take more than {cap} steps each to scan \
                 ({total} for all organisations, above the budget of {budget}); the \
                 largest collaboration, {largest}, has {members} members, and every member \
                 of a collaboration of m members has at least m − 1 neighbours"
            ),
        ));
    }
    let (holes, roles): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    (
        OrgStructure {
            constraint: holes.iter().map(|h| h.map(|x| x.0)).collect(),
            effective_size: holes.iter().map(|h| h.map(|x| x.1)).collect(),
            brokerage: roles,
            articulation: articulation::articulation_points(g),
            cost: total,
            skipped,
        },
        warnings,
    )
}

/// The largest cost such that all organisations costing at most that much fit in `budget`
/// together (equal costs all in or all out); `u64::MAX` when everything fits.
pub fn affordable(costs: &[u64], budget: u64) -> u64 {
    if costs.iter().sum::<u64>() <= budget {
        return u64::MAX;
    }
    let mut sorted = costs.to_vec();
    sorted.sort_unstable();
    let (mut sum, mut cap, mut i) = (0u64, 0u64, 0usize);
    while i < sorted.len() {
        let c = sorted[i];
        let mut j = i;
        while j < sorted.len() && sorted[j] == c {
            j += 1;
        }
        let group = c.saturating_mul((j - i) as u64);
        if sum.saturating_add(group) > budget {
            break;
        }
        sum += group;
        cap = c;
        i = j;
    }
    cap
}

/// The id and member count of the largest collaboration (consortia before projects on
/// equal counts).
fn largest_collaboration(ds: &Dataset, net: &Network) -> (String, usize) {
    let cm = &net.collaboration_members;
    let best =
        (0..cm.rows()).max_by(|&a, &b| cm.row(a).len().cmp(&cm.row(b).len()).then(b.cmp(&a)));
    match best {
        None => ("none".to_string(), 0),
        Some(c) => {
            let k = ds.consortia.len();
            let id = if c < k {
                ds.consortia[c].id.clone()
            } else {
                ds.projects[c - k].id.clone()
            };
            (id, cm.row(c).len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tiny fixture (ties a–b weight 2, a–d, b–d, b–c; e alone) under a budget one
    /// step short: a, b and d cost 5 steps each (a: min(3, 2·2) + min(2, 2·2)), c 2, e 0;
    /// 0 + 2 + 3·5 = 17 > 16, so the three of cost 5 are left out together.
    #[test]
    fn over_the_budget_cells_are_empty_and_a_warning_names_the_cause() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        let ds = crate::ingest::load(&dir).unwrap();
        let net = Network::build(&ds);
        let regions = Regions::of(&ds, crate::config::RegionLevel::Province);
        let costs: Vec<u64> = (0..5)
            .map(|i| ego::cost(net.projection.as_ref().unwrap(), i))
            .collect();
        assert_eq!(costs, [5, 5, 2, 5, 0]);
        let (all, none) = compute_within(
            &ds,
            &net,
            net.projection.as_ref().unwrap(),
            &regions,
            u64::MAX,
        );
        assert!(none.is_empty() && all.skipped == 0);
        let max = *costs.iter().max().unwrap();
        let (part, warnings) = compute_within(
            &ds,
            &net,
            net.projection.as_ref().unwrap(),
            &regions,
            costs.iter().sum::<u64>() - 1,
        );
        assert!(part.skipped >= 1);
        for (i, &cost) in costs.iter().enumerate() {
            if cost == max {
                assert_eq!(part.constraint[i], None);
                assert_eq!(part.brokerage[i], None);
            } else {
                assert_eq!(part.constraint[i], all.constraint[i]);
                assert_eq!(part.brokerage[i], all.brokerage[i]);
            }
        }
        assert_eq!(
            part.articulation, all.articulation,
            "articulation is never skipped"
        );
        assert_eq!(warnings.len(), 1);
        let w = &warnings[0].message;
        assert!(
            w.contains("left empty for") && w.contains("largest collaboration, k1, has 3 members"),
            "{w}"
        );
    }

    #[test]
    fn the_budget_takes_the_cheapest_first_and_equal_costs_together() {
        assert_eq!(affordable(&[5, 1, 3], 9), u64::MAX);
        // 1 + 3 = 4 fits in 6, 5 more does not.
        assert_eq!(affordable(&[5, 1, 3], 6), 3);
        // Two of cost 3: both or neither.
        assert_eq!(affordable(&[3, 1, 3, 9], 6), 1);
        assert_eq!(affordable(&[0, 10], 5), 0);
    }
}
