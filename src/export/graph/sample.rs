//! Test graphs: a tiny one for exact snippets in the writers' unit tests, and a sample
//! shaped like the contract's org_centrality + org_structure tables (hostile labels, an
//! isolate, missing values, awkward floats) that the ignored test
//! `write_sample_exports` writes into `$EXPORT_SAMPLE_DIR` for the reader scripts
//! (scripts/crosscheck/exports_check.py and graphology_check.mjs).

use std::fs;
use std::path::Path;

use super::{
    gexf, graphml, pajek, vosviewer, AttrType, AttrValue, Column, ExportEdge, ExportGraph,
    ExportNode, TwoModeNode, Viz,
};

/// The hostile label of the unit tests.
pub const HOSTILE: &str = "a \"b\", <c> & 苏州 '=cmd'";

/// Three nodes, two edges; columns of all four types; o2's betweenness missing.
pub fn tiny() -> ExportGraph {
    use AttrValue::*;
    let node = |id: &str, label: &str, values: Vec<AttrValue>, viz: Viz| ExportNode {
        id: id.into(),
        label: label.into(),
        values,
        viz: Some(viz),
    };
    ExportGraph {
        node_columns: vec![
            Column::new("community", AttrType::Integer),
            Column::new("degree", AttrType::Integer),
            Column::new("betweenness", AttrType::Float),
            Column::new("articulation", AttrType::Boolean),
            Column::new("province", AttrType::Text),
        ],
        nodes: vec![
            node(
                "o1",
                HOSTILE,
                vec![Int(1), Int(2), Float(0.5), Bool(true), Text("江苏".into())],
                Viz {
                    x: 1.5,
                    y: -2.0,
                    size: 10.0,
                    color: (255, 0, 0),
                },
            ),
            node(
                "o2",
                "Beta Ltd",
                vec![Int(1), Int(1), Missing, Bool(false), Text("上海".into())],
                Viz {
                    x: 0.0,
                    y: 0.0,
                    size: 5.0,
                    color: (0, 128, 255),
                },
            ),
            node(
                "o3",
                "苏州研究院",
                vec![Int(2), Int(1), Float(0.0), Bool(false), Text("江苏".into())],
                Viz {
                    x: -1.0,
                    y: 0.25,
                    size: 5.0,
                    color: (0, 160, 0),
                },
            ),
        ],
        edges: vec![
            ExportEdge {
                source: 0,
                target: 1,
                weight: 2.0,
            },
            ExportEdge {
                source: 0,
                target: 2,
                weight: 1.0,
            },
        ],
    }
}

/// Column names and types of org_centrality (after org_id) and org_structure (after
/// org_id), as the contract types them.
pub const CONTRACT_COLUMNS: &[(&str, AttrType)] = &[
    ("org_id", AttrType::Text),
    ("name", AttrType::Text),
    ("type", AttrType::Text),
    ("province", AttrType::Text),
    ("city", AttrType::Text),
    ("collaborations", AttrType::Integer),
    ("degree", AttrType::Integer),
    ("weighted_degree", AttrType::Integer),
    ("betweenness", AttrType::Float),
    ("closeness", AttrType::Float),
    ("harmonic", AttrType::Float),
    ("eigenvector", AttrType::Float),
    ("pagerank", AttrType::Float),
    ("community", AttrType::Integer),
    ("constraint", AttrType::Float),
    ("effective_size", AttrType::Float),
    ("broker_coordinator", AttrType::Integer),
    ("broker_itinerant", AttrType::Integer),
    ("broker_gatekeeper_representative", AttrType::Integer),
    ("broker_liaison", AttrType::Integer),
    ("broker_total", AttrType::Integer),
    ("articulation", AttrType::Boolean),
];

/// Number of org_centrality columns at the start of [`CONTRACT_COLUMNS`].
const CENTRALITY_COLUMNS: usize = 13;

/// Collaborations of the sample: (kind, id, label, member organisations). A project
/// shares its id with a consortium, as ids of different kinds may.
const COLLABORATIONS: &[(&str, &str, &str, &[usize])] = &[
    ("consortium", "c1", "长三角 \"联合体\", A", &[0, 1, 2]),
    ("consortium", "c2", "<b>Bold</b> & co", &[2, 3, 4, 5, 6]),
    ("project", "c1", "项目 c1", &[0, 1]),
    ("project", "p2", "Project '2'", &[3, 6]),
];

/// The weighted projection of [`COLLABORATIONS`]: (org, org, shared collaborations),
/// sorted.
fn projection() -> Vec<(usize, usize, f64)> {
    let mut w = std::collections::BTreeMap::new();
    for (_, _, _, members) in COLLABORATIONS {
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                *w.entry((a.min(b), a.max(b))).or_insert(0.0) += 1.0;
            }
        }
    }
    w.into_iter().map(|((a, b), x)| (a, b, x)).collect()
}

