//! Industry-chain coverage: which segments of its chain a consortium's members cover.
//!
//! A member covers a segment when the segment is in the member's `segments` list. Only
//! consortium memberships count (not project participation).

use crate::dataset::Dataset;
use crate::network::Network;

/// One row of `chain_coverage.csv`: a segment of a consortium's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentCoverage {
    /// Consortium index.
    pub consortium: u32,
    /// Segment index.
    pub segment: u32,
    /// Members of the consortium whose `segments` include this one.
    pub members_covering: u32,
}

/// Coverage shares of one consortium.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Coverage {
    /// Covered segments / chain segments; `None` without a chain.
    pub chain: Option<f64>,
    /// Covered critical segments / critical segments; `None` without a chain or without
    /// a critical segment.
    pub critical: Option<f64>,
}

/// Per-segment rows (consortia without a chain have none), and each consortium's shares.
pub fn coverage(ds: &Dataset, net: &Network) -> (Vec<SegmentCoverage>, Vec<Coverage>) {
    let mut rows = Vec::new();
    let mut shares = vec![Coverage::default(); ds.consortia.len()];
    let mut count = vec![0u32; ds.segments.len()];
    for (ci, c) in ds.consortia.iter().enumerate() {
        let Some(chain) = c.chain else { continue };
        let segs = &ds.chains[chain as usize].segments;
        for &m in net.collaboration_members.row(ci) {
            for &s in &ds.organizations[m as usize].segments {
                if ds.segments[s as usize].chain == chain {
                    count[s as usize] += 1;
                }
            }
        }
        let (mut covered, mut crit, mut crit_covered) = (0usize, 0usize, 0usize);
        for &s in segs {
            let k = std::mem::take(&mut count[s as usize]);
            covered += (k > 0) as usize;
            if ds.segments[s as usize].critical {
                crit += 1;
                crit_covered += (k > 0) as usize;
            }
            rows.push(SegmentCoverage {
                consortium: ci as u32,
                segment: s,
                members_covering: k,
            });
        }
        shares[ci] = Coverage {
            chain: (!segs.is_empty()).then(|| covered as f64 / segs.len() as f64),
            critical: (crit > 0).then(|| crit_covered as f64 / crit as f64),
        };
    }
    (rows, shares)
}
