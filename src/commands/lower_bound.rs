//! `consortia lower-bound` (hidden, for the benchmark): the time of a plain BFS from every
//! organisation over the projection's CSR (both cores), with the graph's size and its
//! closed-twin classes, as `key value` lines.

use std::fmt;
use std::path::Path;

use super::Outcome;
use crate::error::Error;
use crate::metrics::paths::{exact, two_mode};
use crate::{ingest, network};

/// The measured lines.
#[derive(Debug, Clone)]
pub struct LowerBound(String);

/// Load `dir`, build its network and time the BFS lower bound.
pub fn run(dir: &Path) -> Result<LowerBound, Error> {
    let ds = ingest::load(dir)?;
    network::check_budget(&ds, true, crate::config::DEFAULT_PROJECTION_TIES)
        .map_err(Error::TooLarge)?;
    let net = network::Network::build(&ds);
    let g = net
        .projection
        .as_ref()
        .expect("check_budget(sampled) keeps the projection within its budget");
    let (seconds, visited) = exact::bfs_lower_bound(g);
    let t = std::time::Instant::now();
    let (reps, _, _) = exact::closed_twin_classes(g);
    let twin_seconds = t.elapsed().as_secs_f64();
    let multi = &net.multi_ties;
    Ok(LowerBound(format!(
        "two_mode_edges {}\nmulti_tie_entries {}\ntwo_mode_used {}\n",
        net.collaboration_members.targets.len(),
        multi.len(),
        two_mode::cheaper_than_projection(&net)
    ) + &format!(
        "organizations {}\nties {}\nbfs_per_source_seconds {seconds:.3}\nbfs_nodes_visited {visited}\ntwin_classes {}\ntwin_detection_seconds {twin_seconds:.3}\n",
        g.nodes(),
        g.ties(),
        reps.len()
    )))
}

impl fmt::Display for LowerBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Outcome for LowerBound {}
