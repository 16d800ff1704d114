//! The public library API, on the built-in gazetteer and the sample data.

use actorgraph::{
    Cooccurrence, CooccurrenceBuilder, Corpus, EntityKind, Gazetteer, Matcher, Segmenter, Window,
};

fn ids(gaz: &Gazetteer, matcher: &Matcher, text: &str) -> Vec<String> {
    matcher.find_iter(text).map(|m| gaz.get(m.entity()).unwrap().id().to_string()).collect()
}

#[test]
fn builtin_gazetteer_loads_without_notices() {
    let gaz = Gazetteer::builtin();
    assert!(gaz.notices().is_empty(), "{:#?}", gaz.notices());
    for kind in EntityKind::ALL {
        assert!(gaz.entries().any(|e| e.kind() == kind), "no {kind} in the built-in gazetteer");
    }
}

#[test]
fn builtin_gazetteer_has_every_un_member_state() {
    let gaz = Gazetteer::builtin();
    let states = gaz.entries().filter(|e| e.kind() == EntityKind::State).count();
    assert!(states >= 195, "{states} states");
    for e in gaz.entries().filter(|e| e.kind() == EntityKind::State && e.id().len() == 3) {
        // A state that no longer exists (historical-states.tsv) keeps its old alpha-3 id
        // but has no current ISO 3166 code.
        if let (_, Some(to)) = e.years() {
            assert!(e.iso_code().is_none(), "{} ended in {to} but has an ISO code", e.id());
            continue;
        }
        let iso = e.iso_code().unwrap_or_else(|| panic!("{} has no ISO code", e.id()));
        assert_eq!(iso.len(), 2, "{}", e.id());
    }
}

#[test]
fn builtin_gazetteer_resolves_common_aliases() {
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let cases = [
        ("U.S.", "USA"),
        ("UK", "GBR"),
        ("UAE", "ARE"),
        ("DPRK", "PRK"),
        ("Türkiye", "TUR"),
        ("Russian", "RUS"),
        ("Kremlin", "kremlin"),
        ("Putin", "vladimir_putin"),
        ("Zelensky", "volodymyr_zelenskyy"),
        ("ISIS", "islamic_state"),
        ("Daesh", "islamic_state"),
        ("Aleppo", "aleppo"),
        ("NATO", "nato"),
    ];
    for (text, want) in cases {
        assert_eq!(ids(&gaz, &matcher, text), [want], "{text}");
    }
}

#[test]
fn builtin_gazetteer_avoids_common_words() {
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let text = "let us roast a turkey, chad and jordan in china; it is a nice mobile reading of the un report";
    assert_eq!(ids(&gaz, &matcher, text), Vec::<String>::new());
}

#[test]
fn longest_entity_wins_with_the_builtin_gazetteer() {
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    assert_eq!(ids(&gaz, &matcher, "Islamic State in Iraq and Syria"), ["islamic_state"]);
}

#[test]
fn corpus_to_graph_through_the_library() {
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let segmenter = Segmenter::new();
    let mut counts = CooccurrenceBuilder::new().window(Window::Sentence).build();
    let root = crate::util::root();
    for doc in Corpus::new().documents([root.join("data/articles")]) {
        let doc = doc.unwrap();
        counts.add_document(&matcher.find_all(doc.text()), &segmenter.segment(doc.text()));
    }
    assert_eq!(counts.document_count(), 8);
    let graph = counts.to_graph();
    assert!(
        graph.node_count() > 50 && graph.edge_count() > 100,
        "{} {}",
        graph.node_count(),
        graph.edge_count()
    );
    let pg = graph.as_petgraph();
    assert_eq!(pg.node_count(), graph.node_count());
    assert!(petgraph::algo::connected_components(pg) >= 1);
}

#[test]
fn document_window_edges_dominate_sentence_window_edges() {
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let segmenter = Segmenter::new();
    let mut by_sentence = Cooccurrence::new();
    let mut by_document = CooccurrenceBuilder::new().window(Window::Document).build();
    for doc in Corpus::new().documents([crate::util::root().join("data/articles")]) {
        let doc = doc.unwrap();
        let (mentions, segments) = (matcher.find_all(doc.text()), segmenter.segment(doc.text()));
        by_sentence.add_document(&mentions, &segments);
        by_document.add_document(&mentions, &segments);
    }
    let (s, d) = (by_sentence.to_graph(), by_document.to_graph());
    assert!(d.edge_count() >= s.edge_count());
    for (a, b, edge) in s.edges() {
        assert!(d.edge(a, b).unwrap().documents() >= edge.documents());
    }
}

