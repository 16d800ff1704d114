//! Gazetteers: the known actors, their kinds and every name they go by.
//!
//! A [`Gazetteer`] is built from layers: the built-in files compiled into the crate, files
//! given by the user, and entries added in code. Layers stack in order. A later layer can
//! redefine an id (replacing the entity) and take an alias over from an earlier one, except
//! that a name of the built-in gazetteer is taken over only when asked, so that an imported
//! dictionary adds entities and names without wrecking the built-in ones; within one layer, a
//! duplicate id or an alias claimed by two entities is an error naming both lines. See
//! `gazetteers/README.md` for the file format and the rules.

mod check;
mod entry;
mod fold;
mod geonames;
mod saved;
mod spacy;
mod spelling;
mod tabari;
mod tsv;
mod write;

use std::path::Path;

pub use self::check::{
    Checker, EntityRef, Finding, FindingKind, KindStats, Report, Stats, Takeover,
};
use self::entry::Origin;
pub use self::entry::{Alias, EntityId, EntityKind, Entry, Office};
pub(crate) use self::fold::fold;
pub use self::geonames::GeonamesImporter;
pub use self::spacy::SpacyImporter;
pub use self::tabari::CameoImporter;
pub(crate) use self::write::open_lines;
pub use self::write::{Import, Importer, write_tsv};
use crate::discover::Candidate;
use crate::error::{Error, Result};
use crate::hash::FastMap;
use crate::matcher::Mention;
use crate::span::Coverage;

/// The built-in gazetteer files, compiled into the crate: (name, contents).
const BUILTIN: &[(&str, &str)] = &[
    ("gazetteers/states.tsv", include_str!("../../gazetteers/states.tsv")),
    ("gazetteers/places.tsv", include_str!("../../gazetteers/places.tsv")),
    ("gazetteers/groups.tsv", include_str!("../../gazetteers/groups.tsv")),
    ("gazetteers/people.tsv", include_str!("../../gazetteers/people.tsv")),
    ("gazetteers/institutions.tsv", include_str!("../../gazetteers/institutions.tsv")),
    ("gazetteers/heads-africa-asia.tsv", include_str!("../../gazetteers/heads-africa-asia.tsv")),
    (
        "gazetteers/heads-europe-americas-oceania.tsv",
        include_str!("../../gazetteers/heads-europe-americas-oceania.tsv"),
    ),
    ("gazetteers/ministers-west.tsv", include_str!("../../gazetteers/ministers-west.tsv")),
    ("gazetteers/geography.tsv", include_str!("../../gazetteers/geography.tsv")),
    ("gazetteers/divisions.tsv", include_str!("../../gazetteers/divisions.tsv")),
    ("gazetteers/armed-groups.tsv", include_str!("../../gazetteers/armed-groups.tsv")),
    ("gazetteers/local-oceania.tsv", include_str!("../../gazetteers/local-oceania.tsv")),
    ("gazetteers/local-australia.tsv", include_str!("../../gazetteers/local-australia.tsv")),
    ("gazetteers/ministers-world.tsv", include_str!("../../gazetteers/ministers-world.tsv")),
    ("gazetteers/local-world.tsv", include_str!("../../gazetteers/local-world.tsv")),
    ("gazetteers/figures.tsv", include_str!("../../gazetteers/figures.tsv")),
    ("gazetteers/sport-civic.tsv", include_str!("../../gazetteers/sport-civic.tsv")),
    ("gazetteers/companies.tsv", include_str!("../../gazetteers/companies.tsv")),
    ("gazetteers/historical-states.tsv", include_str!("../../gazetteers/historical-states.tsv")),
    ("gazetteers/bodies-australia.tsv", include_str!("../../gazetteers/bodies-australia.tsv")),
    ("gazetteers/bodies-world.tsv", include_str!("../../gazetteers/bodies-world.tsv")),
    ("gazetteers/economy.tsv", include_str!("../../gazetteers/economy.tsv")),
];

/// Whether `source` names a file of the built-in gazetteer (`gazetteers/places.tsv`), as the
/// origins of its entries do.
pub(crate) fn is_builtin_source(source: &str) -> bool {
    BUILTIN.iter().any(|(name, _)| *name == source)
}

/// A set of entities with unique ids and unambiguous names.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: FastMap<String, EntityId>,
    /// What the build decided, typed for [`Gazetteer::check`].
    notes: Vec<Finding>,
    /// The notes as text, for [`Gazetteer::notices`].
    notices: Vec<String>,
    /// Names a later layer claimed that stayed with the built-in gazetteer.
    kept: Vec<String>,
    /// The names that merge rows added to an earlier entity, with the row each came from.
    merged: Vec<MergedName>,
    /// Names by [`loose_key`] and kind, for [`Gazetteer::known_as`]; built on first use.
    /// `None` marks a key that two entities share.
    loose: std::sync::OnceLock<FastMap<(EntityKind, String), Option<EntityId>>>,
    /// Names by skeleton, for the spelling variants of [`Gazetteer::link_discovered`]; built
    /// on first use.
    spellings: std::sync::OnceLock<spelling::Spellings>,
}

