//! `bulletin import FILE…`: text pasted from a news portal becomes an article
//! under `content/`, its front matter filled in as far as the text allows.
//!
//! Steps, file by file: read the text; cut it into paragraphs, headings,
//! captions and byline, dropping the page's furniture ([`structure`]); tell
//! its language among the site's ([`language`]); find the province it names
//! and the day it gives ([`clues`]); propose a title from its lead and a slug
//! from the title; read its key figures in that setting; write the article,
//! each guess marked for review. A file that cannot be read or told is
//! reported with its reason and the others are still imported.

mod clues;
mod language;
mod structure;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::config::{Config, Overrides};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::figures::places::Places;
use crate::figures::verify::same_value;
use crate::figures::{Found, Readers, Setting};
use crate::fs;
use crate::ids::{ArticleId, LangCode, ProvinceId};
use crate::scaffold::slug_from_title;
use crate::suggest::{quoted, to_toml};

use clues::Place;
use structure::{Part, Structure};

/// What `bulletin import` is told on its command line.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// The language, instead of telling it from the text.
    pub lang: Option<&'a str>,
    /// The province, instead of finding it in the text.
    pub province: Option<&'a str>,
    /// The date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), instead of reading it.
    pub date: Option<&'a str>,
    /// The slug (file name and address), instead of making one from the title.
    pub slug: Option<&'a str>,
    /// The slug of an article this text is another language of: it takes
    /// that article's slug and folder, and inherits its date and province.
    pub translation_of: Option<&'a str>,
    /// Overwrite an existing article.
    pub force: bool,
    /// Print what would be written; write nothing.
    pub dry_run: bool,
}

/// What one file became.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Its language.
    pub lang: String,
    /// The values of the figures read, to tell translations by.
    pub values: Vec<f64>,
    /// Where the article is (or would be) written.
    pub path: PathBuf,
    /// The article's text.
    pub text: String,
    /// What the editor must still decide (a province, a date), each a line.
    pub todo: Vec<String>,
}

/// The report of a run, and whether every file became a complete article.
#[derive(Debug, Clone)]
pub struct Report {
    /// A line per file written (or not), and what each still needs.
    pub text: String,
    /// Whether every file became an article with nothing left to decide.
    pub complete: bool,
}

/// Imports `files` into the site at `root`.
pub fn import(root: &Path, files: &[PathBuf], options: &Options) -> Result<Report> {
    let config = Config::load(root, &Overrides::default())?;
    let readers = Readers::load(&config.root)?;
    let places = Places::of_site(&config);
    let mut report = String::new();
    let mut complete = true;
    // The articles already there, then each one imported: what a new text
    // may be a translation of.
    let mut known = existing_articles(&config)?;
    for file in files {
        match import_one(&config, &readers, &places, file, options) {
            Ok(imported) => {
                let shown = fs::shown(&config.root, &imported.path);
                for (other, lang, values) in
                    known.iter().filter(|_| options.translation_of.is_none())
                {
                    if *lang != imported.lang && shares_figures(values, &imported.values) {
                        let _ = writeln!(
                            report,
                            "{}: probably a translation of {} (they share their figures); file it with the same slug",
                            file.display(),
                            other.display()
                        );
                    }
                }
                let written = if options.dry_run {
                    "would write"
                } else {
                    "wrote"
                };
                let _ = writeln!(report, "{}: {written} {}", file.display(), shown.display());
                known.push((shown, imported.lang.clone(), imported.values.clone()));
                for todo in &imported.todo {
                    let _ = writeln!(report, "  to do: {todo}");
                    complete = false;
                }
                if options.dry_run {
                    let _ = writeln!(report, "\n{}", imported.text);
                }
            }
            Err(error) => {
                complete = false;
                let _ = writeln!(report, "{}: not imported: {error}", file.display());
            }
        }
    }
    Ok(Report {
        text: report.trim_end().to_owned(),
        complete,
    })
}

/// A field of the front matter, as far as the text or the command line
/// tells it, and where it came from or why it is missing.
struct Guess<T> {
    value: Option<T>,
    note: String,
}

/// What an article is made of once its text is read: the data between
/// understanding a text and writing it.
struct Draft {
    lang: String,
    title: String,
    slug: String,
    date: Guess<PartialDate>,
    province: Guess<ProvinceId>,
    /// The folder and slug of the article it is another language of.
    original: Option<(String, String)>,
}

