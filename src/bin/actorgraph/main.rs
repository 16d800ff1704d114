//! The `actorgraph` command: a thin layer over the library.

mod app;
mod args;
mod filter;
mod import;
mod output;
mod pipeline;
mod progress;
mod slice;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
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
