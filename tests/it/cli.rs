//! The `bulletin` command itself: arguments, exit codes, summary lines, scaffolds.

use std::process::{Command, Output};

use crate::fixture::{Site, front};

fn bulletin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(args)
        .output()
        .expect("run bulletin")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn build_prints_one_summary_line() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("A", "en", "2024-01-01", "ha-tinh"),
        "x",
    );
    let out = bulletin(&["build", "--root", site.root().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("built 1 articles into "), "{text}");
    assert!(text.contains(" ms)"), "{text}");
    assert!(site.exists("en/2024/a/"));
}

/// Runs `bulletin` with `args` on a pseudo-terminal (util-linux's `script`),
/// showing progress at once; returns what the terminal received.
fn on_a_terminal(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let typescript = dir.path().join("typescript");
    let command = std::iter::once(env!("CARGO_BIN_EXE_bulletin"))
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let out = Command::new("script")
        .args(["-qec", &command])
        .arg(&typescript)
        .env_remove("CI")
        .env("BULLETIN_PROGRESS_AFTER_MS", "0")
        .output()
        .expect("util-linux's script runs");
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read_to_string(&typescript).unwrap()
}

#[test]
fn progress_shows_on_a_terminal_and_nowhere_else() {
    let site = Site::new();
    for i in 0..6 {
        site.article(
            &format!("ha-tinh/a{i}.en.md"),
            &front("A", "en", "2024-01-01", "ha-tinh"),
            "Cooperatives.",
        );
    }
    let root = site.root().to_str().unwrap();
    let shown = on_a_terminal(&["build", "--root", root]);
    assert!(shown.contains("rendering pages"), "{shown}");
    assert!(shown.contains("indexing for search, languages"), "{shown}");
    assert!(shown.contains("writing files"), "{shown}");
    // The count of pages done, of all of them, which the summary gives.
    let pages: usize = shown
        .split("into ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the summary");
    assert!(shown.contains(&format!("/{pages} [")), "{shown}");
    // Cleared before the summary line.
    let summary = shown.find("built 6 articles").unwrap();
    assert!(shown[..summary].ends_with("\x1b[2K"), "{shown:?}");
    let checked = on_a_terminal(&["check", "--suggest", "--root", root]);
    assert!(
        checked.contains("reading the figures of the texts"),
        "{checked}"
    );

    // Not a terminal: the summary alone, whatever the wait.
    let out = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["build", "--root", root])
        .env_remove("CI")
        .env("BULLETIN_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
}

