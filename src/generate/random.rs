//! The random generator: a synthetic dataset in the input contract, at any scale, from a
//! seed.
//!
//! For tests, benchmarks and demonstrations, not for analysis of the real world. The shape
//! follows what the public record shows of innovation consortia: lead enterprises that sit
//! in many consortia (heavy-tailed, Zipf-like membership), members mostly from the
//! consortium's own province with a share from elsewhere, programmes with their own home
//! regions (Suzhou, Xiamen, the Yangtze Delta, central SOEs, Guangzhou), core and general
//! layers, dates with the gaps real records have (founding, join and leave dates, some
//! missing; projects with start and end, some still running), joint projects inside and
//! outside consortia (Yangtze-Delta projects spanning provinces), and industry chains with
//! critical (卡脖子) segments.
//! `quirks` writes the same kind of data the way real exports arrive: GB18030 and BOM
//! files, CRLF, padded cells, upper-case headers, leads missing from memberships and
//! repeated rows (some with dates of their own) — all valid under the contract. Same
//! parameters, same bytes.

use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::contract::{contract_tables, org_name, Table, CHAINS};
use crate::config::RandomShape;

/// (province, city) pairs with a relative weight; 朝阳 appears in two provinces on purpose.
const PLACES: &[(&str, &str, u32)] = &[
    ("江苏", "苏州", 30),
    ("江苏", "南京", 14),
    ("江苏", "无锡", 8),
    ("江苏", "常州", 5),
    ("上海", "上海", 24),
    ("浙江", "杭州", 14),
    ("浙江", "宁波", 7),
    ("浙江", "嘉兴", 3),
    ("安徽", "合肥", 10),
    ("安徽", "芜湖", 3),
    ("福建", "厦门", 14),
    ("福建", "福州", 5),
    ("福建", "泉州", 3),
    ("北京", "北京", 20),
    ("北京", "朝阳", 3),
    ("辽宁", "朝阳", 2),
    ("广东", "广州", 14),
    ("广东", "深圳", 14),
    ("湖北", "武汉", 6),
    ("四川", "成都", 6),
    ("陕西", "西安", 5),
    ("山东", "青岛", 4),
    ("天津", "天津", 4),
    ("辽宁", "大连", 3),
];

/// Programmes: (name, weight, home places as indices into PLACES).
const PROGRAMS: &[(&str, u32, &[usize])] = &[
    ("suzhou", 30, &[0]),
    ("xiamen", 15, &[10]),
    ("yrd", 25, &[0, 1, 2, 4, 5, 6, 8]),
    ("soe", 20, &[13]),
    ("guangzhou", 10, &[16]),
];

const ORG_TYPES: &[(&str, u32)] = &[
    ("enterprise", 62),
    ("university", 10),
    ("institute", 10),
    ("platform", 8),
    ("government", 2),
    ("hospital", 4),
    ("other", 4),
];

/// Mixed into the seed for the stream that draws the gaps in the dates.
const DATES_STREAM: u64 = 0x6461_7465_735f_7631; // "dates_v1"

/// `joined` and `left` of one membership, with the gaps real records have: the lead joins
/// in the founding year; a tenth of the others give no join date (the consortium's
/// founding then counts); about one in twelve has left, a year or more after joining.
fn membership_dates(
    dates: &mut ChaCha8Rng,
    lead: bool,
    founded_year: i32,
    joined_year: i32,
) -> (String, String) {
    if lead {
        return (founded_year.to_string(), String::new());
    }
    let joined = if dates.random_bool(0.1) {
        String::new()
    } else {
        joined_year.to_string()
    };
    let left = if dates.random_bool(0.08) {
        dates.random_range(joined_year + 1..=2026).to_string()
    } else {
        String::new()
    };
    (joined, left)
}

/// Mixed into the seed for the stream of the shape options (so the default shape's rows
/// stay as they were).
const SHAPE_STREAM: u64 = 0x7368_6170_655f_7631; // "shape_v1"

