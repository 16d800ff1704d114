//! Partial results: the counts of one shard of a corpus, written so that shards run anywhere
//! (GNU parallel, Spark, Hadoop) can be merged into exactly the graph one run would give.
//!
//! The file is one JSON object:
//!
//! ```text
//! {"format": "actorgraph-partial", "version": 2, "window": "sentence", "documents": 8,
//!  "windows": 131, "first_date": "2024-09-18", "last_date": "2025-07-15", "undated": 0,
//!  "nodes": [{"index": 12, "id": "RUS", "kind": "state", "label": "Russia", "state": "RUS",
//!             "mentions": 18, "adjectival": 9, "documents": 3, "windows": 15,
//!             "first_seen": "2025-03-14", "last_seen": "2025-06-24"}, ...],
//!  "edges": [{"source": "RUS", "target": "UKR", "weight": 4, "documents": 1,
//!             "first_seen": "2025-06-24", "last_seen": "2025-06-24"}, ...]}
//! ```
//!
//! `index` is the entity's position in the gazetteer the shard used; merged graphs keep that
//! order, so all shards must use the same gazetteer files. `windows` counts the windows with at
//! least one actor, in total and per node, which the association measures need. `undated`
//! counts the documents without a date; `first_seen` and `last_seen` are `null` for a node or
//! edge seen only in those. Version 1 had neither window counts nor dates per node and edge, so
//! it is refused rather than merged into wrong measures and dates.

use std::collections::BTreeMap;
use std::io;

use serde::{Deserialize, Serialize};

use super::{entry, state_of};
use crate::cooccur::{Cooccurrence, CooccurrenceBuilder, EdgeCounts, NodeCounts, Window};
use crate::corpus::Date;
use crate::error::{Error, Result};
use crate::gazetteer::{EntityId, EntityKind, Entry, Gazetteer};

const FORMAT: &str = "actorgraph-partial";
const VERSION: u32 = 2;

/// The first fields of a partial result, read before the rest.
#[derive(Debug, Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// The counts of one shard, read from a partial file, or several merged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partial {
    format: String,
    version: u32,
    window: String,
    documents: u64,
    #[serde(default)]
    windows: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    undated: u64,
    nodes: Vec<PartialNode>,
    edges: Vec<PartialEdge>,
    /// Where the partial was read from, for messages; empty for one made in this run.
    #[serde(skip)]
    origin: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct PartialNode {
    index: usize,
    id: String,
    kind: EntityKind,
    label: String,
    state: String,
    mentions: u64,
    adjectival: u64,
    documents: u64,
    #[serde(default)]
    windows: u64,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct PartialEdge {
    source: String,
    target: String,
    weight: u64,
    documents: u64,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
}

fn window_name(window: Window) -> &'static str {
    match window {
        Window::Sentence => "sentence",
        Window::Paragraph => "paragraph",
        Window::Document => "document",
    }
}

impl Partial {
    /// Captures the counts of a run. `dates` are the earliest and latest document dates seen.
    pub fn new(counts: &Cooccurrence, gaz: &Gazetteer, dates: Option<(&str, &str)>) -> Partial {
        let nodes = counts
            .node_counts()
            .map(|(id, c)| {
                let e = entry(gaz, id);
                PartialNode {
                    index: id.as_usize(),
                    id: e.id().to_string(),
                    kind: e.kind(),
                    label: e.label().to_string(),
                    state: state_of(e).to_string(),
                    mentions: c.mentions,
                    adjectival: c.adjectival,
                    documents: c.documents,
                    windows: c.windows,
                    first_seen: c.first_seen,
                    last_seen: c.last_seen,
                }
            })
            .collect();
        let edges = counts
            .edge_counts()
            .map(|(a, b, c)| PartialEdge {
                source: entry(gaz, a).id().to_string(),
                target: entry(gaz, b).id().to_string(),
                weight: c.weight,
                documents: c.documents,
                first_seen: c.first_seen,
                last_seen: c.last_seen,
            })
            .collect();
        Partial {
            format: FORMAT.to_string(),
            version: VERSION,
            window: window_name(counts.window()).to_string(),
            documents: counts.document_count(),
            windows: counts.window_count(),
            first_date: dates.map(|d| d.0.to_string()),
            last_date: dates.map(|d| d.1.to_string()),
            undated: counts.undated_count(),
            nodes,
            edges,
            origin: String::new(),
        }
    }

    /// Writes the partial as JSON.
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn write<W: io::Write>(&self, wtr: W) -> Result<()> {
        let mut wtr = io::BufWriter::new(wtr);
        serde_json::to_writer(&mut wtr, self)?;
        io::Write::write_all(&mut wtr, b"\n")?;
        io::Write::flush(&mut wtr)?;
        Ok(())
    }

