//! Dates of articles: from a date line near the top ("CAIRO, Jan. 20, 2025 —",
//! "Tuesday, May 27, 2025") or from a file name ("2025-03-14-aleppo-talks.md").

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

/// Where a document's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DateSource {
    /// The JSONL record's date field (see [`JsonlOptions::date_field`](crate::JsonlOptions::date_field)),
    /// or a date set in code with [`Document::with_date`](crate::Document::with_date).
    Field,
    /// A dateline or byline near the top of the text ("CAIRO, Jan. 20, 2025 —"); see
    /// [`DateSources`] for what counts as one.
    Dateline,
    /// A `YYYY-MM-DD` date in the file name of a text file ("2025-03-14-aleppo-talks.md").
    FileName,
}

impl DateSource {
    /// Returns the source's name: `field`, `dateline` or `filename`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DateSource::Field => "field",
            DateSource::Dateline => "dateline",
            DateSource::FileName => "filename",
        }
    }
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The sources a document's date is taken from, in order: the first that gives a date wins.
///
/// The default is `field,dateline,filename`: a JSONL record's date field, then a dateline
/// near the top of the text, then a date in the file name. A source that does not apply is
/// passed over (a text file has no field; a JSONL record has no file name of its own).
///
/// A date field that is present decides, even when it is `null` or empty: the record is then
/// undated, and no date is guessed from its text. Leave `field` out to take the date from the
/// text only, or list `dateline` first to prefer it.
///
/// A dateline is looked for in the first six lines that are not blank, within the first 600
/// bytes, headlines (`# ...`) passed over. A date counts only at the start of its line (after
/// at most 48 bytes, "DAKAR, Senegal (June 12, 2025) —") followed by the end of the line, a
/// dash, a colon or a parenthesis, or on a short line of its own that neither ends a sentence
/// nor opens a quotation ("Tuesday, May 27, 2025", "Posted 2024-09-18 by the desk"). A date
/// in the body ("On 30 June 1945, fifty nations signed") is never taken.
///
/// ```
/// use actorgraph::{DateSource, DateSources, JsonlOptions};
///
/// let sources: DateSources = "field,filename".parse().unwrap();
/// assert_eq!(sources.sources(), [DateSource::Field, DateSource::FileName]);
/// assert!("none".parse::<DateSources>().unwrap().sources().is_empty());
///
/// let record = "{\"text\": \"CAIRO, Jan. 20, 2025 — Talks.\", \"date\": null}\n";
/// let doc = JsonlOptions::new().read(record.as_bytes(), "a.jsonl").next().unwrap()?;
/// assert_eq!(doc.date(), None, "an explicit null is kept");
/// let mut opts = JsonlOptions::new();
/// opts.date_sources("dateline".parse().unwrap());
/// let doc = opts.read(record.as_bytes(), "a.jsonl").next().unwrap()?;
/// assert_eq!((doc.date(), doc.date_source()), (Some("2025-01-20"), Some(DateSource::Dateline)));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateSources(Vec<DateSource>);

impl Default for DateSources {
    fn default() -> DateSources {
        DateSources(vec![DateSource::Field, DateSource::Dateline, DateSource::FileName])
    }
}

impl DateSources {
    /// The sources in this order; a source given twice counts once, where it first appears.
    pub fn new<I: IntoIterator<Item = DateSource>>(sources: I) -> DateSources {
        let mut list = Vec::new();
        for source in sources {
            if !list.contains(&source) {
                list.push(source);
            }
        }
        DateSources(list)
    }

    /// No source at all: every document is undated (unless a pipeline gives a default date).
    pub fn none() -> DateSources {
        DateSources(Vec::new())
    }

    /// Returns the sources, in the order they are tried.
    pub fn sources(&self) -> &[DateSource] {
        &self.0
    }

    /// Finds a document's date: `field` is the date field (`None` if the record has none,
    /// `Some(None)` if it is null or empty), `text` the text and `name` the file name, if any.
    pub(crate) fn resolve(
        &self,
        field: Option<Option<String>>,
        text: &str,
        name: Option<&str>,
    ) -> Option<(String, DateSource)> {
        for &source in &self.0 {
            let found = match source {
                DateSource::Field => match &field {
                    Some(value) => return value.clone().map(|d| (d, source)),
                    None => None,
                },
                DateSource::Dateline => from_text(text),
                DateSource::FileName => name.and_then(from_name),
            };
            if let Some(date) = found {
                return Some((date, source));
            }
        }
        None
    }
}

/// A `--date-source` list that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateSourcesError {
    text: String,
}

impl fmt::Display for DateSourcesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown date source \"{}\" (expected a comma-separated list of field, dateline \
             and filename, or none)",
            self.text
        )
    }
}

impl std::error::Error for DateSourcesError {}

impl FromStr for DateSources {
    type Err = DateSourcesError;

