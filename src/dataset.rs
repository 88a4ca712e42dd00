//! The validated dataset: what the ingest stage hands to the network stage.
//!
//! Every reference is already resolved to an index, so later stages never look ids up and
//! never meet a dangling reference. Entities are sorted by their id in code-point (byte)
//! order, so index order is output order. This module knows nothing about CSV or files.

use std::collections::BTreeMap;

use crate::error::Problem;

pub mod as_of;
pub mod regions;

/// Kind of organisation (`organizations.csv` column `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OrgType {
    /// A firm (企业).
    Enterprise,
    /// A university (高校).
    University,
    /// A research institute (科研院所).
    Institute,
    /// A platform: innovation centre, lab, incubator (平台).
    Platform,
    /// A government body.
    Government,
    /// A hospital.
    Hospital,
    /// Anything else.
    Other,
}

impl OrgType {
    /// All values, in the contract's order.
    pub const ALL: [OrgType; 7] = [
        OrgType::Enterprise,
        OrgType::University,
        OrgType::Institute,
        OrgType::Platform,
        OrgType::Government,
        OrgType::Hospital,
        OrgType::Other,
    ];

    /// The value as written in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgType::Enterprise => "enterprise",
            OrgType::University => "university",
            OrgType::Institute => "institute",
            OrgType::Platform => "platform",
            OrgType::Government => "government",
            OrgType::Hospital => "hospital",
            OrgType::Other => "other",
        }
    }
}

/// Organisation model of a consortium (`consortia.csv` column `model`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// 市场驱动型.
    Market,
    /// 平台支撑型.
    Platform,
    /// 战略引领型.
    Strategic,
    /// Any other model.
    Other,
}

impl Model {
    /// All values, in the contract's order.
    pub const ALL: [Model; 4] = [
        Model::Market,
        Model::Platform,
        Model::Strategic,
        Model::Other,
    ];

    /// The value as written in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Model::Market => "market",
            Model::Platform => "platform",
            Model::Strategic => "strategic",
            Model::Other => "other",
        }
    }
}

/// Layer of a consortium member (`memberships.csv` column `role`). Ordered weakest first,
/// so that merging duplicate rows keeps the strongest role with `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 一般协作层 (the default when the cell is empty).
    General,
    /// 紧密合作层.
    Core,
    /// 牵头单位.
    Lead,
}

impl Role {
    /// All values, in the contract's order.
    pub const ALL: [Role; 3] = [Role::Lead, Role::Core, Role::General];

    /// The value as written in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::General => "general",
            Role::Core => "core",
            Role::Lead => "lead",
        }
    }
}

/// Role in a joint project (`project_members.csv` column `role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProjectRole {
    /// Participant (the default when the cell is empty).
    Participant,
    /// Lead undertaker.
    Lead,
}

impl ProjectRole {
    /// All values, in the contract's order.
    pub const ALL: [ProjectRole; 2] = [ProjectRole::Lead, ProjectRole::Participant];

    /// The value as written in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectRole::Participant => "participant",
            ProjectRole::Lead => "lead",
        }
    }
}

/// Position of a segment along its chain (`chains.csv` column `stage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Materials, equipment, core components.
    Upstream,
    /// Manufacturing, integration.
    Midstream,
    /// Applications, services, end markets.
    Downstream,
}

impl Stage {
    /// All values, upstream first.
    pub const ALL: [Stage; 3] = [Stage::Upstream, Stage::Midstream, Stage::Downstream];

    /// The value as written in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Upstream => "upstream",
            Stage::Midstream => "midstream",
            Stage::Downstream => "downstream",
        }
    }
}

