//! Provinces over time: when a province began and ended, and what it became
//! (a merger, a rename and a split are all a province that ended and became
//! one or more others), checked as a whole; and the built-in registries a
//! site can take its provinces from instead of typing them.
//!
//! Steps: [`History::check`] reads the dates and successors of every
//! province as `site.toml` (or a registry) wrote them, and reports unknown
//! successors, dates out of order, successors that begin after their
//! predecessor ended, and cycles, each at its place in the file.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::date::PartialDate;
use crate::error::nearest;
use crate::ids::ProvinceId;

/// The built-in registries: name, and the text of their `[provinces]`.
const REGISTRIES: &[(&str, &str)] = &[("vietnam", include_str!("provinces/vietnam.toml"))];

/// The text of the registry called `name` (a `site.toml` holding only
/// `[provinces]`), if there is one.
pub fn registry(name: &str) -> Option<&'static str> {
    REGISTRIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The names of the built-in registries, for hints.
pub fn registry_names() -> impl Iterator<Item = &'static str> {
    REGISTRIES.iter().map(|(name, _)| *name)
}

/// A province's life: when it began and ended, and what it became.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// The first day it existed, when that is within the archive's time.
    pub started: Option<PartialDate>,
    /// The first day it no longer existed, if it ended.
    pub ended: Option<PartialDate>,
    /// What it became when it ended: one province for a merger or a rename,
    /// several for a split.
    pub became: Vec<ProvinceId>,
}

/// A value as written, with where it is in `site.toml` (a registry's values
/// are placed where the site names the registry).
#[derive(Debug, Clone)]
pub struct Written<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// One province's history as written, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct WrittenHistory {
    pub started: Option<Written<PartialDate>>,
    pub ended: Option<Written<PartialDate>>,
    pub became: Option<Written<Vec<String>>>,
}

/// A problem of the histories: where, what, and a hint.
pub type Problem = (Range<usize>, String, String);

impl History {
    /// Checks every province's history against the others': each successor
    /// is a province, no province begins after it ends, no successor begins
    /// after its predecessor ended, one that became another ended, and no
    /// chain of successors leads back to where it started.
    pub fn check(
        written: &BTreeMap<ProvinceId, WrittenHistory>,
    ) -> (BTreeMap<ProvinceId, History>, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut histories = BTreeMap::new();
        for (id, w) in written {
            let mut history = History {
                started: w.started.as_ref().map(|s| s.value),
                ended: w.ended.as_ref().map(|e| e.value),
                became: Vec::new(),
            };
            if let (Some(started), Some(ended)) = (&w.started, &w.ended)
                && started.value >= ended.value
            {
                problems.push((
                    ended.span.clone(),
                    format!(
                        "province `{id}` ends ({}) before it starts ({})",
                        ended.value, started.value
                    ),
                    "`ended` is the first day it no longer existed: a date after `started`".into(),
                ));
            }
            if let Some(became) = &w.became {
                if w.ended.is_none() {
                    problems.push((
                        became.span.clone(),
                        format!("province `{id}` became another but has no end date"),
                        "add the day the change took effect, e.g. `ended = 2025-07-01`".into(),
                    ));
                }
                for name in &became.value {
                    match ProvinceId::parse(name).filter(|s| written.contains_key(s)) {
                        Some(successor) => history.became.push(successor),
                        None => {
                            let known = nearest(name, written.keys().map(ProvinceId::as_str));
                            let hint = if known.is_empty() {
                                "name a province of [provinces]".to_owned()
                            } else {
                                format!("did you mean {}?", known.join(", "))
                            };
                            problems.push((
                                became.span.clone(),
                                format!("province `{id}` became `{name}`, which is not a province"),
                                hint,
                            ));
                        }
                    }
                }
            }
            histories.insert(id.clone(), history);
        }
        for (id, history) in &histories {
            let (Some(ended), Some(span)) = (history.ended, written[id].became.as_ref()) else {
                continue;
            };
            for successor in &history.became {
                if let Some(started) = histories[successor].started.filter(|s| *s > ended) {
                    problems.push((
                        span.span.clone(),
                        format!(
                            "province `{id}` ended on {ended} and became `{successor}`, which only started on {started}"
                        ),
                        format!(
                            "a successor exists from the day its predecessor ends: set `started` of `{successor}` to {ended} at the latest"
                        ),
                    ));
                }
            }
        }
        problems.extend(cycles(&histories, written));
        (histories, problems)
    }
}

