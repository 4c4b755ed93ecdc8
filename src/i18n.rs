//! What a reader sees, in the page's language: UI strings, text direction, and
//! dates and numbers formatted by the locale's CLDR data (ICU4X), never by
//! hand-written month tables.
//!
//! The built-in strings for ar, en, id, ru and vi are data files beside this
//! module; a site overrides any string, or adds a whole new language, under
//! `[languages.<code>.strings]` in `site.toml`.

use std::collections::BTreeMap;
use std::str::FromStr;

use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{Y, YM, YMD};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale;
use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::ids::{BUILTIN_METRICS, LangCode};

/// Text direction of a language's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Persian, Hebrew, Urdu…).
    Rtl,
}

impl Direction {
    /// The direction of the locale's script, from CLDR's likely-subtags data.
    pub fn of_locale(locale: &Locale) -> Direction {
        let directionality = icu_locale::LocaleDirectionality::new_extended();
        if directionality.is_right_to_left(&locale.id) {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// `ltr` or `rtl`, as written in the `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Names of the three kinds of figure.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusNames {
    /// A measured value.
    pub actual: String,
    /// A goal.
    pub target: String,
    /// An expected value.
    pub estimate: String,
}

/// Every string of the default theme, in one language.
///
/// Templates receive it as `t` (`{{ t.home }}`); placeholders such as `{year}`
/// are filled in before the page is rendered.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Strings {
    pub skip_to_content: String,
    pub home: String,
    pub provinces: String,
    pub years: String,
    pub languages: String,
    pub main_navigation: String,
    pub latest_articles: String,
    pub browse_by_province: String,
    pub browse_by_year: String,
    pub articles_from_year: String,
    pub articles_count: String,
    pub published: String,
    pub author: String,
    pub source: String,
    pub tags: String,
    pub translations: String,
    pub only_in: String,
    pub key_figures: String,
    pub indicator: String,
    pub value: String,
    pub status: String,
    pub as_of: String,
    pub note: String,
    pub figures_over_time: String,
    pub figures_over_time_caption: String,
    /// Text alternative of a chart: `{metric}` and `{points}`.
    pub chart_description: String,
    /// Between the items of a list written out in a sentence.
    pub list_separator: String,
    pub figures: String,
    pub figures_by_province: String,
    pub figures_by_province_caption: String,
    pub province: String,
    pub data_for_reuse: String,
    pub search: String,
    pub search_needs_javascript: String,
    /// The name of the year filter of search.
    pub year: String,
    pub no_articles: String,
    pub no_figures: String,
    pub page_of: String,
    pub previous_page: String,
    pub next_page: String,
    pub pagination: String,
    pub not_found_title: String,
    pub not_found_text: String,
    pub choose_language: String,
    /// Credit of a photo, after its caption: `{credit}`.
    pub photo_credit: String,
    /// A former province's page: when it ended (`{date}`) and what it
    /// became (`{provinces}`, linked).
    pub province_became: String,
    /// A province's page: the provinces (`{provinces}`, linked) merged into
    /// it on `{date}`.
    pub province_merged: String,
    /// The provinces index: before the former provinces listed under the
    /// one they became part of.
    pub former_provinces: String,
    /// A province's own figures before others became part of it:
    /// `{province}`, `{date}`.
    pub series_before: String,
    /// A province's own figures from the day others became part of it.
    pub series_since: String,
    /// The sum of the figures of a province and those that became part of
    /// it (`{provinces}`), computed, not reported.
    pub series_sum: String,
    /// Pattern of a percentage, `{n}` being the formatted number.
    pub percent: String,
    /// Pattern of an amount with a unit: `{n}` and `{unit}`.
    pub with_unit: String,
    pub status_names: StatusNames,
    /// Labels of the built-in metrics, by metric id.
    pub metrics: BTreeMap<String, String>,
    /// Names of units (`VND` → "đồng"); a unit without a name is shown as written.
    pub units: BTreeMap<String, String>,
}

/// A problem with a language's strings: what and what to do.
#[derive(Debug)]
pub struct StringsProblem {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

const BUILTIN: [(&str, &str); 5] = [
    ("ar", include_str!("i18n/ar.toml")),
    ("en", include_str!("i18n/en.toml")),
    ("id", include_str!("i18n/id.toml")),
    ("ru", include_str!("i18n/ru.toml")),
    ("vi", include_str!("i18n/vi.toml")),
];

impl Strings {
    /// The strings of `code`: the built-in ones (matched on the primary language
    /// subtag, so `pt-br` would use `pt`), overlaid with the site's `overrides`.
    pub fn for_language(
        code: &LangCode,
        overrides: Option<&toml::Table>,
    ) -> Result<Strings, StringsProblem> {
        let primary = code.as_str().split('-').next().unwrap_or_default();
        let mut table: toml::Table = BUILTIN
            .iter()
            .find(|(c, _)| *c == primary)
            .map(|(_, text)| text.parse().expect("built-in strings are valid TOML"))
            .unwrap_or_default();
        if let Some(overrides) = overrides {
            merge(&mut table, overrides);
        }
        let strings = Strings::deserialize(toml::Value::Table(table)).map_err(|e| {
            let message = e.message().trim().to_owned();
            StringsProblem {
                message: format!("strings for `{code}`: {message}"),
                hint: format!(
                    "set it under [languages.{code}.strings] in site.toml; the README lists every string"
                ),
            }
        })?;
        strings.validate(code)?;
        Ok(strings)
    }

