//! Discovery: proposing actors that the gazetteer does not have.
//!
//! A dictionary only finds what it lists. With discovery on, capitalised name sequences that
//! come with a cue become candidates: a person after a title ("Gen. Omar Haddad"), before or
//! after "said", after "according to", in a byline, or before an apposition ("Omar Haddad, a
//! spokesman"); a group when the name ends in an organisation word ("... Salvation Front",
//! "... Policy Institute") or is followed by its acronym in parentheses ("(NSF)"), which then
//! counts as a mention too; a place when words introduce it ("the town of ...", "the
//! settlements of ... and ...", "... south of ..."). A discovered person's bare surname later
//! in the same text is also a mention. Candidates never overlap gazetteer mentions and are always marked as
//! discovered downstream.

use crate::gazetteer::EntityKind;
use crate::lexicon::{OPENERS, is_given_name};
use crate::matcher::Mention;
use crate::matcher::acronyms::abbreviates;
use crate::matcher::names::is_ordinary;
use crate::span::{Coverage, Span};
use aho_corasick::{AhoCorasick, MatchKind};

/// Titles that introduce a person's name.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "President", "Minister", "Mr", "Mrs", "Ms", "Dr", "Gen", "General", "Sen", "Senator", "Rep",
    "Gov", "Governor", "Col", "Colonel", "Lt", "Sgt", "Capt", "Captain", "Adm", "Admiral", "Prof",
    "Professor", "Secretary", "Ambassador", "Commander", "Sheikh", "Prince", "King", "Queen",
    "Chancellor", "Premier", "Mayor", "Judge", "Envoy", "Spokesman", "Spokeswoman", "Maj", "Major",
    "Brig", "Imam", "Ayatollah", "Mullah", "Emir", "Deputy", "spokesman", "spokeswoman", "envoy",
    "commander", "analyst", "researcher", "leader", "official", "activist", "lawmaker", "cleric",
    "Skipper", "skipper", "Doctor", "Sir", "Dame", "Congressman", "Congresswoman", "Assemblyman",
    "Assemblywoman", "Councilman", "Councilwoman", "Councillor", "Alderman",
];

/// Lower-case role nouns that, right before a capitalised name, make it a person's: "former
/// champion Kieren Perkins", "director Georg Hoedle", "paceman Brett Lee". (Titles that are
/// also written capitalised before names are in [`TITLES`].)
#[rustfmt::skip]
const ROLE_NOUNS: &[&str] = &[
    "director", "champion", "coach", "captain", "chairman", "chairwoman", "treasurer",
    "professor", "prosecutor", "lawyer", "barrister", "solicitor", "counsel", "manager",
    "economist", "delegate", "editor", "reporter", "correspondent", "sergeant", "constable",
    "inspector", "detective", "superintendent", "executive", "batsman", "bowler", "spinner",
    "paceman", "all-rounder", "wicketkeeper", "striker", "midfielder", "goalkeeper", "jockey",
    "swimmer", "sprinter", "golfer", "cyclist", "sailor", "yachtsman", "singer", "actor",
    "actress", "novelist", "poet", "composer", "musician", "guitarist", "businessman",
    "businesswoman", "entrepreneur", "tycoon", "priest", "pastor", "rabbi", "bishop", "hero",
    "veteran", "astronaut", "coroner", "magistrate", "ambassador", "diplomat", "negotiator",
    "mediator", "gunman", "defendant", "dispatcher", "secretary", "premier", "senator",
];

/// Honorifics that, before a lone capitalised word, make it a person's surname ("Mr Blake").
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Dr"];

/// Titles that may stand inside a longer run, after the body or portfolio they belong to:
/// "Science Minister", "Rural Fire Service Commissioner", "Opposition Leader".
#[rustfmt::skip]
const INNER_TITLES: &[&str] = &[
    "Commissioner", "Chairman", "Chairwoman", "Director", "Leader", "Treasurer", "Inspector",
    "Superintendent", "Constable", "Detective", "Sergeant", "Coach", "Bishop", "Archbishop",
    "Cardinal", "Reverend", "Spokesperson", "Attorney-General", "Solicitor-General", "Justice",
    "Magistrate", "Coroner", "Officer", "Executive", "Manager", "Secretary-General",
    "Administrator",
];

/// Returns true if `word` is a title, before a name or inside a longer run.
fn is_title(word: &str) -> bool {
    TITLES.contains(&word) || INNER_TITLES.contains(&word)
}

/// Words that modify a title: "Foreign Minister", "Deputy Prime Minister".
#[rustfmt::skip]
const TITLE_MODIFIERS: &[&str] = &[
    "Foreign", "Defence", "Defense", "Interior", "Finance", "Prime", "Vice", "Deputy", "Chief",
    "Supreme", "Senior", "Former", "Army", "Military", "State", "Crown", "Grand", "Acting",
    "Shadow",
];

/// Letters after a name that are no part of it: "Terence Cole QC", "Bob Brown MP".
#[rustfmt::skip]
const POST_NOMINALS: &[&str] = &[
    "QC", "KC", "SC", "MP", "MLA", "MLC", "MHR", "OBE", "MBE", "CBE", "KBE", "AO", "AC", "PhD",
];

/// Words after a name and a comma that make it a person: "Omar Haddad, a spokesman".
#[rustfmt::skip]
const APPOSITIONS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "researcher", "analyst", "official", "commander",
    "professor", "fellow", "director", "adviser", "advisor", "lawmaker", "diplomat", "minister",
    "senior", "former", "general", "colonel", "leader", "member", "founder", "head", "chief",
    "journalist", "reporter", "activist", "resident", "doctor", "lawyer", "economist", "scholar",
    "skipper", "captain", "coach", "owner", "chairman", "chairwoman", "president", "manager",
    "secretary", "treasurer", "candidate", "councillor", "senator", "premier", "mayor", "officer",
    "inspector", "detective", "forecaster", "scientist", "expert", "lecturer", "author", "writer",
    "artist", "photographer", "actor", "singer", "priest", "bishop", "executive", "prosecutor",
    "negotiator", "father", "mother", "wife", "husband", "son", "daughter", "brother", "sister",
    "widow", "player", "batsman", "bowler", "driver", "pilot", "teacher", "student", "farmer",
    "victim", "survivor", "chief", "deputy", "veteran", "colleague", "partner", "nephew", "niece",
];

/// Months as datelines abbreviate them: "CAIRO, Jan. 20".
const MONTHS: &[&str] =
    &["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"];

/// Facilities whose name may run on into the name of someone working there: "Logan
/// International Airport Tom Kinton".
const FACILITY_WORDS: &[&str] = &["Airport", "Centre", "Center", "Station", "Office", "Hospital"];

/// Last words that make a capitalised sequence an organisation.
#[rustfmt::skip]
const ORGANISATION_WORDS: &[&str] = &[
    "Party", "Front", "Council", "Institute", "Army", "Committee", "Movement", "Brigade",
    "Brigades", "Forces", "Union", "Alliance", "Organization", "Organisation", "Coalition",
    "Network", "League", "Association", "Commission", "Corps", "Guard", "Guards", "Foundation",
    "Observatory", "Battalion", "Battalions", "Militia", "Group", "Federation", "Agency",
    "Bureau", "Society", "Trust", "Initiative", "Assembly", "Congress", "Authority", "Service",
    "Services", "Bank", "Corporation", "University", "College", "Department", "Ministry", "Board",
    "Tribunal", "Hospital", "Club", "Company", "Police", "Airlines", "Airways", "Technologies",
    "Industries", "Holdings", "Enterprises", "Limited", "Ltd", "Inc", "Corp", "Pharmaceuticals",
    "Laboratories", "Consortium", "Cooperative", "Secretariat", "Directorate", "Inspectorate",
    "Regiment", "Squadron", "Command",
];

/// Last words of the names of natural features, which are places: "Finke River", "White
/// Mountains", "Saxeten River Gorge", "Dismal Swamp".
#[rustfmt::skip]
const FEATURE_ENDS: &[&str] = &[
    "River", "Creek", "Mountains", "Range", "Ranges", "Gorge", "Valley", "Island", "Islands",
    "Peninsula", "Desert", "Sea", "Strait", "Straits", "Gulf", "Reef", "Swamp", "Bay", "Plateau",
    "Glacier", "Basin", "Archipelago", "Lagoon", "Plains", "Highlands", "Delta", "Canyon",
    "Estuary", "Atoll",
];

/// First words of the names of natural features: "Lake Bonney", "Mount Kosciuszko".
const FEATURE_STARTS: &[&str] = &["Lake", "Mount", "Mt", "Cape"];

/// First words of the names of events, anniversaries and laws, which are no actors even when
/// they end in an organisation word: "Centenary of Federation", "Year of the Police".
#[rustfmt::skip]
const EVENT_WORDS: &[&str] = &[
    "Centenary", "Centennial", "Bicentenary", "Anniversary", "Jubilee", "Festival", "Year",
    "Week", "Day", "Battle", "Siege", "Treaty", "Convention", "Charter",
];

/// Lower-case nouns that introduce an organisation's name right after them: "accountancy firm
/// Ernst and Young", "PR company Jour J", "the relief agency Muslim Hands".
#[rustfmt::skip]
const ORGANISATION_NOUNS: &[&str] = &[
    "company", "firm", "agency", "airline", "insurer", "broadcaster", "charity",
    "organisation", "organization", "newspaper", "magazine", "manufacturer", "retailer",
    "consortium", "miner", "publisher", "broker", "conglomerate", "subsidiary", "supermarket",
    "chain", "maker", "watchdog", "lobby", "think-tank",
];

/// Lower-case words that introduce a place's name.
#[rustfmt::skip]
const PLACE_INTRODUCERS: &[&str] = &[
    "town of", "towns of", "village of", "villages of", "settlement of", "settlements of",
    "suburb of", "suburbs of", "township of", "community of", "hamlet of", "outpost of",
];

/// Directions that, followed by "of", place a name: "Gunning, south of Goulburn".
#[rustfmt::skip]
const DIRECTIONS: &[&str] = &[
    "north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west",
    "northeast", "northwest", "southeast", "southwest",
];

/// Last words that make a state or place before them a body of it: "Queensland Government".
const BODY_WORDS: &[&str] = &["Government", "Parliament", "Cabinet"];

/// Last words of places, prizes and events that open with a given name ("Alice Springs",
/// "Phillip Island", "Davis Cup").
#[rustfmt::skip]
const NOT_PERSON_ENDS: &[&str] = &[
    "Springs", "Island", "Islands", "Beach", "Creek", "Park", "Heights", "Hills", "Hill",
    "Mountains", "Mountain", "Range", "Road", "Street", "Avenue", "Point", "Falls", "Harbour",
    "Bridge", "River", "Lake", "Bay", "Gulf", "Coast", "Cup", "Shield", "Trophy", "Award", "Prize",
    "Medal", "Stakes", "Oval", "Stadium", "Arena", "Square", "Memorial", "Cathedral", "Church",
    "Line", "Plan", "Report", "Act", "Doctrine", "Peninsula", "Sound", "Reef", "Gardens",
    "Scholarship", "Fellowship", "Lecture",
];

/// Lower-case words allowed inside a name: "Abu Bakr al-Baghdadi", "Council of the Elders".
const PARTICLES: &[&str] =
    &["al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "of", "the", "for", "and", "on"];

/// Of those, the ones only an organisation's name has ("Member for Fremantle" is no person).
const ORGANISATION_PARTICLES: &[&str] = &["of", "the", "for", "and", "on"];

/// Why a candidate was proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Cue {
    /// A title before the name.
    Title,
    /// "said", "told" or "according to" next to the name.
    Speech,
    /// A byline ("By Omar Haddad").
    Byline,
    /// An apposition after the name ("Omar Haddad, a spokesman").
    Apposition,
    /// An organisation word ending the name ("... Front").
    OrganisationWord,
    /// An acronym in parentheses after the name, or that acronym used later.
    Acronym,
    /// The surname of a person discovered earlier in the text.
    Surname,
    /// A given name opening the name ("Steve Waugh"), from the built-in lexicon
    /// (`src/lexicon/given-names.txt`).
    GivenName,
    /// Words that introduce a place ("the town of ...", "... south of Goulburn").
    Place,
    /// A name coordinated with a person's name ("Hershelle Gibbs and Gary Kirsten").
    Coordination,
    /// A name in a list with known places ("Mudgee, Narromine and Kempsey").
    List,
    /// A name whose surname the text also uses alone for a person ("Lleyton Hewitt" where
    /// "Hewitt says" or "Mr Hewitt" follows).
    NamedAlone,
    /// A given name after a word of kinship ("his son Scott", "Harrison's widow Olivia"),
    /// named with the surname of the person it is kin to.
    Kin,
}

/// A proposed actor: its kind, its name as written (normalised white space) and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Person, group or place.
    pub kind: EntityKind,
    /// The name this mention refers to (for a surname or acronym, the full name).
    pub name: String,
    /// Where the mention is.
    pub span: Span,
    /// Why it was proposed.
    pub cue: Cue,
}

