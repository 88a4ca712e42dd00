//! Ingest: a dataset (a folder of CSV and/or Parquet files and/or workbooks, or one
//! workbook) → a validated [`Dataset`].
//!
//! Each table is found and read into a raw table of text cells with contract column
//! names ([`source`]: CSV files decoded by [`decode`] and parsed by [`table`], sheets read
//! by [`workbook`] and Parquet files by [`parquet`], their typed cells turned into text
//! by [`typed`], headers mapped by [`columns`] from the contract's table in
//! [`contract`]) and then checked against the contract in `docs/SCHEMA.md`: required
//! files and columns, empty required cells, duplicate ids, dangling references,
//! enumerations (with their Chinese words, [`fields`]), dates and numbers; province and
//! city names are written in their short form ([`crate::dataset::regions`]). Every
//! problem is collected and returned at once in a [`LoadError`], each naming its file (or
//! `workbook [sheet]`), line (or row) and column; warnings (merged repeats, unknown
//! segments, added leads, rewritten regions) travel inside the dataset. Nothing here
//! knows about graphs.

pub mod columns;
pub mod contract;
pub mod decode;
pub mod fields;
pub mod parquet;
pub mod source;
pub mod table;
pub mod typed;
pub mod workbook;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::dataset::regions;
use crate::dataset::*;
use crate::error::{LoadError, Problem};
pub use columns::ColumnMap;
use contract::TABLES;
use fields::{parse_bool, parse_date, parse_list, parse_number, EnumCell};
use table::{RawRow, RawTable};

/// FNV-1a, 64 bit: a fast fingerprint of an input file for `run.toml` (not cryptographic).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Load and validate the dataset at `path` with the built-in header names only.
pub fn load(path: &Path) -> Result<Dataset, LoadError> {
    load_with(path, &ColumnMap::default())
}

/// Load and validate the dataset at `path` (a folder, or one workbook file), reading
/// headers with `columns` as well as the built-in names.
pub fn load_with(path: &Path, columns: &ColumnMap) -> Result<Dataset, LoadError> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut sources = match source::read(path, columns, &mut problems, &mut warnings) {
        Ok(s) => s,
        Err(p) => {
            return Err(LoadError {
                dataset: path.to_path_buf(),
                problems: vec![p],
            })
        }
    };
    let present = |f: &str| sources.tables.contains_key(f);
    let chains_present = present("chains.csv");
    let projects_present = present("projects.csv");
    let mut take = |f: &str| sources.tables.get_mut(f).and_then(Option::take);
    let chains = take("chains.csv");
    let orgs = take("organizations.csv");
    let consortia = take("consortia.csv");
    let memberships = take("memberships.csv");
    let projects = take("projects.csv");
    let project_members = take("project_members.csv");

    let mut b = Builder {
        problems,
        warnings,
        ds: Dataset {
            encodings: std::mem::take(&mut sources.encodings),
            fingerprints: std::mem::take(&mut sources.fingerprints),
            header_mappings: std::mem::take(&mut sources.renamed),
            ..Dataset::default()
        },
        org_index: None,
        consortium_index: None,
        project_index: None,
        segment_index: None,
        chain_index: None,
        chains_present,
        projects_present,
        consortium_lines: Vec::new(),
        regions: BTreeMap::new(),
        sources,
    };
    b.chains(chains.as_ref());
    b.organizations(orgs.as_ref());
    let membership_lines = b.memberships_and_consortia(consortia.as_ref(), memberships.as_ref());
    b.add_leads(consortia.as_ref(), membership_lines);
    b.projects(projects.as_ref());
    b.project_members(project_members.as_ref());
    b.region_warnings();

    let Builder {
        mut problems,
        mut warnings,
        mut ds,
        sources,
        ..
    } = b;
    sort_problems(&mut problems);
    if !problems.is_empty() {
        relabel(&mut problems, &sources, &ds.header_mappings);
        return Err(LoadError {
            dataset: path.to_path_buf(),
            problems,
        });
    }
    sort_problems(&mut warnings);
    relabel(&mut warnings, &sources, &ds.header_mappings);
    ds.warnings = warnings;
    Ok(ds)
}

