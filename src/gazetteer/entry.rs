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
    context: bool,
}

impl Alias {
    /// Parses an alias as written in a gazetteer: a leading `~` marks a name shared with
    /// other entities and resolved by context, then a leading `=` asks for exact case.
    pub(crate) fn parse(raw: &str, adjectival: bool) -> Alias {
        let raw = raw.trim();
        let (raw, context) = match raw.strip_prefix('~') {
            Some(rest) => (rest.trim_start(), true),
            None => (raw, false),
        };
        match raw.strip_prefix('=') {
            Some(text) => Alias { text: text.trim().to_string(), adjectival, exact: true, context },
            None => Alias { text: raw.to_string(), adjectival, exact: is_acronym(raw), context },
        }
    }

    /// Makes an alias from its parts, as stored in a cache.
    pub(crate) fn from_parts(text: String, adjectival: bool, exact: bool, context: bool) -> Alias {
        Alias { text, adjectival, exact, context }
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

    /// Returns true for a name that several entities may share ("Labor Party", "Victoria"),
    /// written with a leading `~`: a mention of it goes to the entity whose state the
    /// document names most, and stays unresolved when that does not decide.
    pub fn is_context(&self) -> bool {
        self.context
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
    pub(crate) offices: Vec<Office>,
    pub(crate) note: Option<String>,
    /// An actor code from a coding scheme such as CAMEO (`RUSGOV`): the `code` column.
    pub(crate) code: Option<String>,
    pub(crate) place: PlaceAttributes,
    pub(crate) take_over: bool,
    /// A row that adds its names and attributes to the earlier entity with its id instead of
    /// replacing it: the `merge` column. The builder folds it in; no built entry has it.
    pub(crate) merge: bool,
    pub(crate) origin: Origin,
    pub(crate) discovered: bool,
}

/// What a place dictionary such as GeoNames says about a place: the `latitude`, `longitude`,
/// `population`, `feature`, `admin` and `geonames` columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PlaceAttributes {
    /// Decimal degrees, written in the shortest form that reads back as the same number.
    pub(crate) latitude: Option<String>,
    pub(crate) longitude: Option<String>,
    pub(crate) population: Option<u64>,
    /// GeoNames' feature class and code: `P.PPLA`, `A.ADM1`, or the class alone (`P`).
    pub(crate) feature: Option<String>,
    /// The country code and the administrative codes, joined by dots: `US.FL`.
    pub(crate) admin: Option<String>,
    pub(crate) geonames: Option<u64>,
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
            offices: Vec::new(),
            note: None,
            code: None,
            place: PlaceAttributes::default(),
            take_over: false,
            merge: false,
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
        let role = role.into();
        self.role = Some(role.clone());
        self.from = from;
        self.to = to;
        self.offices.insert(0, Office { role, from, to });
        self.offices.dedup();
        self
    }

    /// Adds an office a person held, with its years (`to` is `None` while it is held). The
    /// main role set with [`Entry::role`] is an office too.
    ///
    /// ```
    /// use actorgraph::{Entry, EntityKind};
    ///
    /// let putin = Entry::new("vladimir_putin", EntityKind::Person, "Vladimir Putin")
    ///     .role("President", Some(2012), None)
    ///     .office("Prime Minister", Some(2008), Some(2012));
    /// let roles: Vec<_> = putin.offices().iter().map(|o| o.role()).collect();
    /// assert_eq!(roles, ["President", "Prime Minister"]);
    /// assert_eq!(putin.offices()[1].years(), (Some(2008), Some(2012)));
    /// ```
    pub fn office<S: Into<String>>(mut self, role: S, from: Option<i32>, to: Option<i32>) -> Entry {
        self.push_office(Office { role: role.into(), from, to });
        self
    }

    pub(crate) fn push_office(&mut self, office: Office) {
        if !self.offices.contains(&office) {
            self.offices.push(office);
        }
    }

    /// Sets a free note.
    pub fn note<S: Into<String>>(mut self, note: S) -> Entry {
        self.note = Some(note.into());
        self
    }

