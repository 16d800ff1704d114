//! Shallow syntax over one sentence: actors and verb phrases in text order, and the words
//! between them.
//!
//! A sentence becomes a list of items: groups of coordinated actors and verb phrases. The
//! words between two neighbouring items (a gap) are read once and summarised ([`Gap`]); every
//! rule looks only at an item, its neighbours and the gaps between them, so the work is linear
//! in the sentence, and the events of one verb phrase are bounded by the group size.

use std::borrow::Cow;
#[cfg(test)]
use std::cell::Cell;

use super::{Actor, AgentType, CodedEvent, EventFlags, Inner, VerbPhrase};
use crate::matcher::{Mention, at_word_boundary};
use crate::span::Span;

#[cfg(test)]
thread_local! {
    /// The work done on this thread: bytes read and items built, for the linear-time test.
    static WORK: Cell<usize> = const { Cell::new(0) };
}

/// Counts `n` steps of work (in tests only).
#[inline]
fn count(n: usize) {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get() + n));
    #[cfg(not(test))]
    let _ = n;
}

#[cfg(test)]
pub(super) fn reset_work() {
    WORK.with(|w| w.set(0));
}

#[cfg(test)]
pub(super) fn work() -> usize {
    WORK.with(Cell::get)
}

/// The class of a word (or punctuation mark) in a gap, as bits.
mod class {
    pub(super) const AND: u16 = 1;
    pub(super) const COMMA: u16 = 1 << 1;
    pub(super) const DET: u16 = 1 << 2;
    pub(super) const BY: u16 = 1 << 3;
    pub(super) const TO: u16 = 1 << 4;
    pub(super) const AUX: u16 = 1 << 5;
    pub(super) const PASSIVE: u16 = 1 << 6;
    pub(super) const NEG: u16 = 1 << 7;
    pub(super) const MODAL: u16 = 1 << 8;
    pub(super) const SPEECH: u16 = 1 << 9;
    pub(super) const CLAUSE: u16 = 1 << 10;
    pub(super) const PLACE: u16 = 1 << 11;
    pub(super) const REFUSE: u16 = 1 << 12;
    pub(super) const BARRIER: u16 = 1 << 13;
    pub(super) const ADVERB: u16 = 1 << 14;
    pub(super) const THAT: u16 = 1 << 15;
}

use class::*;

/// The class of a lower-case word.
fn word_class(word: &str) -> u16 {
    match word {
        "and" | "&" | "but" => AND,
        "the" | "a" | "an" | "its" | "their" | "his" | "her" | "both" => DET,
        "by" => BY,
        "that" => THAT,
        "to" => TO,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "get" | "gets" | "got" => {
            AUX | PASSIVE
        }
        "has" | "have" | "had" | "do" | "does" | "did" | "also" | "then" | "later"
        | "reportedly" | "allegedly" | "already" | "again" | "jointly" | "formally"
        | "repeatedly" => AUX,
        "not" | "never" | "no" | "neither" | "nor" => NEG,
        "could" | "might" | "may" | "would" | "will" | "shall" | "should" | "can" | "must" => MODAL,
        "cannot" => MODAL | NEG,
        "plan" | "plans" | "planned" | "planning" | "want" | "wants" | "wanted" | "intend"
        | "intends" | "intended" | "hope" | "hopes" | "hoped" | "aim" | "aims" | "aimed"
        | "seek" | "seeks" | "sought" | "try" | "tries" | "tried" | "vow" | "vows" | "vowed"
        | "pledged" | "promised" | "expects" | "expected" | "ready" | "prepared" | "likely"
        | "willing" | "going" | "set" | "agreed" | "agrees" | "offered" | "offers" => MODAL,
        "said" | "says" | "say" | "told" | "tells" | "stated" | "claimed" | "claims" | "added"
        | "alleged" | "according" | "insisted" | "argued" | "reported" | "announced" => SPEECH,
        "after" | "before" | "when" | "while" | "because" | "since" | "although" | "though"
        | "if" | "unless" | "whereas" | "until" | "whether" => CLAUSE,
        "in" | "at" | "near" | "into" | "across" | "outside" | "inside" | "around" | "over"
        | "during" | "on" | "from" | "within" | "throughout" | "for" | "last" | "this" => PLACE,
        "refused" | "refuses" | "refuse" | "declined" | "declines" | "decline" | "failed"
        | "fails" | "fail" => REFUSE,
        _ if word.ends_with("n't") || word.ends_with("n’t") => NEG | AUX,
        _ if word.len() > 4 && word.ends_with("ly") => ADVERB,
        _ => 0,
    }
}

