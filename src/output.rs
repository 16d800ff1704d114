//! Output files that are never half-written, never replace what is not a regular file, and
//! leave no temporary file behind.
//!
//! Writers such as [`write_csv`](crate::write_csv) take any `io::Write`; this module makes the
//! files they write into. An [`OutputFile`] is one file: written under a temporary name next to
//! its destination and renamed into place on [`OutputFile::commit`]. An [`OutputDir`] is a set
//! of files (a graph in several formats) written into a temporary directory and published
//! together, so that a failed or interrupted run leaves the earlier set as it was. A
//! [`TempFiles`] lists the temporary files and directories alive at a given moment, so that a
//! signal handler (which the library does not install) can remove them before the process
//! exits.
//!
//! What a destination may be:
//!
//! - a new path in an existing directory, or a regular file, which is replaced atomically;
//! - a symbolic link to a regular file: the file it points to is replaced atomically and the
//!   link is kept;
//! - a FIFO, a character device such as `/dev/null`, or another special file: it is opened and
//!   written in place, never replaced;
//! - a directory, a link to a missing file or a path whose directory does not exist: an error
//!   naming the path, before anything is written.
//!
//! Every I/O error names the path it concerns.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::cooccur::TwoModeGraph;
use crate::cooccur::{CooccurrenceGraph, Evidence};
use crate::error::{Error, Result};
use crate::export::{
    CsvCells, EVIDENCE_FILES, EvidenceWriter, GraphFormat, GraphRef, MentionFormat, evidence_file,
    write_csv_with, write_dot, write_geojson, write_gexf, write_graphml, write_html,
    write_html_with_evidence, write_json, write_two_mode, write_two_mode_csv,
};
use crate::gazetteer::Gazetteer;

/// The temporary files and directories being written, shared between the code that writes
/// them and a signal handler that removes them.
///
/// Cloning gives another handle to the same list. Creating, committing and publishing hold its
/// lock, so [`TempFiles::remove_all`] never runs in the middle of a publication: it waits, and
/// the reader sees the old set of files or the new one.
///
/// ```
/// use actorgraph::{OutputFile, TempFiles};
///
/// let temps = TempFiles::new();
/// let path = std::env::temp_dir().join(format!("actorgraph-doc-temps-{}", std::process::id()));
/// let mut file = OutputFile::create_with(&path, &temps)?;
/// std::io::Write::write_all(&mut file, b"half")?;
/// temps.remove_all(); // what a SIGINT handler does before the process exits
/// assert!(!path.exists());
/// assert!(OutputFile::create_with(&path, &temps).is_err(), "no new temporary file");
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct TempFiles(Arc<Mutex<TempState>>);

#[derive(Debug, Default)]
struct TempState {
    paths: Vec<PathBuf>,
    /// Set by `remove_all`: no temporary file may be created any more.
    closed: bool,
}

impl TempFiles {
    /// Creates an empty list.
    pub fn new() -> TempFiles {
        TempFiles::default()
    }

    /// Removes every temporary file and directory on the list (directories with what they
    /// hold), and refuses to create new ones from then on. Waits for a commit or a publication
    /// in progress to finish first.
    pub fn remove_all(&self) {
        let mut state = self.lock();
        state.closed = true;
        for path in state.paths.drain(..) {
            remove_temp(&path);
        }
    }

    /// Puts a temporary file that the caller writes itself on the list, so that
    /// [`TempFiles::remove_all`] removes it too; take it off with [`TempFiles::forget`] once it
    /// is renamed or removed.
    ///
    /// # Errors
    ///
    /// Returns an error of kind `Interrupted` after [`TempFiles::remove_all`]: the process is
    /// ending, and nothing new may be written.
    pub fn track<P: AsRef<Path>>(&self, path: P) -> Result<()> {
        let mut guard = Guard::new(Some(self))?;
        guard.add(path.as_ref());
        Ok(())
    }

    /// Takes a path off the list (see [`TempFiles::track`]).
    pub fn forget<P: AsRef<Path>>(&self, path: P) {
        Guard(Some(self.lock())).forget(path.as_ref());
    }

    /// Returns the paths on the list, oldest first.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.lock().paths.clone()
    }

    fn lock(&self) -> MutexGuard<'_, TempState> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Holds the lock of an optional [`TempFiles`] while something is created or published.
struct Guard<'a>(Option<MutexGuard<'a, TempState>>);

impl Guard<'_> {
    fn new(temps: Option<&TempFiles>) -> Result<Guard<'_>> {
        let guard = temps.map(TempFiles::lock);
        if guard.as_ref().is_some_and(|g| g.closed) {
            let err = io::Error::new(io::ErrorKind::Interrupted, "interrupted");
            return Err(Error::from(err));
        }
        Ok(Guard(guard))
    }

    fn add(&mut self, path: &Path) {
        if let Some(state) = &mut self.0 {
            state.paths.push(path.to_path_buf());
        }
    }

    fn forget(&mut self, path: &Path) {
        if let Some(state) = &mut self.0 {
            state.paths.retain(|p| p != path);
        }
    }
}

fn remove_temp(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => drop(fs::remove_dir_all(path)),
        Ok(_) => drop(fs::remove_file(path)),
        Err(_) => {}
    }
}

/// An I/O error that names the path it concerns.
fn named(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {}", path.display(), err))
}

fn refuse(path: &Path, kind: io::ErrorKind, msg: &str) -> Error {
    Error::io_at(path, io::Error::new(kind, msg.to_string()))
}

/// What is at an output path, and so how it is written.
#[derive(Debug)]
enum Target {
    /// Nothing, or a regular file: write a temporary file beside this path, then rename it.
    Replace(PathBuf),
    /// A FIFO, a device or another special file: write to it in place.
    InPlace(PathBuf),
}

/// Decides how `path` is written, or why it cannot be. A link is followed to the file it
/// points to.
fn target(path: &Path) -> Result<Target> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err)
            if matches!(err.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) =>
        {
            check_parent(path)?;
            return Ok(Target::Replace(path.to_path_buf()));
        }
        Err(err) => return Err(Error::io_at(path, err)),
    };
    let (real, meta) = if meta.file_type().is_symlink() {
        let real = fs::canonicalize(path).map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => refuse(
                path,
                err.kind(),
                "a symbolic link to a missing file: give the file itself or a new path",
            ),
            _ => Error::io_at(path, err),
        })?;
        let meta = fs::metadata(&real).map_err(|err| Error::io_at(&real, err))?;
        (real, meta)
    } else {
        (path.to_path_buf(), meta)
    };
    if meta.is_dir() {
        return Err(refuse(path, io::ErrorKind::IsADirectory, "is a directory, not a file"));
    }
    Ok(if meta.is_file() { Target::Replace(real) } else { Target::InPlace(real) })
}

