//! End-to-end tests of `check`, `compare` and `batch`: hand-computed values on the `tiny`
//! fixture, agreement with the per-dataset tables of `analyze`, and a batch with a broken
//! dataset among good ones.

mod common;

use common::*;

#[test]
fn check_applies_each_rule_with_hand_computed_outcomes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("check");
    let rules = fixture("rules/tiny.toml");
    let o = run(
        &[
            "check",
            s(&fixture("tiny")),
            "--rules",
            s(&rules),
            "--out",
            s(&out),
        ],
        0,
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains(
            "suzhou: 8 checks on consortium+project — 5 passed, 3 failed, 0 undetermined"
        ),
        "{text}"
    );
    let rows = table(&out.join("tables/compliance.csv"));
    let got: Vec<(&str, &str, &str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["unit_id"].as_str(),
                r["rule"].as_str(),
                r["value"].as_str(),
                r["required"].as_str(),
                r["pass"].as_str(),
                r["detail"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // k1: members a, b, d; enterprises a, d; lead a; a covers s1 (up), s2 (mid).
            ("k1", "members>=3", "3", ">= 3", "true", ""),
            ("k1", "enterprises>=3", "2", ">= 3 enterprise", "false", ""),
            ("k1", "lead", "enterprise", "enterprise", "true", "a"),
            (
                "k1",
                "up+mid",
                "2",
                "2 of upstream|midstream",
                "true",
                "upstream;midstream"
            ),
            // p1: participants a (lead), b.
            ("p1", "members>=3", "2", ">= 3", "false", ""),
            ("p1", "enterprises>=3", "1", ">= 3 enterprise", "false", ""),
            ("p1", "lead", "enterprise", "enterprise", "true", "a"),
            (
                "p1",
                "up+mid",
                "2",
                "2 of upstream|midstream",
                "true",
                "upstream;midstream"
            ),
            // k2: b in 江苏, c in 上海; no enterprise member, so the stage rule is undecidable.
            (
                "k2",
                "provinces>=2",
                "2",
                ">= 2 of 上海|江苏|浙江|安徽",
                "true",
                "上海;江苏"
            ),
            ("k2", "up+down", "0", "2 of upstream|downstream", "", ""),
        ]
    );
    assert!(out.join("figures/compliance.svg").is_file());
    assert!(out.join("figures/compliance.png").is_file());
    // --strict turns failures into exit status 4.
    let o = run(
        &[
            "check",
            s(&fixture("tiny")),
            "--rules",
            s(&rules),
            "--strict",
        ],
        4,
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("3 programme-rule checks failed"));
    // A broken rules file is a configuration error (exit 2) naming every problem.
    let bad = tmp.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[ruleset]]\nprogram = \"x\"\n[[ruleset.rule]]\nid = \"a\"\nkind = \"min_members\"\n\
         [[ruleset.rule]]\nid = \"b\"\nkind = \"lead_type\"\ntypes = [\"firm\"]\n",
    )
    .unwrap();
    let o = run(&["check", s(&fixture("tiny")), "--rules", s(&bad)], 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("has 2 problems"), "{err}");
    assert!(err.contains("kind \"min_members\" needs min"), "{err}");
    assert!(err.contains("unknown type \"firm\""), "{err}");
}

#[test]
fn analyze_reports_compliance_with_the_shipped_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(
        &[
            "analyze",
            s(&root().join("datasets/public-record")),
            "--out",
            s(&out),
        ],
        0,
    );
    let rows = table(&out.join("tables/compliance.csv"));
    // xm-metaverse lists 4 of its 26 stated members: the record is partial, so ≥ 7 members
    // is undetermined, not failed; and no check of the public record fails.
    let m = rows
        .iter()
        .find(|r| r["unit_id"] == "xm-metaverse" && r["rule"] == "members>=7")
        .expect("xiamen rule checked");
    assert_eq!(
        (
            m["value"].as_str(),
            m["pass"].as_str(),
            m["detail"].as_str()
        ),
        ("4", "", "26 stated, 4 listed")
    );
    assert!(rows.iter().all(|r| r["pass"] != "false"));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["parameters"]["rules"], "default");
    assert_eq!(summary["compliance"][0]["program"], "xiamen");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("规则符合性 Programme rules"));
    let run_toml = std::fs::read_to_string(out.join("run.toml")).unwrap();
    assert!(
        run_toml.contains("region_level = \"province\""),
        "{run_toml}"
    );
    assert!(run_toml.contains("# organizations.csv: "), "{run_toml}");
}

