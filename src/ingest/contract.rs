//! The contract's input tables as data: each file, its columns, which are required, what
//! kind of value each holds, and the Chinese headers accepted for it without a flag.
//!
//! Everything in the ingest stage that needs to know what a column is — header mapping
//! ([`super::columns`]), reading typed workbook cells ([`super::workbook`]), the required
//! columns and tables checked in [`super::source`] — reads it here; docs/SCHEMA.md's alias
//! table is this table. Knows nothing of files on disk.

/// What a column holds, which decides how a workbook cell is turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An identifier (`org_id`, `lead_org_id`, …): text; a number is written without ".0",
    /// with a warning (leading zeros may have been lost).
    Id,
    /// Free text or a `;` list.
    Text,
    /// One of the contract's words (type, role, stage, model).
    Enum,
    /// true/false (`critical`).
    Bool,
    /// YYYY, YYYY-MM or YYYY-MM-DD; an Excel date cell is written YYYY-MM-DD.
    Date,
    /// A decimal number (`funding`).
    Number,
    /// A whole number (`members_stated`).
    Count,
}

/// One column of a contract table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The contract's name.
    pub name: &'static str,
    /// Whether a table without it is refused.
    pub required: bool,
    /// What it holds.
    pub kind: Kind,
    /// Headers taken as this column without a flag (compared after trimming, ignoring
    /// ASCII case).
    pub aliases: &'static [&'static str],
}

/// One contract table.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The CSV file name (`organizations.csv`), which problems are reported under.
    pub file: &'static str,
    /// The file name without extension: the sheet name in a workbook, the section name
    /// in a `--columns` map.
    pub stem: &'static str,
    /// Its columns, in the contract's order.
    pub columns: &'static [Column],
}

impl Table {
    /// A column by its contract name.
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

const fn col(
    name: &'static str,
    required: bool,
    kind: Kind,
    aliases: &'static [&'static str],
) -> Column {
    Column {
        name,
        required,
        kind,
        aliases,
    }
}

use Kind::{Bool, Count, Date, Enum, Id, Number, Text};

const PROVINCE: &[&str] = &["省份", "所在省份", "省", "所在省", "省/直辖市", "所在省市"];
const CITY: &[&str] = &["城市", "所在城市", "市", "所在市", "地市", "所在地市"];

