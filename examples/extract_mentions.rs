//! Prints every actor mention in the sample articles, one per line:
//! document, byte span, entity id, kind and the text as written.
//!
//! Run with `cargo run --example extract_mentions [PATH...]` (default: data/articles).

use actorgraph::{Corpus, Gazetteer, Matcher};

fn main() -> Result<(), actorgraph::Error> {
    let mut inputs: Vec<String> = std::env::args().skip(1).collect();
    if inputs.is_empty() {
        inputs.push("data/articles".to_string());
    }
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz)?;
    for doc in Corpus::new().documents(&inputs) {
        let doc = doc?;
        for mention in matcher.find_iter(doc.text()) {
            let entry = gaz.get(mention.entity()).expect("mentions come from this gazetteer");
            let span = mention.span();
            println!(
                "{}\t{}..{}\t{}\t{}\t{}",
                doc.id(),
                span.start,
                span.end,
                entry.id(),
                entry.kind(),
                &doc.text()[span]
            );
        }
    }
    Ok(())
}
