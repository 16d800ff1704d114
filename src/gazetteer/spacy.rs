//! Importing spaCy EntityRuler patterns (JSONL), so that name lists made for spaCy work here.
//!
//! An EntityRuler line is `{"label": "ORG", "pattern": "Apple", "id": "apple"}`: a phrase
//! pattern, or a list of token patterns. Token patterns can express much more than a name
//! (operators, regular expressions, part-of-speech tags); only plain `ORTH` and `LOWER`
//! tokens spell a name, so the rest is reported and skipped.

use std::collections::HashMap;
use std::io::BufRead;

use serde_json::{Map, Value};

use super::Gazetteer;
use super::entry::{EntityKind, Entry, is_acronym};
use super::write::{
    Claims, Ids, Import, Importer, Lines, Reference, clean_name, name_key, open_lines, slug,
};
use crate::error::Result;

/// Imports spaCy EntityRuler patterns from JSONL.
///
/// Labels map to kinds: `PERSON` to person, `GPE`, `LOC` and `FAC` to place, `ORG` and `NORP`
/// to group (a `NORP` name that is a state's name or adjective in the reference gazetteer is
/// left to that state). Patterns with the same `id` form one entity; a pattern without `id`
/// gets a slug of its label and text. The entity's label is its first name written with a
/// capital that is not an acronym; otherwise the `id` if it spells one of the names with
/// capitals, else the first name with its words capitalised. An `id` that the reference
/// gazetteer (the built-in one unless [`SpacyImporter::reference`] says otherwise) already
/// has would replace that entity when the file is stacked on it; instead, the patterns
/// become a merge row ([`Entry::merge`]) that adds their new names to that entity, or, for
/// an entity of another kind, an entity renamed `spacy_ID`; both are noted.
/// [`SpacyImporter::keep_ids`] asks for the replacement. See
/// `gazetteers/README.md`, "Importing dictionaries", for all the rules.
///
/// ```
/// use actorgraph::{Importer, SpacyImporter};
///
/// let jsonl = r#"{"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}], "id": "sf"}
/// {"label": "GPE", "pattern": "SF", "id": "sf"}"#;
/// let import = SpacyImporter::new().import_reader("patterns.jsonl", jsonl.as_bytes())?;
/// let sf = &import.entries()[0];
/// let names: Vec<&str> = sf.aliases().iter().map(|a| a.text()).collect();
/// assert_eq!((sf.id(), sf.label()), ("sf", "San Francisco"));
/// assert_eq!(names, ["San Francisco", "san francisco", "SF"]);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct SpacyImporter {
    reference: Reference,
    keep_ids: bool,
}

impl Default for SpacyImporter {
    fn default() -> SpacyImporter {
        SpacyImporter::new()
    }
}

/// One entity being assembled from its patterns.
struct Pending {
    /// The `id` as the patterns give it (or the slug made for a pattern without one).
    key: String,
    id: String,
    kind: EntityKind,
    names: Vec<String>,
    /// Whether the reference has an entity of this id and kind, which the names add to.
    merge: bool,
}

/// The state of one import.
struct State<'a> {
    importer: &'a SpacyImporter,
    import: Import,
    entities: Vec<Pending>,
    by_id: HashMap<String, usize>,
    claims: Claims,
    ids: Ids,
    /// Ids of reference entities of another kind that patterns used, and what they became.
    renamed: Vec<(String, String)>,
    /// Ids of reference entities of the same kind that patterns used: merge rows.
    merged: Vec<String>,
}

impl SpacyImporter {
    /// Creates an importer whose reference is the built-in gazetteer.
    pub fn new() -> SpacyImporter {
        SpacyImporter { reference: Reference::new(&Gazetteer::builtin()), keep_ids: false }
    }

    /// Sets the gazetteer the import will be stacked on (the built-in one by default): its
    /// ids are renamed unless kept, and its states keep their names and adjectives against
    /// `NORP` patterns.
    pub fn reference(&mut self, gaz: &Gazetteer) -> &mut SpacyImporter {
        self.reference = Reference::new(gaz);
        self
    }

