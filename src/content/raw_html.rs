//! Raw HTML in articles, which is untrusted: text pasted from news portals
//! can hold scripts, frames, event handlers and `javascript:` links.
//!
//! In the default mode (`raw_html = "clean"`) an article's HTML goes through
//! ammonia's allow-list, which keeps what articles use (tables, lists, images,
//! `sup`, `sub`, `abbr`, `figure`, …) and drops the rest: scripts and styles
//! with their content, frames, forms, `meta` and `base`, every attribute it
//! does not know (event handlers, `style`), links to anything but the web
//! and e-mail, and images loaded from other sites. Before that, every raw
//! HTML fragment of the Markdown and every Markdown link is read against the
//! same lists, so that each thing dropped is a warning at its line.
//!
//! An article without raw HTML or doubtful links is not cleaned: pulldown-cmark
//! escapes its text and attributes already, and its HTML stays as it was.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The schemes a link may use: the web's, and e-mail.
const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Attributes every kept element may carry besides ammonia's (`lang`,
/// `title`): ids and classes (headings' anchors, footnotes) and the text's
/// direction, which Arabic text needs.
const GENERIC_ATTRIBUTES: [&str; 3] = ["id", "class", "dir"];

/// Attributes of `<img>` besides ammonia's: those of a responsive photo, as
/// the site's own photos have them.
const IMG_ATTRIBUTES: [&str; 5] = ["srcset", "sizes", "loading", "decoding", "fetchpriority"];

/// Attributes of `<source>` in a `<picture>`.
const SOURCE_ATTRIBUTES: [&str; 6] = ["srcset", "sizes", "type", "media", "width", "height"];

/// Something cleaning drops, and where its text is in the fragment read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Where it is written.
    pub at: Range<usize>,
    /// What it is, for a reader of the warning (`the <script> element`).
    pub what: String,
    /// Why it is dropped.
    pub why: Why,
}

/// Why cleaning drops something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// An element or attribute the allow-list does not have.
    NotAllowed,
    /// An address that is not the web's or e-mail's (`javascript:`, `data:`).
    NotWeb,
    /// An image loaded from another site.
    Elsewhere,
}

impl Why {
    /// The end of the warning's sentence, after what is dropped.
    pub fn reason(self) -> &'static str {
        match self {
            Why::NotAllowed => "readers will not see it",
            Why::NotWeb => "it is not a web address",
            Why::Elsewhere => "pages load nothing from other sites",
        }
    }

    /// What the editor can do.
    pub fn hint(self) -> &'static str {
        match self {
            Why::NotAllowed => {
                "raw HTML is cleaned (raw_html = \"clean\" in site.toml): write it in Markdown or remove it; a site whose editors embed content on purpose sets raw_html = \"trusted\""
            }
            Why::NotWeb => "link to a web page (https://…) or an e-mail address (mailto:…)",
            Why::Elsewhere => {
                "save the picture in the site (beside the article or under static/) and link it from there"
            }
        }
    }
}

/// The allow-list of raw HTML, and what reads fragments against it.
pub struct Cleaner {
    ammonia: ammonia::Builder<'static>,
    tags: HashSet<&'static str>,
    /// Elements dropped with their content (scripts, styles).
    with_content: HashSet<&'static str>,
    generic_attributes: HashSet<&'static str>,
    tag_attributes: HashMap<&'static str, HashSet<&'static str>>,
    /// The host images may load from: the site's own.
    host: Option<String>,
}

impl std::fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cleaner").field("host", &self.host).finish()
    }
}

impl Cleaner {
    /// The cleaner of a site published at `site`.
    pub fn new(site: &url::Url) -> Cleaner {
        let host = site.host_str().map(str::to_owned);
        let mut ammonia = ammonia::Builder::default();
        ammonia
            .url_schemes(SCHEMES.into_iter().collect())
            .add_generic_attributes(GENERIC_ATTRIBUTES)
            .add_tags(["picture", "source"])
            .add_tag_attributes("img", IMG_ATTRIBUTES)
            .add_tag_attributes("source", SOURCE_ATTRIBUTES)
            .link_rel(None);
        let own = host.clone();
        // Images load only from the site itself.
        ammonia.attribute_filter(move |_element, attribute, value| {
            loaded_elsewhere(own.as_deref(), attribute, value)
                .is_none()
                .then(|| value.into())
        });
        Cleaner {
            tags: ammonia.clone_tags(),
            with_content: ammonia.clone_clean_content_tags(),
            generic_attributes: ammonia.clone_generic_attributes(),
            tag_attributes: ammonia.clone_tag_attributes(),
            ammonia,
            host,
        }
    }

