//! Indicators of a group of consortia — a programme of a dataset, or a whole dataset — for
//! `consortia compare`. Each indicator's formula is on its field; the group's
//! organisations, ties and consortia are defined as in the contract's programme scope.
//!
//! Means over consortia come with a percentile bootstrap interval (resampling the group's
//! consortia with replacement), so that a difference drawn from a handful of consortia is
//! not read as a difference between models.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::config::{Bootstrap, RegionLevel};
use crate::dataset::{Dataset, OrgType, Role};
use crate::metrics::chains::Coverage;
use crate::metrics::consortia::ConsortiumSummary;
use crate::metrics::regions::Regions;
use crate::network::Network;

/// Which consortia and projects make up a group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupScope {
    /// Consortium indices.
    pub consortia: Vec<usize>,
    /// Project indices.
    pub projects: Vec<usize>,
    /// Whether every organisation of the dataset belongs to the group (a whole dataset,
    /// isolates included), rather than only the members of its consortia and projects.
    pub all_organizations: bool,
}

impl GroupScope {
    /// A whole dataset.
    pub fn dataset(ds: &Dataset) -> Self {
        GroupScope {
            consortia: (0..ds.consortia.len()).collect(),
            projects: (0..ds.projects.len()).collect(),
            all_organizations: true,
        }
    }

    /// One programme: its consortia and the projects whose effective programme it is.
    pub fn program(ds: &Dataset, program: &str) -> Self {
        GroupScope {
            consortia: (0..ds.consortia.len())
                .filter(|&c| ds.consortia[c].program == program)
                .collect(),
            projects: (0..ds.projects.len())
                .filter(|&p| ds.projects[p].effective_program(&ds.consortia) == Some(program))
                .collect(),
            all_organizations: false,
        }
    }
}

/// A mean over the group's consortia with its 95% percentile-bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Estimate {
    /// The mean; `None` when no consortium has the value.
    pub mean: Option<f64>,
    /// 2.5th percentile of the bootstrap means; `None` with fewer than 2 values.
    pub low: Option<f64>,
    /// 97.5th percentile of the bootstrap means.
    pub high: Option<f64>,
    /// Consortia the mean is over.
    pub n: u64,
}

/// Every indicator of one group (the columns of `comparison.csv`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupIndicators {
    /// Consortia in the group (the n behind every mean over consortia).
    pub consortia: u64,
    /// Distinct organisations: members of its consortia and projects (a whole dataset:
    /// every organisation, isolates included).
    pub organizations: u64,
    /// Distinct (consortium, org) pairs of its consortia, added leads included.
    pub memberships: u64,
    /// Members per consortium, mean and interval.
    pub mean_members: Estimate,
    /// Median members per consortium (mean of the two middle values when n is even).
    pub median_members: Option<f64>,
    /// Share of its consortia whose `lead_org_id` is an enterprise, with interval.
    pub enterprise_led_share: Estimate,
    /// Member mix over its memberships (pooled): enterprise, university, institute, other
    /// (platform, government, hospital, other). Sums to 1.
    pub member_mix: [Option<f64>; 4],
    /// Memberships with role core / memberships.
    pub core_share: Option<f64>,
    /// Memberships with role general (or no role) / memberships.
    pub general_share: Option<f64>,
    /// Mean over consortia of `non_local_share` at province level, with interval.
    pub non_local_share: Estimate,
    /// Cross-region ties / ties among its organisations, region = province.
    pub cross_region_tie_share_province: Option<f64>,
    /// The same with region = province/city.
    pub cross_region_tie_share_city: Option<f64>,
    /// Mean `chain_coverage` over its consortia with a chain, with interval.
    pub mean_chain_coverage: Estimate,
    /// Mean `critical_coverage` over its consortia whose chain has a critical segment.
    pub mean_critical_coverage: Option<f64>,
    /// Ties among its organisations.
    pub ties: u64,
    /// ties / (k(k-1)/2) among its k organisations; `None` when k < 2.
    pub density: Option<f64>,
    /// Freeman degree centralisation of the induced subgraph:
    /// Σ (d_max − d_i) / ((k−1)(k−2)); 1 for a star, 0 when all degrees are equal;
    /// `None` when k < 3.
    pub degree_centralization: Option<f64>,
    /// Share of its organisations that are members of two or more consortia of the dataset
    /// (any programme): the brokers that tie consortia together.
    pub multi_consortium_share: Option<f64>,
    /// Net new memberships per year between the first and last `joined` year of its
    /// memberships: (active(Y1) − active(Y0)) / (Y1 − Y0), where active(Y) counts the
    /// memberships joined by the end of Y (no date = from the start) and not left by then.
    /// `None` with fewer than two distinct join years.
    pub growth_per_year: Option<f64>,
    /// Y0 and Y1 of the growth figure.
    pub growth_years: Option<(i32, i32)>,
}

