//! The URL scheme, in one place: every page's address and output file comes from here.
//!
//! Pretty URLs: a page at `/en/years/2024/` is written to `en/years/2024/index.html`,
//! so any static host serves it as is. Page 1 of an index is the index itself,
//! page n is `…/page/n/`.

use std::path::PathBuf;

use crate::ids::{ArticleId, LangCode, ProvinceId};

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    /// `/`: the language chooser.
    Root,
    /// `/404.html`.
    NotFound,
    /// `/<lang>/`, page n of the latest articles.
    Home(LangCode),
    /// `/<lang>/<year>/<slug>/`.
    Article(LangCode, i32, ArticleId),
    /// `/<lang>/provinces/`.
    Provinces(LangCode),
    /// `/<lang>/provinces/<id>/`, page n.
    Province(LangCode, ProvinceId, usize),
    /// `/<lang>/years/`.
    Years(LangCode),
    /// `/<lang>/years/<year>/`, page n.
    Year(LangCode, i32, usize),
    /// `/<lang>/figures/`: the latest figures of every province side by side.
    Figures(LangCode),
    /// `/<lang>/figures.csv` or `.json`: every article's figures, for reuse.
    FiguresData(LangCode, DataFormat),
    /// `/<lang>/atom.xml`, or a province's `/<lang>/provinces/<id>/atom.xml`.
    Feed(LangCode, Option<ProvinceId>),
    /// `/<lang>/search/`.
    Search(LangCode),
    /// `/sitemap.xml`, or part n of a sitemap split in parts, `/sitemap-<n>.xml`.
    Sitemap(Option<usize>),
    /// `/robots.txt`.
    Robots,
}

/// The formats of the figures' data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON object.
    Json,
}

impl DataFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            DataFormat::Csv => "csv",
            DataFormat::Json => "json",
        }
    }
}

impl Route {
    /// The path below the base URL, without a leading slash (`en/years/2024/`).
    pub fn path(&self) -> String {
        let mut path = String::with_capacity(48);
        self.write_path(&mut path);
        path
    }

    /// Appends [`Route::path`] to `out`: links are made by the thousand, and
    /// this makes each with one allocation.
    fn write_path(&self, out: &mut String) {
        use std::fmt::Write as _;
        let mut push = |parts: &[&str]| parts.iter().for_each(|p| out.push_str(p));
        match self {
            Route::Root => {}
            Route::NotFound => push(&["404.html"]),
            Route::Home(l) => push(&[l.as_str(), "/"]),
            Route::Article(l, year, id) => {
                write!(out, "{l}/{year}/{id}/").expect("a String takes any text");
            }
            Route::Provinces(l) => push(&[l.as_str(), "/provinces/"]),
            Route::Province(l, id, page) => {
                push(&[l.as_str(), "/provinces/", id.as_str(), "/"]);
                page_path(*page, out);
            }
            Route::Years(l) => push(&[l.as_str(), "/years/"]),
            Route::Year(l, year, page) => {
                write!(out, "{l}/years/{year}/").expect("a String takes any text");
                page_path(*page, out);
            }
            Route::Figures(l) => push(&[l.as_str(), "/figures/"]),
            Route::FiguresData(l, format) => push(&[l.as_str(), "/figures.", format.extension()]),
            Route::Feed(l, None) => push(&[l.as_str(), "/atom.xml"]),
            Route::Feed(l, Some(id)) => {
                push(&[l.as_str(), "/provinces/", id.as_str(), "/atom.xml"])
            }
            Route::Search(l) => push(&[l.as_str(), "/search/"]),
            Route::Sitemap(None) => push(&["sitemap.xml"]),
            Route::Sitemap(Some(n)) => {
                write!(out, "sitemap-{n}.xml").expect("a String takes any text")
            }
            Route::Robots => push(&["robots.txt"]),
        }
    }

    /// The file the page is written to, relative to the output folder: a
    /// folder's `index.html`, or the file a path names (`404.html`, `figures.csv`).
    pub fn output_file(&self) -> PathBuf {
        let path = self.path();
        if path.is_empty() || path.ends_with('/') {
            PathBuf::from(path).join("index.html")
        } else {
            PathBuf::from(path)
        }
    }

    /// The very same page in another language, page number kept (whether it exists is the caller's business).
    pub fn with_language(&self, lang: &LangCode) -> Route {
        match self {
            Route::Province(_, id, page) => Route::Province(lang.clone(), id.clone(), *page),
            Route::Year(_, y, page) => Route::Year(lang.clone(), *y, *page),
            _ => self.in_language(lang),
        }
    }

