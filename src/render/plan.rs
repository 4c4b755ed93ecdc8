//! The pages of a site, planned before any is rendered.
//!
//! Each page is a [`Job`]: its route, its template and what it [`Shows`]. From
//! what it shows come three things, side by side for each kind of page: its
//! [`Fingerprint`] (cheap, from the fingerprints of the articles it shows), its
//! [`Context`] (the typed values its template gets, made only for the pages
//! rendered), and for feeds and data files their bytes. A test renders every
//! kind of page before and after every kind of edit and checks that a page
//! whose bytes changed has a new fingerprint.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use super::context::{ArticleView, Context, CountedLink, SearchView, SwitcherLink, Values};
use super::lists::{Lists, figures_of};
use super::localizer::Localizer;
use super::templates::Templates;
use super::{data, feed, share};
use crate::config::Language;
use crate::content::Article;
use crate::error::Diagnostic;
use crate::fingerprint::{self, Fingerprint};
use crate::ids::ProvinceId;
use crate::routes::{DataFormat, Route, SEARCH_SCRIPT, SEARCH_STYLESHEET};
use crate::site::{Entry, Listed, Site};

/// One page to render.
pub struct Job<'a> {
    /// Its address.
    pub route: Route,
    /// Its template; `None` for feeds and data files, which are written by code.
    template: Option<&'static str>,
    loc: &'a Localizer<'a>,
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
    /// Every article's figures as a data file, from the parts every
    /// language's data files share.
    Data(DataFormat, &'a data::SharedParts<'a>),
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

    fn route(&self, loc: &Localizer<'_>, page: usize) -> Route {
        let code = loc.language.code.clone();
        match self {
            Index::Province(id, _) => Route::Province(code, (*id).clone(), page),
            Index::Year(year, _) => Route::Year(code, *year, page),
        }
    }
}

/// The articles `listed` on page `page` (from 1) of a list of `per_page`.
fn page_of<'l, 'a>(listed: &'l [Listed<'a>], page: usize, per_page: usize) -> &'l [Listed<'a>] {
    let start = ((page - 1) * per_page).min(listed.len());
    &listed[start..(start + per_page).min(listed.len())]
}

/// Every page of one language, in the order the sitemap lists them: the home
/// page, the articles, the indexes, the files written by code, the lists.
pub fn language<'a>(loc: &'a Localizer<'a>, lists: &'a Lists<'a>, jobs: &mut Vec<Job<'a>>) {
    let code = &loc.language.code;
    let site = loc.site;
    let job = |route, template, shows| Job {
        route,
        template,
        loc,
        lists,
        shows,
    };
    // Room for every page at once: at tens of thousands of jobs, growing
    // the vector step by step copies them again and again.
    let per_page = site.config.per_page;
    let list_page_count: usize = (lists.by_province.iter().map(|(_, l)| l))
        .chain(lists.by_year.iter().map(|(_, l)| l))
        .map(|listed| listed.len().div_ceil(per_page).max(1))
        .sum();
    jobs.reserve(site.entries.len() + lists.by_province.len() + list_page_count + 8);
    jobs.push(job(
        Route::Home(code.clone()),
        Some("home.html"),
        Shows::Home,
    ));
    for entry in &site.entries {
        if let Some(&i) = entry.versions.get(code) {
            // As `site.route_of(article)`, from what is at hand: the versions of an
            // entry share its year and slug.
            let route = Route::article(code, entry.date.year, entry.id);
            let shows = Shows::Article(site.articles[i], entry);
            jobs.push(job(route, Some("article.html"), shows));
        }
    }
    let indexes = [
        (
            Route::Provinces(code.clone()),
            "provinces.html",
            Shows::Provinces,
        ),
        (Route::Years(code.clone()), "years.html", Shows::Years),
        (Route::Figures(code.clone()), "figures.html", Shows::Figures),
    ];
    for (route, template, shows) in indexes {
        jobs.push(job(route, Some(template), shows));
    }
    if site.config.search {
        jobs.push(job(
            Route::Search(code.clone()),
            Some("search.html"),
            Shows::Search,
        ));
    }
    jobs.push(job(
        Route::Feed(code.clone(), None),
        None,
        Shows::Feed(None),
    ));
    for (id, _) in &lists.by_province {
        let route = Route::Feed(code.clone(), Some((*id).clone()));
        jobs.push(job(route, None, Shows::Feed(Some(id))));
    }
    list_pages(loc, lists, jobs);
}