/// Checks that the directory a new file would go into exists.
fn check_parent(path: &Path) -> Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match fs::metadata(parent) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(refuse(
            path,
            io::ErrorKind::NotADirectory,
            &format!("cannot be created: {} is not a directory", parent.display()),
        )),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Err(refuse(
            path,
            err.kind(),
            &format!("cannot be created: the directory {} does not exist", parent.display()),
        )),
        Err(err) => Err(Error::io_at(parent, err)),
    }
}

/// How an [`OutputFile`] reaches its destination.
#[derive(Debug)]
enum Mode {
    /// Written to `tmp`, renamed to `dest` on commit.
    Rename { tmp: PathBuf, dest: PathBuf },
    /// Written in place (a FIFO or a device): nothing to rename, nothing to sync.
    InPlace,
    /// Written inside the temporary directory of an [`OutputDir`]: synced on commit.
    Staged,
}

/// One output file, written atomically (see the [module docs](self) for what a destination
/// may be).
///
/// It appears under its real name only on [`OutputFile::commit`]; dropped without a commit,
/// its temporary file is removed. Write errors name the file.
///
/// ```
/// use std::io::Write;
/// use actorgraph::OutputFile;
///
/// let path = std::env::temp_dir().join(format!("actorgraph-doc-out-{}.csv", std::process::id()));
/// let mut file = OutputFile::create(&path)?;
/// file.write_all(b"id,label\n")?;
/// assert!(!path.exists(), "not there before the commit");
/// file.commit()?;
/// assert_eq!(std::fs::read_to_string(&path)?, "id,label\n");
///
/// let err = OutputFile::create(std::env::temp_dir()).unwrap_err();
/// assert!(err.to_string().ends_with("is a directory, not a file"));
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug)]
pub struct OutputFile {
    /// The path as the caller gave it, for messages.
    shown: PathBuf,
    mode: Mode,
    wtr: Option<BufWriter<File>>,
    temps: Option<TempFiles>,
}

impl OutputFile {
    /// Opens `path` for writing: a temporary file beside it (beside the file a link points
    /// to), or the file itself if it is a FIFO or a device.
    ///
    /// # Errors
    ///
    /// If `path` is a directory, a link to a missing file or in a directory that does not
    /// exist, or the temporary file cannot be created; the message names the path.
    pub fn create<P: AsRef<Path>>(path: P) -> Result<OutputFile> {
        OutputFile::open(path.as_ref(), None)
    }

    /// Like [`OutputFile::create`], with the temporary file on the list `temps` until it is
    /// committed or dropped.
    ///
    /// # Errors
    ///
    /// As [`OutputFile::create`], and after [`TempFiles::remove_all`].
    pub fn create_with<P: AsRef<Path>>(path: P, temps: &TempFiles) -> Result<OutputFile> {
        OutputFile::open(path.as_ref(), Some(temps))
    }

    fn open(path: &Path, temps: Option<&TempFiles>) -> Result<OutputFile> {
        let mut guard = Guard::new(temps)?;
        let (mode, file) = match target(path)? {
            Target::InPlace(real) => {
                let file = OpenOptions::new().write(true).open(&real);
                (Mode::InPlace, file.map_err(|err| Error::io_at(path, err))?)
            }
            Target::Replace(dest) => {
                let name = dest.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
                let tmp = dest.with_file_name(format!(".{}.{}.tmp", name, std::process::id()));
                let file = File::create(&tmp).map_err(|err| Error::io_at(&tmp, err))?;
                guard.add(&tmp);
                (Mode::Rename { tmp, dest }, file)
            }
        };
        let wtr = Some(BufWriter::new(file));
        Ok(OutputFile { shown: path.to_path_buf(), mode, wtr, temps: temps.cloned() })
    }

    /// A file inside the temporary directory of an [`OutputDir`], at `path`; write errors
    /// name `shown`, the file it will become.
    fn staged(path: &Path, shown: PathBuf, temps: Option<&TempFiles>) -> Result<OutputFile> {
        let file = File::create(path).map_err(|err| Error::io_at(&shown, err))?;
        let wtr = Some(BufWriter::new(file));
        Ok(OutputFile { shown, mode: Mode::Staged, wtr, temps: temps.cloned() })
    }

    /// Flushes and syncs the file and renames it into place.
    ///
    /// # Errors
    ///
    /// If a write, the sync or the rename fails; the message names the file.
    pub fn commit(mut self) -> Result<()> {
        let wtr = self.wtr.take().expect("commit is called once");
        let file = wtr.into_inner().map_err(|err| Error::io_at(&self.shown, err.into_error()))?;
        let mut guard = Guard::new(self.temps.as_ref())?;
        match &self.mode {
            Mode::InPlace => Ok(()),
            Mode::Staged => file.sync_all().map_err(|err| Error::io_at(&self.shown, err)),
            Mode::Rename { tmp, dest } => {
                let done = file
                    .sync_all()
                    .map_err(|err| Error::io_at(tmp, err))
                    .and_then(|()| fs::rename(tmp, dest).map_err(|err| Error::io_at(dest, err)));
                if done.is_err() {
                    let _ = fs::remove_file(tmp);
                }
                guard.forget(tmp);
                done
            }
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let wtr = self.wtr.as_mut().expect("not committed");
        wtr.write(buf).map_err(|err| named(&self.shown, err))
    }

    fn flush(&mut self) -> io::Result<()> {
        let wtr = self.wtr.as_mut().expect("not committed");
        wtr.flush().map_err(|err| named(&self.shown, err))
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if self.wtr.is_none() {
            return;
        }
        if let Mode::Rename { tmp, .. } = &self.mode {
            let mut guard = Guard(self.temps.as_ref().map(TempFiles::lock));
            let _ = fs::remove_file(tmp);
            guard.forget(tmp);
        }
    }
}

/// A set of output files in one directory, published together: a reader of the directory sees
/// the earlier set or the new one, never a mix of the two.
///
/// The files are written into a temporary directory `.actorgraph.PID.tmp` inside the output
/// directory (so the renames never cross file systems), which is removed if the set is dropped
/// before [`OutputDir::publish`]. Publishing checks that no destination is a directory, link or
/// special file, renames the files into place in sorted order of their names, then removes the
/// stale files an earlier run left that this set does not hold.
///
/// An output directory that does not exist yet is not created before the set is published: the
/// temporary directory is `.actorgraph.NAME.PID.tmp` in the nearest directory that exists on
/// the way to it, and publishing creates the missing parents and renames the temporary
/// directory to the output directory, whole. So a run that fails or is interrupted creates no
/// directory at all.
///
/// ```
/// use std::io::Write;
/// use actorgraph::OutputDir;
///
/// let out = std::env::temp_dir().join(format!("actorgraph-doc-dir-{}", std::process::id()));
/// std::fs::create_dir_all(&out)?;
/// std::fs::write(out.join("graph.html"), "from an earlier run")?;
/// let mut set = OutputDir::create(&out)?;
/// let mut nodes = set.file("nodes.csv")?;
/// nodes.write_all(b"Id,Label\n")?;
/// nodes.commit()?;
/// set.publish(["graph.html", "nodes.csv"])?;
/// assert!(out.join("nodes.csv").exists());
/// assert!(!out.join("graph.html").exists(), "stale, so removed");
///
/// let new = out.join("a/b");
/// let set = OutputDir::create(&new)?;
/// assert!(!new.exists() && !out.join("a").exists(), "created only when published");
/// set.publish(std::iter::empty::<&str>())?;
/// assert!(new.is_dir());
/// # std::fs::remove_dir_all(&out)?;
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug)]
pub struct OutputDir {
    out: PathBuf,
    staging: PathBuf,
    /// The files of the set, relative to `out`.
    files: BTreeSet<PathBuf>,
    /// True if `out` did not exist when the set was started: `staging` is then outside it, and
    /// becomes `out` when the set is published.
    fresh: bool,
    temps: Option<TempFiles>,
    published: bool,
    /// True if publishing writes a manifest of the set ([`MANIFEST`]), renamed into place
    /// after every other file.
    manifest: bool,
}

