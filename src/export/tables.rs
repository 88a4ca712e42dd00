//! The five CSV tables of the contract, one function each, all reading [`Results`].
//! Columns are the contract's, in its order; extra columns only at the end.

use std::path::Path;

use super::cell::{float, opt_float, text};
use crate::dataset::Dataset;
use crate::error::Error;
use crate::metrics::Results;

/// Write one CSV file from a header and rows of cells (RFC 4180 quoting, LF line ends).
fn write_csv(
    path: &Path,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<(), Error> {
    let ctx = || format!("cannot write {}", path.display());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_path(path)
        .map_err(|e| Error::io(ctx(), e.into()))?;
    w.write_record(header)
        .map_err(|e| Error::io(ctx(), e.into()))?;
    for row in rows {
        w.write_record(&row)
            .map_err(|e| Error::io(ctx(), e.into()))?;
    }
    w.flush().map_err(|e| Error::io(ctx(), e))
}

/// `org_centrality.csv`: one row per organisation.
pub fn org_centrality(dir: &Path, ds: &Dataset, r: &Results) -> Result<(), Error> {
    let c = &r.centrality;
    write_csv(
        &dir.join("org_centrality.csv"),
        &[
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
        ds.organizations.iter().enumerate().map(|(i, o)| {
            vec![
                text(&o.id),
                text(&o.name),
                o.org_type.as_str().to_string(),
                text(&o.province),
                text(&o.city),
                c.collaborations[i].to_string(),
                c.degree[i].to_string(),
                c.weighted_degree[i].to_string(),
                float(c.paths.betweenness[i]),
                float(c.paths.closeness[i]),
                opt_float(c.paths.harmonic[i]),
                float(c.eigenvector[i]),
                float(c.pagerank[i]),
                text(o.name_en.as_deref().unwrap_or("")),
            ]
        }),
    )
}

/// `consortium_summary.csv`: one row per consortium.
pub fn consortium_summary(dir: &Path, ds: &Dataset, r: &Results) -> Result<(), Error> {
    write_csv(
        &dir.join("consortium_summary.csv"),
        &[
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
        r.consortia.iter().map(|s| {
            let c = &ds.consortia[s.consortium as usize];
            vec![
                text(&c.id),
                text(&c.name),
                text(&c.program),
                c.model.map(|m| m.as_str()).unwrap_or("").to_string(),
                s.members.to_string(),
                s.lead_type.as_str().to_string(),
                float(s.enterprise_share),
                float(s.non_local_share),
                opt_float(s.coverage.chain),
                opt_float(s.coverage.critical),
                text(&ds.organizations[c.lead as usize].id),
                c.chain
                    .map(|ch| text(&ds.chains[ch as usize].id))
                    .unwrap_or_default(),
            ]
        }),
    )
}

/// `chain_coverage.csv`: one row per segment of each consortium's chain.
pub fn chain_coverage(dir: &Path, ds: &Dataset, r: &Results) -> Result<(), Error> {
    write_csv(
        &dir.join("chain_coverage.csv"),
        &[
            "consortium_id",
            "chain_id",
            "segment_id",
            "stage",
            "critical",
            "members_covering",
            "segment_name",
        ],
        r.chain_coverage.iter().map(|row| {
            let seg = &ds.segments[row.segment as usize];
            vec![
                text(&ds.consortia[row.consortium as usize].id),
                text(&ds.chains[seg.chain as usize].id),
                text(&seg.id),
                seg.stage.as_str().to_string(),
                seg.critical.to_string(),
                row.members_covering.to_string(),
                text(&seg.name),
            ]
        }),
    )
}

/// `region_ties.csv`: one row per region pair with ties.
pub fn region_ties(dir: &Path, r: &Results) -> Result<(), Error> {
    write_csv(
        &dir.join("region_ties.csv"),
        &["region_a", "region_b", "ties", "weight"],
        r.region_ties.iter().map(|t| {
            vec![
                text(&t.region_a),
                text(&t.region_b),
                t.ties.to_string(),
                t.weight.to_string(),
            ]
        }),
    )
}

/// `program_comparison.csv`: one row per programme.
pub fn program_comparison(dir: &Path, r: &Results) -> Result<(), Error> {
    write_csv(
        &dir.join("program_comparison.csv"),
        &[
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
        r.programs.iter().map(|p| {
            vec![
                text(&p.program),
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
        }),
    )
}
