//! Node-link JSON: the layout networkx's `json_graph.node_link_graph` reads, and a plain JSON
//! graph for anything else (the HTML page embeds the same data).

use std::io::{self, Write};

use serde::Serialize;

use super::attrs::{self, Record, Value};
use super::entry;
use super::layout::Position;
use super::view::{EdgeRef, GraphRef, NodeRef};
use crate::error::Result;
use crate::gazetteer::EntityId;
use crate::gazetteer::Gazetteer;

/// The whole graph, in networkx's node-link layout.
#[derive(Debug, Serialize)]
pub(super) struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: GraphAttrs,
    nodes: Vec<Record<'a>>,
    edges: Vec<Record<'a>>,
}

/// Graph-level attributes: none yet, but networkx expects the object.
#[derive(Debug, Serialize)]
struct GraphAttrs {}

impl<'a> NodeLink<'a> {
    /// Collects the graph's nodes and edges, in the graph's order.
    pub(super) fn new(graph: GraphRef<'_>, gaz: &'a Gazetteer) -> NodeLink<'a> {
        let node_attrs = attrs::node_attrs(graph);
        let nodes = graph.nodes().map(|node| node_record(graph, gaz, &node_attrs, node)).collect();
        let edge_attrs = attrs::edge_attrs(graph);
        let edges = graph
            .edges()
            .map(|(a, b, edge)| edge_record(graph, gaz, &edge_attrs, (a, b), edge))
            .collect();
        NodeLink {
            directed: graph.is_directed(),
            multigraph: false,
            graph: GraphAttrs {},
            nodes,
            edges,
        }
    }

    /// Adds `x` and `y` to each node, from `positions` (in node order), rounded to two
    /// decimals so that the numbers stay short and the same on every platform that rounds the
    /// same layout the same way.
    pub(super) fn with_positions(mut self, positions: &[Position]) -> NodeLink<'a> {
        let round = |v: f64| Value::Float((v * 100.0).round() / 100.0 + 0.0);
        for (record, p) in self.nodes.iter_mut().zip(positions) {
            record.0.extend([("x".into(), round(p.x)), ("y".into(), round(p.y))]);
        }
        self
    }
}

/// A node's JSON object: `id`, `label` and the node attributes (`attrs`, from
/// [`attrs::node_attrs`]), as node-link JSON and GeoJSON's properties hold them.
pub(super) fn node_record<'a>(
    graph: GraphRef<'_>,
    gaz: &'a Gazetteer,
    attrs: &[attrs::Attr],
    node: NodeRef<'_>,
) -> Record<'a> {
    let e = entry(gaz, node.entity());
    let mut record =
        vec![("id".into(), Value::Str(e.id())), ("label".into(), Value::Str(e.label()))];
    record.extend(attrs.iter().map(|a| a.name.clone()).zip(attrs::node_values(graph, gaz, node)));
    Record(record)
}

/// An edge's JSON object: `source`, `target`, `weight` and the edge attributes (`attrs`, from
/// [`attrs::edge_attrs`]).
pub(super) fn edge_record<'a>(
    graph: GraphRef<'_>,
    gaz: &'a Gazetteer,
    attrs: &[attrs::Attr],
    (a, b): (EntityId, EntityId),
    edge: EdgeRef<'_>,
) -> Record<'a> {
    let mut record = vec![
        ("source".into(), Value::Str(entry(gaz, a).id())),
        ("target".into(), Value::Str(entry(gaz, b).id())),
        ("weight".into(), attrs::weight(graph, edge)),
    ];
    let values = attrs::edge_values(graph, (a, b), edge);
    record.extend(attrs.iter().map(|a| a.name.clone()).zip(values));
    Record(record)
}

/// Writes `value` as pretty-printed JSON and a final newline.
pub(super) fn write_pretty<W: io::Write>(value: &impl Serialize, wtr: W) -> Result<()> {
    let mut wtr = io::BufWriter::new(wtr);
    serde_json::to_writer_pretty(&mut wtr, value)?;
    writeln!(wtr)?;
    wtr.flush()?;
    Ok(())
}

/// Writes the graph as node-link JSON:
/// `{"directed": false, "multigraph": false, "graph": {}, "nodes": [...], "edges": [...]}`.
///
/// An [`EventGraph`](crate::EventGraph) is written with `"directed": true` (networkx reads a
/// `DiGraph`: one edge per source and target) and the attributes of its CSV tables, in their
/// lower-case names; what follows describes the co-occurrence graph.
///
/// Each node has `id`, `label`, `kind`, `mentions`, `documents`, `adjectival`, `state`,
/// `discovered`, `windows`, `first_seen`, `last_seen` and the node measures when the graph has
/// them; each edge has `source`, `target` (node ids), `weight` (the graph's
/// [chosen weight](crate::EdgeWeight)), `documents`, `windows`, `pmi`, `npmi`, `jaccard`,
/// `dice`, `association_strength`, `first_seen` and `last_seen`. Dates are ISO date strings,
/// empty when undated. The
/// edge list is named `edges`, the default of networkx 3.4 and later; read it with
/// `networkx.node_link_graph(data, edges="edges")`, which also works on older 3.x versions
/// whose default name is `links`.
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter, write_json};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
/// let mut out = Vec::new();
/// write_json(&counts.to_graph(), &gaz, &mut out)?;
/// assert!(String::from_utf8(out).unwrap().contains("\"source\": \"IRQ\""));
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// Returns an error if writing fails.
///
/// # Panics
///
/// Panics if the graph names an entity that `gaz` does not have: the graph must come from
/// this gazetteer.
pub fn write_json<'g, W: io::Write>(
    graph: impl Into<GraphRef<'g>>,
    gaz: &Gazetteer,
    wtr: W,
) -> Result<()> {
    write_pretty(&NodeLink::new(graph.into(), gaz), wtr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{AWKWARD, awkward_graph};

    #[test]
    fn awkward_names_survive_a_round_trip() {
        let (gaz, graph) = awkward_graph();
        let mut out = Vec::new();
        write_json(&graph, &gaz, &mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["nodes"][0]["label"], AWKWARD);
        assert_eq!(value["nodes"][1]["label"], "Côte d’Ivoire");
        assert_eq!(value["nodes"][1]["state"], "civ");
        assert_eq!(value["edges"][0]["source"], "ab");
        assert_eq!(value["edges"][0]["weight"], 1);
        assert_eq!(value["graph"], serde_json::json!({}));
        assert_eq!(value["directed"], false);
    }
}
