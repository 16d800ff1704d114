//! One named test for each trap of issue 4 (resolve actors the way a careful human coder
//! would), run on the built-in gazetteer.

use actorgraph::{Corpus, Discoverer, EntityKind, Gazetteer, Matcher, Segmenter};

/// Returns (entity id, surface text, adjectival) for each mention the default matcher finds.
fn found(text: &str) -> Vec<(String, String, bool)> {
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    matcher
        .find_iter(text)
        .map(|m| {
            (
                gaz.get(m.entity()).unwrap().id().to_string(),
                text[m.span()].to_string(),
                m.is_adjectival(),
            )
        })
        .collect()
}

/// Returns the ids found, in order.
fn ids(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(id, _, _)| id).collect()
}

fn sentences(text: &str) -> Vec<&str> {
    Segmenter::new().sentences(text).map(|s| &text[s]).collect()
}

// 1. In-document name resolution.

#[test]
fn surname_after_full_name() {
    let text = "Antony Blinken arrived in Cairo. Blinken met officials.";
    let blinken: Vec<_> =
        found(text).into_iter().filter(|(id, _, _)| id == "antony_blinken").collect();
    assert_eq!(blinken.len(), 2, "{blinken:?}");
}

#[test]
fn title_and_surname_after_full_name() {
    let text = "Benjamin Netanyahu spoke. Later Mr. Netanyahu and President Macron met.";
    assert_eq!(ids(text), ["benjamin_netanyahu", "benjamin_netanyahu", "emmanuel_macron"]);
}

#[test]
fn unique_surname_before_the_full_name() {
    assert_eq!(ids("Lavrov said talks would resume."), ["sergei_lavrov"]);
}

#[test]
fn ambiguous_surname_stays_unresolved() {
    let text = "Yahya Sinwar and Mohammed Sinwar were named. Sinwar was not seen.";
    let sinwars = ids(text).into_iter().filter(|id| id.contains("sinwar")).count();
    assert_eq!(sinwars, 2, "the bare surname is not guessed");
}

// 2. Ambiguity.

#[test]
fn byline_georgia_hayes_is_no_state() {
    assert_eq!(ids("By Georgia Hayes\n\nTBILISI, Georgia —"), ["tbilisi", "GEO"]);
}

#[test]
fn chad_johnson_is_no_state() {
    assert!(ids("Chad Johnson scored twice.").is_empty());
}

#[test]
fn israel_adesanya_is_no_state() {
    assert!(ids("the fighter Israel Adesanya won").is_empty());
}

#[test]
fn washington_irving_and_denzel_washington_are_no_city() {
    assert!(ids("a story by Washington Irving, starring Denzel Washington").is_empty());
}

#[test]
fn state_before_a_title_keeps_its_state() {
    assert_eq!(ids("the United States Ambassador met the Iran Foreign Minister"), ["USA", "IRN"]);
    assert_eq!(ids("Russian President Vladimir Putin"), ["RUS", "vladimir_putin"]);
}

#[test]
fn lower_case_common_words_never_match() {
    assert!(ids("roast turkey, a hanging chad, us and china plates").is_empty());
}

// 3. Adjectival forms.

#[test]
fn adjectival_compounds_are_flagged_mentions() {
    let got = found("Iranian-backed militias and Saudi-led forces met Egyptian troops.");
    let got: Vec<_> = got.iter().map(|(id, s, adj)| (id.as_str(), s.as_str(), *adj)).collect();
    assert_eq!(got, [("IRN", "Iranian", true), ("SAU", "Saudi", true), ("EGY", "Egyptian", true)]);
}

#[test]
fn longer_entity_beats_the_adjective() {
    assert_eq!(
        ids("the Egyptian Armed Forces in Iraqi Kurdistan"),
        ["egyptian_armed_forces", "iraqi_kurdistan"]
    );
}

// 4. Robust text handling.

#[test]
fn markdown_heading_and_emphasis() {
    assert_eq!(
        ids("# Talks in *Ankara*\n\n**NATO** and _Hezbollah_"),
        ["ankara", "nato", "hezbollah"]
    );
}

#[test]
fn markdown_link_text_matches_but_its_address_does_not() {
    let text =
        "Read [the Iran report](https://example.org/Syria/Iraq-talks) and www.Gaza.example today.";
    assert_eq!(ids(text), ["IRN"]);
}

#[test]
fn curly_quotes_and_apostrophes() {
    assert_eq!(ids("“Iran’s envoy” met ‘Syria’"), ["IRN", "SYR"]);
}

