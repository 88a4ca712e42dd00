//! Spectral centralities of the organisation projection: eigenvector (Perron vector,
//! per connected component) and PageRank, as the contract defines them. Hand-computed and
//! karate-club checks are in `paths::exact`'s tests, which exercise every measure at once.

use rayon::prelude::*;

use crate::network::{Network, Projection};

/// The weighted adjacency A as an operator: the projection's CSR when it is built, or
/// B·Bᵀ minus its diagonal through the incidence lists (O(memberships) per product,
/// whatever the collaborations' sizes). Both give A·x; the sums run in another order, so
/// the two agree to rounding (tests: 1e-12), and a run uses the projection whenever it
/// exists.
#[derive(Clone, Copy)]
enum Adjacency<'a> {
    Projection(&'a Projection),
    Incidence(&'a Network),
}

/// A connected component as the products see it: its `nodes` (`pos[v]` = v's index among
/// them) and, for the incidence product, its `collabs` (from
/// [`Adjacency::collaborations`]; `cpos[c]` = c's index among them).
#[derive(Clone, Copy)]
struct Part<'a> {
    nodes: &'a [u32],
    pos: &'a [u32],
    collabs: &'a [u32],
    cpos: &'a [u32],
}

impl Adjacency<'_> {
    fn of(net: &Network) -> Adjacency<'_> {
        match &net.projection {
            Some(g) => Adjacency::Projection(g),
            None => Adjacency::Incidence(net),
        }
    }

    fn components(&self) -> Vec<Vec<u32>> {
        match self {
            Adjacency::Projection(g) => g.components(),
            Adjacency::Incidence(net) => net.components(),
        }
    }

    /// The collaborations touching `nodes` (for the incidence product), ascending.
    fn collaborations(&self, nodes: &[u32]) -> Vec<u32> {
        match self {
            Adjacency::Projection(_) => Vec::new(),
            Adjacency::Incidence(net) => {
                let mut cs: Vec<u32> = nodes
                    .iter()
                    .flat_map(|&v| net.org_collaborations.row(v as usize).iter().copied())
                    .collect();
                cs.sort_unstable();
                cs.dedup();
                cs
            }
        }
    }

    /// y[i] = shift·x[i] + (A·x)[i] over the component `part`.
    fn multiply(&self, part: &Part<'_>, x: &[f64], y: &mut [f64], shift: f64) {
        let Part {
            nodes,
            pos,
            collabs,
            cpos,
        } = *part;
        match self {
            Adjacency::Projection(g) => {
                y.par_iter_mut()
                    .enumerate()
                    .with_min_len(4096)
                    .for_each(|(i, yi)| {
                        let v = nodes[i] as usize;
                        let mut acc = shift * x[i];
                        for (&u, &w) in g.neighbors(v).iter().zip(g.weights(v)) {
                            acc += w as f64 * x[pos[u as usize] as usize];
                        }
                        *yi = acc;
                    });
            }
            Adjacency::Incidence(net) => {
                let t: Vec<f64> = collabs
                    .par_iter()
                    .with_min_len(1024)
                    .map(|&c| {
                        net.collaboration_members
                            .row(c as usize)
                            .iter()
                            .map(|&v| x[pos[v as usize] as usize])
                            .sum()
                    })
                    .collect();
                y.par_iter_mut()
                    .enumerate()
                    .with_min_len(4096)
                    .for_each(|(i, yi)| {
                        let cs = net.org_collaborations.row(nodes[i] as usize);
                        let through: f64 = cs.iter().map(|&c| t[cpos[c as usize] as usize]).sum();
                        *yi = shift * x[i] + through - cs.len() as f64 * x[i];
                    });
            }
        }
    }
}

/// Outcome of an iterative method.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Convergence {
    /// Iterations run.
    pub iterations: usize,
    /// The last change between successive vectors (L1 for PageRank, L2 for eigenvector).
    pub last_change: f64,
    /// Whether the stopping rule was met before the iteration cap.
    pub converged: bool,
}

/// Iteration cap of the eigenvector power iteration.
pub const EIGENVECTOR_MAX_ITER: usize = 1_000_000;

