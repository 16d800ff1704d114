//! The rules of the event extractor, one named row each, grouped by rule.

use super::*;
use crate::gazetteer::Gazetteer;
use crate::matcher::{Matcher, MatcherBuilder};
use crate::segment::Segmenter;

const GAZETTEER: &str = "\
id\tkind\tlabel\taliases\tadjectives
USA\tstate\tUnited States\tUS|Washington\tAmerican|Americans
RUS\tstate\tRussia\tMoscow\tRussian|Russians
TUR\tstate\tTurkey\tAnkara\tTurkish
SYR\tstate\tSyria\tDamascus\tSyrian
IRQ\tstate\tIraq\t\tIraqi
IRN\tstate\tIran\tTehran\tIranian
UKR\tstate\tUkraine\tKyiv\tUkrainian
kerry\tperson\tJohn Kerry\tKerry
lavrov\tperson\tSergei Lavrov\tLavrov
putin\tperson\tVladimir Putin\tPutin
";

/// Runs the extractor over `text` and describes each event as `SRC[/agent] -> TGT[/agent]
/// CODE [flags]`.
fn coded(builder: &EventExtractorBuilder, text: &str) -> Vec<String> {
    let gaz = Gazetteer::builder().add_str("test.tsv", GAZETTEER).unwrap().build().unwrap();
    let matcher = MatcherBuilder::new().roles(false).build(&gaz).unwrap();
    let extractor = builder.build(&EventDictionary::builtin()).unwrap();
    let mentions = matcher.find_all(text);
    let segments = Segmenter::new().segment(text);
    let actor = |a: Actor| {
        let id = gaz.get(a.entity()).unwrap().id().to_string();
        match a.agent() {
            Some(agent) => format!("{id}/{}", agent.as_str()),
            None => id,
        }
    };
    let events = extractor.extract(text, &mentions, segments.sentences());
    events
        .iter()
        .map(|e| {
            let flags: Vec<&str> = e.flags().names().collect();
            let flags =
                if flags.is_empty() { String::new() } else { format!(" [{}]", flags.join(",")) };
            format!("{} -> {} {}{}", actor(e.source()), actor(e.target()), e.code(), flags)
        })
        .collect()
}

macro_rules! rows {
    ($($name:ident: $text:expr => [$($event:expr),* $(,)?];)*) => {
        const ROWS: &[(&str, &str, &[&str])] = &[$((stringify!($name), $text, &[$($event),*])),*];
    };
}

