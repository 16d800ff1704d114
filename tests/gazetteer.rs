//! Quality checks on the built-in gazetteer itself.

use std::collections::HashMap;

use actorgraph::{EntityKind, Gazetteer, Matcher};

/// Common English words, written for this test. A gazetteer name equal to one of them must
/// start with a capital (so the lower-case word never matches) or be marked exact.
const COMMON_WORDS: &[&str] = &[
    "a",
    "about",
    "act",
    "after",
    "again",
    "against",
    "age",
    "agency",
    "aid",
    "air",
    "al",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "area",
    "army",
    "art",
    "as",
    "at",
    "attack",
    "back",
    "bank",
    "bar",
    "base",
    "bath",
    "be",
    "bear",
    "best",
    "bill",
    "bird",
    "black",
    "block",
    "board",
    "body",
    "bond",
    "border",
    "born",
    "both",
    "brown",
    "bush",
    "but",
    "by",
    "call",
    "camp",
    "can",
    "cape",
    "capital",
    "care",
    "case",
    "center",
    "chad",
    "chance",
    "change",
    "chase",
    "china",
    "church",
    "city",
    "coast",
    "cold",
    "command",
    "commerce",
    "common",
    "commonwealth",
    "congress",
    "council",
    "country",
    "court",
    "cross",
    "crown",
    "cuba",
    "day",
    "deal",
    "deep",
    "defense",
    "delta",
    "do",
    "door",
    "down",
    "drive",
    "during",
    "each",
    "eagle",
    "east",
    "echo",
    "end",
    "even",
    "ever",
    "fair",
    "fall",
    "far",
    "field",
    "fire",
    "first",
    "five",
    "for",
    "force",
    "forces",
    "foreign",
    "fork",
    "fort",
    "forward",
    "four",
    "free",
    "freedom",
    "from",
    "front",
    "game",
    "gate",
    "general",
    "georgia",
    "get",
    "go",
    "gold",
    "good",
    "government",
    "grace",
    "grand",
    "great",
    "green",
    "ground",
    "group",
    "guard",
    "guinea",
    "gulf",
    "had",
    "hall",
    "hand",
    "harbor",
    "has",
    "have",
    "he",
    "head",
    "her",
    "here",
    "high",
    "hill",
    "him",
    "his",
    "home",
    "hope",
    "house",
    "how",
    "i",
    "if",
    "in",
    "independence",
    "interior",
    "is",
    "island",
    "it",
    "its",
    "jersey",
    "jordan",
    "joy",
    "just",
    "key",
    "king",
    "labour",
    "lake",
    "land",
    "last",
    "law",
    "lead",
    "league",
    "left",
    "liberty",
    "light",
    "like",
    "line",
    "little",
    "long",
    "made",
    "main",
    "make",
    "man",
    "many",
    "march",
    "mark",
    "may",
    "me",
    "media",
    "might",
    "mission",
    "mobile",
    "more",
    "most",
    "mount",
    "much",
    "must",
    "my",
    "nation",
    "national",
    "navy",
    "near",
    "new",
    "news",
    "nice",
    "niger",
    "no",
    "north",
    "not",
    "now",
    "of",
    "off",
    "office",
    "oil",
    "old",
    "on",
    "one",
    "only",
    "or",
    "order",
    "other",
    "our",
    "out",
    "over",
    "paradise",
    "park",
    "part",
    "party",
    "peace",
    "people",
    "place",
    "plain",
    "point",
    "police",
    "port",
    "post",
    "power",
    "press",
    "prime",
    "reading",
    "red",
    "republic",
    "rich",
    "right",
    "river",
    "rock",
    "rose",
    "royal",
    "rule",
    "run",
    "sale",
    "same",
    "say",
    "sea",
    "second",
    "see",
    "senate",
    "service",
    "she",
    "should",
    "side",
    "so",
    "some",
    "south",
    "split",
    "spring",
    "square",
    "staff",
    "star",
    "state",
    "states",
    "still",
    "stone",
    "street",
    "such",
    "summit",
    "sun",
    "table",
    "take",
    "temple",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "through",
    "time",
    "to",
    "today",
    "top",
    "tower",
    "town",
    "trade",
    "turkey",
    "two",
    "under",
    "union",
    "unity",
    "up",
    "upon",
    "us",
    "vale",
    "very",
    "victory",
    "view",
    "wall",
    "war",
    "was",
    "water",
    "way",
    "we",
    "well",
    "were",
    "west",
    "what",
    "when",
    "where",
    "which",
    "while",
    "white",
    "who",
    "will",
    "with",
    "world",
    "would",
    "year",
    "yet",
    "you",
    "young",
    "your",
];

fn builtin() -> Gazetteer {
    Gazetteer::builtin()
}

#[test]
fn no_name_is_claimed_by_two_entities() {
    let gaz = builtin();
    let mut owner: HashMap<String, &str> = HashMap::new();
    for entry in gaz.entries() {
        // Shared names (`~`) belong to no one: they are resolved per document.
        for alias in entry.aliases().iter().filter(|a| !a.is_context()) {
            if let Some(other) = owner.insert(alias.text().to_lowercase(), entry.id()) {
                assert_eq!(
                    other,
                    entry.id(),
                    "\"{}\" is claimed by {} and {}",
                    alias.text(),
                    other,
                    entry.id()
                );
            }
        }
    }
}

#[test]
fn common_words_are_capitalised_or_exact() {
    let gaz = builtin();
    let mut bad = Vec::new();
    for entry in gaz.entries() {
        for alias in entry.aliases() {
            let text = alias.text();
            let capital = text.chars().next().is_some_and(char::is_uppercase);
            if COMMON_WORDS.contains(&text.to_lowercase().as_str()) && !capital && !alias.is_exact()
            {
                bad.push(format!("{} ({})", text, entry.id()));
            }
        }
    }
    assert!(bad.is_empty(), "common words that would match in lower case: {bad:?}");
}

