//! Time: document dates, first-seen and last-seen dates, `graph --slice` and the dynamic GEXF.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use actorgraph::{Cooccurrence, Corpus, Date, Gazetteer, Matcher, Segmenter};

use crate::util::{TempDir, actorgraph, root, run};

/// The months of the sample articles, in date order.
const MONTHS: [&str; 7] =
    ["2024-09", "2025-01", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"];

/// The sample articles whose file names start with `prefix` (their dates are in the names).
fn articles(prefix: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(root().join("data/articles"))
        .unwrap()
        .map(|e| PathBuf::from("data/articles").join(e.unwrap().file_name()))
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .collect();
    paths.sort();
    paths
}

#[test]
fn library_counts_first_and_last_seen() {
    let gaz = Gazetteer::builtin();
    let (matcher, segmenter) = (Matcher::new(&gaz).unwrap(), Segmenter::new());
    let mut counts = Cooccurrence::new();
    for doc in Corpus::new().documents([root().join("data/articles")]) {
        let doc = doc.unwrap();
        let date = doc.parse_date().map(|d| d.unwrap());
        counts.add_dated_document(
            &matcher.find_all(doc.text()),
            &segmenter.segment(doc.text()),
            date,
        );
    }
    let text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    // Russia is in the Aleppo (March), Mali (12 June) and Kherson (24 June) articles.
    let rus = counts.node(gaz.lookup("RUS").unwrap()).unwrap();
    assert_eq!(
        (rus.documents, text(rus.first_seen), text(rus.last_seen)),
        (3, "2025-03-14".into(), "2025-06-24".into())
    );
    let (rus, ukr) = (gaz.lookup("RUS").unwrap(), gaz.lookup("UKR").unwrap());
    let edge = counts.edge(rus, ukr).unwrap();
    assert_eq!(
        (text(edge.first_seen), text(edge.last_seen)),
        ("2025-06-24".into(), "2025-06-24".into())
    );
    assert_eq!(counts.undated_count(), 0);
    let (first, last) = counts.date_range().unwrap();
    assert_eq!((first.to_string(), last.to_string()), ("2024-09-18".into(), "2025-07-15".into()));
}

#[test]
fn slice_month_writes_each_period_as_a_run_over_its_documents() {
    let dir = TempDir::new("slice-month");
    let out = dir.join("sliced");
    let (code, _, err) = run(actorgraph()
        .args(["graph", "data/articles", "--slice", "month", "--format", "csv,gexf,json", "--out"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("7 periods from 2024-09 to 2025-07 written to"), "{err}");
    let mut written: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut want: Vec<String> = MONTHS.iter().map(|m| m.to_string()).collect();
    want.extend(["actorgraph-manifest.tsv".into(), "graph.gexf".into()]);
    assert_eq!(written, want);
    for month in MONTHS {
        let alone = dir.join(&format!("alone-{month}"));
        let (code, _, err) = run(actorgraph()
            .args(["graph", "--format", "csv,gexf,json", "--out"])
            .arg(&alone)
            .args(articles(month)));
        assert_eq!(code, 0, "{err}");
        for name in ["nodes.csv", "edges.csv", "graph.gexf", "graph.json"] {
            let sliced = fs::read(out.join(month).join(name)).unwrap();
            assert!(sliced == fs::read(alone.join(name)).unwrap(), "{month}/{name} differs");
        }
    }
}

/// A node's spells in a dynamic GEXF, as (start, end), and its `mentions_period` values.
type Spells = (Vec<(String, String)>, Vec<u64>);

/// Returns the spells of each node of a dynamic GEXF, by node id.
fn node_spells(gexf: &str) -> BTreeMap<String, Spells> {
    let attr = |line: &str, name: &str| -> String {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..][..line[start..].find('"').unwrap()].to_string()
    };
    let (mut nodes, mut current) = (BTreeMap::new(), None);
    let edges_start = gexf.find("<edges>").unwrap();
    for line in gexf[..edges_start].lines().map(str::trim) {
        if line.starts_with("<node ") {
            current = Some(attr(line, "id"));
        }
        let Some(id) = &current else { continue };
        let entry: &mut Spells = nodes.entry(id.clone()).or_default();
        if line.starts_with("<spell ") {
            entry.0.push((attr(line, "start"), attr(line, "end")));
        } else if line.starts_with("<attvalue for=\"mentions_period\"") {
            entry.1.push(attr(line, "value").parse().unwrap());
        }
    }
    nodes
}

#[test]
fn dynamic_gexf_has_one_spell_per_period() {
    let dir = TempDir::new("slice-gexf");
    let (code, _, err) = run(actorgraph()
        .args(["graph", "data/articles", "--slice", "month", "--format", "csv", "--out"])
        .arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let gexf = fs::read_to_string(dir.join("graph.gexf")).unwrap();
    assert!(
        gexf.contains(r#"<graph defaultedgetype="undirected" mode="dynamic" timeformat="date">"#)
    );
    assert!(gexf.contains(r#"<attributes class="edge" mode="dynamic">"#));
    let spells = node_spells(&gexf);
    let russia = &spells["RUS"];
    let want = [("2025-03-01", "2025-03-31"), ("2025-06-01", "2025-06-30")];
    assert_eq!(russia.0, want.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(russia.1.iter().sum::<u64>(), 18, "mentions per period add up to the total");
    // Every node's spells are exactly the months whose node table lists it.
    for (id, (spells, _)) in &spells {
        let months: Vec<&str> = MONTHS
            .iter()
            .copied()
            .filter(|m| {
                let nodes = fs::read_to_string(dir.join(m).join("nodes.csv")).unwrap();
                nodes.lines().any(|l| l.starts_with(&format!("{id},")))
            })
            .collect();
        let starts: Vec<&str> = spells.iter().map(|(s, _)| &s[..7]).collect();
        assert_eq!(starts, months, "{id}");
    }
    // With the default minimum weight, the union is the graph of the whole (dated) corpus.
    let whole = dir.join("whole");
    run(actorgraph().args(["graph", "data/articles", "--format", "csv", "--out"]).arg(&whole));
    let nodes = fs::read_to_string(whole.join("nodes.csv")).unwrap();
    let edges = fs::read_to_string(whole.join("edges.csv")).unwrap();
    assert_eq!(spells.len(), nodes.lines().count() - 1);
    assert_eq!(gexf.matches("<edge id=").count(), edges.lines().count() - 1);
}

#[test]
fn sliced_output_is_identical_whatever_the_thread_count() {
    let dir = TempDir::new("slice-threads");
    let outs: Vec<Vec<u8>> = ["1", "3"]
        .iter()
        .map(|j| {
            let out = dir.join(j);
            let mut cmd = actorgraph();
            cmd.args(["graph", "-j", j, "--slice", "year", "data/articles", "data/sample.jsonl"]);
            let (code, _, err) = run(cmd.arg("--out").arg(&out));
            assert_eq!(code, 0, "{err}");
            let mut all = fs::read(out.join("graph.gexf")).unwrap();
            for year in ["2024", "2025", "2026"] {
                all.extend(fs::read(out.join(year).join("edges.csv")).unwrap());
            }
            all
        })
        .collect();
    assert!(outs[0] == outs[1]);
}

#[test]
fn undated_documents_are_reported_and_left_out_of_periods() {
    let dir = TempDir::new("undated");
    let dated = dir.write("2012-09-04-talks.txt", "Syria and Iraq met.");
    let undated = dir.write("talks.txt", "Syria and Iran met.");
    let out = dir.join("out");
    let (code, _, err) = run(actorgraph()
        .args(["graph", "--slice", "month", "--out"])
        .arg(&out)
        .arg(&dated)
        .arg(&undated));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 documents, 4 mentions, 1 without a date"), "{err}");
    assert!(err.contains("(1 documents without a date with a month left out)"), "{err}");
    let nodes = fs::read_to_string(out.join("2012-09/nodes.csv")).unwrap();
    assert!(!nodes.contains("IRN"), "the undated document is left out: {nodes}");

    let (code, _, err) = run(actorgraph().args(["graph", "--out"]).arg(&out).arg(&undated));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 documents, 2 mentions, none with a date (so no time slicing)"),
        "{err}"
    );
    let nodes = fs::read_to_string(out.join("nodes.csv")).unwrap();
    assert!(nodes.contains("IRN,Iran,state,1,1,0,IRN,35.69,51.42,,false,1,,,"), "{nodes}");

    let (code, _, err) =
        run(actorgraph().args(["graph", "--slice", "month", "--out"]).arg(&out).arg(&undated));
    assert_eq!(code, 2);
    assert!(
        err.contains("--slice month: no document has a date with a month (1 read), so there is no period to write"),
        "{err}"
    );
}

#[test]
fn unreadable_jsonl_date_is_reported_and_the_document_is_undated() {
    let dir = TempDir::new("bad-date");
    let input = dir.write(
        "c.jsonl",
        concat!(
            "{\"id\": \"a\", \"text\": \"Syria and Iraq met.\", \"date\": \"2012-09-04T23:10:00-04:00\"}\n",
            "{\"id\": \"b\", \"text\": \"Syria and Iran met.\", \"date\": \"next Tuesday\"}\n",
            "{\"id\": \"c\", \"text\": \"Chile and Iraq met.\", \"date\": \"2012-11\"}\n",
        ),
    );
    let out = dir.join("out");
    let (code, _, err) = run(actorgraph().args(["graph", "--out"]).arg(&out).arg(&input));
    assert_eq!(code, 0, "{err}");
    let line = format!("{}:2: cannot read the date \"next Tuesday\"", input.display());
    assert!(err.contains(&line) && err.contains("treated as undated"), "{err}");
    assert!(err.contains("3 documents, 6 mentions, 1 without a date"), "{err}");
    let nodes = fs::read_to_string(out.join("nodes.csv")).unwrap();
    for row in [
        "IRQ,Iraq,state,2,2,0,IRQ,33.34,44.4,,false,2,2012-09-04,2012-11,",
        "IRN,Iran,state,1,1,0,IRN,35.69,51.42,,false,1,,,",
        "SYR,Syria,state,2,2,0,SYR,33.51,36.29,,false,2,2012-09-04,2012-09-04,",
    ] {
        assert!(nodes.contains(row), "{row} in {nodes}");
    }
    // The mentions give each document's date as read, in ISO form, whatever the source wrote.
    let (code, mentions, err) = run(actorgraph().arg("extract").arg(&input));
    assert_eq!(code, 0, "{err}");
    let dates: Vec<&str> = mentions.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
    assert_eq!(dates, ["2012-09-04", "2012-09-04", "", "", "2012-11", "2012-11"]);
}

#[test]
fn merged_partials_keep_dates_and_refuse_version_1() {
    let dir = TempDir::new("partial-dates");
    let out = dir.join("p");
    let (code, _, err) =
        run(actorgraph().args(["graph", "--partial", "data/sample.jsonl", "--out"]).arg(&out));
    assert_eq!(code, 0, "{err}");
    let partial = fs::read_to_string(out.join("partial.json")).unwrap();
    assert!(partial.starts_with(r#"{"format":"actorgraph-partial","version":3,"#), "{partial}");
    assert!(partial.contains(r#""first_date":"2024-12-28","last_date":"2026-02-10","undated":0,"#));
    let old = dir.write("old.json", partial.replace(r#""version":3"#, r#""version":1"#));
    let (code, _, err) = run(actorgraph().arg("merge").arg(&old).arg("--out").arg(dir.join("m")));
    assert_eq!(code, 2);
    assert!(err.contains("a version 1 partial result has no window counts or dates"), "{err}");
    let (code, _, err) = run(actorgraph()
        .args(["graph", "--partial", "--slice", "month", "data/sample.jsonl", "--out"])
        .arg(&out));
    assert_eq!(code, 2, "partial results hold no periods: {err}");
}
