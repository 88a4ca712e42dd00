//! `consortia check`: each consortium and joint project of the rule sets' programmes
//! against its programme's stated rules; with `--out`, the compliance table and figure.

use std::fmt::{self, Write as _};

use super::Outcome;
use crate::config::CheckConfig;
use crate::dataset::Dataset;
use crate::error::Error;
use crate::export::{tables, Staging};
use crate::metrics::compliance::{self, Finding};
use crate::rules::{self, RuleSet, Unit};
use crate::{ingest, network, render};

/// What `check` found: the rules, every finding, and the dataset they refer to.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The dataset checked.
    pub dataset: Dataset,
    /// The rule sets checked.
    pub rules: Vec<RuleSet>,
    /// One finding per (unit, rule).
    pub findings: Vec<Finding>,
    /// The output folder and the files written there, when one was given.
    pub written: Option<(std::path::PathBuf, Vec<String>)>,
    /// Whether a failed rule fails the command.
    pub strict: bool,
}

/// Check a dataset; with `out`, also write `tables/compliance.csv` and
/// `figures/compliance.{svg,png}` there (atomically).
pub fn run(config: &CheckConfig) -> Result<Checked, Error> {
    let rules = match &config.rules {
        Some(p) => rules::load(p)?,
        None => rules::defaults(),
    };
    let columns = ingest::ColumnMap::read(config.columns.as_deref())?;
    let ds = ingest::load_with(&config.dataset, &columns)?;
    let net = {
        network::check_budget(&ds, false, crate::config::DEFAULT_PROJECTION_TIES)
            .map_err(Error::TooLarge)?;
        network::Network::without_projection(&ds)
    };
    let findings = compliance::check(&ds, &net, &rules);
    let written = match &config.out {
        Some(out) => {
            let stage = Staging::create(out)?;
            stage.write_table("tables", &tables::compliance(&ds, &rules, &findings))?;
            render::font::ensure(config.font.as_deref(), &render::text_of(&ds));
            let chart = render::compliance::ComplianceChart::new(&rules, &findings);
            stage.write_figures(&[render::draw(&chart, &render::style::Style::default())?])?;
            Some((out.clone(), stage.commit(out)?))
        }
        None => None,
    };
    Ok(Checked {
        dataset: ds,
        rules,
        findings,
        written,
        strict: config.strict,
    })
}

impl Checked {
    /// Checks that failed.
    pub fn failed(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.pass == Some(false))
            .count()
    }
}

/// One line per rule set with its counts, then one line per failed or undecidable check;
/// then where the files went.
impl fmt::Display for Checked {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self;
        let mut s = String::new();
        for (si, set) in c.rules.iter().enumerate() {
            let f: Vec<_> = c.findings.iter().filter(|f| f.set == si).collect();
            let count = |p: Option<bool>| f.iter().filter(|x| x.pass == p).count();
            let _ = writeln!(
                s,
                "{}: {} checks on {} — {} passed, {} failed, {} undetermined",
                set.program,
                f.len(),
                set.units
                    .iter()
                    .map(|u| u.as_str())
                    .collect::<Vec<_>>()
                    .join("+"),
                count(Some(true)),
                count(Some(false)),
                count(None)
            );
            for x in f.iter().filter(|x| x.pass != Some(true)) {
                let id = match x.unit {
                    Unit::Consortium => &c.dataset.consortia[x.index].id,
                    Unit::Project => &c.dataset.projects[x.index].id,
                };
                let _ = writeln!(
                    s,
                    "  {} {} {}: {} = {} (required {}){}",
                    if x.pass.is_none() {
                        "UNDETERMINED"
                    } else {
                        "FAIL"
                    },
                    x.unit.as_str(),
                    id,
                    set.rules[x.rule].id,
                    if x.value.is_empty() { "-" } else { &x.value },
                    x.required,
                    if x.detail.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", x.detail)
                    }
                );
            }
        }
        if !c.findings.is_empty() {
            for (word, meaning) in compliance::OUTCOMES {
                let _ = writeln!(s, "{word}: {meaning}");
            }
        }
        out.write_str(&s)?;
        if let Some((dir, files)) = &self.written {
            writeln!(out, "wrote {} files to {}", files.len(), dir.display())?;
        }
        Ok(())
    }
}

impl Outcome for Checked {
    fn notes(&self) -> Vec<String> {
        self.dataset
            .warnings
            .iter()
            .map(|p| format!("warning: {p}"))
            .collect()
    }

    fn verdict(&self) -> Result<(), Error> {
        match self.failed() {
            n if self.strict && n > 0 => Err(Error::RulesFailed(n)),
            _ => Ok(()),
        }
    }
}
