//! `Pipeline.extract_iter`: the mentions of a stream of texts, one list per text, read and
//! matched a batch at a time so that memory does not grow with the input.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::report::Totals;
use crate::{Fields, Inputs, Mention, Pipeline, is_path, mentions_of};

/// How many texts `Pipeline.extract_iter` reads from Python before it matches them, with the
/// GIL released, as one batch: the library's own batch size.
const ITER_BATCH_DOCS: usize = 512;
/// A batch also ends once it holds this many bytes of text.
const ITER_BATCH_BYTES: usize = 16 << 20;

/// The mentions of each document, one list per document in input order, from
/// `Pipeline.extract_iter`.
///
/// Texts are read from the input a batch at a time (512 texts or 16 MiB), matched with the
/// GIL released, and handed out one list per text, so memory holds one batch whatever the
/// length of the input.
#[pyclass(module = "actorgraph")]
pub(crate) struct MentionsIter {
    pub(crate) pipeline: Py<Pipeline>,
    pub(crate) items: Py<pyo3::types::PyIterator>,
    pub(crate) fields: Fields,
    /// The position of the next item, which is the id of a text that has none.
    pub(crate) index: usize,
    pub(crate) ready: std::collections::VecDeque<Vec<Mention>>,
    pub(crate) done: bool,
    /// The totals of the batches so far, for `progress`.
    pub(crate) totals: Totals,
}

#[pymethods]
impl MentionsIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Vec<Mention>>> {
        while self.ready.is_empty() && !self.done {
            self.next_batch(py)?;
        }
        Ok(self.ready.pop_front())
    }
}

impl MentionsIter {
    /// Reads the next batch of items and matches it.
    fn next_batch(&mut self, py: Python<'_>) -> PyResult<()> {
        let (mut docs, mut bytes) = (Vec::new(), 0);
        let mut items = self.items.bind(py).clone();
        while docs.len() < ITER_BATCH_DOCS && bytes < ITER_BATCH_BYTES {
            let Some(item) = items.next() else {
                self.done = true;
                break;
            };
            let item = item?;
            if is_path(&item) {
                return Err(PyTypeError::new_err(
                    "extract_iter takes texts and dicts; for paths use extract_many",
                ));
            }
            let doc = self.fields.document(&item, self.index)?;
            self.index += 1;
            bytes += doc.text().len();
            docs.push(doc);
        }
        if docs.is_empty() {
            return Ok(());
        }
        let mut pipeline = self.pipeline.borrow_mut(py);
        let ready = &mut self.ready;
        let run = pipeline.each_document(py, Inputs::Texts(docs), self.totals, |doc, gaz| {
            let mut found = Vec::new();
            mentions_of(doc, gaz, &mut found);
            ready.push_back(found);
        })?;
        self.totals = self.totals.plus(&run);
        Ok(())
    }
}
