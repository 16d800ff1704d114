//! A progress line on standard error for long runs: documents, megabytes, MB/s and, when the
//! input size is known, the time left. Shown only when standard error is a terminal.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// How often the line is redrawn.
const REDRAW: Duration = Duration::from_millis(200);

/// A progress line. Does nothing when disabled.
pub(crate) struct Progress {
    enabled: bool,
    total: Option<u64>,
    start: Instant,
    last: Instant,
    drawn: bool,
}

impl Progress {
    /// Creates a progress line, shown if `wanted` and standard error is a terminal. `inputs`
    /// gives the total size for the time estimate when all of them are plain files.
    pub(crate) fn new<P: AsRef<Path>>(wanted: bool, inputs: &[P]) -> Progress {
        let enabled = wanted && io::stderr().is_terminal();
        let total = if enabled { total_size(inputs) } else { None };
        let now = Instant::now();
        Progress { enabled, total, start: now, last: now, drawn: false }
    }

    /// Reports how many documents and source bytes have been processed.
    pub(crate) fn update(&mut self, documents: u64, bytes: u64) {
        if !self.enabled || self.last.elapsed() < REDRAW {
            return;
        }
        self.last = Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let mb = bytes as f64 / 1e6;
        let rate = mb / secs;
        let eta = self.total.filter(|t| *t > bytes && rate > 0.0).map(|t| {
            let left = (t - bytes) as f64 / 1e6 / rate;
            format!(", {}:{:02} left", left as u64 / 60, left as u64 % 60)
        });
        let line = format!(
            "actorgraph: {documents} documents, {mb:.1} MB, {rate:.1} MB/s{}",
            eta.unwrap_or_default()
        );
        let _ = write!(io::stderr(), "\r\x1b[2K{line}");
        self.drawn = true;
    }

    /// Clears the line.
    pub(crate) fn finish(&mut self) {
        if self.drawn {
            let _ = write!(io::stderr(), "\r\x1b[2K");
            self.drawn = false;
        }
    }
}

/// The total size of the inputs, if every one is a file or directory of uncompressed files.
fn total_size<P: AsRef<Path>>(inputs: &[P]) -> Option<u64> {
    inputs.iter().map(|p| size_of(p.as_ref())).sum()
}

fn size_of(path: &Path) -> Option<u64> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        let gz = path.extension().is_some_and(|e| e == "gz");
        return (!gz).then_some(meta.len());
    }
    let mut total = 0;
    for entry in std::fs::read_dir(path).ok()? {
        total += size_of(&entry.ok()?.path())?;
    }
    Some(total)
}
