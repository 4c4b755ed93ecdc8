//! What each language's texts say around a key figure, from one data file per
//! language (`src/figures/words/<lang>.toml`): number style, scale words, units,
//! numbers written as words, and the phrases that tell a figure's metric, status
//! and exactness. A site adds or replaces a language with `figures/<lang>.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::MetricId;
use super::extract::Reader;
use super::number::Style;
use crate::config::{Config, toml_diagnostic};
use crate::error::{Diagnostic, Error, Result};
use crate::fs;

/// The site folder holding its own language data (`figures/<lang>.toml`).
pub const FOLDER: &str = "figures";

/// The built-in data files.
const BUILT_IN: &[(&str, &str)] = &[
    ("ar", include_str!("words/ar.toml")),
    ("en", include_str!("words/en.toml")),
    ("id", include_str!("words/id.toml")),
    ("ru", include_str!("words/ru.toml")),
    ("vi", include_str!("words/vi.toml")),
];

/// One language's knowledge of key figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// How numbers are written.
    pub numbers: Style,
    /// Whether phrases match whole words only (for languages whose words never
    /// change form, such as Vietnamese); else each phrase word matches the start of
    /// a word, so a stem covers its inflections.
    #[serde(default)]
    pub whole_words: bool,
    /// Letters that attach to the front of a word (Arabic `و`, `ال`, …).
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Words after a number that multiply it.
    #[serde(default)]
    pub scales: BTreeMap<String, f64>,
    /// Words after a number that name its unit, and the unit.
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    /// Small numbers written as words.
    #[serde(default)]
    pub number_words: BTreeMap<String, f64>,
    /// Phrases naming what a number counts.
    #[serde(default)]
    pub metrics: BTreeMap<String, MetricId>,
    /// Lists of phrases with one meaning each.
    #[serde(default)]
    pub phrases: Phrases,
}

/// Phrases around a number, by what they mean; a list left out is empty.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Phrases {
    /// Before a number: it is approximate ("more than", "حوالي").
    pub approximate: Vec<String>,
    /// Between the ends of a range.
    pub range: Vec<String>,
    /// Near a count of cooperatives: new ones.
    pub new: Vec<String>,
    /// Near a count of cooperatives: dissolved ones.
    pub dissolved: Vec<String>,
    /// Earlier in the paragraph: the figures are goals.
    pub target: Vec<String>,
    /// Earlier in the sentence: the figure is expected.
    pub estimate: Vec<String>,
    /// Near a number: it is a change, not a level.
    pub change: Vec<String>,
    /// Near a count: it counts only some of them (suspended, approved, supported).
    pub subset: Vec<String>,
    /// Right before a number: it names a document.
    pub document: Vec<String>,
    /// Month names (and words such as "day"): a number next to one is a date.
    pub months: Vec<String>,
}

/// The languages that have data, built-in or the site's, ready for reading.
#[derive(Debug, Clone, Default)]
pub struct Library {
    languages: BTreeMap<String, Reader>,
}

impl Library {
    /// The built-in data, then the site's `figures/<lang>.toml` files, which replace or add languages.
    pub fn load(config: &Config) -> Result<Library> {
        let mut languages = Library::built_in().languages;
        let dir = config.root.join(FOLDER);
        let mut problems = Vec::new();
        for path in fs::walk_files(&dir)? {
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let code = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let shown = fs::shown(&config.root, &path);
            match fs::read_text(&path, &shown)? {
                Ok(text) => match parse(&shown, &text) {
                    Ok(words) => {
                        languages.insert(code, Reader::new(&words));
                    }
                    Err(d) => problems.push(d),
                },
                Err(d) => problems.push(d),
            }
        }
        Error::check(problems)?;
        Ok(Library { languages })
    }

    /// The built-in data only.
    pub fn built_in() -> Library {
        Library {
            languages: BUILT_IN
                .iter()
                .map(|(code, text)| {
                    let words = parse(Path::new(code), text).expect("built-in data parses");
                    ((*code).to_owned(), Reader::new(&words))
                })
                .collect(),
        }
    }

    /// The reader of a language (`ar-EG` falls back to `ar`).
    pub fn get(&self, lang: &str) -> Option<&Reader> {
        self.languages
            .get(lang)
            .or_else(|| self.languages.get(lang.split(['-', '_']).next()?))
    }
}

fn parse(path: &Path, text: &str) -> Result<Words, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        toml_diagnostic(path, text, 0, &e).with_hint(
            "see src/figures/words/en.toml for the fields: numbers, scales, units, number_words, metrics, phrases",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_language_parses() {
        let library = Library::built_in();
        for (code, text) in BUILT_IN {
            let words = parse(Path::new(code), text).unwrap();
            assert!(!words.metrics.is_empty(), "{code}");
            assert!(!words.phrases.approximate.is_empty(), "{code}");
            assert!(library.get(code).is_some(), "{code}");
        }
        assert!(library.get("ar-EG").is_some());
        assert!(library.get("fr").is_none());
    }
}
