//! The evidence table: for each edge and node of a graph, the documents, sentence spans and
//! snippets behind it, keyed by the ids the node and edge tables use, so that a reader can
//! join them and cite the sentences behind an edge.

use std::io;

use serde::Serialize;

use super::MentionFormat;
use super::csv::{CsvCells, text_cell};
use super::entry;
use super::records::Records;
use crate::cooccur::{Citation, Citations, CooccurrenceGraph, Evidence};
use crate::error::Result;
use crate::gazetteer::{EntityId, Gazetteer};

/// The file an evidence table is written to in a graph's output directory, per format:
/// `evidence.csv` or `evidence.jsonl`.
pub(crate) fn evidence_file(format: MentionFormat) -> &'static str {
    match format {
        MentionFormat::Jsonl => "evidence.jsonl",
        _ => "evidence.csv",
    }
}

/// Every file name an evidence table may have, for removing an earlier run's.
pub(crate) const EVIDENCE_FILES: [&str; 2] = ["evidence.csv", "evidence.jsonl"];

/// One row of the evidence table: one citation of an edge or a node.
///
/// In CSV the columns are named as the fields, in `PascalCase` as the node and edge tables'
/// (`Element,Source,Target,Rank,Total,Document,Date,Start,End,SourceStart,SourceEnd,
/// TargetStart,TargetEnd,Snippet`); JSONL records have the same keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EvidenceRecord<'a> {
    /// `edge` or `node`.
    pub element: &'a str,
    /// An edge's source (the edge table's `Source`), or the node's id (the node table's `Id`).
    pub source: &'a str,
    /// An edge's target (the edge table's `Target`); empty for a node.
    pub target: &'a str,
    /// The citation's place among the edge's or node's, from 1, in input and text order.
    pub rank: usize,
    /// How many citations the edge or node has in all: the edge's windows, the node's
    /// mentions. Only the first few are written (see [`EvidenceBuilder`]).
    ///
    /// [`EvidenceBuilder`]: crate::EvidenceBuilder
    pub total: u64,
    /// The document id.
    pub document: &'a str,
    /// The document's date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), or empty.
    pub date: &'a str,
    /// The byte offset where the sentence (or run of sentences) starts in the document's text.
    pub start: usize,
    /// The byte offset one past its end.
    pub end: usize,
    /// Where the source's (or the node's) mention starts.
    pub source_start: usize,
    /// One past its end.
    pub source_end: usize,
    /// Where the target's mention starts; none for a node.
    pub target_start: Option<usize>,
    /// One past its end; none for a node.
    pub target_end: Option<usize>,
    /// The sentence cut around the mentions, on one line (see [`Citation::snippet`]).
    pub snippet: &'a str,
}

const HEADER: [&str; 14] = [
    "Element",
    "Source",
    "Target",
    "Rank",
    "Total",
    "Document",
    "Date",
    "Start",
    "End",
    "SourceStart",
    "SourceEnd",
    "TargetStart",
    "TargetEnd",
    "Snippet",
];

/// Writes the evidence of a graph's nodes and edges as CSV (with a header row) or JSONL: the
/// nodes' citations first, in the graph's node order, then the edges', in its edge order, each
/// in input and text order. In CSV, text cells that a spreadsheet would run as a formula get a
/// `'` in front (see [`CsvCells`]), as in the node and edge tables, so the ids still join.
///
/// ```
/// use actorgraph::{Cooccurrence, Evidence, EvidenceWriter, Gazetteer, Matcher, MentionFormat, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let (mentions, segments) = (Matcher::new(&gaz)?.find_all(text), Segmenter::new().segment(text));
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&mentions, &segments);
/// let mut evidence = Evidence::new();
/// evidence.add_document("a1", text, None, &mentions, &segments);
/// let mut out = Vec::new();
/// let mut wtr = EvidenceWriter::new(MentionFormat::Csv, &mut out);
/// wtr.write_graph(&counts.to_graph(), &gaz, &evidence)?;
/// wtr.finish()?;
/// let csv = String::from_utf8(out).unwrap();
/// assert_eq!(csv.lines().last(), Some("edge,IRQ,SYR,1,1,a1,,0,19,10,14,0,5,Syria and Iraq met."));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug)]
pub struct EvidenceWriter<W: io::Write> {
    records: Records<W>,
}

impl<W: io::Write> EvidenceWriter<W> {
    /// Creates a writer. CSV output starts with a header row.
    pub fn new(format: MentionFormat, wtr: W) -> EvidenceWriter<W> {
        EvidenceWriter { records: Records::new(format, wtr) }
    }

    /// Sets how CSV text cells are written (default [`CsvCells::Safe`]).
    pub fn cells(&mut self, cells: CsvCells) -> &mut EvidenceWriter<W> {
        self.records.cells(cells);
        self
    }

