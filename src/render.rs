//! Rendering: the site through Tera templates into pages in memory.
//!
//! Steps:
//! 1. load the templates: the built-in theme, overridden file by file by the
//!    site's `templates/` (one batch, so inheritance resolves across both);
//! 2. build one formatter per language (dates and numbers);
//! 3. plan every page (route, template, typed context) and render them in parallel;
//! 4. report every template error at once, with template, line and column.

pub mod context;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Config, Language};
use crate::error::{Diagnostic, Error, Result};
use crate::fs;
use crate::i18n::Formatter;
use crate::output::Page;
use crate::site::Site;
use crate::site::routes::{Route, Routes};
use context::{ArticleView, Common, CountedLink, FiguresOverTime, Item, Lang, Pagination};

/// The templates of the default theme, compiled into the binary.
pub const THEME_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("article.html", include_str!("../templates/article.html")),
    (
        "provinces.html",
        include_str!("../templates/provinces.html"),
    ),
    ("province.html", include_str!("../templates/province.html")),
    ("years.html", include_str!("../templates/years.html")),
    ("year.html", include_str!("../templates/year.html")),
    ("root.html", include_str!("../templates/root.html")),
    ("404.html", include_str!("../templates/404.html")),
    (
        "partials/list.html",
        include_str!("../templates/partials/list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../templates/partials/pagination.html"),
    ),
];

/// The static files of the default theme, compiled into the binary.
pub const THEME_ASSETS: &[(&str, &[u8])] = &[("style.css", include_bytes!("../static/style.css"))];

/// Where a template came from, for messages.
#[derive(Debug, Clone)]
enum Origin {
    BuiltIn,
    Site(PathBuf),
}

/// The loaded templates.
pub struct Templates {
    tera: tera::Tera,
    sources: BTreeMap<String, (Origin, String)>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.sources.keys())
            .finish()
    }
}

impl Templates {
    /// Loads the theme, with the site's `templates/*.html` replacing built-in files of the same name.
    pub fn load(config: &Config) -> Result<Templates> {
        let mut sources: BTreeMap<String, (Origin, String)> = THEME_TEMPLATES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (Origin::BuiltIn, (*text).to_owned())))
            .collect();
        let dir = config.templates_dir();
        let mut problems = Vec::new();
        for path in fs::walk_files(&dir)? {
            let name = path
                .strip_prefix(&dir)
                .expect("walked under dir")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let shown = fs::shown(&config.root, &path);
            match fs::read_text(&path, &shown)? {
                Ok(text) => {
                    sources.insert(name, (Origin::Site(shown), text));
                }
                Err(d) => problems.push(d),
            }
        }
        Error::check(problems)?;
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| Error::Input(template_diagnostics(&sources, &e)))?;
        Ok(Templates { tera, sources })
    }

    fn render(&self, name: &str, context: &impl Serialize) -> Result<String, Vec<Diagnostic>> {
        let ctx = tera::Context::from_serialize(context)
            .map_err(|e| template_diagnostics(&self.sources, &e))?;
        self.tera
            .render(name, &ctx)
            .map_err(|e| template_diagnostics(&self.sources, &e))
    }
}

/// Turns a Tera error into diagnostics naming the template file, line and column.
fn template_diagnostics(
    sources: &BTreeMap<String, (Origin, String)>,
    e: &tera::Error,
) -> Vec<Diagnostic> {
    let path_of = |name: &str| match sources.get(name) {
        Some((Origin::Site(path), _)) => path.clone(),
        Some((Origin::BuiltIn, _)) | None => {
            PathBuf::from(format!("templates/{name} (built-in theme)"))
        }
    };
    let line_text = |name: &str, line: usize| {
        sources
            .get(name)
            .and_then(|(_, text)| text.lines().nth(line.saturating_sub(1)))
            .unwrap_or_default()
            .to_owned()
    };
    let hint =
        "see the README's list of template variables; Tera's syntax: https://keats.github.io/tera/";
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let name = r.filename();
            vec![
                Diagnostic::at_line(
                    &path_of(name),
                    span.start_line,
                    span.start_col + 1,
                    &line_text(name, span.start_line),
                    format!("template error: {}", r.message()),
                )
                .with_hint(hint),
            ]
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            let line = sources
                .get(current.as_str())
                .and_then(|(_, text)| text.lines().position(|l| l.contains("extends")))
                .map_or(1, |i| i + 1);
            vec![
                Diagnostic::at_line(
                    &path_of(current),
                    line,
                    1,
                    &line_text(current, line),
                    format!("template `{current}` extends `{parent}`, which does not exist"),
                )
                .with_hint(format!(
                    "templates that exist: {}",
                    sources.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            ]
        }
        _ => {
            // Unknown filters and the like arrive as text: one report per located error.
            let text = e.to_string();
            let mut found = Vec::new();
            for chunk in text.split("\n\n") {
                let message = chunk
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("error: ");
                let located = chunk.lines().find_map(|l| {
                    let at = l.trim().strip_prefix("--> ")?;
                    let mut parts = at.rsplitn(3, ':');
                    let col: usize = parts.next()?.parse().ok()?;
                    let line: usize = parts.next()?.parse().ok()?;
                    Some((parts.next()?.to_owned(), line, col))
                });
                match located {
                    Some((name, line, col)) => found.push(
                        Diagnostic::at_line(
                            &path_of(&name),
                            line,
                            col,
                            &line_text(&name, line),
                            format!("template error: {message}"),
                        )
                        .with_hint(hint),
                    ),
                    None if !message.trim().is_empty() => found.push(
                        Diagnostic::file(
                            Path::new("templates"),
                            format!("template error: {message}"),
                        )
                        .with_hint(hint),
                    ),
                    None => {}
                }
            }
            found
        }
    }
}

