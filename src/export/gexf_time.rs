//! Time in GEXF: what makes Gephi's timeline play the network.
//!
//! A graph with dates is written with `mode="dynamic"` and `timeformat="date"`. In a plain
//! graph each node and edge lives from the first day of its first-seen date to the last day
//! of its last-seen date (`start` and `end`, inclusive, as GEXF 1.3 reads them). In a sliced
//! graph each lives in one `<spell>` per period in which it appears, and carries its
//! per-period count as a dynamic attribute (`mentions_period` for nodes, `weight_period` for
//! edges), so the timeline shows each period's graph and sizes.

use std::io::Write;

use super::view::GraphRef;
use super::xml_escape;
use crate::cooccur::TimeSlices;
use crate::corpus::Date;
use crate::error::Result;
use crate::gazetteer::EntityId;

/// What a GEXF file says about time.
#[derive(Clone, Copy, Debug)]
pub(super) enum Time<'a> {
    /// No dates: a static graph.
    Static,
    /// Each element lives from its first-seen to its last-seen date.
    Seen,
    /// Each element lives in the periods in which it appears.
    Periods(&'a TimeSlices),
}

impl Time<'_> {
    /// Returns [`Time::Seen`] if any node of the graph has a date, else [`Time::Static`].
    pub(super) fn of(graph: GraphRef<'_>) -> Time<'static> {
        if graph.nodes().any(|n| n.first_seen().is_some()) { Time::Seen } else { Time::Static }
    }

    /// The attributes of the `<graph>` element that say how time is written.
    pub(super) fn graph_mode(self) -> &'static str {
        match self {
            Time::Static => r#"mode="static""#,
            Time::Seen | Time::Periods(_) => r#"mode="dynamic" timeformat="date""#,
        }
    }

    /// Declares the dynamic attribute of `class` (`node` or `edge`), if there is one.
    pub(super) fn write_attributes<W: Write>(self, wtr: &mut W, class: &str) -> Result<()> {
        if let Time::Periods(_) = self {
            let name = if class == "node" { "mentions_period" } else { "weight_period" };
            writeln!(wtr, r#"    <attributes class="{class}" mode="dynamic">"#)?;
            writeln!(wtr, r#"      <attribute id="{name}" title="{name}" type="long"/>"#)?;
            writeln!(wtr, "    </attributes>")?;
        }
        Ok(())
    }

    /// The ` start=".." end=".."` of a node's or edge's element, or nothing.
    pub(super) fn interval(self, first: Option<Date>, last: Option<Date>) -> String {
        match (self, first, last) {
            (Time::Seen, Some(first), Some(last)) => {
                format!(r#" start="{}" end="{}""#, first.first_day(), last.last_day())
            }
            _ => String::new(),
        }
    }

    /// The periods of a node, with its mentions in each; empty unless sliced.
    fn node_periods(self, node: EntityId) -> Vec<(Date, u64)> {
        match self {
            Time::Periods(slices) => {
                slices.node_periods(node).map(|(p, c)| (p, c.mentions)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The periods of an edge, with its weight in each; empty unless sliced.
    fn edge_periods(self, a: EntityId, b: EntityId) -> Vec<(Date, u64)> {
        match self {
            Time::Periods(slices) => {
                slices.edge_periods(a, b).map(|(p, c)| (p, c.weight)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Writes a node's dynamic `<attvalue>`s (inside `<attvalues>`).
    pub(super) fn write_node_values<W: Write>(self, wtr: &mut W, node: EntityId) -> Result<()> {
        write_values(wtr, "mentions_period", &self.node_periods(node))
    }

    /// Writes an edge's dynamic `<attvalue>`s (inside `<attvalues>`).
    pub(super) fn write_edge_values<W: Write>(
        self,
        wtr: &mut W,
        a: EntityId,
        b: EntityId,
    ) -> Result<()> {
        write_values(wtr, "weight_period", &self.edge_periods(a, b))
    }

    /// Writes a node's `<spells>`, if sliced.
    pub(super) fn write_node_spells<W: Write>(self, wtr: &mut W, node: EntityId) -> Result<()> {
        write_spells(wtr, &self.node_periods(node))
    }

    /// Writes an edge's `<spells>`, if sliced.
    pub(super) fn write_edge_spells<W: Write>(
        self,
        wtr: &mut W,
        a: EntityId,
        b: EntityId,
    ) -> Result<()> {
        write_spells(wtr, &self.edge_periods(a, b))
    }
}

fn write_values<W: Write>(wtr: &mut W, name: &str, periods: &[(Date, u64)]) -> Result<()> {
    for (period, n) in periods {
        let (start, end) = (period.first_day(), period.last_day());
        writeln!(
            wtr,
            r#"          <attvalue for="{}" value="{n}" start="{start}" end="{end}"/>"#,
            xml_escape(name)
        )?;
    }
    Ok(())
}

fn write_spells<W: Write>(wtr: &mut W, periods: &[(Date, u64)]) -> Result<()> {
    if periods.is_empty() {
        return Ok(());
    }
    writeln!(wtr, "        <spells>")?;
    for (period, _) in periods {
        let (start, end) = (period.first_day(), period.last_day());
        writeln!(wtr, r#"          <spell start="{start}" end="{end}"/>"#)?;
    }
    writeln!(wtr, "        </spells>")?;
    Ok(())
}
