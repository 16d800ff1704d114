//! Dates: any text parses to a date or gives an error, never a panic. A date is valid (month
//! 1 to 12, a day its month has), its ISO text parses back to the same date, and its first
//! and last days bound it.

#![no_main]

use actorgraph::{Date, Document};
use actorgraph_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let parsed = text.parse::<Date>();
    let from_doc = Document::new("d", "").with_date(text.as_ref()).parse_date();
    assert_eq!(from_doc, Some(parsed.clone()), "a document's date parses as Date does");
    let Ok(date) = parsed else { return };
    let (first, last) = (date.first_day(), date.last_day());
    assert!(first <= date && date <= last, "{date}: {first} .. {last} does not bound it");
    assert!(first <= last);
    match (date.month(), date.day()) {
        (Some(month), Some(day)) => {
            assert_eq!(Date::from_ymd(date.year(), month, day), Some(date), "{date} is invalid");
        }
        (Some(month), None) => assert_eq!(Date::from_ym(date.year(), month), Some(date)),
        (None, None) => assert_eq!(Date::from_y(date.year()), Some(date)),
        (None, Some(_)) => panic!("{date:?} has a day but no month"),
    }
    let iso = date.to_string();
    assert_eq!(
        iso.parse::<Date>().ok(),
        Some(date),
        "{date:?} written as {iso:?} reads back differently"
    );
});
