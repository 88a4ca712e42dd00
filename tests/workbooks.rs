//! Data as analysts have it: workbooks (.xlsx, .ods, .xls) and folders mixing a workbook
//! with GB18030 CSV files, Chinese headers and words, long region names, Excel dates,
//! ids stored as numbers, and `--columns` maps. The workbook fixtures are tiny's data in
//! that form (written by scripts/fixtures/make_workbooks.py) and must give tiny's tables
//! byte for byte; broken ones must be refused with every problem named by workbook,
//! sheet, row and column.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Every file under `tables/` of an analysis of `dataset`.
fn tables_of(
    dataset: &Path,
    out: &Path,
    extra: &[&str],
) -> std::collections::BTreeMap<String, Vec<u8>> {
    analyze(dataset, out, extra);
    all_files(&out.join("tables"))
}

fn workbook(name: &str) -> PathBuf {
    fixture("workbooks").join(name)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A folder holding copies of `files`.
fn folder(tmp: &Path, name: &str, files: &[PathBuf]) -> PathBuf {
    let dir = tmp.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for f in files {
        std::fs::copy(f, dir.join(f.file_name().unwrap())).unwrap();
    }
    dir
}

fn tiny_csvs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixture("tiny"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn workbooks_and_a_mixed_folder_give_tinys_tables_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let want = tables_of(&fixture("tiny"), &tmp.path().join("tiny"), &[]);
    assert!(want.len() >= 7, "{:?}", want.keys());
    // One workbook as the dataset; the same workbook alone in a folder; the .ods and the
    // .xls (English and pinyin province names) twins; part.xlsx + GB18030 CSV files.
    let alone = folder(tmp.path(), "alone", &[workbook("tiny.xlsx")]);
    for (what, dataset) in [
        ("tiny.xlsx", workbook("tiny.xlsx")),
        ("a folder with tiny.xlsx", alone),
        ("tiny.ods", workbook("tiny.ods")),
        ("tiny.xls", workbook("tiny.xls")),
        ("tiny-mixed", fixture("tiny-mixed")),
    ] {
        let got = tables_of(&dataset, &tmp.path().join(what), &[]);
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{what}"
        );
        for (name, bytes) in &want {
            assert!(
                got[name] == *bytes,
                "{what}: tables/{name} differs:\n{}\nwant:\n{}",
                String::from_utf8_lossy(&got[name]),
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

#[test]
fn validate_says_how_headers_were_read_and_what_was_rewritten() {
    let out = run(&["validate", s(&workbook("tiny.xlsx"))], 0);
    let text = stdout(&out);
    assert!(text.starts_with(
        "tiny.xlsx [organizations]: 机构编号 → org_id, 机构名称 → name, 机构类型 → type, 所在省份 → province, 所在城市 → city, 英文名称 → name_en, 标签 → tags, 产业链环节 → segments\n"
    ), "{text}");
    assert!(text.contains(
        "\ntiny.xlsx [projects]: 项目编号 → project_id, 项目名称 → title, 所属计划 → program, 联合体编号 → consortium_id, 产业链编号 → chain_id, 环节编号 → segment_id, 开始时间 → start, 结束时间 → end, 经费（万元） → funding\n"
    ), "{text}");
    assert!(text.ends_with(
        "ok: 5 organisations, 2 consortia, 5 memberships, 1 projects (2 participations), 1 chains (3 segments); 9 warnings\n"
    ), "{text}");
    let err = stderr(&out);
    for w in [
        "warning: tiny.xlsx [organizations]: province '江苏省' written as '江苏' (3 rows)",
        "warning: tiny.xlsx [organizations]: province '上海市' written as '上海' (1 row)",
        "warning: tiny.xlsx [organizations]: city '苏州市' written as '苏州' (3 rows)",
        "warning: tiny.xlsx [consortia]: city '苏州市' written as '苏州' (1 row)",
        // Rows as the spreadsheet numbers them (an empty row 4 is skipped), the header
        // as written beside the column.
        "warning: tiny.xlsx [organizations]: row 5, column segments (产业链环节): unknown segment 's-unknown': not in tiny.xlsx [chains] (ignored)",
        "warning: tiny.xlsx [consortia]: row 3, column lead_org_id (牵头单位编号): lead 'c' of 'k2' is missing from tiny.xlsx [memberships]",
    ] {
        assert!(err.contains(w), "expected {w:?} in:\n{err}");
    }
    // The .xls spells provinces in English and pinyin.
    let err = stderr(&run(&["validate", s(&workbook("tiny.xls"))], 0));
    assert!(
        err.contains("province 'Jiangsu' written as '江苏' (3 rows)"),
        "{err}"
    );
    assert!(
        err.contains("province 'Anhui Province' written as '安徽' (1 row)"),
        "{err}"
    );
    assert!(
        err.contains("city 'Shanghai' written as '上海' (1 row)"),
        "{err}"
    );
    // Plain contract headers are not listed; the mixed folder lists the GB18030 CSV.
    let text = stdout(&run(&["validate", s(&fixture("tiny-mixed"))], 0));
    assert!(!text.contains("project_members"), "{text}");
    assert!(
        text.contains("\nchains.csv: 产业链编号 → chain_id,"),
        "{text}"
    );
}

#[test]
fn ids_stored_as_numbers_load_as_text_with_one_warning_per_column() {
    let out = run(&["validate", s(&workbook("ids.xlsx"))], 0);
    let err = stderr(&out);
    let warned: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("ids stored as numbers"))
        .collect();
    assert_eq!(
        warned,
        [
            "consortia: warning: ids.xlsx [organizations]: row 2, column org_id (机构编号): ids stored as numbers (5 cells, the first in this row): leading zeros, if any, were lost in Excel; store ids as text",
            "consortia: warning: ids.xlsx [consortia]: row 2, column lead_org_id (牵头单位编号): ids stored as numbers (2 cells, the first in this row): leading zeros, if any, were lost in Excel; store ids as text",
            "consortia: warning: ids.xlsx [memberships]: row 2, column org_id (机构编号): ids stored as numbers (4 cells, the first in this row): leading zeros, if any, were lost in Excel; store ids as text",
            "consortia: warning: ids.xlsx [project_members]: row 2, column org_id (机构编号): ids stored as numbers (2 cells, the first in this row): leading zeros, if any, were lost in Excel; store ids as text",
        ]
    );
    // 1001, not 1001.0; funding given as text reads as the number; every other cell as
    // in tiny.
    let tmp = tempfile::tempdir().unwrap();
    analyze(&fixture("tiny"), &tmp.path().join("tiny"), &[]);
    analyze(&workbook("ids.xlsx"), &tmp.path().join("ids"), &[]);
    let want = table(&tmp.path().join("tiny/tables/org_centrality.csv"));
    let got = table(&tmp.path().join("ids/tables/org_centrality.csv"));
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        let id = ["a", "b", "c", "d", "e"]
            .iter()
            .position(|x| *x == w["org_id"])
            .unwrap();
        assert_eq!(g["org_id"], format!("100{}", id + 1));
        let mut g = g.clone();
        g.remove("org_id");
        let mut w = w.clone();
        w.remove("org_id");
        assert_eq!(g, w);
    }
    assert_eq!(
        std::fs::read(tmp.path().join("ids/tables/program_comparison.csv")).unwrap(),
        std::fs::read(tmp.path().join("tiny/tables/program_comparison.csv")).unwrap()
    );
}

#[test]
fn a_broken_workbook_is_refused_with_workbook_sheet_row_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let out = run(
        &["analyze", s(&workbook("broken.xlsx")), "--out", s(&out_dir)],
        1,
    );
    let err = stderr(&out);
    let problems: Vec<&str> = err.lines().collect();
    assert_eq!(
        problems,
        [
            format!(
                "consortia: dataset {} has 5 problems:",
                workbook("broken.xlsx").display()
            )
            .as_str(),
            "  broken.xlsx [organizations]: row 3, column name (机构名称): error cell #N/A: fix the formula or clear the cell",
            "  broken.xlsx [memberships]: row 4, column joined (加入时间): bad date '2023-13': month 13 is not 01-12",
            "  broken.xlsx [memberships]: row 5, column joined (加入时间): bad date '44757': a plain number, not a date (format the cell as a date, or write YYYY, YYYY-MM or YYYY-MM-DD)",
            "  broken.xlsx [memberships]: row 6, column org_id (机构编号): unknown organisation 'ghost': not in broken.xlsx [organizations]",
            "  broken.xlsx [projects]: row 1, column title: missing required column (also accepted as 项目名称, 名称, 题目, 课题名称; map another header to it with --columns)",
        ]
    );
    assert!(!out_dir.exists(), "nothing written");
    run(&["validate", s(&workbook("broken.xlsx"))], 1);
}

#[test]
fn a_table_given_twice_or_an_unreadable_workbook_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    // CSV files and a workbook with the same tables.
    let mut files = tiny_csvs();
    files.push(workbook("tiny.xlsx"));
    let both = folder(tmp.path(), "both", &files);
    let err = stderr(&run(&["validate", s(&both)], 1));
    assert!(err.contains("has 6 problems"), "{err}");
    assert!(err.contains(
        "  organizations.csv: given twice: organizations.csv and tiny.xlsx [organizations]; keep one\n"
    ), "{err}");
    assert!(
        err.contains("  chains.csv: given twice: chains.csv and tiny.xlsx [chains]; keep one"),
        "{err}"
    );
    // Two workbooks with the same sheets.
    let two = folder(
        tmp.path(),
        "two",
        &[workbook("tiny.xlsx"), workbook("tiny.ods")],
    );
    let err = stderr(&run(&["validate", s(&two)], 1));
    assert!(err.contains(
        "memberships.csv: given twice: tiny.ods [memberships] and tiny.xlsx [memberships]; keep one"
    ), "{err}");
    // A file that is not a workbook: an error, never a panic; Excel's lock file is
    // ignored.
    let garbage = folder(tmp.path(), "garbage", &tiny_csvs());
    std::fs::write(garbage.join("notes.xlsx"), b"not a workbook").unwrap();
    std::fs::write(garbage.join("~$tiny.xlsx"), b"lock").unwrap();
    let err = stderr(&run(&["validate", s(&garbage)], 1));
    assert!(err.contains("has 1 problem:"), "{err}");
    assert!(
        err.contains("  notes.xlsx: cannot read the workbook: "),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // Neither a folder nor a workbook.
    let err = stderr(&run(
        &["validate", s(&fixture("tiny").join("chains.csv"))],
        1,
    ));
    assert!(err.contains("not a directory or a workbook"), "{err}");
}

/// tiny as CSV files with some text replaced in one file.
fn edited(tmp: &Path, name: &str, file: &str, from: &str, to: &str) -> PathBuf {
    let dir = folder(tmp, name, &tiny_csvs());
    let p = dir.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&p, text.replace(from, to)).unwrap();
    dir
}