/// A page to render: where, with which template and values.
struct Planned<'a> {
    route: Route,
    template: &'static str,
    context: Context<'a>,
}

/// The values of a page: the common part and the page kind's own.
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(flatten)]
    kind: Kind<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Kind<'a> {
    Home {
        items: Vec<Item<'a>>,
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
        items: Vec<Item<'a>>,
        pagination: Pagination,
        figures: Option<FiguresOverTime<'a>>,
    },
    Root {
        redirect: String,
        languages: Vec<context::SwitcherLink<'a>>,
    },
}

/// Renders every page of the site.
pub fn render(site: &Site<'_>, templates: &Templates) -> Result<Vec<Page>> {
    let config = site.config;
    let routes = Routes::new(&config.base_url);
    let formatters: Vec<Formatter> = config
        .languages
        .par_iter()
        .map(|l| Formatter::new(&l.locale))
        .collect();
    let langs: Vec<Lang<'_>> = config
        .languages
        .iter()
        .zip(&formatters)
        .map(|(language, format)| Lang {
            language,
            format,
            site,
            routes: &routes,
        })
        .collect();

    let mut planned: Vec<Planned<'_>> = Vec::new();
    for lang in &langs {
        plan_language(lang, &mut planned);
    }
    let default = langs
        .iter()
        .find(|l| l.language.code == config.default_language)
        .expect("the default language is configured");
    plan_root(default, &mut planned);

    let results: Vec<Result<Page, Vec<Diagnostic>>> = planned
        .par_iter()
        .map(|p| {
            templates.render(p.template, &p.context).map(|html| Page {
                file: p.route.output_file(),
                html,
            })
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(page) => pages.push(page),
            Err(d) => problems.extend(d),
        }
    }
    Error::check(problems)?;
    Ok(pages)
}

