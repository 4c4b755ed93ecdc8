//! The pages of a site, planned before any is rendered.
//!
//! Each page is a [`Job`]: its route, its template and what it shows. From a job
//! come two things: its [`Fingerprint`] (cheap, from the fingerprints of the
//! articles it shows) and its [`Context`] (the typed values the template gets,
//! built only for the pages that are rendered).

use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use serde::Serialize;

use super::context::{
    self, ArticleView, Common, CountedLink, FigureComparison, FiguresOverTime, Lang, Pagination,
};
use super::templates::Templates;
use super::{data, feed};
use crate::config::Language;
use crate::content::Article;
use crate::error::Diagnostic;
use crate::fingerprint::{self, Fingerprint};
use crate::ids::ProvinceId;
use crate::site::routes::{DataFormat, Route, SEARCH_SCRIPT, SEARCH_STYLESHEET};
use crate::site::{Entry, Listed, Site};

/// What a site lists in one language, computed once for every page that shows it.
pub struct Lists<'a> {
    /// Every article, newest first.
    all: Vec<Listed<'a>>,
    /// Per configured province, newest first.
    by_province: Vec<(&'a ProvinceId, Vec<Listed<'a>>)>,
    /// Per year, newest year first.
    by_year: Vec<(i32, Vec<Listed<'a>>)>,
    /// The fingerprint of every article's figures (see [`figures_of`]).
    figures: Fingerprint,
    /// What the figures data files of every language share.
    data: &'a data::Shared<'a>,
    /// Each article's list item, by its index in [`Site::articles`]: made into a
    /// template value the first time a page lists it, and shared by the others
    /// (its province's page, its year's, the home page) until the last takes it.
    items: Vec<Mutex<ItemSlot>>,
}

/// An article's list item while pages that list it remain to be rendered.
#[derive(Default)]
struct ItemSlot {
    /// The pages listing it not rendered yet.
    left: u8,
    /// Its template value, once made.
    value: Option<tera::Value>,
}

/// The fingerprint of the figures of the articles `listed`, and of what links to
/// each; made in one pass, as a province's or a language's figures are many.
fn figures_of(site: &Site<'_>, listed: &[Listed<'_>]) -> Fingerprint {
    let bytes: Vec<u8> = listed
        .iter()
        .flat_map(|l| {
            let f = &site.fingerprints[l.index];
            [f.reference, f.figures]
        })
        .flat_map(u64::to_le_bytes)
        .collect();
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

impl<'a> Lists<'a> {
    /// The counts of the province and year indexes.
    fn hash_counts(&self, h: &mut impl Hasher) {
        for (id, listed) in &self.by_province {
            id.hash(h);
            h.write_usize(listed.len());
        }
        for (year, listed) in &self.by_year {
            h.write_i32(*year);
            h.write_usize(listed.len());
        }
    }

    /// The lists of `lang`'s pages.
    pub fn new(lang: &Lang<'a>, data: &'a data::Shared<'a>) -> Lists<'a> {
        let site = lang.site;
        // What the language shows of each entry, decided once for all lists.
        let shown = site.versions_for(&lang.language.code);
        let pick = |entries: &[usize]| -> Vec<Listed<'a>> {
            entries.iter().filter_map(|&i| shown[i]).collect()
        };
        let all: Vec<Listed<'a>> = shown.iter().flatten().copied().collect();
        let mut items: Vec<Mutex<ItemSlot>> =
            site.articles.iter().map(|_| Mutex::default()).collect();
        // A listed article is on its province's page and its year's, and the
        // newest are on the home page too.
        let home = site.config.per_page;
        for (i, l) in all.iter().enumerate() {
            let slot = items[l.index].get_mut().unwrap_or_else(|e| e.into_inner());
            slot.left = 2 + u8::from(i < home);
        }
        Lists {
            figures: figures_of(site, &all),
            data,
            items,
            all,
            by_province: site
                .by_province
                .iter()
                .map(|(id, entries)| (id, pick(entries)))
                .collect(),
            by_year: site
                .by_year
                .iter()
                .rev()
                .map(|(year, entries)| (*year, pick(entries)))
                .collect(),
        }
    }

    /// The list items of `listed`, as `lang` shows them. Each is made once and
    /// let go with the last page listing it: a build never holds them all.
    fn items(&self, lang: &Lang<'a>, listed: &[Listed<'a>]) -> Vec<tera::Value> {
        listed
            .iter()
            .map(|l| {
                let mut slot = self.items[l.index]
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                let value = slot
                    .value
                    .take()
                    .unwrap_or_else(|| tera::Value::from_serializable(&lang.item(*l)));
                slot.left = slot.left.saturating_sub(1);
                if slot.left > 0 {
                    slot.value = Some(value.clone());
                }
                value
            })
            .collect()
    }
}

