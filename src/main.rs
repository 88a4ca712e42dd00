//! `consortia`: parse the arguments, run the command, print its outcome, and end with the
//! exit status its error calls for (see [`consortia::Error::exit_code`]).

use std::process::ExitCode;

use clap::Parser;
use consortia::cli::Cli;
use consortia::commands;

fn main() -> ExitCode {
    let ran = Cli::parse().command.into_request().and_then(commands::run);
    let verdict = ran.and_then(|outcome| {
        for note in outcome.notes() {
            eprintln!("consortia: {note}");
        }
        print!("{outcome}");
        outcome.verdict()
    });
    match verdict {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("consortia: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
