//! `actorgraph events`: the corpus through the pipeline, each document's mentions through the
//! event extractor, one row per event.

use std::io::{self, Write};

use actorgraph::{
    EventDictionary, EventExtractor, EventRecord, EventWriter, MentionFormat, Pipeline, Result,
    Totals,
};

use crate::app::csv_cells;
use crate::args::{EventsArgs, MentionFormatArg};
use crate::output::{create_file, file_arg};
use crate::pipeline::{Reporter, build, builder};

/// Runs `events`. Returns whether any event was written.
pub(crate) fn run(args: EventsArgs) -> Result<bool> {
    // The output and the dictionaries are checked before any input is read.
    let file = file_arg(&args.output).map(create_file).transpose()?;
    let extractor = extractor(&args)?;
    let mut pipeline = build(&builder(&args.common), args.common.quiet)?;
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

/// The extractor over the built-in dictionary (unless `--no-default-events`) and `--events`.
fn extractor(args: &EventsArgs) -> Result<EventExtractor> {
    let mut dictionary = EventDictionary::builder();
    if !args.no_default_events {
        dictionary.add_builtin();
    }
    for path in &args.dictionaries {
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
