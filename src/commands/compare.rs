//! `consortia compare`: programmes (or whole datasets) side by side — datasets → ingest →
//! the comparison rows of [`crate::metrics::comparison`] → `comparison.csv`, two figures
//! and `comparison.html`, staged and committed like `analyze`. `--by year` adds each
//! programme's yearly rows ([`crate::metrics::year_comparison`]) →
//! `comparison_by_year.csv` and two figures (by calendar year, at a common age).

use std::fmt;

use super::Outcome;
use crate::config::{dataset_names, CompareConfig, GroupBy};
use crate::error::Error;
use crate::export::{tables, Staging};
use crate::metrics::{comparison, year_comparison};
use crate::render::evolution::EvolutionPanels;
use crate::render::{self, comparison as charts, Labels};
use crate::{ingest, report};

/// What `compare` wrote.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The output folder.
    pub out: std::path::PathBuf,
    /// Files written, relative to `out`, sorted.
    pub files: Vec<String>,
    /// Groups compared.
    pub groups: usize,
}

/// Run a comparison and write its folder.
pub fn run(config: &CompareConfig) -> Result<Compared, Error> {
    let names = dataset_names(&config.datasets);
    let mut rows = Vec::new();
    let mut year_rows = Vec::new();
    let prefix = config.datasets.len() > 1;
    let columns = ingest::ColumnMap::read(config.columns.as_deref())?;
    for (path, name) in config.datasets.iter().zip(&names) {
        let ds = ingest::load_with(path, &columns)?;
        crate::network::check_budget(&ds, false, crate::config::DEFAULT_PROJECTION_TIES)
            .map_err(Error::TooLarge)?;
        rows.extend(comparison::compare_dataset(
            &ds,
            name,
            config.by,
            prefix,
            config.bootstrap,
        ));
        if config.by == GroupBy::Year {
            year_rows.extend(year_comparison::compare_dataset(&ds, name, prefix));
        }
    }
    let stage = Staging::create(&config.out)?;
    let table = tables::comparison(&rows);
    stage.write_table("", &table)?;
    let year_table = (config.by == GroupBy::Year).then(|| tables::comparison_by_year(&year_rows));
    if let Some(t) = &year_table {
        stage.write_table("", t)?;
    }
    let text: std::collections::BTreeSet<char> =
        rows.iter().flat_map(|r| r.group.chars()).collect();
    let (font, _) = render::font::ensure(config.font.as_deref(), &text);
    let labels = Labels { cjk: font.cjk };
    let st = render::style::Style::for_width(config.figure_width);
    let mut figures = vec![
        render::draw(&charts::IndicatorPanels::new(&rows, labels), &st)?,
        render::draw(&charts::MemberMix::new(&rows, labels), &st)?,
    ];
    if config.by == GroupBy::Year && !year_rows.is_empty() {
        for by_age in [false, true] {
            figures.push(render::draw(
                &EvolutionPanels::of_comparison(&year_rows, by_age, labels),
                &st,
            )?);
        }
    }
    stage.write_figures(&figures)?;
    stage.write(
        "comparison.html",
        report::comparison::page(&rows, &table, year_table.as_ref(), &figures, config).as_bytes(),
    )?;
    let files = stage.commit(&config.out)?;
    Ok(Compared {
        out: config.out.clone(),
        files,
        groups: rows.len(),
    })
}

impl fmt::Display for Compared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "compared {} groups; wrote {} files to {}",
            self.groups,
            self.files.len(),
            self.out.display()
        )
    }
}

impl Outcome for Compared {}
