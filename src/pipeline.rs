//! The whole pipeline behind one builder: gazetteer layers, matching, discovery, segmentation
//! and counting over a corpus, in parallel, with every result handed on in input order.
//!
//! The modules upstream each do one step. Putting them together so that the output is the same
//! at any thread count (documents are read in batches, matched and segmented on a thread pool,
//! and consumed in input order, with discovered names given their ids one document after the
//! other) is work every program that reads a corpus needs, so it lives here rather than in the
//! binary. The binary's corpus commands are this module plus printing.
//!
//! The library prints nothing: the gazetteer's notices, input warnings, skipped records and
//! progress reach the caller as [`Notice`]s and [`Event`]s.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::{CacheStatus, GazetteerCache};
use crate::cooccur::{
    Cooccurrence, CooccurrenceBuilder, CooccurrenceGraph, EventCounts, EventGraph, EventWeight,
    Evidence, EvidenceBuilder, FieldSplits, GraphOptions, MeasuresBuilder, Slice, TimeSlices,
    TwoModeCounts, Window,
};
use crate::corpus::{Corpus, Date, DateSource, Document, Documents};
use crate::discover::{Candidate, Discoverer};
use crate::error::{Error, Result};
use crate::events::EventExtractor;
use crate::export::{MentionRecord, Partial, write_dynamic_gexf};
use crate::gazetteer::{Entry, Gazetteer};
use crate::hash::ContentHash;
use crate::matcher::{Matcher, MatcherBuilder, Mention};
use crate::output::{GraphFiles, OutputDir};
use crate::segment::{Segmenter, Segments};

/// How many documents are read before a batch is matched in parallel. Results are consumed in
/// input order, so output does not depend on the thread count.
const BATCH_DOCS: usize = 512;
/// A batch also ends once it holds this many bytes of text.
const BATCH_BYTES: usize = 16 << 20;
/// The file of [`Pipeline::write_splits`] that gives each folder's value.
const VALUES: &str = "values.tsv";
/// The default of [`PipelineBuilder::betweenness_limit`], as on the command line.
const BETWEENNESS_LIMIT: usize = 10_000;

/// Configures and builds a [`Pipeline`].
///
/// Every setting has the command line's default: the built-in gazetteer, the default matching
/// rules, discovery on, sentence windows, no default date, all cores, stop at the first bad
/// record, no graph filters, node measures with betweenness up to 10,000 nodes.
///
/// ```
/// use actorgraph::{Date, MatcherBuilder, PipelineBuilder, Window};
///
/// let mut matching = MatcherBuilder::new();
/// matching.adjectives(false);
/// let pipeline = PipelineBuilder::new()
///     .gazetteer("examples/gazetteer.tsv")
///     .matcher(matching)
///     .discover(false)
///     .window(Window::Paragraph)
///     .default_date("2012".parse::<Date>().ok())
///     .threads(2)
///     .build()?;
/// assert!(pipeline.gazetteer().lookup("alexander_lavrentiev").is_some());
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct PipelineBuilder {
    builtin: bool,
    gazetteers: Vec<PathBuf>,
    take_over: bool,
    cache: Option<PathBuf>,
    temps: Option<crate::TempFiles>,
    matcher: MatcherBuilder,
    segmenter: Segmenter,
    discover: bool,
    corpus: Corpus,
    default_date: Option<Date>,
    threads: usize,
    skip_bad_records: bool,
    cooccur: CooccurrenceBuilder,
    options: GraphOptions,
    exclude: Vec<String>,
    measures: bool,
    betweenness_limit: usize,
    events: Option<EventExtractor>,
    unasserted: bool,
    evidence: Option<EvidenceBuilder>,
}

impl Default for PipelineBuilder {
    fn default() -> PipelineBuilder {
        PipelineBuilder {
            builtin: true,
            gazetteers: Vec::new(),
            take_over: false,
            cache: None,
            temps: None,
            matcher: MatcherBuilder::new(),
            segmenter: Segmenter::new(),
            discover: true,
            corpus: Corpus::new(),
            default_date: None,
            threads: 0,
            skip_bad_records: false,
            cooccur: CooccurrenceBuilder::new(),
            options: GraphOptions::new(),
            exclude: Vec::new(),
            measures: true,
            betweenness_limit: BETWEENNESS_LIMIT,
            events: None,
            unasserted: false,
            evidence: None,
        }
    }
}

impl PipelineBuilder {
    /// Creates a builder with the command line's defaults.
    pub fn new() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Whether the built-in gazetteer is the first layer (the default). Turning it off is the
    /// command line's `--no-default-gazetteer`.
    pub fn builtin_gazetteer(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.builtin = yes;
        self
    }

    /// Lets the gazetteer files take over names that the built-in gazetteer's entities hold
    /// (off by default: such a name stays with the built-in entity). The command line's
    /// `--take-over`; see [`GazetteerBuilder::take_over`](crate::GazetteerBuilder::take_over)
    /// for the names that are never taken over.
    pub fn take_over(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.take_over = yes;
        self
    }

    /// Adds a gazetteer file as a layer on top of the built-in one and the files added before
    /// (later files win, except for names the built-in gazetteer holds: see
    /// [`PipelineBuilder::take_over`]). The file is read by [`PipelineBuilder::build`].
    pub fn gazetteer<P: AsRef<Path>>(&mut self, path: P) -> &mut PipelineBuilder {
        self.gazetteers.push(path.as_ref().to_path_buf());
        self
    }

    /// Keeps the compiled gazetteer in this directory (see [`GazetteerCache`]), or not (the
    /// default).
    pub fn gazetteer_cache<P: AsRef<Path>>(&mut self, dir: Option<P>) -> &mut PipelineBuilder {
        self.cache = dir.map(|d| d.as_ref().to_path_buf());
        self
    }

    /// Lists the temporary file of a gazetteer cache being saved in `temps` (see
    /// [`GazetteerCache::temp_files`]), for a signal handler to remove.
    pub fn temp_files(&mut self, temps: &crate::TempFiles) -> &mut PipelineBuilder {
        self.temps = Some(temps.clone());
        self
    }

    /// Sets the matching rules and engine.
    pub fn matcher(&mut self, builder: MatcherBuilder) -> &mut PipelineBuilder {
        self.matcher = builder;
        self
    }

    /// Sets how documents are split into paragraphs and sentences.
    pub fn segmenter(&mut self, segmenter: Segmenter) -> &mut PipelineBuilder {
        self.segmenter = segmenter;
        self
    }

    /// Whether people and groups missing from the gazetteer are discovered (the default). A
    /// discovered actor is added to the pipeline's gazetteer with an id of its own, the first
    /// time it is seen, in input order.
    pub fn discover(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.discover = yes;
        self
    }

    /// Sets how inputs are read: formats, JSONL fields, size limits.
    pub fn corpus(&mut self, corpus: Corpus) -> &mut PipelineBuilder {
        self.corpus = corpus;
        self
    }

    /// Sets the date of every document that has none of its own (or none that can be read):
    /// it dates the graph and decides who a titled surname ("President Bush") means.
    pub fn default_date(&mut self, date: Option<Date>) -> &mut PipelineBuilder {
        self.default_date = date;
        self
    }

    /// Sets the number of worker threads; 0 (the default) is one per core. Results are the
    /// same whatever the number.
    pub fn threads(&mut self, n: usize) -> &mut PipelineBuilder {
        self.threads = n;
        self
    }

    /// Whether a broken record or an unreadable file is skipped, as a [`Notice::Skipped`],
    /// rather than ending the run with its error (the default).
    pub fn skip_bad_records(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.skip_bad_records = yes;
        self
    }

    /// Sets the window in which two actors co-occur (the default: a sentence).
    pub fn window(&mut self, window: Window) -> &mut PipelineBuilder {
        self.cooccur.window(window);
        self
    }

