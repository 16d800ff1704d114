//! The segmenter: paragraphs and sentences are non-empty, ordered, non-overlapping spans on
//! character boundaries, trimmed of white space; every sentence lies inside a paragraph; the
//! iterators and `Segmenter::segment` agree; the offset lookups stay in range. Both with and
//! without the joining of broken paragraphs.

#![no_main]

use actorgraph::{Segmenter, Span};
use actorgraph_fuzz::{check_spans, text};
use libfuzzer_sys::fuzz_target;

fn check_trimmed(what: &str, text: &str, spans: &[Span]) {
    for &span in spans {
        let s = &text[span];
        assert_eq!(s, s.trim(), "{what} {span:?} is not trimmed");
    }
}

fn check(seg: &Segmenter, text: &str) {
    let paragraphs: Vec<Span> = seg.paragraphs(text).collect();
    let sentences: Vec<Span> = seg.sentences(text).collect();
    check_spans("paragraph", text, paragraphs.iter().copied());
    check_spans("sentence", text, sentences.iter().copied());
    check_trimmed("paragraph", text, &paragraphs);
    check_trimmed("sentence", text, &sentences);
    let mut para = paragraphs.iter().peekable();
    for s in &sentences {
        while para.next_if(|p| p.end <= s.start).is_some() {}
        let p = para.peek().unwrap_or_else(|| panic!("sentence {s:?} after the last paragraph"));
        assert!(p.start <= s.start && s.end <= p.end, "sentence {s:?} crosses paragraph {p:?}");
    }
    let segments = seg.segment(text);
    assert_eq!(segments.paragraphs(), paragraphs, "segment() and paragraphs() disagree");
    assert_eq!(segments.sentences(), sentences, "segment() and sentences() disagree");
    for offset in [0, text.len() / 2, text.len()] {
        let i = segments.sentence_of(offset);
        assert!(sentences.is_empty() || i < sentences.len(), "sentence_of({offset}) = {i}");
        let i = segments.paragraph_of(offset);
        assert!(paragraphs.is_empty() || i < paragraphs.len(), "paragraph_of({offset}) = {i}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let mut seg = Segmenter::new();
    check(&seg, &text);
    seg.join_broken_paragraphs(false);
    check(&seg, &text);
});
