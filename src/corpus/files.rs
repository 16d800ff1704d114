//! Files, directories and standard input.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::{self, File};
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::{DateSources, Document, JsonlDocuments, JsonlOptions, decode_lossy};
use crate::error::{Error, Result};

/// How to read an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputFormat {
    /// Decide per input: `.jsonl` files are JSONL, other files are one document each, and
    /// standard input is JSONL when its first non-blank byte is `{`.
    #[default]
    Auto,
    /// Every input is one plain-text (or Markdown) document.
    Text,
    /// Every input is JSONL.
    Jsonl,
}

/// The file extensions read from directories, also with `.gz` after them. Files named on the
/// command line are read whatever their extension.
const DIRECTORY_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "jsonl"];

/// The default limit on one text document: 64 MiB, as on one JSONL line.
const DEFAULT_MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// A reader of documents from paths, directories and standard input.
#[derive(Clone, Debug)]
pub struct Corpus {
    format: InputFormat,
    jsonl: JsonlOptions,
    max_document_bytes: usize,
    /// The date sources set on the corpus, for text files and JSONL alike; `None` leaves JSONL
    /// to its options and gives text files the default.
    dates: Option<DateSources>,
}

impl Default for Corpus {
    fn default() -> Corpus {
        Corpus {
            format: InputFormat::default(),
            jsonl: JsonlOptions::default(),
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            dates: None,
        }
    }
}

impl Corpus {
    /// Creates a corpus reader with automatic format detection and default JSONL fields.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Sets how inputs are read.
    pub fn format(&mut self, format: InputFormat) -> &mut Corpus {
        self.format = format;
        self
    }

    /// Sets the largest text document accepted, in bytes after decompression (default 64
    /// MiB, the default limit on a JSONL line: see [`JsonlOptions::max_record_bytes`]). A
    /// larger file is an error naming it; it is read only up to the limit, so memory stays
    /// bounded whatever the file (a small gzip can hold gigabytes).
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("actorgraph-doc-cap-{}.txt", std::process::id()));
    /// std::fs::write(&path, "Russia met Ukraine.")?;
    /// let mut corpus = actorgraph::Corpus::new();
    /// corpus.max_document_bytes(10);
    /// let err = corpus.documents([&path]).next().unwrap().unwrap_err();
    /// assert!(err.to_string().ends_with("a text document larger than 10 bytes (the limit)"));
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn max_document_bytes(&mut self, limit: usize) -> &mut Corpus {
        self.max_document_bytes = limit;
        self
    }

    /// Sets the JSONL field names.
    pub fn jsonl(&mut self, opts: JsonlOptions) -> &mut Corpus {
        self.jsonl = opts;
        self
    }

    /// Sets where documents' dates come from, for text files and JSONL records alike (it
    /// takes the place of [`JsonlOptions::date_sources`]); the default is
    /// `field,dateline,filename` (see [`DateSources`]).
    ///
    /// ```
    /// use actorgraph::{Corpus, DateSources};
    ///
    /// let dir = std::env::temp_dir().join(format!("actorgraph-doc-sources-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("2025-03-14-talks.md");
    /// std::fs::write(&path, "CAIRO, Jan. 20, 2025 — Talks resumed.")?;
    /// let date = |sources: &str| {
    ///     let mut corpus = Corpus::new();
    ///     corpus.date_sources(sources.parse().unwrap());
    ///     corpus.documents([&path]).next().unwrap().unwrap().date().map(String::from)
    /// };
    /// assert_eq!(date("field,dateline,filename").as_deref(), Some("2025-01-20"));
    /// assert_eq!(date("filename,dateline").as_deref(), Some("2025-03-14"));
    /// assert_eq!(date("none"), None);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn date_sources(&mut self, sources: DateSources) -> &mut Corpus {
        self.dates = Some(sources);
        self
    }

    /// Returns the documents of `inputs`, in order. A directory is read recursively in sorted
    /// order (`.txt`, `.md`, `.markdown` and `.jsonl` files; hidden entries are skipped), and
    /// `-` is standard input. A text file's id is its path (with any bytes of the name that are
    /// not UTF-8 shown as U+FFFD).
    ///
    /// Symbolic links to directories are followed, but every directory is read once: a link
    /// back to a directory that contains it (a loop), or to a directory read already, is
    /// skipped with a warning. See [`Documents::take_warnings`] for the other warnings.
    ///
    /// ```no_run
    /// let corpus = actorgraph::Corpus::new();
    /// for doc in corpus.documents(["data/articles"]) {
    ///     let doc = doc?;
    ///     println!("{}: {} bytes", doc.id(), doc.text().len());
    /// }
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn documents<I, P>(&self, inputs: I) -> Documents
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let pending = inputs.into_iter().map(|p| Input::Named(p.as_ref().to_path_buf())).collect();
        let mut corpus = self.clone();
        if let Some(dates) = &self.dates {
            corpus.jsonl.date_sources(dates.clone());
        }
        Documents {
            corpus,
            pending,
            jsonl: None,
            warnings: Vec::new(),
            dirs: HashSet::new(),
            named_files: None,
            skipped: Skipped::default(),
            opened: 0,
            ids: JsonlIds::default(),
        }
    }
}