/// A date given as YYYY, YYYY-MM or YYYY-MM-DD; the missing parts stay missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// Calendar year.
    pub year: i32,
    /// Month 1–12, if given.
    pub month: Option<u8>,
    /// Day of month, if given (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Whether `self` is later than `other` at the precision both give: `2023` is after
    /// `2022-12`, but `2022-05` is not after `2022` (both may be the same day).
    pub fn is_after(self, other: PartialDate) -> bool {
        let parts = |d: PartialDate| {
            [
                Some(d.year as i64),
                d.month.map(i64::from),
                d.day.map(i64::from),
            ]
        };
        for (a, b) in parts(self).into_iter().zip(parts(other)) {
            match (a, b) {
                (Some(a), Some(b)) if a != b => return a > b,
                (Some(_), Some(_)) => {}
                _ => return false,
            }
        }
        false
    }
}

/// As the contract writes it: YYYY, YYYY-MM or YYYY-MM-DD.
impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// An organisation: a node of the projection.
#[derive(Debug, Clone)]
pub struct Organization {
    /// `org_id`, unique.
    pub id: String,
    /// Name as given (usually Chinese).
    pub name: String,
    /// Kind of organisation.
    pub org_type: OrgType,
    /// Province (or country for foreign organisations): a Chinese province-level unit in its
    /// short form ([`regions::province`]), anything else as given.
    pub province: String,
    /// City, with a trailing 市 dropped ([`regions::city`]).
    pub city: String,
    /// English name, when the data has one.
    pub name_en: Option<String>,
    /// Tags (listed, srdi, little-giant, soe, foreign, leader, …), as given.
    pub tags: Vec<String>,
    /// Chain segments the organisation works in (indices into [`Dataset::segments`]),
    /// unknown segment ids dropped with a warning; sorted, distinct.
    pub segments: Vec<u32>,
}

/// A consortium (创新联合体): a collaboration with a lead, a programme and maybe a chain.
#[derive(Debug, Clone)]
pub struct Consortium {
    /// `consortium_id`, unique.
    pub id: String,
    /// Name as given.
    pub name: String,
    /// Programme it belongs to (suzhou, xiamen, yrd, soe, …), as given.
    pub program: String,
    /// The lead organisation named in `lead_org_id` (index into organisations).
    pub lead: u32,
    /// Province of the consortium, if given (short form, as for organisations).
    pub province: Option<String>,
    /// City of the consortium, if given (as for organisations).
    pub city: Option<String>,
    /// Organisation model, if given.
    pub model: Option<Model>,
    /// The industry chain it serves (index into [`Dataset::chains`]).
    pub chain: Option<u32>,
    /// Founding date.
    pub founded: Option<PartialDate>,
    /// Members the sources state it has, lead included (`members_stated`), when they give
    /// a number; more than the memberships listed means the record is partial.
    pub members_stated: Option<u32>,
}

/// One organisation's membership of one consortium (duplicates already merged).
#[derive(Debug, Clone)]
pub struct Membership {
    /// Consortium index.
    pub consortium: u32,
    /// Organisation index.
    pub org: u32,
    /// Layer; the strongest of merged duplicate rows; `Lead` for added leads.
    pub role: Role,
    /// Date joined: the earliest given by merged rows (absent when none gives one); an
    /// added lead's is the consortium's `founded`.
    pub joined: Option<PartialDate>,
    /// Date left: the latest of merged rows, absent when any of them gives none (still a
    /// member).
    pub left: Option<PartialDate>,
}

/// A joint R&D project: a collaboration of its own, possibly inside a consortium.
#[derive(Debug, Clone)]
pub struct Project {
    /// `project_id`, unique.
    pub id: String,
    /// Title as given.
    pub title: String,
    /// Programme as given in the file (see [`Project::effective_program`]).
    pub program: Option<String>,
    /// Consortium the project belongs to.
    pub consortium: Option<u32>,
    /// Chain (index), if given and known.
    pub chain: Option<u32>,
    /// Segment (index), if given and known.
    pub segment: Option<u32>,
    /// Start date.
    pub start: Option<PartialDate>,
    /// End date.
    pub end: Option<PartialDate>,
    /// Funding in 10k CNY (万元).
    pub funding: Option<f64>,
}

/// One organisation's participation in one project (duplicates merged).
#[derive(Debug, Clone)]
pub struct ProjectMember {
    /// Project index.
    pub project: u32,
    /// Organisation index.
    pub org: u32,
    /// Role; the strongest of merged rows.
    pub role: ProjectRole,
}

