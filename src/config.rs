//! Validated, typed options for the library, one type per command, each checked where it
//! is built ([`BetweennessConfig::new`], [`figure_width`], [`RandomShape::new`]) so that
//! nothing downstream re-checks a flag. Only `cli.rs` and `runfile.rs` know how options
//! are spelled; everything else takes these types. Imports nothing above it.

use std::path::PathBuf;

use crate::error::Error;

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
    /// Leiden community (the largest ones coloured, the rest grey).
    Community,
}

impl ColorBy {
    /// The flag value.
    pub fn as_str(self) -> &'static str {
        match self {
            ColorBy::Type => "type",
            ColorBy::Region => "region",
            ColorBy::Program => "program",
            ColorBy::Community => "community",
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
    /// Validated settings: `epsilon` and `delta` strictly between 0 and 1.
    pub fn new(
        choice: BetweennessChoice,
        epsilon: f64,
        delta: f64,
        seed: u64,
    ) -> Result<Self, Error> {
        let in_unit = |x: f64| x > 0.0 && x < 1.0;
        if !in_unit(epsilon) || !in_unit(delta) {
            return Err(Error::Usage(format!(
                "--epsilon and --delta must be between 0 and 1 (exclusive); got {epsilon} and {delta}"
            )));
        }
        Ok(BetweennessConfig {
            choice,
            epsilon,
            delta,
            seed,
        })
    }

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
    /// The dataset: a folder of the contract's tables (CSV files and/or workbooks), or
    /// one workbook.
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
    /// Communities, E-I permutations, gap partners and rank stability.
    pub structure: StructureConfig,
    /// Analyse the network as it stood at the end of this year (see [`as_of_year`]);
    /// `None` = everything, whatever its dates.
    pub as_of: Option<i32>,
    /// A `--columns` map of headers to contract columns (TOML); `None` = the built-in
    /// header names only.
    pub columns: Option<PathBuf>,
    /// Ties above which the organisation projection is not built (`--projection-budget`;
    /// see `network::Network::build_within`).
    pub projection_budget: u64,
    /// Also write every table as `tables/<name>.parquet` (`--parquet`); only `true` in a
    /// binary built with the `parquet` feature (see [`parquet_output`]).
    pub parquet: bool,
}

/// Whether this binary was built with the `parquet` feature (polars): Parquet input,
/// `--parquet` output and the yearly panel on data frames.
pub const PARQUET_BUILT: bool = cfg!(feature = "parquet");

/// What to say when Parquet is asked of a binary built without it.
pub const PARQUET_MISSING: &str = "this consortia was built without the `parquet` feature \
     (cargo build --release --no-default-features); rebuild with it: cargo build --release";

/// A validated `--parquet`: refused, naming the feature, when this binary was built
/// without it.
pub fn parquet_output(requested: bool) -> Result<bool, String> {
    if requested && !PARQUET_BUILT {
        return Err(format!("--parquet: {PARQUET_MISSING}"));
    }
    Ok(requested)
}

/// Ties of the organisation projection built at most by default: 75 million (150 million
/// adjacency entries of 8 bytes, about 1.2 GB, twice that while it is gathered).
pub const DEFAULT_PROJECTION_TIES: u64 = 75_000_000;

/// Years `--as-of` accepts: the dates of the contract have four digits, and a consortium
/// or project before 1900 or after 2100 is a typo rather than a plan.
pub const AS_OF_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A validated `--as-of` year.
pub fn as_of_year(year: i32) -> Result<i32, String> {
    if AS_OF_YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(format!(
            "--as-of {year}: expected a year from {} to {}",
            AS_OF_YEARS.start(),
            AS_OF_YEARS.end()
        ))
    }
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
            as_of: None,
            structure: StructureConfig::default(),
            columns: None,
            projection_budget: DEFAULT_PROJECTION_TIES,
            parquet: false,
        }
    }
}

/// Settings of the structural measures: Leiden's resolution, the E-I permutation test,
/// gap partners per segment and the ranking-stability resamples. `seed` is the run's
/// `--seed` (the same value seeds sampled betweenness).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StructureConfig {
    /// Modularity resolution γ of the Leiden communities.
    pub resolution: f64,
    /// Label permutations of the E-I test (0 = no test).
    pub permutations: u32,
    /// Candidates written per uncovered critical segment.
    pub partners: u32,
    /// Resamples of the ranking-stability check (0 = off).
    pub stability: u32,
    /// Seed of Leiden, the permutations and the resamples.
    pub seed: u64,
}

