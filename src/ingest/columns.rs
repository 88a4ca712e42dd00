//! Headers → contract columns: the built-in Chinese headers of [`super::contract`] and a
//! user's `--columns MAP.toml`, applied to a raw table's header before anything reads it.
//!
//! A header is read as: the column a `--columns` map names for it (per table), else the
//! contract column of that name (ASCII case ignored), else the contract column it is an
//! accepted Chinese header of, else itself (an extra column, kept and ignored). Two
//! headers read as one contract column are an error naming both. Knows nothing of CSV or
//! workbooks: it sees header text only.

use std::collections::BTreeMap;
use std::path::Path;

use super::contract::{self, Table, TABLES};
use super::table::RawTable;
use crate::error::{Error, LoadError, Problem};

/// A `--columns` map: for each contract table, given header (trimmed, lower-cased) →
/// contract column.
///
/// ```toml
/// [organizations]
/// "单位全称" = "name"
/// [memberships]
/// "成员单位代码" = "org_id"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    by_file: BTreeMap<&'static str, BTreeMap<String, &'static str>>,
}

/// The key a header is compared by: trimmed (also of U+3000), lower-cased.
pub fn header_key(header: &str) -> String {
    super::table::trim_cell(header).to_lowercase()
}

impl ColumnMap {
    /// Read a map file; `None` gives the empty map. A file that cannot be read is an I/O
    /// error, one that does not validate a configuration error listing every problem.
    pub fn read(path: Option<&Path>) -> Result<ColumnMap, Error> {
        let Some(path) = path else {
            return Ok(ColumnMap::default());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read column map {}", path.display()), e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        ColumnMap::parse(&text, &name).map_err(|problems| {
            Error::Config(LoadError {
                dataset: path.to_path_buf(),
                problems,
            })
        })
    }

    /// Parse a map (`name` is the file name for messages): sections are table names
    /// (`organizations`, … with or without `.csv`), values contract columns of that table.
    pub fn parse(text: &str, name: &str) -> Result<ColumnMap, Vec<Problem>> {
        type Spanned = toml::Spanned<String>;
        let line_of = |at: usize| text[..at.min(text.len())].matches('\n').count() as u64 + 1;
        let raw: BTreeMap<Spanned, BTreeMap<Spanned, Spanned>> =
            toml::from_str(text).map_err(|e| {
                vec![Problem {
                    file: name.to_string(),
                    line: e.span().map(|s| line_of(s.start)),
                    column: None,
                    message: format!(
                        "{} (expected sections such as [organizations] holding \"header\" = \"column\")",
                        e.message().trim_end()
                    ),
                }]
            })?;
        let mut problems = Vec::new();
        let mut map = ColumnMap::default();
        for (section, entries) in raw {
            let Some(table) = contract::table_named(section.get_ref()) else {
                let names: Vec<&str> = TABLES.iter().map(|t| t.stem).collect();
                problems.push(Problem::at_line(
                    name,
                    line_of(section.span().start),
                    format!(
                        "[{}] is not a table of the contract: expected one of {}",
                        section.get_ref(),
                        names.join(", ")
                    ),
                ));
                continue;
            };
            let target_map = map.by_file.entry(table.file).or_default();
            for (header, column) in entries {
                let line = line_of(header.span().start);
                let key = header_key(header.get_ref());
                let Some(c) = table.column(column.get_ref().trim()) else {
                    let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
                    problems.push(Problem::at_line(
                        name,
                        line,
                        format!(
                            "[{}] {:?} = {:?}: not a column of {}; expected one of {}",
                            table.stem,
                            header.get_ref(),
                            column.get_ref(),
                            table.file,
                            names.join(", ")
                        ),
                    ));
                    continue;
                };
                if key.is_empty() {
                    problems.push(Problem::at_line(
                        name,
                        line,
                        format!("[{}] an empty header cannot be mapped", table.stem),
                    ));
                    continue;
                }
                target_map.insert(key, c.name);
            }
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            problems.sort_by_key(|p| p.line);
            Err(problems)
        }
    }

    /// The column the map names for `key` (a [`header_key`]) in `table`.
    fn get(&self, table: &Table, key: &str) -> Option<&'static str> {
        self.by_file.get(table.file)?.get(key).copied()
    }
}

/// The contract column a header is read as in `table`, if any (see the module text).
pub fn column_for(table: &Table, map: &ColumnMap, header: &str) -> Option<&'static str> {
    let key = header_key(header);
    map.get(table, &key).or_else(|| {
        table
            .columns
            .iter()
            .find(|c| c.name == key || c.aliases.contains(&key.as_str()))
            .map(|c| c.name)
    })
}

