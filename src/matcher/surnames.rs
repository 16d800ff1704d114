//! In-document surname resolution: after "Antony Blinken", a bare "Blinken" (or "Secretary
//! Blinken") in the same document is Antony Blinken too, and so is a given name used alone
//! ("Antony") when no one else named there could be meant.
//!
//! Gazetteers list a bare surname only where it is safe everywhere. Within one document,
//! though, a surname that follows a full name is unambiguous, as long as no other person with
//! that surname has been named there. Ambiguous surnames stay unresolved, never guessed.
//!
//! A surname after a title ("Mr Howard", "President Bush") with no full name before it is
//! resolved from the gazetteer's offices and years: among the people with that surname, the
//! ones in office at the document's date (or, for an undated document, in the years that the
//! other office-holders it names have in common, titled surnames that only one person has
//! among them), holding an office the title names, and, if that still leaves several, the one
//! whose state the document names most, then of those the one who led a government in those
//! years ("Mr Bush" in 2004 is George W., not Jeb). Only a single survivor is taken. A noun
//! that names a leader's government after a surname ("the Bush administration", "the Howard
//! Government") is such a title, for the heads of government.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::terms::{CURRENT, Terms};
use super::{Mention, names, rules};
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};
use crate::span::{Coverage, Span};

/// The surnames of each person in a gazetteer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Surnames {
    by_entity: HashMap<EntityId, Vec<String>>,
    /// Everyone with each surname, for titled surnames.
    people: HashMap<String, Vec<Holder>>,
    /// The terms of each person with offices, for inferring an undated document's years.
    terms: Terms,
    /// Finds the titles that introduce a surname.
    titles: Option<AhoCorasick>,
    /// Finds the [`GOVERNMENTS`] nouns that follow one.
    governments: Option<AhoCorasick>,
    /// The other words of each person's multi-word names ("Brian" of "Brian Kemp").
    given: HashMap<EntityId, Vec<String>>,
}

/// A person who may be meant by a titled surname.
#[derive(Clone, Debug)]
struct Holder {
    entity: EntityId,
    /// The state the person belongs to.
    state: Option<EntityId>,
    /// Offices, lower-cased, with their years (`to` is [`CURRENT`] while held).
    offices: Vec<(String, i32, i32)>,
}

/// Titles before a surname: honorifics, which say nothing of the office, then offices.
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Gen", "General"];
#[rustfmt::skip]
const OFFICES: &[&str] = &[
    "President", "Prime Minister", "Premier", "Chancellor", "Minister", "Senator", "Secretary",
    "King", "Queen", "Prince", "Governor", "Chairman", "Chief Minister", "Treasurer",
    "Attorney-General", "Attorney General", "Emir", "Sheikh", "Speaker", "Ayatollah",
    "Congressman", "Congresswoman",
];

/// Titles whose office is named otherwise in the gazetteer: a congressman is a representative
/// ("Representative from Ohio", "Speaker of the House of Representatives").
const OFFICE_NAMES: &[(&str, &str)] =
    &[("Congressman", "representative"), ("Congresswoman", "representative")];

/// Nouns after a leader's surname that name the leader's government ("the Bush
/// administration", "the Howard Government"), each with the offices whose holder is meant, in
/// order of preference.
const GOVERNMENTS: &[(&str, &[&str])] = &[
    (" administration", PRESIDENTS),
    (" Administration", PRESIDENTS),
    (" presidency", PRESIDENTS),
    (" government", HEADS),
    (" Government", HEADS),
];
const PRESIDENTS: &[&str] = &["president"];
const HEADS: &[&str] = &["prime minister", "premier", "chancellor", "chief minister", "president"];

