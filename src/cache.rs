//! The compiled-gazetteer cache: a large gazetteer, and the matcher built from it, saved in one
//! binary file that loads in a fraction of the time that parsing and building take.
//!
//! A [`Compiled`] is a gazetteer with its matcher; [`Compiled::save`] and [`Compiled::load`]
//! write and read it. A [`GazetteerCache`] keeps compiled gazetteers in a directory, one file per
//! combination of source files and matcher options, and checks on every use that the file was
//! built from the very bytes the source files hold now: any edit rebuilds it. The file format
//! and the invalidation rules are in DESIGN.md ("Performance").

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::codec::{Reader, Writer};
use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, GazetteerBuilder};
use crate::hash::ContentHash;
use crate::matcher::{Matcher, MatcherBuilder};

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"AGCACHE\n";
/// The layout version; a file of another version is rebuilt.
const FORMAT: u32 = 6;
/// Magic, format, key, payload length and payload checksum.
const HEADER_LEN: usize = 8 + 4 + 16 + 8 + 16;

/// A gazetteer and the matcher compiled from it.
///
/// ```
/// use actorgraph::{Compiled, Gazetteer, MatcherBuilder};
///
/// let compiled = Compiled::build(Gazetteer::builtin(), &MatcherBuilder::new())?;
/// let mut bytes = Vec::new();
/// compiled.save(&mut bytes)?;
/// let back = Compiled::load(&bytes[..])?;
/// let text = "US-Russian talks in Cyprus.";
/// assert_eq!(back.matcher().find_all(text), compiled.matcher().find_all(text));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Compiled {
    gazetteer: Gazetteer,
    matcher: Matcher,
}

impl Compiled {
    /// Builds the matcher for `gazetteer`.
    ///
    /// # Errors
    ///
    /// Returns an error if the matcher cannot be built.
    pub fn build(gazetteer: Gazetteer, builder: &MatcherBuilder) -> Result<Compiled> {
        let matcher = builder.build(&gazetteer)?;
        Ok(Compiled { gazetteer, matcher })
    }

    /// Returns the gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Returns the matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Returns the gazetteer and the matcher.
    pub fn into_parts(self) -> (Gazetteer, Matcher) {
        (self.gazetteer, self.matcher)
    }

    /// Writes the compiled gazetteer in the cache's binary format.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn save<W: Write>(&self, wtr: W) -> Result<()> {
        self.save_keyed(0, wtr)
    }

    /// Reads a compiled gazetteer written by [`Compiled::save`].
    ///
    /// # Errors
    ///
    /// Returns an error if reading fails or the bytes are not a valid, complete cache file of
    /// this version: a damaged file is refused, never trusted.
    pub fn load<R: Read>(rdr: R) -> Result<Compiled> {
        let mut rdr = rdr;
        let mut bytes = Vec::new();
        rdr.read_to_end(&mut bytes)?;
        Compiled::decode(&bytes, Path::new("<cache>")).map(|(compiled, _)| compiled)
    }

    fn save_keyed<W: Write>(&self, key: u128, mut wtr: W) -> Result<()> {
        let mut body = Writer::default();
        self.gazetteer.write(&mut body);
        self.matcher.write(&mut body);
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT.to_le_bytes());
        header.extend_from_slice(&key.to_le_bytes());
        header.extend_from_slice(&(body.buf.len() as u64).to_le_bytes());
        header.extend_from_slice(&ContentHash::default().bytes(&body.buf).finish().to_le_bytes());
        wtr.write_all(&header)?;
        wtr.write_all(&body.buf)?;
        Ok(())
    }

    /// Decodes a cache file and returns it with its key. `path` names it in errors.
    fn decode(bytes: &[u8], path: &Path) -> Result<(Compiled, u128)> {
        let invalid = |what: &str| Error::gazetteer(path, 0, format!("invalid cache file: {what}"));
        let mut rdr = Reader::new(bytes);
        if rdr.take(8) != Some(&MAGIC[..]) {
            return Err(invalid("not a compiled gazetteer"));
        }
        if rdr.u32() != Some(FORMAT) {
            return Err(invalid("written by another version"));
        }
        let (key, len, sum) = header(&mut rdr).ok_or_else(|| invalid("truncated header"))?;
        let body = rdr.take(len).filter(|_| rdr.is_empty()).ok_or_else(|| invalid("bad length"))?;
        if ContentHash::default().bytes(body).finish() != sum {
            return Err(invalid("checksum mismatch"));
        }
        let mut rdr = Reader::new(body);
        let gazetteer = Gazetteer::read(&mut rdr).ok_or_else(|| invalid("bad gazetteer"))?;
        let matcher =
            Matcher::read(&mut rdr, &gazetteer).ok_or_else(|| invalid("bad matcher"))??;
        if !rdr.is_empty() {
            return Err(invalid("trailing bytes"));
        }
        Ok((Compiled { gazetteer, matcher }, key))
    }
}