    /// Counts these metadata fields of the records (JSONL fields such as `party` or `source`;
    /// see [`Document::fields`]) per value on every node and edge: [`Pipeline::count`],
    /// [`Pipeline::count_slices`] and [`Pipeline::count_splits`] count, for each value, the
    /// documents each actor appears in and those in which two actors share a window, and
    /// their graphs carry the counts (see [`FieldCounts`](crate::FieldCounts) and
    /// [`CooccurrenceGraph::field_columns`]), which every format writes as `field=value`
    /// columns. A document without the field (or with it `null` or empty) counts under none
    /// of its values. None by default. A [`Partial`] does not keep these counts.
    ///
    /// ```
    /// use actorgraph::Pipeline;
    ///
    /// let mut pipeline = Pipeline::builder().attributes(["source"]).build()?;
    /// let counted = pipeline.count(["data/sample.jsonl"], |_| Ok(()))?;
    /// let graph = pipeline.to_graph(&counted.counts)?;
    /// assert_eq!(graph.field_columns().collect::<Vec<_>>(), [("source", "invented wire")]);
    /// let node = graph.nodes().next().unwrap();
    /// assert_eq!(graph.node_field_counts(node.entity()), Some(&[node.documents()][..]));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn attributes<I, S>(&mut self, fields: I) -> &mut PipelineBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.cooccur.fields(fields);
        self
    }

    /// Sets the edge weight and the filters of [`Pipeline::to_graph`].
    pub fn graph_options(&mut self, options: GraphOptions) -> &mut PipelineBuilder {
        self.options = options;
        self
    }

    /// Leaves an actor, given by its gazetteer id, out of [`Pipeline::to_graph`]'s graph.
    /// Repeatable. The id is looked up when the graph is made, so it can name a discovered
    /// actor too.
    pub fn exclude<S: Into<String>>(&mut self, id: S) -> &mut PipelineBuilder {
        self.exclude.push(id.into());
        self
    }

    /// Whether [`Pipeline::to_graph`] computes the node measures (the default).
    pub fn measures(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.measures = yes;
        self
    }

    /// Computes betweenness only on graphs of at most `n` nodes (default 10,000): it takes
    /// nodes × edges steps.
    pub fn betweenness_limit(&mut self, n: usize) -> &mut PipelineBuilder {
        self.betweenness_limit = n;
        self
    }

    /// Codes the events of every document that [`Pipeline::count`] counts with `extractor`,
    /// into [`Counted::events`], for the directed graph of [`Pipeline::to_event_graph`]. Off
    /// (`None`) by default.
    ///
    /// ```
    /// use actorgraph::{EventDictionary, EventExtractor, EventWeight, Pipeline};
    ///
    /// let extractor = EventExtractor::new(&EventDictionary::builtin())?;
    /// let mut pipeline = Pipeline::builder().events(Some(extractor)).build()?;
    /// let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    /// let graph = pipeline.to_event_graph(&counted.events, EventWeight::Events)?;
    /// assert!(graph.edge_count() > 0);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn events(&mut self, extractor: Option<EventExtractor>) -> &mut PipelineBuilder {
        self.events = extractor;
        self
    }

    /// Counts negated and modal events in [`Counted::events`] too (see
    /// [`EventCounts::include_unasserted`]). Off by default.
    pub fn unasserted_events(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.unasserted = yes;
        self
    }

    /// Collects the evidence of every edge and node while [`Pipeline::count`] counts, into
    /// [`Counted::evidence`]: the documents, sentence spans and snippets behind them, as
    /// `builder` says (its window is set to the pipeline's). Off (`None`) by default. Only
    /// [`Pipeline::count`] and [`Pipeline::count_documents`] collect it.
    ///
    /// ```
    /// use actorgraph::{EvidenceBuilder, Pipeline};
    ///
    /// let mut pipeline = Pipeline::builder().evidence(Some(EvidenceBuilder::new())).build()?;
    /// let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    /// let graph = pipeline.to_graph(&counted.counts)?;
    /// let evidence = counted.evidence.expect("asked for");
    /// let (a, b, edge) = graph.edges().next().unwrap();
    /// assert_eq!(evidence.edge(a, b).unwrap().total(), edge.weight()); // its window count
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn evidence(&mut self, builder: Option<EvidenceBuilder>) -> &mut PipelineBuilder {
        self.evidence = builder;
        self
    }

    /// Reads the gazetteer layers (or loads them from the cache), builds the matcher and starts
    /// the thread pool. What building had to say is in [`Pipeline::notices`].
    ///
    /// # Errors
    ///
    /// If a gazetteer file cannot be read or has a bad line (the error names the file and
    /// line), the matcher cannot be built, or the threads cannot be started.
    pub fn build(&self) -> Result<Pipeline> {
        let (gaz, matcher, notices) = match &self.cache {
            Some(dir) => self.load_cached(dir)?,
            None => {
                let gaz = load_gazetteer(self.builtin, self.take_over, &self.gazetteers)?;
                let matcher = self.matcher.build(&gaz)?;
                let notices = gazetteer_notices(&gaz).collect();
                (gaz, matcher, notices)
            }
        };
        let pool =
            rayon::ThreadPoolBuilder::new().num_threads(self.threads).build().map_err(|err| {
                io::Error::other(format!("cannot start {} threads: {err}", self.threads))
            })?;
        let discoverer = self.discover.then(|| Discoverer::for_gazetteer(&gaz));
        let layers = self.layer_hashes()?;
        Ok(Pipeline { gaz, matcher, pool, notices, discoverer, config: self.clone(), layers })
    }

    /// Builds the gazetteer of the layers alone, without the cache, a matcher or threads: for
    /// a program that only looks entities up. Its notices are [`Gazetteer::notices`].
    ///
    /// ```
    /// let gaz = actorgraph::PipelineBuilder::new().build_gazetteer()?;
    /// assert!(gaz.lookup("RUS").is_some());
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// If a gazetteer file cannot be read or has a bad line; the error names the file and line.
    pub fn build_gazetteer(&self) -> Result<Gazetteer> {
        load_gazetteer(self.builtin, self.take_over, &self.gazetteers)
    }

    /// The name and content hash of every gazetteer layer, in order: what a partial result
    /// records so that shards made with other gazetteers are not merged.
    fn layer_hashes(&self) -> Result<Vec<(String, u128)>> {
        let mut layers = Vec::new();
        if self.builtin {
            let mut hash = ContentHash::default();
            for text in crate::gazetteer::GazetteerBuilder::builtin_texts() {
                hash.bytes(text.as_bytes());
            }
            layers.push(("built-in".to_string(), hash.finish()));
        }
        for path in &self.gazetteers {
            let bytes = std::fs::read(path).map_err(|err| Error::io_at(path, err))?;
            let name = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy();
            layers.push((name.into_owned(), ContentHash::default().bytes(&bytes).finish()));
        }
        Ok(layers)
    }

    /// The settings besides the gazetteer layers that decide a run's counts, by name: the
    /// matching rules (not the engine, as both find the same mentions), the segmenting rules,
    /// discovery and the default date. The window is the partial's own.
    fn count_settings(&self) -> BTreeMap<String, String> {
        let mut settings = BTreeMap::new();
        // The builders' fields, read from their `Debug` form, so that an option added to them
        // is part of the fingerprint without a change here.
        for debug in [format!("{:?}", self.matcher), format!("{:?}", self.segmenter)] {
            let fields = debug.split_once('{').map_or("", |(_, rest)| rest.trim_end_matches('}'));
            for field in fields.split(',') {
                if let Some((key, value)) = field.split_once(':') {
                    if key.trim() != "engine" {
                        settings.insert(key.trim().to_string(), value.trim().to_string());
                    }
                }
            }
        }
        settings.insert("discover".to_string(), self.discover.to_string());
        if self.take_over {
            settings.insert("take_over".to_string(), "true".to_string());
        }
        let date = self.default_date.map_or("none".to_string(), |d| d.to_string());
        settings.insert("default_date".to_string(), date);
        settings.insert("actorgraph".to_string(), env!("CARGO_PKG_VERSION").to_string());
        settings
    }

    fn load_cached(&self, dir: &Path) -> Result<(Gazetteer, Matcher, Vec<Notice>)> {
        let mut cache = GazetteerCache::new(dir);
        cache.take_over(self.take_over);
        if let Some(temps) = &self.temps {
            cache.temp_files(temps);
        }
        let cached = cache.load_or_build(self.builtin, &self.gazetteers, &self.matcher)?;
        let mut notices = Vec::new();
        if let CacheStatus::Corrupt(reason) = cached.status {
            notices.push(Notice::CacheRebuilt(reason));
        }
        notices.extend(cached.warnings.into_iter().map(Notice::Warning));
        let gaz = cached.compiled.gazetteer();
        notices.extend(gazetteer_notices(gaz));
        let (gaz, matcher) = cached.compiled.into_parts();
        Ok((gaz, matcher, notices))
    }
}