#[derive(Debug)]
enum Input {
    /// A path named by the caller: read whatever its extension.
    Named(PathBuf),
    /// A file found in a directory.
    Found(PathBuf),
    /// The end of a directory named by the caller, and how many files had been opened before
    /// it: if none was opened since, the directory held no corpus file.
    EndOfDir(PathBuf, u64),
}

type BoxedJsonl = JsonlDocuments<Box<dyn BufRead + Send>>;

/// An iterator over the documents of a [`Corpus`]. An error concerns one input or record, and
/// iteration goes on with the next. Problems that do not stop a document from being read are
/// collected as warnings: see [`Documents::take_warnings`].
pub struct Documents {
    corpus: Corpus,
    pending: VecDeque<Input>,
    jsonl: Option<BoxedJsonl>,
    warnings: Vec<String>,
    /// The canonical paths of the directories read so far.
    dirs: HashSet<PathBuf>,
    /// The canonical paths of the files named in the inputs, each with the path it was first
    /// read by (`None` until then), so that a file named twice, or named and also found in a
    /// directory named, is read once. Made when the first input is opened.
    named_files: Option<HashMap<PathBuf, Option<PathBuf>>>,
    /// The entries of the directory named last that were passed over, for the warning when it
    /// holds no file to read.
    skipped: Skipped,
    /// How many files have been opened.
    opened: u64,
    ids: JsonlIds,
}

/// The entries of a directory that are not read: the first few names in sorted order, and how
/// many in all.
#[derive(Debug, Default)]
struct Skipped {
    names: Vec<String>,
    count: u64,
}

/// How many skipped names a warning gives.
const SKIPPED_NAMES: usize = 5;

impl Skipped {
    fn add(&mut self, path: &Path) {
        let name = file_name(path).into_owned();
        let at = self.names.binary_search(&name).unwrap_or_else(|at| at);
        if at < SKIPPED_NAMES {
            self.names.insert(at, name);
            self.names.truncate(SKIPPED_NAMES);
        }
        self.count += 1;
    }

    /// What the warning says after "no file to read": empty if nothing was skipped.
    fn describe(&self) -> String {
        if self.count == 0 {
            return String::new();
        }
        let more = self.count - self.names.len() as u64;
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        let files = if self.count == 1 { "file" } else { "files" };
        format!(
            "; skipped {} {files} with another extension: {}{more}",
            self.count,
            self.names.join(", ")
        )
    }
}

/// The ids of the JSONL records read so far, to report duplicates. Ids are kept as 64-bit
/// hashes with the place they were first seen, so memory stays small on large corpora.
#[derive(Debug, Default)]
struct JsonlIds {
    /// The JSONL sources, by index.
    origins: Vec<String>,
    /// Each id's hash: the origin and line where it was first seen, and whether it was
    /// reported already.
    first: HashMap<u64, (u32, u64, bool)>,
}

impl JsonlIds {
    /// Starts a new source.
    fn start(&mut self, origin: &str) {
        self.origins.push(origin.to_string());
    }

