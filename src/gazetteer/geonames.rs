//! Importing places from GeoNames dumps (`cities500.txt`, `allCountries.txt`, plain or gzip).
//!
//! GeoNames lists millions of places, many of them named like English words ("Mobile",
//! "Reading") or like each other (65 places called "San Antonio"). Our format allows one owner
//! per name, so the importer filters, drops stop-listed names and gives each shared name to the
//! most populous place; the others keep a qualified label such as "Springfield (US-IL)".
//!
//! Names are taken as GeoNames writes them. The ASCII-name column is kept only when it is the
//! folded form of a real name (`Lodz` for `Łódź`), since it sometimes loses letters instead
//! (`odz`). One-word names that are English dictionary words ("Well", "Four"), given names
//! ("Ann") or surnames of the reference gazetteer's persons ("Ryan") are left out unless the
//! place is large or the reference gazetteer has a place of that name.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use super::Gazetteer;
use super::entry::{EntityKind, Entry};
use super::fold::fold;
use super::write::{Claims, Import, Importer, Lines, Reference, clean_name, name_key, open_lines};
use crate::error::{Error, Result};
use crate::lexicon::is_given_name;

/// The columns a GeoNames line needs, up to and including population.
const MIN_COLUMNS: usize = 15;

/// GeoNames' licence attribution, written at the top of imported files.
const ATTRIBUTION: &str = "Contains data from GeoNames (https://www.geonames.org/), licensed \
under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).";

/// Returns true if `text` is on the built-in stop-list, in any case.
pub(crate) fn is_stop_word(text: &str) -> bool {
    static WORDS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| STOP_LIST.iter().map(|w| w.to_lowercase()).collect())
        .contains(&text.to_lowercase())
}

/// The words of a word list that are written in lower case (trimmed; blank ones left out), so
/// that a list's proper nouns ("Paris", "Ryan") are not taken for words. `gazetteer check`
/// reads the same list the same way.
pub(crate) fn lower_case_words<I, S>(words: I) -> HashSet<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    words
        .into_iter()
        .map(|w| w.as_ref().trim().to_string())
        .filter(|w| !w.is_empty() && *w == w.to_lowercase())
        .collect()
}

/// Reads a word list: one word a line, lines starting with `#` left out.
///
/// # Errors
///
/// Returns an error naming the file (and the line) if it cannot be read or is not UTF-8.
pub(crate) fn read_word_list(path: &Path) -> Result<Vec<String>> {
    let file = std::fs::File::open(path).map_err(|err| Error::io_at(path, err))?;
    let mut lines = Lines::new(&path.display().to_string(), std::io::BufReader::new(file));
    let mut words = Vec::new();
    while lines.next_line()?.is_some() {
        if !lines.line().starts_with('#') {
            words.push(lines.line().to_string());
        }
    }
    Ok(words)
}

/// Place names that are also common English words, first names or surnames in the news.
/// Capitalised at the start of a sentence or as a person's name, they would be taken for the
/// place, so they are never imported as names.
#[rustfmt::skip]
const STOP_LIST: &[&str] = &[
    // Words.
    "Alpha", "Ash", "August", "Bar", "Bat", "Bath", "Bay", "Beach", "Bell", "Best", "Big", "Black",
    "Blue", "Bonanza", "Boulder", "Bridge", "Brown", "Bury", "Buy", "Cedar", "Charity",
    "Christmas", "Commerce", "Concord", "Crystal", "Deal", "Delta", "Diamond", "Eagle", "Early",
    "Elm", "Energy", "Enterprise", "Eureka", "Eye", "Fair", "Faith", "Falls", "Fleet", "Forest",
    "Freedom", "Gap", "Garden", "Globe", "Goes", "Gold", "Golden", "Good", "Grace", "Granite",
    "Gray", "Green", "Grove", "Harbor", "Harmony", "Hay", "Hazard", "Hill", "Hills", "Hope",
    "Independence", "Industry", "Iron", "Joy", "Justice", "Kind", "Lakes", "Laurel", "Leek",
    "Liberty", "Lure", "Male", "Man", "Marble", "March", "May", "Mercy", "Mills", "Mission",
    "Mobile", "Moody", "Nice", "Normal", "Of", "Omega", "Opportunity", "Orange", "Ore", "Pa",
    "Paradise", "Park", "Pearl", "Pine", "Plain", "Plains", "Plum", "Port", "Price", "Progress",
    "Providence", "Reading", "Red", "Rich", "Rifle", "Rock", "Rose", "Rugby", "Rye", "Sale",
    "Salt", "Sandy", "Say", "Silver", "Sparks", "Split", "Springs", "Star", "Start", "Still",
    "Stone", "Temple", "Tower", "Trail", "Union", "Unity", "Us", "Valley", "Van", "Victory",
    "Violet", "Vista", "Ware", "Welcome", "Wells", "White", "Wick", "Worth", "Young",
    // First names.
    "Anna", "Augusta", "Austin", "Beatrice", "Bella", "Bonita", "Carmen", "Charlotte", "Chester",
    "Clara", "Clayton", "Dolores", "Douglas", "Elena", "Elizabeth", "Esperanza", "Eva", "Florence",
    "Isabel", "Isabela", "Jasper", "Laura", "Linda", "Lourdes", "Luz", "Maria", "Marion",
    "Mercedes", "Milton", "Orlando", "Pilar", "Ray", "Roy", "Stanley", "Troy", "Vernon",
    "Victoria", "Warren", "Wayne",
    // Surnames of people in the news.
    "Clinton", "Franklin", "Garfield", "Graham", "Grant", "Hamilton", "Harrison", "Hoover",
    "Howard", "Jackson", "Jefferson", "Johnson", "Kennedy", "Kerry", "Lincoln", "Madison",
    "Monroe", "Moore", "Nelson", "Obama", "Taylor", "Truman", "Wilson",
];

