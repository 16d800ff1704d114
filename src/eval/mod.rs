//! Evaluation against hand-annotated articles: how close actorgraph's mentions and sentence
//! co-occurrence pairs are to what a human coder marked.
//!
//! Articles mark each mention inline as `{{TEXT|ID}}`, `{{TEXT|ID|adj}}` or `{{TEXT|?KIND}}`
//! for an actor missing from the gazetteer; `pairs.tsv` lists the expected sentence pairs. See
//! `data/eval/README.md` for the format.
//!
//! A found mention is correct when it names the same entity as a gold mention whose span it
//! overlaps (each gold mention is used once). Precision, recall and F1 are given per kind, in
//! total, and for sentence pairs. Events (who did what to whom) are scored against a coder's
//! list of them per sentence, on (source, target, quad class) and (source, target, root code):
//! see [`GoldEvents`] and [`Evaluator::score_events`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::cooccur::{CooccurrenceBuilder, Window};
use crate::corpus::{Date, Document};
use crate::discover::{Candidate, Discoverer};
use crate::error::{Error, Result};
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::matcher::{Matcher, Mention};
use crate::segment::Segmenter;
use crate::span::{Coverage, Span};

mod events;
mod standoff;

pub use self::events::{
    CoveredDocument, EventScores, GoldEvent, GoldEvents, read_annotated_events,
};
pub use self::standoff::StandoffSet;

/// What a gold mention refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoldTarget {
    /// An entity of the gazetteer, by its text id.
    Entity(String),
    /// An actor the gazetteer does not have, of this kind.
    Unknown(EntityKind),
}

/// One hand-marked mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldMention {
    /// Where it is in the plain text.
    pub span: Span,
    /// What it refers to.
    pub target: GoldTarget,
    /// Whether it was marked adjectival.
    pub adjectival: bool,
    /// Whether it was marked a role mention: an office that names its holder without the
    /// holder's name (flag `role`). Role mentions are scored apart ([`Scores::roles`]) and
    /// left out of sentence pairs.
    pub role: bool,
    /// Which actor it is, the same in every document: the entity id, the id the coder gave an
    /// actor the gazetteer lacks, or (for a `?KIND` mark, which has none) its text. Graph nodes
    /// per actor are counted by it.
    pub actor: String,
}

/// One annotated article: its plain text (markup removed) and its gold mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldDocument {
    /// The file name, which `pairs.tsv` refers to.
    pub name: String,
    /// The text with the markup removed.
    pub text: String,
    /// The gold mentions, in text order.
    pub mentions: Vec<GoldMention>,
}

impl GoldDocument {
    /// Parses an annotated article. `name` names it in errors.
    ///
    /// ```
    /// use actorgraph::{GoldDocument, GoldTarget};
    ///
    /// let doc = GoldDocument::parse("a.md", "{{Putin|vladimir_putin}} met {{Hayes|?person}}.")?;
    /// assert_eq!(doc.text, "Putin met Hayes.");
    /// assert_eq!(doc.mentions[0].target, GoldTarget::Entity("vladimir_putin".into()));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Returns an error naming the line for unbalanced braces or a malformed mark.
    pub fn parse(name: &str, marked: &str) -> Result<GoldDocument> {
        let mut text = String::with_capacity(marked.len());
        let mut mentions = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find("{{") {
            text.push_str(&rest[..open]);
            let line = line_of(marked, marked.len() - rest.len() + open);
            let after = &rest[open + 2..];
            let close = after
                .find("}}")
                .ok_or_else(|| Error::corpus(name, line, "\"{{\" without \"}}\""))?;
            let mention = parse_mark(&after[..close], text.len())
                .map_err(|msg| Error::corpus(name, line, msg))?;
            text.push_str(&after[..mention.span.len()]);
            mentions.push(mention);
            rest = &after[close + 2..];
        }
        if let Some(stray) = rest.find("}}") {
            let line = line_of(marked, marked.len() - rest.len() + stray);
            return Err(Error::corpus(name, line, "\"}}\" without \"{{\""));
        }
        text.push_str(rest);
        Ok(GoldDocument { name: name.to_string(), text, mentions })
    }
}

