//! Partial results: the counts of one shard of a corpus, written so that shards run anywhere
//! (GNU parallel, Spark, Hadoop) can be merged into exactly the graph one run would give.
//!
//! A partial is one JSON object on one line (so that a job engine that keeps what a task
//! prints keeps it whole, and a file can hold several, one a line):
//!
//! ```text
//! {"format": "actorgraph-partial", "version": 3, "fingerprint": "9c0e...",
//!  "settings": {"window": "sentence", "surnames": "true", "gazetteer 0": "built-in 5d1f...", ...},
//!  "documents_hash": "41aa...", "window": "sentence", "documents": 8, "windows": 131,
//!  "first_date": "2024-09-18", "last_date": "2025-07-15", "undated": 0,
//!  "nodes": [{"index": 12, "id": "RUS", "kind": "state", "label": "Russia", "state": "RUS",
//!             "mentions": 18, "adjectival": 9, "documents": 3, "windows": 15,
//!             "first_seen": "2025-03-14", "last_seen": "2025-06-24"}, ...],
//!  "edges": [{"source": "RUS", "target": "UKR", "weight": 4, "documents": 1,
//!             "first_seen": "2025-06-24", "last_seen": "2025-06-24"}, ...]}
//! ```
//!
//! `settings` holds everything besides the documents that decides the counts: the content of
//! every gazetteer layer and every matching, segmenting and counting option; `fingerprint` is
//! their hash, and partials merge only when their fingerprints are equal. `documents_hash` is
//! a hash of the documents' ids, texts and dates, so that the same shard given twice can be
//! told. `index` is the entity's position in the gazetteer the shard used; merged graphs keep
//! that order. `windows` counts the windows with at least one actor, in total and per node,
//! which the association measures need. `undated` counts the documents without a date;
//! `first_seen` and `last_seen` are `null` for a node or edge seen only in those. Every field
//! is described in `docs/partial-format.md`. Versions 1 and 2 are refused with their reason.

use std::collections::BTreeMap;
use std::io;

use serde::{Deserialize, Serialize};

use super::{entry, state_of};
use crate::cooccur::{
    Cooccurrence, CooccurrenceBuilder, EdgeCounts, EventCounts, NodeCounts, PairCounts, Window,
};
use crate::corpus::Date;
use crate::error::{Error, Result};
use crate::gazetteer::{EntityId, EntityKind, Entry, Gazetteer};
use crate::hash::ContentHash;

const FORMAT: &str = "actorgraph-partial";
const VERSION: u32 = 3;

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
    /// The hash of `settings`.
    fingerprint: String,
    /// What decides the counts besides the documents, by name.
    settings: BTreeMap<String, String>,
    /// The hash of the documents' ids, texts and dates, in order.
    documents_hash: String,
    window: String,
    documents: u64,
    #[serde(default)]
    windows: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    undated: u64,
    nodes: Vec<PartialNode>,
    edges: Vec<PartialEdge>,
    /// The coded events per ordered pair, in a partial of `graph --relations events`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    events: Option<PartialEvents>,
    /// Where the partial was read from, for messages; empty for one made in this run.
    #[serde(skip)]
    origin: String,
    /// The line of `origin` it was read from (0 for one made in this run).
    #[serde(skip)]
    line: u64,
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
    /// Where the entity is (a place, a state's capital), as the gazetteer wrote it; absent
    /// when it has no location, and in partials written before locations were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    latitude: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    longitude: Option<String>,
    /// The entity's actor code (the gazetteer's `code` column); absent when it has none, and
    /// in partials written before codes were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<String>,
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

/// The events of a partial: per ordered pair, and how many negated or modal ones were left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct PartialEvents {
    left_out: u64,
    edges: Vec<PartialEventEdge>,
}

