//! As of a year: what was active at the end of a calendar year, and the dataset cut down
//! to it — the network "as it stood at the end of YEAR".
//!
//! The activity rules of the contract's yearly panel (SCHEMA v2, `evolution.csv`) are
//! written here once, on the data model: [`Membership::counts_in`], [`Project::active_in`],
//! [`Dataset::consortium_active_in`]. The yearly panel (`metrics::evolution`) counts with
//! them and builds each year's network from [`Dataset::cut`]; `analyze --as-of` runs the
//! whole analysis on [`Dataset::as_of`]. Cutting is a validated dataset → validated
//! dataset step (references re-resolved, order kept), so it sits with the model, between
//! ingest and the network, and every later stage reads the cut dataset as if it had been
//! loaded that way. Dates are compared by their year only. Knows nothing about files or
//! graphs.

use super::{Dataset, Membership, PartialDate, Project};

impl Membership {
    /// Whether the membership counts at the end of `year`: joined ≤ year (an absent
    /// `joined` is the consortium's `founded`; both absent: always) and not left ≤ year.
    pub fn counts_in(&self, founded: Option<PartialDate>, year: i32) -> bool {
        let (from, until) = self.years(founded);
        from.is_none_or(|f| f <= year) && until.is_none_or(|u| year < u)
    }

    /// The years it counts in, as a half-open range `[from, until)`; `None` = unbounded.
    pub fn years(&self, founded: Option<PartialDate>) -> (Option<i32>, Option<i32>) {
        (
            self.joined.or(founded).map(|d| d.year),
            self.left.map(|d| d.year),
        )
    }
}

impl Project {
    /// Whether the project (and so each participation in it) is active at the end of
    /// `year`: start ≤ year (absent: always) and not end < year — a project counts in the
    /// year it ends.
    pub fn active_in(&self, year: i32) -> bool {
        let (from, until) = self.years();
        from.is_none_or(|f| f <= year) && until.is_none_or(|u| year < u)
    }

    /// The years it is active in, as a half-open range `[from, until)`; `None` = unbounded.
    pub fn years(&self) -> (Option<i32>, Option<i32>) {
        (self.start.map(|d| d.year), self.end.map(|d| d.year + 1))
    }
}

/// A dataset cut to the end of a year, with where each kept entity came from.
#[derive(Debug, Clone)]
pub struct Cut {
    /// The dataset as of the year.
    pub dataset: Dataset,
    /// For each kept organisation, its index in the full dataset.
    pub organizations: Vec<u32>,
    /// For each kept consortium, its index in the full dataset.
    pub consortia: Vec<u32>,
    /// For each kept project, its index in the full dataset.
    pub projects: Vec<u32>,
}

impl Dataset {
    /// The earliest and latest year of any date in the data (`founded`, `joined`, `left`,
    /// `start`, `end`); `None` when there is no date at all.
    pub fn years(&self) -> Option<(i32, i32)> {
        let dates = self
            .consortia
            .iter()
            .map(|c| c.founded)
            .chain(self.memberships.iter().flat_map(|m| [m.joined, m.left]))
            .chain(self.projects.iter().flat_map(|p| [p.start, p.end]))
            .flatten()
            .map(|d| d.year);
        dates.fold(None, |acc, y| match acc {
            None => Some((y, y)),
            Some((a, b)) => Some((a.min(y), b.max(y))),
        })
    }

    /// Whether consortium `ci` is active at the end of `year`: founded ≤ year, or no
    /// `founded` and `has_member` (some membership of it counts in `year`).
    pub fn consortium_active_in(&self, ci: usize, year: i32, has_member: bool) -> bool {
        self.consortia[ci]
            .founded
            .map_or(has_member, |f| f.year <= year)
    }

    /// The dataset as of the end of `year` (see [`Dataset::cut`]).
    pub fn as_of(&self, year: i32) -> Dataset {
        self.cut(year).dataset
    }

