//! One language's phrases (its data file's lists), cut into tokens once and
//! matched against a paragraph's tokens: the longest phrase at a place wins.

use std::collections::HashMap;

use super::tokens::{Kind, Token, tokenize};
use super::words::Words;
use crate::ids::MetricId;

/// A phrase of the data file, cut like the text.
#[derive(Debug, Clone)]
pub(super) struct Phrase {
    pub(super) parts: Vec<String>,
    /// For each part, whether it must be the whole word rather than its start
    /// (decided once, see [`Lexicon::part_matches`]).
    pub(super) whole: Vec<bool>,
}

/// A list of the data file's phrases, longest first, with the letters they
/// (or a prefix before them) can start with: most words start none, and are
/// passed over without a comparison.
#[derive(Debug, Clone)]
pub(super) struct List {
    phrases: Vec<Phrase>,
    starts: Vec<char>,
}

/// The data file's phrases, cut into tokens once.
#[derive(Debug, Clone)]
pub(super) struct Lexicon {
    /// Whether adjectives come before their noun (see [`Words::adjectives_first`]).
    pub(super) adjectives_first: bool,
    /// Whether it knows no words (a language without data): every number is
    /// offered without a metric.
    pub(super) numbers_only: bool,
    pub(super) prefixes: Vec<String>,
    pub(super) approximate: List,
    pub(super) range: List,
    pub(super) new: List,
    pub(super) dissolved: List,
    pub(super) target: List,
    pub(super) estimate: List,
    pub(super) change: List,
    pub(super) subset: List,
    pub(super) national: List,
    pub(super) district: List,
    pub(super) province: List,
    pub(super) elsewhere: List,
    pub(super) next_year: List,
    pub(super) contrast: List,
    pub(super) breakdown: List,
    pub(super) among: List,
    pub(super) counter: List,
    pub(super) more: List,
    pub(super) total: List,
    pub(super) number_of: List,
    pub(super) average: List,
    pub(super) income: List,
    pub(super) current: List,
    pub(super) people: List,
    pub(super) as_members: List,
    pub(super) as_workers: List,
    pub(super) document: List,
    pub(super) months: List,
    pub(super) scales: Vec<(Phrase, f64)>,
    pub(super) units: Vec<(Phrase, String)>,
    pub(super) metrics: Vec<(Phrase, MetricId)>,
    /// The letters a metric's phrase (or a prefix before it) can start with.
    metric_starts: Vec<char>,
    /// Number words, lowercased.
    pub(super) number_words: HashMap<String, f64>,
    /// Bytes of the longest word that can be a number word, prefix included
    /// (twice over, for letters whose lowercase is longer).
    pub(super) longest_number_word: usize,
    /// Tokens of the longest scale phrase.
    pub(super) longest_scale: usize,
    /// The first letters of number words and prefixes, in both cases.
    pub(super) number_word_starts: Vec<char>,
}

