//! Templates: the built-in theme, overridden file by file by the site's `templates/`.
//!
//! All are loaded in one batch, so inheritance resolves across both. Each
//! template's fingerprint covers its own text and every template it extends or
//! includes, so a change re-renders only the pages that use it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::fingerprint::{self, Fingerprint};
use crate::fs;
use crate::layout;
use crate::photos::{self, PictureRef};

/// The templates of the default theme, compiled into the binary.
pub const THEME_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("article.html", include_str!("../../templates/article.html")),
    (
        "provinces.html",
        include_str!("../../templates/provinces.html"),
    ),
    (
        "province.html",
        include_str!("../../templates/province.html"),
    ),
    ("years.html", include_str!("../../templates/years.html")),
    ("year.html", include_str!("../../templates/year.html")),
    ("figures.html", include_str!("../../templates/figures.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("root.html", include_str!("../../templates/root.html")),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "partials/list.html",
        include_str!("../../templates/partials/list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../templates/partials/pagination.html"),
    ),
    (
        "partials/item_meta.html",
        include_str!("../../templates/partials/item_meta.html"),
    ),
];

/// The error of a `photo` argument that is not a photo.
fn not_a_photo(missing: &str) -> tera::Error {
    tera::Error::message(format!(
        "picture: `photo` has no `{missing}`; give it a photo (`article.photo`, `item.photo`)"
    ))
}

/// The static files of the default theme, compiled into the binary.
pub const THEME_ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("search.js", include_bytes!("../../static/search.js")),
];

/// `picture(photo=…, sizes=…, lead=…, widest=…)`: the HTML of a photo (an
/// article's `photo`, a list item's `photo`), its WebP files and its JPEG in
/// a `<picture>`. `sizes` says how wide it is shown (the column's width by
/// default); `lead` is for the photo at the top of a page, which loads first;
/// `widest` (pixels) leaves out of `srcset` the files wider than a small
/// picture needs.
struct PictureFunction;

impl tera::Function<tera::TeraResult<String>> for PictureFunction {
    fn call(&self, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
        // Read in place, not deserialized: lists call it once per item.
        let photo: &tera::Map = kwargs.must_get("photo")?;
        let text = |name: &'static str| {
            photo
                .get(&tera::value::Key::Str(name))
                .and_then(tera::Value::as_str)
                .ok_or_else(|| not_a_photo(name))
        };
        let number = |name: &'static str| {
            photo
                .get(&tera::value::Key::Str(name))
                .and_then(tera::Value::as_i64)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| not_a_photo(name))
        };
        let picture = PictureRef {
            srcset: text("srcset")?,
            src: text("src")?,
            width: number("width")?,
            height: number("height")?,
            alt: text("alt")?,
        };
        let sizes: Option<&str> = kwargs.get("sizes")?;
        let lead: Option<bool> = kwargs.get("lead")?;
        let widest: Option<u32> = kwargs.get("widest")?;
        Ok(picture.html_up_to(
            sizes.unwrap_or(photos::SIZES),
            lead.unwrap_or(false),
            widest,
        ))
    }

    /// Its HTML is made of escaped values.
    fn is_safe(&self) -> bool {
        true
    }
}

/// Where a template came from, for messages.
#[derive(Debug, Clone)]
enum Origin {
    BuiltIn,
    Site(PathBuf),
}

/// The loaded templates.
pub struct Templates {
    tera: tera::Tera,
    sources: BTreeMap<String, (Origin, String)>,
    fingerprints: BTreeMap<String, Fingerprint>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.sources.keys())
            .finish()
    }
}

