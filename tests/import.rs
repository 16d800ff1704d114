//! `actorgraph gazetteer import` on the real dictionaries in ../shared/data and on small
//! inputs: the counts it prints, its errors, and that its output loads as a gazetteer.

use std::path::{Path, PathBuf};

use actorgraph::{EntityKind, Gazetteer};

use crate::util::{TempDir, actorgraph, run};

/// A file of ../shared/data, or `None` (with a message) if it is absent. With
/// `ACTORGRAPH_REQUIRE_SHARED` set, an absent file fails the test instead.
fn shared(relative: &str) -> Option<PathBuf> {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data")).join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("ACTORGRAPH_REQUIRE_SHARED").is_some() {
        panic!("{} is absent and ACTORGRAPH_REQUIRE_SHARED is set", path.display());
    }
    eprintln!("skipped: {} is not present", path.display());
    None
}

/// Runs an import into a temporary file. Returns the exit code, standard error with the
/// input's path written as `FILE`, and the loaded gazetteer (if the run succeeded).
fn import(args: &[&str], input: &Path) -> (i32, String, Option<Gazetteer>) {
    let dir = TempDir::new("import");
    let out = dir.join("out.tsv");
    let (code, stdout, stderr) =
        run(actorgraph().args(["gazetteer", "import"]).args(args).arg(input).arg("-o").arg(&out));
    assert_eq!(stdout, "", "with -o nothing goes to standard output");
    let stderr = stderr.replace(&input.display().to_string(), "FILE");
    assert!(code != 2 || !out.exists(), "a failed import leaves no output file");
    let gaz = (code == 0).then(|| Gazetteer::from_path(&out).unwrap());
    (code, stderr, gaz)
}

fn count(gaz: &Gazetteer, kind: EntityKind) -> usize {
    gaz.entries().filter(|e| e.kind() == kind).count()
}

/// Runs a CAMEO import and loads it as the layer over the built-in gazetteer it is: its
/// merge rows add to built-in ids. Returns the exit code, standard error, the file's rows
/// (merge rows included) and the layered gazetteer.
fn import_cameo(input: &Path) -> (i32, String, usize, Option<Gazetteer>) {
    import_layer("cameo", input)
}

/// Runs an import `--from FORMAT` and loads it over the built-in gazetteer, as
/// [`import_cameo`] does.
fn import_layer(format: &str, input: &Path) -> (i32, String, usize, Option<Gazetteer>) {
    let dir = TempDir::new("import");
    let out = dir.join("out.tsv");
    let (code, stdout, stderr) = run(actorgraph()
        .args(["gazetteer", "import", "--from", format])
        .arg(input)
        .arg("-o")
        .arg(&out));
    assert_eq!(stdout, "", "with -o nothing goes to standard output");
    let stderr = stderr.replace(&input.display().to_string(), "FILE");
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let rows = text.lines().filter(|l| !l.starts_with('#')).count().saturating_sub(1);
    let gaz = (code == 0)
        .then(|| Gazetteer::builder().add_builtin().add_path(&out).unwrap().build().unwrap());
    (code, stderr, rows, gaz)
}

/// Counts the entities of a kind that an imported file defines (not the built-in ones).
fn count_imported(gaz: &Gazetteer, kind: EntityKind) -> usize {
    gaz.entries().filter(|e| e.kind() == kind && e.origin().contains("out.tsv")).count()
}

const GEONAMES_UNKNOWN_15000: &str = "actorgraph: note: country codes with no state in the \
gazetteer (country left empty): AW (4), CW (2), GF (5), GG (1), GI (1), GP (9), GU (5), HK (139), \
JE (1), KY (2), MO (6), MP (2), MQ (8), NC (3), PF (3), PR (19), RE (14), TC (1), VI (2), YT (6)\n";