/// The events from `source` to `target`: per quad class (verbal cooperation, material
/// cooperation, verbal conflict, material conflict), the sum of their scores in hundredths,
/// the documents and dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct PartialEventEdge {
    source: String,
    target: String,
    quads: [u64; 4],
    score: i64,
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
                    latitude: e.place.latitude.clone(),
                    longitude: e.place.longitude.clone(),
                    code: e.code.clone(),
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
        let window = window_name(counts.window()).to_string();
        let settings = BTreeMap::from([("window".to_string(), window.clone())]);
        Partial {
            format: FORMAT.to_string(),
            version: VERSION,
            fingerprint: fingerprint(&settings),
            settings,
            documents_hash: String::new(),
            window,
            documents: counts.document_count(),
            windows: counts.window_count(),
            first_date: dates.map(|d| d.0.to_string()),
            last_date: dates.map(|d| d.1.to_string()),
            undated: counts.undated_count(),
            nodes,
            edges,
            events: None,
            origin: String::new(),
            line: 0,
        }
    }

    /// Adds the coded events of the same run (`graph --relations events --partial`); their
    /// actors are nodes of the partial, since every actor of an event is a mention.
    pub(crate) fn set_events(&mut self, events: &EventCounts, gaz: &Gazetteer) {
        let edges = events
            .pairs()
            .map(|(source, target, c)| PartialEventEdge {
                source: entry(gaz, source).id().to_string(),
                target: entry(gaz, target).id().to_string(),
                quads: c.quads,
                score: c.score,
                documents: c.documents,
                first_seen: c.first_seen,
                last_seen: c.last_seen,
            })
            .collect();
        self.events = Some(PartialEvents { left_out: events.left_out(), edges });
    }

    /// Returns true if the partial holds coded events (made by `graph --relations events
    /// --partial`), which [`Partial::into_parts`] gives back as [`EventCounts`].
    pub fn has_events(&self) -> bool {
        self.events.is_some()
    }

    /// Records what decided the counts (`settings`, by name, the window added) and the hash of
    /// the documents counted, as [`Pipeline::to_partial`] does.
    ///
    /// [`Pipeline::to_partial`]: crate::Pipeline::to_partial
    pub(crate) fn set_provenance(&mut self, settings: BTreeMap<String, String>, documents: u128) {
        self.settings = settings;
        self.settings.insert("window".to_string(), self.window.clone());
        self.fingerprint = fingerprint(&self.settings);
        self.documents_hash = format!("{documents:032x}");
    }

    /// Returns the fingerprint of the settings that decided the counts: the gazetteer layers'
    /// content and the matching, segmenting and counting options. Partials merge only when
    /// their fingerprints are equal.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Returns the settings the fingerprint is made of, by name.
    pub fn settings(&self) -> &BTreeMap<String, String> {
        &self.settings
    }

    /// Returns the hash of the documents counted (their ids, texts and dates, in order): two
    /// partials with the same hash counted the same documents. Empty for a partial made
    /// without [`Pipeline::to_partial`].
    ///
    /// [`Pipeline::to_partial`]: crate::Pipeline::to_partial
    pub fn documents_hash(&self) -> &str {
        &self.documents_hash
    }

    /// Returns where the partial was read from, as `FILE:LINE`, or `""` for one made in this
    /// run.
    pub fn origin(&self) -> String {
        match self.origin.is_empty() {
            true => String::new(),
            false => format!("{}:{}", self.origin, self.line),
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

    /// Reads a partial written by [`Partial::write`] (or the same JSON laid out over several
    /// lines). `origin` names it in errors. Input that is not a partial is refused at its first
    /// bytes, as [`Partial::read_lines`] refuses it, however long it is.
    ///
    /// # Errors
    ///
    /// Returns an error naming `origin` and the line if the input is empty or is not a partial
    /// of this version, or if its counts or dates are inconsistent.
    pub fn read<R: io::Read>(rdr: R, origin: &str) -> Result<Partial> {
        let mut whole = Partial::read_lines(io::BufReader::new(rdr), origin);
        whole.whole = true;
        whole.next().unwrap_or_else(|| {
            Err(Error::corpus(origin, 1, "not a partial result: there is nothing in it"))
        })
    }

    /// Reads the partials of a file that holds several, one a line (blank lines are skipped;
    /// white space around a partial, such as the tab Hadoop Streaming ends a line with, is
    /// allowed). `origin` names the file in errors, with the line.
    ///
    /// ```
    /// use actorgraph::{Partial, Pipeline};
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let counted = pipeline.count(["data/sample.jsonl"], |_| Ok(()))?;
    /// let mut lines = Vec::new();
    /// pipeline.to_partial(&counted.counts).write(&mut lines)?;
    /// lines.extend_from_slice(b"\n");
    /// pipeline.to_partial(&counted.counts).write(&mut lines)?;
    /// let partials: Vec<Partial> = Partial::read_lines(&lines[..], "parts.jsonl").collect::<Result<_, _>>()?;
    /// assert_eq!(partials.len(), 2);
    /// assert_eq!(partials[1].origin(), "parts.jsonl:3");
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn read_lines<R: io::BufRead>(rdr: R, origin: &str) -> PartialLines<R> {
        PartialLines {
            rdr,
            origin: origin.to_string(),
            line: 0,
            buf: Vec::new(),
            done: false,
            whole: false,
        }
    }

    /// Reads one partial from `bytes`, line `line` of `origin`.
    fn from_line(bytes: &[u8], origin: &str, line: u64) -> Result<Partial> {
        let not_partial = |err: serde_json::Error| {
            let at = line + err.line().saturating_sub(1) as u64;
            Error::corpus(origin, at, format!("not a partial result: {err}"))
        };
        // The format and version come first, so that an old file gets a reason, not a parse error.
        let header: Header = serde_json::from_slice(bytes).map_err(not_partial)?;
        if header.format == FORMAT && header.version != VERSION {
            return Err(Error::corpus(origin, line, old_version(header.version)));
        }
        if header.format != FORMAT {
            let msg = format!(
                "expected {FORMAT} version {VERSION}, found {} version {}",
                header.format, header.version
            );
            return Err(Error::corpus(origin, line, msg));
        }
        let mut partial: Partial = serde_json::from_slice(bytes).map_err(not_partial)?;
        partial.check().map_err(|msg| Error::corpus(origin, line, msg))?;
        partial.origin = origin.to_string();
        partial.line = line;
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
    /// Returns an error if the two were counted with different settings (gazetteers, matching
    /// options, window: the error names both partials and every setting that differs), or if
    /// a sum of counts would not fit in 64 bits. The error names `other`'s file and line. On
    /// error, `self` is unchanged.
    pub fn merge(&mut self, other: Partial) -> Result<()> {
        let at = |msg: String| match other.origin.is_empty() {
            true => Error::from(io::Error::new(io::ErrorKind::InvalidData, msg)),
            false => Error::corpus(&other.origin, other.line, msg),
        };
        if other.fingerprint != self.fingerprint {
            return Err(at(self.differences(&other)));
        }
        let mut merged = self.clone();
        merged.merge_counts(other.clone()).map_err(|err| match err {
            MergeError::Mismatch(msg) => at(msg),
            MergeError::Overflow(msg) => at(format!("{msg}: cannot merge")),
        })?;
        *self = merged;
        Ok(())
    }

    /// Says which settings differ between `self` and `other`, for the error of a merge.
    fn differences(&self, other: &Partial) -> String {
        let name = |p: &Partial| match p.origin.is_empty() {
            true => "this run".to_string(),
            false => format!("{}:{}", p.origin, p.line),
        };
        let here = name(self);
        let keys: std::collections::BTreeSet<&String> =
            self.settings.keys().chain(other.settings.keys()).collect();
        let show = |v: Option<&String>| v.map_or("not set".to_string(), |v| format!("\"{v}\""));
        let diffs: Vec<String> = keys
            .into_iter()
            .filter(|k| self.settings.get(*k) != other.settings.get(*k))
            .map(|k| {
                format!(
                    "{k} is {} there, {} here",
                    show(self.settings.get(k)),
                    show(other.settings.get(k))
                )
            })
            .collect();
        let what = match diffs.is_empty() {
            true => "the fingerprints differ, but not the settings: was a file edited?".to_string(),
            false => diffs.join("; "),
        };
        format!(
            "cannot merge: made with other settings than {here}: {what} (make every shard with \
             the same gazetteer files and options)"
        )
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
        // A pair is the same edge whichever end a shard wrote first: the ends of an edge
        // between discovered actors come in the order the shard discovered them.
        let mut edges: BTreeMap<(String, String), PartialEdge> =
            self.edges.drain(..).map(|e| (pair(&e), e)).collect();
        for edge in other.edges {
            let slot = edges.entry(pair(&edge)).or_insert(PartialEdge {
                weight: 0,
                documents: 0,
                ..edge.clone()
            });
            let name =
                |what: &str| format!("{what} of edge \"{}\" -- \"{}\"", edge.source, edge.target);
            add(&mut slot.weight, edge.weight, || name("weight"))?;
            add(&mut slot.documents, edge.documents, || name("documents"))?;
            slot.first_seen = Date::earliest(slot.first_seen, edge.first_seen);
            slot.last_seen = Date::latest(slot.last_seen, edge.last_seen);
        }
        self.edges = edges.into_values().collect();
        match (&mut self.events, other.events) {
            (Some(mine), Some(theirs)) => merge_events(mine, theirs)?,
            (None, None) => {}
            _ => {
                let msg = "one partial holds events and the other does not".to_string();
                return Err(MergeError::Mismatch(msg));
            }
        }
        Ok(())
    }

    /// Turns the partial into a gazetteer of its entities (in their original order) and their
    /// counts, ready for [`Cooccurrence::to_graph`] and the writers.
    ///
    /// # Errors
    ///
    /// Returns an error if an edge names an entity that has no node.
    pub fn into_counts(self, min_weight: u64) -> Result<(Gazetteer, Cooccurrence)> {
        self.into_parts(min_weight).map(|(gaz, counts, _)| (gaz, counts))
    }

    /// As [`Partial::into_counts`], with the coded events of a partial that has them
    /// ([`Partial::has_events`]), ready for [`EventCounts::to_graph_with`].
    ///
    /// # Errors
    ///
    /// Returns an error if an edge or an event names an entity that has no node.
    pub fn into_parts(
        self,
        min_weight: u64,
    ) -> Result<(Gazetteer, Cooccurrence, Option<EventCounts>)> {
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
        let events = match &self.events {
            None => None,
            Some(partial) => {
                let mut events = EventCounts::new();
                let unasserted = self.settings.get("unasserted_events").map(String::as_str);
                events.include_unasserted(unasserted == Some("true"));
                events.add_left_out(partial.left_out);
                for e in &partial.edges {
                    let pair = PairCounts {
                        quads: e.quads,
                        score: e.score,
                        documents: e.documents,
                        first_seen: e.first_seen,
                        last_seen: e.last_seen,
                    };
                    events.add_counts(id(&e.source)?, id(&e.target)?, &pair);
                }
                Some(events)
            }
        };
        Ok((gaz, counts, events))
    }
}

impl Partial {
    /// Checks that the counts and dates agree with each other, as every partial a run writes
    /// does, so that an edited, truncated or mixed-up file is refused rather than merged into
    /// a wrong graph.
    fn check(&self) -> std::result::Result<(), String> {
        if self.fingerprint != fingerprint(&self.settings) {
            return Err("the fingerprint does not match the settings: the file was changed \
                        after it was written"
                .to_string());
        }
        if self.settings.get("window") != Some(&self.window) {
            return Err(format!("the window \"{}\" is not the one of the settings", self.window));
        }
        if self.undated > self.documents {
            return Err(format!(
                "{} undated documents of {}: the document counts are inconsistent",
                self.undated, self.documents
            ));
        }
        let range = self.check_dates()?;
        let mut nodes: BTreeMap<&str, &PartialNode> = BTreeMap::new();
        for n in &self.nodes {
            self.check_node(n, range)?;
            if nodes.insert(&n.id, n).is_some() {
                return Err(format!("node \"{}\" is listed twice", n.id));
            }
        }
        let mut pairs = std::collections::BTreeSet::new();
        for e in &self.edges {
            if !pairs.insert(pair(e)) {
                return Err(format!("edge \"{}\" -- \"{}\" is listed twice", e.source, e.target));
            }
            let [a, b] = [&e.source, &e.target].map(|id| nodes.get(id.as_str()).copied());
            let (Some(a), Some(b)) = (a, b) else {
                return Err(format!(
                    "edge \"{}\" -- \"{}\" names an actor that has no node",
                    e.source, e.target
                ));
            };
            check_edge(e, a, b, range)?;
        }
        if let Some(events) = &self.events {
            check_events(events, &nodes, range)?;
        }
        Ok(())
    }

    /// Checks the document dates: both or neither, readable, in order, and present when some
    /// document has a date. Returns them.
    fn check_dates(&self) -> std::result::Result<Option<(Date, Date)>, String> {
        let parse = |d: &Option<String>| -> std::result::Result<Option<Date>, String> {
            d.as_deref()
                .map(|t| t.parse::<Date>().map_err(|err| format!("document date \"{t}\": {err}")))
                .transpose()
        };
        let range = match (parse(&self.first_date)?, parse(&self.last_date)?) {
            (Some(a), Some(b)) if a.first_day() <= b.last_day() => Some((a, b)),
            (None, None) => None,
            _ => {
                return Err(format!(
                    "the document dates {:?} to {:?} are not a range",
                    self.first_date, self.last_date
                ));
            }
        };
        if range.is_some() == (self.undated == self.documents) {
            return Err(format!(
                "{} of {} documents are undated, but the dates are {:?} to {:?}",
                self.undated, self.documents, self.first_date, self.last_date
            ));
        }
        Ok(range)
    }

    /// Checks one node's counts against each other and the totals.
    fn check_node(
        &self,
        n: &PartialNode,
        range: Option<(Date, Date)>,
    ) -> std::result::Result<(), String> {
        let bad = |what: &str| Err(format!("node \"{}\": {what}", n.id));
        if n.windows == 0 || n.windows > self.windows {
            return bad(&format!(
                "in {} windows of {}: the window counts are inconsistent",
                n.windows, self.windows
            ));
        }
        if n.documents == 0 || n.documents > self.documents || n.documents > n.windows {
            return bad(&format!(
                "in {} documents, {} windows, of {} documents: the counts are inconsistent",
                n.documents, n.windows, self.documents
            ));
        }
        if n.mentions < n.windows || n.adjectival > n.mentions {
            return bad(&format!(
                "{} mentions ({} adjectival) in {} windows: the counts are inconsistent",
                n.mentions, n.adjectival, n.windows
            ));
        }
        match seen_in(n.first_seen, n.last_seen, range) {
            true => Ok(()),
            false => bad(&format!(
                "seen from {:?} to {:?}, outside the document dates {:?} to {:?}",
                n.first_seen, n.last_seen, self.first_date, self.last_date
            )),
        }
    }
}

/// Checks the events: each ordered pair once, between two nodes, with at least one event, no
/// more documents than events or than its nodes have, and dates within theirs.
fn check_events(
    events: &PartialEvents,
    nodes: &BTreeMap<&str, &PartialNode>,
    range: Option<(Date, Date)>,
) -> std::result::Result<(), String> {
    let mut pairs = std::collections::BTreeSet::new();
    for e in &events.edges {
        let bad = |what: &str| Err(format!("events \"{}\" -> \"{}\": {what}", e.source, e.target));
        if !pairs.insert((&e.source, &e.target)) {
            return bad("listed twice");
        }
        let [a, b] = [&e.source, &e.target].map(|id| nodes.get(id.as_str()).copied());
        let (Some(a), Some(b)) = (a, b) else { return bad("names an actor that has no node") };
        let total: u64 = e.quads.iter().sum();
        if e.source == e.target || total == 0 {
            return bad("no events, or an actor with itself");
        }
        if e.documents == 0 || e.documents > total || e.documents > a.documents.min(b.documents) {
            return bad("the document count is inconsistent with the events or the nodes");
        }
        let within = |node: &PartialNode| node.first_seen.zip(node.last_seen);
        if !seen_in(e.first_seen, e.last_seen, range)
            || !seen_in(e.first_seen, e.last_seen, within(a))
            || !seen_in(e.first_seen, e.last_seen, within(b))
        {
            return bad("seen outside the dates of the documents or of its nodes");
        }
    }
    Ok(())
}

/// Adds `theirs` to `mine`, pair by pair in (source, target) order.
fn merge_events(
    mine: &mut PartialEvents,
    theirs: PartialEvents,
) -> std::result::Result<(), MergeError> {
    add(&mut mine.left_out, theirs.left_out, || "events left out".to_string())?;
    let mut edges: BTreeMap<(String, String), PartialEventEdge> =
        mine.edges.drain(..).map(|e| ((e.source.clone(), e.target.clone()), e)).collect();
    for edge in theirs.edges {
        let key = (edge.source.clone(), edge.target.clone());
        let name = |what: &str| format!("{what} of events \"{}\" -> \"{}\"", key.0, key.1);
        let Some(slot) = edges.get_mut(&key) else {
            edges.insert(key, edge);
            continue;
        };
        for (a, b) in slot.quads.iter_mut().zip(edge.quads) {
            add(a, b, || name("events"))?;
        }
        slot.score = slot
            .score
            .checked_add(edge.score)
            .ok_or_else(|| MergeError::Overflow(name("score")))?;
        add(&mut slot.documents, edge.documents, || name("documents"))?;
        slot.first_seen = Date::earliest(slot.first_seen, edge.first_seen);
        slot.last_seen = Date::latest(slot.last_seen, edge.last_seen);
    }
    mine.edges = edges.into_values().collect();
    Ok(())
}

/// Checks one edge's counts against its two nodes.
fn check_edge(
    e: &PartialEdge,
    a: &PartialNode,
    b: &PartialNode,
    range: Option<(Date, Date)>,
) -> std::result::Result<(), String> {
    let bad = |what: String| Err(format!("edge \"{}\" -- \"{}\": {what}", e.source, e.target));
    if e.source == e.target {
        return bad("an actor with itself".to_string());
    }
    if e.weight == 0 || e.weight > a.windows.min(b.windows) {
        return bad(format!("in {} windows, more than one of its nodes", e.weight));
    }
    if e.documents == 0 || e.documents > e.weight || e.documents > a.documents.min(b.documents) {
        return bad(format!(
            "in {} documents and {} windows: the counts are inconsistent with each other or \
             with its nodes",
            e.documents, e.weight
        ));
    }
    let within = |node: &PartialNode| node.first_seen.zip(node.last_seen);
    if !seen_in(e.first_seen, e.last_seen, range)
        || !seen_in(e.first_seen, e.last_seen, within(a))
        || !seen_in(e.first_seen, e.last_seen, within(b))
    {
        return bad(format!(
            "seen from {:?} to {:?}, outside the dates of the documents or of its nodes",
            e.first_seen, e.last_seen
        ));
    }
    Ok(())
}

/// Whether a node or edge seen from `first` to `last` (both or neither) was seen within
/// `range`, the dates of the documents it can have been seen in. Seen only in undated
/// documents, it has no dates.
fn seen_in(first: Option<Date>, last: Option<Date>, range: Option<(Date, Date)>) -> bool {
    match (first, last, range) {
        (None, None, _) => true,
        (Some(first), Some(last), Some((from, to))) => {
            first.first_day() <= last.last_day()
                && Date::earliest(Some(from), Some(first)) == Some(from)
                && Date::latest(Some(to), Some(last)) == Some(to)
        }
        _ => false,
    }
}

/// The hash of a partial's settings, as 32 hexadecimal digits.
fn fingerprint(settings: &BTreeMap<String, String>) -> String {
    let mut hash = ContentHash::default();
    hash.bytes(FORMAT.as_bytes()).bytes(&VERSION.to_le_bytes());
    for (key, value) in settings {
        hash.bytes(key.as_bytes()).bytes(value.as_bytes());
    }
    format!("{:032x}", hash.finish())
}

/// Why a partial of another version of the format is refused.
fn old_version(version: u32) -> String {
    let again = "make it again with this actorgraph (`actorgraph graph --partial`)";
    match version {
        1 => format!(
            "a version 1 partial result has no window counts or dates per node and edge, \
             which association weights and first/last seen need, and no fingerprint of its \
             settings: {again}"
        ),
        2 => format!(
            "a version 2 partial result has no fingerprint of the gazetteers and options it \
             was made with, so merging it could mix settings unseen: {again}"
        ),
        v if v > VERSION => format!(
            "a version {v} partial result is newer than this actorgraph reads (version \
             {VERSION}): merge it with the actorgraph that made it"
        ),
        v => format!("version {v} of the partial format is not one this actorgraph reads: {again}"),
    }
}

/// The partials of a file, one a line: see [`Partial::read_lines`].
#[derive(Debug)]
pub struct PartialLines<R> {
    rdr: R,
    origin: String,
    line: u64,
    buf: Vec<u8>,
    done: bool,
    /// Whether the input is one partial that may span lines ([`Partial::read`]).
    whole: bool,
}

/// How much of a line that does not open with `{` is read, to give the parser's message.
const NOT_PARTIAL_PREFIX: usize = 64;

impl<R: io::BufRead> PartialLines<R> {
    /// Reads the next line into `buf`, returning false at the end of the input.
    ///
    /// Blank lines are skipped and their whitespace is not kept, so a stream of whitespace
    /// takes no memory. A line must open with `{` (one that does not is read only as far as
    /// [`NOT_PARTIAL_PREFIX`] bytes), and no byte of it may be a control character other than
    /// a tab or a carriage return (JSON allows none in a partial): the line stops there and is
    /// handed to the parser, which names the fault. With `whole` set, a newline after the
    /// first `{` belongs to the line: the rest of the input is one partial. So an input that
    /// is not partials, even one that never ends (`/dev/zero`, a binary stream), is refused as
    /// soon as it is read, not after it has filled memory.
    fn read_line(&mut self) -> io::Result<bool> {
        self.buf.clear();
        self.line += 1;
        loop {
            let chunk = match self.rdr.fill_buf() {
                Ok(chunk) => chunk,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if chunk.is_empty() {
                return Ok(!self.buf.is_empty());
            }
            let mut used = 0;
            let mut ended = false;
            for &byte in chunk {
                used += 1;
                if byte == b'\n' {
                    if self.buf.is_empty() {
                        self.line += 1;
                        continue;
                    }
                    if !self.whole {
                        ended = true;
                        break;
                    }
                }
                if self.buf.is_empty() && byte.is_ascii_whitespace() {
                    continue;
                }
                self.buf.push(byte);
                let control = byte < 0x20 && !matches!(byte, b'\t' | b'\r' | b'\n');
                if control || (self.buf[0] != b'{' && self.buf.len() >= NOT_PARTIAL_PREFIX) {
                    ended = true;
                    break;
                }
            }
            self.rdr.consume(used);
            if ended {
                return Ok(true);
            }
        }
    }
}

impl<R: io::BufRead> Iterator for PartialLines<R> {
    type Item = Result<Partial>;

    fn next(&mut self) -> Option<Result<Partial>> {
        if self.done {
            return None;
        }
        match self.read_line() {
            Ok(true) => Some(Partial::from_line(&self.buf, &self.origin, self.line)),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(err) => {
                self.done = true;
                Some(Err(Error::corpus(&self.origin, self.line, err.to_string())))
            }
        }
    }
}

/// An edge's two ends in text order, whichever the edge names first.
fn pair(edge: &PartialEdge) -> (String, String) {
    let (a, b) = (&edge.source, &edge.target);
    if a <= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) }
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

/// Rebuilds enough of an entry for the writers: id, kind, label, state, location and code.
fn node_entry(node: &PartialNode) -> Entry {
    let mut entry = Entry::new(node.id.clone(), node.kind, node.label.clone());
    entry.discovered = is_discovered(&node.id);
    entry.code = node.code.clone();
    if node.latitude.is_some() && node.longitude.is_some() {
        entry.place.latitude = node.latitude.clone();
        entry.place.longitude = node.longitude.clone();
    }
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

    #[test]
    fn r14_reading_an_endless_input_that_is_no_partial_stops_at_once() {
        // An endless stream of NULs (as /dev/zero) is refused at its first byte, and a stream
        // of text at the 64th: neither is read to the end.
        let err = Partial::read(io::repeat(0), "zero").unwrap_err().to_string();
        assert_eq!(err, "zero:1: not a partial result: expected value at line 1 column 1");
        let err = Partial::read(io::repeat(b'a'), "a").unwrap_err().to_string();
        assert_eq!(err, "a:1: not a partial result: expected value at line 1 column 1");
        let lines = Partial::read_lines(io::BufReader::new(io::repeat(0)), "zero");
        let err = lines.take(5).next().unwrap().unwrap_err().to_string();
        assert_eq!(err, "zero:1: not a partial result: expected value at line 1 column 1");
        // After a partial's first brace, a NUL stops it too.
        let endless = io::Read::chain(&b"\n\n{\"format\""[..], io::repeat(0));
        let err = Partial::read(endless, "p").unwrap_err().to_string();
        assert!(err.starts_with("p:3: not a partial result:"), "{err}");
        let err = Partial::read(&b"\n  \n"[..], "blank").unwrap_err().to_string();
        assert_eq!(err, "blank:1: not a partial result: there is nothing in it");
    }

    /// A partial with one node whose mentions are `mentions`, read as from `origin`.
    fn partial(mentions: u64, origin: &str) -> Partial {
        let settings = BTreeMap::from([("window".to_string(), "sentence".to_string())]);
        let json = format!(
            r#"{{"format": "actorgraph-partial", "version": 3, "fingerprint": "{}",
            "settings": {{"window": "sentence"}}, "documents_hash": "", "window": "sentence",
            "documents": 1, "windows": 1, "first_date": null, "last_date": null, "undated": 1,
            "nodes": [{{"index": 0, "id": "RUS", "kind": "state", "label": "Russia",
            "state": "RUS", "mentions": {mentions}, "adjectival": 0, "documents": 1,
            "windows": 1, "first_seen": null, "last_seen": null}}], "edges": []}}"#,
            fingerprint(&settings)
        );
        Partial::read(json.as_bytes(), origin).unwrap()
    }

    /// A partial of two discovered actors, listed in the order given, with one edge from the
    /// first to the second.
    fn discovered_pair(first: &str, second: &str) -> Partial {
        let settings = BTreeMap::from([("window".to_string(), "sentence".to_string())]);
        let node = |index: usize, id: &str| {
            format!(
                r#"{{"index": {index}, "id": "discovered:person:{id}", "kind": "person",
                "label": "{id}", "state": "", "mentions": 1, "adjectival": 0, "documents": 1,
                "windows": 1, "first_seen": null, "last_seen": null}}"#
            )
        };
        let json = format!(
            r#"{{"format": "actorgraph-partial", "version": 3, "fingerprint": "{}",
            "settings": {{"window": "sentence"}}, "documents_hash": "", "window": "sentence",
            "documents": 1, "windows": 1, "first_date": null, "last_date": null, "undated": 1,
            "nodes": [{}, {}], "edges": [{{"source": "discovered:person:{first}",
            "target": "discovered:person:{second}", "weight": 1, "documents": 1,
            "first_seen": null, "last_seen": null}}]}}"#,
            fingerprint(&settings),
            node(0, first),
            node(1, second)
        );
        Partial::read(json.as_bytes(), "p.json").unwrap()
    }

    #[test]
    fn r13_an_edge_is_one_whichever_end_a_shard_names_first() {
        let mut all = discovered_pair("ford", "edison");
        all.merge(discovered_pair("edison", "ford")).unwrap();
        assert_eq!(all.edges.len(), 1, "{:?}", all.edges);
        assert_eq!((all.edges[0].weight, all.edges[0].documents), (2, 2));
        let (_, counts) = all.into_counts(0).unwrap();
        assert_eq!(counts.edge_counts().map(|(_, _, c)| c.weight).collect::<Vec<_>>(), [2]);
    }

    /// The pair partial of `discovered_pair("a", "b")` with this `events` member.
    fn with_events(events: &str) -> std::result::Result<Partial, String> {
        let mut json = serde_json::to_value(discovered_pair("a", "b")).unwrap();
        json["events"] = serde_json::from_str(events).unwrap();
        Partial::read(json.to_string().as_bytes(), "e.json").map_err(|e| e.to_string())
    }

    #[test]
    fn event_sections_are_checked_and_merge_per_direction() {
        let edge = |s: &str, t: &str, quads: &str, docs: u64| {
            format!(
                r#"{{"source": "discovered:person:{s}", "target": "discovered:person:{t}",
                "quads": {quads}, "score": -1000, "documents": {docs}, "first_seen": null,
                "last_seen": null}}"#
            )
        };
        let section =
            |edges: &[String]| format!(r#"{{"left_out": 1, "edges": [{}]}}"#, edges.join(","));
        let good = section(&[edge("a", "b", "[0,0,0,1]", 1)]);
        // (events member, the error it gives, or "" for none)
        let rows: &[(String, &str)] = &[
            (good.clone(), ""),
            (section(&[edge("a", "b", "[0,0,0,0]", 1)]), "no events, or an actor with itself"),
            (section(&[edge("a", "a", "[1,0,0,0]", 1)]), "no events, or an actor with itself"),
            (section(&[edge("a", "b", "[1,0,0,0]", 2)]), "the document count is inconsistent"),
            (section(&[edge("a", "x", "[1,0,0,0]", 1)]), "names an actor that has no node"),
            (
                section(&[edge("a", "b", "[1,0,0,0]", 1), edge("a", "b", "[1,0,0,0]", 1)]),
                "listed twice",
            ),
        ];
        for (events, want) in rows {
            match with_events(events) {
                Ok(_) => assert_eq!(*want, "", "{events}"),
                Err(err) => assert!(!want.is_empty() && err.contains(want), "{events}: {err}"),
            }
        }
        // Both directions stay apart; the same direction adds up.
        let mut all = with_events(&good).unwrap();
        all.merge(with_events(&good).unwrap()).unwrap();
        let back = section(&[edge("b", "a", "[1,0,0,0]", 1)]);
        all.merge(with_events(&back).unwrap()).unwrap();
        let events = all.events.as_ref().unwrap();
        assert_eq!(events.left_out, 3);
        let got: Vec<_> =
            events.edges.iter().map(|e| (e.source.as_str(), e.quads, e.score)).collect();
        assert_eq!(
            got,
            [
                ("discovered:person:a", [0, 0, 0, 2], -2000),
                ("discovered:person:b", [1, 0, 0, 0], -1000)
            ]
        );
        let err = all.merge(discovered_pair("a", "b")).unwrap_err().to_string();
        assert!(err.contains("one partial holds events and the other does not"), "{err}");
        let (_, _, counts) = all.into_parts(0).unwrap();
        assert_eq!(counts.unwrap().event_count(), 3);
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
