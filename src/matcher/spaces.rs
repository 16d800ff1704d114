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

impl Squeezed {
    /// Returns the squeezed copy of `text`, or `None` if it has no run to squeeze (the usual
    /// case, which costs one scan and no copy).
    pub(crate) fn new(text: &str) -> Option<Squeezed> {
        let mut chars = text.chars().peekable();
        let mut needed = false;
        while let Some(c) = chars.next() {
            if horizontal(c) && (c != ' ' || chars.peek().is_some_and(|&n| horizontal(n))) {
                needed = true;
                break;
            }
        }
        if !needed {
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
