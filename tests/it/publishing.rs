//! Publishing to static hosting: output that two builds give alike, and rebuilds
//! that touch only what changed.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use bulletin::BuildOptions;

use crate::fixture::{CONFIG, Site, front, tree};

fn build_into(root: &Path, output: &Path) -> bulletin::BuildReport {
    bulletin::build(&BuildOptions {
        root: root.to_owned(),
        output: Some(output.to_owned()),
        ..BuildOptions::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn two_builds_of_the_sample_are_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    build_into(root, &a);
    build_into(root, &b);
    let (a, b) = (tree(&a), tree(&b));
    assert!(a.len() > 60, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (file, bytes) in &a {
        assert!(
            &b[file] == bytes,
            "{} differs between two builds",
            file.display()
        );
    }
}

fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

/// Sets every file's modification time far in the past.
fn age_all(dir: &Path) {
    for file in tree(dir).keys() {
        std::fs::File::options()
            .write(true)
            .open(dir.join(file))
            .unwrap()
            .set_modified(long_ago())
            .unwrap();
    }
}

/// The files whose modification time changed since [`age_all`].
fn touched(dir: &Path) -> Vec<PathBuf> {
    tree(dir)
        .into_keys()
        .filter(|f| std::fs::metadata(dir.join(f)).unwrap().modified().unwrap() != long_ago())
        .collect()
}

#[test]
fn a_rebuild_writes_only_the_files_whose_bytes_changed() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("Cooperatives grow", "en", "2020-01-01", "ha-tinh"),
        "Ha Tinh has many cooperatives.",
    )
    .article(
        "quang-tri/b.en.md",
        &front("Unions meet", "en", "2023-05-01", "quang-tri"),
        "Two unions met.",
    );
    let output = site.output();
    site.build_ok();
    age_all(&output);

    let report = site.build_ok();
    assert_eq!((report.changed, report.removed), (0, 0));
    assert_eq!(touched(&output), Vec::<PathBuf>::new(), "nothing changed");

    // A second paragraph: only the article page, the feeds and the English search
    // index show it (lists show the first).
    site.article(
        "ha-tinh/a.en.md",
        &front("Cooperatives grow", "en", "2020-01-01", "ha-tinh"),
        "Ha Tinh has many cooperatives.\n\nA second paragraph.",
    );
    let report = site.build_ok();
    let (search, pages): (Vec<PathBuf>, Vec<PathBuf>) = touched(&output)
        .into_iter()
        .partition(|f| f.starts_with("pagefind"));
    assert_eq!(
        pages,
        [
            "en/2020/a/index.html",
            "en/atom.xml",
            "en/provinces/ha-tinh/atom.xml"
        ]
        .map(PathBuf::from),
    );
    assert!(
        search.iter().all(|f| {
            let name = f.to_string_lossy();
            name.contains("/en_") || name.contains(".en_") || name.ends_with("pagefind-entry.json")
        }),
        "only the English index: {search:?}"
    );
    assert!(!search.is_empty());
    assert!(
        report.removed > 0,
        "the English index's old files are removed"
    );

    // A removed article: its page goes, with its folders; the lists change.
    std::fs::remove_file(site.root().join("content/ha-tinh/a.en.md")).unwrap();
    let report = site.build_ok();
    assert!(!output.join("en/2020").exists());
    assert!(report.removed >= 1);
}

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// A site published under a sub-path: an article in English and Arabic in Ha Tinh,
/// one in English only in Quang Tri.
fn site_under_a_sub_path() -> Site {
    let site = Site::with_config(&crate::fixture::CONFIG.replace(
        "base_url = \"https://example.org/\"",
        "base_url = \"https://example.org/bulletin/\"",
    ));
    site.article(
        "ha-tinh/plan.en.md",
        &front("Plan & goals", "en", "2024-02-20", "ha-tinh"),
        "Ha Tinh sets goals. See [the review](/bulletin/en/2023/review/).",
    )
    .article(
        "ha-tinh/plan.ar.md",
        "title = \"الخطة\"\nlanguage = \"ar\"",
        "تحدد ها تينه أهدافها.",
    )
    .article(
        "quang-tri/review.en.md",
        &front("Review", "en", "2023-12-01", "quang-tri"),
        "Quang Tri reviews 2023.",
    );
    site.build_ok();
    site
}

fn xml(site: &Site, file: &str) -> String {
    std::fs::read_to_string(site.output().join(file)).unwrap()
}

/// The feed's `xml:lang` and the id of every entry, after checking what RFC 4287 requires.
fn feed_entries(text: &str) -> (String, Vec<String>) {
    let doc = roxmltree::Document::parse(text).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .unwrap_or_else(|| panic!("<{name}> missing in {text}"))
            .text()
            .unwrap_or_default()
            .to_owned()
    };
    for required in ["id", "title", "updated"] {
        assert!(!child(feed, required).is_empty(), "feed {required}");
    }
    assert!(
        child(feed, "updated").ends_with("+00:00"),
        "an RFC 3339 date"
    );
    assert!(feed.children().any(|c| c.has_tag_name((ATOM, "author"))));
    let selfs: Vec<&str> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .filter_map(|c| c.attribute("href"))
        .collect();
    assert_eq!(selfs.len(), 1);
    let ids = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            for required in ["id", "title", "updated", "content"] {
                assert!(!child(e, required).is_empty(), "entry {required}");
            }
            child(e, "id")
        })
        .collect();
    let lang = feed
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .expect("xml:lang")
        .to_owned();
    (lang, ids)
}

