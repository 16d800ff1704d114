//! Finding gazetteer names in text.
//!
//! A [`Matcher`] is compiled once from a [`Gazetteer`] and then searches any number of texts.
//! It makes one pass over each text with one of two engines (Aho-Corasick, or an anchored trie
//! for very large gazetteers: see [`Engine`]), collecting every candidate name, and keeps the
//! candidates that pass the word-boundary and case rules. Among those it takes the leftmost,
//! then the longest, and so on without overlap. Because invalid candidates are dropped before
//! the choice, a longer name that fails a rule never hides a shorter one that passes.

pub(crate) mod acronyms;
mod bodies;
mod engine;
pub(crate) mod names;
mod roles;
mod rules;
mod saved;
mod spaces;
pub(crate) mod speakers;
mod surnames;
mod terms;
mod trie;
mod urls;

pub use self::engine::Engine;
use self::engine::{Names, Search};
pub(crate) use self::rules::at_word_boundary;
use self::trie::Trie;

use std::marker::PhantomData;
use std::sync::Arc;

use serde::Serialize;

use crate::error::Result;
use crate::gazetteer::{Alias, EntityId, EntityKind, Gazetteer};
use crate::span::Span;

/// How letter case is compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum CaseMode {
    /// The gazetteer's rules: acronyms and `=` names match exactly; in other names, a capital
    /// that starts a word must be a capital in the text, and other letters match either case.
    #[default]
    Gazetteer,
    /// Every name matches only exactly as written (or in its listed variants).
    Exact,
    /// Every name matches whatever the case of its ASCII letters.
    Insensitive,
}

/// Whether a match must stand as a whole word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Boundary {
    /// No letter, digit or combining mark may touch a match on either side.
    #[default]
    Word,
    /// Matches may start and end anywhere.
    None,
}

/// Configures and builds a [`Matcher`].
#[derive(Clone, Debug)]
pub struct MatcherBuilder {
    case: CaseMode,
    boundary: Boundary,
    adjectives: bool,
    name_parts: bool,
    surnames: bool,
    roles: bool,
    engine: Engine,
}

impl Default for MatcherBuilder {
    fn default() -> MatcherBuilder {
        MatcherBuilder::new()
    }
}

impl MatcherBuilder {
    /// Creates a builder with the default rules: gazetteer case, word boundaries, adjectival
    /// forms included and the name-part rule on.
    pub fn new() -> MatcherBuilder {
        MatcherBuilder {
            case: CaseMode::default(),
            boundary: Boundary::default(),
            adjectives: true,
            name_parts: true,
            surnames: true,
            roles: true,
            engine: Engine::default(),
        }
    }

    /// Sets the search engine. Every engine gives the same mentions; they differ in build time,
    /// memory and speed (DESIGN.md, "Performance"). [`Engine::Auto`] by default.
    pub fn engine(&mut self, engine: Engine) -> &mut MatcherBuilder {
        self.engine = engine;
        self
    }

    /// Sets how letter case is compared.
    pub fn case(&mut self, mode: CaseMode) -> &mut MatcherBuilder {
        self.case = mode;
        self
    }

    /// Sets the word-boundary rule.
    pub fn boundary(&mut self, rule: Boundary) -> &mut MatcherBuilder {
        self.boundary = rule;
        self
    }

    /// Sets whether adjectival forms ("Russian", "Saudi-led") count as mentions.
    pub fn adjectives(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.adjectives = yes;
        self
    }