#[test]
fn build_timings_lists_the_stages_and_the_slowest_templates() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("A", "en", "2024-01-01", "ha-tinh"),
        "x",
    );
    let out = bulletin(&[
        "build",
        "--timings",
        "--root",
        site.root().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let first_words: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let stages = [
        "load", "parse", "model", "render", "links", "search", "write", "total",
    ];
    let found: Vec<&str> = first_words
        .iter()
        .copied()
        .filter(|w| stages.contains(w))
        .collect();
    assert_eq!(found, stages, "{text}");
    // The costliest first: one province page per language and its page of figures.
    let templates: Vec<(String, usize, f64)> = text
        .lines()
        .skip_while(|l| !l.starts_with("template"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            // name (maybe of two words), pages, total, mean, slowest
            let cells: Vec<&str> = l.split_whitespace().collect();
            let n = cells.len();
            let name = cells[..n - 4].join(" ");
            (
                name,
                cells[n - 4].parse().unwrap(),
                cells[n - 3].parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(templates.len(), 8, "{text}");
    assert!(templates.windows(2).all(|w| w[0].2 >= w[1].2), "{text}");
    let pages = |name: &str| templates.iter().find(|t| t.0 == name).map(|t| t.1);
    assert_eq!(pages("province.html"), Some(15), "{text}");
    assert_eq!(pages("home.html"), Some(5), "{text}");
    assert!(
        text.lines().last().unwrap().starts_with("built 1 articles"),
        "{text}"
    );
}

#[test]
fn build_honours_output_and_base_url() {
    let site = Site::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("site");
    let out = bulletin(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--output",
        target.to_str().unwrap(),
        "--base-url",
        "https://coop.example/news/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = std::fs::read_to_string(target.join("en/index.html")).unwrap();
    assert!(home.contains("href=\"/news/en/provinces/\""), "{home}");
    assert!(!site.output().exists());
}

#[test]
fn failed_build_exits_non_zero_with_located_message() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("A", "en", "2024-01-01", "quang-tr"),
        "x",
    );
    let out = bulletin(&["build", "--root", site.root().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/ha-tinh/a.en.md:5:12"), "{err}");
    assert!(err.contains("did you mean `quang-tri`?"), "{err}");
}

#[test]
fn bad_arguments_are_refused_with_usage() {
    let out = bulletin(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--no-such-flag"));
    let out = bulletin(&["build", "--root", "/nonexistent/site"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no site.toml in /nonexistent/site"),
        "{}",
        stderr(&out)
    );
    let site = Site::new();
    let out = bulletin(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--base-url",
        "not a url",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--base-url `not a url`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_writes_nothing_and_fails_on_problems() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("A", "en", "2024-01-01", "ha-tinh"),
        "x",
    );
    let out = bulletin(&["check", "--root", site.root().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("checked 1 articles"),
        "{}",
        stdout(&out)
    );
    assert!(!site.output().exists(), "check wrote the output folder");

    site.write("templates/home.html", "{{ nope }");
    let out = bulletin(&["check", "--root", site.root().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("templates/home.html:1:"),
        "{}",
        stderr(&out)
    );
    assert!(!site.output().exists());
}

#[test]
fn init_creates_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let new_site = dir.path().join("bulletin");
    let out = bulletin(&["init", new_site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = bulletin(&["build", "--root", new_site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        new_site
            .join("public/en/2024/new-cooperatives/index.html")
            .is_file()
    );
    assert!(new_site.join("public/vi/index.html").is_file());
    // It takes the registry of Vietnam's provinces: the article's province
    // has its page, under its Vietnamese name, and untouched provinces none.
    let page =
        std::fs::read_to_string(new_site.join("public/vi/provinces/ha-tinh/index.html")).unwrap();
    assert!(page.contains("<h1>Hà Tĩnh</h1>"), "{page}");
    assert!(!new_site.join("public/vi/provinces/ca-mau").exists());

    // git leaves out the output and the photos' cache, and keeps the rest.
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&new_site)
            .output()
            .expect("git")
    };
    assert!(git(&["init", "-q"]).status.success());
    for (path, ignored) in [
        ("public/en/index.html", true),
        (".bulletin-cache/photos/index.tsv", true),
        ("content/ha-tinh/new-cooperatives.en.md", false),
        ("site.toml", false),
    ] {
        let out = git(&["check-ignore", "-q", path]);
        assert_eq!(out.status.success(), ignored, "{path}");
    }

    // init never overwrites.
    let out = bulletin(&["init", new_site.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists and is not empty"));
}

#[test]
fn new_creates_an_article_that_builds() {
    let site = Site::new();
    let root = site.root().to_str().unwrap();
    let out = bulletin(&[
        "new",
        "--root",
        root,
        "--lang",
        "vi",
        "--province",
        "ha-tinh",
        "Hà Tĩnh thành lập hợp tác xã",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = site
        .root()
        .join("content/ha-tinh/ha-tinh-thanh-lap-hop-tac-xa.vi.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("title = \"Hà Tĩnh thành lập hợp tác xã\""),
        "{text}"
    );
    assert!(text.contains("province = \"ha-tinh\""), "{text}");
    let out = bulletin(&["build", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));

    // An Arabic title needs an explicit slug: it is never transliterated.
    let out = bulletin(&[
        "new",
        "--root",
        root,
        "--lang",
        "ar",
        "--province",
        "ha-tinh",
        "تعاونيات جديدة",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--slug"), "{}", stderr(&out));
    let out = bulletin(&[
        "new",
        "--root",
        root,
        "--lang",
        "ar",
        "--province",
        "ha-tinh",
        "--slug",
        "new-coops",
        "تعاونيات جديدة",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.root()
            .join("content/ha-tinh/new-coops.ar.md")
            .is_file()
    );

    let out = bulletin(&[
        "new",
        "--root",
        root,
        "--lang",
        "vi",
        "--province",
        "ha-tin",
        "X",
    ]);
    assert!(
        stderr(&out).contains("did you mean ha-tinh?"),
        "{}",
        stderr(&out)
    );
    let out = bulletin(&[
        "new",
        "--root",
        root,
        "--lang",
        "xx",
        "--province",
        "ha-tinh",
        "X",
    ]);
    assert!(
        stderr(&out).contains("use one of en, ar, id, ru, vi"),
        "{}",
        stderr(&out)
    );
}
