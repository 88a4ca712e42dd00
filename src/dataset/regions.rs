//! China's 34 province-level units and the spellings people write them in, so that
//! 江苏, 江苏省, Jiangsu and JIANGSU PROVINCE are one region, not four.
//!
//! Owns the table of units (short name, official full name, English and pinyin names)
//! and the two normalisations the contract asks for: [`province`] (any accepted spelling
//! → the short name) and [`city`] (a trailing 市 dropped; a municipality or SAR in any
//! spelling → its short name). The ingest stage applies them to `province` and `city`;
//! the region map places its tiles with them. Knows nothing of files or warnings.

/// What kind of province-level unit, which fixes its generic suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// 省.
    Province,
    /// 直辖市 (Beijing, Tianjin, Shanghai, Chongqing): 市.
    Municipality,
    /// 自治区.
    AutonomousRegion,
    /// 特别行政区 (Hong Kong, Macao).
    SpecialAdministrativeRegion,
}

impl UnitKind {
    /// The suffix that turns the short name into a name Chinese readers accept as full
    /// (广西自治区 as well as the official 广西壮族自治区).
    pub fn suffix(self) -> &'static str {
        match self {
            UnitKind::Province => "省",
            UnitKind::Municipality => "市",
            UnitKind::AutonomousRegion => "自治区",
            UnitKind::SpecialAdministrativeRegion => "特别行政区",
        }
    }
}

/// One province-level unit.
#[derive(Debug, Clone, Copy)]
pub struct Unit {
    /// The short name every table is written with (江苏, 内蒙古, 香港).
    pub short: &'static str,
    /// The official full name (江苏省, 内蒙古自治区, 香港特别行政区).
    pub full: &'static str,
    /// Kind of unit.
    pub kind: UnitKind,
    /// English and pinyin names, lower case, letters only (compared with the input
    /// lower-cased and stripped of everything but letters and digits).
    pub latin: &'static [&'static str],
}

const fn unit(
    short: &'static str,
    full: &'static str,
    kind: UnitKind,
    latin: &'static [&'static str],
) -> Unit {
    Unit {
        short,
        full,
        kind,
        latin,
    }
}

use UnitKind::SpecialAdministrativeRegion as Sar;
use UnitKind::{AutonomousRegion as Ar, Municipality as Mu, Province as Pr};

/// The 34 province-level units, in the order of the national administrative-division
/// codes (北京 11 … 新疆 65), then 台湾, 香港, 澳门.
pub const UNITS: [Unit; 34] = [
    unit("北京", "北京市", Mu, &["beijing", "peking"]),
    unit("天津", "天津市", Mu, &["tianjin"]),
    unit("河北", "河北省", Pr, &["hebei"]),
    unit("山西", "山西省", Pr, &["shanxi"]),
    unit(
        "内蒙古",
        "内蒙古自治区",
        Ar,
        &["innermongolia", "neimongol", "neimenggu"],
    ),
    unit("辽宁", "辽宁省", Pr, &["liaoning"]),
    unit("吉林", "吉林省", Pr, &["jilin"]),
    unit("黑龙江", "黑龙江省", Pr, &["heilongjiang"]),
    unit("上海", "上海市", Mu, &["shanghai"]),
    unit("江苏", "江苏省", Pr, &["jiangsu"]),
    unit("浙江", "浙江省", Pr, &["zhejiang"]),
    unit("安徽", "安徽省", Pr, &["anhui"]),
    unit("福建", "福建省", Pr, &["fujian"]),
    unit("江西", "江西省", Pr, &["jiangxi"]),
    unit("山东", "山东省", Pr, &["shandong"]),
    unit("河南", "河南省", Pr, &["henan"]),
    unit("湖北", "湖北省", Pr, &["hubei"]),
    unit("湖南", "湖南省", Pr, &["hunan"]),
    unit("广东", "广东省", Pr, &["guangdong"]),
    unit("广西", "广西壮族自治区", Ar, &["guangxi", "guangxizhuang"]),
    unit("海南", "海南省", Pr, &["hainan"]),
    unit("重庆", "重庆市", Mu, &["chongqing"]),
    unit("四川", "四川省", Pr, &["sichuan"]),
    unit("贵州", "贵州省", Pr, &["guizhou"]),
    unit("云南", "云南省", Pr, &["yunnan"]),
    unit("西藏", "西藏自治区", Ar, &["tibet", "xizang"]),
    unit("陕西", "陕西省", Pr, &["shaanxi"]),
    unit("甘肃", "甘肃省", Pr, &["gansu"]),
    unit("青海", "青海省", Pr, &["qinghai"]),
    unit("宁夏", "宁夏回族自治区", Ar, &["ningxia", "ningxiahui"]),
    unit(
        "新疆",
        "新疆维吾尔自治区",
        Ar,
        &[
            "xinjiang",
            "xinjianguygur",
            "xinjianguyghur",
            "xinjiangweiwuer",
        ],
    ),
    unit("台湾", "台湾省", Pr, &["taiwan"]),
    unit("香港", "香港特别行政区", Sar, &["hongkong", "xianggang"]),
    unit("澳门", "澳门特别行政区", Sar, &["macao", "macau", "aomen"]),
];

