//! Writing gazetteers in our format, and what the importers share.
//!
//! The importers (GeoNames, CAMEO, spaCy) turn other people's dictionaries into [`Entry`]
//! values. This module holds what they have in common: the [`Import`] result they return,
//! [`write_tsv`] to save it, reading (possibly gzip-compressed) text line by line, and the
//! "one name, one owner" bookkeeping that keeps an imported file loadable.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

use super::Gazetteer;
use super::entry::{Alias, EntityKind, Entry, is_acronym};
use crate::error::{Error, Result};

/// What an importer produced: the entries, what it left out and why, and notes.
///
/// ```
/// use actorgraph::{Importer, SpacyImporter};
///
/// let jsonl = r#"{"label": "ORG", "pattern": "Apple", "id": "apple"}
/// {"label": "DATE", "pattern": "today"}"#;
/// let import = SpacyImporter::new().import_reader("patterns.jsonl", jsonl.as_bytes())?;
/// assert_eq!(import.entries().len(), 1);
/// assert_eq!(import.skipped().collect::<Vec<_>>(), [("patterns with label DATE", 1)]);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Import {
    pub(crate) entries: Vec<Entry>,
    pub(crate) skipped: BTreeMap<String, u64>,
    pub(crate) qualified: u64,
    pub(crate) notes: Vec<String>,
    pub(crate) header: Vec<String>,
}

impl Import {
    /// Returns the imported entries, in input order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Consumes the import and returns its entries.
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// Returns the number of names (aliases and adjectives, labels included) of all entries.
    pub fn name_count(&self) -> usize {
        self.entries.iter().map(|e| e.aliases.len()).sum()
    }

    /// Returns what was left out, as (reason, count) pairs sorted by reason. A reason says
    /// what was left out: whole records ("places below the minimum population") or single
    /// names ("names on the stop-list").
    pub fn skipped(&self) -> impl Iterator<Item = (&str, u64)> {
        self.skipped.iter().map(|(reason, &n)| (reason.as_str(), n))
    }

    /// Returns how many entities got a qualified label such as "Springfield (US-IL)" because
    /// a more important entity kept the plain name. Only GeoNames imports qualify labels.
    pub fn qualified(&self) -> u64 {
        self.qualified
    }

    /// Returns notes on single input lines (`FILE:LINE: ...`) and on the import as a whole.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Returns the lines a written file should start with: the source and its licence
    /// attribution, where the source requires one.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// Writes the entries in the gazetteer format, with [`Import::header`] as comments.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn write_tsv<W: io::Write>(&self, wtr: W) -> Result<()> {
        let comments: Vec<&str> = self.header.iter().map(String::as_str).collect();
        write_tsv(&self.entries, &comments, wtr)
    }

    pub(crate) fn skip(&mut self, reason: &str, n: u64) {
        if n > 0 {
            *self.skipped.entry(reason.to_string()).or_insert(0) += n;
        }
    }
}

/// The optional columns, in the order they are written; `id`, `kind`, `label` and `aliases`
/// are always written first.
const OPTIONAL: &[&str] = &[
    "adjectives",
    "iso",
    "affiliation",
    "country",
    "role",
    "from",
    "to",
    "offices",
    "note",
    "code",
    "latitude",
    "longitude",
    "population",
    "feature",
    "admin",
    "geonames",
    "takeover",
    "merge",
];