#[test]
fn lower_case_common_words_never_match() {
    let gaz = builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let text = COMMON_WORDS.join(" ");
    let found: Vec<&str> = matcher.find_iter(&text).map(|m| &text[m.span()]).collect();
    assert!(found.is_empty(), "lower-case words matched: {found:?}");
}

#[test]
fn every_affiliation_and_country_is_a_state() {
    let gaz = builtin();
    for entry in gaz.entries() {
        for state in [entry.affiliation_id(), entry.country_id()].into_iter().flatten() {
            let target = gaz.lookup(state).and_then(|id| gaz.get(id));
            assert!(
                target.is_some_and(|t| t.kind() == EntityKind::State),
                "{} ({}) names \"{}\", which is not a state",
                entry.id(),
                entry.origin(),
                state
            );
        }
    }
}

#[test]
fn people_have_roles_and_sane_years() {
    let gaz = builtin();
    for entry in gaz.entries().filter(|e| e.kind() == EntityKind::Person) {
        assert!(entry.role_name().is_some(), "{} has no role", entry.id());
        if let (Some(from), Some(to)) = entry.years() {
            assert!(from <= to, "{}: {from} > {to}", entry.id());
        }
    }
}

#[test]
fn every_office_has_sane_years() {
    let gaz = builtin();
    for entry in gaz.entries().filter(|e| e.kind() == EntityKind::Person) {
        for office in entry.offices() {
            let (from, to) = office.years();
            // A main role may be undated; then it says nothing of when.
            let Some(from) = from else { continue };
            assert!((1900..=2026).contains(&from), "{} ({}): {from}", entry.id(), entry.origin());
            if let Some(to) = to {
                assert!(
                    from <= to && to <= 2026,
                    "{} ({}): {from}-{to}",
                    entry.id(),
                    entry.origin()
                );
            }
        }
    }
}

#[test]
fn sizes_reach_the_coverage_targets() {
    let gaz = builtin();
    let count = |kind| gaz.entries().filter(|e| e.kind() == kind).count();
    assert!(count(EntityKind::State) >= 195, "states: {}", count(EntityKind::State));
    assert!(count(EntityKind::Place) >= 5000, "places: {}", count(EntityKind::Place));
    assert!(count(EntityKind::Group) >= 3000, "groups: {}", count(EntityKind::Group));
    assert!(count(EntityKind::Person) >= 4000, "people: {}", count(EntityKind::Person));
}

#[test]
fn adjectival_forms_belong_to_states_or_places() {
    let gaz = builtin();
    let states_with_adjectives = gaz
        .entries()
        .filter(|e| e.kind() == EntityKind::State && e.aliases().iter().any(|a| a.is_adjectival()))
        .count();
    assert!(states_with_adjectives >= 180, "{states_with_adjectives} states have adjectival forms");
}

