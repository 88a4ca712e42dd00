//! Metrics: a [`Network`] (and its [`Dataset`]) → every figure the tables report.
//!
//! One family per file or folder: [`paths`] (betweenness, closeness, harmonic: exact,
//! two-mode, bit-parallel, sampled, and the chooser), [`spectral`] (eigenvector,
//! PageRank), [`regions`], [`chains`], [`consortia`], [`programs`], [`evolution`] (the
//! yearly panel), [`compliance`] (programme rules), [`structure`] (structural holes,
//! brokerage, articulation points), [`communities`] (Leiden), [`ei`] (E-I index and its
//! permutation test), [`two_mode_centrality`], [`gap_partners`], [`stability`] (of the
//! ranking), with [`random`] the seeded streams they draw from; [`groups`],
//! [`comparison`] and [`year_comparison`] (group indicators and yearly rows for `compare`).
//! [`analyse`] runs them and gathers one [`Analysis`] that every writer reads. Nothing
//! here knows about files or formats.

pub mod chains;
pub mod communities;
pub mod comparison;
pub mod compliance;
pub mod consortia;
pub mod ei;
pub mod evolution;
pub mod gap_partners;
pub mod groups;
pub mod paths;
pub mod programs;
pub mod random;
pub mod regions;
pub mod spectral;
pub mod stability;
pub mod structure;
pub mod two_mode_centrality;
pub mod year_comparison;

use crate::config::AnalyzeConfig;
use crate::dataset::Dataset;
use crate::error::Problem;
use crate::network::Network;
use crate::rules::RuleSet;
use spectral::Convergence;

/// Centrality of every organisation, indexed like `Dataset::organizations`.
#[derive(Debug, Clone, Default)]
pub struct Centrality {
    /// Consortia and projects the organisation belongs to (two-mode degree).
    pub collaborations: Vec<u32>,
    /// Distinct neighbours in the projection.
    pub degree: Vec<u32>,
    /// Sum of tie weights.
    pub weighted_degree: Vec<u64>,
    /// Path-based measures.
    pub paths: paths::PathMetrics,
    /// `Some` when betweenness was sampled: its parameters and error bound.
    pub betweenness_approx: Option<paths::sampled::ApproxInfo>,
    /// Perron vector, L2-normalised.
    pub eigenvector: Vec<f64>,
    /// PageRank, sums to 1.
    pub pagerank: Vec<f64>,
    /// How the eigenvector iteration ended.
    pub eigenvector_convergence: Convergence,
    /// How the PageRank iteration ended.
    pub pagerank_convergence: Convergence,
}

/// Whole-network figures for summary.json.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NetworkStats {
    /// Organisations (n), isolates included.
    pub nodes: u64,
    /// Ties of the projection.
    pub ties: u64,
    /// Connected components, isolates counted as components.
    pub components: u64,
    /// Organisations in the largest component.
    pub largest_component: u64,
    /// Organisations without ties.
    pub isolates: u64,
    /// ties / (n(n-1)/2); `None` when n < 2.
    pub density: Option<f64>,
}

