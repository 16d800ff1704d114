//! JSON Lines corpora: one JSON object per line, with an id and a text field.

use std::io::BufRead;

use serde_json::Value;

use super::{DateSources, Document, decode_lossy};
use crate::error::{Error, Result};

/// Which JSONL fields hold a document's id, text and date.
#[derive(Clone, Debug)]
pub struct JsonlOptions {
    id_field: String,
    text_field: String,
    date_field: String,
    date_sources: DateSources,
    max_record_bytes: usize,
}

/// The default limit on one JSONL line: 64 MiB.
const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

impl Default for JsonlOptions {
    fn default() -> JsonlOptions {
        JsonlOptions::new()
    }
}

impl JsonlOptions {
    /// Creates options with the default field names `id`, `text` and `date`.
    pub fn new() -> JsonlOptions {
        JsonlOptions {
            id_field: "id".into(),
            text_field: "text".into(),
            date_field: "date".into(),
            date_sources: DateSources::default(),
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }

    /// Sets the name of the id field. A record without it gets `ORIGIN:LINE` as its id.
    pub fn id_field<S: Into<String>>(&mut self, name: S) -> &mut JsonlOptions {
        self.id_field = name.into();
        self
    }

    /// Sets the name of the text field. A record without it is an error.
    pub fn text_field<S: Into<String>>(&mut self, name: S) -> &mut JsonlOptions {
        self.text_field = name.into();
        self
    }

    /// Sets the name of the date field. A record whose date field is `null` or empty is
    /// undated: no date is guessed from its text unless the date sources put the dateline
    /// before the field (see [`JsonlOptions::date_sources`]).
    pub fn date_field<S: Into<String>>(&mut self, name: S) -> &mut JsonlOptions {
        self.date_field = name.into();
        self
    }

    /// Sets where a record's date comes from (default `field,dateline`: the date field if the
    /// record has one, else a dateline near the top of its text; a JSONL record has no file
    /// name of its own, so `filename` gives nothing). See [`DateSources`].
    pub fn date_sources(&mut self, sources: DateSources) -> &mut JsonlOptions {
        self.date_sources = sources;
        self
    }

    /// Sets the longest line accepted, in bytes (default 64 MiB). A longer line is an error
    /// naming its line, and reading goes on after it without holding it in memory.
    pub fn max_record_bytes(&mut self, limit: usize) -> &mut JsonlOptions {
        self.max_record_bytes = limit;
        self
    }

    /// Reads documents from `rdr`, one JSON object per line. `origin` names the source in ids
    /// and error messages. A line that is not one JSON object, has no text field, or has the
    /// same key twice in an object (`{"text": "a", "text": "b"}`, which JSON readers disagree
    /// on) is an error naming its line.
    ///
    /// ```
    /// use actorgraph::JsonlOptions;
    ///
    /// let input = "{\"id\": \"a\", \"text\": \"Kyiv\"}\n\n{\"text\": \"Gaza\"}\n";
    /// let docs: Vec<_> = JsonlOptions::new().read(input.as_bytes(), "wire.jsonl").collect();
    /// assert_eq!(docs[0].as_ref().unwrap().id(), "a");
    /// assert_eq!(docs[1].as_ref().unwrap().id(), "wire.jsonl:3");
    /// ```
    pub fn read<R: BufRead>(&self, rdr: R, origin: &str) -> JsonlDocuments<R> {
        JsonlDocuments {
            rdr,
            opts: self.clone(),
            origin: origin.to_string(),
            line: 0,
            buf: Vec::new(),
            at_start: true,
            done: false,
        }
    }
}

/// An iterator over the documents of a JSONL source. Created by [`JsonlOptions::read`].
///
/// A broken line yields an error naming the origin and line, and the iterator goes on with the
/// next line. An I/O error ends the iteration.
#[derive(Debug)]
pub struct JsonlDocuments<R> {
    rdr: R,
    opts: JsonlOptions,
    origin: String,
    line: u64,
    buf: Vec<u8>,
    /// True until the first line is read, whose byte order mark (if any) is dropped.
    at_start: bool,
    done: bool,
}

impl<R: BufRead> Iterator for JsonlDocuments<R> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        while !self.done {
            self.buf.clear();
            match read_line(&mut self.rdr, &mut self.buf, self.opts.max_record_bytes) {
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong) => {
                    self.line += 1;
                    let limit = self.opts.max_record_bytes;
                    return Some(Err(self.error(format!("line longer than {limit} bytes"))));
                }
                Ok(Line::Read) => {
                    self.line += 1;
                    if std::mem::take(&mut self.at_start) && self.buf.starts_with(BOM) {
                        self.buf.drain(..BOM.len());
                    }
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let bytes = std::mem::take(&mut self.buf);
                    return Some(self.parse(bytes));
                }
                Err(err) => {
                    self.done = true;
                    return Some(Err(Error::corpus(&self.origin, self.line + 1, err.to_string())));
                }
            }
        }
        None
    }
}