impl Gazetteer {
    /// Returns a builder.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    /// Returns the built-in default gazetteer: states, places, groups and people in
    /// international news.
    ///
    /// ```
    /// let gaz = actorgraph::Gazetteer::builtin();
    /// let russia = gaz.lookup("RUS").unwrap();
    /// assert_eq!(gaz.get(russia).unwrap().label(), "Russia");
    /// ```
    pub fn builtin() -> Gazetteer {
        Gazetteer::builder()
            .add_builtin()
            .build()
            .expect("the built-in gazetteer is checked by the test suite")
    }

    /// Loads one gazetteer file.
    ///
    /// # Errors
    ///
    /// Returns an error naming the file and line if the file cannot be read or is malformed.
    pub fn from_path<P: AsRef<Path>>(path: P) -> Result<Gazetteer> {
        Gazetteer::builder().add_path(path)?.build()
    }

    /// Makes a gazetteer of resolved entries, indexing their ids.
    fn from_entries(
        entries: Vec<Entry>,
        notes: Vec<Finding>,
        kept: Vec<String>,
        merged: Vec<MergedName>,
    ) -> Gazetteer {
        let by_id =
            entries.iter().enumerate().map(|(i, e)| (e.id.clone(), EntityId::new(i))).collect();
        let notices = notes.iter().map(Finding::to_string).collect();
        Gazetteer {
            entries,
            by_id,
            notes,
            notices,
            kept,
            merged,
            loose: std::sync::OnceLock::new(),
            spellings: std::sync::OnceLock::new(),
        }
    }

    /// Returns the entry for an id, if there is one.
    pub fn get(&self, id: EntityId) -> Option<&Entry> {
        self.entries.get(id.as_usize())
    }

    /// Returns the id of the entity with this text id (`RUS`, `vladimir_putin`).
    pub fn lookup(&self, id: &str) -> Option<EntityId> {
        self.by_id.get(id).copied()
    }

