//! Writes every mention in the sample articles as CSV on standard output while the corpus is
//! read: each document's mentions as soon as it is matched, in input order, the same bytes as
//! `actorgraph extract data/articles`. Warnings go to standard error.
//!
//! Run with `cargo run --example stream_mentions [PATH...]` (default: data/articles).

use actorgraph::{Event, MentionFormat, MentionWriter, Pipeline};

fn main() -> Result<(), actorgraph::Error> {
    let mut inputs: Vec<String> = std::env::args().skip(1).collect();
    if inputs.is_empty() {
        inputs.push("data/articles".to_string());
    }
    let mut wtr = MentionWriter::new(MentionFormat::Csv, std::io::stdout().lock());
    Pipeline::new()?.run(&inputs, |event| {
        match event {
            Event::Document { doc, gaz } => {
                for record in doc.records(gaz) {
                    wtr.write(&record)?;
                }
            }
            Event::Notice(notice) => eprintln!("warning: {notice}"),
            _ => {}
        }
        Ok(())
    })?;
    wtr.finish()
}
