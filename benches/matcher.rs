//! Criterion benchmarks of the library's hot paths on real text: the matcher against a bare
//! Aho-Corasick scan of the same patterns (the matching limit), the segmenter, the event
//! extractor over the matcher's mentions (issue 16: it should cost at most half of what
//! matching costs), and the whole per-document pipeline; and the matcher's build.
//!
//! Run with `cargo bench --bench matcher`. The text is the 2012 convention speeches from
//! `../shared/data/corpus` when that is present, else the sample data in `data/`.
//! `scripts/bench` measures whole CLI runs.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use actorgraph::{
    CooccurrenceBuilder, Corpus, EventDictionary, EventExtractor, Gazetteer, Matcher, Segmenter,
    Window,
};
use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SHARED_CORPUS: &str = "../shared/data/corpus/convention2012.jsonl";

/// The texts to search, read once.
fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join(SHARED_CORPUS);
    let inputs = if shared.exists() {
        vec![shared]
    } else {
        vec![root.join("data/articles"), root.join("data/sample.jsonl")]
    };
    Corpus::new()
        .documents(&inputs)
        .map(|doc| doc.expect("the benchmark corpus reads").text().to_string())
        .collect()
}

fn scan(c: &mut Criterion) {
    let texts = texts();
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).expect("the built-in gazetteer builds");
    let bare = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(matcher.patterns())
        .expect("the bare automaton builds");
    let segmenter = Segmenter::new();
    let mut group = c.benchmark_group("scan");
    group.throughput(Throughput::Bytes(texts.iter().map(|t| t.len() as u64).sum()));
    group.bench_function("bare_aho_corasick", |b| {
        b.iter(|| texts.iter().map(|t| bare.find_iter(t).count()).sum::<usize>())
    });
    group.bench_function("matcher", |b| {
        b.iter(|| texts.iter().map(|t| matcher.find_all(t).len()).sum::<usize>())
    });
    group.bench_function("segmenter", |b| {
        b.iter(|| texts.iter().map(|t| segmenter.segment(t).sentences().len()).sum::<usize>())
    });
    // The events pass alone: the mentions and sentences are found once, outside the loop.
    let extractor = EventExtractor::new(&EventDictionary::builtin()).expect("the events build");
    let found: Vec<_> = texts
        .iter()
        .map(|t| (matcher.find_all(t), segmenter.segment(t).sentences().to_vec()))
        .collect();
    group.bench_function("events", |b| {
        b.iter(|| {
            let pairs = texts.iter().zip(&found);
            pairs.map(|(t, (m, s))| extractor.extract(t, m, s).len()).sum::<usize>()
        })
    });
    group.bench_function("pipeline", |b| {
        b.iter(|| {
            let mut counts = CooccurrenceBuilder::new().window(Window::Sentence).build();
            for text in &texts {
                counts.add_document(&matcher.find_all(text), &segmenter.segment(text));
            }
            black_box(counts.to_graph().edge_count())
        })
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let gaz = Gazetteer::builtin();
    c.bench_function("build/matcher_builtin", |b| {
        b.iter(|| Matcher::new(black_box(&gaz)).expect("the built-in gazetteer builds"))
    });
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = scan, build
}
criterion_main!(benches);
