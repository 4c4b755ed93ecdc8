//! HTML validity (the Nu HTML Checker) and page weight of the default theme.

use std::path::Path;
use std::process::Command;

use crate::fixture::Site;
use crate::tools;

/// Runs vnu over a folder; returns its error lines (empty when valid).
fn vnu_errors(java: &Path, jar: &Path, dir: &Path) -> Vec<String> {
    let out = Command::new(java)
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(dir)
        .output()
        .expect("run vnu");
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let errors: Vec<String> = text
        .lines()
        .filter(|l| l.contains("error:"))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        out.status.success(),
        errors.is_empty(),
        "vnu's exit status and its report disagree:\n{text}"
    );
    errors
}

#[test]
fn every_page_of_the_sample_is_valid_html() {
    let (Some(java), Some(jar)) = (tools::java(), tools::vnu_jar()) else {
        return;
    };
    let out = tools::built_sample();
    let errors = vnu_errors(&java, &jar, &out.path().join("public"));
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_validator_catches_a_broken_page() {
    let (Some(java), Some(jar)) = (tools::java(), tools::vnu_jar()) else {
        return;
    };
    // A stray closing tag and a duplicate id: invalid HTML.
    let site = Site::with_article_template(
        "{% extends \"base.html\" %}{% block content %}<p id=\"x\">{{ article.title }}</div><p id=\"x\"></p>{% endblock content %}",
    );
    let errors = vnu_errors(&java, &jar, &site.output().join("en/2024/a"));
    assert!(
        errors.iter().any(|e| e.contains("Duplicate ID")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("Stray end tag")),
        "{errors:#?}"
    );
}

#[test]
fn an_article_page_weighs_under_30_kb_and_needs_no_javascript() {
    let out = tools::built_sample();
    let public = out.path().join("public");
    let css = std::fs::metadata(public.join("style.css")).unwrap().len();
    let mut heaviest = (0, String::new());
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let path = entry.path();
        // Article pages: /<lang>/<year>/<slug>/index.html
        let rel: Vec<_> = path.strip_prefix(&public).unwrap().iter().collect();
        if rel.len() != 4 || rel[1].to_string_lossy().parse::<u32>().is_err() {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        // JSON-LD is data, not a program.
        let scripts = html.matches("<script").count();
        let data = html
            .matches("<script type=\"application/ld+json\">")
            .count();
        assert_eq!(scripts, data, "{} has a script", path.display());
        let weight = html.len() as u64 + css;
        if weight > heaviest.0 {
            heaviest = (weight, path.display().to_string());
        }
    }
    assert!(heaviest.0 > 0, "no article pages found");
    assert!(
        heaviest.0 < 30 * 1024,
        "{} weighs {} bytes with its CSS",
        heaviest.1,
        heaviest.0
    );
}
