//! GraphML writer (`network.graphml`), for NetworkX (`read_graphml`), igraph
//! (`Graph.Read_GraphML`), graphology-graphml, Gephi, Cytoscape and yEd.
//!
//! Reference: GraphML primer and the GraphML attributes extension (`<key attr.name
//! attr.type>`). What is written:
//! - one `<key for="node">` per column, typed `int` (`long` when a value needs 64 bits),
//!   `double`, `boolean` or `string` ([`super::AttrType`]), with ids `d0`, `d1`, … in
//!   column order;
//! - a `label` key (string) for the node label, and — when any node has a map place —
//!   `x`, `y`, `size` (double) and `r`, `g`, `b` (int) keys, the names Gephi's GraphML
//!   importer reads as position, size and colour (graphology turns r/g/b into `color`);
//! - a `weight` key (double) for edges;
//! - `<graph edgedefault="undirected">`, nodes with `id` = the node id, edges with ids
//!   `e0`, `e1`, … in edge order.
//!
//! A missing value gets no `<data>` element (readers: NetworkX has no such key on the
//! node; igraph fills NaN for numbers, "" for text and false for booleans, as it must
//! store some value for every vertex). No defaults are declared.

use std::io::{self, Write};

use super::{fmt_float, xml_escape, AttrType, ExportGraph};

/// The GraphML `attr.type` of a column type.
pub fn type_name(ty: AttrType) -> &'static str {
    match ty {
        AttrType::Integer => "int",
        AttrType::Float => "double",
        AttrType::Boolean => "boolean",
        AttrType::Text => "string",
    }
}

/// Write `g` as a GraphML document (UTF-8, LF line ends, two-space indentation).
/// Fails with `InvalidInput` if `g` does not validate, before writing anything.
pub fn write(g: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    g.check()?;
    let mut w = io::BufWriter::new(out);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    let key = |w: &mut dyn Write, id: &str, domain: &str, name: &str, ty: &str| {
        writeln!(
            w,
            r#"  <key id="{id}" for="{domain}" attr.name="{}" attr.type="{ty}"/>"#,
            xml_escape(name)
        )
    };
    key(&mut w, "label", "node", "label", "string")?;
    for (i, c) in g.node_columns.iter().enumerate() {
        let ty = if g.is_long(i) {
            "long"
        } else {
            type_name(c.ty)
        };
        key(&mut w, &format!("d{i}"), "node", &c.name, ty)?;
    }
    let viz = g.nodes.iter().any(|n| n.viz.is_some());
    if viz {
        for k in ["x", "y", "size"] {
            key(&mut w, k, "node", k, "double")?;
        }
        for k in ["r", "g", "b"] {
            key(&mut w, k, "node", k, "int")?;
        }
    }
    key(&mut w, "weight", "edge", "weight", "double")?;
    writeln!(w, r#"  <graph id="G" edgedefault="undirected">"#)?;
    for n in &g.nodes {
        writeln!(w, r#"    <node id="{}">"#, xml_escape(&n.id))?;
        writeln!(
            w,
            r#"      <data key="label">{}</data>"#,
            xml_escape(&n.label)
        )?;
        for (i, v) in n.values.iter().enumerate() {
            if let Some(t) = v.to_text() {
                writeln!(w, r#"      <data key="d{i}">{}</data>"#, xml_escape(&t))?;
            }
        }
        if let Some(z) = &n.viz {
            for (k, v) in [("x", z.x), ("y", z.y), ("size", z.size)] {
                writeln!(w, r#"      <data key="{k}">{}</data>"#, num(v))?;
            }
            let (r, gr, b) = z.color;
            for (k, v) in [("r", r), ("g", gr), ("b", b)] {
                writeln!(w, r#"      <data key="{k}">{v}</data>"#)?;
            }
        }
        writeln!(w, "    </node>")?;
    }
    for (k, e) in g.edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{k}" source="{}" target="{}">"#,
            xml_escape(&g.nodes[e.source].id),
            xml_escape(&g.nodes[e.target].id)
        )?;
        writeln!(w, r#"      <data key="weight">{}</data>"#, num(e.weight))?;
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
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
    fn typed_keys_labels_viz_and_weights() {
        let s = text(&sample::tiny());
        for snippet in [
            r#"<key id="label" for="node" attr.name="label" attr.type="string"/>"#,
            r#"<key id="d0" for="node" attr.name="community" attr.type="int"/>"#,
            r#"<key id="d2" for="node" attr.name="betweenness" attr.type="double"/>"#,
            r#"<key id="d3" for="node" attr.name="articulation" attr.type="boolean"/>"#,
            r#"<key id="d4" for="node" attr.name="province" attr.type="string"/>"#,
            r#"<key id="r" for="node" attr.name="r" attr.type="int"/>"#,
            r#"<key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#,
            r#"<graph id="G" edgedefault="undirected">"#,
            "<data key=\"label\">a &quot;b&quot;, &lt;c&gt; &amp; 苏州 &apos;=cmd&apos;</data>",
            r#"<data key="d2">0.5</data>"#,
            r#"<data key="d3">true</data>"#,
            r#"<data key="d4">江苏</data>"#,
            r#"<data key="x">1.5</data>"#,
            r#"<data key="y">-2</data>"#,
            r#"<data key="size">10</data>"#,
            r#"<data key="r">255</data>"#,
            r#"<edge id="e0" source="o1" target="o2">"#,
            r#"<data key="weight">2</data>"#,
        ] {
            assert!(s.contains(snippet), "missing {snippet}\n{s}");
        }
        let o2 = &s[s.find(r#"<node id="o2">"#).unwrap()..s.find(r#"<node id="o3">"#).unwrap()];
        assert!(
            !o2.contains(r#"key="d2""#),
            "missing betweenness written: {o2}"
        );
        assert!(o2.contains(r#"<data key="d3">false</data>"#), "{o2}");
    }

    #[test]
    fn no_viz_keys_without_positions() {
        let mut g = sample::tiny();
        for n in &mut g.nodes {
            n.viz = None;
        }
        let s = text(&g);
        assert!(!s.contains(r#"attr.name="x""#), "{s}");
        assert!(!s.contains(r#"key="r""#), "{s}");
        g.nodes[2].values[1] = super::super::AttrValue::Int(-(1 << 33));
        let s = text(&g);
        assert!(
            s.contains(r#"attr.name="degree" attr.type="long"/>"#),
            "{s}"
        );
    }
}
