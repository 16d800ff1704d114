//! Importing PETRARCH and TABARI verb dictionaries (the `CAMEO.2.0.txt` format) as an event
//! dictionary in our format, for users who have such dictionaries.
//!
//! A PETRARCH verb dictionary has synonym sets (`&CURRENCY` and its `+DOLLAR` lines) and verb
//! blocks: a `--- NAME [CODE] ---` line, the block's verbs (`GIVE {GAVE GIVEN }`, multi-word
//! ones as `+CALL_OFF`), each with an optional code of its own, and patterns (`- * AID [070]`)
//! whose words stand around the verb (`*`), with the target (`+`) and source (`$`) marked.
//! PETRARCH matches them on a parse tree. Our extractor reads the words right after a verb,
//! so a pattern becomes the verb's forms followed by the pattern's words, with `...` where the
//! target stands when words follow it. What cannot be said that way (words or the source
//! before the verb, the source after it, compound actors, null codes) is counted and left out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufRead, Write};
use std::path::Path;

use super::dictionary::{CameoCode, EventDictionary};
use crate::error::Result;
use crate::gazetteer::open_lines;

/// Scores for codes that the reference dictionary does not have, by root category: a point of
/// the Goldstein-style scale typical of the category (01 public statements 0, 19 fighting -10).
const ROOT_SCORES: [f32; 20] = [
    0.0, 3.0, 4.0, 1.0, 3.5, 6.0, 7.0, 5.0, -2.0, -5.0, -2.0, -4.0, -6.0, -6.5, -7.2, -4.0, -7.0,
    -9.0, -10.0, -10.0,
];

/// The most forms written in one row; a pattern with more is written as several rows.
const FORMS_PER_ROW: usize = 256;

/// The most word sequences a pattern's synonym sets may expand to. A pattern with more
/// (`- * &FOOD` after a block of twenty verbs is hundreds of forms) is left out and counted:
/// our forms are contiguous words, so a long list of nouns right after a verb adds size, not
/// events.
const MAX_TAILS: usize = 16;

/// Converts a PETRARCH/TABARI verb dictionary into rows of our event dictionary format.
///
/// Verbs get their regular forms (`attack`, `attacks`, `attacked`, `attacking`) unless braces
/// list them (`GIVE {GAVE GIVEN }` gives give, gives, giving, gave, given); a block's code
/// applies to its verbs alone, a pattern's code to the verbs followed by the pattern's words.
/// Synonym sets expand into their phrases (and plurals, as PETRARCH makes them). A code pair
/// `[050:050]` whose two codes are equal makes the row mutual; otherwise its first code is
/// taken. Scores come from the reference dictionary (the built-in one) for the codes it has,
/// and by root category for the others. A form that an earlier row has keeps the earlier code.
///
/// ```
/// use actorgraph::{EventDictionary, PetrarchImporter};
///
/// let verbs = "####### VERB PATTERNS #######\n\
///              --- ATTACK   [190]  ---\n\
///              ATTACK\n\
///              - * (WITH ROCKETS) [195]\n";
/// let import = PetrarchImporter::new().import_reader("CAMEO.verbs.txt", verbs.as_bytes())?;
/// let mut tsv = Vec::new();
/// import.write_tsv(&mut tsv)?;
/// let dict = EventDictionary::builder().add_str("imported.tsv", std::str::from_utf8(&tsv)?)?.build();
/// let forms: Vec<String> = dict.phrases().map(|p| format!("{} {}", p.code(), p.form())).collect();
/// assert!(forms.contains(&"190 attacked".to_string()));
/// assert!(forms.contains(&"195 attacked with rockets".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct PetrarchImporter {
    scores: HashMap<String, f32>,
}

impl Default for PetrarchImporter {
    fn default() -> PetrarchImporter {
        PetrarchImporter::new()
    }
}

/// One row of the converted dictionary.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbRow {
    code: CameoCode,
    score: f32,
    forms: Vec<String>,
    mutual: bool,
    note: String,
}

