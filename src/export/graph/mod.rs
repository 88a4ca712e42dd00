//! Graph-format exports (contract v2, `exports/`): GEXF 1.3, GraphML, Pajek and VOSviewer.
//!
//! This module is self-contained: it knows nothing of the dataset or the metrics. The
//! caller fills an [`ExportGraph`] (typed node columns, one value per node and column,
//! optional map positions, undirected weighted edges) and hands it to a writer:
//!
//! | file | writer |
//! |---|---|
//! | `network.gexf`, `two_mode.gexf` | [`gexf::write`] |
//! | `network.graphml` | [`graphml::write`] |
//! | `network.net` | [`pajek::write_net`] |
//! | `communities.clu`, `regions.clu` | [`pajek::write_clu`] with [`pajek::column_partition`] |
//! | `vosviewer_map.txt`, `vosviewer_network.txt` | [`vosviewer::write_map`], [`vosviewer::write_network`] |
//! | `vosviewer.json` | [`vosviewer::write_json`] |
//!
//! Writers take a `&mut dyn std::io::Write` and create no files. Every writer first
//! checks the graph with [`ExportGraph::validate`] and fails with
//! [`std::io::ErrorKind::InvalidInput`] on a malformed one, before writing a byte.
//! The same graph always gives the same bytes: nodes and edges are written in the order
//! given, nothing depends on time, locale or hashing.
//!
//! Shared conventions:
//! - Floats are written by [`fmt_float`]: the shortest text that parses back to the same
//!   `f64` (as the CSV tables write them). A non-finite value (NaN, ±∞) counts as missing.
//! - A missing value is simply left out where the format allows it (GEXF, GraphML,
//!   VOSviewer JSON); each writer documents what it does otherwise.
//! - Text is UTF-8. Characters that XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C,
//!   U+000E–U+001F, U+FFFE, U+FFFF) are replaced by U+FFFD in every format (see
//!   [`clean_text`]); line-based formats (Pajek, VOSviewer text files) also turn tab, line
//!   feed and carriage return into a space.

pub mod gexf;
pub mod graphml;
pub mod network;
pub mod pajek;
pub mod vosviewer;

#[cfg(test)]
pub(crate) mod sample;

use std::collections::HashSet;
use std::io;

/// The type of a node column; decides how every format declares and writes it.
///
/// | type | GEXF 1.3 `type` | GraphML `attr.type` | text written |
/// |---|---|---|---|
/// | `Integer` | `integer` | `int` | decimal, no point (`-12`) |
/// | `Float` | `double` | `double` | [`fmt_float`] |
/// | `Boolean` | `boolean` | `boolean` | `true` / `false` |
/// | `Text` | `string` | `string` | escaped text |
///
/// GEXF `integer` is a 32-bit `xsd:int` in the GEXF 1.3 schema, GraphML `int` a 32-bit
/// int likewise (GraphML primer, "attr.type"): an integer column holding a value outside
/// the 32-bit range is declared `long` in both instead ([`ExportGraph::is_long`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// A whole number (counts, community numbers).
    Integer,
    /// A real number (centralities, shares).
    Float,
    /// true / false.
    Boolean,
    /// Free text (names, regions, types).
    Text,
}

/// A node column: its name (written as the attribute's id and title in GEXF, the key's
/// `attr.name` in GraphML) and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Attribute name, e.g. `betweenness`. Non-empty, unique among the columns, and not
    /// one of [`RESERVED_NAMES`].
    pub name: String,
    /// The type every value of the column has (or is [`AttrValue::Missing`]).
    pub ty: AttrType,
}

impl Column {
    /// A column named `name` of type `ty`.
    pub fn new(name: impl Into<String>, ty: AttrType) -> Self {
        Column {
            name: name.into(),
            ty,
        }
    }
}

/// Attribute names the writers use themselves (GraphML keys for the label, map position,
/// size, colour and edge weight; the GraphML reader of igraph stores the node id as
/// `id`): a column may not take one of them.
pub const RESERVED_NAMES: &[&str] = &["id", "label", "weight", "x", "y", "size", "r", "g", "b"];

/// One value of a node in one column. `Missing` is the empty CSV cell (undefined,
/// e.g. constraint of an isolate); a non-finite `Float` is treated as missing too.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    /// No value: left out of the export.
    Missing,
    /// A value of an [`AttrType::Integer`] column.
    Int(i64),
    /// A value of an [`AttrType::Float`] column.
    Float(f64),
    /// A value of an [`AttrType::Boolean`] column.
    Bool(bool),
    /// A value of an [`AttrType::Text`] column.
    Text(String),
}