/// An industry chain: an ordered set of segments.
#[derive(Debug, Clone)]
pub struct Chain {
    /// `chain_id`.
    pub id: String,
    /// `chain_name`, the first one given for the chain.
    pub name: Option<String>,
    /// Its segments (indices into [`Dataset::segments`]), sorted by segment id.
    pub segments: Vec<u32>,
}

/// One link of an industry chain (产业链环节).
#[derive(Debug, Clone)]
pub struct ChainSegment {
    /// `segment_id`, unique across all chains.
    pub id: String,
    /// Chain index.
    pub chain: u32,
    /// Segment name.
    pub name: String,
    /// Upstream, midstream or downstream.
    pub stage: Stage,
    /// A key (卡脖子) link; an empty cell means false.
    pub critical: bool,
}

/// How a file was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    /// Valid UTF-8, no BOM.
    #[serde(rename = "utf-8")]
    Utf8,
    /// Valid UTF-8 after a byte-order mark.
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// Not UTF-8; decoded as GB18030 (a superset of GBK).
    #[serde(rename = "gb18030")]
    Gb18030,
}

/// A validated dataset. All vectors are sorted by id; memberships by (consortium, org),
/// project members by (project, org).
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Organisations, sorted by `org_id`.
    pub organizations: Vec<Organization>,
    /// Consortia, sorted by `consortium_id`.
    pub consortia: Vec<Consortium>,
    /// Distinct (consortium, org) memberships, leads added.
    pub memberships: Vec<Membership>,
    /// Projects, sorted by `project_id`.
    pub projects: Vec<Project>,
    /// Distinct (project, org) participations.
    pub project_members: Vec<ProjectMember>,
    /// Chains, sorted by `chain_id`.
    pub chains: Vec<Chain>,
    /// Segments, sorted by `segment_id`.
    pub segments: Vec<ChainSegment>,
    /// How each file present was decoded, by file name.
    pub encodings: BTreeMap<String, Encoding>,
    /// Size in bytes and FNV-1a 64 checksum of each file read (CSV files and workbooks),
    /// by file name.
    pub fingerprints: BTreeMap<String, (u64, u64)>,
    /// For each table whose headers were not all contract names: where it was read from
    /// (`organizations.csv`, `data.xlsx [organizations]`) and each such header with the
    /// column it was read as, in contract order.
    pub header_mappings: Vec<(String, Vec<(String, String)>)>,
    /// Warnings raised while loading (the run goes on), and an analysis's own (the yearly
    /// panel's).
    pub warnings: Vec<Problem>,
}

impl Project {
    /// The programme the project counts for: its own `program`, else its consortium's.
    pub fn effective_program<'a>(&'a self, consortia: &'a [Consortium]) -> Option<&'a str> {
        self.program.as_deref().or_else(|| {
            self.consortium
                .map(|c| consortia[c as usize].program.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::PartialDate;

    fn d(s: &str) -> PartialDate {
        let p: Vec<u8> = s.split('-').skip(1).map(|x| x.parse().unwrap()).collect();
        PartialDate {
            year: s[..4].parse().unwrap(),
            month: p.first().copied(),
            day: p.get(1).copied(),
        }
    }

    #[test]
    fn after_at_the_precision_both_give() {
        assert!(d("2023").is_after(d("2022-12-31")));
        assert!(d("2022-06").is_after(d("2022-05-31")));
        assert!(d("2022-05-02").is_after(d("2022-05-01")));
        // The same year (or month) at two precisions may be the same day.
        assert!(!d("2022-05").is_after(d("2022")));
        assert!(!d("2022").is_after(d("2022-05")));
        assert!(!d("2022-05-09").is_after(d("2022-05")));
        assert!(!d("2022-05-01").is_after(d("2022-05-01")));
        assert_eq!(d("2022-05-09").to_string(), "2022-05-09");
        assert_eq!(d("2022-05").to_string(), "2022-05");
        assert_eq!(d("2022").to_string(), "2022");
    }
}
