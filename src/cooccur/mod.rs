//! Co-occurrence: which actors appear together in the same sentence, paragraph or document.
//!
//! Counting happens in a [`Cooccurrence`], which takes one document's mentions at a time and can
//! be merged with another (for parallel or sharded runs). Its counts become a
//! [`CooccurrenceGraph`], a petgraph graph in a deterministic order.
//!
//! For each window, each unordered pair of distinct entities in it is counted once, however many
//! times they appear there. An edge's weight is the number of windows it was counted in, and its
//! documents the number of distinct documents. A node's mentions are all its mentions, and its
//! documents the number of distinct documents it appears in.
//!
//! For the association measures, windows are counted too: every window that contains at least
//! one actor counts once in the total, and once for each distinct actor in it. Windows without
//! an actor are not counted: they carry no information about actors, and their number depends
//! on how headlines, bylines and boilerplate are segmented.
//!
//! A document may come with a [`Date`]: nodes and edges then carry the first and last dates
//! they were seen on, and a [`TimeSlices`] counts each period (month or year) apart.

mod association;
mod community;
mod directed;
mod evidence;
mod fields;
mod filter;
mod graph;
mod measures;
mod time;
mod two_mode;

use std::collections::BTreeMap;

pub use self::association::{Association, EdgeWeight};
pub(crate) use self::directed::PairCounts;
pub(crate) use self::directed::QUAD_CLASSES;
pub use self::directed::{EventCounts, EventEdge, EventGraph, EventNode, EventWeight};
pub use self::evidence::{Citation, Citations, Evidence, EvidenceBuilder};
pub(crate) use self::fields::FieldTable;
pub use self::fields::{FieldCounts, FieldSplits, field_value};
pub use self::filter::{GraphOptions, NodeRank};
pub use self::graph::{CooccurrenceGraph, Edge, Node};
pub use self::measures::{MeasuresBuilder, NodeMeasure, NodeMeasures};
pub use self::time::{Slice, TimeSlices};
pub use self::two_mode::{DOCUMENT_FIELD, TwoModeCounts, TwoModeEdge, TwoModeGraph, TwoModeNode};
use crate::corpus::{Date, Document};
use crate::gazetteer::{EntityId, Gazetteer};
use crate::hash::ContentHash;
use crate::matcher::Mention;
use crate::segment::Segments;

/// The text window in which two mentions count as co-occurring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Window {
    /// The same sentence.
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
    /// The same document.
    Document,
}

/// Configures a [`Cooccurrence`] counter.
#[derive(Clone, Debug, Default)]
pub struct CooccurrenceBuilder {
    window: Window,
    min_weight: u64,
    fields: Vec<String>,
}

impl CooccurrenceBuilder {
    /// Creates a builder with the sentence window and no minimum weight.
    pub fn new() -> CooccurrenceBuilder {
        CooccurrenceBuilder::default()
    }

    /// Sets the window.
    pub fn window(&mut self, window: Window) -> &mut CooccurrenceBuilder {
        self.window = window;
        self
    }

    /// Sets the minimum weight an edge needs to appear in the graph. Counts are unaffected.
    pub fn min_weight(&mut self, n: u64) -> &mut CooccurrenceBuilder {
        self.min_weight = n;
        self
    }

    /// Counts, for each of these metadata fields of a record (such as a JSONL `party`), the
    /// documents with each value that every node and edge appears in (see [`FieldCounts`]);
    /// none by default. Only [`Cooccurrence::add_record`] counts them, as
    /// [`Pipeline::count`](crate::Pipeline::count) does with
    /// [`PipelineBuilder::attributes`](crate::PipelineBuilder::attributes).
    pub fn fields<I, S>(&mut self, fields: I) -> &mut CooccurrenceBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.fields = fields.into_iter().map(Into::into).collect();
        self
    }

    /// Creates an empty counter.
    pub fn build(&self) -> Cooccurrence {
        let fields = (!self.fields.is_empty()).then(|| FieldCounts::new(self.fields.clone()));
        Cooccurrence { config: self.clone(), fields, ..Cooccurrence::default() }
    }
}

/// The counts of one node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeCounts {
    /// All mentions.
    pub mentions: u64,
    /// Mentions in adjectival form.
    pub adjectival: u64,
    /// Distinct documents.
    pub documents: u64,
    /// Windows (sentences, paragraphs or documents) the entity appears in.
    pub windows: u64,
    /// The earliest date of a dated document mentioning the entity; `None` if none is dated.
    pub first_seen: Option<Date>,
    /// The latest date of a dated document mentioning the entity; `None` if none is dated.
    pub last_seen: Option<Date>,
}

