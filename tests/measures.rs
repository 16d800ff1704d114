//! Node measures through the real CLI: columns, switches, consistency with the edge table, and
//! byte-identical output whatever the thread count.

use std::collections::BTreeMap;
use std::fs;

use crate::util::{TempDir, actorgraph, run};

const MEASURES: &str = "Degree,WeightedDegree,Betweenness,Eigenvector,Community";
const ALL_FORMATS: &str = "csv,dot,gexf,graphml,json,html";

/// Runs `graph` on `inputs` with `extra` flags into a new directory; returns it and stderr.
fn graph(name: &str, inputs: &[&str], extra: &[&str]) -> (TempDir, String) {
    let dir = TempDir::new(name);
    let (code, _, err) =
        run(actorgraph().arg("graph").args(inputs).args(extra).arg("--out").arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    (dir, err)
}

fn header(dir: &TempDir) -> String {
    let nodes = fs::read_to_string(dir.join("nodes.csv")).unwrap();
    nodes.lines().next().unwrap().to_string()
}

#[test]
fn measures_are_written_and_summarised_by_default() {
    let (dir, err) = graph("measures", &["data/articles"], &[]);
    assert!(header(&dir).ends_with(&format!(",LastSeen,{MEASURES}")), "{}", header(&dir));
    assert!(err.contains("communities (modularity 0."), "{err}");
    let dot = fs::read_to_string(dir.join("graph.dot")).unwrap();
    assert!(dot.contains(", degree=") && dot.contains(", community=0];"), "{dot}");
}

#[test]
fn measures_agree_with_the_edge_table() {
    let (dir, _) = graph("measures-edges", &["data/articles"], &[]);
    let mut rdr = csv::Reader::from_path(dir.join("edges.csv")).unwrap();
    let mut want: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let weight: u64 = rec[3].parse().unwrap();
        for end in [&rec[0], &rec[1]] {
            let entry = want.entry(end.to_string()).or_default();
            entry.0 += 1;
            entry.1 += weight;
        }
    }
    let mut rdr = csv::Reader::from_path(dir.join("nodes.csv")).unwrap();
    let titles = rdr.headers().unwrap().clone();
    let col = |name: &str| titles.iter().position(|t| t == name).unwrap();
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (degree, weighted) = want.get(&rec[0]).copied().unwrap_or((0, 0));
        assert_eq!(rec[col("Degree")].parse::<u64>().unwrap(), degree, "{rec:?}");
        assert_eq!(rec[col("WeightedDegree")].parse::<u64>().unwrap(), weighted, "{rec:?}");
        for name in ["Betweenness", "Eigenvector"] {
            let x: f64 = rec[col(name)].parse().unwrap();
            assert!((0.0..=1.0).contains(&x), "{name} {x} in {rec:?}");
            assert!(!rec[col(name)].contains(['e', 'E']), "no exponent: {rec:?}");
        }
        *sizes.entry(rec[col("Community")].parse().unwrap()).or_default() += 1;
    }
    let sizes: Vec<usize> = sizes.into_values().collect();
    assert!(sizes.len() > 1 && sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
}

#[test]
fn no_measures_and_betweenness_limit() {
    let (dir, err) = graph("no-measures", &["data/articles"], &["--no-measures"]);
    assert!(header(&dir).ends_with(",LastSeen"), "{}", header(&dir));
    assert!(!err.contains("communit"), "{err}");
    let dot = fs::read_to_string(dir.join("graph.dot")).unwrap();
    assert!(!dot.contains("degree="), "{dot}");

    let (dir, err) = graph("limit", &["data/articles"], &["--betweenness-limit", "100"]);
    let want = "Degree,WeightedDegree,Eigenvector,Community";
    assert!(header(&dir).ends_with(want), "{}", header(&dir));
    assert!(err.contains("betweenness left out: the graph has 215 nodes"), "{err}");
    let (_, err) = graph("limit-quiet", &["data/articles"], &["--betweenness-limit", "100", "-q"]);
    assert_eq!(err, "");
}

#[test]
fn merged_shards_carry_the_measures_of_one_run() {
    // The merge command computes the measures as the graph command does; the shard test in
    // cli.rs compares the files byte for byte, this checks that they are there.
    let (dir, _) = graph("shard", &["data/articles"], &["--partial"]);
    let out = TempDir::new("merged-measures");
    let (code, _, err) = run(actorgraph()
        .args(["merge"])
        .arg(dir.join("partial.json"))
        .arg("--out")
        .arg(out.path()));
    assert_eq!(code, 0, "{err}");
    assert!(header(&out).ends_with(MEASURES), "{}", header(&out));
    assert!(err.contains("communities (modularity"), "{err}");
}

#[test]
fn graph_files_are_identical_whatever_the_thread_count() {
    let mut inputs = vec!["data/articles", "data/sample.jsonl"];
    let corpus = crate::util::root().join("../shared/data/corpus/convention2012.jsonl");
    let corpus = corpus.to_str().unwrap().to_string();
    if crate::util::shared_present(corpus.as_ref()) {
        inputs.push(&corpus);
    }
    let (one, _) = graph("threads-1", &inputs, &["-j", "1", "--format", ALL_FORMATS]);
    let (two, _) = graph("threads-2", &inputs, &["-j", "2", "--format", ALL_FORMATS]);
    let (four, _) = graph("threads-4", &inputs, &["-j", "4", "--format", ALL_FORMATS]);
    for name in ["nodes.csv", "edges.csv", "graph.dot", "graph.gexf", "graph.graphml"] {
        let a = fs::read(one.join(name)).unwrap();
        assert!(a == fs::read(two.join(name)).unwrap(), "{name}: -j 1 and -j 2 differ");
        assert!(a == fs::read(four.join(name)).unwrap(), "{name}: -j 1 and -j 4 differ");
    }
    for name in ["graph.json", "graph.html"] {
        assert!(fs::read(one.join(name)).unwrap() == fs::read(four.join(name)).unwrap(), "{name}");
    }
}
