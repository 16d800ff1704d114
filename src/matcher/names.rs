//! The name-part rule: a state or place name that is part of a longer personal name is not a
//! state or place.
//!
//! "Georgia Hayes", "Chad Johnson", "Israel Adesanya", "Washington Irving" and "Denzel
//! Washington" name people, not states or cities. When a state or place name is directly
//! joined (by one space) to a capitalised word that is neither another known name nor an
//! ordinary word, title or office, it is taken to be part of an unknown longer name and
//! dropped. The list of ordinary words keeps "Iran Foreign Minister", "United States
//! Ambassador", "Iraq War" and "Gaza Health Ministry".

use super::Mention;

/// Capitalised words that may follow or precede a state or place name without making it part
/// of a personal name: function words, titles, offices, institutions, calendar words and
/// directions. Compared in lower case.
#[rustfmt::skip]
const ORDINARY: &[&str] = &[
    // Function words and common sentence openers.
    "a", "about", "after", "against", "all", "also", "although", "an", "and", "as", "at",
    "because", "before", "both", "but", "by", "despite", "during", "each", "earlier", "for",
    "from", "had", "has", "have", "he", "her", "his", "however", "i", "if", "in", "into", "is",
    "it", "its", "last", "later", "meanwhile", "more", "most", "near", "neither", "next", "nor",
    "not", "now", "of", "on", "once", "or", "our", "over", "since", "so", "some", "still", "than",
    "that", "the", "their", "then", "there", "these", "they", "this", "those", "through", "to",
    "today", "tomorrow", "under", "until", "when", "where", "whether", "which", "while", "who",
    "will", "with", "within", "without", "would", "yesterday", "yet", "said", "says", "told",
    "was", "were", "are", "be", "been", "did", "does", "do", "can", "could", "may", "might",
    "must", "should", "what", "why", "how", "we", "you", "she", "him", "them", "us", "here",
    "even", "only", "just", "both", "either", "every", "many", "much", "no", "yes", "why",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
    "dozens", "hundreds", "thousands",
    // Titles and offices.
    "president", "presidents", "vice", "prime", "minister", "ministers", "ministry", "foreign",
    "defence", "defense", "interior", "finance", "health", "justice", "energy", "trade", "economy",
    "economic", "secretary", "ambassador", "ambassadors", "envoy", "envoys", "embassy",
    "consulate", "consul", "spokesman", "spokeswoman", "spokesperson", "chief", "chiefs",
    "general", "gen", "colonel", "col", "commander", "commanders", "leader", "leaders", "king",
    "queen", "prince", "princess", "emir", "sheikh", "crown", "supreme", "deputy", "mr", "mrs",
    "ms", "dr", "sen", "senator", "rep", "governor", "mayor", "chancellor", "premier", "official",
    "officials", "delegation", "delegate", "representative", "head", "speaker", "director",
    "adviser", "advisor", "coordinator", "special", "high", "commissioner", "attorney",
    "congressman", "congressmen", "congresswoman", "lawmaker", "lawmakers", "senators",
    "soldiers", "diplomats",
    // Institutions and bodies.
    "government", "administration", "army", "armed", "forces", "force", "military", "navy",
    "naval", "air", "marines", "troops", "police", "border", "coast", "guard", "guards",
    "intelligence", "security", "council", "parliament", "senate", "congress", "assembly",
    "committee", "commission", "office", "department", "agency", "authority", "authorities",
    "court", "bank", "central", "national", "international", "federal", "state", "states",
    "republic", "regime", "opposition", "rebels", "militia", "militias", "coalition", "alliance",
    "mission", "team", "delegation", "talks", "summit", "conference", "accord", "accords",
    "agreement", "deal", "treaty", "ceasefire", "truce", "peace", "war", "wars", "conflict",
    "crisis", "campaign", "offensive", "operation", "front", "frontline", "relations", "affairs",
    "policy", "times", "post", "news", "daily", "today", "tv", "television", "radio", "press",
    "agency", "media", "university", "institute", "center", "centre", "foundation", "city",
    "province", "provinces", "region", "regional", "governorate", "district", "county", "valley",
    "street", "square", "airport", "port", "harbour", "harbor", "base", "camp", "camps", "strip",
    "river", "sea", "gulf", "bay", "lake", "island", "islands", "mountains", "desert", "border",
    "crossing", "highway", "bridge", "dam", "plant", "pipeline", "station", "hospital", "prison",
    "palace", "cup", "league", "olympics", "games", "club", "fc", "museum", "stock", "exchange",
    "airlines", "airways", "railways", "telecom", "oil", "gas", "petroleum", "company",
    "corporation", "group", "institution", "affair", "question", "issue", "file", "protocol",
    "formula", "model", "plan", "initiative", "process", "dialogue", "forum", "declaration",
    "resolution", "sanctions", "act", "order", "medal", "award", "prize", "complex", "area",
    "areas", "suburbs", "metropolitan", "settlement", "settlements", "magistrate", "judge",
    "school", "schools", "college", "church", "cathedral", "mosque", "temple", "synagogue",
    "zoo", "show", "festival", "detention", "road", "roads", "shire", "market", "markets", "economy", "industry",
    // Sport: "the Sydney Test", "the Adelaide Oval", "the Melbourne Cup", "the Melbourne Track
    // Classic", "the Burswood Dome".
    "test", "tests", "oval", "open", "masters", "marathon", "grand", "prix", "cricket", "rugby",
    "football", "soccer", "tennis", "olympic", "derby", "stadium", "arena", "racecourse",
    "classic", "championship", "championships", "series", "tour", "dome", "carnival", "regatta",
    "trophy", "shield", "expo", "showground",
    // Faiths and peoples: "a Queensland Anglican school", "a Gaza Jewish settlement".
    "anglican", "catholic", "baptist", "uniting", "presbyterian", "methodist", "lutheran",
    "orthodox", "muslim", "muslims", "islamic", "jewish", "christian", "christians", "hindu",
    "buddhist", "sikh", "aboriginal", "indigenous", "arab", "kurdish",
    // Peoples and directions.
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower", "greater", "new", "old",
    // Calendar words.
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december",
];