fn line_of(text: &str, offset: usize) -> u64 {
    text[..offset].matches('\n').count() as u64 + 1
}

/// Parses `TEXT|ID`, `TEXT|ID|adj` or `TEXT|ID|role` starting at `start` in the plain text.
fn parse_mark(inner: &str, start: usize) -> std::result::Result<GoldMention, String> {
    let fields: Vec<&str> = inner.split('|').collect();
    let (surface, id, adjectival, role) = match fields[..] {
        [surface, id] => (surface, id, false, false),
        [surface, id, "adj"] => (surface, id, true, false),
        [surface, id, "role"] => (surface, id, false, true),
        _ => {
            return Err(format!(
                "malformed mark \"{{{{{inner}}}}}\" (expected TEXT|ID, TEXT|ID|adj or TEXT|ID|role)"
            ));
        }
    };
    if surface.is_empty() || id.is_empty() || surface.contains("{{") {
        return Err(format!("malformed mark \"{{{{{inner}}}}}\""));
    }
    let (target, actor) = match id.strip_prefix('?') {
        Some(kind) => (GoldTarget::Unknown(kind.parse()?), surface.to_string()),
        None => (GoldTarget::Entity(id.to_string()), id.to_string()),
    };
    if role && matches!(target, GoldTarget::Unknown(_)) {
        return Err(format!("role mark \"{{{{{inner}}}}}\" needs the holder's id"));
    }
    let span = Span::new(start, start + surface.len());
    Ok(GoldMention { span, target, adjectival, role, actor })
}

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and correct.
    pub tp: u64,
    /// Found but wrong.
    pub fp: u64,
    /// Marked but not found.
    pub fn_: u64,
}

impl Counts {
    /// tp / (tp + fp), or 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), or 1 when nothing was marked.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// Counts one found mention: a true positive if it `hit` a gold mention, else a false one.
    fn found(&mut self, hit: bool) {
        if hit {
            self.tp += 1;
        } else {
            self.fp += 1;
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 { 1.0 } else { num as f64 / den as f64 }
}

/// The result of an evaluation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Mentions per kind (false positives by the found entity's kind, false negatives by the
    /// gold entity's kind).
    pub by_kind: BTreeMap<EntityKind, Counts>,
    /// All mentions of gazetteer entities.
    pub overall: Counts,
    /// Overall, also counting gold actors missing from the gazetteer as misses.
    pub with_unknowns: Counts,
    /// Every actor the coder marked, by kind: gazetteer and discovered mentions against all
    /// gold mentions, those of actors the gazetteer lacks included (false positives by the found
    /// kind, false negatives by the gold kind). They add up to [`Scores::with_unknowns`].
    pub all_by_kind: BTreeMap<EntityKind, Counts>,
    /// Gold actors missing from the gazetteer that were not found.
    pub unknown_missed: u64,
    /// Discovered candidates against the gold actors the gazetteer lacks (no false negatives:
    /// those are in [`Scores::with_unknowns`]).
    pub discovered: Counts,
    /// Distinct gold actors (over all documents) with at least one correct mention.
    pub actors_found: u64,
    /// Distinct graph nodes those correct mentions went to, summed over the actors: more
    /// than [`Scores::actors_found`] when an actor is split into several nodes.
    pub actor_nodes: u64,
    /// Sentence co-occurrence pairs.
    pub pairs: Counts,
    /// Role mentions ("the Prime Minister" for its holder): a hit names the holder the coder
    /// gave, on an overlapping span. They are not in the other counts.
    pub roles: Counts,
    /// Mistakes, for reading: `document: kind "text" (id)` lines.
    pub errors: Vec<String>,
}

impl Scores {
    /// Graph nodes per actor found: 1.0 when no actor is split into several nodes.
    pub fn nodes_per_actor(&self) -> f64 {
        ratio(self.actor_nodes, self.actors_found).max(1.0)
    }
}

impl std::fmt::Display for Scores {
    /// Writes the table of precision, recall and F1: one row per kind, then overall, overall
    /// with unknown actors, sentence pairs, and, when any actor was unknown, every actor by
    /// kind ("all person", ...), role mentions when any are annotated or found, and the
    /// discovered actors; then graph nodes per actor.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header = ["", "tp", "fp", "fn", "precision", "recall", "f1"];
        writeln!(
            f,
            "{:<20} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
            header[0], header[1], header[2], header[3], header[4], header[5], header[6]
        )?;
        let all: Vec<(String, &Counts)> = if self.all_by_kind == self.by_kind {
            Vec::new()
        } else {
            self.all_by_kind.iter().map(|(kind, c)| (format!("all {kind}"), c)).collect()
        };
        let rows = self.by_kind.iter().map(|(kind, counts)| (kind.as_str(), counts)).chain([
            ("overall", &self.overall),
            ("with unknown actors", &self.with_unknowns),
            ("sentence pairs", &self.pairs),
        ]);
        let roles = &self.roles;
        let roles = (roles.tp + roles.fp + roles.fn_ > 0).then_some(("role mentions", roles));
        let rows = rows.chain(all.iter().map(|(name, c)| (name.as_str(), *c))).chain(roles);
        for (name, c) in rows {
            writeln!(
                f,
                "{:<20} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
                name,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        if !all.is_empty() {
            // Its misses are the unknown actors' misses, counted above.
            let c = &self.discovered;
            let name = "discovered";
            writeln!(f, "{name:<20} {:>5} {:>5} {:>5} {:>9.3}", c.tp, c.fp, "", c.precision())?;
        }
        writeln!(
            f,
            "graph nodes per actor: {:.3} ({} nodes for {} actors found)",
            self.nodes_per_actor(),
            self.actor_nodes,
            self.actors_found
        )
    }
}

/// Expected sentence pairs per document, read from `pairs.tsv`.
pub type GoldPairs = BTreeMap<String, BTreeSet<(String, String)>>;

/// Reads `pairs.tsv`: a header `document a b`, then one pair per line.
///
/// # Errors
///
/// Returns an error naming the file and line for a malformed line.
pub fn read_pairs<P: AsRef<Path>>(path: P) -> Result<GoldPairs> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|err| Error::io_at(path, err))?;
    let origin = path.display().to_string();
    let mut pairs = GoldPairs::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [doc, a, b] = cells[..] else {
            return Err(Error::corpus(&origin, i as u64 + 1, "expected three tab-separated cells"));
        };
        let pair =
            if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
        pairs.entry(doc.to_string()).or_default().insert(pair);
    }
    Ok(pairs)
}

