//! `comparison.html`: the self-contained page of `consortia compare`.

use std::fmt::Write as _;

use super::analysis::MAX_ROWS;
use super::html::{self, escape, figure, head, tail};
use crate::config::{dataset_names, CompareConfig};
use crate::metrics::comparison::{ComparisonRow, COLUMNS, FEW_CONSORTIA};
use crate::metrics::year_comparison;
use crate::output::{Figure, Table};

/// `comparison.html`: what was compared, the figures, the table (as built for
/// comparison.csv) and the formula of every column, with a warning for groups resting on
/// few consortia; with `--by year`, the yearly table (comparison_by_year.csv) too.
pub fn page(
    rows: &[ComparisonRow],
    table: &Table,
    by_year: Option<&Table>,
    figures: &[Figure],
    config: &CompareConfig,
) -> String {
    let names = dataset_names(&config.datasets);
    let title = names.join(" · ");
    let scenario = names.iter().any(|n| n.starts_with("scenario"));
    let mut html = head(&title);
    let _ = write!(
        html,
        "<h1>{s}创新联合体模式比较 Consortium comparison: {t}</h1>",
        t = escape(&title),
        s = if scenario { "情景 SCENARIO · " } else { "" }
    );
    if scenario {
        html.push_str("<p class=\"note\"><b>情景数据 Scenario data</b> is among the datasets compared: its organisations and consortia are invented; see its README.</p>");
    }
    let _ = write!(
        html,
        "<p class=\"note\">Grouped by {}. Intervals: 95% percentile bootstrap over the group's consortia ({} resamples, seed {}).</p>",
        config.by.as_str(),
        config.bootstrap.resamples,
        config.bootstrap.seed
    );
    let few: Vec<String> = rows
        .iter()
        .filter(|r| r.indicators.consortia < FEW_CONSORTIA)
        .map(|r| format!("{} (n={})", r.group, r.indicators.consortia))
        .collect();
    if !few.is_empty() {
        let _ = write!(
            html,
            "<p class=\"note\"><b>Few consortia:</b> {} — means over fewer than {} consortia can differ by chance alone; read their intervals, not their bars.</p>",
            escape(&few.join(", ")),
            FEW_CONSORTIA
        );
    }
    html.push_str("<section><h2>图表 Figures</h2>");
    if figures.is_empty() {
        html.push_str("<p class=\"note\">No figures were drawn: no usable font was found (install fonts-noto-cjk or pass --font).</p>");
    }
    for f in figures {
        figure(&mut html, f);
    }
    html.push_str("</section>");
    html::table(
        &mut html,
        &html::Table {
            id: "comparison",
            title: "比较表 Comparison table",
            header: table.header(),
            rows: table.rows.clone(),
            note: "All indicators are in comparison.csv; click a header to sort.".to_string(),
            search: false,
        },
    );
    if let Some(t) = by_year {
        html::table(
            &mut html,
            &html::Table {
                id: "comparison-by-year",
                title: "逐年比较 By year and age",
                header: t.header(),
                rows: t.rows.iter().take(MAX_ROWS).cloned().collect(),
                note: format!(
                    "Each programme's network at the end of each year (comparison_by_year.csv): {}. \
                     The columns from consortia on are those of evolution.csv, regions being \
                     provinces.",
                    year_comparison::COLUMNS
                        .iter()
                        .skip(3)
                        .map(|(c, what)| format!("{c} = {what}"))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                search: false,
            },
        );
    }
    html.push_str("<section><h2>指标 Indicators</h2><table><thead><tr><th>column</th><th>formula</th></tr></thead><tbody>");
    for (c, what) in COLUMNS {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(c),
            escape(what)
        );
    }
    html.push_str("</tbody></table></section>");
    html.push_str(&tail());
    html
}
