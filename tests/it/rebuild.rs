//! Watch mode's rebuilds: after every kind of change, the output equals a full
//! build's byte for byte, and only the pages the change touches are written.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use bulletin::BuildOptions;
use bulletin::{RebuildReport, Rebuilder};

use crate::fixture::{CONFIG, Site, front, tree};
use crate::photos::jpeg;

/// A site of six article versions in three provinces and three years, with a rebuilder on it.
struct Session {
    site: Site,
    out: tempfile::TempDir,
    rebuilder: Rebuilder,
}

impl Session {
    fn new() -> Session {
        let site = Site::new();
        site.article(
            "ha-tinh/a.en.md",
            &front("Cooperatives grow", "en", "2024-01-01", "ha-tinh"),
            "Ha Tinh has 1,981 cooperative groups.\n\nThey plan to grow.",
        )
        .article(
            "ha-tinh/a.vi.md",
            "title = \"Hợp tác xã phát triển\"\nlanguage = \"vi\"",
            "Hà Tĩnh có 1.981 tổ hợp tác.",
        )
        .article(
            "ha-tinh/b.en.md",
            &front("Unions meet", "en", "2023-05-01", "ha-tinh"),
            "Two unions met.",
        )
        .article(
            "quang-tri/c.en.md",
            &format!(
                "{}\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 341",
                front("Quang Tri plan", "en", "2024-03-01", "quang-tri")
            ),
            "341 cooperatives.",
        )
        .article(
            "quang-tri/c.ar.md",
            "title = \"خطة كوانغ تري\"\nlanguage = \"ar\"",
            "٣٤١ تعاونية.",
        )
        .article(
            "binh-thuan/d.id.md",
            &front("Koperasi baru", "id", "2022-02-02", "binh-thuan"),
            "Ada 20 koperasi baru.",
        );
        let out = tempfile::tempdir().unwrap();
        let mut rebuilder = Rebuilder::new(BuildOptions {
            root: site.root().to_owned(),
            output: Some(out.path().join("site")),
            ..BuildOptions::default()
        });
        let first = rebuilder.rebuild(&[]).expect("the first build");
        assert!(first.full);
        if let Some(indexed) = rebuilder.index_search() {
            indexed.expect("the first search index");
        }
        Session {
            site,
            out,
            rebuilder,
        }
    }

    fn output(&self) -> PathBuf {
        self.out.path().join("site")
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.site.root().join(relative)
    }

    /// Rebuilds after `changed` (paths relative to the site root), then
    /// brings the search index up to date, as watch mode does.
    fn rebuild(&mut self, changed: &[&str]) -> bulletin::Result<RebuildReport> {
        let changed: Vec<PathBuf> = changed.iter().map(|p| self.path(p)).collect();
        let report = self.rebuilder.rebuild(&changed)?;
        if let Some(indexed) = self.rebuilder.index_search() {
            indexed?;
        }
        Ok(report)
    }

    fn rebuild_ok(&mut self, changed: &[&str]) -> RebuildReport {
        self.rebuild(changed)
            .unwrap_or_else(|e| panic!("rebuild failed:\n{e}"))
    }

    /// Asserts that the output is what a full build of the site gives now.
    fn assert_same_as_full_build(&self) {
        let full = self.out.path().join("full");
        bulletin::build(&BuildOptions {
            root: self.site.root().to_owned(),
            output: Some(full.clone()),
            ..BuildOptions::default()
        })
        .unwrap_or_else(|e| panic!("full build failed:\n{e}"));
        let (incremental, full) = (tree(&self.output()), tree(&full));
        let only = |a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>| {
            a.keys()
                .filter(|k| !b.contains_key(*k))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            only(&incremental, &full),
            Vec::<PathBuf>::new(),
            "stale files"
        );
        assert_eq!(
            only(&full, &incremental),
            Vec::<PathBuf>::new(),
            "missing files"
        );
        for (file, bytes) in &full {
            assert!(
                &incremental[file] == bytes,
                "{} differs from a full build",
                file.display()
            );
        }
    }

    /// Marks an output file as written long ago, to see whether a rebuild touches it.
    fn age(&self, file: &str) {
        std::fs::File::options()
            .write(true)
            .open(self.output().join(file))
            .unwrap()
            .set_modified(long_ago())
            .unwrap();
    }

