//! End-to-end tests: run the real `consortia` binary on fixture datasets and check the
//! files it writes and the messages it prints. Expected values in `tiny` are computed by
//! hand (see the comments); `messy` is the same data as GB18030/BOM/CRLF/padded cells with
//! hostile names, so its numbers must be identical.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The tiny dataset: ties a-b (k1 and p1: weight 2), a-d, b-d (k1), b-c (k2); e isolated.
#[test]
fn tiny_tables_match_hand_computed_values() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("tiny"), &out, &[]);
    let orgs = table(&out.join("tables/org_centrality.csv"));
    let ids: Vec<&str> = orgs.iter().map(|r| r["org_id"].as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    // (collaborations, degree, weighted_degree, betweenness, closeness, harmonic)
    let want = [
        ("a", 2.0, 2.0, 3.0, 0.0, 9.0 / 16.0, 2.5 / 4.0),
        // b is on the only shortest paths a-c and d-c: 2 pairs × 2/((5-1)(5-2)).
        ("b", 3.0, 3.0, 4.0, 1.0 / 3.0, 0.75, 0.75),
        // c: distances 1,2,2 → (3/5)·(3/4).
        ("c", 1.0, 1.0, 1.0, 0.0, 0.45, 0.5),
        ("d", 1.0, 2.0, 2.0, 0.0, 9.0 / 16.0, 2.5 / 4.0),
        ("e", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    ];
    for (row, w) in orgs.iter().zip(want) {
        assert_eq!(row["org_id"], w.0);
        assert_close(num(row, "collaborations"), w.1, "collaborations");
        assert_close(num(row, "degree"), w.2, "degree");
        assert_close(num(row, "weighted_degree"), w.3, "weighted_degree");
        assert_close(num(row, "betweenness"), w.4, "betweenness");
        assert_close(num(row, "closeness"), w.5, "closeness");
        assert_close(num(row, "harmonic"), w.6, "harmonic");
    }
    // The isolate is outside the dominant component: exactly 0.
    assert_eq!(orgs[4]["eigenvector"], "0");
    let pr_sum: f64 = orgs.iter().map(|r| num(r, "pagerank")).sum();
    assert_close(pr_sum, 1.0, "pagerank sums to 1");

    let cons = table(&out.join("tables/consortium_summary.csv"));
    assert_eq!(cons[0]["members"], "3");
    assert_eq!(cons[0]["lead_type"], "enterprise");
    assert_close(
        num(&cons[0], "enterprise_share"),
        2.0 / 3.0,
        "k1 enterprise_share",
    );
    // Home 江苏: only d (安徽) is non-local.
    assert_close(
        num(&cons[0], "non_local_share"),
        1.0 / 3.0,
        "k1 non_local_share",
    );
    // s1 (a, d) and s2 (a, b) covered, s3 not; the critical s1 covered.
    assert_close(
        num(&cons[0], "chain_coverage"),
        2.0 / 3.0,
        "k1 chain_coverage",
    );
    assert_eq!(cons[0]["critical_coverage"], "1");
    // k2 has no city: home is its lead c's 上海; b (江苏) is non-local. No chain: empty.
    assert_eq!(cons[1]["members"], "2");
    assert_eq!(cons[1]["non_local_share"], "0.5");
    assert_eq!(cons[1]["chain_coverage"], "");
    assert_eq!(cons[1]["critical_coverage"], "");

    let cov = table(&out.join("tables/chain_coverage.csv"));
    let got: Vec<(&str, &str, &str)> = cov
        .iter()
        .map(|r| {
            (
                r["segment_id"].as_str(),
                r["critical"].as_str(),
                r["members_covering"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("s1", "true", "2"),
            ("s2", "false", "2"),
            ("s3", "false", "0")
        ]
    );

    let regions = std::fs::read_to_string(out.join("tables/region_ties.csv")).unwrap();
    assert_eq!(
        regions,
        "region_a,region_b,ties,weight\n上海,江苏,1,1\n安徽,江苏,2,2\n江苏,江苏,1,2\n"
    );

    let progs = std::fs::read_to_string(out.join("tables/program_comparison.csv")).unwrap();
    let mut lines = progs.lines();
    assert!(lines.next().unwrap().starts_with(
        "program,consortia,organizations,memberships,mean_members,cross_region_tie_share,mean_chain_coverage,density"
    ));
    // suzhou: k1 and p1 (via its consortium): a, b, d; ties a-b, a-d, b-d; a-d, b-d cross.
    assert_eq!(
        lines.next().unwrap(),
        "suzhou,1,3,3,3,0.6666666666666666,0.6666666666666666,1,3,2"
    );
    assert_eq!(lines.next().unwrap(), "yrd,1,2,2,2,1,,1,1,1");

    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(
        summary["counts"]["memberships"], 5,
        "the lead c of k2 was added"
    );
    assert_eq!(summary["network"]["ties"], 4);
    assert_eq!(summary["network"]["components"], 2);
    assert_eq!(summary["network"]["largest_component"], 4);
    assert_eq!(summary["network"]["isolates"], 1);
    assert_eq!(summary["headline"]["cross_region_tie_share"], 0.75);
    assert_eq!(summary["headline"]["top_betweenness"][0]["org_id"], "b");
    assert_eq!(summary["parameters"]["region_level"], "province");
    let warnings = summary["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2);
    assert!(warnings[0]["message"]
        .as_str()
        .unwrap()
        .contains("unknown segment 's-unknown'"));
    assert!(warnings[1]["message"]
        .as_str()
        .unwrap()
        .contains("added as a lead member"));
}

#[test]
fn city_level_keeps_equal_city_names_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("tiny"), &out, &["--region-level", "city"]);
    let regions = std::fs::read_to_string(out.join("tables/region_ties.csv")).unwrap();
    // a (江苏/苏州) and d (安徽/苏州) share a city name but not a region.
    assert_eq!(
        regions,
        "region_a,region_b,ties,weight\n上海/上海,江苏/南京,1,1\n安徽/苏州,江苏/南京,1,1\n安徽/苏州,江苏/苏州,1,1\n江苏/南京,江苏/苏州,1,2\n"
    );
    let cons = table(&out.join("tables/consortium_summary.csv"));
    // Home 江苏/苏州: b (南京) and d (安徽/苏州) are non-local.
    assert_close(
        num(&cons[0], "non_local_share"),
        2.0 / 3.0,
        "k1 non_local_share at city level",
    );
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    assert!(summary.contains("\"cross_region_tie_share\": 1.0"));
    assert!(summary.contains("\"region_level\": \"city\""));
}

#[test]
fn messy_encodings_and_hostile_names_give_the_same_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let (clean, messy) = (tmp.path().join("clean"), tmp.path().join("messy"));
    analyze(&fixture("tiny"), &clean, &[]);
    analyze(&fixture("messy"), &messy, &[]);
    for t in [
        "org_centrality",
        "consortium_summary",
        "chain_coverage",
        "region_ties",
        "program_comparison",
    ] {
        let (a, b) = (
            table(&clean.join(format!("tables/{t}.csv"))),
            table(&messy.join(format!("tables/{t}.csv"))),
        );
        assert_eq!(a.len(), b.len(), "{t}");
        for (ra, rb) in a.iter().zip(&b) {
            for (col, va) in ra {
                if col != "name" {
                    assert_eq!(va, &rb[col], "{t}.{col}");
                }
            }
        }
    }
    let orgs = table(&messy.join("tables/org_centrality.csv"));
    assert_eq!(orgs[0]["name"], "<script>alert(\"x\")</script>甲,\"科技\"");
    assert_eq!(
        orgs[1]["name"], "'=HYPERLINK(\"http://evil\",\"乙\")",
        "formula neutralised"
    );
    assert_eq!(orgs[2]["name"], "'+丙 & <b>研究所</b>");
    assert_eq!(orgs[3]["name"], "'@丁\n材料", "multi-line quoted cell kept");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(messy.join("summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary["encodings"]["organizations.csv"], "gb18030");
    assert_eq!(summary["encodings"]["consortia.csv"], "utf-8-bom");
    assert_eq!(summary["encodings"]["chains.csv"], "gb18030");
    assert_eq!(summary["encodings"]["project_members.csv"], "utf-8");
}

#[test]
fn two_runs_are_byte_identical_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    for ds in ["tiny", "messy"] {
        let (a, b) = (
            tmp.path().join(format!("{ds}-a")),
            tmp.path().join(format!("{ds}-b")),
        );
        analyze(&fixture(ds), &a, &["--threads", "1"]);
        analyze(&fixture(ds), &b, &["--threads", "2"]);
        let (fa, fb) = (all_files(&a), all_files(&b));
        assert!(fa.len() >= 6);
        assert_eq!(
            fa.keys().collect::<Vec<_>>(),
            fb.keys().collect::<Vec<_>>(),
            "{ds}"
        );
        let differing: Vec<&String> = fa.keys().filter(|k| fa[*k] != fb[*k]).collect();
        assert!(
            differing.is_empty(),
            "{ds}: files differ between runs: {differing:?}"
        );
    }
}

#[test]
fn rerun_replaces_the_output_folder_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("stale.txt"), "old").unwrap();
    analyze(&fixture("tiny"), &out, &[]);
    assert!(!out.join("stale.txt").exists());
    assert!(out.join("summary.json").exists());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no staging folder left behind: {leftovers:?}"
    );
}

