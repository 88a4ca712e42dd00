//! Regions: which region each organisation is in, and ties counted by region pair.
//!
//! The region of an organisation is its province (`--region-level province`) or
//! `province/city` (`--region-level city`). Strings are compared exactly as given.

use std::collections::HashMap;

use crate::config::RegionLevel;
use crate::dataset::Dataset;
use crate::network::Network;

/// Region labels and each organisation's region, as an index into the sorted labels.
#[derive(Debug, Clone)]
pub struct Regions {
    /// Distinct region labels, sorted in code-point order.
    pub labels: Vec<String>,
    /// Region index of each organisation.
    pub of_org: Vec<u32>,
}

/// The region label of a (province, city) at a level.
pub fn region_label(province: &str, city: &str, level: RegionLevel) -> String {
    match level {
        RegionLevel::Province => province.to_string(),
        RegionLevel::City => format!("{province}/{city}"),
    }
}

impl Regions {
    /// Assign every organisation its region.
    pub fn of(ds: &Dataset, level: RegionLevel) -> Regions {
        let raw: Vec<String> = ds
            .organizations
            .iter()
            .map(|o| region_label(&o.province, &o.city, level))
            .collect();
        let mut labels = raw.clone();
        labels.sort_unstable();
        labels.dedup();
        let index: HashMap<&str, u32> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i as u32))
            .collect();
        let of_org = raw.iter().map(|r| index[r.as_str()]).collect();
        Regions { labels, of_org }
    }
}

/// Ties between (or inside) two regions; `region_a <= region_b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionTie {
    /// The smaller label (code-point order).
    pub region_a: String,
    /// The larger label (equal to `region_a` for ties inside one region).
    pub region_b: String,
    /// Number of ties.
    pub ties: u64,
    /// Sum of their weights.
    pub weight: u64,
}

/// Every region pair with at least one tie, sorted by (region_a, region_b); plus the
/// overall counts (cross-region ties, all ties).
pub fn region_ties(net: &Network, regions: &Regions) -> (Vec<RegionTie>, u64, u64) {
    let pairs = net.group_ties(&regions.of_org);
    let (mut cross, mut all) = (0u64, 0u64);
    for ((a, b), (t, _)) in &pairs {
        all += t;
        if a != b {
            cross += t;
        }
    }
    let rows = pairs
        .into_iter()
        .map(|((a, b), (ties, weight))| RegionTie {
            region_a: regions.labels[a as usize].clone(),
            region_b: regions.labels[b as usize].clone(),
            ties,
            weight,
        })
        .collect();
    (rows, cross, all)
}
