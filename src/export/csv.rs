//! Gephi's spreadsheet (CSV) import: a node table and an edge table, and the one rule every
//! CSV writer of the crate follows for text cells that a spreadsheet would run as a formula.

use std::borrow::Cow;
use std::io;

use super::attrs::{self, Value};
use super::entry;
use super::view::GraphRef;
use crate::error::Result;
use crate::gazetteer::Gazetteer;

/// How CSV writers treat a text cell that a spreadsheet program would take for a formula.
///
/// A cell that starts with `=`, `+`, `-` or `@` is run as a formula by Excel, LibreOffice and
/// Google Sheets, and one starting with a tab or carriage return can be made to (CSV
/// injection). Labels, ids, affiliations, document ids and surfaces come from the corpus and
/// the gazetteers, so a crafted article or gazetteer row could plant one. With
/// [`CsvCells::Safe`], the default, such a text cell gets a single quote `'` in front of it,
/// as OWASP recommends: spreadsheets show the text, and the quote is easy to strip. Numeric
/// columns (counts, offsets, weights, measures, which may be negative) are never changed.
///
/// ```
/// use actorgraph::{CsvCells, MentionFormat, MentionRecord, MentionWriter};
///
/// let record = MentionRecord {
///     document: "=HYPERLINK(\"http://x\")", date: "", date_source: None, entity: "RUS", kind: "state",
///     label: "Russia", surface: "Russia", start: 0, end: 6, sentence: 0, paragraph: 0,
///     adjectival: false, discovered: false, role: false,
/// };
/// let mut out = Vec::new();
/// let mut wtr = MentionWriter::new(MentionFormat::Csv, &mut out);
/// wtr.write(&record)?;
/// wtr.finish()?;
/// assert!(String::from_utf8(out).unwrap().contains("\n\"'=HYPERLINK(\"\"http://x\"\")\",,RUS,"));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsvCells {
    /// Put `'` before a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return.
    #[default]
    Safe,
    /// Write every cell as it is (`--raw-csv` on the command line).
    Raw,
}

/// Applies the [`CsvCells`] rule to one text cell: the one function every CSV writer uses.
pub(crate) fn text_cell(cell: &str, cells: CsvCells) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if cells == CsvCells::Safe && risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes a value as a CSV cell: text by the [`CsvCells`] rule, numbers and truth values as
/// they are.
fn value_cell(value: &Value<'_>, cells: CsvCells) -> String {
    match value {
        Value::Str(s) => text_cell(s, cells).into_owned(),
        Value::Text(s) => text_cell(s, cells).into_owned(),
        other => other.to_string(),
    }
}

/// Writes the graph as Gephi node and edge tables, with text cells made safe for
/// spreadsheets ([`CsvCells::Safe`]; see [`write_csv_with`] for raw cells).
///
/// Nodes carry `Id,Label,Kind,Mentions,Documents,Adjectival,State,Discovered,Windows,
/// FirstSeen,LastSeen` and, when the graph has them, its node measures (State is the state id
/// a person, group or place belongs to, or a state's own id; Discovered is `true` for actors
/// proposed by discovery; FirstSeen and LastSeen are ISO dates, empty if undated). Edges carry
/// `Source,Target,Type,Weight,Documents,Windows,PMI,NPMI,Jaccard,Dice,AssociationStrength,
/// FirstSeen,LastSeen` with Type `Undirected` and Weight the graph's
/// [chosen weight](crate::EdgeWeight). If the counts had metadata fields
/// ([`CooccurrenceBuilder::fields`](crate::CooccurrenceBuilder::fields)), nodes and edges end
/// with one count column per value, titled `field=value` (see
/// [`CooccurrenceGraph::field_columns`](crate::CooccurrenceGraph::field_columns)); GEXF,
/// GraphML, JSON and DOT carry the same counts under the same names.
///
/// An [`EventGraph`](crate::EventGraph) is written with its own columns: nodes
/// `Id,Label,Kind,State,Discovered,OutEvents,InEvents,FirstSeen,LastSeen`, edges
/// `Source,Target,Type,Weight,Events,Documents,VerbalCooperation,MaterialCooperation,
/// VerbalConflict,MaterialConflict,Signed,MeanScore,QuadClass,FirstSeen,LastSeen` with Type
/// `Directed` (from the source to the target), Weight the [`EventWeight`](crate::EventWeight),
/// Signed cooperation minus conflict and QuadClass the class with the most events.
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
pub fn write_csv<'g, N: io::Write, E: io::Write>(
    graph: impl Into<GraphRef<'g>>,
    gaz: &Gazetteer,
    nodes: N,
    edges: E,
) -> Result<()> {
    write_csv_with(graph, gaz, CsvCells::Safe, nodes, edges)
}

