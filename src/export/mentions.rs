//! Mentions as CSV or JSON Lines, one record per mention, written as they are produced.

use std::io;
use std::str::FromStr;

use serde::Serialize;

use super::csv::{CsvCells, text_cell};
use super::records::Records;
use crate::error::Result;

/// A mention output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum MentionFormat {
    /// CSV with a header row.
    #[default]
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl FromStr for MentionFormat {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<MentionFormat, String> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(MentionFormat::Csv),
            "jsonl" => Ok(MentionFormat::Jsonl),
            _ => Err(format!("unknown mention format \"{s}\" (expected csv or jsonl)")),
        }
    }
}

/// One row of mention output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MentionRecord<'a> {
    /// The document id.
    pub document: &'a str,
    /// The document's date in ISO 8601 (`YYYY-MM-DD`, or `YYYY-MM` or `YYYY` when partial), or
    /// empty.
    pub date: &'a str,
    /// Where the date came from: `field`, `dateline`, `filename`, `default` (the pipeline's
    /// default date, for a document without a date of its own) or empty (no date). A
    /// [`MentionWriter`] writes it only when [`MentionWriter::date_source`] asks it to, as a
    /// `date_source` column after `date`; `None` is written as empty then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_source: Option<&'a str>,
    /// The entity's text id.
    pub entity: &'a str,
    /// The entity's kind.
    pub kind: &'a str,
    /// The entity's canonical label.
    pub label: &'a str,
    /// The text as it appears in the document.
    pub surface: &'a str,
    /// The byte offset where the mention starts.
    pub start: usize,
    /// The byte offset one past its end.
    pub end: usize,
    /// The index of its sentence in the document, from 0.
    pub sentence: usize,
    /// The index of its paragraph in the document, from 0.
    pub paragraph: usize,
    /// Whether it is an adjectival form.
    pub adjectival: bool,
    /// Whether the entity was proposed by discovery rather than listed in a gazetteer.
    pub discovered: bool,
    /// Whether it is a role mention: an office that names its holder without the holder's
    /// name ("the Prime Minister"; see [`MatcherBuilder::roles`]).
    ///
    /// [`MatcherBuilder::roles`]: crate::MatcherBuilder::roles
    pub role: bool,
}

/// Writes mention records in a chosen format. In CSV, text cells that a spreadsheet would run
/// as a formula get a `'` in front (see [`CsvCells`]), unless [`MentionWriter::cells`] says
/// [`CsvCells::Raw`]; JSONL is always written as it is.
///
/// ```
/// use actorgraph::{MentionFormat, MentionRecord, MentionWriter};
///
/// let mut out = Vec::new();
/// let mut wtr = MentionWriter::new(MentionFormat::Jsonl, &mut out);
/// wtr.write(&MentionRecord {
///     document: "a1", date: "2025-03-14", date_source: None, entity: "RUS", kind: "state", label: "Russia", surface: "Russia's",
///     start: 0, end: 8, sentence: 0, paragraph: 0, adjectival: false, discovered: false, role: false,
/// })?;
/// wtr.finish()?;
/// assert!(String::from_utf8(out).unwrap().starts_with("{\"document\":\"a1\""));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug)]
pub struct MentionWriter<W: io::Write> {
    records: Records<W>,
    date_source: bool,
}

impl<W: io::Write> MentionWriter<W> {
    /// Creates a writer. CSV output starts with a header row.
    pub fn new(format: MentionFormat, wtr: W) -> MentionWriter<W> {
        MentionWriter { records: Records::new(format, wtr), date_source: false }
    }

    /// Sets how CSV text cells are written (default [`CsvCells::Safe`]).
    pub fn cells(&mut self, cells: CsvCells) -> &mut MentionWriter<W> {
        self.records.cells(cells);
        self
    }

    /// Sets whether each record says where its document's date came from, as a `date_source`
    /// column (or JSONL field) after `date` (default no: the output has the same columns as
    /// without it).
    ///
    /// ```
    /// use actorgraph::{MentionFormat, MentionWriter};
    ///
    /// let mut out = Vec::new();
    /// let mut wtr = MentionWriter::new(MentionFormat::Csv, &mut out);
    /// wtr.date_source(true);
    /// wtr.finish()?;
    /// assert!(String::from_utf8(out).unwrap().starts_with("document,date,date_source,entity,"));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn date_source(&mut self, yes: bool) -> &mut MentionWriter<W> {
        self.date_source = yes;
        self
    }

    /// Writes one record.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn write(&mut self, record: &MentionRecord<'_>) -> Result<()> {
        let source = record.date_source.unwrap_or("");
        let record =
            &MentionRecord { date_source: self.date_source.then_some(source), ..record.clone() };
        let Some(cells) = self.records.csv_cells() else { return self.records.write(record) };
        let cell = |text| text_cell(text, cells);
        let (document, date, entity) =
            (cell(record.document), cell(record.date), cell(record.entity));
        let (kind, label, surface) = (cell(record.kind), cell(record.label), cell(record.surface));
        self.records.write(&MentionRecord {
            document: &document,
            date: &date,
            entity: &entity,
            kind: &kind,
            label: &label,
            surface: &surface,
            ..record.clone()
        })
    }

    /// Flushes everything written. CSV output with no records still gets its header.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn finish(self) -> Result<()> {
        let mut header = HEADER.to_vec();
        if self.date_source {
            header.insert(2, "date_source");
        }
        self.records.finish(&header)
    }
}

const HEADER: [&str; 13] = [
    "document",
    "date",
    "entity",
    "kind",
    "label",
    "surface",
    "start",
    "end",
    "sentence",
    "paragraph",
    "adjectival",
    "discovered",
    "role",
];
