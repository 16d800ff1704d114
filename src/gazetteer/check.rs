//! What `actorgraph gazetteer stats` and `check` report: counts per kind, and what a person
//! should look at before trusting a gazetteer, above all one with an imported dictionary
//! layered on the built-in gazetteer.
//!
//! An imported file goes wrong in a few known ways, each one a [`FindingKind`]: it takes names
//! from the entities before it, it names places like English words ("We", "Well"), it keeps
//! transliterations that lost letters ("ask" for Łask), or it writes a proper name in lower
//! case, which then matches the word in any case. [`Checker`] finds them, each with the file
//! and line of the row, grouped by kind in a [`Report`], and leaves out what the layering rules
//! already made safe (names kept by the built-in gazetteer, names shared by context).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use super::entry::{EntityKind, Entry, Origin};
use super::fold::{base, fold};
use super::{Gazetteer, geonames};
use crate::error::Result;

/// Counts of one kind of entity in a gazetteer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindStats {
    /// Entities of this kind.
    pub entities: usize,
    /// Their aliases, adjectival forms included.
    pub aliases: usize,
    /// Aliases that are adjectival forms ("Russian").
    pub adjectival: usize,
    /// Aliases matched only in their exact case ("US", "Turkey").
    pub exact: usize,
}

/// Counts per kind, in the order of [`EntityKind`]: person, state, group, place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// One row per kind that has at least one entity.
    pub kinds: Vec<(EntityKind, KindStats)>,
}

impl Stats {
    /// Returns the sum over all kinds.
    pub fn total(&self) -> KindStats {
        self.kinds.iter().fold(KindStats::default(), |t, (_, k)| KindStats {
            entities: t.entities + k.entities,
            aliases: t.aliases + k.aliases,
            adjectival: t.adjectival + k.adjectival,
            exact: t.exact + k.exact,
        })
    }
}

impl fmt::Display for Stats {
    /// Writes a small aligned table with a total row.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>11} {:>7}",
            "kind", "entities", "aliases", "adjectival", "exact"
        )?;
        let total = self.total();
        let rows = self.kinds.iter().map(|(k, s)| (k.as_str(), s)).chain([("total", &total)]);
        for (name, s) in rows {
            writeln!(
                f,
                "{name:<8} {:>9} {:>9} {:>11} {:>7}",
                s.entities, s.aliases, s.adjectival, s.exact
            )?;
        }
        Ok(())
    }
}

/// The kinds of things [`Checker`] reports, in the order a [`Report`] lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum FindingKind {
    /// A name that an entity of a later layer took from an entity of an earlier one (a later
    /// file that is not built in, or a row asking to take over); [`Finding::takeover`] names
    /// both entities.
    Takeover,
    /// An id that a later layer defines again, replacing the earlier entity with all its names.
    Replaced,
    /// A name that a later entity asked to take over, but that stayed with the built-in entity
    /// because the rules refuse it (an acronym, a division's name).
    Refused,
    /// An affiliation or country that names no state of the gazetteer.
    UnknownState,
    /// A name that is another name of its entity with letters dropped instead of folded: the
    /// GeoNames ASCII-name defect ("ask" for "Łask", "Wrocaw" for "Wrocław").
    MangledName,
    /// A one-word name that is a common English word ("Well", "We"): a lower-case word of the
    /// word list, or (for a state or place) a word or name of the GeoNames stop-list.
    DictionaryWord,
    /// A name in lower case only, of an entity whose other names are capitalised: it matches
    /// the word in any case.
    LowerCase,
    /// A name without a letter.
    NoLetter,
}

impl FindingKind {
    /// Every kind, in report order.
    pub const ALL: [FindingKind; 8] = [
        FindingKind::Takeover,
        FindingKind::Replaced,
        FindingKind::Refused,
        FindingKind::UnknownState,
        FindingKind::MangledName,
        FindingKind::DictionaryWord,
        FindingKind::LowerCase,
        FindingKind::NoLetter,
    ];

