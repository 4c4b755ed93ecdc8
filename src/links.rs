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
//!
//! `bulletin check --external` also gathers the addresses of other sites the
//! pages link to, and tries each ([`try_external`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use url::Url;

use crate::error::{Diagnostic, Error, Result};
use crate::output::Files;
use crate::routes::{Routes, SiteFile};

/// What a page holds for the check.
#[derive(Debug, Default)]
pub struct Scanned<'h> {
    /// The ids of its elements (and `name`s of its anchors).
    pub ids: HashSet<Cow<'h, str>>,
    /// Every address it refers to, as written.
    pub links: Vec<Cow<'h, str>>,
}

/// Reads one HTML page's ids and addresses.
///
/// A tokenizer for just what the check needs, following HTML's rules for tags,
/// attributes (quoted or not, any case), comments, and the raw text of `script`
/// and `style` (which is not markup): the pages are the build's own output, up to
/// a few hundred megabytes for a large archive, and a general HTML parser spent
/// more time here than rendering them.
pub fn scan(html: &[u8]) -> Scanned<'_> {
    let mut found = Scanned::default();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &html[at..]) {
        let open = at + offset;
        let rest = &html[open + 1..];
        at = if let Some(comment) = rest.strip_prefix(b"!--") {
            memchr::memmem::find(comment, b"-->").map_or(html.len(), |end| open + 4 + end + 3)
        } else if rest.starts_with(b"!") || rest.starts_with(b"?") || rest.starts_with(b"/") {
            // A doctype, processing instruction or end tag: nothing to read.
            memchr::memchr(b'>', rest).map_or(html.len(), |end| open + 1 + end + 1)
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let (name, end) = start_tag(rest, &mut found);
            let after = open + 1 + end;
            if [b"script".as_slice(), b"style"]
                .iter()
                .any(|raw| name.eq_ignore_ascii_case(raw))
            {
                raw_text_end(html, after, name)
            } else {
                after
            }
        } else {
            // A `<` in text.
            open + 1
        };
    }
    found
}

/// Reads the start tag at the start of `tag` (just after its `<`), keeping the
/// attributes the check needs; returns the tag's name and where the tag ends.
///
/// One loop over the tag's bytes, as HTML's tokenizer reads attributes: its
/// states are the position `i` alone, and splitting it would pass that around.
fn start_tag<'a>(bytes: &'a [u8], found: &mut Scanned<'a>) -> (&'a [u8], usize) {
    let name_end = bytes
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .unwrap_or(bytes.len());
    let name = &bytes[..name_end];
    let is_anchor = name.eq_ignore_ascii_case(b"a");
    let links_by_href =
        is_anchor || name.eq_ignore_ascii_case(b"link") || name.eq_ignore_ascii_case(b"area");
    let mut i = name_end;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (name, bytes.len());
        }
        if bytes[i] == b'>' {
            return (name, i + 1);
        }
        // The attribute's name runs to a space, `/`, `>` or `=` (a first `=` is part of it).
        let name_start = i;
        i += 1;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'/' | b'>' | b'=')
        {
            i += 1;
        }
        let attribute = &bytes[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'=' {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = memchr::memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                let value = &bytes[i + 1..end];
                i = (end + 1).min(bytes.len());
                value
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                &bytes[start..i]
            }
        };
        let is = |wanted: &[u8]| attribute.eq_ignore_ascii_case(wanted);
        if is(b"id") || (is_anchor && is(b"name")) {
            found.ids.insert(decode(text(value)));
        } else if is(b"src") || (links_by_href && is(b"href")) {
            found.links.push(decode(text(value)));
        } else if is(b"srcset") {
            for candidate in decode(text(value)).split(',') {
                if let Some(url) = candidate.split_whitespace().next() {
                    found.links.push(Cow::Owned(url.to_owned()));
                }
            }
        }
    }
}

/// An attribute value as text: whole UTF-8, as the pages are UTF-8 and a value
/// ends at an ASCII byte.
fn text(value: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(value)
}

/// Where the raw text of a `script` or `style` element that starts at `from` ends:
/// after its end tag, whatever the text holds.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"</") {
        let tag = at + offset + 2;
        let closes = bytes
            .get(tag..tag + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if closes {
            return memchr::memchr(b'>', &bytes[tag..]).map_or(bytes.len(), |end| tag + end + 1);
        }
        at = tag;
    }
    bytes.len()
}

