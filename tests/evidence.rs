//! `graph --evidence` on data/: every edge and node of the tables has its rows in
//! evidence.csv, every span lies in its document and holds the actors' mentions, the caps
//! hold, and the files are the same at any thread count and published with the others.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::util::{TempDir, actorgraph, assert_golden, names_in, run};

/// A CSV row: cells by column name.
type Row = BTreeMap<String, String>;

/// An evidence row's key: element, source and target.
type Key = (String, String, String);

/// A CSV file as rows of named cells.
fn read_rows(path: &Path) -> Vec<Row> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records()
        .map(|rec| headers.iter().cloned().zip(rec.unwrap().iter().map(String::from)).collect())
        .collect()
}

/// The mentions `extract` finds, as (document, start, end) → entity, and the documents'
/// places in input order.
type Found = (BTreeMap<(String, usize, usize), String>, BTreeMap<String, usize>);

fn mentions(inputs: &[&str]) -> Found {
    let (code, out, err) = run(actorgraph().arg("extract").args(inputs));
    assert_eq!(code, 0, "{err}");
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let (mut found, mut order) = (BTreeMap::new(), BTreeMap::new());
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let at = |i: usize| rec[i].parse::<usize>().unwrap();
        found.insert((rec[0].to_string(), at(6), at(7)), rec[2].to_string());
        let next = order.len();
        order.entry(rec[0].to_string()).or_insert(next);
    }
    (found, order)
}

/// The texts of the JSONL documents among `inputs`, by id (files are read when needed).
fn jsonl_texts(inputs: &[&str]) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    for input in inputs.iter().filter(|i| i.ends_with(".jsonl")) {
        for line in fs::read_to_string(crate::util::root().join(input)).unwrap().lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            let (id, text) = (value["id"].as_str().unwrap(), value["text"].as_str().unwrap());
            texts.insert(id.to_string(), text.to_string());
        }
    }
    texts
}