    /// What the findings of this kind are, in the plural, for headings: "names taken over".
    ///
    /// ```
    /// assert_eq!(actorgraph::FindingKind::MangledName.as_str(), "mangled names");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Takeover => "names taken over",
            FindingKind::Replaced => "entities replaced",
            FindingKind::Refused => "takeovers refused",
            FindingKind::UnknownState => "unknown states",
            FindingKind::MangledName => "mangled names",
            FindingKind::DictionaryWord => "dictionary words",
            FindingKind::LowerCase => "lower-case names",
            FindingKind::NoLetter => "names without a letter",
        }
    }

    fn tag(self) -> u8 {
        FindingKind::ALL.iter().position(|&k| k == self).expect("every kind is in ALL") as u8
    }

    fn from_tag(tag: u8) -> Option<FindingKind> {
        FindingKind::ALL.get(usize::from(tag)).copied()
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entity of a [`Takeover`]: its id, label and where it was defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// The entity's id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Where its row is, as `FILE:LINE`.
    pub origin: String,
}

impl EntityRef {
    fn of(entry: &Entry) -> EntityRef {
        EntityRef { id: entry.id.clone(), label: entry.label.clone(), origin: entry.origin() }
    }
}

/// A name that an entity of a later layer took from the entity of an earlier one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Takeover {
    /// The name, as the later entity writes it.
    pub name: String,
    /// The entity that took it (the later one).
    pub by: EntityRef,
    /// The entity that had it before and lost it.
    pub from: EntityRef,
}

/// One thing `check` found: what kind, where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What kind of finding it is.
    pub kind: FindingKind,
    /// Where the row is, as `FILE:LINE`: the row of the entity, or of the merge row that gave
    /// it the name (empty for entities made in code without an origin).
    pub origin: String,
    /// The id of the entity concerned (for a takeover, the one that took the name).
    pub entity: String,
    /// What is wrong or worth a look, naming the entities (ids and labels) and the name.
    pub message: String,
    /// For a [`FindingKind::Takeover`]: the name and both entities.
    pub takeover: Option<Takeover>,
}

impl Finding {
    /// A finding about `entry`, at its row.
    pub(crate) fn new(kind: FindingKind, entry: &Entry, message: String) -> Finding {
        Finding::at(kind, &entry.origin, entry, message)
    }

    /// A finding about `entry`, at the row `origin` (a merge row's, for the names it added).
    fn at(kind: FindingKind, origin: &Origin, entry: &Entry, message: String) -> Finding {
        let origin = origin.to_string();
        Finding { kind, origin, entity: entry.id.clone(), message, takeover: None }
    }

    /// The finding that `by` took `name` from `from`.
    pub(crate) fn takeover(name: &str, by: &Entry, from: &Entry) -> Finding {
        let message = format!(
            "\"{name}\" is taken over by \"{}\" ({}) from \"{}\" ({}, {})",
            by.id, by.label, from.id, from.label, from.origin
        );
        let takeover =
            Takeover { name: name.to_string(), by: EntityRef::of(by), from: EntityRef::of(from) };
        Finding { takeover: Some(takeover), ..Finding::new(FindingKind::Takeover, by, message) }
    }

    /// Writes the finding for the compiled-gazetteer cache.
    pub(crate) fn write(&self, wtr: &mut crate::codec::Writer) {
        wtr.u8(self.kind.tag());
        for text in [&self.origin, &self.entity, &self.message] {
            wtr.str(text);
        }
        wtr.u8(u8::from(self.takeover.is_some()));
        if let Some(t) = &self.takeover {
            wtr.str(&t.name);
            for side in [&t.by, &t.from] {
                for text in [&side.id, &side.label, &side.origin] {
                    wtr.str(text);
                }
            }
        }
    }

    /// Reads a finding written by [`Finding::write`]; `None` if the input is malformed.
    pub(crate) fn read(rdr: &mut crate::codec::Reader<'_>) -> Option<Finding> {
        let kind = FindingKind::from_tag(rdr.u8()?)?;
        let (origin, entity, message) = (rdr.string()?, rdr.string()?, rdr.string()?);
        let takeover = match rdr.u8()? {
            0 => None,
            1 => {
                let name = rdr.string()?;
                let mut side = || {
                    Some(EntityRef {
                        id: rdr.string()?,
                        label: rdr.string()?,
                        origin: rdr.string()?,
                    })
                };
                Some(Takeover { name, by: side()?, from: side()? })
            }
            _ => return None,
        };
        Some(Finding { kind, origin, entity, message, takeover })
    }
}

impl fmt::Display for Finding {
    /// Writes `FILE:LINE: message`, as compilers do, or the message alone without an origin.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.origin.as_str() {
            "" => f.write_str(&self.message),
            origin => write!(f, "{origin}: {}", self.message),
        }
    }
}

