//! The five tables of the contract as one model ([`Table`]) that every writer reads: the
//! CSV files here, the HTML report in `report`. Columns are the contract's, in its order;
//! extra columns only at the end. Rows are in id order.

use std::path::Path;

use super::cell::{float, opt_float};
use crate::dataset::Dataset;
use crate::error::Error;
use crate::metrics::Results;

/// How text cells from the data are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextCells {
    /// For CSV: cells a spreadsheet would run as a formula are neutralised ([`super::cell::text`]).
    SpreadsheetSafe,
    /// As given (for writers that escape for their own format, e.g. HTML).
    AsGiven,
}

impl TextCells {
    fn cell(self, s: &str) -> String {
        match self {
            TextCells::SpreadsheetSafe => super::cell::text(s),
            TextCells::AsGiven => s.to_string(),
        }
    }
}

/// One output table: file name, header and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File name under `tables/`, e.g. `org_centrality.csv`.
    pub file: &'static str,
    /// Column names.
    pub header: Vec<&'static str>,
    /// Cells, as many per row as columns.
    pub rows: Vec<Vec<String>>,
}

/// The five tables, in the contract's order, then the extra compliance table.
pub fn build_all(ds: &Dataset, r: &Results, t: TextCells) -> Vec<Table> {
    vec![
        org_centrality(ds, r, t),
        consortium_summary(ds, r, t),
        chain_coverage(ds, r, t),
        region_ties(r, t),
        program_comparison(r, t),
        compliance(ds, &r.rules, &r.compliance, t),
    ]
}

/// Write a table as CSV into `dir` (RFC 4180 quoting, LF line ends).
pub fn write_csv(dir: &Path, table: &Table) -> Result<(), Error> {
    let path = dir.join(table.file);
    let ctx = || format!("cannot write {}", path.display());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_path(&path)
        .map_err(|e| Error::io(ctx(), e.into()))?;
    w.write_record(&table.header)
        .map_err(|e| Error::io(ctx(), e.into()))?;
    for row in &table.rows {
        w.write_record(row)
            .map_err(|e| Error::io(ctx(), e.into()))?;
    }
    w.flush().map_err(|e| Error::io(ctx(), e))
}

/// `org_centrality.csv`: one row per organisation, row i = organisation i.
pub fn org_centrality(ds: &Dataset, r: &Results, t: TextCells) -> Table {
    let c = &r.centrality;
    Table {
        file: "org_centrality.csv",
        header: vec![
            "org_id",
            "name",
            "type",
            "province",
            "city",
            "collaborations",
            "degree",
            "weighted_degree",
            "betweenness",
            "closeness",
            "harmonic",
            "eigenvector",
            "pagerank",
            "name_en",
        ],
        rows: ds
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| {
                vec![
                    t.cell(&o.id),
                    t.cell(&o.name),
                    o.org_type.as_str().to_string(),
                    t.cell(&o.province),
                    t.cell(&o.city),
                    c.collaborations[i].to_string(),
                    c.degree[i].to_string(),
                    c.weighted_degree[i].to_string(),
                    float(c.paths.betweenness[i]),
                    float(c.paths.closeness[i]),
                    opt_float(c.paths.harmonic[i]),
                    float(c.eigenvector[i]),
                    float(c.pagerank[i]),
                    t.cell(o.name_en.as_deref().unwrap_or("")),
                ]
            })
            .collect(),
    }
}