/// One file: read, understood, written (unless a dry run).
fn import_one(
    config: &Config,
    readers: &Readers,
    places: &Places,
    file: &Path,
    options: &Options,
) -> Result<Imported> {
    let text = match fs::read_text(file, file)? {
        Ok(text) => text,
        Err(d) => return Err(Error::Input(vec![d])),
    };
    let parts = structure::read(&text);
    let body = parts.text();
    let mut todo = Vec::new();
    let original = match options.translation_of {
        Some(slug) => Some(original_of(config, slug)?),
        None => None,
    };
    let lang = language_of(config, options, &body, file)?;
    let date = date_of(options, &body)?;
    if date.value.is_none() && original.is_none() {
        todo.push(format!("the date: {}; give it with --date", date.note));
    }
    let province = match &original {
        // A translation's province is its original's.
        Some((folder, _)) => Guess {
            value: ProvinceId::parse(folder),
            note: "the original's".to_owned(),
        },
        None => province_of(config, places, options, &body, &mut todo)?,
    };
    if province.value.is_none() {
        todo.push(format!(
            "the province: {}; give it with --province",
            province.note
        ));
    }
    // A province that had ended by the article's day: its successor is the
    // province of that day.
    if let (Some(id), Some(day)) = (&province.value, date.value)
        && let Some(history) = config.provinces.get(id).map(|p| &p.history)
        && let Some(ended) = history.ended.filter(|ended| day >= *ended)
    {
        let became: Vec<&str> = history.became.iter().map(ProvinceId::as_str).collect();
        todo.push(format!(
            "the province: {id} ended on {ended}, before this article's day ({day}); the province of its day is {}: give it with --province",
            became.join(" or ")
        ));
    }
    let title = title_from(parts.lead());
    let slug = slug_of(options, original.as_ref(), &title, file, &mut todo)?;
    let draft = Draft {
        lang,
        title,
        slug,
        date,
        province,
        original,
    };
    // Its figures, read knowing its date and province.
    let setting = Setting {
        date: draft.date.value,
        province: draft.province.value.as_ref(),
        places: Some(places),
    };
    let found = match readers.get(&draft.lang) {
        Some(reader) => reader.figures_in(&body, &setting),
        None => Readers::any_language().figures_in(&body, &setting),
    };
    let article = compose(file, &parts, &draft, &found);
    let folder = draft
        .province
        .value
        .as_ref()
        .map_or("unsorted", ProvinceId::as_str);
    let path = config
        .content_dir()
        .join(folder)
        .join(format!("{}.{}.md", draft.slug, draft.lang));
    if !options.dry_run {
        write(config, &path, &article, options.force)?;
    }
    Ok(Imported {
        values: found
            .iter()
            .filter(|f| f.metric.is_some())
            .map(|f| f.value)
            .collect(),
        lang: draft.lang,
        path,
        text: article,
        todo,
    })
}

/// The text's language: `--lang`, or told from the text.
fn language_of(config: &Config, options: &Options, body: &str, file: &Path) -> Result<String> {
    let codes: Vec<&str> = config.language_codes().map(LangCode::as_str).collect();
    match options.lang {
        Some(code) if codes.contains(&code) => Ok(code.to_owned()),
        Some(code) => Err(Error::usage(
            format!("--lang {code}: not a language of this site"),
            format!("use one of {}", codes.join(", ")),
        )),
        None => language::detect(body, &codes).map_err(|why| {
            Error::usage(
                format!("{}: cannot tell its language: {why}", file.display()),
                "give it with --lang",
            )
        }),
    }
}

/// The article's date: `--date`, or what the text says of it.
fn date_of(options: &Options, body: &str) -> Result<Guess<PartialDate>> {
    match options.date {
        Some(text) => match PartialDate::parse(text) {
            Some(date) => Ok(Guess {
                value: Some(date),
                note: "given with --date".to_owned(),
            }),
            None => Err(Error::usage(
                format!("--date {text}: not a date"),
                "write YYYY-MM-DD, YYYY-MM or YYYY",
            )),
        },
        None => {
            let today = PartialDate::parse(&jiff::Zoned::now().date().to_string()).expect("a date");
            let dated = clues::date(body, today);
            Ok(Guess {
                value: dated.date,
                note: dated.because,
            })
        }
    }
}

