//! Builds the paragraph co-occurrence graph of the sample articles, prints its most connected
//! actors to stderr (using petgraph directly), and writes it as Graphviz DOT to stdout.
//!
//! Run with `cargo run --example graph_dot > graph.dot && dot -Tsvg graph.dot > graph.svg`.

use actorgraph::{CooccurrenceBuilder, Corpus, Gazetteer, Matcher, Segmenter, Window, write_dot};

fn main() -> Result<(), actorgraph::Error> {
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz)?;
    let segmenter = Segmenter::new();
    let mut counts = CooccurrenceBuilder::new().window(Window::Paragraph).build();
    for doc in Corpus::new().documents(["data/articles"]) {
        let doc = doc?;
        counts.add_document(&matcher.find_all(doc.text()), &segmenter.segment(doc.text()));
    }
    let graph = counts.to_graph();

    let pg = graph.as_petgraph();
    let mut degrees: Vec<(usize, &str)> = pg
        .node_indices()
        .map(|i| (pg.neighbors(i).count(), gaz.get(pg[i].entity()).expect("known").label()))
        .collect();
    degrees.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    for (degree, label) in degrees.iter().take(5) {
        eprintln!("{label}: {degree} neighbours");
    }

    write_dot(&graph, &gaz, std::io::stdout().lock())
}
