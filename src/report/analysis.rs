//! `report.html`: one self-contained page for an analysis — headline figures, every chart
//! (inlined as data URIs), every table (sortable; a search box on the organisation table)
//! — with no network access (a Content-Security-Policy forbids any load but inline data).
//!
//! Every string from the data goes through [`escape`]; figures are embedded as PNG `<img>`
//! data URIs (no script can run in an image). No timestamps: the same input gives the
//! same bytes.

use std::fmt::Write as _;

use super::explorer;
use super::html::{self, escape, figure, head_styled, tail};
use crate::metrics::{Analysis, Results};
use crate::output::{Figure, FigureFont, MapView, Table};

/// Rows of the organisation table shown in the page (the CSV has them all).
pub const MAX_ORG_ROWS: usize = 2000;
/// Rows of the other long tables shown in the page.
pub const MAX_ROWS: usize = 2000;

/// `report.html` of an analysis: headline figures, every figure inlined, every table
/// (as built for the CSV files, names escaped here).
pub fn page(
    a: &Analysis,
    view: &MapView,
    tables: &[Table],
    figures: &[Figure],
    font: Option<&FigureFont>,
) -> String {
    let (ds, r) = (&a.dataset, &a.results);
    let name = dataset_title(&a.config.dataset);
    let title = &match a.config.as_of {
        Some(year) => format!("{name} as of {year}"),
        None => name.clone(),
    };
    let mut html = head_styled(title, explorer::CSS);
    let _ = write!(
        html,
        "<h1>{scenario}创新联合体合作网络分析 Innovation-consortium network: {t}{cn}</h1>",
        t = escape(title),
        cn = a
            .config
            .as_of
            .map(|y| format!("（截至{y}年底）"))
            .unwrap_or_default(),
        scenario = if name.starts_with("scenario") {
            "情景 SCENARIO · "
        } else {
            ""
        }
    );
    if let Some(year) = a.config.as_of {
        let _ = write!(
            html,
            "<p class=\"note\"><b>As of {year}:</b> every table and figure below is of the \
             network as it stood at the end of {year} — memberships joined by then and not left \
             in or before {year}, joint projects started by then and not ended before {year}, the \
             consortia and organisations they involve. The yearly panel shows the history up to \
             {year}.</p>"
        );
    }
    if name.starts_with("scenario") {
        html.push_str(
            "<p class=\"note\"><b>情景数据 Scenario data:</b> every organisation and consortium in this \
             dataset is invented to show the programme models side by side; see the dataset's README.</p>",
        );
    }
    // Headline cards.
    let n = &r.network;
    let cards: Vec<(&str, String)> = vec![
        ("organisations 组织", ds.organizations.len().to_string()),
        ("consortia 联合体", ds.consortia.len().to_string()),
        ("projects 项目", ds.projects.len().to_string()),
        ("ties 合作联系", n.ties.to_string()),
        ("components 连通分量", n.components.to_string()),
        ("isolates 孤立组织", n.isolates.to_string()),
        ("density 密度", html::readable(n.density)),
        (
            "cross-region tie share 跨区域联系占比",
            html::percent(r.cross_region_tie_share),
        ),
        (
            "mean chain coverage 平均产业链覆盖率",
            html::percent(r.mean_chain_coverage),
        ),
    ];
    html.push_str("<section><h2>概览 Summary</h2><div class=\"cards\">");
    for (label, value) in &cards {
        let _ = write!(
            html,
            "<div class=\"card\"><b>{}</b>{}</div>",
            escape(value),
            escape(label)
        );
    }
    html.push_str("</div>");
    if r.centrality.betweenness_approx.is_some() {
        let _ = write!(
            html,
            "<p class=\"note\">{}</p>",
            escape(&betweenness_method(r))
        );
    }
    if let Some(w) = (!ds.warnings.is_empty()).then_some(ds.warnings.len()) {
        let _ = write!(
            html,
            "<p class=\"note\">{w} warnings while loading; see summary.json.</p>"
        );
    }
    html.push_str("</section>");
    // Figures.
    html.push_str("<section><h2>图表 Figures</h2>");
    if figures.is_empty() {
        html.push_str("<p class=\"note\">No figures were drawn: no usable font was found (install fonts-noto-cjk or pass --font).</p>");
    }
    if let Some(f) = font.filter(|f| !f.cjk) {
        let _ = write!(
            html,
            "<p class=\"note\">No Chinese font was found; figures use {} and English names.</p>",
            escape(&f.family)
        );
    }
    let over_time = |f: &&Figure| EVOLUTION_FIGURES.contains(&f.name);
    let structural = |f: &&Figure| super::structure::FIGURES.contains(&f.name);
    for f in figures.iter().filter(|f| !over_time(f) && !structural(f)) {
        figure(&mut html, f);
    }
    html.push_str("</section>");
    if !view.orgs.is_empty() {
        html.push_str(&explorer::section(a, view));
    }
    html.push_str(&super::structure::section(a, figures));
    evolution_section(&mut html, a, figures.iter().filter(over_time));
    // Tables: the same model the CSV files are written from, names as given (escaped here).
    for table in tables {
        let (id, title, search) = match table.file {
            "org_centrality.csv" => ("org-centrality", "组织中心性 Organisation centrality", true),
            "consortium_summary.csv" => ("consortium-summary", "联合体概况 Consortia", false),
            "chain_coverage.csv" => ("chain-coverage", "产业链覆盖 Chain coverage", false),
            "region_ties.csv" => ("region-ties", "区域联系 Region ties", false),
            "compliance.csv" => ("compliance", "规则符合性 Programme rules", false),
            "evolution.csv" => ("evolution", "逐年网络 Network by year", false),
            "org_structure.csv" => ("org-structure", "组织结构位置 Structural positions", true),
            "communities.csv" => ("communities", "社区 Communities", false),
            "ei_index.csv" => ("ei-index", "E-I 指数 E-I index", false),
            "two_mode_centrality.csv" => (
                "two-mode-centrality",
                "二模中心性 Two-mode centrality",
                true,
            ),
            "gap_partners.csv" => ("gap-partners", "缺口伙伴 Gap partners", false),
            "rank_stability.csv" => ("rank-stability", "排名稳定性 Ranking stability", false),
            _ => ("program-comparison", "项目群比较 Programmes", false),
        };
        let total = table.rows.len();
        let limit = if search { MAX_ORG_ROWS } else { MAX_ROWS };
        let rows: Vec<Vec<String>> = if table.file == "org_centrality.csv" && total > limit {
            // Organisations: the most central first when not all fit (row i = organisation i).
            let bc = &r.centrality.paths.betweenness;
            let mut order: Vec<usize> = (0..total).collect();
            order.sort_by(|&a, &b| bc[b].total_cmp(&bc[a]).then(a.cmp(&b)));
            order[..limit]
                .iter()
                .map(|&i| table.rows[i].clone())
                .collect()
        } else {
            table.rows.iter().take(limit).cloned().collect()
        };
        let mut note = match table.file {
            "org_centrality.csv" => format!(
                "{} Betweenness normalised by 2/((n-1)(n-2)); closeness Wasserman–Faust; harmonic divided by (n-1); eigenvector L2-normalised; PageRank sums to 1. Click a header to sort.",
                betweenness_method(r)
            ),
            "consortium_summary.csv" => "Shares are of the consortium's members (added leads included); an empty cell means undefined (no chain, no critical segment).".to_string(),
            "program_comparison.csv" => "Ties and density on the subgraph induced by each programme's organisations.".to_string(),
            "evolution.csv" => "One row per programme (and * for the whole dataset) and year: the network at the end of the year. Extra columns after largest_component: memberships ended, projects active, participations active, started and ended.".to_string(),
            "org_structure.csv" => "Community (Leiden, numbered by size); Burt's constraint and effective size on the weighted projection (empty for isolates); Gould–Fernandez brokerage counts with regions as groups (open pairs of partners: coordinator, itinerant, gatekeeper/representative, liaison); articulation = removing the organisation splits the network. Click a header to sort.".to_string(),
            "communities.csv" => "One row per community: ties inside and leaving it, consortia with a member in it, the consortium with most members in it and their share, regions, and the cross-region share of its inside ties.".to_string(),
            "ei_index.csv" => format!("E-I = (external − internal)/(external + internal) ties per group; group * is the whole network (ties between groups against within), with the mean and one-sided p-values of {} label permutations (seed {}).", r.ei.permutations, a.config.structure.seed),
            "two_mode_centrality.csv" => format!("Organisations and collaborations as the two node sets, Borgatti–Everett normalisations (as NetworkX bipartite degree, betweenness, closeness). {}", match &r.two_mode.approx {
                None => "Betweenness is exact (Brandes on the two-mode graph).".to_string(),
                Some(x) => format!("Betweenness is sampled (Riondato–Kornaropoulos on the two-mode graph, {} paths, ε = {}, δ = {}, seed {}); closeness is exact.", x.samples, x.epsilon, x.delta, x.seed),
            }),
            "gap_partners.csv" => "For each uncovered critical segment: organisations working in it, nearest to the consortium's members first (distance in projection hops, empty = unreachable), then same region, then most collaborations.".to_string(),
            "rank_stability.csv" => "Share of resamples (each membership and participation dropped with probability 0.1) in which the organisation stays among the 20 of highest betweenness.".to_string(),
            "compliance.csv" => format!(
                "Each consortium and joint project checked against its programme's stated rules ({}). {} A fail is a finding about the data, not an error of the run; pass is empty when undetermined.",
                r.rules.iter().map(|s| format!("{}: {}", s.program, s.title)).collect::<Vec<_>>().join("; "),
                crate::metrics::compliance::OUTCOMES
                    .iter()
                    .map(|(w, m)| format!("{}: {m}", w[..1].to_uppercase() + &w[1..]))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            _ => String::new(),
        };
        if rows.len() < total {
            note.push_str(&format!(
                " Shown: {} of {} rows{}; all are in tables/{}.",
                rows.len(),
                total,
                if table.file == "org_centrality.csv" {
                    ", the most central first"
                } else {
                    ""
                },
                table.file
            ));
        }
        html::table(
            &mut html,
            &html::Table {
                id,
                title,
                header: table.header(),
                rows,
                note,
                search,
            },
        );
    }
    if !view.orgs.is_empty() {
        html.push_str(&explorer::scripts());
    }
    html.push_str(&tail());
    html
}

/// Figures of the section on the network over time, in its order.
pub const EVOLUTION_FIGURES: [&str; 3] = ["evolution", "entries_exits", "consortium_growth"];

/// The section on the network over time: what the yearly panel is, what grew, when joint
/// projects began, and its figures.
fn evolution_section<'f>(
    html: &mut String,
    a: &Analysis,
    figures: impl Iterator<Item = &'f Figure>,
) {
    let e = &a.results.evolution;
    html.push_str("<section><h2>演化 The network over time</h2>");
    if e.years.is_empty() {
        html.push_str(
            "<p class=\"note\">The data has no dates (founded, joined, left, start, end), so there \
             is no yearly panel: every membership and project counts at once.</p></section>",
        );
        return;
    }
    let (first, last) = (e.years[0], e.years[e.years.len() - 1]);
    let _ = write!(
        html,
        "<p class=\"note\">Each year from {first} to {last} is the network as it stood at the end \
         of that year (tables/evolution.csv): a membership counts from the year it was joined (the \
         consortium's founding year when no join date is given; always when neither is) until the \
         year it was left; a joint project from its start year through its end year. The panels \
         follow each programme's organisations, the share of their ties that cross regions, the \
         density of their network and how much of their chains their consortia cover; the bars \
         count memberships and project participations starting and ending each year.</p>"
    );
    let mut facts: Vec<String> = Vec::new();
    for g in &e.growth {
        let (from, to) = (g.members[g.first], g.members[e.years.len() - 1]);
        let reached = (g.first..e.years.len())
            .find(|&yi| g.members[yi] == to)
            .map_or(last, |yi| e.years[yi]);
        facts.push(format!(
            "{} {} ({}) grew from {from} members in {} to {to} in {reached}.",
            g.id, g.name, g.program, e.years[g.first]
        ));
    }
    for p in &e.programs {
        if let Some(r) = e.group(p).iter().find(|r| r.counts.projects > 0) {
            facts.push(format!(
                "{p}: joint projects from {} ({} active that year, {} participations).",
                r.year, r.counts.projects, r.counts.participations
            ));
        }
    }
    if !facts.is_empty() {
        html.push_str("<ul>");
        for f in &facts {
            let _ = write!(html, "<li>{}</li>", escape(f));
        }
        html.push_str("</ul>");
    }
    for f in figures {
        figure(html, f);
    }
    html.push_str("</section>");
}

/// The report's title: the dataset folder's name.
fn dataset_title(dataset: &std::path::Path) -> String {
    dataset
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dataset.display().to_string())
}

/// One sentence on how betweenness was computed: exact, or sampled with its guarantee.
pub fn betweenness_method(r: &Results) -> String {
    match &r.centrality.betweenness_approx {
        None => "Betweenness is exact (Brandes).".to_string(),
        Some(a) => format!(
            "Betweenness is sampled (Riondato–Kornaropoulos, {} shortest paths, seed {}): with probability at least {} every value is within ±{:.4} of the exact one (ε = {}, δ = {}); closeness, harmonic and the rest are exact.",
            a.samples,
            a.seed,
            1.0 - a.delta,
            a.error_bound,
            a.epsilon,
            a.delta
        ),
    }
}
