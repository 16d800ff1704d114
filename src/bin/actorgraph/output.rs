//! Output paths for the commands: standard output for `-`, atomic files and graph directories
//! (see the library's `OutputFile` and `OutputDir`), and the signal handler that removes the
//! temporary files of a run that is interrupted.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use actorgraph::{OutputDir, OutputFile, Result, TempFiles};

/// The temporary files and directories of this process.
pub(crate) fn temps() -> &'static TempFiles {
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

/// Publishes a graph run's set (with its manifest) and says which files of an earlier run it
/// removed, unless `quiet`.
pub(crate) fn publish_graphs(dir: OutputDir, quiet: bool) -> Result<()> {
    let stale = dir.stale_graph_files();
    dir.publish_graphs()?;
    if !quiet {
        for path in stale {
            eprintln!(
                "actorgraph: note: removed {}, an earlier run's file that this run does not write",
                path.display()
            );
        }
    }
    Ok(())
}
