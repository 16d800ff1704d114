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

/// The linear-time benchmark runs and prints a ratio per case (CI runs it in release with
/// `--check`, which fails above the limit; timings in a debug test would say nothing).
#[test]
fn linear_example() {
    let out = example("linear").env("LINEAR_SMALL", "200").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("surname after a full name") && stdout.contains("worst ratio"));
    assert_eq!(stdout.lines().count(), 10, "{stdout}");
}
