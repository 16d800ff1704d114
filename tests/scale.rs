//! Scaling out (issue 13): partial results that job engines can run and that refuse to mix,
//! `merge` over what those engines leave behind, and the README's recipes played as written:
//! Hadoop Streaming's contract, and GNU parallel itself when it is installed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::util::{TempDir, actorgraph, exits, root, run, run_stdin, shared_present};

/// Five short wire items, some with dates: a corpus for shards.
fn records() -> Vec<String> {
    let jsonl = fs::read_to_string(root().join("data/sample.jsonl")).unwrap();
    jsonl.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{l}\n")).collect()
}

/// `graph --partial - --out -` over `stdin`, with `args`: (exit status, stdout, stderr).
fn partial_of(stdin: &[u8], args: &[&str]) -> (i32, String, String) {
    let mut cmd = actorgraph();
    cmd.args(["graph", "--partial", "-", "--out", "-"]).args(args);
    run_stdin(&mut cmd, stdin)
}

/// The graph files of a single run over `inputs`, and those of `merge` over `partials`, must
/// be byte for byte the same.
fn assert_merge_is_one_run(dir: &TempDir, inputs: &[PathBuf], partials: &[PathBuf]) {
    let one = dir.join("one");
    exits(0, run(actorgraph().args(["graph", "-q"]).args(inputs).arg("--out").arg(&one)));
    let merged = dir.join("merged");
    exits(0, run(actorgraph().args(["merge", "-q"]).args(partials).arg("--out").arg(&merged)));
    for name in ["nodes.csv", "edges.csv", "graph.dot"] {
        let (a, b) = (fs::read(one.join(name)).unwrap(), fs::read(merged.join(name)).unwrap());
        assert!(a == b, "{name} differs between one run and the merge");
    }
}

#[test]
fn r13_a_partial_without_actors_exits_0() {
    let (stdout, _) = exits(0, partial_of(b"{\"id\": \"a\", \"text\": \"Nothing here.\"}\n", &[]));
    assert!(stdout.contains("\"documents\":1") && stdout.contains("\"nodes\":[]"), "{stdout}");
    let dir = TempDir::new("no-actor");
    let empty = dir.write("a.txt", "Nothing here.");
    exits(
        0,
        run(actorgraph().args(["graph", "--partial"]).arg(&empty).arg("--out").arg(dir.join("p"))),
    );
    assert!(dir.join("p/partial.json").exists());
}

#[test]
fn r13_a_broken_shard_exits_2() {
    let (code, stdout, err) = partial_of(b"{\"id\": \"a\", \"text\": \"Russia\n", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(stdout.is_empty(), "no partial for a broken shard: {stdout}");
    assert!(err.contains("<stdin>:1: invalid JSON"), "{err}");
}

#[test]
fn r13_out_dash_writes_the_partial_as_one_line_to_stdout() {
    let (stdout, _) = exits(0, partial_of(records().concat().as_bytes(), &["-q"]));
    assert_eq!(stdout.matches('\n').count(), 1, "one line: {stdout}");
    assert!(stdout.starts_with("{\"format\":\"actorgraph-partial\",\"version\":3,"), "{stdout}");
    let dir = TempDir::new("out-dash");
    let out = dir.write("p.json", &stdout);
    let merged = dir.join("m");
    exits(0, run(actorgraph().args(["merge", "-q"]).arg(&out).arg("--out").arg(&merged)));
    // A graph is a set of files: --out - is for a partial only, and makes no directory "-".
    let (code, _, err) = run(actorgraph()
        .current_dir(dir.path())
        .args(["graph", "-q"])
        .arg(root().join("data/sample.jsonl"))
        .args(["--out", "-"]));
    assert_eq!(code, 2);
    assert!(err.contains("--out - (standard output) takes only a partial result"), "{err}");
    assert!(!dir.join("-").exists());
}

#[test]
fn r13_empty_stdin_is_no_document() {
    for stdin in [&b""[..], b"\xEF\xBB\xBF", b"\n \n"] {
        let (stdout, err) = exits(0, partial_of(stdin, &[]));
        assert!(stdout.contains("\"documents\":0,"), "{stdin:?}: {stdout}");
        assert!(err.contains("0 documents") && !err.contains("empty document"), "{err}");
    }
    let (code, _, err) = run_stdin(actorgraph().args(["extract", "-"]), b"");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("0 documents"), "{err}");
}