#[test]
fn em_dash_without_spaces() {
    assert_eq!(ids("Yemen—to fight the Houthis—Riyadh"), ["YEM", "houthis", "riyadh"]);
}

#[test]
fn byline_and_date_line_give_the_date() {
    let dir = std::env::temp_dir().join(format!("actorgraph-trap-date-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.md");
    std::fs::write(&path, "# Talks\n\nBy Ana Ruiz\n\nCAIRO, Jan. 20, 2025 — Egypt said.").unwrap();
    let doc = Corpus::new().documents([&path]).next().unwrap().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(doc.date(), Some("2025-01-20"));
}

#[test]
fn page_break_inside_a_sentence_is_joined() {
    assert_eq!(
        sentences("Iran met officials in\n\nGeneva on Tuesday."),
        ["Iran met officials in\n\nGeneva on Tuesday."]
    );
}

#[test]
fn abbreviations_do_not_end_sentences() {
    let text = "Mr. Smith, Mrs. Jones, Dr. Lee, Gen. Ali and Sen. Ortiz met U.S. and U.N. staff, i.e. aides, e.g. clerks, at 9 a.m. with John F. Kennedy's heirs at No. 10 Downing Street.";
    assert_eq!(sentences(text).len(), 1);
}

// 5. Discovery.

fn discovered(text: &str) -> Vec<(EntityKind, String)> {
    let gaz = Gazetteer::builtin();
    let known = Matcher::new(&gaz).unwrap().find_all(text);
    Discoverer::new()
        .find(text, &known)
        .into_iter()
        .map(|c| (c.kind, text[c.span].to_string()))
        .collect()
}

#[test]
fn discovery_person_cues() {
    let text = "Gen. Omar Haddad arrived. \"No,\" said Lena Vogt. According to Karim Nasser, talks stalled. Rania Khoury, a researcher at the Levant Policy Institute, agreed.";
    let people: Vec<String> = discovered(text)
        .into_iter()
        .filter(|(k, _)| *k == EntityKind::Person)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(people, ["Omar Haddad", "Lena Vogt", "Karim Nasser", "Rania Khoury"]);
}

#[test]
fn discovery_group_cues_and_acronyms() {
    let text = "The National Salvation Front (NSF) and the Sahel Peace Council met. The NSF left.";
    let groups: Vec<String> = discovered(text).into_iter().map(|(_, s)| s).collect();
    assert_eq!(groups, ["National Salvation Front", "NSF", "Sahel Peace Council", "NSF"]);
}

// 10. Dates: a titled surname shared by two office-holders.

#[test]
fn titled_surname_resolves_by_the_document_or_corpus_date() {
    use crate::util::{actorgraph, run_with_stdin};
    let extract = |args: &[&str], input: &str| {
        let out = run_with_stdin(actorgraph().args(["extract", "-"]).args(args), input.as_bytes());
        String::from_utf8(out.stdout).unwrap()
    };
    let text = "President Bush spoke.";
    assert!(!extract(&[], text).contains("bush"), "no date: ambiguous, so unresolved");
    assert!(extract(&["--date", "2002-03"], text).contains(",george_w_bush,"));
    assert!(extract(&["--date", "1991"], text).contains(",george_h_w_bush,"));
    let jsonl = "{\"id\":\"a\",\"date\":\"1991-05-01\",\"text\":\"President Bush spoke.\"}\n";
    let out = extract(&["--input-format", "jsonl", "--date", "2002"], jsonl);
    assert!(out.contains(",george_h_w_bush,"), "the document's own date wins: {out}");
    assert!(!extract(&["--no-surnames", "--date", "2002"], text).contains("bush"));
}

#[test]
fn known_surname_used_as_a_given_name_is_not_that_person() {
    assert!(!ids("The director Abbas Kiarostami won the prize.").contains(&"mahmoud_abbas".into()));
    assert_eq!(ids("Mahmoud Abbas spoke. Abbas left."), ["mahmoud_abbas", "mahmoud_abbas"]);
    // After other capitalised words the surname is kept: another spelling of the same person.
    assert!(ids("Atal Behari Vajpayee spoke.").contains(&"atal_bihari_vajpayee".into()));
}

#[test]
fn speaker_labels_in_transcripts_are_not_mentions() {
    let text = "BARACK OBAMA: Thank you, Syria.\nMITT ROMNEY: I will repeal it. Obama failed.";
    assert_eq!(ids(text), ["SYR", "barack_obama"]);
}