/// Sort by file (contract order), then line, then column; discovery order otherwise.
fn sort_problems(problems: &mut [Problem]) {
    let file_rank = |f: &str| {
        TABLES
            .iter()
            .position(|t| t.file == f)
            .unwrap_or(TABLES.len())
    };
    problems.sort_by(|a, b| {
        (file_rank(&a.file), &a.file, a.line).cmp(&(file_rank(&b.file), &b.file, b.line))
    });
}

/// Problems are filed under the contract's file and column names; name them as the user
/// sees them: the source (`data.xlsx [organizations]`) and, for a column read from another
/// header, that header too (`name (机构名称)`).
fn relabel(
    problems: &mut [Problem],
    sources: &source::Sources,
    mappings: &[(String, Vec<(String, String)>)],
) {
    for p in problems {
        let Some(label) = sources.labels.get(p.file.as_str()) else {
            continue;
        };
        if let (Some(col), Some((_, renamed))) =
            (&p.column, mappings.iter().find(|(l, _)| l == label))
        {
            if let Some((given, _)) = renamed.iter().find(|(_, c)| c == col) {
                p.column = Some(format!("{col} ({given})"));
            }
        }
        p.file = label.clone();
    }
}

/// Id → index of an entity list, `None` while the file it comes from is unusable, so that
/// references into a broken file are not reported a second time as dangling.
type Index = Option<HashMap<String, u32>>;

struct Builder {
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    ds: Dataset,
    org_index: Index,
    consortium_index: Index,
    project_index: Index,
    segment_index: Index,
    chain_index: Index,
    chains_present: bool,
    /// Whether projects.csv is there (usable or not): references into it are checked
    /// only when it is usable, or against nothing when it is absent.
    projects_present: bool,
    /// Line of each consortium's row, by consortium index.
    consortium_lines: Vec<u64>,
    /// Rewritten or unknown region names: (file, column, as given) → (as written, or
    /// `None` for a province that is none of the 34 units; rows).
    regions: BTreeMap<(&'static str, RegionColumn, String), (Option<String>, u64)>,
    /// Where the tables came from, for messages.
    sources: source::Sources,
}

/// The two columns whose names are normalised, province first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RegionColumn {
    Province,
    City,
}

/// The kind of entity a reference names: (word for messages, file it lives in).
type Kind = (&'static str, &'static str);
const ORG: Kind = ("organisation", "organizations.csv");
const CONSORTIUM: Kind = ("consortium", "consortia.csv");
const PROJECT: Kind = ("project", "projects.csv");
const CHAIN: Kind = ("chain", "chains.csv");

/// Cell access for one table: looks columns up once.
struct Cells<'t> {
    table: &'t RawTable,
}

impl<'t> Cells<'t> {
    fn col(&self, name: &str) -> Option<usize> {
        self.table.column(name)
    }
}

/// The non-empty cell of `col` in `row`, if the column exists (a cell already reported
/// as unreadable reads as absent).
fn cell(row: &RawRow, col: Option<usize>) -> Option<&str> {
    col.filter(|i| !row.reported.contains(i))
        .map(|i| row.cells[i].as_str())
        .filter(|s| !s.is_empty())
}

impl Builder {
    /// What table `file` is called in messages.
    fn label(&self, file: &str) -> String {
        self.sources.label(file)
    }

