//! Role mentions: an office that names its one holder without the holder's name ("the
//! Israeli Prime Minister said", "Turkey's foreign minister", "the President of France", "the
//! Governor-General" in an article that names the governor-general).
//!
//! The gazetteer gives people offices with years. A role mention is taken only when exactly
//! one person fits:
//!
//! - with a state named right before the office (its name or adjective, with or without `'s`)
//!   or right after it (`of` and the state), the holders of that office for that state in the
//!   document's year (or the years its other office-holders have in common);
//! - with only `the` before it, the holders of the office that the document names elsewhere
//!   (by their names), in those years.
//!
//! An office followed by a capitalised word is a title before a name ("Prime Minister John
//! Howard"), not a role mention; one after "former", "acting", "deputy" and the like is
//! someone else's office. Role mentions are flagged ([`Mention::is_role`]) and span the
//! office's words only.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use super::terms::{CURRENT, Terms};
use super::{Mention, rules};
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};
use crate::span::{Coverage, Span};

/// The offices of a gazetteer's people, and who held them when.
#[derive(Clone, Debug, Default)]
pub(crate) struct Roles {
    /// Finds the offices, ASCII case-insensitively, leftmost-longest.
    finder: Option<AhoCorasick>,
    /// For each pattern of `finder`: the terms in that office.
    offices: Vec<Vec<Holder>>,
    /// The states of the gazetteer.
    states: HashSet<EntityId>,
    /// The lower-cased label of each entity that qualifies an office ("Queensland" of
    /// "Premier of Queensland").
    regions: HashMap<EntityId, Box<str>>,
    /// The terms of each person with offices, for an undated document's years.
    terms: Terms,
}

/// One person's term in one office.
#[derive(Clone, Debug)]
struct Holder {
    entity: EntityId,
    state: Option<EntityId>,
    /// For the head of a qualified office ("Premier" of "Premier of Queensland"), the
    /// qualifier, lower-cased: only it selects the office, not the state.
    region: Option<Box<str>>,
    from: i32,
    to: i32,
    /// For "leader", which stands for any head of a state: only a head the document names.
    named_only: bool,
}

/// The offices of a state's heads, any of whom "the Palestinian leader" may be: "leader"
/// stands for the one of them that the document names.
const HEAD_OFFICES: &[&str] = &[
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "supreme leader",
    "chairman",
    "leader",
];

/// What says whose office it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Qualifier<'a> {
    /// A state named next to it.
    State(EntityId),
    /// A region named before it ("the Queensland Premier").
    Region(&'a str),
    /// Only "the": a holder the document names.
    Named,
}

/// Words before an office that make it someone else's ("former Prime Minister").
const NOT_THE_HOLDER: &[&str] = &[
    "former",
    "ex",
    "then",
    "late",
    "acting",
    "deputy",
    "vice",
    "assistant",
    "junior",
    "shadow",
    "interim",
    "caretaker",
    "future",
    "next",
    "new",
    "previous",
    "a",
    "an",
    "every",
    "any",
    "whichever",
    "elected",
    "incoming",
    "outgoing",
    "first",
    "woman",
    "female",
];

