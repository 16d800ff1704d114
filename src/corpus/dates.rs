//! Dates of articles: from a date line near the top ("CAIRO, Jan. 20, 2025 —",
//! "Tuesday, May 27, 2025") or from a file name ("2025-03-14-aleppo-talks.md").

use std::sync::LazyLock;

use regex::Regex;

/// How far into a text the date line is looked for: headline, byline and dateline.
const HEAD_BYTES: usize = 600;

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

/// Finds a date near the top of an article and returns it as `YYYY-MM-DD`.
pub(crate) fn from_text(text: &str) -> Option<String> {
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let candidates = [month_first(head), day_first(head), iso(head)];
    candidates.into_iter().flatten().min_by_key(|(at, _)| *at).map(|(_, date)| date)
}

/// Finds a `YYYY-MM-DD` date in a file name.
pub(crate) fn from_name(name: &str) -> Option<String> {
    iso(name).map(|(_, date)| date)
}

fn month_first(head: &str) -> Option<(usize, String)> {
    let caps = MONTH_FIRST.captures(head)?;
    let month = month_number(&caps[1])?;
    Some((caps.get(0)?.start(), format_date(&caps[3], month, &caps[2])?))
}

fn day_first(head: &str) -> Option<(usize, String)> {
    let caps = DAY_FIRST.captures(head)?;
    let month = month_number(&caps[2])?;
    Some((caps.get(0)?.start(), format_date(&caps[3], month, &caps[1])?))
}

fn iso(head: &str) -> Option<(usize, String)> {
    let caps = ISO.captures(head)?;
    let month: u32 = caps[2].parse().ok()?;
    Some((caps.get(1)?.start(), format_date(&caps[1], month, &caps[3])?))
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
        ];
        for (text, want) in cases {
            assert_eq!(from_text(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn only_the_head_is_read() {
        let text = format!("{}March 1, 2025", "x ".repeat(400));
        assert_eq!(from_text(&text), None);
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
