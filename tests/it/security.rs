//! Untrusted input: raw HTML pasted into articles reaches readers cleaned, as
//! text, or as written, as `raw_html` in site.toml says.

use scraper::{Html, Selector};

use crate::fixture::{CONFIG, Site, front};

/// One hostile construct a line, each with what finds it in a page once it is
/// active, and the words of its warning.
const HOSTILE: [(&str, &str, &str); 11] = [
    (
        "<script>window.pwned = 'script'</script>",
        "script",
        "the <script> element with its content",
    ),
    (
        "<iframe src=\"https://evil.example/\"></iframe>",
        "iframe",
        "the <iframe> element",
    ),
    (
        "<img src=\"/photo.png\" alt=\"\" onerror=\"window.pwned = 'onerror'\">",
        "[onerror]",
        "the `onerror` attribute of <img>",
    ),
    (
        "[click](javascript:window.pwned='link')",
        "a[href^='javascript']",
        "the link to `javascript:window.pwned='link'`",
    ),
    (
        "<a href=\"data:text/html,pwned\">data</a>",
        "a[href^='data']",
        "the address `data:text/html,pwned` of <a>",
    ),
    (
        "[data](data:text/html,pwned)",
        "a[href^='data']",
        "the link to `data:text/html,pwned`",
    ),
    (
        "<p style=\"position:fixed;top:0\">styled</p>",
        "[style]",
        "the `style` attribute of <p>",
    ),
    (
        "<style>body { display: none }</style>",
        "article style",
        "the <style> element with its content",
    ),
    (
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "article meta",
        "the <meta> element",
    ),
    (
        "<form action=\"https://evil.example/\"><input name=\"password\"></form>",
        "form",
        "the <form> element",
    ),
    (
        "![pixel](https://tracker.example/p.gif)",
        "img[src*='tracker']",
        "the image from `https://tracker.example/p.gif`",
    ),
];

/// A site with one article holding every hostile construct, and its text.
fn hostile_site(raw_html: Option<&str>) -> (Site, String) {
    let config = match raw_html {
        Some(mode) => format!("raw_html = \"{mode}\"\n{CONFIG}"),
        None => CONFIG.to_owned(),
    };
    let site = Site::with_config(&config);
    site.write_bytes("static/photo.png", b"\x89PNG");
    let body: Vec<&str> = std::iter::once("Pasted from a portal.")
        .chain(HOSTILE.iter().map(|(html, _, _)| *html))
        .collect();
    site.article(
        "ha-tinh/pasted.en.md",
        &front("Pasted", "en", "2024-01-01", "ha-tinh"),
        &body.join("\n\n"),
    );
    let text = std::fs::read_to_string(site.root().join("content/ha-tinh/pasted.en.md")).unwrap();
    (site, text)
}