    fn untouched(&self, file: &str) -> bool {
        let modified = std::fs::metadata(self.output().join(file))
            .unwrap()
            .modified()
            .unwrap();
        modified == long_ago()
    }
}

fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

fn files(list: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = list.iter().map(PathBuf::from).collect();
    files.sort();
    files
}

#[test]
fn a_body_edit_renders_the_article_its_translations_and_feeds_only() {
    let mut s = Session::new();
    s.age("en/index.html");
    // Not the first paragraph: that is the summary lists show.
    s.site.article(
        "ha-tinh/a.en.md",
        &front("Cooperatives grow", "en", "2024-01-01", "ha-tinh"),
        "Ha Tinh has 1,981 cooperative groups.\n\nThey plan to grow by 2030.",
    );
    let report = s.rebuild_ok(&["content/ha-tinh/a.en.md"]);
    // The Vietnamese page is rendered again too (its switcher and inherited data
    // come from the English file); its bytes happen not to change here. The
    // English feeds carry the whole text.
    assert_eq!(
        report.written,
        files(&[
            "en/2024/a/index.html",
            "en/atom.xml",
            "en/provinces/ha-tinh/atom.xml",
            "vi/2024/a/index.html"
        ])
    );
    assert!(!report.full);
    assert!(
        s.untouched("en/index.html"),
        "the home page was not rewritten"
    );
    s.assert_same_as_full_build();

    // Saved again unchanged: nothing is written.
    let report = s.rebuild_ok(&["content/ha-tinh/a.en.md"]);
    assert_eq!(report.written, Vec::<PathBuf>::new());
    assert!(!report.touched_output());
}

#[test]
fn a_title_edit_reaches_every_list_showing_it_and_no_other_page() {
    let mut s = Session::new();
    for untouched in ["id/2022/d/index.html", "en/years/2022/index.html"] {
        s.age(untouched);
    }
    s.site.article(
        "quang-tri/c.en.md",
        &format!(
            "{}\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 341",
            front("Quang Tri's new plan", "en", "2024-03-01", "quang-tri")
        ),
        "341 cooperatives.",
    );
    let report = s.rebuild_ok(&["content/quang-tri/c.en.md"]);
    for expected in [
        "en/2024/c/index.html",
        "ar/2024/c/index.html",
        "en/index.html",
        "en/provinces/quang-tri/index.html",
        "en/years/2024/index.html",
        // Untranslated, it is listed in English on the other languages' pages.
        "vi/index.html",
        "vi/provinces/quang-tri/index.html",
    ] {
        assert!(
            report.written.contains(&PathBuf::from(expected)),
            "{expected} not in {:?}",
            report.written
        );
    }
    // Arabic pages list the Arabic version, whose title did not change.
    assert!(!report.written.contains(&PathBuf::from("ar/index.html")));
    assert!(s.untouched("id/2022/d/index.html"));
    assert!(s.untouched("en/years/2022/index.html"));
    s.assert_same_as_full_build();
}

#[test]
fn changed_figures_reach_the_province_table() {
    let mut s = Session::new();
    s.site.article(
        "quang-tri/c.en.md",
        &format!(
            "{}\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 342",
            front("Quang Tri plan", "en", "2024-03-01", "quang-tri")
        ),
        "342 cooperatives.",
    );
    let report = s.rebuild_ok(&["content/quang-tri/c.en.md"]);
    // The Arabic version inherits the figures: its page and the Arabic province table change too.
    for expected in [
        "ar/2024/c/index.html",
        "ar/provinces/quang-tri/index.html",
        "en/provinces/quang-tri/index.html",
    ] {
        assert!(
            report.written.contains(&PathBuf::from(expected)),
            "{expected}"
        );
    }
    s.assert_same_as_full_build();
}

