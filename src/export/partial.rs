//! Partial results: the counts of one shard of a corpus, written so that shards run anywhere
//! (GNU parallel, Spark, Hadoop) can be merged into exactly the graph one run would give.
//!
//! The file is one JSON object:
//!
//! ```text
//! {"format": "actorgraph-partial", "version": 2, "window": "sentence", "documents": 8,
//!  "windows": 131, "first_date": "2024-09-18", "last_date": "2025-07-15",
//!  "nodes": [{"index": 12, "id": "RUS", "kind": "state", "label": "Russia", "state": "RUS",
//!             "mentions": 18, "adjectival": 9, "documents": 3, "windows": 15}, ...],
//!  "edges": [{"source": "RUS", "target": "UKR", "weight": 4, "documents": 1}, ...]}
//! ```
//!
//! `index` is the entity's position in the gazetteer the shard used; merged graphs keep that
//! order, so all shards must use the same gazetteer files. `windows` (version 2) counts the
//! windows with at least one actor, in total and per node, which the association measures
//! need; version 1 files lack them and are refused with a message saying so.

use std::collections::BTreeMap;
use std::io;

use serde::{Deserialize, Serialize};

use super::{entry, state_of};
use crate::cooccur::{Cooccurrence, CooccurrenceBuilder, EdgeCounts, NodeCounts, Window};
use crate::error::{Error, Result};
use crate::gazetteer::{EntityId, EntityKind, Entry, Gazetteer};

const FORMAT: &str = "actorgraph-partial";
const VERSION: u32 = 2;

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
    nodes: Vec<PartialNode>,
    edges: Vec<PartialEdge>,
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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct PartialEdge {
    source: String,
    target: String,
    weight: u64,
    documents: u64,
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
            nodes,
            edges,
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
    pub fn read<R: io::Read>(rdr: R, origin: &str) -> Result<Partial> {
        let partial: Partial = serde_json::from_reader(io::BufReader::new(rdr)).map_err(|err| {
            Error::corpus(origin, err.line() as u64, format!("not a partial result: {err}"))
        })?;
        if partial.format == FORMAT && partial.version == 1 {
            let msg = "a version 1 partial result has no window counts, which association \
                       weights need: make it again with `actorgraph graph --partial`";
            return Err(Error::corpus(origin, 1, msg));
        }
        if partial.format != FORMAT || partial.version != VERSION {
            let msg = format!(
                "expected {FORMAT} version {VERSION}, found {} version {}",
                partial.format, partial.version
            );
            return Err(Error::corpus(origin, 1, msg));
        }
        partial.check().map_err(|msg| Error::corpus(origin, 1, msg))?;
        Ok(partial)
    }

    /// Returns the number of documents counted.
    pub fn document_count(&self) -> u64 {
        self.documents
    }

    /// Returns the earliest and latest document dates, if any document had one.
    pub fn dates(&self) -> Option<(&str, &str)> {
        Some((self.first_date.as_deref()?, self.last_date.as_deref()?))
    }

    /// Adds another partial's counts to this one.
    ///
    /// # Errors
    ///
    /// Returns an error if the two were counted with different windows or gazetteers.
    pub fn merge(&mut self, other: Partial) -> Result<()> {
        if other.window != self.window {
            let msg =
                format!("cannot merge a {} window with a {} window", other.window, self.window);
            return Err(Error::new(crate::error::ErrorKind::Build(msg)));
        }
        self.documents += other.documents;
        self.windows += other.windows;
        self.first_date = min_date(self.first_date.take(), other.first_date, true);
        self.last_date = min_date(self.last_date.take(), other.last_date, false);
        let mut nodes: BTreeMap<usize, PartialNode> =
            self.nodes.drain(..).map(|n| (n.index, n)).collect();
        for node in other.nodes {
            merge_node(&mut nodes, node)?;
        }
        self.nodes = nodes.into_values().collect();
        let mut edges: BTreeMap<(String, String), PartialEdge> =
            self.edges.drain(..).map(|e| ((e.source.clone(), e.target.clone()), e)).collect();
        for edge in other.edges {
            let slot = edges
                .entry((edge.source.clone(), edge.target.clone()))
                .or_insert(PartialEdge { weight: 0, documents: 0, ..edge.clone() });
            slot.weight += edge.weight;
            slot.documents += edge.documents;
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
                    EdgeCounts { weight: e.weight, documents: e.documents },
                ))
            })
            .collect::<Result<_>>()?;
        let mut counts = CooccurrenceBuilder::new().window(window).min_weight(min_weight).build();
        counts.add_counts(self.documents, self.windows, nodes, edges);
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

fn merge_node(nodes: &mut BTreeMap<usize, PartialNode>, node: PartialNode) -> Result<()> {
    match nodes.get_mut(&node.index) {
        Some(slot) if slot.id != node.id => {
            let msg = format!(
                "entity {} is \"{}\" in one partial and \"{}\" in another: were they made with the same gazetteers?",
                node.index, slot.id, node.id
            );
            Err(Error::new(crate::error::ErrorKind::Build(msg)))
        }
        Some(slot) => {
            slot.mentions += node.mentions;
            slot.adjectival += node.adjectival;
            slot.documents += node.documents;
            slot.windows += node.windows;
            Ok(())
        }
        None => {
            nodes.insert(node.index, node);
            Ok(())
        }
    }
}

/// The earlier (`earliest`) or later of two optional ISO dates.
fn min_date(a: Option<String>, b: Option<String>, earliest: bool) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if (a <= b) == earliest { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Rebuilds enough of an entry for the writers: id, kind, label and state.
fn node_entry(node: &PartialNode) -> Entry {
    let entry = Entry::new(node.id.clone(), node.kind, node.label.clone());
    match node.kind {
        EntityKind::State => entry,
        EntityKind::Place if !node.state.is_empty() => entry.country(node.state.clone()),
        _ if !node.state.is_empty() => entry.affiliation(node.state.clone()),
        _ => entry,
    }
}
