//! Python bindings for actorgraph, built with PyO3 (the `actorgraph._actorgraph` module that
//! `actorgraph/__init__.py` re-exports).
//!
//! The bindings are thin: options become a `PipelineBuilder`, Python texts become
//! `Document`s, and the library's records, JSON graph and files come back as they are. The
//! GIL is released while documents are matched, so other Python threads run meanwhile.

#![warn(unreachable_pub)]

mod import;
mod report;
mod results;
mod stream;

use std::path::PathBuf;

use actorgraph as ag;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyKeyError, PyTypeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::report::{Report, Totals};

create_exception!(
    actorgraph,
    ActorgraphError,
    PyException,
    "An error from actorgraph: a bad gazetteer line, a broken corpus record, a file that cannot \
     be read or written. `path` and `line` say where, when known (else None)."
);
create_exception!(
    actorgraph,
    ActorgraphWarning,
    PyUserWarning,
    "A problem that did not stop a run: an empty document, a date that cannot be read, a record \
     skipped under skip_bad_records."
);

/// Turns a library error into an `ActorgraphError` with `path` and `line` attributes.
fn to_py_err(err: ag::Error) -> PyErr {
    let (path, line) = match err.kind() {
        ag::ErrorKind::Gazetteer { path, line, .. } => {
            (Some(path.display().to_string()), (*line > 0).then_some(*line))
        }
        ag::ErrorKind::Corpus { origin, line, .. } => (Some(origin.clone()), Some(*line)),
        ag::ErrorKind::Io { path, .. } => (path.as_ref().map(|p| p.display().to_string()), None),
        _ => (None, None),
    };
    let py_err = ActorgraphError::new_err(err.to_string());
    Python::attach(|py| {
        let value = py_err.value(py);
        // Setting an attribute on a fresh exception object cannot fail.
        let _ = value.setattr("path", path);
        let _ = value.setattr("line", line);
    });
    py_err
}

/// An `ActorgraphError` about the Python input itself, with no file.
fn input_err(msg: String) -> PyErr {
    to_py_err(ag::Error::from(std::io::Error::new(std::io::ErrorKind::InvalidInput, msg)))
}

/// Parses a name from a fixed list, or raises `ValueError` naming the choices.
fn choose<T: Copy>(what: &str, name: &str, choices: &[(&str, T)]) -> PyResult<T> {
    let found = choices.iter().find(|(n, _)| n.eq_ignore_ascii_case(name.trim()));
    found.map(|(_, v)| *v).ok_or_else(|| {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        PyValueError::new_err(format!("unknown {what} {name:?} (expected {})", names.join(", ")))
    })
}

/// Reads a date given as text (`"2025-03-14"`, `"2025-03"`, `"2025"`, or a date line) or as a
/// `datetime.date`.
fn date_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return text.extract();
    }
    match value.getattr("isoformat") {
        Ok(isoformat) => Ok(isoformat.call0()?.extract()?),
        Err(_) => Err(PyTypeError::new_err("a date is a str or a datetime.date")),
    }
}

/// Parses a date the way the command line's `--date` does.
fn parse_date(value: &Bound<'_, PyAny>) -> PyResult<ag::Date> {
    let text = date_text(value)?;
    text.parse::<ag::Date>().map_err(|err| PyValueError::new_err(err.to_string()))
}

/// One mention of an actor in a document.
///
/// `start` and `end` are character offsets into the text, so that `text[m.start:m.end]` is
/// `m.surface`; `byte_start` and `byte_end` are the UTF-8 byte offsets that the command line
/// writes as `start` and `end`.
#[pyclass(module = "actorgraph", frozen, eq, get_all)]
#[derive(Clone, Debug, PartialEq, Eq)]
struct Mention {
    /// The document's id: its path, its JSONL or dict id, or its position in the input.
    document: String,
    /// The document's date in ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY), or "".
    date: String,
    /// The actor's gazetteer id, such as "RUS" or "vladimir_putin".
    entity: String,
    /// person, state, group or place.
    kind: String,
    /// The actor's canonical name.
    label: String,
    /// The text as it appears in the document.
    surface: String,
    /// The character offset where the mention starts.
    start: usize,
    /// The character offset one past its end.
    end: usize,
    /// The UTF-8 byte offset where the mention starts.
    byte_start: usize,
    /// The UTF-8 byte offset one past its end.
    byte_end: usize,
    /// The index of its sentence in the document, from 0.
    sentence: usize,
    /// The index of its paragraph in the document, from 0.
    paragraph: usize,
    /// Whether it is an adjectival form ("Russian").
    adjectival: bool,
    /// Whether discovery proposed the actor rather than a gazetteer listing it.
    discovered: bool,
    /// Whether it is a role mention: an office naming its holder ("the Prime Minister").
    role: bool,
}

