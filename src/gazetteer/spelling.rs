//! Spelling variants of known names, so that a discovered name that is a known actor's name
//! spelled another way ("Hamed Karzai", "Jabril Rajoub", "Frenches Forest") joins that
//! actor instead of becoming a second node.
//!
//! Two names are variants when they have the same skeleton (each word's first letter, then its
//! consonants, a doubled letter counted once and a final "h" after a vowel dropped) and differ
//! by at most one edit in a name of fewer than eight letters, two in a longer one. The shape
//! alone could join different people ("John Smyth" and "John Smith"), so a variant counts only
//! in a document that names the actor's state: Hamid Karzai's Afghanistan, Frenchs Forest's
//! Australia. The same holds for an organisation's name less its opening words ("Foreign
//! Relations Committee" for the Senate's, in a document that names the United States).

use std::collections::HashSet;

use super::{EntityId, EntityKind, Entry, Gazetteer};
use crate::hash::FastMap;
use crate::matcher::Mention;

/// The names of a gazetteer by kind and skeleton, each with the entity and the name's words.
#[derive(Clone, Debug, Default)]
pub(super) struct Spellings {
    by_skeleton: FastMap<(EntityKind, String), Vec<(EntityId, String)>>,
    /// The last three words or more of each organisation's names, less one or two opening
    /// words ("Foreign Relations Committee" of "Senate Foreign Relations Committee").
    by_ending: FastMap<String, Vec<EntityId>>,
}

impl Spellings {
    /// Indexes every name of the gazetteer's own entities that [`Gazetteer::known_as`] takes.
    pub(super) fn new(gaz: &Gazetteer) -> Spellings {
        let mut by_skeleton: FastMap<(EntityKind, String), Vec<(EntityId, String)>> =
            FastMap::default();
        let mut by_ending: FastMap<String, Vec<EntityId>> = FastMap::default();
        for (id, entry) in gaz.iter().filter(|(_, e)| !e.is_discovered()) {
            // A shared name by context ("~Campbelltown") counts too: a variant of it counts only where
            // the document names the state, as the shared name itself does.
            let names = entry.aliases().iter().filter(|a| !a.is_adjectival());
            for alias in names {
                let words = words(alias.text());
                let Some(key) = skeleton(&words) else { continue };
                if entry.kind() == EntityKind::Group {
                    let all: Vec<&str> = words.split(' ').collect();
                    for drop in 1..=2 {
                        if all.len() >= drop + ENDING_WORDS {
                            let slot = by_ending.entry(all[drop..].join(" ")).or_default();
                            if !slot.contains(&id) {
                                slot.push(id);
                            }
                        }
                    }
                }
                let slot = by_skeleton.entry((entry.kind(), key)).or_default();
                if !slot.iter().any(|(e, w)| *e == id && *w == words) {
                    slot.push((id, words));
                }
            }
        }
        Spellings { by_skeleton, by_ending }
    }

    /// Returns the one organisation whose name ends with `name`, less one or two opening
    /// words, among those whose state `named_state` says the document names: "Foreign
    /// Relations Committee" in a document that names the United States is its Senate's.
    pub(super) fn ending_of(
        &self,
        gaz: &Gazetteer,
        name: &str,
        named_state: impl Fn(&str) -> bool,
    ) -> Option<EntityId> {
        let words = words(name);
        if words.split(' ').count() < ENDING_WORDS {
            return None;
        }
        let mut fits = self
            .by_ending
            .get(&words)?
            .iter()
            .filter(|&&id| gaz.get(id).and_then(state_of).is_some_and(&named_state));
        let one = *fits.next()?;
        fits.next().is_none().then_some(one)
    }

    /// Returns the one entity of this kind that `name` is a spelling variant of, among those
    /// whose state `named_state` says the document names.
    pub(super) fn variant_of(
        &self,
        gaz: &Gazetteer,
        kind: EntityKind,
        name: &str,
        named_state: impl Fn(&str) -> bool,
    ) -> Option<EntityId> {
        let words = words(name);
        if kind == EntityKind::Person && !words.contains(' ') {
            return None;
        }
        let letters = words.chars().filter(|c| *c != ' ').count();
        let most = if letters < 8 { 1 } else { 2 };
        let key = skeleton(&words)?;
        let mut found = None;
        for (id, known) in self.by_skeleton.get(&(kind, key))? {
            let state = gaz.get(*id).and_then(state_of);
            if !state.is_some_and(&named_state) || edits(&words, known, most) > most {
                continue;
            }
            match found {
                None => found = Some(*id),
                Some(other) if other != *id => return None,
                Some(_) => {}
            }
        }
        found
    }
}

/// The fewest words an organisation's name may keep of a longer one for
/// [`Spellings::ending_of`].
const ENDING_WORDS: usize = 3;

/// The state an entity belongs to: its own code for a state, its country or affiliation else.
fn state_of(entry: &Entry) -> Option<&str> {
    if entry.kind() == EntityKind::State {
        entry.iso_code().or(Some(entry.id()))
    } else {
        entry.country_id().or(entry.affiliation_id())
    }
}

/// The states a document names: those of its known mentions, by [`state_of`].
pub(super) fn named_states<'g>(gaz: &'g Gazetteer, known: &[Mention]) -> HashSet<&'g str> {
    known.iter().filter_map(|m| gaz.get(m.entity())).filter_map(state_of).collect()
}

