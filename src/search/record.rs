//! What one page gives the search index (its [`Record`]), read from the page's
//! HTML as the theme marks it up:
//! - the text is that of the element marked `data-pagefind-body`, without the
//!   parts marked `data-pagefind-ignore` and without forms, navigation,
//!   footers, scripts and styles; a block (a paragraph, a heading, a table
//!   cell) ends a sentence, so that its last word never runs into the next;
//! - words in headings weigh more (an `h1` seven times, an `h6` twice), as
//!   do those of an element's `data-pagefind-weight`;
//! - `data-pagefind-filter="Name:value"` files the page under that value, and
//!   `data-pagefind-filter="Name"` under the element's text;
//! - the title is the first `h1` (else the document's title), the image the
//!   first image after it, and every element with an `id` is an anchor the
//!   results can link to.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use minicbor::{Decode, Encode};
use serde::Serialize;

use super::known::{self, Field, Gathered, Known};
use super::postings::{self, Place, WEIGHT};
use crate::content::raw_html::is_void;

/// One page's part of the search index, packed: its fragment ready to
/// write, and its words encoded as the cache holds them, so that a site's
/// records take little memory.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub struct Record {
    /// The page's language (its `<html lang>`), `unknown` when it has none.
    #[n(0)]
    pub language: String,
    /// Its fragment file's bytes (gzipped), shared with the file written.
    #[cbor(n(1), with = "shared_bytes")]
    pub fragment: Arc<[u8]>,
    /// The hash of the fragment before compression, which names its file.
    #[n(2)]
    pub fragment_hash: [u64; 2],
    #[n(3)]
    pub word_count: u32,
    #[n(4)]
    pub filters: BTreeMap<String, Vec<String>>,
    /// The names of its meta fields.
    #[n(5)]
    pub meta_fields: Vec<String>,
    /// Its postings (see [`postings`]).
    #[cbor(n(6), with = "minicbor::bytes")]
    postings: Vec<u8>,
}

/// A page's part of the search index as read, before it is packed.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    pub language: String,
    pub fragment: Fragment,
    /// Its postings: the places of the words of its text, title and image
    /// description, by key (see [`postings`]).
    pub postings: Vec<u8>,
}

impl Parts {
    /// The parts packed.
    pub fn packed(self) -> Record {
        let json = serde_json::to_vec(&self.fragment).expect("a fragment serializes");
        let hash = xxhash_rust::xxh3::xxh3_128(&json);
        Record {
            language: self.language,
            fragment: super::gzip::gzipped(&json).into(),
            fragment_hash: [(hash >> 64) as u64, hash as u64],
            word_count: self.fragment.word_count as u32,
            filters: self.fragment.filters,
            meta_fields: self.fragment.meta.into_keys().collect(),
            postings: self.postings,
        }
    }
}

impl Record {
    /// Its postings, by key, then form.
    pub fn postings(&self) -> impl Iterator<Item = postings::Entry<'_>> {
        postings::read(&self.postings)
    }

    /// The hash of its fragment.
    pub fn fragment_hash(&self) -> u128 {
        (u128::from(self.fragment_hash[0]) << 64) | u128::from(self.fragment_hash[1])
    }
}

/// What a search result shows of a page (pagefind's fragment).
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode)]
pub struct Fragment {
    #[n(0)]
    pub url: String,
    /// Its text, words separated by single spaces.
    #[n(1)]
    pub content: String,
    #[n(2)]
    pub word_count: usize,
    #[n(3)]
    pub filters: BTreeMap<String, Vec<String>>,
    /// `title`, `image` and `image_alt`.
    #[n(4)]
    pub meta: BTreeMap<String, String>,
    #[n(5)]
    pub anchors: Vec<Anchor>,
}

/// An element with an `id` that a result can link to.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode)]
pub struct Anchor {
    #[n(0)]
    pub element: String,
    #[n(1)]
    pub id: String,
    #[n(2)]
    pub text: String,
    /// The number of the word it starts at.
    #[n(3)]
    pub location: u32,
}

/// Bytes shared by reference count, as CBOR bytes.
mod shared_bytes {
    use std::sync::Arc;

    use minicbor::{Decoder, Encoder};

    pub fn encode<C, W: minicbor::encode::Write>(
        bytes: &Arc<[u8]>,
        e: &mut Encoder<W>,
        _: &mut C,
    ) -> Result<(), minicbor::encode::Error<W::Error>> {
        e.bytes(bytes)?;
        Ok(())
    }

