//! `site.toml`: the site's languages, provinces, metrics and settings.
//!
//! Steps: read the file, parse it into `RawConfig` (serde, unknown keys are
//! errors), then validate it into [`Config`], collecting every problem with its
//! place in the file before failing.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::date::PartialDate;
use crate::error::{Diagnostic, Error, Result, nearest};
use crate::fs;
use crate::i18n::{Direction, Strings};
use crate::ids::{LangCode, MetricId, ProvinceId};
use crate::layout;
use crate::located::toml_diagnostic;
use crate::provinces::{self, History, Written, WrittenHistory};

/// One language of the site.
#[derive(Debug, Clone)]
pub struct Language {
    /// Its code, the URL prefix and file suffix.
    pub code: LangCode,
    /// Its name in itself ("العربية"), as shown in the language switcher.
    pub name: String,
    /// The full locale used for dates and numbers (`ar-EG`).
    pub locale: icu_locale_core::Locale,
    /// Text direction of its pages.
    pub direction: Direction,
    /// Whether indexes in this language also list articles not translated into it.
    pub list_untranslated: bool,
    /// Every string a reader sees, built in or from `site.toml`.
    pub strings: Strings,
    /// The site title in this language.
    pub title: String,
}

/// A province with its name in every language, and its history.
#[derive(Debug, Clone)]
pub struct Province {
    /// Its name per language code.
    pub names: BTreeMap<LangCode, String>,
    /// When it began and ended, and what it became.
    pub history: History,
    /// Whether `site.toml` names it (a registry's province it does not name
    /// has pages only when the site has articles about its history).
    pub declared: bool,
}

/// A metric defined in `site.toml` under `[metrics.<id>]`.
#[derive(Debug, Clone)]
pub struct Metric {
    /// Its label per language.
    pub labels: BTreeMap<LangCode, String>,
    /// The unit its values have unless a figure says otherwise.
    pub unit: Option<String>,
    /// Whether its values add up across provinces (not an average or a rate).
    pub additive: bool,
}

/// The validated configuration every later stage reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root (the folder holding `site.toml`).
    pub root: PathBuf,
    /// Absolute base URL, always ending in `/`.
    pub base_url: url::Url,
    /// The language `/` sends visitors to.
    pub default_language: LangCode,
    /// The languages, default first, then by code.
    pub languages: Vec<Language>,
    /// The provinces by id.
    pub provinces: BTreeMap<ProvinceId, Province>,
    /// Metrics defined in `site.toml` (the built-in ones need no entry).
    pub metrics: BTreeMap<MetricId, Metric>,
    /// Where the site is written.
    pub output_dir: PathBuf,
    /// Articles per index page.
    pub per_page: usize,
    /// Articles per Atom feed, newest first.
    pub feed_limit: usize,
    /// Whether the site gets a search index and search pages.
    pub search: bool,
    /// What becomes of raw HTML in articles.
    pub raw_html: RawHtml,
    /// How photos are published.
    pub photos: PhotoSettings,
}

/// How photos are published (`[photos]` in `site.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhotoSettings {
    /// The widths each photo is published at, smallest first (never wider
    /// than the photo itself).
    pub widths: Vec<u32>,
    /// The encoders' quality, from 1 to 100.
    pub quality: u8,
    /// The largest photo read, in pixels: a larger one is refused before it
    /// is decoded (a small file can claim billions of pixels).
    pub max_pixels: u64,
}

impl Default for PhotoSettings {
    fn default() -> Self {
        PhotoSettings {
            widths: vec![480, 960, 1600],
            quality: 80,
            max_pixels: 40_000_000,
        }
    }
}

/// What becomes of raw HTML in the Markdown of articles (`raw_html` in
/// `site.toml`): text pasted from news portals can hold scripts, frames,
/// event handlers and `javascript:` links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept as far as an allow-list allows (tables, images, `sup`, `abbr`,
    /// `figure`, …); scripts, frames, styles, forms, event handlers and links
    /// that are not the web's are dropped, each with a warning.
    #[default]
    Clean,
    /// Shown as text.
    Escape,
    /// Kept as written: for sites whose own editors embed videos and maps.
    Trusted,
}