impl Templates {
    /// Loads the theme, with the site's `templates/*.html` replacing built-in files of the same name.
    pub fn load(config: &Config) -> Result<Templates> {
        let mut sources: BTreeMap<String, (Origin, String)> = THEME_TEMPLATES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (Origin::BuiltIn, (*text).to_owned())))
            .collect();
        let dir = config.templates_dir();
        let mut problems = Vec::new();
        for path in fs::walk_inputs(&dir, &config.root)? {
            let name = path
                .strip_prefix(&dir)
                .expect("walked under dir")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let shown = fs::shown(&config.root, &path);
            match fs::read_text(&path, &shown)? {
                Ok(text) => {
                    sources.insert(name, (Origin::Site(shown), text));
                }
                Err(d) => problems.push(d),
            }
        }
        Error::if_any(problems)?;
        let mut tera = tera::Tera::new();
        tera.register_function("picture", PictureFunction);
        tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| Error::Input(template_diagnostics(&sources, &e)))?;
        let fingerprints = fingerprints(&sources);
        Ok(Templates {
            tera,
            sources,
            fingerprints,
        })
    }

    /// The fingerprint of a template and everything it uses.
    pub fn fingerprint(&self, name: &str) -> Fingerprint {
        self.fingerprints.get(name).copied().unwrap_or_default()
    }

    pub(super) fn render(
        &self,
        name: &str,
        context: &impl Serialize,
        shared: &tera::Context,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let mut ctx = tera::Context::from_serialize(context)
            .map_err(|e| template_diagnostics(&self.sources, &e))?;
        // Template values share their contents: this copies a few pointers.
        ctx.extend(shared.clone());
        // Bytes, not a `String`: Tera writes UTF-8 text from UTF-8 values, and
        // checking that again would be a pass over every page.
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, &ctx, &mut out)
            .map_err(|e| template_diagnostics(&self.sources, &e))?;
        Ok(out)
    }
}

/// The hint of every template problem.
const TEMPLATE_HINT: &str =
    "see the README's list of template variables; Tera's syntax: https://keats.github.io/tera/";

/// Turns a Tera error into diagnostics naming the template file, line and column.
fn template_diagnostics(
    sources: &BTreeMap<String, (Origin, String)>,
    e: &tera::Error,
) -> Vec<Diagnostic> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let name = r.filename();
            vec![
                Diagnostic::at_line(
                    &path_of(sources, name),
                    span.start_line,
                    span.start_col + 1,
                    &line_text(sources, name, span.start_line),
                    format!("template error: {}", r.message()),
                )
                .with_hint(TEMPLATE_HINT),
            ]
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            let line = sources
                .get(current.as_str())
                .and_then(|(_, text)| text.lines().position(|l| l.contains("extends")))
                .map_or(1, |i| i + 1);
            vec![
                Diagnostic::at_line(
                    &path_of(sources, current),
                    line,
                    1,
                    &line_text(sources, current, line),
                    format!("template `{current}` extends `{parent}`, which does not exist"),
                )
                .with_hint(format!(
                    "templates that exist: {}",
                    sources.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            ]
        }
        _ => reported_as_text(sources, &e.to_string()),
    }
}

/// Errors that Tera reports as text (unknown filters and the like): one
/// diagnostic per located error in it.
fn reported_as_text(sources: &BTreeMap<String, (Origin, String)>, text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for chunk in text.split("\n\n") {
        let message = chunk
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ");
        let located = chunk.lines().find_map(|l| {
            let at = l.trim().strip_prefix("--> ")?;
            let mut parts = at.rsplitn(3, ':');
            let col: usize = parts.next()?.parse().ok()?;
            let line: usize = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_owned(), line, col))
        });
        match located {
            Some((name, line, col)) => found.push(
                Diagnostic::at_line(
                    &path_of(sources, &name),
                    line,
                    col,
                    &line_text(sources, &name, line),
                    format!("template error: {message}"),
                )
                .with_hint(TEMPLATE_HINT),
            ),
            None if !message.trim().is_empty() => found.push(
                Diagnostic::file(
                    Path::new(layout::TEMPLATES),
                    format!("template error: {message}"),
                )
                .with_hint(TEMPLATE_HINT),
            ),
            None => {}
        }
    }
    found
}

/// The file a template is read from, as messages name it.
fn path_of(sources: &BTreeMap<String, (Origin, String)>, name: &str) -> PathBuf {
    match sources.get(name) {
        Some((Origin::Site(path), _)) => path.clone(),
        Some((Origin::BuiltIn, _)) | None => {
            PathBuf::from(format!("templates/{name} (built-in theme)"))
        }
    }
}

/// Line `line` (from 1) of a template, for messages.
fn line_text(sources: &BTreeMap<String, (Origin, String)>, name: &str, line: usize) -> String {
    sources
        .get(name)
        .and_then(|(_, text)| text.lines().nth(line.saturating_sub(1)))
        .unwrap_or_default()
        .to_owned()
}

