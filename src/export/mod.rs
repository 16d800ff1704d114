//! Writing results: the graph for Gephi (CSV, GEXF), Graphviz (DOT), GraphML and networkx (JSON)
//! readers and browsers (HTML), and mentions as CSV or JSONL.
//!
//! Writers take any `io::Write`; making the files (atomically) is the caller's business. All
//! output is UTF-8 without a byte order mark, uses `.` as the decimal mark, and is written in the
//! graph's deterministic order.

mod attrs;
mod csv;
mod dot;
mod events;
mod evidence;
mod geojson;
mod gexf;
mod gexf_time;
mod graphml;
mod html;
mod json;
mod layout;
mod mentions;
mod partial;
mod records;
mod shards;
mod two_mode;
mod view;

use std::str::FromStr;

pub use self::csv::{CsvCells, write_csv, write_csv_with};
pub use self::dot::write_dot;
pub use self::events::{EventRecord, EventWriter};
pub(crate) use self::evidence::{EVIDENCE_FILES, evidence_file};
pub use self::evidence::{EvidenceRecord, EvidenceWriter};
pub use self::geojson::write_geojson;
pub use self::gexf::{write_dynamic_gexf, write_gexf};
pub use self::graphml::write_graphml;
pub use self::html::{write_html, write_html_with_evidence};
pub use self::json::write_json;
pub use self::layout::{ForceLayout, Layout, Position};
pub use self::mentions::{MentionFormat, MentionRecord, MentionWriter};
pub use self::partial::{Partial, PartialLines};
pub use self::shards::merge_partials;
pub use self::two_mode::{write_two_mode, write_two_mode_csv};
pub use self::view::GraphRef;
use crate::events::QuadClass;
use crate::gazetteer::{EntityId, EntityKind, Entry, Gazetteer};

/// A graph output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum GraphFormat {
    /// Gephi's spreadsheet import: `nodes.csv` and `edges.csv`.
    Csv,
    /// Graphviz: `graph.dot`.
    Dot,
    /// GEXF 1.3, Gephi's own format: `graph.gexf`.
    Gexf,
    /// GraphML with typed keys, for Cytoscape, igraph and networkx: `graph.graphml`.
    GraphMl,
    /// The node-link JSON that networkx's `node_link_graph` reads: `graph.json`.
    Json,
    /// One self-contained, interactive HTML page, laid out in Rust (ForceAtlas2): `graph.html`.
    Html,
    /// GeoJSON for maps: the actors with a location as points, their edges as lines:
    /// `graph.geojson`.
    GeoJson,
}

impl GraphFormat {
    /// All graph formats.
    pub const ALL: [GraphFormat; 7] = [
        GraphFormat::Csv,
        GraphFormat::Dot,
        GraphFormat::Gexf,
        GraphFormat::GraphMl,
        GraphFormat::Json,
        GraphFormat::Html,
        GraphFormat::GeoJson,
    ];

    /// Returns the format's name as used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            GraphFormat::Csv => "csv",
            GraphFormat::Dot => "dot",
            GraphFormat::Gexf => "gexf",
            GraphFormat::GraphMl => "graphml",
            GraphFormat::Json => "json",
            GraphFormat::Html => "html",
            GraphFormat::GeoJson => "geojson",
        }
    }

    /// Returns the names of the files this format writes.
    pub fn file_names(self) -> &'static [&'static str] {
        match self {
            GraphFormat::Csv => &["nodes.csv", "edges.csv"],
            GraphFormat::Dot => &["graph.dot"],
            GraphFormat::Gexf => &["graph.gexf"],
            GraphFormat::GraphMl => &["graph.graphml"],
            GraphFormat::Json => &["graph.json"],
            GraphFormat::Html => &["graph.html"],
            GraphFormat::GeoJson => &["graph.geojson"],
        }
    }
}

impl FromStr for GraphFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<GraphFormat, String> {
        GraphFormat::ALL.into_iter().find(|f| f.as_str().eq_ignore_ascii_case(s)).ok_or_else(|| {
            format!("unknown graph format \"{s}\" (expected csv, dot, gexf, graphml, json, html or geojson)")
        })
    }
}

/// Looks up an entry that the graph refers to.
fn entry(gaz: &Gazetteer, id: EntityId) -> &Entry {
    gaz.get(id).expect("graph entities come from this gazetteer")
}

