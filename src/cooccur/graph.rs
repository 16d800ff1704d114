//! The co-occurrence graph: a thin, documented wrapper over a petgraph graph.

use std::collections::HashMap;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use super::measures::{MeasuresBuilder, NodeMeasures};
use super::{Association, EdgeCounts, EdgeWeight, FieldTable, NodeCounts};
use crate::corpus::Date;
use crate::gazetteer::EntityId;

/// A node of the graph: an entity and its counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    entity: EntityId,
    counts: NodeCounts,
}

impl Node {
    pub(crate) fn new(entity: EntityId, counts: NodeCounts) -> Node {
        Node { entity, counts }
    }

    /// Returns the entity.
    pub fn entity(&self) -> EntityId {
        self.entity
    }

    /// Returns the number of mentions.
    pub fn mentions(&self) -> u64 {
        self.counts.mentions
    }

    /// Returns the number of mentions in adjectival form.
    pub fn adjectival_mentions(&self) -> u64 {
        self.counts.adjectival
    }

    /// Returns the number of distinct documents the entity appears in.
    pub fn documents(&self) -> u64 {
        self.counts.documents
    }

    /// Returns the number of windows the entity appears in (`n_i` of the association
    /// measures).
    pub fn windows(&self) -> u64 {
        self.counts.windows
    }

    /// Returns the earliest date of a dated document the entity appears in.
    pub fn first_seen(&self) -> Option<Date> {
        self.counts.first_seen
    }

    /// Returns the latest date of a dated document the entity appears in.
    pub fn last_seen(&self) -> Option<Date> {
        self.counts.last_seen
    }
}

/// An edge of the graph: the counts of one unordered pair and its association measures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    counts: EdgeCounts,
    association: Association,
}

impl Edge {
    pub(crate) fn new(counts: EdgeCounts, association: Association) -> Edge {
        Edge { counts, association }
    }

    /// Returns the number of windows in which both ends appear.
    pub fn weight(&self) -> u64 {
        self.counts.weight
    }

    /// Returns the number of distinct documents in which both ends share a window.
    pub fn documents(&self) -> u64 {
        self.counts.documents
    }

    /// Returns the association measures, computed from the counts of the whole corpus.
    pub fn association(&self) -> Association {
        self.association
    }

    /// Returns one of the edge's weights as a real number; counts convert exactly up to 2^53.
    ///
    /// ```
    /// use actorgraph::{Cooccurrence, EdgeWeight, Gazetteer, Matcher, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Syria and Iraq met. Iraq and Iran met. Chile voted.";
    /// let mut counts = Cooccurrence::new();
    /// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
    /// let graph = counts.to_graph();
    /// let edge = graph.edge(gaz.lookup("SYR").unwrap(), gaz.lookup("IRQ").unwrap()).unwrap();
    /// assert_eq!(edge.value(EdgeWeight::Windows), 1.0);
    /// // 3 windows; Syria in 1, Iraq in 2, both in 1: log2(1 * 3 / (1 * 2)).
    /// assert_eq!(edge.value(EdgeWeight::Pmi), 1.5f64.log2());
    /// assert_eq!(edge.value(EdgeWeight::Jaccard), 0.5);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn value(&self, weight: EdgeWeight) -> f64 {
        let a = &self.association;
        match weight {
            EdgeWeight::Windows => self.counts.weight as f64,
            EdgeWeight::Documents => self.counts.documents as f64,
            EdgeWeight::Pmi => a.pmi,
            EdgeWeight::Npmi => a.npmi,
            EdgeWeight::Jaccard => a.jaccard,
            EdgeWeight::Dice => a.dice,
            EdgeWeight::AssociationStrength => a.association_strength,
        }
    }

    /// Returns the earliest date of a dated document in which both ends share a window.
    pub fn first_seen(&self) -> Option<Date> {
        self.counts.first_seen
    }

    /// Returns the latest date of a dated document in which both ends share a window.
    pub fn last_seen(&self) -> Option<Date> {
        self.counts.last_seen
    }
}

/// An undirected actor co-occurrence graph.
///
/// Nodes are in entity id order and edges in (source, target) order, with source < target, so
/// the same input always gives the same graph. [`CooccurrenceGraph::as_petgraph`] gives the
/// underlying petgraph graph for algorithms such as connected components or shortest paths.
#[derive(Clone, Debug, Default)]
pub struct CooccurrenceGraph {
    graph: UnGraph<Node, Edge>,
    index: HashMap<EntityId, NodeIndex>,
    weight: EdgeWeight,
    /// Measures computed on exactly this graph; a method that changes nodes or edges must
    /// reset this to `None`.
    measures: Option<NodeMeasures>,
    /// The counts per field value of the nodes and edges, if the counts had fields.
    fields: Option<FieldTable>,
}

impl CooccurrenceGraph {
    pub(crate) fn from_parts<N, E>(nodes: N, edges: E) -> CooccurrenceGraph
    where
        N: Iterator<Item = Node>,
        E: Iterator<Item = (EntityId, EntityId, Edge)>,
    {
        let mut graph = UnGraph::default();
        let mut index = HashMap::new();
        for node in nodes {
            index.insert(node.entity, graph.add_node(node));
        }
        for (a, b, edge) in edges {
            graph.add_edge(index[&a], index[&b], edge);
        }
        CooccurrenceGraph {
            graph,
            index,
            weight: EdgeWeight::default(),
            measures: None,
            fields: None,
        }
    }

    /// Gives the graph the field counts of its nodes and edges.
    pub(crate) fn with_field_table(mut self, table: FieldTable) -> CooccurrenceGraph {
        self.fields = Some(table);
        self
    }

