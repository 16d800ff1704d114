//! The event dictionary: verb phrases coded in CAMEO, read from our own tab-separated format.
//!
//! The format is described in `events/README.md`. Each row gives a CAMEO code, a Goldstein-style
//! score and the forms of one or more verb phrases; stacked files override the forms they repeat,
//! as gazetteer layers do.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result};

/// The built-in dictionary file.
const BUILTIN: (&str, &str) = ("events/cameo.tsv", include_str!("../../events/cameo.tsv"));

/// The columns a dictionary file may have.
const COLUMNS: &[&str] = &["code", "score", "phrases", "flags", "note"];

/// The most forms one `phrases` cell may expand into.
const MAX_FORMS: usize = 512;

/// A CAMEO event code: two to four digits, the first two being the root category (01–20).
///
/// ```
/// use actorgraph::{CameoCode, QuadClass};
///
/// let code: CameoCode = "195".parse().unwrap();
/// assert_eq!((code.root(), code.as_str()), (19, "195"));
/// assert_eq!(code.quad_class(), QuadClass::MaterialConflict);
/// assert!("21".parse::<CameoCode>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CameoCode {
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    /// Returns the root category, 1 to 20.
    pub fn root(self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// Returns the code as written, such as `"042"`.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).expect("the digits are ASCII")
    }

    /// Returns the quad class of the root category: 01–05 verbal cooperation, 06–08 material
    /// cooperation, 09–13 verbal conflict, 14–20 material conflict.
    pub fn quad_class(self) -> QuadClass {
        match self.root() {
            1..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }
}

impl std::str::FromStr for CameoCode {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<CameoCode, String> {
        let bytes = text.as_bytes();
        if !(2..=4).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(format!("\"{text}\" is not a CAMEO code (two to four digits)"));
        }
        let mut digits = [b'0'; 4];
        digits[..bytes.len()].copy_from_slice(bytes);
        let code = CameoCode { digits, len: bytes.len() as u8 };
        if !(1..=20).contains(&code.root()) {
            return Err(format!("\"{text}\" has no CAMEO root category (01 to 20)"));
        }
        Ok(code)
    }
}

impl serde::Serialize for CameoCode {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> std::result::Result<S::Ok, S::Error> {
        ser.serialize_str(self.as_str())
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The four classes that CAMEO's root categories fall into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum QuadClass {
    /// Roots 01–05: statements, appeals, intents, consultations, diplomatic cooperation.
    VerbalCooperation,
    /// Roots 06–08: material cooperation, aid, yielding.
    MaterialCooperation,
    /// Roots 09–13: investigating, demanding, disapproving, rejecting, threatening.
    VerbalConflict,
    /// Roots 14–20: protest, force posture, reduced relations, coercion, assault, fighting,
    /// mass violence.
    MaterialConflict,
}

impl QuadClass {
    /// Returns the class's name in the outputs: `verbal_cooperation`, `material_cooperation`,
    /// `verbal_conflict` or `material_conflict`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "verbal_cooperation",
            QuadClass::MaterialCooperation => "material_cooperation",
            QuadClass::VerbalConflict => "verbal_conflict",
            QuadClass::MaterialConflict => "material_conflict",
        }
    }

    /// Returns the class's number as GDELT numbers them, 1 to 4.
    pub fn number(self) -> u8 {
        match self {
            QuadClass::VerbalCooperation => 1,
            QuadClass::MaterialCooperation => 2,
            QuadClass::VerbalConflict => 3,
            QuadClass::MaterialConflict => 4,
        }
    }

    /// Returns true for the two cooperation classes.
    pub fn is_cooperation(self) -> bool {
        matches!(self, QuadClass::VerbalCooperation | QuadClass::MaterialCooperation)
    }
}

impl fmt::Display for QuadClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One form of a verb phrase and its coding: a row of the dictionary expands into several.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbPhrase {
    /// The words before the target slot, lower case, one space apart ("accused").
    head: Box<str>,
    /// The words that must follow the target, if the form has a slot ("of").
    tail: Option<Box<str>>,
    code: CameoCode,
    score: f32,
    mutual: bool,
    source: Arc<str>,
    line: u64,
}

impl VerbPhrase {
    /// Returns the words searched for in the text: the form before its target slot.
    pub fn head(&self) -> &str {
        &self.head
    }

    /// Returns the words that must follow the target (`of` in "accused ... of"), if any.
    pub fn tail(&self) -> Option<&str> {
        self.tail.as_deref()
    }

    /// Returns the form as written in the dictionary, with `...` for the target slot.
    pub fn form(&self) -> String {
        match &self.tail {
            Some(tail) => format!("{} ... {}", self.head, tail),
            None => self.head.to_string(),
        }
    }