/// Writes entries in the gazetteer format (see `gazetteers/README.md`), preceded by
/// `comments` as `#` lines. Reading the output with [`Gazetteer::from_path`] gives the same
/// entries back.
///
/// Only the columns some entry uses are written. The format has no escapes, so text that it
/// cannot hold is changed: a tab or line break inside a cell becomes a space, and a `|`
/// inside a name becomes `/`. A cell that starts and ends with `"` is quoted, as
/// spreadsheets do.
///
/// ```
/// use actorgraph::{Entry, EntityKind, write_tsv};
///
/// let entries = [Entry::new("RUS", EntityKind::State, "Russia").adjective("Russian").iso("RU")];
/// let mut out = Vec::new();
/// write_tsv(&entries, &["my states"], &mut out)?;
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "# my states\nid\tkind\tlabel\taliases\tadjectives\tiso\nRUS\tstate\tRussia\t\tRussian\tRU\n"
/// );
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// Returns an error if writing fails, or if an id is empty, contains white space or starts
/// with `#` (it could not be read back).
pub fn write_tsv<W: io::Write>(entries: &[Entry], comments: &[&str], wtr: W) -> Result<()> {
    let mut wtr = io::BufWriter::new(wtr);
    for comment in comments {
        for line in comment.lines() {
            writeln!(wtr, "# {line}")?;
        }
    }
    let columns: Vec<&str> = OPTIONAL
        .iter()
        .copied()
        .filter(|column| entries.iter().any(|e| !optional_cell(e, column).is_empty()))
        .collect();
    write!(wtr, "id\tkind\tlabel\taliases")?;
    for column in &columns {
        write!(wtr, "\t{column}")?;
    }
    writeln!(wtr)?;
    for entry in entries {
        write_row(&mut wtr, entry, &columns)?;
    }
    wtr.flush()?;
    Ok(())
}

fn write_row<W: io::Write>(wtr: &mut W, entry: &Entry, columns: &[&str]) -> Result<()> {
    check_id(&entry.id)?;
    let (label, aliases) = label_and_aliases(entry);
    write!(wtr, "{}\t{}\t{}\t{}", entry.id, entry.kind, cell(&label), cell(&aliases))?;
    for column in columns {
        write!(wtr, "\t{}", cell(&optional_cell(entry, column)))?;
    }
    writeln!(wtr)?;
    Ok(())
}

fn check_id(id: &str) -> Result<()> {
    if id.is_empty() || id.contains(char::is_whitespace) || id.starts_with('#') {
        let msg = format!(
            "cannot write id \"{id}\": an id must be non-empty, without white space and not start with '#'"
        );
        return Err(Error::from(io::Error::new(io::ErrorKind::InvalidInput, msg)));
    }
    Ok(())
}

/// Returns the label cell (with `=` when the label is an exact name) and the aliases cell.
fn label_and_aliases(entry: &Entry) -> (String, String) {
    let is_label = |a: &Alias| !a.is_adjectival() && a.text() == entry.label;
    let label = match entry.aliases.iter().find(|a| is_label(a)) {
        Some(alias) => name_text(alias),
        None => entry.label.clone(),
    };
    let others = entry.aliases.iter().filter(|a| !a.is_adjectival() && !is_label(a));
    (label, join_names(others))
}

fn optional_cell(entry: &Entry, column: &str) -> String {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let year = |value: Option<i32>| value.map(|y| y.to_string()).unwrap_or_default();
    match column {
        "adjectives" => join_names(entry.aliases.iter().filter(|a| a.is_adjectival())),
        "iso" => text(&entry.iso),
        "affiliation" => text(&entry.affiliation),
        "country" => text(&entry.country),
        "role" => text(&entry.role),
        "from" => year(entry.from),
        "to" => year(entry.to),
        "offices" => offices_cell(entry),
        "note" => text(&entry.note),
        "code" => text(&entry.code),
        "latitude" => text(&entry.place.latitude),
        "longitude" => text(&entry.place.longitude),
        "population" => entry.place.population.map(|n| n.to_string()).unwrap_or_default(),
        "feature" => text(&entry.place.feature),
        "admin" => text(&entry.place.admin),
        "geonames" => entry.place.geonames.map(|n| n.to_string()).unwrap_or_default(),
        "takeover" => yes(entry.take_over),
        "merge" => yes(entry.merge),
        _ => unreachable!("OPTIONAL lists every optional column"),
    }
}

/// A `takeover` or `merge` cell: `yes`, or empty for no.
fn yes(flag: bool) -> String {
    if flag { "yes".to_string() } else { String::new() }
}

/// The `offices` cell: every office but the main role, which has its own columns.
fn offices_cell(entry: &Entry) -> String {
    let main = entry.role.is_some();
    let mut cell = String::new();
    for office in entry.offices.iter().skip(usize::from(main)) {
        if !cell.is_empty() {
            cell.push('|');
        }
        let years = match (office.from, office.to) {
            (Some(from), Some(to)) if from == to => from.to_string(),
            (Some(from), Some(to)) => format!("{from}-{to}"),
            (Some(from), None) => format!("{from}-"),
            // An office without a start year cannot be written in the column's form.
            (None, _) => continue,
        };
        cell.push_str(&format!("{} {years}", office.role.replace(['|', '\t', '\n'], " ")));
    }
    cell
}

