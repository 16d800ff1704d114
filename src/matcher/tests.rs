//! Table-driven matcher tests, grouped by rule.

use super::*;
use crate::gazetteer::{EntityKind, Entry, Gazetteer};

/// A small gazetteer for the tables: (id, kind, names, adjectives).
const ENTITIES: &[(&str, EntityKind, &[&str], &[&str])] = &[
    ("USA", EntityKind::State, &["United States", "US", "U.S.", "America"], &["American"]),
    ("RUS", EntityKind::State, &["Russia"], &["Russian"]),
    ("SYR", EntityKind::State, &["Syria"], &["Syrian"]),
    ("IRQ", EntityKind::State, &["Iraq"], &[]),
    ("TUR", EntityKind::State, &["Turkey", "Türkiye"], &["Turkish"]),
    ("CIV", EntityKind::State, &["Cote d'Ivoire"], &[]),
    ("UN", EntityKind::Group, &["United Nations", "UN", "U.N."], &[]),
    ("isis", EntityKind::Group, &["Islamic State", "IS", "Islamic State in Iraq and Syria"], &[]),
    ("qaeda", EntityKind::Group, &["al-Qaeda"], &[]),
    ("mobile", EntityKind::Place, &["=Mobile"], &[]),
    ("istanbul", EntityKind::Place, &["İstanbul", "Istanbul"], &[]),
    ("gdansk", EntityKind::Place, &["Gdańsk"], &[]),
    ("erdogan", EntityKind::Person, &["Erdoğan"], &[]),
    ("strasse", EntityKind::Place, &["Großstraße"], &[]),
    ("gaza", EntityKind::Place, &["Gaza"], &[]),
    ("gaza_city", EntityKind::Place, &["Gaza City"], &[]),
    ("new_york", EntityKind::Place, &["New York"], &[]),
    ("nyt", EntityKind::Group, &["New York Times"], &[]),
];

fn gazetteer() -> Gazetteer {
    let mut builder = Gazetteer::builder();
    for (id, kind, names, adjectives) in ENTITIES {
        let mut entry = Entry::new(*id, *kind, names[0]);
        for name in &names[1..] {
            entry = entry.alias(name);
        }
        for adj in *adjectives {
            entry = entry.adjective(adj);
        }
        builder.add(entry);
    }
    builder.build().unwrap()
}

/// Runs the default matcher and returns (id, start, end) triples.
/// The rule tables run without the name-part rule, which has a table of its own.
fn find(haystack: &str, name_parts: bool, engine: Engine) -> Vec<(String, usize, usize)> {
    let gaz = gazetteer();
    let matcher = MatcherBuilder::new().name_parts(name_parts).engine(engine).build(&gaz).unwrap();
    matcher
        .find_iter(haystack)
        .map(|m| (gaz.get(m.entity()).unwrap().id().to_string(), m.span().start, m.span().end))
        .collect()
}

/// One table row: a name, a haystack and the expected (id, start, end) mentions.
struct Case {
    name: &'static str,
    haystack: &'static str,
    expected: &'static [(&'static str, usize, usize)],
}

macro_rules! case {
    ($name:expr, $hay:expr, [$(($id:expr, $s:expr, $e:expr)),* $(,)?]) => {
        Case { name: $name, haystack: $hay, expected: &[$(($id, $s, $e)),*] }
    };
}

const BOUNDARY: &[Case] = &[
    case!("hyphen_compound", "US-Russian talks", [("USA", 0, 2), ("RUS", 3, 10)]),
    case!("possessive_straight", "Russia's army", [("RUS", 0, 6)]),
    case!("possessive_curly", "Russia’s army", [("RUS", 0, 6)]),
    case!("inside_word_blocked", "Cyprus and CYPRUS", []),
    case!(
        "emphasis",
        "*Syria* and **Iraq** and _Gaza_",
        [("SYR", 1, 6), ("IRQ", 14, 18), ("gaza", 26, 30)]
    ),
    case!("em_dash", "Syria—Iraq", [("SYR", 0, 5), ("IRQ", 8, 12)]),
    case!("digit_blocks", "US2 and 2US", []),
    case!(
        "brackets_and_quotes",
        "(Syria) \"Iraq\" “Russia”",
        [("SYR", 1, 6), ("IRQ", 9, 13), ("RUS", 18, 24)]
    ),
    case!("dotted_acronym", "U.S. and U.N. staff", [("USA", 0, 4), ("UN", 9, 13)]),
    case!("combining_mark_blocks", "Iraq\u{301} x", []),
];

