//! The ids people confuse, each its own type: a language code, a province, an
//! article's slug and a metric. All are ASCII, used in URLs, file names and
//! front matter, and checked once when they are read.
//!
//! A leaf of the module graph: everything else may use these, and they use
//! nothing of the crate.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A language code as used in URLs and file suffixes (`en`, `ar`, `vi`).
#[derive(Debug, Clone, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct LangCode(Arc<str>);

impl LangCode {
    /// Accepts a lowercase ASCII language code of 2–8 letters, optionally followed by `-` and a region or script.
    pub fn parse(code: &str) -> Option<Self> {
        let mut parts = code.split('-');
        let first = parts.next()?;
        let ok_first =
            (2..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_lowercase());
        let ok_rest = parts
            .all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        (ok_first && ok_rest).then(|| LangCode(code.into()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A province's stable ASCII id (`binh-thuan`), used in URLs and front matter.
#[derive(Debug, Clone, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ProvinceId(Arc<str>);

impl ProvinceId {
    /// Accepts lowercase ASCII letters, digits and inner hyphens.
    pub fn parse(id: &str) -> Option<Self> {
        is_ascii_id(id, b'-').then(|| ProvinceId(id.into()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The id shared by all versions of one article: its slug, ASCII, used in URLs.
#[derive(Debug, Clone, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ArticleId(Arc<str>);

impl ArticleId {
    /// Accepts lowercase ASCII letters, digits and inner hyphens.
    pub fn parse(slug: &str) -> Option<Self> {
        is_ascii_id(slug, b'-').then(|| ArticleId(slug.into()))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The metrics every site knows, labelled in the built-in strings of each
/// language, in the order tables show them.
pub const BUILTIN_METRICS: [&str; 12] = [
    "cooperatives",
    "cooperative_groups",
    "cooperative_unions",
    "members",
    "new_cooperatives",
    "dissolved_cooperatives",
    "workers",
    "revenue",
    "loans",
    "budget",
    "avg_revenue_per_cooperative",
    "avg_income_per_worker",
];

/// The built-in metrics that are averages: provinces' values never add up.
const BUILTIN_AVERAGES: [&str; 2] = ["avg_revenue_per_cooperative", "avg_income_per_worker"];

/// A metric id (`cooperatives`, `revenue_growth`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MetricId(String);

impl MetricId {
    /// Accepts lowercase ASCII letters, digits and inner underscores.
    pub fn parse(id: &str) -> Option<Self> {
        is_ascii_id(id, b'_').then(|| MetricId(id.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is one of [`BUILTIN_METRICS`].
    pub fn is_builtin(&self) -> bool {
        BUILTIN_METRICS.contains(&self.0.as_str())
    }

    /// Whether this is a built-in average ([`BUILTIN_AVERAGES`]).
    pub fn is_average(&self) -> bool {
        BUILTIN_AVERAGES.contains(&self.0.as_str())
    }

    /// Where tables put the metric: the built-in ones in their order, then
    /// the site's own (sorted by id by whoever sorts on this).
    pub fn table_order(&self) -> usize {
        BUILTIN_METRICS
            .iter()
            .position(|m| *m == self.0)
            .unwrap_or(BUILTIN_METRICS.len())
    }
}

impl<'de> Deserialize<'de> for MetricId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        MetricId::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a metric id: lowercase ASCII letters, digits and inner underscores"
            ))
        })
    }
}

/// Equality and hashing of the ids shared through an `Arc`: two ids are
/// equal when they are one (most comparisons are between clones of one id,
/// such as an address looked up among the previous build's, which then need
/// not read the text) or when their texts are; the hash is the text's, so
/// that equal ids hash alike either way.
macro_rules! shared_text_identity {
    ($($id:ty),*) => {$(
        impl PartialEq for $id {
            fn eq(&self, other: &Self) -> bool {
                Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
            }
        }

        impl std::hash::Hash for $id {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.0.hash(state);
            }
        }
    )*};
}

shared_text_identity!(LangCode, ProvinceId, ArticleId);

macro_rules! display_as_str {
    ($($id:ty),*) => {$(
        impl fmt::Display for $id {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

display_as_str!(LangCode, ProvinceId, ArticleId, MetricId);

/// Whether `id` is lowercase ASCII letters and digits joined by single `sep` characters.
fn is_ascii_id(id: &str, sep: u8) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == sep)
        && !id.starts_with(sep as char)
        && !id.ends_with(sep as char)
        && !id.contains(&format!("{0}{0}", sep as char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_and_article_ids() {
        for good in ["binh-thuan", "plan-2030", "a1"] {
            assert!(ProvinceId::parse(good).is_some(), "{good}");
            assert!(ArticleId::parse(good).is_some(), "{good}");
        }
        for bad in ["Binh", "binh thuan", "-a", "a--b", "bình", "", "a/b", ".."] {
            assert!(ProvinceId::parse(bad).is_none(), "{bad}");
            assert!(ArticleId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn ids_are_equal_by_their_text_whether_shared_or_not() {
        use std::hash::BuildHasher;
        let state = std::hash::RandomState::new();
        let fingerprint = |id: &ArticleId| state.hash_one(id);
        let one = ArticleId::parse("hop-tac-xa").unwrap();
        let same_text = ArticleId::parse("hop-tac-xa").unwrap();
        let other = ArticleId::parse("hop-tac-xa-moi").unwrap();
        assert_eq!(one, one.clone());
        assert_eq!(one, same_text);
        assert_ne!(one, other);
        assert_eq!(fingerprint(&one), fingerprint(&same_text));
        assert_ne!(fingerprint(&one), fingerprint(&other));
        assert_eq!(LangCode::parse("vi"), LangCode::parse("vi"));
        assert_ne!(LangCode::parse("vi"), LangCode::parse("en"));
        assert_eq!(ProvinceId::parse("hue"), ProvinceId::parse("hue"));
    }

    #[test]
    fn language_codes() {
        assert!(LangCode::parse("en").is_some());
        assert!(LangCode::parse("pt-br").is_some());
        assert!(LangCode::parse("EN").is_none());
        assert!(LangCode::parse("e").is_none());
    }

    #[test]
    fn metric_ids() {
        assert!(MetricId::parse("revenue_growth").is_some());
        assert!(MetricId::parse("cooperatives").unwrap().is_builtin());
        assert!(!MetricId::parse("revenue_growth").unwrap().is_builtin());
        for bad in ["Revenue", "revenue-growth", "_x", "x__y", ""] {
            assert!(MetricId::parse(bad).is_none(), "{bad}");
        }
        let order = |id: &str| MetricId::parse(id).unwrap().table_order();
        assert!(order("cooperatives") < order("budget"));
        assert_eq!(order("revenue_growth"), BUILTIN_METRICS.len());
    }
}
