//! Command-line flags → typed, validated options ([`Command::into_request`]). With
//! `runfile.rs`, the only module that knows how flags are spelled; each subcommand becomes
//! one [`Request`] for `commands`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::commands::Request;
use crate::config::{
    as_of_year, figure_width, parquet_output, AnalyzeConfig, BetweennessChoice, BetweennessConfig,
    Bootstrap, CheckConfig, ColorBy, CompareConfig, GenerateConfig, Generated, GroupBy,
    RandomShape, RegionLevel, StructureConfig, ValidateConfig, DEFAULT_PERMUTATIONS,
};
use crate::error::Error;

/// Collaboration-network analytics for innovation consortia (创新联合体).
#[derive(Debug, Parser)]
#[command(name = "consortia", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse a dataset: validate it, build the networks, write every table and summary.json.
    Analyze(AnalyzeArgs),
    /// Check a dataset against the contract without writing anything; say how headers
    /// were read.
    Validate {
        /// The dataset folder (organizations.csv, consortia.csv, memberships.csv, … or
        /// workbooks with sheets of those names), or one workbook.
        dataset: PathBuf,
        /// Headers to read as contract columns, per table (TOML: [organizations]
        /// "单位全称" = "name").
        #[arg(long, value_name = "MAP.toml")]
        columns: Option<PathBuf>,
    },
    /// Write a synthetic dataset in the input contract (same seed, same bytes).
    Generate(GenerateArgs),
    /// Check each consortium and joint project against its programme's stated rules.
    Check(CheckArgs),
    /// Compare programmes (or whole datasets) side by side: table, figures, page.
    Compare(CompareArgs),
    /// Analyse many datasets in one run; continues past a failing one.
    Batch(BatchArgs),
    /// For the benchmark: time one plain BFS from every organisation over the projection
    /// (the lower bound of the path metrics) and count the closed-twin classes.
    #[command(hide = true)]
    LowerBound {
        /// The dataset folder.
        dataset: PathBuf,
    },
}

/// Flags of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The dataset folder.
    pub dataset: PathBuf,
    /// Rule sets (TOML; default: the shipped rules/default.toml).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Also write tables/compliance.csv and figures/compliance.{svg,png} into this folder.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Exit with status 4 when any rule fails (by default failures are findings, exit 0).
    #[arg(long)]
    pub strict: bool,
    /// Font file for the figure (as for analyze).
    #[arg(long)]
    pub font: Option<PathBuf>,
    /// Headers to read as contract columns (as for analyze).
    #[arg(long, value_name = "MAP.toml")]
    pub columns: Option<PathBuf>,
}

/// What `compare` groups by.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ByArg {
    /// Each programme of each dataset (prefixed by the dataset's name when several are given).
    Program,
    /// Each dataset as a whole.
    Dataset,
    /// Each programme year by year, by calendar year and at a common age (years since its
    /// first consortium): comparison_by_year.csv.
    Year,
}

/// Flags of `compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// One or more dataset folders.
    #[arg(required = true)]
    pub datasets: Vec<PathBuf>,
    /// Output folder (comparison.csv, figures/, comparison.html); replaced on success.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Groups to compare.
    #[arg(long, value_enum, default_value_t = ByArg::Program)]
    pub by: ByArg,
    /// Bootstrap resamples for the intervals of the means.
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u32).range(100..=100000))]
    pub resamples: u32,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Font file for the figures (as for analyze).
    #[arg(long)]
    pub font: Option<PathBuf>,
    /// Figure width in pixels.
    #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(400..=12000))]
    pub width: u32,
    /// Headers to read as contract columns, for every dataset (as for analyze).
    #[arg(long, value_name = "MAP.toml")]
    pub columns: Option<PathBuf>,
}

impl CompareArgs {
    /// Validated options.
    pub fn into_config(self) -> CompareConfig {
        CompareConfig {
            datasets: self.datasets,
            out: self.out,
            by: match self.by {
                ByArg::Program => GroupBy::Program,
                ByArg::Dataset => GroupBy::Dataset,
                ByArg::Year => GroupBy::Year,
            },
            bootstrap: Bootstrap {
                resamples: self.resamples,
                seed: self.seed,
            },
            font: self.font,
            figure_width: self.width,
            columns: self.columns,
        }
    }
}

