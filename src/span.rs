//! Byte spans into the original text.
//!
//! Every position actorgraph reports, for mentions, sentences and paragraphs alike, is a
//! half-open range of byte offsets into the text exactly as it was read. The text is never
//! lower-cased or normalised before matching, so offsets never drift on non-ASCII input.

use std::ops::{Index, Range};

use serde::Serialize;

/// A half-open byte range `start..end` into a text. `start <= end` always holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// The offset of the first byte.
    pub start: usize,
    /// The offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span.
    ///
    /// # Panics
    ///
    /// Panics if `start > end`, which is a programming error.
    ///
    /// ```
    /// let span = actorgraph::Span::new(2, 5);
    /// assert_eq!(&"a Putin"[span], "Put");
    /// ```
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {} is after its end {}", start, end);
        Span { start, end }
    }

    /// Returns the length of the span in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Returns true if the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Returns true if `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Returns true if the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Returns this span as a `Range<usize>`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

impl Index<Span> for String {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self.as_str()[span]
    }
}

/// The union of a set of spans, for overlap and containment queries in logarithmic time, so
/// that checking every word or mention of a text against every other stays linear-logarithmic
/// however many there are.
#[derive(Clone, Debug, Default)]
pub(crate) struct Coverage {
    /// Sorted, disjoint, non-empty spans.
    spans: Vec<Span>,
}

impl Coverage {
    /// Merges `spans` (in any order, overlapping or not); empty spans cover nothing.
    pub(crate) fn new<I: IntoIterator<Item = Span>>(spans: I) -> Coverage {
        let mut all: Vec<Span> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        all.sort_unstable_by_key(|s| (s.start, s.end));
        let mut merged: Vec<Span> = Vec::with_capacity(all.len());
        for span in all {
            match merged.last_mut() {
                Some(last) if span.start < last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        Coverage { spans: merged }
    }

    /// Returns true if `span` overlaps a span of the union, as [`Span::overlaps`] tells (an
    /// empty `span` strictly inside one overlaps it).
    pub(crate) fn overlaps(&self, span: Span) -> bool {
        let i = self.spans.partition_point(|s| s.end <= span.start);
        self.spans.get(i).is_some_and(|s| s.start < span.end)
    }

    /// Returns true if every byte of a non-empty `span` is in the union.
    pub(crate) fn contains(&self, span: Span) -> bool {
        let i = self.spans.partition_point(|s| s.end <= span.start);
        self.spans.get(i).is_some_and(|s| s.contains(span) && !span.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_answers_as_a_scan_would() {
        let spans = [Span::new(10, 20), Span::new(0, 3), Span::new(15, 25), Span::new(30, 31)];
        let coverage = Coverage::new(spans);
        for start in 0..35 {
            for end in start..36 {
                let span = Span::new(start, end);
                let scan = spans.iter().any(|s| s.overlaps(span));
                assert_eq!(coverage.overlaps(span), scan, "{span:?}");
                let inside = !span.is_empty()
                    && (start..end).all(|b| spans.iter().any(|s| s.range().contains(&b)));
                assert_eq!(coverage.contains(span), inside, "{span:?}");
            }
        }
    }

    #[test]
    fn index_and_contains() {
        let text = "Erdoğan met Putin";
        let span = Span::new(13, 18);
        assert_eq!(&text[span], "Putin");
        assert!(Span::new(0, 18).contains(span));
        assert!(!span.contains(Span::new(0, 3)));
        assert_eq!(span.len(), 5);
    }
}
