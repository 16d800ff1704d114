//! A gazetteer in the compiled-gazetteer cache's binary form (see `crate::cache`).
//!
//! Loading a million names from their text files means parsing, checking every rule and
//! resolving layers; reading them back from this form is one pass of copies. File names are
//! stored once and shared, as they are in memory.

use std::sync::Arc;

use super::entry::{Alias, Office, Origin, PlaceAttributes};
use super::{EntityKind, Entry, Finding, Gazetteer, MergedName};
use crate::codec::{Reader, Writer};
use crate::hash::FastMap;

const KIND_TAGS: [EntityKind; 4] = EntityKind::ALL;

impl Gazetteer {
    /// Appends the gazetteer to a cache file.
    pub(crate) fn write(&self, wtr: &mut Writer) {
        let mut sources: FastMap<&str, u32> = FastMap::default();
        let mut names: Vec<&str> = Vec::new();
        let origins = self.entries.iter().map(|e| &e.origin);
        for origin in origins.chain(self.merged.iter().map(|m| &m.origin)) {
            sources.entry(&origin.source).or_insert_with(|| {
                names.push(&origin.source);
                names.len() as u32 - 1
            });
        }
        wtr.len(names.len());
        names.iter().for_each(|name| wtr.str(name));
        wtr.len(self.entries.len());
        for entry in &self.entries {
            write_entry(wtr, entry, sources[&*entry.origin.source]);
        }
        wtr.len(self.notes.len());
        self.notes.iter().for_each(|note| note.write(wtr));
        wtr.len(self.kept.len());
        self.kept.iter().for_each(|note| wtr.str(note));
        wtr.len(self.merged.len());
        for name in &self.merged {
            wtr.str(&name.entity);
            wtr.str(&name.name);
            wtr.u32(sources[&*name.origin.source]);
            wtr.u64(name.origin.line);
        }
    }

    /// Reads a gazetteer written by [`Gazetteer::write`]; `None` if the input is malformed.
    pub(crate) fn read(rdr: &mut Reader<'_>) -> Option<Gazetteer> {
        let count = rdr.len(8)?;
        let sources: Vec<Arc<str>> =
            (0..count).map(|_| rdr.str().map(Arc::from)).collect::<Option<_>>()?;
        let count = rdr.len(8)?;
        let entries: Vec<Entry> =
            (0..count).map(|_| read_entry(rdr, &sources)).collect::<Option<_>>()?;
        let count = rdr.len(8)?;
        let notes = (0..count).map(|_| Finding::read(rdr)).collect::<Option<_>>()?;
        let count = rdr.len(8)?;
        let kept = (0..count).map(|_| rdr.string()).collect::<Option<_>>()?;
        let count = rdr.len(8)?;
        let merged = (0..count).map(|_| read_merged(rdr, &sources)).collect::<Option<_>>()?;
        Some(Gazetteer::from_entries(entries, notes, kept, merged))
    }
}

fn read_merged(rdr: &mut Reader<'_>, sources: &[Arc<str>]) -> Option<MergedName> {
    let (entity, name) = (rdr.string()?, rdr.string()?);
    let source = sources.get(usize::try_from(rdr.u32()?).ok()?)?.clone();
    Some(MergedName { entity, name, origin: Origin { source, line: rdr.u64()? } })
}

fn write_entry(wtr: &mut Writer, entry: &Entry, source: u32) {
    wtr.str(&entry.id);
    let kind = KIND_TAGS.iter().position(|&k| k == entry.kind).expect("every kind is in ALL");
    wtr.u8(kind as u8);
    wtr.str(&entry.label);
    wtr.len(entry.aliases.len());
    for alias in &entry.aliases {
        wtr.str(alias.text());
        wtr.u8(u8::from(alias.is_adjectival())
            | u8::from(alias.is_exact()) << 1
            | u8::from(alias.is_context()) << 2);
    }
    for field in
        [&entry.iso, &entry.affiliation, &entry.country, &entry.role, &entry.note, &entry.code]
    {
        wtr.opt_str(field.as_deref());
    }
    for year in [entry.from, entry.to] {
        write_year(wtr, year);
    }
    wtr.len(entry.offices.len());
    for office in &entry.offices {
        wtr.str(&office.role);
        write_year(wtr, office.from);
        write_year(wtr, office.to);
    }
    let place = &entry.place;
    for field in [&place.latitude, &place.longitude, &place.feature, &place.admin] {
        wtr.opt_str(field.as_deref());
    }
    for number in [place.population, place.geonames] {
        wtr.opt_str(number.map(|n| n.to_string()).as_deref());
    }
    wtr.u8(u8::from(entry.take_over));
    wtr.u32(source);
    wtr.u64(entry.origin.line);
    wtr.u8(u8::from(entry.discovered));
}

