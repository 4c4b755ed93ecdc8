//! The site: articles grouped with their translations, and the indexes by
//! province and by year.
//!
//! Steps:
//! 1. group the language versions of each article into an [`Entry`]: the
//!    versions that share a year and a slug, which is what an article's
//!    address is made of (`/<lang>/<year>/<slug>/`), wherever their files lie;
//! 2. check that no two articles claim one output path;
//! 3. sort entries newest first and index them by province and by year.
//!
//! The content stage grouped files too, by folder and file name, for another
//! purpose: the files of one folder inherit from each other. Two folders may
//! hold versions of one article, and they are one entry here.

use std::collections::BTreeMap;
use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Config;
use crate::content::{Article, ArticleFingerprint};
use crate::date::PartialDate;
use crate::error::{Diagnostic, Error, Result};
use crate::ids::{ArticleId, LangCode, ProvinceId};
use crate::provinces;
use crate::routes::Route;

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
    pub versions: Versions<'c>,
    /// The version indexes show in languages it is not written in (see
    /// [`Site::versions_for`]).
    pub fallback: usize,
}

/// The language versions of an entry: the index into [`Site::articles`] of
/// each, in the order of their language codes. A handful at most, side by
/// side: a site has tens of thousands of entries, made again after every
/// edit, and a map for each costs more than the rest of the entry.
#[derive(Debug, Clone, Default)]
pub struct Versions<'c>(Vec<(&'c LangCode, usize)>);

impl<'c> Versions<'c> {
    /// Adds the version in `lang` (in place of one there).
    fn insert(&mut self, lang: &'c LangCode, index: usize) {
        match self.0.binary_search_by(|(l, _)| (*l).cmp(lang)) {
            Ok(at) => self.0[at].1 = index,
            Err(at) => self.0.insert(at, (lang, index)),
        }
    }

    /// The version in `lang`.
    pub fn get(&self, lang: &LangCode) -> Option<&usize> {
        self.0.iter().find(|(l, _)| *l == lang).map(|(_, i)| i)
    }

    /// Each version's language and index, by language code.
    pub fn iter(&self) -> impl Iterator<Item = (&'c LangCode, &usize)> {
        self.0.iter().map(|(l, i)| (*l, i))
    }
}

/// What [`Site::build`] needs of one article version, read from it once.
struct Key<'c> {
    /// The hash of its slug.
    id_hash: u64,
    /// Its language's place in the configuration.
    lang: usize,
    date: PartialDate,
    /// Its province's place among the configured ones.
    province: usize,
    article: &'c Article,
    /// Its index in [`Site::articles`].
    index: usize,
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
    /// The fingerprints of [`Site::articles`], side by side: fingerprinting the
    /// pages reads them all and would otherwise visit every article.
    pub fingerprints: Vec<ArticleFingerprint>,
    /// Articles with their translations, newest first.
    pub entries: Vec<Entry<'c>>,
    /// Entry indexes per province, newest first: the province's own (every
    /// province the site declares, even empty ones, and those of a registry
    /// whose history touches a province with articles).
    pub by_province: BTreeMap<ProvinceId, Vec<usize>>,
    /// For a province others became part of: its own entries and theirs,
    /// newest first.
    pub with_predecessors: BTreeMap<ProvinceId, Vec<usize>>,
    /// Entry indexes per year, newest first; years newest first when iterated in reverse.
    pub by_year: BTreeMap<i32, Vec<usize>>,
}

/// The problem of `other`, a version whose output path `claimant` has already.
fn claim(claimant: &Key<'_>, other: &Key<'_>) -> Diagnostic {
    let route = Route::article(&other.article.lang, other.date.year, &other.article.id);
    Diagnostic::file(
        &other.article.path,
        format!(
            "this article and {} would both be written to /{}",
            claimant.article.path.display(),
            route.path()
        ),
    )
    .with_hint("give one of them another file name or `slug`, or put translations in one folder")
}

/// What grouping and indexing need of each article, side by side, and the
/// articles' fingerprints: the only pass that reads the articles, which lie
/// all over memory.
fn keys<'c>(
    config: &'c Config,
    articles: &[&'c Article],
) -> (Vec<Key<'c>>, Vec<ArticleFingerprint>) {
    let provinces: FxHashMap<&str, usize> = config
        .provinces
        .keys()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    articles
        .par_iter()
        .enumerate()
        .map(|(index, article)| {
            let key = Key {
                id_hash: rustc_hash::FxBuildHasher.hash_one(article.id.as_str()),
                lang: config
                    .languages
                    .iter()
                    .position(|l| l.code == article.lang)
                    .expect("article languages are configured"),
                date: article.date,
                province: *provinces
                    .get(article.province.as_str())
                    .expect("article provinces are configured"),
                article,
                index,
            };
            (key, article.fingerprint)
        })
        .unzip()
}

