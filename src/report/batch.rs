//! `index.html` of a batch: every dataset with its status and links to its report.

use super::html::escape;
use crate::output::BatchOutcome;

/// `index.html`: every dataset with its status and a link to its report.
pub fn page(outcomes: &[BatchOutcome]) -> String {
    let mut h = String::from(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<title>consortia batch</title><style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:1100px;padding:0 1em}\
table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}\
th{background:#f4f4f4}.failed{color:#b00020}pre{white-space:pre-wrap;margin:0;font-size:.85em}</style></head><body>\
<h1>批量分析 Batch analysis</h1>",
    );
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    h.push_str(&format!(
        "<p>{} datasets: {} analysed, {} failed. Timings are in batch_timings.csv.</p>",
        outcomes.len(),
        outcomes.len() - failed,
        failed
    ));
    h.push_str("<table><thead><tr><th>dataset</th><th>status</th><th>organisations</th><th>ties</th><th>report / error</th></tr></thead><tbody>");
    for o in outcomes {
        let name = escape(&o.name);
        match (&o.error, o.counts) {
            (None, Some((n, t))) => h.push_str(&format!(
                "<tr><td>{name}</td><td>ok</td><td>{n}</td><td>{t}</td><td><a href=\"{href}/report.html\">report</a> · <a href=\"{href}/tables/\">tables</a> · <a href=\"{href}/summary.json\">summary.json</a></td></tr>",
                href = escape(&percent_path(&o.name))
            )),
            (e, _) => h.push_str(&format!(
                "<tr class=\"failed\"><td>{name}</td><td>failed</td><td></td><td></td><td><pre>{}</pre></td></tr>",
                escape(e.as_deref().unwrap_or(""))
            )),
        }
    }
    h.push_str("</tbody></table></body></html>\n");
    h
}

/// Percent-encode a folder name for an href (everything but unreserved ASCII).
fn percent_path(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