/// Everything the writers need.
#[derive(Debug, Clone)]
pub struct Results {
    /// Region assignment used.
    pub regions: regions::Regions,
    /// Per-organisation centrality.
    pub centrality: Centrality,
    /// Per-consortium summaries.
    pub consortia: Vec<consortia::ConsortiumSummary>,
    /// Per (consortium, segment) coverage rows.
    pub chain_coverage: Vec<chains::SegmentCoverage>,
    /// Region-pair tie counts.
    pub region_ties: Vec<regions::RegionTie>,
    /// Programme comparison rows.
    pub programs: Vec<programs::ProgramRow>,
    /// Whole-network figures.
    pub network: NetworkStats,
    /// Cross-region ties / all ties; `None` without ties.
    pub cross_region_tie_share: Option<f64>,
    /// Mean chain coverage over consortia with a chain; `None` if none has one.
    pub mean_chain_coverage: Option<f64>,
    /// The programme rules checked.
    pub rules: Vec<RuleSet>,
    /// One finding per (consortium or project, rule).
    pub compliance: Vec<compliance::Finding>,
    /// The yearly panel (with `--as-of`, of the full dataset through that year).
    pub evolution: evolution::Evolution,
    /// Constraint, effective size, brokerage and articulation of every organisation;
    /// `None` when the projection was not built (see [`crate::network::PROJECTION_BUDGET`]).
    pub structure: Option<structure::OrgStructure>,
    /// Leiden communities and what they say about the consortia; `None` as for structure.
    pub communities: Option<communities::Communities>,
    /// E-I index by region, type and programme, with the permutation test (counted
    /// through the incidence lists: computed with or without the projection).
    pub ei: ei::EiIndex,
    /// Centralities of the two-mode graph.
    pub two_mode: two_mode_centrality::TwoModeCentrality,
    /// Candidates for uncovered critical segments.
    pub gap_partners: Vec<gap_partners::GapPartner>,
    /// (organisation, share of resamples in the top 20) with `--stability`; `None` when off.
    pub stability: Option<Vec<(u32, f64)>>,
    /// Warnings of the analysis itself (a budget that left values out), after the
    /// dataset's own warnings in summary.json and on stderr.
    pub warnings: Vec<Problem>,
    /// Wall seconds of each metric family (path metrics, eigenvector and PageRank run
    /// at the same time, so their times overlap).
    pub timings: Vec<(&'static str, f64)>,
}

/// One analysis: the dataset, its network, the options it ran with and every metric —
/// the one value every writer (tables, figures, summary, report) reads.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The validated dataset.
    pub dataset: Dataset,
    /// Its two-mode network and projection.
    pub network: Network,
    /// The options of the run.
    pub config: AnalyzeConfig,
    /// Every metric.
    pub results: Results,
}

/// Compute every metric of the contract on `dataset` and check the programme `rules`;
/// `evolution` is the yearly panel (computed before any `--as-of` cut, see
/// [`evolution::compute`]), whose warnings join the dataset's.
pub fn analyse(
    mut dataset: Dataset,
    network: Network,
    config: &AnalyzeConfig,
    rules: Vec<RuleSet>,
    evolution: evolution::Evolution,
    progress: &paths::Progress,
) -> Analysis {
    dataset.warnings.extend(evolution.warnings.iter().cloned());
    let results = compute(&dataset, &network, config, rules, evolution, progress);
    Analysis {
        dataset,
        network,
        config: config.clone(),
        results,
    }
}