#[test]
fn warnings_of_figures_follow_the_edits() {
    let mut s = Session::new();
    let article = |value: u32| {
        format!(
            "{}\n[[figures]]\nmetric = \"cooperatives\"\nvalue = {value}",
            front("Quang Tri plan", "en", "2024-03-01", "quang-tri")
        )
    };
    s.site
        .article("quang-tri/c.en.md", &article(314), "341 cooperatives.");
    let report = s.rebuild_ok(&["content/quang-tri/c.en.md"]);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert_eq!(
        report.warnings[0].position(),
        "content/quang-tri/c.en.md:8:9"
    );
    assert!(
        s.rebuild_ok(&["content/ha-tinh/b.en.md"])
            .warnings
            .is_empty()
    );

    s.site
        .article("quang-tri/c.en.md", &article(341), "341 cooperatives.");
    assert!(
        s.rebuild_ok(&["content/quang-tri/c.en.md"])
            .warnings
            .is_empty()
    );
}

#[test]
fn moving_an_article_to_another_year_removes_its_old_pages() {
    let mut s = Session::new();
    s.site.article(
        "ha-tinh/b.en.md",
        &front("Unions meet", "en", "2022-05-01", "ha-tinh"),
        "Two unions met.",
    );
    let report = s.rebuild_ok(&["content/ha-tinh/b.en.md"]);
    assert!(report.removed > 0);
    assert!(!s.output().join("en/2023/b").exists());
    assert!(
        !s.output().join("en/years/2023").exists(),
        "no article left in 2023"
    );
    assert!(s.output().join("en/2022/b/index.html").is_file());
    s.assert_same_as_full_build();
}

#[test]
fn deleted_renamed_and_moved_in_articles() {
    let mut s = Session::new();
    // A rename: the old file is gone, a new one appears.
    std::fs::rename(
        s.path("content/ha-tinh/b.en.md"),
        s.path("content/ha-tinh/e.en.md"),
    )
    .unwrap();
    s.rebuild_ok(&["content/ha-tinh/b.en.md", "content/ha-tinh/e.en.md"]);
    assert!(!s.output().join("en/2023/b").exists());
    assert!(s.output().join("en/2023/e/index.html").is_file());
    s.assert_same_as_full_build();

    // A whole folder removed, reported as the folder alone.
    std::fs::remove_dir_all(s.path("content/binh-thuan")).unwrap();
    s.rebuild_ok(&["content/binh-thuan"]);
    assert!(!s.output().join("id/2022").exists());
    s.assert_same_as_full_build();

    // A folder moved in from elsewhere, reported as the folder alone.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        elsewhere.path().join("f.ru.md"),
        format!(
            "+++\n{}\n+++\n\nТекст.\n",
            front("Новости", "ru", "2021-06-01", "binh-thuan")
        ),
    )
    .unwrap();
    std::fs::rename(elsewhere.path(), s.path("content/moved")).unwrap();
    s.rebuild_ok(&["content/moved"]);
    assert!(s.output().join("ru/2021/f/index.html").is_file());
    s.assert_same_as_full_build();

    // A new translation: the other version's switcher now leads to it.
    s.site.article(
        "ha-tinh/e.ru.md",
        "title = \"Встреча\"\nlanguage = \"ru\"",
        "Текст.",
    );
    let report = s.rebuild_ok(&["content/ha-tinh/e.ru.md"]);
    assert!(
        report
            .written
            .contains(&PathBuf::from("en/2023/e/index.html"))
    );
    s.assert_same_as_full_build();
}

#[test]
fn a_template_change_renders_the_pages_using_it() {
    let mut s = Session::new();
    s.site.write(
        "templates/article.html",
        &bulletin::THEME_TEMPLATES
            .iter()
            .find(|(name, _)| *name == "article.html")
            .unwrap()
            .1
            .replace(
                "</article>",
                "<p class=\"colophon\">Printed by the union.</p></article>",
            ),
    );
    let report = s.rebuild_ok(&["templates/article.html"]);
    assert_eq!(
        report.written,
        files(&[
            "en/2024/a/index.html",
            "vi/2024/a/index.html",
            "en/2023/b/index.html",
            "en/2024/c/index.html",
            "ar/2024/c/index.html",
            "id/2022/d/index.html",
        ]),
        "the article pages, and only them"
    );
    s.assert_same_as_full_build();

    // The list partial is used by the home, province and year pages, not by articles.
    s.site.write(
        "templates/partials/list.html",
        &bulletin::THEME_TEMPLATES
            .iter()
            .find(|(name, _)| *name == "partials/list.html")
            .unwrap()
            .1
            .replacen("<", "<!-- custom list -->\n<", 1),
    );
    let report = s.rebuild_ok(&["templates/partials/list.html"]);
    assert!(
        report
            .written
            .contains(&PathBuf::from("ru/years/2024/index.html"))
    );
    assert!(report.written.iter().all(|f| !f.starts_with("en/2024")));
    s.assert_same_as_full_build();

    // Removing the override brings the theme's template back.
    std::fs::remove_file(s.path("templates/article.html")).unwrap();
    let report = s.rebuild_ok(&["templates/article.html"]);
    assert_eq!(report.written.len(), 6);
    s.assert_same_as_full_build();
}

