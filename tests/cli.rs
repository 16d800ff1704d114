//! The real CLI on data/: golden files, determinism, errors and exit codes.

use std::fs;

use crate::util::{TempDir, actorgraph, assert_golden, run, run_with_stdin};

const GAZ_HEADER: &str = "id\tkind\tlabel\taliases\n";

#[test]
fn graph_on_sample_articles_matches_golden_files() {
    let dir = TempDir::new("golden-graph");
    let (code, _, stderr) =
        run(actorgraph().args(["graph", "data/articles", "--out"]).arg(dir.path()));
    assert_eq!(code, 0, "{stderr}");
    for name in ["nodes.csv", "edges.csv", "graph.dot"] {
        assert_golden(&format!("articles/{name}"), &fs::read_to_string(dir.join(name)).unwrap());
    }
}

#[test]
fn extract_on_sample_articles_matches_golden_file() {
    let (code, stdout, stderr) = run(actorgraph().args(["extract", "data/articles"]));
    assert_eq!(code, 0, "{stderr}");
    assert_golden("articles/mentions.csv", &stdout);
}

#[test]
fn extract_jsonl_on_sample_jsonl_matches_golden_file() {
    let (code, stdout, stderr) =
        run(actorgraph().args(["extract", "--format", "jsonl", "data/sample.jsonl"]));
    assert_eq!(code, 0, "{stderr}");
    assert_golden("sample/mentions.jsonl", &stdout);
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(value["start"].as_u64().unwrap() < value["end"].as_u64().unwrap());
    }
}

#[test]
fn paragraph_window_graph_on_sample_jsonl_matches_golden_files() {
    let dir = TempDir::new("golden-para");
    let cmd = actorgraph()
        .args(["graph", "--window", "paragraph", "--format", "csv", "data/sample.jsonl", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(cmd.status.success());
    assert!(!dir.join("graph.dot").exists(), "--format csv writes no DOT");
    for name in ["nodes.csv", "edges.csv"] {
        assert_golden(&format!("sample/{name}"), &fs::read_to_string(dir.join(name)).unwrap());
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let outs: Vec<String> = ["1", "2", "4"]
        .iter()
        .map(|j| {
            run(actorgraph().args(["extract", "-j", j, "data/articles", "data/sample.jsonl"])).1
        })
        .collect();
    assert!(!outs[0].is_empty());
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
}

#[test]
fn output_is_identical_on_the_shared_corpus_whatever_the_thread_count() {
    let corpus = crate::util::root().join("../shared/data/corpus/convention2012.jsonl");
    if !crate::util::shared_present(&corpus) {
        return;
    }
    let one = run(actorgraph().args(["extract", "-j", "1"]).arg(&corpus)).1;
    let two = run(actorgraph().args(["extract", "-j", "2"]).arg(&corpus)).1;
    assert!(one.lines().count() > 1000, "the speeches name many actors");
    assert_eq!(one, two);
}

#[test]
fn gephi_csv_has_plain_headers_and_consistent_ids() {
    let dir = TempDir::new("gephi");
    run(actorgraph().args(["graph", "data/articles", "--out"]).arg(dir.path()));
    let nodes = fs::read(dir.join("nodes.csv")).unwrap();
    let edges = fs::read(dir.join("edges.csv")).unwrap();
    assert!(nodes.starts_with(b"Id,Label,Kind,Mentions,Documents"), "no BOM, Gephi header");
    assert!(edges.starts_with(
        b"Source,Target,Type,Weight,Documents,Windows,PMI,NPMI,Jaccard,Dice,AssociationStrength,FirstSeen,LastSeen\n"
    ));
    let mut rdr = csv::Reader::from_reader(&nodes[..]);
    let ids: std::collections::HashSet<String> =
        rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
    let mut rdr = csv::Reader::from_reader(&edges[..]);
    let mut count = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        assert!(ids.contains(&rec[0]) && ids.contains(&rec[1]), "{rec:?}");
        assert_eq!(&rec[2], "Undirected");
        assert!(rec[3].parse::<u64>().unwrap() >= 1);
        count += 1;
    }
    assert!(count > 20, "the sample graph has edges");
}

#[test]
fn dot_renders_with_graphviz() {
    let required = std::env::var_os("ACTORGRAPH_REQUIRE_GRAPHVIZ").is_some();
    let available = std::process::Command::new("dot").arg("-V").output().is_ok();
    if !available {
        assert!(
            !required,
            "ACTORGRAPH_REQUIRE_GRAPHVIZ is set but Graphviz `dot` is not installed"
        );
        eprintln!("skipped: Graphviz is not installed");
        return;
    }
    let dir = TempDir::new("dot");
    run(actorgraph().args(["graph", "data/articles", "--format", "dot", "--out"]).arg(dir.path()));
    let out =
        std::process::Command::new("dot").arg("-Tsvg").arg(dir.join("graph.dot")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("<svg") && svg.contains("Russia"));
}

#[test]
fn user_gazetteer_stacks_on_the_builtin_one() {
    let dir = TempDir::new("stack");
    let gaz = dir.write("mine.tsv", format!("{GAZ_HEADER}zz_hayes\tperson\tGeorgia Hayes\n"));
    let text = dir.write("a.txt", "Georgia Hayes reported from Georgia.");
    let (code, out, _) = run(actorgraph().arg("extract").arg("-g").arg(&gaz).arg(&text));
    assert_eq!(code, 0);
    assert!(out.contains(",zz_hayes,person,Georgia Hayes,Georgia Hayes,0,13,"), "{out}");
    assert!(out.contains(",GEO,state,Georgia,Georgia,"), "{out}");
}

#[test]
fn no_default_gazetteer_uses_only_the_users() {
    let dir = TempDir::new("nodefault");
    let gaz =
        dir.write("mine.tsv", format!("{GAZ_HEADER}nusra\tgroup\tal-Nusra Front\tNusra Front\n"));
    let text = dir.write("a.txt", "Russia and the Nusra Front.");
    let (code, out, _) =
        run(actorgraph().args(["extract", "--no-default-gazetteer", "-g"]).arg(&gaz).arg(&text));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "header and one mention: {out}");
    assert!(out.contains(",nusra,group,al-Nusra Front,Nusra Front,15,26,"));
}

#[test]
fn bad_gazetteer_line_is_an_error_naming_file_and_line() {
    let dir = TempDir::new("badgaz");
    let gaz = dir.write("bad.tsv", format!("{GAZ_HEADER}x\tpersn\tX\n"));
    let (code, _, err) = run(actorgraph().args(["extract", "-g"]).arg(&gaz).arg("data/articles"));
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        format!(
            "actorgraph: {}:2: unknown kind \"persn\" (expected person, state, group or place)",
            gaz.display()
        )
    );
}

