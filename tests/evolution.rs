//! The yearly panel (`tables/evolution.csv`), `analyze --as-of` and `compare --by year`,
//! through the real binary: values worked out by hand on a small fixture, the cut equal to
//! a plain analysis of a copy filtered by hand, byte-identical output at any thread count.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{all_files, analyze, fixture, run, s, table};

/// `tests/fixtures/evolution`, and what each year of it holds (regions are provinces):
///
/// - a (江苏), b (江苏), c (上海), d (浙江), e (江苏), f (安徽, in nothing); chain ch1 =
///   s1, s2, s3; a and d cover s1, b s2, c s3, e nothing.
/// - k1 (suzhou, chain ch1, founded 2020-05, lead a): a with no join date (so from 2020),
///   b 2021 → left 2023-06 (counts 2021 and 2022), e twice — `2022,` and `2021-09,2022` —
///   merged to joined 2021-09 and no left (one row has none), so from 2021 on.
/// - k2 (yrd, chain ch1, no founded date, lead c): c from 2022, d 2022-03 → left 2024.
///   Active from 2022, its first counting membership.
/// - p1 (yrd, no consortium) 2021-03 → 2022: a, d; counts in 2021 and 2022.
/// - p2 (in k1, so suzhou) 2023 →: a, e.
/// - Years 2020 (k1's founding) to 2024 (d's leaving).
///
/// Year by year (ties of the projection among the group's organisations):
/// - 2020: k1 = {a}. Coverage of k1: s1 of 3 = 1/3. yrd has nothing.
/// - 2021: k1 = {a, b, e}, p1 = {a, d}: ties a-b, a-e, b-e, a-d (cross: a-d). `*`: 4 orgs,
///   4 ties of 6 pairs, share 1/4, coverage 2/3 (s1, s2). b and e new. suzhou = {a, b, e}:
///   3 ties, density 1, no cross tie. yrd = p1's {a, d}: 1 tie, cross, no consortium yet.
/// - 2022: + k2 = {c, d}: ties + c-d (cross); 5 orgs, 5 ties of 10, 2 cross; coverage k1 2/3,
///   k2 2/3 (s3, s1). c and d new. yrd = {c, d, a}: ties c-d, a-d, both cross, 2 of 3 pairs.
/// - 2023: b has left, p1 ended, p2 began: k1 = {a, e}, k2 = {c, d}, p2 = {a, e}: ties a-e,
///   c-d; coverage k1 1/3, k2 2/3, mean 1/2. One membership ended (b), p2's 2
///   participations new, p1's 2 ended.
/// - 2024: d has left: k2 = {c}; ties a-e only; coverage 1/3 and 1/3.
const EXPECTED: &str = "\
program,year,consortia,organizations,memberships,new_memberships,ties,cross_region_ties,cross_region_tie_share,density,mean_chain_coverage,largest_component,ended_memberships,projects,participations,new_participations,ended_participations
*,2020,1,1,1,1,0,0,,,0.3333333333333333,1,0,0,0,0,0
*,2021,1,4,3,2,4,1,0.25,0.6666666666666666,0.6666666666666666,4,0,1,2,2,0
*,2022,2,5,5,2,5,2,0.4,0.5,0.6666666666666666,5,0,1,2,0,0
*,2023,2,4,4,0,2,1,0.5,0.3333333333333333,0.5,2,1,1,2,2,2
*,2024,2,3,3,0,1,0,0,0.3333333333333333,0.3333333333333333,2,1,1,2,0,0
suzhou,2020,1,1,1,1,0,0,,,0.3333333333333333,1,0,0,0,0,0
suzhou,2021,1,3,3,2,3,0,0,1,0.6666666666666666,3,0,0,0,0,0
suzhou,2022,1,3,3,0,3,0,0,1,0.6666666666666666,3,0,0,0,0,0
suzhou,2023,1,2,2,0,1,0,0,1,0.3333333333333333,2,1,1,2,2,0
suzhou,2024,1,2,2,0,1,0,0,1,0.3333333333333333,2,0,1,2,0,0
yrd,2020,0,0,0,0,0,0,,,,0,0,0,0,0,0
yrd,2021,0,2,0,0,1,1,1,1,,2,0,1,2,2,0
yrd,2022,1,3,2,2,2,2,1,0.6666666666666666,0.6666666666666666,3,0,1,2,0,0
yrd,2023,1,2,2,0,1,1,1,1,0.6666666666666666,2,0,0,0,0,2
yrd,2024,1,1,1,0,0,0,,,0.3333333333333333,1,1,0,0,0,0
";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every table of an output folder (file name → bytes).
fn tables(out: &Path) -> BTreeMap<String, Vec<u8>> {
    all_files(&out.join("tables"))
}