/// The article's province: `--province`, or the one the text names.
fn province_of(
    config: &Config,
    places: &Places,
    options: &Options,
    body: &str,
    todo: &mut Vec<String>,
) -> Result<Guess<ProvinceId>> {
    if let Some(text) = options.province {
        return match ProvinceId::parse(text).filter(|p| config.provinces.contains_key(p)) {
            Some(id) => Ok(Guess {
                value: Some(id),
                note: "given with --province".to_owned(),
            }),
            None => Err(Error::usage(
                format!("--province {text}: not a province of this site"),
                format!(
                    "did you mean {}?",
                    config.nearest_provinces(text).join(" or ")
                ),
            )),
        };
    }
    let (value, note) = match clues::province(body, places) {
        Place::One(id) => {
            let note = format!("the province the text names most ({id})");
            (Some(id), note)
        }
        Place::Weak(id) => {
            todo.push(format!(
                "the province: only a newspaper's address names {id}, which says where the paper is: check it, or give --province"
            ));
            let note = format!("TODO: weak: only a newspaper's address names {id}");
            (Some(id), note)
        }
        Place::Tied(candidates) => (
            None,
            format!(
                "the text names {} as often as each other",
                list(&candidates)
            ),
        ),
        Place::None(titled) if titled.is_empty() => {
            (None, "the text names no province of the site".to_owned())
        }
        Place::None(titled) => (
            None,
            format!(
                "the text names {} only in officials' titles, which say where they work",
                list(&titled)
            ),
        ),
    };
    Ok(Guess { value, note })
}

/// The slug: `--slug`, the original's, or one made from the title; an
/// Arabic title gives a placeholder to rename.
fn slug_of(
    options: &Options,
    original: Option<&(String, String)>,
    title: &str,
    file: &Path,
    todo: &mut Vec<String>,
) -> Result<String> {
    if let Some(text) = options.slug {
        return ArticleId::parse(text)
            .map(|s| s.as_str().to_owned())
            .ok_or_else(|| {
                Error::usage(
                    format!("--slug {text}: not a slug"),
                    "use lowercase ASCII letters, digits and hyphens",
                )
            });
    }
    if let Some((_, slug)) = original {
        return Ok(slug.clone());
    }
    Ok(slug_from_title(title).unwrap_or_else(|| {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        let ascii: String = deunicode::deunicode(&stem)
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        todo.push(
            "the slug: a title in Arabic script is never transliterated; give one with --slug, or rename the file"
                .to_owned(),
        );
        format!("imported-{}", ascii.trim_matches('-'))
    }))
}

/// The article's text: front matter (each guess with its reason, the
/// figures with their words), then the body, part by part.
fn compose(file: &Path, parts: &Structure, draft: &Draft, found: &[Found]) -> String {
    let mut out = String::from("+++\n");
    let _ = writeln!(
        out,
        "# Imported from {}: review every line marked TODO.",
        file.file_name().unwrap_or_default().to_string_lossy()
    );
    let _ = writeln!(
        out,
        "title = {}  # TODO: proposed from the lead; write the real title",
        quoted(&draft.title)
    );
    let date = &draft.date;
    match (&draft.original, date.value) {
        (Some((folder, slug)), _) => {
            let _ = writeln!(
                out,
                "# Date and province are inherited from {folder}/{slug} in its other languages."
            );
        }
        (None, Some(d)) => {
            let _ = writeln!(out, "date = {}  # {}", date_value(&d), date.note);
        }
        (None, None) => {
            let _ = writeln!(out, "# date = 2024-01-31  # TODO: {}", date.note);
        }
    }
    let _ = writeln!(out, "language = \"{}\"", draft.lang);
    let province = &draft.province;
    match (&draft.original, &province.value) {
        (Some(_), _) => {}
        (None, Some(p)) => {
            let _ = writeln!(out, "province = \"{p}\"  # {}", province.note);
        }
        (None, None) => {
            let _ = writeln!(out, "# province = \"…\"  # TODO: {}", province.note);
        }
    }
    if let Some(author) = &parts.author {
        let _ = writeln!(out, "author = {}", quoted(author));
    }
    if !parts.dropped.is_empty() {
        let dropped: Vec<String> = parts.dropped.iter().map(|d| format!("«{d}»")).collect();
        let _ = writeln!(out, "# Left out as page furniture: {}", dropped.join(", "));
    }
    // The figures' lines are the article's: the body (its parts, a blank
    // line between each) starts after the front matter, whose length the
    // figures' own lines do not change.
    let figures = |offset: usize| -> String {
        found
            .iter()
            .map(|figure| format!("\n{}", to_toml(figure, offset)))
            .collect()
    };
    let front_lines = out.lines().count() + figures(0).lines().count() + 2;
    out += &figures(front_lines);
    out.push_str("+++\n");
    for part in &parts.parts {
        out.push('\n');
        match part {
            Part::Paragraph(t) => out.push_str(t),
            Part::Heading(t) => {
                out.push_str("## ");
                out.push_str(t);
            }
            Part::Caption(t) => {
                // One line, as the text's: the figures' line numbers hold.
                let _ = write!(
                    out,
                    "![TODO: a photo the text had: its file, and words for what it shows; or delete this line](photo.jpg {})",
                    quoted(t)
                );
            }
        }
        out.push('\n');
    }
    out
}