    /// Returns the metadata columns the graph carries, as (field, value): each field of
    /// [`CooccurrenceBuilder::fields`](crate::CooccurrenceBuilder::fields) in the order given,
    /// its values in sorted order; none if the counts had no fields. Every format writes them
    /// after the other attributes, named `field=value`.
    ///
    /// ```
    /// use actorgraph::{CooccurrenceBuilder, Document, Gazetteer, JsonlOptions, Matcher, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let line = r#"{"party": "democrat", "text": "Iran and Iraq met."}"#;
    /// let doc: Document = JsonlOptions::new().read(line.as_bytes(), "x").next().unwrap()?;
    /// let mentions = Matcher::new(&gaz)?.find_all(doc.text());
    /// let mut counts = CooccurrenceBuilder::new().fields(["party"]).build();
    /// counts.add_record(&doc, &mentions, &Segmenter::new().segment(doc.text()), None);
    /// let graph = counts.to_graph();
    /// assert_eq!(graph.field_columns().collect::<Vec<_>>(), [("party", "democrat")]);
    /// let (iran, iraq) = (gaz.lookup("IRN").unwrap(), gaz.lookup("IRQ").unwrap());
    /// assert_eq!(graph.node_field_counts(iran), Some(&[1][..]));
    /// assert_eq!(graph.edge_field_counts(iraq, iran), Some(&[1][..]));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn field_columns(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().flat_map(|t| t.columns.iter().map(|(f, v)| (f.as_str(), v.as_str())))
    }

    /// Returns a node's counts per field value, in the order of
    /// [`CooccurrenceGraph::field_columns`]: the documents with each value it appears in.
    pub fn node_field_counts(&self, entity: EntityId) -> Option<&[u64]> {
        self.fields.as_ref()?.nodes.get(&entity).map(Vec::as_slice)
    }

    /// Returns an edge's counts per field value (its ends in either order), in the order of
    /// [`CooccurrenceGraph::field_columns`]: the documents with each value in which the two
    /// share a window.
    pub fn edge_field_counts(&self, a: EntityId, b: EntityId) -> Option<&[u64]> {
        self.fields.as_ref()?.edges.get(&(a.min(b), a.max(b))).map(Vec::as_slice)
    }

    /// Sets which value the formats write as the edge weight.
    pub(crate) fn with_weight(mut self, weight: EdgeWeight) -> CooccurrenceGraph {
        self.weight = weight;
        self
    }

    /// Returns which value the formats write as the edge weight ([`EdgeWeight::Windows`]
    /// unless chosen with [`GraphOptions::weight`](crate::GraphOptions::weight)).
    pub fn edge_weight(&self) -> EdgeWeight {
        self.weight
    }

    /// Returns the number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Returns the number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Returns the nodes, in entity id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// Returns the node of an entity, if it is in the graph.
    pub fn node(&self, entity: EntityId) -> Option<&Node> {
        self.index.get(&entity).map(|&i| &self.graph[i])
    }

    /// Returns the edges as (source, target, edge), source before target, in that order.
    pub fn edges(&self) -> impl Iterator<Item = (EntityId, EntityId, &Edge)> {
        self.graph
            .edge_references()
            .map(|e| (self.graph[e.source()].entity, self.graph[e.target()].entity, e.weight()))
    }

    /// Returns the edge between two entities, in either order.
    pub fn edge(&self, a: EntityId, b: EntityId) -> Option<&Edge> {
        let (a, b) = (self.index.get(&a)?, self.index.get(&b)?);
        self.graph.find_edge(*a, *b).map(|e| &self.graph[e])
    }

    /// Returns the underlying petgraph graph. Its node indices follow entity id order.
    ///
    /// ```
    /// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter};
    /// use actorgraph::petgraph::algo::connected_components;
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Syria and Iraq met. Chile and Peru met.";
    /// let mut counts = Cooccurrence::new();
    /// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
    /// assert_eq!(connected_components(counts.to_graph().as_petgraph()), 2);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn as_petgraph(&self) -> &UnGraph<Node, Edge> {
        &self.graph
    }

    /// Returns the highest edge weight, or 0 for a graph without edges.
    pub fn max_weight(&self) -> u64 {
        self.graph.edge_weights().map(Edge::weight).max().unwrap_or(0)
    }

    /// Computes the node measures (degree, weighted degree, betweenness and eigenvector
    /// centrality, community; see [`NodeMeasures`]) on this graph as it is, and keeps them:
    /// from then on every writer ([`write_csv`](crate::write_csv) and the others) adds them to
    /// each node. Call it last, after any filtering, so that the measures describe the graph
    /// that is written.
    ///
    /// ```
    /// use actorgraph::{Cooccurrence, Gazetteer, Matcher, MeasuresBuilder, Segmenter, write_csv};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Syria and Iraq met.";
    /// let mut counts = Cooccurrence::new();
    /// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
    /// let mut graph = counts.to_graph();
    /// let measures = graph.compute_measures(&MeasuresBuilder::new());
    /// assert_eq!(measures.modularity(), Some(0.0));
    /// let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    /// write_csv(&graph, &gaz, &mut nodes, &mut edges)?;
    /// let header = String::from_utf8(nodes).unwrap().lines().next().unwrap().to_string();
    /// assert!(header.ends_with(",Degree,WeightedDegree,Betweenness,Eigenvector,Community"));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn compute_measures(&mut self, builder: &MeasuresBuilder) -> &NodeMeasures {
        self.measures.insert(builder.compute(self))
    }

    /// Returns the measures kept by [`CooccurrenceGraph::compute_measures`], if it was called.
    pub fn measures(&self) -> Option<&NodeMeasures> {
        self.measures.as_ref()
    }
}