/// One page to render.
pub struct Job<'a> {
    /// Its address.
    pub route: Route,
    /// Its template; `None` for data files, which are written without one.
    pub template: Option<&'static str>,
    lang: &'a Lang<'a>,
    lists: &'a Lists<'a>,
    shows: Shows<'a>,
}

/// What a page shows.
enum Shows<'a> {
    /// The latest articles, provinces and years.
    Home,
    /// One article, and the entry of it and its translations.
    Article(&'a Article, &'a Entry<'a>),
    /// Every province, with counts.
    Provinces,
    /// Every year, with counts.
    Years,
    /// Page `page` of `total` of a province's or year's articles.
    List {
        index: Index<'a>,
        page: usize,
        total: usize,
    },
    /// The latest figures of every province.
    Figures,
    /// Every article's figures as a data file.
    Data(DataFormat),
    /// The Atom feed of the language, or of a province in it.
    Feed(Option<&'a ProvinceId>),
    /// The search page.
    Search,
    /// The language chooser.
    Root,
    /// The page for missing addresses.
    NotFound,
}

/// A paginated index.
#[derive(Clone, Copy)]
enum Index<'a> {
    Province(&'a ProvinceId, &'a [Listed<'a>]),
    Year(i32, &'a [Listed<'a>]),
}

impl<'a> Index<'a> {
    fn listed(&self) -> &'a [Listed<'a>] {
        match self {
            Index::Province(_, listed) | Index::Year(_, listed) => listed,
        }
    }

    fn route(&self, lang: &Lang<'_>, page: usize) -> Route {
        let code = lang.language.code.clone();
        match self {
            Index::Province(id, _) => Route::Province(code, (*id).clone(), page),
            Index::Year(year, _) => Route::Year(code, *year, page),
        }
    }
}

/// Every page of one language.
pub fn language<'a>(lang: &'a Lang<'a>, lists: &'a Lists<'a>, jobs: &mut Vec<Job<'a>>) {
    let site = lang.site;
    let code = &lang.language.code;
    let job = |route, template: &'static str, shows| Job {
        route,
        template: Some(template),
        lang,
        lists,
        shows,
    };
    jobs.push(job(Route::Home(code.clone()), "home.html", Shows::Home));
    for entry in &site.entries {
        if let Some(&i) = entry.versions.get(code) {
            let article = site.articles[i];
            // As `site.route_of(article)`, from what is at hand: the versions of an
            // entry share its year and slug.
            jobs.push(job(
                Route::article(code, entry.date.year, entry.id),
                "article.html",
                Shows::Article(article, entry),
            ));
        }
    }
    jobs.push(job(
        Route::Provinces(code.clone()),
        "provinces.html",
        Shows::Provinces,
    ));
    jobs.push(job(Route::Years(code.clone()), "years.html", Shows::Years));
    jobs.push(job(
        Route::Figures(code.clone()),
        "figures.html",
        Shows::Figures,
    ));
    if site.config.search {
        jobs.push(job(
            Route::Search(code.clone()),
            "search.html",
            Shows::Search,
        ));
    }
    let generated = |route, shows| Job {
        route,
        template: None,
        lang,
        lists,
        shows,
    };
    for format in [DataFormat::Csv, DataFormat::Json] {
        jobs.push(generated(
            Route::FiguresData(code.clone(), format),
            Shows::Data(format),
        ));
    }
    jobs.push(generated(
        Route::Feed(code.clone(), None),
        Shows::Feed(None),
    ));
    for (id, _) in &lists.by_province {
        jobs.push(generated(
            Route::Feed(code.clone(), Some((*id).clone())),
            Shows::Feed(Some(id)),
        ));
    }
    let per_page = site.config.per_page;
    let indexes = lists
        .by_province
        .iter()
        .map(|(id, listed)| (Index::Province(id, listed), "province.html"))
        .chain(
            lists
                .by_year
                .iter()
                .map(|(year, listed)| (Index::Year(*year, listed), "year.html")),
        );
    for (index, template) in indexes {
        // At least one page, even when empty.
        let total = index.listed().len().div_ceil(per_page).max(1);
        for page in 1..=total {
            jobs.push(job(
                index.route(lang, page),
                template,
                Shows::List { index, page, total },
            ));
        }
    }
}

