//! Turns parsed arguments into library objects and runs a command.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use actorgraph::{
    CooccurrenceGraph, Counted, CsvCells, Discoverer, Evaluator, Event, EventWeight,
    EvidenceBuilder, GoldDocument, GraphFiles, GraphFormat, Matcher, MeasuresBuilder,
    MentionFormat, MentionWriter, Partial, Pipeline, PipelineBuilder, Result, StandoffSet,
    Suggestions, Totals, Window, write_tsv,
};

use crate::args::{
    Cli, Command, EvalArgs, EvidenceArgs, ExtractArgs, GraphArgs, GraphFormatArg, GraphOutputArgs,
    MentionFormatArg, MergeArgs, RelationArg, SuggestArgs, WindowArg,
};
use crate::output::{create_dir, create_file, file_arg};
use crate::pipeline::{Reporter, build, builder, load_gazetteer};

/// Runs a command. Returns whether it found or wrote anything.
pub(crate) fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Graph(args) => graph(args),
        Command::Events(args) => crate::events::run(args),
        Command::Gazetteer(args) => crate::import::run(args),
        Command::Merge(args) => merge(args),
        Command::Eval(args) => eval(args),
        Command::Completions(args) => crate::manual::completions(args),
        Command::Man(args) => crate::manual::man(args),
    }
}

fn extract(args: ExtractArgs) -> Result<bool> {
    // The output is opened before any input is read, so a bad path fails at once.
    let file = file_arg(&args.output).map(create_file).transpose()?;
    let mut pipeline = build(&builder(&args.common), &args.common)?;
    let mut report = Reporter::new(&args.common);
    let format = mention_format(args.format);
    let totals = match file {
        Some(mut file) => {
            let totals = write_mentions(&mut pipeline, &args, &mut report, format, &mut file)?;
            file.commit()?;
            totals
        }
        None => write_mentions(&mut pipeline, &args, &mut report, format, io::stdout().lock())?,
    };
    report.summary(&totals, "");
    Ok(totals.mentions > 0)
}

fn write_mentions<W: Write>(
    pipeline: &mut Pipeline,
    args: &ExtractArgs,
    report: &mut Reporter,
    format: MentionFormat,
    out: W,
) -> Result<Totals> {
    let mut wtr = MentionWriter::new(format, out);
    wtr.cells(csv_cells(args.raw_csv)).date_source(args.show_date_source);
    let totals = pipeline.run(&args.common.inputs, |event| {
        if let Event::Document { doc, gaz } = &event {
            for record in doc.records(gaz) {
                wtr.write(&record)?;
            }
        }
        report.event(&event);
        Ok(())
    })?;
    report.done();
    wtr.finish()?;
    Ok(totals)
}

fn graph(args: GraphArgs) -> Result<bool> {
    crate::events::check_relations(&args)?;
    check_evidence(&args)?;
    crate::metadata::check(&args)?;
    if args.partial && is_stdout(&args.output.out) {
        return partial_to_stdout(&args);
    }
    refuse_stdout(&args.output.out, "a graph")?;
    // The output directory is checked (and its temporary directory made) before any input is
    // read, so a bad path fails at once.
    let mut dir = create_dir(&args.output.out)?;
    let mut pipeline = build(&graph_config_with_events(&args)?, &args.common)?;
    let mut report = Reporter::new(&args.common);
    if let Some(slice) = args.slice {
        return crate::slice::graph(&args, &mut pipeline, &mut report, slice, dir);
    }
    if let Some(field) = &args.metadata.split_by {
        return crate::metadata::split(&args, &mut pipeline, &mut report, field, dir);
    }
    if let Some(field) = &args.metadata.two_mode {
        return crate::metadata::two_mode(&args, &mut pipeline, &mut report, field, dir);
    }
    let counted = pipeline.count(&args.common.inputs, |event| {
        report.event(&event);
        Ok(())
    })?;
    report.done();
    let events = args.relations.relations == RelationArg::Events;
    if events && !args.partial {
        return crate::events::write_graph(&args, &pipeline, &counted, &report, dir);
    }
    let (counts, totals) = (&counted.counts, &counted.totals);
    let out = &args.output.out;
    if args.partial {
        let path = out.join("partial.json");
        let mut file = dir.file("partial.json")?;
        partial_of(&pipeline, &counted, events).write(&mut file)?;
        file.commit()?;
        dir.publish(std::iter::empty::<PathBuf>())?;
        report.summary(totals, &format!(", partial result written to {}", path.display()));
        // A partial without actors is still a result: a shard's exit status tells a job
        // engine whether it worked, not whether its documents named anyone.
        return Ok(true);
    }
    let options = args.output.filter.options(pipeline.gazetteer(), true, |m| report.warn(m))?;
    let graph = pipeline.to_graph_with(counts, &options);
    let communities = measures_summary(&graph, &args.output, args.common.quiet);
    write_graph_files(&args, &graph, pipeline.gazetteer(), counted.evidence.as_ref(), &mut dir)?;
    crate::output::publish_graphs(dir, args.common.quiet)?;
    let what = format!(
        ", {} nodes, {} edges{} written to {}{}{}",
        graph.node_count(),
        graph.edge_count(),
        communities,
        out.display(),
        crate::filter::removed(counts, &graph),
        crate::metadata::missing(counts, totals, &report)
    );
    report.summary(totals, &what);
    Ok(totals.mentions > 0)
}

