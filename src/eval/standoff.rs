//! Annotated sets in stand-off form: offsets and ids in TSV files beside a JSONL corpus that
//! holds the text (see `data/eval-lee/README.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::Path;

use super::{GoldDocument, GoldMention, GoldPairs, GoldTarget};
use crate::corpus::JsonlOptions;
use crate::error::{Error, Result};
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::span::Span;

/// A stand-off annotated set, split into its parts.
///
/// Gold ids the gazetteer has become [`GoldTarget::Entity`]; the others are actors it lacks,
/// [`GoldTarget::Unknown`] of their kind, so the same annotations serve every version of the
/// gazetteer. Role mentions (flag `role`) are kept with [`GoldMention::role`] set: they are
/// scored apart and left out of the sentence pairs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StandoffSet {
    parts: BTreeMap<String, (Vec<GoldDocument>, GoldPairs)>,
}

impl StandoffSet {
    /// Reads the set in `dir` (`documents.tsv`, `mentions.tsv`, `sentences.tsv`), taking the
    /// texts from the JSONL `corpus`.
    ///
    /// # Errors
    ///
    /// Returns an error naming the file and line for an unreadable file, a malformed row, a
    /// document the corpus does not have, a span that is not on character boundaries or whose
    /// text is not the row's surface, and a kind that differs from the gazetteer's.
    pub fn read<D: AsRef<Path>, C: AsRef<Path>>(
        dir: D,
        corpus: C,
        gaz: &Gazetteer,
    ) -> Result<StandoffSet> {
        let dir = dir.as_ref();
        let texts = read_corpus(corpus.as_ref())?;
        let mut parts: BTreeMap<String, (Vec<GoldDocument>, GoldPairs)> = BTreeMap::new();
        let mut part_of = BTreeMap::new();
        let path = dir.join("documents.tsv");
        for (line, cells) in rows(&path, 2)? {
            let (doc, part) = (cells[0].clone(), cells[1].clone());
            let Some(text) = texts.get(&doc) else {
                return Err(at(&path, line, format!("the corpus has no document \"{doc}\"")));
            };
            let gold = GoldDocument { name: doc.clone(), text: text.clone(), mentions: vec![] };
            let (docs, _) = parts.entry(part.clone()).or_default();
            if part_of.insert(doc.clone(), (part, docs.len())).is_some() {
                return Err(at(&path, line, format!("document \"{doc}\" is listed twice")));
            }
            docs.push(gold);
        }
        let path = dir.join("mentions.tsv");
        let mut ids: BTreeMap<String, Vec<(Span, String)>> = BTreeMap::new();
        for (line, cells) in rows(&path, 7)? {
            let [doc, start, end, surface, kind, id, flags] = &cells[..] else { unreachable!() };
            let Some((part, index)) = part_of.get(doc) else {
                return Err(at(&path, line, format!("document \"{doc}\" is not in documents.tsv")));
            };
            let gold = &mut parts.get_mut(part).expect("a listed part").0[*index];
            let span = span(&gold.text, start, end, surface).map_err(|m| at(&path, line, m))?;
            let kind: EntityKind = kind.parse().map_err(|m: String| at(&path, line, m))?;
            let (adjectival, role) = match flags.as_str() {
                "" => (false, false),
                "adj" => (true, false),
                "role" => (false, true),
                other => return Err(at(&path, line, format!("unknown flag \"{other}\""))),
            };
            let target = match gaz.lookup(id).and_then(|e| gaz.get(e)) {
                Some(entry) if entry.kind() != kind => {
                    let msg = format!("\"{id}\" is a {}, not a {kind}", entry.kind());
                    return Err(at(&path, line, msg));
                }
                Some(_) => {
                    if !role {
                        ids.entry(doc.clone()).or_default().push((span, id.clone()));
                    }
                    GoldTarget::Entity(id.clone())
                }
                None => GoldTarget::Unknown(kind),
            };
            gold.mentions.push(GoldMention { span, target, adjectival, role, actor: id.clone() });
        }
        let path = dir.join("sentences.tsv");
        for (line, cells) in rows(&path, 3)? {
            let Some((part, _)) = part_of.get(&cells[0]) else {
                let msg = format!("document \"{}\" is not in documents.tsv", cells[0]);
                return Err(at(&path, line, msg));
            };
            let (start, end) = (number(&cells[1]), number(&cells[2]));
            let (Some(start), Some(end)) = (start, end) else {
                return Err(at(&path, line, "start and end must be byte offsets"));
            };
            let named: BTreeSet<&String> = ids
                .get(&cells[0])
                .into_iter()
                .flatten()
                .filter(|(s, _)| start <= s.start && s.end <= end)
                .map(|(_, id)| id)
                .collect();
            let pairs = parts.get_mut(part).expect("a listed part").1.entry(cells[0].clone());
            let pairs = pairs.or_default();
            for (i, a) in named.iter().enumerate() {
                for b in named.iter().skip(i + 1) {
                    pairs.insert(((*a).clone(), (*b).clone()));
                }
            }
        }
        for (docs, _) in parts.values_mut() {
            for doc in docs {
                doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
            }
        }
        Ok(StandoffSet { parts })
    }

    /// Returns the names of the parts (`dev`, `test`), in order.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.parts.keys().map(String::as_str)
    }

    /// Returns the documents and gold sentence pairs of one part.
    pub fn part(&self, name: &str) -> Option<(&[GoldDocument], &GoldPairs)> {
        self.parts.get(name).map(|(docs, pairs)| (&docs[..], pairs))
    }
}