    /// Reads a partial written by [`Partial::write`]. `origin` names it in errors.
    ///
    /// # Errors
    ///
    /// Returns an error naming `origin` if the input is not a partial of this version.
    pub fn read<R: io::Read>(mut rdr: R, origin: &str) -> Result<Partial> {
        let mut bytes = Vec::new();
        rdr.read_to_end(&mut bytes).map_err(|err| Error::corpus(origin, 1, err.to_string()))?;
        let not_partial = |err: serde_json::Error| {
            Error::corpus(origin, err.line() as u64, format!("not a partial result: {err}"))
        };
        // The format and version come first, so that an old file gets a reason, not a parse error.
        let header: Header = serde_json::from_slice(&bytes).map_err(not_partial)?;
        if header.format == FORMAT && header.version == 1 {
            let msg = "a version 1 partial result has no window counts or dates per node and \
                       edge, which association weights and first/last seen need: make it again \
                       with `actorgraph graph --partial`";
            return Err(Error::corpus(origin, 1, msg));
        }
        if header.format != FORMAT || header.version != VERSION {
            let msg = format!(
                "expected {FORMAT} version {VERSION}, found {} version {}",
                header.format, header.version
            );
            return Err(Error::corpus(origin, 1, msg));
        }
        let mut partial: Partial = serde_json::from_slice(&bytes).map_err(not_partial)?;
        partial.check().map_err(|msg| Error::corpus(origin, 1, msg))?;
        partial.origin = origin.to_string();
        Ok(partial)
    }