/// `/` (the language chooser) and `404.html`, in `lang` (the default language).
pub fn root<'a>(lang: &'a Lang<'a>, lists: &'a Lists<'a>, jobs: &mut Vec<Job<'a>>) {
    for (route, template, shows) in [
        (Route::Root, "root.html", Shows::Root),
        (Route::NotFound, "404.html", Shows::NotFound),
    ] {
        jobs.push(Job {
            route,
            template: Some(template),
            lang,
            lists,
            shows,
        });
    }
}

/// The values of a page: the common part and the page kind's own.
#[derive(Serialize)]
pub struct Context<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(flatten)]
    kind: Kind<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Kind<'a> {
    Home {
        items: Vec<tera::Value>,
        provinces: Vec<CountedLink<'a>>,
        years: Vec<CountedLink<'a>>,
    },
    Article {
        article: ArticleView<'a>,
    },
    Index {
        links: Vec<CountedLink<'a>>,
    },
    List {
        heading: String,
        items: Vec<tera::Value>,
        pagination: Pagination,
        figures: Option<FiguresOverTime<'a>>,
    },
    Root {
        redirect: String,
        languages: Vec<context::SwitcherLink<'a>>,
    },
    Figures {
        comparison: FigureComparison<'a>,
    },
    Search {
        search: context::SearchView,
    },
}

impl<'a> Job<'a> {
    /// The fingerprint of everything the page shows but the configuration, which
    /// the caller accounts for: its template (and those it uses), and its data.
    ///
    /// Two jobs with equal fingerprints render to the same bytes.
    pub fn fingerprint(&self, templates: &Templates) -> Fingerprint {
        let mut h = fingerprint::hasher();
        if let Some(template) = self.template {
            h.write_u64(templates.fingerprint(template));
        }
        self.route.hash(&mut h);
        let site = self.lang.site;
        let per_page = site.config.per_page;
        match &self.shows {
            Shows::Home => {
                hash_cards(
                    site,
                    &self.lists.all[..per_page.min(self.lists.all.len())],
                    &mut h,
                );
                self.lists.hash_counts(&mut h);
            }
            Shows::Article(_, entry) => {
                // Its translations show in its switcher, and lend it what it inherits.
                for (lang, &i) in &entry.versions {
                    lang.hash(&mut h);
                    h.write_u64(site.fingerprints[i].page);
                }
            }
            Shows::Provinces | Shows::Years => self.lists.hash_counts(&mut h),
            Shows::List { index, page, total } => {
                h.write_usize(*page);
                h.write_usize(*total);
                let listed = index.listed();
                let start = (page - 1) * per_page;
                hash_cards(
                    site,
                    &listed[start..(start + per_page).min(listed.len())],
                    &mut h,
                );
                if self.shows_figures() {
                    h.write_u64(figures_of(site, listed));
                }
            }
            Shows::Figures | Shows::Data(_) => h.write_u64(self.lists.figures),
            Shows::Feed(province) => {
                let limit = site.config.feed_limit;
                for l in self
                    .feed_entries(*province)
                    .iter()
                    .filter(|l| l.translated)
                    .take(limit)
                {
                    let f = &site.fingerprints[l.index];
                    h.write_u64(f.page);
                    h.write_u64(f.card);
                }
            }
            Shows::Search | Shows::Root | Shows::NotFound => {}
        }
        h.finish()
    }