const CASE: &[Case] = &[
    case!("acronym_exact", "us and US and Us", [("USA", 7, 9)]),
    case!("acronym_un_lowercase", "un-American UN", [("USA", 3, 11), ("UN", 12, 14)]),
    case!("common_word_lowercase", "roast turkey in Turkey", [("TUR", 16, 22)]),
    case!("headline_caps", "TURKEY AND RUSSIA", [("TUR", 0, 6), ("RUS", 11, 17)]),
    case!("particle_either_case", "al-Qaeda and Al-Qaeda", [("qaeda", 0, 8), ("qaeda", 13, 21)]),
    case!("particle_capital_required", "al-qaeda", []),
    case!("exact_marker", "Mobile, MOBILE, mobile", [("mobile", 0, 6)]),
    case!("non_ascii_upper_variant", "TÜRKIYE", [("TUR", 0, 8)]),
    case!("is_not_is", "This is IS", [("isis", 8, 10)]),
];

const OVERLAP: &[Case] = &[
    case!("longest_wins", "Islamic State in Iraq and Syria", [("isis", 0, 31)]),
    case!("longest_wins_place", "Gaza City and Gaza", [("gaza_city", 0, 9), ("gaza", 14, 18)]),
    case!("shorter_when_longer_fails_boundary", "Gaza Cityscape", [("gaza", 0, 4)]),
    case!("shorter_when_longer_fails_case", "Gaza city", [("gaza", 0, 4)]),
    case!("longer_entity_beats_prefix", "New York Times reporters", [("nyt", 0, 14)]),
    case!("adjacent", "Syria Iraq", [("SYR", 0, 5), ("IRQ", 6, 10)]),
    case!("adjective_is_separate", "Russian and Russia", [("RUS", 0, 7), ("RUS", 12, 18)]),
];

const UNICODE: &[Case] = &[
    case!(
        "after_dotted_capital_i",
        "İstanbul: Erdoğan met Syria",
        [("istanbul", 0, 9), ("erdogan", 11, 19), ("SYR", 24, 29)]
    ),
    case!("after_eszett", "Großstraße, Syria", [("strasse", 0, 12), ("SYR", 14, 19)]),
    case!("polish", "Gdańsk and Russia", [("gdansk", 0, 7), ("RUS", 12, 18)]),
    case!("curly_apostrophe_variant", "Cote d’Ivoire", [("CIV", 0, 15)]),
    case!("emoji_neighbour", "🇺🇸US🇷🇺", [("USA", 8, 10)]),
    case!("cjk_letters_block", "中国Syria", []),
];

const SPACING: &[Case] = &[
    case!("double_space", "the United  States", [("USA", 4, 18)]),
    case!("no_break_space", "Gaza\u{a0}City", [("gaza_city", 0, 10)]),
    case!("tab", "Gaza\tCity", [("gaza_city", 0, 9)]),
    case!(
        "offsets_after_runs",
        "Russia  and   Syria  met  the  Islamic  State",
        [("RUS", 0, 6), ("SYR", 14, 19), ("isis", 31, 45)]
    ),
    case!("line_break_is_no_space", "Gaza\nCity", [("gaza", 0, 4)]),
];

