//! The legend strip under a chart of several panels: a colour swatch and a label per
//! group, four to a row. Shared by the comparison panels and the evolution panels.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{Style, FONT};

/// Labels per legend row.
pub const PER_ROW: usize = 4;

/// Draw `entries` (label, colour) in a strip at the bottom of `root`; returns the area
/// above it for the panels.
pub fn strip<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(String, RGBColor)],
    st: &Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let legend_rows = entries.len().div_ceil(PER_ROW).max(1) as u32;
    let (w, h) = root.dim_in_pixel();
    let (panels, legend) = root.split_vertically(h - st.u(36) * legend_rows - st.u(10));
    let col_w = (w as i32) / PER_ROW as i32;
    for (i, (label, color)) in entries.iter().enumerate() {
        let x = (i % PER_ROW) as i32 * col_w + st.i(20);
        let y = (i / PER_ROW) as i32 * st.i(36) + st.i(18);
        legend.draw(&Rectangle::new(
            [(x, y - st.i(10)), (x + st.i(20), y + st.i(10))],
            color.filled(),
        ))?;
        legend.draw(&Text::new(
            label.clone(),
            (x + st.i(28), y),
            TextStyle::from((FONT, st.tick()).into_font()).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(panels)
}