/// Reads the key, the payload length and the checksum.
fn header(rdr: &mut Reader<'_>) -> Option<(u128, usize, u128)> {
    let key = u128::from_le_bytes(rdr.take(16)?.try_into().ok()?);
    let len = usize::try_from(rdr.u64()?).ok()?;
    let sum = u128::from_le_bytes(rdr.take(16)?.try_into().ok()?);
    Some((key, len, sum))
}

/// Where a [`GazetteerCache`] found its result.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CacheStatus {
    /// Loaded from a cache file built from the same source bytes and options.
    Hit,
    /// Built and saved: there was no cache file yet.
    Built,
    /// Built and saved over a cache file that was built from other source bytes.
    Stale,
    /// Built and saved over a cache file that could not be read: the reason.
    Corrupt(String),
}

/// The result of [`GazetteerCache::load_or_build`].
#[derive(Debug)]
pub struct Cached {
    /// The gazetteer and its matcher.
    pub compiled: Compiled,
    /// Whether the cache was used, and why not.
    pub status: CacheStatus,
    /// Problems the caller may want to report: a cache file that could not be written.
    pub warnings: Vec<String>,
}

/// A directory of compiled gazetteers, keyed by their source files' bytes and the matcher
/// options.
///
/// The cache file for a set of source paths and options is rebuilt whenever any source file's
/// bytes, the options or the crate version change. It is written atomically (a temporary file
/// renamed into place), so a run that stops half-way leaves no broken file behind. Nothing is
/// ever written next to the source files.
///
/// ```
/// use actorgraph::{CacheStatus, GazetteerCache, MatcherBuilder};
///
/// let dir = std::env::temp_dir().join(format!("actorgraph-doc-cache-{}", std::process::id()));
/// let cache = GazetteerCache::new(&dir);
/// let paths: [&str; 0] = [];
/// let first = cache.load_or_build(true, &paths, &MatcherBuilder::new())?;
/// assert_eq!(first.status, CacheStatus::Built);
/// let again = cache.load_or_build(true, &paths, &MatcherBuilder::new())?;
/// assert_eq!(again.status, CacheStatus::Hit);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct GazetteerCache {
    dir: PathBuf,
    /// Where the temporary file of a save is listed, for a signal handler to remove.
    temps: Option<crate::TempFiles>,
    /// Whether the files take over names of the built-in gazetteer.
    take_over: bool,
}

impl GazetteerCache {
    /// A cache in `dir`, which is created when the first file is saved.
    pub fn new<P: AsRef<Path>>(dir: P) -> GazetteerCache {
        GazetteerCache { dir: dir.as_ref().to_path_buf(), temps: None, take_over: false }
    }

    /// Builds the gazetteer with [`GazetteerBuilder::take_over`] set to `yes` (off by
    /// default); a cache file built the other way is not used.
    pub fn take_over(&mut self, yes: bool) -> &mut GazetteerCache {
        self.take_over = yes;
        self
    }

    /// Lists the temporary file of each save in `temps` while it is written, so that a signal
    /// handler calling [`TempFiles::remove_all`](crate::TempFiles::remove_all) leaves no
    /// half-written cache file behind.
    pub fn temp_files(&mut self, temps: &crate::TempFiles) -> &mut GazetteerCache {
        self.temps = Some(temps.clone());
        self
    }