/// The pages of every province's and every year's list.
fn list_pages<'a>(loc: &'a Localizer<'a>, lists: &'a Lists<'a>, jobs: &mut Vec<Job<'a>>) {
    let per_page = loc.site.config.per_page;
    let provinces = lists
        .by_province
        .iter()
        .map(|(id, listed)| (Index::Province(id, listed), "province.html"));
    let years = lists
        .by_year
        .iter()
        .map(|(year, listed)| (Index::Year(*year, listed), "year.html"));
    for (index, template) in provinces.chain(years) {
        // At least one page, even when empty.
        let total = index.listed().len().div_ceil(per_page).max(1);
        for page in 1..=total {
            jobs.push(Job {
                route: index.route(loc, page),
                template: Some(template),
                loc,
                lists,
                shows: Shows::List { index, page, total },
            });
        }
    }
}

/// `/` (the language chooser) and `404.html`, in `loc`'s language (the default).
pub fn root<'a>(
    loc: &'a Localizer<'a>,
    lists: &'a Lists<'a>,
    data: &'a data::SharedParts<'a>,
    jobs: &mut Vec<Job<'a>>,
) {
    for (route, template, shows) in [
        (Route::Root, Some("root.html"), Shows::Root),
        (Route::NotFound, Some("404.html"), Shows::NotFound),
        (
            Route::FiguresData(DataFormat::Csv),
            None,
            Shows::Data(DataFormat::Csv, data),
        ),
        (
            Route::FiguresData(DataFormat::Json),
            None,
            Shows::Data(DataFormat::Json, data),
        ),
    ] {
        jobs.push(Job {
            route,
            template,
            loc,
            lists,
            shows,
        });
    }
}

