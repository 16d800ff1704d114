//! Annotated sets in stand-off form: offsets and ids in TSV files beside a JSONL corpus that
//! holds the text (see `data/eval-lee/README.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::Path;

use super::events::{add_once, gold_event};
use super::{GoldDocument, GoldEvents, GoldMention, GoldPairs, GoldTarget};
use crate::corpus::JsonlOptions;
use crate::error::{Error, Result};
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::span::Span;

/// A stand-off annotated set, split into its parts.
///
/// Gold ids the gazetteer has become [`GoldTarget::Entity`]; the others are actors it lacks,
/// [`GoldTarget::Unknown`] of their kind, so the same annotations serve every version of the
/// gazetteer. Role mentions (flag `role`) are kept with [`GoldMention::role`] set: they are
/// scored apart and left out of the sentence pairs. When the set has event annotations
/// (`events.tsv` and `events-documents.txt`), each part has its [`GoldEvents`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StandoffSet {
    parts: BTreeMap<String, (Vec<GoldDocument>, GoldPairs)>,
    events: BTreeMap<String, GoldEvents>,
}

/// Where each listed document is: its part and its index there.
type PartOf = BTreeMap<String, (String, usize)>;

impl StandoffSet {
    /// Reads the set in `dir` (`documents.tsv`, `mentions.tsv`, `sentences.tsv`, and the
    /// event annotations `events.tsv` and `events-documents.txt` if there are any), taking the
    /// texts from the JSONL `corpus`.
    ///
    /// # Errors
    ///
    /// Returns an error naming the file and line for an unreadable file, a malformed row, a
    /// document the corpus does not have, a span that is not on character boundaries or whose
    /// text is not the row's surface, and a kind that differs from the gazetteer's; for the
    /// events, one of the two files without the other, a header other than the format's, a
    /// document not listed in `events-documents.txt`, a span that is not a row of
    /// `sentences.tsv`, an actor no mention of the sentence names, a bad code or flag, or a
    /// repeated event.
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
        let mut sentences: BTreeMap<String, Vec<Span>> = BTreeMap::new();
        for (line, cells) in rows(&path, 3)? {
            let Some((part, _)) = part_of.get(&cells[0]) else {
                let msg = format!("document \"{}\" is not in documents.tsv", cells[0]);
                return Err(at(&path, line, msg));
            };
            let (start, end) = (number(&cells[1]), number(&cells[2]));
            let (Some(start), Some(end)) = (start, end) else {
                return Err(at(&path, line, "start and end must be byte offsets"));
            };
            sentences.entry(cells[0].clone()).or_default().push(Span::new(start, end));
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
        let events = read_events(dir, &parts, &part_of, &sentences)?;
        Ok(StandoffSet { parts, events })
    }

    /// Returns the names of the parts (`dev`, `test`), in order.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.parts.keys().map(String::as_str)
    }

    /// Returns the documents and gold sentence pairs of one part.
    pub fn part(&self, name: &str) -> Option<(&[GoldDocument], &GoldPairs)> {
        self.parts.get(name).map(|(docs, pairs)| (&docs[..], pairs))
    }

    /// Returns the gold events of one part, or `None` if the set has no event annotations
    /// (or no such part). Only the documents of `events-documents.txt` are covered.
    pub fn events(&self, part: &str) -> Option<&GoldEvents> {
        self.events.get(part)
    }
}

/// The header of `events.tsv` in a stand-off set.
const EVENTS_HEADER: &str = "document\tstart\tend\tsource\ttarget\tcode\tflags";