#[pymethods]
impl Mention {
    /// The mention as a dict of its fields, for pandas.DataFrame or json.dumps.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("document", &self.document)?;
        dict.set_item("date", &self.date)?;
        dict.set_item("entity", &self.entity)?;
        dict.set_item("kind", &self.kind)?;
        dict.set_item("label", &self.label)?;
        dict.set_item("surface", &self.surface)?;
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("byte_start", self.byte_start)?;
        dict.set_item("byte_end", self.byte_end)?;
        dict.set_item("sentence", self.sentence)?;
        dict.set_item("paragraph", self.paragraph)?;
        dict.set_item("adjectival", self.adjectival)?;
        dict.set_item("discovered", self.discovered)?;
        dict.set_item("role", self.role)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "Mention(entity={:?}, surface={:?}, document={:?}, start={}, end={})",
            self.entity, self.surface, self.document, self.start, self.end
        )
    }
}

/// Counts characters up to each mention, walking the text once (mentions come in text order).
#[derive(Default)]
struct CharOffsets {
    byte: usize,
    chars: usize,
}

impl CharOffsets {
    /// The character offset of byte offset `at`, on a character boundary of `text`.
    fn at(&mut self, text: &str, at: usize) -> usize {
        if at < self.byte {
            *self = CharOffsets::default();
        }
        self.chars += text.get(self.byte..at).map_or(0, |s| s.chars().count());
        self.byte = at;
        self.chars
    }
}

/// The mentions of one document, owned, with character offsets.
fn mentions_of(doc: &ag::Annotated, gaz: &ag::Gazetteer, out: &mut Vec<Mention>) {
    let text = doc.document().text();
    let mut offsets = CharOffsets::default();
    for rec in doc.records(gaz) {
        let start = offsets.at(text, rec.start);
        out.push(Mention {
            document: rec.document.to_string(),
            date: rec.date.to_string(),
            entity: rec.entity.to_string(),
            kind: rec.kind.to_string(),
            label: rec.label.to_string(),
            surface: rec.surface.to_string(),
            start,
            end: start + rec.surface.chars().count(),
            byte_start: rec.start,
            byte_end: rec.end,
            sentence: rec.sentence,
            paragraph: rec.paragraph,
            adjectival: rec.adjectival,
            discovered: rec.discovered,
            role: rec.role,
        });
    }
}

/// What a run is over: files and directories read by the library, or texts from Python.
enum Inputs {
    Paths(Vec<PathBuf>),
    Texts(Vec<ag::Document>),
}