/// `consortium_summary.csv`: one row per consortium.
pub fn consortium_summary(ds: &Dataset, r: &Results, t: TextCells) -> Table {
    Table {
        file: "consortium_summary.csv",
        header: vec![
            "consortium_id",
            "name",
            "program",
            "model",
            "members",
            "lead_type",
            "enterprise_share",
            "non_local_share",
            "chain_coverage",
            "critical_coverage",
            "lead_org_id",
            "chain_id",
        ],
        rows: r
            .consortia
            .iter()
            .map(|s| {
                let c = &ds.consortia[s.consortium as usize];
                vec![
                    t.cell(&c.id),
                    t.cell(&c.name),
                    t.cell(&c.program),
                    c.model.map(|m| m.as_str()).unwrap_or("").to_string(),
                    s.members.to_string(),
                    s.lead_type.as_str().to_string(),
                    float(s.enterprise_share),
                    float(s.non_local_share),
                    opt_float(s.coverage.chain),
                    opt_float(s.coverage.critical),
                    t.cell(&ds.organizations[c.lead as usize].id),
                    c.chain
                        .map(|ch| t.cell(&ds.chains[ch as usize].id))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// `chain_coverage.csv`: one row per segment of each consortium's chain.
pub fn chain_coverage(ds: &Dataset, r: &Results, t: TextCells) -> Table {
    Table {
        file: "chain_coverage.csv",
        header: vec![
            "consortium_id",
            "chain_id",
            "segment_id",
            "stage",
            "critical",
            "members_covering",
            "segment_name",
        ],
        rows: r
            .chain_coverage
            .iter()
            .map(|row| {
                let seg = &ds.segments[row.segment as usize];
                vec![
                    t.cell(&ds.consortia[row.consortium as usize].id),
                    t.cell(&ds.chains[seg.chain as usize].id),
                    t.cell(&seg.id),
                    seg.stage.as_str().to_string(),
                    seg.critical.to_string(),
                    row.members_covering.to_string(),
                    t.cell(&seg.name),
                ]
            })
            .collect(),
    }
}

/// `region_ties.csv`: one row per region pair with ties.
pub fn region_ties(r: &Results, t: TextCells) -> Table {
    Table {
        file: "region_ties.csv",
        header: vec!["region_a", "region_b", "ties", "weight"],
        rows: r
            .region_ties
            .iter()
            .map(|x| {
                vec![
                    t.cell(&x.region_a),
                    t.cell(&x.region_b),
                    x.ties.to_string(),
                    x.weight.to_string(),
                ]
            })
            .collect(),
    }
}

/// `program_comparison.csv`: one row per programme.
pub fn program_comparison(r: &Results, t: TextCells) -> Table {
    Table {
        file: "program_comparison.csv",
        header: vec![
            "program",
            "consortia",
            "organizations",
            "memberships",
            "mean_members",
            "cross_region_tie_share",
            "mean_chain_coverage",
            "density",
            "ties",
            "cross_region_ties",
        ],
        rows: r
            .programs
            .iter()
            .map(|p| {
                vec![
                    t.cell(&p.program),
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

/// `compliance.csv` (an extra table): one row per (consortium or project, rule) of the
/// programme rules checked. `pass` is true/false, empty when the data cannot decide (no
/// project lead given, no member segment for a stage rule).
pub fn compliance(
    ds: &Dataset,
    rules: &[crate::rules::RuleSet],
    findings: &[crate::metrics::compliance::Finding],
    t: TextCells,
) -> Table {
    Table {
        file: "compliance.csv",
        header: vec![
            "program",
            "unit",
            "unit_id",
            "name",
            "rule",
            "value",
            "required",
            "pass",
            "detail",
            "description",
        ],
        rows: findings
            .iter()
            .map(|f| {
                let set = &rules[f.set];
                let rule = &set.rules[f.rule];
                let (id, name) = match f.unit {
                    crate::rules::Unit::Consortium => {
                        let c = &ds.consortia[f.index];
                        (&c.id, &c.name)
                    }
                    crate::rules::Unit::Project => {
                        let p = &ds.projects[f.index];
                        (&p.id, &p.title)
                    }
                };
                vec![
                    t.cell(&set.program),
                    f.unit.as_str().to_string(),
                    t.cell(id),
                    t.cell(name),
                    t.cell(&rule.id),
                    t.cell(&f.value),
                    t.cell(&f.required),
                    f.pass.map(|p| p.to_string()).unwrap_or_default(),
                    t.cell(&f.detail),
                    t.cell(&rule.description),
                ]
            })
            .collect(),
    }
}
