//! Turns parsed arguments into library objects and runs a command.

use std::fs;
use std::io::{self, Write};

use actorgraph::{
    CaseMode, CooccurrenceBuilder, Corpus, Document, Gazetteer, GraphFormat, InputFormat,
    JsonlOptions, Matcher, MatcherBuilder, Mention, MentionFormat, MentionRecord, MentionWriter,
    Result, Segmenter, Segments, Window, write_csv, write_dot,
};
use rayon::prelude::*;

use crate::args::{
    Cli, Command, CommonArgs, ExtractArgs, GraphArgs, GraphFormatArg, InputFormatArg,
    MentionFormatArg, WindowArg,
};
use crate::output::{AtomicFile, io_at};

/// How many documents are read before a batch is matched in parallel. Results are consumed in
/// input order, so output does not depend on the thread count.
const BATCH_DOCS: usize = 512;
/// A batch also ends once it holds this many bytes of text.
const BATCH_BYTES: usize = 16 << 20;

/// Runs a command. Returns whether any actor was found.
pub(crate) fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Graph(args) => graph(args),
        Command::Gazetteer(args) => crate::import::run(args),
    }
}

/// What every command needs: the gazetteer, the matcher and the reading options.
struct Setup {
    gaz: Gazetteer,
    matcher: Matcher,
    segmenter: Segmenter,
    pool: rayon::ThreadPool,
    quiet: bool,
    skip_bad: bool,
}

/// One document after matching and segmentation.
struct Annotated {
    doc: Document,
    mentions: Vec<Mention>,
    segments: Segments,
}

/// Totals for the summary line.
#[derive(Default)]
struct Totals {
    documents: u64,
    mentions: u64,
    skipped: u64,
}

impl Setup {
    fn new(args: &CommonArgs) -> Result<Setup> {
        let gaz = load_gazetteer(args)?;
        if !args.quiet {
            for notice in gaz.notices() {
                eprintln!("actorgraph: note: {notice}");
            }
        }
        let matcher = MatcherBuilder::new()
            .case(CaseMode::Gazetteer)
            .adjectives(!args.no_adjectives)
            .build(&gaz)?;
        let threads = args.threads.unwrap_or(0);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|err| io::Error::other(format!("cannot start {threads} threads: {err}")))?;
        Ok(Setup {
            gaz,
            matcher,
            segmenter: Segmenter::new(),
            pool,
            quiet: args.quiet,
            skip_bad: args.skip_bad_records,
        })
    }

    fn warn(&self, msg: &str) {
        if !self.quiet {
            eprintln!("actorgraph: warning: {msg}");
        }
    }

    /// Reads, matches and hands each document to `sink`, in input order.
    fn process<F>(&self, args: &CommonArgs, mut sink: F) -> Result<Totals>
    where
        F: FnMut(&Annotated) -> Result<()>,
    {
        let mut docs = corpus(args).documents(&args.inputs);
        let mut totals = Totals::default();
        loop {
            let batch = self.read_batch(&mut docs, &mut totals)?;
            if batch.is_empty() {
                return Ok(totals);
            }
            let annotated: Vec<Annotated> =
                self.pool.install(|| batch.into_par_iter().map(|doc| self.annotate(doc)).collect());
            for item in &annotated {
                totals.documents += 1;
                totals.mentions += item.mentions.len() as u64;
                sink(item)?;
            }
        }
    }

    fn read_batch(
        &self,
        docs: &mut actorgraph::Documents,
        totals: &mut Totals,
    ) -> Result<Vec<Document>> {
        let (mut batch, mut bytes) = (Vec::new(), 0);
        while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            let Some(item) = docs.next() else { break };
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
    }

    fn annotate(&self, doc: Document) -> Annotated {
        let mentions = self.matcher.find_all(doc.text());
        let segments = self.segmenter.segment(doc.text());
        Annotated { doc, mentions, segments }
    }

    fn summary(&self, totals: &Totals, what: &str) {
        if !self.quiet {
            let skipped = if totals.skipped > 0 {
                format!(", {} skipped", totals.skipped)
            } else {
                String::new()
            };
            eprintln!(
                "actorgraph: {} documents, {} mentions{}{}",
                totals.documents, totals.mentions, skipped, what
            );
        }
    }
}

fn load_gazetteer(args: &CommonArgs) -> Result<Gazetteer> {
    let mut builder = Gazetteer::builder();
    if !args.no_default_gazetteer {
        builder.add_builtin();
    }
    for path in &args.gazetteers {
        builder.add_path(path)?;
    }
    builder.build()
}