/// Name particles that are not a surname on their own.
const PARTICLES: &[&str] =
    &["al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "le", "la", "abu", "jr", "sr"];

impl Surnames {
    /// Collects the last word of each person's multi-word names (and, for "al-Assad", "Assad").
    pub(crate) fn new(gaz: &Gazetteer, terms: Terms) -> Surnames {
        let mut by_entity = HashMap::new();
        let mut people: HashMap<String, Vec<Holder>> = HashMap::new();
        let mut given: HashMap<EntityId, Vec<String>> = HashMap::new();
        for (id, entry) in gaz.iter().filter(|(_, e)| e.kind() == EntityKind::Person) {
            let offices: Vec<(String, i32, i32)> = entry
                .offices()
                .iter()
                .filter_map(|o| match o.years() {
                    (Some(from), to) => {
                        Some((o.role().to_lowercase(), from, to.unwrap_or(CURRENT)))
                    }
                    (None, _) => None,
                })
                .collect();
            let mut keys: Vec<String> = Vec::new();
            for alias in entry.aliases().iter().filter(|a| a.text().contains(' ')) {
                let words: Vec<&str> = alias.text().split_whitespace().collect();
                let others = given.entry(id).or_default();
                for word in &words[..words.len() - 1] {
                    if !others.iter().any(|w| w == word) {
                        others.push(word.to_string());
                    }
                }
                for key in surname_keys(alias.text()) {
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
            // "Bob" of "Baghdad Bob" and "Ali" of "Comical Ali" are given names ending a
            // nickname, not surnames: an alias's given name is no key when the label gives one.
            let own = surname_keys(entry.label());
            if !own.is_empty() {
                keys.retain(|k| own.contains(k) || !crate::lexicon::is_given_name(k));
            }
            let state = entry.affiliation_id().and_then(|a| gaz.lookup(a));
            for key in &keys {
                let holder = Holder { entity: id, state, offices: offices.clone() };
                people.entry(key.clone()).or_default().push(holder);
            }
            if !keys.is_empty() {
                by_entity.insert(id, keys);
            }
        }
        let titles = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(HONORIFICS.iter().chain(OFFICES))
            .ok();
        let governments = AhoCorasick::new(GOVERNMENTS.iter().map(|(noun, _)| noun)).ok();
        Surnames { by_entity, people, terms, titles, governments, given }
    }

    /// Adds mentions of surnames that follow a full name of the same person in `haystack`,
    /// then of titled surnames resolved by office and date (`year`, or inferred when `None`).
    ///
    /// One pass over the text finds every surname at once, and each is checked against the
    /// known mentions by binary search, so the cost is linear in the text (times the log of
    /// the number of mentions) however many people and mentions there are.
    pub(crate) fn resolve(
        &self,
        haystack: &str,
        mentions: Vec<Mention>,
        year: Option<i32>,
    ) -> Vec<Mention> {
        let owners = self.named_in(haystack, &mentions);
        let mut added = self.named_before(haystack, &mentions, &owners);
        added.extend(self.titled(haystack, &mentions, &owners, &added, year));
        added.extend(self.given_alone(haystack, &mentions, &owners, &added));
        super::with_added(mentions, added)
    }

    /// Returns true if `word` is a word of one of the person's multi-word names ("Jens" of
    /// "Jens Stoltenberg").
    pub(crate) fn has_given_name(&self, person: EntityId, word: &str) -> bool {
        self.given.get(&person).is_some_and(|given| given.iter().any(|g| g == word))
    }

    /// Mentions of a given name used alone ("Osama", "George") after the person's full name,
    /// when one person named in full in the document has that given name and nothing else
    /// could be meant: no one's surname there is that word, and it opens no other capitalised
    /// name in the text ("George Street", another "George Smith"). A given name next to another
    /// capitalised word, or after a title, is never taken alone.
    fn given_alone(
        &self,
        haystack: &str,
        mentions: &[Mention],
        owners: &HashMap<String, (Option<EntityId>, usize)>,
        added: &[Mention],
    ) -> Vec<Mention> {
        let mut firsts: HashMap<&str, (Option<EntityId>, usize)> = HashMap::new();
        for m in mentions {
            let surface = &haystack[m.span()];
            let Some((first, _)) = surface.split_once(' ') else { continue };
            let Some(given) = self.given.get(&m.entity()) else { continue };
            if first.chars().count() < 3
                || names::is_ordinary(first)
                || owners.contains_key(first)
                || !given.iter().any(|g| g == first)
            {
                continue;
            }
            let slot = firsts.entry(first).or_insert((Some(m.entity()), m.span().end));
            if slot.0 != Some(m.entity()) {
                slot.0 = None;
            }
        }
        let Some((keys, searcher)) = owned_names(firsts.into_iter()) else { return Vec::new() };
        let known = Coverage::new(mentions.iter().chain(added).map(Mention::span));
        let mut alone = Vec::new();
        let mut opens_other = vec![false; keys.len()];
        for found in searcher.find_iter(haystack) {
            let span = Span::new(found.start(), found.end());
            if !rules::at_word_boundary(haystack, span.start, span.end) {
                continue;
            }
            let key = found.pattern().as_usize();
            let next_capitalised = haystack[span.end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(char::is_uppercase));
            let before = haystack[..span.start].strip_suffix(' ');
            let after_capitalised = before.is_some_and(|b| {
                let word =
                    b.rsplit(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or("");
                word.starts_with(char::is_uppercase)
            });
            if known.overlaps(span) {
                continue;
            }
            if next_capitalised || after_capitalised {
                opens_other[key] |= next_capitalised;
                continue;
            }
            if span.start >= keys[key].2 {
                alone.push((key, span));
            }
        }
        alone
            .into_iter()
            .filter(|&(key, _)| !opens_other[key])
            .map(|(key, span)| Mention::new(keys[key].1, span, false))
            .collect()
    }

    /// Mentions of surnames after a full name of the same person.
    fn named_before(
        &self,
        haystack: &str,
        mentions: &[Mention],
        owners: &HashMap<String, (Option<EntityId>, usize)>,
    ) -> Vec<Mention> {
        let owners = owners.iter().map(|(key, &owner)| (key.as_str(), owner));
        let Some((keys, searcher)) = owned_names(owners) else { return Vec::new() };
        let known = Coverage::new(mentions.iter().map(Mention::span));
        let mut added = Vec::new();
        for found in searcher.find_iter(haystack) {
            let (_, entity, after) = keys[found.pattern().as_usize()];
            let span = Span::new(found.start(), found.end());
            if span.start >= after
                && rules::at_word_boundary(haystack, span.start, span.end)
                && !known.overlaps(span)
            {
                added.push(Mention::new(entity, span, false));
            }
        }
        added
    }

    /// Mentions of surnames after a title ("President Bush") or before a noun that names the
    /// person's government ("the Bush administration"), for people not named in full in the
    /// document.
    fn titled(
        &self,
        haystack: &str,
        mentions: &[Mention],
        owners: &HashMap<String, (Option<EntityId>, usize)>,
        added: &[Mention],
        year: Option<i32>,
    ) -> Vec<Mention> {
        if self.people.is_empty() {
            return Vec::new();
        }
        let known = Coverage::new(mentions.iter().chain(added).map(Mention::span));
        let window = year.map(|y| (y, y)).or_else(|| self.terms.window(mentions));
        let mut states: HashMap<EntityId, usize> = HashMap::new();
        for m in mentions {
            *states.entry(m.entity()).or_default() += 1;
        }
        let starts: Vec<usize> = mentions.iter().map(|m| m.span().start).collect();
        // Another pass over the text, made only when a titled surname needs it.
        let mut others = None;
        let mut lines = names::Lines::new(haystack);
        // What one cue gives under a window of years: a mention, nothing, or (when more than
        // one holder fits) no decision yet.
        let mut resolve = |span: Span, offices: &Offices, window| {
            let governs = matches!(offices, Offices::Heads(_));
            let word = &haystack[span];
            if word.is_empty()
                || owners.contains_key(word)
                || known.overlaps(span)
                || !rules::at_word_boundary(haystack, span.start, span.end)
            {
                return Ok(None);
            }
            let Some(holders) = self.people.get(word) else { return Ok(None) };
            let chosen = match offices {
                Offices::Any => choose(holders, window, |_| true, &states),
                Offices::Titled(title) => choose(holders, window, |r| r.contains(title), &states),
                Offices::Heads(heads) => heads
                    .iter()
                    .find_map(|head| choose(holders, window, |r| leads(r, head), &states)),
            };
            let Some(entity) = chosen else {
                return if holders.len() > 1 { Err(()) } else { Ok(None) };
            };
            let mention = Mention::new(entity, span, false);
            // "General Anthony Zinni": a given name, not a surname.
            if !governs && names::opens_longer_name(&mut lines, &mention, &starts) {
                return Ok(None);
            }
            // "David Kemp ... Mr Kemp": someone else with that surname was named in full.
            let given = self.given.get(&entity).map_or(&[][..], Vec::as_slice);
            let others = others.get_or_insert_with(|| full_names(haystack, &known));
            if others.get(word).is_some_and(|(at, before)| {
                *at < span.start && !before.iter().any(|b| given.iter().any(|g| g == b))
            }) {
                return Ok(None);
            }
            Ok(Some(mention))
        };
        let mut out = Vec::new();
        let mut undecided = Vec::new();
        for (span, offices) in self.cues(haystack) {
            match resolve(span, &offices, window) {
                Ok(found) => out.extend(found),
                Err(()) => undecided.push((span, offices)),
            }
        }
        // "Mr Bush said Mr Arafat must act. Mr Sharon agreed.": with no date, the people whose
        // titled surnames only one person has ("Mr Arafat", "Mr Sharon") give the years that
        // decide between the two Bushes. Once, so the pass stays linear.
        if year.is_none() && !undecided.is_empty() && !out.is_empty() {
            let all: Vec<Mention> = mentions.iter().chain(added).chain(&out).copied().collect();
            let wider = self.terms.window(&all);
            if wider != window {
                for (span, offices) in undecided {
                    out.extend(resolve(span, &offices, wider).ok().flatten());
                }
                out.sort_by_key(|m| m.span().start);
            }
        }
        out
    }

    /// The words that a title or a government noun marks as a surname, in order, each with
    /// the offices its holder must have held.
    fn cues(&self, haystack: &str) -> Vec<(Span, Offices)> {
        let mut cues = Vec::new();
        for title in self.titles.iter().flat_map(|t| t.find_iter(haystack)) {
            if !rules::at_word_boundary(haystack, title.start(), title.end()) {
                continue;
            }
            let rest = &haystack[title.end()..];
            let rest_start = rest.strip_prefix('.').unwrap_or(rest);
            let gap = rest.len() - rest_start.trim_start_matches(' ').len();
            if gap == 0 || gap > 2 {
                continue;
            }
            let start = title.end() + gap;
            let len = haystack[start..]
                .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
                .unwrap_or(haystack.len() - start);
            let word = haystack[start..start + len].trim_end_matches(['-', '\'']);
            let title = &haystack[title.start()..title.end()];
            let offices = if let Some((_, office)) = OFFICE_NAMES.iter().find(|o| o.0 == title) {
                Offices::Titled(office.to_string())
            } else if OFFICES.contains(&title) {
                Offices::Titled(title.to_lowercase())
            } else {
                Offices::Any
            };
            cues.push((Span::new(start, start + word.len()), offices));
        }
        for noun in self.governments.iter().flat_map(|g| g.find_iter(haystack)) {
            let (from, end) = (noun.start() + 1, noun.end());
            if !rules::at_word_boundary(haystack, from, end) {
                continue;
            }
            let before = &haystack[..noun.start()];
            let word = before.rsplit(|c: char| !(c.is_alphabetic() || c == '-')).next();
            let Some(word) = word.filter(|w| w.starts_with(char::is_uppercase)) else {
                continue;
            };
            let span = Span::new(noun.start() - word.len(), noun.start());
            cues.push((span, Offices::Heads(GOVERNMENTS[noun.pattern().as_usize()].1)));
        }
        cues.sort_by_key(|c| c.0.start);
        cues
    }

    /// Maps each surname of the people named in full to (the person, or `None` if two people
    /// share it, and the end of the first full mention).
    fn named_in(
        &self,
        haystack: &str,
        mentions: &[Mention],
    ) -> HashMap<String, (Option<EntityId>, usize)> {
        let mut owners: HashMap<String, (Option<EntityId>, usize)> = HashMap::new();
        for m in mentions {
            let Some(keys) = self.by_entity.get(&m.entity()) else { continue };
            if !haystack[m.span()].contains(' ') {
                continue;
            }
            for key in keys {
                let slot = owners.entry(key.clone()).or_insert((Some(m.entity()), m.span().end));
                if slot.0 != Some(m.entity()) {
                    slot.0 = None;
                }
            }
        }
        owners
    }
}

/// A name one person of a document owns: the name, the person, and where their first full
/// mention ends.
type OwnedName<'k> = (&'k str, EntityId, usize);

/// The names (surnames, given names) that one person of the document owns, with that person
/// and where their first full mention ends, sorted for a deterministic automaton, and the
/// automaton that finds them; `None` if no name has a single owner. Names two people share
/// (owner `None`) are left out.
fn owned_names<'k>(
    owners: impl Iterator<Item = (&'k str, (Option<EntityId>, usize))>,
) -> Option<(Vec<OwnedName<'k>>, AhoCorasick)> {
    let mut keys: Vec<OwnedName<'k>> =
        owners.filter_map(|(name, (entity, after))| Some((name, entity?, after))).collect();
    if keys.is_empty() {
        return None;
    }
    keys.sort_unstable();
    let searcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(keys.iter().map(|k| k.0))
        .expect("a few names always make an automaton");
    Some((keys, searcher))
}

/// Maps each capitalised word that follows other capitalised words (one space apart) outside
/// the known mentions, as in "David Kemp", to where it first does so and the words before it
/// back to the last title ("Minister David" gives "David"). One pass over the text.
fn full_names<'h>(haystack: &'h str, known: &Coverage) -> HashMap<&'h str, (usize, Vec<&'h str>)> {
    let mut out = HashMap::new();
    let mut run: Vec<&str> = Vec::new();
    let mut end = 0;
    let mut pos = 0;
    while let Some(skip) = haystack[pos..].find(|c: char| c.is_alphabetic()) {
        let start = pos + skip;
        let len = haystack[start..]
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
            .unwrap_or(haystack.len() - start);
        let word = haystack[start..start + len].trim_end_matches(['-', '\'']);
        pos = start + len.max(1);
        if &haystack[end..start] != " " {
            run.clear();
        }
        end = start + word.len();
        if word.is_empty()
            || !word.starts_with(char::is_uppercase)
            || HONORIFICS.contains(&word)
            || OFFICES.iter().any(|o| o.ends_with(word))
            || names::is_ordinary(word)
        {
            run.clear();
            continue;
        }
        if !run.is_empty() && !known.overlaps(Span::new(start, end)) {
            out.entry(word).or_insert_with(|| (start, run.clone()));
        }
        if run.len() < 4 {
            run.push(word);
        }
    }
    out
}

/// The offices that the person a surname cue marks must have held.
enum Offices {
    /// Any office: the cue was an honorific ("Mr").
    Any,
    /// An office whose name (lower case) contains the title ("President", "Minister").
    Titled(String),
    /// The head of a government, by the first of these offices that decides ([`leads`]).
    Heads(&'static [&'static str]),
}

