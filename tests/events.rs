//! `actorgraph events`: golden files on data/articles, stacked dictionaries, errors and exit
//! codes (issue 16).

use crate::util::{TempDir, actorgraph, assert_golden, exits, run};

#[test]
fn events_on_sample_articles_match_golden_files() {
    let (csv, _) = exits(0, run(actorgraph().args(["events", "data/articles"])));
    assert_golden("articles/events.csv", &csv);
    let (jsonl, _) =
        exits(0, run(actorgraph().args(["events", "--format", "jsonl", "data/articles"])));
    assert_golden("articles/events.jsonl", &jsonl);
    assert_eq!(csv.lines().count() - 1, jsonl.lines().count());
}

#[test]
fn events_are_identical_whatever_the_thread_count() {
    let one =
        run(actorgraph().args(["events", "-q", "-j", "1", "data/articles", "data/sample.jsonl"]));
    let four =
        run(actorgraph().args(["events", "-q", "-j", "4", "data/articles", "data/sample.jsonl"]));
    assert_eq!(one, four);
}

#[test]
fn user_dictionary_stacks_on_the_builtin_one() {
    let dir = TempDir::new("events-stack");
    let text = dir.write("a.txt", "Russia besieged Ukraine. Russia attacked Ukraine.");
    let mine = dir.write("mine.tsv", "code\tscore\tphrases\n192\t-9.5\t{besiege,besieged}\n");
    let (out, _) =
        exits(0, run(actorgraph().args(["events", "-q", "--events"]).arg(&mine).arg(&text)));
    let codes: Vec<&str> = out.lines().skip(1).map(|l| l.split(',').nth(15).unwrap()).collect();
    assert_eq!(codes, ["192", "190"]);
    let only = run(actorgraph()
        .args(["events", "-q", "--no-default-events", "--events"])
        .arg(&mine)
        .arg(&text));
    let (out, _) = exits(0, only);
    assert_eq!(out.lines().count(), 2, "header and one event: {out}");
}

#[test]
fn bad_dictionary_line_is_an_error_naming_file_and_line() {
    let dir = TempDir::new("events-bad");
    let mine =
        dir.write("bad.tsv", "code\tscore\tphrases\n# fine\n190\t-10\tattacked\n25\t1\tmet\n");
    let (_, err) =
        exits(2, run(actorgraph().args(["events", "--events"]).arg(&mine).arg("data/articles")));
    assert_eq!(
        err.trim(),
        format!("actorgraph: {}:4: \"25\" has no CAMEO root category (01 to 20)", mine.display())
    );
}

#[test]
fn no_event_exits_1_with_a_header() {
    let dir = TempDir::new("events-none");
    let text = dir.write("a.txt", "Russia and Ukraine are large.");
    let (out, err) = exits(1, run(actorgraph().args(["events"]).arg(&text)));
    assert!(out.starts_with("document,date,sentence,sentence_start,"), "{out}");
    assert_eq!(out.lines().count(), 1);
    assert!(err.contains(", 0 events"), "{err}");
}

/// The graph formats of the directed event graph, each file compared with its golden file.
const EVENT_GRAPH_FILES: [&str; 6] =
    ["nodes.csv", "edges.csv", "graph.gexf", "graph.graphml", "graph.json", "graph.dot"];