/// Copy the tiny fixture into a fresh folder, apply `edit`, and return the folder.
fn broken(tmp: &Path, edit: impl Fn(&Path)) -> PathBuf {
    let dir = tmp.join("ds");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(fixture("tiny")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    edit(&dir);
    dir
}

fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

fn append(dir: &Path, file: &str, line: &str) {
    let p = dir.join(file);
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str(line);
    std::fs::write(&p, text).unwrap();
}

/// Every kind of bad input: exit 1, each expected message (file, line, column), and the
/// output folder untouched — absent when it did not exist, unchanged when it did.
#[test]
fn bad_input_is_refused_with_file_line_and_column() {
    type Edit = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Edit, Vec<&str>)> = vec![
        ("missing file", Box::new(|d| std::fs::remove_file(d.join("memberships.csv")).unwrap()),
            vec!["memberships.csv: missing required file"]),
        ("missing column", Box::new(|d| replace(d, "organizations.csv", ",city,", ",town,")),
            vec!["organizations.csv: line 1, column city: missing required column"]),
        ("empty required field", Box::new(|d| replace(d, "organizations.csv", "乙大学", "")),
            vec!["organizations.csv: line 3, column name: empty required field"]),
        ("duplicate id", Box::new(|d| append(d, "organizations.csv", "a,重复,other,江苏,苏州,,,\n")),
            vec!["organizations.csv: line 7, column org_id: duplicate org_id 'a' (first on line 2)"]),
        ("dangling org", Box::new(|d| append(d, "memberships.csv", "k1,ghost,,,\n")),
            vec!["memberships.csv: line 6, column org_id: unknown organisation 'ghost'"]),
        ("dangling consortium", Box::new(|d| append(d, "memberships.csv", "k9,a,,,\n")),
            vec!["memberships.csv: line 6, column consortium_id: unknown consortium 'k9'"]),
        ("dangling project", Box::new(|d| append(d, "project_members.csv", "p9,a,\n")),
            vec!["project_members.csv: line 4, column project_id: unknown project 'p9'"]),
        ("unknown lead", Box::new(|d| replace(d, "consortia.csv", "suzhou,a,", "suzhou,zz,")),
            vec!["consortia.csv: line 2, column lead_org_id: unknown organisation 'zz'"]),
        ("unknown chain", Box::new(|d| replace(d, "consortia.csv", ",ch1,", ",ch9,")),
            vec!["consortia.csv: line 2, column chain_id: unknown chain 'ch9'"]),
        ("chain without chains.csv", Box::new(|d| std::fs::remove_file(d.join("chains.csv")).unwrap()),
            vec!["consortia.csv: line 2, column chain_id: unknown chain 'ch1': chains.csv is absent"]),
        ("members without projects", Box::new(|d| std::fs::remove_file(d.join("projects.csv")).unwrap()),
            vec!["project_members.csv: given without projects.csv"]),
        ("unknown enum", Box::new(|d| replace(d, "organizations.csv", "institute", "company")),
            vec!["organizations.csv: line 4, column type: unknown value 'company': expected one of enterprise"]),
        ("unknown role", Box::new(|d| replace(d, "memberships.csv", "core", "member")),
            vec!["memberships.csv: line 3, column role: unknown value 'member'"]),
        ("bad date", Box::new(|d| replace(d, "consortia.csv", "2022-07", "2022-13")),
            vec!["consortia.csv: line 2, column founded: bad date '2022-13': month 13 is not 01-12"]),
        ("left before joined", Box::new(|d| replace(d, "memberships.csv", "k1,b,core,2022-07-15,", "k1,b,core,2022-07-15,2022-07-01")),
            vec!["memberships.csv: line 3, column left: left 2022-07-01 is before joined 2022-07-15"]),
        ("end before start", Box::new(|d| replace(d, "projects.csv", "2023-01,2025-12", "2023-01,2022")),
            vec!["projects.csv: line 2, column end: end 2022 is before start 2023-01"]),
        ("bad number", Box::new(|d| replace(d, "projects.csv", "1200.5", "12k")),
            vec!["projects.csv: line 2, column funding: bad number '12k'"]),
        ("bad bool", Box::new(|d| replace(d, "chains.csv", "true", "yes")),
            vec!["chains.csv: line 2, column critical: unknown value 'yes': expected true or false"]),
        ("ragged row", Box::new(|d| replace(d, "memberships.csv", "k1,b,core,2022-07-15,", "k1,b,core,2022-07-15,,extra")),
            vec!["memberships.csv: line 3: malformed CSV: expected 5 fields as in the header, found 6"]),
        ("unterminated quote", Box::new(|d| replace(d, "organizations.csv", "丁材料有限公司", "\"丁材料有限公司")),
            vec!["organizations.csv: line 5: malformed CSV: a quoted field opened here is never closed"]),
        ("utf-16", Box::new(|d| {
            let text = std::fs::read_to_string(d.join("chains.csv")).unwrap();
            let mut b = vec![0xFF, 0xFE];
            text.encode_utf16().for_each(|u| b.extend_from_slice(&u.to_le_bytes()));
            std::fs::write(d.join("chains.csv"), b).unwrap();
        }), vec!["chains.csv: the file is UTF-16", "save it as \"CSV UTF-8\""]),
        ("binary garbage", Box::new(|d| std::fs::write(d.join("organizations.csv"), [0x81u8, 0x30, 0xFF, 0xFE, 0x00, 0x9F]).unwrap()),
            vec!["organizations.csv: "]),
        ("empty file", Box::new(|d| std::fs::write(d.join("projects.csv"), "").unwrap()),
            vec!["projects.csv: the file is empty"]),
        ("several problems at once", Box::new(|d| {
            replace(d, "organizations.csv", "institute", "company");
            append(d, "memberships.csv", "k1,ghost,,,\n");
            replace(d, "projects.csv", "1200.5", "12k");
        }), vec![
            "organizations.csv: line 4, column type",
            "memberships.csv: line 6, column org_id",
            "projects.csv: line 2, column funding",
            "has 3 problems",
        ]),
    ];
    for (what, edit, expected) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let ds = broken(tmp.path(), edit);
        let fresh = tmp.path().join("fresh-out");
        let out = run(
            &[
                "analyze",
                ds.to_str().unwrap(),
                "--out",
                fresh.to_str().unwrap(),
            ],
            1,
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        for e in &expected {
            assert!(stderr.contains(e), "{what}: expected {e:?} in:\n{stderr}");
        }
        assert!(!fresh.exists(), "{what}: output folder created");
        // An existing output folder is left exactly as it was.
        let kept = tmp.path().join("kept-out");
        std::fs::create_dir_all(&kept).unwrap();
        std::fs::write(kept.join("previous.txt"), "keep me").unwrap();
        run(
            &[
                "analyze",
                ds.to_str().unwrap(),
                "--out",
                kept.to_str().unwrap(),
            ],
            1,
        );
        assert_eq!(all_files(&kept).len(), 1, "{what}");
        assert_eq!(
            std::fs::read_to_string(kept.join("previous.txt")).unwrap(),
            "keep me"
        );
        let siblings = std::fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(
            siblings, 2,
            "{what}: nothing else written beside the dataset"
        );
        // validate agrees.
        run(&["validate", ds.to_str().unwrap()], 1);
    }
}

