//! Centralities of the two-mode graph itself — organisations and collaborations (consortia
//! and projects) as the two node sets — with Borgatti & Everett's normalisations.
//!
//! Reference: S. P. Borgatti & M. G. Everett, "Network analysis of 2-mode data", *Social
//! Networks* 19 (1997); matches NetworkX's `bipartite.degree_centrality`,
//! `bipartite.betweenness_centrality` and `bipartite.closeness_centrality(normalized=True)`
//! with the organisations as `nodes`. With n organisations and m collaborations (N = n + m):
//!
//! - degree: deg/m for an organisation, deg/n for a collaboration;
//! - betweenness: Brandes' pair dependencies (each unordered pair once) divided by the
//!   largest possible, for an organisation ½[m²(s+1)² + m(s+1)(2t−s−1) − t(2s−t+3)] with
//!   (s, t) = divmod(n−1, m), for a collaboration the same with n and m swapped;
//! - closeness: (m + 2(n−1))/Σd for an organisation, (n + 2(m−1))/Σd for a collaboration,
//!   times (r−1)/(N−1) for r nodes reachable (itself included); 0 when nothing is reached.
//!
//! A cell is empty where the normaliser is zero (no collaborations; one organisation and
//! one collaboration). Betweenness is exact (Brandes, one traversal per open-twin class)
//! when v1's betweenness is exact for this many organisations (`--betweenness`,
//! [`crate::config::AUTO_EXACT_MAX_ORGS`]), else sampled with v1's ε, δ and seed on the
//! two-mode graph; closeness is always exact (bit-parallel BFS when betweenness is
//! sampled). Complexity: O(t · (N + E)) exact, t open-twin classes, E memberships.

use crate::config::BetweennessConfig;
use crate::metrics::paths::{bit_parallel, exact, sampled};
use crate::network::{Network, Projection};

/// Centralities of every two-mode node: organisations first (in organisation order), then
/// consortia, then projects.
#[derive(Debug, Clone, Default)]
pub struct TwoModeCentrality {
    /// Normalised degree; `None` when the other side is empty.
    pub degree: Vec<Option<f64>>,
    /// Normalised betweenness; `None` when its largest possible value is 0 or undefined.
    pub betweenness: Vec<Option<f64>>,
    /// Normalised closeness.
    pub closeness: Vec<f64>,
    /// Sampling parameters when betweenness was sampled.
    pub approx: Option<sampled::ApproxInfo>,
}

/// The two-mode graph as one graph: node i < n is organisation i, node n + c collaboration c.
pub fn graph(net: &Network) -> Projection {
    let n = net.org_collaborations.rows();
    let cm = &net.collaboration_members;
    let ties: Vec<(u32, u32, u32)> = (0..cm.rows())
        .flat_map(|c| cm.row(c).iter().map(move |&o| (o, (n + c) as u32, 1)))
        .collect();
    Projection::from_ties(n + cm.rows(), &ties)
}

/// Borgatti–Everett's largest betweenness of a node on the side of `a` nodes, the other
/// side having `b`; `None` when undefined or zero.
pub fn max_betweenness(a: usize, b: usize) -> Option<f64> {
    if a == 0 || b == 0 {
        return None;
    }
    let (s, t) = (((a - 1) / b) as f64, ((a - 1) % b) as f64);
    let b = b as f64;
    let v = (b * b * (s + 1.0).powi(2) + b * (s + 1.0) * (2.0 * t - s - 1.0)
        - t * (2.0 * s - t + 3.0))
        / 2.0;
    (v > 0.0).then_some(v)
}

/// Compute the centralities.
pub fn compute(net: &Network, b: &BetweennessConfig) -> TwoModeCentrality {
    let g = graph(net);
    let n = net.org_collaborations.rows();
    let m = net.collaboration_members.rows();
    let big_n = n + m;
    let (pairs, sums, approx) = if b.samples(n) {
        let (est, info) = sampled::approx_betweenness(&g, b.epsilon, b.delta, b.seed);
        // est = pairs · 2/((N−1)(N−2)), the contract's normalisation on N nodes.
        let scale = (big_n as f64 - 1.0) * (big_n as f64 - 2.0) / 2.0;
        // Closeness from every open-twin class at once, classes counted by their size.
        let q = exact::open_twin_quotient(&g);
        let per_class = bit_parallel::quotient_sums(&q);
        let sums: Vec<exact::SourceSums> =
            q.node_of.iter().map(|&k| per_class[k as usize]).collect();
        (
            est.iter().map(|x| x * scale).collect::<Vec<f64>>(),
            sums,
            Some(info),
        )
    } else {
        // One traversal per open-twin class, each class visited once as a target.
        let (raw, sums) = exact::open_twin_path_sums(&g);
        (raw.iter().map(|x| x / 2.0).collect(), sums, None)
    };
    let (max_org, max_collab) = (max_betweenness(n, m), max_betweenness(m, n));
    let mut out = TwoModeCentrality {
        approx,
        ..Default::default()
    };
    for v in 0..big_n {
        let org = v < n;
        let (own, other) = if org { (n, m) } else { (m, n) };
        let deg = g.neighbors(v).len() as f64;
        out.degree.push((other > 0).then(|| deg / other as f64));
        let max = if org { max_org } else { max_collab };
        out.betweenness.push(max.map(|x| pairs[v] / x));
        let (r, total, _) = sums[v];
        out.closeness.push(if total > 0 && big_n > 1 {
            (other as f64 + 2.0 * (own as f64 - 1.0)) / total as f64
                * ((r - 1) as f64 / (big_n - 1) as f64)
        } else {
            0.0
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borgatti_everett_maxima() {
        // n = 3 organisations, m = 2 collaborations: (s, t) = divmod(2, 2) = (1, 0):
        // ½[4·4 + 2·2·(−2) − 0] = 4. Collaborations: divmod(1, 3) = (0, 1):
        // ½[9·1 + 3·1·(2 − 0 − 1) − 1·(0 − 1 + 3)] = ½(9 + 3 − 2) = 5.
        assert_eq!(max_betweenness(3, 2), Some(4.0));
        assert_eq!(max_betweenness(2, 3), Some(5.0));
        assert_eq!(max_betweenness(1, 1), None);
        assert_eq!(max_betweenness(3, 0), None);
    }
}
