//! Bad input: every problem is reported with file, line, column, the line and a
//! hint; a failed build leaves the previous output exactly as it was.

use std::collections::BTreeMap;
use std::path::Path;

use crate::fixture::{Site, front};

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Builds a good site, then applies `break_it`, and returns the failed build's message
/// after checking that the previous output is untouched and nothing was left beside it.
fn fails_keeping_output(break_it: impl FnOnce(&Site)) -> String {
    let site = Site::new();
    site.article(
        "ha-tinh/good.en.md",
        &front("Good", "en", "2024-01-01", "ha-tinh"),
        "Good.",
    );
    site.build_ok();
    let before = snapshot(&site.output());
    assert!(before.contains_key("en/2024/good/index.html"));

    break_it(&site);
    let siblings_before: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let message = site.build_err();
    assert_eq!(
        snapshot(&site.output()),
        before,
        "the previous output changed:\n{message}"
    );
    let siblings_after: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings_before, siblings_after,
        "a failed build left files beside the output"
    );
    message
}

/// Asserts the message names `path:line:` and shows `line_text` with a caret and a hint.
fn assert_located(message: &str, path: &str, line: usize, line_text: &str) {
    assert!(
        message.contains(&format!("{path}:{line}:")),
        "expected {path}:{line} in:\n{message}"
    );
    assert!(
        message.contains(line_text),
        "expected the line {line_text:?} in:\n{message}"
    );
    assert!(message.contains('^'), "expected a caret in:\n{message}");
    assert!(message.contains("help:"), "expected a hint in:\n{message}");
}

#[test]
fn unclosed_front_matter() {
    let m = fails_keeping_output(|s| {
        s.write(
            "content/ha-tinh/bad.en.md",
            "+++\ntitle = \"x\"\nlanguage = \"en\"\n\nBody\n",
        );
    });
    assert_located(&m, "content/ha-tinh/bad.en.md", 1, "+++");
    assert!(m.contains("never closed"), "{m}");
}

#[test]
fn missing_front_matter() {
    let m = fails_keeping_output(|s| {
        s.write("content/ha-tinh/bad.en.md", "# Just Markdown\n");
    });
    assert_located(&m, "content/ha-tinh/bad.en.md", 1, "# Just Markdown");
}

#[test]
fn malformed_front_matter() {
    let m = fails_keeping_output(|s| {
        s.write(
            "content/ha-tinh/bad.en.md",
            "+++\ntitle = \"x\nlanguage = \"en\"\n+++\nBody\n",
        );
    });
    assert_located(&m, "content/ha-tinh/bad.en.md", 2, "title = \"x");
}

#[test]
fn unknown_field() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/bad.en.md",
            &format!(
                "{}\nauthour = \"Thu\"",
                front("x", "en", "2024-01-01", "ha-tinh")
            ),
            "x",
        );
    });
    assert_located(&m, "content/ha-tinh/bad.en.md", 6, "authour = \"Thu\"");
    assert!(m.contains("authour"), "{m}");
}

#[test]
fn missing_field() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/bad.en.md",
            "language = \"en\"\ndate = 2024-01-01\nprovince = \"ha-tinh\"",
            "x",
        );
    });
    assert!(m.contains("missing field `title`"), "{m}");
    assert_located(&m, "content/ha-tinh/bad.en.md", 5, "+++");
}

#[test]
fn missing_province_in_every_translation() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/bad.en.md",
            "title = \"x\"\nlanguage = \"en\"\ndate = 2024-01-01",
            "x",
        );
    });
    assert!(m.contains("has no province"), "{m}");
    assert_located(&m, "content/ha-tinh/bad.en.md", 1, "+++");
}

#[test]
fn bad_date() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/bad.en.md",
            &front("x", "en", "\"2024-02-30\"", "ha-tinh"),
            "x",
        );
    });
    assert_located(&m, "content/ha-tinh/bad.en.md", 4, "date = \"2024-02-30\"");
    assert!(m.contains("not a valid date"), "{m}");
}

