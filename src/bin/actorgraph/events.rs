//! `actorgraph events`: the corpus through the pipeline, each document's mentions through the
//! event extractor, one row per event.

use std::io::{self, Write};
use std::path::PathBuf;

use actorgraph::{
    Counted, EventDictionary, EventExtractor, EventRecord, EventWeight, EventWriter, MentionFormat,
    OutputDir, PetrarchImporter, Pipeline, Result, Totals,
};

use crate::app::csv_cells;
use crate::args::{
    EventsArgs, EventsCommand, GraphArgs, MentionFormatArg, RelationArg, VerbImportArgs,
};
use crate::filter::{FilterArgs, WeightArg};
use crate::output::{create_file, file_arg};
use crate::pipeline::{Reporter, build, builder};

/// Runs `events`. Returns whether any event was written (or, for `events import`, any row).
pub(crate) fn run(args: EventsArgs) -> Result<bool> {
    if let Some(EventsCommand::Import(import)) = &args.command {
        return import_verbs(import);
    }
    // The output and the dictionaries are checked before any input is read.
    let file = file_arg(&args.output).map(create_file).transpose()?;
    let extractor = extractor(&args.dictionaries, args.no_default_events)?;
    let mut pipeline = build(&builder(&args.common), &args.common)?;
    let mut report = Reporter::new(&args.common);
    let (totals, events) = match file {
        Some(mut file) => {
            let counts = write_events(&mut pipeline, &extractor, &args, &mut report, &mut file)?;
            file.commit()?;
            counts
        }
        None => {
            let out = io::stdout().lock();
            write_events(&mut pipeline, &extractor, &args, &mut report, out)?
        }
    };
    report.summary(&totals, &format!(", {events} events"));
    Ok(events > 0)
}

/// Runs `events import`: the converted dictionary to the output, the counts to standard error.
fn import_verbs(args: &VerbImportArgs) -> Result<bool> {
    let file = file_arg(&args.output).map(create_file).transpose()?;
    let import = PetrarchImporter::new().import_path(&args.file)?;
    match file {
        Some(mut file) => {
            import.write_tsv(&mut file)?;
            file.commit()?;
        }
        None => import.write_tsv(io::stdout().lock())?,
    }
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "actorgraph: converted {} rows with {} forms from {}",
        import.rows().len(),
        import.form_count(),
        args.file.display()
    );
    for (reason, n) in import.skipped() {
        let _ = writeln!(err, "actorgraph: left out {n} {reason}");
    }
    Ok(!import.rows().is_empty())
}

/// The extractor over the built-in dictionary (unless `--no-default-events`) and `--events`.
pub(crate) fn extractor(paths: &[PathBuf], no_default: bool) -> Result<EventExtractor> {
    let mut dictionary = EventDictionary::builder();
    if !no_default {
        dictionary.add_builtin();
    }
    for path in paths {
        dictionary.add_path(path)?;
    }
    EventExtractor::new(&dictionary.build())
}

fn write_events<W: Write>(
    pipeline: &mut Pipeline,
    extractor: &EventExtractor,
    args: &EventsArgs,
    report: &mut Reporter,
    out: W,
) -> Result<(Totals, u64)> {
    let format = match args.format {
        MentionFormatArg::Csv => MentionFormat::Csv,
        MentionFormatArg::Jsonl => MentionFormat::Jsonl,
    };
    let mut wtr = EventWriter::new(format, out);
    wtr.cells(csv_cells(args.raw_csv));
    let mut events = Vec::new();
    let totals = pipeline.run(&args.common.inputs, |event| {
        if let actorgraph::Event::Document { doc, gaz } = &event {
            let text = doc.document().text();
            events.clear();
            extractor.extract_into(text, doc.mentions(), doc.segments().sentences(), &mut events);
            for coded in &events {
                let id = doc.document().id();
                let segments = doc.segments();
                let record = EventRecord::new(id, doc.date_text(), text, segments, gaz, coded);
                wtr.write(&record)?;
            }
        }
        report.event(&event);
        Ok(())
    })?;
    report.done();
    let written = wtr.written();
    wtr.finish()?;
    Ok((totals, written))
}

/// Refuses the options of `graph --relations events` that make no sense for events, and
/// those options without `--relations events`.
pub(crate) fn check_relations(args: &GraphArgs) -> Result<()> {
    let rel = &args.relations;
    let filter = &args.output.filter;
    let refuse = |msg: &str| -> Result<()> {
        Err(io::Error::new(io::ErrorKind::InvalidInput, msg.to_string()).into())
    };
    if rel.relations == RelationArg::Cooccurrence {
        let events_only = rel.signed
            || rel.include_unasserted
            || rel.no_default_events
            || !rel.dictionaries.is_empty();
        if events_only {
            return refuse(
                "--signed, --include-unasserted, --events and --no-default-events need \
                 --relations events",
            );
        }
        return Ok(());
    }
    if args.slice.is_some() {
        return refuse("--relations events cannot be combined with --slice yet");
    }
    refuse_cooccurrence_filters(filter)
}

/// Refuses the filters that only a co-occurrence graph has, for an event graph (of `graph
/// --relations events` or of `merge` over partials with events).
pub(crate) fn refuse_cooccurrence_filters(filter: &FilterArgs) -> Result<()> {
    let refuse = |msg: &str| -> Result<()> {
        Err(io::Error::new(io::ErrorKind::InvalidInput, msg.to_string()).into())
    };
    if filter.weight != WeightArg::Windows {
        return refuse(
            "--weight is for co-occurrence: an event graph is weighted by events, or by \
             cooperation minus conflict with --signed",
        );
    }
    if filter.backbone.is_some() || filter.top_nodes.is_some() {
        return refuse("--backbone and --top-nodes are for co-occurrence, not --relations events");
    }
    Ok(())
}

/// Runs `graph --relations events` once the corpus is counted: the directed graph of the
/// events, filtered, in every format.
pub(crate) fn write_graph(
    args: &GraphArgs,
    pipeline: &Pipeline,
    counted: &Counted,
    report: &Reporter,
    mut dir: OutputDir,
) -> Result<bool> {
    let gaz = pipeline.gazetteer();
    let options = args.output.filter.options(gaz, true, |m| report.warn(m))?;
    let weight = if args.relations.signed { EventWeight::Signed } else { EventWeight::Events };
    let graph = counted.events.to_graph_with(gaz, &options, weight);
    crate::app::graph_files(&args.output).write(&graph, gaz, &mut dir, "")?;
    crate::output::publish_graphs(dir, args.common.quiet)?;
    let left_out = match counted.events.left_out() {
        0 => String::new(),
        n => format!(", {n} negated or modal left out"),
    };
    let what = format!(
        ", {} events{}, {} nodes, {} directed edges written to {}",
        counted.events.event_count(),
        left_out,
        graph.node_count(),
        graph.edge_count(),
        args.output.out.display()
    );
    report.summary(&counted.totals, &what);
    Ok(counted.events.event_count() > 0)
}