impl<'a> Job<'a> {
    /// The article the page shows, if it is an article's page.
    pub fn article(&self) -> Option<&'a Article> {
        match self.shows {
            Shows::Article(a, _) => Some(a),
            _ => None,
        }
    }

    /// What makes its text, for timings: its template's name, or the
    /// built-in writer in parentheses.
    pub fn made_by(&self) -> &'static str {
        match (&self.shows, self.template) {
            (Shows::Feed(_), _) => "(Atom feeds)",
            (Shows::Data(..), _) => "(data files)",
            (_, Some(template)) => template,
            (_, None) => "(built in)",
        }
    }

    /// The page: its template filled with its context, or its data.
    pub fn render(&self, templates: &Templates) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let loc = self.loc;
        match (&self.shows, self.template) {
            (Shows::Data(DataFormat::Csv, shared), _) => Ok(data::csv(shared, &self.lists.all)),
            (Shows::Data(DataFormat::Json, shared), _) => Ok(data::json(shared, &self.lists.all)),
            (Shows::Feed(province), _) => Ok(self.feed(*province)),
            (_, Some(template)) => templates.render(template, &self.context(), loc.shared),
            (_, None) => unreachable!("every page but a feed or a data file has a template"),
        }
    }

    /// The fingerprint of everything the page shows but the configuration, which
    /// the caller accounts for: its template (and those it uses), and its data.
    ///
    /// Two jobs with equal fingerprints render to the same bytes.
    pub fn fingerprint(&self, templates: &Templates) -> Fingerprint {
        let mut h = fingerprint::hasher();
        if let Some(template) = self.template {
            h.write_u64(templates.fingerprint(template));
        }
        // The page's address is not in it: a fingerprint is only ever
        // compared with the previous one of the same address.
        let site = self.loc.site;
        let per_page = site.config.per_page;
        match &self.shows {
            Shows::Home => {
                hash_cards(site, page_of(&self.lists.all, 1, per_page), &mut h);
                self.lists.hash_counts(&mut h);
            }
            Shows::Article(_, entry) => {
                // Its translations show in its switcher, and lend it what it inherits.
                for (lang, &i) in entry.versions.iter() {
                    lang.hash(&mut h);
                    h.write_u64(site.fingerprints[i].page);
                }
            }
            Shows::Provinces | Shows::Years => self.lists.hash_counts(&mut h),
            Shows::List { index, page, total } => {
                h.write_usize(*page);
                h.write_usize(*total);
                let listed = index.listed();
                hash_cards(site, page_of(listed, *page, per_page), &mut h);
                if self.shows_figures() {
                    h.write_u64(figures_of(site, listed));
                }
            }
            Shows::Figures | Shows::Data(..) => h.write_u64(self.lists.figures),
            Shows::Feed(province) => {
                for l in self.feed_entries(*province) {
                    let f = &site.fingerprints[l.index];
                    h.write_u64(f.page);
                    h.write_u64(f.card);
                }
            }
            Shows::Search | Shows::Root | Shows::NotFound => {}
        }
        h.finish()
    }

    /// The articles of a feed: the newest written in its language.
    fn feed_entries(&self, province: Option<&ProvinceId>) -> impl Iterator<Item = &Listed<'a>> {
        let listed = match province {
            None => &self.lists.all,
            Some(id) => self.lists.of_province(id),
        };
        let limit = self.loc.site.config.feed_limit;
        listed.iter().filter(|l| l.translated).take(limit)
    }

    /// The Atom feed of the language, or of a province in it.
    fn feed(&self, province: Option<&ProvinceId>) -> Vec<u8> {
        let loc = self.loc;
        let code = &loc.language.code;
        let (page, title) = match province {
            None => (Route::Home(code.clone()), loc.language.title.clone()),
            Some(id) => (
                Route::Province(code.clone(), id.clone(), 1),
                format!("{} · {}", loc.language.title, loc.province_name(id)),
            ),
        };
        let entries: Vec<Listed<'_>> = self.feed_entries(province).copied().collect();
        feed::atom(loc, &self.route, &page, &title, &entries)
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
        let loc = self.loc;
        let t = &loc.language.strings;
        let route = &self.route;
        let same = |other: &Language| (route.in_language(&other.code), true);
        let common = |title: &str| loc.common(route, title.to_owned(), same);
        match &self.shows {
            Shows::Home => Context {
                common: common(&t.home),
                values: Values::Home {
                    items: self
                        .lists
                        .items(loc, page_of(&self.lists.all, 1, loc.site.config.per_page)),
                    provinces: self.province_links(),
                    years: self.year_links(),
                },
            },
            Shows::Article(article, entry) => article_context(loc, route, article, entry),
            Shows::Provinces => Context {
                common: common(&t.provinces),
                values: Values::Index {
                    links: self.province_links(),
                },
            },
            Shows::Years => Context {
                common: common(&t.years),
                values: Values::Index {
                    links: self.year_links(),
                },
            },
            Shows::List { index, page, total } => self.list_context(*index, *page, *total),
            Shows::Figures => Context {
                common: common(&t.figures_by_province),
                values: Values::Figures {
                    comparison: loc.figure_comparison(&self.lists.own_by_province()),
                },
            },
            Shows::Search => Context {
                common: common(&t.search),
                values: Values::Search {
                    search: SearchView {
                        bundle: loc.routes.search_bundle(),
                        script: loc.routes.search_file(SEARCH_SCRIPT),
                        stylesheet: loc.routes.search_file(SEARCH_STYLESHEET),
                        start: loc.routes.asset("search.js"),
                    },
                },
            },
            Shows::Root => root_context(loc, route, &t.choose_language),
            Shows::NotFound => root_context(loc, route, &t.not_found_title),
            Shows::Data(..) | Shows::Feed(_) => {
                unreachable!("data files and feeds have no template context")
            }
        }
    }

    /// The links to every province's list, with counts: the provinces of
    /// today, each with the former provinces that became part of it.
    fn province_links(&self) -> Vec<CountedLink<'a>> {
        let loc = self.loc;
        let provinces = &loc.site.config.provinces;
        let link = |id: &'a ProvinceId, count: usize| {
            let link = loc.province_link(id);
            CountedLink {
                label: link.label.into(),
                url: link.url,
                count: loc.format.integer(count as i64),
                former: Vec::new(),
            }
        };
        let shown: BTreeSet<&ProvinceId> =
            self.lists.by_province.iter().map(|(id, _)| *id).collect();
        let histories = provinces.iter().map(|(id, p)| (id, &p.history));
        self.lists
            .by_province
            .iter()
            // A former province is listed under what it became.
            .filter(|(id, _)| provinces[*id].history.became.is_empty())
            .map(|(id, listed)| CountedLink {
                former: crate::provinces::ancestors(histories.clone(), id)
                    .into_iter()
                    .filter(|p| shown.contains(p))
                    .map(|p| link(p, self.lists.own_of_province(p).len()))
                    .collect(),
                ..link(id, listed.len())
            })
            .collect()
    }

    /// The links to every year's list, with counts.
    fn year_links(&self) -> Vec<CountedLink<'a>> {
        let loc = self.loc;
        let code = &loc.language.code;
        self.lists
            .by_year
            .iter()
            .map(|(year, listed)| CountedLink {
                label: loc.format.year(*year).into(),
                url: loc.routes.url(&Route::Year(code.clone(), *year, 1)),
                count: loc.format.integer(listed.len() as i64),
                former: Vec::new(),
            })
            .collect()
    }

    /// Page `page` of `total` of a province's or a year's list.
    fn list_context(&self, index: Index<'a>, page: usize, total: usize) -> Context<'a> {
        let loc = self.loc;
        let code = &loc.language.code;
        let heading = match index {
            Index::Province(id, _) => loc.province_name(id).to_owned(),
            Index::Year(year, _) => loc
                .language
                .strings
                .articles_from_year
                .replace("{year}", &loc.format.year(year)),
        };
        let listed = index.listed();
        let items = self
            .lists
            .items(loc, page_of(listed, page, loc.site.config.per_page));
        let title = if page == 1 {
            heading.clone()
        } else {
            format!("{heading} · {}", loc.format.integer(page as i64))
        };
        let first_page = index.route(loc, 1);
        let mut common = loc.common(&self.route, title, |other| {
            (first_page.in_language(&other.code), true)
        });
        if let Index::Province(id, _) = index {
            common.feeds.push(super::context::FeedLink {
                title: format!("{} · {heading}", loc.language.title),
                url: loc
                    .routes
                    .permalink(&Route::Feed(code.clone(), Some(id.clone()))),
            });
        }
        Context {
            common,
            values: Values::List {
                heading,
                items,
                pagination: loc.pagination(page, total, |p| index.route(loc, p)),
                // A province's own figures: those of the provinces that
                // became part of it are not its series.
                figures: self.shows_figures().then(|| match index {
                    Index::Province(id, _) => loc.province_figures(self.lists, id),
                    Index::Year(..) => loc.figures_over_time(listed),
                }),
                history: match index {
                    Index::Province(id, _) => loc.province_history(id),
                    Index::Year(..) => Vec::new(),
                },
            },
        }
    }
}