rows! {
    // Order: source before the verb, target after.
    order_subject_verb_object: "Russia attacked Ukraine." => ["RUS -> UKR 190"];
    order_auxiliaries_between: "Russia has also attacked Ukraine." => ["RUS -> UKR 190"];
    order_determiner_before_object: "Kyiv condemned the United States." => ["UKR -> USA 110"];
    order_place_preposition_is_no_object: "Kerry met in Moscow." => [];
    order_no_subject: "Attacked Ukraine, it said." => [];
    order_possessive_is_no_subject: "Russia's attack on Ukraine." => [];
    order_adjective_alone_is_no_actor: "A Russian proposal backed Turkey." => [];
    order_slot_with_tail: "Washington accused Russia of targeting the opposition." => ["USA -> RUS 112"];
    order_bare_form_without_tail: "Turkey accused Russia." => ["TUR -> RUS 112"];
    order_clause_word_breaks_subject: "Turkey attacked Syria because Russia backed Iran."
        => ["TUR -> SYR 190", "RUS -> IRN 052"];
    order_noun_after_subject_is_a_head: "Seventy United States senators supported Kerry." => [];
    order_adverb_between: "Russia quickly attacked Ukraine." => ["RUS -> UKR 190"];
    order_place_after_in_is_no_subject: "Leaders in Iraq met with Kerry." => [];
    order_multiword_phrase: "Iraq launched strikes on Syria." => ["IRQ -> SYR 195"];
    order_hyphenated_is_no_verb: "US-backed Iraq met." => [];
    order_each_sentence_apart: "Russia attacked. Ukraine fell." => [];
    order_that_clause_is_no_object: "Lavrov warned that Iran could leave." => [];
    order_that_clause_has_its_own_event: "Lavrov warned that Iran attacked Iraq." => ["IRN -> IRQ 190"];
    // Apposition: the name before it is the subject.
    apposition_title_of_actor: "Sergei Lavrov, foreign minister of Russia, met Kerry."
        => ["lavrov -> kerry 040 [mutual]"];
    apposition_without_actor: "Vladimir Putin, now president, visited Ankara." => ["putin -> TUR 042"];
    apposition_place_before_subject_stays: "In Moscow, Lavrov met Kerry." => ["lavrov -> kerry 040 [mutual]"];
    apposition_noun_without_commas_is_a_modifier: "Russia tank crews attacked Ukraine." => [];
    // Passive voice.
    passive_by_agent: "Ukraine was attacked by Russia." => ["RUS -> UKR 190 [passive]"];
    passive_been_with_agent_noun: "Syria has been shelled by Turkish artillery."
        => ["TUR/military -> SYR 194 [passive]"];
    passive_without_agent: "Ukraine was attacked on Friday." => [];
    // Coordination.
    coordination_mutual_pair: "Kerry and Lavrov met." => ["kerry -> lavrov 040 [mutual]"];
    coordination_mutual_three: "Iran, Iraq and Syria held talks."
        => ["IRN -> IRQ 040 [mutual]", "IRN -> SYR 040 [mutual]", "IRQ -> SYR 040 [mutual]"];
    coordination_objects: "Kerry met with Putin and Lavrov."
        => ["kerry -> putin 040 [mutual]", "kerry -> lavrov 040 [mutual]"];
    coordination_subjects: "Turkey and Iran attacked Syria." => ["TUR -> SYR 190", "IRN -> SYR 190"];
    coordination_one_sided_verb_needs_target: "Turkey and Iran attacked." => [];
    coordination_shared_subject: "Turkey attacked Syria and shelled Iraq."
        => ["TUR -> SYR 190", "TUR -> IRQ 194"];
    coordination_title_before_name: "Kerry met Russian President Vladimir Putin."
        => ["kerry -> putin 040 [mutual]"];
    coordination_comma_alone_is_no_list: "Russia attacked Ukraine, Kerry said."
        => ["RUS -> UKR 190 [reported]"];
    coordination_locative_is_no_member: "Syrian officials in Damascus accused Turkey of shelling."
        => ["SYR/government -> TUR 112"];
    coordination_second_and_starts_a_clause: "Kerry met Iran and Iraq, and Lavrov thanked Turkey."
        => ["kerry -> IRN 040 [mutual]", "kerry -> IRQ 040 [mutual]", "lavrov -> TUR 051"];
    coordination_determiner_inside: "Damascus and the Kurdish-led Iraq met." => ["SYR -> IRQ 040 [mutual]"];
    // Reported speech.
    reported_inner_clause: "Kerry said Russia attacked Ukraine." => ["RUS -> UKR 190 [reported]"];
    reported_after: "Russia attacked Ukraine on Monday, Kerry said." => ["RUS -> UKR 190 [reported]"];
    reported_that_clause: "Lavrov said that Turkey had bombed Syria." => ["TUR -> SYR 183 [reported]"];
    reported_own_clause_is_not_reported: "Kerry said the talks failed, and Lavrov thanked Turkey."
        => ["lavrov -> TUR 051"];
    reported_not_after_and: "Kerry met Lavrov and said little." => ["kerry -> lavrov 040 [mutual]"];
    reported_not_across_while: "Kerry met Lavrov, while Putin said nothing." => ["kerry -> lavrov 040 [mutual]"];
    reported_pronoun_is_unknown: "Kerry said it attacked Ukraine." => [];
    // Negation and modality.
    negation_did_not: "Russia did not attack Ukraine." => ["RUS -> UKR 190 [negated]"];
    negation_contraction: "Turkey didn't attack Syria." => ["TUR -> SYR 190 [negated]"];
    negation_never: "Iran never met with Iraq." => ["IRN -> IRQ 040 [negated,mutual]"];
    negation_refused_to: "Russia refused to support Turkey." => ["RUS -> TUR 052 [negated]"];
    modality_could: "Turkey could attack Syria." => ["TUR -> SYR 190 [modal]"];
    modality_plans_to: "Iran plans to meet with Iraq." => ["IRN -> IRQ 040 [modal,mutual]"];
    modality_threatened_to: "Russia threatened to impose sanctions on Turkey."
        => ["RUS -> TUR 130", "RUS -> TUR 163 [modal]"];
    modality_urged_to: "The US urged Turkey to meet with Syria."
        => ["USA -> TUR 020", "TUR -> SYR 040 [modal,mutual]"];
    // Agents named by role nouns.
    agents_adjective_and_noun: "Russian forces attacked Ukrainian positions."
        => ["RUS/military -> UKR/military 190"];
    agents_two_words: "Syrian army units shelled Turkey." => ["SYR/military -> TUR 194"];
    agents_modifier_and_noun: "Iraqi security forces arrested Iranian protesters."
        => ["IRQ/military -> IRN/civilians 173"];
    agents_police: "Iraqi police detained Syrian militants." => ["IRQ/police -> SYR/rebels 173"];
    agents_shared_role_noun: "Iraqi and Syrian officials met with Kerry."
        => ["IRQ/government -> kerry 040 [mutual]", "SYR/government -> kerry 040 [mutual]"];
    agents_possessive: "Turkey's troops attacked Syria." => ["TUR/military -> SYR 190"];
    agents_plural_demonym_is_the_people: "Russian troops killed three Americans."
        => ["RUS/military -> USA/civilians 182"];
    agents_plural_demonym_as_source: "Americans attacked Syria." => ["USA/civilians -> SYR 190"];
    agents_government: "US officials met Iranian diplomats."
        => ["USA/government -> IRN/government 040 [mutual]"];
}