/// Returns true if `role` (lower case) is the office `head` of a government: that office
/// itself ("president", "prime minister"), or a premier or chief minister "of" a state or
/// province. A president of a senate or a bank, or a chancellor of the exchequer, heads no
/// government.
fn leads(role: &str, head: &str) -> bool {
    role == head
        || (matches!(head, "premier" | "chief minister")
            && role.strip_prefix(head).is_some_and(|rest| rest.starts_with(" of ")))
}

/// Picks the one person a titled surname means, or none if it stays ambiguous.
fn choose(
    holders: &[Holder],
    window: Option<(i32, i32)>,
    office: impl Fn(&str) -> bool,
    mentioned: &HashMap<EntityId, usize>,
) -> Option<EntityId> {
    let fits = |h: &&Holder| {
        h.offices.iter().any(|(role, from, to)| {
            window.is_none_or(|(lo, hi)| *from <= hi && lo <= *to) && office(role)
        })
    };
    let mut left: Vec<&Holder> = holders.iter().filter(fits).collect();
    left.dedup_by_key(|h| h.entity);
    if left.len() > 1 {
        let count = |h: &&Holder| h.state.and_then(|s| mentioned.get(&s)).copied().unwrap_or(0);
        let best = left.iter().map(count).max().unwrap_or(0);
        left.retain(|h| count(h) == best);
        if best == 0 {
            return None;
        }
        if left.len() > 1 {
            // "Mr Bush" in the years of George W. and Jeb, both of the state the text names:
            // the one who led a government then.
            let led = |h: &&&Holder| {
                h.offices.iter().any(|(role, from, to)| {
                    window.is_some_and(|(lo, hi)| *from <= hi && lo <= *to)
                        && HEADS.iter().any(|head| leads(role, head))
                })
            };
            let mut leaders = left.iter().filter(led);
            return match (leaders.next(), leaders.next()) {
                (Some(one), None) => Some(one.entity),
                _ => None,
            };
        }
    }
    match left[..] {
        [one] => Some(one.entity),
        _ => None,
    }
}