    /// Returns the CAMEO code.
    pub fn code(&self) -> CameoCode {
        self.code
    }

    /// Returns the Goldstein-style score, from -10 to 10.
    pub fn score(&self) -> f32 {
        self.score
    }

    /// Returns true if the event is reciprocal (meetings, talks, agreements): a coordinated
    /// subject with no target makes events between its members.
    pub fn is_mutual(&self) -> bool {
        self.mutual
    }

    /// Returns the file (or name) and line the form comes from.
    pub fn origin(&self) -> (&str, u64) {
        (&self.source, self.line)
    }
}

/// Verb phrases with their CAMEO codes and scores, for an
/// [`EventExtractor`](crate::EventExtractor).
///
/// ```
/// use actorgraph::EventDictionary;
///
/// let dict = EventDictionary::builtin();
/// let met = dict.phrases().find(|p| p.head() == "met with").unwrap();
/// assert_eq!((met.code().as_str(), met.score()), ("040", 1.0));
/// ```
#[derive(Clone, Debug, Default)]
pub struct EventDictionary {
    phrases: Vec<VerbPhrase>,
}

impl EventDictionary {
    /// Returns the built-in dictionary (`events/cameo.tsv`).
    pub fn builtin() -> EventDictionary {
        EventDictionary::builder().add_builtin().build()
    }

    /// Returns a builder.
    pub fn builder() -> EventDictionaryBuilder {
        EventDictionaryBuilder::new()
    }

    /// Loads one dictionary file.
    ///
    /// # Errors
    ///
    /// Returns an error naming the file and line if it cannot be read or is malformed.
    pub fn from_path<P: AsRef<Path>>(path: P) -> Result<EventDictionary> {
        Ok(EventDictionary::builder().add_path(path)?.build())
    }

    /// Returns the forms, in the order of their files and rows.
    pub fn phrases(&self) -> std::slice::Iter<'_, VerbPhrase> {
        self.phrases.iter()
    }

    /// Returns the number of forms.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Returns true if the dictionary has no form.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// Stacks dictionary files into an [`EventDictionary`]: a form given again in a later file
/// replaces the earlier one.
///
/// ```
/// use actorgraph::EventDictionary;
///
/// let mine = "code\tscore\tphrases\n190\t-10\t{besiege,besieged}\n040\t2.5\tmet with\n";
/// let dict = EventDictionary::builder().add_builtin().add_str("mine.tsv", mine)?.build();
/// assert!(dict.phrases().any(|p| p.head() == "besieged"));
/// let met = dict.phrases().find(|p| p.head() == "met with").unwrap();
/// assert_eq!((met.score(), met.origin()), (2.5, ("mine.tsv", 3)));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct EventDictionaryBuilder {
    layers: Vec<Vec<VerbPhrase>>,
}

impl EventDictionaryBuilder {
    /// Creates an empty builder.
    pub fn new() -> EventDictionaryBuilder {
        EventDictionaryBuilder::default()
    }

    /// Adds the built-in dictionary as a layer.
    pub fn add_builtin(&mut self) -> &mut EventDictionaryBuilder {
        let phrases = parse(BUILTIN.0, BUILTIN.1).expect("the built-in dictionary parses");
        self.layers.push(phrases);
        self
    }

    /// Adds a dictionary file as a layer.
    ///
    /// # Errors
    ///
    /// Returns an error naming the file and line if it cannot be read or is malformed.
    pub fn add_path<P: AsRef<Path>>(&mut self, path: P) -> Result<&mut EventDictionaryBuilder> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|err| Error::io_at(path, err))?;
        let text = String::from_utf8(bytes).map_err(|err| {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            Error::gazetteer(path, line, "invalid UTF-8 (save the file as UTF-8)")
        })?;
        self.add_str(&path.display().to_string(), &text)
    }

    /// Adds dictionary text as a layer; `name` stands for the file in errors.
    ///
    /// ```
    /// let bad = "code\tscore\tphrases\n250\t1\tmet\n";
    /// let err = actorgraph::EventDictionary::builder().add_str("mine.tsv", bad).unwrap_err();
    /// assert_eq!(err.to_string(), "mine.tsv:2: \"250\" has no CAMEO root category (01 to 20)");
    /// ```
    ///
    /// # Errors
    ///
    /// Returns an error naming `name` and the line if the text is malformed.
    pub fn add_str(&mut self, name: &str, text: &str) -> Result<&mut EventDictionaryBuilder> {
        self.layers.push(parse(name, text)?);
        Ok(self)
    }

    /// Resolves the layers: each form keeps its last definition, in the place of its first.
    pub fn build(&self) -> EventDictionary {
        let mut index: HashMap<(&str, Option<&str>), usize> = HashMap::new();
        let mut phrases: Vec<VerbPhrase> = Vec::new();
        for phrase in self.layers.iter().flatten() {
            match index.get(&(&*phrase.head, phrase.tail.as_deref())) {
                Some(&i) => phrases[i] = phrase.clone(),
                None => {
                    index.insert((&phrase.head, phrase.tail.as_deref()), phrases.len());
                    phrases.push(phrase.clone());
                }
            }
        }
        EventDictionary { phrases }
    }
}

