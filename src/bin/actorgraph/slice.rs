//! `graph --slice month|year`: one graph per period in OUT/PERIOD/, and one dynamic GEXF in
//! OUT/ whose timeline in Gephi plays the periods.

use std::fs;
use std::io;

use actorgraph::{CooccurrenceBuilder, Result, Slice, TimeSlices, write_dynamic_gexf};

use crate::app::{add_measures, write_formats};
use crate::args::{GraphArgs, SliceArg};
use crate::output::{AtomicFile, io_at};
use crate::pipeline::Pipeline;

/// Counts each period apart and writes the period graphs and the dynamic GEXF.
pub(crate) fn graph(
    args: &GraphArgs,
    pipeline: &mut Pipeline,
    config: &CooccurrenceBuilder,
    slice: SliceArg,
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
        let dir = out.join(period.to_string());
        let mut graph = counts.to_graph_with(&pipeline.gaz, &options);
        add_measures(&mut graph, &args.output, true);
        write_formats(&pipeline.gaz, &graph, &args.output, &dir)?;
    }
    fs::create_dir_all(out).map_err(|err| io_at(out, err))?;
    let mut file = AtomicFile::create(&out.join("graph.gexf"))?;
    write_dynamic_gexf(
        &slices,
        &slices.to_graph_with(&pipeline.gaz, &options),
        &pipeline.gaz,
        &mut file,
    )?;
    file.commit()?;
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
