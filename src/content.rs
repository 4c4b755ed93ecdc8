//! Articles: Markdown files with TOML front matter under `content/`.
//!
//! Steps:
//! 1. find every `*.md` file under `content/`;
//! 2. in parallel, read each one (UTF-8 checked), split and check its front matter;
//! 3. group the versions of one article (`<slug>.<lang>.md` in one folder), let
//!    translations inherit province, date and figures, and report disagreements;
//! 4. in parallel, render each body to HTML.
//!
//! Every problem of every file is collected before the stage fails.

mod date;
pub mod front_matter;
pub mod markdown;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

pub use date::PartialDate;
use front_matter::{FileEntry, Located};

use crate::config::{Config, LangCode, ProvinceId};
use crate::error::{Diagnostic, Error, Result};
use crate::figures::Figure;
use crate::fs;

/// The id shared by all versions of one article: its slug, ASCII, used in URLs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ArticleId(String);

impl ArticleId {
    /// Accepts lowercase ASCII letters, digits and inner hyphens.
    pub fn parse(slug: &str) -> Option<Self> {
        crate::config::is_ascii_id(slug, b'-').then(|| ArticleId(slug.to_owned()))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One language version of an article, complete: nothing is filled in later.
#[derive(Debug, Clone)]
pub struct Article {
    /// The id shared with its translations.
    pub id: ArticleId,
    /// Its language.
    pub lang: LangCode,
    /// The source file, relative to the site root.
    pub path: PathBuf,
    /// Title, in the article's language.
    pub title: String,
    /// Date, at the precision known.
    pub date: PartialDate,
    /// The province it reports on.
    pub province: ProvinceId,
    /// The summary: written, else the first paragraph.
    pub summary: String,
    /// The byline.
    pub author: Option<String>,
    /// URL of the original article.
    pub source: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Key figures (inherited from a translation when the file states none).
    pub figures: Vec<Figure>,
    /// Whether it is a draft (only present when drafts are built).
    pub draft: bool,
    /// The body as HTML.
    pub body_html: String,
}

/// A file after step 2.
struct Parsed {
    path: PathBuf,
    /// `(folder, slug from the name)`: the key that groups translations.
    group: (PathBuf, String),
    entry: FileEntry,
    body: String,
}

/// Loads every article of the site; drafts only when `include_drafts`.
pub fn load(config: &Config, include_drafts: bool) -> Result<Vec<Article>> {
    let content_dir = config.content_dir();
    let files: Vec<PathBuf> = fs::walk_files(&content_dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();

    let results: Vec<Result<Result<Parsed, Vec<Diagnostic>>>> = files
        .par_iter()
        .map(|path| parse_file(config, &content_dir, path))
        .collect();
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for result in results {
        match result? {
            Ok(p) => parsed.push(p),
            Err(d) => problems.extend(d),
        }
    }

    let (drafts, problems_in_groups) = assemble(config, parsed);
    problems.extend(problems_in_groups);
    Error::check(problems)?;

    let mut articles: Vec<Article> = drafts
        .into_par_iter()
        .filter(|(draft, _)| include_drafts || !draft.draft)
        .map(|(mut article, body)| {
            article.body_html = markdown::to_html(&body);
            if article.summary.is_empty() {
                article.summary = markdown::first_paragraph(&body);
            }
            article
        })
        .collect();
    articles.sort_by(|a, b| (&a.id, &a.lang, &a.path).cmp(&(&b.id, &b.lang, &b.path)));
    Ok(articles)
}

fn parse_file(
    config: &Config,
    content_dir: &Path,
    path: &Path,
) -> Result<Result<Parsed, Vec<Diagnostic>>> {
    let shown = fs::shown(&config.root, path);
    let text = match fs::read_text(path, &shown)? {
        Ok(text) => text,
        Err(d) => return Ok(Err(vec![d])),
    };
    let split = match front_matter::split(&shown, &text) {
        Ok(s) => s,
        Err(d) => return Ok(Err(vec![d])),
    };
    let entry = match front_matter::parse(&shown, &text, &split, config) {
        Ok(e) => e,
        Err(d) => return Ok(Err(d)),
    };

    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let (slug, suffix) = match stem.rsplit_once('.') {
        Some((slug, suffix)) => (slug.to_owned(), Some(suffix.to_owned())),
        None => (stem.clone(), None),
    };
    let folder = path.parent().unwrap_or(content_dir).to_owned();
    let mut problems = Vec::new();
    if let Some(suffix) = &suffix
        && suffix != entry.language.value.as_str()
    {
        problems.push(
            Diagnostic {
                path: shown.clone(),
                location: Some(Box::new(entry.language.location.clone())),
                message: format!(
                    "the file name says the language is `{}` but the front matter says `{}`",
                    suffix, entry.language.value
                ),
                hint: None,
            }
            .with_hint(format!(
                "rename the file to {slug}.{}.md, or correct `language`",
                entry.language.value
            )),
        );
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(Parsed {
        path: shown,
        group: (folder, slug),
        entry,
        body: split.body.to_owned(),
    }))
}

/// Step 3: groups translations, resolves what they inherit, and checks that they agree.
fn assemble(config: &Config, parsed: Vec<Parsed>) -> (Vec<(Article, String)>, Vec<Diagnostic>) {
    let mut groups: BTreeMap<(PathBuf, String), Vec<Parsed>> = BTreeMap::new();
    for p in parsed {
        groups.entry(p.group.clone()).or_default().push(p);
    }
    let mut problems = Vec::new();
    let mut articles = Vec::new();
    for ((_, name_slug), mut members) in groups {
        // The default language's version is the reference for inherited fields.
        members.sort_by_key(|m| {
            (
                m.entry.language.value != config.default_language,
                m.path.clone(),
            )
        });

        let mut by_lang: BTreeMap<&LangCode, &Parsed> = BTreeMap::new();
        for m in &members {
            if let Some(first) = by_lang.insert(&m.entry.language.value, m) {
                problems.push(
                    located(
                        m,
                        &m.entry.language,
                        format!(
                            "{} and {} are both the `{}` version of one article",
                            first.path.display(),
                            m.path.display(),
                            m.entry.language.value
                        ),
                    )
                    .with_hint(
                        "two files would claim one output path; remove one or change its language",
                    ),
                );
            }
        }

        let province = agree(
            &members,
            |m| m.entry.province.as_ref(),
            "province",
            &mut problems,
        )
        .map(|p| p.value.clone());
        let date =
            agree(&members, |m| m.entry.date.as_ref(), "date", &mut problems).map(|d| d.value);
        let slug = agree(&members, |m| m.entry.slug.as_ref(), "slug", &mut problems).cloned();
        // Inherited figures keep their numbers but not their notes: a note is prose
        // in the sibling's language, and a page shows only its own language.
        let inherited: Vec<Figure> = members
            .iter()
            .find_map(|m| m.entry.figures.as_ref())
            .map(|figures| {
                figures
                    .iter()
                    .map(|f| Figure {
                        note: None,
                        ..f.clone()
                    })
                    .collect()
            })
            .unwrap_or_default();

        let id_text = slug.as_ref().map_or(name_slug.clone(), |s| s.value.clone());
        let id = match ArticleId::parse(&id_text) {
            Some(id) => Some(id),
            None => {
                let first = &members[0];
                let escapes =
                    id_text.contains('/') || id_text.contains('\\') || id_text.contains("..");
                let message = if escapes {
                    format!("the slug `{id_text}` would escape the output folder")
                } else {
                    format!("`{id_text}` cannot be used as the article's slug")
                };
                let d = match slug {
                    Some(s) => located(first, &s, message),
                    None => Diagnostic::file(&first.path, message),
                };
                problems.push(d.with_hint(
                    "a slug is lowercase ASCII letters, digits and hyphens (e.g. `cooperatives-2024`); set `slug = \"…\"` or rename the file",
                ));
                None
            }
        };
        for m in &members {
            if province.is_none() {
                problems.push(missing(m, "province"));
            }
            if date.is_none() {
                problems.push(missing(m, "date"));
            }
        }
        let (Some(id), Some(province), Some(date)) = (id, province, date) else {
            continue;
        };
        for m in members {
            let e = m.entry;
            articles.push((
                Article {
                    id: id.clone(),
                    lang: e.language.value,
                    path: m.path,
                    title: e.title,
                    date,
                    province: province.clone(),
                    summary: e.summary.unwrap_or_default(),
                    author: e.author,
                    source: e.source,
                    tags: e.tags,
                    figures: e.figures.unwrap_or_else(|| inherited.clone()),
                    draft: e.draft,
                    body_html: String::new(),
                },
                m.body,
            ));
        }
    }
    (articles, problems)
}

/// The value the versions of one article state for a field, reporting every version that disagrees.
fn agree<'a, T: PartialEq + fmt::Display>(
    members: &'a [Parsed],
    field: impl Fn(&'a Parsed) -> Option<&'a Located<T>>,
    name: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<&'a Located<T>> {
    let mut stated = members.iter().filter_map(|m| Some((m, field(m)?)));
    let (first_member, first) = stated.next()?;
    for (m, other) in stated {
        if other.value != first.value {
            problems.push(
                located(
                    m,
                    other,
                    format!(
                        "this translation's {name} `{}` disagrees with `{}` in {}:{}",
                        other.value,
                        first.value,
                        first_member.path.display(),
                        first.location.line
                    ),
                )
                .with_hint(format!(
                    "translations share one {name}: correct it, or leave it out here to inherit it"
                )),
            );
        }
    }
    Some(first)
}

fn located<T>(m: &Parsed, at: &Located<T>, message: String) -> Diagnostic {
    Diagnostic {
        path: m.path.clone(),
        location: Some(Box::new(at.location.clone())),
        message,
        hint: None,
    }
}

fn missing(m: &Parsed, field: &str) -> Diagnostic {
    Diagnostic {
        path: m.path.clone(),
        location: Some(Box::new(m.entry.opening.clone())),
        message: format!("the article has no {field}"),
        hint: None,
    }
    .with_hint(format!(
        "add `{field} = …` to the front matter of this file or of one of its translations"
    ))
}