#[test]
fn geonames_cities500_above_15000() {
    let Some(path) = shared("geonames/cities500.txt.gz") else { return };
    let (code, stderr, gaz) =
        import(&["--from", "geonames", "--min-population", "15000", "--no-dictionary"], &path);
    assert_eq!(code, 0, "{stderr}");
    let want = String::from(
        "actorgraph: imported 33033 entities with 39892 names from FILE (33033 places)
actorgraph: skipped 245 ASCII names that are no folded form of a name (\"ask\" for Łask)
actorgraph: skipped 1841 names of a more populous place
actorgraph: skipped 33 names of a state (they would take the name from the state)
actorgraph: skipped 181 names on the stop-list
actorgraph: skipped 570 names that are given names or surnames of persons
actorgraph: skipped 200884 places below the minimum population
actorgraph: skipped 278 places the reference gazetteer has (a shared name of a place in that state)
actorgraph: skipped 713 places with no name left (stop-list, state name, dictionary word or person name)
actorgraph: 1580 entities have a qualified label: their name is stop-listed or a more populous place has it
",
    ) + GEONAMES_UNKNOWN_15000;
    assert_eq!(stderr, want);
    let gaz = gaz.unwrap();
    assert_eq!(gaz.len(), 33033);
    // Launceston, Tasmania is a built-in place whose name is shared (`~Launceston`): GeoNames'
    // is left out, not made one more candidate for the name.
    assert!(gaz.lookup("geonames_2160517").is_none());
    let yerres = gaz.get(gaz.lookup("geonames_2967245").unwrap()).unwrap();
    assert_eq!((yerres.label(), yerres.country_id()), ("Yerres", Some("FRA")));
    assert_eq!(yerres.note_text(), None, "the attributes have columns of their own");
    assert_eq!((yerres.feature_code(), yerres.admin_code()), (Some("P"), Some("FR.11")));
    let zamosc = gaz.get(gaz.lookup("geonames_753866").unwrap()).unwrap();
    let names: Vec<&str> = zamosc.aliases().iter().map(|a| a.text()).collect();
    assert_eq!(names, ["Zamość", "Zamosc"]);
    assert!(zamosc.location().is_some() && zamosc.population_count().is_some());
}

/// The system's English word list, which the GeoNames import reads by default (Debian's
/// `wamerican`; .ci/run installs it), or `None` (with a message) if it is absent. With
/// `ACTORGRAPH_REQUIRE_SHARED` set, an absent list fails the test instead.
fn system_words() -> Option<&'static Path> {
    let path = Path::new("/usr/share/dict/words");
    if path.is_file() {
        return Some(path);
    }
    if std::env::var_os("ACTORGRAPH_REQUIRE_SHARED").is_some() {
        panic!("{} is absent and ACTORGRAPH_REQUIRE_SHARED is set", path.display());
    }
    eprintln!("skipped: {} is not present (apt-get install wamerican)", path.display());
    None
}

#[test]
fn geonames_cities500_with_defaults() {
    let Some(path) = shared("geonames/cities500.txt.gz") else { return };
    let Some(words) = system_words() else { return };
    // The defaults read the system's word list; Debian 12's wamerican (2020.12.07) has 83,815
    // lower-case words.
    let (code, stderr, gaz) = import(&["--from", "geonames"], &path);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let dictionary =
        format!("actorgraph: dictionary words from {} (83815 lower-case words)", words.display());
    assert_eq!(lines[0], dictionary);
    assert_eq!(
        lines[1..11],
        [
            "actorgraph: imported 227232 entities with 269629 names from FILE (227232 places)",
            "actorgraph: skipped 2710 ASCII names that are no folded form of a name (\"ask\" for Łask)",
            "actorgraph: skipped 37265 names of a more populous place",
            "actorgraph: skipped 191 names of a state (they would take the name from the state)",
            "actorgraph: skipped 923 names on the stop-list",
            "actorgraph: skipped 2868 names that are dictionary words",
            "actorgraph: skipped 3416 names that are given names or surnames of persons",
            "actorgraph: skipped 958 places the reference gazetteer has (a shared name of a place in that state)",
            "actorgraph: skipped 6718 places with no name left (stop-list, state name, dictionary word or person name)",
            "actorgraph: 32281 entities have a qualified label: their name is stop-listed or a more populous place has it",
        ]
    );
    assert!(lines[11].starts_with("actorgraph: note: country codes with no state"), "{stderr}");
    assert!(lines[11].ends_with("PR (210), RE (28), SH (6), SJ (2), SX (7), TC (11), TF (1), TK (3), VG (2), VI (7), WF (8), YT (66)"));
    assert_eq!(lines.len(), 12);
    let gaz = gaz.unwrap();
    assert_eq!(gaz.len(), 227232);
    // GeoNames' ASCII names that lose letters are gone, and so are names starting with a
    // lower-case letter but those GeoNames writes so ("el Pertús", "la Vila de Gràcia").
    let names = || gaz.entries().flat_map(|e| e.aliases().iter().map(|a| a.text()));
    assert!(!names().any(|n| ["ask", "odz", "yse", "Wrocaw"].contains(&n)));
    assert_eq!(names().filter(|n| n.starts_with(char::is_lowercase)).count(), 127);
    for word in ["We", "God", "Well", "As", "Four", "Congress", "Ryan", "Boos"] {
        assert!(!names().any(|n| n == word), "{word}");
    }
    let labels: Vec<&str> =
        gaz.entries().filter(|e| e.label().starts_with("Springfield")).map(|e| e.label()).collect();
    assert!(
        labels.contains(&"Springfield") && labels.contains(&"Springfield (US-IL)"),
        "{labels:?}"
    );
}

