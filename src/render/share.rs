//! What a link to an article shows once shared (on Facebook, Zalo, X, in a
//! search engine's results): OpenGraph's and Twitter's tags, and schema.org's
//! `NewsArticle` in JSON-LD.
//!
//! Every page gets the site's part ([`super::localizer::Localizer::common`]:
//! its title, the site's name, its locale and its translations' locales);
//! an article's page adds its summary, its lead photo with its size, its date
//! and the JSON-LD.

use serde_json::json;

use super::context::{PhotoView, Share};
use super::localizer::Localizer;
use crate::content::Article;

/// `share`, the site's part, made an article's: `article` with its `photo`.
pub fn article(
    loc: &Localizer<'_>,
    article: &Article,
    photo: Option<&PhotoView<'_>>,
    share: &mut Share,
) {
    let image = photo.map(|p| loc.share_image(p));
    let published = article.date.timestamp();
    let url = loc.article_permalink(article);
    let site = &loc.language.title;
    let author = match &article.author {
        Some(name) => json!({ "@type": "Person", "name": name }),
        None => json!({ "@type": "Organization", "name": site }),
    };
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": published,
        "inLanguage": article.lang.as_str(),
        "author": author,
        "publisher": {
            "@type": "Organization",
            "name": site,
            "url": loc.routes.base().as_str(),
        },
        "mainEntityOfPage": url,
        "url": url,
    });
    if let Some(image) = &image {
        ld["image"] = json!({
            "@type": "ImageObject",
            "url": image.url,
            "width": image.width,
            "height": image.height,
        });
    }
    share.kind = "article";
    share.description = Some(article.summary.clone());
    share.card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    share.image = image;
    share.published = Some(published);
    share.json_ld = Some(script_safe(&ld.to_string()));
}

/// JSON made safe inside a `<script>` element: no `<` can close it or open a
/// comment (`\u003c` means the same to a JSON reader).
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_its_script() {
        let json = json!({ "headline": "</script><script>alert(1)</script><!--" }).to_string();
        let safe = script_safe(&json);
        assert!(!safe.contains('<'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script><!--");
    }
}
