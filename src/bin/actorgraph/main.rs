//! The `actorgraph` command: a thin layer over the library.

mod app;
mod args;
mod events;
mod filter;
mod import;
mod manual;
mod metadata;
mod output;
mod pipeline;
mod progress;
mod slice;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let matches = args::Cli::command().get_matches();
    let cli = args::Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    if let Err(msg) = args::check_partial(&matches) {
        eprintln!("actorgraph: {msg}");
        return ExitCode::from(2);
    }
    if let Err(err) = output::remove_temps_on_signals() {
        eprintln!("actorgraph: warning: cannot watch for signals: {err}");
    }
    match app::run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("actorgraph: {err}");
            ExitCode::from(2)
        }
    }
}