    /// Sets whether a state or place name that is part of a longer capitalised name absent from
    /// the gazetteer is dropped: "Georgia Hayes", "Chad Johnson" and "Denzel Washington" give
    /// no state or city, while "Iran Foreign Minister" and "Iraq War" keep theirs. On by
    /// default. Headings and Title Case lines are exempt.
    ///
    /// ```
    /// use actorgraph::{Gazetteer, MatcherBuilder};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "By Georgia Hayes in Tbilisi, Georgia. Iran Foreign Minister spoke.";
    /// let on = MatcherBuilder::new().build(&gaz)?;
    /// let found: Vec<&str> = on.find_iter(text).map(|m| &text[m.span()]).collect();
    /// assert_eq!(found, ["Tbilisi", "Georgia", "Iran"]);
    /// let off = MatcherBuilder::new().name_parts(false).build(&gaz)?;
    /// assert_eq!(off.find_all(text).len(), 4);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn name_parts(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.name_parts = yes;
        self
    }

    /// Sets whether a person's bare surname resolves to them after their full name has
    /// appeared in the same text ("Antony Blinken ... Blinken said"). A surname shared by two
    /// people named in the text stays unresolved. The same switch resolves a surname after a
    /// title ("Mr Howard", "President Bush") to the one office-holder of the time, as
    /// [`Matcher::find_all_in_year`] tells, and a given name used alone ("Osama") to the one
    /// person named in full in the text who has it. On by default.
    ///
    /// ```
    /// use actorgraph::{Gazetteer, MatcherBuilder};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Yahya Sinwar was named. Sinwar said nothing.";
    /// let on = MatcherBuilder::new().build(&gaz)?;
    /// assert_eq!(on.find_all(text).len(), 2);
    /// let off = MatcherBuilder::new().surnames(false).build(&gaz)?;
    /// assert_eq!(off.find_all(text).len(), 1);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn surnames(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.surnames = yes;
        self
    }

    /// Sets whether role mentions count: an office that names its one holder without the
    /// holder's name, resolved from the gazetteer's offices and years ("the Israeli Prime
    /// Minister", "Turkey's foreign minister", "the President of France", or "the
    /// Governor-General" in a document that names the governor-general). The mention spans
    /// the office's words and is flagged ([`Mention::is_role`]). A state before or after the
    /// office decides whose office it is; with only "the" before it, the holder must be
    /// named elsewhere in the document. Only a single holder in the document's year (or the
    /// years its other office-holders have in common) is taken. On by default.
    ///
    /// The same option resolves public bodies named by their head alone ("the Senate",
    /// "Pakistan's Foreign Ministry") to the body of the state or place next to the head, or
    /// else of the one the document names most: like an office, such a name leaves its owner
    /// to the context.
    ///
    /// ```
    /// use actorgraph::{Gazetteer, MatcherBuilder};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "The Israeli Prime Minister flew to Washington.";
    /// let on = MatcherBuilder::new().build(&gaz)?;
    /// let role = on.find_all_in_year(text, Some(2002)).into_iter().find(|m| m.is_role()).unwrap();
    /// assert_eq!(&text[role.span()], "Prime Minister");
    /// assert_eq!(gaz.get(role.entity()).unwrap().id(), "ariel_sharon");
    /// let off = MatcherBuilder::new().roles(false).build(&gaz)?;
    /// assert!(off.find_all_in_year(text, Some(2002)).iter().all(|m| !m.is_role()));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn roles(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.roles = yes;
        self
    }

    /// Compiles the gazetteer's names into a matcher.
    ///
    /// # Errors
    ///
    /// Returns an error if the automaton cannot be built, for example when it would be too large.
    pub fn build(&self, gazetteer: &Gazetteer) -> Result<Matcher> {
        let mut names = Names::default();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (entity, entry) in gazetteer.iter() {
            for alias in entry.aliases().iter().filter(|a| self.adjectives || !a.is_adjectival()) {
                let pattern = self.pattern(entity, entry.kind(), alias);
                variants(alias, self.case, |text| {
                    names.push(text);
                    patterns.push(pattern);
                });
            }
        }
        let engine = self.engine.resolve(patterns.len());
        let search = Search::new(engine, &names, self.case, self.boundary)?;
        Ok(self.assemble(gazetteer, search, names, patterns))
    }

    /// Puts a matcher together from its built (or loaded) parts.
    fn assemble(
        &self,
        gazetteer: &Gazetteer,
        search: Search,
        names: Names,
        patterns: Vec<Pattern>,
    ) -> Matcher {
        let terms = if self.surnames || self.roles {
            terms::Terms::new(gazetteer)
        } else {
            Default::default()
        };
        let surnames = if self.surnames {
            surnames::Surnames::new(gazetteer, terms.clone())
        } else {
            Default::default()
        };
        let roles =
            if self.roles { roles::Roles::new(gazetteer, terms) } else { Default::default() };
        let bodies = if self.roles { bodies::Bodies::new(gazetteer) } else { Default::default() };
        let config = self.clone();
        let homes = gazetteer
            .iter()
            .map(|(id, entry)| match entry.kind() {
                EntityKind::State => Some(id),
                _ => entry
                    .affiliation_id()
                    .or(entry.country_id())
                    .and_then(|state| gazetteer.lookup(state)),
            })
            .collect();
        let kinds = gazetteer.iter().map(|(_, e)| e.kind()).collect();
        let ties = gazetteer.iter().map(|(_, entry)| bodies_served(gazetteer, entry)).collect();
        // A person's years are those of a role; only other entities' years are a lifespan.
        let lifespans = gazetteer
            .entries()
            .map(|e| match e.years() {
                _ if e.kind() == EntityKind::Person => None,
                (None, None) => None,
                years => Some(years),
            })
            .collect();
        let inner = Inner {
            search,
            names,
            patterns,
            surnames,
            roles,
            bodies,
            homes,
            ties,
            lifespans,
            kinds,
            config,
        };
        Matcher { inner: Arc::new(inner) }
    }

    /// The rules that apply to one name of an entity.
    fn pattern(&self, entity: EntityId, kind: EntityKind, alias: &Alias) -> Pattern {
        let exact = match self.case {
            CaseMode::Gazetteer => alias.is_exact(),
            CaseMode::Exact => true,
            CaseMode::Insensitive => false,
        };
        let place_like = matches!(kind, EntityKind::State | EntityKind::Place);
        let name_part_check = self.name_parts && place_like && !alias.is_adjectival();
        Pattern {
            entity,
            adjectival: alias.is_adjectival(),
            exact,
            name_part_check,
            context: alias.is_context(),
        }
    }
}