/// Reads a directory of annotated articles: every `*.md` file but `README.md`, in name order,
/// each named by its file name, and the expected pairs of its `pairs.tsv` (the format of
/// `data/eval/README.md`). This is what `actorgraph eval DIR` scores; a set of stand-off
/// annotations is read with [`StandoffSet::read`].
///
/// ```
/// let (docs, pairs) = actorgraph::read_annotated_dir("data/eval")?;
/// assert!(docs.len() > 5 && docs.windows(2).all(|w| w[0].name < w[1].name));
/// assert!(docs.iter().all(|d| d.name.ends_with(".md") && !d.text.contains("{{")));
/// assert!(pairs.keys().all(|name| docs.iter().any(|d| &d.name == name)));
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// If the directory or a file cannot be read (the error names it), or an article or
/// `pairs.tsv` is malformed (naming the file and line).
pub fn read_annotated_dir<P: AsRef<Path>>(dir: P) -> Result<(Vec<GoldDocument>, GoldPairs)> {
    let dir = dir.as_ref();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|err| Error::io_at(dir, err))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md") && n != "README.md")
        .collect();
    names.sort();
    let mut docs = Vec::with_capacity(names.len());
    for name in names {
        let path = dir.join(&name);
        let text = std::fs::read_to_string(&path).map_err(|err| Error::io_at(&path, err))?;
        let mut doc = GoldDocument::parse(&path.display().to_string(), &text)?;
        doc.name = name;
        docs.push(doc);
    }
    Ok((docs, read_pairs(dir.join("pairs.tsv"))?))
}