/// The gazetteer's notices and the names that stayed with the built-in gazetteer, as notes.
fn gazetteer_notices(gaz: &Gazetteer) -> impl Iterator<Item = Notice> + '_ {
    let notices = gaz.notices().iter().cloned().map(Notice::Gazetteer);
    notices.chain(gaz.kept_names().iter().cloned().map(Notice::KeptName))
}

/// Builds the gazetteer of the built-in layer (if `builtin`) and the files `paths`, in order.
fn load_gazetteer(builtin: bool, take_over: bool, paths: &[PathBuf]) -> Result<Gazetteer> {
    let mut builder = Gazetteer::builder();
    builder.take_over(take_over);
    if builtin {
        builder.add_builtin();
    }
    for path in paths {
        builder.add_path(path)?;
    }
    builder.build()
}

/// Reads a corpus, finds its mentions, discovers the actors the gazetteer lacks, segments
/// each document and counts co-occurrences: what `actorgraph extract` and `actorgraph graph`
/// do, without the printing.
///
/// Documents are read in batches and processed on a thread pool, then handed on in input
/// order, so results are byte for byte the same at any thread count. Memory depends on the
/// gazetteer and the graph, not on the corpus.
///
/// [`Pipeline::run`] hands each document's results to a callback; [`Pipeline::count`] also
/// counts the co-occurrences, for [`Pipeline::to_graph`] or [`Pipeline::to_partial`].
///
/// ```
/// use actorgraph::{Event, GraphFiles, GraphFormat, Pipeline};
///
/// let mut pipeline = Pipeline::new()?;
/// let mut warnings = Vec::new();
/// let counted = pipeline.count(["data/articles"], |event| {
///     if let Event::Notice(notice) = event {
///         warnings.push(notice.to_string());
///     }
///     Ok(())
/// })?;
/// assert_eq!(counted.totals.documents, 8);
/// assert!(warnings.is_empty(), "{warnings:?}");
///
/// let graph = pipeline.to_graph(&counted.counts)?;
/// let (rus, ukr) = (pipeline.gazetteer().lookup("RUS"), pipeline.gazetteer().lookup("UKR"));
/// assert!(graph.edge(rus.unwrap(), ukr.unwrap()).is_some());
///
/// let out = std::env::temp_dir().join(format!("actorgraph-doc-pipeline-{}", std::process::id()));
/// GraphFiles::new([GraphFormat::Gexf]).write_dir(&graph, pipeline.gazetteer(), &out)?;
/// assert!(out.join("graph.gexf").exists());
/// # std::fs::remove_dir_all(&out)?;
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug)]
pub struct Pipeline {
    /// The gazetteer, which grows with the actors discovered.
    gaz: Gazetteer,
    matcher: Matcher,
    discoverer: Option<Discoverer>,
    pool: rayon::ThreadPool,
    /// What building said.
    notices: Vec<Notice>,
    config: PipelineBuilder,
    /// The gazetteer layers and their content hashes, for partial results.
    layers: Vec<(String, u128)>,
}

impl Pipeline {
    /// Builds a pipeline with the command line's defaults (see [`PipelineBuilder`]).
    ///
    /// # Errors
    ///
    /// As [`PipelineBuilder::build`].
    pub fn new() -> Result<Pipeline> {
        PipelineBuilder::new().build()
    }