#[test]
fn broken_jsonl_line_stops_or_is_skipped() {
    let dir = TempDir::new("badjsonl");
    let input = dir.write(
        "c.jsonl",
        "{\"id\": \"a\", \"text\": \"Syria\"}\n{oops\n{\"id\": \"b\", \"text\": \"Iraq\"}\n",
    );
    let out = dir.join("m.csv");
    let (code, _, err) = run(actorgraph().args(["extract", "-o"]).arg(&out).arg(&input));
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("actorgraph: {}:2: invalid JSON", input.display())), "{err}");
    assert!(!out.exists(), "a failed run leaves no output");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "and no temporary file");

    let (code, _, err) =
        run(actorgraph().args(["extract", "--skip-bad-records", "-o"]).arg(&out).arg(&input));
    assert_eq!(code, 0);
    assert!(err.contains(":2: invalid JSON") && err.contains("(skipped)"), "{err}");
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains(",SYR,") && written.contains(",IRQ,"), "{written}");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning_naming_the_file() {
    let dir = TempDir::new("utf8");
    let path = dir.write("bad.txt", b"Ky\xffiv and Syria");
    let (code, out, err) = run(actorgraph().arg("extract").arg(&path));
    assert_eq!(code, 0);
    assert!(err.contains(&format!("{}: invalid UTF-8", path.display())), "{err}");
    assert!(out.contains(",SYR,state,Syria,Syria,"), "{out}");
}

#[test]
fn empty_file_warns_and_nothing_found_exits_1() {
    let dir = TempDir::new("empty");
    let path = dir.write("empty.txt", "");
    let (code, out, err) = run(actorgraph().arg("extract").arg(&path));
    assert_eq!(code, 1);
    assert!(err.contains("empty document"), "{err}");
    assert_eq!(
        out,
        "document,date,entity,kind,label,surface,start,end,sentence,paragraph,adjectival,discovered,role\n"
    );
}

#[test]
fn missing_input_is_an_error() {
    let (code, _, err) = run(actorgraph().args(["extract", "no/such/dir"]));
    assert_eq!(code, 2);
    assert!(err.starts_with("actorgraph: no/such/dir: "), "{err}");
}

#[test]
fn stdin_text_and_jsonl() {
    let out = run_with_stdin(actorgraph().args(["extract", "-"]), "Putin met Erdoğan.".as_bytes());
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.contains("<stdin>,,vladimir_putin,person,Vladimir Putin,Putin,0,5,0,0,false,false"),
        "{out}"
    );
    let out = run_with_stdin(
        actorgraph().args(["extract", "--format", "jsonl", "-"]),
        b"{\"id\": \"s1\", \"text\": \"Gaza\"}\n",
    );
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.starts_with("{\"document\":\"s1\",\"date\":\"\",\"entity\":\"gaza_strip\""),
        "{out}"
    );
}

#[test]
fn no_adjectives_drops_adjectival_mentions() {
    let dir = TempDir::new("adj");
    let path = dir.write("a.txt", "Russian troops left Russia.");
    let (_, with, _) = run(actorgraph().arg("extract").arg(&path));
    let (_, without, _) = run(actorgraph().args(["extract", "--no-adjectives"]).arg(&path));
    assert_eq!(with.lines().count(), 3);
    assert_eq!(without.lines().count(), 2);
}

#[test]
fn help_describes_the_commands() {
    let (code, out, _) = run(actorgraph().arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("extract") && out.contains("graph") && out.contains("Exit status"));
    let (code, _, err) = run(actorgraph().args(["graph", "data/articles"]));
    assert_eq!(code, 2, "missing --out is a usage error");
    assert!(err.contains("--out"));
}

