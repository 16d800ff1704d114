//! The gazetteer text format: tab-separated values with a header row.
//!
//! See `gazetteers/README.md` for the full description.

use std::borrow::Cow;
use std::sync::Arc;

use super::entry::{Alias, Entry, Office, Origin};
use crate::error::{Error, Result};
use crate::hash::FastMap;

/// The columns a gazetteer file may have.
const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "label",
    "aliases",
    "adjectives",
    "iso",
    "affiliation",
    "country",
    "role",
    "from",
    "to",
    "offices",
    "note",
    "code",
    "latitude",
    "longitude",
    "population",
    "feature",
    "admin",
    "geonames",
    "takeover",
    "merge",
];

/// Which column holds which field.
struct Header {
    columns: Vec<&'static str>,
    /// The cell index of each of `COLUMNS`, if the file has it.
    index: [Option<usize>; COLUMNS.len()],
}

/// Parses a whole gazetteer file. `source` names it in errors.
pub(crate) fn parse(source: &str, text: &str) -> Result<Vec<Entry>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut header = None;
    let mut entries = Vec::new();
    let mut seen: FastMap<String, u64> = FastMap::default();
    let shared_source: Arc<str> = source.into();
    for (index, line) in text.lines().enumerate() {
        let lineno = index as u64 + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some(header) = &header else {
            header = Some(parse_header(source, lineno, line)?);
            continue;
        };
        let entry = parse_row(header, line).map_err(|msg| Error::gazetteer(source, lineno, msg))?;
        // Merge rows add to an entity defined before: they may repeat its id.
        let first = if entry.merge { None } else { seen.insert(entry.id.clone(), lineno) };
        if let Some(first) = first {
            let msg = format!("duplicate id \"{}\" (first defined on line {})", entry.id, first);
            return Err(Error::gazetteer(source, lineno, msg));
        }
        let origin = Origin { source: Arc::clone(&shared_source), line: lineno };
        entries.push(Entry { origin, ..entry });
    }
    if header.is_none() {
        let msg = format!(
            "no header line (expected tab-separated columns such as {})",
            COLUMNS[..4].join(", ")
        );
        return Err(Error::gazetteer(source, 0, msg));
    }
    Ok(entries)
}

fn parse_header(source: &str, lineno: u64, line: &str) -> Result<Header> {
    let mut columns = Vec::new();
    for cell in line.split('\t') {
        let name = unquote(cell).to_ascii_lowercase();
        let Some(known) = COLUMNS.iter().find(|c| **c == name) else {
            let msg =
                format!("unknown column \"{}\" (known columns: {})", name, COLUMNS.join(", "));
            return Err(Error::gazetteer(source, lineno, msg));
        };
        if columns.contains(known) {
            return Err(Error::gazetteer(
                source,
                lineno,
                format!("column \"{name}\" appears twice"),
            ));
        }
        columns.push(*known);
    }
    for required in ["id", "kind", "label"] {
        if !columns.contains(&required) {
            let msg = format!("the header has no \"{required}\" column");
            return Err(Error::gazetteer(source, lineno, msg));
        }
    }
    let mut index = [None; COLUMNS.len()];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        *slot = columns.iter().position(|c| c == name);
    }
    Ok(Header { columns, index })
}