    /// Returns a builder, the same as [`PipelineBuilder::new`].
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::new()
    }

    /// Returns the gazetteer: the layers, and every actor discovered so far.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Returns the matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Returns what building the pipeline had to say: the gazetteer's notices, and whether
    /// the gazetteer cache was usable.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Reads the documents of `inputs` (files, directories, `-` for standard input; see
    /// [`Corpus::documents`]) and hands `events` each one's results, in input order, with the
    /// notices and progress of the run. An error from `events` ends the run and is returned.
    ///
    /// ```
    /// use actorgraph::{Event, Pipeline};
    ///
    /// let mut pipeline = Pipeline::builder().discover(false).build()?;
    /// let mut first = None;
    /// pipeline.run(["data/articles"], |event| {
    ///     if let Event::Document { doc, gaz } = event {
    ///         let mention = doc.records(gaz).next().unwrap();
    ///         first.get_or_insert(format!("{} {}", mention.document, mention.entity));
    ///     }
    ///     Ok(())
    /// })?;
    /// assert_eq!(first.unwrap(), "data/articles/2024-09-18-el-fasher-siege.md el_fasher");
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first input error (naming the file, and the line of a JSONL record) unless
    /// [`PipelineBuilder::skip_bad_records`] is on, or the first error `events` returns.
    pub fn run<I, P, F>(&mut self, inputs: I, events: F) -> Result<Totals>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let docs = self.config.corpus.documents(inputs);
        self.run_source(docs, events)
    }

    /// Like [`Pipeline::run`], over documents made in code rather than read from files: texts
    /// a program already holds, in the order given. A document's own date is used as in
    /// [`Pipeline::run`]; give it one with [`Document::with_date`], or let
    /// [`Document::with_date_from_text`] find a date line the way files and JSONL records get
    /// theirs.
    ///
    /// ```
    /// use actorgraph::{Document, Event, Pipeline};
    ///
    /// let texts = ["Putin met Erdoğan in Ankara.", "Iran and Iraq signed a deal."];
    /// let docs = texts.iter().enumerate().map(|(i, t)| Document::new(i.to_string(), *t));
    /// let mut ids = Vec::new();
    /// let mut pipeline = Pipeline::builder().threads(2).build()?;
    /// pipeline.run_documents(docs.map(|d| d.with_date("2019-05-01")), |event| {
    ///     if let Event::Document { doc, gaz } = event {
    ///         assert_eq!(doc.date_text(), "2019-05-01");
    ///         ids.extend(doc.records(gaz).map(|m| format!("{}:{}", m.document, m.entity)));
    ///     }
    ///     Ok(())
    /// })?;
    /// assert_eq!(ids, ["0:vladimir_putin", "0:recep_tayyip_erdogan", "0:ankara", "1:IRN", "1:IRQ"]);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error `events` returns.
    pub fn run_documents<I, F>(&mut self, docs: I, events: F) -> Result<Totals>
    where
        I: IntoIterator<Item = Document>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        self.run_source(InMemory(docs.into_iter()), events)
    }

    /// Runs over any source of documents, as [`Pipeline::run`] describes.
    fn run_source<S, F>(&mut self, mut docs: S, mut events: F) -> Result<Totals>
    where
        S: Source,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let mut totals = Totals::default();
        loop {
            let batch = self.read_batch(&mut docs, &mut totals, &mut events)?;
            if batch.is_empty() {
                return Ok(totals);
            }
            let raw: Vec<Raw> =
                self.pool.install(|| batch.into_par_iter().map(|doc| self.annotate(doc)).collect());
            for raw in raw {
                let doc = self.register(raw);
                totals.documents += 1;
                totals.mentions += doc.mentions.len() as u64;
                totals.bytes += doc.doc.source_bytes();
                totals.undated += u64::from(doc.date.is_none());
                events(Event::Document { doc: &doc, gaz: &self.gaz })?;
                events(Event::Progress(&totals))?;
            }
        }
    }

    /// Like [`Pipeline::run`], and counts the co-occurrences of every document in the window
    /// of [`PipelineBuilder::window`], with its date.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::run`].
    pub fn count<I, P, F>(&mut self, inputs: I, events: F) -> Result<Counted>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let docs = self.config.corpus.documents(inputs);
        self.count_source(docs, events)
    }

    /// Like [`Pipeline::run_documents`], and counts the co-occurrences as [`Pipeline::count`]
    /// does.
    ///
    /// ```
    /// use actorgraph::{Document, Pipeline};
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let docs = [Document::new("a", "Iran and Iraq met."), Document::new("b", "Iraq and Syria.")];
    /// let counted = pipeline.count_documents(docs, |_| Ok(()))?;
    /// let graph = pipeline.to_graph(&counted.counts)?;
    /// assert_eq!((graph.node_count(), graph.edge_count()), (3, 2));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Pipeline::run_documents`].
    pub fn count_documents<I, F>(&mut self, docs: I, events: F) -> Result<Counted>
    where
        I: IntoIterator<Item = Document>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        self.count_source(InMemory(docs.into_iter()), events)
    }

    /// Counts the co-occurrences of any source of documents, as [`Pipeline::count`] describes.
    fn count_source<S, F>(&mut self, docs: S, mut events: F) -> Result<Counted>
    where
        S: Source,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let mut counts = self.config.cooccur.build();
        let mut coded = EventCounts::new();
        coded.include_unasserted(self.config.unasserted);
        let extractor = self.config.events.clone();
        let mut found = Vec::new();
        let window = counts.window();
        let mut evidence = self.config.evidence.as_ref().map(|b| b.clone().window(window).build());
        let totals = self.run_source(docs, |event| {
            if let Event::Document { doc, .. } = &event {
                counts.add_record(&doc.doc, &doc.mentions, &doc.segments, doc.date);
                if let Some(evidence) = &mut evidence {
                    let (id, text) = (doc.doc.id(), doc.doc.text());
                    evidence.add_document(id, text, doc.date, &doc.mentions, &doc.segments);
                }
                counts.add_content(doc.doc.id(), doc.doc.text(), &doc.date_text);
                if let Some(extractor) = &extractor {
                    found.clear();
                    let (text, sentences) = (doc.doc.text(), doc.segments.sentences());
                    extractor.extract_into(text, &doc.mentions, sentences, &mut found);
                    coded.add_document(&found, doc.date);
                }
            }
            events(event)
        })?;
        Ok(Counted { counts, events: coded, evidence, totals })
    }

    /// Like [`Pipeline::count`], with each month or year counted apart (see [`TimeSlices`]).
    ///
    /// # Errors
    ///
    /// As [`Pipeline::run`].
    pub fn count_slices<I, P, F>(&mut self, inputs: I, slice: Slice, events: F) -> Result<Sliced>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let docs = self.config.corpus.documents(inputs);
        self.slices_source(docs, slice, events)
    }

    /// Like [`Pipeline::run_documents`], with each month or year counted apart as
    /// [`Pipeline::count_slices`] does.
    ///
    /// ```
    /// use actorgraph::{Document, Pipeline, Slice};
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let docs = [
    ///     Document::new("a", "Iran and Iraq met.").with_date("2012-09-04"),
    ///     Document::new("b", "Iraq and Syria met.").with_date("2013-01-30"),
    ///     Document::new("c", "Syria and Iran met."),
    /// ];
    /// let sliced = pipeline.count_slices_documents(docs, Slice::Year, |_| Ok(()))?;
    /// let years: Vec<String> = sliced.slices.periods().map(|(p, _)| p.to_string()).collect();
    /// assert_eq!((years.join(" "), sliced.slices.left_out()), ("2012 2013".to_string(), 1));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Pipeline::run_documents`].
    pub fn count_slices_documents<I, F>(
        &mut self,
        docs: I,
        slice: Slice,
        events: F,
    ) -> Result<Sliced>
    where
        I: IntoIterator<Item = Document>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        self.slices_source(InMemory(docs.into_iter()), slice, events)
    }

    /// Counts each period of any source of documents apart, as [`Pipeline::count_slices`]
    /// describes.
    fn slices_source<S, F>(&mut self, docs: S, slice: Slice, mut events: F) -> Result<Sliced>
    where
        S: Source,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let mut slices = TimeSlices::new(slice, &self.config.cooccur);
        let totals = self.run_source(docs, |event| {
            if let Event::Document { doc, .. } = &event {
                slices.add_record(&doc.doc, &doc.mentions, &doc.segments, doc.date);
            }
            events(event)
        })?;
        Ok(Sliced { slices, totals })
    }

    /// Writes the graph of each period of `slices` into `dir` under the period's name (such
    /// as `2025-06/`) in every format of `files`, each made with `options` and measured as
    /// [`Pipeline::to_graph_with`] does, and one dynamic `graph.gexf` at the top whose
    /// timeline in Gephi plays the periods (see [`write_dynamic_gexf`]): what `actorgraph
    /// graph --slice` writes. Publish the set afterwards ([`OutputDir::publish_graphs`]).
    ///
    /// ```
    /// use actorgraph::{GraphFiles, GraphFormat, OutputDir, Pipeline, Slice};
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let sliced = pipeline.count_slices(["data/articles"], Slice::Year, |_| Ok(()))?;
    /// let out = std::env::temp_dir().join(format!("actorgraph-doc-slices-{}", std::process::id()));
    /// let mut dir = OutputDir::create(&out)?;
    /// let files = GraphFiles::new([GraphFormat::Csv]);
    /// pipeline.write_slices(&sliced.slices, &pipeline.graph_options()?, &files, &mut dir)?;
    /// dir.publish_graphs()?;
    /// assert!(out.join("graph.gexf").exists() && out.join("2025/nodes.csv").exists());
    /// # std::fs::remove_dir_all(&out)?;
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// If a file cannot be written; the message names it.
    ///
    /// [`write_dynamic_gexf`]: crate::write_dynamic_gexf
    pub fn write_slices(
        &self,
        slices: &TimeSlices,
        options: &GraphOptions,
        files: &GraphFiles,
        dir: &mut OutputDir,
    ) -> Result<()> {
        for (period, counts) in slices.periods() {
            let graph = self.to_graph_with(counts, options);
            files.write(&graph, &self.gaz, dir, period.to_string())?;
        }
        let mut file = dir.file("graph.gexf")?;
        write_dynamic_gexf(
            slices,
            &slices.to_graph_with(&self.gaz, options),
            &self.gaz,
            &mut file,
        )?;
        file.commit()
    }

    /// Like [`Pipeline::count`], with the documents of each value of `field` (a JSONL field
    /// such as `party`; see [`Document::fields`]) counted apart (see [`FieldSplits`]). A
    /// document without the field, or with it `null` or empty, is left out and counted.
    ///
    /// ```
    /// use actorgraph::Pipeline;
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let split = pipeline.count_splits(["data/sample.jsonl", "data/articles"], "source", |_| Ok(()))?;
    /// let values: Vec<&str> = split.splits.values().map(|(v, _)| v).collect();
    /// assert_eq!((values, split.splits.left_out()), (vec!["invented wire"], 8));
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Pipeline::run`].
    pub fn count_splits<I, P, F>(&mut self, inputs: I, field: &str, events: F) -> Result<Split>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let docs = self.config.corpus.documents(inputs);
        self.splits_source(docs, field, events)
    }

    /// Like [`Pipeline::run_documents`], with each value of `field` counted apart as
    /// [`Pipeline::count_splits`] does.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::run_documents`].
    pub fn count_splits_documents<I, F>(&mut self, docs: I, field: &str, events: F) -> Result<Split>
    where
        I: IntoIterator<Item = Document>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        self.splits_source(InMemory(docs.into_iter()), field, events)
    }

    fn splits_source<S, F>(&mut self, docs: S, field: &str, mut events: F) -> Result<Split>
    where
        S: Source,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let mut splits = FieldSplits::new(field, &self.config.cooccur);
        let totals = self.run_source(docs, |event| {
            if let Event::Document { doc, .. } = &event {
                splits.add_document(&doc.doc, &doc.mentions, &doc.segments, doc.date);
            }
            events(event)
        })?;
        Ok(Split { splits, totals })
    }

    /// Writes the graph of each value of `splits` into `dir`, in a folder named after the
    /// value, in every format of `files`, each made with `options` and measured as
    /// [`Pipeline::to_graph_with`] does, and `values.tsv` at the top, which gives each
    /// folder's value and number of documents: what `actorgraph graph --split-by` writes.
    /// Returns the folders, in the order of the values. Publish the set afterwards
    /// ([`OutputDir::publish_graphs`]).
    ///
    /// A folder's name is the value with every character but ASCII letters, digits, `-`, `_`
    /// and `.` made `_`, without leading or trailing dots, cut to 64 bytes; an empty name is
    /// `_`; a name that is already taken (letter case aside) or is the name of a file the
    /// set writes at its top gets `-2`, `-3` and so on. `values.tsv` is the key back.
    ///
    /// ```
    /// use actorgraph::{GraphFiles, GraphFormat, OutputDir, Pipeline};
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let split = pipeline.count_splits(["data/sample.jsonl"], "source", |_| Ok(()))?;
    /// let out = std::env::temp_dir().join(format!("actorgraph-doc-splits-{}", std::process::id()));
    /// let mut dir = OutputDir::create(&out)?;
    /// let files = GraphFiles::new([GraphFormat::Csv]);
    /// let folders = pipeline.write_splits(&split.splits, &pipeline.graph_options()?, &files, &mut dir)?;
    /// dir.publish_graphs()?;
    /// assert_eq!(folders, ["invented_wire"]);
    /// assert!(out.join("invented_wire/nodes.csv").exists());
    /// let key = std::fs::read_to_string(out.join("values.tsv"))?;
    /// assert_eq!(key, "folder\tsource\tdocuments\ninvented_wire\tinvented wire\t6\n");
    /// # std::fs::remove_dir_all(&out)?;
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// If a file cannot be written; the message names it.
    pub fn write_splits(
        &self,
        splits: &FieldSplits,
        options: &GraphOptions,
        files: &GraphFiles,
        dir: &mut OutputDir,
    ) -> Result<Vec<String>> {
        let folders = crate::output::folder_names(splits.values().map(|(v, _)| v));
        let mut key = csv::WriterBuilder::new().delimiter(b'\t').from_writer(dir.file(VALUES)?);
        key.write_record(["folder", splits.field(), "documents"])?;
        for ((value, counts), folder) in splits.values().zip(&folders) {
            let graph = self.to_graph_with(counts, options);
            files.write(&graph, &self.gaz, dir, folder)?;
            key.write_record([folder, value, &counts.document_count().to_string()])?;
        }
        key.flush()?;
        let file = key.into_inner().map_err(|err| err.into_error())?;
        file.commit()?;
        Ok(folders)
    }

    /// Like [`Pipeline::count`], counting the two-mode network of the actors and the values
    /// of `field` (a JSONL field such as `party`, or [`DOCUMENT_FIELD`], `document`, for each
    /// document's id) instead of co-occurrences (see [`TwoModeCounts`]). A document without
    /// a value is left out and counted.
    ///
    /// ```
    /// use actorgraph::Pipeline;
    ///
    /// let mut pipeline = Pipeline::new()?;
    /// let counted = pipeline.count_two_mode(["data/sample.jsonl"], "source", |_| Ok(()))?;
    /// let graph = counted.counts.to_graph();
    /// assert_eq!(graph.node_count(), graph.edge_count() + 1, "every actor joins the one source");
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    ///
    /// [`DOCUMENT_FIELD`]: crate::DOCUMENT_FIELD
    ///
    /// # Errors
    ///
    /// As [`Pipeline::run`].
    pub fn count_two_mode<I, P, F>(
        &mut self,
        inputs: I,
        field: &str,
        events: F,
    ) -> Result<TwoModeCounted>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let docs = self.config.corpus.documents(inputs);
        let mut counts = TwoModeCounts::new(field);
        let mut events = events;
        let totals = self.run_source(docs, |event| {
            if let Event::Document { doc, .. } = &event {
                counts.add_document(&doc.doc, &doc.mentions);
            }
            events(event)
        })?;
        Ok(TwoModeCounted { counts, totals })
    }

    /// Returns the graph options of [`PipelineBuilder::graph_options`] with the actors of
    /// [`PipelineBuilder::exclude`] left out.
    ///
    /// # Errors
    ///
    /// If the gazetteer (with the actors discovered so far) has no actor with an excluded id.
    pub fn graph_options(&self) -> Result<GraphOptions> {
        let mut options = self.config.options.clone();
        for id in &self.config.exclude {
            let entity = self.gaz.lookup(id).ok_or_else(|| {
                let msg = format!("excluded actor {id}: the gazetteer has no actor with this id");
                io::Error::new(io::ErrorKind::InvalidInput, msg)
            })?;
            options.exclude(entity);
        }
        Ok(options)
    }

    /// Makes the graph of `counts` with the pipeline's [`Pipeline::graph_options`], and its
    /// node measures unless [`PipelineBuilder::measures`] is off.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::graph_options`].
    pub fn to_graph(&self, counts: &Cooccurrence) -> Result<CooccurrenceGraph> {
        Ok(self.to_graph_with(counts, &self.graph_options()?))
    }

    /// Makes the graph of `counts` with `options`, and its node measures unless
    /// [`PipelineBuilder::measures`] is off. Betweenness is left out of a graph of more nodes
    /// than [`PipelineBuilder::betweenness_limit`] (see [`NodeMeasures::has_betweenness`]).
    ///
    /// [`NodeMeasures::has_betweenness`]: crate::NodeMeasures::has_betweenness
    pub fn to_graph_with(
        &self,
        counts: &Cooccurrence,
        options: &GraphOptions,
    ) -> CooccurrenceGraph {
        let mut graph = counts.to_graph_with(&self.gaz, options);
        if self.config.measures {
            let betweenness = graph.node_count() <= self.config.betweenness_limit;
            graph.compute_measures(MeasuresBuilder::new().betweenness(betweenness));
        }
        graph
    }

    /// Makes the directed event graph of `events` with the filters of
    /// [`Pipeline::graph_options`] that apply to events (see [`EventCounts::to_graph_with`]),
    /// weighted by `weight`.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::graph_options`].
    pub fn to_event_graph(&self, events: &EventCounts, weight: EventWeight) -> Result<EventGraph> {
        Ok(events.to_graph_with(&self.gaz, &self.graph_options()?, weight))
    }

    /// Whether [`Pipeline::to_graph`] computes node measures, and up to how many nodes it
    /// computes betweenness.
    pub fn measures(&self) -> Option<usize> {
        self.config.measures.then_some(self.config.betweenness_limit)
    }

    /// Makes the mergeable partial result of `counts` (see [`Partial`]), with its dates, the
    /// fingerprint of the gazetteer layers and options that decided it, and the hash of the
    /// documents [`Pipeline::count`] counted.
    pub fn to_partial(&self, counts: &Cooccurrence) -> Partial {
        let range = counts.date_range().map(|(a, b)| (a.to_string(), b.to_string()));
        let bounds = range.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
        let mut partial = Partial::new(counts, &self.gaz, bounds);
        partial.set_provenance(self.partial_settings(), counts.content_hash());
        partial
    }

    /// Makes the partial result of a run that coded events ([`PipelineBuilder::events`]):
    /// [`Pipeline::to_partial`] of `counted.counts`, with the events of `counted.events` and
    /// the fingerprint of the event dictionary and rules in its settings, so that only
    /// partials of the same events merge. `actorgraph merge` turns merged ones into the event
    /// graph one run would give.
    ///
    /// ```
    /// use actorgraph::{EventDictionary, EventExtractor, Partial, Pipeline};
    ///
    /// let extractor = EventExtractor::new(&EventDictionary::builtin())?;
    /// let mut pipeline = Pipeline::builder().events(Some(extractor)).build()?;
    /// let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
    /// let mut partial = pipeline.to_event_partial(&counted);
    /// assert!(partial.has_events());
    /// partial.merge(pipeline.to_event_partial(&counted))?;
    /// let (_, _, events) = partial.into_parts(0)?;
    /// assert_eq!(events.unwrap().event_count(), 2 * counted.events.event_count());
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn to_event_partial(&self, counted: &Counted) -> Partial {
        let counts = &counted.counts;
        let range = counts.date_range().map(|(a, b)| (a.to_string(), b.to_string()));
        let bounds = range.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
        let mut partial = Partial::new(counts, &self.gaz, bounds);
        let mut settings = self.partial_settings();
        settings.insert("relations".to_string(), "events".to_string());
        let dictionary = self
            .config
            .events
            .as_ref()
            .map_or("none".to_string(), |e| format!("{:032x}", e.fingerprint()));
        settings.insert("event_dictionary".to_string(), dictionary);
        settings.insert("unasserted_events".to_string(), self.config.unasserted.to_string());
        partial.set_provenance(settings, counts.content_hash());
        partial.set_events(&counted.events, &self.gaz);
        partial
    }

    /// What decided the counts of a partial: the options and every gazetteer layer's hash.
    fn partial_settings(&self) -> BTreeMap<String, String> {
        let mut settings = self.config.count_settings();
        for (i, (name, hash)) in self.layers.iter().enumerate() {
            settings.insert(format!("gazetteer {}", i + 1), format!("{name} {hash:032x}"));
        }
        settings
    }

    fn read_batch<S, F>(
        &self,
        docs: &mut S,
        totals: &mut Totals,
        events: &mut F,
    ) -> Result<Vec<Document>>
    where
        S: Source,
        F: FnMut(Event<'_>) -> Result<()>,
    {
        let (mut batch, mut bytes) = (Vec::new(), 0);
        while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            let item = docs.next();
            for warning in docs.take_warnings() {
                events(Event::Notice(Notice::Warning(warning)))?;
            }
            let Some(item) = item else { break };
            match item {
                Ok(doc) => {
                    for warning in check(&doc) {
                        events(Event::Notice(Notice::Warning(warning)))?;
                    }
                    bytes += doc.text().len();
                    batch.push(doc);
                }
                Err(err) if self.config.skip_bad_records => {
                    totals.skipped += 1;
                    events(Event::Notice(Notice::Skipped(err)))?;
                }
                Err(err) => return Err(err),
            }
        }
        Ok(batch)
    }

    fn annotate(&self, doc: Document) -> Raw {
        let date = doc.parse_date().and_then(std::result::Result::ok).or(self.config.default_date);
        let year = date.map(|d| i32::from(d.year()));
        let mentions = self.matcher.find_all_in_year(doc.text(), year);
        let candidates =
            self.discoverer.as_ref().map(|d| d.find(doc.text(), &mentions)).unwrap_or_default();
        let segments = self.config.segmenter.segment(doc.text());
        Raw { doc, mentions, candidates, segments, date }
    }

    /// Gives discovered names their ids, in input order, and merges them into the mentions.
    fn register(&mut self, raw: Raw) -> Annotated {
        let Raw { doc, mut mentions, candidates, segments, date } = raw;
        self.gaz.merge_discovered(&mut mentions, candidates);
        let date_text = date.map(|d| d.to_string()).unwrap_or_default();
        let date_source = match date {
            None => "",
            Some(_) if doc.parse_date().is_some_and(|d| d.is_ok()) => {
                doc.date_source().map_or(DateSource::Field.as_str(), |s| s.as_str())
            }
            Some(_) => "default",
        };
        Annotated { doc, mentions, segments, date, date_text, date_source }
    }
}

