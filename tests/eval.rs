//! The evaluation set in data/eval: prints the scores and holds them at or above the levels
//! reached, so that no change can quietly make actorgraph less accurate.

use std::fs;

use actorgraph::{
    Counts, Discoverer, EntityKind, Evaluator, EventDictionary, EventExtractor, EventScores,
    Gazetteer, GoldDocument, Matcher,
};

/// The minimum F1 scores, set at the levels measured when the gate was introduced, rounded
/// down to two decimals (measured: overall 0.988; person 0.981, state 0.993, group 0.986,
/// place 0.991; sentence pairs 0.981; with discovery, including unknown actors, 0.972). Raise
/// them when accuracy improves; never lower them to let a change pass.
const MIN_OVERALL_F1: f64 = 0.98;
const MIN_KIND_F1: [(EntityKind, f64); 4] = [
    (EntityKind::Person, 0.98),
    (EntityKind::State, 0.99),
    (EntityKind::Group, 0.98),
    (EntityKind::Place, 0.99),
];
const MIN_PAIRS_F1: f64 = 0.98;
const MIN_DISCOVERY_F1: f64 = 0.97;

fn load() -> (Vec<GoldDocument>, actorgraph::GoldPairs) {
    let dir = crate::util::root().join("data/eval");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md") && n != "README.md")
        .collect();
    names.sort();
    let docs = names
        .iter()
        .map(|n| GoldDocument::parse(n, &fs::read_to_string(dir.join(n)).unwrap()).unwrap())
        .collect();
    (docs, actorgraph::read_pairs(dir.join("pairs.tsv")).unwrap())
}

#[test]
fn evaluation_meets_the_gate() {
    let (docs, pairs) = load();
    assert!(docs.len() >= 12, "{} evaluation articles", docs.len());
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let off = Evaluator::new(&gaz, &matcher).score(&docs, &pairs).unwrap();
    let discoverer = Discoverer::for_gazetteer(&gaz);
    let on = Evaluator::new(&gaz, &matcher).discoverer(Some(&discoverer)).score(&docs, &pairs);
    let on = on.unwrap();
    println!("discovery off\n{off}\ndiscovery on\n{on}");
    for error in &off.errors {
        println!("{error}");
    }
    assert!(off.overall.f1() >= MIN_OVERALL_F1, "overall F1 {:.3}", off.overall.f1());
    for (kind, min) in MIN_KIND_F1 {
        let f1 = off.by_kind.get(&kind).map_or(0.0, Counts::f1);
        assert!(f1 >= min, "{kind} F1 {f1:.3} is below {min}");
    }
    assert!(off.pairs.f1() >= MIN_PAIRS_F1, "pairs F1 {:.3}", off.pairs.f1());
    let discovery = on.with_unknowns.f1();
    assert!(discovery >= MIN_DISCOVERY_F1, "F1 with discovery {discovery:.3}");
    // Discovery may replace a gazetteer mention that opens a longer organisation name
    // ("Sahel" in "Sahel Peace Council"), so the gazetteer figures must hold with it too.
    assert!(on.overall.f1() >= MIN_OVERALL_F1, "overall F1 with discovery {:.3}", on.overall.f1());
}

/// Minimum event scores on data/eval (data/eval/events.tsv, every asserted event of the 14
/// articles coded by hand), default settings (discovery on, built-in event dictionary): for
/// (source, target, quad class) and (source, target, root code), precision, recall and F1, at
/// the levels last measured, rounded down by about 0.02. Measured (2026-12-08, `actorgraph
/// eval`): quad class 20/3/71, precision 0.870, recall 0.220, F1 0.351; root code 20/3/72,
/// precision 0.870, recall 0.217, F1 0.348 (when the gate was introduced, before the
/// apposition and "that"-clause rules: 18/5/73, precision 0.783, recall 0.198, F1 0.316).
/// Raise them when the extractor improves; never lower one to let a change pass.
const MIN_EVENTS: [(&str, f64, f64, f64); 2] =
    [("quad", 0.85, 0.20, 0.33), ("root", 0.85, 0.19, 0.32)];

/// Checks event scores against a row of minimums: (level, precision, recall, F1).
fn check_events(name: &str, scores: &EventScores, mins: &[(&str, f64, f64, f64)]) {
    for &(level, min_p, min_r, min_f1) in mins {
        let c = if level == "quad" { scores.quad } else { scores.root };
        let (p, r, f1) = (c.precision(), c.recall(), c.f1());
        assert!(p >= min_p, "{name}: events by {level}: precision {p:.3} is below {min_p}");
        assert!(r >= min_r, "{name}: events by {level}: recall {r:.3} is below {min_r}");
        assert!(f1 >= min_f1, "{name}: events by {level}: F1 {f1:.3} is below {min_f1}");
    }
}

#[test]
fn events_meet_the_gate() {
    let (docs, _) = load();
    let dir = crate::util::root().join("data/eval");
    let gold = actorgraph::read_annotated_events(&dir, &docs).unwrap().expect("events.tsv");
    assert_eq!(gold.documents().count(), docs.len());
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let discoverer = Discoverer::for_gazetteer(&gaz);
    let extractor = EventExtractor::new(&EventDictionary::builtin()).unwrap();
    let evaluator = Evaluator::new(&gaz, &matcher).discoverer(Some(&discoverer));
    let scores = evaluator.score_events(&docs, &gold, &extractor);
    println!("{scores}");
    for error in &scores.errors {
        println!("{error}");
    }
    check_events("data/eval", &scores, &MIN_EVENTS);
}