/// A summary of the words between two items.
#[derive(Clone, Copy, Debug, Default)]
struct Gap {
    /// Words (not punctuation).
    words: usize,
    /// Words of no class: nouns, adjectives, adverbs.
    others: usize,
    /// The classes of every token, or-ed.
    all: u16,
    /// The class of the first token (a comma counts) and of the first word.
    first: u16,
    first_word: u16,
    /// The classes of the last three words, the last one last.
    last: [u16; 3],
    /// Whether the gap starts with a possessive `'s`.
    possessive: bool,
    /// Whether the last token was a comma (", and" is a clause break).
    after_comma: bool,
}

/// A token that tells whether an event is reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Speech,
    Comma,
    And,
    /// A clause boundary: a semicolon, "and" or "but" after a comma, or a word such as
    /// "while" or "after".
    Break,
}

impl Gap {
    fn scan(text: &str, span: Span, marks: &mut Vec<(usize, Mark)>) -> Gap {
        let mut gap = Gap::default();
        let slice = &text[span.range()];
        count(slice.len() + 1);
        gap.possessive = slice.starts_with("'s") || slice.starts_with("’s");
        let mut word_start = None;
        for (i, c) in slice.char_indices().chain(std::iter::once((slice.len(), ' '))) {
            if c.is_alphanumeric() || (word_start.is_some() && matches!(c, '\'' | '’' | '-')) {
                word_start.get_or_insert(i);
                continue;
            }
            if let Some(start) = word_start.take() {
                gap.word(&slice[start..i], span.start + start, marks);
            }
            let punct = match c {
                ',' => COMMA,
                ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '–' | '[' | ']' => BARRIER,
                '&' => AND,
                _ => 0,
            };
            match c {
                ',' => marks.push((span.start + i, Mark::Comma)),
                ';' => marks.push((span.start + i, Mark::Break)),
                _ => {}
            }
            if punct != 0 {
                gap.token(punct);
                // A comma inside closing quotes still comes before what follows them.
                let quote = matches!(c, '"' | '”' | '’');
                gap.after_comma = punct == COMMA || (quote && gap.after_comma);
            }
        }
        gap
    }

    fn token(&mut self, class: u16) {
        if self.all == 0 && self.words == 0 && self.first == 0 {
            self.first = class;
        }
        self.all |= class;
    }

    fn word(&mut self, word: &str, at: usize, marks: &mut Vec<(usize, Mark)>) {
        let lower: Cow<'_, str> = if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        // A possessive 's is not a word of its own.
        if self.words == 0 && self.possessive && (lower == "s") {
            return;
        }
        let class = word_class(&lower);
        if self.words == 0 {
            self.first_word = class;
        }
        self.token(class);
        self.words += 1;
        self.others += usize::from(class == 0);
        self.last = [self.last[1], self.last[2], class];
        if class & SPEECH != 0 {
            marks.push((at, Mark::Speech));
        } else if class & AND != 0 {
            marks.push((at, if self.after_comma { Mark::Break } else { Mark::And }));
        } else if class & CLAUSE != 0 {
            marks.push((at, Mark::Break));
        }
        self.after_comma = false;
    }

    fn has(&self, class: u16) -> bool {
        self.all & class != 0
    }

    /// No clause boundary or reporting verb.
    fn is_open(&self) -> bool {
        !self.has(BARRIER | CLAUSE | SPEECH)
    }

    /// Between two members of a group: "and", a comma, a determiner, one other word.
    fn coordinates(&self) -> bool {
        self.is_open()
            && self.has(AND | COMMA)
            && !self.has(PLACE | BY | TO | AUX | MODAL | NEG)
            && self.words <= 4
            && self.others <= 1
    }

    /// Between a subject and its verb: a few auxiliaries, adverbs or an apposition. A noun
    /// right after the mention makes it a modifier ("United States senators supported"),
    /// unless a comma sets it apart ("Saddam Haftar, now deputy commander, visited").
    fn links_subject(&self) -> bool {
        self.is_open()
            && !self.possessive
            && self.first_word & AND == 0
            && (self.words == 0 || self.first_word != 0 || self.is_apposition())
            && self.words <= 6
    }