#[test]
fn compare_tiny_by_programme_and_by_dataset_matches_hand_computed_values() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    run(&["compare", s(&fixture("tiny")), "--out", s(&out)], 0);
    let rows = table(&out.join("comparison.csv"));
    assert_eq!(rows.len(), 2);
    let (sz, yrd) = (&rows[0], &rows[1]);
    assert_eq!(sz["group"], "suzhou");
    // suzhou: k1 {a, b, d} and its project p1 {a, b}; ties a-b, a-d, b-d.
    for (col, want) in [
        ("consortia", 1.0),
        ("organizations", 3.0),
        ("memberships", 3.0),
        ("mean_members", 3.0),
        ("median_members", 3.0),
        ("enterprise_led_share", 1.0),
        ("member_share_enterprise", 2.0 / 3.0),
        ("member_share_university", 1.0 / 3.0),
        ("member_share_institute", 0.0),
        ("member_share_other", 0.0),
        ("core_share", 1.0 / 3.0),
        ("general_share", 1.0 / 3.0),
        // d (安徽) is outside k1's province 江苏.
        ("non_local_share", 1.0 / 3.0),
        // a-d and b-d cross provinces; all three cross province/city.
        ("cross_region_tie_share_province", 2.0 / 3.0),
        ("cross_region_tie_share_city", 1.0),
        ("mean_chain_coverage", 2.0 / 3.0),
        ("consortia_with_chain", 1.0),
        ("mean_critical_coverage", 1.0),
        ("ties", 3.0),
        ("density", 1.0),
        ("degree_centralization", 0.0),
        // b is also in k2.
        ("multi_consortium_share", 1.0 / 3.0),
        // Active memberships: 2 at the end of 2022 (a, b), 3 at the end of 2023 (+ d).
        ("growth_per_year", 1.0),
        ("growth_from", 2022.0),
        ("growth_to", 2023.0),
    ] {
        assert_close(num(sz, col), want, &format!("suzhou {col}"));
    }
    // One consortium: a mean, but no interval, and the few-consortia flag.
    assert_eq!(sz["mean_members_low"], "");
    assert_eq!(sz["few_consortia"], "true");
    // yrd: k2 {b, c (added lead)}; one tie b-c across 江苏/上海; no chain; one join year.
    for (col, want) in [
        ("organizations", 2.0),
        ("enterprise_led_share", 0.0),
        ("member_share_university", 0.5),
        ("member_share_institute", 0.5),
        ("core_share", 0.0),
        ("general_share", 0.5),
        ("non_local_share", 0.5),
        ("cross_region_tie_share_province", 1.0),
        ("density", 1.0),
        ("multi_consortium_share", 0.5),
        ("consortia_with_chain", 0.0),
    ] {
        assert_close(num(yrd, col), want, &format!("yrd {col}"));
    }
    for col in [
        "mean_chain_coverage",
        "degree_centralization",
        "growth_per_year",
    ] {
        assert_eq!(yrd[col], "", "yrd {col} is undefined");
    }

    let out = tmp.path().join("cmp-ds");
    run(
        &[
            "compare",
            s(&fixture("tiny")),
            "--by",
            "dataset",
            "--out",
            s(&out),
        ],
        0,
    );
    let rows = table(&out.join("comparison.csv"));
    assert_eq!(rows.len(), 1);
    let d = &rows[0];
    assert_eq!(d["group"], "tiny");
    // All 5 organisations (e is an isolate); ties a-b, a-d, b-d, b-c.
    for (col, want) in [
        ("organizations", 5.0),
        ("consortia", 2.0),
        ("memberships", 5.0),
        ("mean_members", 2.5),
        ("ties", 4.0),
        ("density", 0.4),
        // Degrees 2, 3, 1, 2, 0: Σ(3 − d) = 7 over (4·3).
        ("degree_centralization", 7.0 / 12.0),
        ("multi_consortium_share", 0.2),
        // Resampling {3, 2}: the means 2, 2.5 and 3 have chances 1/4, 1/2, 1/4.
        ("mean_members_low", 2.0),
        ("mean_members_high", 3.0),
    ] {
        assert_close(num(d, col), want, &format!("dataset {col}"));
    }
    for f in [
        "comparison.html",
        "figures/comparison_indicators.svg",
        "figures/comparison_indicators.png",
        "figures/comparison_member_mix.svg",
        "figures/comparison_member_mix.png",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
}