/// Which cell holds which column.
struct Header {
    code: usize,
    score: usize,
    phrases: usize,
    flags: Option<usize>,
    width: usize,
}

/// Parses a whole dictionary file. `source` names it in errors.
pub(crate) fn parse(source: &str, text: &str) -> Result<Vec<VerbPhrase>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let shared: Arc<str> = source.into();
    let mut header = None;
    let mut phrases = Vec::new();
    let mut seen: HashMap<(Box<str>, Option<Box<str>>), u64> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let lineno = index as u64 + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |msg: String| Error::gazetteer(source, lineno, msg);
        let Some(header) = &header else {
            header = Some(parse_header(line).map_err(at)?);
            continue;
        };
        for phrase in parse_row(header, line, &shared, lineno).map_err(at)? {
            let key = (phrase.head.clone(), phrase.tail.clone());
            if let Some(first) = seen.insert(key, lineno) {
                let msg = format!("the form \"{}\" is already on line {}", phrase.form(), first);
                return Err(at(msg));
            }
            phrases.push(phrase);
        }
    }
    if header.is_none() {
        let msg = "no header line (expected the tab-separated columns code, score, phrases)";
        return Err(Error::gazetteer(source, 0, msg));
    }
    Ok(phrases)
}

fn parse_header(line: &str) -> std::result::Result<Header, String> {
    let mut found: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    let cells: Vec<&str> = line.split('\t').collect();
    for (i, cell) in cells.iter().enumerate() {
        let name = cell.trim().to_ascii_lowercase();
        let Some(col) = COLUMNS.iter().position(|c| *c == name) else {
            return Err(format!(
                "unknown column \"{}\" (known columns: {})",
                name,
                COLUMNS.join(", ")
            ));
        };
        if found[col].replace(i).is_some() {
            return Err(format!("the column \"{name}\" is given twice"));
        }
    }
    let required = |col: usize| found[col].ok_or(format!("no \"{}\" column", COLUMNS[col]));
    Ok(Header {
        code: required(0)?,
        score: required(1)?,
        phrases: required(2)?,
        flags: found[3],
        width: cells.len(),
    })
}

fn parse_row(
    header: &Header,
    line: &str,
    source: &Arc<str>,
    lineno: u64,
) -> std::result::Result<Vec<VerbPhrase>, String> {
    let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cells.len() > header.width {
        return Err(format!("{} cells, but the header has {}", cells.len(), header.width));
    }
    let cell = |i: usize| cells.get(i).copied().unwrap_or("");
    let code: CameoCode = cell(header.code).parse()?;
    let score = parse_score(cell(header.score))?;
    let mutual = match header.flags.map(cell) {
        None | Some("") => false,
        Some("mutual") => true,
        Some(other) => return Err(format!("unknown flag \"{other}\" (the known flag: mutual)")),
    };
    let forms = expand(cell(header.phrases))?;
    let mut phrases = Vec::with_capacity(forms.len());
    for form in forms {
        let (head, tail) = split_slot(&form)?;
        let source = Arc::clone(source);
        phrases.push(VerbPhrase { head, tail, code, score, mutual, source, line: lineno });
    }
    Ok(phrases)
}

fn parse_score(text: &str) -> std::result::Result<f32, String> {
    match text.parse::<f32>() {
        Ok(score) if (-10.0..=10.0).contains(&score) => Ok(score),
        _ => Err(format!("the score \"{text}\" is not a number from -10 to 10")),
    }
}

/// Expands a `phrases` cell into its forms, lower case, with single spaces.
fn expand(cell: &str) -> std::result::Result<Vec<String>, String> {
    if cell.is_empty() {
        return Err("no phrase".to_string());
    }
    let mut forms = Vec::new();
    for form in cell.split('|') {
        let mut partial: Vec<String> = vec![String::new()];
        for word in form.split_whitespace() {
            let choices = word_choices(word)?;
            if partial.len() * choices.len() + forms.len() > MAX_FORMS {
                return Err(format!("more than {MAX_FORMS} forms in one row"));
            }
            partial =
                partial.iter().flat_map(|p| choices.iter().map(move |c| join_word(p, c))).collect();
        }
        if partial.iter().any(String::is_empty) {
            return Err(format!("an empty form in \"{cell}\""));
        }
        forms.extend(partial);
    }
    Ok(forms)
}

