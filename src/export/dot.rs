//! Graphviz DOT: a quick, readable picture of the network.

use std::io::{self, Write};

use super::view::{EdgeRef, GraphRef, NodeRef};
use super::{attrs, entry, kind_color};
use crate::cooccur::QUAD_CLASSES;
use crate::error::Result;
use crate::events::QuadClass;
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
pub(super) fn quote(s: &str) -> String {
    quote_with(s, false)
}

/// Quotes a label for DOT: as [`quote`], and `&` becomes `&amp;`. Graphviz reads HTML
/// character entities in labels ("&amp;" draws as "&", "&#945;" as "α"), so a literal `&`
/// must be written as one for the label to show the text as it is.
pub(super) fn quote_label(s: &str) -> String {
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
fn weight_range(graph: GraphRef<'_>) -> (f64, f64) {
    let values = || graph.edges().map(move |(_, _, e)| attrs::weight_f64(graph, e));
    let hi = values().fold(f64::NEG_INFINITY, f64::max);
    let lo =
        if attrs::weight_is_count(graph) { 1.0 } else { values().fold(f64::INFINITY, f64::min) };
    (lo, hi)
}

/// The colour of an edge of the event graph, as DOT writes it.
fn quad_color(class: QuadClass) -> String {
    let (r, g, b) = super::quad_color(class);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The node measures as extra DOT attributes (`, degree=3, ...`), which Graphviz keeps but
/// does not draw; empty if the graph has none.
fn measures(graph: GraphRef<'_>, node: NodeRef<'_>) -> String {
    let (GraphRef::Cooccurrence(graph), NodeRef::Co(node)) = (graph, node) else {
        return String::new();
    };
    let fields = field_counts(graph, graph.node_field_counts(node.entity()));
    let Some(measures) = graph.measures() else { return fields };
    let names = attrs::measure_attrs(measures).into_iter().map(|a| a.name);
    let values = attrs::measure_values(measures, node);
    let measured: String =
        names.zip(values).map(|(name, value)| format!(", {name}={value}")).collect();
    measured + &fields
}

/// The metadata counts of a node or edge (see
/// [`CooccurrenceGraph::field_columns`](crate::CooccurrenceGraph::field_columns)) as extra
/// DOT attributes with quoted names (`, "party=democrat"=3`); empty without metadata.
fn field_counts(graph: &crate::cooccur::CooccurrenceGraph, row: Option<&[u64]>) -> String {
    let counts = row.unwrap_or_default().iter();
    let columns = graph.field_columns().zip(counts.chain(std::iter::repeat(&0)));
    columns.map(|((f, v), n)| format!(", {}={n}", quote(&format!("{f}={v}")))).collect()
}

/// Graph-wide drawing settings, chosen by the size of the graph: spline edges (routed around
/// the nodes, which costs Graphviz a lot of time) only on a small graph, straight lines
/// otherwise, and node overlaps removed on every size (`overlap=false`, which `neato`, `sfdp`
/// and `fdp` do cheaply; `dot` never overlaps nodes).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
struct Drawing {
    splines: &'static str,
    overlap: &'static str,
}

/// The largest graph, in nodes and in edges, drawn with spline edges.
const SPLINE_NODES: usize = 60;
const SPLINE_EDGES: usize = 200;

fn drawing(nodes: usize, edges: usize) -> Drawing {
    let splines = if nodes <= SPLINE_NODES && edges <= SPLINE_EDGES { "true" } else { "false" };
    Drawing { splines, overlap: "false" }
}

/// The smallest and largest font size of a node label, scaled by mentions.
const FONT_MIN: f64 = 8.0;
const FONT_MAX: f64 = 24.0;

/// The font size and the least height (in inches) of a node with `mentions`, when the most
/// mentioned node has `max`: both grow with the square root of the share of `max`, so that a
/// node's area follows its mentions.
fn node_size(mentions: u64, max: u64) -> (f64, f64) {
    let share = if max == 0 { 0.0 } else { (mentions as f64 / max as f64).sqrt() };
    (FONT_MIN + (FONT_MAX - FONT_MIN) * share, 0.25 + 0.5 * share)
}

/// The legend, as the graph's label (an HTML-like table at the bottom left, which every
/// layout engine draws, unlike clusters, and which adds no node to the graph a program reads):
/// one row for each kind in the graph with its colour and shape, a row for discovered actors if
/// there are any, and what node and line sizes mean.
fn legend(graph: GraphRef<'_>, gaz: &Gazetteer) -> String {
    let mut kinds = [false; 4];
    let mut discovered = false;
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        kinds[kind_index(e.kind())] = true;
        discovered |= e.is_discovered();
    }
    let mut rows = String::from("<tr><td colspan=\"2\" align=\"left\"><b>Kinds</b></td></tr>");
    for kind in KINDS.into_iter().filter(|&k| kinds[kind_index(k)]) {
        let (shape, color) = style(kind);
        rows.push_str(&format!(
            "<tr><td bgcolor=\"{color}\" width=\"16\"> </td><td align=\"left\">{kind} ({shape})</td></tr>"
        ));
    }
    if discovered {
        rows.push_str("<tr><td colspan=\"2\" align=\"left\">dashed outline: discovered</td></tr>");
    }
    if graph.is_directed() {
        rows.push_str(&quad_legend(graph));
        rows.push_str(
            "<tr><td colspan=\"2\" align=\"left\">size: events; line width: weight</td></tr>",
        );
    } else {
        rows.push_str(
            "<tr><td colspan=\"2\" align=\"left\">size: mentions; line width: weight</td></tr>",
        );
    }
    format!("<<table border=\"0\" cellspacing=\"2\">{rows}</table>>")
}

/// The legend rows of the quad classes that colour at least one edge.
fn quad_legend(graph: GraphRef<'_>) -> String {
    let mut used = [false; 4];
    for (_, _, edge) in graph.edges() {
        if let EdgeRef::Ev(edge) = edge {
            used[usize::from(edge.dominant_class().number() - 1)] = true;
        }
    }
    let mut rows = String::from(
        "<tr><td colspan=\"2\" align=\"left\"><b>Edges: class with most events</b></td></tr>",
    );
    for class in QUAD_CLASSES.into_iter().filter(|c| used[usize::from(c.number() - 1)]) {
        let (color, name) = (quad_color(class), class.as_str().replace('_', " "));
        rows.push_str(&format!(
            "<tr><td bgcolor=\"{color}\" width=\"16\"> </td><td align=\"left\">{name}</td></tr>"
        ));
    }
    rows
}

const KINDS: [EntityKind; 4] =
    [EntityKind::Person, EntityKind::State, EntityKind::Group, EntityKind::Place];

fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::State => 1,
        EntityKind::Group => 2,
        EntityKind::Place => 3,
    }
}