/// Writes an article, never over one unless `force`.
fn write(config: &Config, path: &Path, article: &str, force: bool) -> Result<()> {
    if fs::exists(path) && !force {
        return Err(Error::usage(
            format!("{} already exists", fs::shown(&config.root, path).display()),
            "import never overwrites an article unless given --force",
        ));
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, article.as_bytes())
}

/// The folder and slug of the article `slug` names, in any language.
fn original_of(config: &Config, slug: &str) -> Result<(String, String)> {
    for path in fs::walk_inputs(&config.content_dir(), &config.root)? {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.ends_with(".md") && name.split('.').next() == Some(slug) {
            let folder = path
                .parent()
                .and_then(Path::file_name)
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            return Ok((folder, slug.to_owned()));
        }
    }
    Err(Error::usage(
        format!("--translation-of {slug}: no article has this slug"),
        "give the slug of an article under content/ (its file name without language and .md)",
    ))
}

/// The articles under `content/`: path, language and the values of their
/// tables.
fn existing_articles(config: &Config) -> Result<Vec<(PathBuf, String, Vec<f64>)>> {
    let mut articles = Vec::new();
    for path in fs::walk_inputs(&config.content_dir(), &config.root)? {
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(Ok(text)) = fs::read_text(&path, &path) else {
            continue;
        };
        let Ok(split) = crate::content::front_matter::split(&path, &text) else {
            continue;
        };
        let Ok(table) = toml::from_str::<toml::Table>(split.front_matter) else {
            continue;
        };
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let lang = table
            .get("language")
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
            .or_else(|| name.rsplit_once('.').map(|(_, l)| l.to_owned()))
            .unwrap_or_default();
        let values = table
            .get("figures")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|f| {
                let v = f.get("value")?;
                v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
            })
            .collect();
        articles.push((fs::shown(&config.root, &path), lang, values));
    }
    Ok(articles)
}

/// Whether two articles' figures are mostly the same values: at least three,
/// and at least half of the fewer.
fn shares_figures(a: &[f64], b: &[f64]) -> bool {
    let shared = a
        .iter()
        .filter(|x| b.iter().any(|y| same_value(**x, *y)))
        .count();
    shared >= 3 && 2 * shared >= a.len().min(b.len())
}

/// A title from the lead: its first sentence (a full stop before a digit or
/// a lowercase letter ends none: "No. 43"), when long its first clause of at
/// least six words, at most fourteen words.
fn title_from(lead: &str) -> String {
    let mut end = lead.len();
    for (k, c) in lead.char_indices() {
        if matches!(c, '.' | '!' | '?' | '؟') {
            let next = lead[k + c.len_utf8()..].trim_start().chars().next();
            if next.is_none_or(|n| !n.is_ascii_digit() && !n.is_lowercase()) {
                end = k;
                break;
            }
        }
    }
    let sentence = lead[..end].trim();
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= 14 {
        return sentence.to_owned();
    }
    let mut clause = Vec::new();
    for piece in sentence.split([',', '،', ';']) {
        clause.extend(piece.split_whitespace());
        if clause.len() >= 6 {
            break;
        }
    }
    clause[..clause.len().min(14)].join(" ")
}

/// A date as TOML: a local date for a day, a string otherwise.
fn date_value(date: &PartialDate) -> String {
    match date.day {
        Some(_) => date.to_string(),
        None => format!("\"{date}\""),
    }
}

fn list(ids: &[ProvinceId]) -> String {
    ids.iter()
        .map(ProvinceId::as_str)
        .collect::<Vec<_>>()
        .join(" and ")
}
