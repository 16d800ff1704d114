//! Importing CAMEO actor dictionaries (the TABARI/PETRARCH `.actors` format).
//!
//! Event-data projects (Phoenix, ICEWS-style coders) keep tens of thousands of actor names in
//! this format, each with a CAMEO code such as `USAGOV` (United States government) that may
//! change over time. This module maps those entries to our kinds and names, and reports what
//! it cannot map.
//!
//! The format, as the Phoenix files use it:
//!
//! ```text
//! # comment                     everything after '#' is a comment
//! AFGHANISTAN_  [AFG]           a head phrase (words joined by '_') with its code
//! +KABUL_                       a synonym of the head phrase
//! HAMID_KARZAI_                 a head phrase without a code...
//! KARZAI_                       ...more head phrases before any code are synonyms too
//!     [AFGELI 750101-000101]     (after a TAB) a code with dates: YYMMDD or YYYYMMDD
//!     [AFGGOV >011222]           '>' from that date on, '<' until it
//!     [---]                      the null code: the phrase is known but not an actor
//! ```

use std::collections::HashMap;
use std::io::BufRead;

use super::Gazetteer;
use super::entry::{Alias, EntityKind, Entry, Office, is_acronym};
use super::write::{Claims, Ids, Import, Importer, Lines, Reference, open_lines, slug};
use crate::error::Result;

/// CAMEO agent (sector) codes: what part of a state or group an actor belongs to.
#[rustfmt::skip]
const AGENTS: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "INS",
    "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SPY",
    "UAF", "UNR",
];

/// Agent codes of roles that persons hold (as opposed to rebels, media or companies, whose
/// undated codes usually name an organisation).
const PERSON_AGENTS: &[&str] = &["COP", "ELI", "GOV", "JUD", "LEG", "MIL", "OPP", "PTY", "SPY"];

/// First segments of codes for actors that belong to no state: international bodies,
/// companies, armed groups and religions.
#[rustfmt::skip]
const NON_STATE: &[&str] = &[
    "BAH", "BUD", "CHR", "CTH", "HIN", "IGO", "IMG", "INT", "JEW", "MNC", "MOS", "MUS", "NGM",
    "NGO", "SHI", "UIS",
];

/// Codes of former states that CAMEO still uses.
const FORMER_STATES: &[&str] = &["CSK", "DDR", "FRY", "SCG", "SUN", "USR", "YUG"];

/// CAMEO country codes that differ from the ISO codes our state ids use.
const LEGACY_CODES: &[(&str, &str)] = &[("KSV", "XKX"), ("ROM", "ROU"), ("TMP", "TLS")];

/// Words that do not occur in personal names: organisations, offices and function words.
#[rustfmt::skip]
const NOT_IN_NAMES: &[&str] = &[
    "ACADEMY", "ACTION", "ADMINISTRATION", "AGAINST", "AGENCY", "ALLIANCE", "AMBASSADOR", "AND",
    "ARMY", "ASSEMBLY", "ASSOCIATION", "AT", "ATTORNEY", "AUTHORITY", "BANK", "BATTALION", "BOARD",
    "BRIGADE", "BRIGADES", "BUREAU", "CABINET", "CELL", "CELLS", "CENTER", "CENTRE", "CHAMBER",
    "CHIEF", "CHURCH", "CITY", "COALITION", "COMMAND", "COMMANDER", "COMMISSION", "COMMITTEE",
    "COMPANY", "CONFERENCE", "CONGRESS", "CORP", "CORPORATION", "CORPS", "COUNCIL", "COURT",
    "DEPARTMENT", "DIRECTORATE", "DIVISION", "EMBASSY", "ENVOY", "FACTION", "FEDERATION", "FOR",
    "FORCE", "FORCES", "FOUNDATION", "FRONT", "FUND", "GOVERNMENT", "GROUP", "GUARD", "GUARDS",
    "HOUSE", "INC", "INSTITUTE", "INTERNATIONAL", "ISLAND", "ISLANDS", "JUNTA", "KINGDOM",
    "LEADER", "LEADERS", "LEADERSHIP", "LEAGUE", "LIBERATION", "LTD", "MILITIA", "MINISTER",
    "MINISTRY", "MISSION", "MOVEMENT", "NATIONAL", "NAVY", "NETWORK", "NUCLEI", "OF", "OFFICE",
    "OFFICIAL", "OFFICIALS", "ORGANISATION", "ORGANIZATION", "PARLIAMENT", "PARTY", "PEOPLE",
    "PEOPLES", "POLICE", "PRESIDENCY", "PRESIDENT", "PROGRAM", "PROGRAMME", "REGIME", "REPUBLIC",
    "RESISTANCE", "REVOLUTIONARY", "SECRETARIAT", "SECRETARY", "SENATE", "SERVICE", "SERVICES",
    "SOCIETY", "SOLDIERS", "SPOKESMAN", "SPOKESPERSON", "SPOKESWOMAN", "SQUAD", "STATE", "STATES",
    "TEAM", "THE", "TO", "TRIBUNAL", "TROOPS", "UNION", "UNIT", "UNITS", "UNIVERSITY", "VICE",
    "VICE-PRESIDENT", "WING", "WITH",
];

/// Words that make a phrase an organisation's name even when its code is only a region's.
#[rustfmt::skip]
const ORG_WORDS: &[&str] = &[
    "ALLIANCE", "ARMY", "BAND", "BRIGADE", "BRIGADES", "COLLECTIVE", "COMMITTEE", "COUNCIL",
    "FACTION", "FORCE",
    "FORCES", "FRONT", "GROUP", "LEAGUE", "MILITIA", "MOVEMENT", "ORGANISATION", "ORGANIZATION",
    "PARTY",
];

/// Words written in lower case inside a name: articles, prepositions and name particles.
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "ad", "al", "an", "and", "ar", "as", "ash", "at", "az", "bin", "bint", "da", "das", "de",
    "del", "della", "den", "der", "des", "di", "do", "dos", "du", "el", "for", "ibn", "in", "la",
    "le", "of", "on", "the", "to", "van", "von", "y",
];

/// Arabic articles: the word after `al-` keeps its capital ("al-Qaeda").
const ARTICLES: &[&str] = &["ad", "al", "an", "ar", "as", "ash", "at", "az", "el"];

/// Imports CAMEO `.actors` dictionaries (Phoenix.Countries, Phoenix.International,
/// Phoenix.MilNonState).
///
/// Each record (a head phrase with its synonyms and codes) becomes one entity, of a kind its
/// codes and phrases give: a country name coded with a state's id a state; a personal name
/// with dated or role codes a person (affiliation, role and offices with years from the
/// codes); international bodies, companies, armed groups and state institutions groups; and
/// other codes (territories, regions) places. The code in force last is the entity's
/// [`Entry::actor_code`] and every code is in its note.
///
/// A record of an entity the reference gazetteer (the built-in one by default) has, a state
/// by its code or another actor by its head phrase, becomes a merge row
/// ([`Entry::merge`]) with the reference entity's id and only the names it lacks, so that
/// layering the import adds names without a second Russia. A synonym of a state that
/// another reference entity has (Kabul, Chechnya) is left to it, and one that shares no
/// word stem with the state's names nor is spelled close to one becomes a place in that
/// state. Names are title-cased. See `gazetteers/README.md`, "CAMEO actor dictionaries", for
/// all the rules.
///
/// ```
/// use actorgraph::{CameoImporter, EntityKind, Importer};
///
/// let dict = "AFGHANISTAN_  [AFG]\n+AFGHAN_\n+KABUL_\n+TARIN_KOT_\nMOHAMMAD_QASIM_HALIMI_  # a comment\n\t[AFGJUD 20060101-20120101]\n\t[AFGGOV >20120102]\n";
/// let import = CameoImporter::new().import_reader("Afg.actors.txt", dict.as_bytes())?;
/// let (afg, tarin_kot, judge) = (&import.entries()[0], &import.entries()[1], &import.entries()[2]);
/// assert_eq!((afg.id(), afg.is_merge(), afg.actor_code()), ("AFG", true, Some("AFG")));
/// assert_eq!((tarin_kot.kind(), tarin_kot.country_id()), (EntityKind::Place, Some("AFG")));
/// assert_eq!((judge.kind(), judge.label()), (EntityKind::Person, "Mohammad Qasim Halimi"));
/// assert_eq!((judge.affiliation_id(), judge.role_name()), (Some("AFG"), Some("government")));
/// assert_eq!((judge.years(), judge.actor_code()), ((Some(2012), None), Some("AFGGOV")));
/// assert_eq!(judge.offices()[1].role(), "judiciary");
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CameoImporter {
    reference: Reference,
}

