//! Scenario: a synthetic dataset shaped after the public descriptions of the programmes,
//! so that a policy analyst can see the models side by side. It is a scenario, not data:
//! every name is invented and labelled 情景 (scenario); sizes and shares follow what the
//! public record says of each programme.
//!
//! - Suzhou (suzhou): 13 consortia in four key industries, in its three models — market
//!   (市场驱动型, 5), platform (平台支撑型, 4), strategic (战略引领型, 4); members mostly
//!   from Suzhou, core and general layers.
//! - Xiamen (xiamen): 9 firm-led consortia that recruit outside the city; one grows from 17
//!   members at founding (2022) to 26 (nine join in 2024).
//! - Yangtze River Delta (yrd): 6 consortia and 24 joint R&D projects whose undertakers come
//!   from at least two of Shanghai, Jiangsu, Zhejiang and Anhui, with upstream and
//!   downstream firms together.
//! - Central SOEs (soe): 6 consortia led by central SOEs (Beijing), members nationwide.
//!
//! Same seed, same bytes (ChaCha8); `consortia generate --scenario models --seed 2024`.

use std::collections::BTreeMap;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::contract::{contract_tables, org_name, Table, CHAINS};

/// The consortium whose growth from 17 to 26 members the scenario shows.
pub const GROWING_CONSORTIUM: &str = "xm-s05";

