//! `graph --slice month|year`: one graph per period in OUT/PERIOD/, and one dynamic GEXF in
//! OUT/ whose timeline in Gephi plays the periods.

use std::io;
use std::path::Path;

use actorgraph::{CooccurrenceBuilder, OutputDir, Result, Slice, TimeSlices, write_dynamic_gexf};

use crate::app::{add_measures, write_formats};
use crate::args::{GraphArgs, SliceArg};
use crate::output::stale_graph_files;
use crate::pipeline::Pipeline;

/// Counts each period apart and writes the period graphs and the dynamic GEXF.
pub(crate) fn graph(
    args: &GraphArgs,
    pipeline: &mut Pipeline,
    config: &CooccurrenceBuilder,
    slice: SliceArg,
    mut dir: OutputDir,
) -> Result<bool> {
    let (slice, name, dated) = match slice {
        SliceArg::Month => (Slice::Month, "month", "a date with a month"),
        SliceArg::Year => (Slice::Year, "year", "a date"),
    };
    let mut slices = TimeSlices::new(slice, config);
    let totals = pipeline.run(&args.common, |_, item| {
        slices.add_document(&item.mentions, &item.segments, item.date);
        Ok(())
    })?;
    let periods: Vec<String> = slices.periods().map(|(p, _)| p.to_string()).collect();
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
        let msg = format!(
            "--slice {name}: no document has {dated} ({} read), so there is no period to write",
            totals.documents
        );
        return Err(io::Error::other(msg).into());
    };
    let out = &args.output.out;
    let options = args.output.filter.options(&pipeline.gaz, true, |msg| pipeline.warn(msg))?;
    for (period, counts) in slices.periods() {
        let mut graph = counts.to_graph_with(&pipeline.gaz, &options);
        add_measures(&mut graph, &args.output, true);
        let sub = period.to_string();
        write_formats(&pipeline.gaz, &graph, &args.output, &mut dir, Path::new(&sub))?;
    }
    let mut file = dir.file("graph.gexf")?;
    write_dynamic_gexf(
        &slices,
        &slices.to_graph_with(&pipeline.gaz, &options),
        &pipeline.gaz,
        &mut file,
    )?;
    file.commit()?;
    dir.publish(stale_graph_files(out))?;
    let left_out = match slices.left_out() {
        0 => String::new(),
        n => format!(" ({n} documents without {dated} left out)"),
    };
    let what = format!(
        ", {} periods from {first} to {last} written to {}{left_out}",
        periods.len(),
        out.display()
    );
    pipeline.summary(&totals, &what);
    Ok(totals.mentions > 0)
}