impl VerbRow {
    /// Returns the CAMEO code.
    pub fn code(&self) -> CameoCode {
        self.code
    }

    /// Returns the score.
    pub fn score(&self) -> f32 {
        self.score
    }

    /// Returns the forms, lower case, `...` marking the target's slot.
    pub fn forms(&self) -> &[String] {
        &self.forms
    }

    /// Returns true if the row is reciprocal.
    pub fn is_mutual(&self) -> bool {
        self.mutual
    }

    /// Returns where the row comes from: the verb block and the source line.
    pub fn note(&self) -> &str {
        &self.note
    }
}

/// What an import produced: the rows, what was left out and why, and the source's header.
#[derive(Clone, Debug, Default)]
pub struct VerbImport {
    rows: Vec<VerbRow>,
    skipped: BTreeMap<String, u64>,
    header: Vec<String>,
    source: String,
}

impl VerbImport {
    /// Returns the rows, in the order of the source.
    pub fn rows(&self) -> &[VerbRow] {
        &self.rows
    }

    /// Returns the number of forms of all rows.
    pub fn form_count(&self) -> usize {
        self.rows.iter().map(|r| r.forms.len()).sum()
    }

    /// Returns what was left out, as (reason, count) pairs sorted by reason.
    pub fn skipped(&self) -> impl Iterator<Item = (&str, u64)> {
        self.skipped.iter().map(|(reason, &n)| (reason.as_str(), n))
    }

    /// Writes the rows in our event dictionary format (events/README.md), after comments
    /// naming the source and carrying its leading comment block (where its licence is).
    ///
    /// # Errors
    ///
    /// Returns an error if writing fails.
    pub fn write_tsv<W: Write>(&self, wtr: W) -> io::Result<()> {
        let mut wtr = io::BufWriter::new(wtr);
        let name = Path::new(&self.source).file_name().map(|n| n.to_string_lossy());
        writeln!(
            wtr,
            "# Converted by actorgraph from the PETRARCH verb dictionary {}.",
            name.as_deref().unwrap_or(&self.source)
        )?;
        if !self.header.is_empty() {
            writeln!(wtr, "# The source's own header follows.")?;
        }
        for line in &self.header {
            writeln!(wtr, "#{line}")?;
        }
        writeln!(wtr, "code\tscore\tphrases\tflags\tnote")?;
        for row in &self.rows {
            writeln!(
                wtr,
                "{}\t{:.1}\t{}\t{}\t{}",
                row.code,
                row.score,
                row.forms.join("|"),
                if row.mutual { "mutual" } else { "" },
                row.note
            )?;
        }
        wtr.flush()
    }

    fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_insert(0) += 1;
    }
}

/// A verb of a block: its forms and its own code, if any.
struct Verb {
    forms: Vec<String>,
    code: Option<String>,
}

/// What the parser is reading.
#[derive(PartialEq)]
enum Section {
    Header,
    Synsets,
    Verbs,
    Done,
}

/// The state of one import.
struct State<'a> {
    importer: &'a PetrarchImporter,
    import: VerbImport,
    section: Section,
    synsets: HashMap<String, Vec<String>>,
    /// The synonym set being read, and whether it makes plurals.
    synset: Option<(String, bool)>,
    block: String,
    block_code: Option<String>,
    verbs: Vec<Verb>,
    seen: HashSet<String>,
}

impl PetrarchImporter {
    /// Creates an importer that scores codes as the built-in event dictionary does.
    pub fn new() -> PetrarchImporter {
        let mut importer = PetrarchImporter { scores: HashMap::new() };
        importer.reference(&EventDictionary::builtin());
        importer
    }

    /// Takes the scores of its codes from this dictionary (the built-in one by default).
    pub fn reference(&mut self, dict: &EventDictionary) -> &mut PetrarchImporter {
        self.scores.clear();
        for phrase in dict.phrases() {
            self.scores.entry(phrase.code().as_str().to_string()).or_insert(phrase.score());
        }
        self
    }

