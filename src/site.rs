//! The site: articles grouped with their translations, and the indexes by
//! province and by year.
//!
//! Steps:
//! 1. group the language versions of each article into an [`Entry`];
//! 2. check that no two articles claim one output path;
//! 3. sort entries newest first and index them by province and by year.

pub mod routes;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::config::{Config, LangCode, ProvinceId};
use crate::content::{Article, ArticleId, PartialDate};
use crate::error::{Diagnostic, Error, Result};
use routes::Route;

/// One article in all its languages.
#[derive(Debug, Clone)]
pub struct Entry<'c> {
    /// The shared slug.
    pub id: &'c ArticleId,
    /// The shared date.
    pub date: PartialDate,
    /// The shared province.
    pub province: &'c ProvinceId,
    /// Index into [`Site::articles`] of each language version.
    pub versions: BTreeMap<&'c LangCode, usize>,
    /// The version indexes show in languages it is not written in (see
    /// [`Site::version_for`]).
    pub fallback: usize,
}

/// An article as an index in one language lists it.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    /// The version shown: the page's language, or another when untranslated.
    pub article: &'a Article,
    /// Its index in [`Site::articles`].
    pub index: usize,
    /// Whether `article` is in the page's language.
    pub translated: bool,
}

/// Everything the renderer needs, complete when built.
#[derive(Debug)]
pub struct Site<'c> {
    /// The configuration.
    pub config: &'c Config,
    /// Every article version.
    pub articles: Vec<&'c Article>,
    /// Articles with their translations, newest first.
    pub entries: Vec<Entry<'c>>,
    /// Entry indexes per province, newest first (every configured province, even empty ones).
    pub by_province: BTreeMap<ProvinceId, Vec<usize>>,
    /// Entry indexes per year, newest first; years newest first when iterated in reverse.
    pub by_year: BTreeMap<i32, Vec<usize>>,
}

impl<'c> Site<'c> {
    /// Groups and indexes the articles, failing when two claim one output path.
    pub fn build(config: &'c Config, articles: Vec<&'c Article>) -> Result<Site<'c>> {
        let mut groups: FxHashMap<(i32, &ArticleId), BTreeMap<&LangCode, usize>> =
            FxHashMap::with_capacity_and_hasher(articles.len(), Default::default());
        let mut claimed: FxHashMap<(&LangCode, i32, &ArticleId), usize> =
            FxHashMap::with_capacity_and_hasher(articles.len(), Default::default());
        let mut problems = Vec::new();
        for (i, article) in articles.iter().enumerate() {
            let year = article.date.year;
            if let Some(&first) = claimed.get(&(&article.lang, year, &article.id)) {
                let route = Route::Article(article.lang.clone(), year, article.id.clone());
                problems.push(
                    Diagnostic::file(
                        &article.path,
                        format!(
                            "this article and {} would both be written to /{}",
                            articles[first].path.display(),
                            route.path()
                        ),
                    )
                    .with_hint("give one of them another file name or `slug`, or put translations in one folder"),
                );
                continue;
            }
            claimed.insert((&article.lang, year, &article.id), i);
            groups
                .entry((year, &article.id))
                .or_default()
                .insert(&article.lang, i);
        }
        Error::check(problems)?;

        let mut entries: Vec<Entry<'c>> = groups
            .into_values()
            .map(|versions| {
                let first = articles[*versions.values().next().expect("a group has a version")];
                let fallback = config
                    .language_codes()
                    .find_map(|code| versions.get(code))
                    .copied()
                    .expect("article languages are configured");
                Entry {
                    id: &first.id,
                    date: first.date,
                    province: &first.province,
                    versions,
                    fallback,
                }
            })
            .collect();
        // Newest first; the slug breaks ties so that two builds give the same
        // order (no two entries share both).
        entries.sort_unstable_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(b.id)));

        let mut by_province: BTreeMap<ProvinceId, Vec<usize>> = config
            .provinces
            .keys()
            .map(|p| (p.clone(), Vec::new()))
            .collect();
        let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            if let Some(listed) = by_province.get_mut(entry.province) {
                listed.push(i);
            } else {
                by_province.insert(entry.province.clone(), vec![i]);
            }
            by_year.entry(entry.date.year).or_default().push(i);
        }
        Ok(Site {
            config,
            articles,
            entries,
            by_province,
            by_year,
        })
    }

    /// The version of `entry` an index in `lang` shows, if any.
    ///
    /// An untranslated article is shown in the default language when it exists
    /// in it, else in the first language (in site order) that has it; unless the
    /// language is configured not to list untranslated articles.
    pub fn version_for(&self, entry: &Entry, lang: &LangCode) -> Option<Listed<'_>> {
        self.shown(entry, lang, self.lists_untranslated(lang))
    }

    /// What an index in `lang` shows of every entry, by entry index: as
    /// [`Site::version_for`].
    pub fn versions_for(&self, lang: &LangCode) -> Vec<Option<Listed<'_>>> {
        let list_untranslated = self.lists_untranslated(lang);
        self.entries
            .iter()
            .map(|e| self.shown(e, lang, list_untranslated))
            .collect()
    }

    fn lists_untranslated(&self, lang: &LangCode) -> bool {
        self.config
            .language(lang)
            .is_some_and(|l| l.list_untranslated)
    }

    fn shown(&self, entry: &Entry, lang: &LangCode, list_untranslated: bool) -> Option<Listed<'_>> {
        let (index, translated) = match entry.versions.get(lang) {
            Some(&i) => (i, true),
            None if list_untranslated => (entry.fallback, false),
            None => return None,
        };
        Some(Listed {
            article: self.articles[index],
            index,
            translated,
        })
    }

    /// The route of an article's page.
    pub fn route_of(&self, article: &Article) -> Route {
        Route::Article(article.lang.clone(), article.date.year, article.id.clone())
    }
}