/// The real-news set (data/eval-lee: 300 ABC news items of 2001-2002 annotated by hand, text
/// read from ../shared; 220 in the development part, 80 held back): minimums for default
/// settings (discovery on, no date), at the levels last measured, rounded down to two decimals:
/// all actors F1, precision, sentence pairs F1, precision of the discovered actors. Measured
/// (2026-12-08): development part F1 0.968 (precision 0.988, recall 0.950), pairs 0.967,
/// discovered 0.980; held-back half F1 0.943 (precision 0.969, recall 0.919), pairs 0.951,
/// discovered 0.920. Graph nodes per actor: 1.007 and 1.003. The precision of discovered
/// actors is measured on what the gazetteer leaves to discovery, so it moves when the gazetteer
/// grows or discovery takes on harder names, and its floors have been lowered twice, each time
/// with the all-actor figures up: to 0.92 held back when the recall rules of titles,
/// honorifics and lone surnames found 16 more held-back mentions for 2 more false ones
/// (discovered 251/17 became 278/21, all-actor F1 0.930 became 0.937); and to 0.96 and 0.91
/// when the public bodies of Australia and other democracies joined the gazetteer, which took
/// the easy names from discovery (held back: discovered 279/20 became 241/22, while all actors
/// went from 1087/35/108 to 1096/35/99, F1 0.938 to 0.942, group F1 0.899 to 0.917). Issue 10
/// asks for at least 0.95 on the development half. The held-back half is gated but never read
/// to find rules. Raise them when accuracy improves; never lower one to let a change pass
/// without saying so here.
const MIN_REAL_NEWS: [(&str, f64, f64, f64, f64); 2] =
    [("dev", 0.96, 0.98, 0.96, 0.97), ("test", 0.94, 0.96, 0.95, 0.91)];

/// Minimum event scores per part of the real-news set (data/eval-lee/events.tsv): rows of
/// (part, level "quad" or "root", precision, recall, F1), one line each, as in [`MIN_EVENTS`],
/// about 0.02 below the figures measured (2026-12-08) on the development part: by quad class
/// 19 found, 10 false, 253 missed (precision 0.655, recall 0.070, F1 0.126); by root code 15,
/// 14, 264 (0.517, 0.054, 0.097). The held-back half (3 of 79 found, 3 false) is scored and
/// printed, not gated: with four events predicted its precision says nothing yet. A part with
/// event annotations and no row here is scored and printed, not gated.
const MIN_REAL_NEWS_EVENTS: &[(&str, &str, f64, f64, f64)] =
    &[("dev", "quad", 0.62, 0.05, 0.09), ("dev", "root", 0.50, 0.04, 0.07)];

/// At most this many graph nodes per actor on either half (issue 10's target): an actor split
/// into several nodes bends every measure of the graph.
const MAX_NODES_PER_ACTOR: f64 = 1.02;

#[test]
fn real_news_evaluation_meets_the_gate() {
    let root = crate::util::root();
    let corpus = root.join("../shared/data/corpus/lee_background.jsonl");
    if !crate::util::shared_present(&corpus) {
        return;
    }
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let set = actorgraph::StandoffSet::read(root.join("data/eval-lee"), &corpus, &gaz).unwrap();
    assert_eq!(set.parts().collect::<Vec<_>>(), ["dev", "test"]);
    let discoverer = Discoverer::for_gazetteer(&gaz);
    for (part, min_f1, min_precision, min_pairs, min_discovered) in MIN_REAL_NEWS {
        let (docs, pairs) = set.part(part).unwrap();
        let size = if part == "dev" { 220 } else { 80 };
        assert_eq!(docs.len(), size, "{part}");
        let scores =
            Evaluator::new(&gaz, &matcher).discoverer(Some(&discoverer)).score(docs, pairs);
        let scores = scores.unwrap();
        println!("{part}\n{scores}");
        let all = scores.with_unknowns;
        assert!(all.f1() >= min_f1, "{part}: F1 {:.3} is below {min_f1}", all.f1());
        assert!(all.precision() >= min_precision, "{part}: precision {:.3}", all.precision());
        assert!(scores.pairs.f1() >= min_pairs, "{part}: pairs F1 {:.3}", scores.pairs.f1());
        let discovered = scores.discovered.precision();
        assert!(discovered >= min_discovered, "{part}: discovered precision {discovered:.3}");
        let nodes = scores.nodes_per_actor();
        assert!(nodes <= MAX_NODES_PER_ACTOR, "{part}: {nodes:.3} graph nodes per actor");
        if let Some(gold) = set.events(part) {
            let extractor = EventExtractor::new(&EventDictionary::builtin()).unwrap();
            let evaluator = Evaluator::new(&gaz, &matcher).discoverer(Some(&discoverer));
            let scores = evaluator.score_events(docs, gold, &extractor);
            println!("{part} events\n{scores}");
            let mins: Vec<(&str, f64, f64, f64)> = MIN_REAL_NEWS_EVENTS
                .iter()
                .filter(|row| row.0 == part)
                .map(|&(_, level, p, r, f1)| (level, p, r, f1))
                .collect();
            check_events(part, &scores, &mins);
        }
    }
}
