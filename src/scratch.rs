//! A scratch directory for the unit tests that write files.

use std::fs;
use std::path::PathBuf;

/// A fresh directory under the system's temporary directory, removed when dropped. Its name
/// holds the process id, so test runs side by side never share one.
pub(crate) struct Scratch(pub(crate) PathBuf);

impl Scratch {
    /// Creates `actorgraph-test-NAME-PID`, empty.
    pub(crate) fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("actorgraph-test-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// The names of the entries in the directory, sorted.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