impl Default for CameoImporter {
    fn default() -> CameoImporter {
        CameoImporter::new()
    }
}

/// A code such as `[USAGOV 130201-170120]`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Code {
    code: String,
    dates: String,
    /// The first and last day, as `YYYYMMDD` numbers.
    start: Option<u32>,
    end: Option<u32>,
    /// True for `>DATE`: in force from then on.
    open: bool,
}

impl Code {
    /// Returns true if some 3-letter segment of the code is one of these codes.
    fn has_segment(&self, codes: &[&str]) -> bool {
        has_segment(&self.code, codes)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.dates.as_str() {
            "" => f.write_str(&self.code),
            dates => write!(f, "{} {}", self.code, dates),
        }
    }
}

/// Returns true if some 3-letter segment of a code (`USAGOVLEG` → `USA`, `GOV`, `LEG`) is one
/// of these codes.
fn has_segment(code: &str, codes: &[&str]) -> bool {
    (0..code.len() / 3).filter_map(|i| code.get(3 * i..3 * i + 3)).any(|s| codes.contains(&s))
}

/// One dictionary entry: head phrase first, then synonyms, and the codes.
#[derive(Debug, Default)]
struct Record {
    phrases: Vec<String>,
    codes: Vec<Code>,
    /// Set by a blank line: a head phrase after it starts a new entry even if this one has no
    /// code yet.
    closed: bool,
}

/// What a record maps to.
struct Mapping {
    kind: EntityKind,
    state: Option<String>,
    iso: Option<String>,
    /// A person's role in the code in force last, and its years.
    role: Option<String>,
    years: (Option<i32>, Option<i32>),
    /// A person's roles in the other codes, with their years.
    offices: Vec<Office>,
}

impl Mapping {
    fn new(kind: EntityKind, state: Option<String>) -> Mapping {
        Mapping { kind, state, iso: None, role: None, years: (None, None), offices: Vec::new() }
    }
}

/// Readable names of the agent codes a person's role has: "government" for `GOV`.
#[rustfmt::skip]
const ROLE_NAMES: &[(&str, &str)] = &[
    ("AGR", "agriculture"), ("BUS", "business"), ("COP", "police"), ("CRM", "crime"),
    ("CVL", "civilians"), ("DEV", "development"), ("EDU", "education"), ("ELI", "elite"),
    ("ENV", "environment"), ("GOV", "government"), ("HLH", "health"), ("HRI", "human rights"),
    ("INS", "insurgents"), ("JUD", "judiciary"), ("LAB", "labour"), ("LEG", "legislature"),
    ("MED", "media"), ("MIL", "military"), ("MOD", "moderates"), ("OPP", "opposition"),
    ("PTY", "party"), ("RAD", "radicals"), ("REB", "rebels"), ("REF", "refugees"),
    ("SEP", "separatists"), ("SPY", "intelligence"), ("UAF", "armed forces"),
];

impl CameoImporter {
    /// Creates an importer that refers to the built-in gazetteer's states and names.
    pub fn new() -> CameoImporter {
        CameoImporter { reference: Reference::new(&Gazetteer::builtin()) }
    }

    /// Refers to this gazetteer instead of the built-in one: its states decide which codes
    /// are states (and give their ISO codes), and its state and group names give the spelling
    /// of names it knows ("NATO", "al-Qaeda").
    pub fn reference(&mut self, gaz: &Gazetteer) -> &mut CameoImporter {
        self.reference = Reference::new(gaz);
        self
    }

    fn import_lines<R: BufRead>(&self, mut lines: Lines<R>) -> Result<Import> {
        let mut import = Import::default();
        let records = read_records(&mut lines, &mut import)?;
        let mut built = Built::default();
        for record in &records {
            match self.classify(record) {
                Ok(mapping) => self.add_record(record, mapping, &mut built, &mut import),
                Err(reason) => import.skip(reason, 1),
            }
        }
        if built.places > 0 {
            import.notes.push(format!(
                "{} synonyms of states that name no state were made places of their state",
                built.places
            ));
        }
        Ok(import)
    }

    /// Adds a record: as a merge row for the reference entity it names, to the entity of this
    /// import it repeats, or as a new entity.
    fn add_record(
        &self,
        record: &Record,
        mapping: Mapping,
        built: &mut Built,
        import: &mut Import,
    ) {
        let names = self.names(record, import);
        let Some(head) = names.first().cloned() else {
            return import.skip("entries with no usable name", 1);
        };
        let code = latest_code(&record.codes).unwrap_or_default();
        if let Some(target) = self.merge_target(&mapping, &head) {
            return self.merge_record(target, record, mapping, names, built, import);
        }
        let names = self.without_reference_names(names, import);
        let repeat = (mapping.kind, code.clone(), loose(&head));
        if let Some(&i) = built.by_name.get(&repeat) {
            import.skip(
                "entries that repeat an earlier entry's name and code (names added to it)",
                1,
            );
            return built.add_names(i, &names, false, import);
        }
        let Some(entry) = built.entry(&names, import) else { return };
        let id = built.ids.unique(&format!("cameo_{}", slug(&record.phrases[0])));
        let entry = finish_entry(Entry { id, ..entry }, mapping, &record.codes);
        built.push(entry, import);
    }

    /// Returns the id of the reference entity a record adds to: the state its code names, or
    /// the entity of the record's kind whose name its head phrase is.
    fn merge_target(&self, mapping: &Mapping, head: &str) -> Option<String> {
        if mapping.kind == EntityKind::State {
            if let Some(id) = &mapping.state {
                return Some(id.clone());
            }
        }
        match self.reference.owner(head) {
            Some((id, kind)) if kind == mapping.kind => Some(id.to_string()),
            _ => None,
        }
    }

