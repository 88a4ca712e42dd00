//! What every generator shares: the six files of the input contract with their columns,
//! the industry chains and their segments, invented organisation names, and how rows
//! become CSV bytes (with `quirks`, the way real exports arrive).

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One generated file: name, header, rows.
pub type Table = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

/// Eight industry chains and their segments, upstream to downstream.
pub const CHAINS: &[(&str, &[&str])] = &[
    (
        "集成电路",
        &[
            "EDA软件",
            "硅片与材料",
            "光刻设备",
            "晶圆制造",
            "封装测试",
            "芯片设计",
            "终端应用",
        ],
    ),
    (
        "生物医药",
        &[
            "培养基与填料",
            "抗体发现",
            "工艺开发",
            "临床研究",
            "规模化生产",
            "医疗服务",
        ],
    ),
    (
        "新能源汽车",
        &[
            "锂电材料",
            "动力电池",
            "电驱电控",
            "车规芯片",
            "整车制造",
            "充换电服务",
            "智能网联",
        ],
    ),
    (
        "光通信",
        &[
            "光纤预制棒",
            "激光芯片",
            "光器件",
            "光模块",
            "海洋通信系统",
            "网络运营",
        ],
    ),
    (
        "高端装备",
        &[
            "高端轴承",
            "数控系统",
            "精密减速器",
            "工业机器人",
            "整机集成",
            "运维服务",
        ],
    ),
    (
        "人工智能",
        &[
            "AI芯片",
            "基础模型",
            "数据服务",
            "行业模型",
            "智能终端",
            "场景应用",
        ],
    ),
    (
        "氢能",
        &["制氢", "储氢", "运氢", "燃料电池", "加氢站", "示范应用"],
    ),
    (
        "医疗器械",
        &["关键零部件", "影像设备", "介入器械", "体外诊断", "临床应用"],
    ),
];

/// Characters invented names are made of.
const WORDS: &[&str] = &[
    "华", "芯", "科", "创", "源", "新", "智", "光", "电", "微", "联", "信", "达", "晶", "海", "恒",
    "通", "博", "瑞", "康", "泰", "和", "盛", "睿", "航", "能", "材", "维", "极", "云",
];

/// The six files of the input contract, with their columns, from rows in that order.
pub fn contract_tables(
    organizations: Vec<Vec<String>>,
    consortia: Vec<Vec<String>>,
    memberships: Vec<Vec<String>>,
    projects: Vec<Vec<String>>,
    project_members: Vec<Vec<String>>,
    chains: Vec<Vec<String>>,
) -> Vec<Table> {
    vec![
        (
            "organizations.csv",
            vec![
                "org_id", "name", "type", "province", "city", "name_en", "tags", "segments",
            ],
            organizations,
        ),
        (
            "consortia.csv",
            vec![
                "consortium_id",
                "name",
                "program",
                "lead_org_id",
                "province",
                "city",
                "model",
                "chain_id",
                "founded",
            ],
            consortia,
        ),
        (
            "memberships.csv",
            vec!["consortium_id", "org_id", "role", "joined", "left"],
            memberships,
        ),
        (
            "projects.csv",
            vec![
                "project_id",
                "title",
                "program",
                "consortium_id",
                "chain_id",
                "segment_id",
                "start",
                "end",
                "funding",
            ],
            projects,
        ),
        (
            "project_members.csv",
            vec!["project_id", "org_id", "role"],
            project_members,
        ),
        (
            "chains.csv",
            vec![
                "chain_id",
                "segment_id",
                "segment_name",
                "stage",
                "chain_name",
                "critical",
            ],
            chains,
        ),
    ]
}

/// An invented name for organisation `i` of type `ty` in `city`.
pub fn org_name(rng: &mut ChaCha8Rng, city: &str, ty: &str, i: usize) -> String {
    let a = WORDS.choose(rng).expect("word");
    let b = WORDS.choose(rng).expect("word");
    let suffix = match ty {
        "enterprise" => [
            "科技有限公司",
            "股份有限公司",
            "材料有限公司",
            "智能装备有限公司",
        ][i % 4],
        "university" => "大学",
        "institute" => "研究院",
        "platform" => "创新中心",
        "government" => "科技局",
        "hospital" => "医院",
        _ => "产业协会",
    };
    format!("{city}{a}{b}{suffix}{i}")
}

/// CSV text of one table; with quirks, file `i` gets its own mix of encoding, BOM, CRLF,
/// padding and header case.
pub fn render(header: &[&str], rows: &[Vec<String>], quirks: bool, i: usize, seed: u64) -> Vec<u8> {
    let mut rng =
        ChaCha8Rng::seed_from_u64(seed ^ (0x9E37_79B9_7F4A_7C15u64.wrapping_mul(i as u64 + 1)));
    let crlf = quirks && i % 2 == 1;
    let mut w = csv::WriterBuilder::new()
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    let head: Vec<String> = header
        .iter()
        .map(|h| {
            if quirks && i.is_multiple_of(3) {
                h.to_uppercase()
            } else {
                h.to_string()
            }
        })
        .collect();
    w.write_record(&head).expect("in-memory write");
    for row in rows {
        if quirks {
            let padded: Vec<String> = row
                .iter()
                .map(|c| {
                    if !c.is_empty() && rng.random_bool(0.05) {
                        format!(" {c}\u{3000}")
                    } else {
                        c.clone()
                    }
                })
                .collect();
            w.write_record(&padded).expect("in-memory write");
        } else {
            w.write_record(row).expect("in-memory write");
        }
    }
    let text = String::from_utf8(w.into_inner().expect("in-memory flush")).expect("utf-8");
    match (quirks, i % 3) {
        (true, 0) => encoding_rs::GB18030.encode(&text).0.into_owned(),
        (true, 1) => {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend_from_slice(text.as_bytes());
            b
        }
        _ => text.into_bytes(),
    }
}