#[test]
fn r13_a_byte_order_mark_on_stdin_is_jsonl() {
    let record = "\u{FEFF}{\"id\": \"a\", \"text\": \"Russia met Ukraine.\"}\n";
    let (stdout, _) = exits(0, run_stdin(actorgraph().args(["extract", "-"]), record.as_bytes()));
    assert!(stdout.lines().nth(1).is_some_and(|l| l.starts_with("a,")), "{stdout}");
}

#[test]
fn r13_output_options_are_refused_with_partial() {
    for flag in [
        &["--format", "gexf"][..],
        &["--min-weight", "2"],
        &["--no-measures"],
        &["--exclude", "USA"],
    ] {
        let (code, stdout, err) = partial_of(b"", flag);
        assert_eq!(code, 2, "{flag:?}: {err}");
        assert!(stdout.is_empty());
        let want =
            format!("actorgraph: {} is an output option, which --partial does not use", flag[0]);
        assert!(err.contains(&want) && err.contains("`actorgraph merge`"), "{err}");
    }
}

/// Writes the partial of `records` made with `args` into `dir/name` and returns its path.
fn partial_file(dir: &TempDir, name: &str, records: &[String], args: &[&str]) -> PathBuf {
    let (stdout, _) = exits(0, partial_of(records.concat().as_bytes(), &[&["-q"], args].concat()));
    dir.write(name, stdout)
}

#[test]
fn r13_merge_refuses_partials_made_with_other_settings() {
    let dir = TempDir::new("settings");
    let records = records();
    let a = partial_file(&dir, "a.json", &records[..2], &[]);
    let extra = dir.write("extra.tsv", "id\tkind\tlabel\taliases\nfoo\tgroup\tFoo Front\t\n");
    let relabelled =
        dir.write("extra2.tsv", "id\tkind\tlabel\taliases\nfoo\tgroup\tThe Foo Front\t\n");
    let extra_args = ["-g", extra.to_str().unwrap()];
    let cases: [(&[&str], &str); 5] = [
        (&["--no-adjectives"], "adjectives is \"true\" there, \"false\" here"),
        (&["--no-surnames"], "surnames is \"true\" there, \"false\" here"),
        (&["--no-discover"], "discover is \"true\" there, \"false\" here"),
        (&["--window", "paragraph"], "window is \"sentence\" there, \"paragraph\" here"),
        (&extra_args, "gazetteer 2 is not set there, \"extra.tsv "),
    ];
    for (i, (args, want)) in cases.iter().enumerate() {
        let b = partial_file(&dir, &format!("b{i}.json"), &records[2..], args);
        let (code, _, err) =
            run(actorgraph().arg("merge").arg(&a).arg(&b).arg("--out").arg(dir.join("m")));
        assert_eq!(code, 2, "{args:?}: {err}");
        let head = format!(
            "actorgraph: {}:1: cannot merge: made with other settings than {}:1: ",
            b.display(),
            a.display()
        );
        assert!(err.contains(&head) && err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("cannot build the matcher"), "{err}");
    }
    // The same layer with other content (a relabelled entity) is another gazetteer.
    let g1 = partial_file(&dir, "g1.json", &records[..2], &extra_args);
    fs::copy(&relabelled, &extra).unwrap();
    let g2 = partial_file(&dir, "g2.json", &records[2..], &extra_args);
    let (code, _, err) =
        run(actorgraph().arg("merge").arg(&g1).arg(&g2).arg("--out").arg(dir.join("m")));
    assert_eq!(code, 2);
    assert!(err.contains("gazetteer 2 is \"extra.tsv "), "{err}");
    assert!(!dir.join("m").exists(), "nothing written");
}

#[test]
fn r13_merge_warns_about_a_shard_given_twice() {
    let dir = TempDir::new("twice");
    let records = records();
    let a = partial_file(&dir, "a.json", &records[..3], &[]);
    let b = partial_file(&dir, "b.json", &records[3..], &[]);
    let (_, err) = exits(
        0,
        run(actorgraph().arg("merge").arg(&a).arg(&b).arg(&a).arg("--out").arg(dir.join("m"))),
    );
    let want = format!(
        "actorgraph: warning: {}:1: the same 3 documents as {}:1: their counts are added twice",
        a.display(),
        a.display()
    );
    assert!(err.contains(&want), "{err}");
    let (_, err) =
        exits(0, run(actorgraph().arg("merge").arg(&a).arg(&b).arg("--out").arg(dir.join("m"))));
    assert!(!err.contains("warning"), "{err}");
}

