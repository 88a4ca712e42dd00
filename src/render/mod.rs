//! Render: an [`Analysis`] (or comparison rows, or rule findings) → [`Figure`]s, each
//! chart drawn once by one function into SVG and PNG bytes. One file per chart kind;
//! style, font, the shared bar frame ([`bars`]) and legend strip ([`legend`]) in one place
//! each.
//!
//! Knows nothing of files, CSV or HTML: the figures go back to the command, which hands
//! them to the report and to the staging folder. Names from the data reach SVG only
//! through plotters' SVG backend, which escapes text and attribute values.

pub mod bars;
pub mod brokerage;
pub mod communities;
pub mod comparison;
pub mod compliance;
pub mod consortium_growth;
pub mod coverage;
pub mod degrees;
pub mod ei;
pub mod entries_exits;
pub mod evolution;
pub mod font;
pub mod growth;
pub mod heatmap;
pub mod layout;
pub mod legend;
pub mod network_map;
pub mod programs;
pub mod ranking;
pub mod region_map;
pub mod scale;
pub mod style;
pub mod two_mode;

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::error::Error;
use crate::metrics::Analysis;
use crate::output::{Figure, MapView};

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

/// `root` with `title` on top, below a top margin: plotters places a title's top at the
/// area's edge, where the tall CJK glyphs of the font would be clipped.
pub fn titled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    st: &style::Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.margin(st.u(14), 0, 0, 0)
        .titled(title, (style::FONT, st.title()))
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
/// importance. Widths are measured with the figures' font.
#[derive(Debug, Default)]
pub struct LabelPlacer {
    placed: Vec<(i32, i32, i32, i32)>,
}

impl LabelPlacer {
    /// Width in px of `text` in `size`-px type, measured with the figures' font.
    pub fn width(text: &str, size: u32) -> i32 {
        font::text_width(text, size)
    }

    /// Mark a box (left, top, right, bottom) as taken, e.g. a node, so no label covers it.
    pub fn block(&mut self, b: (i32, i32, i32, i32)) {
        self.placed.push(b);
    }

    /// Whether `text` at (x, y) in `size`-px type fits; if so it is recorded as placed.
    pub fn try_place(&mut self, x: i32, y: i32, text: &str, size: u32) -> bool {
        let width = Self::width(text, size);
        let size = size as i32;
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
    let pdf = pdf_of(&svg).map_err(fail)?;
    Ok(Figure {
        name: chart.name(),
        caption: chart.caption(),
        svg,
        png,
        pdf,
    })
}

/// The PDF of a drawn SVG (svg2pdf over usvg), its text kept as text in the figures' font,
/// embedded as a subset. No date or producer-dependent field is written, so the same SVG
/// gives the same bytes.
fn pdf_of(svg: &str) -> Result<Vec<u8>, String> {
    use svg2pdf::usvg;
    static FONTS: OnceLock<(Arc<usvg::fontdb::Database>, String)> = OnceLock::new();
    let (db, family) = FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(font::registered_bytes().to_vec());
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map(|f| f.0.clone())
            .unwrap_or_default();
        db.set_sans_serif_family(family.clone());
        (Arc::new(db), family)
    });
    let options = usvg::Options {
        fontdb: db.clone(),
        font_family: family.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let pdf = svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| e.to_string())?;
    Ok(sort_resource_entries(pdf))
}

/// svg2pdf writes each resource dictionary (`/xo12 34 0 R` lines) in the order of a hash
/// map, which varies between runs. Entry order means nothing in a PDF dictionary, so each
/// run of such lines is sorted: the same bytes every time, and every line keeps its
/// length, so the cross-reference offsets stay right.
fn sort_resource_entries(pdf: Vec<u8>) -> Vec<u8> {
    fn is_entry(line: &[u8]) -> bool {
        let t = line.trim_ascii_start();
        let mut words = t.split(|&b| b == b' ');
        let name = words.next().unwrap_or_default();
        let (num, gen, r) = (words.next(), words.next(), words.next());
        name.len() > 1
            && name[0] == b'/'
            && name[1..].iter().all(u8::is_ascii_alphanumeric)
            && num.is_some_and(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit))
            && gen == Some(b"0")
            && r == Some(b"R")
            && words.next().is_none()
    }
    let mut out = Vec::with_capacity(pdf.len());
    let mut run: Vec<&[u8]> = Vec::new();
    for line in pdf.split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        if line.ends_with(b"\n") && is_entry(body) {
            run.push(line);
            continue;
        }
        run.sort_unstable();
        out.extend(run.drain(..).flatten());
        out.extend_from_slice(line);
    }
    run.sort_unstable();
    out.extend(run.drain(..).flatten());
    out
}

