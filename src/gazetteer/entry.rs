//! One gazetteer entity and its names.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The index of an entity in a [`Gazetteer`](crate::Gazetteer). Ids are assigned in the order
/// entities were loaded, so the same gazetteer files always give the same ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntityId(u32);

impl EntityId {
    pub(crate) fn new(index: usize) -> EntityId {
        EntityId(u32::try_from(index).expect("fewer than 2^32 entities"))
    }

    /// Returns this id as an index into [`Gazetteer::entries`](crate::Gazetteer::entries).
    pub fn as_usize(self) -> usize {
        self.0 as usize
    }
}

/// What kind of actor an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// A named individual.
    Person,
    /// A sovereign state or an entity the news treats as one.
    State,
    /// An organisation, institution, party or armed group.
    Group,
    /// A city, region, river, sea or other location.
    Place,
}

impl EntityKind {
    /// All kinds, in their canonical order.
    pub const ALL: [EntityKind; 4] =
        [EntityKind::Person, EntityKind::State, EntityKind::Group, EntityKind::Place];

    /// Returns the kind's name as written in gazetteers and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::State => "state",
            EntityKind::Group => "group",
            EntityKind::Place => "place",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityKind {
    type Err = String;

    fn from_str(s: &str) -> Result<EntityKind, String> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown kind \"{s}\" (expected person, state, group or place)"))
    }
}

/// One name of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    text: String,
    adjectival: bool,
    exact: bool,
}

impl Alias {
    /// Parses an alias as written in a gazetteer: a leading `=` asks for exact case.
    pub(crate) fn parse(raw: &str, adjectival: bool) -> Alias {
        let raw = raw.trim();
        match raw.strip_prefix('=') {
            Some(text) => Alias { text: text.trim().to_string(), adjectival, exact: true },
            None => Alias { text: raw.to_string(), adjectival, exact: is_acronym(raw) },
        }
    }

    /// Makes an alias from its parts, as stored in a cache.
    pub(crate) fn from_parts(text: String, adjectival: bool, exact: bool) -> Alias {
        Alias { text, adjectival, exact }
    }

    /// Returns the name as written, without any `=` marker.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Returns true for an adjectival or demonym form ("Russian", "Saudis").
    pub fn is_adjectival(&self) -> bool {
        self.adjectival
    }

    /// Returns true if this name matches only in exactly its own case: acronyms such as "US"
    /// and names marked with `=`.
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    /// The key under which two names are the same name: the text, lower-cased.
    pub(crate) fn key(&self) -> String {
        self.text.to_lowercase()
    }
}

/// Returns true for an acronym: at least two letters and no lower-case letter ("US", "U.S.",
/// "NATO", "G7").
pub(crate) fn is_acronym(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !text.chars().any(char::is_lowercase)
}

/// Where an entry was defined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The file, shared by every entry of that file.
    pub(crate) source: Arc<str>,
    pub(crate) line: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// One entity of a gazetteer: an id, a kind, a canonical label, its names and attributes.
///
/// ```
/// use actorgraph::{Entry, EntityKind};
///
/// let entry = Entry::new("RUS", EntityKind::State, "Russia")
///     .alias("Russian Federation")
///     .adjective("Russian")
///     .iso("RU");
/// assert_eq!(entry.label(), "Russia");
/// assert_eq!(entry.aliases().len(), 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub(crate) id: String,
    pub(crate) kind: EntityKind,
    pub(crate) label: String,
    pub(crate) aliases: Vec<Alias>,
    pub(crate) iso: Option<String>,
    pub(crate) affiliation: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) from: Option<i32>,
    pub(crate) to: Option<i32>,
    pub(crate) note: Option<String>,
    pub(crate) origin: Origin,
    pub(crate) discovered: bool,
}

impl Entry {
    /// Creates an entry. Its label is also its first alias.
    pub fn new<I: Into<String>, L: Into<String>>(id: I, kind: EntityKind, label: L) -> Entry {
        let label = label.into();
        Entry {
            id: id.into(),
            kind,
            aliases: vec![Alias::parse(&label, false)],
            label: label.trim_start_matches('=').to_string(),
            iso: None,
            affiliation: None,
            country: None,
            role: None,
            from: None,
            to: None,
            note: None,
            origin: Origin::default(),
            discovered: false,
        }
    }

