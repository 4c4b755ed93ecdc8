//! The synthetic bulletin of the benchmarks (`examples/gen_corpus`): it is
//! deterministic, looks like the issue asks, and builds without an error or a
//! warning, so that the benchmark measures a clean build.

#[path = "../../examples/gen_corpus/corpus.rs"]
#[allow(dead_code)]
pub mod generator;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every file under `root`, by path relative to it, with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap();
            (
                relative.display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_same_seed_writes_the_same_site_and_another_seed_another() {
    let [a, b, c] = [(), (), ()].map(|_| tempfile::tempdir().unwrap());
    generator::generate(a.path(), 200, 7, None).unwrap();
    generator::generate(b.path(), 200, 7, None).unwrap();
    generator::generate(c.path(), 200, 8, None).unwrap();
    assert_eq!(files(a.path()), files(b.path()));
    assert_ne!(files(a.path()), files(c.path()));
}

#[test]
fn the_corpus_has_the_shape_of_an_archive() {
    let dir = tempfile::tempdir().unwrap();
    let written = generator::generate(dir.path(), 400, 1, None).unwrap();
    let articles: BTreeMap<String, Vec<u8>> = files(dir.path())
        .into_iter()
        .filter(|(p, _)| p.starts_with("content/"))
        .collect();
    assert_eq!(articles.len(), written.files);
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    let (mut languages, mut years, mut provinces) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let mut tables = 0;
    for (path, bytes) in &articles {
        // content/<year>/<slug>.<lang>.md
        let parts: Vec<&str> = path.split('/').collect();
        let (slug, lang) = parts[2].trim_end_matches(".md").rsplit_once('.').unwrap();
        *groups.entry(format!("{}/{slug}", parts[1])).or_default() += 1;
        languages.insert(lang.to_owned());
        years.insert(parts[1].parse::<u16>().unwrap());
        let text = std::str::from_utf8(bytes).unwrap();
        let (front, body) = text[3..].split_once("+++\n").unwrap();
        let front: toml::Table = toml::from_str(front).unwrap();
        provinces.insert(front["province"].as_str().unwrap().to_owned());
        let figures = front["figures"].as_array().unwrap().len();
        assert!((3..=6).contains(&figures), "{path}: {figures} figures");
        assert!(
            (3000..9500).contains(&body.len()),
            "{path}: a body of {} bytes",
            body.len()
        );
        assert!(body.contains("\n## ") && body.contains("\n- "), "{path}");
        tables += usize::from(body.contains("|---|"));
    }
    assert_eq!(groups.len(), 400);
    let translated = groups.values().filter(|&&n| n == 2).count();
    assert!(
        (150..250).contains(&translated),
        "{translated} of 400 translated"
    );
    assert_eq!(languages.len(), 5);
    assert_eq!(years, (2015..=2025).collect());
    assert!(provinces.len() > 50, "{} provinces", provinces.len());
    assert!(tables > 0 && tables < articles.len() / 2, "{tables} tables");
}

#[test]
fn the_generated_site_builds_without_errors_or_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let written = generator::generate(dir.path(), 300, 3, None).unwrap();
    let options = bulletin::BuildOptions {
        root: dir.path().to_owned(),
        search: Some(false),
        ..bulletin::BuildOptions::default()
    };
    let report = bulletin::build(&options).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.render_warning()).collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
    assert_eq!(report.articles, written.files);
    // Every article has its page.
    for entry in walkdir::WalkDir::new(dir.path().join("content")) {
        let entry = entry.unwrap();
        let Some(name) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.strip_suffix(".md"))
        else {
            continue;
        };
        let (slug, lang) = name.rsplit_once('.').unwrap();
        let year = entry.path().parent().unwrap().file_name().unwrap();
        let page = dir
            .path()
            .join("public")
            .join(lang)
            .join(year)
            .join(slug)
            .join("index.html");
        assert!(page.is_file(), "{} has no page", entry.path().display());
    }
}

#[test]
fn with_photos_every_group_shows_a_photo_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let photos = generator::photos(3, 320, 240);
    let written = generator::generate(dir.path(), 30, 5, Some(&photos)).unwrap();
    let options = bulletin::BuildOptions {
        root: dir.path().to_owned(),
        search: Some(false),
        ..bulletin::BuildOptions::default()
    };
    let report = bulletin::build(&options).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.warnings.is_empty());
    assert_eq!(report.articles, written.files);
    // Three pictures, thirty files: each its own photo to make.
    assert_eq!(report.photos_decoded, 30);
    // Article pages: <lang>/<year>/<slug>/index.html.
    let public = dir.path().join("public");
    let pages = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| {
            let parts: Vec<_> = e.path().strip_prefix(&public).unwrap().iter().collect();
            parts.len() == 4 && parts[1].to_str().unwrap().parse::<u16>().is_ok()
        })
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(pages.len(), written.files);
    assert!(
        pages
            .iter()
            .all(|p| p.contains("<figure class=\"photo lead\">"))
    );
    assert_eq!(bulletin::build(&options).unwrap().photos_decoded, 0);
}