/// The shape options: with `connected`, every organisation in no consortium joins a
/// random one and every consortium after the first takes in a member of an earlier one
/// (so the consortia form one component); with `giant`, one more consortium, `c-giant`,
/// lists that many organisations (a random sample) as general members.
fn shape_network(
    c: &RandomShape,
    seed: u64,
    n: usize,
    cons_rows: &mut Vec<Vec<String>>,
    mem_rows: &mut Vec<Vec<String>>,
    cons_members: &mut Vec<Vec<usize>>,
) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ SHAPE_STREAM);
    let member = |cid: &str, o: usize| {
        vec![
            cid.to_string(),
            format!("o{o:07}"),
            "general".to_string(),
            String::new(),
            String::new(),
        ]
    };
    if c.connected && !cons_members.is_empty() {
        let mut in_some = vec![false; n];
        for ms in cons_members.iter() {
            for &o in ms {
                in_some[o] = true;
            }
        }
        for k in 1..cons_members.len() {
            let earlier = &cons_members[rng.random_range(0..k)];
            let o = *earlier.choose(&mut rng).expect("a member");
            if !cons_members[k].contains(&o) {
                mem_rows.push(member(&cons_rows[k][0], o));
                cons_members[k].push(o);
            }
        }
        for (o, _) in in_some.iter().enumerate().filter(|(_, s)| !**s) {
            let k = rng.random_range(0..cons_members.len());
            mem_rows.push(member(&cons_rows[k][0], o));
            cons_members[k].push(o);
        }
    }
    if c.giant > 0 {
        let mut chosen = rand::seq::index::sample(&mut rng, n, c.giant.min(n)).into_vec();
        chosen.sort_unstable();
        let lead = chosen[0];
        cons_rows.push(vec![
            "c-giant".to_string(),
            "全国创新联盟（全体参与单位）".to_string(),
            "national".to_string(),
            format!("o{lead:07}"),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "2020".to_string(),
        ]);
        for &o in &chosen {
            let mut row = member("c-giant", o);
            if o == lead {
                row[2] = "lead".to_string();
            }
            mem_rows.push(row);
        }
        cons_members.push(chosen);
    }
}

