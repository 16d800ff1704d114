//! Reading the partial results of shards from files, directories and globs, in the shapes
//! that job engines leave them, and merging them into the one result of a single run.
//!
//! GNU parallel leaves one file per shard; Spark and Hadoop a directory of `part-*` files (some
//! empty, each holding one partial per line) with a `_SUCCESS` marker. All of them are read as
//! they are.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::export::Partial;

/// Reads every partial of `inputs` in order and merges them into the partial one run over all
/// their documents would give: what `actorgraph merge` reads.
///
/// An input is a file of partials (one a line, as `graph --partial` writes them or a job
/// engine collects them; a trailing tab is allowed), a directory (its files in sorted order at
/// any depth, leaving out hidden files and the `_SUCCESS` markers and `_temporary` work
/// directories of Spark and Hadoop, with a note; a directory reached twice through links is
/// read once), or a pattern with `*`, `?` or `[...]` within a path component that no file is
/// named after (its matches, sorted). Notes (empty files, markers skipped, a document set seen
/// twice) go to `note` as they come. Returns the merged partial and how many were read.
///
/// # Errors
///
/// An input that cannot be read, a pattern that matches nothing and a malformed partial are
/// errors that name the file (and line); so are partials made with other settings
/// ([`Partial::merge`]) and inputs holding no partial at all.
///
/// ```
/// use actorgraph::{Document, Pipeline, merge_partials};
///
/// let dir = std::env::temp_dir().join(format!("actorgraph-doc-merge-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let mut pipeline = Pipeline::new()?;
/// for (name, text) in [("a", "Russia met Ukraine."), ("b", "Ukraine met Iran.")] {
///     let counted = pipeline.count_documents([Document::new(name, text)], |_| Ok(()))?;
///     let file = std::fs::File::create(dir.join(format!("part-{name}")))?;
///     pipeline.to_partial(&counted.counts).write(file)?;
/// }
/// let (merged, count) = merge_partials(&[&dir], |note| eprintln!("{note}"))?;
/// assert_eq!((count, merged.document_count()), (2, 2));
/// std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn merge_partials<P: AsRef<Path>>(
    inputs: &[P],
    mut note: impl FnMut(&str),
) -> Result<(Partial, u64)> {
    let mut merged: Option<Partial> = None;
    let mut count = 0;
    // The hash of each document set seen, and where it was first seen.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for path in files(inputs, &mut note)? {
        let file = fs::File::open(&path).map_err(|err| Error::io_at(&path, err))?;
        let shown = path.display().to_string();
        let mut empty = true;
        for partial in Partial::read_lines(BufReader::new(file), &shown) {
            let partial = partial?;
            empty = false;
            count += 1;
            warn_if_seen(&mut seen, &partial, &mut note);
            match &mut merged {
                Some(all) => all.merge(partial)?,
                None => merged = Some(partial),
            }
        }
        if empty {
            note(&format!("note: {shown}: empty, skipped (a shard or partition with no output)"));
        }
    }
    let merged = merged.ok_or_else(|| {
        let inputs: Vec<String> = inputs.iter().map(|p| p.as_ref().display().to_string()).collect();
        let msg = format!(
            "no partial result in {}: did every shard fail, or write elsewhere?",
            inputs.join(", ")
        );
        std::io::Error::new(std::io::ErrorKind::InvalidData, msg)
    })?;
    Ok((merged, count))
}

/// Warns when a partial counted the same documents as one read before: its counts would be
/// added twice.
fn warn_if_seen(
    seen: &mut BTreeMap<String, String>,
    partial: &Partial,
    note: &mut impl FnMut(&str),
) {
    let hash = partial.documents_hash();
    if hash.is_empty() || partial.document_count() == 0 {
        return;
    }
    match seen.get(hash) {
        Some(first) => note(&format!(
            "warning: {}: the same {} documents as {first}: their counts are added twice (was \
             a shard given twice?)",
            partial.origin(),
            partial.document_count()
        )),
        None => {
            seen.insert(hash.to_string(), partial.origin());
        }
    }
}

/// The files of `inputs`, in order: a file as it is, a directory's files in sorted order (at
/// any depth, leaving out hidden ones and the `_SUCCESS` markers and `_temporary` directories
/// of Spark and Hadoop, with a note), a glob's matches in sorted order.
fn files<P: AsRef<Path>>(inputs: &[P], note: &mut impl FnMut(&str)) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        let input = input.as_ref();
        let paths = match input.exists() || !is_glob(input) {
            true => vec![input.to_path_buf()],
            false => glob(input)?,
        };
        for path in paths {
            match path.is_dir() {
                true => walk(&path, &mut files, &mut HashSet::new(), note)?,
                false => files.push(path),
            }
        }
    }
    Ok(files)
}

