//! Gephi's spreadsheet (CSV) import: a node table and an edge table.

use std::io;

use super::{entry, state_of};
use crate::cooccur::CooccurrenceGraph;
use crate::error::Result;
use crate::gazetteer::Gazetteer;

/// The node table's header. Gephi recognises `Id` and `Label`; the rest become attributes.
const NODE_HEADER: [&str; 8] =
    ["Id", "Label", "Kind", "Mentions", "Documents", "Adjectival", "State", "Discovered"];

/// The edge table's header. Gephi recognises `Source`, `Target`, `Type` and `Weight`.
const EDGE_HEADER: [&str; 5] = ["Source", "Target", "Type", "Weight", "Documents"];

/// Writes the graph as Gephi node and edge tables.
///
/// Nodes carry `Id,Label,Kind,Mentions,Documents,Adjectival,State,Discovered` (State is the
/// state id a person, group or place belongs to, or a state's own id; Discovered is `true`
/// for actors proposed by discovery). Edges carry
/// `Source,Target,Type,Weight,Documents` with Type `Undirected`.
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
/// assert_eq!(String::from_utf8(edges).unwrap(), "Source,Target,Type,Weight,Documents\nIRQ,SYR,Undirected,1,1\n");
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
    let mut wtr = csv::Writer::from_writer(nodes);
    wtr.write_record(NODE_HEADER)?;
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        let counts =
            [node.mentions(), node.documents(), node.adjectival_mentions()].map(|n| n.to_string());
        wtr.write_record([
            e.id(),
            e.label(),
            e.kind().as_str(),
            &counts[0],
            &counts[1],
            &counts[2],
            state_of(e),
            if e.is_discovered() { "true" } else { "false" },
        ])?;
    }
    wtr.flush()?;
    let mut wtr = csv::Writer::from_writer(edges);
    wtr.write_record(EDGE_HEADER)?;
    for (a, b, edge) in graph.edges() {
        let (a, b) = (entry(gaz, a).id(), entry(gaz, b).id());
        wtr.write_record([
            a,
            b,
            "Undirected",
            &edge.weight().to_string(),
            &edge.documents().to_string(),
        ])?;
    }
    wtr.flush()?;
    Ok(())
}
