//! The report's "network structure" section: communities, brokers between regions,
//! structural holes and single points of failure, the E-I index and its test, gap partners
//! and (with `--stability`) how stable the ranking is — each said in plain words, with the
//! method and its parameters, next to its figures. Reads the analysis; computes nothing
//! but counts for the sentences.

use std::fmt::Write as _;

use super::html::{escape, figure};
use crate::metrics::Analysis;
use crate::output::{float, Figure};

/// Figures drawn in this section (the others go to the report's figure section).
pub const FIGURES: [&str; 3] = ["community_matrix", "brokerage_roles", "ei_index"];

/// Share of a consortium's members in one community above which it counts as cohesive.
pub const COHESIVE: f64 = 0.8;

fn para(html: &mut String, text: &str) {
    let _ = write!(html, "<p>{}</p>", escape(text));
}

/// The section's HTML.
pub fn section(a: &Analysis, figures: &[Figure]) -> String {
    let (ds, r, st) = (&a.dataset, &a.results, &a.config.structure);
    let mut html = String::from("<section id=\"structure\"><h2>网络结构 Network structure</h2>");
    let fig = |html: &mut String, name: &str| {
        if let Some(f) = figures.iter().find(|f| f.name == name) {
            figure(html, f);
        }
    };
    if let (Some(c), Some(s)) = (&r.communities, &r.structure) {
        // Communities.
        let with_members: Vec<&(u64, Option<f64>)> =
            c.consortia.iter().filter(|x| x.1.is_some()).collect();
        let cohesive = with_members
            .iter()
            .filter(|x| x.1.is_some_and(|s| s >= COHESIVE))
            .count();
        html.push_str("<h3>社区 Communities</h3>");
        para(
            &mut html,
            &format!(
            "A community is a group of organisations tied more densely to each other than to the \
             rest. The network splits into {} communities of two or more organisations and {} \
             single organisations (isolates among them). {} of the {} consortia with members have \
             at least {}% of their members in one community — they work as one group; the others \
             are spread over several communities: consortia on paper that are split in practice \
             (communities_spanned and modal_community_share in tables/consortium_summary.csv).",
            c.count,
            c.singletons,
            cohesive,
            with_members.len(),
            (COHESIVE * 100.0) as u32
        ),
        );
        para(
            &mut html,
            &format!(
                "Method: Leiden (Traag, Waltman & van Eck 2019) on the weighted organisation \
             projection, modularity with resolution γ = {} (--resolution), seed {} (--seed); \
             modularity Q = {} (Newman's formula with γ). Communities are numbered by size.",
                float(c.resolution),
                c.seed,
                c.modularity
                    .map(float)
                    .unwrap_or_else(|| "undefined (no ties)".to_string())
            ),
        );
        fig(&mut html, "community_matrix");
        // Brokers.
        let mut brokers: Vec<(usize, u64, u64)> = s
            .brokerage
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.map(|b| (i, b[2] + b[3], b.iter().sum::<u64>())))
            .filter(|x| x.1 > 0)
            .collect();
        brokers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        html.push_str("<h3>区域间中介 Brokers between regions</h3>");
        para(
        &mut html,
        &format!(
            "A broker links two partners who are not tied to each other. Counted by where the three \
             sit (Gould & Fernandez 1989, undirected, regions at the {} level): gatekeepers and \
             representatives link their own region to another, liaisons link two other regions. \
             {} organisations broker across regions at all.{}",
            a.config.region_level.as_str(),
            brokers.len(),
            if brokers.is_empty() {
                String::new()
            } else {
                format!(
                    " Most between regions (gatekeeper/representative + liaison pairs): {}.",
                    brokers
                        .iter()
                        .take(5)
                        .map(|&(i, x, _)| format!("{} ({x})", ds.organizations[i].name))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ),
    );
        fig(&mut html, "brokerage_roles");
        // Structural holes and articulation points.
        let cuts: Vec<usize> = (0..s.articulation.len())
            .filter(|&i| s.articulation[i])
            .collect();
        html.push_str("<h3>结构洞与关键节点 Structural holes and single points of failure</h3>");
        para(
            &mut html,
            &format!(
                "Burt's constraint is low for an organisation whose partners are not tied to each \
             other (it spans structural holes) and high when its partners all know each other; \
             effective size counts its non-redundant partners (both on the weighted projection). \
             {} organisations are articulation points: removing any one of them splits the \
             network into more pieces{}.",
                cuts.len(),
                if cuts.is_empty() {
                    String::new()
                } else {
                    format!(
                        " — among them {}",
                        cuts.iter()
                            .take(5)
                            .map(|&i| ds.organizations[i].name.clone())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
        );
    } else {
        para(
            &mut html,
            "Communities, brokerage, structural holes and articulation points were not \
             computed for this network: they walk the organisation projection, which is too \
             large to build here (one very large collaboration makes it a clique of hundreds \
             of millions of ties; see the warnings in summary.json). Every other measure on \
             this page is complete.",
        );
    }
    let ei = &r.ei;
    // E-I.
    html.push_str("<h3>E-I 指数 Inward- or outward-looking ties</h3>");
    let whole = |g: &str| ei.rows.iter().find(|e| e.grouping == g && e.group == "*");
    let mut ei_text = String::from(
        "The E-I index (Krackhardt & Stern 1988) is (ties between groups − ties within) / all \
         ties: −1 when every tie stays inside a group, +1 when every tie crosses. The test \
         relabels the organisations at random, group sizes kept, and asks how often chance gives \
         an index as high or as low as the observed one.",
    );
    for g in ["region", "type", "program"] {
        if let Some(e) = whole(g) {
            let _ = write!(
                ei_text,
                " By {g}: E-I = {}",
                e.ei.map(|x| format!("{x:.3}"))
                    .unwrap_or_else(|| "undefined".into())
            );
            if let (Some(x), Some(pg), Some(pl)) = (e.expected_ei, e.p_greater, e.p_less) {
                let verdict = if pl < 0.05 {
                    "more inward-looking than chance"
                } else if pg < 0.05 {
                    "more outward-looking than chance"
                } else {
                    "not different from chance at the 5% level"
                };
                let _ = write!(
                    ei_text,
                    " against {x:.3} expected by chance (p_less = {pl:.4}, p_greater = {pg:.4}): \
                     {verdict}."
                );
            } else {
                ei_text.push('.');
            }
        }
    }
    let _ = write!(
        ei_text,
        " Method: {} permutations (--permutations), seed {} (--seed), ChaCha8 streams per block \
         of permutations.",
        ei.permutations, st.seed
    );
    para(&mut html, &ei_text);
    fig(&mut html, "ei_index");
    // Gap partners.
    let gaps: std::collections::BTreeSet<(u32, u32)> = r
        .gap_partners
        .iter()
        .map(|g| (g.consortium, g.segment))
        .collect();
    html.push_str("<h3>关键缺口的潜在伙伴 Who could fill a critical gap</h3>");
    para(
        &mut html,
        &format!(
            "For each critical (卡脖子) segment of a consortium's chain that no member covers, the \
             organisations already in the data that work in it, nearest first (projection hops to \
             the nearest member), then those in the consortium's home region, then the most \
             active: {} candidates for {} uncovered critical segments, at most {} each \
             (--partners).",
            r.gap_partners.len(),
            gaps.len(),
            st.partners
        ),
    );
    // Stability.
    if let Some(rows) = &r.stability {
        let steady = rows.iter().filter(|x| x.1 >= 0.8).count();
        html.push_str("<h3>排名稳定性 How stable is the ranking</h3>");
        para(
            &mut html,
            &format!(
                "Public records miss memberships. In {} resamples (--stability, seed {}) that each \
                 drop every membership and project participation with probability 0.1, {} of the {} \
                 organisations of highest betweenness stay in the top {} at least 80% of the time \
                 (tables/rank_stability.csv).",
                st.stability,
                st.seed,
                steady,
                rows.len(),
                crate::metrics::stability::TOP
            ),
        );
    }
    if !r.warnings.is_empty() {
        for w in &r.warnings {
            let _ = write!(html, "<p class=\"note\">{}</p>", escape(&w.to_string()));
        }
    }
    html.push_str("</section>");
    html
}