impl OutputDir {
    /// Starts a set of files in `out`, which is created (with its parents) only when the set is
    /// published. The temporary directory is made at once, so a directory that cannot be
    /// written is an error before any work is done.
    ///
    /// # Errors
    ///
    /// If `out` is not a directory, lies under a file, or cannot be created or written (the
    /// temporary directory cannot be made); the message names it.
    pub fn create<P: AsRef<Path>>(out: P) -> Result<OutputDir> {
        OutputDir::open(out.as_ref(), None)
    }

    /// Like [`OutputDir::create`], with the temporary directory on the list `temps` until the
    /// set is published or dropped.
    ///
    /// # Errors
    ///
    /// As [`OutputDir::create`], and after [`TempFiles::remove_all`].
    pub fn create_with<P: AsRef<Path>>(out: P, temps: &TempFiles) -> Result<OutputDir> {
        OutputDir::open(out.as_ref(), Some(temps))
    }

    fn open(out: &Path, temps: Option<&TempFiles>) -> Result<OutputDir> {
        let mut guard = Guard::new(temps)?;
        let (staging, fresh) = staging_dir(out)?;
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir(&staging).map_err(|err| Error::io_at(out, err))?;
        guard.add(&staging);
        let temps = temps.cloned();
        Ok(OutputDir {
            out: out.to_path_buf(),
            staging,
            files: BTreeSet::new(),
            fresh,
            temps,
            published: false,
            manifest: false,
        })
    }

    /// Returns the output directory.
    pub fn path(&self) -> &Path {
        &self.out
    }

    /// Starts the file `name` (a path relative to the output directory, such as `nodes.csv`
    /// or `2025-06/nodes.csv`) of the set. Commit it before publishing the set.
    ///
    /// # Errors
    ///
    /// If the file cannot be created in the temporary directory.
    ///
    /// # Panics
    ///
    /// If `name` is absolute or goes up with `..`.
    pub fn file<P: AsRef<Path>>(&mut self, name: P) -> Result<OutputFile> {
        let name = name.as_ref();
        assert!(
            name.components().all(|c| matches!(c, std::path::Component::Normal(_))),
            "{} is not a plain relative path",
            name.display()
        );
        // Under the lock: once a signal handler has removed the temporary directory,
        // `create_dir_all` must not make it again.
        let _guard = Guard::new(self.temps.as_ref())?;
        let path = self.staging.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|err| Error::io_at(parent, err))?;
        }
        self.files.insert(name.to_path_buf());
        OutputFile::staged(&path, self.out.join(name), self.temps.as_ref())
    }

    /// Renames every file of the set into place, in sorted order of their names, then removes
    /// the files named in `stale` (relative to the output directory) that the set does not
    /// hold, and any directory that this leaves empty. If the output directory did not exist,
    /// creates its missing parents and renames the whole temporary directory to it instead.
    /// Holds the lock of the [`TempFiles`] throughout, so a signal handler's
    /// [`TempFiles::remove_all`] waits for it to finish.
    ///
    /// # Errors
    ///
    /// If a destination is a directory, a link or a special file (checked before anything is
    /// renamed), or a rename fails; the message names the path.
    pub fn publish<I, P>(mut self, stale: I) -> Result<()>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        if self.manifest {
            self.write_manifest()?;
        }
        let mut guard = Guard::new(self.temps.as_ref())?;
        if self.fresh && fs::symlink_metadata(&self.out).is_err() {
            rename_new_dir(&self.staging, &self.out)?;
            self.published = true;
            guard.forget(&self.staging);
            return Ok(());
        }
        self.rename_files()?;
        self.published = true;
        let _ = fs::remove_dir_all(&self.staging);
        guard.forget(&self.staging);
        for name in stale {
            self.remove_stale(name.as_ref())?;
        }
        Ok(())
    }

    /// Renames the files of the set into the output directory, once none of their
    /// destinations is in the way.
    fn rename_files(&self) -> Result<()> {
        for name in &self.files {
            let dest = self.out.join(name);
            match fs::symlink_metadata(&dest) {
                Ok(meta) if !meta.is_file() => {
                    let msg = "is not a regular file, so it is not replaced";
                    return Err(refuse(&dest, io::ErrorKind::AlreadyExists, msg));
                }
                _ => {}
            }
        }
        // The manifest goes last, so that it names the earlier set until every new file is
        // in place.
        let manifest = Path::new(MANIFEST);
        let files = self.files.iter().filter(|n| n.as_path() != manifest);
        for name in files.chain(self.files.get(manifest)) {
            let (from, dest) = (self.staging.join(name), self.out.join(name));
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent).map_err(|err| Error::io_at(parent, err))?;
            }
            fs::rename(&from, &dest).map_err(|err| Error::io_at(&dest, err))?;
        }
        Ok(())
    }

    /// Writes the manifest of the set into the temporary directory: one line per file with
    /// its path and size, in sorted order of the paths.
    fn write_manifest(&mut self) -> Result<()> {
        let mut text = String::from(MANIFEST_HEADER);
        for name in self.files.iter().filter(|n| n.as_path() != Path::new(MANIFEST)) {
            let path = self.staging.join(name);
            let meta = fs::metadata(&path).map_err(|err| Error::io_at(&path, err))?;
            let name =
                name.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>();
            text.push_str(&format!("{}\t{}\n", name.join("/"), meta.len()));
        }
        let mut file = self.file(MANIFEST)?;
        file.write_all(text.as_bytes())
            .map_err(|err| Error::io_at(self.out.join(MANIFEST), err))?;
        file.commit()
    }

    /// Removes the graph file `name` of an earlier run unless the set holds it, and its
    /// directory if that leaves it empty.
    fn remove_stale(&self, name: &Path) -> Result<()> {
        if self.files.contains(name) {
            return Ok(());
        }
        let path = self.out.join(name);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            fs::remove_file(&path).map_err(|err| Error::io_at(&path, err))?;
            if let Some(parent) = path.parent().filter(|p| *p != self.out) {
                let _ = fs::remove_dir(parent);
            }
        }
        Ok(())
    }
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        if self.published {
            return;
        }
        let mut guard = Guard(self.temps.as_ref().map(TempFiles::lock));
        let _ = fs::remove_dir_all(&self.staging);
        guard.forget(&self.staging);
    }
}

