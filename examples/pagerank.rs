//! Runs petgraph algorithms on the co-occurrence graph of the sample articles: the connected
//! components, and the ten actors of highest PageRank.
//!
//! Run with `cargo run --example pagerank`.

use actorgraph::Pipeline;
use actorgraph::petgraph::algo::{connected_components, page_rank};

fn main() -> Result<(), actorgraph::Error> {
    let mut pipeline = Pipeline::new()?;
    let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    let graph = pipeline.to_graph(&counted.counts)?;
    let pg = graph.as_petgraph();
    println!("{} actors, {} components", pg.node_count(), connected_components(pg));

    let ranks = page_rank(pg, 0.85_f64, 50);
    let mut ranked: Vec<(f64, &str)> = pg
        .node_indices()
        .map(|i| {
            let label = pipeline.gazetteer().get(pg[i].entity()).expect("a graph node").label();
            (ranks[i.index()], label)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    for (rank, label) in ranked.iter().take(10) {
        println!("{rank:.4}\t{label}");
    }
    Ok(())
}
