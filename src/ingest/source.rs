//! Where each contract table comes from, and reading it into a [`RawTable`] with contract
//! column names: a CSV file of the dataset folder (bytes → [`super::decode`] →
//! [`super::table`]), a Parquet file named like it (`memberships.parquet`,
//! [`super::parquet`]), or a sheet named like the file without extension in a workbook of
//! the folder ([`super::workbook`]); a dataset may also be a single workbook file.
//!
//! Owns the rules about sources: a table given twice (a CSV file, a Parquet file or a
//! sheet, any two of them) is an error naming both; required tables and columns must be there; a table's
//! headers are mapped ([`super::columns`]) before anything reads them. Problems are filed
//! under the contract's file names; [`Sources::labels`] says what to call each one in
//! messages (`organizations.csv`, or `data.xlsx [organizations]`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::columns::{self, ColumnMap};
use super::contract::{self, Table, TABLES};
use super::parquet;
use super::table::RawTable;
use super::workbook::{self, Workbook};
use super::{decode, fnv1a64};
use crate::dataset::Encoding;
use crate::error::Problem;

/// The tables of a dataset, read and mapped, with what is known about where they came
/// from.
#[derive(Default)]
pub struct Sources {
    /// Each table present, by contract file name: its raw table, or `None` when it is
    /// there but unusable (its problems are already filed).
    pub tables: HashMap<&'static str, Option<RawTable>>,
    /// What each table present is called in messages, by contract file name.
    pub labels: HashMap<&'static str, String>,
    /// Tables read from a sheet or a Parquet file (their `line`s are row numbers).
    pub by_row: Vec<&'static str>,
    /// Per table read (its label), the headers that were not contract names and the
    /// column each is read as, in contract order.
    pub renamed: Vec<(String, Vec<(String, String)>)>,
    /// How each CSV file was decoded.
    pub encodings: BTreeMap<String, Encoding>,
    /// Size and FNV-1a 64 of each file read (CSV, Parquet files and workbooks), by file
    /// name.
    pub fingerprints: BTreeMap<String, (u64, u64)>,
    /// The workbooks looked in, by file name, with their sheets (for messages about
    /// missing tables).
    pub workbooks: Vec<(String, Vec<String>)>,
    /// The dataset is one workbook file (no CSV files are looked for).
    single_workbook: bool,
}

impl Sources {
    /// What table `file` is called in messages: its source, or its CSV file name.
    pub fn label(&self, file: &str) -> String {
        match self.labels.get(file) {
            Some(l) => l.clone(),
            None => file.to_string(),
        }
    }

    /// Where a table that is not there was looked for, for messages: `chains.csv is
    /// absent` in a folder of CSV files.
    pub fn absent(&self, table: &Table) -> String {
        if self.workbooks.is_empty() {
            return format!("{} is absent", table.file);
        }
        format!("there is no {}", self.looked_for(table))
    }

    fn looked_for(&self, table: &Table) -> String {
        let books: Vec<String> = self
            .workbooks
            .iter()
            .map(|(name, sheets)| format!("{name} (sheets: {})", sheets.join(", ")))
            .collect();
        if self.csv_allowed() {
            format!(
                "{} and no sheet named {} in {}",
                table.file,
                table.stem,
                books.join(", ")
            )
        } else {
            format!("sheet named {} in {}", table.stem, books.join(", "))
        }
    }

    fn csv_allowed(&self) -> bool {
        !self.single_workbook
    }
}