/// Where a run's documents come from: a [`Corpus`] reading files, or documents made in code.
trait Source: Iterator<Item = Result<Document>> {
    /// The warnings about the inputs gathered since the last call (see
    /// [`Documents::take_warnings`]).
    fn take_warnings(&mut self) -> Vec<String>;
}

impl Source for Documents {
    fn take_warnings(&mut self) -> Vec<String> {
        Documents::take_warnings(self)
    }
}

/// Documents made in code: each one is read, and reading says nothing.
struct InMemory<I>(I);

impl<I: Iterator<Item = Document>> Iterator for InMemory<I> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        self.0.next().map(Ok)
    }
}

impl<I: Iterator<Item = Document>> Source for InMemory<I> {
    fn take_warnings(&mut self) -> Vec<String> {
        Vec::new()
    }
}

/// What is worth a warning about a document that is read all the same.
/// A document made in code has no location, so its id names it.
fn check(doc: &Document) -> Vec<String> {
    let mut warnings = Vec::new();
    let at = if doc.location().is_empty() { doc.id() } else { doc.location() };
    if doc.was_lossy() {
        warnings.push(format!("{at}: invalid UTF-8, replaced with U+FFFD"));
    }
    if doc.text().trim().is_empty() {
        warnings.push(format!("{at}: empty document"));
    }
    if let Some(Err(err)) = doc.parse_date() {
        warnings.push(format!("{at}: {err}; the document is treated as undated"));
    }
    warnings
}