/// Each cycle of successors once, at the `became` of its first province.
fn cycles(
    histories: &BTreeMap<ProvinceId, History>,
    written: &BTreeMap<ProvinceId, WrittenHistory>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen: BTreeSet<&ProvinceId> = BTreeSet::new();
    for start in histories.keys() {
        if seen.contains(start) {
            continue;
        }
        // Depth first, with the path walked so far: a successor on the path
        // closes a cycle.
        let mut path: Vec<&ProvinceId> = Vec::new();
        let mut stack: Vec<(&ProvinceId, usize)> = vec![(start, 0)];
        while let Some((id, next)) = stack.pop() {
            if next == 0 {
                path.push(id);
                seen.insert(id);
            }
            match histories[id].became.get(next) {
                Some(successor) => {
                    stack.push((id, next + 1));
                    if let Some(at) = path.iter().position(|p| *p == successor) {
                        let cycle: Vec<&str> = path[at..]
                            .iter()
                            .chain([&successor])
                            .map(|p| p.as_str())
                            .collect();
                        let first = path[at];
                        let span = written[first]
                            .became
                            .as_ref()
                            .map_or(0..0, |b| b.span.clone());
                        problems.push((
                            span,
                            format!("provinces become each other in a circle: {}", cycle.join(" → ")),
                            "a province becomes one that exists after it; remove one of these `became`".into(),
                        ));
                    } else if !seen.contains(successor) {
                        stack.push((successor, 0));
                    }
                }
                None => {
                    path.pop();
                }
            }
        }
    }
    problems
}

/// The provinces that became `id` (directly), in order of id.
pub fn predecessors<'a>(
    histories: impl IntoIterator<Item = (&'a ProvinceId, &'a History)>,
    id: &ProvinceId,
) -> Vec<&'a ProvinceId> {
    histories
        .into_iter()
        .filter(|(_, h)| h.became.contains(id))
        .map(|(p, _)| p)
        .collect()
}

/// Every province that became `id`, directly or through others, in order
/// of id.
pub fn ancestors<'a>(
    histories: impl IntoIterator<Item = (&'a ProvinceId, &'a History)> + Clone,
    id: &ProvinceId,
) -> Vec<&'a ProvinceId> {
    let mut found: BTreeSet<&'a ProvinceId> = BTreeSet::new();
    let mut next = predecessors(histories.clone(), id);
    while let Some(p) = next.pop() {
        if found.insert(p) {
            next.extend(predecessors(histories.clone(), p));
        }
    }
    found.into_iter().collect()
}

/// What `id` is today: itself if it has not ended, else what it became,
/// followed through later changes (several after a split), in order of id.
pub fn current<'a>(
    histories: &BTreeMap<&'a ProvinceId, &'a History>,
    id: &'a ProvinceId,
) -> Vec<&'a ProvinceId> {
    let mut found: BTreeSet<&'a ProvinceId> = BTreeSet::new();
    let mut seen: BTreeSet<&'a ProvinceId> = BTreeSet::new();
    let mut next = vec![id];
    while let Some(p) = next.pop() {
        if !seen.insert(p) {
            continue;
        }
        match histories.get(p).map(|h| h.became.as_slice()) {
            Some(became) if !became.is_empty() => next.extend(became),
            _ => {
                found.insert(p);
            }
        }
    }
    found.into_iter().collect()
}