/// Edits a field of a partial's text and writes it as `name`: what `merge` must refuse.
fn edited(dir: &TempDir, good: &str, name: &str, from: &str, to: &str) -> PathBuf {
    assert!(good.contains(from), "{from} is not in the partial");
    dir.write(name, good.replacen(from, to, 1))
}

#[test]
fn r13_merge_refuses_inconsistent_counts_and_dates() {
    let dir = TempDir::new("inconsistent");
    let (good, _) = exits(0, partial_of(records().concat().as_bytes(), &["-q"]));
    let v: serde_json::Value = serde_json::from_str(&good).unwrap();
    let edge = &v["edges"][0];
    let (w, d) = (edge["weight"].as_u64().unwrap(), edge["documents"].as_u64().unwrap());
    let edge_text = format!("\"weight\":{w},\"documents\":{d},");
    let documents = v["documents"].as_u64().unwrap();
    let node = &v["nodes"][0];
    let node_text = format!("\"documents\":{},", node["documents"]);
    let cases = [
        (
            edge_text.clone(),
            format!("\"weight\":{w},\"documents\":{},", w + 1),
            "the counts are inconsistent",
        ),
        (node_text, format!("\"documents\":{},", documents + 1), "the counts are inconsistent"),
        (
            format!("\"first_date\":{}", v["first_date"]),
            "\"first_date\":\"soon\"".to_string(),
            "document date \"soon\"",
        ),
        (
            format!("\"undated\":{}", v["undated"]),
            format!("\"undated\":{}", documents + 1),
            "undated documents of",
        ),
        (
            "\"adjectives\":\"true\"".to_string(),
            "\"adjectives\":\"false\"".to_string(),
            "the fingerprint does not match",
        ),
    ];
    for (i, (from, to, want)) in cases.iter().enumerate() {
        let bad = edited(&dir, &good, &format!("bad{i}.json"), from, to);
        let (code, _, err) =
            run(actorgraph().arg("merge").arg(&bad).arg("--out").arg(dir.join("m")));
        assert_eq!(code, 2, "{to}: {err}");
        let head = format!("actorgraph: {}:1: ", bad.display());
        assert!(err.contains(&head) && err.contains(want), "{to}: {err}");
    }
}

#[test]
fn r13_old_and_newer_partials_are_refused_naming_the_version() {
    let dir = TempDir::new("versions");
    for (version, want) in [
        (1, "a version 1 partial result has no window counts"),
        (2, "a version 2 partial result has no fingerprint"),
        (4, "a version 4 partial result is newer than this actorgraph reads (version 3)"),
    ] {
        let text =
            format!("{{\"format\":\"actorgraph-partial\",\"version\":{version},\"nodes\":[]}}\n");
        let path = dir.write("old.json", format!("\n{text}"));
        let (code, _, err) =
            run(actorgraph().arg("merge").arg(&path).arg("--out").arg(dir.join("m")));
        assert_eq!(code, 2);
        assert!(err.contains(&format!("{}:2: {want}", path.display())), "{err}");
    }
}

#[test]
fn r13_merge_reads_directories_globs_and_files_of_several_partials() {
    let dir = TempDir::new("shapes");
    let records = records();
    let mut inputs = Vec::new();
    for (i, record) in records.iter().enumerate() {
        inputs.push(dir.write(&format!("in{i}.jsonl"), record));
    }
    let lines: Vec<String> =
        records.iter().map(|r| exits(0, partial_of(r.as_bytes(), &["-q"])).0).collect();
    // A Spark output directory: part files (one empty, one of two partials with a Hadoop
    // tab), _SUCCESS, hidden checksums.
    fs::create_dir(dir.join("job")).unwrap();
    dir.write("job/part-00000", &lines[0]);
    dir.write("job/part-00001", "");
    dir.write(
        "job/part-00002",
        format!("{}\t\n\n{}\t\n", lines[1].trim_end(), lines[2].trim_end()),
    );
    dir.write("job/_SUCCESS", "");
    dir.write("job/.part-00000.crc", "crc");
    // A glob, quoted so that merge expands it, then a file of the last partials.
    fs::create_dir(dir.join("globbed")).unwrap();
    dir.write("globbed/a-3.json", &lines[3]);
    dir.write("globbed/skipped.txt", "not matched");
    let rest = dir.write("rest.jsonl", lines[4..].concat());
    let glob = dir.join("globbed/a-*.json");
    let partials = [dir.join("job"), glob.clone(), rest];
    assert_merge_is_one_run(&dir, &inputs, &partials);
    let (_, err) =
        exits(0, run(actorgraph().arg("merge").args(&partials).arg("--out").arg(dir.join("m2"))));
    let job = dir.join("job").display().to_string();
    assert!(err.contains(&format!("note: {job}/part-00001: empty, skipped")), "{err}");
    assert!(err.contains(&format!("note: {job}/_SUCCESS: skipped")), "{err}");
    assert!(err.contains(&format!("{} partials,", records.len())), "{err}");
    let (code, _, err) = run(actorgraph()
        .args(["merge", "-q"])
        .arg(dir.join("job/part-00001"))
        .arg("--out")
        .arg(dir.join("m3")));
    assert_eq!(code, 2);
    assert!(err.contains("no partial result in"), "{err}");
    let (code, _, err) =
        run(actorgraph().arg("merge").arg(dir.join("nothing-*")).arg("--out").arg(dir.join("m3")));
    assert_eq!(code, 2);
    assert!(err.contains("nothing-*: no file matches"), "{err}");
}

