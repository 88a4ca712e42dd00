//! Render: an [`Analysis`] (or comparison rows, or rule findings) → [`Figure`]s, each
//! chart drawn once by one function into SVG and PNG bytes. One file per chart kind;
//! style, font and the shared bar frame ([`bars`]) in one place each.
//!
//! Knows nothing of files, CSV or HTML: the figures go back to the command, which hands
//! them to the report and to the staging folder. Names from the data reach SVG only
//! through plotters' SVG backend, which escapes text and attribute values.

pub mod bars;
pub mod brokerage;
pub mod communities;
pub mod comparison;
pub mod compliance;
pub mod coverage;
pub mod degrees;
pub mod ei;
pub mod font;
pub mod growth;
pub mod heatmap;
pub mod layout;
pub mod network_map;
pub mod programs;
pub mod ranking;
pub mod style;
pub mod two_mode;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::dataset::Dataset;
use crate::error::Error;
use crate::metrics::Analysis;
use crate::output::Figure;

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

/// Draw one chart as SVG and PNG (the PNG encoded as plotters' file backend would: the
/// `image` crate's default PNG encoder, so the bytes are the same).
pub fn draw(chart: &impl Chart, st: &style::Style) -> Result<Figure, Error> {
    let fail = |e: String| {
        Error::io(
            format!("cannot draw {}", chart.name()),
            std::io::Error::other(e),
        )
    };
    let (w, h) = st.size();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        chart.draw(&root, st).map_err(|e| fail(format!("{e:?}")))?;
        root.present().map_err(|e| fail(format!("{e:?}")))?;
    }
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        chart.draw(&root, st).map_err(|e| fail(format!("{e:?}")))?;
        root.present().map_err(|e| fail(format!("{e:?}")))?;
    }
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &rgb,
        w,
        h,
        image::ColorType::Rgb8,
    )
    .map_err(|e| fail(e.to_string()))?;
    Ok(Figure {
        name: chart.name(),
        caption: chart.caption(),
        svg,
        png,
    })
}

/// Every figure of an analysis, in the report's order.
pub fn analysis_figures(
    a: &Analysis,
    labels: Labels,
    st: &style::Style,
) -> Result<Vec<Figure>, Error> {
    let (ds, net, r) = (&a.dataset, &a.network, &a.results);
    Ok(vec![
        draw(
            &network_map::NetworkMap::new(ds, net, r, labels, a.config.color_by),
            st,
        )?,
        draw(&two_mode::TwoModeView::new(ds, net, r, labels), st)?,
        draw(&ranking::CentralityRanking::new(ds, r, labels), st)?,
        draw(&heatmap::RegionHeatmap::new(r, labels), st)?,
        draw(&programs::ProgramComparison::new(r, labels), st)?,
        draw(&coverage::CoverageMatrix::new(ds, r, labels), st)?,
        draw(&growth::Growth::new(ds, r, labels), st)?,
        draw(&degrees::DegreeDistribution::new(r), st)?,
        draw(
            &compliance::ComplianceChart::new(&r.rules, &r.compliance),
            st,
        )?,
        draw(&communities::CommunityMatrix::new(ds, net, r, labels), st)?,
        draw(&brokerage::BrokerageRoles::new(r, labels), st)?,
        draw(&ei::EiChart::new(r, labels), st)?,
    ])
}