/// Finds candidate actors in text.
#[derive(Clone, Debug, Default)]
pub struct Discoverer {
    /// Whether each entity of the gazetteer is a state or a place, when built for one.
    places: std::sync::Arc<Vec<bool>>,
    /// Whether each entity of the gazetteer is a person, when built for one.
    people: std::sync::Arc<Vec<bool>>,
    /// The surnames of the gazetteer's people, when built for one.
    surnames: std::sync::Arc<std::collections::HashSet<String>>,
    /// The one-word names of the gazetteer's states and places, when built for one.
    place_names: std::sync::Arc<std::collections::HashSet<String>>,
    /// The label of each group of the gazetteer (empty for the other entities), when built
    /// for one.
    group_labels: std::sync::Arc<Vec<Box<str>>>,
    /// The first words of each person's names in the gazetteer (none for the other entities),
    /// when built for one.
    given_names: std::sync::Arc<Vec<Box<[Box<str>]>>>,
}

/// A run of capitalised words.
#[derive(Clone, Copy, Debug)]
struct Run {
    span: Span,
    words: usize,
    /// Whether the run opens with known mentions; only an organisation name may do that.
    absorbed: bool,
    /// Whether those known mentions are all states or places ("Queensland Government").
    place_opening: bool,
    /// Where the known mentions the run opens with end (its start if there are none).
    known_end: usize,
}

impl Discoverer {
    /// Creates a discoverer.
    pub fn new() -> Discoverer {
        Discoverer::default()
    }

    /// Creates a discoverer that knows the kinds of a gazetteer's entities, so that a state
    /// or place followed by "Government", "Parliament" or "Cabinet" ("the Queensland
    /// Government", "the Solomon Islands Parliament") is proposed as that body, a group. Use it
    /// with mentions found with the same gazetteer.
    ///
    /// ```
    /// use actorgraph::{Discoverer, Gazetteer, Matcher};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "The Bhutanese Government said so.";
    /// let mentions = Matcher::new(&gaz)?.find_all(text);
    /// let found = Discoverer::for_gazetteer(&gaz).find(text, &mentions);
    /// assert_eq!(found[0].name, "Bhutanese Government");
    /// assert!(Discoverer::new().find(text, &mentions).is_empty());
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn for_gazetteer(gazetteer: &crate::Gazetteer) -> Discoverer {
        let places = gazetteer
            .entries()
            .map(|e| matches!(e.kind(), EntityKind::State | EntityKind::Place))
            .collect();
        let people = gazetteer.entries().map(|e| e.kind() == EntityKind::Person).collect();
        // The last words of the known people's names: a titled surname among them is the
        // resolution's to decide ("Mr Howard" with two Howards stays unresolved), never a new
        // person's.
        let surnames = gazetteer
            .entries()
            .filter(|e| e.kind() == EntityKind::Person)
            .flat_map(|e| e.aliases().iter().map(|a| a.text()))
            .filter_map(|name| name.contains(' ').then(|| name.rsplit(' ').next()).flatten())
            .map(str::to_string)
            .collect();
        // One-word names of states and places, which never open a person's name ("to
        // Pakistan Abdul Salam Zaeef").
        let place_names = gazetteer
            .entries()
            .filter(|e| matches!(e.kind(), EntityKind::State | EntityKind::Place))
            .flat_map(|e| e.aliases().iter().map(|a| a.text()))
            .filter(|name| !name.contains(' ') && name.starts_with(char::is_uppercase))
            .map(str::to_string)
            .collect();
        let group_labels = gazetteer
            .entries()
            .map(|e| if e.kind() == EntityKind::Group { e.label().into() } else { "".into() })
            .collect();
        let given_names = gazetteer
            .entries()
            .map(|e| {
                let names = e.aliases().iter().map(|a| a.text()).chain([e.label()]);
                let firsts = names.filter_map(|n| n.split_once(' ')).map(|(first, _)| first.into());
                if e.kind() == EntityKind::Person { firsts.collect() } else { Box::default() }
            })
            .collect();
        Discoverer {
            given_names: std::sync::Arc::new(given_names),
            places: std::sync::Arc::new(places),
            people: std::sync::Arc::new(people),
            surnames: std::sync::Arc::new(surnames),
            place_names: std::sync::Arc::new(place_names),
            group_labels: std::sync::Arc::new(group_labels),
        }
    }

    /// Proposes the given names that follow a word of kinship ("his 26-year-old son Scott",
    /// "Kylie Morrow's mother Elizabeth", "Bill Peel, whose son Billy", "accompanied by son
    /// Dhani"), each named with the surname of the person they are kin to: the last surname
    /// before in the sentence of someone the document names in full. A given name with no such
    /// person nearby stays unproposed: on its own it would join every namesake across the
    /// corpus into one node. Each look back is bounded, so the pass is linear in the text.
    fn kin(&self, text: &str, known: &[Mention], open: &[Run], found: &mut Vec<Candidate>) {
        let person = |m: &&Mention| self.people.get(m.entity().as_usize()).copied() == Some(true);
        // The surnames of the people the document names in full, gathered only for a
        // document with a given name after a word of kinship.
        let mut surnames: Option<std::collections::HashSet<&str>> = None;
        let mut kin = Vec::new();
        for run in open.iter().filter(|r| r.words == 1 && !r.absorbed) {
            let given = &text[run.span];
            if !is_given_name(given) || text[run.span.end..].starts_with(['\'', '’', '-']) {
                continue;
            }
            let Some(noun_start) = kin_noun_before(text, run.span.start) else { continue };
            // The last of those surnames before, in the same sentence (looking back 400 bytes
            // at most).
            let mut from = noun_start.saturating_sub(400);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let before = &text[from..noun_start];
            let before = before.rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
            let surnames = surnames.get_or_insert_with(|| {
                known
                    .iter()
                    .filter(person)
                    .map(|m| &text[m.span()])
                    .chain(
                        found
                            .iter()
                            .filter(|c| c.kind == EntityKind::Person)
                            .map(|c| c.name.as_str()),
                    )
                    .filter_map(|name| name.rsplit_once(' ').map(|(_, last)| last))
                    .collect()
            });
            let surname = before
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .rev()
                .find(|w| surnames.contains(w));
            let Some(surname) = surname else { continue };
            let name = format!("{given} {surname}");
            kin.push(Candidate { kind: EntityKind::Person, name, span: run.span, cue: Cue::Kin });
        }
        found.extend(kin);
    }

    /// Marks the runs that open with states or places only.
    fn mark_place_openings(&self, runs: &mut [Run], known: &[Mention]) {
        if self.places.is_empty() || !runs.iter().any(|r| r.absorbed) {
            return;
        }
        let mut sorted: Vec<&Mention> = known.iter().collect();
        sorted.sort_by_key(|m| m.span().start);
        for run in runs.iter_mut().filter(|r| r.absorbed) {
            let from = sorted.partition_point(|m| m.span().start < run.span.start);
            let opening: Vec<&&Mention> =
                sorted[from..].iter().take_while(|m| m.span().end <= run.known_end).collect();
            run.place_opening = !opening.is_empty()
                && opening
                    .iter()
                    .all(|m| self.places.get(m.entity().as_usize()).copied().unwrap_or(false));
        }
    }

    /// Proposes as places the runs that made no candidate and stand in a list with a known
    /// place or state, or with a place found so: "as far inland as Mudgee, Narromine and
    /// Kempsey", "Queanbeyan, O'Connor, Mount Wanniassa, Red Hill and Black Mountain". A run that
    /// opens with a given name is left out ("in Sydney, Ian Robertson said"), and one after a
    /// known name must end the list or go on with it.
    fn listed_places(&self, text: &str, known: &[Mention], open: &[Run], out: &mut Vec<Candidate>) {
        if self.places.is_empty() || open.is_empty() {
            return;
        }
        let is_place = |m: &&Mention| {
            !m.is_adjectival()
                && !m.is_role()
                && self.places.get(m.entity().as_usize()).copied().unwrap_or(false)
        };
        // Where each place starts, with where it ends.
        let mut starts: std::collections::HashMap<usize, usize> =
            known.iter().filter(is_place).map(|m| (m.span().start, m.span().end)).collect();
        let mut ends: std::collections::HashSet<usize> =
            known.iter().filter(is_place).map(|m| m.span().end).collect();
        if ends.is_empty() {
            return;
        }
        for c in out.iter().filter(|c| c.kind == EntityKind::Place) {
            starts.insert(c.span.start, c.span.end);
            ends.insert(c.span.end);
        }
        const SEPARATORS: [&str; 3] = [", ", " and ", " or "];
        let mut added = Vec::new();
        // "Red Hill and Black Mountain" is one run of two list items.
        let items = open.iter().flat_map(|run| {
            let parts = split_run(text, run, |w| w == "and");
            if parts.is_empty() { vec![*run] } else { parts }
        });
        for run in items.filter(|r| !r.absorbed && r.words <= 3) {
            let span = run.span;
            if !plain_place_name(text, span)
                || given_name_cue(&text[span], run.words).is_some()
                || MONTHS.contains(&&text[span])
            {
                continue;
            }
            let before = &text[..span.start];
            let after = &text[span.end..];
            // "CAIRO, Jan. 20": a dateline's date is no list item.
            if after
                .strip_prefix(['.', ','])
                .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            {
                continue;
            }
            let follows = SEPARATORS
                .iter()
                .find(|sep| before.ends_with(*sep) && ends.contains(&(span.start - sep.len())));
            let goes_on = after.starts_with(", ")
                || starts_with_word(after, " and")
                || starts_with_word(after, " or");
            // After a comma alone the list must go on: "in western Pennsylvania, Rothfus." and
            // "Hialeah, Florida, Vida Pharmacy." end a clause, not a list.
            let follows_place = match follows {
                Some(&", ") => goes_on,
                Some(_) => goes_on || ends_clause(after),
                None => false,
            };
            // A name that opens a sentence before a place is as often a greeting ("Hello, Ohio!",
            // "(Applause.) Hello, Tampa!") as a list item.
            let opens_sentence = {
                let before = before.trim_end();
                let mut back = before.chars().rev();
                match back.next() {
                    None => true,
                    Some(')') => back.next().is_some_and(|c| matches!(c, '.' | '!' | '?')),
                    Some(c) => matches!(c, '.' | '!' | '?' | ':' | '"' | '“' | '(' | '\n'),
                }
            };
            // The place after a comma must end its clause or go on with the list ("Goshen,
            // Indiana," but not "since the Great Depression, Virginia maintained" or "the
            // Democratic Caucus, America's caucus").
            let precedes_place = !opens_sentence
                && SEPARATORS.iter().any(|sep| {
                    after.starts_with(sep)
                        && starts.get(&(span.end + sep.len())).is_some_and(|&end| {
                            let rest = &text[end..];
                            *sep != ", " || ends_clause(rest) || starts_with_word(rest, " and")
                        })
                });
            if follows_place || precedes_place {
                starts.insert(span.start, span.end);
                ends.insert(span.end);
                added.push(candidate(text, EntityKind::Place, span, Cue::List));
            }
        }
        out.extend(added);
    }

