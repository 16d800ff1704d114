//! Paragraphs and sentences: the windows in which actors co-occur.
//!
//! Paragraphs are separated by blank lines; a Markdown heading line (`# ...`) is a paragraph of
//! its own. Sentences end at `.`, `!`, `?` or `…` followed by white space, unless the period
//! belongs to an abbreviation ("Mr.", "Gen.", "U.S.", "i.e."), an initial ("John F. Kennedy"),
//! or the next word starts in lower case. A sentence never crosses a paragraph boundary.
//!
//! Every span is a byte range into the original text, trimmed of surrounding white space.

use crate::span::Span;

/// Words that, followed by a period, do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Amb", "Apr", "Aug", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Dec", "Dept", "Dr",
    "Feb", "Fr", "Ft", "Gen", "Gens", "Gov", "Hon", "Jan", "Jr", "Jul", "Jun", "Lt", "Maj", "Mar",
    "Messrs", "Mr", "Mrs", "Ms", "Mt", "Nov", "Oct", "Pres", "Prof", "Rep", "Reps", "Rev", "Sen",
    "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "approx", "cf", "vs",
];

/// Words that do not end a sentence when a number follows: "No. 10", "Art. 5".
const NUMBER_ABBREVIATIONS: &[&str] = &["No", "Nos", "Art", "Vol", "pp", "p"];

/// Splits text into paragraphs and sentences.
#[derive(Clone, Debug)]
pub struct Segmenter {
    join_broken: bool,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::new()
    }
}

/// The paragraphs and sentences of one text, with lookups from a byte offset to its window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segments {
    paragraphs: Vec<Span>,
    sentences: Vec<Span>,
}

impl Segmenter {
    /// Creates a segmenter that joins broken paragraphs (see
    /// [`Segmenter::join_broken_paragraphs`]).
    pub fn new() -> Segmenter {
        Segmenter { join_broken: true }
    }

    /// Sets whether a blank line is ignored when the paragraph before it ends with no
    /// sentence-final punctuation and the next starts in lower case. Text scraped from web
    /// pages and PDFs breaks sentences that way; the default is to join them.
    ///
    /// ```
    /// let text = "Talks between Iran and\n\nthe United States resumed.";
    /// let mut seg = actorgraph::Segmenter::new();
    /// assert_eq!(seg.sentences(text).count(), 1);
    /// seg.join_broken_paragraphs(false);
    /// assert_eq!(seg.sentences(text).count(), 2);
    /// ```
    pub fn join_broken_paragraphs(&mut self, yes: bool) -> &mut Segmenter {
        self.join_broken = yes;
        self
    }

    /// Returns an iterator over the paragraphs of `text`.
    ///
    /// ```
    /// let text = "# Talks\nBy Ana Ruiz\n\nPutin spoke.\nErdoğan too.\n\n\nEnd.";
    /// let seg = actorgraph::Segmenter::new();
    /// let paras: Vec<&str> = seg.paragraphs(text).map(|s| &text[s]).collect();
    /// assert_eq!(paras, ["# Talks", "By Ana Ruiz", "Putin spoke.\nErdoğan too.", "End."]);
    /// ```
    pub fn paragraphs<'s, 't>(&'s self, text: &'t str) -> Paragraphs<'s, 't> {
        Paragraphs { seg: self, text, pos: 0 }
    }

    /// Returns an iterator over the sentences of `text`.
    ///
    /// ```
    /// let text = "Mr. Netanyahu met U.S. envoys, i.e. two of them. Talks went on.";
    /// let seg = actorgraph::Segmenter::new();
    /// let sents: Vec<&str> = seg.sentences(text).map(|s| &text[s]).collect();
    /// assert_eq!(sents, ["Mr. Netanyahu met U.S. envoys, i.e. two of them.", "Talks went on."]);
    /// ```
    pub fn sentences<'s, 't>(&'s self, text: &'t str) -> Sentences<'s, 't> {
        Sentences { paragraphs: self.paragraphs(text), text, current: None }
    }