/// Eight organisations (one isolate) with hostile names and every contract column;
/// ties, collaborations, degree and weighted degree agree with [`COLLABORATIONS`]. The
/// other values are made up, chosen to test round trips (1/3, 0.1+0.2, 1e-7; 5e-324,
/// which the exports write as 0), not computed.
pub fn network() -> ExportGraph {
    use AttrValue::*;
    let orgs: [(&str, &str, &str, &str, &str); 8] = [
        ("o01", HOSTILE, "enterprise", "江苏", "苏州"),
        (
            "o02",
            "=HYPERLINK(\"http://x\",\"y\")",
            "university",
            "上海",
            "上海",
        ),
        ("o03", "苏州大学", "university", "江苏", "苏州"),
        ("o04", "Tab\there\nnew line", "institute", "浙江", "杭州"),
        ("o05", "back\\slash \\", "platform", "浙江", "宁波"),
        (
            "o06",
            "ctrl\u{1}char <script>alert(1)</script>",
            "hospital",
            "安徽",
            "合肥",
        ),
        ("o07", "  spaced  out  ", "government", "上海", "上海"),
        ("o08", "isolate; semi, colon", "other", "福建", "厦门"),
    ];
    let ties = projection();
    let community = [1, 1, 1, 2, 2, 2, 2, 3];
    let floats = [
        1.0 / 3.0,
        0.1 + 0.2,
        1e-7,
        0.5,
        5e-324,
        0.25,
        2f64.sqrt() / 10.0,
        0.0,
    ];
    let palette = [(31, 119, 180), (255, 127, 14), (44, 160, 44)];
    let mut degree = [0i64; 8];
    let mut strength = [0i64; 8];
    let mut collaborations = [0i64; 8];
    for (_, _, _, members) in COLLABORATIONS {
        for &o in *members {
            collaborations[o] += 1;
        }
    }
    for &(a, b, w) in &ties {
        degree[a] += 1;
        degree[b] += 1;
        strength[a] += w as i64;
        strength[b] += w as i64;
    }
    let nodes = orgs
        .iter()
        .enumerate()
        .map(|(i, &(id, name, ty, province, city))| {
            let isolate = degree[i] == 0;
            let f = floats[i];
            let opt = |v: f64| if isolate { Missing } else { Float(v) };
            ExportNode {
                id: id.into(),
                label: name.into(),
                values: vec![
                    Text(id.into()),
                    Text(name.into()),
                    Text(ty.into()),
                    Text(province.into()),
                    Text(city.into()),
                    Int(collaborations[i]),
                    Int(degree[i]),
                    Int(strength[i]),
                    Float(f),
                    Float(1.0 - f / 2.0),
                    Float(f * 3.0),
                    Float((i as f64 + 1.0) / 36.0f64.sqrt()),
                    Float(1.0 / 8.0 + f / 100.0),
                    Int(community[i]),
                    opt(0.75 - f),
                    opt(degree[i] as f64 - f),
                    Int(i as i64),
                    Int(0),
                    Int(2 * i as i64),
                    Int(i as i64 % 2),
                    Int(3 * i as i64 + i as i64 % 2),
                    Bool(i == 2 || i == 3),
                ],
                viz: Some(Viz {
                    x: (i as f64 * 0.7).cos() * 100.0,
                    y: (i as f64 * 0.7).sin() * -100.0,
                    size: 4.0 + degree[i] as f64 * 2.5,
                    color: palette[community[i] as usize - 1],
                }),
            }
        })
        .collect();
    ExportGraph {
        node_columns: CONTRACT_COLUMNS
            .iter()
            .map(|&(n, t)| Column::new(n, t))
            .collect(),
        nodes,
        edges: ties
            .iter()
            .map(|&(source, target, weight)| ExportEdge {
                source,
                target,
                weight,
            })
            .collect(),
    }
}

/// The two-mode graph of [`network`]'s organisations and [`COLLABORATIONS`], with
/// two_mode_centrality's degree (as a plain count).
pub fn two_mode() -> ExportGraph {
    let net = network();
    let mut nodes: Vec<TwoModeNode> = net
        .nodes
        .iter()
        .map(|n| TwoModeNode {
            kind: "organization".into(),
            id: n.id.clone(),
            label: n.label.clone(),
            values: vec![],
        })
        .collect();
    let mut edges = Vec::new();
    for (kind, id, label, members) in COLLABORATIONS {
        let c = nodes.len();
        nodes.push(TwoModeNode {
            kind: kind.to_string(),
            id: id.to_string(),
            label: label.to_string(),
            values: vec![],
        });
        for &o in *members {
            edges.push(ExportEdge {
                source: o,
                target: c,
                weight: 1.0,
            });
        }
    }
    let mut deg = vec![0i64; nodes.len()];
    for e in &edges {
        deg[e.source] += 1;
        deg[e.target] += 1;
    }
    for (n, d) in nodes.iter_mut().zip(deg) {
        n.values = vec![AttrValue::Int(d)];
    }
    ExportGraph::two_mode(vec![Column::new("degree", AttrType::Integer)], nodes, edges)
}