#[test]
fn feeds_per_language_and_province_under_a_sub_path() {
    let site = site_under_a_sub_path();
    let (lang, ids) = feed_entries(&xml(&site, "en/atom.xml"));
    assert_eq!(lang, "en");
    assert_eq!(
        ids,
        [
            "https://example.org/bulletin/en/2024/plan/",
            "https://example.org/bulletin/en/2023/review/"
        ],
        "every English article, newest first"
    );
    let (lang, ids) = feed_entries(&xml(&site, "ar/atom.xml"));
    assert_eq!(lang, "ar");
    assert_eq!(ids, ["https://example.org/bulletin/ar/2024/plan/"]);
    let (_, ids) = feed_entries(&xml(&site, "en/provinces/quang-tri/atom.xml"));
    assert_eq!(ids, ["https://example.org/bulletin/en/2023/review/"]);
    let (_, ids) = feed_entries(&xml(&site, "vi/atom.xml"));
    assert!(ids.is_empty(), "no article is in Vietnamese");
    assert!(xml(&site, "en/atom.xml").contains("Plan &amp; goals"));

    let page = site.page("/en/provinces/quang-tri/");
    assert_eq!(
        page.attrs("link[rel=alternate][type='application/atom+xml']", "href"),
        [
            "https://example.org/bulletin/en/atom.xml",
            "https://example.org/bulletin/en/provinces/quang-tri/atom.xml"
        ]
    );
    assert_eq!(
        site.page("/ar/2024/plan/")
            .attrs("link[rel=alternate][type='application/atom+xml']", "href"),
        ["https://example.org/bulletin/ar/atom.xml"]
    );
}

/// A site with `n` English articles in Ha Tinh, one a day from 1 January 2024.
fn site_with_articles(config: &str, n: usize) -> Site {
    let site = Site::with_config(config);
    for i in 1..=n {
        site.article(
            &format!("ha-tinh/a{i:02}.en.md"),
            &front(
                &format!("Article {i}"),
                "en",
                &format!("2024-01-{i:02}"),
                "ha-tinh",
            ),
            "x",
        );
    }
    site.build_ok();
    site
}

#[test]
fn feeds_hold_the_newest_twenty_articles_unless_told_otherwise() {
    let site = site_with_articles(CONFIG, 25);
    for feed in ["en/atom.xml", "en/provinces/ha-tinh/atom.xml"] {
        let (_, ids) = feed_entries(&xml(&site, feed));
        assert_eq!(ids.len(), 20, "{feed}");
        assert_eq!(ids[0], "https://example.org/en/2024/a25/");
        assert_eq!(ids[19], "https://example.org/en/2024/a06/");
    }
    let site = site_with_articles(&format!("feed_limit = 3\n{CONFIG}"), 5);
    let (_, ids) = feed_entries(&xml(&site, "en/atom.xml"));
    assert_eq!(
        ids,
        [
            "https://example.org/en/2024/a05/",
            "https://example.org/en/2024/a04/",
            "https://example.org/en/2024/a03/"
        ]
    );
}

