//! The path-metric family — betweenness, closeness, harmonic — and the chooser that picks
//! how to compute them for a given network and [`BetweennessConfig`]:
//!
//! - [`exact`]: Brandes on the projection (closed-twin classes share a source);
//! - [`two_mode`]: the same, traversing the two-mode graph when that is cheaper;
//! - [`bit_parallel`]: closeness and harmonic alone, 256 sources per pass;
//! - [`sampled`]: Riondato–Kornaropoulos betweenness with a stated error bound.
//!
//! Every route gives the same closeness and harmonic bits, and the same betweenness up to
//! floating-point summation order (exact routes) or within the stated bound (sampled).

pub mod bit_parallel;
pub mod exact;
pub mod sampled;
pub mod two_mode;

use std::sync::atomic::{AtomicU64, Ordering};

use crate::config::BetweennessConfig;
use crate::network::Network;
pub use exact::PathMetrics;

/// Sources traversed so far and in all, for a progress bar: set once per route, advanced
/// once per block of sources (relaxed atomics; the maths never reads them).
#[derive(Debug, Default)]
pub struct Progress {
    /// Sources done.
    pub done: AtomicU64,
    /// Sources to do (0 until a route starts).
    pub total: AtomicU64,
}

impl Progress {
    /// A route over `total` sources starts.
    pub fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total as u64, Ordering::Relaxed);
    }

    /// `k` more sources are done.
    pub fn add(&self, k: usize) {
        self.done.fetch_add(k as u64, Ordering::Relaxed);
    }
}

/// The path metrics of `net`, the sampling parameters when betweenness was sampled, and
/// the wall seconds of each step with a word on the route taken.
pub fn compute(
    net: &Network,
    b: &BetweennessConfig,
    progress: &Progress,
) -> (
    PathMetrics,
    Option<sampled::ApproxInfo>,
    Vec<(&'static str, f64)>,
) {
    let n = net.nodes();
    let t = std::time::Instant::now();
    let mut times = Vec::new();
    // Sampling walks the projection; without one (refused for sampled runs by
    // `check_budget`) the exact two-mode route below runs instead.
    if let (true, Some(g)) = (b.samples(n), &net.projection) {
        let (betweenness, info) = sampled::approx_betweenness(g, b.epsilon, b.delta, b.seed);
        times.push((
            "betweenness (sampled, bidirectional BFS)",
            t.elapsed().as_secs_f64(),
        ));
        let t = std::time::Instant::now();
        let sums = bit_parallel::source_sums_observed(net, progress);
        times.push((
            "closeness+harmonic (bit-parallel two-mode BFS)",
            t.elapsed().as_secs_f64(),
        ));
        let (closeness, harmonic) = exact::closeness_harmonic(n, &sums);
        let paths = PathMetrics {
            betweenness,
            closeness,
            harmonic,
        };
        (paths, Some(info), times)
    } else {
        let (paths, how) = match &net.projection {
            Some(g) if !two_mode::cheaper_than_projection(net) => (
                exact::path_metrics_observed(g, progress),
                "betweenness+closeness+harmonic (projection Brandes)",
            ),
            _ => (
                two_mode::path_metrics_observed(net, progress),
                "betweenness+closeness+harmonic (two-mode Brandes)",
            ),
        };
        times.push((how, t.elapsed().as_secs_f64()));
        (paths, None, times)
    }
}
