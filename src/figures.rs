//! Key figures: the numbers an article reports about cooperatives, and the
//! metrics they measure; reading them out of an article's text.

mod extract;
mod lexicon;
pub mod number;
pub mod places;
mod readers;
mod tokens;
pub(crate) mod verify;
mod words;

/// The metrics a reader proposes.
pub use crate::ids::BUILTIN_METRICS;
/// What a [`Setting`] is made of.
pub use crate::{date::PartialDate, ids::ProvinceId};
pub use extract::{Found, Reader, Setting, Why};
pub use readers::Readers;

use serde::{Deserialize, Serialize};

use crate::ids::MetricId;

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