    pub fn decode<C>(d: &mut Decoder<'_>, _: &mut C) -> Result<Arc<[u8]>, minicbor::decode::Error> {
        Ok(Arc::from(d.bytes()?))
    }
}

/// The meta fields whose words are searched (`image` is an address).
const SEARCHED_META: [&str; 2] = ["image_alt", "title"];

/// Reads the record of a page at `url`; `None` when the page has nothing to
/// search (no marked body, or no words in it).
pub fn read(html: &str, url: &str) -> Option<Record> {
    parts(html, url).map(Parts::packed)
}

/// Reads the parts of a page's record. The tokenizer is given the page's
/// `<html>` tag (its language), then the page from the marked body on; the
/// head is read too only when the body has no title of its own.
pub fn parts(html: &str, url: &str) -> Option<Parts> {
    let marker = memchr::memmem::find(html.as_bytes(), b"data-pagefind-body")?;
    let start = html[..marker].rfind('<').unwrap_or(0);
    let opening = memchr::memmem::find(&html.as_bytes()[..start], b"<html")
        .and_then(|at| html[at..start].find('>').map(|end| &html[at..=at + end]))
        .unwrap_or_default();
    let fast = tokenized(&[opening, &html[start..]]).into_record(url);
    match fast {
        Some(parts) if !parts.fragment.meta.contains_key("title") && start > 0 => {
            tokenized(&[html]).into_record(url)
        }
        None if start > 0 => tokenized(&[html]).into_record(url),
        found => found,
    }
}

/// What the tokenizer read of these pieces of a page, one after the other.
fn tokenized(pieces: &[&str]) -> State {
    let tokenizer = Tokenizer::new(Reader::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    for piece in pieces.iter().filter(|p| !p.is_empty()) {
        queue.push_back(StrTendril::from(*piece));
    }
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.state.into_inner()
}

/// An element open inside the body.
#[derive(Debug)]
struct Open {
    name: html5ever::LocalName,
    /// Whether it ends a sentence.
    block: bool,
    /// Whether it changed the weight (which its end restores).
    weighs: bool,
    /// Where its text starts, when its text is wanted: for a filter (its
    /// name), an anchor (its id) or the title.
    text_from: Option<usize>,
    filter: Option<String>,
    anchor: Option<String>,
    title: bool,
}

#[derive(Debug, Default)]
struct State {
    language: Option<String>,
    /// Elements open inside the body, the body's own first.
    open: Vec<Open>,
    in_body: bool,
    body_seen: bool,
    /// Depth of the ignored element being skipped (0: none).
    ignoring: usize,
    /// Inside `<title>` outside the body.
    in_title: bool,
    document_title: String,
    /// The body's text as read, blocks separated.
    text: String,
    /// Weights in force from each offset of `text`.
    weights: Vec<(usize, u8)>,
    weight_stack: Vec<u8>,
    filters: BTreeMap<String, Vec<String>>,
    title: Option<String>,
    image: Option<(String, String)>,
    /// Anchors, their location still an offset of `text`.
    anchors: Vec<Anchor>,
}

#[derive(Default)]
struct Reader {
    state: RefCell<State>,
}

/// Whether an element's content is never searched.
fn is_removed(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "style"
            | "script"
            | "noscript"
            | "label"
            | "form"
            | "svg"
            | "footer"
            | "nav"
            | "iframe"
            | "template"
    )
}

/// Whether an element ends a sentence.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "caption"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "li"
            | "main"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "td"
            | "th"
            | "tr"
            | "ul"
    )
}

fn attribute<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.as_ref())
}

/// A heading's weight, as a multiple of an ordinary word's.
fn heading_weight(name: &str) -> Option<f32> {
    match name {
        "h1" => Some(7.0),
        "h2" => Some(6.0),
        "h3" => Some(5.0),
        "h4" => Some(4.0),
        "h5" => Some(3.0),
        "h6" => Some(2.0),
        _ => None,
    }
}

fn scaled(weight: f32) -> u8 {
    if weight <= 0.0 {
        0
    } else {
        ((weight.clamp(0.0, 10.0) * f32::from(WEIGHT)) as u8).max(1)
    }
}