    /// Adds a record's names to the merge row of reference entity `target`: the names it
    /// lacks that no other reference entity has. A synonym of a state that shares no word
    /// stem with the state's names becomes a place in that state.
    fn merge_record(
        &self,
        target: String,
        record: &Record,
        mut mapping: Mapping,
        names: Vec<String>,
        built: &mut Built,
        import: &mut Import,
    ) {
        let state = mapping.kind == EntityKind::State;
        let mut own = Vec::new();
        let mut places = Vec::new();
        for name in names {
            match self.reference.owner(&name) {
                Some((id, _)) if id == target => {}
                Some(_) => import.skip("names left to the reference entity that has them", 1),
                None if state && !self.names_the_state(&name, &target, record) => places.push(name),
                None => own.push(name),
            }
        }
        let i = match built.merges.get(&target) {
            Some(&i) => i,
            None => {
                let label = self.reference.label(&target).unwrap_or(&target).to_string();
                let row = Entry::new(target.clone(), mapping.kind, label).merge(true);
                // A reference person's offices are its own: the codes' roles would change
                // which holder a role mention ("the president") goes to.
                (mapping.role, mapping.offices) = (None, Vec::new());
                (mapping.state, mapping.iso) =
                    (if state { None } else { mapping.state.take() }, None);
                let row = finish_entry(row, mapping, &record.codes);
                built.merges.insert(target.clone(), import.entries.len());
                built.push(row, import);
                import.entries.len() - 1
            }
        };
        built.add_names(i, &own, state, import);
        let code = latest_code(&record.codes).unwrap_or_default();
        for name in places {
            built.places += 1;
            let Some(place) = built.entry(std::slice::from_ref(&name), import) else { continue };
            let id = built.ids.unique(&format!("cameo_{}", slug(&name)));
            let note =
                format!("CAMEO {code}: a synonym of {}", self.title_case(&record.phrases[0]));
            let place = Entry { id, ..place }.country(target.clone()).code(code.clone()).note(note);
            built.push(place, import);
        }
    }

    /// Returns true if a synonym of a state record is a name of that state: some word of it
    /// shares its stem (see [`stem`]) with a word of the state's names or the record's head
    /// phrase, words such as "Republic" and "North" aside.
    fn names_the_state(&self, name: &str, state: &str, record: &Record) -> bool {
        let head = self.title_case(&record.phrases[0]);
        let known = self.reference.state_names_of(state).iter().map(String::as_str);
        let known: Vec<&str> = known.chain([head.as_str()]).collect();
        let theirs: Vec<String> = known.iter().flat_map(|n| stems(n)).collect();
        stems(name).iter().any(|s| theirs.iter().any(|t| same_stem(s, t)))
            || known.iter().any(|n| close_spelling(name, n))
    }

    /// Leaves out the names a reference entity has: they stay with it.
    fn without_reference_names(&self, names: Vec<String>, import: &mut Import) -> Vec<String> {
        let (kept, taken): (Vec<String>, Vec<String>) =
            names.into_iter().partition(|n| self.reference.owner(n).is_none());
        import.skip("names left to the reference entity that has them", taken.len() as u64);
        kept
    }

    /// The names of a record as we write them: title-cased, without a leading "the", a
    /// parenthesised acronym after a name made a name of its own ("Japanese Red Army (JRA)"
    /// gives "Japanese Red Army" and "JRA"), and without repeats.
    fn names(&self, record: &Record, import: &mut Import) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for phrase in &record.phrases {
            if phrase.contains('\u{FFFD}') {
                import.skip("names with a replacement character (U+FFFD)", 1);
                continue;
            }
            let name = self.title_case(phrase);
            let name = match name.strip_prefix("the ") {
                Some(rest) if !rest.is_empty() => rest.to_string(),
                _ => name,
            };
            for name in split_acronym(&name) {
                if !name.chars().any(char::is_alphanumeric) {
                    import.skip("names with no letter or digit", 1);
                } else if !name.contains(' ')
                    && NOT_IN_NAMES.contains(&name.to_uppercase().as_str())
                {
                    // "President", "Senate": an office or body of many states, not a name.
                    import.skip("one-word names that are an office or organisation word", 1);
                } else if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// Decides the kind and attributes of a record from its codes and head phrase.
    fn classify(&self, record: &Record) -> std::result::Result<Mapping, &'static str> {
        let codes: Vec<&Code> = record.codes.iter().filter(|c| c.code != "---").collect();
        let Some(primary) = latest(&codes) else {
            return Err(if record.codes.is_empty() {
                "entries with no code"
            } else {
                "entries with only the null code [---]"
            });
        };
        let (state, rest) = self.split_code(&primary.code);
        let dated = codes.iter().any(|c| !c.dates.is_empty());
        let org_synonym = record.phrases.iter().any(|p| has_org_word(p));
        if Self::is_personal_name(&record.phrases[0], dated)
            && has_role(&codes, dated)
            && !org_synonym
        {
            let role = self.role_of(primary);
            let years = code_years(primary);
            let offices = codes
                .iter()
                .filter(|c| !std::ptr::eq(**c, primary))
                .filter_map(|c| {
                    let (from, to) = code_years(c);
                    Some(Office { role: self.role_of(c)?, from, to })
                })
                .collect();
            let mapping = Mapping::new(EntityKind::Person, state);
            return Ok(Mapping { role, years, offices, ..mapping });
        }
        Ok(self.by_code(record, &primary.code, state, rest))
    }

    /// The role a person's code gives: the readable name of its last agent code
    /// ([`ROLE_NAMES`]: `AFGGOV` gives "government"), the agent codes themselves if none has
    /// one, or the whole code if it names no state (`IGOUNO`). A state's code alone gives none.
    fn role_of(&self, code: &Code) -> Option<String> {
        let (state, rest) = self.split_code(&code.code);
        match state {
            Some(_) if rest.is_empty() => None,
            Some(_) => {
                let segments = (0..rest.len() / 3).rev().filter_map(|i| rest.get(3 * i..3 * i + 3));
                let named = segments
                    .filter_map(|seg| ROLE_NAMES.iter().find(|(c, _)| *c == seg))
                    .map(|(_, name)| name.to_string())
                    .next();
                Some(named.unwrap_or_else(|| rest.to_string()))
            }
            None => Some(code.code.clone()),
        }
    }

    /// Maps a record that is not a person by its main code.
    fn by_code(&self, record: &Record, code: &str, state: Option<String>, rest: &str) -> Mapping {
        let prefix = &code[..code.len().min(3)];
        let agent = |part: &str| has_segment(part, AGENTS);
        let kind = match &state {
            Some(id) if rest.is_empty() && self.names_state(record, id) => {
                let iso = self.reference.state_iso(id).filter(|iso| !iso.is_empty());
                return Mapping {
                    iso: iso.map(String::from),
                    ..Mapping::new(EntityKind::State, Some(id.clone()))
                };
            }
            Some(_) if rest.is_empty() || !agent(rest) => EntityKind::Place,
            Some(_) => EntityKind::Group,
            None if rest.is_empty() && FORMER_STATES.contains(&prefix) => EntityKind::State,
            None if NON_STATE.contains(&prefix) || agent(prefix) || agent(rest) => {
                EntityKind::Group
            }
            None if has_org_word(&record.phrases[0]) => EntityKind::Group,
            None => EntityKind::Place,
        };
        Mapping::new(kind, state)
    }

    /// Splits a code into the id of the state it starts with (if any) and the rest.
    fn split_code<'c>(&self, code: &'c str) -> (Option<String>, &'c str) {
        if code.len() < 3 || !code.is_char_boundary(3) {
            return (None, code);
        }
        let (prefix, rest) = code.split_at(3);
        let legacy = LEGACY_CODES.iter().find(|(old, _)| *old == prefix).map(|(_, new)| *new);
        let id = legacy.unwrap_or(prefix);
        match self.reference.state_iso(id) {
            Some(_) => (Some(id.to_string()), rest),
            None => (None, rest),
        }
    }

    /// Returns true if a phrase of the record is a name of the state with this id.
    fn names_state(&self, record: &Record, id: &str) -> bool {
        record.phrases.iter().any(|p| self.reference.state_named(&words(p).join(" ")) == Some(id))
    }