/// Names as news writes them, each with the kind it must resolve to. Written for this test.
const COVERAGE: &[(&str, EntityKind)] = &[
    // States, with short, long and adjectival forms.
    ("Russia", EntityKind::State),
    ("Russian Federation", EntityKind::State),
    ("United States", EntityKind::State),
    ("U.S.", EntityKind::State),
    ("USA", EntityKind::State),
    ("America", EntityKind::State),
    ("Britain", EntityKind::State),
    ("UK", EntityKind::State),
    ("UAE", EntityKind::State),
    ("DPRK", EntityKind::State),
    ("North Korea", EntityKind::State),
    ("South Korea", EntityKind::State),
    ("PRC", EntityKind::State),
    ("DRC", EntityKind::State),
    ("Ivory Coast", EntityKind::State),
    ("Côte d'Ivoire", EntityKind::State),
    ("Myanmar", EntityKind::State),
    ("Burma", EntityKind::State),
    ("Türkiye", EntityKind::State),
    ("Turkey", EntityKind::State),
    ("Syria", EntityKind::State),
    ("Iran", EntityKind::State),
    ("Israel", EntityKind::State),
    ("Palestine", EntityKind::State),
    ("Taiwan", EntityKind::State),
    ("Kosovo", EntityKind::State),
    ("Western Sahara", EntityKind::State),
    ("Saudi Arabia", EntityKind::State),
    ("Yemen", EntityKind::State),
    ("Sudan", EntityKind::State),
    ("South Sudan", EntityKind::State),
    ("Mali", EntityKind::State),
    ("Burkina Faso", EntityKind::State),
    ("Niger", EntityKind::State),
    ("Chad", EntityKind::State),
    ("Ukraine", EntityKind::State),
    ("Belarus", EntityKind::State),
    ("Venezuela", EntityKind::State),
    ("Syrian", EntityKind::State),
    ("Turkish", EntityKind::State),
    ("Iranian", EntityKind::State),
    ("American", EntityKind::State),
    ("British", EntityKind::State),
    ("Israeli", EntityKind::State),
    ("Saudi", EntityKind::State),
    ("Emirati", EntityKind::State),
    ("Ukrainian", EntityKind::State),
    // Places.
    ("Aleppo", EntityKind::Place),
    ("Homs", EntityKind::Place),
    ("Raqqa", EntityKind::Place),
    ("Deir ez-Zor", EntityKind::Place),
    ("Kobani", EntityKind::Place),
    ("Idlib", EntityKind::Place),
    ("Mosul", EntityKind::Place),
    ("Fallujah", EntityKind::Place),
    ("Kirkuk", EntityKind::Place),
    ("Erbil", EntityKind::Place),
    ("Sinjar", EntityKind::Place),
    ("Donbas", EntityKind::Place),
    ("Kherson", EntityKind::Place),
    ("Crimea", EntityKind::Place),
    ("Mariupol", EntityKind::Place),
    ("Kyiv", EntityKind::Place),
    ("Kiev", EntityKind::Place),
    ("Odesa", EntityKind::Place),
    ("Gaza", EntityKind::Place),
    ("Rafah", EntityKind::Place),
    ("West Bank", EntityKind::Place),
    ("Golan Heights", EntityKind::Place),
    ("Jerusalem", EntityKind::Place),
    ("Kashmir", EntityKind::Place),
    ("Darfur", EntityKind::Place),
    ("El Fasher", EntityKind::Place),
    ("Sahel", EntityKind::Place),
    ("South China Sea", EntityKind::Place),
    ("Strait of Hormuz", EntityKind::Place),
    ("Persian Gulf", EntityKind::Place),
    ("Red Sea", EntityKind::Place),
    ("Black Sea", EntityKind::Place),
    ("Damascus", EntityKind::Place),
    ("Baghdad", EntityKind::Place),
    ("Tehran", EntityKind::Place),
    ("Moscow", EntityKind::Place),
    ("Beijing", EntityKind::Place),
    ("Washington", EntityKind::Place),
    ("Ankara", EntityKind::Place),
    ("İstanbul", EntityKind::Place),
    ("Istanbul", EntityKind::Place),
    ("Sanaa", EntityKind::Place),
    ("Aden", EntityKind::Place),
    ("Khartoum", EntityKind::Place),
    ("Tripoli", EntityKind::Place),
    ("Benghazi", EntityKind::Place),
    ("Kabul", EntityKind::Place),
    ("Kandahar", EntityKind::Place),
    ("Taipei", EntityKind::Place),
    ("Manila", EntityKind::Place),
    // Groups.
    ("United Nations", EntityKind::Group),
    ("UN", EntityKind::Group),
    ("U.N.", EntityKind::Group),
    ("NATO", EntityKind::Group),
    ("European Union", EntityKind::Group),
    ("EU", EntityKind::Group),
    ("African Union", EntityKind::Group),
    ("ASEAN", EntityKind::Group),
    ("Arab League", EntityKind::Group),
    ("OPEC", EntityKind::Group),
    ("IAEA", EntityKind::Group),
    ("ICC", EntityKind::Group),
    ("UNRWA", EntityKind::Group),
    ("UNHCR", EntityKind::Group),
    ("ECOWAS", EntityKind::Group),
    ("White House", EntityKind::Group),
    ("Pentagon", EntityKind::Group),
    ("State Department", EntityKind::Group),
    ("CIA", EntityKind::Group),
    ("Kremlin", EntityKind::Group),
    ("FSB", EntityKind::Group),
    ("IDF", EntityKind::Group),
    ("IRGC", EntityKind::Group),
    ("Islamic State", EntityKind::Group),
    ("ISIS", EntityKind::Group),
    ("ISIL", EntityKind::Group),
    ("Daesh", EntityKind::Group),
    ("al-Qaeda", EntityKind::Group),
    ("Al Qaeda", EntityKind::Group),
    ("Hezbollah", EntityKind::Group),
    ("Hamas", EntityKind::Group),
    ("Taliban", EntityKind::Group),
    ("Houthis", EntityKind::Group),
    ("Ansar Allah", EntityKind::Group),
    ("al-Shabaab", EntityKind::Group),
    ("Boko Haram", EntityKind::Group),
    ("Wagner Group", EntityKind::Group),
    ("PKK", EntityKind::Group),
    ("YPG", EntityKind::Group),
    ("SDF", EntityKind::Group),
    ("Syrian Democratic Forces", EntityKind::Group),
    ("Hayat Tahrir al-Sham", EntityKind::Group),
    ("HTS", EntityKind::Group),
    ("Free Syrian Army", EntityKind::Group),
    ("Rapid Support Forces", EntityKind::Group),
    ("Peshmerga", EntityKind::Group),
    ("Reuters", EntityKind::Group),
    // People.
    ("Vladimir Putin", EntityKind::Person),
    ("Putin", EntityKind::Person),
    ("Volodymyr Zelenskyy", EntityKind::Person),
    ("Zelensky", EntityKind::Person),
    ("Joe Biden", EntityKind::Person),
    ("Donald Trump", EntityKind::Person),
    ("Xi Jinping", EntityKind::Person),
    ("Recep Tayyip Erdoğan", EntityKind::Person),
    ("Erdogan", EntityKind::Person),
    ("Benjamin Netanyahu", EntityKind::Person),
    ("Netanyahu", EntityKind::Person),
    ("Bashar al-Assad", EntityKind::Person),
    ("Assad", EntityKind::Person),
    ("Mohammed bin Salman", EntityKind::Person),
    ("MBS", EntityKind::Person),
    ("Ali Khamenei", EntityKind::Person),
    ("Emmanuel Macron", EntityKind::Person),
    ("Olaf Scholz", EntityKind::Person),
    ("Narendra Modi", EntityKind::Person),
    ("Sergei Lavrov", EntityKind::Person),
    ("Lavrov", EntityKind::Person),
    ("Antony Blinken", EntityKind::Person),
    ("Blinken", EntityKind::Person),
    ("António Guterres", EntityKind::Person),
    ("Guterres", EntityKind::Person),
    ("Hassan Nasrallah", EntityKind::Person),
    ("Yahya Sinwar", EntityKind::Person),
    ("Abu Bakr al-Baghdadi", EntityKind::Person),
    ("Osama bin Laden", EntityKind::Person),
    ("Ahmed al-Sharaa", EntityKind::Person),
    ("Abu Mohammad al-Julani", EntityKind::Person),
    ("Hemedti", EntityKind::Person),
    ("Abdel Fattah al-Burhan", EntityKind::Person),
    ("Khalifa Haftar", EntityKind::Person),
    ("Hakan Fidan", EntityKind::Person),
    ("Abdullah Öcalan", EntityKind::Person),
    ("Mazloum Abdi", EntityKind::Person),
    ("Yevgeny Prigozhin", EntityKind::Person),
    ("Kim Jong Un", EntityKind::Person),
    ("Geir Pedersen", EntityKind::Person),
];