/// Text with its runs of white space made single spaces, trimmed.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl State {
    fn weight(&self) -> u8 {
        self.weight_stack.last().copied().unwrap_or(WEIGHT)
    }

    fn set_weight(&mut self) {
        let (at, weight) = (self.text.len(), self.weight());
        match self.weights.last_mut() {
            Some(last) if last.0 == at => last.1 = weight,
            _ => self.weights.push((at, weight)),
        }
    }

    /// Ends a sentence: a full stop after a last word that has none.
    fn end_sentence(&mut self) {
        let last = self.text.trim_end().chars().next_back();
        if last.is_some_and(|c| c.is_alphanumeric() || "'\")$*_".contains(c)) {
            let end = self.text.trim_end().len();
            self.text.truncate(end);
            self.text.push('.');
        }
        self.text.push(' ');
    }

    fn start(&mut self, tag: &Tag) {
        let name = tag.name.as_ref();
        if !self.in_body {
            match name {
                "html" => self.language = attribute(tag, "lang").map(str::to_owned),
                "title" if !self.body_seen => self.in_title = !tag.self_closing,
                _ => {}
            }
            if attribute(tag, "data-pagefind-body").is_none() || self.body_seen {
                return;
            }
            self.in_body = true;
            self.body_seen = true;
        } else if self.ignoring > 0 {
            if !is_void(name) && !tag.self_closing {
                self.ignoring += 1;
            }
            return;
        } else if is_removed(name) || attribute(tag, "data-pagefind-ignore").is_some() {
            if !is_void(name) && !tag.self_closing {
                self.ignoring = 1;
            }
            return;
        }
        match name {
            "br" => self.text.push(' '),
            "img" if self.image.is_none() && self.title.is_some() => {
                if let Some(src) = attribute(tag, "src") {
                    let alt = attribute(tag, "alt").unwrap_or_default();
                    self.image = Some((src.to_owned(), tidy(alt)));
                }
            }
            _ => {}
        }
        if is_void(name) || tag.self_closing {
            return;
        }
        let block = is_block(name);
        if block {
            self.text.push(' ');
        }
        let explicit =
            attribute(tag, "data-pagefind-weight").map(|w| w.trim().parse::<f32>().unwrap_or(1.0));
        let weight = match (explicit, heading_weight(name)) {
            (Some(weight), _) => Some(scaled(weight)),
            // A heading weighs more unless a weighted element holds it.
            (None, Some(weight)) => Some(if self.weight_stack.is_empty() {
                scaled(weight)
            } else {
                self.weight()
            }),
            (None, None) => None,
        };
        if let Some(weight) = weight {
            self.weight_stack.push(weight);
            self.set_weight();
        }
        let (mut filter, mut wants_text) = (None, false);
        if let Some(spec) = attribute(tag, "data-pagefind-filter") {
            match spec.split_once(':') {
                Some((name, value)) => self.add_filter(name, value),
                None => {
                    filter = Some(spec.trim().to_owned());
                    wants_text = true;
                }
            }
        }
        let anchor = attribute(tag, "id").map(str::to_owned);
        let title = name == "h1" && self.title.is_none();
        wants_text |= anchor.is_some() || title;
        self.open.push(Open {
            name: tag.name.clone(),
            block,
            weighs: weight.is_some(),
            text_from: wants_text.then_some(self.text.len()),
            filter,
            anchor,
            title,
        });
    }

    fn add_filter(&mut self, name: &str, value: &str) {
        let (name, value) = (tidy(name), tidy(value));
        if name.is_empty() || value.is_empty() {
            return;
        }
        let values = self.filters.entry(name).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    fn end(&mut self, tag: &Tag) {
        let name = tag.name.as_ref();
        if !self.in_body {
            if name == "title" {
                self.in_title = false;
            }
            return;
        }
        if self.ignoring > 0 {
            if !is_void(name) {
                self.ignoring -= 1;
            }
            return;
        }
        // The element it ends, and any left open inside it.
        let Some(at) = self.open.iter().rposition(|o| o.name == tag.name) else {
            return;
        };
        while self.open.len() > at {
            let open = self.open.pop().expect("an element is open");
            self.close(open);
        }
        if self.open.is_empty() {
            self.in_body = false;
        }
    }

    fn close(&mut self, open: Open) {
        if let Some(from) = open.text_from {
            let text = tidy(&self.text[from..]);
            if let Some(filter) = &open.filter {
                self.add_filter(filter, &text);
            }
            if open.title && !text.is_empty() {
                self.title = Some(text.clone());
            }
            if let Some(id) = open.anchor {
                self.anchors.push(Anchor {
                    element: open.name.to_string(),
                    id,
                    text,
                    location: from as u32,
                });
            }
        }
        if open.block {
            self.end_sentence();
        }
        if open.weighs {
            self.weight_stack.pop();
            self.set_weight();
        }
    }

    fn characters(&mut self, text: &str) {
        if self.in_body && self.ignoring == 0 {
            self.text.push_str(text);
        } else if self.in_title {
            self.document_title.push_str(text);
        }
    }

    fn into_record(self, url: &str) -> Option<Parts> {
        if !self.body_seen {
            return None;
        }
        let language = self
            .language
            .filter(|l| !l.trim().is_empty())
            .map_or_else(|| "unknown".to_owned(), |l| l.trim().to_lowercase());
        known::with(&language, |known| {
            let mut content = String::with_capacity(self.text.len());
            let mut keys = Gathered::default();
            let mut weights = self.weights.iter().peekable();
            let mut weight = WEIGHT;
            // Offsets of the text where each word starts, for the anchors.
            let mut starts: Vec<usize> = Vec::new();
            let mut position: u32 = 0;
            // Zero-width spaces are left out of words (looked for per word
            // only when the text has one).
            let spaced = self.text.contains('\u{200B}');
            for (offset, raw) in split_words(&self.text) {
                while let Some(&&(at, w)) = weights.peek() {
                    if at > offset {
                        break;
                    }
                    weight = w;
                    weights.next();
                }
                let raw: Cow<'_, str> = if spaced && raw.contains('\u{200B}') {
                    Cow::Owned(raw.replace('\u{200B}', ""))
                } else {
                    Cow::Borrowed(raw)
                };
                if raw.is_empty() {
                    continue;
                }
                if !content.is_empty() {
                    content.push(' ');
                }
                content.push_str(&raw);
                starts.push(offset);
                let found = known.filed(&raw);
                let parts = found.iter().filter(|f| f.part).count();
                let part_weight = if parts > 0 && weight > 0 {
                    (weight / u8::try_from(parts).unwrap_or(u8::MAX)).max(1)
                } else {
                    0
                };
                for &f in found {
                    let weight = if f.part { part_weight } else { weight };
                    keys.add(f, Field::Text, Place { position, weight });
                }
                position += 1;
            }
            if keys.is_empty() {
                return None;
            }
            let mut meta = BTreeMap::new();
            let title = self.title.or_else(|| {
                let title = tidy(&self.document_title);
                (!title.is_empty()).then_some(title)
            });
            if let Some((src, alt)) = self.image {
                meta.insert("image".to_owned(), src);
                meta.insert("image_alt".to_owned(), alt);
            }
            if let Some(title) = title {
                meta.insert("title".to_owned(), title);
            }
            meta_words(&meta, known, &mut keys);
            let anchors = self
                .anchors
                .into_iter()
                .map(|mut a| {
                    a.location = starts.partition_point(|&s| s < a.location as usize) as u32;
                    a
                })
                .collect();
            Some(Parts {
                language: language.clone(),
                fragment: Fragment {
                    url: url.to_owned(),
                    content,
                    word_count: position as usize,
                    filters: self.filters,
                    meta,
                    anchors,
                },
                postings: keys.into_postings(known),
            })
        })
    }
}

