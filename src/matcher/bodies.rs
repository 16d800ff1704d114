//! Public bodies named without their state: "Pakistan's Foreign Ministry", "their Coast Guard"
//! in a story about Japan, "a full Senate inquiry" in a story about Australia.
//!
//! The gazetteer names bodies in full ("Australian Senate", "Parliament of India", "Japan Coast
//! Guard"). News names them by their head ("the Senate", "Parliament") and leaves the state to
//! the context. Each alias of a body that is a head joined to the name of a state or place
//! ("Australian" + "Senate", "Parliament of" + "Tasmania") makes that head stand for the body
//! where the context names that state or place:
//!
//! - right before it, with or without `'s`: "Pakistan's Foreign Ministry", "the Japanese Coast
//!   Guard";
//! - otherwise, for a head with nothing capitalised before it but "The", the one state or place
//!   the document names most often (at least twice, and more often than any other) among those
//!   that have a body with that head;
//! - where no such state or place is named twice, the one state that the document's actors point to most often (at least
//!   twice, and more often than any other), where a mention of a state counts for it and a
//!   mention of a place, person or group counts for the state it lies in or belongs to: "the
//!   Senate" in a story that names Queensland, Brisbane and the Governor-General of Australia
//!   is Australia's, though it names Australia once.
//!
//! A head followed by a capitalised word or by "of" is part of a longer name ("Parliament
//! House", "the Senate of Kenya") and is left alone, as is a head the matcher already found.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{Mention, rules};
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};
use crate::span::{Coverage, Span};

/// Heads too common to stand for one body, and the last words of newspapers' and companies'
/// names ("USA Today" is no body called "Today").
#[rustfmt::skip]
const NOT_HEADS: &[&str] = &[
    "Government", "Opposition", "The", "National", "Federal", "State", "Today", "Times", "Post",
    "News", "Daily", "Herald", "Tribune", "Express", "Online", "Group", "Airlines", "Airways",
    "International", "One", "First", "Television", "Radio",
];

/// The bodies of a gazetteer by their heads.
#[derive(Clone, Debug, Default)]
pub(crate) struct Bodies {
    /// Finds the heads, case-sensitively, leftmost-longest.
    finder: Option<AhoCorasick>,
    /// For each pattern of `finder`: the body of each state or place that has one.
    owners: Vec<HashMap<EntityId, EntityId>>,
    /// The state each place lies in and each person or group belongs to.
    states: HashMap<EntityId, EntityId>,
}