/// The sample articles, in the order a directory run reads them.
fn article_paths() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = fs::read_dir(crate::util::root().join("data/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

#[test]
fn three_shards_merge_into_the_single_run_graph() {
    let dir = TempDir::new("merge");
    let whole = dir.join("whole");
    let (code, _, err) = run(actorgraph()
        .args(["graph", "--window", "paragraph", "data/articles", "--out"])
        .arg(&whole));
    assert_eq!(code, 0, "{err}");
    let paths = article_paths();
    let mut partials = Vec::new();
    for (i, shard) in paths.chunks(3).enumerate() {
        let out = dir.join(&format!("shard{i}"));
        let mut cmd = actorgraph();
        cmd.args(["graph", "--partial", "--window", "paragraph", "--out"]).arg(&out).args(shard);
        let (code, _, err) = run(&mut cmd);
        assert_eq!(code, 0, "{err}");
        partials.push(out.join("partial.json"));
    }
    assert_eq!(partials.len(), 3);
    let merged = dir.join("merged");
    let (code, _, err) = run(actorgraph().arg("merge").args(&partials).arg("--out").arg(&merged));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 partials, 8 documents"), "{err}");
    for name in ["nodes.csv", "edges.csv", "graph.dot"] {
        let a = fs::read(whole.join(name)).unwrap();
        let b = fs::read(merged.join(name)).unwrap();
        assert!(a == b, "{name} differs between one run and the merged shards");
    }
}

#[test]
fn merge_refuses_mixed_windows_and_broken_partials() {
    let dir = TempDir::new("merge-bad");
    let (a, b) = (dir.join("a"), dir.join("b"));
    run(actorgraph().args(["graph", "--partial", "data/sample.jsonl", "--out"]).arg(&a));
    run(actorgraph()
        .args(["graph", "--partial", "--window", "document", "data/sample.jsonl", "--out"])
        .arg(&b));
    let (code, _, err) = run(actorgraph()
        .arg("merge")
        .arg(a.join("partial.json"))
        .arg(b.join("partial.json"))
        .arg("--out")
        .arg(dir.join("m")));
    assert_eq!(code, 2);
    let (a, b) = (
        a.join("partial.json").display().to_string(),
        b.join("partial.json").display().to_string(),
    );
    let want = format!(
        "{b}:1: cannot merge: made with other settings than {a}:1: window is \"sentence\" there, \"document\" here"
    );
    assert!(err.contains(&want), "{err}");
    let bad = dir.write("bad.json", "{\"nodes\": [");
    let (code, _, err) = run(actorgraph().arg("merge").arg(&bad).arg("--out").arg(dir.join("m")));
    assert_eq!(code, 2);
    assert!(err.contains("bad.json:1: not a partial result"), "{err}");
}

#[test]
fn partials_with_discovered_actors_merge_into_one_run() {
    let dir = TempDir::new("partial-discover");
    let whole = dir.path().join("whole");
    let (code, _, err) = run(actorgraph()
        .args(["graph", "data/sample.jsonl", "data/articles", "--out"])
        .arg(&whole));
    assert_eq!(code, 0, "{err}");
    let mut partials = Vec::new();
    for (i, input) in ["data/sample.jsonl", "data/articles"].iter().enumerate() {
        let out = dir.path().join(format!("part{i}"));
        let (code, _, err) =
            run(actorgraph().args(["graph", "--partial", input, "--out"]).arg(&out));
        assert_eq!(code, 0, "{err}");
        partials.push(out.join("partial.json"));
    }
    let merged = dir.path().join("merged");
    let (code, _, err) = run(actorgraph().arg("merge").args(&partials).arg("--out").arg(&merged));
    assert_eq!(code, 0, "{err}");
    let nodes = fs::read_to_string(whole.join("nodes.csv")).unwrap();
    assert!(nodes.contains("discovered:"), "the sample has discovered actors: {nodes}");
    for name in ["nodes.csv", "edges.csv", "graph.dot"] {
        let want = fs::read_to_string(whole.join(name)).unwrap();
        assert_eq!(fs::read_to_string(merged.join(name)).unwrap(), want, "{name}");
    }
}

#[test]
fn eval_prints_the_table() {
    let (code, out, err) = run(actorgraph().args(["eval", "--discover", "--errors"]));
    assert_eq!(code, 0, "{err}");
    for row in [
        "person",
        "state",
        "group",
        "place",
        "overall",
        "with unknown actors",
        "sentence pairs",
        "events in 14 covered documents",
        "events (quad class)",
        "events (root code)",
    ] {
        assert!(out.lines().any(|l| l.starts_with(row)), "no {row} row in:\n{out}");
    }
    assert!(out.starts_with("14 articles,"), "{out}");
}

#[test]
fn discover_marks_new_actors_in_every_output() {
    let dir = TempDir::new("discover");
    let text = dir.write("a.txt", "Omar Haddad, a spokesman for the National Salvation Front (NSF), met Putin in Moscow. Haddad said the NSF would return.");
    let (code, out, _) = run(actorgraph().args(["extract", "--discover"]).arg(&text));
    assert_eq!(code, 0);
    assert!(
        out.contains(
            ",discovered:person:omar_haddad,person,Omar Haddad,Omar Haddad,0,11,0,0,false,true"
        ),
        "{out}"
    );
    assert!(out.contains(",discovered:person:omar_haddad,person,Omar Haddad,Haddad,"), "{out}");
    assert_eq!(out.matches(",discovered:group:national_salvation_front,").count(), 3, "{out}");
    assert!(
        out.contains(",vladimir_putin,person,Vladimir Putin,Putin,")
            && out.contains(",false,false\n")
    );
    let (_, default, _) = run(actorgraph().arg("extract").arg(&text));
    assert_eq!(default, out, "discovery is on by default");
    let (_, plain, _) = run(actorgraph().args(["extract", "--no-discover"]).arg(&text));
    assert!(!plain.contains("discovered:"), "--no-discover turns it off");
    let graph = dir.join("g");
    run(actorgraph().args(["graph", "--discover", "--out"]).arg(&graph).arg(&text));
    let nodes = fs::read_to_string(graph.join("nodes.csv")).unwrap();
    assert!(
        nodes.contains("discovered:person:omar_haddad,Omar Haddad,person,2,1,0,,,,,true"),
        "{nodes}"
    );
    let dot = fs::read_to_string(graph.join("graph.dot")).unwrap();
    assert!(dot.contains("style=\"filled,dashed\""), "{dot}");
}

#[test]
fn suggest_writes_reviewable_gazetteer_rows() {
    let dir = TempDir::new("suggest");
    let text =
        dir.write("a.txt", "Omar Haddad, a spokesman, spoke. Haddad left. Gen. Lena Vogt arrived.");
    let out = dir.join("suggested.tsv");
    let (code, _, err) =
        run(actorgraph().args(["gazetteer", "suggest", "-o"]).arg(&out).arg(&text));
    assert_eq!(code, 0, "{err}");
    let written = fs::read_to_string(&out).unwrap();
    let rows: Vec<&str> = written.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(rows[1].starts_with("omar_haddad\tperson\tOmar Haddad\t"), "{written}");
    assert!(rows[1].ends_with("discovered: 2 mentions in 1 documents"), "{written}");
    assert!(rows[2].starts_with("lena_vogt\tperson\tLena Vogt\t"), "{written}");
    actorgraph::Gazetteer::from_path(&out).expect("suggestions load as a gazetteer");
}

#[test]
fn name_part_and_surname_rules_can_be_switched_off() {
    let dir = TempDir::new("switches");
    let text = dir.write("a.txt", "By Georgia Hayes\n\nYahya Sinwar spoke. Later Sinwar left.");
    let (_, on, _) = run(actorgraph().arg("extract").arg(&text));
    assert!(!on.contains(",GEO,") && on.matches(",yahya_sinwar,").count() == 2, "{on}");
    let (_, off, _) =
        run(actorgraph().args(["extract", "--no-name-parts", "--no-surnames"]).arg(&text));
    assert!(off.contains(",GEO,") && off.matches(",yahya_sinwar,").count() == 1, "{off}");
}

/// Issue 5: the compiled-gazetteer cache gives the same output as no cache, notices a changed
/// gazetteer file, and rebuilds a damaged cache file with a warning.
#[test]
fn r5_gazetteer_cache() {
    let dir = TempDir::new("gazetteer-cache");
    let gaz = dir.write("mine.tsv", format!("{GAZ_HEADER}sahel\tplace\tSahel\n"));
    let cache = dir.join("cache");
    let extract = |extra: &[&str]| {
        let mut cmd = actorgraph();
        cmd.args(["extract", "data/articles", "-g"]).arg(&gaz).args(extra);
        run(&mut cmd)
    };
    let cache_arg = ["--gazetteer-cache", cache.to_str().unwrap()];
    let (code, plain, _) = extract(&[]);
    assert_eq!(code, 0);
    let (code, built, stderr) = extract(&cache_arg);
    assert_eq!((code, &built), (0, &plain), "{stderr}");
    let (code, hit, stderr) = extract(&cache_arg);
    assert_eq!((code, &hit), (0, &plain), "{stderr}");
    let file = fs::read_dir(&cache).unwrap().next().unwrap().unwrap().path();
    fs::write(&file, b"not a cache").unwrap();
    let (code, rebuilt, stderr) = extract(&cache_arg);
    assert_eq!((code, &rebuilt), (0, &plain));
    assert!(stderr.contains("warning: ignoring the gazetteer cache"), "{stderr}");
    let before = fs::read(&file).unwrap();
    fs::write(&gaz, format!("{GAZ_HEADER}sahel\tplace\tSahel\nkyiv\tplace\tKyivv\n")).unwrap();
    let (_, changed, _) = extract(&cache_arg);
    let (_, fresh, _) = extract(&[]);
    assert_eq!(changed, fresh);
    assert_ne!(fs::read(&file).unwrap(), before, "the edit rebuilt the cache file");
}

/// The filter flags of the golden filtered run.
pub(crate) const FILTERS: &[&str] = &[
    "--weight",
    "npmi",
    "--exclude",
    "USA",
    "--kinds",
    "state,group,person",
    "--backbone",
    "0.5",
    "--top-edges",
    "30",
    "--drop-isolated",
];

/// Reads a CSV file into a map from its first two columns to the whole record.
fn csv_rows(path: &std::path::Path) -> std::collections::BTreeMap<(String, String), Vec<String>> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let mut rows = std::collections::BTreeMap::new();
    for rec in rdr.records() {
        let rec: Vec<String> = rec.unwrap().iter().map(String::from).collect();
        rows.insert((rec[0].clone(), rec[1].clone()), rec);
    }
    rows.insert(("".into(), "".into()), headers);
    rows
}

#[test]
fn weighted_filtered_graph_matches_golden_files() {
    let dir = TempDir::new("golden-filtered");
    let (code, _, stderr) = run(actorgraph()
        .args(["graph", "data/articles"])
        .args(FILTERS)
        .arg("--out")
        .arg(dir.path()));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("34 nodes, 30 edges, ")
            && stderr.contains("(filters removed 181 nodes and 482 edges)"),
        "{stderr}"
    );
    for name in ["nodes.csv", "edges.csv", "graph.dot"] {
        let got = fs::read_to_string(dir.join(name)).unwrap();
        assert_golden(&format!("articles-filtered/{name}"), &got);
    }
    let edges = csv_rows(&dir.join("edges.csv"));
    for ((a, b), rec) in &edges {
        assert!(a != "USA" && b != "USA", "USA is excluded");
        if !a.is_empty() {
            assert_eq!(rec[3], rec[7], "Weight is the NPMI column: {rec:?}");
        }
    }
}