    /// Returns true if a phrase looks like a personal name: two to twelve words besides
    /// particles such as "al" and "bin" (one is enough if the codes are dated), no digits,
    /// and no word of an organisation or office.
    fn is_personal_name(phrase: &str, dated: bool) -> bool {
        let words = words(phrase);
        let cores: Vec<String> = words
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_uppercase())
            .collect();
        let counted = cores.iter().filter(|c| !PARTICLES.contains(&c.to_lowercase().as_str()));
        let min = if dated { 1 } else { 2 };
        (min..=12).contains(&counted.count())
            && cores.iter().all(|core| {
                !core.is_empty()
                    && !core.chars().any(|c| c.is_ascii_digit())
                    && !core.starts_with("ANTI-")
                    && !NOT_IN_NAMES.contains(&core.as_str())
            })
    }

    /// Writes a CAMEO phrase (upper case, words joined by '_') in the case our names use.
    fn title_case(&self, phrase: &str) -> String {
        let words = words(phrase);
        let joined = words.join(" ");
        if let Some(known) = self.reference.spelling(&joined) {
            return known.to_string();
        }
        if words.len() == 1 && is_short_acronym(words[0]) {
            return words[0].to_string();
        }
        words.iter().map(|w| self.title_word(w)).collect::<Vec<_>>().join(" ")
    }

    fn title_word(&self, word: &str) -> String {
        let Some(start) = word.find(char::is_alphanumeric) else { return word.to_string() };
        let last = word.char_indices().rev().find(|(_, c)| c.is_alphanumeric());
        let end = last.map_or(word.len(), |(i, c)| i + c.len_utf8());
        let (before, core, after) = (&word[..start], &word[start..end], &word[end..]);
        let letters = core.chars().filter(|c| c.is_alphabetic()).count();
        let keep_upper = (before.ends_with('(') && (2..=5).contains(&letters))
            || is_initials(core)
            || is_roman(core)
            || self.reference.spelling(core).is_some_and(is_acronym);
        let core = if keep_upper {
            core.to_string()
        } else if PARTICLES.contains(&core.to_lowercase().as_str()) {
            core.to_lowercase()
        } else {
            title_hyphenated(core)
        };
        format!("{before}{core}{after}")
    }
}

/// What the records of one dictionary have become so far: the entries' names and ids, the
/// merge row of each reference entity, and the entries by name and code.
#[derive(Default)]
struct Built {
    claims: Claims,
    ids: Ids,
    /// Reference entity id → index of its merge row in the import's entries.
    merges: HashMap<String, usize>,
    /// (kind, code, [`loose`] name) → index of the entry with that name.
    by_name: HashMap<(EntityKind, String, String), usize>,
    /// How many synonyms of states became places.
    places: u64,
}

impl Built {
    /// Makes an entry (with an empty id, of kind place until [`finish_entry`]) of the names no
    /// earlier entry claimed. Returns `None` if none is left.
    fn entry(&mut self, names: &[String], import: &mut Import) -> Option<Entry> {
        let who = import.entries.len();
        let names: Vec<&String> = names.iter().filter(|n| self.claim(n, who, import)).collect();
        let Some((label, others)) = names.split_first() else {
            import.skip("entries whose every name belongs to an earlier entry", 1);
            return None;
        };
        let mut entry = Entry::new("", EntityKind::Place, label.as_str());
        for name in others {
            entry = entry.alias(name);
        }
        Some(entry)
    }

    fn claim(&mut self, name: &str, who: usize, import: &mut Import) -> bool {
        let claimed = self.claims.claim(name, who);
        if !claimed {
            import.skip("names already claimed by an earlier entry", 1);
        }
        claimed
    }

    /// Adds an entry, indexing its names.
    fn push(&mut self, entry: Entry, import: &mut Import) {
        let i = import.entries.len();
        self.index(&entry, i);
        import.entries.push(entry);
    }

    fn index(&mut self, entry: &Entry, i: usize) {
        if entry.merge {
            return;
        }
        let code = entry.code.clone().unwrap_or_default();
        for alias in &entry.aliases {
            let key = (entry.kind, code.clone(), loose(alias.text()));
            self.by_name.entry(key).or_insert(i);
        }
    }

    /// Adds the names no other entry claimed to entry `i`; with `demonyms`, a one-word name
    /// such as "Afghanian" as an adjective.
    fn add_names(&mut self, i: usize, names: &[String], demonyms: bool, import: &mut Import) {
        for name in names {
            if self.claim(name, i, import) {
                let entry = &mut import.entries[i];
                entry.push_alias(Alias::parse(name, demonyms && is_demonym(name)));
            }
        }
        let entry = import.entries[i].clone();
        self.index(&entry, i);
    }
}

/// A name as [`Built`] compares records: lower case, without parenthesised parts, with
/// hyphens, dots and apostrophes read as spaces ("Harkat Ul-ansar" and "Harkat ul Ansar").
fn loose(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '-' | '.' | '\'' | '’' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits "Japanese Red Army (JRA)" into the name and its acronym; other names stay whole.
fn split_acronym(name: &str) -> Vec<String> {
    let name = name.trim();
    if name.is_empty() {
        return Vec::new();
    }
    let split =
        name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")).filter(|(outer, inner)| {
            let letters = inner.chars().filter(|c| c.is_ascii_uppercase()).count();
            !outer.trim().is_empty()
                && letters >= 2
                && inner.len() <= 8
                && inner.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
        });
    match split {
        Some((outer, inner)) => vec![outer.trim().to_string(), inner.to_string()],
        None => vec![name.to_string()],
    }
}

/// Words of state names that say nothing of which state it is.
#[rustfmt::skip]
const GENERIC_WORDS: &[&str] = &[
    "and", "arab", "bolivarian", "central", "city", "commonwealth", "democratic", "duchy",
    "east", "eastern", "emirate", "emirates", "federal", "federation", "grand", "great",
    "independent", "islamic", "island", "islands", "kingdom", "new", "north", "northern", "of",
    "people's", "peoples", "plurinational", "principality", "republic", "saint", "socialist",
    "south", "southern", "st", "state", "states", "sultanate", "the", "united", "west",
    "western",
];

/// The stems of a name's words: each word's first letter and the consonants after it, three
/// letters at most ("Russia", "Rossiya" and "Russland" give `rss`; "Afghan" gives `afg`).
/// Generic words ("Republic", "North") and words of fewer than three letters have none.
fn stems(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.to_lowercase())
        .filter(|w| !GENERIC_WORDS.contains(&w.as_str()))
        .filter_map(|w| {
            let letters: Vec<char> = w.chars().filter(char::is_ascii_lowercase).collect();
            let (first, rest) = letters.split_first()?;
            let stem: String = std::iter::once(*first)
                .chain(rest.iter().copied().filter(|c| !"aeiouy".contains(*c)))
                .take(3)
                .collect();
            (letters.len() >= 3 && stem.len() >= 2).then_some(stem)
        })
        .collect()
}

/// Returns true if two names are at most two letters apart and at most a third of the
/// longer one's letters ("Jemen" and "Yemen", "Ijsland" and "Iceland").
fn close_spelling(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) =
        (a.to_lowercase().chars().collect(), b.to_lowercase().chars().collect());
    let longer = a.len().max(b.len());
    if longer.abs_diff(a.len().min(b.len())) > 2 {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            (prev, row[j + 1]) = (row[j + 1], next);
        }
    }
    let distance = row[b.len()];
    distance <= 2 && 3 * distance <= longer
}

