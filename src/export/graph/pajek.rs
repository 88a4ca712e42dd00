//! Pajek writers: the network (`network.net`) and partitions (`communities.clu`,
//! `regions.clu`), for Pajek, NetworkX (`read_pajek`) and igraph (`Graph.Read_Pajek`).
//!
//! Reference: Pajek manual (input file formats: `*Vertices n`, then one line per vertex
//! `number "label"`; `*Edges` with `i j weight` lines; a partition file is `*Vertices n`
//! followed by one integer class per vertex, in vertex order). Written with CR LF line
//! ends, as Pajek (a Windows program) and igraph's own Pajek writer use; every reader
//! here accepts them.
//!
//! Vertices are numbered 1, 2, … in the order of [`ExportGraph::nodes`] (the same numbers
//! as the VOSviewer files). Labels are always quoted. Pajek has no escape inside a
//! quoted label, so a label is made quote-safe:
//! - `"` becomes `'` (a `"` would end the label);
//! - `\` becomes `/`: NetworkX splits lines shell-style (`shlex`), where `\\` collapses
//!   to `\` and a label ending in `\` swallows its closing quote;
//! - tab, LF and CR become a space (one vertex per line) and characters XML 1.0 forbids
//!   become U+FFFD, as in every format ([`super::one_line`]).
//!
//! Beware: NetworkX's `read_pajek` keys nodes by label, so two vertices with the same
//! label merge there (igraph keeps them apart, labels in the vertex attribute `id`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{fmt_float, one_line, AttrType, AttrValue, ExportGraph};

/// A label as written between the quotes of a `*Vertices` line (see the module doc).
pub fn label(s: &str) -> String {
    one_line(s).replace('"', "'").replace('\\', "/")
}

/// Write `g` as a Pajek network: `*Vertices n`, the quoted labels, `*Edges` and one
/// `source target weight` line per edge (1-based numbers, weight in shortest form).
/// Fails with `InvalidInput` if `g` does not validate, before writing anything.
pub fn write_net(g: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    g.check()?;
    let mut w = io::BufWriter::new(out);
    write!(w, "*Vertices {}\r\n", g.nodes.len())?;
    for (i, n) in g.nodes.iter().enumerate() {
        write!(w, "{} \"{}\"\r\n", i + 1, label(&n.label))?;
    }
    write!(w, "*Edges\r\n")?;
    for e in &g.edges {
        write!(
            w,
            "{} {} {}\r\n",
            e.source + 1,
            e.target + 1,
            fmt_float(e.weight).expect("validated finite")
        )?;
    }
    w.flush()
}

/// Write a Pajek partition: `*Vertices n` then one class per line, in vertex order.
pub fn write_clu(classes: &[u32], out: &mut dyn Write) -> io::Result<()> {
    let mut w = io::BufWriter::new(out);
    write!(w, "*Vertices {}\r\n", classes.len())?;
    for c in classes {
        write!(w, "{c}\r\n")?;
    }
    w.flush()
}

/// The partition given by column `col` of `g`, one class per node, and its legend:
/// - an [`AttrType::Integer`] column (e.g. `community`): the values themselves; a missing
///   value is class 0; negative values or values above `u32::MAX` are an error; the
///   legend is empty;
/// - a [`AttrType::Text`] column (e.g. `province`): the distinct values numbered 1, 2, …
///   in code-point order, missing = class 0; the legend lists the values, class k being
///   `legend[k - 1]` (Pajek partitions carry no names, so the caller documents it).
///
/// Other column types are an error (`InvalidInput`).
pub fn column_partition(g: &ExportGraph, col: usize) -> io::Result<(Vec<u32>, Vec<String>)> {
    g.check()?;
    let bad = |m: String| io::Error::new(io::ErrorKind::InvalidInput, m);
    let column = g
        .node_columns
        .get(col)
        .ok_or_else(|| bad(format!("no column {col}")))?;
    match column.ty {
        AttrType::Integer => {
            let classes = g
                .nodes
                .iter()
                .map(|n| match &n.values[col] {
                    AttrValue::Int(v) => u32::try_from(*v).map_err(|_| {
                        bad(format!(
                            "{}: class {v} of {:?} is not a Pajek class",
                            column.name, n.id
                        ))
                    }),
                    _ => Ok(0),
                })
                .collect::<io::Result<Vec<u32>>>()?;
            Ok((classes, Vec::new()))
        }
        AttrType::Text => {
            let mut numbers: BTreeMap<&str, u32> = BTreeMap::new();
            for n in &g.nodes {
                if let AttrValue::Text(s) = &n.values[col] {
                    numbers.insert(s.as_str(), 0);
                }
            }
            for (k, v) in numbers.values_mut().enumerate() {
                *v = k as u32 + 1;
            }
            let classes = g
                .nodes
                .iter()
                .map(|n| match &n.values[col] {
                    AttrValue::Text(s) => numbers[s.as_str()],
                    _ => 0,
                })
                .collect();
            Ok((classes, numbers.keys().map(|s| s.to_string()).collect()))
        }
        ty => Err(bad(format!(
            "column {:?} is {ty:?}: a partition needs integers or text",
            column.name
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;

    #[test]
    fn network_with_quoted_labels_and_weights() {
        let mut buf = Vec::new();
        write_net(&sample::tiny(), &mut buf).unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "*Vertices 3\r\n\
             1 \"a 'b', <c> & 苏州 '=cmd'\"\r\n\
             2 \"Beta Ltd\"\r\n\
             3 \"苏州研究院\"\r\n\
             *Edges\r\n\
             1 2 2\r\n\
             1 3 1\r\n"
        );
    }

    #[test]
    fn labels_made_quote_safe() {
        assert_eq!(label("x \"y\" \\ z\\"), "x 'y' / z/");
        assert_eq!(label("tab\there\r\nnl\u{0}"), "tab here  nl\u{FFFD}");
    }

    #[test]
    fn partitions_from_integer_and_text_columns() {
        let g = sample::tiny();
        let (c, legend) = column_partition(&g, g.column("community").unwrap()).unwrap();
        assert_eq!((c.as_slice(), legend.len()), (&[1, 1, 2][..], 0));
        let (r, legend) = column_partition(&g, g.column("province").unwrap()).unwrap();
        // code-point order: 上 (U+4E0A) before 江 (U+6C5F)
        assert_eq!(legend, ["上海", "江苏"]);
        assert_eq!(r, [2, 1, 2]);
        let mut buf = Vec::new();
        write_clu(&r, &mut buf).unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "*Vertices 3\r\n2\r\n1\r\n2\r\n"
        );
        let err = column_partition(&g, g.column("betweenness").unwrap()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let mut neg = g.clone();
        neg.nodes[0].values[0] = AttrValue::Int(-1);
        assert!(column_partition(&neg, 0).is_err());
        neg.nodes[0].values[0] = AttrValue::Missing;
        assert_eq!(column_partition(&neg, 0).unwrap().0, [0, 1, 2]);
    }
}