impl Default for StructureConfig {
    fn default() -> Self {
        StructureConfig {
            resolution: 1.0,
            permutations: DEFAULT_PERMUTATIONS,
            partners: 5,
            stability: 0,
            seed: 1,
        }
    }
}

/// Default label permutations of the E-I test.
pub const DEFAULT_PERMUTATIONS: u32 = 2000;
/// Most permutations, resamples and partners accepted (each costs a pass over the data).
pub const MAX_REPEATS: u32 = 1_000_000;

impl StructureConfig {
    /// Validated settings: a positive, finite resolution; permutations, partners and
    /// resamples at most [`MAX_REPEATS`].
    pub fn new(
        resolution: f64,
        permutations: u32,
        partners: u32,
        stability: u32,
        seed: u64,
    ) -> Result<Self, Error> {
        if !(resolution.is_finite() && resolution > 0.0) {
            return Err(Error::Usage(format!(
                "--resolution must be a positive number; got {resolution}"
            )));
        }
        for (flag, v) in [
            ("--permutations", permutations),
            ("--partners", partners),
            ("--stability", stability),
        ] {
            if v > MAX_REPEATS {
                return Err(Error::Usage(format!(
                    "{flag} must be at most {MAX_REPEATS}; got {v}"
                )));
            }
        }
        Ok(StructureConfig {
            resolution,
            permutations,
            partners,
            stability,
            seed,
        })
    }
}

/// Default figure width in pixels (16:10, 16 cm at 254 dpi).
pub const DEFAULT_FIGURE_WIDTH: u32 = 1600;
/// Allowed figure widths in pixels.
pub const FIGURE_WIDTHS: std::ops::RangeInclusive<u32> = 400..=12000;
/// Allowed print resolutions in dots per inch.
pub const FIGURE_DPIS: std::ops::RangeInclusive<u32> = 72..=1200;

/// The figure width from `--width` or `--dpi` (16 cm, an A4 text width, at that many dots
/// per inch: 300 dpi → 1890 px), else [`DEFAULT_FIGURE_WIDTH`]; the width wins when both
/// are given. Out-of-range values are refused with the allowed range.
pub fn figure_width(width: Option<u32>, dpi: Option<u32>) -> Result<u32, String> {
    match (width, dpi) {
        (Some(w), _) if FIGURE_WIDTHS.contains(&w) => Ok(w),
        (Some(w), _) => Err(format!("width {w}: expected 400 to 12000")),
        (None, Some(d)) if FIGURE_DPIS.contains(&d) => Ok((d as f64 * 16.0 / 2.54).round() as u32),
        (None, Some(d)) => Err(format!("dpi {d}: expected 72 to 1200")),
        (None, None) => Ok(DEFAULT_FIGURE_WIDTH),
    }
}

/// Options of `consortia check`.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// The dataset folder.
    pub dataset: PathBuf,
    /// Rule sets file; `None` = the shipped rules.
    pub rules: Option<PathBuf>,
    /// Where to write the compliance table and figure, if anywhere.
    pub out: Option<PathBuf>,
    /// Whether a failed rule makes the command fail (exit 4).
    pub strict: bool,
    /// Font file for the figure.
    pub font: Option<PathBuf>,
    /// A `--columns` map of headers (as for analyze).
    pub columns: Option<PathBuf>,
}

/// Options of `consortia validate`.
#[derive(Debug, Clone)]
pub struct ValidateConfig {
    /// The dataset folder or workbook.
    pub dataset: PathBuf,
    /// A `--columns` map of headers (as for analyze).
    pub columns: Option<PathBuf>,
}

/// What a comparison groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// Each programme of each dataset.
    Program,
    /// Each dataset as a whole.
    Dataset,
    /// Each programme of each dataset, year by year: by calendar year and at a common age
    /// (years since the programme's first consortium).
    Year,
}

impl GroupBy {
    /// The word for the page.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Program => "programme",
            GroupBy::Dataset => "dataset",
            GroupBy::Year => "programme and year",
        }
    }
}

/// Bootstrap settings of the comparison's intervals.
#[derive(Debug, Clone, Copy)]
pub struct Bootstrap {
    /// Resamples.
    pub resamples: u32,
    /// Seed; each (group, indicator) derives its own stream from it and its label.
    pub seed: u64,
}

