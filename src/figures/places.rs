//! The provinces a text may name, so that a figure of another province is
//! not taken for the article's: every name of every province the site knows
//! (its own and its registry's), in every language, matched without
//! diacritics or case ("Quảng Trị", "Quang Tri", "quang tri").

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::config::Config;
use crate::ids::ProvinceId;

/// Province names cut into folded words, found by their first word.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// First word → the rest of each name starting with it, and its province;
    /// the longest first.
    by_first: HashMap<String, Vec<(Vec<String>, ProvinceId)>>,
}

impl Places {
    /// The names of `names` (province, name) pairs.
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a ProvinceId, &'a str)>) -> Places {
        let mut by_first: HashMap<String, Vec<(Vec<String>, ProvinceId)>> = HashMap::new();
        for (id, name) in names {
            let words = fold_words(name);
            // "TP. Hồ Chí Minh" and "Ho Chi Minh City" are also written "Hồ Chí Minh".
            let bare = words
                .iter()
                .skip(usize::from(words.first().is_some_and(|w| w == "tp")))
                .take_while(|w| *w != "city")
                .cloned()
                .collect();
            for mut words in [words, bare] {
                if words.is_empty() {
                    continue;
                }
                let first = words.remove(0);
                let rest = by_first.entry(first).or_default();
                if !rest.iter().any(|(w, p)| *w == words && p == id) {
                    rest.push((words, id.clone()));
                }
            }
        }
        for names in by_first.values_mut() {
            names.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        Places { by_first }
    }

    /// Every name of the site's provinces, in every language.
    pub fn of_site(config: &Config) -> Places {
        Places::new(
            config
                .provinces
                .iter()
                .flat_map(|(id, p)| p.names.values().map(move |n| (id, n.as_str()))),
        )
    }

    /// Every name of a built-in registry's provinces (for texts read outside a site).
    pub fn of_registry(name: &str) -> Places {
        #[derive(Deserialize)]
        struct Registry {
            provinces: BTreeMap<String, Entry>,
        }
        #[derive(Deserialize)]
        struct Entry {
            name: BTreeMap<String, String>,
        }
        let Some(text) = crate::provinces::registry(name) else {
            return Places::default();
        };
        let registry: Registry = toml::from_str(text).expect("the built-in registries are valid");
        let names: Vec<(ProvinceId, String)> = registry
            .provinces
            .into_iter()
            .filter_map(|(id, entry)| Some((ProvinceId::parse(&id)?, entry.name)))
            .flat_map(|(id, names)| names.into_values().map(move |n| (id.clone(), n)))
            .collect();
        Places::new(names.iter().map(|(id, n)| (id, n.as_str())))
    }

    /// The province a name starting at `words[0]` names, and how many words
    /// it covers (the longest name wins: "Thua Thien Hue" over "Hue").
    pub fn at(&self, words: &[&str]) -> Option<(&ProvinceId, usize)> {
        let (first, rest) = words.split_first()?;
        self.by_first.get(*first)?.iter().find_map(|(name, id)| {
            (rest.len() >= name.len() && name.iter().zip(rest).all(|(a, b)| a == b))
                .then_some((id, name.len() + 1))
        })
    }
}

/// A word as names are matched: lowercase, without diacritics ("Trị" → "tri").
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else if word.chars().all(|c| c.is_alphabetic() && !is_latin(c)) {
        // Cyrillic, Arabic …: their own letters, lowercased.
        word.to_lowercase()
    } else {
        deunicode::deunicode(word).to_lowercase()
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// A text cut into folded words, as names are matched ("Bà Rịa – Vũng
/// Tàu" → ba, ria, vung, tau).
pub fn fold_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && !is_mark(c))
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

/// A combining mark (Arabic vowel signs are part of their word).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ProvinceId {
        ProvinceId::parse(s).unwrap()
    }

    #[test]
    fn names_match_without_case_or_diacritics_and_the_longest_wins() {
        let (qt, hue, tth, ru) = (
            id("quang-tri"),
            id("hue"),
            id("thua-thien-hue"),
            id("nghe-an"),
        );
        let places = Places::new([
            (&qt, "Quảng Trị"),
            (&qt, "Quang Tri"),
            (&hue, "Huế"),
            (&tth, "Thừa Thiên Huế"),
            (&ru, "Нгеан"),
        ]);
        let words = |text: &str| -> Vec<String> { text.split(' ').map(fold).collect() };
        let at = |text: &str| {
            let w = words(text);
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            places.at(&refs).map(|(p, n)| (p.as_str().to_owned(), n))
        };
        assert_eq!(at("QUANG TRI province"), Some(("quang-tri".into(), 2)));
        assert_eq!(at("quảng trị"), Some(("quang-tri".into(), 2)));
        assert_eq!(at("Thua Thien Hue"), Some(("thua-thien-hue".into(), 3)));
        assert_eq!(at("Huế city"), Some(("hue".into(), 1)));
        assert_eq!(at("Нгеан"), Some(("nghe-an".into(), 1)));
        assert_eq!(at("Quang Ngai"), None);
    }

    #[test]
    fn the_registry_names_every_province_in_vietnamese_and_english() {
        let places = Places::of_registry("vietnam");
        for name in [
            "Bình Thuận",
            "Binh Thuan",
            "Hồ Chí Minh",
            "Ho Chi Minh",
            "Ba Ria - Vung Tau",
        ] {
            let words: Vec<String> = fold_words(name);
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            assert!(places.at(&refs).is_some(), "{name}");
        }
    }
}