#[test]
fn unknown_language() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/bad.fr.md",
            &front("x", "fr", "2024-01-01", "ha-tinh"),
            "x",
        );
    });
    assert_located(&m, "content/ha-tinh/bad.fr.md", 3, "language = \"fr\"");
    assert!(m.contains("unknown language `fr`"), "{m}");
    assert!(m.contains("en, ar, id, ru, vi"), "{m}");
}

#[test]
fn unknown_province_suggests_the_nearest() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/bad.en.md",
            &front("x", "en", "2024-01-01", "ha-tin"),
            "x",
        );
    });
    assert_located(&m, "content/ha-tinh/bad.en.md", 5, "province = \"ha-tin\"");
    assert!(m.contains("did you mean `ha-tinh`?"), "{m}");
}

#[test]
fn suffix_disagreeing_with_language() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/bad.vi.md",
            &front("x", "en", "2024-01-01", "ha-tinh"),
            "x",
        );
    });
    assert_located(&m, "content/ha-tinh/bad.vi.md", 3, "language = \"en\"");
    assert!(m.contains("file name says the language is `vi`"), "{m}");
}

#[test]
fn translations_disagreeing_on_province_and_date() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/pair.en.md",
            &front("x", "en", "2024-01-01", "ha-tinh"),
            "x",
        );
        s.article(
            "ha-tinh/pair.vi.md",
            &front("x", "vi", "2024-01-02", "quang-tri"),
            "x",
        );
    });
    assert_located(
        &m,
        "content/ha-tinh/pair.vi.md",
        5,
        "province = \"quang-tri\"",
    );
    assert_located(&m, "content/ha-tinh/pair.vi.md", 4, "date = 2024-01-02");
    assert!(
        m.contains("disagrees with `ha-tinh` in content/ha-tinh/pair.en.md:5"),
        "{m}"
    );
}

#[test]
fn two_files_claiming_one_output_path() {
    let m = fails_keeping_output(|s| {
        s.article(
            "a/same.en.md",
            &front("x", "en", "2024-03-01", "ha-tinh"),
            "x",
        );
        s.article(
            "b/same.en.md",
            &front("y", "en", "2024-05-01", "quang-tri"),
            "x",
        );
    });
    assert!(m.contains("would both be written to /en/2024/same/"), "{m}");
    assert!(
        m.contains("content/a/same.en.md") && m.contains("content/b/same.en.md"),
        "{m}"
    );
}

#[test]
fn slug_escaping_the_output_folder() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/evil.en.md",
            &format!(
                "{}\nslug = \"../../outside\"",
                front("x", "en", "2024-01-01", "ha-tinh")
            ),
            "x",
        );
    });
    assert_located(
        &m,
        "content/ha-tinh/evil.en.md",
        6,
        "slug = \"../../outside\"",
    );
    assert!(m.contains("would escape the output folder"), "{m}");
}

#[test]
fn non_utf8_file() {
    let m = fails_keeping_output(|s| {
        s.write_bytes(
            "content/ha-tinh/latin1.en.md",
            b"+++\ntitle = \"Caf\xe9\"\n+++\n",
        );
    });
    assert_located(&m, "content/ha-tinh/latin1.en.md", 2, "title = \"Caf");
    assert!(m.contains("not valid UTF-8"), "{m}");
}

#[test]
fn template_syntax_error() {
    let m = fails_keeping_output(|s| {
        s.write("templates/home.html", "{% extends \"base.html\" %}\n{% block content %}\n{% if items %}\n{% endblock content %}\n");
    });
    assert!(m.contains("templates/home.html:"), "{m}");
    assert!(m.contains("template error"), "{m}");
}

#[test]
fn template_render_error_names_template_and_line() {
    let m = fails_keeping_output(|s| {
        s.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ article.titel }}</p>\n{% endblock content %}\n");
    });
    assert_located(
        &m,
        "templates/article.html",
        3,
        "<p>{{ article.titel }}</p>",
    );
    assert!(m.contains("titel"), "{m}");
}