/// `site.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Spanned<BTreeMap<String, String>>,
    base_url: Spanned<String>,
    default_language: Spanned<String>,
    #[serde(default)]
    output_dir: Option<String>,
    #[serde(default)]
    per_page: Option<Spanned<i64>>,
    #[serde(default)]
    feed_limit: Option<Spanned<i64>>,
    #[serde(default = "yes")]
    search: bool,
    #[serde(default)]
    raw_html: RawHtml,
    #[serde(default)]
    photos: Option<Spanned<RawPhotos>>,
    languages: Spanned<BTreeMap<Spanned<String>, RawLanguage>>,
    /// A built-in registry of provinces the site takes (`"vietnam"`).
    #[serde(default)]
    province_registry: Option<Spanned<String>>,
    #[serde(default)]
    provinces: BTreeMap<Spanned<String>, RawProvince>,
    #[serde(default)]
    metrics: BTreeMap<Spanned<String>, RawMetric>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhotos {
    #[serde(default)]
    widths: Option<Spanned<Vec<i64>>>,
    #[serde(default)]
    quality: Option<Spanned<i64>>,
    #[serde(default)]
    max_megapixels: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    locale: Spanned<String>,
    #[serde(default)]
    direction: Option<Direction>,
    #[serde(default = "yes")]
    list_untranslated: bool,
    #[serde(default)]
    strings: Option<Spanned<toml::Table>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvince {
    /// Required unless the province is the registry's.
    #[serde(default)]
    name: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    started: Option<Spanned<toml::Value>>,
    #[serde(default)]
    ended: Option<Spanned<toml::Value>>,
    /// One province's id, or a list of them.
    #[serde(default)]
    became: Option<Spanned<toml::Value>>,
}

/// A registry's text: its provinces.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegistry {
    provinces: BTreeMap<Spanned<String>, RawProvince>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetric {
    label: Spanned<BTreeMap<String, String>>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default = "yes")]
    additive: bool,
}

/// Settings given on the command line that take precedence over `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--output`.
    pub output_dir: Option<PathBuf>,
    /// `--no-search` (`Some(false)`), or `watch --search` (`Some(true)`).
    pub search: Option<bool>,
}

impl Config {
    /// Reads and validates `site.toml` under `root`, applying command-line overrides.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let path = root.join(layout::CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::usage(
                format!("no {} in {}", layout::CONFIG_FILE, root.display()),
                "run bulletin in a site folder, pass --root DIR, or create a site with `bulletin init DIR`",
            ));
        }
        let shown = PathBuf::from(layout::CONFIG_FILE);
        let text = fs::read_text(&path, &shown)?.map_err(|d| Error::Input(vec![d]))?;
        Config::parse(root, &text, overrides)
    }

    /// Validates the text of `site.toml`, reporting every problem at once.
    pub fn parse(root: &Path, text: &str, overrides: &Overrides) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let file = Path::new(layout::CONFIG_FILE);
            Error::Input(vec![toml_diagnostic(file, text, 0, &e).with_hint(
                "see the README's description of site.toml for every allowed key",
            )])
        })?;
        let mut v = ConfigChecks {
            text,
            problems: Vec::new(),
            codes: Vec::new(),
        };
        // Languages come first: every other per-language table is checked against them.
        v.codes = v.language_codes(&raw.languages);
        let default_language = v.default_language(&raw.default_language);
        v.per_language("title", &raw.title);
        let provinces = v.provinces(raw.province_registry.as_ref(), &raw.provinces);
        let metrics = v.metrics(&raw.metrics);
        let mut languages = v.languages(&raw);
        let base_url = v.base_url(&raw.base_url, overrides.base_url.as_deref())?;
        let per_page = v.count("per_page", &raw.per_page, 10, "10 or 20");
        let feed_limit = v.count("feed_limit", &raw.feed_limit, 20, "10 or 50");
        let photos = v.photos(raw.photos.as_ref());
        Error::if_any(v.problems)?;

        let default_language = default_language.expect("checked above");
        languages.sort_by(|a, b| {
            (a.code != default_language, &a.code).cmp(&(b.code != default_language, &b.code))
        });
        let output_dir = match &overrides.output_dir {
            Some(dir) => dir.clone(),
            None => root.join(raw.output_dir.as_deref().unwrap_or("public")),
        };
        Ok(Config {
            root: root.to_owned(),
            base_url: base_url.expect("checked above"),
            default_language,
            languages,
            provinces,
            metrics,
            output_dir,
            per_page,
            feed_limit,
            search: overrides.search.unwrap_or(raw.search),
            raw_html: raw.raw_html,
            photos,
        })
    }

    /// The language with this code, if configured.
    pub fn language(&self, code: &LangCode) -> Option<&Language> {
        self.languages.iter().find(|l| &l.code == code)
    }

    /// The configured language codes, default first.
    pub fn language_codes(&self) -> impl Iterator<Item = &LangCode> {
        self.languages.iter().map(|l| &l.code)
    }

    /// The folder of Markdown articles.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(layout::CONTENT)
    }

    /// The folder of the site's own templates (overriding the built-in theme).
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join(layout::TEMPLATES)
    }

    /// The folder copied as is into the output.
    pub fn static_dir(&self) -> PathBuf {
        self.root.join(layout::STATIC)
    }

    /// Whether values of `metric` in `unit` add up across provinces: counts
    /// and amounts do, percentages and the built-in averages never, and a site's metric unless it says
    /// `additive = false` (an average, a rate).
    pub fn adds_up(&self, metric: &MetricId, unit: Option<&str>) -> bool {
        unit != Some("%")
            && !metric.is_average()
            && self
                .metrics
                .get(metric)
                .is_none_or(|m| m.additive && m.unit.as_deref() != Some("%"))
    }

    /// The ids of the configured provinces closest to `wanted`, for hints.
    pub fn nearest_provinces(&self, wanted: &str) -> Vec<&str> {
        nearest(wanted, self.provinces.keys().map(ProvinceId::as_str))
    }
}