    /// Segments `text` into both paragraphs and sentences at once.
    pub fn segment(&self, text: &str) -> Segments {
        let paragraphs: Vec<Span> = self.paragraphs(text).collect();
        let mut sentences = Vec::new();
        for &para in &paragraphs {
            let mut rest = para;
            while !rest.is_empty() {
                let sentence = split_first(text, &mut rest);
                if !sentence.is_empty() {
                    sentences.push(sentence);
                }
            }
        }
        Segments { paragraphs, sentences }
    }
}

impl Segments {
    /// Returns the paragraph spans, in order.
    pub fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }

    /// Returns the sentence spans, in order.
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }

    /// Returns the index of the sentence that contains byte `offset`, or the nearest one before
    /// it when the offset falls between sentences.
    pub fn sentence_of(&self, offset: usize) -> usize {
        window_of(&self.sentences, offset)
    }

    /// Returns the index of the paragraph that contains byte `offset`, or the nearest one before
    /// it when the offset falls between paragraphs.
    pub fn paragraph_of(&self, offset: usize) -> usize {
        window_of(&self.paragraphs, offset)
    }
}

fn window_of(spans: &[Span], offset: usize) -> usize {
    spans.partition_point(|s| s.start <= offset).saturating_sub(1)
}

/// An iterator over paragraph spans. Created by [`Segmenter::paragraphs`].
#[derive(Debug)]
pub struct Paragraphs<'s, 't> {
    seg: &'s Segmenter,
    text: &'t str,
    pos: usize,
}

impl Iterator for Paragraphs<'_, '_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let mut start = None;
        let mut end = self.pos;
        while self.pos < self.text.len() {
            let line_end =
                self.text[self.pos..].find('\n').map_or(self.text.len(), |i| self.pos + i);
            let line = &self.text[self.pos..line_end];
            let next = (line_end + 1).min(self.text.len());
            let blank = line.trim().is_empty();
            let heading = line.trim_start().starts_with('#');
            if blank {
                self.pos = next;
                match start {
                    Some(s) if !self.joins(&self.text[s..end], &self.text[self.pos..]) => break,
                    _ => continue,
                }
            }
            if heading && start.is_some() {
                break;
            }
            start.get_or_insert(self.pos);
            end = line_end;
            self.pos = next;
            if heading {
                break;
            }
        }
        start.map(|start| trim(self.text, Span::new(start, end)))
    }
}

impl Paragraphs<'_, '_> {
    /// Decides whether a blank line between `para` and `rest` is a page-break artefact: the
    /// paragraph ends with no sentence-final punctuation and the next one starts in lower case.
    fn joins(&self, para: &str, rest: &str) -> bool {
        if !self.seg.join_broken {
            return false;
        }
        let ends_open = para.trim_end().chars().next_back().is_some_and(|c| {
            !matches!(
                c,
                '.' | '!' | '?' | '…' | ':' | ';' | '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_'
            )
        });
        let starts_lower =
            rest.chars().find(|c| !c.is_whitespace()).is_some_and(char::is_lowercase);
        ends_open && (starts_lower || ends_with_function_word(para))
    }
}

/// Words that cannot end a sentence: a paragraph ending in one was cut ("... met officials
/// in" / "Geneva on Tuesday").
const OPEN_ENDINGS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or",
    "but", "that", "as", "into", "between", "against", "his", "her", "their", "its",
];

fn ends_with_function_word(para: &str) -> bool {
    para.split_whitespace().next_back().is_some_and(|w| OPEN_ENDINGS.contains(&w))
}

/// An iterator over sentence spans. Created by [`Segmenter::sentences`].
#[derive(Debug)]
pub struct Sentences<'s, 't> {
    paragraphs: Paragraphs<'s, 't>,
    text: &'t str,
    current: Option<Span>,
}

impl Iterator for Sentences<'_, '_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            let rest = match &mut self.current {
                Some(span) if !span.is_empty() => span,
                _ => {
                    self.current = Some(self.paragraphs.next()?);
                    continue;
                }
            };
            let sentence = split_first(self.text, rest);
            if !sentence.is_empty() {
                return Some(sentence);
            }
        }
    }
}