/// The state an entity belongs to: itself for a state, its affiliation or its country.
fn state_of(entry: &Entry) -> &str {
    match entry.kind() {
        EntityKind::State => entry.id(),
        _ => entry.affiliation_id().or(entry.country_id()).unwrap_or(""),
    }
}

/// The fill colour of each kind, as in the DOT output (a colour-blind-safe palette).
fn kind_color(kind: EntityKind) -> (u8, u8, u8) {
    match kind {
        EntityKind::Person => (0xe6, 0x9f, 0x00),
        EntityKind::State => (0x56, 0xb4, 0xe9),
        EntityKind::Group => (0x00, 0x9e, 0x73),
        EntityKind::Place => (0xf0, 0xe4, 0x42),
    }
}

/// The colour of an edge of the event graph, by its dominant quad class: blue and indigo for
/// verbal and material cooperation, purple and vermilion for verbal and material conflict,
/// none of them a node colour (DOT, GEXF; the HTML page uses the same).
fn quad_color(class: QuadClass) -> (u8, u8, u8) {
    match class {
        QuadClass::VerbalCooperation => (0x00, 0x72, 0xb2),
        QuadClass::MaterialCooperation => (0x33, 0x22, 0x88),
        QuadClass::VerbalConflict => (0xcc, 0x79, 0xa7),
        _ => (0xd5, 0x5e, 0x00),
    }
}

/// Escapes text for XML attribute values and character data, the one escaping every XML
/// writer (GEXF, dynamic GEXF, GraphML) uses: `&`, `<`, `>`, `"` and `'` become entities; tab,
/// line feed and carriage return become character references, so that attribute values keep
/// them (a parser turns them into spaces otherwise); and the characters XML 1.0 forbids even
/// as references (the other C0 controls, U+FFFE and U+FFFF) become U+FFFD, the replacement
/// character. Everything else, non-ASCII included, is kept as is.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !is_xml_char(c) => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out
}

/// Returns true for a character XML 1.0 allows in a document (its `Char` production); Rust
/// strings cannot hold the surrogates it also leaves out.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cooccur::{Cooccurrence, CooccurrenceGraph};
    use crate::matcher::Matcher;
    use crate::segment::Segmenter;

    /// A label with every character XML and HTML treat specially, and non-ASCII.
    pub(super) const AWKWARD: &str = "A&B <\"x\"> 'y' Côte d’Ivoire </script>";

    /// A two-node graph: the group `ab` labelled [`AWKWARD`] and the state `civ`.
    pub(super) fn awkward_graph() -> (Gazetteer, CooccurrenceGraph) {
        let gaz = Gazetteer::builder()
            .add(Entry::new("ab", EntityKind::Group, AWKWARD).alias("Zorblax"))
            .add(Entry::new("civ", EntityKind::State, "Côte d’Ivoire").alias("Ivoria"))
            .build()
            .expect("a valid gazetteer");
        let text = "Zorblax met Ivoria.";
        let mut counts = Cooccurrence::new();
        let matcher = Matcher::new(&gaz).expect("a valid matcher");
        counts.add_document(&matcher.find_all(text), &Segmenter::new().segment(text));
        let graph = counts.to_graph();
        assert_eq!((graph.node_count(), graph.edge_count()), (2, 1));
        (gaz, graph)
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(
            xml_escape("A&B <\"x\"> 'y' Côte d’Ivoire"),
            "A&amp;B &lt;&quot;x&quot;&gt; &apos;y&apos; Côte d’Ivoire"
        );
        assert_eq!(xml_escape("plain"), "plain");
    }

    #[test]
    fn xml_forbidden_characters_are_replaced() {
        assert_eq!(xml_escape("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(xml_escape("a\u{0}b\u{1F}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(xml_escape("x\u{FFFE}y\u{FFFF}"), "x\u{FFFD}y\u{FFFD}");
        assert_eq!(xml_escape("t\tn\nr\r"), "t&#9;n&#10;r&#13;");
        let kept = "\u{7F}\u{85}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}";
        assert_eq!(xml_escape(kept), kept, "allowed, if discouraged");
        for c in ['\u{0}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}'] {
            assert!(!is_xml_char(c), "{c:?}");
        }
    }

    #[test]
    fn format_names_round_trip() {
        for format in GraphFormat::ALL {
            assert_eq!(format.as_str().parse::<GraphFormat>(), Ok(format));
            assert_eq!(format.file_names().len(), if format == GraphFormat::Csv { 2 } else { 1 });
        }
        assert!("svg".parse::<GraphFormat>().is_err());
    }
}