impl AttrValue {
    /// True for `Missing` and for a non-finite float.
    pub fn is_missing(&self) -> bool {
        match self {
            AttrValue::Missing => true,
            AttrValue::Float(v) => !v.is_finite(),
            _ => false,
        }
    }

    /// The value as written in XML formats and text files (before escaping); `None` when
    /// missing.
    pub fn to_text(&self) -> Option<String> {
        if self.is_missing() {
            return None;
        }
        Some(match self {
            AttrValue::Missing => unreachable!(),
            AttrValue::Int(v) => v.to_string(),
            AttrValue::Float(v) => fmt_float(*v)?,
            AttrValue::Bool(v) => v.to_string(),
            AttrValue::Text(s) => s.clone(),
        })
    }

    /// The value as a number, for weights and scores: integers and floats; `None` when
    /// missing or not numeric.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            AttrValue::Int(v) => Some(*v as f64),
            AttrValue::Float(v) if v.is_finite() => Some(*v),
            _ => None,
        }
    }

    fn fits(&self, ty: AttrType) -> bool {
        matches!(
            (self, ty),
            (AttrValue::Missing, _)
                | (AttrValue::Int(_), AttrType::Integer)
                | (AttrValue::Float(_), AttrType::Float)
                | (AttrValue::Bool(_), AttrType::Boolean)
                | (AttrValue::Text(_), AttrType::Text)
        )
    }
}

/// Where and how a node is drawn on the network map (GEXF viz module, GEXF 1.3 primer
/// "viz"; VOSviewer x/y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viz {
    /// Horizontal position, in the network map's drawing units.
    pub x: f64,
    /// Vertical position, growing upwards as in Gephi and VOSviewer: negate an SVG
    /// (downward) coordinate before passing it.
    pub y: f64,
    /// Node size (GEXF `viz:size value`, Gephi's node diameter units); positive.
    pub size: f64,
    /// Fill colour, sRGB (red, green, blue), opaque.
    pub color: (u8, u8, u8),
}

/// One node: a stable id, a display label, one value per column, and optionally its
/// place on the network map.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportNode {
    /// Unique id (org_id); written as the node id in GEXF and GraphML. Pajek and
    /// VOSviewer number nodes 1, 2, … in the order of [`ExportGraph::nodes`] instead.
    pub id: String,
    /// Display label (the organisation's name); may be empty, any Unicode.
    pub label: String,
    /// One value per entry of [`ExportGraph::node_columns`], in the same order.
    pub values: Vec<AttrValue>,
    /// Map position, size and colour; all nodes or none should have one (VOSviewer
    /// writes positions only when every node has one).
    pub viz: Option<Viz>,
}

/// An undirected tie between two nodes (indices into [`ExportGraph::nodes`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExportEdge {
    /// Index of one end in [`ExportGraph::nodes`].
    pub source: usize,
    /// Index of the other end.
    pub target: usize,
    /// Tie weight (number of shared collaborations in the projection; 1 in the two-mode
    /// graph); finite and positive.
    pub weight: f64,
}

/// The graph every writer takes: typed node columns, nodes, undirected weighted edges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportGraph {
    /// Node attribute columns, in output order.
    pub node_columns: Vec<Column>,
    /// Nodes, in output order (Pajek/VOSviewer number them from 1 in this order).
    pub nodes: Vec<ExportNode>,
    /// Undirected edges, in output order.
    pub edges: Vec<ExportEdge>,
}

/// One node of the two-mode graph for [`ExportGraph::two_mode`].
#[derive(Debug, Clone, PartialEq)]
pub struct TwoModeNode {
    /// `organization`, `consortium` or `project` (contract v2, two_mode_centrality.csv).
    pub kind: String,
    /// The id within its kind (org_id, consortium_id or project_id).
    pub id: String,
    /// Display label (name or title).
    pub label: String,
    /// Values of the extra columns passed to [`ExportGraph::two_mode`].
    pub values: Vec<AttrValue>,
}

impl ExportGraph {
    /// The two-mode graph (organisations and collaborations): node ids become
    /// `kind:id` (an org and a consortium may share an id), and two text columns come
    /// first: `kind` and `node_id` (the id within its kind), then `extra_columns`.
    /// Edges refer to indices into `nodes` (weight 1 per membership/participation).
    pub fn two_mode(
        extra_columns: Vec<Column>,
        nodes: Vec<TwoModeNode>,
        edges: Vec<ExportEdge>,
    ) -> ExportGraph {
        let mut node_columns = vec![
            Column::new("kind", AttrType::Text),
            Column::new("node_id", AttrType::Text),
        ];
        node_columns.extend(extra_columns);
        let nodes = nodes
            .into_iter()
            .map(|n| {
                let mut values = vec![
                    AttrValue::Text(n.kind.clone()),
                    AttrValue::Text(n.id.clone()),
                ];
                values.extend(n.values);
                ExportNode {
                    id: format!("{}:{}", n.kind, n.id),
                    label: n.label,
                    values,
                    viz: None,
                }
            })
            .collect();
        ExportGraph {
            node_columns,
            nodes,
            edges,
        }
    }