#[test]
fn rules() {
    let builder = EventExtractorBuilder::new();
    let mut failed = Vec::new();
    for (name, text, want) in ROWS {
        let got = coded(&builder, text);
        if got != *want {
            failed.push(format!("{name}: {text:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failed.is_empty(), "{} rows failed:\n{}", failed.len(), failed.join("\n"));
}

#[test]
fn names_are_unique() {
    let mut names: Vec<&str> = ROWS.iter().map(|(name, _, _)| *name).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len());
}

#[test]
fn agents_off_leaves_adjectives_out() {
    let mut builder = EventExtractorBuilder::new();
    builder.agents(false);
    assert!(coded(&builder, "Russian forces attacked Ukraine.").is_empty());
    assert_eq!(coded(&builder, "Russia attacked Ukraine."), ["RUS -> UKR 190"]);
}

#[test]
fn group_size_is_capped() {
    let mut builder = EventExtractorBuilder::new();
    builder.max_group(2);
    let got = coded(&builder, "Iran, Iraq, Syria and Turkey attacked Russia and Ukraine.");
    assert_eq!(got, ["IRN -> RUS 190", "IRN -> UKR 190", "IRQ -> RUS 190", "IRQ -> UKR 190"]);
}

#[test]
fn spans_are_the_texts() {
    let gaz = Gazetteer::builder().add_str("test.tsv", GAZETTEER).unwrap().build().unwrap();
    let matcher = Matcher::new(&gaz).unwrap();
    let extractor = EventExtractor::new(&EventDictionary::builtin()).unwrap();
    let text = "Turkish troops launched strikes on Syria. Iran was attacked by Iraq.";
    let segments = Segmenter::new().segment(text);
    let events = extractor.extract(text, &matcher.find_all(text), segments.sentences());
    let spans: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| (&text[e.source().span()], &text[e.verb()], &text[e.target().span()]))
        .collect();
    assert_eq!(
        spans,
        [("Turkish troops", "launched strikes on", "Syria"), ("Iraq", "attacked", "Iran")]
    );
    assert_eq!(&text[events[1].sentence()], "Iran was attacked by Iraq.");
    assert_eq!(events[0].quad_class(), QuadClass::MaterialConflict);
    assert_eq!(events[0].score(), -10.0);
}

#[test]
fn bad_spans_never_panic() {
    let gaz = Gazetteer::builder().add_str("test.tsv", GAZETTEER).unwrap().build().unwrap();
    let extractor = EventExtractor::new(&EventDictionary::builtin()).unwrap();
    let rus = gaz.lookup("RUS").unwrap();
    let text = "Россия attacked Ukraine.";
    let mentions = [
        Mention::new(rus, Span::new(0, 12), false),
        Mention::new(rus, Span::new(1, 3), false),
        Mention::new(rus, Span::new(5, 400), false),
        Mention::new(rus, Span { start: 20, end: 10 }, false),
        Mention::new(rus, Span::new(0, 4), false),
    ];
    let sentences =
        [Span::new(0, text.len()), Span::new(3, 9), Span::new(1, 99), Span { start: 9, end: 2 }];
    let events = extractor.extract(text, &mentions, &sentences);
    assert!(events.len() <= 1);
    assert!(extractor.extract("", &mentions, &sentences).is_empty());
}

#[test]
fn work_is_linear_in_the_sentence() {
    // One sentence of n clauses "Russia, Iran and Iraq attacked Ukraine;"; the bytes the gaps read
    // and the items built must double when n doubles.
    let gaz = Gazetteer::builder().add_str("test.tsv", GAZETTEER).unwrap().build().unwrap();
    let matcher = Matcher::new(&gaz).unwrap();
    let extractor = EventExtractor::new(&EventDictionary::builtin()).unwrap();
    let work = |n: usize| {
        let text = "Russia, Iran and Iraq attacked Ukraine; ".repeat(n) + "Syria.";
        let mentions = matcher.find_all(&text);
        let sentence = [Span::new(0, text.len())];
        syntax::reset_work();
        let events = extractor.extract(&text, &mentions, &sentence);
        (syntax::work(), events.len())
    };
    let (small, small_events) = work(2_000);
    let (large, large_events) = work(4_000);
    assert_eq!(large_events, 2 * small_events);
    let ratio = large as f64 / small as f64;
    assert!((1.9..2.1).contains(&ratio), "work {small} then {large}: ratio {ratio}");
}

#[test]
fn extractor_is_send_sync_and_clone() {
    fn check<T: Send + Sync + Clone>() {}
    check::<EventExtractor>();
    check::<EventDictionary>();
}

/// The words random sentences are made of: names, verb phrases, function words, punctuation
/// and non-ASCII text.
const VOCABULARY: &[&str] = &[
    "Russia",
    "Russian",
    "Ukraine",
    "Kerry",
    "Lavrov",
    "Iraqi",
    "Turkey's",
    "forces",
    "troops",
    "police",
    "officials",
    "attacked",
    "met",
    "with",
    "and",
    "said",
    "was",
    "by",
    "not",
    "could",
    "to",
    "threatened",
    "impose sanctions on",
    "accused",
    "of",
    "in",
    "the",
    ",",
    ";",
    ".",
    "\n",
    "Россия",
    "é",
    "’s",
    "didn't",
    "plans",
    "US-backed",
    "launched strikes on",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    #[test]
    fn events_stay_inside_their_sentences(words in proptest::collection::vec(0..VOCABULARY.len(), 0..40)) {
        let text = words.iter().map(|&i| VOCABULARY[i]).collect::<Vec<_>>().join(" ");
        let gaz = Gazetteer::builder().add_str("test.tsv", GAZETTEER).unwrap().build().unwrap();
        let matcher = Matcher::new(&gaz).unwrap();
        let extractor = EventExtractor::new(&EventDictionary::builtin()).unwrap();
        let segments = Segmenter::new().segment(&text);
        for event in extractor.extract(&text, &matcher.find_all(&text), segments.sentences()) {
            let sentence = event.sentence();
            for span in [event.source().span(), event.target().span(), event.verb()] {
                proptest::prop_assert!(sentence.contains(span), "{:?} outside {:?}", span, sentence);
                proptest::prop_assert!(text.get(span.range()).is_some());
            }
            proptest::prop_assert_ne!(event.source().entity(), event.target().entity());
            proptest::prop_assert!(!event.source().span().overlaps(event.verb()));
            proptest::prop_assert!(!event.target().span().overlaps(event.verb()));
        }
    }
}