/// Eigenvector centrality: the non-negative Perron vector of the weighted adjacency
/// matrix A, L2-normalised, as the contract defines it.
///
/// Computed per connected component, which is exact and well conditioned: each
/// component's Perron vector v_c (power iteration on A_c + I from the uniform vector,
/// the shift removing the oscillation of bipartite-like components) and its eigenvalue
/// λ_c (Rayleigh quotient). The result is the limit of power iteration on the whole graph
/// from the uniform vector: components whose λ_c equals the largest (relative 1e-10)
/// get (Σv_c) · v_c, all others exactly 0, then the whole is L2-normalised. A graph
/// without ties therefore gives 1/√n everywhere. Each component stops when the L2 change
/// is below 1e-15 or the geometric error estimate change · ρ/(1-ρ) (ρ = ratio of
/// successive changes) is below 1e-13: far inside the contract's 1e-9.
/// Reference: NetworkX `eigenvector_centrality(weight="weight")` on a connected graph.
/// Complexity: O(iterations · (n + m)); components run in parallel.
pub fn eigenvector(net: &Network) -> (Vec<f64>, Convergence) {
    eigenvector_with(
        Adjacency::of(net),
        net.nodes(),
        net.collaboration_members.rows(),
    )
}

/// [`eigenvector`] of a projection given alone (tests, tools).
pub fn eigenvector_of_projection(g: &Projection) -> (Vec<f64>, Convergence) {
    eigenvector_with(Adjacency::Projection(g), g.nodes(), 0)
}

fn eigenvector_with(g: Adjacency<'_>, n: usize, n_collabs: usize) -> (Vec<f64>, Convergence) {
    let comps = g.components();
    let mut pos = vec![0u32; n];
    for c in &comps {
        for (i, &v) in c.iter().enumerate() {
            pos[v as usize] = i as u32;
        }
    }
    // Each collaboration lies inside one component: one index array serves all.
    let collabs: Vec<Vec<u32>> = comps.iter().map(|c| g.collaborations(c)).collect();
    let mut cpos = vec![0u32; n_collabs];
    for cs in &collabs {
        for (i, &c) in cs.iter().enumerate() {
            cpos[c as usize] = i as u32;
        }
    }
    let per: Vec<(Vec<f64>, f64, Convergence)> = comps
        .par_iter()
        .zip(&collabs)
        .map(|(c, cs)| perron(g, c, &pos, cs, &cpos))
        .collect();
    let lambda_max = per.iter().map(|p| p.1).fold(0.0f64, f64::max);
    let tied = |l: f64| l >= lambda_max - 1e-10 * lambda_max;
    let weights: Vec<f64> = per
        .iter()
        .map(|(v, l, _)| if tied(*l) { v.iter().sum() } else { 0.0 })
        .collect();
    let norm = weights.iter().map(|s| s * s).sum::<f64>().sqrt();
    let mut x = vec![0.0f64; n];
    for ((c, (v, _, _)), s) in comps.iter().zip(&per).zip(&weights) {
        if *s > 0.0 {
            for (&node, vi) in c.iter().zip(v) {
                x[node as usize] = s * vi / norm;
            }
        }
    }
    let outcome = per.iter().fold(
        Convergence {
            iterations: 0,
            last_change: 0.0,
            converged: true,
        },
        |acc, (_, _, c)| Convergence {
            iterations: acc.iterations.max(c.iterations),
            last_change: acc.last_change.max(c.last_change),
            converged: acc.converged && c.converged,
        },
    );
    (x, outcome)
}

