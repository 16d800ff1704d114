//! The matcher on the built-in gazetteer: Aho-Corasick and the trie must find exactly the same
//! mentions, under each of several rule sets, and the mentions must be well formed.
//!
//! The first byte picks the rule set and the document year; the rest is the text.

#![no_main]

use std::sync::LazyLock;

use actorgraph::{Boundary, CaseMode, Engine, Gazetteer, Matcher, MatcherBuilder};
use actorgraph_fuzz::{check_mentions, text};
use libfuzzer_sys::fuzz_target;

static GAZ: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::builtin);

/// The rule sets: the defaults, then one departure from them each.
const RULES: usize = 6;

fn builder(rules: usize) -> MatcherBuilder {
    let mut b = MatcherBuilder::new();
    match rules {
        1 => b.case(CaseMode::Exact),
        2 => b.case(CaseMode::Insensitive),
        3 => b.boundary(Boundary::None),
        4 => b.adjectives(false).name_parts(false),
        5 => b.surnames(false),
        _ => &mut b,
    };
    b
}

/// One (Aho-Corasick, trie) pair of matchers per rule set.
static MATCHERS: LazyLock<Vec<(Matcher, Matcher)>> = LazyLock::new(|| {
    (0..RULES)
        .map(|rules| {
            let aho = builder(rules).engine(Engine::AhoCorasick).build(&GAZ).expect("aho builds");
            let trie = builder(rules).engine(Engine::Trie).build(&GAZ).expect("trie builds");
            assert_eq!(aho.engine(), Engine::AhoCorasick);
            assert_eq!(trie.engine(), Engine::Trie);
            (aho, trie)
        })
        .collect()
});

const YEARS: [Option<i32>; 4] = [None, Some(1991), Some(2002), Some(2025)];

fuzz_target!(
    init: {
        LazyLock::force(&MATCHERS);
    },
    |data: &[u8]| {
        let Some((&select, rest)) = data.split_first() else { return };
        let text = text(rest);
        let (aho, trie) = &MATCHERS[usize::from(select) % RULES];
        let year = YEARS[usize::from(select) / RULES % YEARS.len()];
        let found = aho.find_all_in_year(&text, year);
        check_mentions(&GAZ, &text, &found);
        assert_eq!(found, trie.find_all_in_year(&text, year), "the engines disagree");
    }
);
