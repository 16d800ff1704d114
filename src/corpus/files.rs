//! Files, directories and standard input.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::{Document, JsonlDocuments, JsonlOptions, dates, decode_lossy};
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

/// A reader of documents from paths, directories and standard input.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    format: InputFormat,
    jsonl: JsonlOptions,
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

    /// Sets the JSONL field names.
    pub fn jsonl(&mut self, opts: JsonlOptions) -> &mut Corpus {
        self.jsonl = opts;
        self
    }

    /// Returns the documents of `inputs`, in order. A directory is read recursively in sorted
    /// order (`.txt`, `.md`, `.markdown` and `.jsonl` files; hidden entries are skipped), and
    /// `-` is standard input. A text file's id is its path.
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
        Documents { corpus: self.clone(), pending, jsonl: None }
    }
}

#[derive(Debug)]
enum Input {
    /// A path named by the caller: read whatever its extension.
    Named(PathBuf),
    /// A file found in a directory.
    Found(PathBuf),
}

type BoxedJsonl = JsonlDocuments<Box<dyn BufRead + Send>>;

/// An iterator over the documents of a [`Corpus`]. An error concerns one input or record, and
/// iteration goes on with the next.
pub struct Documents {
    corpus: Corpus,
    pending: VecDeque<Input>,
    jsonl: Option<BoxedJsonl>,
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
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            let input = self.pending.pop_front()?;
            if let Some(item) = self.open(input) {
                return Some(item);
            }
        }
    }
}

impl Documents {
    /// Opens one input. Returns a document or an error, or `None` when the input was expanded
    /// (a directory) or started a JSONL stream.
    fn open(&mut self, input: Input) -> Option<Result<Document>> {
        let path = match input {
            Input::Named(path) if path == Path::new("-") => return self.open_stdin(),
            Input::Named(path) | Input::Found(path) => path,
        };
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) => return Some(Err(Error::io_at(path, err))),
        };
        if meta.is_dir() {
            return self.expand(&path).err().map(Err);
        }
        if self.is_jsonl(&path) {
            return match open(&path) {
                Ok(rdr) => self.start_jsonl(rdr, &path.display()),
                Err(err) => Some(Err(err)),
            };
        }
        Some(read_text_file(&path))
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
        self.jsonl = Some(self.corpus.jsonl.read(rdr, &origin.to_string()));
        None
    }

    /// Puts the entries of a directory at the front of the queue, in sorted order.
    fn expand(&mut self, dir: &Path) -> Result<()> {
        let mut found = Vec::new();
        for entry in fs::read_dir(dir).map_err(|err| Error::io_at(dir, err))? {
            let entry = entry.map_err(|err| Error::io_at(dir, err))?;
            let path = entry.path();
            if is_hidden(&path) {
                continue;
            }
            if path.is_dir() || has_corpus_extension(&path) {
                found.push(path);
            }
        }
        found.sort();
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
            InputFormat::Auto => match sniff_brace(&mut rdr) {
                Ok(sniffed) => sniffed,
                Err(err) => return Some(Err(Error::io_at("<stdin>", err))),
            },
        };
        if jsonl {
            self.jsonl = Some(self.corpus.jsonl.read(rdr, "<stdin>").after_lines(skipped));
            return None;
        }
        let mut bytes = Vec::new();
        if let Err(err) = rdr.read_to_end(&mut bytes) {
            return Some(Err(Error::io_at("<stdin>", err)));
        }
        Some(Ok(text_document("<stdin>".to_string(), bytes)))
    }
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

/// The extension that says what a file holds: `jsonl` for both `a.jsonl` and `a.jsonl.gz`.
fn inner_extension(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    let name = if is_gzip(path) { &name[..name.len() - 3] } else { name };
    Path::new(name).extension()?.to_str()
}

fn read_text_file(path: &Path) -> Result<Document> {
    let mut bytes = Vec::new();
    open(path)?.read_to_end(&mut bytes).map_err(|err| Error::io_at(path, err))?;
    Ok(text_document(path.display().to_string(), bytes))
}

fn text_document(id: String, bytes: Vec<u8>) -> Document {
    let source_bytes = bytes.len() as u64;
    let (text, lossy) = decode_lossy(bytes);
    let date = dates::from_text(&text).or_else(|| dates::from_name(&id));
    Document { location: id.clone(), id, text, date, lossy, source_bytes, ..Document::default() }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

fn has_corpus_extension(path: &Path) -> bool {
    let ext = inner_extension(path).unwrap_or("");
    DIRECTORY_EXTENSIONS.iter().any(|known| ext.eq_ignore_ascii_case(known))
}

/// Peeks at a reader: is its first non-whitespace byte `{`? Consumes only a leading byte order
/// mark and white space, and returns how many whole lines it consumed, so that line numbers
/// can still count from the start of the input.
fn sniff_brace<R: BufRead + ?Sized>(rdr: &mut R) -> io::Result<(bool, u64)> {
    if rdr.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        rdr.consume(3);
    }
    let mut lines = 0;
    loop {
        let buf = rdr.fill_buf()?;
        if buf.is_empty() {
            return Ok((false, lines));
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
                return Ok((brace, lines));
            }
            None => {
                let n = buf.len();
                rdr.consume(n);
            }
        }
    }
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

    #[test]
    fn brace_sniffing() {
        let mut rdr = &b"  \n {\"a\":1}"[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (true, 1));
        assert_eq!(rdr, b" {\"a\":1}");
        let mut rdr = &b"Kyiv"[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (false, 0));
        let mut rdr = &b""[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (false, 0));
        let mut rdr = &b"\xEF\xBB\xBF\n{}"[..];
        assert_eq!(sniff_brace(&mut rdr).unwrap(), (true, 1));
    }

    #[test]
    fn stdin_line_numbers_count_leading_blank_lines() {
        // What standard input goes through: sniffing, then the JSONL reader.
        let input = b"\n\n\n{\"id\":\"a\",\"text\":\"Russia.\"}\n{bad\n";
        let mut rdr = BufReader::with_capacity(2, &input[..]);
        let (brace, skipped) = sniff_brace(&mut rdr).unwrap();
        assert!(brace);
        let docs: Vec<_> = JsonlOptions::new().read(rdr, "<stdin>").after_lines(skipped).collect();
        assert_eq!(docs[0].as_ref().unwrap().location(), "<stdin>:4");
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("<stdin>:5: invalid JSON"), "{err}");
    }
}
