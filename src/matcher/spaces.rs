//! Names written with odd spacing: "West  Bank", "Tora\u{a0}Bora", "Gaza\tStrip".
//!
//! Aliases hold single ASCII spaces. News text often has doubled spaces (from justified
//! layouts and careless editing), tabs and no-break spaces between the words of a name. The
//! matcher searches a copy of such a text in which every run of horizontal white space is one
//! space, then maps the spans back to the original, so offsets always point into the text the
//! caller gave. Line breaks are left alone: they carry meaning (speaker labels, headings).

use crate::span::Span;

/// A text whose runs of horizontal white space are squeezed to one space, with the map back.
#[derive(Debug)]
pub(crate) struct Squeezed {
    text: String,
    /// For each squeezed run: the offset in `text` just after its one space, and the offset
    /// in the original text just after the run. Sorted.
    breaks: Vec<(usize, usize)>,
}

/// Returns true for white space inside a line.
fn horizontal(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

/// Returns true if `text` has a run of two white-space characters inside a line, or one that
/// is not a plain space. The matcher asks this of every document, so it looks at bytes and
/// decodes only at the lead bytes of non-ASCII white space (U+0085, U+00A0, U+1680, U+2000 to
/// U+205F, U+3000).
fn needs_squeezing(text: &str) -> bool {
    let mut after_space = false;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        let space = match b {
            b' ' => true,
            b'\t' | 0x0B | 0x0C => return true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                if text[at..].chars().next().is_some_and(horizontal) {
                    return true;
                }
                false
            }
            _ => false,
        };
        if space && after_space {
            return true;
        }
        after_space = space;
    }
    false
}

impl Squeezed {
    /// Returns the squeezed copy of `text`, or `None` if it has no run to squeeze (the usual
    /// case, which costs one scan and no copy).
    pub(crate) fn new(text: &str) -> Option<Squeezed> {
        if !needs_squeezing(text) {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut breaks = Vec::new();
        let mut run: Option<usize> = None; // where the current run starts in the original
        for (at, c) in text.char_indices() {
            if horizontal(c) {
                run.get_or_insert(at);
                continue;
            }
            if let Some(start) = run.take() {
                out.push(' ');
                if &text[start..at] != " " {
                    breaks.push((out.len(), at));
                }
            }
            out.push(c);
        }
        if let Some(start) = run {
            out.push(' ');
            if &text[start..] != " " {
                breaks.push((out.len(), text.len()));
            }
        }
        Some(Squeezed { text: out, breaks })
    }

    /// Returns the squeezed text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Maps an offset in the squeezed text to the original.
    fn original_offset(&self, at: usize) -> usize {
        match self.breaks.partition_point(|&(squeezed, _)| squeezed <= at) {
            0 => at,
            i => {
                let (squeezed, original) = self.breaks[i - 1];
                original + (at - squeezed)
            }
        }
    }

    /// Maps a span of the squeezed text to the original.
    pub(crate) fn original(&self, span: Span) -> Span {
        Span::new(self.original_offset(span.start), self.original_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_agrees_with_the_characters() {
        for text in ["a b", "a  b", "a\tb", "a\u{a0}b", "a\u{2009}b", "a\u{3000}b", "é ü", "a\n\nb"]
        {
            let chars: Vec<char> = text.chars().collect();
            let want = chars.iter().enumerate().any(|(i, &c)| {
                horizontal(c) && (c != ' ' || chars.get(i + 1).is_some_and(|&n| horizontal(n)))
            });
            assert_eq!(needs_squeezing(text), want, "{text:?}");
        }
    }

    #[test]
    fn single_spaces_need_no_copy() {
        assert!(Squeezed::new("West Bank and Gaza\nStrip").is_none());
        assert!(Squeezed::new("").is_none());
    }

    #[test]
    fn spans_map_back_to_the_original() {
        for text in [
            "the West  Bank and  Gaza",
            "the West\u{a0}Bank and\tGaza",
            "  the West \u{2009} Bank and Gaza  ",
            "the West Bank and Gaza\t",
        ] {
            let sq = Squeezed::new(text).unwrap();
            assert_eq!(sq.text().trim(), "the West Bank and Gaza".trim(), "{text:?}");
            for name in ["West Bank", "Gaza", "the"] {
                let at = sq.text().find(name).unwrap();
                let span = sq.original(Span::new(at, at + name.len()));
                let original: String = text[span].split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(original, name, "{text:?}");
                assert_eq!(text[span].trim(), &text[span], "{text:?}: {name}");
            }
        }
    }
}