/// Writes a name as the format reads it: `=` marks an exact name that is not an acronym.
fn name_text(alias: &Alias) -> String {
    let text = alias.text().replace('|', "/");
    let text = if alias.is_exact() && !is_acronym(&text) { format!("={text}") } else { text };
    if alias.is_context() { format!("~{text}") } else { text }
}

fn join_names<'a, I: Iterator<Item = &'a Alias>>(names: I) -> String {
    names.map(name_text).collect::<Vec<_>>().join("|")
}

/// Makes text safe for one cell: no tabs or line breaks, and quoted if the parser would
/// otherwise unquote it. Other control characters are kept: the parser reads them back, and
/// turning them into spaces could make two names one ("\u{1b}USA" beside "USA").
fn cell(text: &str) -> String {
    let flat: String =
        text.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect();
    let flat = flat.trim();
    if flat.len() >= 2 && flat.starts_with('"') && flat.ends_with('"') {
        format!("\"{}\"", flat.replace('"', "\"\""))
    } else {
        flat.to_string()
    }
}

/// A dictionary format that can be imported as gazetteer entries: GeoNames dumps, CAMEO
/// `.actors` files and spaCy EntityRuler patterns.
pub trait Importer {
    /// Imports from a reader, plain or gzip-compressed. `name` stands for the file in errors
    /// and notes.
    ///
    /// # Errors
    ///
    /// Returns an error naming `name` and the line if the input cannot be read or is
    /// malformed in a way the format does not allow.
    fn import_reader<R: BufRead>(&self, name: &str, rdr: R) -> Result<Import>;

    /// Imports a file, plain or gzip-compressed.
    ///
    /// # Errors
    ///
    /// As for [`Importer::import_reader`], naming the file.
    fn import_path<P: AsRef<Path>>(&self, path: P) -> Result<Import>
    where
        Self: Sized,
    {
        let path = path.as_ref();
        let file = File::open(path).map_err(|err| Error::io_at(path, err))?;
        self.import_reader(&path.display().to_string(), BufReader::new(file))
    }
}

/// Wraps a reader in a gzip decoder if its first bytes are the gzip magic number.
pub(crate) fn decode<'a, R: BufRead + 'a>(mut rdr: R) -> io::Result<Box<dyn BufRead + 'a>> {
    let head = rdr.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::new(MultiGzDecoder::new(rdr))))
    } else {
        Ok(Box::new(rdr))
    }
}

/// Opens a reader, plain or gzip-compressed, as numbered lines named `name`: the start of
/// every importer's `import_reader`.
pub(crate) fn open_lines<'a, R: BufRead + 'a>(
    name: &str,
    rdr: R,
) -> Result<Lines<Box<dyn BufRead + 'a>>> {
    let rdr = decode(rdr).map_err(|err| Error::io_at(name, err))?;
    Ok(Lines::new(name, rdr))
}

/// The longest line an imported dictionary may have, line ending included: the longest line
/// of a GeoNames dump, whose alternate names make the longest rows, is a few kilobytes, and a
/// cap keeps a file that is not a dictionary (`/dev/zero`, a binary stream) from filling memory.
pub(crate) const MAX_LINE_BYTES: usize = 16 << 20;

/// Reads text line by line, numbering lines from 1 and checking UTF-8. Errors name the
/// source and the line. A line longer than [`MAX_LINE_BYTES`] is an error.
pub(crate) struct Lines<R> {
    rdr: R,
    source: String,
    buf: Vec<u8>,
    line: String,
    lineno: u64,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(source: &str, rdr: R) -> Lines<R> {
        Lines { rdr, source: source.to_string(), buf: Vec::new(), line: String::new(), lineno: 0 }
    }