    /// Returns all entries, in id order.
    pub fn entries(&self) -> std::slice::Iter<'_, Entry> {
        self.entries.iter()
    }

    /// Returns the entries with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (EntityId, &Entry)> {
        self.entries.iter().enumerate().map(|(i, e)| (EntityId::new(i), e))
    }

    /// Returns the number of entities.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Returns true if there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Returns the entity that a discovered name of this kind means, when it is one of the
    /// entity's names written another way: in another case, with a possessive ("New York's
    /// Police Department"), without dots or hyphens ("US Coast Guard", "Al Qaeda") or with a
    /// leading "the". A shared name (`~`), an adjectival form, or a name two entities have in
    /// those forms means none. The pipeline uses it so that a known actor never gets a second
    /// node.
    ///
    /// ```
    /// use actorgraph::{EntityKind, Gazetteer};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let id = gaz.known_as(EntityKind::Group, "the Islamic state's").unwrap();
    /// assert_eq!(gaz.get(id).unwrap().id(), "islamic_state");
    /// assert_eq!(gaz.known_as(EntityKind::Person, "Islamic State"), None);
    /// ```
    pub fn known_as(&self, kind: EntityKind, name: &str) -> Option<EntityId> {
        let index = self.loose.get_or_init(|| {
            let mut index: FastMap<(EntityKind, String), Option<EntityId>> = FastMap::default();
            for (id, entry) in self.iter().filter(|(_, e)| !e.is_discovered()) {
                let names =
                    entry.aliases().iter().filter(|a| !a.is_context() && !a.is_adjectival());
                for alias in names {
                    let slot =
                        index.entry((entry.kind(), loose_key(alias.text()))).or_insert(Some(id));
                    if *slot != Some(id) {
                        *slot = None;
                    }
                }
            }
            index
        });
        index.get(&(kind, loose_key(name))).copied().flatten()
    }

    /// Registers an actor found by discovery and returns its id. The same kind and name give
    /// the same id; ids follow the order of registration. The entry's text id is
    /// `discovered:KIND:slug`, and [`Entry::is_discovered`] is true.
    ///
    /// ```
    /// use actorgraph::{EntityKind, Gazetteer};
    ///
    /// let mut gaz = Gazetteer::default();
    /// let a = gaz.add_discovered(EntityKind::Person, "Omar Haddad");
    /// assert_eq!(gaz.add_discovered(EntityKind::Person, "Omar Haddad"), a);
    /// assert_eq!(gaz.get(a).unwrap().id(), "discovered:person:omar_haddad");
    /// ```
    pub fn add_discovered(&mut self, kind: EntityKind, name: &str) -> EntityId {
        let id = format!("discovered:{}:{}", kind, slug(name));
        if let Some(existing) = self.lookup(&id) {
            return existing;
        }
        let entity = EntityId::new(self.entries.len());
        let mut entry = Entry::new(id.clone(), kind, name);
        entry.discovered = true;
        entry.origin = Origin { source: "<discovered>".into(), line: 0 };
        self.entries.push(entry);
        self.by_id.insert(id, entity);
        entity
    }

    /// Gives discovered candidates their ids, a known actor's ([`Gazetteer::link_discovered`])
    /// or their own ([`Gazetteer::add_discovered`]), and puts them among a document's
    /// `mentions`, in place of the mentions they overlap; the result
    /// is sorted by position. The cost is linear-logarithmic in the number of mentions.
    ///
    /// ```
    /// use actorgraph::{Discoverer, Gazetteer, Matcher};
    ///
    /// let mut gaz = Gazetteer::builtin();
    /// let text = "Omar Haddad, a spokesman, met Putin.";
    /// let mut mentions = Matcher::new(&gaz)?.find_all(text);
    /// let candidates = Discoverer::new().find(text, &mentions);
    /// gaz.merge_discovered(&mut mentions, candidates);
    /// let ids: Vec<_> = mentions.iter().map(|m| gaz.get(m.entity()).unwrap().id()).collect();
    /// assert_eq!(ids, ["discovered:person:omar_haddad", "vladimir_putin"]);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn merge_discovered(&mut self, mentions: &mut Vec<Mention>, candidates: Vec<Candidate>) {
        if candidates.is_empty() {
            return;
        }
        let discovered = Coverage::new(candidates.iter().map(|c| c.span));
        let (linked, unknown) = self.link_discovered(mentions, candidates);
        mentions.retain(|m| !discovered.overlaps(m.span()));
        mentions.extend(linked);
        for c in unknown {
            let id = self.add_discovered(c.kind, &c.name);
            mentions.push(Mention::new(id, c.span, false));
        }
        mentions.sort_by_key(|m| (m.span().start, m.span().end));
    }

    /// Splits the discovered names of a document whose known mentions are `known` into the
    /// mentions of known actors they are and the names of actors the gazetteer lacks. A name
    /// is a known actor's when [`Gazetteer::known_as`] says so, or when it is one of the
    /// actor's names spelled another way ("Hamed Karzai", "Rick Santroum", "Frenches Forest":
    /// the same consonants, a vowel or a doubled letter apart, one change in a name of fewer
    /// than eight letters and two in a longer one) and the document names the actor's state,
    /// or, for an organisation, when it is the last three words or more of one of the
    /// organisation's names less one or two opening words ("Foreign Relations Committee" for
    /// the Senate's) and the document names its state. A name that fits two actors fits none.
    ///
    /// ```
    /// use actorgraph::{Discoverer, Gazetteer, Matcher};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "In Kabul, the interim leader Hamed Karzai met elders.";
    /// let known = Matcher::new(&gaz)?.find_all(text);
    /// let found = Discoverer::new().find(text, &known);
    /// let (linked, unknown) = gaz.link_discovered(&known, found);
    /// let ids: Vec<&str> = linked.iter().map(|m| gaz.get(m.entity()).unwrap().id()).collect();
    /// assert_eq!(ids, ["hamid_karzai"]);
    /// assert!(unknown.is_empty());
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn link_discovered(
        &self,
        known: &[Mention],
        candidates: Vec<Candidate>,
    ) -> (Vec<Mention>, Vec<Candidate>) {
        let mut linked = Vec::new();
        let mut unknown = Vec::new();
        let mut states = None;
        for c in candidates {
            let id = self.known_as(c.kind, &c.name).or_else(|| {
                let states = states.get_or_insert_with(|| spelling::named_states(self, known));
                let spellings = self.spellings.get_or_init(|| spelling::Spellings::new(self));
                let named = |s: &str| states.contains(s);
                spellings.variant_of(self, c.kind, &c.name, named).or_else(|| {
                    (c.kind == EntityKind::Group)
                        .then(|| spellings.ending_of(self, &c.name, named))
                        .flatten()
                })
            });
            match id {
                Some(id) => linked.push(Mention::new(id, c.span, false)),
                None => unknown.push(c),
            }
        }
        (linked, unknown)
    }

    /// Returns what the build decided that a user may want to know: ids redefined by a later
    /// file, aliases taken over (each naming both entities, file and line), takeovers refused,
    /// and attributes that name an unknown state.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Returns the names that an entity of a later layer claimed but that stayed with the
    /// entity of the built-in gazetteer that has them, because the later layer was not asked
    /// to take names over (see [`GazetteerBuilder::take_over`]): one line each, naming both
    /// entities, file and line. They are the safe default, so [`Gazetteer::check`] leaves them
    /// out.
    ///
    /// ```
    /// use actorgraph::{EntityKind, Entry, Gazetteer};
    ///
    /// let gaz = Gazetteer::builder()
    ///     .add_builtin()
    ///     .add(Entry::new("florida_cuba", EntityKind::Place, "Florida").country("CUB"))
    ///     .build()?;
    /// assert_eq!(gaz.kept_names().len(), 1);
    /// assert!(gaz.kept_names()[0].contains("\"Florida\" stays with the built-in \"florida\""));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn kept_names(&self) -> &[String] {
        &self.kept
    }
}

