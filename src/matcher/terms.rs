//! The years an undated document speaks of, inferred from the office-holders it names.
//!
//! Each person of the gazetteer with offices has terms: the years of each office, the main
//! one (the `role` column) marked. A document that names Yasser Arafat and Shimon Peres
//! speaks of years when both held office: 1984–1986, 1995–1996 or 2001–2002, none of which
//! Peres's main term (President, 2007–2014) meets, so requiring every term to overlap would
//! find no year at all, and taking each person's first to last year would take in decades.
//! The window is therefore the years that the most people named in the document held some
//! office, ties broken by how many of them held their main office then. When the best years
//! fall apart into separate stretches, the window spans them all and so stays as uncertain
//! as the document.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::Mention;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};

/// The year an office still held is taken to last until.
pub(crate) const CURRENT: i32 = 9999;

/// The terms of office of each person of a gazetteer. Cheap to clone: the surname and role
/// passes share one.
#[derive(Clone, Debug, Default)]
pub(crate) struct Terms {
    /// For each person with dated offices: the stretches of years in any office (sorted,
    /// disjoint) and the main office's years.
    people: Arc<HashMap<EntityId, Person>>,
}

#[derive(Clone, Debug)]
struct Person {
    /// The years in some office, as sorted, disjoint, inclusive stretches.
    any: Vec<(i32, i32)>,
    /// The years of the main office (the `role` column), when it has a starting year.
    main: Option<(i32, i32)>,
}

/// How well some years fit a document: people named then in office, and of those, people
/// in their main office. Compared in that order.
type Score = (u32, u32);

impl Terms {
    /// Collects the dated offices of every person in `gaz`.
    pub(crate) fn new(gaz: &Gazetteer) -> Terms {
        let mut people = HashMap::new();
        for (id, entry) in gaz.iter().filter(|(_, e)| e.kind() == EntityKind::Person) {
            let mut any: Vec<(i32, i32)> = Vec::new();
            let mut main = None;
            for (i, office) in entry.offices().iter().enumerate() {
                let (Some(from), to) = office.years() else { continue };
                let term = (from, to.unwrap_or(CURRENT).max(from));
                if i == 0 {
                    main = Some(term);
                }
                any.push(term);
            }
            if any.is_empty() {
                continue;
            }
            any.sort_unstable();
            let mut merged: Vec<(i32, i32)> = Vec::with_capacity(any.len());
            for (from, to) in any {
                match merged.last_mut() {
                    Some(last) if from <= last.1.saturating_add(1) => last.1 = last.1.max(to),
                    _ => merged.push((from, to)),
                }
            }
            people.insert(id, Person { any: merged, main });
        }
        Terms { people: Arc::new(people) }
    }

    /// Returns the first and last year of the span that fits the office-holders among
    /// `mentions` best (see the module's documentation), or `None` when the document names
    /// none. Linear in the mentions, plus sorting the office-holders' terms.
    pub(crate) fn window(&self, mentions: &[Mention]) -> Option<(i32, i32)> {
        let mut seen = HashSet::new();
        // (year, change in people in office, change in people in their main office)
        let mut changes: Vec<(i32, i32, i32)> = Vec::new();
        for m in mentions {
            let Some(person) = self.people.get(&m.entity()) else { continue };
            if !seen.insert(m.entity()) {
                continue;
            }
            for &(from, to) in &person.any {
                changes.push((from, 1, 0));
                changes.push((to.saturating_add(1), -1, 0));
            }
            if let Some((from, to)) = person.main {
                changes.push((from, 0, 1));
                changes.push((to.saturating_add(1), 0, -1));
            }
        }
        changes.sort_unstable();
        // Stretches of years with their score, in order; the last stretch has no end.
        let mut best: Score = (0, 0);
        let mut stretches: Vec<(i32, i32, Score)> = Vec::new();
        let (mut in_office, mut in_main) = (0i32, 0i32);
        let mut i = 0;
        while i < changes.len() {
            let year = changes[i].0;
            while i < changes.len() && changes[i].0 == year {
                in_office += changes[i].1;
                in_main += changes[i].2;
                i += 1;
            }
            let score = (in_office.max(0) as u32, in_main.max(0) as u32);
            let until = changes.get(i).map_or(year, |c| c.0 - 1);
            if score.0 > 0 {
                best = best.max(score);
                stretches.push((year, until, score));
            }
        }
        if best.0 == 0 {
            return None;
        }
        let mut top = stretches.iter().filter(|s| s.2 == best);
        let first = top.next()?;
        let last = top.next_back().unwrap_or(first);
        Some((first.0, last.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entry;
    use crate::span::Span;

    fn terms() -> (Gazetteer, Terms) {
        let gaz = Gazetteer::builder()
            .add(
                Entry::new("arafat", EntityKind::Person, "Yasser Arafat")
                    .role("President", Some(1994), Some(2004))
                    .office("Chairman of the PLO", Some(1969), Some(2004)),
            )
            .add(
                Entry::new("peres", EntityKind::Person, "Shimon Peres")
                    .role("President", Some(2007), Some(2014))
                    .office("Prime Minister", Some(1984), Some(1986))
                    .office("Prime Minister", Some(1995), Some(1996))
                    .office("Foreign Minister", Some(2001), Some(2002)),
            )
            .add(
                Entry::new("powell", EntityKind::Person, "Colin Powell")
                    .role("Secretary of State", Some(2001), Some(2005))
                    .office("Chairman of the Joint Chiefs of Staff", Some(1989), Some(1993)),
            )
            .add(Entry::new("putin", EntityKind::Person, "Vladimir Putin").role(
                "President",
                Some(2012),
                None,
            ))
            .add(Entry::new("nobody", EntityKind::Person, "Jane Doe"))
            .build()
            .unwrap();
        let terms = Terms::new(&gaz);
        (gaz, terms)
    }

    #[test]
    fn the_window_is_when_most_named_people_held_office() {
        let (gaz, terms) = terms();
        let window = |ids: &[&str]| {
            let mentions: Vec<Mention> = ids
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    Mention::new(gaz.lookup(id).unwrap(), Span::new(i * 10, i * 10 + 5), false)
                })
                .collect();
            terms.window(&mentions)
        };
        type Case<'a> = (&'a [&'a str], Option<(i32, i32)>);
        let cases: &[Case] = &[
            (&[], None),
            (&["nobody"], None),
            // One person: the main office's years.
            (&["peres"], Some((2007, 2014))),
            (&["putin"], Some((2012, CURRENT))),
            // Arafat and Peres both held office in three stretches, none Peres's main term;
            // Arafat held his in the last two, and the window spans them.
            (&["arafat", "peres"], Some((1995, 2002))),
            (&["arafat", "peres", "peres"], Some((1995, 2002))),
            // Arafat and Powell both held office in 1989-1993 and 2001-2004; in the second
            // both held their main office.
            (&["arafat", "powell"], Some((2001, 2004))),
            (&["arafat", "peres", "powell"], Some((2001, 2002))),
            // Someone whose terms meet no one else's does not empty the window.
            (&["arafat", "powell", "putin"], Some((2001, 2004))),
        ];
        for (ids, want) in cases {
            assert_eq!(window(ids), *want, "{ids:?}");
        }
    }
}