impl Roles {
    /// Collects every office with a starting year of every person in `gaz`.
    pub(crate) fn new(gaz: &Gazetteer, terms: Terms) -> Roles {
        let mut by_office: HashMap<String, Vec<Holder>> = HashMap::new();
        let mut qualifiers: HashSet<String> = HashSet::new();
        for (entity, entry) in gaz.iter().filter(|(_, e)| e.kind() == EntityKind::Person) {
            let state = entry.affiliation_id().and_then(|a| gaz.lookup(a));
            for office in entry.offices() {
                let (Some(from), to) = office.years() else { continue };
                let role = office.role().trim();
                if role.is_empty() || role.contains("candidate") {
                    continue;
                }
                let to = to.unwrap_or(CURRENT);
                let holder = Holder { entity, state, region: None, from, to, named_only: false };
                if HEAD_OFFICES.contains(&role.to_lowercase().as_str()) {
                    let head = Holder { named_only: true, ..holder.clone() };
                    by_office.entry("leader".to_string()).or_default().push(head);
                }
                // "Premier of Queensland" is "the Queensland Premier", or "the Premier" in a
                // story that names him.
                if let Some((head, region)) = role.split_once(" of ").or(role.split_once(" in ")) {
                    let region = region.trim_start_matches("the ").to_lowercase();
                    qualifiers.insert(region.clone());
                    let region = Some(region.into_boxed_str());
                    let term = Holder { region, ..holder.clone() };
                    by_office.entry(head.to_lowercase()).or_default().push(term);
                }
                by_office.entry(role.to_lowercase()).or_default().push(holder);
            }
        }
        // "Governor General" and "Attorney General" are "Governor-General" and
        // "Attorney-General" written without the hyphen.
        let hyphenated: Vec<(String, Vec<Holder>)> = by_office
            .iter()
            .filter(|(office, _)| office.contains('-'))
            .map(|(office, holders)| (office.replace('-', " "), holders.clone()))
            .collect();
        for (office, holders) in hyphenated {
            let same = by_office.entry(office).or_default();
            for holder in holders {
                if !same.iter().any(|h| h.entity == holder.entity && h.from == holder.from) {
                    same.push(holder);
                }
            }
        }
        // Sorted for a deterministic automaton.
        let mut offices: Vec<(String, Vec<Holder>)> = by_office.into_iter().collect();
        offices.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(offices.iter().map(|(name, _)| name))
            .ok();
        let states = gaz.iter().filter(|(_, e)| e.kind() == EntityKind::State).map(|(id, _)| id);
        let regions = gaz
            .iter()
            .filter(|(_, e)| e.kind() != EntityKind::Person)
            .map(|(id, e)| (id, e.label().to_lowercase()))
            .filter(|(_, label)| qualifiers.contains(label))
            .map(|(id, label)| (id, label.into_boxed_str()))
            .collect();
        Roles {
            finder,
            offices: offices.into_iter().map(|(_, holders)| holders).collect(),
            states: states.collect(),
            regions,
            terms,
        }
    }

    /// Returns `mentions` with the role mentions of `haystack` added, in text order.
    ///
    /// One pass over the text finds every office; each is checked against the mentions by
    /// binary search, so the cost is linear in the text (times the log of the mentions).
    pub(crate) fn resolve(
        &self,
        haystack: &str,
        mentions: Vec<Mention>,
        year: Option<i32>,
    ) -> Vec<Mention> {
        let Some(finder) = &self.finder else { return mentions };
        let window = year.map(|y| (y, y)).or_else(|| self.terms.window(&mentions));
        let known = Coverage::new(mentions.iter().map(Mention::span));
        let named: HashSet<EntityId> = mentions.iter().map(Mention::entity).collect();
        // Mentions are in text order, so both lists are sorted.
        let mut ends: Vec<(usize, &Mention)> = mentions.iter().map(|m| (m.span().end, m)).collect();
        ends.sort_by_key(|(end, _)| *end);
        let ending = |at: usize| {
            let i = ends.partition_point(|(end, _)| *end < at);
            ends.get(i).filter(|(end, _)| *end == at).map(|(_, m)| *m)
        };
        let starting = |at: usize| {
            let i = mentions.partition_point(|m| m.span().start < at);
            mentions.get(i).filter(|m| m.span().start == at)
        };
        let mut added = Vec::new();
        for found in finder.find_iter(haystack) {
            let span = Span::new(found.start(), found.end());
            if !rules::at_word_boundary(haystack, span.start, span.end) || known.overlaps(span) {
                continue;
            }
            let (before, after) = (&haystack[..span.start], &haystack[span.end..]);
            // "Prime Minister-designate"; "the Prime Minister John Howard" (a title before a
            // name); "the Defence Minister, Robert Hill," (the name in apposition); "the Prime
            // Minister's Department" (a name of its own).
            if (after.starts_with(['-', '\'']) && !after.starts_with("'s"))
                || after.strip_prefix(' ').is_some_and(|rest| rest.starts_with(char::is_uppercase))
                || after.strip_prefix(", ").and_then(|_| starting(span.end + 2)).is_some()
                || after
                    .strip_prefix("'s ")
                    .is_some_and(|rest| rest.starts_with(char::is_uppercase))
            {
                continue;
            }
            let Some(qualifier) = self.qualifier(before, after, span, &ending, &starting) else {
                continue;
            };
            if qualifier == Qualifier::Named && !haystack[span].starts_with(char::is_uppercase) {
                continue;
            }
            if qualifier != Qualifier::Named && window.is_none() {
                continue;
            }
            let fits = |h: &&Holder| {
                window.is_none_or(|(lo, hi)| h.from <= hi && lo <= h.to)
                    && match qualifier {
                        Qualifier::State(s) => {
                            h.region.is_none()
                                && h.state == Some(s)
                                && (!h.named_only || named.contains(&h.entity))
                        }
                        Qualifier::Region(r) => h.region.as_deref() == Some(r),
                        Qualifier::Named => !h.named_only && named.contains(&h.entity),
                    }
            };
            let holders = &self.offices[found.pattern().as_usize()];
            let mut left: Vec<EntityId> = holders.iter().filter(fits).map(|h| h.entity).collect();
            left.sort_unstable();
            left.dedup();
            if left.len() > 1 {
                left.retain(|e| named.contains(e));
            }
            if let [one] = left[..] {
                added.push(Mention::role_of(one, span));
            }
        }
        super::with_added(mentions, added)
    }