/// Returns true if `word` is an ordinary word, title or office (see [`ORDINARY`]).
///
/// Called for many words of every document, so it looks the word up in a set built once, and
/// lower-cases only words that are short enough to be in it.
pub(crate) fn is_ordinary(word: &str) -> bool {
    static SET: std::sync::OnceLock<(std::collections::HashSet<&'static str>, usize)> =
        std::sync::OnceLock::new();
    let (set, longest) = SET.get_or_init(|| {
        (ORDINARY.iter().copied().collect(), ORDINARY.iter().map(|w| w.len()).max().unwrap_or(0))
    });
    let word = word.trim_end_matches('.');
    // "Vice-President", "Attorney-General": a compound of ordinary words is one.
    if word.contains('-') {
        return word.split('-').all(|part| !part.is_empty() && is_ordinary(part));
    }
    if word.len() > *longest {
        return false;
    }
    if word.bytes().all(|b| !b.is_ascii_uppercase()) && word.is_ascii() {
        return set.contains(word);
    }
    set.contains(word.to_lowercase().as_str())
}

/// Returns the word that follows `end` after exactly one space, if it is capitalised.
fn next_capitalised(haystack: &str, end: usize) -> Option<(usize, &str)> {
    let rest = haystack[end..].strip_prefix(' ')?;
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .unwrap_or(rest.len());
    let word = rest[..len].trim_end_matches(['-', '\'', '’']);
    word.chars().next().filter(|c| c.is_uppercase()).map(|_| (end + 1, word))
}

/// Returns the word that ends one space before `start`, if it is capitalised.
fn prev_capitalised(haystack: &str, start: usize) -> Option<(usize, &str)> {
    let before = haystack[..start].strip_suffix(' ')?;
    let from = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[from..];
    if word.contains(['-', '\'', '’']) {
        // "Assad's Syria" and "Saudi-led Yemen": a possessive or compound is no first name.
        return None;
    }
    word.chars().next().filter(|c| c.is_uppercase()).map(|_| (from, word))
}

/// Returns true if a mention looks like part of a longer, unknown capitalised name.
///
/// `starts` and `ends` hold the start and end offsets of all mentions, sorted, so that a
/// neighbouring word that is itself a known name does not count.
pub(crate) fn is_name_part(
    lines: &mut Lines<'_>,
    m: &Mention,
    starts: &[usize],
    ends: &[usize],
) -> bool {
    let haystack = lines.haystack;
    let span = m.span();
    let after = next_capitalised(haystack, span.end)
        .filter(|(at, word)| starts.binary_search(at).is_err() && !is_ordinary(word))
        .filter(|&(at, word)| !opens_event_name(haystack, at + word.len()));
    let before = prev_capitalised(haystack, span.start).filter(|(at, word)| {
        ends.binary_search(&(at + word.len())).is_err()
            && !is_ordinary(word)
            && !(opens_sentence(haystack, *at) && crate::lexicon::is_opener(word))
    });
    (after.is_some() || before.is_some()) && !lines.title_case(span.start)
}

/// Last words of the names of sporting events and venues, which a place opens with other words
/// between: "the Melbourne Track Classic", "the Sydney Royal Easter Show".
const EVENT_ENDS: &[&str] = &[
    "Classic",
    "Cup",
    "Open",
    "Championship",
    "Championships",
    "Show",
    "Festival",
    "Games",
    "Oval",
    "Stadium",
    "Arena",
    "Marathon",
    "Regatta",
    "Carnival",
    "Trophy",
    "Shield",
    "Expo",
    "Showground",
    "Racecourse",
    "Tour",
    "Series",
    "Masters",
    "Derby",
    "Prix",
];

/// Returns true if, after the capitalised word ending at `end`, one or two more capitalised
/// words follow and the last of them ends the name of an event or venue ([`EVENT_ENDS`]).
fn opens_event_name(haystack: &str, end: usize) -> bool {
    let mut end = end;
    for _ in 0..2 {
        let Some((at, word)) = next_capitalised(haystack, end) else {
            return false;
        };
        if EVENT_ENDS.contains(&word) {
            return true;
        }
        end = at + word.len();
    }
    false
}

/// Returns true if the word at `at` opens a sentence (or the text, or a line), after any
/// opening quotes or brackets: there a word that opens sentences ("Outside Sydney, ...",
/// "Across Australia, ...") is capitalised for that, not as a name.
fn opens_sentence(haystack: &str, at: usize) -> bool {
    let before = haystack[..at].trim_end_matches(['"', '\'', '‘', '“', '(', '[']);
    let before = before.trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', '\r', ':', ';'])
}

/// Returns true if a mention is followed by a capitalised word that is neither a known name
/// (`starts` holds the sorted start offsets of all mentions) nor an ordinary word: the mention
/// opens a longer, unknown name.
pub(crate) fn opens_longer_name(lines: &mut Lines<'_>, m: &Mention, starts: &[usize]) -> bool {
    let span = m.span();
    next_capitalised(lines.haystack, span.end)
        .filter(|(at, word)| starts.binary_search(at).is_err() && !is_ordinary(word))
        .is_some()
        && !lines.title_case(span.start)
}

/// The word right before `start`, one space away, if it is a capitalised given name of the
/// discovery lexicon ("Jason" before "Stoltenberg"), with where it starts.
pub(crate) fn given_name_before(haystack: &str, start: usize) -> Option<(usize, &str)> {
    prev_capitalised(haystack, start).filter(|(_, word)| crate::lexicon::is_given_name(word))
}

/// The lines of one text, each looked at once for whether it is a heading or written in Title
/// Case (where every word is capitalised and capitals say nothing about names).
///
/// A text may be one line of megabytes, with a candidate every few bytes: working the verdict
/// out again for each candidate would take time quadratic in the line's length, so each line's
/// verdict is kept, keyed by the line's start.
#[derive(Debug)]
pub(crate) struct Lines<'h> {
    haystack: &'h str,
    /// Line start to (line end, verdict), for the lines asked about so far.
    seen: std::collections::BTreeMap<usize, (usize, bool)>,
}