#[test]
fn validate_reports_what_was_loaded() {
    let out = run(&["validate", fixture("messy").to_str().unwrap()], 0);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "ok: 5 organisations, 2 consortia, 5 memberships, 1 projects (2 participations), 1 chains (3 segments); 2 warnings"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(
        "warning: consortia.csv: line 3, column lead_org_id: lead 'c' of 'k2' is missing"
    ));
}

#[test]
fn missing_dataset_folder_is_a_clear_error() {
    let out = run(&["validate", "/nonexistent/dataset"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a directory"));
}

#[test]
fn generate_is_deterministic_and_its_output_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let p = |name: &str| tmp.path().join(name);
    let gen = |out: &Path, seed: &str, quirks: bool| {
        let mut args = vec![
            "generate",
            "--size",
            "tiny",
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
        ];
        if quirks {
            args.push("--quirks");
        }
        run(&args, 0);
    };
    gen(&p("a"), "7", false);
    gen(&p("b"), "7", false);
    gen(&p("c"), "8", false);
    assert_eq!(
        all_files(&p("a")),
        all_files(&p("b")),
        "same seed, same bytes"
    );
    assert_ne!(
        all_files(&p("a"))["memberships.csv"],
        all_files(&p("c"))["memberships.csv"],
        "different seed, different data"
    );
    let out = run(&["validate", p("a").to_str().unwrap()], 0);
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("ok: 200 organisations, 16 consortia,")
    );

    gen(&p("q"), "7", true);
    analyze(&p("q"), &p("q-out"), &[]);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p("q-out").join("summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary["encodings"]["organizations.csv"], "gb18030");
    assert_eq!(summary["encodings"]["consortia.csv"], "utf-8-bom");
    assert_eq!(summary["counts"]["organizations"], 200);
    let warnings = summary["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["message"]
            .as_str()
            .unwrap()
            .contains("added as a lead member")),
        "quirks drop some lead memberships"
    );
}

