//! `bulletin figures FILE…`: the key figures of articles as `[[figures]]` TOML,
//! ready to paste into front matter, each with the text it came from.
//!
//! Steps: read each file; take its language from the front matter, the file name
//! (`plan.ar.md`) or `--lang`; extract the figures of its body; print them, with
//! the figures to check marked and those without a metric commented out.
//!
//! `bulletin check --suggest` does the same for a whole site, keeping only the
//! figures an article's table lacks.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content::{Article, front_matter};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::figures::places::Places;
use crate::figures::verify::same_value;
use crate::figures::{Found, Readers, Setting, Status, number};
use crate::fs;
use crate::ids::ProvinceId;
use crate::layout;
use crate::progress::Progress;

/// What `bulletin figures` assumes of files that do not say it (plain text).
#[derive(Debug, Clone, Copy, Default)]
pub struct FileDefaults<'a> {
    /// The language code.
    pub lang: Option<&'a str>,
    /// The date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<&'a str>,
    /// The province id.
    pub province: Option<&'a str>,
}

/// The figures of `files` as TOML; `defaults` for what a file does not say.
pub fn figures(root: &Path, files: &[PathBuf], defaults: &FileDefaults) -> Result<String> {
    let config = if root.join(layout::CONFIG_FILE).is_file() {
        Some(Config::load(root, &Overrides::default())?)
    } else {
        None
    };
    let library = match &config {
        Some(config) => Readers::load(&config.root)?,
        None => Readers::built_in(),
    };
    // Province names: the site's, or the built-in registry's without a site.
    let places = match &config {
        Some(config) => Places::of_site(config),
        None => Places::of_registry("vietnam"),
    };
    let default_date = defaults
        .date
        .map(|text| {
            PartialDate::parse(text).ok_or_else(|| {
                Error::usage(
                    format!("--date {text}: not a date"),
                    "write YYYY-MM-DD, YYYY-MM or YYYY",
                )
            })
        })
        .transpose()?;
    let default_province = defaults
        .province
        .map(|text| province_id(config.as_ref(), text))
        .transpose()?;
    let mut out = String::new();
    for file in files {
        let text = match fs::read_text(file, file)? {
            Ok(text) => text,
            Err(d) => return Err(Error::Input(vec![d])),
        };
        // The body, and the line it starts on, when the file has front matter.
        let (body, first_line, table) = match front_matter::split(file, &text) {
            Ok(split) => (
                split.body,
                split.body_line,
                toml::from_str::<toml::Table>(split.front_matter).ok(),
            ),
            Err(_) => (text.as_str(), 1, None),
        };
        let stated = |key: &str| table.as_ref().and_then(|t| t.get(key));
        let code = stated("language")
            .and_then(|v| v.as_str().map(str::to_owned))
            .or_else(|| defaults.lang.map(str::to_owned))
            .or_else(|| language_in_name(file))
            .ok_or_else(|| {
                Error::usage(
                    format!("{}: cannot tell the language of this file", file.display()),
                    "name it <slug>.<lang>.md, give it `language = \"…\"`, or pass --lang",
                )
            })?;
        let province = stated("province")
            .and_then(|v| ProvinceId::parse(v.as_str()?))
            .or_else(|| default_province.clone());
        let setting = Setting {
            date: stated("date")
                .and_then(PartialDate::from_toml)
                .or(default_date),
            province: province.as_ref(),
            places: Some(&places),
        };
        let (found, words) = match library.get(&code) {
            Some(reader) => (reader.figures_in(body, &setting), true),
            None => (Readers::any_language().figures_in(body, &setting), false),
        };
        let unsure = found.iter().filter(|f| !f.unsure.is_empty()).count();
        let _ = writeln!(
            out,
            "# {}: {} figures found, {unsure} to check",
            file.display(),
            found.len()
        );
        if !words {
            let _ = writeln!(
                out,
                "# no figure words for `{code}`: every number is offered commented out; figures/{code}.toml in the site, written like the built-in src/figures/words/en.toml, teaches them"
            );
        }
        if let Some(note) = config
            .as_ref()
            .zip(table.as_ref())
            .and_then(|(c, t)| province_of_the_day(c, t))
        {
            let _ = writeln!(out, "# {note}");
        }
        for figure in &found {
            out.push('\n');
            out += &to_toml(figure, first_line - 1);
        }
        out.push('\n');
    }
    Ok(out.trim_end().to_owned())
}