fn read_entry(rdr: &mut Reader<'_>, sources: &[Arc<str>]) -> Option<Entry> {
    let id = rdr.string()?;
    let kind = *KIND_TAGS.get(usize::from(rdr.u8()?))?;
    let label = rdr.string()?;
    let count = rdr.len(9)?;
    let mut aliases = Vec::with_capacity(count);
    for _ in 0..count {
        let text = rdr.string()?;
        let flags = rdr.u8()?;
        aliases.push(Alias::from_parts(text, flags & 1 != 0, flags & 2 != 0, flags & 4 != 0));
    }
    let mut fields = [(); 6].map(|_| None);
    for field in &mut fields {
        *field = rdr.opt_string()?;
    }
    let [iso, affiliation, country, role, note, code] = fields;
    let from = read_year(rdr)?;
    let to = read_year(rdr)?;
    let count = rdr.len(3)?;
    let mut offices = Vec::with_capacity(count);
    for _ in 0..count {
        offices.push(Office { role: rdr.string()?, from: read_year(rdr)?, to: read_year(rdr)? });
    }
    let mut texts = [(); 4].map(|_| None);
    for field in &mut texts {
        *field = rdr.opt_string()?;
    }
    let [latitude, longitude, feature, admin] = texts;
    let mut numbers = [None; 2];
    for number in &mut numbers {
        *number =
            rdr.opt_string()?.map(|n| n.parse::<u64>().ok()).map_or(Some(None), |n| n.map(Some))?;
    }
    let [population, geonames] = numbers;
    let place = PlaceAttributes { latitude, longitude, population, feature, admin, geonames };
    let take_over = rdr.bool()?;
    let source = Arc::clone(sources.get(rdr.u32()? as usize)?);
    let origin = Origin { source, line: rdr.u64()? };
    let discovered = rdr.bool()?;
    Some(Entry {
        id,
        kind,
        label,
        aliases,
        iso,
        affiliation,
        country,
        role,
        from,
        to,
        offices,
        note,
        code,
        place,
        take_over,
        merge: false,
        origin,
        discovered,
    })
}

fn write_year(wtr: &mut Writer, year: Option<i32>) {
    wtr.opt_str(year.map(|y| y.to_string()).as_deref());
}

/// Reads a year written by `write_year`: `None` if the input is malformed, `Some(None)` for
/// no year.
fn read_year(rdr: &mut Reader<'_>) -> Option<Option<i32>> {
    rdr.opt_string()?.map(|y| y.parse().ok()).map_or(Some(None), |y| y.map(Some))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let gaz = Gazetteer::builder()
            .add_builtin()
            .add(
                Entry::new("p", EntityKind::Person, "P Q")
                    .affiliation("ZZZ")
                    .role("x", Some(1999), None)
                    .code("ZZZGOV")
                    .office("y", Some(1990), Some(1995)),
            )
            .add(
                Entry::new("g", EntityKind::Place, "Florida")
                    .coordinates(21.5, -78.2)
                    .population(20000)
                    .feature("P.PPL")
                    .admin("CU.05")
                    .geonames_id(3558178)
                    .take_over(true),
            )
            .add(Entry::new("h", EntityKind::Place, "Texas"))
            .add(Entry::new("k", EntityKind::Place, "Kremlin").take_over(true))
            .add(Entry::new("RUS", EntityKind::State, "Rossiya Test").merge(true))
            .build()
            .unwrap();
        let mut wtr = Writer::default();
        gaz.write(&mut wtr);
        let mut rdr = Reader::new(&wtr.buf);
        let back = Gazetteer::read(&mut rdr).unwrap();
        assert!(rdr.is_empty());
        assert_eq!(back.entries, gaz.entries);
        assert_eq!(back.notices(), gaz.notices());
        assert_eq!(back.kept_names(), gaz.kept_names());
        assert!(!gaz.notices().is_empty() && !gaz.kept_names().is_empty());
        // The typed notes and the names merge rows added, which `check` reports.
        assert_eq!(back.check(), gaz.check());
        assert_eq!(back.merged, gaz.merged);
        assert!(gaz.check().iter().any(|f| f.takeover.is_some()), "{:?}", gaz.check());
        assert_eq!(gaz.merged.len(), 1);
        assert_eq!(back.lookup("RUS"), gaz.lookup("RUS"));
        for cut in [0, 1, 100, wtr.buf.len() / 2, wtr.buf.len() - 1] {
            assert!(Gazetteer::read(&mut Reader::new(&wtr.buf[..cut])).is_none(), "{cut}");
        }
    }
}