/// Scores a matcher, with or without discovery, on gold documents and their pairs, as the
/// pipeline runs it: each document's date (a date line near its top) or else the default date
/// decides who holds an office, and discovered actors take the place of the gazetteer mentions
/// they overlap.
///
/// ```
/// use actorgraph::{Evaluator, Gazetteer, GoldDocument, GoldPairs, Matcher};
///
/// let gaz = Gazetteer::builtin();
/// let matcher = Matcher::new(&gaz)?;
/// let doc = GoldDocument::parse("a.md", "{{Putin|vladimir_putin}} flew to {{Ankara|ankara}}.")?;
/// let scores = Evaluator::new(&gaz, &matcher).score(&[doc], &GoldPairs::new())?;
/// assert_eq!(scores.overall.f1(), 1.0);
/// assert_eq!(scores.nodes_per_actor(), 1.0);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Evaluator<'a> {
    gaz: &'a Gazetteer,
    matcher: &'a Matcher,
    discoverer: Option<&'a Discoverer>,
    date: Option<Date>,
}

impl<'a> Evaluator<'a> {
    /// Scores `matcher`, whose entities are `gaz`'s, without discovery and with no default date.
    pub fn new(gaz: &'a Gazetteer, matcher: &'a Matcher) -> Evaluator<'a> {
        Evaluator { gaz, matcher, discoverer: None, date: None }
    }

    /// Also scores this discoverer's candidates against the gold actors the gazetteer lacks
    /// ([`Scores::with_unknowns`], [`Scores::discovered`]).
    pub fn discoverer(mut self, discoverer: Option<&'a Discoverer>) -> Evaluator<'a> {
        self.discoverer = discoverer;
        self
    }

    /// The date of documents that have none of their own, as `--date` gives it to the pipeline.
    pub fn date(mut self, date: Option<Date>) -> Evaluator<'a> {
        self.date = date;
        self
    }

    /// Scores the documents.
    ///
    /// # Errors
    ///
    /// Returns an error if a gold mention names an id the gazetteer does not have.
    pub fn score(&self, docs: &[GoldDocument], pairs: &GoldPairs) -> Result<Scores> {
        let mut scores = Scores::default();
        let mut nodes = Nodes::default();
        for doc in docs {
            let date = Document::new(doc.name.as_str(), doc.text.as_str())
                .parse_date()
                .and_then(std::result::Result::ok)
                .or(self.date);
            let year = date.map(|d| i32::from(d.year()));
            let mut found = self.matcher.find_all_in_year(&doc.text, year);
            let (roles, doc) = split_roles(doc);
            let doc = &doc;
            let mut discovered_gold = vec![false; doc.mentions.len()];
            if let Some(discoverer) = self.discoverer {
                let candidates = discoverer.find(&doc.text, &found);
                let spans = Coverage::new(candidates.iter().map(|c| c.span));
                // A discovered name that is a known actor's goes to it, as in the pipeline.
                let (linked, candidates) = self.gaz.link_discovered(&found, candidates);
                found.retain(|m| !spans.overlaps(m.span()));
                found.extend(linked);
                found.sort_by_key(|m| (m.span().start, m.span().end));
                let counts = score_candidates(
                    doc,
                    &candidates,
                    &mut scores,
                    &mut discovered_gold,
                    &mut nodes,
                );
                scores.discovered.add(counts);
            }
            let (found_roles, others): (Vec<Mention>, Vec<Mention>) =
                found.into_iter().partition(Mention::is_role);
            let found = others;
            scores.roles.add(score_roles(self.gaz, doc, &roles, &found_roles, &mut scores.errors));
            score_mentions(self.gaz, doc, &found, &discovered_gold, &mut scores, &mut nodes)?;
            let predicted = sentence_pairs(self.gaz, &doc.text, &found);
            let gold = pairs.get(&doc.name).cloned().unwrap_or_default();
            scores.pairs.add(Counts {
                tp: predicted.intersection(&gold).count() as u64,
                fp: predicted.difference(&gold).count() as u64,
                fn_: gold.difference(&predicted).count() as u64,
            });
        }
        for counts in scores.by_kind.values() {
            scores.overall.add(*counts);
        }
        scores.with_unknowns = Counts {
            tp: scores.overall.tp + scores.discovered.tp,
            fp: scores.overall.fp + scores.discovered.fp,
            fn_: scores.overall.fn_ + scores.unknown_missed - scores.discovered.tp,
        };
        scores.actors_found = nodes.0.len() as u64;
        scores.actor_nodes = nodes.0.values().map(|n| n.len() as u64).sum();
        Ok(scores)
    }
}