    /// The dataset as of the end of `year`:
    /// - memberships that count in `year` ([`Membership::counts_in`]);
    /// - projects active in `year` ([`Project::active_in`]) with all their participations;
    /// - consortia active in `year` ([`Dataset::consortium_active_in`]), and any other
    ///   consortium a kept membership or project belongs to (members listed as joining
    ///   before the consortium's `founded` year keep it in that year's network);
    /// - organisations with a kept membership or participation, those with no membership
    ///   or participation at all (undated isolates are always there, as in the full
    ///   network), and the lead (`lead_org_id`) of every kept consortium;
    /// - chains, segments, encodings, fingerprints, header mappings and warnings as they are.
    ///
    /// Dates stay as given. Order is kept, so every list stays sorted by id. On a dataset
    /// whose dates all lie at or before `year`, with no `left` and no `end`, the cut is the
    /// dataset itself.
    pub fn cut(&self, year: i32) -> Cut {
        let (n, nc, np) = (
            self.organizations.len(),
            self.consortia.len(),
            self.projects.len(),
        );
        let counting: Vec<bool> = self
            .memberships
            .iter()
            .map(|m| m.counts_in(self.consortia[m.consortium as usize].founded, year))
            .collect();
        let kept_project: Vec<bool> = self.projects.iter().map(|p| p.active_in(year)).collect();
        let mut has_member = vec![false; nc];
        let mut keep_org = vec![false; n];
        let mut collaborates = vec![false; n];
        for (m, &c) in self.memberships.iter().zip(&counting) {
            collaborates[m.org as usize] = true;
            if c {
                has_member[m.consortium as usize] = true;
                keep_org[m.org as usize] = true;
            }
        }
        for pm in &self.project_members {
            collaborates[pm.org as usize] = true;
            if kept_project[pm.project as usize] {
                keep_org[pm.org as usize] = true;
            }
        }
        let mut keep_consortium: Vec<bool> = (0..nc)
            .map(|ci| has_member[ci] || self.consortium_active_in(ci, year, has_member[ci]))
            .collect();
        for (p, &kept) in self.projects.iter().zip(&kept_project) {
            if let (true, Some(c)) = (kept, p.consortium) {
                keep_consortium[c as usize] = true;
            }
        }
        for (ci, c) in self.consortia.iter().enumerate() {
            if keep_consortium[ci] {
                keep_org[c.lead as usize] = true;
            }
        }
        for o in 0..n {
            keep_org[o] |= !collaborates[o];
        }
        let organizations = kept(&keep_org);
        let consortia = kept(&keep_consortium);
        let projects = kept(&kept_project);
        let (org_at, cons_at, proj_at) = (
            new_index(&organizations, n),
            new_index(&consortia, nc),
            new_index(&projects, np),
        );
        let ds = Dataset {
            organizations: organizations
                .iter()
                .map(|&o| self.organizations[o as usize].clone())
                .collect(),
            consortia: consortia
                .iter()
                .map(|&c| {
                    let mut c = self.consortia[c as usize].clone();
                    c.lead = org_at[c.lead as usize];
                    c
                })
                .collect(),
            memberships: self
                .memberships
                .iter()
                .zip(&counting)
                .filter(|(_, &c)| c)
                .map(|(m, _)| Membership {
                    consortium: cons_at[m.consortium as usize],
                    org: org_at[m.org as usize],
                    ..m.clone()
                })
                .collect(),
            projects: projects
                .iter()
                .map(|&p| {
                    let mut p = self.projects[p as usize].clone();
                    p.consortium = p.consortium.map(|c| cons_at[c as usize]);
                    p
                })
                .collect(),
            project_members: self
                .project_members
                .iter()
                .filter(|pm| kept_project[pm.project as usize])
                .map(|pm| super::ProjectMember {
                    project: proj_at[pm.project as usize],
                    org: org_at[pm.org as usize],
                    role: pm.role,
                })
                .collect(),
            chains: self.chains.clone(),
            segments: self.segments.clone(),
            encodings: self.encodings.clone(),
            fingerprints: self.fingerprints.clone(),
            header_mappings: self.header_mappings.clone(),
            warnings: self.warnings.clone(),
        };
        Cut {
            dataset: ds,
            organizations,
            consortia,
            projects,
        }
    }
}

/// Indices of the `true` entries.
fn kept(keep: &[bool]) -> Vec<u32> {
    (0..keep.len() as u32)
        .filter(|&i| keep[i as usize])
        .collect()
}

