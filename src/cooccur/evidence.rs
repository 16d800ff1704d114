//! Evidence: the sentences behind each edge and node of the co-occurrence graph, so that a
//! researcher who cites an edge can show where it comes from.
//!
//! An [`Evidence`] is filled alongside a [`Cooccurrence`](super::Cooccurrence), one document
//! at a time in input order, with the same windows: an edge gets one [`Citation`] for each
//! window in which both of its actors appear (so as many as the edge's window count), a node
//! one for each of its mentions. Only the first few of each are kept, in input and text order,
//! so memory stays bounded on any corpus; the total is always counted. The text is not kept:
//! each citation holds byte spans into its document and a short snippet cut when the document
//! is counted.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Window;
use crate::corpus::Date;
use crate::gazetteer::EntityId;
use crate::matcher::Mention;
use crate::segment::Segments;
use crate::span::Span;

/// The citations kept per edge and per node, and the snippet length, by default.
const PER_EDGE: usize = 5;
const PER_NODE: usize = 5;
const SNIPPET_CHARS: usize = 200;
/// The shortest snippet [`EvidenceBuilder::snippet_chars`] allows.
const MIN_SNIPPET_CHARS: usize = 16;
/// What marks text cut from a snippet.
const ELLIPSIS: char = '…';
/// Between the two parts of a snippet whose mentions are too far apart for one piece.
const GAP: &str = " … ";

/// Configures an [`Evidence`] collector: the window (which must be the counts' window), and
/// how many citations to keep per edge and per node, and how long a snippet may be.
///
/// ```
/// use actorgraph::{EvidenceBuilder, Window};
///
/// let evidence = EvidenceBuilder::new().window(Window::Paragraph).per_edge(2).build();
/// assert_eq!(evidence.window(), Window::Paragraph);
/// ```
#[derive(Clone, Debug)]
pub struct EvidenceBuilder {
    window: Window,
    per_edge: usize,
    per_node: usize,
    snippet_chars: usize,
}

impl Default for EvidenceBuilder {
    fn default() -> EvidenceBuilder {
        EvidenceBuilder {
            window: Window::Sentence,
            per_edge: PER_EDGE,
            per_node: PER_NODE,
            snippet_chars: SNIPPET_CHARS,
        }
    }
}

impl EvidenceBuilder {
    /// Creates a builder with the sentence window, 5 citations per edge and per node, and
    /// snippets of up to 200 characters.
    pub fn new() -> EvidenceBuilder {
        EvidenceBuilder::default()
    }

    /// Sets the window, which must be the one the co-occurrences are counted in (a
    /// [`Pipeline`](crate::Pipeline) sets it to its own).
    pub fn window(&mut self, window: Window) -> &mut EvidenceBuilder {
        self.window = window;
        self
    }

    /// Sets how many citations to keep per edge: the first `n` windows, in input and text
    /// order. `0` keeps none (only the totals).
    pub fn per_edge(&mut self, n: usize) -> &mut EvidenceBuilder {
        self.per_edge = n;
        self
    }

    /// Sets how many citations to keep per node: its first `n` mentions, in input and text
    /// order. `0` keeps none (only the totals).
    pub fn per_node(&mut self, n: usize) -> &mut EvidenceBuilder {
        self.per_node = n;
        self
    }

    /// Sets the longest snippet, in characters (Unicode scalar values), ellipses included;
    /// at least 16 (a smaller value counts as 16).
    pub fn snippet_chars(&mut self, n: usize) -> &mut EvidenceBuilder {
        self.snippet_chars = n.max(MIN_SNIPPET_CHARS);
        self
    }

    /// Creates an empty collector.
    pub fn build(&self) -> Evidence {
        Evidence { config: self.clone(), edges: BTreeMap::new(), nodes: BTreeMap::new() }
    }
}