    /// The HTML `html`, cleaned.
    pub fn clean(&self, html: &str) -> String {
        self.ammonia.clean(html).to_string()
    }

    /// What cleaning drops of the raw HTML `fragment` (an HTML block or an
    /// inline tag of the Markdown).
    pub fn inspect(&self, fragment: &str) -> Vec<Dropped> {
        let sink = Reader {
            cleaner: self,
            text: fragment,
            found: RefCell::default(),
        };
        let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(fragment.into());
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        tokenizer.sink.found.into_inner().dropped
    }

    /// What is dropped of the Markdown link (or image) to `url`, and why, if anything.
    pub fn doubtful_link(&self, url: &str, image: bool) -> Option<(String, Why)> {
        let kind = if image { "image" } else { "link" };
        if !allowed_url(url) {
            return Some((format!("the {kind} to `{url}`"), Why::NotWeb));
        }
        (image && !loads_from(self.host.as_deref(), url))
            .then(|| (format!("the image from `{url}`"), Why::Elsewhere))
    }

    /// What is dropped of the attribute `name="value"` of `<tag>`, and why, if anything.
    fn dropped_attribute(&self, tag: &str, name: &str, value: &str) -> Option<(String, Why)> {
        let allowed = self.generic_attributes.contains(name)
            || self
                .tag_attributes
                .get(tag)
                .is_some_and(|a| a.contains(name));
        if !allowed {
            return Some((
                format!("the `{name}` attribute of <{tag}>"),
                Why::NotAllowed,
            ));
        }
        if is_url_attribute(tag, name) && !allowed_url(value) {
            return Some((format!("the address `{value}` of <{tag}>"), Why::NotWeb));
        }
        loaded_elsewhere(self.host.as_deref(), name, value)
            .map(|url| (format!("the image of <{tag}> from `{url}`"), Why::Elsewhere))
    }
}

/// How deep the elements of `html` nest, as its tags say: start tags count
/// up and end tags down, but for void elements and for those whose end tag
/// may be left out (`p`, `li`, table cells, …), which a parser closes by itself.
///
/// Cleaning parses the HTML into a tree, and the parser's work grows with the
/// square of the depth: 50,000 nested `<div>`s took eight seconds.
pub fn nesting(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + offset;
        at = open + 1;
        match bytes.get(at) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = bytes[at..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| at + n);
                let name = html[at..name_end].to_ascii_lowercase();
                let tag_end =
                    memchr::memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |n| name_end + n);
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                if !self_closing && !closes_by_itself(&name) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    deepest
}

/// Elements that are void, or whose end tag may be left out.
fn closes_by_itself(name: &str) -> bool {
    is_void(name)
        || matches!(
            name,
            "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option" | "rt" | "rp"
        )
}

/// Whether an HTML element is void: it has no content and no end tag.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Whether a link may lead to `url`: a relative address, or one of [`SCHEMES`]
/// (as ammonia parses it).
fn allowed_url(url: &str) -> bool {
    match url::Url::parse(url) {
        Ok(parsed) => SCHEMES.contains(&parsed.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// Whether a page of the site at `host` loading `url` loads it from the site:
/// a relative address, or an absolute one on the site's host.
fn loads_from(host: Option<&str>, url: &str) -> bool {
    let url = url.trim();
    match url::Url::parse(url) {
        Ok(parsed) => parsed.host_str().is_some() && parsed.host_str() == host,
        // `//other.example/x.png` has no scheme but another host.
        Err(url::ParseError::RelativeUrlWithoutBase) => !url.starts_with("//"),
        Err(_) => false,
    }
}

/// The address of the attribute `name="value"` that loads an image from
/// outside the site at `host`, if any: a `src`, or a candidate of a `srcset`.
fn loaded_elsewhere<'v>(host: Option<&str>, name: &str, value: &'v str) -> Option<&'v str> {
    match name {
        "src" => Some(value).filter(|url| !loads_from(host, url)),
        "srcset" => srcset_addresses(value).find(|url| !loads_from(host, url)),
        _ => None,
    }
}

/// The addresses of a `srcset`'s candidates (`a.webp 480w, b.webp 960w`),
/// read as the HTML standard reads them: an address runs to the next white
/// space, and commas that end it belong to no address.
fn srcset_addresses(srcset: &str) -> impl Iterator<Item = &str> {
    let mut rest = srcset;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (url, after) = rest.split_at(end);
        let url = url.trim_end_matches(',');
        // Unless the address ended with a comma, its descriptors run to the next one.
        rest = if rest[..end].ends_with(',') {
            after
        } else {
            after.find(',').map_or("", |comma| &after[comma..])
        };
        Some(url)
    })
}

