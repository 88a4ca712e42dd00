//! Layout: a seeded Fruchterman–Reingold force-directed layout, deterministic (fixed seed,
//! sequential float arithmetic in a fixed order), for the small graphs the maps draw (a
//! backbone of at most a few hundred nodes, where the exact O(n²) repulsion costs
//! milliseconds). Weighted attraction: a tie of weight w pulls w times as hard.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Pull toward the centre, per unit distance (as ForceAtlas2's gravity).
const GRAVITY: f64 = 0.3;

/// Positions in the unit square [0, 1]², one per node.
///
/// Reference: T. Fruchterman, E. Reingold, "Graph drawing by force-directed placement"
/// (1991), with linear cooling; as NetworkX `spring_layout` (same forces, k = 1/√n).
pub fn fruchterman_reingold(
    n: usize,
    edges: &[(usize, usize, f64)],
    seed: u64,
    iterations: usize,
) -> Vec<(f64, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|_| (rng.random_range(0.0..1.0), rng.random_range(0.0..1.0)))
        .collect();
    if n < 2 {
        return pos.into_iter().map(|_| (0.5, 0.5)).collect();
    }
    let k = (1.0 / n as f64).sqrt();
    let mut temperature = 0.1;
    let cooling = temperature / (iterations as f64 + 1.0);
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for _ in 0..iterations {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(1e-9);
                let f = k * k / d2; // k²/d, applied along (dx, dy)/d
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(u, v, w) in edges {
            let (dx, dy) = (pos[u].0 - pos[v].0, pos[u].1 - pos[v].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-9);
            let f = w * d / k; // d²/k, applied along (dx, dy)/d
            disp[u].0 -= dx * f;
            disp[u].1 -= dy * f;
            disp[v].0 += dx * f;
            disp[v].1 += dy * f;
        }
        // Gravity toward the centre keeps disconnected components in view (otherwise they
        // drift apart and each shrinks to a dot once the whole is fitted to the frame).
        for (p, d) in pos.iter().zip(disp.iter_mut()) {
            d.0 -= GRAVITY * (p.0 - 0.5);
            d.1 -= GRAVITY * (p.1 - 0.5);
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d.0 * d.0 + d.1 * d.1).sqrt().max(1e-9);
            let step = len.min(temperature);
            p.0 += d.0 / len * step;
            p.1 += d.1 / len * step;
        }
        temperature -= cooling;
    }
    // Fit into the unit square with a margin, keeping the aspect ratio.
    let (minx, maxx) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (miny, maxy) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let span = (maxx - minx).max(maxy - miny).max(1e-9);
    pos.iter()
        .map(|p| {
            (
                0.05 + 0.9 * (p.0 - minx) / span,
                0.05 + 0.9 * (p.1 - miny) / span,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_and_separates_components() {
        // Two triangles joined by nothing: each triangle's nodes end nearer each other
        // than to the other triangle; same seed, same positions.
        let edges = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (3, 5, 1.0),
        ];
        let a = fruchterman_reingold(6, &edges, 7, 200);
        assert_eq!(a, fruchterman_reingold(6, &edges, 7, 200));
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(0, 3) && d(4, 5) < d(2, 5), "{a:?}");
        assert!(a
            .iter()
            .all(|p| (0.0..=1.0).contains(&p.0) && (0.0..=1.0).contains(&p.1)));
    }
}