/// The form of a name under which [`Gazetteer::known_as`] compares names: lower case, without
/// a leading "the", possessive "'s", dots, or hyphens (read as spaces), and with single spaces.
fn loose_key(name: &str) -> String {
    let lower = name.to_lowercase().replace('’', "'").replace(['.'], "").replace('-', " ");
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.strip_suffix("'s").unwrap_or(w))
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// Builds a [`Gazetteer`] from layers of files and entries.
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    layers: Vec<Layer>,
    take_over: bool,
}

/// One layer: a file, or the entries added in code.
#[derive(Clone, Debug)]
struct Layer {
    entries: Vec<Entry>,
    /// Whether the layer is a file of the built-in gazetteer.
    builtin: bool,
}

impl GazetteerBuilder {
    /// Creates an empty builder.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Returns the text of the built-in gazetteer files, for cache keys.
    pub(crate) fn builtin_texts() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(_, text)| *text)
    }

    /// Adds the built-in gazetteer files, each as its own layer.
    pub fn add_builtin(&mut self) -> &mut GazetteerBuilder {
        for (name, text) in BUILTIN {
            let entries = tsv::parse(name, text).expect("the built-in gazetteer parses");
            self.layers.push(Layer { entries, builtin: true });
        }
        self
    }

    /// Lets the layers added after the built-in gazetteer take over the names its entities
    /// hold (off by default). Without it, a name that a built-in entity has stays with it and
    /// the later entity goes without that name (see [`Gazetteer::kept_names`]); an entry can
    /// still ask for itself (the `takeover` column, [`Entry::take_over`]). Even when asked, a
    /// name that is not in capitals never takes an acronym of the built-in gazetteer ("Un"
    /// never takes "UN"), and a populated place (GeoNames feature class `P`) never takes the
    /// name of a place of another country that is an administrative division or a place of
    /// the built-in gazetteer ("Florida" in Cuba never takes the U.S. state's name).
    ///
    /// ```
    /// use actorgraph::{EntityKind, Entry, Gazetteer};
    ///
    /// // A town whose short name is "Un": even with take_over, "Un" never takes the UN's "UN".
    /// let town = Entry::new("un_town", EntityKind::Place, "Un Town").alias("Un");
    /// let gaz = Gazetteer::builder().add_builtin().take_over(true).add(town).build()?;
    /// let town = gaz.get(gaz.lookup("un_town").unwrap()).unwrap();
    /// let names: Vec<_> = town.aliases().iter().map(|a| a.text()).collect();
    /// assert_eq!(names, ["Un Town"]);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn take_over(&mut self, yes: bool) -> &mut GazetteerBuilder {
        self.take_over = yes;
        self
    }

    /// Adds a gazetteer file as a new layer.
    ///
    /// # Errors
    ///
    /// Returns an error naming the file and line if it cannot be read or is malformed.
    pub fn add_path<P: AsRef<Path>>(&mut self, path: P) -> Result<&mut GazetteerBuilder> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|err| Error::io_at(path, err))?;
        let text = String::from_utf8(bytes).map_err(|err| {
            let line = bytecount_lines(&err.as_bytes()[..err.utf8_error().valid_up_to()]);
            Error::gazetteer(path, line, "invalid UTF-8 (save the file as UTF-8)")
        })?;
        self.add_str(&path.display().to_string(), &text)
    }

    /// Adds gazetteer text as a new layer. `name` stands for the file in errors.
    ///
    /// ```
    /// let gaz = actorgraph::Gazetteer::builder()
    ///     .add_str("mine.tsv", "id\tkind\tlabel\taliases\nnusra\tgroup\tal-Nusra Front\tNusra Front")?
    ///     .build()?;
    /// assert_eq!(gaz.len(), 1);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Returns an error naming `name` and the line if the text is malformed.
    pub fn add_str(&mut self, name: &str, text: &str) -> Result<&mut GazetteerBuilder> {
        self.layers.push(Layer { entries: tsv::parse(name, text)?, builtin: false });
        Ok(self)
    }

    /// Adds one entry. Entries added this way form one layer, after the files added so far.
    pub fn add(&mut self, entry: Entry) -> &mut GazetteerBuilder {
        let api_layer =
            self.layers.last().is_some_and(|l| l.entries.first().is_some_and(is_api_entry));
        if !api_layer {
            self.layers.push(Layer { entries: Vec::new(), builtin: false });
        }
        let layer = &mut self.layers.last_mut().expect("a layer was just ensured").entries;
        let line = layer.len() as u64 + 1;
        layer.push(Entry { origin: Origin { source: API_SOURCE.into(), line }, ..entry });
        self
    }

    /// Resolves the layers into a gazetteer.
    ///
    /// # Errors
    ///
    /// Returns an error naming both places if two entities of one layer claim the same name, or
    /// if entries added in code repeat an id.
    pub fn build(&self) -> Result<Gazetteer> {
        for entry in self.layers.iter().flat_map(|l| &l.entries) {
            // A name with no letter or digit would match punctuation (or nothing) anywhere.
            if let Some(alias) =
                entry.aliases.iter().find(|a| !a.text().chars().any(char::is_alphanumeric))
            {
                let msg = format!(
                    "entity \"{}\" has the name \"{}\", which has no letter or digit",
                    entry.id,
                    alias.text()
                );
                return Err(Error::gazetteer(&*entry.origin.source, entry.origin.line, msg));
            }
        }
        let mut notices = Vec::new();
        let (mut layered, roots) = stack_layers(&self.layers, &mut notices)?;
        let builtin: Vec<bool> = self.layers.iter().map(|l| l.builtin).collect();
        let mut resolver = Resolver {
            builtin: &builtin,
            roots: &roots,
            take_over: self.take_over,
            notices,
            kept: Vec::new(),
        };
        resolver.resolve(&mut layered)?;
        let Resolver { notices, kept, .. } = resolver;
        let (entries, merged) = fold_merges(layered, &roots);
        let mut gaz = Gazetteer::from_entries(entries, notices, kept, merged);
        check_references(&mut gaz);
        Ok(gaz)
    }
}