/// Imports places from a GeoNames dump.
///
/// Each place becomes an entity of kind `place` with id `geonames_<geonameid>`, its name as
/// label and its folded name (`Lodz` for `Łódź`) as another alias, `country` set to the state
/// whose ISO code it has, and its coordinates, population, feature class and code, admin code
/// (`US.FL`) and GeoNames id as attributes. See `gazetteers/README.md`, "Importing
/// dictionaries", for the rules.
///
/// ```
/// use actorgraph::{GeonamesImporter, Importer};
///
/// let line = "3093133\tŁódź\todz\tLodz,Lodzi\t51.75\t19.46667\tP\tPPLA\tPL\t\t74\t\t\t\t768755\t\t\tEurope/Warsaw\t2024-01-01\n";
/// let import = GeonamesImporter::new().import_reader("cities.txt", line.as_bytes())?;
/// let lodz = &import.entries()[0];
/// assert_eq!((lodz.id(), lodz.label(), lodz.country_id()), ("geonames_3093133", "Łódź", Some("POL")));
/// let names: Vec<&str> = lodz.aliases().iter().map(|a| a.text()).collect();
/// assert_eq!(names, ["Łódź", "Lodz"]); // not GeoNames' ASCII name "odz"
/// assert_eq!(lodz.location(), Some((51.75, 19.46667)));
/// assert_eq!((lodz.population_count(), lodz.feature_code()), (Some(768755), Some("P.PPLA")));
/// assert_eq!((lodz.admin_code(), lodz.geonames()), (Some("PL.74"), Some(3093133)));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct GeonamesImporter {
    min_population: u64,
    feature_classes: HashSet<String>,
    alternate_names: bool,
    stop_list: HashSet<String>,
    /// Lower-case dictionary words; empty when no word list is given.
    dictionary: HashSet<String>,
    large_place: u64,
    person_names: bool,
    reference: Reference,
}

impl Default for GeonamesImporter {
    fn default() -> GeonamesImporter {
        GeonamesImporter::new()
    }
}

/// One place read from the dump, before names are shared out.
struct Place {
    id: u64,
    name: String,
    /// The names that passed the filters: first those from the name and ASCII name columns,
    /// then alternate names.
    names: Vec<String>,
    /// How many of `names` are from the name and ASCII name columns.
    primary: usize,
    population: Option<u64>,
    country: String,
    admin1: String,
    feature: String,
    /// Latitude and longitude as GeoNames writes them (checked to be decimal degrees).
    coordinates: Option<(String, String)>,
}

impl GeonamesImporter {
    /// The population from which a place keeps a name that is a dictionary word, a given
    /// name or a surname, by default: 250,000 keeps Reading (318,014 in `cities500.txt`) and
    /// Derby (270,468) but not George (188,580, South Africa), Mary (167,027, Turkmenistan) or
    /// Surprise (143,148, Arizona).
    pub const DEFAULT_LARGE_PLACE: u64 = 250_000;

    /// Where Debian and most Unix systems keep an English word list (Debian's `wamerican`
    /// package); the command line reads it by default, the library only when asked.
    pub const SYSTEM_DICTIONARY: &'static str = "/usr/share/dict/words";

    /// Creates an importer with the defaults: every population and feature class, no
    /// alternate names, the built-in stop-list, no dictionary word list, given names and
    /// surnames left out (but for places of [`GeonamesImporter::DEFAULT_LARGE_PLACE`] people
    /// or more), and the built-in gazetteer as reference.
    pub fn new() -> GeonamesImporter {
        GeonamesImporter {
            min_population: 0,
            feature_classes: HashSet::new(),
            alternate_names: false,
            stop_list: STOP_LIST.iter().map(|w| name_key(w)).collect(),
            dictionary: HashSet::new(),
            large_place: GeonamesImporter::DEFAULT_LARGE_PLACE,
            person_names: true,
            reference: Reference::new(&Gazetteer::builtin()),
        }
    }