#[test]
fn compare_agrees_with_the_tables_of_analyze_and_is_reproducible() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = root().join("datasets/scenario-models");
    let pr = root().join("datasets/public-record");
    let out = tmp.path().join("cmp");
    run(&["compare", s(&ds), s(&pr), "--out", s(&out)], 0);
    let rows = table(&out.join("comparison.csv"));
    for (dataset, level) in [(&ds, "province"), (&pr, "province"), (&ds, "city")] {
        let a = tmp.path().join(format!("a-{level}"));
        let _ = std::fs::remove_dir_all(&a);
        run(
            &[
                "analyze",
                s(dataset),
                "--out",
                s(&a),
                "--region-level",
                level,
            ],
            0,
        );
        let name = dataset.file_name().unwrap().to_str().unwrap();
        let programs = table(&a.join("tables/program_comparison.csv"));
        let summaries = table(&a.join("tables/consortium_summary.csv"));
        for p in &programs {
            let group = format!("{name}/{}", p["program"]);
            let c = rows
                .iter()
                .find(|r| r["group"] == group)
                .unwrap_or_else(|| panic!("{group} compared"));
            let share = format!("cross_region_tie_share_{level}");
            assert_eq!(c[&share], p["cross_region_tie_share"], "{group} {share}");
            if level == "province" {
                for col in [
                    "consortia",
                    "organizations",
                    "memberships",
                    "mean_members",
                    "mean_chain_coverage",
                    "density",
                ] {
                    if c[col].is_empty() || p[col].is_empty() {
                        assert_eq!(c[col], p[col], "{group} {col}");
                    } else {
                        assert_close(num(c, col), num(p, col), &format!("{group} {col}"));
                    }
                }
                // Non-local share: the mean of the consortium table's column.
                let mine: Vec<f64> = summaries
                    .iter()
                    .filter(|s| s["program"] == p["program"])
                    .map(|s| num(s, "non_local_share"))
                    .collect();
                let mean = mine.iter().sum::<f64>() / mine.len() as f64;
                assert_close(
                    num(c, "non_local_share"),
                    mean,
                    &format!("{group} non_local"),
                );
            }
        }
    }
    // Same inputs and seed, same bytes.
    let again = tmp.path().join("cmp2");
    run(&["compare", s(&ds), s(&pr), "--out", s(&again)], 0);
    assert_eq!(all_files(&out), all_files(&again));
}