/// The entries of the `keys` (sorted so that an article's versions are side
/// by side), each with its province's place; fails with every version that
/// claims another's output path.
fn group<'c>(config: &'c Config, keys: &[Key<'c>]) -> Result<Vec<(Entry<'c>, usize)>> {
    let same_article = |a: &Key, b: &Key| {
        (a.date.year, a.id_hash) == (b.date.year, b.id_hash) && a.article.id == b.article.id
    };
    let grouped: Vec<_> = keys
        .par_chunk_by(|a, b| same_article(a, b))
        .map(|group| {
            let mut problems: Vec<(usize, Diagnostic)> = Vec::new();
            let mut versions = Versions::default();
            for pair in group.chunk_by(|a, b| a.lang == b.lang) {
                let claimant = &pair[0];
                versions.insert(&config.languages[claimant.lang].code, claimant.index);
                for other in &pair[1..] {
                    problems.push((other.index, claim(claimant, other)));
                }
            }
            // The version first by language code gives the entry its date and province.
            let (_, first) = versions.iter().next().expect("a group has a version");
            let first = group
                .iter()
                .find(|k| k.index == *first)
                .expect("a version is in its group");
            let entry = Entry {
                id: &first.article.id,
                date: first.date,
                province: &first.article.province,
                versions,
                // The group is in configuration order.
                fallback: group[0].index,
            };
            ((entry, first.province), problems)
        })
        .collect();
    let (entries, problems): (Vec<(Entry<'c>, usize)>, Vec<_>) = grouped.into_iter().unzip();
    let mut problems: Vec<(usize, Diagnostic)> = problems.into_iter().flatten().collect();
    problems.sort_by_key(|(index, _)| *index);
    Error::if_any(problems.into_iter().map(|(_, d)| d).collect())?;
    Ok(entries)
}

impl<'c> Site<'c> {
    /// Groups and indexes the articles, failing when two claim one output path.
    pub fn build(config: &'c Config, articles: Vec<&'c Article>) -> Result<Site<'c>> {
        let (mut keys, fingerprints) = keys(config, &articles);
        // Versions of one article side by side, by language; a slug's hash stands
        // for it but where two are equal.
        keys.par_sort_unstable_by(|a, b| {
            (a.date.year, a.id_hash)
                .cmp(&(b.date.year, b.id_hash))
                .then_with(|| a.article.id.cmp(&b.article.id))
                .then_with(|| (a.lang, a.index).cmp(&(b.lang, b.index)))
        });
        let mut entries = group(config, &keys)?;
        // Newest first; the slug breaks ties so that two builds give the same
        // order (no two entries share both).
        entries.par_sort_unstable_by(|(a, _), (b, _)| {
            b.date.cmp(&a.date).then_with(|| a.id.cmp(b.id))
        });
        let mut listed: Vec<Vec<usize>> = vec![Vec::new(); config.provinces.len()];
        let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for (i, (entry, province)) in entries.iter().enumerate() {
            listed[*province].push(i);
            by_year.entry(entry.date.year).or_default().push(i);
        }
        let histories = config.provinces.iter().map(|(id, p)| (id, &p.history));
        // A group of provinces linked by their history has pages when the
        // site declares one of them or has articles about one.
        let groups = provinces::groups(histories.clone());
        let shown: FxHashSet<usize> = config
            .provinces
            .values()
            .zip(&listed)
            .zip(&groups)
            .filter(|((p, listed), _)| p.declared || !listed.is_empty())
            .map(|(_, group)| *group)
            .collect();
        let by_province: BTreeMap<ProvinceId, Vec<usize>> = config
            .provinces
            .keys()
            .cloned()
            .zip(listed)
            .zip(&groups)
            .filter(|(_, group)| shown.contains(group))
            .map(|(province, _)| province)
            .collect();
        let with_predecessors = by_province
            .keys()
            .filter_map(|id| {
                let before = provinces::ancestors(histories.clone(), id);
                let mut all: Vec<usize> = before
                    .into_iter()
                    .chain([id])
                    .filter_map(|p| by_province.get(p))
                    .flatten()
                    .copied()
                    .collect();
                // Entry indexes are newest first.
                all.sort_unstable();
                (all.len() != by_province[id].len()).then(|| (id.clone(), all))
            })
            .collect();
        let entries = entries.into_iter().map(|(entry, _)| entry).collect();
        Ok(Site {
            config,
            fingerprints,
            articles,
            entries,
            by_province,
            with_predecessors,
            by_year,
        })
    }

    /// What an index in `lang` shows of every entry, by entry index.
    ///
    /// An untranslated article is shown in the default language when it exists
    /// in it, else in the first language (in site order) that has it; unless the
    /// language is configured not to list untranslated articles.
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
        Route::article(&article.lang, article.date.year, &article.id)
    }
}