    /// Returns the source name given to [`Lines::new`].
    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// Reads the next line and returns its number, or `None` at the end. The line, without
    /// its line ending or a leading byte order mark, is then [`Lines::line`].
    pub(crate) fn next_line(&mut self) -> Result<Option<u64>> {
        self.buf.clear();
        let limit = MAX_LINE_BYTES as u64 + 1;
        let n = (&mut self.rdr)
            .take(limit)
            .read_until(b'\n', &mut self.buf)
            .map_err(|err| self.io_error(err))?;
        if n == 0 {
            return Ok(None);
        }
        self.lineno += 1;
        if self.buf.len() > MAX_LINE_BYTES {
            let msg = format!(
                "a line longer than {} MiB (the limit): is this a dictionary file?",
                MAX_LINE_BYTES >> 20
            );
            return Err(self.error(self.lineno, msg));
        }
        let mut bytes = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if self.lineno == 1 {
            bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|_| self.error(self.lineno, "invalid UTF-8 (save the file as UTF-8)"))?;
        self.line.clear();
        self.line.push_str(text);
        Ok(Some(self.lineno))
    }

    /// Returns the line last read.
    pub(crate) fn line(&self) -> &str {
        &self.line
    }

    /// An error at a line of this source.
    pub(crate) fn error<M: Into<String>>(&self, line: u64, msg: M) -> Error {
        Error::gazetteer(&self.source, line, msg)
    }

    fn io_error(&self, err: io::Error) -> Error {
        let msg = format!("cannot read line {}: {}", self.lineno + 1, err);
        Error::from(io::Error::new(err.kind(), format!("{}: {}", self.source, msg)))
    }
}

/// Reads a word list: one word a line; blank lines and lines starting with `#` are ignored.
/// Returns the words lower-cased.
pub(crate) fn read_word_list(path: &Path) -> Result<Vec<String>> {
    let file = File::open(path).map_err(|err| Error::io_at(path, err))?;
    let mut lines = Lines::new(&path.display().to_string(), BufReader::new(file));
    let mut words = Vec::new();
    while lines.next_line()?.is_some() {
        let word = lines.line().trim();
        if !word.is_empty() && !word.starts_with('#') {
            words.push(name_key(word));
        }
    }
    Ok(words)
}

/// Collapses runs of white space (tabs and line breaks included) into single spaces and trims.
pub(crate) fn clean_name(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key under which two names are one name, as the gazetteer compares them.
pub(crate) fn name_key(text: &str) -> String {
    Alias::parse(text, false).key()
}

/// A lower-case `snake_case` slug: letters and digits kept, everything else joined by `_`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_end_matches('_').len();
    out.truncate(trimmed);
    out
}

/// Hands out ids that are unique within one import: a repeated base gets `_2`, `_3`, ...
#[derive(Default)]
pub(crate) struct Ids {
    used: HashSet<String>,
}

impl Ids {
    pub(crate) fn unique(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            n += 1;
            id = format!("{base}_{n}");
        }
        id
    }
}

/// What the importers need to know of an existing gazetteer (the built-in one by default):
/// its states and their codes, and how it writes the names it knows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Reference {
    /// ISO alpha-2 code → state id.
    by_iso: HashMap<String, String>,
    /// State id → ISO alpha-2 code ("" when the state has none).
    states: HashMap<String, String>,
    /// Name key → id of the state with that name or adjective.
    state_names: HashMap<String, String>,
    /// Name key → the name as the gazetteer writes it, for states and groups.
    spellings: HashMap<String, String>,
    /// Name keys of the gazetteer's places, but for names shared by context.
    place_names: HashSet<String>,
    /// Name key of a name shared by context (`~Launceston`) → the states the gazetteer's
    /// places of that name lie in.
    place_states: HashMap<String, Vec<String>>,
    /// Name keys of the surnames of the gazetteer's persons: the last word of each name of
    /// two words or more ("Ryan" of "Paul Ryan").
    surnames: HashSet<String>,
    /// Name key → the id and kind of the first entity with that name (shared `~` names
    /// included).
    owners: HashMap<String, (String, EntityKind)>,
    /// Id → label and kind, for every entity.
    labels: HashMap<String, (String, EntityKind)>,
    /// State id → its names and adjectives.
    names_of_state: HashMap<String, Vec<String>>,
}