impl Inputs {
    /// Runs the pipeline over the inputs.
    fn run<F>(self, pipeline: &mut ag::Pipeline, events: F) -> ag::Result<ag::Totals>
    where
        F: FnMut(ag::Event<'_>) -> ag::Result<()>,
    {
        match self {
            Inputs::Paths(paths) => pipeline.run(paths, events),
            Inputs::Texts(texts) => pipeline.run_documents(texts, events),
        }
    }

    /// Runs the pipeline over the inputs and counts the co-occurrences.
    fn count<F>(self, pipeline: &mut ag::Pipeline, events: F) -> ag::Result<ag::Counted>
    where
        F: FnMut(ag::Event<'_>) -> ag::Result<()>,
    {
        match self {
            Inputs::Paths(paths) => pipeline.count(paths, events),
            Inputs::Texts(texts) => pipeline.count_documents(texts, events),
        }
    }

    /// Runs the pipeline over the inputs and counts each period apart.
    fn count_slices<F>(
        self,
        pipeline: &mut ag::Pipeline,
        slice: ag::Slice,
        events: F,
    ) -> ag::Result<ag::Sliced>
    where
        F: FnMut(ag::Event<'_>) -> ag::Result<()>,
    {
        match self {
            Inputs::Paths(paths) => pipeline.count_slices(paths, slice, events),
            Inputs::Texts(texts) => pipeline.count_slices_documents(texts, slice, events),
        }
    }
}

/// The JSONL field names, which also name the keys of dict records.
#[derive(Clone)]
struct Fields {
    id: String,
    text: String,
    date: String,
}

impl Fields {
    /// Turns one Python item (str or dict) at `index` into a document.
    fn document(&self, item: &Bound<'_, PyAny>, index: usize) -> PyResult<ag::Document> {
        if let Ok(text) = item.cast::<PyString>() {
            return document(index.to_string(), text.extract()?, None);
        }
        let Ok(dict) = item.cast::<PyDict>() else {
            let kind = item.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "item {index}: expected a str, a dict or a path, not {kind}"
            )));
        };
        let text = match dict.get_item(&self.text)? {
            Some(text) => text.extract::<String>().map_err(|_| {
                input_err(format!("item {index}: field {:?} is not a str", self.text))
            })?,
            None => return Err(input_err(format!("item {index}: no {:?} field", self.text))),
        };
        let id = match dict.get_item(&self.id)? {
            Some(id) if !id.is_none() => id.str()?.extract::<String>()?,
            _ => index.to_string(),
        };
        let date = dict.get_item(&self.date)?.filter(|date| !date.is_none());
        document(id, text, date.as_ref())
    }
}

/// A document of a text from Python, dated by `date` (a str or a datetime.date) if given, else
/// by a date line near the top of the text, as files and JSONL records are.
fn document(id: String, text: String, date: Option<&Bound<'_, PyAny>>) -> PyResult<ag::Document> {
    let doc = ag::Document::new(id, text);
    Ok(match date {
        Some(date) => doc.with_date(date_text(date)?),
        None => doc.with_date_from_text(),
    })
}

/// Whether an object is a path: os.PathLike, not a str.
fn is_path(item: &Bound<'_, PyAny>) -> bool {
    !item.is_instance_of::<PyString>() && item.hasattr("__fspath__").unwrap_or(false)
}

/// Reads what a run is over: one path, or an iterable of texts, dicts or paths (not mixed).
fn inputs(docs: &Bound<'_, PyAny>, fields: &Fields) -> PyResult<Inputs> {
    if is_path(docs) {
        return Ok(Inputs::Paths(vec![docs.extract()?]));
    }
    if docs.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "expected an iterable of texts, dicts or paths, not one str: for one text use \
             extract(text), for a file pass pathlib.Path(name)",
        ));
    }
    let (mut paths, mut texts) = (Vec::new(), Vec::new());
    for (index, item) in docs.try_iter()?.enumerate() {
        let item = item?;
        if is_path(&item) {
            paths.push(item.extract()?);
        } else {
            texts.push(fields.document(&item, index)?);
        }
        if !paths.is_empty() && !texts.is_empty() {
            return Err(PyTypeError::new_err("pass either texts and dicts, or paths, not both"));
        }
    }
    Ok(if paths.is_empty() { Inputs::Texts(texts) } else { Inputs::Paths(paths) })
}

/// Issues each message as an `ActorgraphWarning`.
fn warn_all(py: Python<'_>, messages: &[String]) -> PyResult<()> {
    let category = py.get_type::<ActorgraphWarning>();
    for msg in messages {
        let msg = std::ffi::CString::new(msg.replace('\0', " "))?;
        PyErr::warn(py, &category, &msg, 1)?;
    }
    Ok(())
}

/// The graph options of the command line's filter flags.
struct Filters {
    weight: String,
    kinds: Vec<String>,
    min_weight: Option<f64>,
    min_docs: Option<u64>,
    backbone: Option<f64>,
    top_nodes: Option<usize>,
    rank_nodes: String,
    top_edges: Option<usize>,
    drop_isolated: bool,
}