    /// "line" for a CSV file, "row" for a sheet or a Parquet file.
    fn line_word(&self, file: &str) -> &'static str {
        if self.sources.by_row.contains(&file) {
            "row"
        } else {
            "line"
        }
    }

    /// A province as every table writes it: the short form of one of the 34 units
    /// ([`regions::province`]), else as given; either way counted for its warning.
    fn province(&mut self, file: &'static str, given: &str) -> String {
        let short = regions::province(given);
        if short != Some(given) {
            let key = (file, RegionColumn::Province, given.to_string());
            let e = self
                .regions
                .entry(key)
                .or_insert((short.map(str::to_string), 0));
            e.1 += 1;
        }
        short.unwrap_or(given).to_string()
    }

    /// A city as every table writes it ([`regions::city`]), a rewrite counted for its
    /// warning.
    fn city(&mut self, file: &'static str, given: &str) -> String {
        let short = regions::city(given);
        if short != given {
            let key = (file, RegionColumn::City, given.to_string());
            let e = self
                .regions
                .entry(key)
                .or_insert((Some(short.to_string()), 0));
            e.1 += 1;
        }
        short.to_string()
    }

    /// One warning per distinct rewritten region name, and per distinct province that is
    /// none of the 34 units.
    fn region_warnings(&mut self) {
        for ((file, column, given), (written, n)) in std::mem::take(&mut self.regions) {
            let column = match column {
                RegionColumn::Province => "province",
                RegionColumn::City => "city",
            };
            let rows = format!("{n} row{}", if n == 1 { "" } else { "s" });
            self.warnings.push(Problem::in_file(
                file,
                match written {
                    Some(w) => format!("{column} '{given}' written as '{w}' ({rows})"),
                    None => format!(
                        "{column} '{given}' is none of China's 34 province-level units: kept as given ({rows})"
                    ),
                },
            ));
        }
    }

    fn error(&mut self, file: &str, line: u64, column: &str, msg: impl Into<String>) {
        self.problems.push(Problem::at(file, line, column, msg));
    }

    fn warn(&mut self, file: &str, line: u64, column: &str, msg: impl Into<String>) {
        self.warnings.push(Problem::at(file, line, column, msg));
    }

    /// A required cell: its text, or a problem when empty.
    fn required<'r>(
        &mut self,
        file: &str,
        row: &'r RawRow,
        col: Option<usize>,
        name: &str,
    ) -> Option<&'r str> {
        let v = cell(row, col);
        if v.is_none() && !col.is_some_and(|i| row.reported.contains(&i)) {
            self.error(file, row.line, name, "empty required field");
        }
        v
    }

    /// An optional cell parsed with `parse`; a parse failure is a problem.
    fn optional<T>(
        &mut self,
        file: &str,
        row: &RawRow,
        col: Option<usize>,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let v = cell(row, col)?;
        match parse(v) {
            Ok(x) => Some(x),
            Err(msg) => {
                self.error(file, row.line, name, msg);
                None
            }
        }
    }

    /// Check an id for uniqueness; `seen` maps id → first line.
    fn unique(
        &mut self,
        file: &str,
        row: &RawRow,
        name: &str,
        id: &str,
        seen: &mut HashMap<String, u64>,
    ) -> bool {
        if let Some(first) = seen.get(id) {
            let first = *first;
            let word = self.line_word(file);
            self.error(
                file,
                row.line,
                name,
                format!("duplicate {name} '{id}' (first on {word} {first})"),
            );
            false
        } else {
            seen.insert(id.to_string(), row.line);
            true
        }
    }

    /// Resolve a reference from `file` (at `line`, `column`) to an entity of `kind`.
    fn resolve(
        &mut self,
        index: &Index,
        file: &str,
        line: u64,
        column: &str,
        id: &str,
        (what, target): Kind,
    ) -> Option<u32> {
        let index = index.as_ref()?;
        match index.get(id) {
            Some(&i) => Some(i),
            None => {
                let target = self.label(target);
                self.error(
                    file,
                    line,
                    column,
                    format!("unknown {what} '{id}': not in {target}"),
                );
                None
            }
        }
    }

    fn chains(&mut self, table: Option<&RawTable>) {
        const F: &str = "chains.csv";
        let Some(t) = table else {
            if !self.chains_present {
                self.segment_index = Some(HashMap::new());
                self.chain_index = Some(HashMap::new());
            }
            return;
        };
        let c = Cells { table: t };
        let (chain_c, seg_c, name_c, stage_c, cname_c, crit_c) = (
            c.col("chain_id"),
            c.col("segment_id"),
            c.col("segment_name"),
            c.col("stage"),
            c.col("chain_name"),
            c.col("critical"),
        );
        let mut seen = HashMap::new();
        let mut rows = Vec::new();
        for row in &t.rows {
            let chain = self.required(F, row, chain_c, "chain_id");
            let seg = self.required(F, row, seg_c, "segment_id");
            let name = self.required(F, row, name_c, "segment_name");
            let stage =
                self.required(F, row, stage_c, "stage")
                    .and_then(|s| match Stage::parse_cell(s) {
                        Ok(v) => Some(v),
                        Err(m) => {
                            self.error(F, row.line, "stage", m);
                            None
                        }
                    });
            let critical = self
                .optional(F, row, crit_c, "critical", parse_bool)
                .unwrap_or(false);
            let chain_name = cell(row, cname_c);
            if let (Some(chain), Some(seg), Some(name), Some(stage)) = (chain, seg, name, stage) {
                if self.unique(F, row, "segment_id", seg, &mut seen) {
                    rows.push((
                        seg.to_string(),
                        chain.to_string(),
                        chain_name.map(str::to_string),
                        name.to_string(),
                        stage,
                        critical,
                    ));
                }
            }
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let mut chain_ids: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        chain_ids.sort_unstable();
        chain_ids.dedup();
        let chain_index: HashMap<String, u32> = chain_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.to_string(), i as u32))
            .collect();
        let mut chains: Vec<Chain> = chain_ids
            .iter()
            .map(|id| Chain {
                id: id.to_string(),
                name: None,
                segments: Vec::new(),
            })
            .collect();
        let mut segment_index = HashMap::new();
        let mut segments = Vec::with_capacity(rows.len());
        for (i, (seg, chain, chain_name, name, stage, critical)) in rows.into_iter().enumerate() {
            let ci = chain_index[&chain];
            let ch = &mut chains[ci as usize];
            ch.segments.push(i as u32);
            if ch.name.is_none() {
                ch.name = chain_name;
            }
            segment_index.insert(seg.clone(), i as u32);
            segments.push(ChainSegment {
                id: seg,
                chain: ci,
                name,
                stage,
                critical,
            });
        }
        self.ds.chains = chains;
        self.ds.segments = segments;
        self.segment_index = Some(segment_index);
        self.chain_index = Some(chain_index);
    }

    fn organizations(&mut self, table: Option<&RawTable>) {
        const F: &str = "organizations.csv";
        let Some(t) = table else { return };
        let c = Cells { table: t };
        let (id_c, name_c, type_c, prov_c, city_c, en_c, tags_c, segs_c) = (
            c.col("org_id"),
            c.col("name"),
            c.col("type"),
            c.col("province"),
            c.col("city"),
            c.col("name_en"),
            c.col("tags"),
            c.col("segments"),
        );
        let mut seen = HashMap::new();
        let mut orgs = Vec::with_capacity(t.rows.len());
        for row in &t.rows {
            let id = self.required(F, row, id_c, "org_id");
            let name = self.required(F, row, name_c, "name");
            let ty =
                self.required(F, row, type_c, "type")
                    .and_then(|s| match OrgType::parse_cell(s) {
                        Ok(v) => Some(v),
                        Err(m) => {
                            self.error(F, row.line, "type", m);
                            None
                        }
                    });
            let province = self
                .required(F, row, prov_c, "province")
                .map(|p| self.province(F, p));
            let city = self
                .required(F, row, city_c, "city")
                .map(|c| self.city(F, c));
            let mut segments = Vec::new();
            for s in cell(row, segs_c).map(parse_list).unwrap_or_default() {
                match self.segment_index.as_ref().and_then(|ix| ix.get(&s)) {
                    Some(&i) => segments.push(i),
                    None if self.segment_index.is_some() => {
                        let chains = self.label("chains.csv");
                        self.warn(
                            F,
                            row.line,
                            "segments",
                            format!("unknown segment '{s}': not in {chains} (ignored)"),
                        )
                    }
                    None => {}
                }
            }
            segments.sort_unstable();
            segments.dedup();
            // A row with a usable id stays resolvable even when another cell is bad, so
            // one mistake is reported once, not again at every reference. (Any problem
            // refuses the dataset, so the placeholders never reach an output.)
            if let Some(id) = id {
                if self.unique(F, row, "org_id", id, &mut seen) {
                    orgs.push(Organization {
                        id: id.to_string(),
                        name: name.unwrap_or_default().to_string(),
                        org_type: ty.unwrap_or(OrgType::Other),
                        province: province.unwrap_or_default(),
                        city: city.unwrap_or_default(),
                        name_en: cell(row, en_c).map(str::to_string),
                        tags: cell(row, tags_c).map(parse_list).unwrap_or_default(),
                        segments,
                    });
                }
            }
        }
        orgs.sort_by(|a, b| a.id.cmp(&b.id));
        self.org_index = Some(
            orgs.iter()
                .enumerate()
                .map(|(i, o)| (o.id.clone(), i as u32))
                .collect(),
        );
        self.ds.organizations = orgs;
    }

    /// Consortia, then memberships (merged). Returns, per membership index, the line of
    /// its first row, for later warnings.
    fn memberships_and_consortia(
        &mut self,
        consortia: Option<&RawTable>,
        memberships: Option<&RawTable>,
    ) -> Vec<u64> {
        if let Some(t) = consortia {
            self.consortia(t);
        }
        let Some(t) = memberships else {
            return Vec::new();
        };
        const F: &str = "memberships.csv";
        let c = Cells { table: t };
        let (cons_c, org_c, role_c, joined_c, left_c) = (
            c.col("consortium_id"),
            c.col("org_id"),
            c.col("role"),
            c.col("joined"),
            c.col("left"),
        );
        let org_index = self.org_index.take();
        let cons_index = self.consortium_index.take();
        let mut merged: HashMap<(u32, u32), (usize, u64)> = HashMap::new();
        let mut list: Vec<(Membership, u64)> = Vec::new();
        for row in &t.rows {
            let cid = self.required(F, row, cons_c, "consortium_id");
            let oid = self.required(F, row, org_c, "org_id");
            let role = self
                .optional(F, row, role_c, "role", Role::parse_cell)
                .unwrap_or(Role::General);
            let joined = self.optional(F, row, joined_c, "joined", parse_date);
            let left = self.optional(F, row, left_c, "left", parse_date);
            if let (Some(j), Some(l)) = (joined, left) {
                if j.is_after(l) {
                    self.error(
                        F,
                        row.line,
                        "left",
                        format!("left {l} is before joined {j}"),
                    );
                }
            }
            let ci = cid.and_then(|id| {
                self.resolve(&cons_index, F, row.line, "consortium_id", id, CONSORTIUM)
            });
            let oi = oid.and_then(|id| self.resolve(&org_index, F, row.line, "org_id", id, ORG));
            let (Some(ci), Some(oi)) = (ci, oi) else {
                continue;
            };
            match merged.get(&(ci, oi)) {
                Some(&(k, first)) => {
                    let word = self.line_word(F);
                    self.warn(F, row.line, "org_id", format!(
                        "repeated membership of '{}' in '{}' (first on {word} {first}): merged, counted once",
                        oid.unwrap_or_default(), cid.unwrap_or_default()));
                    let m = &mut list[k].0;
                    m.role = m.role.max(role);
                    m.joined = match (m.joined, joined) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    // The latest left; absent (still a member) when any row has none.
                    m.left = match (m.left, left) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        _ => None,
                    };
                }
                None => {
                    merged.insert((ci, oi), (list.len(), row.line));
                    list.push((
                        Membership {
                            consortium: ci,
                            org: oi,
                            role,
                            joined,
                            left,
                        },
                        row.line,
                    ));
                }
            }
        }
        self.org_index = org_index;
        self.consortium_index = cons_index;
        list.sort_by_key(|(m, _)| (m.consortium, m.org));
        let lines = list.iter().map(|(_, l)| *l).collect();
        self.ds.memberships = list.into_iter().map(|(m, _)| m).collect();
        lines
    }

    fn consortia(&mut self, t: &RawTable) {
        const F: &str = "consortia.csv";
        let c = Cells { table: t };
        let stated_c = c.col("members_stated");
        let (id_c, name_c, prog_c, lead_c, prov_c, city_c, model_c, chain_c, founded_c) = (
            c.col("consortium_id"),
            c.col("name"),
            c.col("program"),
            c.col("lead_org_id"),
            c.col("province"),
            c.col("city"),
            c.col("model"),
            c.col("chain_id"),
            c.col("founded"),
        );
        let org_index = self.org_index.take();
        let chain_index = self.chain_index.take();
        let mut seen = HashMap::new();
        let mut list = Vec::new();
        for row in &t.rows {
            let id = self.required(F, row, id_c, "consortium_id");
            let name = self.required(F, row, name_c, "name");
            let program = self.required(F, row, prog_c, "program");
            let lead = self
                .required(F, row, lead_c, "lead_org_id")
                .and_then(|l| self.resolve(&org_index, F, row.line, "lead_org_id", l, ORG));
            let model = self.optional(F, row, model_c, "model", Model::parse_cell);
            let founded = self.optional(F, row, founded_c, "founded", parse_date);
            let members_stated =
                self.optional(F, row, stated_c, "members_stated", fields::parse_count);
            let chain = match cell(row, chain_c) {
                None => None,
                Some(ch) if !self.chains_present => {
                    let absent = self
                        .sources
                        .absent(contract::table("chains.csv").expect("contract"));
                    self.error(
                        F,
                        row.line,
                        "chain_id",
                        format!("unknown chain '{ch}': {absent}"),
                    );
                    None
                }
                Some(ch) => self.resolve(&chain_index, F, row.line, "chain_id", ch, CHAIN),
            };
            if let Some(id) = id {
                if self.unique(F, row, "consortium_id", id, &mut seen) {
                    list.push((
                        Consortium {
                            id: id.to_string(),
                            name: name.unwrap_or_default().to_string(),
                            program: program.unwrap_or_default().to_string(),
                            lead: lead.unwrap_or(u32::MAX),
                            province: cell(row, prov_c).map(|p| self.province(F, p)),
                            city: cell(row, city_c).map(|c| self.city(F, c)),
                            model,
                            chain,
                            founded,
                            members_stated,
                        },
                        row.line,
                    ));
                }
            }
        }
        self.org_index = org_index;
        self.chain_index = chain_index;
        list.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        self.consortium_index = Some(
            list.iter()
                .enumerate()
                .map(|(i, (c, _))| (c.id.clone(), i as u32))
                .collect(),
        );
        self.consortium_lines = list.iter().map(|(_, l)| *l).collect();
        self.ds.consortia = list.into_iter().map(|(c, _)| c).collect();
    }
}

