//! Atom feeds (RFC 4287): the newest articles of a language, `/<lang>/atom.xml`,
//! and of each province in each language, `/<lang>/provinces/<id>/atom.xml`.
//!
//! A feed holds only the articles written in its language (`xml:lang` says
//! which), with their whole text. Its dates are the articles' own, never the
//! time of the build, so an unchanged site gives an unchanged feed.

use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text,
};

use super::localizer::Localizer;
use crate::date::PartialDate;
use crate::photos;
use crate::routes::Route;
use crate::site::Listed;

/// The feed at `route` of the articles `entries` (the newest in the feed's
/// language, newest first); `page` is the HTML page it follows.
pub fn atom(
    loc: &Localizer<'_>,
    route: &Route,
    page: &Route,
    title: &str,
    entries: &[Listed<'_>],
) -> Vec<u8> {
    let routes = loc.routes;
    let code = loc.language.code.as_str();
    let entries: Vec<Entry> = entries.iter().map(|l| entry(loc, l)).collect();
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_default();
    let feed = Feed {
        title: Text::plain(title),
        id: routes.permalink(page),
        updated,
        authors: vec![Person {
            name: loc.language.title.clone(),
            uri: Some(routes.permalink(&Route::Home(loc.language.code.clone()))),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: "bulletin".into(),
            ..Generator::default()
        }),
        links: vec![
            Link {
                href: routes.permalink(route),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            Link {
                href: routes.permalink(page),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                hreflang: Some(code.to_owned()),
                ..Link::default()
            },
        ],
        lang: Some(code.to_owned()),
        entries,
        ..Feed::default()
    };
    feed.write_to(Vec::new()).expect("a feed writes to memory")
}

/// One article of a feed, with its whole text.
fn entry(loc: &Localizer<'_>, l: &Listed<'_>) -> Entry {
    let code = loc.language.code.as_str();
    let a = l.article;
    let url = loc.article_permalink(a);
    // The lead photo opens the text, where feed readers look for a picture.
    let mut html = String::new();
    let mut links = vec![Link {
        href: url.clone(),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        hreflang: Some(code.to_owned()),
        ..Link::default()
    }];
    if let Some(lead) = &a.lead {
        let photo = loc.photo(lead);
        let src = loc.routes.absolute(&photo.picture.src);
        let credit = photo
            .credit
            .map(|c| loc.language.strings.photo_credit.replace("{credit}", c));
        html = photos::figure(
            &photo.picture.img(&src, photo.alt),
            photo.caption,
            credit.as_deref(),
        );
        links.push(Link {
            href: src,
            rel: "enclosure".into(),
            mime_type: Some("image/jpeg".into()),
            ..Link::default()
        });
    }
    html.push_str(&a.body_html);
    Entry {
        content: Some(Content {
            base: Some(url.clone()),
            value: Some(html),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        title: Text::plain(a.title.as_str()),
        id: url.clone(),
        updated: datetime(&a.date),
        published: Some(datetime(&a.date)),
        authors: a
            .author
            .iter()
            .map(|name| Person {
                name: name.clone(),
                ..Person::default()
            })
            .collect(),
        categories: vec![Category {
            term: a.province.as_str().to_owned(),
            label: Some(loc.province_name(&a.province).to_owned()),
            ..Category::default()
        }],
        links,
        summary: Some(Text::plain(a.summary.as_str())),
        ..Entry::default()
    }
}

/// Midnight UTC of the date's first day (`2024` is 1 January 2024).
fn datetime(date: &PartialDate) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&date.timestamp())
        .expect("a valid date makes a valid timestamp")
}
