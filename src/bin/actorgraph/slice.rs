//! `graph --slice month|year`: one graph per period in OUT/PERIOD/, and one dynamic GEXF in
//! OUT/ whose timeline in Gephi plays the periods.

use std::io;

use actorgraph::{OutputDir, Pipeline, Result, Slice};

use crate::app::graph_files;
use crate::args::{GraphArgs, SliceArg};
use crate::pipeline::Reporter;

/// Counts each period apart and writes the period graphs and the dynamic GEXF.
pub(crate) fn graph(
    args: &GraphArgs,
    pipeline: &mut Pipeline,
    report: &mut Reporter,
    slice: SliceArg,
    mut dir: OutputDir,
) -> Result<bool> {
    let (slice, name, dated) = match slice {
        SliceArg::Month => (Slice::Month, "month", "a date with a month"),
        SliceArg::Year => (Slice::Year, "year", "a date"),
    };
    let sliced = pipeline.count_slices(&args.common.inputs, slice, |event| {
        report.event(&event);
        Ok(())
    })?;
    report.done();
    let (slices, totals) = (&sliced.slices, &sliced.totals);
    let periods: Vec<String> = slices.periods().map(|(p, _)| p.to_string()).collect();
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
        let msg = format!(
            "--slice {name}: no document has {dated} ({} read), so there is no period to write",
            totals.documents
        );
        return Err(io::Error::other(msg).into());
    };
    let out = &args.output.out;
    let gaz = pipeline.gazetteer();
    let options = args.output.filter.options(gaz, true, |msg| report.warn(msg))?;
    pipeline.write_slices(slices, &options, &graph_files(&args.output), &mut dir)?;
    crate::output::publish_graphs(dir, args.common.quiet)?;
    let left_out = match slices.left_out() {
        0 => String::new(),
        n => format!(" ({n} documents without {dated} left out)"),
    };
    let what = format!(
        ", {} periods from {first} to {last} written to {}{left_out}",
        periods.len(),
        out.display()
    );
    report.summary(totals, &what);
    Ok(totals.mentions > 0)
}
