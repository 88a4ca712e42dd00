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

/// A programme's consortia and organisations in one network.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramScope<'a> {
    /// Programme name as given.
    pub program: &'a str,
    /// Its consortia (indices), ascending.
    pub consortia: Vec<usize>,
    /// Its projects (indices), ascending.
    pub projects: Vec<usize>,
    /// Its organisations: members of its consortia, then of its projects, each once (in
    /// that order of discovery).
    pub organizations: Vec<u32>,
    /// Distinct (consortium, org) pairs of its consortia.
    pub memberships: u64,
}

/// Every programme of the dataset (from consortia and projects), sorted by name, with its
/// consortia, projects and organisations.
pub fn scopes<'a>(ds: &'a Dataset, net: &Network) -> Vec<ProgramScope<'a>> {
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
        .into_par_iter()
        .map(|(program, consortia)| {
            let projects = projects_of.get(program).cloned().unwrap_or_default();
            let mut inside = vec![false; n];
            let mut organizations = Vec::new();
            let mut memberships = 0u64;
            let collaborations = consortia
                .iter()
                .copied()
                .chain(projects.iter().map(|&p| n_cons + p));
            for c in collaborations {
                let members = net.collaboration_members.row(c);
                if c < n_cons {
                    memberships += members.len() as u64;
                }
                for &o in members {
                    if !std::mem::replace(&mut inside[o as usize], true) {
                        organizations.push(o);
                    }
                }
            }
            ProgramScope {
                program,
                consortia,
                projects,
                organizations,
                memberships,
            }
        })
        .collect()
}

/// Ties of the subgraph induced by the organisations with `inside[o]`, and how many of
/// them cross regions. Counted through the incidence lists
/// ([`Network::group_ties`]): O(memberships + multi-ties).
pub fn induced_ties(net: &Network, regions: &Regions, inside: &[bool]) -> (u64, u64) {
    let group: Vec<u32> = regions
        .of_org
        .iter()
        .zip(inside)
        .map(|(&r, &i)| if i { r } else { u32::MAX })
        .collect();
    let (mut ties, mut cross) = (0u64, 0u64);
    for ((a, b), (t, _)) in net.group_ties(&group) {
        ties += t;
        if a != b {
            cross += t;
        }
    }
    (ties, cross)
}

/// `part / whole`; `None` when `whole` is 0 (the contract's empty cell).
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// ties / (k(k−1)/2); `None` when k < 2.
pub fn density(ties: u64, k: u64) -> Option<f64> {
    let k = k as f64;
    (k >= 2.0).then(|| ties as f64 / (k * (k - 1.0) / 2.0))
}

/// The mean of the values; `None` when there are none.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// One row per programme, sorted by programme name.
pub fn compare(
    ds: &Dataset,
    net: &Network,
    regions: &Regions,
    coverage: &[Coverage],
) -> Vec<ProgramRow> {
    let n = ds.organizations.len();
    scopes(ds, net)
        .par_iter()
        .map(|scope| {
            let mut inside = vec![false; n];
            for &o in &scope.organizations {
                inside[o as usize] = true;
            }
            let (ties, cross) = induced_ties(net, regions, &inside);
            let with_chain: Vec<f64> = scope
                .consortia
                .iter()
                .filter_map(|&ci| coverage[ci].chain)
                .collect();
            let cons = scope.consortia.len() as u64;
            ProgramRow {
                program: scope.program.to_string(),
                consortia: cons,
                organizations: scope.organizations.len() as u64,
                memberships: scope.memberships,
                mean_members: (cons > 0).then(|| scope.memberships as f64 / cons as f64),
                cross_region_tie_share: share(cross, ties),
                mean_chain_coverage: mean(&with_chain),
                density: density(ties, scope.organizations.len() as u64),
                ties,
                cross_region_ties: cross,
            }
        })
        .collect()
}

/// The programmes of organisation `i`'s consortia and projects (a project's own, else its
/// consortium's), sorted, each once. O(collaborations of i).
pub fn programs_of<'a>(ds: &'a Dataset, net: &Network, i: usize) -> Vec<&'a str> {
    let n_cons = ds.consortia.len();
    let mut programs: Vec<&str> = net
        .org_collaborations
        .row(i)
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
    programs
}

/// The programme of each organisation for groupings: the one programme of its consortia
/// and projects (a project's own `program`, else its consortium's), `multiple` when it
/// has several, `none` when it has none.
pub fn label_of_orgs(ds: &Dataset, net: &Network) -> Vec<String> {
    (0..ds.organizations.len())
        .map(|o| match programs_of(ds, net, o).as_slice() {
            [] => "none".to_string(),
            [one] => one.to_string(),
            _ => "multiple".to_string(),
        })
        .collect()
}