/// Perron vector (unit L2, positive) and eigenvalue of one connected component, whose
/// nodes are `nodes`; `pos[v]` is v's position in that list.
fn perron(
    g: Adjacency<'_>,
    nodes: &[u32],
    pos: &[u32],
    collabs: &[u32],
    cpos: &[u32],
) -> (Vec<f64>, f64, Convergence) {
    let k = nodes.len();
    if k == 1 {
        return (
            vec![1.0],
            0.0,
            Convergence {
                iterations: 0,
                last_change: 0.0,
                converged: true,
            },
        );
    }
    let mut x = vec![1.0 / (k as f64).sqrt(); k];
    let mut y = vec![0.0f64; k];
    let mut prev_change = f64::INFINITY;
    let mut outcome = Convergence {
        iterations: 0,
        last_change: f64::INFINITY,
        converged: false,
    };
    let part = Part {
        nodes,
        pos,
        collabs,
        cpos,
    };
    let multiply = |x: &[f64], y: &mut [f64], shift: f64| g.multiply(&part, x, y, shift);
    for it in 1..=EIGENVECTOR_MAX_ITER {
        multiply(&x, &mut y, 1.0);
        let norm = y.iter().map(|v| v * v).sum::<f64>().sqrt();
        let mut change = 0.0f64;
        for (yi, xi) in y.iter_mut().zip(&x) {
            *yi /= norm;
            change += (*yi - xi) * (*yi - xi);
        }
        let change = change.sqrt();
        std::mem::swap(&mut x, &mut y);
        let rho = change / prev_change;
        prev_change = change;
        let estimate = if rho < 1.0 {
            change * rho / (1.0 - rho)
        } else {
            f64::INFINITY
        };
        outcome = Convergence {
            iterations: it,
            last_change: change,
            converged: false,
        };
        if change < 1e-15 || (it > 3 && estimate < 1e-13) {
            outcome.converged = true;
            break;
        }
    }
    multiply(&x, &mut y, 0.0);
    let lambda = x.iter().zip(&y).map(|(a, b)| a * b).sum();
    (x, lambda, outcome)
}

/// PageRank with damping 0.85, weighted by tie weight, uniform teleport; the rank of
/// nodes without ties is spread uniformly. Iterates from the uniform vector until
/// successive vectors differ by less than 1e-13 in L1 (the contract's fixed point).
/// Reference: NetworkX `pagerank(alpha=0.85, weight="weight")` with `tol` tightened.
pub fn pagerank(net: &Network) -> (Vec<f64>, Convergence) {
    pagerank_with(
        Adjacency::of(net),
        net.nodes(),
        net.collaboration_members.rows(),
    )
}

/// [`pagerank`] of a projection given alone (tests, tools).
pub fn pagerank_of_projection(g: &Projection) -> (Vec<f64>, Convergence) {
    pagerank_with(Adjacency::Projection(g), g.nodes(), 0)
}

fn pagerank_with(g: Adjacency<'_>, n: usize, n_collabs: usize) -> (Vec<f64>, Convergence) {
    const DAMPING: f64 = 0.85;
    const MAX_ITER: usize = 100_000;
    let everyone: Vec<u32> = (0..n as u32).collect();
    let collabs: Vec<u32> = (0..n_collabs as u32).collect();
    if n == 0 {
        return (
            Vec::new(),
            Convergence {
                iterations: 0,
                last_change: 0.0,
                converged: true,
            },
        );
    }
    let strength: Vec<f64> = match g {
        Adjacency::Projection(p) => (0..n)
            .map(|u| p.weights(u).iter().map(|&w| w as f64).sum())
            .collect(),
        Adjacency::Incidence(net) => (0..n).map(|u| net.weighted_degree(u) as f64).collect(),
    };
    let mut x = vec![1.0 / n as f64; n];
    let mut share = vec![0.0f64; n];
    let mut y = vec![0.0f64; n];
    let mut outcome = Convergence {
        iterations: 0,
        last_change: f64::INFINITY,
        converged: false,
    };
    for it in 1..=MAX_ITER {
        let mut dangling = 0.0;
        for u in 0..n {
            if strength[u] > 0.0 {
                share[u] = x[u] / strength[u];
            } else {
                share[u] = 0.0;
                dangling += x[u];
            }
        }
        let base = (DAMPING * dangling + (1.0 - DAMPING)) / n as f64;
        match g {
            Adjacency::Projection(p) => {
                y.par_iter_mut()
                    .enumerate()
                    .with_min_len(1024)
                    .for_each(|(v, yv)| {
                        let mut acc = 0.0;
                        for (&u, &w) in p.neighbors(v).iter().zip(p.weights(v)) {
                            acc += share[u as usize] * w as f64;
                        }
                        *yv = DAMPING * acc + base;
                    });
            }
            Adjacency::Incidence(_) => {
                let whole = Part {
                    nodes: &everyone,
                    pos: &everyone,
                    collabs: &collabs,
                    cpos: &collabs,
                };
                g.multiply(&whole, &share, &mut y, 0.0);
                for yv in y.iter_mut() {
                    *yv = DAMPING * *yv + base;
                }
            }
        }
        let change: f64 = y.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut y);
        outcome = Convergence {
            iterations: it,
            last_change: change,
            converged: change < 1e-13,
        };
        if outcome.converged {
            break;
        }
    }
    (x, outcome)
}