#[test]
fn columns_maps_rename_any_header_and_are_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let want = tables_of(&fixture("tiny"), &t.join("tiny"), &[]);
    let ds = edited(
        t,
        "ds",
        "organizations.csv",
        "org_id,name,",
        "org_id,单位全称,",
    );
    // Without a map the header is unknown: the column is missing.
    let err = stderr(&run(&["validate", s(&ds)], 1));
    assert!(err.contains(
        "organizations.csv: line 1, column name: missing required column (also accepted as 机构名称, 单位名称, 名称, 机构, 单位; map another header to it with --columns)"
    ), "{err}");
    let map = t.join("columns.toml");
    std::fs::write(&map, "[organizations]\n\"单位全称\" = \"name\"\n").unwrap();
    let out = run(&["validate", s(&ds), "--columns", s(&map)], 0);
    assert!(stdout(&out).starts_with("organizations.csv: 单位全称 → name\nok: 5 organisations"));
    assert_eq!(
        tables_of(&ds, &t.join("mapped"), &["--columns", s(&map)]),
        want
    );
    let run_toml = std::fs::read_to_string(t.join("mapped/run.toml")).unwrap();
    assert!(
        run_toml.contains(&format!(" --columns {}", map.display())),
        "{run_toml}"
    );
    assert!(
        run_toml.contains(&format!("columns = \"{}\"\n", map.display())),
        "{run_toml}"
    );
    // check and compare take the map too, and batch reads it back from run.toml.
    run(&["check", s(&ds), "--columns", s(&map)], 0);
    run(
        &[
            "compare",
            s(&ds),
            "--out",
            s(&t.join("cmp")),
            "--columns",
            s(&map),
        ],
        0,
    );
    run(
        &[
            "batch",
            "--config",
            s(&t.join("mapped/run.toml")),
            "--out",
            s(&t.join("batch")),
            "--quiet",
        ],
        0,
    );
    assert_eq!(all_files(&t.join("batch/ds/tables")), want);

    // A map that does not fit the contract: every problem, exit 2.
    let bad = t.join("bad.toml");
    std::fs::write(
        &bad,
        "[orgs]\n\"x\" = \"name\"\n[organizations]\n\"y\" = \"nom\"\n",
    )
    .unwrap();
    let err = stderr(&run(&["validate", s(&ds), "--columns", s(&bad)], 2));
    assert!(
        err.contains("bad.toml: line 1: [orgs] is not a table of the contract"),
        "{err}"
    );
    assert!(
        err.contains(
            "bad.toml: line 4: [organizations] \"y\" = \"nom\": not a column of organizations.csv"
        ),
        "{err}"
    );

    // Two headers read as one column: an error naming both.
    let two = edited(t, "two", "organizations.csv", "name_en,", "单位名称,");
    let err = stderr(&run(&["validate", s(&two)], 1));
    assert!(err.contains(
        "organizations.csv: line 1, column name: headers 'name' and '单位名称' are both read as name: keep one, or map one to another column with --columns"
    ), "{err}");
}

