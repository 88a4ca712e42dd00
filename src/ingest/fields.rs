//! Cell parsers: enumerations (with their Chinese words), dates, numbers, `;` lists. Each
//! returns the value or the message that says what was expected; the caller adds file,
//! line and column.

use crate::dataset::{Model, OrgType, PartialDate, ProjectRole, Role, Stage};

/// A value of one of the contract's enumerations, matched case-insensitively.
pub trait EnumCell: Sized + Copy + 'static {
    /// Every value, in the contract's order.
    const VALUES: &'static [Self];
    /// Chinese words accepted for the values (docs/SCHEMA.md, "Value aliases").
    const ALIASES: &'static [(&'static str, Self)];
    /// The value as written in the contract.
    fn text(self) -> &'static str;

    /// Parse a non-empty cell: a contract word in any ASCII case, or one of its Chinese
    /// words.
    fn parse_cell(cell: &str) -> Result<Self, String> {
        Self::VALUES
            .iter()
            .copied()
            .find(|v| v.text().eq_ignore_ascii_case(cell))
            .or_else(|| {
                Self::ALIASES
                    .iter()
                    .find(|(word, _)| *word == cell)
                    .map(|&(_, v)| v)
            })
            .ok_or_else(|| {
                let expected: Vec<&str> = Self::VALUES.iter().map(|v| v.text()).collect();
                format!(
                    "unknown value '{cell}': expected one of {}",
                    expected.join(", ")
                )
            })
    }
}

macro_rules! enum_cell {
    ($t:ty, $aliases:expr) => {
        impl EnumCell for $t {
            const VALUES: &'static [Self] = &<$t>::ALL;
            const ALIASES: &'static [(&'static str, Self)] = $aliases;
            fn text(self) -> &'static str {
                self.as_str()
            }
        }
    };
}
enum_cell!(
    OrgType,
    &[
        ("企业", OrgType::Enterprise),
        ("公司", OrgType::Enterprise),
        ("高校", OrgType::University),
        ("大学", OrgType::University),
        ("高等院校", OrgType::University),
        ("科研院所", OrgType::Institute),
        ("研究院", OrgType::Institute),
        ("研究所", OrgType::Institute),
        ("科研机构", OrgType::Institute),
        ("平台", OrgType::Platform),
        ("新型研发机构", OrgType::Platform),
        ("创新平台", OrgType::Platform),
        ("政府", OrgType::Government),
        ("政府部门", OrgType::Government),
        ("政府机构", OrgType::Government),
        ("医院", OrgType::Hospital),
        ("医疗机构", OrgType::Hospital),
        ("其他", OrgType::Other),
        ("其它", OrgType::Other),
    ]
);
enum_cell!(
    Model,
    &[
        ("市场驱动型", Model::Market),
        ("市场驱动", Model::Market),
        ("平台支撑型", Model::Platform),
        ("平台支撑", Model::Platform),
        ("战略引领型", Model::Strategic),
        ("战略引领", Model::Strategic),
        ("其他", Model::Other),
        ("其它", Model::Other),
    ]
);
enum_cell!(
    Role,
    &[
        ("牵头", Role::Lead),
        ("牵头单位", Role::Lead),
        ("核心", Role::Core),
        ("紧密", Role::Core),
        ("核心层", Role::Core),
        ("紧密层", Role::Core),
        ("紧密合作层", Role::Core),
        ("一般", Role::General),
        ("协作", Role::General),
        ("一般成员", Role::General),
        ("协作层", Role::General),
        ("一般协作层", Role::General),
    ]
);
enum_cell!(
    ProjectRole,
    &[
        ("牵头", ProjectRole::Lead),
        ("牵头单位", ProjectRole::Lead),
        ("主持", ProjectRole::Lead),
        ("参与", ProjectRole::Participant),
        ("参与单位", ProjectRole::Participant),
        ("合作单位", ProjectRole::Participant),
    ]
);
enum_cell!(
    Stage,
    &[
        ("上游", Stage::Upstream),
        ("中游", Stage::Midstream),
        ("下游", Stage::Downstream),
    ]
);

/// `true` / `false`, case-insensitive (Excel writes TRUE/FALSE), or 是 / 否.
pub fn parse_bool(cell: &str) -> Result<bool, String> {
    if cell.eq_ignore_ascii_case("true") || cell == "是" {
        Ok(true)
    } else if cell.eq_ignore_ascii_case("false") || cell == "否" {
        Ok(false)
    } else {
        Err(format!(
            "unknown value '{cell}': expected true or false (or 是, 否)"
        ))
    }
}