/// Adds the files of `dir` to `files`, in sorted order, at any depth. A directory reached a
/// second time (`seen`, by its canonical path: a link cycle) is skipped with a note.
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    note: &mut impl FnMut(&str),
) -> Result<()> {
    let real = fs::canonicalize(dir).map_err(|err| Error::io_at(dir, err))?;
    if !seen.insert(real) {
        note(&format!("note: {}: a directory read already, skipped", dir.display()));
        return Ok(());
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|err| Error::io_at(dir, err))? {
        entries.push(entry.map_err(|err| Error::io_at(dir, err))?.path());
    }
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue; // hidden, such as Hadoop's .part-00000.crc checksums
        }
        if name.starts_with('_') {
            note(&format!("note: {}: skipped (a job's marker or work file)", path.display()));
        } else if path.is_dir() {
            walk(&path, files, seen, note)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Whether a path that does not exist is a pattern: it holds `*`, `?` or `[`.
fn is_glob(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

/// The paths that match `pattern` (`*`, `?` and `[...]` within one path component), sorted;
/// an error if none does, as the shell would say.
fn glob(pattern: &Path) -> Result<Vec<PathBuf>> {
    let mut found = vec![PathBuf::new()];
    for part in pattern.components() {
        let text = part.as_os_str().to_string_lossy();
        if !text.contains(['*', '?', '[']) {
            found.iter_mut().for_each(|p| p.push(part));
            continue;
        }
        let mut next = Vec::new();
        for base in &found {
            let dir = if base.as_os_str().is_empty() { Path::new(".") } else { base.as_path() };
            let Ok(entries) = fs::read_dir(dir) else { continue };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') && wildcard(text.as_bytes(), name.as_bytes()) {
                    next.push(base.join(&name));
                }
            }
        }
        next.sort();
        found = next;
    }
    if found.is_empty() {
        let err = std::io::Error::new(std::io::ErrorKind::NotFound, "no file matches");
        return Err(Error::io_at(pattern, err));
    }
    Ok(found)
}

/// Whether `name` matches the shell pattern `pat`: `*` any run, `?` one byte, `[abc]` or
/// `[a-z]` one of a set (`[!...]` or `[^...]` none of it).
///
/// Each `*` is tried at one place at a time, going back only to the last one: the time is at
/// most the product of the two lengths, however many stars the pattern holds.
fn wildcard(pat: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    // Where to go on after the last star: the pattern after it, and the name byte it took.
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        let step = match pat.get(p) {
            Some(b'*') => {
                star = Some((p + 1, n));
                p += 1;
                continue;
            }
            Some(b'?') => Some(1),
            Some(b'[') => match pat[p..].iter().position(|&b| b == b']') {
                Some(end) if end > 1 => {
                    let set = &pat[p + 1..p + end];
                    let (negated, set) = match set.first() {
                        Some(b'!' | b'^') => (true, &set[1..]),
                        _ => (false, set),
                    };
                    (in_set(set, name[n]) != negated).then_some(end + 1)
                }
                _ => (name[n] == b'[').then_some(1),
            },
            Some(&c) => (name[n] == c).then_some(1),
            None => None,
        };
        match (step, star) {
            (Some(len), _) => {
                p += len;
                n += 1;
            }
            (None, Some((after, taken))) => {
                p = after;
                n = taken + 1;
                star = Some((after, taken + 1));
            }
            (None, None) => return false,
        }
    }
    pat[p..].iter().all(|&b| b == b'*')
}

/// Whether `c` is in a bracket set such as `abc` or `0-9`.
fn in_set(set: &[u8], c: u8) -> bool {
    let mut i = 0;
    while i < set.len() {
        if i + 2 < set.len() && set[i + 1] == b'-' {
            if (set[i]..=set[i + 2]).contains(&c) {
                return true;
            }
            i += 3;
        } else {
            if set[i] == c {
                return true;
            }
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_as_the_shell_does() {
        let yes = |p: &str, n: &str| wildcard(p.as_bytes(), n.as_bytes());
        assert!(yes("part-*", "part-00000"));
        assert!(yes("*", "_SUCCESS"));
        assert!(!yes("part-*", "_SUCCESS"));
        assert!(yes("part-0000?", "part-00007"));
        assert!(!yes("part-0000?", "part-000071"));
        assert!(yes("[0-9][0-9].json", "07.json"));
        assert!(!yes("[!0-9]*", "07.json"));
        assert!(yes("*.json", "a.json") && !yes("*.json", "a.jsonl"));
        assert!(yes("a*b*c", "aXXbYYc") && !yes("a*b*c", "aXXbYY"));
        assert!(yes("*[0-9]", "part-7") && !yes("*[0-9]", "part-x"));
        assert!(yes("[", "[") && yes("a[", "a[") && !yes("[]", "x"));
        assert!(yes("**a*", "ba") && yes("*", "") && !yes("?", ""));
    }

    #[test]
    fn many_stars_take_no_more_than_the_product_of_the_lengths() {
        // Backtracking at every star took exponential time on such a pattern.
        let pat = "a*".repeat(40) + "b";
        let name = "a".repeat(4000);
        assert!(!wildcard(pat.as_bytes(), name.as_bytes()));
        assert!(wildcard(pat.as_bytes(), (name + "b").as_bytes()));
    }
}
