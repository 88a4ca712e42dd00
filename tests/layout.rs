//! The house's layout, read from the `use` statements: data flows one way — commands on
//! top, then the stages, options and models at the bottom — with no import circle between
//! files, and writers (render, report, export) that never import each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The rank of each top-level module: a module may import only modules of a lower rank
/// (bottom modules, rank 0, may import each other, circles excepted).
const RANKS: &[(&str, u32)] = &[
    ("cli", 7),
    ("commands", 6),
    ("render", 4),
    ("report", 4),
    ("export", 4),
    ("metrics", 3),
    ("network", 2),
    ("generate", 2),
    ("ingest", 1),
    ("config", 0),
    ("runfile", 0),
    ("rules", 0),
    ("dataset", 0),
    ("output", 0),
    ("error", 0),
];

/// Every source file's module path (`metrics::paths::exact`) and its code without comments.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, acc: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, acc);
            } else if p.extension().is_some_and(|x| x == "rs") {
                acc.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            let code: String = std::fs::read_to_string(&p)
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            (parts.join("::"), code)
        })
        .collect()
}

/// File-level import edges (`crate::…` paths resolved to the longest module that exists),
/// leaving out a module's imports of its own ancestors and descendants.
fn edges(mods: &BTreeMap<String, String>) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (m, code) in mods {
        for (at, _) in code.match_indices("crate::") {
            let path: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            let Some(target) = (1..=parts.len())
                .rev()
                .map(|k| parts[..k].join("::"))
                .find(|t| mods.contains_key(t))
            else {
                continue;
            };
            let related = |a: &str, b: &str| a.is_empty() || b.starts_with(&format!("{a}::"));
            if &target != m && !related(&target, m) && !related(m, &target) {
                out.insert((m.clone(), target));
            }
        }
    }
    out
}

fn top(m: &str) -> &str {
    m.split("::").next().unwrap()
}

#[test]
fn imports_flow_down_the_page_without_circles() {
    let mods = modules();
    let edges = edges(&mods);
    let rank: BTreeMap<&str, u32> = RANKS.iter().copied().collect();
    let mut wrong = Vec::new();
    for (a, b) in &edges {
        let (ta, tb) = (top(a), top(b));
        if a.is_empty() || ta == tb {
            continue; // the crate root re-exports; a module's own files are checked below
        }
        let (Some(&ra), Some(&rb)) = (rank.get(ta), rank.get(tb)) else {
            wrong.push(format!("{a} -> {b}: a top-level module without a rank"));
            continue;
        };
        if !(ra > rb || (ra == 0 && rb == 0)) {
            wrong.push(format!("{a} (rank {ra}) imports {b} (rank {rb})"));
        }
    }
    for m in mods.keys().filter(|m| !m.is_empty()) {
        assert!(
            rank.contains_key(top(m)),
            "module {m} is not placed in RANKS"
        );
    }
    // Circles between files: a depth-first search for a path back to the start.
    let next: BTreeMap<&str, Vec<&str>> = edges.iter().fold(BTreeMap::new(), |mut g, (a, b)| {
        g.entry(a.as_str()).or_default().push(b.as_str());
        g
    });
    for start in mods.keys() {
        let mut stack = vec![vec![start.as_str()]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            for &n in next.get(path.last().unwrap()).into_iter().flatten() {
                if n == start {
                    wrong.push(format!("circle: {} -> {n}", path.join(" -> ")));
                } else if seen.insert(n) {
                    let mut p = path.clone();
                    p.push(n);
                    stack.push(p);
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports against the layout:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_imports() {
    // The checker itself: it finds the pipeline's real edges.
    let edges = edges(&modules());
    for (a, b) in [
        ("commands::analyze", "metrics"),
        ("export::tables", "output"),
        ("metrics::paths::two_mode", "metrics::paths::exact"),
    ] {
        assert!(
            edges.contains(&(a.to_string(), b.to_string())),
            "{a} -> {b} not seen"
        );
    }
}