/// A name's words in lower case, separated by one space, each of letters only: hyphens,
/// apostrophes and dots join the letters around them ("Ku-ring-gai" is "kuringgai").
fn words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')') {
        let letters = word.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase);
        let start = out.len();
        if !out.is_empty() {
            out.push(' ');
        }
        let before = out.len();
        out.extend(letters);
        if out.len() == before {
            out.truncate(start);
        }
    }
    out
}

/// Returns true for the letters that transliterations and misspellings most often change.
fn is_vowel(c: char) -> bool {
    "aeiouyàáâãäåèéêëìíîïòóôõöùúûüý".contains(c)
}

/// The skeleton of a name's [`words`]: per word its first letter, then its consonants, a
/// letter repeated next to itself once, and no final "h" after a vowel. None for a name with
/// fewer than three consonants in all, whose skeleton says too little.
fn skeleton(words: &str) -> Option<String> {
    let mut out = String::with_capacity(words.len());
    let mut consonants = 0;
    for word in words.split(' ') {
        let chars: Vec<char> = word.chars().collect();
        let Some(&first) = chars.first() else { continue };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(first);
        let mut end = chars.len();
        if end > 2 && chars[end - 1] == 'h' && is_vowel(chars[end - 2]) {
            end -= 1;
        }
        for i in 1..end {
            let c = chars[i];
            if is_vowel(c) || c == chars[i - 1] {
                continue;
            }
            out.push(c);
            consonants += 1;
        }
    }
    (consonants >= 3).then_some(out)
}

/// The edit distance between two short strings (insertions, deletions and substitutions of
/// one character), or `most + 1` once it is sure to exceed `most`.
fn edits(a: &str, b: &str, most: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > most {
        return most + 1;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(diagonal + usize::from(ca != cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
            least = least.min(next);
        }
        if least > most {
            return most + 1;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons() {
        let cases = [
            ("Hamed Karzai", "Hamid Karzai", true),
            ("Jabril Rajoub", "Jibril Rajoub", true),
            ("Ahmad Shah Masood", "Ahmad Shah Massoud", true),
            ("Nabil Abu Rudeina", "Nabil Abu Rudeineh", true),
            ("Taipai", "Taipei", true),
            ("Kurringai", "Ku-ring-gai", true),
            ("Campbeltown", "Campbelltown", true),
            ("Omar Khalil", "Umar Khalil", false),
            ("Bayt Hanum", "Beit Hanoun", false),
            ("Royal Fire Service", "Rural Fire Service", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(skeleton(&words(a)) == skeleton(&words(b)), same, "{a} / {b}");
        }
        assert_eq!(skeleton(&words("Mali")), None);
    }

    #[test]
    fn edit_distances() {
        let cases = [
            ("taipai", "taipei", 1),
            ("kurringai", "kuringgai", 2),
            ("ahmad shah masood", "ahmad shah massoud", 2),
            ("abc", "abcdef", 3),
            ("", "ab", 2),
            ("same", "same", 0),
        ];
        for (a, b, want) in cases {
            assert_eq!(edits(a, b, 1).min(2), want.min(2), "{a} / {b}");
            assert_eq!(edits(a, b, 2), want.min(3), "{a} / {b}");
        }
    }

    #[test]
    fn variants_need_the_state_named() {
        let gaz = Gazetteer::builtin();
        let spellings = Spellings::new(&gaz);
        let id_of = |kind, name, state: &'static str| {
            spellings
                .variant_of(&gaz, kind, name, |s| s == state)
                .map(|id| gaz.get(id).unwrap().id().to_string())
        };
        let cases = [
            (EntityKind::Person, "Hamed Karzai", "AFG", Some("hamid_karzai")),
            (EntityKind::Person, "Hamed Karzai", "AUS", None),
            (EntityKind::Person, "Jabril Rajoub", "PSE", Some("jibril_rajoub")),
            (EntityKind::Place, "Frenches Forest", "AUS", Some("frenchs_forest")),
            (EntityKind::Group, "Frenches Forest", "AUS", None),
            // Two consonants say too little: "Taipai" could be many names.
            (EntityKind::Place, "Taipai", "TWN", None),
            (EntityKind::Person, "Karzia", "AFG", None),
        ];
        for (kind, name, state, want) in cases {
            assert_eq!(id_of(kind, name, state).as_deref(), want, "{name} in {state}");
        }
    }

    #[test]
    fn endings_of_organisations_need_the_state_named() {
        let gaz = Gazetteer::builtin();
        let spellings = Spellings::new(&gaz);
        let id_of = |name, state: &'static str| {
            spellings
                .ending_of(&gaz, name, |s| s == state)
                .map(|id| gaz.get(id).unwrap().id().to_string())
        };
        let cases = [
            ("Foreign Relations Committee", "USA", Some("us_senate_foreign_relations_committee")),
            ("Foreign Relations Committee", "AUS", None),
            // Two words say too little.
            ("Relations Committee", "USA", None),
        ];
        for (name, state, want) in cases {
            assert_eq!(id_of(name, state).as_deref(), want, "{name} in {state}");
        }
    }
}
