//! The writer under [`MentionWriter`] and [`EventWriter`]: records as CSV with a header row,
//! or as JSON Lines, counted as they are written.
//!
//! [`MentionWriter`]: super::MentionWriter
//! [`EventWriter`]: super::EventWriter

use std::io;

use serde::Serialize;

use super::MentionFormat;
use super::csv::CsvCells;
#[cfg(doc)]
use super::csv::text_cell;
use crate::error::Result;

/// Records in one of the [`MentionFormat`]s.
#[derive(Debug)]
pub(crate) struct Records<W: io::Write> {
    inner: Inner<W>,
    written: u64,
    cells: CsvCells,
}

#[derive(Debug)]
enum Inner<W: io::Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(io::BufWriter<W>),
}

impl<W: io::Write> Records<W> {
    pub(crate) fn new(format: MentionFormat, wtr: W) -> Records<W> {
        let inner = match format {
            MentionFormat::Jsonl => Inner::Jsonl(io::BufWriter::new(wtr)),
            _ => Inner::Csv(Box::new(csv::Writer::from_writer(wtr))),
        };
        Records { inner, written: 0, cells: CsvCells::Safe }
    }

    /// Sets how CSV text cells are written.
    pub(crate) fn cells(&mut self, cells: CsvCells) {
        self.cells = cells;
    }

    /// Returns the number of records written.
    pub(crate) fn written(&self) -> u64 {
        self.written
    }

    /// Returns the rule for text cells when the output is CSV, whose caller then makes its
    /// record's text cells safe with [`text_cell`] before [`Records::write`]; `None` for JSONL,
    /// written as it is.
    pub(crate) fn csv_cells(&self) -> Option<CsvCells> {
        matches!(self.inner, Inner::Csv(_)).then_some(self.cells)
    }

    /// Writes one record.
    pub(crate) fn write<T: Serialize>(&mut self, record: &T) -> Result<()> {
        match &mut self.inner {
            Inner::Csv(wtr) => wtr.serialize(record)?,
            Inner::Jsonl(wtr) => {
                serde_json::to_writer(&mut *wtr, record)?;
                io::Write::write_all(wtr, b"\n")?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Flushes everything written. CSV output with no records still gets `header`.
    pub(crate) fn finish(self, header: &[&str]) -> Result<()> {
        match self.inner {
            Inner::Csv(mut wtr) => {
                if self.written == 0 {
                    wtr.write_record(header)?;
                }
                wtr.flush()?;
            }
            Inner::Jsonl(mut wtr) => io::Write::flush(&mut wtr)?,
        }
        Ok(())
    }
}
