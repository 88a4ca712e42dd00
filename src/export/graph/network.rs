//! The analysis as graph files for Gephi, VOSviewer, Pajek, NetworkX and igraph: the
//! organisation network (every per-organisation column of the tables as a typed node
//! attribute, tie weight on the edges, the map's positions, sizes and colours as viz) and
//! the two-mode network of organisations and collaborations — all in `exports/`.
//!
//! Node attributes are read back from the tables the CSV files are written from, by their
//! column kinds, so an export's values equal the CSV's. Above [`MAX_TIES`] ties the graph
//! files would run to hundreds of megabytes; the organisation network then holds the
//! map's organisations (the same set as the interactive view) and the ties among them,
//! and [`Exports::note`] says so. The two-mode network is linear in memberships and is
//! always whole.

use super::{
    gexf, graphml, pajek, vosviewer, AttrType, AttrValue, Column, ExportEdge, ExportGraph,
    ExportNode, TwoModeNode, Viz,
};
use crate::metrics::Analysis;
use crate::output::{ColumnKind, MapView, Table};

/// Ties of the projection above which the organisation network is the map's subgraph.
pub const MAX_TIES: usize = 1_000_000;

/// Tables whose rows are organisations (`org_id` first), in the order their columns join.
const ORG_TABLES: [&str; 2] = ["org_centrality.csv", "org_structure.csv"];

/// The export files, and a note when the organisation network was cut down.
#[derive(Debug, Clone)]
pub struct Exports {
    /// (path under the output folder, bytes), in writing order.
    pub files: Vec<(String, Vec<u8>)>,
    /// Why the organisation network holds fewer organisations than the data, if it does.
    pub note: Option<String>,
}

fn value(kind: ColumnKind, cell: &str) -> AttrValue {
    if cell.is_empty() {
        return AttrValue::Missing;
    }
    match kind {
        ColumnKind::Text => AttrValue::Text(cell.to_string()),
        ColumnKind::Integer => cell.parse().map_or(AttrValue::Missing, AttrValue::Int),
        ColumnKind::Float => cell.parse().map_or(AttrValue::Missing, AttrValue::Float),
        ColumnKind::Boolean => match cell {
            "true" => AttrValue::Bool(true),
            "false" => AttrValue::Bool(false),
            _ => AttrValue::Missing,
        },
    }
}

fn attr_type(kind: ColumnKind) -> AttrType {
    match kind {
        ColumnKind::Text => AttrType::Text,
        ColumnKind::Integer => AttrType::Integer,
        ColumnKind::Float => AttrType::Float,
        ColumnKind::Boolean => AttrType::Boolean,
    }
}

/// Per organisation: the typed values of every org-table column but `org_id` and `name`
/// (the node's id and label), then `region` (at the run's level); and those columns.
fn org_attributes(a: &Analysis, tables: &[Table]) -> (Vec<Column>, Vec<Vec<AttrValue>>) {
    let ds = &a.dataset;
    let index: std::collections::HashMap<&str, usize> = ds
        .organizations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let mut columns = Vec::new();
    let mut values: Vec<Vec<AttrValue>> = vec![Vec::new(); ds.organizations.len()];
    for name in ORG_TABLES {
        let Some(t) = tables.iter().find(|t| t.file == name) else {
            continue;
        };
        let keep: Vec<usize> = (0..t.columns.len())
            .filter(|&c| !matches!(t.columns[c].0, "org_id" | "name"))
            .collect();
        columns.extend(
            keep.iter()
                .map(|&c| Column::new(t.columns[c].0, attr_type(t.columns[c].1))),
        );
        let mut seen = vec![false; ds.organizations.len()];
        for row in &t.rows {
            if let Some(&i) = index.get(row[0].as_str()) {
                seen[i] = true;
                values[i].extend(keep.iter().map(|&c| value(t.columns[c].1, &row[c])));
            }
        }
        for (i, s) in seen.iter().enumerate() {
            if !s {
                values[i].extend(keep.iter().map(|_| AttrValue::Missing));
            }
        }
    }
    columns.push(Column::new("region", AttrType::Text));
    let r = &a.results.regions;
    for (i, v) in values.iter_mut().enumerate() {
        v.push(AttrValue::Text(r.labels[r.of_org[i] as usize].clone()));
    }
    (columns, values)
}