#[test]
fn batch_continues_past_a_broken_dataset_and_reruns_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    // A broken copy of tiny: a membership naming an unknown organisation.
    let broken = tmp.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    for e in std::fs::read_dir(fixture("tiny")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, broken.join(p.file_name().unwrap())).unwrap();
    }
    let m = broken.join("memberships.csv");
    let text = std::fs::read_to_string(&m).unwrap() + "k1,zz,,,\n";
    std::fs::write(&m, text).unwrap();
    let config = tmp.path().join("batch.toml");
    std::fs::write(
        &config,
        format!(
            "out = \"out\"\njobs = 2\n[analyze]\nregion_level = \"city\"\nwidth = 800\n\n\
             [[dataset]]\npath = {tiny:?}\n\n[[dataset]]\npath = \"broken\"\n\n\
             [[dataset]]\npath = {messy:?}\nname = \"messy-data\"\nregion_level = \"province\"\n",
            tiny = s(&fixture("tiny")),
            messy = s(&fixture("messy")),
        ),
    )
    .unwrap();
    let o = run(&["batch", "--config", s(&config), "--quiet"], 1);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("1 dataset failed: broken"), "{stderr}");
    let out = tmp.path().join("out");
    let summary = table(&out.join("batch_summary.csv"));
    let status: Vec<(&str, &str, &str)> = summary
        .iter()
        .map(|r| {
            (
                r["dataset"].as_str(),
                r["status"].as_str(),
                r["organizations"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        status,
        vec![
            ("tiny", "ok", "5"),
            ("broken", "failed", ""),
            ("messy-data", "ok", "5")
        ]
    );
    assert!(
        summary[1]["error"].contains("memberships.csv: line 6, column org_id"),
        "{}",
        summary[1]["error"]
    );
    assert!(
        !out.join("broken").exists(),
        "nothing written for the broken dataset"
    );
    // The good ones are complete and equal to what analyze writes with the same options.
    let single = tmp.path().join("single");
    run(
        &[
            "analyze",
            s(&fixture("tiny")),
            "--out",
            s(&single),
            "--region-level",
            "city",
            "--width",
            "800",
        ],
        0,
    );
    let (b, a) = (all_files(&out.join("tiny")), all_files(&single));
    assert_eq!(b.keys().collect::<Vec<_>>(), a.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(*v == b[k], "{k} differs");
    }
    let run_toml = String::from_utf8(b["run.toml"].clone()).unwrap();
    assert!(run_toml.contains("region_level = \"city\"") && run_toml.contains("width = 800"));
    let messy_toml = std::fs::read_to_string(out.join("messy-data/run.toml")).unwrap();
    assert!(
        messy_toml.contains("region_level = \"province\""),
        "per-dataset override"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"tiny/report.html\""));
    assert!(index.contains("<td>broken</td><td>failed</td>"));
    // Rerun: everything but the timings is byte-identical.
    let mut first = all_files(&out);
    run(&["batch", "--config", s(&config), "--quiet"], 1);
    let mut second = all_files(&out);
    assert!(first.remove("batch_timings.csv").is_some());
    second.remove("batch_timings.csv");
    assert_eq!(first, second);
}

#[test]
fn batch_from_the_command_line_needs_an_output_folder() {
    let o = run(&["batch", s(&fixture("tiny"))], 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs an output folder"));
}

/// `members_stated` above the members listed: a failure the unlisted members could close
/// is undetermined ("4 stated, 3 listed"); one they could not stays a failure; a count
/// that is not a whole number is refused with file, line and column.
#[test]
fn a_partial_record_is_undetermined_not_failed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tiny");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(fixture("tiny")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let with_stated = |k1: &str| {
        std::fs::write(
            dir.join("consortia.csv"),
            format!(
                "consortium_id,name,program,lead_org_id,province,city,model,chain_id,founded,members_stated\n\
                 k1,苏州市甲创新联合体,suzhou,a,江苏,苏州,market,ch1,2022-07,{k1}\n\
                 k2,长三角丙联合攻关,yrd,c,,,,,2023,\n"
            ),
        )
        .unwrap();
    };
    let rules = fixture("rules/tiny.toml");
    let outcome = |stated: &str| {
        with_stated(stated);
        let out = tmp.path().join(format!("out-{stated}"));
        run(
            &["check", s(&dir), "--rules", s(&rules), "--out", s(&out)],
            0,
        );
        let rows = table(&out.join("tables/compliance.csv"));
        let r = rows
            .iter()
            .find(|r| r["unit_id"] == "k1" && r["rule"] == "enterprises>=3")
            .unwrap()
            .clone();
        (r["pass"].clone(), r["detail"].clone())
    };
    // k1 lists a, b, d (enterprises a, d): one enterprise short of 3.
    assert_eq!(outcome("4"), ("".into(), "4 stated, 3 listed".into()));
    assert_eq!(outcome("3"), ("false".into(), "".into()));
    // Stated but nothing unlisted is missing for members>=3: still a pass.
    let o = run(&["check", s(&dir), "--rules", s(&rules)], 0);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("undetermined: the data cannot decide"),
        "{text}"
    );
    with_stated("10余");
    let o = run(&["check", s(&dir), "--rules", s(&rules)], 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("consortia.csv: line 2, column members_stated: bad count '10余'"),
        "{err}"
    );
}
