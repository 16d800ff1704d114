//! What `actorgraph gazetteer stats` and `check` report: counts per kind, and the conflicts
//! and suspicious aliases a human should look at before trusting a gazetteer.

use std::collections::BTreeMap;
use std::fmt;

use super::entry::{EntityKind, Entry};
use super::{Gazetteer, geonames};

/// Counts of one kind of entity in a gazetteer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindStats {
    /// Entities of this kind.
    pub entities: usize,
    /// Their aliases, adjectival forms included.
    pub aliases: usize,
    /// Aliases that are adjectival forms ("Russian").
    pub adjectival: usize,
    /// Aliases matched only in their exact case ("US", "Turkey").
    pub exact: usize,
}

/// Counts per kind, in the order of [`EntityKind`]: person, state, group, place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// One row per kind that has at least one entity.
    pub kinds: Vec<(EntityKind, KindStats)>,
}

impl Stats {
    /// Returns the sum over all kinds.
    pub fn total(&self) -> KindStats {
        self.kinds.iter().fold(KindStats::default(), |t, (_, k)| KindStats {
            entities: t.entities + k.entities,
            aliases: t.aliases + k.aliases,
            adjectival: t.adjectival + k.adjectival,
            exact: t.exact + k.exact,
        })
    }
}

impl fmt::Display for Stats {
    /// Writes a small aligned table with a total row.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>11} {:>7}",
            "kind", "entities", "aliases", "adjectival", "exact"
        )?;
        let total = self.total();
        let rows = self.kinds.iter().map(|(k, s)| (k.as_str(), s)).chain([("total", &total)]);
        for (name, s) in rows {
            writeln!(
                f,
                "{name:<8} {:>9} {:>9} {:>11} {:>7}",
                s.entities, s.aliases, s.adjectival, s.exact
            )?;
        }
        Ok(())
    }
}

/// One thing `check` found: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Where the entity was defined, as `FILE:LINE` (empty for entities made in code).
    pub origin: String,
    /// What is wrong or worth a look.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.origin.as_str() {
            "" => f.write_str(&self.message),
            origin => write!(f, "{origin}: {}", self.message),
        }
    }
}

impl Gazetteer {
    /// Returns the number of entities and aliases of each kind.
    ///
    /// ```
    /// use actorgraph::{EntityKind, Gazetteer};
    ///
    /// let stats = Gazetteer::builtin().stats();
    /// assert!(stats.total().entities > 3000);
    /// assert_eq!(stats.kinds[0].0, EntityKind::Person);
    /// ```
    pub fn stats(&self) -> Stats {
        let mut by_kind: BTreeMap<EntityKind, KindStats> = BTreeMap::new();
        for entry in self.entries() {
            let s = by_kind.entry(entry.kind()).or_default();
            s.entities += 1;
            s.aliases += entry.aliases().len();
            s.adjectival += entry.aliases().iter().filter(|a| a.is_adjectival()).count();
            s.exact += entry.aliases().iter().filter(|a| a.is_exact()).count();
        }
        Stats { kinds: by_kind.into_iter().collect() }
    }

    /// Returns what a careful editor would look at, in entity order: the build's notices (ids
    /// redefined by a later file, aliases taken over, attributes naming an unknown state), and
    /// suspicious aliases:
    ///
    /// - a state or place named like a common English word or name, from the GeoNames
    ///   importer's stop-list ("Nice", "Reading", "Mobile"), which any capitalised occurrence
    ///   would be taken for;
    /// - a lower-case name of one or two characters that is not case-sensitive;
    /// - a name without a letter.
    ///
    /// An empty list means the gazetteer is clean.
    ///
    /// ```
    /// use actorgraph::{EntityKind, Entry, Gazetteer};
    ///
    /// let gaz = Gazetteer::builder()
    ///     .add(Entry::new("nice", EntityKind::Place, "Nice").alias("nice"))
    ///     .build()?;
    /// let found = gaz.check();
    /// assert!(found.iter().any(|f| f.message.contains("\"nice\" is also a common word")));
    /// assert!(Gazetteer::builtin().check().is_empty());
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn check(&self) -> Vec<Finding> {
        let mut found: Vec<Finding> = self
            .notices()
            .iter()
            .map(|n| Finding { origin: String::new(), message: n.clone() })
            .collect();
        for entry in self.entries().filter(|e| !e.is_discovered()) {
            found.extend(suspicious_aliases(entry));
        }
        found
    }
}

/// The suspicious aliases of one entry.
fn suspicious_aliases(entry: &Entry) -> Vec<Finding> {
    let mut found = Vec::new();
    let place_like = matches!(entry.kind(), EntityKind::State | EntityKind::Place);
    // A shared name (`~`) is resolved per document, so it is not taken "wherever it is capitalised".
    for alias in entry.aliases().iter().filter(|a| !a.is_exact() && !a.is_context()) {
        let text = alias.text();
        let why = if place_like && geonames::is_stop_word(text) {
            "is also a common word or name, taken for this entity wherever it is capitalised"
        } else if text.chars().count() <= 2 && !text.chars().any(char::is_uppercase) {
            "is one or two lower-case characters and not case-sensitive"
        } else if !text.chars().any(char::is_alphabetic) {
            "has no letter"
        } else {
            continue;
        };
        let message = format!(
            "{} \"{}\": \"{text}\" {why}; mark it case-sensitive (\"={text}\") or remove it",
            entry.kind().as_str(),
            entry.id()
        );
        found.push(Finding { origin: entry.origin(), message });
    }
    found
}
