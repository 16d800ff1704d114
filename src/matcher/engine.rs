//! The two search engines that find candidate names, and the choice between them.
//!
//! Both report every occurrence of every pattern that can pass the word-boundary rule; the
//! matcher then checks the rules and chooses, so the engine never changes the mentions, only
//! the time to build and to scan. Aho-Corasick (a contiguous NFA, overlapping search) is the
//! engine for small gazetteers: one pass over the text, built in milliseconds. Its build time
//! grows to seconds past a few hundred thousand patterns, where the anchored trie takes over:
//! it is built with one sort, and is tried only where a name may start. DESIGN.md
//! ("Performance") has the measurements behind the choice and the threshold.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::trie::Trie;
use super::{Boundary, CaseMode, rules};
use crate::error::{Error, ErrorKind, Result};

/// Which engine finds the candidate names. Every engine gives the same mentions.
///
/// ```
/// use actorgraph::{Engine, Gazetteer, MatcherBuilder};
///
/// let gaz = Gazetteer::builtin();
/// let text = "US-Russian talks in Cyprus.";
/// let aho = MatcherBuilder::new().engine(Engine::AhoCorasick).build(&gaz)?;
/// let trie = MatcherBuilder::new().engine(Engine::Trie).build(&gaz)?;
/// assert_eq!(aho.find_all(text), trie.find_all(text));
/// assert_eq!(MatcherBuilder::new().build(&gaz)?.engine(), Engine::AhoCorasick);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// Aho-Corasick up to [`Engine::AUTO_TRIE_PATTERNS`] patterns, the trie above.
    #[default]
    Auto,
    /// One overlapping Aho-Corasick pass (contiguous NFA) over the whole text.
    AhoCorasick,
    /// An anchored byte trie, tried at every place a name may start.
    Trie,
}

impl Engine {
    /// Under [`Engine::Auto`], gazetteers with more patterns than this (names and their
    /// variants) use the trie. Measured: Aho-Corasick builds 47,000 patterns in 0.27 s and
    /// 329,000 in 2.6 s (the trie: 0.03 s and 0.29 s), so this keeps its build near 0.2 s;
    /// the built-in gazetteer (about 7,200) stays on Aho-Corasick.
    pub const AUTO_TRIE_PATTERNS: usize = 60_000;

    /// Returns the engine to use for `patterns` patterns: never `Auto`.
    pub(crate) fn resolve(self, patterns: usize) -> Engine {
        match self {
            Engine::Auto if patterns > Engine::AUTO_TRIE_PATTERNS => Engine::Trie,
            Engine::Auto => Engine::AhoCorasick,
            other => other,
        }
    }
}

/// The text of every pattern, in one buffer: one allocation instead of one per name.
#[derive(Clone, Debug, Default)]
pub(crate) struct Names {
    pub(crate) text: String,
    /// The end of each name in `text`; a name starts where the previous one ends.
    pub(crate) ends: Vec<usize>,
}

impl Names {
    pub(crate) fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.ends.push(self.text.len());
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// A built engine.
#[derive(Clone, Debug)]
pub(crate) enum Search {
    Aho(AhoCorasick),
    Trie(Box<TrieSearch>),
}

/// The trie engine: two tries and the byte classes that drive the scan.
#[derive(Clone, Debug)]
pub(crate) struct TrieSearch {
    /// Every pattern, ASCII case folded unless the case mode is exact.
    pub(crate) all: Trie,
    /// The patterns that start with a lower-case ASCII letter. Unless case is ignored, a name
    /// that starts with a capital (or any other byte) cannot match where the text has a
    /// lower-case letter, so this small trie serves every lower-case word start.
    pub(crate) lower: Trie,
    /// What each byte of a text tells the scan: see `byte_classes`.
    classes: [u8; 256],
    /// Whether a name may start anywhere (no word-boundary rule).
    every: bool,
}

impl Search {
    /// Builds `engine` (not `Auto`) over `names`.
    pub(crate) fn new(
        engine: Engine,
        names: &Names,
        case: CaseMode,
        boundary: Boundary,
    ) -> Result<Search> {
        if engine == Engine::Trie {
            let (all, lower) = tries(names, case)?;
            return Ok(Search::Trie(Box::new(TrieSearch::new(all, lower, case, boundary))));
        }
        let ac = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(case != CaseMode::Exact)
            .build(names.iter())
            .map_err(|err| Error::new(ErrorKind::Build(err.to_string())))?;
        Ok(Search::Aho(ac))
    }

    /// Returns which engine this is.
    pub(crate) fn engine(&self) -> Engine {
        match self {
            Search::Aho(_) => Engine::AhoCorasick,
            Search::Trie(_) => Engine::Trie,
        }
    }

