//! Web addresses are not prose: a name inside `https://example.org/News/Iran-deal` or a
//! Markdown link target `[Iran talks](/news/Iran-deal)` is not a mention. The link's text,
//! between the brackets, is prose and is matched as usual.

use crate::span::Span;

/// Returns the spans of web addresses and Markdown link targets in `haystack`, in order.
pub(crate) fn url_spans(haystack: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    if !(haystack.contains("://") || haystack.contains("](") || haystack.contains("www.")) {
        return spans;
    }
    let bytes = haystack.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &haystack[i..];
        let start = if rest.starts_with("](") {
            Some(i + 2)
        } else if (rest.starts_with("http://")
            || rest.starts_with("https://")
            || rest.starts_with("www."))
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            Some(i)
        } else {
            None
        };
        match start {
            Some(start) => {
                let len = haystack[start..]
                    .find(|c: char| c.is_whitespace() || c == ')' || c == '>' || c == '"')
                    .unwrap_or(haystack.len() - start);
                spans.push(Span::new(start, start + len));
                // An empty target ("](" then a space) moves on by one whole character.
                let step = haystack[start..].chars().next().map_or(1, char::len_utf8);
                i = start + if len == 0 { step } else { len };
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    spans
}

/// Returns true if `span` overlaps any of the sorted `urls`.
pub(crate) fn in_url(urls: &[Span], span: Span) -> bool {
    let i = urls.partition_point(|u| u.end <= span.start);
    urls.get(i).is_some_and(|u| u.overlaps(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        url_spans(text).into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn finds_addresses_and_link_targets() {
        assert_eq!(urls("see [Iran talks](/news/Iran-deal) now"), ["/news/Iran-deal"]);
        assert_eq!(
            urls("at https://example.org/Syria, and www.Iraq.example."),
            ["https://example.org/Syria,", "www.Iraq.example."]
        );
        assert_eq!(urls("<https://a.example/Gaza>"), ["https://a.example/Gaza"]);
        assert!(urls("Plain text about Syria.").is_empty());
        assert!(urls("xwww.example").is_empty());
    }

    #[test]
    fn empty_link_target_before_a_wide_space() {
        // Once a panic: the scan stepped one byte into the no-break space.
        assert_eq!(urls("](\u{a0}Iraq"), [""]);
        assert_eq!(urls("]("), [""]);
    }

    #[test]
    fn overlap_lookup() {
        let spans = url_spans("a https://x.example/Iran b https://y.example/Iraq c");
        assert!(in_url(&spans, Span::new(20, 24)));
        assert!(!in_url(&spans, Span::new(0, 1)));
        assert!(!in_url(&spans, Span::new(25, 26)));
    }
}
