//! Burt's structural holes on the weighted projection: constraint and effective size of
//! one organisation, from the ties inside its neighbourhood ([`super::ego`]).
//!
//! Reference: R. S. Burt, *Structural Holes* (1992); matches
//! `networkx.constraint(G, weight="weight")` and `networkx.effective_size(G,
//! nodes=[…], weight="weight")` — the per-node path; NetworkX 3.6.1's all-nodes weighted
//! path divides by the wrong maximum (see docs/SCHEMA.md).
//!
//! With p_ij = w_ij / Σ_k w_ik and m_jq = w_jq / max_k w_jk:
//! - constraint c_i = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i), q≠j} p_iq p_qj)²;
//! - effective size e_i = Σ_{j∈N(i)} (1 − Σ_{q∈N(i), q≠j} p_iq m_jq).
//!
//! Both are undefined (`None`) for an isolate. Complexity: O(deg i) plus the ego scan,
//! [`super::ego::cost`] steps, for organisation i.
//!
//! Example (a star with centre 0 and leaves 1, 2, 3, weights 1): the centre has p = 1/3 to
//! each leaf and no ties among them, so c_0 = 3 · (1/3)² = 1/3 and e_0 = 3; a leaf has c = 1
//! and e = 1.

use super::ego::{ties_within, Marks};
use crate::network::Projection;

/// Per-organisation accumulators, reused between organisations: p_ij and p_ij / Σ_k w_jk
/// per neighbour j, 1 / max_k w_jk, and per neighbour the indirect constraint and the
/// redundancy before its division by that maximum.
#[derive(Default)]
pub struct Holes {
    p: Vec<f64>,
    p_over_total: Vec<f64>,
    inv_max: Vec<f64>,
    indirect: Vec<f64>,
    redundancy: Vec<f64>,
}

impl Holes {
    /// Start organisation `i`; `false` for an isolate. `total` and `max` are [`strengths`].
    pub fn start(&mut self, g: &Projection, i: usize, total: &[f64], max: &[f64]) -> bool {
        let (nb, w) = (g.neighbors(i), g.weights(i));
        self.p.clear();
        self.p.extend(w.iter().map(|&x| x as f64 / total[i]));
        self.p_over_total.clear();
        self.p_over_total
            .extend(nb.iter().zip(&self.p).map(|(&q, &p)| p / total[q as usize]));
        self.inv_max.clear();
        self.inv_max
            .extend(nb.iter().map(|&j| 1.0 / max[j as usize]));
        self.indirect.clear();
        self.indirect.resize(nb.len(), 0.0);
        self.redundancy.clear();
        self.redundancy.resize(nb.len(), 0.0);
        !nb.is_empty()
    }

    /// One tie q–j inside the neighbourhood (`a`, `b` the positions of q and j among the
    /// neighbours, `w` the tie's weight): adds p_iq p_qj and p_iq w_qj.
    #[inline]
    pub fn visit(&mut self, a: usize, b: usize, w: u32) {
        let w = w as f64;
        self.indirect[b] += self.p_over_total[a] * w;
        self.redundancy[b] += self.p[a] * w;
    }

    /// (constraint, effective size) once every tie has been visited.
    pub fn finish(&self) -> (f64, f64) {
        let constraint = (0..self.p.len())
            .map(|b| (self.p[b] + self.indirect[b]).powi(2))
            .sum();
        let effective = (0..self.p.len())
            .map(|b| 1.0 - self.redundancy[b] * self.inv_max[b])
            .sum();
        (constraint, effective)
    }
}

/// Every organisation's total tie weight and largest tie weight (0 for isolates): the
/// normalisers of p and m.
pub fn strengths(g: &Projection) -> (Vec<f64>, Vec<f64>) {
    (0..g.nodes())
        .map(|u| {
            let w = g.weights(u);
            (
                w.iter().map(|&x| x as f64).sum::<f64>(),
                w.iter().copied().max().unwrap_or(0) as f64,
            )
        })
        .unzip()
}