impl Reference {
    pub(crate) fn new(gaz: &Gazetteer) -> Reference {
        let mut reference = Reference::default();
        for entry in gaz.entries() {
            if entry.kind == EntityKind::State {
                reference.add_state(entry);
            }
            if matches!(entry.kind, EntityKind::State | EntityKind::Group) {
                for alias in &entry.aliases {
                    reference.spellings.entry(alias.key()).or_insert_with(|| alias.text().into());
                }
            }
            for alias in &entry.aliases {
                let owner = (entry.id.clone(), entry.kind);
                reference.owners.entry(alias.key()).or_insert(owner);
            }
            reference.labels.insert(entry.id.clone(), (entry.label.clone(), entry.kind));
            match entry.kind {
                EntityKind::Place => {
                    // A name shared by context ("~Derby") is the gazetteer's warning that the
                    // name is also a word: it does not count.
                    let names = entry.aliases.iter().filter(|a| !a.is_context());
                    reference.place_names.extend(names.map(Alias::key));
                    if let Some(state) = &entry.country {
                        for alias in entry.aliases.iter().filter(|a| a.is_context()) {
                            let states = reference.place_states.entry(alias.key()).or_default();
                            if !states.contains(state) {
                                states.push(state.clone());
                            }
                        }
                    }
                }
                EntityKind::Person => reference.add_surnames(entry),
                _ => {}
            }
        }
        reference
    }

    fn add_surnames(&mut self, entry: &Entry) {
        for alias in entry.aliases.iter().filter(|a| !a.is_adjectival()) {
            let mut words = alias.text().split_whitespace();
            let Some(last) = words.next_back() else { continue };
            let last = last.trim_matches(|c: char| !c.is_alphanumeric());
            if words.next().is_some() && last.chars().count() >= 3 {
                self.surnames.insert(name_key(last));
            }
        }
    }

    /// Returns true if a place of the gazetteer has a name with this key.
    pub(crate) fn is_place_name(&self, key: &str) -> bool {
        self.place_names.contains(key)
    }

    /// Returns true if a place of the gazetteer in state `state` has a name shared by context
    /// with this key.
    pub(crate) fn has_place_in(&self, key: &str, state: &str) -> bool {
        self.place_states.get(key).is_some_and(|states| states.iter().any(|s| s == state))
    }

    /// Returns true if a person of the gazetteer has a surname with this key.
    pub(crate) fn is_surname(&self, key: &str) -> bool {
        self.surnames.contains(key)
    }

    /// Returns the id and kind of the entity that has this name.
    pub(crate) fn owner(&self, name: &str) -> Option<(&str, EntityKind)> {
        self.owners.get(&name_key(name)).map(|(id, kind)| (id.as_str(), *kind))
    }

    /// Returns the label of the entity with this id.
    pub(crate) fn label(&self, id: &str) -> Option<&str> {
        self.labels.get(id).map(|(label, _)| label.as_str())
    }

    /// Returns the kind of the entity with this id.
    pub(crate) fn kind(&self, id: &str) -> Option<EntityKind> {
        self.labels.get(id).map(|&(_, kind)| kind)
    }

    /// Returns the names and adjectives of the state with this id.
    pub(crate) fn state_names_of(&self, id: &str) -> &[String] {
        self.names_of_state.get(id).map_or(&[], Vec::as_slice)
    }

    fn add_state(&mut self, entry: &Entry) {
        let iso = entry.iso.clone().unwrap_or_default();
        if !iso.is_empty() {
            self.by_iso.entry(iso.to_ascii_uppercase()).or_insert_with(|| entry.id.clone());
        }
        self.states.insert(entry.id.clone(), iso);
        for alias in &entry.aliases {
            self.state_names.entry(alias.key()).or_insert_with(|| entry.id.clone());
        }
        let names = entry.aliases.iter().map(|a| a.text().to_string()).collect();
        self.names_of_state.insert(entry.id.clone(), names);
    }

    /// Returns the id of the state with this ISO alpha-2 code.
    pub(crate) fn state_by_iso(&self, alpha2: &str) -> Option<&str> {
        self.by_iso.get(alpha2).map(String::as_str)
    }

    /// Returns the ISO alpha-2 code of the state with this id (`Some("")` if it has none), or
    /// `None` if the id is not a state.
    pub(crate) fn state_iso(&self, id: &str) -> Option<&str> {
        self.states.get(id).map(String::as_str)
    }