/// Each template's fingerprint: of its text and the texts of every template it
/// extends or includes, directly or not. Templates defining components may be
/// called from anywhere, so every fingerprint covers them.
fn fingerprints(sources: &BTreeMap<String, (Origin, String)>) -> BTreeMap<String, Fingerprint> {
    let uses: BTreeMap<&str, Vec<String>> = sources
        .iter()
        .map(|(name, (_, text))| {
            (
                name.as_str(),
                tags(text).filter_map(used_template).collect(),
            )
        })
        .collect();
    let everywhere: Vec<&str> = sources
        .iter()
        .filter(|(_, (_, text))| tags(text).any(|tag| tag.first_word == "component"))
        .map(|(name, _)| name.as_str())
        .collect();
    sources
        .keys()
        .map(|name| {
            let mut reached: BTreeSet<&str> = everywhere.iter().copied().collect();
            let mut walked = BTreeSet::new();
            let mut pending = vec![name.as_str()];
            while let Some(next) = pending.pop() {
                if walked.insert(next) {
                    reached.insert(next);
                    pending.extend(uses.get(next).into_iter().flatten().map(String::as_str));
                }
            }
            let texts: Vec<(&str, &str)> = reached
                .iter()
                .filter_map(|n| sources.get(*n).map(|(_, text)| (*n, text.as_str())))
                .collect();
            (name.clone(), fingerprint::of(&texts))
        })
        .collect()
}

/// A `{% … %}` tag: its first word and what follows.
#[derive(Debug, PartialEq)]
struct Tag<'a> {
    first_word: &'a str,
    rest: &'a str,
}

/// The tags of a template's text.
fn tags(text: &str) -> impl Iterator<Item = Tag<'_>> {
    text.split("{%").skip(1).filter_map(|chunk| {
        let inner = chunk.split("%}").next()?;
        let inner = inner.trim_start_matches(['-', '+']).trim();
        let end = inner
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        Some(Tag {
            first_word: &inner[..end],
            rest: inner[end..].trim(),
        })
    })
}

/// The template an `extends` or `include` tag names.
fn used_template(tag: Tag<'_>) -> Option<String> {
    if !matches!(tag.first_word, "extends" | "include") {
        return None;
    }
    let quote = tag
        .rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let name = tag.rest[1..].split(quote).next()?;
    Some(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_extended_and_included_templates() {
        let text = r#"{% extends "base.html" %}
{%- include 'partials/list.html' -%}
{% if x %}{% include "partials/pagination.html" %}{% endif %}
{% set a = "include.html" %}"#;
        let used: Vec<String> = tags(text).filter_map(used_template).collect();
        assert_eq!(
            used,
            [
                "base.html",
                "partials/list.html",
                "partials/pagination.html"
            ]
        );
    }

    fn sources(list: &[(&str, &str)]) -> BTreeMap<String, (Origin, String)> {
        list.iter()
            .map(|(n, t)| ((*n).to_owned(), (Origin::BuiltIn, (*t).to_owned())))
            .collect()
    }

    #[test]
    fn a_change_reaches_the_templates_using_it_and_no_others() {
        let before = sources(&[
            ("base.html", "<html>{% block main %}{% endblock %}"),
            ("article.html", r#"{% extends "base.html" %}a"#),
            (
                "home.html",
                r#"{% extends "base.html" %}{% include "list.html" %}"#,
            ),
            ("list.html", "<ul>"),
            ("loop.html", r#"{% include "loop.html" %}"#),
        ]);
        let old = fingerprints(&before);
        let mut after = before.clone();
        after.get_mut("list.html").unwrap().1 = "<ol>".into();
        let new = fingerprints(&after);
        assert_ne!(old["list.html"], new["list.html"]);
        assert_ne!(old["home.html"], new["home.html"]);
        assert_eq!(old["article.html"], new["article.html"]);
        assert_eq!(old["base.html"], new["base.html"]);

        after.get_mut("base.html").unwrap().1 = "<html lang>".into();
        let newer = fingerprints(&after);
        assert_ne!(new["article.html"], newer["article.html"]);
        assert_ne!(new["home.html"], newer["home.html"]);
        assert_eq!(new["list.html"], newer["list.html"]);
    }

    #[test]
    fn components_reach_every_template() {
        let before = sources(&[
            ("article.html", "{{ x }}"),
            ("ui.html", "{% component card() %}<b>{% endcomponent %}"),
        ]);
        let mut after = before.clone();
        after.get_mut("ui.html").unwrap().1 = "{% component card() %}<i>{% endcomponent %}".into();
        assert_ne!(
            fingerprints(&before)["article.html"],
            fingerprints(&after)["article.html"]
        );
    }
}
