//! The tables of the contract, built once from one analysis (or comparison rows, or rule
//! findings) as [`Table`]s that the CSV files here, the report and any typed writer read.
//! Columns are the contract's, in its order, with their kinds; extra columns only at the
//! end. Rows are in id order. Text is kept as given: [`csv_bytes`] neutralises formulas.

use crate::dataset::Dataset;
use crate::metrics::communities::Communities;
use crate::metrics::comparison::{ComparisonRow, COLUMNS, FEW_CONSORTIA};
use crate::metrics::compliance::Finding;
use crate::metrics::ei::EiIndex;
use crate::metrics::evolution::{Evolution, EvolutionRow};
use crate::metrics::groups::Estimate;
use crate::metrics::structure::OrgStructure;
use crate::metrics::year_comparison::YearRow;
use crate::metrics::{Analysis, Results};
use crate::output::ColumnKind::{self, Boolean, Float, Integer, Text};
use crate::output::{float, opt_float, Table};
use crate::rules::{RuleSet, Unit};

fn cols(c: &[(&'static str, ColumnKind)]) -> Vec<(&'static str, ColumnKind)> {
    c.to_vec()
}

/// The five tables of an analysis, in the contract's order, the compliance table, the
/// yearly panel, then v2's structural tables (rank_stability.csv only with `--stability`).
pub fn analysis_tables(a: &Analysis) -> Vec<Table> {
    let (ds, r) = (&a.dataset, &a.results);
    let mut tables = vec![
        org_centrality(ds, r),
        consortium_summary(ds, r),
        chain_coverage(ds, r),
        region_ties(r),
        program_comparison(r),
        compliance(ds, &r.rules, &r.compliance),
        evolution(&r.evolution),
    ];
    // The structural tables exist when the projection was built (metrics::compute).
    if let (Some(st), Some(comm)) = (&r.structure, &r.communities) {
        tables.push(org_structure(ds, st, comm));
        tables.push(communities(ds, comm));
    }
    tables.push(ei_index(&r.ei));
    tables.extend([two_mode_centrality(ds, r), gap_partners(ds, r)]);
    if let Some(rows) = &r.stability {
        tables.push(rank_stability(ds, rows));
    }
    tables
}

/// A table as CSV: RFC 4180 quoting, LF line ends, text cells made spreadsheet-safe.
pub fn csv_bytes(table: &Table) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(table.header()).expect("in-memory write");
    for i in 0..table.rows.len() {
        w.write_record(table.csv_row(i)).expect("in-memory write");
    }
    w.into_inner().expect("in-memory flush")
}

/// `org_centrality.csv`: one row per organisation, row i = organisation i.
pub fn org_centrality(ds: &Dataset, r: &Results) -> Table {
    let c = &r.centrality;
    Table {
        file: "org_centrality.csv",
        columns: cols(&[
            ("org_id", Text),
            ("name", Text),
            ("type", Text),
            ("province", Text),
            ("city", Text),
            ("collaborations", Integer),
            ("degree", Integer),
            ("weighted_degree", Integer),
            ("betweenness", Float),
            ("closeness", Float),
            ("harmonic", Float),
            ("eigenvector", Float),
            ("pagerank", Float),
            ("name_en", Text),
        ]),
        rows: ds
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| {
                vec![
                    o.id.clone(),
                    o.name.clone(),
                    o.org_type.as_str().to_string(),
                    o.province.clone(),
                    o.city.clone(),
                    c.collaborations[i].to_string(),
                    c.degree[i].to_string(),
                    c.weighted_degree[i].to_string(),
                    float(c.paths.betweenness[i]),
                    float(c.paths.closeness[i]),
                    opt_float(c.paths.harmonic[i]),
                    float(c.eigenvector[i]),
                    float(c.pagerank[i]),
                    o.name_en.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// `consortium_summary.csv`: one row per consortium.
pub fn consortium_summary(ds: &Dataset, r: &Results) -> Table {
    Table {
        file: "consortium_summary.csv",
        columns: cols(&[
            ("consortium_id", Text),
            ("name", Text),
            ("program", Text),
            ("model", Text),
            ("members", Integer),
            ("lead_type", Text),
            ("enterprise_share", Float),
            ("non_local_share", Float),
            ("chain_coverage", Float),
            ("critical_coverage", Float),
            ("lead_org_id", Text),
            ("chain_id", Text),
            ("communities_spanned", Integer),
            ("modal_community_share", Float),
        ]),
        rows: r
            .consortia
            .iter()
            .map(|s| {
                let c = &ds.consortia[s.consortium as usize];
                let (spanned, modal) = match &r.communities {
                    Some(comm) => {
                        let (k, share) = comm.consortia[s.consortium as usize];
                        (k.to_string(), share)
                    }
                    None => (String::new(), None),
                };
                vec![
                    c.id.clone(),
                    c.name.clone(),
                    c.program.clone(),
                    c.model.map(|m| m.as_str()).unwrap_or("").to_string(),
                    s.members.to_string(),
                    s.lead_type.as_str().to_string(),
                    opt_float(s.enterprise_share),
                    opt_float(s.non_local_share),
                    opt_float(s.coverage.chain),
                    opt_float(s.coverage.critical),
                    ds.organizations[c.lead as usize].id.clone(),
                    c.chain
                        .map(|ch| ds.chains[ch as usize].id.clone())
                        .unwrap_or_default(),
                    spanned,
                    opt_float(modal),
                ]
            })
            .collect(),
    }
}

/// `chain_coverage.csv`: one row per segment of each consortium's chain.
pub fn chain_coverage(ds: &Dataset, r: &Results) -> Table {
    Table {
        file: "chain_coverage.csv",
        columns: cols(&[
            ("consortium_id", Text),
            ("chain_id", Text),
            ("segment_id", Text),
            ("stage", Text),
            ("critical", Boolean),
            ("members_covering", Integer),
            ("segment_name", Text),
        ]),
        rows: r
            .chain_coverage
            .iter()
            .map(|row| {
                let seg = &ds.segments[row.segment as usize];
                vec![
                    ds.consortia[row.consortium as usize].id.clone(),
                    ds.chains[seg.chain as usize].id.clone(),
                    seg.id.clone(),
                    seg.stage.as_str().to_string(),
                    seg.critical.to_string(),
                    row.members_covering.to_string(),
                    seg.name.clone(),
                ]
            })
            .collect(),
    }
}

/// `region_ties.csv`: one row per region pair with ties.
pub fn region_ties(r: &Results) -> Table {
    Table {
        file: "region_ties.csv",
        columns: cols(&[
            ("region_a", Text),
            ("region_b", Text),
            ("ties", Integer),
            ("weight", Integer),
        ]),
        rows: r
            .region_ties
            .iter()
            .map(|x| {
                vec![
                    x.region_a.clone(),
                    x.region_b.clone(),
                    x.ties.to_string(),
                    x.weight.to_string(),
                ]
            })
            .collect(),
    }
}

/// `program_comparison.csv`: one row per programme.
pub fn program_comparison(r: &Results) -> Table {
    Table {
        file: "program_comparison.csv",
        columns: cols(&[
            ("program", Text),
            ("consortia", Integer),
            ("organizations", Integer),
            ("memberships", Integer),
            ("mean_members", Float),
            ("cross_region_tie_share", Float),
            ("mean_chain_coverage", Float),
            ("density", Float),
            ("ties", Integer),
            ("cross_region_ties", Integer),
        ]),
        rows: r
            .programs
            .iter()
            .map(|p| {
                vec![
                    p.program.clone(),
                    p.consortia.to_string(),
                    p.organizations.to_string(),
                    p.memberships.to_string(),
                    opt_float(p.mean_members),
                    opt_float(p.cross_region_tie_share),
                    opt_float(p.mean_chain_coverage),
                    opt_float(p.density),
                    p.ties.to_string(),
                    p.cross_region_ties.to_string(),
                ]
            })
            .collect(),
    }
}

/// Columns of `evolution.csv`: the contract's, then entries and exits of memberships and
/// the joint projects (extra columns).
const EVOLUTION_COLUMNS: &[(&str, ColumnKind)] = &[
    ("program", Text),
    ("year", Integer),
    ("consortia", Integer),
    ("organizations", Integer),
    ("memberships", Integer),
    ("new_memberships", Integer),
    ("ties", Integer),
    ("cross_region_ties", Integer),
    ("cross_region_tie_share", Float),
    ("density", Float),
    ("mean_chain_coverage", Float),
    ("largest_component", Integer),
    ("ended_memberships", Integer),
    ("projects", Integer),
    ("participations", Integer),
    ("new_participations", Integer),
    ("ended_participations", Integer),
];

/// The cells of one yearly row, in [`EVOLUTION_COLUMNS`] order.
fn evolution_cells(r: &EvolutionRow) -> Vec<String> {
    let c = &r.counts;
    vec![
        r.program.clone(),
        r.year.to_string(),
        c.consortia.to_string(),
        r.organizations.to_string(),
        c.memberships.to_string(),
        c.new_memberships.to_string(),
        r.ties.to_string(),
        r.cross_region_ties.to_string(),
        opt_float(r.cross_region_tie_share),
        opt_float(r.density),
        opt_float(r.mean_chain_coverage),
        r.largest_component.to_string(),
        c.ended_memberships.to_string(),
        c.projects.to_string(),
        c.participations.to_string(),
        c.new_participations.to_string(),
        c.ended_participations.to_string(),
    ]
}

/// `evolution.csv` (contract v2): one row per (programme or `*`, year), the network at the
/// end of the year; header only when the data has no date.
pub fn evolution(e: &Evolution) -> Table {
    Table {
        file: "evolution.csv",
        columns: cols(EVOLUTION_COLUMNS),
        rows: e.rows.iter().map(evolution_cells).collect(),
    }
}

/// `comparison_by_year.csv` of `consortia compare --by year`: one row per (group, year),
/// group, dataset, programme, year and age, then the yearly panel's columns from
/// `consortia` on.
pub fn comparison_by_year(rows: &[YearRow]) -> Table {
    let mut columns: Vec<(&'static str, ColumnKind)> = vec![
        ("group", Text),
        ("dataset", Text),
        ("program", Text),
        ("year", Integer),
        ("age", Integer),
    ];
    columns.extend_from_slice(&EVOLUTION_COLUMNS[2..]);
    Table {
        file: "comparison_by_year.csv",
        columns,
        rows: rows
            .iter()
            .map(|r| {
                let mut v = vec![
                    r.group.clone(),
                    r.dataset.clone(),
                    r.program.clone(),
                    r.row.year.to_string(),
                    r.age.map(|a| a.to_string()).unwrap_or_default(),
                ];
                v.extend(evolution_cells(&r.row).into_iter().skip(2));
                v
            })
            .collect(),
    }
}

/// `compliance.csv` (an extra table): one row per (consortium or project, rule) of the
/// programme rules checked. `pass` is true/false, empty when the data cannot decide (no
/// project lead given, no member segment for a stage rule).
pub fn compliance(ds: &Dataset, rules: &[RuleSet], findings: &[Finding]) -> Table {
    Table {
        file: "compliance.csv",
        columns: cols(&[
            ("program", Text),
            ("unit", Text),
            ("unit_id", Text),
            ("name", Text),
            ("rule", Text),
            ("value", Text),
            ("required", Text),
            ("pass", Boolean),
            ("detail", Text),
            ("description", Text),
        ]),
        rows: findings
            .iter()
            .map(|f| {
                let set = &rules[f.set];
                let rule = &set.rules[f.rule];
                let (id, name) = match f.unit {
                    Unit::Consortium => {
                        let c = &ds.consortia[f.index];
                        (&c.id, &c.name)
                    }
                    Unit::Project => {
                        let p = &ds.projects[f.index];
                        (&p.id, &p.title)
                    }
                };
                vec![
                    set.program.clone(),
                    f.unit.as_str().to_string(),
                    id.to_string(),
                    name.to_string(),
                    rule.id.clone(),
                    f.value.clone(),
                    f.required.clone(),
                    f.pass.map(|p| p.to_string()).unwrap_or_default(),
                    f.detail.clone(),
                    rule.description.clone(),
                ]
            })
            .collect(),
    }
}

/// `org_structure.csv`: one row per organisation. Cells left out by the cost budget (see
/// `metrics::structure`) are empty.
pub fn org_structure(ds: &Dataset, st: &OrgStructure, comm: &Communities) -> Table {
    let int = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
    Table {
        file: "org_structure.csv",
        columns: cols(&[
            ("org_id", Text),
            ("community", Integer),
            ("constraint", Float),
            ("effective_size", Float),
            ("broker_coordinator", Integer),
            ("broker_itinerant", Integer),
            ("broker_gatekeeper_representative", Integer),
            ("broker_liaison", Integer),
            ("broker_total", Integer),
            ("articulation", Boolean),
            ("name", Text),
        ]),
        rows: ds
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let b = st.brokerage[i];
                let mut row = vec![
                    o.id.clone(),
                    comm.of_org[i].to_string(),
                    opt_float(st.constraint[i]),
                    opt_float(st.effective_size[i]),
                ];
                row.extend((0..4).map(|k| int(b.map(|x| x[k]))));
                row.push(int(b.map(|x| x.iter().sum())));
                row.push(st.articulation[i].to_string());
                row.push(o.name.clone());
                row
            })
            .collect(),
    }
}

/// `communities.csv`: one row per community, by number.
pub fn communities(ds: &Dataset, comm: &Communities) -> Table {
    Table {
        file: "communities.csv",
        columns: cols(&[
            ("community", Integer),
            ("organizations", Integer),
            ("ties_inside", Integer),
            ("ties_leaving", Integer),
            ("consortia_spanned", Integer),
            ("top_consortium", Text),
            ("top_consortium_share", Float),
            ("regions", Integer),
            ("cross_region_share_inside", Float),
        ]),
        rows: comm
            .rows
            .iter()
            .map(|c| {
                vec![
                    c.community.to_string(),
                    c.organizations.to_string(),
                    c.ties_inside.to_string(),
                    c.ties_leaving.to_string(),
                    c.consortia_spanned.to_string(),
                    c.top_consortium
                        .map(|k| ds.consortia[k as usize].id.clone())
                        .unwrap_or_default(),
                    opt_float(c.top_consortium_share),
                    c.regions.to_string(),
                    opt_float(c.cross_region_share_inside),
                ]
            })
            .collect(),
    }
}

/// `ei_index.csv`: one row per (grouping, group), the whole network as group `*`.
pub fn ei_index(ei: &EiIndex) -> Table {
    Table {
        file: "ei_index.csv",
        columns: cols(&[
            ("grouping", Text),
            ("group", Text),
            ("internal_ties", Integer),
            ("external_ties", Integer),
            ("ei", Float),
            ("expected_ei", Float),
            ("p_greater", Float),
            ("p_less", Float),
        ]),
        rows: ei
            .rows
            .iter()
            .map(|e| {
                vec![
                    e.grouping.to_string(),
                    e.group.clone(),
                    e.internal_ties.to_string(),
                    e.external_ties.to_string(),
                    opt_float(e.ei),
                    opt_float(e.expected_ei),
                    opt_float(e.p_greater),
                    opt_float(e.p_less),
                ]
            })
            .collect(),
    }
}

/// `two_mode_centrality.csv`: one row per node of the two-mode graph, by (node_id, kind).
pub fn two_mode_centrality(ds: &Dataset, r: &Results) -> Table {
    let t = &r.two_mode;
    let (n, k) = (ds.organizations.len(), ds.consortia.len());
    let mut rows: Vec<Vec<String>> = (0..t.closeness.len())
        .map(|v| {
            let (id, kind) = if v < n {
                (&ds.organizations[v].id, "organization")
            } else if v < n + k {
                (&ds.consortia[v - n].id, "consortium")
            } else {
                (&ds.projects[v - n - k].id, "project")
            };
            vec![
                id.clone(),
                kind.to_string(),
                opt_float(t.degree[v]),
                opt_float(t.betweenness[v]),
                float(t.closeness[v]),
            ]
        })
        .collect();
    rows.sort_by(|a, b| (&a[0], &a[1]).cmp(&(&b[0], &b[1])));
    Table {
        file: "two_mode_centrality.csv",
        columns: cols(&[
            ("node_id", Text),
            ("kind", Text),
            ("degree", Float),
            ("betweenness", Float),
            ("closeness", Float),
        ]),
        rows,
    }
}

/// `gap_partners.csv`: one row per (consortium, uncovered critical segment, candidate).
pub fn gap_partners(ds: &Dataset, r: &Results) -> Table {
    Table {
        file: "gap_partners.csv",
        columns: cols(&[
            ("consortium_id", Text),
            ("segment_id", Text),
            ("rank", Integer),
            ("org_id", Text),
            ("distance", Integer),
            ("same_region", Boolean),
            ("collaborations", Integer),
            ("name", Text),
        ]),
        rows: r
            .gap_partners
            .iter()
            .map(|g| {
                let o = &ds.organizations[g.org as usize];
                vec![
                    ds.consortia[g.consortium as usize].id.clone(),
                    ds.segments[g.segment as usize].id.clone(),
                    g.rank.to_string(),
                    o.id.clone(),
                    g.distance.map(|d| d.to_string()).unwrap_or_default(),
                    g.same_region.to_string(),
                    g.collaborations.to_string(),
                    o.name.clone(),
                ]
            })
            .collect(),
    }
}

/// `rank_stability.csv` (with `--stability`): the organisations of highest betweenness.
pub fn rank_stability(ds: &Dataset, rows: &[(u32, f64)]) -> Table {
    Table {
        file: "rank_stability.csv",
        columns: cols(&[("org_id", Text), ("top_share", Float), ("name", Text)]),
        rows: rows
            .iter()
            .map(|&(o, share)| {
                let org = &ds.organizations[o as usize];
                vec![org.id.clone(), float(share), org.name.clone()]
            })
            .collect(),
    }
}

/// `comparison.csv` of `consortia compare`: one row per group, in the order compared;
/// columns as [`COLUMNS`] defines them.
pub fn comparison(rows: &[ComparisonRow]) -> Table {
    let kind = |c: &str| match c {
        "group" | "dataset" | "program" => Text,
        "few_consortia" => Boolean,
        "consortia"
        | "organizations"
        | "memberships"
        | "ties"
        | "consortia_with_chain"
        | "growth_from"
        | "growth_to" => Integer,
        _ => Float,
    };
    Table {
        file: "comparison.csv",
        columns: COLUMNS.iter().map(|c| (c.0, kind(c.0))).collect(),
        rows: rows
            .iter()
            .map(|r| {
                let x = &r.indicators;
                let est = |e: &Estimate| [opt_float(e.mean), opt_float(e.low), opt_float(e.high)];
                let mut v = vec![
                    r.group.clone(),
                    r.dataset.clone(),
                    r.program.clone().unwrap_or_default(),
                    x.consortia.to_string(),
                    x.organizations.to_string(),
                    x.memberships.to_string(),
                ];
                v.extend(est(&x.mean_members));
                v.push(opt_float(x.median_members));
                v.extend(est(&x.enterprise_led_share));
                v.extend(x.member_mix.iter().map(|s| opt_float(*s)));
                v.push(opt_float(x.core_share));
                v.push(opt_float(x.general_share));
                v.extend(est(&x.non_local_share));
                v.push(opt_float(x.cross_region_tie_share_province));
                v.push(opt_float(x.cross_region_tie_share_city));
                v.extend(est(&x.mean_chain_coverage));
                v.push(x.mean_chain_coverage.n.to_string());
                v.push(opt_float(x.mean_critical_coverage));
                v.push(x.ties.to_string());
                v.push(opt_float(x.density));
                v.push(opt_float(x.degree_centralization));
                v.push(opt_float(x.multi_consortium_share));
                v.push(opt_float(x.growth_per_year));
                v.push(x.growth_years.map(|y| y.0.to_string()).unwrap_or_default());
                v.push(x.growth_years.map(|y| y.1.to_string()).unwrap_or_default());
                v.push((x.consortia < FEW_CONSORTIA).to_string());
                v
            })
            .collect(),
    }
}
