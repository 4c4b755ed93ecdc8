//! Reading key figures out of an article's text.
//!
//! Steps, paragraph by paragraph:
//! 1. cut the text into words, numbers (read with the language's [`Style`]) and
//!    punctuation;
//! 2. at each number (or number word), skip what is not a figure: document numbers
//!    ("Resolution No. 20"), dates, years, changes ("37 more than last year");
//! 3. read what follows it: a range's other end, a scale word, a unit, and the
//!    phrase naming what it counts (for money, the phrase before it);
//! 4. read what precedes it: "more than", "new", "dissolved"; whether a goal of
//!    the paragraph still holds or the sentence states an expectation; the last
//!    year mentioned;
//! 5. read whose it is: a figure its clause gives to the whole country or a
//!    district, a part after a breakdown ("of which"), or an average is kept
//!    without a metric, with a note saying why.
//!
//! Precision first: a number with no metric phrase beside it is left out, and a
//! figure read with any doubt carries the reason in `unsure`.
//!
//! [`Style`]: super::number::Style

use std::collections::HashSet;
use std::ops::Range;

use super::Status;
use super::lexicon::{Lexicon, List, family, is_money};
use super::number;
use super::places::{self, Places};
use super::tokens::{
    Kind, MAY_START_DIGIT, Token, Tokens, ends_clause, ends_sentence, paragraphs, tokenize, year_of,
};
use super::words::Words;
use crate::date::PartialDate;
use crate::ids::{MetricId, ProvinceId};

/// What a reader knows of an article besides its text: its date (a year
/// after it makes a goal) and its province (another province a sentence
/// names has figures of its own).
#[derive(Debug, Clone, Copy, Default)]
pub struct Setting<'a> {
    /// The article's date.
    pub date: Option<PartialDate>,
    /// The province the article is about.
    pub province: Option<&'a ProvinceId>,
    /// The names of every province the site knows.
    pub places: Option<&'a Places>,
}

/// A figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// What it measures, when the text says so plainly.
    pub metric: Option<MetricId>,
    /// The value (the lower end of a range), scale words applied.
    pub value: f64,
    /// The upper end of a range.
    pub high: Option<f64>,
    /// `%`, `VND`, … when the text names one.
    pub unit: Option<String>,
    /// A goal, an expectation, or a measurement.
    pub status: Status,
    /// The year last mentioned before it in its paragraph.
    pub as_of: Option<i32>,
    /// The words that qualify it, as the text writes them ("more than", "5 - 6%").
    pub note: Option<String>,
    /// The exact text it was read from.
    pub quote: String,
    /// The 1-based line of that text.
    pub line: usize,
    /// Why an editor should check it (empty when it was read plainly).
    pub unsure: Vec<String>,
    /// The words that decided its metric, status and scope.
    pub why: Why,
}

/// The words of the text that decided how a figure was read, for an editor
/// to judge it at a glance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Why {
    /// The words naming what it counts or measures, and those that made it
    /// new, dissolved or an average.
    pub metric: Vec<String>,
    /// The words that made it a goal or an expectation, or said it is what
    /// is now; `None` when nothing did (a measurement).
    pub status: Option<String>,
    /// The words naming whose it is; `None` when no place was named (the
    /// article's province).
    pub scope: Option<String>,
}

/// One language's phrases, cut into tokens once, ready to read any number of texts.
#[derive(Debug, Clone)]
pub struct Reader {
    style: number::Style,
    lexicon: Lexicon,
}

/// The note of every number a reader without a language's words offers.
const NO_WORDS: &str = "no figure words for this language: name what it counts";

impl Reader {
    /// Prepares the language data `words` for reading.
    ///
    /// Long but flat: one statement per list of phrases the data file holds,
    /// each lowered and split into words the same way.
    pub fn new(words: &Words) -> Reader {
        Reader {
            style: words.numbers.clone(),
            lexicon: Lexicon::new(words),
        }
    }

    /// A reader of numbers alone, for a language without data: it offers
    /// every number that is not a year, date or document number, without a
    /// metric.
    pub fn numbers_only(words: &Words) -> Reader {
        let mut reader = Reader::new(words);
        reader.lexicon.numbers_only = true;
        reader
    }

    /// How the language writes numbers.
    pub fn style(&self) -> &number::Style {
        &self.style
    }

    /// Every figure of `text` (Markdown or plain), in the order they appear,
    /// read knowing nothing of the article.
    pub fn figures(&self, text: &str) -> Vec<Found> {
        self.figures_in(text, &Setting::default())
    }

    /// Every figure of `text`, an article's body, read in its `setting`.
    pub fn figures_in(&self, text: &str, setting: &Setting) -> Vec<Found> {
        let mut found = Vec::new();
        for paragraph in paragraphs(text) {
            let tokens = tokenize(&text[paragraph.clone()], &self.style, paragraph.start);
            let mentions = mentions(&tokens, &self.lexicon, setting);
            Paragraph {
                text,
                tokens: &tokens,
                lexicon: &self.lexicon,
                setting,
                mentions: &mentions,
            }
            .figures(&mut found);
        }
        restated(&mut found);
        found
    }

    /// The values the text writes in digits: each number, and scaled by a scale
    /// word after it. A part of [`Reader::values`] (which adds number words),
    /// found much faster: only the digits are looked at.
    pub fn digit_values(&self, text: &str) -> Vec<f64> {
        let mut values = Vec::new();
        self.digit_values_until(text, |value| {
            values.push(value);
            false
        });
        values
    }

    /// Hands each value of [`Reader::digit_values`] to `found`, in order, until
    /// it returns `true`; returns whether it did. A check that wants a few
    /// values stops reading when it has them all.
    pub fn digit_values_until(&self, text: &str, mut found: impl FnMut(f64) -> bool) -> bool {
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut next: Vec<Token> = Vec::new();
        while let Some(offset) = bytes[at..]
            .iter()
            .position(|&b| MAY_START_DIGIT[b as usize])
        {
            at += offset;
            let rest = &text[at..];
            let Some(n) = rest
                .chars()
                .next()
                .and_then(number::digit)
                .and_then(|_| number::read(rest, &self.style))
            else {
                // A lead byte of an Arabic letter, or a digit that reads as no number.
                at += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            };
            at += n.len;
            if found(n.value) {
                return true;
            }
            next.clear();
            next.extend(Tokens::new(&text[at..], &self.style, 0).take(self.lexicon.longest_scale));
            if let Some((scale, _)) = self.lexicon.scale_at(&next, 0)
                && found(n.value * scale)
            {
                return true;
            }
        }
        false
    }

    /// Every value the text writes, in every spelling: each number, scaled by a scale
    /// word after it, and numbers written as words. For checking declared figures.
    ///
    /// Reads like [`Reader::figures`] cuts the text, but lowercases only the words
    /// that could be number words and looks for scale words only after numbers:
    /// every article of a build goes through here.
    pub fn values(&self, text: &str) -> Vec<f64> {
        let lexicon = &self.lexicon;
        let mut values = Vec::new();
        let mut tokens = Tokens::new(text, &self.style, 0);
        let mut lower = String::new();
        while let Some((kind, span)) = tokens.next_raw() {
            let value = match kind {
                Kind::Number { value, .. } => value,
                Kind::Word
                    if span.len() <= lexicon.longest_number_word
                        && text[span.clone()]
                            .chars()
                            .next()
                            .is_some_and(|c| lexicon.may_start_number_word(c)) =>
                {
                    lower.clear();
                    lower.extend(text[span].chars().flat_map(char::to_lowercase));
                    match lexicon.number_word(&lower) {
                        Some(value) => value,
                        None => continue,
                    }
                }
                _ => continue,
            };
            values.push(value);
            let next: Vec<Token> = Tokens::new(&text[tokens.at..], &self.style, 0)
                .take(lexicon.longest_scale)
                .collect();
            if let Some((scale, _)) = lexicon.scale_at(&next, 0) {
                values.push(value * scale);
            }
        }
        values
    }
}

/// A figure stated again ("Thanh Hóa has 1,158 cooperatives. Of these 1,158
/// cooperatives, …"): the same metric, value and status as one before it is
/// one figure, proposed once; the later one is kept without a metric, with
/// a note saying so.
fn restated(found: &mut [Found]) {
    let mut first: HashSet<(MetricId, u64, Status)> = HashSet::new();
    for figure in found.iter_mut() {
        let Some(metric) = figure.metric.clone() else {
            continue;
        };
        if !first.insert((metric.clone(), figure.value.to_bits(), figure.status)) {
            figure.metric = None;
            figure.unsure.retain(|u| !u.starts_with("another `"));
            figure.unsure.push(format!(
                "stated again: the same `{metric}` as a figure before it, proposed there"
            ));
        }
    }
}

/// Whose figures a place a sentence names makes the ones after it.
#[derive(Debug, Clone, PartialEq)]
enum Whose {
    /// The whole country's ("nationwide").
    Country,
    /// A district's ("huyện", "district").
    District,
    /// The article's province ("the province", its name), or the sentence
    /// turning back to it ("while", ";").
    Own,
    /// Another province: named, or "neighbouring".
    Other(Option<ProvinceId>),
}

/// A place a paragraph names: its tokens and whose it makes what follows.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    whose: Whose,
}

