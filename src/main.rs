//! `consortia`: parse the arguments, call the library, print the outcome, set the exit
//! status (0 ok, 1 dataset refused, 2 usage, 3 could not write output).

use std::process::ExitCode;

use clap::Parser;
use consortia::cli::{Cli, Command};
use consortia::Error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => {
            let timings = args.timings;
            consortia::analyze(&args.into_config()).map(|w| {
            if timings {
                for (phase, s) in &w.timings {
                    eprintln!("consortia: time {phase}: {s:.3} s");
                }
            }
            for p in &w.warnings {
                eprintln!("consortia: warning: {p}");
            }
            match &w.font {
                Some(f) if f.cjk => {}
                Some(f) => eprintln!(
                    "consortia: warning: no font with Chinese glyphs found; figures use {} and English names. \
                     Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) or pass --font FILE",
                    f.family
                ),
                None => eprintln!(
                    "consortia: warning: no usable font found, figures were not drawn. \
                     Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) or pass --font FILE"
                ),
            }
            println!(
                "wrote {} files to {} ({} warning{})",
                w.files.len(),
                w.out.display(),
                w.warnings.len(),
                if w.warnings.len() == 1 { "" } else { "s" }
            );
        })
        }
        Command::Validate { dataset } => consortia::validate(&dataset).map(|(ds, line)| {
            for p in &ds.warnings {
                eprintln!("consortia: warning: {p}");
            }
            println!("{line}");
        }),
        Command::Check(args) => consortia::check(
            &args.dataset,
            args.rules.as_deref(),
            args.out.as_deref(),
            args.font.as_deref(),
        )
        .and_then(|c| {
            for p in &c.dataset.warnings {
                eprintln!("consortia: warning: {p}");
            }
            print!("{}", consortia::report::compliance_text(&c));
            let failed = c.findings.iter().filter(|f| f.pass == Some(false)).count();
            if let Some(out) = &args.out {
                println!("wrote {} files to {}", c.files.len(), out.display());
            }
            if args.strict && failed > 0 {
                Err(Error::RulesFailed(failed))
            } else {
                Ok(())
            }
        }),
        Command::Compare(args) => consortia::compare::run(&args.into_config()).map(|w| {
            println!(
                "compared {} groups; wrote {} files to {}",
                w.groups,
                w.files.len(),
                w.out.display()
            );
        }),
        Command::Batch(args) => consortia::batch::run_cli(&args),
        Command::LowerBound { dataset } => consortia::lower_bound(&dataset).map(|s| print!("{s}")),
        Command::Generate(args) if args.scenario.is_some() => {
            consortia::generate::write_scenario(args.seed, &args.out).map(|()| {
                println!(
                    "wrote the 'models' scenario (seed {}) to {}",
                    args.seed,
                    args.out.display()
                )
            })
        }
        Command::Generate(args) => {
            let config = args.into_config();
            consortia::generate::generate(&config, &args.out).map(|()| {
                println!(
                    "wrote a synthetic dataset ({} organisations, {} consortia, {} projects, seed {}) to {}",
                    config.orgs,
                    config.consortia,
                    config.projects,
                    config.seed,
                    args.out.display()
                )
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("consortia: {e}");
            ExitCode::from(match e {
                Error::Load(_) | Error::BatchFailed(_) => 1,
                Error::Usage(_) | Error::Config(_) => 2,
                Error::Io { .. } => 3,
                Error::RulesFailed(_) => 4,
            })
        }
    }
}