/// Options of `consortia compare`.
#[derive(Debug, Clone)]
pub struct CompareConfig {
    /// Dataset folders, in the order given.
    pub datasets: Vec<PathBuf>,
    /// Output folder, replaced on success.
    pub out: PathBuf,
    /// Grouping.
    pub by: GroupBy,
    /// Bootstrap resamples and seed for the intervals.
    pub bootstrap: Bootstrap,
    /// Font file for the figures.
    pub font: Option<PathBuf>,
    /// Figure width in pixels.
    pub figure_width: u32,
    /// A `--columns` map of headers, for every dataset (as for analyze).
    pub columns: Option<PathBuf>,
}

/// The shape of a random dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RandomShape {
    /// Organisations (at least 1).
    pub orgs: usize,
    /// Consortia.
    pub consortia: usize,
    /// Joint projects.
    pub projects: usize,
    /// Write messy-but-valid files (encodings, padding, missing leads, repeats).
    pub quirks: bool,
    /// Connect the network as real collaboration networks are: every organisation in a
    /// consortium, and every consortium sharing a member with an earlier one (one
    /// component).
    pub connected: bool,
    /// Members of one extra, very large collaboration (a national alliance listing all its
    /// participants); 0 = none.
    pub giant: usize,
}

impl RandomShape {
    /// Named sizes: tiny 200 / small 2,000 / medium 20,000 / large 200,000 organisations,
    /// with 8% as many consortia and 12.5% as many projects.
    pub const PRESETS: [(&'static str, usize, usize, usize); 4] = [
        ("tiny", 200, 16, 20),
        ("small", 2_000, 160, 250),
        ("medium", 20_000, 1_600, 2_500),
        ("large", 200_000, 16_000, 25_000),
    ];

    /// A preset, with any of its sizes overridden; refused without organisations.
    pub fn new(
        preset: &str,
        orgs: Option<usize>,
        consortia: Option<usize>,
        projects: Option<usize>,
        quirks: bool,
    ) -> Result<Self, Error> {
        let &(_, o, c, p) = Self::PRESETS
            .iter()
            .find(|x| x.0 == preset)
            .ok_or_else(|| Error::Usage(format!("unknown size {preset:?}")))?;
        let shape = RandomShape {
            orgs: orgs.unwrap_or(o),
            consortia: consortia.unwrap_or(c),
            projects: projects.unwrap_or(p),
            quirks,
            connected: false,
            giant: 0,
        };
        if shape.orgs == 0 {
            return Err(Error::Usage("--orgs must be at least 1".to_string()));
        }
        Ok(shape)
    }
}

/// What `generate` makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Generated {
    /// A random dataset of this shape.
    Random(RandomShape),
    /// The 'models' scenario.
    Scenario,
}

/// Options of `consortia generate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateConfig {
    /// What to generate.
    pub what: Generated,
    /// Seed of the ChaCha8 stream (reproducible across platforms and versions).
    pub seed: u64,
    /// Folder to write the six files into (other files there are kept).
    pub out: PathBuf,
}

/// One dataset of a batch and the options it runs with.
#[derive(Debug, Clone)]
pub struct BatchItem {
    /// Output sub-folder name (unique in the batch).
    pub name: String,
    /// The analysis to run.
    pub config: AnalyzeConfig,
}

/// Options of `consortia batch`: the datasets, each with its analysis options.
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// Output folder.
    pub out: PathBuf,
    /// Datasets analysed at once.
    pub jobs: usize,
    /// The datasets, in the order given.
    pub items: Vec<BatchItem>,
    /// No progress bars.
    pub quiet: bool,
}

/// Default datasets at once: one per two cores (each analysis is itself parallel).
pub fn default_jobs() -> usize {
    (std::thread::available_parallelism().map_or(1, |n| n.get()) / 2).max(1)
}

/// Names for dataset folders: the folder name, repeats numbered `#2`, `#3`, ….
pub fn dataset_names(paths: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in paths {
        let base = p
            .canonicalize()
            .ok()
            .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
            .or_else(|| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "dataset".to_string());
        let mut name = base.clone();
        let mut k = 2;
        while names.contains(&name) {
            name = format!("{base}#{k}");
            k += 1;
        }
        names.push(name);
    }
    names
}
