//! Programme rules: the stated requirements of a programme (Xiamen's 2025 management
//! measures, the Yangtze-Delta joint R&D programme, …) as editable TOML rule sets.
//!
//! This module only reads and checks the rule file; [`crate::metrics::compliance`]
//! evaluates the rules on a dataset. The shipped defaults are `rules/default.toml`,
//! compiled in so that `check` and `analyze` work without any file.

use std::path::Path;

use serde::Deserialize;

use crate::dataset::{OrgType, Stage};
use crate::error::{Error, LoadError, Problem};

/// The rule sets shipped with the tool (`rules/default.toml`).
pub const DEFAULT_RULES: &str = include_str!("../rules/default.toml");

/// What a rule set is checked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Each consortium of the programme (members = its memberships).
    Consortium,
    /// Each joint project of the programme (members = its participants).
    Project,
}

impl Unit {
    /// The value as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Consortium => "consortium",
            Unit::Project => "project",
        }
    }
}

/// One requirement.
#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    /// At least `min` members.
    MinMembers {
        /// Smallest allowed member count.
        min: u32,
    },
    /// At least `min` members whose type is one of `types`.
    MinMembersOfType {
        /// Types that count.
        types: Vec<OrgType>,
        /// Smallest allowed count.
        min: u32,
    },
    /// The lead (a consortium's `lead_org_id`; a project's lead participants) has one of `types`.
    LeadType {
        /// Allowed lead types.
        types: Vec<OrgType>,
    },
    /// Members reach at least `min` distinct provinces among `regions`.
    MinRegionsAmong {
        /// Province names (matched in any spelling of the unit: 江苏, 江苏省, Jiangsu).
        regions: Vec<String>,
        /// Smallest allowed number of distinct listed provinces.
        min: u32,
    },
    /// Members of `types` together cover every stage of `stages`.
    StagesCovered {
        /// Types whose segments count.
        types: Vec<OrgType>,
        /// Stages that must all be covered.
        stages: Vec<Stage>,
    },
}

/// A named requirement with the text a reader sees.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Short id, unique within its rule set (a column of the compliance table).
    pub id: String,
    /// What the programme asks, in words.
    pub description: String,
    /// The check.
    pub requirement: Requirement,
}

/// The rules of one programme.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// Programme the rules apply to (compared with `consortia.csv`'s `program` as given).
    pub program: String,
    /// Where the rules come from.
    pub title: String,
    /// What the rules are checked on.
    pub units: Vec<Unit>,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    ruleset: Vec<RawSet>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    program: String,
    #[serde(default)]
    title: String,
    #[serde(default = "default_units")]
    units: Vec<Unit>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

fn default_units() -> Vec<Unit> {
    vec![Unit::Consortium]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    #[serde(default)]
    description: String,
    kind: String,
    min: Option<u32>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    stages: Vec<String>,
}

/// Read rule sets from a TOML file.
pub fn load(path: &Path) -> Result<Vec<RuleSet>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::io(format!("cannot read rules {}", path.display()), e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    parse(&text, &name).map_err(|problems| {
        Error::Config(LoadError {
            dataset: path.to_path_buf(),
            problems,
        })
    })
}

/// The shipped rule sets.
pub fn defaults() -> Vec<RuleSet> {
    parse(DEFAULT_RULES, "default.toml").expect("the shipped rules parse")
}

