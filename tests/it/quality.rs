//! The figures' development set (`tests/figures-dev/<lang>.toml`): sentences
//! written by the team on the model of provincial cooperative news, each with
//! the figures an editor would put in the article's table and those that are
//! not the article's (the whole country's, another province's, a district's,
//! the parts of a total). Measures what `bulletin figures` proposes against
//! them, per language and per class of difficulty.
//!
//! A proposal is a figure printed as an entry (with a metric): it is right when
//! the set expects the article's province to have that metric, value and
//! status, and wrong otherwise. Figures printed commented out (no metric) are
//! not proposals. Run with `cargo test quality -- --nocapture` to see the table.

use std::collections::BTreeMap;

use bulletin::figures::{Readers, Status};
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    #[serde(default)]
    expect: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    metric: String,
    value: f64,
    status: Status,
    scope: String,
}

/// Right and wrong proposals, and the article's figures not proposed.
#[derive(Default, Clone, Copy)]
struct Score {
    right: usize,
    wrong: usize,
    missed: usize,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.right += other.right;
        self.wrong += other.wrong;
        self.missed += other.missed;
    }

    fn precision(&self) -> f64 {
        ratio(self.right, self.right + self.wrong)
    }

    fn recall(&self) -> f64 {
        ratio(self.right, self.right + self.missed)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// How a case's proposals fare against what it expects.
fn score(case: &Case, readers: &Readers, lang: &str) -> Score {
    let reader = readers.get(lang).expect("a built-in language");
    let mut wanted: Vec<&Expected> = case
        .expect
        .iter()
        .filter(|e| e.scope == "province")
        .collect();
    let mut score = Score::default();
    for found in reader.figures(&case.text) {
        let Some(metric) = &found.metric else {
            continue;
        };
        let same = |e: &&Expected| {
            e.metric == metric.as_str()
                && (e.value - found.value).abs() <= 1e-9 * e.value.abs().max(1.0)
                && e.status == found.status
        };
        match wanted.iter().position(same) {
            Some(i) => {
                wanted.remove(i);
                score.right += 1;
            }
            None => score.wrong += 1,
        }
    }
    score.missed = wanted.len();
    score
}

/// The class of a case, from its id (`vi-status-01` → `status`).
fn class(id: &str) -> &str {
    id.split('-').nth(1).expect("ids are <lang>-<class>-<n>")
}

/// Precision and recall of each language at least these: what the
/// extraction reaches now (the targets are 0.95 and 0.9). Raised as it
/// learns each class, never lowered.
const FLOORS: &[(&str, f64, f64)] = &[
    ("ar", 0.71, 0.62),
    ("en", 0.78, 0.52),
    ("id", 0.72, 0.68),
    ("ru", 0.75, 0.45),
    ("vi", 0.64, 0.67),
];

#[test]
fn quality_of_the_figures_on_the_development_set() {
    let readers = Readers::built_in();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/figures-dev");
    let mut report = String::from("lang  class     precision  recall  (right/wrong/missed)\n");
    let mut below = Vec::new();
    for &(lang, min_precision, min_recall) in FLOORS {
        let text = std::fs::read_to_string(dir.join(format!("{lang}.toml"))).unwrap();
        let set: Set = toml::from_str(&text).unwrap_or_else(|e| panic!("{lang}.toml: {e}"));
        assert!(set.case.len() >= 25, "{lang}: {} cases", set.case.len());
        let mut by_class: BTreeMap<&str, Score> = BTreeMap::new();
        let mut all = Score::default();
        for case in &set.case {
            let s = score(case, &readers, lang);
            by_class.entry(class(&case.id)).or_default().add(s);
            all.add(s);
        }
        for (class, s) in by_class.iter().map(|(c, s)| (*c, *s)).chain([("all", all)]) {
            report.push_str(&format!(
                "{lang:<5} {class:<9} {:>9.2}  {:>6.2}  ({}/{}/{})\n",
                s.precision(),
                s.recall(),
                s.right,
                s.wrong,
                s.missed
            ));
        }
        if all.precision() < min_precision || all.recall() < min_recall {
            below.push(format!(
                "{lang}: precision {:.3} (at least {min_precision}), recall {:.3} (at least {min_recall})",
                all.precision(),
                all.recall()
            ));
        }
    }
    println!("{report}");
    assert!(below.is_empty(), "{}\n{report}", below.join("\n"));
}