    /// Reads the partial file at `path` (see [`Partial::read`]), as `actorgraph merge` does.
    ///
    /// ```
    /// use actorgraph::{Partial, Pipeline};
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    /// let path = std::env::temp_dir().join(format!("actorgraph-doc-partial-{}", std::process::id()));
    /// pipeline.to_partial(&counted.counts).write(std::fs::File::create(&path)?)?;
    /// assert_eq!(Partial::from_path(&path)?.document_count(), 8);
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// If the file cannot be opened (the error names it), or as [`Partial::read`].
    pub fn from_path<P: AsRef<std::path::Path>>(path: P) -> Result<Partial> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|err| Error::io_at(path, err))?;
        Partial::read(file, &path.display().to_string())
    }

    /// Returns the number of documents counted.
    pub fn document_count(&self) -> u64 {
        self.documents
    }

    /// Returns the number of documents counted without a date.
    pub fn undated_count(&self) -> u64 {
        self.undated
    }

    /// Returns the earliest and latest document dates, if any document had one.
    pub fn dates(&self) -> Option<(&str, &str)> {
        Some((self.first_date.as_deref()?, self.last_date.as_deref()?))
    }

    /// Adds another partial's counts to this one.
    ///
    /// # Errors
    ///
    /// Returns an error if the two were counted with different windows or gazetteers, or if a
    /// sum of counts would not fit in 64 bits (the error names `other`'s file). On error,
    /// `self` is unchanged.
    pub fn merge(&mut self, other: Partial) -> Result<()> {
        if other.window != self.window {
            let msg =
                format!("cannot merge a {} window with a {} window", other.window, self.window);
            return Err(Error::new(crate::error::ErrorKind::Build(msg)));
        }
        let origin = other.origin.clone();
        let mut merged = self.clone();
        merged.merge_counts(other).map_err(|err| match err {
            MergeError::Mismatch(msg) => Error::new(crate::error::ErrorKind::Build(msg)),
            MergeError::Overflow(msg) if origin.is_empty() => {
                Error::new(crate::error::ErrorKind::Build(format!("{msg}: cannot merge")))
            }
            MergeError::Overflow(msg) => Error::corpus(origin, 1, format!("{msg}: cannot merge")),
        })?;
        *self = merged;
        Ok(())
    }

    /// Adds the counts of `other`, or says why it cannot.
    fn merge_counts(&mut self, other: Partial) -> std::result::Result<(), MergeError> {
        add(&mut self.documents, other.documents, || "documents".to_string())?;
        add(&mut self.windows, other.windows, || "windows".to_string())?;
        add(&mut self.undated, other.undated, || "undated documents".to_string())?;
        self.first_date = min_date(self.first_date.take(), other.first_date, true);
        self.last_date = min_date(self.last_date.take(), other.last_date, false);
        // Listed entities keep their gazetteer order; discovered ones, whose index depends on
        // the shard, follow in the order the partials first name them, which is the order a
        // single run over the shards' documents in turn would give them.
        let mut seq: BTreeMap<String, usize> = BTreeMap::new();
        let mut key = |node: &PartialNode| match is_discovered(&node.id) {
            true => {
                let next = seq.len();
                (1, *seq.entry(node.id.clone()).or_insert(next))
            }
            false => (0, node.index),
        };
        let mut nodes: BTreeMap<(u8, usize), PartialNode> = BTreeMap::new();
        for node in self.nodes.drain(..) {
            nodes.insert(key(&node), node);
        }
        let mut incoming = other.nodes;
        incoming.sort_by_key(|n| (is_discovered(&n.id), n.index));
        for node in incoming {
            merge_node(&mut nodes, key(&node), node)?;
        }
        self.nodes = nodes.into_values().collect();
        let mut edges: BTreeMap<(String, String), PartialEdge> =
            self.edges.drain(..).map(|e| ((e.source.clone(), e.target.clone()), e)).collect();
        for edge in other.edges {
            let slot = edges
                .entry((edge.source.clone(), edge.target.clone()))
                .or_insert(PartialEdge { weight: 0, documents: 0, ..edge.clone() });
            let name =
                |what: &str| format!("{what} of edge \"{}\" -- \"{}\"", edge.source, edge.target);
            add(&mut slot.weight, edge.weight, || name("weight"))?;
            add(&mut slot.documents, edge.documents, || name("documents"))?;
            slot.first_seen = Date::earliest(slot.first_seen, edge.first_seen);
            slot.last_seen = Date::latest(slot.last_seen, edge.last_seen);
        }
        self.edges = edges.into_values().collect();
        Ok(())
    }

    /// Turns the partial into a gazetteer of its entities (in their original order) and their
    /// counts, ready for [`Cooccurrence::to_graph`] and the writers.
    ///
    /// # Errors
    ///
    /// Returns an error if an edge names an entity that has no node.
    pub fn into_counts(self, min_weight: u64) -> Result<(Gazetteer, Cooccurrence)> {
        let window = match self.window.as_str() {
            "paragraph" => Window::Paragraph,
            "document" => Window::Document,
            _ => Window::Sentence,
        };
        let mut builder = Gazetteer::builder();
        for node in &self.nodes {
            builder.add(node_entry(node));
        }
        let gaz = builder.build()?;
        let id = |s: &str| {
            gaz.lookup(s).ok_or_else(|| {
                Error::new(crate::error::ErrorKind::Build(format!(
                    "edge names \"{s}\", which has no node"
                )))
            })
        };
        let nodes: Vec<(EntityId, NodeCounts)> = self
            .nodes
            .iter()
            .map(|n| {
                Ok((
                    id(&n.id)?,
                    NodeCounts {
                        mentions: n.mentions,
                        adjectival: n.adjectival,
                        documents: n.documents,
                        windows: n.windows,
                        first_seen: n.first_seen,
                        last_seen: n.last_seen,
                    },
                ))
            })
            .collect::<Result<_>>()?;
        let edges: Vec<(EntityId, EntityId, EdgeCounts)> = self
            .edges
            .iter()
            .map(|e| {
                Ok((
                    id(&e.source)?,
                    id(&e.target)?,
                    EdgeCounts {
                        weight: e.weight,
                        documents: e.documents,
                        first_seen: e.first_seen,
                        last_seen: e.last_seen,
                    },
                ))
            })
            .collect::<Result<_>>()?;
        let mut counts = CooccurrenceBuilder::new().window(window).min_weight(min_weight).build();
        counts.add_counts(self.documents, self.windows, nodes, edges);
        counts.add_dates(self.undated, date_range(&self.first_date, &self.last_date));
        Ok((gaz, counts))
    }
}

impl Partial {
    /// Checks that the window counts agree: every node is in at least one window and at most
    /// all of them, and no pair is in more windows than either of its ends.
    fn check(&self) -> std::result::Result<(), String> {
        let mut windows: BTreeMap<&str, u64> = BTreeMap::new();
        for n in &self.nodes {
            if n.windows == 0 || n.windows > self.windows {
                return Err(format!(
                    "node \"{}\" is in {} windows of {}: the window counts are inconsistent",
                    n.id, n.windows, self.windows
                ));
            }
            windows.insert(&n.id, n.windows);
        }
        for e in &self.edges {
            let ends = [&e.source, &e.target].map(|id| windows.get(id.as_str()).copied());
            if ends.iter().any(|n| n.is_some_and(|n| e.weight > n)) {
                return Err(format!(
                    "edge \"{}\" -- \"{}\" is in {} windows, more than one of its nodes",
                    e.source, e.target, e.weight
                ));
            }
        }
        Ok(())
    }
}

