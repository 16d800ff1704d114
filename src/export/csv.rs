//! Gephi's spreadsheet (CSV) import: a node table and an edge table.

use std::io;

use super::attrs;
use super::entry;
use crate::cooccur::CooccurrenceGraph;
use crate::error::Result;
use crate::gazetteer::Gazetteer;

/// Writes the graph as Gephi node and edge tables.
///
/// Nodes carry `Id,Label,Kind,Mentions,Documents,Adjectival,State,Discovered,Windows,
/// FirstSeen,LastSeen` and, when the graph has them, its node measures (State is the state id
/// a person, group or place belongs to, or a state's own id; Discovered is `true` for actors
/// proposed by discovery; FirstSeen and LastSeen are ISO dates, empty if undated). Edges carry
/// `Source,Target,Type,Weight,Documents,Windows,PMI,NPMI,Jaccard,Dice,AssociationStrength,
/// FirstSeen,LastSeen` with Type `Undirected` and Weight the graph's
/// [chosen weight](crate::EdgeWeight).
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter, write_csv};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
/// let (mut nodes, mut edges) = (Vec::new(), Vec::new());
/// write_csv(&counts.to_graph(), &gaz, &mut nodes, &mut edges)?;
/// let edges = String::from_utf8(edges).unwrap();
/// assert_eq!(edges.lines().nth(1), Some("IRQ,SYR,Undirected,1,1,1,0,1,1,1,2,,"));
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
pub fn write_csv<N: io::Write, E: io::Write>(
    graph: &CooccurrenceGraph,
    gaz: &Gazetteer,
    nodes: N,
    edges: E,
) -> Result<()> {
    write_nodes(graph, gaz, nodes)?;
    write_edges(graph, gaz, edges)?;
    Ok(())
}

/// Writes the node table. Gephi recognises `Id` and `Label`; the rest become attributes.
fn write_nodes<W: io::Write>(graph: &CooccurrenceGraph, gaz: &Gazetteer, wtr: W) -> Result<()> {
    let mut wtr = csv::Writer::from_writer(wtr);
    let titles = attrs::node_attrs(graph).into_iter().map(|a| a.title);
    wtr.write_record(["Id", "Label"].into_iter().chain(titles))?;
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        let values = attrs::node_values(graph, gaz, node).into_iter().map(|v| v.to_string());
        wtr.write_record([e.id().to_string(), e.label().to_string()].into_iter().chain(values))?;
    }
    wtr.flush()?;
    Ok(())
}

/// Writes the edge table. Gephi recognises `Source`, `Target`, `Type` and `Weight`.
fn write_edges<W: io::Write>(graph: &CooccurrenceGraph, gaz: &Gazetteer, wtr: W) -> Result<()> {
    let mut wtr = csv::Writer::from_writer(wtr);
    let titles = attrs::edge_attrs(graph).into_iter().map(|a| a.title);
    wtr.write_record(["Source", "Target", "Type", "Weight"].into_iter().chain(titles))?;
    for (a, b, edge) in graph.edges() {
        let (a, b) = (entry(gaz, a).id().to_string(), entry(gaz, b).id().to_string());
        let weight = attrs::weight(graph, edge).to_string();
        let values = attrs::edge_values(graph, edge).into_iter().map(|v| v.to_string());
        let fixed = [a, b, "Undirected".to_string(), weight];
        wtr.write_record(fixed.into_iter().chain(values))?;
    }
    wtr.flush()?;
    Ok(())
}