/// The language chooser `/` and the page for missing addresses, titled
/// `title`: links to every language's home page.
fn root_context<'a>(loc: &Localizer<'a>, route: &Route, title: &str) -> Context<'a> {
    let code = &loc.language.code;
    let home = |other: &Language| (Route::Home(other.code.clone()), true);
    let languages = loc
        .site
        .config
        .languages
        .iter()
        .map(|l| SwitcherLink {
            code: l.code.as_str(),
            name: &l.name,
            url: loc.routes.url(&Route::Home(l.code.clone())),
            current: false,
            same_page: false,
            dir: l.direction.as_str(),
        })
        .collect();
    Context {
        common: loc.common(route, title.to_owned(), home),
        values: Values::Root {
            redirect: loc.routes.url(&Route::Home(code.clone())),
            languages,
        },
    }
}

/// An article's page: the article, its figures, and its translations.
fn article_context<'a>(
    loc: &Localizer<'a>,
    route: &Route,
    article: &'a Article,
    entry: &Entry<'_>,
) -> Context<'a> {
    let site = loc.site;
    let code = &loc.language.code;
    let equivalents = |other: &Language| match entry.versions.get(&other.code) {
        Some(&j) => (site.route_of(site.articles[j]), true),
        None => (
            Route::Province(other.code.clone(), entry.province.clone(), 1),
            false,
        ),
    };
    let mut common = loc.common(route, article.title.clone(), equivalents);
    let photo = article.lead.as_ref().map(|lead| loc.photo(lead));
    share::article(loc, article, photo.as_ref(), &mut common.share);
    let translations = common
        .switcher
        .iter()
        .filter(|s| s.same_page && !s.current)
        .map(|s| SwitcherLink {
            url: s.url.clone(),
            ..*s
        })
        .collect();
    let view = ArticleView {
        title: &article.title,
        date: loc.format.date(&article.date),
        date_iso: article.date.iso(),
        province: loc.province_name(&article.province),
        province_url: loc
            .routes
            .url(&Route::Province(code.clone(), article.province.clone(), 1)),
        year_url: loc
            .routes
            .url(&Route::Year(code.clone(), article.date.year, 1)),
        year: loc.format.year(article.date.year),
        author: article.author.as_deref(),
        source: article.source.as_deref(),
        tags: &article.tags,
        summary: &article.summary,
        body_html: &article.body_html,
        figures: loc.figure_rows(&article.figures),
        translations,
        photo,
    };
    Context {
        common,
        values: Values::Article {
            article: Box::new(view),
        },
    }
}

/// What a list shows of each of its articles.
fn hash_cards(site: &Site<'_>, listed: &[Listed<'_>], h: &mut impl Hasher) {
    for l in listed {
        h.write_u64(site.fingerprints[l.index].card);
        h.write_u8(u8::from(l.translated));
    }
}