/// The province `--province` names, known to the site when there is one.
fn province_id(config: Option<&Config>, text: &str) -> Result<ProvinceId> {
    let id = ProvinceId::parse(text).ok_or_else(|| {
        Error::usage(
            format!("--province {text}: not a province id"),
            "ids are lowercase ASCII letters, digits and hyphens, e.g. quang-tri",
        )
    })?;
    match config {
        Some(config) if !config.provinces.contains_key(&id) => Err(Error::usage(
            format!("--province {text}: site.toml knows no such province"),
            format!(
                "did you mean: {}",
                config.nearest_provinces(text).join(", ")
            ),
        )),
        _ => Ok(id),
    }
}

/// A note for a front matter naming a province that had ended by its date:
/// the province of the article's day.
fn province_of_the_day(config: &Config, front_matter: &toml::Table) -> Option<String> {
    let named = front_matter.get("province")?.as_str()?;
    let date = PartialDate::from_toml(front_matter.get("date")?)?;
    let province = config.provinces.get(&ProvinceId::parse(named)?)?;
    let ended = province.history.ended.filter(|ended| date >= *ended)?;
    let became: Vec<String> = province
        .history
        .became
        .iter()
        .map(|b| format!("province = \"{b}\""))
        .collect();
    Some(match became.as_slice() {
        [] => format!("province: {named} ended on {ended}, before this article's date ({date})"),
        _ => format!(
            "province: {named} had become part of another on {ended}, before this article's date ({date}): write {}",
            became.join(" or ")
        ),
    })
}

/// For every article, the figures its text states (with a metric) that its table
/// lacks, as TOML to paste; a comment saying so when no table lacks any. A value
/// the table has under any metric counts as present: the editor may have chosen
/// the metric on purpose (the English "cooperatives" that are groups in the original).
pub fn missing(
    progress: &Progress,
    config: &Config,
    articles: &[&Article],
    readers: &Readers,
) -> Result<String> {
    // File by file, in the order of their paths.
    let mut articles = articles.to_vec();
    articles.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let places = Places::of_site(config);
    let per_file: Vec<String> = articles
        .par_iter()
        .map(|article| -> Result<String> {
            progress.step();
            let Some(reader) = readers.get(article.lang.as_str()) else {
                return Ok(String::new());
            };
            let file = config.root.join(&article.path);
            let text = match fs::read_text(&file, &article.path)? {
                Ok(text) => text,
                Err(d) => return Err(Error::Input(vec![d])),
            };
            let split =
                front_matter::split(&article.path, &text).map_err(|d| Error::Input(vec![d]))?;
            let setting = Setting {
                date: Some(article.date),
                province: Some(&article.province),
                places: Some(&places),
            };
            let lacking: Vec<Found> = reader
                .figures_in(split.body, &setting)
                .into_iter()
                .filter(|found| {
                    found.metric.is_some()
                        && !article.figures.iter().any(|declared| {
                            same_value(declared.value, found.value)
                                || found.high.is_some_and(|h| same_value(declared.value, h))
                        })
                })
                .collect();
            if lacking.is_empty() {
                return Ok(String::new());
            }
            let mut out = match lacking.len() {
                1 => format!(
                    "# {}: 1 figure of the text is not in its table\n",
                    article.path.display()
                ),
                n => format!(
                    "# {}: {n} figures of the text are not in its table\n",
                    article.path.display()
                ),
            };
            for found in &lacking {
                out.push('\n');
                out += &to_toml(found, split.body_line - 1);
            }
            Ok(out)
        })
        .collect::<Result<_>>()?;
    let found: Vec<String> = per_file.into_iter().filter(|s| !s.is_empty()).collect();
    if found.is_empty() {
        Ok("# every figure found in the articles' texts is in their tables".to_owned())
    } else {
        Ok(found.join("\n").trim_end().to_owned())
    }
}

/// `x.ar.md` → `ar`.
fn language_in_name(file: &Path) -> Option<String> {
    let stem = file.file_stem()?.to_str()?;
    let (_, lang) = stem.rsplit_once('.')?;
    Some(lang.to_owned())
}

