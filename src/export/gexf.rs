//! GEXF 1.3: Gephi's own format, with typed attributes and colours and sizes Gephi shows as is.

use std::io::{self, Write};

use super::attrs::{self, Attr};
use super::gexf_time::Time;
use super::view::{EdgeRef, GraphRef};
use super::{entry, kind_color, quad_color, xml_escape};
use crate::cooccur::{CooccurrenceGraph, TimeSlices};
use crate::error::Result;
use crate::gazetteer::Gazetteer;

/// Scales a node's size from 4 (no mentions) to 40 (the most mentioned node), by area.
fn size(mentions: u64, max: u64) -> f64 {
    if max == 0 {
        return 4.0;
    }
    4.0 + 36.0 * (mentions as f64 / max as f64).sqrt()
}

/// Writes the graph in GEXF 1.3, for Gephi.
///
/// An [`EventGraph`](crate::EventGraph) is written with `defaultedgetype="directed"`, edges from
/// the source to the target, the attributes of its CSV tables, each edge coloured by its dominant
/// quad class (as in DOT), and nodes sized by the events they take part in; what follows describes the co-occurrence graph.
///
/// Nodes have the entity id as `id`, the canonical label as `label`, and the typed attributes
/// the attributes of the CSV node table (lower-case, typed: `kind`, `mentions`, `documents`,
/// `adjectival`, `state`, `discovered`, `windows`, `first_seen`, `last_seen`, and the node
/// measures when the graph has them). Each node is coloured by kind (the DOT palette) and
/// sized by mentions with `viz:color` and `viz:size`. Edges are undirected, carry the graph's
/// [chosen weight](crate::EdgeWeight) as `weight` and the attributes of the CSV edge table
/// (`documents`, `windows`, `pmi`, `npmi`, `jaccard`, `dice`, `association_strength`,
/// `first_seen`, `last_seen`). Ids, labels and values are XML-escaped; non-ASCII text stays
/// UTF-8.
///
/// The `first_seen` and `last_seen` dates are ISO dates, empty when undated. If any node has a
/// date, the graph is dynamic (`mode="dynamic" timeformat="date"`) and each dated node and edge
/// lives from the first day of its first-seen date to the last day of its last-seen date
/// (`start` and `end`), so Gephi's timeline shows actors and ties appear and fade; undated ones
/// have no interval and are always shown.
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter, write_gexf};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
/// let mut out = Vec::new();
/// write_gexf(&counts.to_graph(), &gaz, &mut out)?;
/// assert!(String::from_utf8(out).unwrap().contains("source=\"IRQ\" target=\"SYR\" weight=\"1\""));
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
pub fn write_gexf<'g, W: io::Write>(
    graph: impl Into<GraphRef<'g>>,
    gaz: &Gazetteer,
    wtr: W,
) -> Result<()> {
    let graph = graph.into();
    write_timed(graph, gaz, Time::of(graph), wtr)
}

/// Writes time slices as one dynamic GEXF 1.3 graph, whose timeline in Gephi plays the
/// network period by period.
///
/// `graph` is the union of the period graphs, as [`TimeSlices::to_graph`] or
/// [`TimeSlices::to_graph_with`] (filtered) builds it, written with the nodes,
/// attributes, colours and sizes of [`write_gexf`] and counts over all periods. Each node and
/// edge has one `<spell>` per period in which it appears, from the period's first to its last
/// day (inclusive), and its count in each period as the dynamic attribute `mentions_period`
/// (nodes) or `weight_period` (edges). At any date, the timeline shows exactly the graph of
/// that date's period.
///
/// ```
/// use actorgraph::{CooccurrenceBuilder, Gazetteer, Matcher, Segmenter, Slice, TimeSlices};
///
/// let gaz = Gazetteer::builtin();
/// let (matcher, segmenter) = (Matcher::new(&gaz)?, Segmenter::new());
/// let mut slices = TimeSlices::new(Slice::Month, &CooccurrenceBuilder::new());
/// for (text, date) in [("Syria and Iraq met.", "2012-09-04"), ("Iraq and Syria met.", "2012-11-30")] {
///     let date = Some(date.parse().unwrap());
///     slices.add_document(&matcher.find_all(text), &segmenter.segment(text), date);
/// }
/// let mut out = Vec::new();
/// actorgraph::write_dynamic_gexf(&slices, &slices.to_graph(), &gaz, &mut out)?;
/// let out = String::from_utf8(out).unwrap();
/// assert!(out.contains(r#"<spell start="2012-11-01" end="2012-11-30"/>"#));
/// assert!(out.contains(r#"<attvalue for="weight_period" value="1" start="2012-09-01" end="2012-09-30"/>"#));
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// Returns an error if writing fails.
///
/// # Panics
///
/// Panics if the slices name an entity that `gaz` does not have: they must come from this
/// gazetteer.
pub fn write_dynamic_gexf<W: io::Write>(
    slices: &TimeSlices,
    graph: &CooccurrenceGraph,
    gaz: &Gazetteer,
    wtr: W,
) -> Result<()> {
    write_timed(graph.into(), gaz, Time::Periods(slices), wtr)
}