#[test]
fn cameo_countries() {
    let Some(path) = shared("cameo/Phoenix.Countries.actors.txt") else { return };
    let (code, stderr, rows, gaz) = import_cameo(&path);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        r#"actorgraph: imported 17424 entities with 23489 names from FILE (15778 persons, 83 groups, 1563 places, 2430 merge rows adding to built-in entities)
actorgraph: skipped 7 entries that repeat an earlier entry's name and code (names added to it)
actorgraph: skipped 9 entries whose every name belongs to an earlier entry
actorgraph: skipped 2 entries with no code
actorgraph: skipped 2 entries with only the null code [---]
actorgraph: skipped 9 names already claimed by an earlier entry
actorgraph: skipped 1889 names left to the reference entity that has them
actorgraph: skipped 3 names with a replacement character (U+FFFD)
actorgraph: skipped 1 one-word names that are an office or organisation word
actorgraph: skipped 5 unreadable dates (the code is kept without them)
actorgraph: note: FILE:2039: unreadable date "9008223" in "[ARMUNR 9008223-911221]"
actorgraph: note: FILE:18010: unreadable date "201005011" in "[GBRGOV >201005011]"
actorgraph: note: FILE:22508: unreadable date "1920030320" in "[IRQOCC 1920030320-20060520]"
actorgraph: note: FILE:22519: unreadable date "1920030320" in "[IRQOCC 1920030320-20060520]"
actorgraph: note: FILE:43613: unreadable date "1920050709" in "[SDNSSDAUT 1920050709-20110709]"
actorgraph: note: 1556 synonyms of states that name no state were made places of their state
"#
    );
    assert_eq!(rows, 17424 + 2430);
    let gaz = gaz.unwrap();
    let builtin = Gazetteer::builtin();
    assert_eq!(
        [EntityKind::Person, EntityKind::State, EntityKind::Group, EntityKind::Place]
            .map(|k| count_imported(&gaz, k)),
        [15778, 0, 83, 1563]
    );
    // No second state: the layered gazetteer has the built-in states, with CAMEO codes.
    assert_eq!(count(&gaz, EntityKind::State), count(&builtin, EntityKind::State));
    let get = |id: &str| gaz.get(gaz.lookup(id).unwrap()).unwrap();
    let adjectives = |g: &Gazetteer| {
        g.entries()
            .filter(|e| e.kind() == EntityKind::State)
            .flat_map(|e| e.aliases())
            .filter(|a| a.is_adjectival())
            .count()
    };
    assert!(adjectives(&gaz) >= adjectives(&builtin));
    assert_eq!(get("RUS").actor_code(), Some("RUS"));
    for (city, state) in [("kabul", "AFG"), ("moscow", "RUS")] {
        let city = get(city);
        assert_eq!((city.kind(), city.country_id()), (EntityKind::Place, Some(state)));
    }
    let karzai = get("hamid_karzai");
    assert_eq!((karzai.affiliation_id(), karzai.actor_code()), (Some("AFG"), Some("AFGGOV")));
}

