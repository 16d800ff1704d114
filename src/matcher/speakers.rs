//! Speaker labels in transcripts: "BARACK OBAMA: Thank you." names who speaks, not an actor
//! the text is about, so a name inside a label at the start of a line is no mention.

use crate::span::Span;

/// The longest label taken for a speaker's name, in bytes.
const MAX_LABEL: usize = 60;

/// Returns the spans of the speaker labels in `haystack`, in order: at the start of a line
/// (after spaces), words in capitals only (letters, spaces, `.`, `-`, `'`), at least two
/// letters, then a colon. "BARACK OBAMA:" and "MS. JONES:" are labels; "Note: ..." and
/// "NATO said: ..." are not.
pub(crate) fn label_spans(haystack: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in haystack.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let body = &line[indent..];
        let colon =
            body.char_indices().take_while(|(i, _)| *i <= MAX_LABEL).find(|(_, c)| *c == ':');
        if let Some((colon, _)) = colon {
            let label = &body[..colon];
            let letters = label.chars().filter(|c| c.is_alphabetic()).count();
            let allowed = |c: char| {
                (c.is_alphabetic() && !c.is_lowercase())
                    || matches!(c, ' ' | '.' | '-' | '\'' | '’')
            };
            if letters >= 2 && label.chars().all(allowed) && label.contains(' ') {
                let start = line_start + indent;
                out.push(Span::new(start, start + colon));
            }
        }
        line_start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_at_line_starts_only() {
        for (text, want) in [
            ("BARACK OBAMA: Thank you.", vec!["BARACK OBAMA"]),
            ("Intro.\n  MS. JONES: Yes.\nMITT ROMNEY: No.", vec!["MS. JONES", "MITT ROMNEY"]),
            ("Note: the UN met.", vec![]),
            ("NATO: allies met.", vec![]),
            ("He said BARACK OBAMA: no.", vec![]),
            ("ÉRIC ZEMMOUR: Non.", vec!["ÉRIC ZEMMOUR"]),
            // A colon beyond a multi-byte character near the cut-off is looked for safely.
            (&"Ж".repeat(40), vec![]),
        ] {
            let got: Vec<&str> = label_spans(text).iter().map(|s| &text[*s]).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