/// Splits a gold document's role mentions from its other mentions.
fn split_roles(doc: &GoldDocument) -> (Vec<GoldMention>, GoldDocument) {
    let (roles, mentions) = doc.mentions.iter().cloned().partition(|g| g.role);
    (roles, GoldDocument { name: doc.name.clone(), text: doc.text.clone(), mentions })
}

/// Scores found role mentions against the gold ones; mistakes go to `errors`.
fn score_roles(
    gaz: &Gazetteer,
    doc: &GoldDocument,
    gold: &[GoldMention],
    found: &[Mention],
    errors: &mut Vec<String>,
) -> Counts {
    let mut counts = Counts::default();
    let mut used = vec![false; gold.len()];
    for m in found {
        let id = gaz.get(m.entity()).expect("found mentions come from this gazetteer").id();
        let hit = gold.iter().enumerate().position(|(i, g)| {
            !used[i] && g.span.overlaps(m.span()) && g.target == GoldTarget::Entity(id.into())
        });
        if let Some(i) = hit {
            used[i] = true;
        } else {
            errors.push(format!("{}: false role \"{}\" ({id})", doc.name, &doc.text[m.span()]));
        }
        counts.found(hit.is_some());
    }
    for (g, _) in gold.iter().zip(&used).filter(|(_, u)| !**u) {
        counts.fn_ += 1;
        errors.push(format!("{}: missed role \"{}\" ({})", doc.name, &doc.text[g.span], g.actor));
    }
    counts
}

/// For each gold actor found, the graph nodes its correct mentions went to: an entity id, or
/// the kind and name of a discovered actor (as the pipeline gives it its id).
#[derive(Default)]
struct Nodes(BTreeMap<String, BTreeSet<String>>);

impl Nodes {
    fn add(&mut self, doc: &GoldDocument, gold: Option<usize>, node: String) {
        if let Some(i) = gold {
            self.0.entry(doc.mentions[i].actor.clone()).or_default().insert(node);
        }
    }
}

/// Scores gazetteer mentions; `discovered[i]` tells that discovery found gold mention `i`, so
/// it is not listed as missed.
fn score_mentions(
    gaz: &Gazetteer,
    doc: &GoldDocument,
    found: &[Mention],
    discovered: &[bool],
    scores: &mut Scores,
    nodes: &mut Nodes,
) -> Result<()> {
    let mut used = vec![false; doc.mentions.len()];
    for m in found {
        let entry = gaz.get(m.entity()).expect("found mentions come from this gazetteer");
        let target = GoldTarget::Entity(entry.id().to_string());
        let gold = claim(doc, &mut used, m.span(), &target);
        nodes.add(doc, gold, entry.id().to_string());
        let hit = gold.is_some();
        scores.by_kind.entry(entry.kind()).or_default().found(hit);
        scores.all_by_kind.entry(entry.kind()).or_default().found(hit);
        if !hit {
            let text = &doc.text[m.span()];
            scores.errors.push(format!(
                "{}: false {} \"{}\" ({})",
                doc.name,
                entry.kind(),
                text,
                entry.id()
            ));
        }
    }
    for ((g, _), found) in doc.mentions.iter().zip(&used).zip(discovered).filter(|((_, u), _)| !**u)
    {
        let kind = match &g.target {
            GoldTarget::Entity(id) => gold_kind(gaz, doc, id)?,
            GoldTarget::Unknown(_) if *found => {
                scores.unknown_missed += 1;
                continue;
            }
            GoldTarget::Unknown(kind) => {
                scores.unknown_missed += 1;
                scores.all_by_kind.entry(*kind).or_default().fn_ += 1;
                scores.errors.push(format!(
                    "{}: unknown {} \"{}\" not in the gazetteer",
                    doc.name, kind, &doc.text[g.span]
                ));
                continue;
            }
        };
        scores.by_kind.entry(kind).or_default().fn_ += 1;
        scores.all_by_kind.entry(kind).or_default().fn_ += 1;
        scores.errors.push(format!("{}: missed {} \"{}\"", doc.name, kind, &doc.text[g.span]));
    }
    Ok(())
}