    /// Imports from a reader, plain or gzip-compressed. `name` stands for the file in errors.
    ///
    /// # Errors
    ///
    /// Returns an error naming `name` and the line if the input cannot be read, is not UTF-8,
    /// or holds no verb pattern section.
    pub fn import_reader<R: BufRead>(&self, name: &str, rdr: R) -> Result<VerbImport> {
        let mut lines = open_lines(name, rdr)?;
        let mut state = State {
            importer: self,
            import: VerbImport { source: name.to_string(), ..VerbImport::default() },
            section: Section::Header,
            synsets: HashMap::new(),
            synset: None,
            block: String::new(),
            block_code: None,
            verbs: Vec::new(),
            seen: HashSet::new(),
        };
        let mut last = 0;
        while let Some(lineno) = lines.next_line()? {
            last = lineno;
            state.line(lines.line(), lineno);
        }
        state.end_block(last);
        if state.section == Section::Header || state.section == Section::Synsets {
            return Err(
                lines.error(last, "no \"VERB PATTERNS\" section: not a PETRARCH verb dictionary")
            );
        }
        Ok(state.import)
    }

    /// Imports a file, plain or gzip-compressed.
    ///
    /// # Errors
    ///
    /// As for [`PetrarchImporter::import_reader`], naming the file.
    pub fn import_path<P: AsRef<Path>>(&self, path: P) -> Result<VerbImport> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|err| crate::Error::io_at(path, err))?;
        self.import_reader(&path.display().to_string(), io::BufReader::new(file))
    }

    fn score(&self, code: &str) -> f32 {
        if let Some(&score) = self.scores.get(code) {
            return score;
        }
        let root: usize = code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(1);
        ROOT_SCORES[root.clamp(1, 20) - 1]
    }
}