/// The citations of every edge and node: the documents, sentence spans and snippets behind
/// them, the first few of each kept (see [`EvidenceBuilder`]).
///
/// An edge's citations are one per window in which both actors appear, so
/// [`Citations::total`] equals the edge's window count; a node's are one per mention, so its
/// total equals the node's mentions. Documents must be added in the order they are counted
/// in; the kept citations are then the first ones in that order, whatever the thread count.
///
/// ```
/// use actorgraph::{Evidence, Gazetteer, Matcher, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let matcher = Matcher::new(&gaz)?;
/// let text = "Iran and Iraq signed a deal.\n\nLater, Iraq and Iran met again in Baghdad.";
/// let mut evidence = Evidence::new();
/// evidence.add_document("doc1", text, None, &matcher.find_all(text), &Segmenter::new().segment(text));
/// let (iran, iraq) = (gaz.lookup("IRN").unwrap(), gaz.lookup("IRQ").unwrap());
/// let cited = evidence.edge(iran, iraq).unwrap();
/// assert_eq!(cited.total(), 2);
/// let first = &cited.citations()[0];
/// assert_eq!(&text[first.span()], "Iran and Iraq signed a deal.");
/// assert_eq!(first.snippet(), "Iran and Iraq signed a deal.");
/// assert_eq!(evidence.node(iran).unwrap().total(), 2);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Evidence {
    config: EvidenceBuilder,
    edges: BTreeMap<(EntityId, EntityId), Citations>,
    nodes: BTreeMap<EntityId, Citations>,
}

impl Default for Evidence {
    fn default() -> Evidence {
        EvidenceBuilder::new().build()
    }
}

/// The citations kept for one edge or node, and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Citations {
    total: u64,
    kept: Vec<Citation>,
}

impl Citations {
    /// Returns the number of citations in all: the edge's windows or the node's mentions.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Returns the citations kept, in input and text order.
    pub fn citations(&self) -> &[Citation] {
        &self.kept
    }
}

/// One place in one document that supports an edge or a node.
///
/// Spans are byte offsets into the document's text as it was read (see
/// [`Document::text`](crate::Document::text)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    document: Arc<str>,
    date: Option<Date>,
    span: Span,
    mention: Span,
    other: Option<Span>,
    snippet: String,
}

impl Citation {
    /// Returns the document's id.
    pub fn document(&self) -> &str {
        &self.document
    }

    /// Returns the document's date, if it has one.
    pub fn date(&self) -> Option<Date> {
        self.date
    }

    /// Returns the sentence that holds the mention or mentions: for an edge counted per
    /// paragraph or document whose two mentions are in different sentences, the run of
    /// sentences from the first mention's to the second's. It always contains
    /// [`Citation::mention`] and [`Citation::other`].
    pub fn span(&self) -> Span {
        self.span
    }

    /// Returns the node's mention, or for an edge the mention of its source (the actor with
    /// the smaller entity id, as the graph writes it).
    pub fn mention(&self) -> Span {
        self.mention
    }

    /// Returns, for an edge, the mention of its target; `None` for a node. An edge's two
    /// mentions are the closest pair of the two actors' mentions in the window.
    pub fn other(&self) -> Option<Span> {
        self.other
    }

    /// Returns the text of [`Citation::span`] cut around the mentions to the snippet length,
    /// with `…` where text was cut and every run of white space or control characters
    /// (newlines and tabs included) made one space: always one line.
    pub fn snippet(&self) -> &str {
        &self.snippet
    }
}

/// The configuration of one document's citations, and the document.
struct Doc<'t> {
    id: Arc<str>,
    text: &'t str,
    date: Option<Date>,
    segments: &'t Segments,
    chars: usize,
}

impl Doc<'_> {
    /// The citation of one mention, or of a pair of mentions (in text order: `source` is the
    /// source's, `target` the target's).
    fn cite(&self, source: Span, target: Option<Span>) -> Citation {
        let (first, second) = match target {
            Some(t) if t.start < source.start => (t, source),
            Some(t) => (source, t),
            None => (source, source),
        };
        let sentences = self.segments.sentences();
        let from =
            sentences.get(self.segments.sentence_of(first.start)).map_or(first.start, |s| s.start);
        let to =
            sentences.get(self.segments.sentence_of(second.start)).map_or(second.end, |s| s.end);
        let span = Span::new(from.min(first.start), to.max(second.end));
        let snippet =
            snippet(self.text, span, first, (target.is_some()).then_some(second), self.chars);
        Citation {
            document: Arc::clone(&self.id),
            date: self.date,
            span,
            mention: source,
            other: target,
            snippet,
        }
    }
}

impl Evidence {
    /// Creates a collector with the defaults of [`EvidenceBuilder::new`].
    pub fn new() -> Evidence {
        Evidence::default()
    }

    /// Returns the window.
    pub fn window(&self) -> Window {
        self.config.window
    }

