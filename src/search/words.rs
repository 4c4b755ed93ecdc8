//! The words a piece of text gives the search index, made the way the search
//! interface makes the words of a reader's query, so that the two meet:
//! letters and digits only, in lower case, without diacritics ("hợp" is
//! found as "hop"; the form with diacritics is kept beside it, so that an
//! exact match ranks first), then stemmed by the Snowball stemmer the
//! interface runs for the page's language. A word joined from parts
//! ("co-op", "210,000", "ThreeAntelopes") is indexed whole and by its parts.

use std::borrow::Cow;

use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters that count as letters of a word: the connector punctuation,
/// which the search interface keeps too (it names them in its entry file).
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// A word of the index that a word of the text gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexable {
    /// How the index files it: folded and stemmed.
    pub key: String,
    /// The word with its diacritics, when folding changed it.
    pub original: Option<String>,
    /// Whether it is a part of the word rather than the word.
    pub part: bool,
}

/// The stemmer of a language (by its code, `ar` or `pt-BR`), among those the
/// search interface has; `None` for a language it searches unstemmed
/// (Vietnamese among them).
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or(language) {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Appends to `out` the index words of one word of text (a run without
/// spaces), the word itself first.
pub fn indexables(raw: &str, stemmer: Option<&Stemmer>, out: &mut Vec<Indexable>) {
    let whole = letters(raw);
    if whole.is_empty() {
        return;
    }
    out.push(filed(&whole, stemmer, false));
    let joined =
        raw.chars().any(|c| !c.is_alphanumeric()) || raw.chars().skip(1).any(char::is_uppercase);
    if !joined {
        return;
    }
    let parts = parts(raw);
    let single = parts.len() == 1 && whole.starts_with(parts[0].as_str());
    if parts.is_empty() || single {
        return;
    }
    out.extend(
        parts
            .iter()
            .filter(|p| p.len() > 1)
            .map(|p| filed(p, stemmer, true)),
    );
}

/// The letters and digits of a word, in lower case.
fn letters(raw: &str) -> String {
    let mut word = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            word.extend(c.to_lowercase());
        }
    }
    word
}

/// The word as the index files it.
fn filed(word: &str, stemmer: Option<&Stemmer>, part: bool) -> Indexable {
    let folded = fold(word);
    let plain = folded.as_deref().unwrap_or(word);
    let key = match stemmer {
        Some(stemmer) => stemmer.stem(plain).into_owned(),
        None => plain.to_owned(),
    };
    Indexable {
        key,
        original: folded.map(|_| word.to_owned()),
        part,
    }
}

/// The word without its diacritics, when it has any: decomposed, with the
/// combining marks left out. The kana sound marks stay (they tell words
/// apart), recomposed.
pub fn fold(word: &str) -> Option<String> {
    if word.is_ascii() {
        return None;
    }
    let kept = |c: &char| !is_combining_mark(*c) || matches!(*c, '\u{3099}' | '\u{309A}');
    let stripped: String = word.nfd().filter(kept).collect();
    let folded: Cow<'_, str> = if stripped.contains(['\u{3099}', '\u{309A}']) {
        Cow::Owned(stripped.nfc().collect())
    } else {
        Cow::Owned(stripped)
    };
    (folded != word).then(|| folded.into_owned())
}

/// The parts of a joined word, in lower case: split at every character that
/// is not a letter or digit, between a lower-case and an upper-case letter,
/// between letters and digits, and before the last capital of a run of
/// capitals that starts a word ("HTTPServer": "http", "server").
fn parts(raw: &str) -> Vec<String> {
    let chars: Vec<char> = raw.chars().collect();
    let mut parts = Vec::new();
    let mut part = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !part.is_empty() {
                parts.push(std::mem::take(&mut part));
            }
            continue;
        }
        if let Some(&before) = i.checked_sub(1).and_then(|b| chars.get(b))
            && before.is_alphanumeric()
        {
            let next = chars.get(i + 1).copied();
            let boundary = (before.is_lowercase() && c.is_uppercase())
                || (before.is_alphabetic() && c.is_numeric())
                || (before.is_numeric() && c.is_alphabetic())
                || (before.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(char::is_lowercase));
            if boundary && !part.is_empty() {
                parts.push(std::mem::take(&mut part));
            }
        }
        part.extend(c.to_lowercase());
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(raw: &str, language: &str) -> Vec<(String, Option<String>, bool)> {
        let stemmer = stemmer(language);
        let mut out = Vec::new();
        indexables(raw, stemmer.as_ref(), &mut out);
        out.into_iter()
            .map(|i| (i.key, i.original, i.part))
            .collect()
    }

    fn k(key: &str, original: Option<&str>, part: bool) -> (String, Option<String>, bool) {
        (key.to_owned(), original.map(str::to_owned), part)
    }

    #[test]
    fn a_plain_word_is_stemmed_in_its_language() {
        assert_eq!(keys("Cooperatives", "en"), [k("cooper", None, false)]);
        assert_eq!(keys("кооперативов", "ru"), [k("кооператив", None, false)]);
        assert_eq!(keys("koperasinya", "id"), [k("koperasi", None, false)]);
    }

    #[test]
    fn diacritics_are_folded_and_the_original_kept() {
        assert_eq!(keys("Hợp", "vi"), [k("hop", Some("hợp"), false)]);
        // Vietnamese has no stemmer: the word is filed as folded.
        assert_eq!(keys("tác", "vi"), [k("tac", Some("tác"), false)]);
        assert_eq!(keys("đồng", "vi"), [k("đong", Some("đồng"), false)]);
    }

    #[test]
    fn arabic_marks_are_folded() {
        let with_marks = keys("التَّعَاوُنِيَّة", "ar");
        let without = keys("التعاونية", "ar");
        assert_eq!(with_marks[0].0, without[0].0);
        assert!(with_marks[0].1.is_some() && without[0].1.is_none());
    }

    #[test]
    fn a_joined_word_is_indexed_whole_and_by_its_parts() {
        assert_eq!(
            keys("three-antelopes", "en"),
            [
                k("threeantelop", None, false),
                k("three", None, true),
                k("antelop", None, true)
            ]
        );
        assert_eq!(keys("ThreeAntelopes", "en"), keys("three-antelopes", "en"));
        // The connector underscore is a letter of the whole word.
        assert_eq!(
            keys("three_antelopes", "en")[0],
            k("three_antelop", None, false)
        );
        assert_eq!(
            keys("210,000", "en"),
            [
                k("210000", None, false),
                k("210", None, true),
                k("000", None, true)
            ]
        );
        // Punctuation at an end makes no parts; one-letter parts are left out.
        assert_eq!(keys("2030.", "en"), [k("2030", None, false)]);
        assert_eq!(keys("(5%)", "en"), [k("5", None, false)]);
        assert_eq!(keys("5%/year", "en")[1..], [k("year", None, true)]);
        assert_eq!(
            keys("HTTPServer", "en")[1..],
            [k("http", None, true), k("server", None, true)]
        );
    }

    #[test]
    fn a_word_without_letters_gives_nothing() {
        assert!(keys("·", "en").is_empty());
        assert!(keys("—", "vi").is_empty());
    }
}
