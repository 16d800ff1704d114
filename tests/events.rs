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