    fn validate(&self, code: &LangCode) -> Result<(), StringsProblem> {
        let missing: Vec<&str> = BUILTIN_METRICS
            .iter()
            .copied()
            .filter(|m| !self.metrics.contains_key(*m))
            .collect();
        if !missing.is_empty() {
            return Err(StringsProblem {
                message: format!(
                    "strings for `{code}` have no label for the metrics {}",
                    missing.join(", ")
                ),
                hint: format!("add them under [languages.{code}.strings.metrics]"),
            });
        }
        if let Some(unknown) = self
            .metrics
            .keys()
            .find(|k| !BUILTIN_METRICS.contains(&k.as_str()))
        {
            return Err(StringsProblem {
                message: format!(
                    "strings for `{code}` label `{unknown}`, which is not a built-in metric"
                ),
                hint: "define a new metric under [metrics.<id>] with a label per language instead"
                    .into(),
            });
        }
        let placeholders = [
            (
                "articles_from_year",
                &self.articles_from_year,
                &["{year}"][..],
            ),
            ("page_of", &self.page_of, &["{n}", "{total}"][..]),
            ("percent", &self.percent, &["{n}"][..]),
            ("with_unit", &self.with_unit, &["{n}", "{unit}"][..]),
        ];
        for (key, text, needed) in placeholders {
            if let Some(p) = needed.iter().find(|p| !text.contains(*p)) {
                return Err(StringsProblem {
                    message: format!("the `{key}` string for `{code}` lacks the placeholder {p}"),
                    hint: format!(
                        "write it into the text, e.g. {:?}",
                        text.to_owned() + " " + p
                    ),
                });
            }
        }
        Ok(())
    }

    /// The label of a built-in metric.
    pub fn metric(&self, id: &str) -> Option<&str> {
        self.metrics.get(id).map(String::as_str)
    }