    /// The language of the page, if it has one.
    pub fn language(&self) -> Option<&LangCode> {
        match self {
            Route::Root | Route::NotFound | Route::Sitemap(_) | Route::Robots => None,
            Route::Home(l)
            | Route::Article(l, ..)
            | Route::Provinces(l)
            | Route::Province(l, ..)
            | Route::Years(l)
            | Route::Year(l, ..)
            | Route::Figures(l)
            | Route::FiguresData(l, _)
            | Route::Feed(l, _)
            | Route::Search(l) => Some(l),
        }
    }

    /// The same kind of page in another language (the index an untranslated article falls back to is chosen by the caller).
    pub fn in_language(&self, lang: &LangCode) -> Route {
        match self {
            Route::Root | Route::NotFound | Route::Sitemap(_) | Route::Robots => self.clone(),
            Route::Home(_) => Route::Home(lang.clone()),
            Route::Article(_, y, id) => Route::Article(lang.clone(), *y, id.clone()),
            Route::Provinces(_) => Route::Provinces(lang.clone()),
            Route::Province(_, id, _) => Route::Province(lang.clone(), id.clone(), 1),
            Route::Years(_) => Route::Years(lang.clone()),
            Route::Year(_, y, _) => Route::Year(lang.clone(), *y, 1),
            Route::Figures(_) => Route::Figures(lang.clone()),
            Route::FiguresData(_, format) => Route::FiguresData(lang.clone(), *format),
            Route::Feed(_, province) => Route::Feed(lang.clone(), province.clone()),
            Route::Search(_) => Route::Search(lang.clone()),
        }
    }
}

/// Page 1 of an index is the index itself; page n is `page/n/` below it.
fn page_path(page: usize, out: &mut String) {
    use std::fmt::Write as _;
    if page > 1 {
        write!(out, "page/{page}/").expect("a String takes any text");
    }
}

/// Turns routes into links under the site's base URL.
#[derive(Debug, Clone)]
pub struct Routes {
    base_url: url::Url,
}

impl Routes {
    /// Links for a site published at `base_url` (which ends in `/`).
    pub fn new(base_url: &url::Url) -> Routes {
        Routes {
            base_url: base_url.clone(),
        }
    }

    /// A root-relative link (`/bulletin/en/`), which works under a sub-path on any host.
    pub fn url(&self, route: &Route) -> String {
        let mut url = String::with_capacity(64);
        url.push_str(self.base_url.path());
        route.write_path(&mut url);
        url
    }

    /// A link to a file of `static/` (`/bulletin/style.css`).
    pub fn asset(&self, file: &str) -> String {
        format!("{}{}", self.base_url.path(), file)
    }

    /// The absolute URL, for `hreflang` alternates and canonical links.
    pub fn permalink(&self, route: &Route) -> String {
        let mut url = String::with_capacity(96);
        url.push_str(self.base_url.as_str());
        route.write_path(&mut url);
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_files() {
        let en = LangCode::parse("en").unwrap();
        let id = ArticleId::parse("plan-2030").unwrap();
        let p = ProvinceId::parse("ha-tinh").unwrap();
        let table = [
            (Route::Root, "", "index.html"),
            (Route::NotFound, "404.html", "404.html"),
            (Route::Home(en.clone()), "en/", "en/index.html"),
            (
                Route::Article(en.clone(), 2024, id),
                "en/2024/plan-2030/",
                "en/2024/plan-2030/index.html",
            ),
            (
                Route::Provinces(en.clone()),
                "en/provinces/",
                "en/provinces/index.html",
            ),
            (
                Route::Province(en.clone(), p.clone(), 1),
                "en/provinces/ha-tinh/",
                "en/provinces/ha-tinh/index.html",
            ),
            (
                Route::Province(en.clone(), p, 3),
                "en/provinces/ha-tinh/page/3/",
                "en/provinces/ha-tinh/page/3/index.html",
            ),
            (Route::Years(en.clone()), "en/years/", "en/years/index.html"),
            (
                Route::Year(en.clone(), 2023, 2),
                "en/years/2023/page/2/",
                "en/years/2023/page/2/index.html",
            ),
            (
                Route::Figures(en.clone()),
                "en/figures/",
                "en/figures/index.html",
            ),
            (
                Route::FiguresData(en, DataFormat::Csv),
                "en/figures.csv",
                "en/figures.csv",
            ),
        ];
        for (route, path, file) in table {
            assert_eq!(route.path(), path);
            assert_eq!(route.output_file(), PathBuf::from(file));
        }
    }

    #[test]
    fn urls_keep_the_base_path() {
        let routes = Routes::new(&url::Url::parse("https://example.org/bulletin/").unwrap());
        let en = LangCode::parse("en").unwrap();
        assert_eq!(routes.url(&Route::Home(en.clone())), "/bulletin/en/");
        assert_eq!(routes.asset("style.css"), "/bulletin/style.css");
        assert_eq!(
            routes.permalink(&Route::Home(en)),
            "https://example.org/bulletin/en/"
        );
    }
}