    /// Records an id seen on `line` of the current source. Returns a warning the first time an
    /// id is seen again.
    fn see(&mut self, id: &str, line: u64) -> Option<String> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut hasher);
        let origin = u32::try_from(self.origins.len().saturating_sub(1)).unwrap_or(u32::MAX);
        let slot = self.first.entry(hasher.finish()).or_insert((origin, line, false));
        if (slot.0, slot.1) == (origin, line) || std::mem::replace(&mut slot.2, true) {
            return None;
        }
        let here = self.origins.last().map_or("", String::as_str);
        let first = self.origins.get(slot.0 as usize).map_or("", String::as_str);
        Some(format!(
            "{here}:{line}: duplicate id \"{id}\" (first seen at {first}:{}); later repeats of \
             it are not reported",
            slot.1
        ))
    }
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents").field("pending", &self.pending).finish()
    }
}

impl Iterator for Documents {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        loop {
            if let Some(jsonl) = &mut self.jsonl {
                match jsonl.next() {
                    Some(Ok(doc)) => {
                        let warning = self.ids.see(doc.id(), jsonl.line());
                        self.warnings.extend(warning);
                        return Some(Ok(doc));
                    }
                    Some(Err(err)) => return Some(Err(err)),
                    None => self.jsonl = None,
                }
            }
            if self.named_files.is_none() {
                self.named_files = Some(canonical_named_files(&self.pending));
            }
            let input = self.pending.pop_front()?;
            if let Some(item) = self.open(input) {
                return Some(item);
            }
        }
    }
}