const NAME_PARTS: &[Case] = &[
    case!("byline_first_name", "By Georgia Hayes", []),
    case!("first_name_before", "star Denzel Mobile said", []),
    case!("surname_after", "Syria Johnson scored", []),
    case!("office_after", "Syria Foreign Minister", [("SYR", 0, 5)]),
    case!("compound_office_after", "Syria Vice-President Hayes", [("SYR", 0, 5)]),
    case!("compound_name_after", "Syria Smith-Hayes scored", []),
    case!("plural_office_after", "from Syria Congressmen", [("SYR", 5, 10)]),
    case!("number_before", "Three Syria troops", [("SYR", 6, 11)]),
    case!("ordinary_after", "Iraq War veterans", [("IRQ", 0, 4)]),
    case!("venue_after", "at the Syria Dome today", [("SYR", 7, 12)]),
    case!(
        "event_after",
        "the Iraq Classic and Syria Championships",
        [("IRQ", 4, 8), ("SYR", 21, 26)]
    ),
    case!("event_two_words_after", "the Syria Track Classic started", [("SYR", 4, 9)]),
    case!("event_three_words_after", "the Syria Royal Easter Show started", [("SYR", 4, 9)]),
    case!("event_too_far_after", "the Syria Royal Easter Hayes Show started", []),
    case!("known_name_after", "Syria Iraq talks", [("SYR", 0, 5), ("IRQ", 6, 10)]),
    case!("possessive_before", "Russia's Syria", [("RUS", 0, 6), ("SYR", 9, 14)]),
    case!("compound_before", "Russian-backed Syria", [("RUS", 0, 7), ("SYR", 15, 20)]),
    case!("adjective_exempt", "Russian Hayes", [("RUS", 0, 7)]),
    case!("group_exempt", "UN Hayes", [("UN", 0, 2)]),
    case!("heading_exempt", "# Syria Hosts Iraq", [("SYR", 2, 7), ("IRQ", 14, 18)]),
    case!(
        "title_case_exempt",
        "Russia Threatens Turkey over Syria",
        [("RUS", 0, 6), ("TUR", 17, 23), ("SYR", 29, 34)]
    ),
    case!("comma_separates", "Syria, Hayes", [("SYR", 0, 5)]),
    case!("sentence_opener_before", "It fell. Outside Syria, it rose.", [("SYR", 17, 22)]),
    case!("opener_mid_sentence_is_a_name", "star Across Syria said", []),
    case!("other_word_opening_a_sentence", "It fell. Alei Syria rose.", []),
];

fn run(table: &[Case]) {
    run_with(table, false);
}

fn run_with(table: &[Case], name_parts: bool) {
    for case in table {
        let want: Vec<(String, usize, usize)> =
            case.expected.iter().map(|(id, s, e)| (id.to_string(), *s, *e)).collect();
        for engine in [Engine::AhoCorasick, Engine::Trie] {
            let got = find(case.haystack, name_parts, engine);
            assert_eq!(got, want, "case {} ({engine:?}): {:?}", case.name, case.haystack);
        }
    }
}

#[test]
fn boundary_rules() {
    run(BOUNDARY);
}

#[test]
fn case_rules() {
    run(CASE);
}

#[test]
fn overlap_rules() {
    run(OVERLAP);
}

#[test]
fn unicode_offsets() {
    run(UNICODE);
}

#[test]
fn names_with_odd_spacing() {
    run(SPACING);
}

#[test]
fn name_part_rule() {
    run_with(NAME_PARTS, true);
}

#[test]
fn names_are_unique() {
    let mut names: Vec<&str> = [BOUNDARY, CASE, OVERLAP, UNICODE, NAME_PARTS]
        .iter()
        .flat_map(|t| t.iter().map(|c| c.name))
        .collect();
    names.sort_unstable();
    let len = names.len();
    names.dedup();
    assert_eq!(len, names.len(), "duplicate case names");
}

#[test]
fn adjectives_can_be_dropped() {
    let gaz = gazetteer();
    let matcher = MatcherBuilder::new().adjectives(false).build(&gaz).unwrap();
    let found: Vec<_> = matcher.find_iter("Russian and Russia").map(|m| m.span().start).collect();
    assert_eq!(found, [12]);
}

