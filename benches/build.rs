//! Build benchmark: a generated bulletin of 1,000 and 10,000 article versions
//! (five languages, twenty provinces, six years), built end to end into a temp folder.
//!
//! Then watch mode on the same sites: the time from saving one edited article to
//! the new text being served (what a reader's reload would fetch).
//!
//! Run with `cargo bench --bench build`; prints the best and median of a few runs.

use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

const LANGS: [&str; 5] = ["en", "vi", "ar", "id", "ru"];

fn config(provinces: usize) -> String {
    let mut s = String::from(
        "base_url = \"https://example.org/\"\ndefault_language = \"en\"\nper_page = 20\n\
         [title]\nen = \"B\"\nvi = \"B\"\nar = \"B\"\nid = \"B\"\nru = \"B\"\n",
    );
    for (code, locale) in [
        ("en", "en-US"),
        ("vi", "vi-VN"),
        ("ar", "ar-EG"),
        ("id", "id-ID"),
        ("ru", "ru-RU"),
    ] {
        s += &format!("[languages.{code}]\nname = \"{code}\"\nlocale = \"{locale}\"\n");
    }
    for p in 0..provinces {
        s += &format!(
            "[provinces.p{p}]\nname = {{ en = \"P{p}\", vi = \"P{p}\", ar = \"P{p}\", id = \"P{p}\", ru = \"P{p}\" }}\n"
        );
    }
    s
}

/// Writes `versions` article files: articles in two languages each, spread over provinces and years.
fn generate(root: &Path, versions: usize) {
    std::fs::write(root.join("site.toml"), config(20)).unwrap();
    // The declared figures occur in the text, written without separators so that
    // every language reads them alike: a checked site has no warnings.
    let body = |cooperatives: usize| {
        format!("Cooperatives in the province grew.\n\n## Figures\n\nThe province has 1981 cooperative groups, {cooperatives} cooperatives and 82256 members. ")
            .repeat(4)
    };
    for i in 0..versions.div_ceil(2) {
        let province = i % 20;
        let year = 2019 + (i % 6);
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let dir = root.join(format!("content/p{province}"));
        std::fs::create_dir_all(&dir).unwrap();
        let cooperatives = 300 + i % 50;
        for k in 0..2 {
            let lang = LANGS[(i + k) % 5];
            let text = format!(
                "+++\ntitle = \"Article {i} in {lang}\"\ndate = {year}-{month:02}-{day:02}\nlanguage = \"{lang}\"\nprovince = \"p{province}\"\n\n\
                 [[figures]]\nmetric = \"cooperatives\"\nvalue = {cooperatives}\n\n[[figures]]\nmetric = \"members\"\nvalue = 82256\n+++\n\n{}\n",
                body(cooperatives)
            );
            std::fs::write(dir.join(format!("a{i}.{lang}.md")), text).unwrap();
        }
    }
}

/// The body of a plain HTTP/1.1 GET.
fn get(host: &str, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Saves an edit of one article and waits until the server returns the new text.
fn edit_to_served(root: &Path, versions: usize) {
    use bulletin::serve::watch;
    let session = watch::start(&watch::WatchOptions {
        root: root.to_owned(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        poll: None,
        drafts: false,
        search: false,
    })
    .expect("watch starts");
    session
        .next_event(Duration::from_secs(120))
        .expect("first build");
    let host = session
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let file = root.join("content/p0/a0.en.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let page = "/en/2019/a0/";
    let mut times = Vec::new();
    let mut rebuilds = Vec::new();
    let mut rendered = 0;
    for round in 0..5 {
        let marker = format!("edit-marker-{round}");
        let start = Instant::now();
        std::fs::write(
            &file,
            original.replace("Cooperatives in the province grew.", &marker),
        )
        .unwrap();
        while !get(&host, page).contains(&marker) {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "the edit was never served"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        times.push(start.elapsed());
        // The rebuild's own time, from its report; then let the reports drain before the next edit.
        while let Some(event) = session.next_event(Duration::from_millis(300)) {
            if let watch::WatchEvent::Rebuilt { report, .. } = event {
                rebuilds.push(report.elapsed);
                rendered = report.written.len();
            }
        }
    }
    times.sort();
    rebuilds.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "watch {versions:>6} article versions, one edit to served: best {:>7.1} ms, median {:>7.1} ms \
         (of which the rebuild, {rendered} pages rendered: median {:.1} ms)",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(rebuilds[rebuilds.len() / 2]),
    );
}

fn main() {
    for versions in [1_000, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), versions);
        let options = bulletin::BuildOptions {
            root: dir.path().to_owned(),
            ..bulletin::BuildOptions::default()
        };
        let runs = if versions > 5_000 { 3 } else { 5 };
        let mut times: Vec<Duration> = Vec::new();
        let mut pages = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let report = bulletin::build(&options).expect("the generated site builds");
            if let Some(w) = report.warnings.first() {
                panic!(
                    "{} warnings, the first:\n{}",
                    report.warnings.len(),
                    w.render_warning()
                );
            }
            times.push(start.elapsed());
            pages = report.pages;
        }
        times.sort();
        println!(
            "build {versions:>6} article versions ({pages} pages): best {:>7.1} ms, median {:>7.1} ms",
            times[0].as_secs_f64() * 1e3,
            times[times.len() / 2].as_secs_f64() * 1e3
        );
        edit_to_served(dir.path(), versions);
    }
}