fn parse_row(header: &Header, line: &str) -> std::result::Result<Entry, String> {
    let cells: Vec<Cow<'_, str>> = line.split('\t').map(unquote).collect();
    if cells.len() > header.columns.len() {
        return Err(format!(
            "{} cells but the header has {} columns",
            cells.len(),
            header.columns.len()
        ));
    }
    let get = |name: &str| {
        let column = COLUMNS.iter().position(|c| *c == name).expect("a known column name");
        cells.get(header.index[column]?).map(|s| s.trim()).filter(|s| !s.is_empty())
    };
    let id = get("id").ok_or("empty id")?;
    if id.contains(char::is_whitespace) {
        return Err(format!("id \"{id}\" contains white space"));
    }
    let kind = get("kind").ok_or("empty kind")?.parse()?;
    let label = get("label").ok_or("empty label")?;
    check_name("label", label)?;
    let mut entry = Entry::new(id, kind, label);
    for (column, what, adjectival) in
        [("aliases", "alias", false), ("adjectives", "adjective", true)]
    {
        for name in get(column).unwrap_or("").split('|').filter(|n| !n.trim().is_empty()) {
            check_name(what, name)?;
            entry.push_alias(Alias::parse(name, adjectival));
        }
    }
    entry.iso = get("iso").map(String::from);
    entry.affiliation = get("affiliation").map(String::from);
    entry.country = get("country").map(String::from);
    entry.role = get("role").map(String::from);
    entry.from = get("from").map(parse_year).transpose()?;
    entry.to = get("to").map(parse_year).transpose()?;
    if let Some(role) = &entry.role {
        entry.push_office(Office { role: role.clone(), from: entry.from, to: entry.to });
    }
    for office in get("offices").unwrap_or("").split('|').filter(|o| !o.trim().is_empty()) {
        entry.push_office(Office::parse(office)?);
    }
    entry.note = get("note").map(String::from);
    entry.code = get("code").map(String::from);
    entry.place.latitude =
        get("latitude").map(|c| parse_degrees("latitude", c, 90.0)).transpose()?;
    entry.place.longitude =
        get("longitude").map(|c| parse_degrees("longitude", c, 180.0)).transpose()?;
    if entry.place.latitude.is_some() != entry.place.longitude.is_some() {
        return Err("a latitude needs a longitude, and a longitude a latitude".to_string());
    }
    entry.place.population = get("population").map(|c| parse_count("population", c)).transpose()?;
    entry.place.feature = get("feature").map(String::from);
    entry.place.admin = get("admin").map(String::from);
    entry.place.geonames = get("geonames").map(|c| parse_count("geonames", c)).transpose()?;
    let yes_no = |column| get(column).map(|c| parse_yes_no(column, c)).transpose();
    entry.take_over = yes_no("takeover")?.unwrap_or(false);
    entry.merge = yes_no("merge")?.unwrap_or(false);
    Ok(entry)
}

/// Parses a latitude or longitude in decimal degrees, at most `max` either way, and writes it
/// back in the shortest form that reads as the same number.
fn parse_degrees(what: &str, cell: &str, max: f64) -> std::result::Result<String, String> {
    match cell.parse::<f64>() {
        Ok(deg) if deg.is_finite() && deg.abs() <= max => Ok(deg.to_string()),
        _ => Err(format!("{what} \"{cell}\" is not a number of degrees from -{max} to {max}")),
    }
}

fn parse_count(what: &str, cell: &str) -> std::result::Result<u64, String> {
    cell.parse().map_err(|_| format!("{what} \"{cell}\" is not a whole number"))
}

/// Reads a `takeover` or `merge` cell: `yes` or `no` (also `true`, `false`, `1`, `0`), in any
/// case.
fn parse_yes_no(column: &str, cell: &str) -> std::result::Result<bool, String> {
    match cell.to_ascii_lowercase().as_str() {
        "yes" | "true" | "1" => Ok(true),
        "no" | "false" | "0" => Ok(false),
        _ => Err(format!("{column} \"{cell}\" must be yes or no")),
    }
}

/// Checks a name as written in a gazetteer (a label, alias or adjective, with its `=` mark if
/// it has one). `what` names it in the message ("label", "alias"). A name must have a letter
/// or a digit: an empty name (such as a bare `=`) would match zero-width text, and a name of
/// punctuation only (".", "-", "!!") would match every such character.
fn check_name(what: &str, raw: &str) -> std::result::Result<(), String> {
    let raw = raw.trim();
    let text = raw.strip_prefix('=').map_or(raw, str::trim);
    if text.is_empty() {
        let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
        return Err(format!("{article} {what} marked '=' has no text"));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(format!(
            "{what} \"{raw}\" has no letter or digit, so it would match punctuation anywhere"
        ));
    }
    Ok(())
}

fn parse_year(cell: &str) -> std::result::Result<i32, String> {
    cell.parse().map_err(|_| format!("\"{cell}\" is not a year"))
}