/// Read every table of the dataset at `path` (a folder, or one workbook file). Problems
/// found on the way are appended to `problems`, warnings (ids stored as numbers) to
/// `warnings`. `Err` when `path` is neither a folder nor a workbook.
pub fn read(
    path: &Path,
    map: &ColumnMap,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Result<Sources, Problem> {
    let name_of = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let (dir, book_paths, single) = if path.is_dir() {
        let mut books: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| {
                Problem::in_file(&path.display().to_string(), format!("cannot list: {e}"))
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && workbook::is_workbook(&name_of(p)))
            .collect();
        books.sort();
        (path.to_path_buf(), books, false)
    } else if path.is_file() && workbook::is_workbook(&name_of(path)) {
        (PathBuf::new(), vec![path.to_path_buf()], true)
    } else {
        let parquet = if parquet::is_parquet(&name_of(path)) {
            " (a Parquet file holds one table: put it in a dataset folder, named like the table's CSV file, e.g. memberships.parquet)"
        } else {
            ""
        };
        return Err(Problem::in_file(
            &path.display().to_string(),
            format!(
                "not a directory or a workbook: expected a dataset folder (CSV or Parquet files and/or workbooks) or one workbook file ({}){parquet}",
                workbook::EXTENSIONS.map(|e| format!(".{e}")).join(", ")
            ),
        ));
    };
    let mut s = Sources {
        single_workbook: single,
        ..Sources::default()
    };
    let mut books = Vec::new();
    let mut unreadable = false;
    for p in &book_paths {
        let name = name_of(p);
        let opened = std::fs::read(p)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                s.fingerprints
                    .insert(name.clone(), (bytes.len() as u64, fnv1a64(&bytes)));
                Workbook::open(&name, bytes)
            });
        match opened {
            Ok(wb) => {
                s.workbooks.push((name.clone(), wb.sheet_names()));
                books.push((name, wb));
            }
            Err(e) => {
                unreadable = true;
                problems.push(Problem::in_file(
                    &name,
                    format!("cannot read the workbook: {e}"),
                ));
            }
        }
    }
    for table in &TABLES {
        let csv = dir.join(table.file);
        let csv = (!single && csv.is_file()).then_some(csv);
        let pq_name = format!("{}.{}", table.stem, parquet::EXTENSION);
        let pq = dir.join(&pq_name);
        let pq = (!single && pq.is_file()).then_some(pq);
        let mut sheets: Vec<(usize, String)> = Vec::new();
        for (b, (_, wb)) in books.iter().enumerate() {
            for sheet in wb.sheet_names() {
                if contract::table_named(&sheet).is_some_and(|t| t.file == table.file) {
                    sheets.push((b, sheet));
                }
            }
        }
        let mut where_: Vec<String> = csv.iter().map(|_| table.file.to_string()).collect();
        where_.extend(pq.iter().map(|_| pq_name.clone()));
        where_.extend(
            sheets
                .iter()
                .map(|(b, sheet)| format!("{} [{sheet}]", books[*b].0)),
        );
        if where_.len() > 1 {
            problems.push(Problem::in_file(
                table.file,
                format!("given twice: {}; keep one", where_.join(" and ")),
            ));
            s.tables.insert(table.file, None);
            continue;
        }
        let Some(label) = where_.pop() else { continue };
        let read = match (&csv, &pq, sheets.first()) {
            (Some(p), _, _) => read_csv(p, table, map, &mut s, problems),
            (None, Some(p), _) => {
                s.by_row.push(table.file);
                read_parquet(p, &pq_name, table, map, &mut s, problems, warnings)
            }
            (None, None, Some((b, sheet))) => {
                s.by_row.push(table.file);
                books[*b].1.read(sheet, table, map, problems, warnings)
            }
            (None, None, None) => unreachable!("one source"),
        };
        let raw = read.and_then(|(raw, renamed)| {
            if !renamed.is_empty() {
                s.renamed.push((label.clone(), renamed));
            }
            let missing: Vec<&str> = table
                .columns
                .iter()
                .filter(|c| c.required && raw.column(c.name).is_none())
                .map(|c| c.name)
                .collect();
            for c in &missing {
                problems.push(Problem::at(
                    table.file,
                    raw.header_line,
                    c,
                    columns::missing_hint(table, c),
                ));
            }
            missing.is_empty().then_some(raw)
        });
        s.labels.insert(table.file, label);
        s.tables.insert(table.file, raw);
    }
    if !unreadable {
        missing_tables(&s, problems);
    }
    Ok(s)
}

/// Read one CSV file: bytes (fingerprinted), decoded, parsed, headers mapped.
fn read_csv(
    path: &Path,
    table: &Table,
    map: &ColumnMap,
    s: &mut Sources,
    problems: &mut Vec<Problem>,
) -> Option<(RawTable, Vec<(String, String)>)> {
    let file = table.file;
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::in_file(file, format!("cannot read: {e}")));
            return None;
        }
    };
    s.fingerprints
        .insert(file.to_string(), (bytes.len() as u64, fnv1a64(&bytes)));
    let text = match decode::decode(&bytes) {
        Ok((text, enc)) => {
            s.encodings.insert(file.to_string(), enc);
            text
        }
        Err(e) => {
            problems.push(Problem::in_file(file, e.to_string()));
            return None;
        }
    };
    drop(bytes);
    let mut raw = super::table::parse(file, &text, problems)?;
    let renamed = columns::apply(&mut raw, table, map, problems);
    Some((raw, renamed))
}

/// Read one Parquet file `name`: bytes (fingerprinted), typed columns turned into text,
/// headers mapped.
fn read_parquet(
    path: &Path,
    name: &str,
    table: &Table,
    map: &ColumnMap,
    s: &mut Sources,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Option<(RawTable, Vec<(String, String)>)> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::in_file(table.file, format!("cannot read: {e}")));
            return None;
        }
    };
    s.fingerprints
        .insert(name.to_string(), (bytes.len() as u64, fnv1a64(&bytes)));
    parquet::read(bytes, table, map, problems, warnings)
}

/// Required tables that are not there, and projects without their members (or the other
/// way round).
fn missing_tables(s: &Sources, problems: &mut Vec<Problem>) {
    let present = |f: &str| s.tables.contains_key(f);
    let t = |f: &str| contract::table(f).expect("a contract file");
    for required in ["organizations.csv", "consortia.csv", "memberships.csv"] {
        if present(required) {
            continue;
        }
        problems.push(Problem::in_file(
            required,
            if s.workbooks.is_empty() {
                "missing required file".to_string()
            } else {
                format!("missing required table: no {}", s.looked_for(t(required)))
            },
        ));
    }
    let (projects, members) = ("projects.csv", "project_members.csv");
    if present(projects) && !present(members) {
        problems.push(Problem::in_file(
            members,
            format!("missing: required when {} is given", s.label(projects)),
        ));
    }
    if present(members) && !present(projects) {
        problems.push(Problem::in_file(
            members,
            if s.workbooks.is_empty() {
                "given without projects.csv: add projects.csv or remove this file".to_string()
            } else {
                format!(
                    "given without projects (there is no {}): add it or remove this table",
                    s.looked_for(t(projects))
                )
            },
        ));
    }
}