#[test]
fn filters_never_change_the_values_of_what_remains() {
    let dir = TempDir::new("filter-values");
    let (all, some) = (dir.join("all"), dir.join("some"));
    run(actorgraph().args(["graph", "data/articles", "--out"]).arg(&all));
    let (code, _, err) =
        run(actorgraph().args(["graph", "data/articles"]).args(FILTERS).arg("--out").arg(&some));
    assert_eq!(code, 0, "{err}");
    let (full, filtered) = (csv_rows(&all.join("edges.csv")), csv_rows(&some.join("edges.csv")));
    assert!(filtered.len() > 10);
    for (pair, rec) in filtered.iter().filter(|(p, _)| !p.0.is_empty()) {
        // Every column but Weight, which is the chosen measure here.
        let want = &full[pair];
        assert_eq!(rec[..3], want[..3]);
        assert_eq!(rec[4..], want[4..], "{pair:?}");
    }
    // The node counts stay; the node measures describe the graph written, so they may not.
    let (full, filtered) = (csv_rows(&all.join("nodes.csv")), csv_rows(&some.join("nodes.csv")));
    let counts = full[&(String::new(), String::new())].iter().position(|h| h == "Degree");
    let counts = counts.expect("measures are on by default");
    for (pair, rec) in &filtered {
        assert_eq!(rec[..counts], full[pair][..counts]);
    }
}