/// The counts of one edge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EdgeCounts {
    /// Windows in which both ends appear.
    pub weight: u64,
    /// Distinct documents in which both ends share a window.
    pub documents: u64,
    /// The earliest date of a dated document in which both ends share a window.
    pub first_seen: Option<Date>,
    /// The latest date of a dated document in which both ends share a window.
    pub last_seen: Option<Date>,
}

/// Counts nodes and edges over documents.
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let matcher = Matcher::new(&gaz)?;
/// let text = "Putin met Erdoğan in Ankara. Later Putin flew home.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&matcher.find_all(text), &Segmenter::new().segment(text));
/// let graph = counts.to_graph();
/// assert_eq!(graph.node_count(), 3);
/// assert_eq!(graph.edge_count(), 3);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Cooccurrence {
    config: CooccurrenceBuilder,
    documents: u64,
    windows: u64,
    nodes: BTreeMap<EntityId, NodeCounts>,
    edges: BTreeMap<(EntityId, EntityId), EdgeCounts>,
    /// Documents counted without a date.
    undated: u64,
    /// The earliest and latest document dates.
    first_date: Option<Date>,
    last_date: Option<Date>,
    /// The hash of the documents' ids, texts and dates, for partial results.
    content: ContentHash,
    /// The counts per field value, if the builder named fields.
    fields: Option<FieldCounts>,
}

impl Cooccurrence {
    /// Adds a document's id, text and date to the hash of the documents counted.
    pub(crate) fn add_content(&mut self, id: &str, text: &str, date: &str) {
        self.content.bytes(id.as_bytes()).bytes(text.as_bytes()).bytes(date.as_bytes());
    }

    /// The hash of the documents given to [`Cooccurrence::add_content`], in order.
    pub(crate) fn content_hash(&self) -> u128 {
        self.content.finish()
    }

    /// Creates a counter with the default (sentence) window.
    pub fn new() -> Cooccurrence {
        CooccurrenceBuilder::new().build()
    }

    /// Returns the window.
    pub fn window(&self) -> Window {
        self.config.window
    }

    /// Counts one undated document, given its mentions (in text order) and its segments. The
    /// same as [`Cooccurrence::add_dated_document`] with no date: for a text that has none.
    /// A document read from a corpus may have a date; count it with
    /// [`Cooccurrence::add_dated_document`], or let [`Pipeline::count`] do it all.
    ///
    /// [`Pipeline::count`]: crate::Pipeline::count
    pub fn add_document(&mut self, mentions: &[Mention], segments: &Segments) {
        self.add_dated_document(mentions, segments, None);
    }

