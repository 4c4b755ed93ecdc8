//! A small site in a temporary folder, built with the real pipeline, and its
//! pages parsed as HTML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bulletin::{BuildOptions, BuildReport};
use scraper::{Html, Selector};

/// A site.toml with the five built-in languages and three provinces.
pub const CONFIG: &str = r#"
base_url = "https://example.org/"
default_language = "en"
per_page = 2

[title]
en = "Cooperative Bulletin"
vi = "Bản tin Hợp tác xã"
ar = "نشرة التعاونيات"
id = "Buletin Koperasi"
ru = "Кооперативный бюллетень"

[languages.en]
name = "English"
locale = "en-US"

[languages.ar]
name = "العربية"
locale = "ar-EG"

[languages.vi]
name = "Tiếng Việt"
locale = "vi-VN"

[languages.id]
name = "Bahasa Indonesia"
locale = "id-ID"

[languages.ru]
name = "Русский"
locale = "ru-RU"

[provinces.ha-tinh]
name = { en = "Ha Tinh", vi = "Hà Tĩnh", ar = "ها تينه", id = "Ha Tinh", ru = "Хатинь" }

[provinces.quang-tri]
name = { en = "Quang Tri", vi = "Quảng Trị", ar = "كوانغ تري", id = "Quang Tri", ru = "Куангчи" }

[provinces.binh-thuan]
name = { en = "Binh Thuan", vi = "Bình Thuận", ar = "بينه ثوان", id = "Binh Thuan", ru = "Биньтхуан" }

[metrics.revenue_growth]
unit = "%"
label = { en = "Revenue growth", vi = "Tăng doanh thu", ar = "نمو الإيرادات", id = "Pertumbuhan pendapatan", ru = "Рост выручки" }
"#;

pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A site with [`CONFIG`] and no articles.
    pub fn new() -> Site {
        Site::with_config(CONFIG)
    }

    pub fn with_config(config: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("site.toml", config);
        site
    }

    /// A site with one English article, `/en/2024/a/`, rendered by `template` as `article.html`.
    pub fn with_article_template(template: &str) -> Site {
        let site = Site::new();
        site.article(
            "ha-tinh/a.en.md",
            &front("A", "en", "2024-01-01", "ha-tinh"),
            "x",
        );
        site.write("templates/article.html", template);
        site.build_ok();
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file of the site (creating folders).
    pub fn write(&self, path: &str, contents: &str) -> &Site {
        self.write_bytes(path, contents.as_bytes())
    }

    pub fn write_bytes(&self, path: &str, contents: &[u8]) -> &Site {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Writes `content/<path>` from front-matter lines and a body.
    pub fn article(&self, path: &str, front_matter: &str, body: &str) -> &Site {
        self.write(
            &format!("content/{path}"),
            &format!("+++\n{front_matter}\n+++\n\n{body}\n"),
        )
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_owned(),
            ..BuildOptions::default()
        }
    }

    pub fn build(&self) -> bulletin::Result<BuildReport> {
        bulletin::build(&self.options())
    }

    /// Builds, panicking with the rendered problems on failure.
    pub fn build_ok(&self) -> BuildReport {
        self.build()
            .unwrap_or_else(|e| panic!("build failed:\n{e}"))
    }

    /// Builds and returns the error's text, panicking if the build succeeds.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(e) => e.to_string(),
        }
    }

    /// The output file for a URL path (`en/` → `public/en/index.html`).
    pub fn file(&self, url_path: &str) -> PathBuf {
        let p = self.output().join(url_path.trim_start_matches('/'));
        if url_path.ends_with('/') || url_path.is_empty() {
            p.join("index.html")
        } else {
            p
        }
    }

    pub fn exists(&self, url_path: &str) -> bool {
        self.file(url_path).is_file()
    }

    /// The page at a URL path, parsed.
    pub fn page(&self, url_path: &str) -> Page {
        let path = self.file(url_path);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Page {
            html: Html::parse_document(&text),
        }
    }
}

pub struct Page {
    pub html: Html,
}

impl Page {
    /// Texts of every element matching `selector`, ASCII whitespace collapsed
    /// (no-break spaces are part of localized numbers and dates, so they stay).
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = Selector::parse(selector).unwrap();
        self.html
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_ascii_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, selector: &str) -> String {
        self.texts(selector)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    /// Values of attribute `attr` on every element matching `selector`.
    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(selector).unwrap();
        self.html
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    pub fn attr(&self, selector: &str, attr: &str) -> String {
        self.attrs(selector, attr)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {attr} on {selector}"))
    }

    pub fn count(&self, selector: &str) -> usize {
        self.html
            .select(&Selector::parse(selector).unwrap())
            .count()
    }
}

/// Front matter of a minimal valid article.
pub fn front(title: &str, lang: &str, date: &str, province: &str) -> String {
    format!("title = {title:?}\nlanguage = \"{lang}\"\ndate = {date}\nprovince = \"{province}\"")
}

/// Every file under `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Copies the folder `from`, and all it holds, to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