/// Writes the graph with what `time` says about time.
fn write_timed<W: io::Write>(
    graph: GraphRef<'_>,
    gaz: &Gazetteer,
    time: Time<'_>,
    wtr: W,
) -> Result<()> {
    let mut wtr = io::BufWriter::new(wtr);
    write_header(&mut wtr)?;
    let direction = if graph.is_directed() { "directed" } else { "undirected" };
    writeln!(wtr, r#"  <graph defaultedgetype="{direction}" {}>"#, time.graph_mode())?;
    write_attributes(&mut wtr, "node", &attrs::node_attrs(graph))?;
    time.write_attributes(&mut wtr, "node")?;
    write_attributes(&mut wtr, "edge", &attrs::edge_attrs(graph))?;
    time.write_attributes(&mut wtr, "edge")?;
    write_nodes(&mut wtr, graph, gaz, time)?;
    write_edges(&mut wtr, graph, gaz, time)?;
    writeln!(wtr, "  </graph>\n</gexf>")?;
    wtr.flush()?;
    Ok(())
}

/// Declares the attributes of one class (`node` or `edge`).
fn write_attributes<W: Write>(wtr: &mut W, class: &str, attrs: &[Attr]) -> Result<()> {
    writeln!(wtr, r#"    <attributes class="{class}">"#)?;
    for attr in attrs {
        let (id, name, ty) = (xml_escape(&attr.id), xml_escape(&attr.name), attr.ty.gexf());
        writeln!(wtr, r#"      <attribute id="{id}" title="{name}" type="{ty}"/>"#)?;
    }
    writeln!(wtr, "    </attributes>")?;
    Ok(())
}

/// Writes one `<attvalue>`; the value is escaped.
fn write_attvalue<W: Write>(wtr: &mut W, name: &str, value: &str) -> Result<()> {
    writeln!(wtr, r#"          <attvalue for="{name}" value="{}"/>"#, xml_escape(value))?;
    Ok(())
}

fn write_nodes<W: Write>(
    wtr: &mut W,
    graph: GraphRef<'_>,
    gaz: &Gazetteer,
    time: Time<'_>,
) -> Result<()> {
    let max = graph.nodes().map(|n| n.size()).max().unwrap_or(0);
    writeln!(wtr, "    <nodes>")?;
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        let (id, label) = (xml_escape(e.id()), xml_escape(e.label()));
        let interval = time.interval(node.first_seen(), node.last_seen());
        writeln!(wtr, r#"      <node id="{id}" label="{label}"{interval}>"#)?;
        writeln!(wtr, "        <attvalues>")?;
        let values = attrs::node_values(graph, gaz, node);
        for (attr, value) in attrs::node_attrs(graph).iter().zip(values) {
            if value.is_missing() {
                continue;
            }
            write_attvalue(wtr, &attr.id, &value.to_string())?;
        }
        time.write_node_values(wtr, node.entity())?;
        writeln!(wtr, "        </attvalues>")?;
        time.write_node_spells(wtr, node.entity())?;
        let (r, g, b) = kind_color(e.kind());
        writeln!(wtr, r#"        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>"#)?;
        writeln!(wtr, r#"        <viz:size value="{:.2}"/>"#, size(node.size(), max))?;
        writeln!(wtr, "      </node>")?;
    }
    writeln!(wtr, "    </nodes>")?;
    Ok(())
}

fn write_edges<W: Write>(
    wtr: &mut W,
    graph: GraphRef<'_>,
    gaz: &Gazetteer,
    time: Time<'_>,
) -> Result<()> {
    writeln!(wtr, "    <edges>")?;
    for (i, (a, b, edge)) in graph.edges().enumerate() {
        let (ids, interval) = ((a, b), time.interval(edge.first_seen(), edge.last_seen()));
        let (a, b) = (xml_escape(entry(gaz, a).id()), xml_escape(entry(gaz, b).id()));
        let weight = attrs::weight(graph, edge);
        writeln!(
            wtr,
            r#"      <edge id="{i}" source="{a}" target="{b}" weight="{weight}"{interval}>"#
        )?;
        writeln!(wtr, "        <attvalues>")?;
        let values = attrs::edge_values(graph, ids, edge);
        for (attr, value) in attrs::edge_attrs(graph).iter().zip(values) {
            write_attvalue(wtr, &attr.id, &value.to_string())?;
        }
        time.write_edge_values(wtr, ids.0, ids.1)?;
        writeln!(wtr, "        </attvalues>")?;
        time.write_edge_spells(wtr, ids.0, ids.1)?;
        if let EdgeRef::Ev(edge) = edge {
            let (r, g, b) = quad_color(edge.dominant_class());
            writeln!(wtr, r#"        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>"#)?;
        }
        writeln!(wtr, "      </edge>")?;
    }
    writeln!(wtr, "    </edges>")?;
    Ok(())
}

/// Writes the XML declaration and the opening of a GEXF 1.3 document, for every writer of one.
pub(super) fn write_header<W: std::io::Write>(wtr: &mut W) -> std::io::Result<()> {
    writeln!(wtr, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        wtr,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">"#
    )?;
    writeln!(wtr, "  <meta>\n    <creator>actorgraph</creator>\n  </meta>")?;
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
        write_gexf(&graph, &gaz, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let want = r#"<node id="ab" label="A&amp;B &lt;&quot;x&quot;&gt; &apos;y&apos; Côte d’Ivoire &lt;/script&gt;">"#;
        assert!(out.contains(want), "{out}");
        assert!(out.contains(r#"<node id="civ" label="Côte d’Ivoire">"#), "{out}");
        assert!(out.contains(r#"<attvalue for="state" value="civ"/>"#), "{out}");
        assert!(out.contains(r#"<viz:color r="0" g="158" b="115" a="1.0"/>"#), "{out}");
        assert!(out.contains(r#"<edge id="0" source="ab" target="civ" weight="1">"#), "{out}");
        assert!(!out.contains("\"x\""), "{out}");
    }

    #[test]
    fn sizes_scale_by_area() {
        assert_eq!(size(0, 0), 4.0);
        assert_eq!(size(0, 9), 4.0);
        assert_eq!(size(9, 9), 40.0);
        assert_eq!(size(1, 4), 22.0);
    }
}