impl Documents {
    /// Returns the warnings gathered since the last call, and forgets them. They concern
    /// inputs that were read anyway, or skipped for a reason that is not an error:
    ///
    /// - a symbolic link to a directory that contains it, or to a directory read already (it
    ///   is skipped, so no file is read twice and the walk ends);
    /// - a directory named in the inputs that holds no file to read, with the first few
    ///   names of the files in it that were passed over for their extension (`report.pdf`);
    /// - a file named twice in the inputs, or named and also found in a directory named
    ///   (through any path or link): it is read once;
    /// - a FIFO, socket or device found in a directory (it is skipped: a FIFO could make the
    ///   run wait forever; named in the inputs, it is read);
    /// - a file name that is not UTF-8 (the file is read; its id shows U+FFFD for the bytes);
    /// - a JSONL id seen before, reported once per id with the file and line of both.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("actorgraph-doc-empty-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let mut docs = actorgraph::Corpus::new().documents([&dir]);
    /// assert!(docs.next().is_none());
    /// assert!(docs.take_warnings()[0].ends_with("no file to read (.txt, .md, .markdown or .jsonl, or .gz)"));
    /// # std::fs::remove_dir(&dir)?;
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Opens one input. Returns a document or an error, or `None` when the input was expanded
    /// (a directory) or started a JSONL stream.
    fn open(&mut self, input: Input) -> Option<Result<Document>> {
        let (path, named) = match input {
            Input::Named(path) if path == Path::new("-") => return self.open_stdin(),
            Input::Named(path) => (path, true),
            Input::Found(path) => (path, false),
            Input::EndOfDir(dir, opened) => {
                if opened == self.opened {
                    self.warnings.push(format!(
                        "{}: no file to read (.txt, .md, .markdown or .jsonl, or .gz){}",
                        dir.display(),
                        self.skipped.describe()
                    ));
                }
                return None;
            }
        };
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) => return Some(Err(Error::io_at(path, err))),
        };
        if meta.is_dir() {
            return self.expand(&path, named).err().map(Err);
        }
        if let Some(warning) = self.read_before(&path) {
            self.warnings.push(warning);
            return None;
        }
        self.opened += 1;
        if path.to_str().is_none() {
            self.warnings.push(format!(
                "{}: the file name is not UTF-8; the document id shows U+FFFD for its invalid bytes",
                path.display()
            ));
        }
        if self.is_jsonl(&path) {
            return match open(&path) {
                Ok(rdr) => self.start_jsonl(rdr, &path.display()),
                Err(err) => Some(Err(err)),
            };
        }
        Some(read_text_file(&path, &self.corpus))
    }

    /// Returns a warning if `path` is a file named in the inputs that was read already
    /// (through this path or another), and otherwise notes that it is read now.
    fn read_before(&mut self, path: &Path) -> Option<String> {
        let named = self.named_files.as_mut().filter(|named| !named.is_empty())?;
        let canonical = fs::canonicalize(path).ok()?;
        let first = named.get_mut(&canonical)?;
        if let Some(first) = first {
            let shown =
                if first == path { String::new() } else { format!(" as {}", first.display()) };
            return Some(format!(
                "{}: given twice (read already{shown}), so read once",
                path.display()
            ));
        }
        *first = Some(path.to_path_buf());
        None
    }

    fn is_jsonl(&self, path: &Path) -> bool {
        match self.corpus.format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => inner_extension(path).is_some_and(|ext| ext == "jsonl"),
        }
    }

    fn start_jsonl(
        &mut self,
        rdr: Box<dyn BufRead + Send>,
        origin: &dyn std::fmt::Display,
    ) -> Option<Result<Document>> {
        let origin = origin.to_string();
        self.ids.start(&origin);
        self.jsonl = Some(self.corpus.jsonl.read(rdr, &origin));
        None
    }

    /// Puts the entries of a directory at the front of the queue, in sorted order, unless the
    /// directory was read already. `named` is true for a directory named by the caller.
    fn expand(&mut self, dir: &Path, named: bool) -> Result<()> {
        let canonical = fs::canonicalize(dir).map_err(|err| Error::io_at(dir, err))?;
        if named {
            self.skipped = Skipped::default();
        }
        if self.dirs.contains(&canonical) {
            self.warnings.push(format!(
                "{}: skipped: it is {}, which is read already (through another path or link)",
                dir.display(),
                canonical.display()
            ));
            return Ok(());
        }
        let mut found = Vec::new();
        for entry in fs::read_dir(dir).map_err(|err| Error::io_at(dir, err))? {
            let entry = entry.map_err(|err| Error::io_at(dir, err))?;
            let path = entry.path();
            if is_hidden(&path) {
                continue;
            }
            if !path.is_dir() {
                if !has_corpus_extension(&path) {
                    self.skipped.add(&path);
                    continue;
                }
                match special_file(&path) {
                    Some(warning) => self.warnings.push(warning),
                    None => found.push(path),
                }
            } else if let Some(loop_warning) = symlink_loop(&entry, &canonical) {
                self.warnings.push(loop_warning);
            } else {
                found.push(path);
            }
        }
        self.dirs.insert(canonical);
        found.sort();
        if named {
            self.pending.push_front(Input::EndOfDir(dir.to_path_buf(), self.opened));
        }
        for path in found.into_iter().rev() {
            self.pending.push_front(Input::Found(path));
        }
        Ok(())
    }

    fn open_stdin(&mut self) -> Option<Result<Document>> {
        let mut rdr: Box<dyn BufRead + Send> = Box::new(BufReader::new(io::stdin()));
        let (jsonl, skipped) = match self.corpus.format {
            InputFormat::Jsonl => (true, 0),
            InputFormat::Text => (false, 0),
            // Nothing but white space (a Spark partition or Hadoop split with no record) is
            // no document, as an empty JSONL file is none.
            InputFormat::Auto => match sniff_brace(&mut rdr) {
                Ok((Some(brace), skipped)) => (brace, skipped),
                Ok((None, _)) => return None,
                Err(err) => return Some(Err(Error::io_at("<stdin>", err))),
            },
        };
        if jsonl {
            self.ids.start("<stdin>");
            self.jsonl = Some(self.corpus.jsonl.read(rdr, "<stdin>").after_lines(skipped));
            return None;
        }
        Some(
            read_capped(rdr, "<stdin>", self.corpus.max_document_bytes)
                .map(|bytes| text_document("<stdin>".to_string(), bytes, &self.corpus, false)),
        )
    }
}

/// Returns a warning if `entry`, found in the directory whose canonical path is `parent`, is a
/// symbolic link to that directory or one that contains it: following it would never end.
/// The canonical paths of the regular files among the named inputs.
fn canonical_named_files(pending: &VecDeque<Input>) -> HashMap<PathBuf, Option<PathBuf>> {
    let named = pending.iter().filter_map(|input| match input {
        Input::Named(path) if path != Path::new("-") => Some(path),
        _ => None,
    });
    let files = named.filter(|path| fs::metadata(path).is_ok_and(|m| m.is_file()));
    files.filter_map(|path| Some((fs::canonicalize(path).ok()?, None))).collect()
}