    /// Returns the candidates in `text`, in order. A candidate never overlaps a `known`
    /// mention, except an organisation name that opens with one ("Sahel Peace Council") and
    /// the later surname of a person the text names in full, on the very span of a known
    /// mention that is no place's name ("Stoltenberg" after "Jason Stoltenberg"); either then
    /// replaces the mention.
    ///
    /// ```
    /// use actorgraph::{Cue, Discoverer, EntityKind};
    ///
    /// let text = "Omar Haddad, a spokesman for the National Salvation Front (NSF), said the NSF would talk.";
    /// let found = Discoverer::new().find(text, &[]);
    /// let names: Vec<(&str, &str)> = found.iter().map(|c| (&text[c.span], c.name.as_str())).collect();
    /// assert_eq!(names, [
    ///     ("Omar Haddad", "Omar Haddad"),
    ///     ("National Salvation Front", "National Salvation Front"),
    ///     ("NSF", "National Salvation Front"),
    ///     ("NSF", "National Salvation Front"),
    /// ]);
    /// assert_eq!(found[0].kind, EntityKind::Person);
    /// ```
    ///
    /// The cost is linear in the text (times the log of the number of mentions), whatever
    /// the text holds.
    pub fn find(&self, text: &str, known: &[Mention]) -> Vec<Candidate> {
        let coverage = Coverage::new(known.iter().map(Mention::span));
        let mut runs = runs(text, &coverage);
        // "ED MEAGHER: The administration has...": a speaker label names who speaks.
        let labels = Coverage::new(crate::matcher::speakers::label_spans(text));
        runs.retain(|r| !labels.overlaps(r.span));
        self.mark_place_openings(&mut runs, known);
        let mut found: Vec<Candidate> = Vec::new();
        let mut open = Vec::new();
        for run in &runs {
            let before = found.len();
            classify_or_split(text, run, &mut found);
            if found.len() == before {
                open.push(*run);
            }
        }
        // "ambassador to Pakistan Abdul Salam Zaeef": the state is no part of the name.
        for c in found.iter_mut().filter(|c| c.kind == EntityKind::Person) {
            let name = &text[c.span];
            let Some((first, rest)) = name.split_once(' ') else { continue };
            let rest_words = rest.split_whitespace().count();
            let given = rest.split_whitespace().next().is_some_and(is_given_name);
            if self.place_names.contains(first) && rest_words >= 2 && given {
                *c = candidate(
                    text,
                    EntityKind::Person,
                    Span::new(c.span.end - rest.len(), c.span.end),
                    c.cue,
                );
            }
        }
        // "Paul D. Ryan": a given name and an initial before a known person who has that given
        // name are that person's, not someone new.
        if found.iter().any(|c| c.kind == EntityKind::Person && ends_in_initial(text, c.span)) {
            let people: std::collections::HashMap<usize, crate::gazetteer::EntityId> = known
                .iter()
                .filter(|m| self.people.get(m.entity().as_usize()).copied().unwrap_or(false))
                .map(|m| (m.span().start, m.entity()))
                .collect();
            found.retain(|c| {
                let next = c.span.end + 2;
                let before_known = c.kind == EntityKind::Person
                    && ends_in_initial(text, c.span)
                    && text[c.span.end..].starts_with(". ")
                    && people.get(&next).is_some_and(|&e| {
                        let first = text[c.span].split(' ').next().unwrap_or_default();
                        self.given_names
                            .get(e.as_usize())
                            .is_some_and(|g| g.iter().any(|n| **n == *first))
                    });
                !before_known
            });
        }
        let (open, alone) = people_named_alone(text, open, &mut found);
        self.kin(text, known, &open, &mut found);
        unify_names(text, &mut found);
        self.listed_places(text, known, &open, &mut found);
        // "the Australian Federal Police (AFP)": a known organisation defines an acronym the
        // gazetteer lacks, and its later uses name that organisation.
        let mut introducers: Vec<Candidate> = known
            .iter()
            .filter(|m| !m.is_adjectival() && !m.is_role())
            .filter(|m| !self.places.get(m.entity().as_usize()).copied().unwrap_or(false))
            .filter(|m| text[m.span()].contains(' '))
            .filter(|m| followed_by_acronym(text, m.span()).is_some())
            .map(|m| candidate(text, EntityKind::Group, m.span(), Cue::Acronym))
            .chain(found.iter().cloned())
            .collect();
        introducers.sort_by_key(|c| c.span.start);
        let exact: std::collections::HashMap<Span, (crate::gazetteer::EntityId, bool)> =
            known.iter().map(|m| (m.span(), (m.entity(), m.is_adjectival()))).collect();
        let labels = &self.group_labels;
        let label_of = |e: crate::gazetteer::EntityId| {
            labels.get(e.as_usize()).map(|l| &**l).filter(|l| !l.is_empty())
        };
        let (acronyms, renames) = acronym_mentions(text, &introducers, &coverage, &exact, label_of);
        for c in &mut found {
            if let Some(label) = renames.get(&c.name) {
                c.name = label.clone();
            }
        }
        // "Jason Stoltenberg ... Stoltenberg said": the document's own full name owns the
        // surname, which the gazetteer gives to a namesake (or to a place's adjective, as
        // "Welsh" after "Matt Welsh"), unless a known full name in the document ends with it.
        let known_surnames: std::collections::HashSet<&str> = known
            .iter()
            .map(|m| &text[m.span()])
            .filter(|name| name.contains(' '))
            .filter_map(|name| name.rsplit(' ').next())
            .collect();
        let overridable = |span: Span| {
            exact.get(&span).is_some_and(|&(entity, adjectival)| {
                let is_place = self.places.get(entity.as_usize()).copied().unwrap_or(false);
                (!is_place || adjectival) && !known_surnames.contains(&text[span])
            })
        };
        let surnames = surname_mentions(text, &found, &coverage, overridable);
        let given = given_name_mentions(text, &found, &coverage);
        found.extend(acronyms);
        found.extend(surnames);
        found.extend(given);
        // "Mr Struree told the court": a surname after an honorific is a person's even when the
        // text never gives the full name.
        let named = Coverage::new(found.iter().map(|c| c.span));
        let new_surname = |span: Span| !self.surnames.contains(&text[span]);
        for span in alone.into_iter().filter(|&span| !named.overlaps(span) && new_surname(span)) {
            found.push(candidate(text, EntityKind::Person, span, Cue::Title));
        }
        found.sort_by_key(|c| (c.span.start, c.span.end));
        found.dedup_by(|b, a| b.span.start < a.span.end);
        found
    }
}

/// The most words a name may have for [`unify_names`] to compare its endings: longer runs are
/// left as they are, so the pass stays linear in the text.
const UNIFY_MAX_WORDS: usize = 8;

/// Gives one name to the candidates of one document that name one actor, so that the actor
/// is one node: a name of two words or more that another name of the same kind in the document
/// ends with, and no other does, is that other name. "Rural Fire Service" after "New South
/// Wales Rural Fire Service" is that service, and "Wali Masood" after "Ahmad Wali Masood" that
/// man. A person's longer name whose extra words are no given names or initials is a
/// descriptor run into the name ("Beatle George Harrison" beside "George Harrison"): its span
/// shrinks to the shorter name instead. A body named after a state by its name and by its
/// adjective ("Israel Government", "Israeli Government") takes the adjective's.
fn unify_names(text: &str, found: &mut [Candidate]) {
    use std::collections::hash_map::{Entry, HashMap};
    // Each ending of two words or more of each name, with the one name that has it (None
    // once two different names do).
    let mut endings: HashMap<(EntityKind, String), Option<usize>> = HashMap::new();
    for (i, c) in found.iter().enumerate() {
        if !matches!(c.kind, EntityKind::Person | EntityKind::Group) {
            continue;
        }
        let starts: Vec<usize> = word_starts(&c.name);
        if starts.len() > UNIFY_MAX_WORDS {
            continue;
        }
        for &start in starts.iter().skip(1).take(starts.len().saturating_sub(2)) {
            match endings.entry((c.kind, c.name[start..].to_string())) {
                Entry::Vacant(e) => {
                    e.insert(Some(i));
                }
                Entry::Occupied(mut e) => {
                    if e.get().is_some_and(|j| found[j].name != c.name) {
                        e.insert(None);
                    }
                }
            }
        }
    }
    let mut renames = Vec::new();
    let mut shrinks = HashMap::new();
    for (i, c) in found.iter().enumerate() {
        let Some(&Some(j)) = endings.get(&(c.kind, c.name.clone())) else { continue };
        let longer = &found[j].name;
        let extra = &longer[..longer.len() - c.name.len()];
        let naming =
            |w: &str| is_given_name(w) || (w.len() <= 2 && w.starts_with(char::is_uppercase));
        if c.kind == EntityKind::Group || extra.split_whitespace().all(naming) {
            renames.push((i, longer.clone()));
        } else {
            shrinks.insert(longer.clone(), c.name.clone());
        }
    }
    // "Israel Government" beside "Israeli Government": a body named after a state by its
    // name and by its adjective is one body, under the adjective.
    let mut by_opening: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, c) in found.iter().enumerate().filter(|(_, c)| c.kind == EntityKind::Group) {
        if let Some((first, rest)) = c.name.split_once(' ') {
            by_opening.entry((first, rest)).or_insert(i);
        }
    }
    for c in found.iter().filter(|c| c.kind == EntityKind::Group) {
        let Some((first, rest)) = c.name.split_once(' ') else { continue };
        for suffix in ["i", "n", "an", "ian", "ese"] {
            let Some(stem) = first.strip_suffix(suffix).filter(|s| s.chars().count() >= 3) else {
                continue;
            };
            if let Some(&j) = by_opening.get(&(stem, rest)) {
                renames.push((j, c.name.clone()));
            }
        }
    }
    for (i, name) in renames {
        found[i].name = name;
    }
    for c in found.iter_mut() {
        let Some(name) = shrinks.get(&c.name) else { continue };
        let starts = word_starts(&text[c.span]);
        let keep = word_starts(name).len();
        if let Some(&start) = starts.len().checked_sub(keep).and_then(|k| starts.get(k)) {
            c.span = Span::new(c.span.start + start, c.span.end);
            c.name = name.clone();
        }
    }
}

/// The byte offsets at which the white-space separated words of `s` start.
fn word_starts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_word = false;
    for (i, ch) in s.char_indices() {
        if ch.is_whitespace() {
            in_word = false;
        } else if !in_word {
            out.push(i);
            in_word = true;
        }
    }
    out
}

/// Returns true if `word` can be a surname standing alone: capitalised, two letters or more,
/// and no ordinary word, title, opener or organisation word.
fn surname_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && word.chars().count() >= 2
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
        && !word.chars().all(char::is_uppercase)
        && !is_ordinary(word)
        && !is_title(word)
        && !OPENERS.contains(&word)
        && !ORGANISATION_WORDS.contains(&word)
}

/// Finds the people whose surname the text also uses alone as a person's: after an honorific
/// ("Mr Blake", "Ms Goodin") or before a verb of speech ("Hewitt says"). A name of two or
/// three capitalised words with no cue of its own that ends in such a surname ("coaching
/// Lleyton Hewitt") is then a person's, pushed to `found`. Returns the runs left open and the
/// spans of the surnames after an honorific, which are people too.
fn people_named_alone(
    text: &str,
    open: Vec<Run>,
    found: &mut Vec<Candidate>,
) -> (Vec<Run>, Vec<Span>) {
    let mut surnames = std::collections::HashSet::new();
    let mut alone = Vec::new();
    for run in open.iter().filter(|r| !r.absorbed && r.words <= 3) {
        // "Later Mr Vogt left": openers go, honorifics stay.
        let opener = |w: &str| OPENERS.contains(&w) && !HONORIFICS.contains(&w);
        let (span, words_left, _) = strip_leading(text, run, opener);
        if words_left > 2 {
            continue;
        }
        let run = &sub_run(text, run, span);
        let mut parts = words(&text[run.span]);
        let (Some((_, first)), second) = (parts.next(), parts.next()) else { continue };
        match second {
            Some((at, surname)) if HONORIFICS.contains(&first) && surname_word(surname) => {
                surnames.insert(surname);
                let start = run.span.start + at;
                alone.push(Span::new(start, start + surname.len()));
            }
            None if surname_word(first) => {
                let after = &text[run.span.end..];
                if [" says", " said", " told"].iter().any(|w| starts_with_word(after, w)) {
                    surnames.insert(first);
                }
            }
            _ => {}
        }
    }
    if surnames.is_empty() {
        return (open, alone);
    }
    let mut rest = Vec::with_capacity(open.len());
    for run in open {
        let (span, words, _) = strip_leading(text, &run, |w| OPENERS.contains(&w));
        let last = text[span].rsplit(' ').next().unwrap_or("");
        let first = text[span].split(' ').next().unwrap_or("");
        if !run.absorbed
            && (2..=3).contains(&words)
            && !HONORIFICS.contains(&first)
            && surnames.contains(last)
            && plain_person_name(text, span)
        {
            found.push(candidate(text, EntityKind::Person, span, Cue::NamedAlone));
        } else {
            rest.push(run);
        }
    }
    (rest, alone)
}

/// Finds runs of capitalised words (with particles inside). A run may open with known
/// mentions ("Sahel" in "Sahel Peace Council"), which it then absorbs; otherwise a known
/// mention ends it.
fn runs(text: &str, known: &Coverage) -> Vec<Run> {
    let mut out = Vec::new();
    let mut current: Option<Run> = None;
    let mut opening = false; // whether the current run holds only known mentions so far
    for (start, word) in words(text) {
        let end = start + word.len();
        let overlaps = known.overlaps(Span::new(start, end));
        let capital = word.starts_with(char::is_uppercase);
        // Words join across spaces, and across the dot of an initial ("Carmen T. Villanueva").
        let joined = current.as_ref().is_some_and(|r| {
            let gap = &text[r.span.end..start];
            only_spaces(gap)
                || (gap.starts_with('.') && only_spaces(&gap[1..]) && ends_in_initial(text, r.span))
        });
        let continues = joined && (capital || joins_name(word)) && (!overlaps || opening);
        match &mut current {
            Some(run) if continues => {
                run.span = Span::new(run.span.start, end);
                run.words += usize::from(capital || !is_particle(word));
                opening &= overlaps;
                if opening {
                    run.known_end = end;
                }
            }
            _ => {
                push_run(text, &mut out, current.take());
                if capital {
                    let known_end = if overlaps { end } else { start };
                    current = Some(Run {
                        span: Span::new(start, end),
                        words: 1,
                        absorbed: overlaps,
                        place_opening: false,
                        known_end,
                    });
                    opening = overlaps;
                }
            }
        }
    }
    push_run(text, &mut out, current);
    out
}

fn push_run(text: &str, out: &mut Vec<Run>, run: Option<Run>) {
    let Some(mut run) = run else { return };
    // A run never ends in a particle: "Council of the" is "Council".
    while let Some((s, w)) = words_rev(&text[run.span]) {
        if !is_particle(w) {
            break;
        }
        let end = run.span.start + text[run.span.start..run.span.start + s].trim_end().len();
        run.span = Span::new(run.span.start, end);
    }
    out.push(run);
}

