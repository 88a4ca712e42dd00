//! Programme comparison: the figures of each programme (suzhou, xiamen, yrd, soe, …) on
//! the subgraph induced by its organisations.
//!
//! A programme's organisations are the members of its consortia and of its projects (a
//! project's programme is its own `program`, else its consortium's). Its ties are the
//! projection's ties between two of its organisations.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::metrics::chains::Coverage;
use crate::metrics::regions::Regions;
use crate::network::Network;

/// One row of `program_comparison.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramRow {
    /// Programme name as given.
    pub program: String,
    /// Its consortia.
    pub consortia: u64,
    /// Distinct organisations in its consortia and projects.
    pub organizations: u64,
    /// Distinct (consortium, org) pairs of its consortia, added leads included.
    pub memberships: u64,
    /// memberships / consortia; `None` without consortia.
    pub mean_members: Option<f64>,
    /// Cross-region ties / ties among its organisations; `None` without ties.
    pub cross_region_tie_share: Option<f64>,
    /// Mean `chain_coverage` of its consortia that have a chain; `None` if none has.
    pub mean_chain_coverage: Option<f64>,
    /// ties / (k(k-1)/2) among its k organisations; `None` when k < 2.
    pub density: Option<f64>,
    /// Ties among its organisations (extra column).
    pub ties: u64,
    /// Of which cross-region (extra column).
    pub cross_region_ties: u64,
}

/// One row per programme, sorted by programme name.
pub fn compare(
    ds: &Dataset,
    net: &Network,
    regions: &Regions,
    coverage: &[Coverage],
) -> Vec<ProgramRow> {
    let mut consortia_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut projects_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (ci, c) in ds.consortia.iter().enumerate() {
        consortia_of.entry(c.program.as_str()).or_default().push(ci);
    }
    for (pi, p) in ds.projects.iter().enumerate() {
        if let Some(prog) = p.effective_program(&ds.consortia) {
            projects_of.entry(prog).or_default().push(pi);
            consortia_of.entry(prog).or_default();
        }
    }
    let n = ds.organizations.len();
    let n_cons = ds.consortia.len();
    let programs: Vec<(&str, Vec<usize>)> = consortia_of.into_iter().collect();
    programs
        .par_iter()
        .map(|(program, cons)| {
            let mut inside = vec![false; n];
            let mut orgs = Vec::new();
            let mut memberships = 0u64;
            let mut add = |o: u32, orgs: &mut Vec<u32>| {
                if !std::mem::replace(&mut inside[o as usize], true) {
                    orgs.push(o);
                }
            };
            for &ci in cons {
                let members = net.collaboration_members.row(ci);
                memberships += members.len() as u64;
                for &o in members {
                    add(o, &mut orgs);
                }
            }
            for &pi in projects_of.get(program).map(Vec::as_slice).unwrap_or(&[]) {
                for &o in net.collaboration_members.row(n_cons + pi) {
                    add(o, &mut orgs);
                }
            }
            let (mut ties, mut cross) = (0u64, 0u64);
            for &u in &orgs {
                for &v in net.projection.neighbors(u as usize) {
                    if v > u && inside[v as usize] {
                        ties += 1;
                        cross += (regions.of_org[u as usize] != regions.of_org[v as usize]) as u64;
                    }
                }
            }
            let with_chain: Vec<f64> = cons.iter().filter_map(|&ci| coverage[ci].chain).collect();
            let k = orgs.len() as f64;
            ProgramRow {
                program: program.to_string(),
                consortia: cons.len() as u64,
                organizations: orgs.len() as u64,
                memberships,
                mean_members: (!cons.is_empty()).then(|| memberships as f64 / cons.len() as f64),
                cross_region_tie_share: (ties > 0).then(|| cross as f64 / ties as f64),
                mean_chain_coverage: (!with_chain.is_empty())
                    .then(|| with_chain.iter().sum::<f64>() / with_chain.len() as f64),
                density: (orgs.len() >= 2).then(|| ties as f64 / (k * (k - 1.0) / 2.0)),
                ties,
                cross_region_ties: cross,
            }
        })
        .collect()
}

/// The programme of each organisation for groupings: the one programme of its consortia
/// and projects (a project's own `program`, else its consortium's), `multiple` when it
/// has several, `none` when it has none.
pub fn label_of_orgs(ds: &Dataset, net: &Network) -> Vec<String> {
    let n_cons = ds.consortia.len();
    (0..ds.organizations.len())
        .map(|o| {
            let mut programs: Vec<&str> = net
                .org_collaborations
                .row(o)
                .iter()
                .filter_map(|&c| {
                    let c = c as usize;
                    if c < n_cons {
                        Some(ds.consortia[c].program.as_str())
                    } else {
                        ds.projects[c - n_cons].effective_program(&ds.consortia)
                    }
                })
                .collect();
            programs.sort_unstable();
            programs.dedup();
            match programs.as_slice() {
                [] => "none".to_string(),
                [one] => one.to_string(),
                _ => "multiple".to_string(),
            }
        })
        .collect()
}
