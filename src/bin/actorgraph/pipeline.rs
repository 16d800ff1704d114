//! The shared pipeline of the commands that read a corpus: read documents in batches, match
//! and segment each batch on the thread pool, and hand the results on in input order.

use std::io;

use actorgraph::{
    CacheStatus, Corpus, Date, Discoverer, Document, Documents, Engine, Gazetteer, GazetteerCache,
    InputFormat, JsonlOptions, Matcher, MatcherBuilder, Mention, Result, Segmenter, Segments,
};
use rayon::prelude::*;

use crate::args::{CommonArgs, EngineArg, InputFormatArg};
use crate::progress::Progress;

/// How many documents are read before a batch is matched in parallel. Results are consumed in
/// input order, so output does not depend on the thread count.
const BATCH_DOCS: usize = 512;
/// A batch also ends once it holds this many bytes of text.
const BATCH_BYTES: usize = 16 << 20;

/// One document after matching, discovery and segmentation.
pub(crate) struct Annotated {
    pub(crate) doc: Document,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) segments: Segments,
    /// The document's date, if it has one that can be read.
    pub(crate) date: Option<Date>,
    /// That date as ISO 8601 text (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), or empty.
    pub(crate) date_text: String,
}

/// A document's results before discovered names are given ids.
struct Raw {
    doc: Document,
    mentions: Vec<Mention>,
    candidates: Vec<actorgraph::Candidate>,
    segments: Segments,
}

/// Totals for the summary line.
#[derive(Default)]
pub(crate) struct Totals {
    pub(crate) documents: u64,
    pub(crate) mentions: u64,
    pub(crate) skipped: u64,
    pub(crate) bytes: u64,
    /// Documents without a (readable) date.
    pub(crate) undated: u64,
}

/// What every corpus command needs: the gazetteer, the matcher and the reading options.
pub(crate) struct Pipeline {
    pub(crate) gaz: Gazetteer,
    matcher: Matcher,
    segmenter: Segmenter,
    discoverer: Option<Discoverer>,
    pool: rayon::ThreadPool,
    quiet: bool,
    skip_bad: bool,
    /// The date of documents without one (`--date`).
    default_date: Option<Date>,
}

impl Pipeline {
    pub(crate) fn new(args: &CommonArgs) -> Result<Pipeline> {
        let mut builder = MatcherBuilder::new();
        builder
            .adjectives(args.include_adjectival || !args.no_adjectives)
            .name_parts(!args.no_name_parts)
            .surnames(!args.no_surnames)
            .engine(match args.engine {
                EngineArg::Auto => Engine::Auto,
                EngineArg::AhoCorasick => Engine::AhoCorasick,
                EngineArg::Trie => Engine::Trie,
            });
        let (gaz, matcher) = match &args.gazetteer_cache {
            Some(dir) => load_cached(dir, args, &builder)?,
            None => {
                let gaz = load_gazetteer(&args.gazetteers, args.no_default_gazetteer, args.quiet)?;
                let matcher = builder.build(&gaz)?;
                (gaz, matcher)
            }
        };
        let threads = args.threads.unwrap_or(0);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|err| io::Error::other(format!("cannot start {threads} threads: {err}")))?;
        let discoverer = (!args.no_discover).then(|| Discoverer::for_gazetteer(&gaz));
        Ok(Pipeline {
            gaz,
            matcher,
            segmenter: segmenter(args),
            discoverer,
            pool,
            quiet: args.quiet,
            skip_bad: args.skip_bad_records,
            default_date: args.date,
        })
    }

    pub(crate) fn warn(&self, msg: &str) {
        if !self.quiet {
            eprintln!("actorgraph: warning: {msg}");
        }
    }

    /// Reads, matches and hands each document to `sink`, in input order.
    pub(crate) fn run<F>(&mut self, args: &CommonArgs, mut sink: F) -> Result<Totals>
    where
        F: FnMut(&Gazetteer, &Annotated) -> Result<()>,
    {
        let mut docs = corpus(args).documents(&args.inputs);
        let mut totals = Totals::default();
        let mut progress = Progress::new(!self.quiet, &args.inputs);
        loop {
            let batch = self.read_batch(&mut docs, &mut totals)?;
            if batch.is_empty() {
                progress.finish();
                return Ok(totals);
            }
            let raw: Vec<Raw> =
                self.pool.install(|| batch.into_par_iter().map(|doc| self.annotate(doc)).collect());
            for raw in raw {
                let item = self.register(raw);
                totals.documents += 1;
                totals.mentions += item.mentions.len() as u64;
                totals.bytes += item.doc.source_bytes();
                totals.undated += u64::from(item.date.is_none());
                sink(&self.gaz, &item)?;
                progress.update(totals.documents, totals.bytes);
            }
        }
    }

    fn read_batch(&self, docs: &mut Documents, totals: &mut Totals) -> Result<Vec<Document>> {
        let (mut batch, mut bytes) = (Vec::new(), 0);
        while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            let item = docs.next();
            for warning in docs.take_warnings() {
                self.warn(&warning);
            }
            let Some(item) = item else { break };
            match item {
                Ok(doc) => {
                    self.check(&doc);
                    bytes += doc.text().len();
                    batch.push(doc);
                }
                Err(err) if self.skip_bad => {
                    totals.skipped += 1;
                    self.warn(&format!("{err} (skipped)"));
                }
                Err(err) => return Err(err),
            }
        }
        Ok(batch)
    }

    fn check(&self, doc: &Document) {
        if doc.was_lossy() {
            self.warn(&format!("{}: invalid UTF-8, replaced with U+FFFD", doc.location()));
        }
        if doc.text().trim().is_empty() {
            self.warn(&format!("{}: empty document", doc.location()));
        }
        if let Some(Err(err)) = doc.parse_date() {
            self.warn(&format!("{}: {err}; the document is treated as undated", doc.location()));
        }
    }

    fn annotate(&self, doc: Document) -> Raw {
        let date = doc.parse_date().and_then(std::result::Result::ok).or(self.default_date);
        let year = date.map(|d| i32::from(d.year()));
        let mentions = self.matcher.find_all_in_year(doc.text(), year);
        let candidates =
            self.discoverer.as_ref().map(|d| d.find(doc.text(), &mentions)).unwrap_or_default();
        let segments = self.segmenter.segment(doc.text());
        Raw { doc, mentions, candidates, segments }
    }

    /// Gives discovered names their ids, in input order, and merges them into the mentions.
    fn register(&mut self, raw: Raw) -> Annotated {
        let Raw { doc, mut mentions, candidates, segments } = raw;
        self.gaz.merge_discovered(&mut mentions, candidates);
        let date = doc.parse_date().and_then(std::result::Result::ok).or(self.default_date);
        let date_text = date.map(|d| d.to_string()).unwrap_or_default();
        Annotated { doc, mentions, segments, date, date_text }
    }

    pub(crate) fn summary(&self, totals: &Totals, what: &str) {
        if !self.quiet {
            let skipped = match totals.skipped {
                0 => String::new(),
                n => format!(", {n} skipped"),
            };
            eprintln!(
                "actorgraph: {} documents, {} mentions{}{}{}",
                totals.documents,
                totals.mentions,
                skipped,
                undated(totals),
                what
            );
        }
    }
}