impl Builder {
    /// Every consortium's `lead_org_id` must be a lead member: add the membership when it
    /// is missing, promote it when listed as core/general (both with a warning).
    fn add_leads(&mut self, consortia: Option<&RawTable>, membership_lines: Vec<u64>) {
        if consortia.is_none() || self.org_index.is_none() {
            return;
        }
        let mut added = Vec::new();
        for (ci, c) in self.ds.consortia.iter().enumerate() {
            if c.lead == u32::MAX {
                continue;
            }
            let key = (ci as u32, c.lead);
            match self
                .ds
                .memberships
                .binary_search_by_key(&key, |m| (m.consortium, m.org))
            {
                Ok(k) => {
                    let m = &self.ds.memberships[k];
                    if m.role != Role::Lead {
                        self.warnings.push(Problem::at(
                            "memberships.csv",
                            membership_lines[k],
                            "role",
                            format!(
                                "'{}' is the lead_org_id of '{}' but listed with role {}: treated as lead",
                                self.ds.organizations[c.lead as usize].id,
                                c.id,
                                m.role.as_str()
                            ),
                        ));
                    }
                }
                Err(_) => {
                    self.warnings.push(Problem::at(
                        "consortia.csv",
                        self.consortium_lines[ci],
                        "lead_org_id",
                        format!(
                            "lead '{}' of '{}' is missing from {}: added as a lead member",
                            self.ds.organizations[c.lead as usize].id,
                            c.id,
                            self.sources.label("memberships.csv")
                        ),
                    ));
                    added.push(Membership {
                        consortium: ci as u32,
                        org: c.lead,
                        role: Role::Lead,
                        joined: c.founded,
                        left: None,
                    });
                }
            }
        }
        for (ci, c) in self.ds.consortia.iter().enumerate() {
            if c.lead == u32::MAX {
                continue;
            }
            if let Ok(k) = self
                .ds
                .memberships
                .binary_search_by_key(&(ci as u32, c.lead), |m| (m.consortium, m.org))
            {
                self.ds.memberships[k].role = Role::Lead;
            }
        }
        self.ds.memberships.extend(added);
        self.ds.memberships.sort_by_key(|m| (m.consortium, m.org));
    }

