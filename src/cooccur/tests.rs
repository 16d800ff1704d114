use super::*;
use crate::segment::Segmenter;
use crate::span::Span;

fn id(n: usize) -> EntityId {
    EntityId::new(n)
}

/// Builds mentions from (entity, start) pairs with one-byte spans.
fn mentions(items: &[(usize, usize)]) -> Vec<Mention> {
    items.iter().map(|&(e, s)| Mention::new(id(e), Span::new(s, s + 1), false)).collect()
}

fn count(window: Window, text: &str, items: &[(usize, usize)]) -> Cooccurrence {
    let mut counts = CooccurrenceBuilder::new().window(window).build();
    counts.add_document(&mentions(items), &Segmenter::new().segment(text));
    counts
}

// Sentences "Aa Bb Aa." and "Bb Cc." form the first paragraph, "Aa Cc." the second.
const TEXT: &str = "Aa Bb Aa. Bb Cc.\n\nAa Cc.";
const ITEMS: &[(usize, usize)] = &[(0, 0), (1, 3), (0, 6), (1, 10), (2, 13), (0, 18), (2, 21)];

#[test]
fn sentence_window_counts_each_pair_once_per_sentence() {
    let c = count(Window::Sentence, TEXT, ITEMS);
    assert_eq!(c.edge(id(0), id(1)).map(|e| e.weight), Some(1));
    assert_eq!(c.edge(id(1), id(2)).map(|e| e.weight), Some(1));
    assert_eq!(c.edge(id(2), id(0)).map(|e| e.weight), Some(1));
    assert_eq!(
        c.node(id(0)),
        Some(NodeCounts {
            mentions: 3,
            adjectival: 0,
            documents: 1,
            windows: 2,
            ..NodeCounts::default()
        })
    );
}

#[test]
fn paragraph_window() {
    let c = count(Window::Paragraph, TEXT, ITEMS);
    assert_eq!(c.edge(id(0), id(1)).map(|e| e.weight), Some(1));
    assert_eq!(c.edge(id(0), id(2)).map(|e| e.weight), Some(2));
}

#[test]
fn document_window() {
    let c = count(Window::Document, TEXT, ITEMS);
    for (a, b) in [(0, 1), (0, 2), (1, 2)] {
        assert_eq!(
            c.edge(id(a), id(b)),
            Some(EdgeCounts { weight: 1, documents: 1, ..EdgeCounts::default() })
        );
    }
}

#[test]
fn self_pairs_are_not_edges() {
    let c = count(Window::Sentence, "a a.", &[(0, 0), (0, 2)]);
    assert_eq!(c.to_graph().edge_count(), 0);
    assert_eq!(c.to_graph().node_count(), 1);
}

#[test]
fn documents_are_distinct() {
    let mut c = Cooccurrence::new();
    let segs = Segmenter::new().segment("Aa Bb. Aa Bb.");
    for _ in 0..3 {
        c.add_document(&mentions(&[(0, 0), (1, 3), (0, 7), (1, 10)]), &segs);
    }
    assert_eq!(
        c.edge(id(0), id(1)),
        Some(EdgeCounts { weight: 6, documents: 3, ..EdgeCounts::default() })
    );
    assert_eq!(c.node(id(1)).map(|n| (n.mentions, n.documents)), Some((6, 3)));
    assert_eq!(c.document_count(), 3);
}

#[test]
fn merge_equals_one_pass() {
    let segs = Segmenter::new().segment(TEXT);
    let mut whole = Cooccurrence::new();
    let (mut left, mut right) = (Cooccurrence::new(), Cooccurrence::new());
    for (i, doc) in [ITEMS, &ITEMS[..3], &ITEMS[2..]].iter().enumerate() {
        whole.add_document(&mentions(doc), &segs);
        if i == 0 { &mut left } else { &mut right }.add_document(&mentions(doc), &segs);
    }
    left.merge(&right);
    assert_eq!(left.nodes, whole.nodes);
    assert_eq!(left.edges, whole.edges);
    assert_eq!(left.documents, whole.documents);
    assert_eq!(left.windows, whole.windows);
}

#[test]
fn graph_is_ordered_and_symmetric() {
    let c = count(Window::Document, TEXT, ITEMS);
    let g = c.to_graph();
    let nodes: Vec<_> = g.nodes().map(|n| n.entity()).collect();
    assert_eq!(nodes, [id(0), id(1), id(2)]);
    let edges: Vec<_> = g.edges().map(|(a, b, _)| (a, b)).collect();
    assert_eq!(edges, [(id(0), id(1)), (id(0), id(2)), (id(1), id(2))]);
    assert_eq!(g.edge(id(2), id(0)), g.edge(id(0), id(2)));
}

#[test]
fn min_weight_filters_edges_but_not_counts() {
    let mut c = CooccurrenceBuilder::new().window(Window::Paragraph).min_weight(2).build();
    c.add_document(&mentions(ITEMS), &Segmenter::new().segment(TEXT));
    let g = c.to_graph();
    assert_eq!(g.edge_count(), 1);
    assert_eq!(g.edge(id(0), id(2)).map(|e| e.weight()), Some(2));
    assert_eq!(c.edge(id(0), id(1)).map(|e| e.weight), Some(1));
}

#[test]
fn windows_with_an_actor_are_counted_in_total_and_per_node() {
    // (window, total, windows of 0, 1 and 2)
    let rows = [
        (Window::Sentence, 3, [2, 2, 2]),
        (Window::Paragraph, 2, [2, 1, 2]),
        (Window::Document, 1, [1, 1, 1]),
    ];
    for (window, total, per_node) in rows {
        let c = count(window, TEXT, ITEMS);
        assert_eq!(c.window_count(), total, "{window:?}");
        for (n, want) in per_node.into_iter().enumerate() {
            assert_eq!(c.node(id(n)).map(|c| c.windows), Some(want), "{window:?} node {n}");
        }
    }
    // Sentences without an actor do not count.
    let c = count(Window::Sentence, "No one. Aa. Nothing.", &[(0, 8)]);
    assert_eq!(c.window_count(), 1);
}