    /// Adds one document: its id, its text, its date, its mentions (in text order, as they
    /// were counted) and its segments.
    pub fn add_document(
        &mut self,
        id: &str,
        text: &str,
        date: Option<Date>,
        mentions: &[Mention],
        segments: &Segments,
    ) {
        let doc = Doc { id: Arc::from(id), text, date, segments, chars: self.config.snippet_chars };
        for mention in mentions {
            let cited = self.nodes.entry(mention.entity()).or_default();
            cited.total += 1;
            if cited.kept.len() < self.config.per_node {
                cited.kept.push(doc.cite(mention.span(), None));
            }
        }
        for members in self.windows(mentions, segments).values() {
            self.add_window(&doc, members);
        }
    }

    /// Counts a window's pairs, and cites those that want more citations.
    fn add_window(&mut self, doc: &Doc<'_>, members: &[Mention]) {
        let mut entities: Vec<EntityId> = members.iter().map(Mention::entity).collect();
        entities.sort_unstable();
        entities.dedup();
        for (i, &a) in entities.iter().enumerate() {
            for &b in &entities[i + 1..] {
                let cited = self.edges.entry((a, b)).or_default();
                cited.total += 1;
                if cited.kept.len() < self.config.per_edge {
                    let (ma, mb) = closest(members, a, b);
                    cited.kept.push(doc.cite(ma, Some(mb)));
                }
            }
        }
    }

    /// Groups a document's mentions by window, as the counts do (by where each starts).
    fn windows(&self, mentions: &[Mention], segments: &Segments) -> BTreeMap<usize, Vec<Mention>> {
        let mut windows: BTreeMap<usize, Vec<Mention>> = BTreeMap::new();
        for mention in mentions {
            let start = mention.span().start;
            let window = match self.config.window {
                Window::Sentence => segments.sentence_of(start),
                Window::Paragraph => segments.paragraph_of(start),
                Window::Document => 0,
            };
            windows.entry(window).or_default().push(*mention);
        }
        windows
    }

    /// Returns the citations of the edge between `a` and `b` (in either order), if they
    /// co-occurred.
    pub fn edge(&self, a: EntityId, b: EntityId) -> Option<&Citations> {
        self.edges.get(&(a.min(b), a.max(b)))
    }

    /// Returns the citations of a node, if it was mentioned.
    pub fn node(&self, entity: EntityId) -> Option<&Citations> {
        self.nodes.get(&entity)
    }
}

/// The closest pair of a mention of `a` and one of `b` among a window's mentions (in text
/// order), the first such pair on a tie; returned as (`a`'s, `b`'s).
fn closest(members: &[Mention], a: EntityId, b: EntityId) -> (Span, Span) {
    let (mut last_a, mut last_b): (Option<Span>, Option<Span>) = (None, None);
    let mut best: Option<(usize, Span, Span)> = None;
    for mention in members {
        let span = mention.span();
        let pair = if mention.entity() == a {
            last_a = Some(span);
            last_b.map(|other| (span, other))
        } else if mention.entity() == b {
            last_b = Some(span);
            last_a.map(|other| (other, span))
        } else {
            None
        };
        if let Some((sa, sb)) = pair {
            let gap = span.start.saturating_sub(sa.end.min(sb.end));
            if best.is_none_or(|(g, _, _)| gap < g) {
                best = Some((gap, sa, sb));
            }
        }
    }
    let (_, sa, sb) = best.expect("both actors have a mention in the window");
    (sa, sb)
}

/// Cuts the text of `within` around `first` (and `second`, after it) to at most `max`
/// characters, marking cuts with `…` and making every run of white space one space.
fn snippet(text: &str, within: Span, first: Span, second: Option<Span>, max: usize) -> String {
    let core = Span::new(first.start, second.map_or(first.end, |s| s.end));
    let budget = max - 2;
    let core_chars = text[core.range()].chars().count();
    let mut out = String::new();
    match second {
        Some(second) if core_chars > budget => {
            let chars = |s: Span| text[s.range()].chars().count();
            let extra = (budget - GAP.chars().count()).saturating_sub(chars(first) + chars(second));
            let (lo, hi) = bounds(text, Span::new(within.start, second.start), first, extra / 2);
            push_piece(&mut out, text, Span::new(lo, hi), lo > within.start, false);
            out.push_str(GAP);
            let room = extra - extra / 2;
            let (lo, hi) = bounds(text, Span::new(first.end, within.end), second, room);
            push_piece(&mut out, text, Span::new(lo, hi), false, hi < within.end);
        }
        _ => {
            let (lo, hi) = bounds(text, within, core, budget.saturating_sub(core_chars));
            push_piece(&mut out, text, Span::new(lo, hi), lo > within.start, hi < within.end);
        }
    }
    truncate_chars(&mut out, max);
    out
}