    /// Words set apart by commas on both sides, with no "and": ", now deputy commander, ".
    fn is_apposition(&self) -> bool {
        self.first == COMMA && self.after_comma && !self.has(AND)
    }

    /// Between a name and the actor of the apposition that follows it: ", director general
    /// of the " in "Rafael Grossi, director general of the IAEA, met".
    fn opens_apposition(&self) -> bool {
        self.is_open() && self.first == COMMA && !self.has(AND) && self.words <= 6
    }

    /// Only a comma: the end of an apposition before its verb.
    fn is_comma(&self) -> bool {
        self.first == COMMA && self.words == 0 && self.all == COMMA
    }

    /// Between a verb and its object: a determiner or a title ("met Russian President"). A
    /// "that" opens a clause, whose subject is no object ("warned that Iran could leave").
    fn links_object(&self) -> bool {
        self.is_open()
            && !self.possessive
            && self.first_word != THAT
            && !self.has(PLACE | AND | BY | TO | AUX | MODAL | NEG | COMMA)
            && self.words <= 4
            && self.others <= 2
    }

    /// Between a passive verb and its agent: "by", then what may stand before an object.
    fn links_agent(&self) -> bool {
        self.first_word == BY
            && self.is_open()
            && !self.has(PLACE | AND | TO | MODAL | NEG | COMMA)
            && self.words <= 4
    }

    /// Between two verbs of one subject: "threatened to impose", "met and attacked".
    fn chains(&self) -> bool {
        self.is_open() && self.words <= 3 && self.others == 0 && !self.has(PLACE | BY | COMMA)
    }

    /// Between the object of one verb and a second verb of the same subject: "and", "but".
    fn coordinates_verbs(&self) -> bool {
        self.is_open() && self.first_word & AND != 0 && self.words <= 3 && !self.has(PLACE)
    }

    fn is_negated(&self) -> bool {
        self.last.iter().any(|c| c & NEG != 0) || (self.last[2] == TO && self.last[1] == REFUSE)
    }

    fn is_modal(&self) -> bool {
        self.last.iter().any(|c| c & MODAL != 0) || (self.last[2] == TO && self.last[1] != REFUSE)
    }

    fn is_passive(&self) -> bool {
        self.last[2] & PASSIVE != 0 || (self.last[1] & PASSIVE != 0 && self.last[2] & AUX != 0)
    }
}

/// What an item of a sentence is.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// Coordinated actors: a range of the sentence's members. `comma` holds the gap before
    /// the last member while only a comma links it: "A, B" is a list only if "and" follows.
    /// `and` is set once "and" links two members: a further link starts a new clause ("A and
    /// B, and C said").
    Group { start: usize, end: usize, comma: Option<Gap>, and: bool },
    /// A verb phrase: a pattern of the automaton.
    Verb { pattern: usize },
}

#[derive(Clone, Copy, Debug)]
struct Item {
    kind: Kind,
    span: Span,
    /// The words between the previous item (or the sentence start) and this one.
    gap: Gap,
    /// Whether a group stands after "in", "at" or "near": a place, not an actor.
    located: bool,
}

/// How one verb phrase was read.
#[derive(Clone, Copy, Debug, Default)]
struct Reading {
    phrase: Option<usize>,
    /// The grammatical subject: an item index of a group.
    subject: Option<usize>,
    /// The object, or the agent of a passive verb: an item index of a group.
    object: Option<usize>,
    passive: bool,
    negated: bool,
    modal: bool,
}

/// The work space of one sentence, kept between sentences to reuse its memory.
#[derive(Default)]
struct Sentence {
    members: Vec<Actor>,
    items: Vec<Item>,
    readings: Vec<Reading>,
    /// The reporting verbs, commas, "and"s and clause breaks of the sentence, in order.
    marks: Vec<(usize, Mark)>,
    /// For each index `i` of `marks`: the last speech and break before it, and the first
    /// speech, comma, "and" and break from it on (`usize::MAX` for none).
    before: Vec<[usize; 2]>,
    after: Vec<[usize; 4]>,
}

