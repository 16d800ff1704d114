//! `graph --attribute`, `--split-by` and `--two-mode`: what they cannot be combined with, the
//! run of `--split-by` (one graph per value in OUT/VALUE/), and the summary's note on the
//! documents without a field.

use std::io;

use actorgraph::{Cooccurrence, OutputDir, Pipeline, Result, Totals, TwoModeNode};

use crate::app::graph_files;
use crate::args::{GraphArgs, GraphFormatArg, MergeArgs, NO_METADATA, RelationArg};
use crate::filter::WeightArg;
use crate::pipeline::Reporter;

fn refuse(msg: String) -> Result<()> {
    Err(io::Error::new(io::ErrorKind::InvalidInput, msg).into())
}

/// The metadata flag given, by name, for messages.
fn flag(args: &GraphArgs) -> Option<&'static str> {
    let meta = &args.metadata;
    if !meta.attributes.is_empty() {
        Some("--attribute")
    } else if meta.split_by.is_some() {
        Some("--split-by")
    } else if meta.two_mode.is_some() {
        Some("--two-mode")
    } else {
        None
    }
}

/// Refuses the combinations of the metadata flags that are not supported, before any input is
/// read.
pub(crate) fn check(args: &GraphArgs) -> Result<()> {
    let Some(flag) = flag(args) else { return Ok(()) };
    let meta = &args.metadata;
    let mut names = meta.attributes.iter().chain(&meta.split_by).chain(&meta.two_mode);
    if names.any(|f| f.is_empty()) {
        return refuse(format!("{flag}: a field name is empty"));
    }
    if args.partial {
        return refuse(format!("{flag}: {NO_METADATA}"));
    }
    if args.relations.relations == RelationArg::Events {
        return refuse(format!(
            "{flag} applies to the co-occurrence graph, not to --relations events"
        ));
    }
    let split = meta.split_by.is_some();
    if split && args.slice.is_some() {
        return refuse(
            "--split-by cannot be combined with --slice yet: run one of them, or \
                       --slice with --attribute (each period's graph then counts the values)"
                .to_string(),
        );
    }
    if args.evidence.evidence && (split || meta.two_mode.is_some()) {
        let which = if split { "--split-by" } else { "--two-mode" };
        return refuse(format!(
            "--evidence cannot be combined with {which} yet: run `graph --evidence` without it \
             (--attribute works with --evidence)"
        ));
    }
    if let Some(field) = &meta.two_mode {
        check_two_mode(args, field)?;
    }
    Ok(())
}

/// Refuses what `--two-mode` does not take: other metadata flags, --slice, the formats without
/// a two-mode form and the filters but --kinds, --exclude and --drop-isolated.
fn check_two_mode(args: &GraphArgs, field: &str) -> Result<()> {
    let meta = &args.metadata;
    if !meta.attributes.is_empty() || meta.split_by.is_some() || args.slice.is_some() {
        return refuse(format!(
            "--two-mode {field} cannot be combined with --attribute, --split-by or --slice yet"
        ));
    }
    let formats = &args.output.format;
    if let Some(format) =
        formats.iter().find(|f| matches!(f, GraphFormatArg::Html | GraphFormatArg::GeoJson))
    {
        let name = format!("{format:?}").to_lowercase();
        return refuse(format!(
            "--two-mode writes csv, gexf, graphml, json and dot, not {name}: leave it out of \
             --format"
        ));
    }
    let f = &args.output.filter;
    let thresholds = f.weight != WeightArg::Windows
        || f.min_weight.is_some()
        || f.min_docs.is_some()
        || f.backbone.is_some()
        || f.top_nodes.is_some()
        || f.top_edges.is_some();
    if thresholds {
        return refuse(
            "--two-mode takes the filters --kinds, --exclude and --drop-isolated only (its \
             edges are weighted by documents)"
                .to_string(),
        );
    }
    Ok(())
}

