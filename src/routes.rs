//! The URL scheme, in one place: every page's address and output file, every
//! file's address, and where search lives come from here.
//!
//! Pretty URLs: a page at `/en/years/2024/` is written to `en/years/2024/index.html`,
//! so any static host serves it as is. Page 1 of an index is the index itself,
//! page n is `…/page/n/`. A file of the output is named by a [`SiteFile`], its
//! path below the output folder with `/` between folders on every system, so
//! that the link check, the output's list of files and messages agree on Windows
//! too; it becomes a path of the system only when the file is read or written.

use std::borrow::Borrow;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

use crate::ids::{ArticleId, LangCode, ProvinceId};

/// The folder of the search index and of its interface, at the site's root.
const SEARCH_BUNDLE: &str = "pagefind";

/// The folder of the photos' files, at the site's root: one for every
/// language, as a photo is the same in all of them.
const PHOTOS: &str = "photos";

/// Where the photo file `name` goes: in a folder named by its first two
/// characters (`photos/3f/3f09…-960.webp`), so that no folder holds more
/// than a few hundred files: thousands in one are slow to list in a file
/// manager or an upload tool, and slow to write into from several threads.
fn photo_path(name: &str) -> String {
    let shard = name.get(..2).unwrap_or("_");
    format!("{PHOTOS}/{shard}/{name}")
}

/// The search interface's script, in the search folder.
pub const SEARCH_SCRIPT: &str = "pagefind-ui.js";

/// The search interface's stylesheet, in the search folder.
pub const SEARCH_STYLESHEET: &str = "pagefind-ui.css";

/// A file of the built site: its path below the output folder, folders joined
/// by `/` whatever the system (`en/2024/plan/index.html`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SiteFile(Box<str>);

impl SiteFile {
    /// The file a path relative to the output folder names (a file of
    /// `static/`, say); `None` unless every part of it is a plain name, so
    /// that no file can land outside the output folder.
    pub fn from_path(relative: &Path) -> Option<SiteFile> {
        let mut text = String::new();
        for component in relative.components() {
            let Component::Normal(name) = component else {
                return None;
            };
            if !text.is_empty() {
                text.push('/');
            }
            text.push_str(name.to_str()?);
        }
        (!text.is_empty()).then(|| SiteFile(text.into()))
    }

    /// The file a URL's path below the site's base path names (percent-encoded,
    /// as links write it): a folder's `index.html`, or the file itself.
    pub fn from_url_path(relative: &str) -> SiteFile {
        let decoded = percent_decode_str(relative).decode_utf8_lossy();
        if decoded.is_empty() || decoded.ends_with('/') {
            SiteFile(format!("{decoded}index.html").into())
        } else {
            SiteFile(decoded.into())
        }
    }

    /// A file of the search folder (`pagefind/<name>`), such as
    /// [`SEARCH_SCRIPT`].
    pub fn search(name: &str) -> SiteFile {
        SiteFile(format!("{SEARCH_BUNDLE}/{name}").into())
    }

    /// A file of the photos' folder (`photos/<ab>/<name>`, see [`photo_path`]).
    pub fn photo(name: &str) -> SiteFile {
        SiteFile(photo_path(name).into())
    }

    /// A file pagefind writes, by its path in the search folder; `None`
    /// unless every part of it is a plain name.
    pub fn in_search_folder(relative: &Path) -> Option<SiteFile> {
        SiteFile::from_path(&Path::new(SEARCH_BUNDLE).join(relative))
    }

    /// The path as text, `/` between folders.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the file is below the output folder, as a path of this system.
    pub fn to_path(&self) -> PathBuf {
        self.0.split('/').collect()
    }

    /// Whether the file is an HTML page.
    pub fn is_html(&self) -> bool {
        self.0.ends_with(".html")
    }

    /// How a page is named in messages: its address below the site
    /// (`/en/2024/plan/`).
    pub fn page_name(&self) -> String {
        format!("/{}", self.0.strip_suffix("index.html").unwrap_or(&self.0))
    }
}

impl Borrow<str> for SiteFile {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SiteFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

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
    /// `/figures.csv` or `.json`: every article's figures, for reuse, with
    /// labels in every language.
    FiguresData(DataFormat),
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
    /// The page of an article version: its language, its year, its slug.
    pub fn article(lang: &LangCode, year: i32, id: &ArticleId) -> Route {
        Route::Article(lang.clone(), year, id.clone())
    }

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
            Route::FiguresData(format) => push(&["figures.", format.extension()]),
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
    pub fn output_file(&self) -> SiteFile {
        let mut path = self.path();
        if path.is_empty() || path.ends_with('/') {
            path.push_str("index.html");
        }
        SiteFile(path.into())
    }

