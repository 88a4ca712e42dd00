//! Render: [`Results`] → figures, each drawn once by one function and written as both
//! SVG and PNG. One file per chart kind; style and font in one place each.
//!
//! Knows nothing of CSV or HTML. Names from the data reach SVG only through plotters'
//! SVG backend, which escapes text and attribute values.

pub mod comparison;
pub mod compliance;
pub mod coverage;
pub mod degrees;
pub mod font;
pub mod growth;
pub mod heatmap;
pub mod layout;
pub mod network_map;
pub mod programs;
pub mod ranking;
pub mod style;
pub mod two_mode;

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::config::ColorBy;
use crate::dataset::Dataset;
use crate::error::Error;
use crate::metrics::Results;
use crate::network::Network;

/// A chart that can draw itself on any plotters backend.
pub trait Chart {
    /// File stem, e.g. `centrality_ranking`.
    fn name(&self) -> &'static str;
    /// One sentence for the report: what is drawn and how it was normalised.
    fn caption(&self) -> String;
    /// Draw on `root` (already sized [`style::SIZE`]).
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &style::Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>;
}

/// A figure written to disk.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Figure {
    /// File stem; the files are `figures/<name>.svg` and `figures/<name>.png`.
    pub name: &'static str,
    /// Caption.
    pub caption: String,
}

/// How names are shown: Chinese when the font covers it, else `name_en` (or the id).
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    /// Whether the registered font covers Chinese.
    pub cjk: bool,
}

impl Labels {
    /// The label of organisation `i`.
    pub fn org(&self, ds: &Dataset, i: usize) -> String {
        let o = &ds.organizations[i];
        if self.cjk {
            o.name.clone()
        } else {
            o.name_en.clone().unwrap_or_else(|| o.id.clone())
        }
    }

    /// A label that may contain Chinese (a region, a programme): kept when the font covers
    /// it, else replaced by `fallback`.
    pub fn text(&self, s: &str, fallback: &str) -> String {
        if self.cjk || s.is_ascii() {
            s.to_string()
        } else {
            fallback.to_string()
        }
    }
}

/// Greedy label placement: a label (left-anchored at `x`, centred on `y`) is accepted
/// only where its box overlaps no label accepted before; callers offer labels in order of
/// importance. Width is estimated from the text: full-width for CJK, half for ASCII.
#[derive(Debug, Default)]
pub struct LabelPlacer {
    placed: Vec<(i32, i32, i32, i32)>,
}

impl LabelPlacer {
    /// Whether `text` at (x, y) in `size`-px type fits; if so it is recorded as placed.
    pub fn try_place(&mut self, x: i32, y: i32, text: &str, size: u32) -> bool {
        let size = size as i32;
        let width: i32 = text
            .chars()
            .map(|c| if c.is_ascii() { size / 2 } else { size })
            .sum();
        let b = (x, y - size / 2, x + width, y + size / 2);
        if self
            .placed
            .iter()
            .any(|p| b.0 < p.2 && p.0 < b.2 && b.1 < p.3 && p.1 < b.3)
        {
            return false;
        }
        self.placed.push(b);
        true
    }
}

/// Write one chart as SVG and PNG into `dir`.
pub fn write_chart(dir: &Path, chart: &impl Chart, st: &style::Style) -> Result<Figure, Error> {
    let fail =
        |what: &str, e: String| Error::io(format!("cannot draw {what}"), std::io::Error::other(e));
    let svg = dir.join(format!("{}.svg", chart.name()));
    {
        let root = SVGBackend::new(&svg, st.size()).into_drawing_area();
        chart
            .draw(&root, st)
            .map_err(|e| fail(chart.name(), format!("{e:?}")))?;
        root.present()
            .map_err(|e| fail(chart.name(), format!("{e:?}")))?;
    }
    let png = dir.join(format!("{}.png", chart.name()));
    {
        let root = BitMapBackend::new(&png, st.size()).into_drawing_area();
        chart
            .draw(&root, st)
            .map_err(|e| fail(chart.name(), format!("{e:?}")))?;
        root.present()
            .map_err(|e| fail(chart.name(), format!("{e:?}")))?;
    }
    Ok(Figure {
        name: chart.name(),
        caption: chart.caption(),
    })
}

/// Draw every figure into `dir`.
pub fn render_all(
    dir: &Path,
    ds: &Dataset,
    net: &Network,
    r: &Results,
    labels: Labels,
    color_by: ColorBy,
    st: &style::Style,
) -> Result<Vec<Figure>, Error> {
    Ok(vec![
        write_chart(
            dir,
            &network_map::NetworkMap::new(ds, net, r, labels, color_by),
            st,
        )?,
        write_chart(dir, &two_mode::TwoModeView::new(ds, net, r, labels), st)?,
        write_chart(dir, &ranking::CentralityRanking::new(ds, r, labels), st)?,
        write_chart(dir, &heatmap::RegionHeatmap::new(r, labels), st)?,
        write_chart(dir, &programs::ProgramComparison::new(r, labels), st)?,
        write_chart(dir, &coverage::CoverageMatrix::new(ds, r, labels), st)?,
        write_chart(dir, &growth::Growth::new(ds, r, labels), st)?,
        write_chart(dir, &degrees::DegreeDistribution::new(r), st)?,
        write_chart(
            dir,
            &compliance::ComplianceChart::new(&r.rules, &r.compliance),
            st,
        )?,
    ])
}