/// Scores discovered candidates against the gold actors missing from the gazetteer: a hit
/// overlaps an unused unknown gold mention of the same kind.
fn score_candidates(
    doc: &GoldDocument,
    found: &[Candidate],
    scores: &mut Scores,
    used: &mut [bool],
    nodes: &mut Nodes,
) -> Counts {
    let mut counts = Counts::default();
    for c in found {
        let gold = claim(doc, used, c.span, &GoldTarget::Unknown(c.kind));
        nodes.add(doc, gold, format!("discovered:{}:{}", c.kind, c.name));
        let hit = gold.is_some();
        counts.found(hit);
        scores.all_by_kind.entry(c.kind).or_default().found(hit);
        if !hit {
            let text = &doc.text[c.span];
            scores.errors.push(format!("{}: false discovered {} \"{}\"", doc.name, c.kind, text));
        }
    }
    counts
}

/// Marks as used the first unused gold mention that overlaps `span` and names `target`.
/// Returns its index, if there was one.
fn claim(doc: &GoldDocument, used: &mut [bool], span: Span, target: &GoldTarget) -> Option<usize> {
    let hit = doc
        .mentions
        .iter()
        .enumerate()
        .position(|(i, g)| !used[i] && g.span.overlaps(span) && &g.target == target);
    if let Some(i) = hit {
        used[i] = true;
    }
    hit
}

fn gold_kind(gaz: &Gazetteer, doc: &GoldDocument, id: &str) -> Result<EntityKind> {
    let entry = gaz.lookup(id).and_then(|e| gaz.get(e));
    entry.map(|e| e.kind()).ok_or_else(|| {
        Error::corpus(&doc.name, 0, format!("gold id \"{id}\" is not in the gazetteer"))
    })
}

/// The sentence pairs actorgraph finds in one text, as sorted id pairs.
fn sentence_pairs(gaz: &Gazetteer, text: &str, found: &[Mention]) -> BTreeSet<(String, String)> {
    let mut counts = CooccurrenceBuilder::new().window(Window::Sentence).build();
    counts.add_document(found, &Segmenter::new().segment(text));
    let id = |e| gaz.get(e).expect("graph entities come from this gazetteer").id().to_string();
    counts
        .to_graph()
        .edges()
        .map(|(a, b, _)| {
            let (a, b) = (id(a), id(b));
            if a <= b { (a, b) } else { (b, a) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_name_the_line() {
        let err = GoldDocument::parse("a.md", "x\n{{Putin|p").unwrap_err();
        assert_eq!(err.to_string(), "a.md:2: \"{{\" without \"}}\"");
        let err = GoldDocument::parse("a.md", "{{Putin}}").unwrap_err();
        assert!(err.to_string().starts_with("a.md:1: malformed mark"), "{err}");
        let err = GoldDocument::parse("a.md", "x}}").unwrap_err();
        assert_eq!(err.to_string(), "a.md:1: \"}}\" without \"{{\"");
        let err = GoldDocument::parse("a.md", "{{X|?persn}}").unwrap_err();
        assert!(err.to_string().contains("unknown kind"), "{err}");
    }

    #[test]
    fn parse_keeps_offsets_in_the_plain_text() {
        let doc =
            GoldDocument::parse("a", "{{Saudi|SAU|adj}}-led strikes on {{Sanaa|sanaa}}").unwrap();
        assert_eq!(doc.text, "Saudi-led strikes on Sanaa");
        assert_eq!(doc.mentions[1].span, Span::new(21, 26));
        assert!(doc.mentions[0].adjectival);
    }

    #[test]
    fn counts() {
        let c = Counts { tp: 8, fp: 2, fn_: 0 };
        assert_eq!((c.precision(), c.recall()), (0.8, 1.0));
        assert!((c.f1() - 0.888_888).abs() < 1e-5);
        assert_eq!(Counts::default().f1(), 1.0);
    }
}