impl<'h> Lines<'h> {
    /// Creates the cache for one text; no line is looked at until it is asked about.
    pub(crate) fn new(haystack: &'h str) -> Lines<'h> {
        Lines { haystack, seen: Default::default() }
    }

    /// Returns true if the line around `offset` is a heading or in Title Case.
    pub(crate) fn title_case(&mut self, offset: usize) -> bool {
        if let Some((_, &(end, verdict))) = self.seen.range(..=offset).next_back() {
            if offset <= end {
                return verdict;
            }
        }
        let haystack = self.haystack;
        let start = haystack[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = haystack[offset..].find('\n').map_or(haystack.len(), |i| offset + i);
        let verdict = title_case_line(&haystack[start..end]);
        self.seen.insert(start, (end, verdict));
        verdict
    }
}

/// Returns true if a line is a heading or written in Title Case.
fn title_case_line(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with('#') {
        return true;
    }
    // Title Case leaves short words in lower case ("Russia Warns Ukraine over Grain Deal"), so
    // only words of five letters or more are looked at.
    let mut long = line.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 5);
    let mut count = 0;
    long.all(|w| {
        count += 1;
        w.starts_with(char::is_uppercase)
    }) && count >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours() {
        assert_eq!(next_capitalised("Georgia Hayes wrote", 7), Some((8, "Hayes")));
        assert_eq!(next_capitalised("Georgia's Hayes", 7), None);
        assert_eq!(next_capitalised("Georgia  Hayes", 7), None);
        assert_eq!(next_capitalised("Georgia, Hayes", 7), None);
        assert_eq!(next_capitalised("Iran's", 4), None);
        assert_eq!(prev_capitalised("Denzel Washington", 7), Some((0, "Denzel")));
        assert_eq!(prev_capitalised("star Denzel Washington", 12), Some((5, "Denzel")));
        assert_eq!(prev_capitalised("the Washington", 4), None);
        assert_eq!(prev_capitalised("Erdoğan Ankara", 9), Some((0, "Erdoğan")));
    }

    #[test]
    fn words_that_open_a_sentence_are_no_first_names() {
        let cases = [
            ("Outside Sydney, it rained.", 0, true),
            ("It rained. Across Australia, too.", 11, true),
            ("He said: \"Beyond Kabul, nothing.\"", 10, true),
            ("Star Denzel Washington", 5, false),
            ("It rained.\nInside Perth", 11, true),
        ];
        for (text, at, opens) in cases {
            assert_eq!(opens_sentence(text, at), opens, "{text}");
        }
    }

    #[test]
    fn possessives_and_compounds_are_no_first_names() {
        assert_eq!(prev_capitalised("Assad's Syria", 8), None);
        assert_eq!(prev_capitalised("Saudi-led Yemen", 10), None);
    }

    #[test]
    fn title_case_lines() {
        let title_case = |text: &str, offset| Lines::new(text).title_case(offset);
        assert!(title_case("# Russia Warns Ukraine", 3));
        assert!(title_case("x\nRussia Warns Ukraine over Grain Deal\ny", 3));
        assert!(!title_case("By Georgia Hayes in Tbilisi, Georgia. Iran spoke.", 4));
        assert!(!title_case("By Georgia Hayes, in the field today for us", 4));
        assert!(!title_case("By Georgia Hayes", 4), "too short to tell: the rule applies");
    }

    #[test]
    fn each_line_keeps_its_own_verdict() {
        let text =
            "Russia Warns Ukraine over Grain Deal\nGeorgia Hayes wrote from Tbilisi today.\n\n";
        let second = text.find("Georgia").unwrap();
        let mut lines = Lines::new(text);
        // Asked out of order, and at both ends of each line.
        assert!(!lines.title_case(second + 3));
        assert!(lines.title_case(0));
        assert!(lines.title_case(second - 1), "the end of the first line");
        assert!(!lines.title_case(second));
        assert!(!lines.title_case(text.len() - 1), "the empty last line");
        assert!(lines.title_case(7));
    }

    #[test]
    fn ordinary_words() {
        for word in ["Foreign", "Ambassador", "War", "Ministry", "Tuesday", "And", "AND", "Gen."] {
            assert!(is_ordinary(word), "{word}");
        }
        for word in ["Hayes", "Johnson", "Adesanya", "Irving", "Denzel"] {
            assert!(!is_ordinary(word), "{word}");
        }
    }
}
