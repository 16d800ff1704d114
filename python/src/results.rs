//! What `Pipeline.graph` gives besides a graph: the graphs of time slices (`slice=`, the
//! command line's `graph --slice`) and mergeable partial results (`partial=True`, its
//! `graph --partial`), and `merge`, the command line's `actorgraph merge`.

use std::path::PathBuf;

use actorgraph as ag;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::{Filters, Graph, Pipeline, input_err, to_py_err, warn_all};

/// The period lengths of `slice=` by name, with what a document needs to be in one.
pub(crate) const SLICES: [(&str, ag::Slice); 2] =
    [("month", ag::Slice::Month), ("year", ag::Slice::Year)];

/// The co-occurrence graph of each month or year, from `Pipeline.graph(docs, slice=...)`.
///
/// `periods()` lists the periods that have documents, in date order ("2025-06" or "2025");
/// `slices[period]` is that period's graph, filtered and measured as the pipeline's options
/// say; `write()` writes the command line's `graph --slice` files. Documents without a date
/// (or, for months, without a month) are left out and counted in `left_out`.
#[pyclass(module = "actorgraph", frozen)]
pub(crate) struct Slices {
    pub(crate) pipeline: Py<Pipeline>,
    pub(crate) slices: ag::TimeSlices,
    pub(crate) options: ag::GraphOptions,
    pub(crate) name: String,
}

#[pymethods]
impl Slices {
    /// The periods that have documents, in date order.
    fn periods(&self) -> Vec<String> {
        self.slices.periods().map(|(p, _)| p.to_string()).collect()
    }

    /// The number of documents left out: without a date, or with one too coarse.
    #[getter]
    fn left_out(&self) -> u64 {
        self.slices.left_out()
    }

    /// Writes the graph of each period into `out/PERIOD/` in each format, and one dynamic
    /// `out/graph.gexf` whose timeline in Gephi plays the periods: the command line's
    /// `graph --slice` files, written atomically together.
    #[pyo3(signature = (out, formats = vec!["csv".to_string(), "dot".to_string()], *, raw_csv = false))]
    fn write(
        &self,
        py: Python<'_>,
        out: PathBuf,
        formats: Vec<String>,
        raw_csv: bool,
    ) -> PyResult<()> {
        if self.slices.periods().next().is_none() {
            let dated = if self.name == "month" { "a date with a month" } else { "a date" };
            let msg = format!(
                "slice={:?}: no document has {dated}, so there is no period to write",
                self.name
            );
            return Err(input_err(msg));
        }
        let files = crate::graph_files(&formats, raw_csv)?;
        let guard = self.pipeline.borrow(py);
        let pipeline: &Pipeline = &guard;
        py.detach(|| {
            let mut dir = ag::OutputDir::create(&out)?;
            pipeline.inner.write_slices(&self.slices, &self.options, &files, &mut dir)?;
            dir.publish_graphs()
        })
        .map_err(to_py_err)
    }

    fn __getitem__(&self, py: Python<'_>, period: &str) -> PyResult<Graph> {
        let found = self.slices.periods().find(|(p, _)| p.to_string() == period);
        let Some((_, counts)) = found else {
            return Err(pyo3::exceptions::PyKeyError::new_err(period.to_string()));
        };
        let guard = self.pipeline.borrow(py);
        let pipeline: &Pipeline = &guard;
        let graph = py.detach(|| pipeline.inner.to_graph_with(counts, &self.options));
        Ok(Graph { graph, gaz: pipeline.inner.gazetteer().clone() })
    }

    fn __contains__(&self, period: &str) -> bool {
        self.slices.periods().any(|(p, _)| p.to_string() == period)
    }

    fn __len__(&self) -> usize {
        self.slices.periods().count()
    }

    fn __repr__(&self) -> String {
        format!("<actorgraph.Slices: {} {}s>", self.__len__(), self.name)
    }
}

/// A mergeable partial result, from `Pipeline.graph(docs, partial=True)`: the counts of a
/// part of a corpus, which `merge` combines into the graph one run over every part would give.
#[pyclass(module = "actorgraph", frozen)]
pub(crate) struct Partial {
    pub(crate) inner: ag::Partial,
}

#[pymethods]
impl Partial {
    /// Writes `out/partial.json` (creating `out` if missing, atomically), the command line's
    /// `graph --partial` file.
    fn write(&self, py: Python<'_>, out: PathBuf) -> PyResult<()> {
        py.detach(|| {
            let mut dir = ag::OutputDir::create(&out)?;
            let mut file = dir.file("partial.json")?;
            self.inner.write(&mut file)?;
            file.commit()?;
            dir.publish(std::iter::empty::<PathBuf>())
        })
        .map_err(to_py_err)
    }