/// The six contract tables in the contract's order.
pub const TABLES: [Table; 6] = [
    Table {
        file: "organizations.csv",
        stem: "organizations",
        columns: &[
            col(
                "org_id",
                true,
                Id,
                &[
                    "机构编号",
                    "机构代码",
                    "机构id",
                    "单位编号",
                    "单位代码",
                    "编号",
                ],
            ),
            col(
                "name",
                true,
                Text,
                &["机构名称", "单位名称", "名称", "机构", "单位"],
            ),
            col(
                "type",
                true,
                Enum,
                &["机构类型", "单位类型", "类型", "机构性质", "单位性质"],
            ),
            col("province", true, Text, PROVINCE),
            col("city", true, Text, CITY),
            col("name_en", false, Text, &["英文名称", "英文名"]),
            col("tags", false, Text, &["标签", "机构标签", "单位标签"]),
            col(
                "segments",
                false,
                Text,
                &["产业链环节", "环节", "所属环节", "环节编号"],
            ),
        ],
    },
    Table {
        file: "consortia.csv",
        stem: "consortia",
        columns: &[
            col(
                "consortium_id",
                true,
                Id,
                &["联合体编号", "联合体代码", "联合体id", "编号"],
            ),
            col("name", true, Text, &["联合体名称", "名称", "联合体"]),
            col(
                "program",
                true,
                Text,
                &["项目", "计划", "所属计划", "所属项目", "专项"],
            ),
            col(
                "lead_org_id",
                true,
                Id,
                &[
                    "牵头单位编号",
                    "牵头单位代码",
                    "牵头机构编号",
                    "牵头单位id",
                    "牵头机构id",
                ],
            ),
            col("province", false, Text, PROVINCE),
            col("city", false, Text, CITY),
            col(
                "model",
                false,
                Enum,
                &["模式", "组建模式", "组织模式", "联合体类型"],
            ),
            col(
                "chain_id",
                false,
                Id,
                &["产业链编号", "产业链代码", "产业链id"],
            ),
            col(
                "founded",
                false,
                Date,
                &["成立时间", "成立日期", "组建时间", "组建日期", "成立年份"],
            ),
            col(
                "members_stated",
                false,
                Count,
                &["成员数", "成员数量", "成员单位数", "成员总数"],
            ),
        ],
    },
    Table {
        file: "memberships.csv",
        stem: "memberships",
        columns: &[
            col(
                "consortium_id",
                true,
                Id,
                &["联合体编号", "联合体代码", "联合体id"],
            ),
            col(
                "org_id",
                true,
                Id,
                &[
                    "机构编号",
                    "机构代码",
                    "机构id",
                    "单位编号",
                    "单位代码",
                    "成员编号",
                    "成员单位编号",
                ],
            ),
            col(
                "role",
                false,
                Enum,
                &["角色", "成员角色", "层级", "成员层级"],
            ),
            col("joined", false, Date, &["加入时间", "加入日期", "加入年份"]),
            col("left", false, Date, &["退出时间", "退出日期", "退出年份"]),
        ],
    },
    Table {
        file: "projects.csv",
        stem: "projects",
        columns: &[
            col(
                "project_id",
                true,
                Id,
                &["项目编号", "项目代码", "项目id", "编号"],
            ),
            col(
                "title",
                true,
                Text,
                &["项目名称", "名称", "题目", "课题名称"],
            ),
            col("program", false, Text, &["计划", "所属计划", "专项"]),
            col(
                "consortium_id",
                false,
                Id,
                &["联合体编号", "所属联合体编号", "联合体id"],
            ),
            col(
                "chain_id",
                false,
                Id,
                &["产业链编号", "产业链代码", "产业链id"],
            ),
            col(
                "segment_id",
                false,
                Id,
                &["环节编号", "环节代码", "产业链环节编号", "环节id"],
            ),
            col(
                "start",
                false,
                Date,
                &["开始时间", "开始日期", "起始时间", "立项时间", "开始年份"],
            ),
            col(
                "end",
                false,
                Date,
                &["结束时间", "结束日期", "截止时间", "完成时间", "结题时间"],
            ),
            col(
                "funding",
                false,
                Number,
                &[
                    "经费",
                    "经费（万元）",
                    "经费(万元)",
                    "资助金额",
                    "资助经费",
                    "项目经费",
                ],
            ),
        ],
    },
    Table {
        file: "project_members.csv",
        stem: "project_members",
        columns: &[
            col("project_id", true, Id, &["项目编号", "项目代码", "项目id"]),
            col(
                "org_id",
                true,
                Id,
                &[
                    "机构编号",
                    "机构代码",
                    "机构id",
                    "单位编号",
                    "单位代码",
                    "承担单位编号",
                    "参与单位编号",
                ],
            ),
            col("role", false, Enum, &["角色", "承担角色", "分工"]),
        ],
    },
    Table {
        file: "chains.csv",
        stem: "chains",
        columns: &[
            col(
                "chain_id",
                true,
                Id,
                &["产业链编号", "产业链代码", "产业链id"],
            ),
            col("segment_id", true, Id, &["环节编号", "环节代码", "环节id"]),
            col("segment_name", true, Text, &["环节名称"]),
            col(
                "stage",
                true,
                Enum,
                &["环节位置", "上中下游", "位置", "阶段"],
            ),
            col("chain_name", false, Text, &["产业链名称", "产业链"]),
            col(
                "critical",
                false,
                Bool,
                &[
                    "关键环节",
                    "是否关键",
                    "是否关键环节",
                    "卡脖子",
                    "是否卡脖子",
                ],
            ),
        ],
    },
];

/// The table whose CSV file name is `file`.
pub fn table(file: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.file == file)
}

/// The table whose stem (sheet or section name) is `name`, ignoring ASCII case, with or
/// without `.csv`.
pub fn table_named(name: &str) -> Option<&'static Table> {
    let name = name.trim();
    let name = name
        .get(name.len().saturating_sub(4)..)
        .filter(|ext| ext.eq_ignore_ascii_case(".csv"))
        .map_or(name, |_| &name[..name.len() - 4]);
    TABLES.iter().find(|t| t.stem.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_unambiguous_within_each_table() {
        for t in &TABLES {
            let mut seen: Vec<&str> = t.columns.iter().map(|c| c.name).collect();
            for c in t.columns {
                for a in c.aliases {
                    assert_eq!(a.trim(), *a);
                    assert_eq!(a.to_lowercase(), *a, "{a}: aliases are matched lower-cased");
                    assert!(!seen.contains(a), "{}: {a} twice", t.file);
                    seen.push(a);
                }
            }
        }
    }

    #[test]
    fn tables_by_name() {
        assert_eq!(
            table_named("Organizations").unwrap().file,
            "organizations.csv"
        );
        assert_eq!(
            table_named(" memberships.CSV ").unwrap().file,
            "memberships.csv"
        );
        assert!(table_named("orgs").is_none());
        assert!(table_named("").is_none());
        assert_eq!(table("chains.csv").unwrap().stem, "chains");
        let t = table("organizations.csv").unwrap();
        assert_eq!(t.column("province").unwrap().aliases[1], "所在省份");
        assert_eq!(t.column("name").unwrap().kind, Kind::Text);
    }
}