/// The checks of `site.toml`'s parts, each adding its problems to the others'.
struct ConfigChecks<'t> {
    /// The file's text, for locating problems.
    text: &'t str,
    problems: Vec<Diagnostic>,
    /// The configured languages' codes, once checked.
    codes: Vec<LangCode>,
}

impl ConfigChecks<'_> {
    /// A problem at `span` of the file.
    fn at(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::at(Path::new(layout::CONFIG_FILE), self.text, span, message)
    }

    fn problem(&mut self, span: Range<usize>, message: String, hint: impl Into<String>) {
        let d = self.at(span, message).with_hint(hint);
        self.problems.push(d);
    }

    /// The codes of `[languages]`.
    fn language_codes<T>(
        &mut self,
        languages: &Spanned<BTreeMap<Spanned<String>, T>>,
    ) -> Vec<LangCode> {
        let mut codes = Vec::new();
        for key in languages.get_ref().keys() {
            match LangCode::parse(key.get_ref()) {
                Some(code) => codes.push(code),
                None => self.problem(
                    key.span(),
                    format!("`{}` is not a language code", key.get_ref()),
                    "use a lowercase code such as `en`, `vi`, `ar`, `id`, `ru`",
                ),
            }
        }
        if codes.is_empty() && self.problems.is_empty() {
            self.problem(
                languages.span(),
                "no languages are configured".into(),
                "add a table such as [languages.en] with `name` and `locale`",
            );
        }
        codes
    }

    /// `default_language`, which must be one of the languages.
    fn default_language(&mut self, raw: &Spanned<String>) -> Option<LangCode> {
        match LangCode::parse(raw.get_ref()) {
            Some(code) if self.codes.contains(&code) => Some(code),
            _ => {
                let known: Vec<&str> = self.codes.iter().map(LangCode::as_str).collect();
                let hint = format!("configured languages: {}", known.join(", "));
                self.problem(
                    raw.span(),
                    format!(
                        "default_language `{}` is not one of the configured languages",
                        raw.get_ref()
                    ),
                    hint,
                );
                None
            }
        }
    }

    /// A text a reader sees, `what`, given in every configured language and in no other.
    fn per_language(&mut self, what: &str, table: &Spanned<BTreeMap<String, String>>) {
        let missing: Vec<&str> = self
            .codes
            .iter()
            .filter(|c| !table.get_ref().contains_key(c.as_str()))
            .map(LangCode::as_str)
            .collect();
        if !missing.is_empty() {
            let message = format!("{what} has no text for {}", missing.join(", "));
            self.problem(
                table.span(),
                message,
                "every text a reader sees needs a version in each configured language",
            );
        }
        self.only_languages(what, table);
    }

    /// A text, `what`, given in no language the site does not have.
    fn only_languages(&mut self, what: &str, table: &Spanned<BTreeMap<String, String>>) {
        let unknown: Vec<&String> = table
            .get_ref()
            .keys()
            .filter(|k| !self.codes.iter().any(|c| c.as_str() == k.as_str()))
            .collect();
        for lang in unknown {
            self.problem(
                table.span(),
                format!("{what} has text for `{lang}`, which is not a configured language"),
                "add the language under [languages] or remove this entry",
            );
        }
    }

    /// `[provinces]`, over the registry's when the site takes one: each id,
    /// its name in every language, and its history. A registry's province
    /// may be given other names (in some languages or all) or another
    /// history; in a language neither gives, it shows its English name.
    fn provinces(
        &mut self,
        registry: Option<&Spanned<String>>,
        raw: &BTreeMap<Spanned<String>, RawProvince>,
    ) -> BTreeMap<ProvinceId, Province> {
        let registered = registry.map_or_else(BTreeMap::new, |r| self.registry(r));
        // The registry's values are placed at `province_registry`.
        let registry_span = registry.map_or(0..0, Spanned::span);
        let mut names: BTreeMap<ProvinceId, BTreeMap<LangCode, String>> = BTreeMap::new();
        let mut declared: BTreeSet<ProvinceId> = BTreeSet::new();
        let mut written: BTreeMap<ProvinceId, WrittenHistory> = BTreeMap::new();
        for (key, province) in &registered {
            let Some(id) = ProvinceId::parse(key.get_ref()) else {
                continue;
            };
            let own = province.name.as_ref().map(Spanned::get_ref);
            let english = own.and_then(|n| n.get("en")).cloned();
            let mut in_every = BTreeMap::new();
            for code in &self.codes {
                let name = own.and_then(|n| n.get(code.as_str())).cloned();
                if let Some(name) = name.or_else(|| english.clone()) {
                    in_every.insert(code.clone(), name);
                }
            }
            names.insert(id.clone(), in_every);
            written.insert(id, self.history(province, Some(&registry_span)));
        }
        for (key, province) in raw {
            let Some(id) = ProvinceId::parse(key.get_ref()) else {
                self.problem(
                    key.span(),
                    format!("`{}` is not a valid province id", key.get_ref()),
                    "use lowercase ASCII letters, digits and hyphens, e.g. `binh-thuan`",
                );
                continue;
            };
            let what = format!("province `{}`", key.get_ref());
            let history = self.history(province, None);
            declared.insert(id.clone());
            match (names.get_mut(&id), &province.name) {
                // The registry's: the names given replace its own.
                (Some(known), Some(name)) => {
                    self.only_languages(&what, name);
                    known.extend(by_language(name.get_ref()));
                }
                (Some(_), None) => {}
                (None, Some(name)) => {
                    self.per_language(&what, name);
                    names.insert(id.clone(), by_language(name.get_ref()));
                }
                (None, None) => {
                    self.problem(
                        key.span(),
                        format!("{what} has no name"),
                        "give its name in every language: name = { en = \"…\", vi = \"…\" }",
                    );
                    continue;
                }
            }
            let merged = written.entry(id).or_default();
            merged.started = history.started.or(merged.started.take());
            merged.ended = history.ended.or(merged.ended.take());
            merged.became = history.became.or(merged.became.take());
        }
        let (mut histories, problems) = History::check(&written);
        for (span, message, hint) in problems {
            self.problem(span, message, hint);
        }
        names
            .into_iter()
            .map(|(id, names)| {
                let history = histories.remove(&id).unwrap_or_default();
                let declared = declared.contains(&id);
                (
                    id,
                    Province {
                        names,
                        history,
                        declared,
                    },
                )
            })
            .collect()
    }

    /// The provinces of the registry `name` names, as written there.
    fn registry(&mut self, name: &Spanned<String>) -> BTreeMap<Spanned<String>, RawProvince> {
        let Some(text) = provinces::registry(name.get_ref()) else {
            let known: Vec<&str> = provinces::registry_names().collect();
            self.problem(
                name.span(),
                format!("there is no province registry `{}`", name.get_ref()),
                format!("built-in registries: {}", known.join(", ")),
            );
            return BTreeMap::new();
        };
        toml::from_str::<RawRegistry>(text)
            .expect("the built-in registries are valid (tested)")
            .provinces
    }

    /// A province's dates and successors as written; `placed` puts them all
    /// there (a registry's, which are not in the file).
    fn history(&mut self, province: &RawProvince, placed: Option<&Range<usize>>) -> WrittenHistory {
        let span = |value: &Spanned<toml::Value>| placed.cloned().unwrap_or_else(|| value.span());
        let date = |this: &mut Self, key: &str, value: &Option<Spanned<toml::Value>>| {
            let value = value.as_ref()?;
            match PartialDate::from_toml(value.get_ref()).filter(|d| d.day.is_some()) {
                Some(d) => Some(Written {
                    value: d,
                    span: span(value),
                }),
                None => {
                    this.problem(
                        span(value),
                        format!("`{key}` is not a date"),
                        "write the day it took effect, e.g. 2025-07-01",
                    );
                    None
                }
            }
        };
        let started = date(self, "started", &province.started);
        let ended = date(self, "ended", &province.ended);
        let became = province.became.as_ref().and_then(|value| {
            let ids: Option<Vec<String>> = match value.get_ref() {
                toml::Value::String(one) => Some(vec![one.clone()]),
                toml::Value::Array(many) => many
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                _ => None,
            };
            if ids.is_none() {
                self.problem(
                    span(value),
                    "`became` is not a province id or a list of them".into(),
                    "write became = \"lam-dong\" (a merger or a rename) or became = [\"a\", \"b\"] (a split)",
                );
            }
            Some(Written {
                value: ids?,
                span: span(value),
            })
        });
        WrittenHistory {
            started,
            ended,
            became,
        }
    }

    /// `[metrics]`: each id, and its label in every language.
    fn metrics(
        &mut self,
        raw: &BTreeMap<Spanned<String>, RawMetric>,
    ) -> BTreeMap<MetricId, Metric> {
        let mut metrics = BTreeMap::new();
        for (key, metric) in raw {
            self.per_language(&format!("metric `{}`", key.get_ref()), &metric.label);
            match MetricId::parse(key.get_ref()) {
                Some(id) if id.is_builtin() => self.problem(
                    key.span(),
                    format!("`{id}` is a built-in metric"),
                    "remove this table (its labels are built in), or give the metric an id of its own",
                ),
                Some(id) => {
                    let labels = by_language(metric.label.get_ref());
                    let unit = metric.unit.clone();
                    let additive = metric.additive;
                    metrics.insert(
                        id,
                        Metric {
                            labels,
                            unit,
                            additive,
                        },
                    );
                }
                None => self.problem(
                    key.span(),
                    format!("`{}` is not a valid metric id", key.get_ref()),
                    "use lowercase ASCII letters, digits and underscores, e.g. `revenue_growth`",
                ),
            }
        }
        metrics
    }

    /// `[languages]`: each one's locale and strings.
    fn languages(&mut self, raw: &RawConfig) -> Vec<Language> {
        let mut languages = Vec::new();
        for (key, raw_lang) in raw.languages.get_ref() {
            let Some(code) = LangCode::parse(key.get_ref()) else {
                continue;
            };
            let locale = self.locale(&code, &raw_lang.locale);
            let strings_table = raw_lang.strings.as_ref();
            let strings = match Strings::for_language(&code, strings_table.map(Spanned::get_ref)) {
                Ok(strings) => Some(strings),
                Err(problem) => {
                    let span = strings_table.map_or(key.span(), Spanned::span);
                    self.problem(span, problem.message, problem.hint);
                    None
                }
            };
            let (Some(locale), Some(strings)) = (locale, strings) else {
                continue;
            };
            let direction = raw_lang
                .direction
                .unwrap_or_else(|| Direction::of_locale(&locale));
            let title = raw.title.get_ref().get(code.as_str()).cloned();
            languages.push(Language {
                code,
                name: raw_lang.name.clone(),
                locale,
                direction,
                list_untranslated: raw_lang.list_untranslated,
                strings,
                title: title.unwrap_or_default(),
            });
        }
        languages
    }

    /// A language's locale, which must be one of that language.
    fn locale(
        &mut self,
        code: &LangCode,
        raw: &Spanned<String>,
    ) -> Option<icu_locale_core::Locale> {
        match raw.get_ref().parse::<icu_locale_core::Locale>() {
            Ok(locale)
                if locale.id.language.as_str() == code.as_str().split('-').next().unwrap_or("") =>
            {
                Some(locale)
            }
            Ok(locale) => {
                self.problem(
                    raw.span(),
                    format!(
                        "locale `{}` is for language `{}`, not `{code}`",
                        raw.get_ref(),
                        locale.id.language
                    ),
                    format!(
                        "use a locale of `{code}`, such as `{code}` or `{code}-XX` with a region"
                    ),
                );
                None
            }
            Err(e) => {
                self.problem(
                    raw.span(),
                    format!("`{}` is not a locale: {e}", raw.get_ref()),
                    "write a BCP 47 locale such as `ar-EG`, `vi-VN` or `ar-u-nu-latn`",
                );
                None
            }
        }
    }

    /// `base_url`, or `--base-url` instead (whose problem is the command line's).
    fn base_url(&mut self, raw: &Spanned<String>, given: Option<&str>) -> Result<Option<url::Url>> {
        let text = given.unwrap_or(raw.get_ref());
        match parse_base_url(text) {
            Ok(url) => Ok(Some(url)),
            Err(message) if given.is_some() => Err(Error::usage(
                format!("--base-url `{text}`: {message}"),
                "give an absolute URL such as https://example.org/bulletin/",
            )),
            Err(message) => {
                self.problem(
                    raw.span(),
                    format!("base_url `{text}`: {message}"),
                    "give an absolute URL such as https://example.org/ or https://example.org/bulletin/",
                );
                Ok(None)
            }
        }
    }

    /// `[photos]`: the widths (1 to 10,000 pixels, at most 8), the quality
    /// (1 to 100), the largest photo (1 to 1,000 megapixels).
    fn photos(&mut self, raw: Option<&Spanned<RawPhotos>>) -> PhotoSettings {
        let mut settings = PhotoSettings::default();
        let Some(raw) = raw.map(Spanned::get_ref) else {
            return settings;
        };
        if let Some(widths) = &raw.widths {
            let given = widths.get_ref();
            let fine = !given.is_empty()
                && given.len() <= 8
                && given.iter().all(|w| (1..=10_000).contains(w));
            if fine {
                let mut widths: Vec<u32> = given.iter().map(|w| *w as u32).collect();
                widths.sort_unstable();
                widths.dedup();
                settings.widths = widths;
            } else {
                self.problem(
                    widths.span(),
                    "photos.widths must list 1 to 8 widths of 1 to 10000 pixels".into(),
                    "for example widths = [480, 960, 1600]",
                );
            }
        }
        let mut bounded = |value: &Option<Spanned<i64>>,
                           range: std::ops::RangeInclusive<i64>,
                           message: &str,
                           hint: &str| {
            value.as_ref().and_then(|n| {
                if range.contains(n.get_ref()) {
                    Some(*n.get_ref())
                } else {
                    self.problem(n.span(), format!("{message}, not {}", n.get_ref()), hint);
                    None
                }
            })
        };
        if let Some(quality) = bounded(
            &raw.quality,
            1..=100,
            "photos.quality must be between 1 and 100",
            "80 is a good balance of size and sharpness",
        ) {
            settings.quality = quality as u8;
        }
        if let Some(mp) = bounded(
            &raw.max_megapixels,
            1..=1000,
            "photos.max_megapixels must be between 1 and 1000",
            "a phone's photo has 12 to 50 megapixels",
        ) {
            settings.max_pixels = mp as u64 * 1_000_000;
        }
        settings
    }

    /// A count of 1 to 10,000 (`default` when not given).
    fn count(
        &mut self,
        key: &str,
        value: &Option<Spanned<i64>>,
        default: usize,
        typical: &str,
    ) -> usize {
        match value {
            None => default,
            Some(n) if (1..=10_000).contains(n.get_ref()) => *n.get_ref() as usize,
            Some(n) => {
                self.problem(
                    n.span(),
                    format!("{key} must be between 1 and 10000, not {}", n.get_ref()),
                    format!("a typical value is {typical}"),
                );
                default
            }
        }
    }
}