    /// Keeps ids that the reference gazetteer has, so that the imported entities replace its
    /// entities of those ids when the file is stacked on it (off by default: such an id's
    /// names are added to the reference entity of its kind, or it is renamed `spacy_ID`).
    pub fn keep_ids(&mut self, yes: bool) -> &mut SpacyImporter {
        self.keep_ids = yes;
        self
    }

    fn import_lines<R: BufRead>(&self, mut lines: Lines<R>) -> Result<Import> {
        let mut state = State {
            importer: self,
            import: Import::default(),
            entities: Vec::new(),
            by_id: HashMap::new(),
            claims: Claims::default(),
            ids: Ids::default(),
            renamed: Vec::new(),
            merged: Vec::new(),
        };
        while let Some(lineno) = lines.next_line()? {
            let line = lines.line();
            if line.trim().is_empty() {
                continue;
            }
            let origin = format!("{}:{}", lines.source(), lineno);
            let pattern = parse_line(line).map_err(|msg| lines.error(lineno, msg))?;
            state.add(pattern, &origin);
        }
        Ok(state.finish())
    }
}

/// One line, parsed.
struct Pattern {
    label: String,
    pattern: Value,
    id: Option<String>,
}

fn parse_line(line: &str) -> std::result::Result<Pattern, String> {
    let value: Value = crate::json::from_str(line).map_err(|err| format!("invalid JSON: {err}"))?;
    let Value::Object(mut object) = value else {
        return Err("expected a JSON object with \"label\" and \"pattern\"".to_string());
    };
    let label = match object.remove("label") {
        Some(Value::String(label)) => label,
        Some(_) => return Err("\"label\" is not a string".to_string()),
        None => return Err("no \"label\"".to_string()),
    };
    let pattern = match object.remove("pattern") {
        Some(pattern @ (Value::String(_) | Value::Array(_))) => pattern,
        Some(_) => return Err("\"pattern\" is neither a string nor a list".to_string()),
        None => return Err("no \"pattern\"".to_string()),
    };
    let id = match object.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(other) => Some(other.to_string()),
    };
    Ok(Pattern { label, pattern, id })
}