fn symlink_loop(entry: &fs::DirEntry, parent: &Path) -> Option<String> {
    if !entry.file_type().is_ok_and(|t| t.is_symlink()) {
        return None;
    }
    let target = fs::canonicalize(entry.path()).ok()?;
    parent.starts_with(&target).then(|| {
        format!(
            "{}: skipped: it leads back to {}, a directory that contains it (a symbolic link loop)",
            entry.path().display(),
            target.display()
        )
    })
}

/// Returns a warning if `path`, found in a directory, is a FIFO, a socket or a device (itself
/// or through a link): reading a FIFO nobody writes to would wait forever, and a device may
/// never end. Named on the command line, such a file is read (`<(zcat corpus.gz)` is a pipe).
fn special_file(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    if meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "a device"
        }
    };
    #[cfg(not(unix))]
    let what = "a special file";
    Some(format!(
        "{}: skipped: it is {what}, not a regular file (name it on the command line to read it)",
        path.display()
    ))
}

/// Opens a file for buffered reading, decompressing it if its name ends in `.gz`.
fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path).map_err(|err| Error::io_at(path, err))?;
    if is_gzip(path) {
        let decoder = flate2::read::MultiGzDecoder::new(BufReader::new(file));
        return Ok(Box::new(BufReader::with_capacity(1 << 16, decoder)));
    }
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("gz"))
}

/// A file's name as text, with any bytes that are not UTF-8 shown as U+FFFD: good enough to
/// read its extension and whether it is hidden.
fn file_name(path: &Path) -> Cow<'_, str> {
    path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
}

/// The extension that says what a file holds: `jsonl` for both `a.jsonl` and `a.jsonl.gz`.
fn inner_extension(path: &Path) -> Option<String> {
    let name = file_name(path);
    let name = if is_gzip(path) { &name[..name.len() - 3] } else { &name };
    Some(Path::new(name).extension()?.to_string_lossy().into_owned())
}

fn read_text_file(path: &Path, corpus: &Corpus) -> Result<Document> {
    let bytes = read_capped(open(path)?, path, corpus.max_document_bytes)?;
    Ok(text_document(path.display().to_string(), bytes, corpus, true))
}

/// Reads a whole text document, but never more than `limit` bytes of it (and one to tell).
fn read_capped<R: Read>(rdr: R, origin: impl AsRef<Path>, limit: usize) -> Result<Vec<u8>> {
    let origin = origin.as_ref();
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    rdr.take(cap).read_to_end(&mut bytes).map_err(|err| Error::io_at(origin, err))?;
    if bytes.len() > limit {
        let msg = format!("a text document larger than {limit} bytes (the limit)");
        return Err(Error::io_at(origin, io::Error::new(io::ErrorKind::InvalidData, msg)));
    }
    Ok(bytes)
}

/// A text document with the id `id`, dated by the corpus's date sources; `named` is true if
/// the id is a file name (which may give the date).
fn text_document(id: String, bytes: Vec<u8>, corpus: &Corpus, named: bool) -> Document {
    let source_bytes = bytes.len() as u64;
    let (text, lossy) = decode_lossy(bytes);
    let sources = corpus.dates.clone().unwrap_or_default();
    let found = sources.resolve(None, &text, named.then_some(id.as_str()));
    let (date, date_source) = found.map_or((None, None), |(d, s)| (Some(d), Some(s)));
    let location = id.clone();
    Document { location, id, text, date, date_source, lossy, source_bytes, ..Document::default() }
}

fn is_hidden(path: &Path) -> bool {
    file_name(path).starts_with('.')
}

fn has_corpus_extension(path: &Path) -> bool {
    let ext = inner_extension(path).unwrap_or_default();
    DIRECTORY_EXTENSIONS.iter().any(|known| ext.eq_ignore_ascii_case(known))
}