#[test]
fn adjectival_mentions_are_flagged() {
    let gaz = gazetteer();
    let matcher = Matcher::new(&gaz).unwrap();
    let flags: Vec<_> = matcher.find_iter("Russian Russia").map(|m| m.is_adjectival()).collect();
    assert_eq!(flags, [true, false]);
}

#[test]
fn case_modes() {
    let gaz = gazetteer();
    let exact = MatcherBuilder::new().case(CaseMode::Exact).build(&gaz).unwrap();
    assert_eq!(exact.find_all("TURKEY, Turkey").len(), 1);
    let loose = MatcherBuilder::new().case(CaseMode::Insensitive).build(&gaz).unwrap();
    assert_eq!(loose.find_all("turkey us").len(), 2);
}

#[test]
fn no_boundary_mode() {
    let gaz = gazetteer();
    let matcher = MatcherBuilder::new().boundary(Boundary::None).build(&gaz).unwrap();
    assert_eq!(matcher.find_all("SyriaIraq").len(), 2);
}

#[test]
fn matcher_is_send_sync_clone() {
    fn assert_traits<T: Send + Sync + Clone + std::fmt::Debug>() {}
    assert_traits::<Matcher>();
    assert_traits::<Gazetteer>();
}

#[test]
fn surnames_resolve_after_the_full_name_only() {
    let gaz = Gazetteer::builder()
        .add(Entry::new("ab", EntityKind::Person, "Antony Blinken"))
        .add(Entry::new("ys", EntityKind::Person, "Yahya Sinwar"))
        .add(Entry::new("ms", EntityKind::Person, "Mohammed Sinwar"))
        .build()
        .unwrap();
    let matcher = Matcher::new(&gaz).unwrap();
    let ids = |text: &str| -> Vec<String> {
        let found = matcher.find_all(text);
        found
            .iter()
            .map(|m| format!("{}:{}", gaz.get(m.entity()).unwrap().id(), &text[m.span()]))
            .collect()
    };
    let text = "Blinken left. Antony Blinken arrived; Secretary Blinken's aide and BLINKEN too.";
    assert_eq!(
        ids(text),
        ["ab:Antony Blinken", "ab:Blinken"],
        "a surname before the full name stays unresolved; all-caps is not a surname form"
    );
    let text = "Yahya Sinwar and Mohammed Sinwar met. Sinwar spoke.";
    assert_eq!(ids(text).len(), 2, "a surname shared in the document stays unresolved");
    let text = "Yahya Sinwar spoke. Sinwar left.";
    assert_eq!(ids(text).len(), 2);
}

mod engines {
    //! The two engines against each other: the Aho-Corasick engine reports every candidate
    //! wherever it starts, so any candidate the trie's word-start scan skipped would show up as
    //! a difference.

    use proptest::prelude::*;

    use super::*;

    const FRAGMENTS: &[&str] = &[
        "United States",
        "US",
        "us",
        "U.S.",
        "Russia",
        "Russian",
        "Syria",
        "Iraq",
        "Turkey",
        "TÜRKIYE",
        "Türkiye",
        "Cote d'Ivoire",
        "Cote d’Ivoire",
        "UN",
        "Islamic State in Iraq and Syria",
        "IS",
        "al-Qaeda",
        "Al-Qaeda",
        "Mobile",
        "İstanbul",
        "Gdańsk",
        "Erdoğan",
        "Großstraße",
        "Gaza",
        "Gaza City",
        "New York",
        "New York Times",
        "Cyprus",
        "focus",
        "scape",
        "Hayes",
        "https://example.org/",
        "](",
        " ",
        "\u{a0}",
        "\u{3000}",
        "-",
        "'",
        "’",
        ".",
        ", ",
        "\n",
        "\n\n",
        "2",
        "é",
        "中",
        "\u{301}",
        "🇺🇸",
    ];

