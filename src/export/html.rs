//! One self-contained HTML page: a quick, interactive look at the network in any browser, with
//! nothing to install and no network access.

use std::io::{self, Write};

use super::evidence::for_each_record;
use super::json::NodeLink;
use super::layout::ForceLayout;
use super::view::GraphRef;
use crate::cooccur::{CooccurrenceGraph, Evidence};
use crate::error::Result;
use crate::gazetteer::Gazetteer;

/// The page: its style and script, with [`PLACEHOLDER`] where the graph's JSON goes and
/// [`EVIDENCE_PLACEHOLDER`] where the evidence's goes.
const TEMPLATE: &str = include_str!("graph.html");

/// Marks the spot in [`TEMPLATE`] for the graph data.
const PLACEHOLDER: &str = "__ACTORGRAPH_DATA__";

/// Marks the spot in [`TEMPLATE`] for the evidence: `null` without it.
const EVIDENCE_PLACEHOLDER: &str = "__ACTORGRAPH_EVIDENCE__";

/// Makes JSON safe inside a `<script>` element: every `<` becomes the JSON escape `\u003c`, so
/// no `</script>` or `<!--` in a label can end or confuse the element, and the JSON still
/// parses to the same value. (`<` only ever occurs inside JSON strings.)
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// Writes the graph as one self-contained HTML page that draws it in the browser.
///
/// The page embeds the graph as node-link JSON (as [`write_json`](crate::write_json) writes
/// it), with each node's `x` and `y` from [`ForceLayout`](crate::ForceLayout) (ForceAtlas2
/// with a Barnes–Hut quadtree, computed here, rounded to two decimals), and a script; it loads
/// nothing from the network and opens already laid out, however many nodes it has. Nodes are
/// coloured by kind (the DOT palette) and sized by mentions. The wheel zooms, dragging the
/// background pans and dragging a node moves it; clicking a node focuses it and its
/// neighbours and dims the rest (clicking the background clears it). The kind legend, and with
/// node measures
/// ([`CooccurrenceGraph::compute_measures`](crate::CooccurrenceGraph::compute_measures)) the
/// community legend (the ten largest communities, each named after its largest node, and the
/// rest), are checkboxes that show or hide their nodes, and a menu colours nodes by community
/// instead of kind. Labels are placed greedily, biggest node first, skipping any that would
/// overlap one already placed, on every redraw. A search box highlights nodes whose label or id
/// contains the text, hovering over a node shows its label, kind, mentions, documents, degree,
/// dates and measures, a slider hides edges seen in fewer windows than chosen (whatever the
/// chosen edge weight, the page draws edges by their window count) with a checkbox to hide
/// nodes left without edges, and when nodes have first and last seen dates two sliders keep
/// what was seen between two dates. Buttons save the view as PNG or SVG. With `#test=all` in
/// the address, the page plays scripted interactions and records what it saw as `data-test-*`
/// attributes (`scripts/check-html.sh` runs them in headless Chromium).
///
/// An [`EventGraph`](crate::EventGraph) is drawn with an arrow at the target end of each edge,
/// edges coloured by their dominant quad class, nodes sized by their events, and the slider
/// on event counts.
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter, write_html};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
/// let mut out = Vec::new();
/// write_html(&counts.to_graph(), &gaz, &mut out)?;
/// let page = String::from_utf8(out).unwrap();
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("\"source\":\"IRQ\",\"target\":\"SYR\""));
/// // Every node comes with its position: the page opens laid out.
/// assert_eq!(page.matches("\"x\":").count(), 2);
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
pub fn write_html<'g, W: io::Write>(
    graph: impl Into<GraphRef<'g>>,
    gaz: &Gazetteer,
    wtr: W,
) -> Result<()> {
    write_page(graph.into(), gaz, "null", wtr)
}

/// Writes the graph as one self-contained HTML page, as [`write_html`] does, with the
/// evidence of its nodes and edges: clicking an edge (or a node) lists the sentences behind
/// it, with their documents, dates and byte spans (the records of
/// [`EvidenceWriter`](crate::EvidenceWriter), embedded as JSON).
///
/// ```
/// use actorgraph::{Cooccurrence, Evidence, Gazetteer, Matcher, Segmenter, write_html_with_evidence};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let (mentions, segments) = (Matcher::new(&gaz)?.find_all(text), Segmenter::new().segment(text));
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&mentions, &segments);
/// let mut evidence = Evidence::new();
/// evidence.add_document("a1", text, None, &mentions, &segments);
/// let mut out = Vec::new();
/// write_html_with_evidence(&counts.to_graph(), &gaz, &evidence, &mut out)?;
/// assert!(String::from_utf8(out).unwrap().contains("\"Snippet\":\"Syria and Iraq met.\""));
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// Returns an error if writing fails.
///
/// # Panics
///
/// As [`write_html`].
pub fn write_html_with_evidence<W: io::Write>(
    graph: &CooccurrenceGraph,
    gaz: &Gazetteer,
    evidence: &Evidence,
    wtr: W,
) -> Result<()> {
    let mut records = Vec::new();
    for_each_record(graph, gaz, evidence, |record| {
        records.push(serde_json::to_value(record)?);
        Ok(())
    })?;
    let json = serde_json::to_string(&records)?;
    write_page(graph.into(), gaz, &json, wtr)
}

/// Writes the page with the graph's JSON and `evidence`, JSON too.
fn write_page<W: io::Write>(
    graph: GraphRef<'_>,
    gaz: &Gazetteer,
    evidence: &str,
    wtr: W,
) -> Result<()> {
    let (head, tail) =
        TEMPLATE.split_once(PLACEHOLDER).expect("the page template has a data placeholder");
    let (middle, tail) =
        tail.split_once(EVIDENCE_PLACEHOLDER).expect("the template has an evidence placeholder");
    let layout = ForceLayout::new().layout_graph(graph);
    let json =
        serde_json::to_string(&NodeLink::new(graph, gaz).with_positions(layout.positions()))?;
    let mut wtr = io::BufWriter::new(wtr);
    wtr.write_all(head.as_bytes())?;
    wtr.write_all(script_safe(&json).as_bytes())?;
    wtr.write_all(middle.as_bytes())?;
    wtr.write_all(script_safe(evidence).as_bytes())?;
    wtr.write_all(tail.as_bytes())?;
    wtr.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{AWKWARD, awkward_graph};

    #[test]
    fn template_has_one_placeholder_and_no_network_access() {
        assert_eq!(TEMPLATE.matches(PLACEHOLDER).count(), 1);
        assert_eq!(TEMPLATE.matches(EVIDENCE_PLACEHOLDER).count(), 1);
        assert!(TEMPLATE.find(PLACEHOLDER) < TEMPLATE.find(EVIDENCE_PLACEHOLDER));
        for remote in ["http://", "https://", "//cdn", "@import", "url("] {
            assert!(!TEMPLATE.contains(remote), "the page must not load {remote}");
        }
    }

    #[test]
    fn embedded_json_cannot_close_the_script() {
        let (gaz, graph) = awkward_graph();
        let mut out = Vec::new();
        write_html(&graph, &gaz, &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        let start = page.find(r#"<script type="application/json" id="graph-data">"#).unwrap();
        let body = &page[start..];
        let body = &body[body.find('>').unwrap() + 1..];
        let json = &body[..body.find("</script>").unwrap()];
        assert!(!json.contains('<'), "{json}");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["nodes"][0]["label"], AWKWARD);
        assert_eq!(value["edges"][0]["target"], "civ");
    }
}