    /// Writes one record.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn write(&mut self, record: &EvidenceRecord<'_>) -> Result<()> {
        let Some(cells) = self.records.csv_cells() else { return self.records.write(record) };
        let cell = |text| text_cell(text, cells);
        let (source, target, document) =
            (cell(record.source), cell(record.target), cell(record.document));
        let (date, snippet) = (cell(record.date), cell(record.snippet));
        self.records.write(&EvidenceRecord {
            source: &source,
            target: &target,
            document: &document,
            date: &date,
            snippet: &snippet,
            ..record.clone()
        })
    }

    /// Writes the citations of every node and edge of `graph` that `evidence` holds. Returns
    /// the number of records written.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    ///
    /// # Panics
    ///
    /// If the graph names an entity that `gaz` does not have: the graph must come from this
    /// gazetteer.
    pub fn write_graph(
        &mut self,
        graph: &CooccurrenceGraph,
        gaz: &Gazetteer,
        evidence: &Evidence,
    ) -> Result<u64> {
        let before = self.records.written();
        for_each_record(graph, gaz, evidence, |record| self.write(record))?;
        Ok(self.records.written() - before)
    }

    /// Flushes everything written. CSV output with no records still gets its header.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn finish(self) -> Result<()> {
        self.records.finish(&HEADER)
    }
}

/// Hands `f` the record of every citation of `graph`'s nodes and edges that `evidence`
/// holds: the nodes' first, in node order, then the edges', in edge order.
pub(crate) fn for_each_record<F>(
    graph: &CooccurrenceGraph,
    gaz: &Gazetteer,
    evidence: &Evidence,
    mut f: F,
) -> Result<()>
where
    F: FnMut(&EvidenceRecord<'_>) -> Result<()>,
{
    for node in graph.nodes() {
        if let Some(cited) = evidence.node(node.entity()) {
            cited_records(gaz, node.entity(), None, cited, &mut f)?;
        }
    }
    for (a, b, _) in graph.edges() {
        if let Some(cited) = evidence.edge(a, b) {
            cited_records(gaz, a, Some(b), cited, &mut f)?;
        }
    }
    Ok(())
}

/// Hands `f` the records of one node's or edge's citations.
fn cited_records<F>(
    gaz: &Gazetteer,
    source: EntityId,
    target: Option<EntityId>,
    cited: &Citations,
    f: &mut F,
) -> Result<()>
where
    F: FnMut(&EvidenceRecord<'_>) -> Result<()>,
{
    let source = entry(gaz, source).id();
    let target = target.map_or("", |t| entry(gaz, t).id());
    for (i, citation) in cited.citations().iter().enumerate() {
        let date = citation.date().map(|d| d.to_string()).unwrap_or_default();
        f(&record(citation, source, target, &date, i + 1, cited.total()))?;
    }
    Ok(())
}

/// The record of one citation.
fn record<'a>(
    citation: &'a Citation,
    source: &'a str,
    target: &'a str,
    date: &'a str,
    rank: usize,
    total: u64,
) -> EvidenceRecord<'a> {
    let (span, mention, other) = (citation.span(), citation.mention(), citation.other());
    EvidenceRecord {
        element: if other.is_some() { "edge" } else { "node" },
        source,
        target,
        rank,
        total,
        document: citation.document(),
        date,
        start: span.start,
        end: span.end,
        source_start: mention.start,
        source_end: mention.end,
        target_start: other.map(|s| s.start),
        target_end: other.map(|s| s.end),
        snippet: citation.snippet(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::awkward_graph;
    use crate::matcher::Matcher;
    use crate::segment::Segmenter;

    #[test]
    fn an_empty_table_has_its_header() {
        let mut out = Vec::new();
        EvidenceWriter::new(MentionFormat::Csv, &mut out).finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), HEADER.join(",") + "\n");
    }

    #[test]
    fn jsonl_records_have_the_csv_columns_and_a_node_has_no_target() {
        let (gaz, graph) = awkward_graph();
        let text = "Zorblax met Ivoria.";
        let matcher = Matcher::new(&gaz).unwrap();
        let mut evidence = Evidence::new();
        let segments = Segmenter::new().segment(text);
        evidence.add_document("=doc", text, None, &matcher.find_all(text), &segments);
        let mut out = Vec::new();
        let mut wtr = EvidenceWriter::new(MentionFormat::Jsonl, &mut out);
        assert_eq!(wtr.write_graph(&graph, &gaz, &evidence).unwrap(), 3);
        wtr.finish().unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut keys: Vec<&str> =
            lines[2].as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut header = HEADER.to_vec();
        keys.sort_unstable();
        header.sort_unstable();
        assert_eq!(keys, header);
        assert_eq!(lines[0]["Element"], "node");
        assert_eq!(lines[0]["TargetStart"], serde_json::Value::Null);
        assert_eq!(lines[2]["Document"], "=doc", "JSONL is written as it is");
    }

    #[test]
    fn csv_text_cells_are_made_safe() {
        let (gaz, graph) = awkward_graph();
        let text = "=Zorblax met Ivoria.";
        let mut evidence = Evidence::new();
        let mentions = Matcher::new(&gaz).unwrap().find_all(text);
        evidence.add_document("@doc", text, None, &mentions, &Segmenter::new().segment(text));
        let mut out = Vec::new();
        let mut wtr = EvidenceWriter::new(MentionFormat::Csv, &mut out);
        wtr.write_graph(&graph, &gaz, &evidence).unwrap();
        wtr.finish().unwrap();
        let csv = String::from_utf8(out).unwrap();
        assert!(csv.contains(",'@doc,,0,20,1,8,13,19,'=Zorblax met Ivoria.\n"), "{csv}");
    }
}