/// Calls `emit` with each spelling of one name that is searched for: the name itself, with
/// straight and curly apostrophes swapped, and in full upper case where that differs beyond
/// ASCII (only possible for a name with a non-ASCII letter).
fn variants<F: FnMut(&str)>(alias: &Alias, case: CaseMode, mut emit: F) {
    let text = alias.text();
    let curly = text.contains('\'').then(|| text.replace('\'', "’"));
    let straight = text.contains('’').then(|| text.replace('’', "'"));
    let spellings = [Some(text), curly.as_deref(), straight.as_deref()].into_iter().flatten();
    spellings.clone().for_each(&mut emit);
    if !alias.is_exact() && case != CaseMode::Exact {
        for spelling in spellings.filter(|s| !s.is_ascii()) {
            let upper = spelling.to_uppercase();
            if !upper.eq_ignore_ascii_case(spelling) {
                emit(&upper);
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub(crate) entity: EntityId,
    pub(crate) adjectival: bool,
    pub(crate) exact: bool,
    /// Whether the name-part rule applies (states and places, not adjectival forms).
    pub(crate) name_part_check: bool,
    /// Whether the name is shared and resolved by context (see [`Alias::is_context`]).
    pub(crate) context: bool,
}

#[derive(Debug)]
struct Inner {
    search: Search,
    names: Names,
    patterns: Vec<Pattern>,
    surnames: surnames::Surnames,
    /// Offices and their holders, for role mentions.
    roles: roles::Roles,
    /// Public bodies named by their heads ("the Senate"), resolved by context.
    bodies: bodies::Bodies,
    /// The state each entity belongs to (a state itself), for names resolved by context.
    homes: Vec<Option<EntityId>>,
    /// The bodies each person's offices name ("Governor of the Reserve Bank of Australia"),
    /// for shared names resolved by context.
    ties: Vec<Box<[EntityId]>>,
    /// The years a state or other non-person entity existed, when the gazetteer gives them,
    /// for shared names resolved by date ("Yugoslavia" in 1985 and in 1999).
    lifespans: Vec<Option<(Option<i32>, Option<i32>)>>,
    /// The kind of each entity, for the given-name rule.
    kinds: Vec<EntityKind>,
    config: MatcherBuilder,
}

/// Finds the names of a gazetteer's entities in text. Cheap to clone and safe to share
/// between threads.
///
/// ```
/// use actorgraph::{Gazetteer, Matcher};
///
/// let gaz = Gazetteer::builtin();
/// let matcher = Matcher::new(&gaz)?;
/// let text = "US-Russian talks in Cyprus.";
/// let found: Vec<(&str, &str)> = matcher
///     .find_iter(text)
///     .map(|m| (gaz.get(m.entity()).unwrap().id(), &text[m.span()]))
///     .collect();
/// assert_eq!(found, [("USA", "US"), ("RUS", "Russian"), ("CYP", "Cyprus")]);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Matcher {
    inner: Arc<Inner>,
}

/// One mention of an entity: which entity, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Mention {
    span: Span,
    entity: EntityId,
    adjectival: bool,
    role: bool,
}

impl Mention {
    /// Creates a mention.
    pub fn new(entity: EntityId, span: Span, adjectival: bool) -> Mention {
        Mention { span, entity, adjectival, role: false }
    }

    /// Creates a role mention: an office that names its holder, `entity`, without the
    /// holder's name ("the Israeli Prime Minister"; see [`MatcherBuilder::roles`]).
    pub fn role_of(entity: EntityId, span: Span) -> Mention {
        Mention { span, entity, adjectival: false, role: true }
    }

    /// Returns the entity mentioned.
    pub fn entity(&self) -> EntityId {
        self.entity
    }

    /// Returns the byte span of the mention in the searched text.
    pub fn span(&self) -> Span {
        self.span
    }

    /// Returns true if the mention is an adjectival form ("Russian", "Saudi-led").
    pub fn is_adjectival(&self) -> bool {
        self.adjectival
    }

    /// Returns true if the mention is a role mention: an office that names its holder
    /// without the holder's name ("the Prime Minister said").
    pub fn is_role(&self) -> bool {
        self.role
    }
}

impl Matcher {
    /// Builds a matcher with the default rules.
    ///
    /// # Errors
    ///
    /// Returns an error if the automaton cannot be built.
    pub fn new(gazetteer: &Gazetteer) -> Result<Matcher> {
        MatcherBuilder::new().build(gazetteer)
    }

    /// Returns the number of patterns searched for (names and their variants).
    pub fn pattern_count(&self) -> usize {
        self.inner.patterns.len()
    }

    /// Returns the texts searched for, one per pattern: every alias with its spelling variants
    /// (curly and straight apostrophes, full upper case beyond ASCII).
    ///
    /// ```
    /// use actorgraph::{Gazetteer, Matcher};
    ///
    /// let matcher = Matcher::new(&Gazetteer::builtin())?;
    /// assert_eq!(matcher.patterns().count(), matcher.pattern_count());
    /// assert!(matcher.patterns().any(|p| p == "Russia"));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn patterns(&self) -> impl Iterator<Item = &str> + '_ {
        self.inner.names.iter()
    }

    /// Returns the engine this matcher searches with: [`Engine::AhoCorasick`] or
    /// [`Engine::Trie`], never `Auto`.
    pub fn engine(&self) -> Engine {
        self.inner.search.engine()
    }

    /// Returns the mentions in `haystack`, in order, never overlapping.
    pub fn find_iter<'m, 'h>(&'m self, haystack: &'h str) -> Mentions<'m, 'h> {
        Mentions { inner: self.find_all(haystack).into_iter(), _life: PhantomData }
    }

    /// Returns the mentions in `haystack` as a vector. A titled surname ("President Bush")
    /// is resolved with the years inferred from the other office-holders the text names; use
    /// [`Matcher::find_all_in_year`] when the document's year is known.
    pub fn find_all(&self, haystack: &str) -> Vec<Mention> {
        self.find_all_in_year(haystack, None)
    }

    /// Returns the mentions in a document of `year` (`None` if it is not known): a titled
    /// surname shared by several people resolves to the one in office then.
    ///
    /// ```
    /// use actorgraph::{Gazetteer, Matcher};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let matcher = Matcher::new(&gaz)?;
    /// let text = "President Bush spoke.";
    /// let who = |year| {
    ///     let found = matcher.find_all_in_year(text, Some(year));
    ///     found.first().map(|m| gaz.get(m.entity()).unwrap().id().to_string())
    /// };
    /// assert_eq!(who(2002).as_deref(), Some("george_w_bush"));
    /// assert_eq!(who(1991).as_deref(), Some("george_h_w_bush"));
    /// assert_eq!(who(2015), None);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn find_all_in_year(&self, haystack: &str, year: Option<i32>) -> Vec<Mention> {
        let Some(squeezed) = spaces::Squeezed::new(haystack) else {
            return self.find_in(haystack, year);
        };
        let mut found = self.find_in(squeezed.text(), year);
        for m in &mut found {
            m.span = squeezed.original(m.span);
        }
        found
    }

    /// Finds the mentions in a text whose names are written with single spaces.
    fn find_in(&self, haystack: &str, year: Option<i32>) -> Vec<Mention> {
        let urls = urls::url_spans(haystack);
        let speakers = speakers::label_spans(haystack);
        let mut candidates: Vec<(Mention, bool, bool)> = Vec::new();
        self.inner.search.for_each(haystack, |pid, start, end| {
            let Some(mention) = self.candidate(haystack, pid, start, end) else { return };
            if !urls::in_url(&urls, mention.span) && !urls::in_url(&speakers, mention.span) {
                let pattern = &self.inner.patterns[pid];
                candidates.push((mention, pattern.name_part_check, pattern.context));
            }
        });
        self.choose(haystack, candidates, year)
    }

    /// Chooses among the valid candidates: leftmost, then longest, without overlap; then
    /// applies the name-part rule and resolves surnames.
    fn choose(
        &self,
        haystack: &str,
        mut candidates: Vec<(Mention, bool, bool)>,
        year: Option<i32>,
    ) -> Vec<Mention> {
        // Leftmost first, then longest; the rest of the key makes ties the same whatever
        // order the engine reported them in.
        candidates.sort_unstable_by_key(|&(m, check, context)| {
            (m.span.start, std::cmp::Reverse(m.span.end), m.entity, m.adjectival, check, context)
        });
        let mut chosen: Vec<(Mention, bool)> = Vec::new();
        // For each shared name: its index in `chosen` and every entity it may stand for, each
        // with whether it holds the name as shared.
        let mut shared: Vec<(usize, Vec<(EntityId, bool)>)> = Vec::new();
        let mut last_end = 0;
        let mut last: Option<(Span, bool)> = None;
        for (mention, check, context) in candidates {
            if let Some((_, first_context)) = last.filter(|(span, _)| *span == mention.span) {
                let at = chosen.len() - 1;
                let first = chosen[at].0.entity;
                if mention.entity == first || !(context || first_context) {
                    continue;
                }
                match shared.last_mut() {
                    Some((a, owners)) if *a == at => {
                        if !owners.iter().any(|(e, _)| *e == mention.entity) {
                            owners.push((mention.entity, context));
                        }
                    }
                    _ => shared.push((at, vec![(first, first_context), (mention.entity, context)])),
                }
                continue;
            }
            if mention.span.start >= last_end {
                last_end = mention.span.end;
                last = Some((mention.span, context));
                chosen.push((mention, check));
                if context {
                    shared.push((chosen.len() - 1, vec![(mention.entity, true)]));
                }
            }
        }
        if !shared.is_empty() {
            self.resolve_shared(&mut chosen, shared, year);
        }
        let mut mentions = drop_name_parts(haystack, chosen);
        if self.inner.config.name_parts {
            self.drop_given_names(haystack, &mut mentions);
        }
        let mentions = self.inner.surnames.resolve(haystack, mentions, year);
        let mentions = self.inner.roles.resolve(haystack, mentions, year);
        let mentions = self.inner.bodies.resolve(haystack, mentions);
        acronyms::rebind(haystack, mentions)
    }

    /// Resolves each shared name: with the document's year, among the entities that existed
    /// then (when any did: "Yugoslavia" in 1985 and in 1999); then to the person whose offices'
    /// bodies the document names most ("Ian Macfarlane" in a story about the Reserve Bank is
    /// its governor, not the minister of the same name), then to the entity whose state the
    /// document names most (by its other mentions), or to the entity that owns the name
    /// outright when that does not decide; a shared name with no owner and no decision is
    /// dropped.
    fn resolve_shared(
        &self,
        chosen: &mut Vec<(Mention, bool)>,
        shared: Vec<(usize, Vec<(EntityId, bool)>)>,
        year: Option<i32>,
    ) {
        let lifespans = &self.inner.lifespans;
        let existed = |e: EntityId, year: i32| {
            lifespans.get(e.as_usize()).copied().flatten().is_none_or(|(from, to)| {
                from.is_none_or(|from| from <= year) && to.is_none_or(|to| year <= to)
            })
        };
        let homes = &self.inner.homes;
        let home = |e: EntityId| homes.get(e.as_usize()).copied().flatten();
        let mut named: crate::hash::FastMap<EntityId, usize> = Default::default();
        let mut is_shared = vec![false; chosen.len()];
        for (at, owners) in &shared {
            is_shared[*at] = owners.iter().any(|(_, context)| *context);
        }
        let ties = &self.inner.ties;
        let mut counts: crate::hash::FastMap<EntityId, usize> = Default::default();
        for ((m, _), _) in chosen.iter().zip(&is_shared).filter(|(_, s)| !**s) {
            if let Some(state) = home(m.entity) {
                *named.entry(state).or_default() += 1;
            }
            *counts.entry(m.entity).or_default() += 1;
        }
        // A body named by a shared name ("the Reserve Bank") is each body it may be.
        for (at, owners) in &shared {
            if is_shared[*at] {
                for (e, _) in owners {
                    *counts.entry(*e).or_default() += 1;
                }
            }
        }
        let mut drop = vec![false; chosen.len()];
        for (at, mut owners) in shared {
            if !is_shared[at] {
                continue;
            }
            if let Some(year) = year {
                let then: Vec<(EntityId, bool)> =
                    owners.iter().copied().filter(|(e, _)| existed(*e, year)).collect();
                // The year decides only when it rules some candidate out: a shared name
                // with one candidate and no owner still needs its context.
                if !then.is_empty() && then.len() < owners.len() {
                    if let [(one, _)] = then[..] {
                        chosen[at].0.entity = one;
                        continue;
                    }
                    owners = then;
                }
            }
            // The bodies a candidate serves, then its state.
            let score = |e: EntityId| {
                let served = ties.get(e.as_usize()).map_or(0, |bodies| {
                    bodies.iter().map(|b| counts.get(b).copied().unwrap_or(0)).sum()
                });
                (served, home(e).and_then(|s| named.get(&s)).copied().unwrap_or(0))
            };
            let best = owners.iter().map(|(e, _)| score(*e)).max().unwrap_or((0, 0));
            let top: Vec<EntityId> =
                owners.iter().filter(|(e, _)| score(*e) == best).map(|(e, _)| *e).collect();
            let owner = owners.iter().find(|(_, context)| !context).map(|(e, _)| *e);
            match (best != (0, 0), &top[..], owner) {
                (true, [one], _) => chosen[at].0.entity = *one,
                (_, _, Some(owner)) => chosen[at].0.entity = owner,
                _ => drop[at] = true,
            }
        }
        let mut i = 0;
        chosen.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    /// Removes a person's one-word name used as the given name of someone else: "Abbas" in
    /// "Abbas Kiarostami" is not Mahmoud Abbas. (A one-word name after other capitalised words,
    /// as in "Atal Behari Vajpayee", is kept: that is the person under another spelling.)
    ///
    /// Likewise a one-word name of a person, place or state right after a given name that is
    /// none of that person's is someone else's surname: "Stoltenberg" in "Jason Stoltenberg"
    /// is not Jens Stoltenberg, and "Welsh" in "Matt Welsh" is no mention of Wales.
    fn drop_given_names(&self, haystack: &str, mentions: &mut Vec<Mention>) {
        let kinds = &self.inner.kinds;
        let starts: Vec<usize> = mentions.iter().map(|m| m.span.start).collect();
        let ends: Vec<usize> = mentions.iter().map(|m| m.span.end).collect();
        let mut lines = names::Lines::new(haystack);
        let surnames = &self.inner.surnames;
        mentions.retain(|m| {
            let kind = kinds.get(m.entity.as_usize()).copied();
            let person = kind == Some(EntityKind::Person);
            if haystack[m.span].contains([' ', '.']) || m.role {
                return true;
            }
            if person && names::opens_longer_name(&mut lines, m, &starts) {
                return false;
            }
            let places = matches!(kind, Some(EntityKind::State | EntityKind::Place));
            let Some((at, given)) = names::given_name_before(haystack, m.span.start) else {
                return true;
            };
            // The given name must stand outside every mention, and the line be no headline.
            let outside =
                ends.partition_point(|&e| e <= at) == starts.partition_point(|&s| s <= at);
            let other = if person { !surnames.has_given_name(m.entity, given) } else { places };
            !(outside && other && !lines.title_case(m.span.start))
        });
    }

    /// Checks one raw match against the boundary and case rules.
    fn candidate(&self, haystack: &str, pid: usize, start: usize, end: usize) -> Option<Mention> {
        let inner = &*self.inner;
        if !haystack.is_char_boundary(start) || !haystack.is_char_boundary(end) {
            return None;
        }
        if inner.config.boundary == Boundary::Word && !rules::at_word_boundary(haystack, start, end)
        {
            return None;
        }
        let pattern = inner.patterns[pid];
        let case_ok = inner.config.case == CaseMode::Insensitive
            || rules::case_matches(inner.names.get(pid), &haystack[start..end], pattern.exact);
        case_ok.then(|| Mention::new(pattern.entity, Span::new(start, end), pattern.adjectival))
    }
}

