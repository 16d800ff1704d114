//! Reading documents: text and Markdown files, directories of them, JSONL corpora and stdin.
//!
//! This is where data enters actorgraph. Documents are read one at a time, so a corpus never has
//! to fit in memory. Problems with one record (a broken JSONL line, an unreadable file) are
//! returned as errors from the iterator, which then goes on with the next record: skipping or
//! stopping is the caller's decision.

mod date;
mod dates;
mod files;
mod jsonl;

use std::collections::BTreeMap;

pub use self::date::{Date, DateError};
pub use self::dates::{DateSource, DateSources, DateSourcesError};
pub use self::files::{Corpus, Documents, InputFormat};
pub use self::jsonl::{JsonlDocuments, JsonlOptions};

/// One article: an id, its text and any metadata that came with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    id: String,
    text: String,
    date: Option<String>,
    date_source: Option<DateSource>,
    fields: BTreeMap<String, String>,
    lossy: bool,
    location: String,
    source_bytes: u64,
}

impl Document {
    /// Creates a document from an id and its text.
    ///
    /// ```
    /// let doc = actorgraph::Document::new("a1", "Putin met Erdoğan.");
    /// assert_eq!(doc.id(), "a1");
    /// ```
    pub fn new<I: Into<String>, T: Into<String>>(id: I, text: T) -> Document {
        Document { id: id.into(), text: text.into(), ..Document::default() }
    }

    /// Sets the document's date, as written in the source (for example `2025-03-14`).
    pub fn with_date<D: Into<String>>(mut self, date: D) -> Document {
        self.date = Some(date.into());
        self.date_source = Some(DateSource::Field);
        self
    }

    /// Gives a document without a date the one of a date line near the top of its text
    /// ("CAIRO, Jan. 20, 2025 —"), as a file or a JSONL record without a date field gets it.
    /// A document that has a date, or whose text has no date line, is left as it is.
    ///
    /// ```
    /// use actorgraph::Document;
    ///
    /// let doc = Document::new("a1", "CAIRO, Jan. 20, 2025 — Talks resumed.").with_date_from_text();
    /// assert_eq!(doc.date(), Some("2025-01-20"));
    /// let doc = Document::new("a2", "CAIRO, Jan. 20, 2025").with_date("2024").with_date_from_text();
    /// assert_eq!(doc.date(), Some("2024"));
    /// assert_eq!(Document::new("a3", "Talks resumed.").with_date_from_text().date(), None);
    /// ```
    pub fn with_date_from_text(mut self) -> Document {
        if self.date.is_none() {
            self.date = dates::from_text(&self.text);
            self.date_source = self.date.as_ref().map(|_| DateSource::Dateline);
        }
        self
    }

    /// Returns the document's id: its path for files, its id field for JSONL records.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Returns the document's text, exactly as read (after lossy UTF-8 decoding, if needed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Returns the document's date: by default the JSONL date field if the record has one
    /// (a `null` or empty field leaves the record undated), else a dateline near the top of
    /// the text ("CAIRO, Jan. 20, 2025 —", as `2025-01-20`), else a `YYYY-MM-DD` date in the
    /// file name (see [`DateSources`] for the rules and how to choose). `None` if none was
    /// found.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// Returns where the date came from: the field, a dateline or the file name. `None` if
    /// the document has no date.
    ///
    /// ```
    /// use actorgraph::{DateSource, Document};
    ///
    /// let doc = Document::new("a1", "CAIRO, Jan. 20, 2025 — Talks.").with_date_from_text();
    /// assert_eq!(doc.date_source(), Some(DateSource::Dateline));
    /// assert_eq!(Document::new("a2", "Talks.").with_date("2024").date_source(), Some(DateSource::Field));
    /// ```
    pub fn date_source(&self) -> Option<DateSource> {
        self.date_source
    }

    /// Returns the document's date parsed by the rules of [`Date`]'s `FromStr`: `None` if the
    /// document has no date, an error if the date as written cannot be read (such a
    /// document is best treated as undated, and the problem reported).
    ///
    /// ```
    /// use actorgraph::Document;
    ///
    /// let doc = Document::new("a1", "Kyiv").with_date("2012-09-04T10:00:00Z");
    /// assert_eq!(doc.parse_date().unwrap()?.to_string(), "2012-09-04");
    /// assert!(Document::new("a2", "Kyiv").with_date("soon").parse_date().unwrap().is_err());
    /// assert!(Document::new("a3", "Kyiv").parse_date().is_none());
    /// # Ok::<(), actorgraph::DateError>(())
    /// ```
    pub fn parse_date(&self) -> Option<Result<Date, DateError>> {
        self.date.as_deref().map(str::parse)
    }

    /// Returns the other fields of a JSONL record. Strings are kept as they are; other values
    /// are kept as their JSON text.
    pub fn fields(&self) -> &BTreeMap<String, String> {
        &self.fields
    }

    /// Returns where the document came from, for messages: a path, or `PATH:LINE` for a JSONL
    /// record. Empty for documents made in code.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Returns how many bytes of the source this document was read from (a file's size after
    /// decompression, or a JSONL line's length), for progress reports.
    pub fn source_bytes(&self) -> u64 {
        self.source_bytes
    }

    /// Returns true if the source was not valid UTF-8 and was decoded lossily, with invalid
    /// bytes replaced by U+FFFD.
    pub fn was_lossy(&self) -> bool {
        self.lossy
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences, and reports whether any were replaced.
pub(crate) fn decode_lossy(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(err) => (String::from_utf8_lossy(err.as_bytes()).into_owned(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_lossy_flags_invalid_bytes() {
        assert_eq!(decode_lossy(b"Kyiv".to_vec()), ("Kyiv".to_string(), false));
        let (text, lossy) = decode_lossy(b"Ky\xffiv".to_vec());
        assert!(lossy);
        assert_eq!(text, "Ky\u{FFFD}iv");
    }
}