/// Splits the first sentence off `rest`, a trimmed span of a paragraph, and leaves the trimmed
/// remainder in `rest`. The sentence may be empty.
fn split_first(text: &str, rest: &mut Span) -> Span {
    let end = sentence_end(&text[*rest]).map_or(rest.end, |n| rest.start + n);
    let sentence = trim(text, Span::new(rest.start, end));
    *rest = trim(text, Span::new(end, rest.end));
    sentence
}

/// Returns the byte length of the first sentence of `para`, or `None` if it is one sentence.
fn sentence_end(para: &str) -> Option<usize> {
    let bytes = para.as_bytes();
    let mut from = 0;
    while let Some(n) = find_terminator_byte(&bytes[from..]) {
        let i = from + n;
        from = i + 1;
        let Some(ch) = terminator_at(para, i) else { continue };
        let end = skip_closers(para, i + ch.len_utf8());
        if end >= bytes.len() || !para[end..].starts_with(char::is_whitespace) {
            continue;
        }
        if ch == '.' && !period_ends_sentence(&para[..i], &para[end..]) {
            continue;
        }
        if next_word_is_lowercase(&para[end..]) {
            continue;
        }
        return Some(end);
    }
    None
}

/// Returns the first byte that may start a sentence terminator: '.', '!', '?' or 0xE2, the
/// first byte of '…' (the only terminator outside ASCII). 0xE2 only ever starts a character,
/// so every hit is on a character boundary. Whole chunks without one are skipped first: the
/// chunk test compiles to vector instructions, which a byte-by-byte search does not.
fn find_terminator_byte(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 16;
    let is_terminator = |b: u8| (b == b'.') | (b == b'!') | (b == b'?') | (b == 0xE2);
    let mut from = 0;
    while let Some(chunk) = bytes.get(from..from + CHUNK) {
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(is_terminator(b))) != 0 {
            break;
        }
        from += CHUNK;
    }
    bytes[from..].iter().position(|&b| is_terminator(b)).map(|n| from + n)
}

/// Returns the terminator at byte `i` of `text`, if there is one.
fn terminator_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes()[i] {
        b'.' => Some('.'),
        b'!' => Some('!'),
        b'?' => Some('?'),
        _ => text[i..].starts_with('…').then_some('…'),
    }
}

/// Skips further terminators and closing quotes or brackets after a terminator.
fn skip_closers(text: &str, mut pos: usize) -> usize {
    for ch in text[pos..].chars() {
        if !matches!(
            ch,
            '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_' | '»'
        ) {
            break;
        }
        pos += ch.len_utf8();
    }
    pos
}

/// Decides whether a period ends a sentence, given the text before it and after it.
fn period_ends_sentence(before: &str, after: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |i| next_char(before, i));
    let word = &before[word_start..];
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return true;
    }
    if word.contains('.') {
        // A dotted abbreviation such as "U.S", "i.e" or "a.m".
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        return false;
    }
    if NUMBER_ABBREVIATIONS.contains(&word)
        && after.trim_start().starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    !initial
}

/// Returns the offset just past the character that starts at `i`.
fn next_char(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(0, char::len_utf8)
}

fn next_word_is_lowercase(after: &str) -> bool {
    after.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_lowercase())
}