fn join_word(partial: &str, word: &str) -> String {
    if partial.is_empty() { word.to_string() } else { format!("{partial} {word}") }
}

/// The alternatives of one word: `{meet,met}` or a plain word.
fn word_choices(word: &str) -> std::result::Result<Vec<String>, String> {
    let inner = match word.strip_prefix('{') {
        Some(rest) => rest.strip_suffix('}').ok_or(format!("unclosed \"{{\" in \"{word}\""))?,
        None => word,
    };
    let mut choices = Vec::new();
    for choice in inner.split(',') {
        let ok = choice == "..."
            || (!choice.is_empty()
                && choice.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')));
        if !ok || (word == inner && inner.contains(',')) {
            return Err(format!("\"{word}\" is not a word or {{a,b}} alternatives"));
        }
        choices.push(choice.to_lowercase());
    }
    Ok(choices)
}

/// Splits a form at its target slot `...`.
type Parts = (Box<str>, Option<Box<str>>);

fn split_slot(form: &str) -> std::result::Result<Parts, String> {
    let Some((head, tail)) = form.split_once("...") else { return Ok((form.into(), None)) };
    let (head, tail) = (head.trim(), tail.trim());
    if head.is_empty() || tail.is_empty() || tail.contains("...") {
        return Err(format!("\"{form}\": \"...\" must stand once, between words"));
    }
    Ok((head.into(), Some(tail.into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(cell: &str) -> Vec<String> {
        expand(cell).unwrap()
    }

    #[test]
    fn builtin_parses_and_covers_every_quad_class() {
        let dict = EventDictionary::builtin();
        assert!(dict.len() > 300, "{} forms", dict.len());
        for quad in [
            QuadClass::VerbalCooperation,
            QuadClass::MaterialCooperation,
            QuadClass::VerbalConflict,
            QuadClass::MaterialConflict,
        ] {
            assert!(dict.phrases().any(|p| p.code().quad_class() == quad), "{quad}");
        }
    }

    #[test]
    fn braces_expand_and_slots_split() {
        assert_eq!(heads("{meet,met} with|held talks"), ["meet with", "met with", "held talks"]);
        assert_eq!(split_slot("accused ... of").unwrap(), ("accused".into(), Some("of".into())));
        assert!(split_slot("... of").is_err());
        assert!(split_slot("accused ... of ... for").is_err());
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("code\tscore\tphrases\n04\tten\tmet\n", "x.tsv:2: the score \"ten\" is not a number"),
            ("code\tscore\tphrases\n04\t1\t{met\n", "x.tsv:2: unclosed \"{\""),
            ("code\tscore\n", "x.tsv:1: no \"phrases\" column"),
            ("code\tscore\tphrases\tverb\n", "x.tsv:1: unknown column \"verb\""),
            ("code\tscore\tphrases\n04\t1\tmet\n04\t1\t{met,meet}\n", "x.tsv:3: the form \"met\""),
            ("code\tscore\tphrases\tflags\n04\t1\tmet\tmutal\n", "x.tsv:2: unknown flag"),
            ("code\tscore\tphrases\n04\t1\tmet\t\n", "x.tsv:2: 4 cells, but the header has 3"),
            ("# only a comment\n", "x.tsv: no header line"),
            ("code\tscore\tphrases\n4\t1\tmet\n", "x.tsv:2: \"4\" is not a CAMEO code"),
            ("code\tscore\tphrases\n04\t1\tmet (with)\n", "x.tsv:2: \"(with)\" is not a word"),
        ];
        for (text, want) in cases {
            let err = parse("x.tsv", text).unwrap_err().to_string();
            assert!(err.starts_with(want), "{err:?} does not start with {want:?}");
        }
    }

    #[test]
    fn later_layers_replace_forms() {
        let dict = EventDictionary::builder()
            .add_str("a", "code\tscore\tphrases\n040\t1\t{met,meets} with\n")
            .unwrap()
            .add_str("b", "code\tscore\tphrases\n190\t-10\tmet with\n")
            .unwrap()
            .build();
        let codes: Vec<String> = dict.phrases().map(|p| p.code().to_string()).collect();
        assert_eq!(codes, ["190", "040"]);
    }
}
