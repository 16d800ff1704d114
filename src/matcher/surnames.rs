//! In-document surname resolution: after "Antony Blinken", a bare "Blinken" (or "Secretary
//! Blinken") in the same document is Antony Blinken too.
//!
//! Gazetteers list a bare surname only where it is safe everywhere. Within one document,
//! though, a surname that follows a full name is unambiguous, as long as no other person with
//! that surname has been named there. Ambiguous surnames stay unresolved, never guessed.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{Mention, rules};
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};
use crate::span::{Coverage, Span};

/// The surnames of each person in a gazetteer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Surnames {
    by_entity: HashMap<EntityId, Vec<String>>,
}

/// Name particles that are not a surname on their own.
const PARTICLES: &[&str] =
    &["al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "le", "la", "abu", "jr", "sr"];

impl Surnames {
    /// Collects the last word of each person's multi-word names (and, for "al-Assad", "Assad").
    pub(crate) fn new(gaz: &Gazetteer) -> Surnames {
        let mut by_entity = HashMap::new();
        for (id, entry) in gaz.iter().filter(|(_, e)| e.kind() == EntityKind::Person) {
            let mut keys: Vec<String> = Vec::new();
            for alias in entry.aliases().iter().filter(|a| a.text().contains(' ')) {
                for key in surname_keys(alias.text()) {
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
            if !keys.is_empty() {
                by_entity.insert(id, keys);
            }
        }
        Surnames { by_entity }
    }

    /// Adds mentions of surnames that follow a full name of the same person in `haystack`.
    ///
    /// One pass over the text finds every surname at once, and each is checked against the
    /// known mentions by binary search, so the cost is linear in the text (times the log of
    /// the number of mentions) however many people and mentions there are.
    pub(crate) fn resolve(&self, haystack: &str, mentions: Vec<Mention>) -> Vec<Mention> {
        let owners = self.named_in(haystack, &mentions);
        // Sorted for a deterministic automaton; ambiguous surnames are left out.
        let mut keys: Vec<(&str, EntityId, usize)> = owners
            .iter()
            .filter_map(|(key, (entity, after))| Some((key.as_str(), (*entity)?, *after)))
            .collect();
        if keys.is_empty() {
            return mentions;
        }
        keys.sort_unstable();
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(keys.iter().map(|k| k.0))
            .expect("a few surnames always make an automaton");
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
        if added.is_empty() {
            return mentions;
        }
        let mut all = mentions;
        all.extend(added);
        all.sort_unstable();
        all
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
