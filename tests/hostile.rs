//! Hostile input (issue 14): what the README promises must hold when the input is built to
//! break it. Each test is named after the defect it guards against.

use crate::util::{TempDir, actorgraph, run, run_with_stdin};

/// Runs `cmd` with `stdin` and returns (exit code, stdout, stderr).
fn run_stdin(cmd: &mut std::process::Command, stdin: &[u8]) -> (i32, String, String) {
    let out = run_with_stdin(cmd, stdin);
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

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
    let (code, stdout, stderr) = run(actorgraph().arg("extract").arg(dir.join("L")));
    assert_eq!(code, 0, "{stderr}");
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
    let (code, stdout, stderr) = run(actorgraph().arg("extract").arg(dir.path()));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("caf\u{FFFD}-2025-03-14.txt,2025-03-14,RUS,"), "{stdout}");
    assert!(stderr.contains("the file name is not UTF-8"), "{stderr}");
}

#[test]
fn r14_jsonl_byte_order_mark_is_stripped() {
    let dir = TempDir::new("bom");
    let path = dir.write("bom.jsonl", "\u{FEFF}{\"id\":\"a\",\"text\":\"Russia.\"}\n");
    let (code, stdout, stderr) = run(actorgraph().arg("extract").arg(&path));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\na,,RUS,state,Russia,Russia,0,6,"), "{stdout}");
    let input = "\u{FEFF}{\"id\":\"a\",\"text\":\"Russia.\"}\n";
    let (code, stdout, stderr) = run_stdin(actorgraph().args(["extract", "-"]), input.as_bytes());
    assert_eq!(code, 0, "{stderr}");
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
    let (code, _, stderr) = run(actorgraph().arg("extract").arg(dir.path()));
    assert_eq!(code, 1, "{stderr}");
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
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
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
    let (code, _, stderr) =
        run(actorgraph().args(["graph", "--partial", "data/articles", "--out"]).arg(&shard));
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(shard.join("partial.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    for node in value["nodes"].as_array_mut().unwrap() {
        node["mentions"] = serde_json::json!(1u64 << 63);
    }
    let big = dir.write("big.json", value.to_string());
    let out = dir.join("out");
    let (code, _, stderr) =
        run(actorgraph().arg("merge").arg(&big).arg(&big).arg("--out").arg(&out));
    assert_eq!(code, 2, "{stderr}");
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
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
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
