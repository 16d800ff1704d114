//! Acronyms a document defines: "the Australian Prudential Regulation Authority (APRA)" makes
//! APRA stand for that authority in the rest of the document, whatever else the gazetteer
//! knows as APRA (a Peruvian party).
//!
//! A definition is a name the matcher found, then " (", then an acronym the matcher found for
//! another entity, then ")". The acronym must be two to eight capital letters that are initials
//! of the name, in order, ending with the initial of its last word ("New South Wales State
//! Emergency Service (SES)"). From the definition on, every mention of the acronym, written
//! exactly so, that went to the other entity goes to the named one. Mentions before the
//! definition are left as they are.

use std::collections::HashMap;

use super::Mention;
use crate::gazetteer::EntityId;

/// Returns true if `acronym` (two to eight ASCII capital letters) abbreviates `name`: its
/// letters are initials of the name's capitalised words, in order, the last one the initial
/// of the last such word.
pub(crate) fn abbreviates(name: &str, acronym: &str) -> bool {
    let letters = acronym.chars().count();
    if !(2..=8).contains(&letters) || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let initials: Vec<char> = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    let mut rest = initials.iter();
    let in_order = acronym.chars().all(|a| rest.any(|&c| c == a));
    in_order && acronym.chars().last() == initials.last().copied()
}

/// Gives each acronym the document defines to the entity of the name that defines it, from the
/// definition on. `mentions` are sorted by position and do not overlap. Linear in the number
/// of mentions.
pub(crate) fn rebind(haystack: &str, mut mentions: Vec<Mention>) -> Vec<Mention> {
    // For each acronym: the entity it went to, the entity it now stands for.
    let mut defined: HashMap<&str, (EntityId, EntityId)> = HashMap::new();
    for i in 0..mentions.len() {
        let m = mentions[i];
        let surface = &haystack[m.span];
        if let Some(&(from, to)) = defined.get(surface) {
            if m.entity == from && !m.role {
                mentions[i].entity = to;
            }
            continue;
        }
        let Some(name) = i.checked_sub(1).map(|j| mentions[j]) else { continue };
        let defines = name.entity != m.entity
            && !name.adjectival
            && !name.role
            && haystack.get(name.span.end..m.span.start) == Some(" (")
            && haystack[m.span.end..].starts_with(')')
            && haystack[name.span].contains(' ')
            && abbreviates(&haystack[name.span], surface);
        if defines {
            defined.insert(surface, (m.entity, name.entity));
            mentions[i].entity = name.entity;
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_abbreviate_names() {
        let cases = [
            ("Australian Prudential Regulation Authority", "APRA", true),
            ("New South Wales State Emergency Service", "SES", true),
            ("Construction, Forestry, Mining and Energy Union", "CFMEU", true),
            ("Australian Federal Police", "AFP", true),
            ("Australian Federal Police", "AF", false),
            ("Agence France-Presse", "AFP", false),
            ("Australian Federal Police", "afp", false),
            ("Australian Federal Police", "A", false),
        ];
        for (name, acronym, want) in cases {
            assert_eq!(abbreviates(name, acronym), want, "{name} ({acronym})");
        }
    }
}