    /// True when integer column `col` holds a value outside the 32-bit range, so XML
    /// formats must declare it `long` rather than `integer`/`int`.
    pub fn is_long(&self, col: usize) -> bool {
        self.nodes.iter().any(
            |n| matches!(n.values.get(col), Some(AttrValue::Int(v)) if i32::try_from(*v).is_err()),
        )
    }

    /// Index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.node_columns.iter().position(|c| c.name == name)
    }

    /// Check the graph is well formed: column names non-empty, unique and not reserved;
    /// every node has one value per column, of the column's type (or missing); node ids
    /// unique and non-empty; viz finite with a positive size; edge ends in range; edge
    /// weights finite and positive. The message names the first problem.
    pub fn validate(&self) -> Result<(), String> {
        let mut names = HashSet::new();
        for c in &self.node_columns {
            if c.name.is_empty() {
                return Err("a column has an empty name".into());
            }
            if RESERVED_NAMES.contains(&c.name.as_str()) {
                return Err(format!("column name {:?} is reserved", c.name));
            }
            if !names.insert(c.name.as_str()) {
                return Err(format!("column {:?} appears twice", c.name));
            }
        }
        let mut ids = HashSet::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if n.id.is_empty() {
                return Err(format!("node {i} has an empty id"));
            }
            if !ids.insert(n.id.as_str()) {
                return Err(format!("node id {:?} appears twice", n.id));
            }
            if n.values.len() != self.node_columns.len() {
                return Err(format!(
                    "node {:?} has {} values for {} columns",
                    n.id,
                    n.values.len(),
                    self.node_columns.len()
                ));
            }
            for (v, c) in n.values.iter().zip(&self.node_columns) {
                if !v.fits(c.ty) {
                    return Err(format!(
                        "node {:?}: value {v:?} does not fit column {:?} ({:?})",
                        n.id, c.name, c.ty
                    ));
                }
            }
            if let Some(z) = &n.viz {
                if !(z.x.is_finite() && z.y.is_finite() && z.size.is_finite() && z.size > 0.0) {
                    return Err(format!("node {:?}: viz {z:?} is not finite/positive", n.id));
                }
            }
        }
        for (k, e) in self.edges.iter().enumerate() {
            if e.source >= self.nodes.len() || e.target >= self.nodes.len() {
                return Err(format!("edge {k} refers to a node out of range"));
            }
            if !(e.weight.is_finite() && e.weight > 0.0) {
                return Err(format!(
                    "edge {k} has weight {} (must be finite, > 0)",
                    e.weight
                ));
            }
        }
        Ok(())
    }

    /// [`validate`](Self::validate) as an `io::Error` of kind `InvalidInput`.
    pub(crate) fn check(&self) -> io::Result<()> {
        self.validate()
            .map_err(|m| io::Error::new(io::ErrorKind::InvalidInput, format!("export graph: {m}")))
    }
}

/// Shortest decimal text that parses back to exactly `v`: plain notation from 1e-5 up to
/// 1e16 (`0.25`, `2`, `123456.789`), scientific outside (`1e-7`, `1.5e300`), `-0` as `0`;
/// `None` for NaN and ±∞ (missing). The same rule as the CSV tables, so values compare
/// equal as text and as numbers; every reader used here (XML Schema `xsd:double`,
/// JavaScript `Number`, Python `float`, Java `Double.parseDouble`) accepts both forms.
///
/// One exception: a subnormal value (0 < |v| < 2.2250738585072014e-308, `f64::MIN_POSITIVE`)
/// is written `0`, because igraph's number parser (GraphML and Pajek) reports the
/// underflow of e.g. `5e-324` as an error and refuses the whole file.
pub fn fmt_float(v: f64) -> Option<String> {
    if !v.is_finite() {
        return None;
    }
    if v.abs() < f64::MIN_POSITIVE {
        return Some("0".to_string());
    }
    let a = v.abs();
    Some(if (1e-5..1e16).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    })
}