/// A table of texts by language code, its codes checked (the others are
/// reported by [`ConfigChecks::per_language`]).
fn by_language(table: &BTreeMap<String, String>) -> BTreeMap<LangCode, String> {
    table
        .iter()
        .filter_map(|(k, v)| Some((LangCode::parse(k)?, v.clone())))
        .collect()
}

fn parse_base_url(text: &str) -> Result<url::Url, String> {
    let mut url = url::Url::parse(text).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "the scheme must be http or https, not {}",
            url.scheme()
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("a base URL cannot have a query or fragment".into());
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
base_url = "https://example.org/bulletin"
default_language = "en"
title = { en = "Bulletin", ar = "نشرة" }

[languages.en]
name = "English"
locale = "en-US"

[languages.ar]
name = "العربية"
locale = "ar-EG"

[provinces.ha-tinh]
name = { en = "Ha Tinh", ar = "ها تينه" }
"#;

    /// MINIMAL's last top-level line.
    const TITLE: &str = "title = { en = \"Bulletin\", ar = \"نشرة\" }";

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/site"), text, &Overrides::default())
    }

    #[test]
    fn minimal_config_is_valid() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.base_url.as_str(), "https://example.org/bulletin/");
        let codes: Vec<_> = config.language_codes().map(LangCode::as_str).collect();
        assert_eq!(codes, ["en", "ar"]);
        assert_eq!(
            config
                .language(&LangCode::parse("ar").unwrap())
                .unwrap()
                .direction,
            Direction::Rtl
        );
        assert_eq!(config.per_page, 10);
        assert_eq!(config.output_dir, Path::new("/site/public"));
    }

    #[test]
    fn unknown_key_is_an_error_naming_it() {
        let text = format!(
            "{MINIMAL}\n[languages.vi]\nname = \"Tiếng Việt\"\nlocale = \"vi\"\ncolour = \"red\"\n"
        );
        let err = parse(&text).unwrap_err();
        let d = &err.diagnostics()[0];
        assert!(d.message.contains("colour"), "{}", d.message);
        let line = d.location.as_ref().unwrap().line;
        assert_eq!(text.lines().nth(line - 1).unwrap(), "colour = \"red\"");
    }

    #[test]
    fn a_table_for_a_built_in_metric_is_an_error_at_its_line() {
        let text = format!(
            "{MINIMAL}\n[metrics.avg_income_per_worker]\nlabel = {{ en = \"Income\", ar = \"الدخل\" }}\n"
        );
        let err = parse(&text).unwrap_err();
        let d = &err.diagnostics()[0];
        assert!(
            d.message
                .contains("`avg_income_per_worker` is a built-in metric"),
            "{}",
            d.message
        );
        let line = d.location.as_ref().unwrap().line;
        assert_eq!(
            text.lines().nth(line - 1).unwrap(),
            "[metrics.avg_income_per_worker]"
        );
        // The built-in averages never add up across provinces.
        let config = parse(MINIMAL).unwrap();
        let metric = MetricId::parse("avg_income_per_worker").unwrap();
        assert!(!config.adds_up(&metric, Some("VND")));
        assert!(config.adds_up(&MetricId::parse("revenue").unwrap(), Some("VND")));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = MINIMAL
            .replace("default_language = \"en\"", "default_language = \"fr\"")
            .replace("locale = \"ar-EG\"", "locale = \"en-GB\"")
            .replace("ar = \"ها تينه\"", "")
            .replace("https://example.org/bulletin", "ftp://example.org");
        let err = parse(&text).unwrap_err();
        let messages: Vec<_> = err
            .diagnostics()
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("default_language `fr`")));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("locale `en-GB` is for language `en`"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("province `ha-tinh` has no text for ar"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("scheme must be http or https"))
        );
    }

    #[test]
    fn direction_can_be_overridden() {
        let text = MINIMAL.replace(
            "locale = \"en-US\"",
            "locale = \"en-US\"\ndirection = \"rtl\"",
        );
        let config = parse(&text).unwrap();
        assert_eq!(config.languages[0].direction, Direction::Rtl);
    }

    /// The reorganisation of 1 July 2025 as Resolution 202/2025/QH15 sets
    /// it out: each continuing unit with the units merged into it.
    const MERGED_2025: &[(&str, &[&str])] = &[
        ("tuyen-quang", &["ha-giang"]),
        ("lao-cai", &["yen-bai"]),
        ("thai-nguyen", &["bac-kan"]),
        ("phu-tho", &["vinh-phuc", "hoa-binh"]),
        ("bac-ninh", &["bac-giang"]),
        ("hung-yen", &["thai-binh"]),
        ("hai-phong", &["hai-duong"]),
        ("ninh-binh", &["ha-nam", "nam-dinh"]),
        ("quang-tri", &["quang-binh"]),
        ("da-nang", &["quang-nam"]),
        ("quang-ngai", &["kon-tum"]),
        ("gia-lai", &["binh-dinh"]),
        ("khanh-hoa", &["ninh-thuan"]),
        ("lam-dong", &["dak-nong", "binh-thuan"]),
        ("dak-lak", &["phu-yen"]),
        ("ho-chi-minh", &["binh-duong", "ba-ria-vung-tau"]),
        ("dong-nai", &["binh-phuoc"]),
        ("tay-ninh", &["long-an"]),
        ("can-tho", &["soc-trang", "hau-giang"]),
        ("vinh-long", &["ben-tre", "tra-vinh"]),
        ("dong-thap", &["tien-giang"]),
        ("ca-mau", &["bac-lieu"]),
        ("an-giang", &["kien-giang"]),
    ];

    /// The units the reorganisation left as they were.
    const UNCHANGED_2025: &[&str] = &[
        "ha-noi",
        "hue",
        "lai-chau",
        "dien-bien",
        "son-la",
        "lang-son",
        "quang-ninh",
        "thanh-hoa",
        "nghe-an",
        "ha-tinh",
        "cao-bang",
    ];

    fn with_registry() -> Config {
        parse(&MINIMAL.replace(TITLE, &format!("{TITLE}\nprovince_registry = \"vietnam\"")))
            .unwrap()
    }

    #[test]
    fn the_vietnam_registry_is_the_2025_reorganisation() {
        let config = with_registry();
        let id = |s: &str| ProvinceId::parse(s).unwrap();
        let provinces = &config.provinces;
        assert_eq!(provinces.len(), 63);
        let current: Vec<&ProvinceId> = provinces
            .iter()
            .filter(|(_, p)| p.history.ended.is_none())
            .map(|(id, _)| id)
            .collect();
        assert_eq!(current.len(), 34);
        let july_2025 = PartialDate::parse("2025-07-01");
        let mut ended = 0;
        for (successor, merged) in MERGED_2025 {
            let successor = id(successor);
            assert!(provinces[&successor].history.ended.is_none(), "{successor}");
            let mut before: Vec<&ProvinceId> =
                provinces::predecessors(provinces.iter().map(|(i, p)| (i, &p.history)), &successor);
            before.sort();
            let mut expected: Vec<ProvinceId> = merged.iter().map(|m| id(m)).collect();
            expected.sort();
            assert_eq!(before, expected.iter().collect::<Vec<_>>(), "{successor}");
            for m in &expected {
                let h = &provinces[m].history;
                assert_eq!(h.ended, july_2025, "{m}");
                assert_eq!(h.became, std::slice::from_ref(&successor), "{m}");
                ended += 1;
            }
        }
        assert_eq!((MERGED_2025.len(), ended), (23, 29));
        for unchanged in UNCHANGED_2025 {
            let unchanged = id(unchanged);
            assert_eq!(
                provinces[&unchanged].history,
                History::default(),
                "{unchanged}"
            );
            let before =
                provinces::predecessors(provinces.iter().map(|(i, p)| (i, &p.history)), &unchanged);
            assert!(before.is_empty(), "{unchanged}");
        }
        assert_eq!(MERGED_2025.len() + UNCHANGED_2025.len(), current.len());
    }

    #[test]
    fn a_registry_province_shows_the_site_s_names_then_english() {
        let config = with_registry();
        let name = |p: &str, l: &str| {
            config.provinces[&ProvinceId::parse(p).unwrap()].names[&LangCode::parse(l).unwrap()]
                .clone()
        };
        // The site's own names replace the registry's.
        assert_eq!(name("ha-tinh", "ar"), "ها تينه");
        assert_eq!(name("ha-tinh", "en"), "Ha Tinh");
        // A language the registry has no name in shows the English one.
        assert_eq!(name("lam-dong", "ar"), "Lam Dong");
        assert_eq!(name("ho-chi-minh", "en"), "Ho Chi Minh City");
        // A site may give a registry province another history, or add one.
        let text = MINIMAL
            .replace(TITLE, &format!("{TITLE}\nprovince_registry = \"vietnam\""))
            .replace(
            "[provinces.ha-tinh]",
            "[provinces.new-town]\nname = { en = \"New Town\", ar = \"New Town\" }\nstarted = 2026-01-01\n[provinces.ha-tinh]\nended = 2026-01-01\nbecame = \"new-town\"",
        );
        let config = parse(&text).unwrap();
        let ha_tinh = &config.provinces[&ProvinceId::parse("ha-tinh").unwrap()];
        assert_eq!(
            ha_tinh.history.became,
            [ProvinceId::parse("new-town").unwrap()]
        );
        assert_eq!(config.provinces.len(), 64);
    }

    #[test]
    fn each_bad_history_is_an_error_at_its_line() {
        let bad = |history: &str| -> Vec<String> {
            let text = format!("{MINIMAL}{history}");
            parse(&text)
                .unwrap_err()
                .diagnostics()
                .iter()
                .map(|d| format!("{} {}", d.location.as_ref().unwrap().line, d.message))
                .collect()
        };
        // MINIMAL ends on line 15; the history starts on line 16.
        let named =
            |id: &str| format!("[provinces.{id}]\nname = {{ en = \"{id}\", ar = \"{id}\" }}\n");
        assert_eq!(
            bad(&format!(
                "{}ended = 2025-07-01\nbecame = \"lam-dng\"\n",
                named("a")
            )),
            ["19 province `a` became `lam-dng`, which is not a province"]
        );
        assert_eq!(
            bad(&format!(
                "{}started = 2025-07-01\nended = 2020-07-01\n",
                named("a")
            )),
            ["19 province `a` ends (2020-07-01) before it starts (2025-07-01)"]
        );
        assert_eq!(
            bad(&format!(
                "{}ended = 2020-01-01\nbecame = \"b\"\n{}ended = 2021-01-01\nbecame = \"a\"\n",
                named("a"),
                named("b")
            )),
            ["19 provinces become each other in a circle: a → b → a"]
        );
        assert_eq!(
            bad(&format!(
                "{}ended = 2020-01-01\nbecame = \"b\"\n{}started = 2021-01-01\n",
                named("a"),
                named("b")
            )),
            [
                "19 province `a` ended on 2020-01-01 and became `b`, which only started on 2021-01-01"
            ]
        );
        assert_eq!(
            bad(&format!("{}ended = \"soon\"\n", named("a"))),
            ["18 `ended` is not a date"]
        );
        let registry = MINIMAL.replace(
            TITLE,
            &format!("{TITLE}\nprovince_registry = \"vietnam-1975\""),
        );
        let err = parse(&registry).unwrap_err();
        assert_eq!(
            err.diagnostics()[0].message,
            "there is no province registry `vietnam-1975`"
        );
    }
}
