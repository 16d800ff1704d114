//! A document's date as a value: year, month and day, any of the last two possibly unknown.
//!
//! Dates arrive as text in many shapes (a JSONL field with a time stamp, a date line, a file
//! name). Counting first-seen and last-seen dates and cutting a corpus into months needs them
//! as values that compare and format the same way whatever the source, so they are parsed
//! once, by one rule, into a [`Date`].

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::dates;

/// A calendar date, possibly partial: a day (`2012-09-04`), a month (`2012-09`) or a year
/// (`2012`).
///
/// A partial date stands for the whole month or year: it starts on its first day
/// ([`Date::first_day`]) and ends on its last ([`Date::last_day`]). Dates are ordered by
/// their first day, then by their last, so `2012-01-01` < `2012-01` < `2012` < `2012-01-02`
/// and the order is total.
///
/// ```
/// use actorgraph::Date;
///
/// let date: Date = "2012-09-04T18:30:00Z".parse().unwrap();
/// assert_eq!(date.to_string(), "2012-09-04");
/// let month: Date = "2012-09".parse().unwrap();
/// assert_eq!((month.first_day().to_string(), month.last_day().to_string()),
///            ("2012-09-01".to_string(), "2012-09-30".to_string()));
/// assert!("2012-02-30".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: u16,
    /// 1 to 12, or 0 when unknown.
    month: u8,
    /// 1 to the month's length, or 0 when unknown (always 0 when the month is unknown).
    day: u8,
}

/// Why a text is not a [`Date`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    text: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read the date \"{}\" (expected YYYY-MM-DD, YYYY-MM or YYYY, optionally \
             followed by a time, or a date written out such as \"Sept. 4, 2012\")",
            self.text
        )
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// Creates a full date, or returns `None` if there is no such day (years 1 to 9999).
    ///
    /// ```
    /// use actorgraph::Date;
    ///
    /// assert_eq!(Date::from_ymd(2024, 2, 29).unwrap().to_string(), "2024-02-29");
    /// assert_eq!(Date::from_ymd(2025, 2, 29), None);
    /// ```
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        ok.then_some(Date { year, month, day })
    }

    /// Creates a month-precision date, or `None` if the month is not 1 to 12.
    pub fn from_ym(year: u16, month: u8) -> Option<Date> {
        let ok = (1..=9999).contains(&year) && (1..=12).contains(&month);
        ok.then_some(Date { year, month, day: 0 })
    }

    /// Creates a year-precision date, or `None` if the year is not 1 to 9999.
    pub fn from_y(year: u16) -> Option<Date> {
        (1..=9999).contains(&year).then_some(Date { year, month: 0, day: 0 })
    }

    /// Returns the year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// Returns the month (1 to 12), or `None` for a year-precision date.
    pub fn month(&self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    /// Returns the day of the month, or `None` for a month- or year-precision date.
    pub fn day(&self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    /// Returns the first day this date stands for: itself for a full date.
    pub fn first_day(&self) -> Date {
        Date { year: self.year, month: self.month.max(1), day: self.day.max(1) }
    }

    /// Returns the last day this date stands for: itself for a full date.
    pub fn last_day(&self) -> Date {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 { days_in_month(self.year, month) } else { self.day };
        Date { year: self.year, month, day }
    }

    /// The key dates are ordered by: first day, then last day.
    fn key(&self) -> ((u16, u8, u8), (u16, u8, u8)) {
        let (a, b) = (self.first_day(), self.last_day());
        ((a.year, a.month, a.day), (b.year, b.month, b.day))
    }

    /// Returns the earlier of two optional dates (`None` only if both are).
    pub(crate) fn earliest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Returns the date that ends last of two optional dates (`None` only if both are). Ties
    /// on the last day go to the more precise date.
    pub(crate) fn latest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
        match (a, b) {
            (Some(a), Some(b)) => {
                let key = |d: &Date| (d.last_day().key().0, d.day != 0, d.month != 0);
                Some(if key(&a) >= key(&b) { a } else { b })
            }
            (a, b) => a.or(b),
        }
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Date) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Date) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    /// Writes the date in ISO 8601: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day != 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses a date by these rules, in order:
    ///
    /// 1. `YYYY-MM-DD`, optionally followed by `T` or a space and anything (a time, a zone):
    ///    the calendar date as written. The time is ignored and never converted to another
    ///    zone, so the date is the one the source gives.
    /// 2. `YYYY-MM` is a month, `YYYY` a year: partial dates, kept partial.
    /// 3. Otherwise, the first date in the text, found as in an article's date line: written
    ///    out ("Sept. 4, 2012", "Tuesday, 4 September 2012, 10:00") or `YYYY-MM-DD` among other
    ///    words ("posted 2012-09-04 by").
    ///
    /// A day that does not exist (`2025-02-30`) or a month outside 1 to 12 is an error, as is
    /// any other text.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let s = text.trim();
        parse_iso(s)
            .or_else(|| dates::from_text(s).as_deref().and_then(parse_iso))
            .ok_or_else(|| DateError { text: text.to_string() })
    }
}