/// Two stems are one when one starts the other ("rs" of "Reosia" and `rss`).
fn same_stem(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// Returns true for a one-word name with a demonym's ending ("Congolese", "Russian").
fn is_demonym(name: &str) -> bool {
    let lower = name.to_lowercase();
    !name.contains(' ')
        && !lower.ends_with("stan")
        && ["ian", "ean", "ese", "ish", "ians", "eans"].iter().any(|end| lower.ends_with(end))
}

/// The code in force last (see [`latest`]), if the record has one besides `[---]`.
fn latest_code(codes: &[Code]) -> Option<String> {
    let codes: Vec<&Code> = codes.iter().filter(|c| c.code != "---").collect();
    latest(&codes).map(|c| c.code.clone())
}

/// Sets what the mapping says, and a note listing the codes.
fn finish_entry(mut entry: Entry, mapping: Mapping, codes: &[Code]) -> Entry {
    entry.kind = mapping.kind;
    match mapping.kind {
        EntityKind::Person | EntityKind::Group => entry.affiliation = mapping.state,
        EntityKind::Place => entry.country = mapping.state,
        EntityKind::State => entry.iso = mapping.iso,
    }
    if let Some(role) = mapping.role {
        entry = entry.role(role, mapping.years.0, mapping.years.1);
    }
    for office in mapping.offices {
        entry.push_office(office);
    }
    if let Some(code) = latest_code(codes) {
        entry = entry.code(code);
    }
    let codes: Vec<String> = codes.iter().map(Code::to_string).collect();
    entry.note(format!("CAMEO {}", codes.join(", ")))
}

/// The code in force last: the open-ended one that starts last, else the one that ends last,
/// else the last undated one.
fn latest<'c>(codes: &[&'c Code]) -> Option<&'c Code> {
    let recency = |c: &Code| match (c.open, c.end, c.start) {
        (true, _, start) => (u32::MAX, start.unwrap_or(0)),
        (false, Some(end), _) => (end, 0),
        (false, None, Some(start)) => (start, 0),
        (false, None, None) => (0, 0),
    };
    let mut best: Option<&Code> = None;
    for &code in codes {
        if best.is_none_or(|b| recency(code) >= recency(b)) {
            best = Some(code);
        }
    }
    best
}

/// The first and last year of a code (`None` for the last if it is open-ended).
fn code_years(code: &Code) -> (Option<i32>, Option<i32>) {
    let year = |date: u32| (date / 10_000) as i32;
    (code.start.map(year), if code.open { None } else { code.end.map(year) })
}

/// Returns true if the codes give a person's role: some code has a person's agent code
/// (`GOV`, `ELI`, ...), or the codes are dated and some has an agent code or belongs to an
/// international body or non-governmental organisation.
fn has_role(codes: &[&Code], dated: bool) -> bool {
    codes.iter().any(|c| {
        c.has_segment(PERSON_AGENTS)
            || (dated
                && (c.has_segment(AGENTS)
                    || c.code.starts_with("IGO")
                    || c.code.starts_with("NGO")))
    })
}

/// Returns true if a phrase has a word such as "Army" or "Front".
fn has_org_word(phrase: &str) -> bool {
    words(phrase).iter().any(|w| ORG_WORDS.contains(&w.to_uppercase().as_str()))
}

/// Splits a phrase into words at underscores and white space.
fn words(phrase: &str) -> Vec<&str> {
    phrase.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect()
}

/// Returns true for a one-word phrase to keep in capitals: 2 or 3 letters ("UN", "PLA"), or 4
/// or 5 letters with no vowel ("NKVD").
fn is_short_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let vowel = word.chars().any(|c| "AEIOUY".contains(c));
    word.chars().all(|c| c.is_ascii_uppercase() || c == '.' || c == '&')
        && ((2..=3).contains(&letters) || ((4..=5).contains(&letters) && !vowel))
}

/// Returns true for initials such as "U.S" or "U.N" (the last dot is outside the core).
fn is_initials(core: &str) -> bool {
    core.contains('.') && core.split('.').all(|part| part.chars().count() <= 1)
}

