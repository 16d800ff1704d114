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

use std::io::BufRead;

use super::Gazetteer;
use super::entry::{EntityKind, Entry, is_acronym};
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
    "ALLIANCE", "ARMY", "BRIGADE", "BRIGADES", "COMMITTEE", "COUNCIL", "FACTION", "FORCE",
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
/// Each entry (a head phrase with its synonyms and codes) becomes one entity with id
/// `cameo_<slug of the head phrase>`. A country name coded with a state's id becomes a state;
/// a personal name with dated or role codes a person (affiliation, role and years from the
/// codes); international bodies, companies, armed groups and state institutions groups; and
/// other codes (territories, regions) places. Names are title-cased. See
/// `gazetteers/README.md`, "Importing dictionaries", for all the rules.
///
/// ```
/// use actorgraph::{CameoImporter, EntityKind, Importer};
///
/// let dict = "AFGHANISTAN_  [AFG]\n+AFGHAN_\nHAMID_KARZAI_  # a comment\n+KARZAI_\n\t[AFGELI 750101-011221]\n\t[AFGGOV >011222]\n";
/// let import = CameoImporter::new().import_reader("Afg.actors.txt", dict.as_bytes())?;
/// let (afg, karzai) = (&import.entries()[0], &import.entries()[1]);
/// assert_eq!((afg.id(), afg.kind(), afg.label()), ("cameo_afghanistan", EntityKind::State, "Afghanistan"));
/// assert_eq!((karzai.kind(), karzai.label()), (EntityKind::Person, "Hamid Karzai"));
/// assert_eq!((karzai.affiliation_id(), karzai.role_name()), (Some("AFG"), Some("GOV")));
/// assert_eq!(karzai.years(), (Some(1975), None));
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
    role: Option<String>,
    years: (Option<i32>, Option<i32>),
}