#[test]
fn long_region_names_in_csv_files_are_written_short() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let want = tables_of(&fixture("tiny"), &t.join("tiny"), &[]);
    let ds = edited(
        t,
        "ds",
        "organizations.csv",
        ",江苏,苏州,",
        ",江苏省,苏州市,",
    );
    let p = ds.join("organizations.csv");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace(",上海,上海,", ",Shanghai,上海市,")
        .replace(",安徽,", ",广西壮族自治区,");
    std::fs::write(&p, text).unwrap();
    let out = run(&["validate", s(&ds)], 0);
    let err = stderr(&out);
    for w in [
        "organizations.csv: province '江苏省' written as '江苏' (2 rows)",
        "organizations.csv: province 'Shanghai' written as '上海' (1 row)",
        "organizations.csv: province '广西壮族自治区' written as '广西' (1 row)",
        "organizations.csv: city '苏州市' written as '苏州' (2 rows)",
        "organizations.csv: city '上海市' written as '上海' (1 row)",
    ] {
        assert!(err.contains(w), "expected {w:?} in:\n{err}");
    }
    // d's province moved (安徽 → 广西), so only org_centrality's province cell of d and
    // what depends on regions may differ; 江苏省 and 江苏 are one region.
    let got = tables_of(&ds, &t.join("ds-out"), &[]);
    let rows = |m: &std::collections::BTreeMap<String, Vec<u8>>| {
        String::from_utf8(m["org_centrality.csv"].clone()).unwrap()
    };
    assert_eq!(
        rows(&got),
        rows(&want).replace(",enterprise,安徽,", ",enterprise,广西,")
    );
    // Provinces that are none of the 34 units stay as given, with one warning each.
    let abroad = edited(
        t,
        "abroad",
        "organizations.csv",
        ",上海,上海,",
        ",日本,东京,",
    );
    let err = stderr(&run(&["validate", s(&abroad)], 0));
    assert!(err.contains(
        "organizations.csv: province '日本' is none of China's 34 province-level units: kept as given (1 row)"
    ), "{err}");
}
