//! Error types, one per boundary.
//!
//! Loading a dataset can go wrong in many places at once, so [`LoadError`] carries every
//! [`Problem`] found (file, line, column, message) rather than the first. Everything else
//! that can fail in a run (writing output, bad options) is an [`Error`]. The CLI turns both
//! into friendly text; the library never prints.

use std::fmt;
use std::path::PathBuf;

/// One thing wrong (or worth a warning) in an input file.
///
/// `line` counts physical lines from 1, the header being line 1; a record whose quoted
/// field spans several lines is reported at the line where the record starts. For a
/// workbook's sheet, `file` reads `data.xlsx [memberships]` and `line` is the row number
/// the spreadsheet shows (header = row 1), printed as "row"; for a Parquet file
/// (`memberships.parquet`) it is the row number with the header as row 1 (the first
/// record is row 2), printed as "row".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// File name inside the dataset directory, e.g. `memberships.csv`, or a workbook and
    /// sheet, `data.xlsx [memberships]`.
    pub file: String,
    /// 1-based line number (a sheet's row number), when the problem belongs to a line.
    pub line: Option<u64>,
    /// Column (header name as the contract spells it, followed by the header as written
    /// in parentheses when the file names it otherwise: `name (机构名称)`), when the
    /// problem belongs to one.
    pub column: Option<String>,
    /// What was found and what was expected.
    pub message: String,
}

impl Problem {
    /// A problem located at a file, line and column.
    pub fn at(file: &str, line: u64, column: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line: Some(line),
            column: Some(column.to_string()),
            message: message.into(),
        }
    }

    /// A problem located at a file and line (the whole record).
    pub fn at_line(file: &str, line: u64, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }

    /// A problem with the file as a whole.
    pub fn in_file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// Whether the problem is in a workbook's sheet (`data.xlsx [memberships]`), whose
    /// lines are rows.
    pub fn in_sheet(&self) -> bool {
        self.file.ends_with(']') && self.file.contains(" [")
    }

    /// Whether its `line` is a row number: in a sheet, or in a Parquet file
    /// (`memberships.parquet`).
    pub fn by_row(&self) -> bool {
        self.in_sheet() || self.file.to_ascii_lowercase().ends_with(".parquet")
    }
}

/// `file: line N, column C: message`; for a sheet `data.xlsx [memberships]: row N, …`,
/// for a Parquet file `memberships.parquet: row N, …`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            let word = if self.by_row() { "row" } else { "line" };
            write!(f, ": {word} {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A dataset that failed validation: every problem found, in file then line order.
#[derive(Debug, Clone)]
pub struct LoadError {
    /// The dataset directory as given.
    pub dataset: PathBuf,
    /// All problems, sorted by file, line and column.
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "dataset {} has {} problem{}:",
            self.dataset.display(),
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Anything that stops a run.
#[derive(Debug)]
pub enum Error {
    /// The dataset did not validate.
    Load(LoadError),
    /// Reading or writing a file failed.
    Io {
        /// What was being done, e.g. "cannot write tables/org_centrality.csv".
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An option or argument that cannot be honoured.
    Usage(String),
    /// A configuration file (rules, batch config) that did not validate: every problem.
    Config(LoadError),
    /// `check --strict` found this many failed rule checks.
    RulesFailed(usize),
    /// These datasets of a batch failed (the others were written).
    BatchFailed(Vec<String>),
    /// The dataset is larger than this version analyses within its memory budget: what
    /// would be too large, and by how much.
    TooLarge(String),
}

impl Error {
    /// The exit status the CLI ends with: 1 the dataset was refused or a dataset of a batch
    /// failed, 2 bad usage or configuration, 3 output could not be written, 4 a rule failed
    /// under `check --strict`, 5 the dataset is too large for the memory budget.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Load(_) | Error::BatchFailed(_) => 1,
            Error::Usage(_) | Error::Config(_) => 2,
            Error::Io { .. } => 3,
            Error::RulesFailed(_) => 4,
            Error::TooLarge(_) => 5,
        }
    }

    /// Wrap an I/O error with what was being attempted.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load(e) => e.fmt(f),
            Error::Io { context, source } => write!(f, "{context}: {source}"),
            Error::Usage(msg) => f.write_str(msg),
            Error::TooLarge(msg) => write!(f, "dataset too large: {msg}"),
            Error::BatchFailed(names) => write!(
                f,
                "{} dataset{} failed: {} (see index.html and batch_summary.csv)",
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            ),
            Error::RulesFailed(n) => write!(
                f,
                "{n} programme-rule check{} failed (--strict)",
                if *n == 1 { "" } else { "s" }
            ),
            Error::Config(e) => {
                let n = e.problems.len();
                write!(
                    f,
                    "configuration {} has {} problem{}:",
                    e.dataset.display(),
                    n,
                    if n == 1 { "" } else { "s" }
                )?;
                for p in &e.problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Load(e)
    }
}

#[cfg(test)]
mod tests {
    use super::Problem;

    #[test]
    fn sheets_say_row_and_files_say_line() {
        let csv = Problem::at("memberships.csv", 7, "org_id", "unknown organisation 'x'");
        assert_eq!(
            csv.to_string(),
            "memberships.csv: line 7, column org_id: unknown organisation 'x'"
        );
        let sheet = Problem::at(
            "data.xlsx [memberships]",
            7,
            "org_id (机构编号)",
            "unknown organisation 'x'",
        );
        assert_eq!(
            sheet.to_string(),
            "data.xlsx [memberships]: row 7, column org_id (机构编号): unknown organisation 'x'"
        );
        assert_eq!(
            Problem::in_file("data.xlsx", "cannot read the workbook").to_string(),
            "data.xlsx: cannot read the workbook"
        );
        let parquet = Problem::at("memberships.parquet", 3, "role", "unknown role 'boss'");
        assert_eq!(
            parquet.to_string(),
            "memberships.parquet: row 3, column role: unknown role 'boss'"
        );
    }
}