#[test]
fn figures_exist_as_svg_and_png_and_escape_hostile_names() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("messy"), &out, &[]);
    for name in [
        "network_map",
        "two_mode",
        "centrality_ranking",
        "region_heatmap",
        "program_comparison",
        "degree_distribution",
        "evolution",
        "entries_exits",
        "consortium_growth",
    ] {
        let svg = std::fs::read_to_string(out.join(format!("figures/{name}.svg"))).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.contains("width=\"1600\""),
            "{name}.svg"
        );
        assert!(
            svg.contains("Noto Sans CJK SC, Source Han Sans SC"),
            "{name}.svg names the CSS font list"
        );
        let png = std::fs::read(out.join(format!("figures/{name}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}.png");
        // IHDR: width and height, big-endian, at bytes 16..24.
        assert_eq!(
            &png[16..24],
            &[0, 0, 0x06, 0x40, 0, 0, 0x03, 0xE8],
            "{name}.png is 1600x1000"
        );
    }
    let ranking = std::fs::read_to_string(out.join("figures/centrality_ranking.svg")).unwrap();
    assert!(
        ranking.contains("&lt;script&gt;"),
        "hostile name escaped in SVG"
    );
    assert!(!ranking.contains("<script"), "no live script element");
    assert!(ranking.contains("乙"), "Chinese text kept in SVG");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["figures"]["font"]["cjk"], true);
    assert_eq!(summary["figures"]["font"]["embedded"], true);
    // Ten figures (with the map of China), v2's community matrix, brokerage roles and
    // E-I index, and three of the network over time (the fixture has dates).
    assert_eq!(summary["figures"]["files"].as_array().unwrap().len(), 16);
    let map = std::fs::read_to_string(out.join("figures/region_map.svg")).unwrap();
    assert!(
        map.contains("江苏") && map.contains("黑龙江"),
        "tiles are labelled"
    );
    // Every chart also as PDF, its font embedded as a subset (a FontFile3 stream).
    for f in summary["figures"]["files"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap();
        let pdf = std::fs::read(out.join(format!("figures/{name}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{name}.pdf");
        let has = |what: &[u8]| pdf.windows(what.len()).any(|w| w == what);
        assert!(has(b"/FontFile3"), "{name}.pdf embeds its font");
        assert!(
            has(b"NotoSansCJKsc-Regular-Subset"),
            "{name}.pdf uses the embedded font"
        );
    }
}

#[test]
fn report_is_self_contained_escaped_and_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("messy"), &out, &[]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Nothing from outside: no http(s) URL loaded, a CSP that forbids it anyway.
    assert!(html.contains("default-src 'none'; img-src data:"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    // Every figure inlined as a data URI, with its caption (16, three over time).
    assert_eq!(html.matches("<img alt=").count(), 16);
    assert_eq!(html.matches("src=\"data:image/png;base64,").count(), 16);
    assert!(html.contains("id=\"fig-region_map\""));
    assert!(html.contains("normalised by 2/((n-1)(n-2))"));
    // Hostile names escaped; the page's own scripts (sigma/graphology, the explorer, the
    // tables) and the explorer's JSON block are the only ones, and the data cannot close
    // the JSON block (`<` is written as \u003c there).
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert_eq!(html.matches("<script").count(), 4);
    let data = html
        .split("<script type=\"application/json\" id=\"network-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("explorer data block");
    assert!(
        !data.contains('<') && data.contains("\\u003cscript>alert"),
        "{data}"
    );
    assert!(
        html.contains("=HYPERLINK(&quot;http://evil&quot;"),
        "HTML shows the name as given, escaped"
    );
    // The tables, sortable, with a search box on the organisation table.
    for id in [
        "org-centrality",
        "consortium-summary",
        "program-comparison",
        "region-ties",
        "chain-coverage",
        "compliance",
        "evolution",
        "org-structure",
        "communities",
        "ei-index",
        "two-mode-centrality",
        "gap-partners",
    ] {
        assert!(
            html.contains(&format!("<table id=\"{id}\" class=\"sortable\">")),
            "{id}"
        );
    }
    assert!(html.contains("<input type=\"search\" class=\"filter\" data-table=\"org-centrality\""));
    // Organisations, consortia, programmes, region pairs, chain segments, and the two
    // shipped yrd rules checked on k2; the yearly panel (*, suzhou, yrd × 2022–2025); then
    // v2: organisations, 2 communities, E-I rows (program *, multiple, none, suzhou, yrd;
    // region *, 上海, 安徽, 江苏; type *, enterprise, institute, university), 8 two-mode
    // nodes, no gap partner.
    assert_eq!(
        html.matches("<tr><td>").count(),
        5 + 2 + 2 + 3 + 3 + 2 + 3 * 4 + 5 + 2 + 13 + 8
    );
    assert!(html.contains("<h2>网络结构 Network structure</h2>"));
    assert!(html.contains("resolution γ = 1 (--resolution), seed 1 (--seed)"));
    assert!(html.contains("Method: 2000 permutations (--permutations)"));
}

/// Open the report in headless Chromium (Debian's `chromium`, or `$CHROMIUM`): it must load
/// with no console message at all (no script error, no CSP violation, nothing fetched,
/// no WebGL warning), its screenshot must show the page, and a scripted search of the
/// interactive network must find (and highlight) the organisation searched for. CI
/// installs Chromium and sets CI=true, so there this test cannot pass by skipping.
#[test]
fn report_opens_in_headless_chromium_without_console_errors() {
    let browser = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    if !Path::new(&browser).exists() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must install chromium for the report check"
        );
        eprintln!("skipped: no {browser} (set CHROMIUM or install Debian's chromium)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("messy"), &out, &[]);
    // WebGL on SwiftShader, without --disable-gpu: that flag makes Chromium read each WebGL
    // canvas back and log "GPU stall due to ReadPixels" (see assets/js/README.md).
    let open = |run: &str, last: &[String]| {
        let result = Command::new(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1280,2000",
                "--virtual-time-budget=5000",
            ])
            .arg(format!(
                "--user-data-dir={}",
                tmp.path().join(format!("profile-{run}")).display()
            ))
            .args(last)
            .output()
            .expect("chromium runs");
        let log = String::from_utf8_lossy(&result.stderr).into_owned();
        let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(result.status.success(), "chromium failed:\n{log}");
        assert!(
            console.is_empty(),
            "console messages:\n{}",
            console.join("\n")
        );
        String::from_utf8_lossy(&result.stdout).into_owned()
    };
    let page = format!("file://{}", out.join("report.html").display());
    let shot = tmp.path().join("shot.png");
    open(
        "shot",
        &[format!("--screenshot={}", shot.display()), page.clone()],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.len() > 50_000,
        "screenshot too small to show the figures: {} bytes",
        png.len()
    );
    // #search= runs the view's search after load; the page marks what it found.
    for (query, found) in [
        ("HYPERLINK", "b"),
        ("%3Cscript%3E", "a"),
        ("nobody-here", "none"),
    ] {
        let dom = open(
            query,
            &["--dump-dom".to_string(), format!("{page}#search={query}")],
        );
        assert!(
            dom.contains("data-explorer-ready=\"true\""),
            "{query}: not ready"
        );
        assert!(
            dom.contains(&format!("data-explorer-found=\"{found}\"")),
            "{query}: expected {found}"
        );
        assert!(!dom.contains("<img src=x"), "no markup from the data");
    }
}

#[test]
fn print_size_and_colouring_options() {
    let tmp = tempfile::tempdir().unwrap();
    let png_size = |dir: &Path, name: &str| {
        let png = std::fs::read(dir.join(format!("figures/{name}.png"))).unwrap();
        (
            u32::from_be_bytes(png[16..20].try_into().unwrap()),
            u32::from_be_bytes(png[20..24].try_into().unwrap()),
        )
    };
    // 300 dpi at 16 cm: round(300 × 16 / 2.54) = 1890 px wide, 10/16 as high.
    let a = tmp.path().join("a");
    analyze(
        &fixture("tiny"),
        &a,
        &["--dpi", "300", "--color-by", "program"],
    );
    assert_eq!(png_size(&a, "network_map"), (1890, 1181));
    assert_eq!(png_size(&a, "region_heatmap"), (1890, 1181));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(a.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["parameters"]["color_by"], "program");
    assert_eq!(summary["parameters"]["figure_width"], 1890);
    let caption = summary["figures"]["files"][0]["caption"].as_str().unwrap();
    assert!(
        caption.contains("programme of the organisation's collaborations"),
        "{caption}"
    );
    let svg = std::fs::read_to_string(a.join("figures/network_map.svg")).unwrap();
    assert!(
        svg.contains("suzhou") && svg.contains("多个 multiple"),
        "programme legend (b is in suzhou and yrd)"
    );
    // --width, and region colouring, deterministic.
    let (b, c) = (tmp.path().join("b"), tmp.path().join("c"));
    analyze(
        &fixture("tiny"),
        &b,
        &["--width", "800", "--color-by", "region"],
    );
    analyze(
        &fixture("tiny"),
        &c,
        &["--width", "800", "--color-by", "region"],
    );
    assert_eq!(png_size(&b, "two_mode"), (800, 500));
    assert_eq!(all_files(&b), all_files(&c));
    // Both at once is a usage error.
    let tiny = fixture("tiny");
    run(
        &[
            "analyze",
            tiny.to_str().unwrap(),
            "--out",
            c.to_str().unwrap(),
            "--dpi",
            "300",
            "--width",
            "900",
        ],
        2,
    );
}

#[test]
fn generated_presets_analyse_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    for size in ["tiny", "small"] {
        let ds = tmp.path().join(size);
        run(
            &[
                "generate",
                "--size",
                size,
                "--seed",
                "3",
                "--out",
                ds.to_str().unwrap(),
            ],
            0,
        );
        let out = tmp.path().join(format!("{size}-out"));
        analyze(&ds, &out, &[]);
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap())
                .unwrap();
        let want = if size == "tiny" { 200 } else { 2000 };
        assert_eq!(summary["counts"]["organizations"], want);
        assert!(summary["network"]["ties"].as_u64().unwrap() > 0);
        assert_eq!(summary["convergence"]["eigenvector"]["converged"], true);
        assert_eq!(summary["convergence"]["pagerank"]["converged"], true);
    }
}

