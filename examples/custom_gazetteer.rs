//! Reads a gazetteer file of one's own (examples/gazetteer.tsv) on top of the built-in one,
//! and prints how often each of its actors is mentioned in the sample articles, and with whom.
//!
//! Run with `cargo run --example custom_gazetteer [GAZETTEER]`.

use std::collections::BTreeMap;

use actorgraph::{Gazetteer, Pipeline};

fn main() -> Result<(), actorgraph::Error> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "examples/gazetteer.tsv".to_string());
    let ours = Gazetteer::builder().add_path(&path)?.build()?;
    let mut pipeline = Pipeline::builder().gazetteer(&path).build()?;
    let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    let graph = pipeline.to_graph(&counted.counts)?;
    let gaz = pipeline.gazetteer();
    for entry in ours.entries() {
        let id = gaz.lookup(entry.id()).expect("a layer of the pipeline's gazetteer");
        let mentions = graph.node(id).map_or(0, |n| n.mentions());
        let mut with: BTreeMap<&str, u64> = BTreeMap::new();
        for (a, b, edge) in graph.edges().filter(|(a, b, _)| *a == id || *b == id) {
            let other = if a == id { b } else { a };
            *with.entry(gaz.get(other).expect("a graph node").label()).or_default() +=
                edge.weight();
        }
        let with: Vec<String> = with.iter().map(|(label, n)| format!("{label} ({n})")).collect();
        println!("{}\t{mentions} mentions\twith {}", entry.id(), with.join(", "));
    }
    Ok(())
}