const API_SOURCE: &str = "<entries>";

/// A lower-case `snake_case` form of a name, for ids: "Omar al-Haddad" gives `omar_al_haddad`.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

fn is_api_entry(entry: &Entry) -> bool {
    &*entry.origin.source == API_SOURCE
}

fn bytecount_lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Stacks layers: a later layer's entry replaces an earlier one with the same id, in place,
/// and a merge row ([`Entry::merge`]) is kept apart, to be folded into the entity with its id
/// once names are resolved. Returns each entry with the index of its layer, and each entry's
/// root: its own index, or for a merge row the index of the entity it adds to.
type Stacked = (Vec<(usize, Entry)>, Vec<usize>);

fn stack_layers(layers: &[Layer], notices: &mut Vec<Finding>) -> Result<Stacked> {
    let mut out: Vec<(usize, Entry)> = Vec::new();
    let mut roots: Vec<usize> = Vec::new();
    let mut index: FastMap<&str, usize> = FastMap::default();
    for (layer, entries) in layers.iter().enumerate() {
        for entry in &entries.entries {
            if entry.merge {
                let target = merge_target(&out, &index, entry)?;
                roots.push(target);
                out.push((layer, entry.clone()));
                continue;
            }
            match index.get(entry.id.as_str()) {
                Some(&i) if out[i].0 == layer => {
                    let msg = format!(
                        "duplicate id \"{}\" (first defined at {})",
                        entry.id, out[i].1.origin
                    );
                    return Err(Error::gazetteer(&*entry.origin.source, entry.origin.line, msg));
                }
                Some(&i) => {
                    let old = &out[i].1;
                    let message = format!(
                        "id \"{}\" ({}) replaces the entity defined at {} ({})",
                        entry.id, entry.label, old.origin, old.label
                    );
                    notices.push(Finding::new(FindingKind::Replaced, entry, message));
                    out[i] = (layer, entry.clone());
                }
                None => {
                    index.insert(&entry.id, out.len());
                    roots.push(out.len());
                    out.push((layer, entry.clone()));
                }
            }
        }
    }
    Ok((out, roots))
}

/// Returns the index of the entity a merge row adds to: the one defined before with its id,
/// which must be of the same kind.
fn merge_target(
    out: &[(usize, Entry)],
    index: &FastMap<&str, usize>,
    row: &Entry,
) -> Result<usize> {
    let error = |msg: String| Error::gazetteer(&*row.origin.source, row.origin.line, msg);
    let Some(&target) = index.get(row.id.as_str()) else {
        return Err(error(format!(
            "merge row for \"{}\", but no entity with this id is defined before it",
            row.id
        )));
    };
    let entity = &out[target].1;
    if entity.kind != row.kind {
        return Err(error(format!(
            "merge row for \"{}\" is a {}, but the entity defined at {} is a {}",
            row.id, row.kind, entity.origin, entity.kind
        )));
    }
    Ok(target)
}

/// A name that a merge row added to an earlier entity: the entity's id, the name as written,
/// and the merge row, so that [`Gazetteer::check`] names the row a name came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MergedName {
    pub(crate) entity: String,
    pub(crate) name: String,
    pub(crate) origin: Origin,
}

/// Folds every merge row into the entity it adds to and drops it: the names the entity lacks
/// (by [`Alias::key`]) are added, and so are the attributes it has no value for. Returns the
/// entries and the names the merge rows added.
fn fold_merges(layered: Vec<(usize, Entry)>, roots: &[usize]) -> (Vec<Entry>, Vec<MergedName>) {
    let mut entries: Vec<Option<Entry>> = layered.into_iter().map(|(_, e)| Some(e)).collect();
    let mut merged = Vec::new();
    for (i, &root) in roots.iter().enumerate() {
        if root != i {
            let row = entries[i].take().expect("a merge row is folded once");
            let entity = entries[root].as_mut().expect("a merge row adds to an entity");
            merge_into(entity, row, &mut merged);
        }
    }
    (entries.into_iter().flatten().collect(), merged)
}