#[test]
fn cameo_international() {
    let Some(path) = shared("cameo/Phoenix.International.actors.txt") else { return };
    let (code, stderr, rows, gaz) = import_cameo(&path);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        r#"actorgraph: imported 6172 entities with 6677 names from FILE (271 persons, 5901 groups, 442 merge rows adding to built-in entities)
actorgraph: skipped 1098 entries that repeat an earlier entry's name and code (names added to it)
actorgraph: skipped 17 entries whose every name belongs to an earlier entry
actorgraph: skipped 3 entries with no code
actorgraph: skipped 11 names already claimed by an earlier entry
actorgraph: skipped 14 names left to the reference entity that has them
actorgraph: skipped 1 unreadable dates (the code is kept without them)
actorgraph: note: FILE:40: unreadable date "2004017" in "[KORGOVBUS 2004017-20061201]"
"#
    );
    assert_eq!(rows, 6172 + 442);
    let gaz = gaz.unwrap();
    assert_eq!(gaz.len(), Gazetteer::builtin().len() + 6172);
    // "The United Nations", "UN", "United Nations" and "the UN" are the built-in UN.
    let un = gaz.get(gaz.lookup("united_nations").unwrap()).unwrap();
    assert_eq!(un.actor_code(), Some("IGOUNO"));
    assert!(gaz.lookup("cameo_un").is_none() && gaz.lookup("cameo_the_un").is_none());
}

#[test]
fn cameo_mil_non_state() {
    let Some(path) = shared("cameo/Phoenix.MilNonState.actors.txt") else { return };
    let (code, stderr, rows, gaz) = import_cameo(&path);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "actorgraph: imported 866 entities with 1704 names from FILE (866 groups, 138 merge rows adding to built-in entities)
actorgraph: skipped 2 entries that repeat an earlier entry's name and code (names added to it)
actorgraph: skipped 9 entries whose every name belongs to an earlier entry
actorgraph: skipped 7 names already claimed by an earlier entry
actorgraph: skipped 77 names left to the reference entity that has them
actorgraph: skipped 2 one-word names that are an office or organisation word
"
    );
    assert_eq!(rows, 866 + 138);
    assert_eq!(gaz.unwrap().len(), Gazetteer::builtin().len() + 866);
}

/// A GeoNames line with the given id, name, country and population.
fn geonames_row(id: u32, name: &str, cc: &str, population: u32) -> String {
    format!(
        "{id}\t{name}\t{name}\t\t1.0\t2.0\tP\tPPL\t{cc}\t\t01\t\t\t\t{population}\t\t\tZone\t\n"
    )
}

#[test]
fn geonames_stop_list_file_and_feature_class() {
    let dir = TempDir::new("import-geonames");
    let rows = geonames_row(1, "Ossett", "GB", 100) + &geonames_row(2, "Pudsey", "GB", 200);
    let input = dir.write("cities.txt", rows);
    let stop = dir.write("stop.txt", "# mine\n\nossett\n");
    let (code, stdout, stderr) = run(actorgraph()
        .args([
            "gazetteer",
            "import",
            "--from",
            "geonames",
            "--feature-class",
            "P,A",
            "--stop-list",
        ])
        .arg(&stop)
        .arg(&input));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("# Imported with: actorgraph gazetteer import --from geonames cities.txt\n# Contains data from GeoNames"), "{stdout}");
    assert!(
        stdout.ends_with("geonames_2\tplace\tPudsey\t\tGBR\t1\t2\t200\tP.PPL\tGB.01\t2\n"),
        "{stdout}"
    );
    assert!(stderr.contains("skipped 1 names on the stop-list\n"), "{stderr}");
}

/// A GeoNames line as cities500.txt has it: id, name, ASCII name, coordinates, country, admin
/// code and population.
fn geonames_line(id: u32, name: &str, ascii: &str, at: (f64, f64), cc: &str, pop: u32) -> String {
    let (lat, lon) = at;
    format!("{id}\t{name}\t{ascii}\t\t{lat}\t{lon}\tP\tPPL\t{cc}\t\t01\t\t\t\t{pop}\t\t\tZone\t\n")
}