    /// Returns the built-in stop-list: place names that are also common words or names.
    pub fn builtin_stop_list() -> &'static [&'static str] {
        STOP_LIST
    }

    /// Leaves out places with a smaller population (an empty population counts as 0).
    pub fn min_population(&mut self, n: u64) -> &mut GeonamesImporter {
        self.min_population = n;
        self
    }

    /// Keeps only places of these feature classes (`P` for populated places, `A` for
    /// administrative areas, ...). An empty list keeps every class, as does the default.
    pub fn feature_classes<I, S>(&mut self, classes: I) -> &mut GeonamesImporter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.feature_classes =
            classes.into_iter().map(|c| c.as_ref().trim().to_ascii_uppercase()).collect();
        self
    }

    /// Also imports alternate names written in Latin script only and at least 3 characters
    /// long (off by default: only the name and ASCII name are imported).
    pub fn alternate_names(&mut self, yes: bool) -> &mut GeonamesImporter {
        self.alternate_names = yes;
        self
    }

    /// Adds names to the stop-list (compared ignoring case).
    pub fn stop_words<I, S>(&mut self, words: I) -> &mut GeonamesImporter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.stop_list.extend(words.into_iter().map(|w| name_key(w.as_ref().trim())));
        self
    }

    /// Adds the names of a stop-list file: one name a line; blank lines and lines starting
    /// with `#` are ignored.
    ///
    /// # Errors
    ///
    /// Returns an error naming the file if it cannot be read or is not UTF-8.
    pub fn stop_list_path<P: AsRef<Path>>(&mut self, path: P) -> Result<&mut GeonamesImporter> {
        let words = super::write::read_word_list(path.as_ref())?;
        self.stop_list.extend(words);
        Ok(self)
    }

    /// Leaves out one-word names that are words of this English word list (ignoring case),
    /// replacing any list given before. Only the words written in lower case count: a list
    /// that holds "Paris" as a proper noun does not make Paris a word. A place keeps such a
    /// name when it is large (see [`GeonamesImporter::large_place`]) or when the reference
    /// gazetteer has a place of that name. An empty list turns the filter off (the default).
    ///
    /// ```
    /// use actorgraph::{GeonamesImporter, Importer};
    ///
    /// let line = |id, name, pop| format!("{id}\t{name}\t{name}\t\t1\t2\tP\tPPL\tCA\t\t08\t\t\t\t{pop}\t\t\t\t\n");
    /// let text = line(1, "Well", 600) + &line(2, "Derby", 270468) + &line(3, "Leeds", 455123);
    /// let mut importer = GeonamesImporter::new();
    /// importer.dictionary_words(["well", "derby", "Leeds"]);
    /// let import = importer.import_reader("cities.txt", text.as_bytes())?;
    /// let labels: Vec<&str> = import.entries().iter().map(|e| e.label()).collect();
    /// assert_eq!(labels, ["Derby", "Leeds"]); // Derby is large; "Leeds" is a proper noun
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn dictionary_words<I, S>(&mut self, words: I) -> &mut GeonamesImporter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.dictionary = lower_case_words(words);
        self
    }

    /// Reads the word list of [`GeonamesImporter::dictionary_words`] from a file: one word a
    /// line, such as [`GeonamesImporter::SYSTEM_DICTIONARY`]. Blank lines and lines starting
    /// with `#` are ignored.
    ///
    /// # Errors
    ///
    /// Returns an error naming the file (and the line) if it cannot be read or is not UTF-8.
    pub fn dictionary_path<P: AsRef<Path>>(&mut self, path: P) -> Result<&mut GeonamesImporter> {
        self.dictionary = lower_case_words(read_word_list(path.as_ref())?);
        Ok(self)
    }

    /// Returns how many lower-case words the dictionary word list has (0 when there is none).
    pub fn dictionary_len(&self) -> usize {
        self.dictionary.len()
    }

    /// Sets the population from which a place keeps a one-word name that is a dictionary
    /// word, a given name or a surname (default [`GeonamesImporter::DEFAULT_LARGE_PLACE`]).
    pub fn large_place(&mut self, population: u64) -> &mut GeonamesImporter {
        self.large_place = population;
        self
    }

    /// Leaves out one-word names that are given names (of the lexicon discovery uses) or
    /// surnames of the reference gazetteer's persons ("Ryan", "Bush"), with the same
    /// exceptions as dictionary words (on by default).
    ///
    /// ```
    /// use actorgraph::{GeonamesImporter, Importer};
    ///
    /// let line = |id, name, pop| format!("{id}\t{name}\t{name}\t\t1\t2\tP\tPPL\tCA\t\t08\t\t\t\t{pop}\t\t\t\t\n");
    /// let text = line(1, "Ryan", 800) + &line(2, "Ann", 900) + &line(3, "Raleigh", 467665);
    /// let import = GeonamesImporter::new().import_reader("cities.txt", text.as_bytes())?;
    /// assert_eq!(import.entries()[0].label(), "Raleigh");
    /// let import = GeonamesImporter::new().person_names(false).import_reader("cities.txt", text.as_bytes())?;
    /// assert_eq!(import.entries().len(), 3);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn person_names(&mut self, yes: bool) -> &mut GeonamesImporter {
        self.person_names = yes;
        self
    }

    /// Refers to this gazetteer instead of the built-in one: its states map country codes to
    /// `country` ids and their names are never imported as place names, its places' names are
    /// kept even when they are dictionary words, and its persons' surnames are left out.
    pub fn reference(&mut self, gaz: &Gazetteer) -> &mut GeonamesImporter {
        self.reference = Reference::new(gaz);
        self
    }

    fn import_lines<R: BufRead>(&self, mut lines: Lines<R>) -> Result<Import> {
        let mut import = Import { header: vec![ATTRIBUTION.to_string()], ..Import::default() };
        let mut places = Vec::new();
        while let Some(lineno) = lines.next_line()? {
            let line = lines.line();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let place =
                self.parse_line(line, &mut import).map_err(|msg| lines.error(lineno, msg))?;
            places.extend(place);
        }
        let labels = share_names(&mut places, &mut import);
        self.build_entries(places, labels, &mut import);
        Ok(import)
    }

    /// Parses one line. Returns `None` for a place that is filtered out or has no name left.
    fn parse_line(
        &self,
        line: &str,
        import: &mut Import,
    ) -> std::result::Result<Option<Place>, String> {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < MIN_COLUMNS {
            return Err(format!(
                "too few columns: found {}, need at least {} (geonameid through population)",
                cols.len(),
                MIN_COLUMNS
            ));
        }
        let id = cols[0].trim();
        let id: u64 = id.parse().map_err(|_| format!("geonameid \"{id}\" is not a number"))?;
        let population = parse_population(cols[14])?;
        if population.unwrap_or(0) < self.min_population {
            import.skip("places below the minimum population", 1);
            return Ok(None);
        }
        let class = cols[6].trim();
        if !self.feature_classes.is_empty() && !self.feature_classes.contains(class) {
            import.skip("places of another feature class", 1);
            return Ok(None);
        }
        let coordinates = parse_coordinates(cols[4], cols[5])?;
        if self.is_builtin_place(&cols) {
            import.skip(
                "places the reference gazetteer has (a shared name of a place in that state)",
                1,
            );
            return Ok(None);
        }
        let (names, primary) = self.names(&cols, population.unwrap_or(0), import);
        if names.is_empty() {
            import.skip(
                "places with no name left (stop-list, state name, dictionary word or person name)",
                1,
            );
            return Ok(None);
        }
        let code = cols[7].trim();
        Ok(Some(Place {
            id,
            name: clean_name(cols[1]),
            names,
            primary,
            population,
            country: cols[8].trim().to_ascii_uppercase(),
            admin1: cols[10].trim().to_string(),
            feature: if code.is_empty() { class.to_string() } else { format!("{class}.{code}") },
            coordinates,
        }))
    }

    /// Whether the reference gazetteer has a place in the state of this country code with
    /// this name (or its folded form) shared by context (`~Launceston`): the same place, most
    /// likely, whose second entity would be one more candidate for the shared name and split
    /// its mentions. (A plain name stays with the reference's place anyway.)
    fn is_builtin_place(&self, cols: &[&str]) -> bool {
        let Some(state) = self.reference.state_by_iso(&cols[8].trim().to_ascii_uppercase()) else {
            return false;
        };
        let name = clean_name(cols[1]);
        [name_key(&name), name_key(&fold(&name))]
            .iter()
            .any(|key| self.reference.has_place_in(key, state))
    }

    /// The names of one place that pass the filters: name, its folded form, the ASCII name if
    /// it is the folded form of a name, and (if asked for) alternate names, each once; and how
    /// many are not alternate names.
    fn names(&self, cols: &[&str], population: u64, import: &mut Import) -> (Vec<String>, usize) {
        let mut names: Vec<String> = Vec::new();
        let mut primary = 0;
        let mut keys = HashSet::new();
        let name = clean_name(cols[1]);
        let folded = fold(&name);
        let ascii = self.ascii_name(&name, &folded, cols, import);
        let alternates = if self.alternate_names { cols[3] } else { "" };
        let own = [name.as_str(), folded.as_str(), ascii.as_str()].map(|n| (n, true));
        let all = own.into_iter().chain(alternates.split(',').map(|n| (n, false)));
        for (raw, is_primary) in all {
            let name = clean_name(raw.trim_start_matches('='));
            let key = name_key(&name);
            if name.is_empty() || keys.contains(&key) {
                continue;
            }
            let rejected = self.reject(&name, &key, is_primary, population);
            keys.insert(key);
            if let Some(reason) = rejected {
                import.skip(reason, 1);
            } else {
                primary += usize::from(is_primary);
                names.push(name);
            }
        }
        (names, primary)
    }

    /// The ASCII name (column 3) if it is the folded form of the name or of an alternate
    /// name, else "" (counted: GeoNames' ASCII name sometimes loses letters, "ask" for Łask).
    /// Apostrophes do not count: the ASCII name "Tall Afar" of "Tall ‘Afar" is kept. An
    /// alternate name that is the ASCII name itself does not count either.
    fn ascii_name(&self, name: &str, folded: &str, cols: &[&str], import: &mut Import) -> String {
        let ascii = clean_name(cols[2]);
        let key = fold_key(&ascii);
        if ascii.is_empty() || key == fold_key(name) || key == fold_key(folded) {
            return ascii;
        }
        let folds_to = |alt: &str| alt != ascii && fold_key(alt) == key;
        if cols[3].split(',').map(clean_name).any(|alt| folds_to(&alt)) {
            return ascii;
        }
        import.skip("ASCII names that are no folded form of a name (\"ask\" for Łask)", 1);
        String::new()
    }

    /// Says why a name is not imported, if it is not. `population` is the place's.
    fn reject(
        &self,
        name: &str,
        key: &str,
        is_primary: bool,
        population: u64,
    ) -> Option<&'static str> {
        if !name.chars().any(char::is_alphanumeric) {
            return Some("names with no letter or digit");
        }
        if self.stop_list.contains(key) {
            return Some("names on the stop-list");
        }
        if self.reference.state_with_key(key).is_some() {
            return Some("names of a state (they would take the name from the state)");
        }
        if let Some(reason) = self.common_word(name, key) {
            if population < self.large_place && !self.reference.is_place_name(key) {
                return Some(reason);
            }
        }
        if is_primary {
            return None;
        }
        if !is_latin(name) {
            Some("alternate names not in Latin script")
        } else if name.chars().count() < 3 {
            Some("alternate names shorter than 3 characters")
        } else if !name.chars().any(char::is_lowercase) {
            Some("alternate names in capitals only (codes such as DXB)")
        } else if !name.chars().any(char::is_uppercase) {
            Some("alternate names in lower case only")
        } else {
            None
        }
    }

    /// Says whether a one-word name is a dictionary word or a person's name, and which.
    fn common_word(&self, name: &str, key: &str) -> Option<&'static str> {
        if name.contains(char::is_whitespace) {
            return None;
        }
        if self.dictionary.contains(&name.to_lowercase()) {
            return Some("names that are dictionary words");
        }
        if self.person_names && (is_given_name(name) || self.reference.is_surname(key)) {
            return Some("names that are given names or surnames of persons");
        }
        None
    }

    fn build_entries(&self, places: Vec<Place>, labels: Vec<String>, import: &mut Import) {
        let mut unknown: BTreeMap<String, u64> = BTreeMap::new();
        for (place, label) in places.into_iter().zip(labels) {
            let mut entry = Entry::new(format!("geonames_{}", place.id), EntityKind::Place, label);
            for name in &place.names {
                entry = entry.alias(name);
            }
            match self.reference.state_by_iso(&place.country) {
                Some(state) => entry = entry.country(state),
                None if place.country.is_empty() => {}
                None => *unknown.entry(place.country.clone()).or_insert(0) += 1,
            }
            import.entries.push(place_attributes(entry, place));
        }
        if !unknown.is_empty() {
            let codes: Vec<String> = unknown.iter().map(|(c, n)| format!("{c} ({n})")).collect();
            import.notes.push(format!(
                "country codes with no state in the gazetteer (country left empty): {}",
                codes.join(", ")
            ));
        }
    }
}

