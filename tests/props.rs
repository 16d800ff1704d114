//! Property tests: spans, mentions, sentences and the graph keep their invariants on any text.

use actorgraph::{
    Cooccurrence, EntityKind, Entry, EvidenceBuilder, Gazetteer, Matcher, Segmenter, Window,
};
use proptest::prelude::*;

/// Names with traps: shared prefixes, acronyms, apostrophes, non-ASCII letters.
const NAMES: &[(&str, &[&str])] = &[
    ("us", &["United States", "US", "U.S."]),
    ("ru", &["Russia", "Russian Federation"]),
    ("is", &["Islamic State", "IS", "Islamic State in Iraq and Syria"]),
    ("sy", &["Syria"]),
    ("iq", &["Iraq"]),
    ("tr", &["Türkiye", "Turkey"]),
    ("ci", &["Cote d'Ivoire"]),
    ("er", &["Erdoğan"]),
    ("ist", &["İstanbul"]),
];

/// Pieces that text is made of: the names, in several cases, and separators and neighbours.
const FILLERS: &[&str] = &[
    " ",
    "  ",
    "-",
    "'s ",
    "’s ",
    ". ",
    "! ",
    "\n",
    "\n\n",
    "x",
    "ğ",
    "İ",
    "ß",
    "’",
    "—",
    "*",
    "Mr. ",
    "U.S. ",
    "3.5 ",
    "us",
    "is",
    "turkey",
    "RUSSIA",
    "SYRIA",
    "Cyprus",
    "\u{301}",
    "é",
    "\u{a0}",
    "\u{2003}",
    "\u{3000}",
    ".\u{a0}",
    "Mr.\u{a0}",
    "“",
    "”",
    "(",
    "\"",
    "\r\n",
    "\t",
];

fn gazetteer() -> Gazetteer {
    let mut builder = Gazetteer::builder();
    for (id, names) in NAMES {
        let mut entry = Entry::new(*id, EntityKind::State, names[0]);
        for name in &names[1..] {
            entry = entry.alias(name);
        }
        builder.add(entry);
    }
    builder.build().unwrap()
}

fn piece() -> impl Strategy<Value = String> {
    let names: Vec<&str> = NAMES.iter().flat_map(|(_, n)| n.iter().copied()).collect();
    prop_oneof![
        prop::sample::select(names).prop_map(String::from),
        prop::sample::select(FILLERS).prop_map(String::from),
        "[a-zA-Z ]{0,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat())
}

/// Folds a name for "equal up to case": lower case, one apostrophe.
fn fold(s: &str) -> String {
    s.replace('’', "'").to_lowercase()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mentions_are_aliases_on_char_boundaries_without_overlap(text in text()) {
        let gaz = gazetteer();
        let matcher = Matcher::new(&gaz).unwrap();
        let mut last_end = 0;
        for m in matcher.find_iter(&text) {
            let span = m.span();
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(span.start >= last_end, "overlap at {:?}", span);
            last_end = span.end;
            let entry = gaz.get(m.entity()).unwrap();
            let surface = fold(&text[span]);
            let ok = entry.aliases().iter().any(|a| {
                fold(a.text()) == surface || fold(&a.text().to_uppercase()) == surface
            });
            prop_assert!(ok, "{:?} is no alias of {}", &text[span], entry.id());
        }
    }

    #[test]
    fn sentences_cover_the_text_in_order(text in text()) {
        let seg = Segmenter::new();
        let mut pos = 0;
        for span in seg.sentences(&text) {
            prop_assert!(span.start >= pos && span.start < span.end);
            prop_assert!(text[pos..span.start].trim().is_empty(), "lost text {:?}", &text[pos..span.start]);
            prop_assert_eq!(text[span].trim(), &text[span]);
            pos = span.end;
        }
        prop_assert!(text[pos..].trim().is_empty());
    }

    #[test]
    fn sentences_stay_inside_paragraphs(text in text()) {
        let seg = Segmenter::new();
        let paras: Vec<_> = seg.paragraphs(&text).collect();
        for span in seg.sentences(&text) {
            prop_assert!(paras.iter().any(|p| p.contains(span)), "{:?}", span);
        }
    }

    #[test]
    fn graph_is_symmetric_and_consistent(texts in prop::collection::vec(text(), 1..5)) {
        let gaz = gazetteer();
        let matcher = Matcher::new(&gaz).unwrap();
        let mut counts = Cooccurrence::new();
        for text in &texts {
            counts.add_document(&matcher.find_all(text), &Segmenter::new().segment(text));
        }
        let graph = counts.to_graph();
        for (a, b, edge) in graph.edges() {
            prop_assert!(a < b);
            prop_assert_eq!(graph.edge(b, a), Some(edge));
            let (na, nb) = (graph.node(a).unwrap(), graph.node(b).unwrap());
            prop_assert!(edge.documents() <= na.documents().min(nb.documents()));
            prop_assert!(edge.weight() <= na.mentions().min(nb.mentions()));
            prop_assert!(edge.documents() <= edge.weight());
        }
    }

    #[test]
    fn evidence_spans_hold_their_mentions_and_snippets_are_bounded_lines(
        texts in prop::collection::vec(text(), 1..4),
        window in prop::sample::select(vec![Window::Sentence, Window::Paragraph, Window::Document]),
        max in 16usize..80,
    ) {
        let gaz = gazetteer();
        let matcher = Matcher::new(&gaz).unwrap();
        let mut counts = actorgraph::CooccurrenceBuilder::new().window(window).build();
        let mut evidence = EvidenceBuilder::new().window(window).per_edge(2).snippet_chars(max).build();
        for (i, text) in texts.iter().enumerate() {
            let (mentions, segments) = (matcher.find_all(text), Segmenter::new().segment(text));
            counts.add_document(&mentions, &segments);
            evidence.add_document(&i.to_string(), text, None, &mentions, &segments);
        }
        let graph = counts.to_graph();
        for (a, b, edge) in graph.edges() {
            let cited = evidence.edge(a, b).unwrap();
            prop_assert_eq!(cited.total(), edge.weight());
            prop_assert_eq!(cited.citations().len() as u64, edge.weight().min(2));
            for c in cited.citations() {
                let text = &texts[c.document().parse::<usize>().unwrap()];
                let other = c.other().unwrap();
                prop_assert!(c.span().contains(c.mention()) && c.span().contains(other), "{:?}", c);
                prop_assert!(c.span().end <= text.len());
                let ids = [matcher.find_all(text).iter().find(|m| m.span() == c.mention()).map(|m| m.entity()),
                    matcher.find_all(text).iter().find(|m| m.span() == other).map(|m| m.entity())];
                prop_assert_eq!(ids, [Some(a), Some(b)]);
                let snippet = c.snippet();
                prop_assert!(snippet.chars().count() <= max, "{:?}", snippet);
                prop_assert!(!snippet.contains(|ch: char| ch.is_control()) && !snippet.contains("  "), "{:?}", snippet);
            }
        }
        for node in graph.nodes() {
            let cited = evidence.node(node.entity()).unwrap();
            prop_assert_eq!(cited.total(), node.mentions());
            for c in cited.citations() {
                prop_assert!(c.span().contains(c.mention()) && c.other().is_none());
                prop_assert!(c.snippet().chars().count() <= max);
            }
        }
    }
}