/// Returns the last word of `s` and its offset, looking only at the end of `s`.
fn words_rev(s: &str) -> Option<(usize, &str)> {
    let end = s.rfind(|c: char| c.is_alphanumeric())?;
    let end = end + s[end..].chars().next().map_or(1, char::len_utf8);
    let start = s[..end]
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    words(&s[start..]).next().map(|(offset, word)| (start + offset, word))
}

/// Splits text into words: letters, digits, apostrophes, hyphens and dots of initials.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let skip = rest.find(|c: char| c.is_alphanumeric())?;
        let start = pos + skip;
        let len = text[start..]
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
            .unwrap_or(text.len() - start);
        let word = text[start..start + len].trim_end_matches(['\'', '’', '-']);
        let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
        pos = start + len.max(1);
        Some((start, word))
    })
}

/// Returns true if the run ends with a single capital letter ("T" of "Carmen T.").
fn ends_in_initial(text: &str, span: Span) -> bool {
    let mut chars = text[span].chars().rev();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none_or(|c| c == ' ')
}

fn only_spaces(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == ' ')
}

/// A bare particle such as "al", "bin" or "of", which never ends a name.
fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// A word that may continue a name without a capital: a particle, or "al-Masri".
fn joins_name(word: &str) -> bool {
    let prefix = word.split('-').next().unwrap_or(word);
    is_particle(word) || (PARTICLES.contains(&prefix) && word.len() > prefix.len() + 1)
}

/// Classifies a run, or when it makes no candidate as a whole, the names it may join:
/// coordinated names ("Monica Seles and Jan-Michael Gambill") and a name after a title inside
/// the run ("Federal Science Minister Peter McGauran", "Rural Fire Service Commissioner Phil
/// Koperberg", where the part before the title is classified too). Each word is looked at a
/// bounded number of times, so the cost stays linear in the run.
fn classify_or_split(text: &str, run: &Run, out: &mut Vec<Candidate>) {
    if place_cue(text, run) {
        // "Shane Bradford of Ballidu just west of Burakin": the place is what follows "of"; what
        // comes before it is classified as any run is.
        if let Some(at) = text[run.span].rfind(" of ").map(|i| run.span.start + i) {
            let place = sub_run(text, run, Span::new(at + 4, run.span.end));
            let before = sub_run(text, run, Span::new(run.span.start, at));
            if place.words >= 1 && before.words >= 1 && !before.absorbed {
                if let Some(c) = classify(text, &before) {
                    out.push(c);
                }
                if plain_place_name(text, place.span) {
                    out.push(candidate(text, EntityKind::Place, place.span, Cue::Place));
                }
                return;
            }
        }
        let parts = split_run(text, run, |w| w == "and");
        for part in if parts.is_empty() { std::slice::from_ref(run) } else { &parts[..] } {
            let (span, _, _) = strip_leading(text, part, |w| OPENERS.contains(&w));
            if plain_place_name(text, span) {
                out.push(candidate(text, EntityKind::Place, span, Cue::Place));
            }
        }
        return;
    }
    // "Chuck Hagel of the Foreign Relations Committee": a person of an organisation.
    if let Some(at) = text[run.span].find(" of ").map(|i| run.span.start + i) {
        // After the known names and titles the run opens with ("Republican", "Senator").
        let from = text[..at].len() - text[run.known_end.min(at)..at].trim_start().len();
        let person = sub_run(text, run, Span::new(from, at));
        let lead = |w: &str| is_title(w) || TITLE_MODIFIERS.contains(&w) || OPENERS.contains(&w);
        let (span, words, _) = strip_leading(text, &person, lead);
        let body = text[at + 4..run.span.end].trim_start_matches("the ");
        let body = sub_run(text, run, Span::new(run.span.end - body.len(), run.span.end));
        if from < at
            && !person.absorbed
            && plain_person_name(text, span)
            && given_name_cue(&text[span], words).is_some()
        {
            if let Some(group) = classify(text, &body).filter(|c| c.kind == EntityKind::Group) {
                out.push(candidate(text, EntityKind::Person, span, Cue::GivenName));
                out.push(group);
                return;
            }
        }
    }
    // "the Royal Fire Service and the New South Wales Fire Brigades": two organisations.
    if let Some(at) = text[run.span].find(" and the ").map(|i| run.span.start + i) {
        let first = sub_run(text, run, Span::new(run.span.start, at));
        let second = sub_run(text, run, Span::new(at + " and the ".len(), run.span.end));
        let groups = [classify(text, &first), classify(text, &second)];
        if let [Some(a), Some(b)] = groups {
            if a.kind == EntityKind::Group && b.kind == EntityKind::Group {
                out.extend([a, b]);
                return;
            }
        }
    }
    if let Some(c) = classify(text, run) {
        out.push(c);
        return;
    }
    // "of", "for" or "the" make the whole run an organisation's name ("Bureau of Fisheries and
    // Aquatic Resources"), never two names.
    let organisation =
        words(&text[run.span]).any(|(_, w)| w != "and" && ORGANISATION_PARTICLES.contains(&w));
    let parts = if organisation { Vec::new() } else { split_run(text, run, |w| w == "and") };
    if parts.len() > 1 {
        let from = out.len();
        let mut open = Vec::new();
        for part in &parts {
            match classify(text, part).or_else(|| split_at_title(text, part, out)) {
                Some(c) => out.push(c),
                None => open.push(part),
            }
        }
        // Like is coordinated with like: "Hershelle Gibbs and Gary Kirsten" are two people
        // once one of them is.
        if out[from..].iter().any(|c| c.kind == EntityKind::Person) {
            for part in open.into_iter().filter(|p| !p.absorbed && plain_person_name(text, p.span))
            {
                out.push(candidate(text, EntityKind::Person, part.span, Cue::Coordination));
            }
            out[from..].sort_by_key(|c| c.span.start);
        }
    } else if let Some(c) =
        split_at_title(text, run, out).or_else(|| split_at_given_name(text, run, out))
    {
        out.push(c);
    }
}

/// Returns true if a span can be a person's bare name: two or three capitalised words, none of
/// them an ordinary word, title, organisation word or the end of a place's name.
fn plain_person_name(text: &str, span: Span) -> bool {
    let words: Vec<&str> = text[span].split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
                && !is_ordinary(w)
                && !ORGANISATION_WORDS.contains(w)
                && !is_title(w)
                && !OPENERS.contains(w)
        })
        && !NOT_PERSON_ENDS.contains(words.last().unwrap_or(&""))
}

/// Splits a run where an organisation's or facility's name runs on into a person's name that
/// opens with a given name ("the Sydney Weather Bureau Ian Robertson", "Logan International
/// Airport Tom Kinton"); pushes the organisation, if the part before makes one, to `out` and
/// returns the person.
fn split_at_given_name(text: &str, run: &Run, out: &mut Vec<Candidate>) -> Option<Candidate> {
    let words: Vec<(usize, &str)> = words(&text[run.span]).collect();
    let n = words.len();
    // The person's name is the last two or three words.
    let at = (n.saturating_sub(3)..n.saturating_sub(1)).find(|&i| {
        i >= 1 && {
            let previous = words[i - 1].1;
            ORGANISATION_WORDS.contains(&previous) || FACILITY_WORDS.contains(&previous)
        }
    })?;
    let start = run.span.start + words[at].0;
    let after = sub_run(text, run, Span::new(start, run.span.end));
    let name = &text[after.span];
    let cue = given_name_cue(name, after.words)?;
    if !plain_person_name(text, after.span) {
        return None;
    }
    let before = sub_run(text, run, Span::new(run.span.start, text[..start].trim_end().len()));
    if let Some(c) = classify(text, &before).filter(|c| c.kind == EntityKind::Group) {
        out.push(c);
    }
    Some(candidate(text, EntityKind::Person, after.span, cue))
}

/// Returns true if a run is introduced as a place: "the town of Hill Top", "the settlements
/// of Alei Sinai and Nitzanit", "Gunning, south of Goulburn", "Boonah south-west of Brisbane".
fn place_cue(text: &str, run: &Run) -> bool {
    if run.absorbed || run.words > 6 {
        return false;
    }
    let before = text[..run.span.start].trim_end_matches(' ');
    if PLACE_INTRODUCERS.iter().any(|w| ends_with_word(before, w) && before.ends_with(w)) {
        return true;
    }
    // "... south of Goulburn": what follows a direction is a place too.
    if let Some(rest) = before.strip_suffix(" of") {
        if run.words <= 3 && DIRECTIONS.iter().any(|d| ends_with_word(rest, d) && rest.ends_with(d))
        {
            return true;
        }
    }
    let after = text[run.span.end..].trim_start_matches(',').trim_start_matches(' ');
    let after = after.strip_prefix("just ").unwrap_or(after);
    // Only the next word is looked at (never a search to the next space, which may be far).
    let len = after.find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(after.len());
    let (direction, rest) = after.split_at(len);
    run.words <= 3 && DIRECTIONS.contains(&direction) && rest.starts_with(" of ")
}

/// Returns true if a span can be a place's name: one to three capitalised words, none of them
/// a title, an ordinary word or an organisation word.
fn plain_place_name(text: &str, span: Span) -> bool {
    let words: Vec<&str> = text[span].split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && !is_ordinary(w)
                && !ORGANISATION_WORDS.contains(w)
                && !TITLES.contains(w)
                && !OPENERS.contains(w)
        })
}

/// Splits a run before its last inner title word; pushes what the part before the title makes
/// (an organisation, say) to `out` and returns what the part from the title on makes.
fn split_at_title(text: &str, run: &Run, out: &mut Vec<Candidate>) -> Option<Candidate> {
    let (at, title) = words(&text[run.span])
        .skip(1)
        .filter(|(_, w)| is_title(w))
        .filter(|(_, w)| w.starts_with(char::is_uppercase))
        .last()?;
    let at = run.span.start + at;
    let before = sub_run(text, run, Span::new(run.span.start, text[..at].trim_end().len()));
    let after = sub_run(text, run, Span::new(at, run.span.end));
    let person = classify(text, &after).filter(|c| c.kind == EntityKind::Person)?;
    // Before "Minister" or "Secretary" stands a portfolio ("Emergency Services Minister"),
    // not an organisation; before "Commissioner" or "Director" it is one.
    let portfolio = matches!(title, "Minister" | "Secretary");
    if before.span.end > before.span.start && !portfolio {
        if let Some(c) = classify(text, &before).filter(|c| c.kind == EntityKind::Group) {
            out.push(c);
        }
    }
    Some(person)
}

/// Splits a run at the words `at` selects (which belong to neither side).
fn split_run(text: &str, run: &Run, at: impl Fn(&str) -> bool) -> Vec<Run> {
    let mut parts = Vec::new();
    let mut from = run.span.start;
    for (offset, word) in words(&text[run.span]) {
        let start = run.span.start + offset;
        if at(word) {
            let end = text[..start].trim_end().len();
            if end > from {
                parts.push(sub_run(text, run, Span::new(from, end)));
            }
            from = start + word.len();
            from += text[from..run.span.end].len() - text[from..run.span.end].trim_start().len();
        }
    }
    if from < run.span.end && !parts.is_empty() {
        parts.push(sub_run(text, run, Span::new(from, run.span.end)));
    }
    parts
}

/// The part of a run at `span`, with its own count of words; only a part that opens the run
/// keeps the known mentions the run opens with.
fn sub_run(text: &str, run: &Run, span: Span) -> Run {
    let words = words(&text[span])
        .filter(|(_, w)| w.starts_with(char::is_uppercase) || !is_particle(w))
        .count();
    // A part that starts among the known mentions the run opens with opens with them too
    // ("Energy Union" of a known "Construction Forestry Mining and Energy Union").
    let opens = run.absorbed && span.start < run.known_end;
    let known_end = if opens { run.known_end.min(span.end) } else { span.start };
    Run { span, words, absorbed: opens, place_opening: opens && run.place_opening, known_end }
}

/// Returns true if a name opens with an organisation word followed by "of" or "for" and a
/// capitalised word: "Bureau of Meteorology", "Centre for Disease Control" (a centre *for*
/// something is a body, where "the Woomera Detention Centre" is a place).
fn opens_organisation(name: &str) -> bool {
    let mut words = name.split_whitespace().skip_while(|w| !w.starts_with(char::is_uppercase));
    let (Some(first), Some(particle), Some(next)) = (words.next(), words.next(), words.next())
    else {
        return false;
    };
    (ORGANISATION_WORDS.contains(&first) || matches!(first, "Centre" | "Center" | "Office"))
        && matches!(particle, "of" | "for")
        && next.starts_with(char::is_uppercase)
        && !is_ordinary(next)
}