impl State<'_> {
    fn line(&mut self, raw: &str, lineno: u64) {
        if raw.starts_with("#######") {
            if raw.contains("SYNONYM SETS") {
                self.section = Section::Synsets;
            } else if raw.contains("VERB PATTERNS") {
                self.section = Section::Verbs;
            } else if raw.contains("TRANSFORMATIONS") {
                self.end_block(lineno);
                self.section = Section::Done;
            }
            return;
        }
        if self.section == Section::Header {
            if let Some(comment) = raw.strip_prefix('#') {
                self.import.header.push(comment.trim_end().to_string());
            }
            return;
        }
        let line = raw.split('#').next().unwrap_or("").trim();
        if self.section == Section::Done {
            return;
        }
        if line.is_empty() {
            self.synset = None;
            return;
        }
        if let Some(label) = line.strip_prefix('&') {
            let plurals = !label.ends_with('_');
            let label = label.trim_end_matches('_').to_lowercase();
            self.synsets.entry(label.clone()).or_default();
            self.synset = Some((label, plurals));
            return;
        }
        if let (Some((label, plurals)), Some(phrase)) = (&self.synset, line.strip_prefix('+')) {
            let set = self.synsets.entry(label.clone()).or_default();
            let plain = !phrase.ends_with('_');
            let phrase = words(phrase);
            if !phrase.is_empty() {
                let plural = (*plurals && plain).then(|| plural(&phrase));
                set.push(phrase);
                set.extend(plural);
            }
            return;
        }
        if line.starts_with("---") {
            self.end_block(lineno);
            let inner = line.trim_matches('-').trim();
            let (name, code) = split_code(inner);
            self.block = name.trim().to_string();
            self.block_code = code.filter(|c| is_code(c)).map(str::to_string);
            return;
        }
        if self.block.is_empty() {
            return;
        }
        if let Some(pattern) = line.strip_prefix('-') {
            self.pattern(pattern, lineno);
        } else {
            self.verb(line.strip_prefix('+').unwrap_or(line));
        }
    }

    /// A verb line: `GIVE {GAVE GIVEN } [070]` or `CALL_OFF {CALLS_OFF ...} [160]`.
    fn verb(&mut self, line: &str) {
        let (text, code) = split_code(line);
        let (base, listed) = match text.split_once('{') {
            Some((base, rest)) => {
                let inner = rest.split('}').next().unwrap_or("");
                let listed: Vec<String> =
                    inner.split_whitespace().map(|f| words(f.trim_start_matches('+'))).collect();
                (base, Some(listed))
            }
            None => (text, None),
        };
        let base = words(base);
        if base.is_empty() {
            return;
        }
        let forms = inflect(&base, listed.as_deref());
        self.verbs.push(Verb { forms, code: code.map(str::to_string) });
    }

    /// A pattern line, after its `-`.
    fn pattern(&mut self, pattern: &str, lineno: u64) {
        let (text, code) = split_code(pattern);
        let Some(code) = code else {
            return self.import.skip("patterns with no code");
        };
        let (code, mutual) = match code.split_once(':') {
            Some((first, second)) => (first, first == second),
            None => (code, false),
        };
        if !is_code(code) {
            return self.import.skip("patterns with the null code [---] or no CAMEO code");
        }
        let flat = text.replace(['(', ')', '{', '}'], " ");
        let tokens: Vec<&str> = flat.split_whitespace().collect();
        let Some(verb_at) = tokens.iter().position(|t| t.trim_matches('*').is_empty()) else {
            return self.import.skip("patterns with no verb position (*)");
        };
        if verb_at > 0 {
            return self.import.skip("patterns with words or the source before the verb");
        }
        let after = &tokens[verb_at + 1..];
        let mut parts: Vec<Vec<String>> = Vec::new();
        for (i, token) in after.iter().enumerate() {
            match *token {
                "+" if i + 1 == after.len() => {}
                "+" => parts.push(vec!["...".to_string()]),
                "$" => return self.import.skip("patterns with the source after the verb"),
                "%" | "^" => return self.import.skip("patterns with compound or skipped actors"),
                t if t.starts_with('&') => {
                    let label = t[1..].trim_end_matches('_').to_lowercase();
                    match self.synsets.get(&label) {
                        Some(set) if !set.is_empty() => parts.push(set.clone()),
                        _ => return self.import.skip("patterns with an undefined synonym set"),
                    }
                }
                t => parts.push(vec![words(t)]),
            }
        }
        if parts.iter().filter(|p| p.len() == 1 && p[0] == "...").count() > 1
            || parts.last().is_some_and(|p| p[0] == "...")
        {
            return self.import.skip("patterns with more than one target slot");
        }
        if parts.is_empty() {
            // "- * [CODE]": the verbs alone, with the pattern's code.
            self.import.skip("patterns with the verb alone (the verbs' code is used)");
            return;
        }
        let tails = combine(&parts);
        if tails.len() > MAX_TAILS {
            return self.import.skip("patterns whose synonym sets expand to more than 16 phrases");
        }
        let verbs: Vec<String> = self.verbs.iter().flat_map(|v| v.forms.clone()).collect();
        let forms: Vec<String> =
            verbs.iter().flat_map(|v| tails.iter().map(move |t| format!("{v} {t}"))).collect();
        let note = format!("{} pattern, line {lineno}", self.block);
        self.add(code, mutual, forms, note);
    }

    /// Writes the rows of the verbs themselves when their block ends.
    fn end_block(&mut self, lineno: u64) {
        let verbs = std::mem::take(&mut self.verbs);
        let block = std::mem::take(&mut self.block);
        let block_code = self.block_code.take();
        let mut by_code: Vec<(String, Vec<String>)> = Vec::new();
        for verb in verbs {
            let Some(code) = verb.code.or_else(|| block_code.clone()) else { continue };
            if !is_code(&code) {
                continue;
            }
            match by_code.iter_mut().find(|(c, _)| *c == code) {
                Some((_, forms)) => forms.extend(verb.forms),
                None => by_code.push((code, verb.forms)),
            }
        }
        for (code, forms) in by_code {
            let note = format!("{block} verbs, before line {lineno}");
            self.add(&code, false, forms, note);
        }
    }

    fn add(&mut self, code: &str, mutual: bool, forms: Vec<String>, note: String) {
        let Ok(parsed) = code.parse::<CameoCode>() else {
            return self.import.skip("patterns with a code that is not CAMEO (two to four digits)");
        };
        let mut fresh = Vec::new();
        for form in forms {
            if !form.split(' ').all(is_word) {
                self.import.skip("forms with characters other than letters, digits, - and '");
            } else if self.seen.insert(form.clone()) {
                fresh.push(form);
            } else {
                self.import.skip("forms an earlier row has (the earlier code kept)");
            }
        }
        let score = self.importer.score(parsed.as_str());
        for chunk in fresh.chunks(FORMS_PER_ROW) {
            self.import.rows.push(VerbRow {
                code: parsed,
                score,
                forms: chunk.to_vec(),
                mutual,
                note: note.clone(),
            });
        }
    }
}