impl Filters {
    /// Checks the values as the command line does and builds the library's options.
    fn options(&self) -> PyResult<ag::GraphOptions> {
        let mut options = ag::GraphOptions::new();
        let weight = self.weight.parse::<ag::EdgeWeight>().map_err(PyValueError::new_err)?;
        let kinds = self.kinds.iter().map(|k| k.parse::<ag::EntityKind>());
        let kinds = kinds.collect::<Result<Vec<_>, _>>().map_err(PyValueError::new_err)?;
        options.weight(weight).kinds(&kinds).drop_isolated(self.drop_isolated);
        if let Some(x) = self.min_weight {
            if !x.is_finite() {
                return Err(PyValueError::new_err("min_weight must be a finite number"));
            }
            options.min_weight(x);
        }
        if let Some(n) = self.min_docs {
            options.min_documents(n);
        }
        if let Some(alpha) = self.backbone {
            if !(alpha > 0.0 && alpha <= 1.0) {
                return Err(PyValueError::new_err("backbone must be > 0 and <= 1"));
            }
            options.backbone(alpha);
        }
        let ranks = [("mentions", ag::NodeRank::Mentions), ("degree", ag::NodeRank::Degree)];
        let rank = choose("rank_nodes", &self.rank_nodes, &ranks)?;
        if let Some(n) = self.top_nodes {
            options.top_nodes(n, rank);
        }
        if let Some(n) = self.top_edges {
            options.top_edges(n);
        }
        Ok(options)
    }
}

