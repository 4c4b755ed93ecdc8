//! Key figures: the numbers an article reports about cooperatives, and the
//! metrics they measure; reading them out of an article's text.

pub mod check;
pub mod extract;
pub mod number;
pub mod suggest;
pub mod words;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::config::{LangCode, is_ascii_id};
use crate::content::PartialDate;

/// The metrics every site knows, labelled in the built-in strings of each language.
pub const BUILTIN_METRICS: [&str; 10] = [
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
];

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

impl fmt::Display for MetricId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A metric defined in `site.toml` under `[metrics.<id>]`.
#[derive(Debug, Clone)]
pub struct Metric {
    /// Its id.
    pub id: MetricId,
    /// Its label per language.
    pub labels: BTreeMap<LangCode, String>,
    /// The unit its values have unless a figure says otherwise.
    pub unit: Option<String>,
}

/// Whether a figure was measured, is a goal, or is expected.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Measured.
    #[default]
    Actual,
    /// A goal.
    Target,
    /// Expected, not yet measured.
    Estimate,
}

/// One key figure of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What it measures.
    pub metric: MetricId,
    /// The number.
    pub value: f64,
    /// `%`, `VND`, … (the metric's unit when the figure names none).
    pub unit: Option<String>,
    /// Actual, target or estimate.
    pub status: Status,
    /// The date the figure refers to, when it differs from the article's.
    pub as_of: Option<PartialDate>,
    /// A short remark ("more than", "range 5–6 %").
    pub note: Option<String>,
    /// 1-based line of the figure's entry in its file, for messages.
    pub line: usize,
}

/// Hashes what a page shows of the figure (the number by its bits; not the line).
impl std::hash::Hash for Figure {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.metric.hash(state);
        self.value.to_bits().hash(state);
        self.unit.hash(state);
        self.status.hash(state);
        self.as_of.hash(state);
        self.note.hash(state);
    }
}

impl Figure {
    /// The year the figure refers to: its `as_of`, else the article's date.
    pub fn year(&self, article_date: &PartialDate) -> i32 {
        self.as_of.as_ref().unwrap_or(article_date).year
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_ids() {
        assert!(MetricId::parse("revenue_growth").is_some());
        assert!(MetricId::parse("cooperatives").unwrap().is_builtin());
        assert!(!MetricId::parse("revenue_growth").unwrap().is_builtin());
        for bad in ["Revenue", "revenue-growth", "_x", "x__y", ""] {
            assert!(MetricId::parse(bad).is_none(), "{bad}");
        }
    }
}