/// Writes the graph in every `--format`, with its evidence if the run collected it.
fn write_graph_files(
    args: &GraphArgs,
    graph: &CooccurrenceGraph,
    gaz: &actorgraph::Gazetteer,
    evidence: Option<&actorgraph::Evidence>,
    dir: &mut actorgraph::OutputDir,
) -> Result<()> {
    let files = graph_files(&args.output);
    match evidence {
        Some(evidence) => {
            let formats = evidence_formats(&args.evidence);
            files.write_with_evidence(graph, gaz, evidence, &formats, dir)
        }
        None => files.write(graph, gaz, dir, ""),
    }
}

/// Refuses `--evidence` where it cannot be written: over time slices and on the event graph.
fn check_evidence(args: &GraphArgs) -> Result<()> {
    if !args.evidence.evidence {
        return Ok(());
    }
    let why = if args.slice.is_some() {
        "--evidence cannot be combined with --slice yet: run `graph --evidence` without --slice \
         (every row has its document's Date)"
    } else if args.relations.relations == RelationArg::Events {
        "--evidence applies to the co-occurrence graph, not to --relations events: `actorgraph \
         events` writes each event with its sentence's byte span"
    } else {
        return Ok(());
    };
    Err(io::Error::new(io::ErrorKind::InvalidInput, why).into())
}

/// The evidence collector of `--evidence`, or none.
fn evidence_builder(args: &EvidenceArgs) -> Option<EvidenceBuilder> {
    args.evidence.then(|| {
        let mut builder = EvidenceBuilder::new();
        builder
            .per_edge(args.evidence_per_edge as usize)
            .per_node(args.evidence_per_node as usize)
            .snippet_chars(args.snippet_chars as usize);
        builder
    })
}

/// The formats of `--evidence-format`.
fn evidence_formats(args: &EvidenceArgs) -> Vec<MentionFormat> {
    args.evidence_format.iter().map(|f| mention_format(*f)).collect()
}

/// The library's mention format of `--format` or `--evidence-format`.
fn mention_format(format: MentionFormatArg) -> MentionFormat {
    match format {
        MentionFormatArg::Csv => MentionFormat::Csv,
        MentionFormatArg::Jsonl => MentionFormat::Jsonl,
    }
}

/// The partial result of a run, with its events for `--relations events`.
fn partial_of(pipeline: &Pipeline, counted: &Counted, events: bool) -> Partial {
    match events {
        true => pipeline.to_event_partial(counted),
        false => pipeline.to_partial(&counted.counts),
    }
}

/// Whether `--out` names standard output.
fn is_stdout(out: &Path) -> bool {
    out == Path::new("-")
}

/// Refuses `--out -` for `what`, which is a set of files.
fn refuse_stdout(out: &Path, what: &str) -> Result<()> {
    if !is_stdout(out) {
        return Ok(());
    }
    let msg = format!(
        "--out - (standard output) takes only a partial result (`graph --partial`); {what} \
         is a set of files: give --out a directory"
    );
    Err(io::Error::new(io::ErrorKind::InvalidInput, msg).into())
}