/// For each province (in the order given), the number of its group: the
/// provinces linked by what one became, directly or through others.
pub fn groups<'a>(
    histories: impl IntoIterator<Item = (&'a ProvinceId, &'a History)>,
) -> Vec<usize> {
    let histories: Vec<(&ProvinceId, &History)> = histories.into_iter().collect();
    let position: BTreeMap<&ProvinceId, usize> = histories
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    // Union-find, each province pointing towards its group's first.
    let mut parent: Vec<usize> = (0..histories.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, (_, history)) in histories.iter().enumerate() {
        for successor in &history.became {
            if let Some(&j) = position.get(successor) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    (0..histories.len()).map(|i| root(&mut parent, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A province's id, start, end and successors, as a test writes them.
    type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [&'a str]);

    fn id(s: &str) -> ProvinceId {
        ProvinceId::parse(s).expect("a valid id")
    }

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).expect("a valid date")
    }

    /// Histories from `(id, started, ended, became)`, each value placed at
    /// its province's index.
    fn written(rows: &[Row]) -> BTreeMap<ProvinceId, WrittenHistory> {
        rows.iter()
            .enumerate()
            .map(|(i, (name, started, ended, became))| {
                let span = i * 10..i * 10 + 5;
                let at = |v| Written {
                    value: v,
                    span: span.clone(),
                };
                let history = WrittenHistory {
                    started: started.map(|s| at(date(s))),
                    ended: ended.map(|e| at(date(e))),
                    became: (!became.is_empty()).then(|| Written {
                        value: became.iter().map(|b| (*b).to_owned()).collect(),
                        span: span.clone(),
                    }),
                };
                (id(name), history)
            })
            .collect()
    }

    fn messages(rows: &[Row]) -> Vec<String> {
        History::check(&written(rows))
            .1
            .into_iter()
            .map(|(_, m, _)| m)
            .collect()
    }

    #[test]
    fn a_merger_a_rename_and_a_split_are_histories() {
        let rows: &[Row] = &[
            ("a", None, Some("2025-07-01"), &["c"]),
            ("b", None, Some("2025-07-01"), &["c"]),
            ("c", None, None, &[]),
            ("old-name", None, Some("2020-01-01"), &["new-name"]),
            ("new-name", Some("2020-01-01"), None, &[]),
            ("whole", None, Some("2010-01-01"), &["north", "south"]),
            ("north", Some("2010-01-01"), None, &[]),
            ("south", Some("2010-01-01"), None, &[]),
        ];
        let (histories, problems) = History::check(&written(rows));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(predecessors(&histories, &id("c")), [&id("a"), &id("b")]);
        assert_eq!(histories[&id("whole")].became, [id("north"), id("south")]);
        assert_eq!(predecessors(&histories, &id("new-name")), [&id("old-name")]);
        // Through a rename, then a merger.
        let mut chain = histories.clone();
        chain.get_mut(&id("new-name")).unwrap().ended = Some(date("2025-07-01"));
        chain.get_mut(&id("new-name")).unwrap().became = vec![id("c")];
        assert_eq!(
            ancestors(&chain, &id("c")),
            [&id("a"), &id("b"), &id("new-name"), &id("old-name")]
        );
        let by_id: BTreeMap<&ProvinceId, &History> = chain.iter().collect();
        assert_eq!(current(&by_id, &id("old-name")), [&id("c")]);
        assert_eq!(current(&by_id, &id("c")), [&id("c")]);
        assert_eq!(current(&by_id, &id("whole")), [&id("north"), &id("south")]);
        let groups = groups(&histories);
        let group_of = |s: &str| groups[histories.keys().position(|k| *k == id(s)).unwrap()];
        assert_eq!(group_of("a"), group_of("c"));
        assert_eq!(group_of("b"), group_of("c"));
        assert_eq!(group_of("north"), group_of("whole"));
        assert_ne!(group_of("north"), group_of("c"));
        assert_ne!(group_of("old-name"), group_of("c"));
    }

    #[test]
    fn each_bad_history_is_a_problem_at_its_place() {
        assert_eq!(
            messages(&[("a", None, Some("2025-07-01"), &["nowhere"])]),
            ["province `a` became `nowhere`, which is not a province"]
        );
        assert_eq!(
            messages(&[("a", Some("2025-07-01"), Some("2020-01-01"), &[])]),
            ["province `a` ends (2020-01-01) before it starts (2025-07-01)"]
        );
        assert_eq!(
            messages(&[("a", None, None, &["b"]), ("b", None, None, &[])]),
            ["province `a` became another but has no end date"]
        );
        assert_eq!(
            messages(&[
                ("a", None, Some("2020-01-01"), &["b"]),
                ("b", Some("2021-01-01"), None, &[]),
            ]),
            ["province `a` ended on 2020-01-01 and became `b`, which only started on 2021-01-01"]
        );
        let (_, problems) = History::check(&written(&[
            ("a", None, Some("2020-01-01"), &["b"]),
            ("b", None, Some("2021-01-01"), &["c"]),
            ("c", None, Some("2022-01-01"), &["a"]),
            ("d", None, Some("2022-01-01"), &["d"]),
        ]));
        let cycles: Vec<(&Range<usize>, &str)> =
            problems.iter().map(|(at, m, _)| (at, m.as_str())).collect();
        assert_eq!(
            cycles,
            [
                (
                    &(0..5),
                    "provinces become each other in a circle: a → b → c → a"
                ),
                (&(30..35), "provinces become each other in a circle: d → d"),
            ]
        );
    }
}
