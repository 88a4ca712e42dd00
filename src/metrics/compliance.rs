//! Programme rules checked on a dataset: one [`Finding`] per (unit, rule), where a unit is
//! a consortium or a joint project of the rule set's programme.
//!
//! A failed rule is a finding about the data, not an error of the run.

use std::collections::BTreeSet;

use crate::dataset::{Dataset, OrgType, ProjectRole};
use crate::network::Network;
use crate::rules::{Requirement, RuleSet, Unit};

/// The outcome of one rule on one consortium or project.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index of the rule set in the rules given.
    pub set: usize,
    /// Index of the rule in its set.
    pub rule: usize,
    /// Consortium or project.
    pub unit: Unit,
    /// Index into `Dataset::consortia` or `Dataset::projects`.
    pub index: usize,
    /// What the data shows (a count, or the lead's type).
    pub value: String,
    /// What the rule asks, e.g. `>= 7`.
    pub required: String,
    /// `Some(true)` pass, `Some(false)` fail, `None` cannot be judged from the data.
    pub pass: Option<bool>,
    /// The evidence: provinces reached, stages covered, … (may be empty).
    pub detail: String,
}

/// Whether a province value names `listed` (equal, or `listed` followed by 省 or 市).
pub fn province_matches(province: &str, listed: &str) -> bool {
    province == listed
        || province
            .strip_prefix(listed)
            .is_some_and(|rest| rest == "省" || rest == "市")
}

fn types_text(types: &[OrgType]) -> String {
    types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

/// Check every rule set on the dataset. Findings are ordered by rule set, unit kind,
/// unit (id order), then rule (file order).
pub fn check(ds: &Dataset, net: &Network, sets: &[RuleSet]) -> Vec<Finding> {
    let n_cons = ds.consortia.len();
    let mut out = Vec::new();
    for (si, set) in sets.iter().enumerate() {
        for &unit in &set.units {
            let indices: Vec<usize> = match unit {
                Unit::Consortium => (0..n_cons)
                    .filter(|&ci| ds.consortia[ci].program == set.program)
                    .collect(),
                Unit::Project => (0..ds.projects.len())
                    .filter(|&pi| {
                        ds.projects[pi].effective_program(&ds.consortia) == Some(&set.program)
                    })
                    .collect(),
            };
            for index in indices {
                let (members, leads, chain) = match unit {
                    Unit::Consortium => {
                        let c = &ds.consortia[index];
                        (net.collaboration_members.row(index), vec![c.lead], c.chain)
                    }
                    Unit::Project => {
                        let p = &ds.projects[index];
                        // project_members is sorted by (project, org).
                        let pm = &ds.project_members;
                        let from = pm.partition_point(|m| (m.project as usize) < index);
                        let to = pm.partition_point(|m| (m.project as usize) <= index);
                        let leads = pm[from..to]
                            .iter()
                            .filter(|m| m.role == ProjectRole::Lead)
                            .map(|m| m.org)
                            .collect();
                        let chain = p
                            .chain
                            .or_else(|| p.consortium.and_then(|c| ds.consortia[c as usize].chain));
                        (net.collaboration_members.row(n_cons + index), leads, chain)
                    }
                };
                for (ri, rule) in set.rules.iter().enumerate() {
                    let (value, required, pass, detail) =
                        evaluate(ds, &rule.requirement, members, &leads, chain);
                    out.push(Finding {
                        set: si,
                        rule: ri,
                        unit,
                        index,
                        value,
                        required,
                        pass,
                        detail,
                    });
                }
            }
        }
    }
    out
}

fn evaluate(
    ds: &Dataset,
    req: &Requirement,
    members: &[u32],
    leads: &[u32],
    chain: Option<u32>,
) -> (String, String, Option<bool>, String) {
    let org = |m: &u32| &ds.organizations[*m as usize];
    match req {
        Requirement::MinMembers { min } => {
            let k = members.len() as u32;
            (
                k.to_string(),
                format!(">= {min}"),
                Some(k >= *min),
                String::new(),
            )
        }
        Requirement::MinMembersOfType { types, min } => {
            let k = members
                .iter()
                .filter(|m| types.contains(&org(m).org_type))
                .count() as u32;
            (
                k.to_string(),
                format!(">= {min} {}", types_text(types)),
                Some(k >= *min),
                String::new(),
            )
        }
        Requirement::LeadType { types } => {
            let lead_types: BTreeSet<OrgType> = leads.iter().map(|l| org(l).org_type).collect();
            let value = lead_types
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("|");
            let pass = (!leads.is_empty()).then(|| lead_types.iter().all(|t| types.contains(t)));
            let detail = leads
                .iter()
                .map(|l| org(l).id.clone())
                .collect::<Vec<_>>()
                .join(";");
            (value, types_text(types), pass, detail)
        }
        Requirement::MinRegionsAmong { regions, min } => {
            let reached: Vec<&str> = regions
                .iter()
                .filter(|r| {
                    members
                        .iter()
                        .any(|m| province_matches(&org(m).province, r))
                })
                .map(String::as_str)
                .collect();
            let k = reached.len() as u32;
            (
                k.to_string(),
                format!(">= {min} of {}", regions.join("|")),
                Some(k >= *min),
                reached.join(";"),
            )
        }
        Requirement::StagesCovered { types, stages } => {
            let mut any_segment = false;
            let mut covered = BTreeSet::new();
            for m in members.iter().filter(|m| types.contains(&org(m).org_type)) {
                for &s in &org(m).segments {
                    let seg = &ds.segments[s as usize];
                    if chain.is_some_and(|c| c != seg.chain) {
                        continue;
                    }
                    any_segment = true;
                    covered.insert(seg.stage);
                }
            }
            let hit: Vec<&str> = stages
                .iter()
                .filter(|s| covered.contains(s))
                .map(|s| s.as_str())
                .collect();
            (
                hit.len().to_string(),
                format!(
                    "{} of {}",
                    stages.len(),
                    stages
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("|")
                ),
                any_segment.then_some(hit.len() == stages.len()),
                hit.join(";"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_match_with_or_without_suffix() {
        assert!(province_matches("上海", "上海"));
        assert!(province_matches("上海市", "上海"));
        assert!(province_matches("江苏省", "江苏"));
        assert!(!province_matches("江苏南京", "江苏"));
        assert!(!province_matches("浙", "浙江"));
    }
}
