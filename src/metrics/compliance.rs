//! Programme rules checked on a dataset: one [`Finding`] per (unit, rule), where a unit is
//! a consortium or a joint project of the rule set's programme.
//!
//! Three outcomes: **pass** — the members listed meet the rule; **fail** — they do not,
//! and the record is complete enough to say so; **undetermined** — the data cannot decide:
//! no project lead or no member segment is given, or the record is partial (the sources
//! state more members than are listed — `members_stated` — and the unlisted members could
//! close the gap: e.g. 26 stated, 4 listed, rule ≥ 7). A failed rule is a finding about
//! the data, not an error of the run.

use std::collections::BTreeSet;

use crate::dataset::{regions, Dataset, OrgType, ProjectRole};
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

/// The three outcomes of a check, one sentence each, for the text output and the report.
pub const OUTCOMES: [(&str, &str); 3] = [
    ("pass", "the members listed in the data meet the rule."),
    (
        "fail",
        "they do not, and the record is complete enough to say so (no stated size above the members listed could close the gap).",
    ),
    (
        "undetermined",
        "the data cannot decide: the sources state more members than are listed (e.g. 26 stated, 4 listed) and the unlisted ones could meet the rule, or no project lead or member segment is given.",
    ),
];

/// Whether a province value names `listed`: equal, or both spellings of one of the 34
/// units ([`regions::province`]: 上海市 and 上海, Jiangsu and 江苏省).
pub fn province_matches(province: &str, listed: &str) -> bool {
    province == listed
        || regions::province(province).is_some_and(|p| regions::province(listed) == Some(p))
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
                let stated = match unit {
                    Unit::Consortium => ds.consortia[index].members_stated,
                    Unit::Project => None,
                };
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
                    let (value, required, pass, detail) = partial_record(
                        evaluate(ds, &rule.requirement, members, &leads, chain),
                        members.len() as u32,
                        stated,
                    );
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

/// (value, required, pass, detail) of a rule, and for rules on the members the shortfall:
/// how many more qualifying members would at least be needed to pass.
type Evaluated = (String, String, Option<bool>, String, Option<u32>);

/// A failure the unlisted members of a partial record could turn into a pass becomes
/// undetermined, its detail saying "`stated` stated, `listed` listed".
fn partial_record(
    (value, required, pass, detail, short): Evaluated,
    listed: u32,
    stated: Option<u32>,
) -> (String, String, Option<bool>, String) {
    match (pass, short, stated) {
        (Some(false), Some(short), Some(stated)) if stated > listed && short <= stated - listed => {
            let partial = format!("{stated} stated, {listed} listed");
            let detail = if detail.is_empty() {
                partial
            } else {
                format!("{detail} ({partial})")
            };
            (value, required, None, detail)
        }
        _ => (value, required, pass, detail),
    }
}

fn evaluate(
    ds: &Dataset,
    req: &Requirement,
    members: &[u32],
    leads: &[u32],
    chain: Option<u32>,
) -> Evaluated {
    let org = |m: &u32| &ds.organizations[*m as usize];
    match req {
        Requirement::MinMembers { min } => {
            let k = members.len() as u32;
            (
                k.to_string(),
                format!(">= {min}"),
                Some(k >= *min),
                String::new(),
                Some(min.saturating_sub(k)),
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
                Some(min.saturating_sub(k)),
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
            (value, types_text(types), pass, detail, None)
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
                Some(min.saturating_sub(k)),
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
                Some((stages.len() - hit.len()) as u32),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(short: u32) -> Evaluated {
        (
            "4".into(),
            ">= 7".into(),
            Some(false),
            String::new(),
            Some(short),
        )
    }

    #[test]
    fn a_partial_record_that_could_pass_is_undetermined() {
        // 26 stated, 4 listed, ≥ 7 members: 3 short, 22 unlisted.
        let r = partial_record(failed(3), 4, Some(26));
        assert_eq!((r.2, r.3.as_str()), (None, "26 stated, 4 listed"));
        // 5 stated, 4 listed, 3 short: one unlisted member cannot close the gap.
        assert_eq!(partial_record(failed(3), 4, Some(5)).2, Some(false));
        // Exactly enough unlisted members.
        assert_eq!(partial_record(failed(3), 4, Some(7)).2, None);
        // No stated size, or not more than listed: the failure stands.
        assert_eq!(partial_record(failed(3), 4, None).2, Some(false));
        assert_eq!(partial_record(failed(3), 4, Some(4)).2, Some(false));
        // A lead-type rule has no shortfall: unlisted members cannot change it.
        let lead = (
            "institute".into(),
            "enterprise".into(),
            Some(false),
            "x".into(),
            None,
        );
        assert_eq!(partial_record(lead, 4, Some(26)).2, Some(false));
        // Passes and existing undetermined outcomes are kept, and a detail is kept too.
        let pass = (
            "9".into(),
            ">= 7".into(),
            Some(true),
            String::new(),
            Some(0),
        );
        assert_eq!(partial_record(pass, 9, Some(26)).2, Some(true));
        let prov = (
            "1".into(),
            ">= 2".into(),
            Some(false),
            "上海".into(),
            Some(1),
        );
        assert_eq!(
            partial_record(prov, 3, Some(10)).3,
            "上海 (10 stated, 3 listed)"
        );
    }

    #[test]
    fn provinces_match_with_or_without_suffix() {
        assert!(province_matches("上海", "上海"));
        assert!(province_matches("上海市", "上海"));
        assert!(province_matches("江苏省", "江苏"));
        assert!(province_matches("江苏", "江苏省"));
        assert!(province_matches("Jiangsu", "江苏"));
        assert!(!province_matches("江苏南京", "江苏"));
        assert!(!province_matches("浙", "浙江"));
        assert!(!province_matches("日本", "上海"));
    }
}