fn corpus(args: &CommonArgs) -> Corpus {
    let mut jsonl = JsonlOptions::new();
    jsonl.id_field(&args.id_field).text_field(&args.text_field).date_field(&args.date_field);
    let format = match args.input_format {
        InputFormatArg::Auto => InputFormat::Auto,
        InputFormatArg::Text => InputFormat::Text,
        InputFormatArg::Jsonl => InputFormat::Jsonl,
    };
    let mut corpus = Corpus::new();
    corpus.format(format).jsonl(jsonl);
    corpus
}

fn extract(args: ExtractArgs) -> Result<bool> {
    let setup = Setup::new(&args.common)?;
    let format = match args.format {
        MentionFormatArg::Csv => MentionFormat::Csv,
        MentionFormatArg::Jsonl => MentionFormat::Jsonl,
    };
    let totals = match &args.output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            let totals = write_mentions(&setup, &args.common, format, &mut file)?;
            file.commit()?;
            totals
        }
        None => write_mentions(&setup, &args.common, format, io::stdout().lock())?,
    };
    setup.summary(&totals, "");
    Ok(totals.mentions > 0)
}

fn write_mentions<W: Write>(
    setup: &Setup,
    args: &CommonArgs,
    format: MentionFormat,
    out: W,
) -> Result<Totals> {
    let mut wtr = MentionWriter::new(format, out);
    let totals = setup.process(args, |item| {
        for mention in &item.mentions {
            wtr.write(&record(&setup.gaz, item, mention))?;
        }
        Ok(())
    })?;
    wtr.finish()?;
    Ok(totals)
}

fn record<'a>(gaz: &'a Gazetteer, item: &'a Annotated, mention: &Mention) -> MentionRecord<'a> {
    let entry = gaz.get(mention.entity()).expect("mentions come from this gazetteer");
    let span = mention.span();
    MentionRecord {
        document: item.doc.id(),
        entity: entry.id(),
        kind: entry.kind().as_str(),
        label: entry.label(),
        surface: &item.doc.text()[span],
        start: span.start,
        end: span.end,
        sentence: item.segments.sentence_of(span.start),
        paragraph: item.segments.paragraph_of(span.start),
        adjectival: mention.is_adjectival(),
        discovered: entry.is_discovered(),
    }
}

fn graph(args: GraphArgs) -> Result<bool> {
    let setup = Setup::new(&args.common)?;
    let window = match args.window {
        WindowArg::Sentence => Window::Sentence,
        WindowArg::Paragraph => Window::Paragraph,
        WindowArg::Document => Window::Document,
    };
    let mut counts = CooccurrenceBuilder::new().window(window).min_weight(args.min_weight).build();
    let totals = setup.process(&args.common, |item| {
        counts.add_document(&item.mentions, &item.segments);
        Ok(())
    })?;
    let graph = counts.to_graph();
    fs::create_dir_all(&args.out).map_err(|err| io_at(&args.out, err))?;
    let mut formats: Vec<GraphFormat> = args
        .format
        .iter()
        .map(|f| match f {
            GraphFormatArg::Csv => GraphFormat::Csv,
            GraphFormatArg::Dot => GraphFormat::Dot,
        })
        .collect();
    formats.sort();
    formats.dedup();
    for format in formats {
        write_graph(&setup.gaz, &graph, format, &args.out)?;
    }
    let what = format!(
        ", {} nodes, {} edges written to {}",
        graph.node_count(),
        graph.edge_count(),
        args.out.display()
    );
    setup.summary(&totals, &what);
    Ok(totals.mentions > 0)
}

fn write_graph(
    gaz: &Gazetteer,
    graph: &actorgraph::CooccurrenceGraph,
    format: GraphFormat,
    dir: &std::path::Path,
) -> Result<()> {
    let names = format.file_names();
    match format {
        GraphFormat::Csv => {
            let mut nodes = AtomicFile::create(&dir.join(names[0]))?;
            let mut edges = AtomicFile::create(&dir.join(names[1]))?;
            write_csv(graph, gaz, &mut nodes, &mut edges)?;
            nodes.commit()?;
            edges.commit()
        }
        GraphFormat::Dot => {
            let mut dot = AtomicFile::create(&dir.join(names[0]))?;
            write_dot(graph, gaz, &mut dot)?;
            dot.commit()
        }
        _ => unreachable!("every graph format is handled"),
    }
}
