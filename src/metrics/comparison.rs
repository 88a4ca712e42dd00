//! Programmes (or whole datasets) side by side: the rows of `comparison.csv`, one per
//! group, from the group indicators of [`super::groups`], and what each column means.
//!
//! Knows nothing of files: `consortia compare` writes the rows as a table, figures and a
//! page.

use rayon::prelude::*;

use crate::config::{Bootstrap, GroupBy, RegionLevel};
use crate::dataset::Dataset;
use crate::metrics::groups::{self, DatasetContext, GroupIndicators, GroupScope};
use crate::metrics::regions::Regions;
use crate::metrics::{chains, consortia};
use crate::network::Network;

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

/// Below this many consortia a group's means are flagged as resting on few cases.
pub const FEW_CONSORTIA: u64 = 5;

/// The rows of one dataset.
pub fn compare_dataset(
    ds: &Dataset,
    name: &str,
    by: GroupBy,
    prefix: bool,
    boot: Bootstrap,
) -> Vec<ComparisonRow> {
    let net = Network::without_projection(ds);
    let (_, coverage) = chains::coverage(ds, &net);
    let summaries = consortia::summarize(ds, &net, &coverage, RegionLevel::Province);
    let provinces = Regions::of(ds, RegionLevel::Province);
    let cities = Regions::of(ds, RegionLevel::City);
    let cx = DatasetContext::new(ds, &net, &coverage, &summaries, &provinces, &cities);
    let groups: Vec<(String, Option<String>, GroupScope)> = match by {
        GroupBy::Dataset => vec![(name.to_string(), None, GroupScope::dataset(ds))],
        // By year, the programmes are compared as a whole too (the yearly rows are
        // `year_comparison`'s).
        GroupBy::Program | GroupBy::Year => {
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