/// The GeoNames places behind the defects of issue 11, with their names and ASCII names as in
/// cities500.txt (populations rounded).
fn issue_11_places() -> String {
    [
        (3093902, "Łask", "ask", (51.59056, 19.13278), "PL", 18577),
        (2137690, "Wé", "We", (-20.91687, 167.26461), "NC", 10375),
        (3052241, "Göd", "God", (47.68324, 19.13417), "HU", 15874),
        (2744865, "Well", "Well", (51.55, 6.1), "NL", 2000),
        (2803138, "As", "As", (51.0, 5.58), "BE", 8000),
        (3017555, "Four", "Four", (45.58, 5.2), "FR", 1300),
        (5292387, "Congress", "Congress", (34.16, -112.85), "US", 1975),
        (555312, "Is", "Is", (58.79, 59.73), "RU", 1200),
        (2661604, "Au", "Au", (47.25, 9.65), "CH", 7000),
        (1253907, "Un", "Un", (29.6, 77.65), "IN", 20000),
        (1698548, "Nato", "Nato", (13.6, 123.56), "PH", 5000),
        (3558315, "Florida", "Florida", (21.53, -78.22), "CU", 50000),
        (4013708, "Texas", "Texas", (19.8, -97.1), "MX", 800),
        (1016181, "Virginia", "Virginia", (-28.1, 26.87), "ZA", 66000),
        (4550007, "Ryan", "Ryan", (34.02, -97.95), "US", 800),
        (5263045, "Milwaukee", "Milwaukee", (43.0389, -87.90647), "US", 600155),
    ]
    .into_iter()
    .map(|(id, name, ascii, at, cc, pop)| geonames_line(id, name, ascii, at, cc, pop))
    .collect()
}