fn merge_into(entity: &mut Entry, row: Entry, merged: &mut Vec<MergedName>) {
    for alias in row.aliases {
        if !entity.aliases.iter().any(|a| a.key() == alias.key()) {
            let (entity_id, name) = (entity.id.clone(), alias.text().to_string());
            merged.push(MergedName { entity: entity_id, name, origin: row.origin.clone() });
            entity.aliases.push(alias);
        }
    }
    let fill = |slot: &mut Option<String>, value: Option<String>| {
        if slot.is_none() {
            *slot = value;
        }
    };
    fill(&mut entity.iso, row.iso);
    fill(&mut entity.affiliation, row.affiliation);
    fill(&mut entity.country, row.country);
    fill(&mut entity.note, row.note);
    fill(&mut entity.code, row.code);
    if entity.role.is_none() && row.role.is_some() {
        (entity.role, entity.from, entity.to) = (row.role, row.from, row.to);
    }
    for office in row.offices {
        entity.push_office(office);
    }
    let (place, more) = (&mut entity.place, row.place);
    if place.latitude.is_none() && place.longitude.is_none() {
        (place.latitude, place.longitude) = (more.latitude, more.longitude);
    }
    fill(&mut place.feature, more.feature);
    fill(&mut place.admin, more.admin);
    place.population = place.population.or(more.population);
    place.geonames = place.geonames.or(more.geonames);
}

/// Gives every name to exactly one entity: within a layer a shared name is an error; across
/// layers the later layer keeps it, except that a name of the built-in gazetteer is taken over
/// only when asked and never against the rules of [`GazetteerBuilder::take_over`].
struct Resolver<'a> {
    /// Whether each layer is a file of the built-in gazetteer.
    builtin: &'a [bool],
    /// Each entry's root (see [`stack_layers`]): a merge row and its entity share one.
    roots: &'a [usize],
    take_over: bool,
    notices: Vec<Finding>,
    kept: Vec<String>,
}

const DIVISION: &str =
    "a populated place never takes the name of a division or built-in place of another country";

/// What becomes of a name that an entity of a later layer claims.
enum Claim {
    /// The later entity takes it.
    TakeOver,
    /// The earlier (built-in) entity keeps it: the later one did not ask.
    Kept,
    /// The earlier (built-in) entity keeps it although the later one asked: why.
    Refused(&'static str),
}

impl Resolver<'_> {
    fn resolve(&mut self, entries: &mut [(usize, Entry)]) -> Result<()> {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_key(|&i| entries[i].0);
        let keys = AliasKeys::new(entries);
        let mut owner: FastMap<&str, usize> = FastMap::default();
        owner.reserve(keys.ends.len());
        let mut lost: Vec<(usize, String)> = Vec::new();
        for &i in &order {
            for (a, alias) in entries[i].1.aliases.iter().enumerate() {
                // A name marked as shared is resolved per document, never owned.
                if alias.is_context() {
                    continue;
                }
                let key = keys.get(i, a);
                let j = match owner.get(key) {
                    None => {
                        owner.insert(key, i);
                        continue;
                    }
                    Some(&j) if self.roots[j] == self.roots[i] => continue,
                    Some(&j) if entries[j].0 == entries[i].0 => {
                        return Err(alias_conflict(&entries[i].1, &entries[j].1, alias.text()));
                    }
                    Some(&j) => j,
                };
                let (claimant, holder) = (&entries[i].1, &entries[j].1);
                match self.claim(entries[j].0, holder, claimant, entries[i].0, alias, key) {
                    Claim::TakeOver => {
                        self.notices.push(Finding::takeover(alias.text(), claimant, holder));
                        lost.push((j, key.to_string()));
                        owner.insert(key, i);
                    }
                    Claim::Kept => {
                        self.kept.push(format!(
                            "{}: \"{}\" stays with the built-in \"{}\" ({}), not \"{}\"",
                            claimant.origin,
                            alias.text(),
                            holder.id,
                            holder.origin,
                            claimant.id
                        ));
                        lost.push((i, key.to_string()));
                    }
                    Claim::Refused(why) => {
                        let message = format!(
                            "\"{}\" stays with \"{}\" ({}, {}), not \"{}\" ({}): {why}",
                            alias.text(),
                            holder.id,
                            holder.label,
                            holder.origin,
                            claimant.id,
                            claimant.label
                        );
                        self.notices.push(Finding::new(FindingKind::Refused, claimant, message));
                        lost.push((i, key.to_string()));
                    }
                }
            }
        }
        drop(owner);
        for (j, key) in lost {
            entries[j].1.aliases.retain(|a| a.key() != key);
        }
        Ok(())
    }