impl Mapping {
    fn new(kind: EntityKind, state: Option<String>) -> Mapping {
        Mapping { kind, state, iso: None, role: None, years: (None, None) }
    }
}

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
        let mut claims = Claims::default();
        let mut ids = Ids::default();
        for (index, record) in records.iter().enumerate() {
            match self.classify(record) {
                Ok(mapping) => {
                    let entry = self.entry(record, mapping, index, &mut claims, &mut import);
                    if let Some(entry) = entry {
                        let id = ids.unique(&format!("cameo_{}", slug(&record.phrases[0])));
                        import.entries.push(Entry { id, ..entry });
                    }
                }
                Err(reason) => import.skip(reason, 1),
            }
        }
        Ok(import)
    }

    /// Builds the entry of a record, with the names no earlier entry took. Returns `None` if
    /// none is left.
    fn entry(
        &self,
        record: &Record,
        mapping: Mapping,
        index: usize,
        claims: &mut Claims,
        import: &mut Import,
    ) -> Option<Entry> {
        let mut names = Vec::new();
        for phrase in &record.phrases {
            if phrase.contains('\u{FFFD}') {
                import.skip("names with a replacement character (U+FFFD)", 1);
                continue;
            }
            let name = self.title_case(phrase);
            if name.is_empty() || names.contains(&name) {
                continue;
            }
            if !name.chars().any(char::is_alphanumeric) {
                import.skip("names with no letter or digit", 1);
                continue;
            }
            if claims.claim(&name, index) {
                names.push(name);
            } else {
                import.skip("names already claimed by an earlier entry", 1);
            }
        }
        let Some((label, others)) = names.split_first() else {
            import.skip("entries whose every name belongs to an earlier entry", 1);
            return None;
        };
        let mut entry = Entry::new("", mapping.kind, label.as_str());
        for name in others {
            entry = entry.alias(name);
        }
        Some(finish_entry(entry, mapping, &record.codes))
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
        if Self::is_personal_name(&record.phrases[0], dated) && has_role(&codes, dated) {
            let role = match &state {
                Some(_) if rest.is_empty() => None,
                Some(_) => Some(rest.to_string()),
                None => Some(primary.code.clone()),
            };
            let years = years(&codes);
            return Ok(Mapping { role, years, ..Mapping::new(EntityKind::Person, state) });
        }
        Ok(self.by_code(record, &primary.code, state, rest))
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
                    ..Mapping::new(EntityKind::State, None)
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

/// Sets what the mapping says, and a note listing the codes.
fn finish_entry(mut entry: Entry, mapping: Mapping, codes: &[Code]) -> Entry {
    match mapping.kind {
        EntityKind::Person | EntityKind::Group => entry.affiliation = mapping.state,
        EntityKind::Place => entry.country = mapping.state,
        EntityKind::State => entry.iso = mapping.iso,
    }
    if let Some(role) = mapping.role {
        entry = entry.role(role, mapping.years.0, mapping.years.1);
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

/// The first year of any code, and the last (`None` if some code is open-ended).
fn years(codes: &[&Code]) -> (Option<i32>, Option<i32>) {
    let year = |date: u32| (date / 10_000) as i32;
    let from = codes.iter().filter_map(|c| c.start).min().map(year);
    let to = if codes.iter().any(|c| c.open) {
        None
    } else {
        codes.iter().filter_map(|c| c.end).max().map(year)
    };
    (from, to)
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

    fn import(text: &str) -> Import {
        CameoImporter::new().import_reader("x.actors", text.as_bytes()).unwrap()
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
        let import = import(text);
        assert_eq!(
            summary(&import),
            [
                ("cameo_afghanistan", EntityKind::State, "Afghanistan", vec!["Afghan", "Kabul"]),
                (
                    "cameo_hamid_karzai",
                    EntityKind::Person,
                    "Hamid Karzai",
                    vec!["President Karzai", "Karzai"]
                ),
                ("cameo_ashraf_ghani", EntityKind::Person, "Ashraf Ghani", vec![]),
            ]
        );
        let afg = entry(&import, "cameo_afghanistan");
        assert_eq!((afg.iso_code(), afg.note_text()), (Some("AF"), Some("CAMEO AFG")));
        let karzai = entry(&import, "cameo_hamid_karzai");
        assert_eq!(
            (karzai.affiliation_id(), karzai.role_name(), karzai.years()),
            (Some("AFG"), Some("GOV"), (Some(1975), None))
        );
        assert_eq!(karzai.note_text(), Some("CAMEO AFGELI 750101-011221, AFGGOV >011222"));
        assert!(import.notes().is_empty() && skipped(&import).is_empty());
    }

    #[test]
    fn a_blank_line_ends_an_entry_without_code() {
        let text = "UN_ [IGOUNO]\nU.N._\n\nUN_SECRETARY_GENERAL\n+UNSG\n\t[IGOUNO]\n[---]\nINDIAN_OCEAN [---]\n";
        let import = import(text);
        let labels: Vec<_> = import.entries().iter().map(|e| e.label()).collect();
        assert_eq!(labels, ["UN", "UN Secretary General"]);
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
        let import = import(text);
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
                ("Thokozani Khupe", Person, Some("ZWE"), Some("GOV")),
                ("Boko Haram", Group, Some("NGA"), None),
                ("Red Army Faction", Group, None, None),
                ("Kosovo Assembly", Group, Some("XKX"), None),
                ("Kofi Annan", Person, None, Some("IGOUNO")),
                ("East Timor", State, None, None),
            ]
        );
        let annan = entry(&import, "cameo_kofi_annan");
        assert_eq!(annan.years(), (Some(1997), Some(2006)));
        assert_eq!(entry(&import, "cameo_east_timor").iso_code(), Some("TL"));
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
        let text = "UNITED_NATIONS_ [IGOUNO]\n+UN_\nUN_ [IGOUNO]\n+U.N._\nTHE_UNITED_NATIONS_ [IGOUNO]\n+UN\nCOTE_D\u{FFFD}IVOIRE_ [CIV]\n";
        let import = import(text);
        assert_eq!(
            summary(&import),
            [
                ("cameo_united_nations", EntityKind::Group, "United Nations", vec!["UN"]),
                ("cameo_un", EntityKind::Group, "U.N.", vec![]),
                ("cameo_the_united_nations", EntityKind::Group, "the United Nations", vec![]),
            ]
        );
        assert_eq!(
            skipped(&import),
            [
                ("entries whose every name belongs to an earlier entry", 1),
                ("names already claimed by an earlier entry", 2),
                ("names with a replacement character (U+FFFD)", 1)
            ]
        );
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
HAMID_KARZAI_\n\t[AFGELI]\nNATO_ [IGOWSTNAT]\n+NATO\n";
        let import = import(text);
        let mut out = Vec::new();
        import.write_tsv(&mut out).unwrap();
        let gaz = Gazetteer::builder()
            .add_str("out.tsv", std::str::from_utf8(&out).unwrap())
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(gaz.len(), 3);
    }
}
