//! The ties inside an organisation's neighbourhood (its ego network without the ego): the
//! one scan that Burt's constraint and effective size and Gould–Fernandez brokerage all
//! need, and what it costs.
//!
//! For ego `i` with neighbours N(i) (ascending), every ordered pair (q, j) of neighbours
//! that are tied to each other is visited once per direction, q ascending and, for each q,
//! j ascending, with the weight w_qj. Two ways to find them give the same visits in the
//! same order, so results do not depend on which was used:
//!
//! - *scan*: walk N(q) and keep the j marked as neighbours of `i` — deg(q) steps;
//! - *search*: look each j ∈ N(i) up in N(q) by binary search — deg(i)·⌈log₂(deg q + 1)⌉
//!   steps, much cheaper when a small ego touches a hub.
//!
//! [`cost`] is the smaller of the two summed over N(i); its total over all organisations
//! is at most Σ_q deg(q)², the wedge count, and usually far less. Knows nothing of what the
//! visits are used for.

use crate::network::Projection;

/// Per-thread marks: `slot[v]` = position of `v` in the current ego's neighbour list, or
/// `u32::MAX`.
pub struct Marks {
    slot: Vec<u32>,
}

impl Marks {
    /// Marks for a projection of `n` organisations.
    pub fn new(n: usize) -> Self {
        Marks {
            slot: vec![u32::MAX; n],
        }
    }
}

/// ⌈log₂(d + 1)⌉, at least 1: the steps of one binary search in a row of `d`.
fn search_steps(d: usize) -> u64 {
    (usize::BITS - d.leading_zeros()).max(1) as u64
}

/// Steps of finding the neighbours of `i` among those of its neighbour with `dq`
/// neighbours, when `i` has `di`: the cheaper of scanning and searching.
fn pair_cost(di: usize, dq: usize) -> u64 {
    (dq as u64).min(di as u64 * search_steps(dq))
}

/// Steps of [`ties_within`] for ego `i`.
pub fn cost(g: &Projection, i: usize) -> u64 {
    let di = g.neighbors(i).len();
    g.neighbors(i)
        .iter()
        .map(|&q| pair_cost(di, g.neighbors(q as usize).len()))
        .sum()
}

/// Call `visit(a, b, w)` for every ordered pair of neighbours of `i` tied to each other,
/// with `a`, `b` their positions in `g.neighbors(i)` and `w` the tie's weight; `a`
/// ascending, then `b` ascending.
pub fn ties_within(
    g: &Projection,
    i: usize,
    marks: &mut Marks,
    mut visit: impl FnMut(usize, usize, u32),
) {
    let nb = g.neighbors(i);
    let di = nb.len();
    for (k, &q) in nb.iter().enumerate() {
        marks.slot[q as usize] = k as u32;
    }
    for (a, &q) in nb.iter().enumerate() {
        let (nq, wq) = (g.neighbors(q as usize), g.weights(q as usize));
        if (nq.len() as u64) <= di as u64 * search_steps(nq.len()) {
            for (&j, &w) in nq.iter().zip(wq) {
                let b = marks.slot[j as usize];
                if b != u32::MAX {
                    visit(a, b as usize, w);
                }
            }
        } else {
            for (b, &j) in nb.iter().enumerate() {
                if let Ok(pos) = nq.binary_search(&j) {
                    visit(a, b, wq[pos]);
                }
            }
        }
    }
    for &q in nb {
        marks.slot[q as usize] = u32::MAX;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of finding the ties give the same visits: a hub with many leaves and a
    /// triangle, seen from a leaf (search) and from the triangle's nodes (scan).
    #[test]
    fn scan_and_search_visit_the_same_pairs() {
        // 0 is a hub tied to 1..=40; 1-2 and 2-3 tied; 41 tied to 0, 1 and 2.
        let mut ties: Vec<(u32, u32, u32)> = (1..=40).map(|v| (0, v, 1)).collect();
        ties.extend([(1, 2, 2), (2, 3, 1), (0, 41, 1), (1, 41, 3), (2, 41, 1)]);
        let g = Projection::from_ties(42, &ties);
        let mut marks = Marks::new(42);
        for i in 0..42 {
            let mut got = Vec::new();
            ties_within(&g, i, &mut marks, |a, b, w| got.push((a, b, w)));
            // Brute force over pairs of neighbours.
            let nb = g.neighbors(i);
            let mut want = Vec::new();
            for (a, &q) in nb.iter().enumerate() {
                for (b, &j) in nb.iter().enumerate() {
                    if let Ok(p) = g.neighbors(q as usize).binary_search(&j) {
                        want.push((a, b, g.weights(q as usize)[p]));
                    }
                }
            }
            assert_eq!(got, want, "ego {i}");
        }
        // From leaf 41 (neighbours 0, 1, 2), the hub's row is searched, not scanned.
        assert!(cost(&g, 41) < 41 + 3 + 4);
        assert_eq!(search_steps(0), 1);
        assert_eq!(search_steps(40), 6);
    }
}