/// Decides whether a run is a person or a group candidate.
fn classify(text: &str, run: &Run) -> Option<Candidate> {
    let (span, words, _) = strip_leading(text, run, |w| OPENERS.contains(&w));
    let last = text[span].split_whitespace().last()?;
    let has_new_words = span.end > run.known_end;
    // "European Union and the Group of Eight" is two names, not one.
    let joins_known = run.absorbed
        && text[run.known_end.min(span.end)..span.end].trim_start().starts_with("and ");
    // An event or a law named after a body is neither: "Centenary of Federation".
    let first = text[span].split_whitespace().next().unwrap_or("");
    if EVENT_WORDS.contains(&first) && !run.absorbed {
        return None;
    }
    if words >= 2 && has_new_words && ORGANISATION_WORDS.contains(&last) && !joins_known {
        // "President of the Hazara Ethnic Society": the office is no part of the name, nor
        // are the known names before "of" ("Senator Chuck Hagel of the Foreign Relations
        // Committee").
        let name = &text[span];
        let span = match name.split_once(" of the ").or(name.split_once(" of ")) {
            Some((office, body))
                if body.contains(' ')
                    && if run.absorbed {
                        span.start + office.len() <= run.known_end
                    } else {
                        is_title(office.rsplit(' ').next().unwrap_or(office))
                    } =>
            {
                Span::new(span.end - body.len(), span.end)
            }
            _ => span,
        };
        return Some(candidate(text, EntityKind::Group, span, Cue::OrganisationWord));
    }
    // "Bureau of Meteorology", "Council of Ministers", "Centre for Disease Control": an
    // organisation word, then "of" or "for" and its field.
    if words >= 2 && !run.absorbed && opens_organisation(&text[span]) {
        // "But the Bureau of ...": the name starts at its first capital.
        let lead = text[span].find(|c: char| c.is_uppercase()).unwrap_or(0);
        let span = Span::new(span.start + lead, span.end);
        return Some(candidate(text, EntityKind::Group, span, Cue::OrganisationWord));
    }
    // "The Queensland Government": a state's or place's government or parliament.
    if run.place_opening
        && BODY_WORDS.contains(&last)
        && text[run.known_end.min(span.end)..span.end].trim() == last
    {
        return Some(candidate(text, EntityKind::Group, span, Cue::OrganisationWord));
    }
    if run.absorbed
        && run.place_opening
        && span.end > run.known_end
        && spelled_by_acronym(text, span)
    {
        return Some(candidate(text, EntityKind::Group, span, Cue::Acronym));
    }
    if run.absorbed {
        // "American Spencer Tunick": a person's name after a state's adjective.
        if !run.place_opening || run.known_end >= span.end {
            return None;
        }
        let rest = text[run.known_end..span.end].trim_start();
        let rest = sub_run(text, run, Span::new(span.end - rest.len(), span.end));
        return classify(text, &rest).filter(|c| c.kind == EntityKind::Person);
    }
    // Facilities are not actors: "World Trade Centre", "Woomera Detention Centre", "the
    // International Space Station (ISS)".
    if matches!(last, "Centre" | "Center" | "Station" | "Airport" | "Stadium" | "Base") {
        return None;
    }
    if words >= 2 && followed_by_acronym(text, span).is_some() {
        return Some(candidate(text, EntityKind::Group, span, Cue::Acronym));
    }
    if let Some(place) = feature_name(text, span, words) {
        return Some(candidate(text, EntityKind::Place, place, Cue::Place));
    }
    if introduced_organisation(text, span, words) {
        return Some(candidate(text, EntityKind::Group, span, Cue::OrganisationWord));
    }
    let person_lead = |w: &str| is_title(w) || TITLE_MODIFIERS.contains(&w) || OPENERS.contains(&w);
    let (span, words, titled) = strip_leading(text, run, person_lead);
    let (span, words) = strip_post_nominals(text, span, words);
    let (span, words) = strip_descriptor(text, span, words);
    let name = &text[span];
    if !(2..=4).contains(&words)
        || name.split_whitespace().any(|w| {
            (is_ordinary(w) && !is_particle(w))
                || ORGANISATION_PARTICLES.contains(&w)
                || ORGANISATION_WORDS.contains(&w)
        })
    {
        return None;
    }
    let cue = person_cue(text, span, titled).or_else(|| given_name_cue(name, words))?;
    Some(candidate(text, EntityKind::Person, span, cue))
}

/// Returns the span of a natural feature's name ("Finke River", "Lake Bonney", "Saxeten River
/// Gorge"): two to four capitalised words that end or open with a feature word, none of them a
/// title or an organisation word. A name with "of" ("Gulf of Carpentaria") is left to the
/// gazetteer.
fn feature_name(text: &str, span: Span, words: usize) -> Option<Span> {
    let name = &text[span];
    let first = name.split(' ').next()?;
    let last = name.rsplit(' ').next()?;
    let feature = FEATURE_ENDS.contains(&last) || FEATURE_STARTS.contains(&first);
    let plain = name.split_whitespace().all(|w| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
            && !is_title(w)
            && !ORGANISATION_WORDS.contains(&w)
    });
    let named =
        name.split_whitespace().any(|w| !FEATURE_ENDS.contains(&w) && !FEATURE_STARTS.contains(&w));
    ((2..=4).contains(&words) && feature && plain && named).then_some(span)
}

/// Returns true if a name of one to four capitalised words comes right after a noun for an
/// organisation ("accountancy firm Ernst and Young") and is no person's name.
fn introduced_organisation(text: &str, span: Span, words: usize) -> bool {
    let before = text[..span.start].strip_suffix(' ').unwrap_or("");
    let noun = words_rev(before).filter(|&(at, w)| at + w.len() == before.len()).map(|(_, w)| w);
    let name = &text[span];
    let determined = noun.is_some_and(|n| matches!(n, "the" | "The"));
    let introduced = noun.is_some_and(|n| ORGANISATION_NOUNS.contains(&n))
        || (determined && organisation_noun_after(&text[span.end..]))
        || (given_name_cue(name, words).is_none()
            && !(words == 1 && (ORGANISATION_WORDS.contains(&name) || is_ordinary(name)))
            && officer_after(&text[span.end..]));
    introduced
        && (1..=4).contains(&words)
        // "Ernst and Young" is no person's name, though it opens with a given name.
        && (given_name_cue(name, words).is_none() || name.contains(" and "))
        && name.split_whitespace().all(|w| !is_title(w) && !OPENERS.contains(&w))
}

/// Words that end a noun phrase: a name's organisation noun never comes after one ("Zorbo
/// said its company").
#[rustfmt::skip]
const LINKS: &[&str] = &[
    "said", "say", "has", "have", "had", "is", "are", "was", "were", "will", "would", "could",
    "its", "their", "his", "her", "our", "and", "or", "but", "which", "who", "that", "to", "in",
    "of", "on", "for", "with", "at", "by", "from", "as", "a", "an", "the", "it", "they", "owns",
    "runs", "bought", "sold", "joined", "left", "told", "says",
];

/// Returns true if what follows a name is an organisation noun, after at most two other
/// lower-case words that are no [`LINKS`]: "the Adventure World canyoning tour
/// company", "the Nu-Wood Decorative Millwork company" (after "the" only: "a Black Hawk
/// helicopter company" is a unit flying a model).
fn organisation_noun_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let mut words = rest.split(' ');
    for _ in 0..3 {
        let Some(word) = words.next() else { return false };
        let bare = word.trim_end_matches([',', '.', ';', ':', '\'', '’', 's']);
        if ORGANISATION_NOUNS.contains(&bare) || ORGANISATION_NOUNS.contains(&word) {
            // "the PR company Jour J": the noun introduces the name after it.
            return !words.next().is_some_and(|w| w.starts_with(char::is_uppercase));
        }
        if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_lowercase()) || LINKS.contains(&bare)
        {
            return false;
        }
    }
    false
}

/// Officers of an organisation, who stand between its name and theirs: "Adventure World
/// president Stephan Friedli".
#[rustfmt::skip]
const OFFICERS: &[&str] = &[
    "president", "vice-president", "chairman", "chairwoman", "spokesman", "spokeswoman",
    "spokesperson", "founder", "owner", "boss", "administrator", "administrators",
];

/// Returns true if what follows a name is one of its [`OFFICERS`] and a capitalised name.
fn officer_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let (word, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    OFFICERS.contains(&word) && rest.starts_with(char::is_uppercase)
}

/// Words of kinship before a given name: "son Scott", "widow Olivia".
#[rustfmt::skip]
const KIN_NOUNS: &[&str] = &[
    "son", "daughter", "wife", "husband", "widow", "widower", "brother", "sister", "mother",
    "father", "daughter-in-law", "son-in-law", "brother-in-law", "sister-in-law", "stepson",
    "stepdaughter", "grandson", "granddaughter", "nephew", "niece", "fiancee", "fiancée",
    "fiance", "fiancé", "sons", "daughters", "brothers", "sisters",
];

/// Words that may stand between a possessive and a word of kinship: "his twin brother", "his
/// second wife", "his 26-year-old son".
const KIN_MODIFIERS: &[&str] = &[
    "twin",
    "second",
    "first",
    "third",
    "eldest",
    "oldest",
    "youngest",
    "younger",
    "older",
    "elder",
    "late",
    "only",
    "estranged",
    "former",
    "new",
    "baby",
    "infant",
    "teenage",
];

/// Where the word of kinship right before `start` (one space away) begins, if there is one.
fn kin_noun_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].strip_suffix(' ')?;
    let from = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[from..];
    if !KIN_NOUNS.contains(&word) {
        return None;
    }
    // "Sister Mary", "Father Frank" are titles, and a sentence's first word says nothing.
    let prev = before[..from].trim_end();
    let prev_word = prev.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let modifier = KIN_MODIFIERS.contains(&prev_word) || prev_word.ends_with("-old");
    let linked = ["his", "her", "their", "whose", "by", "with", "and", "the"]
        .iter()
        .any(|w| prev_word.eq_ignore_ascii_case(w))
        || prev_word.ends_with("'s")
        || prev_word.ends_with("’s")
        || prev_word.ends_with(',');
    (modifier || linked).then_some(from)
}

fn candidate(text: &str, kind: EntityKind, span: Span, cue: Cue) -> Candidate {
    Candidate { kind, name: normalise(&text[span]), span, cue }
}

fn normalise(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'")
}

/// Drops post-nominal letters from the end of a person's name ("Terence Cole QC").
fn strip_post_nominals(text: &str, span: Span, words: usize) -> (Span, usize) {
    match text[span].rsplit_once(' ') {
        Some((rest, last)) if words > 2 && POST_NOMINALS.contains(&last) => {
            (Span::new(span.start, span.start + rest.trim_end().len()), words - 1)
        }
        _ => (span, words),
    }
}

/// Drops a word that opens a sentence before a given name and a surname and looks like a
/// descriptor (a plural, an agent noun, a hyphenated compound): it is no part of the name ("Businessmen Solomon Lew", "Leg-spinner Stuart MacGill", "Twenty-year-old
/// Mohammed Afroz").
fn strip_descriptor(text: &str, span: Span, words: usize) -> (Span, usize) {
    let mut parts = text[span].split(' ');
    let (Some(first), Some(second)) = (parts.next(), parts.find(|w| !w.is_empty())) else {
        return (span, words);
    };
    let opens_sentence = text[..span.start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '\n' | '”'));
    // A descriptor looks like one: "Leg-spinner", "Twenty-year-old", "Guides", "Businessmen".
    let descriptive = first.contains('-')
        || ["s", "men", "er", "ist", "or", "ian"].iter().any(|end| first.ends_with(end));
    let last = parts.next_back().unwrap_or(second);
    // "the former Beatle George Harrison": after a determiner or "former", a capitalised word
    // before a given name and a surname describes the person.
    let previous = text[..span.start].trim_end().rsplit(' ').next().unwrap_or("");
    let described = ["the", "former", "late", "a", "an", "fellow", "ex"].contains(&previous);
    if words == 3
        && (opens_sentence && descriptive || described)
        && !is_given_name(first)
        && is_given_name(second)
        && !is_given_name(last)
    {
        let rest = &text[span.start + first.len()..span.end];
        let start = span.end - rest.trim_start().len();
        (Span::new(start, span.end), words - 1)
    } else {
        (span, words)
    }
}

/// Drops the leading words of a run that `strip` selects ("Gen.", "On Monday"). Returns the
/// rest, its count of capitalised words and whether a title was among the dropped words.
fn strip_leading(text: &str, run: &Run, strip: impl Fn(&str) -> bool) -> (Span, usize, bool) {
    let (mut span, mut words, mut titled) = (run.span, run.words, false);
    while let Some((_, first)) = self::words(&text[span]).next() {
        if !strip(first) || words <= 1 {
            break;
        }
        titled |= is_title(first);
        let rest = &text[span.start + first.len()..span.end];
        let lead = rest.len() - rest.trim_start_matches(['.', ' ']).len();
        span = Span::new(span.start + first.len() + lead, span.end);
        words -= 1;
    }
    (span, words, titled)
}

/// Returns [`Cue::GivenName`] for two or three capitalised words that open with a given name
/// and end like no place or prize.
fn given_name_cue(name: &str, words: usize) -> Option<Cue> {
    let mut parts = name.split_whitespace();
    let first = parts.next()?;
    let last = name.split_whitespace().last()?;
    let plain =
        |w: &str| w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'));
    ((2..=3).contains(&words)
        && (is_given_name(first)
            || first
                .split_once('-')
                .is_some_and(|(a, b)| is_given_name(a) && b.starts_with(char::is_uppercase)))
        && !NOT_PERSON_ENDS.contains(&last)
        && name.split_whitespace().all(plain))
    .then_some(Cue::GivenName)
}