impl State<'_> {
    fn add(&mut self, pattern: Pattern, origin: &str) {
        let Some(kind) = kind_of(&pattern.label) else {
            self.import.skip(&format!("patterns with label {}", pattern.label), 1);
            return;
        };
        let name = match name_of(&pattern.pattern) {
            Ok(Some(name)) => name,
            Ok(None) => return self.import.skip("patterns with no letter or digit", 1),
            Err(token) => {
                self.import.notes.push(format!(
                    "{origin}: unsupported token pattern {token} (only ORTH and LOWER with a string are imported)"
                ));
                return self.import.skip("patterns with unsupported token attributes", 1);
            }
        };
        let bare = name.trim_start_matches('=');
        if pattern.label == "NORP" && self.importer.reference.state_named(bare).is_some() {
            return self.import.skip(
                "NORP patterns that name a state or its people (the state has them already)",
                1,
            );
        }
        let key = match &pattern.id {
            Some(id) => id.clone(),
            None => slug(&format!("{} {bare}", pattern.label)),
        };
        let index = self.entity(key, kind);
        if self.entities[index].kind != kind {
            self.import.notes.push(format!(
                "{origin}: label {} gives another kind than the first pattern of id \"{}\"",
                pattern.label, self.entities[index].id
            ));
            return self.import.skip("patterns of another kind than their id's first pattern", 1);
        }
        if self.claims.claim(name.trim_start_matches('='), index) {
            self.entities[index].names.push(name);
        } else {
            self.import.skip("names already claimed by another entity", 1);
        }
    }

    /// Returns the index of the entity for an id, creating it if needed.
    fn entity(&mut self, key: String, kind: EntityKind) -> usize {
        if let Some(&index) = self.by_id.get(&key) {
            return index;
        }
        let mut base =
            if key.is_empty() || key.contains(char::is_whitespace) || key.starts_with('#') {
                slug(&key)
            } else {
                key.clone()
            };
        if base.is_empty() {
            base = "pattern".to_string();
        }
        let mut merge = false;
        match self.importer.reference.kind(&base) {
            Some(_) if self.importer.keep_ids => {}
            Some(known) if known == kind => {
                merge = true;
                self.merged.push(base.clone());
            }
            Some(_) => {
                let renamed = format!("spacy_{base}");
                self.renamed.push((base, renamed.clone()));
                base = renamed;
            }
            None => {}
        }
        let id = self.ids.unique(&base);
        self.by_id.insert(key.clone(), self.entities.len());
        self.entities.push(Pending { key, id, kind, names: Vec::new(), merge });
        self.entities.len() - 1
    }

    /// The merge row of a pending entity whose id the reference has, with the same kind: the
    /// reference's label, and the names that no reference entity has (the others are its own
    /// already, or another entity's, which keeps them).
    fn merge_row(&mut self, pending: Pending) -> Entry {
        let reference = &self.importer.reference;
        let label = reference.label(&pending.id).unwrap_or(&pending.id).to_string();
        let mut entry = Entry::new(pending.id.clone(), pending.kind, label).merge(true);
        for name in &pending.names {
            match reference.owner(name.trim_start_matches('=')) {
                Some((id, _)) if id == pending.id => {}
                Some(_) => self.import.skip("names the built-in gazetteer gives another entity", 1),
                None => entry = entry.alias(name),
            }
        }
        entry
    }

    fn finish(mut self) -> Import {
        for pending in std::mem::take(&mut self.entities) {
            if pending.merge {
                let row = self.merge_row(pending);
                self.import.entries.push(row);
                continue;
            }
            let Some(label) = label_of(&pending.key, &pending.names) else {
                self.import.skip("entities whose every name belongs to an earlier entity", 1);
                continue;
            };
            let entry = Entry::new(pending.id, pending.kind, label);
            let entry = pending.names.iter().fold(entry, |e, n| e.alias(n));
            self.import.entries.push(entry);
        }
        if !self.merged.is_empty() {
            self.import.notes.push(format!(
                "{} ids are ids of built-in entities of the same kind: their names are added to \
                 those entities (merge rows; --keep-ids replaces the entities instead): {}",
                self.merged.len(),
                self.merged.join(", ")
            ));
        }
        if !self.renamed.is_empty() {
            let list: Vec<String> =
                self.renamed.iter().map(|(id, new)| format!("{id} as {new}")).collect();
            self.import.notes.push(format!(
                "{} ids are ids of built-in entities of another kind and were renamed \
                 (--keep-ids replaces the entities instead): {}",
                self.renamed.len(),
                list.join(", ")
            ));
        }
        self.import
    }
}

/// The label of an entity with these names (`=` marks an exact one) and this pattern id:
/// the first name written with a capital that is not an acronym; else the id if it spells
/// one of the names with capitals ("General_Motors"), else the first name that is not an
/// acronym with its words capitalised ("general motors" gives "General Motors"), else the
/// first acronym. `None` when the entity has no name.
fn label_of(key: &str, names: &[String]) -> Option<String> {
    let has_capital = |text: &str| text.chars().any(char::is_uppercase);
    let acronym = |text: &String| is_acronym(text.trim_start_matches('='));
    if let Some(name) = names.iter().find(|n| has_capital(n) && !acronym(n)) {
        return Some(name.clone());
    }
    let spelled = key.replace(['_', '-'], " ");
    if has_capital(&spelled) && names.iter().any(|n| name_key(n) == name_key(&spelled)) {
        return Some(spelled);
    }
    match names.iter().find(|n| !acronym(n)) {
        Some(lower) => Some(capitalised(lower.trim_start_matches('='))),
        None => names.first().cloned(),
    }
}

/// Capitalises each word of a lower-case name but the small words inside it ("bank of
/// america" gives "Bank of America"); letters after a hyphen or apostrophe stay as they are.
fn capitalised(name: &str) -> String {
    const SMALL: &[&str] =
        &["and", "de", "der", "for", "in", "of", "on", "the", "to", "van", "von"];
    let words: Vec<String> = name
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            if i > 0 && SMALL.contains(&word) {
                return word.to_string();
            }
            let mut chars = word.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    words.join(" ")
}

