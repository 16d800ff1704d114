//! The matcher on a small gazetteer made from the input: Aho-Corasick and the trie must find
//! exactly the same mentions, and the mentions must be well formed.
//!
//! The input is structured (`arbitrary`): up to eight entries with names, kinds, affiliations
//! and offices, the matcher's options, and a text made of pieces that are mostly those names
//! (as written, upper-cased, lower-cased, with the other apostrophe), so that names are found
//! and overlap, and the case, boundary, surname and shared-name rules all come into play.

#![no_main]

use actorgraph::{Boundary, CaseMode, Engine, EntityKind, Entry, Gazetteer, MatcherBuilder};
use actorgraph_fuzz::check_mentions;
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    case: u8,
    word_boundary: bool,
    adjectives: bool,
    name_parts: bool,
    surnames: bool,
    year: Option<i16>,
    entries: Vec<FuzzEntry>,
    pieces: Vec<Piece>,
}

#[derive(Arbitrary, Debug)]
struct FuzzEntry {
    kind: u8,
    label: String,
    aliases: Vec<String>,
    adjectives: Vec<String>,
    /// An affiliation (person, group) or country (place): another entry, by index.
    state: Option<u8>,
    office: Option<(u8, Option<i16>, Option<i16>)>,
}

#[derive(Arbitrary, Debug)]
enum Piece {
    Name { entry: u8, alias: u8, spelling: u8 },
    Separator(u8),
    Text(String),
}

const SEPARATORS: &[&str] =
    &[" ", ". ", ", ", "-", "'s ", "’s ", "\n\n", "# ", "(", ") ", "http://x.org/", "é", "\u{301}"];
const ROLES: &[&str] = &["President", "Prime Minister", "Foreign Minister", "leader", "King"];
const KINDS: [EntityKind; 4] =
    [EntityKind::Person, EntityKind::State, EntityKind::Group, EntityKind::Place];

fn entry(i: usize, e: &FuzzEntry) -> Entry {
    let kind = KINDS[usize::from(e.kind) % KINDS.len()];
    let mut entry = Entry::new(format!("e{i}"), kind, e.label.as_str());
    for alias in e.aliases.iter().take(4) {
        entry = entry.alias(alias);
    }
    for adjective in e.adjectives.iter().take(2) {
        entry = entry.adjective(adjective);
    }
    if let Some(state) = e.state {
        let state = format!("e{}", state % 8);
        entry =
            if kind == EntityKind::Place { entry.country(state) } else { entry.affiliation(state) };
    }
    if let Some((role, from, to)) = e.office {
        let role = ROLES[usize::from(role) % ROLES.len()];
        entry = entry.role(role, from.map(i32::from), to.map(i32::from));
    }
    entry
}

/// The text: the pieces joined, each name in the spelling its piece asks for.
fn haystack(gaz: &Gazetteer, pieces: &[Piece]) -> String {
    let mut text = String::new();
    for piece in pieces.iter().take(64) {
        match piece {
            Piece::Name { entry, alias, spelling } => {
                let Some(e) = gaz.entries().nth(usize::from(*entry) % gaz.len().max(1)) else {
                    continue;
                };
                let name = e.aliases()[usize::from(*alias) % e.aliases().len()].text();
                match spelling % 4 {
                    0 => text.push_str(name),
                    1 => text.push_str(&name.to_uppercase()),
                    2 => text.push_str(&name.to_lowercase()),
                    _ => text.push_str(&name.replace('\'', "’")),
                }
            }
            Piece::Separator(i) => text.push_str(SEPARATORS[usize::from(*i) % SEPARATORS.len()]),
            Piece::Text(s) => text.push_str(s),
        }
    }
    text
}

fuzz_target!(|input: Input| {
    let mut builder = Gazetteer::builder();
    for (i, e) in input.entries.iter().take(8).enumerate() {
        builder.add(entry(i, e));
    }
    // Conflicting or letterless names are errors, which is right; nothing to search then.
    let Ok(gaz) = builder.build() else { return };
    let text = haystack(&gaz, &input.pieces);
    let mut options = MatcherBuilder::new();
    options
        .case(
            [CaseMode::Gazetteer, CaseMode::Exact, CaseMode::Insensitive]
                [usize::from(input.case) % 3],
        )
        .boundary(if input.word_boundary { Boundary::Word } else { Boundary::None })
        .adjectives(input.adjectives)
        .name_parts(input.name_parts)
        .surnames(input.surnames);
    let aho = options.clone().engine(Engine::AhoCorasick).build(&gaz);
    let trie = options.clone().engine(Engine::Trie).build(&gaz);
    let (aho, trie) = match (aho, trie) {
        (Ok(aho), Ok(trie)) => (aho, trie),
        (Err(_), Err(_)) => return,
        (aho, trie) => panic!("one engine builds, the other does not: {aho:?} {trie:?}"),
    };
    let year = input.year.map(i32::from);
    let found = aho.find_all_in_year(&text, year);
    check_mentions(&gaz, &text, &found);
    assert_eq!(found, trie.find_all_in_year(&text, year), "the engines disagree on {text:?}");
});