/// Runs `graph` with `args` into a new directory and returns it.
fn graph(name: &str, args: &[&str]) -> TempDir {
    let dir = TempDir::new(name);
    let (code, _, err) = run(actorgraph().arg("graph").args(args).arg("--out").arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    dir
}

fn num(row: &Row, key: &str) -> usize {
    row[key].parse().unwrap_or_else(|_| panic!("{key} in {row:?}"))
}

/// Checks one evidence row against its document's text and the mentions `extract` found.
fn check_row(
    row: &Row,
    texts: &mut BTreeMap<String, String>,
    found: &BTreeMap<(String, usize, usize), String>,
    max_chars: usize,
) {
    let doc = &row["Document"];
    let text = texts
        .entry(doc.clone())
        .or_insert_with(|| fs::read_to_string(crate::util::root().join(doc)).unwrap());
    let (start, end) = (num(row, "Start"), num(row, "End"));
    assert!(start < end && end <= text.len(), "{row:?}");
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{row:?}");
    let mut ends = vec![(row["Source"].as_str(), "SourceStart", "SourceEnd")];
    if row["Element"] == "edge" {
        ends.push((row["Target"].as_str(), "TargetStart", "TargetEnd"));
    } else {
        assert!(row["Target"].is_empty() && row["TargetStart"].is_empty(), "{row:?}");
    }
    let snippet = &row["Snippet"];
    for (actor, from, to) in ends {
        let (a, b) = (num(row, from), num(row, to));
        assert!(start <= a && a < b && b <= end, "mention outside the sentence: {row:?}");
        let entity = found.get(&(doc.clone(), a, b));
        assert_eq!(entity.map(String::as_str), Some(actor), "a mention of {actor}: {row:?}");
        let surface: Vec<&str> = text[a..b].split_whitespace().collect();
        assert!(snippet.contains(&surface.join(" ")), "snippet holds the mention: {row:?}");
    }
    assert!(snippet.chars().count() <= max_chars, "{row:?}");
    assert!(!snippet.contains(['\n', '\r', '\t']) && !snippet.contains("  "), "{row:?}");
}

/// Checks that every node and edge of the tables in `dir` has its rows in evidence.csv, at
/// most `cap` of them, ranked from 1, with the total of the table's count, and nothing else.
fn check_dir(dir: &TempDir, inputs: &[&str], (per_node, per_edge): (usize, usize), chars: usize) {
    let (found, order) = mentions(inputs);
    let rows = read_rows(&dir.join("evidence.csv"));
    let mut by_key: BTreeMap<Key, Vec<&Row>> = BTreeMap::new();
    let mut texts = jsonl_texts(inputs);
    for row in &rows {
        check_row(row, &mut texts, &found, chars);
        let key = (row["Element"].clone(), row["Source"].clone(), row["Target"].clone());
        by_key.entry(key).or_default().push(row);
    }
    let mut want = BTreeSet::new();
    for node in read_rows(&dir.join("nodes.csv")) {
        let key = ("node".to_string(), node["Id"].clone(), String::new());
        check_group(&by_key, &key, (num(&node, "Mentions"), per_node), &order);
        want.insert(key);
    }
    let edges = read_rows(&dir.join("edges.csv"));
    assert!(edges.len() > 20, "the sample graph has edges");
    for edge in edges {
        let key = ("edge".to_string(), edge["Source"].clone(), edge["Target"].clone());
        check_group(&by_key, &key, (num(&edge, "Windows"), per_edge), &order);
        want.insert(key);
    }
    let got: BTreeSet<_> = by_key.keys().cloned().collect();
    assert_eq!(got, want, "rows only for the nodes and edges of the tables");
}

/// Checks the rows of one node or edge: `total` in all, the first `cap` of them kept, in the
/// input order of `docs`, then by position.
fn check_group(
    by_key: &BTreeMap<Key, Vec<&Row>>,
    key: &Key,
    (total, cap): (usize, usize),
    docs: &BTreeMap<String, usize>,
) {
    let group = by_key.get(key).unwrap_or_else(|| panic!("no evidence for {key:?}"));
    assert_eq!(group.len(), total.min(cap), "{key:?}: the first {cap} of {total}");
    for (i, row) in group.iter().enumerate() {
        assert_eq!((num(row, "Rank"), num(row, "Total")), (i + 1, total), "{row:?}");
    }
    let order: Vec<(usize, usize)> =
        group.iter().map(|r| (docs[&r["Document"]], num(r, "SourceStart"))).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{key:?}: input order {order:?}");
}

/// The JSON of the script element `id` of a page.
fn page_json(page: &str, id: &str) -> serde_json::Value {
    let open = format!(r#"<script type="application/json" id="{id}">"#);
    let body = &page[page.find(&open).unwrap() + open.len()..];
    serde_json::from_str(&body[..body.find("</script>").unwrap()]).unwrap()
}

#[test]
fn every_edge_and_node_has_its_evidence() {
    let args = ["data/articles", "--evidence", "--format", "csv,html"];
    let dir = graph("evidence-all", &args);
    check_dir(&dir, &["data/articles"], (5, 5), 200);
    let manifest = fs::read_to_string(dir.join("actorgraph-manifest.tsv")).unwrap();
    assert!(manifest.contains("\nevidence.csv\t"), "{manifest}");
    assert!(!dir.join("evidence.jsonl").exists(), "CSV unless asked");
    let page = fs::read_to_string(dir.join("graph.html")).unwrap();
    let embedded = page_json(&page, "graph-evidence");
    let rows = read_rows(&dir.join("evidence.csv"));
    assert_eq!(embedded.as_array().map(Vec::len), Some(rows.len()), "the page has every row");
    assert_eq!(
        embedded[rows.len() - 1]["Snippet"].as_str(),
        Some(&rows[rows.len() - 1]["Snippet"][..])
    );
    let plain = graph("evidence-none", &["data/articles", "--format", "html"]);
    let page = fs::read_to_string(plain.join("graph.html")).unwrap();
    assert_eq!(page_json(&page, "graph-evidence"), serde_json::Value::Null, "no evidence asked");
}

#[test]
fn caps_and_snippet_length_hold_and_paragraph_windows_cite_their_sentences() {
    let args = ["data/articles", "--window", "paragraph", "--evidence", "--format", "csv"];
    let caps = ["--evidence-per-edge", "2", "--evidence-per-node", "1", "--snippet-chars", "100"];
    let dir = graph("evidence-caps", &[&args[..], &caps[..]].concat());
    check_dir(&dir, &["data/articles"], (1, 2), 100);
    let rows = read_rows(&dir.join("evidence.csv"));
    assert!(rows.iter().any(|r| num(r, "Total") > 2 && r["Element"] == "edge"), "a capped edge");
    assert!(rows.iter().any(|r| r["Snippet"].contains(" … ")), "two mentions far apart");
}

#[test]
fn jsonl_documents_cite_offsets_into_their_text_field() {
    let inputs = ["data/sample.jsonl", "data/articles/2025-03-14-aleppo-talks.md"];
    let args = ["--window", "document", "--evidence", "--evidence-per-edge", "3"];
    let dir = graph("evidence-jsonl", &[&inputs[..], &args[..]].concat());
    check_dir(&dir, &inputs, (5, 3), 200);
}

#[test]
fn evidence_follows_the_filters() {
    let dir = graph(
        "evidence-filtered",
        &[&["data/articles", "--evidence"], crate::cli::FILTERS].concat(),
    );
    check_dir(&dir, &["data/articles"], (5, 5), 200);
}

#[test]
fn evidence_is_identical_whatever_the_thread_count_and_jsonl_has_the_same_records() {
    let args =
        ["data/articles", "data/sample.jsonl", "--evidence", "--evidence-format", "csv,jsonl"];
    let one = graph("evidence-j1", &[&args[..], &["-j", "1"]].concat());
    let two = graph("evidence-j2", &[&args[..], &["-j", "2"]].concat());
    for name in ["evidence.csv", "evidence.jsonl", "actorgraph-manifest.tsv"] {
        assert_eq!(fs::read(one.join(name)).unwrap(), fs::read(two.join(name)).unwrap(), "{name}");
    }
    let csv = read_rows(&one.join("evidence.csv"));
    let jsonl = fs::read_to_string(one.join("evidence.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), csv.len());
    for (line, row) in jsonl.lines().zip(&csv) {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        for (key, cell) in row {
            let got = match &value[key] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            assert_eq!(&got, cell, "{key} of {line}");
        }
    }
}

#[test]
fn filtered_evidence_matches_golden_file() {
    let caps = ["--evidence", "--evidence-per-edge", "2", "--evidence-per-node", "2"];
    let dir = graph("evidence-golden", &[&["data/articles"], crate::cli::FILTERS, &caps].concat());
    let got = fs::read_to_string(dir.join("evidence.csv")).unwrap();
    assert_golden("articles-filtered/evidence.csv", &got);
    for name in ["nodes.csv", "edges.csv"] {
        let got = fs::read_to_string(dir.join(name)).unwrap();
        assert_golden(&format!("articles-filtered/{name}"), &got);
    }
}

#[test]
fn a_run_without_evidence_removes_the_earlier_evidence() {
    let dir =
        graph("evidence-stale", &["data/articles", "--evidence", "--evidence-format", "jsonl"]);
    assert!(dir.join("evidence.jsonl").exists() && !dir.join("evidence.csv").exists());
    let (code, _, err) =
        run(actorgraph().args(["graph", "data/articles", "--out"]).arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("removed") && err.contains("evidence.jsonl"), "{err}");
    assert_eq!(
        names_in(dir.path()),
        ["actorgraph-manifest.tsv", "edges.csv", "graph.dot", "nodes.csv"]
    );
}

#[test]
fn partials_merge_slices_and_event_graphs_refuse_evidence() {
    let dir = TempDir::new("evidence-refused");
    let out = dir.join("out");
    let cases: [&[&str]; 5] = [
        &["graph", "data/articles", "--partial", "--evidence"],
        &["graph", "data/articles", "--partial", "--evidence-per-edge", "3"],
        &["merge", "data/articles", "--evidence"],
        &["graph", "data/articles", "--slice", "month", "--evidence"],
        &["graph", "data/articles", "--relations", "events", "--evidence"],
    ];
    for args in cases {
        let (code, _, err) = run(actorgraph().args(args).arg("--out").arg(&out));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("--evidence") || err.contains("evidence needs"), "{args:?}: {err}");
        assert!(!out.exists(), "{args:?}: nothing written");
    }
    let (_, _, err) = run(actorgraph().args(cases[2]).arg("--out").arg(&out));
    assert!(err.contains("partial result does not hold"), "{err}");
}
