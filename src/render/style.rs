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

/// Pixel scale of a figure: every size in the charts is designed for the 1600-px
/// [`SIZE`] and multiplied by `scale` (`--width` / 1600, or `--dpi` × 16 cm ÷ 2.54 / 1600).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Multiplier of every pixel size.
    pub scale: f64,
}

impl Default for Style {
    fn default() -> Self {
        Style { scale: 1.0 }
    }
}

impl Style {
    /// A style for a figure `width` pixels wide.
    pub fn for_width(width: u32) -> Self {
        Style {
            scale: width as f64 / SIZE.0 as f64,
        }
    }
    /// Figure size in pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.u(SIZE.0), self.u(SIZE.1))
    }
    /// Scale an unsigned size.
    pub fn u(&self, v: u32) -> u32 {
        ((v as f64 * self.scale).round() as u32).max(1)
    }
    /// Scale a signed size.
    pub fn i(&self, v: i32) -> i32 {
        (v as f64 * self.scale).round() as i32
    }
    /// Title text size.
    pub fn title(&self) -> u32 {
        self.u(TITLE)
    }
    /// Axis label text size.
    pub fn label(&self) -> u32 {
        self.u(LABEL)
    }
    /// Tick label text size.
    pub fn tick(&self) -> u32 {
        self.u(TICK)
    }
}

/// Font family for every text (the CSS list in SVG; the registered font in PNG).
pub const FONT: &str = FAMILY;
/// Title size, px.
pub const TITLE: u32 = 40;
/// Axis label size, px.
pub const LABEL: u32 = 26;
/// Tick label size, px.
pub const TICK: u32 = 22;

/// Colours after the eight of Okabe–Ito, for groups 9 to 12 (Paul Tol's muted scheme).
pub const EXTRA: [RGBColor; 4] = [
    RGBColor(136, 34, 85),  // wine
    RGBColor(68, 170, 153), // teal
    RGBColor(153, 153, 51), // olive
    RGBColor(170, 68, 153), // purple
];

/// The colour of the `i`-th programme (or compared group) in order: stable across figures;
/// twelve distinct colours, then they repeat.
pub fn program_color(i: usize) -> RGBColor {
    let i = i % (PALETTE.len() + EXTRA.len());
    if i < PALETTE.len() {
        PALETTE[i]
    } else {
        EXTRA[i - PALETTE.len()]
    }
}

/// A sequential blue scale for heat maps, `t` in [0, 1] (white → dark blue).
pub fn sequential(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    RGBColor(lerp(247.0, 8.0), lerp(251.0, 48.0), lerp(255.0, 107.0))
}

/// The colour slot of `program` in an analysis's figures: its place among the programmes
/// of `program_comparison.csv` (`known`), else after them in the order of `all` (a
/// programme the `--as-of` network does not have yet, seen only in the yearly panel).
pub fn program_slot(program: &str, known: &[&str], all: &[String]) -> usize {
    known.iter().position(|p| *p == program).unwrap_or_else(|| {
        known.len()
            + all
                .iter()
                .filter(|p| !known.contains(&p.as_str()))
                .position(|p| p == program)
                .unwrap_or(0)
    })
}