    /// Returns the cache directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Loads the gazetteer made of the built-in files (if `builtin`) and `paths`, in that
    /// order, with the matcher `builder` makes, from the cache; or builds it and saves it.
    ///
    /// A cache file that cannot be read or was built from other bytes is rebuilt, and the
    /// result's `status` says so. Failing to save is not an error: it is in `warnings`.
    ///
    /// # Errors
    ///
    /// Returns an error if a source file cannot be read, or the gazetteer or matcher cannot be
    /// built: the same errors as without a cache.
    pub fn load_or_build<P: AsRef<Path>>(
        &self,
        builtin: bool,
        paths: &[P],
        builder: &MatcherBuilder,
    ) -> Result<Cached> {
        let (slot, key) = keys(builtin, self.take_over, paths, builder)?;
        let file = self.dir.join(format!("gazetteer-{slot:032x}.agc"));
        // One read into a buffer of the file's size: the file can be hundreds of megabytes.
        let status = match fs::read(&file) {
            Err(_) => CacheStatus::Built,
            Ok(bytes) => match Compiled::decode(&bytes, &file) {
                Ok((compiled, found)) if found == key => {
                    return Ok(Cached { compiled, status: CacheStatus::Hit, warnings: Vec::new() });
                }
                Ok(_) => CacheStatus::Stale,
                Err(err) => CacheStatus::Corrupt(err.to_string()),
            },
        };
        let mut gaz = GazetteerBuilder::new();
        gaz.take_over(self.take_over);
        if builtin {
            gaz.add_builtin();
        }
        for path in paths {
            gaz.add_path(path)?;
        }
        let compiled = Compiled::build(gaz.build()?, builder)?;
        let mut warnings = Vec::new();
        if let Err(err) = self.save(&compiled, key, &file) {
            warnings.push(format!("cannot write the gazetteer cache {}: {err}", file.display()));
        }
        Ok(Cached { compiled, status, warnings })
    }