/// One figure as a `[[figures]]` entry, preceded by where it came from; commented
/// out when its metric is unknown, so that pasting it never breaks a build.
pub fn to_toml(figure: &Found, line_offset: usize) -> String {
    let mut out = format!(
        "# line {}: «{}»{}\n",
        figure.line + line_offset,
        figure.quote.replace('\n', " "),
        why(figure)
    );
    for reason in &figure.unsure {
        let _ = writeln!(out, "# check: {reason}");
    }
    let mut entry = String::from("[[figures]]\n");
    let metric = figure.metric.as_ref().map_or("?", |m| m.as_str());
    let _ = writeln!(entry, "metric = \"{metric}\"");
    let _ = writeln!(entry, "value = {}", number::toml(figure.value));
    if let Some(unit) = &figure.unit {
        let _ = writeln!(entry, "unit = {}", quoted(unit));
    }
    let status = match figure.status {
        Status::Actual => "actual",
        Status::Target => "target",
        Status::Estimate => "estimate",
    };
    let _ = writeln!(entry, "status = \"{status}\"");
    if let Some(year) = figure.as_of {
        let _ = writeln!(entry, "as_of = \"{year}\"");
    }
    if let Some(note) = &figure.note {
        let _ = writeln!(entry, "note = {}", quoted(note));
    }
    if figure.metric.is_none() {
        for line in entry.lines() {
            let _ = writeln!(out, "# {line}");
        }
    } else {
        out += &entry;
    }
    out
}

/// The words that decided how a figure was read, after its quote: ` · metric
/// «HTX», «thành lập mới» · target «phấn đấu» · «toàn tỉnh»`.
fn why(figure: &Found) -> String {
    let quoted = |words: &str| format!("«{}»", words.replace('\n', " "));
    let mut parts = Vec::new();
    if figure.metric.is_some() && !figure.why.metric.is_empty() {
        let words: Vec<String> = figure.why.metric.iter().map(|w| quoted(w)).collect();
        parts.push(format!("metric {}", words.join(", ")));
    }
    let status = match figure.status {
        Status::Actual => "actual",
        Status::Target => "target",
        Status::Estimate => "estimate",
    };
    parts.push(match &figure.why.status {
        Some(words) => format!("{status} {}", quoted(words)),
        None => format!("{status}: no word of a plan or expectation"),
    });
    parts.push(match &figure.why.scope {
        Some(words) => format!("whose {}", quoted(words)),
        None => "whose: no place named, the article's province".to_owned(),
    });
    format!(" · {}", parts.join(" · "))
}

/// A TOML basic string.
pub fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::Why;
    use crate::ids::MetricId;

    fn found(metric: Option<&str>, unsure: &[&str]) -> Found {
        Found {
            metric: metric.and_then(MetricId::parse),
            value: 9_450_000_000.0,
            high: None,
            unit: Some("VND".into()),
            status: Status::Actual,
            as_of: Some(2023),
            note: Some("ما يقارب".into()),
            quote: "ما يقارب 9.45 مليار دونج".into(),
            line: 3,
            unsure: unsure.iter().map(|s| (*s).to_owned()).collect(),
            why: Why {
                metric: vec!["صرف القروض".into()],
                status: None,
                scope: Some("المقاطعة".into()),
            },
        }
    }

    #[test]
    fn a_figure_becomes_front_matter() {
        let text = to_toml(&found(Some("loans"), &[]), 10);
        assert_eq!(
            text,
            "# line 13: «ما يقارب 9.45 مليار دونج» · metric «صرف القروض» · actual: no word of a plan or expectation · whose «المقاطعة»\n[[figures]]\nmetric = \"loans\"\nvalue = 9450000000\n\
             unit = \"VND\"\nstatus = \"actual\"\nas_of = \"2023\"\nnote = \"ما يقارب\"\n"
        );
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(
            table["figures"][0]["value"].as_integer(),
            Some(9_450_000_000)
        );
    }

    #[test]
    fn an_unknown_metric_is_commented_out_with_its_reason() {
        let text = to_toml(&found(None, &["an amount of money"]), 0);
        assert!(text.contains("# check: an amount of money\n# [[figures]]\n# metric = \"?\""));
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert!(table.is_empty(), "nothing but comments");
    }
}