#[test]
fn r13_merge_quiet_prints_nothing() {
    let dir = TempDir::new("quiet");
    let part = dir.write("p.json", exits(0, partial_of(records().concat().as_bytes(), &["-q"])).0);
    dir.write("_SUCCESS", "");
    dir.write("empty", "");
    let (_, err) = exits(
        0,
        run(actorgraph().args(["merge", "-q"]).arg(dir.path()).arg("--out").arg(dir.join("m"))),
    );
    assert_eq!(err, "");
    assert!(part.exists());
}

#[test]
fn r13_merge_errors_name_the_file_and_line() {
    let dir = TempDir::new("lines");
    let line = exits(0, partial_of(records().concat().as_bytes(), &["-q"])).0;
    let file = dir.write("parts.jsonl", format!("{line}\n{{\"format\": 3\n"));
    let (code, _, err) = run(actorgraph().arg("merge").arg(&file).arg("--out").arg(dir.join("m")));
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("actorgraph: {}:3: not a partial result", file.display())),
        "{err}"
    );
    assert!(!err.contains("cannot build the matcher"), "{err}");
}

/// The `-mapper` command of the README's Hadoop Streaming recipe.
fn readme_mapper() -> String {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let line = readme.lines().find(|l| l.trim_start().starts_with("-mapper \"")).unwrap();
    line.trim().trim_start_matches("-mapper \"").trim_end_matches('"').to_string()
}

/// Plays one Hadoop Streaming map task: the task's directory holds the binary shipped with
/// `-files`, the command is split at white space as Hadoop splits it, the split's lines go to
/// standard input, and each output line is written as a record with an empty value (the line
/// and a tab). Returns the records, or the exit status that fails the task.
fn map_task(task: &Path, mapper: &str, split: &[String]) -> Result<String, i32> {
    let words: Vec<&str> = mapper.split_whitespace().collect();
    let mut child = Command::new(task.join(words[0]))
        .args(&words[1..])
        .current_dir(task)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(split.concat().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    match out.status.code() {
        Some(0) => {
            let text = String::from_utf8(out.stdout).unwrap();
            Ok(text.lines().map(|l| format!("{l}\t\n")).collect())
        }
        code => Err(code.unwrap_or(-1)),
    }
}

/// Plays a map-only Hadoop Streaming job over `splits`: every task must exit 0, or the job
/// fails with no output. Returns the output directory.
fn streaming_job(dir: &TempDir, name: &str, splits: &[&[String]]) -> Result<PathBuf, i32> {
    let mapper = readme_mapper();
    assert!(mapper.starts_with("./actorgraph "), "the binary comes with -files: {mapper}");
    let task = dir.join(&format!("{name}-task"));
    fs::create_dir_all(&task).unwrap();
    let shipped = task.join("actorgraph");
    if !shipped.exists() {
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_actorgraph"), &shipped).unwrap();
    }
    let mut parts = Vec::new();
    for split in splits {
        parts.push(map_task(&task, &mapper, split)?);
    }
    let out = dir.join(name);
    fs::create_dir(&out).unwrap();
    for (i, part) in parts.iter().enumerate() {
        fs::write(out.join(format!("part-{i:05}")), part).unwrap();
        fs::write(out.join(format!(".part-{i:05}.crc")), "crc").unwrap();
    }
    fs::write(out.join("_SUCCESS"), "").unwrap();
    Ok(out)
}

#[cfg(unix)]
#[test]
fn r13_hadoop_streaming_contract() {
    let dir = TempDir::new("hadoop");
    let path = root().join("../shared/data/corpus/convention2012.jsonl");
    let records: Vec<String> = match shared_present(&path) {
        true => fs::read_to_string(&path).unwrap().lines().map(|l| format!("{l}\n")).collect(),
        false => records(),
    };
    let n = records.len();
    let no_actor = ["{\"id\": \"none\", \"text\": \"Nothing to see.\"}\n".to_string()];
    // Nine splits: some empty, one with no actor.
    let cuts = [0, n / 7, n / 7, n / 3, n / 2, n / 2, 2 * n / 3, n - 1, n];
    let mut splits: Vec<&[String]> = cuts.windows(2).map(|w| &records[w[0]..w[1]]).collect();
    splits.insert(4, &no_actor);
    assert!(splits.len() >= 8 && splits.iter().any(|s| s.is_empty()));
    let out = streaming_job(&dir, "parts", &splits).expect("every task succeeds");
    let corpus = dir.write(
        "corpus.jsonl",
        [&records[..n / 2], &no_actor[..], &records[n / 2..]].concat().concat(),
    );
    assert_merge_is_one_run(&dir, &[corpus], &[out]);
    // A malformed record fails its task, so the job.
    let broken = ["{\"id\": \"x\", \"text\": \"Russia\n".to_string()];
    let splits: Vec<&[String]> = vec![&records[..1], &broken, &records[1..]];
    assert_eq!(streaming_job(&dir, "broken", &splits).unwrap_err(), 2);
}

/// The README's GNU parallel command.
fn readme_parallel() -> String {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    readme.lines().find(|l| l.starts_with("parallel ")).unwrap().to_string()
}

/// Writes `text` gzip-compressed.
fn write_gz(path: &Path, text: &str) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    fs::write(path, gz.finish().unwrap()).unwrap();
}