/// Generic words after an English or pinyin name, dropped before the name is looked up
/// (longest first, so "autonomousregion" goes before "region" would).
const LATIN_SUFFIXES: [&str; 9] = [
    "specialadministrativeregion",
    "autonomousregion",
    "municipality",
    "province",
    "zizhiqu",
    "sheng",
    "city",
    "sar",
    "shi",
];

/// The unit a province value names, in any accepted spelling: the short name (江苏), the
/// official full name (江苏省, 广西壮族自治区), the short name with its kind's suffix
/// (广西自治区), or an English/pinyin name in any case, with or without spaces, hyphens
/// and a generic word (Jiangsu, JIANGSU, Jiangsu Province, Inner Mongolia, Hong Kong SAR,
/// Guangxi Zhuang Autonomous Region). `None` for anything else (a country, a typo).
///
/// ```text
/// unit_of("江苏省") → 江苏 · unit_of("Inner Mongolia") → 内蒙古 · unit_of("美国") → None
/// ```
pub fn unit_of(name: &str) -> Option<&'static Unit> {
    if let Some(u) = UNITS.iter().find(|u| {
        name == u.short
            || name == u.full
            || name
                .strip_prefix(u.short)
                .is_some_and(|rest| rest == u.kind.suffix())
    }) {
        return Some(u);
    }
    if !name.is_ascii() {
        return None;
    }
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let bare = LATIN_SUFFIXES
        .iter()
        .find_map(|s| key.strip_suffix(s).filter(|b| !b.is_empty()))
        .unwrap_or(&key);
    UNITS
        .iter()
        .find(|u| u.latin.contains(&key.as_str()) || u.latin.contains(&bare))
}

/// The short name of the province `name` is a spelling of (see [`unit_of`]).
pub fn province(name: &str) -> Option<&'static str> {
    unit_of(name).map(|u| u.short)
}