#[test]
fn auto_traits() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Matcher>();
    send_sync::<Gazetteer>();
    send_sync::<Cooccurrence>();
    send_sync::<actorgraph::CooccurrenceGraph>();
    send_sync::<actorgraph::Error>();
    send_sync::<actorgraph::Pipeline>();
    send_sync::<actorgraph::Annotated>();
    send_sync::<actorgraph::Evidence>();
    send_sync::<actorgraph::Counted>();
}

/// The pipeline's results are the same at any thread count, in input order, with every
/// document's date.
#[test]
fn pipeline_output_does_not_depend_on_threads() {
    let run = |threads: usize| {
        let mut pipeline = actorgraph::Pipeline::builder().threads(threads).build().unwrap();
        let mut rows = Vec::new();
        let counted = pipeline
            .count(["data/articles", "data/sample.jsonl"], |event| {
                if let actorgraph::Event::Document { doc, gaz } = event {
                    for r in doc.records(gaz) {
                        rows.push(format!("{} {} {} {}", r.document, r.date, r.entity, r.start));
                    }
                }
                Ok(())
            })
            .unwrap();
        let graph = pipeline.to_graph(&counted.counts).unwrap();
        let mut gexf = Vec::new();
        actorgraph::write_gexf(&graph, pipeline.gazetteer(), &mut gexf).unwrap();
        (rows, counted.totals, gexf)
    };
    let one = run(1);
    assert!(one.0.iter().any(|r| r.contains(" discovered:")), "discovered ids are given");
    assert_eq!(one.1.undated, 0);
    assert_eq!(run(4), one);
}

/// The evidence a pipeline collects is the same at any thread count.
#[test]
fn pipeline_evidence_does_not_depend_on_threads() {
    let run = |threads: usize| {
        let mut pipeline = actorgraph::Pipeline::builder()
            .threads(threads)
            .evidence(Some(actorgraph::EvidenceBuilder::new()))
            .build()
            .unwrap();
        let counted = pipeline.count(["data/articles", "data/sample.jsonl"], |_| Ok(())).unwrap();
        let graph = pipeline.to_graph(&counted.counts).unwrap();
        let evidence = counted.evidence.expect("asked for");
        let mut out = Vec::new();
        let mut wtr = actorgraph::EvidenceWriter::new(actorgraph::MentionFormat::Jsonl, &mut out);
        let written = wtr.write_graph(&graph, pipeline.gazetteer(), &evidence).unwrap();
        wtr.finish().unwrap();
        (written, out)
    };
    let one = run(1);
    assert!(one.0 > 500, "{} records", one.0);
    assert_eq!(run(4), one);
}

/// A default date dates the documents without one, and a bad record is skipped as a notice.
#[test]
fn pipeline_default_date_and_skipped_records() {
    let dir = crate::util::TempDir::new("api-pipeline-skip");
    let path = dir.write("c.jsonl", "{\"id\": \"a\", \"text\": \"Iran and Iraq.\"}\n{broken\n");
    let mut pipeline = actorgraph::Pipeline::builder()
        .default_date("2003".parse().ok())
        .skip_bad_records(true)
        .build()
        .unwrap();
    let (mut dates, mut skipped) = (Vec::new(), Vec::new());
    let totals = pipeline
        .run([&path], |event| {
            match event {
                actorgraph::Event::Document { doc, .. } => dates.push(doc.date_text().to_string()),
                actorgraph::Event::Notice(n) => skipped.push(n.to_string()),
                _ => {}
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(dates, ["2003"]);
    assert_eq!((totals.documents, totals.skipped), (1, 1));
    assert!(skipped[0].contains("c.jsonl:2:") && skipped[0].ends_with("(skipped)"), "{skipped:?}");
    let err = actorgraph::Pipeline::builder()
        .skip_bad_records(false)
        .build()
        .unwrap()
        .run([&path], |_| Ok(()));
    assert!(err.unwrap_err().to_string().contains("c.jsonl:2:"));
}
