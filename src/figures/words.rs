//! What each language's texts say around a key figure, from one data file per
//! language (`src/figures/words/<lang>.toml`): number style, scale words, units,
//! numbers written as words, and the phrases that tell a figure's metric, status
//! and exactness. A site adds or replaces a language with `figures/<lang>.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::number::Style;
use crate::error::Diagnostic;
use crate::ids::MetricId;
use crate::located::toml_diagnostic;

/// The built-in data files.
pub(super) const BUILT_IN: &[(&str, &str)] = &[
    ("ar", include_str!("words/ar.toml")),
    ("en", include_str!("words/en.toml")),
    ("es", include_str!("words/es.toml")),
    ("fr", include_str!("words/fr.toml")),
    ("id", include_str!("words/id.toml")),
    ("ru", include_str!("words/ru.toml")),
    ("vi", include_str!("words/vi.toml")),
];

/// The data of a language without a data file: numbers only.
pub(super) const ANY: &str = include_str!("words/any.toml");

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
    /// Whether adjectives come before their noun (English, Russian): a count
    /// may have one word between it and what it counts ("276 действующих
    /// кооперативов").
    #[serde(default)]
    pub adjectives_first: bool,
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
    /// Earlier in the sentence: the figures are goals.
    pub target: Vec<String>,
    /// Earlier in the sentence: the figure is expected.
    pub estimate: Vec<String>,
    /// Near a number: it is a change, not a level.
    pub change: Vec<String>,
    /// Near a count: it counts only some of them (suspended, approved, supported).
    pub subset: Vec<String>,
    /// Earlier in its clause: the figure is the whole country's.
    pub national: Vec<String>,
    /// Earlier in its clause: the figure is a district's.
    pub district: Vec<String>,
    /// The word for a province: after a phrase for the whole country, the
    /// figures that follow are the province's again.
    pub province: Vec<String>,
    /// Earlier in its sentence: the figure is another province's ("neighbouring",
    /// "tỉnh bạn", "المجاورة"), as a province name other than the article's says.
    pub elsewhere: Vec<String>,
    /// In its sentence: it is about the year after the article's ("next year",
    /// "năm tới"), so its figures are goals.
    pub next_year: Vec<String>,
    /// Words that turn a sentence to something else ("while", "sedangkan"):
    /// a phrase for the whole country before them does not reach past them.
    pub contrast: Vec<String>,
    /// After a total: what follows names parts of it ("of which", "trong đó").
    pub breakdown: Vec<String>,
    /// Right before a total: what follows in its sentence are parts of it
    /// ("trong số", "of the", "из").
    pub among: Vec<String>,
    /// Right after a number: a word standing for what it counts ("unit",
    /// "đơn vị"), named earlier in its clause.
    pub counter: Vec<String>,
    /// Right before or after a number without its noun: more of what its
    /// paragraph counted ("20 more", "another 45", "4 أخرى", "ещё 18").
    pub more: Vec<String>,
    /// In the clause of a number without its noun: it is a total of what its
    /// paragraph counted ("bringing the total to 652", "nâng tổng số lên").
    pub total: Vec<String>,
    /// Before a count's noun in the clause of a number without its own: what
    /// it counts ("the number of members", "số thành viên", "عدد").
    pub number_of: Vec<String>,
    /// In its clause, or right after it: the figure is an average ("per
    /// cooperative", "bình quân"), not a total.
    pub average: Vec<String>,
    /// Near an average amount: it is income ("thu nhập", "income"), so an
    /// average per worker.
    pub income: Vec<String>,
    /// In its clause: the figure is what is now ("today", "hiện nay"), even
    /// in a goal's sentence.
    pub current: Vec<String>,
    /// Right after a number: it counts people ("people", "người", "orang").
    pub people: Vec<String>,
    /// Near a count of people: they are members ("as members", "thành viên").
    pub as_members: Vec<String>,
    /// Near a count of people: they are workers ("jobs for", "việc làm").
    pub as_workers: Vec<String>,
    /// Right before a number: it names a document.
    pub document: Vec<String>,
    /// Month names (and words such as "day"): a number next to one is a date.
    pub months: Vec<String>,
}

/// One language's data file; `path` is shown in its problems.
pub(super) fn parse(path: &Path, text: &str) -> Result<Words, Diagnostic> {
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
        for (code, text) in BUILT_IN {
            let words = parse(Path::new(code), text).unwrap();
            assert!(!words.metrics.is_empty(), "{code}");
            assert!(!words.phrases.approximate.is_empty(), "{code}");
        }
    }
}