impl Lexicon {
    pub(super) fn new(words: &Words) -> Lexicon {
        let style = &words.numbers;
        // Unless `stems` (metric, scale and unit words: "عضو" matches "عضوًا"),
        // parts of three letters or fewer ("до", "no", "حل") must be the whole
        // word: as stems they would match too much ("достиг", "حلول"). Digits
        // are the start of a number: "by 20" is "by 2030".
        let cut = |text: &str, stems: bool| {
            let parts: Vec<String> = tokenize(text, style, 0)
                .into_iter()
                .map(|t| t.lower)
                .collect();
            let whole = parts
                .iter()
                .map(|part| {
                    !part.bytes().all(|b| b.is_ascii_digit())
                        && (words.whole_words || (!stems && part.chars().count() <= 3))
                })
                .collect();
            Phrase { parts, whole }
        };
        let phrase = |text: &str| cut(text, true);
        let mut prefixes: Vec<String> = words.prefixes.iter().map(|p| p.to_lowercase()).collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let list = |texts: &[String]| -> List {
            let mut phrases: Vec<Phrase> = texts.iter().map(|t| cut(t, false)).collect();
            longest_first(&mut phrases, |p| p);
            let mut starts: Vec<char> = phrases
                .iter()
                .filter_map(|p| p.parts.first()?.chars().next())
                .chain(prefixes.iter().filter_map(|p| p.chars().next()))
                .collect();
            starts.sort_unstable();
            starts.dedup();
            List { phrases, starts }
        };
        let mut scales: Vec<(Phrase, f64)> =
            words.scales.iter().map(|(t, v)| (phrase(t), *v)).collect();
        longest_first(&mut scales, |(p, _)| p);
        let mut units: Vec<(Phrase, String)> = words
            .units
            .iter()
            .map(|(t, u)| (phrase(t), u.clone()))
            .collect();
        longest_first(&mut units, |(p, _)| p);
        let mut metrics: Vec<(Phrase, MetricId)> = words
            .metrics
            .iter()
            .map(|(t, m)| (phrase(t), m.clone()))
            .collect();
        longest_first(&mut metrics, |(p, _)| p);
        let p = &words.phrases;
        Lexicon {
            adjectives_first: words.adjectives_first,
            numbers_only: false,
            approximate: list(&p.approximate),
            range: list(&p.range),
            new: list(&p.new),
            dissolved: list(&p.dissolved),
            target: list(&p.target),
            estimate: list(&p.estimate),
            change: list(&p.change),
            subset: list(&p.subset),
            national: list(&p.national),
            district: list(&p.district),
            province: list(&p.province),
            elsewhere: list(&p.elsewhere),
            next_year: list(&p.next_year),
            contrast: list(&p.contrast),
            breakdown: list(&p.breakdown),
            among: list(&p.among),
            counter: list(&p.counter),
            more: list(&p.more),
            total: list(&p.total),
            number_of: list(&p.number_of),
            average: list(&p.average),
            income: list(&p.income),
            current: list(&p.current),
            people: list(&p.people),
            as_members: list(&p.as_members),
            as_workers: list(&p.as_workers),
            document: list(&p.document),
            months: list(&p.months),
            units,
            metric_starts: {
                let mut starts: Vec<char> = metrics
                    .iter()
                    .filter_map(|(p, _)| p.parts.first()?.chars().next())
                    .chain(prefixes.iter().filter_map(|p| p.chars().next()))
                    .collect();
                starts.sort_unstable();
                starts.dedup();
                starts
            },
            metrics,
            longest_number_word: 2
                * (words
                    .number_words
                    .keys()
                    .map(String::len)
                    .max()
                    .unwrap_or(0)
                    + prefixes.first().map_or(0, String::len)),
            longest_scale: scales.iter().map(|(p, _)| p.parts.len()).max().unwrap_or(0),
            number_word_starts: words
                .number_words
                .keys()
                .chain(&prefixes)
                .filter_map(|w| w.to_lowercase().chars().next())
                .flat_map(|c| std::iter::once(c).chain(c.to_uppercase()))
                .collect(),
            number_words: words
                .number_words
                .iter()
                .map(|(w, v)| (w.to_lowercase(), *v))
                .collect(),
            prefixes,
            scales,
        }
    }

    /// Whether a token is `part` (when `whole`) or starts with it, directly or
    /// after one of the language's prefixes.
    pub(super) fn part_matches(&self, token: &Token, part: &str, whole: bool) -> bool {
        let text = token.lower.as_str();
        if token.kind == Kind::Punct {
            return text == part;
        }
        let fits = |t: &str| {
            if whole {
                t == part
            } else {
                t.starts_with(part)
            }
        };
        fits(text)
            || self
                .prefixes
                .iter()
                .any(|p| text.strip_prefix(p.as_str()).is_some_and(fits))
    }

    /// How many tokens `phrase` covers when it starts at `i`.
    pub(super) fn phrase_at(&self, tokens: &[Token], i: usize, phrase: &Phrase) -> Option<usize> {
        let n = phrase.parts.len();
        if n == 0 || i + n > tokens.len() {
            return None;
        }
        phrase
            .parts
            .iter()
            .zip(&tokens[i..i + n])
            .zip(&phrase.whole)
            .all(|((part, token), whole)| self.part_matches(token, part, *whole))
            .then_some(n)
    }

    /// The first phrase of `list` starting at `i` (lists are sorted longest first).
    pub(super) fn any_at(&self, tokens: &[Token], i: usize, list: &List) -> Option<usize> {
        let first = tokens.get(i)?.lower.chars().next()?;
        if list.starts.binary_search(&first).is_err() {
            return None;
        }
        list.phrases
            .iter()
            .find_map(|p| self.phrase_at(tokens, i, p))
    }

