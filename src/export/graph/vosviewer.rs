//! VOSviewer writers: map and network files (`vosviewer_map.txt`,
//! `vosviewer_network.txt`) and the JSON format (`vosviewer.json`), for VOSviewer and
//! VOSviewer Online.
//!
//! Reference: VOSviewer manual 1.6.20 §4.1 "Map and network files" (also the VOSviewer
//! Online documentation, "Map and network files" and "JSON file type"):
//! - a map file is tab-separated with a header line naming each column: `id`, `label`,
//!   `description`, `x`, `y`, `cluster` (an integer 1–1000), `weight<…>` (non-negative
//!   numbers), `score<…>` (numbers); a label containing a comma or semicolon must be
//!   enclosed in double quotes;
//! - a network file has no header and one link per line: `id1`, `id2`, `strength`,
//!   tab-separated;
//! - the JSON file is `{"network": {"items": [...], "links": [...]}}`, an item having
//!   `id`, `label`, `description`, `x`, `y`, `cluster`, `weights` {name: number} and
//!   `scores` {name: number}, a link `source_id`, `target_id`, `strength`.
//!
//! Choices (the manuals are silent or VOSviewer would reject the value otherwise):
//! - items are identified by the numbers 1, 2, … in node order (the same as Pajek's);
//!   the node id (org_id) goes into `description`, HTML-escaped since VOSviewer renders
//!   descriptions as HTML;
//! - text files: a label has `"` replaced by `'` (no escape for a quote inside a quoted
//!   label is documented), tab/LF/CR replaced by a space, and is quoted when it contains
//!   `,` or `;`; the JSON keeps the label as is (JSON escapes it) apart from
//!   [`super::clean_text`];
//! - `weights` always start with `Links` (number of other nodes tied to the item) and
//!   `Total link strength` (sum of the weights of those ties), as VOSviewer computes and
//!   saves them, then the caller's weight columns; a missing weight is written as 0 and a
//!   negative one is an error; a missing score is an empty cell / an absent key;
//! - `x`/`y` are written only when every node has a map place ([`super::Viz`]),
//!   otherwise VOSviewer lays the map out itself; `y` grows upwards;
//! - a cluster outside 1–1000 (or missing) is left empty / absent.

use std::io::{self, Write};

use super::{clean_text, fmt_float, one_line, AttrValue, ExportGraph};

/// Which columns become VOSviewer's cluster, weights and scores.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VosOptions {
    /// Index of an integer column holding the cluster (contract: `community`).
    pub cluster: Option<usize>,
    /// `(title, column)`: written as `weight<title>` after `Links` and `Total link
    /// strength` (contract: collaborations and betweenness). Numeric columns only.
    pub weights: Vec<(String, usize)>,
    /// `(title, column)`: written as `score<title>`. Numeric columns only.
    pub scores: Vec<(String, usize)>,
}

/// One item as the three writers see it.
struct Item {
    label: String,
    description: String,
    xy: Option<(String, String)>,
    cluster: Option<u32>,
    weights: Vec<String>,
    scores: Vec<Option<String>>,
}

/// Check the options against `g` and compute every item's fields.
fn items(g: &ExportGraph, opt: &VosOptions) -> io::Result<(Vec<String>, Vec<String>, Vec<Item>)> {
    g.check()?;
    let bad = |m: String| io::Error::new(io::ErrorKind::InvalidInput, format!("VOSviewer: {m}"));
    let mut weight_titles = vec!["Links".to_string(), "Total link strength".to_string()];
    let mut score_titles = Vec::new();
    for (titles, given) in [
        (&mut weight_titles, &opt.weights),
        (&mut score_titles, &opt.scores),
    ] {
        for (t, col) in given {
            if t.is_empty() || t.contains(['<', '>', '"', '\t', '\n', '\r']) || t != &clean_text(t)
            {
                return Err(bad(format!("title {t:?} cannot go into a column header")));
            }
            if titles.contains(t) {
                return Err(bad(format!("title {t:?} appears twice")));
            }
            if *col >= g.node_columns.len() {
                return Err(bad(format!("no column {col}")));
            }
            titles.push(t.clone());
        }
    }
    if let Some(c) = opt.cluster {
        if g.node_columns.get(c).map(|c| c.ty) != Some(super::AttrType::Integer) {
            return Err(bad(format!("cluster column {c} is not an integer column")));
        }
    }
    let mut links = vec![0u64; g.nodes.len()];
    let mut strength = vec![0f64; g.nodes.len()];
    for e in g.edges.iter().filter(|e| e.source != e.target) {
        for i in [e.source, e.target] {
            links[i] += 1;
            strength[i] += e.weight;
        }
    }
    let all_xy = g.nodes.iter().all(|n| n.viz.is_some());
    let mut out = Vec::with_capacity(g.nodes.len());
    for (i, n) in g.nodes.iter().enumerate() {
        let mut weights = vec![links[i].to_string(), num(strength[i])];
        for (t, col) in &opt.weights {
            let v = &n.values[*col];
            let w = match v {
                v if v.is_missing() => 0.0,
                v => v
                    .as_f64()
                    .ok_or_else(|| bad(format!("weight {t:?}: {v:?} is not a number")))?,
            };
            if w < 0.0 {
                return Err(bad(format!("weight {t:?} of {:?} is negative ({w})", n.id)));
            }
            weights.push(num(w));
        }
        let mut scores = Vec::new();
        for (t, col) in &opt.scores {
            let v = &n.values[*col];
            scores.push(match v {
                v if v.is_missing() => None,
                v => Some(num(v.as_f64().ok_or_else(|| {
                    bad(format!("score {t:?}: {v:?} is not a number"))
                })?)),
            });
        }
        let cluster = opt.cluster.and_then(|c| match n.values[c] {
            AttrValue::Int(k) if (1..=1000).contains(&k) => Some(k as u32),
            _ => None,
        });
        out.push(Item {
            label: n.label.clone(),
            description: html_escape(&n.id),
            xy: n.viz.filter(|_| all_xy).map(|z| (num(z.x), num(z.y))),
            cluster,
            weights,
            scores,
        });
    }
    Ok((weight_titles, score_titles, out))
}

