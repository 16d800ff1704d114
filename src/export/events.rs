//! Coded events as CSV or JSON Lines, one record per event, written as they are produced.

use std::io;

use serde::Serialize;

use super::csv::{CsvCells, text_cell};
use super::mentions::MentionFormat;
use super::records::Records;
use crate::error::Result;
use crate::events::{Actor, CameoCode, CodedEvent};
use crate::gazetteer::Gazetteer;
use crate::segment::Segments;

/// One row of event output: who did what to whom, where in which document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRecord<'a> {
    /// The document id.
    pub document: &'a str,
    /// The document's date in ISO 8601, or empty.
    pub date: &'a str,
    /// The index of the sentence in the document, from 0.
    pub sentence: usize,
    /// The byte offset where the sentence starts.
    pub sentence_start: usize,
    /// The byte offset one past the sentence's end.
    pub sentence_end: usize,
    /// The source entity's text id.
    pub source: &'a str,
    /// The source entity's label.
    pub source_label: &'a str,
    /// The source's agent type (`military`, `government`, ...), or empty.
    pub source_agent: &'a str,
    /// The byte span of the source's words: start.
    pub source_start: usize,
    /// The byte span of the source's words: end.
    pub source_end: usize,
    /// The target entity's text id.
    pub target: &'a str,
    /// The target entity's label.
    pub target_label: &'a str,
    /// The target's agent type, or empty.
    pub target_agent: &'a str,
    /// The byte span of the target's words: start.
    pub target_start: usize,
    /// The byte span of the target's words: end.
    pub target_end: usize,
    /// The CAMEO code, such as `042` (written as text).
    pub code: CameoCode,
    /// The CAMEO root category, 1 to 20.
    pub root: u8,
    /// The quad class: `verbal_cooperation`, `material_cooperation`, `verbal_conflict` or
    /// `material_conflict`.
    pub quad_class: &'a str,
    /// The Goldstein-style score.
    pub score: f32,
    /// The verb phrase as it appears in the text.
    pub verb: &'a str,
    /// The byte span of the verb phrase: start.
    pub verb_start: usize,
    /// The byte span of the verb phrase: end.
    pub verb_end: usize,
    /// Whether the verb is negated.
    pub negated: bool,
    /// Whether the event is only possible, planned or threatened.
    pub modal: bool,
    /// Whether the sentence is passive.
    pub passive: bool,
    /// Whether the sentence reports someone's words.
    pub reported: bool,
    /// Whether the verb is reciprocal.
    pub mutual: bool,
}

impl<'a> EventRecord<'a> {
    /// Makes the record of `event`, found in `text` (the document `document` of `date`,
    /// segmented as `segments`), with the ids and labels of `gaz`.
    ///
    /// ```
    /// use actorgraph::{EventDictionary, EventExtractor, EventRecord, Gazetteer, Matcher, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Iran was attacked by Iraq.";
    /// let segments = Segmenter::new().segment(text);
    /// let extractor = EventExtractor::new(&EventDictionary::builtin())?;
    /// let mentions = Matcher::new(&gaz)?.find_all(text);
    /// let event = extractor.extract(text, &mentions, segments.sentences())[0];
    /// let record = EventRecord::new("a1", "", text, &segments, &gaz, &event);
    /// assert_eq!((record.source, record.target, record.verb), ("IRQ", "IRN", "attacked"));
    /// assert!(record.passive);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn new(
        document: &'a str,
        date: &'a str,
        text: &'a str,
        segments: &Segments,
        gaz: &'a Gazetteer,
        event: &CodedEvent,
    ) -> EventRecord<'a> {
        let code = event.code();
        let (source, target, flags) = (event.source(), event.target(), event.flags());
        let names = |actor: Actor| {
            let entry = gaz.get(actor.entity());
            let id = entry.map_or("", |e| e.id());
            let label = entry.map_or("", |e| e.label());
            (id, label, actor.agent().map_or("", |a| a.as_str()))
        };
        let (source_id, source_label, source_agent) = names(source);
        let (target_id, target_label, target_agent) = names(target);
        let (sentence, verb) = (event.sentence(), event.verb());
        EventRecord {
            document,
            date,
            sentence: segments.sentence_of(sentence.start),
            sentence_start: sentence.start,
            sentence_end: sentence.end,
            source: source_id,
            source_label,
            source_agent,
            source_start: source.span().start,
            source_end: source.span().end,
            target: target_id,
            target_label,
            target_agent,
            target_start: target.span().start,
            target_end: target.span().end,
            code,
            root: code.root(),
            quad_class: event.quad_class().as_str(),
            score: event.score(),
            verb: text.get(verb.range()).unwrap_or(""),
            verb_start: verb.start,
            verb_end: verb.end,
            negated: flags.is_negated(),
            modal: flags.is_modal(),
            passive: flags.is_passive(),
            reported: flags.is_reported(),
            mutual: flags.is_mutual(),
        }
    }
}

