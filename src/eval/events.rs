//! Scoring coded events against the events a human coder listed: who did what to whom, per
//! sentence.
//!
//! A coder lists, for each sentence of a covered document, every event it reports as having
//! happened: source, target, CAMEO code, and whether it is mutual (a meeting, talks or an
//! agreement between the two, coded once, its pair unordered). The extractor's asserted events
//! (negated and modal ones left out, as the graph leaves them out by default) are placed in the
//! gold sentence that holds the start of their verb phrase, and the two are compared per
//! sentence as sets, twice: on (source, target, quad class) and on (source, target, root code).
//! A mutual event, gold or found, matches the other side in either direction. Documents the
//! coder did not cover are not scored at all.
//!
//! The formats are in `data/eval/README.md` (the articles written for the project) and
//! `data/eval-lee/README.md` (the stand-off real-news set).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use super::{Counts, Evaluator, GoldDocument, GoldTarget};
use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::events::{Actor, CameoCode, EventExtractor};
use crate::gazetteer::Gazetteer;
use crate::segment::Segmenter;
use crate::span::Span;

/// One hand-coded event: in a sentence, `source` did something coded `code` to `target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldEvent {
    /// The sentence, as byte offsets into the document's text.
    pub sentence: Span,
    /// The actor who acts: the id of a gold mention of the sentence (see
    /// [`GoldMention::actor`](super::GoldMention::actor)).
    pub source: String,
    /// The actor acted upon, named as the source is.
    pub target: String,
    /// The CAMEO code; its root and quad class are scored.
    pub code: CameoCode,
    /// Whether the event is reciprocal and its pair unordered ("X and Y met").
    pub mutual: bool,
}

/// The gold sentences and events of one covered document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoveredDocument {
    /// The sentences, in text order: a found event goes to the one that holds the start of
    /// its verb phrase.
    pub sentences: Vec<Span>,
    /// The events, in the order they were added.
    pub events: Vec<GoldEvent>,
}

/// The hand-coded events of a set of documents, and which documents the coder covered: only
/// those are scored, and a covered document without events counts (every event found in it is
/// a false one).
///
/// ```
/// use actorgraph::{GoldEvent, GoldEvents, Span};
///
/// let mut gold = GoldEvents::new();
/// gold.cover("a", vec![Span::new(0, 24)]);
/// let code = "190".parse().unwrap();
/// let event = GoldEvent {
///     sentence: Span::new(0, 24),
///     source: "RUS".into(),
///     target: "UKR".into(),
///     code,
///     mutual: false,
/// };
/// gold.add("a", event);
/// assert_eq!((gold.documents().count(), gold.len()), (1, 1));
/// assert!(gold.get("b").is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldEvents {
    docs: BTreeMap<String, CoveredDocument>,
}

impl GoldEvents {
    /// Creates a set that covers no document.
    pub fn new() -> GoldEvents {
        GoldEvents::default()
    }

    /// Marks `document` covered, with its sentences (sorted here). Covering it again replaces
    /// the sentences and keeps its events.
    pub fn cover(&mut self, document: &str, mut sentences: Vec<Span>) -> &mut GoldEvents {
        sentences.sort();
        self.docs.entry(document.to_string()).or_default().sentences = sentences;
        self
    }

    /// Adds an event to `document`, covering it if it was not.
    pub fn add(&mut self, document: &str, event: GoldEvent) -> &mut GoldEvents {
        self.docs.entry(document.to_string()).or_default().events.push(event);
        self
    }

    /// Returns a covered document's sentences and events, or `None` if it is not covered.
    pub fn get(&self, document: &str) -> Option<&CoveredDocument> {
        self.docs.get(document)
    }

    /// Returns the names of the covered documents, in order.
    pub fn documents(&self) -> impl Iterator<Item = &str> {
        self.docs.keys().map(String::as_str)
    }

