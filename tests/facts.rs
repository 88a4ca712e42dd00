//! The shipped public-record dataset reproduces the facts it claims.
//!
//! `datasets/public-record/facts.csv` is the ledger the dataset was built from (one row per
//! fact, with its source). Every fact that names a dataset id — a consortium, an
//! organisation, a membership — must hold in the loaded dataset, and every consortium in
//! the dataset must be backed by such a fact, so a wrong edit to either fails here.

use std::collections::HashMap;
use std::path::Path;

use consortia::dataset::{Dataset, Role};

fn dataset_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/public-record")
}

fn facts() -> Vec<HashMap<String, String>> {
    rows("facts.csv")
}

/// The rows of one CSV file of the dataset folder, as column → cell maps.
fn rows(file: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(dataset_dir().join(file)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// The value after `key` in a note like "…; dataset id sz-mab" or "consortium=sz-mab; role=lead".
fn note_value<'a>(note: &'a str, key: &str) -> Option<&'a str> {
    let at = note.find(key)? + key.len();
    note[at..].split([';', ' ', ',']).find(|s| !s.is_empty())
}

fn load() -> Dataset {
    consortia::ingest::load(&dataset_dir()).expect("the public-record dataset loads")
}

#[test]
fn every_consortium_fact_holds_and_backs_the_dataset() {
    let ds = load();
    let mut backed = std::collections::BTreeSet::new();
    for f in facts().iter().filter(|f| f["kind"] == "consortium") {
        let Some(id) = note_value(&f["note"], "dataset id ") else {
            continue;
        };
        let c = ds
            .consortia
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("consortium {id} missing"));
        assert_eq!(c.name, f["name_zh"], "{id}: name");
        assert_eq!(c.program, f["program"], "{id}: programme");
        assert_eq!(
            ds.organizations[c.lead as usize].name, f["lead_org"],
            "{id}: named lead"
        );
        if let Ok(year) = f["year"].parse::<i32>() {
            assert_eq!(c.founded.map(|d| d.year), Some(year), "{id}: founding year");
        }
        if !f["model"].is_empty() {
            assert_eq!(
                c.model.map(|m| m.as_str()),
                Some(f["model"].as_str()),
                "{id}: model"
            );
        }
        backed.insert(id.to_string());
    }
    let all: std::collections::BTreeSet<String> =
        ds.consortia.iter().map(|c| c.id.clone()).collect();
    assert_eq!(
        backed, all,
        "every consortium in the dataset is backed by a fact"
    );
    // The four Suzhou model examples of the seed article, one per model.
    let models: Vec<(&str, &str)> = ds
        .consortia
        .iter()
        .filter_map(|c| c.model.map(|m| (c.id.as_str(), m.as_str())))
        .collect();
    assert_eq!(
        models,
        [
            ("sz-interventional", "other"),
            ("sz-mab", "market"),
            ("sz-marine-info", "strategic"),
            ("sz-meddevice", "platform")
        ]
    );
}

#[test]
fn every_organisation_and_membership_fact_holds() {
    let ds = load();
    let org_by_name: HashMap<&str, usize> = ds
        .organizations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.name.as_str(), i))
        .collect();
    let (mut orgs, mut members) = (0, 0);
    for f in facts() {
        match f["kind"].as_str() {
            "organization" => {
                let Some(id) = note_value(&f["note"], "dataset id ") else {
                    continue;
                };
                let o = ds
                    .organizations
                    .iter()
                    .find(|o| o.id == id)
                    .unwrap_or_else(|| panic!("org {id} missing"));
                assert_eq!(o.name, f["name_zh"], "{id}: name");
                if !f["province"].is_empty() {
                    assert_eq!(
                        (o.province.as_str(), o.city.as_str()),
                        (f["province"].as_str(), f["city"].as_str()),
                        "{id}: place"
                    );
                }
                orgs += 1;
            }
            "membership" => {
                let cid =
                    note_value(&f["note"], "consortium=").expect("membership names its consortium");
                let ci = ds
                    .consortia
                    .iter()
                    .position(|c| c.id == cid)
                    .unwrap_or_else(|| panic!("{cid} missing"));
                let oi = *org_by_name
                    .get(f["name_zh"].as_str())
                    .unwrap_or_else(|| panic!("member {} missing", f["name_zh"]));
                let m = ds
                    .memberships
                    .iter()
                    .find(|m| m.consortium as usize == ci && m.org as usize == oi)
                    .unwrap_or_else(|| panic!("{} is not a member of {cid}", f["name_zh"]));
                if note_value(&f["note"], "role=") == Some("lead") {
                    assert_eq!(m.role, Role::Lead, "{cid}: {} leads", f["name_zh"]);
                }
                members += 1;
            }
            _ => {}
        }
    }
    assert_eq!(
        orgs,
        ds.organizations.len(),
        "every organisation is backed by a fact"
    );
    assert_eq!(
        members,
        ds.memberships.len(),
        "every membership is backed by a fact"
    );
}

#[test]
fn stated_member_counts_hold() {
    // The size a source states for a consortium (facts.csv `count`) is the consortium's
    // `members_stated` (lead included), and the members the dataset names never exceed it.
    let ds = load();
    let stated: HashMap<String, String> = rows("consortia.csv")
        .into_iter()
        .map(|r| (r["consortium_id"].clone(), r["members_stated"].clone()))
        .collect();
    let mut checked = 0;
    for f in facts().iter().filter(|f| f["kind"] == "consortium") {
        let Some(id) = note_value(&f["note"], "dataset id ") else {
            continue;
        };
        assert_eq!(stated[id], f["count"], "{id}: members_stated");
        let Ok(count) = f["count"].parse::<usize>() else {
            continue;
        };
        let ci = ds.consortia.iter().position(|c| c.id == id).unwrap();
        let named = ds
            .memberships
            .iter()
            .filter(|m| m.consortium as usize == ci)
            .count();
        // VLSI and SEMATECH state their member companies; the government sponsors and
        // laboratories the dataset adds as leads or partners are not among them.
        if f["program"] != "intl" {
            assert!(
                named <= count,
                "{id}: {named} named members > {count} stated"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 11, "consortia with a stated size");
    // The corrected Xiamen NEV-safety size: the lead plus 39 partner units (seed 002).
    assert_eq!(stated["xm-nev-safety"], "40");
}
