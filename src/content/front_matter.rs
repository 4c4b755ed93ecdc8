//! Front matter: the TOML between the `+++` lines at the top of an article.
//!
//! Steps: split the file into front matter and body, parse the TOML into
//! `RawFrontMatter` (unknown keys are errors), then check each field against
//! the configuration into a [`FileEntry`], collecting every problem with its
//! line and column in the file.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::config::Config;
use crate::date::PartialDate;
use crate::error::{Diagnostic, Location, nearest};
use crate::figures::{Figure, Status};
use crate::ids::{BUILTIN_METRICS, LangCode, MetricId, ProvinceId};
use crate::located::{Located, toml_diagnostic};

/// The delimiter line of TOML front matter.
pub const DELIMITER: &str = "+++";

/// The longest front matter read: a real one is a few hundred bytes, and a
/// TOML table of a million keys takes seconds and half a gigabyte to parse.
const MAX_FRONT_MATTER: usize = 64 << 10;

/// A file cut into its parts, with byte offsets into the file's text.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    /// The TOML between the delimiters.
    pub front_matter: &'a str,
    /// Where the TOML starts in the file.
    pub front_matter_offset: usize,
    /// The Markdown after the closing delimiter.
    pub body: &'a str,
    /// Where the body starts in the file.
    pub body_offset: usize,
    /// 1-based line of the body's first line.
    pub body_line: usize,
}