    /// Returns the number of gold events.
    pub fn len(&self) -> usize {
        self.docs.values().map(|d| d.events.len()).sum()
    }

    /// Returns true if there is no gold event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The result of scoring events: counts on (source, target, quad class) and on (source,
/// target, root code), per sentence, over the covered documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventScores {
    /// Events compared on source, target and quad class.
    pub quad: Counts,
    /// Events compared on source, target and root code (its first two digits).
    pub root: Counts,
    /// The covered documents scored.
    pub documents: u64,
    /// Mistakes on the root code, for reading: `document: false event ...` and
    /// `document: missed event ...` lines.
    pub errors: Vec<String>,
}

impl fmt::Display for EventScores {
    /// Writes a line with the number of documents scored, then the two rows of precision,
    /// recall and F1, in the columns of [`Scores`](super::Scores).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "events in {} covered documents", self.documents)?;
        for (name, c) in [("events (quad class)", &self.quad), ("events (root code)", &self.root)] {
            writeln!(
                f,
                "{:<20} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
                name,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        Ok(())
    }
}

/// A found event, with its actors named as the gold ones are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub(super) verb: Span,
    pub(super) source: String,
    pub(super) target: String,
    pub(super) code: CameoCode,
    pub(super) mutual: bool,
}

impl Evaluator<'_> {
    /// Scores the events `extractor` finds in the covered documents of `docs` against `gold`,
    /// as the pipeline finds them with its default settings: the document's date (or the
    /// default date) picks office holders, discovered actors join the mentions (named by the
    /// gold mention of an actor the gazetteer lacks that they overlap), and only asserted
    /// events count. Documents `gold` does not cover are skipped.
    ///
    /// ```
    /// use actorgraph::{EventDictionary, EventExtractor, Evaluator, Gazetteer, GoldDocument};
    /// use actorgraph::{GoldEvent, GoldEvents, Matcher, Span};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let matcher = Matcher::new(&gaz)?;
    /// let extractor = EventExtractor::new(&EventDictionary::builtin())?;
    /// let doc = GoldDocument::parse("a.md", "{{Russia|RUS}} attacked {{Ukraine|UKR}}.")?;
    /// let mut gold = GoldEvents::new();
    /// gold.cover("a.md", vec![Span::new(0, 24)]);
    /// let (source, target) = ("RUS".to_string(), "UKR".to_string());
    /// let code = "193".parse().unwrap();
    /// gold.add("a.md", GoldEvent { sentence: Span::new(0, 24), source, target, code, mutual: false });
    /// let scores = Evaluator::new(&gaz, &matcher).score_events(&[doc], &gold, &extractor);
    /// assert_eq!((scores.root.tp, scores.quad.f1()), (1, 1.0));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn score_events(
        &self,
        docs: &[GoldDocument],
        gold: &GoldEvents,
        extractor: &EventExtractor,
    ) -> EventScores {
        let mut gaz = self.gaz.clone();
        let mut scores = EventScores::default();
        for doc in docs {
            let Some(covered) = gold.get(&doc.name) else { continue };
            scores.documents += 1;
            let found = self.found_events(&mut gaz, doc, extractor);
            score_document(&doc.name, covered, &found, &mut scores);
        }
        scores
    }

    /// The asserted events of one document, found as the pipeline finds them.
    fn found_events(
        &self,
        gaz: &mut Gazetteer,
        doc: &GoldDocument,
        extractor: &EventExtractor,
    ) -> Vec<Found> {
        let date = Document::new(doc.name.as_str(), doc.text.as_str())
            .parse_date()
            .and_then(std::result::Result::ok)
            .or(self.date);
        let year = date.map(|d| i32::from(d.year()));
        let mut mentions = self.matcher.find_all_in_year(&doc.text, year);
        if let Some(discoverer) = self.discoverer {
            let candidates = discoverer.find(&doc.text, &mentions);
            gaz.merge_discovered(&mut mentions, candidates);
        }
        let segments = Segmenter::new().segment(&doc.text);
        let events = extractor.extract(&doc.text, &mentions, segments.sentences());
        let gaz = &*gaz;
        events
            .iter()
            .filter(|e| e.flags().is_asserted())
            .map(|e| Found {
                verb: e.verb(),
                source: actor_id(gaz, doc, e.source()),
                target: actor_id(gaz, doc, e.target()),
                code: e.code(),
                mutual: e.flags().is_mutual(),
            })
            .collect()
    }
}

