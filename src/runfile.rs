//! `run.toml` and `batch.toml`: the one place besides `cli.rs` that knows how options are
//! spelled. [`run_toml`] records an analysis's options (and its input checksums) in the
//! form [`batch_config`] reads back, so `consortia batch --config run.toml` remakes it.
//! Sits at the bottom with the options: it reads and writes no output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::{
    dataset_names, default_jobs, figure_width, AnalyzeConfig, BatchConfig, BatchItem,
    BetweennessChoice, ColorBy, RegionLevel, StructureConfig, DEFAULT_FIGURE_WIDTH,
};
use crate::error::{Error, LoadError, Problem};

/// `run.toml`: the options an analysis output was made with, the command that remakes it, and a
/// fingerprint of every input file, so a figure can be traced and reproduced later.
pub fn run_toml(config: &AnalyzeConfig, fingerprints: &BTreeMap<String, (u64, u64)>) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("string");
    let dataset = config.dataset.display().to_string();
    let rules = config.rules.as_ref().map(|p| p.display().to_string());
    let columns = config.columns.as_ref().map(|p| p.display().to_string());
    let mut t = String::new();
    t.push_str("# The options this output was produced with (consortia ");
    t.push_str(env!("CARGO_PKG_VERSION"));
    t.push_str(").\n# Remake it with:\n#   consortia analyze ");
    t.push_str(&dataset);
    t.push_str(&format!(
        " --out OUT --region-level {} --color-by {} --width {}",
        config.region_level.as_str(),
        config.color_by.as_str(),
        config.figure_width
    ));
    if let Some(r) = &rules {
        t.push_str(&format!(" --rules {r}"));
    }
    if let Some(y) = config.as_of {
        t.push_str(&format!(" --as-of {y}"));
    }
    if let Some(c) = &columns {
        t.push_str(&format!(" --columns {c}"));
    }
    if config.parquet {
        t.push_str(" --parquet");
    }
    let b = &config.betweenness;
    t.push_str(&format!(
        " --betweenness {} --epsilon {} --delta {} --seed {}",
        b.choice.as_str(),
        b.epsilon,
        b.delta,
        b.seed
    ));
    let st = &config.structure;
    t.push_str(&format!(
        " --resolution {:?} --permutations {} --partners {} --stability {}",
        st.resolution, st.permutations, st.partners, st.stability
    ));
    if config.projection_budget != crate::config::DEFAULT_PROJECTION_TIES {
        t.push_str(&format!(
            " --projection-budget {}",
            config.projection_budget
        ));
    }
    t.push_str("\n# or: consortia batch --config run.toml --out OUT (paths relative to the folder the first run started in)\n\n");
    t.push_str(&format!(
        "[analyze]\nregion_level = {}\ncolor_by = {}\nwidth = {}\n",
        q(config.region_level.as_str()),
        q(config.color_by.as_str()),
        config.figure_width
    ));
    if let Some(r) = &rules {
        t.push_str(&format!("rules = {}\n", q(r)));
    }
    t.push_str(&format!(
        "betweenness = {}\nepsilon = {:?}\ndelta = {:?}\nseed = {}\n",
        q(b.choice.as_str()),
        b.epsilon,
        b.delta,
        b.seed
    ));
    if let Some(y) = config.as_of {
        t.push_str(&format!("as_of = {y}\n"));
    }
    t.push_str(&format!(
        "resolution = {:?}\npermutations = {}\npartners = {}\nstability = {}\n",
        st.resolution, st.permutations, st.partners, st.stability
    ));
    if config.projection_budget != crate::config::DEFAULT_PROJECTION_TIES {
        t.push_str(&format!(
            "projection_budget = {}\n",
            config.projection_budget
        ));
    }
    if let Some(c) = &columns {
        t.push_str(&format!("columns = {}\n", q(c)));
    }
    if config.parquet {
        t.push_str("parquet = true\n");
    }
    t.push_str(&format!("\n[[dataset]]\npath = {}\n", q(&dataset)));
    t.push_str("\n# Input files: bytes and FNV-1a 64 checksum.\n");
    for (file, fp) in fingerprints {
        t.push_str(&format!(
            "# {file}: {} bytes, fnv1a64 {:016x}\n",
            fp.0, fp.1
        ));
    }
    t
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOptions {
    region_level: Option<String>,
    color_by: Option<String>,
    width: Option<u32>,
    dpi: Option<u32>,
    rules: Option<PathBuf>,
    font: Option<PathBuf>,
    threads: Option<usize>,
    betweenness: Option<String>,
    epsilon: Option<f64>,
    delta: Option<f64>,
    seed: Option<u64>,
    as_of: Option<i32>,
    resolution: Option<f64>,
    permutations: Option<u32>,
    partners: Option<u32>,
    stability: Option<u32>,
    columns: Option<PathBuf>,
    projection_budget: Option<u64>,
    parquet: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    path: PathBuf,
    name: Option<String>,
    region_level: Option<String>,
    color_by: Option<String>,
    width: Option<u32>,
    dpi: Option<u32>,
    rules: Option<PathBuf>,
    as_of: Option<i32>,
    columns: Option<PathBuf>,
    parquet: Option<bool>,
}

