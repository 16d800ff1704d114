//! Every program in examples/ runs and prints what it promises.

use std::path::PathBuf;
use std::process::Command;

/// The path of a compiled example: `cargo test` builds examples next to the test binary.
fn example(name: &str) -> Command {
    let mut path = std::env::current_exe().unwrap();
    path.pop();
    if path.ends_with("deps") {
        path.pop();
    }
    let path: PathBuf = path.join("examples").join(name);
    let mut cmd = Command::new(path);
    cmd.current_dir(crate::util::root());
    cmd
}

#[test]
fn extract_mentions_example() {
    let out = example("extract_mentions").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() > 100, "{stdout}");
    assert!(stdout.contains("\tRUS\tstate\t"), "{stdout}");
}

#[test]
fn graph_dot_example() {
    let out = example("graph_dot").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("graph actorgraph {"), "{stdout}");
    assert!(stdout.contains(" -- "));
}

#[test]
fn bench_probe_example() {
    let out = example("bench_probe").args(["scan", "--repeat", "1", "data/sample.jsonl"]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for key in ["patterns=", "bare_secs=", "matcher_secs=", "mentions=", "peak_rss_kb="] {
        assert!(stdout.contains(key), "{stdout}");
    }
    let out = example("bench_probe")
        .args(["automaton", "--kind", "contiguous", "--repeat", "1", "data/sample.jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().contains("kind=ContiguousNFA"));
    let out = example("bench_probe").arg("build").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().contains("build_secs="));
}

/// The layout benchmark runs at two small sizes and prints its work per node and step (CI
/// runs it in release with `--check`, on work counts and not on times).
#[test]
fn layout_example() {
    let out = example("layout").env("LAYOUT_SIZES", "100,400").arg("--check").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[1].trim_start().starts_with("100 ") && lines[2].trim_start().starts_with("400 "));
    assert!(lines[3].contains("grew"), "{stdout}");
}

/// The linear-time benchmark runs and prints a ratio per case (CI runs it in release with
/// `--check`, which fails above the limit; timings in a debug test would say nothing).
#[test]
fn linear_example() {
    let out = example("linear").env("LINEAR_SMALL", "200").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("surname after a full name") && stdout.contains("worst ratio"));
    // A header, a line per case ending in its ratio, and the worst ratio.
    let lines: Vec<&str> = stdout.lines().collect();
    let cases = &lines[1..lines.len() - 1];
    assert!(cases.len() >= 9, "{stdout}");
    for line in cases {
        let ratio = line.split_whitespace().last().unwrap_or("");
        assert!(ratio.parse::<f64>().is_ok(), "{line}");
    }
}

#[test]
fn custom_gazetteer_example() {
    let out = example("custom_gazetteer").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    assert!(stdout.contains("alexander_lavrentiev\t1 mentions\twith "), "{stdout}");
    assert!(stdout.contains("Russia (1)"), "{stdout}");
    assert!(!stdout.contains("discovered:"), "{stdout}");
}

/// The issue 12 program: the library's GEXF and CSV are the command line's, byte for byte.
#[test]
fn parallel_graph_example() {
    let dir = crate::util::TempDir::new("example-parallel-graph");
    let (lib, cli) = (dir.join("lib"), dir.join("cli"));
    let out = example("parallel_graph").arg(&lib).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let status = crate::util::actorgraph()
        .args(["graph", "data/articles", "--format", "gexf,csv", "-q", "--out"])
        .arg(&cli)
        .status()
        .unwrap();
    assert!(status.success());
    for name in ["graph.gexf", "nodes.csv", "edges.csv", "actorgraph-manifest.tsv"] {
        let (a, b) =
            (std::fs::read(lib.join(name)).unwrap(), std::fs::read(cli.join(name)).unwrap());
        assert!(a == b, "{name} differs from the command line's");
    }
    let mut names: Vec<String> = std::fs::read_dir(&lib)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["actorgraph-manifest.tsv", "edges.csv", "graph.gexf", "nodes.csv"]);
}

#[test]
fn stream_mentions_example() {
    let out = example("stream_mentions").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cli = crate::util::actorgraph().args(["extract", "data/articles", "-q"]).output().unwrap();
    assert!(cli.status.success());
    assert!(out.stdout == cli.stdout, "the example's CSV is not the command line's");
}

#[test]
fn pagerank_example() {
    let out = example("pagerank").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 11, "{stdout}");
    assert!(lines[0].ends_with(" components"), "{stdout}");
    assert!(lines[1].ends_with("\tUnited States"), "{stdout}");
}
