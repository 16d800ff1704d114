//! The options shared by the corpus commands turned into the library's `PipelineBuilder`, and
//! the printing of what a run reports: notices, progress and the summary line.

use std::path::PathBuf;

use actorgraph::{
    Engine, Event, Gazetteer, InputFormat, JsonlOptions, MatcherBuilder, Notice, Pipeline,
    PipelineBuilder, Result, Segmenter, Totals,
};

use crate::args::{CommonArgs, EngineArg, InputFormatArg};
use crate::progress::Progress;

/// The library's configuration for the options of `args`.
pub(crate) fn builder(args: &CommonArgs) -> PipelineBuilder {
    let mut matcher = MatcherBuilder::new();
    matcher
        .adjectives(args.include_adjectival || !args.no_adjectives)
        .name_parts(!args.no_name_parts)
        .surnames(!args.no_surnames)
        .roles(!args.no_roles)
        .engine(match args.engine {
            EngineArg::Auto => Engine::Auto,
            EngineArg::AhoCorasick => Engine::AhoCorasick,
            EngineArg::Trie => Engine::Trie,
        });
    let mut segmenter = Segmenter::new();
    segmenter.join_broken_paragraphs(!args.no_join_breaks);
    let mut builder = gazetteers(&args.gazetteers, args.no_default_gazetteer);
    builder
        .gazetteer_cache(args.gazetteer_cache.as_ref())
        .temp_files(crate::output::temps())
        .matcher(matcher)
        .segmenter(segmenter)
        .discover(!args.no_discover)
        .corpus(corpus(args))
        .default_date(args.date)
        .threads(args.threads.unwrap_or(0))
        .skip_bad_records(args.skip_bad_records);
    builder
}

/// A builder with the gazetteer layers of `--gazetteer` and `--no-default-gazetteer`.
fn gazetteers(paths: &[PathBuf], no_default: bool) -> PipelineBuilder {
    let mut builder = PipelineBuilder::new();
    builder.builtin_gazetteer(!no_default);
    for path in paths {
        builder.gazetteer(path);
    }
    builder
}

fn corpus(args: &CommonArgs) -> actorgraph::Corpus {
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
    let mut corpus = actorgraph::Corpus::new();
    corpus
        .format(format)
        .jsonl(jsonl)
        .max_document_bytes(args.max_document_bytes)
        .date_sources(args.date_source.clone());
    corpus
}

/// Builds the pipeline and prints what building said, unless `--quiet`: warnings one by one,
/// notes one by one with `--verbose`, else summarised by [`print_notices`].
pub(crate) fn build(builder: &PipelineBuilder, args: &CommonArgs) -> Result<Pipeline> {
    let pipeline = builder.build()?;
    if !args.quiet {
        print_notices(pipeline.notices(), args.verbose);
    }
    Ok(pipeline)
}

/// How many notes of one kind are printed one by one before they are summarised (and how
/// many findings of one kind `gazetteer check` lists).
pub(crate) const NOTES_LISTED: usize = 5;

/// Whether `count` notes (or findings) of one kind are summarised rather than all listed:
/// there are more than [`NOTES_LISTED`] and `verbose` is off.
pub(crate) fn summarised(count: usize, verbose: bool) -> bool {
    !verbose && count > NOTES_LISTED
}

/// Prints notices in order, except that a kind of note given more than [`NOTES_LISTED`]
/// times (unless `verbose`) is printed as one line: its count, the first one and how to see
/// them all. Warnings are always printed one by one.
fn print_notices(notices: &[Notice], verbose: bool) {
    let kind = |n: &Notice| match n {
        Notice::KeptName(_) => Some(NoteKind::KeptName),
        Notice::Gazetteer(_) => Some(NoteKind::Gazetteer),
        _ => None,
    };
    // Counted once, so that thousands of notes cost a pass, not a pass each.
    let (mut kept, mut other) = (0, 0);
    for notice in notices {
        match kind(notice) {
            Some(NoteKind::KeptName) => kept += 1,
            Some(NoteKind::Gazetteer) => other += 1,
            None => {}
        }
    }
    let count = |k: NoteKind| match k {
        NoteKind::KeptName => kept,
        NoteKind::Gazetteer => other,
    };
    let summarised = |k: NoteKind| summarised(count(k), verbose);
    let mut done = Vec::new();
    for notice in notices {
        match kind(notice) {
            Some(k) if summarised(k) => {
                if !done.contains(&k) {
                    done.push(k);
                    eprintln!("actorgraph: note: {} {}", count(k), k.summary(notice));
                }
            }
            _ => print_notice(notice),
        }
    }
}

/// The kinds of notes that are summarised when there are many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NoteKind {
    KeptName,
    Gazetteer,
}

impl NoteKind {
    /// The summary line after the count, naming the first note.
    fn summary(self, first: &Notice) -> String {
        let what = match self {
            NoteKind::KeptName => {
                "names of a stacked gazetteer stay with the built-in entity that has them"
            }
            NoteKind::Gazetteer => "notes on the gazetteer files",
        };
        format!("{what} (the first: {first}); --verbose lists them all")
    }
}

/// Loads the gazetteer layers alone, and prints their notices unless `quiet`.
pub(crate) fn load_gazetteer(
    paths: &[PathBuf],
    no_default: bool,
    quiet: bool,
) -> Result<Gazetteer> {
    let gaz = gazetteers(paths, no_default).build_gazetteer()?;
    if !quiet {
        for notice in gaz.notices() {
            eprintln!("actorgraph: note: {notice}");
        }
    }
    Ok(gaz)
}

/// Prints a notice: a gazetteer's as a note, the others as warnings.
fn print_notice(notice: &Notice) {
    let what = if notice.is_warning() { "warning" } else { "note" };
    eprintln!("actorgraph: {what}: {notice}");
}

/// Prints what a run reports, unless `--quiet`: notices, and the progress line on a terminal.
pub(crate) struct Reporter {
    quiet: bool,
    progress: Progress,
}

impl Reporter {
    pub(crate) fn new(args: &CommonArgs) -> Reporter {
        Reporter { quiet: args.quiet, progress: Progress::new(!args.quiet, &args.inputs) }
    }

    /// Prints a notice or updates the progress line; a document is the caller's.
    pub(crate) fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Notice(notice) if !self.quiet => print_notice(notice),
            Event::Progress(totals) => self.progress.update(totals.documents, totals.bytes),
            _ => {}
        }
    }

    /// Prints a warning of the command's own.
    pub(crate) fn warn(&self, msg: &str) {
        if !self.quiet {
            eprintln!("actorgraph: warning: {msg}");
        }
    }

    /// Clears the progress line, at the end of the run.
    pub(crate) fn done(&mut self) {
        self.progress.finish();
    }

    /// Prints the summary: documents, mentions, what was skipped or undated, then `what`.
    pub(crate) fn summary(&self, totals: &Totals, what: &str) {
        if self.quiet {
            return;
        }
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

/// Reports the documents without a date, for the summary.
fn undated(totals: &Totals) -> String {
    match totals.undated {
        0 => String::new(),
        n if n == totals.documents => ", none with a date (so no time slicing)".to_string(),
        n => format!(", {n} without a date"),
    }
}