/// The HTML of the article's entry in the language's feed.
fn feed_html(site: &Site) -> Html {
    let xml = std::fs::read_to_string(site.file("en/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .and_then(|n| n.text())
        .expect("the entry has its content");
    Html::parse_fragment(content)
}

fn count(html: &Html, css: &str) -> usize {
    html.select(&Selector::parse(css).unwrap()).count()
}

#[test]
fn hostile_html_is_dropped_from_the_page_and_the_feed_with_a_warning_at_each_line() {
    let (site, text) = hostile_site(None);
    let report = site.build_ok();
    let page = site.page("en/2024/pasted/").html;
    let feed = feed_html(&site);
    for (html, active, _) in HOSTILE {
        assert_eq!(
            count(&page, &format!("main {active}")),
            0,
            "{html} is on the page"
        );
        assert_eq!(count(&feed, active), 0, "{html} is in the feed");
    }
    // What articles use stays: the image and the paragraph, without their dangers.
    assert_eq!(count(&page, "main img[src='/photo.png']"), 1);
    assert!(site.page("en/2024/pasted/").text("main").contains("styled"));

    for (html, _, what) in HOSTILE {
        let line = text.lines().position(|l| l == html).unwrap() + 1;
        let found: Vec<_> = report
            .warnings
            .iter()
            .filter(|w| w.message.starts_with(what))
            .collect();
        assert_eq!(found.len(), 1, "{what}: {:#?}", report.warnings);
        let w = found[0];
        assert_eq!(w.path, std::path::Path::new("content/ha-tinh/pasted.en.md"));
        assert_eq!(w.location.as_ref().unwrap().line, line, "{what}");
        let why = if what.contains("javascript") || what.contains("data:") {
            "is dropped: it is not a web address"
        } else if what.contains("tracker") {
            "is dropped: pages load nothing from other sites"
        } else {
            "is dropped: readers will not see it"
        };
        assert!(w.message.ends_with(why), "{}", w.message);
        assert!(w.hint.is_some(), "{w:?}");
    }
    // One a dropped element: the form's field is one more.
    let input = report
        .warnings
        .iter()
        .find(|w| w.message.starts_with("the <input> element"))
        .expect("the form's field is dropped too");
    let form_line = text.lines().position(|l| l.starts_with("<form")).unwrap() + 1;
    assert_eq!(input.location.as_ref().unwrap().line, form_line);
    assert_eq!(
        report.warnings.len(),
        HOSTILE.len() + 1,
        "{:#?}",
        report.warnings
    );
}

#[test]
fn trusted_keeps_raw_html_and_escape_shows_it_as_text() {
    let (site, _) = hostile_site(Some("trusted"));
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let page = site.page("en/2024/pasted/").html;
    for css in ["script", "iframe", "[onerror]", "form", "[style]"] {
        assert_eq!(count(&page, &format!("main {css}")), 1, "{css}");
    }

    let (site, _) = hostile_site(Some("escape"));
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let page = site.page("en/2024/pasted/");
    for css in ["script", "iframe", "[onerror]", "form", "[style]"] {
        assert_eq!(page.count(&format!("main {css}")), 0, "{css}");
    }
    let shown = page.text("main");
    assert!(
        shown.contains("<script>window.pwned = 'script'</script>"),
        "{shown}"
    );
    // A Markdown link is Markdown, not raw HTML: its address is still read.
    assert_eq!(page.count("main a[href^='javascript']"), 1);
}

#[test]
fn an_unknown_raw_html_setting_is_located() {
    let site = Site::with_config(&format!("raw_html = \"safe\"\n{CONFIG}"));
    let err = site.build_err();
    assert!(err.contains("site.toml:1:"), "{err}");
    assert!(err.contains("unknown variant `safe`"), "{err}");
}

#[test]
fn an_article_without_raw_html_is_not_reserialized() {
    let site = Site::new();
    site.article(
        "ha-tinh/plain.en.md",
        &front("Plain", "en", "2024-01-01", "ha-tinh"),
        "Text with a [link](https://other.example/x) and a rule:\n\n---\n\n![A photo](/photo.png)",
    );
    site.write_bytes("static/photo.png", b"\x89PNG");
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let html = std::fs::read_to_string(site.file("en/2024/plain/")).unwrap();
    // pulldown-cmark's own spelling, which a cleaner would have rewritten.
    assert!(html.contains("<hr />"), "{html}");
    assert!(
        html.contains("<img src=\"/photo.png\" alt=\"A photo\" />"),
        "{html}"
    );
}

/// A site with one article, and a file outside it that links may point to.
#[cfg(unix)]
fn site_beside_a_secret() -> (Site, tempfile::TempDir) {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("A", "en", "2024-01-01", "ha-tinh"),
        "Text.",
    );
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();
    std::fs::create_dir(outside.path().join("folder")).unwrap();
    std::fs::write(
        outside.path().join("folder/b.en.md"),
        "+++\ntitle = \"B\"\n+++\n",
    )
    .unwrap();
    (site, outside)
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_in_any_input_folder_fails_naming_it() {
    use std::os::unix::fs::symlink;
    let cases = [
        ("static/notes.txt", "passwd"),
        ("content/ha-tinh/b.en.md", "passwd"),
        ("content/elsewhere", "folder"),
        ("templates/article.html", "passwd"),
        ("figures/en.toml", "passwd"),
        ("static/gone.txt", "missing"),
    ];
    for (link, target) in cases {
        let (site, outside) = site_beside_a_secret();
        let path = site.root().join(link);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(outside.path().join(target), &path).unwrap();
        let err = site.build_err();
        let leads = if target == "missing" {
            "leads nowhere"
        } else {
            "leads outside the site"
        };
        assert!(
            err.contains(&format!("{link}: this is a symbolic link to ")),
            "{link}: {err}"
        );
        assert!(err.contains(leads), "{link}: {err}");
        assert!(!site.output().exists(), "{link}: the build wrote");
    }
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_build() {
    use std::os::unix::fs::symlink;
    let (site, _outside) = site_beside_a_secret();
    site.write("static/logo.svg", "<svg/>");
    site.write(
        "shared/b.en.md",
        &format!(
            "+++\n{}\n+++\n\nB.\n",
            front("B", "en", "2024-02-01", "ha-tinh")
        ),
    );
    symlink(
        site.root().join("static/logo.svg"),
        site.root().join("static/mark.svg"),
    )
    .unwrap();
    symlink(
        "../../shared/b.en.md",
        site.root().join("content/ha-tinh/b.en.md"),
    )
    .unwrap();
    site.build_ok();
    assert_eq!(
        std::fs::read_to_string(site.file("mark.svg")).unwrap(),
        "<svg/>"
    );
    assert!(site.exists("en/2024/b/"));
}

#[cfg(unix)]
#[test]
fn watch_mode_refuses_a_link_out_of_the_site_too() {
    use std::os::unix::fs::symlink;
    let (site, outside) = site_beside_a_secret();
    let out = tempfile::tempdir().unwrap();
    let mut rebuilder = bulletin::Rebuilder::new(bulletin::BuildOptions {
        output: Some(out.path().join("site")),
        ..site.options()
    });
    rebuilder.rebuild(&[]).unwrap();
    let link = site.root().join("content/ha-tinh/b.en.md");
    symlink(outside.path().join("passwd"), &link).unwrap();
    let err = rebuilder
        .rebuild(std::slice::from_ref(&link))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("content/ha-tinh/b.en.md: this is a symbolic link"),
        "{err}"
    );
    std::fs::remove_file(&link).unwrap();
    rebuilder.rebuild(std::slice::from_ref(&link)).unwrap();
}

/// A site with one article of this body (after a valid front matter).
fn site_with_body(body: &str) -> Site {
    let site = Site::new();
    site.article(
        "ha-tinh/big.en.md",
        &front("Big", "en", "2024-01-01", "ha-tinh"),
        body,
    );
    site
}

// Hostile sizes: each either builds (its cost grows with its size, not with
// its square) or fails with a message naming the file; none may run for
// minutes or take gigabytes.

#[test]
fn an_enormous_article_is_refused_before_it_is_read() {
    let site = site_with_body(&"Twelve cooperatives met.\n\n".repeat(200_000));
    let err = site.build_err();
    assert!(
        err.contains("content/ha-tinh/big.en.md: this article is 5.2 MB, more than the 4 MB"),
        "{err}"
    );
}

#[test]
fn a_front_matter_of_thousands_of_keys_is_refused_at_its_opening() {
    let site = Site::new();
    let keys: String = (0..10_000).map(|i| format!("key{i} = {i}\n")).collect();
    site.write(
        "content/ha-tinh/keys.en.md",
        &format!(
            "+++\n{}\n{keys}+++\n\nx\n",
            front("K", "en", "2024-01-01", "ha-tinh")
        ),
    );
    let err = site.build_err();
    assert!(err.contains("content/ha-tinh/keys.en.md:1:1"), "{err}");
    assert!(err.contains("longer than the 64 KB it may be"), "{err}");
}

#[test]
fn html_nested_thousands_deep_is_refused_where_it_starts() {
    let site = site_with_body(&format!(
        "Intro.\n\n{}x{}",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    ));
    let err = site.build_err();
    assert!(err.contains("content/ha-tinh/big.en.md:10:1"), "{err}");
    assert!(err.contains("nests 50000 elements deep"), "{err}");
    // Trusted HTML is not parsed, so it is not refused.
    let site = Site::with_config(&format!("raw_html = \"trusted\"\n{CONFIG}"));
    site.article(
        "ha-tinh/big.en.md",
        &front("Big", "en", "2024-01-01", "ha-tinh"),
        &format!("{}x{}", "<div>".repeat(50_000), "</div>".repeat(50_000)),
    );
    site.build_ok();
}

#[test]
fn deep_quotes_and_lists_and_long_lines_build() {
    for body in [
        format!("{} deep", ">".repeat(100_000)),
        (0..1_000)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect(),
        format!(
            "{}\n\n{}",
            "The province has 1,234 members. ".repeat(3_500),
            "[".repeat(50_000)
        ),
    ] {
        let site = site_with_body(&body);
        site.build_ok();
        assert!(site.exists("en/2024/big/"));
    }
}