/// Tables that differ between two output folders (by name), evolution.csv left out.
fn differing(a: &Path, b: &Path) -> Vec<String> {
    let (ta, tb) = (tables(a), tables(b));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "same tables"
    );
    ta.keys()
        .filter(|k| *k != "evolution.csv" && ta[*k] != tb[*k])
        .cloned()
        .collect()
}

/// Copy every CSV of `from` into `to`, emptying the `columns` named (any file).
fn copy_clearing(from: &Path, to: &Path, columns: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "csv") {
            continue;
        }
        let mut r = csv::Reader::from_path(&p).unwrap();
        let header = r.headers().unwrap().clone();
        let clear: Vec<bool> = header
            .iter()
            .map(|h| columns.contains(&h.trim().to_lowercase().as_str()))
            .collect();
        let mut w = csv::Writer::from_path(to.join(p.file_name().unwrap())).unwrap();
        w.write_record(&header).unwrap();
        for rec in r.records() {
            let rec = rec.unwrap();
            let row: Vec<&str> = rec
                .iter()
                .zip(&clear)
                .map(|(c, &x)| if x { "" } else { c })
                .collect();
            w.write_record(&row).unwrap();
        }
        w.flush().unwrap();
    }
}

/// `consortia generate` into `dir`.
fn generate(dir: &Path, extra: &[&str]) {
    let mut args = vec!["generate", "--out", s(dir)];
    args.extend_from_slice(extra);
    run(&args, 0);
}

fn summary(out: &Path) -> serde_json::Value {
    serde_json::from_str(&read(&out.join("summary.json"))).unwrap()
}

#[test]
fn fixture_panel_matches_values_worked_out_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("evolution"), &out, &[]);
    assert_eq!(read(&out.join("tables/evolution.csv")), EXPECTED);
    // The repeated membership of e merged, as the contract says, with a warning.
    let warnings = summary(&out)["warnings"].to_string();
    assert!(
        warnings.contains("repeated membership of 'e' in 'k1'"),
        "{warnings}"
    );
}

#[test]
fn as_of_the_latest_year_without_left_or_end_dates_is_the_plain_analysis() {
    let tmp = tempfile::tempdir().unwrap();
    let gen = tmp.path().join("gen");
    generate(&gen, &["--size", "small", "--seed", "11"]);
    for (name, source) in [("fixture", fixture("evolution")), ("generated", gen)] {
        let ds = tmp.path().join(format!("{name}-open"));
        copy_clearing(&source, &ds, &["left", "end"]);
        let plain = tmp.path().join(format!("{name}-plain"));
        analyze(&ds, &plain, &[]);
        let years: Vec<i32> = table(&plain.join("tables/evolution.csv"))
            .iter()
            .map(|r| r["year"].parse().unwrap())
            .collect();
        let latest = years.iter().max().unwrap().to_string();
        let cut = tmp.path().join(format!("{name}-cut"));
        analyze(&ds, &cut, &["--as-of", &latest]);
        let (a, b) = (tables(&plain), tables(&cut));
        assert_eq!(
            a.len(),
            12,
            "{name}: twelve tables (v1, compliance, evolution, v2 structure)"
        );
        for (file, bytes) in &a {
            assert!(bytes == &b[file], "{name} as of {latest}: {file} differs");
        }
        assert_eq!(
            summary(&cut)["parameters"]["as_of"],
            latest.parse::<i32>().unwrap()
        );
        assert_eq!(
            summary(&plain)["parameters"]["as_of"],
            serde_json::Value::Null
        );
    }
}

