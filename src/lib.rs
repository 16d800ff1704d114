/*!
actorgraph finds the people, states, groups and places named in news articles and links those
that appear together into a co-occurrence network.

It is built for researchers who study conflict and politics: every mention comes with exact
byte offsets into the original text, every alias resolves to one canonical entity, and the same
input always gives byte-identical output.

The primary types, in the order data flows through them:

* [`Pipeline`] runs all of the steps below over a corpus, in parallel and in input order, as
  the command line does; [`PipelineBuilder`] configures it and [`GraphFiles`] writes the graph
  into a directory in several formats at once.
* [`Corpus`] reads documents from files, directories, JSONL and stdin, one at a time.
* [`Segmenter`] splits a text into paragraphs and sentences, as byte [`Span`]s.
* [`Gazetteer`] holds the known entities; [`Gazetteer::builtin`] is the default one.
* [`Matcher`] finds gazetteer names in text and yields [`Mention`]s.
* [`Cooccurrence`] counts mentions and pairs per window and builds a [`CooccurrenceGraph`],
  a petgraph graph underneath; [`GraphOptions`] picks the edge weight (a count or an
  association measure such as NPMI, see [`EdgeWeight`]) and filters the graph.
* [`Evidence`] keeps, while counting, the first few [`Citation`]s of every edge and node
  (document, sentence span, mention spans, a one-line snippet) and their total;
  [`EvidenceWriter`] writes them as the table a reader joins to the edges.
* [`NodeMeasures`] holds each node's degree, weighted degree, betweenness and eigenvector
  centrality and community, from [`CooccurrenceGraph::compute_measures`].
* [`EventExtractor`] codes who did what to whom in each sentence, with the verb phrases of
  an [`EventDictionary`] (CAMEO codes, quad classes, scores), as [`CodedEvent`]s.
* [`EventCounts`] sums coded events per ordered pair of actors (counts per quad class, mean
  score) and builds an [`EventGraph`], a directed petgraph graph; [`EventWeight`] weighs its
  edges by events or by cooperation minus conflict. Every writer takes either graph
  ([`GraphRef`]) and writes the event graph as directed.
* [`Date`] is a document's date, full or partial; [`TimeSlices`] counts each month or year
  apart for graphs over time.
* [`ForceLayout`] lays a graph out in the plane (ForceAtlas2 with a Barnes–Hut quadtree,
  deterministic); [`write_html`] embeds its positions so that the page opens laid out.
* [`write_csv`], [`write_dot`], [`write_gexf`], [`write_graphml`], [`write_json`], [`write_geojson`],
  [`write_html`] and [`MentionWriter`] write the results; [`write_dynamic_gexf`] writes
  time slices for Gephi's timeline.

# Example: the whole pipeline

What `actorgraph graph data/articles --format gexf,csv --out out` does: read the corpus on
every core, find and discover the actors, count them per sentence with each document's date,
filter and measure the graph, and write the files into `out` atomically.

```no_run
use actorgraph::{GraphFiles, GraphFormat, Pipeline};

let mut pipeline = Pipeline::new()?;
let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
let graph = pipeline.to_graph(&counted.counts)?;
GraphFiles::new([GraphFormat::Gexf, GraphFormat::Csv]).write_dir(&graph, pipeline.gazetteer(), "out")?;
# Ok::<(), actorgraph::Error>(())
```

[`Pipeline::run_documents`] and [`Pipeline::count_documents`] do the same over [`Document`]s
made in code, such as texts a program already holds.

The callback of [`Pipeline::count`] and [`Pipeline::run`] receives each document's results
([`Event::Document`], with its mentions, segments and date), the [`Notice`]s the command line
prints as warnings, and progress. The library prints nothing.

# Example: extract mentions

```
use actorgraph::{Gazetteer, Matcher};

let gaz = Gazetteer::builtin();
let matcher = Matcher::new(&gaz)?;
let text = "Turkish and Russian envoys met in Ankara. Mr. Erdoğan's aides said little.";
for mention in matcher.find_iter(text) {
    let entry = gaz.get(mention.entity()).unwrap();
    println!("{} {:?} {}", entry.id(), mention.span(), &text[mention.span()]);
}
let ids: Vec<&str> = matcher.find_iter(text).map(|m| gaz.get(m.entity()).unwrap().id()).collect();
assert_eq!(ids, ["TUR", "RUS", "ankara", "recep_tayyip_erdogan"]);
# Ok::<(), actorgraph::Error>(())
```

# Example: build a co-occurrence graph

```
use actorgraph::{CooccurrenceBuilder, Gazetteer, Matcher, Segmenter, Window, write_dot};

let gaz = Gazetteer::builtin();
let matcher = Matcher::new(&gaz)?;
let segmenter = Segmenter::new();
let mut counts = CooccurrenceBuilder::new().window(Window::Sentence).build();
for text in ["Iran and Iraq signed a deal.", "Iran, Iraq and Syria met in Baghdad."] {
    counts.add_document(&matcher.find_all(text), &segmenter.segment(text));
}
let graph = counts.to_graph();
let (iran, iraq) = (gaz.lookup("IRN").unwrap(), gaz.lookup("IRQ").unwrap());
assert_eq!(graph.edge(iran, iraq).unwrap().weight(), 2);

let mut dot = Vec::new();
write_dot(&graph, &gaz, &mut dot)?;
# Ok::<(), actorgraph::Error>(())
```

# Programs in `examples/`

Each is run by the tests; run one with `cargo run --example NAME`.

* `parallel_graph`: the example above, on four threads, byte for byte the command line's files.
* `custom_gazetteer`: a gazetteer file of one's own (`examples/gazetteer.tsv`) on top of the
  built-in one.
* `stream_mentions`: a callback that writes each document's mentions as CSV as soon as it is
  matched.
* `pagerank`: petgraph's connected components and PageRank on the graph.
* `graph_dot`: a paragraph graph, its most connected actors, and Graphviz DOT.
* `extract_mentions`: the matcher alone, on each document of a corpus.

# Offsets

Every [`Span`] is a half-open range of byte offsets into the text exactly as it was given. The
text is never lower-cased or normalised before matching (case rules are applied by comparing
the matched bytes with the name), so offsets stay correct for any Unicode input, and
`&text[span]` is always the matched text.

# Crate features

There are none yet: the crate always includes the built-in gazetteer and all formats.
*/