#[test]
fn unknown_filter_in_template() {
    let m = fails_keeping_output(|s| {
        s.write("templates/year.html", "{% extends \"base.html\" %}\n{% block content %}{{ heading | shout }}{% endblock content %}\n");
    });
    assert_located(&m, "templates/year.html", 2, "{{ heading | shout }}");
    assert!(m.contains("Unknown filter `shout`"), "{m}");
}

#[test]
fn bad_config() {
    let m = fails_keeping_output(|s| {
        let config = crate::fixture::CONFIG.replace("per_page = 2", "per_page = 2\nper_pgae = 3");
        s.write("site.toml", &config);
    });
    assert!(m.contains("site.toml:5:"), "{m}");
    assert!(m.contains("per_pgae"), "{m}");
}

#[test]
fn every_problem_is_reported_in_one_run_sorted_by_file() {
    let m = fails_keeping_output(|s| {
        s.article(
            "z/last.en.md",
            &front("x", "en", "2024-01-01", "nowhere"),
            "x",
        );
        s.article(
            "a/first.en.md",
            &front("x", "en", "\"yesterday\"", "ha-tinh"),
            "x",
        );
        s.write("content/m/middle.en.md", "no front matter");
        s.write("templates/year.html", "{{ nope }");
    });
    let positions: Vec<usize> = [
        "content/a/first.en.md:4",
        "content/m/middle.en.md:1",
        "content/z/last.en.md:5",
        "templates/year.html:1",
    ]
    .iter()
    .map(|needle| {
        m.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing in:\n{m}"))
    })
    .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "not sorted by file:\n{m}"
    );
    assert!(m.contains("4 problems found"), "{m}");
}

#[test]
fn output_folder_may_not_swallow_the_site() {
    let site = Site::new();
    let err = bulletin::build(&bulletin::BuildOptions {
        output: Some(site.root().to_owned()),
        ..site.options()
    })
    .unwrap_err()
    .to_string();
    assert!(err.contains("would replace the site's own files"), "{err}");
    assert!(site.root().join("site.toml").exists());
}

#[test]
fn unknown_metric_suggests_the_nearest() {
    let m = fails_keeping_output(|s| {
        s.article(
            "ha-tinh/bad.en.md",
            &format!(
                "{}\n\n[[figures]]\nmetric = \"cooperative\"\nvalue = 3",
                front("x", "en", "2024-01-01", "ha-tinh")
            ),
            "x",
        );
    });
    assert_located(
        &m,
        "content/ha-tinh/bad.en.md",
        8,
        "metric = \"cooperative\"",
    );
    assert!(m.contains("did you mean `cooperatives`"), "{m}");
}

#[test]
fn a_static_file_over_a_page_fails_check_as_it_fails_build() {
    let built = fails_keeping_output(|s| {
        s.write("static/en/2024/good/index.html", "<p>mine</p>");
    });
    assert!(
        built.contains("static/en/2024/good/index.html would overwrite a generated page"),
        "{built}"
    );
    assert!(
        built.contains("rename or remove that file from static/"),
        "{built}"
    );
    let site = Site::new();
    site.article(
        "ha-tinh/good.en.md",
        &front("Good", "en", "2024-01-01", "ha-tinh"),
        "Good.",
    );
    site.write("static/en/2024/good/index.html", "<p>mine</p>");
    let checked = bulletin::check(&site.options(), bulletin::CheckOptions::default())
        .unwrap_err()
        .to_string();
    assert_eq!(checked, built);
    assert!(!site.output().exists(), "check wrote the output folder");
}

#[test]
fn a_static_file_over_the_search_interface_is_refused() {
    let m = fails_keeping_output(|s| {
        s.write("static/pagefind/pagefind-ui.js", "alert(1)");
    });
    assert!(
        m.contains("static/pagefind/pagefind-ui.js would overwrite a file of the search index"),
        "{m}"
    );
}
