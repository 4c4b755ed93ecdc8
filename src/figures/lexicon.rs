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
    /// Whether every part is a stem (metric, scale and unit words: "عضو" matches
    /// "عضوًا"), or short parts must be whole words (see [`Lexicon::part_matches`]).
    pub(super) stems: bool,
}

/// The data file's phrases, cut into tokens once.
#[derive(Debug, Clone)]
pub(super) struct Lexicon {
    /// Whether words never inflect (Vietnamese): every part matches whole words only.
    pub(super) whole_words: bool,
    /// Whether adjectives come before their noun (see [`Words::adjectives_first`]).
    pub(super) adjectives_first: bool,
    /// Whether it knows no words (a language without data): every number is
    /// offered without a metric.
    pub(super) numbers_only: bool,
    pub(super) prefixes: Vec<String>,
    pub(super) approximate: Vec<Phrase>,
    pub(super) range: Vec<Phrase>,
    pub(super) new: Vec<Phrase>,
    pub(super) dissolved: Vec<Phrase>,
    pub(super) target: Vec<Phrase>,
    pub(super) estimate: Vec<Phrase>,
    pub(super) change: Vec<Phrase>,
    pub(super) subset: Vec<Phrase>,
    pub(super) national: Vec<Phrase>,
    pub(super) district: Vec<Phrase>,
    pub(super) province: Vec<Phrase>,
    pub(super) elsewhere: Vec<Phrase>,
    pub(super) next_year: Vec<Phrase>,
    pub(super) contrast: Vec<Phrase>,
    pub(super) breakdown: Vec<Phrase>,
    pub(super) among: Vec<Phrase>,
    pub(super) counter: Vec<Phrase>,
    pub(super) more: Vec<Phrase>,
    pub(super) total: Vec<Phrase>,
    pub(super) number_of: Vec<Phrase>,
    pub(super) average: Vec<Phrase>,
    pub(super) income: Vec<Phrase>,
    pub(super) current: Vec<Phrase>,
    pub(super) people: Vec<Phrase>,
    pub(super) as_members: Vec<Phrase>,
    pub(super) as_workers: Vec<Phrase>,
    pub(super) document: Vec<Phrase>,
    pub(super) months: Vec<Phrase>,
    pub(super) scales: Vec<(Phrase, f64)>,
    pub(super) units: Vec<(Phrase, String)>,
    pub(super) metrics: Vec<(Phrase, MetricId)>,
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
        let cut = |text: &str, stems: bool| Phrase {
            parts: tokenize(text, style, 0)
                .into_iter()
                .map(|t| t.lower)
                .collect(),
            stems,
        };
        let phrase = |text: &str| cut(text, true);
        let list = |texts: &[String]| -> Vec<Phrase> {
            let mut phrases: Vec<Phrase> = texts.iter().map(|t| cut(t, false)).collect();
            longest_first(&mut phrases, |p| p);
            phrases
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
        let mut prefixes: Vec<String> = words.prefixes.iter().map(|p| p.to_lowercase()).collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let p = &words.phrases;
        Lexicon {
            whole_words: words.whole_words,
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

    /// Whether a token starts with `part`, directly or after one of the language's
    /// prefixes. Unless `stems`, parts of three letters or fewer ("до", "no", "حل")
    /// must be the whole word: as stems they would match too much ("достиг", "حلول").
    pub(super) fn part_matches(&self, token: &Token, part: &str, stems: bool) -> bool {
        let text = token.lower.as_str();
        if token.kind == Kind::Punct {
            return text == part;
        }
        // Digits are the start of a number: "by 20" is "by 2030".
        let digits = part.bytes().all(|b| b.is_ascii_digit());
        let whole = !digits && (self.whole_words || (!stems && part.chars().count() <= 3));
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
            .all(|(part, token)| self.part_matches(token, part, phrase.stems))
            .then_some(n)
    }

    /// The first phrase of `list` starting at `i` (lists are sorted longest first).
    pub(super) fn any_at(&self, tokens: &[Token], i: usize, list: &[Phrase]) -> Option<usize> {
        list.iter().find_map(|p| self.phrase_at(tokens, i, p))
    }

    /// Whether a phrase of `list` ends right before token `end`; returns where it starts.
    pub(super) fn any_before(
        &self,
        tokens: &[Token],
        end: usize,
        list: &[Phrase],
    ) -> Option<usize> {
        list.iter().find_map(|p| {
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
