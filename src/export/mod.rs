//! Writing results: the graph for Gephi (CSV) and Graphviz (DOT), and mentions as CSV or JSONL.
//!
//! Writers take any `io::Write`; making the files (atomically) is the caller's business. All
//! output is UTF-8 without a byte order mark, uses `.` as the decimal mark, and is written in the
//! graph's deterministic order.

mod csv;
mod dot;
mod mentions;
mod partial;

use std::str::FromStr;

pub use self::csv::write_csv;
pub use self::dot::write_dot;
pub use self::mentions::{MentionFormat, MentionRecord, MentionWriter};
pub use self::partial::Partial;
use crate::gazetteer::{EntityId, EntityKind, Entry, Gazetteer};

/// A graph output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum GraphFormat {
    /// Gephi's spreadsheet import: `nodes.csv` and `edges.csv`.
    Csv,
    /// Graphviz: `graph.dot`.
    Dot,
}

impl GraphFormat {
    /// All graph formats.
    pub const ALL: [GraphFormat; 2] = [GraphFormat::Csv, GraphFormat::Dot];

    /// Returns the format's name as used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            GraphFormat::Csv => "csv",
            GraphFormat::Dot => "dot",
        }
    }

    /// Returns the names of the files this format writes.
    pub fn file_names(self) -> &'static [&'static str] {
        match self {
            GraphFormat::Csv => &["nodes.csv", "edges.csv"],
            GraphFormat::Dot => &["graph.dot"],
        }
    }
}

impl FromStr for GraphFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<GraphFormat, String> {
        GraphFormat::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown graph format \"{s}\" (expected csv or dot)"))
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