    /// The articles a feed picks its entries from, newest first.
    fn feed_entries(&self, province: Option<&ProvinceId>) -> &'a [Listed<'a>] {
        match province {
            None => &self.lists.all,
            Some(id) => self
                .lists
                .by_province
                .iter()
                .find(|(p, _)| *p == id)
                .map_or(&[], |(_, listed)| listed.as_slice()),
        }
    }

    /// What makes its text: its template's name, or the built-in writer in parentheses.
    pub fn writer(&self) -> &'static str {
        match (&self.shows, self.template) {
            (Shows::Feed(_), _) => "(Atom feeds)",
            (Shows::Data(_), _) => "(data files)",
            (_, Some(template)) => template,
            (_, None) => "(built in)",
        }
    }

    /// The page: its template filled with its context, or its data.
    pub fn render(&self, templates: &Templates) -> Result<Vec<u8>, Vec<Diagnostic>> {
        match (&self.shows, self.template) {
            (Shows::Data(format), _) => Ok(match format {
                DataFormat::Csv => data::csv(self.lang, self.lists.data, &self.lists.all),
                DataFormat::Json => data::json(self.lang, self.lists.data, &self.lists.all),
            }),
            (Shows::Feed(province), _) => {
                let lang = self.lang;
                let code = &lang.language.code;
                let (page, title) = match province {
                    None => (Route::Home(code.clone()), lang.language.title.clone()),
                    Some(id) => (
                        Route::Province(code.clone(), (*id).clone(), 1),
                        format!("{} · {}", lang.language.title, lang.province_name(id)),
                    ),
                };
                Ok(feed::atom(
                    lang,
                    &self.route,
                    &page,
                    &title,
                    self.feed_entries(*province),
                ))
            }
            (_, Some(template)) => templates.render(template, &self.context(), self.lang.shared),
            (_, None) => unreachable!("every page but a data file has a template"),
        }
    }

    /// The article the page shows, if it is an article's page.
    pub fn article(&self) -> Option<&'a Article> {
        match self.shows {
            Shows::Article(a, _) => Some(a),
            _ => None,
        }
    }

    /// Whether the page holds a province's figures-over-time table (its first page does).
    fn shows_figures(&self) -> bool {
        matches!(
            self.shows,
            Shows::List {
                index: Index::Province(..),
                page: 1,
                ..
            }
        )
    }

    /// The values the page's template receives.
    pub fn context(&self) -> Context<'a> {
        let lang = self.lang;
        let site = lang.site;
        let code = &lang.language.code;
        let t = &lang.language.strings;
        let route = &self.route;
        let same = |other: &Language| (route.in_language(&other.code), true);
        let per_page = site.config.per_page;
        let province_links = || -> Vec<CountedLink<'a>> {
            self.lists
                .by_province
                .iter()
                .map(|(id, listed)| CountedLink {
                    label: lang.province_name(id).into(),
                    url: lang
                        .routes
                        .url(&Route::Province(code.clone(), (*id).clone(), 1)),
                    count: lang.format.integer(listed.len() as i64),
                })
                .collect()
        };
        let year_links = || -> Vec<CountedLink<'a>> {
            self.lists
                .by_year
                .iter()
                .map(|(year, listed)| CountedLink {
                    label: lang.format.year(*year).into(),
                    url: lang.routes.url(&Route::Year(code.clone(), *year, 1)),
                    count: lang.format.integer(listed.len() as i64),
                })
                .collect()
        };
        match &self.shows {
            Shows::Home => Context {
                common: lang.common(route, t.home.clone(), same),
                kind: Kind::Home {
                    items: self
                        .lists
                        .items(lang, &self.lists.all[..per_page.min(self.lists.all.len())]),
                    provinces: province_links(),
                    years: year_links(),
                },
            },
            Shows::Article(article, entry) => article_context(lang, route, article, entry),
            Shows::Provinces => Context {
                common: lang.common(route, t.provinces.clone(), same),
                kind: Kind::Index {
                    links: province_links(),
                },
            },
            Shows::Years => Context {
                common: lang.common(route, t.years.clone(), same),
                kind: Kind::Index {
                    links: year_links(),
                },
            },
            Shows::List { index, page, total } => {
                let heading = match index {
                    Index::Province(id, _) => lang.province_name(id).to_owned(),
                    Index::Year(year, _) => t
                        .articles_from_year
                        .replace("{year}", &lang.format.year(*year)),
                };
                let listed = index.listed();
                let start = (page - 1) * per_page;
                let items = self
                    .lists
                    .items(lang, &listed[start..(start + per_page).min(listed.len())]);
                let title = if *page == 1 {
                    heading.clone()
                } else {
                    format!("{heading} · {}", lang.format.integer(*page as i64))
                };
                let first_page = index.route(lang, 1);
                let mut common = lang.common(route, title, |other| {
                    (first_page.in_language(&other.code), true)
                });
                if let Index::Province(id, _) = index {
                    common.feeds.push(context::FeedLink {
                        title: format!("{} · {heading}", lang.language.title),
                        url: lang
                            .routes
                            .permalink(&Route::Feed(code.clone(), Some((*id).clone()))),
                    });
                }
                Context {
                    common,
                    kind: Kind::List {
                        heading,
                        items,
                        pagination: lang.pagination(*page, *total, |p| index.route(lang, p)),
                        figures: self.shows_figures().then(|| lang.figures_over_time(listed)),
                    },
                }
            }
            Shows::Figures => Context {
                common: lang.common(route, t.figures_by_province.clone(), same),
                kind: Kind::Figures {
                    comparison: lang.figure_comparison(&self.lists.by_province),
                },
            },
            Shows::Search => Context {
                common: lang.common(route, t.search.clone(), same),
                kind: Kind::Search {
                    search: context::SearchView {
                        bundle: lang.routes.search_bundle(),
                        script: lang.routes.search_file(SEARCH_SCRIPT),
                        stylesheet: lang.routes.search_file(SEARCH_STYLESHEET),
                    },
                },
            },
            Shows::Data(_) | Shows::Feed(_) => {
                unreachable!("data files and feeds have no template context")
            }
            Shows::Root | Shows::NotFound => {
                let title = match self.shows {
                    Shows::Root => t.choose_language.clone(),
                    _ => t.not_found_title.clone(),
                };
                let home = |other: &Language| (Route::Home(other.code.clone()), true);
                let languages = site
                    .config
                    .languages
                    .iter()
                    .map(|l| context::SwitcherLink {
                        code: l.code.as_str(),
                        name: &l.name,
                        url: lang.routes.url(&Route::Home(l.code.clone())),
                        current: false,
                        same_page: false,
                        dir: l.direction.as_str(),
                    })
                    .collect();
                Context {
                    common: lang.common(route, title, home),
                    kind: Kind::Root {
                        redirect: lang.routes.url(&Route::Home(code.clone())),
                        languages,
                    },
                }
            }
        }
    }
}