    /// Whether a phrase of `list` ends right before token `end`; returns where it starts.
    pub(super) fn any_before(&self, tokens: &[Token], end: usize, list: &List) -> Option<usize> {
        list.phrases.iter().find_map(|p| {
            let start = end.checked_sub(p.parts.len())?;
            self.phrase_at(tokens, start, p).map(|_| start)
        })
    }

    /// A number at `i`: digits, or a number word. Returns its value and whether digits were ambiguous.
    pub(super) fn number_at(&self, tokens: &[Token], i: usize) -> Option<(f64, bool)> {
        let token = tokens.get(i)?;
        match token.kind {
            Kind::Number {
                value, ambiguous, ..
            } => Some((value, ambiguous)),
            Kind::Word => self.number_word(&token.lower).map(|v| (v, false)),
            Kind::Punct => None,
        }
    }

    /// Whether a word starting with `c` may be a number word: most words are not,
    /// and need not be lowercased to know it.
    pub(super) fn may_start_number_word(&self, c: char) -> bool {
        self.number_word_starts.contains(&c)
    }

    /// The value of a lowercased word that is a number word, maybe after a prefix.
    pub(super) fn number_word(&self, lower: &str) -> Option<f64> {
        self.number_words.get(lower).copied().or_else(|| {
            self.prefixes
                .iter()
                .filter_map(|p| lower.strip_prefix(p.as_str()))
                .find_map(|rest| self.number_words.get(rest).copied())
        })
    }

    pub(super) fn scale_at(&self, tokens: &[Token], i: usize) -> Option<(f64, usize)> {
        self.scales
            .iter()
            .find_map(|(p, v)| self.phrase_at(tokens, i, p).map(|n| (*v, n)))
    }

    pub(super) fn unit_at(&self, tokens: &[Token], i: usize) -> Option<(String, usize)> {
        self.units
            .iter()
            .find_map(|(p, u)| self.phrase_at(tokens, i, p).map(|n| (u.clone(), n)))
    }

    /// A currency named right before the number at `i` ("VND 6.2 billion").
    pub(super) fn currency_before(&self, tokens: &[Token], i: usize) -> Option<String> {
        self.units
            .iter()
            .filter(|(_, unit)| unit != "%")
            .find_map(|(phrase, unit)| {
                let start = i.checked_sub(phrase.parts.len())?;
                self.phrase_at(tokens, start, phrase).map(|_| unit.clone())
            })
    }

    /// The first metric of money named at one of `places`.
    pub(super) fn money_metric_in(
        &self,
        tokens: &[Token],
        places: impl IntoIterator<Item = usize>,
    ) -> Option<(usize, usize, MetricId)> {
        places.into_iter().find_map(|k| {
            let (m, n) = self.metric_at(tokens, k)?;
            is_money(&m).then_some((k, n, m))
        })
    }

    pub(super) fn metric_at(&self, tokens: &[Token], i: usize) -> Option<(MetricId, usize)> {
        let first = tokens.get(i)?.lower.chars().next()?;
        if self.metric_starts.binary_search(&first).is_err() {
            return None;
        }
        self.metrics
            .iter()
            .find_map(|(p, m)| self.phrase_at(tokens, i, p).map(|n| (m.clone(), n)))
    }
}

pub(super) fn longest_first<T>(items: &mut [T], phrase: impl Fn(&T) -> &Phrase) {
    items.sort_by_key(|item| {
        let p = phrase(item);
        std::cmp::Reverse((
            p.parts.len(),
            p.parts.iter().map(String::len).sum::<usize>(),
        ))
    });
}

/// Whether a metric measures money.
pub(super) fn is_money(metric: &MetricId) -> bool {
    matches!(metric.as_str(), "revenue" | "loans" | "budget")
}

/// What a metric counts, new and dissolved ones included: a breakdown of new
/// cooperatives lists cooperatives.
pub(super) fn family(metric: &MetricId) -> &str {
    match metric.as_str() {
        "new_cooperatives" | "dissolved_cooperatives" => "cooperatives",
        other => other,
    }
}