/// The organisation network: all organisations and ties, or the map's subgraph above
/// [`MAX_TIES`].
fn organisation_graph(
    a: &Analysis,
    view: &MapView,
    tables: &[Table],
) -> (ExportGraph, Option<String>) {
    let (ds, net) = (&a.dataset, &a.network);
    let (node_columns, mut values) = org_attributes(a, tables);
    let ties = net.ties();
    let whole = ties <= MAX_TIES as u64;
    let orgs: Vec<usize> = if whole {
        (0..ds.organizations.len()).collect()
    } else {
        view.orgs.iter().map(|&i| i as usize).collect()
    };
    // Organisations outside the map (isolates; beyond its size) sit in rows of 40 below
    // it, small and grey, so every node has a place in Gephi.
    let in_view: std::collections::HashSet<u32> = view.orgs.iter().copied().collect();
    let mut spare = 0usize;
    let mut viz: Vec<Option<Viz>> = (0..ds.organizations.len())
        .map(|i| {
            if in_view.contains(&(i as u32)) {
                return None;
            }
            let (col, row) = (spare % 40, spare / 40);
            spare += 1;
            Some(Viz {
                x: col as f64 * 25.0,
                y: -1080.0 - row as f64 * 25.0,
                size: 2.0,
                color: (190, 190, 190),
            })
        })
        .collect();
    for (k, &i) in view.orgs.iter().enumerate() {
        let (r, gr, b) = view.legend[view.group[k]].1;
        viz[i as usize] = Some(Viz {
            x: view.pos[k].0 * 1000.0,
            y: -view.pos[k].1 * 1000.0,
            size: 3.0 + 12.0 * view.size[k],
            color: (r, gr, b),
        });
    }
    let mut local = vec![usize::MAX; ds.organizations.len()];
    for (k, &i) in orgs.iter().enumerate() {
        local[i] = k;
    }
    let nodes = orgs
        .iter()
        .map(|&i| ExportNode {
            id: ds.organizations[i].id.clone(),
            label: ds.organizations[i].name.clone(),
            values: std::mem::take(&mut values[i]),
            viz: viz[i],
        })
        .collect();
    // The whole network's ties, or the view's (capped, see MapView::ties), each as
    // (smaller organisation, larger) in that order, as the projection lists them.
    let edges = if whole {
        let all: Vec<u32> = (0..ds.organizations.len() as u32).collect();
        net.ties_among(&all)
    } else {
        let mut ties: Vec<(u32, u32, u32)> = view
            .ties
            .iter()
            .map(|&(a, b, w)| {
                let (u, v) = (view.orgs[a as usize], view.orgs[b as usize]);
                (u.min(v), u.max(v), w)
            })
            .collect();
        ties.sort_unstable();
        ties
    };
    let edges = edges
        .into_iter()
        .map(|(u, v, w)| ExportEdge {
            source: local[u as usize],
            target: local[v as usize],
            weight: w as f64,
        })
        .collect();
    let note = (!whole).then(|| {
        format!(
            "the organisation network in exports/ holds the {} organisations of the map (of {}) \
             and the ties among them: the whole network has {} ties, above the {} that graph \
             files are written for{}",
            orgs.len(),
            ds.organizations.len(),
            ties,
            MAX_TIES,
            if view.ties_left_out > 0 {
                format!(
                    " (of the ties among them, the {} heaviest; {} lighter ones are left out)",
                    view.ties.len(),
                    view.ties_left_out
                )
            } else {
                String::new()
            }
        )
    });
    (
        ExportGraph {
            node_columns,
            nodes,
            edges,
        },
        note,
    )
}

