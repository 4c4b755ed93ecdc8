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

/// A file cut into its parts, with byte offsets into the file's text.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    /// The TOML between the delimiters.
    pub front_matter: &'a str,
    /// Where the TOML starts in the file.
    pub front_matter_offset: usize,
    /// The Markdown after the closing delimiter.
    pub body: &'a str,
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
        if l.trim_end() == DELIMITER {
            return Ok(Split {
                front_matter: &text[fm_start..offset],
                front_matter_offset: fm_start,
                body: &text[offset + l.len()..],
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
enum Number {
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    metric: Spanned<String>,
    value: Spanned<Number>,
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
    /// Where the front matter opens, for problems with the file as a whole.
    pub opening: Location,
}

/// Parses and checks the front matter of `text` against the configuration.
pub fn parse(
    path: &Path,
    text: &str,
    split: &Split<'_>,
    config: &Config,
) -> Result<FileEntry, Vec<Diagnostic>> {
    let offset = split.front_matter_offset;
    let raw: RawFrontMatter = toml::from_str(split.front_matter).map_err(|e| {
        let d = toml_diagnostic(path, text, offset, &e);
        let d = match e.message() {
            m if m.contains("missing field") => Diagnostic {
                location: Some(Box::new(Location::of_line(text, split.body_line - 1))),
                ..d
            }
            .with_hint("every article needs title, date, language and province (a translation may inherit date and province)"),
            m if m.contains("unknown field") => d.with_hint(
                "allowed fields: title, date, language, province, slug, summary, author, source, draft, tags, [[figures]]",
            ),
            _ => d.with_hint("the front matter is TOML: strings in double quotes, dates as 2024-02-20"),
        };
        vec![d]
    })?;
    let at = |span: Range<usize>| Location::from_span(text, offset + span.start..offset + span.end);
    let diag = |span: Range<usize>, message: String| Diagnostic {
        path: path.to_owned(),
        location: Some(Box::new(at(span))),
        message,
        hint: None,
    };
    let mut problems = Vec::new();

    let language =
        match LangCode::parse(raw.language.get_ref()).filter(|c| config.language(c).is_some()) {
            Some(code) => Some(Located {
                value: code,
                location: at(raw.language.span()),
            }),
            None => {
                let known: Vec<&str> = config.language_codes().map(LangCode::as_str).collect();
                problems.push(
                    diag(
                        raw.language.span(),
                        format!("unknown language `{}`", raw.language.get_ref()),
                    )
                    .with_hint(format!(
                        "the languages of this site are {} (see [languages] in site.toml)",
                        known.join(", ")
                    )),
                );
                None
            }
        };

    let date = raw
        .date
        .as_ref()
        .and_then(|d| match PartialDate::from_toml(d.get_ref()) {
            Some(value) => Some(Located {
                value,
                location: at(d.span()),
            }),
            None => {
                problems.push(bad_date(diag(
                    d.span(),
                    format!("`{}` is not a valid date", d.get_ref()),
                )));
                None
            }
        });

    let province = raw.province.as_ref().and_then(|p| {
        match ProvinceId::parse(p.get_ref()).filter(|id| config.provinces.contains_key(id)) {
            Some(value) => Some(Located {
                value,
                location: at(p.span()),
            }),
            None => {
                let near = config.nearest_provinces(p.get_ref());
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
                problems.push(
                    diag(p.span(), format!("unknown province `{}`", p.get_ref())).with_hint(hint),
                );
                None
            }
        }
    });

    let slug = raw.slug.as_ref().map(|s| Located {
        value: s.get_ref().clone(),
        location: at(s.span()),
    });

    if let Some(source) = &raw.source
        && url::Url::parse(source.get_ref())
            .map_or(true, |u| !matches!(u.scheme(), "http" | "https"))
    {
        problems.push(
            diag(
                source.span(),
                format!("source `{}` is not an http(s) URL", source.get_ref()),
            )
            .with_hint("give the full address of the original article, starting with https://"),
        );
    }

    let figures = raw.figures.as_ref().map(|figures| {
        figures
            .iter()
            .filter_map(|f| {
                let raw = f.get_ref();
                let metric = match MetricId::parse(raw.metric.get_ref()) {
                    Some(id) if id.is_builtin() || config.metrics.contains_key(&id) => Some(id),
                    _ => {
                        let known = BUILTIN_METRICS
                            .iter()
                            .copied()
                            .chain(config.metrics.keys().map(MetricId::as_str));
                        let near = nearest(raw.metric.get_ref(), known);
                        let hint = if near.is_empty() {
                            "use a built-in metric (cooperatives, members, revenue, …) or define one under [metrics.<id>] in site.toml".to_owned()
                        } else {
                            format!("did you mean {}? New metrics are defined under [metrics.<id>] in site.toml", quoted(&near))
                        };
                        problems.push(diag(raw.metric.span(), format!("unknown metric `{}`", raw.metric.get_ref())).with_hint(hint));
                        None
                    }
                };
                let value = match *raw.value.get_ref() {
                    Number::Int(i) => i as f64,
                    Number::Float(x) if x.is_finite() => x,
                    Number::Float(_) => {
                        problems.push(
                            diag(raw.value.span(), "a figure's value must be a finite number".into())
                                .with_hint("write the plain number, e.g. 5400 or 40.6"),
                        );
                        0.0
                    }
                };
                let as_of = raw.as_of.as_ref().and_then(|d| {
                    PartialDate::from_toml(d.get_ref()).or_else(|| {
                        problems.push(bad_date(diag(d.span(), format!("as_of `{}` is not a valid date", d.get_ref()))));
                        None
                    })
                });
                Some(Located {
                    value: Figure {
                        metric: metric?,
                        value,
                        unit: raw.unit.clone(),
                        status: raw.status,
                        as_of,
                        note: raw.note.clone(),
                        line: at(f.span()).line,
                    },
                    location: at(raw.value.span()),
                })
            })
            .collect()
    });

    if !problems.is_empty() {
        return Err(problems);
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
        opening: Location::of_line(text, 1),
    })
}

fn bad_date(d: Diagnostic) -> Diagnostic {
    d.with_hint("write a date as 2024-02-20 (no quotes), or \"2024-02\" / \"2024\" in quotes when only the month or year is known")
}

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