    fn projects(&mut self, table: Option<&RawTable>) {
        const F: &str = "projects.csv";
        let Some(t) = table else {
            if !self.projects_present {
                self.project_index = Some(HashMap::new());
            }
            return;
        };
        let c = Cells { table: t };
        let (id_c, title_c, prog_c, cons_c, chain_c, seg_c, start_c, end_c, fund_c) = (
            c.col("project_id"),
            c.col("title"),
            c.col("program"),
            c.col("consortium_id"),
            c.col("chain_id"),
            c.col("segment_id"),
            c.col("start"),
            c.col("end"),
            c.col("funding"),
        );
        let cons_index = self.consortium_index.take();
        let mut seen = HashMap::new();
        let mut list = Vec::new();
        for row in &t.rows {
            let id = self.required(F, row, id_c, "project_id");
            let title = self.required(F, row, title_c, "title");
            let consortium = cell(row, cons_c).and_then(|cid| {
                self.resolve(&cons_index, F, row.line, "consortium_id", cid, CONSORTIUM)
            });
            let chain = cell(row, chain_c).and_then(|ch| {
                match self.chain_index.as_ref().map(|ix| ix.get(ch)) {
                    Some(Some(&i)) => Some(i),
                    Some(None) => {
                        let chains = self.label("chains.csv");
                        self.warn(
                            F,
                            row.line,
                            "chain_id",
                            format!("unknown chain '{ch}': not in {chains} (ignored)"),
                        );
                        None
                    }
                    None => None,
                }
            });
            let segment = cell(row, seg_c).and_then(|s| {
                match self.segment_index.as_ref().map(|ix| ix.get(s)) {
                    Some(Some(&i)) => Some(i),
                    Some(None) => {
                        let chains = self.label("chains.csv");
                        self.warn(
                            F,
                            row.line,
                            "segment_id",
                            format!("unknown segment '{s}': not in {chains} (ignored)"),
                        );
                        None
                    }
                    None => None,
                }
            });
            let start = self.optional(F, row, start_c, "start", parse_date);
            let end = self.optional(F, row, end_c, "end", parse_date);
            if let (Some(s), Some(e)) = (start, end) {
                if s.is_after(e) {
                    self.error(F, row.line, "end", format!("end {e} is before start {s}"));
                }
            }
            let funding = self.optional(F, row, fund_c, "funding", parse_number);
            if let Some(id) = id {
                if self.unique(F, row, "project_id", id, &mut seen) {
                    list.push(Project {
                        id: id.to_string(),
                        title: title.unwrap_or_default().to_string(),
                        program: cell(row, prog_c).map(str::to_string),
                        consortium,
                        chain,
                        segment,
                        start,
                        end,
                        funding,
                    });
                }
            }
        }
        self.consortium_index = cons_index;
        list.sort_by(|a, b| a.id.cmp(&b.id));
        self.project_index = Some(
            list.iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i as u32))
                .collect(),
        );
        self.ds.projects = list;
    }

    fn project_members(&mut self, table: Option<&RawTable>) {
        const F: &str = "project_members.csv";
        let Some(t) = table else { return };
        let c = Cells { table: t };
        let (proj_c, org_c, role_c) = (c.col("project_id"), c.col("org_id"), c.col("role"));
        let org_index = self.org_index.take();
        let proj_index = self.project_index.take();
        let mut merged: HashMap<(u32, u32), (usize, u64)> = HashMap::new();
        let mut list: Vec<ProjectMember> = Vec::new();
        for row in &t.rows {
            let pid = self.required(F, row, proj_c, "project_id");
            let oid = self.required(F, row, org_c, "org_id");
            let role = self
                .optional(F, row, role_c, "role", ProjectRole::parse_cell)
                .unwrap_or(ProjectRole::Participant);
            let pi = pid
                .and_then(|id| self.resolve(&proj_index, F, row.line, "project_id", id, PROJECT));
            let oi = oid.and_then(|id| self.resolve(&org_index, F, row.line, "org_id", id, ORG));
            let (Some(pi), Some(oi)) = (pi, oi) else {
                continue;
            };
            match merged.get(&(pi, oi)) {
                Some(&(k, first)) => {
                    let word = self.line_word(F);
                    self.warn(F, row.line, "org_id", format!(
                        "repeated participation of '{}' in '{}' (first on {word} {first}): merged, counted once",
                        oid.unwrap_or_default(), pid.unwrap_or_default()));
                    list[k].role = list[k].role.max(role);
                }
                None => {
                    merged.insert((pi, oi), (list.len(), row.line));
                    list.push(ProjectMember {
                        project: pi,
                        org: oi,
                        role,
                    });
                }
            }
        }
        self.org_index = org_index;
        self.project_index = proj_index;
        list.sort_by_key(|m| (m.project, m.org));
        self.ds.project_members = list;
    }
}