/// A document's results before discovered names are given ids.
struct Raw {
    doc: Document,
    mentions: Vec<Mention>,
    candidates: Vec<Candidate>,
    segments: Segments,
    date: Option<Date>,
}

/// One document after matching, discovery and segmentation, as [`Pipeline::run`] hands it on.
///
/// Its mentions are in text order and include the discovered actors, whose ids are in the
/// pipeline's gazetteer (the one [`Event::Document`] comes with).
///
/// ```
/// use actorgraph::{Event, Pipeline};
///
/// let mut pipeline = Pipeline::new()?;
/// pipeline.run(["data/articles/2025-03-14-aleppo-talks.md"], |event| {
///     if let Event::Document { doc, gaz } = event {
///         assert_eq!(doc.date_text(), "2025-03-14");
///         let first = doc.mentions()[0];
///         assert_eq!(gaz.get(first.entity()).unwrap().id(), "TUR");
///         assert_eq!(doc.segments().sentence_of(first.span().start), 0);
///         assert!(doc.records(gaz).any(|m| m.discovered), "someone the gazetteer lacks");
///     }
///     Ok(())
/// })?;
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Annotated {
    doc: Document,
    mentions: Vec<Mention>,
    segments: Segments,
    date: Option<Date>,
    date_text: String,
    date_source: &'static str,
}

impl Annotated {
    /// Returns the document as it was read.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Returns the mentions, in text order, discovered ones included.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// Returns the document's paragraphs and sentences.
    pub fn segments(&self) -> &Segments {
        &self.segments
    }

    /// Returns the document's date: its own if it can be read, else the pipeline's
    /// [`PipelineBuilder::default_date`].
    pub fn date(&self) -> Option<Date> {
        self.date
    }

