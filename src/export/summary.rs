//! `summary.json`: counts, encodings, network figures, the run's parameters, the headline
//! figures and the warnings. Keys are in a fixed order and nothing depends on the time,
//! the machine or the thread count.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::dataset::Encoding;
use crate::error::Problem;
use crate::metrics::spectral::Convergence;
use crate::metrics::{Analysis, NetworkStats, Results};
use crate::output::{Figure, FigureFont};

/// Number of organisations listed in `headline.top_betweenness`.
pub const TOP_BETWEENNESS: usize = 5;

/// The whole summary document.
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    /// Contract version this output follows.
    pub contract: &'static str,
    /// Entity counts after merging duplicates and adding leads.
    pub counts: Counts,
    /// How each input file was decoded.
    pub encodings: &'a BTreeMap<String, Encoding>,
    /// Whole-network figures of the projection.
    pub network: &'a NetworkStats,
    /// Every option that changes an output.
    pub parameters: Parameters,
    /// The figures a reader wants first.
    pub headline: Headline,
    /// The Leiden communities: method, parameters, count and modularity.
    pub communities: Option<CommunitiesEntry>,
    /// Programme rules: counts per rule set (details in tables/compliance.csv).
    pub compliance: Vec<ComplianceEntry>,
    /// Convergence of the iterative measures.
    pub convergence: BTreeMap<&'static str, Convergence>,
    /// Figures drawn and the font used.
    pub figures: Figures<'a>,
    /// Warnings raised while loading.
    pub warnings: Vec<WarningEntry<'a>>,
}

/// The figures section.
#[derive(Debug, Serialize)]
pub struct Figures<'a> {
    /// Font family and file name (not the full path, which depends on the machine);
    /// null when no usable font was found and no figure was drawn.
    pub font: Option<FontEntry>,
    /// Each figure's name (files `figures/<name>.svg` and `.png`) and caption.
    pub files: &'a [Figure],
}

/// The font used for figures.
#[derive(Debug, Serialize)]
pub struct FontEntry {
    /// Family name of the face used.
    pub family: String,
    /// File name.
    pub file: String,
    /// Face index inside the file.
    pub face: u32,
    /// Whether it covers Chinese (else labels use English names).
    pub cjk: bool,
    /// Whether it is the font compiled into the binary.
    pub embedded: bool,
}

/// Entity counts.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Organisations.
    pub organizations: u64,
    /// Consortia.
    pub consortia: u64,
    /// Distinct (consortium, org) memberships, added leads included.
    pub memberships: u64,
    /// Projects.
    pub projects: u64,
    /// Distinct (project, org) participations.
    pub project_members: u64,
    /// Chain segments.
    pub segments: u64,
    /// Chains.
    pub chains: u64,
}

/// Options that change an output.
#[derive(Debug, Serialize)]
pub struct Parameters {
    /// `province` or `city`.
    pub region_level: &'static str,
    /// `exact`, or `approx` with its parameters in `betweenness_approx`.
    pub betweenness: &'static str,
    /// Sampled betweenness: epsilon, delta, seed, vertex-diameter bound, samples and the
    /// error bound in the contract's normalisation; null when exact.
    pub betweenness_approx: Option<crate::metrics::paths::sampled::ApproxInfo>,
    /// Network-map colouring.
    pub color_by: crate::config::ColorBy,
    /// Figure width in pixels.
    pub figure_width: u32,
    /// Programme rules checked: `default` (the shipped rules/default.toml) or the file name
    /// given with `--rules`.
    pub rules: String,
    /// `--as-of`: the year whose end the network is of; null for the whole dataset.
    pub as_of: Option<i32>,
    /// Seed of every random step (`--seed`).
    pub seed: u64,
    /// Leiden's modularity resolution γ.
    pub resolution: f64,
    /// E-I permutations run (fewer than asked only when a budget cut them, with a warning).
    pub permutations: Option<u32>,
    /// Gap partners listed per uncovered critical segment.
    pub partners: u32,
    /// Ranking-stability resamples (0 = off).
    pub stability: u32,
    /// Whether every table was also written as `tables/<name>.parquet` (`--parquet`).
    pub parquet: bool,
    /// Ego-scan steps of constraint, effective size and brokerage, and the organisations
    /// left out by their budget.
    pub structure_cost: Option<StructureCost>,
}

/// What the structural-hole measures cost.
#[derive(Debug, Serialize)]
pub struct StructureCost {
    /// Steps of one scan of every organisation's neighbourhood.
    pub steps: u64,
    /// The budget.
    pub budget: u64,
    /// Organisations whose cells were left empty.
    pub skipped: u64,
}

/// summary.json `communities`.
#[derive(Debug, Serialize)]
pub struct CommunitiesEntry {
    /// `leiden`.
    pub method: &'static str,
    /// Resolution γ.
    pub resolution: f64,
    /// Seed.
    pub seed: u64,
    /// Communities of two or more organisations.
    pub count: u64,
    /// Communities of one organisation (isolates among them).
    pub singletons: u64,
    /// Newman's modularity with γ on the weighted projection; null without ties.
    pub modularity: Option<f64>,
}

/// Programme-rule findings counted per rule set.
#[derive(Debug, Serialize)]
pub struct ComplianceEntry {
    /// Programme of the rule set.
    pub program: String,
    /// (unit, rule) checks made.
    pub checks: u64,
    /// Checks passed.
    pub passed: u64,
    /// Checks failed.
    pub failed: u64,
    /// Checks the data could not decide.
    pub undetermined: u64,
    /// Consortia and projects that pass every decidable rule of the set.
    pub units_passing_all: u64,
    /// Consortia and projects checked.
    pub units: u64,
}