/// Reads `events-documents.txt` and `events.tsv`, if the set has them: the gold events of
/// each part, every part present (with no document covered if none of its is listed).
fn read_events(
    dir: &Path,
    parts: &BTreeMap<String, (Vec<GoldDocument>, GoldPairs)>,
    part_of: &PartOf,
    sentences: &BTreeMap<String, Vec<Span>>,
) -> Result<BTreeMap<String, GoldEvents>> {
    let (list, path) = (dir.join("events-documents.txt"), dir.join("events.tsv"));
    match (list.exists(), path.exists()) {
        (false, false) => return Ok(BTreeMap::new()),
        (true, false) => return Err(at(&list, 0, "events.tsv is missing beside it")),
        (false, true) => return Err(at(&path, 0, "events-documents.txt is missing beside it")),
        (true, true) => {}
    }
    let mut events: BTreeMap<String, GoldEvents> =
        parts.keys().map(|part| (part.clone(), GoldEvents::new())).collect();
    let text = std::fs::read_to_string(&list).map_err(|err| Error::io_at(&list, err))?;
    for (index, line) in text.lines().enumerate() {
        let doc = line.trim();
        if doc.is_empty() || doc.starts_with('#') {
            continue;
        }
        let line = index as u64 + 1;
        let Some((part, _)) = part_of.get(doc) else {
            return Err(at(&list, line, format!("document \"{doc}\" is not in documents.tsv")));
        };
        let gold = events.get_mut(part).expect("every part");
        if gold.get(doc).is_some() {
            return Err(at(&list, line, format!("document \"{doc}\" is listed twice")));
        }
        gold.cover(doc, sentences.get(doc).cloned().unwrap_or_default());
    }
    let header = std::fs::read_to_string(&path).map_err(|err| Error::io_at(&path, err))?;
    if header.lines().next().map(str::trim_end) != Some(EVENTS_HEADER) {
        let msg = format!("the header must be \"{}\"", EVENTS_HEADER.replace('\t', " "));
        return Err(at(&path, 1, msg));
    }
    let mut seen = BTreeSet::new();
    for (line, cells) in rows(&path, 7)? {
        let [doc, start, end, source, target, code, flags] = &cells[..] else { unreachable!() };
        let Some((part, index)) = part_of.get(doc) else {
            return Err(at(&path, line, format!("document \"{doc}\" is not in documents.tsv")));
        };
        let gold = events.get_mut(part).expect("every part");
        let Some(covered) = gold.get(doc) else {
            let msg = format!("document \"{doc}\" is not in events-documents.txt");
            return Err(at(&path, line, msg));
        };
        let sentence = match (number(start), number(end)) {
            (Some(start), Some(end)) => Span::new(start, end),
            _ => return Err(at(&path, line, "start and end must be byte offsets")),
        };
        if !covered.sentences.contains(&sentence) {
            let msg = format!("{start}..{end} is not a sentence of \"{doc}\" in sentences.tsv");
            return Err(at(&path, line, msg));
        }
        let gold_doc = &parts[part].0[*index];
        let cells = [source.as_str(), target.as_str(), code.as_str(), flags.as_str()];
        let event = gold_event(gold_doc, sentence, cells).map_err(|m| at(&path, line, m))?;
        add_once(gold, &mut seen, doc, event).map_err(|m| at(&path, line, m))?;
    }
    Ok(events)
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

    /// Invented text: "Russia attacked Ukraine. Iran and Iraq met. Syria."
    fn events_set(dir: &Path, listed: &str, events: &str) -> Result<StandoffSet> {
        std::fs::write(dir.join("documents.tsv"), "document\tpart\na\tdev\nb\ttest\n").unwrap();
        let mentions = "document\tstart\tend\tsurface\tkind\tid\tflags\n\
                        a\t0\t6\tRussia\tstate\tRUS\t\n\
                        a\t16\t23\tUkraine\tstate\tUKR\t\n\
                        a\t25\t29\tIran\tstate\tIRN\t\n\
                        a\t34\t38\tIraq\tstate\tIRQ\t\n\
                        b\t0\t5\tSyria\tstate\tSYR\t\n";
        std::fs::write(dir.join("mentions.tsv"), mentions).unwrap();
        let sentences = "document\tstart\tend\na\t0\t24\na\t25\t43\nb\t0\t6\n";
        std::fs::write(dir.join("sentences.tsv"), sentences).unwrap();
        let corpus = "{\"id\":\"a\",\"text\":\"Russia attacked Ukraine. Iran and Iraq met.\"}\n\
                      {\"id\":\"b\",\"text\":\"Syria.\"}\n";
        std::fs::write(dir.join("corpus.jsonl"), corpus).unwrap();
        std::fs::write(dir.join("events-documents.txt"), listed).unwrap();
        let header = "document\tstart\tend\tsource\ttarget\tcode\tflags\n";
        std::fs::write(dir.join("events.tsv"), format!("{header}{events}")).unwrap();
        StandoffSet::read(dir, dir.join("corpus.jsonl"), &Gazetteer::builtin())
    }

    #[test]
    fn reads_events_per_part() {
        let dir = temp("events");
        let rows = "a\t0\t24\tRUS\tUKR\t190\t\na\t25\t43\tIRN\tIRQ\t040\tmutual\n";
        let set = events_set(&dir, "a\nb\n", rows).unwrap();
        let dev = set.events("dev").unwrap();
        assert_eq!(dev.documents().collect::<Vec<_>>(), ["a"]);
        let events = &dev.get("a").unwrap().events;
        let got: Vec<_> = events.iter().map(|e| (e.sentence, e.code.as_str(), e.mutual)).collect();
        assert_eq!(got, [(Span::new(0, 24), "190", false), (Span::new(25, 43), "040", true)]);
        let test = set.events("test").unwrap();
        assert_eq!((test.documents().count(), test.len()), (1, 0));
        // Without event files the set has no events; with only one of them it is an error.
        std::fs::remove_file(dir.join("events.tsv")).unwrap();
        let err = StandoffSet::read(&dir, dir.join("corpus.jsonl"), &Gazetteer::builtin());
        assert!(err.unwrap_err().to_string().contains("events.tsv is missing"));
        std::fs::remove_file(dir.join("events-documents.txt")).unwrap();
        let set = StandoffSet::read(&dir, dir.join("corpus.jsonl"), &Gazetteer::builtin());
        assert_eq!(set.unwrap().events("dev"), None);
    }

    #[test]
    fn event_errors_name_the_file_and_line() {
        let dir = temp("bad-events");
        for (listed, rows, want) in [
            ("a\nc\n", "", "events-documents.txt:2: document \"c\" is not in documents.tsv"),
            ("a\na\n", "", "events-documents.txt:2: document \"a\" is listed twice"),
            (
                "a\n",
                "b\t0\t6\tSYR\tRUS\t190\t\n",
                "events.tsv:2: document \"b\" is not in events-documents.txt",
            ),
            ("a\n", "a\t0\t23\tRUS\tUKR\t190\t\n", "events.tsv:2: 0..23 is not a sentence"),
            ("a\n", "a\t0\t24\tRUS\tIRN\t190\t\n", "events.tsv:2: the target \"IRN\" is not named"),
            ("a\n", "a\t0\t24\tRUS\tUKR\t21\t\n", "events.tsv:2: \"21\" has no CAMEO root"),
            ("a\n", "a\t0\t24\tRUS\tUKR\t190\tboth\n", "events.tsv:2: unknown flag \"both\""),
            ("a\n", "a\tx\t24\tRUS\tUKR\t190\t\n", "events.tsv:2: start and end must be"),
            (
                "a\n",
                "a\t0\t24\tRUS\tUKR\t190\na\t0\t24\tRUS\tUKR\t193\n",
                "events.tsv:3: a second row",
            ),
        ] {
            let err = events_set(&dir, listed, rows).unwrap_err().to_string();
            assert!(err.contains(want), "{err}");
        }
        std::fs::write(dir.join("events.tsv"), "document\tstart\tend\n").unwrap();
        let err = StandoffSet::read(&dir, dir.join("corpus.jsonl"), &Gazetteer::builtin());
        assert!(err.unwrap_err().to_string().contains("events.tsv:1: the header must be"));
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