/// Removes the mentions flagged for the name-part rule that look like part of a longer name.
/// Returns `mentions` with `added` merged in, in text order; the passes that add mentions
/// (surnames, roles, bodies) end with it.
fn with_added(mut mentions: Vec<Mention>, added: Vec<Mention>) -> Vec<Mention> {
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_unstable();
    }
    mentions
}

fn drop_name_parts(haystack: &str, chosen: Vec<(Mention, bool)>) -> Vec<Mention> {
    if !chosen.iter().any(|(_, check)| *check) {
        return chosen.into_iter().map(|(m, _)| m).collect();
    }
    let starts: Vec<usize> = chosen.iter().map(|(m, _)| m.span.start).collect();
    let mut ends: Vec<usize> = chosen.iter().map(|(m, _)| m.span.end).collect();
    ends.sort_unstable();
    let mut lines = names::Lines::new(haystack);
    chosen
        .into_iter()
        .filter(|(m, check)| !check || !names::is_name_part(&mut lines, m, &starts, &ends))
        .map(|(m, _)| m)
        .collect()
}

/// An iterator over the mentions in a text. Created by [`Matcher::find_iter`].
#[derive(Debug)]
pub struct Mentions<'m, 'h> {
    inner: std::vec::IntoIter<Mention>,
    _life: PhantomData<(&'m Matcher, &'h str)>,
}

impl Iterator for Mentions<'_, '_> {
    type Item = Mention;

    fn next(&mut self) -> Option<Mention> {
        self.inner.next()
    }
}

/// The bodies a person's offices name, as in "Governor of the Reserve Bank of Australia" or
/// "Chairman of the PLO": what follows the office's first "of", when the gazetteer knows it as
/// a group (or place) by that name.
fn bodies_served(gazetteer: &Gazetteer, entry: &crate::gazetteer::Entry) -> Box<[EntityId]> {
    if entry.kind() != EntityKind::Person {
        return Box::default();
    }
    let mut bodies: Vec<EntityId> = entry
        .offices()
        .iter()
        .filter_map(|office| office.role().split_once(" of ").map(|(_, body)| body.trim()))
        .filter_map(|body| {
            let body = body.strip_prefix("the ").unwrap_or(body);
            gazetteer
                .known_as(EntityKind::Group, body)
                .or_else(|| gazetteer.known_as(EntityKind::Place, body))
        })
        .collect();
    bodies.sort_unstable();
    bodies.dedup();
    bodies.into_boxed_slice()
}
#[cfg(test)]
mod tests;