/// Sets the columns of a place's attributes: coordinates, population, feature, admin code and
/// GeoNames id.
fn place_attributes(mut entry: Entry, place: Place) -> Entry {
    entry.place.latitude = place.coordinates.as_ref().map(|(lat, _)| lat.clone());
    entry.place.longitude = place.coordinates.map(|(_, lon)| lon);
    entry.place.population = place.population;
    entry.place.feature = Some(place.feature);
    entry.place.admin = match (place.country.is_empty(), place.admin1.is_empty()) {
        (true, _) => None,
        (false, true) => Some(place.country),
        (false, false) => Some(format!("{}.{}", place.country, place.admin1)),
    };
    entry.geonames_id(place.id)
}

/// Reads a latitude and longitude in decimal degrees, written back in the shortest form that
/// reads as the same number (as the gazetteer reader writes them); both empty gives `None`.
fn parse_coordinates(
    lat: &str,
    lon: &str,
) -> std::result::Result<Option<(String, String)>, String> {
    let (lat, lon) = (lat.trim(), lon.trim());
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    let degrees = |what: &str, cell: &str, max: f64| match cell.parse::<f64>() {
        Ok(x) if x.is_finite() && x.abs() <= max => Ok(x.to_string()),
        _ => Err(format!("{what} \"{cell}\" is not in decimal degrees (-{max} to {max})")),
    };
    Ok(Some((degrees("latitude", lat, 90.0)?, degrees("longitude", lon, 180.0)?)))
}