/// Removes spreadsheet-style quotes: `"a ""b"""` becomes `a "b"`.
fn unquote(cell: &str) -> Cow<'_, str> {
    let trimmed = cell.trim();
    match trimmed.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) if trimmed.len() >= 2 && inner.contains('"') => {
            Cow::Owned(inner.replace("\"\"", "\""))
        }
        Some(inner) if trimmed.len() >= 2 => Cow::Borrowed(inner),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::EntityKind;

    fn err(text: &str) -> String {
        parse("g.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn parses_rows_comments_and_blank_lines() {
        let text = "\u{FEFF}# states\n\nid\tkind\tlabel\taliases\tadjectives\tiso\r\nRUS\tstate\tRussia\tRussian Federation|=RF\tRussian\tRU\r\n";
        let entries = parse("g.tsv", text).unwrap();
        assert_eq!(entries.len(), 1);
        let e = &entries[0];
        assert_eq!(
            (e.id(), e.kind(), e.label(), e.iso_code()),
            ("RUS", EntityKind::State, "Russia", Some("RU"))
        );
        let names: Vec<_> =
            e.aliases().iter().map(|a| (a.text(), a.is_adjectival(), a.is_exact())).collect();
        assert_eq!(
            names,
            [
                ("Russia", false, false),
                ("Russian Federation", false, false),
                ("RF", false, true),
                ("Russian", true, false)
            ]
        );
        assert_eq!(e.origin(), "g.tsv:4");
    }

    #[test]
    fn offices_column_adds_to_the_main_role() {
        let text = "id\tkind\tlabel\trole\tfrom\tto\toffices\n\
                    vp\tperson\tV P\tPresident\t2012\t\tPrime Minister 2008-2012|President 2012-\n";
        let e = &parse("g.tsv", text).unwrap()[0];
        let offices: Vec<_> = e.offices().iter().map(|o| (o.role(), o.years())).collect();
        assert_eq!(
            offices,
            [("President", (Some(2012), None)), ("Prime Minister", (Some(2008), Some(2012)))]
        );
        let bad = "id\tkind\tlabel\toffices\nvp\tperson\tV P\tPresident\n";
        assert!(err(bad).starts_with("g.tsv:2: office \"President\" must end with its years"));
    }

    #[test]
    fn short_rows_and_quoted_cells() {
        let text =
            "id\tkind\tlabel\tnote\tcountry\nx\tplace\t\"Washington, D.C.\"\t\"say \"\"hi\"\"\"\n";
        let e = &parse("g.tsv", text).unwrap()[0];
        assert_eq!(e.label(), "Washington, D.C.");
        assert_eq!(e.note_text(), Some("say \"hi\""));
        assert_eq!(e.country_id(), None);
    }

    #[test]
    fn errors_name_file_and_line() {
        assert_eq!(
            err("id\tkind\tlabel\nx\tpersn\tX\n"),
            "g.tsv:2: unknown kind \"persn\" (expected person, state, group or place)"
        );
        assert_eq!(
            err("id\tkind\tlabl\n"),
            "g.tsv:1: unknown column \"labl\" (known columns: id, kind, label, aliases, adjectives, iso, affiliation, country, role, from, to, offices, note, code, latitude, longitude, population, feature, admin, geonames, takeover, merge)"
        );
        assert_eq!(err("id\tkind\n"), "g.tsv:1: the header has no \"label\" column");
        assert_eq!(
            err("id\tkind\tlabel\nx\tstate\tX\tY\n"),
            "g.tsv:2: 4 cells but the header has 3 columns"
        );
        assert_eq!(err("id\tkind\tlabel\n\tstate\tX\n"), "g.tsv:2: empty id");
        assert_eq!(err("id\tkind\tlabel\nx\tstate\t\n"), "g.tsv:2: empty label");
        assert_eq!(
            err("id\tkind\tlabel\tfrom\nx\tperson\tX\tlast year\n"),
            "g.tsv:2: \"last year\" is not a year"
        );
        assert_eq!(err("id\tkind\tlabel\tkind\n"), "g.tsv:1: column \"kind\" appears twice");
        assert_eq!(
            err("id\tkind\tlabel\taliases\nx\tstate\tX\t=\n"),
            "g.tsv:2: an alias marked '=' has no text"
        );
    }

    #[test]
    fn empty_and_punctuation_only_names_are_rejected_with_file_and_line() {
        let row = |label: &str, aliases: &str, adjectives: &str| {
            err(&format!(
                "id\tkind\tlabel\taliases\tadjectives\n# c\nx\tgroup\t{label}\t{aliases}\t{adjectives}\n"
            ))
        };
        assert_eq!(row("=", "", ""), "g.tsv:3: a label marked '=' has no text");
        assert_eq!(row("= ", "X", ""), "g.tsv:3: a label marked '=' has no text");
        let punct = "has no letter or digit, so it would match punctuation anywhere";
        assert_eq!(row(".", "", ""), format!("g.tsv:3: label \".\" {punct}"));
        assert_eq!(row("X", "Y|-", ""), format!("g.tsv:3: alias \"-\" {punct}"));
        assert_eq!(row("X", "", "!!"), format!("g.tsv:3: adjective \"!!\" {punct}"));
        assert_eq!(row("X", "", "="), "g.tsv:3: an adjective marked '=' has no text");
        assert_eq!(row("X", "=|Y", ""), "g.tsv:3: an alias marked '=' has no text");
        for raw in [".", "-", "!!", "=--", "“…”", "\u{301}"] {
            assert!(check_name("alias", raw).unwrap_err().ends_with(punct), "{raw}");
        }
        for raw in ["G7", "=US", "1989", "Ñ", "al-Nusra", "١٢", "東京"] {
            assert_eq!(check_name("alias", raw), Ok(()), "{raw}");
        }
        let ok = "id\tkind\tlabel\taliases\nx\tgroup\tG7\t=G-7||1989\n";
        assert_eq!(parse("g.tsv", ok).unwrap()[0].aliases().len(), 3, "empty cells are skipped");
    }

    #[test]
    fn place_attributes_and_takeover() {
        let text = "id\tkind\tlabel\tlatitude\tlongitude\tpopulation\tfeature\tadmin\tgeonames\ttakeover\n\
                    x\tplace\tX\t48.850\t-2.35\t2138551\tP.PPLC\tFR.11\t2988507\tYes\n\
                    y\tplace\tY\n";
        let entries = parse("g.tsv", text).unwrap();
        let x = &entries[0];
        assert_eq!(x.location(), Some((48.85, -2.35)));
        assert_eq!(x.population_count(), Some(2138551));
        assert_eq!((x.feature_code(), x.admin_code()), (Some("P.PPLC"), Some("FR.11")));
        assert_eq!(x.geonames(), Some(2988507));
        assert!(x.takes_over() && !entries[1].takes_over());
        let row = |cells: &str| {
            err(&format!(
                "id\tkind\tlabel\tlatitude\tlongitude\tpopulation\ttakeover\nx\tplace\tX\t{cells}\n"
            ))
        };
        assert_eq!(
            row("91\t0"),
            "g.tsv:2: latitude \"91\" is not a number of degrees from -90 to 90"
        );
        assert_eq!(row("1\t"), "g.tsv:2: a latitude needs a longitude, and a longitude a latitude");
        assert_eq!(row("1\t2\tmany"), "g.tsv:2: population \"many\" is not a whole number");
        assert_eq!(row("1\t2\t3\tperhaps"), "g.tsv:2: takeover \"perhaps\" must be yes or no");
    }

    #[test]
    fn duplicate_id_names_both_lines() {
        let text = "id\tkind\tlabel\nx\tstate\tX\n# c\nx\tstate\tY\n";
        assert_eq!(err(text), "g.tsv:4: duplicate id \"x\" (first defined on line 2)");
    }

    #[test]
    fn empty_file_has_no_header() {
        assert!(err("").starts_with("g.tsv: no header line"));
        assert!(err("# only a comment\n\n").starts_with("g.tsv: no header line"));
    }
}