/// Where the temporary directory of a set in `out` goes, and whether `out` is missing (the
/// temporary directory is then beside the first missing directory on the way to `out`, in the
/// nearest one that exists, so that renaming it to `out` stays on one file system).
fn staging_dir(out: &Path) -> Result<(PathBuf, bool)> {
    let temp_name = |name: &str| format!(".actorgraph{name}.{}.tmp", std::process::id());
    match fs::metadata(out) {
        Ok(meta) if meta.is_dir() => return Ok((out.join(temp_name("")), false)),
        Ok(_) => {
            let msg = "is not a directory (the output needs a directory here)";
            return Err(refuse(out, io::ErrorKind::NotADirectory, msg));
        }
        Err(_) => {}
    }
    let base = out.ancestors().skip(1).find(|a| a.as_os_str().is_empty() || a.exists());
    let base = base.unwrap_or(Path::new(""));
    if !base.as_os_str().is_empty() && !base.is_dir() {
        let msg = format!("cannot be created: {} is not a directory", base.display());
        return Err(refuse(out, io::ErrorKind::NotADirectory, &msg));
    }
    let name = out.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    Ok((base.join(temp_name(&format!(".{name}"))), true))
}

/// Creates the missing parents of the new directory `out` and renames the directory `from` to
/// it. If the rename fails, removes the parents it created.
fn rename_new_dir(from: &Path, out: &Path) -> Result<()> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    let missing: Vec<PathBuf> = parent
        .into_iter()
        .flat_map(Path::ancestors)
        .filter(|a| !a.as_os_str().is_empty())
        .take_while(|a| fs::symlink_metadata(a).is_err())
        .map(Path::to_path_buf)
        .collect();
    let done = match parent {
        Some(parent) => fs::create_dir_all(parent).map_err(|err| Error::io_at(parent, err)),
        None => Ok(()),
    };
    let done = done.and_then(|()| fs::rename(from, out).map_err(|err| Error::io_at(out, err)));
    if done.is_err() {
        for dir in &missing {
            if fs::remove_dir(dir).is_err() {
                break;
            }
        }
    }
    done
}

/// The longest folder name [`folder_names`] makes, in bytes.
const MAX_FOLDER: usize = 64;