/// Peeks at a reader: is its first non-whitespace byte `{`? `None` if the input holds nothing
/// but white space (after a byte order mark). Consumes only a leading byte order mark and
/// white space, and returns how many whole lines it consumed, so that line numbers can still
/// count from the start of the input.
fn sniff_brace<R: BufRead + ?Sized>(rdr: &mut R) -> io::Result<(Option<bool>, u64)> {
    skip_bom(rdr)?;
    let mut lines = 0;
    loop {
        let buf = rdr.fill_buf()?;
        if buf.is_empty() {
            return Ok((None, lines));
        }
        let end = buf.iter().position(|b| !b.is_ascii_whitespace());
        let blank = &buf[..end.unwrap_or(buf.len())];
        lines += blank.iter().filter(|&&b| b == b'\n').count() as u64;
        match end {
            Some(i) => {
                // Keep the white space that starts the first non-blank line, so that it is
                // still line `lines + 1`.
                let keep = blank.iter().rposition(|&b| b == b'\n').map_or(0, |nl| nl + 1);
                let brace = buf[i] == b'{';
                rdr.consume(keep);
                return Ok((Some(brace), lines));
            }
            None => {
                let n = buf.len();
                rdr.consume(n);
            }
        }
    }
}

/// Consumes a UTF-8 byte order mark at the start of a reader, even one that a pipe delivers a
/// byte at a time.
fn skip_bom<R: BufRead + ?Sized>(rdr: &mut R) -> io::Result<()> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let mut seen = 0;
    while seen < BOM.len() {
        let buf = rdr.fill_buf()?;
        let n = buf.iter().zip(&BOM[seen..]).take_while(|(a, b)| a == b).count();
        if n == 0 {
            // Not a byte order mark. A partial one that a pipe cut can only be put back by
            // reading it as text; what it was is lost, as a file's invalid UTF-8 would be.
            return Ok(());
        }
        rdr.consume(n);
        seen += n;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("actorgraph-corpus-{}-{}", name, std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn directories_are_read_recursively_in_sorted_order() {
        let dir = temp_dir("walk");
        fs::create_dir_all(dir.join("b")).unwrap();
        fs::write(dir.join("c.txt"), "C").unwrap();
        fs::write(dir.join("a.md"), "A").unwrap();
        fs::write(dir.join("b/x.txt"), "X").unwrap();
        fs::write(dir.join("skip.pdf"), "P").unwrap();
        fs::write(dir.join(".hidden.txt"), "H").unwrap();
        fs::write(dir.join("d.jsonl"), "{\"id\": \"j\", \"text\": \"J\"}\n").unwrap();
        let texts: Vec<String> =
            Corpus::new().documents([&dir]).map(|d| d.unwrap().text().to_string()).collect();
        assert_eq!(texts, ["A", "X", "C", "J"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn missing_path_is_an_error_naming_it_and_reading_goes_on() {
        let dir = temp_dir("missing");
        fs::write(dir.join("ok.txt"), "ok").unwrap();
        let docs: Vec<_> =
            Corpus::new().documents([dir.join("nope.txt"), dir.join("ok.txt")]).collect();
        assert!(docs[0].as_ref().unwrap_err().to_string().contains("nope.txt"));
        assert_eq!(docs[1].as_ref().unwrap().text(), "ok");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn gzip_files_are_decompressed() {
        use std::io::Write;
        let dir = temp_dir("gzip");
        for (name, content) in
            [("a.jsonl.gz", "{\"id\": \"j\", \"text\": \"Gaza\"}\n"), ("b.txt.gz", "Kyiv")]
        {
            let file = File::create(dir.join(name)).unwrap();
            let mut enc = flate2::write::GzEncoder::new(file, flate2::Compression::default());
            enc.write_all(content.as_bytes()).unwrap();
            enc.finish().unwrap();
        }
        fs::write(dir.join("c.gz"), "not a corpus file").unwrap();
        let texts: Vec<String> =
            Corpus::new().documents([&dir]).map(|d| d.unwrap().text().to_string()).collect();
        assert_eq!(texts, ["Gaza", "Kyiv"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn corrupt_gzip_is_an_error_naming_the_file() {
        let dir = temp_dir("badgzip");
        fs::write(dir.join("bad.txt.gz"), "plain text, not gzip").unwrap();
        let docs: Vec<_> = Corpus::new().documents([dir.join("bad.txt.gz")]).collect();
        assert!(docs[0].as_ref().unwrap_err().to_string().contains("bad.txt.gz"));
        fs::remove_dir_all(dir).unwrap();
    }

    /// Reads `inputs` and returns the texts (or error messages) and the warnings.
    fn read_all<P: AsRef<Path>>(inputs: &[P]) -> (Vec<String>, Vec<String>) {
        let mut docs = Corpus::new().documents(inputs);
        let mut texts = Vec::new();
        for doc in &mut docs {
            texts.push(doc.map_or_else(|e| e.to_string(), |d| d.text().to_string()));
        }
        (texts, docs.take_warnings())
    }

    #[cfg(unix)]
    #[test]
    fn directory_symlink_cycles_are_read_once_and_skipped_with_a_warning() {
        use std::os::unix::fs::symlink;
        let dir = temp_dir("cycle");
        fs::create_dir_all(dir.join("L/a")).unwrap();
        fs::write(dir.join("L/a/x.txt"), "Russia met Ukraine.").unwrap();
        symlink("..", dir.join("L/a/up")).unwrap();
        symlink("../..", dir.join("L/a/top")).unwrap();
        symlink("a", dir.join("L/b")).unwrap();
        let (texts, warnings) = read_all(&[dir.join("L")]);
        assert_eq!(texts, ["Russia met Ukraine."]);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        let up = dir.join("L/a/up").display().to_string();
        assert!(warnings.iter().any(|w| w.starts_with(&up) && w.contains("symbolic link loop")));
        let top = dir.join("L/a/top").display().to_string();
        assert!(warnings.iter().any(|w| w.starts_with(&top) && w.contains("symbolic link loop")));
        let b = dir.join("L/b").display().to_string();
        assert!(warnings.iter().any(|w| w.starts_with(&b) && w.contains("read already")));
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn file_names_that_are_not_utf8_are_read_with_a_warning() {
        use std::os::unix::ffi::OsStrExt;
        let dir = temp_dir("latin1");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        if fs::write(dir.join(name), "Kyiv").is_err() {
            return; // a file system that only takes UTF-8 names
        }
        fs::write(dir.join(std::ffi::OsStr::from_bytes(b".\xe9.txt")), "hidden").unwrap();
        let mut docs = Corpus::new().documents([&dir]);
        let doc = docs.next().unwrap().unwrap();
        assert_eq!(doc.text(), "Kyiv");
        assert!(doc.id().ends_with("caf\u{FFFD}.txt"), "{}", doc.id());
        assert!(docs.next().is_none(), "hidden files stay hidden");
        let warnings = docs.take_warnings();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("the file name is not UTF-8"), "{warnings:?}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn empty_input_directory_warns() {
        let dir = temp_dir("empty");
        fs::create_dir_all(dir.join("empty/sub")).unwrap();
        fs::write(dir.join("empty/notes.pdf"), "P").unwrap();
        fs::create_dir_all(dir.join("full")).unwrap();
        fs::write(dir.join("full/a.txt"), "A").unwrap();
        let (texts, warnings) = read_all(&[dir.join("empty"), dir.join("full")]);
        assert_eq!(texts, ["A"]);
        let empty = dir.join("empty").display().to_string();
        assert_eq!(
            warnings,
            [format!(
                "{empty}: no file to read (.txt, .md, .markdown or .jsonl, or .gz); skipped 1 \
                 file with another extension: notes.pdf"
            )]
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn r15_a_file_given_twice_is_read_once_with_a_warning() {
        let dir = temp_dir("given-twice");
        let a = dir.join("a.txt");
        fs::write(&a, "A").unwrap();
        fs::write(dir.join("b.txt"), "B").unwrap();
        fs::create_dir(dir.join("sub")).unwrap();
        let dotted = dir.join("sub/../a.txt");
        let (texts, warnings) = read_all(&[a.clone(), a.clone(), dotted.clone()]);
        assert_eq!(texts, ["A"]);
        assert_eq!(
            warnings,
            [
                format!("{}: given twice (read already), so read once", a.display()),
                format!(
                    "{}: given twice (read already as {}), so read once",
                    dotted.display(),
                    a.display()
                ),
            ]
        );
        let (texts, warnings) = read_all(&[dir.clone(), a.clone()]);
        assert_eq!(texts, ["A", "B"], "named and also in a directory named");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn r15_a_folder_with_nothing_to_read_names_what_it_skipped() {
        let dir = temp_dir("skipped-files");
        for name in ["a.pdf", "b.html", "c.docx", "d.pdf", "e.pdf", "f.pdf", "g.pdf"] {
            fs::write(dir.join(name), "x").unwrap();
        }
        let (texts, warnings) = read_all(&[&dir]);
        assert!(texts.is_empty());
        assert_eq!(
            warnings,
            [format!(
                "{}: no file to read (.txt, .md, .markdown or .jsonl, or .gz); skipped 7 files \
                 with another extension: a.pdf, b.html, c.docx, d.pdf, e.pdf and 2 more",
                dir.display()
            )]
        );
    }

    #[test]
    fn duplicate_jsonl_ids_warn_once_per_id() {
        let dir = temp_dir("dupids");
        let line = |id: &str| format!("{{\"id\": \"{id}\", \"text\": \"t\"}}\n");
        let a = [line("x"), line("y"), line("x"), line("x")].concat();
        fs::write(dir.join("a.jsonl"), a).unwrap();
        fs::write(dir.join("b.jsonl"), [line("y"), line("z")].concat()).unwrap();
        let (texts, warnings) = read_all(&[dir.join("a.jsonl"), dir.join("b.jsonl")]);
        assert_eq!(texts.len(), 6);
        let (a, b) =
            (dir.join("a.jsonl").display().to_string(), dir.join("b.jsonl").display().to_string());
        assert_eq!(
            warnings,
            [
                format!(
                    "{a}:3: duplicate id \"x\" (first seen at {a}:1); later repeats of it are \
                     not reported"
                ),
                format!(
                    "{b}:1: duplicate id \"y\" (first seen at {a}:2); later repeats of it are \
                     not reported"
                ),
            ]
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn brace_sniffing() {
        let mut rdr = &b"  \n {\"a\":1}"[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (Some(true), 1));
        assert_eq!(rdr, b" {\"a\":1}");
        let mut rdr = &b"Kyiv"[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (Some(false), 0));
        let mut rdr = &b""[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (None, 0));
        let mut rdr = &b"\xEF\xBB\xBF \n\n"[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (None, 2));
        let mut rdr = &b"\xEF\xBB\xBF\n{}"[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (Some(true), 1));
        // A pipe may hand over the byte order mark one byte at a time.
        let mut rdr = BufReader::with_capacity(1, &b"\xEF\xBB\xBF{}"[..]);
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (Some(true), 0));
    }

    #[test]
    fn stdin_line_numbers_count_leading_blank_lines() {
        // What standard input goes through: sniffing, then the JSONL reader.
        let input = b"\n\n\n{\"id\":\"a\",\"text\":\"Russia.\"}\n{bad\n";
        let mut rdr = BufReader::with_capacity(2, &input[..]);
        let (brace, skipped) = sniff_brace(&mut rdr).unwrap();
        assert_eq!(brace, Some(true));
        let docs: Vec<_> = JsonlOptions::new().read(rdr, "<stdin>").after_lines(skipped).collect();
        assert_eq!(docs[0].as_ref().unwrap().location(), "<stdin>:4");
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("<stdin>:5: invalid JSON"), "{err}");
    }

    #[test]
    fn r14_text_documents_are_capped_while_read() {
        let bytes = read_capped(&b"0123456789"[..], "t.txt", 10).unwrap();
        assert_eq!(bytes.len(), 10, "exactly the limit is fine");
        let err = read_capped(&b"0123456789x"[..], "t.txt", 10).unwrap_err().to_string();
        assert_eq!(err, "t.txt: a text document larger than 10 bytes (the limit)");
        // An endless reader: only limit + 1 bytes are ever read.
        let err = read_capped(io::repeat(b'a'), "<stdin>", 1 << 20).unwrap_err().to_string();
        assert!(err.starts_with("<stdin>: a text document larger than 1048576 bytes"), "{err}");
    }
}
