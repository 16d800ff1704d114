//! `actorgraph gazetteer import`: converts other people's dictionaries into a gazetteer file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use actorgraph::{
    CameoImporter, Checker, EntityKind, GeonamesImporter, Import, Importer, Report, Result,
    SpacyImporter, write_tsv,
};

use crate::args::{CheckArgs, GazetteerArgs, GazetteerCommand, ImportArgs, ImportFormatArg};
use crate::output::{create_file, file_arg};
use crate::pipeline::{NOTES_LISTED, load_gazetteer, summarised};

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
        GazetteerCommand::Check(args) => check(&args),
    }
}

/// Prints what `Checker` finds, by kind (a heading with the count, then the findings, the
/// first few unless `--verbose`), and a summary on standard error. Returns true (exit code 0)
/// when the gazetteer is clean.
fn check(args: &CheckArgs) -> Result<bool> {
    let mut checker = Checker::new();
    let path = word_list(args.dictionary.as_deref(), args.no_dictionary);
    if let Some(path) = &path {
        checker.dictionary_path(path)?;
    }
    if let Some(n) = args.large_place {
        checker.large_place(n);
    }
    let files = &args.files;
    let gaz = load_gazetteer(&files.gazetteers, files.no_default_gazetteer, true)?;
    let report = checker.check(&gaz);
    let mut out = io::stdout().lock();
    for (kind, found) in report.groups() {
        let listed = if summarised(found.len(), args.verbose) { NOTES_LISTED } else { found.len() };
        let more = match found.len() - listed {
            0 => String::new(),
            n => format!(" ({n} more not listed; --verbose lists them all)"),
        };
        writeln!(out, "{kind}: {}{more}", found.len())?;
        for finding in &found[..listed] {
            writeln!(out, "{finding}")?;
        }
    }
    if let Some(line) =
        word_list_line(path.as_deref(), checker.dictionary_len(), args.no_dictionary)
    {
        eprintln!("actorgraph: {line}");
    }
    eprintln!("actorgraph: {} entities checked: {}", gaz.len(), check_summary(&report));
    Ok(report.is_empty())
}

/// "3 findings (names taken over: 2, dictionary words: 1); names of later files that stay
/// with the built-in entities (the safe default, not reported): 12".
fn check_summary(report: &Report) -> String {
    let counts: Vec<String> =
        report.groups().map(|(kind, found)| format!("{kind}: {}", found.len())).collect();
    let mut line = match counts.len() {
        0 => "no findings".to_string(),
        _ => format!("{} findings ({})", report.len(), counts.join(", ")),
    };
    if report.kept_names() > 0 {
        line.push_str(&format!(
            "; names of later files that stay with the built-in entities (the safe default, not reported): {}",
            report.kept_names()
        ));
    }
    line
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
            let path = word_list(args.dictionary.as_deref(), args.no_dictionary);
            if let Some(path) = &path {
                importer.dictionary_path(path)?;
            }
            let words =
                word_list_line(path.as_deref(), importer.dictionary_len(), args.no_dictionary);
            Ok((importer.import_path(&args.file)?, words))
        }
        ImportFormatArg::Cameo => Ok((CameoImporter::new().import_path(&args.file)?, None)),
        ImportFormatArg::Spacy => {
            let mut importer = SpacyImporter::new();
            Ok((importer.keep_ids(args.keep_ids).import_path(&args.file)?, None))
        }
    }
}

/// The word list of `--dictionary`, else the system's if it exists, unless `--no-dictionary`
/// (for `import --from geonames` and `check`).
fn word_list(dictionary: Option<&Path>, no_dictionary: bool) -> Option<PathBuf> {
    if no_dictionary {
        return None;
    }
    let system = Path::new(GeonamesImporter::SYSTEM_DICTIONARY);
    dictionary.map(Path::to_path_buf).or_else(|| system.is_file().then(|| system.to_path_buf()))
}

/// The line saying which word list was read (`path`, with `len` lower-case words), or the
/// warning that none was found; nothing with `--no-dictionary`.
fn word_list_line(path: Option<&Path>, len: usize, no_dictionary: bool) -> Option<String> {
    match path {
        Some(path) => {
            Some(format!("dictionary words from {} ({len} lower-case words)", path.display()))
        }
        None if no_dictionary => None,
        None => Some(format!(
            "warning: no word list at {}, so dictionary words are not looked for (install one, e.g. Debian's wamerican: apt-get install wamerican, or give --dictionary FILE; --no-dictionary silences this)",
            GeonamesImporter::SYSTEM_DICTIONARY
        )),
    }
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
