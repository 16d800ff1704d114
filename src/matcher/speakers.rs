//! Speaker labels in transcripts: "BARACK OBAMA: Thank you." names who speaks, not an actor
//! the text is about, so a name inside a label at the start of a line is no mention.

use crate::span::Span;

/// The longest label taken for a speaker's name, in bytes.
const MAX_LABEL: usize = 60;

/// Returns the spans of the speaker labels in `haystack`, in order: at the start of a line
/// (after spaces) or of a sentence (after `.`, `!` or `?`, and any closing bracket or quote,
/// then a space), words in capitals only (letters, spaces, `.`, `-`, `'`) with a space among
/// them, at least two letters, then a colon. "BARACK OBAMA:" and "MS. JONES:" are labels, and so
/// is "ED MEAGHER:" in a transcript printed as one paragraph ("(Applause.) ED MEAGHER: Thank
/// you"); "Note: ..." and "NATO said: ..." are not.
///
/// Each place is looked at for at most [`MAX_LABEL`] bytes, so the cost is linear in the text.
pub(crate) fn label_spans(haystack: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = haystack.as_bytes();
    let mut at = 0;
    while at < haystack.len() {
        let rest = &haystack[at..];
        let indent = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let start = at + indent;
        let end = label_end(&haystack[start..]).map(|len| start + len);
        if let Some(end) = end {
            out.push(Span::new(start, end));
        }
        at = next_start(bytes, end.unwrap_or(start));
    }
    out
}

/// Returns the length of the label that `body` opens with, if it opens with one.
fn label_end(body: &str) -> Option<usize> {
    let (colon, _) =
        body.char_indices().take_while(|(i, _)| *i <= MAX_LABEL).find(|(_, c)| *c == ':')?;
    let label = &body[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let allowed = |c: char| {
        (c.is_alphabetic() && !c.is_lowercase()) || matches!(c, ' ' | '.' | '-' | '\'' | '’')
    };
    (letters >= 2 && label.chars().all(allowed) && label.contains(' ')).then_some(colon)
}

/// Returns where the next line or sentence at or after `from` starts (the text's end if none
/// does): after a line break, or after `.`, `!` or `?`, any closing brackets and quotes, and a
/// space.
fn next_start(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i + 1,
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b')' | b'"' | b'\'') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b' ' {
                    return j + 1;
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_open_lines_and_sentences_only() {
        for (text, want) in [
            ("BARACK OBAMA: Thank you.", vec!["BARACK OBAMA"]),
            ("Intro.\n  MS. JONES: Yes.\nMITT ROMNEY: No.", vec!["MS. JONES", "MITT ROMNEY"]),
            ("Note: the UN met.", vec![]),
            ("NATO: allies met.", vec![]),
            ("He said BARACK OBAMA: no.", vec![]),
            // A transcript printed as one paragraph: labels after a sentence's end.
            (
                "(Applause.) ED MEAGHER: Thank you. SEN. BOB DOLE: No! Said UN: yes.",
                vec!["ED MEAGHER", "SEN. BOB DOLE"],
            ),
            ("It ended. NATO: allies met. \"Yes.\" MS. JONES: Yes.", vec!["MS. JONES"]),
            ("ÉRIC ZEMMOUR: Non.", vec!["ÉRIC ZEMMOUR"]),
            // A colon beyond a multi-byte character near the cut-off is looked for safely.
            (&"Ж".repeat(40), vec![]),
        ] {
            let got: Vec<&str> = label_spans(text).iter().map(|s| &text[*s]).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
