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

mod community;
mod graph;
mod measures;

use std::collections::BTreeMap;

pub use self::graph::{CooccurrenceGraph, Edge, Node};
pub use self::measures::{MeasuresBuilder, NodeMeasure, NodeMeasures};
use crate::gazetteer::EntityId;
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

    /// Creates an empty counter.
    pub fn build(&self) -> Cooccurrence {
        Cooccurrence { config: self.clone(), ..Cooccurrence::default() }
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
}

/// The counts of one edge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EdgeCounts {
    /// Windows in which both ends appear.
    pub weight: u64,
    /// Distinct documents in which both ends share a window.
    pub documents: u64,
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
    nodes: BTreeMap<EntityId, NodeCounts>,
    edges: BTreeMap<(EntityId, EntityId), EdgeCounts>,
}

impl Cooccurrence {
    /// Creates a counter with the default (sentence) window.
    pub fn new() -> Cooccurrence {
        CooccurrenceBuilder::new().build()
    }

    /// Returns the window.
    pub fn window(&self) -> Window {
        self.config.window
    }

    /// Counts one document, given its mentions (in text order) and its segments.
    pub fn add_document(&mut self, mentions: &[Mention], segments: &Segments) {
        self.documents += 1;
        let windows = self.windows(mentions, segments);
        let mut doc_nodes: BTreeMap<EntityId, ()> = BTreeMap::new();
        let mut doc_edges: BTreeMap<(EntityId, EntityId), ()> = BTreeMap::new();
        for mention in mentions {
            let node = self.nodes.entry(mention.entity()).or_default();
            node.mentions += 1;
            node.adjectival += u64::from(mention.is_adjectival());
            doc_nodes.insert(mention.entity(), ());
        }
        for members in windows.values() {
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    self.edges.entry((a, b)).or_default().weight += 1;
                    doc_edges.insert((a, b), ());
                }
            }
        }
        for id in doc_nodes.keys() {
            self.nodes.entry(*id).or_default().documents += 1;
        }
        for pair in doc_edges.keys() {
            self.edges.entry(*pair).or_default().documents += 1;
        }
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
    pub fn merge(&mut self, other: &Cooccurrence) {
        self.documents += other.documents;
        for (id, c) in &other.nodes {
            let node = self.nodes.entry(*id).or_default();
            node.mentions += c.mentions;
            node.adjectival += c.adjectival;
            node.documents += c.documents;
        }
        for (pair, c) in &other.edges {
            let edge = self.edges.entry(*pair).or_default();
            edge.weight += c.weight;
            edge.documents += c.documents;
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

    /// Adds counts read from elsewhere (such as a partial result): `documents` documents, and
    /// the given node and pair counts, added to any already present.
    pub fn add_counts<N, E>(&mut self, documents: u64, nodes: N, edges: E)
    where
        N: IntoIterator<Item = (EntityId, NodeCounts)>,
        E: IntoIterator<Item = (EntityId, EntityId, EdgeCounts)>,
    {
        let mut other = Cooccurrence { documents, ..Cooccurrence::default() };
        other.nodes.extend(nodes);
        other.edges.extend(edges.into_iter().map(|(a, b, c)| ((a.min(b), a.max(b)), c)));
        self.merge(&other);
    }

    /// Returns the number of documents counted.
    pub fn document_count(&self) -> u64 {
        self.documents
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
    /// with at least the minimum weight is an edge, in (source, target) order.
    pub fn to_graph(&self) -> CooccurrenceGraph {
        let nodes = self.nodes.iter().map(|(id, c)| Node::new(*id, *c));
        let edges = self
            .edges
            .iter()
            .filter(|(_, c)| c.weight >= self.config.min_weight)
            .map(|((a, b), c)| (*a, *b, Edge::new(*c)));
        CooccurrenceGraph::from_parts(nodes, edges)
    }
}

#[cfg(test)]
mod tests;