/// The fixture as it stood at the end of 2023, written by hand: b has left (and is in
/// nothing else, so it is gone), d is still in k2 (leaves in 2024), e's two rows are one,
/// p1 has ended, p2 has begun; f (in nothing) stays, as it does in every network.
fn fixture_as_of_2023(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let src = fixture("evolution");
    for f in ["chains.csv", "consortia.csv"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    let write = |f: &str, text: &str| std::fs::write(dir.join(f), text).unwrap();
    write(
        "organizations.csv",
        "org_id,name,type,province,city,name_en,tags,segments
a,甲科技股份有限公司,enterprise,江苏,苏州,Jia Tech,leader,s1
c,丙研究所,institute,上海,上海,Bing Institute,,s3
d,丁材料有限公司,enterprise,浙江,杭州,Ding Materials,,s1
e,戊企业,enterprise,江苏,苏州,Wu Enterprise,,
f,己公司,enterprise,安徽,合肥,Ji Company,,
",
    );
    write(
        "memberships.csv",
        "consortium_id,org_id,role,joined,left
k1,a,lead,,
k1,e,general,2021-09,
k2,c,lead,2022,
k2,d,,2022-03,2024
",
    );
    write(
        "projects.csv",
        "project_id,title,program,consortium_id,chain_id,segment_id,start,end,funding
p2,甲戊攻关任务,,k1,ch1,s2,2023,,300
",
    );
    write(
        "project_members.csv",
        "project_id,org_id,role
p2,a,lead
p2,e,participant
",
    );
}

#[test]
fn as_of_an_earlier_year_is_the_plain_analysis_of_a_copy_filtered_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let cut = tmp.path().join("cut");
    analyze(&fixture("evolution"), &cut, &["--as-of", "2023"]);
    let copy = tmp.path().join("evolution-2023");
    fixture_as_of_2023(&copy);
    let plain = tmp.path().join("plain");
    analyze(&copy, &plain, &[]);
    let diff = differing(&cut, &plain);
    assert!(diff.is_empty(), "tables differ: {diff:?}");
    // The panel of an --as-of run is the history through that year: the full dataset's
    // rows up to 2023 (the filtered copy has lost b's and p1's years).
    let through: String = EXPECTED
        .lines()
        .filter(|l| !l.contains(",2024,"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(read(&cut.join("tables/evolution.csv")), through);
    // The report and run.toml say so.
    let html = read(&cut.join("report.html"));
    assert!(html.contains("<title>evolution as of 2023</title>"));
    assert!(html.contains("Innovation-consortium network: evolution as of 2023"));
    let run_toml = read(&cut.join("run.toml"));
    assert!(run_toml.contains("--as-of 2023") && run_toml.contains("\nas_of = 2023\n"));
    // ... and batch reads it back.
    let plan = consortia::runfile::batch_config(
        Some(&cut.join("run.toml")),
        &[],
        Some(&tmp.path().join("again")),
        Some(1),
        true,
    )
    .unwrap();
    assert_eq!(plan.items[0].config.as_of, Some(2023));
}

#[test]
fn as_of_outside_a_sane_range_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    for year in ["1899", "2101", "twenty"] {
        let o = run(
            &[
                "analyze",
                s(&fixture("evolution")),
                "--out",
                s(&out),
                "--as-of",
                year,
            ],
            2,
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("as-of"), "{year}: {err}");
    }
    assert!(!out.exists());
    // Before the first date: a warning, and only what has no date.
    analyze(&fixture("evolution"), &out, &["--as-of", "2019"]);
    let w = summary(&out)["warnings"].to_string();
    assert!(
        w.contains("--as-of 2019 is before the earliest date in the data (2020)"),
        "{w}"
    );
    assert_eq!(
        read(&out.join("tables/evolution.csv")).lines().count(),
        1,
        "no year of the panel before 2020"
    );
}

#[test]
fn a_dataset_without_dates_has_an_empty_panel_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = tmp.path().join("undated");
    copy_clearing(
        &fixture("evolution"),
        &ds,
        &["founded", "joined", "left", "start", "end"],
    );
    let out = tmp.path().join("out");
    let o = analyze(&ds, &out, &[]);
    assert_eq!(
        read(&out.join("tables/evolution.csv")),
        EXPECTED.lines().next().unwrap().to_string() + "\n"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("no dates in founded, joined, left, start or end"),
        "{stderr}"
    );
    assert!(summary(&out)["warnings"]
        .to_string()
        .contains("no yearly panel"));
    assert!(!out.join("figures/evolution.svg").exists());
    assert!(read(&out.join("report.html")).contains("The data has no dates"));
}

#[test]
fn dates_in_the_wrong_order_are_errors_with_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = tmp.path().join("ds");
    copy_clearing(&fixture("evolution"), &ds, &[]);
    let edit = |f: &str, from: &str, to: &str| {
        let p = ds.join(f);
        let text = read(&p);
        assert!(text.contains(from), "{f}: {from}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "memberships.csv",
        "k1,b,core,2021,2023-06",
        "k1,b,core,2023-07,2023-06",
    );
    edit("memberships.csv", "k2,d,,2022-03,2024", "k2,d,,2025,2024");
    edit("projects.csv", "2021-03,2022", "2021-03,2020");
    // Not errors: the same year at two precisions, or the same day.
    edit(
        "memberships.csv",
        "k1,e,general,2022,",
        "k1,e,general,2022-05,2022",
    );
    let o = run(&["validate", s(&ds)], 1);
    let err = String::from_utf8_lossy(&o.stderr);
    for want in [
        "memberships.csv: line 3, column left: left 2023-06 is before joined 2023-07",
        "memberships.csv: line 7, column left: left 2024 is before joined 2025",
        "projects.csv: line 2, column end: end 2020 is before start 2021-03",
        "has 3 problems",
    ] {
        assert!(err.contains(want), "expected {want:?} in:\n{err}");
    }
}