/// The span of `core` with up to `extra` characters of `within` around it, shared between
/// the two sides, a cut inside a word moved to the word's edge.
fn bounds(text: &str, within: Span, core: Span, extra: usize) -> (usize, usize) {
    let left_room = text[within.start..core.start].chars().rev().take(extra).count();
    let right_room = text[core.end..within.end].chars().take(extra).count();
    let left = left_room.min((extra / 2).max(extra - right_room));
    let right = right_room.min(extra - left);
    let mut lo = back(text, core.start, left);
    let mut hi = forward(text, core.end, right);
    if lo > within.start {
        lo = word_start(text, lo, core.start);
    }
    if hi < within.end {
        hi = word_end(text, core.end, hi);
    }
    (lo, hi)
}

/// Appends the text of `span`, normalised, with `…` before and after it as asked.
fn push_piece(out: &mut String, text: &str, span: Span, before: bool, after: bool) {
    if before {
        out.push(ELLIPSIS);
    }
    push_normalized(out, &text[span.range()]);
    if after {
        out.push(ELLIPSIS);
    }
}

/// The offset `n` characters before `from`.
fn back(text: &str, from: usize, n: usize) -> usize {
    text[..from].char_indices().rev().take(n).last().map_or(from, |(i, _)| i)
}

/// The offset `n` characters after `from`.
fn forward(text: &str, from: usize, n: usize) -> usize {
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

/// Moves a left cut at `lo` that falls inside a word to the start of the next word, if one
/// starts before `limit`.
fn word_start(text: &str, lo: usize, limit: usize) -> usize {
    let inside = text[..lo].chars().next_back().is_some_and(char::is_alphanumeric);
    if !inside {
        return lo;
    }
    match text[lo..limit].find(char::is_whitespace) {
        Some(i) => lo + i,
        None => lo,
    }
}

/// Moves a right cut at `hi` that falls inside a word back to the end of the previous word,
/// if one ends after `limit`.
fn word_end(text: &str, limit: usize, hi: usize) -> usize {
    let inside = text[hi..].chars().next().is_some_and(char::is_alphanumeric);
    if !inside {
        return hi;
    }
    match text[limit..hi].rfind(char::is_whitespace) {
        Some(i) => limit + i,
        None => hi,
    }
}

/// Appends `s` with every run of white space and control characters made one space, and
/// none at either end of what it appends.
fn push_normalized(out: &mut String, s: &str) {
    let mut space = false;
    let start = out.len();
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = out.len() > start;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
}

/// Cuts `s` to at most `max` characters, ending it with `…` if it was cut.
fn truncate_chars(s: &mut String, max: usize) {
    if let Some((i, _)) = s.char_indices().nth(max) {
        let end = s[..i].char_indices().next_back().map_or(0, |(j, _)| j);
        s.truncate(end);
        s.push(ELLIPSIS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{EntityKind, Entry, Gazetteer};
    use crate::matcher::Matcher;
    use crate::segment::Segmenter;

    fn gaz() -> Gazetteer {
        Gazetteer::builder()
            .add(Entry::new("a", EntityKind::State, "Aland"))
            .add(Entry::new("b", EntityKind::State, "Borduria"))
            .add(Entry::new("c", EntityKind::State, "Çölia"))
            .build()
            .expect("a valid gazetteer")
    }

    fn collect(builder: &EvidenceBuilder, texts: &[&str]) -> (Gazetteer, Evidence) {
        let gaz = gaz();
        let matcher = Matcher::new(&gaz).expect("a valid matcher");
        let mut evidence = builder.build();
        for (i, text) in texts.iter().enumerate() {
            let segments = Segmenter::new().segment(text);
            let mentions = matcher.find_all(text);
            evidence.add_document(&format!("d{i}"), text, None, &mentions, &segments);
        }
        (gaz, evidence)
    }

    fn ids(gaz: &Gazetteer) -> (EntityId, EntityId, EntityId) {
        let id = |s| gaz.lookup(s).expect("in the gazetteer");
        (id("a"), id("b"), id("c"))
    }

    #[test]
    fn an_edge_is_cited_once_per_window_and_the_cap_keeps_the_first() {
        let texts = ["Aland met Borduria. Aland, Borduria and Aland again.", "Borduria and Aland."];
        let (gaz, evidence) = collect(EvidenceBuilder::new().per_edge(2), &texts);
        let (a, b, _) = ids(&gaz);
        let cited = evidence.edge(b, a).expect("an edge");
        assert_eq!(cited.total(), 3);
        let docs: Vec<&str> = cited.citations().iter().map(Citation::document).collect();
        assert_eq!(docs, ["d0", "d0"], "the first two, in order");
        let second = &cited.citations()[1];
        assert_eq!(&texts[0][second.span()], "Aland, Borduria and Aland again.");
        assert_eq!(&texts[0][second.mention()], "Aland");
        assert_eq!(second.mention().start, 20, "the closest pair: the first Aland");
        assert_eq!(&texts[0][second.other().unwrap()], "Borduria");
        assert_eq!(evidence.node(a).unwrap().total(), 4);
        assert_eq!(evidence.node(a).unwrap().citations().len(), 4, "all, under the cap of 5");
    }

    #[test]
    fn paragraph_windows_cite_the_sentences_between_the_mentions() {
        let text = "Aland spoke. Nobody else did.\nThen Borduria replied.\n\nÇölia.";
        let (gaz, evidence) = collect(EvidenceBuilder::new().window(Window::Paragraph), &[text]);
        let (a, b, c) = ids(&gaz);
        let cited = &evidence.edge(a, b).unwrap().citations()[0];
        assert_eq!(&text[cited.span()], "Aland spoke. Nobody else did.\nThen Borduria replied.");
        assert_eq!(cited.snippet(), "Aland spoke. Nobody else did. Then Borduria replied.");
        assert!(evidence.edge(a, c).is_none(), "another paragraph");
    }

    #[test]
    fn snippets_are_bounded_on_char_boundaries_and_one_line() {
        let filler = "ünïcödé wörds\tand\r\nmore ".repeat(20);
        let text = format!("{filler}Aland {filler} Borduria {filler}.");
        let (gaz, evidence) =
            collect(EvidenceBuilder::new().window(Window::Document).snippet_chars(60), &[&text]);
        let (a, b, _) = ids(&gaz);
        let cited = &evidence.edge(a, b).unwrap().citations()[0];
        let snippet = cited.snippet();
        assert!(snippet.chars().count() <= 60, "{snippet}");
        assert!(snippet.contains("Aland") && snippet.contains("Borduria"), "{snippet}");
        assert!(snippet.contains(" … "), "two parts: {snippet}");
        assert!(!snippet.contains(['\n', '\r', '\t']) && !snippet.contains("  "), "{snippet}");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'), "{snippet}");
        let node = &evidence.node(a).unwrap().citations()[0];
        assert!(node.snippet().chars().count() <= 60 && node.snippet().contains("Aland"));
    }

    #[test]
    fn a_short_snippet_keeps_whole_words() {
        let text =
            "Long ago, in a distant valley, Aland and Borduria signed a lasting treaty today.";
        let (gaz, evidence) = collect(EvidenceBuilder::new().snippet_chars(40), &[text]);
        let (a, b, _) = ids(&gaz);
        let snippet = evidence.edge(a, b).unwrap().citations()[0].snippet().to_string();
        assert_eq!(snippet, "…valley, Aland and Borduria signed a…");
    }

    #[test]
    fn no_citations_with_a_cap_of_zero_but_the_totals() {
        let (gaz, evidence) =
            collect(EvidenceBuilder::new().per_edge(0).per_node(0), &["Aland and Borduria."]);
        let (a, b, _) = ids(&gaz);
        assert_eq!(evidence.edge(a, b).unwrap().total(), 1);
        assert!(evidence.edge(a, b).unwrap().citations().is_empty());
        assert!(evidence.node(a).unwrap().citations().is_empty());
    }

    #[test]
    fn truncation_never_splits_a_character() {
        for max in 1..8 {
            let mut s = "ééééééééé".to_string();
            truncate_chars(&mut s, max);
            assert!(s.chars().count() <= max, "{s}");
        }
    }
}