/// The key under which an ASCII name is the folded form of a name: the folded name's key
/// without apostrophes and similar marks (`’`, `‘`, `ʻ`, `ʼ`, `` ` ``), and with dashes as
/// hyphens.
fn fold_key(name: &str) -> String {
    let marks = ['\'', '’', '‘', 'ʻ', 'ʼ', 'ʹ', '`', '´'];
    let folded: String = fold(name)
        .chars()
        .filter(|c| !marks.contains(c))
        .map(|c| if matches!(c, '–' | '—' | '‐') { '-' } else { c })
        .collect();
    name_key(&folded)
}

fn parse_population(cell: &str) -> std::result::Result<Option<u64>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse().map(Some).map_err(|_| format!("population \"{cell}\" is not a number"))
}

/// Gives each name to the most populous place that has it (the lower geonameid on a tie),
/// removes it from the others, and returns each place's label: its name if it kept it,
/// otherwise a qualified one. Names and ASCII names are shared out before alternate names,
/// so a place's own name wins over another place's alternate name.
fn share_names(places: &mut [Place], import: &mut Import) -> Vec<String> {
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by_key(|&i| (Reverse(places[i].population.unwrap_or(0)), places[i].id));
    let mut claims = Claims::default();
    let mut keep: Vec<Vec<bool>> = places.iter().map(|p| vec![true; p.names.len()]).collect();
    for alternates in [false, true] {
        for &i in &order {
            let place = &places[i];
            for (j, name) in place.names.iter().enumerate() {
                if (j >= place.primary) == alternates {
                    keep[i][j] = claims.claim(name, i);
                }
            }
        }
    }
    for (place, keep) in places.iter_mut().zip(keep) {
        let before = place.names.len();
        let mut flags = keep.into_iter();
        place.names.retain(|_| flags.next().expect("one flag per name"));
        import.skip("names of a more populous place", (before - place.names.len()) as u64);
    }
    let mut homonyms: HashMap<(String, &str), usize> = HashMap::new();
    for place in places.iter() {
        *homonyms.entry((name_key(&place.name), place.country.as_str())).or_insert(0) += 1;
    }
    let mut labels = vec![String::new(); places.len()];
    for &i in &order {
        let place = &places[i];
        let key = name_key(&place.name);
        labels[i] = match place.names.iter().find(|n| name_key(n) == key) {
            Some(name) => name.clone(),
            None => {
                import.qualified += 1;
                let in_country = homonyms[&(key, place.country.as_str())];
                qualified_label(place, in_country > 1, &mut claims, i)
            }
        };
    }
    labels
}

/// A label for a place that lost its name: `Name (CC)` (unless the country has other places
/// of that name), else `Name (CC-ADMIN1)`, else `Name (geonames ID)`, whichever is free first.
fn qualified_label(place: &Place, homonyms: bool, claims: &mut Claims, who: usize) -> String {
    let (name, cc, admin) = (&place.name, &place.country, &place.admin1);
    let mut candidates = Vec::new();
    if !cc.is_empty() {
        if !homonyms || admin.is_empty() {
            candidates.push(format!("{name} ({cc})"));
        }
        if !admin.is_empty() {
            candidates.push(format!("{name} ({cc}-{admin})"));
        }
    }
    candidates.push(format!("{name} (geonames {})", place.id));
    for label in &candidates[..candidates.len() - 1] {
        if !claims.is_claimed(label) {
            claims.claim(label, who);
            return label.clone();
        }
    }
    let last = candidates.pop().expect("the geonameid form is always a candidate");
    claims.claim(&last, who);
    last
}