/// Full index → index among the kept (`u32::MAX` for the dropped).
fn new_index(kept: &[u32], len: usize) -> Vec<u32> {
    let mut at = vec![u32::MAX; len];
    for (new, &old) in kept.iter().enumerate() {
        at[old as usize] = new as u32;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Consortium, OrgType, Organization, ProjectMember, ProjectRole, Role};

    fn y(year: i32) -> Option<PartialDate> {
        Some(PartialDate {
            year,
            month: None,
            day: None,
        })
    }

    fn org(id: &str) -> Organization {
        Organization {
            id: id.into(),
            name: id.into(),
            org_type: OrgType::Enterprise,
            province: "江苏".into(),
            city: "苏州".into(),
            name_en: None,
            tags: Vec::new(),
            segments: Vec::new(),
        }
    }

    fn member(
        consortium: u32,
        org: u32,
        joined: Option<PartialDate>,
        left: Option<PartialDate>,
    ) -> Membership {
        Membership {
            consortium,
            org,
            role: Role::General,
            joined,
            left,
        }
    }

    /// Orgs a–e; consortium k1 (founded 2020, lead a) with b joining 2021 and leaving
    /// 2023; k2 (no founded date, lead c, c joins 2022); a project 2021–2022 of d and e.
    fn sample() -> Dataset {
        let consortium = |id: &str, lead, founded| Consortium {
            id: id.to_string(),
            name: id.to_string(),
            program: "p".into(),
            lead,
            province: None,
            city: None,
            model: None,
            chain: None,
            founded,
            members_stated: None,
        };
        Dataset {
            organizations: ["a", "b", "c", "d", "e", "f"].map(org).to_vec(),
            consortia: vec![consortium("k1", 0, y(2020)), consortium("k2", 2, None)],
            memberships: vec![
                member(0, 0, None, None),
                member(0, 1, y(2021), y(2023)),
                member(1, 2, y(2022), None),
            ],
            projects: vec![Project {
                id: "p1".into(),
                title: "p1".into(),
                program: Some("q".into()),
                consortium: None,
                chain: None,
                segment: None,
                start: y(2021),
                end: y(2022),
                funding: None,
            }],
            project_members: [3, 4]
                .map(|o| ProjectMember {
                    project: 0,
                    org: o,
                    role: ProjectRole::Participant,
                })
                .to_vec(),
            ..Dataset::default()
        }
    }

    #[test]
    fn activity_by_year() {
        let ds = sample();
        let m = &ds.memberships;
        // a: no joined, so from k1's founding (2020), never leaves.
        assert!(!m[0].counts_in(y(2020), 2019) && m[0].counts_in(y(2020), 2020));
        // b: 2021 and 2022; gone by the end of 2023, the year it left.
        let b: Vec<bool> = (2020..=2024).map(|t| m[1].counts_in(y(2020), t)).collect();
        assert_eq!(b, [false, true, true, false, false]);
        // The project counts in its last year.
        let p: Vec<bool> = (2020..=2023).map(|t| ds.projects[0].active_in(t)).collect();
        assert_eq!(p, [false, true, true, false]);
        // k2 has no founded date: active once a membership counts.
        assert!(!ds.consortium_active_in(1, 2021, false));
        assert!(ds.consortium_active_in(1, 2022, true));
        assert_eq!(ds.years(), Some((2020, 2023)));
        assert_eq!(Dataset::default().years(), None);
    }

    #[test]
    fn cut_keeps_what_was_active_and_reindexes() {
        let ds = sample();
        let ids = |c: &Cut| -> Vec<String> {
            c.dataset
                .organizations
                .iter()
                .map(|o| o.id.clone())
                .collect()
        };
        // 2020: k1 with a; f (never in anything) stays; b, c, d, e not yet.
        let c = ds.cut(2020);
        assert_eq!(ids(&c), ["a", "f"]);
        assert_eq!(c.consortia, [0]);
        assert!(c.dataset.projects.is_empty());
        // 2022: everything but b's leaving; k2 active through c's membership.
        let c = ds.cut(2022);
        assert_eq!(ids(&c), ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(c.dataset.memberships.len(), 3);
        assert_eq!(c.dataset.project_members.len(), 2);
        // 2023: b has left, the project ended; k2's lead c still there.
        let c = ds.cut(2023);
        assert_eq!(ids(&c), ["a", "c", "f"]);
        assert_eq!(c.organizations, [0, 2, 5]);
        assert_eq!(c.dataset.consortia[1].lead, 1, "c is index 1 of the cut");
        let m: Vec<(u32, u32)> = c
            .dataset
            .memberships
            .iter()
            .map(|m| (m.consortium, m.org))
            .collect();
        assert_eq!(m, [(0, 0), (1, 1)]);
    }
}
