//! Atomic output files: written under a temporary name, then renamed into place, so a failed
//! run never leaves a half-written file.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use actorgraph::{Error, Result};

/// A file being written. It appears under its real name only on [`AtomicFile::commit`];
/// dropped without a commit, the temporary file is removed.
pub(crate) struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    wtr: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub(crate) fn create(dest: &Path) -> Result<AtomicFile> {
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dest.with_file_name(format!(".{}.{}.tmp", name, std::process::id()));
        let file = File::create(&tmp).map_err(|err| io_at(&tmp, err))?;
        Ok(AtomicFile { tmp, dest: dest.to_path_buf(), wtr: Some(BufWriter::new(file)) })
    }

    pub(crate) fn commit(mut self) -> Result<()> {
        let wtr = self.wtr.take().expect("commit is called once");
        let file = wtr.into_inner().map_err(|err| io_at(&self.tmp, err.into_error()))?;
        file.sync_all().map_err(|err| io_at(&self.tmp, err))?;
        fs::rename(&self.tmp, &self.dest).map_err(|err| io_at(&self.dest, err))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.wtr.as_mut().expect("not committed").write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.wtr.as_mut().expect("not committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.wtr.is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// An I/O error that names the path it concerns.
pub(crate) fn io_at(path: &Path, err: io::Error) -> Error {
    Error::from(io::Error::new(err.kind(), format!("{}: {}", path.display(), err)))
}