/// Cuts `text` at its `+++` lines; the error says what is wrong and where.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let start = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let mut lines = text[start..].split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != DELIMITER {
        let hint = if first.trim_end() == "---" {
            "bulletin reads TOML front matter between `+++` lines; YAML (`---`) is not supported"
        } else {
            "start the file with a line `+++`, then the fields (title, date, language, province), then another `+++`"
        };
        return Err(Diagnostic::at(
            path,
            text,
            start..start + first.trim_end().len(),
            "the file does not start with front matter",
        )
        .with_hint(hint));
    }
    let fm_start = start + first.len();
    let mut offset = fm_start;
    for (line, l) in (2..).zip(lines) {
        if offset - fm_start > MAX_FRONT_MATTER {
            return Err(Diagnostic::at(
                path,
                text,
                start..start + DELIMITER.len(),
                format!(
                    "the front matter opened here is longer than the {} KB it may be",
                    MAX_FRONT_MATTER >> 10
                ),
            )
            .with_hint("front matter is a few lines: title, date, language, province, figures; the text goes below the closing `+++`"));
        }
        if l.trim_end() == DELIMITER {
            return Ok(Split {
                front_matter: &text[fm_start..offset],
                front_matter_offset: fm_start,
                body: &text[offset + l.len()..],
                body_offset: offset + l.len(),
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(Diagnostic::at(
        path,
        text,
        start..start + DELIMITER.len(),
        "the front matter opened here is never closed",
    )
    .with_hint("add a line `+++` after the last front-matter field"))
}

/// A number in TOML: integer or float.
#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(untagged)]
enum TomlNumber {
    Int(i64),
    Float(f64),
}

/// The front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Spanned<String>,
    #[serde(default)]
    date: Option<Spanned<toml::Value>>,
    language: Spanned<String>,
    #[serde(default)]
    province: Option<Spanned<String>>,
    #[serde(default)]
    slug: Option<Spanned<String>>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    figures: Option<Vec<Spanned<RawFigure>>>,
    #[serde(default)]
    photo: Option<Spanned<RawPhoto>>,
}

/// The `[photo]` table: the article's lead photo.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    #[serde(default)]
    file: Option<Spanned<String>>,
    #[serde(default)]
    alt: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    credit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    metric: Spanned<String>,
    value: Spanned<TomlNumber>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    as_of: Option<Spanned<toml::Value>>,
    #[serde(default)]
    note: Option<String>,
}

/// One article file after its front matter was checked on its own.
///
/// Fields a translation may inherit from its siblings stay optional here; the
/// content stage fills them from the sibling that states them.
#[derive(Debug, Clone)]
pub struct FileEntry {
    /// The language the front matter states.
    pub language: Located<LangCode>,
    /// The title.
    pub title: String,
    /// The date, unless inherited.
    pub date: Option<Located<PartialDate>>,
    /// The province, unless inherited.
    pub province: Option<Located<ProvinceId>>,
    /// A slug that replaces the file name's.
    pub slug: Option<Located<String>>,
    /// The summary, if written.
    pub summary: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// URL of the original.
    pub source: Option<String>,
    /// Not to be published.
    pub draft: bool,
    /// Tags.
    pub tags: Vec<String>,
    /// The key figures, unless inherited, each located at its value.
    pub figures: Option<Vec<Located<Figure>>>,
    /// The lead photo, located at its `[photo]` table.
    pub photo: Option<Located<LeadEntry>>,
    /// Where the front matter opens, for problems with the file as a whole.
    pub opening: Location,
}

/// The `[photo]` table of a file: the lead photo in the file's language.
#[derive(Debug, Clone)]
pub struct LeadEntry {
    /// The photo's file, relative to the article's (a translation may
    /// inherit it), located at its value.
    pub file: Option<Located<String>>,
    /// Its alt text (empty for a photo that is only decoration).
    pub alt: String,
    /// Its caption.
    pub caption: Option<String>,
    /// Who took it (a translation may inherit it).
    pub credit: Option<String>,
}

/// Parses and checks the front matter of `text` against the configuration.
pub fn parse(
    path: &Path,
    text: &str,
    split: &Split<'_>,
    config: &Config,
) -> Result<FileEntry, Vec<Diagnostic>> {
    let raw = raw(path, text, split)?;
    let mut v = FieldChecks {
        path,
        text,
        offset: split.front_matter_offset,
        config,
        problems: Vec::new(),
    };
    let language = v.language(&raw.language);
    let date = raw.date.as_ref().and_then(|d| v.date(d, "date"));
    let province = raw.province.as_ref().and_then(|p| v.province(p));
    let slug = raw.slug.as_ref().map(|s| Located {
        value: s.get_ref().clone(),
        location: v.at(s.span()),
    });
    if let Some(source) = &raw.source {
        v.source(source);
    }
    let figures = raw
        .figures
        .as_ref()
        .map(|figures| figures.iter().filter_map(|f| v.figure(f)).collect());
    let photo = raw.photo.as_ref().and_then(|p| v.photo(p));
    if !v.problems.is_empty() {
        return Err(v.problems);
    }
    Ok(FileEntry {
        language: language.expect("no problems"),
        title: raw.title.into_inner(),
        date,
        province,
        slug,
        summary: raw.summary,
        author: raw.author,
        source: raw.source.map(Spanned::into_inner),
        draft: raw.draft,
        tags: raw.tags,
        figures,
        photo,
        opening: Location::of_line(text, 1),
    })
}

/// The front matter as written, or why it is not TOML of the allowed fields.
fn raw(path: &Path, text: &str, split: &Split<'_>) -> Result<RawFrontMatter, Vec<Diagnostic>> {
    toml::from_str(split.front_matter).map_err(|e| {
        let d = toml_diagnostic(path, text, split.front_matter_offset, &e);
        let d = match e.message() {
            m if m.contains("missing field") => Diagnostic {
                location: Some(Box::new(Location::of_line(text, split.body_line - 1))),
                ..d
            }
            .with_hint("every article needs title, date, language and province (a translation may inherit date and province)"),
            m if m.contains("unknown field") => d.with_hint(
                "allowed fields: title, date, language, province, slug, summary, author, source, draft, tags, [[figures]], [photo] (file, alt, caption, credit)",
            ),
            _ => d.with_hint("the front matter is TOML: strings in double quotes, dates as 2024-02-20"),
        };
        vec![d]
    })
}

/// The checks of one file's fields against the configuration, each adding its
/// problems to the others'.
struct FieldChecks<'a> {
    path: &'a Path,
    /// The whole file's text.
    text: &'a str,
    /// Where the front matter starts in it.
    offset: usize,
    config: &'a Config,
    problems: Vec<Diagnostic>,
}

