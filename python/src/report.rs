//! What a run reports to Python: its warnings, Ctrl-C, and the totals for a `progress`
//! callback.

use actorgraph as ag;
use pyo3::prelude::*;

use crate::{to_py_err, warn_all};

/// How many documents pass between two checks for Ctrl-C during a run.
const SIGNAL_EVERY: u64 = 64;

/// The totals of a run so far, as the `progress` callback receives them.
#[pyclass(module = "actorgraph", frozen, eq, get_all)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Totals {
    /// Documents read.
    documents: u64,
    /// Mentions found, discovered ones included.
    mentions: u64,
    /// Records and files skipped under skip_bad_records.
    skipped: u64,
    /// Bytes of the files and JSONL records read (texts and dicts from Python count 0).
    bytes: u64,
    /// Documents without a date, their own or the pipeline's.
    undated: u64,
}

#[pymethods]
impl Totals {
    fn __repr__(&self) -> String {
        format!(
            "Totals(documents={}, mentions={}, skipped={}, bytes={}, undated={})",
            self.documents, self.mentions, self.skipped, self.bytes, self.undated
        )
    }
}

impl Totals {
    /// These totals followed by those of a later run.
    pub(crate) fn plus(self, run: &ag::Totals) -> Totals {
        Totals {
            documents: self.documents + run.documents,
            mentions: self.mentions + run.mentions,
            skipped: self.skipped + run.skipped,
            bytes: self.bytes + run.bytes,
            undated: self.undated + run.undated,
        }
    }
}

/// What a run collected: notices to issue as warnings, and a Python error that stopped it.
/// Every `SIGNAL_EVERY` documents, it checks for Ctrl-C and hands the totals to `progress`.
#[derive(Default)]
pub(crate) struct Report {
    warnings: Vec<String>,
    interrupted: Option<PyErr>,
    progress: Option<Py<PyAny>>,
    /// The totals of the earlier batches of the same stream, added to the run's own.
    base: Totals,
    /// The totals last seen, and the documents count last handed to `progress`.
    last: Totals,
    reported: Option<u64>,
}

impl Report {
    /// A report that calls `progress`, if any, with totals counted from `base`.
    pub(crate) fn new(py: Python<'_>, progress: Option<&Py<PyAny>>, base: Totals) -> Report {
        let progress = progress.map(|p| p.clone_ref(py));
        Report { progress, base, last: base, ..Report::default() }
    }

    /// Handles an event other than a document: keeps notices, checks for Ctrl-C now and then.
    pub(crate) fn event(&mut self, event: &ag::Event<'_>) -> ag::Result<()> {
        match event {
            ag::Event::Notice(notice) => self.warnings.push(notice.to_string()),
            ag::Event::Progress(totals) => {
                self.last = self.base.plus(totals);
                if totals.documents % SIGNAL_EVERY == 0 {
                    let result = Python::attach(|py| {
                        py.check_signals()?;
                        self.report(py)
                    });
                    if let Err(err) = result {
                        self.interrupted = Some(err);
                        return Err(std::io::Error::other("interrupted").into());
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Hands the totals to `progress`, unless it has had them.
    fn report(&mut self, py: Python<'_>) -> PyResult<()> {
        let Some(progress) = &self.progress else { return Ok(()) };
        if self.reported != Some(self.last.documents) {
            self.reported = Some(self.last.documents);
            progress.call1(py, (self.last,))?;
        }
        Ok(())
    }

    /// Issues the warnings, then raises the interruption or the run's error, if any; hands
    /// the final totals to `progress` after a run that went through.
    pub(crate) fn finish<T>(mut self, py: Python<'_>, result: ag::Result<T>) -> PyResult<T> {
        warn_all(py, &self.warnings)?;
        if let Some(err) = self.interrupted {
            return Err(err);
        }
        let value = result.map_err(to_py_err)?;
        self.report(py)?;
        Ok(value)
    }
}