#[test]
fn sampled_betweenness_is_within_its_bound_and_says_so() {
    // A generated network (600 organisations): the sampled run's betweenness is within the
    // bound it reports of the exact run's, closeness and harmonic are the same numbers,
    // summary.json and the report say how betweenness was computed, and the sample does
    // not depend on the thread count.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    run(
        &[
            "generate",
            "--orgs",
            "600",
            "--consortia",
            "40",
            "--projects",
            "60",
            "--seed",
            "4",
            "--out",
            data.to_str().unwrap(),
        ],
        0,
    );
    let exact = tmp.path().join("exact");
    analyze(&data, &exact, &["--betweenness", "exact"]);
    let sampled = tmp.path().join("sampled");
    let flags = [
        "--betweenness",
        "approx",
        "--epsilon",
        "0.03",
        "--seed",
        "7",
    ];
    analyze(&data, &sampled, &flags);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sampled.join("summary.json")).unwrap()).unwrap();
    let p = &summary["parameters"];
    assert_eq!(p["betweenness"], "approx");
    assert_eq!(p["betweenness_approx"]["epsilon"], 0.03);
    assert_eq!(p["betweenness_approx"]["seed"], 7);
    let bound = p["betweenness_approx"]["error_bound"].as_f64().unwrap();
    assert!(
        (bound - 0.03 * 600.0 / 598.0).abs() < 1e-12,
        "bound {bound}"
    );
    let a = table(&exact.join("tables/org_centrality.csv"));
    let b = table(&sampled.join("tables/org_centrality.csv"));
    let mut worst: f64 = 0.0;
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x["org_id"], y["org_id"]);
        assert_eq!(x["closeness"], y["closeness"]);
        assert_eq!(x["harmonic"], y["harmonic"]);
        worst = worst.max((num(x, "betweenness") - num(y, "betweenness")).abs());
    }
    assert!(worst <= bound, "worst error {worst} > bound {bound}");
    assert!(worst > 0.0, "a sample is not the exact value");
    let report = std::fs::read_to_string(sampled.join("report.html")).unwrap();
    assert!(
        report.contains("Betweenness is sampled"),
        "the report says so"
    );
    let exact_report = std::fs::read_to_string(exact.join("report.html")).unwrap();
    assert!(exact_report.contains("Betweenness is exact"));
    let again = tmp.path().join("again");
    let mut one_thread = flags.to_vec();
    one_thread.extend(["--threads", "1"]);
    analyze(&data, &again, &one_thread);
    assert_eq!(
        std::fs::read(sampled.join("tables/org_centrality.csv")).unwrap(),
        std::fs::read(again.join("tables/org_centrality.csv")).unwrap()
    );
}

