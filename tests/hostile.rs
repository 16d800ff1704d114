//! Hostile input (issue 14): what the README promises must hold when the input is built to
//! break it. Each test is named after the defect it guards against.

use crate::util::{TempDir, actorgraph, exits, names_in, run, run_stdin};

#[test]
fn r14_stdin_line_numbers_count_leading_blank_lines() {
    let input = b"\n\n\n{\"id\":\"a\",\"text\":\"Russia.\"}\n{bad\n";
    let (code, _, stderr) = run_stdin(actorgraph().args(["extract", "-"]), input);
    assert_eq!(code, 2);
    assert!(stderr.contains("<stdin>:5: invalid JSON"), "{stderr}");
    let (code, stdout, stderr) =
        run_stdin(actorgraph().args(["extract", "--skip-bad-records", "-"]), input);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\na,,RUS,state,Russia,Russia,0,6,"), "{stdout}");
    assert!(stderr.contains("<stdin>:5: invalid JSON"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn r14_directory_symlink_cycles_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("cycle");
    std::fs::create_dir_all(dir.join("L/a")).unwrap();
    dir.write("L/a/x.txt", "Russia met Ukraine.");
    symlink("..", dir.join("L/a/up")).unwrap();
    symlink("../a", dir.join("L/a/again")).unwrap();
    let (stdout, stderr) = exits(0, run(actorgraph().arg("extract").arg(dir.join("L"))));
    assert_eq!(stdout.lines().count(), 3, "the file is read once: {stdout}");
    for link in ["L/a/up", "L/a/again"] {
        let want = format!("warning: {}: skipped: it leads back to", dir.join(link).display());
        assert!(stderr.contains(&want), "{stderr}");
    }
    assert!(stderr.contains("actorgraph: 1 documents, 2 mentions"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn r14_file_names_that_are_not_utf8_are_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("latin1");
    let path = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9-2025-03-14.txt"));
    if std::fs::write(&path, "Russia met Ukraine.").is_err() {
        return; // a file system that only takes UTF-8 names
    }
    let (stdout, stderr) = exits(0, run(actorgraph().arg("extract").arg(dir.path())));
    assert!(stdout.contains("caf\u{FFFD}-2025-03-14.txt,2025-03-14,RUS,"), "{stdout}");
    assert!(stderr.contains("the file name is not UTF-8"), "{stderr}");
}

#[test]
fn r14_jsonl_byte_order_mark_is_stripped() {
    let dir = TempDir::new("bom");
    let path = dir.write("bom.jsonl", "\u{FEFF}{\"id\":\"a\",\"text\":\"Russia.\"}\n");
    let (stdout, _) = exits(0, run(actorgraph().arg("extract").arg(&path)));
    assert!(stdout.contains("\na,,RUS,state,Russia,Russia,0,6,"), "{stdout}");
    let input = "\u{FEFF}{\"id\":\"a\",\"text\":\"Russia.\"}\n";
    let (stdout, _) = exits(0, run_stdin(actorgraph().args(["extract", "-"]), input.as_bytes()));
    assert!(stdout.contains("\na,,RUS,state,Russia,Russia,0,6,"), "{stdout}");
}

#[test]
fn r14_lone_surrogate_escape_is_named() {
    let input = b"{\"id\":\"a\",\"text\":\"Russia \\ud800.\"}\n";
    let (code, _, stderr) = run_stdin(actorgraph().args(["extract", "-"]), input);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("<stdin>:1: invalid JSON: the escape \\ud800 at column 26 is half of a"),
        "{stderr}"
    );
}

#[test]
fn r14_duplicate_jsonl_ids_warn_once_per_id() {
    let line = "{\"id\":\"a\",\"text\":\"Russia.\"}\n";
    let input = [line, line, line].concat();
    let (code, _, stderr) = run_stdin(actorgraph().args(["extract", "-"]), input.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.matches("duplicate id").count(), 1, "{stderr}");
    assert!(
        stderr.contains("warning: <stdin>:2: duplicate id \"a\" (first seen at <stdin>:1)"),
        "{stderr}"
    );
}

#[test]
fn r14_empty_input_directory_warns() {
    let dir = TempDir::new("empty");
    let (_, stderr) = exits(1, run(actorgraph().arg("extract").arg(dir.path())));
    let want = format!("warning: {}: no file to read", dir.path().display());
    assert!(stderr.contains(&want), "{stderr}");
}

/// A gazetteer whose labels hold what XML 1.0 and Graphviz cannot take: U+FFFE, U+FFFF, NUL,
/// a bell, and `&` (literal and as an entity).
const AWKWARD_GAZ: &str = "id\tkind\tlabel\taliases\n\
    alpha\tgroup\tAlpha\u{FFFE}Group\u{FFFF}\tZorblax\n\
    beta\tgroup\tBeta\u{0}\u{7}Front\tQuixrel\n\
    gamma\tgroup\tGamma & Delta &amp; Co\tVantorix\n";

/// Runs python3 on `script` with `args`, if python3 has networkx; returns whether it ran.
fn python_networkx(script: &str, args: &[&std::path::Path]) -> bool {
    let has = std::process::Command::new("python3").args(["-c", "import networkx"]).output();
    if !has.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with networkx is not installed");
        return false;
    }
    let out = std::process::Command::new("python3").arg("-c").arg(script).args(args).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    true
}

#[test]
fn r14_ill_formed_xml_and_dot_labels_are_escaped() {
    let dir = TempDir::new("awkward");
    let gaz = dir.write("awkward.tsv", AWKWARD_GAZ);
    let text = "{\"id\":\"a\",\"date\":\"2025-01-02\",\"text\":\"Zorblax met Quixrel and Vantorix.\"}\n\
                {\"id\":\"b\",\"date\":\"2025-02-03\",\"text\":\"Zorblax met Vantorix.\"}\n";
    let corpus = dir.write("c.jsonl", text);
    let (plain, sliced) = (dir.join("plain"), dir.join("sliced"));
    for (out, slice) in [(&plain, None), (&sliced, Some("month"))] {
        let mut cmd = actorgraph();
        cmd.args(["graph", "--no-default-gazetteer", "-g"]).arg(&gaz).arg(&corpus);
        cmd.args(["--format", "dot,gexf,graphml", "--out"]).arg(out);
        if let Some(slice) = slice {
            cmd.args(["--slice", slice]);
        }
        exits(0, run(&mut cmd));
    }
    let files = [plain.join("graph.gexf"), plain.join("graph.graphml"), sliced.join("graph.gexf")];
    for path in &files {
        let xml = std::fs::read_to_string(path).unwrap();
        let bad = xml.chars().find(|&c| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
        });
        assert_eq!(bad, None, "{}", path.display());
        assert!(xml.contains("Alpha\u{FFFD}Group\u{FFFD}"), "{xml}");
        assert!(xml.contains("Gamma &amp; Delta &amp;amp; Co"), "{xml}");
    }
    let dot = std::fs::read_to_string(plain.join("graph.dot")).unwrap();
    assert!(!dot.contains('\u{0}') && !dot.contains('\u{7}'), "{dot:?}");
    // Graphviz copies labels into SVG, which is XML: no U+FFFE or U+FFFF there either.
    assert!(!dot.contains('\u{FFFE}') && !dot.contains('\u{FFFF}'), "{dot:?}");
    assert!(dot.contains("label=\"Alpha\u{FFFD}Group\u{FFFD}\""), "{dot}");
    assert!(dot.contains("label=\"Beta\u{FFFD}\u{FFFD}Front\""), "{dot}");
    assert!(dot.contains("label=\"Gamma &amp; Delta &amp;amp; Co\""), "{dot}");
    let script = "import sys, xml.etree.ElementTree as et, networkx as nx\n\
                  labels = set()\n\
                  for path in sys.argv[1:]:\n\
                  \x20   et.parse(path)\n\
                  \x20   g = nx.read_gexf(path) if path.endswith('.gexf') else nx.read_graphml(path)\n\
                  \x20   labels |= {d.get('label', '') for _, d in g.nodes(data=True)}\n\
                  assert 'Gamma & Delta &amp; Co' in labels, labels\n";
    python_networkx(script, &files.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    if std::process::Command::new("dot").arg("-V").output().is_ok() {
        let out = std::process::Command::new("dot")
            .arg("-Tsvg")
            .arg(plain.join("graph.dot"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let svg = String::from_utf8(out.stdout).unwrap();
        assert!(svg.contains("Gamma &amp; Delta &amp;amp; Co"), "drawn as written: {svg}");
        assert!(!svg.contains('\u{FFFE}') && !svg.contains('\u{FFFF}'), "well-formed: {svg}");
    }
}

#[test]
fn r14_empty_and_punctuation_only_gazetteer_names_are_rejected() {
    let dir = TempDir::new("names");
    let text = dir.write("a.txt", "Russia met Ukraine. - . !!");
    let cases = [
        ("x\tgroup\t=\t\n", "a label marked '=' has no text"),
        ("x\tgroup\tX\t=\n", "an alias marked '=' has no text"),
        ("x\tgroup\t.\t\n", "label \".\" has no letter or digit"),
        ("x\tgroup\tX\tY|-\n", "alias \"-\" has no letter or digit"),
        ("x\tgroup\t!!\t\n", "label \"!!\" has no letter or digit"),
    ];
    for (row, want) in cases {
        let gaz = dir.write("g.tsv", format!("id\tkind\tlabel\taliases\n{row}"));
        for engine in ["aho-corasick", "trie"] {
            let mut cmd = actorgraph();
            cmd.args(["extract", "--engine", engine, "-g"]).arg(&gaz).arg(&text);
            let (code, stdout, stderr) = run(&mut cmd);
            assert_eq!(code, 2, "{row:?}: {stdout}");
            assert!(stderr.contains(&format!("{}:2: {want}", gaz.display())), "{stderr}");
        }
        let (code, _, stderr) = run(actorgraph().args(["gazetteer", "check"]).arg(&gaz));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(want), "{stderr}");
    }
}

#[test]
fn r14_merge_overflow_is_an_error_naming_the_partial() {
    let dir = TempDir::new("overflow");
    let shard = dir.join("shard");
    exits(0, run(actorgraph().args(["graph", "--partial", "data/articles", "--out"]).arg(&shard)));
    let text = std::fs::read_to_string(shard.join("partial.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    for node in value["nodes"].as_array_mut().unwrap() {
        node["mentions"] = serde_json::json!(1u64 << 63);
    }
    let big = dir.write("big.json", value.to_string());
    let out = dir.join("out");
    let (_, stderr) =
        exits(2, run(actorgraph().arg("merge").arg(&big).arg(&big).arg("--out").arg(&out)));
    let want = format!("actorgraph: {}:1: the mentions of node", big.display());
    assert!(stderr.contains(&want) && stderr.contains("cannot merge"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    let (code, _, stderr) = run(actorgraph().arg("merge").arg(&big).arg("--out").arg(&out));
    assert_eq!(code, 0, "one such partial is fine: {stderr}");
}

#[test]
fn r14_csv_formula_injection_is_neutralised() {
    let dir = TempDir::new("formula");
    let gaz = dir.write(
        "g.tsv",
        "id\tkind\tlabel\taliases\taffiliation\n\
         =cmd\tgroup\t+HYPERLINK(\"http://x\")\tZorblax\t@SUM\n\
         +q\tgroup\t-Minus Front\tQuixrel\t\n\
         @SUM\tstate\t@Sumland\tSumland\t\n",
    );
    let corpus = dir.write(
        "c.jsonl",
        "{\"id\":\"-doc\",\"date\":\"2025-01-02\",\"text\":\"Zorblax met Quixrel in Sumland.\"}\n",
    );
    let common = |cmd: &mut std::process::Command| {
        cmd.args(["--no-default-gazetteer", "-g"]).arg(&gaz).arg(&corpus);
    };
    let mut cmd = actorgraph();
    cmd.arg("extract");
    common(&mut cmd);
    let (code, safe, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        safe.contains(
            "\n'-doc,2025-01-02,'=cmd,group,\"'+HYPERLINK(\"\"http://x\"\")\",Zorblax,0,7,"
        ),
        "{safe}"
    );
    assert!(safe.contains("\n'-doc,2025-01-02,'+q,group,'-Minus Front,Quixrel,12,19,"), "{safe}");
    let (_, raw, _) = run(cmd.arg("--raw-csv"));
    assert!(
        raw.contains("\n-doc,2025-01-02,=cmd,group,\"+HYPERLINK(\"\"http://x\"\")\",Zorblax,0,7,"),
        "{raw}"
    );
    for (flag, out) in [(None, dir.join("safe")), (Some("--raw-csv"), dir.join("raw"))] {
        let mut cmd = actorgraph();
        cmd.args(["graph", "--weight", "pmi", "--format", "csv", "--out"]).arg(&out);
        common(&mut cmd);
        cmd.args(flag);
        exits(0, run(&mut cmd));
    }
    let nodes = std::fs::read_to_string(dir.join("safe/nodes.csv")).unwrap();
    assert!(nodes.contains("\n'+q,'-Minus Front,group,"), "{nodes}");
    assert!(nodes.contains("\n'=cmd,\"'+HYPERLINK(\"\"http://x\"\")\",group,"), "{nodes}");
    assert!(nodes.contains(",'@SUM,"), "the state column: {nodes}");
    let edges = std::fs::read_to_string(dir.join("safe/edges.csv")).unwrap();
    assert!(edges.lines().skip(1).all(|l| l.starts_with('\'')), "{edges}");
    let raw_nodes = std::fs::read_to_string(dir.join("raw/nodes.csv")).unwrap();
    assert!(raw_nodes.contains("\n+q,-Minus Front,group,"), "{raw_nodes}");
    let raw_edges = std::fs::read_to_string(dir.join("raw/edges.csv")).unwrap();
    let numbers = |edges: &str| -> Vec<String> {
        edges.lines().skip(1).map(|l| l.split(',').skip(3).collect::<Vec<_>>().join(",")).collect()
    };
    assert_eq!(numbers(&edges), numbers(&raw_edges), "numeric columns are never changed");
}

/// The graph files every format writes, sorted.
const ALL_GRAPH_FILES: [&str; 7] = [
    "edges.csv",
    "graph.dot",
    "graph.gexf",
    "graph.graphml",
    "graph.html",
    "graph.json",
    "nodes.csv",
];

/// The manifest a graph run writes last (issue 15).
const MANIFEST: &str = "actorgraph-manifest.tsv";

/// The names in `dir` of a graph run's set: its graph files and its manifest.
fn with_manifest(names: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    all.push(MANIFEST.to_string());
    all.sort();
    all
}

#[cfg(unix)]
#[test]
fn r14_output_never_replaces_what_is_not_a_regular_file() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let dir = TempDir::new("out-kinds");
    // A link to a regular file: the file is replaced, the link kept.
    std::fs::create_dir(dir.join("real")).unwrap();
    let target = dir.write("real/target.csv", "old");
    symlink("real/target.csv", dir.join("link.csv")).unwrap();
    exits(0, run(actorgraph().args(["extract", "data/articles", "-o"]).arg(dir.join("link.csv"))));
    assert!(std::fs::symlink_metadata(dir.join("link.csv")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("document,"));
    assert_eq!(names_in(&dir.join("real")), ["target.csv"]);
    // A character device is written in place.
    let (code, stdout, stderr) =
        run(actorgraph().args(["extract", "data/articles", "-o", "/dev/null"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    // `-` is standard output.
    let (code, stdout, stderr) = run(actorgraph().args(["extract", "data/articles", "-o", "-"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("document,"), "{stdout}");
    // A directory is an error naming it, and leaves no temporary file.
    std::fs::create_dir(dir.join("taken")).unwrap();
    let (code, _, stderr) =
        run(actorgraph().args(["extract", "data/articles", "-o"]).arg(dir.join("taken")));
    assert_eq!(code, 2);
    let want = format!("actorgraph: {}: is a directory, not a file", dir.join("taken").display());
    assert!(stderr.contains(&want), "{stderr}");
    assert_eq!(names_in(dir.path()), ["link.csv", "real", "taken"]);
}

#[cfg(unix)]
#[test]
fn r14_output_writes_to_a_fifo_in_place() {
    let dir = TempDir::new("out-fifo");
    let fifo = dir.join("pipe");
    if !std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, stderr) = run(actorgraph().args(["extract", "data/articles", "-o"]).arg(&fifo));
    assert_eq!(code, 0, "{stderr}");
    assert!(reader.join().unwrap().starts_with("document,"));
    assert!(!std::fs::symlink_metadata(&fifo).unwrap().is_file(), "still a FIFO");
    assert_eq!(names_in(dir.path()), ["pipe"]);
}

#[test]
fn r14_graph_run_replaces_the_whole_set_of_files() {
    let dir = TempDir::new("graph-set");
    let out = dir.join("out");
    let graph = |formats: &str| {
        run(actorgraph()
            .args(["graph", "-q", "data/sample.jsonl", "--format", formats, "--out"])
            .arg(&out))
    };
    let (code, _, stderr) = graph("csv,dot,gexf,graphml,json,html");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names_in(&out), with_manifest(&ALL_GRAPH_FILES));
    // A run that fails after reading the corpus leaves the earlier set as it was.
    let before = std::fs::read(out.join("graph.gexf")).unwrap();
    let undated = dir.write("undated.txt", "Russia met Ukraine.");
    let (_, stderr) = exits(
        2,
        run(actorgraph()
            .args(["graph", "-q", "--slice", "month", "--out"])
            .arg(&out)
            .arg(&undated)),
    );
    assert!(stderr.contains("no document has a date with a month"), "{stderr}");
    assert_eq!(names_in(&out), with_manifest(&ALL_GRAPH_FILES), "no temporary directory is left");
    assert_eq!(std::fs::read(out.join("graph.gexf")).unwrap(), before);
    // A run with fewer formats removes the files of the others: no old html beside new CSVs.
    let (code, _, stderr) = graph("csv");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names_in(&out), with_manifest(&["edges.csv", "nodes.csv"]));
    // A sliced run, then an unsliced one: the period directories of the first are removed.
    exits(
        0,
        run(actorgraph()
            .args(["graph", "-q", "data/sample.jsonl", "--slice", "month", "--out"])
            .arg(&out)),
    );
    let periods: Vec<String> = names_in(&out).into_iter().filter(|n| n.starts_with("20")).collect();
    assert!(!periods.is_empty(), "{:?}", names_in(&out));
    assert!(!out.join("nodes.csv").exists(), "{:?}", names_in(&out));
    let (code, _, stderr) = graph("dot");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names_in(&out), with_manifest(&["graph.dot"]));
    // A partial run writes partial.json and leaves the graph files alone; merge reads it.
    exits(
        0,
        run(actorgraph()
            .args(["graph", "-q", "--partial", "data/sample.jsonl", "--out"])
            .arg(&out)),
    );
    assert_eq!(names_in(&out), with_manifest(&["graph.dot", "partial.json"]));
    exits(0, run(actorgraph().arg("merge").arg(out.join("partial.json")).arg("--out").arg(&out)));
    let merged = with_manifest(&["edges.csv", "graph.dot", "nodes.csv", "partial.json"]);
    assert_eq!(names_in(&out), merged);
}

/// Writes a corpus big enough that a graph run takes a while: `n` copies of a few sentences.
fn big_corpus(dir: &TempDir, n: usize) -> std::path::PathBuf {
    let para = "Russia and Ukraine met in Geneva. Germany and France backed the talks. \
                Joe Biden spoke to Emmanuel Macron about NATO.\n\n";
    dir.write("big.txt", para.repeat(n))
}

/// Sends `signal` (such as "INT") to process `pid` with kill(1).
#[cfg(unix)]
fn kill(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits (up to 60 s) until `dir` holds a hidden entry: the run's temporary file or directory.
#[cfg(unix)]
fn wait_for_temp(dir: &std::path::Path, child: &mut std::process::Child) -> bool {
    for _ in 0..6000 {
        if names_in(dir).iter().any(|n| n.starts_with('.')) {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    false
}

#[cfg(unix)]
#[test]
fn r14_sigint_during_graph_leaves_the_old_set_or_the_new_and_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = TempDir::new("graph-sigint");
    let input = big_corpus(&dir, 40_000);
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    for name in ALL_GRAPH_FILES {
        std::fs::write(out.join(name), "old").unwrap();
    }
    for (signal, number, delay) in [("INT", 2, 300), ("TERM", 15, 50), ("INT", 2, 0), ("HUP", 1, 0)]
    {
        let mut child = actorgraph()
            .args(["graph", "-q", "--format", "csv,dot,gexf,graphml,json,html", "--out"])
            .arg(&out)
            .arg(&input)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = wait_for_temp(&out, &mut child);
        std::thread::sleep(std::time::Duration::from_millis(delay));
        kill(child.id(), signal);
        let status = child.wait().unwrap();
        assert!(started || status.success(), "{status:?}");
        assert!(status.success() || status.signal() == Some(number), "{status:?}");
        // The manifest is there if the run finished, and with it the whole new set.
        let names: Vec<String> = names_in(&out).into_iter().filter(|n| n != MANIFEST).collect();
        assert_eq!(names, ALL_GRAPH_FILES, "no temporary file after SIG{signal}");
        let old: Vec<bool> =
            ALL_GRAPH_FILES.iter().map(|n| std::fs::read(out.join(n)).unwrap() == b"old").collect();
        assert!(old.iter().all(|o| *o) || old.iter().all(|o| !o), "a mix after SIG{signal}");
    }
}

#[cfg(unix)]
#[test]
fn r14_sigint_or_sigterm_during_extract_leaves_the_old_file_or_the_new_and_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = TempDir::new("extract-signals");
    let input = big_corpus(&dir, 40_000);
    let outdir = dir.join("o");
    std::fs::create_dir(&outdir).unwrap();
    let out = outdir.join("m.csv");
    for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        std::fs::write(&out, "old").unwrap();
        let mut child = actorgraph()
            .args(["extract", "-q", "-o"])
            .arg(&out)
            .arg(&input)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The temporary file .m.csv.PID.tmp appears once the output is opened.
        let started = wait_for_temp(&outdir, &mut child);
        kill(child.id(), signal);
        let status = child.wait().unwrap();
        assert!(started || status.success(), "{status:?}");
        assert!(status.success() || status.signal() == Some(number), "SIG{signal}: {status:?}");
        assert_eq!(names_in(&outdir), ["m.csv"], "no temporary file after SIG{signal}");
        let now = std::fs::read_to_string(&out).unwrap();
        if status.success() {
            assert!(now.starts_with("document,") && now.ends_with('\n'), "SIG{signal}: whole");
        } else {
            assert_eq!(now, "old", "SIG{signal}: the old file is kept");
        }
    }
}

#[cfg(unix)]
#[test]
fn r14_interrupted_graph_into_a_new_directory_creates_nothing() {
    use std::os::unix::process::ExitStatusExt;
    let dir = TempDir::new("new-out-sigterm");
    let input = big_corpus(&dir, 40_000);
    let out = dir.join("a/b/out");
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let _ = std::fs::remove_dir_all(dir.join("a"));
        let mut child = actorgraph()
            .args(["graph", "-q", "--out"])
            .arg(&out)
            .arg(&input)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The run stages its files beside the first directory it would create.
        let started = wait_for_temp(dir.path(), &mut child);
        kill(child.id(), signal);
        let status = child.wait().unwrap();
        assert!(started || status.success(), "{status:?}");
        if status.success() {
            assert_eq!(names_in(&out), ["edges.csv", "graph.dot", "nodes.csv"]);
        } else {
            assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
            let names = names_in(dir.path());
            assert_eq!(names, ["big.txt"], "SIG{signal}: no directory, no temporary file");
        }
    }
    // A run that fails creates no directory either.
    let _ = std::fs::remove_dir_all(dir.join("a"));
    let (_, stderr) = exits(
        2,
        run(actorgraph().args(["graph", "-q", "--slice", "month", "--out"]).arg(&out).arg(&input)),
    );
    assert!(stderr.contains("no document has a date with a month"), "{stderr}");
    assert_eq!(names_in(dir.path()), ["big.txt"]);
}

/// A full disk, made with a file size limit (`ulimit -f`, with SIGXFSZ ignored so that a write
/// past it fails with EFBIG as on a full disk): the error names the file, a graph run leaves
/// the earlier set as it was, `extract -o` the earlier file, and neither a temporary file.
#[cfg(unix)]
#[test]
fn r14_full_disk_names_the_file_and_keeps_the_old_outputs() {
    let dir = TempDir::new("full-disk");
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    let graph_files = ["edges.csv", "graph.dot", "graph.gexf", "nodes.csv"];
    for name in graph_files {
        std::fs::write(out.join(name), "old").unwrap();
    }
    let old = dir.write("m.csv", "old");
    let limited = |args: &str| {
        let script = format!("trap '' XFSZ; ulimit -f 20; exec \"$0\" {args}",);
        let mut cmd = std::process::Command::new("bash");
        cmd.arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_actorgraph"));
        cmd.current_dir(crate::util::root());
        cmd
    };
    if !std::process::Command::new("bash")
        .arg("-c")
        .arg("ulimit -f 20")
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("skipped: no bash with ulimit -f");
        return;
    }
    let args = format!("graph -q data/articles --format csv,dot,gexf --out '{}'", out.display());
    let (_, stderr) = exits(2, run(&mut limited(&args)));
    // The files are written in a fixed order: edges.csv first, which goes past 20 KiB.
    let want = format!("actorgraph: {}: File too large", out.join("edges.csv").display());
    assert!(stderr.contains(&want), "{stderr}");
    assert_eq!(names_in(&out), graph_files, "no temporary directory");
    for name in graph_files {
        assert_eq!(std::fs::read_to_string(out.join(name)).unwrap(), "old", "{name}");
    }
    let args = format!("extract -q data/articles -o '{}'", old.display());
    let (_, stderr) = exits(2, run(&mut limited(&args)));
    assert!(stderr.contains(&format!("actorgraph: {}: File too large", old.display())), "{stderr}");
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "old");
    assert_eq!(names_in(dir.path()), ["m.csv", "out"], "no temporary file");
}

#[test]
fn r14_output_path_is_checked_before_any_input_is_read() {
    let dir = TempDir::new("out-first");
    let file = dir.write("file", "");
    let missing = dir.join("missing-input.jsonl");
    let cases: [(&[&str], std::path::PathBuf, &str); 4] = [
        (&["graph", "--out"], file.join("out"), "cannot be created: "),
        (
            &["graph", "--out"],
            file.clone(),
            "is not a directory (the output needs a directory here)",
        ),
        (&["extract", "-o"], dir.join("nowhere/m.csv"), "cannot be created: the directory"),
        (
            &["merge", "--out"],
            file.clone(),
            "is not a directory (the output needs a directory here)",
        ),
    ];
    for (args, out, want) in cases {
        let (_, stderr) = exits(2, run(actorgraph().args(args).arg(&out).arg(&missing)));
        let want = format!("actorgraph: {}: {want}", out.display());
        assert!(stderr.contains(&want), "{args:?}: {stderr}");
        assert!(!stderr.contains("missing-input"), "the input is not read first: {stderr}");
    }
    assert_eq!(names_in(dir.path()), ["file"]);
    // A directory that cannot be written (only when not running as root, which can).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(ro.join("probe"), "").is_err() {
            let (_, stderr) =
                exits(2, run(actorgraph().args(["graph", "--out"]).arg(&ro).arg(&missing)));
            assert!(stderr.contains(&format!("actorgraph: {}: ", ro.display())), "{stderr}");
            assert!(!stderr.contains("missing-input"), "{stderr}");
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn r14_text_documents_are_capped_while_read() {
    use std::io::Write;
    let dir = TempDir::new("cap");
    // 200 MB of text inside a gzip of a few hundred kilobytes.
    let path = dir.join("huge.txt.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::fast(),
    );
    let chunk = "Russia met Ukraine. ".repeat(50_000);
    for _ in 0..200 {
        gz.write_all(chunk.as_bytes()).unwrap();
    }
    gz.finish().unwrap();
    let small = dir.write("small.txt", "Russia met Ukraine.");
    let (_, stderr) = exits(2, run(actorgraph().arg("extract").arg(&path)));
    let want =
        format!("actorgraph: {}: a text document larger than 67108864 bytes", path.display());
    assert!(stderr.contains(&want), "{stderr}");
    let (stdout, stderr) = exits(
        0,
        run(actorgraph()
            .args(["extract", "--skip-bad-records", "--max-document-bytes", "1000000"])
            .arg(&path)
            .arg(&small)),
    );
    assert!(stderr.contains("larger than 1000000 bytes (the limit) (skipped)"), "{stderr}");
    assert_eq!(stdout.lines().count(), 3, "the small file is read: {stdout}");
    let line = format!("{{\"id\":\"a\",\"text\":\"{}\"}}\n", "Russia ".repeat(200));
    let jsonl = dir.write("long.jsonl", line);
    let (_, stderr) =
        exits(2, run(actorgraph().args(["extract", "--max-document-bytes", "1000"]).arg(&jsonl)));
    assert!(stderr.contains("long.jsonl:1: line longer than 1000 bytes"), "{stderr}");
}