    /// Counts one document, given its mentions (in text order), its segments and its date, if
    /// it has one. The date sets the first-seen and last-seen dates of the document's nodes
    /// and edges; an undated document counts as usual but leaves them as they are.
    ///
    /// ```
    /// use actorgraph::{Cooccurrence, Date, Gazetteer, Matcher, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let (matcher, segmenter) = (Matcher::new(&gaz)?, Segmenter::new());
    /// let mut counts = Cooccurrence::new();
    /// for (text, date) in [("Syria and Iraq met.", "2012-09-04"), ("Iraq and Iran met.", "2012-03-01")] {
    ///     let date: Date = date.parse().unwrap();
    ///     counts.add_dated_document(&matcher.find_all(text), &segmenter.segment(text), Some(date));
    /// }
    /// counts.add_document(&matcher.find_all("Iraq."), &segmenter.segment("Iraq."));
    /// let iraq = counts.node(gaz.lookup("IRQ").unwrap()).unwrap();
    /// assert_eq!(iraq.documents, 3);
    /// assert_eq!(iraq.first_seen.unwrap().to_string(), "2012-03-01");
    /// assert_eq!(iraq.last_seen.unwrap().to_string(), "2012-09-04");
    /// assert_eq!(counts.undated_count(), 1);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn add_dated_document(
        &mut self,
        mentions: &[Mention],
        segments: &Segments,
        date: Option<Date>,
    ) {
        self.count_document(mentions, segments, date);
    }

    /// Counts one document as [`Cooccurrence::add_dated_document`] does and, if the builder
    /// named [fields](CooccurrenceBuilder::fields), the document's value of each (see
    /// [`FieldCounts`]).
    ///
    /// ```
    /// use actorgraph::{CooccurrenceBuilder, Document, Gazetteer, JsonlOptions, Matcher, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let line = r#"{"id": "s1", "party": "democrat", "text": "Iran and Iraq met."}"#;
    /// let doc: Document = JsonlOptions::new().read(line.as_bytes(), "x").next().unwrap()?;
    /// let mentions = Matcher::new(&gaz)?.find_all(doc.text());
    /// let mut counts = CooccurrenceBuilder::new().fields(["party"]).build();
    /// counts.add_record(&doc, &mentions, &Segmenter::new().segment(doc.text()), None);
    /// let iran = gaz.lookup("IRN").unwrap();
    /// assert_eq!(counts.fields().unwrap().node(iran, "party", "democrat"), 1);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn add_record(
        &mut self,
        doc: &Document,
        mentions: &[Mention],
        segments: &Segments,
        date: Option<Date>,
    ) {
        let (nodes, edges) = self.count_document(mentions, segments, date);
        if let Some(fields) = &mut self.fields {
            fields.add(doc, &nodes, &edges);
        }
    }

    /// Counts one document; returns its distinct nodes and the pairs that share a window.
    fn count_document(
        &mut self,
        mentions: &[Mention],
        segments: &Segments,
        date: Option<Date>,
    ) -> (Vec<EntityId>, Vec<(EntityId, EntityId)>) {
        self.documents += 1;
        self.see_document(date);
        let windows = self.windows(mentions, segments);
        let mut doc_nodes: BTreeMap<EntityId, ()> = BTreeMap::new();
        let mut doc_edges: BTreeMap<(EntityId, EntityId), ()> = BTreeMap::new();
        for mention in mentions {
            let node = self.nodes.entry(mention.entity()).or_default();
            node.mentions += 1;
            node.adjectival += u64::from(mention.is_adjectival());
            doc_nodes.insert(mention.entity(), ());
        }
        self.windows += windows.len() as u64;
        for members in windows.values() {
            for &a in members {
                self.nodes.entry(a).or_default().windows += 1;
            }
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    self.edges.entry((a, b)).or_default().weight += 1;
                    doc_edges.insert((a, b), ());
                }
            }
        }
        for id in doc_nodes.keys() {
            let node = self.nodes.entry(*id).or_default();
            node.documents += 1;
            time::see(&mut node.first_seen, &mut node.last_seen, date, date);
        }
        for pair in doc_edges.keys() {
            let edge = self.edges.entry(*pair).or_default();
            edge.documents += 1;
            time::see(&mut edge.first_seen, &mut edge.last_seen, date, date);
        }
        (doc_nodes.into_keys().collect(), doc_edges.into_keys().collect())
    }

    /// Groups the distinct entities of a document by window, each group sorted.
    fn windows(&self, mentions: &[Mention], segments: &Segments) -> BTreeMap<usize, Vec<EntityId>> {
        let mut windows: BTreeMap<usize, Vec<EntityId>> = BTreeMap::new();
        for mention in mentions {
            let start = mention.span().start;
            let window = match self.config.window {
                Window::Sentence => segments.sentence_of(start),
                Window::Paragraph => segments.paragraph_of(start),
                Window::Document => 0,
            };
            windows.entry(window).or_default().push(mention.entity());
        }
        for members in windows.values_mut() {
            members.sort_unstable();
            members.dedup();
        }
        windows
    }

    /// Adds another counter's counts to this one. Counting documents in two halves and merging
    /// gives the same counts as counting them all in one.
    /// The counts per field value are merged when both count
    /// [fields](CooccurrenceBuilder::fields), and left as they are otherwise.
    ///
    /// # Panics
    ///
    /// If both count fields but different ones, which is a programming error.
    pub fn merge(&mut self, other: &Cooccurrence) {
        if let (Some(mine), Some(theirs)) = (&mut self.fields, &other.fields) {
            mine.merge(theirs);
        }
        self.documents += other.documents;
        self.windows += other.windows;
        self.add_dates(other.undated, other.date_range());
        for (id, c) in &other.nodes {
            let node = self.nodes.entry(*id).or_default();
            node.mentions += c.mentions;
            node.adjectival += c.adjectival;
            node.documents += c.documents;
            node.windows += c.windows;
            time::see(&mut node.first_seen, &mut node.last_seen, c.first_seen, c.last_seen);
        }
        for (pair, c) in &other.edges {
            let edge = self.edges.entry(*pair).or_default();
            edge.weight += c.weight;
            edge.documents += c.documents;
            time::see(&mut edge.first_seen, &mut edge.last_seen, c.first_seen, c.last_seen);
        }
    }

    /// Returns every node's counts, in entity id order.
    pub fn node_counts(&self) -> impl Iterator<Item = (EntityId, NodeCounts)> + '_ {
        self.nodes.iter().map(|(id, c)| (*id, *c))
    }

    /// Returns every pair's counts, as (a, b, counts) with a < b, in that order.
    pub fn edge_counts(&self) -> impl Iterator<Item = (EntityId, EntityId, EdgeCounts)> + '_ {
        self.edges.iter().map(|((a, b), c)| (*a, *b, *c))
    }

    /// Adds counts read from elsewhere (such as a partial result): `documents` documents,
    /// `windows` windows with at least one actor, and the given node and pair counts, added to
    /// any already present.
    pub fn add_counts<N, E>(&mut self, documents: u64, windows: u64, nodes: N, edges: E)
    where
        N: IntoIterator<Item = (EntityId, NodeCounts)>,
        E: IntoIterator<Item = (EntityId, EntityId, EdgeCounts)>,
    {
        let mut other = Cooccurrence { documents, windows, ..Cooccurrence::default() };
        other.nodes.extend(nodes);
        other.edges.extend(edges.into_iter().map(|(a, b, c)| ((a.min(b), a.max(b)), c)));
        self.merge(&other);
    }

    /// Returns the number of documents counted.
    pub fn document_count(&self) -> u64 {
        self.documents
    }

    /// Returns the number of windows counted: the sentences, paragraphs or documents (per the
    /// window) that contain at least one actor. This is `N` in the association measures.
    pub fn window_count(&self) -> u64 {
        self.windows
    }

    /// Returns the counts of one entity, if it was mentioned.
    pub fn node(&self, id: EntityId) -> Option<NodeCounts> {
        self.nodes.get(&id).copied()
    }

    /// Returns the counts of the pair `a`, `b` (in either order), if they co-occurred.
    pub fn edge(&self, a: EntityId, b: EntityId) -> Option<EdgeCounts> {
        self.edges.get(&(a.min(b), a.max(b))).copied()
    }

    /// Builds the graph: every mentioned entity is a node, in entity id order, and every pair
    /// with at least the minimum weight is an edge, in (source, target) order, weighed by
    /// windows.
    pub fn to_graph(&self) -> CooccurrenceGraph {
        self.with_fields(GraphOptions::new().build(self.counts(), |_| None))
    }

    /// Returns the counts per field value, if the builder named
    /// [fields](CooccurrenceBuilder::fields).
    pub fn fields(&self) -> Option<&FieldCounts> {
        self.fields.as_ref()
    }

    /// Gives `graph`, made from these counts, the field counts of its nodes and edges.
    fn with_fields(&self, graph: CooccurrenceGraph) -> CooccurrenceGraph {
        match &self.fields {
            Some(fields) => {
                let table = fields.table(&graph);
                graph.with_field_table(table)
            }
            None => graph,
        }
    }

    /// Builds the graph with a chosen edge weight and filters (see [`GraphOptions`] for the
    /// order they apply in). `gaz` is the gazetteer the counts come from; it gives the kinds.
    /// The counter's own minimum weight applies too.
    ///
    /// ```
    /// use actorgraph::{Cooccurrence, Gazetteer, GraphOptions, Matcher, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Syria and Iraq met. Iraq and Iran met. Iraq and Iran met again.";
    /// let mut counts = Cooccurrence::new();
    /// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
    /// let graph = counts.to_graph_with(&gaz, GraphOptions::new().top_edges(1).drop_isolated(true));
    /// assert_eq!((graph.node_count(), graph.edge_count()), (2, 1));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn to_graph_with(&self, gaz: &Gazetteer, options: &GraphOptions) -> CooccurrenceGraph {
        self.with_fields(options.build(self.counts(), |id| gaz.get(id).map(|e| e.kind())))
    }

    fn counts(&self) -> filter::Counts<'_> {
        filter::Counts {
            nodes: &self.nodes,
            edges: &self.edges,
            windows: self.windows,
            min_windows: self.config.min_weight,
        }
    }
}

#[cfg(test)]
mod tests;