/// Every character a figure of this dataset may draw: names, regions, programmes,
/// segments, chains, and the fixed labels (for choosing a font that covers them).
pub fn text_of(ds: &Dataset) -> BTreeSet<char> {
    let mut text = String::from(FIXED_TEXT);
    for o in &ds.organizations {
        text.push_str(&o.name);
        text.push_str(&o.province);
        text.push_str(&o.city);
    }
    for c in &ds.consortia {
        text.push_str(&c.name);
        text.push_str(&c.program);
    }
    for c in &ds.chains {
        text.push_str(c.name.as_deref().unwrap_or(""));
    }
    for s in &ds.segments {
        text.push_str(&s.name);
    }
    text.chars().collect()
}

/// Text the charts draw themselves (titles, axis words): Chinese and English.
const FIXED_TEXT: &str =
    "0123456789.,:;%()[]/-–—·×≥≤ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Every figure of an analysis, in the report's order.
/// The network as the map, the interactive view and the exports show it (see
/// [`network_map::map_view`]).
pub fn analysis_view(a: &Analysis, labels: Labels) -> MapView {
    network_map::map_view(
        &a.dataset,
        &a.network,
        &a.results,
        labels,
        a.config.color_by,
        network_map::VIEW_MAX,
    )
}

/// Every figure of an analysis, in the report's order; the network map draws `view`.
pub fn analysis_figures(
    a: &Analysis,
    view: &MapView,
    labels: Labels,
    st: &style::Style,
) -> Result<Vec<Figure>, Error> {
    let (ds, net, r) = (&a.dataset, &a.network, &a.results);
    let e = &r.evolution;
    // Each figure is laid out and drawn on its own (in parallel; the list keeps the
    // report's order, and no figure reads another, so the bytes do not depend on it).
    type Job<'j> = Box<dyn Fn() -> Result<Option<Figure>, Error> + Send + Sync + 'j>;
    let jobs: Vec<Job> = vec![
        Box::new(|| {
            draw(
                &network_map::NetworkMap::new(ds, view, labels, a.config.color_by),
                st,
            )
            .map(Some)
        }),
        Box::new(|| draw(&two_mode::TwoModeView::new(ds, net, r, labels), st).map(Some)),
        Box::new(|| draw(&ranking::CentralityRanking::new(ds, r, labels), st).map(Some)),
        Box::new(|| draw(&heatmap::RegionHeatmap::new(r, labels), st).map(Some)),
        Box::new(|| draw(&region_map::RegionMap::new(ds, net), st).map(Some)),
        Box::new(|| draw(&programs::ProgramComparison::new(ds, r, labels), st).map(Some)),
        Box::new(|| draw(&coverage::CoverageMatrix::new(ds, r, labels), st).map(Some)),
        Box::new(|| draw(&growth::Growth::new(ds, r, labels), st).map(Some)),
        Box::new(|| draw(&degrees::DegreeDistribution::new(r), st).map(Some)),
        Box::new(|| {
            draw(
                &compliance::ComplianceChart::new(&r.rules, &r.compliance),
                st,
            )
            .map(Some)
        }),
        // The structural figures exist when the projection was built (metrics::compute).
        Box::new(|| {
            r.communities
                .as_ref()
                .map(|comm| {
                    draw(
                        &communities::CommunityMatrix::new(ds, net, comm, labels),
                        st,
                    )
                })
                .transpose()
        }),
        Box::new(|| {
            r.structure
                .as_ref()
                .map(|structure| {
                    draw(
                        &brokerage::BrokerageRoles::new(&r.regions, structure, labels),
                        st,
                    )
                })
                .transpose()
        }),
        Box::new(|| draw(&ei::EiChart::new(&r.ei, labels), st).map(Some)),
        // Over time: only when the data has dates.
        Box::new(|| {
            (!e.years.is_empty())
                .then(|| draw(&evolution::EvolutionPanels::new(e, r, labels), st))
                .transpose()
        }),
        Box::new(|| {
            (!e.years.is_empty())
                .then(|| draw(&entries_exits::EntriesExits::new(e, r, labels), st))
                .transpose()
        }),
        Box::new(|| {
            (!e.years.is_empty() && !e.growth.is_empty())
                .then(|| draw(&consortium_growth::ConsortiumGrowth::new(e, r, labels), st))
                .transpose()
        }),
    ];
    let drawn: Vec<Result<Option<Figure>, Error>> = jobs.par_iter().map(|job| job()).collect();
    let mut figures = Vec::with_capacity(drawn.len());
    for f in drawn {
        figures.extend(f?);
    }
    Ok(figures)
}