/// YYYY, YYYY-MM or YYYY-MM-DD, with a real month and day.
pub fn parse_date(cell: &str) -> Result<PartialDate, String> {
    let bad = || format!("bad date '{cell}': expected YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = cell.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if parts.is_empty() || parts.len() > 3 || !digits(parts[0], 4) {
        return Err(bad());
    }
    let year: i32 = parts[0].parse().map_err(|_| bad())?;
    let month = match parts.get(1) {
        None => None,
        Some(m) if digits(m, 2) => Some(m.parse::<u8>().map_err(|_| bad())?),
        Some(_) => return Err(bad()),
    };
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return Err(format!("bad date '{cell}': month {m} is not 01-12"));
        }
    }
    let day = match parts.get(2) {
        None => None,
        Some(d) if digits(d, 2) => Some(d.parse::<u8>().map_err(|_| bad())?),
        Some(_) => return Err(bad()),
    };
    if let (Some(m), Some(d)) = (month, day) {
        if d == 0 || d > days_in_month(year, m) {
            return Err(format!("bad date '{cell}': {year}-{m:02} has no day {d}"));
        }
    }
    Ok(PartialDate { year, month, day })
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A finite decimal number (e.g. funding in 10k CNY).
pub fn parse_number(cell: &str) -> Result<f64, String> {
    match cell.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!(
            "bad number '{cell}': expected a decimal number such as 1200 or 35.5"
        )),
    }
}

/// A whole number ≥ 0 (e.g. a stated member count).
pub fn parse_count(cell: &str) -> Result<u32, String> {
    cell.parse::<u32>().map_err(|_| {
        format!("bad count '{cell}': expected a whole number such as 26 (no '余', '多' or range)")
    })
}

/// A `;`-separated list: items trimmed, empty items dropped.
pub fn parse_list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(super::table::trim_cell)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_three_forms() {
        assert_eq!(
            parse_date("2023").unwrap(),
            PartialDate {
                year: 2023,
                month: None,
                day: None
            }
        );
        assert_eq!(
            parse_date("2023-02").unwrap(),
            PartialDate {
                year: 2023,
                month: Some(2),
                day: None
            }
        );
        assert_eq!(
            parse_date("2024-02-29").unwrap(),
            PartialDate {
                year: 2024,
                month: Some(2),
                day: Some(29)
            }
        );
        for bad in [
            "2023-02-29",
            "2023-13",
            "23",
            "2023/02",
            "2023-2",
            "2023-02-1x",
            "",
            "2023-00",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn enums_case_insensitive_with_helpful_error() {
        assert_eq!(
            OrgType::parse_cell("Enterprise").unwrap(),
            OrgType::Enterprise
        );
        let e = Role::parse_cell("member").unwrap_err();
        assert_eq!(
            e,
            "unknown value 'member': expected one of lead, core, general"
        );
        assert_eq!(parse_bool("TRUE"), Ok(true));
        assert!(parse_bool("yes").is_err());
    }

    #[test]
    fn chinese_values() {
        for (word, t) in [
            ("企业", OrgType::Enterprise),
            ("高校", OrgType::University),
            ("大学", OrgType::University),
            ("科研院所", OrgType::Institute),
            ("研究院", OrgType::Institute),
            ("医院", OrgType::Hospital),
            ("政府", OrgType::Government),
            ("平台", OrgType::Platform),
            ("新型研发机构", OrgType::Platform),
        ] {
            assert_eq!(OrgType::parse_cell(word), Ok(t), "{word}");
        }
        for (word, r) in [
            ("牵头", Role::Lead),
            ("核心", Role::Core),
            ("紧密", Role::Core),
            ("一般", Role::General),
            ("协作", Role::General),
        ] {
            assert_eq!(Role::parse_cell(word), Ok(r), "{word}");
        }
        assert_eq!(ProjectRole::parse_cell("牵头"), Ok(ProjectRole::Lead));
        assert_eq!(
            ProjectRole::parse_cell("参与"),
            Ok(ProjectRole::Participant)
        );
        assert_eq!(Stage::parse_cell("上游"), Ok(Stage::Upstream));
        assert_eq!(Stage::parse_cell("中游"), Ok(Stage::Midstream));
        assert_eq!(Stage::parse_cell("下游"), Ok(Stage::Downstream));
        assert_eq!(Model::parse_cell("市场驱动型"), Ok(Model::Market));
        assert_eq!(Model::parse_cell("平台支撑型"), Ok(Model::Platform));
        assert_eq!(Model::parse_cell("战略引领型"), Ok(Model::Strategic));
        assert_eq!(parse_bool("是"), Ok(true));
        assert_eq!(parse_bool("否"), Ok(false));
        // The words of one enumeration are not another's.
        assert!(Stage::parse_cell("牵头").is_err());
        assert!(OrgType::parse_cell("上游").is_err());
    }

    #[test]
    fn numbers_and_lists() {
        assert_eq!(parse_number("35.5"), Ok(35.5));
        assert!(parse_number("NaN").is_err());
        assert!(parse_number("1,000").is_err());
        assert_eq!(parse_list(" a ; ;b;\u{3000}c "), vec!["a", "b", "c"]);
    }
}
