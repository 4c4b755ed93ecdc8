//! Markdown to HTML, and the plain-text summary of an article.
//!
//! Raw HTML in the Markdown is untrusted: it is cleaned, shown as text or
//! kept, as the site says (see [`super::raw_html`]).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};

use super::raw_html::{self, Cleaner, Dropped};
use crate::photos;

/// How deep the HTML of an article that is cleaned may nest (see
/// [`raw_html::nesting`]): far beyond what an article needs, and cleaned in
/// a hundredth of a second.
const MAX_NESTING: usize = 2_000;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What becomes of the raw HTML of the Markdown.
#[derive(Debug, Clone, Copy)]
pub enum RawHtml<'c> {
    /// Cleaned by this allow-list.
    Clean(&'c Cleaner),
    /// Shown as text.
    Escape,
    /// Kept as written.
    Trusted,
}

/// An image of the Markdown whose address names a file beside the article:
/// a photo, which the caller publishes.
#[derive(Debug, Clone, PartialEq)]
pub struct Image<'m> {
    /// Its address, as written.
    pub address: &'m str,
    /// Its alt text.
    pub alt: String,
    /// Its title, the caption.
    pub title: &'m str,
    /// Where it is in the Markdown.
    pub at: Range<usize>,
}

/// What the caller makes of a photo: the HTML showing it, or why it cannot
/// be shown (the message and the hint).
pub type Photos<'p> = &'p mut dyn FnMut(&Image<'_>) -> Result<String, (String, &'static str)>;

/// An article body, rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The HTML.
    pub html: String,
    /// The text of the first paragraph, without markup: the summary when none is written.
    pub first_paragraph: String,
    /// What cleaning dropped, where it is in the Markdown.
    pub dropped: Vec<Dropped>,
}

/// Why a body cannot be published, and where in the Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// Where.
    pub at: Range<usize>,
    /// Why.
    pub message: String,
    /// What to do.
    pub hint: &'static str,
}

/// Renders an article body, reading the Markdown once.
///
/// Headings are shifted one level down (`#` becomes `<h2>`) only when the body
/// uses `#`: the page's one `<h1>` is the article's title. A photo beside the
/// article (an image whose address is a relative path) is shown as `photos`
/// says: alone in its paragraph, as a figure with its title as the caption.
pub fn render(
    markdown: &str,
    raw_html: RawHtml<'_>,
    photos: Photos<'_>,
) -> Result<Body, Vec<Refusal>> {
    // Room for an event per 40 bytes of Markdown (articles run 30 to 60).
    let mut events: Vec<(Event<'_>, Range<usize>)> = Vec::with_capacity(markdown.len() / 40);
    events.extend(Parser::new_ext(markdown, options()).into_offset_iter());
    let dropped = match raw_html {
        RawHtml::Clean(cleaner) => dropped(cleaner, &events),
        RawHtml::Escape | RawHtml::Trusted => None,
    };
    let has_h1 = events.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H1,
                ..
            })
        )
    });
    let first_paragraph = first_paragraph(events.iter().map(|(e, _)| e));
    let escape = matches!(raw_html, RawHtml::Escape);
    let events = events.into_iter().map(|(event, range)| {
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) if has_h1 => Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) if has_h1 => {
                Event::End(TagEnd::Heading(demote(level)))
            }
            other if escape => as_text(other),
            other => other,
        };
        (event, range)
    });
    let events = with_photos(events.collect(), photos)?;
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut html, events.into_iter());
    // Only a body with raw HTML or a doubtful link goes through the cleaner:
    // pulldown-cmark escapes the rest already.
    if let (RawHtml::Clean(cleaner), Some(doubts)) = (raw_html, &dropped) {
        let depth = raw_html::nesting(&html);
        if depth > MAX_NESTING {
            return Err(vec![Refusal {
                at: doubts.first.clone(),
                message: format!(
                    "the HTML of this article nests {depth} elements deep, more than the {MAX_NESTING} it may"
                ),
                hint: "close the elements of the pasted HTML, or remove it: cleaning HTML nested this deep would take minutes",
            }]);
        }
        html = cleaner.clean(&html);
    }
    Ok(Body {
        html,
        first_paragraph,
        dropped: dropped.map(|d| d.dropped).unwrap_or_default(),
    })
}