/// Per-dataset overrides (the same keys as `[analyze]`).
#[derive(Default)]
struct RawOptionsFlat {
    region_level: Option<String>,
    color_by: Option<String>,
    width: Option<u32>,
    dpi: Option<u32>,
    rules: Option<PathBuf>,
    as_of: Option<i32>,
    columns: Option<PathBuf>,
    parquet: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    out: Option<PathBuf>,
    jobs: Option<usize>,
    #[serde(default)]
    analyze: RawOptions,
    #[serde(default)]
    dataset: Vec<RawDataset>,
}

/// Build a plan from a TOML config (paths relative to the config file's folder), the
/// command line's datasets (added after the config's) and its `--out`/`--jobs` (which win).
pub fn batch_config(
    config_file: Option<&Path>,
    datasets: &[PathBuf],
    out: Option<&Path>,
    jobs: Option<usize>,
    quiet: bool,
) -> Result<BatchConfig, Error> {
    let mut problems = Vec::new();
    let (raw, base, file_name) = match config_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let raw: RawConfig = toml::from_str(&text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
                Error::Config(LoadError {
                    dataset: path.to_path_buf(),
                    problems: vec![Problem {
                        file: name.clone(),
                        line,
                        column: None,
                        message: e.message().to_string(),
                    }],
                })
            })?;
            let base = path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            (Some(raw), base, name)
        }
        None => (None, PathBuf::from("."), String::new()),
    };
    let resolve = |p: &Path| {
        if p.is_absolute() || config_file.is_none() {
            p.to_path_buf()
        } else {
            base.join(p)
        }
    };
    let out = out
        .map(Path::to_path_buf)
        .or_else(|| raw.as_ref().and_then(|r| r.out.as_deref().map(resolve)));
    let Some(out) = out else {
        return Err(Error::Usage(
            "batch needs an output folder: --out OUT, or out = \"…\" in the config".into(),
        ));
    };
    let config_jobs = raw.as_ref().and_then(|r| r.jobs);
    let (defaults_owned, raw_datasets) = match raw {
        Some(r) => (Some(r.analyze), r.dataset),
        None => (None, Vec::new()),
    };
    let defaults = defaults_owned.as_ref();
    let mut entries: Vec<(PathBuf, Option<String>, RawOptionsFlat)> = Vec::new();
    {
        for d in raw_datasets {
            entries.push((
                resolve(&d.path),
                d.name,
                RawOptionsFlat {
                    region_level: d.region_level,
                    color_by: d.color_by,
                    width: d.width,
                    dpi: d.dpi,
                    rules: d.rules,
                    as_of: d.as_of,
                    columns: d.columns,
                    parquet: d.parquet,
                },
            ));
        }
    }
    for d in datasets {
        entries.push((d.clone(), None, RawOptionsFlat::default()));
    }
    if entries.is_empty() {
        return Err(Error::Usage(
            "batch needs datasets: give folders, or [[dataset]] path = \"…\" in the config".into(),
        ));
    }
    let names = dataset_names(&entries.iter().map(|e| e.0.clone()).collect::<Vec<_>>());
    let mut items = Vec::new();
    let mut taken = std::collections::BTreeSet::new();
    for (i, ((path, name, o), auto)) in entries.into_iter().zip(names).enumerate() {
        let at = |msg: String| {
            Problem::in_file(
                if file_name.is_empty() {
                    "command line"
                } else {
                    &file_name
                },
                format!("dataset {} ({}): {msg}", i + 1, path.display()),
            )
        };
        let name = name.unwrap_or(auto);
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            problems.push(at(format!("name {name:?} must be a plain folder name")));
        }
        if !taken.insert(name.clone()) {
            problems.push(at(format!("name {name:?} used twice")));
        }
        let mut config = AnalyzeConfig::new(&path, out.join(&name));
        let pick = |own: Option<String>, default: Option<&String>| own.or_else(|| default.cloned());
        match pick(
            o.region_level,
            defaults.and_then(|d| d.region_level.as_ref()),
        )
        .as_deref()
        {
            None | Some("province") => config.region_level = RegionLevel::Province,
            Some("city") => config.region_level = RegionLevel::City,
            Some(v) => problems.push(at(format!(
                "region_level {v:?}: expected \"province\" or \"city\""
            ))),
        }
        match pick(o.color_by, defaults.and_then(|d| d.color_by.as_ref())).as_deref() {
            None | Some("type") => config.color_by = ColorBy::Type,
            Some("region") => config.color_by = ColorBy::Region,
            Some("program") => config.color_by = ColorBy::Program,
            Some("community") => config.color_by = ColorBy::Community,
            Some(v) => problems.push(at(format!(
                "color_by {v:?}: expected \"type\", \"region\", \"program\" or \"community\""
            ))),
        }
        let width = o.width.or_else(|| defaults.and_then(|d| d.width));
        let dpi = o.dpi.or_else(|| defaults.and_then(|d| d.dpi));
        config.figure_width = figure_width(width, dpi).unwrap_or_else(|e| {
            problems.push(at(e));
            DEFAULT_FIGURE_WIDTH
        });
        config.rules = o
            .rules
            .map(|p| resolve(&p))
            .or_else(|| defaults.and_then(|d| d.rules.as_deref().map(resolve)));
        config.columns = o
            .columns
            .map(|p| resolve(&p))
            .or_else(|| defaults.and_then(|d| d.columns.as_deref().map(resolve)));
        if let Some(d) = defaults {
            match d.betweenness.as_deref() {
                None | Some("auto") => {}
                Some("exact") => config.betweenness.choice = BetweennessChoice::Exact,
                Some("approx") => config.betweenness.choice = BetweennessChoice::Approx,
                Some(v) => problems.push(at(format!(
                    "betweenness {v:?}: expected \"auto\", \"exact\" or \"approx\""
                ))),
            }
            if let Some(e) = d.epsilon {
                config.betweenness.epsilon = e;
            }
            if let Some(x) = d.delta {
                config.betweenness.delta = x;
            }
            if let Some(s) = d.seed {
                config.betweenness.seed = s;
            }
            let b = config.betweenness;
            if let Err(e) =
                crate::config::BetweennessConfig::new(b.choice, b.epsilon, b.delta, b.seed)
            {
                problems.push(at(e.to_string()));
            }
            let st = config.structure;
            match StructureConfig::new(
                d.resolution.unwrap_or(st.resolution),
                d.permutations.unwrap_or(st.permutations),
                d.partners.unwrap_or(st.partners),
                d.stability.unwrap_or(st.stability),
                b.seed,
            ) {
                Ok(s) => config.structure = s,
                Err(e) => problems.push(at(e.to_string())),
            }
        }
        config.as_of = match o.as_of.or_else(|| defaults.and_then(|d| d.as_of)) {
            None => None,
            Some(y) => crate::config::as_of_year(y)
                .map_err(|e| problems.push(at(e.replace("--as-of", "as_of"))))
                .ok(),
        };
        let parquet = o.parquet.or_else(|| defaults.and_then(|d| d.parquet));
        config.parquet = crate::config::parquet_output(parquet.unwrap_or(false))
            .map_err(|e| problems.push(at(e.replace("--parquet", "parquet"))))
            .unwrap_or(false);
        config.font = defaults.and_then(|d| d.font.as_deref().map(resolve));
        config.threads = defaults.and_then(|d| d.threads);
        if let Some(t) = defaults.and_then(|d| d.projection_budget) {
            config.projection_budget = t;
        }
        items.push(BatchItem { name, config });
    }
    if !problems.is_empty() {
        return Err(Error::Config(LoadError {
            dataset: config_file
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("command line")),
            problems,
        }));
    }
    let jobs = jobs
        .or(config_jobs)
        .filter(|&j| j > 0)
        .unwrap_or_else(default_jobs);
    Ok(BatchConfig {
        out,
        jobs,
        items,
        quiet,
    })
}