    /// Returns the id of the state that has this name or adjective.
    pub(crate) fn state_named(&self, name: &str) -> Option<&str> {
        self.state_with_key(&name_key(name))
    }

    /// Returns the id of the state that has a name or adjective with this key.
    pub(crate) fn state_with_key(&self, key: &str) -> Option<&str> {
        self.state_names.get(key).map(String::as_str)
    }

    /// Returns a state's or group's name as the gazetteer writes it, given any spelling.
    pub(crate) fn spelling(&self, name: &str) -> Option<&str> {
        self.spellings.get(&name_key(name)).map(String::as_str)
    }
}

/// Gives every name to the first entity that claims it, as the gazetteer requires within one
/// file.
#[derive(Default)]
pub(crate) struct Claims {
    owner: HashMap<String, usize>,
}

impl Claims {
    /// Claims a name for `who`. Returns false if another entity owns it already.
    pub(crate) fn claim(&mut self, name: &str, who: usize) -> bool {
        *self.owner.entry(name_key(name)).or_insert(who) == who
    }

    /// Returns true if anyone owns the name.
    pub(crate) fn is_claimed(&self, name: &str) -> bool {
        self.owner.contains_key(&name_key(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::tsv;

    fn write(entries: &[Entry]) -> String {
        let mut out = Vec::new();
        write_tsv(entries, &["a comment", "two\nlines"], &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn strip_origin(entries: Vec<Entry>) -> Vec<Entry> {
        entries.into_iter().map(|e| Entry { origin: Default::default(), ..e }).collect()
    }

    #[test]
    fn entries_round_trip_through_the_parser() {
        let entries = vec![
            Entry::new("RUS", EntityKind::State, "Russia")
                .alias("RF")
                .adjective("Russian")
                .iso("RU"),
            Entry::new("mobile", EntityKind::Place, "=Mobile").alias("=Mobile Bay").country("USA"),
            Entry::new("p", EntityKind::Person, "P. Erson")
                .affiliation("RUS")
                .role("GOV", Some(1999), None)
                .office("Speaker", Some(1990), Some(1990))
                .office("Minister", Some(1991), Some(1998))
                .note("\"quoted\""),
            Entry::new("q", EntityKind::Group, "\"Q\" Group").alias("Q-Group").alias("~Q"),
            Entry::new("geonames_1", EntityKind::Place, "Łask")
                .alias("Lask")
                .coordinates(51.59, 19.13)
                .population(17000)
                .feature("P.PPLA3")
                .admin("PL.74")
                .geonames_id(1)
                .take_over(true),
            Entry::new("RUS", EntityKind::State, "Russia").alias("Rossiya").code("RUS").merge(true),
        ];
        let text = write(&entries);
        assert!(text.starts_with("# a comment\n# two\n# lines\nid\tkind\tlabel\taliases\t"));
        let back = strip_origin(tsv::parse("out.tsv", &text).unwrap());
        assert_eq!(back, entries);
    }

    #[test]
    fn unused_optional_columns_are_left_out() {
        let text = write(&[Entry::new("x", EntityKind::Place, "X").country("FRA")]);
        assert!(
            text.ends_with("id\tkind\tlabel\taliases\tcountry\nx\tplace\tX\t\tFRA\n"),
            "{text}"
        );
    }

    #[test]
    fn tabs_newlines_and_bars_are_escaped() {
        let entry = Entry::new("x", EntityKind::Group, "A\tB")
            .alias("C|D")
            .alias("E\nF")
            .note("line one\nline\ttwo");
        let text = write(&[entry]);
        let back = &tsv::parse("out.tsv", &text).unwrap()[0];
        let names: Vec<_> = back.aliases().iter().map(Alias::text).collect();
        assert_eq!(names, ["A B", "C/D", "E F"]);
        assert_eq!(back.note_text(), Some("line one line two"));
    }

    #[test]
    fn other_control_characters_are_kept_so_names_stay_apart() {
        let entries = [
            Entry::new("a", EntityKind::Place, "Alpha").adjective("USA"),
            Entry::new("b", EntityKind::Place, "Beta").adjective("\u{1b}USA"),
        ];
        let text = write(&entries);
        let gaz = crate::Gazetteer::builder().add_str("out.tsv", &text).unwrap().build().unwrap();
        let names: Vec<&str> =
            gaz.entries().flat_map(|e| e.aliases().iter().map(Alias::text)).collect();
        assert_eq!(names, ["Alpha", "USA", "Beta", "\u{1b}USA"]);
    }

    #[test]
    fn bad_ids_are_refused() {
        for id in ["", "a b", "#x"] {
            let mut out = Vec::new();
            let err = write_tsv(&[Entry::new(id, EntityKind::Place, "X")], &[], &mut out);
            assert!(err.unwrap_err().to_string().contains("cannot write id"), "{id}");
        }
    }

    #[test]
    fn lines_are_numbered_and_checked() {
        let mut lines = Lines::new("x.txt", &b"\xEF\xBB\xBFone\r\ntwo\n\xff\n"[..]);
        assert_eq!(lines.next_line().unwrap(), Some(1));
        assert_eq!(lines.line(), "one");
        assert_eq!(lines.next_line().unwrap(), Some(2));
        assert_eq!(lines.line(), "two");
        let err = lines.next_line().unwrap_err().to_string();
        assert_eq!(err, "x.txt:3: invalid UTF-8 (save the file as UTF-8)");
    }

    #[test]
    fn r14_a_line_past_the_cap_is_an_error_not_a_memory_hog() {
        let mut text = b"one\n".to_vec();
        text.extend(std::iter::repeat_n(0u8, MAX_LINE_BYTES + 1));
        let mut lines = Lines::new("x.txt", &text[..]);
        assert_eq!(lines.next_line().unwrap(), Some(1));
        let err = lines.next_line().unwrap_err().to_string();
        assert!(err.starts_with("x.txt:2: a line longer than 16 MiB (the limit)"), "{err}");
        // A line just at the cap is read.
        let mut text = vec![b'a'; MAX_LINE_BYTES - 1];
        text.push(b'\n');
        let mut lines = Lines::new("x.txt", &text[..]);
        assert_eq!(lines.next_line().unwrap(), Some(1));
        assert_eq!(lines.line().len(), MAX_LINE_BYTES - 1);
    }

    #[test]
    fn gzip_is_detected() {
        use flate2::{Compression, write::GzEncoder};
        use std::io::Read;
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(b"hello\nworld\n").unwrap();
        let bytes = gz.finish().unwrap();
        let mut text = String::new();
        decode(&bytes[..]).unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "hello\nworld\n");
        text.clear();
        decode(&b"plain"[..]).unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "plain");
    }

    #[test]
    fn slugs_and_unique_ids() {
        assert_eq!(slug("HAMID_KARZAI_"), "hamid_karzai");
        assert_eq!(slug("  São Paulo (SP) "), "são_paulo_sp");
        let mut ids = Ids::default();
        assert_eq!([ids.unique("a"), ids.unique("a"), ids.unique("a")], ["a", "a_2", "a_3"]);
    }

    #[test]
    fn first_claim_wins_ignoring_case() {
        let mut claims = Claims::default();
        assert!(claims.claim("Paris", 1));
        assert!(claims.claim("PARIS", 1));
        assert!(!claims.claim("paris", 2));
        assert!(claims.is_claimed("pArIs"));
    }

    #[test]
    fn reference_knows_builtin_states() {
        let reference = Reference::new(&Gazetteer::builtin());
        assert_eq!(reference.state_by_iso("DE"), Some("DEU"));
        assert_eq!(reference.state_iso("DEU"), Some("DE"));
        assert_eq!(reference.state_named("german"), Some("DEU"));
        assert_eq!(reference.spelling("NATO"), Some("NATO"));
        assert_eq!(reference.spelling("afghanistan"), Some("Afghanistan"));
        assert!(reference.is_place_name(&name_key("Florida")));
        assert!(!reference.is_place_name(&name_key("Well")));
        assert!(!reference.is_place_name(&name_key("Derby")), "~Derby is shared by context");
        for surname in ["Ryan", "Bush", "Castro", "Obama"] {
            assert!(reference.is_surname(&name_key(surname)), "{surname}");
        }
        assert!(!reference.is_surname(&name_key("Paris")));
    }
}
