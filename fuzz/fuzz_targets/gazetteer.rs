//! The gazetteer file parser and builder: any text is either an error or a gazetteer; a
//! gazetteer gives its stats and check findings, builds as two layers of itself, writes back
//! to TSV that reads as the same entities and settles after two rounds, and compiles into
//! matchers whose two engines find the same mentions (searched in the file's own text, which
//! is full of its names).

#![no_main]

use actorgraph::{Engine, Gazetteer, MatcherBuilder, write_tsv};
use actorgraph_fuzz::{check_mentions, text};
use libfuzzer_sys::fuzz_target;

/// The gazetteer written as TSV.
fn written(gaz: &Gazetteer) -> actorgraph::Result<String> {
    let entries: Vec<_> = gaz.entries().cloned().collect();
    let mut tsv = Vec::new();
    write_tsv(&entries, &[], &mut tsv)?;
    Ok(String::from_utf8(tsv).expect("write_tsv writes UTF-8"))
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let Ok(gaz) = Gazetteer::builder().add_str("fuzz.tsv", &text).and_then(|b| b.build()) else {
        return;
    };
    let matcher_gaz = gaz.clone();
    let _ = gaz.stats().total();
    let _ = gaz.check();

    // The same file twice: the second layer redefines every id, which is allowed.
    let mut twice = Gazetteer::builder();
    twice.add_str("one.tsv", &text).expect("parsed once, parses twice");
    twice.add_str("two.tsv", &text).expect("parsed once, parses twice");
    if let Err(err) = twice.build() {
        panic!("builds as one layer, not as two of itself: {err}");
    }

    // What the writer writes reads back as the same entities, and after two rounds of writing
    // and reading, the file no longer changes. (The writer turns tabs and line breaks into
    // spaces and `|` in names into `/`, and a cell left blank by that reads back empty, so the
    // first rounds may differ.)
    if let Ok(mut tsv) = written(&gaz) {
        let ids =
            |g: &Gazetteer| g.entries().map(|e| (e.id().to_string(), e.kind())).collect::<Vec<_>>();
        let mut before = gaz;
        for round in 1..=3 {
            let again = Gazetteer::builder().add_str("written.tsv", &tsv).and_then(|b| b.build());
            let again =
                again.unwrap_or_else(|err| panic!("written gazetteer does not read: {err}\n{tsv}"));
            assert_eq!(
                ids(&before),
                ids(&again),
                "written and read back, the entities differ:\n{tsv}"
            );
            let next = written(&again).expect("what was written once writes again");
            assert!(round < 3 || next == tsv, "written three times, the gazetteer still changes");
            (before, tsv) = (again, next);
        }
    }

    let aho = MatcherBuilder::new().engine(Engine::AhoCorasick).build(&matcher_gaz);
    let trie = MatcherBuilder::new().engine(Engine::Trie).build(&matcher_gaz);
    if let (Ok(aho), Ok(trie)) = (aho, trie) {
        let found = aho.find_all(&text);
        check_mentions(&matcher_gaz, &text, &found);
        assert_eq!(found, trie.find_all(&text), "the engines disagree");
    }
});