/// Read `raw`'s headers as contract columns: rewrites `raw.headers` and returns each
/// header that was not already a contract name with the column it is read as (in header
/// order; of two headers read as one column, the first, which is the one used). A header named twice, and two headers read as one column, are problems (at the
/// header line, under the contract file name).
pub fn apply(
    raw: &mut RawTable,
    table: &Table,
    map: &ColumnMap,
    problems: &mut Vec<Problem>,
) -> Vec<(String, String)> {
    let mut renamed = Vec::new();
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..raw.given.len() {
        let given = &raw.given[i];
        let key = header_key(given);
        let name = column_for(table, map, given).map_or_else(|| key.clone(), str::to_string);
        if !name.is_empty() {
            match first.get(&name) {
                Some(&j) if header_key(&raw.given[j]) == key => problems.push(Problem::at(
                    table.file,
                    raw.header_line,
                    &name,
                    "column named twice in the header",
                )),
                Some(&j) => problems.push(Problem::at(
                    table.file,
                    raw.header_line,
                    &name,
                    format!(
                        "headers '{}' and '{}' are both read as {name}: keep one, or map one to another column with --columns",
                        raw.given[j], given
                    ),
                )),
                None => {
                    first.insert(name.clone(), i);
                    if name != key {
                        renamed.push((given.clone(), name.clone()));
                    }
                }
            }
        }
        raw.headers[i] = name;
    }
    renamed
}

/// The accepted headers of a missing required column, for its message.
pub fn missing_hint(table: &Table, column: &str) -> String {
    match table.column(column) {
        Some(c) if !c.aliases.is_empty() => format!(
            "missing required column (also accepted as {}; map another header to it with --columns)",
            c.aliases.join(", ")
        ),
        _ => "missing required column".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(headers: &[&str]) -> RawTable {
        RawTable {
            file: "organizations.csv".into(),
            header_line: 1,
            given: headers.iter().map(|h| h.to_string()).collect(),
            headers: headers.iter().map(|h| header_key(h)).collect(),
            rows: Vec::new(),
        }
    }

    fn orgs() -> &'static Table {
        contract::table("organizations.csv").unwrap()
    }

    #[test]
    fn chinese_headers_read_as_contract_columns() {
        let mut t = raw(&[
            "机构编号",
            "机构名称",
            "单位类型",
            "所在省份",
            "城市",
            "Name_EN",
            "备注",
        ]);
        let mut p = Vec::new();
        let renamed = apply(&mut t, orgs(), &ColumnMap::default(), &mut p);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            t.headers,
            ["org_id", "name", "type", "province", "city", "name_en", "备注"]
        );
        let got: Vec<(&str, &str)> = renamed
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("机构编号", "org_id"),
                ("机构名称", "name"),
                ("单位类型", "type"),
                ("所在省份", "province"),
                ("城市", "city"),
            ]
        );
        // The same word means another column in another table.
        let cons = contract::table("consortia.csv").unwrap();
        let projects = contract::table("projects.csv").unwrap();
        let none = ColumnMap::default();
        assert_eq!(column_for(cons, &none, "名称"), Some("name"));
        assert_eq!(column_for(projects, &none, "名称"), Some("title"));
        assert_eq!(column_for(cons, &none, "项目"), Some("program"));
        assert_eq!(column_for(cons, &none, "牵头单位编号"), Some("lead_org_id"));
        let ms = contract::table("memberships.csv").unwrap();
        assert_eq!(column_for(ms, &none, " 加入时间\u{3000}"), Some("joined"));
        assert_eq!(column_for(ms, &none, "退出时间"), Some("left"));
        assert_eq!(column_for(ms, &none, "角色"), Some("role"));
        assert_eq!(column_for(ms, &none, "单位全称"), None);
    }

    #[test]
    fn two_headers_for_one_column_is_an_error_naming_both() {
        let mut t = raw(&["org_id", "机构名称", "单位名称", "type", "province", "city"]);
        let mut p = Vec::new();
        apply(&mut t, orgs(), &ColumnMap::default(), &mut p);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].column.as_deref(), Some("name"));
        assert_eq!(
            p[0].message,
            "headers '机构名称' and '单位名称' are both read as name: keep one, or map one to another column with --columns"
        );
        let mut t = raw(&["a", "A", "org_id"]);
        let mut p = Vec::new();
        apply(&mut t, orgs(), &ColumnMap::default(), &mut p);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].message, "column named twice in the header");
    }

    #[test]
    fn a_map_renames_any_header_and_wins() {
        let map = ColumnMap::parse(
            "[organizations]\n\"单位全称\" = \"name\"\n\"名称\" = \"name_en\"\n[\"memberships.csv\"]\n\"成员\" = \"org_id\"\n",
            "cols.toml",
        )
        .unwrap();
        let mut t = raw(&["org_id", "单位全称", "名称", "type", "province", "city"]);
        let mut p = Vec::new();
        let renamed = apply(&mut t, orgs(), &map, &mut p);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(t.headers[1..3], ["name", "name_en"]);
        assert_eq!(renamed.len(), 2);
        let ms = contract::table("memberships.csv").unwrap();
        assert_eq!(column_for(ms, &map, "成员"), Some("org_id"));
        assert_eq!(column_for(orgs(), &map, "成员"), None);
    }

    #[test]
    fn bad_maps_list_every_problem_with_its_line() {
        let e = ColumnMap::parse(
            "[orgs]\n\"x\" = \"name\"\n[organizations]\n\"y\" = \"nam\"\n\"z\" = \"name\"\n",
            "cols.toml",
        )
        .unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].line, Some(1));
        assert!(e[0]
            .message
            .starts_with("[orgs] is not a table of the contract"));
        assert_eq!(e[1].line, Some(4));
        assert!(e[1]
            .message
            .starts_with("[organizations] \"y\" = \"nam\": not a column of organizations.csv"));
        let e = ColumnMap::parse("organizations = 3\n", "cols.toml").unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(1));
    }
}