/// Compute every metric of the contract, and check the programme `rules`.
pub fn compute(
    ds: &Dataset,
    net: &Network,
    config: &AnalyzeConfig,
    rules: Vec<RuleSet>,
    evolution: evolution::Evolution,
    progress: &paths::Progress,
) -> Results {
    let n = net.nodes();
    let ((paths, approx, path_times), ((eig, t_eig), (pr, t_pr))) = rayon::join(
        || paths::compute(net, &config.betweenness, progress),
        || {
            rayon::join(
                || {
                    let t = std::time::Instant::now();
                    (spectral::eigenvector(net), t.elapsed().as_secs_f64())
                },
                || {
                    let t = std::time::Instant::now();
                    (spectral::pagerank(net), t.elapsed().as_secs_f64())
                },
            )
        },
    );
    let rest = std::time::Instant::now();
    let centrality = Centrality {
        collaborations: (0..n).map(|u| net.collaborations(u) as u32).collect(),
        degree: net.degree.clone(),
        weighted_degree: (0..n).map(|u| net.weighted_degree(u)).collect(),
        paths,
        betweenness_approx: approx,
        eigenvector: eig.0,
        pagerank: pr.0,
        eigenvector_convergence: eig.1,
        pagerank_convergence: pr.1,
    };
    let regions = regions::Regions::of(ds, config.region_level);
    let (region_ties, cross, all) = regions::region_ties(net, &regions);
    let (chain_coverage, coverage) = chains::coverage(ds, net);
    let consortia = consortia::summarize(ds, net, &coverage, config.region_level);
    let programs = programs::compare(ds, net, &regions, &coverage);
    let with_chain: Vec<f64> = coverage.iter().filter_map(|c| c.chain).collect();
    let compliance = compliance::check(ds, net, &rules);
    let t_rest = rest.elapsed().as_secs_f64();
    let mut timings: Vec<(&'static str, f64)> = path_times
        .into_iter()
        .chain([
            ("eigenvector", t_eig),
            ("pagerank", t_pr),
            ("regions+chains+consortia+programs+rules", t_rest),
        ])
        .collect();
    let st = &config.structure;
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, f64)>| {
        timings.push((name, clock.elapsed().as_secs_f64()));
        clock = std::time::Instant::now();
    };
    // The measures that walk the projection's adjacency need it built.
    let (ei, ei_warnings) = ei::compute(ds, net, &regions, st.permutations, st.seed);
    lap("E-I index+permutations", &mut timings);
    let (structure, communities, mut warnings) = if let Some(g) = &net.projection {
        // Leiden is sequential: it runs beside the structural measures, which take the
        // other core (neither reads the other's results).
        let ((structure, mut warnings), (communities, leiden_warning)) = rayon::join(
            || structure::compute(ds, net, g, &regions),
            || communities::compute(ds, net, g, &regions, st.resolution, st.seed),
        );
        warnings.extend(leiden_warning);
        lap(
            "constraint+effective size+brokerage+articulation, beside communities (Leiden)",
            &mut timings,
        );
        (Some(structure), Some(communities), warnings)
    } else {
        let (name, members) = match net.largest_collaboration() {
            Some((c, k)) if c < ds.consortia.len() => {
                (format!("consortium '{}'", ds.consortia[c].id), k)
            }
            Some((c, k)) => (
                format!("project '{}'", ds.projects[c - ds.consortia.len()].id),
                k,
            ),
            None => (String::from("none"), 0),
        };
        let warning = Problem::in_file(
            "org_structure.csv",
            format!(
                "constraint, effective size, brokerage, articulation points and communities \
                 were not computed (org_structure.csv and communities.csv are not written): \
                 they walk the organisation projection, whose \
                 {} ties exceed the {} it is built for (--projection-budget); the largest \
                 collaboration, {name}, has {members} members. Every other table is complete",
                net.ties(),
                config.projection_budget
            ),
        );
        (None, None, vec![warning])
    };
    warnings.extend(ei_warnings);
    let two_mode = two_mode_centrality::compute(net, &config.betweenness);
    lap("two-mode centrality", &mut timings);
    let gap_partners = gap_partners::compute(
        ds,
        net,
        &regions,
        &chain_coverage,
        config.region_level,
        st.partners,
    );
    lap("gap partners", &mut timings);
    let stability = (st.stability > 0).then(|| {
        stability::compute(
            ds,
            &centrality.paths.betweenness,
            &config.betweenness,
            st.stability,
            st.seed,
        )
    });
    if stability.is_some() {
        lap("rank stability", &mut timings);
    }
    Results {
        timings,
        structure,
        communities,
        ei,
        two_mode,
        gap_partners,
        stability,
        warnings,
        rules,
        compliance,
        evolution,
        network: network_stats(net),
        cross_region_tie_share: (all > 0).then(|| cross as f64 / all as f64),
        mean_chain_coverage: (!with_chain.is_empty())
            .then(|| with_chain.iter().sum::<f64>() / with_chain.len() as f64),
        regions,
        centrality,
        consortia,
        chain_coverage,
        region_ties,
        programs,
    }
}

/// Components (isolates included), the largest one, isolates and density — counted
/// through the incidence lists (the same integers as the projection's).
fn network_stats(net: &Network) -> NetworkStats {
    let n = net.nodes();
    let comps = net.components();
    let nf = n as f64;
    let ties = net.ties();
    NetworkStats {
        nodes: n as u64,
        ties,
        components: comps.len() as u64,
        largest_component: comps.iter().map(|c| c.len() as u64).max().unwrap_or(0),
        isolates: net.degree.iter().filter(|&&d| d == 0).count() as u64,
        density: (n >= 2).then(|| ties as f64 / (nf * (nf - 1.0) / 2.0)),
    }
}
