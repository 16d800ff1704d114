//! Partial results: two inputs (separated by the first NUL byte; without one, the input twice)
//! are read as partials. A partial writes and reads back equal; merging never panics, and a
//! failed merge leaves the partial unchanged; a partial, merged or not, turns into counts and a
//! graph or gives an error.

#![no_main]

use actorgraph::Partial;
use libfuzzer_sys::fuzz_target;

fn read(bytes: &[u8], origin: &str) -> Option<Partial> {
    let partial = Partial::read(bytes, origin).ok()?;
    let mut written = Vec::new();
    partial.write(&mut written).expect("writes to memory");
    let again = Partial::read(&written[..], origin)
        .unwrap_or_else(|err| panic!("a written partial does not read back: {err}"));
    assert_eq!(partial, again, "written and read back, the partial differs");
    Some(partial)
}

fn graph(partial: Partial) {
    let _ = (partial.document_count(), partial.undated_count(), partial.dates());
    if let Ok((_gaz, counts)) = partial.into_counts(1) {
        let _ = counts.to_graph();
    }
}

fn merged(mut a: Partial, b: Partial) -> Option<Partial> {
    let before = a.clone();
    match a.merge(b) {
        Ok(()) => Some(a),
        Err(_) => {
            assert_eq!(a, before, "a failed merge changed the partial");
            None
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (first, second) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    let Some(a) = read(first, "a.json") else { return };
    graph(a.clone());
    let Some(b) = read(second, "b.json") else { return };
    if let Some(ab) = merged(a.clone(), b.clone()) {
        graph(ab);
    }
    if let Some(ba) = merged(b, a.clone()) {
        graph(ba);
    }
    if let Some(aa) = merged(a.clone(), a) {
        graph(aa);
    }
});