#[test]
fn the_sitemap_lists_every_page_with_its_translations_under_a_sub_path() {
    let site = site_under_a_sub_path();
    let text = xml(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("the sitemap is well-formed XML");
    assert!(doc.root_element().has_tag_name((SITEMAP, "urlset")));
    let mut locs = Vec::new();
    let mut alternates = std::collections::BTreeMap::new();
    for url in doc
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "url")))
    {
        let loc = url
            .children()
            .find(|c| c.has_tag_name((SITEMAP, "loc")))
            .and_then(|c| c.text())
            .unwrap()
            .to_owned();
        let links: Vec<(String, String)> = url
            .children()
            .filter(|c| c.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
            .map(|c| {
                (
                    c.attribute("hreflang").unwrap().to_owned(),
                    c.attribute("href").unwrap().to_owned(),
                )
            })
            .collect();
        alternates.insert(loc.clone(), links);
        locs.push(loc);
    }
    // Every HTML page of the output but the language chooser, the 404 page and
    // the search pages (a search box, nothing to index).
    let output = site.output();
    let mut pages: Vec<String> = tree(&output)
        .into_keys()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .filter(|f| f != Path::new("index.html") && f != Path::new("404.html"))
        .filter(|f| !f.ends_with("search/index.html"))
        .map(|f| {
            let dir = f.parent().unwrap().to_str().unwrap().to_owned();
            format!("https://example.org/bulletin/{dir}/")
        })
        .collect();
    pages.sort();
    let mut listed = locs.clone();
    listed.sort();
    assert_eq!(listed, pages);

    let en = "https://example.org/bulletin/en/2024/plan/";
    let ar = "https://example.org/bulletin/ar/2024/plan/";
    let both = vec![
        ("en".to_owned(), en.to_owned()),
        ("ar".to_owned(), ar.to_owned()),
        ("x-default".to_owned(), en.to_owned()),
    ];
    assert_eq!(alternates[en], both);
    assert_eq!(alternates[ar], both, "both ways");
    assert!(alternates["https://example.org/bulletin/en/2023/review/"].is_empty());
    assert_eq!(
        alternates["https://example.org/bulletin/ar/"]
            .last()
            .unwrap(),
        &(
            "x-default".to_owned(),
            "https://example.org/bulletin/".to_owned()
        )
    );
    assert!(
        xml(&site, "robots.txt").contains("Sitemap: https://example.org/bulletin/sitemap.xml\n")
    );
}

#[test]
fn every_link_and_asset_keeps_the_sub_path() {
    let site = site_under_a_sub_path();
    let output = site.output();
    for file in tree(&output)
        .into_keys()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let html =
            scraper::Html::parse_document(&std::fs::read_to_string(output.join(&file)).unwrap());
        let selector = scraper::Selector::parse("[href], [src]").unwrap();
        for element in html.select(&selector) {
            for attr in ["href", "src"] {
                let Some(link) = element.value().attr(attr) else {
                    continue;
                };
                if link.starts_with('#') || link.starts_with("data:") {
                    continue;
                }
                assert!(
                    link.starts_with("/bulletin/")
                        || link.starts_with("https://example.org/bulletin/"),
                    "{}: {attr}=\"{link}\" leaves the sub-path",
                    file.display()
                );
            }
        }
    }
    let page = site.page("/en/2024/plan/");
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "https://example.org/bulletin/en/2024/plan/"
    );
}

#[test]
fn a_broken_link_or_fragment_fails_the_build_naming_page_and_link() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("Plan", "en", "2024-02-20", "ha-tinh"),
        "See [the province](/en/provinces/ha-tinh/) and [its articles](/en/provinces/ha-tinh/#articles).",
    );
    site.build_ok();
    let before = tree(&site.output());

    site.article(
        "ha-tinh/a.en.md",
        &front("Plan", "en", "2024-02-20", "ha-tinh"),
        "See [the review](/en/2023/revew/) and [its figures](/en/provinces/ha-tinh/#figures-over-time).",
    );
    let err = site.build_err();
    assert!(
        err.contains("/en/2024/a/: broken link `/en/2023/revew/` on this page: there is no page or file /en/2023/revew/"),
        "{err}"
    );
    assert!(
        err.contains("broken link `/en/provinces/ha-tinh/#figures-over-time` on this page: the page /en/provinces/ha-tinh/ has no element with id `figures-over-time`"),
        "{err}"
    );
    assert!(
        err.contains("2 problems found; nothing was written"),
        "{err}"
    );
    assert!(
        tree(&site.output()) == before,
        "the previous site is untouched"
    );

    // `check` finds the same.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`/en/2023/revew/`"));
}
