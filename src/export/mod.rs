//! Export: the one place that writes output files. Every command stages what it writes in
//! a temporary sibling of its output folder ([`Staging`]) and commits it only when
//! complete, so a failed or interrupted run never leaves a half-written output: the folder
//! is replaced as a whole ([`Staging::commit`]), or — where the folder holds files of its
//! own, as a dataset folder does for `generate` — the staged files are moved in one by one
//! ([`Staging::commit_into`]).
//!
//! [`tables`] turns an analysis (or comparison rows, or rule findings) into the CSV
//! tables, [`parquet`] a table into its Parquet twin (`--parquet`), [`summary`] into
//! summary.json; they build content and write nothing.
//! Knows nothing of charts or HTML: figures and pages arrive as bytes.

pub mod graph;
pub mod parquet;
pub mod summary;
pub mod tables;

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::{Figure, Table};

/// A temporary sibling of the output folder, removed unless committed.
pub struct Staging {
    /// The staging folder.
    path: PathBuf,
    committed: bool,
}

impl Staging {
    /// Make a fresh staging folder beside `out`.
    pub fn create(out: &Path) -> Result<Staging, Error> {
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

    /// The staging folder (for a nested command that stages its own folder inside).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write `bytes` to `rel` (a `/`-separated path inside the folder), creating folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path.join(rel);
        if let Some(dir) = path.parent() {
            mkdir(dir)?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
    }

    /// Write a table as CSV into the folder `dir` (e.g. `tables`).
    pub fn write_table(&self, dir: &str, table: &Table) -> Result<(), Error> {
        let rel = if dir.is_empty() {
            table.file.to_string()
        } else {
            format!("{dir}/{}", table.file)
        };
        self.write(&rel, &tables::csv_bytes(table))
    }

    /// Write a table as Parquet (`<stem>.parquet`, see [`parquet`]) into the folder `dir`.
    pub fn write_parquet(&self, dir: &str, table: &Table) -> Result<(), Error> {
        let name = parquet::file_name(table);
        let rel = if dir.is_empty() {
            name
        } else {
            format!("{dir}/{name}")
        };
        let bytes = parquet::bytes(table)
            .map_err(|e| Error::io(format!("cannot write {rel}"), std::io::Error::other(e)))?;
        self.write(&rel, &bytes)
    }

    /// Write each figure as `figures/<name>.svg`, `.png` and `.pdf`.
    pub fn write_figures(&self, figures: &[Figure]) -> Result<(), Error> {
        for f in figures {
            self.write(&format!("figures/{}.svg", f.name), f.svg.as_bytes())?;
            self.write(&format!("figures/{}.png", f.name), &f.png)?;
            self.write(&format!("figures/{}.pdf", f.name), &f.pdf)?;
        }
        Ok(())
    }

    /// Replace `out` as a whole by the staged folder; the files written, relative, sorted.
    pub fn commit(mut self, out: &Path) -> Result<Vec<String>, Error> {
        let files = list_files(&self.path)?;
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
        Ok(files)
    }

    /// Move each staged file into `out` (created if needed), replacing files of the same
    /// name and keeping every other file there; the files moved, relative, sorted.
    pub fn commit_into(self, out: &Path) -> Result<Vec<String>, Error> {
        let files = list_files(&self.path)?;
        mkdir(out)?;
        for rel in &files {
            let to = out.join(rel);
            if let Some(dir) = to.parent() {
                mkdir(dir)?;
            }
            std::fs::rename(self.path.join(rel), &to)
                .map_err(|e| Error::io(format!("cannot write {}", to.display()), e))?;
        }
        Ok(files)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

fn mkdir(p: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(p).map_err(|e| Error::io(format!("cannot create {}", p.display()), e))
}

/// All files under `dir`, relative, sorted.
fn list_files(dir: &Path) -> Result<Vec<String>, Error> {
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
