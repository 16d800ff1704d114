//! The two-mode (bipartite) network of actors and the values of a metadata field: which
//! party's speeches, which outlet's articles, or which documents name which actors.
//!
//! A co-occurrence graph joins actors to actors; a two-mode graph joins each actor to the
//! values of the documents that mention it, so that the documents (or parties, outlets) are
//! nodes of their own. It is what bipartite projections, affiliation networks and
//! correspondence analyses start from.

use std::collections::BTreeMap;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use super::GraphOptions;
use super::fields::field_value;
use crate::corpus::Document;
use crate::gazetteer::{EntityId, Gazetteer};
use crate::matcher::Mention;

/// The field name that means the document's id in [`TwoModeCounts`].
pub const DOCUMENT_FIELD: &str = "document";

/// A node of a [`TwoModeGraph`]: an actor, or a value of the field.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TwoModeNode {
    /// An actor (mode 0).
    Actor {
        /// The actor.
        entity: EntityId,
        /// Its mentions in the documents with a value.
        mentions: u64,
        /// The documents with a value that mention it.
        documents: u64,
    },
    /// A value of the field (mode 1).
    Value {
        /// The value (a document's id for the field [`DOCUMENT_FIELD`]).
        value: String,
        /// The documents with this value.
        documents: u64,
    },
}

/// An edge of a [`TwoModeGraph`], between an actor and a value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TwoModeEdge {
    /// The documents with the value that mention the actor: the edge's weight.
    pub documents: u64,
    /// The actor's mentions in those documents.
    pub mentions: u64,
}

/// Counts the two-mode network of actors and the values of one field over documents.
///
/// Each document with a value of the field (the field [`DOCUMENT_FIELD`], `document`, means
/// the document's id, so every document has one) joins each actor it mentions to its value. A
/// document without the field, or with it `null` or empty, is left out and counted.
///
/// ```
/// use actorgraph::{Gazetteer, JsonlOptions, Matcher, TwoModeCounts, TwoModeNode};
///
/// let gaz = Gazetteer::builtin();
/// let matcher = Matcher::new(&gaz)?;
/// let input = concat!(
///     r#"{"id": "a", "party": "red", "text": "Iran and Iraq met. Iran agreed."}"#, "\n",
///     r#"{"id": "b", "party": "blue", "text": "Iran and Chile met."}"#, "\n",
///     r#"{"id": "c", "text": "Peru."}"#, "\n",
/// );
/// let mut counts = TwoModeCounts::new("party");
/// for doc in JsonlOptions::new().read(input.as_bytes(), "x") {
///     let doc = doc?;
///     counts.add_document(&doc, &matcher.find_all(doc.text()));
/// }
/// let graph = counts.to_graph();
/// assert_eq!((graph.node_count(), graph.edge_count(), counts.left_out()), (5, 4, 1));
/// let iran = gaz.lookup("IRN").unwrap();
/// let (_, value, edge) = graph.edges().find(|(a, _, _)| *a == iran).unwrap();
/// assert!(matches!(value, TwoModeNode::Value { value, .. } if value == "blue"));
/// assert_eq!((edge.documents, edge.mentions), (1, 1));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct TwoModeCounts {
    field: String,
    actors: BTreeMap<EntityId, (u64, u64)>,
    values: BTreeMap<String, u64>,
    edges: BTreeMap<(EntityId, String), TwoModeEdge>,
    left_out: u64,
}

impl TwoModeCounts {
    /// Creates empty counts of the values of `field` ([`DOCUMENT_FIELD`] for the documents).
    pub fn new<S: Into<String>>(field: S) -> TwoModeCounts {
        TwoModeCounts {
            field: field.into(),
            actors: BTreeMap::new(),
            values: BTreeMap::new(),
            edges: BTreeMap::new(),
            left_out: 0,
        }
    }

    /// Returns the field.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Returns the number of documents left out, without a value of the field.
    pub fn left_out(&self) -> u64 {
        self.left_out
    }

    /// Counts one document, given its mentions: returns its value, or `None` if it has none
    /// (it is then left out).
    pub fn add_document<'d>(&mut self, doc: &'d Document, mentions: &[Mention]) -> Option<&'d str> {
        let value = match self.field.as_str() {
            DOCUMENT_FIELD => Some(doc.id()),
            field => field_value(doc, field),
        };
        let Some(value) = value else {
            self.left_out += 1;
            return None;
        };
        *self.values.entry(value.to_string()).or_default() += 1;
        let mut seen: BTreeMap<EntityId, u64> = BTreeMap::new();
        for mention in mentions {
            *seen.entry(mention.entity()).or_default() += 1;
        }
        for (entity, n) in seen {
            let actor = self.actors.entry(entity).or_default();
            actor.0 += n;
            actor.1 += 1;
            let edge = self.edges.entry((entity, value.to_string())).or_default();
            edge.documents += 1;
            edge.mentions += n;
        }
        Some(value)
    }

    /// Builds the graph: every actor, in entity id order, then every value, in sorted order,
    /// and an edge from each actor to each value it was seen with, in that order.
    pub fn to_graph(&self) -> TwoModeGraph {
        self.build(|_| true, false)
    }

    /// Builds the graph as [`TwoModeCounts::to_graph`] does, with the actors that the node
    /// filters of `options` keep ([`GraphOptions::kinds`] and [`GraphOptions::exclude`]) and,
    /// with [`GraphOptions::drop_isolated`], without the nodes left without edges. `gaz` is
    /// the gazetteer the counts come from; it gives the kinds.
    pub fn to_graph_with(&self, gaz: &Gazetteer, options: &GraphOptions) -> TwoModeGraph {
        let kind_of = |id| gaz.get(id).map(|e| e.kind());
        self.build(|id| options.keeps_node(id, kind_of), options.drops_isolated())
    }

    fn build<K: Fn(EntityId) -> bool>(&self, keep: K, drop_isolated: bool) -> TwoModeGraph {
        let edges: Vec<(&(EntityId, String), &TwoModeEdge)> =
            self.edges.iter().filter(|((a, _), _)| keep(*a)).collect();
        let linked = |a: EntityId| edges.iter().any(|((e, _), _)| *e == a);
        let used = |v: &str| edges.iter().any(|((_, w), _)| w == v);
        let mut graph = UnGraph::default();
        let mut actors = BTreeMap::new();
        for (&entity, &(mentions, documents)) in &self.actors {
            if keep(entity) && (!drop_isolated || linked(entity)) {
                let node = TwoModeNode::Actor { entity, mentions, documents };
                actors.insert(entity, graph.add_node(node));
            }
        }
        let mut values: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for (value, &documents) in &self.values {
            if !drop_isolated || used(value) {
                let node = TwoModeNode::Value { value: value.clone(), documents };
                values.insert(value, graph.add_node(node));
            }
        }
        for ((entity, value), edge) in edges {
            graph.add_edge(actors[entity], values[value.as_str()], *edge);
        }
        TwoModeGraph { field: self.field.clone(), graph }
    }
}

