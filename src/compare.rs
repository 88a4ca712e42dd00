//! `consortia compare`: programmes (or whole datasets) side by side.
//!
//! Datasets → [`crate::ingest`] → [`crate::network`] → the group indicators of
//! [`crate::metrics::groups`] → `comparison.csv`, comparison figures and a self-contained
//! `comparison.html`, written atomically like `analyze`.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::RegionLevel;
use crate::dataset::Dataset;
use crate::error::Error;
use crate::export::cell::opt_float;
use crate::export::tables::{Table, TextCells};
use crate::metrics::groups::{self, Bootstrap, DatasetContext, GroupIndicators, GroupScope};
use crate::metrics::regions::Regions;
use crate::metrics::{chains, consortia};
use crate::network::Network;

/// What a comparison groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// Each programme of each dataset.
    Program,
    /// Each dataset as a whole.
    Dataset,
}

/// Options of `consortia compare`.
#[derive(Debug, Clone)]
pub struct CompareConfig {
    /// Dataset folders, in the order given.
    pub datasets: Vec<PathBuf>,
    /// Output folder, replaced on success.
    pub out: PathBuf,
    /// Grouping.
    pub by: GroupBy,
    /// Bootstrap resamples and seed for the intervals.
    pub bootstrap: Bootstrap,
    /// Font file for the figures.
    pub font: Option<PathBuf>,
    /// Figure width in pixels.
    pub figure_width: u32,
}

/// One group's row of `comparison.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonRow {
    /// Label: the programme, `dataset/programme` when several datasets are compared by
    /// programme, or the dataset's name.
    pub group: String,
    /// Dataset name (its folder name, `#2`, `#3` added to repeats).
    pub dataset: String,
    /// Programme (empty for a whole dataset).
    pub program: Option<String>,
    /// The indicators.
    pub indicators: GroupIndicators,
}

/// What `compare` wrote.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The output folder.
    pub out: PathBuf,
    /// Files written, relative to `out`, sorted.
    pub files: Vec<String>,
    /// Groups compared.
    pub groups: usize,
}

/// Below this many consortia a group's means are flagged as resting on few cases.
pub const FEW_CONSORTIA: u64 = 5;

/// Names for the datasets: the folder name, repeats numbered.
pub fn dataset_names(paths: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in paths {
        let base = p
            .canonicalize()
            .ok()
            .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
            .or_else(|| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "dataset".to_string());
        let mut name = base.clone();
        let mut k = 2;
        while names.contains(&name) {
            name = format!("{base}#{k}");
            k += 1;
        }
        names.push(name);
    }
    names
}

/// The rows of one dataset.
pub fn compare_dataset(
    ds: &Dataset,
    name: &str,
    by: GroupBy,
    prefix: bool,
    boot: Bootstrap,
) -> Vec<ComparisonRow> {
    let net = Network::build(ds);
    let (_, coverage) = chains::coverage(ds, &net);
    let summaries = consortia::summarize(ds, &net, &coverage, RegionLevel::Province);
    let provinces = Regions::of(ds, RegionLevel::Province);
    let cities = Regions::of(ds, RegionLevel::City);
    let cx = DatasetContext::new(ds, &net, &coverage, &summaries, &provinces, &cities);
    let groups: Vec<(String, Option<String>, GroupScope)> = match by {
        GroupBy::Dataset => vec![(name.to_string(), None, GroupScope::dataset(ds))],
        GroupBy::Program => {
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
                .into_iter()
                .map(|p| {
                    let label = if prefix {
                        format!("{name}/{p}")
                    } else {
                        p.to_string()
                    };
                    (label, Some(p.to_string()), GroupScope::program(ds, p))
                })
                .collect()
        }
    };
    groups
        .into_par_iter()
        .map(|(group, program, scope)| ComparisonRow {
            indicators: groups::indicators(&cx, &scope, boot, &group),
            dataset: name.to_string(),
            program,
            group,
        })
        .collect()
}

/// Run a comparison and write its folder.
pub fn run(config: &CompareConfig) -> Result<Compared, Error> {
    let names = dataset_names(&config.datasets);
    let mut rows = Vec::new();
    let prefix = config.datasets.len() > 1;
    for (path, name) in config.datasets.iter().zip(&names) {
        let ds = crate::ingest::load(path)?;
        rows.extend(compare_dataset(
            &ds,
            name,
            config.by,
            prefix,
            config.bootstrap,
        ));
    }
    let stage = crate::export::Staging::create(&config.out)?;
    let dir = stage.path.clone();
    crate::export::tables::write_csv(&dir, &table(&rows, TextCells::SpreadsheetSafe))?;
    let figures_dir = dir.join("figures");
    crate::export::mkdir(&figures_dir)?;
    let font = crate::render::font::ensure(config.font.as_deref());
    let labels = crate::render::Labels {
        cjk: font.as_ref().is_some_and(|f| f.cjk),
    };
    let figures = if font.is_some() {
        let st = crate::render::style::Style::for_width(config.figure_width);
        vec![
            crate::render::write_chart(
                &figures_dir,
                &crate::render::comparison::IndicatorPanels::new(&rows, labels),
                &st,
            )?,
            crate::render::write_chart(
                &figures_dir,
                &crate::render::comparison::MemberMix::new(&rows, labels),
                &st,
            )?,
        ]
    } else {
        Vec::new()
    };
    crate::report::write_comparison(&dir, &rows, &figures, config)?;
    let files = crate::export::list_files(&dir)?;
    stage.commit(&config.out)?;
    Ok(Compared {
        out: config.out.clone(),
        files,
        groups: rows.len(),
    })
}

