//! Checks shared by the fuzz targets in `fuzz_targets/`. Each check panics with a message that
//! names the broken promise, which libFuzzer reports as a crash and saves the input for.

use actorgraph::{Gazetteer, Mention, Span};

/// Checks what every list of spans into `text` promises: each span lies inside the text, on
/// character boundaries, is not empty, and comes after the previous one without overlapping.
pub fn check_spans<I: IntoIterator<Item = Span>>(what: &str, text: &str, spans: I) {
    let mut last_end = 0;
    for span in spans {
        assert!(span.start < span.end, "{what}: empty span {span:?}");
        assert!(span.end <= text.len(), "{what}: span {span:?} past the end ({})", text.len());
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{what}: span {span:?} splits a character"
        );
        assert!(span.start >= last_end, "{what}: span {span:?} overlaps or precedes {last_end}");
        last_end = span.end;
    }
}

/// Checks a matcher's mentions: spans as [`check_spans`] requires, entities in the gazetteer.
pub fn check_mentions(gaz: &Gazetteer, text: &str, mentions: &[Mention]) {
    check_spans("mention", text, mentions.iter().map(Mention::span));
    for m in mentions {
        assert!(gaz.get(m.entity()).is_some(), "mention of unknown entity {:?}", m.entity());
    }
}

/// Turns fuzz bytes into text. Invalid UTF-8 becomes U+FFFD, so that every input is used.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
