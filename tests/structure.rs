//! End-to-end tests of v2's structural tables: the real binary on the tiny fixture (values
//! worked out by hand in the comments), on Davis's Southern Women (NetworkX's values,
//! stored by scripts/davis_fixture.py) and on a generated network (the same bytes at 1 and
//! 3 threads, with every random step on).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn by(rows: &[BTreeMap<String, String>], key: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    rows.iter().map(|r| (r[key].clone(), r.clone())).collect()
}

/// tiny: ties a–b (k1 and p1: weight 2), a–d, b–d (k1), b–c (k2); e alone. Regions: a, b,
/// e 江苏; c 上海; d 安徽.
#[test]
fn tiny_structure_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("tiny"), &out, &[]);
    let s = by(&table(&out.join("tables/org_structure.csv")), "org_id");
    // a: p_ab = 2/3, p_ad = 1/3; p_db = 1/2 (d's total 2), p_bd = 1/4 (b's total 4):
    // c_a = (2/3 + 1/3·1/2)² + (1/3 + 2/3·1/4)² = 25/36 + 9/36.
    assert_close(num(&s["a"], "constraint"), 34.0 / 36.0, "constraint a");
    // e_a = (1 − p_ad·w_bd/max_b) + (1 − p_ab·w_da/max_d) = (1 − 1/6) + (1 − 2/3).
    assert_close(
        num(&s["a"], "effective_size"),
        7.0 / 6.0,
        "effective size a",
    );
    assert_eq!(s["e"]["constraint"], "", "isolate");
    assert_eq!(s["e"]["effective_size"], "");
    // b (江苏) brokers {a (江苏), c (上海)}: gatekeeper/representative, and {c, d (安徽)}:
    // liaison; {a, d} are tied.
    let roles = |o: &str| {
        [
            "broker_coordinator",
            "broker_itinerant",
            "broker_gatekeeper_representative",
            "broker_liaison",
            "broker_total",
        ]
        .map(|c| s[o][c].clone())
    };
    assert_eq!(roles("b"), ["0", "0", "1", "1", "2"]);
    assert_eq!(roles("a"), ["0", "0", "0", "0", "0"]);
    assert_eq!(roles("e"), ["0", "0", "0", "0", "0"]);
    // Only b holds c to the rest.
    let cuts: Vec<&str> = ["a", "b", "c", "d", "e"]
        .into_iter()
        .filter(|o| s[*o]["articulation"] == "true")
        .collect();
    assert_eq!(cuts, ["b"]);
    // One community of a–d (modularity 0 is the best here: any split loses), e alone.
    let community: Vec<&str> = s.values().map(|r| r["community"].as_str()).collect();
    assert_eq!(community, ["1", "1", "1", "1", "2"]);
    let c = std::fs::read_to_string(out.join("tables/communities.csv")).unwrap();
    assert_eq!(
        c,
        "community,organizations,ties_inside,ties_leaving,consortia_spanned,top_consortium,\
         top_consortium_share,regions,cross_region_share_inside\n\
         1,4,4,0,2,k1,0.75,3,0.75\n2,1,0,0,0,,,1,\n"
    );
    let cons = table(&out.join("tables/consortium_summary.csv"));
    assert_eq!(cons[0]["communities_spanned"], "1");
    assert_eq!(cons[0]["modal_community_share"], "1");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let sc = &summary["communities"];
    assert_eq!(sc["method"], "leiden");
    assert_eq!(
        (sc["count"].as_u64(), sc["singletons"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(sc["modularity"], 0.0);
    assert_eq!(sc["resolution"], 1.0);
    // E-I by region: I = 1 (a–b), E = 3; 江苏: 1 inside, 3 leaving; 上海 0/1; 安徽 0/2.
    let ei: BTreeMap<(String, String), BTreeMap<String, String>> =
        table(&out.join("tables/ei_index.csv"))
            .into_iter()
            .map(|r| ((r["grouping"].clone(), r["group"].clone()), r))
            .collect();
    let row = |g: &str, k: &str| &ei[&(g.to_string(), k.to_string())];
    assert_eq!(row("region", "*")["ei"], "0.5");
    assert_eq!(
        (
            row("region", "江苏")["internal_ties"].as_str(),
            row("region", "江苏")["external_ties"].as_str()
        ),
        ("1", "3")
    );
    assert_eq!(row("region", "安徽")["ei"], "1");
    assert_eq!(
        row("region", "安徽")["p_less"],
        "",
        "group rows have no test"
    );
    // b is in suzhou (k1, p1) and yrd (k2): multiple; e is in none.
    assert_eq!(row("program", "multiple")["external_ties"], "3");
    assert_eq!(row("program", "none")["ei"], "");
    // The permutation mean is near its exact expectation: 江苏 holds 3 of 5 organisations,
    // P(same label) = 3·2/(5·4) = 0.3, E[EI] = 1 − 2·0.3 = 0.4.
    let expected = num(row("region", "*"), "expected_ei");
    assert!((expected - 0.4).abs() < 0.03, "{expected}");
    let (pg, pl) = (
        num(row("region", "*"), "p_greater"),
        num(row("region", "*"), "p_less"),
    );
    assert!(pg > 0.0 && pl > 0.0 && pg + pl >= 1.0);
    // Two-mode: b is in all 3 collaborations (degree 3/3); its distances: 1 to k1, k2, p1,
    // 2 to a, c, d, e unreachable: closeness (3 + 2·4)/9 · 6/7 = 22/21. Betweenness: 9
    // pair dependencies over the largest possible for n = 5, m = 3: divmod(4, 3) = (1, 1),
    // ½[9·4 + 3·2·0 − 1·4] = 16.
    let t = by(
        &table(&out.join("tables/two_mode_centrality.csv")),
        "node_id",
    );
    assert_close(num(&t["b"], "degree"), 1.0, "degree b");
    assert_close(num(&t["b"], "closeness"), 22.0 / 21.0, "closeness b");
    assert_close(num(&t["b"], "betweenness"), 9.0 / 16.0, "betweenness b");
    assert_eq!(t["k1"]["kind"], "consortium");
    assert_eq!(t["p1"]["kind"], "project");
    assert_eq!(
        (t["e"]["degree"].as_str(), t["e"]["closeness"].as_str()),
        ("0", "0")
    );
    // Every critical segment of k1 is covered: no gap partner.
    assert_eq!(table(&out.join("tables/gap_partners.csv")).len(), 0);
    assert!(
        !out.join("tables/rank_stability.csv").exists(),
        "--stability is off"
    );
}

/// Copy the tiny fixture and uncover k1's critical segment s1: a now works in s2 only, d in
/// none; c (tied to member b) and e (alone) work in s1.
fn tiny_with_a_gap(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(fixture("tiny")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let orgs = std::fs::read_to_string(dir.join("organizations.csv"))
        .unwrap()
        .replace("leader;listed,s1;s2", "leader;listed,s2")
        .replace("s3;s-unknown", "s3;s1;s-unknown")
        .replace("srdi,s1", "srdi,")
        .replace("江苏,苏州,,,\n", "江苏,苏州,,,s1\n");
    std::fs::write(dir.join("organizations.csv"), orgs).unwrap();
}

#[test]
fn gap_partners_rank_nearest_first_then_region_then_activity() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = tmp.path().join("ds");
    tiny_with_a_gap(&ds);
    let out = tmp.path().join("out");
    analyze(&ds, &out, &[]);
    let gaps = std::fs::read_to_string(out.join("tables/gap_partners.csv")).unwrap();
    // c is one hop from member b (上海, not k1's home 江苏; 1 collaboration); e is
    // unreachable (same region, no collaboration): last, distance empty.
    assert_eq!(
        gaps,
        "consortium_id,segment_id,rank,org_id,distance,same_region,collaborations,name\n\
         k1,s1,1,c,1,false,1,丙研究所\nk1,s1,2,e,,true,0,戊企业\n"
    );
    let one = tmp.path().join("one");
    analyze(&ds, &one, &["--partners", "1"]);
    assert_eq!(table(&one.join("tables/gap_partners.csv")).len(), 1);
}

/// Davis's Southern Women (women = organisations, events = consortia): the two-mode
/// centralities and Burt's measures equal NetworkX 3.6.1's, stored beside the fixture.
#[test]
fn davis_matches_networkx() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyze(&fixture("davis"), &out, &[]);
    let got = table(&out.join("tables/two_mode_centrality.csv"));
    let want = table(&fixture("davis").join("expected_two_mode.csv"));
    assert_eq!(got.len(), 18 + 14);
    for (g, w) in got.iter().zip(&want) {
        assert_eq!((&g["node_id"], &g["kind"]), (&w["node_id"], &w["kind"]));
        for col in ["degree", "betweenness", "closeness"] {
            assert_close(num(g, col), num(w, col), &format!("{} {col}", g["node_id"]));
        }
    }
    let got = by(&table(&out.join("tables/org_structure.csv")), "org_id");
    for w in table(&fixture("davis").join("expected_structure.csv")) {
        let g = &got[&w["org_id"]];
        for col in ["constraint", "effective_size"] {
            assert_close(num(g, col), num(&w, col), &format!("{} {col}", w["org_id"]));
        }
    }
    // Evelyn went to 8 of the 14 events.
    let t = by(
        &table(&out.join("tables/two_mode_centrality.csv")),
        "node_id",
    );
    assert_close(num(&t["W01"], "degree"), 8.0 / 14.0, "Evelyn's degree");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["communities"]["count"], 2);
}

