//! A colour scale (legend bar) for heat maps: the colour ramp from its low end (bottom) to
//! its high end (top), ticks at given values, and a title above.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{Style, FONT, GRID};

/// Steps the ramp is drawn in.
const STEPS: i32 = 64;

/// Draw a vertical colour scale with its bar at `(x, y)` (top left), `width` × `height` px:
/// `color(t)` for t from 0 (bottom) to 1 (top), a tick and its label at each `(t, label)`,
/// and `title` above the bar.
#[allow(clippy::too_many_arguments)]
pub fn vertical<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    (x, y, width, height): (i32, i32, i32, i32),
    title: &str,
    color: impl Fn(f64) -> RGBColor,
    ticks: &[(f64, String)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for s in 0..STEPS {
        let t = (s as f64 + 0.5) / STEPS as f64;
        let y1 = y + height - (s * height) / STEPS;
        let y0 = y + height - ((s + 1) * height) / STEPS;
        root.draw(&Rectangle::new(
            [(x, y0), (x + width, y1)],
            color(t).filled(),
        ))?;
    }
    root.draw(&Rectangle::new(
        [(x, y), (x + width, y + height)],
        GRID.stroke_width(st.u(1)),
    ))?;
    let font = (FONT, st.tick()).into_font().color(&BLACK);
    for (t, label) in ticks {
        let ty = y + height - (t.clamp(0.0, 1.0) * height as f64).round() as i32;
        root.draw(&PathElement::new(
            vec![(x + width, ty), (x + width + st.i(6), ty)],
            BLACK.stroke_width(st.u(1)),
        ))?;
        root.draw(&Text::new(
            label.clone(),
            (x + width + st.i(10), ty),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    root.draw(&Text::new(
        title.to_string(),
        (x, y - st.i(14)),
        font.pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))?;
    Ok(())
}

/// Tick values for a count scale up to `max` drawn as log(1 + v) / log(1 + max): 0, 1,
/// 10, 100, … below `max`, and `max` itself.
pub fn log_ticks(max: u64) -> Vec<(f64, String)> {
    let t = |v: u64| (1.0 + v as f64).ln() / (1.0 + max.max(1) as f64).ln();
    let mut ticks = vec![(0.0, "0".to_string())];
    let mut v = 1u64;
    while v < max {
        if t(v) < 0.92 {
            ticks.push((t(v), v.to_string()));
        }
        v *= 10;
    }
    if max > 0 {
        ticks.push((1.0, max.to_string()));
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ticks_by_hand() {
        let ticks = log_ticks(250);
        let labels: Vec<&str> = ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels, ["0", "1", "10", "100", "250"]);
        // 10 sits at log(11)/log(251) of the bar.
        assert!((ticks[2].0 - 11f64.ln() / 251f64.ln()).abs() < 1e-12);
        assert_eq!(log_ticks(1).len(), 2);
    }
}