    /// What says whose office the one at `span` is: a state or region named right before it
    /// ("Israeli Prime Minister", "Turkey's foreign minister", "the Queensland Premier"), a
    /// state right after it ("the President of France"), or only "the" before it; `None`
    /// when none does, or the word before is one of [`NOT_THE_HOLDER`].
    fn qualifier<'h>(
        &'h self,
        before: &str,
        after: &str,
        span: Span,
        ending: &impl Fn(usize) -> Option<&'h Mention>,
        starting: &impl Fn(usize) -> Option<&'h Mention>,
    ) -> Option<Qualifier<'h>> {
        let rest = before.strip_suffix(' ')?;
        let rest = rest.strip_suffix("'s").or(rest.strip_suffix('\'')).unwrap_or(rest);
        if let Some(m) = ending(rest.len()) {
            if NOT_THE_HOLDER
                .iter()
                .any(|w| w.eq_ignore_ascii_case(last_word(&before[..m.span().start])))
            {
                return None;
            }
            if self.states.contains(&m.entity()) {
                return Some(Qualifier::State(m.entity()));
            }
            return self.regions.get(&m.entity()).map(|r| Qualifier::Region(r));
        }
        let word = last_word(before);
        if !word.eq_ignore_ascii_case("the") {
            return None;
        }
        if let Some(of) = after.strip_prefix(" of ") {
            let at = span.end + 4 + (of.len() - of.strip_prefix("the ").unwrap_or(of).len());
            let state = starting(at).filter(|m| self.states.contains(&m.entity()));
            return Some(state.map_or(Qualifier::Named, |m| Qualifier::State(m.entity())));
        }
        Some(Qualifier::Named)
    }
}

