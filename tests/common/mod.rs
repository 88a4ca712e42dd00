//! The harness the integration tests share: where the fixtures are, running the real
//! binary (printing command, status, stdout and stderr when it ends unexpectedly), reading
//! the CSV tables and whole output folders it writes.
#![allow(dead_code)] // each test file is its own crate and uses a part of this.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture dataset under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Run the binary; on an unexpected status print everything needed to debug it.
pub fn run(args: &[&str], expect: i32) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_consortia"))
        .args(args)
        .output()
        .expect("binary runs");
    assert_eq!(
        out.status.code(),
        Some(expect),
        "command: consortia {}\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `consortia analyze DATASET --out OUT EXTRA…`, expected to succeed.
pub fn analyze(dataset: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["analyze", s(dataset), "--out", s(out)];
    args.extend_from_slice(extra);
    run(&args, 0)
}

/// A CSV table as rows of column → cell.
pub fn table(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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

/// A cell as a number.
pub fn num(row: &BTreeMap<String, String>, col: &str) -> f64 {
    row[col]
        .parse()
        .unwrap_or_else(|_| panic!("{col} = {:?}", row[col]))
}

/// `got` equals `want` to 1e-12 (relative, absolute below 1).
pub fn assert_close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= 1e-12 * want.abs().max(1.0),
        "{what}: got {got}, want {want}"
    );
}

/// Every file under `dir` (relative path → bytes).
pub fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut acc = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                acc.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    acc
}