    /// Whether search indexes the page: article pages are what readers search.
    pub fn is_searchable(&self) -> bool {
        matches!(self, Route::Article(..))
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
            Route::Root
            | Route::NotFound
            | Route::Sitemap(_)
            | Route::Robots
            | Route::FiguresData(_) => None,
            Route::Home(l)
            | Route::Article(l, ..)
            | Route::Provinces(l)
            | Route::Province(l, ..)
            | Route::Years(l)
            | Route::Year(l, ..)
            | Route::Figures(l)
            | Route::Feed(l, _)
            | Route::Search(l) => Some(l),
        }
    }

    /// The same kind of page in another language (the index an untranslated article falls back to is chosen by the caller).
    pub fn in_language(&self, lang: &LangCode) -> Route {
        match self {
            Route::Root
            | Route::NotFound
            | Route::Sitemap(_)
            | Route::Robots
            | Route::FiguresData(_) => self.clone(),
            Route::Home(_) => Route::Home(lang.clone()),
            Route::Article(_, y, id) => Route::Article(lang.clone(), *y, id.clone()),
            Route::Provinces(_) => Route::Provinces(lang.clone()),
            Route::Province(_, id, _) => Route::Province(lang.clone(), id.clone(), 1),
            Route::Years(_) => Route::Years(lang.clone()),
            Route::Year(_, y, _) => Route::Year(lang.clone(), *y, 1),
            Route::Figures(_) => Route::Figures(lang.clone()),
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

    /// The folder of the search index (`/bulletin/pagefind/`), which the search
    /// interface is told as its `bundlePath`.
    pub fn search_bundle(&self) -> String {
        format!("{}{SEARCH_BUNDLE}/", self.base_url.path())
    }

    /// A link to a file of the search folder (`/bulletin/pagefind/pagefind-ui.js`).
    pub fn search_file(&self, name: &str) -> String {
        format!("{}{SEARCH_BUNDLE}/{name}", self.base_url.path())
    }

    /// A link to a file of the photos' folder (`/bulletin/photos/<ab>/<name>`).
    pub fn photo(&self, name: &str) -> String {
        format!("{}{}", self.base_url.path(), photo_path(name))
    }

    /// The absolute address of the page written to `file`
    /// (`https://example.org/bulletin/en/2024/plan/`), for resolving its
    /// relative links.
    pub fn address_of(&self, file: &SiteFile) -> url::Url {
        let path = file
            .as_str()
            .strip_suffix("index.html")
            .unwrap_or(file.as_str());
        self.base_url
            .join(path)
            .unwrap_or_else(|_| self.base_url.clone())
    }

    /// The absolute URL of a root-relative link this makes
    /// (`/bulletin/photos/a.jpg` → `https://example.org/bulletin/photos/a.jpg`),
    /// for what is read away from the site: shared links, feeds.
    pub fn absolute(&self, link: &str) -> String {
        self.base_url
            .join(link)
            .map_or_else(|_| link.to_owned(), String::from)
    }

    /// The base URL.
    pub fn base(&self) -> &url::Url {
        &self.base_url
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
                Route::FiguresData(DataFormat::Csv),
                "figures.csv",
                "figures.csv",
            ),
        ];
        for (route, path, file) in table {
            assert_eq!(route.path(), path);
            assert_eq!(route.output_file().as_str(), file);
            assert_eq!(route.output_file().to_path(), PathBuf::from(file));
            assert_eq!(SiteFile::from_url_path(path), route.output_file());
        }
    }

    #[test]
    fn files_have_one_name_on_every_system() {
        let file = SiteFile::from_path(&Path::new("photos").join("2024").join("a.jpg")).unwrap();
        assert_eq!(file.as_str(), "photos/2024/a.jpg");
        for outside in ["../x.html", "/etc/passwd", "en/../../x", "", "./a"] {
            assert_eq!(SiteFile::from_path(Path::new(outside)), None, "{outside}");
        }
        let cases = [
            ("ar/%D8%A8/", "ar/ب/index.html"),
            ("", "index.html"),
            ("style.css", "style.css"),
        ];
        for (url_path, file) in cases {
            assert_eq!(SiteFile::from_url_path(url_path).as_str(), file);
        }
        let page = SiteFile::from_url_path("en/2024/plan/");
        assert_eq!(page.page_name(), "/en/2024/plan/");
        assert_eq!(
            SiteFile::search(SEARCH_SCRIPT).as_str(),
            "pagefind/pagefind-ui.js"
        );
    }

    #[test]
    fn urls_keep_the_base_path() {
        let routes = Routes::new(&url::Url::parse("https://example.org/bulletin/").unwrap());
        let en = LangCode::parse("en").unwrap();
        assert_eq!(routes.url(&Route::Home(en.clone())), "/bulletin/en/");
        assert_eq!(routes.asset("style.css"), "/bulletin/style.css");
        assert_eq!(routes.search_bundle(), "/bulletin/pagefind/");
        assert_eq!(
            routes.search_file(SEARCH_STYLESHEET),
            "/bulletin/pagefind/pagefind-ui.css"
        );
        assert_eq!(
            routes.permalink(&Route::Home(en)),
            "https://example.org/bulletin/en/"
        );
        let page = SiteFile::from_url_path("en/2024/plan/");
        assert_eq!(
            routes.address_of(&page).as_str(),
            "https://example.org/bulletin/en/2024/plan/"
        );
    }
}
