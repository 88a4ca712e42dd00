//! Evolution: the yearly panel of `tables/evolution.csv` — for the whole dataset (`*`) and
//! each programme, every year from the earliest to the latest in the data, the network as
//! it stood at the end of that year.
//!
//! The counts that need no graph (active consortia, memberships, participations, entries
//! and exits) come from [`panel`] (on polars data frames in `frames.rs` with the
//! `parquet` feature, in plain Rust without it: the same panel); the rest is v1's programme figures on each year's
//! network: the dataset cut to the year ([`Dataset::cut`]), its [`Network`], and the
//! programme scope, induced ties, density and chain coverage of
//! [`crate::metrics::programs`] and [`crate::metrics::chains`] — the same code as the
//! full analysis, so a year's row and `analyze --as-of YEAR`'s programme row agree.
//! Knows nothing of files.

#[cfg(feature = "parquet")]
pub mod frames;
pub mod panel;

use rayon::prelude::*;

use crate::config::RegionLevel;
use crate::dataset::Dataset;
use crate::error::Problem;
use crate::metrics::chains;
use crate::metrics::programs::{self, density, mean, share};
use crate::metrics::regions::Regions;
use crate::network::Network;
use panel::{Counts, Panel};

/// The group of the whole dataset in `evolution.csv`.
pub const ALL: &str = "*";

/// One row of `evolution.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct EvolutionRow {
    /// Programme, or [`ALL`].
    pub program: String,
    /// Calendar year; the row is the network at its end.
    pub year: i32,
    /// Counts of the panel (consortia, memberships, entries, exits, projects, …).
    pub counts: Counts,
    /// Organisations with a membership or participation counting in the group that year.
    pub organizations: u64,
    /// Ties among those organisations in that year's projection.
    pub ties: u64,
    /// Of which between two regions.
    pub cross_region_ties: u64,
    /// cross_region_ties / ties; `None` without ties.
    pub cross_region_tie_share: Option<f64>,
    /// ties / (k(k−1)/2), k = organizations; `None` when k < 2.
    pub density: Option<f64>,
    /// Mean chain coverage (by that year's members) over the group's consortia active
    /// that year that have a chain; `None` when none has.
    pub mean_chain_coverage: Option<f64>,
    /// Organisations in the largest connected component among them (0 when none).
    pub largest_component: u64,
}

/// Members per year of a consortium that grew (for the growth figure and the report).
#[derive(Debug, Clone, PartialEq)]
pub struct ConsortiumGrowth {
    /// `consortium_id`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Programme.
    pub program: String,
    /// Members counting at the end of each year of the panel.
    pub members: Vec<u32>,
    /// Index of its first year active in the panel.
    pub first: usize,
}

/// The yearly panel of a dataset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evolution {
    /// The years, ascending (empty without dates).
    pub years: Vec<i32>,
    /// Programmes, sorted.
    pub programs: Vec<String>,
    /// Rows sorted by (program, year) in code-point order.
    pub rows: Vec<EvolutionRow>,
    /// The consortia that grew most from their first active year to the last year of the
    /// panel, most first (ties by id); at most [`GROWTH_SHOWN`].
    pub growth: Vec<ConsortiumGrowth>,
    /// What the reader should know: no dates, a cut-off before the first date.
    pub warnings: Vec<Problem>,
}

/// Consortia listed in [`Evolution::growth`].
pub const GROWTH_SHOWN: usize = 6;

impl Evolution {
    /// The rows of one group (`*` or a programme), by year.
    pub fn group(&self, program: &str) -> &[EvolutionRow] {
        let from = self.rows.partition_point(|r| r.program.as_str() < program);
        let to = self.rows.partition_point(|r| r.program.as_str() <= program);
        &self.rows[from..to]
    }
}