/// Splits `TEXT [CODE]` into the text and the code inside the last brackets.
fn split_code(text: &str) -> (&str, Option<&str>) {
    match text.rfind('[') {
        Some(open) => {
            let code = text[open + 1..].split(']').next().unwrap_or("").trim();
            (&text[..open], Some(code))
        }
        None => (text, None),
    }
}

/// True for a CAMEO code of two to four digits (the null code `---` is none).
fn is_code(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// A word of our format: letters, digits, hyphens and apostrophes, or the target slot.
fn is_word(word: &str) -> bool {
    word == "..."
        || (!word.is_empty()
            && word.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
}

/// A PETRARCH phrase in our spelling: lower case, `_` and runs of spaces as one space.
fn words(phrase: &str) -> String {
    let lower = phrase.to_lowercase().replace('_', " ");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every sequence of one choice per part, joined by spaces.
fn combine(parts: &[Vec<String>]) -> Vec<String> {
    let mut out = vec![String::new()];
    for choices in parts {
        out = out
            .iter()
            .flat_map(|p| {
                choices
                    .iter()
                    .map(move |c| if p.is_empty() { c.clone() } else { format!("{p} {c}") })
            })
            .collect();
    }
    out
}

/// The plural PETRARCH makes of a synonym: `S`, `IES` after a consonant and `Y`, `ES` after
/// `SS`; of a phrase, its last word's.
fn plural(phrase: &str) -> String {
    if let Some(stem) = phrase.strip_suffix('y').filter(|s| s.ends_with(|c| !is_vowel(c))) {
        format!("{stem}ies")
    } else if phrase.ends_with("ss") {
        format!("{phrase}es")
    } else {
        format!("{phrase}s")
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The forms of a verb (one word or a phrase whose first word is the verb): the base, its
/// third person, past and participle; a list in braces gives the irregular ones (and then
/// the regular past is not made), and an empty list means the base alone.
fn inflect(base: &str, listed: Option<&[String]>) -> Vec<String> {
    let (verb, rest) = match base.split_once(' ') {
        Some((verb, rest)) => (verb, format!(" {rest}")),
        None => (base, String::new()),
    };
    let mut forms = vec![base.to_string()];
    let push = |forms: &mut Vec<String>, form: String| {
        if !form.is_empty() && !forms.contains(&form) {
            forms.push(form);
        }
    };
    match listed {
        Some([]) => {}
        Some(listed) => {
            push(&mut forms, format!("{}{rest}", third_person(verb)));
            push(&mut forms, format!("{}{rest}", participle(verb)));
            for form in listed {
                push(&mut forms, form.clone());
            }
        }
        None => {
            push(&mut forms, format!("{}{rest}", third_person(verb)));
            push(&mut forms, format!("{}{rest}", past(verb)));
            push(&mut forms, format!("{}{rest}", participle(verb)));
        }
    }
    forms
}

fn third_person(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix('y').filter(|s| s.ends_with(|c| !is_vowel(c))) {
        format!("{stem}ies")
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|end| verb.ends_with(end)) {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    }
}

fn past(verb: &str) -> String {
    if verb.ends_with('e') {
        format!("{verb}d")
    } else if let Some(stem) = verb.strip_suffix('y').filter(|s| s.ends_with(|c| !is_vowel(c))) {
        format!("{stem}ied")
    } else if doubles(verb) {
        format!("{verb}{}ed", &verb[verb.len() - 1..])
    } else {
        format!("{verb}ed")
    }
}

fn participle(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ie") {
        format!("{stem}ying")
    } else if let Some(stem) =
        verb.strip_suffix('e').filter(|s| !s.ends_with(['e', 'o', 'y']) && !s.is_empty())
    {
        format!("{stem}ing")
    } else if doubles(verb) {
        format!("{verb}{}ing", &verb[verb.len() - 1..])
    } else {
        format!("{verb}ing")
    }
}

/// True for a one-syllable verb ending consonant, vowel, consonant ("stop", "ban", "plan"),
/// whose last letter doubles before `-ed` and `-ing`.
fn doubles(verb: &str) -> bool {
    let letters: Vec<char> = verb.chars().collect();
    let n = letters.len();
    if n < 3 || !letters.iter().all(char::is_ascii_lowercase) {
        return false;
    }
    let (a, b, c) = (letters[n - 3], letters[n - 2], letters[n - 1]);
    let vowels = letters.iter().filter(|&&l| is_vowel(l)).count();
    vowels == 1 && !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !matches!(c, 'w' | 'x' | 'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(text: &str) -> VerbImport {
        PetrarchImporter::new().import_reader("verbs.txt", text.as_bytes()).unwrap()
    }

    /// (code, forms) of every row.
    fn rows(import: &VerbImport) -> Vec<(String, Vec<String>)> {
        import.rows().iter().map(|r| (r.code().to_string(), r.forms().to_vec())).collect()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn verb_forms() {
        /// (base, the forms in braces if any, all forms)
        type Row<'a> = (&'a str, Option<&'a [&'a str]>, &'a [&'a str]);
        let rows: &[Row] = &[
            ("attack", None, &["attack", "attacks", "attacked", "attacking"]),
            ("accuse", None, &["accuse", "accuses", "accused", "accusing"]),
            ("hurry", None, &["hurry", "hurries", "hurried", "hurrying"]),
            ("stop", None, &["stop", "stops", "stopped", "stopping"]),
            ("visit", None, &["visit", "visits", "visited", "visiting"]),
            ("reach", None, &["reach", "reaches", "reached", "reaching"]),
            ("tie", None, &["tie", "ties", "tied", "tying"]),
            ("agree", None, &["agree", "agrees", "agreed", "agreeing"]),
            ("call off", None, &["call off", "calls off", "called off", "calling off"]),
            ("give", Some(&["gave", "given"]), &["give", "gives", "giving", "gave", "given"]),
            ("angered by", Some(&[]), &["angered by"]),
        ];
        for &(base, listed, want) in rows {
            let listed = listed.map(strings);
            assert_eq!(inflect(base, listed.as_deref()), strings(want), "{base}");
        }
    }

    const SAMPLE: &str = "# CAMEO VERB PATTERN DICTIONARY\n\
        # The MIT License (MIT)\n\
        ####### SYNONYM SETS #######\n\
        &CURRENCY\n\
        +DOLLAR\n\
        +CASH_\n\
        \n\
        &AUXVERB3_\n\
        +HAVE\n\
        \n\
        ####### VERB PATTERNS #######\n\
        --- GRANT   [070]  ---\n\
        GRANT\n\
        GIVE {GAVE GIVEN }  # jw 11/14/91\n\
        +HAND_OVER {+HANDED_OVER } [071]\n\
        - * &CURRENCY [071]   # GIVE\n\
        - * AID TO + [073]\n\
        - * RELATIONS [050:050]\n\
        - &MILITARY * [154]\n\
        - $ * + [070]\n\
        - * (TO {BANNED PARTIES}) $ [1722]\n\
        - * WARNING [---]\n\
        \n\
        --- ALTER   [---]  ---\n\
        ALTER\n\
        CHANGE [050]\n\
        - * CONSTITUTION [0344]\n\
        \n\
        --- MODIFY   [---]  ---\n\
        CHANGE [051]\n\
        ######## TRANSFORMATIONS ##########\n\
        - $ SAY + [010]\n";

    #[test]
    fn blocks_patterns_and_synonym_sets_become_rows() {
        let import = import(SAMPLE);
        let grant = ["grant", "grants", "granted", "granting"];
        let give = ["give", "gives", "giving", "gave", "given"];
        let with = |words: &[&str], tail: &str| {
            words.iter().map(|w| format!("{w} {tail}")).collect::<Vec<_>>()
        };
        let hand = ["hand over", "hands over", "handing over", "handed over"];
        let verbs: Vec<&str> = [&grant[..], &give[..], &hand[..]].concat();
        let mut currency = Vec::new();
        for v in &verbs {
            for money in ["dollar", "dollars", "cash"] {
                currency.push(format!("{v} {money}"));
            }
        }
        let alter: Vec<String> =
            ["alter", "alters", "altered", "altering", "change", "changes", "changed", "changing"]
                .iter()
                .map(|w| format!("{w} constitution"))
                .collect();
        let want = vec![
            ("071".to_string(), currency),
            ("073".to_string(), with(&verbs, "aid to")),
            ("050".to_string(), with(&verbs, "relations")),
            ("070".to_string(), strings(&[&grant[..], &give[..]].concat())),
            ("071".to_string(), strings(&hand)),
            ("0344".to_string(), alter),
            ("050".to_string(), strings(&["change", "changes", "changed", "changing"])),
        ];
        assert_eq!(rows(&import), want);
        assert!(import.rows()[2].is_mutual() && !import.rows()[1].is_mutual());
        assert_eq!(
            import.skipped().collect::<Vec<_>>(),
            [
                ("forms an earlier row has (the earlier code kept)", 4),
                ("patterns with the null code [---] or no CAMEO code", 1),
                ("patterns with the source after the verb", 1),
                ("patterns with words or the source before the verb", 2),
            ]
        );
    }

    #[test]
    fn the_output_loads_with_scores_and_the_source_header() {
        let import = import(SAMPLE);
        let mut tsv = Vec::new();
        import.write_tsv(&mut tsv).unwrap();
        let tsv = String::from_utf8(tsv).unwrap();
        assert!(tsv.contains("\n# The MIT License (MIT)\n"), "{tsv}");
        let dict = EventDictionary::builder().add_str("out.tsv", &tsv).unwrap().build();
        assert_eq!(dict.len(), import.form_count());
        let find = |form: &str| dict.phrases().find(|p| p.form() == form).unwrap();
        // 070 is not in the built-in dictionary's codes here: its root's score.
        let granted = find("granted");
        assert_eq!(granted.code().as_str(), "070");
        let builtin = EventDictionary::builtin();
        let expected = builtin
            .phrases()
            .find(|p| p.code().as_str() == "070")
            .map_or(ROOT_SCORES[6], |p| p.score());
        assert_eq!(granted.score(), (expected * 10.0).round() / 10.0);
        assert!(find("gave relations").is_mutual());
        assert_eq!(find("granted aid to").code().as_str(), "073");
    }

    #[test]
    fn not_a_verb_dictionary_is_an_error_naming_the_file() {
        let err = PetrarchImporter::new()
            .import_reader("actors.txt", "AFGHANISTAN_ [AFG]\n+AFGHAN_\n".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("actors.txt:2: no \"VERB PATTERNS\" section"), "{err}");
    }
}