#![deny(missing_docs)]
#![warn(unreachable_pub)]

mod codec;
mod error;
mod hash;
mod json;
#[cfg(test)]
mod scratch;
mod span;

mod corpus;
mod segment;

mod gazetteer;
mod lexicon;
mod matcher;

mod discover;

mod events;

mod cooccur;
mod export;
mod output;

mod eval;

mod cache;

mod pipeline;

pub use petgraph;

pub use crate::cache::{CacheStatus, Cached, Compiled, GazetteerCache};
pub use crate::cooccur::{
    Association, Citation, Citations, Cooccurrence, CooccurrenceBuilder, CooccurrenceGraph,
    DOCUMENT_FIELD, Edge, EdgeCounts, EdgeWeight, EventCounts, EventEdge, EventGraph, EventNode,
    EventWeight, Evidence, EvidenceBuilder, FieldCounts, FieldSplits, GraphOptions,
    MeasuresBuilder, Node, NodeCounts, NodeMeasure, NodeMeasures, NodeRank, Slice, TimeSlices,
    TwoModeCounts, TwoModeEdge, TwoModeGraph, TwoModeNode, Window, field_value,
};
pub use crate::corpus::{
    Corpus, Date, DateError, DateSource, DateSources, DateSourcesError, Document, Documents,
    InputFormat, JsonlDocuments, JsonlOptions,
};
pub use crate::discover::{Candidate, Cue, Discoverer};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::eval::{
    Counts, CoveredDocument, Evaluator, EventScores, GoldDocument, GoldEvent, GoldEvents,
    GoldMention, GoldPairs, GoldTarget, Scores, StandoffSet, read_annotated_dir,
    read_annotated_events, read_pairs,
};
pub use crate::events::{
    Actor, AgentType, CameoCode, CodedEvent, EventDictionary, EventDictionaryBuilder,
    EventExtractor, EventExtractorBuilder, EventFlags, PetrarchImporter, QuadClass, VerbImport,
    VerbPhrase, VerbRow,
};
pub use crate::export::{
    CsvCells, GraphFormat, GraphRef, MentionFormat, MentionRecord, MentionWriter, Partial,
    PartialLines, merge_partials, write_csv, write_csv_with, write_dot, write_dynamic_gexf,
    write_geojson, write_gexf, write_graphml, write_html, write_html_with_evidence, write_json,
    write_two_mode, write_two_mode_csv,
};
pub use crate::export::{EventRecord, EventWriter, EvidenceRecord, EvidenceWriter};
pub use crate::export::{ForceLayout, Layout, Position};
pub use crate::gazetteer::{
    Alias, CameoImporter, Checker, EntityId, EntityKind, EntityRef, Entry, Finding, FindingKind,
    Gazetteer, GazetteerBuilder, GeonamesImporter, Import, Importer, KindStats, Office, Report,
    SpacyImporter, Stats, Takeover, write_tsv,
};
pub use crate::matcher::{Boundary, CaseMode, Engine, Matcher, MatcherBuilder, Mention, Mentions};
pub use crate::output::{GraphFiles, MANIFEST, OutputDir, OutputFile, TempFiles};
pub use crate::pipeline::{
    Annotated, Counted, Event, Notice, Pipeline, PipelineBuilder, Sliced, Split, Suggestions,
    Totals, TwoModeCounted,
};
pub use crate::segment::{Paragraphs, Segmenter, Segments, Sentences};
pub use crate::span::Span;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