    /// Decides a name (`alias`, whose key is `key`) that `claimant` of layer `to` claims from
    /// `holder` of the earlier layer `from`.
    fn claim(
        &self,
        from: usize,
        holder: &Entry,
        claimant: &Entry,
        to: usize,
        alias: &Alias,
        key: &str,
    ) -> Claim {
        let populated = claimant.kind == EntityKind::Place
            && claimant.place.feature.as_deref().is_some_and(|f| f == "P" || f.starts_with("P."));
        let foreign_place = holder.kind == EntityKind::Place && claimant.country != holder.country;
        if !self.builtin[from] || self.builtin[to] {
            if !self.builtin[to] && populated && foreign_place && holder.is_division() {
                return Claim::Refused(DIVISION);
            }
            return Claim::TakeOver;
        }
        if !self.take_over && !claimant.take_over {
            return Claim::Kept;
        }
        let held = holder.aliases.iter().find(|a| a.key() == key).map_or("", |a| a.text());
        if entry::is_acronym(held) && !entry::is_acronym(alias.text()) {
            return Claim::Refused("a name not in capitals never takes an acronym");
        }
        if populated && foreign_place {
            return Claim::Refused(DIVISION);
        }
        Claim::TakeOver
    }
}

/// Every alias's conflict key (see [`Alias::key`]) in one buffer: one allocation instead of one
/// per name.
struct AliasKeys {
    text: String,
    /// The end of each key in `text`, entry by entry and alias by alias.
    ends: Vec<usize>,
    /// The index in `ends` of each entry's first alias.
    firsts: Vec<usize>,
}

impl AliasKeys {
    fn new(entries: &[(usize, Entry)]) -> AliasKeys {
        let mut keys = AliasKeys { text: String::new(), ends: Vec::new(), firsts: Vec::new() };
        for (_, entry) in entries {
            keys.firsts.push(keys.ends.len());
            for alias in &entry.aliases {
                let text = alias.text();
                if text.is_ascii() {
                    keys.text.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    keys.text.push_str(&alias.key());
                }
                keys.ends.push(keys.text.len());
            }
        }
        keys
    }

    /// Returns the key of alias `a` of entry `i`.
    fn get(&self, i: usize, a: usize) -> &str {
        let k = self.firsts[i] + a;
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }
}

fn alias_conflict(entry: &Entry, first: &Entry, alias: &str) -> Error {
    let msg = format!(
        "\"{}\" is claimed by \"{}\" and by \"{}\" ({})",
        alias, entry.id, first.id, first.origin
    );
    Error::gazetteer(&*entry.origin.source, entry.origin.line, msg)
}