/// Returns the cue that makes a capitalised sequence a person, if any.
fn person_cue(text: &str, span: Span, had_title: bool) -> Option<Cue> {
    let before = text[..span.start].trim_end();
    let after = &text[span.end..];
    if had_title
        || TITLES.iter().any(|t| ends_with_word(before, t))
        || ROLE_NOUNS.iter().any(|t| ends_with_word(before, t))
    {
        return Some(Cue::Title);
    }
    // "India's Home Minister, LK Advani, said": a title, then the name between commas.
    if let Some(office) = before.strip_suffix(',') {
        let title = words_rev(office).is_some_and(|(at, w)| {
            at + w.len() == office.len() && is_title(w) && w.starts_with(char::is_uppercase)
        });
        if title && after.starts_with(',') {
            return Some(Cue::Title);
        }
    }
    if before.strip_suffix("By").is_some_and(|rest| {
        let rest = rest.trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        rest.is_empty() || rest.ends_with('\n')
    }) {
        return Some(Cue::Byline);
    }
    let next = after.trim_start_matches([',', ' ']);
    if ["said", "says", "told", "added", "wrote"].iter().any(|w| starts_with_word(next, w))
        // "said Lena Vogt", but not "... she said. Nutrition Australia": a full stop ends it.
        || (!before.ends_with('.')
            && ["said", "says", "according to"]
                .iter()
                .any(|w| ends_with_word(before.trim_end_matches(','), w)))
    {
        return Some(Cue::Speech);
    }
    let apposition = after
        .strip_prefix(", ")
        .map(|s| s.trim_start_matches("a ").trim_start_matches("an ").trim_start_matches("the "));
    if apposition.is_some_and(|s| APPOSITIONS.iter().any(|w| starts_with_word(s, w))) {
        return Some(Cue::Apposition);
    }
    // An age ("Arnaud Clement, 24,"), a relative "who" ("Nanti Hayward, who"), or where
    // someone comes from ("Marks Sullivan from the Rural Fire Service", "Hetty Johnston, from
    // the People's Alliance"): only people have them.
    if let Some(rest) = after.strip_prefix(", ") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) && rest[digits..].starts_with([',', ')']) {
            return Some(Cue::Apposition);
        }
        if starts_with_word(rest, "who") {
            return Some(Cue::Apposition);
        }
    }
    let from = after.strip_prefix(',').unwrap_or(after);
    if from.strip_prefix(" from the ").is_some_and(|r| r.starts_with(char::is_uppercase)) {
        return Some(Cue::Apposition);
    }
    None
}

/// Returns true if `after`, what follows a name, ends the clause the name stands in: the text's
/// end, a punctuation mark, a dash or a bracket ("Yanceyville, North Carolina — (cheers)").
fn ends_clause(after: &str) -> bool {
    after.is_empty()
        || after.starts_with([',', '.', ';', ':', ')', '!', '?', '—', '–'])
        || [" —", " –", " - ", " ("].iter().any(|d| after.starts_with(d))
}

/// Returns true if `s` ends with the word or phrase `word`, ignoring ASCII case.
fn ends_with_word(s: &str, word: &str) -> bool {
    let s = s.trim_end_matches('.');
    let Some(at) = s.len().checked_sub(word.len()) else { return false };
    s.is_char_boundary(at)
        && s[at..].eq_ignore_ascii_case(word)
        && s[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

fn starts_with_word(s: &str, word: &str) -> bool {
    s.starts_with(word) && s[word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Returns the acronym in parentheses right after `span`, if its letters fit the name.
fn followed_by_acronym(text: &str, span: Span) -> Option<&str> {
    let rest = text[span.end..].strip_prefix(" (")?;
    // An acronym has at most 8 letters: look no further for its ")".
    let acronym = &rest[..rest.bytes().take(9).position(|b| b == b')')?];
    // The acronym's letters are initials of the name, in order, down to its last word ("New
    // South Wales State Emergency Service (SES)"; "Construction, Forestry, Mining and Energy
    // Union (CFMEU)").
    abbreviates(&text[span], acronym).then_some(acronym)
}

/// Returns true if the acronym in parentheses after `span` spells every initial of the name
/// ("Afghan Islamic Press (AIP)"): evidence enough that the name is an organisation's even
/// when it opens with a state's name or adjective.
fn spelled_by_acronym(text: &str, span: Span) -> bool {
    followed_by_acronym(text, span).is_some_and(|acronym| {
        let initials = text[span].split_whitespace().filter_map(|w| w.chars().next());
        initials.eq(acronym.chars())
    })
}

/// Mentions of acronyms introduced in parentheses after a group: one discovered, or one the
/// gazetteer knows (whose acronym it lacks). An acronym the gazetteer knows as another body's
/// ("APRA", a Peruvian party, after "the Australian Prudential Regulation Authority (APRA)")
/// is the document's body: the definition wins. But where that body's label shares most of
/// its words with the discovered name, the name is only another spelling of it
/// ("International Atomic Energy Authority (IAEA)", for the Agency): the acronym stays, and
/// the returned map renames the discovered name to the label, so that both are one actor.
fn acronym_mentions<'l>(
    text: &str,
    found: &[Candidate],
    known: &Coverage,
    exact: &std::collections::HashMap<Span, (crate::gazetteer::EntityId, bool)>,
    label_of: impl Fn(crate::gazetteer::EntityId) -> Option<&'l str>,
) -> (Vec<Candidate>, std::collections::HashMap<String, String>) {
    let mut out = Vec::new();
    let mut renames = std::collections::HashMap::new();
    let introduced = found
        .iter()
        .filter(|c| c.kind == EntityKind::Group)
        .filter_map(|group| followed_by_acronym(text, group.span).map(|acronym| (acronym, group)));
    for_each_later(text, introduced, |span, group| {
        let boundary = crate::matcher::at_word_boundary(text, span.start, span.end);
        let free = if let Some(&(entity, _)) = exact.get(&span).filter(|_| boundary) {
            match label_of(entity) {
                Some(label) if same_words(label, &group.name) => {
                    renames.entry(group.name.clone()).or_insert_with(|| label.to_string());
                    false
                }
                _ => true,
            }
        } else {
            is_free_word(text, span, known)
        };
        if free {
            out.push(Candidate {
                kind: EntityKind::Group,
                name: group.name.clone(),
                span,
                cue: Cue::Acronym,
            });
        }
    });
    (out, renames)
}

/// Returns true if two names of a body share most of their words (of three letters or more,
/// compared without case, hyphens or apostrophes): "Organisation for Economic Co-operation and
/// Development" and "Organisation for Economic Cooperation and Development".
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split_whitespace()
            .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase())
            .filter(|w| w.chars().count() >= 3)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.intersection(&b).count();
    shared >= 2 && 2 * shared >= a.len().min(b.len())
}

/// Mentions of a discovered person's surname after their full name; `overridable` says which
/// known mentions the surname may take over.
fn surname_mentions(
    text: &str,
    found: &[Candidate],
    known: &Coverage,
    overridable: impl Fn(Span) -> bool,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let named = Coverage::new(found.iter().map(|c| c.span));
    let people = found.iter().filter(|c| c.kind == EntityKind::Person).filter_map(|person| {
        let surname = person.name.split_whitespace().last()?;
        (surname.chars().count() >= 3).then_some((surname, person))
    });
    for_each_later(text, people, |span, person| {
        let boundary = crate::matcher::at_word_boundary(text, span.start, span.end);
        let free = is_free_word(text, span, known) || (boundary && overridable(span));
        if free && !named.contains(span) {
            out.push(Candidate {
                kind: EntityKind::Person,
                name: person.name.clone(),
                span,
                cue: Cue::Surname,
            });
        }
    });
    out
}

/// Mentions of a discovered person's given name used alone after their full name ("I swam
/// with Kieren" after "Kieren Perkins"), when only that person has the given name among the
/// people found, no one found has it as a surname, and it opens no other capitalised name in
/// the text ("George Street"). A given name next to another capitalised word is never taken
/// alone.
fn given_name_mentions(text: &str, found: &[Candidate], known: &Coverage) -> Vec<Candidate> {
    let people: Vec<&Candidate> = found.iter().filter(|c| c.kind == EntityKind::Person).collect();
    let surnames: std::collections::HashSet<&str> =
        people.iter().filter_map(|p| p.name.split_whitespace().last()).collect();
    let mut owner: std::collections::HashMap<&str, Option<&Candidate>> =
        std::collections::HashMap::new();
    for person in &people {
        let Some((first, _)) = person.name.split_once(' ') else { continue };
        if !is_given_name(first) || surnames.contains(first) {
            continue;
        }
        let slot = owner.entry(first).or_insert(Some(person));
        if slot.is_some_and(|p| p.name != person.name) {
            *slot = None;
        }
    }
    let forms = people.iter().filter_map(|person| {
        let (first, _) = person.name.split_once(' ')?;
        owner.get(first).copied().flatten().map(|p| (first, p))
    });
    let named = Coverage::new(found.iter().map(|c| c.span));
    let mut alone = Vec::new();
    let mut ambiguous = std::collections::HashSet::new();
    for_each_occurrence(text, forms, |span, person| {
        let next_capitalised =
            text[span.end..].strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_uppercase));
        let after_capitalised = text[..span.start].strip_suffix(' ').is_some_and(|b| {
            b.rsplit(|c: char| !c.is_alphanumeric() && c != '.')
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
        });
        if !crate::matcher::at_word_boundary(text, span.start, span.end) {
            return;
        }
        if next_capitalised {
            // It opens another name, known or found ("George Street", "John Howard"), unless
            // the person's own: the given name alone could mean either.
            let own = named.overlaps(span) && text[span.start..].starts_with(person.name.as_str());
            if !own {
                ambiguous.insert(&text[span]);
            }
        } else if span.start >= person.span.end
            && !after_capitalised
            && !named.overlaps(span)
            && !known.overlaps(span)
        {
            alone.push((span, person));
        }
    });
    alone
        .into_iter()
        .filter(|(span, _)| !ambiguous.contains(&text[*span]))
        .map(|(span, person)| Candidate {
            kind: EntityKind::Person,
            name: person.name.clone(),
            span,
            cue: Cue::Surname,
        })
        .collect()
}

/// Calls `f` for each occurrence of a short form (an acronym, a surname) after the first
/// candidate that introduced it, with that candidate. One pass over the text finds every
/// short form, so the cost does not grow with the number of candidates.
fn for_each_later<'c>(
    text: &str,
    forms: impl Iterator<Item = (&'c str, &'c Candidate)>,
    mut f: impl FnMut(Span, &'c Candidate),
) {
    for_each_occurrence(text, forms, |span, candidate| {
        if span.start >= candidate.span.end {
            f(span, candidate);
        }
    });
}

/// Calls `f` for each occurrence of a short form anywhere in the text, with the first
/// candidate that has it. One pass over the text.
fn for_each_occurrence<'c>(
    text: &str,
    forms: impl Iterator<Item = (&'c str, &'c Candidate)>,
    mut f: impl FnMut(Span, &'c Candidate),
) {
    let mut first: Vec<(&str, &Candidate)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (form, candidate) in forms {
        if seen.insert(form) {
            first.push((form, candidate));
        }
    }
    if first.is_empty() {
        return;
    }
    let searcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(first.iter().map(|(form, _)| form))
        .expect("short forms of names always make an automaton");
    for found in searcher.find_iter(text) {
        let (_, candidate) = first[found.pattern().as_usize()];
        f(Span::new(found.start(), found.end()), candidate);
    }
}

