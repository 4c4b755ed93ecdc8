//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap lists every page with, when the page exists in several languages,
//! an `xhtml:link rel="alternate" hreflang` for each of them and an `x-default`
//! (the default language's version; the language chooser `/` for home pages).
//! Past 50,000 addresses it is split in parts, `sitemap-<n>.xml`, and
//! `sitemap.xml` becomes their index.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};

use quick_xml::escape::escape;

use crate::date::PartialDate;
use crate::fingerprint::{self, Fingerprint};
use crate::ids::LangCode;
use crate::routes::{Route, Routes};

/// The most addresses one sitemap file may hold.
pub const MAX_URLS: usize = 50_000;

/// A page of the site, for the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address<'r> {
    /// Its route.
    pub route: &'r Route,
    /// When its content last changed, when known (an article's date).
    pub lastmod: Option<PartialDate>,
}

/// Whether a route is a page to list: not the language chooser, the 404 page,
/// data files, feeds, or the sitemap itself.
pub fn is_listed(route: &Route) -> bool {
    matches!(
        route,
        Route::Home(_)
            | Route::Article(..)
            | Route::Provinces(_)
            | Route::Province(..)
            | Route::Years(_)
            | Route::Year(..)
            | Route::Figures(_)
    )
}

/// The fingerprint of everything the files show.
pub fn fingerprint(routes: &Routes, addresses: &[Address<'_>]) -> Fingerprint {
    // Every address of the site: megabytes, hashed as they come.
    let mut h = fingerprint::streaming_hasher();
    routes.permalink(&Route::Root).hash(&mut h);
    addresses.hash(&mut h);
    h.finish()
}

/// The files [`files`] makes for `count` addresses: the sitemap, its parts
/// when it is split, and `robots.txt`.
pub fn file_routes(count: usize, max_urls: usize) -> Vec<Route> {
    let mut out = vec![Route::Sitemap(None)];
    if count > max_urls {
        out.extend((1..=count.div_ceil(max_urls)).map(|n| Route::Sitemap(Some(n))));
    }
    out.push(Route::Robots);
    out
}

/// The sitemap (one file, or an index and its parts) and `robots.txt`.
pub fn files(
    routes: &Routes,
    default: &LangCode,
    addresses: &[Address<'_>],
    max_urls: usize,
) -> Vec<(Route, String)> {
    let sitemap = Sitemap {
        routes,
        default,
        versions: versions(addresses, default),
    };
    let mut files = Vec::new();
    if addresses.len() <= max_urls {
        files.push((Route::Sitemap(None), sitemap.urlset(addresses)));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (i, part) in addresses.chunks(max_urls).enumerate() {
            let route = Route::Sitemap(Some(i + 1));
            let _ = writeln!(
                index,
                "<sitemap><loc>{}</loc></sitemap>",
                escape(routes.permalink(&route))
            );
            files.push((route, sitemap.urlset(part)));
        }
        index.push_str("</sitemapindex>\n");
        files.insert(0, (Route::Sitemap(None), index));
    }
    files.push((
        Route::Robots,
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            routes.permalink(&Route::Sitemap(None))
        ),
    ));
    files
}

/// Each page's versions in every language, found by its default-language twin.
type Versions<'r> = BTreeMap<Route, Vec<(&'r LangCode, &'r Route)>>;

/// The [`Versions`] of the pages at `addresses`.
fn versions<'r>(addresses: &[Address<'r>], default: &LangCode) -> Versions<'r> {
    let mut versions: Versions<'r> = BTreeMap::new();
    for a in addresses {
        if let Some(lang) = a.route.language() {
            versions
                .entry(a.route.with_language(default))
                .or_default()
                .push((lang, a.route));
        }
    }
    versions
}

/// What the parts of a sitemap are written with.
struct Sitemap<'s> {
    routes: &'s Routes,
    default: &'s LangCode,
    versions: Versions<'s>,
}