/// Finds actors in texts and files and builds their co-occurrence graph.
///
/// The keyword arguments are the command line's options under the same names, with each
/// `--no-X` flag as `X=False`. A pipeline remembers the actors it discovers, so later runs
/// give them the same ids.
///
/// `progress`, a callable, receives the run's `Totals` so far every 64 documents and once at
/// the end of each run (for `extract_iter`, counted over the whole stream); an exception it
/// raises stops the run and is raised again.
#[pyclass(module = "actorgraph")]
struct Pipeline {
    inner: ag::Pipeline,
    fields: Fields,
    progress: Option<Py<PyAny>>,
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (
        gazetteers = Vec::new(), *, default_gazetteer = true, gazetteer_cache = None,
        adjectives = true, name_parts = true, surnames = true, roles = true, engine = "auto",
        join_breaks = true, discover = true, date = None, window = "sentence", threads = 0,
        skip_bad_records = false, input_format = "auto", id_field = "id".to_string(), text_field = "text".to_string(),
        date_field = "date".to_string(), max_document_bytes = 64 << 20, weight = "windows".to_string(),
        kinds = Vec::new(), exclude = Vec::new(), min_weight = None, min_docs = None,
        backbone = None, top_nodes = None, rank_nodes = "mentions".to_string(), top_edges = None,
        drop_isolated = false, measures = true, betweenness_limit = 10_000, progress = None,
    ))]
    // The keyword arguments are the command line's flags, one for one.
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        gazetteers: Vec<PathBuf>,
        default_gazetteer: bool,
        gazetteer_cache: Option<PathBuf>,
        adjectives: bool,
        name_parts: bool,
        surnames: bool,
        roles: bool,
        engine: &str,
        join_breaks: bool,
        discover: bool,
        date: Option<&Bound<'_, PyAny>>,
        window: &str,
        threads: usize,
        skip_bad_records: bool,
        input_format: &str,
        id_field: String,
        text_field: String,
        date_field: String,
        max_document_bytes: usize,
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
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Pipeline> {
        let engines = [
            ("auto", ag::Engine::Auto),
            ("aho-corasick", ag::Engine::AhoCorasick),
            ("trie", ag::Engine::Trie),
        ];
        let mut matcher = ag::MatcherBuilder::new();
        matcher
            .adjectives(adjectives)
            .name_parts(name_parts)
            .surnames(surnames)
            .roles(roles)
            .engine(choose("engine", engine, &engines)?);
        let mut segmenter = ag::Segmenter::new();
        segmenter.join_broken_paragraphs(join_breaks);
        let fields = Fields { id: id_field, text: text_field, date: date_field };
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
        let mut builder = ag::Pipeline::builder();
        builder
            .builtin_gazetteer(default_gazetteer)
            .gazetteer_cache(gazetteer_cache)
            .matcher(matcher)
            .segmenter(segmenter)
            .discover(discover)
            .corpus(corpus(input_format, &fields, max_document_bytes)?)
            .default_date(date.map(parse_date).transpose()?)
            .window(choose("window", window, &WINDOWS)?)
            .threads(threads)
            .skip_bad_records(skip_bad_records)
            .graph_options(filters.options()?)
            .measures(measures)
            .betweenness_limit(betweenness_limit);
        for path in gazetteers {
            builder.gazetteer(path);
        }
        for id in exclude {
            builder.exclude(id);
        }
        let inner = py.detach(|| builder.build()).map_err(to_py_err)?;
        let warnings: Vec<String> =
            inner.notices().iter().filter(|n| n.is_warning()).map(|n| n.to_string()).collect();
        warn_all(py, &warnings)?;
        Ok(Pipeline { inner, fields, progress })
    }

    /// The mentions in one text, in text order.
    ///
    /// `date` (a str such as "2025-03-14" or a datetime.date) dates the text; without it, a
    /// date line near the top of the text is used, else the pipeline's `date`. `id` is the
    /// mentions' `document` ("0" by default).
    #[pyo3(signature = (text, *, date = None, id = None))]
    fn extract(
        &mut self,
        py: Python<'_>,
        text: String,
        date: Option<&Bound<'_, PyAny>>,
        id: Option<String>,
    ) -> PyResult<Vec<Mention>> {
        let doc = document(id.unwrap_or_else(|| "0".to_string()), text, date)?;
        self.mentions(py, Inputs::Texts(vec![doc]))
    }

    /// The mentions in many documents, in input order, as one list.
    ///
    /// `docs` is an iterable of texts (str, whose id is its position from 0), of dicts with
    /// "text" and optionally "id" and "date" (the keys are `text_field`, `id_field` and
    /// `date_field`), or of paths (pathlib.Path: files, directories, JSONL, as the command
    /// line reads them), or one path.
    fn extract_many(&mut self, py: Python<'_>, docs: &Bound<'_, PyAny>) -> PyResult<Vec<Mention>> {
        let inputs = inputs(docs, &self.fields)?;
        self.mentions(py, inputs)
    }

    /// The mentions of each text in `items`, as an iterator of lists, one list per text in
    /// input order (an empty list for a text without any).
    ///
    /// `items` is an iterable of texts or dicts, as for `extract_many` (not paths): it is read
    /// lazily, a batch at a time (512 texts or 16 MiB), and each batch is matched with the GIL
    /// released, so memory does not grow with the input. The results are those of
    /// `extract_many`. A bad item raises when its batch is read.
    fn extract_iter(
        slf: Bound<'_, Self>,
        items: &Bound<'_, PyAny>,
    ) -> PyResult<stream::MentionsIter> {
        if items.is_instance_of::<PyString>() || is_path(items) {
            return Err(PyTypeError::new_err(
                "extract_iter takes an iterable of texts or dicts, not one str or path",
            ));
        }
        let fields = slf.borrow().fields.clone();
        Ok(stream::MentionsIter {
            pipeline: slf.unbind(),
            items: items.try_iter()?.unbind(),
            fields,
            index: 0,
            ready: Default::default(),
            done: false,
            totals: Totals::default(),
        })
    }

    /// The co-occurrence graph of `docs` (as for `extract_many`), filtered and measured as the
    /// pipeline's options say.
    ///
    /// With `slice="month"` or `slice="year"` (the command line's `graph --slice`), the graph
    /// of each period, as `Slices`; with `partial=True` (its `graph --partial`), a mergeable
    /// `Partial` result for `merge` instead of a graph. The two do not go together.
    #[pyo3(signature = (docs, *, slice = None, partial = false))]
    fn graph<'py>(
        slf: &Bound<'py, Self>,
        docs: &Bound<'py, PyAny>,
        slice: Option<&str>,
        partial: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        if partial && slice.is_some() {
            return Err(PyValueError::new_err("slice and partial do not go together"));
        }
        let mut guard = slf.borrow_mut();
        let this: &mut Pipeline = &mut guard;
        let inputs = inputs(docs, &this.fields)?;
        let mut report = Report::new(py, this.progress.as_ref(), Totals::default());
        if let Some(name) = slice {
            let period = choose("slice", name, &results::SLICES)?;
            let result =
                py.detach(|| inputs.count_slices(&mut this.inner, period, |e| report.event(&e)));
            let sliced = report.finish(py, result)?;
            let options = this.inner.graph_options().map_err(to_py_err)?;
            let name = name.trim().to_ascii_lowercase();
            let pipeline = slf.clone().unbind();
            let slices = results::Slices { pipeline, slices: sliced.slices, options, name };
            return Ok(slices.into_pyobject(py)?.into_any());
        }
        let result = py.detach(|| inputs.count(&mut this.inner, |e| report.event(&e)));
        let counted = report.finish(py, result)?;
        if partial {
            let partial = results::Partial { inner: this.inner.to_partial(&counted.counts) };
            return Ok(partial.into_pyobject(py)?.into_any());
        }
        let graph = py.detach(|| this.inner.to_graph(&counted.counts)).map_err(to_py_err)?;
        let graph = Graph { graph, gaz: this.inner.gazetteer().clone() };
        Ok(graph.into_pyobject(py)?.into_any())
    }

    /// The gazetteer: the layers, and every actor discovered so far (a copy).
    #[getter]
    fn gazetteer(&self) -> Gazetteer {
        Gazetteer { inner: self.inner.gazetteer().clone() }
    }

    /// What building the pipeline had to say: conflicts resolved between gazetteer files,
    /// and whether the gazetteer cache was usable.
    #[getter]
    fn notices(&self) -> Vec<String> {
        self.inner.notices().iter().map(|n| n.to_string()).collect()
    }

    fn __repr__(&self) -> String {
        format!("<actorgraph.Pipeline: {} actors>", self.inner.gazetteer().len())
    }
}