impl Bodies {
    /// Collects the heads of every group whose alias joins a head to a state's or place's name.
    pub(crate) fn new(gaz: &Gazetteer) -> Bodies {
        // Every name of every state and place, to the entities it names.
        let mut places: HashMap<&str, Vec<EntityId>> = HashMap::new();
        for (id, entry) in gaz.iter() {
            if matches!(entry.kind(), EntityKind::State | EntityKind::Place) {
                for alias in entry.aliases() {
                    places.entry(alias.text()).or_default().push(id);
                }
            }
        }
        let unique = |name: &str| match places.get(name).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            _ => None,
        };
        // (head, owner) to the bodies it names; a pair naming two bodies is left out.
        let mut heads: HashMap<(String, EntityId), Vec<EntityId>> = HashMap::new();
        for (id, entry) in gaz.iter().filter(|(_, e)| e.kind() == EntityKind::Group) {
            for alias in entry.aliases() {
                // "Royal Australian Navy" is the Australian navy: a royal prefix is no part of
                // the state's name.
                let text = alias.text();
                let text = text.strip_prefix("Royal ").unwrap_or(text);
                let mut splits = Vec::new();
                // "Australian Senate", "Japan Coast Guard", "New South Wales Parliament".
                for (at, _) in text.match_indices(' ') {
                    if let Some(owner) = unique(&text[..at]) {
                        splits.push((&text[at + 1..], owner));
                    }
                }
                // "Parliament of India", "Senate of the Philippines".
                if let Some((head, owner)) = text.rsplit_once(" of ") {
                    let owner = owner.strip_prefix("the ").unwrap_or(owner);
                    if let Some(owner) = unique(owner) {
                        splits.push((head, owner));
                    }
                }
                for (head, owner) in splits {
                    if is_head(head) {
                        let bodies = heads.entry((head.to_string(), owner)).or_default();
                        if !bodies.contains(&id) {
                            bodies.push(id);
                        }
                    }
                }
            }
        }
        let mut by_head: HashMap<String, HashMap<EntityId, EntityId>> = HashMap::new();
        for ((head, owner), bodies) in heads {
            if let [body] = bodies[..] {
                by_head.entry(head).or_default().insert(owner, body);
            }
        }
        // Sorted for a deterministic automaton.
        let mut by_head: Vec<(String, HashMap<EntityId, EntityId>)> = by_head.into_iter().collect();
        by_head.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let finder = (!by_head.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(by_head.iter().map(|(head, _)| head))
                    .ok()
            })
            .flatten();
        let states = gaz
            .iter()
            .filter_map(|(id, entry)| {
                let state = match entry.kind() {
                    EntityKind::State => return None,
                    EntityKind::Place => entry.country_id(),
                    EntityKind::Person | EntityKind::Group => entry.affiliation_id(),
                }?;
                let state = gaz.lookup(state)?;
                (gaz.get(state)?.kind() == EntityKind::State).then_some((id, state))
            })
            .collect();
        Bodies { finder, owners: by_head.into_iter().map(|(_, owners)| owners).collect(), states }
    }

    /// Returns `mentions` with the bodies named by their heads in `haystack` added, in text
    /// order.
    ///
    /// One pass over the text finds every head; each is checked against the mentions by
    /// binary search, so the cost is linear in the text (times the log of the mentions).
    pub(crate) fn resolve(&self, haystack: &str, mentions: Vec<Mention>) -> Vec<Mention> {
        let Some(finder) = &self.finder else { return mentions };
        let known = Coverage::new(mentions.iter().map(Mention::span));
        let mut ends: Vec<(usize, EntityId)> =
            mentions.iter().map(|m| (m.span().end, m.entity())).collect();
        ends.sort_unstable();
        let ending = |at: usize| {
            let i = ends.partition_point(|(end, _)| *end < at);
            ends.get(i).filter(|(end, _)| *end == at).map(|(_, e)| *e)
        };
        // How often the document names each entity, and how often its actors point to each
        // state.
        let mut counts: HashMap<EntityId, usize> = HashMap::new();
        let mut pointing: HashMap<EntityId, usize> = HashMap::new();
        for m in mentions.iter().filter(|m| !m.is_role()) {
            *counts.entry(m.entity()).or_default() += 1;
            let state = self.states.get(&m.entity()).copied().unwrap_or(m.entity());
            *pointing.entry(state).or_default() += 1;
        }
        let mut added = Vec::new();
        for found in finder.find_iter(haystack) {
            let span = Span::new(found.start(), found.end());
            if !rules::at_word_boundary(haystack, span.start, span.end) || known.overlaps(span) {
                continue;
            }
            let after = &haystack[span.end..];
            if after.starts_with(" of ")
                || after.starts_with(['-', '\''].as_slice()) && !after.starts_with("'s")
                || after.strip_prefix(' ').is_some_and(opens_longer_name)
            {
                continue;
            }
            let owners = &self.owners[found.pattern().as_usize()];
            let before = &haystack[..span.start];
            let body = match named_before(before, &ending) {
                Before::Owner(owner) => owners.get(&owner).copied(),
                Before::Other => None,
                // The states pointed to decide only where no owner is named twice.
                Before::Nothing if owners.keys().all(|o| counts.get(o).is_none_or(|&n| n < 2)) => {
                    dominant(owners, &pointing)
                }
                // Owners named as often as each other: the states the document's actors
                // point to decide ("an Air Force bomber" in a story that names the US and
                // Afghanistan twice each, and Kentucky and the Pentagon).
                Before::Nothing => {
                    dominant(owners, &counts).or_else(|| self.tie_break(owners, &counts, &pointing))
                }
            };
            if let Some(body) = body {
                added.push(Mention::new(body, span, false));
            }
        }
        super::with_added(mentions, added)
    }
}

/// What comes right before a head.
enum Before {
    /// A mention ("Pakistan's", "Japanese").
    Owner(EntityId),
    /// A capitalised word that is no mention: the head is part of another name.
    Other,
    /// Nothing that names an owner.
    Nothing,
}