    /// Returns the date as ISO 8601 text (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), or `""`.
    pub fn date_text(&self) -> &str {
        &self.date_text
    }

    /// Returns where the date came from: `field`, `dateline` or `filename` (see
    /// [`DateSources`](crate::DateSources)), `default` for the pipeline's
    /// [`PipelineBuilder::default_date`], or `""` if the document has no date.
    pub fn date_source(&self) -> &str {
        self.date_source
    }

    /// Returns the record of one of the document's mentions, for a [`MentionWriter`].
    ///
    /// [`MentionWriter`]: crate::MentionWriter
    ///
    /// # Panics
    ///
    /// If `mention` names an entity that `gaz` lacks: `gaz` must be the gazetteer this
    /// document's results came with, and `mention` one of its mentions.
    pub fn record<'a>(&'a self, gaz: &'a Gazetteer, mention: &Mention) -> MentionRecord<'a> {
        let entry = gaz.get(mention.entity()).expect("mentions come from this gazetteer");
        let span = mention.span();
        MentionRecord {
            document: self.doc.id(),
            date: &self.date_text,
            date_source: Some(self.date_source),
            entity: entry.id(),
            kind: entry.kind().as_str(),
            label: entry.label(),
            surface: &self.doc.text()[span],
            start: span.start,
            end: span.end,
            sentence: self.segments.sentence_of(span.start),
            paragraph: self.segments.paragraph_of(span.start),
            adjectival: mention.is_adjectival(),
            discovered: entry.is_discovered(),
            role: mention.is_role(),
        }
    }

    /// Returns the records of every mention, in text order (see [`Annotated::record`]).
    ///
    /// # Panics
    ///
    /// As [`Annotated::record`].
    pub fn records<'a>(&'a self, gaz: &'a Gazetteer) -> impl Iterator<Item = MentionRecord<'a>> {
        self.mentions.iter().map(move |m| self.record(gaz, m))
    }
}

/// What a [`Pipeline`] run hands its callback, in order.
///
/// ```
/// use actorgraph::{Event, Pipeline};
///
/// let (mut documents, mut last) = (0, 0);
/// Pipeline::new()?.run(["data/articles"], |event| {
///     match event {
///         Event::Document { .. } => documents += 1,
///         Event::Progress(totals) => last = totals.documents,
///         Event::Notice(notice) => eprintln!("warning: {notice}"),
///         _ => {}
///     }
///     Ok(())
/// })?;
/// assert_eq!((documents, last), (8, 8));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// A document's results, with the gazetteer its mentions' ids are in.
    Document {
        /// The document's results.
        doc: &'a Annotated,
        /// The gazetteer, discovered actors included.
        gaz: &'a Gazetteer,
    },
    /// Something that did not stop the run.
    Notice(Notice),
    /// The totals so far, after each document.
    Progress(&'a Totals),
}

/// Something a pipeline reports without stopping: the library never prints it.
///
/// Its `Display` is the message without a prefix; the command line prints a
/// [`Notice::Gazetteer`] and [`Notice::KeptName`] as notes and the others as warnings.
///
/// ```
/// use actorgraph::Notice;
///
/// let notice = Notice::Warning("data/x.md: empty document".to_string());
/// assert_eq!(notice.to_string(), "data/x.md: empty document");
/// assert!(notice.is_warning());
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Notice {
    /// A note from building the gazetteer, such as a conflict resolved between two files (see
    /// [`Gazetteer::notices`]).
    Gazetteer(String),
    /// A name that an entity of a later gazetteer file claimed but that stayed with the
    /// built-in entity that has it (see [`Gazetteer::kept_names`]): a note. A large imported
    /// file can give thousands of these, so the command line counts them unless asked to list
    /// them.
    KeptName(String),
    /// The gazetteer cache file could not be read, so it was rebuilt: the reason.
    CacheRebuilt(String),
    /// A problem that did not stop the run: a document with invalid UTF-8 or no text, a date
    /// that cannot be read, a directory link skipped, a cache file that could not be saved.
    /// The message names the file, and the line of a JSONL record.
    Warning(String),
    /// A broken record or unreadable file skipped under
    /// [`PipelineBuilder::skip_bad_records`]: its error.
    Skipped(Error),
}

impl Notice {
    /// Whether the notice is a warning (anything but a [`Notice::Gazetteer`] or
    /// [`Notice::KeptName`] note).
    pub fn is_warning(&self) -> bool {
        !matches!(self, Notice::Gazetteer(_) | Notice::KeptName(_))
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Gazetteer(msg) | Notice::KeptName(msg) | Notice::Warning(msg) => {
                f.write_str(msg)
            }
            Notice::CacheRebuilt(reason) => {
                write!(f, "ignoring the gazetteer cache: {reason}; rebuilt it")
            }
            Notice::Skipped(err) => write!(f, "{err} (skipped)"),
        }
    }
}

/// The totals of a run.
///
/// ```
/// let totals = actorgraph::Pipeline::new()?.run(["data/articles"], |_| Ok(()))?;
/// assert_eq!((totals.documents, totals.skipped, totals.undated), (8, 0, 0));
/// assert!(totals.mentions > 100);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Totals {
    /// Documents read.
    pub documents: u64,
    /// Mentions found, discovered ones included.
    pub mentions: u64,
    /// Records and files skipped under [`PipelineBuilder::skip_bad_records`].
    pub skipped: u64,
    /// Bytes of the sources the documents were read from (see [`Document::source_bytes`]).
    pub bytes: u64,
    /// Documents without a date, their own or the default one.
    pub undated: u64,
}

/// What [`Pipeline::count`] gives: the co-occurrence counts and the totals.
///
/// ```
/// use actorgraph::{Pipeline, Window};
///
/// let mut pipeline = Pipeline::builder().window(Window::Document).build()?;
/// let counted = pipeline.count(["data/articles"], |_| Ok(()))?;
/// assert_eq!(counted.counts.document_count(), counted.totals.documents);
/// let partial = pipeline.to_partial(&counted.counts);
/// assert_eq!(partial.document_count(), 8);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Counted {
    /// The co-occurrence counts, dates included.
    pub counts: Cooccurrence,
    /// The coded events per ordered pair, if [`PipelineBuilder::events`] gave an extractor;
    /// else empty.
    pub events: EventCounts,
    /// The evidence of every edge and node, if [`PipelineBuilder::evidence`] asked for it.
    pub evidence: Option<Evidence>,
    /// The totals of the run.
    pub totals: Totals,
}

/// What [`Pipeline::count_slices`] gives: the counts of each period and the totals.
///
/// ```
/// use actorgraph::{Pipeline, Slice};
///
/// let mut pipeline = Pipeline::new()?;
/// let sliced = pipeline.count_slices(["data/articles"], Slice::Year, |_| Ok(()))?;
/// let years: Vec<String> = sliced.slices.periods().map(|(p, _)| p.to_string()).collect();
/// assert!(years.len() > 1 && years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Sliced {
    /// The counts of each period.
    pub slices: TimeSlices,
    /// The totals of the run.
    pub totals: Totals,
}

/// What [`Pipeline::count_splits`] gives: the counts of each value of a field and the totals.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Split {
    /// The counts of each value.
    pub splits: FieldSplits,
    /// The totals of the run.
    pub totals: Totals,
}

/// What [`Pipeline::count_two_mode`] gives: the two-mode counts and the totals.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct TwoModeCounted {
    /// The counts of actors, values and their links.
    pub counts: TwoModeCounts,
    /// The totals of the run.
    pub totals: Totals,
}