impl Sitemap<'_> {
    /// A `<urlset>` of the pages at `part`.
    fn urlset(&self, part: &[Address<'_>]) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for a in part {
            self.url(a, &mut out);
        }
        out.push_str("</urlset>\n");
        out
    }

    /// One page's `<url>`: its address, its date, and its versions in the
    /// other languages when it has any.
    fn url(&self, a: &Address<'_>, out: &mut String) {
        let routes = self.routes;
        let _ = write!(out, "<url><loc>{}</loc>", escape(routes.permalink(a.route)));
        if let Some(date) = &a.lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", date.iso());
        }
        let twins = a
            .route
            .language()
            .and_then(|_| self.versions.get(&a.route.with_language(self.default)));
        if let Some(twins) = twins.filter(|t| t.len() > 1) {
            for (lang, route) in twins {
                let _ = write!(
                    out,
                    r#"<xhtml:link rel="alternate" hreflang="{lang}" href="{}"/>"#,
                    escape(routes.permalink(route))
                );
            }
            let fallback = match &a.route {
                Route::Home(_) => Some(Route::Root),
                _ => twins
                    .iter()
                    .find(|(lang, _)| *lang == self.default)
                    .map(|(_, r)| (*r).clone()),
            };
            if let Some(fallback) = fallback {
                let _ = write!(
                    out,
                    r#"<xhtml:link rel="alternate" hreflang="x-default" href="{}"/>"#,
                    escape(routes.permalink(&fallback))
                );
            }
        }
        out.push_str("</url>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ArticleId, ProvinceId};

    fn lang(code: &str) -> LangCode {
        LangCode::parse(code).unwrap()
    }

    /// Five pages: two homes, an article in two languages, a province's page 2.
    fn pages() -> Vec<(Route, Option<PartialDate>)> {
        let id = ArticleId::parse("plan").unwrap();
        let date = PartialDate {
            year: 2024,
            month: Some(2),
            day: None,
        };
        vec![
            (Route::Home(lang("en")), None),
            (Route::Home(lang("ar")), None),
            (Route::Article(lang("en"), 2024, id.clone()), Some(date)),
            (Route::Article(lang("ar"), 2024, id), Some(date)),
            (
                Route::Province(lang("en"), ProvinceId::parse("ha-tinh").unwrap(), 2),
                None,
            ),
        ]
    }

    fn addresses(pages: &[(Route, Option<PartialDate>)]) -> Vec<Address<'_>> {
        pages
            .iter()
            .map(|(route, lastmod)| Address {
                route,
                lastmod: *lastmod,
            })
            .collect()
    }

    fn routes() -> Routes {
        Routes::new(&url::Url::parse("https://example.org/bulletin/").unwrap())
    }

    const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const XHTML: &str = "http://www.w3.org/1999/xhtml";

    #[test]
    fn every_page_with_its_translations_both_ways() {
        let files = files(&routes(), &lang("en"), &addresses(&pages()), MAX_URLS);
        let names: Vec<String> = files.iter().map(|(r, _)| r.path()).collect();
        assert_eq!(names, ["sitemap.xml", "robots.txt"]);
        let doc = roxmltree::Document::parse(&files[0].1).unwrap();
        let urls: Vec<roxmltree::Node> = doc
            .descendants()
            .filter(|n| n.has_tag_name((SITEMAP, "url")))
            .collect();
        assert_eq!(urls.len(), 5);
        let alternates = |n: &roxmltree::Node| -> Vec<(String, String)> {
            n.children()
                .filter(|c| c.has_tag_name((XHTML, "link")))
                .map(|c| {
                    (
                        c.attribute("hreflang").unwrap().to_owned(),
                        c.attribute("href").unwrap().to_owned(),
                    )
                })
                .collect()
        };
        let loc = |n: &roxmltree::Node| {
            n.children()
                .find(|c| c.has_tag_name((SITEMAP, "loc")))
                .and_then(|c| c.text())
                .unwrap()
                .to_owned()
        };
        assert_eq!(loc(&urls[3]), "https://example.org/bulletin/ar/2024/plan/");
        let expected = [
            ("en", "https://example.org/bulletin/en/2024/plan/"),
            ("ar", "https://example.org/bulletin/ar/2024/plan/"),
            ("x-default", "https://example.org/bulletin/en/2024/plan/"),
        ]
        .map(|(l, h)| (l.to_owned(), h.to_owned()));
        assert_eq!(alternates(&urls[2]), expected);
        assert_eq!(alternates(&urls[3]), expected, "and back");
        assert_eq!(
            alternates(&urls[0]).last().unwrap().1,
            "https://example.org/bulletin/",
            "the language chooser is the home pages' x-default"
        );
        assert!(
            alternates(&urls[4]).is_empty(),
            "a page in one language only"
        );
        assert!(files[0].1.contains("<lastmod>2024-02</lastmod>"));
        assert_eq!(
            files[1].1,
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/bulletin/sitemap.xml\n"
        );
    }

    #[test]
    fn past_the_limit_the_sitemap_is_an_index_of_parts() {
        let files = files(&routes(), &lang("en"), &addresses(&pages()), 2);
        let names: Vec<String> = files.iter().map(|(r, _)| r.path()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "robots.txt"
            ]
        );
        let index = roxmltree::Document::parse(&files[0].1).unwrap();
        let parts: Vec<&str> = index
            .descendants()
            .filter(|n| n.has_tag_name((SITEMAP, "loc")))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            parts,
            [
                "https://example.org/bulletin/sitemap-1.xml",
                "https://example.org/bulletin/sitemap-2.xml",
                "https://example.org/bulletin/sitemap-3.xml"
            ]
        );
        let counts: Vec<usize> = files[1..4]
            .iter()
            .map(|(_, text)| {
                roxmltree::Document::parse(text)
                    .unwrap()
                    .descendants()
                    .filter(|n| n.has_tag_name((SITEMAP, "url")))
                    .count()
            })
            .collect();
        assert_eq!(counts, [2, 2, 1]);
        let routes: Vec<Route> = files.iter().map(|(r, _)| r.clone()).collect();
        assert_eq!(routes, file_routes(5, 2));
    }
}