    fn haystack() -> impl Strategy<Value = String> {
        let fragment =
            (prop::sample::select(FRAGMENTS), 0..4u8).prop_map(|(text, case)| match case {
                0 => text.to_uppercase(),
                1 => text.to_lowercase(),
                _ => text.to_string(),
            });
        prop::collection::vec(fragment, 0..30).prop_map(|parts| parts.concat())
    }

    /// An Aho-Corasick and a trie matcher for every case mode and boundary rule, built once.
    fn pairs() -> &'static [(Matcher, Matcher)] {
        static PAIRS: std::sync::OnceLock<Vec<(Matcher, Matcher)>> = std::sync::OnceLock::new();
        PAIRS.get_or_init(|| {
            let gaz = gazetteer();
            let mut all = Vec::new();
            for case in [CaseMode::Gazetteer, CaseMode::Exact, CaseMode::Insensitive] {
                for boundary in [Boundary::Word, Boundary::None] {
                    let mut builder = MatcherBuilder::new();
                    builder.case(case).boundary(boundary);
                    let aho = builder.engine(Engine::AhoCorasick).build(&gaz).unwrap();
                    let trie = builder.engine(Engine::Trie).build(&gaz).unwrap();
                    assert_eq!((aho.engine(), trie.engine()), (Engine::AhoCorasick, Engine::Trie));
                    all.push((aho, trie));
                }
            }
            all
        })
    }

    proptest! {
        #[test]
        fn engines_agree(haystack in haystack()) {
            for (aho, trie) in pairs() {
                prop_assert_eq!(
                    aho.find_all(&haystack),
                    trie.find_all(&haystack),
                    "{:?}", aho.inner.config
                );
            }
        }
    }

    /// Hand-picked texts for each rule: case variants, overlapping names, boundary failures,
    /// non-ASCII letters and offsets, web addresses.
    #[test]
    fn engines_agree_on_the_rule_table() {
        let texts = [
            "US-Russian talks in Cyprus; focus on us and US2 and 2US.",
            "TURKEY, Turkey, turkey, TÜRKIYE, Türkiye, türkiye, TüRKIYE",
            "Gaza Cityscape, Gaza City, GAZA CITY, Gaza\u{301}",
            "New York Times and New York Timesheet; Islamic State in Iraq and Syriac",
            "İstanbul, ISTANBUL, istanbul, Gdańsk, GDAŃSK, Erdoğan, ERDOĞAN, Großstraße",
            "Cote d'Ivoire and Cote d’Ivoire and COTE D’IVOIRE; al-Qaeda, Al-Qaeda, AL-QAEDA",
            "Mobile, MOBILE, mobile; U.S., u.s., U.N.; 中Iraq中 Iraq。",
            "see https://example.org/Syria and [Iraq talks](/news/Iraq-deal) in Syria",
        ];
        for (aho, trie) in pairs() {
            for text in texts {
                assert_eq!(
                    aho.find_all(text),
                    trie.find_all(text),
                    "{:?}: {text}",
                    aho.inner.config
                );
            }
        }
    }

    #[test]
    fn engines_agree_on_the_sample_articles() {
        let gaz = Gazetteer::builtin();
        let aho = MatcherBuilder::new().engine(Engine::AhoCorasick).build(&gaz).unwrap();
        let trie = MatcherBuilder::new().engine(Engine::Trie).build(&gaz).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut mentions = 0;
        for doc in crate::Corpus::new().documents([root.join("data/articles")]) {
            let text = doc.unwrap().text().to_string();
            let found = aho.find_all(&text);
            mentions += found.len();
            assert_eq!(found, trie.find_all(&text));
        }
        assert!(mentions > 50, "{mentions}");
    }

    #[test]
    fn builtin_uses_aho_corasick_under_auto() {
        let matcher = Matcher::new(&Gazetteer::builtin()).unwrap();
        assert_eq!(matcher.engine(), Engine::AhoCorasick);
        assert!(matcher.pattern_count() < Engine::AUTO_TRIE_PATTERNS);
    }
}