    /// Sets the actor code of a coding scheme such as CAMEO (`RUSGOV`, `IGOUNO`), which the
    /// graph outputs carry as the nodes' `Code`.
    ///
    /// ```
    /// use actorgraph::{Entry, EntityKind};
    ///
    /// let un = Entry::new("UN", EntityKind::Group, "United Nations").code("IGOUNO");
    /// assert_eq!(un.actor_code(), Some("IGOUNO"));
    /// ```
    pub fn code<S: Into<String>>(mut self, code: S) -> Entry {
        self.code = Some(code.into());
        self
    }

    /// Makes this entry a merge row (the `merge` column): when the gazetteer is built, its
    /// names and the attributes the earlier entity with the same id lacks are added to that
    /// entity instead of replacing it. Building fails if no earlier entity has the id.
    ///
    /// ```
    /// use actorgraph::{EntityKind, Entry, Gazetteer};
    ///
    /// let more = Entry::new("RUS", EntityKind::State, "Russia").alias("Rossiya").code("RUS").merge(true);
    /// let gaz = Gazetteer::builder().add_builtin().add(more).build()?;
    /// let rus = gaz.get(gaz.lookup("RUS").unwrap()).unwrap();
    /// assert!(rus.aliases().iter().any(|a| a.text() == "Rossiya"));
    /// assert!(rus.aliases().iter().any(|a| a.text() == "Russian" && a.is_adjectival()));
    /// assert_eq!(rus.actor_code(), Some("RUS"));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn merge(mut self, yes: bool) -> Entry {
        self.merge = yes;
        self
    }

    /// Sets a place's coordinates, in decimal degrees (WGS 84, as GeoNames gives them).
    ///
    /// ```
    /// use actorgraph::{Entry, EntityKind};
    ///
    /// let paris = Entry::new("paris", EntityKind::Place, "Paris").coordinates(48.85341, 2.3488);
    /// assert_eq!(paris.location(), Some((48.85341, 2.3488)));
    /// ```
    pub fn coordinates(mut self, latitude: f64, longitude: f64) -> Entry {
        self.place.latitude = Some(latitude.to_string());
        self.place.longitude = Some(longitude.to_string());
        self
    }

    /// Sets a place's population.
    pub fn population(mut self, n: u64) -> Entry {
        self.place.population = Some(n);
        self
    }

    /// Sets a place's GeoNames feature class and code, such as `P.PPLA` or `A.ADM1`.
    pub fn feature<S: Into<String>>(mut self, code: S) -> Entry {
        self.place.feature = Some(code.into());
        self
    }

    /// Sets a place's country and administrative codes, joined by dots (`US.FL`).
    pub fn admin<S: Into<String>>(mut self, code: S) -> Entry {
        self.place.admin = Some(code.into());
        self
    }

    /// Sets the GeoNames id of a place.
    pub fn geonames_id(mut self, id: u64) -> Entry {
        self.place.geonames = Some(id);
        self
    }

    /// Lets this entry take over names that the built-in gazetteer's entities hold (see
    /// [`GazetteerBuilder::take_over`](crate::GazetteerBuilder::take_over)); the `takeover`
    /// column of a gazetteer file.
    pub fn take_over(mut self, yes: bool) -> Entry {
        self.take_over = yes;
        self
    }

    pub(crate) fn push_alias(&mut self, alias: Alias) {
        if alias.text.is_empty() {
            return;
        }
        match self.aliases.iter_mut().find(|a| a.text == alias.text) {
            Some(existing) => {
                existing.exact |= alias.exact;
                existing.context &= alias.context;
            }
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

    /// Returns every office a person held, the main role first (see [`Entry::office`]).
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }

    /// Returns the free note.
    pub fn note_text(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Returns the actor code of a coding scheme such as CAMEO (the `code` column).
    pub fn actor_code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// Returns true for a merge row (see [`Entry::merge`]); a built gazetteer has none.
    pub fn is_merge(&self) -> bool {
        self.merge
    }

    /// Returns a place's latitude and longitude, in decimal degrees, when the gazetteer gives
    /// them.
    pub fn location(&self) -> Option<(f64, f64)> {
        let lat = self.place.latitude.as_deref()?.parse().ok()?;
        let lon = self.place.longitude.as_deref()?.parse().ok()?;
        Some((lat, lon))
    }

    /// Returns a place's population, when the gazetteer gives it.
    pub fn population_count(&self) -> Option<u64> {
        self.place.population
    }

    /// Returns a place's GeoNames feature class and code (`P.PPLA`, `A.ADM1`).
    pub fn feature_code(&self) -> Option<&str> {
        self.place.feature.as_deref()
    }

    /// Returns a place's country and administrative codes (`US.FL`).
    pub fn admin_code(&self) -> Option<&str> {
        self.place.admin.as_deref()
    }

    /// Returns a place's GeoNames id.
    pub fn geonames(&self) -> Option<u64> {
        self.place.geonames
    }

    /// Returns true if this entry may take over names the built-in gazetteer holds (the
    /// `takeover` column).
    pub fn takes_over(&self) -> bool {
        self.take_over
    }

    /// Returns true for an administrative division: a place whose feature class is `A`.
    pub(crate) fn is_division(&self) -> bool {
        self.kind == EntityKind::Place
            && self.place.feature.as_deref().is_some_and(|f| f == "A" || f.starts_with("A."))
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

/// An office a person held and its years, from the gazetteer's `role`, `from`, `to` and
/// `offices` columns.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Office {
    pub(crate) role: String,
    pub(crate) from: Option<i32>,
    pub(crate) to: Option<i32>,
}

impl Office {
    /// Returns the office's name, as the gazetteer writes it ("Prime Minister").
    pub fn role(&self) -> &str {
        &self.role
    }

    /// Returns the first and last year in office (`None` for the last while it is held).
    pub fn years(&self) -> (Option<i32>, Option<i32>) {
        (self.from, self.to)
    }

    /// Returns true if the office was held at some time in `year`. An office with no years
    /// is taken to be held at any time.
    pub fn held_in(&self, year: i32) -> bool {
        self.from.is_none_or(|from| from <= year) && self.to.is_none_or(|to| year <= to)
    }

    /// Parses one cell item of the `offices` column: `Prime Minister 1996-2007`,
    /// `President 2012-` (still held) or `Speaker 1999` (one year).
    pub(crate) fn parse(text: &str) -> std::result::Result<Office, String> {
        let text = text.trim();
        let bad = || {
            format!(
                "office \"{text}\" must end with its years, such as \"Prime Minister 1996-2007\" or \"President 2012-\""
            )
        };
        let (role, years) = text.rsplit_once(' ').ok_or_else(bad)?;
        let year = |y: &str| y.parse::<i32>().map_err(|_| bad());
        let (from, to) = match years.split_once('-') {
            Some((from, "")) => (year(from)?, None),
            Some((from, to)) => (year(from)?, Some(year(to)?)),
            None => (year(years)?, Some(year(years)?)),
        };
        if to.is_some_and(|to| to < from) {
            return Err(format!("office \"{text}\" ends before it starts"));
        }
        let role = role.trim();
        if role.is_empty() {
            return Err(bad());
        }
        Ok(Office { role: role.to_string(), from: Some(from), to })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_parse_with_their_years() {
        for (text, want) in [
            ("Prime Minister 1996-2007", Ok(("Prime Minister", Some(1996), Some(2007)))),
            ("President 2012-", Ok(("President", Some(2012), None))),
            ("Speaker 1999", Ok(("Speaker", Some(1999), Some(1999)))),
            ("President", Err(())),
            ("President 2012-2008", Err(())),
            ("1999-2000", Err(())),
            ("Minister x-2000", Err(())),
        ] {
            let got = Office::parse(text);
            let got = got.as_ref().map(|o| (o.role(), o.from, o.to)).map_err(|_| ());
            assert_eq!(got, want, "{text}");
        }
        let office = Office::parse("President 2000-2008").unwrap();
        assert!(!office.held_in(1999) && office.held_in(2000) && office.held_in(2008));
        assert!(!office.held_in(2009));
    }

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