/// What [`Checker::check`] found, grouped by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Sorted by kind (in the order of [`FindingKind::ALL`]), then in entity order.
    findings: Vec<Finding>,
    kept: usize,
}

impl Report {
    /// Returns every finding, by kind, then in the gazetteer's order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Returns the findings, by kind.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// Returns the number of findings.
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    /// Returns true when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// Returns the kinds that have findings, each with its findings, in report order.
    ///
    /// ```
    /// use actorgraph::{Checker, EntityKind, Entry, FindingKind, Gazetteer};
    ///
    /// let gaz = Gazetteer::builder()
    ///     .add(Entry::new("lask", EntityKind::Place, "Łask").alias("ask").alias("Lask"))
    ///     .build()?;
    /// let report = Checker::new().dictionary_words(["ask"]).check(&gaz);
    /// let groups: Vec<(FindingKind, usize)> = report.groups().map(|(k, f)| (k, f.len())).collect();
    /// assert_eq!(groups, [(FindingKind::MangledName, 1)]); // reported once, as mangled
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn groups(&self) -> impl Iterator<Item = (FindingKind, &[Finding])> + '_ {
        self.findings.chunk_by(|a, b| a.kind == b.kind).map(|group| (group[0].kind, group))
    }

    /// Returns the number of findings of one kind.
    pub fn count(&self, kind: FindingKind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }

    /// Returns how many names of later layers stayed with the built-in entity that has them
    /// (see [`Gazetteer::kept_names`]): the safe default, counted but not reported.
    pub fn kept_names(&self) -> usize {
        self.kept
    }
}

/// Finds what a person should look at in a gazetteer, such as one with an imported dictionary
/// layered on the built-in gazetteer (see [`FindingKind`] for what it reports).
///
/// A name is reported once, under the first kind that fits, in the order mangled name,
/// dictionary word, lower-case name, name without a letter. Left out on purpose:
///
/// - names that a later layer claimed but that stayed with the built-in entity (the safe
///   default; [`Report::kept_names`] counts them);
/// - as dictionary words: names marked exact-case (`=Nice`) or shared by context (`~Nice`),
///   the names of entities of the built-in gazetteer (the reference of what people name, as
///   for the GeoNames import; names that a merge row of another file added to them do count),
///   and the names of places of at least [`Checker::large_place`] inhabitants;
/// - entities proposed by discovery.
///
/// ```
/// use actorgraph::{Checker, EntityKind, Entry, FindingKind, Gazetteer};
///
/// let gaz = Gazetteer::builder()
///     .add(Entry::new("well", EntityKind::Place, "Well").country("XXX"))
///     .add(Entry::new("reading", EntityKind::Place, "Reading").population(318_014))
///     .build()?;
/// let report = Checker::new().dictionary_words(["well", "reading"]).check(&gaz);
/// let kinds: Vec<FindingKind> = report.findings().iter().map(|f| f.kind).collect();
/// assert_eq!(kinds, [FindingKind::UnknownState, FindingKind::DictionaryWord]);
/// assert_eq!(report.findings()[1].entity, "well"); // Reading is large
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Checker {
    /// Lower-case dictionary words; empty when no word list is given.
    dictionary: HashSet<String>,
    large_place: u64,
}

impl Default for Checker {
    fn default() -> Checker {
        Checker::new()
    }
}

impl Checker {
    /// A checker with no word list (only the GeoNames stop-list counts as dictionary words)
    /// and the GeoNames import's large-place threshold.
    pub fn new() -> Checker {
        Checker {
            dictionary: HashSet::new(),
            large_place: geonames::GeonamesImporter::DEFAULT_LARGE_PLACE,
        }
    }

