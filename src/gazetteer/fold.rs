//! Folding Latin letters with diacritics to their base letters: `Łódź` → `Lodz`.
//!
//! GeoNames gives each place an ASCII name, but that column sometimes drops letters instead of
//! folding them (`Łask` → `ask`, `Łódź` → `odz`). The importer folds the names itself and keeps
//! an ASCII name only when it is the fold of a real name. A table is enough for this: the
//! letters are those of the Latin blocks (Latin-1, Extended-A and -B, Extended Additional), and
//! the ones that Unicode does not decompose (`Ł`, `Ø`, `Đ`, `ß`, `Æ`, `Œ`, `Þ`, `ı`, `ħ`) need a
//! table anyway, so no normalization crate is needed.

/// Folds a name: Latin letters with diacritics become their base letters (`ß` → `ss`,
/// `Æ` → `AE`, `Þ` → `Th`), combining marks (U+0300 to U+036F) are removed, and every other
/// character is kept as it is.
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match base(c) {
            Some(base) => out.push_str(base),
            None if ('\u{300}'..='\u{36F}').contains(&c) => {}
            None => out.push(c),
        }
    }
    out
}

/// The base letters of a Latin letter with a diacritic, or `None` for any other character.
/// Generated from Unicode's decompositions, plus the letters that have none.
#[rustfmt::skip]
pub(crate) fn base(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' | 'Ǎ' | 'Ǟ' | 'Ǡ' | 'Ǻ' | 'Ȁ' | 'Ȃ' | 'Ȧ' | 'Ⱥ' | 'Ḁ' | 'Ạ' | 'Ả' | 'Ấ' | 'Ầ' | 'Ẩ' | 'Ẫ' | 'Ậ' | 'Ắ' | 'Ằ' | 'Ẳ' | 'Ẵ' | 'Ặ' => "A",
        'Æ' => "AE",
        'Ɓ' | 'Ƀ' | 'Ḃ' | 'Ḅ' | 'Ḇ' => "B",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' | 'Ȼ' | 'Ḉ' => "C",
        'Ð' | 'Ď' | 'Đ' | 'Ɗ' | 'Ḋ' | 'Ḍ' | 'Ḏ' | 'Ḑ' | 'Ḓ' => "D",
        'Ǆ' | 'Ǳ' => "DZ",
        'ǅ' | 'ǲ' => "Dz",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' | 'Ǝ' | 'Ə' | 'Ɛ' | 'Ȅ' | 'Ȇ' | 'Ȩ' | 'Ɇ' | 'Ḕ' | 'Ḗ' | 'Ḙ' | 'Ḛ' | 'Ḝ' | 'Ẹ' | 'Ẻ' | 'Ẽ' | 'Ế' | 'Ề' | 'Ể' | 'Ễ' | 'Ệ' => "E",
        'Ḟ' => "F",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' | 'Ǧ' | 'Ǵ' | 'Ḡ' => "G",
        'Ĥ' | 'Ħ' | 'Ȟ' | 'Ḣ' | 'Ḥ' | 'Ḧ' | 'Ḩ' | 'Ḫ' => "H",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' | 'Ɨ' | 'Ǐ' | 'Ȉ' | 'Ȋ' | 'Ḭ' | 'Ḯ' | 'Ỉ' | 'Ị' => "I",
        'Ĳ' => "IJ",
        'Ĵ' | 'Ɉ' => "J",
        'Ķ' | 'Ƙ' | 'Ǩ' | 'Ḱ' | 'Ḳ' | 'Ḵ' => "K",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' | 'Ƚ' | 'Ḷ' | 'Ḹ' | 'Ḻ' | 'Ḽ' => "L",
        'Ǉ' => "LJ",
        'ǈ' => "Lj",
        'Ḿ' | 'Ṁ' | 'Ṃ' => "M",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' | 'Ŋ' | 'Ǹ' | 'Ṅ' | 'Ṇ' | 'Ṉ' | 'Ṋ' => "N",
        'Ǌ' => "NJ",
        'ǋ' => "Nj",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' | 'Ɔ' | 'Ơ' | 'Ǒ' | 'Ǫ' | 'Ǭ' | 'Ȍ' | 'Ȏ' | 'Ȫ' | 'Ȭ' | 'Ȯ' | 'Ȱ' | 'Ṍ' | 'Ṏ' | 'Ṑ' | 'Ṓ' | 'Ọ' | 'Ỏ' | 'Ố' | 'Ồ' | 'Ổ' | 'Ỗ' | 'Ộ' | 'Ớ' | 'Ờ' | 'Ở' | 'Ỡ' | 'Ợ' => "O",
        'Œ' => "OE",
        'Ṕ' | 'Ṗ' => "P",
        'Ŕ' | 'Ŗ' | 'Ř' | 'Ȑ' | 'Ȓ' | 'Ɍ' | 'Ṙ' | 'Ṛ' | 'Ṝ' | 'Ṟ' => "R",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' | 'Ṡ' | 'Ṣ' | 'Ṥ' | 'Ṧ' | 'Ṩ' => "S",
        'ẞ' => "SS",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' | 'Ⱦ' | 'Ṫ' | 'Ṭ' | 'Ṯ' | 'Ṱ' => "T",
        'Þ' => "Th",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' | 'Ư' | 'Ǔ' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ' | 'Ȕ' | 'Ȗ' | 'Ṳ' | 'Ṵ' | 'Ṷ' | 'Ṹ' | 'Ṻ' | 'Ụ' | 'Ủ' | 'Ứ' | 'Ừ' | 'Ử' | 'Ữ' | 'Ự' => "U",
        'Ṽ' | 'Ṿ' => "V",
        'Ŵ' | 'Ẁ' | 'Ẃ' | 'Ẅ' | 'Ẇ' | 'Ẉ' => "W",
        'Ẋ' | 'Ẍ' => "X",
        'Ý' | 'Ŷ' | 'Ÿ' | 'Ƴ' | 'Ȳ' | 'Ɏ' | 'Ẏ' | 'Ỳ' | 'Ỵ' | 'Ỷ' | 'Ỹ' => "Y",
        'Ź' | 'Ż' | 'Ž' | 'Ƶ' | 'Ẑ' | 'Ẓ' | 'Ẕ' => "Z",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ǟ' | 'ǡ' | 'ǻ' | 'ȁ' | 'ȃ' | 'ȧ' | 'ḁ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => "a",
        'æ' => "ae",
        'ƀ' | 'ḃ' | 'ḅ' | 'ḇ' => "b",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' | 'ȼ' | 'ḉ' => "c",
        'ð' | 'ď' | 'đ' | 'ḋ' | 'ḍ' | 'ḏ' | 'ḑ' | 'ḓ' => "d",
        'ǆ' | 'ǳ' => "dz",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ǝ' | 'ȅ' | 'ȇ' | 'ȩ' | 'ɇ' | 'ḕ' | 'ḗ' | 'ḙ' | 'ḛ' | 'ḝ' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' => "e",
        'ƒ' | 'ḟ' => "f",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'ǧ' | 'ǵ' | 'ḡ' => "g",
        'ĥ' | 'ħ' | 'ȟ' | 'ḣ' | 'ḥ' | 'ḧ' | 'ḩ' | 'ḫ' | 'ẖ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ȉ' | 'ȋ' | 'ḭ' | 'ḯ' | 'ỉ' | 'ị' => "i",
        'ĳ' => "ij",
        'ĵ' | 'ǰ' | 'ɉ' => "j",
        'ķ' | 'ĸ' | 'ƙ' | 'ǩ' | 'ḱ' | 'ḳ' | 'ḵ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'ƚ' | 'ḷ' | 'ḹ' | 'ḻ' | 'ḽ' => "l",
        'ǉ' => "lj",
        'ḿ' | 'ṁ' | 'ṃ' => "m",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŋ' | 'ǹ' | 'ṅ' | 'ṇ' | 'ṉ' | 'ṋ' => "n",
        'ǌ' => "nj",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ǒ' | 'ǫ' | 'ǭ' | 'ȍ' | 'ȏ' | 'ȫ' | 'ȭ' | 'ȯ' | 'ȱ' | 'ṍ' | 'ṏ' | 'ṑ' | 'ṓ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ' | 'ộ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => "o",
        'œ' => "oe",
        'ṕ' | 'ṗ' => "p",
        'ŕ' | 'ŗ' | 'ř' | 'ȑ' | 'ȓ' | 'ɍ' | 'ṙ' | 'ṛ' | 'ṝ' | 'ṟ' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' | 'ș' | 'ȿ' | 'ṡ' | 'ṣ' | 'ṥ' | 'ṧ' | 'ṩ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṫ' | 'ṭ' | 'ṯ' | 'ṱ' | 'ẗ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ȕ' | 'ȗ' | 'ṳ' | 'ṵ' | 'ṷ' | 'ṹ' | 'ṻ' | 'ụ' | 'ủ' | 'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' => "u",
        'ṽ' | 'ṿ' => "v",
        'ŵ' | 'ẁ' | 'ẃ' | 'ẅ' | 'ẇ' | 'ẉ' | 'ẘ' => "w",
        'ẋ' | 'ẍ' => "x",
        'ý' | 'ÿ' | 'ŷ' | 'ƴ' | 'ȳ' | 'ɏ' | 'ẏ' | 'ẙ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
        'ź' | 'ż' | 'ž' | 'ƶ' | 'ɀ' | 'ẑ' | 'ẓ' | 'ẕ' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names() {
        for (name, folded) in [
            ("Łódź", "Lodz"),
            ("Łask", "Lask"),
            ("Kraków", "Krakow"),
            ("São Paulo", "Sao Paulo"),
            ("Zürich", "Zurich"),
            ("Wrocław", "Wroclaw"),
            ("Tromsø", "Tromso"),
            ("Đà Nẵng", "Da Nang"),
            ("Großbeeren", "Grossbeeren"),
            ("Ærøskøbing", "AEroskobing"),
            ("Œuilly", "OEuilly"),
            ("Þorlákshöfn", "Thorlakshofn"),
            ("Diyarbakır", "Diyarbakir"),
            ("Ħamrun", "Hamrun"),
            ("Ṣan‘ā’", "San‘a’"),
            // A combining mark, as in a decomposed "é".
            ("Cafe\u{301}", "Cafe"),
            ("Москва", "Москва"),
            ("Paris", "Paris"),
        ] {
            assert_eq!(fold(name), folded, "{name}");
        }
    }

    #[test]
    fn folds_are_ascii_for_the_latin_blocks() {
        let blocks = ['\u{C0}'..='\u{24F}', '\u{1E00}'..='\u{1EFF}'];
        for c in blocks.into_iter().flatten().filter(|c| c.is_alphabetic()) {
            if let Some(base) = base(c) {
                assert!(base.chars().all(|b| b.is_ascii_alphabetic()), "{c} → {base}");
            }
        }
    }
}