/// FNV-1a of a label: a stable per-group stream, so adding a group changes no other.
fn stream(seed: u64, label: &str) -> ChaCha8Rng {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in label.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    ChaCha8Rng::seed_from_u64(seed ^ h)
}

/// Mean of `values` with a percentile-bootstrap 95% interval (type-7 quantiles of the
/// resampled means).
pub fn estimate(values: &[f64], boot: Bootstrap, label: &str) -> Estimate {
    let n = values.len();
    if n == 0 {
        return Estimate::default();
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return Estimate {
            mean: Some(mean),
            low: None,
            high: None,
            n: n as u64,
        };
    }
    let mut rng = stream(boot.seed, label);
    let mut means: Vec<f64> = (0..boot.resamples.max(1))
        .map(|_| (0..n).map(|_| values[rng.random_range(0..n)]).sum::<f64>() / n as f64)
        .collect();
    means.sort_by(f64::total_cmp);
    Estimate {
        mean: Some(mean),
        low: Some(quantile(&means, 0.025)),
        high: Some(quantile(&means, 0.975)),
        n: n as u64,
    }
}

/// Type-7 (linear) quantile of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Inputs shared by every group of one dataset.
pub struct DatasetContext<'a> {
    /// The dataset.
    pub ds: &'a Dataset,
    /// Its network.
    pub net: &'a Network,
    /// Chain coverage per consortium.
    pub coverage: &'a [Coverage],
    /// Consortium summaries at province level.
    pub summaries: &'a [ConsortiumSummary],
    /// Regions at province level.
    pub provinces: &'a Regions,
    /// Regions at province/city level.
    pub cities: &'a Regions,
    /// Consortia each organisation is a member of.
    pub consortia_per_org: Vec<u32>,
}

impl<'a> DatasetContext<'a> {
    /// Gather what the groups of a dataset share.
    pub fn new(
        ds: &'a Dataset,
        net: &'a Network,
        coverage: &'a [Coverage],
        summaries: &'a [ConsortiumSummary],
        provinces: &'a Regions,
        cities: &'a Regions,
    ) -> Self {
        let mut consortia_per_org = vec![0u32; ds.organizations.len()];
        for m in &ds.memberships {
            consortia_per_org[m.org as usize] += 1;
        }
        DatasetContext {
            ds,
            net,
            coverage,
            summaries,
            provinces,
            cities,
            consortia_per_org,
        }
    }
}