/// Runs `graph --partial --out -`: the partial goes to standard output as one line, so a job
/// engine that keeps what a task prints (Spark's `pipe`, Hadoop Streaming) needs no file.
fn partial_to_stdout(args: &GraphArgs) -> Result<bool> {
    let mut pipeline = build(&graph_config_with_events(args)?, &args.common)?;
    let mut report = Reporter::new(&args.common);
    let counted = pipeline.count(&args.common.inputs, |event| {
        report.event(&event);
        Ok(())
    })?;
    report.done();
    let mut out = io::stdout().lock();
    let events = args.relations.relations == RelationArg::Events;
    partial_of(&pipeline, &counted, events).write(&mut out)?;
    out.flush()?;
    report.summary(&counted.totals, ", partial result written to standard output");
    Ok(true)
}

/// The library's configuration for `graph`.
fn graph_config(args: &GraphArgs) -> PipelineBuilder {
    let mut config = builder(&args.common);
    config
        .window(match args.window {
            WindowArg::Sentence => Window::Sentence,
            WindowArg::Paragraph => Window::Paragraph,
            WindowArg::Document => Window::Document,
        })
        .measures(!args.output.no_measures)
        .betweenness_limit(args.output.betweenness_limit)
        .evidence(evidence_builder(&args.evidence))
        .attributes(args.metadata.attributes.iter().cloned());
    config
}

/// The library's configuration for `graph`, with the event extractor of `--relations events`.
fn graph_config_with_events(args: &GraphArgs) -> Result<PipelineBuilder> {
    let mut config = graph_config(args);
    let rel = &args.relations;
    if rel.relations == RelationArg::Events {
        let extractor = crate::events::extractor(&rel.dictionaries, rel.no_default_events)?;
        config.events(Some(extractor)).unasserted_events(rel.include_unasserted);
    }
    Ok(config)
}

/// Computes the node measures on the graph of a merge, unless `--no-measures`, as the
/// pipeline does for a graph it makes.
fn add_measures(graph: &mut CooccurrenceGraph, output: &GraphOutputArgs) {
    if !output.no_measures {
        let betweenness = graph.node_count() <= output.betweenness_limit;
        graph.compute_measures(MeasuresBuilder::new().betweenness(betweenness));
    }
}

/// Prints notes on standard error (unless `quiet`) for the node measures left out. Returns the
/// communities and their modularity for the summary line, such as ", 12 communities
/// (modularity 0.4123)", or nothing without measures.
pub(crate) fn measures_summary(
    graph: &CooccurrenceGraph,
    output: &GraphOutputArgs,
    quiet: bool,
) -> String {
    let Some(measures) = graph.measures() else { return String::new() };
    let n = graph.node_count();
    let betweenness = n <= output.betweenness_limit;
    if !quiet && !betweenness {
        eprintln!(
            "actorgraph: note: betweenness left out: the graph has {n} nodes, more than \
             --betweenness-limit {}",
            output.betweenness_limit
        );
    }
    if !quiet && betweenness && !measures.has_betweenness() {
        eprintln!("actorgraph: note: betweenness left out: a value was not a finite number");
    }
    if !quiet && !measures.has_eigenvector() && n > 0 {
        eprintln!("actorgraph: note: eigenvector centrality left out: it did not converge");
    }
    let count = measures.community_count();
    let plural = if count == 1 { "community" } else { "communities" };
    match measures.modularity() {
        Some(q) => format!(", {count} {plural} (modularity {q:.4})"),
        None => format!(", {count} {plural}"),
    }
}

/// How CSV text cells are written: as they are with `--raw-csv`, else made safe.
pub(crate) fn csv_cells(raw: bool) -> CsvCells {
    if raw { CsvCells::Raw } else { CsvCells::Safe }
}