/// The last word of `text`, without the white space after it.
fn last_word(text: &str) -> &str {
    let text = text.trim_end();
    let start = text
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    text[start..].trim_start_matches('-').trim_end_matches('-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entry;

    fn gazetteer() -> Gazetteer {
        let person = |id: &str, label: &str, state: &str, role: &str, from, to| {
            Entry::new(id, EntityKind::Person, label).affiliation(state).role(role, Some(from), to)
        };
        Gazetteer::builder()
            .add(Entry::new("ISR", EntityKind::State, "Israel").adjective("Israeli"))
            .add(Entry::new("AUS", EntityKind::State, "Australia"))
            .add(Entry::new("queensland", EntityKind::Place, "Queensland").country("AUS"))
            .add(Entry::new("FRA", EntityKind::State, "France").adjective("French"))
            .add(person("ariel_sharon", "Ariel Sharon", "ISR", "Prime Minister", 2001, Some(2006)))
            .add(person("ehud_barak", "Ehud Barak", "ISR", "Prime Minister", 1999, Some(2001)))
            .add(person("john_howard", "John Howard", "AUS", "Prime Minister", 1996, Some(2007)))
            .add(person("jacques_chirac", "Jacques Chirac", "FRA", "President", 1995, Some(2007)))
            .add(person(
                "peter_beattie",
                "Peter Beattie",
                "AUS",
                "Premier of Queensland",
                1998,
                Some(2007),
            ))
            .add(person(
                "peter_hollingworth",
                "Peter Hollingworth",
                "AUS",
                "Governor-General",
                2001,
                Some(2003),
            ))
            .build()
            .unwrap()
    }

    #[test]
    fn role_mentions_resolve_by_state_date_and_document() {
        let gaz = gazetteer();
        let matcher = crate::Matcher::new(&gaz).unwrap();
        // Text, year, and the role mentions wanted: holder and surface.
        type Case<'a> = (&'a str, Option<i32>, &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            (
                "The Israeli Prime Minister spoke.",
                Some(2002),
                &[("ariel_sharon", "Prime Minister")],
            ),
            ("Israel's prime minister spoke.", Some(2002), &[("ariel_sharon", "prime minister")]),
            ("The Israeli Prime Minister spoke.", Some(2000), &[("ehud_barak", "Prime Minister")]),
            // 2001: two holders, and the document names neither.
            ("The Israeli Prime Minister spoke.", Some(2001), &[]),
            (
                "Ariel Sharon won. The Israeli Prime Minister spoke.",
                Some(2001),
                &[("ariel_sharon", "Prime Minister")],
            ),
            ("The President of France arrived.", Some(2002), &[("jacques_chirac", "President")]),
            // "the" alone: only a holder the document names.
            (
                "John Howard won. The Prime Minister said so.",
                Some(2002),
                &[("john_howard", "Prime Minister")],
            ),
            ("The Prime Minister said so.", Some(2002), &[]),
            (
                "Peter Beattie won. The Premier said so.",
                Some(2002),
                &[("peter_beattie", "Premier")],
            ),
            ("The Queensland Premier said so.", Some(2002), &[("peter_beattie", "Premier")]),
            ("The Defence Minister, Ariel Sharon, said so.", Some(2002), &[]),
            ("John Howard left the Prime Minister's Office.", Some(2002), &[]),
            (
                "John Howard said the Prime Minister's view was clear.",
                Some(2002),
                &[("john_howard", "Prime Minister")],
            ),
            // A title before a name, someone else's office, no date at all.
            ("The Israeli Prime Minister Ariel Sharon spoke.", Some(2002), &[]),
            ("Ehud Barak, the former Israeli Prime Minister, spoke.", Some(2002), &[]),
            ("John Howard met the former Prime Minister.", Some(2002), &[]),
            ("The Israeli Prime Minister spoke.", None, &[]),
            ("The Israeli Prime Ministers spoke.", Some(2002), &[]),
            // An office with a hyphen is also written without it.
            (
                "Australia's Governor General spoke.",
                Some(2002),
                &[("peter_hollingworth", "Governor General")],
            ),
            (
                "Australia's Governor-General spoke.",
                Some(2002),
                &[("peter_hollingworth", "Governor-General")],
            ),
            // "leader": the head of that state whom the document names, only.
            (
                "Ariel Sharon won. The Israeli leader spoke.",
                Some(2002),
                &[("ariel_sharon", "leader")],
            ),
            ("The Israeli leader spoke.", Some(2002), &[]),
            ("Ariel Sharon won. The leader spoke.", Some(2002), &[]),
            ("Ehud Barak won. The Israeli leader spoke.", Some(2002), &[]),
        ];
        let mut failures = Vec::new();
        for &(text, year, want) in cases {
            let got: Vec<(&str, &str)> = matcher
                .find_all_in_year(text, year)
                .into_iter()
                .filter(|m| m.is_role())
                .map(|m| (gaz.get(m.entity()).unwrap().id(), &text[m.span()]))
                .collect();
            if got != want {
                failures.push(format!("{text} in {year:?}: {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn last_words() {
        assert_eq!(last_word("met the "), "the");
        assert_eq!(last_word("ex-"), "ex");
        assert_eq!(last_word(""), "");
        assert_eq!(last_word("Élysée "), "Élysée");
    }
}