/// Writes event records as CSV (with a header row) or JSON Lines, in the formats of
/// [`MentionFormat`]. CSV text cells are made safe for spreadsheets unless
/// [`EventWriter::cells`] says [`CsvCells::Raw`].
#[derive(Debug)]
pub struct EventWriter<W: io::Write> {
    records: Records<W>,
}

impl<W: io::Write> EventWriter<W> {
    /// Creates a writer.
    pub fn new(format: MentionFormat, wtr: W) -> EventWriter<W> {
        EventWriter { records: Records::new(format, wtr) }
    }

    /// Sets how CSV text cells are written (default [`CsvCells::Safe`]).
    pub fn cells(&mut self, cells: CsvCells) -> &mut EventWriter<W> {
        self.records.cells(cells);
        self
    }

    /// Returns the number of records written.
    pub fn written(&self) -> u64 {
        self.records.written()
    }

    /// Writes one record.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn write(&mut self, record: &EventRecord<'_>) -> Result<()> {
        let Some(cells) = self.records.csv_cells() else { return self.records.write(record) };
        let cell = |text| text_cell(text, cells);
        let (document, date, verb) = (cell(record.document), cell(record.date), cell(record.verb));
        let (source, source_label) = (cell(record.source), cell(record.source_label));
        let (target, target_label) = (cell(record.target), cell(record.target_label));
        self.records.write(&EventRecord {
            document: &document,
            date: &date,
            verb: &verb,
            source: &source,
            source_label: &source_label,
            target: &target,
            target_label: &target_label,
            ..record.clone()
        })
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

const HEADER: [&str; 27] = [
    "document",
    "date",
    "sentence",
    "sentence_start",
    "sentence_end",
    "source",
    "source_label",
    "source_agent",
    "source_start",
    "source_end",
    "target",
    "target_label",
    "target_agent",
    "target_start",
    "target_end",
    "code",
    "root",
    "quad_class",
    "score",
    "verb",
    "verb_start",
    "verb_end",
    "negated",
    "modal",
    "passive",
    "reported",
    "mutual",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{EventDictionary, EventExtractor};
    use crate::matcher::Matcher;
    use crate::segment::Segmenter;

    fn write(format: MentionFormat, text: &str) -> String {
        let gaz = Gazetteer::builder()
            .add_str("t.tsv", "id\tkind\tlabel\n=RUS\tstate\t=Russia\nUKR\tstate\tUkraine\n")
            .unwrap()
            .build()
            .unwrap();
        let segments = Segmenter::new().segment(text);
        let extractor = EventExtractor::new(&EventDictionary::builtin()).unwrap();
        let mentions = Matcher::new(&gaz).unwrap().find_all(text);
        let mut out = Vec::new();
        let mut wtr = EventWriter::new(format, &mut out);
        for event in extractor.extract(text, &mentions, segments.sentences()) {
            wtr.write(&EventRecord::new("d", "", text, &segments, &gaz, &event)).unwrap();
        }
        wtr.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_has_the_header_and_safe_cells() {
        let csv = write(MentionFormat::Csv, "Ukraine fell. =Russia attacked Ukraine.");
        let mut lines = csv.lines();
        assert_eq!(lines.next().unwrap(), HEADER.join(","));
        let row = lines.next().unwrap();
        assert!(row.starts_with("d,,1,14,39,'=RUS,Russia,,15,21,UKR,Ukraine,,31,38,190,19,"));
        assert!(
            row.ends_with(",material_conflict,-10.0,attacked,22,30,false,false,false,false,false")
        );
        assert_eq!(write(MentionFormat::Csv, "Nothing."), HEADER.join(",") + "\n");
    }

    #[test]
    fn jsonl_is_one_object_a_line() {
        let jsonl = write(MentionFormat::Jsonl, "=Russia attacked Ukraine.");
        let value: serde_json::Value = serde_json::from_str(jsonl.trim_end()).unwrap();
        assert_eq!(value["source"], "=RUS");
        assert_eq!(value["quad_class"], "material_conflict");
        assert_eq!(value["score"], -10.0);
    }
}