pub(super) fn extract(
    inner: &Inner,
    text: &str,
    mentions: &[Mention],
    sentences: &[Span],
    events: &mut Vec<CodedEvent>,
) {
    let valid = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut mentions: Cow<'_, [Mention]> = Cow::Borrowed(mentions);
    if !mentions.iter().all(|m| valid(m.span())) || !mentions.is_sorted_by_key(|m| m.span().start) {
        let mut owned: Vec<Mention> =
            mentions.iter().copied().filter(|m| valid(m.span())).collect();
        owned.sort_by_key(|m| (m.span().start, std::cmp::Reverse(m.span().end)));
        mentions = Cow::Owned(owned);
    }
    let verbs = find_verbs(inner, text);
    let mut work = Sentence::default();
    for &sentence in sentences.iter().filter(|s| valid(**s)) {
        let from = mentions.partition_point(|m| m.span().start < sentence.start);
        let to = mentions.partition_point(|m| m.span().start < sentence.end);
        let vfrom = verbs.partition_point(|(s, _)| s.start < sentence.start);
        let vto = verbs.partition_point(|(s, _)| s.start < sentence.end);
        work.read(inner, text, sentence, &mentions[from..to], &verbs[vfrom..vto]);
        work.emit(inner, sentence, events);
    }
}

/// Every verb phrase of the text standing as whole words, in order.
fn find_verbs(inner: &Inner, text: &str) -> Vec<(Span, usize)> {
    let blocks = |c: Option<char>| c.is_some_and(|c| c == '-' || c.is_alphanumeric());
    inner
        .finder
        .find_iter(text)
        .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_usize()))
        .filter(|(s, _)| at_word_boundary(text, s.start, s.end))
        .filter(|(s, _)| {
            !blocks(text[..s.start].chars().next_back()) && !blocks(text[s.end..].chars().next())
        })
        .collect()
}