#[test]
fn event_graph_on_sample_articles_matches_golden_files() {
    let dir = TempDir::new("event-graph");
    let (_, err) = exits(
        0,
        run(actorgraph()
            .args(["graph", "data/articles", "--relations", "events"])
            .args(["--format", "csv,gexf,graphml,json,dot", "--out"])
            .arg(dir.path())),
    );
    assert!(err.contains(", 5 events, 10 nodes, 5 directed edges written to "), "{err}");
    for name in EVENT_GRAPH_FILES {
        let got = std::fs::read_to_string(dir.join(name)).unwrap();
        assert_golden(&format!("articles-events/{name}"), &got);
    }
    let edges = std::fs::read_to_string(dir.join("edges.csv")).unwrap();
    assert!(edges.lines().skip(1).all(|l| l.split(',').nth(2) == Some("Directed")), "{edges}");
    let dot = std::fs::read_to_string(dir.join("graph.dot")).unwrap();
    assert!(dot.starts_with("digraph actorgraph {") && dot.contains("\"PSE\" -> \"ISR\""));
    let gexf = std::fs::read_to_string(dir.join("graph.gexf")).unwrap();
    assert!(gexf.contains(r#"<graph defaultedgetype="directed""#), "{gexf}");
    let graphml = std::fs::read_to_string(dir.join("graph.graphml")).unwrap();
    assert!(graphml.contains(r#"edgedefault="directed""#), "{graphml}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("graph.json")).unwrap()).unwrap();
    assert_eq!(json["directed"], true);
}

/// A corpus with events both ways between Russia and Ukraine, a negated and a modal one.
fn two_way_corpus(dir: &TempDir) -> std::path::PathBuf {
    dir.write(
        "a.txt",
        "Russia attacked Ukraine. Russia signed an agreement with Ukraine. Ukraine accused \
         Russia of lying.\n\nRussia did not attack Ukraine. Russia could attack Ukraine. Russia \
         sent aid to Ukraine.\n",
    );
    dir.write("b.txt", "Russia attacked Ukraine. Turkey met with Russia.\n");
    dir.path().to_path_buf()
}

/// The rows of edges.csv of a run of `graph --relations events` with `args`.
fn event_edges(corpus: &std::path::Path, out: &std::path::Path, args: &[&str]) -> Vec<String> {
    let (_, _) = exits(
        0,
        run(actorgraph()
            .args(["graph", "-q", "--relations", "events"])
            .args(args)
            .arg(corpus)
            .arg("--out")
            .arg(out)),
    );
    let edges = std::fs::read_to_string(out.join("edges.csv")).unwrap();
    edges.lines().map(str::to_string).collect()
}

#[test]
fn event_graph_counts_each_direction_and_leaves_out_negated_and_modal_events() {
    let dir = TempDir::new("event-graph-counts");
    let corpus = two_way_corpus(&dir);
    let rows = event_edges(&corpus.join("a.txt"), &dir.join("o1"), &[]);
    assert_eq!(
        rows[0],
        "Source,Target,Type,Weight,Events,Documents,VerbalCooperation,MaterialCooperation,\
         VerbalConflict,MaterialConflict,Signed,MeanScore,QuadClass,FirstSeen,LastSeen"
    );
    // Russia → Ukraine: attacked (-10), signed an agreement (8), sent aid (7); Ukraine →
    // Russia: accused ... of (-2).
    assert_eq!(rows[1], "RUS,UKR,Directed,3,3,1,1,1,0,1,1,1.6667,verbal_cooperation,,");
    assert_eq!(rows[2], "UKR,RUS,Directed,1,1,1,0,0,1,0,-1,-2,verbal_conflict,,");
    assert_eq!(rows.len(), 3);
    let all = event_edges(&corpus.join("a.txt"), &dir.join("o2"), &["--include-unasserted"]);
    assert_eq!(all[1], "RUS,UKR,Directed,5,5,1,1,1,0,3,-1,-3,material_conflict,,");
}

#[test]
fn signed_event_graph_weighs_by_cooperation_minus_conflict() {
    let dir = TempDir::new("event-graph-signed");
    let corpus = two_way_corpus(&dir);
    let rows = event_edges(&corpus, &dir.join("out"), &["--signed"]);
    let weights: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| {
            let cells: Vec<&str> = r.split(',').collect();
            assert_eq!(cells[3], cells[10], "Weight is Signed: {r}");
            (cells[0], cells[3])
        })
        .collect();
    // Russia → Ukraine over both files: 2 cooperation, 2 conflict (edges in entity id order).
    assert_eq!(weights, [("RUS", "0"), ("TUR", "1"), ("UKR", "-1")]);
    let kept = event_edges(&corpus, &dir.join("kept"), &["--signed", "--min-weight", "0"]);
    assert_eq!(kept.len() - 1, 2, "the hostile tie is below 0: {kept:?}");
}

#[test]
fn event_graph_refuses_options_it_has_no_meaning_for() {
    let dir = TempDir::new("event-graph-refuse");
    let out = dir.join("out");
    for args in [
        &["--relations", "events", "--weight", "npmi"][..],
        &["--relations", "events", "--backbone", "0.05"],
        &["--relations", "events", "--slice", "month"],
        &["--signed"],
    ] {
        let (_, err) = exits(
            2,
            run(actorgraph().args(["graph", "data/articles"]).args(args).arg("--out").arg(&out)),
        );
        assert!(err.starts_with("actorgraph: "), "{args:?}: {err}");
        assert!(!out.exists(), "{args:?}: nothing is written");
    }
}

#[test]
fn event_graph_is_identical_whatever_the_thread_count() {
    let dir = TempDir::new("event-graph-threads");
    let corpus = std::path::Path::new("data/articles");
    let one = event_edges(corpus, &dir.join("1"), &["-j", "1", "data/sample.jsonl"]);
    let four = event_edges(corpus, &dir.join("4"), &["-j", "4", "data/sample.jsonl"]);
    assert!(one.len() > 1);
    assert_eq!(one, four);
}

/// `events import` on the PETRARCH verb dictionary in ../shared: it converts with no error,
/// counts what it leaves out, carries the source's licence header, and its output stacks on
/// the built-in dictionary with `--events`.
#[test]
fn petrarch_verb_dictionary_imports_and_stacks() {
    let source = crate::util::root().join("../shared/data/cameo/CAMEO.2.0.txt");
    if !crate::util::shared_present(&source) {
        return;
    }
    let dir = TempDir::new("events-petrarch");
    let out = dir.join("verbs.tsv");
    let (_, stderr) =
        exits(0, run(actorgraph().args(["events", "import"]).arg(&source).arg("-o").arg(&out)));
    let first = stderr.lines().next().unwrap();
    assert!(
        first.starts_with("actorgraph: converted ") && first.contains(" forms from "),
        "{stderr}"
    );
    assert!(stderr.contains("left out 294 patterns with words or the source before the verb"));
    assert!(stderr.contains("left out 266 patterns with the null code [---] or no CAMEO code"));
    let tsv = std::fs::read_to_string(&out).unwrap();
    assert!(tsv.contains("\n# The MIT License (MIT)\n"));
    // Rows the dictionary codes without a parse, checked by reading the source: ATTACK's
    // block is 190, and "accuse" is 112 in its block.
    let row = |form: &str| {
        tsv.lines().find(|l| l.split('\t').nth(2).is_some_and(|p| p.split('|').any(|f| f == form)))
    };
    assert!(row("attacked").is_some_and(|r| r.starts_with("190\t")), "{:?}", row("attacked"));
    assert!(row("accused").is_some_and(|r| r.starts_with("112\t")), "{:?}", row("accused"));
    let text = dir.write("a.txt", "Russia attacked Ukraine. Egypt accused Israel.");
    let (csv, _) = exits(0, run(actorgraph().args(["events", "--events"]).arg(&out).arg(&text)));
    let codes: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').nth(15).unwrap()).collect();
    assert_eq!(codes, ["190", "112"], "{csv}");
}

/// Shards of data/articles through `graph --relations events --partial` (to a file and to
/// standard output), merged, give byte for byte the event graph of one run, with and without
/// `--signed`; a co-occurrence partial does not merge with them, and the co-occurrence
/// filters and `--signed` without events are refused.
#[test]
fn event_partials_merge_into_the_single_run_graph() {
    let dir = TempDir::new("event-partials");
    let mut files: Vec<_> =
        std::fs::read_dir("data/articles").unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (first, second) = files.split_at(files.len() / 2);
    let shard = |name: &str, docs: &[std::path::PathBuf]| {
        let at = dir.join(name);
        std::fs::create_dir(&at).unwrap();
        for doc in docs {
            std::fs::copy(doc, at.join(doc.file_name().unwrap())).unwrap();
        }
        at
    };
    let (a, b) = (shard("a", first), shard("b", second));
    let events = ["--relations", "events"];
    exits(
        0,
        run(actorgraph()
            .arg("graph")
            .arg(&a)
            .args(events)
            .arg("--partial")
            .arg("-o")
            .arg(dir.join("pa"))),
    );
    let (line, _) = exits(
        0,
        run(actorgraph().arg("graph").arg(&b).args(events).args(["--partial", "--out", "-"])),
    );
    let pb = dir.write("pb.json", line);
    let pa = dir.join("pa/partial.json");
    for extra in [&[][..], &["--signed"]] {
        let merged = dir.join("merged");
        let single = dir.join("single");
        let _ = std::fs::remove_dir_all(&merged);
        let _ = std::fs::remove_dir_all(&single);
        let (_, err) = exits(
            0,
            run(actorgraph().arg("merge").arg(&pa).arg(&pb).args(extra).arg("-o").arg(&merged)),
        );
        assert!(err.contains("5 events") && err.contains("directed edges"), "{err}");
        exits(
            0,
            run(actorgraph()
                .arg("graph")
                .arg(&a)
                .arg(&b)
                .args(events)
                .args(extra)
                .arg("-q")
                .arg("-o")
                .arg(&single)),
        );
        for file in ["nodes.csv", "edges.csv", "graph.dot"] {
            let read = |d: &std::path::Path| std::fs::read_to_string(d.join(file)).unwrap();
            assert_eq!(read(&merged), read(&single), "{file} {extra:?}");
        }
    }
    exits(
        0,
        run(actorgraph().arg("graph").arg(&a).args(["--partial", "-q", "-o"]).arg(dir.join("pc"))),
    );
    let pc = dir.join("pc/partial.json");
    let (_, err) =
        exits(2, run(actorgraph().arg("merge").arg(&pc).arg(&pb).arg("-o").arg(dir.join("x"))));
    assert!(err.contains("relations is not set there, \"events\" here"), "{err}");
    let (_, err) = exits(
        2,
        run(actorgraph().arg("merge").arg(&pa).args(["--weight", "npmi", "-o"]).arg(dir.join("y"))),
    );
    assert!(err.contains("--weight is for co-occurrence"), "{err}");
    let (_, err) = exits(
        2,
        run(actorgraph().arg("merge").arg(&pc).args(["--signed", "-o"]).arg(dir.join("z"))),
    );
    assert!(err.contains("--signed needs partials"), "{err}");
}