/// Column names of `comparison.csv` with what each one is (for the page's legend).
pub const COLUMNS: &[(&str, &str)] = &[
    ("group", "programme, dataset/programme, or dataset"),
    ("dataset", "dataset folder name"),
    ("program", "programme (empty for a whole dataset)"),
    (
        "consortia",
        "n: consortia in the group; every mean over consortia rests on it",
    ),
    (
        "organizations",
        "distinct members of its consortia and projects (a whole dataset: all organisations)",
    ),
    (
        "memberships",
        "distinct (consortium, org) pairs, added leads included",
    ),
    ("mean_members", "memberships / consortia"),
    (
        "mean_members_low",
        "95% bootstrap interval of mean_members, lower end",
    ),
    ("mean_members_high", "upper end"),
    ("median_members", "median members per consortium"),
    (
        "enterprise_led_share",
        "consortia whose lead_org_id is an enterprise / consortia",
    ),
    (
        "enterprise_led_share_low",
        "95% bootstrap interval, lower end",
    ),
    ("enterprise_led_share_high", "upper end"),
    (
        "member_share_enterprise",
        "memberships of enterprises / memberships (triple-helix mix)",
    ),
    (
        "member_share_university",
        "memberships of universities / memberships",
    ),
    (
        "member_share_institute",
        "memberships of institutes / memberships",
    ),
    (
        "member_share_other",
        "platforms, government, hospitals, other / memberships",
    ),
    (
        "core_share",
        "memberships with role core (紧密合作层) / memberships",
    ),
    (
        "general_share",
        "memberships with role general (一般协作层) / memberships; lead share = 1 − core − general",
    ),
    (
        "non_local_share",
        "mean over consortia of non_local_share (members outside the consortium's province)",
    ),
    ("non_local_share_low", "95% bootstrap interval, lower end"),
    ("non_local_share_high", "upper end"),
    (
        "cross_region_tie_share_province",
        "ties between provinces / ties among the group's organisations",
    ),
    (
        "cross_region_tie_share_city",
        "ties between province/city pairs / ties among the group's organisations",
    ),
    (
        "mean_chain_coverage",
        "mean chain_coverage over consortia with a chain",
    ),
    (
        "mean_chain_coverage_low",
        "95% bootstrap interval, lower end",
    ),
    ("mean_chain_coverage_high", "upper end"),
    (
        "consortia_with_chain",
        "consortia the chain-coverage mean is over",
    ),
    (
        "mean_critical_coverage",
        "mean critical_coverage over consortia whose chain has critical segments",
    ),
    ("ties", "ties among the group's organisations"),
    ("density", "ties / (k(k−1)/2), k = organizations"),
    (
        "degree_centralization",
        "Freeman: Σ(d_max − d_i) / ((k−1)(k−2)) on the induced subgraph; 1 = a star",
    ),
    (
        "multi_consortium_share",
        "organisations in ≥ 2 consortia of the dataset / organizations",
    ),
    (
        "growth_per_year",
        "net new memberships per year between the first and last join year",
    ),
    ("growth_from", "first join year"),
    ("growth_to", "last join year"),
    (
        "few_consortia",
        "true when consortia < 5: differences may be noise",
    ),
];

/// The comparison as a table (one row per group, in the order compared).
pub fn table(rows: &[ComparisonRow], t: TextCells) -> Table {
    let cell = |s: &str| match t {
        TextCells::SpreadsheetSafe => crate::export::cell::text(s),
        TextCells::AsGiven => s.to_string(),
    };
    Table {
        file: "comparison.csv",
        header: COLUMNS.iter().map(|c| c.0).collect(),
        rows: rows
            .iter()
            .map(|r| {
                let x = &r.indicators;
                let est =
                    |e: &groups::Estimate| [opt_float(e.mean), opt_float(e.low), opt_float(e.high)];
                let mut v = vec![
                    cell(&r.group),
                    cell(&r.dataset),
                    cell(r.program.as_deref().unwrap_or("")),
                    x.consortia.to_string(),
                    x.organizations.to_string(),
                    x.memberships.to_string(),
                ];
                v.extend(est(&x.mean_members));
                v.push(opt_float(x.median_members));
                v.extend(est(&x.enterprise_led_share));
                v.extend(x.member_mix.iter().map(|s| opt_float(*s)));
                v.push(opt_float(x.core_share));
                v.push(opt_float(x.general_share));
                v.extend(est(&x.non_local_share));
                v.push(opt_float(x.cross_region_tie_share_province));
                v.push(opt_float(x.cross_region_tie_share_city));
                v.extend(est(&x.mean_chain_coverage));
                v.push(x.mean_chain_coverage.n.to_string());
                v.push(opt_float(x.mean_critical_coverage));
                v.push(x.ties.to_string());
                v.push(opt_float(x.density));
                v.push(opt_float(x.degree_centralization));
                v.push(opt_float(x.multi_consortium_share));
                v.push(opt_float(x.growth_per_year));
                v.push(x.growth_years.map(|y| y.0.to_string()).unwrap_or_default());
                v.push(x.growth_years.map(|y| y.1.to_string()).unwrap_or_default());
                v.push((x.consortia < FEW_CONSORTIA).to_string());
                v
            })
            .collect(),
    }
}
