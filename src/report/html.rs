//! Pieces every page shares: the head with its Content-Security-Policy and style, HTML
//! escaping, a sortable table, an inlined figure, and the page's small script (sorting and
//! filtering; it reads and moves rows only, never parses HTML).

use std::fmt::Write as _;

use base64::Engine as _;

use crate::output::Figure;

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

/// A number for reading: 3 significant figures (`0.0401`, `12.3`, `1.23e-5`), thousands
/// kept whole (`4013`); empty when undefined. Tables keep full precision.
pub fn readable(v: Option<f64>) -> String {
    let Some(v) = v else {
        return String::new();
    };
    if v == 0.0 || !v.is_finite() {
        return format!("{}", if v == 0.0 { 0.0 } else { v });
    }
    let magnitude = v.abs().log10().floor() as i32;
    if !(-4..6).contains(&magnitude) {
        return format!("{v:.2e}");
    }
    let decimals = (2 - magnitude).max(0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A share for reading, as a percentage with 3 significant figures (`4.01%`); empty when
/// undefined.
pub fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{}%", readable(Some(v * 100.0))))
        .unwrap_or_default()
}

/// The page's head and opening `<body>`: charset, a Content-Security-Policy that forbids
/// every load but inline data, the title and the shared style.
pub fn head(title: &str) -> String {
    head_styled(title, "")
}

/// [`head`] with `css` added to the shared style.
pub fn head_styled(title: &str, css: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title><style>{STYLE}{css}</style></head><body>",
        t = escape(title)
    )
}

/// The CSP of every page with figures: inline styles and scripts, images as data URIs.
pub const CSP: &str =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/// The page's closing: the table script and `</body></html>`.
pub fn tail() -> String {
    format!("<script>{SCRIPT}</script></body></html>\n")
}

/// A table for a page: header, rows of cells (already text), an id and a note.
pub struct Table<'a> {
    /// Element id.
    pub id: &'a str,
    /// Heading.
    pub title: &'a str,
    /// Column names.
    pub header: Vec<&'a str>,
    /// Cells, already text (escaped here).
    pub rows: Vec<Vec<String>>,
    /// A note under the heading; empty for none.
    pub note: String,
    /// Whether a search box filters its rows.
    pub search: bool,
}

pub fn table(html: &mut String, t: &Table<'_>) {
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

pub const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif;margin:2em auto;max-width:1200px;color:#212121;padding:0 1em}\
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

/// One figure, inlined as its PNG (drawn with the figures' own font, so the page looks
/// the same on every screen, with or without Chinese fonts; the vector files are beside it).
pub fn figure(html: &mut String, f: &Figure) {
    let data = base64::engine::general_purpose::STANDARD.encode(&f.png);
    let _ = write!(
        html,
        "<figure id=\"fig-{name}\"><img alt=\"{alt}\" src=\"data:image/png;base64,{data}\"><figcaption>{cap} (files: figures/{name}.svg, .png, .pdf)</figcaption></figure>",
        name = f.name,
        alt = escape(f.name),
        cap = escape(&f.caption)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_with_three_significant_figures() {
        assert_eq!(readable(Some(0.04013884359129665)), "0.0401");
        assert_eq!(readable(Some(12.345)), "12.3");
        assert_eq!(readable(Some(4013.0)), "4013");
        assert_eq!(readable(Some(1.0)), "1");
        assert_eq!(readable(Some(0.5)), "0.5");
        assert_eq!(readable(Some(0.0)), "0");
        assert_eq!(readable(Some(1.234e-6)), "1.23e-6");
        assert_eq!(readable(None), "");
        assert_eq!(percent(Some(0.04013884359129665)), "4.01%");
        assert_eq!(percent(Some(1.0)), "100%");
    }

    #[test]
    fn escapes_everything_html_cares_about() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'q'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        );
        assert_eq!(escape("苏州"), "苏州");
    }
}