    /// Calls `found(pattern, start, end)` for every raw occurrence of a pattern that the
    /// word-boundary rule does not exclude by where it starts.
    pub(crate) fn for_each<F: FnMut(usize, usize, usize)>(&self, haystack: &str, mut found: F) {
        match self {
            Search::Aho(ac) => {
                for mat in ac.find_overlapping_iter(haystack) {
                    found(mat.pattern().as_usize(), mat.start(), mat.end());
                }
            }
            Search::Trie(search) => search.for_each(haystack, found),
        }
    }
}

/// Builds the trie of all patterns and the trie of those that start with a lower-case ASCII
/// letter, the only ones that can match where the text has one (see `TrieSearch::lower`).
fn tries(names: &Names, case: CaseMode) -> Result<(Trie, Trie)> {
    let len = u32::try_from(names.len())
        .map_err(|_| Error::new(ErrorKind::Build(format!("too many names: {}", names.len()))))?;
    let fold = case != CaseMode::Exact;
    let all = (0..len).map(|id| (id, names.get(id as usize)));
    let lower = all.clone().filter(|(_, name)| name.starts_with(|c: char| c.is_ascii_lowercase()));
    Ok((Trie::new(all, fold), Trie::new(lower, fold)))
}

/// Byte classes for the scan. `WORD`: an ASCII letter or digit. `WIDE`: a byte of a non-ASCII
/// character. `LOWER_TRIE` and `ALL_TRIE`: a name may start with this byte, and the trie to
/// look it up in.
const WORD: u8 = 1;
const WIDE: u8 = 2;
const LOWER_TRIE: u8 = 4;
const ALL_TRIE: u8 = 8;

impl TrieSearch {
    /// Puts together the engine from its two tries (built, or loaded from a cache).
    pub(crate) fn new(all: Trie, lower: Trie, case: CaseMode, boundary: Boundary) -> TrieSearch {
        let classes = byte_classes(&all, &lower, case);
        TrieSearch { all, lower, classes, every: boundary == Boundary::None }
    }

    fn for_each<F: FnMut(usize, usize, usize)>(&self, haystack: &str, mut found: F) {
        let bytes = haystack.as_bytes();
        match_starts(haystack, &self.classes, self.every, |start, class| {
            let trie = if class & LOWER_TRIE != 0 { &self.lower } else { &self.all };
            trie.matches_at(bytes, start, |pid, end| found(pid as usize, start, end));
        });
    }
}

/// Classifies every byte value. Unless case is ignored, a text byte that is a lower-case ASCII
/// letter can only start a name that starts with one (see `TrieSearch::lower`).
fn byte_classes(all: &Trie, lower: &Trie, case: CaseMode) -> [u8; 256] {
    let mut classes = [0; 256];
    for (byte, class) in (0..=255u8).zip(classes.iter_mut()) {
        *class = if byte.is_ascii_lowercase() && case != CaseMode::Insensitive {
            if lower.can_start(byte) { LOWER_TRIE } else { 0 }
        } else if all.can_start(byte) {
            ALL_TRIE
        } else {
            0
        };
        if byte.is_ascii_alphanumeric() {
            *class |= WORD;
        } else if !byte.is_ascii() {
            *class |= WIDE;
        }
    }
    classes
}

/// Calls `f(offset, class)` at each character where a name may start: one that some name
/// starts with and, unless `every`, that does not follow a word character (a name that starts
/// after one fails the word-boundary rule).
fn match_starts<F>(haystack: &str, classes: &[u8; 256], every: bool, mut f: F)
where
    F: FnMut(usize, u8),
{
    let bytes = haystack.as_bytes();
    let (mut at, mut after_word) = (0, false);
    while at < bytes.len() {
        let class = classes[bytes[at] as usize];
        if class & (LOWER_TRIE | ALL_TRIE) != 0 && (every || !after_word) {
            f(at, class);
        }
        if class & WIDE == 0 {
            after_word = class & WORD != 0;
            at += 1;
        } else {
            let c = haystack[at..].chars().next().expect("at is a character boundary");
            after_word = rules::is_word_char(c);
            at += c.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_threshold() {
        assert_eq!(Engine::Auto.resolve(7_000), Engine::AhoCorasick);
        assert_eq!(Engine::Auto.resolve(Engine::AUTO_TRIE_PATTERNS + 1), Engine::Trie);
        assert_eq!(Engine::AhoCorasick.resolve(1_000_000), Engine::AhoCorasick);
        assert_eq!(Engine::Trie.resolve(1), Engine::Trie);
    }

    #[test]
    fn names_buffer() {
        let mut names = Names::default();
        for name in ["Gaza", "", "İstanbul"] {
            names.push(name);
        }
        assert_eq!(names.iter().collect::<Vec<_>>(), ["Gaza", "", "İstanbul"]);
    }
}