/// A city as every table writes it: a municipality or SAR in any spelling → its short name
/// (上海市, Shanghai → 上海; 香港特别行政区 → 香港); otherwise a trailing 市 dropped when at
/// least two characters remain (苏州市 → 苏州, but 沙市 stays). Other suffixes (地区, 自治州,
/// 盟, 新区) are kept: their short forms are not uniform (延边朝鲜族自治州 is written 延边 and
/// 延边州). Returns the input unchanged when nothing applies.
pub fn city(name: &str) -> &str {
    if let Some(u) = unit_of(name).filter(|u| {
        matches!(
            u.kind,
            UnitKind::Municipality | UnitKind::SpecialAdministrativeRegion
        )
    }) {
        return u.short;
    }
    match name.strip_suffix('市') {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_four_distinct_units() {
        let mut shorts: Vec<&str> = UNITS.iter().map(|u| u.short).collect();
        shorts.sort_unstable();
        shorts.dedup();
        assert_eq!(shorts.len(), 34);
        for u in &UNITS {
            assert_eq!(province(u.short), Some(u.short));
            assert_eq!(province(u.full), Some(u.short), "{}", u.full);
            for l in u.latin {
                assert_eq!(province(l), Some(u.short), "{l}");
            }
        }
        // No Latin name belongs to two units.
        let mut latin: Vec<&str> = UNITS.iter().flat_map(|u| u.latin.iter().copied()).collect();
        let n = latin.len();
        latin.sort_unstable();
        latin.dedup();
        assert_eq!(latin.len(), n);
    }

    #[test]
    fn chinese_spellings() {
        for (given, short) in [
            ("江苏省", "江苏"),
            ("江苏", "江苏"),
            ("上海市", "上海"),
            ("广西壮族自治区", "广西"),
            ("广西自治区", "广西"),
            ("内蒙古自治区", "内蒙古"),
            ("宁夏回族自治区", "宁夏"),
            ("新疆维吾尔自治区", "新疆"),
            ("西藏自治区", "西藏"),
            ("香港特别行政区", "香港"),
            ("澳门特别行政区", "澳门"),
            ("黑龙江省", "黑龙江"),
        ] {
            assert_eq!(province(given), Some(short), "{given}");
        }
        for other in [
            "美国",
            "日本",
            "江苏市",
            "苏州",
            "江",
            "",
            "江苏省省",
            "上海省",
        ] {
            assert_eq!(province(other), None, "{other}");
        }
    }

    #[test]
    fn english_and_pinyin_spellings() {
        for (given, short) in [
            ("Jiangsu", "江苏"),
            ("JIANGSU", "江苏"),
            ("Jiangsu Province", "江苏"),
            ("jiangsu sheng", "江苏"),
            ("Shanghai", "上海"),
            ("Shanghai Municipality", "上海"),
            ("Inner Mongolia", "内蒙古"),
            ("Inner Mongolia Autonomous Region", "内蒙古"),
            ("Nei Mongol", "内蒙古"),
            ("Guangxi Zhuang Autonomous Region", "广西"),
            ("Xinjiang Uygur Autonomous Region", "新疆"),
            ("Hong Kong", "香港"),
            ("Hong Kong SAR", "香港"),
            ("HONG-KONG", "香港"),
            ("Macau", "澳门"),
            ("Tibet", "西藏"),
            ("Shaanxi", "陕西"),
            ("Shanxi", "山西"),
            ("Beijing City", "北京"),
        ] {
            assert_eq!(province(given), Some(short), "{given}");
        }
        for other in ["USA", "Japan", "Province", "Suzhou", "sar", "Jiangsuu"] {
            assert_eq!(province(other), None, "{other}");
        }
    }

    #[test]
    fn cities() {
        assert_eq!(city("苏州市"), "苏州");
        assert_eq!(city("苏州"), "苏州");
        assert_eq!(city("上海市"), "上海");
        assert_eq!(city("Shanghai"), "上海");
        assert_eq!(city("香港特别行政区"), "香港");
        assert_eq!(city("沙市"), "沙市");
        assert_eq!(city("市"), "市");
        assert_eq!(city("乌鲁木齐市"), "乌鲁木齐");
        assert_eq!(city("延边朝鲜族自治州"), "延边朝鲜族自治州");
        assert_eq!(city("雄安新区"), "雄安新区");
        assert_eq!(city("Suzhou"), "Suzhou");
        // A province is not a city: 江苏省 as a city stays as given.
        assert_eq!(city("江苏省"), "江苏省");
    }
}