/// An attribute value with its character references replaced: the named ones
/// templates and Markdown write (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
/// `&nbsp;`) and numeric ones.
fn decode(value: Cow<'_, str>) -> Cow<'_, str> {
    if !value.contains('&') {
        return value;
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = &*value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let reference = rest[1..].find(';').map(|end| &rest[1..1 + end]);
        let decoded = reference.and_then(|r| match r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => {
                let number = r.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (reference, decoded) {
            (Some(r), Some(c)) => {
                out.push(c);
                rest = &rest[r.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where an address leads.
#[derive(Debug, PartialEq, Eq)]
enum Destination {
    /// A file of the output, and the fragment asked for.
    File(SiteFile, Option<String>),
    /// An address on this host outside the site's base path.
    OutsideBase,
    /// A page of another site (without its fragment).
    OtherSite(Url),
    /// A scheme that is not the web's (`mailto:`, `data:`), or no address at all.
    NotWeb,
}

/// Resolves `link`, found on the page at `page` (an absolute URL), against the
/// site published at `base`.
fn resolve(base: &Url, page: &Url, link: &str) -> Destination {
    let link = link.trim();
    if link.is_empty() || link.starts_with("#:~:") {
        return Destination::NotWeb;
    }
    let Ok(mut url) = page.join(link) else {
        return Destination::NotWeb;
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Destination::NotWeb;
    }
    if url.host_str() != base.host_str()
        || url.port_or_known_default() != base.port_or_known_default()
    {
        url.set_fragment(None);
        return Destination::OtherSite(url);
    }
    let Some(relative) = url.path().strip_prefix(base.path()) else {
        return Destination::OutsideBase;
    };
    Destination::File(
        SiteFile::from_url_path(relative),
        url.fragment()
            .filter(|f| !f.is_empty())
            .map(|f| decode_percent(f).into_owned()),
    )
}

/// The link check of a build whose pages come one at a time, from several
/// threads, and are not kept: each page is read as it comes, and only what a
/// later page could change is kept (its ids, and links into other pages'
/// fragments). The files of the output are known from the start.
pub struct Checker<'a> {
    routes: &'a Routes,
    /// Whether the addresses of other sites are gathered.
    gather_external: bool,
    found: Mutex<Pending>,
    /// Links already followed to a file of the output, by the thread that did
    /// (one set each, so none waits for another): a page's navigation, language
    /// switcher and province links are on thousands of pages, and each is
    /// resolved once per thread. Only links whose target does not depend on the
    /// page are kept: a path from the root, without a fragment.
    leading: Vec<Mutex<HashSet<Box<str>>>>,
}

/// What the pages read so far leave to check, and what they broke.
#[derive(Default)]
struct Pending {
    /// Hashes of each page's ids, by file.
    ids: HashMap<SiteFile, HashSet<u64>>,
    /// Links to a fragment of another page: target file, fragment, link, page.
    fragments: Vec<(SiteFile, String, String, String)>,
    /// Each broken address: the problem, the first page with it (by name), how many pages have it.
    broken: BTreeMap<(String, String), (String, usize)>,
    /// Each address of another site, with the first page (by name) linking to it.
    external: BTreeMap<String, String>,
}

impl Pending {
    fn broken(&mut self, link: &str, problem: String, page: &str) {
        self.broken
            .entry((link.to_owned(), problem))
            .and_modify(|(first, n)| {
                *n += 1;
                if page < first.as_str() {
                    *first = page.to_owned();
                }
            })
            .or_insert((page.to_owned(), 1));
    }

    fn external(&mut self, url: Url, page: &str) {
        self.external
            .entry(url.into())
            .and_modify(|first| {
                if page < first.as_str() {
                    *first = page.to_owned();
                }
            })
            .or_insert_with(|| page.to_owned());
    }
}

/// What one page's links found, gathered before they are added to the
/// check's [`Pending`] under its lock.
struct PageLinks<'p, 'l> {
    this: &'p SiteFile,
    /// The page's absolute address, made only for the links that need it.
    address: Option<Url>,
    /// Broken links and their problems.
    broken: Vec<(&'l str, String)>,
    /// Links to a fragment of another page: the file, the fragment, the link.
    fragments: Vec<(SiteFile, String, &'l str)>,
    /// Addresses of other sites.
    external: Vec<Url>,
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// Every address of another site the pages link to, each with the first page
/// (by name) that does.
pub type External = BTreeMap<String, String>;

impl<'a> Checker<'a> {
    /// A check of the site whose addresses `routes` makes; with
    /// `gather_external`, the addresses of other sites are gathered too.
    pub fn new(routes: &'a Routes, gather_external: bool) -> Checker<'a> {
        Checker {
            routes,
            gather_external,
            found: Mutex::new(Pending::default()),
            leading: (0..=rayon::current_num_threads())
                .map(|_| Mutex::default())
                .collect(),
        }
    }

    /// Reads one page, `html`, written to `this`, the output holding `files`
    /// (HTML pages only; other files are let through).
    pub fn scan(&self, files: &dyn Files, this: &SiteFile, html: &[u8]) {
        if !this.is_html() {
            return;
        }
        let scanned = scan(html);
        // The main thread is the last set's; workers have their own.
        let last = self.leading.len() - 1;
        let shard = rayon::current_thread_index().map_or(last, |i| i.min(last));
        let mut leading = self.leading[shard]
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut page = PageLinks {
            this,
            address: None,
            broken: Vec::new(),
            fragments: Vec::new(),
            external: Vec::new(),
        };
        for link in &scanned.links {
            if !leading.contains(link.as_ref()) && self.follow(files, &scanned, &mut page, link) {
                leading.insert(link.as_ref().into());
            }
        }
        drop(leading);
        let ids = scanned.ids.iter().map(|id| id_hash(id)).collect();
        let name = this.page_name();
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        found.ids.insert(this.clone(), ids);
        for (file, fragment, link) in page.fragments {
            found
                .fragments
                .push((file, fragment, link.to_owned(), name.clone()));
        }
        for (link, problem) in page.broken {
            found.broken(link, problem, &name);
        }
        for url in page.external {
            found.external(url, &name);
        }
    }

    /// Follows one `link` of the page `scanned`, noting in `page` where it
    /// is broken, the fragment of another page it asks for, or the other site
    /// it leads to. Returns whether it leads to a file whatever page it is on
    /// (a path from the root, without a fragment), so it need not be followed
    /// again.
    fn follow<'l>(
        &self,
        files: &dyn Files,
        scanned: &Scanned<'_>,
        page: &mut PageLinks<'_, 'l>,
        link: &'l str,
    ) -> bool {
        let base = self.routes.base();
        // What `resolve_fast` reads without a fragment is a path from the root.
        let (target, from_root) = match resolve_fast(base, page.this, link) {
            Some(target) => (target, true),
            None => {
                let this = page.this;
                let address = page
                    .address
                    .get_or_insert_with(|| self.routes.address_of(this));
                (resolve(base, address, link), false)
            }
        };
        let (file, fragment) = match target {
            Destination::NotWeb => return false,
            Destination::OtherSite(url) => {
                if self.gather_external {
                    page.external.push(url);
                }
                return false;
            }
            Destination::OutsideBase => {
                let problem = format!("it leaves the site's address {base}");
                page.broken.push((link, problem));
                return false;
            }
            Destination::File(file, fragment) => (file, fragment),
        };
        let file = if files.contains(file.as_str()) {
            file
        } else {
            let folder = SiteFile::from_url_path(&format!("{file}/"));
            if !files.contains(folder.as_str()) {
                let path = file.as_str().trim_end_matches("index.html");
                page.broken
                    .push((link, format!("there is no page or file /{path}")));
                return false;
            }
            folder
        };
        match fragment {
            None => from_root,
            // A fragment of this page: its ids are all known now.
            Some(fragment) if file == *page.this => {
                if !scanned.ids.contains(fragment.as_str()) {
                    page.broken.push((link, missing_fragment(&file, &fragment)));
                }
                false
            }
            Some(fragment) => {
                page.fragments.push((file, fragment, link));
                false
            }
        }
    }

    /// Every broken address of the pages read, each once; else the addresses
    /// of other sites gathered.
    pub fn finish(&self) -> Result<External> {
        let mut found = std::mem::take(&mut *self.found.lock().unwrap_or_else(|e| e.into_inner()));
        for (file, fragment, link, page) in std::mem::take(&mut found.fragments) {
            // Pages not read (not rendered again in watch mode) are not checked.
            let missing = found
                .ids
                .get(&file)
                .is_some_and(|ids| !ids.contains(&id_hash(&fragment)));
            if missing {
                found.broken(&link, missing_fragment(&file, &fragment), &page);
            }
        }
        let problems: Vec<Diagnostic> = found
            .broken
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
        Error::if_any(problems)?;
        Ok(found.external)
    }
}

fn missing_fragment(file: &SiteFile, fragment: &str) -> String {
    format!(
        "the page {} has no element with id `{fragment}`",
        file.page_name()
    )
}

/// [`resolve`] without parsing URLs, for the links most pages are made of: a
/// fragment of the page itself, or a path from the root (or the site's own
/// absolute address) without `.` segments. `None` for the others.
fn resolve_fast(base: &Url, page: &SiteFile, link: &str) -> Option<Destination> {
    let plain = |s: &str| !s.contains(['\\', '\t', '\n', '\r', ' ']);
    if let Some(fragment) = link.strip_prefix('#') {
        if fragment.is_empty() || fragment.starts_with(":~:") || !plain(fragment) {
            return None;
        }
        return Some(Destination::File(
            page.clone(),
            Some(decode_percent(fragment).into_owned()),
        ));
    }
    // `https://example.org/bulletin/en/` is `/bulletin/en/` on this site.
    let origin = base.as_str().len() - base.path().len();
    let link = match link.strip_prefix(base.as_str()) {
        Some(_) => &link[origin..],
        None => link,
    };
    if !link.starts_with('/') || link.starts_with("//") || !plain(link) || link.contains("/.") {
        return None;
    }
    let (address, fragment) = match link.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (link, None),
    };
    let path = address.split_once('?').map_or(address, |(p, _)| p);
    let Some(relative) = path.strip_prefix(base.path()) else {
        return Some(Destination::OutsideBase);
    };
    let fragment = fragment
        .filter(|f| !f.is_empty())
        .map(|f| decode_percent(f).into_owned());
    Some(Destination::File(
        SiteFile::from_url_path(relative),
        fragment,
    ))
}

fn decode_percent(text: &str) -> Cow<'_, str> {
    percent_decode_str(text).decode_utf8_lossy()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of a test: its file and its HTML.
    type TestPage = (&'static str, &'static str);

    /// The files of a test's output.
    struct OutputFiles(Vec<String>);

    impl Files for OutputFiles {
        fn contains(&self, file: &str) -> bool {
            self.0.iter().any(|f| f == file)
        }
    }

    /// Checks `pages` one after the other, on this thread (in one set of links
    /// followed), the output holding them and the files `others`.
    fn check(base: &str, pages: &[TestPage], others: &[&str]) -> Result<External> {
        let routes = Routes::new(&Url::parse(base).unwrap());
        let files = OutputFiles(
            pages
                .iter()
                .map(|(f, _)| *f)
                .chain(others.iter().copied())
                .map(str::to_owned)
                .collect(),
        );
        let checker = Checker::new(&routes, true);
        for (file, html) in pages {
            let file = SiteFile::from_url_path(file);
            checker.scan(&files, &file, html.as_bytes());
        }
        checker.finish()
    }

    #[test]
    fn scan_reads_ids_and_addresses_as_html_does() {
        let html = r##"<!DOCTYPE html><html lang=en><head>
<link rel="stylesheet" HREF='/style.css'><link rel=icon href=/icon.png>
<script>let s = "<a href='/not-a-link/'>"; if (a<b) {}</script>
<style>a[href="/nor-this/"] { color: red }</STYLE></head>
<!-- <a href="/commented/"> -->
<body><h1 id="top" class=x>1 < 2</h1><a name=old-anchor></a>
<p title="a > b" ID = "key-figures"><a href="/en/?a=1&amp;b=2&#38;c#top">x</a>
<img src="/a.png" srcset="/a.png 1x, /a@2x.png 2x" alt=""><div name="not-an-id"></div>
<a href>empty</a><input disabled><a href="/last/""##;
        let found = scan(html.as_bytes());
        assert_eq!(
            found.links,
            [
                "/style.css",
                "/icon.png",
                "/en/?a=1&b=2&c#top",
                "/a.png",
                "/a.png",
                "/a@2x.png",
                "/last/"
            ]
        );
        let mut ids: Vec<&str> = found.ids.iter().map(|id| id.as_ref()).collect();
        ids.sort();
        assert_eq!(ids, ["key-figures", "old-anchor", "top"]);
    }

    #[test]
    fn character_references_are_decoded() {
        for (value, decoded) in [
            ("/a?x=1&amp;y=2", "/a?x=1&y=2"),
            ("&#x2F;b&#47;", "/b/"),
            ("&unknown; & &amp", "&unknown; & &amp"),
            ("&#xFFFFFFFF;", "&#xFFFFFFFF;"),
        ] {
            assert_eq!(decode(value.into()), decoded);
        }
    }

    #[test]
    fn addresses_resolve_against_the_page_and_the_base_path() {
        let base = Url::parse("https://example.org/bulletin/").unwrap();
        let page = Routes::new(&base).address_of(&SiteFile::from_url_path("en/2024/plan/"));
        let file = |f: &str, frag: Option<&str>| {
            Destination::File(SiteFile::from_url_path(f), frag.map(str::to_owned))
        };
        let other = |url: &str| Destination::OtherSite(Url::parse(url).unwrap());
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
            ("/en/", Destination::OutsideBase),
            (
                "https://other.example/x#part",
                other("https://other.example/x"),
            ),
            (
                "http://example.org:8080/",
                other("http://example.org:8080/"),
            ),
            ("mailto:editor@example.org", Destination::NotWeb),
            ("data:,", Destination::NotWeb),
        ];
        for (link, target) in table {
            assert_eq!(resolve(&base, &page, link), target, "{link}");
        }
    }

    #[test]
    fn the_fast_path_resolves_like_urls_do() {
        let base = Url::parse("https://example.org/bulletin/").unwrap();
        let file = SiteFile::from_url_path("en/2024/plan/");
        let page = Routes::new(&base).address_of(&file);
        let mut fast = 0;
        for link in [
            "#key-figures",
            "#H%C3%A0-T%C4%A9nh",
            "#Hà-Tĩnh",
            "/bulletin/en/",
            "/bulletin/en/provinces/ha-tinh/?page=2#figures",
            "https://example.org/bulletin/en/#top",
            "https://example.org/bulletin/style.css",
            "https://example.org/bulletinx/",
            "https://example.org/en/",
            "http://example.org/bulletin/en/",
            "/bulletin/ar/%D8%A8/",
            "/bulletin/style.css",
            "/bulletin",
            "/en/",
            "/bulletin/en/../vi/",
            "//other.example/x",
            "../../provinces/",
            "#",
        ] {
            let slow = resolve(&base, &page, link);
            if let Some(target) = resolve_fast(&base, &file, link) {
                assert_eq!(target, slow, "{link}");
                fast += 1;
            }
        }
        assert_eq!(fast, 11);
    }

    #[test]
    fn a_link_followed_once_is_not_taken_for_another_page_or_fragment() {
        let pages = [
            (
                "en/index.html",
                r#"<a href="/en/a/">a</a><a href="x/">x</a><a href="https://example.org/en/a/">a</a>"#,
            ),
            ("en/x/index.html", "<p>x</p>"),
            // The same addresses again: the first from the root, known to lead
            // somewhere; the relative one leads elsewhere from here; the fragment
            // must still be looked for.
            (
                "en/a/index.html",
                r#"<a href="/en/a/">a</a><a href="x/">x</a><a href="/en/a/#gone">g</a>"#,
            ),
        ];
        let err = check("https://example.org/", &pages, &[]).unwrap_err();
        let messages: Vec<&str> = err
            .diagnostics()
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "broken link `/en/a/#gone` on this page: the page /en/a/ has no element with id `gone`",
                "broken link `x/` on this page: there is no page or file /en/a/x/",
            ]
        );
    }

    #[test]
    fn broken_links_and_fragments_are_named_with_their_page() {
        let base = "https://example.org/";
        let pages = [
            (
                "en/index.html",
                r##"<h1 id="top">x</h1><a href="/en/a/#top">a</a><a href="/en/missing/">m</a><a href="#nowhere">n</a><img src="/logo.png" srcset="/logo.png 1x, /logo@2x.png 2x">"##,
            ),
            (
                "en/a/index.html",
                r#"<p id="top"><a href="/en/missing/">m</a><a href="/en/">home</a>"#,
            ),
        ];
        let err = check(base, &pages, &["logo.png"]).unwrap_err();
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
        let fixed = [(
            "en/index.html",
            r##"<h1 id="top"></h1><a href="#top">t</a>"##,
        )];
        assert!(check(base, &fixed, &[]).is_ok());
    }

    #[test]
    fn other_sites_are_gathered_with_the_first_page_linking_to_them() {
        let pages = [
            (
                "en/b/index.html",
                r#"<a href="https://other.example/x#one">x</a><a href="mailto:a@b.c">m</a>"#,
            ),
            (
                "en/a/index.html",
                r#"<a href="https://other.example/x#two">x</a><a href="//cdn.example/y">y</a>"#,
            ),
        ];
        let external = check("https://example.org/", &pages, &[]).unwrap();
        let found: Vec<(&str, &str)> = external
            .iter()
            .map(|(url, page)| (url.as_str(), page.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("https://cdn.example/y", "/en/a/"),
                ("https://other.example/x", "/en/a/")
            ]
        );
    }
}