/// `events` with each photo beside the article replaced by the HTML `photos`
/// makes of it: a figure when it is alone in its paragraph, else inline.
/// Every photo `photos` refuses is a problem at its place.
fn with_photos<'m>(
    mut events: Vec<(Event<'m>, Range<usize>)>,
    photos: Photos<'_>,
) -> Result<Vec<Event<'m>>, Vec<Refusal>> {
    let mut out: Vec<Event<'m>> = Vec::with_capacity(events.len());
    let mut problems = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = std::mem::replace(&mut events[i], (Event::SoftBreak, 0..0));
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &event
        else {
            out.push(event);
            i += 1;
            continue;
        };
        if !photos::is_beside(dest_url) {
            out.push(event);
            i += 1;
            continue;
        }
        // The alt text is what lies between the image's start and end.
        let mut depth = 0;
        let mut end = i + 1;
        let mut alt = String::new();
        while end < events.len() {
            match &events[end].0 {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 0 => break,
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                _ => {}
            }
            end += 1;
        }
        let alone = matches!(out.last(), Some(Event::Start(Tag::Paragraph)))
            && matches!(
                events.get(end + 1),
                Some((Event::End(TagEnd::Paragraph), _))
            );
        let image = Image {
            address: dest_url,
            alt,
            title,
            at: range.clone(),
        };
        match photos(&image) {
            Ok(picture) if alone => {
                out.pop();
                let caption = Some(title.as_ref());
                out.push(Event::Html(photos::figure(&picture, caption, None).into()));
                i = end + 2;
            }
            Ok(picture) => {
                out.push(Event::InlineHtml(picture.into()));
                i = end + 1;
            }
            Err((message, hint)) => {
                problems.push(Refusal {
                    at: range,
                    message,
                    hint,
                });
                i = end + 1;
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// What cleaning drops of an article's raw HTML and links, and where the
/// first of them is.
struct Doubts {
    dropped: Vec<Dropped>,
    first: Range<usize>,
}

/// What cleaning drops of the raw HTML and the links of `events`, located in
/// the Markdown; `None` when the body has neither raw HTML nor a doubtful link,
/// and need not be cleaned.
fn dropped(cleaner: &Cleaner, events: &[(Event<'_>, Range<usize>)]) -> Option<Doubts> {
    let mut dropped = Vec::new();
    let mut first: Option<Range<usize>> = None;
    // An HTML block comes line by line; it is read whole, each part of it
    // remembered with where it starts in the Markdown.
    let mut block = String::new();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Html(text) => {
                first.get_or_insert_with(|| range.clone());
                parts.push((block.len(), range.start));
                block.push_str(text);
            }
            Event::End(TagEnd::HtmlBlock) => {
                for d in cleaner.inspect(&block) {
                    dropped.push(located(d, &parts));
                }
                block.clear();
                parts.clear();
            }
            Event::InlineHtml(text) => {
                first.get_or_insert_with(|| range.clone());
                dropped.extend(cleaner.inspect(text).into_iter().map(|d| Dropped {
                    at: range.start + d.at.start..range.start + d.at.end,
                    ..d
                }));
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                if let Some((what, why)) = cleaner.doubtful_link(dest_url, image) {
                    first.get_or_insert_with(|| range.clone());
                    dropped.push(Dropped {
                        at: range.clone(),
                        what,
                        why,
                    });
                }
            }
            _ => {}
        }
    }
    first.map(|first| Doubts { dropped, first })
}

/// `d`, found in an HTML block made of `parts` (where each starts in the
/// block, and in the Markdown), located in the Markdown.
fn located(d: Dropped, parts: &[(usize, usize)]) -> Dropped {
    let (in_block, in_markdown) = parts
        .iter()
        .rev()
        .find(|(start, _)| *start <= d.at.start)
        .copied()
        .unwrap_or((0, 0));
    let shift = |i: usize| in_markdown + (i - in_block);
    Dropped {
        at: shift(d.at.start)..shift(d.at.end),
        ..d
    }
}

/// Raw HTML as text: an HTML block becomes a block of code, an inline tag text.
fn as_text(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::CodeBlock),
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        other => other,
    }
}

fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        H4 => H5,
        _ => H6,
    }
}

/// The text of the first paragraph, without markup.
fn first_paragraph<'e>(events: impl Iterator<Item = &'e Event<'e>>) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => break,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_photos(image: &Image<'_>) -> Result<String, (String, &'static str)> {
        panic!("{image:?} is no photo of these tests")
    }

    #[test]
    fn renders_markdown() {
        assert_eq!(
            render(
                "## Hợp tác xã\n\nText *x*",
                RawHtml::Trusted,
                &mut no_photos
            )
            .unwrap()
            .html,
            "<h2>Hợp tác xã</h2>\n<p>Text <em>x</em></p>\n"
        );
    }

    #[test]
    fn demotes_headings_when_body_has_h1() {
        assert_eq!(
            render("# A\n\n## B", RawHtml::Trusted, &mut no_photos)
                .unwrap()
                .html,
            "<h2>A</h2>\n<h3>B</h3>\n"
        );
    }

    #[test]
    fn escapes_raw_text() {
        assert!(
            render("a < b & c", RawHtml::Trusted, &mut no_photos)
                .unwrap()
                .html
                .contains("a &lt; b &amp; c")
        );
    }

    #[test]
    fn summary_is_first_paragraph_text() {
        let table = [
            ("First **bold**\nline.\n\nSecond.", "First bold line."),
            ("## Heading\n\nأصدر بينه ثوان", "أصدر بينه ثوان"),
            ("", ""),
        ];
        for (md, expected) in table {
            assert_eq!(
                render(md, RawHtml::Trusted, &mut no_photos)
                    .unwrap()
                    .first_paragraph,
                expected,
                "{md:?}"
            );
        }
    }
}