/// The attributes ammonia reads as addresses.
fn is_url_attribute(tag: &str, name: &str) -> bool {
    matches!(name, "href" | "src" | "xlink:href")
        || (tag == "form" && name == "action")
        || (tag == "object" && name == "data")
        || (matches!(tag, "button" | "input") && name == "formaction")
        || (tag == "a" && name == "ping")
        || (tag == "video" && name == "poster")
}

/// Reads a fragment's tags as HTML does, noting what cleaning drops.
struct Reader<'c> {
    cleaner: &'c Cleaner,
    text: &'c str,
    found: RefCell<Found>,
}

#[derive(Default)]
struct Found {
    dropped: Vec<Dropped>,
    /// Where the search for the next tag's text starts.
    cursor: usize,
}

impl Reader<'_> {
    /// Where the tag `<name` is written, from the cursor on (each tag is
    /// after the one before, so a fragment is read once).
    fn place(&self, found: &mut Found, name: &str) -> Range<usize> {
        let bytes = self.text.as_bytes();
        let mut at = found.cursor;
        let start = loop {
            match memchr::memchr(b'<', &bytes[at.min(bytes.len())..]) {
                Some(offset) => {
                    let open = at + offset;
                    let candidate = &bytes[open + 1..(open + 1 + name.len()).min(bytes.len())];
                    if candidate.eq_ignore_ascii_case(name.as_bytes()) {
                        break open;
                    }
                    at = open + 1;
                }
                None => break found.cursor,
            }
        };
        let end = (start + name.len() + 1).min(self.text.len());
        found.cursor = end;
        start..end
    }
}