/// Every page of one language.
fn plan_language<'a>(lang: &Lang<'a>, planned: &mut Vec<Planned<'a>>) {
    let site = lang.site;
    let code = &lang.language.code;
    let t = &lang.language.strings;
    let same = |route: &Route| {
        let route = route.clone();
        move |other: &Language| (route.in_language(&other.code), true)
    };

    let province_links = || -> Vec<CountedLink<'a>> {
        site.by_province
            .iter()
            .map(|(id, entries)| CountedLink {
                label: lang.province_name(id).into(),
                url: lang
                    .routes
                    .url(&Route::Province(code.clone(), id.clone(), 1)),
                count: lang
                    .format
                    .integer(site.listing(entries, code).len() as i64),
            })
            .collect()
    };
    let year_links = || -> Vec<CountedLink<'a>> {
        site.by_year
            .iter()
            .rev()
            .map(|(year, entries)| CountedLink {
                label: lang.format.year(*year).into(),
                url: lang.routes.url(&Route::Year(code.clone(), *year, 1)),
                count: lang
                    .format
                    .integer(site.listing(entries, code).len() as i64),
            })
            .collect()
    };

    // Home: the latest articles, every province and year.
    let home = Route::Home(code.clone());
    let all: Vec<usize> = (0..site.entries.len()).collect();
    let items = site
        .listing(&all, code)
        .into_iter()
        .take(site.config.per_page)
        .map(|l| lang.item(l))
        .collect();
    planned.push(Planned {
        context: Context {
            common: lang.common(&home, t.home.clone(), same(&home)),
            kind: Kind::Home {
                items,
                provinces: province_links(),
                years: year_links(),
            },
        },
        route: home,
        template: "home.html",
    });

    // Article pages.
    for &i in site.entries.iter().flat_map(|e| e.versions.get(code)) {
        let article = &site.articles[i];
        let entry = site.entry_of(article);
        let route = site.route_of(article);
        let equivalents = |other: &Language| match entry.versions.get(&other.code) {
            Some(&j) => (site.route_of(site.articles[j]), true),
            None => (
                Route::Province(other.code.clone(), entry.province.clone(), 1),
                false,
            ),
        };
        let common = lang.common(&route, article.title.clone(), equivalents);
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
            province_url: lang.routes.url(&Route::Province(
                code.clone(),
                article.province.clone(),
                1,
            )),
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
        planned.push(Planned {
            context: Context {
                common,
                kind: Kind::Article { article: view },
            },
            route,
            template: "article.html",
        });
    }

    // Province and year indexes.
    let provinces = Route::Provinces(code.clone());
    planned.push(Planned {
        context: Context {
            common: lang.common(&provinces, t.provinces.clone(), same(&provinces)),
            kind: Kind::Index {
                links: province_links(),
            },
        },
        route: provinces,
        template: "provinces.html",
    });
    let years = Route::Years(code.clone());
    planned.push(Planned {
        context: Context {
            common: lang.common(&years, t.years.clone(), same(&years)),
            kind: Kind::Index {
                links: year_links(),
            },
        },
        route: years,
        template: "years.html",
    });
    for (id, entries) in &site.by_province {
        let listed = site.listing(entries, code);
        let heading = lang.province_name(id).to_owned();
        let figures = lang.figures_over_time(&listed);
        plan_list(
            lang,
            planned,
            &listed,
            heading,
            Some(figures),
            "province.html",
            |page| Route::Province(code.clone(), id.clone(), page),
        );
    }
    for (year, entries) in &site.by_year {
        let listed = site.listing(entries, code);
        let heading = t
            .articles_from_year
            .replace("{year}", &lang.format.year(*year));
        plan_list(lang, planned, &listed, heading, None, "year.html", |page| {
            Route::Year(code.clone(), *year, page)
        });
    }
}

/// The pages of a paginated list (at least one, even when empty).
fn plan_list<'a>(
    lang: &Lang<'a>,
    planned: &mut Vec<Planned<'a>>,
    listed: &[crate::site::Listed<'a>],
    heading: String,
    figures: Option<FiguresOverTime<'a>>,
    template: &'static str,
    route_of: impl Fn(usize) -> Route,
) {
    let per_page = lang.site.config.per_page;
    let total = listed.len().div_ceil(per_page).max(1);
    let mut figures = figures;
    for page in 1..=total {
        let route = route_of(page);
        let items = listed
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|l| lang.item(*l))
            .collect();
        let title = if page == 1 {
            heading.clone()
        } else {
            format!("{heading} · {}", lang.format.integer(page as i64))
        };
        let first_page = route_of(1);
        let common = lang.common(&route, title, |other| {
            (first_page.in_language(&other.code), true)
        });
        planned.push(Planned {
            context: Context {
                common,
                kind: Kind::List {
                    heading: heading.clone(),
                    items,
                    pagination: lang.pagination(page, total, &route_of),
                    // The figures table belongs to the first page only.
                    figures: figures.take(),
                },
            },
            route,
            template,
        });
    }
}

/// `/` (the language chooser) and `404.html`, in the default language.
fn plan_root<'a>(lang: &Lang<'a>, planned: &mut Vec<Planned<'a>>) {
    let home = |other: &Language| (Route::Home(other.code.clone()), true);
    for (route, template, title) in [
        (
            Route::Root,
            "root.html",
            lang.language.strings.choose_language.clone(),
        ),
        (
            Route::NotFound,
            "404.html",
            lang.language.strings.not_found_title.clone(),
        ),
    ] {
        let common = lang.common(&route, title, home);
        let languages = lang
            .site
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
        planned.push(Planned {
            context: Context {
                kind: Kind::Root {
                    redirect: lang.routes.url(&Route::Home(lang.language.code.clone())),
                    languages,
                },
                common,
            },
            route,
            template,
        });
    }
}