/// Names shared by several entities (`~`) go to the one whose state the text names most,
/// else to the entity that owns the name outright, else nowhere.
#[test]
fn shared_names_resolve_by_the_states_the_text_names() {
    let gaz = Gazetteer::builder()
        .add(Entry::new("AUS", EntityKind::State, "Australia").adjective("Australian"))
        .add(Entry::new("ISR", EntityKind::State, "Israel").adjective("Israeli"))
        .add(Entry::new("GBR", EntityKind::State, "United Kingdom").alias("Britain"))
        .add(Entry::new("GEO", EntityKind::State, "Georgia"))
        .add(Entry::new("USA", EntityKind::State, "United States"))
        .add(Entry::new("atlanta", EntityKind::Place, "Atlanta").country("USA"))
        .add(Entry::new("tbilisi", EntityKind::Place, "Tbilisi").country("GEO"))
        .add(
            Entry::new("ga", EntityKind::Place, "State of Georgia")
                .alias("~Georgia")
                .country("USA"),
        )
        .add(
            Entry::new("alp", EntityKind::Group, "Australian Labor Party")
                .alias("~Labor Party")
                .affiliation("AUS"),
        )
        .add(
            Entry::new("ilp", EntityKind::Group, "Israeli Labor Party")
                .alias("~Labor Party")
                .affiliation("ISR"),
        )
        .add(Entry::new("ukl", EntityKind::Group, "Labour Party").affiliation("GBR"))
        .add(Entry::new("nzl", EntityKind::Group, "NZ Labour Party").alias("~Labour Party"))
        .build()
        .unwrap();
    let matcher = Matcher::new(&gaz).unwrap();
    for (text, name, want) in [
        ("Australian voters backed the Labor Party.", "Labor Party", Some("alp")),
        ("Israeli voters backed the Labor Party.", "Labor Party", Some("ilp")),
        // Neither state named, or both as often: unresolved.
        ("Voters backed the Labor Party.", "Labor Party", None),
        ("Israel and Australia: the Labor Party won.", "Labor Party", None),
        // An owner keeps its name unless the text points elsewhere.
        ("Voters backed the Labour Party.", "Labour Party", Some("ukl")),
        ("Atlanta, Georgia, in the United States.", "Georgia", Some("ga")),
        ("Tbilisi, Georgia.", "Georgia", Some("GEO")),
        ("Georgia voted.", "Georgia", Some("GEO")),
    ] {
        let found = matcher.find_all(text);
        let got = found
            .iter()
            .find(|m| &text[m.span()] == name)
            .map(|m| gaz.get(m.entity()).unwrap().id());
        assert_eq!(got, want, "{text}");
    }
    for engine in [Engine::AhoCorasick, Engine::Trie] {
        let m = MatcherBuilder::new().engine(engine).build(&gaz).unwrap();
        let text = "Australian voters backed the Labor Party in Georgia, United States.";
        assert_eq!(m.find_all(text), matcher.find_all(text), "{engine:?}");
    }
}