    /// Sets the English words a one-word name must not be: those written in lower case count
    /// ("well"), capitalised proper nouns ("Paris") do not, as for
    /// [`GeonamesImporter::dictionary_words`](crate::GeonamesImporter::dictionary_words).
    pub fn dictionary_words<I, S>(&mut self, words: I) -> &mut Checker
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.dictionary = geonames::lower_case_words(words);
        self
    }

    /// Reads the word list of [`Checker::dictionary_words`] from a file, one word a line, such
    /// as [`GeonamesImporter::SYSTEM_DICTIONARY`](crate::GeonamesImporter::SYSTEM_DICTIONARY).
    ///
    /// # Errors
    ///
    /// Returns an error naming the file (and the line) if it cannot be read or is not UTF-8.
    pub fn dictionary_path<P: AsRef<Path>>(&mut self, path: P) -> Result<&mut Checker> {
        self.dictionary = geonames::lower_case_words(geonames::read_word_list(path.as_ref())?);
        Ok(self)
    }

    /// Returns how many lower-case words the word list has (0 when there is none).
    pub fn dictionary_len(&self) -> usize {
        self.dictionary.len()
    }

    /// Sets the population from which a place's name that is a dictionary word is not
    /// reported (default
    /// [`GeonamesImporter::DEFAULT_LARGE_PLACE`](crate::GeonamesImporter::DEFAULT_LARGE_PLACE),
    /// the same as the import's).
    pub fn large_place(&mut self, population: u64) -> &mut Checker {
        self.large_place = population;
        self
    }

    /// Checks a gazetteer: the build's notes (takeovers, replaced ids, refused takeovers,
    /// unknown states) and every name of every entity.
    pub fn check(&self, gaz: &Gazetteer) -> Report {
        let mut findings = gaz.notes.clone();
        let mut merged: HashMap<(&str, &str), &Origin> = HashMap::new();
        for name in &gaz.merged {
            merged.insert((&name.entity, &name.name), &name.origin);
        }
        for entry in gaz.entries().filter(|e| !e.is_discovered()) {
            let builtin = super::is_builtin_source(&entry.origin.source);
            for (i, alias) in entry.aliases().iter().enumerate() {
                let from = merged.get(&(entry.id.as_str(), alias.text())).copied();
                let Some((kind, why)) = self.name_finding(entry, i, builtin && from.is_none())
                else {
                    continue;
                };
                let message = format!(
                    "{} \"{}\" ({}): \"{}\" {why}",
                    entry.kind.as_str(),
                    entry.id,
                    entry.label,
                    alias.text()
                );
                findings.push(Finding::at(kind, from.unwrap_or(&entry.origin), entry, message));
            }
        }
        // Stable: within a kind, the build's order and then the gazetteer's.
        findings.sort_by_key(|f| f.kind);
        Report { findings, kept: gaz.kept_names().len() }
    }

    /// The first kind that fits name `i` of `entry`, and why. `builtin` is whether the name
    /// is the built-in gazetteer's own.
    fn name_finding(
        &self,
        entry: &Entry,
        i: usize,
        builtin: bool,
    ) -> Option<(FindingKind, String)> {
        let alias = &entry.aliases()[i];
        let text = alias.text();
        let names = || entry.aliases().iter().map(|a| a.text()).chain([entry.label()]);
        if let Some(source) = names().find(|name| drops_letters(name, text)) {
            let why = format!(
                "is \"{source}\" with letters dropped, not folded (\"{}\"); remove it or write the folded form",
                fold(source)
            );
            return Some((FindingKind::MangledName, why));
        }
        if !builtin && !alias.is_exact() && !alias.is_context() {
            if let Some(what) = self.common_word(entry, text) {
                let why = format!(
                    "is {what}, taken for this entity wherever it is capitalised; mark it case-sensitive (\"={text}\") or remove it"
                );
                return Some((FindingKind::DictionaryWord, why));
            }
        }
        if is_lower_case_word(text) {
            let others = entry.aliases().iter().enumerate().filter(|&(j, _)| j != i);
            let others = others.map(|(_, a)| a.text()).chain([entry.label()]);
            // The label is usually the first name itself.
            let others: Vec<&str> = others.filter(|&name| name != text).collect();
            let styling = others.iter().any(|name| squashed(name) == squashed(text));
            let proper = others.iter().find(|name| name.chars().any(char::is_uppercase));
            if let Some(proper) = proper.filter(|_| !styling) {
                let why = format!(
                    "is in lower case only, though the entity's names are capitalised (\"{proper}\"), so it matches the word in any case; capitalise it or remove it"
                );
                return Some((FindingKind::LowerCase, why));
            }
        }
        if !text.chars().any(char::is_alphabetic) {
            return Some((FindingKind::NoLetter, "has no letter".to_string()));
        }
        None
    }

    /// Says what common word a one-word name is, if it is one that counts for this entry.
    fn common_word(&self, entry: &Entry, text: &str) -> Option<&'static str> {
        if text.contains(char::is_whitespace) {
            return None;
        }
        let place_like = matches!(entry.kind, EntityKind::State | EntityKind::Place);
        if place_like && entry.place.population.is_some_and(|n| n >= self.large_place) {
            return None;
        }
        if self.dictionary.contains(&text.to_lowercase()) {
            Some("a common English word (of the word list)")
        } else if place_like && geonames::is_stop_word(text) {
            Some("also a common word or name (of the GeoNames stop-list)")
        } else {
            None
        }
    }
}

