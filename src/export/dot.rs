//! Graphviz DOT: a quick, readable picture of the network.

use std::io::{self, Write};

use super::{attrs, entry, kind_color};
use crate::cooccur::{CooccurrenceGraph, Node};
use crate::error::Result;
use crate::gazetteer::{EntityKind, Gazetteer};

/// Shape and fill colour per kind (the shared colour-blind-safe palette).
fn style(kind: EntityKind) -> (&'static str, String) {
    let shape = match kind {
        EntityKind::Person => "ellipse",
        EntityKind::State => "box",
        EntityKind::Group => "hexagon",
        EntityKind::Place => "diamond",
    };
    let (r, g, b) = kind_color(kind);
    (shape, format!("#{r:02x}{g:02x}{b:02x}"))
}

/// Quotes a string for DOT, the one quoting every DOT id and label goes through: backslashes,
/// double quotes and line breaks are escaped (`\\`, `\"`, `\n`), a carriage return is dropped,
/// and NUL and the other control characters (C0 and C1, which Graphviz cannot read or draw)
/// and the noncharacters U+FFFE and U+FFFF (which Graphviz copies into SVG, where XML 1.0
/// forbids them) become U+FFFD, the replacement character.
fn quote(s: &str) -> String {
    quote_with(s, false)
}

/// Quotes a label for DOT: as [`quote`], and `&` becomes `&amp;`. Graphviz reads HTML
/// character entities in labels ("&amp;" draws as "&", "&#945;" as "α"), so a literal `&`
/// must be written as one for the label to show the text as it is.
fn quote_label(s: &str) -> String {
    quote_with(s, true)
}

fn quote_with(s: &str, label: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '&' if label => out.push_str("&amp;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push(char::REPLACEMENT_CHARACTER),
            c if c.is_control() && c != '\t' => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Scales an edge's pen width from 1 (at `lo`) to 6 (at `hi`, the heaviest edge).
fn penwidth(value: f64, lo: f64, hi: f64) -> f64 {
    if hi <= lo {
        return 1.0;
    }
    1.0 + 5.0 * (value - lo) / (hi - lo)
}

/// The range pen widths are scaled over: from 1 to the largest count for a count weight, from
/// the smallest to the largest value for an association measure (which may be negative).
fn weight_range(graph: &CooccurrenceGraph) -> (f64, f64) {
    let weight = graph.edge_weight();
    let values = || graph.edges().map(move |(_, _, e)| e.value(weight));
    let hi = values().fold(f64::NEG_INFINITY, f64::max);
    let lo = if weight.is_count() { 1.0 } else { values().fold(f64::INFINITY, f64::min) };
    (lo, hi)
}

/// The node measures as extra DOT attributes (`, degree=3, ...`), which Graphviz keeps but
/// does not draw; empty if the graph has none.
fn measures(graph: &CooccurrenceGraph, node: &Node) -> String {
    let Some(measures) = graph.measures() else { return String::new() };
    let names = attrs::measure_attrs(measures).into_iter().map(|a| a.name);
    let values = attrs::measure_values(measures, node);
    names.zip(values).map(|(name, value)| format!(", {name}={value}")).collect()
}

/// Writes the graph in Graphviz DOT. Every id and label is quoted and escaped; nodes are shaped
/// and coloured by kind; edges carry their window count as `weight` (Graphviz wants a positive
/// number there) and a pen width from 1 to 6 scaled by the graph's chosen
/// [edge weight](crate::EdgeWeight). Node measures, if computed
/// ([`CooccurrenceGraph::compute_measures`]), are added as node attributes. The graph asks for
/// the `neato` layout, which suits networks better than `dot`'s layers.
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter, write_dot};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
/// let mut out = Vec::new();
/// write_dot(&counts.to_graph(), &gaz, &mut out)?;
/// assert!(String::from_utf8(out).unwrap().contains("\"IRQ\" -- \"SYR\""));
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
pub fn write_dot<W: io::Write>(graph: &CooccurrenceGraph, gaz: &Gazetteer, wtr: W) -> Result<()> {
    let mut wtr = io::BufWriter::new(wtr);
    writeln!(wtr, "graph actorgraph {{")?;
    writeln!(wtr, "  graph [layout=neato, overlap=false, splines=true, outputorder=edgesfirst];")?;
    writeln!(wtr, "  node [fontname=\"Helvetica\", fontsize=10];")?;
    writeln!(wtr, "  edge [color=\"#00000066\"];")?;
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        let (shape, color) = style(e.kind());
        let style = if e.is_discovered() { "filled,dashed" } else { "filled" };
        writeln!(
            wtr,
            "  {} [label={}, kind={}, shape={}, style=\"{}\", fillcolor=\"{}\", mentions={}{}];",
            quote(e.id()),
            quote_label(e.label()),
            e.kind(),
            shape,
            style,
            color,
            node.mentions(),
            measures(graph, node)
        )?;
    }
    let (lo, hi) = weight_range(graph);
    for (a, b, edge) in graph.edges() {
        writeln!(
            wtr,
            "  {} -- {} [weight={}, penwidth={:.2}];",
            quote(entry(gaz, a).id()),
            quote(entry(gaz, b).id()),
            edge.weight(),
            penwidth(edge.value(graph.edge_weight()), lo, hi)
        )?;
    }
    writeln!(wtr, "}}")?;
    wtr.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("Côte d'Ivoire"), "\"Côte d'Ivoire\"");
        assert_eq!(quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }

    #[test]
    fn dot_control_characters_and_ampersands() {
        assert_eq!(quote("a\u{0}b\u{7}c\u{85}d\te\r"), "\"a\u{FFFD}b\u{FFFD}c\u{FFFD}d\te\"");
        assert_eq!(quote_label("a\u{FFFE}b\u{FFFF}"), "\"a\u{FFFD}b\u{FFFD}\"");
        assert_eq!(quote("A&B"), "\"A&B\"", "ids are names, not drawn text");
        assert_eq!(quote_label("A&B &amp; &#945;"), "\"A&amp;B &amp;amp; &amp;#945;\"");
    }

    #[test]
    fn penwidth_scales() {
        assert_eq!(penwidth(1.0, 1.0, 1.0), 1.0);
        assert_eq!(penwidth(1.0, 1.0, 5.0), 1.0);
        assert_eq!(penwidth(5.0, 1.0, 5.0), 6.0);
        assert_eq!(penwidth(3.0, 1.0, 5.0), 3.5);
        assert_eq!(penwidth(0.0, -1.0, 1.0), 3.5, "measures may be negative");
    }
}