/// Compute every indicator of a group. `label` seeds the bootstrap streams.
pub fn indicators(
    cx: &DatasetContext<'_>,
    scope: &GroupScope,
    boot: Bootstrap,
    label: &str,
) -> GroupIndicators {
    let (ds, net) = (cx.ds, cx.net);
    let n = ds.organizations.len();
    let n_cons = ds.consortia.len();
    // The group's organisations.
    let mut inside = vec![scope.all_organizations; n];
    let mut orgs: Vec<u32> = if scope.all_organizations {
        (0..n as u32).collect()
    } else {
        Vec::new()
    };
    if !scope.all_organizations {
        let collabs = scope
            .consortia
            .iter()
            .copied()
            .chain(scope.projects.iter().map(|&p| n_cons + p));
        for c in collabs {
            for &o in net.collaboration_members.row(c) {
                if !std::mem::replace(&mut inside[o as usize], true) {
                    orgs.push(o);
                }
            }
        }
        orgs.sort_unstable();
    }
    // Ties, degrees and cross-region counts in the induced subgraph (through the
    // incidence lists: exact integer counts, no projection needed).
    let all_degrees = net.induced_degrees(&inside);
    let degrees: Vec<u64> = orgs
        .iter()
        .map(|&u| all_degrees[u as usize] as u64)
        .collect();
    let (ties, cross_p) = crate::metrics::programs::induced_ties(net, cx.provinces, &inside);
    let (_, cross_c) = crate::metrics::programs::induced_ties(net, cx.cities, &inside);
    let k = orgs.len() as f64;
    let degree_centralization = (orgs.len() >= 3).then(|| {
        let max = degrees.iter().copied().max().unwrap_or(0);
        degrees.iter().map(|&d| (max - d) as f64).sum::<f64>() / ((k - 1.0) * (k - 2.0))
    });
    // Memberships of its consortia.
    let ms: Vec<&crate::dataset::Membership> = {
        let mut take = vec![false; n_cons];
        for &c in &scope.consortia {
            take[c] = true;
        }
        ds.memberships
            .iter()
            .filter(|m| take[m.consortium as usize])
            .collect()
    };
    let m_total = ms.len() as f64;
    let share = |count: usize| (!ms.is_empty()).then(|| count as f64 / m_total);
    let of_type = |t: &[OrgType]| {
        ms.iter()
            .filter(|m| t.contains(&ds.organizations[m.org as usize].org_type))
            .count()
    };
    let member_mix = [
        share(of_type(&[OrgType::Enterprise])),
        share(of_type(&[OrgType::University])),
        share(of_type(&[OrgType::Institute])),
        share(of_type(&[
            OrgType::Platform,
            OrgType::Government,
            OrgType::Hospital,
            OrgType::Other,
        ])),
    ];
    let core_share = share(ms.iter().filter(|m| m.role == Role::Core).count());
    let general_share = share(ms.iter().filter(|m| m.role == Role::General).count());
    // Growth.
    let joined: Vec<i32> = ms.iter().filter_map(|m| m.joined.map(|d| d.year)).collect();
    let (y0, y1) = (joined.iter().min().copied(), joined.iter().max().copied());
    let active = |y: i32| {
        ms.iter()
            .filter(|m| m.joined.is_none_or(|d| d.year <= y) && m.left.is_none_or(|d| d.year > y))
            .count() as f64
    };
    let growth_years = match (y0, y1) {
        (Some(a), Some(b)) if b > a => Some((a, b)),
        _ => None,
    };
    let growth_per_year = growth_years.map(|(a, b)| (active(b) - active(a)) / (b - a) as f64);
    // Means over consortia.
    let members: Vec<f64> = scope
        .consortia
        .iter()
        .map(|&c| cx.summaries[c].members as f64)
        .collect();
    let mut sorted = members.clone();
    sorted.sort_by(f64::total_cmp);
    let median_members = (!sorted.is_empty()).then(|| {
        let h = sorted.len() / 2;
        if sorted.len() % 2 == 1 {
            sorted[h]
        } else {
            (sorted[h - 1] + sorted[h]) / 2.0
        }
    });
    let per = |f: &dyn Fn(usize) -> Option<f64>| -> Vec<f64> {
        scope.consortia.iter().filter_map(|&c| f(c)).collect()
    };
    let led = per(&|c| Some((cx.summaries[c].lead_type == OrgType::Enterprise) as u8 as f64));
    let non_local = per(&|c| cx.summaries[c].non_local_share);
    let chain = per(&|c| cx.coverage[c].chain);
    let critical = per(&|c| cx.coverage[c].critical);
    let multi = orgs
        .iter()
        .filter(|&&o| cx.consortia_per_org[o as usize] >= 2)
        .count();
    GroupIndicators {
        consortia: scope.consortia.len() as u64,
        organizations: orgs.len() as u64,
        memberships: ms.len() as u64,
        mean_members: estimate(&members, boot, &format!("{label}\u{0}members")),
        median_members,
        enterprise_led_share: estimate(&led, boot, &format!("{label}\u{0}led")),
        member_mix,
        core_share,
        general_share,
        non_local_share: estimate(&non_local, boot, &format!("{label}\u{0}nonlocal")),
        cross_region_tie_share_province: (ties > 0).then(|| cross_p as f64 / ties as f64),
        cross_region_tie_share_city: (ties > 0).then(|| cross_c as f64 / ties as f64),
        mean_chain_coverage: estimate(&chain, boot, &format!("{label}\u{0}chain")),
        mean_critical_coverage: (!critical.is_empty())
            .then(|| critical.iter().sum::<f64>() / critical.len() as f64),
        ties,
        density: (orgs.len() >= 2).then(|| ties as f64 / (k * (k - 1.0) / 2.0)),
        degree_centralization,
        multi_consortium_share: (!orgs.is_empty()).then(|| multi as f64 / k),
        growth_per_year,
        growth_years,
    }
}

/// The region levels a comparison reports cross-region shares at.
pub const LEVELS: [RegionLevel; 2] = [RegionLevel::Province, RegionLevel::City];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bootstrap_is_seeded_and_brackets_the_mean() {
        let v = [3.0, 5.0, 8.0, 13.0, 40.0];
        let b = Bootstrap {
            resamples: 2000,
            seed: 7,
        };
        let e = estimate(&v, b, "g");
        assert_eq!(e.mean, Some(13.8));
        assert_eq!(e.n, 5);
        let (lo, hi) = (e.low.unwrap(), e.high.unwrap());
        assert!(lo < 13.8 && 13.8 < hi, "{lo} {hi}");
        // Bounds of the resampled means: all-min 3, all-max 40.
        assert!(lo >= 3.0 && hi <= 40.0);
        assert_eq!(estimate(&v, b, "g"), e, "same seed, same interval");
        assert_ne!(estimate(&v, b, "h"), e, "another group, another stream");
        // One value: a mean but no interval; none: nothing.
        let one = estimate(&[2.0], b, "g");
        assert_eq!((one.mean, one.low, one.high), (Some(2.0), None, None));
        assert_eq!(estimate(&[], b, "g").mean, None);
        // Constant values: a zero-width interval.
        let c = estimate(&[4.0; 6], b, "g");
        assert_eq!((c.low, c.high), (Some(4.0), Some(4.0)));
    }

    #[test]
    fn type7_quantiles() {
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&s, 0.0), 1.0);
        assert_eq!(quantile(&s, 0.5), 2.5);
        assert_eq!(quantile(&s, 1.0), 4.0);
        assert!((quantile(&s, 0.25) - 1.75).abs() < 1e-15);
    }
}