/// Returns true if every letter of the name is a Latin letter (combining marks and
/// modifier letters such as `ʻ` are allowed) and it has at least one letter.
fn is_latin(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars() {
        let cp = c as u32;
        let latin = matches!(cp,
            0x41..=0x5A | 0x61..=0x7A | 0xAA | 0xBA | 0xC0..=0x24F | 0x1E00..=0x1EFF
            | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F);
        let modifier = matches!(cp, 0x250..=0x36F);
        if c.is_alphabetic() && !latin && !modifier {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
    }
    letters > 0
}

impl Importer for GeonamesImporter {
    fn import_reader<R: BufRead>(&self, name: &str, rdr: R) -> Result<Import> {
        self.import_lines(open_lines(name, rdr)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GeoNames line with the given id, name, ASCII name, alternates, class, country,
    /// admin1 and population.
    fn row(
        id: u64,
        name: &str,
        ascii: &str,
        alt: &str,
        cc: &str,
        admin: &str,
        pop: &str,
    ) -> String {
        format!(
            "{id}\t{name}\t{ascii}\t{alt}\t1.0\t2.0\tP\tPPL\t{cc}\t\t{admin}\t\t\t\t{pop}\t\t\tZone\t\n"
        )
    }

    fn import(importer: &GeonamesImporter, text: &str) -> Import {
        importer.import_reader("cities.txt", text.as_bytes()).unwrap()
    }

    fn labels(import: &Import) -> Vec<(&str, &str)> {
        import.entries().iter().map(|e| (e.id(), e.label())).collect()
    }

    fn names(entry: &Entry) -> Vec<&str> {
        entry.aliases().iter().map(|a| a.text()).collect()
    }

    fn skipped(import: &Import) -> Vec<(&str, u64)> {
        import.skipped().collect()
    }

    #[test]
    fn maps_columns() {
        let text = row(1, "Zürich", "Zurich", "Zuerich", "CH", "ZH", "341730");
        let import = import(&GeonamesImporter::new(), &text);
        let e = &import.entries()[0];
        assert_eq!((e.id(), e.kind(), e.label()), ("geonames_1", EntityKind::Place, "Zürich"));
        assert_eq!(names(e), ["Zürich", "Zurich"]);
        assert_eq!(e.country_id(), Some("CHE"));
        assert_eq!(e.location(), Some((1.0, 2.0)));
        assert_eq!((e.population_count(), e.feature_code()), (Some(341730), Some("P.PPL")));
        assert_eq!((e.admin_code(), e.geonames()), (Some("CH.ZH"), Some(1)));
        assert_eq!(e.note_text(), None, "the attributes have columns of their own");
        assert_eq!(import.header()[0], ATTRIBUTION);
    }

    #[test]
    fn attributes_are_columns_and_read_back() {
        let text = row(3093902, "Łask", "ask", "", "PL", "74", "18577")
            .replace("\t1.0\t2.0\t", "\t51.59056\t19.13278\t")
            + &row(2, "Nowhere", "Nowhere", "", "", "", "");
        let import = import(&GeonamesImporter::new(), &text);
        let mut out = Vec::new();
        import.write_tsv(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = out.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            rows,
            [
                "id\tkind\tlabel\taliases\tcountry\tlatitude\tlongitude\tpopulation\tfeature\tadmin\tgeonames",
                "geonames_3093902\tplace\tŁask\tLask\tPOL\t51.59056\t19.13278\t18577\tP.PPL\tPL.74\t3093902",
                "geonames_2\tplace\tNowhere\t\t\t1\t2\t\tP.PPL\t\t2",
            ]
        );
        let gaz = Gazetteer::builder().add_str("out.tsv", &out).unwrap().build().unwrap();
        let lask = gaz.get(gaz.lookup("geonames_3093902").unwrap()).unwrap();
        assert_eq!(lask.location(), Some((51.59056, 19.13278)));
        assert_eq!((lask.admin_code(), lask.geonames()), (Some("PL.74"), Some(3093902)));
    }

    #[test]
    fn bad_coordinates_name_file_and_line() {
        let text = row(1, "A", "A", "", "FR", "", "1").replace("\t1.0\t", "\t91\t");
        let err = GeonamesImporter::new().import_reader("g.txt", text.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "g.txt:1: latitude \"91\" is not in decimal degrees (-90 to 90)"
        );
    }

    #[test]
    fn ascii_names_that_lose_letters_are_dropped() {
        // GeoNames' ASCII names as in cities500.txt: "ask" for Łask, "odz" for Łódź.
        let mut text = row(1, "Łask", "ask", "", "PL", "74", "18577");
        text += &row(2, "Łódź", "odz", "Lodz,Łodzia", "PL", "74", "639890");
        text += &row(3, "Kraków", "Krakow", "", "PL", "77", "816614");
        text += &row(4, "Tall ‘Afar", "Tall Afar", "", "IQ", "18", "200000");
        text += &row(5, "Dünyamalılar", "Dunyamallar", "Dunyamallar", "TR", "1", "600");
        text += &row(6, "Aydınpınar", "Aydinpinar", "Aydınpınar,Aydinpinar", "TR", "2", "700");
        text += &row(7, "Großbeeren", "Groeren", "Großbeeren", "DE", "11", "8000");
        let import = import(&GeonamesImporter::new(), &text);
        let got: Vec<Vec<&str>> = import.entries().iter().map(names).collect();
        assert_eq!(
            got,
            [
                vec!["Łask", "Lask"],
                vec!["Łódź", "Lodz"],
                vec!["Kraków", "Krakow"],
                vec!["Tall ‘Afar", "Tall Afar"],
                vec!["Dünyamalılar", "Dunyamalilar"],
                vec!["Aydınpınar", "Aydinpinar"],
                vec!["Großbeeren", "Grossbeeren"],
            ]
        );
        assert_eq!(
            skipped(&import),
            [("ASCII names that are no folded form of a name (\"ask\" for Łask)", 4)]
        );
    }

    /// An importer with a small word list, as the tests must not read the system's.
    fn with_words(words: &[&str]) -> GeonamesImporter {
        let mut importer = GeonamesImporter::new();
        importer.dictionary_words(words);
        importer
    }

    #[test]
    fn dictionary_words_are_left_out() {
        let words = ["we", "god", "well", "as", "four", "ask", "congress", "reading", "derby"];
        let mut text = String::new();
        for (id, (name, ascii, cc, pop)) in [
            ("Wé", "We", "NC", "10375"),
            ("Göd", "God", "HU", "15874"),
            ("Well", "Well", "NL", "1000"),
            ("As", "As", "BE", "8000"),
            ("Four", "Four", "FR", "1300"),
            ("Łask", "ask", "PL", "18577"),
            ("Congress", "Congress", "US", "1975"),
            ("Derby", "Derby", "CA", "270468"),
            ("Paris", "Paris", "FR", "2138551"),
        ]
        .into_iter()
        .enumerate()
        {
            text += &row(id as u64 + 1, name, ascii, "", cc, "", pop);
        }
        let filtered = import(&with_words(&words), &text);
        let got: Vec<Vec<&str>> = filtered.entries().iter().map(names).collect();
        assert_eq!(
            got,
            [vec!["Wé"], vec!["Göd"], vec!["Łask", "Lask"], vec!["Derby"], vec!["Paris"]]
        );
        assert_eq!(
            skipped(&filtered),
            [
                ("ASCII names that are no folded form of a name (\"ask\" for Łask)", 1),
                ("names that are dictionary words", 6),
                (
                    "places with no name left (stop-list, state name, dictionary word or person name)",
                    4
                )
            ]
        );
        // Without a word list, or with a higher threshold for large places.
        let all = import(&GeonamesImporter::new(), &text);
        assert_eq!(all.entries().len(), 9);
        let mut importer = with_words(&words);
        importer.large_place(300_000);
        assert!(import(&importer, &text).entries().iter().all(|e| e.label() != "Derby"));
    }

    #[test]
    fn dictionary_words_are_lower_case_words_of_the_list() {
        // "Paris" is in the list as a proper noun, not as a word: it does not count.
        let text = row(1, "Paris", "Paris", "", "US", "TX", "25000")
            + &row(2, "Nowhere", "Nowhere", "", "US", "TX", "10");
        let import = import(&with_words(&["Paris", "nowhere"]), &text);
        assert_eq!(labels(&import), [("geonames_1", "Paris")]);
        assert_eq!(with_words(&["Paris", "nowhere", " ", "Über"]).dictionary_len(), 1);
    }

    #[test]
    fn places_of_the_reference_gazetteer_keep_dictionary_names() {
        let gaz = Gazetteer::builder()
            .add_str("mine.tsv", "id\tkind\tlabel\ncork\tplace\tCork\nfr\tstate\tFrance\n")
            .unwrap()
            .build()
            .unwrap();
        let mut importer = with_words(&["cork", "well"]);
        importer.reference(&gaz);
        let text = row(1, "Cork", "Cork", "", "IE", "M", "224004")
            + &row(2, "Well", "Well", "", "GB", "ENG", "90000");
        let import = import(&importer, &text);
        assert_eq!(labels(&import), [("geonames_1", "Cork")]);
    }

    #[test]
    fn given_names_and_surnames_are_left_out() {
        let mut text = row(1, "Ryan", "Ryan", "", "US", "OK", "800");
        text += &row(2, "Bush", "Bush", "", "US", "LA", "700");
        text += &row(3, "Castro", "Castro", "", "CL", "10", "30000");
        text += &row(4, "Ann", "Ann", "", "MM", "", "1000");
        text += &row(5, "David", "David", "", "PA", "", "82907");
        text += &row(6, "Vladimir", "Vladimir", "", "RU", "", "357024");
        text += &row(7, "Paul Town", "Paul Town", "", "US", "", "10");
        let filtered = import(&GeonamesImporter::new(), &text);
        assert_eq!(labels(&filtered), [("geonames_6", "Vladimir"), ("geonames_7", "Paul Town")]);
        assert_eq!(skipped(&filtered)[0], ("names that are given names or surnames of persons", 5));
        let all = import(GeonamesImporter::new().person_names(false), &text);
        assert_eq!(all.entries().len(), 7);
    }

    #[test]
    fn filters_population_and_feature_class() {
        let mut text = row(1, "Bigtown", "Bigtown", "", "FR", "", "20000");
        text += &row(2, "Smalltown", "Smalltown", "", "FR", "", "");
        text += &row(3, "Hilltown", "Hilltown", "", "FR", "", "30000").replace("\tP\t", "\tT\t");
        let import =
            import(GeonamesImporter::new().min_population(15000).feature_classes(["p"]), &text);
        assert_eq!(labels(&import), [("geonames_1", "Bigtown")]);
        assert_eq!(
            skipped(&import),
            [("places below the minimum population", 1), ("places of another feature class", 1)]
        );
    }

    #[test]
    fn alternate_names_are_latin_and_long_enough() {
        let text = row(1, "Dubai", "Dubai", "DXB,Dibai,Du,دبي,Dubaï,dubayy,Dubai", "AE", "03", "5");
        let plain = import(&GeonamesImporter::new(), &text);
        assert_eq!(names(&plain.entries()[0]), ["Dubai"]);
        let all = import(GeonamesImporter::new().alternate_names(true), &text);
        assert_eq!(names(&all.entries()[0]), ["Dubai", "Dibai", "Dubaï"]);
        assert_eq!(
            skipped(&all),
            [
                ("alternate names in capitals only (codes such as DXB)", 1),
                ("alternate names in lower case only", 1),
                ("alternate names not in Latin script", 1),
                ("alternate names shorter than 3 characters", 1)
            ]
        );
    }

    #[test]
    fn stop_listed_and_state_names_are_dropped() {
        let mut text = row(1, "Nice", "Nice", "Nizza", "FR", "93", "342669");
        text += &row(2, "Reading", "Reading", "", "IE", "ENG", "318014");
        text += &row(3, "Lebanon", "Lebanon", "", "US", "PA", "26000");
        text += &row(4, "Wakefield", "Wakefield", "", "IE", "ENG", "1000");
        let mut importer = GeonamesImporter::new();
        importer.alternate_names(true).stop_words(["wakefield"]);
        let import = import(&importer, &text);
        assert_eq!(labels(&import), [("geonames_1", "Nice (FR)")]);
        assert_eq!(names(&import.entries()[0]), ["Nice (FR)", "Nizza"]);
        assert_eq!(import.qualified(), 1);
        assert_eq!(
            skipped(&import),
            [
                ("names of a state (they would take the name from the state)", 1),
                ("names on the stop-list", 3),
                (
                    "places with no name left (stop-list, state name, dictionary word or person name)",
                    3
                )
            ]
        );
    }

    #[test]
    fn the_most_populous_place_keeps_a_shared_name() {
        let mut text = row(10, "Springfield", "Springfield", "", "US", "MA", "155000");
        text += &row(11, "Springfield", "Springfield", "", "US", "IL", "114000");
        text += &row(12, "Springfield", "Springfield", "", "US", "MO", "169000");
        text += &row(13, "Springfield", "Springfield", "", "US", "OH", "");
        text += &row(14, "Springfield", "Springfield", "", "", "", "10");
        let import = import(&GeonamesImporter::new(), &text);
        assert_eq!(
            labels(&import),
            [
                ("geonames_10", "Springfield (US-MA)"),
                ("geonames_11", "Springfield (US-IL)"),
                ("geonames_12", "Springfield"),
                ("geonames_13", "Springfield (US-OH)"),
                ("geonames_14", "Springfield (geonames 14)")
            ]
        );
        assert_eq!(names(&import.entries()[0]), ["Springfield (US-MA)"]);
        assert_eq!(import.qualified(), 4);
        assert_eq!(skipped(&import), [("names of a more populous place", 4)]);
        assert!(import.notes().is_empty());
    }

    #[test]
    fn qualified_labels_fall_back_to_the_geonameid() {
        let mut text = row(1, "Ville", "Ville", "", "FR", "11", "30");
        text += &row(2, "Ville", "Ville", "", "FR", "11", "20");
        text += &row(3, "Ville", "Ville", "", "FR", "11", "10");
        let import = import(&GeonamesImporter::new(), &text);
        let got: Vec<_> = labels(&import).into_iter().map(|(_, l)| l).collect();
        assert_eq!(got, ["Ville", "Ville (FR-11)", "Ville (geonames 3)"]);
        let text = row(1, "Ville", "Ville", "", "FR", "", "30")
            + &row(2, "Ville", "Ville", "", "FR", "", "5");
        let import = self::import(&GeonamesImporter::new(), &text);
        assert_eq!(import.entries()[1].label(), "Ville (FR)");
    }

    #[test]
    fn output_loads_as_a_gazetteer() {
        let mut text = row(1, "Springfield", "Springfield", "", "US", "IL", "114000");
        text += &row(2, "Springfield", "Springfield", "Springfield (US)", "US", "IL", "100");
        let import = import(GeonamesImporter::new().alternate_names(true), &text);
        let mut out = Vec::new();
        import.write_tsv(&mut out).unwrap();
        let gaz = Gazetteer::builder()
            .add_str("out.tsv", std::str::from_utf8(&out).unwrap())
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(gaz.len(), 2);
    }

    #[test]
    fn unknown_country_codes_are_noted() {
        let text = row(1, "Somewhere", "Somewhere", "", "ZZ", "", "1");
        let import = import(&GeonamesImporter::new(), &text);
        assert_eq!(import.entries()[0].country_id(), None);
        assert_eq!(
            import.notes(),
            ["country codes with no state in the gazetteer (country left empty): ZZ (1)"]
        );
    }

    #[test]
    fn another_reference_gazetteer() {
        let gaz = Gazetteer::builder()
            .add_str("mine.tsv", "id\tkind\tlabel\tiso\nzed\tstate\tZedland\tZZ\n")
            .unwrap()
            .build()
            .unwrap();
        let mut text = row(1, "Zedtown", "Zedtown", "", "ZZ", "", "10");
        text += &row(2, "Zedland", "Zedland", "", "ZZ", "", "5");
        text += &row(3, "Paris", "Paris", "", "FR", "", "5");
        let import = import(GeonamesImporter::new().reference(&gaz), &text);
        let countries: Vec<_> = import.entries().iter().map(|e| e.country_id()).collect();
        assert_eq!(countries, [Some("zed"), None]);
        assert_eq!(
            import.skipped().next(),
            Some(("names of a state (they would take the name from the state)", 1))
        );
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let err = |text: &str| {
            GeonamesImporter::new().import_reader("g.txt", text.as_bytes()).unwrap_err().to_string()
        };
        let good = row(1, "A", "A", "", "FR", "", "1");
        assert_eq!(
            err(&format!("{good}1\tA\tA\n")),
            "g.txt:2: too few columns: found 3, need at least 15 (geonameid through population)"
        );
        assert_eq!(
            err(&row(0, "A", "A", "", "FR", "", "1").replacen('0', "x", 1)),
            "g.txt:1: geonameid \"x\" is not a number"
        );
        assert_eq!(
            err(&row(1, "A", "A", "", "FR", "", "many")),
            "g.txt:1: population \"many\" is not a number"
        );
    }

    #[test]
    fn latin_script() {
        for (name, latin) in [
            ("Zürich", true),
            ("Hawaiʻi", true),
            ("Đà Nẵng", true),
            ("São Paulo", true),
            ("Москва", false),
            ("Paris 東京", false),
            ("123", false),
        ] {
            assert_eq!(is_latin(name), latin, "{name}");
        }
    }

    #[test]
    fn stop_list_is_about_150_unique_words() {
        let unique: HashSet<_> = STOP_LIST.iter().map(|w| w.to_lowercase()).collect();
        assert_eq!(unique.len(), STOP_LIST.len());
        assert!((140..=220).contains(&STOP_LIST.len()), "{}", STOP_LIST.len());
    }
}