struct Builder {
    rng: ChaCha8Rng,
    orgs: Vec<Vec<String>>,
    /// Organisations by (province, city, type), for reuse across consortia.
    pool: BTreeMap<(String, String, &'static str), Vec<usize>>,
    segments: Vec<(usize, String, &'static str)>,
}

impl Builder {
    /// An organisation in (province, city) of a type, reusing an existing one with
    /// probability `reuse` (organisations in several consortia).
    fn org(
        &mut self,
        place: (&str, &str),
        ty: &'static str,
        chain: usize,
        reuse: f64,
        tags: &str,
    ) -> usize {
        let key = (place.0.to_string(), place.1.to_string(), ty);
        if tags.is_empty() && self.rng.random_bool(reuse) {
            if let Some(existing) = self.pool.get(&key).and_then(|v| v.choose(&mut self.rng)) {
                return *existing;
            }
        }
        let i = self.orgs.len();
        let segs: Vec<&String> = self
            .segments
            .iter()
            .filter(|s| s.0 == chain)
            .map(|s| &s.1)
            .collect();
        let k = 1;
        let mut chosen: Vec<String> = segs
            .choose_multiple(&mut self.rng, k)
            .map(|s| s.to_string())
            .collect();
        chosen.sort();
        let name = format!("情景{}", org_name(&mut self.rng, place.1, ty, i));
        self.orgs.push(vec![
            format!("s{i:04}"),
            name,
            ty.to_string(),
            place.0.to_string(),
            place.1.to_string(),
            String::new(),
            tags.to_string(),
            chosen.join(";"),
        ]);
        self.pool.entry(key).or_default().push(i);
        i
    }

    /// An enterprise in `place` working on a segment of `chain` at `stage`: with
    /// probability `reuse` one already there, else a new one on a random such segment.
    fn enterprise_at_stage(
        &mut self,
        place: (&str, &str),
        chain: usize,
        stage: &str,
        reuse: f64,
    ) -> usize {
        let at_stage: Vec<String> = self
            .segments
            .iter()
            .filter(|s| s.0 == chain && s.2 == stage)
            .map(|s| s.1.clone())
            .collect();
        let key = (place.0.to_string(), place.1.to_string(), "enterprise");
        let candidates: Vec<usize> = self
            .pool
            .get(&key)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&o| {
                        self.orgs[o][7]
                            .split(';')
                            .any(|g| at_stage.contains(&g.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if self.rng.random_bool(reuse) {
            if let Some(&o) = candidates.choose(&mut self.rng) {
                return o;
            }
        }
        let i = self.orgs.len();
        let segment = at_stage
            .choose(&mut self.rng)
            .expect("every chain has each stage")
            .clone();
        let name = format!("情景{}", org_name(&mut self.rng, place.1, "enterprise", i));
        self.orgs.push(vec![
            format!("s{i:04}"),
            name,
            "enterprise".to_string(),
            place.0.to_string(),
            place.1.to_string(),
            String::new(),
            String::new(),
            segment,
        ]);
        self.pool.entry(key).or_default().push(i);
        i
    }
}

/// One consortium of the scenario.
struct Spec {
    id: String,
    program: &'static str,
    model: &'static str,
    home: (&'static str, &'static str),
    chain: usize,
    size: usize,
    local_share: f64,
    partners: &'static [(&'static str, &'static str)],
    founded: i32,
}

const SUZHOU: (&str, &str) = ("江苏", "苏州");
const XIAMEN: (&str, &str) = ("福建", "厦门");
const BEIJING: (&str, &str) = ("北京", "北京");
const YRD: &[(&str, &str)] = &[
    ("上海", "上海"),
    ("江苏", "南京"),
    ("江苏", "苏州"),
    ("浙江", "杭州"),
    ("浙江", "宁波"),
    ("安徽", "合肥"),
];
const NEAR_SUZHOU: &[(&str, &str)] = &[
    ("上海", "上海"),
    ("江苏", "南京"),
    ("江苏", "无锡"),
    ("浙江", "杭州"),
];
const BEYOND_XIAMEN: &[(&str, &str)] = &[
    ("福建", "福州"),
    ("上海", "上海"),
    ("广东", "深圳"),
    ("北京", "北京"),
    ("浙江", "杭州"),
    ("江苏", "苏州"),
];
const NATIONWIDE: &[(&str, &str)] = &[
    ("上海", "上海"),
    ("江苏", "南京"),
    ("广东", "深圳"),
    ("湖北", "武汉"),
    ("四川", "成都"),
    ("陕西", "西安"),
    ("辽宁", "大连"),
    ("天津", "天津"),
];
const MEMBER_TYPES: &[&str] = &[
    "enterprise",
    "enterprise",
    "enterprise",
    "enterprise",
    "university",
    "institute",
    "platform",
    "hospital",
];

/// Build the scenario's six tables.
pub fn models(seed: u64) -> Vec<Table> {
    let mut b = Builder {
        rng: ChaCha8Rng::seed_from_u64(seed),
        orgs: Vec::new(),
        pool: BTreeMap::new(),
        segments: Vec::new(),
    };
    let mut chain_rows = Vec::new();
    for (ci, (chain_name, segs)) in CHAINS.iter().enumerate() {
        for (si, seg) in segs.iter().enumerate() {
            let stage = ["upstream", "midstream", "downstream"][si * 3 / segs.len()];
            let critical = si == 1 || (si == 2 && ci % 2 == 0);
            let id = format!("ch{ci:02}-s{si:02}");
            chain_rows.push(vec![
                format!("ch{ci:02}"),
                id.clone(),
                seg.to_string(),
                stage.to_string(),
                chain_name.to_string(),
                critical.to_string(),
            ]);
            b.segments.push((ci, id, stage));
        }
    }
    // Suzhou's four key industries: integrated circuits, biomedicine, optical communication, AI.
    let suzhou_chains = [0usize, 1, 3, 5];
    let suzhou_models = [
        "market",
        "market",
        "market",
        "market",
        "market",
        "platform",
        "platform",
        "platform",
        "platform",
        "strategic",
        "strategic",
        "strategic",
        "strategic",
    ];
    let mut specs = Vec::new();
    for (k, model) in suzhou_models.iter().enumerate() {
        specs.push(Spec {
            id: format!("sz-s{:02}", k + 1),
            program: "suzhou",
            model,
            home: SUZHOU,
            chain: suzhou_chains[k % 4],
            size: 12 + (k * 7) % 17,
            local_share: 0.75,
            partners: NEAR_SUZHOU,
            founded: 2022 + (k as i32 % 2),
        });
    }
    for k in 0..9 {
        specs.push(Spec {
            id: format!("xm-s{:02}", k + 1),
            program: "xiamen",
            model: "",
            home: XIAMEN,
            chain: [5, 2, 1, 4, 5, 3, 0, 2, 6][k],
            size: if k == 4 { 17 } else { 8 + (k * 5) % 13 },
            local_share: 0.5,
            partners: BEYOND_XIAMEN,
            founded: if k == 4 { 2022 } else { 2022 + (k as i32 % 3) },
        });
    }
    for k in 0..6 {
        specs.push(Spec {
            id: format!("yrd-s{:02}", k + 1),
            program: "yrd",
            model: "",
            home: YRD[k % YRD.len()],
            chain: [0, 2, 6, 4, 1, 7][k],
            size: 10 + (k * 3) % 9,
            local_share: 0.35,
            partners: YRD,
            founded: 2024,
        });
    }
    for k in 0..6 {
        specs.push(Spec {
            id: format!("soe-s{:02}", k + 1),
            program: "soe",
            model: "",
            home: BEIJING,
            chain: [4, 6, 2, 0, 7, 3][k],
            size: 14 + (k * 4) % 12,
            local_share: 0.3,
            partners: NATIONWIDE,
            founded: 2023 + (k as i32 % 2),
        });
    }
    let mut cons_rows = Vec::new();
    let mut mem_rows = Vec::new();
    let mut members_of: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for s in &specs {
        let lead_tags = if s.program == "soe" {
            "soe;leader"
        } else {
            "leader;listed"
        };
        let lead = b.org(s.home, "enterprise", s.chain, 0.0, lead_tags);
        let mut members = vec![lead];
        while members.len() < s.size {
            let place = if b.rng.random_bool(s.local_share) {
                s.home
            } else {
                *s.partners.choose(&mut b.rng).expect("places")
            };
            let ty = *MEMBER_TYPES.choose(&mut b.rng).expect("types");
            // About half the members work in the consortium's own chain, so coverage varies.
            let chain = if b.rng.random_bool(0.5) {
                s.chain
            } else {
                b.rng.random_range(0..CHAINS.len())
            };
            let o = b.org(place, ty, chain, 0.25, "");
            if !members.contains(&o) {
                members.push(o);
            }
        }
        if s.id == GROWING_CONSORTIUM {
            // Nine more join in 2024: 17 → 26.
            while members.len() < 26 {
                let place = *BEYOND_XIAMEN.choose(&mut b.rng).expect("places");
                let o = b.org(place, "enterprise", s.chain, 0.0, "");
                members.push(o);
            }
        }
        let chain_name = CHAINS[s.chain].0;
        cons_rows.push(vec![
            s.id.clone(),
            format!(
                "情景·{}{}创新联合体{}",
                s.home.1,
                chain_name,
                &s.id[s.id.len() - 2..]
            ),
            s.program.to_string(),
            format!("s{lead:04}"),
            s.home.0.to_string(),
            s.home.1.to_string(),
            s.model.to_string(),
            format!("ch{:02}", s.chain),
            format!("{}-{:02}", s.founded, 3 + members.len() % 9),
        ]);
        for (j, &m) in members.iter().enumerate() {
            let role = if j == 0 {
                "lead"
            } else if j <= members.len() / 4 {
                "core"
            } else {
                "general"
            };
            let joined = if s.id == GROWING_CONSORTIUM && j >= 17 {
                "2024".to_string()
            } else if j < members.len() * 2 / 3 {
                s.founded.to_string()
            } else {
                (s.founded + 1).min(2025).to_string()
            };
            let joined = if s.id == GROWING_CONSORTIUM && j < 17 {
                s.founded.to_string()
            } else {
                joined
            };
            mem_rows.push(vec![
                s.id.clone(),
                format!("s{m:04}"),
                role.to_string(),
                joined,
                String::new(),
            ]);
        }
        members_of.insert(s.id.clone(), members);
    }
    // Yangtze-Delta joint projects: undertakers from two or three of the four provinces,
    // an upstream and a downstream firm among them.
    let provinces = [
        ("上海", "上海"),
        ("江苏", "苏州"),
        ("浙江", "杭州"),
        ("安徽", "合肥"),
    ];
    let mut proj_rows = Vec::new();
    let mut pm_rows = Vec::new();
    for p in 0..24 {
        let chain = [0usize, 2, 6, 4, 1, 7][p % 6];
        let k = 2 + p % 2;
        let chosen: Vec<(&str, &str)> = provinces.choose_multiple(&mut b.rng, k).copied().collect();
        // The lead: an upstream firm of the first province; a university of the second;
        // a downstream firm of the last (a third province when there is one).
        let mut undertakers = vec![b.enterprise_at_stage(chosen[0], chain, "upstream", 0.6)];
        let university = b.org(chosen[1], "university", chain, 0.6, "");
        undertakers.push(university);
        let downstream = b.enterprise_at_stage(chosen[k - 1], chain, "downstream", 0.6);
        if !undertakers.contains(&downstream) {
            undertakers.push(downstream);
        }
        let up = b.segments.iter().find(|s| s.0 == chain).expect("segment");
        let pid = format!("yrd-p{:02}", p + 1);
        proj_rows.push(vec![
            pid.clone(),
            format!("情景·长三角联合攻关项目{:02}（{}）", p + 1, CHAINS[chain].0),
            "yrd".to_string(),
            String::new(),
            format!("ch{chain:02}"),
            up.1.clone(),
            format!("{}-{:02}", 2022 + p as i32 % 3, 1 + p % 12),
            format!("{}", 2025 + p as i32 % 2),
            format!("{}", 300 + 50 * p),
        ]);
        for (j, o) in undertakers.iter().enumerate() {
            pm_rows.push(vec![
                pid.clone(),
                format!("s{o:04}"),
                if j == 0 { "lead" } else { "participant" }.to_string(),
            ]);
        }
    }
    // Projects inside consortia: a few members of each Suzhou and SOE consortium.
    for (cid, members) in &members_of {
        if !(cid.starts_with("sz-") || cid.starts_with("soe-")) {
            continue;
        }
        let pid = format!("{cid}-p1");
        proj_rows.push(vec![
            pid.clone(),
            format!("情景·{cid}重点攻关任务"),
            String::new(),
            cid.clone(),
            String::new(),
            String::new(),
            "2024".to_string(),
            "2026".to_string(),
            "800".to_string(),
        ]);
        let mut chosen: Vec<usize> = members.iter().take(members.len().min(5)).copied().collect();
        chosen.sort_unstable();
        for (j, o) in chosen.iter().enumerate() {
            pm_rows.push(vec![
                pid.clone(),
                format!("s{o:04}"),
                if j == 0 { "lead" } else { "participant" }.to_string(),
            ]);
        }
    }
    contract_tables(b.orgs, cons_rows, mem_rows, proj_rows, pm_rows, chain_rows)
}