impl FieldChecks<'_> {
    /// Where a span of the front matter is in the file.
    fn at(&self, span: Range<usize>) -> Location {
        Location::from_span(self.text, self.offset + span.start..self.offset + span.end)
    }

    fn problem(&mut self, span: Range<usize>, message: String, hint: impl Into<String>) {
        self.problems.push(
            Diagnostic {
                path: self.path.to_owned(),
                location: Some(Box::new(self.at(span))),
                message,
                hint: None,
            }
            .with_hint(hint),
        );
    }

    /// `language`: one of the site's (the site's own code, shared: comparing
    /// it with the site's languages then needs no look at its text).
    fn language(&mut self, raw: &Spanned<String>) -> Option<Located<LangCode>> {
        let config = self.config;
        match LangCode::parse(raw.get_ref()).and_then(|c| config.language(&c)) {
            Some(language) => Some(Located {
                value: language.code.clone(),
                location: self.at(raw.span()),
            }),
            None => {
                let known: Vec<&str> = config.language_codes().map(LangCode::as_str).collect();
                self.problem(
                    raw.span(),
                    format!("unknown language `{}`", raw.get_ref()),
                    format!(
                        "the languages of this site are {} (see [languages] in site.toml)",
                        known.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// A date (`date`, or a figure's `as_of`, named `field` in the message).
    fn date(&mut self, raw: &Spanned<toml::Value>, field: &str) -> Option<Located<PartialDate>> {
        match PartialDate::from_toml(raw.get_ref()) {
            Some(value) => Some(Located {
                value,
                location: self.at(raw.span()),
            }),
            None => {
                let message = match field {
                    "date" => format!("`{}` is not a valid date", raw.get_ref()),
                    _ => format!("{field} `{}` is not a valid date", raw.get_ref()),
                };
                self.problem(raw.span(), message, DATE_HINT);
                None
            }
        }
    }

    /// `province`: one of the site's.
    fn province(&mut self, raw: &Spanned<String>) -> Option<Located<ProvinceId>> {
        let config = self.config;
        // The site's own id, shared, as for `language`.
        let known = ProvinceId::parse(raw.get_ref()).and_then(|id| {
            config
                .provinces
                .get_key_value(&id)
                .map(|(id, _)| id.clone())
        });
        match known {
            Some(value) => Some(Located {
                value,
                location: self.at(raw.span()),
            }),
            None => {
                let near = config.nearest_provinces(raw.get_ref());
                let hint = if near.is_empty() {
                    let all: Vec<&str> = config.provinces.keys().map(ProvinceId::as_str).collect();
                    format!(
                        "known provinces: {}; add new ones under [provinces] in site.toml",
                        all.join(", ")
                    )
                } else {
                    format!(
                        "did you mean {}? Provinces are listed under [provinces] in site.toml",
                        quoted(&near)
                    )
                };
                self.problem(
                    raw.span(),
                    format!("unknown province `{}`", raw.get_ref()),
                    hint,
                );
                None
            }
        }
    }

    /// `[photo]`: alt text required, empty for decoration.
    fn photo(&mut self, raw: &Spanned<RawPhoto>) -> Option<Located<LeadEntry>> {
        let photo = raw.get_ref();
        let Some(alt) = &photo.alt else {
            self.problem(
                raw.span(),
                "the lead photo has no alt text".into(),
                "describe what it shows for readers who cannot see it: alt = \"Members harvest rice\"; a photo that is only decoration says so with alt = \"\"",
            );
            return None;
        };
        Some(Located {
            value: LeadEntry {
                file: photo.file.as_ref().map(|f| Located {
                    value: f.get_ref().clone(),
                    location: self.at(f.span()),
                }),
                alt: alt.trim().to_owned(),
                caption: photo.caption.clone().filter(|c| !c.trim().is_empty()),
                credit: photo.credit.clone().filter(|c| !c.trim().is_empty()),
            },
            location: self.at(raw.span()),
        })
    }

    /// `source`: the web address of the original.
    fn source(&mut self, raw: &Spanned<String>) {
        let web =
            url::Url::parse(raw.get_ref()).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !web {
            self.problem(
                raw.span(),
                format!("source `{}` is not an http(s) URL", raw.get_ref()),
                "give the full address of the original article, starting with https://",
            );
        }
    }

    /// One `[[figures]]` entry: a known metric and a finite value.
    fn figure(&mut self, entry: &Spanned<RawFigure>) -> Option<Located<Figure>> {
        let raw = entry.get_ref();
        let metric = self.metric(&raw.metric);
        let value = match *raw.value.get_ref() {
            TomlNumber::Int(i) => i as f64,
            TomlNumber::Float(x) if x.is_finite() => x,
            TomlNumber::Float(_) => {
                self.problem(
                    raw.value.span(),
                    "a figure's value must be a finite number".into(),
                    "write the plain number, e.g. 5400 or 40.6",
                );
                0.0
            }
        };
        let as_of = raw
            .as_of
            .as_ref()
            .and_then(|d| self.date(d, "as_of"))
            .map(|d| d.value);
        Some(Located {
            value: Figure {
                metric: metric?,
                value,
                unit: raw.unit.clone(),
                status: raw.status,
                as_of,
                note: raw.note.clone(),
                line: self.at(entry.span()).line,
            },
            location: self.at(raw.value.span()),
        })
    }

    /// A figure's metric: built in, or defined in `site.toml`.
    fn metric(&mut self, raw: &Spanned<String>) -> Option<MetricId> {
        let config = self.config;
        match MetricId::parse(raw.get_ref()) {
            Some(id) if id.is_builtin() || config.metrics.contains_key(&id) => Some(id),
            _ => {
                let known = BUILTIN_METRICS
                    .iter()
                    .copied()
                    .chain(config.metrics.keys().map(MetricId::as_str));
                let near = nearest(raw.get_ref(), known);
                let hint = if near.is_empty() {
                    "use a built-in metric (cooperatives, members, revenue, …) or define one under [metrics.<id>] in site.toml".to_owned()
                } else {
                    format!(
                        "did you mean {}? New metrics are defined under [metrics.<id>] in site.toml",
                        quoted(&near)
                    )
                };
                self.problem(
                    raw.span(),
                    format!("unknown metric `{}`", raw.get_ref()),
                    hint,
                );
                None
            }
        }
    }
}

/// How to write a date.
const DATE_HINT: &str = "write a date as 2024-02-20 (no quotes), or \"2024-02\" / \"2024\" in quotes when only the month or year is known";

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"x\"\n+++\n\nBody\n";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.front_matter, "title = \"x\"\n");
        assert_eq!(s.front_matter_offset, 4);
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn split_accepts_bom_and_crlf() {
        let text = "\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nBody";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.front_matter, "title = \"x\"\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn split_errors_are_located() {
        let table = [
            ("# Title\n", 1, "does not start with front matter"),
            (
                "---\ntitle: x\n---\n",
                1,
                "does not start with front matter",
            ),
            ("+++\ntitle = \"x\"\n\nBody\n", 1, "never closed"),
            ("", 1, "does not start with front matter"),
        ];
        for (text, line, message) in table {
            let d = split(Path::new("a.md"), text).unwrap_err();
            assert_eq!(d.location.as_ref().unwrap().line, line, "{text:?}");
            assert!(d.message.contains(message), "{text:?}: {}", d.message);
        }
    }
}
