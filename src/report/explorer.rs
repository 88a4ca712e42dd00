//! The report's interactive network view: the organisations of the map's layout
//! ([`MapView`]: the same positions and colours as the network map) with their ties and
//! key metrics as JSON, drawn in the page by sigma.js and graphology (MIT, vendored in
//! `assets/js/` with their licences; `scripts/vendor/refresh-js.sh` rebuilds the bundle
//! from the npm registry) and our `network-explorer.js`: pan and zoom, hover for name,
//! type, region and metrics, a search box that centres a found organisation, filters by
//! programme and type. Inlined, so the page stays self-contained under its CSP.

use std::fmt::Write as _;

use serde::Serialize;

use super::html::escape;
use crate::metrics::programs::programs_of;
use crate::metrics::Analysis;
use crate::output::MapView;

/// The sigma.js + graphology bundle.
const BUNDLE: &str = include_str!("../../assets/js/sigma-graphology.min.js");
/// Our view code.
const EXPLORER: &str = include_str!("../../assets/js/network-explorer.js");

/// Styles of the view (appended to the page's style).
pub const CSS: &str = "#network-explorer{position:relative;width:100%;height:600px;border:1px solid #ddd;background:#fff}.explorer-controls{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:.5em 0}#explorer-search{width:20em;padding:.3em}#explorer-filters fieldset{display:inline-block;margin:.2em .5em .5em 0;padding:.2em .6em;border:1px solid #ddd}#explorer-filters label{margin-right:.8em;white-space:nowrap}.explorer-tooltip{position:absolute;z-index:10;pointer-events:none;max-width:22em;background:rgba(255,255,255,.96);border:1px solid #999;border-radius:3px;padding:.4em .6em;font-size:.85em;box-shadow:0 1px 4px rgba(0,0,0,.2)}.explorer-tooltip dl,#explorer-details dl{display:grid;grid-template-columns:auto 1fr;gap:0 .8em;margin:.3em 0 0}.explorer-tooltip dd,#explorer-details dd{margin:0;overflow-wrap:anywhere}.explorer-tooltip dt,#explorer-details dt{color:#555}#explorer-details{font-size:.9em;margin:.5em 0}";

#[derive(Serialize)]
struct Node<'a> {
    id: &'a str,
    label: &'a str,
    x: f64,
    y: f64,
    size: f64,
    color: String,
    r#type: &'a str,
    region: &'a str,
    programs: Vec<&'a str>,
    metrics: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct Data<'a> {
    nodes: Vec<Node<'a>>,
    edges: Vec<(&'a str, &'a str, u32)>,
    programs: Vec<&'a str>,
    types: Vec<&'a str>,
    note: String,
}

/// The view's section (controls, container, data) for the page body.
pub fn section(a: &Analysis, view: &MapView) -> String {
    let (ds, net, r) = (&a.dataset, &a.network, &a.results);
    let c = &r.centrality;
    let org = |k: usize| view.orgs[k] as usize;
    let nodes: Vec<Node<'_>> = (0..view.orgs.len())
        .map(|k| {
            let i = org(k);
            let o = &ds.organizations[i];
            let (cr, cg, cb) = view.legend[view.group[k]].1;
            let mut metrics = serde_json::Map::new();
            let mut put = |name: &str, v: f64| {
                metrics.insert(name.to_string(), serde_json::json!(v));
            };
            put("collaborations", c.collaborations[i] as f64);
            put("degree", c.degree[i] as f64);
            put("betweenness", c.paths.betweenness[i]);
            put("closeness", c.paths.closeness[i]);
            put("eigenvector", c.eigenvector[i]);
            put("pagerank", c.pagerank[i]);
            Node {
                id: &o.id,
                label: &o.name,
                x: view.pos[k].0,
                // sigma's y axis points up; the map's points down.
                y: -view.pos[k].1,
                size: 3.0 + 12.0 * view.size[k],
                color: format!("#{cr:02x}{cg:02x}{cb:02x}"),
                r#type: o.org_type.as_str(),
                region: &r.regions.labels[r.regions.of_org[i] as usize],
                programs: programs_of(ds, net, i),
                metrics,
            }
        })
        .collect();
    let edges = view
        .ties
        .iter()
        .map(|&(a, b, w)| {
            (
                ds.organizations[org(a as usize)].id.as_str(),
                ds.organizations[org(b as usize)].id.as_str(),
                w,
            )
        })
        .collect();
    let mut programs: Vec<&str> = nodes.iter().flat_map(|n| n.programs.clone()).collect();
    programs.sort_unstable();
    programs.dedup();
    let mut types: Vec<&str> = nodes.iter().map(|n| n.r#type).collect();
    types.sort_unstable();
    types.dedup();
    let mut note = if view.orgs.len() < view.with_ties {
        format!(
            "The {} organisations of highest betweenness (of {} with ties) and the ties among them; \
             the layout and colours are the network map's. Isolates are not shown.",
            view.orgs.len(),
            view.with_ties
        )
    } else {
        format!(
            "The whole network: all {} organisations with ties (isolates not shown), in the \
             network map's layout and colours. Drag to pan, scroll to zoom, hover for details.",
            view.orgs.len()
        )
    };
    if view.ties_left_out > 0 {
        note.push_str(&format!(
            " Of the ties among them the {} heaviest are drawn; {} lighter ones are left out.",
            view.ties.len(),
            view.ties_left_out
        ));
    }
    let data = Data {
        nodes,
        edges,
        programs,
        types,
        note: note.clone(),
    };
    // `<` as \u003c: no `</script` or `<!--` can end the data block early.
    let json = serde_json::to_string(&data)
        .expect("view data serialises")
        .replace('<', "\\u003c");
    let mut h = String::new();
    let _ = write!(
        h,
        "<section id=\"explorer-section\"><h2>交互网络 Network explorer</h2><p class=\"note\" id=\"explorer-note\">{}</p>\
<div class=\"explorer-controls\"><label>搜索 Search <input id=\"explorer-search\" type=\"search\" list=\"explorer-names\" autocomplete=\"off\" placeholder=\"名称或编号 name or id\"></label>\
<datalist id=\"explorer-names\"></datalist><button type=\"button\" id=\"explorer-reset\">重置 Reset</button><span id=\"explorer-status\" class=\"note\" aria-live=\"polite\"></span></div>\
<div id=\"explorer-filters\"><fieldset id=\"explorer-filter-programs\"><legend>项目群 Programmes</legend></fieldset><fieldset id=\"explorer-filter-types\"><legend>类型 Types</legend></fieldset></div>\
<div id=\"network-explorer\"></div><div id=\"explorer-details\" aria-live=\"polite\"></div>\
<script type=\"application/json\" id=\"network-data\">{json}</script></section>",
        escape(&note)
    );
    h
}

/// The two scripts, for the end of the page's body.
pub fn scripts() -> String {
    format!("<script>{BUNDLE}</script><script>{EXPLORER}</script>")
}