/// Safe, distinct folder names for `values`, in order, as [`Pipeline::write_splits`]
/// describes them: ASCII letters, digits, `-`, `_` and `.` kept and anything else made `_`, no
/// leading or trailing dot, at most 64 bytes, `_` for nothing left, and `-2`, `-3` and so on
/// after a name taken before (letter case aside, for file systems that ignore it) or that is
/// the name of a file at the top of a set of graph files.
///
/// [`Pipeline::write_splits`]: crate::Pipeline::write_splits
pub(crate) fn folder_names<'v, I: IntoIterator<Item = &'v str>>(values: I) -> Vec<String> {
    let reserved: Vec<String> = GraphFormat::ALL
        .iter()
        .flat_map(|f| f.file_names().iter().map(|n| n.to_string()))
        .chain([MANIFEST.to_string(), "values.tsv".to_string()])
        .collect();
    let mut taken: BTreeSet<String> = reserved.into_iter().collect();
    let mut names = Vec::new();
    for value in values {
        let base = folder_name(value);
        let mut name = base.clone();
        let mut n = 1;
        while taken.contains(&name.to_ascii_lowercase()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        taken.insert(name.to_ascii_lowercase());
        names.push(name);
    }
    names
}

/// One value's folder name, before collisions are handled.
fn folder_name(value: &str) -> String {
    let safe: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    let mut name = safe.trim_matches('.').to_string();
    name.truncate(MAX_FOLDER);
    let name = name.trim_end_matches('.').to_string();
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    match name.is_empty() {
        true => "_".to_string(),
        false if device => format!("{name}_"),
        false => name,
    }
}

/// The graph files of a run: a graph written in a set of formats, as one [`OutputDir`] set.
///
/// The formats are written in a fixed order whatever the order given, each once, under the
/// file names of [`GraphFormat::file_names`]. [`GraphFiles::write_dir`] does the whole job:
/// it writes the set into a directory and publishes it atomically, removing the graph files
/// an earlier run left that this set does not hold (see [`OutputDir::publish_graphs`]).
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, GraphFiles, GraphFormat, Matcher, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Iran and Iraq signed a deal in Baghdad.";
/// let mut counts = Cooccurrence::new();
/// counts.add_dated_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text), None);
/// let graph = counts.to_graph();
///
/// let out = std::env::temp_dir().join(format!("actorgraph-doc-files-{}", std::process::id()));
/// GraphFiles::new([GraphFormat::Gexf, GraphFormat::Csv]).write_dir(&graph, &gaz, &out)?;
/// assert!(out.join("graph.gexf").exists() && out.join("nodes.csv").exists());
/// GraphFiles::new([GraphFormat::Dot]).write_dir(&graph, &gaz, &out)?;
/// assert!(out.join("graph.dot").exists() && !out.join("graph.gexf").exists(), "stale, so removed");
/// # std::fs::remove_dir_all(&out)?;
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct GraphFiles {
    formats: Vec<GraphFormat>,
    cells: CsvCells,
}

impl GraphFiles {
    /// Writes the graph in these formats, with CSV text cells made safe for spreadsheets.
    pub fn new<I: IntoIterator<Item = GraphFormat>>(formats: I) -> GraphFiles {
        let mut formats: Vec<GraphFormat> = formats.into_iter().collect();
        formats.sort();
        formats.dedup();
        GraphFiles { formats, cells: CsvCells::default() }
    }

    /// Sets how CSV text cells are written (see [`CsvCells`]).
    pub fn cells(&mut self, cells: CsvCells) -> &mut GraphFiles {
        self.cells = cells;
        self
    }

    /// Returns the formats, in the order they are written.
    pub fn formats(&self) -> &[GraphFormat] {
        &self.formats
    }

    /// Writes `graph` into the set `dir`, under `sub` (a relative directory such as `2025-06`,
    /// or `""` for the top), in every format. Publish the set afterwards.
    ///
    /// # Errors
    ///
    /// If a file cannot be written; the message names it.
    ///
    /// # Panics
    ///
    /// If `sub` is absolute or goes up with `..`.
    pub fn write<'g, P: AsRef<Path>>(
        &self,
        graph: impl Into<GraphRef<'g>>,
        gaz: &Gazetteer,
        dir: &mut OutputDir,
        sub: P,
    ) -> Result<()> {
        let graph = graph.into();
        for &format in &self.formats {
            self.write_format(graph, gaz, None, format, dir, sub.as_ref())?;
        }
        Ok(())
    }

    /// Writes the two-mode graph `graph` into the set `dir`, under `sub` (`""` for the top),
    /// in every format, under the usual file names (see [`write_two_mode_csv`] and
    /// [`write_two_mode`]). Publish the set afterwards.
    ///
    /// ```
    /// use actorgraph::{GraphFiles, GraphFormat, OutputDir, Pipeline};
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let counted = pipeline.count_two_mode(["data/sample.jsonl"], "document", |_| Ok(()))?;
    /// let graph = counted.counts.to_graph_with(pipeline.gazetteer(), &pipeline.graph_options()?);
    /// let out = std::env::temp_dir().join(format!("actorgraph-doc-two-mode-{}", std::process::id()));
    /// let mut dir = OutputDir::create(&out)?;
    /// GraphFiles::new([GraphFormat::Csv, GraphFormat::Json]).write_two_mode(&graph, pipeline.gazetteer(), &mut dir, "")?;
    /// dir.publish_graphs()?;
    /// assert!(std::fs::read_to_string(out.join("nodes.csv"))?.contains("\ndocument=wire-001,wire-001,document,1,true,"));
    /// # std::fs::remove_dir_all(&out)?;
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// If a file cannot be written (the message names it), or if a format has no two-mode
    /// form: HTML and GeoJSON.
    pub fn write_two_mode<P: AsRef<Path>>(
        &self,
        graph: &TwoModeGraph,
        gaz: &Gazetteer,
        dir: &mut OutputDir,
        sub: P,
    ) -> Result<()> {
        for &format in &self.formats {
            let names = format.file_names();
            let mut file = |i: usize| dir.file(sub.as_ref().join(names[i]));
            match format {
                GraphFormat::Csv => {
                    let (mut nodes, mut edges) = (file(0)?, file(1)?);
                    write_two_mode_csv(graph, gaz, self.cells, &mut nodes, &mut edges)?;
                    nodes.commit()?;
                    edges.commit()?;
                }
                GraphFormat::Html | GraphFormat::GeoJson => {
                    let mut sink = io::sink();
                    write_two_mode(graph, gaz, format, &mut sink)?;
                }
                _ => write_one(file(0)?, |f| write_two_mode(graph, gaz, format, f))?,
            }
        }
        Ok(())
    }

    /// Writes `graph` into the directory `out` (created if missing) in every format, and
    /// publishes the files together with [`OutputDir::publish_graphs`].
    ///
    /// # Errors
    ///
    /// As [`OutputDir::create`], [`GraphFiles::write`] and [`OutputDir::publish`].
    pub fn write_dir<'g, P: AsRef<Path>>(
        &self,
        graph: impl Into<GraphRef<'g>>,
        gaz: &Gazetteer,
        out: P,
    ) -> Result<()> {
        let mut dir = OutputDir::create(out)?;
        self.write(graph, gaz, &mut dir, "")?;
        dir.publish_graphs()
    }

    /// Writes `graph` into the set `dir` at its top in every format, as [`GraphFiles::write`]
    /// does (`graph.html` with the evidence, see [`write_html_with_evidence`]), and the evidence of its nodes and edges (see [`EvidenceWriter`]) in each of
    /// `formats`: `evidence.csv` for [`MentionFormat::Csv`], `evidence.jsonl` for
    /// [`MentionFormat::Jsonl`]. Publish the set afterwards; the manifest lists the evidence
    /// files with the others.
    ///
    /// ```
    /// use actorgraph::{EvidenceBuilder, GraphFiles, GraphFormat, MentionFormat, OutputDir, Pipeline};
    ///
    /// let mut pipeline = Pipeline::builder().evidence(Some(EvidenceBuilder::new())).build()?;
    /// let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    /// let graph = pipeline.to_graph(&counted.counts)?;
    /// let out = std::env::temp_dir().join(format!("actorgraph-doc-evidence-{}", std::process::id()));
    /// let mut dir = OutputDir::create(&out)?;
    /// let evidence = counted.evidence.as_ref().unwrap();
    /// let files = GraphFiles::new([GraphFormat::Csv]);
    /// files.write_with_evidence(&graph, pipeline.gazetteer(), evidence, &[MentionFormat::Csv], &mut dir)?;
    /// dir.publish_graphs()?;
    /// let manifest = std::fs::read_to_string(out.join(actorgraph::MANIFEST))?;
    /// assert!(manifest.contains("\nevidence.csv\t"));
    /// # std::fs::remove_dir_all(&out)?;
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// If a file cannot be written; the message names it.
    pub fn write_with_evidence(
        &self,
        graph: &CooccurrenceGraph,
        gaz: &Gazetteer,
        evidence: &Evidence,
        formats: &[MentionFormat],
        dir: &mut OutputDir,
    ) -> Result<()> {
        for &format in &self.formats {
            self.write_format(graph.into(), gaz, Some(evidence), format, dir, Path::new(""))?;
        }
        let mut formats = formats.to_vec();
        formats.sort_by_key(|f| evidence_file(*f));
        formats.dedup();
        for format in formats {
            let mut file = dir.file(evidence_file(format))?;
            let mut wtr = EvidenceWriter::new(format, &mut file);
            wtr.cells(self.cells).write_graph(graph, gaz, evidence)?;
            wtr.finish()?;
            file.commit()?;
        }
        Ok(())
    }

    fn write_format(
        &self,
        graph: GraphRef<'_>,
        gaz: &Gazetteer,
        evidence: Option<&Evidence>,
        format: GraphFormat,
        dir: &mut OutputDir,
        sub: &Path,
    ) -> Result<()> {
        let names = format.file_names();
        let mut file = |i: usize| dir.file(sub.join(names[i]));
        match format {
            GraphFormat::Csv => {
                let mut nodes = file(0)?;
                let mut edges = file(1)?;
                write_csv_with(graph, gaz, self.cells, &mut nodes, &mut edges)?;
                nodes.commit()?;
                edges.commit()
            }
            GraphFormat::Dot => write_one(file(0)?, |f| write_dot(graph, gaz, f)),
            GraphFormat::Gexf => write_one(file(0)?, |f| write_gexf(graph, gaz, f)),
            GraphFormat::GraphMl => write_one(file(0)?, |f| write_graphml(graph, gaz, f)),
            GraphFormat::Json => write_one(file(0)?, |f| write_json(graph, gaz, f)),
            GraphFormat::Html => match (graph, evidence) {
                (GraphRef::Cooccurrence(g), Some(ev)) => {
                    write_one(file(0)?, |f| write_html_with_evidence(g, gaz, ev, f))
                }
                _ => write_one(file(0)?, |f| write_html(graph, gaz, f)),
            },
            GraphFormat::GeoJson => write_one(file(0)?, |f| write_geojson(graph, gaz, f)),
        }
    }
}