impl<R> JsonlDocuments<R> {
    /// Starts the line count after `lines` lines that were read before this reader got the
    /// source (blank lines consumed while sniffing standard input), so that messages give the
    /// line numbers of the whole source.
    pub(crate) fn after_lines(mut self, lines: u64) -> JsonlDocuments<R> {
        self.line = lines;
        self.at_start = lines == 0;
        self
    }

    /// The line of the record read last.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    fn parse(&self, bytes: Vec<u8>) -> Result<Document> {
        let source_bytes = bytes.len() as u64 + 1;
        let (line, lossy) = decode_lossy(bytes);
        let value: Value = crate::json::from_str(&line)
            .map_err(|err| self.error(format!("invalid JSON: {err}")))?;
        let Value::Object(map) = value else {
            return Err(self.error("expected a JSON object"));
        };
        let location = format!("{}:{}", self.origin, self.line);
        let mut doc = Document { lossy, location, source_bytes, ..Document::default() };
        let mut has_text = false;
        let mut field = None;
        for (key, value) in map {
            if key == self.opts.text_field {
                let Value::String(text) = value else {
                    return Err(self.error(format!("field \"{key}\" is not a string")));
                };
                doc.text = text;
                has_text = true;
            } else if key == self.opts.id_field {
                doc.id = scalar_text(value);
            } else if key == self.opts.date_field {
                field = Some(Some(scalar_text(value)).filter(|d| !d.is_empty()));
            } else {
                doc.fields.insert(key, scalar_text(value));
            }
        }
        if !has_text {
            return Err(self.error(format!("no \"{}\" field", self.opts.text_field)));
        }
        if doc.id.is_empty() {
            doc.id = doc.location.clone();
        }
        if let Some((date, source)) = self.opts.date_sources.resolve(field, &doc.text, None) {
            doc.date = Some(date);
            doc.date_source = Some(source);
        }
        Ok(doc)
    }

    fn error<M: Into<String>>(&self, msg: M) -> Error {
        Error::corpus(&self.origin, self.line, msg)
    }
}

/// The UTF-8 byte order mark, which some Windows tools put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What [`read_line`] found.
enum Line {
    Read,
    TooLong,
    End,
}

