//! Per-consortium figures: size, who leads, enterprise share, how many members are from
//! elsewhere, and chain coverage.

use crate::config::RegionLevel;
use crate::dataset::{Dataset, OrgType};
use crate::metrics::chains::Coverage;
use crate::metrics::regions::region_label;
use crate::network::Network;

/// One row of `consortium_summary.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsortiumSummary {
    /// Consortium index.
    pub consortium: u32,
    /// Distinct members, added leads included.
    pub members: u32,
    /// Type of the `lead_org_id` organisation.
    pub lead_type: OrgType,
    /// Members of type enterprise / members; `None` without members (possible only in a
    /// dataset cut to a year, before anyone joined).
    pub enterprise_share: Option<f64>,
    /// Members whose region differs from the consortium's home region / members; `None`
    /// without members.
    pub non_local_share: Option<f64>,
    /// Chain and critical-segment coverage.
    pub coverage: Coverage,
}

/// The home region of a consortium at a level: its own province/city when it has a city
/// (a missing province then taken from the lead), otherwise the lead organisation's.
pub fn home_region(ds: &Dataset, ci: usize, level: RegionLevel) -> String {
    let c = &ds.consortia[ci];
    let lead = &ds.organizations[c.lead as usize];
    match &c.city {
        Some(city) => region_label(c.province.as_deref().unwrap_or(&lead.province), city, level),
        None => region_label(&lead.province, &lead.city, level),
    }
}

/// Summaries of every consortium, in consortium order.
pub fn summarize(
    ds: &Dataset,
    net: &Network,
    coverage: &[Coverage],
    level: RegionLevel,
) -> Vec<ConsortiumSummary> {
    ds.consortia
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let members = net.collaboration_members.row(ci);
            let home = home_region(ds, ci, level);
            let k = members.len() as f64;
            let (mut enterprises, mut non_local) = (0usize, 0usize);
            for &m in members {
                let o = &ds.organizations[m as usize];
                enterprises += (o.org_type == OrgType::Enterprise) as usize;
                non_local += (region_label(&o.province, &o.city, level) != home) as usize;
            }
            ConsortiumSummary {
                consortium: ci as u32,
                members: members.len() as u32,
                lead_type: ds.organizations[c.lead as usize].org_type,
                enterprise_share: (k > 0.0).then(|| enterprises as f64 / k),
                non_local_share: (k > 0.0).then(|| non_local as f64 / k),
                coverage: coverage[ci],
            }
        })
        .collect()
}