/// Whether a name is in lower case only and starts like a word, with a letter: "ask", "the
/// agency", but not "49ers".
fn is_lower_case_word(text: &str) -> bool {
    let first = text.chars().find(|c| c.is_alphanumeric());
    first.is_some_and(char::is_alphabetic) && !text.chars().any(char::is_uppercase)
}

/// A name folded, in lower case, without spaces or punctuation, so that a lower-case styling
/// of a name ("airberlin" of "Air Berlin", "n-tv" of "N-TV", "lodz" of "Łódź") compares equal
/// to it.
fn squashed(name: &str) -> String {
    fold(name).chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether `ascii` is `name` with some of its letters dropped rather than folded, as
/// GeoNames' ASCII-name column does ("ask" for "Łask", "odz" for "Łódź", "Wrocaw" for
/// "Wrocław"): `ascii` is ASCII, and it is what remains of `name` when each of its ASCII
/// characters is kept (in any case), each Latin letter with a diacritic is either folded to its
/// base letters or dropped, and at least one is dropped. Other characters (apostrophes such as
/// `‘`, combining marks, other scripts) may be left out freely: "Tall Afar" for "Tall ‘Afar" is
/// a fold, not a loss. A name whose fold it is (`Lodz`) never counts.
fn drops_letters(name: &str, ascii: &str) -> bool {
    if !ascii.is_ascii() || name.is_ascii() || !ascii.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let a = ascii.as_bytes();
    let fits = |j: usize, part: &[u8]| {
        a.get(j..j + part.len()).is_some_and(|s| s.eq_ignore_ascii_case(part))
    };
    // reach[j][d]: the first j bytes of `ascii` are what remains so far, with (d = 1) or
    // without (d = 0) a letter dropped.
    let mut reach = vec![[false; 2]; a.len() + 1];
    reach[0][0] = true;
    let mut c_buf = [0; 4];
    for c in name.chars() {
        let mut next = vec![[false; 2]; a.len() + 1];
        for j in 0..=a.len() {
            for d in 0..2 {
                if !reach[j][d] {
                    continue;
                }
                if c.is_ascii() {
                    let part = c.encode_utf8(&mut c_buf).as_bytes();
                    if fits(j, part) {
                        next[j + 1][d] = true;
                    }
                } else if let Some(letters) = base(c) {
                    if fits(j, letters.as_bytes()) {
                        next[j + letters.len()][d] = true;
                    }
                    next[j][1] = true;
                } else {
                    next[j][d] = true;
                }
            }
        }
        reach = next;
    }
    reach[a.len()][1] && !fold(name).eq_ignore_ascii_case(ascii)
}

impl Gazetteer {
    /// Returns the number of entities and aliases of each kind.
    ///
    /// ```
    /// use actorgraph::{EntityKind, Gazetteer};
    ///
    /// let stats = Gazetteer::builtin().stats();
    /// assert!(stats.total().entities > 3000);
    /// assert_eq!(stats.kinds[0].0, EntityKind::Person);
    /// ```
    pub fn stats(&self) -> Stats {
        let mut by_kind: BTreeMap<EntityKind, KindStats> = BTreeMap::new();
        for entry in self.entries() {
            let s = by_kind.entry(entry.kind()).or_default();
            s.entities += 1;
            s.aliases += entry.aliases().len();
            s.adjectival += entry.aliases().iter().filter(|a| a.is_adjectival()).count();
            s.exact += entry.aliases().iter().filter(|a| a.is_exact()).count();
        }
        Stats { kinds: by_kind.into_iter().collect() }
    }

    /// Returns what a careful editor would look at, by kind: what [`Checker::new`] finds
    /// (with no word list, so only the GeoNames stop-list makes dictionary words). An empty
    /// list means the gazetteer is clean.
    ///
    /// ```
    /// use actorgraph::{EntityKind, Entry, FindingKind, Gazetteer};
    ///
    /// let gaz = Gazetteer::builder()
    ///     .add(Entry::new("nice", EntityKind::Place, "Nice").alias("nice"))
    ///     .build()?;
    /// let found = gaz.check();
    /// assert_eq!(found[0].kind, FindingKind::DictionaryWord);
    /// assert!(found[0].message.contains("\"Nice\" is also a common word or name"));
    /// assert!(Gazetteer::builtin().check().is_empty());
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn check(&self) -> Vec<Finding> {
        Checker::new().check(self).into_findings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tkind\tlabel\taliases\tadjectives\tpopulation\tcountry\n";

    /// Checks the rows (after [`HEADER`]) as the file `mine.tsv`, alone, with a word list.
    fn check(rows: &str, words: &[&str]) -> Report {
        let gaz = Gazetteer::builder()
            .add_str("mine.tsv", &format!("{HEADER}{rows}"))
            .unwrap()
            .build()
            .unwrap();
        Checker::new().dictionary_words(words).check(&gaz)
    }

    /// Each finding as (kind, origin, the name it is about or its message).
    fn found(report: &Report) -> Vec<(FindingKind, String, String)> {
        let name = |f: &Finding| match f.message.split_once("): \"") {
            Some((_, rest)) => rest.split('"').next().unwrap_or_default().to_string(),
            None => f.message.clone(),
        };
        report.findings().iter().map(|f| (f.kind, f.origin.clone(), name(f))).collect()
    }

    /// Asserts that each row gives findings of `kind` for exactly the names listed.
    fn assert_names(kind: FindingKind, words: &[&str], table: &[(&str, &str, &[&str])]) {
        for &(what, row, names) in table {
            let report = check(&format!("{row}\n"), words);
            let got: Vec<String> =
                found(&report).into_iter().filter(|f| f.0 == kind).map(|f| f.2).collect();
            assert_eq!(got, names, "{what}: {row:?} gave {:?}", report.findings());
        }
    }

    #[test]
    fn drops_letters_rather_than_folding() {
        for (name, ascii, dropped) in [
            ("Łask", "ask", true),
            ("Łask", "ASK", true),
            ("Łódź", "odz", true),
            ("Wrocław", "Wrocaw", true),
            ("Bartın", "Bartn", true),
            ("Straße", "Strae", true),
            ("Köln", "Kln", true),
            ("Île-de-France", "le-de-France", true),
            // Folds, whole or in part, are not losses.
            ("Łask", "Lask", false),
            ("Łódź", "Lodz", false),
            ("Wrocław", "Wroclaw", false),
            ("Straße", "Strasse", false),
            ("São Paulo", "Sao Paulo", false),
            ("Köln", "Koeln", false),
            // Apostrophes, modifier letters and other scripts go freely.
            ("Tall ‘Afar", "Tall Afar", false),
            ("Hawaiʻi", "Hawaii", false),
            ("Москва", "Moskva", false),
            // Only ASCII names of a name with non-ASCII letters count.
            ("Lask", "ask", false),
            ("Łask", "ąsk", false),
            ("Łask", "", false),
            ("Łask", "Lasko", false),
        ] {
            assert_eq!(drops_letters(name, ascii), dropped, "{name} / {ascii}");
        }
    }

    #[test]
    fn mangled_names() {
        assert_names(
            FindingKind::MangledName,
            &[],
            &[
                ("GeoNames' ASCII name", "lask\tplace\tŁask\task|Lask", &["ask"]),
                ("two letters lost", "lodz\tplace\tŁódź\todz|Lodz", &["odz"]),
                ("inside a word", "wro\tplace\tWrocław\tWrocaw|Wroclaw", &["Wrocaw"]),
                ("of an alias, not the label", "x\tplace\tX\tŁask|ask", &["ask"]),
                ("folded forms are fine", "lodz\tplace\tŁódź\tLodz|Łodz", &[]),
                ("another entity's name", "a\tplace\tŁask\t\nb\tplace\task", &[]),
            ],
        );
    }

    #[test]
    fn dictionary_words() {
        let words = &["well", "reading", "greens", "trump", "new", "haven", "Paris", "pole"];
        assert_names(
            FindingKind::DictionaryWord,
            words,
            &[
                ("a place", "well\tplace\tWell", &["Well"]),
                ("a small place", "reading\tplace\tReading\t\t\t1000", &["Reading"]),
                ("a large place", "reading\tplace\tReading\t\t\t318014", &[]),
                ("a group", "greens\tgroup\tThe Greens\tGreens", &["Greens"]),
                ("a person", "dt\tperson\tDonald Trump\tTrump", &["Trump"]),
                ("an adjectival form", "POL\tstate\tPoland\t\tPole", &["Pole"]),
                ("in exact case", "well\tplace\tWell Town\t=Well", &[]),
                ("shared by context", "well\tplace\tWell Town\t~Well", &[]),
                ("of two words", "nh\tplace\tNew Haven", &[]),
                ("a proper noun of the list", "paris\tplace\tParis", &[]),
                ("a place on the stop-list", "nice\tplace\tNice", &["Nice"]),
                ("a person on the stop-list", "austin\tperson\tAustin", &[]),
            ],
        );
    }

    #[test]
    fn dictionary_words_of_the_builtin_gazetteer_are_the_reference() {
        // "China" and "Turkey" are words, but names the built-in gazetteer gives; a name a
        // merge row adds to a built-in entity is the merge row's, reported at its line.
        let gaz = Gazetteer::builder()
            .add_builtin()
            .add_str("more.tsv", "id\tkind\tlabel\tmerge\nPOL\tstate\tPole\tyes\n")
            .unwrap()
            .build()
            .unwrap();
        let report = Checker::new().dictionary_words(["china", "turkey", "pole"]).check(&gaz);
        let got = found(&report);
        assert_eq!(got, [(FindingKind::DictionaryWord, "more.tsv:2".into(), "Pole".into())]);
        assert!(report.findings()[0].message.starts_with("state \"POL\" (Poland): \"Pole\""));
    }

    #[test]
    fn lower_case_names() {
        assert_names(
            FindingKind::LowerCase,
            &[],
            &[
                ("of a place", "x\tplace\tNorth Town\tnorth town centre", &["north town centre"]),
                ("of a person", "as\tperson\tAnn Smith\tsmith", &["smith"]),
                ("of a group", "ag\tgroup\tThe Agency\tthe agency|agency", &["agency"]),
                ("in exact case", "x\tplace\tTown\t=town centre", &["town centre"]),
                ("a styling of a name", "ab\tgroup\tAir Berlin\tairberlin", &[]),
                ("a styling with marks", "nt\tgroup\tN-TV\tn-tv", &[]),
                ("a folded styling", "lodz\tplace\tŁódź\tlodz", &[]),
                ("a name starting with a digit", "sf\tgroup\tSan Francisco 49ers\t49ers", &[]),
                ("capitals inside", "aq\tgroup\tal-Qaeda\tal-Qaida", &[]),
                ("no capitalised name", "x\tplace\task", &[]),
                ("a lower-case label", "ag\tgroup\tagency\tThe Agency", &["agency"]),
            ],
        );
    }

    #[test]
    fn a_name_is_reported_once_under_the_first_kind() {
        // "ask" is mangled, a dictionary word and in lower case.
        let report = check("lask\tplace\tŁask\task|Lask\n", &["ask"]);
        let got = found(&report);
        assert_eq!(got, [(FindingKind::MangledName, "mine.tsv:2".into(), "ask".into())]);
        let report = check("x\tplace\tAsk Town\task\n", &["ask"]);
        assert_eq!(found(&report)[0].0, FindingKind::DictionaryWord);
        assert_eq!(check("x\tplace\tTown\t1999\n", &[]).findings()[0].kind, FindingKind::NoLetter);
    }

    #[test]
    fn layering_notes() {
        let a = format!("{HEADER}moscow\tplace\tMoscow\nx\tstate\tEx\n");
        let b = format!(
            "{HEADER}moscow_idaho\tplace\tMoscow, Idaho\tMoscow\nx\tstate\tX Land\np\tperson\tP\t\t\t\tZZZ\n"
        );
        let gaz = Gazetteer::builder()
            .add_str("a.tsv", &a)
            .unwrap()
            .add_str("b.tsv", &b)
            .unwrap()
            .build()
            .unwrap();
        let report = Checker::new().check(&gaz);
        let kinds: Vec<(FindingKind, &str)> =
            report.findings().iter().map(|f| (f.kind, f.origin.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (FindingKind::Takeover, "b.tsv:2"),
                (FindingKind::Replaced, "b.tsv:3"),
                (FindingKind::UnknownState, "b.tsv:4"),
            ]
        );
        let takeover = report.findings()[0].takeover.as_ref().unwrap();
        assert_eq!(takeover.name, "Moscow");
        assert_eq!(
            (&*takeover.by.id, &*takeover.by.label, &*takeover.by.origin),
            ("moscow_idaho", "Moscow, Idaho", "b.tsv:2")
        );
        assert_eq!(
            (&*takeover.from.id, &*takeover.from.label, &*takeover.from.origin),
            ("moscow", "Moscow", "a.tsv:2")
        );
        assert_eq!(
            report.findings()[0].to_string(),
            "b.tsv:2: \"Moscow\" is taken over by \"moscow_idaho\" (Moscow, Idaho) from \"moscow\" (Moscow, a.tsv:2)"
        );
        assert_eq!(
            report.findings()[1].message,
            "id \"x\" (X Land) replaces the entity defined at a.tsv:3 (Ex)"
        );
        // The notices a run prints are the same lines, in the build's order.
        let mut lines: Vec<String> = report.findings().iter().map(Finding::to_string).collect();
        let mut notices = gaz.notices().to_vec();
        lines.sort();
        notices.sort();
        assert_eq!(notices, lines);
    }

    #[test]
    fn takeovers_of_builtin_names_and_refusals() {
        let rows = "id\tkind\tlabel\taliases\ttakeover\n\
                    kremlin_place\tplace\tKremlin Square\tKremlin\tyes\n\
                    un_town\tplace\tUn Town\tUn\tyes\n\
                    florida_cuba\tplace\tFlorida City\tFlorida\t\n";
        let gaz =
            Gazetteer::builder().add_builtin().add_str("t.tsv", rows).unwrap().build().unwrap();
        let report = Checker::new().check(&gaz);
        let got = found(&report);
        let kinds: Vec<(FindingKind, &str)> = got.iter().map(|f| (f.0, f.1.as_str())).collect();
        assert_eq!(kinds, [(FindingKind::Takeover, "t.tsv:2"), (FindingKind::Refused, "t.tsv:3")]);
        let takeover = report.findings()[0].takeover.as_ref().unwrap();
        assert_eq!((&*takeover.from.id, &*takeover.from.label), ("kremlin", "Kremlin"));
        assert!(takeover.from.origin.starts_with("gazetteers/groups.tsv:"));
        assert!(report.findings()[1].message.contains("never takes an acronym"));
        // "Florida" stays with the built-in state without being asked: counted, not reported.
        assert_eq!(report.kept_names(), 1);
    }

    #[test]
    fn report_groups_by_kind() {
        let report = check(
            "a\tplace\tWell\tgood place\nb\tplace\tŁask\task\nc\tplace\tGood\n",
            &["well", "good"],
        );
        let groups: Vec<(FindingKind, usize)> =
            report.groups().map(|(k, f)| (k, f.len())).collect();
        assert_eq!(
            groups,
            [
                (FindingKind::MangledName, 1),
                (FindingKind::DictionaryWord, 2),
                (FindingKind::LowerCase, 1)
            ]
        );
        assert_eq!(report.count(FindingKind::DictionaryWord), 2);
        assert_eq!(report.len(), 4);
        let entities: Vec<&str> = report.findings().iter().map(|f| f.entity.as_str()).collect();
        assert_eq!(entities, ["b", "a", "c", "a"]);
    }

    #[test]
    fn the_builtin_gazetteer_is_clean_with_a_word_list() {
        let words = ["china", "turkey", "chad", "guinea", "well", "trump", "congress"];
        let report = Checker::new().dictionary_words(words).check(&Gazetteer::builtin());
        assert!(report.is_empty(), "{:?}", report.findings());
    }

    #[test]
    fn kinds_are_listed_once_in_order() {
        let mut sorted = FindingKind::ALL;
        sorted.sort();
        assert_eq!(sorted, FindingKind::ALL);
        for kind in FindingKind::ALL {
            assert_eq!(FindingKind::from_tag(kind.tag()), Some(kind));
        }
        assert_eq!(FindingKind::from_tag(FindingKind::ALL.len() as u8), None);
    }
}