/// Notes affiliations and countries that name no state of the gazetteer.
fn check_references(gaz: &mut Gazetteer) {
    let mut notices = Vec::new();
    for entry in &gaz.entries {
        for state in [&entry.affiliation, &entry.country].into_iter().flatten() {
            let known = gaz
                .lookup(state)
                .and_then(|id| gaz.get(id))
                .is_some_and(|e| e.kind == EntityKind::State);
            if !known {
                let message = format!("\"{state}\" is not a state id of this gazetteer");
                notices.push(Finding::new(FindingKind::UnknownState, entry, message));
            }
        }
    }
    gaz.notices.extend(notices.iter().map(Finding::to_string));
    gaz.notes.extend(notices);
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tkind\tlabel\taliases\n";

    fn layer(rows: &str) -> String {
        format!("{HEADER}{rows}")
    }

    #[test]
    fn names_without_a_letter_or_digit_are_refused_from_code_too() {
        for name in ["-", "!!", "=."] {
            let err = Gazetteer::builder()
                .add(Entry::new("x", EntityKind::Place, "X").alias(name))
                .build()
                .map(|_| ())
                .unwrap_err()
                .to_string();
            assert!(err.contains("no letter or digit"), "{name:?}: {err}");
        }
        // An alias with no text at all is no name: it is left out.
        let gaz = Gazetteer::builder()
            .add(Entry::new("x", EntityKind::Place, "X").alias("=").alias(" "))
            .build()
            .unwrap();
        assert_eq!(gaz.entries().next().unwrap().aliases().len(), 1);
        assert!(Gazetteer::builder().add(Entry::new("x", EntityKind::Place, "=")).build().is_err());
    }

    #[test]
    fn later_layer_replaces_an_id_in_place() {
        let gaz = Gazetteer::builder()
            .add_str("a.tsv", &layer("x\tstate\tX\ny\tstate\tY\n"))
            .unwrap()
            .add_str("b.tsv", &layer("x\tplace\tEx\n"))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(gaz.len(), 2);
        let x = gaz.get(gaz.lookup("x").unwrap()).unwrap();
        assert_eq!((x.kind(), x.label()), (EntityKind::Place, "Ex"));
        assert_eq!(gaz.lookup("x").unwrap().as_usize(), 0);
        assert!(gaz.notices()[0].contains("replaces"), "{:?}", gaz.notices());
    }

    #[test]
    fn shared_alias_in_one_layer_is_an_error() {
        let err = Gazetteer::builder()
            .add_str("a.tsv", &layer("x\tstate\tGeorgia\ny\tplace\tAtlanta\tgeorgia\n"))
            .unwrap()
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.tsv:3: \"georgia\" is claimed by \"y\" and by \"x\" (a.tsv:2)"
        );
    }

    #[test]
    fn later_layer_takes_an_alias_over() {
        let gaz = Gazetteer::builder()
            .add_str("a.tsv", &layer("geo\tstate\tGeorgia\tSakartvelo\n"))
            .unwrap()
            .add_str("b.tsv", &layer("ga\tplace\tGeorgia (US state)\tGeorgia\n"))
            .unwrap()
            .build()
            .unwrap();
        let geo = gaz.get(gaz.lookup("geo").unwrap()).unwrap();
        let names: Vec<_> = geo.aliases().iter().map(Alias::text).collect();
        assert_eq!(names, ["Sakartvelo"]);
        assert_eq!(geo.label(), "Georgia");
        assert!(gaz.notices().iter().any(|n| n.contains("taken over")));
    }

    #[test]
    fn merge_rows_add_to_the_earlier_entity() {
        let more = "id\tkind\tlabel\taliases\tadjectives\tcode\tmerge\n\
RUS\tstate\tRussia\tRossiya|RUSSIA|Moscow\tRossiyan\tRUS\tyes\n\
RUS\tstate\tRussia\tRusland\t\t\tyes\n\
x\tgroup\tX\n";
        let gaz =
            Gazetteer::builder().add_builtin().add_str("c.tsv", more).unwrap().build().unwrap();
        let builtin = Gazetteer::builtin();
        assert_eq!(gaz.len(), builtin.len() + 1);
        let rus = gaz.get(gaz.lookup("RUS").unwrap()).unwrap();
        let old = builtin.get(builtin.lookup("RUS").unwrap()).unwrap();
        assert_eq!(gaz.lookup("RUS"), builtin.lookup("RUS"));
        assert_eq!(
            (rus.label(), rus.iso_code(), rus.actor_code()),
            ("Russia", Some("RU"), Some("RUS"))
        );
        // Every built-in name is kept, adjectives with their flag; the new names follow.
        assert_eq!(&rus.aliases()[..old.aliases().len()], old.aliases());
        let added: Vec<_> = rus.aliases()[old.aliases().len()..]
            .iter()
            .map(|a| (a.text(), a.is_adjectival()))
            .collect();
        assert_eq!(added, [("Rossiya", false), ("Rossiyan", true), ("Rusland", false)]);
        // "Moscow" is a built-in place's name: it stays there.
        assert!(gaz.kept_names().iter().any(|k| k.contains("\"Moscow\" stays with the built-in")));
        assert!(!gaz.notices().iter().any(|n| n.contains("replaces")), "{:?}", gaz.notices());
    }

    #[test]
    fn merge_rows_need_an_earlier_entity_of_their_kind() {
        for (rows, want) in [
            (
                "zz\tstate\tZ\tyes\n",
                "m.tsv:2: merge row for \"zz\", but no entity with this id is defined before it",
            ),
            (
                "y\tplace\tY2\tyes\ny\tplace\tY\t\n",
                "m.tsv:2: merge row for \"y\", but no entity with this id is defined before it",
            ),
            (
                "RUS\tplace\tRussia\tyes\n",
                "m.tsv:2: merge row for \"RUS\" is a place, but the entity defined at gazetteers/states.tsv:",
            ),
        ] {
            let text = format!("id\tkind\tlabel\tmerge\n{rows}");
            let err = Gazetteer::builder()
                .add_builtin()
                .add_str("m.tsv", &text)
                .unwrap()
                .build()
                .map(|_| ())
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(want), "{err}");
        }
        // A merge row may add to an entity of its own file, defined before it.
        let text = "id\tkind\tlabel\tmerge\ny\tplace\tY\t\ny\tplace\tWhy\tyes\n";
        let gaz = Gazetteer::builder().add_str("m.tsv", text).unwrap().build().unwrap();
        let names: Vec<_> =
            gaz.entries().next().unwrap().aliases().iter().map(Alias::text).collect();
        assert_eq!((gaz.len(), names), (1, vec!["Y", "Why"]));
    }

    #[test]
    fn api_entries_form_one_layer() {
        let err = Gazetteer::builder()
            .add(Entry::new("x", EntityKind::State, "X"))
            .add(Entry::new("x", EntityKind::State, "Y"))
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "<entries>:2: duplicate id \"x\" (first defined at <entries>:1)"
        );
    }

    #[test]
    fn unknown_state_references_are_noticed() {
        let gaz = Gazetteer::builder()
            .add(Entry::new("p", EntityKind::Person, "P").affiliation("ZZZ"))
            .build()
            .unwrap();
        assert_eq!(gaz.notices(), ["<entries>:1: \"ZZZ\" is not a state id of this gazetteer"]);
    }

    #[test]
    fn invalid_utf8_file_names_the_line() {
        let path = std::env::temp_dir().join(format!("actorgraph-bad-{}.tsv", std::process::id()));
        std::fs::write(&path, b"id\tkind\tlabel\nx\tstate\tK\xffiv\n").unwrap();
        let err = Gazetteer::from_path(&path).unwrap_err().to_string();
        std::fs::remove_file(&path).unwrap();
        assert!(err.ends_with(":2: invalid UTF-8 (save the file as UTF-8)"), "{err}");
    }
}