/// Writes the graph in Graphviz DOT. Every id and label is quoted and escaped; nodes are shaped
/// and coloured by kind and sized by mentions (the label's font size, from 8 to 24 points, and
/// the node's least height grow with the square root of the node's share of the largest count);
/// edges carry their window count as `weight` (Graphviz wants a positive number there) and a pen
/// width from 1 to 6 scaled by the graph's chosen [edge weight](crate::EdgeWeight). Node
/// measures, if computed ([`CooccurrenceGraph::compute_measures`](crate::CooccurrenceGraph::compute_measures)), are added as node
/// attributes. A legend of the kinds is the graph's label, drawn at the bottom.
///
/// The file names no layout engine, so every one can draw it: `neato -Tsvg`, `sfdp -Tpng`
/// (fastest on large graphs) or `dot -K sfdp -Tpng`; plain `dot` draws layers. Edges are
/// splines on a graph of up to 60 nodes and 200 edges and straight lines on a larger one, where
/// spline routing would take Graphviz minutes; node overlaps are removed (`overlap=false`).
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
/// let dot = String::from_utf8(out).unwrap();
/// assert!(dot.contains("\"IRQ\" -- \"SYR\""));
/// assert!(!dot.contains("layout="), "any engine may draw it");
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
pub fn write_dot<'g, W: io::Write>(
    graph: impl Into<GraphRef<'g>>,
    gaz: &Gazetteer,
    wtr: W,
) -> Result<()> {
    let graph = graph.into();
    let mut wtr = io::BufWriter::new(wtr);
    let Drawing { splines, overlap } = drawing(graph.node_count(), graph.edge_count());
    let (keyword, arrow) = if graph.is_directed() { ("digraph", "->") } else { ("graph", "--") };
    writeln!(wtr, "{keyword} actorgraph {{")?;
    writeln!(wtr, "  graph [overlap={overlap}, splines={splines}, outputorder=edgesfirst];")?;
    writeln!(wtr, "  graph [fontname=\"Helvetica\", fontsize=14, labelloc=b, labeljust=l];")?;
    writeln!(wtr, "  label={};", legend(graph, gaz))?;
    writeln!(wtr, "  node [fontname=\"Helvetica\", fontsize=10];")?;
    writeln!(wtr, "  edge [color=\"#00000066\"];")?;
    write_nodes(&mut wtr, graph, gaz)?;
    let (lo, hi) = weight_range(graph);
    for (a, b, edge) in graph.edges() {
        let color = match edge {
            EdgeRef::Ev(e) => {
                let class = e.dominant_class();
                format!(", color=\"{}\", quad_class={}", quad_color(class), class)
            }
            EdgeRef::Co(_) => match graph {
                GraphRef::Cooccurrence(g) => field_counts(g, g.edge_field_counts(a, b)),
                GraphRef::Events(_) => String::new(),
            },
        };
        writeln!(
            wtr,
            "  {} {arrow} {} [weight={}, penwidth={:.2}{color}];",
            quote(entry(gaz, a).id()),
            quote(entry(gaz, b).id()),
            edge.count(),
            penwidth(attrs::weight_f64(graph, edge), lo, hi)
        )?;
    }
    writeln!(wtr, "}}")?;
    wtr.flush()?;
    Ok(())
}