/// exports/: every format written, every organisation and tie in the organisation network,
/// hostile names escaped for XML and quoted for Pajek (the real readers — NetworkX, igraph,
/// graphology — open these files in scripts/crosscheck/exports_ci.sh, run by .ci/run).
#[test]
fn exports_hold_every_organisation_and_escape_names() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("messy"), &out, &[]);
    let read = |f: &str| std::fs::read_to_string(out.join("exports").join(f)).unwrap();
    for f in [
        "network.gexf",
        "network.graphml",
        "network.net",
        "regions.clu",
        "vosviewer_map.txt",
        "vosviewer_network.txt",
        "vosviewer.json",
        "two_mode.gexf",
    ] {
        assert!(out.join("exports").join(f).is_file(), "{f}");
    }
    let gexf = read("network.gexf");
    // Five organisations, four ties (a-b weight 2, a-d, b-d, b-c), as in tables/.
    assert_eq!(gexf.matches("<node ").count(), 5);
    assert_eq!(gexf.matches("<edge ").count(), 4);
    assert!(gexf.contains("weight=\"2\""));
    assert!(gexf.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(!gexf.contains("<script"));
    assert!(gexf.contains("title=\"betweenness\" type=\"double\""));
    assert!(gexf.contains("title=\"degree\" type=\"integer\""));
    let net = read("network.net");
    assert!(net.starts_with("*Vertices 5"), "{net}");
    // Pajek cannot escape a double quote inside a label: it becomes '.
    assert!(
        net.contains("2 \"=HYPERLINK('http://evil','乙')\""),
        "{net}"
    );
    let two = read("two_mode.gexf");
    // 5 organisations + 2 consortia + 1 project; 4 + 2 + ... memberships as in the network.
    assert_eq!(two.matches("<node ").count(), 8);
}