/// Returns true for a Roman numeral of two to four letters ("II", "XIV").
fn is_roman(core: &str) -> bool {
    (2..=4).contains(&core.len()) && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Title-cases a word: its first letter upper, the rest lower. Parts after a hyphen stay
/// lower case (so "Ki-moon" also matches "Ki-Moon") unless they follow an Arabic article
/// ("al-Qaeda").
fn title_hyphenated(word: &str) -> String {
    let mut out = String::new();
    let mut after_article = false;
    for (i, part) in word.split('-').enumerate() {
        let lower = part.to_lowercase();
        if i > 0 {
            out.push('-');
        }
        let article = ARTICLES.contains(&lower.as_str());
        if (i == 0 && article) || (i > 0 && !after_article) {
            out.push_str(&lower);
        } else {
            out.push_str(&title(&lower));
        }
        after_article = article;
    }
    out
}

/// Upper-cases the first letter of a lower-case word; `d'` and `l'` stay lower case.
fn title(lower: &str) -> String {
    for prefix in ["d'", "l'"] {
        if let Some(rest) = lower.strip_prefix(prefix).filter(|r| !r.is_empty()) {
            return format!("{prefix}{}", title(rest));
        }
    }
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Why an agents dictionary (`Phoenix.agents.txt`) is refused: its entries are role nouns, not
/// actors, and the event extractor's role nouns are built in.
const AGENTS_FILE: &str = "this is a CAMEO agents dictionary (role nouns with agent codes such \
as \"FARMER [~AGR]\"), not an actors dictionary; --from cameo reads actor dictionaries \
(.actors files such as Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and \
Phoenix.MilNonState.actors.txt), and actorgraph has no place for imported role nouns (the \
event extractor's are built in)";

/// Reads the records of a dictionary.
fn read_records<R: BufRead>(lines: &mut Lines<R>, import: &mut Import) -> Result<Vec<Record>> {
    let mut records: Vec<Record> = Vec::new();
    while let Some(lineno) = lines.next_line()? {
        let line = lines.line();
        let body = line.split('#').next().unwrap_or("");
        if body.trim().is_empty() {
            if line.trim().is_empty() {
                records.last_mut().into_iter().for_each(|r| r.closed = true);
            }
            continue;
        }
        if body.contains("[~") {
            return Err(lines.error(lineno, AGENTS_FILE));
        }
        let origin = format!("{}:{}", lines.source(), lineno);
        let (phrase, codes) = match body.find('[') {
            Some(i) => (body[..i].trim(), parse_codes(&body[i..], &origin, import)),
            None => (body.trim(), Vec::new()),
        };
        add_line(&mut records, phrase, codes, &origin, import);
    }
    Ok(records)
}

/// Adds one line's phrase and codes to the records.
fn add_line(
    records: &mut Vec<Record>,
    phrase: &str,
    codes: Vec<Code>,
    origin: &str,
    import: &mut Import,
) {
    let synonym = phrase.strip_prefix('+').map(str::trim);
    if phrase.is_empty() || synonym.is_some() {
        let Some(record) = records.last_mut() else {
            import.notes.push(format!("{origin}: a code or synonym before any head phrase"));
            return import.skip("lines before any head phrase", 1);
        };
        record.phrases.extend(synonym.filter(|s| !s.is_empty()).map(String::from));
        record.codes.extend(codes);
        return;
    }
    match records.last_mut() {
        Some(record) if codes.is_empty() && record.codes.is_empty() && !record.closed => {
            record.phrases.push(phrase.to_string());
        }
        _ => records.push(Record { phrases: vec![phrase.to_string()], codes, closed: false }),
    }
}

/// Parses the `[CODE dates]` groups of a line. Malformed codes are noted and left out; a code
/// with unreadable dates is noted and kept without them.
fn parse_codes(text: &str, origin: &str, import: &mut Import) -> Vec<Code> {
    let mut codes = Vec::new();
    for group in text.split('[').skip(1) {
        let Some((inner, _)) = group.split_once(']') else {
            import.notes.push(format!("{origin}: unclosed code \"[{}\"", group.trim()));
            import.skip("malformed codes", 1);
            continue;
        };
        let (code, problem) = parse_code(inner);
        if let Some(msg) = problem {
            import.notes.push(format!("{origin}: {msg} in \"[{inner}]\""));
            import.skip(
                if code.is_some() {
                    "unreadable dates (the code is kept without them)"
                } else {
                    "malformed codes"
                },
                1,
            );
        }
        codes.extend(code);
    }
    codes
}

/// Parses `USAGOV 130201-170120`, `USAGOV >130201`, `USAGOV <130201`, `USAGOV` or `---`.
/// Returns the code (`None` if it is malformed) and the problem to note, if any.
fn parse_code(inner: &str) -> (Option<Code>, Option<String>) {
    let inner = inner.trim();
    let (code, dates) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let valid = code == "---"
        || (!code.is_empty() && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
    if !valid {
        return (None, Some(format!("malformed code \"{code}\"")));
    }
    let dates: String = dates.split_whitespace().collect();
    let mut parsed = Code { code: code.to_string(), dates, start: None, end: None, open: false };
    let problem = read_dates(&mut parsed).err();
    if problem.is_some() {
        (parsed.start, parsed.end, parsed.open) = (None, None, false);
    }
    (Some(parsed), problem)
}

/// Reads a code's dates: `>DATE` (from then on), `<DATE` (until then), `DATE-DATE`, or a
/// bare `DATE`, read as `>DATE`.
fn read_dates(code: &mut Code) -> std::result::Result<(), String> {
    let dates = code.dates.clone();
    if let Some(date) = dates.strip_prefix('>') {
        (code.start, code.open) = (Some(parse_date(date)?), true);
    } else if let Some(date) = dates.strip_prefix('<') {
        code.end = Some(parse_date(date)?);
    } else if let Some((start, end)) = dates.split_once('-') {
        (code.start, code.end) = (Some(parse_date(start)?), Some(parse_date(end)?));
    } else if !dates.is_empty() {
        (code.start, code.open) = (Some(parse_date(&dates)?), true);
    }
    Ok(())
}

/// Reads a CAMEO date, `YYMMDD` (years below 30 are 20xx) or `YYYYMMDD`, as a `YYYYMMDD`
/// number.
fn parse_date(date: &str) -> std::result::Result<u32, String> {
    let unreadable = || format!("unreadable date \"{date}\"");
    if !date.chars().all(|c| c.is_ascii_digit()) {
        return Err(unreadable());
    }
    match date.len() {
        6 => {
            let value: u32 = date.parse().map_err(|_| unreadable())?;
            Ok(value + if value < 300_000 { 20_000_000 } else { 19_000_000 })
        }
        8 => date.parse().map_err(|_| unreadable()),
        _ => Err(unreadable()),
    }
}

impl Importer for CameoImporter {
    fn import_reader<R: BufRead>(&self, name: &str, rdr: R) -> Result<Import> {
        self.import_lines(open_lines(name, rdr)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Imports with the built-in gazetteer as the reference.
    fn import(text: &str) -> Import {
        CameoImporter::new().import_reader("x.actors", text.as_bytes()).unwrap()
    }

    /// A reference of a few states only, so that nothing merges but states.
    const STATES: &str = "id\tkind\tlabel\taliases\tadjectives\tiso\n\
AFG\tstate\tAfghanistan\t\tAfghan\tAF\nUSA\tstate\tUnited States\t\tAmerican\tUS\n\
ZWE\tstate\tZimbabwe\t\t\tZW\nNGA\tstate\tNigeria\t\t\tNG\nXKX\tstate\tKosovo\t\t\tXK\n\
TLS\tstate\tTimor-Leste\tEast Timor\t\tTL\nKOR\tstate\tSouth Korea\t\t\tKR\n";

    /// Imports with [`STATES`] as the reference.
    fn import_bare(text: &str) -> Import {
        let gaz = Gazetteer::builder().add_str("states.tsv", STATES).unwrap().build().unwrap();
        let mut importer = CameoImporter::new();
        importer.reference(&gaz);
        importer.import_reader("x.actors", text.as_bytes()).unwrap()
    }

    /// Builds the built-in gazetteer with an import layered on it, through its file.
    fn layered(import: &Import) -> Gazetteer {
        let mut out = Vec::new();
        import.write_tsv(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        Gazetteer::builder().add_builtin().add_str("cameo.tsv", &text).unwrap().build().unwrap()
    }

    /// (id, kind, label, other names) of every entry.
    fn summary(import: &Import) -> Vec<(&str, EntityKind, &str, Vec<&str>)> {
        import.entries().iter().map(|e| (e.id(), e.kind(), e.label(), others(e))).collect()
    }

    fn others(entry: &Entry) -> Vec<&str> {
        entry.aliases()[1..].iter().map(|a| a.text()).collect()
    }

    fn skipped(import: &Import) -> Vec<(&str, u64)> {
        import.skipped().collect()
    }

    fn entry<'i>(import: &'i Import, id: &str) -> &'i Entry {
        import.entries().iter().find(|e| e.id() == id).unwrap_or_else(|| panic!("no {id}"))
    }

    #[test]
    fn heads_synonyms_codes_and_comments() {
        let text = "# header comment\n\
AFGHANISTAN_  [AFG]\n+AFGHAN_ \n+KABUL_  # the capital\n\n\
HAMID_KARZAI_  # CountryInfo.txt\nPRESIDENT_KARZAI\n+KARZAI_\n\t[AFGELI 750101-011221]\n\t[AFGGOV >011222]\n\
ASHRAF_GHANI_\n\t[AFGGOV >20140929]\n";
        let import = import_bare(text);
        assert_eq!(
            summary(&import),
            [
                ("AFG", EntityKind::State, "Afghanistan", vec![]),
                ("cameo_kabul", EntityKind::Place, "Kabul", vec![]),
                (
                    "cameo_hamid_karzai",
                    EntityKind::Person,
                    "Hamid Karzai",
                    vec!["President Karzai", "Karzai"]
                ),
                ("cameo_ashraf_ghani", EntityKind::Person, "Ashraf Ghani", vec![]),
            ]
        );
        let afg = entry(&import, "AFG");
        assert!(afg.is_merge());
        assert_eq!((afg.actor_code(), afg.note_text()), (Some("AFG"), Some("CAMEO AFG")));
        let kabul = entry(&import, "cameo_kabul");
        assert_eq!((kabul.country_id(), kabul.actor_code()), (Some("AFG"), Some("AFG")));
        let karzai = entry(&import, "cameo_hamid_karzai");
        assert_eq!(
            (karzai.affiliation_id(), karzai.role_name(), karzai.years()),
            (Some("AFG"), Some("government"), (Some(2001), None))
        );
        let offices: Vec<_> = karzai.offices().iter().map(|o| (o.role(), o.years())).collect();
        assert_eq!(
            offices,
            [("government", (Some(2001), None)), ("elite", (Some(1975), Some(2001)))]
        );
        assert_eq!(karzai.actor_code(), Some("AFGGOV"));
        assert_eq!(karzai.note_text(), Some("CAMEO AFGELI 750101-011221, AFGGOV >011222"));
        assert_eq!(
            import.notes(),
            ["1 synonyms of states that name no state were made places of their state"]
        );
        assert!(skipped(&import).is_empty());
    }

    #[test]
    fn a_blank_line_ends_an_entry_without_code() {
        let text = "UN_ [IGOUNO]\nU.N._\n\nUN_SECRETARY_GENERAL\n+UNSG\n\t[IGOUNO]\n[---]\nINDIAN_OCEAN [---]\n";
        let import = import(text);
        let labels: Vec<_> = import.entries().iter().map(|e| e.label()).collect();
        assert_eq!(labels, ["United Nations", "UN Secretary General"]);
        assert_eq!(
            skipped(&import),
            [("entries with no code", 1), ("entries with only the null code [---]", 1)]
        );
    }

    #[test]
    fn codes_map_to_kinds() {
        let text = "AMERICAN_SAMOA_  [USAASM]\nKANDAHAR_CITY [AFG]\nBERMUDA_ [BMU]\nSOVIET_UNION_ [SUN]\n\
WHITE_HOUSE_ [USAGOV]\nDEPARTMENT_OF_STATE [USAGOVLEG]\nAMNESTY_INTERNATIONAL_ [NGOHRI]\nA._SCHULMAN_ [MNCUSA]\n\
THOKOZANI_KHUPE_ [ZWEGOV]\nBOKO_HARAM_ [NGAREB]\nRED_ARMY_FACTION_ [WEU]\nKOSOVO_ASSEMBLY [KSVGOVLEG]\n\
KOFI_ANNAN_\n\t[IGOUNO 970101-061231]\n\t[ELI]\nEAST_TIMOR [TMP]\n";
        let import = import_bare(text);
        let kinds: Vec<_> = import
            .entries()
            .iter()
            .map(|e| (e.label(), e.kind(), e.affiliation_id().or(e.country_id()), e.role_name()))
            .collect();
        use EntityKind::*;
        assert_eq!(
            kinds,
            [
                ("American Samoa", Place, Some("USA"), None),
                ("Kandahar City", Place, Some("AFG"), None),
                ("Bermuda", Place, None, None),
                ("Soviet Union", State, None, None),
                ("White House", Group, Some("USA"), None),
                ("Department of State", Group, Some("USA"), None),
                ("Amnesty International", Group, None, None),
                ("A. Schulman", Group, None, None),
                ("Thokozani Khupe", Person, Some("ZWE"), Some("government")),
                ("Boko Haram", Group, Some("NGA"), None),
                ("Red Army Faction", Group, None, None),
                ("Kosovo Assembly", Group, Some("XKX"), None),
                ("Kofi Annan", Person, None, Some("IGOUNO")),
                ("Timor-Leste", State, None, None),
            ]
        );
        let annan = entry(&import, "cameo_kofi_annan");
        assert_eq!(annan.years(), (Some(1997), Some(2006)));
        let timor = entry(&import, "TLS");
        assert_eq!((timor.is_merge(), timor.actor_code()), (true, Some("TMP")));
    }

    #[test]
    fn dates() {
        let code = |text: &str| parse_code(text).0.unwrap();
        let c = code("USAGOV 130201-170120");
        assert_eq!((c.start, c.end, c.open), (Some(20130201), Some(20170120), false));
        let c = code("RUSGOV 19390322-641116");
        assert_eq!((c.start, c.end), (Some(19390322), Some(19641116)));
        let c = code("AFGGOV > 011222");
        assert_eq!(
            (c.start, c.end, c.open, c.dates.as_str()),
            (Some(20011222), None, true, ">011222")
        );
        let c = code("HTIOPPMED <061231");
        assert_eq!((c.start, c.end, c.open), (None, Some(20061231), false));
        let c = code("MNEGOV 20121204");
        assert_eq!((c.start, c.open), (Some(20121204), true));
        assert_eq!(code("---").code, "---");
        let (c, problem) = parse_code("ARMUNR 9008223-911221");
        assert_eq!(
            (c.unwrap().start, problem.as_deref()),
            (None, Some("unreadable date \"9008223\""))
        );
        assert_eq!(parse_code("usa").1.as_deref(), Some("malformed code \"usa\""));
    }

    #[test]
    fn bad_codes_are_noted_with_file_and_line() {
        let text = "X_Y_\n\t[XYZGOV 2004017-20061201]\nP_Q_ [usa] [PQR\n";
        let import = import(text);
        assert_eq!(
            import.notes(),
            [
                "x.actors:2: unreadable date \"2004017\" in \"[XYZGOV 2004017-20061201]\"",
                "x.actors:3: malformed code \"usa\" in \"[usa]\"",
                "x.actors:3: unclosed code \"[PQR\""
            ]
        );
        assert_eq!(
            skipped(&import),
            [
                ("entries with no code", 1),
                ("malformed codes", 2),
                ("unreadable dates (the code is kept without them)", 1)
            ]
        );
        assert_eq!(import.entries()[0].kind(), EntityKind::Person);
    }

    #[test]
    fn duplicate_names_go_to_the_first_entry() {
        let text = "UNITED_NATIONS_ [IGOUNO]\n+UN_\nUN_ [IGOUNO]\n+U.N._\nTHE_UNITED_NATIONS_ [IGOUNO]\n+UN\n\
UN_ [IGOUNOWFP]\n+U.N._\nCOTE_D\u{FFFD}IVOIRE_ [CIV]\n";
        let import = import_bare(text);
        // "UN" repeats the first record's name and code: its names go to it; the same name
        // with another code is an entry of its own, with the names left.
        assert_eq!(
            summary(&import),
            [("cameo_united_nations", EntityKind::Group, "United Nations", vec!["UN", "U.N."])]
        );
        assert_eq!(
            skipped(&import),
            [
                ("entries that repeat an earlier entry's name and code (names added to it)", 2),
                ("entries whose every name belongs to an earlier entry", 1),
                ("entries with no usable name", 1),
                ("names already claimed by an earlier entry", 2),
                ("names with a replacement character (U+FFFD)", 1)
            ]
        );
    }

    #[test]
    fn r11_no_second_russia_and_its_adjectives_are_kept() {
        let text = "RUSSIAN_FEDERATION_  [RUS]\n+RUSSIAN\n+RUSSIA_\n+ROSSIYA_\n+RUSSLAND_\n+MOSCOW_\n\
+CHECHNYA_\n+STARAYA_KUPAVNA_\n+VOLGA_RIVER_\nRUSSIA_ [RUS]\n+POCCNR_\n";
        let import = import(text);
        let rus = entry(&import, "RUS");
        assert!(rus.is_merge());
        assert_eq!((rus.label(), rus.actor_code()), ("Russia", Some("RUS")));
        // Only the names the built-in Russia lacks; Moscow and Chechnya stay with theirs.
        assert_eq!(others(rus), ["Rossiya", "Russland"]);
        let places: Vec<_> = import
            .entries()
            .iter()
            .filter(|e| e.kind() == EntityKind::Place)
            .map(|e| (e.label(), e.country_id()))
            .collect();
        assert_eq!(places, [("Staraya Kupavna", Some("RUS")), ("Poccnr", Some("RUS"))]);
        let builtin = Gazetteer::builtin();
        let gaz = layered(&import);
        let states = |g: &Gazetteer| g.entries().filter(|e| e.kind() == EntityKind::State).count();
        assert_eq!(states(&gaz), states(&builtin));
        let matcher = crate::Matcher::new(&gaz).unwrap();
        let haystack = "Russian troops left Moscow for Chechnya; Rossiya said.";
        let found: Vec<_> = matcher
            .find_all(haystack)
            .iter()
            .map(|m| (gaz.get(m.entity()).unwrap().id(), m.is_adjectival()))
            .collect();
        let id = |name: &str| {
            let e = builtin.get(builtin.lookup(name).unwrap()).unwrap();
            e.id().to_string()
        };
        assert_eq!(found[0], ("RUS", true));
        assert_eq!(found[3], ("RUS", false));
        assert_eq!(found[1].0, id("moscow"));
        assert_eq!(gaz.get(gaz.lookup("RUS").unwrap()).unwrap().actor_code(), Some("RUS"));
    }

    #[test]
    fn r11_cities_stay_places_of_their_state() {
        let text = "AFGHANISTAN_  [AFG]\n+AFGHAN_\n+AFGHANESTAN_\n+AFGHANIAN_\n+KABUL_\n+TARIN_KOT_\n\
+JEMEN_\nYEMEN_ [YEM]\n+JEMEN_\n";
        let import = import(text);
        let afg = entry(&import, "AFG");
        let names: Vec<_> =
            afg.aliases()[1..].iter().map(|a| (a.text(), a.is_adjectival())).collect();
        assert_eq!(names, [("Afghanestan", false), ("Afghanian", true)]);
        let spin = entry(&import, "cameo_tarin_kot");
        assert_eq!((spin.kind(), spin.country_id()), (EntityKind::Place, Some("AFG")));
        assert_eq!(spin.note_text(), Some("CAMEO AFG: a synonym of Afghanistan"));
        let gaz = layered(&import);
        let kabul = gaz.get(gaz.lookup("kabul").unwrap()).unwrap();
        assert_eq!((kabul.kind(), kabul.country_id()), (EntityKind::Place, Some("AFG")));
        let matcher = crate::Matcher::new(&gaz).unwrap();
        let ids: Vec<_> = matcher
            .find_all("From Kabul to Tarin Kot")
            .iter()
            .map(|m| gaz.get(m.entity()).unwrap().id())
            .collect();
        assert_eq!(ids, ["kabul", "cameo_tarin_kot"]);
    }

    #[test]
    fn r11_the_un_is_the_built_in_un() {
        let text = "THE_UNITED_NATIONS_ [IGOUNO]\nUN_ [IGOUNO]\nU.N._\n\nUNITED_NATIONS_\t[IGOUNO]\n\
THE_UN_\t[IGOUNO]\nUN_SECRETARY_GENERAL\n+UNSG\n\t[IGOUNO]\n";
        let import = import(text);
        let ids: Vec<_> = import.entries().iter().map(|e| (e.id(), e.is_merge())).collect();
        assert_eq!(ids, [("united_nations", true), ("cameo_un_secretary_general", false)]);
        let gaz = layered(&import);
        let un = gaz.lookup("united_nations").unwrap();
        assert_eq!(gaz.get(un).unwrap().actor_code(), Some("IGOUNO"));
        let matcher = crate::Matcher::new(&gaz).unwrap();
        let found = matcher.find_all("the UN, the United Nations and the U.N. met");
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|m| m.entity() == un), "{found:?}");
    }

    #[test]
    fn r11_kinds_of_groups_and_spelling_variants() {
        let text = "PUSSY_RIOT\n+RUSSIAN_PUNK_GROUP_PUSSY_RIOT\n+MARIA_ALYOKHINA\n\t[RUSOPP]\n\
JAPANESE_RED_ARMY_(JRA)_ [INTREB]\n+ANTI-IMPERIALIST_INTERNATIONAL_BRIGADE_\n\
JAPANESE_RED_ARMY_ [INTREB]\n+JRA_\n+RENGO_SEKIGUN\n\
HARKAT_UL-ANSAR [SASREB]\nHARKAT_UL_ANSAR [SASREB]\n";
        let import = import(text);
        assert_eq!(
            summary(&import),
            [
                (
                    "cameo_pussy_riot",
                    EntityKind::Group,
                    "Pussy Riot",
                    vec!["Russian Punk Group Pussy Riot", "Maria Alyokhina"]
                ),
                (
                    "japanese_red_army",
                    EntityKind::Group,
                    "Japanese Red Army",
                    vec!["JRA", "Anti-imperialist International Brigade", "Rengo Sekigun"]
                ),
                (
                    "cameo_harkat_ul_ansar",
                    EntityKind::Group,
                    "Harkat Ul-ansar",
                    vec!["Harkat Ul Ansar"]
                ),
            ]
        );
        assert_eq!(entry(&import, "cameo_pussy_riot").affiliation_id(), Some("RUS"));
    }

    #[test]
    fn r11_an_agents_dictionary_is_refused() {
        let text = "!PERSON! = MAN, MEN, WOMAN\n\nAGRICULTURALIST [~AGR]\nFARMER [~AGR]\n";
        let err = CameoImporter::new().import_reader("Phoenix.agents.txt", text.as_bytes());
        let err = err.unwrap_err().to_string();
        assert!(
            err.starts_with("Phoenix.agents.txt:3: this is a CAMEO agents dictionary"),
            "{err}"
        );
        assert!(err.contains("Phoenix.Countries.actors.txt"), "{err}");
    }

    #[test]
    fn title_case() {
        let importer = CameoImporter::new();
        for (phrase, want) in [
            ("HAMID_KARZAI_", "Hamid Karzai"),
            ("NATO", "NATO"),
            ("PLA", "PLA"),
            ("NKVD", "NKVD"),
            ("IRAN", "Iran"),
            ("STASI", "Stasi"),
            ("SECRETARY-GENERAL_BAN_KI-MOON", "Secretary-general Ban Ki-moon"),
            ("JABHAT_AL-NUSRA", "Jabhat al-Nusra"),
            ("ABU_MOHAMMAD_AL_JAWLANI_", "Abu Mohammad al Jawlani"),
            ("COTE_D'IVOIRE_CITIZENS", "Cote d'Ivoire Citizens"),
            ("U.S._ARMY", "U.S. Army"),
            ("JOHN_PAUL_II", "John Paul II"),
            ("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_", "Aden Abyan Islamic Army (AAIA)"),
            ("NATIONAL_PEOPLE'S_CONGRESS", "National People's Congress"),
            ("US_ATTORNEY_GENERAL", "US Attorney General"),
            ("MESÛD_BARZANÎ", "Mesûd Barzanî"),
            ("JOHN_J MCCLOY_", "John J Mccloy"),
        ] {
            assert_eq!(importer.title_case(phrase), want, "{phrase}");
        }
    }

    #[test]
    fn output_loads_as_a_gazetteer() {
        let text = "AFGHANISTAN_  [AFG]\n+KABUL_\nKABUL_ [AFG]\nHAMID_KARZAI_\n\t[AFGGOV >011222]\n\
HAMID_KARZAI_\n\t[AFGELI]\nNATO_ [IGOWSTNAT]\n+NATO\nTARIN_KOT_ [AFG]\n";
        let import = import(text);
        let merges = import.entries().iter().filter(|e| e.is_merge()).count();
        assert_eq!((import.entries().len(), merges), (5, 4));
        assert_eq!(layered(&import).len(), Gazetteer::builtin().len() + 1);
    }
}