/// An article's page: the article, its figures, and its translations.
fn article_context<'a>(
    lang: &Lang<'a>,
    route: &Route,
    article: &'a Article,
    entry: &Entry<'_>,
) -> Context<'a> {
    let site = lang.site;
    let code = &lang.language.code;
    let equivalents = |other: &Language| match entry.versions.get(&other.code) {
        Some(&j) => (site.route_of(site.articles[j]), true),
        None => (
            Route::Province(other.code.clone(), entry.province.clone(), 1),
            false,
        ),
    };
    let common = lang.common(route, article.title.clone(), equivalents);
    let translations = common
        .switcher
        .iter()
        .filter(|s| s.same_page && !s.current)
        .map(|s| context::SwitcherLink {
            url: s.url.clone(),
            ..*s
        })
        .collect();
    let view = ArticleView {
        title: &article.title,
        date: lang.format.date(&article.date),
        date_iso: article.date.iso(),
        province: lang.province_name(&article.province),
        province_url: lang
            .routes
            .url(&Route::Province(code.clone(), article.province.clone(), 1)),
        year_url: lang
            .routes
            .url(&Route::Year(code.clone(), article.date.year, 1)),
        year: lang.format.year(article.date.year),
        author: article.author.as_deref(),
        source: article.source.as_deref(),
        tags: &article.tags,
        summary: &article.summary,
        body_html: &article.body_html,
        figures: lang.figure_rows(&article.figures),
        translations,
    };
    Context {
        common,
        kind: Kind::Article { article: view },
    }
}

/// What a list shows of each of its articles.
fn hash_cards(site: &Site<'_>, listed: &[Listed<'_>], h: &mut impl Hasher) {
    for l in listed {
        h.write_u64(site.fingerprints[l.index].card);
        h.write_u8(u8::from(l.translated));
    }
}