/// Headline figures.
#[derive(Debug, Serialize)]
pub struct Headline {
    /// Cross-region ties / all ties (null without ties).
    pub cross_region_tie_share: Option<f64>,
    /// Mean chain coverage over consortia with a chain (null if none).
    pub mean_chain_coverage: Option<f64>,
    /// The organisations of highest betweenness, highest first, ties by org_id.
    pub top_betweenness: Vec<TopOrg>,
}

/// One organisation in the headline.
#[derive(Debug, Serialize)]
pub struct TopOrg {
    /// `org_id`.
    pub org_id: String,
    /// Name.
    pub name: String,
    /// Normalised betweenness.
    pub betweenness: f64,
}

/// A warning as listed in the summary.
#[derive(Debug, Serialize)]
pub struct WarningEntry<'a> {
    /// File name.
    pub file: &'a str,
    /// Line, when known.
    pub line: Option<u64>,
    /// Column, when known.
    pub column: Option<&'a str>,
    /// What was found and what was done.
    pub message: &'a str,
}

/// Build the summary of a run.
pub fn build<'a>(a: &'a Analysis, font: Option<&FigureFont>, figures: &'a [Figure]) -> Summary<'a> {
    let (ds, r, config) = (&a.dataset, &a.results, &a.config);
    let bc = &r.centrality.paths.betweenness;
    let mut order: Vec<usize> = (0..bc.len()).collect();
    order.sort_by(|&a, &b| bc[b].total_cmp(&bc[a]).then(a.cmp(&b)));
    let top_betweenness = order
        .into_iter()
        .take(TOP_BETWEENNESS)
        .map(|i| TopOrg {
            org_id: ds.organizations[i].id.clone(),
            name: ds.organizations[i].name.clone(),
            betweenness: bc[i],
        })
        .collect();
    Summary {
        contract: "v1",
        counts: Counts {
            organizations: ds.organizations.len() as u64,
            consortia: ds.consortia.len() as u64,
            memberships: ds.memberships.len() as u64,
            projects: ds.projects.len() as u64,
            project_members: ds.project_members.len() as u64,
            segments: ds.segments.len() as u64,
            chains: ds.chains.len() as u64,
        },
        encodings: &ds.encodings,
        network: &r.network,
        parameters: Parameters {
            region_level: config.region_level.as_str(),
            betweenness: if r.centrality.betweenness_approx.is_some() {
                "approx"
            } else {
                "exact"
            },
            betweenness_approx: r.centrality.betweenness_approx,
            color_by: config.color_by,
            figure_width: config.figure_width,
            rules: config
                .rules
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "default".to_string()),
            as_of: config.as_of,
            seed: config.structure.seed,
            resolution: config.structure.resolution,
            permutations: Some(r.ei.permutations),
            partners: config.structure.partners,
            stability: config.structure.stability,
            parquet: config.parquet,
            structure_cost: r.structure.as_ref().map(|st| StructureCost {
                steps: st.cost,
                budget: crate::metrics::structure::BUDGET,
                skipped: st.skipped as u64,
            }),
        },
        compliance: compliance_counts(r),
        headline: Headline {
            cross_region_tie_share: r.cross_region_tie_share,
            mean_chain_coverage: r.mean_chain_coverage,
            top_betweenness,
        },
        communities: r.communities.as_ref().map(|c| CommunitiesEntry {
            method: "leiden",
            resolution: c.resolution,
            seed: c.seed,
            count: c.count,
            singletons: c.singletons,
            modularity: c.modularity,
        }),
        convergence: BTreeMap::from([
            ("eigenvector", r.centrality.eigenvector_convergence),
            ("pagerank", r.centrality.pagerank_convergence),
        ]),
        figures: Figures {
            font: font.map(|f| FontEntry {
                family: f.family.clone(),
                file: f
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                face: f.face,
                cjk: f.cjk,
                embedded: f.embedded,
            }),
            files: figures,
        },
        warnings: ds.warnings.iter().chain(&r.warnings).map(warning).collect(),
    }
}

/// Per rule set: checks passed, failed, undetermined; units passing all.
pub fn compliance_counts(r: &Results) -> Vec<ComplianceEntry> {
    r.rules
        .iter()
        .enumerate()
        .map(|(si, set)| {
            let findings: Vec<_> = r.compliance.iter().filter(|f| f.set == si).collect();
            let mut units: BTreeMap<(crate::rules::Unit, usize), bool> = BTreeMap::new();
            for f in &findings {
                let ok = units.entry((f.unit, f.index)).or_insert(true);
                *ok &= f.pass != Some(false);
            }
            ComplianceEntry {
                program: set.program.clone(),
                checks: findings.len() as u64,
                passed: findings.iter().filter(|f| f.pass == Some(true)).count() as u64,
                failed: findings.iter().filter(|f| f.pass == Some(false)).count() as u64,
                undetermined: findings.iter().filter(|f| f.pass.is_none()).count() as u64,
                units_passing_all: units.values().filter(|&&ok| ok).count() as u64,
                units: units.len() as u64,
            }
        })
        .collect()
}

fn warning(p: &Problem) -> WarningEntry<'_> {
    WarningEntry {
        file: &p.file,
        line: p.line,
        column: p.column.as_deref(),
        message: &p.message,
    }
}

/// `summary.json` of an analysis: pretty-printed, trailing newline.
pub fn json(a: &Analysis, font: Option<&FigureFont>, figures: &[Figure]) -> Vec<u8> {
    let mut text =
        serde_json::to_string_pretty(&build(a, font, figures)).expect("summary serialises");
    text.push('\n');
    text.into_bytes()
}