/// A two-mode (bipartite) graph of actors and the values of a field, made by
/// [`TwoModeCounts`]: the actors first (mode 0, in entity id order), then the values (mode 1,
/// in sorted order); every edge joins an actor to a value and is weighted by documents.
/// [`TwoModeGraph::as_petgraph`] gives the underlying petgraph graph.
#[derive(Clone, Debug)]
pub struct TwoModeGraph {
    field: String,
    graph: UnGraph<TwoModeNode, TwoModeEdge>,
}

impl TwoModeGraph {
    /// Returns the field whose values are the second mode.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Returns the number of nodes, of both modes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Returns the number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Returns the nodes: the actors, then the values.
    pub fn nodes(&self) -> impl Iterator<Item = &TwoModeNode> {
        self.graph.node_weights()
    }

    /// Returns the edges as (actor, value node, edge), by actor then value.
    pub fn edges(&self) -> impl Iterator<Item = (EntityId, &TwoModeNode, &TwoModeEdge)> {
        self.graph.edge_references().map(|e| {
            let TwoModeNode::Actor { entity, .. } = self.graph[e.source()] else {
                unreachable!("edges go from an actor to a value")
            };
            (entity, &self.graph[e.target()], e.weight())
        })
    }

    /// Returns the underlying petgraph graph: actors first, then values, each edge from an
    /// actor to a value.
    pub fn as_petgraph(&self) -> &UnGraph<TwoModeNode, TwoModeEdge> {
        &self.graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::JsonlOptions;
    use crate::span::Span;

    fn mention(e: usize) -> Mention {
        Mention::new(EntityId::new(e), Span::new(0, 1), false)
    }

    fn doc(json: &str) -> Document {
        JsonlOptions::new().read(json.as_bytes(), "t").next().unwrap().unwrap()
    }

    #[test]
    fn actors_join_the_values_of_their_documents() {
        let mut counts = TwoModeCounts::new("party");
        let docs: &[(&str, &[usize])] = &[
            (r#"{"id": "a", "party": "r", "text": "t"}"#, &[0, 1, 0]),
            (r#"{"id": "b", "party": "d", "text": "t"}"#, &[0]),
            (r#"{"id": "c", "party": "r", "text": "t"}"#, &[]),
            (r#"{"id": "d", "party": "", "text": "t"}"#, &[2]),
        ];
        for (json, entities) in docs {
            let mentions: Vec<Mention> = entities.iter().map(|&e| mention(e)).collect();
            counts.add_document(&doc(json), &mentions);
        }
        let graph = counts.to_graph();
        let nodes: Vec<String> = graph
            .nodes()
            .map(|n| match n {
                TwoModeNode::Actor { entity, mentions, documents } => {
                    format!("{}:{mentions}/{documents}", entity.as_usize())
                }
                TwoModeNode::Value { value, documents } => format!("{value}={documents}"),
            })
            .collect();
        assert_eq!(nodes, ["0:3/2", "1:1/1", "d=1", "r=2"], "actor 2 only in the left-out one");
        let edges: Vec<String> = graph
            .edges()
            .map(|(a, v, e)| match v {
                TwoModeNode::Value { value, .. } => {
                    format!("{}-{value}:{}/{}", a.as_usize(), e.documents, e.mentions)
                }
                TwoModeNode::Actor { .. } => unreachable!(),
            })
            .collect();
        assert_eq!(edges, ["0-d:1/1", "0-r:1/2", "1-r:1/1"]);
        assert_eq!(counts.left_out(), 1);
    }

    #[test]
    fn the_document_field_is_the_id() {
        let mut counts = TwoModeCounts::new(DOCUMENT_FIELD);
        counts.add_document(&doc(r#"{"id": "a", "text": "t"}"#), &[mention(0)]);
        counts.add_document(&doc(r#"{"id": "b", "text": "t"}"#), &[]);
        let graph = counts.to_graph();
        assert_eq!((graph.node_count(), graph.edge_count(), counts.left_out()), (3, 1, 0));
        let mut options = GraphOptions::new();
        options.drop_isolated(true);
        let gaz = Gazetteer::builtin();
        assert_eq!(counts.to_graph_with(&gaz, &options).node_count(), 2, "b has no actor");
    }
}