#[test]
fn panel_and_cut_are_byte_identical_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = tmp.path().join("ds");
    generate(&ds, &["--size", "tiny", "--seed", "9", "--quirks"]);
    for extra in [&[][..], &["--as-of", "2023"][..]] {
        let outs: Vec<PathBuf> = ["1", "2"]
            .iter()
            .map(|t| {
                let out = tmp.path().join(format!("t{t}-{}", extra.len()));
                let mut args = vec!["--threads", t];
                args.extend_from_slice(extra);
                analyze(&ds, &out, &args);
                out
            })
            .collect();
        let (a, b) = (all_files(&outs[0]), all_files(&outs[1]));
        assert!(a.contains_key("tables/evolution.csv"));
        assert!(read(&outs[0].join("tables/evolution.csv")).lines().count() > 10);
        let diff: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
        assert!(diff.is_empty(), "{extra:?}: {diff:?}");
    }
}

#[test]
fn compare_by_year_puts_programmes_side_by_side_by_year_and_age() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = common::root().join("datasets/scenario-models");
    let out = tmp.path().join("cmp");
    run(
        &["compare", s(&scenario), "--by", "year", "--out", s(&out)],
        0,
    );
    let rows = table(&out.join("comparison_by_year.csv"));
    let row = |program: &str, year: &str| {
        rows.iter()
            .find(|r| r["program"] == program && r["year"] == year)
            .unwrap_or_else(|| panic!("{program} {year}"))
    };
    // Xiamen's first consortia were founded in 2022, the Yangtze-Delta's in 2024 (its joint
    // projects ran from 2022, before them: negative ages).
    assert_eq!(row("xiamen", "2022")["age"], "0");
    assert_eq!(row("xiamen", "2024")["age"], "2");
    assert_eq!(row("yrd", "2022")["age"], "-2");
    assert_eq!(row("yrd", "2024")["age"], "0");
    // The yearly columns are those of evolution.csv (regions = provinces, the default).
    let analysed = tmp.path().join("analysis");
    analyze(&scenario, &analysed, &[]);
    let panel = table(&analysed.join("tables/evolution.csv"));
    let mut compared = 0;
    for r in &rows {
        let p = panel
            .iter()
            .find(|p| p["program"] == r["program"] && p["year"] == r["year"])
            .unwrap();
        for (k, v) in p
            .iter()
            .filter(|(k, _)| !["program", "year"].contains(&k.as_str()))
        {
            assert_eq!(&r[k], v, "{} {} {k}", r["program"], r["year"]);
            compared += 1;
        }
    }
    assert!(compared > 200);
    for f in ["comparison_by_year", "comparison_by_age"] {
        assert!(out.join(format!("figures/{f}.svg")).exists(), "{f}");
    }
    let html = read(&out.join("comparison.html"));
    assert!(html.contains("<table id=\"comparison-by-year\""));
}

#[test]
fn scenario_report_shows_xiamen_growth_and_yangtze_delta_projects_from_2022() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&common::root().join("datasets/scenario-models"), &out, &[]);
    let html = read(&out.join("report.html"));
    let section = &html[html.find("The network over time").expect("the section")..];
    assert!(
        section.contains("grew from 17 members in 2022 to 26 in 2024"),
        "Xiamen's growing consortium"
    );
    assert!(section.contains("xm-s05"));
    assert!(section.contains("yrd: joint projects from 2022"));
    for f in ["evolution", "entries_exits", "consortium_growth"] {
        assert!(
            section.contains(&format!("id=\"fig-{f}\"")),
            "{f} in the section"
        );
        assert!(out.join(format!("figures/{f}.png")).exists());
    }
    // The figures' data: yrd participations start in 2022, xm-s05's members 17 → 26.
    let panel = table(&out.join("tables/evolution.csv"));
    let yrd: Vec<(&str, &str)> = panel
        .iter()
        .filter(|r| r["program"] == "yrd")
        .map(|r| (r["year"].as_str(), r["new_participations"].as_str()))
        .collect();
    assert_eq!(yrd[0], ("2022", "24"));
    let svg = read(&out.join("figures/consortium_growth.svg"));
    assert!(svg.contains("xm-s05 (xiamen): 17 → 26"));
}