/// The id a found actor goes by in the gold events: its entity's id, or for an actor
/// discovery added, the id of the gold mention of an actor the gazetteer lacks that it
/// overlaps (so that "Rania Khoury", discovered, is the coder's actor).
fn actor_id(gaz: &Gazetteer, doc: &GoldDocument, actor: Actor) -> String {
    let entry = gaz.get(actor.entity()).expect("found actors come from this gazetteer");
    if entry.is_discovered() {
        let unknown = doc
            .mentions
            .iter()
            .find(|g| matches!(g.target, GoldTarget::Unknown(_)) && g.span.overlaps(actor.span()));
        if let Some(g) = unknown {
            return g.actor.clone();
        }
    }
    entry.id().to_string()
}

/// What is compared: the sentence, source, target, and a class (quad class number or root).
type Key = (Span, String, String, u8);

/// Scores one covered document's found events against its gold ones, on both levels.
pub(super) fn score_document(
    name: &str,
    covered: &CoveredDocument,
    found: &[Found],
    scores: &mut EventScores,
) {
    let placed: Vec<(Span, &Found)> = found.iter().map(|f| (place(covered, f.verb), f)).collect();
    let quad = |code: CameoCode| code.quad_class().number();
    let root = |code: CameoCode| code.root();
    let gold_keys = |class: &dyn Fn(CameoCode) -> u8| {
        keys(
            covered
                .events
                .iter()
                .map(|g| (g.sentence, &g.source, &g.target, class(g.code), g.mutual)),
        )
    };
    let found_keys = |class: &dyn Fn(CameoCode) -> u8| {
        keys(placed.iter().map(|(s, f)| (*s, &f.source, &f.target, class(f.code), f.mutual)))
    };
    let (counts, _, _) = match_keys(&gold_keys(&quad), &found_keys(&quad));
    scores.quad.add(counts);
    let (counts, false_keys, missed) = match_keys(&gold_keys(&root), &found_keys(&root));
    scores.root.add(counts);
    for (sentence, source, target, root) in false_keys {
        let verbs = placed.iter().filter(|(s, f)| {
            *s == sentence && f.source == source && f.target == target && f.code.root() == root
        });
        let verbs: Vec<String> =
            verbs.map(|(_, f)| format!("{}..{}", f.verb.start, f.verb.end)).collect();
        scores.errors.push(format!(
            "{name}: false event {source} -> {target} {root:02} (verb at {}, sentence {}..{})",
            verbs.join(", "),
            sentence.start,
            sentence.end
        ));
    }
    for (sentence, source, target, root) in missed {
        scores.errors.push(format!(
            "{name}: missed event {source} -> {target} {root:02} (sentence {}..{})",
            sentence.start, sentence.end
        ));
    }
}

/// The gold sentence that holds `verb`'s start, or an empty span at it (which no gold event
/// has) when no gold sentence does.
fn place(covered: &CoveredDocument, verb: Span) -> Span {
    let holds = |s: &&Span| s.start <= verb.start && verb.start < s.end;
    covered.sentences.iter().find(holds).copied().unwrap_or(Span::new(verb.start, verb.start))
}

/// The set of keys, each with whether any of its events is mutual.
fn keys<'a>(
    items: impl Iterator<Item = (Span, &'a String, &'a String, u8, bool)>,
) -> BTreeMap<Key, bool> {
    let mut set = BTreeMap::new();
    for (sentence, source, target, class, mutual) in items {
        *set.entry((sentence, source.clone(), target.clone(), class)).or_insert(false) |= mutual;
    }
    set
}

