//! Output paths for the commands: standard output for `-`, atomic files and graph directories
//! (see the library's `OutputFile` and `OutputDir`), and the signal handler that removes the
//! temporary files of a run that is interrupted.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use actorgraph::{Error, GraphFormat, OutputDir, OutputFile, Result, TempFiles};

/// The temporary files and directories of this process.
fn temps() -> &'static TempFiles {
    static TEMPS: OnceLock<TempFiles> = OnceLock::new();
    TEMPS.get_or_init(TempFiles::new)
}

/// On SIGINT, SIGTERM or SIGHUP, removes the temporary files and directories (waiting for a
/// publication in progress to finish, so the outputs are the old set or the new one), then
/// lets the signal end the process as it would have.
pub(crate) fn remove_temps_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            temps().remove_all();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// The file `-o` names, or `None` for standard output (no `-o`, or `-o -`).
pub(crate) fn file_arg(path: &Option<PathBuf>) -> Option<&Path> {
    path.as_deref().filter(|p| *p != Path::new("-"))
}

/// Opens an output file (see `OutputFile` for what the path may be).
pub(crate) fn create_file(path: &Path) -> Result<OutputFile> {
    OutputFile::create_with(path, temps())
}

/// Starts the set of files of a graph run in `out`.
pub(crate) fn create_dir(out: &Path) -> Result<OutputDir> {
    OutputDir::create_with(out, temps())
}

/// The graph files that an earlier run may have left in `out`: those of every format, at the
/// top and in each period directory (`2025`, `2025-06`) of `--slice`. Publishing a set removes
/// those it does not hold.
pub(crate) fn stale_graph_files(out: &Path) -> Vec<PathBuf> {
    let names: Vec<&str> = GraphFormat::ALL.iter().flat_map(|f| f.file_names()).copied().collect();
    let mut stale: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
    let periods = std::fs::read_dir(out).into_iter().flatten().filter_map(|e| {
        let name = e.ok()?.file_name().into_string().ok()?;
        is_period(&name).then_some(name)
    });
    for period in periods {
        stale.extend(names.iter().map(|n| Path::new(&period).join(n)));
    }
    stale
}

/// Is `name` a period directory of `--slice`: `YYYY` or `YYYY-MM`?
fn is_period(name: &str) -> bool {
    let b = name.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        _ => false,
    }
}

/// An I/O error that names the path it concerns.
pub(crate) fn io_at(path: &Path, err: io::Error) -> Error {
    Error::from(io::Error::new(err.kind(), format!("{}: {}", path.display(), err)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_years_and_months() {
        assert!(is_period("2025") && is_period("2025-06"));
        assert!(!is_period("graph.csv") && !is_period("2025-6") && !is_period("20256"));
    }
}