/// Writes one graph file with the given writer and commits it.
fn write_one(
    mut file: OutputFile,
    write: impl FnOnce(&mut OutputFile) -> Result<()>,
) -> Result<()> {
    write(&mut file)?;
    file.commit()
}

/// The manifest a graph run writes into its output directory: `actorgraph-manifest.tsv`.
///
/// It names every file the run wrote (relative to the directory, with `/` between the parts)
/// and its size in bytes, one per line after a header, in sorted order. It is renamed into
/// place after every other file of the set, so until the last rename it names the earlier
/// run's set, and after it the new one. A program that reads the directory while a run may
/// publish into it can read the manifest, then the files, then the manifest again: if the
/// manifest did not change and every file has the size it gives, the files are one run's set.
/// The next run removes the files the manifest names that it does not write itself.
pub const MANIFEST: &str = "actorgraph-manifest.tsv";

const MANIFEST_HEADER: &str = "file\tbytes\n";

impl OutputDir {
    /// Publishes a set of graph files (see [`OutputDir::publish`]) with a manifest
    /// ([`MANIFEST`]), removing the files an earlier run may have left in the output directory
    /// that this set does not hold: those the earlier manifest names, and those of every
    /// [`GraphFormat`], at the top and in each period directory (`2025`, `2025-06`) of a graph
    /// over time. [`OutputDir::stale_graph_files`] lists them beforehand.
    ///
    /// ```
    /// use std::io::Write;
    /// use actorgraph::{MANIFEST, OutputDir};
    ///
    /// let out = std::env::temp_dir().join(format!("actorgraph-doc-manifest-{}", std::process::id()));
    /// std::fs::create_dir_all(&out)?;
    /// std::fs::write(out.join("graph.html"), "from an earlier run")?;
    /// let mut set = OutputDir::create(&out)?;
    /// let mut nodes = set.file("nodes.csv")?;
    /// nodes.write_all(b"Id,Label\n")?;
    /// nodes.commit()?;
    /// assert_eq!(set.stale_graph_files(), [out.join("graph.html")]);
    /// set.publish_graphs()?;
    /// assert_eq!(std::fs::read_to_string(out.join(MANIFEST))?, "file\tbytes\nnodes.csv\t9\n");
    /// assert!(!out.join("graph.html").exists());
    /// # std::fs::remove_dir_all(&out)?;
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`OutputDir::publish`].
    pub fn publish_graphs(mut self) -> Result<()> {
        let stale = stale_candidates(self.path());
        self.manifest = true;
        self.files.insert(PathBuf::from(MANIFEST));
        self.publish(stale)
    }

    /// Returns the files that [`OutputDir::publish_graphs`] would remove from the output
    /// directory: an earlier run's graph files that this set does not hold, which exist and
    /// are regular files, in sorted order.
    pub fn stale_graph_files(&self) -> Vec<PathBuf> {
        let mut stale: Vec<PathBuf> = stale_candidates(self.path())
            .into_iter()
            .filter(|name| !self.files.contains(name) && name.as_path() != Path::new(MANIFEST))
            .map(|name| self.out.join(name))
            .filter(|path| fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
            .collect();
        stale.sort();
        stale.dedup();
        stale
    }
}

/// The files that an earlier run may have left in `out`: those its manifest names, and the
/// graph files of every format at the top and in each period directory.
fn stale_candidates(out: &Path) -> Vec<PathBuf> {
    let mut stale = stale_graph_files(out);
    stale.extend(manifest_files(out));
    stale
}

/// The files named in the manifest in `out`, if there is one. A line that is not a plain
/// relative path (absolute, or going up with `..`) is ignored: a manifest never makes a run
/// remove anything outside its output directory.
fn manifest_files(out: &Path) -> Vec<PathBuf> {
    let Ok(text) = fs::read_to_string(out.join(MANIFEST)) else { return Vec::new() };
    let plain = |p: &Path| {
        p.components().all(|c| matches!(c, std::path::Component::Normal(_)))
            && p.components().next().is_some()
    };
    text.lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .map(PathBuf::from)
        .filter(|p| plain(p))
        .collect()
}

