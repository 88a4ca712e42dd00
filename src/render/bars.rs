//! The frame every bar chart shares: a titled chart whose categories run down the y axis
//! (horizontal bars, the first category on top) over a value axis from 0, with the grid,
//! tick labels and axis description in the shared style. Charts draw their bars on it
//! with [`bar`].

use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{Style, FONT, GRID};

/// The coordinate system of a horizontal bar chart: values across, category slots down.
pub type HorizontalBars = Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordusize>>;

/// Draw the frame of a horizontal bar chart on `root`: `title` on top, one slot per label
/// (`labels[0]` at the top), values from 0 to `max` described by `x_desc`, and room of
/// `label_width` px (at 1600 px) for the labels. Slot `i` counts from the bottom, so
/// label `j` sits in slot `labels.len() − 1 − j`.
pub fn horizontal<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    st: &Style,
    title: &str,
    x_desc: &str,
    labels: &[String],
    max: f64,
    label_width: u32,
) -> Result<ChartContext<'a, DB, HorizontalBars>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    horizontal_range(root, st, title, x_desc, labels, 0.0..max, label_width)
}

/// [`horizontal`] over any value range (an index from −1 to 1, say), drawn on `root`
/// without filling it first (so it can be one panel of a figure).
pub fn horizontal_range<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    st: &Style,
    title: &str,
    x_desc: &str,
    labels: &[String],
    range: std::ops::Range<f64>,
    label_width: u32,
) -> Result<ChartContext<'a, DB, HorizontalBars>, DrawingAreaErrorKind<DB::ErrorType>> {
    let k = labels.len().max(1);
    let label = |i: usize| labels.get(k - 1 - i).cloned().unwrap_or_default();
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, st.title()))
        .margin(st.u(24))
        .x_label_area_size(st.u(70))
        .y_label_area_size(st.u(label_width))
        .build_cartesian_2d(range, (0..k - 1).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .bold_line_style(GRID)
        .light_line_style(WHITE)
        .y_labels(k)
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => label(*i),
            _ => String::new(),
        })
        .x_desc(x_desc)
        .label_style((FONT, st.tick()))
        .axis_desc_style((FONT, st.label()))
        .draw()?;
    Ok(chart)
}

/// A bar in slot `slot` from `from` to `to`, inset from its slot's edges. Bars are drawn
/// as explicit rectangles in a fixed order (plotters' Histogram accumulates in a HashMap,
/// so its element order — and the SVG bytes — would vary between runs).
pub fn bar(
    slot: usize,
    from: f64,
    to: f64,
    color: RGBColor,
    st: &Style,
) -> Rectangle<(f64, SegmentValue<usize>)> {
    let mut bar = Rectangle::new(
        [
            (from, SegmentValue::Exact(slot)),
            (to, SegmentValue::Exact(slot + 1)),
        ],
        color.filled(),
    );
    bar.set_margin(st.u(6), st.u(6), 0, 0);
    bar
}
