//! Metadata: `graph --attribute` (counts per field value on nodes and edges), `--split-by`
//! (one graph per value) and what they refuse, on data/speeches.jsonl.

use std::fs;
use std::path::Path;

use crate::util::{TempDir, actorgraph, exits, names_in, root, run, shared_present};

const SPEECHES: &str = "data/speeches.jsonl";

/// The metadata columns of data/speeches.jsonl with `--attribute party,outlet`, in order.
const COLUMNS: &str =
    "party=blue,party=red,outlet=Evening Post,outlet=Le Monde / Paris,outlet=evening post";

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The row of `id` in a CSV table (its first cell).
fn row<'a>(table: &'a str, id: &str) -> &'a str {
    table.lines().find(|l| l.starts_with(&format!("{id},"))).unwrap_or_else(|| panic!("{id}"))
}

/// The last `n` cells of a CSV line without quoted cells.
fn last_cells(line: &str, n: usize) -> Vec<&str> {
    let cells: Vec<&str> = line.split(',').collect();
    cells[cells.len() - n..].to_vec()
}

#[test]
fn attribute_counts_documents_per_value_on_nodes_and_edges() {
    let dir = TempDir::new("attribute-csv");
    let out = dir.join("out");
    let stderr = graph(&out, &["--attribute", "party", "--attribute", "outlet"]);
    assert!(stderr.contains("(2 documents without party)"), "{stderr}");
    let nodes = read(&out.join("nodes.csv"));
    assert!(nodes.lines().next().unwrap().ends_with(&format!(",Community,{COLUMNS}")), "{nodes}");
    // Iran: speech-01 (blue, Evening Post), 02 (red, Evening Post), 03 (red, Le Monde),
    // 05 (no party, evening post).
    let rows = [
        ("IRN", ["1", "2", "2", "1", "1"]),
        ("IRQ", ["1", "1", "2", "0", "0"]),
        ("CHL", ["0", "0", "0", "1", "0"]),
    ];
    for (id, want) in rows {
        assert_eq!(last_cells(row(&nodes, id), 5), want, "{id}");
    }
    let edges = read(&out.join("edges.csv"));
    assert!(edges.lines().next().unwrap().ends_with(&format!(",LastSeen,{COLUMNS}")), "{edges}");
    assert_eq!(last_cells(row(&edges, "IRN,IRQ"), 5), ["1", "1", "2", "0", "0"]);
    assert_eq!(last_cells(row(&edges, "IRN,RUS"), 5), ["0", "0", "0", "0", "1"]);
}

/// Runs `graph` on data/speeches.jsonl with `args` into `out`, exit status 0.
fn graph(out: &Path, args: &[&str]) -> String {
    let mut cmd = actorgraph();
    cmd.args(["graph", SPEECHES]).args(args).arg("-o").arg(out);
    exits(0, run(&mut cmd)).1
}