/// Namesakes who share a full name go to the one whose offices' bodies the text names,
/// before the states count: both Ian Macfarlanes are Australian.
#[test]
fn shared_person_names_resolve_by_the_bodies_their_offices_name() {
    let gaz = Gazetteer::builder()
        .add(Entry::new("AUS", EntityKind::State, "Australia"))
        .add(Entry::new("NZL", EntityKind::State, "New Zealand"))
        .add(
            Entry::new("rba", EntityKind::Group, "Reserve Bank of Australia")
                .alias("~Reserve Bank")
                .affiliation("AUS"),
        )
        .add(
            Entry::new("rbnz", EntityKind::Group, "Reserve Bank of New Zealand")
                .alias("~Reserve Bank")
                .affiliation("NZL"),
        )
        .add(Entry::new("minister", EntityKind::Person, "Ian Macfarlane").affiliation("AUS").role(
            "Industry Minister",
            Some(2001),
            Some(2007),
        ))
        .add(
            Entry::new("governor", EntityKind::Person, "Ian Macfarlane (economist)")
                .alias("~Ian Macfarlane")
                .affiliation("AUS")
                .role("Governor of the Reserve Bank of Australia", Some(1996), Some(2006)),
        )
        .build()
        .unwrap();
    let matcher = Matcher::new(&gaz).unwrap();
    for (text, want) in [
        ("Reserve Bank of Australia governor Ian Macfarlane spoke.", "governor"),
        // A shared name of the body counts for it too.
        ("The Reserve Bank's Ian Macfarlane spoke in Australia.", "governor"),
        ("Industry Minister Ian Macfarlane spoke in Australia.", "minister"),
        ("Ian Macfarlane spoke.", "minister"),
    ] {
        let found = matcher.find_all(text);
        let got = found
            .iter()
            .find(|m| text[m.span()].starts_with("Ian"))
            .map(|m| gaz.get(m.entity()).unwrap().id());
        assert_eq!(got, Some(want), "{text}");
    }
}

/// Asserts that each text's mentions, in order, name the entities of the ids given with it.
fn assert_ids(gaz: &Gazetteer, cases: &[(&str, &[&str])]) {
    let matcher = Matcher::new(gaz).unwrap();
    for (text, want) in cases {
        let got: Vec<&str> =
            matcher.find_all(text).iter().map(|m| gaz.get(m.entity()).unwrap().id()).collect();
        assert_eq!(got, *want, "{text}");
    }
}

/// An acronym the document defines after a name ("Australian Federal Police (AFP)") stands
/// for that name's entity from there on, whatever else the gazetteer calls so; before the
/// definition, and where the parenthesis does not abbreviate the name, it is left alone.
#[test]
fn acronyms_defined_in_the_text_win() {
    let gaz = Gazetteer::builder()
        .add(Entry::new("afp_police", EntityKind::Group, "Australian Federal Police"))
        .add(Entry::new("afp_agency", EntityKind::Group, "Agence France-Presse").alias("AFP"))
        .add(Entry::new("oslo", EntityKind::Place, "Oslo"))
        .build()
        .unwrap();
    let cases: &[(&str, &[&str])] = &[
        (
            "The AFP said so. The Australian Federal Police (AFP) said. Later the AFP agreed.",
            &["afp_agency", "afp_police", "afp_police", "afp_police"],
        ),
        // "(AFP)" after a name it does not abbreviate defines nothing.
        ("Officials in Oslo (AFP) said. The AFP said.", &["oslo", "afp_agency", "afp_agency"]),
        // Written otherwise, it is another word.
        ("The Australian Federal Police (AFP) said. Afp said.", &["afp_police", "afp_police"]),
    ];
    assert_ids(&gaz, cases);
}

/// A one-word name of a person, place or state right after a given name that is none of
/// that person's is someone else's surname ("Jason Stoltenberg", "Matt Welsh").
#[test]
fn a_namesake_s_surname_is_no_mention() {
    let gaz = Gazetteer::builder()
        .add(Entry::new("jens", EntityKind::Person, "Jens Stoltenberg").alias("Stoltenberg"))
        .add(Entry::new("wales", EntityKind::Place, "Wales").adjective("Welsh"))
        .add(Entry::new("jordan", EntityKind::State, "Jordan"))
        .build()
        .unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("Jason Stoltenberg will coach the team.", &[]),
        ("Jens Stoltenberg spoke. Later Stoltenberg left.", &["jens", "jens"]),
        ("World champion Matt Welsh swam.", &[]),
        (
            "The Welsh team and the basketball player Michael Jordan met in Jordan.",
            &["wales", "jordan"],
        ),
        // No given name before it: the names stay.
        ("Minister Stoltenberg met the Welsh.", &["jens", "wales"]),
    ];
    assert_ids(&gaz, cases);
}