/// (constraint, effective size) of organisation `i` by its own scan; `None` for an
/// isolate. `total` and `max` are [`strengths`]. (The run scans once for these and
/// brokerage together, see [`super::compute`].)
pub fn holes(
    g: &Projection,
    i: usize,
    total: &[f64],
    max: &[f64],
    marks: &mut Marks,
    acc: &mut Holes,
) -> Option<(f64, f64)> {
    if !acc.start(g, i, total, max) {
        return None;
    }
    ties_within(g, i, marks, |a, b, w| acc.visit(a, b, w));
    Some(acc.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(g: &Projection) -> Vec<Option<(f64, f64)>> {
        let (t, m) = strengths(g);
        let (mut marks, mut acc) = (Marks::new(g.nodes()), Holes::default());
        (0..g.nodes())
            .map(|i| holes(g, i, &t, &m, &mut marks, &mut acc))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-14
    }

    #[test]
    fn star_by_hand() {
        let g = Projection::from_ties(5, &[(0, 1, 1), (0, 2, 1), (0, 3, 1)]);
        let h = all(&g);
        let (c, e) = h[0].unwrap();
        assert!(close(c, 1.0 / 3.0) && close(e, 3.0), "{c} {e}");
        let (c, e) = h[1].unwrap();
        assert!(close(c, 1.0) && close(e, 1.0));
        assert_eq!(h[4], None, "isolate");
    }

    #[test]
    fn triangle_and_weighted_path_by_hand() {
        // Triangle 0-1-2, weights 1: p = 1/2 everywhere; for i = 0, j = 1: indirect via
        // q = 2 is p_02 p_21 = 1/4, so (1/2 + 1/4)² = 9/16, twice: c = 9/8. Effective size:
        // m = 1 for every tie, redundancy of each neighbour 1/2: e = 2 − 1 = 1.
        let g = Projection::from_ties(3, &[(0, 1, 1), (1, 2, 1), (0, 2, 1)]);
        for (c, e) in all(&g).into_iter().flatten() {
            assert!(close(c, 9.0 / 8.0) && close(e, 1.0), "{c} {e}");
        }
        // Triangle with weights w01 = 2, w02 = 1, w12 = 1. Node 0: p01 = 2/3, p02 = 1/3;
        // p12 = 1/3 (node 1's total is 3), p21 = 1/2 (node 2's total is 2).
        // c_0 = (2/3 + 1/3·1/2)² + (1/3 + 2/3·1/3)² = (5/6)² + (5/9)² = 325/324.
        // m: node 1's max is 2, so m_12 = 1/2; node 2's max is 1, so m_21 = 1.
        // e_0 = (1 − p02·m_12) + (1 − p01·m_21) = (1 − 1/6) + (1 − 2/3) = 7/6.
        let g = Projection::from_ties(3, &[(0, 1, 2), (0, 2, 1), (1, 2, 1)]);
        let (c, e) = all(&g)[0].unwrap();
        assert!(close(c, 325.0 / 324.0), "{c}");
        assert!(close(e, 7.0 / 6.0), "{e}");
    }

    #[test]
    fn two_triangles_joined_by_a_bridge() {
        // 0-1-2 and 3-4-5 triangles, bridge 2-3. Node 2: neighbours 0, 1, 3, p = 1/3 each;
        // 0 and 1 are tied: indirect to 0 via 1 is 1/3 · 1/2 = 1/6, same for 1; 3 has none.
        // c_2 = 2·(1/3 + 1/6)² + (1/3)² = 1/2 + 1/9 = 11/18. Effective size: 0 and 1 each
        // redundant by 1/3 (m = 1): e_2 = 3 − 2/3 = 7/3.
        let g = Projection::from_ties(
            6,
            &[
                (0, 1, 1),
                (1, 2, 1),
                (0, 2, 1),
                (3, 4, 1),
                (4, 5, 1),
                (3, 5, 1),
                (2, 3, 1),
            ],
        );
        let (c, e) = all(&g)[2].unwrap();
        assert!(close(c, 11.0 / 18.0), "{c}");
        assert!(close(e, 7.0 / 3.0), "{e}");
    }
}
