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

/// How betweenness is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BetweennessChoice {
    /// Exact up to [`AUTO_EXACT_MAX_ORGS`] organisations, sampled above (the default).
    #[default]
    Auto,
    /// Brandes, exact.
    Exact,
    /// Riondato–Kornaropoulos sampling with the run's epsilon, delta and seed.
    Approx,
}

/// Above this many organisations `--betweenness auto` samples (exact Brandes is
/// O(n · ties): about 35 s for 20,000 organisations and 850,000 ties on 2 cores, and it
/// grows with the square of the size).
pub const AUTO_EXACT_MAX_ORGS: usize = 50_000;

/// Settings of the betweenness computation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BetweennessConfig {
    /// Exact, sampled, or chosen by size.
    pub choice: BetweennessChoice,
    /// Additive error bound of the sampled estimate (paper normalisation).
    pub epsilon: f64,
    /// Probability that the bound fails.
    pub delta: f64,
    /// Seed of the samples.
    pub seed: u64,
}

impl Default for BetweennessConfig {
    fn default() -> Self {
        BetweennessConfig {
            choice: BetweennessChoice::Auto,
            epsilon: 0.01,
            delta: 0.1,
            seed: 1,
        }
    }
}

impl BetweennessChoice {
    /// The flag value.
    pub fn as_str(self) -> &'static str {
        match self {
            BetweennessChoice::Auto => "auto",
            BetweennessChoice::Exact => "exact",
            BetweennessChoice::Approx => "approx",
        }
    }
}

impl BetweennessConfig {
    /// Whether a graph of `n` organisations is sampled.
    pub fn samples(&self, n: usize) -> bool {
        match self.choice {
            BetweennessChoice::Exact => false,
            BetweennessChoice::Approx => true,
            BetweennessChoice::Auto => n > AUTO_EXACT_MAX_ORGS,
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
    /// Exact or sampled betweenness.
    pub betweenness: BetweennessConfig,
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
            betweenness: BetweennessConfig::default(),
        }
    }
}