fn read_corpus(path: &Path) -> Result<BTreeMap<String, String>> {
    let file = std::fs::File::open(path).map_err(|err| Error::io_at(path, err))?;
    let mut texts = BTreeMap::new();
    for doc in JsonlOptions::new().read(BufReader::new(file), &path.display().to_string()) {
        let doc = doc?;
        texts.insert(doc.id().to_string(), doc.text().to_string());
    }
    Ok(texts)
}

/// The rows of a TSV file after its header, with their line numbers; each must have `width`
/// cells (trailing empty cells may be left out).
fn rows(path: &Path, width: usize) -> Result<Vec<(u64, Vec<String>)>> {
    let text = std::fs::read_to_string(path).map_err(|err| Error::io_at(path, err))?;
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate().skip(1) {
        let line_no = index as u64 + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cells: Vec<String> = line.split('\t').map(String::from).collect();
        if cells.len() > width || cells.len() + 1 < width {
            let msg = format!("{} cells, expected {width}", cells.len());
            return Err(at(path, line_no, msg));
        }
        cells.resize(width, String::new());
        out.push((line_no, cells));
    }
    Ok(out)
}

fn number(cell: &str) -> Option<usize> {
    cell.parse().ok()
}

fn span(text: &str, start: &str, end: &str, surface: &str) -> std::result::Result<Span, String> {
    let (Some(start), Some(end)) = (number(start), number(end)) else {
        return Err("start and end must be byte offsets".to_string());
    };
    match text.get(start..end) {
        Some(found) if found == surface => Ok(Span::new(start, end)),
        Some(found) => Err(format!("the text at {start}..{end} is \"{found}\", not \"{surface}\"")),
        None => Err(format!("{start}..{end} is not a span of the text")),
    }
}

fn at(path: &Path, line: u64, msg: impl Into<String>) -> Error {
    Error::corpus(path.display().to_string(), line, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(dir: &Path, docs: &str, mentions: &str, sentences: &str) -> Result<StandoffSet> {
        std::fs::write(dir.join("documents.tsv"), format!("document\tpart\n{docs}")).unwrap();
        let header = "document\tstart\tend\tsurface\tkind\tid\tflags\n";
        std::fs::write(dir.join("mentions.tsv"), format!("{header}{mentions}")).unwrap();
        let header = "document\tstart\tend\n";
        std::fs::write(dir.join("sentences.tsv"), format!("{header}{sentences}")).unwrap();
        let corpus = "{\"id\":\"a\",\"text\":\"Putin met Hayes. Russia and Ukraine.\"}\n";
        std::fs::write(dir.join("corpus.jsonl"), corpus).unwrap();
        StandoffSet::read(dir, dir.join("corpus.jsonl"), &Gazetteer::builtin())
    }

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("ag-standoff-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn reads_targets_pairs_and_keeps_role_mentions_apart() {
        let dir = temp("ok");
        let mentions = "a\t0\t5\tPutin\tperson\tvladimir_putin\t\n\
                        a\t10\t15\tHayes\tperson\tjordan_hayes\t\n\
                        a\t17\t23\tRussia\tstate\tRUS\n\
                        a\t28\t35\tUkraine\tstate\tUKR\t\n\
                        a\t17\t23\tRussia\tstate\tRUS\trole\n";
        let set = set(&dir, "a\tdev\n", mentions, "a\t0\t16\na\t17\t36\n").unwrap();
        assert_eq!(set.parts().collect::<Vec<_>>(), ["dev"]);
        let (docs, pairs) = set.part("dev").unwrap();
        let targets: Vec<_> = docs[0].mentions.iter().map(|m| m.target.clone()).collect();
        assert_eq!(
            targets,
            [
                GoldTarget::Entity("vladimir_putin".into()),
                GoldTarget::Unknown(EntityKind::Person),
                GoldTarget::Entity("RUS".into()),
                GoldTarget::Entity("RUS".into()),
                GoldTarget::Entity("UKR".into()),
            ]
        );
        let roles: Vec<bool> = docs[0].mentions.iter().map(|m| m.role).collect();
        assert_eq!(roles, [false, false, false, true, false]);
        let want: BTreeSet<_> = [("RUS".to_string(), "UKR".to_string())].into();
        assert_eq!(pairs["a"], want);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let dir = temp("bad");
        for (docs, mentions, want) in [
            ("b\tdev\n", "", "documents.tsv:2: the corpus has no document \"b\""),
            ("a\tdev\n", "a\t0\t4\tPutin\tperson\tx\t\n", "mentions.tsv:2: the text at 0..4"),
            ("a\tdev\n", "a\t0\t5\tPutin\tstate\tvladimir_putin\t\n", "is a person, not a state"),
            ("a\tdev\n", "a\t0\t5\tPutin\tperson\tx\tzz\n", "mentions.tsv:2: unknown flag"),
            ("a\tdev\n", "a\t0\t99\tPutin\tperson\tx\t\n", "0..99 is not a span"),
            ("a\tdev\na\ttest\n", "", "documents.tsv:3: document \"a\" is listed twice"),
        ] {
            let err = set(&dir, docs, mentions, "").unwrap_err().to_string();
            assert!(err.contains(want), "{err}");
        }
    }
}
