//! The link check: every internal link, asset reference and `#fragment` of the
//! built site must lead somewhere, or the build fails naming the page and the link.
//!
//! Steps:
//! 1. in parallel, read every HTML page for its ids and the addresses it refers
//!    to (`href`, `src`, `srcset`);
//! 2. resolve each address against the page's own address; leave out other
//!    sites and schemes (`mailto:`, `data:`);
//! 3. check that the file exists in the output (a folder's `index.html` for
//!    `…/`), and that a `#fragment` names an id of the page it points to;
//! 4. report each broken address once, with the first page using it and how many
//!    others do (a broken link in a template is on every page).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use lol_html::{HtmlRewriter, Settings, element};
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use url::Url;

use crate::error::{Diagnostic, Error, Result};
use crate::output::Page;

/// What a page holds for the check.
#[derive(Debug, Default)]
pub struct Scanned {
    /// The ids of its elements (and `name`s of its anchors).
    pub ids: HashSet<String>,
    /// Every address it refers to, as written.
    pub links: Vec<String>,
}

/// Reads one HTML page's ids and addresses.
pub fn scan(html: &str) -> Scanned {
    let ids = RefCell::new(HashSet::new());
    let links = RefCell::new(Vec::new());
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new()
                .append_element_content_handler(element!("[id]", |el| {
                    if let Some(id) = el.get_attribute("id") {
                        ids.borrow_mut().insert(id);
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("a[name]", |el| {
                    if let Some(name) = el.get_attribute("name") {
                        ids.borrow_mut().insert(name);
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("a[href], link[href], area[href]", |el| {
                    if let Some(href) = el.get_attribute("href") {
                        links.borrow_mut().push(href);
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("[src]", |el| {
                    if let Some(src) = el.get_attribute("src") {
                        links.borrow_mut().push(src);
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("[srcset]", |el| {
                    if let Some(set) = el.get_attribute("srcset") {
                        let mut links = links.borrow_mut();
                        for candidate in set.split(',') {
                            if let Some(url) = candidate.split_whitespace().next() {
                                links.push(url.to_owned());
                            }
                        }
                    }
                    Ok(())
                })),
            |_: &[u8]| {},
        );
        // The pages were rendered by the build: reading them cannot fail but on
        // limits, and then the page is checked as far as it was read.
        let _ = rewriter.write(html.as_bytes());
        let _ = rewriter.end();
    }
    Scanned {
        ids: ids.into_inner(),
        links: links.into_inner(),
    }
}

/// Where an address leads, if it is one of this site's.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A file of the output, and the fragment asked for.
    File(PathBuf, Option<String>),
    /// An address on this host outside the site's base path.
    OutsideBase,
    /// Another site, or a scheme that is not the web's.
    Elsewhere,
}

/// Resolves `link`, found on the page at `page` (an absolute URL), against the
/// site published at `base`.
fn resolve(base: &Url, page: &Url, link: &str) -> Target {
    let link = link.trim();
    if link.is_empty() || link.starts_with("#:~:") {
        return Target::Elsewhere;
    }
    let Ok(url) = page.join(link) else {
        return Target::Elsewhere;
    };
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str() != base.host_str()
        || url.port_or_known_default() != base.port_or_known_default()
    {
        return Target::Elsewhere;
    }
    let Some(relative) = url.path().strip_prefix(base.path()) else {
        return Target::OutsideBase;
    };
    let decoded = percent_decode_str(relative)
        .decode_utf8_lossy()
        .into_owned();
    let mut file = PathBuf::from(&decoded);
    if decoded.is_empty() || decoded.ends_with('/') {
        file.push("index.html");
    }
    Target::File(
        file,
        url.fragment().filter(|f| !f.is_empty()).map(str::to_owned),
    )
}

/// Checks the links of the HTML `pages` against the files of the output (the
/// pages' own and `others`: static files, pages not rendered again) and the ids
/// of the pages; `Err` lists every broken address.
pub fn check<'a>(
    base: &Url,
    pages: &'a [Page],
    others: impl IntoIterator<Item = &'a Path>,
) -> Result<()> {
    let files: HashSet<&Path> = pages
        .iter()
        .map(|p| p.file.as_path())
        .chain(others)
        .collect();
    let exists = |f: &Path| files.contains(f);
    let scanned: Vec<(&Page, Scanned)> = pages
        .par_iter()
        .filter(|p| p.file.extension().is_some_and(|e| e == "html"))
        .map(|p| (p, scan(&p.contents)))
        .collect();
    let ids: HashMap<&Path, &HashSet<String>> = scanned
        .iter()
        .map(|(p, s)| (p.file.as_path(), &s.ids))
        .collect();
    // Each broken address: the problem, the first page with it, how many pages have it.
    let mut broken: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
    for (page, found) in &scanned {
        let address = page_address(base, &page.file);
        for link in &found.links {
            let problem = match resolve(base, &address, link) {
                Target::Elsewhere => continue,
                Target::OutsideBase => format!("it leaves the site's address {base}"),
                Target::File(file, fragment) => {
                    let file = if exists(&file) || ids.contains_key(file.as_path()) {
                        file
                    } else if exists(&file.join("index.html")) {
                        file.join("index.html")
                    } else {
                        let path = file
                            .to_string_lossy()
                            .trim_end_matches("index.html")
                            .to_owned();
                        broken
                            .entry((link.clone(), format!("there is no page or file /{path}")))
                            .and_modify(|(_, n)| *n += 1)
                            .or_insert((page_name(page), 1));
                        continue;
                    };
                    match (fragment, ids.get(file.as_path())) {
                        (Some(fragment), Some(ids)) if !ids.contains(&fragment) => {
                            let shown = file
                                .to_string_lossy()
                                .trim_end_matches("index.html")
                                .to_owned();
                            format!("the page /{shown} has no element with id `{fragment}`")
                        }
                        _ => continue,
                    }
                }
            };
            broken
                .entry((link.clone(), problem))
                .and_modify(|(_, n)| *n += 1)
                .or_insert((page_name(page), 1));
        }
    }
    let problems: Vec<Diagnostic> = broken
        .into_iter()
        .map(|((link, problem), (page, count))| {
            let others = match count {
                1 => String::new(),
                2 => " and 1 other page".to_owned(),
                n => format!(" and {} other pages", n - 1),
            };
            Diagnostic::file(
                Path::new(&page),
                format!("broken link `{link}` on this page{others}: {problem}"),
            )
            .with_hint(
                "correct the address in the article or template that writes it: pages are at /<lang>/<year>/<slug>/, files of static/ at the site's root",
            )
        })
        .collect();
    Error::check(problems)
}

/// Every address of another site the `pages` link to, with the first page linking to it.
pub fn external(base: &Url, pages: &[Page]) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for page in pages
        .iter()
        .filter(|p| p.file.extension().is_some_and(|e| e == "html"))
    {
        let address = page_address(base, &page.file);
        for link in scan(&page.contents).links {
            let Ok(url) = address.join(link.trim()) else {
                continue;
            };
            let other_host = url.host_str() != base.host_str()
                || url.port_or_known_default() != base.port_or_known_default();
            if matches!(url.scheme(), "http" | "https") && other_host {
                let mut url = url;
                url.set_fragment(None);
                found
                    .entry(url.to_string())
                    .or_insert_with(|| page_name(page));
            }
        }
    }
    found
}

/// Tries each external address (`HEAD`, then `GET` when refused), `timeout` at
/// most each, several at a time; returns a warning for each that fails.
pub fn try_external(
    addresses: &BTreeMap<String, String>,
    timeout: std::time::Duration,
) -> Vec<Diagnostic> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .build()
        .into();
    let attempt = |url: &str| -> std::result::Result<(), String> {
        match agent.head(url).call() {
            Ok(_) => Ok(()),
            // Some servers refuse HEAD; ask for the page itself.
            Err(ureq::Error::StatusCode(405 | 403 | 501)) => {
                agent.get(url).call().map(|_| ()).map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(8)
        .build()
        .expect("threads start");
    let mut problems: Vec<Diagnostic> = pool.install(|| {
        addresses
            .par_iter()
            .filter_map(|(url, page)| {
                attempt(url).err().map(|reason| {
                    Diagnostic::file(
                        Path::new(page),
                        format!("the external link `{url}` on this page failed: {reason}"),
                    )
                    .with_hint("the other site may be down for now; if the page moved, link to its new address")
                })
            })
            .collect()
    });
    problems.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.message.cmp(&b.message))
    });
    problems
}

/// The absolute address of the page written to `file`.
fn page_address(base: &Url, file: &Path) -> Url {
    let path = file.to_string_lossy();
    let path = path.strip_suffix("index.html").unwrap_or(&path);
    base.join(path).unwrap_or_else(|_| base.clone())
}

/// How a page is named in messages: its address below the site (`/en/2024/plan/`).
fn page_name(page: &Page) -> String {
    let path = page.file.to_string_lossy();
    format!("/{}", path.strip_suffix("index.html").unwrap_or(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(file: &str, html: &str) -> Page {
        Page {
            file: file.into(),
            contents: html.into(),
            searchable: false,
        }
    }

    #[test]
    fn addresses_resolve_against_the_page_and_the_base_path() {
        let base = Url::parse("https://example.org/bulletin/").unwrap();
        let page = page_address(&base, Path::new("en/2024/plan/index.html"));
        let file = |f: &str, frag: Option<&str>| Target::File(f.into(), frag.map(str::to_owned));
        let table = [
            ("/bulletin/en/", file("en/index.html", None)),
            (
                "../../provinces/ha-tinh/#figures",
                file("en/provinces/ha-tinh/index.html", Some("figures")),
            ),
            (
                "#key-figures",
                file("en/2024/plan/index.html", Some("key-figures")),
            ),
            (
                "https://example.org/bulletin/style.css",
                file("style.css", None),
            ),
            ("/bulletin/ar/%D8%A8/", file("ar/ب/index.html", None)),
            ("/en/", Target::OutsideBase),
            ("https://other.example/x", Target::Elsewhere),
            ("mailto:editor@example.org", Target::Elsewhere),
            ("data:,", Target::Elsewhere),
        ];
        for (link, target) in table {
            assert_eq!(resolve(&base, &page, link), target, "{link}");
        }
    }

    #[test]
    fn broken_links_and_fragments_are_named_with_their_page() {
        let base = Url::parse("https://example.org/").unwrap();
        let pages = [
            page(
                "en/index.html",
                r##"<h1 id="top">x</h1><a href="/en/a/#top">a</a><a href="/en/missing/">m</a><a href="#nowhere">n</a><img src="/logo.png" srcset="/logo.png 1x, /logo@2x.png 2x">"##,
            ),
            page(
                "en/a/index.html",
                r#"<p id="top"><a href="/en/missing/">m</a><a href="/en/">home</a>"#,
            ),
        ];
        let err = check(&base, &pages, [Path::new("logo.png")]).unwrap_err();
        let messages: Vec<(String, String)> = err
            .diagnostics()
            .iter()
            .map(|d| (d.path.display().to_string(), d.message.clone()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "/en/".to_owned(),
                    "broken link `#nowhere` on this page: the page /en/ has no element with id `nowhere`".to_owned()
                ),
                (
                    "/en/".to_owned(),
                    "broken link `/en/missing/` on this page and 1 other page: there is no page or file /en/missing/".to_owned()
                ),
                (
                    "/en/".to_owned(),
                    "broken link `/logo@2x.png` on this page: there is no page or file /logo@2x.png".to_owned()
                ),
            ]
        );
        let fixed = [page(
            "en/index.html",
            r##"<h1 id="top"></h1><a href="#top">t</a>"##,
        )];
        assert!(check(&base, &fixed, []).is_ok());
    }
}
