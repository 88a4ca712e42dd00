//! Export: the one place that writes files. Tables and summary.json are written into a
//! staging folder beside the output folder and moved into place only when complete, so
//! a failed or interrupted run never leaves a half-written output.

pub mod cell;
pub mod graph;
pub mod summary;
pub mod tables;

use std::path::{Path, PathBuf};

use crate::config::AnalyzeConfig;
use crate::dataset::Dataset;
use crate::error::Error;
use crate::metrics::Results;
use crate::network::Network;
use crate::render::font::ChosenFont;
use crate::render::{self, Labels};

/// What a successful run wrote.
#[derive(Debug, Clone)]
pub struct Written {
    /// The output folder.
    pub out: PathBuf,
    /// Files written, relative to `out`, sorted.
    pub files: Vec<String>,
}

/// Write every output of an analysis into `config.out`, atomically.
pub fn write_all(
    ds: &Dataset,
    net: &Network,
    r: &Results,
    config: &AnalyzeConfig,
    font: Option<&ChosenFont>,
    clock: &crate::Clock<'_>,
) -> Result<Written, Error> {
    clock.start("tables");
    let out = &config.out;
    let stage = Staging::create(out)?;
    let dir = stage.path.clone();
    let tables = dir.join("tables");
    mkdir(&tables)?;
    for table in tables::build_all(ds, r, tables::TextCells::SpreadsheetSafe) {
        tables::write_csv(&tables, &table)?;
    }
    let figures_dir = dir.join("figures");
    mkdir(&figures_dir)?;
    let labels = Labels {
        cjk: font.is_some_and(|f| f.cjk),
    };
    clock.start("figures");
    let figures = if font.is_some() {
        render::render_all(
            &figures_dir,
            ds,
            net,
            r,
            labels,
            config.color_by,
            &render::style::Style::for_width(config.figure_width),
        )?
    } else {
        Vec::new()
    };
    clock.start("report");
    write_run_record(&dir.join("run.toml"), ds, config)?;
    summary::write(
        &dir.join("summary.json"),
        &summary::build(ds, r, config, font, &figures),
    )?;
    let title = config
        .dataset
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| config.dataset.display().to_string());
    crate::report::write(&dir, ds, r, &figures, font, &title)?;
    let files = list_files(&dir)?;
    stage.commit(out)?;
    Ok(Written {
        out: out.clone(),
        files,
    })
}

/// `run.toml`: the options this output was made with, the command that remakes it, and a
/// fingerprint of every input file, so a figure can be traced and reproduced later.
fn write_run_record(path: &Path, ds: &Dataset, config: &AnalyzeConfig) -> Result<(), Error> {
    let q = |s: &str| serde_json::to_string(s).expect("string");
    let dataset = config.dataset.display().to_string();
    let rules = config.rules.as_ref().map(|p| p.display().to_string());
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
    let b = &config.betweenness;
    t.push_str(&format!(
        " --betweenness {} --epsilon {} --delta {} --seed {}",
        b.choice.as_str(),
        b.epsilon,
        b.delta,
        b.seed
    ));
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
    t.push_str(&format!("\n[[dataset]]\npath = {}\n", q(&dataset)));
    t.push_str("\n# Input files: bytes and FNV-1a 64 checksum.\n");
    for (file, fp) in &ds.fingerprints {
        t.push_str(&format!(
            "# {file}: {} bytes, fnv1a64 {:016x}\n",
            fp.0, fp.1
        ));
    }
    std::fs::write(path, t).map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

pub(crate) fn mkdir(p: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(p).map_err(|e| Error::io(format!("cannot create {}", p.display()), e))
}

/// All files under `dir`, relative, sorted.
pub(crate) fn list_files(dir: &Path) -> Result<Vec<String>, Error> {
    fn walk(base: &Path, dir: &Path, acc: &mut Vec<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let p = entry?.path();
            if p.is_dir() {
                walk(base, &p, acc)?;
            } else if let Ok(rel) = p.strip_prefix(base) {
                acc.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut acc = Vec::new();
    walk(dir, dir, &mut acc).map_err(|e| Error::io(format!("cannot list {}", dir.display()), e))?;
    acc.sort();
    Ok(acc)
}

/// A temporary sibling of the output folder, removed unless committed.
pub(crate) struct Staging {
    /// The staging folder.
    pub(crate) path: PathBuf,
    committed: bool,
}

impl Staging {
    /// Make a fresh staging folder beside `out`.
    pub(crate) fn create(out: &Path) -> Result<Staging, Error> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if out.exists() && !out.is_dir() {
            return Err(Error::Usage(format!(
                "output {} exists and is not a folder",
                out.display()
            )));
        }
        mkdir(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".to_string());
        let path = parent.join(format!(".{name}.partial-{}", std::process::id()));
        if path.exists() {
            let _ = std::fs::remove_dir_all(&path);
        }
        mkdir(&path)?;
        Ok(Staging {
            path,
            committed: false,
        })
    }

    /// Replace `out` by the staged folder.
    pub(crate) fn commit(mut self, out: &Path) -> Result<(), Error> {
        let old = self.path.with_file_name(format!(
            "{}.old",
            self.path.file_name().unwrap_or_default().to_string_lossy()
        ));
        let had_old = out.exists();
        if had_old {
            std::fs::rename(out, &old)
                .map_err(|e| Error::io(format!("cannot replace {}", out.display()), e))?;
        }
        if let Err(e) = std::fs::rename(&self.path, out) {
            if had_old {
                let _ = std::fs::rename(&old, out);
            }
            return Err(Error::io(
                format!("cannot move output into {}", out.display()),
                e,
            ));
        }
        self.committed = true;
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}