#[test]
fn r13_gnu_parallel_recipe() {
    let found = Command::new("parallel").arg("--version").stdout(Stdio::null()).status().is_ok();
    if !found {
        assert!(
            std::env::var_os("ACTORGRAPH_REQUIRE_PARALLEL").is_none(),
            "GNU parallel is missing"
        );
        eprintln!("skipped: GNU parallel is not installed");
        return;
    }
    let dir = TempDir::new("parallel");
    let records = records();
    fs::create_dir(dir.join("corpus")).unwrap();
    let mut shards = Vec::new();
    for (i, chunk) in records.chunks(2).enumerate() {
        let path = dir.join(&format!("corpus/{i:02}.jsonl.gz"));
        write_gz(&path, &chunk.concat());
        shards.push(path);
    }
    write_gz(&dir.join("corpus/09.jsonl.gz"), "{\"id\": \"n\", \"text\": \"Nothing.\"}\n");
    shards.push(dir.join("corpus/09.jsonl.gz"));
    let bin = Path::new(env!("CARGO_BIN_EXE_actorgraph")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let recipe = |cwd: &Path| {
        let mut cmd = Command::new("bash");
        cmd.args(["-c", &readme_parallel()]).current_dir(cwd).env("PATH", &path);
        run(&mut cmd)
    };
    exits(0, recipe(dir.path()));
    assert_eq!(
        fs::read_to_string(dir.join("partials.jsonl")).unwrap().lines().count(),
        shards.len()
    );
    let one = dir.join("one");
    exits(0, run(actorgraph().args(["graph", "-q"]).args(&shards).arg("--out").arg(&one)));
    for name in ["nodes.csv", "edges.csv", "graph.dot"] {
        let (a, b) =
            (fs::read(one.join(name)).unwrap(), fs::read(dir.join("out").join(name)).unwrap());
        assert!(a == b, "{name} differs between one run and the parallel recipe");
    }
    // A broken shard: parallel fails, no merge, and the job log names the shard.
    fs::remove_dir_all(dir.join("out")).unwrap();
    write_gz(&dir.join("corpus/05.jsonl.gz"), "{\"id\": \"x\", \"text\": \"Russia\n");
    let (code, _, _) = recipe(dir.path());
    assert_eq!(code, 1, "one shard failed");
    assert!(!dir.join("out").exists(), "no merge after a failed shard");
    let log = fs::read_to_string(dir.join("parts.log")).unwrap();
    let failed: Vec<&str> =
        log.lines().skip(1).filter(|l| l.split('\t').nth(6) != Some("0")).collect();
    assert!(failed.len() == 1 && failed[0].contains("corpus/05.jsonl.gz"), "{log}");
}