/// Flags of `batch`.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Dataset folders (or give them in --config).
    pub datasets: Vec<PathBuf>,
    /// A TOML file with the datasets, the output folder and every analyse option.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
    /// Output folder: one sub-folder per dataset, batch_summary.csv, index.html.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Datasets analysed at the same time (default: 1 per 2 cores, at least 1).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// No progress bars.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Flags of `generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Preset size: tiny (200 organisations), small (2,000), medium (20,000), large (200,000).
    #[arg(long, default_value = "small", value_parser = ["tiny", "small", "medium", "large"])]
    pub size: String,
    /// Seed of the random stream.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Organisations (overrides the preset).
    #[arg(long)]
    pub orgs: Option<usize>,
    /// Consortia (overrides the preset).
    #[arg(long)]
    pub consortia: Option<usize>,
    /// Joint projects (overrides the preset).
    #[arg(long)]
    pub projects: Option<usize>,
    /// Write messy-but-valid files: GB18030 and BOM encodings, CRLF, padded cells,
    /// upper-case headers, leads missing from memberships, repeated rows.
    #[arg(long)]
    pub quirks: bool,
    /// Shape the network like real collaboration networks: every organisation in a
    /// consortium, consortia chained by shared members (one component).
    #[arg(long)]
    pub connected: bool,
    /// Add one collaboration with this many members (a programme listing all its
    /// participants); at most the number of organisations.
    #[arg(long, value_name = "MEMBERS", default_value_t = 0)]
    pub giant_collaboration: usize,
    /// Instead of random data, write a named scenario: `models` (Suzhou's three models,
    /// Xiamen's firm-led consortia, Yangtze-Delta joint projects, central-SOE consortia).
    #[arg(long, value_parser = ["models"])]
    pub scenario: Option<String>,
    /// Folder to write the six CSV files into.
    #[arg(long, short)]
    pub out: PathBuf,
}

impl GenerateArgs {
    /// Validated options.
    pub fn into_config(self) -> Result<GenerateConfig, Error> {
        let what = match self.scenario {
            Some(_) => Generated::Scenario,
            None => {
                let mut shape = RandomShape::new(
                    &self.size,
                    self.orgs,
                    self.consortia,
                    self.projects,
                    self.quirks,
                )?;
                if self.giant_collaboration > shape.orgs {
                    return Err(Error::Usage(format!(
                        "--giant-collaboration {}: at most the {} organisations",
                        self.giant_collaboration, shape.orgs
                    )));
                }
                shape.connected = self.connected;
                shape.giant = self.giant_collaboration;
                Generated::Random(shape)
            }
        };
        Ok(GenerateConfig {
            what,
            seed: self.seed,
            out: self.out,
        })
    }
}

/// Flags of `analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The dataset folder (organizations.csv, consortia.csv, memberships.csv, … or
    /// workbooks with sheets of those names), or one workbook (.xlsx, .xls, .ods).
    pub dataset: PathBuf,
    /// The output folder; replaced as a whole on success, left as it was on failure.
    #[arg(long, short)]
    pub out: PathBuf,
    /// What counts as a region for cross-region ties and non-local members.
    #[arg(long, value_enum, default_value_t = RegionArg::Province)]
    pub region_level: RegionArg,
    /// Worker threads (default: one per core). Never changes the output.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Font file for the figures, covering Latin and Chinese (default: $CONSORTIA_FONT, then
    /// Noto Sans CJK / Source Han Sans / WenQuanYi / PingFang / Microsoft YaHei if installed).
    #[arg(long)]
    pub font: Option<PathBuf>,
    /// What the network map's nodes are coloured by.
    #[arg(long, value_enum, default_value_t = ColorArg::Type)]
    pub color_by: ColorArg,
    /// Figure width in pixels (default 1600; height is 10/16 of the width).
    #[arg(long, conflicts_with = "dpi", value_parser = clap::value_parser!(u32).range(400..=12000))]
    pub width: Option<u32>,
    /// Print resolution: figures 16 cm wide (an A4 text width) at this many dots per inch.
    #[arg(long, value_parser = clap::value_parser!(u32).range(72..=1200))]
    pub dpi: Option<u32>,
    /// Programme rules to check (TOML; default: the shipped rules/default.toml).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Betweenness: exact (Brandes), approx (Riondato–Kornaropoulos sampling), or auto
    /// (exact up to 50,000 organisations).
    #[arg(long, value_enum, default_value_t = BetweennessArg::Auto)]
    pub betweenness: BetweennessArg,
    /// Sampled betweenness: additive error bound (in b(w) = Σ σ_st(w)/σ_st / (n(n−1))).
    #[arg(long, default_value_t = 0.01)]
    pub epsilon: f64,
    /// Sampled betweenness: probability that the bound fails.
    #[arg(long, default_value_t = 0.1)]
    pub delta: f64,
    /// Seed of every random step: sampled betweenness, Leiden communities, the E-I
    /// permutations and the stability resamples.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Analyse the network as it stood at the end of this year (memberships joined and not
    /// left by then, projects started and not ended before it); 1900 to 2100.
    #[arg(long, value_name = "YEAR")]
    pub as_of: Option<i32>,
    /// Leiden communities: modularity resolution γ (higher gives more, smaller communities).
    #[arg(long, default_value_t = 1.0)]
    pub resolution: f64,
    /// E-I index: label permutations of the significance test (0 = no test).
    #[arg(long, default_value_t = DEFAULT_PERMUTATIONS)]
    pub permutations: u32,
    /// Gap partners: candidates listed per uncovered critical segment of a consortium.
    #[arg(long, default_value_t = 5)]
    pub partners: u32,
    /// Ranking stability: resamples with 10% of memberships dropped (0 = off); writes
    /// tables/rank_stability.csv.
    #[arg(long, default_value_t = 0)]
    pub stability: u32,
    /// Headers to read as contract columns, per table, besides the built-in Chinese ones
    /// (TOML: [organizations] "单位全称" = "name").
    #[arg(long, value_name = "MAP.toml")]
    pub columns: Option<PathBuf>,
    /// Build the organisation projection only up to this many ties (an upper bound
    /// computed before building); above it every v1 table is counted through the
    /// organisation–collaboration lists and the structural measures are left out. 0 never
    /// builds it.
    #[arg(long, value_name = "TIES", default_value_t = crate::config::DEFAULT_PROJECTION_TIES)]
    pub projection_budget: u64,
    /// Also write every table as tables/<name>.parquet: typed columns (Int64, Float64,
    /// Boolean, String), empty cells as nulls, text as in the data (no formula guard).
    /// Needs the default `parquet` feature.
    #[arg(long)]
    pub parquet: bool,
    /// Print the wall time of every phase to stderr.
    #[arg(long)]
    pub timings: bool,
    /// No progress display (it is shown only when stderr is a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