/// A finite number in shortest form (non-finite cannot reach here: validated).
fn num(v: f64) -> String {
    fmt_float(v).unwrap_or_else(|| "0".to_string())
}

/// `&`, `<`, `>` as HTML entities (descriptions are rendered as HTML).
fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A label or description for a map-file cell (see the module doc).
pub fn cell(s: &str) -> String {
    let s = one_line(s).replace('"', "'");
    if s.contains([',', ';']) {
        format!("\"{s}\"")
    } else {
        s
    }
}

/// Write the map file: header line, then one tab-separated line per node (LF ends).
pub fn write_map(g: &ExportGraph, opt: &VosOptions, out: &mut dyn Write) -> io::Result<()> {
    let (wt, st, items) = items(g, opt)?;
    let with_xy = items.first().is_some_and(|i| i.xy.is_some());
    let mut header = vec!["id".to_string(), "label".into(), "description".into()];
    if with_xy {
        header.extend(["x".into(), "y".into()]);
    }
    if opt.cluster.is_some() {
        header.push("cluster".into());
    }
    header.extend(wt.iter().map(|t| format!("weight<{t}>")));
    header.extend(st.iter().map(|t| format!("score<{t}>")));
    let mut w = io::BufWriter::new(out);
    writeln!(w, "{}", header.join("\t"))?;
    for (i, it) in items.iter().enumerate() {
        let mut row = vec![(i + 1).to_string(), cell(&it.label), cell(&it.description)];
        if let Some((x, y)) = &it.xy {
            row.extend([x.clone(), y.clone()]);
        }
        if opt.cluster.is_some() {
            row.push(it.cluster.map(|c| c.to_string()).unwrap_or_default());
        }
        row.extend(it.weights.iter().cloned());
        row.extend(it.scores.iter().map(|s| s.clone().unwrap_or_default()));
        writeln!(w, "{}", row.join("\t"))?;
    }
    w.flush()
}

/// Write the network file: one `id1<TAB>id2<TAB>strength` line per edge, no header.
pub fn write_network(g: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    g.check()?;
    let mut w = io::BufWriter::new(out);
    for e in &g.edges {
        writeln!(w, "{}\t{}\t{}", e.source + 1, e.target + 1, num(e.weight))?;
    }
    w.flush()
}