/// The co-occurrence windows by name.
const WINDOWS: [(&str, ag::Window); 3] = [
    ("sentence", ag::Window::Sentence),
    ("paragraph", ag::Window::Paragraph),
    ("document", ag::Window::Document),
];

/// How inputs are read, as by the command line's input options.
fn corpus(format: &str, fields: &Fields, max_bytes: usize) -> PyResult<ag::Corpus> {
    let formats = [
        ("auto", ag::InputFormat::Auto),
        ("text", ag::InputFormat::Text),
        ("jsonl", ag::InputFormat::Jsonl),
    ];
    let mut jsonl = ag::JsonlOptions::new();
    jsonl
        .id_field(&fields.id)
        .text_field(&fields.text)
        .date_field(&fields.date)
        .max_record_bytes(max_bytes);
    let mut corpus = ag::Corpus::new();
    corpus
        .format(choose("input_format", format, &formats)?)
        .jsonl(jsonl)
        .max_document_bytes(max_bytes);
    Ok(corpus)
}

impl Pipeline {
    /// Runs over `inputs` with the GIL released and collects every mention.
    fn mentions(&mut self, py: Python<'_>, inputs: Inputs) -> PyResult<Vec<Mention>> {
        let mut found = Vec::new();
        let each = |doc: &ag::Annotated, gaz: &ag::Gazetteer| mentions_of(doc, gaz, &mut found);
        self.each_document(py, inputs, Totals::default(), each)?;
        Ok(found)
    }

    /// Runs over `inputs` with the GIL released, handing `each` every document's results in
    /// input order, then issues the run's warnings. Progress is counted from `base`, and the
    /// run's totals are returned.
    fn each_document<F>(
        &mut self,
        py: Python<'_>,
        inputs: Inputs,
        base: Totals,
        mut each: F,
    ) -> PyResult<ag::Totals>
    where
        F: FnMut(&ag::Annotated, &ag::Gazetteer) + Send,
    {
        let mut report = Report::new(py, self.progress.as_ref(), base);
        let result = py.detach(|| {
            inputs.run(&mut self.inner, |e| {
                if let ag::Event::Document { doc, gaz } = &e {
                    each(doc, gaz);
                }
                report.event(&e)
            })
        });
        report.finish(py, result)
    }
}

/// A co-occurrence graph: actors as nodes, edges between actors that share a window.
///
/// `nodes()` and `edges()` give every attribute of the command line's JSON output, and
/// `write()` writes the command line's files.
#[pyclass(module = "actorgraph", frozen)]
struct Graph {
    graph: ag::CooccurrenceGraph,
    gaz: ag::Gazetteer,
}

