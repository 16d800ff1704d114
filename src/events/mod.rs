//! Who did what to whom: directed, typed events between the actors a text names.
//!
//! Co-occurrence cannot tell allies from enemies. An [`EventExtractor`] reads each sentence
//! with shallow syntax over the matcher's mentions and the verb phrases of an
//! [`EventDictionary`], and codes what it finds in CAMEO: a source, a target, a code with its
//! quad class, and a Goldstein-style score. There is no parser: the rules look at the words
//! between a mention and a verb phrase, never further than the neighbouring mention or verb,
//! so the cost is linear in the text. The rules are:
//!
//! - **Order**: the source stands before the verb phrase and the target after it, with only
//!   a few words between (auxiliaries, adverbs, determiners); a location or time preposition
//!   ("met in Ankara"), a clause boundary or a reporting verb in between breaks the link.
//!   A "that" after the verb opens a clause, whose subject is no target ("warned that Iran
//!   could leave").
//! - **Apposition**: "Rafael Grossi, director general of the IAEA, met Y" and "Saddam
//!   Haftar, now deputy commander, visited Cairo" are the named person's events: words set
//!   apart by commas before the verb are skipped, and an actor inside them is not the source.
//! - **Passive**: "Y was attacked by X" is X → Y, flagged [`EventFlags::is_passive`].
//! - **Coordination**: "X and Y attacked Z" is two events; "X met Y and Z" is two; "X and Y
//!   met", with a reciprocal verb and no target, is one event between them (flagged
//!   [`EventFlags::is_mutual`]). "X attacked Y and shelled Z" shares X.
//! - **Reported speech**: "X said Y attacked Z" is Y → Z, flagged
//!   [`EventFlags::is_reported`]; "X said it attacked Z" gives nothing (the source is unknown).
//! - **Negation and modality**: "did not attack", "never met" are flagged
//!   [`EventFlags::is_negated`]; "could attack", "plans to meet", "threatened to impose
//!   sanctions on" (for the sanctions) are flagged [`EventFlags::is_modal`]. Such events did
//!   not happen; [`EventFlags::is_asserted`] tells the others.
//! - **Agents**: a state followed by a role noun ("Russian forces", "Turkish troops", "Iraqi
//!   police", "US officials") is that state, with the agent type ([`AgentType`]). An
//!   adjectival mention without a role noun ("a Russian proposal") is no actor, but a plural
//!   demonym is the state's people ("killed three Palestinians"), with the agent type civilians.

mod dictionary;
mod petrarch;
mod syntax;
#[cfg(test)]
mod tests;

pub use self::dictionary::{
    CameoCode, EventDictionary, EventDictionaryBuilder, QuadClass, VerbPhrase,
};
pub use self::petrarch::{PetrarchImporter, VerbImport, VerbRow};

use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::gazetteer::EntityId;
use crate::matcher::Mention;
use crate::span::Span;

/// What kind of agent of a state a role noun names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AgentType {
    /// Officials, diplomats, ministries, the government ("US officials").
    Government,
    /// Armed forces: forces, troops, soldiers, the army, warplanes ("Russian forces").
    Military,
    /// Police and security services ("Iraqi police").
    Police,
    /// Rebels, militants, fighters, insurgents ("Kurdish fighters").
    Rebels,
    /// Protesters, activists, civilians ("Iranian protesters").
    Civilians,
}

impl AgentType {
    /// Returns the type's name in the outputs: `government`, `military`, `police`, `rebels`
    /// or `civilians`.
    pub fn as_str(self) -> &'static str {
        match self {
            AgentType::Government => "government",
            AgentType::Military => "military",
            AgentType::Police => "police",
            AgentType::Rebels => "rebels",
            AgentType::Civilians => "civilians",
        }
    }
}

/// One side of an event: the entity, where it is named, and the agent type if a role noun
/// named it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    entity: EntityId,
    span: Span,
    agent: Option<AgentType>,
}

impl Actor {
    /// Returns the entity.
    pub fn entity(&self) -> EntityId {
        self.entity
    }

    /// Returns the byte span naming the actor, role noun included ("Russian forces").
    pub fn span(&self) -> Span {
        self.span
    }

    /// Returns the agent type when a role noun named the actor ("Turkish troops").
    pub fn agent(&self) -> Option<AgentType> {
        self.agent
    }
}

