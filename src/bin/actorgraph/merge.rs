//! `actorgraph merge`: the partial results of shards, read from files, directories and
//! globs, and combined into the graph one run would give.
//!
//! Job engines leave their outputs in many shapes: GNU parallel one file per shard, Spark and
//! Hadoop a directory of `part-*` files (some empty, each holding one partial per line) with a
//! `_SUCCESS` marker. All of them are read as they are.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

use actorgraph::{Error, Partial, Result};

/// Reads every partial of `inputs` in order and merges them. Notes (empty files, markers
/// skipped, a document set seen twice) go to `note` as they come. Returns the merged partial
/// and how many were read.
pub(crate) fn read_all(inputs: &[PathBuf], mut note: impl FnMut(&str)) -> Result<(Partial, u64)> {
    let mut merged: Option<Partial> = None;
    let mut count = 0;
    // The hash of each document set seen, and where it was first seen.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for path in files(inputs, &mut note)? {
        let file = fs::File::open(&path).map_err(|err| io_at(&path, err))?;
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
        let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
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
fn files(inputs: &[PathBuf], note: &mut impl FnMut(&str)) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        let paths = match input.exists() || !is_glob(input) {
            true => vec![input.clone()],
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
    let real = fs::canonicalize(dir).map_err(|err| io_at(dir, err))?;
    if !seen.insert(real) {
        note(&format!("note: {}: a directory read already, skipped", dir.display()));
        return Ok(());
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|err| io_at(dir, err))? {
        entries.push(entry.map_err(|err| io_at(dir, err))?.path());
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
        return Err(io_at(pattern, err));
    }
    Ok(found)
}

/// Whether `name` matches the shell pattern `pat`: `*` any run, `?` one byte, `[abc]` or
/// `[a-z]` one of a set (`[!...]` or `[^...]` none of it).
fn wildcard(pat: &[u8], name: &[u8]) -> bool {
    match pat.first() {
        None => name.is_empty(),
        Some(b'*') => (0..=name.len()).any(|i| wildcard(&pat[1..], &name[i..])),
        Some(b'?') => !name.is_empty() && wildcard(&pat[1..], &name[1..]),
        Some(b'[') => match (pat.iter().position(|&b| b == b']'), name.first()) {
            (Some(end), Some(&c)) if end > 1 => {
                let set = &pat[1..end];
                let (negated, set) = match set.first() {
                    Some(b'!' | b'^') => (true, &set[1..]),
                    _ => (false, set),
                };
                in_set(set, c) != negated && wildcard(&pat[end + 1..], &name[1..])
            }
            _ => name.first() == Some(&b'[') && wildcard(&pat[1..], &name[1..]),
        },
        Some(&c) => name.first() == Some(&c) && wildcard(&pat[1..], &name[1..]),
    }
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

/// An I/O error that names its path.
fn io_at(path: &Path, err: io::Error) -> Error {
    Error::from(io::Error::new(err.kind(), format!("{}: {}", path.display(), err)))
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
    }
}
