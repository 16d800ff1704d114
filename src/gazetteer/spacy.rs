//! Importing spaCy EntityRuler patterns (JSONL), so that name lists made for spaCy work here.
//!
//! An EntityRuler line is `{"label": "ORG", "pattern": "Apple", "id": "apple"}`: a phrase
//! pattern, or a list of token patterns. Token patterns can express much more than a name
//! (operators, regular expressions, part-of-speech tags); only plain `ORTH` and `LOWER`
//! tokens spell a name, so the rest is reported and skipped.

use std::collections::HashMap;
use std::io::BufRead;

use serde_json::{Map, Value};

use super::entry::{EntityKind, Entry, is_acronym};
use super::write::{Claims, Ids, Import, Importer, Lines, clean_name, open_lines, slug};
use crate::error::Result;

/// Imports spaCy EntityRuler patterns from JSONL.
///
/// Labels map to kinds: `PERSON` to person, `GPE`, `LOC` and `FAC` to place, `ORG` to group.
/// Patterns with the same `id` form one entity; a pattern without `id` gets a slug of its
/// label and text. The first pattern of an entity gives its label. See
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
/// assert_eq!((sf.id(), sf.label(), names), ("sf", "san francisco", vec!["san francisco", "SF"]));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct SpacyImporter {
    _private: (),
}

/// One entity being assembled from its patterns.
struct Pending {
    id: String,
    kind: EntityKind,
    names: Vec<String>,
}

/// The state of one import.
#[derive(Default)]
struct State {
    import: Import,
    entities: Vec<Pending>,
    by_id: HashMap<String, usize>,
    claims: Claims,
    ids: Ids,
}

impl SpacyImporter {
    /// Creates an importer.
    pub fn new() -> SpacyImporter {
        SpacyImporter::default()
    }

    fn import_lines<R: BufRead>(&self, mut lines: Lines<R>) -> Result<Import> {
        let mut state = State::default();
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

impl State {
    fn add(&mut self, pattern: Pattern, origin: &str) {
        let Some(kind) = kind_of(&pattern.label) else {
            let reason = match pattern.label.as_str() {
                "NORP" => {
                    "patterns with label NORP (nationalities, religious and political groups)"
                        .to_string()
                }
                other => format!("patterns with label {other}"),
            };
            self.import.skip(&reason, 1);
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
        let key = match &pattern.id {
            Some(id) => id.clone(),
            None => slug(&format!("{} {}", pattern.label, name.trim_start_matches('='))),
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
        let base = if key.is_empty() || key.contains(char::is_whitespace) || key.starts_with('#') {
            slug(&key)
        } else {
            key.clone()
        };
        let id = self.ids.unique(if base.is_empty() { "pattern" } else { &base });
        self.by_id.insert(key, self.entities.len());
        self.entities.push(Pending { id, kind, names: Vec::new() });
        self.entities.len() - 1
    }

    fn finish(mut self) -> Import {
        for pending in self.entities {
            let mut names = pending.names.into_iter();
            let Some(label) = names.next() else {
                self.import.skip("entities whose every name belongs to an earlier entity", 1);
                continue;
            };
            let entry = names.fold(Entry::new(pending.id, pending.kind, label), |e, n| e.alias(&n));
            self.import.entries.push(entry);
        }
        self.import
    }
}

fn kind_of(label: &str) -> Option<EntityKind> {
    match label {
        "PERSON" => Some(EntityKind::Person),
        "GPE" | "LOC" | "FAC" => Some(EntityKind::Place),
        "ORG" => Some(EntityKind::Group),
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

    fn import(text: &str) -> Import {
        SpacyImporter::new().import_reader("p.jsonl", text.as_bytes()).unwrap()
    }

    fn err(text: &str) -> String {
        SpacyImporter::new().import_reader("p.jsonl", text.as_bytes()).unwrap_err().to_string()
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
        let import = import(r#"{"label": "ORG", "pattern": "Apple", "id": "apple"}"#);
        let want =
            vec![("apple".to_string(), EntityKind::Group, vec![("Apple".to_string(), true)])];
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
                row("gpe_san_francisco", EntityKind::Place, "san francisco", false),
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
{"label": "DATE", "pattern": "Monday"}
{"label": "DATE", "pattern": "Tuesday"}"#;
        let import = import(text);
        assert_eq!(summary(&import)[0].1, EntityKind::Place);
        assert_eq!(
            import.skipped().collect::<Vec<_>>(),
            [
                ("patterns with label DATE", 2),
                ("patterns with label NORP (nationalities, religious and political groups)", 1)
            ]
        );
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
        let text = r#"{"label": "ORG", "pattern": "Apple", "id": "apple"}
{"label": "ORG", "pattern": [{"LOWER": "apple"}, {"LOWER": "inc"}, {"ORTH": "."}], "id": "apple"}
{"label": "PERSON", "pattern": "Tim Cook"}"#;
        let import = import(text);
        let mut out = Vec::new();
        import.write_tsv(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("apple\tgroup\t=Apple\tapple inc.\n"), "{text}");
        let gaz = crate::Gazetteer::builder().add_str("out.tsv", &text).unwrap().build().unwrap();
        assert_eq!(gaz.len(), 2);
    }
}
