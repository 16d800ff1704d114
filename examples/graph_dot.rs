//! Builds the paragraph co-occurrence graph of the sample articles (each document counted with
//! its date, so nodes and edges carry when they were first and last seen), prints its most
//! connected actors to stderr (using petgraph directly), and writes it as Graphviz DOT to
//! stdout.
//!
//! Run with `cargo run --example graph_dot > graph.dot && dot -Tsvg graph.dot > graph.svg`.

use actorgraph::{Pipeline, Window, write_dot};

fn main() -> Result<(), actorgraph::Error> {
    let mut pipeline = Pipeline::builder().window(Window::Paragraph).measures(false).build()?;
    let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    let graph = pipeline.to_graph(&counted.counts)?;
    let gaz = pipeline.gazetteer();

    let pg = graph.as_petgraph();
    let mut degrees: Vec<(usize, &str)> = pg
        .node_indices()
        .map(|i| (pg.neighbors(i).count(), gaz.get(pg[i].entity()).expect("known").label()))
        .collect();
    degrees.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    for (degree, label) in degrees.iter().take(5) {
        eprintln!("{label}: {degree} neighbours");
    }

    write_dot(&graph, gaz, std::io::stdout().lock())
}