    /// Reads a comma-separated list of `field`, `dateline` and `filename` (in any case, with
    /// spaces around the names allowed), or `none` for no source.
    fn from_str(s: &str) -> Result<DateSources, DateSourcesError> {
        if s.trim().eq_ignore_ascii_case("none") {
            return Ok(DateSources::none());
        }
        let source = |name: &str| match name.trim().to_ascii_lowercase().as_str() {
            "field" => Ok(DateSource::Field),
            "dateline" => Ok(DateSource::Dateline),
            "filename" => Ok(DateSource::FileName),
            _ => Err(DateSourcesError { text: name.trim().to_string() }),
        };
        s.split(',').map(source).collect::<Result<Vec<_>, _>>().map(DateSources::new)
    }
}

/// How far into a text the date line is looked for: headline, byline and dateline.
const HEAD_BYTES: usize = 600;

/// How many lines that are not blank the head has, at most.
const HEAD_LINES: usize = 6;

/// The longest text before the date on a dateline ("NAIROBI, Kenya, ", "DAKAR, Senegal (").
const DATELINE_PREFIX: usize = 48;

/// The longest line that counts as a byline or date line of its own ("By A, June 3, 2025").
const SHORT_LINE: usize = 100;

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?) (\d{1,2}),? (\d{4})\b")
        .expect("valid regex")
});

static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b")
        .expect("valid regex")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?:[^\d]|$)").expect("valid regex")
});

/// Finds the date of an article's dateline or byline and returns it as `YYYY-MM-DD`.
///
/// Only the head is read: the first six lines that are not blank, within the first 600
/// bytes. Headlines (lines starting with `#`) are passed over. A date counts only where a
/// dateline or byline puts it:
///
/// - at the start of its line, after at most 48 bytes ("CAIRO, ", "DAKAR, Senegal ("), and
///   followed by the end of the line, a dash, a colon or a closing parenthesis
///   ("CAIRO, Jan. 20, 2025 — Trucks"), or
/// - on a short line of its own (up to 100 bytes) that does not end a sentence and does not
///   open a quotation ("Tuesday, May 27, 2025", "Posted 2024-09-18 by the desk").
///
/// So a date quoted in the body ("On 30 June 1945, the charter was signed") is never taken.
pub(crate) fn from_text(text: &str) -> Option<String> {
    let head = &text[..floor_char_boundary(text, HEAD_BYTES)];
    let lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
    let mut lines = lines.filter(|l| !l.trim().is_empty()).take(HEAD_LINES);
    lines.find_map(|line| {
        // The head may cut the last line short: measure it in the whole text.
        let start = line.as_ptr() as usize - text.as_ptr() as usize;
        let full = text[start..].split('\n').next().unwrap_or(line).trim_end();
        dateline(line, full.len())
    })
}

/// The date of one line of the head, if it is a dateline or byline; `len` is the line's
/// length in the whole text.
fn dateline(line: &str, len: usize) -> Option<String> {
    let text = line.trim();
    if text.starts_with('#') {
        return None;
    }
    let (start, end, date) = first_date(line)?;
    let after = line[end..].trim_start();
    let leads = start <= DATELINE_PREFIX
        && (after.is_empty() || after.starts_with(['—', '–', '-', ':', ')', '|']));
    let alone = len <= SHORT_LINE
        && !text.ends_with(['.', '!', '?', '"', '”', '’', '\''])
        && !text.starts_with(['"', '“', '‘', '\'', '«', '>']);
    (leads || alone).then_some(date)
}