    /// The shown name of a unit, or the unit as written.
    pub fn unit<'a>(&'a self, unit: &'a str) -> &'a str {
        self.units.get(unit).map_or(unit, String::as_str)
    }
}

/// Overlays `over` onto `base`, table by table, so a site can replace one metric label.
fn merge(base: &mut toml::Table, over: &toml::Table) {
    for (key, value) in over {
        match (base.get_mut(key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Formats dates and numbers for one locale. Built once per language and shared by every page.
pub struct Formatter {
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    year: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    decimal: DecimalFormatter,
}

impl std::fmt::Debug for Formatter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Formatter")
    }
}

impl Formatter {
    /// Loads the locale's date and number data (compiled into the binary).
    pub fn new(locale: &Locale) -> Formatter {
        // The calendar is always Gregorian: bulletin dates are Gregorian dates,
        // whatever the locale's preferred calendar (ar-SA would pick Hijri).
        Formatter {
            day: FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long())
                .expect("compiled data covers every locale"),
            month: FixedCalendarDateTimeFormatter::try_new(locale.into(), YM::long())
                .expect("compiled data covers every locale"),
            year: FixedCalendarDateTimeFormatter::try_new(locale.into(), Y::long())
                .expect("compiled data covers every locale"),
            decimal: DecimalFormatter::try_new(locale.into(), Default::default())
                .expect("compiled data covers every locale"),
        }
    }

    /// A date at its own precision: "20 февраля 2024\u{202f}г.", "February 2024", "2023".
    pub fn date(&self, date: &PartialDate) -> String {
        let d = |m: u8, day: u8| {
            Date::try_new_gregorian(date.year, m, day).expect("PartialDate is validated")
        };
        match (date.month, date.day) {
            (Some(m), Some(day)) => self.day.format(&d(m, day)).to_string(),
            (Some(m), None) => self.month.format(&d(m, 1)).to_string(),
            _ => self.year.format(&d(1, 1)).to_string(),
        }
    }

    /// A year alone, in the locale's digits ("٢٠٢٣" in ar-EG).
    pub fn year(&self, year: i32) -> String {
        self.year
            .format(&Date::try_new_gregorian(year, 1, 1).expect("January 1st exists"))
            .to_string()
    }

    /// A number with the locale's digits, grouping and decimal separator.
    ///
    /// The number is taken from its shortest decimal spelling, so 40.6 prints
    /// one fraction digit and no floating-point noise.
    pub fn number(&self, value: f64) -> String {
        let decimal = Decimal::from_str(&format!("{value}")).unwrap_or_default();
        self.decimal.format(&decimal).to_string()
    }

    /// An integer, with grouping (counts of articles, page numbers).
    pub fn integer(&self, value: i64) -> String {
        self.decimal.format(&Decimal::from(value)).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> LangCode {
        LangCode::parse(code).unwrap()
    }

    #[test]
    fn builtin_strings_are_complete() {
        for code in BUILTIN.iter().map(|(code, _)| *code) {
            Strings::for_language(&lang(code), None)
                .unwrap_or_else(|e| panic!("{code}: {}", e.message));
        }
    }

    #[test]
    fn overrides_replace_single_strings() {
        let over: toml::Table = "home = \"Start\"\n[metrics]\nmembers = \"Membership\""
            .parse()
            .unwrap();
        let s = Strings::for_language(&lang("en"), Some(&over)).unwrap();
        assert_eq!(s.home, "Start");
        assert_eq!(s.metric("members"), Some("Membership"));
        assert_eq!(s.metric("cooperatives"), Some("Cooperatives"));
    }

    #[test]
    fn a_new_language_must_bring_every_string() {
        let over: toml::Table = "home = \"Accueil\"".parse().unwrap();
        let e = Strings::for_language(&lang("fr"), Some(&over)).unwrap_err();
        assert!(e.message.contains("missing field"), "{}", e.message);
        assert!(e.hint.contains("[languages.fr.strings]"));
    }

    #[test]
    fn unknown_string_keys_are_errors() {
        let over: toml::Table = "hom = \"Start\"".parse().unwrap();
        let e = Strings::for_language(&lang("en"), Some(&over)).unwrap_err();
        assert!(e.message.contains("hom"), "{}", e.message);
    }

    #[test]
    fn direction_comes_from_the_script() {
        for (locale, dir) in [
            ("ar-EG", Direction::Rtl),
            ("fa", Direction::Rtl),
            ("he", Direction::Rtl),
            ("vi", Direction::Ltr),
            ("ru", Direction::Ltr),
        ] {
            assert_eq!(
                Direction::of_locale(&locale.parse().unwrap()),
                dir,
                "{locale}"
            );
        }
    }

    #[test]
    fn dates_follow_the_locale_at_their_precision() {
        let day = PartialDate::parse("2024-02-20").unwrap();
        let month = PartialDate::parse("2024-02").unwrap();
        let year = PartialDate::parse("2023").unwrap();
        let f = |l: &str| Formatter::new(&l.parse().unwrap());
        assert_eq!(f("en").date(&day), "February 20, 2024");
        assert_eq!(f("ru").date(&day), "20 февраля 2024\u{202f}г.");
        assert_eq!(f("ar-u-nu-latn").date(&day), "20 فبراير 2024");
        assert_eq!(f("ar-EG").date(&day), "٢٠ فبراير ٢٠٢٤");
        assert_eq!(f("en").date(&month), "February 2024");
        assert_eq!(f("en").date(&year), "2023");
        assert_eq!(f("ar-EG").date(&year), "٢٠٢٣");
    }

    #[test]
    fn numbers_follow_the_locale() {
        let f = |l: &str| Formatter::new(&l.parse().unwrap());
        assert_eq!(f("en").number(82256.0), "82,256");
        assert_eq!(f("vi").number(82256.0), "82.256");
        assert_eq!(f("id").number(40.6), "40,6");
        assert_eq!(f("ru").number(82256.0), "82\u{a0}256");
        assert_eq!(f("ar-EG").number(9.45), "٩٫٤٥");
        assert_eq!(f("en").number(9_450_000_000.0), "9,450,000,000");
    }
}