/// Reports the documents without a date, for the summary.
fn undated(totals: &Totals) -> String {
    match totals.undated {
        0 => String::new(),
        n if n == totals.documents => ", none with a date (so no time slicing)".to_string(),
        n => format!(", {n} without a date"),
    }
}

fn segmenter(args: &CommonArgs) -> Segmenter {
    let mut segmenter = Segmenter::new();
    segmenter.join_broken_paragraphs(!args.no_join_breaks);
    segmenter
}

/// Loads the built-in gazetteer (unless `no_default`) and the user's files, and prints the
/// build's notices unless `quiet`.
pub(crate) fn load_gazetteer(
    paths: &[std::path::PathBuf],
    no_default: bool,
    quiet: bool,
) -> Result<Gazetteer> {
    let mut builder = Gazetteer::builder();
    if !no_default {
        builder.add_builtin();
    }
    for path in paths {
        builder.add_path(path)?;
    }
    let gaz = builder.build()?;
    if !quiet {
        for notice in gaz.notices() {
            eprintln!("actorgraph: note: {notice}");
        }
    }
    Ok(gaz)
}

/// Loads the gazetteer and matcher from the compiled-gazetteer cache in `dir`, or builds and
/// saves them; a cache file that cannot be used is reported and rebuilt.
fn load_cached(
    dir: &std::path::Path,
    args: &CommonArgs,
    builder: &MatcherBuilder,
) -> Result<(Gazetteer, Matcher)> {
    let cache = GazetteerCache::new(dir);
    let cached = cache.load_or_build(!args.no_default_gazetteer, &args.gazetteers, builder)?;
    if !args.quiet {
        if let CacheStatus::Corrupt(reason) = &cached.status {
            eprintln!("actorgraph: warning: ignoring the gazetteer cache: {reason}; rebuilt it");
        }
        for warning in &cached.warnings {
            eprintln!("actorgraph: warning: {warning}");
        }
        for notice in cached.compiled.gazetteer().notices() {
            eprintln!("actorgraph: note: {notice}");
        }
    }
    Ok(cached.compiled.into_parts())
}

fn corpus(args: &CommonArgs) -> Corpus {
    let mut jsonl = JsonlOptions::new();
    jsonl
        .id_field(&args.id_field)
        .text_field(&args.text_field)
        .date_field(&args.date_field)
        .max_record_bytes(args.max_document_bytes);
    let format = match args.input_format {
        InputFormatArg::Auto => InputFormat::Auto,
        InputFormatArg::Text => InputFormat::Text,
        InputFormatArg::Jsonl => InputFormat::Jsonl,
    };
    let mut corpus = Corpus::new();
    corpus.format(format).jsonl(jsonl).max_document_bytes(args.max_document_bytes);
    corpus
}