/// Reads one line into `buf` (without its newline). A line longer than `limit` is consumed
/// without being kept.
fn read_line<R: BufRead>(rdr: &mut R, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Line> {
    let (mut seen, mut too_long) = (0usize, false);
    loop {
        let available = rdr.fill_buf()?;
        if available.is_empty() {
            return Ok(if too_long {
                Line::TooLong
            } else if seen == 0 {
                Line::End
            } else {
                Line::Read
            });
        }
        let (chunk, newline) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        seen += chunk.len() + usize::from(newline);
        too_long |= seen > limit;
        if !too_long {
            buf.extend_from_slice(chunk);
        }
        let used = chunk.len() + usize::from(newline);
        rdr.consume(used);
        if newline {
            return Ok(if too_long { Line::TooLong } else { Line::Read });
        }
    }
}

/// Converts a JSON value to text: strings as they are, null as empty, others as JSON.
fn scalar_text(value: Value) -> String {
    match value {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<Document>> {
        JsonlOptions::new().read(input.as_bytes(), "t.jsonl").collect()
    }

    #[test]
    fn reads_id_text_date_and_keeps_other_fields() {
        let docs =
            read("{\"id\": 7, \"text\": \"Kyiv\", \"date\": \"2025-01-02\", \"src\": \"w\"}\n");
        let doc = docs[0].as_ref().unwrap();
        assert_eq!((doc.id(), doc.text(), doc.date()), ("7", "Kyiv", Some("2025-01-02")));
        assert_eq!(doc.fields().get("src").map(String::as_str), Some("w"));
    }

    #[test]
    fn broken_line_is_an_error_and_reading_goes_on() {
        let docs = read("{\"text\": \"a\"}\n{broken\n{\"text\": \"b\"}\n");
        assert_eq!(docs.len(), 3);
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("t.jsonl:2: invalid JSON"), "{err}");
        assert_eq!(docs[2].as_ref().unwrap().text(), "b");
    }

    #[test]
    fn missing_text_field_is_an_error() {
        let docs = read("{\"id\": \"x\", \"body\": \"a\"}\n");
        let err = docs[0].as_ref().unwrap_err().to_string();
        assert_eq!(err, "t.jsonl:1: no \"text\" field");
    }

    #[test]
    fn non_object_and_non_string_text_are_errors() {
        let docs = read("[1, 2]\n{\"text\": 5}\n");
        assert!(docs[0].as_ref().unwrap_err().to_string().contains("expected a JSON object"));
        assert!(docs[1].as_ref().unwrap_err().to_string().contains("is not a string"));
    }

    #[test]
    fn r14_duplicate_keys_are_an_error_naming_the_key() {
        let docs = read("{\"text\": \"a\"}\n{\"id\": \"x\", \"text\": \"a\", \"text\": \"b\"}\n");
        assert_eq!(docs[0].as_ref().unwrap().text(), "a");
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(
            err.starts_with("t.jsonl:2: invalid JSON: duplicate key \"text\" in one object"),
            "{err}"
        );
        let docs = read("{\"text\": \"a\", \"src\": {\"k\": 1, \"k\": 2}}\n");
        let err = docs[0].as_ref().unwrap_err().to_string();
        assert!(err.contains("duplicate key \"k\""), "also in a nested object: {err}");
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let input = b"{\"text\": \"Ky\xffiv\"}\n";
        let docs: Vec<_> = JsonlOptions::new().read(&input[..], "t").collect();
        let doc = docs[0].as_ref().unwrap();
        assert!(doc.was_lossy());
        assert_eq!(doc.text(), "Ky\u{FFFD}iv");
    }

    #[test]
    fn huge_line_is_an_error_and_reading_goes_on() {
        let mut opts = JsonlOptions::new();
        opts.max_record_bytes(40);
        let input = format!("{{\"text\": \"{}\"}}\n{{\"text\": \"Gaza\"}}", "x".repeat(100));
        let docs: Vec<_> = opts.read(input.as_bytes(), "t.jsonl").collect();
        assert_eq!(
            docs[0].as_ref().unwrap_err().to_string(),
            "t.jsonl:1: line longer than 40 bytes"
        );
        assert_eq!(docs[1].as_ref().unwrap().text(), "Gaza");
        assert_eq!(docs.len(), 2);
    }

    #[test]
    fn jsonl_with_a_byte_order_mark_is_read() {
        let docs = read("\u{FEFF}{\"id\": \"a\", \"text\": \"Kyiv\"}\n{\"text\": \"Gaza\"}\n");
        assert_eq!(docs[0].as_ref().unwrap().id(), "a");
        assert_eq!(docs[1].as_ref().unwrap().text(), "Gaza");
        let err = read("{\"text\": \"a\"}\n\u{FEFF}{\"text\": \"b\"}\n").remove(1).unwrap_err();
        assert!(err.to_string().starts_with("t.jsonl:2: invalid JSON"), "only at the start: {err}");
    }

    #[test]
    fn lone_surrogate_escape_gets_a_clear_message() {
        let docs = read("{\"text\": \"Kyiv \\ud800 x\"}\n{\"text\": \"\\udc00\"}\n");
        assert_eq!(
            docs[0].as_ref().unwrap_err().to_string(),
            "t.jsonl:1: invalid JSON: the escape \\ud800 at column 16 is half of a UTF-16 \
             surrogate pair without its other half (a lone surrogate), which is not a Unicode \
             character"
        );
        assert!(docs[1].as_ref().unwrap_err().to_string().contains("escape \\udc00 at column 11"));
        let pair = read("{\"text\": \"\\ud83d\\ude00 \\\\ud800\"}\n");
        assert_eq!(pair[0].as_ref().unwrap().text(), "\u{1F600} \\ud800");
    }

    #[test]
    fn custom_field_names() {
        let mut opts = JsonlOptions::new();
        opts.id_field("uid").text_field("body");
        let docs: Vec<_> = opts.read(&b"{\"uid\": \"u1\", \"body\": \"Gaza\"}"[..], "t").collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!((doc.id(), doc.text()), ("u1", "Gaza"));
    }
}