/// One collaboration listing 20,000 members makes a 200-million-tie projection. It is not
/// built: every v1 table comes from the incidence lists and the two-mode traversal, with
/// values worked out by hand; the measures that walk the projection are left out with a
/// warning naming the collaboration, and their tables are not written (the E-I index,
/// counted through the incidence lists, is).
///
/// `all` lists o0 … o19999; k1 = {o0, o1, o2} (so those three pairs have weight 2);
/// k2 = {o0, o20001}; o20000 belongs to nothing. Ties: C(20000, 2) + 1 = 199,990,001.
#[test]
fn a_giant_collaboration_is_analysed_without_its_projection() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("giant");
    std::fs::create_dir(&dir).unwrap();
    let n = 20_000;
    let mut orgs = String::from("org_id,name,type,province,city\n");
    let mut members = String::from("consortium_id,org_id,role\n");
    for i in 0..n + 2 {
        let province = if i == n + 1 { "浙江" } else { "江苏" };
        orgs.push_str(&format!("o{i},机构{i},enterprise,{province},苏州\n"));
    }
    for i in 0..n {
        members.push_str(&format!("all,o{i},general\n"));
    }
    members.push_str("k1,o0,lead\nk1,o1,general\nk1,o2,general\nk2,o0,lead\nk2,o20001,general\n");
    std::fs::write(dir.join("organizations.csv"), orgs).unwrap();
    std::fs::write(dir.join("memberships.csv"), members).unwrap();
    std::fs::write(
        dir.join("consortia.csv"),
        "consortium_id,name,program,lead_org_id\nall,全体成员联盟,national,o0\n\
         k1,小联合体,suzhou,o0\nk2,跨省联合体,yrd,o0\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = run(&["analyze", s(&dir), "--out", s(&out)], 0);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the largest collaboration, consortium 'all', has 20000 members"),
        "{err}"
    );
    assert!(!out.join("tables/org_structure.csv").exists());
    assert!(!out.join("tables/communities.csv").exists());
    // The E-I index counts through the incidence lists: by region, the 20,000 members of
    // `all` (江苏, pairs of k1 inside them) against k2's one tie to 浙江.
    let ei = table(&out.join("tables/ei_index.csv"));
    let whole = ei
        .iter()
        .find(|r| r["grouping"] == "region" && r["group"] == "*")
        .unwrap();
    assert_eq!(whole["internal_ties"], "199990000");
    assert_eq!(whole["external_ties"], "1");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let net = &summary["network"];
    assert_eq!(net["ties"], 199_990_001u64);
    assert_eq!(net["components"], 2);
    assert_eq!(net["largest_component"], 20_001);
    assert_eq!(net["isolates"], 1);
    let rows = table(&out.join("tables/org_centrality.csv"));
    let row = |id: &str| rows.iter().find(|r| r["org_id"] == id).unwrap();
    assert_eq!(row("o0")["degree"], "20000");
    assert_eq!(row("o0")["weighted_degree"], "20002");
    assert_eq!(row("o1")["degree"], "19999");
    assert_eq!(row("o1")["weighted_degree"], "20001");
    assert_eq!(row("o5")["weighted_degree"], "19999");
    assert_eq!(row("o20001")["degree"], "1");
    assert_eq!(row("o20000")["degree"], "0");
    // o0 lies on the only shortest path from o20001 to each of the other 19,999 members:
    // 19,999 pairs over C(n−1, 2) with n = 20,002.
    assert_close(
        num(row("o0"), "betweenness"),
        19_999.0 / 200_010_000.0,
        "o0",
    );
    assert_eq!(num(row("o1"), "betweenness"), 0.0);
    // o1 reaches 19,999 members at distance 1 and o20001 at 2: Σd = 20,001 over 20,000
    // reached, times 20,000/20,001 (Wasserman–Faust).
    assert_close(
        num(row("o1"), "closeness"),
        (20_000.0 / 20_001.0) * (20_000.0 / 20_001.0),
        "o1",
    );
    // Region ties: the one tie across provinces is o0–o20001 (江苏–浙江).
    let regions = table(&out.join("tables/region_ties.csv"));
    let cross: Vec<_> = regions
        .iter()
        .filter(|r| r["region_a"] != r["region_b"])
        .collect();
    assert_eq!(cross.len(), 1);
    assert_eq!(cross[0]["ties"], "1");
    let inside = regions.iter().find(|r| r["region_a"] == "江苏").unwrap();
    assert_eq!(inside["ties"], "199990000");
    // Weight: every pair once per shared collaboration (three pairs share k1 too).
    assert_eq!(inside["weight"], "199990003");
}