/// `--betweenness` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BetweennessArg {
    /// Exact up to 50,000 organisations, sampled above.
    Auto,
    /// Always exact.
    Exact,
    /// Always sampled.
    Approx,
}

/// `--color-by` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorArg {
    /// Organisation type.
    Type,
    /// Region.
    Region,
    /// Programme.
    Program,
    /// Leiden community.
    Community,
}

/// `--region-level` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RegionArg {
    /// The organisation's province.
    Province,
    /// province/city.
    City,
}

impl AnalyzeArgs {
    /// Validated options.
    pub fn into_config(self) -> Result<AnalyzeConfig, Error> {
        Ok(AnalyzeConfig {
            dataset: self.dataset,
            out: self.out,
            region_level: match self.region_level {
                RegionArg::Province => RegionLevel::Province,
                RegionArg::City => RegionLevel::City,
            },
            threads: self.threads.filter(|&t| t > 0),
            font: self.font,
            color_by: match self.color_by {
                ColorArg::Type => ColorBy::Type,
                ColorArg::Region => ColorBy::Region,
                ColorArg::Program => ColorBy::Program,
                ColorArg::Community => ColorBy::Community,
            },
            figure_width: figure_width(self.width, self.dpi).map_err(Error::Usage)?,
            rules: self.rules,
            betweenness: BetweennessConfig::new(
                match self.betweenness {
                    BetweennessArg::Auto => BetweennessChoice::Auto,
                    BetweennessArg::Exact => BetweennessChoice::Exact,
                    BetweennessArg::Approx => BetweennessChoice::Approx,
                },
                self.epsilon,
                self.delta,
                self.seed,
            )?,
            as_of: self
                .as_of
                .map(as_of_year)
                .transpose()
                .map_err(Error::Usage)?,
            structure: StructureConfig::new(
                self.resolution,
                self.permutations,
                self.partners,
                self.stability,
                self.seed,
            )?,
            columns: self.columns,
            projection_budget: self.projection_budget,
            parquet: parquet_output(self.parquet).map_err(Error::Usage)?,
        })
    }
}

impl Command {
    /// The validated request this command line asks for.
    pub fn into_request(self) -> Result<Request, Error> {
        Ok(match self {
            Command::Analyze(args) => {
                let show = crate::commands::analyze::Show {
                    timings: args.timings,
                    progress: !args.quiet && std::io::stderr().is_terminal(),
                };
                Request::Analyze(args.into_config()?, show)
            }
            Command::Validate { dataset, columns } => {
                Request::Validate(ValidateConfig { dataset, columns })
            }
            Command::Check(a) => Request::Check(CheckConfig {
                dataset: a.dataset,
                rules: a.rules,
                out: a.out,
                strict: a.strict,
                font: a.font,
                columns: a.columns,
            }),
            Command::Compare(args) => Request::Compare(args.into_config()),
            Command::Batch(a) => Request::Batch(crate::runfile::batch_config(
                a.config.as_deref(),
                &a.datasets,
                a.out.as_deref(),
                a.jobs,
                a.quiet || !std::io::stderr().is_terminal(),
            )?),
            Command::Generate(args) => Request::Generate(args.into_config()?),
            Command::LowerBound { dataset } => Request::LowerBound(dataset),
        })
    }
}