/// Matches found keys to gold ones: first in the same direction, then the other way round
/// when either side is mutual; each gold key is used once. Returns the counts, the false keys
/// and the missed ones.
fn match_keys(
    gold: &BTreeMap<Key, bool>,
    found: &BTreeMap<Key, bool>,
) -> (Counts, Vec<Key>, Vec<Key>) {
    let mut used: BTreeSet<&Key> = BTreeSet::new();
    let mut counts = Counts::default();
    let mut unmatched = Vec::new();
    for key in found.keys() {
        match gold.get_key_value(key) {
            Some((gold_key, _)) => {
                used.insert(gold_key);
                counts.tp += 1;
            }
            None => unmatched.push(key),
        }
    }
    let mut false_keys = Vec::new();
    for key in unmatched {
        let swapped = (key.0, key.2.clone(), key.1.clone(), key.3);
        let mutual = found[key];
        match gold.get_key_value(&swapped) {
            Some((gold_key, &gold_mutual))
                if (mutual || gold_mutual) && !used.contains(gold_key) =>
            {
                used.insert(gold_key);
                counts.tp += 1;
            }
            _ => {
                counts.fp += 1;
                false_keys.push(key.clone());
            }
        }
    }
    let missed: Vec<Key> = gold.keys().filter(|k| !used.contains(k)).cloned().collect();
    counts.fn_ = missed.len() as u64;
    (counts, false_keys, missed)
}

/// Checks one gold event's cells against its document and sentence: both actors named by a
/// gold mention inside the sentence, and different; a CAMEO code; flags empty or `mutual`.
pub(super) fn gold_event(
    doc: &GoldDocument,
    sentence: Span,
    cells: [&str; 4],
) -> std::result::Result<GoldEvent, String> {
    let [source, target, code, flags] = cells;
    for (side, id) in [("source", source), ("target", target)] {
        if id.is_empty() {
            return Err(format!("the {side} is empty"));
        }
        let named = doc
            .mentions
            .iter()
            .any(|m| m.actor == id && sentence.start <= m.span.start && m.span.end <= sentence.end);
        if !named {
            return Err(format!(
                "the {side} \"{id}\" is not named in the sentence {}..{} of \"{}\"",
                sentence.start, sentence.end, doc.name
            ));
        }
    }
    if source == target {
        return Err(format!("the source and target are both \"{source}\""));
    }
    let code: CameoCode = code.parse()?;
    let mutual = match flags {
        "" => false,
        "mutual" => true,
        other => return Err(format!("unknown flag \"{other}\" (expected nothing or mutual)")),
    };
    Ok(GoldEvent { sentence, source: source.to_string(), target: target.to_string(), code, mutual })
}

/// Adds a checked event to `gold`, refusing a second row for the same sentence, source,
/// target and root code.
pub(super) fn add_once(
    gold: &mut GoldEvents,
    seen: &mut BTreeSet<(String, Span, String, String, u8)>,
    document: &str,
    event: GoldEvent,
) -> std::result::Result<(), String> {
    let key = (
        document.to_string(),
        event.sentence,
        event.source.clone(),
        event.target.clone(),
        event.code.root(),
    );
    if !seen.insert(key) {
        return Err(format!(
            "a second row for {} -> {} with root {:02} in this sentence",
            event.source,
            event.target,
            event.code.root()
        ));
    }
    gold.add(document, event);
    Ok(())
}

/// The header of `events.tsv` in a directory of annotated articles.
const ARTICLE_HEADER: &str = "document\tsentence\tsource\ttarget\tcode\tflags";

