//! Word lists that tell names from other capitalised words, shared by the matcher's rules
//! and by discovery: given names, and the words that open sentences.

/// Given names, one a line after `#` comments: a name that opens with one is a person's.
const GIVEN_NAMES: &str = include_str!("lexicon/given-names.txt");

/// Returns true if `word` is in the given-name lexicon, or is the fold of a lexicon name with
/// diacritics: news that prints "Sebastien" or "Frederic" means "Sébastien" and "Frédéric".
pub(crate) fn is_given_name(word: &str) -> bool {
    use std::borrow::Cow;
    static SET: std::sync::OnceLock<std::collections::HashSet<Cow<'static, str>>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let names = GIVEN_NAMES.lines().map(str::trim);
        let names = names.filter(|l| !l.is_empty() && !l.starts_with('#'));
        names
            .flat_map(|name| {
                let folded = (!name.is_ascii()).then(|| Cow::Owned(crate::gazetteer::fold(name)));
                std::iter::once(Cow::Borrowed(name)).chain(folded)
            })
            .collect()
    })
    .contains(word)
}

/// Capitalised words that open sentences rather than names: "On Monday the ...".
#[rustfmt::skip]
pub(crate) const OPENERS: &[&str] = &[
    "A", "An", "The", "On", "In", "At", "By", "For", "From", "With", "After", "Before", "During",
    "Meanwhile", "Yesterday", "Today", "Last", "Next", "This", "That", "These", "Those", "When",
    "While", "But", "And", "As", "If", "Since", "Until", "Under", "Over", "Also", "Both", "Later",
    "Earlier", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Mr", "Mrs", "Ms", "Then", "However", "Now", "Here",
    "There", "Although", "Because", "Despite", "Among", "Following", "Without", "Within",
    "Against", "Once", "So", "Yet", "Or", "Thus", "Still", "Even", "Only", "Not", "It", "He",
    "She", "They", "We", "His", "Her", "Their", "Our", "Its", "Outside", "Inside", "Near",
    "Across", "Around", "Throughout", "Beyond", "Behind", "Beside", "Amid", "Through", "Towards",
    "Toward", "Into", "Along", "About", "Above", "Below", "I", "I'm", "I've", "I'd", "I'll",
    "You", "We're", "We've", "It's", "There's",
];

/// Returns true if `word` is one of [`OPENERS`].
pub(crate) fn is_opener(word: &str) -> bool {
    OPENERS.contains(&word)
}