#[test]
fn three_shards_merge_into_the_filtered_single_run_graph() {
    let dir = TempDir::new("merge-filtered");
    let mut partials = Vec::new();
    for (i, shard) in article_paths().chunks(3).enumerate() {
        let out = dir.join(&format!("shard{i}"));
        let (code, _, err) =
            run(actorgraph().args(["graph", "--partial", "--out"]).arg(&out).args(shard));
        assert_eq!(code, 0, "{err}");
        partials.push(out.join("partial.json"));
    }
    let merged = dir.join("merged");
    let (code, _, err) =
        run(actorgraph().arg("merge").args(&partials).args(FILTERS).arg("--out").arg(&merged));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(filters removed 181 nodes and 482 edges)"), "{err}");
    for name in ["nodes.csv", "edges.csv", "graph.dot"] {
        let got = fs::read_to_string(merged.join(name)).unwrap();
        assert_golden(&format!("articles-filtered/{name}"), &got);
    }
}

#[test]
fn min_weight_applies_to_the_chosen_weight() {
    let dir = TempDir::new("min-weight");
    let (code, _, err) = run(actorgraph()
        .args(["graph", "data/articles", "--weight", "jaccard", "--min-weight", "0.5"])
        .args(["--min-docs", "2", "--format", "csv,gexf,graphml", "--out"])
        .arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let edges = csv_rows(&dir.join("edges.csv"));
    assert!(edges.len() > 1, "some edges pass");
    for rec in edges.values().filter(|r| r[0] != "Source") {
        let jaccard: f64 = rec[3].parse().unwrap();
        assert!(jaccard >= 0.5 && rec[3] == rec[8], "{rec:?}");
        assert!(rec[4].parse::<u64>().unwrap() >= 2, "{rec:?}");
    }
    let gexf = fs::read_to_string(dir.join("graph.gexf")).unwrap();
    assert!(gexf.contains(r#"<attribute id="pmi" title="pmi" type="double"/>"#), "{gexf}");
    let graphml = fs::read_to_string(dir.join("graph.graphml")).unwrap();
    assert!(graphml.contains(r#"attr.name="weight" attr.type="double"/>"#), "{graphml}");
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let dir = TempDir::new("bad-filters");
    for bad in [
        &["--backbone", "0"][..],
        &["--backbone", "1.5"],
        &["--min-weight", "NaN"],
        &["--min-weight", "inf"],
        &["--weight", "count"],
        &["--kinds", "city"],
    ] {
        let (code, _, err) = run(actorgraph()
            .args(["graph", "data/sample.jsonl"])
            .args(bad)
            .arg("--out")
            .arg(dir.path()));
        assert_eq!(code, 2, "{bad:?}: {err}");
        assert!(err.contains(bad[0]), "{bad:?}: {err}");
    }
    let (code, _, err) = run(actorgraph()
        .args(["graph", "data/sample.jsonl", "--exclude", "SYR,nosuch", "--out"])
        .arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("--exclude nosuch: the gazetteer has no actor with this id"), "{err}");
}

#[test]
fn merge_warns_about_excluded_ids_no_partial_mentions() {
    let dir = TempDir::new("merge-exclude");
    let part = dir.join("p");
    run(actorgraph().args(["graph", "--partial", "data/sample.jsonl", "--out"]).arg(&part));
    let (code, _, err) = run(actorgraph()
        .arg("merge")
        .arg(part.join("partial.json"))
        .args(["--exclude", "nosuch", "--out"])
        .arg(dir.join("m")));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: --exclude nosuch: no partial result mentions this actor"),
        "{err}"
    );
}

#[test]
fn version_1_partials_are_refused_with_a_reason() {
    let dir = TempDir::new("partial-v1");
    let old = dir.write(
        "old.json",
        r#"{"format":"actorgraph-partial","version":1,"window":"sentence","documents":1,"first_date":null,"last_date":null,"nodes":[],"edges":[]}"#,
    );
    let (code, _, err) = run(actorgraph().arg("merge").arg(&old).arg("--out").arg(dir.join("m")));
    assert_eq!(code, 2);
    assert!(err.contains("old.json:1: a version 1 partial result has no window counts"), "{err}");
    let broken = dir.write(
        "broken.json",
        r#"{"format":"actorgraph-partial","version":2,"window":"sentence","documents":1,"windows":1,"first_date":null,"last_date":null,"undated":0,"nodes":[{"index":0,"id":"a","kind":"state","label":"A","state":"a","mentions":1,"adjectival":0,"documents":1,"windows":2}],"edges":[]}"#,
    );
    let (code, _, err) =
        run(actorgraph().arg("merge").arg(&broken).arg("--out").arg(dir.join("m")));
    assert_eq!(code, 2);
    assert!(err.contains("broken.json:1: a version 2 partial result has no fingerprint"), "{err}");
}

#[test]
fn no_adjectival_is_no_adjectives_and_include_adjectival_undoes_it() {
    let dir = TempDir::new("adjectival");
    let text = dir.write("a.txt", "Russian troops met Ukraine. Russia said so.");
    let nodes = |flags: &[&str], name: &str| {
        let out = dir.join(name);
        run(actorgraph().arg("graph").args(flags).arg(&text).arg("--out").arg(&out));
        fs::read_to_string(out.join("nodes.csv")).unwrap()
    };
    let with = nodes(&[], "with");
    assert!(with.contains("RUS,Russia,state,2,1,1,RUS,55.75,37.62,,false,2"), "{with}");
    let without = nodes(&["--no-adjectival"], "without");
    assert!(without.contains("RUS,Russia,state,1,1,0,RUS,55.75,37.62,,false,1"), "{without}");
    assert_eq!(without, nodes(&["--no-adjectives"], "without2"));
    assert_eq!(with, nodes(&["--no-adjectival", "--include-adjectival"], "again"));
}

/// Both engines find exactly the same mentions, so `--engine` never changes the output.
#[test]
fn engines_give_identical_mentions() {
    let extract = |engine: &str| {
        let (code, out, err) = run(actorgraph().args([
            "extract",
            "data/articles",
            "data/sample.jsonl",
            "--engine",
            engine,
        ]));
        assert_eq!(code, 0, "{err}");
        out
    };
    let aho = extract("aho-corasick");
    assert!(aho.lines().count() > 400, "{aho}");
    assert_eq!(aho, extract("trie"));
    assert_eq!(aho, extract("auto"));
}

/// `gazetteer stats` counts per kind; `gazetteer check` lists what to look at with file and
/// line and exits 1, and the built-in gazetteer is clean.
#[test]
fn gazetteer_stats_and_check() {
    let (code, out, err) = run(actorgraph().args(["gazetteer", "stats"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("kind ") && out.contains("\nstate ") && out.contains("\ntotal "),
        "{out}"
    );
    let (code, out, err) = run(actorgraph().args(["gazetteer", "check"]));
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains(" entities checked: no findings"), "{err}");

    let dir = TempDir::new("gazetteer-check");
    let gaz = dir.write(
        "mine.tsv",
        format!("{GAZ_HEADER}nice_fr\tplace\tNice\nzorg\tgroup\tZorg Front\tzf\nok\tperson\tAda Okafor\n"),
    );
    let (code, out, err) = run(actorgraph()
        .args(["gazetteer", "check", "--no-dictionary", "--no-default-gazetteer"])
        .arg(&gaz));
    assert_eq!(code, 1, "{err}");
    let path = gaz.display();
    assert_eq!(
        out,
        format!(
            "dictionary words: 1\n\
             {path}:2: place \"nice_fr\" (Nice): \"Nice\" is also a common word or name (of the GeoNames stop-list), taken for this entity wherever it is capitalised; mark it case-sensitive (\"=Nice\") or remove it\n\
             lower-case names: 1\n\
             {path}:3: group \"zorg\" (Zorg Front): \"zf\" is in lower case only, though the entity's names are capitalised (\"Zorg Front\"), so it matches the word in any case; capitalise it or remove it\n"
        )
    );
    assert!(
        err.ends_with(
            "3 entities checked: 2 findings (dictionary words: 1, lower-case names: 1)\n"
        ),
        "{err}"
    );
    let (code, out, _) =
        run(actorgraph().args(["gazetteer", "stats", "--no-default-gazetteer"]).arg(&gaz));
    assert_eq!(code, 0);
    assert!(out.contains("\ntotal            3         4"), "{out}");
}

/// The line of the row with this id in a built-in gazetteer file, as `check` names it.
fn builtin_line(file: &str, id: &str) -> String {
    let text = std::fs::read_to_string(crate::util::root().join("gazetteers").join(file)).unwrap();
    let at = text.lines().position(|l| l.starts_with(&format!("{id}\t"))).unwrap();
    format!("gazetteers/{file}:{}", at + 1)
}

/// `gazetteer check` on a small invented file layered on the built-in gazetteer and a second
/// file on top: each kind a heading with its count, takeovers naming both entities, the rows'
/// files and lines, the first 5 of a kind unless --verbose, and the word list of --dictionary.
#[test]
fn gazetteer_check_layered_files() {
    let dir = TempDir::new("gazetteer-check-layered");
    let words = dir.write(
        "words.txt",
        "# invented\nwell\nask\nspring\nfall\nmill\nford\nhaven\nbrook\nParis\n",
    );
    let header = "id\tkind\tlabel\taliases\tcountry\tpopulation\ttakeover\n";
    let mine = dir.write(
        "mine.tsv",
        format!(
            "{header}\
             lask\tplace\tŁask\task|Lask\tPOL\n\
             kremlin_square\tplace\tKremlin Square\tKremlin\tRUS\t\tyes\n\
             florida_cuba\tplace\tFlorida\t\tCUB\n\
             agency\tgroup\tThe Zorg Agency\tzorg agency\n\
             well\tplace\tWell\t\tGBR\n\
             spring\tplace\tSpring\t\tUSA\n\
             fall\tplace\tFall\t\tUSA\n\
             mill\tplace\tMill\t\tUSA\n\
             ford\tplace\tFord\t\tUSA\n\
             haven\tplace\tHaven\t\tUSA\t300000\n\
             new_haven\tplace\tNew Haven\t\tUSA\n\
             paris_tx\tplace\tParis Texas\tParis Town\tUSA\n\
             brook\tplace\tBrook\t\tUSA\n\
             acme\tgroup\tAcme Mills\tAcme\tZZZ\n"
        ),
    );
    let more = dir.write("more.tsv", format!("{header}acme_corp\tgroup\tAcme Corporation\tAcme\n"));
    let check = |flag: Option<&str>| {
        let mut cmd = actorgraph();
        cmd.args(["gazetteer", "check", "--dictionary"]).arg(&words).arg(&mine).arg(&more);
        let (code, out, err) = run(cmd.args(flag));
        assert_eq!(code, 1, "{err}");
        let paths = [(&mine, "MINE"), (&more, "MORE"), (&words, "WORDS")];
        let name = |text: String| {
            paths.iter().fold(text, |t, (path, name)| t.replace(&path.display().to_string(), name))
        };
        (name(out), name(err))
    };
    let word = |row: u32, name: &str| {
        format!(
            "MINE:{row}: place \"{}\" ({name}): \"{name}\" is a common English word (of the word list), taken for this entity wherever it is capitalised; mark it case-sensitive (\"={name}\") or remove it\n",
            name.to_lowercase()
        )
    };
    let head = format!(
        "names taken over: 2\n\
         MINE:3: \"Kremlin\" is taken over by \"kremlin_square\" (Kremlin Square) from \"kremlin\" (Kremlin, {kremlin})\n\
         MORE:2: \"Acme\" is taken over by \"acme_corp\" (Acme Corporation) from \"acme\" (Acme Mills, MINE:15)\n\
         entities replaced: 1\n\
         MINE:10: id \"ford\" (Ford) replaces the entity defined at {ford} (Ford Motor Company)\n\
         unknown states: 1\n\
         MINE:15: \"ZZZ\" is not a state id of this gazetteer\n\
         mangled names: 1\n\
         MINE:2: place \"lask\" (Łask): \"ask\" is \"Łask\" with letters dropped, not folded (\"Lask\"); remove it or write the folded form\n",
        kremlin = builtin_line("groups.tsv", "kremlin"),
        ford = builtin_line("institutions.tsv", "ford"),
    );
    // The replaced "ford" keeps the built-in entity's place, so it comes first; Haven is a
    // large place, New Haven two words and Paris a proper noun of the list.
    let first_five: String = [(10, "Ford"), (6, "Well"), (7, "Spring"), (8, "Fall"), (9, "Mill")]
        .iter()
        .map(|&(row, name)| word(row, name))
        .collect();
    let tail = "lower-case names: 1\n\
                MINE:5: group \"agency\" (The Zorg Agency): \"zorg agency\" is in lower case only, though the entity's names are capitalised (\"The Zorg Agency\"), so it matches the word in any case; capitalise it or remove it\n";
    let (out, err) = check(None);
    assert_eq!(
        out,
        format!(
            "{head}dictionary words: 6 (1 more not listed; --verbose lists them all)\n{first_five}{tail}"
        )
    );
    let (verbose, verbose_err) = check(Some("-v"));
    let all = format!("{first_five}{}", word(14, "Brook"));
    assert_eq!(verbose, format!("{head}dictionary words: 6\n{all}{tail}"));
    assert_eq!(verbose_err, err);
    let summary = "actorgraph: dictionary words from WORDS (8 lower-case words)\n";
    assert!(err.starts_with(summary), "{err}");
    assert!(
        err.ends_with(
            " entities checked: 12 findings (names taken over: 2, entities replaced: 1, unknown states: 1, mangled names: 1, dictionary words: 6, lower-case names: 1); names of later files that stay with the built-in entities (the safe default, not reported): 1\n"
        ),
        "{err}"
    );
}

/// The `date` column of `extract`'s CSV output, one per mention.
fn mention_dates(stdout: &str) -> Vec<String> {
    stdout.lines().skip(1).map(|l| l.split(',').nth(1).unwrap_or("").to_string()).collect()
}

/// Issue 15, item 4: an explicit null date is kept, a date quoted in a speech is not its
/// date, and `--date-source` chooses where dates come from.
#[test]
fn r15_explicit_null_date_is_never_overridden_by_a_guess() {
    let dir = TempDir::new("null-date");
    let corpus = dir.write(
        "c.jsonl",
        "{\"id\": \"a\", \"date\": null, \"text\": \"Posted Jan. 20, 2025 — Egypt spoke.\"}\n\
         {\"id\": \"b\", \"date\": \"\", \"text\": \"Posted Jan. 20, 2025 — Egypt spoke.\"}\n",
    );
    let (code, out, err) = run(actorgraph().arg("extract").arg(&corpus));
    assert_eq!(code, 0, "{err}");
    assert_eq!(mention_dates(&out), ["", ""], "{out}");
    let (code, out, err) =
        run(actorgraph().arg("extract").arg(&corpus).args(["--date-source", "dateline,field"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(mention_dates(&out), ["2025-01-20", "2025-01-20"], "{out}");
}

#[test]
fn r15_a_date_quoted_in_a_speech_does_not_date_it() {
    let dir = TempDir::new("speech-date");
    let speech = "Thank you. It is an honour to be here tonight, with my friends from Israel.\n\n\
                  On 30 June 1945, the United States and fifty other nations pledged that the \
                  world would never again be ruled by force.\n";
    let path = dir.write("speech.txt", speech);
    let (code, out, err) = run(actorgraph().arg("extract").arg(&path));
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("1945"), "{out}");
    assert!(mention_dates(&out).iter().all(String::is_empty), "{out}");
}

#[test]
fn r15_date_source_chooses_and_none_turns_dates_off() {
    let dir = TempDir::new("date-source");
    let path = dir.write("2025-03-14-talks.md", "Posted Jan. 20, 2025 — Egypt spoke.\n");
    let dates = |sources: &str| {
        let (code, out, err) =
            run(actorgraph().arg("extract").arg(&path).args(["--date-source", sources]));
        assert_eq!(code, 0, "{err}");
        mention_dates(&out)
    };
    assert_eq!(dates("field,dateline,filename"), ["2025-01-20"]);
    assert_eq!(dates("filename"), ["2025-03-14"]);
    assert_eq!(dates("field"), [""], "a text file has no field, and nothing is guessed");
    assert_eq!(dates("none"), [""]);
    let shown = |sources: &str| {
        let mut cmd = actorgraph();
        cmd.arg("extract").arg(&path).args(["--show-date-source", "--date-source", sources]);
        let (code, out, err) = run(cmd.args(["--date", "2019"]));
        assert_eq!(code, 0, "{err}");
        let row = out.lines().nth(1).unwrap_or("").to_string();
        (out.lines().next().unwrap_or("").to_string(), row.split(',').nth(2).map(String::from))
    };
    let (header, source) = shown("filename,dateline");
    assert!(header.starts_with("document,date,date_source,entity,"), "{header}");
    assert_eq!(source.as_deref(), Some("filename"));
    assert_eq!(shown("dateline").1.as_deref(), Some("dateline"));
    assert_eq!(shown("none").1.as_deref(), Some("default"), "--date dates it");
    let (code, _, err) =
        run(actorgraph().arg("extract").arg(&path).args(["--date-source", "headline"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown date source \"headline\""), "{err}");
}

/// Issue 15, item 6: a graph run lists its files in a manifest, and says which files of an
/// earlier run it removed.
#[test]
fn r15_graph_writes_a_manifest_and_reports_stale_files() {
    let dir = TempDir::new("manifest");
    let out = dir.join("out");
    let graph = |formats: &str| {
        let (code, _, err) = run(actorgraph()
            .args(["graph", "data/articles", "--format", formats, "--out"])
            .arg(&out));
        assert_eq!(code, 0, "{err}");
        err
    };
    graph("csv,html");
    let manifest = fs::read_to_string(out.join("actorgraph-manifest.tsv")).unwrap();
    let names: Vec<&str> = manifest.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(names, ["file", "edges.csv", "graph.html", "nodes.csv"]);
    let size = fs::metadata(out.join("graph.html")).unwrap().len();
    assert!(manifest.contains(&format!("graph.html\t{size}\n")), "{manifest}");
    let err = graph("csv");
    let stale = out.join("graph.html");
    assert!(err.contains(&format!("note: removed {}, an earlier run's file", stale.display())));
    assert!(!stale.exists());
    let manifest = fs::read_to_string(out.join("actorgraph-manifest.tsv")).unwrap();
    assert!(!manifest.contains("graph.html"), "{manifest}");
}

#[test]
fn r15_a_file_given_twice_is_counted_once() {
    let dir = TempDir::new("twice");
    let path = dir.write("a.txt", "Russia met Ukraine.\n");
    let (code, once, _) = run(actorgraph().arg("extract").arg(&path));
    assert_eq!(code, 0);
    let (code, twice, err) = run(actorgraph().arg("extract").arg(&path).arg(&path));
    assert_eq!(code, 0);
    assert_eq!(once, twice);
    assert!(err.contains("given twice (read already), so read once"), "{err}");
}

#[test]
fn out_names_what_every_command_writes_and_output_still_works() {
    let dir = TempDir::new("out-spellings");
    let mut written = Vec::new();
    for flag in ["-o", "--out", "--output"] {
        let path = dir.join(&format!("mentions{flag}.csv"));
        let (code, stdout, err) =
            run(actorgraph().args(["extract", flag]).arg(&path).arg("data/articles"));
        assert_eq!((code, stdout.as_str()), (0, ""), "extract {flag}: {err}");
        written.push(fs::read_to_string(&path).unwrap());
    }
    assert!(written.iter().all(|w| *w == written[0] && !w.is_empty()));
    let (_, help, _) = run(actorgraph().args(["extract", "--help"]));
    assert!(help.contains("-o, --out <FILE>") && !help.contains("--output"), "{help}");
    let (_, help, _) = run(actorgraph().args(["graph", "--help"]));
    assert!(help.contains("-o, --out <DIR>"), "{help}");
}

#[test]
fn completions_and_man_pages_come_from_the_binary() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script, err) = run(actorgraph().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(script.contains("graph") && script.contains("gazetteer"), "{shell}");
    }
    let (code, page, _) = run(actorgraph().arg("man"));
    assert_eq!(code, 0);
    assert!(page.contains(".TH actorgraph 1") && page.contains("actorgraph\\-graph(1)"), "{page}");
    let dir = TempDir::new("man");
    let out = dir.join("man1");
    let (code, stdout, err) = run(actorgraph().args(["man", "--out"]).arg(&out));
    assert_eq!((code, stdout.as_str()), (0, ""), "{err}");
    for page in ["actorgraph.1", "actorgraph-graph.1", "actorgraph-gazetteer-import.1"] {
        assert!(fs::read_to_string(out.join(page)).unwrap().contains(".TH"), "{page}");
    }
    assert!(!out.join("actorgraph-help.1").exists());
}

#[test]
fn eval_outside_the_repository_finds_its_data() {
    let dir = TempDir::new("eval-elsewhere");
    let (code, out, err) = run(actorgraph().arg("eval").current_dir(dir.path()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" articles, ") && out.contains("overall"), "{out}");
    assert!(err.contains("no data/eval here: scoring"), "{err}");
    let (code, _, err) = run(actorgraph().args(["eval", "data/eval-lee"]));
    assert_eq!(code, 2);
    assert!(err.contains("stand-off annotations (mentions.tsv)") && err.contains("--corpus"));
}