/// Issue 11, GeoNames: stacked on the built-in gazetteer, an import adds places and their
/// coordinates, and takes no acronym, no US state and no dictionary word.
#[test]
fn r11_geonames_import_stacks_without_noise() {
    let dir = TempDir::new("import-r11");
    let input = dir.write("cities.txt", issue_11_places());
    let words = dir
        .write("words.txt", "# a small list\nwe\ngod\nwell\nas\nfour\nask\ncongress\nis\nPeter\n");
    let out = dir.join("geo.tsv");
    let (code, _, stderr) = run(actorgraph()
        .args(["gazetteer", "import", "--from", "geonames", "--dictionary"])
        .arg(&words)
        .arg(&input)
        .arg("-o")
        .arg(&out));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("dictionary words from ") && stderr.contains("(8 lower-case words)"));
    let text = dir.write(
        "news.txt",
        "IS fighters attacked. Then the AU and the UN met NATO envoys in Florida, Texas and \
         Virginia. We ask God. Well, as Congress said, Four of them went to Łask and Lask, \
         then Milwaukee. Ryan spoke.\n",
    );
    let (code, csv, stderr) = run(actorgraph()
        .args(["extract", "-q", "--gazetteer"])
        .arg(&out)
        .arg(&text)
        .args(["-o", "-"]));
    assert_eq!(code, 0, "{stderr}");
    let found: Vec<(String, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[5].to_string(), cells[2].to_string())
        })
        .collect();
    let entity = |surface: &str| {
        found.iter().find(|(s, _)| s == surface).map(|(_, e)| e.as_str()).unwrap_or("")
    };
    for (surface, want) in [
        ("IS", "islamic_state"),
        ("AU", "african_union"),
        ("UN", "united_nations"),
        ("NATO", "nato"),
        ("Florida", "florida"),
        ("Texas", "texas"),
        ("Virginia", "virginia"),
        ("Congress", "us_congress"),
        ("Łask", "geonames_3093902"),
        ("Lask", "geonames_3093902"),
        ("Milwaukee", "milwaukee"),
    ] {
        assert_eq!(entity(surface), want, "{surface} in {csv}");
    }
    for surface in ["We", "ask", "God", "Well", "Four", "Ryan"] {
        assert!(!entity(surface).starts_with("geonames_"), "{surface} in {csv}");
    }
    // The place's coordinates reach the graph.
    let graph = dir.join("graph");
    let (code, _, stderr) = run(actorgraph()
        .args(["graph", "-q", "--gazetteer"])
        .arg(&out)
        .arg(&text)
        .arg("--out")
        .arg(&graph));
    assert_eq!(code, 0, "{stderr}");
    let mut rdr = csv::Reader::from_path(graph.join("nodes.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (lat, lon) = (column("Latitude"), column("Longitude"));
    let lask = rdr.records().map(Result::unwrap).find(|r| &r[0] == "geonames_3093902").unwrap();
    assert_eq!((&lask[lat], &lask[lon]), ("51.59056", "19.13278"));
}

/// Issue 11: the names of a stacked file that stay with the built-in gazetteer are one note
/// line with their count unless --verbose lists them; -q prints nothing.
#[test]
fn r11_kept_names_are_counted_not_listed() {
    let dir = TempDir::new("import-r11-notes");
    let mut tsv = String::from("id\tkind\tlabel\n");
    for (i, name) in
        ["Florida", "Texas", "Virginia", "Ohio", "Iowa", "Utah", "Maine"].iter().enumerate()
    {
        tsv += &format!("town_{i}\tplace\t{name}\n");
    }
    let gaz = dir.write("towns.tsv", tsv);
    let text = dir.write("news.txt", "Florida and Ohio.\n");
    let stderr = |flag: Option<&str>| {
        let mut cmd = actorgraph();
        cmd.args(["extract", "--gazetteer"]).arg(&gaz).arg(&text).args(["-o", "-"]);
        cmd.args(flag);
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
        stderr.replace(&gaz.display().to_string(), "FILE")
    };
    assert_eq!(
        stderr(None),
        "actorgraph: note: 7 names of a stacked gazetteer stay with the built-in entity that has them (the first: FILE:2: \"Florida\" stays with the built-in \"florida\" (gazetteers/places.tsv:LINE), not \"town_0\"); --verbose lists them all\n\
         actorgraph: 1 documents, 2 mentions, none with a date (so no time slicing)\n"
            .replace("LINE", &florida_line()),
    );
    let verbose = stderr(Some("-v"));
    assert_eq!(verbose.lines().filter(|l| l.contains("stays with the built-in")).count(), 7);
    assert_eq!(stderr(Some("-q")), "");
}

/// The line of Florida in the built-in gazetteer's places.tsv.
fn florida_line() -> String {
    let places =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteers/places.tsv"))
            .unwrap();
    let n = places.lines().position(|l| l.starts_with("florida\t")).unwrap();
    (n + 1).to_string()
}

#[test]
fn spacy_patterns() {
    let dir = TempDir::new("import-spacy");
    let input = dir.write(
        "patterns.jsonl",
        r#"{"label": "ORG", "pattern": "Apple", "id": "apple"}
{"label": "GPE", "pattern": [{"LOWER": "springfield"}, {"LOWER": "gardens"}]}
{"label": "NORP", "pattern": "Californians"}
{"label": "NORP", "pattern": "Russians"}
{"label": "ORG", "pattern": [{"LOWER": "apple", "OP": "+"}]}
"#,
    );
    let (code, stderr, rows, gaz) = import_layer("spacy", &input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        r#"actorgraph: imported 2 entities with 5 names from FILE (1 group, 1 place, 1 merge row adding to built-in entities)
actorgraph: skipped 1 NORP patterns that name a state or its people (the state has them already)
actorgraph: skipped 1 patterns with unsupported token attributes
actorgraph: note: FILE:5: unsupported token pattern {"LOWER":"apple","OP":"+"} (only ORTH and LOWER with a string are imported)
actorgraph: note: 1 ids are ids of built-in entities of the same kind: their names are added to those entities (merge rows; --keep-ids replaces the entities instead): apple
"#
    );
    assert_eq!(rows, 3);
    let gaz = gaz.unwrap();
    // The built-in Apple Inc. gains the exact "Apple"; no second Apple.
    let apple = gaz.get(gaz.lookup("apple").unwrap()).unwrap();
    assert_eq!(apple.label(), "Apple Inc.");
    assert!(apple.aliases().iter().any(|a| a.text() == "Apple" && a.is_exact()));
    let garden = gaz.get(gaz.lookup("gpe_springfield_gardens").unwrap()).unwrap();
    assert_eq!(garden.label(), "Springfield Gardens", "the label of lower-case patterns");
    assert_eq!(
        gaz.get(gaz.lookup("norp_californians").unwrap()).unwrap().kind(),
        EntityKind::Group
    );
}

#[test]
fn malformed_input_names_file_and_line() {
    let dir = TempDir::new("import-errors");
    let jsonl =
        dir.write("bad.jsonl", "{\"label\": \"ORG\", \"pattern\": \"Acme\"}\n{\"label\": \n");
    let (code, stderr, _) = import(&["--from", "spacy"], &jsonl);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("actorgraph: FILE:2: invalid JSON: "), "{stderr}");
    let geonames = dir.write("bad.txt", geonames_row(1, "Leeds", "GB", 1) + "2\tYork\tYork\n");
    let (code, stderr, _) = import(&["--from", "geonames"], &geonames);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "actorgraph: FILE:2: too few columns: found 3, need at least 15 (geonameid through population)\n"
    );
}

