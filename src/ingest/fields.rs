//! Cell parsers: enumerations, dates, numbers, `;` lists. Each returns the value or the
//! message that says what was expected; the caller adds file, line and column.

use crate::dataset::{Model, OrgType, PartialDate, ProjectRole, Role, Stage};

/// A value of one of the contract's enumerations, matched case-insensitively.
pub trait EnumCell: Sized + Copy + 'static {
    /// Every value, in the contract's order.
    const VALUES: &'static [Self];
    /// The value as written in the contract.
    fn text(self) -> &'static str;

    /// Parse a non-empty cell.
    fn parse_cell(cell: &str) -> Result<Self, String> {
        Self::VALUES
            .iter()
            .copied()
            .find(|v| v.text().eq_ignore_ascii_case(cell))
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
    ($t:ty) => {
        impl EnumCell for $t {
            const VALUES: &'static [Self] = &<$t>::ALL;
            fn text(self) -> &'static str {
                self.as_str()
            }
        }
    };
}
enum_cell!(OrgType);
enum_cell!(Model);
enum_cell!(Role);
enum_cell!(ProjectRole);
enum_cell!(Stage);

/// `true` / `false`, case-insensitive (Excel writes TRUE/FALSE).
pub fn parse_bool(cell: &str) -> Result<bool, String> {
    if cell.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if cell.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(format!("unknown value '{cell}': expected true or false"))
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
    fn numbers_and_lists() {
        assert_eq!(parse_number("35.5"), Ok(35.5));
        assert!(parse_number("NaN").is_err());
        assert!(parse_number("1,000").is_err());
        assert_eq!(parse_list(" a ; ;b;\u{3000}c "), vec!["a", "b", "c"]);
    }
}
