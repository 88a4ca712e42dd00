//! Report: one self-contained HTML page — headline figures, every chart (inlined as data
//! URIs), every table (sortable; a search box on the organisation table) — with no network
//! access (a Content-Security-Policy forbids any load but inline data).
//!
//! Every string from the data goes through [`escape`]; figures are embedded as `<img>`
//! data URIs, so nothing inside an SVG can run; the page's own script only reads
//! `textContent`. No timestamps: the same input gives the same bytes.

use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;

use crate::dataset::Dataset;
use crate::error::Error;
use crate::export::cell::opt_float;
use crate::export::tables::{self, TextCells};
use crate::metrics::Results;
use crate::render::font::ChosenFont;
use crate::render::Figure;

/// Rows of the organisation table shown in the page (the CSV has them all).
pub const MAX_ORG_ROWS: usize = 2000;
/// Rows of the other long tables shown in the page.
pub const MAX_ROWS: usize = 2000;

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A table for the page: header, rows of cells (already text), an id and a note.
struct Table<'a> {
    id: &'a str,
    title: &'a str,
    header: Vec<&'a str>,
    rows: Vec<Vec<String>>,
    note: String,
    search: bool,
}

fn write_table(html: &mut String, t: &Table<'_>) {
    let _ = write!(html, "<section><h2>{}</h2>", escape(t.title));
    if !t.note.is_empty() {
        let _ = write!(html, "<p class=\"note\">{}</p>", escape(&t.note));
    }
    if t.search {
        let _ = write!(
            html,
            "<input type=\"search\" class=\"filter\" data-table=\"{id}\" placeholder=\"搜索 Search…\" aria-label=\"Search {id}\">",
            id = t.id
        );
    }
    let _ = write!(
        html,
        "<div class=\"scroll\"><table id=\"{}\" class=\"sortable\"><thead><tr>",
        t.id
    );
    for h in &t.header {
        let _ = write!(html, "<th>{}</th>", escape(h));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        html.push_str("<tr>");
        for c in row {
            let _ = write!(html, "<td>{}</td>", escape(c));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div></section>");
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif;margin:2em auto;max-width:1200px;color:#212121;padding:0 1em}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}\
.cards{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}\
.card b{display:block;font-size:1.4em}figure{margin:1.5em 0}figure img{width:100%;height:auto;border:1px solid #eee}\
figcaption{color:#555;font-size:.9em}.scroll{max-height:32em;overflow:auto}table{border-collapse:collapse;font-size:.85em}\
th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left}th{background:#f4f4f4;cursor:pointer;position:sticky;top:0}\
.note{color:#555;font-size:.9em}.filter{margin:.5em 0;padding:.3em;width:20em}";

/// Sorting by a clicked header (numeric when both cells are numbers) and filtering by the
/// search box; reads and moves rows only, never parses HTML.
const SCRIPT: &str = "document.querySelectorAll('table.sortable').forEach(function(t){\
t.querySelectorAll('th').forEach(function(th,i){var asc=true;th.addEventListener('click',function(){\
var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){\
var a=x.cells[i].textContent,c=y.cells[i].textContent;var p=parseFloat(a),q=parseFloat(c);\
var r=(a!==''&&c!==''&&!isNaN(p)&&!isNaN(q))?p-q:a.localeCompare(c);return asc?r:-r;});\
asc=!asc;rows.forEach(function(r){b.appendChild(r);});});});});\
document.querySelectorAll('input.filter').forEach(function(inp){inp.addEventListener('input',function(){\
var q=inp.value.toLowerCase();var t=document.getElementById(inp.getAttribute('data-table'));\
Array.prototype.forEach.call(t.tBodies[0].rows,function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});});});";

/// Write `report.html` into `dir`; figures are read from `dir/figures`.
pub fn write(
    dir: &Path,
    ds: &Dataset,
    r: &Results,
    figures: &[Figure],
    font: Option<&ChosenFont>,
    title: &str,
) -> Result<(), Error> {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title><style>{STYLE}</style></head><body>\
<h1>{scenario}创新联合体合作网络分析 Innovation-consortium network: {t}</h1>",
        t = escape(title),
        scenario = if title.starts_with("scenario") { "情景 SCENARIO · " } else { "" }
    );
    if title.starts_with("scenario") {
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
        ("density 密度", opt_float(n.density)),
        (
            "cross-region tie share 跨区域联系占比",
            opt_float(r.cross_region_tie_share),
        ),
        (
            "mean chain coverage 平均产业链覆盖率",
            opt_float(r.mean_chain_coverage),
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
    for f in figures {
        write_figure(&mut html, dir, f)?;
    }
    html.push_str("</section>");
    // Tables: the same model the CSV files are written from, names as given (escaped here).
    for table in tables::build_all(ds, r, TextCells::AsGiven) {
        let (id, title, search) = match table.file {
            "org_centrality.csv" => ("org-centrality", "组织中心性 Organisation centrality", true),
            "consortium_summary.csv" => ("consortium-summary", "联合体概况 Consortia", false),
            "chain_coverage.csv" => ("chain-coverage", "产业链覆盖 Chain coverage", false),
            "region_ties.csv" => ("region-ties", "区域联系 Region ties", false),
            "compliance.csv" => ("compliance", "规则符合性 Programme rules", false),
            _ => ("program-comparison", "项目群比较 Programmes", false),
        };
        let total = table.rows.len();
        let limit = if search { MAX_ORG_ROWS } else { MAX_ROWS };
        let rows: Vec<Vec<String>> = if search && total > limit {
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
            "compliance.csv" => format!(
                "Each consortium and joint project checked against its programme's stated rules ({}). Members are the organisations listed in the data, which for the public record are often fewer than the stated member count; a fail is a finding about the data, not an error. pass is empty when the data cannot decide.",
                r.rules.iter().map(|s| format!("{}: {}", s.program, s.title)).collect::<Vec<_>>().join("; ")
            ),
            _ => String::new(),
        };
        if rows.len() < total {
            note.push_str(&format!(
                " Shown: {} of {} rows{}; all are in tables/{}.",
                rows.len(),
                total,
                if search {
                    ", the most central first"
                } else {
                    ""
                },
                table.file
            ));
        }
        write_table(
            &mut html,
            &Table {
                id,
                title,
                header: table.header,
                rows,
                note,
                search,
            },
        );
    }
    let _ = writeln!(html, "<script>{SCRIPT}</script></body></html>");
    let path = dir.join("report.html");
    std::fs::write(&path, html)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

/// Write `comparison.html` into `dir`: what was compared, the indicators and their
/// formulas, a warning for groups resting on few consortia, the figures and the table.
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

pub fn write_comparison(
    dir: &Path,
    rows: &[crate::compare::ComparisonRow],
    figures: &[Figure],
    config: &crate::compare::CompareConfig,
) -> Result<(), Error> {
    let names = crate::compare::dataset_names(&config.datasets);
    let title = names.join(" · ");
    let scenario = names.iter().any(|n| n.starts_with("scenario"));
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title><style>{STYLE}</style></head><body>\
<h1>{s}创新联合体模式比较 Consortium comparison: {t}</h1>",
        t = escape(&title),
        s = if scenario { "情景 SCENARIO · " } else { "" }
    );
    if scenario {
        html.push_str("<p class=\"note\"><b>情景数据 Scenario data</b> is among the datasets compared: its organisations and consortia are invented; see its README.</p>");
    }
    let _ = write!(
        html,
        "<p class=\"note\">Grouped by {}. Intervals: 95% percentile bootstrap over the group's consortia ({} resamples, seed {}).</p>",
        match config.by {
            crate::compare::GroupBy::Program => "programme",
            crate::compare::GroupBy::Dataset => "dataset",
        },
        config.bootstrap.resamples,
        config.bootstrap.seed
    );
    let few: Vec<String> = rows
        .iter()
        .filter(|r| r.indicators.consortia < crate::compare::FEW_CONSORTIA)
        .map(|r| format!("{} (n={})", r.group, r.indicators.consortia))
        .collect();
    if !few.is_empty() {
        let _ = write!(
            html,
            "<p class=\"note\"><b>Few consortia:</b> {} — means over fewer than {} consortia can differ by chance alone; read their intervals, not their bars.</p>",
            escape(&few.join(", ")),
            crate::compare::FEW_CONSORTIA
        );
    }
    html.push_str("<section><h2>图表 Figures</h2>");
    if figures.is_empty() {
        html.push_str("<p class=\"note\">No figures were drawn: no usable font was found (install fonts-noto-cjk or pass --font).</p>");
    }
    for f in figures {
        write_figure(&mut html, dir, f)?;
    }
    html.push_str("</section>");
    let table = crate::compare::table(rows, TextCells::AsGiven);
    write_table(
        &mut html,
        &Table {
            id: "comparison",
            title: "比较表 Comparison table",
            header: table.header,
            rows: table.rows,
            note: "All indicators are in comparison.csv; click a header to sort.".to_string(),
            search: false,
        },
    );
    html.push_str("<section><h2>指标 Indicators</h2><table><thead><tr><th>column</th><th>formula</th></tr></thead><tbody>");
    for (c, what) in crate::compare::COLUMNS {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(c),
            escape(what)
        );
    }
    html.push_str("</tbody></table></section>");
    let _ = writeln!(html, "<script>{SCRIPT}</script></body></html>");
    let path = dir.join("comparison.html");
    std::fs::write(&path, html)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

/// One figure, inlined as an SVG data URI.
fn write_figure(html: &mut String, dir: &Path, f: &Figure) -> Result<(), Error> {
    let svg_path = dir.join("figures").join(format!("{}.svg", f.name));
    let svg = std::fs::read(&svg_path)
        .map_err(|e| Error::io(format!("cannot read {}", svg_path.display()), e))?;
    let data = base64::engine::general_purpose::STANDARD.encode(svg);
    let _ = write!(
        html,
        "<figure id=\"fig-{name}\"><img alt=\"{alt}\" src=\"data:image/svg+xml;base64,{data}\"><figcaption>{cap} (files: figures/{name}.svg, .png)</figcaption></figure>",
        name = f.name,
        alt = escape(f.name),
        cap = escape(&f.caption)
    );
    Ok(())
}

/// Plain-text account of a `check`: one line per rule set with its counts, then one line
/// per failed or undecidable check.
pub fn compliance_text(c: &crate::CheckOutcome) -> String {
    use crate::rules::Unit;
    let mut s = String::new();
    for (si, set) in c.rules.iter().enumerate() {
        let f: Vec<_> = c.findings.iter().filter(|f| f.set == si).collect();
        let count = |p: Option<bool>| f.iter().filter(|x| x.pass == p).count();
        let _ = writeln!(
            s,
            "{}: {} checks on {} — {} passed, {} failed, {} undetermined",
            set.program,
            f.len(),
            set.units
                .iter()
                .map(|u| u.as_str())
                .collect::<Vec<_>>()
                .join("+"),
            count(Some(true)),
            count(Some(false)),
            count(None)
        );
        for x in f.iter().filter(|x| x.pass != Some(true)) {
            let id = match x.unit {
                Unit::Consortium => &c.dataset.consortia[x.index].id,
                Unit::Project => &c.dataset.projects[x.index].id,
            };
            let _ = writeln!(
                s,
                "  {} {} {}: {} = {} (required {}){}",
                if x.pass.is_none() { "n/a " } else { "FAIL" },
                x.unit.as_str(),
                id,
                set.rules[x.rule].id,
                if x.value.is_empty() { "-" } else { &x.value },
                x.required,
                if x.detail.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", x.detail)
                }
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_html_cares_about() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'q'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        );
        assert_eq!(escape("苏州"), "苏州");
    }
}