#[test]
fn attribute_columns_are_declared_in_gexf_graphml_and_json() {
    let dir = TempDir::new("attribute-xml");
    let out = dir.join("out");
    graph(&out, &["--attribute", "party,outlet", "--format", "gexf,graphml,json,dot"]);
    let gexf = read(&out.join("graph.gexf"));
    for (i, name) in COLUMNS.split(',').enumerate() {
        let declared = format!(r#"<attribute id="field{i}" title="{name}" type="long"/>"#);
        assert_eq!(gexf.matches(&declared).count(), 2, "node and edge: {declared}");
    }
    assert!(gexf.contains(r#"<attvalue for="field1" value="2"/>"#), "Iran's red speeches");
    let graphml = read(&out.join("graph.graphml"));
    for (i, name) in COLUMNS.split(',').enumerate() {
        for (prefix, domain) in [("n", "node"), ("e", "edge")] {
            let key = format!(
                r#"<key id="{prefix}_field{i}" for="{domain}" attr.name="{name}" attr.type="long"/>"#
            );
            assert!(graphml.contains(&key), "{key}");
        }
    }
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("graph.json"))).unwrap();
    let iran = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "IRN").unwrap();
    assert_eq!(
        (iran["party=red"].as_u64(), iran["outlet=evening post"].as_u64()),
        (Some(2), Some(1))
    );
    let edge = &json["edges"].as_array().unwrap().iter().find(|e| e["source"] == "IRN").unwrap();
    assert!(edge["party=blue"].is_u64(), "{edge}");
    let dot = read(&out.join("graph.dot"));
    let iran = dot.lines().find(|l| l.starts_with("  \"IRN\" [")).unwrap();
    assert!(iran.ends_with(r#", "party=blue"=1, "party=red"=2, "outlet=Evening Post"=2, "outlet=Le Monde / Paris"=1, "outlet=evening post"=1];"#), "{iran}");
    assert!(
        dot.contains(r#""IRN" -- "IRQ" [weight=2, penwidth=6.00, "party=blue"=1, "party=red"=1, "#),
        "{dot}"
    );
}

#[test]
fn attribute_without_the_field_anywhere_warns() {
    let dir = TempDir::new("attribute-none");
    let stderr = graph(&dir.join("out"), &["--attribute", "nosuch"]);
    assert!(stderr.contains("warning: --attribute nosuch: no document has this field"), "{stderr}");
    let nodes = read(&dir.join("out/nodes.csv"));
    assert!(nodes.lines().next().unwrap().ends_with(",Community"), "no columns: {nodes}");
}

#[test]
fn attribute_goes_into_each_period_with_slice() {
    let dir = TempDir::new("attribute-slice");
    let out = dir.join("out");
    graph(&out, &["--attribute", "party", "--slice", "month", "--no-measures"]);
    let march = read(&out.join("2025-03/nodes.csv"));
    assert!(march.lines().next().unwrap().ends_with(",party=red"), "only red in March: {march}");
    assert_eq!(last_cells(row(&march, "RUS"), 1), ["1"]);
    let gexf = read(&out.join("graph.gexf"));
    assert!(gexf.contains(r#"title="party=blue""#), "the dynamic graph counts all periods");
}

#[test]
fn split_by_writes_one_graph_per_value_in_safe_folders() {
    let dir = TempDir::new("split-by");
    let out = dir.join("out");
    let stderr = graph(&out, &["--split-by", "outlet", "--format", "csv"]);
    assert!(stderr.contains(", 3 graphs by outlet written to"), "{stderr}");
    let folders = ["Evening_Post", "Le_Monde___Paris", "evening_post-2"];
    let mut want: Vec<String> = folders.iter().map(|f| f.to_string()).collect();
    want.extend(["actorgraph-manifest.tsv".to_string(), "values.tsv".to_string()]);
    want.sort();
    assert_eq!(names_in(&out), want);
    assert_eq!(
        read(&out.join("values.tsv")),
        "folder\toutlet\tdocuments\nEvening_Post\tEvening Post\t2\n\
         Le_Monde___Paris\tLe Monde / Paris\t2\nevening_post-2\tevening post\t1\n"
    );
    for folder in folders {
        assert_eq!(names_in(&out.join(folder)), ["edges.csv", "nodes.csv"], "{folder}");
    }
    let manifest = read(&out.join("actorgraph-manifest.tsv"));
    assert!(manifest.contains("Le_Monde___Paris/nodes.csv\t"), "{manifest}");
}

#[test]
fn a_split_is_the_graph_of_a_run_over_its_documents() {
    let dir = TempDir::new("split-one");
    let out = dir.join("out");
    let stderr = graph(&out, &["--split-by", "party"]);
    assert!(stderr.contains("(2 documents without party left out)"), "{stderr}");
    assert_eq!(names_in(&out), ["actorgraph-manifest.tsv", "blue", "red", "values.tsv"]);
    let lines: Vec<String> = read(&root().join(SPEECHES)).lines().map(String::from).collect();
    let red = dir.write("red.jsonl", format!("{}\n{}\n", lines[1], lines[2]));
    let alone = dir.join("alone");
    let mut cmd = actorgraph();
    cmd.arg("graph").arg(&red).arg("-o").arg(&alone);
    exits(0, run(&mut cmd));
    for file in ["nodes.csv", "edges.csv", "graph.dot"] {
        assert_eq!(read(&out.join("red").join(file)), read(&alone.join(file)), "{file}");
    }
}

/// Runs `graph` at `-j 1` and `-j 2` with `args` and checks that the outputs are the same
/// files, byte for byte.
fn same_at_one_and_two_threads(input: &Path, args: &[&str]) {
    let dir = TempDir::new("metadata-threads");
    for j in ["1", "2"] {
        let mut cmd = actorgraph();
        cmd.arg("graph").arg(input).args(args).args(["-j", j, "-q", "-o"]).arg(dir.join(j));
        exits(0, run(&mut cmd));
    }
    let files = |top: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        for name in names_in(top) {
            let path = top.join(&name);
            if path.is_dir() {
                for sub in names_in(&path) {
                    files.push((format!("{name}/{sub}"), fs::read(path.join(&sub)).unwrap()));
                }
            } else {
                files.push((name, fs::read(path).unwrap()));
            }
        }
        files
    };
    let (one, two) = (files(&dir.join("1")), files(&dir.join("2")));
    assert!(one.len() > 2, "{args:?}");
    assert!(one == two, "{args:?}: -j 1 and -j 2 differ");
}

#[test]
fn metadata_output_is_the_same_at_any_thread_count() {
    let all = "csv,gexf,graphml,json,dot,html,geojson";
    let speeches = root().join(SPEECHES);
    same_at_one_and_two_threads(&speeches, &["--attribute", "party,outlet", "--format", all]);
    same_at_one_and_two_threads(&speeches, &["--split-by", "outlet", "--attribute", "party"]);
    let convention = root().join("../shared/data/corpus/convention2012.jsonl");
    if shared_present(&convention) {
        same_at_one_and_two_threads(&convention, &["--attribute", "party", "--format", all]);
        same_at_one_and_two_threads(&convention, &["--split-by", "party"]);
    }
}

#[test]
fn unsupported_combinations_are_refused_before_reading() {
    let dir = TempDir::new("metadata-refused");
    let out = dir.join("out");
    let rows: &[(&[&str], &str)] = &[
        (&["--attribute", "party", "--partial"], "--attribute: a partial result holds the counts"),
        (&["--split-by", "party", "--partial"], "--split-by: a partial result holds the counts"),
        (&["--attribute", "party", "--relations", "events"], "not to --relations events"),
        (&["--split-by", "party", "--slice", "year"], "--split-by cannot be combined with --slice"),
        (&["--split-by", "party", "--evidence"], "--evidence cannot be combined with --split-by"),
        (&["--attribute", ""], "a field name is empty"),
    ];
    for (args, want) in rows {
        let mut cmd = actorgraph();
        cmd.args(["graph", SPEECHES]).args(*args).arg("-o").arg(&out);
        let (_, stderr) = exits(2, run(&mut cmd));
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?}: nothing written");
    }
    let mut cmd = actorgraph();
    cmd.args(["merge", "data/sample.jsonl", "--attribute", "party", "-o"]).arg(&out);
    let (_, stderr) = exits(2, run(&mut cmd));
    assert!(stderr.contains("--attribute: a partial result holds the counts"), "{stderr}");
}

#[test]
fn attribute_works_with_evidence() {
    let dir = TempDir::new("attribute-evidence");
    let out = dir.join("out");
    graph(&out, &["--attribute", "party", "--evidence"]);
    assert!(out.join("evidence.csv").exists());
    assert!(read(&out.join("nodes.csv")).lines().next().unwrap().ends_with(",party=red"));
}

#[test]
fn two_mode_writes_actors_and_values_with_their_mode() {
    let dir = TempDir::new("two-mode");
    let out = dir.join("out");
    let stderr = graph(&out, &["--two-mode", "party", "--format", "csv,gexf,graphml,json,dot"]);
    assert!(
        stderr.contains(", two-mode network of 6 actors and 2 party values, 9 edges, written to"),
        "{stderr}"
    );
    assert!(stderr.contains("(2 documents without party left out)"), "{stderr}");
    let nodes = read(&out.join("nodes.csv"));
    let mut lines = nodes.lines();
    assert_eq!(lines.next(), Some("Id,Label,Mode,Bipartite,Type,Kind,Mentions,Documents"));
    assert_eq!(
        row(&nodes, "IRN"),
        "IRN,Iran,actor,0,false,state,3,3",
        "the left-out speech-05 not counted"
    );
    assert_eq!(row(&nodes, "party=red"), "party=red,red,party,1,true,,,2");
    assert!(!nodes.contains("CHL,"), "Chile is only in speech-04, which has no party");
    let edges = read(&out.join("edges.csv"));
    assert_eq!(edges.lines().next(), Some("Source,Target,Type,Weight,Documents,Mentions"));
    assert_eq!(row(&edges, "IRN,party=red"), "IRN,party=red,Undirected,2,2,2");
    assert_eq!(edges.lines().count(), 10);
    // Every edge joins an actor (Bipartite 0) to a value (Bipartite 1).
    let modes: std::collections::BTreeMap<&str, &str> = nodes
        .lines()
        .skip(1)
        .map(|l| (l.split(',').next().unwrap(), l.split(',').nth(3).unwrap()))
        .collect();
    for line in edges.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!((modes[cells[0]], modes[cells[1]]), ("0", "1"), "{line}");
    }
    let gexf = read(&out.join("graph.gexf"));
    for declared in [
        r#"<attribute id="mode" title="mode" type="string"/>"#,
        r#"<attribute id="bipartite" title="bipartite" type="long"/>"#,
        r#"<attribute id="type" title="type" type="boolean"/>"#,
    ] {
        assert!(gexf.contains(declared), "{declared}");
    }
    assert!(gexf.contains(r#"<edge id="1" source="IRN" target="party=red" weight="2">"#), "{gexf}");
    let graphml = read(&out.join("graph.graphml"));
    assert!(
        graphml.contains(r#"<key id="n_type" for="node" attr.name="type" attr.type="boolean"/>"#)
    );
    assert!(graphml.contains(r#"<data key="n_bipartite">1</data>"#));
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("graph.json"))).unwrap();
    assert_eq!(json["graph"]["two_mode"], "party");
    let red = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "party=red").unwrap();
    assert_eq!((red["bipartite"].as_u64(), red["type"].as_bool()), (Some(1), Some(true)));
    assert!(read(&out.join("graph.dot")).contains(r#""party=red" [label="red", shape=box"#));
}

#[test]
fn two_mode_of_documents_has_a_node_per_document() {
    let dir = TempDir::new("two-mode-documents");
    let out = dir.join("out");
    graph(&out, &["--two-mode", "document", "--kinds", "state", "--drop-isolated"]);
    let nodes = read(&out.join("nodes.csv"));
    for id in ["speech-01", "speech-04", "speech-05"] {
        assert!(row(&nodes, &format!("document={id}")).contains(",document,1,true,"), "{id}");
    }
    assert!(!nodes.contains("baghdad"), "--kinds state leaves places out");
    assert_eq!(
        row(&read(&out.join("edges.csv")), "CHL,document=speech-04"),
        "CHL,document=speech-04,Undirected,1,1,1"
    );
}

#[test]
fn two_mode_is_the_same_at_any_thread_count_and_refuses_what_it_cannot_write() {
    let speeches = root().join(SPEECHES);
    same_at_one_and_two_threads(
        &speeches,
        &["--two-mode", "party", "--format", "csv,gexf,graphml,json,dot"],
    );
    let convention = root().join("../shared/data/corpus/convention2012.jsonl");
    if shared_present(&convention) {
        same_at_one_and_two_threads(
            &convention,
            &["--two-mode", "document", "--format", "csv,gexf,graphml,json"],
        );
    }
    let dir = TempDir::new("two-mode-refused");
    let out = dir.join("out");
    let rows: &[(&[&str], &str)] = &[
        (
            &["--two-mode", "party", "--format", "html"],
            "--two-mode writes csv, gexf, graphml, json and dot, not html",
        ),
        (
            &["--two-mode", "party", "--min-weight", "2"],
            "--two-mode takes the filters --kinds, --exclude and --drop-isolated only",
        ),
        (
            &["--two-mode", "party", "--attribute", "outlet"],
            "cannot be combined with --attribute, --split-by or --slice",
        ),
        (&["--two-mode", "party", "--evidence"], "--evidence cannot be combined with --two-mode"),
        (&["--two-mode", "party", "--partial"], "--two-mode: a partial result holds the counts"),
    ];
    for (args, want) in rows {
        let mut cmd = actorgraph();
        cmd.args(["graph", SPEECHES]).args(*args).arg("-o").arg(&out);
        let (_, stderr) = exits(2, run(&mut cmd));
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?}: nothing written");
    }
}