/// VOSviewer options for [`network`]: clusters = communities, weights = collaborations
/// and betweenness, a score that is missing for the isolate.
pub fn vos_options(g: &ExportGraph) -> vosviewer::VosOptions {
    vosviewer::VosOptions {
        cluster: g.column("community"),
        weights: vec![
            ("Collaborations".into(), g.column("collaborations").unwrap()),
            ("Betweenness".into(), g.column("betweenness").unwrap()),
        ],
        scores: vec![("Constraint".into(), g.column("constraint").unwrap())],
    }
}

fn write_file(
    dir: &Path,
    name: &str,
    f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) {
    let mut buf = Vec::new();
    f(&mut buf).unwrap();
    fs::write(dir.join(name), buf).unwrap();
}

/// Write every export of the sample into `dir/exports/` and the CSV tables it stands
/// for into `dir/tables/` (org_centrality.csv, org_structure.csv; floats, booleans,
/// empty cells and spreadsheet-safe text as the real tables write them).
pub fn write_all(dir: &Path) {
    let g = network();
    let ex = dir.join("exports");
    let tables = dir.join("tables");
    fs::create_dir_all(&ex).unwrap();
    fs::create_dir_all(&tables).unwrap();
    write_file(&ex, "network.gexf", |w| gexf::write(&g, w));
    write_file(&ex, "network.graphml", |w| graphml::write(&g, w));
    write_file(&ex, "network.net", |w| pajek::write_net(&g, w));
    let (communities, _) = pajek::column_partition(&g, g.column("community").unwrap()).unwrap();
    write_file(&ex, "communities.clu", |w| {
        pajek::write_clu(&communities, w)
    });
    let (regions, _) = pajek::column_partition(&g, g.column("province").unwrap()).unwrap();
    write_file(&ex, "regions.clu", |w| pajek::write_clu(&regions, w));
    let vos = vos_options(&g);
    write_file(&ex, "vosviewer_map.txt", |w| {
        vosviewer::write_map(&g, &vos, w)
    });
    write_file(&ex, "vosviewer_network.txt", |w| {
        vosviewer::write_network(&g, w)
    });
    write_file(&ex, "vosviewer.json", |w| {
        vosviewer::write_json(&g, &vos, w)
    });
    write_file(&ex, "two_mode.gexf", |w| gexf::write(&two_mode(), w));

    let cell = |v: &AttrValue| match v {
        AttrValue::Text(s) => match s.as_bytes().first() {
            Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}"),
            _ => s.clone(),
        },
        // the tables' float rule, without the exports' flush of subnormals to 0
        AttrValue::Float(v) if *v != 0.0 && v.abs() < f64::MIN_POSITIVE => format!("{v:e}"),
        v => v.to_text().unwrap_or_default(),
    };
    let split = [(0..CENTRALITY_COLUMNS).collect::<Vec<_>>(), {
        let mut s = vec![0];
        s.extend(CENTRALITY_COLUMNS..CONTRACT_COLUMNS.len());
        s
    }];
    for (name, cols) in ["org_centrality.csv", "org_structure.csv"]
        .iter()
        .zip(split)
    {
        let mut w = csv::Writer::from_path(tables.join(name)).unwrap();
        w.write_record(cols.iter().map(|&c| CONTRACT_COLUMNS[c].0))
            .unwrap();
        for n in &g.nodes {
            w.write_record(cols.iter().map(|&c| cell(&n.values[c])))
                .unwrap();
        }
        w.flush().unwrap();
    }
}

#[test]
#[ignore = "writes the sample exports into $EXPORT_SAMPLE_DIR for the reader scripts"]
fn write_sample_exports() {
    let Some(dir) = std::env::var_os("EXPORT_SAMPLE_DIR") else {
        panic!("set EXPORT_SAMPLE_DIR to the folder to write the sample exports into");
    };
    write_all(Path::new(&dir));
}

#[test]
fn sample_graphs_validate_and_write_deterministically() {
    assert_eq!(network().validate(), Ok(()));
    assert_eq!(two_mode().validate(), Ok(()));
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    write_all(a.path());
    write_all(b.path());
    for name in [
        "network.gexf",
        "network.graphml",
        "network.net",
        "communities.clu",
        "regions.clu",
        "vosviewer_map.txt",
        "vosviewer_network.txt",
        "vosviewer.json",
        "two_mode.gexf",
    ] {
        let x = fs::read(a.path().join("exports").join(name)).unwrap();
        let y = fs::read(b.path().join("exports").join(name)).unwrap();
        assert!(!x.is_empty(), "{name}");
        assert_eq!(x, y, "{name}");
    }
}