/// A JSON string literal.
fn js(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Write the VOSviewer JSON file, one item or link per line.
pub fn write_json(g: &ExportGraph, opt: &VosOptions, out: &mut dyn Write) -> io::Result<()> {
    let (wt, st, items) = items(g, opt)?;
    let mut w = io::BufWriter::new(out);
    writeln!(w, "{{")?;
    writeln!(w, "  \"network\": {{")?;
    writeln!(w, "    \"items\": [")?;
    for (i, it) in items.iter().enumerate() {
        let mut fields = vec![
            format!("\"id\": {}", i + 1),
            format!("\"label\": {}", js(&clean_text(&it.label))),
            format!("\"description\": {}", js(&clean_text(&it.description))),
        ];
        if let Some((x, y)) = &it.xy {
            fields.push(format!("\"x\": {x}"));
            fields.push(format!("\"y\": {y}"));
        }
        if let Some(c) = it.cluster {
            fields.push(format!("\"cluster\": {c}"));
        }
        let weights: Vec<String> = wt
            .iter()
            .zip(&it.weights)
            .map(|(t, v)| format!("{}: {v}", js(t)))
            .collect();
        fields.push(format!("\"weights\": {{{}}}", weights.join(", ")));
        if !st.is_empty() {
            let scores: Vec<String> = st
                .iter()
                .zip(&it.scores)
                .filter_map(|(t, v)| v.as_ref().map(|v| format!("{}: {v}", js(t))))
                .collect();
            fields.push(format!("\"scores\": {{{}}}", scores.join(", ")));
        }
        let comma = if i + 1 < items.len() { "," } else { "" };
        writeln!(w, "      {{{}}}{comma}", fields.join(", "))?;
    }
    writeln!(w, "    ],")?;
    writeln!(w, "    \"links\": [")?;
    for (k, e) in g.edges.iter().enumerate() {
        let comma = if k + 1 < g.edges.len() { "," } else { "" };
        writeln!(
            w,
            "      {{\"source_id\": {}, \"target_id\": {}, \"strength\": {}}}{comma}",
            e.source + 1,
            e.target + 1,
            num(e.weight)
        )?;
    }
    writeln!(w, "    ]")?;
    writeln!(w, "  }}")?;
    writeln!(w, "}}")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;

    fn opts(g: &ExportGraph) -> VosOptions {
        VosOptions {
            cluster: g.column("community"),
            weights: vec![("Betweenness".into(), g.column("betweenness").unwrap())],
            scores: vec![("Degree".into(), g.column("degree").unwrap())],
        }
    }

    fn run(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
        let mut buf = Vec::new();
        f(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn map_file_exact() {
        let g = sample::tiny();
        let s = run(|w| write_map(&g, &opts(&g), w));
        assert_eq!(
            s,
            "id\tlabel\tdescription\tx\ty\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Betweenness>\tscore<Degree>\n\
             1\t\"a 'b', <c> & 苏州 '=cmd'\"\to1\t1.5\t-2\t1\t2\t3\t0.5\t2\n\
             2\tBeta Ltd\to2\t0\t0\t1\t1\t2\t0\t1\n\
             3\t苏州研究院\to3\t-1\t0.25\t2\t1\t1\t0\t1\n"
        );
    }

    #[test]
    fn network_file_exact() {
        let s = run(|w| write_network(&sample::tiny(), w));
        assert_eq!(s, "1\t2\t2\n1\t3\t1\n");
    }

    #[test]
    fn json_exact_and_parsable() {
        let g = sample::tiny();
        let s = run(|w| write_json(&g, &opts(&g), w));
        assert!(
            s.contains(r#"{"id": 1, "label": "a \"b\", <c> & 苏州 '=cmd'", "description": "o1", "x": 1.5, "y": -2, "cluster": 1, "weights": {"Links": 2, "Total link strength": 3, "Betweenness": 0.5}, "scores": {"Degree": 2}},"#),
            "{s}"
        );
        assert!(
            s.contains(r#"{"source_id": 1, "target_id": 3, "strength": 1}"#),
            "{s}"
        );
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["network"]["items"].as_array().unwrap().len(), 3);
        assert_eq!(v["network"]["links"].as_array().unwrap().len(), 2);
        assert_eq!(v["network"]["items"][0]["label"], sample::HOSTILE);
        // missing betweenness of o2 is weight 0
        assert_eq!(v["network"]["items"][1]["weights"]["Betweenness"], 0);
    }

    #[test]
    fn clusters_out_of_range_and_missing_scores_are_left_out() {
        let mut g = sample::tiny();
        g.nodes[2].values[0] = AttrValue::Int(1001);
        g.nodes[1].values[1] = AttrValue::Missing; // degree, used as a score
        let o = opts(&g);
        let s = run(|w| write_json(&g, &o, w));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert!(v["network"]["items"][2].get("cluster").is_none());
        assert_eq!(v["network"]["items"][1]["scores"], serde_json::json!({}));
        let m = run(|w| write_map(&g, &o, w));
        assert!(m.contains("\n2\tBeta Ltd\to2\t0\t0\t1\t1\t2\t0\t\n"), "{m}");
        assert!(
            m.contains("\n3\t苏州研究院\to3\t-1\t0.25\t\t1\t1\t0\t1\n"),
            "{m}"
        );
    }

    #[test]
    fn bad_options_and_no_positions() {
        let mut g = sample::tiny();
        let mut o = opts(&g);
        o.weights.push(("Links".into(), 1));
        assert!(write_map(&g, &o, &mut Vec::new()).is_err());
        let mut o = opts(&g);
        o.weights[0].0 = "a<b>".into();
        assert!(write_json(&g, &o, &mut Vec::new()).is_err());
        let mut o = opts(&g);
        o.cluster = g.column("province");
        assert!(write_map(&g, &o, &mut Vec::new()).is_err());
        g.nodes[0].viz = None;
        let s = run(|w| write_map(&g, &VosOptions::default(), w));
        assert!(
            s.starts_with("id\tlabel\tdescription\tweight<Links>\tweight<Total link strength>\n"),
            "{s}"
        );
        assert_eq!(cell("x;y"), "\"x;y\"");
        assert_eq!(cell("<o&1>"), "<o&1>");
    }
}