/// The places a paragraph names, in order, each at its longest: phrases
/// for the country, a district, the province, another province, a turn
/// back ("while", ";"), and the names of provinces (the article's own, or
/// another's, with a word for province beside it: "Quang Tri province").
fn mentions(tokens: &[Token], lx: &Lexicon, setting: &Setting) -> Vec<Mention> {
    let folded: Vec<String> = match (setting.places, setting.province) {
        (Some(_), Some(_)) => tokens
            .iter()
            .map(|t| match t.kind {
                Kind::Word => places::fold(&t.lower),
                _ => String::new(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let name_at = |k: usize| {
        let places = setting.places?;
        let own = setting.province?;
        let words: Vec<&str> = folded[k..(k + 5).min(folded.len())]
            .iter()
            .map(String::as_str)
            .collect();
        let (id, n) = places.at(&words)?;
        let whose = if id == own {
            Whose::Own
        } else {
            Whose::Other(Some(id.clone()))
        };
        Some((n, whose))
    };
    let lists = [
        (&lx.national, Whose::Country),
        (&lx.district, Whose::District),
        (&lx.elsewhere, Whose::Other(None)),
        (&lx.province, Whose::Own),
        (&lx.contrast, Whose::Own),
    ];
    let mut found: Vec<Mention> = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let semicolon =
            tokens[k].kind == Kind::Punct && matches!(tokens[k].lower.as_str(), ";" | "؛");
        let best = lists
            .iter()
            .filter_map(|(list, whose)| Some((lx.any_at(tokens, k, list)?, whose.clone())))
            .chain(name_at(k))
            .chain(semicolon.then_some((1, Whose::Own)))
            .max_by_key(|(n, whose)| (*n, matches!(whose, Whose::Other(Some(_)))));
        let Some((n, whose)) = best else {
            k += 1;
            continue;
        };
        let mut mention = Mention {
            start: k,
            end: k + n,
            whose,
        };
        // A word for province beside a name is the name's: "provinsi Son La",
        // "Quang Tri province".
        if matches!(mention.whose, Whose::Other(_)) {
            if found.last().is_some_and(|m| {
                m.end == mention.start
                    && m.whose == Whose::Own
                    && lx.any_at(tokens, m.start, &lx.province).is_some()
            }) {
                mention.start = found.pop().map_or(mention.start, |m| m.start);
            }
            if let Some(n) = lx.any_at(tokens, mention.end, &lx.province) {
                mention.end += n;
            }
        }
        k = mention.end;
        found.push(mention);
    }
    found
}

struct Paragraph<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lexicon: &'a Lexicon,
    setting: &'a Setting<'a>,
    mentions: &'a [Mention],
}

impl Paragraph<'_> {
    fn figures(&self, found: &mut Vec<Found>) {
        let tokens = self.tokens;
        let lx = self.lexicon;
        // Where each goal phrase is ("strive", "phấn đấu", "by 2030"): the
        // figures after it in its paragraph are goals ("by 2030 the province
        // strives to have … . Establish 2 new unions …"), until a sentence
        // names a year before the goal's ("In 2023 it had 412 cooperatives").
        // A goal phrase inside a longer phrase of expectation is not one:
        // "expected to reach", "dự kiến đạt".
        let expectations: Vec<Range<usize>> = (0..tokens.len())
            .filter_map(|k| Some(k..k + lx.any_at(tokens, k, &lx.estimate)?))
            .collect();
        let goals: Vec<usize> = (0..tokens.len())
            .filter(|&i| {
                lx.any_at(tokens, i, &lx.target)
                    .is_some_and(|n| !expectations.iter().any(|e| e.contains(&i) && e.len() > n))
            })
            .collect();
        let mut goal: Option<Goal> = None;
        let mut passed = 0;
        // The figures with a metric so far, which a breakdown may divide.
        let mut totals: Vec<Total> = Vec::new();
        // Where the last figure ended if it was an average amount.
        let mut average_before: Option<(usize, MetricId)> = None;
        // Where the last figure ended if it was an amount of money.
        let mut amount_end: Option<usize> = None;
        // The count the last figure was read as, and where its sentence starts.
        let mut counted_before: Option<(usize, MetricId)> = None;
        // The year last named in the paragraph, and in the sentence.
        let mut paragraph_year = None;
        let mut sentence_year = None;
        let mut sentence_start = 0;
        // Where the previous figure ended: words before it are not this one's.
        let mut previous_end = 0;
        let mut seen_metrics: Vec<MetricId> = Vec::new();
        let dated = |i: usize| lx.any_before(tokens, i, &lx.months).is_some();
        // A sentence about a year after the article's date states goals
        // ("Năm 2026, tỉnh thành lập 30 HTX" written in 2025), wherever the
        // year stands in it.
        let article_year = self.setting.date.map(|d| d.year);
        let ahead = self.sentences_ahead(article_year);
        // Before each token, the last count a phrase names ("số HTX",
        // "the number of cooperatives"): what a number without its noun counts.
        let named = self.counts_named();
        // Where the clause of the number starts: after a comma or a
        // semicolon, words before it are another clause's.
        let mut clause_start = 0;
        let mut i = 0;
        while i < tokens.len() {
            if ends_sentence(&tokens[i]) {
                sentence_start = i + 1;
                sentence_year = None;
            }
            if ends_clause(&tokens[i]) {
                clause_start = i + 1;
            }
            let Some((value, ambiguous)) = lx.number_at(tokens, i) else {
                i += 1;
                continue;
            };
            // The goal phrases passed since the last number.
            while let Some(&g) = goals.get(passed).filter(|&&g| g < i) {
                // Its year is one its sentence names, before it ("Pada tahun 2030
                // provinsi menargetkan") or after it; another goal phrase of the
                // same sentence keeps it.
                let kept = goal
                    .as_ref()
                    .filter(|goal| goal.at >= sentence_start)
                    .and_then(|goal| goal.year);
                goal = Some(Goal {
                    at: g,
                    year: kept.max(sentence_year),
                });
                passed += 1;
            }
            let at = At {
                i,
                value,
                ambiguous,
                sentence_start,
                named: named.get(i).cloned().flatten(),
                counted_before: counted_before
                    .clone()
                    .filter(|(start, _)| *start == sentence_start)
                    .map(|(_, m)| m),
                amount_before: amount_end
                    .is_some_and(|end| end >= clause_start && end > sentence_start),
                figure_floor: sentence_start.max(previous_end),
                clause_floor: sentence_start.max(previous_end).max(clause_start),
                target: goal
                    .as_ref()
                    .map(|g| g.at)
                    .or_else(|| ahead.get(i).copied().flatten()),
                totals: totals
                    .iter()
                    .filter(|t| t.end > sentence_start)
                    .cloned()
                    .collect(),
                average_before: average_before.clone(),
            };
            match self.read_figure(&at) {
                Reading::Year(year, end) => {
                    // A date's year ("Decision … of 29 June 2023") dates its sentence only.
                    if !dated(i) {
                        paragraph_year = Some(year);
                    }
                    sentence_year = Some(year);
                    match &mut goal {
                        // The goal's own sentence gives its year.
                        Some(g) if g.at >= sentence_start => {
                            g.year = g.year.max(Some(year));
                        }
                        // A later sentence about an earlier year, or about a
                        // year up to the article's own, is about what is (a
                        // document's date is not what a sentence is about).
                        Some(g)
                            if !dated(i)
                                && (g.year.is_some_and(|y| year < y)
                                    || article_year.is_some_and(|a| year <= a)) =>
                        {
                            goal = None
                        }
                        _ => {}
                    }
                    i = end;
                }
                Reading::Skip(end) => i = end,
                Reading::Figure(mut figure, end, counts) => {
                    counted_before = counts.map(|m| (sentence_start, m));
                    // A goal's year is the paragraph's ("by 2030, … 5,400 cooperatives");
                    // a measurement's is its sentence's.
                    figure.as_of = if at.target.is_some() {
                        paragraph_year
                    } else {
                        sentence_year
                    };
                    if let Some(m) = &figure.metric {
                        // "Trong số 318 HTX …", "of the 318 cooperatives": what
                        // follows in the sentence are its parts.
                        // A few words may stand between ("من بين هذه التعاونيات
                        // الـ433", "Из этих 386"); "lebih dari 800" is not one.
                        let among = (i.saturating_sub(6).max(at.clause_floor)..i)
                            .filter(|_| lx.any_before(tokens, i, &lx.approximate).is_none())
                            .find_map(|k| {
                                let n = lx.any_at(tokens, k, &lx.among)?;
                                Some(self.span(k, k + n))
                            });
                        totals.push(Total {
                            end,
                            metric: m.clone(),
                            among,
                        });
                    }
                    amount_end = figure
                        .unit
                        .as_deref()
                        .is_some_and(|u| u != "%")
                        .then_some(end);
                    average_before = figure
                        .metric
                        .clone()
                        .filter(MetricId::is_average)
                        .map(|m| (end, m));
                    if let Some(m) = &figure.metric {
                        if seen_metrics.contains(m) {
                            figure.unsure.push(format!(
                                "another `{m}` figure comes earlier in this paragraph: check which metric each one is"
                            ));
                        }
                        seen_metrics.push(m.clone());
                    }
                    found.push(*figure);
                    previous_end = end;
                    i = end;
                }
            }
        }
    }

    /// For each token, the last phrase naming a count (not an amount of
    /// money) that starts before it: where, and its metric.
    fn counts_named(&self) -> Vec<Option<(usize, MetricId)>> {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let mut named = Vec::with_capacity(tokens.len() + 1);
        let mut last = None;
        // The end of the last phrase found: the words inside it are its own
        // ("koperasi" in "kelompok koperasi").
        let mut inside = 0;
        for k in 0..tokens.len() {
            named.push(last.clone());
            if k >= inside
                && tokens[k].kind == Kind::Word
                && let Some((m, n)) = lx.metric_at(tokens, k)
            {
                inside = k + n;
                if !is_money(&m) {
                    last = Some((k, m));
                }
            }
        }
        named.push(last);
        named
    }

    /// For each token, whether its clause, or one before it in its sentence,
    /// is about a time after the article's year: it names a later year (not
    /// a date's, not a period's "2021-2025") or says "next year".
    fn sentences_ahead(&self, article_year: Option<i32>) -> Vec<Option<usize>> {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let Some(article_year) = article_year else {
            return Vec::new();
        };
        let mut ahead = vec![None; tokens.len()];
        let mut start = 0;
        for k in 0..=tokens.len() {
            if k < tokens.len() && !ends_sentence(&tokens[k]) {
                continue;
            }
            let later = (start..k).find(|&j| {
                lx.any_at(tokens, j, &lx.next_year).is_some()
                    || year_of(&tokens[j]).is_some_and(|y| {
                        y > article_year
                            && lx.any_before(tokens, j, &lx.months).is_none()
                            && lx.any_before(tokens, j, &lx.range).is_none()
                            && lx.any_at(tokens, j + 1, &lx.range).is_none()
                    })
            });
            // From the start of the year's clause on: "… 42 thousand by the
            // end of this year, and 50 thousand by 2025".
            if let Some(j) = later {
                let clause = (start..j)
                    .rev()
                    .find(|&c| ends_clause(&tokens[c]))
                    .map_or(start, |c| c + 1);
                ahead[clause..k].fill(Some(j));
            }
            start = k + 1;
        }
        ahead
    }

    /// What the number at `at` is: a figure, a year, or nothing to keep.
    ///
    /// Steps: leave out dates and document numbers; read what follows the
    /// number (a range's end, a scale word, a unit) and what it counts; keep
    /// years; then decide what kind of figure it is and how sure that is.
    fn read_figure(&self, at: &At) -> Reading {
        let i = at.i;
        if let Some(reading) = self.date_or_document(i) {
            return reading;
        }
        let quantity = self.quantity(i, at.value);
        let mut why = Why::default();
        let (metric, metric_end) = match self.counted(i, quantity.end, &mut why) {
            (None, _) => self.people(at, quantity.end, &mut why),
            counted => counted,
        };
        // Years ("in 2023", "Law on Cooperatives 2003") and periods ("2021-2025",
        // which date nothing by themselves).
        if quantity.unit.is_none()
            && quantity.scale == 1.0
            && metric.is_none()
            && let Some(year) = year_of(&self.tokens[i])
        {
            return match quantity.high {
                Some(_) => Reading::Skip(quantity.end),
                None => Reading::Year(year, quantity.end),
            };
        }
        let (metric, metric_end) = match metric {
            None if quantity.unit.is_none() => self.elliptic(at, &quantity, &mut why),
            _ => (metric, metric_end),
        };
        let mut unsure = Vec::new();
        if self.lexicon.numbers_only {
            unsure.push(NO_WORDS.to_owned());
            return self.found(at, quantity, None, metric_end, unsure, why);
        }
        let money = quantity.unit.as_deref().is_some_and(|u| u != "%");
        // An amount after an average amount, with no word for what it
        // measures between them, is the same average ("… 407 million, and
        // 1.3 billion for cooperatives"; "5.2 million a month, and the
        // province aims to raise it to 6 million").
        let lx = self.lexicon;
        let continued = at
            .average_before
            .as_ref()
            .filter(|(from, _)| {
                money
                    && at.i - from <= 24
                    && (*from..at.i).all(|k| {
                        lx.metric_at(self.tokens, k).is_none()
                            && lx.any_at(self.tokens, k, &lx.income).is_none()
                    })
            })
            .map(|(from, metric)| (self.span(from - 1, *from), metric.clone()));
        let average = self
            .average_words(at, quantity.end)
            .or_else(|| continued.as_ref().map(|(words, _)| words.clone()));
        let metric = match &average {
            // An average amount: revenue per cooperative or income per worker.
            Some(words) if money => match &continued {
                Some((_, metric)) if self.average_words(at, quantity.end).is_none() => {
                    why.metric = vec![format!("the average before it ({metric})")];
                    Some(metric.clone())
                }
                _ => self.average_of(at, quantity.end, words, &mut unsure, &mut why),
            },
            _ => {
                let Some(metric) =
                    self.kind_of_figure(at, &quantity, metric, &mut unsure, &mut why)
                else {
                    // A number that counts nothing a bulletin tracks ("27 projects").
                    return Reading::Skip(i + 1);
                };
                let Some(metric) =
                    self.qualified(at, &quantity, metric, metric_end, &mut unsure, &mut why)
                else {
                    // A change ("37 more than last year") is not a level.
                    return Reading::Skip(i + 1);
                };
                match average {
                    Some(words) => Self::averaged(&words, metric, &mut unsure),
                    None => metric,
                }
            }
        };
        let counts = metric.clone().filter(|m| !is_money(m) && !m.is_average());
        let metric = self.scoped(at, metric, &mut unsure, &mut why);
        // Things are counted whole: "36.480 شخصًا" is 36,480 people, not
        // 36.48, whatever the language's decimal point.
        let whole = (at.value * 1000.0).round();
        let regrouped = at.ambiguous
            && quantity.scale == 1.0
            && quantity.unit.is_none()
            && counts.is_some()
            && at.value.fract() != 0.0
            && (at.value * 1000.0 - whole).abs() < 1e-6;
        let at = &At {
            value: if regrouped { whole } else { at.value },
            ..at.clone()
        };
        if at.ambiguous {
            unsure.push(format!(
                "“{}” can be read two ways; read as {}{}",
                self.text[self.tokens[i].span.clone()].trim(),
                at.value,
                if regrouped {
                    ", as a count is whole"
                } else {
                    ""
                }
            ));
        }
        match self.found(at, quantity, metric, metric_end, unsure, why) {
            Reading::Figure(found, end, _) => Reading::Figure(found, end, counts),
            other => other,
        }
    }

    /// A number that is part of a date ("14 November 2022", "tháng 11"; a year
    /// in one still dates what follows) or of a document's number ("No. 43",
    /// "1517/QD-UBND", "20-NQ/TW", "14/11/2022").
    fn date_or_document(&self, i: usize) -> Option<Reading> {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let punct_after = |k: usize, p: &str| {
            tokens.get(k).is_some_and(|t| {
                t.kind == Kind::Punct && t.lower == p && t.span.start == tokens[k - 1].span.end
            })
        };
        if lx.any_at(tokens, i + 1, &lx.months).is_some()
            || lx.any_before(tokens, i, &lx.months).is_some()
        {
            return Some(
                year_of(&tokens[i]).map_or(Reading::Skip(i + 1), |y| Reading::Year(y, i + 1)),
            );
        }
        // "Quyết định số 1517" names a document; "trong số 318 HTX" does not.
        let document = lx.any_before(tokens, i, &lx.document).is_some_and(|start| {
            lx.any_before(tokens, i, &lx.among)
                .is_none_or(|among| among >= start)
        });
        if document
            || punct_after(i + 1, "/")
            || (punct_after(i + 1, "-") && tokens.get(i + 2).is_some_and(|t| t.kind == Kind::Word))
        {
            return Some(Reading::Skip(i + 1));
        }
        None
    }

    /// What follows the number at `i` (of `value`): the end of a range, a
    /// scale word, a unit.
    fn quantity(&self, i: usize, value: f64) -> Quantity {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let mut end = i + 1;
        let mut high = None;
        if let Some(n) = lx.any_at(tokens, end, &lx.range)
            && let Some((v, _)) = lx.number_at(tokens, end + n)
            && v > value
        {
            high = Some(v);
            end += n + 1;
        }
        let mut scale = 1.0;
        if let Some((s, n)) = lx.scale_at(tokens, end) {
            scale = s;
            end += n;
        }
        let unit = match lx.unit_at(tokens, end) {
            Some((u, n)) => {
                end += n;
                Some(u)
            }
            // A currency written before the amount ("VND 6.2 billion").
            None => lx.currency_before(tokens, i),
        };
        Quantity {
            high,
            scale,
            unit,
            end,
        }
    }

    /// What the number at `i` counts: the phrase right after its quantity
    /// (which ends at `end`), past words such as "new" ("16 new cooperatives");
    /// a dual ("اتحادين") names it itself. Returns it and where it ends.
    fn counted(&self, i: usize, end: usize, why: &mut Why) -> (Option<MetricId>, usize) {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let dual = (tokens[i].kind == Kind::Word)
            .then(|| lx.metric_at(tokens, i))
            .flatten();
        let mut k = if dual.is_some() { i } else { end };
        let mut metric = dual.or_else(|| lx.metric_at(tokens, k));
        // One word between ("276 действующих кооперативов", "2,960 regular
        // labourers"), where nouns follow their adjectives.
        if metric.is_none()
            && lx.adjectives_first
            && year_of(&tokens[i]).is_none()
            && tokens.get(k).is_some_and(|t| t.kind == Kind::Word)
            && lx.number_at(tokens, k).is_none()
            && let Some(found) = lx.metric_at(tokens, k + 1)
        {
            k += 1;
            metric = Some(found);
        }
        while metric.is_none()
            && let Some(n) = lx
                .any_at(tokens, k, &lx.new)
                .or_else(|| lx.any_at(tokens, k, &lx.dissolved))
        {
            k += n;
            metric = lx.metric_at(tokens, k);
        }
        match metric {
            Some((m, n)) => {
                why.metric.push(self.span(k, k + n));
                (Some(m), k + n)
            }
            None => (None, end),
        }
    }

    /// A count whose noun is elsewhere: a counter or the head of a name
    /// said before it ("koperasi mencapai 520 unit", "870 مجموعة"), nothing
    /// after it ("the number of cooperatives rose to 718."), "more" or
    /// "others" ("20 more", "4 أخرى"), or a passive ("52 were founded"). Its
    /// metric is the count its clause names before it, or else the last one
    /// its paragraph named. Returns it and where its words end.
    fn elliptic(&self, at: &At, quantity: &Quantity, why: &mut Why) -> (Option<MetricId>, usize) {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let end = quantity.end;
        let none = (None, end);
        // A number word without its noun is too often something else ("năm"
        // is five and year).
        if !matches!(tokens[at.i].kind, Kind::Number { .. }) {
            return none;
        }
        let named = at.named.clone();
        // "the number of members of cooperatives", "số thành viên HTX": the
        // count right after a word for a number or total; else the nearest.
        let counted_after_total = (at.clause_floor..at.i).find_map(|k| {
            let n = lx
                .any_at(tokens, k, &lx.number_of)
                .or_else(|| lx.any_at(tokens, k, &lx.total))?;
            let (m, _) = lx.metric_at(tokens, k + n)?;
            (!is_money(&m)).then_some((k + n, m))
        });
        let in_clause =
            counted_after_total.or_else(|| named.clone().filter(|(k, _)| *k >= at.clause_floor));
        // The words of a count named at `k`.
        let words_at = |k: usize| {
            let n = lx.metric_at(tokens, k).map_or(1, |(_, n)| n);
            self.span(k, k + n)
        };
        // A counter ("unit"), or the first word of a longer name of the count
        // its clause named ("kelompok" after "kelompok koperasi").
        let counter = lx.any_at(tokens, end, &lx.counter).or_else(|| {
            let (_, metric) = in_clause.as_ref()?;
            let token = tokens.get(end).filter(|t| t.kind == Kind::Word)?;
            lx.metrics
                .iter()
                .any(|(p, m)| {
                    m == metric
                        && p.parts.len() > 1
                        && lx.part_matches(token, &p.parts[0], p.whole[0])
                })
                .then_some(1)
        });
        if let Some(n) = counter {
            return match in_clause {
                Some((k, m)) => {
                    why.metric.push(words_at(k));
                    (Some(m), end + n)
                }
                None => none,
            };
        }
        // Nothing after it but punctuation, or words of time and plan ("50
        // thousand by 2025").
        let bare = tokens.get(end).is_none_or(|t| t.kind == Kind::Punct)
            || [&lx.target, &lx.estimate, &lx.next_year, &lx.current]
                .iter()
                .any(|list| lx.any_at(tokens, end, list).is_some());
        let more = lx.any_at(tokens, end, &lx.more).is_some()
            || lx.any_before(tokens, at.i, &lx.more).is_some();
        let clause_end = (end..(end + 4).min(tokens.len()))
            .find(|&k| ends_clause(&tokens[k]) || lx.number_at(tokens, k).is_some())
            .unwrap_or((end + 4).min(tokens.len()));
        // "52 were founded"; not "1500 new jobs", where a noun follows.
        let passive = (end + 1..clause_end).any(|k| {
            lx.any_at(tokens, k, &lx.new).is_some() || lx.any_at(tokens, k, &lx.dissolved).is_some()
        });
        if !(bare || more || passive) {
            return none;
        }
        // What its clause says of it: new, dissolved, a total.
        let said = |list: &List| {
            (at.clause_floor..clause_end).any(|k| lx.any_at(tokens, k, list).is_some())
        };
        let qualified = passive || said(&lx.new) || said(&lx.dissolved) || said(&lx.total);
        let metric = in_clause.map(|(k, m)| (words_at(k), m)).or_else(|| {
            // New, dissolved and totals are of cooperatives.
            let (k, m) =
                named.filter(|(_, m)| more || (qualified && family(m) == "cooperatives"))?;
            // The kind of the figure before it in its sentence, when its own
            // clause does not say ("20 new cooperatives were planned, 26
            // were registered"); else what the paragraph counted, for the
            // words of its clause to qualify.
            let before = at.totals.last().map(|t| &t.metric);
            let metric = match before {
                Some(b) if !qualified && family(b) == family(&m) => Some(b.clone()),
                _ => MetricId::parse(family(&m)),
            };
            Some((words_at(k), metric?))
        });
        // Bare, after a count of its sentence: people its clause says are
        // workers or members ("постоянно занятых — 6,1 тыс."), else more of
        // the same ("42 thousand members by the end of the year, 50
        // thousand by 2025").
        let said_people = || {
            let word = |list: &List| {
                (at.clause_floor..clause_end).find_map(|k| {
                    let n = lx.any_at(tokens, k, list)?;
                    Some(self.span(k, k + n))
                })
            };
            match (word(&lx.as_workers), word(&lx.as_members)) {
                (Some(w), _) => Some((w, MetricId::parse("workers")?)),
                (None, Some(w)) => Some((w, MetricId::parse("members")?)),
                _ => None,
            }
        };
        let metric = metric.or_else(|| {
            at.counted_before
                .as_ref()
                .filter(|_| bare)
                .and_then(|before| {
                    said_people().or_else(|| {
                        Some((format!("the count before it ({before})"), before.clone()))
                    })
                })
        });
        match metric {
            Some((words, m)) => {
                why.metric.push(words);
                (Some(m), if passive { clause_end } else { end })
            }
            None => none,
        }
    }

    /// A count of people ("27,940 people", "6.300 orang") right after its
    /// quantity (which ends at `end`): members or workers by the nearest word
    /// of its sentence saying which ("as members", "jobs for"), on either side
    /// up to the figure before and the number after.
    fn people(&self, at: &At, end: usize, why: &mut Why) -> (Option<MetricId>, usize) {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let Some(n) = lx.any_at(tokens, end, &lx.people) else {
            return (None, end);
        };
        let people_end = end + n;
        let next_number = (people_end..tokens.len())
            .find(|&k| lx.number_at(tokens, k).is_some() || ends_clause(&tokens[k]))
            .unwrap_or(tokens.len());
        // The nearest word of `list`: its distance and its words.
        let nearest = |list: &List| {
            (at.clause_floor..next_number)
                .filter(|&k| k < at.i || k >= people_end)
                .filter_map(|k| {
                    Some((
                        k.abs_diff(at.i),
                        self.span(k, k + lx.any_at(tokens, k, list)?),
                    ))
                })
                .min_by_key(|(distance, _)| *distance)
        };
        let (metric, words) = match (nearest(&lx.as_members), nearest(&lx.as_workers)) {
            (Some(m), Some(w)) if m.0 < w.0 => ("members", m.1),
            (Some(m), None) => ("members", m.1),
            (_, Some(w)) => ("workers", w.1),
            (None, None) => return (None, end),
        };
        why.metric.push(self.span(end, people_end));
        why.metric.push(words);
        (MetricId::parse(metric), people_end)
    }

    /// The metric of a figure by its kind: an amount of money names what it is
    /// before it or right after it; a share or rate has no built-in metric;
    /// a count keeps what it counts. The outer `None` is a number that counts
    /// nothing a bulletin tracks.
    fn kind_of_figure(
        &self,
        at: &At,
        quantity: &Quantity,
        metric: Option<MetricId>,
        unsure: &mut Vec<String>,
        why: &mut Why,
    ) -> Option<Option<MetricId>> {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let i = at.i;
        match quantity.unit.as_deref() {
            Some("%") => {
                unsure.push(match metric {
                    Some(m) => format!(
                        "a share or rate of {m}: no built-in metric; name one of the site's metrics"
                    ),
                    None => "a share or rate: no built-in metric; name one of the site's metrics"
                        .to_owned(),
                });
                Some(None)
            }
            Some(_) => {
                // Amounts name what they are in their clause, before them ("a
                // loan balance of 14.5 billion") or after them ("9.45 billion
                // VND in loans", "… from the provincial budget"); else earlier
                // in their sentence.
                let end = quantity.end;
                let clause_end = (end..(end + 6).min(tokens.len()))
                    .find(|&k| ends_clause(&tokens[k]))
                    .unwrap_or((end + 6).min(tokens.len()));
                let earlier = at.sentence_start.max(i.saturating_sub(16));
                let metric = lx
                    .money_metric_in(tokens, (at.clause_floor..i).rev())
                    .or_else(|| lx.money_metric_in(tokens, end..clause_end))
                    .or_else(|| {
                        lx.money_metric_in(tokens, (earlier..at.clause_floor.max(earlier)).rev())
                    });
                match metric {
                    Some((k, n, metric)) => {
                        why.metric.push(self.span(k, k + n));
                        Some(Some(metric))
                    }
                    None => {
                        unsure.push(
                            "an amount of money: no word for revenue, loans or a budget beside it"
                                .to_owned(),
                        );
                        Some(None)
                    }
                }
            }
            None => metric.map(Some),
        }
    }

    /// The metric of a count once the words around it are read: `None` for a
    /// change; what counts only some of them named unsure; new and dissolved
    /// cooperatives told apart.
    fn qualified(
        &self,
        at: &At,
        quantity: &Quantity,
        mut metric: Option<MetricId>,
        metric_end: usize,
        unsure: &mut Vec<String>,
        why: &mut Why,
    ) -> Option<Option<MetricId>> {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let money = quantity.unit.as_deref().is_some_and(|u| u != "%");
        let before = at.i.saturating_sub(2).max(at.clause_floor);
        let near = |list: &List| {
            (before..metric_end.max(quantity.end) + 1)
                .filter(|&k| k < tokens.len())
                .any(|k| lx.any_at(tokens, k, list).is_some())
        };
        // A change ("37 more than last year", "increased by 5 cooperatives") is not a level.
        if !money && quantity.unit.is_none() && near(&lx.change) {
            return None;
        }
        // New or dissolved: words in its clause before it, or a few words
        // after it, as a passive says it ("88 cooperatives have been
        // dissolved"), unless its clause speaks of a total.
        let passive_end = (metric_end..(metric_end + 8).min(tokens.len()))
            .find(|&k| ends_clause(&tokens[k]) || lx.number_at(tokens, k).is_some())
            .unwrap_or((metric_end + 8).min(tokens.len()));
        // Whether the words at `k` say new or dissolved, and the words.
        let new_or_dissolved = |k: usize| {
            // A longer phrase of what is now starting there is not new ("mới có").
            let now = lx.any_at(tokens, k, &lx.current).unwrap_or(0);
            match lx.any_at(tokens, k, &lx.new).filter(|&n| n >= now) {
                Some(n) => Some(((true, false), k + n, self.span(k, k + n))),
                None => {
                    let n = lx.any_at(tokens, k, &lx.dissolved)?;
                    Some(((false, true), k + n, self.span(k, k + n)))
                }
            }
        };
        let quote_end = metric_end.max(quantity.end).min(tokens.len());
        let in_clause = |list: &List| {
            (at.clause_floor..quote_end).any(|k| lx.any_at(tokens, k, list).is_some())
        };
        // The word nearest before its noun: "… 35 new cooperatives and
        // dissolved 27 cooperatives".
        // Scanning back meets the last word of a phrase first: take the
        // longest phrase covering it ("thành lập mới", not "mới").
        let nearest_before = (at.clause_floor..quote_end).rev().find_map(|k| {
            let found = new_or_dissolved(k)?;
            (k.saturating_sub(2).max(at.clause_floor)..k)
                .filter_map(new_or_dissolved)
                .find(|(_, end, _)| *end > k)
                .or(Some(found))
        });
        // What a passive after it says, nearest first, wins over the words
        // before it, which may be the end of the clause before ("… were
        // dissolved and 47 were founded").
        // Words after it that lead straight to another count are that
        // count's: "35 new cooperatives and dissolved 27", "15 nuevas
        // cooperativas y se disolvieron 5".
        let another_follows = tokens
            .get(passive_end)
            .is_some_and(|t| lx.number_at(tokens, passive_end).is_some() && year_of(t).is_none());
        let leads_on = |end: usize| {
            another_follows
                && (end == passive_end
                    || lx.any_before(tokens, passive_end, &lx.approximate) == Some(end))
        };
        let nearest_after = (metric_end..passive_end)
            .filter_map(new_or_dissolved)
            .find(|(_, end, _)| !leads_on(*end));
        // Words between it and its noun come first ("35 new cooperatives").
        let inside = (at.i..metric_end.min(tokens.len())).find_map(new_or_dissolved);
        let said = match inside.or(nearest_after) {
            Some(said) => Some(said),
            None if in_clause(&lx.total) => None,
            None => nearest_before,
        };
        let (new, dissolved) = said.as_ref().map_or((false, false), |(said, _, _)| *said);
        if let Some((_, _, words)) = said.filter(|_| metric.is_some()) {
            why.metric.push(words);
        }
        if let Some(m) = &metric {
            match (m.as_str(), new, dissolved) {
                ("cooperatives", true, false) => metric = MetricId::parse("new_cooperatives"),
                ("cooperatives", false, true) => metric = MetricId::parse("dissolved_cooperatives"),
                (_, true, _) => unsure.push(format!(
                    "new {m}: no built-in metric counts new ones; counted as `{m}`"
                )),
                _ => {}
            }
        }
        // "advised more than 30 cooperatives", "25 cooperatives could use the
        // support", "VND 6.2 billion for 18 cooperatives": anywhere in its
        // clause, or an amount right before it. New and dissolved ones are
        // counted whatever they were.
        let clause_end = (metric_end..(metric_end + 3).min(tokens.len()))
            .find(|&k| ends_clause(&tokens[k]))
            .unwrap_or((metric_end + 3).min(tokens.len()));
        let subset_in = |range: Range<usize>| {
            range
                .into_iter()
                .any(|k| lx.any_at(tokens, k, &lx.subset).is_some())
        };
        let subset = !money
            && (subset_in(at.clause_floor..at.i)
                || (!new && !dissolved && (subset_in(at.i..clause_end) || at.amount_before)));
        if let Some(m) = metric.take_if(|_| subset) {
            unsure.push(format!(
                "the words around it say it counts only some {m} (suspended, approved, given money, …): name one of the site's metrics"
            ));
        }
        Some(metric)
    }

    /// The metric of a figure of the article's province; `None`, with a note
    /// saying whose it is, for a figure its sentence gives to the whole
    /// country, a district or another province ("nationwide there are 31,000
    /// cooperatives", "huyện Hải Lăng có 35 HTX", "neighbouring Quang Ngai's
    /// 218 cooperatives"), or that is a part of a total before it.
    ///
    /// The place named nearest before it in its sentence decides, unless its
    /// clause names a province after it ("… 448 cooperatives in Thai Binh
    /// province"); "the province", a turn ("while") or a semicolon bring the
    /// sentence back to the article's province.
    fn scoped(
        &self,
        at: &At,
        metric: Option<MetricId>,
        unsure: &mut Vec<String>,
        why: &mut Why,
    ) -> Option<MetricId> {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let clause_end = (at.i..tokens.len())
            .find(|&k| ends_clause(&tokens[k]))
            .unwrap_or(tokens.len());
        // Named after it: a province, or a district by its name ("17
        // cooperatives in Van Chan district"), not "in 9 districts".
        let after = self
            .mentions
            .iter()
            .filter(|m| m.start >= at.i && m.end <= clause_end)
            .find(|m| match m.whose {
                Whose::Own | Whose::Other(Some(_)) => true,
                Whose::District => lx.number_at(tokens, m.start.saturating_sub(1)).is_none(),
                _ => false,
            });
        let before = self
            .mentions
            .iter()
            .rev()
            .filter(|m| m.end <= at.i)
            .take_while(|m| m.start >= at.sentence_start)
            .next();
        let place = after.or(before);
        why.scope = place.map(|m| self.span(m.start, m.end));
        let place = place.filter(|m| m.whose != Whose::Own);
        // After a total of its sentence, a breakdown ("of which", "trong đó",
        // "منها") names parts of it: figures of the same metric, unless they
        // name a province.
        // A figure its clause calls a total ("nâng tổng số HTX lên 562") is none.
        let total = (at.clause_floor..at.i).any(|k| lx.any_at(tokens, k, &lx.total).is_some());
        let part = || {
            let metric = metric.as_ref().filter(|_| after.is_none() && !total)?;
            at.totals
                .iter()
                .filter(|t| family(&t.metric) == family(metric))
                .find_map(|t| {
                    let marker = (t.end..at.i).rev().find_map(|k| {
                        let n = lx.any_at(tokens, k, &lx.breakdown)?;
                        Some(self.span(k, k + n))
                    });
                    marker.or_else(|| t.among.clone())
                })
        };
        let whose = match place {
            Some(m) => {
                let words = self.span(m.start, m.end);
                match &m.whose {
                    Whose::Country => format!("the whole country's figure («{words}»)"),
                    Whose::District => format!("a district's figure («{words}»)"),
                    Whose::Other(Some(id)) => format!("`{id}`'s figure («{words}»)"),
                    _ => format!("another province's figure («{words}»)"),
                }
            }
            None => match part() {
                Some(words) => format!("a part of a total before it («{words}»)"),
                None => return metric,
            },
        };
        let metric = metric?;
        unsure.push(format!(
            "{whose}, not this province's `{metric}`: keep it out, or give it a metric of the site's own"
        ));
        None
    }

    /// The words saying the figure at `at` is an average ("2.4 billion per
    /// cooperative", "doanh thu bình quân", "متوسط"), in its clause before
    /// the number or right after its quantity (which ends at `end`).
    fn average_words(&self, at: &At, end: usize) -> Option<String> {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let after = (end..(end + 4).min(tokens.len()))
            .take_while(|&k| k == end || !ends_sentence(&tokens[k - 1]));
        (at.clause_floor..at.i).chain(after).find_map(|k| {
            let n = lx.any_at(tokens, k, &lx.average)?;
            Some(self.span(k, k + n))
        })
    }

    /// The built-in average an average amount is: income per worker when its
    /// clause speaks of income or of workers and people, revenue per
    /// cooperative when it speaks of revenue or cooperatives; `None`, with a
    /// note, when it says neither.
    fn average_of(
        &self,
        at: &At,
        end: usize,
        words: &str,
        unsure: &mut Vec<String>,
        why: &mut Why,
    ) -> Option<MetricId> {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let clause_end = (end..(end + 6).min(tokens.len()))
            .find(|&k| ends_clause(&tokens[k]))
            .unwrap_or((end + 6).min(tokens.len()));
        let window = || (at.clause_floor..at.i).chain(end..clause_end);
        let says = |list: &List| window().any(|k| lx.any_at(tokens, k, list).is_some());
        let counts = |metric: &str| {
            window().any(|k| {
                lx.metric_at(tokens, k)
                    .is_some_and(|(m, _)| m.as_str() == metric)
            })
        };
        let of_workers = says(&lx.people) || says(&lx.as_workers) || counts("workers");
        let metric = if says(&lx.income) || (of_workers && !counts("revenue")) {
            "avg_income_per_worker"
        } else if counts("revenue") || counts("cooperatives") {
            "avg_revenue_per_cooperative"
        } else {
            unsure.push(format!(
                "an average («{words}») of neither revenue per cooperative nor income per worker: give it a metric of the site's own"
            ));
            return None;
        };
        why.metric = vec![words.to_owned()];
        MetricId::parse(metric)
    }

    /// An average count ("bình quân mỗi tỉnh có 490 HTX") is not a total:
    /// `None`, with a note.
    fn averaged(
        words: &str,
        metric: Option<MetricId>,
        unsure: &mut Vec<String>,
    ) -> Option<MetricId> {
        let metric = metric?;
        unsure.push(format!(
            "an average («{words}»), not the province's total `{metric}`: give it a metric of the site's own"
        ));
        None
    }

    /// The figure read: its status, the words it was read from, its note.
    fn found(
        &self,
        at: &At,
        quantity: Quantity,
        metric: Option<MetricId>,
        metric_end: usize,
        unsure: Vec<String>,
        mut why: Why,
    ) -> Reading {
        let tokens = self.tokens;
        let lx = self.lexicon;
        let i = at.i;
        let approximate = lx.any_before(tokens, i, &lx.approximate);
        // "… up from 1,187 cooperatives today", "hiện nay có …": what is, even
        // in a goal's sentence.
        let quote_end = metric_end.max(quantity.end);
        let words_of = |k: usize, list: &List| {
            let n = lx.any_at(tokens, k, list)?;
            Some(self.span(k, k + n))
        };
        let today = (at.figure_floor..(quote_end + 3).min(tokens.len()))
            .take_while(|&k| k < i || !ends_clause(&tokens[k]))
            .find_map(|k| words_of(k, &lx.current));
        let expected = || (at.sentence_start..i).find_map(|k| words_of(k, &lx.estimate));
        let (status, words) = match (at.target, today) {
            (Some(g), None) => (
                Status::Target,
                words_of(g, &lx.target)
                    .or_else(|| words_of(g, &lx.next_year))
                    .unwrap_or_else(|| self.span(g, g + 1)),
            ),
            (_, today) => match expected() {
                Some(words) => (Status::Estimate, words),
                None => (Status::Actual, today.unwrap_or_default()),
            },
        };
        why.status = (!words.is_empty()).then_some(words);
        let quote_start = approximate.unwrap_or(i);
        let quote = self.span(quote_start, quote_end);
        let mut note_parts = Vec::new();
        if let Some(a) = approximate {
            note_parts.push(self.span(a, i));
        }
        if quantity.high.is_some() {
            note_parts.push(self.span(i, quantity.end));
        }
        let line = self.text[..tokens[i].span.start].matches('\n').count() + 1;
        Reading::Figure(
            Box::new(Found {
                metric,
                value: at.value * quantity.scale,
                high: quantity.high.map(|h| h * quantity.scale),
                unit: quantity.unit,
                status,
                as_of: None,
                note: (!note_parts.is_empty()).then(|| note_parts.join(" ")),
                quote,
                line,
                unsure,
                why,
            }),
            quote_end.max(i + 1),
            None,
        )
    }

    /// The text of tokens `from..to`.
    fn span(&self, from: usize, to: usize) -> String {
        let to = to.max(from + 1).min(self.tokens.len());
        self.text[self.tokens[from].span.start..self.tokens[to - 1].span.end].to_owned()
    }
}

/// The goal phrase figures are read under: where it is, and the year its
/// sentence names ("by 2030").
struct Goal {
    at: usize,
    year: Option<i32>,
}

/// A number in its paragraph.
#[derive(Clone)]
struct At {
    /// Its token.
    i: usize,
    value: f64,
    ambiguous: bool,
    sentence_start: usize,
    /// The first token after the figure before it in its sentence.
    figure_floor: usize,
    /// The first token of its clause that may still qualify it ("new",
    /// "more than"): after the figure before it, and after a comma.
    clause_floor: usize,
    /// Whether the figure right before it in its clause is an amount of
    /// money (the cooperatives it counts are those the amount went to).
    amount_before: bool,
    /// The count the figure before it in its sentence was read as (whoever's
    /// it was).
    counted_before: Option<MetricId>,
    /// The last count its paragraph names before it: where, and what.
    named: Option<(usize, MetricId)>,
    /// Where the words of the goal it is read under start (see [`Goal`]):
    /// a goal phrase, or a year after the article's.
    target: Option<usize>,
    /// The figures with a metric of its sentence before it: totals a
    /// breakdown ("of which", "trong đó") may divide.
    totals: Vec<Total>,
    /// Where the figure before it ended, and its metric, when it was an
    /// average amount ("… 407 million, and 1.3 billion for cooperatives").
    average_before: Option<(usize, MetricId)>,
}

/// A figure with a metric, which figures after it may be parts of.
#[derive(Clone)]
struct Total {
    /// The token after it.
    end: usize,
    metric: MetricId,
    /// The words before it that introduce parts ("of the 318 cooperatives").
    among: Option<String>,
}

/// What follows a number: the end of a range, a scale, a unit, and the
/// token after them.
struct Quantity {
    high: Option<f64>,
    scale: f64,
    unit: Option<String>,
    end: usize,
}

/// What a number turned out to be, and the token after it; a figure also
/// with the count it was read as before whose it is was decided (a count
/// after it without its noun may be of the same).
enum Reading {
    Figure(Box<Found>, usize, Option<MetricId>),
    Year(i32, usize),
    Skip(usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::Readers;

    /// `(metric or "", value, unit or "", status)` of each figure found.
    fn read(lang: &str, text: &str) -> Vec<(String, f64, String, Status)> {
        let library = Readers::built_in();
        library
            .get(lang)
            .unwrap()
            .figures(text)
            .into_iter()
            .map(|f| {
                (
                    f.metric.map(|m| m.to_string()).unwrap_or_default(),
                    f.value,
                    f.unit.unwrap_or_default(),
                    f.status,
                )
            })
            .collect()
    }

    fn fig(metric: &str, value: f64, unit: &str, status: Status) -> (String, f64, String, Status) {
        (metric.to_owned(), value, unit.to_owned(), status)
    }

    #[test]
    fn documents_dates_years_and_changes_are_not_figures() {
        let text = "Under Resolution No. 20 and Decision 1517/QD-UBND of 29 June 2023, \
                    Decree 20-NQ/TW, the Law on Cooperatives 2012 and the period 2021-2025, \
                    the province has 341 cooperatives, 37 more than in 2022, and 27 projects.";
        assert_eq!(
            read("en", text),
            [fig("cooperatives", 341.0, "", Status::Actual)]
        );
    }

    #[test]
    fn vietnamese_figures() {
        let text = "Năm 2023, toàn tỉnh có 1.981 tổ hợp tác, 341 hợp tác xã và 2 liên hiệp hợp tác xã \
                    với 82.256 thành viên; thành lập mới 16 hợp tác xã, giải thể 2 hợp tác xã. \
                    Doanh thu bình quân ước đạt 1,3 tỷ đồng.\n\n\
                    Đến năm 2030, phấn đấu có hơn 5.400 tổ hợp tác và khoảng 210 nghìn thành viên.";
        assert_eq!(
            read("vi", text),
            [
                fig("cooperative_groups", 1981.0, "", Status::Actual),
                fig("cooperatives", 341.0, "", Status::Actual),
                fig("cooperative_unions", 2.0, "", Status::Actual),
                fig("members", 82256.0, "", Status::Actual),
                fig("new_cooperatives", 16.0, "", Status::Actual),
                fig("dissolved_cooperatives", 2.0, "", Status::Actual),
                // An average ("bình quân") of revenue, not the province's revenue.
                fig(
                    "avg_revenue_per_cooperative",
                    1.3e9,
                    "VND",
                    Status::Estimate
                ),
                fig("cooperative_groups", 5400.0, "", Status::Target),
                fig("members", 210_000.0, "", Status::Target),
            ]
        );
        let library = Readers::built_in();
        let found = library.get("vi").unwrap().figures(text);
        assert_eq!(found[0].as_of, Some(2023));
        assert_eq!(found[7].as_of, Some(2030));
        assert_eq!(found[7].note.as_deref(), Some("hơn"));
        assert_eq!(found[8].note.as_deref(), Some("khoảng"));
        assert_eq!(found[8].line, 3);
    }

    /// The metrics proposed for `text` (figures printed as entries): a figure of
    /// the whole country's or a district's is printed commented out.
    fn proposed(lang: &str, text: &str) -> Vec<(String, f64)> {
        Readers::built_in()
            .get(lang)
            .unwrap()
            .figures(text)
            .into_iter()
            .filter_map(|f| Some((f.metric?.to_string(), f.value)))
            .collect()
    }

    /// What a figure of the whole country or of a district is noted with.
    fn scope_notes(lang: &str, text: &str) -> Vec<String> {
        Readers::built_in()
            .get(lang)
            .unwrap()
            .figures(text)
            .into_iter()
            .flat_map(|f| f.unsure)
            .filter(|u| u.contains("whole country") || u.contains("district"))
            .collect()
    }

    #[test]
    fn the_whole_country_s_and_a_district_s_figures_are_not_the_province_s() {
        let cases = [
            (
                "en",
                "The province has 412 cooperatives. Nationwide there are about 31,000 cooperatives. \
                 In Hai Lang district, 35 cooperatives operate.",
            ),
            (
                "vi",
                "Toàn tỉnh có 412 hợp tác xã. Cả nước hiện có khoảng 31.000 hợp tác xã. \
                 Riêng huyện Hải Lăng có 35 hợp tác xã.",
            ),
            (
                "id",
                "Provinsi ini memiliki 412 koperasi. Secara nasional terdapat sekitar 31.000 koperasi. \
                 Di Kabupaten Hai Lang terdapat 35 koperasi.",
            ),
            (
                "ru",
                "В провинции действуют 412 кооперативов. По всей стране насчитывается около 31 000 кооперативов. \
                 В уезде Хайланг работают 35 кооперативов.",
            ),
            (
                "ar",
                "تضم المقاطعة 412 تعاونية. وعلى مستوى البلاد يوجد نحو 31 ألف تعاونية. \
                 وفي منطقة هاي لانغ تعمل 35 تعاونية.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                proposed(lang, text),
                [("cooperatives".to_owned(), 412.0)],
                "{lang}"
            );
            assert_eq!(
                scope_notes(lang, text).len(),
                2,
                "{lang}: {:?}",
                scope_notes(lang, text)
            );
        }
    }

    #[test]
    fn a_goal_ends_where_a_sentence_turns_to_an_earlier_year() {
        let cases = [
            (
                "en",
                "By 2030 the province aims to have 600 cooperatives. In 2023 it had 412 cooperatives.",
            ),
            (
                "vi",
                "Đến năm 2030, tỉnh phấn đấu có 600 hợp tác xã. Năm 2023, toàn tỉnh có 412 hợp tác xã.",
            ),
            (
                "id",
                "Pada tahun 2030 provinsi menargetkan 600 koperasi. Pada tahun 2023 provinsi memiliki 412 koperasi.",
            ),
            (
                "ru",
                "К 2030 году в провинции планируется 600 кооперативов. В 2023 году в провинции действовали 412 кооперативов.",
            ),
            (
                "ar",
                "تهدف المقاطعة إلى 600 تعاونية بحلول عام 2030. وفي عام 2023 كان في المقاطعة 412 تعاونية.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                read(lang, text),
                [
                    fig("cooperatives", 600.0, "", Status::Target),
                    fig("cooperatives", 412.0, "", Status::Actual),
                ],
                "{lang}"
            );
        }
    }

    /// What is proposed for `text` read as an article about `province` dated `date`.
    fn proposed_in(
        lang: &str,
        text: &str,
        date: &str,
        province: &str,
    ) -> Vec<(String, f64, Status)> {
        let places = Places::of_registry("vietnam");
        let province = ProvinceId::parse(province).unwrap();
        let setting = Setting {
            date: PartialDate::parse(date),
            province: Some(&province),
            places: Some(&places),
        };
        Readers::built_in()
            .get(lang)
            .unwrap()
            .figures_in(text, &setting)
            .into_iter()
            .filter_map(|f| Some((f.metric?.to_string(), f.value, f.status)))
            .collect()
    }

    #[test]
    fn another_province_s_figures_are_not_the_article_s() {
        // Named (with or without diacritics, a word for province beside it or
        // not) or called neighbouring; the article's own name brings the
        // sentence back to it.
        let cases = [
            (
                "en",
                "Neighbouring Quang Ngai has 218 cooperatives, while Quang Nam has 305 cooperatives.",
            ),
            (
                "vi",
                "Tỉnh Quảng Ngãi có 218 HTX, trong khi Quảng Nam có 305 HTX.",
            ),
            (
                "id",
                "Provinsi Quang Ngai memiliki 218 koperasi, sedangkan Quang Nam memiliki 305 koperasi.",
            ),
            (
                "ru",
                "В соседней провинции насчитывается 218 кооперативов; в нашей провинции действуют 305 кооперативов.",
            ),
            (
                "ar",
                "تضم المقاطعة المجاورة 218 تعاونية، بينما تضم المقاطعة 305 تعاونية.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                proposed_in(lang, text, "2024-05-01", "quang-nam"),
                [("cooperatives".to_owned(), 305.0, Status::Actual)],
                "{lang}"
            );
        }
        // The note names whose it is.
        let places = Places::of_registry("vietnam");
        let own = ProvinceId::parse("quang-nam").unwrap();
        let found = Readers::built_in().get("vi").unwrap().figures_in(
            "Tỉnh Quảng Ngãi có 218 HTX.",
            &Setting {
                date: None,
                province: Some(&own),
                places: Some(&places),
            },
        );
        assert!(
            found[0].unsure[0].contains("`quang-ngai`'s figure («Tỉnh Quảng Ngãi»)"),
            "{:?}",
            found[0].unsure
        );
    }

    #[test]
    fn a_year_after_the_article_s_date_makes_a_goal() {
        // No word for a goal: the year, later than the article's, says it.
        let cases = [
            (
                "en",
                "In 2026, the province will set up 30 cooperatives. In 2024 it set up 25 cooperatives.",
            ),
            (
                "vi",
                "Năm 2026, tỉnh thành lập mới 30 HTX. Năm 2024, tỉnh đã thành lập mới 25 HTX.",
            ),
            (
                "id",
                "Pada tahun 2026 provinsi membentuk 30 koperasi baru. Pada tahun 2024 provinsi membentuk 25 koperasi baru.",
            ),
            (
                "ru",
                "В 2026 году в провинции будет создано 30 новых кооперативов. В 2024 году создано 25 новых кооперативов.",
            ),
            (
                "ar",
                "في عام 2026 ستنشئ المقاطعة 30 تعاونية جديدة. وفي عام 2024 أنشأت 25 تعاونية جديدة.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                proposed_in(lang, text, "2025-03-01", "quang-nam"),
                [
                    ("new_cooperatives".to_owned(), 30.0, Status::Target),
                    ("new_cooperatives".to_owned(), 25.0, Status::Actual),
                ],
                "{lang}"
            );
            // Read in 2027, both are past.
            assert_eq!(
                proposed_in(lang, text, "2027-01-10", "quang-nam")
                    .iter()
                    .map(|(_, _, s)| *s)
                    .collect::<Vec<_>>(),
                [Status::Actual, Status::Actual],
                "{lang}"
            );
        }
    }

    #[test]
    fn each_figure_keeps_the_words_that_decided_it() {
        // (language, text, metric words, status words, whose words)
        let cases = [
            (
                "en",
                "By 2030 the province aims to set up 30 new cooperatives.",
                &["cooperatives", "new"][..],
                "aims",
                "province",
            ),
            (
                "vi",
                "Năm 2024, toàn tỉnh phấn đấu thành lập mới 30 HTX.",
                &["HTX", "thành lập mới"][..],
                "phấn đấu",
                "toàn tỉnh",
            ),
            (
                "id",
                "Provinsi menargetkan membentuk 30 koperasi baru.",
                &["koperasi", "baru"][..],
                "menargetkan",
                "Provinsi",
            ),
            (
                "ru",
                "Провинция планирует создать 30 новых кооперативов.",
                &["кооперативов", "новых"][..],
                "создать",
                "Провинция",
            ),
            (
                "ar",
                "تهدف المقاطعة إلى إنشاء 30 تعاونية جديدة.",
                &["تعاونية", "جديدة"][..],
                "تهدف",
                "المقاطعة",
            ),
        ];
        for (lang, text, metric, status, whose) in cases {
            let found = Readers::built_in().get(lang).unwrap().figures(text);
            assert_eq!(found.len(), 1, "{lang}");
            let why = &found[0].why;
            assert_eq!(found[0].status, Status::Target, "{lang}");
            assert_eq!(why.metric, metric, "{lang}");
            assert_eq!(why.status.as_deref(), Some(status), "{lang}");
            assert_eq!(why.scope.as_deref(), Some(whose), "{lang}");
        }
        // A measurement names no status words, and a figure whose text names
        // no place is the article's province's.
        let found = Readers::built_in()
            .get("en")
            .unwrap()
            .figures("It has 412 cooperatives.");
        assert_eq!(found[0].why.status, None);
        assert_eq!(found[0].why.scope, None);
    }

    #[test]
    fn a_count_without_its_noun_is_of_what_its_sentence_counted() {
        // Elliptic counts: "39 were newly established", "the number of
        // cooperatives rose to 718", more of the same after a comma.
        let cases = [
            (
                "en",
                "Fourteen cooperatives were dissolved, while 39 were newly established. \
                 The number of cooperatives in the province rose to 718.",
            ),
            (
                "vi",
                "Có 14 HTX giải thể, trong khi số HTX thành lập mới là 39. \
                 Tổng số HTX toàn tỉnh là 718.",
            ),
            (
                "id",
                "Sebanyak 14 koperasi dibubarkan, sementara 39 lainnya baru didirikan. \
                 Jumlah koperasi di provinsi ini mencapai 718.",
            ),
            (
                "ru",
                "Были распущены 14 кооперативов, вновь созданы — 39. \
                 Число кооперативов в провинции достигло 718.",
            ),
            (
                "ar",
                "جرى حل 14 تعاونية، أما المنشأة حديثًا فبلغت 39. \
                 وبلغ عدد التعاونيات في المقاطعة 718.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                read(lang, text),
                [
                    fig("dissolved_cooperatives", 14.0, "", Status::Actual),
                    fig("new_cooperatives", 39.0, "", Status::Actual),
                    fig("cooperatives", 718.0, "", Status::Actual),
                ],
                "{lang}"
            );
        }
    }

    #[test]
    fn a_total_stated_again_is_one_figure() {
        let cases = [
            (
                "en",
                "The province has 433 cooperatives. Of these 433 cooperatives, 398 work in farming.",
            ),
            (
                "vi",
                "Tỉnh có 433 HTX. Trong tổng số 433 HTX này, có 398 HTX nông nghiệp.",
            ),
            (
                "id",
                "Provinsi memiliki 433 koperasi. Dari total 433 koperasi tersebut, 398 bergerak di pertanian.",
            ),
            (
                "ru",
                "В провинции 433 кооператива. Из этих 433 кооперативов 398 работают в сельском хозяйстве.",
            ),
            (
                "ar",
                "تضم المقاطعة 433 تعاونية. ومن بين هذه التعاونيات الـ433، تعمل 398 تعاونية في الزراعة.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                proposed(lang, text),
                [("cooperatives".to_owned(), 433.0)],
                "{lang}"
            );
        }
    }

    #[test]
    fn french_and_spanish_figures() {
        let t = |m: &str, v: f64, s: Status| (m.to_owned(), v, s);
        let cases = [
            (
                "fr",
                "À la fin de 2024, la province comptait 618 coopératives, dont 434 coopératives \
                 agricoles, avec 45 300 membres et 12 400 travailleurs.",
                vec![
                    t("cooperatives", 618.0, Status::Actual),
                    t("members", 45_300.0, Status::Actual),
                    t("workers", 12_400.0, Status::Actual),
                ],
            ),
            (
                "fr",
                "Au cours de l'année, 32 nouvelles coopératives ont été créées et 11 coopératives ont été dissoutes.",
                vec![
                    t("new_cooperatives", 32.0, Status::Actual),
                    t("dissolved_cooperatives", 11.0, Status::Actual),
                ],
            ),
            (
                "fr",
                "D'ici 2030, la province s'efforce de compter 800 coopératives et 60 000 membres.",
                vec![
                    t("cooperatives", 800.0, Status::Target),
                    t("members", 60_000.0, Status::Target),
                ],
            ),
            (
                "fr",
                "À l'échelle nationale, on compte plus de 31 000 coopératives, tandis que la province en compte 620.",
                vec![t("cooperatives", 620.0, Status::Actual)],
            ),
            (
                "fr",
                "Le chiffre d'affaires des coopératives a atteint 1 250 milliards de dôngs, et le Fonds \
                 de soutien a décaissé 45 milliards de dôngs de prêts.",
                vec![
                    t("revenue", 1.25e12, Status::Actual),
                    t("loans", 45e9, Status::Actual),
                ],
            ),
            (
                "fr",
                "Le revenu moyen des travailleurs des coopératives est de 5,8 millions de dôngs par mois.",
                vec![t("avg_income_per_worker", 5.8e6, Status::Actual)],
            ),
            (
                "es",
                "Hasta la fecha, la provincia cuenta con 219 cooperativas, de las cuales 150 cooperativas \
                 agrícolas, con casi 50 000 socios y 8.400 trabajadores.",
                vec![
                    t("cooperatives", 219.0, Status::Actual),
                    t("members", 50_000.0, Status::Actual),
                    t("workers", 8_400.0, Status::Actual),
                ],
            ),
            (
                "es",
                "En 2024 se establecieron 15 nuevas cooperativas y se disolvieron 5.",
                vec![
                    t("new_cooperatives", 15.0, Status::Actual),
                    t("dissolved_cooperatives", 5.0, Status::Actual),
                ],
            ),
            (
                "es",
                "Para 2030, la provincia aspira a contar con 300 cooperativas y 70 000 miembros.",
                vec![
                    t("cooperatives", 300.0, Status::Target),
                    t("members", 70_000.0, Status::Target),
                ],
            ),
            (
                "es",
                "A nivel nacional existen más de 31 000 cooperativas, mientras que la provincia tiene 220.",
                vec![t("cooperatives", 220.0, Status::Actual)],
            ),
            (
                "es",
                "Los ingresos de las cooperativas superaron los 970 mil millones de VND y el fondo \
                 desembolsó préstamos por 12.500 millones de VND.",
                vec![
                    t("revenue", 970e9, Status::Actual),
                    t("loans", 12.5e9, Status::Actual),
                ],
            ),
            (
                "es",
                "El ingreso promedio de los trabajadores alcanzó 6,2 millones de dongs al mes.",
                vec![t("avg_income_per_worker", 6.2e6, Status::Actual)],
            ),
        ];
        for (lang, text, expected) in cases {
            assert_eq!(
                proposed_in(lang, text, "2025-01-15", "nghe-an"),
                expected,
                "{lang}: {text}"
            );
        }
    }

    #[test]
    fn the_parts_of_a_total_are_not_proposed_as_totals() {
        let cases = [
            (
                "en",
                "The province has 318 cooperatives, of which 120 cooperatives work in farming.",
            ),
            (
                "vi",
                "Toàn tỉnh có 318 hợp tác xã, trong đó 120 hợp tác xã nông nghiệp.",
            ),
            (
                "id",
                "Provinsi ini memiliki 318 koperasi, di antaranya 120 koperasi pertanian.",
            ),
            (
                "ru",
                "В провинции действуют 318 кооперативов, из них 120 кооперативов сельскохозяйственные.",
            ),
            ("ar", "تضم المقاطعة 318 تعاونية، منها 120 تعاونية زراعية."),
        ];
        for (lang, text) in cases {
            assert_eq!(
                proposed(lang, text),
                [("cooperatives".to_owned(), 318.0)],
                "{lang}"
            );
            let notes: Vec<String> = Readers::built_in()
                .get(lang)
                .unwrap()
                .figures(text)
                .into_iter()
                .flat_map(|f| f.unsure)
                .filter(|u| u.contains("a part of"))
                .collect();
            assert_eq!(notes.len(), 1, "{lang}: {notes:?}");
        }
        // A list after a word with no metric is not a breakdown: "548
        // organisations, including 300 cooperatives" gives 300 cooperatives.
        assert_eq!(
            proposed(
                "en",
                "The collective economy counts 548 organisations, including 300 cooperatives."
            ),
            [("cooperatives".to_owned(), 300.0)]
        );
    }

    #[test]
    fn disbursed_and_outstanding_credit_are_loans() {
        let cases = [
            (
                "en",
                "The fund disbursed VND 6.2 billion, and outstanding loans reached VND 11 billion.",
            ),
            ("vi", "Quỹ đã giải ngân 6,2 tỷ đồng, dư nợ đạt 11 tỷ đồng."),
            (
                "id",
                "Dana tersebut menyalurkan 6,2 miliar VND, dan sisa pinjaman mencapai 11 miliar VND.",
            ),
            (
                "ru",
                "Фонд выдал 6,2 млрд донгов, а остаток по кредитам составил 11 млрд донгов.",
            ),
            (
                "ar",
                "صرف الصندوق 6.2 مليار دونغ، وبلغ رصيد القروض 11 مليار دونغ.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                read(lang, text),
                [
                    fig("loans", 6.2e9, "VND", Status::Actual),
                    fig("loans", 11e9, "VND", Status::Actual),
                ],
                "{lang}"
            );
        }
    }

    #[test]
    fn an_average_is_per_cooperative_or_per_worker_never_a_total() {
        let cases = [
            (
                "en",
                "Average revenue reached VND 2.4 billion per cooperative per year, and workers \
                 took home VND 6.1 million per person a month.",
            ),
            (
                "vi",
                "Doanh thu bình quân đạt 2,4 tỷ đồng/HTX/năm; thu nhập bình quân của lao động \
                 trong các HTX đạt 6,1 triệu đồng/người/tháng.",
            ),
            (
                "id",
                "Pendapatan rata-rata mencapai 2,4 miliar VND per koperasi per tahun, dan \
                 pendapatan rata-rata pekerja koperasi 6,1 juta VND per orang per bulan.",
            ),
            (
                "ru",
                "Средняя выручка составила 2,4 млрд донгов на один кооператив в год, \
                 средний доход работника кооператива — 6,1 млн донгов в месяц.",
            ),
            (
                "ar",
                "بلغ متوسط إيرادات التعاونية الواحدة 2.4 مليار دونغ سنويًا، ومتوسط دخل العاملين \
                 في التعاونيات 6.1 مليون دونغ للشخص شهريًا.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                proposed(lang, text),
                [
                    ("avg_revenue_per_cooperative".to_owned(), 2.4e9),
                    ("avg_income_per_worker".to_owned(), 6.1e6)
                ],
                "{lang}"
            );
        }
        // An average count is not the province's count.
        let found = Readers::built_in()
            .get("vi")
            .unwrap()
            .figures("Bình quân mỗi xã có 3 HTX.");
        assert_eq!(found.len(), 1);
        assert!(found[0].metric.is_none());
        assert!(found[0].unsure.iter().any(|u| u.contains("an average")));
    }

    #[test]
    fn a_passive_count_is_of_new_or_dissolved_cooperatives() {
        let cases = [
            (
                "en",
                "Since 2021, 88 cooperatives have been dissolved, and 47 cooperatives were newly established.",
            ),
            (
                "vi",
                "Từ năm 2021, 88 hợp tác xã đã bị giải thể và 47 hợp tác xã đã được thành lập mới.",
            ),
            (
                "id",
                "Sejak 2021, 88 koperasi telah resmi dibubarkan dan 47 koperasi telah resmi didirikan.",
            ),
            (
                "ru",
                "С 2021 года 88 кооперативов были официально ликвидированы, а 47 кооперативов были официально созданы.",
            ),
            (
                "ar",
                "منذ عام 2021 جرى رسميًا حل 88 تعاونية، وجرى رسميًا تأسيس 47 تعاونية.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                proposed(lang, text),
                [
                    ("dissolved_cooperatives".to_owned(), 88.0),
                    ("new_cooperatives".to_owned(), 47.0)
                ],
                "{lang}"
            );
        }
    }

    #[test]
    fn today_s_figure_in_a_goal_s_sentence_is_actual() {
        let cases = [
            (
                "en",
                "By 2030 the province targets 1,500 cooperatives, up from 1,187 cooperatives today.",
            ),
            (
                "vi",
                "Đến năm 2030, tỉnh phấn đấu có 1.500 hợp tác xã, hiện nay có 1.187 hợp tác xã.",
            ),
            (
                "id",
                "Pada 2030 provinsi menargetkan 1.500 koperasi, saat ini terdapat 1.187 koperasi.",
            ),
            (
                "ru",
                "К 2030 году провинция планирует 1 500 кооперативов, сейчас действуют 1 187 кооперативов.",
            ),
            (
                "ar",
                "تهدف المقاطعة إلى 1500 تعاونية بحلول عام 2030، وتضم حاليا 1187 تعاونية.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                read(lang, text),
                [
                    fig("cooperatives", 1500.0, "", Status::Target),
                    fig("cooperatives", 1187.0, "", Status::Actual),
                ],
                "{lang}"
            );
        }
    }

    #[test]
    fn people_are_members_or_workers_by_the_words_nearest_them() {
        let cases = [
            (
                "en",
                "The sector has attracted 27,940 people as members and provides jobs for about 6,300 people.",
            ),
            (
                "vi",
                "Khu vực này thu hút 27.940 người tham gia làm thành viên và tạo việc làm cho khoảng 6.300 người.",
            ),
            (
                "id",
                "Sektor ini menarik 27.940 orang sebagai anggota dan menyediakan lapangan kerja bagi sekitar 6.300 orang.",
            ),
            (
                "ru",
                "Членами кооперативов являются 27 940 человек, а около 6 300 человек работают в них по найму.",
            ),
            (
                "ar",
                "اجتذب القطاع 27940 شخصًا كأعضاء، ووفر فرص عمل لنحو 6300 شخص.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(
                proposed(lang, text),
                [
                    ("members".to_owned(), 27940.0),
                    ("workers".to_owned(), 6300.0)
                ],
                "{lang}"
            );
        }
    }

    #[test]
    fn numbers_written_as_words() {
        assert_eq!(
            read("en", "The province has two unions."),
            [fig("cooperative_unions", 2.0, "", Status::Actual)]
        );
        assert_eq!(
            read("ar", "تضم المقاطعة اتحادين تعاونيين."),
            [fig("cooperative_unions", 2.0, "", Status::Actual)]
        );
    }

    #[test]
    fn an_ambiguous_separator_is_offered_with_a_reason() {
        let library = Readers::built_in();
        let found = library
            .get("id")
            .unwrap()
            .figures("Provinsi memiliki 9.45 juta anggota.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, 9_450_000.0);
        assert!(
            found[0].unsure[0].contains("two ways"),
            "{:?}",
            found[0].unsure
        );
        // A count is whole: three digits after the point are a group.
        let found = library
            .get("ar")
            .unwrap()
            .figures("استقطبت التعاونيات 36.480 شخصًا كأعضاء.");
        assert_eq!(found[0].value, 36_480.0);
        assert!(
            found[0].unsure[0].contains("a count is whole"),
            "{:?}",
            found[0].unsure
        );
    }

    #[test]
    fn digit_values_stop_when_the_caller_has_what_it_wants() {
        let library = Readers::built_in();
        let reader = library.get("ar").unwrap();
        // Arabic-Indic digits, and Arabic letters sharing their first byte (ف, ك).
        let text = "في المقاطعة ٣٤١ تعاونية و 1,981 عضوًا، ثم 2.5 مليون دولار.";
        assert_eq!(reader.digit_values(text), [341.0, 1981.0, 2.5, 2_500_000.0]);
        let mut seen = Vec::new();
        let stopped = reader.digit_values_until(text, |v| {
            seen.push(v);
            v == 1981.0
        });
        assert!(stopped);
        assert_eq!(seen, [341.0, 1981.0]);
        // A scaled value is handed over too, and stops the reading like the others.
        let mut seen = Vec::new();
        assert!(reader.digit_values_until(text, |v| {
            seen.push(v);
            v > 1e6
        }));
        assert_eq!(seen, [341.0, 1981.0, 2.5, 2_500_000.0]);
        assert!(!reader.digit_values_until(text, |_| false));
    }

    /// What [`Reader::values`] must find: the reading of every token in turn.
    fn values_by_tokens(reader: &Reader, text: &str) -> Vec<f64> {
        let tokens = tokenize(text, &reader.style, 0);
        let mut values = Vec::new();
        for i in 0..tokens.len() {
            if let Some((value, _)) = reader.lexicon.number_at(&tokens, i) {
                values.push(value);
                if let Some((scale, _)) = reader.lexicon.scale_at(&tokens, i + 1) {
                    values.push(value * scale);
                }
            }
        }
        values
    }

    #[test]
    fn values_scan_reads_like_the_tokens() {
        let library = Readers::built_in();
        let texts = [
            (
                "en",
                include_str!("../../content/binh-thuan/collective-economy-plan-2030.en.md"),
            ),
            (
                "ar",
                include_str!("../../content/binh-thuan/collective-economy-plan-2030.ar.md"),
            ),
            (
                "ar",
                include_str!("../../content/quang-tri/collective-economy-review-2023.ar.md"),
            ),
            (
                "id",
                include_str!("../../content/ha-tinh/collective-economy-tasks-2024.id.md"),
            ),
            (
                "ru",
                include_str!("../../content/ninh-binh/cooperative-union-conference-2023.ru.md"),
            ),
            ("en", "Two thousand, TWO million and 3 billion; five"),
            ("ru", "пять тысяч, Три млн и 82 256 тыс"),
            ("ar", "وثلاثة آلاف و٢٠٢٣ مليون و1.5 مليار"),
            ("vi", "có 29.100 triệu đồng, 1,3 tỷ và 5 nghìn tỷ"),
        ];
        for (lang, text) in texts {
            let reader = library.get(lang).unwrap();
            let values = reader.values(text);
            assert!(values.len() > 2, "{lang}: {values:?}");
            assert_eq!(values, values_by_tokens(reader, text), "{lang}: {text:.60}");
            // The numbers in digits, read from the tokens: those of `values` without number words.
            let tokens = tokenize(text, &reader.style, 0);
            let mut in_digits = Vec::new();
            for (i, token) in tokens.iter().enumerate() {
                if let Kind::Number { value, .. } = token.kind {
                    in_digits.push(value);
                    if let Some((scale, _)) = reader.lexicon.scale_at(&tokens, i + 1) {
                        in_digits.push(value * scale);
                    }
                }
            }
            assert_eq!(reader.digit_values(text), in_digits, "{lang}: {text:.60}");
        }
    }

    #[test]
    fn values_lists_every_spelling() {
        let library = Readers::built_in();
        let values = library
            .get("vi")
            .unwrap()
            .values("có 29.100 triệu đồng và 1,3 tỷ");
        for v in [29_100.0, 29_100_000_000.0, 1.3, 1_300_000_000.0] {
            assert!(values.contains(&v), "{v} in {values:?}");
        }
    }
}

#[cfg(test)]
mod random_input {
    use crate::figures::Readers;

    /// Texts stitched from the pieces figures are made of, in every language:
    /// whatever the order, extraction finishes without panicking.
    #[test]
    fn never_panics() {
        let pieces = [
            "1,981",
            "9.45",
            "٢٠٢٣",
            "82 256",
            "40,6",
            "-",
            "–",
            "%",
            "/",
            ".",
            ",",
            "،",
            "؛",
            "\n\n",
            "more than",
            "cooperatives",
            "two",
            "اتحادين",
            "حوالي",
            "ألف",
            "مليار",
            "دونج",
            "koperasi",
            "baru",
            "juta",
            "кооперативов",
            "млрд",
            "hợp tác xã",
            "tỷ",
            "by 2030",
            "No.",
            "November",
            "2021-2025",
            "VND",
            "(",
            ")",
            " ",
            "و",
            "ال",
        ];
        let library = Readers::built_in();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..1500 {
            let mut text = String::new();
            for _ in 0..(state % 30) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
                if state.is_multiple_of(3) {
                    text.push(' ');
                }
            }
            for lang in ["ar", "en", "id", "ru", "vi"] {
                let reader = library.get(lang).unwrap();
                for f in reader.figures(&text) {
                    assert!(f.value.is_finite() && f.line >= 1, "{text:?}");
                }
                let _ = reader.values(&text);
            }
        }
    }
}
