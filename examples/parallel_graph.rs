//! What `actorgraph graph data/articles --format gexf,csv --out OUT` does, as a library call:
//! the sample articles read on four threads (the files are the same at any number), the graph
//! written as GEXF and CSV into OUT, atomically.
//!
//! Run with `cargo run --example parallel_graph [OUT]` (default: out).

use actorgraph::{GraphFiles, GraphFormat, Pipeline};

fn main() -> Result<(), actorgraph::Error> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "out".to_string());
    let mut pipeline = Pipeline::builder().threads(4).build()?;
    let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    let graph = pipeline.to_graph(&counted.counts)?;
    let files = GraphFiles::new([GraphFormat::Gexf, GraphFormat::Csv]);
    files.write_dir(&graph, pipeline.gazetteer(), &out)
}
