//! The case and word-boundary rules a candidate match must pass.
//!
//! Both rules look at the original text only: nothing is lower-cased, so offsets never drift.

/// Returns true if `c` continues a word: a letter, a digit or a combining mark. Such a character
/// right before or after a name blocks the match ("Cyprus" never gives "US").
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The common combining-mark blocks: a name followed by U+0301 is not the same word.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Returns true if the text at `start..end` stands as a whole word: no word character touches
/// it on either side. Hyphens, apostrophes, quotes, dashes and emphasis markers do not count.
pub(crate) fn at_word_boundary(haystack: &str, start: usize, end: usize) -> bool {
    let before = haystack[..start].chars().next_back();
    let after = haystack[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Checks the case of `found` against the name `pattern` it matched ASCII-case-insensitively.
///
/// With `exact`, the two must be identical. Otherwise, an upper-case ASCII letter that starts a
/// word in the pattern must be upper case in the text; every other letter may differ in case.
pub(crate) fn case_matches(pattern: &str, found: &str, exact: bool) -> bool {
    if exact {
        return pattern == found;
    }
    let mut in_word = false;
    for (p, t) in pattern.bytes().zip(found.bytes()) {
        if p.is_ascii_uppercase() && !in_word && t != p {
            return false;
        }
        in_word = p.is_ascii_alphanumeric() || p >= 0x80;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let cases = [
            ("US-Russian", 0, 2, true),
            ("Cyprus", 4, 6, false),
            ("Russia's", 0, 6, true),
            ("Russia’s", 0, 6, true),
            ("*NATO*", 1, 5, true),
            ("_Gaza_", 1, 5, true),
            ("Yemen—Riyadh", 0, 5, true),
            ("2US", 1, 3, false),
            ("USA", 0, 2, false),
            ("Iran\u{301}", 0, 4, false),
            ("(Iran)", 1, 5, true),
        ];
        for (text, start, end, ok) in cases {
            assert_eq!(at_word_boundary(text, start, end), ok, "{text}");
        }
    }

    #[test]
    fn case_rules() {
        let cases = [
            ("Turkey", "Turkey", false, true),
            ("Turkey", "TURKEY", false, true),
            ("Turkey", "turkey", false, false),
            ("al-Qaeda", "Al-Qaeda", false, true),
            ("al-Qaeda", "al-qaeda", false, false),
            ("McCain", "MCCAIN", false, true),
            ("McCain", "Mccain", false, true),
            ("US", "us", true, false),
            ("US", "US", true, true),
            ("Mobile", "MOBILE", true, false),
        ];
        for (pattern, found, exact, ok) in cases {
            assert_eq!(case_matches(pattern, found, exact), ok, "{pattern} vs {found}");
        }
    }
}