/// True for a character XML 1.0 allows (XML 1.0 §2.2 `Char`): tab, LF, CR, U+0020–U+D7FF,
/// U+E000–U+FFFD, U+10000 and above (Rust strings hold no surrogates).
pub fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` with every character XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE,
/// U+FFFF) replaced by U+FFFD REPLACEMENT CHARACTER, so a hostile label stays visibly
/// altered instead of silently shortened. Applied by every writer, XML or not.
pub fn clean_text(s: &str) -> String {
    s.chars()
        .map(|c| if xml_allowed(c) { c } else { '\u{FFFD}' })
        .collect()
}

/// [`clean_text`], then tab, LF and CR turned into a space: for line- and tab-based
/// formats (Pajek, VOSviewer map/network files).
pub fn one_line(s: &str) -> String {
    clean_text(s)
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// `s` escaped for XML element text and attribute values alike: `&` `<` `>` `"` `'` as
/// entities, tab/LF/CR as character references (attribute-value normalisation would
/// otherwise turn them into spaces, XML 1.0 §3.3.3, and CR LF into LF in text, §2.11),
/// forbidden characters replaced as in [`clean_text`].
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if xml_allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_shortest_round_trip_and_non_finite_missing() {
        assert_eq!(fmt_float(0.1).as_deref(), Some("0.1"));
        assert_eq!(fmt_float(2.0).as_deref(), Some("2"));
        assert_eq!(fmt_float(-0.0).as_deref(), Some("0"));
        assert_eq!(fmt_float(1e-7).as_deref(), Some("1e-7"));
        assert_eq!(fmt_float(1.5e300).as_deref(), Some("1.5e300"));
        assert_eq!(fmt_float(f64::NAN), None);
        assert_eq!(fmt_float(f64::INFINITY), None);
        assert_eq!(fmt_float(5e-324).as_deref(), Some("0"));
        assert_eq!(fmt_float(-1e-310).as_deref(), Some("0"));
        assert_eq!(
            fmt_float(f64::MIN_POSITIVE).as_deref(),
            Some("2.2250738585072014e-308")
        );
        for v in [
            1.0 / 3.0,
            f64::MIN_POSITIVE,
            f64::MAX,
            123456.789,
            0.000123,
            2f64.sqrt(),
        ] {
            assert_eq!(fmt_float(v).unwrap().parse::<f64>().unwrap(), v);
        }
        assert!(AttrValue::Float(f64::NAN).is_missing());
        assert_eq!(AttrValue::Float(f64::NEG_INFINITY).to_text(), None);
    }

    #[test]
    fn xml_escaping_and_forbidden_characters() {
        assert_eq!(
            xml_escape("a \"b\", <c> & 苏州 '=cmd'"),
            "a &quot;b&quot;, &lt;c&gt; &amp; 苏州 &apos;=cmd&apos;"
        );
        assert_eq!(
            xml_escape("x\u{0}y\u{1F}z\u{FFFE}\u{FFFF}"),
            "x\u{FFFD}y\u{FFFD}z\u{FFFD}\u{FFFD}"
        );
        assert_eq!(xml_escape("a\tb\nc\r"), "a&#9;b&#10;c&#13;");
        assert_eq!(xml_escape("\u{7F}\u{10000}"), "\u{7F}\u{10000}");
        assert_eq!(one_line("a\tb\r\nc\u{8}"), "a b  c\u{FFFD}");
    }

    #[test]
    fn validation_names_the_problem() {
        let g = sample::tiny();
        assert_eq!(g.validate(), Ok(()));
        let mut bad = g.clone();
        bad.nodes[0].values[1] = AttrValue::Text("x".into());
        assert!(bad.validate().unwrap_err().contains("does not fit"));
        let mut bad = g.clone();
        bad.nodes[1].id = bad.nodes[0].id.clone();
        assert!(bad.validate().unwrap_err().contains("appears twice"));
        let mut bad = g.clone();
        bad.edges[0].weight = f64::NAN;
        assert!(bad.validate().unwrap_err().contains("weight"));
        let mut bad = g.clone();
        bad.node_columns[0].name = "label".into();
        assert!(bad.validate().unwrap_err().contains("reserved"));
        let mut bad = g;
        bad.edges[0].target = 9;
        let err = gexf::write(&bad, &mut Vec::new()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn two_mode_ids_are_prefixed_by_kind() {
        let g = ExportGraph::two_mode(
            vec![],
            vec![
                TwoModeNode {
                    kind: "organization".into(),
                    id: "c1".into(),
                    label: "Org".into(),
                    values: vec![],
                },
                TwoModeNode {
                    kind: "consortium".into(),
                    id: "c1".into(),
                    label: "Cons".into(),
                    values: vec![],
                },
            ],
            vec![ExportEdge {
                source: 0,
                target: 1,
                weight: 1.0,
            }],
        );
        assert_eq!(g.validate(), Ok(()));
        assert_eq!(g.nodes[1].id, "consortium:c1");
        assert_eq!(g.nodes[1].values[0], AttrValue::Text("consortium".into()));
        assert_eq!(g.nodes[1].values[1], AttrValue::Text("c1".into()));
    }
}