/// Qualifications of an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EventFlags {
    negated: bool,
    modal: bool,
    passive: bool,
    reported: bool,
    mutual: bool,
}

impl EventFlags {
    /// Returns true if the verb is negated ("did not attack", "never met").
    pub fn is_negated(&self) -> bool {
        self.negated
    }

    /// Returns true if the event is only possible, planned, threatened or wished for ("could
    /// attack", "plans to meet", "threatened to impose sanctions on").
    pub fn is_modal(&self) -> bool {
        self.modal
    }

    /// Returns true if the sentence is in the passive voice ("was attacked by").
    pub fn is_passive(&self) -> bool {
        self.passive
    }

    /// Returns true if the sentence reports someone's words ("X said Y attacked Z").
    pub fn is_reported(&self) -> bool {
        self.reported
    }

    /// Returns true if the verb is reciprocal (meetings, talks, agreements): the source and
    /// target could be swapped.
    pub fn is_mutual(&self) -> bool {
        self.mutual
    }

    /// Returns true if the event is told as having happened: neither negated nor modal.
    pub fn is_asserted(&self) -> bool {
        !self.negated && !self.modal
    }

    /// Returns the names of the flags set, in a fixed order: `negated`, `modal`, `passive`,
    /// `reported`, `mutual`.
    ///
    /// ```
    /// use actorgraph::EventFlags;
    ///
    /// assert_eq!(EventFlags::default().names().count(), 0);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        let all = [
            (self.negated, "negated"),
            (self.modal, "modal"),
            (self.passive, "passive"),
            (self.reported, "reported"),
            (self.mutual, "mutual"),
        ];
        all.into_iter().filter(|(on, _)| *on).map(|(_, name)| name)
    }
}

/// One coded event: who did what to whom, in which sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CodedEvent {
    source: Actor,
    target: Actor,
    code: CameoCode,
    score: f32,
    verb: Span,
    sentence: Span,
    flags: EventFlags,
}

impl CodedEvent {
    /// Returns the actor who acts.
    pub fn source(&self) -> Actor {
        self.source
    }

    /// Returns the actor acted upon.
    pub fn target(&self) -> Actor {
        self.target
    }

    /// Returns the CAMEO code of the verb phrase.
    pub fn code(&self) -> CameoCode {
        self.code
    }

    /// Returns the quad class of the code.
    pub fn quad_class(&self) -> QuadClass {
        self.code.quad_class()
    }

    /// Returns the Goldstein-style score, from -10 to 10.
    pub fn score(&self) -> f32 {
        self.score
    }

    /// Returns the byte span of the verb phrase (the words before its target slot).
    pub fn verb(&self) -> Span {
        self.verb
    }

    /// Returns the byte span of the sentence.
    pub fn sentence(&self) -> Span {
        self.sentence
    }

    /// Returns the event's flags.
    pub fn flags(&self) -> EventFlags {
        self.flags
    }
}

/// Configures and builds an [`EventExtractor`].
#[derive(Clone, Debug)]
pub struct EventExtractorBuilder {
    agents: bool,
    max_group: usize,
}

impl Default for EventExtractorBuilder {
    fn default() -> EventExtractorBuilder {
        EventExtractorBuilder::new()
    }
}

impl EventExtractorBuilder {
    /// Creates a builder: role nouns on, coordinated groups of up to 8 actors.
    pub fn new() -> EventExtractorBuilder {
        EventExtractorBuilder { agents: true, max_group: 8 }
    }

    /// Sets whether a state followed by a role noun ("Russian forces") is an actor with an
    /// agent type. Without it, adjectival mentions are never actors. On by default.
    pub fn agents(&mut self, yes: bool) -> &mut EventExtractorBuilder {
        self.agents = yes;
        self
    }

    /// Sets how many members of a coordinated group ("A, B and C") take part in events; the
    /// rest are left out. This bounds the events of one verb phrase, and so keeps the work
    /// linear. 8 by default; at least 1.
    pub fn max_group(&mut self, n: usize) -> &mut EventExtractorBuilder {
        self.max_group = n.max(1);
        self
    }

