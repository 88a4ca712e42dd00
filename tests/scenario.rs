//! The shipped scenario dataset is exactly what its command writes, and has the shape its
//! README promises (Suzhou's three models, Xiamen's growth 17 → 26, Yangtze-Delta
//! projects across provinces, SOE-led consortia).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use consortia::dataset::Model;

/// `consortia generate --scenario models --seed SEED --out DIR`.
fn generate_scenario(seed: u64, out: &Path) {
    let config = consortia::config::GenerateConfig {
        what: consortia::config::Generated::Scenario,
        seed,
        out: out.to_path_buf(),
    };
    consortia::commands::generate::run(&config).unwrap();
}

fn shipped() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/scenario-models")
}

#[test]
fn committed_files_are_the_generator_output() {
    let tmp = tempfile::tempdir().unwrap();
    generate_scenario(2024, tmp.path());
    for f in [
        "organizations.csv",
        "consortia.csv",
        "memberships.csv",
        "projects.csv",
        "project_members.csv",
        "chains.csv",
    ] {
        let (a, b) = (
            std::fs::read(tmp.path().join(f)).unwrap(),
            std::fs::read(shipped().join(f)).unwrap(),
        );
        assert!(
            a == b,
            "{f} differs from `consortia generate --scenario models --seed 2024`"
        );
    }
    let other = tempfile::tempdir().unwrap();
    generate_scenario(7, other.path());
    assert_ne!(
        std::fs::read(other.path().join("memberships.csv")).unwrap(),
        std::fs::read(shipped().join("memberships.csv")).unwrap()
    );
}

#[test]
fn scenario_has_the_promised_shape() {
    let ds = consortia::ingest::load(&shipped()).unwrap();
    assert!(ds.warnings.is_empty(), "{:?}", ds.warnings);
    let mut models: BTreeMap<&str, usize> = BTreeMap::new();
    for c in ds.consortia.iter().filter(|c| c.program == "suzhou") {
        *models
            .entry(c.model.map(Model::as_str).unwrap_or(""))
            .or_default() += 1;
    }
    assert_eq!(
        models,
        BTreeMap::from([("market", 5), ("platform", 4), ("strategic", 4)])
    );
    let per_program = |p: &str| ds.consortia.iter().filter(|c| c.program == p).count();
    assert_eq!(
        (
            per_program("xiamen"),
            per_program("yrd"),
            per_program("soe")
        ),
        (9, 6, 6)
    );
    // Xiamen's growing consortium: 17 at founding in 2022, 26 after the 2024 joins.
    let ci = ds
        .consortia
        .iter()
        .position(|c| c.id == consortia::generate::scenario::GROWING_CONSORTIUM)
        .unwrap() as u32;
    let joined: Vec<i32> = ds
        .memberships
        .iter()
        .filter(|m| m.consortium == ci)
        .map(|m| m.joined.unwrap().year)
        .collect();
    assert_eq!(joined.len(), 26);
    assert_eq!(joined.iter().filter(|&&y| y <= 2022).count(), 17);
    // Every Yangtze-Delta project: undertakers from two or more of the four provinces.
    let yrd: BTreeSet<&str> = ["上海", "江苏", "浙江", "安徽"].into();
    for (pi, p) in ds
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.program.as_deref() == Some("yrd"))
    {
        let provinces: BTreeSet<&str> = ds
            .project_members
            .iter()
            .filter(|m| m.project as usize == pi)
            .map(|m| ds.organizations[m.org as usize].province.as_str())
            .collect();
        assert!(
            provinces.len() >= 2 && provinces.is_subset(&yrd),
            "{}: {provinces:?}",
            p.id
        );
    }
    // ... and every one of them passes the programme's rules (provinces, upstream and
    // downstream firms together) as `consortia check` tests them.
    let rules = consortia::rules::defaults();
    let yrd_set = rules.iter().position(|r| r.program == "yrd").unwrap();
    let net = consortia::network::Network::build(&ds);
    let findings = consortia::metrics::compliance::check(&ds, &net, &rules);
    let yrd_projects: Vec<_> = findings
        .iter()
        .filter(|f| f.set == yrd_set && f.unit == consortia::rules::Unit::Project)
        .collect();
    assert_eq!(yrd_projects.len(), 48, "24 projects × 2 rules");
    assert!(
        yrd_projects.iter().all(|f| f.pass == Some(true)),
        "{:?}",
        yrd_projects
            .iter()
            .filter(|f| f.pass != Some(true))
            .collect::<Vec<_>>()
    );
    // SOE consortia are led by SOEs; everything is labelled a scenario.
    for c in ds.consortia.iter().filter(|c| c.program == "soe") {
        assert!(
            ds.organizations[c.lead as usize]
                .tags
                .contains(&"soe".to_string()),
            "{}",
            c.id
        );
    }
    assert!(ds.organizations.iter().all(|o| o.name.starts_with("情景")));
    assert!(ds.consortia.iter().all(|c| c.name.starts_with("情景")));
}