#[test]
fn the_link_check_knows_the_files_each_change_adds_and_removes() {
    let mut s = Session::new();
    let linking = |s: &Session, links: &str| {
        s.site.article(
            "ha-tinh/b.en.md",
            &front("Unions meet", "en", "2023-05-01", "ha-tinh"),
            &format!("Two unions met. {links}"),
        );
    };
    // A new page and a new static file, linked to in the same change.
    s.site.article(
        "ha-tinh/z.en.md",
        &front("Later news", "en", "2022-07-01", "ha-tinh"),
        "News.",
    );
    s.site.write("static/logo.svg", "<svg/>");
    linking(&s, "[Later](/en/2022/z/) ![Logo](/logo.svg)");
    s.rebuild_ok(&[
        "content/ha-tinh/z.en.md",
        "static/logo.svg",
        "content/ha-tinh/b.en.md",
    ]);
    s.assert_same_as_full_build();

    // Both gone, as the page linking to them is edited: its links are broken.
    std::fs::remove_file(s.path("content/ha-tinh/z.en.md")).unwrap();
    std::fs::remove_file(s.path("static/logo.svg")).unwrap();
    linking(&s, "[Later](/en/2022/z/), ![Logo](/logo.svg)");
    let err = s
        .rebuild(&[
            "content/ha-tinh/z.en.md",
            "static/logo.svg",
            "content/ha-tinh/b.en.md",
        ])
        .expect_err("links to removed files")
        .to_string();
    assert!(
        err.contains("broken link `/en/2022/z/`") && err.contains("broken link `/logo.svg`"),
        "{err}"
    );

    // Back again after the failure: the links lead somewhere once more.
    s.site.article(
        "ha-tinh/z.en.md",
        &front("Later news", "en", "2022-07-01", "ha-tinh"),
        "News.",
    );
    s.site.write("static/logo.svg", "<svg/>");
    s.rebuild_ok(&["content/ha-tinh/z.en.md", "static/logo.svg"]);
    s.assert_same_as_full_build();
}

#[test]
fn static_files_follow_their_sources() {
    let mut s = Session::new();
    s.site.write("static/logo.svg", "<svg/>");
    let report = s.rebuild_ok(&["static/logo.svg"]);
    assert_eq!(report.assets, 1);
    assert_eq!(report.written, Vec::<PathBuf>::new());
    s.assert_same_as_full_build();

    s.site.write("static/logo.svg", "<svg><g/></svg>");
    s.rebuild_ok(&["static/logo.svg"]);
    s.assert_same_as_full_build();

    s.site.write("static/style.css", "body { color: navy }");
    s.rebuild_ok(&["static/style.css"]);
    s.assert_same_as_full_build();

    // Without the site's stylesheet, the theme's is back.
    std::fs::remove_file(s.path("static/style.css")).unwrap();
    std::fs::remove_file(s.path("static/logo.svg")).unwrap();
    let report = s.rebuild_ok(&["static/style.css", "static/logo.svg"]);
    assert_eq!((report.assets, report.removed), (1, 1));
    s.assert_same_as_full_build();
}