    /// The partial as JSON text, byte for byte the command line's partial.json.
    fn to_json(&self) -> PyResult<String> {
        let mut out = Vec::new();
        self.inner.write(&mut out).map_err(to_py_err)?;
        String::from_utf8(out).map_err(|err| PyValueError::new_err(err.to_string()))
    }

    /// The number of documents counted.
    #[getter]
    fn document_count(&self) -> u64 {
        self.inner.document_count()
    }

    /// The number of documents counted without a date.
    #[getter]
    fn undated_count(&self) -> u64 {
        self.inner.undated_count()
    }

    fn __repr__(&self) -> String {
        format!("<actorgraph.Partial: {} documents>", self.inner.document_count())
    }
}

/// Reads one item of `merge`: a `Partial`, or the path of a partial.json file.
/// A `Partial`, or the merged partials of a path as `actorgraph merge` reads it (a file of
/// partials, a job's output directory, a glob); the path's warnings go to `warnings`.
fn partial_of(item: &Bound<'_, PyAny>, warnings: &mut Vec<String>) -> PyResult<ag::Partial> {
    if let Ok(partial) = item.cast::<Partial>() {
        return Ok(partial.get().inner.clone());
    }
    let path: PathBuf = item.extract().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err("merge takes Partial objects or paths")
    })?;
    let note = |msg: &str| {
        if let Some(warning) = msg.strip_prefix("warning: ") {
            warnings.push(warning.to_string());
        }
    };
    ag::merge_partials(&[path], note).map(|(partial, _)| partial).map_err(to_py_err)
}

/// Combines partial results (`Partial` objects, or paths as `actorgraph merge` reads them: a
/// partial.json, a file of partials one a line, a job's output directory, a glob; from
/// `graph(..., partial=True)` or the command line's `graph --partial`) into the graph one run
/// would give: the command line's `actorgraph merge`. The keyword arguments are its graph
/// options; an excluded id that no partial mentions is a warning.
#[pyfunction]
#[pyo3(signature = (
    partials, *, weight = "windows".to_string(), kinds = Vec::new(), exclude = Vec::new(),
    min_weight = None, min_docs = None, backbone = None, top_nodes = None,
    rank_nodes = "mentions".to_string(), top_edges = None, drop_isolated = false,
    measures = true, betweenness_limit = 10_000,
))]
// The keyword arguments are the command line's flags, one for one.
#[allow(clippy::too_many_arguments)]
pub(crate) fn merge(
    py: Python<'_>,
    partials: Vec<Bound<'_, PyAny>>,
    weight: String,
    kinds: Vec<String>,
    exclude: Vec<String>,
    min_weight: Option<f64>,
    min_docs: Option<u64>,
    backbone: Option<f64>,
    top_nodes: Option<usize>,
    rank_nodes: String,
    top_edges: Option<usize>,
    drop_isolated: bool,
    measures: bool,
    betweenness_limit: usize,
) -> PyResult<Graph> {
    let filters = Filters {
        weight,
        kinds,
        min_weight,
        min_docs,
        backbone,
        top_nodes,
        rank_nodes,
        top_edges,
        drop_isolated,
    };
    let mut options = filters.options()?;
    let mut warnings = Vec::new();
    let mut read = partials.iter();
    let first = read.next().ok_or_else(|| PyValueError::new_err("merge needs a partial"))?;
    let mut merged = partial_of(first, &mut warnings)?;
    for partial in read {
        merged.merge(partial_of(partial, &mut warnings)?).map_err(to_py_err)?;
    }
    let (gaz, counts) = py.detach(|| merged.into_counts(0)).map_err(to_py_err)?;
    for id in &exclude {
        match gaz.lookup(id) {
            Some(entity) => {
                options.exclude(entity);
            }
            None => warnings.push(format!("exclude {id}: no partial result mentions this actor")),
        }
    }
    warn_all(py, &warnings)?;
    let graph = py.detach(|| {
        let mut graph = counts.to_graph_with(&gaz, &options);
        if measures {
            let betweenness = graph.node_count() <= betweenness_limit;
            graph.compute_measures(ag::MeasuresBuilder::new().betweenness(betweenness));
        }
        graph
    });
    Ok(Graph { graph, gaz })
}
