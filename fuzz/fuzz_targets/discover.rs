//! Discovery: on any text, with or without the built-in matcher's mentions as known names,
//! candidates are non-empty, ordered, non-overlapping spans on character boundaries with a
//! name; they overlap a known mention only as an organisation that opens with it or as a
//! discovered person's surname on the mention's own span; merged into a gazetteer, the
//! mentions stay ordered and non-overlapping.

#![no_main]

use std::sync::LazyLock;

use actorgraph::{Cue, Discoverer, EntityKind, Gazetteer, Matcher};
use actorgraph_fuzz::{check_mentions, check_spans, text};
use libfuzzer_sys::fuzz_target;

static GAZ: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::builtin);
static MATCHER: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(&GAZ).expect("builds"));

fuzz_target!(
    init: {
        LazyLock::force(&MATCHER);
    },
    |data: &[u8]| {
        let text = text(data);
        let discoverer = Discoverer::new();
        let alone = discoverer.find(&text, &[]);
        check_spans("candidate", &text, alone.iter().map(|c| c.span));

        let mut mentions = MATCHER.find_all(&text);
        check_mentions(&GAZ, &text, &mentions);
        let found = discoverer.find(&text, &mentions);
        check_spans("candidate", &text, found.iter().map(|c| c.span));
        for c in &found {
            assert!(!c.name.trim().is_empty(), "candidate {c:?} has no name");
            let first = mentions.iter().find(|m| m.span().start < c.span.end && c.span.start < m.span().end);
            if let Some(m) = first {
                let opens = c.kind == EntityKind::Group && m.span().start == c.span.start;
                let surname = c.cue == Cue::Surname && m.span() == c.span;
                assert!(
                    opens || surname,
                    "candidate {c:?} overlaps the known mention {m:?}"
                );
            }
        }

        // Merged into an empty gazetteer (cloning the built-in one for every input is too slow):
        // the discovered ids then clash with the built-in ones, so only the spans are checked.
        let mut gaz = Gazetteer::default();
        gaz.merge_discovered(&mut mentions, found);
        check_spans("merged mention", &text, mentions.iter().map(|m| m.span()));
    }
);