    /// Writes `compiled` to `file` through a temporary file in the same directory.
    fn save(&self, compiled: &Compiled, key: u128, file: &Path) -> Result<()> {
        fs::create_dir_all(&self.dir).map_err(|err| Error::io_at(&self.dir, err))?;
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("gazetteer.agc");
        let tmp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        if let Some(temps) = &self.temps {
            temps.track(&tmp)?;
        }
        let result = (|| {
            let out = fs::File::create(&tmp).map_err(|err| Error::io_at(&tmp, err))?;
            let mut wtr = std::io::BufWriter::new(out);
            compiled.save_keyed(key, &mut wtr)?;
            let out = wtr.into_inner().map_err(|err| Error::io_at(&tmp, err.into_error()))?;
            out.sync_all().map_err(|err| Error::io_at(&tmp, err))?;
            fs::rename(&tmp, file).map_err(|err| Error::io_at(file, err))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        if let Some(temps) = &self.temps {
            temps.forget(&tmp);
        }
        result
    }
}

/// Returns the slot (which file: the paths, options and versions) and the key (what it must
/// hold: the slot plus every source file's bytes).
fn keys<P: AsRef<Path>>(
    builtin: bool,
    take_over: bool,
    paths: &[P],
    builder: &MatcherBuilder,
) -> Result<(u128, u128)> {
    let mut slot = ContentHash::default();
    slot.bytes(env!("CARGO_PKG_VERSION").as_bytes()).bytes(&FORMAT.to_le_bytes());
    slot.bytes(format!("{builder:?}").as_bytes()).bytes(&[u8::from(builtin)]);
    if take_over {
        slot.bytes(b"take over");
    }
    for path in paths {
        slot.bytes(path.as_ref().as_os_str().as_encoded_bytes());
    }
    let mut key = slot;
    if builtin {
        for text in GazetteerBuilder::builtin_texts() {
            key.bytes(text.as_bytes());
        }
    }
    for path in paths {
        let path = path.as_ref();
        key.bytes(&fs::read(path).map_err(|err| Error::io_at(path, err))?);
    }
    Ok((slot.finish(), key.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::Engine;
    use crate::scratch::Scratch;

    const TSV: &str = "id\tkind\tlabel\taliases\nsahel\tplace\tSahel\tthe Sahel\n\
                       pc\tgroup\tPeace Council\tSahel Peace Council|=SPC\n";

    fn cache_files(dir: &Path) -> Vec<PathBuf> {
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect()
    }

    const TEXT: &str = "The SPC met in the Sahel; Sahel Peace Council and spc; US-Russian talks.";

    #[test]
    fn a_save_lists_its_temporary_file_while_it_writes() {
        let tmp = Scratch::new("cache-temps");
        let src = tmp.0.join("g.tsv");
        fs::write(&src, TSV).unwrap();
        let temps = crate::TempFiles::new();
        let mut cache = GazetteerCache::new(tmp.0.join("cache"));
        cache.temp_files(&temps);
        let built = cache.load_or_build(false, &[&src], &MatcherBuilder::new()).unwrap();
        assert!(built.warnings.is_empty(), "{:?}", built.warnings);
        assert!(temps.paths().is_empty(), "taken off the list once renamed");
        assert_eq!(cache_files(cache.dir()).len(), 1);
        // After a signal handler's remove_all, no new cache file is started: the run still
        // gets its gazetteer, with a warning, and leaves no temporary file.
        temps.remove_all();
        let mut builder = MatcherBuilder::new();
        builder.engine(Engine::Trie);
        let built = cache.load_or_build(false, &[&src], &builder).unwrap();
        assert_eq!(built.warnings.len(), 1, "{:?}", built.warnings);
        let names: Vec<String> = fs::read_dir(cache.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn round_trip_gives_identical_mentions() {
        let tmp = Scratch::new("cache-round");
        let src = tmp.0.join("g.tsv");
        fs::write(&src, TSV).unwrap();
        let cache = GazetteerCache::new(tmp.0.join("cache"));
        for engine in [Engine::AhoCorasick, Engine::Trie] {
            let mut builder = MatcherBuilder::new();
            builder.engine(engine);
            let built = cache.load_or_build(true, &[&src], &builder).unwrap();
            assert_eq!(built.status, CacheStatus::Built);
            let hit = cache.load_or_build(true, &[&src], &builder).unwrap();
            assert_eq!(hit.status, CacheStatus::Hit);
            let (a, b) = (built.compiled.matcher(), hit.compiled.matcher());
            assert_eq!(b.engine(), engine);
            assert!(!a.find_all(TEXT).is_empty());
            assert_eq!(a.find_all(TEXT), b.find_all(TEXT));
            let (ga, gb) = (built.compiled.gazetteer(), hit.compiled.gazetteer());
            assert!(ga.entries().eq(gb.entries()));
            assert_eq!(ga.notices(), gb.notices());
        }
        assert_eq!(cache_files(cache.dir()).len(), 2, "one file per set of options");
    }

    #[test]
    fn a_changed_source_file_invalidates() {
        let tmp = Scratch::new("cache-stale");
        let src = tmp.0.join("g.tsv");
        fs::write(&src, TSV).unwrap();
        let cache = GazetteerCache::new(tmp.0.join("cache"));
        let builder = MatcherBuilder::new();
        cache.load_or_build(false, &[&src], &builder).unwrap();
        fs::write(&src, TSV.replace("the Sahel", "the Sahara")).unwrap();
        let rebuilt = cache.load_or_build(false, &[&src], &builder).unwrap();
        assert_eq!(rebuilt.status, CacheStatus::Stale);
        let text = "in the Sahara";
        assert_eq!(rebuilt.compiled.matcher().find_all(text).len(), 1);
        let hit = cache.load_or_build(false, &[&src], &builder).unwrap();
        assert_eq!(hit.status, CacheStatus::Hit);
        assert_eq!(hit.compiled.matcher().find_all(text).len(), 1);
        assert_eq!(cache_files(cache.dir()).len(), 1, "the stale file is replaced");
    }

    #[test]
    fn a_corrupt_cache_file_is_rebuilt() {
        let tmp = Scratch::new("cache-corrupt");
        let src = tmp.0.join("g.tsv");
        fs::write(&src, TSV).unwrap();
        let cache = GazetteerCache::new(tmp.0.join("cache"));
        let mut builder = MatcherBuilder::new();
        builder.engine(Engine::Trie);
        let want = cache.load_or_build(true, &[&src], &builder).unwrap().compiled;
        let file = cache_files(cache.dir()).pop().unwrap();
        let good = fs::read(&file).unwrap();
        let mut flipped = good.clone();
        flipped[good.len() / 2] ^= 0x40;
        for bad in [flipped, good[..good.len() - 3].to_vec(), b"garbage".to_vec(), Vec::new()] {
            fs::write(&file, &bad).unwrap();
            let got = cache.load_or_build(true, &[&src], &builder).unwrap();
            assert!(matches!(got.status, CacheStatus::Corrupt(_)), "{:?}", got.status);
            assert_eq!(got.compiled.matcher().find_all(TEXT), want.matcher().find_all(TEXT));
            assert_eq!(fs::read(&file).unwrap(), good, "rewritten");
        }
    }

    #[test]
    fn a_missing_source_is_an_error() {
        let tmp = Scratch::new("cache-missing");
        let cache = GazetteerCache::new(&tmp.0);
        let err = cache.load_or_build(true, &[tmp.0.join("nope.tsv")], &MatcherBuilder::new());
        assert!(err.unwrap_err().to_string().contains("nope.tsv"));
    }
}