/// The words of a text (runs without white space), each with its offset.
fn split_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Gathers the words of the searched meta fields; a place's weight is the
/// number of its field among all the page's fields (sorted by name).
fn meta_words(meta: &BTreeMap<String, String>, known: &mut Known, keys: &mut Gathered) {
    for (field, (name, value)) in meta.iter().enumerate() {
        if !SEARCHED_META.contains(&name.as_str()) {
            continue;
        }
        for (position, raw) in value.split_whitespace().enumerate() {
            let place = Place {
                position: position as u32,
                weight: field as u8,
            };
            for &f in known.filed(raw) {
                keys.add(f, Field::Meta, place);
            }
        }
    }
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    state.start(&tag);
                    if tag.self_closing {
                        return TokenSinkResult::Continue;
                    }
                    return match tag.name.as_ref() {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => TokenSinkResult::Continue,
                    };
                }
                TagKind::EndTag => state.end(&tag),
            },
            Token::CharacterTokens(text) => state.characters(&text),
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Doc title</title></head>
<body><nav>Home Menu</nav>
<article data-pagefind-body>
<h1>Dragon fruit co-ops</h1>
<p><time data-pagefind-filter="Year:2023">5 May 2023</time> · <a data-pagefind-filter="Province">Binh  Thuan</a></p>
<p data-pagefind-ignore>Translations: <a>العربية</a></p>
<figure><img src="/photos/a.jpg" alt="Rows of  cactus"></figure>
<h2 id="key-figures">Key figures</h2>
<table><tr><th>Indicator</th><th>Value</th></tr><tr><td>Cooperatives</td><td>250</td></tr></table>
<p>The <b>co</b>operatives grew &amp; hợp tác xã thrived<br>again</p>
<script>var hidden = "secret";</script>
<footer>Tags: farming</footer>
</article><p>Outside text</p></body></html>"#;

    fn record() -> Parts {
        parts(PAGE, "/en/2023/x/").expect("a record")
    }

    fn keys(r: &Parts) -> Vec<&str> {
        let mut keys: Vec<&str> = postings::read(&r.postings).map(|e| e.key).collect();
        keys.dedup();
        keys
    }

    #[test]
    fn the_text_is_the_marked_body_in_sentences() {
        let r = record();
        assert_eq!(
            r.fragment.content,
            "Dragon fruit co-ops. 5 May 2023 · Binh Thuan. Key figures. Indicator. Value. \
             Cooperatives. 250. The cooperatives grew & hợp tác xã thrived again."
        );
        assert_eq!(r.language, "en");
        assert_eq!(r.fragment.word_count, r.fragment.content.split(' ').count());
        for word in ["secret", "menu", "outsid", "farm", "translat", "hidden"] {
            assert!(!keys(&r).contains(&word), "{word} is not searched");
        }
    }

    #[test]
    fn filters_title_image_and_anchors() {
        let r = record();
        assert_eq!(r.fragment.filters["Year"], ["2023"]);
        assert_eq!(r.fragment.filters["Province"], ["Binh Thuan"]);
        assert_eq!(r.fragment.meta["title"], "Dragon fruit co-ops");
        assert_eq!(r.fragment.meta["image"], "/photos/a.jpg");
        assert_eq!(r.fragment.meta["image_alt"], "Rows of cactus");
        let anchor = &r.fragment.anchors[0];
        assert_eq!(
            (anchor.id.as_str(), anchor.text.as_str()),
            ("key-figures", "Key figures")
        );
        let words: Vec<&str> = r.fragment.content.split(' ').collect();
        assert_eq!(words[anchor.location as usize], "Key");
    }

    #[test]
    fn words_have_places_weights_and_variants() {
        let r = record();
        let entries: Vec<postings::Entry<'_>> = postings::read(&r.postings).collect();
        let places = |key: &str, form: &str| {
            let entry = entries.iter().find(|e| e.key == key && e.form == form);
            postings::decoded(entry.expect(key))
        };
        // "Dragon" in the h1 weighs seven (a weight mark, -7 × 24 - 1, then
        // its position), and is the first word of the title, the meta field
        // number 2 (image, image_alt, title).
        assert_eq!(places("dragon", ""), (vec![-169, 0], vec![-3, 0]));
        // "Key" in the h2 weighs six.
        assert_eq!(places("key", "").0[0], -145);
        // The inline <b> does not split a word; "Cooperatives" twice, of
        // weight one.
        let (cooper, _) = places("cooper", "");
        assert_eq!((cooper.len(), cooper[0]), (3, -25));
        // Parts of "co-ops" weigh half; the title has them too.
        assert_eq!(places("op", ""), (vec![-85, 2], vec![-3, 2]));
        // "hợp" is filed as "hop", only in its form with diacritics.
        assert!(!entries.iter().any(|e| e.key == "hop" && e.form.is_empty()));
        assert_eq!(places("hop", "hợp").0.len(), 2);
        // The image description's words are meta words of field 1.
        assert_eq!(places("cactus", ""), (vec![], vec![-2, 2]));
    }

    #[test]
    fn the_head_gives_the_title_when_the_body_has_none() {
        let page = "<html lang=\"id\"><head><title>Judul</title><style>p{}</style></head>\
                    <body><main data-pagefind-body><p>Koperasi desa.</p></main></body></html>";
        let parts = parts(page, "/id/x/").unwrap();
        assert_eq!(parts.language, "id");
        assert_eq!(parts.fragment.meta["title"], "Judul");
        assert_eq!(parts.fragment.content, "Koperasi desa.");
    }

    #[test]
    fn a_page_without_a_marked_body_has_no_record() {
        assert!(read("<html><body><p>Text</p></body></html>", "/").is_none());
        assert!(
            read(
                "<html><body><div data-pagefind-body></div></body></html>",
                "/"
            )
            .is_none()
        );
    }

    #[test]
    fn the_record_survives_packing_and_the_cache_encoding() {
        let parts = record();
        let record = parts.clone().packed();
        let bytes = minicbor::to_vec(&record).unwrap();
        let back: Record = minicbor::decode(&bytes).unwrap();
        assert_eq!(back, record);
        assert!(back.postings().eq(postings::read(&parts.postings)));
        assert_eq!(back.meta_fields, ["image", "image_alt", "title"]);
        assert_eq!(back.word_count as usize, parts.fragment.word_count);
    }
}