#[test]
fn a_failed_rebuild_writes_nothing_and_the_fix_catches_up() {
    let mut s = Session::new();
    let before = tree(&s.output());
    s.site
        .write("content/ha-tinh/a.en.md", "+++\ntitle = \n+++\n");
    s.site.article(
        "ha-tinh/b.en.md",
        &front("Unions met again", "en", "2023-05-01", "ha-tinh"),
        "Two unions met.",
    );
    let err = s
        .rebuild(&["content/ha-tinh/a.en.md", "content/ha-tinh/b.en.md"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("content/ha-tinh/a.en.md:2"), "{err}");
    assert!(tree(&s.output()) == before, "the output is unchanged");

    // A broken template is reported with the content problem still there.
    s.site.write("templates/home.html", "{% if %}");
    let err = s.rebuild(&["templates/home.html"]).unwrap_err().to_string();
    assert!(err.contains("templates/home.html:1"), "{err}");
    assert!(err.contains("content/ha-tinh/a.en.md:2"), "{err}");

    s.site.article(
        "ha-tinh/a.en.md",
        &front("Cooperatives grow", "en", "2024-01-01", "ha-tinh"),
        "Fixed.",
    );
    let err = s
        .rebuild(&["content/ha-tinh/a.en.md"])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("templates/home.html:1"),
        "the template is still broken: {err}"
    );

    std::fs::remove_file(s.path("templates/home.html")).unwrap();
    let report = s.rebuild_ok(&["templates/home.html"]);
    // Everything that changed while the site was broken is written now.
    assert!(
        report
            .written
            .contains(&PathBuf::from("en/2023/b/index.html"))
    );
    assert!(
        report
            .written
            .contains(&PathBuf::from("en/2024/a/index.html"))
    );
    s.assert_same_as_full_build();
}

