//! A matcher in the compiled-gazetteer cache's binary form (see `crate::cache`).
//!
//! The trie engine is stored whole, since building it is most of the time to get a large
//! gazetteer ready. An Aho-Corasick automaton cannot be stored (the crate has no format for
//! it), so only its patterns are, and it is rebuilt on load: `Engine::Auto` only picks it for
//! small gazetteers, where that takes milliseconds.

use super::engine::{Names, Search, TrieSearch};
use super::{Boundary, CaseMode, Engine, Matcher, MatcherBuilder, Pattern, Trie};
use crate::codec::{Reader, Writer};
use crate::gazetteer::{EntityId, Gazetteer};

const CASES: [CaseMode; 3] = [CaseMode::Gazetteer, CaseMode::Exact, CaseMode::Insensitive];
const BOUNDARIES: [Boundary; 2] = [Boundary::Word, Boundary::None];
const ENGINES: [Engine; 3] = [Engine::Auto, Engine::AhoCorasick, Engine::Trie];

fn tag<T: PartialEq>(all: &[T], value: &T) -> u8 {
    all.iter().position(|v| v == value).expect("every variant is listed") as u8
}

impl Matcher {
    /// Appends the matcher to a cache file.
    pub(crate) fn write(&self, wtr: &mut Writer) {
        let inner = &*self.inner;
        let config = &inner.config;
        wtr.u8(tag(&CASES, &config.case));
        wtr.u8(tag(&BOUNDARIES, &config.boundary));
        for flag in [config.adjectives, config.name_parts, config.surnames, config.roles] {
            wtr.u8(u8::from(flag));
        }
        wtr.u8(tag(&ENGINES, &config.engine));
        wtr.str(&inner.names.text);
        let ends: Vec<u32> = inner.names.ends.iter().map(|&e| e as u32).collect();
        wtr.u32s(&ends);
        let entities: Vec<u32> =
            inner.patterns.iter().map(|p| p.entity.as_usize() as u32).collect();
        wtr.u32s(&entities);
        let flags: Vec<u8> = inner.patterns.iter().map(pattern_flags).collect();
        wtr.bytes(&flags);
        match &inner.search {
            Search::Aho(_) => wtr.u8(0),
            Search::Trie(search) => {
                wtr.u8(1);
                search.all.write(wtr);
                search.lower.write(wtr);
            }
        }
    }

    /// Reads a matcher written by [`Matcher::write`] for `gazetteer`; `None` if the input is
    /// malformed, and an error only if a stored Aho-Corasick automaton cannot be rebuilt.
    pub(crate) fn read(
        rdr: &mut Reader<'_>,
        gazetteer: &Gazetteer,
    ) -> Option<crate::Result<Matcher>> {
        let mut config = MatcherBuilder::new();
        config.case = *CASES.get(usize::from(rdr.u8()?))?;
        config.boundary = *BOUNDARIES.get(usize::from(rdr.u8()?))?;
        config.adjectives = rdr.bool()?;
        config.name_parts = rdr.bool()?;
        config.surnames = rdr.bool()?;
        config.roles = rdr.bool()?;
        config.engine = *ENGINES.get(usize::from(rdr.u8()?))?;
        let names = read_names(rdr)?;
        let entities = rdr.u32s()?;
        let flags = rdr.bytes()?;
        if entities.len() != names.len() || flags.len() != names.len() {
            return None;
        }
        let mut patterns = Vec::with_capacity(names.len());
        for (&entity, &flag) in entities.iter().zip(flags) {
            if entity as usize >= gazetteer.len() || flag > 15 {
                return None;
            }
            patterns.push(Pattern {
                entity: EntityId::new(entity as usize),
                adjectival: flag & 1 != 0,
                exact: flag & 2 != 0,
                name_part_check: flag & 4 != 0,
                context: flag & 8 != 0,
            });
        }
        let search = match rdr.u8()? {
            0 => match Search::new(Engine::AhoCorasick, &names, config.case, config.boundary) {
                Ok(search) => search,
                Err(err) => return Some(Err(err)),
            },
            1 => {
                let all = Trie::read(rdr, names.len())?;
                let lower = Trie::read(rdr, names.len())?;
                Search::Trie(Box::new(TrieSearch::new(all, lower, config.case, config.boundary)))
            }
            _ => return None,
        };
        Some(Ok(config.assemble(gazetteer, search, names, patterns)))
    }
}

fn pattern_flags(pattern: &Pattern) -> u8 {
    u8::from(pattern.adjectival)
        | u8::from(pattern.exact) << 1
        | u8::from(pattern.name_part_check) << 2
        | u8::from(pattern.context) << 3
}

/// Reads the pattern texts, checking that every end falls on a character boundary in order.
fn read_names(rdr: &mut Reader<'_>) -> Option<Names> {
    let text = rdr.string()?;
    let ends = rdr.u32s()?;
    let mut last = 0;
    for &end in &ends {
        let end = end as usize;
        if end < last || !text.is_char_boundary(end) {
            return None;
        }
        last = end;
    }
    Some(Names { text, ends: ends.into_iter().map(|e| e as usize).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(engine: Engine) {
        let gaz = Gazetteer::builtin();
        let matcher = MatcherBuilder::new().engine(engine).name_parts(false).build(&gaz).unwrap();
        let mut wtr = Writer::default();
        matcher.write(&mut wtr);
        let mut rdr = Reader::new(&wtr.buf);
        let back = Matcher::read(&mut rdr, &gaz).unwrap().unwrap();
        assert!(rdr.is_empty());
        assert_eq!(back.engine(), matcher.engine());
        assert!(!back.inner.config.name_parts);
        assert!(back.patterns().eq(matcher.patterns()));
        let text = "US-Russian talks in Cyprus; Antony Blinken met Blinken in Gaza City.";
        assert_eq!(back.find_all(text), matcher.find_all(text));
        for cut in [0, 7, wtr.buf.len() / 2, wtr.buf.len() - 1] {
            assert!(Matcher::read(&mut Reader::new(&wtr.buf[..cut]), &gaz).is_none(), "{cut}");
        }
    }

    #[test]
    fn round_trip_trie() {
        round_trip(Engine::Trie);
    }

    #[test]
    fn round_trip_aho_corasick() {
        round_trip(Engine::AhoCorasick);
    }
}
