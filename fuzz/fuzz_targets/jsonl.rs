//! The JSONL reader: any bytes give documents and errors, never a panic, and the reader ends
//! after at most one item per line (so a broken or over-long line cannot make it loop). Each
//! document's date parses or is an error.
//!
//! The first byte picks the field names and the line limit; the rest is the file.

#![no_main]

use actorgraph::JsonlOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&select, file)) = data.split_first() else { return };
    let mut opts = JsonlOptions::new();
    if select & 1 == 1 {
        opts.id_field("url").text_field("body").date_field("published");
    }
    if select & 2 == 2 {
        opts.max_record_bytes(usize::from(select >> 2));
    }
    let lines = file.split(|&b| b == b'\n').count();
    let mut items = 0;
    for doc in opts.read(file, "fuzz.jsonl") {
        items += 1;
        assert!(items <= lines, "{items} items from {lines} lines");
        match doc {
            Ok(doc) => {
                let _ = doc.parse_date();
                let _ = (doc.id(), doc.text(), doc.fields(), doc.location(), doc.source_bytes());
            }
            Err(err) => {
                let _ = err.to_string();
            }
        }
    }
});