impl Serialize for Date {
    /// Serializes the date as its ISO 8601 text.
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Deserializes a date from text, by the rules of [`Date::from_str`].
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Date, D::Error> {
        let text = String::deserialize(de)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Parses `YYYY-MM-DD[Tt ]...`, `YYYY-MM` and `YYYY`.
fn parse_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u16> {
        let part = s.get(range)?;
        if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
    };
    let year = digits(0..4)?;
    match b.len() {
        4 => Date::from_y(year),
        7 if b[4] == b'-' => Date::from_ym(year, u8::try_from(digits(5..7)?).ok()?),
        n if n >= 10 && b[4] == b'-' && b[7] == b'-' => {
            if n > 10 && !matches!(b[10], b'T' | b't' | b' ') {
                return None;
            }
            let (month, day) = (digits(5..7)?, digits(8..10)?);
            Date::from_ymd(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
        }
        _ => None,
    }
}

/// The number of days in a month of the proleptic Gregorian calendar.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<String> {
        s.parse::<Date>().ok().map(|d| d.to_string())
    }

    #[test]
    fn parsing() {
        let cases = [
            ("2012-09-04", Some("2012-09-04")),
            ("  2012-09-04\n", Some("2012-09-04")),
            ("2012-09-04T23:30:00-05:00", Some("2012-09-04")),
            ("2012-09-04t23:30", Some("2012-09-04")),
            ("2012-09-04 23:30:00", Some("2012-09-04")),
            ("2012-09", Some("2012-09")),
            ("2012", Some("2012")),
            ("2024-02-29", Some("2024-02-29")),
            ("2000-02-29", Some("2000-02-29")),
            ("1900-02-29", None),
            ("2025-02-30", None),
            ("2025-13-01", None),
            ("2025-00", None),
            ("0000", None),
            ("2012-09-04X", Some("2012-09-04")),
            ("posted 2012-09-04 by", Some("2012-09-04")),
            ("2012-09-041", None),
            ("2012-9-4", None),
            ("20120904", None),
            ("1346760000", None),
            ("", None),
            ("yesterday", None),
            ("Sept. 4, 2012", Some("2012-09-04")),
            ("4 September 2012", Some("2012-09-04")),
            ("Tue, 4 Sep 2012 10:00:00 +0000", None),
            ("２０１２-09-04", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn the_error_quotes_the_text() {
        let err = "soon".parse::<Date>().unwrap_err().to_string();
        assert!(err.starts_with("cannot read the date \"soon\" (expected YYYY-MM-DD"), "{err}");
    }

    #[test]
    fn partial_dates_span_their_period() {
        let cases = [
            ("2012", "2012-01-01", "2012-12-31"),
            ("2012-02", "2012-02-01", "2012-02-29"),
            ("2013-02", "2013-02-01", "2013-02-28"),
            ("2012-11", "2012-11-01", "2012-11-30"),
            ("2012-11-05", "2012-11-05", "2012-11-05"),
        ];
        for (text, first, last) in cases {
            let date: Date = text.parse().unwrap();
            assert_eq!(date.first_day().to_string(), first, "{text}");
            assert_eq!(date.last_day().to_string(), last, "{text}");
        }
    }

    #[test]
    fn order_is_by_first_then_last_day() {
        let mut dates: Vec<Date> = ["2012-01-02", "2012-01-01", "2011-12-31", "2012-01", "2012"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        dates.sort();
        let got: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(got, ["2011-12-31", "2012-01-01", "2012-01", "2012", "2012-01-02"]);
    }

    #[test]
    fn earliest_and_latest() {
        let d = |s: &str| Some(s.parse::<Date>().unwrap());
        let cases = [
            (d("2012-09-04"), d("2012-09"), "2012-09", "2012-09"),
            (d("2012-09-30"), d("2012-09"), "2012-09", "2012-09-30"),
            (d("2012-09-15"), d("2012-09"), "2012-09", "2012-09"),
            (d("2012-12-31"), d("2012"), "2012", "2012-12-31"),
            (d("2011-05-01"), None, "2011-05-01", "2011-05-01"),
        ];
        for (a, b, first, last) in cases {
            for (x, y) in [(a, b), (b, a)] {
                assert_eq!(Date::earliest(x, y).unwrap().to_string(), first, "{x:?} {y:?}");
                assert_eq!(Date::latest(x, y).unwrap().to_string(), last, "{x:?} {y:?}");
            }
        }
        assert_eq!(Date::earliest(None, None), None);
        assert_eq!(Date::latest(None, None), None);
    }
}