/// Shrinks a span to exclude leading and trailing white space.
fn trim(text: &str, span: Span) -> Span {
    let s = &text[span];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start.min(end), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        Segmenter::new().sentences(text).map(|s| &text[s]).collect()
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        Segmenter::new().paragraphs(text).map(|s| &text[s]).collect()
    }

    /// (name, text, expected sentences)
    const SENTENCE_CASES: &[(&str, &str, &[&str])] = &[
        ("simple", "Putin spoke. Biden replied.", &["Putin spoke.", "Biden replied."]),
        ("title_mr", "Mr. Netanyahu said no. He left.", &["Mr. Netanyahu said no.", "He left."]),
        ("title_gen_dr", "Gen. Burhan and Dr. Tedros met.", &["Gen. Burhan and Dr. Tedros met."]),
        (
            "dotted_acronym",
            "U.S. forces left. U.N. staff stayed.",
            &["U.S. forces left.", "U.N. staff stayed."],
        ),
        (
            "ie_eg",
            "Some states, i.e. Iran, e.g. Syria, agreed.",
            &["Some states, i.e. Iran, e.g. Syria, agreed."],
        ),
        ("initial", "John F. Kennedy visited Berlin.", &["John F. Kennedy visited Berlin."]),
        (
            "decimal",
            "Aid rose to 3.5 billion. Then it fell.",
            &["Aid rose to 3.5 billion.", "Then it fell."],
        ),
        (
            "number_abbrev",
            "He went to No. 10 Downing Street.",
            &["He went to No. 10 Downing Street."],
        ),
        ("no_as_word", "He said No. Then he left.", &["He said No.", "Then he left."]),
        ("question_exclaim", "Why? Because! Yes.", &["Why?", "Because!", "Yes."]),
        (
            "closing_quote",
            "\"We will win.\" Zelensky said.",
            &["\"We will win.\"", "Zelensky said."],
        ),
        ("curly_quote", "“We will win.” Zelensky said.", &["“We will win.”", "Zelensky said."]),
        ("lowercase_next", "It was 5 p.m. and late.", &["It was 5 p.m. and late."]),
        ("ellipsis", "Wait… Then go.", &["Wait…", "Then go."]),
        ("month", "On Jan. 5 talks began.", &["On Jan. 5 talks began."]),
        ("no_terminator", "A headline without a stop", &["A headline without a stop"]),
        ("non_ascii", "Erdoğan spoke. İstanbul waited.", &["Erdoğan spoke.", "İstanbul waited."]),
        // Regression: a no-break space before an abbreviation made the segmenter slice inside
        // a character (found on the 2012 convention speeches).
        (
            "no_break_space",
            "So Mr.\u{a0}President — Mr. Obama.",
            &["So Mr.\u{a0}President — Mr. Obama."],
        ),
        ("no_break_space_end", "Iraq.\u{a0}Syria.", &["Iraq.", "Syria."]),
    ];

    #[test]
    fn sentence_table() {
        for (name, text, expected) in SENTENCE_CASES {
            assert_eq!(sentences(text), *expected, "case {name}");
        }
    }

    #[test]
    fn sentence_names_are_unique() {
        let mut names: Vec<_> = SENTENCE_CASES.iter().map(|c| c.0).collect();
        names.sort();
        let len = names.len();
        names.dedup();
        assert_eq!(names.len(), len);
    }

    #[test]
    fn sentences_never_cross_paragraphs() {
        assert_eq!(sentences("Putin spoke\n\nBiden replied."), ["Putin spoke", "Biden replied."]);
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_headings() {
        let text = "\n# Title\nBy A. Writer\n\nOne\ntwo.\n \t\nThree.\n";
        assert_eq!(paragraphs(text), ["# Title", "By A. Writer", "One\ntwo.", "Three."]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n\n  \n").is_empty());
    }

    #[test]
    fn page_break_artefacts_are_joined() {
        let text = "Iran and\n\nthe US met.\n\nthen. Next\n\nOne.";
        assert_eq!(paragraphs(text), ["Iran and\n\nthe US met.", "then. Next", "One."]);
        assert_eq!(sentences("Iran and\n\nthe US met."), ["Iran and\n\nthe US met."]);
        assert_eq!(paragraphs("# Title\n\nlower start"), ["# Title", "lower start"]);
        assert_eq!(
            paragraphs("Iran met officials in\n\nGeneva."),
            ["Iran met officials in\n\nGeneva."]
        );
        assert_eq!(paragraphs("By Ana Ruiz\n\nGeneva."), ["By Ana Ruiz", "Geneva."]);
    }

    #[test]
    fn crlf_paragraphs() {
        assert_eq!(paragraphs("One.\r\n\r\nTwo.\r\n"), ["One.", "Two."]);
    }

    #[test]
    fn window_lookup() {
        let text = "One. Two.\n\nThree.";
        let segs = Segmenter::new().segment(text);
        assert_eq!(segs.sentences().len(), 3);
        assert_eq!(segs.sentence_of(5), 1);
        assert_eq!(segs.sentence_of(12), 2);
        assert_eq!(segs.paragraph_of(5), 0);
        assert_eq!(segs.paragraph_of(12), 1);
    }
}