impl Sentence {
    /// Turns the sentence into items.
    fn read(
        &mut self,
        inner: &Inner,
        text: &str,
        sentence: Span,
        mentions: &[Mention],
        verbs: &[(Span, usize)],
    ) {
        self.members.clear();
        self.items.clear();
        self.marks.clear();
        let actors = actors(inner, text, sentence, mentions);
        let (mut a, mut v) = (actors.iter().peekable(), verbs.iter().peekable());
        let mut at = sentence.start;
        loop {
            let actor_first = match (a.peek(), v.peek()) {
                (Some(actor), Some((verb, _))) => actor.span.start <= verb.start,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if actor_first {
                let actor = *a.next().expect("peeked");
                if actor.span.start < at || actor.span.end > sentence.end {
                    continue;
                }
                let gap = self.gap(text, Span::new(at, actor.span.start));
                self.push_actor(actor, gap, text, at);
                at = actor.span.end;
            } else {
                let &(span, pattern) = v.next().expect("peeked");
                if span.start < at || span.end > sentence.end {
                    continue;
                }
                let gap = self.gap(text, Span::new(at, span.start));
                self.close_group();
                self.items.push(Item { kind: Kind::Verb { pattern }, span, gap, located: false });
                count(1);
                at = span.end;
            }
        }
        self.gap(text, Span::new(at, sentence.end));
        self.close_group();
        self.index_marks();
        self.readings.clear();
        self.readings.resize(self.items.len(), Reading::default());
        self.read_objects(inner, text, sentence);
        self.read_subjects(inner);
    }

    fn gap(&mut self, text: &str, span: Span) -> Gap {
        Gap::scan(text, span, &mut self.marks)
    }

    /// Indexes the marks for [`Sentence::is_reported`].
    fn index_marks(&mut self) {
        const NONE: usize = usize::MAX;
        let n = self.marks.len();
        self.before.clear();
        self.after.clear();
        let mut last = [NONE; 2];
        for (i, &(_, mark)) in self.marks.iter().enumerate() {
            self.before.push(last);
            match mark {
                Mark::Speech => last[0] = i,
                Mark::Break => last[1] = i,
                _ => {}
            }
        }
        self.before.push(last);
        self.after.resize(n + 1, [NONE; 4]);
        for i in (0..n).rev() {
            let mut next = self.after[i + 1];
            let slot = match self.marks[i].1 {
                Mark::Speech => 0,
                Mark::Comma => 1,
                Mark::And => 2,
                Mark::Break => 3,
            };
            next[slot] = i;
            self.after[i] = next;
        }
    }

    /// Whether the words `lo..hi` are reported: a reporting verb before them in the same
    /// clause ("X said Y attacked Z"), or after them with a comma between and no "and" ("Y
    /// attacked Z, X said"; not "Y met Z and said").
    fn is_reported(&self, lo: usize, hi: usize) -> bool {
        const NONE: usize = usize::MAX;
        let i = self.marks.partition_point(|(at, _)| *at < lo);
        let [speech, brk] = self.before[i];
        if speech != NONE && (brk == NONE || brk < speech) {
            return true;
        }
        let j = self.marks.partition_point(|(at, _)| *at < hi);
        let [speech, comma, and, brk] = self.after[j];
        speech != NONE
            && comma < speech
            && (and == NONE || and > speech)
            && (brk == NONE || brk > speech)
    }

    /// Adds an actor to the group before it, or as a new group.
    fn push_actor(&mut self, actor: Actor, gap: Gap, text: &str, at: usize) {
        if let Some(Item { kind: Kind::Group { end, comma, and, .. }, span, .. }) =
            self.items.last_mut()
        {
            let between = text[at..actor.span.start].trim();
            if is_locative(between) {
                // "officials in Ramallah": where the group is, not another actor.
                span.end = actor.span.end;
                return;
            }
            let blank = between.is_empty();
            if blank || (gap.coordinates() && !*and) {
                if blank {
                    // "Russian President Vladimir Putin": the name stands for the title.
                    self.members.pop();
                    *end -= 1;
                } else {
                    *comma = (!gap.has(AND)).then_some(gap);
                    *and = gap.has(AND);
                }
                self.members.push(actor);
                *end += 1;
                span.end = actor.span.end;
                return;
            }
        }
        self.close_group();
        count(1);
        let start = self.members.len();
        self.members.push(actor);
        let kind = Kind::Group { start, end: start + 1, comma: None, and: false };
        let located = ends_locative(&text[at..actor.span.start]);
        self.items.push(Item { kind, span: actor.span, gap, located });
    }

    /// Ends the last group: a last member linked by a comma alone ("Ukraine, Kerry said")
    /// becomes a group of its own.
    fn close_group(&mut self) {
        let Some(item) = self.items.last_mut() else { return };
        let Kind::Group { start, end, comma: Some(gap), and } = item.kind else { return };
        let last = self.members[end - 1];
        item.kind = Kind::Group { start, end: end - 1, comma: None, and };
        item.span.end = self.members[end - 2].span.end;
        let kind = Kind::Group { start: end - 1, end, comma: None, and: false };
        self.items.push(Item { kind, span: last.span, gap, located: false });
    }

    /// Whether item `i` is a group that can be a subject or an object (not a place).
    fn is_group(&self, i: usize) -> bool {
        matches!(self.items.get(i), Some(Item { kind: Kind::Group { .. }, located: false, .. }))
    }

    /// Chooses each verb's form and its object, right to left (a verb chained to the next
    /// takes that one's object).
    fn read_objects(&mut self, inner: &Inner, text: &str, sentence: Span) {
        for i in (0..self.items.len()).rev() {
            let Kind::Verb { pattern } = self.items[i].kind else { continue };
            let next = self.items.get(i + 1).copied();
            let object = next.filter(|n| self.is_group(i + 1) && n.gap.links_object());
            let mut reading = Reading::default();
            for &phrase in &inner.forms[pattern] {
                let form = &inner.phrases[phrase];
                match (form.tail(), object) {
                    (Some(tail), Some(obj)) if follows(text, obj.span.end, sentence.end, tail) => {
                        reading.phrase = Some(phrase);
                        reading.object = Some(i + 1);
                    }
                    (Some(_), _) => continue,
                    (None, _) => {
                        reading.phrase = Some(phrase);
                        reading.object = object.map(|_| i + 1);
                    }
                }
                break;
            }
            let Some(phrase) = reading.phrase else { continue };
            let gap = self.items[i].gap;
            let agent = next.filter(|n| self.is_group(i + 1) && n.gap.links_agent());
            if agent.is_some() && gap.is_passive() {
                reading.passive = true;
                reading.object = Some(i + 1);
            }
            let infinitive = inner.phrases[phrase].head().ends_with(" to");
            let chained = next.filter(|n| {
                matches!(n.kind, Kind::Verb { .. })
                    && n.gap.chains()
                    && (infinitive || n.gap.words == 0 || n.gap.first_word & AND != 0)
            });
            if reading.object.is_none() && chained.is_some() {
                let after = self.readings[i + 1];
                reading.object = after.object.filter(|_| !after.passive);
            }
            self.readings[i] = reading;
        }
    }

    /// Finds each verb's subject, left to right (a verb chained to the one before shares its
    /// subject), and its negation and modality.
    fn read_subjects(&mut self, inner: &Inner) {
        for i in 0..self.items.len() {
            if !matches!(self.items[i].kind, Kind::Verb { .. }) || self.readings[i].phrase.is_none()
            {
                continue;
            }
            let gap = self.items[i].gap;
            let mut reading = self.readings[i];
            reading.negated = gap.is_negated();
            reading.modal = gap.is_modal();
            if i > 0 && self.is_group(i - 1) {
                let shared = i >= 2
                    && gap.coordinates_verbs()
                    && matches!(self.items[i - 2].kind, Kind::Verb { .. })
                    && self.readings[i - 2].object == Some(i - 1);
                if shared {
                    reading.subject = self.readings[i - 2].subject;
                } else if self.in_apposition(i) {
                    reading.subject = Some(i - 2);
                } else if gap.links_subject() {
                    reading.subject = Some(i - 1);
                }
            } else if i > 0 && gap.chains() {
                let before = self.readings[i - 1];
                reading.subject = before.subject;
                let infinitive =
                    before.phrase.is_some_and(|p| inner.phrases[p].head().ends_with(" to"));
                reading.modal |= infinitive;
            }
            self.readings[i] = reading;
        }
    }

    /// Whether the group before verb `i` stands in an apposition to the group before it, so
    /// that the earlier one is the subject: "Rafael Grossi, director general of the IAEA, met"
    /// is Grossi's meeting.
    fn in_apposition(&self, i: usize) -> bool {
        i >= 2
            && self.is_group(i - 2)
            && self.items[i].gap.is_comma()
            && self.items[i - 1].gap.opens_apposition()
    }

    /// Writes the events of the sentence.
    fn emit(&self, inner: &Inner, sentence: Span, events: &mut Vec<CodedEvent>) {
        for (i, reading) in self.readings.iter().enumerate() {
            let Some(phrase) = reading.phrase else { continue };
            let form = &inner.phrases[phrase];
            let (source, target) = match (reading.passive, reading.subject, reading.object) {
                (true, Some(subject), Some(agent)) => (agent, Some(subject)),
                (true, _, _) => continue,
                (false, Some(subject), object) => (subject, object),
                (false, None, _) => continue,
            };
            let mut emit = |s: Actor, t: Actor| {
                count(1);
                if s.entity == t.entity {
                    return;
                }
                let lo = s.span.start.min(t.span.start);
                let hi = s.span.end.max(t.span.end);
                let reported = self.is_reported(lo, hi);
                let flags = EventFlags {
                    negated: reading.negated,
                    modal: reading.modal,
                    passive: reading.passive,
                    reported,
                    mutual: form.is_mutual(),
                };
                events.push(event(s, t, form, self.items[i].span, sentence, flags));
            };
            let sources = self.group(inner, source);
            match target {
                Some(target) => {
                    for &s in sources {
                        for &t in self.group(inner, target) {
                            emit(s, t);
                        }
                    }
                }
                None if form.is_mutual() => {
                    for (k, &s) in sources.iter().enumerate() {
                        for &t in &sources[k + 1..] {
                            emit(s, t);
                        }
                    }
                }
                None => {}
            }
        }
    }

    /// The members of the group at item `i` that take part in events.
    fn group(&self, inner: &Inner, i: usize) -> &[Actor] {
        match self.items[i].kind {
            Kind::Group { start, end, .. } => {
                &self.members[start..end.min(start + inner.max_group)]
            }
            Kind::Verb { .. } => &[],
        }
    }
}

fn event(
    source: Actor,
    target: Actor,
    form: &VerbPhrase,
    verb: Span,
    sentence: Span,
    flags: EventFlags,
) -> CodedEvent {
    CodedEvent { source, target, code: form.code(), score: form.score(), verb, sentence, flags }
}

/// Whether the words between a group and a place say where the group is: "in", "at the".
fn is_locative(between: &str) -> bool {
    let words = between.strip_suffix(" the").unwrap_or(between);
    ["in", "at", "near", "inside", "outside", "based in"]
        .iter()
        .any(|w| words.eq_ignore_ascii_case(w))
}

/// Whether the words before a group end with "in", "at" or "near" (and perhaps "the").
fn ends_locative(before: &str) -> bool {
    let words = before.trim_end();
    let words = words.strip_suffix(" the").unwrap_or(words);
    ["in", "at", "near"].iter().any(|w| {
        words.len() >= w.len()
            && words.is_char_boundary(words.len() - w.len())
            && words[words.len() - w.len()..].eq_ignore_ascii_case(w)
            && !words[..words.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
    })
}

/// Whether the words `tail` follow `at` (after white space), as whole words, before `limit`.
fn follows(text: &str, at: usize, limit: usize, tail: &str) -> bool {
    let rest = &text[at..limit];
    let trimmed = rest.trim_start();
    let start = at + (rest.len() - trimmed.len());
    let end = start + tail.len();
    trimmed.len() >= tail.len()
        && text.is_char_boundary(end)
        && text[start..end].eq_ignore_ascii_case(tail)
        && at_word_boundary(text, start, end)
        && start > at
}

/// The sentence's actors: its mentions, with role nouns taken in; adjectival mentions without
/// a role noun are left out, and so is a mention overlapping the one before.
fn actors(inner: &Inner, text: &str, sentence: Span, mentions: &[Mention]) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::with_capacity(mentions.len());
    // The role noun of each mention, looked up once: the one before may share it.
    let role_of = |k: usize| {
        let span = mentions[k].span();
        let next = mentions.get(k + 1).map_or(sentence.end, |m| m.span().start.min(sentence.end));
        if inner.agents { role_noun(text, span.end, next.max(span.end)) } else { None }
    };
    let mut next_role = (!mentions.is_empty()).then(|| role_of(0)).flatten();
    for (k, mention) in mentions.iter().enumerate() {
        let role = next_role;
        next_role = (k + 1 < mentions.len()).then(|| role_of(k + 1)).flatten();
        let span = mention.span();
        if span.end > sentence.end || actors.last().is_some_and(|a| a.span.end > span.start) {
            continue;
        }
        let actor = match role {
            Some((end, agent)) => Actor {
                entity: mention.entity(),
                span: Span::new(span.start, end),
                agent: Some(agent),
            },
            // "Egyptian and Emirati officials": both are officials.
            None if mention.is_adjectival() => match (next_role, mentions.get(k + 1)) {
                (Some((_, agent)), Some(next))
                    if next.is_adjectival() && shares(text, span, next.span()) =>
                {
                    Actor { entity: mention.entity(), span, agent: Some(agent) }
                }
                // "killed three Palestinians": a plural demonym is the state's people.
                _ if is_plural_demonym(&text[span]) => {
                    Actor { entity: mention.entity(), span, agent: Some(AgentType::Civilians) }
                }
                _ => continue,
            },
            None => Actor { entity: mention.entity(), span, agent: None },
        };
        actors.push(actor);
    }
    actors
}

/// Whether an adjectival mention is a plural demonym, a noun for a state's people
/// ("Palestinians", "Israelis", "Afghans"), not an adjective ("Palestinian", "Swiss").
fn is_plural_demonym(surface: &str) -> bool {
    surface.ends_with('s')
        && !surface.ends_with("ss")
        && surface.len() > 4
        && surface.chars().rev().nth(1).is_some_and(|c| c.is_lowercase())
}

/// Whether only "and", "or" or a comma stands between two adjectival mentions, so that they
/// share the role noun after the second.
fn shares(text: &str, first: Span, second: Span) -> bool {
    let Some(between) = text.get(first.end..second.start) else { return false };
    let between = between.trim();
    between == "," || between.eq_ignore_ascii_case("and") || between.eq_ignore_ascii_case("or")
}

/// The words that name an agent of a state, and which; `None` marks a word that may come
/// before one ("security forces").
const ROLE_NOUNS: &[(&str, Option<AgentType>)] = &[
    ("forces", Some(AgentType::Military)),
    ("force", Some(AgentType::Military)),
    ("troops", Some(AgentType::Military)),
    ("soldiers", Some(AgentType::Military)),
    ("army", Some(AgentType::Military)),
    ("military", Some(AgentType::Military)),
    ("navy", Some(AgentType::Military)),
    ("units", Some(AgentType::Military)),
    ("jets", Some(AgentType::Military)),
    ("warplanes", Some(AgentType::Military)),
    ("aircraft", Some(AgentType::Military)),
    ("drones", Some(AgentType::Military)),
    ("artillery", Some(AgentType::Military)),
    ("tanks", Some(AgentType::Military)),
    ("marines", Some(AgentType::Military)),
    ("warships", Some(AgentType::Military)),
    ("commanders", Some(AgentType::Military)),
    ("positions", Some(AgentType::Military)),
    ("guards", Some(AgentType::Military)),
    ("police", Some(AgentType::Police)),
    ("policemen", Some(AgentType::Police)),
    ("officers", Some(AgentType::Police)),
    ("gendarmes", Some(AgentType::Police)),
    ("rebels", Some(AgentType::Rebels)),
    ("militants", Some(AgentType::Rebels)),
    ("fighters", Some(AgentType::Rebels)),
    ("insurgents", Some(AgentType::Rebels)),
    ("militia", Some(AgentType::Rebels)),
    ("militias", Some(AgentType::Rebels)),
    ("militiamen", Some(AgentType::Rebels)),
    ("guerrillas", Some(AgentType::Rebels)),
    ("gunmen", Some(AgentType::Rebels)),
    ("separatists", Some(AgentType::Rebels)),
    ("protesters", Some(AgentType::Civilians)),
    ("protestors", Some(AgentType::Civilians)),
    ("demonstrators", Some(AgentType::Civilians)),
    ("activists", Some(AgentType::Civilians)),
    ("civilians", Some(AgentType::Civilians)),
    ("government", Some(AgentType::Government)),
    ("officials", Some(AgentType::Government)),
    ("authorities", Some(AgentType::Government)),
    ("ministry", Some(AgentType::Government)),
    ("diplomats", Some(AgentType::Government)),
    ("diplomat", Some(AgentType::Government)),
    ("envoy", Some(AgentType::Government)),
    ("envoys", Some(AgentType::Government)),
    ("negotiators", Some(AgentType::Government)),
    ("delegation", Some(AgentType::Government)),
    ("embassy", Some(AgentType::Government)),
    ("leaders", Some(AgentType::Government)),
    ("leadership", Some(AgentType::Government)),
    ("administration", Some(AgentType::Government)),
    ("regime", Some(AgentType::Government)),
    ("president", Some(AgentType::Government)),
    ("minister", Some(AgentType::Government)),
    ("ministers", Some(AgentType::Government)),
    ("ambassador", Some(AgentType::Government)),
    ("security", None),
    ("armed", None),
    ("special", None),
    ("air", None),
    ("naval", None),
    ("border", None),
    ("riot", None),
    ("coast", None),
    ("state", None),
    ("opposition", None),
    ("foreign", None),
    ("defence", None),
    ("defense", None),
    ("interior", None),
    ("elite", None),
    ("ground", None),
    ("prime", None),
];

/// The most specific agent type wins: "government forces" are military.
fn rank(agent: AgentType) -> u8 {
    match agent {
        AgentType::Military => 5,
        AgentType::Police => 4,
        AgentType::Rebels => 3,
        AgentType::Civilians => 2,
        AgentType::Government => 1,
    }
}

/// Reads up to three role words after `at` ("Army units", "security forces"), before `limit`.
/// Returns where the last role noun ends and the agent type.
fn role_noun(text: &str, at: usize, limit: usize) -> Option<(usize, AgentType)> {
    let mut pos = at;
    let rest = text.get(at..limit)?;
    if rest.starts_with("'s") || rest.starts_with("’s") {
        pos += if rest.starts_with('\'') { 2 } else { "’s".len() };
    }
    let mut found: Option<(usize, AgentType)> = None;
    for _ in 0..3 {
        let rest = &text[pos..limit];
        let word = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        let skipped = rest.len() - word.len();
        if skipped == 0 {
            break;
        }
        let len = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
        count(skipped + len);
        let lower = word[..len].to_lowercase();
        let Some(&(_, agent)) = ROLE_NOUNS.iter().find(|(noun, _)| *noun == lower) else {
            break;
        };
        pos += skipped + len;
        if let Some(agent) = agent {
            let better = found.is_none_or(|(_, old)| rank(agent) >= rank(old));
            let kept = if better { agent } else { found.map_or(agent, |(_, old)| old) };
            found = Some((pos, kept));
        }
    }
    found
}