/// Every output, with every random step on (sampled and permuted and resampled), is the
/// same at 1 and 3 threads; another seed changes the permutations.
#[test]
fn structure_outputs_are_byte_identical_at_1_and_3_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    run(
        &[
            "generate",
            "--orgs",
            "600",
            "--consortia",
            "48",
            "--projects",
            "75",
            "--seed",
            "5",
            "--out",
            s(&data),
        ],
        0,
    );
    let flags = [
        "--permutations",
        "300",
        "--stability",
        "3",
        "--resolution",
        "1.5",
    ];
    let go = |name: &str, threads: &str, seed: &str| {
        let out = tmp.path().join(name);
        let mut args = flags.to_vec();
        args.extend(["--threads", threads, "--seed", seed]);
        analyze(&data, &out, &args);
        all_files(&out)
    };
    let (one, three) = (go("one", "1", "3"), go("three", "3", "3"));
    assert!(one.contains_key("tables/rank_stability.csv"));
    let differing: Vec<&String> = one
        .keys()
        .filter(|k| one.get(*k) != three.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "differ between 1 and 3 threads: {differing:?}"
    );
    assert_eq!(one.len(), three.len());
    let other = go("other", "3", "4");
    assert_ne!(one["tables/ei_index.csv"], other["tables/ei_index.csv"]);
    // The options are recorded and read back: batch --config run.toml remakes the output.
    let toml = String::from_utf8(one["run.toml"].clone()).unwrap();
    assert!(toml.contains("resolution = 1.5") && toml.contains("permutations = 300"));
    assert!(toml.contains("stability = 3") && toml.contains("seed = 3"));
    let stability = table(&tmp.path().join("one/tables/rank_stability.csv"));
    assert_eq!(stability.len(), 20);
    for r in &stability {
        let share = num(r, "top_share");
        assert!([0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0]
            .iter()
            .any(|x| (x - share).abs() < 1e-12));
    }
}