fn named_before(before: &str, ending: &impl Fn(usize) -> Option<EntityId>) -> Before {
    let Some(rest) = before.strip_suffix(' ') else { return Before::Nothing };
    let rest = ["'s", "’s", "'", "’"].iter().find_map(|s| rest.strip_suffix(s)).unwrap_or(rest);
    if let Some(owner) = ending(rest.len()) {
        return Before::Owner(owner);
    }
    let mut words = rest.rsplit(|c: char| !(c.is_alphanumeric() || c == '&'));
    let word = words.next().unwrap_or("");
    // "the Manufacturing and Workers Union": a connector after a capitalised word joins the
    // head to a longer name.
    // "Federal Parliament" is the national body, as "the Parliament" is.
    let capitalised = |w: &str| w.starts_with(char::is_uppercase) && !NOT_NAMES_BEFORE.contains(&w);
    if capitalised(word) || (CONNECTORS.contains(&word) && words.next().is_some_and(capitalised)) {
        Before::Other
    } else {
        Before::Nothing
    }
}

/// Words that join the parts of one name ("Department of Health and Ageing").
const CONNECTORS: &[&str] = &["and", "&", "of", "for"];

/// Capitalised words before a head that make it no other name: "The Senate", "the Federal
/// Parliament".
const NOT_NAMES_BEFORE: &[&str] = &["The", "Federal"];

/// Returns true if the text after a head (and one space) goes on with a capitalised word that
/// makes the head part of a longer name ("Parliament House"). A model designation with a digit
/// does not: "an Air Force B-52 bomber".
fn opens_longer_name(rest: &str) -> bool {
    let word = rest.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.')).next();
    let word = word.unwrap_or("");
    word.starts_with(char::is_uppercase) && !word.contains(|c: char| c.is_ascii_digit())
}

impl Bodies {
    /// Among the owners the document names most often (at least twice, as often as each
    /// other), the body of the one whose state the document's actors point to most often.
    fn tie_break(
        &self,
        owners: &HashMap<EntityId, EntityId>,
        counts: &HashMap<EntityId, usize>,
        pointing: &HashMap<EntityId, usize>,
    ) -> Option<EntityId> {
        let most = owners.keys().filter_map(|o| counts.get(o)).max().copied()?;
        let mut tied: Vec<(usize, EntityId)> = owners
            .keys()
            .filter(|o| most >= 2 && counts.get(o) == Some(&most))
            .map(|o| {
                let state = self.states.get(o).copied().unwrap_or(*o);
                (pointing.get(&state).copied().unwrap_or(0), *o)
            })
            .collect();
        tied.sort_unstable_by(|a, b| b.cmp(a));
        match tied[..] {
            [(n, owner), (m, _), ..] if n > m => owners.get(&owner).copied(),
            _ => None,
        }
    }
}

/// The body of the owner the document names most: at least twice and more than any other.
fn dominant(
    owners: &HashMap<EntityId, EntityId>,
    counts: &HashMap<EntityId, usize>,
) -> Option<EntityId> {
    let mut named: Vec<(usize, EntityId)> =
        owners.keys().filter_map(|owner| counts.get(owner).map(|&n| (n, *owner))).collect();
    named.sort_unstable_by(|a, b| b.cmp(a));
    match named[..] {
        [(n, owner), ..] if n >= 2 && named.get(1).is_none_or(|&(m, _)| m < n) => {
            owners.get(&owner).copied()
        }
        _ => None,
    }
}