/// The yearly panel of `ds` with regions at `level`, through the end of `through` when
/// given (`analyze --as-of`: the history up to that year).
pub fn compute(ds: &Dataset, level: RegionLevel, through: Option<i32>) -> Evolution {
    let panel = counts(ds, through);
    let mut warnings = Vec::new();
    match (ds.years(), through) {
        (None, _) => warnings.push(Problem::in_file(
            "dataset",
            "no dates in founded, joined, left, start or end: no yearly panel \
             (tables/evolution.csv has its header only)",
        )),
        (Some((first, _)), Some(t)) if t < first => warnings.push(Problem::in_file(
            "dataset",
            format!(
                "--as-of {t} is before the earliest date in the data ({first}): the network holds \
                 only memberships and projects without dates"
            ),
        )),
        _ => {}
    }
    let per_year: Vec<Vec<Graph>> = panel
        .years
        .par_iter()
        .enumerate()
        .map(|(yi, &y)| year_figures(ds, &panel, yi, y, level))
        .collect();
    let mut rows = Vec::new();
    for (g, counts) in panel.counts.iter().enumerate() {
        let program = if g == 0 { ALL } else { &panel.programs[g - 1] };
        for (yi, &year) in panel.years.iter().enumerate() {
            let f = &per_year[yi][g];
            rows.push(EvolutionRow {
                program: program.to_string(),
                year,
                counts: counts[yi],
                organizations: f.organizations,
                ties: f.ties,
                cross_region_ties: f.cross,
                cross_region_tie_share: share(f.cross, f.ties),
                density: density(f.ties, f.organizations),
                mean_chain_coverage: f.coverage,
                largest_component: f.largest,
            });
        }
    }
    // Code-point order of (program, year): `*` sorts before most names, not all.
    rows.sort_by(|a, b| (a.program.as_str(), a.year).cmp(&(b.program.as_str(), b.year)));
    Evolution {
        growth: growth(ds, &panel),
        years: panel.years,
        programs: panel.programs,
        rows,
        warnings,
    }
}

/// The panel's counts: on polars data frames with the `parquet` feature, in plain Rust
/// without it; the same [`Panel`] either way.
fn counts(ds: &Dataset, through: Option<i32>) -> Panel {
    #[cfg(feature = "parquet")]
    return frames::panel(ds, through).expect("the panel's frames are built here, well-formed");
    #[cfg(not(feature = "parquet"))]
    return Panel::build(ds, through);
}

/// The graph figures of one group in one year.
#[derive(Debug, Clone, Copy, Default)]
struct Graph {
    organizations: u64,
    ties: u64,
    cross: u64,
    coverage: Option<f64>,
    largest: u64,
}

/// The graph figures of every group (`*`, then the panel's programmes) in year `y`.
fn year_figures(ds: &Dataset, panel: &Panel, yi: usize, y: i32, level: RegionLevel) -> Vec<Graph> {
    let cut = ds.cut(y);
    let d = &cut.dataset;
    let net = Network::without_projection(d);
    let regions = Regions::of(d, level);
    let (_, coverage) = chains::coverage(d, &net);
    // Chain coverage of the consortia active this year, by group.
    let mut with_chain: Vec<Vec<f64>> = vec![Vec::new(); panel.programs.len() + 1];
    for (ci, &full) in cut.consortia.iter().enumerate() {
        if !panel.active[yi][full as usize] {
            continue;
        }
        if let Some(c) = coverage[ci].chain {
            let g = 1 + panel
                .programs
                .binary_search(&d.consortia[ci].program)
                .expect("listed");
            with_chain[0].push(c);
            with_chain[g].push(c);
        }
    }
    let figures = |orgs: &[u32], g: usize| {
        let mut inside = vec![false; d.organizations.len()];
        for &o in orgs {
            inside[o as usize] = true;
        }
        let (ties, cross) = programs::induced_ties(&net, &regions, &inside);
        Graph {
            organizations: orgs.len() as u64,
            ties,
            cross,
            coverage: mean(&with_chain[g]),
            largest: net.largest_component_among(&inside) as u64,
        }
    };
    let active: Vec<u32> = (0..d.organizations.len() as u32)
        .filter(|&u| !net.org_collaborations.row(u as usize).is_empty())
        .collect();
    let mut out = vec![figures(&active, 0)];
    let scopes = programs::scopes(d, &net);
    for (g, program) in panel.programs.iter().enumerate() {
        out.push(match scopes.iter().find(|s| s.program == program) {
            Some(s) => figures(&s.organizations, g + 1),
            None => Graph::default(), // nothing of it active yet
        });
    }
    out
}

/// The consortia that grew most, from their first active year to the panel's last.
fn growth(ds: &Dataset, panel: &Panel) -> Vec<ConsortiumGrowth> {
    let Some(last) = panel.years.len().checked_sub(1) else {
        return Vec::new();
    };
    let mut grown: Vec<(i64, usize, usize)> = (0..ds.consortia.len())
        .filter_map(|ci| {
            let first = (0..panel.years.len()).find(|&yi| panel.active[yi][ci])?;
            let m = &panel.members[ci];
            let gain = m[last] as i64 - m[first] as i64;
            (gain > 0).then_some((gain, ci, first))
        })
        .collect();
    grown.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(ds.consortia[a.1].id.cmp(&ds.consortia[b.1].id))
    });
    grown
        .into_iter()
        .take(GROWTH_SHOWN)
        .map(|(_, ci, first)| {
            let c = &ds.consortia[ci];
            ConsortiumGrowth {
                id: c.id.clone(),
                name: c.name.clone(),
                program: c.program.clone(),
                members: panel.members[ci].clone(),
                first,
            }
        })
        .collect()
}