/// Reads the gold events of a directory of annotated articles, `events.tsv` beside the
/// articles (the format of `data/eval/README.md`): one event a row, its sentence given by a
/// quote of its opening words that occurs once in the article's plain text; the sentence is
/// the one of [`Segmenter`] that holds the quote's start. Every article of `docs` is covered.
/// Returns `None` when the directory has no `events.tsv`.
///
/// ```
/// let (docs, _) = actorgraph::read_annotated_dir("data/eval")?;
/// let gold = actorgraph::read_annotated_events("data/eval", &docs)?.expect("events.tsv");
/// assert_eq!(gold.documents().count(), docs.len());
/// assert!(!gold.is_empty());
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// If `events.tsv` cannot be read, or, naming the file and line, if its header is not
/// `document sentence source target code flags`, or a row names an article not in `docs`, a
/// quote not found once in the article, an actor not named in the sentence, a bad code or
/// flag, or repeats an event.
pub fn read_annotated_events<P: AsRef<Path>>(
    dir: P,
    docs: &[GoldDocument],
) -> Result<Option<GoldEvents>> {
    let path = dir.as_ref().join("events.tsv");
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|err| Error::io_at(&path, err))?;
    let origin = path.display().to_string();
    let at = |line: usize, msg: String| Error::corpus(&origin, line as u64 + 1, msg);
    let mut gold = GoldEvents::new();
    let mut sentences = BTreeMap::new();
    for doc in docs {
        let spans = Segmenter::new().segment(&doc.text).sentences().to_vec();
        gold.cover(&doc.name, spans.clone());
        sentences.insert(doc.name.as_str(), spans);
    }
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim_end() == ARTICLE_HEADER => {}
        _ => {
            return Err(at(
                0,
                format!("the header must be \"{}\"", ARTICLE_HEADER.replace('\t', " ")),
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for (i, line) in lines {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let cells = match cells[..] {
            [a, b, c, d, e] => [a, b, c, d, e, ""],
            [a, b, c, d, e, f] => [a, b, c, d, e, f],
            _ => return Err(at(i, format!("{} cells, expected 6", cells.len()))),
        };
        let [name, quote, source, target, code, flags] = cells;
        let Some(doc) = docs.iter().find(|d| d.name == name) else {
            return Err(at(i, format!("no article \"{name}\"")));
        };
        let sentence = quoted_sentence(doc, &sentences[name], quote).map_err(|m| at(i, m))?;
        let event = gold_event(doc, sentence, [source, target, code, flags.trim_end()])
            .map_err(|m| at(i, m))?;
        add_once(&mut gold, &mut seen, name, event).map_err(|m| at(i, m))?;
    }
    Ok(Some(gold))
}

/// The sentence that holds the only occurrence of `quote` in the article.
fn quoted_sentence(
    doc: &GoldDocument,
    sentences: &[Span],
    quote: &str,
) -> std::result::Result<Span, String> {
    if quote.trim().is_empty() {
        return Err("the sentence quote is empty".to_string());
    }
    let mut found = doc.text.match_indices(quote).map(|(i, _)| i);
    let (Some(start), None) = (found.next(), found.next()) else {
        return Err(format!("\"{quote}\" is not in \"{}\" exactly once", doc.name));
    };
    let holds = |s: &&Span| s.start <= start && start < s.end;
    sentences
        .iter()
        .find(holds)
        .copied()
        .ok_or_else(|| format!("\"{quote}\" is in no sentence of \"{}\"", doc.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold_doc(rows: &[(usize, &str, &str, &str, bool)]) -> CoveredDocument {
        let sentences = vec![Span::new(0, 50), Span::new(51, 100)];
        let events = rows
            .iter()
            .map(|&(s, source, target, code, mutual)| GoldEvent {
                sentence: sentences[s],
                source: source.into(),
                target: target.into(),
                code: code.parse().unwrap(),
                mutual,
            })
            .collect();
        CoveredDocument { sentences, events }
    }

    fn found(rows: &[(usize, &str, &str, &str, bool)]) -> Vec<Found> {
        rows.iter()
            .map(|&(verb, source, target, code, mutual)| Found {
                verb: Span::new(verb, verb + 3),
                source: source.into(),
                target: target.into(),
                code: code.parse().unwrap(),
                mutual,
            })
            .collect()
    }

    /// (name, gold rows (sentence, source, target, code, mutual), found rows (verb start,
    /// source, target, code, mutual), quad (tp, fp, fn), root (tp, fp, fn)).
    type Case = (
        &'static str,
        &'static [(usize, &'static str, &'static str, &'static str, bool)],
        &'static [(usize, &'static str, &'static str, &'static str, bool)],
        (u64, u64, u64),
        (u64, u64, u64),
    );

    const CASES: &[Case] = &[
        // Direction.
        (
            "same direction",
            &[(0, "A", "B", "190", false)],
            &[(5, "A", "B", "190", false)],
            (1, 0, 0),
            (1, 0, 0),
        ),
        (
            "directed gold, reversed found",
            &[(0, "A", "B", "190", false)],
            &[(5, "B", "A", "190", false)],
            (0, 1, 1),
            (0, 1, 1),
        ),
        // Mutual.
        (
            "mutual gold matches the other direction",
            &[(0, "A", "B", "040", true)],
            &[(5, "B", "A", "040", false)],
            (1, 0, 0),
            (1, 0, 0),
        ),
        (
            "mutual found matches the other direction",
            &[(0, "A", "B", "040", false)],
            &[(5, "B", "A", "043", true)],
            (1, 0, 0),
            (1, 0, 0),
        ),
        (
            "mutual gold matches once",
            &[(0, "A", "B", "040", true)],
            &[(5, "A", "B", "040", false), (9, "B", "A", "040", false)],
            (1, 1, 0),
            (1, 1, 0),
        ),
        (
            "a mutual found event matches one of two gold directions",
            &[(0, "A", "B", "040", false), (0, "B", "A", "040", false)],
            &[(5, "A", "B", "040", true)],
            (1, 0, 1),
            (1, 0, 1),
        ),
        (
            "both directions found and coded",
            &[(0, "A", "B", "040", false), (0, "B", "A", "040", false)],
            &[(5, "A", "B", "040", true), (9, "B", "A", "040", true)],
            (2, 0, 0),
            (2, 0, 0),
        ),
        // Root against quad class.
        (
            "same root, other code",
            &[(0, "A", "B", "193", false)],
            &[(5, "A", "B", "190", false)],
            (1, 0, 0),
            (1, 0, 0),
        ),
        (
            "same quad class, other root",
            &[(0, "A", "B", "112", false)],
            &[(5, "A", "B", "130", false)],
            (1, 0, 0),
            (0, 1, 1),
        ),
        (
            "other quad class",
            &[(0, "A", "B", "042", false)],
            &[(5, "A", "B", "061", false)],
            (0, 1, 1),
            (0, 1, 1),
        ),
        (
            "two roots of one class found once by quad",
            &[(0, "A", "B", "112", false), (0, "A", "B", "130", false)],
            &[(5, "A", "B", "112", false)],
            (1, 0, 0),
            (1, 0, 1),
        ),
        // Sentence placement.
        (
            "verb in the other sentence",
            &[(0, "A", "B", "190", false)],
            &[(60, "A", "B", "190", false)],
            (0, 1, 1),
            (0, 1, 1),
        ),
        (
            "verb on the sentence's last byte",
            &[(0, "A", "B", "190", false)],
            &[(49, "A", "B", "190", false)],
            (1, 0, 0),
            (1, 0, 0),
        ),
        (
            "verb between sentences",
            &[(0, "A", "B", "190", false)],
            &[(50, "A", "B", "190", false)],
            (0, 1, 1),
            (0, 1, 1),
        ),
        (
            "one sentence's event twice is one",
            &[(1, "A", "B", "190", false)],
            &[(55, "A", "B", "190", false), (70, "A", "B", "193", false)],
            (1, 0, 0),
            (1, 0, 0),
        ),
        // Nothing on one side.
        ("no gold events", &[], &[(5, "A", "B", "190", false)], (0, 1, 0), (0, 1, 0)),
        ("nothing found", &[(0, "A", "B", "190", false)], &[], (0, 0, 1), (0, 0, 1)),
    ];

    #[test]
    fn matching_rules() {
        for &(name, gold, found_rows, quad, root) in CASES {
            let mut scores = EventScores::default();
            score_document("d", &gold_doc(gold), &found(found_rows), &mut scores);
            let got = |c: Counts| (c.tp, c.fp, c.fn_);
            assert_eq!((got(scores.quad), got(scores.root)), (quad, root), "{name}");
            let errors = (root.1 + root.2) as usize;
            assert_eq!(scores.errors.len(), errors, "{name}: {:?}", scores.errors);
        }
    }

    #[test]
    fn case_names_are_unique() {
        let names: BTreeSet<&str> = CASES.iter().map(|c| c.0).collect();
        assert_eq!(names.len(), CASES.len());
    }

    #[test]
    fn errors_name_the_event_and_sentence() {
        let mut scores = EventScores::default();
        let gold = gold_doc(&[(0, "A", "B", "042", false)]);
        score_document("d", &gold, &found(&[(60, "B", "A", "190", false)]), &mut scores);
        assert_eq!(
            scores.errors,
            [
                "d: false event B -> A 19 (verb at 60..63, sentence 51..100)",
                "d: missed event A -> B 04 (sentence 0..50)",
            ]
        );
    }

    fn doc(name: &str, marked: &str) -> GoldDocument {
        GoldDocument::parse(name, marked).unwrap()
    }

    #[test]
    fn uncovered_documents_are_not_scored() {
        let gaz = Gazetteer::builtin();
        let matcher = crate::Matcher::new(&gaz).unwrap();
        let extractor = EventExtractor::new(&crate::EventDictionary::builtin()).unwrap();
        let docs = [
            doc("a", "{{Russia|RUS}} attacked {{Ukraine|UKR}}."),
            doc("b", "{{Iran|IRN}} attacked {{Iraq|IRQ}}."),
            doc("c", "{{Syria|SYR}} attacked {{Turkey|TUR}}."),
        ];
        let mut gold = GoldEvents::new();
        gold.cover("a", vec![Span::new(0, 24)]).cover("c", vec![Span::new(0, 22)]);
        let event = gold_event(&docs[0], Span::new(0, 24), ["RUS", "UKR", "190", ""]).unwrap();
        gold.add("a", event);
        let scores = Evaluator::new(&gaz, &matcher).score_events(&docs, &gold, &extractor);
        assert_eq!(scores.documents, 2);
        // a: found and coded; b: not covered, so its event is not counted; c: covered without
        // events, so its event is a false one.
        assert_eq!((scores.root.tp, scores.root.fp, scores.root.fn_), (1, 1, 0));
        assert_eq!(scores.errors, ["c: false event SYR -> TUR 19 (verb at 6..14, sentence 0..22)"]);
    }

    #[test]
    fn negated_and_modal_events_are_left_out() {
        let gaz = Gazetteer::builtin();
        let matcher = crate::Matcher::new(&gaz).unwrap();
        let extractor = EventExtractor::new(&crate::EventDictionary::builtin()).unwrap();
        let docs = [doc(
            "a",
            "{{Russia|RUS}} did not attack {{Ukraine|UKR}}. {{Iran|IRN}} could attack {{Iraq|IRQ}}.",
        )];
        let sentences = Segmenter::new().segment(&docs[0].text).sentences().to_vec();
        let mentions = matcher.find_all(&docs[0].text);
        let all = extractor.extract(&docs[0].text, &mentions, &sentences);
        let flags: Vec<(bool, bool)> =
            all.iter().map(|e| (e.flags().is_negated(), e.flags().is_modal())).collect();
        assert_eq!(flags, [(true, false), (false, true)]);
        let mut gold = GoldEvents::new();
        gold.cover("a", sentences);
        let scores = Evaluator::new(&gaz, &matcher).score_events(&docs, &gold, &extractor);
        assert_eq!(scores.root, Counts::default());
    }

    #[test]
    fn gold_event_checks() {
        let d = doc("a", "{{Russia|RUS}} met {{Ukraine|UKR}}. {{Iran|IRN}} too.");
        let first = Span::new(0, 19);
        for (cells, want) in [
            (["RUS", "UKR", "040", "mutual"], Ok(true)),
            (["RUS", "UKR", "04", ""], Ok(false)),
            (
                ["RUS", "IRN", "040", ""],
                Err("the target \"IRN\" is not named in the sentence 0..19 of \"a\""),
            ),
            (["RUS", "RUS", "040", ""], Err("the source and target are both \"RUS\"")),
            (["", "UKR", "040", ""], Err("the source is empty")),
            (["RUS", "UKR", "21", ""], Err("\"21\" has no CAMEO root category (01 to 20)")),
            (["RUS", "UKR", "4", ""], Err("\"4\" is not a CAMEO code (two to four digits)")),
            (
                ["RUS", "UKR", "040", "both"],
                Err("unknown flag \"both\" (expected nothing or mutual)"),
            ),
        ] {
            let got = gold_event(&d, first, cells).map(|e| e.mutual);
            assert_eq!(got, want.map_err(String::from), "{cells:?}");
        }
    }

    #[test]
    fn annotated_events_errors_name_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("ag-events-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let docs = [doc(
            "a.md",
            "{{Russia|RUS}} attacked {{Ukraine|UKR}}. Then {{Iran|IRN}} met {{Iraq|IRQ}}.",
        )];
        let header = format!("{ARTICLE_HEADER}\n");
        for (rows, want) in [
            ("a.md\tThen\tIRN\tIRQ\t040\tmutual\n", Ok(1)),
            ("a.md\tRussia attacked\tRUS\tUKR\t190\n", Ok(1)),
            (
                "a.md\tThen\tIRN\tIRQ\t040\na.md\tThen\tIRN\tIRQ\t043\n",
                Err(":3: a second row for IRN -> IRQ with root 04"),
            ),
            ("b.md\tThen\tIRN\tIRQ\t040\t\n", Err(":2: no article \"b.md\"")),
            ("a.md\tNow\tIRN\tIRQ\t040\t\n", Err(":2: \"Now\" is not in \"a.md\" exactly once")),
            ("a.md\tThen\tRUS\tIRQ\t040\t\n", Err(":2: the source \"RUS\" is not named")),
            ("a.md\tThen\tIRN\tIRQ\n", Err(":2: 4 cells, expected 6")),
        ] {
            std::fs::write(dir.join("events.tsv"), format!("{header}{rows}")).unwrap();
            let got = read_annotated_events(&dir, &docs).map(|g| g.unwrap().len());
            match (got, want) {
                (Ok(n), Ok(m)) => assert_eq!(n, m, "{rows}"),
                (Err(err), Err(want)) => {
                    let err = err.to_string();
                    assert!(err.contains("events.tsv") && err.contains(want), "{err}");
                }
                (got, want) => panic!("{rows}: {got:?}, expected {want:?}"),
            }
        }
        std::fs::write(dir.join("events.tsv"), "document\tsentence\n").unwrap();
        let err = read_annotated_events(&dir, &docs).unwrap_err().to_string();
        assert!(err.contains("events.tsv:1: the header must be"), "{err}");
        std::fs::remove_file(dir.join("events.tsv")).unwrap();
        assert_eq!(read_annotated_events(&dir, &docs).unwrap(), None);
    }
}
