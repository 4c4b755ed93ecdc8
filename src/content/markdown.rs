//! Markdown to HTML, and the plain-text summary of an article.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// An article body, rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The HTML.
    pub html: String,
    /// The text of the first paragraph, without markup: the summary when none is written.
    pub first_paragraph: String,
}

/// Renders an article body, reading the Markdown once.
///
/// Headings are shifted one level down (`#` becomes `<h2>`) only when the body
/// uses `#`: the page's one `<h1>` is the article's title.
pub fn render(markdown: &str) -> Body {
    // Room for an event per 40 bytes of Markdown (articles run 30 to 60).
    let mut events: Vec<Event<'_>> = Vec::with_capacity(markdown.len() / 40);
    events.extend(Parser::new_ext(markdown, options()));
    let has_h1 = events.iter().any(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H1,
                ..
            })
        )
    });
    let first_paragraph = first_paragraph(&events);
    let events = events.into_iter().map(|event| match event {
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
        Event::End(TagEnd::Heading(level)) if has_h1 => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut html, events);
    Body {
        html,
        first_paragraph,
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
fn first_paragraph(events: &[Event<'_>]) -> String {
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

    #[test]
    fn renders_markdown() {
        assert_eq!(
            render("## Hợp tác xã\n\nText *x*").html,
            "<h2>Hợp tác xã</h2>\n<p>Text <em>x</em></p>\n"
        );
    }

    #[test]
    fn demotes_headings_when_body_has_h1() {
        assert_eq!(render("# A\n\n## B").html, "<h2>A</h2>\n<h3>B</h3>\n");
    }

    #[test]
    fn escapes_raw_text() {
        assert!(render("a < b & c").html.contains("a &lt; b &amp; c"));
    }

    #[test]
    fn summary_is_first_paragraph_text() {
        let table = [
            ("First **bold**\nline.\n\nSecond.", "First bold line."),
            ("## Heading\n\nأصدر بينه ثوان", "أصدر بينه ثوان"),
            ("", ""),
        ];
        for (md, expected) in table {
            assert_eq!(render(md).first_paragraph, expected, "{md:?}");
        }
    }
}