/// The earliest date written out or in ISO form in `line`: where it starts, where it ends and
/// the date.
fn first_date(line: &str) -> Option<(usize, usize, String)> {
    let candidates = [month_first(line), day_first(line), iso(line)];
    candidates.into_iter().flatten().min_by_key(|(at, _, _)| *at)
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut end = text.len().min(at);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Finds a `YYYY-MM-DD` date in a file name.
pub(crate) fn from_name(name: &str) -> Option<String> {
    iso(name).map(|(_, _, date)| date)
}

fn month_first(head: &str) -> Option<(usize, usize, String)> {
    let caps = MONTH_FIRST.captures(head)?;
    let month = month_number(&caps[1])?;
    let whole = caps.get(0)?;
    Some((whole.start(), whole.end(), format_date(&caps[3], month, &caps[2])?))
}

fn day_first(head: &str) -> Option<(usize, usize, String)> {
    let caps = DAY_FIRST.captures(head)?;
    let month = month_number(&caps[2])?;
    let whole = caps.get(0)?;
    Some((whole.start(), whole.end(), format_date(&caps[3], month, &caps[1])?))
}

fn iso(head: &str) -> Option<(usize, usize, String)> {
    let caps = ISO.captures(head)?;
    let month: u32 = caps[2].parse().ok()?;
    let (start, end) = (caps.get(1)?.start(), caps.get(3)?.end());
    Some((start, end, format_date(&caps[1], month, &caps[3])?))
}

fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

fn format_date(year: &str, month: u32, day: &str) -> Option<String> {
    let day: u32 = day.parse().ok()?;
    let year: u32 = year.parse().ok()?;
    let ok = (1..=12).contains(&month) && (1..=31).contains(&day) && (1800..=2200).contains(&year);
    ok.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        let cases = [
            ("# T\nBy A\n\nCAIRO, Jan. 20, 2025 — Trucks", Some("2025-01-20")),
            ("# T\nBy A\nTuesday, May 27, 2025\n\nKUALA LUMPUR —", Some("2025-05-27")),
            ("DAKAR, Senegal (June 12, 2025) — The", Some("2025-06-12")),
            ("LONDON, 3 March 2026 - Talks", Some("2026-03-03")),
            ("Posted 2024-09-18 by the desk", Some("2024-09-18")),
            ("Sept. 5, 2025: talks", Some("2025-09-05")),
            ("No date here, only 2025 and May.", None),
            ("Feb. 30, 2025 is checked loosely but 2025-13-01 is not", Some("2025-02-30")),
            ("2025-13-01", None),
            ("WASHINGTON, D.C., June 3, 2025 | Talks", Some("2025-06-03")),
            ("By Jane Doe, Reuters, June 3, 2025", Some("2025-06-03")),
        ];
        for (text, want) in cases {
            assert_eq!(from_text(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn r15_a_date_quoted_in_a_speech_is_not_its_date() {
        let speech = "Thank you. Thank you so much. It is an honour to stand here tonight.\n\n\
                      On 30 June 1945, fifty nations signed a charter in San Francisco, and the \
                      United States and its allies promised one another that the world would \
                      never again be left to the strongest.";
        assert_eq!(from_text(speech), None);
        assert_eq!(from_text("Remember 30 June 1945."), None, "a sentence, not a date line");
        assert_eq!(from_text("\"On 30 June 1945 we won\", she said"), None, "a quotation");
        assert_eq!(from_text("# 30 June 1945: the charter\nText."), None, "a headline");
        let dated = format!("CHICAGO, Aug. 20, 2024 — {speech}");
        assert_eq!(from_text(&dated).as_deref(), Some("2024-08-20"));
    }

    #[test]
    fn a_date_further_down_the_head_is_not_taken() {
        let lines = ["a", "b", "c", "d", "e", "f"].join("\n");
        assert_eq!(from_text(&format!("{lines}\nJune 3, 2025")), None, "past six lines");
        assert_eq!(
            from_text(&format!("{}\nJune 3, 2025", &lines[2..])).as_deref(),
            Some("2025-06-03")
        );
        let long = format!("{}June 3, 2025 — {}", "x".repeat(60), "y".repeat(40));
        assert_eq!(from_text(&long), None, "too far into a long line");
        let cut = format!("{}\nJune 3, 2025{}", "x ".repeat(290), " y".repeat(100));
        assert_eq!(from_text(&cut), None, "a line cut by the head is measured whole");
    }

    #[test]
    fn only_the_head_is_read() {
        let text = format!("{}March 1, 2025", "x ".repeat(400));
        assert_eq!(from_text(&text), None);
    }

    #[test]
    fn date_sources_parse_in_order() {
        let parsed: DateSources = "Dateline, field,dateline".parse().unwrap();
        assert_eq!(parsed.sources(), [DateSource::Dateline, DateSource::Field]);
        assert_eq!("none".parse::<DateSources>().unwrap(), DateSources::none());
        let err = "field,bogus".parse::<DateSources>().unwrap_err().to_string();
        assert!(err.starts_with("unknown date source \"bogus\""), "{err}");
        assert!("".parse::<DateSources>().is_err());
    }

    #[test]
    fn r15_a_null_date_field_is_never_overridden() {
        let text = "CAIRO, Jan. 20, 2025 — Talks.";
        let all = DateSources::default();
        assert_eq!(all.resolve(Some(None), text, Some("2024-01-01.md")), None);
        let field = Some(Some("2023".to_string()));
        assert_eq!(all.resolve(field, text, None), Some(("2023".into(), DateSource::Field)));
        let guessed = all.resolve(None, text, None);
        assert_eq!(guessed, Some(("2025-01-20".into(), DateSource::Dateline)), "no field");
        let by_name = all.resolve(None, "Talks.", Some("2024-01-01.md"));
        assert_eq!(by_name, Some(("2024-01-01".into(), DateSource::FileName)));
        assert_eq!(DateSources::none().resolve(None, text, Some("2024-01-01.md")), None);
    }

    #[test]
    fn file_names() {
        assert_eq!(
            from_name("data/articles/2025-03-14-aleppo-talks.md").as_deref(),
            Some("2025-03-14")
        );
        assert_eq!(from_name("data/articles/aleppo.md"), None);
    }
}