impl TokenSink for Reader<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name: &str = &tag.name;
        let mut found = self.found.borrow_mut();
        let at = self.place(&mut found, name);
        let cleaner = self.cleaner;
        if !cleaner.tags.contains(name) {
            let what = if cleaner.with_content.contains(name) {
                format!("the <{name}> element with its content")
            } else {
                format!("the <{name}> element")
            };
            found.dropped.push(Dropped {
                at,
                what,
                why: Why::NotAllowed,
            });
        } else {
            for attribute in &tag.attrs {
                let attribute_name: &str = &attribute.name.local;
                if let Some((what, why)) =
                    cleaner.dropped_attribute(name, attribute_name, &attribute.value)
                {
                    found.dropped.push(Dropped {
                        at: at.clone(),
                        what,
                        why,
                    });
                }
            }
        }
        // The text of scripts and styles is not markup.
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaner() -> Cleaner {
        Cleaner::new(&url::Url::parse("https://example.org/bulletin/").unwrap())
    }

    /// Each hostile fragment: what the warning says, and what must not survive cleaning.
    #[test]
    fn what_is_dropped_is_named_and_gone() {
        let c = cleaner();
        let table = [
            (
                "<script>alert(1)</script>",
                "the <script> element with its content",
                "alert",
            ),
            (
                "<iframe src=\"https://evil.example/\"></iframe>",
                "the <iframe> element",
                "iframe",
            ),
            (
                "<img src=\"a.png\" onerror=\"alert(1)\">",
                "the `onerror` attribute of <img>",
                "onerror",
            ),
            (
                "<a href=\"javascript:alert(1)\">x</a>",
                "the address `javascript:alert(1)` of <a>",
                "javascript",
            ),
            (
                "<a href=\"data:text/html,<b>x</b>\">x</a>",
                "the address `data:text/html,<b>x</b>` of <a>",
                "data:",
            ),
            (
                "<p style=\"position:fixed\">x</p>",
                "the `style` attribute of <p>",
                "style",
            ),
            (
                "<style>body{display:none}</style>",
                "the <style> element with its content",
                "display",
            ),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
                "the <meta> element",
                "refresh",
            ),
            (
                "<base href=\"https://evil.example/\">",
                "the <base> element",
                "evil",
            ),
            (
                "<form action=\"https://evil.example/\"><input name=\"p\"></form>",
                "the <form> element",
                "<form",
            ),
            (
                "<img src=\"https://tracker.example/pixel.gif\">",
                "the image of <img> from `https://tracker.example/pixel.gif`",
                "tracker",
            ),
            (
                "<img src=\"//tracker.example/pixel.gif\">",
                "the image of <img> from `//tracker.example/pixel.gif`",
                "tracker",
            ),
            (
                "<img src=\"a.png\" srcset=\"a.png 1x, https://tracker.example/b.png 2x\">",
                "the image of <img> from `https://tracker.example/b.png`",
                "tracker",
            ),
            (
                "<picture><source srcset=\"data:image/svg+xml,x,https://t.example/p.png\"><img src=\"a.png\"></picture>",
                "the image of <source> from `data:image/svg+xml,x,https://t.example/p.png`",
                "t.example",
            ),
        ];
        for (fragment, what, gone) in table {
            let dropped = c.inspect(fragment);
            assert!(
                dropped.iter().any(|d| d.what.starts_with(what)),
                "{fragment}: {dropped:?}"
            );
            let cleaned = c.clean(fragment);
            assert!(!cleaned.contains(gone), "{fragment} → {cleaned}");
        }
        // Caught in any case and wherever it is.
        let dropped = c.inspect("<p>a</p>\n<p>b <IMG SRC=x.png OnError=alert(1)></p>");
        assert_eq!(dropped.len(), 1, "{dropped:?}");
        assert_eq!(dropped[0].at, 14..18, "the tag `<IMG`");
    }

    #[test]
    fn what_articles_use_is_kept_without_a_warning() {
        let c = cleaner();
        for fragment in [
            "<table><tr><th>A</th><td colspan=\"2\">1</td></tr></table>",
            "<p>H<sub>2</sub>O, 10<sup>3</sup>, <abbr title=\"Hợp tác xã\">HTX</abbr><br></p>",
            "<figure><img src=\"photo.jpg\" alt=\"A\" width=\"10\" height=\"5\"><figcaption>Ảnh</figcaption></figure>",
            "<img src=\"https://example.org/bulletin/logo.png\" alt=\"\">",
            "<picture><source type=\"image/webp\" srcset=\"/photos/a-480.webp 480w,/photos/a-960.webp 960w\" sizes=\"100vw\"><img src=\"/photos/a-960.jpg\" alt=\"A\" width=\"960\" height=\"640\" loading=\"lazy\" decoding=\"async\"></picture>",
            "<a href=\"https://other.example/x\">x</a> <a href=\"mailto:a@b.c\">m</a> <a href=\"../y/\">y</a>",
            "<p dir=\"rtl\" lang=\"ar\" id=\"a\" class=\"b\">نص</p>",
        ] {
            assert_eq!(c.inspect(fragment), Vec::new(), "{fragment}");
            let cleaned = c.clean(fragment);
            for kept in [
                "<table",
                "<sub>",
                "<figure>",
                "photo.jpg",
                "<source type=\"image/webp\" srcset=\"/photos/a-480.webp 480w,/photos/a-960.webp 960w\"",
                "loading=\"lazy\"",
                "logo.png",
                "other.example",
                "mailto:",
                "dir=\"rtl\"",
            ] {
                if fragment.contains(kept) {
                    assert!(cleaned.contains(kept), "{fragment} → {cleaned}");
                }
            }
        }
    }

    #[test]
    fn nesting_counts_what_a_parser_would_nest() {
        for (html, depth) in [
            ("<div><div><p>a<p>b</div></div>", 2),
            ("<ul><li>a<li>b</ul><br><img src=x><hr/>", 1),
            ("<section><div/><span>x</span></section>", 2),
            (&"<blockquote>".repeat(3000), 3000),
            ("a < b, 1 <2", 0),
        ] {
            assert_eq!(nesting(html), depth, "{html:.60}");
        }
    }

    #[test]
    fn srcset_is_read_candidate_by_candidate() {
        let addresses = |s| srcset_addresses(s).collect::<Vec<_>>();
        assert_eq!(addresses("a.webp 480w, b.webp 960w"), ["a.webp", "b.webp"]);
        assert_eq!(
            addresses(" a.webp, b.webp 2x,,c.webp"),
            ["a.webp", "b.webp", "c.webp"]
        );
        assert_eq!(addresses("a.webp,b.webp 2x"), ["a.webp,b.webp"]);
        // A comma inside an address belongs to it.
        assert_eq!(
            addresses("data:image/png,AAA 1x, https://t.example/x.png 2x"),
            ["data:image/png,AAA", "https://t.example/x.png"]
        );
        assert_eq!(addresses(""), Vec::<&str>::new());
    }

    #[test]
    fn markdown_links_are_read_like_attributes() {
        let c = cleaner();
        assert!(c.doubtful_link("javascript:alert(1)", false).is_some());
        assert!(c.doubtful_link("data:text/html,x", false).is_some());
        assert!(c.doubtful_link(" JavaScript:alert(1)", false).is_some());
        assert!(c.doubtful_link("https://other.example/", false).is_none());
        assert!(c.doubtful_link("../a/", false).is_none());
        assert!(
            c.doubtful_link("https://other.example/a.png", true)
                .is_some()
        );
        assert!(c.doubtful_link("photo.jpg", true).is_none());
    }
}
