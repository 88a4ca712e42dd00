//! Articulation points (cut vertices) of the projection: organisations whose removal
//! increases the number of connected components — single points of failure.
//!
//! Reference: R. E. Tarjan, "Depth-first search and linear graph algorithms", SIAM J.
//! Comput. 1 (1972); Hopcroft & Tarjan's low-point test, as `networkx.articulation_points`.
//! Iterative (an explicit stack, no recursion: projections have up to millions of
//! organisations), O(n + m) time, O(n) memory.
//!
//! Example: in two triangles joined by a bridge 2–3, organisations 2 and 3 are
//! articulation points; in a star, only the centre.

use crate::network::Projection;

/// Whether each organisation is an articulation point.
pub fn articulation_points(g: &Projection) -> Vec<bool> {
    let n = g.nodes();
    const NONE: u32 = u32::MAX;
    let mut disc = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut cut = vec![false; n];
    // (node, parent, next neighbour position)
    let mut stack: Vec<(u32, u32, u32)> = Vec::new();
    let mut time = 0u32;
    for root in 0..n {
        if disc[root] != NONE {
            continue;
        }
        disc[root] = time;
        low[root] = time;
        time += 1;
        let mut root_children = 0u32;
        stack.push((root as u32, NONE, 0));
        while let Some(top) = stack.last_mut() {
            let (v, parent, pos) = *top;
            let nb = g.neighbors(v as usize);
            if (pos as usize) < nb.len() {
                top.2 += 1;
                let w = nb[pos as usize];
                if disc[w as usize] == NONE {
                    disc[w as usize] = time;
                    low[w as usize] = time;
                    time += 1;
                    if v as usize == root {
                        root_children += 1;
                    }
                    stack.push((w, v, 0));
                } else if w != parent {
                    low[v as usize] = low[v as usize].min(disc[w as usize]);
                }
            } else {
                stack.pop();
                if parent != NONE {
                    let (p, v) = (parent as usize, v as usize);
                    low[p] = low[p].min(low[v]);
                    if p != root && low[v] >= disc[p] {
                        cut[p] = true;
                    }
                }
            }
        }
        if root_children > 1 {
            cut[root] = true;
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(n: usize, edges: &[(u32, u32)]) -> Projection {
        let t: Vec<(u32, u32, u32)> = edges.iter().map(|&(a, b)| (a, b, 1)).collect();
        Projection::from_ties(n, &t)
    }

    #[test]
    fn bridges_stars_and_cycles() {
        let two = g(6, &[(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]);
        assert_eq!(
            articulation_points(&two),
            [false, false, true, true, false, false]
        );
        let star = g(5, &[(0, 1), (0, 2), (0, 3)]);
        assert_eq!(
            articulation_points(&star),
            [true, false, false, false, false]
        );
        let cycle = g(4, &[(0, 1), (1, 2), (2, 3), (0, 3)]);
        assert_eq!(articulation_points(&cycle), [false; 4]);
        // A path: the inner nodes; the root of the search (0) is an end.
        let path = g(4, &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(articulation_points(&path), [false, true, true, false]);
        // Root with two children: 1 is the root's only neighbour side... start at 0 = centre.
        let bow = g(5, &[(0, 1), (1, 2), (0, 2), (0, 3), (3, 4), (0, 4)]);
        assert_eq!(
            articulation_points(&bow),
            [true, false, false, false, false]
        );
    }

    #[test]
    fn a_long_path_needs_no_recursion() {
        let n = 1_000_000;
        let edges: Vec<(u32, u32)> = (0..n as u32 - 1).map(|i| (i, i + 1)).collect();
        let cut = articulation_points(&g(n, &edges));
        assert_eq!(cut.iter().filter(|&&c| c).count(), n - 2);
        assert!(!cut[0] && !cut[n - 1]);
    }
}
