//! Linear time on hostile input: each adversarial text is processed at two sizes, ten times
//! apart, by every pass a document goes through (matching with surnames and name parts,
//! discovery, giving discovered actors ids, segmentation), and the ratio of the two times is
//! printed. A linear pass gives about 10; a quadratic one about 100.
//!
//! ```text
//! cargo run --release --example linear            # print the table
//! cargo run --release --example linear -- --check # exit 1 if a ratio is above 25
//! ```
//!
//! The times are the best of three runs, measured in the same process one after the other, so
//! a shared, noisy machine still gives a ratio and not an absolute figure.

use std::time::{Duration, Instant};

use actorgraph::{Discoverer, Gazetteer, Matcher, Segmenter};

/// The largest ratio that still counts as linear for a tenfold input.
const LIMIT: f64 = 25.0;

/// Makes a case's text for a number of repetitions.
type Text = fn(usize) -> String;

/// Each case: a name, and the text for a number of repetitions.
const CASES: &[(&str, Text)] = &[
    ("surname after a full name", |n| format!("Antony Blinken said. {}", "Blinken ".repeat(n))),
    ("known name repeated", |n| "Russia ".repeat(n)),
    ("distinct discovered people", |n| {
        (0..n).map(|i| format!("Gen. {} Haddad said. ", name(i))).collect()
    }),
    ("distinct acronyms", |n| {
        (0..n).map(|i| format!("the {} Front ({}) and ", name(i), acronym(i))).collect()
    }),
    ("one line of titled names", |n| "Deputy Minister Omar Haddad met ".repeat(n)),
    ("particles without end", |n| format!("Council {}", "of ".repeat(n))),
    ("open parentheses", |n| "National Salvation Front (".repeat(n)),
    ("sentences without spaces", |n| "Mr.Putin.".repeat(n)),
    ("one line of name parts", |n| "Lima Smith said. ".repeat(n)),
    ("bodies named by their head", |n| {
        format!("Australia, Australia. {}", "the Senate and Parliament ".repeat(n))
    }),
    ("a list of unknown places", |n| {
        let list: Vec<String> = (0..n).map(name).collect();
        format!("fires near Sydney, {} and Perth.", list.join(", "))
    }),
];

fn name(i: usize) -> String {
    let letters = b"bcdfgklmnprstvz";
    let mut out = String::from("Ab");
    let mut i = i + 1;
    while i > 0 {
        out.push(letters[i % letters.len()] as char);
        out.push('a');
        i /= letters.len();
    }
    out
}

fn acronym(i: usize) -> String {
    format!("A{}", name(i).to_uppercase().chars().skip(2).take(6).collect::<String>())
}

fn run(gaz: &Gazetteer, matcher: &Matcher, text: &str) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let mut gaz = gaz.clone();
        let start = Instant::now();
        let mut mentions = matcher.find_all(text);
        let candidates = Discoverer::new().find(text, &mentions);
        gaz.merge_discovered(&mut mentions, candidates);
        let segments = Segmenter::new().segment(text);
        std::hint::black_box((mentions.len(), segments));
        best = best.min(start.elapsed());
    }
    best
}

fn main() -> actorgraph::Result<()> {
    let check = std::env::args().any(|a| a == "--check");
    let small: usize =
        std::env::var("LINEAR_SMALL").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz)?;
    let mut worst: f64 = 0.0;
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>10} {:>6}",
        "case", "bytes", "secs", "bytes", "secs", "ratio"
    );
    for (label, make) in CASES {
        let (a, b) = (make(small), make(small * 10));
        let (ta, tb) = (run(&gaz, &matcher, &a), run(&gaz, &matcher, &b));
        let ratio = tb.as_secs_f64() / ta.as_secs_f64().max(1e-6);
        worst = worst.max(ratio);
        println!(
            "{label:<28} {:>10} {:>10.4} {:>10} {:>10.4} {ratio:>6.1}",
            a.len(),
            ta.as_secs_f64(),
            b.len(),
            tb.as_secs_f64()
        );
    }
    println!("worst ratio {worst:.1} (limit {LIMIT})");
    if check && worst > LIMIT {
        std::process::exit(1);
    }
    Ok(())
}
