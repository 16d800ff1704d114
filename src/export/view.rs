//! One view of the two graphs the writers write, so that every format is written by one
//! writer whatever the graph: the undirected co-occurrence graph or the directed event graph.

use crate::cooccur::{CooccurrenceGraph, Edge, EventEdge, EventGraph, EventNode, Node};
use crate::corpus::Date;
use crate::gazetteer::EntityId;

/// A graph that the writers ([`write_csv`](crate::write_csv) and the others, and
/// [`GraphFiles`](crate::GraphFiles)) write: the undirected [`CooccurrenceGraph`] or the
/// directed [`EventGraph`]. Every writer takes `impl Into<GraphRef>`, so a reference to either
/// graph is passed as it is.
///
/// ```
/// use actorgraph::{EventCounts, Gazetteer, GraphRef, write_graphml};
///
/// let graph = EventCounts::new().to_graph();
/// assert!(GraphRef::from(&graph).is_directed());
/// let mut out = Vec::new();
/// write_graphml(&graph, &Gazetteer::builtin(), &mut out)?;
/// assert!(String::from_utf8(out).unwrap().contains(r#"edgedefault="directed""#));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum GraphRef<'g> {
    /// The co-occurrence graph: undirected.
    Cooccurrence(&'g CooccurrenceGraph),
    /// The event graph: directed.
    Events(&'g EventGraph),
}

impl<'g> From<&'g CooccurrenceGraph> for GraphRef<'g> {
    fn from(graph: &'g CooccurrenceGraph) -> GraphRef<'g> {
        GraphRef::Cooccurrence(graph)
    }
}

impl<'g> From<&'g EventGraph> for GraphRef<'g> {
    fn from(graph: &'g EventGraph) -> GraphRef<'g> {
        GraphRef::Events(graph)
    }
}

/// A node of either graph.
#[derive(Clone, Copy, Debug)]
pub(crate) enum NodeRef<'g> {
    Co(&'g Node),
    Ev(&'g EventNode),
}

/// An edge of either graph.
#[derive(Clone, Copy, Debug)]
pub(crate) enum EdgeRef<'g> {
    Co(&'g Edge),
    Ev(&'g EventEdge),
}

impl<'g> GraphRef<'g> {
    /// Returns true for the event graph, whose edges go from a source to a target.
    pub fn is_directed(self) -> bool {
        matches!(self, GraphRef::Events(_))
    }

    /// Returns the number of nodes.
    pub fn node_count(self) -> usize {
        match self {
            GraphRef::Cooccurrence(g) => g.node_count(),
            GraphRef::Events(g) => g.node_count(),
        }
    }

    /// Returns the number of edges.
    pub fn edge_count(self) -> usize {
        match self {
            GraphRef::Cooccurrence(g) => g.edge_count(),
            GraphRef::Events(g) => g.edge_count(),
        }
    }

    pub(crate) fn nodes(self) -> Box<dyn Iterator<Item = NodeRef<'g>> + 'g> {
        match self {
            GraphRef::Cooccurrence(g) => Box::new(g.nodes().map(NodeRef::Co)),
            GraphRef::Events(g) => Box::new(g.nodes().map(NodeRef::Ev)),
        }
    }

    pub(crate) fn edges(self) -> Box<dyn Iterator<Item = (EntityId, EntityId, EdgeRef<'g>)> + 'g> {
        match self {
            GraphRef::Cooccurrence(g) => {
                Box::new(g.edges().map(|(a, b, e)| (a, b, EdgeRef::Co(e))))
            }
            GraphRef::Events(g) => Box::new(g.edges().map(|(a, b, e)| (a, b, EdgeRef::Ev(e)))),
        }
    }
}

impl NodeRef<'_> {
    pub(crate) fn entity(self) -> EntityId {
        match self {
            NodeRef::Co(n) => n.entity(),
            NodeRef::Ev(n) => n.entity(),
        }
    }

    /// What the node is sized by: mentions, or events it took part in.
    pub(crate) fn size(self) -> u64 {
        match self {
            NodeRef::Co(n) => n.mentions(),
            NodeRef::Ev(n) => n.out_events() + n.in_events(),
        }
    }

    pub(crate) fn first_seen(self) -> Option<Date> {
        match self {
            NodeRef::Co(n) => n.first_seen(),
            NodeRef::Ev(n) => n.first_seen(),
        }
    }

    pub(crate) fn last_seen(self) -> Option<Date> {
        match self {
            NodeRef::Co(n) => n.last_seen(),
            NodeRef::Ev(n) => n.last_seen(),
        }
    }
}

impl EdgeRef<'_> {
    /// The count an edge is drawn by: windows, or events.
    pub(crate) fn count(self) -> u64 {
        match self {
            EdgeRef::Co(e) => e.weight(),
            EdgeRef::Ev(e) => e.events(),
        }
    }

    pub(crate) fn first_seen(self) -> Option<Date> {
        match self {
            EdgeRef::Co(e) => e.first_seen(),
            EdgeRef::Ev(e) => e.first_seen(),
        }
    }

    pub(crate) fn last_seen(self) -> Option<Date> {
        match self {
            EdgeRef::Co(e) => e.last_seen(),
            EdgeRef::Ev(e) => e.last_seen(),
        }
    }
}