/// The graph files that an earlier run may have left in `out`.
fn stale_graph_files(out: &Path) -> Vec<PathBuf> {
    let formats = GraphFormat::ALL.iter().flat_map(|f| f.file_names()).copied();
    let names: Vec<&str> = formats.chain(EVIDENCE_FILES).collect();
    let mut stale: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
    let periods = fs::read_dir(out).into_iter().flatten().filter_map(|e| {
        let name = e.ok()?.file_name().into_string().ok()?;
        is_period(&name).then_some(name)
    });
    for period in periods {
        stale.extend(names.iter().map(|n| Path::new(&period).join(n)));
    }
    stale
}

/// Is `name` a period directory of a graph over time: `YYYY` or `YYYY-MM`?
fn is_period(name: &str) -> bool {
    let b = name.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch::Scratch;

    #[test]
    fn folder_names_are_safe_and_distinct() {
        let rows: &[(&[&str], &[&str])] = &[
            (&["democrat", "republican"], &["democrat", "republican"]),
            (
                &["invented wire", "a/b", "..", "../x", ".hidden."],
                &["invented_wire", "a_b", "_", "_x", "hidden"],
            ),
            (&["A b", "a_b", "A?b", "a_B"], &["A_b", "a_b-2", "A_b-3", "a_B-4"]),
            (
                &["nodes.csv", "graph.GEXF", "values.tsv"],
                &["nodes.csv-2", "graph.GEXF-2", "values.tsv-2"],
            ),
            (
                &["Côte d’Ivoire", "CON", "com1.x", "con2"],
                &["C_te_d_Ivoire", "CON_", "com1.x_", "con2"],
            ),
        ];
        for (values, want) in rows {
            assert_eq!(folder_names(values.iter().copied()), *want, "{values:?}");
        }
        let long = "x".repeat(100);
        assert_eq!(folder_names([long.as_str()])[0].len(), MAX_FOLDER);
    }

    fn write(path: &Path, text: &str) -> Result<()> {
        let mut file = OutputFile::create(path)?;
        file.write_all(text.as_bytes())?;
        file.commit()
    }

    #[test]
    fn periods_are_years_and_months() {
        assert!(is_period("2025") && is_period("2025-06"));
        assert!(!is_period("graph.csv") && !is_period("2025-6") && !is_period("20256"));
    }

    #[test]
    fn r14_output_replaces_a_regular_file_atomically() {
        let dir = Scratch::new("output-regular");
        let path = dir.0.join("a.csv");
        fs::write(&path, "old").unwrap();
        let mut file = OutputFile::create(&path).unwrap();
        file.write_all(b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(dir.names(), ["a.csv"]);
        drop(OutputFile::create(&path).unwrap());
        assert_eq!(dir.names(), ["a.csv"], "a dropped file leaves no temporary file");
    }

    #[cfg(unix)]
    #[test]
    fn r14_output_writes_through_a_symlink_and_keeps_it() {
        let dir = Scratch::new("output-symlink");
        fs::create_dir(dir.0.join("real")).unwrap();
        let target = dir.0.join("real/target.csv");
        fs::write(&target, "old").unwrap();
        let link = dir.0.join("link.csv");
        std::os::unix::fs::symlink("real/target.csv", &link).unwrap();
        write(&link, "new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(dir.names(), ["link.csv", "real"]);
        let dangling = dir.0.join("dangling.csv");
        std::os::unix::fs::symlink("missing.csv", &dangling).unwrap();
        let err = write(&dangling, "x").unwrap_err().to_string();
        assert!(err.contains("dangling.csv: a symbolic link to a missing file"), "{err}");
        assert!(!dir.0.join("missing.csv").exists());
    }

    #[cfg(unix)]
    #[test]
    fn r14_output_writes_to_a_device_in_place() {
        write(Path::new("/dev/null"), "discarded").unwrap();
        let meta = fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null is still a device");
        let err = write(Path::new("/dev/full"), "x").unwrap_err().to_string();
        assert!(err.starts_with("/dev/full: "), "write errors name the file: {err}");
    }

    #[cfg(unix)]
    #[test]
    fn r14_output_writes_to_a_fifo_in_place() {
        let dir = Scratch::new("output-fifo");
        let fifo = dir.0.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        write(&fifo, "through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(!fs::symlink_metadata(&fifo).unwrap().is_file(), "still a FIFO");
        assert_eq!(dir.names(), ["pipe"]);
    }

    #[test]
    fn r14_output_to_a_directory_is_an_error_and_leaves_nothing() {
        let dir = Scratch::new("output-isdir");
        fs::create_dir(dir.0.join("sub")).unwrap();
        let err = OutputFile::create(dir.0.join("sub")).unwrap_err().to_string();
        assert!(err.ends_with("sub: is a directory, not a file"), "{err}");
        assert_eq!(dir.names(), ["sub"], "no .sub.PID.tmp");
        let err = OutputFile::create(dir.0.join("nowhere/a.csv")).unwrap_err().to_string();
        assert!(err.contains("a.csv: cannot be created: the directory"), "{err}");
        assert!(err.ends_with("nowhere does not exist"), "{err}");
        fs::write(dir.0.join("file"), "").unwrap();
        let err = OutputFile::create(dir.0.join("file/a.csv")).unwrap_err().to_string();
        assert!(err.ends_with("file is not a directory"), "{err}");
    }

    #[test]
    fn r14_output_set_is_published_whole_or_not_at_all() {
        let dir = Scratch::new("output-set");
        let out = dir.0.join("out");
        fs::create_dir(&out).unwrap();
        for name in ["nodes.csv", "graph.html"] {
            fs::write(out.join(name), "old").unwrap();
        }
        let mut set = OutputDir::create(&out).unwrap();
        let mut file = set.file("nodes.csv").unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        drop(set);
        assert_eq!(fs::read_to_string(out.join("nodes.csv")).unwrap(), "old");
        let mut names: Vec<_> =
            fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["graph.html", "nodes.csv"], "no temporary directory is left");

        let mut set = OutputDir::create(&out).unwrap();
        for name in ["nodes.csv", "2025-06/nodes.csv"] {
            let mut file = set.file(name).unwrap();
            file.write_all(b"new").unwrap();
            file.commit().unwrap();
        }
        set.publish(["nodes.csv", "graph.html", "2024-01/graph.dot"]).unwrap();
        assert_eq!(fs::read_to_string(out.join("nodes.csv")).unwrap(), "new");
        assert_eq!(fs::read_to_string(out.join("2025-06/nodes.csv")).unwrap(), "new");
        assert!(!out.join("graph.html").exists(), "a stale file is removed");
    }

    #[test]
    fn r14_output_set_refuses_to_replace_a_directory_before_renaming() {
        let dir = Scratch::new("output-set-dir");
        fs::create_dir_all(dir.0.join("graph.dot")).unwrap();
        fs::write(dir.0.join("nodes.csv"), "old").unwrap();
        let mut set = OutputDir::create(&dir.0).unwrap();
        for name in ["graph.dot", "nodes.csv"] {
            set.file(name).unwrap().commit().unwrap();
        }
        let err = set.publish(["x"]).unwrap_err().to_string();
        assert!(err.ends_with("graph.dot: is not a regular file, so it is not replaced"), "{err}");
        assert_eq!(fs::read_to_string(dir.0.join("nodes.csv")).unwrap(), "old");
        assert_eq!(dir.names(), ["graph.dot", "nodes.csv"]);
    }

    #[test]
    fn r14_output_set_in_a_new_directory_is_created_only_when_published() {
        let dir = Scratch::new("output-set-new");
        let out = dir.0.join("a/b");
        let mut set = OutputDir::create(&out).unwrap();
        assert_eq!(dir.names(), [format!(".actorgraph.b.{}.tmp", std::process::id())]);
        set.file("nodes.csv").unwrap().commit().unwrap();
        drop(set);
        assert!(dir.names().is_empty(), "a failed run creates no directory");
        let temps = TempFiles::new();
        let set = OutputDir::create_with(&out, &temps).unwrap();
        temps.remove_all();
        assert!(dir.names().is_empty(), "nor does an interrupted one: {:?}", dir.names());
        drop(set);
        let mut set = OutputDir::create(&out).unwrap();
        let mut file = set.file("2025-06/nodes.csv").unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        set.publish(["graph.dot"]).unwrap();
        assert_eq!(dir.names(), ["a"]);
        assert_eq!(fs::read_to_string(out.join("2025-06/nodes.csv")).unwrap(), "new");
        assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "no temporary directory inside");
        // A directory made by someone else meanwhile is filled file by file.
        let other = dir.0.join("c");
        let mut set = OutputDir::create(&other).unwrap();
        set.file("nodes.csv").unwrap().commit().unwrap();
        fs::create_dir(&other).unwrap();
        fs::write(other.join("graph.dot"), "theirs").unwrap();
        set.publish(["graph.dot"]).unwrap();
        let mut names: Vec<_> =
            fs::read_dir(&other).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["nodes.csv"], "stale graph files go as in any existing directory");
        // A parent that became a file: the error names it and nothing is left.
        let late = dir.0.join("d/e");
        let set = OutputDir::create(&late).unwrap();
        fs::write(dir.0.join("d"), "").unwrap();
        let err = set.publish(std::iter::empty::<&str>()).unwrap_err().to_string();
        assert!(err.contains("/d: "), "{err}");
        assert_eq!(dir.names(), ["a", "c", "d"]);
    }

    #[test]
    fn r14_output_set_refuses_what_is_not_a_directory() {
        let dir = Scratch::new("output-set-file");
        fs::write(dir.0.join("file"), "").unwrap();
        let err = OutputDir::create(dir.0.join("file")).unwrap_err().to_string();
        assert!(err.ends_with("file: is not a directory (the output needs a directory here)"));
        let err = OutputDir::create(dir.0.join("file/out")).unwrap_err().to_string();
        assert!(err.contains("out: cannot be created: "), "{err}");
        assert!(err.ends_with("file is not a directory"), "{err}");
        assert_eq!(dir.names(), ["file"]);
    }

    fn publish_set(out: &Path, names: &[&str]) {
        let mut set = OutputDir::create(out).unwrap();
        for name in names {
            let mut file = set.file(name).unwrap();
            file.write_all(b"new").unwrap();
            file.commit().unwrap();
        }
        set.publish_graphs().unwrap();
    }

    #[test]
    fn r15_graph_sets_write_a_manifest_last_and_remove_what_it_names() {
        let dir = Scratch::new("output-manifest");
        let out = dir.0.join("out");
        publish_set(&out, &["nodes.csv", "evidence.csv", "2025-06/nodes.csv"]);
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert_eq!(manifest, "file\tbytes\n2025-06/nodes.csv\t3\nevidence.csv\t3\nnodes.csv\t3\n");
        fs::write(out.join("notes.txt"), "the user's").unwrap();
        let mut set = OutputDir::create(&out).unwrap();
        set.file("graph.dot").unwrap().commit().unwrap();
        let stale = set.stale_graph_files();
        let want: Vec<PathBuf> = ["2025-06/nodes.csv", "evidence.csv", "nodes.csv"]
            .iter()
            .map(|n| out.join(n))
            .collect();
        assert_eq!(stale, want, "what the manifest names, not the user's files");
        set.publish_graphs().unwrap();
        let mut names: Vec<_> =
            fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, [MANIFEST, "graph.dot", "notes.txt"]);
        assert_eq!(fs::read_to_string(out.join(MANIFEST)).unwrap(), "file\tbytes\ngraph.dot\t0\n");
    }

    #[test]
    fn r15_a_manifest_never_removes_outside_its_directory() {
        let dir = Scratch::new("output-manifest-escape");
        let out = dir.0.join("out");
        fs::create_dir(&out).unwrap();
        fs::write(dir.0.join("precious.txt"), "keep").unwrap();
        let precious = dir.0.join("precious.txt");
        let text = format!("file\tbytes\n../precious.txt\t4\n{}\t4\n", precious.display());
        fs::write(out.join(MANIFEST), text).unwrap();
        publish_set(&out, &["nodes.csv"]);
        assert_eq!(fs::read_to_string(&precious).unwrap(), "keep");
    }

    #[test]
    fn r14_temp_files_are_removed_by_remove_all() {
        let dir = Scratch::new("output-temps");
        let temps = TempFiles::new();
        let mut set = OutputDir::create_with(&dir.0, &temps).unwrap();
        let file = OutputFile::create_with(dir.0.join("a.csv"), &temps).unwrap();
        assert_eq!(temps.paths().len(), 2);
        temps.remove_all();
        assert!(dir.names().is_empty(), "{:?}", dir.names());
        assert!(set.file("2025-06/nodes.csv").is_err(), "the set is interrupted");
        assert!(dir.names().is_empty(), "its directory is not made again: {:?}", dir.names());
        assert!(OutputDir::create_with(&dir.0, &temps).is_err());
        drop((set, file));
        assert!(dir.names().is_empty());
    }
}
