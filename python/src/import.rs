//! `import_gazetteer`: the command line's `actorgraph gazetteer import`, which converts a
//! GeoNames dump, a CAMEO .actors dictionary or spaCy EntityRuler patterns into gazetteer rows.

use std::path::PathBuf;

use actorgraph as ag;
use actorgraph::Importer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::{Entry, choose, to_py_err};

/// The formats of `from_`, the command line's `--from`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Geonames,
    Cameo,
    Spacy,
}

const FORMATS: [(&str, Format); 3] =
    [("geonames", Format::Geonames), ("cameo", Format::Cameo), ("spacy", Format::Spacy)];

/// What an import gives: the entries, what was skipped and the notes, and the gazetteer file.
#[pyclass(module = "actorgraph", frozen)]
pub(crate) struct Imported {
    inner: ag::Import,
    comments: Vec<String>,
}

#[pymethods]
impl Imported {
    /// The imported entries, in input order.
    #[getter]
    fn entries(&self) -> Vec<Entry> {
        self.inner.entries().iter().map(Entry::from).collect()
    }

    /// The number of names (labels, aliases and adjectives) of all entries.
    #[getter]
    fn name_count(&self) -> usize {
        self.inner.name_count()
    }

    /// What was left out, as (reason, count) pairs sorted by reason.
    #[getter]
    fn skipped(&self) -> Vec<(String, u64)> {
        self.inner.skipped().map(|(reason, n)| (reason.to_string(), n)).collect()
    }

    /// How many entities got a qualified label ("Springfield (US-IL)"): GeoNames only.
    #[getter]
    fn qualified(&self) -> u64 {
        self.inner.qualified()
    }

    /// Notes on single input lines (FILE:LINE: ...) and on the import as a whole.
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.inner.notes().to_vec()
    }

    /// The gazetteer file as text: the command line's output, byte for byte.
    fn to_tsv(&self) -> PyResult<String> {
        let mut out = Vec::new();
        self.write_to(&mut out)?;
        String::from_utf8(out).map_err(|err| PyValueError::new_err(err.to_string()))
    }

    /// Writes the gazetteer file to `path`, atomically, as the command line's `-o` does.
    fn write(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let mut file = ag::OutputFile::create(&path).map_err(to_py_err)?;
        py.detach(|| self.write_to(&mut file))?;
        file.commit().map_err(to_py_err)
    }

    fn __len__(&self) -> usize {
        self.inner.entries().len()
    }

    fn __repr__(&self) -> String {
        format!("<actorgraph.Imported: {} entries>", self.inner.entries().len())
    }
}

impl Imported {
    fn write_to<W: std::io::Write>(&self, wtr: W) -> PyResult<()> {
        let comments: Vec<&str> = self.comments.iter().map(String::as_str).collect();
        ag::write_tsv(self.inner.entries(), &comments, wtr).map_err(to_py_err)
    }
}

/// Imports a dictionary (plain or gzip-compressed) as gazetteer entries: the command line's
/// `actorgraph gazetteer import`, with its options under the same names. `from_` is its
/// `--from` (geonames, cameo or spacy; `from` is a Python keyword). The GeoNames options
/// (`min_population`, `feature_class`, `alternate_names`, `stop_list`, `dictionary`,
/// `no_dictionary`, `large_place`) apply only to geonames, `keep_ids` only to spacy; as on
/// the command line, the dictionary-word filter reads `/usr/share/dict/words` when it exists
/// and no `dictionary` is given. With `output`, the gazetteer file is written there, atomically, as with `-o`.
#[pyfunction]
#[pyo3(signature = (
    file, *, from_, output = None, min_population = None, feature_class = Vec::new(),
    alternate_names = false, stop_list = Vec::new(), dictionary = None, no_dictionary = false,
    large_place = None, keep_ids = false,
))]
// The keyword arguments are the command line's flags, one for one.
#[allow(clippy::too_many_arguments)]
pub(crate) fn import_gazetteer(
    py: Python<'_>,
    file: PathBuf,
    from_: &str,
    output: Option<PathBuf>,
    min_population: Option<u64>,
    feature_class: Vec<String>,
    alternate_names: bool,
    stop_list: Vec<PathBuf>,
    dictionary: Option<PathBuf>,
    no_dictionary: bool,
    large_place: Option<u64>,
    keep_ids: bool,
) -> PyResult<Imported> {
    let format = choose("from_", from_, &FORMATS)?;
    let geonames_only = [
        ("min_population", min_population.is_some()),
        ("feature_class", !feature_class.is_empty()),
        ("alternate_names", alternate_names),
        ("stop_list", !stop_list.is_empty()),
        ("dictionary", dictionary.is_some()),
        ("no_dictionary", no_dictionary),
        ("large_place", large_place.is_some()),
    ];
    if let Some((name, _)) = geonames_only.iter().find(|(_, given)| *given) {
        if format != Format::Geonames {
            return Err(PyValueError::new_err(format!(
                "{name} applies only to from_=\"geonames\""
            )));
        }
    }
    if keep_ids && format != Format::Spacy {
        return Err(PyValueError::new_err("keep_ids applies only to from_=\"spacy\""));
    }
    if dictionary.is_some() && no_dictionary {
        return Err(PyValueError::new_err("dictionary and no_dictionary exclude each other"));
    }
    let system = PathBuf::from(ag::GeonamesImporter::SYSTEM_DICTIONARY);
    let words = match dictionary {
        _ if no_dictionary => None,
        Some(path) => Some(path),
        None => system.is_file().then_some(system),
    };
    let classes =
        feature_class.iter().map(|c| feature_class_of(c)).collect::<PyResult<Vec<_>>>()?;
    let inner = py
        .detach(|| match format {
            Format::Geonames => {
                let mut importer = ag::GeonamesImporter::new();
                importer
                    .min_population(min_population.unwrap_or(0))
                    .feature_classes(&classes)
                    .alternate_names(alternate_names);
                for path in &stop_list {
                    importer.stop_list_path(path)?;
                }
                if let Some(n) = large_place {
                    importer.large_place(n);
                }
                if let Some(path) = &words {
                    importer.dictionary_path(path)?;
                }
                importer.import_path(&file)
            }
            Format::Cameo => ag::CameoImporter::new().import_path(&file),
            Format::Spacy => ag::SpacyImporter::new().keep_ids(keep_ids).import_path(&file),
        })
        .map_err(to_py_err)?;
    let name = file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let format_name = FORMATS.iter().find(|(_, f)| *f == format).map_or("", |(n, _)| *n);
    let mut comments =
        vec![format!("Imported with: actorgraph gazetteer import --from {format_name} {name}")];
    comments.extend(inner.header().iter().cloned());
    let imported = Imported { inner, comments };
    if let Some(path) = output {
        imported.write(py, path)?;
    }
    Ok(imported)
}

/// Checks a GeoNames feature class: one of the letters A, H, L, P, R, S, T, U, V.
fn feature_class_of(text: &str) -> PyResult<String> {
    let class = text.trim().to_ascii_uppercase();
    if class.len() == 1 && "AHLPRSTUV".contains(&class) {
        Ok(class)
    } else {
        Err(PyValueError::new_err(format!(
            "{text:?} is not a GeoNames feature class (A, H, L, P, R, S, T, U or V)"
        )))
    }
}