/// Writes the graph as Gephi node and edge tables, as [`write_csv`] does, with text cells
/// treated as `cells` says.
///
/// ```
/// use actorgraph::{CsvCells, Entry, EntityKind, Gazetteer, Matcher, Segmenter, Cooccurrence};
///
/// let gaz = Gazetteer::builder().add(Entry::new("g", EntityKind::Group, "-Minus Front")).build()?;
/// let text = "-Minus Front";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
/// let (mut nodes, mut edges) = (Vec::new(), Vec::new());
/// actorgraph::write_csv_with(&counts.to_graph(), &gaz, CsvCells::Raw, &mut nodes, &mut edges)?;
/// assert!(String::from_utf8(nodes).unwrap().contains("\ng,-Minus Front,group,"));
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// Returns an error if writing fails.
///
/// # Panics
///
/// Panics if the graph names an entity that `gaz` does not have.
pub fn write_csv_with<'g, N: io::Write, E: io::Write>(
    graph: impl Into<GraphRef<'g>>,
    gaz: &Gazetteer,
    cells: CsvCells,
    nodes: N,
    edges: E,
) -> Result<()> {
    let graph = graph.into();
    write_nodes(graph, gaz, cells, nodes)?;
    write_edges(graph, gaz, cells, edges)?;
    Ok(())
}

/// A column title: the metadata columns (`party=democrat`) come from the corpus, so they follow
/// the [`CsvCells`] rule too.
fn title_cell(title: Cow<'static, str>, cells: CsvCells) -> String {
    text_cell(&title, cells).into_owned()
}

/// Writes the node table. Gephi recognises `Id` and `Label`; the rest become attributes.
fn write_nodes<W: io::Write>(
    graph: GraphRef<'_>,
    gaz: &Gazetteer,
    cells: CsvCells,
    wtr: W,
) -> Result<()> {
    let mut wtr = csv::Writer::from_writer(wtr);
    let titles = attrs::node_attrs(graph).into_iter().map(|a| title_cell(a.title, cells));
    wtr.write_record(["Id".to_string(), "Label".to_string()].into_iter().chain(titles))?;
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        let values = attrs::node_values(graph, gaz, node);
        let values = values.iter().map(|v| value_cell(v, cells));
        let fixed =
            [text_cell(e.id(), cells).into_owned(), text_cell(e.label(), cells).into_owned()];
        wtr.write_record(fixed.into_iter().chain(values))?;
    }
    wtr.flush()?;
    Ok(())
}

/// Writes the edge table. Gephi recognises `Source`, `Target`, `Type` and `Weight`.
fn write_edges<W: io::Write>(
    graph: GraphRef<'_>,
    gaz: &Gazetteer,
    cells: CsvCells,
    wtr: W,
) -> Result<()> {
    let mut wtr = csv::Writer::from_writer(wtr);
    let titles = attrs::edge_attrs(graph).into_iter().map(|a| title_cell(a.title, cells));
    let fixed = ["Source", "Target", "Type", "Weight"].map(String::from);
    wtr.write_record(fixed.into_iter().chain(titles))?;
    let kind = if graph.is_directed() { "Directed" } else { "Undirected" };
    for (a, b, edge) in graph.edges() {
        let ends = (a, b);
        let id = |n| text_cell(entry(gaz, n).id(), cells).into_owned();
        let (a, b) = (id(a), id(b));
        let weight = attrs::weight(graph, edge).to_string();
        let values = attrs::edge_values(graph, ends, edge);
        let values = values.iter().map(|v| value_cell(v, cells));
        let fixed = [a, b, kind.to_string(), weight];
        wtr.write_record(fixed.into_iter().chain(values))?;
    }
    wtr.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_formula_cells_get_a_quote() {
        for cell in ["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text_cell(cell, CsvCells::Safe), format!("'{cell}"));
            assert_eq!(text_cell(cell, CsvCells::Raw), cell);
        }
        for cell in ["Russia", "", " =x", "x=1", "'=x", "2025-01-02"] {
            assert_eq!(text_cell(cell, CsvCells::Safe), cell);
        }
        assert_eq!(value_cell(&Value::Float(-0.5), CsvCells::Safe), "-0.5", "numbers stay");
        assert_eq!(value_cell(&Value::Str("-x"), CsvCells::Safe), "'-x");
        assert_eq!(value_cell(&Value::Text("@x".into()), CsvCells::Safe), "'@x");
    }
}