fn kind_of(label: &str) -> Option<EntityKind> {
    match label {
        "PERSON" => Some(EntityKind::Person),
        "GPE" | "LOC" | "FAC" => Some(EntityKind::Place),
        "ORG" | "NORP" => Some(EntityKind::Group),
        _ => None,
    }
}

/// Spells a pattern as one of our names: `=Text` for exact case, plain text when any token
/// is a `LOWER` token. Returns `Ok(None)` for a pattern with no letter or digit, and the offending token
/// as JSON for an unsupported one.
fn name_of(pattern: &Value) -> std::result::Result<Option<String>, String> {
    let (text, exact) = match pattern {
        Value::String(text) => (clean_name(text), true),
        Value::Array(tokens) => {
            let mut words = Vec::new();
            let mut exact = true;
            for token in tokens {
                let (word, lower) = token_text(token).ok_or_else(|| token.to_string())?;
                exact &= !lower;
                words.push(word);
            }
            (clean_name(&join_tokens(&words)), exact)
        }
        _ => unreachable!("parse_line accepts only strings and lists"),
    };
    if !text.chars().any(char::is_alphanumeric) {
        return Ok(None);
    }
    Ok(Some(if exact && !is_acronym(&text) { format!("={text}") } else { text }))
}

/// Returns a token's text and whether it is a `LOWER` token, if it is a plain `ORTH`,
/// `TEXT` or `LOWER` token.
fn token_text(token: &Value) -> Option<(String, bool)> {
    let object: &Map<String, Value> = token.as_object()?;
    if object.len() != 1 {
        return None;
    }
    let (key, value) = object.iter().next()?;
    let text = value.as_str()?;
    match key.as_str() {
        "ORTH" | "TEXT" => Some((text.to_string(), false)),
        "LOWER" => Some((text.to_lowercase(), true)),
        _ => None,
    }
}

/// Joins tokens with spaces, except before closing punctuation and clitics ("'s", ".", "-")
/// and after hyphens, slashes and opening brackets.
fn join_tokens(tokens: &[String]) -> String {
    let mut out = String::new();
    let mut glue_next = true;
    for token in tokens {
        let glue = glue_next || attaches_left(token);
        if !glue {
            out.push(' ');
        }
        out.push_str(token);
        glue_next = matches!(token.as_str(), "-" | "–" | "—" | "/" | "(" | "[" | "{");
    }
    out
}

fn attaches_left(token: &str) -> bool {
    let closing = |c: char| ".,-–—)]}!?:;/'’".contains(c);
    token.starts_with(['\'', '’']) || token == "n't" || token.chars().all(closing)
}