/// The actors discovery proposes over a run, counted for a human to review: what
/// `actorgraph gazetteer suggest` writes as gazetteer rows.
///
/// ```
/// use actorgraph::{Event, Pipeline, Suggestions};
///
/// let mut pipeline = Pipeline::new()?;
/// let mut suggestions = Suggestions::new();
/// pipeline.run(["data/articles"], |event| {
///     if let Event::Document { doc, gaz } = event {
///         suggestions.add(gaz, doc);
///     }
///     Ok(())
/// })?;
/// let rows = suggestions.entries(pipeline.gazetteer(), 2);
/// let row = rows.iter().find(|e| e.id() == "oksana_melnychuk").unwrap();
/// assert_eq!(row.note_text(), Some("discovered: 2 mentions in 1 documents"));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Suggestions {
    seen: BTreeMap<String, Seen>,
}

/// What was seen of one discovered actor.
#[derive(Clone, Debug, Default)]
struct Seen {
    mentions: u64,
    documents: u64,
    last_document: Option<String>,
}

impl Suggestions {
    /// Creates an empty count.
    pub fn new() -> Suggestions {
        Suggestions::default()
    }

    /// Counts the discovered actors among a document's mentions.
    ///
    /// # Panics
    ///
    /// If `gaz` is not the gazetteer the document's results came with.
    pub fn add(&mut self, gaz: &Gazetteer, doc: &Annotated) {
        let id = doc.doc.id();
        for mention in &doc.mentions {
            let entry = gaz.get(mention.entity()).expect("mentions come from this gazetteer");
            if entry.is_discovered() {
                let s = self.seen.entry(entry.id().to_string()).or_default();
                s.mentions += 1;
                if s.last_document.as_deref() != Some(id) {
                    s.documents += 1;
                    s.last_document = Some(id.to_string());
                }
            }
        }
    }

    /// Returns the actors mentioned at least `min_mentions` times as gazetteer rows, most
    /// mentioned first (ties by id), each with an id of its own (without the `discovered:`
    /// prefix) and a note that says how often it was seen.
    pub fn entries(&self, gaz: &Gazetteer, min_mentions: u64) -> Vec<Entry> {
        let mut found: Vec<(&Entry, &Seen)> = self
            .seen
            .iter()
            .filter(|(_, s)| s.mentions >= min_mentions)
            .filter_map(|(id, s)| Some((gaz.get(gaz.lookup(id)?)?, s)))
            .collect();
        found.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.id().cmp(b.0.id())));
        found
            .into_iter()
            .map(|(e, s)| {
                let id = e.id().rsplit(':').next().unwrap_or(e.id());
                let note =
                    format!("discovered: {} mentions in {} documents", s.mentions, s.documents);
                Entry::new(id, e.kind(), e.label()).note(note)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline(builder: &mut PipelineBuilder) -> Pipeline {
        builder.build().unwrap()
    }

    #[test]
    fn excluded_ids_are_looked_up_after_discovery() {
        let path = "data/articles/2025-03-14-aleppo-talks.md";
        let mut p = pipeline(PipelineBuilder::new().exclude("discovered:person:miriam_okafor"));
        let counted = p.count([path], |_| Ok(())).unwrap();
        let graph = p.to_graph(&counted.counts).unwrap();
        let okafor = p.gazetteer().lookup("discovered:person:miriam_okafor").unwrap();
        assert!(graph.node(okafor).is_none());
        assert!(graph.node(p.gazetteer().lookup("RUS").unwrap()).is_some());

        let mut p = pipeline(PipelineBuilder::new().exclude("nosuch"));
        let counted = p.count([path], |_| Ok(())).unwrap();
        let err = p.to_graph(&counted.counts).unwrap_err().to_string();
        assert!(err.contains("excluded actor nosuch: the gazetteer has no actor"), "{err}");
    }

    #[test]
    fn measures_follow_the_builder() {
        let path = "data/articles/2025-03-14-aleppo-talks.md";
        let mut p = pipeline(PipelineBuilder::new().betweenness_limit(1));
        let counted = p.count([path], |_| Ok(())).unwrap();
        let graph = p.to_graph(&counted.counts).unwrap();
        assert!(!graph.measures().unwrap().has_betweenness(), "more nodes than the limit");
        let mut p = pipeline(PipelineBuilder::new().measures(false));
        let counted = p.count([path], |_| Ok(())).unwrap();
        assert!(p.to_graph(&counted.counts).unwrap().measures().is_none());
    }

    #[test]
    fn an_error_from_the_callback_ends_the_run() {
        let mut p = pipeline(&mut PipelineBuilder::new());
        let mut seen = 0;
        let err = p
            .run(["data/articles"], |event| {
                if let Event::Document { .. } = event {
                    seen += 1;
                    return Err(io::Error::other("enough").into());
                }
                Ok(())
            })
            .unwrap_err();
        assert_eq!((seen, err.to_string().as_str()), (1, "enough"));
    }

    /// Adds a document's records to `out`, as `document entity start end date`.
    fn push_records(out: &mut Vec<String>, event: &Event<'_>) -> Result<()> {
        if let Event::Document { doc, gaz } = event {
            out.extend(
                doc.records(gaz).map(|m| {
                    format!("{} {} {} {} {}", m.document, m.entity, m.start, m.end, m.date)
                }),
            );
        }
        Ok(())
    }

    #[test]
    fn documents_made_in_code_match_the_same_documents_read_from_jsonl() {
        let path = "data/sample.jsonl";
        let mut from_file = Vec::new();
        pipeline(PipelineBuilder::new().threads(1))
            .run([path], |e| push_records(&mut from_file, &e))
            .unwrap();
        let docs: Vec<Document> = Corpus::new().documents([path]).map(|d| d.unwrap()).collect();
        let texts: Vec<Document> = docs
            .iter()
            .map(|d| {
                let doc = Document::new(d.id(), d.text());
                match d.date() {
                    Some(date) => doc.with_date(date),
                    None => doc.with_date_from_text(),
                }
            })
            .collect();
        let mut in_memory = Vec::new();
        pipeline(PipelineBuilder::new().threads(2))
            .run_documents(texts, |e| push_records(&mut in_memory, &e))
            .unwrap();
        assert!(from_file.len() > 50);
        assert_eq!(from_file, in_memory);
    }

    #[test]
    fn warnings_about_documents_made_in_code_name_their_id() {
        let mut p = pipeline(&mut PipelineBuilder::new());
        let mut warnings = Vec::new();
        let docs = [Document::new("d1", " "), Document::new("d2", "Iran.").with_date("soon")];
        let counted = p
            .count_documents(docs, |event| {
                if let Event::Notice(notice) = event {
                    warnings.push(notice.to_string());
                }
                Ok(())
            })
            .unwrap();
        assert_eq!((counted.totals.documents, counted.totals.undated), (2, 2));
        assert_eq!(warnings[0], "d1: empty document");
        assert!(warnings[1].starts_with("d2: ") && warnings[1].ends_with("treated as undated"));
    }

    #[test]
    fn notices_display_as_the_command_line_prints_them() {
        let rebuilt = Notice::CacheRebuilt("bad magic".to_string());
        assert_eq!(rebuilt.to_string(), "ignoring the gazetteer cache: bad magic; rebuilt it");
        assert!(rebuilt.is_warning() && !Notice::Gazetteer(String::new()).is_warning());
        assert!(!Notice::KeptName(String::new()).is_warning());
    }

    #[test]
    fn kept_names_are_notices_of_their_own() {
        let dir = crate::scratch::Scratch::new("kept");
        let path = dir.0.join("mine.tsv");
        std::fs::write(&path, "id\tkind\tlabel\nflorida_cuba\tplace\tFlorida\n").unwrap();
        let pipeline = PipelineBuilder::new().gazetteer(&path).build().unwrap();
        let kept: Vec<String> = pipeline
            .notices()
            .iter()
            .filter(|n| matches!(n, Notice::KeptName(_)))
            .map(Notice::to_string)
            .collect();
        assert_eq!(kept, pipeline.gazetteer().kept_names());
        assert!(kept[0].contains("\"Florida\" stays with the built-in \"florida\""), "{kept:?}");
    }
}
