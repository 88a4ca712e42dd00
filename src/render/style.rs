//! Style shared by every chart: sizes for an A4 page, the colour-blind-safe palette
//! (Okabe–Ito), one colour per programme across all figures, text sizes.

use plotters::style::RGBColor;

use super::font::FAMILY;

/// Figure width and height in pixels (SVG user units and PNG pixels): 16:10 at
/// 1600 px, i.e. 16 cm wide at 254 dpi, the text width of an A4 page.
pub const SIZE: (u32, u32) = (1600, 1000);

/// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(240, 228, 66),  // yellow
    RGBColor(0, 0, 0),       // black
];

/// Text colour.
pub const INK: RGBColor = RGBColor(33, 33, 33);
/// Grid and axis colour.
pub const GRID: RGBColor = RGBColor(200, 200, 200);

/// Font family for every text (the CSS list in SVG; the registered font in PNG).
pub const FONT: &str = FAMILY;
/// Title size, px.
pub const TITLE: u32 = 40;
/// Axis label size, px.
pub const LABEL: u32 = 26;
/// Tick label size, px.
pub const TICK: u32 = 22;

/// The colour of the `i`-th programme in code-point order: stable across figures.
pub fn program_color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// A sequential blue scale for heat maps, `t` in [0, 1] (white → dark blue).
pub fn sequential(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    RGBColor(lerp(247.0, 8.0), lerp(251.0, 48.0), lerp(255.0, 107.0))
}
