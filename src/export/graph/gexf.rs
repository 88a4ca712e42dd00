//! GEXF 1.3 writer (`network.gexf`, `two_mode.gexf`), for Gephi, Gephi Lite, sigma.js
//! (graphology-gexf) and NetworkX (`read_gexf`, which detects the 1.3 namespace).
//!
//! Reference: GEXF 1.3 primer and schema (namespaces `http://gexf.net/1.3` and
//! `http://gexf.net/1.3/viz`). What is written:
//! - `<graph defaultedgetype="undirected" mode="static">`;
//! - `<attributes class="node" mode="static">` with one `<attribute id=NAME title=NAME
//!   type=…>` per column, typed `integer` (`long` when a value needs 64 bits),
//!   `double`, `boolean` or `string` ([`super::AttrType`]); no defaults are declared;
//! - per node `<attvalues>` with one `<attvalue for=NAME value=…>` per present value — a
//!   missing value is simply left out (no `<attvalues>` at all when every value is
//!   missing), so readers see no attribute rather than an empty or zero one;
//! - per node with a map place: `<viz:color r g b>`, `<viz:position x y z="0">` and
//!   `<viz:size value>`;
//! - per edge `<edge id="k" source target weight>` with the GEXF native `weight`
//!   attribute (k = 0, 1, … in edge order).
//!
//! Booleans are written `true`/`false` (graphology compares with `"true"`, NetworkX maps
//! both spellings). Text is escaped by [`super::xml_escape`].

use std::io::{self, Write};

use super::{fmt_float, xml_escape, AttrType, ExportGraph};

/// The GEXF 1.3 `type` of a column type.
pub fn type_name(ty: AttrType) -> &'static str {
    match ty {
        AttrType::Integer => "integer",
        AttrType::Float => "double",
        AttrType::Boolean => "boolean",
        AttrType::Text => "string",
    }
}

/// Write `g` as a GEXF 1.3 document (UTF-8, LF line ends, two-space indentation).
/// Fails with `InvalidInput` if `g` does not validate, before writing anything.
pub fn write(g: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    g.check()?;
    let mut w = io::BufWriter::new(out);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(w, "  <meta>")?;
    writeln!(w, "    <creator>consortia</creator>")?;
    writeln!(w, "  </meta>")?;
    writeln!(w, r#"  <graph defaultedgetype="undirected" mode="static">"#)?;
    if !g.node_columns.is_empty() {
        writeln!(w, r#"    <attributes class="node" mode="static">"#)?;
        for (i, c) in g.node_columns.iter().enumerate() {
            let name = xml_escape(&c.name);
            let ty = if g.is_long(i) {
                "long"
            } else {
                type_name(c.ty)
            };
            writeln!(
                w,
                r#"      <attribute id="{name}" title="{name}" type="{ty}"/>"#
            )?;
        }
        writeln!(w, "    </attributes>")?;
    }
    writeln!(w, "    <nodes>")?;
    for n in &g.nodes {
        write!(
            w,
            r#"      <node id="{}" label="{}""#,
            xml_escape(&n.id),
            xml_escape(&n.label)
        )?;
        let present: Vec<(usize, String)> = n
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.to_text().map(|t| (i, t)))
            .collect();
        if present.is_empty() && n.viz.is_none() {
            writeln!(w, "/>")?;
            continue;
        }
        writeln!(w, ">")?;
        if !present.is_empty() {
            writeln!(w, "        <attvalues>")?;
            for (i, text) in present {
                writeln!(
                    w,
                    r#"          <attvalue for="{}" value="{}"/>"#,
                    xml_escape(&g.node_columns[i].name),
                    xml_escape(&text)
                )?;
            }
            writeln!(w, "        </attvalues>")?;
        }
        if let Some(z) = &n.viz {
            let (r, gr, b) = z.color;
            writeln!(w, r#"        <viz:color r="{r}" g="{gr}" b="{b}"/>"#)?;
            writeln!(
                w,
                r#"        <viz:position x="{}" y="{}" z="0"/>"#,
                num(z.x),
                num(z.y)
            )?;
            writeln!(w, r#"        <viz:size value="{}"/>"#, num(z.size))?;
        }
        writeln!(w, "      </node>")?;
    }
    writeln!(w, "    </nodes>")?;
    writeln!(w, "    <edges>")?;
    for (k, e) in g.edges.iter().enumerate() {
        writeln!(
            w,
            r#"      <edge id="{k}" source="{}" target="{}" weight="{}"/>"#,
            xml_escape(&g.nodes[e.source].id),
            xml_escape(&g.nodes[e.target].id),
            num(e.weight)
        )?;
    }
    writeln!(w, "    </edges>")?;
    writeln!(w, "  </graph>")?;
    writeln!(w, "</gexf>")?;
    w.flush()
}

/// A validated (finite) number.
fn num(v: f64) -> String {
    fmt_float(v).expect("validated finite")
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;

    fn text(g: &ExportGraph) -> String {
        let mut buf = Vec::new();
        write(g, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn typed_attributes_viz_and_weights() {
        let s = text(&sample::tiny());
        for snippet in [
            r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz""#,
            r#"version="1.3">"#,
            r#"<graph defaultedgetype="undirected" mode="static">"#,
            r#"<attribute id="community" title="community" type="integer"/>"#,
            r#"<attribute id="betweenness" title="betweenness" type="double"/>"#,
            r#"<attribute id="articulation" title="articulation" type="boolean"/>"#,
            r#"<attribute id="province" title="province" type="string"/>"#,
            r#"<node id="o1" label="a &quot;b&quot;, &lt;c&gt; &amp; 苏州 &apos;=cmd&apos;">"#,
            r#"<attvalue for="betweenness" value="0.5"/>"#,
            r#"<attvalue for="articulation" value="true"/>"#,
            r#"<attvalue for="province" value="江苏"/>"#,
            r#"<viz:color r="255" g="0" b="0"/>"#,
            r#"<viz:position x="1.5" y="-2" z="0"/>"#,
            r#"<viz:size value="10"/>"#,
            r#"<edge id="0" source="o1" target="o2" weight="2"/>"#,
            r#"<edge id="1" source="o1" target="o3" weight="1"/>"#,
        ] {
            assert!(s.contains(snippet), "missing {snippet}\n{s}");
        }
        // o2's betweenness is missing: no attvalue for it, the others are there.
        let o2 = &s[s.find(r#"<node id="o2""#).unwrap()..s.find(r#"<node id="o3""#).unwrap()];
        assert!(!o2.contains(r#"for="betweenness""#), "{o2}");
        assert!(o2.contains(r#"<attvalue for="degree" value="1"/>"#), "{o2}");
        assert!(
            o2.contains(r#"<attvalue for="articulation" value="false"/>"#),
            "{o2}"
        );
        assert_eq!(s.matches("<attvalue ").count(), 3 * 5 - 1);
    }

    #[test]
    fn bare_node_and_deterministic_bytes() {
        let mut g = sample::tiny();
        for v in &mut g.nodes[2].values {
            *v = super::super::AttrValue::Missing;
        }
        g.nodes[2].viz = None;
        let s = text(&g);
        assert!(s.contains(r#"<node id="o3" label="苏州研究院"/>"#), "{s}");
        assert_eq!(text(&g), s);
        g.nodes[0].values[1] = super::super::AttrValue::Int(1 << 40);
        let s = text(&g);
        assert!(
            s.contains(r#"<attribute id="degree" title="degree" type="long"/>"#),
            "{s}"
        );
        assert!(
            s.contains(r#"<attvalue for="degree" value="1099511627776"/>"#),
            "{s}"
        );
    }
}