/// Counts the two-mode network of `--two-mode FIELD` and writes it.
pub(crate) fn two_mode(
    args: &GraphArgs,
    pipeline: &mut Pipeline,
    report: &mut Reporter,
    field: &str,
    mut dir: OutputDir,
) -> Result<bool> {
    let counted = pipeline.count_two_mode(&args.common.inputs, field, |event| {
        report.event(&event);
        Ok(())
    })?;
    report.done();
    let (counts, totals) = (&counted.counts, &counted.totals);
    if counts.left_out() == totals.documents && totals.documents > 0 {
        return Err(no_document("--two-mode", field, totals, "network"));
    }
    let gaz = pipeline.gazetteer();
    let options = args.output.filter.options(gaz, true, |msg| report.warn(msg))?;
    let graph = counts.to_graph_with(gaz, &options);
    graph_files(&args.output).write_two_mode(&graph, gaz, &mut dir, "")?;
    crate::output::publish_graphs(dir, args.common.quiet)?;
    let actors = graph.nodes().filter(|n| matches!(n, TwoModeNode::Actor { .. })).count();
    let left_out = left_out(counts.left_out(), field);
    let what = format!(
        ", two-mode network of {actors} actors and {} {field} values, {} edges, written to {}{left_out}",
        graph.node_count() - actors,
        graph.edge_count(),
        args.output.out.display()
    );
    report.summary(totals, &what);
    Ok(totals.mentions > 0)
}

/// Refuses the metadata flags given to `merge`: a partial result has no metadata counts.
pub(crate) fn check_merge(args: &MergeArgs) -> Result<()> {
    let flag = if !args.attributes.is_empty() {
        "--attribute"
    } else if args.split_by.is_some() {
        "--split-by"
    } else if args.two_mode.is_some() {
        "--two-mode"
    } else {
        return Ok(());
    };
    refuse(format!("{flag}: {NO_METADATA}"))
}

/// Warns about each `--attribute` field that no document had, and returns the summary's note
/// on the documents without a field, such as " (3 documents without party)".
pub(crate) fn missing(counts: &Cooccurrence, totals: &Totals, report: &Reporter) -> String {
    let Some(fields) = counts.fields() else { return String::new() };
    let mut notes = Vec::new();
    for field in fields.fields() {
        match fields.missing(field) {
            0 => {}
            n if n == totals.documents => {
                report.warn(&format!(
                    "--attribute {field}: no document has this field (the id, text and date \
                     fields are not metadata)"
                ));
            }
            n => notes.push(format!("{n} documents without {field}")),
        }
    }
    if notes.is_empty() { String::new() } else { format!(" ({})", notes.join(", ")) }
}

/// Counts each value of `--split-by FIELD` apart and writes one graph per value.
pub(crate) fn split(
    args: &GraphArgs,
    pipeline: &mut Pipeline,
    report: &mut Reporter,
    field: &str,
    mut dir: OutputDir,
) -> Result<bool> {
    let split = pipeline.count_splits(&args.common.inputs, field, |event| {
        report.event(&event);
        Ok(())
    })?;
    report.done();
    let (splits, totals) = (&split.splits, &split.totals);
    if splits.values().next().is_none() {
        return Err(no_document("--split-by", field, totals, "graph"));
    }
    let gaz = pipeline.gazetteer();
    let options = args.output.filter.options(gaz, true, |msg| report.warn(msg))?;
    let folders = pipeline.write_splits(splits, &options, &graph_files(&args.output), &mut dir)?;
    crate::output::publish_graphs(dir, args.common.quiet)?;
    let left_out = left_out(splits.left_out(), field);
    let what = format!(
        ", {} graphs by {field} written to {}{left_out}",
        folders.len(),
        args.output.out.display()
    );
    report.summary(totals, &what);
    Ok(totals.mentions > 0)
}

/// The error for a `--split-by` or `--two-mode` field that no document has.
fn no_document(flag: &str, field: &str, totals: &Totals, what: &str) -> actorgraph::Error {
    let read = totals.documents;
    let msg = format!(
        "{flag} {field}: no document has this field ({read} read), so there is no {what} to write"
    );
    io::Error::other(msg).into()
}

/// The summary's note on the documents left out for want of `field`, if any.
fn left_out(n: u64, field: &str) -> String {
    match n {
        0 => String::new(),
        n => format!(" ({n} documents without {field} left out)"),
    }
}