/// The graph files of `--format` and `--raw-csv`.
pub(crate) fn graph_files(output: &GraphOutputArgs) -> GraphFiles {
    let formats = output.format.iter().map(|f| match f {
        GraphFormatArg::Csv => GraphFormat::Csv,
        GraphFormatArg::Dot => GraphFormat::Dot,
        GraphFormatArg::Gexf => GraphFormat::Gexf,
        GraphFormatArg::GraphMl => GraphFormat::GraphMl,
        GraphFormatArg::Json => GraphFormat::Json,
        GraphFormatArg::GeoJson => GraphFormat::GeoJson,
        GraphFormatArg::Html => GraphFormat::Html,
    });
    let mut files = GraphFiles::new(formats);
    files.cells(csv_cells(output.raw_csv));
    files
}

fn merge(args: MergeArgs) -> Result<bool> {
    refuse_stdout(&args.output.out, "a merged graph")?;
    if args.evidence {
        let msg = format!("--evidence: {}", crate::args::NO_EVIDENCE);
        return Err(io::Error::new(io::ErrorKind::InvalidInput, msg).into());
    }
    crate::metadata::check_merge(&args)?;
    // The output directory is checked before any partial is read.
    let mut dir = create_dir(&args.output.out)?;
    let quiet = args.quiet;
    let (merged, count) = actorgraph::merge_partials(&args.partials, |msg| {
        if !quiet {
            eprintln!("actorgraph: {msg}");
        }
    })?;
    let documents = merged.document_count();
    let undated = match merged.undated_count() {
        0 => String::new(),
        n => format!(" ({n} without a date)"),
    };
    if !merged.has_events() && args.signed {
        let msg = "--signed needs partials of `graph --relations events --partial`";
        return Err(io::Error::new(io::ErrorKind::InvalidInput, msg).into());
    }
    let (gaz, counts, events) = merged.into_parts(0)?;
    let warn = |msg: &str| {
        if !quiet {
            eprintln!("actorgraph: warning: {msg}");
        }
    };
    if let Some(events) = events {
        crate::events::refuse_cooccurrence_filters(&args.output.filter)?;
        let options = args.output.filter.options(&gaz, false, warn)?;
        let weight = if args.signed { EventWeight::Signed } else { EventWeight::Events };
        let graph = events.to_graph_with(&gaz, &options, weight);
        graph_files(&args.output).write(&graph, &gaz, &mut dir, "")?;
        crate::output::publish_graphs(dir, quiet)?;
        if !quiet {
            eprintln!(
                "actorgraph: {count} partials, {documents} documents{undated}, {} events, {} \
                 nodes, {} directed edges written to {}",
                events.event_count(),
                graph.node_count(),
                graph.edge_count(),
                args.output.out.display()
            );
        }
        return Ok(events.event_count() > 0);
    }
    let mut graph = counts.to_graph_with(&gaz, &args.output.filter.options(&gaz, false, warn)?);
    add_measures(&mut graph, &args.output);
    let communities = measures_summary(&graph, &args.output, quiet);
    graph_files(&args.output).write(&graph, &gaz, &mut dir, "")?;
    crate::output::publish_graphs(dir, quiet)?;
    if !quiet {
        eprintln!(
            "actorgraph: {count} partials, {documents} documents{undated}, {} nodes, {} edges{} \
             written to {}{}",
            graph.node_count(),
            graph.edge_count(),
            communities,
            args.output.out.display(),
            crate::filter::removed(&counts, &graph)
        );
    }
    Ok(graph.node_count() > 0)
}