/// Why two partials cannot be merged.
enum MergeError {
    /// They were made with different gazetteers.
    Mismatch(String),
    /// A sum of counts would pass `u64::MAX`.
    Overflow(String),
}

/// True for the id of an actor found by discovery (see `Gazetteer::add_discovered`).
fn is_discovered(id: &str) -> bool {
    id.starts_with("discovered:")
}

fn merge_node(
    nodes: &mut BTreeMap<(u8, usize), PartialNode>,
    key: (u8, usize),
    node: PartialNode,
) -> std::result::Result<(), MergeError> {
    match nodes.get_mut(&key) {
        Some(slot) if slot.id != node.id => {
            let msg = format!(
                "entity {} is \"{}\" in one partial and \"{}\" in another: were they made with the same gazetteers?",
                node.index, slot.id, node.id
            );
            Err(MergeError::Mismatch(msg))
        }
        Some(slot) => {
            let name = |what: &str| format!("{what} of node \"{}\"", node.id);
            add(&mut slot.mentions, node.mentions, || name("mentions"))?;
            add(&mut slot.adjectival, node.adjectival, || name("adjectival"))?;
            add(&mut slot.documents, node.documents, || name("documents"))?;
            add(&mut slot.windows, node.windows, || name("windows"))?;
            slot.first_seen = Date::earliest(slot.first_seen, node.first_seen);
            slot.last_seen = Date::latest(slot.last_seen, node.last_seen);
            Ok(())
        }
        None => {
            nodes.insert(key, node);
            Ok(())
        }
    }
}

/// Adds `more` to `total`, or names the count (`what`) that would pass `u64::MAX`.
fn add(
    total: &mut u64,
    more: u64,
    what: impl FnOnce() -> String,
) -> std::result::Result<(), MergeError> {
    let sum = total.checked_add(more);
    *total =
        sum.ok_or_else(|| MergeError::Overflow(format!("the {} pass {}", what(), u64::MAX)))?;
    Ok(())
}

/// The earlier (`earliest`) or later of two optional ISO dates; dates that [`Date`] reads are
/// compared as dates, others as text.
fn min_date(a: Option<String>, b: Option<String>, earliest: bool) -> Option<String> {
    let parsed = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<Date>().ok());
    if let (Some(x), Some(y)) = (parsed(&a), parsed(&b)) {
        let pick = if earliest {
            Date::earliest(Some(x), Some(y))
        } else {
            Date::latest(Some(x), Some(y))
        };
        return pick.map(|d| d.to_string());
    }
    match (a, b) {
        (Some(a), Some(b)) => Some(if (a <= b) == earliest { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The document date range of a partial, if both ends read as dates.
fn date_range(first: &Option<String>, last: &Option<String>) -> Option<(Date, Date)> {
    let parse = |d: &Option<String>| d.as_deref()?.parse::<Date>().ok();
    Some((parse(first)?, parse(last)?))
}

/// Rebuilds enough of an entry for the writers: id, kind, label and state.
fn node_entry(node: &PartialNode) -> Entry {
    let mut entry = Entry::new(node.id.clone(), node.kind, node.label.clone());
    entry.discovered = is_discovered(&node.id);
    match node.kind {
        EntityKind::State => entry,
        EntityKind::Place if !node.state.is_empty() => entry.country(node.state.clone()),
        _ if !node.state.is_empty() => entry.affiliation(node.state.clone()),
        _ => entry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A partial with one node whose mentions are `mentions`, read as from `origin`.
    fn partial(mentions: u64, origin: &str) -> Partial {
        let json = format!(
            r#"{{"format": "actorgraph-partial", "version": 2, "window": "sentence",
            "documents": 1, "windows": 1, "first_date": null, "last_date": null, "undated": 1,
            "nodes": [{{"index": 0, "id": "RUS", "kind": "state", "label": "Russia",
            "state": "RUS", "mentions": {mentions}, "adjectival": 0, "documents": 1,
            "windows": 1, "first_seen": null, "last_seen": null}}], "edges": []}}"#
        );
        Partial::read(json.as_bytes(), origin).unwrap()
    }

    #[test]
    fn merge_overflow_is_an_error_naming_the_file() {
        let mut all = partial(1 << 63, "a.json");
        let err = all.merge(partial(1 << 63, "b.json")).unwrap_err().to_string();
        assert_eq!(
            err,
            "b.json:1: the mentions of node \"RUS\" pass 18446744073709551615: cannot merge"
        );
        assert_eq!(all, partial(1 << 63, "a.json"), "unchanged on error");
        all.merge(partial((1 << 63) - 1, "c.json")).unwrap();
        assert_eq!(all.nodes[0].mentions, u64::MAX);
        assert_eq!(all.documents, 2);
    }
}