#[pymethods]
impl Graph {
    /// The graph as node-link JSON text, byte for byte the command line's graph.json.
    fn to_json(&self) -> PyResult<String> {
        let mut out = Vec::new();
        ag::write_json(&self.graph, &self.gaz, &mut out).map_err(to_py_err)?;
        String::from_utf8(out).map_err(|err| PyValueError::new_err(err.to_string()))
    }

    /// The graph as a dict in networkx's node-link layout ("nodes" and "edges" lists).
    fn node_link_data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json()?,))
    }

    /// The nodes, as dicts: id, label, kind, mentions, documents, ... and the node measures.
    fn nodes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.node_link_data(py)?.get_item("nodes")
    }

    /// The edges, as dicts: source, target, weight, documents, windows, pmi, npmi, ...
    fn edges<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.node_link_data(py)?.get_item("edges")
    }

    /// The number of nodes.
    #[getter]
    fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The number of edges.
    #[getter]
    fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// A networkx.Graph with every node and edge attribute; nodes are gazetteer ids. Needs
    /// networkx installed.
    fn to_networkx<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let nx = py.import("networkx").map_err(|err| {
            let msg = format!("Graph.to_networkx needs networkx (pip install networkx): {err}");
            pyo3::exceptions::PyImportError::new_err(msg)
        })?;
        let g = nx.call_method0("Graph")?;
        for node in self.nodes(py)?.try_iter()? {
            let node = node?.cast_into::<PyDict>()?;
            let id = node.call_method1("pop", ("id",))?;
            g.call_method("add_node", (id,), Some(&node))?;
        }
        for edge in self.edges(py)?.try_iter()? {
            let edge = edge?.cast_into::<PyDict>()?;
            let source = edge.call_method1("pop", ("source",))?;
            let target = edge.call_method1("pop", ("target",))?;
            g.call_method("add_edge", (source, target), Some(&edge))?;
        }
        Ok(g)
    }

    /// Writes the graph into the directory `out` (created if missing) in each format: csv,
    /// dot, gexf, graphml, json, html. The files are the command line's, written atomically
    /// together. `raw_csv` writes CSV cells as they are, without the spreadsheet guard.
    #[pyo3(signature = (out, formats = vec!["csv".to_string(), "dot".to_string()], *, raw_csv = false))]
    fn write(
        &self,
        py: Python<'_>,
        out: PathBuf,
        formats: Vec<String>,
        raw_csv: bool,
    ) -> PyResult<()> {
        let files = graph_files(&formats, raw_csv)?;
        py.detach(|| files.write_dir(&self.graph, &self.gaz, out)).map_err(to_py_err)
    }

    fn __len__(&self) -> usize {
        self.graph.node_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "<actorgraph.Graph: {} nodes, {} edges>",
            self.graph.node_count(),
            self.graph.edge_count()
        )
    }
}

/// The graph files of `formats` (csv, dot, gexf, graphml, json, html), with CSV cells as they
/// are if `raw_csv`, as the command line's `--format` and `--raw-csv` say.
fn graph_files(formats: &[String], raw_csv: bool) -> PyResult<ag::GraphFiles> {
    let formats = formats.iter().map(|f| f.parse::<ag::GraphFormat>());
    let formats = formats.collect::<Result<Vec<_>, _>>().map_err(PyValueError::new_err)?;
    let mut files = ag::GraphFiles::new(formats);
    files.cells(if raw_csv { ag::CsvCells::Raw } else { ag::CsvCells::Safe });
    Ok(files)
}

/// Known actors: the built-in gazetteer and any files on top of it (later files win).
///
/// `gaz["RUS"]` is an `Entry`, `"RUS" in gaz` tests an id, `len(gaz)` counts the entries and
/// iterating gives every entry in id order of the gazetteer.
#[pyclass(module = "actorgraph", frozen)]
struct Gazetteer {
    inner: ag::Gazetteer,
}

