//! Gould–Fernandez brokerage roles, undirected form, on the unweighted projection with
//! groups = regions.
//!
//! Reference: R. V. Gould & R. M. Fernandez, "Structures of mediation: a formal approach
//! to brokerage in transaction networks", *Sociological Methodology* 19 (1989); the
//! undirected reading of docs/SCHEMA.md. For broker b, every unordered pair {a, c} of b's
//! neighbours with no tie between them counts once as: coordinator (g(a) = g(b) = g(c)),
//! itinerant (g(a) = g(c) ≠ g(b)), gatekeeper/representative (exactly one of g(a), g(c)
//! equals g(b)) or liaison (all three different).
//!
//! Counted without listing the open pairs: all pairs of neighbours by role follow from the
//! histogram of the neighbours' groups (h₀ in b's group, h_g in each other group, S = Σ
//! h_g): coordinator C(h₀, 2), itinerant Σ C(h_g, 2), gatekeeper h₀·S, liaison
//! (S² − Σ h_g²)/2; the tied pairs, found by the ego scan ([`super::ego`]), are then taken
//! off their role. Complexity: O(deg b) plus [`super::ego::cost`] steps for broker b; exact
//! integers.
//!
//! Example: a path a – b – c with a, c in one region and b in another: b is itinerant once.

use super::ego::{ties_within, Marks};
use crate::network::Projection;

/// Counts per role: coordinator, itinerant, gatekeeper/representative, liaison.
pub type Roles = [u64; 4];

/// Per-thread buffers: the neighbour-group histogram.
pub struct Histogram {
    count: Vec<u64>,
    touched: Vec<u32>,
}

impl Histogram {
    /// A histogram over `groups` groups.
    pub fn new(groups: usize) -> Self {
        Histogram {
            count: vec![0; groups],
            touched: Vec::new(),
        }
    }
}

/// The role of the pair {a, c} for a broker in group `gb`.
fn role(gb: u32, ga: u32, gc: u32) -> usize {
    match (ga == gb, gc == gb) {
        (true, true) => 0,
        (false, false) if ga == gc => 1,
        (false, false) => 3,
        _ => 2,
    }
}

/// Broker b's counts in the making: all pairs of its neighbours by role, less the tied
/// ones as they are visited; the groups of its neighbours by position.
#[derive(Default)]
pub struct Open {
    /// The counts.
    pub roles: Roles,
    group_of: Vec<u32>,
    own: u32,
}

impl Open {
    /// All pairs of broker `b`'s neighbours by role, tied or not, from the histogram of
    /// their groups; `group[v]` is the group of organisation v.
    pub fn start(&mut self, g: &Projection, b: usize, group: &[u32], h: &mut Histogram) {
        let gb = group[b];
        self.own = gb;
        self.group_of.clear();
        for &v in g.neighbors(b) {
            let k = group[v as usize];
            self.group_of.push(k);
            if h.count[k as usize] == 0 {
                h.touched.push(k);
            }
            h.count[k as usize] += 1;
        }
        let h0 = h.count[gb as usize];
        let (mut s, mut sq, mut itinerant) = (0u64, 0u64, 0u64);
        for &k in h.touched.iter() {
            let x = std::mem::take(&mut h.count[k as usize]);
            if k != gb {
                s += x;
                sq += x * x;
                itinerant += x * (x - 1) / 2;
            }
        }
        h.touched.clear();
        self.roles = [
            h0 * h0.saturating_sub(1) / 2,
            itinerant,
            h0 * s,
            (s * s - sq) / 2,
        ];
    }

    /// Take the tie between the neighbours at positions `x` and `y` off its role (each
    /// unordered pair once: when `x < y`).
    #[inline]
    pub fn visit(&mut self, x: usize, y: usize) {
        if x < y {
            self.roles[role(self.own, self.group_of[x], self.group_of[y])] -= 1;
        }
    }
}

/// The roles of broker `b` by its own scan. (The run scans once for these and Burt's
/// measures together, see [`super::compute`].)
pub fn roles(
    g: &Projection,
    b: usize,
    group: &[u32],
    marks: &mut Marks,
    h: &mut Histogram,
) -> Roles {
    let mut open = Open::default();
    open.start(g, b, group, h);
    ties_within(g, b, marks, |x, y, _| open.visit(x, y));
    open.roles
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Direct enumeration of the open pairs, for comparison.
    fn brute(g: &Projection, b: usize, group: &[u32]) -> Roles {
        let nb = g.neighbors(b);
        let mut r = [0u64; 4];
        for (i, &a) in nb.iter().enumerate() {
            for &c in &nb[i + 1..] {
                if g.neighbors(a as usize).binary_search(&c).is_err() {
                    r[role(group[b], group[a as usize], group[c as usize])] += 1;
                }
            }
        }
        r
    }

    #[test]
    fn roles_by_hand() {
        // Star: centre 0 (group 0); leaves 1, 2 in group 0, 3, 4 in group 1, 5 in group 2.
        // Pairs: {1,2} coordinator; {3,4} itinerant; {1,3},{1,4},{1,5},{2,3},{2,4},{2,5}
        // gatekeeper/representative; {3,5},{4,5} liaison. Tie 1-3 closes one gatekeeper pair.
        let g = Projection::from_ties(
            6,
            &[
                (0, 1, 1),
                (0, 2, 1),
                (0, 3, 1),
                (0, 4, 5),
                (0, 5, 1),
                (1, 3, 1),
            ],
        );
        let group = [0, 0, 0, 1, 1, 2];
        let (mut m, mut h) = (Marks::new(6), Histogram::new(3));
        assert_eq!(roles(&g, 0, &group, &mut m, &mut h), [1, 1, 5, 2]);
        // Leaf 1 (neighbours 0 and 3, tied): nothing to broker.
        assert_eq!(roles(&g, 1, &group, &mut m, &mut h), [0, 0, 0, 0]);
        // A path a – b – c, a and c in one region, b in another: itinerant.
        let p = Projection::from_ties(3, &[(0, 1, 1), (1, 2, 1)]);
        let (mut m, mut h) = (Marks::new(3), Histogram::new(2));
        assert_eq!(roles(&p, 1, &[0, 1, 0], &mut m, &mut h), [0, 1, 0, 0]);
    }

    #[test]
    fn histogram_minus_tied_pairs_equals_enumeration() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let n = 60;
        let mut ties = Vec::new();
        for u in 0..n as u32 {
            for v in u + 1..n as u32 {
                if rng.random::<f64>() < 0.15 {
                    ties.push((u, v, 1 + rng.random_range(0..3)));
                }
            }
        }
        let g = Projection::from_ties(n, &ties);
        let group: Vec<u32> = (0..n).map(|_| rng.random_range(0..4)).collect();
        let (mut m, mut h) = (Marks::new(n), Histogram::new(4));
        for b in 0..n {
            assert_eq!(
                roles(&g, b, &group, &mut m, &mut h),
                brute(&g, b, &group),
                "broker {b}"
            );
        }
    }
}