#[test]
fn a_changed_site_toml_rebuilds_everything() {
    let mut s = Session::new();
    s.site.write(
        "site.toml",
        &CONFIG.replace("Cooperative Bulletin", "Provincial Cooperative Bulletin"),
    );
    let report = s.rebuild_ok(&["site.toml"]);
    assert!(report.full);
    s.assert_same_as_full_build();

    // A broken site.toml keeps failing, whatever else changes, until it is fixed.
    s.site.write("site.toml", "per_page = \"two\"");
    assert!(s.rebuild(&["site.toml"]).is_err());
    let err = s
        .rebuild(&["content/ha-tinh/a.en.md"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("site.toml"), "{err}");
    s.site.write("site.toml", CONFIG);
    assert!(s.rebuild_ok(&["site.toml"]).full);
    s.assert_same_as_full_build();
}

#[test]
fn a_static_file_added_over_an_unchanged_page_is_refused_as_build_refuses_it() {
    let mut s = Session::new();
    let before = tree(&s.output());
    s.site.write("static/en/2023/b/index.html", "<p>mine</p>");
    let refused = s
        .rebuild(&["static/en/2023/b/index.html"])
        .unwrap_err()
        .to_string();
    let built = s.site.build_err();
    assert_eq!(refused, built);
    assert!(
        refused.contains("static/en/2023/b/index.html would overwrite a generated page"),
        "{refused}"
    );
    assert!(tree(&s.output()) == before, "the output is unchanged");

    // An article added where a static file is: refused the same way.
    std::fs::remove_file(s.path("static/en/2023/b/index.html")).unwrap();
    s.rebuild_ok(&["static/en/2023/b/index.html"]);
    s.site.write("static/en/2022/e/index.html", "<p>mine</p>");
    s.rebuild_ok(&["static/en/2022/e/index.html"]);
    s.site.article(
        "binh-thuan/e.en.md",
        &front("New", "en", "2022-03-03", "binh-thuan"),
        "New.",
    );
    let refused = s.rebuild(&["content/binh-thuan/e.en.md"]).unwrap_err();
    assert_eq!(refused.to_string(), s.site.build_err());
    std::fs::remove_file(s.path("static/en/2022/e/index.html")).unwrap();
    s.rebuild_ok(&["static/en/2022/e/index.html", "content/binh-thuan/e.en.md"]);
    s.assert_same_as_full_build();
}

#[test]
fn a_static_file_changed_while_the_site_is_broken_is_copied_once_it_builds() {
    let mut s = Session::new();
    s.site.write("static/logo.svg", "<svg/>");
    s.rebuild_ok(&["static/logo.svg"]);
    let good = std::fs::read_to_string(s.path("content/ha-tinh/a.en.md")).unwrap();
    s.site
        .write("content/ha-tinh/a.en.md", "+++\ntitle = \n+++\n");
    s.site.write("static/logo.svg", "<svg><g/></svg>");
    s.rebuild(&["content/ha-tinh/a.en.md", "static/logo.svg"])
        .unwrap_err();
    s.site.write("content/ha-tinh/a.en.md", &good);
    s.rebuild_ok(&["content/ha-tinh/a.en.md"]);
    assert_eq!(
        std::fs::read_to_string(s.output().join("logo.svg")).unwrap(),
        "<svg><g/></svg>"
    );
    s.assert_same_as_full_build();
}

#[test]
fn photos_follow_their_files_and_text_edits_do_no_image_work() {
    let mut s = Session::new();
    s.site
        .write_bytes("content/ha-tinh/drier.jpg", &jpeg(900, 600, None));
    s.site.article(
        "ha-tinh/a.en.md",
        &front("Cooperatives grow", "en", "2024-01-01", "ha-tinh"),
        "Ha Tinh has 1,981 cooperative groups.\n\n![The drier](drier.jpg)",
    );
    s.site.article(
        "ha-tinh/a.vi.md",
        "title = \"Hợp tác xã phát triển\"\nlanguage = \"vi\"",
        "Hà Tĩnh có 1.981 tổ hợp tác.\n\n![Máy sấy](drier.jpg)",
    );
    let report = s.rebuild_ok(&["content/ha-tinh/a.en.md", "content/ha-tinh/a.vi.md"]);
    assert_eq!((report.photos_read, report.photos_decoded), (1, 1));
    s.assert_same_as_full_build();
    let src = |s: &Session, lang: &str| {
        let page =
            std::fs::read_to_string(s.output().join(lang).join("2024/a/index.html")).unwrap();
        let at = page.find("/photos/").expect("a photo");
        page[at..at + 30].to_owned()
    };
    let first = src(&s, "en");

    // Text edited beside an unchanged photo: no file read, nothing decoded.
    s.site.article(
        "ha-tinh/a.en.md",
        &front("Cooperatives grow", "en", "2024-01-01", "ha-tinh"),
        "Ha Tinh has 1,981 cooperative groups, and a drier.\n\n![The new drier](drier.jpg)",
    );
    let report = s.rebuild_ok(&["content/ha-tinh/a.en.md"]);
    assert_eq!((report.photos_read, report.photos_decoded), (0, 0));
    assert_eq!(src(&s, "en"), first);

    // The photo replaced: both languages show the new one, made once.
    s.site
        .write_bytes("content/ha-tinh/drier.jpg", &jpeg(600, 900, None));
    let report = s.rebuild_ok(&["content/ha-tinh/drier.jpg"]);
    assert_eq!((report.photos_read, report.photos_decoded), (1, 1));
    for page in ["en/2024/a/index.html", "vi/2024/a/index.html"] {
        assert!(report.written.contains(&PathBuf::from(page)), "{page}");
    }
    assert_ne!(src(&s, "en"), first);
    assert_eq!(src(&s, "en"), src(&s, "vi"));
    s.assert_same_as_full_build();

    // A photo named before it is there: an error, until it comes.
    s.site.article(
        "ha-tinh/b.en.md",
        &front("Unions meet", "en", "2023-05-01", "ha-tinh"),
        "Two unions met.\n\n![The hall](photos/hall.jpg)",
    );
    let err = s
        .rebuild(&["content/ha-tinh/b.en.md"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("no photo `photos/hall.jpg`"), "{err}");
    s.site
        .write_bytes("content/ha-tinh/photos/hall.jpg", &jpeg(500, 300, None));
    let report = s.rebuild_ok(&["content/ha-tinh/photos"]);
    assert_eq!(report.photos_decoded, 1);
    assert!(
        report
            .written
            .contains(&PathBuf::from("en/2023/b/index.html"))
    );
    s.assert_same_as_full_build();

    // Its folder removed: an error again, and the output as it was.
    let before = tree(&s.output());
    std::fs::remove_dir_all(s.path("content/ha-tinh/photos")).unwrap();
    let err = s
        .rebuild(&["content/ha-tinh/photos"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("no photo `photos/hall.jpg`"), "{err}");
    assert!(tree(&s.output()) == before);
}
