//! `actorgraph gazetteer import`: converts other people's dictionaries into a gazetteer file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use actorgraph::{
    CameoImporter, EntityKind, GeonamesImporter, Import, Importer, Result, SpacyImporter, write_tsv,
};

use crate::args::{GazetteerArgs, GazetteerCommand, GazetteerFiles, ImportArgs, ImportFormatArg};
use crate::output::{create_file, file_arg};
use crate::pipeline::load_gazetteer;

/// Runs a `gazetteer` subcommand. Returns whether any entity was written.
pub(crate) fn run(args: GazetteerArgs) -> Result<bool> {
    match args.command {
        GazetteerCommand::Import(args) => import(&args),
        GazetteerCommand::Suggest(args) => crate::app::suggest(args),
        GazetteerCommand::Stats(files) => {
            let gaz = load_gazetteer(&files.gazetteers, files.no_default_gazetteer, true)?;
            print!("{}", gaz.stats());
            Ok(true)
        }
        GazetteerCommand::Check(files) => check(&files),
    }
}

/// Prints what `Gazetteer::check` finds, one line each, and a count on standard error.
/// Returns true (exit code 0) when the gazetteer is clean.
fn check(files: &GazetteerFiles) -> Result<bool> {
    let gaz = load_gazetteer(&files.gazetteers, files.no_default_gazetteer, true)?;
    let found = gaz.check();
    let mut out = io::stdout().lock();
    for finding in &found {
        writeln!(out, "{finding}")?;
    }
    eprintln!("actorgraph: {} entities checked, {} findings", gaz.len(), found.len());
    Ok(found.is_empty())
}

fn import(args: &ImportArgs) -> Result<bool> {
    args.check().map_err(|msg| io::Error::new(io::ErrorKind::InvalidInput, msg))?;
    let file = file_arg(&args.output).map(create_file).transpose()?;
    let (import, words) = read(args)?;
    let name = args.file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let command = format!(
        "Imported with: actorgraph gazetteer import --from {} {name}",
        format_name(args.from)
    );
    let mut comments = vec![command.as_str()];
    comments.extend(import.header().iter().map(String::as_str));
    match file {
        Some(mut file) => {
            write_tsv(import.entries(), &comments, &mut file)?;
            file.commit()?;
        }
        None => write_tsv(import.entries(), &comments, io::stdout().lock())?,
    }
    if let Some(line) = words {
        eprintln!("actorgraph: {line}");
    }
    report(args, &import);
    Ok(!import.entries().is_empty())
}

/// Imports the file. Returns the import and, for GeoNames, a line saying which word list was
/// used (or a warning that none was found).
fn read(args: &ImportArgs) -> Result<(Import, Option<String>)> {
    match args.from {
        ImportFormatArg::Geonames => {
            let mut importer = GeonamesImporter::new();
            importer
                .min_population(args.min_population.unwrap_or(0))
                .feature_classes(&args.feature_class)
                .alternate_names(args.alternate_names);
            for path in &args.stop_list {
                importer.stop_list_path(path)?;
            }
            if let Some(n) = args.large_place {
                importer.large_place(n);
            }
            let mut words = None;
            if let Some(path) = dictionary(args) {
                importer.dictionary_path(&path)?;
                words = Some(format!(
                    "dictionary words from {} ({} lower-case words)",
                    path.display(),
                    importer.dictionary_len()
                ));
            } else if !args.no_dictionary {
                words = Some(format!(
                    "warning: no word list at {}, so dictionary words are not left out (install one, e.g. Debian's wamerican: apt-get install wamerican, or give --dictionary FILE; --no-dictionary silences this)",
                    GeonamesImporter::SYSTEM_DICTIONARY
                ));
            }
            Ok((importer.import_path(&args.file)?, words))
        }
        ImportFormatArg::Cameo => Ok((CameoImporter::new().import_path(&args.file)?, None)),
        ImportFormatArg::Spacy => {
            let mut importer = SpacyImporter::new();
            Ok((importer.keep_ids(args.keep_ids).import_path(&args.file)?, None))
        }
    }
}

/// The word list of `--dictionary`, else the system's if it exists, unless `--no-dictionary`.
fn dictionary(args: &ImportArgs) -> Option<PathBuf> {
    if args.no_dictionary {
        return None;
    }
    let system = Path::new(GeonamesImporter::SYSTEM_DICTIONARY);
    args.dictionary.clone().or_else(|| system.is_file().then(|| system.to_path_buf()))
}

fn format_name(format: ImportFormatArg) -> &'static str {
    match format {
        ImportFormatArg::Geonames => "geonames",
        ImportFormatArg::Cameo => "cameo",
        ImportFormatArg::Spacy => "spacy",
    }
}

/// Prints the summary, what was skipped and the notes to standard error.
fn report(args: &ImportArgs, import: &Import) {
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "actorgraph: imported {} entities with {} names from {}{}",
        import.entries().iter().filter(|e| !e.is_merge()).count(),
        import.name_count(),
        args.file.display(),
        kinds(import)
    );
    for (reason, n) in import.skipped() {
        let _ = writeln!(err, "actorgraph: skipped {n} {reason}");
    }
    if import.qualified() > 0 {
        let _ = writeln!(
            err,
            "actorgraph: {} entities have a qualified label: their name is stop-listed or a more populous place has it",
            import.qualified()
        );
    }
    for note in import.notes() {
        let _ = writeln!(err, "actorgraph: note: {note}");
    }
}

/// Counts the new entries of each kind and the merge rows: ": 12 persons, 3 groups, 2 merge
/// rows adding to built-in entities".
fn kinds(import: &Import) -> String {
    let new = || import.entries().iter().filter(|e| !e.is_merge());
    let mut counts: Vec<String> = EntityKind::ALL
        .iter()
        .map(|&kind| (kind, new().filter(|e| e.kind() == kind).count()))
        .filter(|&(_, n)| n > 0)
        .map(|(kind, n)| format!("{n} {kind}{}", if n == 1 { "" } else { "s" }))
        .collect();
    let merges = import.entries().iter().filter(|e| e.is_merge()).count();
    if merges > 0 {
        counts.push(format!(
            "{merges} merge row{} adding to built-in entities",
            if merges == 1 { "" } else { "s" }
        ));
    }
    if counts.is_empty() { String::new() } else { format!(" ({})", counts.join(", ")) }
}
