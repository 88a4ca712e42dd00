//! The yearly panel's tabular side: for each group (the whole dataset `*`, then each
//! programme) and each year, the counts of active consortia, memberships and project
//! participations, and of the memberships and participations that start or end — the
//! group-bys of `evolution.csv` that need no graph.
//!
//! [`Panel::build`] is written with plain vectors indexed by (group, year), built in one
//! pass over the memberships and participations per year: the build without polars, and
//! the oracle of the data-frame build in `frames.rs` (the `parquet` feature), which must
//! give the same [`Panel`]. The graph side (ties, components, coverage) is in [`super`],
//! on each year's network. Activity rules are the data model's
//! ([`crate::dataset::as_of`]).

use crate::dataset::Dataset;

/// Counts of one group in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Consortia active at the end of the year.
    pub consortia: u64,
    /// Memberships counting at the end of the year.
    pub memberships: u64,
    /// Memberships counting this year but not the year before.
    pub new_memberships: u64,
    /// Memberships counting the year before but not this year.
    pub ended_memberships: u64,
    /// Projects active this year.
    pub projects: u64,
    /// Participations in projects active this year.
    pub participations: u64,
    /// Participations active this year but not the year before.
    pub new_participations: u64,
    /// Participations active the year before but not this year.
    pub ended_participations: u64,
}

/// The panel: years, groups and the counts of each (group, year).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Panel {
    /// Every year from the earliest to the latest in the data (through the cut-off when
    /// one is given), ascending; empty when the data has no date.
    pub years: Vec<i32>,
    /// Programmes (from consortia and projects), sorted; group `g + 1` is `programs[g]`,
    /// group 0 the whole dataset.
    pub programs: Vec<String>,
    /// `counts[group][year index]`.
    pub counts: Vec<Vec<Counts>>,
    /// `active[year index][consortium]`: the consortium is active at the end of the year.
    pub active: Vec<Vec<bool>>,
    /// `members[consortium][year index]`: its memberships counting that year.
    pub members: Vec<Vec<u32>>,
}

impl Panel {
    /// The programmes of `ds` (of its consortia and, through their effective programme,
    /// its projects), sorted, each once: group `g + 1` of the panel is the `g`-th.
    pub fn programs(ds: &Dataset) -> Vec<&str> {
        let mut programs: Vec<&str> = ds
            .consortia
            .iter()
            .map(|c| c.program.as_str())
            .chain(
                ds.projects
                    .iter()
                    .filter_map(|p| p.effective_program(&ds.consortia)),
            )
            .collect();
        programs.sort_unstable();
        programs.dedup();
        programs
    }

    /// Every year from the earliest to the latest in `ds` (through `through` when given),
    /// ascending; empty when it has no date.
    pub fn years(ds: &Dataset, through: Option<i32>) -> Vec<i32> {
        match ds.years() {
            Some((first, last)) => (first..=through.map_or(last, |t| last.min(t))).collect(),
            None => Vec::new(),
        }
    }

    /// The panel of `ds` for every year of its dates, through `through` when given, in
    /// plain Rust.
    pub fn build(ds: &Dataset, through: Option<i32>) -> Panel {
        let programs = Panel::programs(ds);
        let group_of = |program: &str| 1 + programs.binary_search(&program).expect("listed");
        let years = Panel::years(ds, through);
        let nc = ds.consortia.len();
        let mut counts = vec![vec![Counts::default(); years.len()]; programs.len() + 1];
        let mut active = vec![vec![false; nc]; years.len()];
        let mut members = vec![vec![0u32; years.len()]; nc];
        let consortium_group: Vec<usize> =
            ds.consortia.iter().map(|c| group_of(&c.program)).collect();
        let project_group: Vec<Option<usize>> = ds
            .projects
            .iter()
            .map(|p| p.effective_program(&ds.consortia).map(group_of))
            .collect();
        // Adds one to the whole dataset's count and to the group's, if any.
        let mut add = |group: Option<usize>, yi: usize, field: fn(&mut Counts) -> &mut u64| {
            *field(&mut counts[0][yi]) += 1;
            if let Some(g) = group {
                *field(&mut counts[g][yi]) += 1;
            }
        };
        for (yi, &y) in years.iter().enumerate() {
            let mut has_member = vec![false; nc];
            for m in &ds.memberships {
                let ci = m.consortium as usize;
                let founded = ds.consortia[ci].founded;
                let (now, before) = (m.counts_in(founded, y), m.counts_in(founded, y - 1));
                let g = Some(consortium_group[ci]);
                if now {
                    has_member[ci] = true;
                    members[ci][yi] += 1;
                    add(g, yi, |c| &mut c.memberships);
                }
                if now && !before {
                    add(g, yi, |c| &mut c.new_memberships);
                }
                if before && !now {
                    add(g, yi, |c| &mut c.ended_memberships);
                }
            }
            for ci in 0..nc {
                if ds.consortium_active_in(ci, y, has_member[ci]) {
                    active[yi][ci] = true;
                    add(Some(consortium_group[ci]), yi, |c| &mut c.consortia);
                }
            }
            let project_now: Vec<bool> = ds.projects.iter().map(|p| p.active_in(y)).collect();
            let project_before: Vec<bool> =
                ds.projects.iter().map(|p| p.active_in(y - 1)).collect();
            for (pi, &now) in project_now.iter().enumerate() {
                if now {
                    add(project_group[pi], yi, |c| &mut c.projects);
                }
            }
            for pm in &ds.project_members {
                let pi = pm.project as usize;
                let (now, before) = (project_now[pi], project_before[pi]);
                let g = project_group[pi];
                if now {
                    add(g, yi, |c| &mut c.participations);
                }
                if now && !before {
                    add(g, yi, |c| &mut c.new_participations);
                }
                if before && !now {
                    add(g, yi, |c| &mut c.ended_participations);
                }
            }
        }
        Panel {
            years,
            programs: programs.into_iter().map(str::to_string).collect(),
            counts,
            active,
            members,
        }
    }
}