fn eval(args: EvalArgs) -> Result<bool> {
    let dir = eval_dir(args.dir.as_deref())?;
    if args.corpus.is_none()
        && dir.join("mentions.tsv").is_file()
        && !dir.join("pairs.tsv").exists()
    {
        let msg = format!(
            "{} holds stand-off annotations (mentions.tsv): give the JSONL corpus of their texts \
             with --corpus (see its README.md)",
            dir.display()
        );
        return Err(io::Error::new(io::ErrorKind::InvalidInput, msg).into());
    }
    let gaz = load_gazetteer(&args.gazetteers, args.no_default_gazetteer, false)?;
    let matcher = Matcher::new(&gaz)?;
    let discoverer = (!args.no_discover).then(|| Discoverer::for_gazetteer(&gaz));
    let evaluator = Evaluator::new(&gaz, &matcher).discoverer(discoverer.as_ref()).date(args.date);
    let extractor = crate::events::extractor(&args.events, false)?;
    if let Some(corpus) = &args.corpus {
        let set = StandoffSet::read(&dir, corpus, &gaz)?;
        let mut out = io::stdout().lock();
        for part in set.parts() {
            let (docs, pairs) = set.part(part).expect("a part the set lists");
            let scores = evaluator.score(docs, pairs)?;
            let held = if part == "test" { ", held back: scored only to report" } else { "" };
            writeln!(out, "part {part}{held}")?;
            let errors = args.errors && part != "test";
            write_scores(&mut out, docs, &scores, errors)?;
            if let Some(gold) = set.events(part) {
                write_events(&mut out, &evaluator.score_events(docs, gold, &extractor), errors)?;
            }
            writeln!(out)?;
        }
        return Ok(true);
    }
    let (docs, pairs) = actorgraph::read_annotated_dir(&dir)?;
    let scores = evaluator.score(&docs, &pairs)?;
    let mut out = io::stdout().lock();
    write_scores(&mut out, &docs, &scores, args.errors)?;
    if let Some(gold) = actorgraph::read_annotated_events(&dir, &docs)? {
        write_events(&mut out, &evaluator.score_events(&docs, &gold, &extractor), args.errors)?;
    }
    Ok(true)
}

fn write_events(
    out: &mut impl Write,
    scores: &actorgraph::EventScores,
    errors: bool,
) -> io::Result<()> {
    write!(out, "{scores}")?;
    if errors {
        for error in &scores.errors {
            writeln!(out, "{error}")?;
        }
    }
    Ok(())
}

/// The directory `eval` scores: the one given, else data/eval in the current directory, else
/// in the source tree this binary was built from (so an installed actorgraph finds it while
/// that clone exists); else an error that says how to give it.
fn eval_dir(dir: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = dir {
        return Ok(dir.to_path_buf());
    }
    let here = Path::new("data/eval");
    if here.is_dir() {
        return Ok(here.to_path_buf());
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval");
    if built.is_dir() {
        eprintln!("actorgraph: note: no data/eval here: scoring {}", built.display());
        return Ok(built);
    }
    let msg = format!(
        "no evaluation set: data/eval is neither in the current directory nor in {} (the \
         source tree actorgraph was built from); run it in a clone of the repository, or give \
         the directory: actorgraph eval PATH/TO/data/eval",
        built.display()
    );
    Err(io::Error::new(io::ErrorKind::NotFound, msg).into())
}

fn write_scores(
    out: &mut impl Write,
    docs: &[GoldDocument],
    scores: &actorgraph::Scores,
    errors: bool,
) -> io::Result<()> {
    let marked = docs.iter().map(|d| d.mentions.len()).sum::<usize>();
    writeln!(out, "{} articles, {marked} marked mentions", docs.len())?;
    write!(out, "{scores}")?;
    if errors {
        for error in &scores.errors {
            writeln!(out, "{error}")?;
        }
    }
    Ok(())
}

/// Runs `gazetteer suggest`.
pub(crate) fn suggest(args: SuggestArgs) -> Result<bool> {
    let mut common = args.common;
    common.no_discover = false;
    let file = file_arg(&args.output).map(create_file).transpose()?;
    let mut pipeline = build(&builder(&common), &common)?;
    let mut report = Reporter::new(&common);
    let mut suggestions = Suggestions::new();
    let totals = pipeline.run(&common.inputs, |event| {
        if let Event::Document { doc, gaz } = &event {
            suggestions.add(gaz, doc);
        }
        report.event(&event);
        Ok(())
    })?;
    report.done();
    let rows = suggestions.entries(pipeline.gazetteer(), args.min_mentions);
    let comments = [
        "Actors proposed by `actorgraph gazetteer suggest`: review each row before use.",
        "Most mentioned first; the note says how often each was seen.",
    ];
    match file {
        Some(mut file) => {
            write_tsv(&rows, &comments, &mut file)?;
            file.commit()?;
        }
        None => write_tsv(&rows, &comments, io::stdout().lock())?,
    }
    report.summary(&totals, &format!(", {} actors proposed", rows.len()));
    Ok(!rows.is_empty())
}