impl Importer for SpacyImporter {
    fn import_reader<R: BufRead>(&self, name: &str, rdr: R) -> Result<Import> {
        self.import_lines(open_lines(name, rdr)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An importer with the built-in gazetteer as its reference, built once.
    fn importer() -> SpacyImporter {
        static IMPORTER: std::sync::OnceLock<SpacyImporter> = std::sync::OnceLock::new();
        IMPORTER.get_or_init(SpacyImporter::new).clone()
    }

    fn import(text: &str) -> Import {
        importer().import_reader("p.jsonl", text.as_bytes()).unwrap()
    }

    fn err(text: &str) -> String {
        importer().import_reader("p.jsonl", text.as_bytes()).unwrap_err().to_string()
    }

    /// A name and whether it is exact.
    type Name = (String, bool);

    /// (id, kind, names) of every entry.
    fn summary(import: &Import) -> Vec<(String, EntityKind, Vec<Name>)> {
        import
            .entries()
            .iter()
            .map(|e| {
                let names = e.aliases().iter().map(|a| (a.text().to_string(), a.is_exact()));
                (e.id().to_string(), e.kind(), names.collect())
            })
            .collect()
    }

    fn names(entry: &Entry) -> Vec<&str> {
        entry.aliases().iter().map(|a| a.text()).collect()
    }

    #[test]
    fn r14_duplicate_keys_are_an_error_naming_file_and_line() {
        let text = "{\"label\": \"ORG\", \"pattern\": \"Apple\"}\n\
                    {\"label\": \"ORG\", \"label\": \"GPE\", \"pattern\": \"Apple\"}\n";
        let err = err(text);
        assert!(err.starts_with("p.jsonl:2: invalid JSON: duplicate key \"label\""), "{err}");
    }

    #[test]
    fn phrase_patterns_are_exact() {
        let import = import(r#"{"label": "ORG", "pattern": "Acme", "id": "acme"}"#);
        let want = vec![("acme".to_string(), EntityKind::Group, vec![("Acme".to_string(), true)])];
        assert_eq!(summary(&import), want);
    }

    #[test]
    fn token_patterns_orth_and_lower() {
        let text = r#"{"label": "GPE", "pattern": [{"LOWER": "San"}, {"LOWER": "francisco"}]}
{"label": "PERSON", "pattern": [{"ORTH": "Angela"}, {"TEXT": "Merkel"}]}
{"label": "ORG", "pattern": [{"ORTH": "NATO"}]}
{"label": "LOC", "pattern": [{"ORTH": "Gulf"}, {"LOWER": "of"}, {"ORTH": "Aden"}]}"#;
        let got: Vec<_> =
            summary(&import(text)).into_iter().map(|(id, k, n)| (id, k, n[0].clone())).collect();
        let row =
            |id: &str, kind, name: &str, exact| (id.to_string(), kind, (name.to_string(), exact));
        assert_eq!(
            got,
            [
                row("gpe_san_francisco", EntityKind::Place, "San Francisco", false),
                row("person_angela_merkel", EntityKind::Person, "Angela Merkel", true),
                row("org_nato", EntityKind::Group, "NATO", true),
                row("loc_gulf_of_aden", EntityKind::Place, "Gulf of Aden", false),
            ]
        );
    }

    #[test]
    fn punctuation_tokens_join_without_spaces() {
        let join = |tokens: &[&str]| {
            join_tokens(&tokens.iter().map(|t| t.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(join(&["Coca", "-", "Cola"]), "Coca-Cola");
        assert_eq!(join(&["McDonald", "'s"]), "McDonald's");
        assert_eq!(join(&["St", ".", "Louis"]), "St. Louis");
        assert_eq!(join(&["Bosnia", "and", "Herzegovina"]), "Bosnia and Herzegovina");
        assert_eq!(join(&["AT", "&", "T"]), "AT & T");
        assert_eq!(join(&["Doctors", "(", "MSF", ")"]), "Doctors (MSF)");
    }

    #[test]
    fn unsupported_tokens_are_noted_with_their_line() {
        let text = r#"{"label": "ORG", "pattern": [{"LOWER": "acme"}, {"IS_DIGIT": true}]}

{"label": "ORG", "pattern": [{"LOWER": "acme", "OP": "?"}]}
{"label": "ORG", "pattern": [{"TEXT": {"REGEX": "^[Aa]cme$"}}]}
{"label": "ORG", "pattern": ["acme"]}"#;
        let import = import(text);
        assert!(import.entries().is_empty());
        assert_eq!(
            import.skipped().collect::<Vec<_>>(),
            [("patterns with unsupported token attributes", 4)]
        );
        assert_eq!(
            import.notes()[0],
            "p.jsonl:1: unsupported token pattern {\"IS_DIGIT\":true} (only ORTH and LOWER with a string are imported)"
        );
        let lines: Vec<_> = import.notes().iter().map(|n| n.split(':').nth(1).unwrap()).collect();
        assert_eq!(lines, ["1", "3", "4", "5"]);
    }

    #[test]
    fn labels_map_to_kinds_or_are_skipped() {
        let text = r#"{"label": "FAC", "pattern": "Golden Gate Bridge"}
{"label": "NORP", "pattern": "Russians"}
{"label": "NORP", "pattern": "Sunnis"}
{"label": "DATE", "pattern": "Monday"}
{"label": "DATE", "pattern": "Tuesday"}"#;
        let import = import(text);
        let kinds: Vec<_> = summary(&import).into_iter().map(|(id, kind, _)| (id, kind)).collect();
        let row = |id: &str, kind| (id.to_string(), kind);
        assert_eq!(
            kinds,
            [
                row("fac_golden_gate_bridge", EntityKind::Place),
                row("norp_sunnis", EntityKind::Group)
            ]
        );
        assert_eq!(
            import.skipped().collect::<Vec<_>>(),
            [
                ("NORP patterns that name a state or its people (the state has them already)", 1),
                ("patterns with label DATE", 2),
            ]
        );
    }

    #[test]
    fn the_label_is_the_best_cased_name() {
        // (pattern id, names in pattern order, label)
        let rows: &[(&str, &[&str], &str)] = &[
            ("gm", &["general motors", "=General Motors"], "General Motors"),
            ("gm", &["general motors", "GM"], "General Motors"),
            ("gm", &["GM"], "GM"),
            ("General_Motors", &["general motors"], "General Motors"),
            ("General-Motors", &["general motors"], "General Motors"),
            ("Acme_Corp", &["general motors"], "General Motors"),
            ("gm", &["general motors"], "General Motors"),
            ("boa", &["bank of america"], "Bank of America"),
            ("x", &["the hague"], "The Hague"),
            ("x", &["coca-cola"], "Coca-cola"),
        ];
        for &(key, names, want) in rows {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let label = label_of(key, &names).unwrap();
            assert_eq!(label.trim_start_matches('='), want, "{key} {names:?}");
        }
        assert_eq!(label_of("x", &[]), None);
        let text = r#"{"label": "ORG", "pattern": [{"LOWER": "acme"}, {"LOWER": "widgets"}]}"#;
        let import = import(text);
        let acme = &import.entries()[0];
        assert_eq!(
            (acme.label(), names(acme)),
            ("Acme Widgets", vec!["Acme Widgets", "acme widgets"])
        );
    }

    #[test]
    fn built_in_ids_add_to_their_entities_unless_kept() {
        let text = r#"{"label": "PERSON", "pattern": "Barack Obama", "id": "barack_obama"}
{"label": "PERSON", "pattern": "Obama Barack", "id": "barack_obama"}
{"label": "PERSON", "pattern": "Paris", "id": "barack_obama"}
{"label": "GPE", "pattern": "Apple Valley", "id": "apple"}
{"label": "ORG", "pattern": "Acme", "id": "acme"}"#;
        let import = import(text);
        let rows: Vec<_> =
            import.entries().iter().map(|e| (e.id(), e.is_merge(), names(e))).collect();
        assert_eq!(
            rows,
            [
                // Obama's merge row: his label, and the one name nobody has ("Paris" is
                // the city's, "Barack Obama" his own already).
                ("barack_obama", true, vec!["Barack Obama", "Obama Barack"]),
                ("spacy_apple", false, vec!["Apple Valley"]),
                ("acme", false, vec!["Acme"])
            ]
        );
        assert_eq!(
            import.skipped().collect::<Vec<_>>(),
            [("names the built-in gazetteer gives another entity", 1)]
        );
        let notes = import.notes();
        assert!(notes[0].starts_with("1 ids are ids of built-in entities of the same kind"));
        assert!(notes[0].ends_with(": barack_obama"), "{notes:?}");
        assert!(notes[1].ends_with("of another kind and were renamed (--keep-ids replaces the entities instead): apple as spacy_apple"), "{notes:?}");
        // Stacked, the built-in Obama keeps his names and gains the new one.
        let mut tsv = Vec::new();
        import.write_tsv(&mut tsv).unwrap();
        let tsv = String::from_utf8(tsv).unwrap();
        let gaz =
            Gazetteer::builder().add_builtin().add_str("p.tsv", &tsv).unwrap().build().unwrap();
        let obama = gaz.get(gaz.lookup("barack_obama").unwrap()).unwrap();
        let names = obama.aliases().iter().map(|a| a.text()).collect::<Vec<_>>();
        assert!(names.contains(&"Obama") && names.contains(&"Obama Barack"), "{names:?}");
        assert_eq!(obama.role_name(), Some("President"));
        let mut keeping = importer();
        let kept = keeping.keep_ids(true).import_reader("p.jsonl", text.as_bytes()).unwrap();
        let rows: Vec<_> = kept.entries().iter().map(|e| (e.id(), e.is_merge())).collect();
        assert_eq!(rows, [("barack_obama", false), ("apple", false), ("acme", false)]);
        assert!(kept.notes().is_empty());
    }

    #[test]
    fn same_id_merges_and_first_text_is_the_label() {
        let text = r#"{"label": "ORG", "pattern": "United Nations", "id": "un"}
{"label": "ORG", "pattern": "UN", "id": "un"}
{"label": "GPE", "pattern": "U.N.", "id": "un"}
{"label": "ORG", "pattern": [{"LOWER": "united"}, {"LOWER": "nations"}], "id": "un"}"#;
        let import = import(text);
        assert_eq!(import.entries().len(), 1);
        let un = &import.entries()[0];
        assert_eq!((un.id(), un.label()), ("un", "United Nations"));
        assert_eq!(names(un), ["United Nations", "UN", "united nations"]);
        assert_eq!(
            import.skipped().collect::<Vec<_>>(),
            [("patterns of another kind than their id's first pattern", 1)]
        );
        assert!(import.notes()[0].starts_with("p.jsonl:3: label GPE gives another kind"));
    }

    #[test]
    fn duplicate_names_go_to_the_first_entity() {
        let text = r#"{"label": "GPE", "pattern": "Georgia", "id": "georgia_state"}
{"label": "GPE", "pattern": "Georgia", "id": "georgia_us"}
{"label": "GPE", "pattern": "Sakartvelo", "id": "georgia_state"}
{"label": "ORG", "pattern": "Acme", "id": "bad id"}"#;
        let import = import(text);
        let ids: Vec<_> = import.entries().iter().map(|e| e.id()).collect();
        assert_eq!(ids, ["georgia_state", "bad_id"]);
        assert_eq!(names(&import.entries()[0]), ["Georgia", "Sakartvelo"]);
        assert_eq!(
            import.skipped().collect::<Vec<_>>(),
            [
                ("entities whose every name belongs to an earlier entity", 1),
                ("names already claimed by another entity", 1)
            ]
        );
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let good = r#"{"label": "ORG", "pattern": "Acme"}"#;
        assert!(
            err(&format!("{good}\n{{\"label\": \"ORG\",")).starts_with("p.jsonl:2: invalid JSON: ")
        );
        assert_eq!(
            err("[1, 2]"),
            "p.jsonl:1: expected a JSON object with \"label\" and \"pattern\""
        );
        assert_eq!(err(r#"{"pattern": "Acme"}"#), "p.jsonl:1: no \"label\"");
        assert_eq!(
            err(r#"{"label": 1, "pattern": "Acme"}"#),
            "p.jsonl:1: \"label\" is not a string"
        );
        assert_eq!(err(r#"{"label": "ORG"}"#), "p.jsonl:1: no \"pattern\"");
        assert_eq!(
            err(r#"{"label": "ORG", "pattern": 5}"#),
            "p.jsonl:1: \"pattern\" is neither a string nor a list"
        );
    }

    #[test]
    fn output_loads_as_a_gazetteer() {
        let text = r#"{"label": "ORG", "pattern": "Acme", "id": "acme"}
{"label": "ORG", "pattern": [{"LOWER": "acme"}, {"LOWER": "inc"}, {"ORTH": "."}], "id": "acme"}
{"label": "PERSON", "pattern": "Tim Cook"}"#;
        let import = import(text);
        let mut out = Vec::new();
        import.write_tsv(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("acme\tgroup\t=Acme\tacme inc.\n"), "{text}");
        let gaz = crate::Gazetteer::builder().add_str("out.tsv", &text).unwrap().build().unwrap();
        assert_eq!(gaz.len(), 2);
    }
}
