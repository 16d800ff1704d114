//! GraphML: the XML graph format that Cytoscape, igraph, yEd and networkx read, with typed keys.

use std::io::{self, Write};

use super::attrs::{self, Attr, AttrType};
use super::view::GraphRef;
use super::{entry, xml_escape};
use crate::error::Result;
use crate::gazetteer::Gazetteer;

/// Writes the graph in GraphML with typed keys: undirected (`edgedefault="undirected"`) for a
/// co-occurrence graph, directed for an [`EventGraph`](crate::EventGraph), whose edges go from
/// the source to the target and carry the attributes of its CSV edge table.
///
/// Node ids are entity ids; nodes carry `label` and the attributes of the CSV node table
/// (lower-case; strings, longs, doubles and booleans, with dates as ISO strings, empty when
/// undated). Edges carry `weight` (the graph's [chosen weight](crate::EdgeWeight): long for a
/// count, else double) and the attributes of the CSV edge table. Key ids are prefixed `n_` and `e_` because GraphML
/// wants them unique; readers use the attribute names. Ids, labels and values are XML-escaped;
/// non-ASCII text stays UTF-8.
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter, write_graphml};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
/// let mut out = Vec::new();
/// write_graphml(&counts.to_graph(), &gaz, &mut out)?;
/// assert!(String::from_utf8(out).unwrap().contains("<edge id=\"e0\" source=\"IRQ\" target=\"SYR\">"));
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
pub fn write_graphml<'g, W: io::Write>(
    graph: impl Into<GraphRef<'g>>,
    gaz: &Gazetteer,
    wtr: W,
) -> Result<()> {
    let graph = graph.into();
    let mut wtr = io::BufWriter::new(wtr);
    write_header(&mut wtr)?;
    let label = attrs::attr("label", "Label", AttrType::String);
    let weight = attrs::attr("weight", "Weight", attrs::weight_type(graph));
    write_keys(&mut wtr, "n", "node", &[&[label][..], &attrs::node_attrs(graph)].concat())?;
    write_keys(&mut wtr, "e", "edge", &[&[weight][..], &attrs::edge_attrs(graph)].concat())?;
    let direction = if graph.is_directed() { "directed" } else { "undirected" };
    writeln!(wtr, r#"  <graph id="actorgraph" edgedefault="{direction}">"#)?;
    write_nodes(&mut wtr, graph, gaz)?;
    write_edges(&mut wtr, graph, gaz)?;
    writeln!(wtr, "  </graph>\n</graphml>")?;
    wtr.flush()?;
    Ok(())
}

/// Declares the keys of one domain (`node` or `edge`), with ids `{prefix}_{name}`.
fn write_keys<W: Write>(wtr: &mut W, prefix: &str, domain: &str, keys: &[Attr]) -> Result<()> {
    for attr in keys {
        let (id, name, ty) = (xml_escape(&attr.id), xml_escape(&attr.name), attr.ty.graphml());
        writeln!(
            wtr,
            r#"  <key id="{prefix}_{id}" for="{domain}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    Ok(())
}

/// Writes one `<data>` element for key `{prefix}_{name}`; the value is escaped.
fn write_data<W: Write>(wtr: &mut W, prefix: &str, name: &str, value: &str) -> Result<()> {
    writeln!(wtr, r#"      <data key="{prefix}_{name}">{}</data>"#, xml_escape(value))?;
    Ok(())
}

fn write_nodes<W: Write>(wtr: &mut W, graph: GraphRef<'_>, gaz: &Gazetteer) -> Result<()> {
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        writeln!(wtr, r#"    <node id="{}">"#, xml_escape(e.id()))?;
        write_data(wtr, "n", "label", e.label())?;
        let values = attrs::node_values(graph, gaz, node);
        for (attr, value) in attrs::node_attrs(graph).iter().zip(values) {
            if value.is_missing() {
                continue;
            }
            write_data(wtr, "n", &attr.id, &value.to_string())?;
        }
        writeln!(wtr, "    </node>")?;
    }
    Ok(())
}

fn write_edges<W: Write>(wtr: &mut W, graph: GraphRef<'_>, gaz: &Gazetteer) -> Result<()> {
    for (i, (a, b, edge)) in graph.edges().enumerate() {
        let ends = (a, b);
        let (a, b) = (xml_escape(entry(gaz, a).id()), xml_escape(entry(gaz, b).id()));
        writeln!(wtr, r#"    <edge id="e{i}" source="{a}" target="{b}">"#)?;
        write_data(wtr, "e", "weight", &attrs::weight(graph, edge).to_string())?;
        let values = attrs::edge_values(graph, ends, edge);
        for (attr, value) in attrs::edge_attrs(graph).iter().zip(values) {
            write_data(wtr, "e", &attr.id, &value.to_string())?;
        }
        writeln!(wtr, "    </edge>")?;
    }
    Ok(())
}

/// Writes the XML declaration and the opening of a GraphML document, for every writer of one.
pub(super) fn write_header<W: std::io::Write>(wtr: &mut W) -> std::io::Result<()> {
    writeln!(wtr, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        wtr,
        concat!(
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
            r#"xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns "#,
            r#"http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::awkward_graph;

    #[test]
    fn awkward_names_are_escaped() {
        let (gaz, graph) = awkward_graph();
        let mut out = Vec::new();
        write_graphml(&graph, &gaz, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let want = r#"<data key="n_label">A&amp;B &lt;&quot;x&quot;&gt; &apos;y&apos; Côte d’Ivoire &lt;/script&gt;</data>"#;
        assert!(out.contains(want), "{out}");
        assert!(out.contains(r#"<data key="n_label">Côte d’Ivoire</data>"#), "{out}");
        assert!(out.contains(r#"<data key="n_discovered">false</data>"#), "{out}");
        assert!(out.contains(r#"<edge id="e0" source="ab" target="civ">"#), "{out}");
        assert!(out.contains(r#"<data key="e_weight">1</data>"#), "{out}");
        assert!(!out.contains("\"x\""), "{out}");
    }
}