/// `generate --connected` puts every organisation into one component; `--giant-collaboration
/// N` adds one consortium listing N organisations; the default shape is unchanged by them.
#[test]
fn generated_shapes_connected_and_with_a_giant_collaboration() {
    let tmp = tempfile::tempdir().unwrap();
    let gen = |name: &str, extra: &[&str]| {
        let dir = tmp.path().join(name);
        let mut args = vec![
            "generate",
            "--size",
            "tiny",
            "--seed",
            "9",
            "--out",
            s(&dir),
        ];
        args.extend_from_slice(extra);
        run(&args, 0);
        dir
    };
    let plain = gen("plain", &[]);
    let connected = gen("connected", &["--connected"]);
    let giant = gen("giant", &["--giant-collaboration", "120"]);
    let components = |dir: &Path| {
        let out = dir.with_extension("out");
        analyze(dir, &out, &["--quiet"]);
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
        v["network"]["components"].as_u64().unwrap()
    };
    assert!(components(&plain) > 1);
    assert_eq!(components(&connected), 1);
    let members = table(&giant.join("memberships.csv"));
    assert_eq!(
        members
            .iter()
            .filter(|r| r["consortium_id"] == "c-giant")
            .count(),
        120
    );
    // Organisations, chains and the other consortia are drawn as before.
    for f in ["organizations.csv", "chains.csv"] {
        assert_eq!(
            std::fs::read(plain.join(f)).unwrap(),
            std::fs::read(giant.join(f)).unwrap(),
            "{f}"
        );
    }
    run(
        &[
            "generate",
            "--size",
            "tiny",
            "--giant-collaboration",
            "201",
            "--out",
            s(&tmp.path().join("x")),
        ],
        2,
    );
}

/// `--projection-budget 0` never builds the projection: every v1 table is counted through
/// the organisation–collaboration lists and equals the default run's (integers exactly,
/// eigenvector and PageRank to rounding), and so does the E-I table; the tables that walk
/// the adjacency are not written, and run.toml records the option.
#[test]
fn without_the_projection_the_v1_tables_are_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let data = root().join("datasets/scenario-models");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    analyze(&data, &a, &[]);
    let o = analyze(&data, &b, &["--projection-budget", "0"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--projection-budget"));
    for t in [
        "region_ties.csv",
        "program_comparison.csv",
        "chain_coverage.csv",
        "evolution.csv",
        "two_mode_centrality.csv",
        "gap_partners.csv",
        "compliance.csv",
        "ei_index.csv",
    ] {
        assert_eq!(
            std::fs::read(a.join("tables").join(t)).unwrap(),
            std::fs::read(b.join("tables").join(t)).unwrap(),
            "{t}"
        );
    }
    let (ra, rb) = (
        table(&a.join("tables/org_centrality.csv")),
        table(&b.join("tables/org_centrality.csv")),
    );
    assert_eq!(ra.len(), rb.len());
    for (x, y) in ra.iter().zip(&rb) {
        for col in [
            "degree",
            "weighted_degree",
            "collaborations",
            "closeness",
            "harmonic",
        ] {
            assert_eq!(x[col], y[col], "{col} of {}", x["org_id"]);
        }
        for col in ["betweenness", "eigenvector", "pagerank"] {
            assert_close(num(y, col), num(x, col), col);
        }
    }
    for t in ["org_structure.csv", "communities.csv"] {
        assert!(a.join("tables").join(t).exists() && !b.join("tables").join(t).exists());
    }
    let run_toml = std::fs::read_to_string(b.join("run.toml")).unwrap();
    assert!(run_toml.contains("projection_budget = 0"), "{run_toml}");
}