fn write_nodes<W: io::Write>(wtr: &mut W, graph: GraphRef<'_>, gaz: &Gazetteer) -> Result<()> {
    let max = graph.nodes().map(NodeRef::size).max().unwrap_or(0);
    let size_name = if graph.is_directed() { "events" } else { "mentions" };
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        let (shape, color) = style(e.kind());
        let style = if e.is_discovered() { "filled,dashed" } else { "filled" };
        let (fontsize, height) = node_size(node.size(), max);
        writeln!(
            wtr,
            "  {} [label={}, kind={}, shape={}, style=\"{}\", fillcolor=\"{}\", \
             fontsize={:.1}, height={:.2}, {size_name}={}{}];",
            quote(e.id()),
            quote_label(e.label()),
            e.kind(),
            shape,
            style,
            color,
            fontsize,
            height,
            node.size(),
            measures(graph, node)
        )?;
    }
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
    fn splines_only_on_small_graphs() {
        assert_eq!(drawing(10, 20), Drawing { splines: "true", overlap: "false" });
        assert_eq!(drawing(SPLINE_NODES, SPLINE_EDGES).splines, "true");
        assert_eq!(drawing(SPLINE_NODES + 1, 10).splines, "false");
        assert_eq!(drawing(10, SPLINE_EDGES + 1).splines, "false");
        assert_eq!(drawing(5000, 40000), Drawing { splines: "false", overlap: "false" });
    }

    #[test]
    fn node_size_follows_mentions() {
        assert_eq!(node_size(4, 4), (FONT_MAX, 0.75));
        assert_eq!(node_size(0, 4), (FONT_MIN, 0.25));
        assert_eq!(node_size(1, 4), (16.0, 0.5), "a quarter of the mentions, half the size");
        assert_eq!(node_size(0, 0), (FONT_MIN, 0.25));
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