#[test]
fn coverage_names_resolve_to_the_right_kind() {
    let gaz = builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let mut failures = Vec::new();
    for (name, kind) in COVERAGE {
        let found: Vec<_> = matcher.find_iter(name).collect();
        let whole = found.len() == 1 && found[0].span().len() == name.len();
        let got = found.first().map(|m| gaz.get(m.entity()).unwrap().kind());
        if !whole || got != Some(*kind) {
            failures.push(format!("{name}: {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} names unresolved: {:#?}",
        failures.len(),
        COVERAGE.len(),
        failures
    );
}

/// Sentences naming local places of Australia, New Zealand and the Pacific islands
/// (gazetteers/local-oceania.tsv), with an id that must or must not be among the mentions.
/// Names shared with English words or places elsewhere count only in a story that names the
/// place's country.
const OCEANIA_CASES: &[(&str, &str, bool)] = &[
    ("Police in Wagga Wagga arrested two men.", "wagga_wagga", true),
    ("Asylum seekers at Woomera staged a hunger strike.", "woomera", true),
    ("The mine at Mount Isa cut 300 jobs.", "mount_isa", true),
    ("Floods cut off Lismore in northern New South Wales.", "lismore_australia", true),
    ("The council in Orange, New South Wales, approved the plan.", "orange_australia", true),
    ("Orange growers in Spain expect a poor harvest.", "orange_australia", false),
    ("Newcastle beat Sunderland in the north of England.", "newcastle_australia", false),
    ("Bushfires threatened homes near Newcastle, north of Sydney.", "newcastle_australia", true),
    ("Tourists returned to Queenstown after snow closed New Zealand roads.", "queenstown_nz", true),
    ("Former rebels met in Arawa, on Bougainville.", "arawa", true),
    ("The ferry left Honiara for Auki on Malaita.", "auki", true),
    ("A navy ship docked at Devonport in Tasmania.", "devonport_tasmania", true),
    ("A navy ship docked at Devonport in Auckland.", "devonport_auckland", true),
];

#[test]
fn oceania_local_places_resolve() {
    let gaz = builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let mut failures = Vec::new();
    for &(text, id, expected) in OCEANIA_CASES {
        let ids: Vec<&str> =
            matcher.find_all(text).iter().map(|m| gaz.get(m.entity()).unwrap().id()).collect();
        if ids.contains(&id) != expected {
            failures.push(format!("{text:?}: expected {id} {expected}, found {ids:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Sentences naming small towns and suburbs of gazetteers/local-australia.tsv, with ids that
/// must be found and ids that must not: names that are surnames, clubs' and universities' names
/// or places elsewhere never give the Australian locality by their bare name. Written for this
/// test.
const AUSTRALIA_LOCAL: &[(&str, &[&str], &[&str])] = &[
    ("Fire crews defended homes at Hill Top and Appin overnight.", &["hill_top", "appin"], &[]),
    ("Residents of Cranebrook and Bulli were told to leave.", &["cranebrook", "bulli"], &[]),
    ("A tree fell on a car at Landsborough.", &["landsborough"], &[]),
    ("Kambah and Wanniassa lost power in Canberra.", &["kambah", "wanniassa"], &[]),
];

/// Names of Australian localities that are also clubs, universities, people or places
/// elsewhere: the only Australian places found in each sentence are the ones listed.
const AUSTRALIA_LOCAL_TRAPS: &[(&str, &[&str])] = &[
    ("Essendon beat Collingwood in Melbourne.", &["melbourne"]),
    ("Murdoch said the newspaper would be sold.", &[]),
    ("Deakin University opened a campus in Geelong.", &["geelong"]),
    ("The Toronto Raptors won in Toronto.", &[]),
    ("Police in Beverly Hills, California, made an arrest.", &[]),
    ("Lyons and Curtin spoke to Downer in Paddington.", &[]),
];

#[test]
fn australian_small_localities_resolve() {
    resolve_sentences(AUSTRALIA_LOCAL);
    let gaz = builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let mut failures = Vec::new();
    for (text, allowed) in AUSTRALIA_LOCAL_TRAPS {
        let found: Vec<&str> = matcher
            .find_all(text)
            .iter()
            .map(|m| gaz.get(m.entity()).unwrap())
            .filter(|e| e.kind() == EntityKind::Place && e.country_id() == Some("AUS"))
            .map(|e| e.id())
            .collect();
        if found.iter().any(|id| !allowed.contains(id)) {
            failures.push(format!("{text}: found {found:?}, allowed {allowed:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A titled surname, with no full name before it, is the person who held that office in the
/// document's year (ministers-world.tsv), and nobody when no one of that name held it then.
#[test]
fn world_ministers_resolve_by_date() {
    let gaz = builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let cases: &[(&str, i32, Option<&str>)] = &[
        ("Foreign Minister Levy met the envoy.", 1991, Some("david_levy")),
        ("Foreign Minister Levy met the envoy.", 1997, Some("david_levy")),
        ("Foreign Minister Levy met the envoy.", 1994, None),
        ("Interior Minister Deri signed the order.", 1990, Some("aryeh_deri")),
        ("Interior Minister Deri signed the order.", 2018, Some("aryeh_deri")),
        ("Defence Minister Mordechai visited the base.", 1997, Some("yitzhak_mordechai")),
        ("Defence Minister Ben-Eliezer visited the base.", 2002, Some("binyamin_ben_eliezer")),
        ("Foreign Minister Shaath said talks would resume.", 2004, Some("nabil_shaath")),
        ("Defence Minister Turkmani arrived in Tehran.", 2006, Some("hassan_turkmani")),
        ("Interior Minister Kanaan arrived in Beirut.", 2005, Some("ghazi_kanaan")),
        ("Foreign Minister Kadirgamar warned the rebels.", 1999, Some("lakshman_kadirgamar")),
        ("Foreign Minister Kadirgamar warned the rebels.", 2002, None),
        ("Finance Minister Manuel presented the budget.", 2000, Some("trevor_manuel")),
        ("Finance Minister Mantega presented the budget.", 2010, Some("guido_mantega")),
        ("Foreign Minister Castañeda flew to Havana.", 2001, Some("jorge_castaneda")),
        ("Defence Minister Kabarebe toured the border.", 2012, Some("james_kabarebe")),
    ];
    let mut failures = Vec::new();
    for &(text, year, want) in cases {
        let found = matcher.find_all_in_year(text, Some(year));
        let got = found
            .iter()
            .map(|m| gaz.get(m.entity()).unwrap())
            .find(|e| e.kind() == EntityKind::Person)
            .map(|e| e.id());
        if got != want {
            failures.push(format!("{text} in {year}: {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Sentences naming places of gazetteers/local-world.tsv, each with ids that must be found and
/// ids that must not. Written for this test.
const WORLD_LOCAL: &[(&str, &[&str], &[&str])] = &[
    ("Police in Omagh and Enniskillen made arrests.", &["omagh", "enniskillen"], &[]),
    ("Troops from Fort Bragg and Camp Lejeune deployed.", &["fort_bragg", "camp_lejeune"], &[]),
    ("Britain sent pumps to Reading after the floods.", &["GBR", "reading_england"], &[]),
    ("Reading the report, the minister frowned.", &[], &["reading_england"]),
    ("Canada's mayors met in Hamilton on Monday.", &["CAN", "hamilton_ontario"], &[]),
    ("Hamilton won the race on Sunday.", &[], &["hamilton_ontario"]),
    ("Canadian officials in Kingston praised the plan.", &["kingston_ontario"], &["kingston"]),
    ("Jamaican police in Kingston made arrests.", &["kingston"], &["kingston_ontario"]),
    ("An attack in Pulwama killed Indian soldiers.", &["pulwama", "IND"], &[]),
    ("Floods hit Thane and Navi Mumbai.", &["thane", "navi_mumbai"], &[]),
    ("Shoppers in Sandton and Khayelitsha queued.", &["sandton", "khayelitsha"], &[]),
    ("Factories in Shantou and Wenzhou closed.", &["shantou", "wenzhou"], &[]),
    (
        "Protests spread from Austin, Texas, to Columbus, Ohio.",
        &["austin_texas", "columbus_ohio"],
        &[],
    ),
];

#[test]
fn world_local_places_resolve() {
    resolve_sentences(WORLD_LOCAL);
}

/// Sentences naming people of gazetteers/figures.tsv, each with ids that must be found and ids
/// that must not. Written for this test.
const FIGURES: &[(&str, &[&str], &[&str])] = &[
    ("John McCain and Joe Lieberman visited Baghdad.", &["john_mccain", "joe_lieberman"], &[]),
    ("Ross Perot spoke in Dallas.", &["ross_perot"], &[]),
    ("Senator Ted Kennedy met Bernie Sanders.", &["ted_kennedy", "bernie_sanders"], &[]),
    ("Rudolph Giuliani praised the police.", &["rudolph_giuliani"], &[]),
    ("Alexandria Ocasio-Cortez criticised the bill.", &["alexandria_ocasio_cortez"], &[]),
    ("Amanda Vanstone defended the detention policy.", &["amanda_vanstone"], &[]),
    ("Democrats leader Natasha Stott Despoja replied.", &["natasha_stott_despoja"], &[]),
    ("Greens leader Bob Brown and Pauline Hanson clashed.", &["bob_brown", "pauline_hanson"], &[]),
    ("Michael Wooldridge announced hospital funding.", &["michael_wooldridge"], &[]),
    ("Cheryl Kernot joined the Labor Party.", &["cheryl_kernot"], &[]),
    ("Kerry Chikarovski attacked Bob Carr.", &["kerry_chikarovski", "bob_carr"], &[]),
    ("Winston Peters and Helen Clark met.", &["winston_peters"], &[]),
    ("Jeanette Fitzsimons spoke for the Greens.", &["jeanette_fitzsimons"], &[]),
    ("John Prescott and Mo Mowlam arrived in Belfast.", &["john_prescott", "mo_mowlam"], &[]),
    ("Nicola Sturgeon and Alex Salmond disagreed.", &["nicola_sturgeon", "alex_salmond"], &[]),
    ("Gerry Adams and David Trimble met in Stormont.", &["gerry_adams", "david_trimble"], &[]),
    ("Nigel Farage campaigned with Paddy Ashdown.", &["nigel_farage", "paddy_ashdown"], &[]),
    ("Ségolène Royal lost to Nicolas Sarkozy.", &["segolene_royal"], &[]),
    ("Segolene Royal spoke in Paris.", &["segolene_royal"], &[]),
    ("Jean-Marie Le Pen reached the second round.", &["jean_marie_le_pen"], &[]),
    ("Ko Wen-je and Hou Yu-ih debated in Taipei.", &["ko_wen_je", "hou_yu_ih"], &[]),
    ("Ngozi Okonjo-Iweala warned about tariffs.", &["ngozi_okonjo_iweala"], &[]),
    ("James Wolfensohn visited Jakarta.", &["james_wolfensohn"], &[]),
    ("Sepp Blatter and Michel Platini were suspended.", &["sepp_blatter", "michel_platini"], &[]),
    ("Jacques Rogge opened the Games.", &["jacques_rogge"], &[]),
    ("Prince William and Prince Harry attended.", &["prince_william", "prince_harry"], &[]),
    ("Kate Middleton married in 2011.", &["catherine_princess_of_wales"], &[]),
    ("Princess Diana died in Paris.", &["diana_princess_of_wales"], &[]),
    ("Queen Rania spoke in Amman.", &["queen_rania"], &[]),
    ("The Dalai Lama visited Dharamsala.", &["dalai_lama"], &[]),
    ("Patriarch Kirill blessed the troops.", &["patriarch_kirill"], &[]),
    ("Archbishop George Pell addressed the faithful.", &["george_pell"], &[]),
    ("Rowan Williams and Jonathan Sacks met.", &["rowan_williams", "jonathan_sacks"], &[]),
    // A bare surname is not a name of its own.
    ("Brown said the vote was close.", &[], &["bob_brown"]),
    ("Warren said the bill would pass.", &[], &["elizabeth_warren"]),
];

#[test]
fn figures_resolve() {
    resolve_sentences(FIGURES);
}

/// Sport, universities and civil society (gazetteers/sport-civic.tsv): sentences and the ids
/// they must (and must not) give. Bare nicknames that are common words stay out; shared ones
/// ("Broncos") follow the state the story names.
const SPORT_CIVIC: &[(&str, &[&str], &[&str])] = &[
    ("The Wallabies beat the All Blacks in Sydney.", &["wallabies", "all_blacks", "sydney"], &[]),
    ("The Proteas and the Black Caps drew the Test.", &["proteas", "black_caps"], &[]),
    ("The Socceroos and the Matildas both qualified.", &["socceroos", "matildas"], &[]),
    // Short forms of states in sports and regional news.
    ("He abused the Kiwi batsman.", &["NZL"], &[]),
    ("An election in the Solomons is crucial.", &["SLB"], &[]),
    (
        "The Springboks toured with the British & Irish Lions.",
        &["springboks", "british_and_irish_lions"],
        &[],
    ),
    (
        "The Sydney Swans lost to the Brisbane Lions.",
        &["sydney_swans", "brisbane_lions"],
        &["sydney", "brisbane"],
    ),
    ("The Swans won the AFL grand final.", &["sydney_swans", "australian_football_league"], &[]),
    ("Two swans glided across the lake.", &[], &["sydney_swans"]),
    ("The Lions roared at the zoo.", &[], &["brisbane_lions", "british_and_irish_lions"]),
    ("The NRL fined the Melbourne Storm.", &["national_rugby_league", "melbourne_storm"], &[]),
    (
        "In Australia, the Broncos beat the Raiders.",
        &["AUS", "brisbane_broncos", "canberra_raiders"],
        &["denver_broncos"],
    ),
    (
        "In the United States, the Broncos beat the Chiefs.",
        &["USA", "denver_broncos"],
        &["brisbane_broncos"],
    ),
    ("Manchester United drew with Liverpool FC.", &["manchester_united", "liverpool_fc"], &[]),
    ("Fans marched through Liverpool.", &["liverpool"], &["liverpool_fc"]),
    (
        "FC Barcelona and Real Madrid meet in Barcelona.",
        &["fc_barcelona", "real_madrid", "barcelona"],
        &[],
    ),
    ("Bayern Munich signed a Juventus striker.", &["bayern_munich", "juventus"], &[]),
    ("Paris Saint-Germain complained to UEFA.", &["paris_saint_germain", "uefa"], &[]),
    (
        "The Los Angeles Lakers and the New York Yankees lost.",
        &["los_angeles_lakers", "new_york_yankees"],
        &[],
    ),
    ("Cricket Australia and the BCCI signed a deal.", &["cricket_australia", "bcci"], &[]),
    (
        "World Athletics and World Rugby changed the rules.",
        &["world_athletics", "world_rugby"],
        &[],
    ),
    (
        "Researchers at the ANU and Monash University agreed.",
        &["australian_national_university", "monash_university"],
        &[],
    ),
    (
        "Sydney University and UNSW raised fees.",
        &["university_of_sydney", "university_of_new_south_wales"],
        &["sydney"],
    ),
    (
        "A study by Harvard and MIT was cited.",
        &["harvard_university", "massachusetts_institute_of_technology"],
        &[],
    ),
    (
        "Oxford University and Tsinghua University signed a pact.",
        &["university_of_oxford", "tsinghua_university"],
        &[],
    ),
    (
        "The ACTU and the AWU backed the CFMEU.",
        &[
            "australian_council_of_trade_unions",
            "australian_workers_union",
            "construction_forestry_mining_and_energy_union",
        ],
        &[],
    ),
    (
        "The Business Council of Australia criticised the plan.",
        &["business_council_of_australia"],
        &[],
    ),
    (
        "The TUC and the AFL-CIO called a strike.",
        &["trades_union_congress", "afl_cio"],
        &["australian_football_league"],
    ),
    ("The choir sang in unison.", &[], &["unison_union"]),
    (
        "The Australian Red Cross and the Salvation Army sent aid.",
        &["australian_red_cross", "salvation_army"],
        &["icrc"],
    ),
    ("The Turkish Red Crescent sent tents.", &["turkish_red_crescent"], &["TUR"]),
    (
        "The Uniting Church and the Anglican Church of Australia objected.",
        &["uniting_church_in_australia", "anglican_church_of_australia"],
        &[],
    ),
    (
        "The Church of England and the Catholic Church met.",
        &["church_of_england", "catholic_church"],
        &[],
    ),
    (
        "The Lowy Institute and the Grattan Institute disagreed.",
        &["lowy_institute", "grattan_institute"],
        &[],
    ),
    ("A Lifeline for the industry was announced.", &[], &["lifeline_australia"]),
    (
        "Patients were moved to Royal Prince Alfred Hospital.",
        &["royal_prince_alfred_hospital"],
        &[],
    ),
];

#[test]
fn sport_and_civic_bodies_resolve() {
    resolve_sentences(SPORT_CIVIC);
}

/// Sentences naming companies and media of gazetteers/companies.tsv, each with ids that must be
/// found and ids that must not. Written for this test.
const COMPANIES: &[(&str, &[&str], &[&str])] = &[
    (
        "Ansett collapsed, leaving Qantas and Virgin Blue to fly the routes.",
        &["ansett_australia", "qantas", "virgin_blue"],
        &[],
    ),
    (
        "Australia's transport minister said Virgin would add flights to Brisbane.",
        &["AUS", "virgin_blue"],
        &["virgin_group"],
    ),
    (
        "Britain's regulator said Virgin would sell its rail arm.",
        &["virgin_group"],
        &["virgin_blue"],
    ),
    ("Loggers cleared virgin forest in Tasmania.", &[], &["virgin_group", "virgin_blue"]),
    (
        "Westpac, ANZ, the National Australia Bank and the Commonwealth Bank cut rates.",
        &[
            "westpac_banking_corporation",
            "australia_and_new_zealand_banking_group",
            "national_australia_bank",
            "commonwealth_bank_of_australia",
        ],
        &[],
    ),
    ("Energex and Ergon Energy restored power in Queensland.", &["energex", "ergon_energy"], &[]),
    ("HIH Insurance and One.Tel collapsed in 2001.", &["hih_insurance", "one_tel"], &[]),
    (
        "Enron, WorldCom and Arthur Andersen faced the investigators.",
        &["enron", "worldcom", "arthur_andersen"],
        &[],
    ),
    ("Phillips Petroleum agreed to merge with Conoco.", &["phillips_petroleum", "conoco"], &[]),
    (
        "Channel Seven and the Nine Network bid for the rights, but Network Ten did not.",
        &["seven_network", "nine_network", "network_ten"],
        &[],
    ),
    ("Seven people died and Nine were hurt.", &[], &["seven_network", "nine_network"]),
    ("The story ran in the News of the World on Sunday.", &["news_of_the_world"], &[]),
    ("Sydney's Daily Telegraph ran the photographs.", &["daily_telegraph_sydney"], &[]),
    ("Swissair and Sabena were grounded within weeks.", &["swissair", "sabena"], &[]),
    ("Pan Am and TWA once flew the route.", &["pan_am", "twa"], &[]),
    (
        "Santos Limited and Woodside Petroleum found gas off Darwin.",
        &["santos_limited", "woodside_petroleum"],
        &[],
    ),
    ("Santos scored twice for Brazil.", &[], &["santos_limited"]),
    ("Macquarie Bank advised Telstra on the sale.", &["macquarie_bank", "telstra"], &[]),
    ("Shares in Compaq and Hewlett-Packard rose.", &["compaq", "hewlett_packard"], &[]),
    ("Target Corporation cut jobs.", &["target_corporation"], &[]),
    ("The Target was hit twice.", &[], &["target_corporation"]),
    ("IndiGo ordered more Airbus jets.", &["indigo_airlines", "airbus"], &[]),
    ("Indigo dye prices rose.", &[], &["indigo_airlines"]),
    ("DuPont sold its nylon unit.", &["dupont"], &[]),
    ("Dupont scored for France.", &[], &["dupont"]),
    ("Tyco leads the race ahead of Assa Abloy.", &[], &["tyco_international"]),
    ("MacGill took five wickets at the SCG.", &[], &["siam_cement"]),
    ("Holden cut jobs in Adelaide.", &["holden"], &[]),
    ("Air New Zealand owned half of Ansett.", &["air_new_zealand", "ansett_australia"], &[]),
    ("Snowy Hydro and Hydro Tasmania sell power.", &["snowy_hydro", "hydro_tasmania"], &[]),
    ("Volvo and Saab Automobile cut output.", &["volvo", "saab_automobile"], &[]),
    ("The Sandline affair shook the government.", &["sandline_international"], &[]),
    ("Halkbank was charged in New York.", &["halkbank"], &[]),
    ("Odebrecht admitted paying bribes in Peru.", &["odebrecht", "PER"], &[]),
    ("Kenya Airways and Safaricom reported profits.", &["kenya_airways", "safaricom"], &[]),
];

#[test]
fn companies_resolve() {
    resolve_sentences(COMPANIES);
}

/// Sentences naming central bankers, heads of financial bodies and finance ministers of
/// gazetteers/economy.tsv, each with ids that must be found and ids that must not. Written for
/// this test.
const ECONOMY: &[(&str, &[&str], &[&str])] = &[
    ("Alan Greenspan and Ben Bernanke testified.", &["alan_greenspan", "ben_bernanke"], &[]),
    ("Greenspan kept rates on hold.", &["alan_greenspan"], &[]),
    ("Jerome Powell spoke after Paul Volcker.", &["jerome_powell", "paul_volcker"], &[]),
    (
        "The New York Fed was led by William McDonough.",
        &["federal_reserve_bank_of_new_york", "william_mcdonough"],
        &[],
    ),
    (
        "Mervyn King and Eddie George ran the Bank of England.",
        &["mervyn_king", "eddie_george", "bank_of_england"],
        &[],
    ),
    (
        "Haruhiko Kuroda of the Bank of Japan met Zhou Xiaochuan.",
        &["haruhiko_kuroda", "bank_of_japan", "zhou_xiaochuan"],
        &[],
    ),
    (
        "Hans Tietmeyer and Karl Otto Poehl led the Bundesbank.",
        &["hans_tietmeyer", "karl_otto_pohl", "bundesbank"],
        &[],
    ),
    (
        "Raghuram Rajan left the Reserve Bank of India.",
        &["raghuram_rajan", "reserve_bank_of_india"],
        &[],
    ),
    ("Elvira Nabiullina raised rates.", &["elvira_nabiullina"], &[]),
    (
        "The Swiss National Bank and the Riksbank cut rates.",
        &["swiss_national_bank", "sveriges_riksbank"],
        &[],
    ),
    (
        "Norges Bank and Danmarks Nationalbank followed.",
        &["norges_bank", "danmarks_nationalbank"],
        &[],
    ),
    (
        "Bank Negara Malaysia and the Bank of Thailand intervened.",
        &["bank_negara_malaysia", "bank_of_thailand"],
        &[],
    ),
    ("Zeti Akhtar Aziz spoke in Kuala Lumpur.", &["zeti_akhtar_aziz"], &[]),
    (
        "Adrian Orr and Alan Bollard ran the Reserve Bank of New Zealand.",
        &["adrian_orr", "alan_bollard", "reserve_bank_of_new_zealand"],
        &[],
    ),
    ("Stanley Fischer left the Bank of Israel.", &["stanley_fischer", "bank_of_israel"], &[]),
    ("Arthur Dunkel led the GATT talks.", &["arthur_dunkel", "gatt"], &[]),
    (
        "Jacques de Larosiere and Alexandre Lamfalussy met.",
        &["jacques_de_larosiere", "alexandre_lamfalussy"],
        &[],
    ),
    ("Donald Kaberuka and Enrique Iglesias signed.", &["donald_kaberuka", "enrique_iglesias"], &[]),
    ("Nigel Lawson and Donald Regan met in 1985.", &["nigel_lawson", "donald_regan"], &[]),
    (
        "Leszek Balcerowicz headed the National Bank of Poland.",
        &["leszek_balcerowicz", "national_bank_of_poland"],
        &[],
    ),
    ("Sanusi Lamido Sanusi was removed.", &["sanusi_lamido_sanusi"], &[]),
    // Shared or common names are no names of these people on their own.
    ("Powell said the war was over.", &[], &["jerome_powell"]),
    ("King said the vote was close.", &[], &["mervyn_king"]),
    ("Amitav Ghosh wrote a novel.", &[], &["amitav_ghosh_rbi"]),
];

#[test]
fn economy_resolves() {
    resolve_sentences(ECONOMY);
}

/// Checks a table of sentences, the ids each must give and the ids it must not.
fn resolve_sentences(table: &[(&str, &[&str], &[&str])]) {
    let gaz = builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let mut failures = Vec::new();
    for (text, present, absent) in table {
        let ids: Vec<&str> =
            matcher.find_all(text).iter().map(|m| gaz.get(m.entity()).unwrap().id()).collect();
        let missing: Vec<_> = present.iter().filter(|id| !ids.contains(id)).collect();
        let extra: Vec<_> = absent.iter().filter(|id| ids.contains(id)).collect();
        if !missing.is_empty() || !extra.is_empty() {
            failures
                .push(format!("{text}: found {ids:?}, missing {missing:?}, unwanted {extra:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// States that no longer exist, and the names two of them bore, resolved by the document's
/// date (gazetteers/historical-states.tsv); renamed states are the state under its new name.
#[test]
fn historical_states_resolve_by_date() {
    let gaz = builtin();
    let matcher = Matcher::new(&gaz).unwrap();
    let cases: &[(&str, Option<i32>, &[&str])] = &[
        ("Yugoslavia and Hungary signed the accord.", Some(1985), &["YUG", "HUN"]),
        ("Yugoslavia and Hungary signed the accord.", Some(1999), &["fr_yugoslavia", "HUN"]),
        // Without a date the name goes to its owner, the socialist federation.
        ("Yugoslavia and Hungary signed the accord.", None, &["YUG", "HUN"]),
        ("Yugoslav troops crossed the border.", Some(1998), &["fr_yugoslavia"]),
        ("The Soviet Union and East Germany protested.", Some(1961), &["SUN", "DDR"]),
        ("Soviet tanks entered Prague, Czechoslovakia.", Some(1968), &["SUN", "prague", "CSK"]),
        ("Mobutu ruled Zaire for three decades.", Some(1990), &["mobutu_sese_seko", "COD"]),
        ("The Rhodesian army raided Zambia.", Some(1978), &["rhodesia", "ZMB"]),
        ("Serbia and Montenegro became two states.", Some(2006), &["SCG"]),
        ("A Ceylon delegation met Kampuchea's envoy.", Some(1979), &["LKA", "KHM"]),
        // A year rules nothing out for a shared name whose candidates have no years: it
        // still needs its context ("Scarborough" is a town in England only near Britain).
        ("Boats circled Scarborough again.", Some(2025), &[]),
        (
            "Scarborough is a town on the British coast.",
            Some(2025),
            &["scarborough_england", "GBR"],
        ),
    ];
    let mut failures = Vec::new();
    for &(text, year, want) in cases {
        let found = matcher.find_all_in_year(text, year);
        let got: Vec<&str> = found.iter().map(|m| gaz.get(m.entity()).unwrap().id()).collect();
        if got != want {
            failures.push(format!("{text} in {year:?}: {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