    /// Adds a name. A leading `=` asks for exact case.
    pub fn alias(mut self, text: &str) -> Entry {
        self.push_alias(Alias::parse(text, false));
        self
    }

    /// Adds an adjectival or demonym form ("Russian"), whose mentions are flagged adjectival.
    pub fn adjective(mut self, text: &str) -> Entry {
        self.push_alias(Alias::parse(text, true));
        self
    }

    /// Sets a state's ISO 3166-1 alpha-2 code.
    pub fn iso<S: Into<String>>(mut self, code: S) -> Entry {
        self.iso = Some(code.into());
        self
    }

    /// Sets the id of the state a person or group belongs to.
    pub fn affiliation<S: Into<String>>(mut self, state: S) -> Entry {
        self.affiliation = Some(state.into());
        self
    }

    /// Sets the id of the state a place lies in.
    pub fn country<S: Into<String>>(mut self, state: S) -> Entry {
        self.country = Some(state.into());
        self
    }

    /// Sets a person's role and the years they held it.
    pub fn role<S: Into<String>>(mut self, role: S, from: Option<i32>, to: Option<i32>) -> Entry {
        self.role = Some(role.into());
        self.from = from;
        self.to = to;
        self
    }

    /// Sets a free note.
    pub fn note<S: Into<String>>(mut self, note: S) -> Entry {
        self.note = Some(note.into());
        self
    }

    pub(crate) fn push_alias(&mut self, alias: Alias) {
        if alias.text.is_empty() {
            return;
        }
        match self.aliases.iter_mut().find(|a| a.text == alias.text) {
            Some(existing) => existing.exact |= alias.exact,
            None => self.aliases.push(alias),
        }
    }

    /// Returns the stable text id (`RUS`, `vladimir_putin`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Returns the kind.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// Returns the canonical label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Returns every name that matches this entity, the label first (unless another file took
    /// it over).
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// Returns the ISO 3166-1 alpha-2 code of a state.
    pub fn iso_code(&self) -> Option<&str> {
        self.iso.as_deref()
    }

    /// Returns the id of the state a person or group belongs to.
    pub fn affiliation_id(&self) -> Option<&str> {
        self.affiliation.as_deref()
    }

    /// Returns the id of the state a place lies in.
    pub fn country_id(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Returns a person's role.
    pub fn role_name(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// Returns the years a person held their role: from and to (`None` for to means current).
    pub fn years(&self) -> (Option<i32>, Option<i32>) {
        (self.from, self.to)
    }

    /// Returns the free note.
    pub fn note_text(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Returns true for an actor proposed by discovery rather than listed in a gazetteer.
    pub fn is_discovered(&self) -> bool {
        self.discovered
    }

    /// Returns where the entry was defined, as `FILE:LINE`.
    pub fn origin(&self) -> String {
        self.origin.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_exact() {
        for (text, acronym) in [
            ("US", true),
            ("U.S.", true),
            ("NATO", true),
            ("G7", false),
            ("G20", false),
            ("Us", false),
            ("I", false),
            ("Russia", false),
            ("UAE", true),
        ] {
            assert_eq!(is_acronym(text), acronym, "{text}");
        }
    }

    #[test]
    fn equals_marks_exact_case() {
        let alias = Alias::parse("=Mobile", false);
        assert_eq!(alias.text(), "Mobile");
        assert!(alias.is_exact());
        assert!(!Alias::parse("Mobile", false).is_exact());
    }

    #[test]
    fn duplicate_aliases_are_kept_once() {
        let entry =
            Entry::new("x", EntityKind::State, "Chad").alias("Chad").alias("").alias("Tchad");
        let names: Vec<_> = entry.aliases().iter().map(Alias::text).collect();
        assert_eq!(names, ["Chad", "Tchad"]);
    }

    #[test]
    fn kinds_parse() {
        assert_eq!("Person".parse::<EntityKind>(), Ok(EntityKind::Person));
        assert!("persn".parse::<EntityKind>().unwrap_err().contains("unknown kind \"persn\""));
    }
}