#[test]
fn geonames_options_need_geonames() {
    let dir = TempDir::new("import-options");
    let input = dir.write("x.actors", "UN_ [IGOUNO]\n");
    let (code, _, stderr) = run(actorgraph()
        .args(["gazetteer", "import", "--from", "cameo", "--min-population", "5"])
        .arg(&input));
    assert_eq!(
        (code, stderr.as_str()),
        (2, "actorgraph: --min-population applies only to --from geonames\n")
    );
    let (code, _, stderr) = run(actorgraph()
        .args(["gazetteer", "import", "--from", "geonames", "--feature-class", "Q"])
        .arg(&input));
    assert_eq!(code, 2);
    assert!(stderr.contains("\"Q\" is not a GeoNames feature class"), "{stderr}");
}

#[test]
fn nothing_imported_exits_with_1() {
    let dir = TempDir::new("import-empty");
    let input = dir.write("empty.jsonl", "{\"label\": \"DATE\", \"pattern\": \"today\"}\n");
    let (code, stderr, _) = import(&["--from", "spacy"], &input);
    assert_eq!(code, 1, "{stderr}");
}

/// Issue 11: `Phoenix.agents.txt` is a dictionary of role nouns, not actors: it is refused
/// with a message saying what it is and what is accepted, and no file is written.
#[test]
fn r11_cameo_agents_file_is_refused() {
    let Some(path) = shared("cameo/Phoenix.agents.txt") else { return };
    let (code, stderr, rows, gaz) = import_cameo(&path);
    assert_eq!((code, rows, gaz.is_none()), (2, 0, true), "{stderr}");
    assert!(
        stderr.starts_with("actorgraph: FILE:59: this is a CAMEO agents dictionary"),
        "{stderr}"
    );
    assert!(stderr.contains("Phoenix.MilNonState.actors.txt"), "{stderr}");
}

/// Issue 11: a CAMEO import layered on the built-in gazetteer gives the graph's nodes their
/// CAMEO code in nodes.csv.
#[test]
fn r11_cameo_codes_reach_nodes_csv() {
    let dir = TempDir::new("cameo-code");
    let dict = dir.write(
        "mini.actors.txt",
        "RUSSIAN_FEDERATION_  [RUS]\n+RUSSIA_\n+ROSSIYA_\nUKRAINE_ [UKR]\n",
    );
    let layer = dir.join("cameo.tsv");
    let (code, _, stderr) = run(actorgraph()
        .args(["gazetteer", "import", "--from", "cameo"])
        .arg(&dict)
        .arg("-o")
        .arg(&layer));
    assert_eq!(code, 0, "{stderr}");
    let text = dir.write("a.txt", "Rossiya and Ukraine talked. Russia and Germany talked.\n");
    let out = dir.join("out");
    let (code, _, stderr) = run(actorgraph()
        .arg("graph")
        .arg(&text)
        .arg("--gazetteer")
        .arg(&layer)
        .arg("-o")
        .arg(&out));
    assert_eq!(code, 0, "{stderr}");
    let nodes = std::fs::read_to_string(out.join("nodes.csv")).unwrap();
    let header: Vec<&str> = nodes.lines().next().unwrap().split(',').collect();
    let col = header.iter().position(|c| *c == "Code").expect("a Code column");
    let codes: Vec<(&str, &str)> = nodes
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .map(|cells| (cells[0], cells[col]))
        .collect();
    let codes: Vec<_> = codes.into_iter().map(|(id, c)| (id.to_string(), c.to_string())).collect();
    for (id, want) in [("RUS", "RUS"), ("UKR", "UKR"), ("DEU", "")] {
        assert!(codes.contains(&(id.to_string(), want.to_string())), "{id}: {codes:?}");
    }
}