    /// Compiles the dictionary's verb phrases.
    ///
    /// # Errors
    ///
    /// Returns an error if the automaton cannot be built.
    pub fn build(&self, dictionary: &EventDictionary) -> Result<EventExtractor> {
        let mut heads: Vec<&str> = Vec::new();
        let mut forms: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for (i, phrase) in dictionary.phrases().enumerate() {
            let slot = *index.entry(phrase.head()).or_insert_with(|| {
                heads.push(phrase.head());
                forms.push(Vec::new());
                heads.len() - 1
            });
            forms[slot].push(i);
        }
        let phrases: Vec<VerbPhrase> = dictionary.phrases().cloned().collect();
        // A form with a tail is tried before the bare one of the same head.
        for list in &mut forms {
            list.sort_by_key(|&i| phrases[i].tail().is_none());
        }
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&heads)
            .map_err(|err| Error::new(ErrorKind::Build(err.to_string())))?;
        let (agents, max_group) = (self.agents, self.max_group);
        Ok(EventExtractor { inner: Arc::new(Inner { finder, forms, phrases, agents, max_group }) })
    }
}

/// Finds coded events in texts whose mentions and sentences are known. Cheap to clone and
/// safe to share between threads.
///
/// ```
/// use actorgraph::{AgentType, EventDictionary, EventExtractor, Gazetteer, Matcher, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let matcher = Matcher::new(&gaz)?;
/// let extractor = EventExtractor::new(&EventDictionary::builtin())?;
/// let text = "Turkish troops attacked Syria. Iran and Iraq signed an agreement.";
/// let mentions = matcher.find_all(text);
/// let events = extractor.extract(text, &mentions, Segmenter::new().segment(text).sentences());
/// let id = |a: actorgraph::Actor| gaz.get(a.entity()).unwrap().id();
/// let coded: Vec<(&str, &str, String)> =
///     events.iter().map(|e| (id(e.source()), id(e.target()), e.code().to_string())).collect();
/// assert_eq!(coded[0], ("TUR", "SYR", "190".to_string()));
/// assert_eq!(events[0].source().agent(), Some(AgentType::Military));
/// assert_eq!(coded[1], ("IRN", "IRQ", "057".to_string()));
/// assert_eq!(events[1].quad_class().as_str(), "verbal_cooperation");
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct EventExtractor {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    finder: AhoCorasick,
    /// For each automaton pattern: the phrases with that head, tailed ones first.
    forms: Vec<Vec<usize>>,
    phrases: Vec<VerbPhrase>,
    agents: bool,
    max_group: usize,
}

impl EventExtractor {
    /// Builds an extractor with the default rules.
    ///
    /// # Errors
    ///
    /// Returns an error if the automaton cannot be built.
    pub fn new(dictionary: &EventDictionary) -> Result<EventExtractor> {
        EventExtractorBuilder::new().build(dictionary)
    }

    /// Returns a builder.
    pub fn builder() -> EventExtractorBuilder {
        EventExtractorBuilder::new()
    }

    /// Returns the verb phrase forms the extractor searches for.
    pub fn phrases(&self) -> &[VerbPhrase] {
        &self.inner.phrases
    }

    /// A hash of what decides the events: every phrase (form, code, score, mutual flag) and
    /// the rules' options. Partial results of event counts merge only when it is equal.
    pub(crate) fn fingerprint(&self) -> u128 {
        let mut hash = crate::hash::ContentHash::default();
        for phrase in &self.inner.phrases {
            hash.bytes(phrase.form().as_bytes())
                .bytes(phrase.code().as_str().as_bytes())
                .bytes(&phrase.score().to_le_bytes())
                .bytes(&[u8::from(phrase.is_mutual())]);
        }
        hash.bytes(&[u8::from(self.inner.agents)]).bytes(&self.inner.max_group.to_le_bytes());
        hash.finish()
    }

    /// Returns the events of `text`, in text order, given its `mentions` (in text order, as
    /// [`Matcher::find_all`](crate::Matcher::find_all) gives them) and its `sentences`. Spans
    /// outside the text, or not on character boundaries, are ignored, never a panic.
    pub fn extract(&self, text: &str, mentions: &[Mention], sentences: &[Span]) -> Vec<CodedEvent> {
        let mut events = Vec::new();
        self.extract_into(text, mentions, sentences, &mut events);
        events
    }

    /// Appends the events of `text` to `events`, as [`EventExtractor::extract`] does.
    pub fn extract_into(
        &self,
        text: &str,
        mentions: &[Mention],
        sentences: &[Span],
        events: &mut Vec<CodedEvent>,
    ) {
        syntax::extract(&self.inner, text, mentions, sentences, events);
    }
}