#[pymethods]
impl Gazetteer {
    #[new]
    #[pyo3(signature = (gazetteers = Vec::new(), *, default_gazetteer = true))]
    fn new(py: Python<'_>, gazetteers: Vec<PathBuf>, default_gazetteer: bool) -> PyResult<Self> {
        let mut builder = ag::Pipeline::builder();
        builder.builtin_gazetteer(default_gazetteer);
        for path in gazetteers {
            builder.gazetteer(path);
        }
        let inner = py.detach(|| builder.build_gazetteer()).map_err(to_py_err)?;
        Ok(Gazetteer { inner })
    }

    /// The entry with this id, or `default`.
    #[pyo3(signature = (id, default = None))]
    fn get(&self, id: &str, default: Option<Entry>) -> Option<Entry> {
        self.entry(id).or(default)
    }

    /// Every id, in the gazetteer's order.
    fn ids(&self) -> Vec<String> {
        self.inner.entries().map(|e| e.id().to_string()).collect()
    }

    /// What building had to say, such as conflicts resolved between files.
    #[getter]
    fn notices(&self) -> Vec<String> {
        self.inner.notices().to_vec()
    }

    fn __getitem__(&self, id: &str) -> PyResult<Entry> {
        self.entry(id).ok_or_else(|| PyKeyError::new_err(id.to_string()))
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.lookup(id).is_some()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let entries: Vec<Entry> = self.inner.entries().map(Entry::from).collect();
        PyList::new(py, entries)?.into_any().try_iter().map(Bound::into_any)
    }

    fn __repr__(&self) -> String {
        format!("<actorgraph.Gazetteer: {} entries>", self.inner.len())
    }
}

impl Gazetteer {
    fn entry(&self, id: &str) -> Option<Entry> {
        let entry = self.inner.get(self.inner.lookup(id)?)?;
        Some(Entry::from(entry))
    }
}

/// One actor of a gazetteer.
#[pyclass(module = "actorgraph", frozen, eq, get_all)]
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    /// The id, such as "RUS" or "vladimir_putin"; discovered actors' start "discovered:".
    id: String,
    /// person, state, group or place.
    kind: String,
    /// The canonical name.
    label: String,
    /// Every name it is matched by, adjectives included.
    aliases: Vec<String>,
    /// A state's ISO 3166 code, if any.
    iso: Option<String>,
    /// The state a person or group belongs to, if any.
    affiliation: Option<String>,
    /// The state a place is in, if any.
    country: Option<String>,
    /// A person's role, if any.
    role: Option<String>,
    /// Whether discovery proposed it.
    discovered: bool,
    /// The note of its gazetteer row, if any.
    note: Option<String>,
}

impl From<&ag::Entry> for Entry {
    fn from(e: &ag::Entry) -> Entry {
        let text = |s: Option<&str>| s.map(str::to_string);
        Entry {
            id: e.id().to_string(),
            kind: e.kind().as_str().to_string(),
            label: e.label().to_string(),
            aliases: e.aliases().iter().map(|a| a.text().to_string()).collect(),
            iso: text(e.iso_code()),
            affiliation: text(e.affiliation_id()),
            country: text(e.country_id()),
            role: text(e.role_name()),
            discovered: e.is_discovered(),
            note: text(e.note_text()),
        }
    }
}

#[pymethods]
impl Entry {
    fn __repr__(&self) -> String {
        format!("Entry(id={:?}, kind={:?}, label={:?})", self.id, self.kind, self.label)
    }
}

/// The compiled part of the `actorgraph` Python package.
#[pymodule]
fn _actorgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ActorgraphError", py.get_type::<ActorgraphError>())?;
    m.add("ActorgraphWarning", py.get_type::<ActorgraphWarning>())?;
    m.add_class::<Pipeline>()?;
    m.add_class::<Mention>()?;
    m.add_class::<stream::MentionsIter>()?;
    m.add_class::<Graph>()?;
    m.add_class::<Gazetteer>()?;
    m.add_class::<Entry>()?;
    m.add_class::<Totals>()?;
    m.add_class::<results::Slices>()?;
    m.add_class::<results::Partial>()?;
    m.add_class::<import::Imported>()?;
    m.add_function(wrap_pyfunction!(results::merge, m)?)?;
    m.add_function(wrap_pyfunction!(import::import_gazetteer, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