/// A head is one to three capitalised words, none of them too common to stand for one body, and
/// not opening with a word that may stand before a head ("Federal Parliament of Nepal" gives no
/// head "Federal Parliament": the "Federal Parliament" of a story about Australia is its own).
fn is_head(head: &str) -> bool {
    let words: Vec<&str> = head.split(' ').collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !NOT_HEADS.contains(&head)
        && !NOT_NAMES_BEFORE.contains(&words[0])
        && head.len() >= 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entry;

    fn gazetteer() -> Gazetteer {
        let body = |id: &str, label: &str, alias: &str| {
            let entry = Entry::new(id, EntityKind::Group, label);
            if alias.is_empty() { entry } else { entry.alias(alias) }
        };
        Gazetteer::builder()
            .add(Entry::new("AUS", EntityKind::State, "Australia").adjective("Australian"))
            .add(Entry::new("IND", EntityKind::State, "India").adjective("Indian"))
            .add(Entry::new("PAK", EntityKind::State, "Pakistan").adjective("Pakistani"))
            .add(Entry::new("tasmania", EntityKind::Place, "Tasmania").country("AUS"))
            .add(Entry::new("brisbane", EntityKind::Place, "Brisbane").country("AUS"))
            .add(Entry::new("lahore", EntityKind::Place, "Lahore").country("PAK"))
            .add(Entry::new("john_howard", EntityKind::Person, "John Howard").affiliation("AUS"))
            .add(body("australian_senate", "Australian Senate", "Senate of Australia"))
            .add(body("indian_parliament", "Parliament of India", "Indian Parliament"))
            .add(body("parliament_of_tasmania", "Parliament of Tasmania", ""))
            .add(body("pakistan_foreign_office", "Pakistani Foreign Ministry", ""))
            .add(body("india_today", "India Today", ""))
            .add(body("indian_navy", "Indian Navy", ""))
            .add(body("royal_australian_navy", "Royal Australian Navy", ""))
            .add(body("times_of_india", "Times of India", ""))
            .build()
            .unwrap()
    }

    #[test]
    fn heads_resolve_by_the_owner_before_them_or_the_document() {
        let gaz = gazetteer();
        let matcher = crate::Matcher::new(&gaz).unwrap();
        for (text, want) in [
            (
                "Pakistan's Foreign Ministry said no.",
                &[("Foreign Ministry", "pakistan_foreign_office")][..],
            ),
            ("Australia and Australia: a full Senate inquiry", &[("Senate", "australian_senate")]),
            (
                "India, India. The attack on the Parliament complex",
                &[("Parliament", "indian_parliament")],
            ),
            (
                "Tasmania, Tasmania, Australia. Parliament sat.",
                &[("Parliament", "parliament_of_tasmania")],
            ),
            // Named once, but its places and people point to it.
            (
                "Australia: John Howard in Brisbane, a Senate inquiry",
                &[("Senate", "australian_senate")],
            ),
            // The owners named outrank the states pointed to.
            (
                "Tasmania, Tasmania: John Howard in Brisbane, Brisbane. Parliament sat.",
                &[("Parliament", "parliament_of_tasmania")],
            ),
            // "Federal" before a head, a model designation after it.
            (
                "Australia, Australia. A seat in the Federal Senate.",
                &[("Senate", "australian_senate")],
            ),
            (
                "India, India. They saw a Navy B-52 bomber and the Navy Band.",
                &[("Navy", "indian_navy")],
            ),
            // Owners named as often as each other: the states pointed to decide.
            (
                "India, India, Tasmania, Tasmania. John Howard in Brisbane. Parliament sat.",
                &[("Parliament", "parliament_of_tasmania")],
            ),
            // A royal prefix is no part of the state's name.
            ("Australia, Australia. The Navy sailed.", &[("Navy", "royal_australian_navy")]),
            // Named once, or as often as another owner, and pointed to as often: the document
            // does not tell.
            ("Australia: a Senate inquiry", &[]),
            ("India, Lahore. Brisbane, Tasmania. Parliament sat.", &[]),
            ("India, India, Tasmania, Tasmania. Parliament sat.", &[]),
            // An owner without such a body, or a longer name.
            ("Indian Senate, Australia, Australia", &[]),
            ("Australia, Australia. Parliament House. The Senate of Kenya. Victorian Senate.", &[]),
            // A head is capitalised.
            ("Australia, Australia. The senate sat.", &[]),
            // A head joined to a longer name.
            ("Australia, Australia. The Mining and Senate Union. Science & Senate.", &[]),
            // A newspaper's last word is no body.
            ("India, India. Today the Times said.", &[]),
        ] {
            let got: Vec<(&str, &str)> = matcher
                .find_iter(text)
                .filter(|m| gaz.get(m.entity()).unwrap().kind() == EntityKind::Group)
                .map(|m| (&text[m.span()], gaz.get(m.entity()).unwrap().id()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
