//! `bulletin init` and `bulletin new`: new sites and article skeletons.
//!
//! Neither ever overwrites a file: an editor's work is never lost to a scaffold.

use std::path::{Path, PathBuf};

use crate::config::{Config, Overrides};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::fs;
use crate::ids::{ArticleId, LangCode, ProvinceId};
use crate::layout;

const SITE_TOML: &str = r#"# The bulletin's configuration; README.md describes every field.
base_url = "https://example.org/"
default_language = "en"
output_dir = "public"
per_page = 10
# Vietnam's 63 provinces and centrally-run cities and their merger into 34
# on 1 July 2025, with names in Vietnamese and English. A site elsewhere
# removes this line and declares its own under [provinces]; either way a
# table such as [provinces.ha-tinh] adds a province or renames one:
#   name = { en = "Ha Tinh", vi = "Hà Tĩnh" }
province_registry = "vietnam"

[title]
en = "Cooperative Bulletin"
vi = "Bản tin Hợp tác xã"

[languages.en]
name = "English"
locale = "en-US"

[languages.vi]
name = "Tiếng Việt"
locale = "vi-VN"
"#;

const EXAMPLE_ARTICLE: &str = r#"+++
title = "Ha Tinh sets up new cooperatives"
date = 2024-02-20
language = "en"
province = "ha-tinh"

[[figures]]
metric = "new_cooperatives"
value = 35
+++

In 2023 the province set up 35 new cooperatives.
"#;

/// What git leaves out of a new site: the output, and the cache of photos.
fn gitignore() -> String {
    format!("/public/\n/{}/\n", layout::CACHE)
}

/// Creates a working site in `dir`: `site.toml`, one article, a `.gitignore`,
/// and empty `templates/` and `static/` folders (the built-in theme applies
/// until a file there overrides it).
pub fn init(dir: &Path) -> Result<()> {
    if fs::is_non_empty_dir(dir)? {
        return Err(Error::usage(
            format!("{} already exists and is not empty", dir.display()),
            "choose a new folder name; init never overwrites files",
        ));
    }
    fs::write_new(&dir.join(layout::CONFIG_FILE), SITE_TOML.as_bytes())?;
    fs::write_new(
        &dir.join(layout::CONTENT)
            .join("ha-tinh")
            .join("new-cooperatives.en.md"),
        EXAMPLE_ARTICLE.as_bytes(),
    )?;
    fs::write_new(&dir.join(".gitignore"), gitignore().as_bytes())?;
    fs::create_dir_all(&dir.join(layout::TEMPLATES))?;
    fs::create_dir_all(&dir.join(layout::STATIC))?;
    Ok(())
}

/// Writes `content/<province>/<slug>.<lang>.md` with front matter for
/// `date` (today by default), and returns its path.
///
/// Most of its length is the checks of the command line's arguments, each
/// with its own message and hint, before the one file is written.
pub fn new_article(
    root: &Path,
    lang: &str,
    province: &str,
    slug: Option<&str>,
    date: Option<&str>,
    title: &str,
) -> Result<PathBuf> {
    let config = Config::load(root, &Overrides::default())?;
    let codes: Vec<&str> = config.language_codes().map(LangCode::as_str).collect();
    let Some(lang) = LangCode::parse(lang).filter(|l| config.language(l).is_some()) else {
        return Err(Error::usage(
            format!("--lang {lang}: not a language of this site"),
            format!("use one of {}", codes.join(", ")),
        ));
    };
    let Some(province) = ProvinceId::parse(province).filter(|p| config.provinces.contains_key(p))
    else {
        let near = config.nearest_provinces(province);
        let all: Vec<&str> = config.provinces.keys().map(ProvinceId::as_str).collect();
        let hint = if near.is_empty() {
            format!("known provinces: {}", all.join(", "))
        } else {
            format!("did you mean {}?", near.join(" or "))
        };
        return Err(Error::usage(
            format!("--province {province}: not a province of this site"),
            hint,
        ));
    };
    let date = match date {
        None => jiff::Zoned::now().date().to_string(),
        Some(text) => match PartialDate::parse(text).filter(|d| d.day.is_some()) {
            Some(_) => text.to_owned(),
            None => {
                return Err(Error::usage(
                    format!("--date {text}: not a date"),
                    "write the day as YYYY-MM-DD, e.g. --date 2024-02-20",
                ));
            }
        },
    };
    let day = PartialDate::parse(&date).expect("checked above");
    let history = &config.provinces[&province].history;
    if let Some(ended) = history.ended.filter(|ended| day >= *ended) {
        let became: Vec<&str> = history.became.iter().map(ProvinceId::as_str).collect();
        return Err(Error::usage(
            format!(
                "--province {province}: it ended on {ended}{}",
                if became.is_empty() {
                    String::new()
                } else {
                    format!(", when it became part of {}", became.join(" and "))
                }
            ),
            format!(
                "an article of {date} names the province of its day{}; an article about {province} before then gives its --date",
                if became.is_empty() {
                    String::new()
                } else {
                    format!(": --province {}", became.join(" or --province "))
                }
            ),
        ));
    }
    if title.trim().is_empty() {
        return Err(Error::usage(
            "the title is empty",
            "give the title in quotes: bulletin new … \"Title\"",
        ));
    }
    let slug = match slug {
        Some(s) => s.to_owned(),
        None => slug_from_title(title).ok_or_else(|| {
            Error::usage(
                format!("cannot make an ASCII slug from the title {title:?}"),
                "give one with --slug, e.g. --slug cooperatives-2024 (slugs are never transliterated from Arabic)",
            )
        })?,
    };
    let Some(id) = ArticleId::parse(&slug) else {
        return Err(Error::usage(
            format!("--slug {slug}: not a valid slug"),
            "use lowercase ASCII letters, digits and hyphens",
        ));
    };
    let path = config
        .content_dir()
        .join(province.as_str())
        .join(format!("{id}.{lang}.md"));
    let text = format!(
        "+++\ntitle = {title:?}\ndate = {date}\nlanguage = \"{lang}\"\nprovince = \"{province}\"\n\
         # author = \"\"\n# source = \"https://…\"\n\n\
         # [[figures]]\n# metric = \"cooperatives\"\n# value = 0\n# status = \"actual\"\n+++\n\n"
    );
    if fs::exists(&path) {
        return Err(Error::usage(
            format!("{} already exists", path.display()),
            "choose another --slug; new never overwrites an article",
        ));
    }
    fs::write_new(&path, text.as_bytes())?;
    Ok(path)
}

/// A slug from a title written in Latin or Cyrillic script (Vietnamese marks dropped).
///
/// Arabic titles give `None`: an Arabic slug would be a guess at a transliteration,
/// so the editor names it.
pub fn slug_from_title(title: &str) -> Option<String> {
    if title.chars().any(|c| matches!(c, '\u{0600}'..='\u{06ff}' | '\u{0750}'..='\u{077f}' | '\u{08a0}'..='\u{08ff}')) {
        return None;
    }
    let ascii = deunicode::deunicode(title).to_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        let table = [
            (
                "Hà Tĩnh thành lập 35 hợp tác xã mới",
                Some("ha-tinh-thanh-lap-35-hop-tac-xa"),
            ),
            (
                "Cooperatives: 2024 review!",
                Some("cooperatives-2024-review"),
            ),
            ("Кооперативы провинции", Some("kooperativy-provintsii")),
            ("التعاونيات في بينه ثوان", None),
            ("!!!", None),
        ];
        for (title, slug) in table {
            assert_eq!(slug_from_title(title).as_deref(), slug, "{title}");
        }
    }
}
