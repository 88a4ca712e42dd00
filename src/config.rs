//! Validated, typed options for the library. Only `cli.rs` knows about flags and strings;
//! everything downstream takes these types.

use std::path::PathBuf;

/// What counts as a region when deciding whether a tie crosses regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionLevel {
    /// The organisation's `province` (the default).
    #[default]
    Province,
    /// `province/city`, so equal city names in two provinces stay apart.
    City,
}

impl RegionLevel {
    /// The flag value.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::Province => "province",
            RegionLevel::City => "city",
        }
    }
}

/// What the nodes of the network map are coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorBy {
    /// Organisation type (the default).
    #[default]
    Type,
    /// Region at the run's region level.
    Region,
    /// Programme of the organisation's collaborations ("multiple" when several).
    Program,
}

impl ColorBy {
    /// The flag value.
    pub fn as_str(self) -> &'static str {
        match self {
            ColorBy::Type => "type",
            ColorBy::Region => "region",
            ColorBy::Program => "program",
        }
    }
}

/// Options of `consortia analyze`.
#[derive(Debug, Clone)]
pub struct AnalyzeConfig {
    /// The dataset directory (the contract's CSV files).
    pub dataset: PathBuf,
    /// The output directory; replaced as a whole on success, untouched on failure.
    pub out: PathBuf,
    /// Region level for cross-region ties and non-local members.
    pub region_level: RegionLevel,
    /// Worker threads for the parallel metrics; `None` = one per core. Never changes
    /// any output.
    pub threads: Option<usize>,
    /// Font file for the figures (must cover Chinese); `None` = `CONSORTIA_FONT`, then the
    /// system's usual locations.
    pub font: Option<PathBuf>,
    /// Network-map colouring.
    pub color_by: ColorBy,
    /// Figure width in pixels (PNG pixels, SVG user units); height is 10/16 of it.
    pub figure_width: u32,
    /// Programme rules file (TOML); `None` = the shipped `rules/default.toml`.
    pub rules: Option<PathBuf>,
}

impl AnalyzeConfig {
    /// Options with the defaults for everything but the two paths.
    pub fn new(dataset: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        AnalyzeConfig {
            dataset: dataset.into(),
            out: out.into(),
            region_level: RegionLevel::default(),
            threads: None,
            font: None,
            color_by: ColorBy::default(),
            figure_width: 1600,
            rules: None,
        }
    }
}