/// Parse rule sets; every problem found (file `name`, line, what is wrong).
pub fn parse(text: &str, name: &str) -> Result<Vec<RuleSet>, Vec<Problem>> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
        vec![Problem {
            file: name.to_string(),
            line,
            column: None,
            message: e.message().to_string(),
        }]
    })?;
    let mut problems = Vec::new();
    let mut sets = Vec::new();
    for (si, set) in raw.ruleset.into_iter().enumerate() {
        let at = |ri: usize, msg: String| {
            Problem::in_file(
                name,
                format!(
                    "ruleset {} ({}), rule {}: {msg}",
                    si + 1,
                    set.program,
                    ri + 1
                ),
            )
        };
        let mut rules = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for (ri, r) in set.rule.iter().enumerate() {
            if !ids.insert(r.id.clone()) {
                problems.push(at(ri, format!("duplicate rule id {:?}", r.id)));
            }
            let types: Vec<OrgType> = r
                .types
                .iter()
                .filter_map(|t| match OrgType::ALL.iter().find(|x| x.as_str() == t) {
                    Some(&x) => Some(x),
                    None => {
                        problems.push(at(
                            ri,
                            format!("unknown type {t:?}; expected one of enterprise, university, institute, platform, government, hospital, other"),
                        ));
                        None
                    }
                })
                .collect();
            let stages: Vec<Stage> = r
                .stages
                .iter()
                .filter_map(|s| match Stage::ALL.iter().find(|x| x.as_str() == s) {
                    Some(&x) => Some(x),
                    None => {
                        problems.push(at(
                            ri,
                            format!(
                                "unknown stage {s:?}; expected upstream, midstream or downstream"
                            ),
                        ));
                        None
                    }
                })
                .collect();
            let mut need = |what: &str, ok: bool| {
                if !ok {
                    problems.push(at(ri, format!("kind {:?} needs {what}", r.kind)));
                }
                ok
            };
            let requirement = match r.kind.as_str() {
                "min_members" => need("min", r.min.is_some()).then(|| Requirement::MinMembers {
                    min: r.min.unwrap(),
                }),
                "min_members_of_type" => (need("min", r.min.is_some())
                    & need("types", !r.types.is_empty()))
                .then(|| Requirement::MinMembersOfType {
                    types: types.clone(),
                    min: r.min.unwrap(),
                }),
                "lead_type" => need("types", !r.types.is_empty()).then(|| Requirement::LeadType {
                    types: types.clone(),
                }),
                "min_regions_among" => (need("min", r.min.is_some())
                    & need("regions", !r.regions.is_empty()))
                .then(|| Requirement::MinRegionsAmong {
                    regions: r.regions.clone(),
                    min: r.min.unwrap(),
                }),
                "stages_covered" => (need("types", !r.types.is_empty())
                    & need("stages", !r.stages.is_empty()))
                .then(|| Requirement::StagesCovered {
                    types: types.clone(),
                    stages: stages.clone(),
                }),
                other => {
                    problems.push(at(
                        ri,
                        format!("unknown kind {other:?}; expected min_members, min_members_of_type, lead_type, min_regions_among or stages_covered"),
                    ));
                    None
                }
            };
            if let Some(requirement) = requirement {
                rules.push(Rule {
                    id: r.id.clone(),
                    description: r.description.clone(),
                    requirement,
                });
            }
        }
        let mut units = set.units.clone();
        units.sort();
        units.dedup();
        sets.push(RuleSet {
            program: set.program,
            title: set.title,
            units,
            rules,
        });
    }
    if problems.is_empty() {
        Ok(sets)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_parse() {
        let sets = defaults();
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0].program, "xiamen");
        assert_eq!(
            sets[0].rules[0].requirement,
            Requirement::MinMembers { min: 7 }
        );
        assert_eq!(sets[1].units, vec![Unit::Consortium, Unit::Project]);
    }

    #[test]
    fn every_problem_is_reported() {
        let text =
            "[[ruleset]]\nprogram = \"x\"\n[[ruleset.rule]]\nid = \"a\"\nkind = \"min_members\"\n\
                    [[ruleset.rule]]\nid = \"a\"\nkind = \"lead_type\"\ntypes = [\"firm\"]\n\
                    [[ruleset.rule]]\nid = \"c\"\nkind = \"nope\"\n";
        let problems = parse(text, "r.toml").unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].ends_with("kind \"min_members\" needs min"));
        assert!(messages[1].contains("duplicate rule id \"a\""));
        assert!(messages[2].contains("unknown type \"firm\""));
        assert!(messages[3].contains("unknown kind \"nope\""));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let problems = parse(
            "[[ruleset]]\nprogram = \"x\"\nunits = [\"team\"]\n",
            "r.toml",
        )
        .unwrap_err();
        assert_eq!(problems[0].line, Some(3));
    }
}
