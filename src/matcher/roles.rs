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
//! A title's last word after "the" ("the Minister", "the US envoy") stands for the one
//! person the document named with that title before ("Foreign Minister Alexander Downer").
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
    /// The people of the gazetteer.
    people: HashSet<EntityId>,
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

/// The last words of titles that, after "the", stand for the one person the document names
/// with that title ([`Roles::titles_named_back`]).
const TITLE_HEADS: &[&str] = &[
    "minister",
    "secretary",
    "president",
    "commissioner",
    "envoy",
    "mayor",
    "governor",
    "premier",
    "chancellor",
    "ambassador",
    "treasurer",
    "senator",
    "administrator",
    "chairman",
    "chairwoman",
    "coroner",
];

/// Words before a title's last word that make it another office ("Prime Minister", "Vice
/// President", "Deputy Commissioner", "Lord Mayor").
const OTHER_OFFICES: &[&str] = &[
    "prime",
    "vice",
    "deputy",
    "assistant",
    "junior",
    "shadow",
    "lord",
    "lieutenant",
    "under",
    "chief",
    "general",
    "former",
    "acting",
    "ex",
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
        let people = gaz.iter().filter(|(_, e)| e.kind() == EntityKind::Person).map(|(id, _)| id);
        Roles {
            finder,
            offices: offices.into_iter().map(|(_, holders)| holders).collect(),
            states: states.collect(),
            regions,
            terms,
            people: people.collect(),
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
        let mentions = super::with_added(mentions, added);
        let back = self.titles_named_back(haystack, &mentions);
        super::with_added(mentions, back)
    }

    /// Role mentions of a title used alone for the one person the document names with it:
    /// "Foreign Minister Alexander Downer ... the Minister's office", "US envoy Anthony Zinni
    /// ... the US envoy threatened to quit", "Royal Commissioner Terence Cole ... the
    /// Commissioner". The title's last word ([`TITLE_HEADS`]) after "the" (and a state's name
    /// or adjective), after the person was named with it, and not before a name, "of" or "for"
    /// (someone else's office). No one is meant when the document puts that word before two
    /// people's names, or before a name the gazetteer does not know. One pass over the words.
    fn titles_named_back(&self, haystack: &str, mentions: &[Mention]) -> Vec<Mention> {
        let person = |m: &&Mention| !m.is_role() && self.people.contains(&m.entity());
        if !mentions.iter().any(|m| person(&m)) {
            return Vec::new();
        }
        let starts: HashMap<usize, EntityId> =
            mentions.iter().filter(person).map(|m| (m.span().start, m.entity())).collect();
        let ends: HashMap<usize, &Mention> = mentions.iter().map(|m| (m.span().end, m)).collect();
        let known = Coverage::new(mentions.iter().map(Mention::span));
        // Each head with the one person it was put before and where first, or `None` once it
        // was put before two.
        let mut titled: HashMap<&str, Option<(EntityId, usize)>> = HashMap::new();
        let mut uses: Vec<(&str, Span)> = Vec::new();
        let mut at = 0;
        while let Some(skip) = haystack[at..].find(|c: char| c.is_ascii_alphabetic()) {
            let start = at + skip;
            let len = haystack[start..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(haystack.len() - start);
            let end = start + len;
            at = end;
            let word = &haystack[start..end];
            let Some(head) = TITLE_HEADS.iter().find(|h| h.eq_ignore_ascii_case(word)) else {
                continue;
            };
            // "Vice-President Dick Cheney", "Prime Minister John Howard": another office,
            // which "the president" and "the minister" do not name.
            let prev = last_word(&haystack[..start]);
            if haystack[..start].ends_with('-')
                || OTHER_OFFICES.iter().any(|w| w.eq_ignore_ascii_case(prev))
                || known.overlaps(Span::new(start, end))
            {
                continue;
            }
            let after = &haystack[end..];
            if after.strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_uppercase)) {
                // A title before a name: whose, if a known person's?
                let named = starts.get(&(end + 1)).copied();
                let entry = titled.entry(head).or_insert(named.map(|e| (e, end)));
                if entry.is_some_and(|(e, _)| named != Some(e)) {
                    *entry = None;
                }
                continue;
            }
            if after.starts_with('-')
                || [" of ", " for ", " to "].iter().any(|w| after.starts_with(w))
            {
                continue;
            }
            // "the Minister", "the US envoy".
            let mut before = &haystack[..start];
            if let Some(m) = before.strip_suffix(' ').and_then(|b| ends.get(&b.len())) {
                if !self.states.contains(&m.entity()) {
                    continue;
                }
                before = &haystack[..m.span().start];
            }
            let before = before.trim_end();
            let Some(rest) = before.strip_suffix("the").or_else(|| before.strip_suffix("The"))
            else {
                continue;
            };
            // "bathe", and "my job as the mayor", which names the office, not its holder.
            if rest.ends_with(char::is_alphanumeric) || last_word(rest).eq_ignore_ascii_case("as") {
                continue;
            }
            uses.push((head, Span::new(start, end)));
        }
        uses.into_iter()
            .filter_map(|(head, span)| {
                let (entity, first) = titled.get(head).copied().flatten()?;
                (span.start > first).then(|| Mention::role_of(entity, span))
            })
            .collect()
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
            // A title's last word alone, for the one person the document names with it.
            (
                "Defence Minister Ariel Sharon spoke. The Minister's office said so.",
                Some(2002),
                &[("ariel_sharon", "Minister")],
            ),
            (
                "Israeli envoy Ehud Barak came. Later the Israeli envoy left.",
                None,
                &[("ehud_barak", "envoy")],
            ),
            // Two people, or someone the gazetteer does not know, with that title: neither.
            (
                "Minister Ariel Sharon and Minister Ehud Barak met. The minister left.",
                Some(2002),
                &[],
            ),
            ("Minister Ariel Sharon and Minister Zorbo Vogt met. The minister left.", None, &[]),
            // Before the title and name, another office, the office itself, another's office.
            ("The envoy came. Envoy Ariel Sharon left.", None, &[]),
            ("Vice-President Ariel Sharon spoke. The president left.", None, &[]),
            ("Envoy Ariel Sharon spoke of his job as the envoy.", None, &[]),
            ("Envoy Ariel Sharon met the envoy of France.", None, &[]),
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