/// Organisations, consortia and projects, one edge per membership or participation.
fn two_mode_graph(a: &Analysis) -> ExportGraph {
    let (ds, net) = (&a.dataset, &a.network);
    let n_cons = ds.consortia.len();
    let text = |s: &str| {
        if s.is_empty() {
            AttrValue::Missing
        } else {
            AttrValue::Text(s.to_string())
        }
    };
    let mut nodes: Vec<TwoModeNode> = ds
        .organizations
        .iter()
        .map(|o| TwoModeNode {
            kind: "organization".into(),
            id: o.id.clone(),
            label: o.name.clone(),
            values: vec![
                text(o.org_type.as_str()),
                text(&o.province),
                AttrValue::Missing,
            ],
        })
        .collect();
    nodes.extend(ds.consortia.iter().map(|c| TwoModeNode {
        kind: "consortium".into(),
        id: c.id.clone(),
        label: c.name.clone(),
        values: vec![AttrValue::Missing, AttrValue::Missing, text(&c.program)],
    }));
    nodes.extend(ds.projects.iter().map(|p| TwoModeNode {
        kind: "project".into(),
        id: p.id.clone(),
        label: p.title.clone(),
        values: vec![
            AttrValue::Missing,
            AttrValue::Missing,
            p.effective_program(&ds.consortia)
                .map_or(AttrValue::Missing, text),
        ],
    }));
    let n_orgs = ds.organizations.len();
    let edges = (0..n_orgs)
        .flat_map(|o| {
            net.org_collaborations
                .row(o)
                .iter()
                .map(move |&c| ExportEdge {
                    source: o,
                    target: n_orgs + c as usize,
                    weight: 1.0,
                })
        })
        .collect();
    debug_assert!(net.collaboration_members.rows() == n_cons + ds.projects.len());
    ExportGraph::two_mode(
        vec![
            Column::new("type", AttrType::Text),
            Column::new("province", AttrType::Text),
            Column::new("program", AttrType::Text),
        ],
        nodes,
        edges,
    )
}

/// Every export file of an analysis: `network.gexf`, `network.graphml`, `network.net`,
/// `regions.clu` (+ `regions_legend.csv`), `communities.clu` when communities were found,
/// `vosviewer_map.txt`, `vosviewer_network.txt`, `vosviewer.json`, `two_mode.gexf`.
pub fn files(a: &Analysis, view: &MapView, tables: &[Table]) -> std::io::Result<Exports> {
    let (g, note) = organisation_graph(a, view, tables);
    let mut files = Vec::new();
    let mut put = |name: &str, write: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        files.push((format!("exports/{name}"), bytes));
        Ok::<(), std::io::Error>(())
    };
    put("network.gexf", &|b| gexf::write(&g, b))?;
    put("network.graphml", &|b| graphml::write(&g, b))?;
    put("network.net", &|b| pajek::write_net(&g, b))?;
    let region = g.column("region").expect("region column");
    let (classes, legend) = pajek::column_partition(&g, region)?;
    put("regions.clu", &|b| pajek::write_clu(&classes, b))?;
    put("regions_legend.csv", &|b| {
        use std::io::Write;
        writeln!(b, "class,region")?;
        for (k, name) in legend.iter().enumerate() {
            writeln!(b, "{},{}", k + 1, csv_cell(name))?;
        }
        Ok(())
    })?;
    let community = g.column("community");
    if let Some(c) = community {
        let classes: Vec<u32> = g
            .nodes
            .iter()
            .map(|n| match n.values[c] {
                AttrValue::Int(k) => k.clamp(0, u32::MAX as i64) as u32,
                _ => 0,
            })
            .collect();
        put("communities.clu", &|b| pajek::write_clu(&classes, b))?;
    }
    let weights = ["collaborations", "betweenness"]
        .iter()
        .filter_map(|t| g.column(t).map(|c| (t.to_string(), c)))
        .collect();
    let vos = vosviewer::VosOptions {
        cluster: community,
        weights,
        scores: Vec::new(),
    };
    put("vosviewer_map.txt", &|b| vosviewer::write_map(&g, &vos, b))?;
    put("vosviewer_network.txt", &|b| {
        vosviewer::write_network(&g, b)
    })?;
    put("vosviewer.json", &|b| vosviewer::write_json(&g, &vos, b))?;
    let two = two_mode_graph(a);
    put("two_mode.gexf", &|b| gexf::write(&two, b))?;
    Ok(Exports { files, note })
}

/// A CSV cell: quoted when it holds a comma, quote or line break; formulas neutralised.
fn csv_cell(s: &str) -> String {
    let s = crate::output::text(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}