/// Generate the six tables as rows of cells (same shape and seed, same rows).
pub fn build(c: &RandomShape, seed: u64) -> Vec<Table> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Dates draw from a stream of their own, so every other cell is what it was before
    // the dates had gaps (and a change to the dates changes nothing else).
    let mut dates = ChaCha8Rng::seed_from_u64(seed ^ DATES_STREAM);
    let n = c.orgs;

    // Chains and segments; about a quarter critical, the last chain none.
    let mut chain_rows = Vec::new();
    let mut segments: Vec<(usize, String)> = Vec::new();
    for (ci, (chain_name, segs)) in CHAINS.iter().enumerate() {
        for (si, seg) in segs.iter().enumerate() {
            let stage = match si * 3 / segs.len() {
                0 => "upstream",
                1 => "midstream",
                _ => "downstream",
            };
            let critical = ci + 1 < CHAINS.len() && (rng.random_bool(0.25) || si == 1);
            let id = format!("ch{ci:02}-s{si:02}");
            chain_rows.push(vec![
                format!("ch{ci:02}"),
                id.clone(),
                seg.to_string(),
                stage.to_string(),
                chain_name.to_string(),
                if critical { "true" } else { "false" }.to_string(),
            ]);
            segments.push((ci, id));
        }
    }

    // Organisations: place, type, chain affinity, Zipf-like activity weight.
    let place_dist = WeightedIndex::new(PLACES.iter().map(|p| p.2)).expect("weights");
    let type_dist = WeightedIndex::new(ORG_TYPES.iter().map(|t| t.1)).expect("weights");
    let mut org_place = Vec::with_capacity(n);
    let mut org_type = Vec::with_capacity(n);
    let mut org_rows = Vec::with_capacity(n);
    let mut activity = Vec::with_capacity(n);
    for i in 0..n {
        let place = place_dist.sample(&mut rng);
        let ty = ORG_TYPES[type_dist.sample(&mut rng)].0;
        let chain = rng.random_range(0..CHAINS.len());
        let in_chain: Vec<&(usize, String)> = segments.iter().filter(|s| s.0 == chain).collect();
        let k = if ty == "enterprise" {
            rng.random_range(1..=3)
        } else {
            rng.random_range(0..=2)
        };
        let mut segs: Vec<&str> = in_chain
            .choose_multiple(&mut rng, k)
            .map(|s| s.1.as_str())
            .collect();
        segs.sort_unstable();
        // Activity ∝ 1/(rank+1)^0.8 for a random rank: a few organisations are in many
        // consortia, most in one or two.
        let w = 1.0 / ((rng.random_range(0..n) + 1) as f64).powf(0.8);
        let hub = w > 0.05;
        let mut tags = Vec::new();
        if hub && ty == "enterprise" {
            tags.extend(["leader", "listed"]);
        } else if ty == "enterprise" && rng.random_bool(0.15) {
            tags.push(if rng.random_bool(0.3) {
                "little-giant"
            } else {
                "srdi"
            });
        }
        if ty == "enterprise" && PLACES[place].0 == "北京" && rng.random_bool(0.3) {
            tags.push("soe");
        }
        let (prov, city, _) = PLACES[place];
        org_rows.push(vec![
            format!("o{i:07}"),
            org_name(&mut rng, city, ty, i),
            ty.to_string(),
            prov.to_string(),
            city.to_string(),
            String::new(),
            tags.join(";"),
            segs.join(";"),
        ]);
        org_place.push(place);
        org_type.push(ty);
        activity.push(w);
    }
    let by_activity = WeightedIndex::new(&activity).expect("weights");
    // Per-province pools for local recruitment.
    let mut pools: std::collections::BTreeMap<&str, (Vec<usize>, Vec<f64>)> = Default::default();
    for i in 0..n {
        let e = pools.entry(PLACES[org_place[i]].0).or_default();
        e.0.push(i);
        e.1.push(activity[i]);
    }
    let pools: std::collections::BTreeMap<&str, (Vec<usize>, WeightedIndex<f64>)> = pools
        .into_iter()
        .map(|(p, (ids, w))| (p, (ids, WeightedIndex::new(&w).expect("weights"))))
        .collect();

    // Consortia and memberships.
    let prog_dist = WeightedIndex::new(PROGRAMS.iter().map(|p| p.1)).expect("weights");
    let mut cons_rows = Vec::with_capacity(c.consortia);
    let mut mem_rows = Vec::new();
    let mut cons_members: Vec<Vec<usize>> = Vec::with_capacity(c.consortia);
    let mut cons_program = Vec::with_capacity(c.consortia);
    for k in 0..c.consortia {
        let (program, _, homes) = PROGRAMS[prog_dist.sample(&mut rng)];
        let home = PLACES[*homes.choose(&mut rng).expect("home")];
        // Size: Pareto (minimum 5, shape 1.3) capped at 300; a few single-member ones.
        let size = if rng.random_bool(0.03) {
            1
        } else {
            let u: f64 = rng.random_range(0.0..1.0);
            (5.0 / (1.0 - u).powf(1.0 / 1.3)).min(300.0).min(n as f64) as usize
        };
        let local = match pools.get(home.0) {
            Some(pool) => pool,
            None => pools.values().next().expect("a pool"),
        };
        let local_share = if program == "xiamen" { 0.55 } else { 0.75 };
        let mut members = std::collections::BTreeSet::new();
        // The lead: an active enterprise from the home province when there is one.
        let lead = (0..50)
            .map(|_| local.0[local.1.sample(&mut rng)])
            .find(|&o| org_type[o] == "enterprise")
            .unwrap_or_else(|| local.0[local.1.sample(&mut rng)]);
        members.insert(lead);
        let mut tries = 0;
        while members.len() < size && tries < size * 20 {
            tries += 1;
            let o = if rng.random_bool(local_share) {
                // Half by activity (the same leaders again), half anyone local.
                if rng.random_bool(0.5) {
                    local.0[local.1.sample(&mut rng)]
                } else {
                    *local.0.choose(&mut rng).expect("pool")
                }
            } else {
                by_activity.sample(&mut rng)
            };
            members.insert(o);
        }
        let founded_year = rng.random_range(2019..=2024);
        let founded = format!("{founded_year}-{:02}", rng.random_range(1..=12));
        let chain = if rng.random_bool(0.85) {
            format!("ch{:02}", rng.random_range(0..CHAINS.len()))
        } else {
            String::new()
        };
        let model = if program == "suzhou" {
            ["market", "platform", "strategic"][rng.random_range(0..3)]
        } else if rng.random_bool(0.2) {
            "other"
        } else {
            ""
        };
        let with_city = rng.random_bool(0.8);
        let cid = format!("c{k:06}");
        cons_rows.push(vec![
            cid.clone(),
            format!(
                "{}{}创新联合体{k}",
                home.1,
                CHAINS[rng.random_range(0..CHAINS.len())].0
            ),
            program.to_string(),
            format!("o{lead:07}"),
            if with_city {
                home.0.to_string()
            } else {
                String::new()
            },
            if with_city {
                home.1.to_string()
            } else {
                String::new()
            },
            model.to_string(),
            chain,
            if dates.random_bool(0.04) {
                String::new()
            } else {
                founded
            },
        ]);
        let drop_lead = c.quirks && rng.random_bool(0.1);
        for &m in &members {
            if m == lead && drop_lead {
                continue;
            }
            let role = if m == lead {
                if c.quirks && rng.random_bool(0.05) {
                    "core"
                } else {
                    "lead"
                }
            } else if rng.random_bool(0.3) {
                "core"
            } else if rng.random_bool(0.5) {
                "general"
            } else {
                ""
            };
            let joined_year = rng.random_range(founded_year..=2025);
            let (joined, left) = membership_dates(&mut dates, m == lead, founded_year, joined_year);
            let row = vec![
                cid.clone(),
                format!("o{m:07}"),
                role.to_string(),
                joined,
                left,
            ];
            if c.quirks && rng.random_bool(0.01) {
                // The repeat as exports have it: half the time with dates of its own (a
                // re-join), which merge to the earliest joined and the latest left.
                let mut again = row.clone();
                if dates.random_bool(0.5) {
                    let (j, l) = membership_dates(&mut dates, false, founded_year, joined_year);
                    again[3] = j;
                    again[4] = l;
                }
                mem_rows.push(again);
            }
            mem_rows.push(row);
        }
        cons_members.push(members.into_iter().collect());
        cons_program.push(program);
    }

    shape_network(c, seed, n, &mut cons_rows, &mut mem_rows, &mut cons_members);
    cons_program.resize(cons_members.len(), "national");

    // Projects: 60% inside a consortium (a subset of its members, maybe an outsider),
    // the rest programme projects (Yangtze-Delta ones across two or more provinces).
    let mut proj_rows = Vec::with_capacity(c.projects);
    let mut pm_rows = Vec::new();
    for p in 0..c.projects {
        let pid = format!("p{p:06}");
        let mut members = std::collections::BTreeSet::new();
        let (program, consortium) = if !cons_members.is_empty() && rng.random_bool(0.6) {
            let k = rng.random_range(0..cons_members.len());
            let pool = &cons_members[k];
            for _ in 0..rng.random_range(2..=6) {
                members.insert(*pool.choose(&mut rng).expect("member"));
            }
            if rng.random_bool(0.2) {
                members.insert(by_activity.sample(&mut rng));
            }
            (
                if rng.random_bool(0.2) {
                    cons_program[k].to_string()
                } else {
                    String::new()
                },
                cons_rows[k][0].clone(),
            )
        } else {
            let (program, _, homes) = PROGRAMS[prog_dist.sample(&mut rng)];
            let provinces: Vec<&str> = if program == "yrd" {
                let mut ps = ["上海", "江苏", "浙江", "安徽"]
                    .choose_multiple(&mut rng, 2)
                    .copied()
                    .collect::<Vec<_>>();
                ps.sort_unstable();
                ps
            } else {
                vec![PLACES[homes[0]].0]
            };
            for prov in &provinces {
                if let Some(pool) = pools.get(prov) {
                    for _ in 0..rng.random_range(1..=3) {
                        members.insert(pool.0[pool.1.sample(&mut rng)]);
                    }
                }
            }
            if members.is_empty() {
                members.insert(by_activity.sample(&mut rng));
            }
            let program = if rng.random_bool(0.9) {
                program.to_string()
            } else {
                String::new()
            };
            (program, String::new())
        };
        let seg = &segments[rng.random_range(0..segments.len())];
        let start = rng.random_range(2020..=2025);
        proj_rows.push(vec![
            pid.clone(),
            format!("联合攻关项目{p}"),
            program,
            consortium,
            format!("ch{:02}", seg.0),
            seg.1.clone(),
            {
                let month = rng.random_range(1..=12);
                // A few projects with no start date given.
                if dates.random_bool(0.05) {
                    String::new()
                } else {
                    format!("{start}-{month:02}")
                }
            },
            {
                let end = start + rng.random_range(1..=3);
                // A quarter still running: no end date.
                if dates.random_bool(0.25) {
                    String::new()
                } else {
                    end.to_string()
                }
            },
            format!("{}", rng.random_range(50..=5000)),
        ]);
        for (j, &m) in members.iter().enumerate() {
            pm_rows.push(vec![
                pid.clone(),
                format!("o{m:07}"),
                if j == 0 { "lead" } else { "participant" }.to_string(),
            ]);
        }
    }

    contract_tables(
        org_rows, cons_rows, mem_rows, proj_rows, pm_rows, chain_rows,
    )
}