#[test]
fn run_toml_of_the_structure_options_reads_back_in_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("first");
    analyze(
        &fixture("tiny"),
        &first,
        &[
            "--resolution",
            "0.5",
            "--permutations",
            "100",
            "--seed",
            "9",
            "--color-by",
            "community",
        ],
    );
    let again = tmp.path().join("again");
    run(
        &[
            "batch",
            "--config",
            s(&first.join("run.toml")),
            "--out",
            s(&again),
            "--quiet",
        ],
        0,
    );
    let name = std::fs::read_dir(&again)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    for f in [
        "tables/ei_index.csv",
        "tables/org_structure.csv",
        "summary.json",
    ] {
        assert_eq!(
            std::fs::read(first.join(f)).unwrap(),
            std::fs::read(name.join(f)).unwrap(),
            "{f}"
        );
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(first.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["parameters"]["resolution"], 0.5);
    assert_eq!(summary["parameters"]["permutations"], 100);
    assert_eq!(summary["parameters"]["color_by"], "community");
    assert_eq!(summary["communities"]["seed"], 9);
    // Out-of-range options are usage errors.
    for bad in [
        ["--resolution", "0"],
        ["--resolution", "nan"],
        ["--stability", "2000000"],
    ] {
        let mut args = vec!["analyze", "x", "--out", "y"];
        args.extend(bad);
        run(&args, 2);
    }
}