/// The surname keys of one multi-word name: its last word, without a leading "al-" as well.
fn surname_keys(name: &str) -> Vec<String> {
    let Some(last) = name.split_whitespace().last() else { return Vec::new() };
    let mut keys = Vec::new();
    let plain = last.trim_matches(|c: char| !c.is_alphanumeric());
    if is_surname(plain) {
        keys.push(plain.to_string());
    }
    if let Some((particle, rest)) = plain.split_once('-') {
        if PARTICLES.contains(&particle.to_lowercase().as_str()) && is_surname(rest) {
            keys.push(rest.to_string());
        }
    }
    keys
}

/// A usable surname: capitalised, at least three letters, not a particle or generation mark.
fn is_surname(word: &str) -> bool {
    word.chars().count() >= 3
        && word.starts_with(char::is_uppercase)
        && !PARTICLES.contains(&word.to_lowercase().as_str())
        && !word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entry;
    use crate::matcher::Matcher;

    fn gazetteer() -> Gazetteer {
        let person = |id: &str, label: &str, state: &str, role: &str, from, to| {
            Entry::new(id, EntityKind::Person, label).affiliation(state).role(role, Some(from), to)
        };
        Gazetteer::builder()
            .add(Entry::new("USA", EntityKind::State, "United States"))
            .add(Entry::new("GBR", EntityKind::State, "United Kingdom").alias("Britain"))
            .add(Entry::new("AUS", EntityKind::State, "Australia"))
            .add(person("bush_41", "George H. W. Bush", "USA", "President", 1989, Some(1993)))
            .add(person("bush_43", "George W. Bush", "USA", "President", 2001, Some(2009)))
            .add(person("tony_blair", "Tony Blair", "GBR", "Prime Minister", 1997, Some(2007)))
            .add(person("john_howard", "John Howard", "AUS", "Prime Minister", 1996, Some(2007)))
            .add(
                person(
                    "michael_howard",
                    "Michael Howard",
                    "GBR",
                    "Home Secretary",
                    1993,
                    Some(1997),
                )
                .office("Leader of the Opposition", Some(2003), Some(2005)),
            )
            .add(
                person(
                    "al_sahhaf",
                    "Mohammed al-Sahhaf",
                    "IRQ",
                    "Information Minister",
                    2001,
                    None,
                )
                .alias("Baghdad Bob"),
            )
            .add(person("mazloum_abdi", "Mazloum Abdi", "SYR", "Commander", 2015, None))
            .add(
                person("paul_ryan", "Paul Ryan", "USA", "Speaker of the House", 2015, Some(2019))
                    .office("Representative from Wisconsin", Some(1999), Some(2019)),
            )
            .add(person(
                "george_ryan",
                "George Ryan",
                "USA",
                "Governor of Illinois",
                1999,
                Some(2003),
            ))
            .add(person("jeb_bush", "Jeb Bush", "USA", "Governor of Florida", 1999, Some(2007)))
            .build()
            .unwrap()
    }

    #[test]
    fn titled_surnames_resolve_by_date_office_and_context() {
        let gaz = gazetteer();
        let matcher = Matcher::new(&gaz).unwrap();
        for (text, year, want) in [
            ("President Bush spoke.", Some(2002), Some("bush_43")),
            ("President Bush spoke.", Some(1990), Some("bush_41")),
            ("President Bush spoke.", Some(1995), None),
            // Without a date, ambiguous; with another office-holder, their years decide.
            ("President Bush spoke.", None, None),
            ("Tony Blair met President Bush.", None, Some("bush_43")),
            // The title must name an office the person held.
            ("Prime Minister Bush spoke.", Some(2002), None),
            // Two Howards in office in 2004: the state the text names decides.
            ("Mr Howard said.", Some(2004), None),
            ("In Australia, Mr Howard said.", Some(2004), Some("john_howard")),
            ("In Britain, Mr. Howard said.", Some(2004), Some("michael_howard")),
            // No title, no full name: a bare surname stays unresolved.
            ("Howard said.", Some(2004), None),
            // A titled surname that opens a longer name is a given name.
            ("In Australia, Mr Howard Smith replied calmly.", Some(2004), None),
            // Someone else of that surname named in full first.
            ("In Australia, Minister Dan Howard spoke. Mr Howard said.", Some(2004), None),
            // A noun naming a leader's government marks the surname of a head of government.
            ("The Bush administration said.", Some(2002), Some("bush_43")),
            ("The Howard Government said.", Some(2004), Some("john_howard")),
            ("The Bush government said.", Some(1990), Some("bush_41")),
            // Neither Howard was ever a president, and a bare surname needs its noun.
            ("The Howard administration said.", Some(2004), None),
            ("Howard administrations.", Some(2004), None),
            // Two people of the state the text names fit the years: the one who led a
            // government then. With no state named, neither.
            ("In the United States, Mr Bush met Tony Blair.", None, Some("bush_43")),
            ("Mr Bush met Tony Blair.", None, None),
            // A titled surname only one person has gives its years to the others.
            ("In the United States, Mr Bush met Prime Minister Blair.", None, Some("bush_43")),
            ("In the United States, Mr Bush met Mr Zorbo.", None, None),
            // A congressman is a representative, whatever the gazetteer calls the office.
            ("Congressman Ryan said.", Some(2012), Some("paul_ryan")),
            ("Congresswoman Ryan said.", Some(2001), Some("paul_ryan")),
            ("Governor Ryan said.", Some(2001), Some("george_ryan")),
            ("Congressman Ryan said.", Some(1995), None),
            // The same person under a fuller name than the gazetteer's still resolves.
            (
                "In Australia, John Winston Howard spoke. Mr Howard said.",
                Some(2004),
                Some("john_howard"),
            ),
        ] {
            let found = matcher.find_all_in_year(text, year);
            let people: Vec<&str> = found
                .iter()
                .map(|m| gaz.get(m.entity()).unwrap())
                .filter(|e| e.kind() == EntityKind::Person && !text.contains(e.label()))
                .map(|e| e.id())
                .collect();
            assert_eq!(people.first().copied(), want, "{text} in {year:?}");
        }
    }

    #[test]
    fn given_names_alone_follow_the_one_full_name_that_has_them() {
        let gaz = gazetteer();
        let matcher = Matcher::new(&gaz).unwrap();
        for (text, want) in [
            ("Tony Blair spoke. \"Tony is right,\" she said.", &["tony_blair", "tony_blair"][..]),
            // Before the full name, next to another capitalised word, or after a title: no.
            ("Tony is right. Tony Blair spoke.", &["tony_blair"]),
            ("Tony Blair spoke. Then Tony Smith did.", &["tony_blair"]),
            ("Tony Blair spoke. Mr Tony replied.", &["tony_blair"]),
            // Another name opens with it ("Tony Street"): it could mean either.
            ("Tony Blair spoke in Tony Street. Tony is right.", &["tony_blair"]),
            // Two people named in full with that given name: neither.
            ("George W. Bush met George H. W. Bush. George smiled.", &["bush_43", "bush_41"]),
        ] {
            let found = matcher.find_all_in_year(text, Some(2002));
            let people: Vec<&str> = found
                .iter()
                .map(|m| gaz.get(m.entity()).unwrap())
                .filter(|e| e.kind() == EntityKind::Person)
                .map(|e| e.id())
                .collect();
            assert_eq!(people, want, "{text}");
        }
    }

    #[test]
    fn a_nickname_s_given_name_is_no_surname() {
        let gaz = gazetteer();
        let matcher = Matcher::new(&gaz).unwrap();
        let people = |text: &str| -> Vec<String> {
            let found = matcher.find_all_in_year(text, Some(2003));
            found.iter().map(|m| gaz.get(m.entity()).unwrap().id().to_string()).collect()
        };
        // "Bob" ends an alias of al-Sahhaf, but it is a given name and his label gives him a
        // surname; "Abdi" is a given name too, but his label's surname.
        assert_eq!(people("Mr Bob said."), Vec::<String>::new());
        assert_eq!(people("Mr Sahhaf said."), ["al_sahhaf"]);
        assert_eq!(people("Mazloum Abdi came. Gen. Abdi said."), ["mazloum_abdi", "mazloum_abdi"]);
    }

    #[test]
    fn keys() {
        assert_eq!(surname_keys("Antony Blinken"), ["Blinken"]);
        assert_eq!(surname_keys("Bashar al-Assad"), ["Assad"]);
        assert_eq!(surname_keys("Abdel Fattah Al-Burhan"), ["Al-Burhan", "Burhan"]);
        assert_eq!(surname_keys("Martin Luther King Jr."), Vec::<String>::new());
        assert_eq!(surname_keys("Kim Jong Un"), Vec::<String>::new());
        assert_eq!(surname_keys("Xi Jinping"), ["Jinping"]);
    }
}