fn is_free_word(text: &str, span: Span, known: &Coverage) -> bool {
    crate::matcher::at_word_boundary(text, span.start, span.end) && !known.overlaps(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people_and_groups(text: &str) -> Vec<(String, EntityKind, Cue)> {
        Discoverer::new()
            .find(text, &[])
            .into_iter()
            .map(|c| (text[c.span].to_string(), c.kind, c.cue))
            .collect()
    }

    /// The built-in gazetteer with its matcher and discoverer, built once for the tests.
    fn builtin() -> &'static (crate::Gazetteer, crate::Matcher, Discoverer) {
        static BUILTIN: std::sync::OnceLock<(crate::Gazetteer, crate::Matcher, Discoverer)> =
            std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            let gaz = crate::Gazetteer::builtin();
            let matcher = crate::Matcher::new(&gaz).unwrap();
            let discoverer = Discoverer::for_gazetteer(&gaz);
            (gaz, matcher, discoverer)
        })
    }

    /// What discovery proposes in `text` beside the built-in gazetteer's mentions.
    fn discovered(text: &str) -> Vec<Candidate> {
        let (_, matcher, discoverer) = builtin();
        discoverer.find(text, &matcher.find_all(text))
    }

    /// What discovery proposes in `text` on the words `word`, and all it proposes there.
    fn discovered_at(text: &str, word: &str) -> (Vec<Candidate>, Vec<Candidate>) {
        let found = discovered(text);
        (found.iter().filter(|c| &text[c.span] == word).cloned().collect(), found)
    }

    fn assert_found(text: &str, want: &[(&str, EntityKind)]) {
        let got = people_and_groups(text);
        let names: Vec<_> = got.iter().map(|(s, k, _)| (s.as_str(), *k)).collect();
        assert_eq!(names, want, "{text}");
    }

    #[test]
    fn kin_take_the_surname_of_the_person_they_are_kin_to() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Gary Redmond, who lost his 26-year-old son Scott, spoke.",
                &[("Gary Redmond", "Gary Redmond"), ("Scott", "Scott Redmond")],
            ),
            (
                "Lena Vogt spoke. Vogt's widow Olivia and his twin brother Mark came.",
                &[
                    ("Lena Vogt", "Lena Vogt"),
                    ("Vogt", "Lena Vogt"),
                    ("Olivia", "Olivia Vogt"),
                    ("Mark", "Mark Vogt"),
                ],
            ),
            // No one named in full in the sentence: no surname to give, nothing proposed.
            ("Lena Vogt spoke. His widow Olivia came.", &[("Lena Vogt", "Lena Vogt")]),
            // A title, a word that is no given name, a full name after the noun.
            ("Lena Vogt met Sister Mary there.", &[("Lena Vogt", "Lena Vogt")]),
            ("Lena Vogt and his son Zebulon came.", &[("Lena Vogt", "Lena Vogt")]),
            (
                "Lena Vogt and his son Mark Vogt came.",
                &[("Lena Vogt", "Lena Vogt"), ("Mark Vogt", "Mark Vogt")],
            ),
            // Multi-byte characters before the noun.
            ("Lena Vogt,\u{a0}son Mark", &[("Lena Vogt", "Lena Vogt"), ("Mark", "Mark Vogt")]),
        ];
        for (text, want) in cases {
            let got: Vec<(&str, String)> = Discoverer::new()
                .find(text, &[])
                .into_iter()
                .filter(|c| c.kind == EntityKind::Person)
                .map(|c| (&text[c.span], c.name))
                .collect();
            let want: Vec<(&str, String)> = want.iter().map(|(s, n)| (*s, n.to_string())).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn person_cues() {
        use EntityKind::Person;
        let cases: &[(&str, &[(&str, Cue)])] = &[
            ("Gen. Omar Haddad arrived.", &[("Omar Haddad", Cue::Title)]),
            ("Foreign Minister Lena Vogt spoke.", &[("Lena Vogt", Cue::Title)]),
            ("Lena Vogt said the talks failed.", &[("Lena Vogt", Cue::Speech)]),
            ("\"No,\" said Lena Vogt.", &[("Lena Vogt", Cue::Speech)]),
            ("according to Lena Vogt of the group", &[("Lena Vogt", Cue::Speech)]),
            ("By Georgia Hayes\n\nText.", &[("Georgia Hayes", Cue::Byline)]),
            ("Lena Vogt, a researcher, agreed.", &[("Lena Vogt", Cue::Apposition)]),
            ("Abu Karim al-Masri said so.", &[("Abu Karim al-Masri", Cue::Speech)]),
            // Without a cue, only a given name makes a person.
            ("On Monday Lena Vogt left.", &[("Lena Vogt", Cue::GivenName)]),
            ("On Monday Zorbo Vogt left.", &[]),
            // Coordinated names are two people, and a hyphen joins given names.
            (
                "Monica Seles and Jan-Michael Gambill won.",
                &[("Monica Seles", Cue::GivenName), ("Jan-Michael Gambill", Cue::GivenName)],
            ),
            // A title inside a longer run: the name after it.
            ("Federal Science Minister Peter McGauran spoke.", &[("Peter McGauran", Cue::Title)]),
            ("Party Leader Zorbo Vogt spoke.", &[("Zorbo Vogt", Cue::Title)]),
            // What only people have: an age, "who", a place they come from, an occupation.
            ("a determined Zorbo Clement, 24, (18th) won", &[("Zorbo Clement", Cue::Apposition)]),
            ("batsmen Zorbo Vogt, who frustrated them", &[("Zorbo Vogt", Cue::Apposition)]),
            ("Zorbo Vogt from the Bureau warned.", &[("Zorbo Vogt", Cue::Apposition)]),
            ("Zorbo Vogt, from the People's Alliance, warned.", &[("Zorbo Vogt", Cue::Apposition)]),
            ("Zorbo Vogt, the skipper of Nicorette, agreed.", &[("Zorbo Vogt", Cue::Apposition)]),
            ("by the Blue Zorbo, 24 December", &[]),
            ("Zorbo Vogt from the north", &[]),
            // Post-nominal letters, sentence-opening descriptors and prepositions are no part
            // of the name.
            ("Mr Zorbo Vogt QC said so.", &[("Zorbo Vogt", Cue::Title)]),
            ("It rained. Leg-spinner Peter Vogt, 24, played.", &[("Peter Vogt", Cue::Title)]),
            (
                "Guides Simon Vogt and Stefan Kling were acquitted.",
                &[("Simon Vogt", Cue::GivenName), ("Stefan Kling", Cue::GivenName)],
            ),
            ("Shadow Treasurer Zorbo Vogt says no.", &[("Zorbo Vogt", Cue::Title)]),
            ("Doctor Zorbo Vogt says no.", &[("Zorbo Vogt", Cue::Title)]),
            ("Now, Congresswoman Zorbo Vogt said", &[("Zorbo Vogt", Cue::Title)]),
            // A speaker label in a transcript names who speaks, at a line's or a sentence's
            // start.
            (
                "MEMBER: Yes, sir. ZORBO VOGT: Thank you, Lena Vogt.",
                &[("Lena Vogt", Cue::GivenName)],
            ),
            ("Intro.\nZORBO H.W. VOGT: Yes.", &[]),
            ("Outside Sydney, the storms", &[]),
            // A name that only opens with a word the lexicon lacks keeps it.
            ("Naeil Ahmad Abdullah was held.", &[]),
            ("Zorbo Peter Vogt said so.", &[("Zorbo Peter Vogt", Cue::Speech)]),
            // A full stop ends the speech a name would follow.
            ("she said. Zorbo Vogtland dietitians agree", &[]),
            ("I'm Zorbo Vogt and I approve.", &[]),
            // After a determiner or "former", a word before a given name describes the person.
            ("the former Beatle George Vogtland died", &[("George Vogtland", Cue::GivenName)]),
            // Knighthoods, role nouns and a title set off by commas.
            ("the sea hero Sir Zorbo Vogt was shot", &[("Zorbo Vogt", Cue::Title)]),
            ("former champion Zorbo Vogt was there", &[("Zorbo Vogt", Cue::Title)]),
            ("and director Zorbo Vogt were fined", &[("Zorbo Vogt", Cue::Title)]),
            ("India's Home Minister, ZK Vogt, was quoted", &[("ZK Vogt", Cue::Title)]),
            ("the Home Minister, Zorbo Vogt and others", &[]),
            // A surname the text also uses alone for a person makes the full name a person's,
            // and the surname after an honorific is a person even alone.
            (
                "coaching Zorbo Vogt in 1999. Vogt says he is grateful.",
                &[("Zorbo Vogt", Cue::NamedAlone), ("Vogt", Cue::Surname)],
            ),
            (
                "coaching Zorbo Vogt in 1999. Later Mr Vogt left.",
                &[("Zorbo Vogt", Cue::NamedAlone), ("Vogt", Cue::Surname)],
            ),
            ("Mr Struree told the court.", &[("Struree", Cue::Title)]),
            ("coaching Zorbo Vogt in 1999.", &[]),
            ("Mr President walked in. Mr IBM too. Mr Police.", &[]),
        ];
        for (text, want) in cases {
            let got = people_and_groups(text);
            let want: Vec<_> = want.iter().map(|(s, c)| (s.to_string(), Person, *c)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn group_cues() {
        assert_found(
            "the Sahel Peace Council met the Levant Policy Institute.",
            &[
                ("Sahel Peace Council", EntityKind::Group),
                ("Levant Policy Institute", EntityKind::Group),
            ],
        );
        // A person of an organisation is two actors; an office of one is none.
        assert_found(
            "Senator Lena Vogt of the Levant Policy Committee says no.",
            &[("Lena Vogt", EntityKind::Person), ("Levant Policy Committee", EntityKind::Group)],
        );
        assert_found(
            "The President of the Hazara Ethnic Society, Hassan Ghulam, said so.",
            &[("Hazara Ethnic Society", EntityKind::Group), ("Hassan Ghulam", EntityKind::Person)],
        );
        assert_found(
            "The Bureau of Meteorology said so.",
            &[("Bureau of Meteorology", EntityKind::Group)],
        );
        // An organisation noun after the name, or an officer of it before a person's name.
        assert_found(
            "staff of the Zorbo World canyoning tour company were charged",
            &[("Zorbo World", EntityKind::Group)],
        );
        assert_found(
            "Zorbo World president Stephan Vogt was acquitted.",
            &[("Zorbo World", EntityKind::Group), ("Stephan Vogt", EntityKind::Person)],
        );
        assert_found("a Zorbo Hawk helicopter company", &[]);
        assert_found("the Zorbo Vogt said its company", &[("Zorbo Vogt", EntityKind::Person)]);
        assert_found("Service spokesman Zorbo Vogt says", &[("Zorbo Vogt", EntityKind::Person)]);
        // An acronym whose letters are initials of the name in order, ending with its last
        // one; one that spells every initial makes a group of a name opening with a state's.
        // Two organisations joined by "and the"; events, facilities and portfolios are none.
        assert_found(
            "helped by the Royal Fire Service and the Levant Fire Brigades today",
            &[
                ("Royal Fire Service", EntityKind::Group),
                ("Levant Fire Brigades", EntityKind::Group),
            ],
        );
        assert_found("part of Centenary of Federation celebrations", &[]);
        assert_found("en route to the International Space Station (ISS) with", &[]);
        assert_found(
            "Emergency Services Minister Zorbo Vogt paid tribute.",
            &[("Zorbo Vogt", EntityKind::Person)],
        );
        let text = "The Levant State Rescue Service (SRS) says so. SRS staff agree.";
        let found = Discoverer::new().find(text, &[]);
        let names: Vec<&str> = found.iter().map(|c| &text[c.span]).collect();
        assert_eq!(names, ["Levant State Rescue Service", "SRS", "SRS"]);
        assert!(found.iter().all(|c| c.name == "Levant State Rescue Service"));
        let text = "The Levant State Rescue Service (LSX) says so. LSX staff agree.";
        assert_found(text, &[("Levant State Rescue Service", EntityKind::Group)]);
        // A noun for an organisation right before a name.
        for (text, name) in [
            ("a report by accountancy firm Zorbo and Young on it", "Zorbo and Young"),
            ("the PR company Jour J said", "Jour J"),
            ("a doctor for the relief agency Muslim Hands said", "Muslim Hands"),
            ("the travel company Traveland went broke", "Traveland"),
        ] {
            assert_found(text, &[(name, EntityKind::Group)]);
        }
        assert_found("the company Lena Vogt founded", &[("Lena Vogt", EntityKind::Person)]);
    }

    #[test]
    fn natural_features_are_places() {
        for (text, want) in [
            (
                "canyoning down the Saxeten River Gorge near Interlaken",
                &["Saxeten River Gorge"][..],
            ),
            ("the White Mountains range and Lake Bonney", &["White Mountains", "Lake Bonney"]),
            ("in an area called Dismal Swamp, about", &["Dismal Swamp"]),
            ("the Finke River flooded", &["Finke River"]),
            ("The Blue Lagoon was calm.", &["Blue Lagoon"]),
            // A feature word alone, or with a title or an organisation word, is no place.
            ("The River flooded", &[]),
            ("the Murray River Council met", &[]),
        ] {
            let got: Vec<String> = people_and_groups(text)
                .into_iter()
                .filter(|(_, kind, _)| *kind == EntityKind::Place)
                .map(|(name, _, _)| name)
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn known_names_open_groups_but_are_never_rediscovered() {
        let text = "Syrian Democratic Forces and Sahel Peace Council";
        let id = crate::gazetteer::EntityId::new(0);
        let known =
            [Mention::new(id, Span::new(0, 24), false), Mention::new(id, Span::new(29, 34), false)];
        let found: Vec<&str> =
            Discoverer::new().find(text, &known).iter().map(|c| &text[c.span]).collect();
        assert_eq!(found, ["Sahel Peace Council"]);
        // No part of a known name is rediscovered, even one after its "and".
        let text = "The Construction Forestry Mining and Energy Union met.";
        let known = [Mention::new(id, Span::new(4, 49), false)];
        assert!(Discoverer::new().find(text, &known).is_empty());
    }

    #[test]
    fn organisations_facilities_and_coordination_are_not_people() {
        for (text, want) in [
            // An organisation word makes a group, never a person who "says".
            ("The Rural Fire Service says crews are ready.", Some(EntityKind::Group)),
            ("The Sydney Police Board said so.", Some(EntityKind::Group)),
            // "for", "of", "the", "and" belong to organisations' names, not people's.
            ("The Member for Fremantle said so.", None),
            // Facilities are not actors.
            ("Gen. Omar Haddad visited the Northside Shopping Centre.", None),
            ("near the Woomera Detention Centre (WDC) today", None),
        ] {
            let got = people_and_groups(text);
            let kinds: Vec<_> = got
                .iter()
                .filter(|(name, _, _)| name != "Omar Haddad")
                .map(|(_, k, _)| *k)
                .collect();
            assert_eq!(kinds.first().copied(), want, "{text}: {got:?}");
        }
        let known = [Mention::new(crate::gazetteer::EntityId::new(0), Span::new(4, 18), false)];
        let text = "the European Union and the Group of Eight Council";
        let found = Discoverer::new().find(text, &known);
        assert!(found.iter().all(|c| !c.name.contains("and the")), "{found:?}");
    }

    #[test]
    fn given_names_open_people_but_not_places_or_prizes() {
        for (text, want) in [
            ("Steve Waugh hit a century.", Some("Steve Waugh")),
            ("Then Raanan Gissin spoke briefly.", Some("Raanan Gissin")),
            ("Mohammad Qasim Fahim arrived.", Some("Mohammad Qasim Fahim")),
            ("Carmen T. Villanueva arrived.", Some("Carmen T. Villanueva")),
            ("Phillip Island was closed.", None),
            ("He won the Davis Cup.", None),
            // Four words is no longer a bare name.
            ("Steve Mark Waugh Smith played.", None),
            // Not a given name.
            ("Hill Top residents left.", None),
        ] {
            let got = people_and_groups(text);
            let person = got.iter().find(|(_, k, _)| *k == EntityKind::Person);
            assert_eq!(person.map(|(name, _, _)| name.as_str()), want, "{text}: {got:?}");
            if want.is_some() {
                assert_eq!(person.unwrap().2, Cue::GivenName, "{text}");
            }
        }
    }

    #[test]
    fn a_title_splits_an_organisation_from_a_person() {
        assert_found(
            "The Rural Fire Service Commissioner Phil Koperberg says.",
            &[("Rural Fire Service", EntityKind::Group), ("Phil Koperberg", EntityKind::Person)],
        );
        // Coordination never joins two names into one person; a bare name coordinated with a
        // person's is a person too, but not a place's or an organisation's name.
        let got = people_and_groups("Zorbo Vogt and Lena Haddad met.");
        let want = [("Zorbo Vogt", Cue::Coordination), ("Lena Haddad", Cue::GivenName)];
        assert_eq!(got.iter().map(|(s, _, c)| (s.as_str(), *c)).collect::<Vec<_>>(), want);
        for text in ["Lena Haddad and Phillip Island were there.", "Lena Haddad and Zorbo Bay."] {
            let got = people_and_groups(text);
            let people: Vec<_> = got
                .iter()
                .filter(|(_, k, _)| *k == EntityKind::Person)
                .map(|(s, _, _)| s)
                .collect();
            assert_eq!(people, ["Lena Haddad"]);
        }
        assert_found(
            "The Bureau of Fish and Aquatic Resources said so.",
            &[("Bureau of Fish and Aquatic Resources", EntityKind::Group)],
        );
        // An organisation word, "of" or "for", and the body's field.
        assert_found(
            "But the Bureau of Zorbology's Claire Richards says. The Centre for Zorbo Control.",
            &[
                ("Bureau of Zorbology", EntityKind::Group),
                ("Claire Richards", EntityKind::Person),
                ("Centre for Zorbo Control", EntityKind::Group),
            ],
        );
        assert_found("the Council of the Year", &[]);
    }

    #[test]
    fn places_are_introduced_by_their_words() {
        for (text, want) in [
            ("fire threatened the town of Hill Top today", &["Hill Top"][..]),
            ("between the settlements of Alei Sinai and Nitzanit", &["Alei Sinai", "Nitzanit"]),
            ("a new fire at Gunning, south of Goulburn", &["Gunning", "Goulburn"]),
            ("At Boonah south-west of Ipswich, tarpaulins", &["Boonah", "Ipswich"]),
            ("Ballidu just west of Burakin shook", &["Ballidu", "Burakin"]),
            // A person from a place: the person is classified apart.
            ("Lena Vogt of Zorbotown just west of Perth says", &["Zorbotown", "Perth"]),
            // A title or an ordinary word is no place.
            ("the town of Mayor Vogt", &[]),
            ("the Town of the Year", &[]),
        ] {
            let got: Vec<String> = people_and_groups(text)
                .into_iter()
                .filter(|(_, kind, cue)| *kind == EntityKind::Place && *cue == Cue::Place)
                .map(|(name, _, _)| name)
                .collect();
            assert_eq!(got, want, "{text}");
        }
        let got = people_and_groups("Lena Vogt of Zorbotown just west of Perth says");
        assert_eq!((got[0].0.as_str(), got[0].1), ("Lena Vogt", EntityKind::Person));
    }

    #[test]
    fn names_after_a_known_opening_or_an_organisation() {
        // A person after a state's adjective ("American Spencer Tunick"), and a person after the
        // organisation or facility they speak for, which is a group of its own.
        for (text, want) in [
            (
                "the American Spencer Zorbo photographed",
                &[("Spencer Zorbo", EntityKind::Person)][..],
            ),
            (
                "Senior forecaster with the Sydney Tidal Bureau Ian Zorbo, says",
                &[("Sydney Tidal Bureau", EntityKind::Group), ("Ian Zorbo", EntityKind::Person)],
            ),
            (
                "Director of Zorbo International Airport Tom Kinton says",
                &[("Tom Kinton", EntityKind::Person)],
            ),
            // A state's adjective before a place or a prize makes no person.
            ("the Australian Phillip Island race", &[]),
        ] {
            let got: Vec<(&str, EntityKind)> =
                discovered(text).iter().map(|c| (&text[c.span], c.kind)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn names_listed_with_known_places_are_places() {
        for (text, want) in [
            ("as far inland as Mudgee, Zorbomine and Kempsey", &["Zorbomine"][..]),
            (
                "including Queanbeyan, O'Zorbo, Mount Zorbo, Red Zorbo and Black Zorbo.",
                &["O'Zorbo", "Mount Zorbo", "Red Zorbo", "Black Zorbo"],
            ),
            ("from Zorbotown, Canberra and Sydney", &["Zorbotown"]),
            ("I come from Zorbo Run, Ohio, and Zorbotown, Ohio.", &["Zorbo Run", "Zorbotown"]),
            // A greeting is no list item.
            ("Hello, Ohio! Hey, Delaware. BIDEN: Yay, Sydney", &[]),
            // A dateline's date is no place.
            ("CAIRO, Jan. 20 (Reuters)", &[]),
            ("Cairo, Zorbo. 20 (Reuters)", &[]),
            // A given name opens a person's name, and a name that runs on is no list item.
            ("in Sydney, Ian Zorbo said", &[]),
            ("in Sydney, Zorbo Zorbo said", &[]),
            // A state's adjective is no place in a list.
            ("Australian and Zorbo troops", &[]),
            // After a comma alone a list goes on; otherwise the comma ends a clause.
            ("vote Romney and, in western Ohio, Zorbo. Thanks", &[]),
            ("in Hialeah, Florida, Zorbo Pharmacy.", &[]),
            ("in Mudgee, Zorbomine, Zorbotown and Kempsey", &["Zorbomine", "Zorbotown"]),
            // A greeting after a transcript's stage direction opens its sentence.
            ("(Cheers, applause.) Hello, Maryland. (Applause.) Hi, Ohio!", &[]),
            // Before a comma, the place must end its clause ("Goshen, Indiana, is").
            ("since the Great Zorbo, Virginia maintained its rating", &[]),
            ("chairman of the Zorbo Caucus, America's caucus", &[]),
            ("a farm in Goshen, Indiana, was sold", &["Goshen"]),
            ("born in Zorbotown, North Carolina — (cheers)", &["Zorbotown"]),
        ] {
            let got: Vec<&str> = discovered(text)
                .iter()
                .filter(|c| c.kind == EntityKind::Place)
                .map(|c| &text[c.span])
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn surname_follows_full_name() {
        let got = people_and_groups("Omar Haddad, a spokesman, spoke. Later Haddad left.");
        assert_eq!(got.len(), 2);
        assert_eq!((got[1].0.as_str(), got[1].2), ("Haddad", Cue::Surname));
    }

    #[test]
    fn one_document_gives_one_name_to_one_actor() {
        // (text, the surface of a mention, the name it should carry)
        let cases = [
            (
                "The New South Wales Rural Fire Service says crews are out. The Rural Fire Service \
                 says more are coming.",
                "Rural Fire Service",
                "New South Wales Rural Fire Service",
            ),
            (
                "Commander Ahmad Wali Masood said so. Later Dr Wali Masood spoke again.",
                "Wali Masood",
                "Ahmad Wali Masood",
            ),
            (
                "The Israeli Nature Authority met, and critics of the Israel Nature Authority spoke.",
                "Israel Nature Authority",
                "Israeli Nature Authority",
            ),
            (
                "Former Beatle George Harrison has died. George Harrison was 58.",
                "George Harrison",
                "George Harrison",
            ),
        ];
        for (text, surface, name) in cases {
            let found = Discoverer::new().find(text, &[]);
            let names: Vec<(&str, &str)> =
                found.iter().map(|c| (&text[c.span], c.name.as_str())).collect();
            assert!(
                found.iter().filter(|c| &text[c.span] == surface).all(|c| c.name == name),
                "{text}: {names:?}"
            );
            assert!(found.iter().any(|c| &text[c.span] == surface), "{text}: {names:?}");
        }
        // Two longer names end the same way: the short one stays as it is.
        let text = "The Sydney Weather Bureau and the Hobart Weather Bureau agree with the Weather \
                    Bureau.";
        let found = Discoverer::new().find(text, &[]);
        assert!(found.iter().any(|c| c.name == "Weather Bureau"), "{found:?}");
    }

    #[test]
    fn a_defined_acronym_names_the_body_that_defines_it() {
        // (text, the acronym, the name each of its mentions should carry; None: the
        // gazetteer's mention stays)
        let cases = [
            // (AFP is the news agency's in the gazetteer.)
            (
                "The Australian Fisheries Protectorate (AFP) met. AFP will act.",
                "AFP",
                Some("Australian Fisheries Protectorate"),
            ),
            // Another spelling of the known body's name: the known acronym stays, and the
            // name goes to the known body's label.
            (
                "The International Atomic Energy Authority (IAEA) said. The IAEA agreed.",
                "IAEA",
                None,
            ),
        ];
        let gaz = &builtin().0;
        for (text, acronym, want) in cases {
            let (acronyms, names) = discovered_at(text, acronym);
            match want {
                Some(name) => {
                    assert_eq!(acronyms.len(), 2, "{text}: {names:?}");
                    assert!(acronyms.iter().all(|c| c.name == name), "{text}: {names:?}");
                }
                None => {
                    assert!(acronyms.is_empty(), "{text}: {names:?}");
                    let long = names.iter().find(|c| text[c.span].starts_with("International"));
                    let id = long.and_then(|c| gaz.known_as(c.kind, &c.name));
                    assert_eq!(id.map(|id| gaz.get(id).unwrap().id()), Some("iaea"), "{names:?}");
                }
            }
        }
    }

    #[test]
    fn a_discovered_full_name_owns_its_surname() {
        // (text, the surname, the name its mentions should carry; None: left to the gazetteer)
        let cases = [
            (
                "Jason Stoltenberg will coach. Stoltenberg says he is keen.",
                "Stoltenberg",
                Some("Jason Stoltenberg"),
            ),
            (
                "World champion Matt Welsh swam. Welsh had an early night.",
                "Welsh",
                Some("Matt Welsh"),
            ),
            // A known full name in the document ending with it: the surname stays unresolved
            // by discovery.
            (
                "Jason Stoltenberg met Jens Stoltenberg. Stoltenberg says he is keen.",
                "Stoltenberg",
                None,
            ),
        ];
        for (text, surname, want) in cases {
            let (alone, names) = discovered_at(text, surname);
            match want {
                Some(name) => {
                    assert_eq!(alone.len(), 1, "{text}: {names:?}");
                    assert_eq!(alone[0].name, name, "{text}: {names:?}");
                }
                None => assert!(alone.is_empty(), "{text}: {names:?}"),
            }
        }
    }

    #[test]
    fn known_mentions_are_left_alone() {
        let text = "Lena Vogt said so.";
        let known = [Mention::new(crate::gazetteer::EntityId::new(0), Span::new(0, 9), false)];
        assert!(Discoverer::new().find(text, &known).is_empty());
    }

    #[test]
    fn a_given_name_and_initial_before_a_known_person_are_that_person_s() {
        for (text, want) in [
            ("Paul Ryan spoke. A good man, Paul D. Ryan, to be vice president", &[][..]),
            // Another given name is someone else's.
            ("Paul Ryan spoke. A good man, Carmen D. Ryan, to be vice president", &["Carmen D"]),
        ] {
            let got: Vec<String> = discovered(text).iter().map(|c| text[c.span].into()).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
