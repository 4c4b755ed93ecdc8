//! Watch mode against real files and a real server on a free loopback port.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use bulletin::serve::watch::{self, WatchEvent, WatchOptions, Watching};

use crate::fixture::{Site, front};
use crate::photos::jpeg;

/// A plain HTTP/1.1 GET; returns the status and the body.
pub fn get(url: &str) -> (u16, String) {
    let (status, _, body) = get_as(url, None);
    (status, body)
}

/// A plain HTTP/1.1 GET naming `host` (the URL's own when `None`); returns
/// the status, the headers (lowercase names) and the body.
pub fn get_as(url: &str, host: Option<&str>) -> (u16, Vec<(String, String)>, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (address, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let host = host.unwrap_or(address);
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let headers = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (status, headers, body.to_owned())
}

/// Saves `content/ha-tinh/a.en.md` with this body.
fn save(site: &Site, body: &str) {
    site.article(
        "ha-tinh/a.en.md",
        &front("Old title", "en", "2024-01-01", "ha-tinh"),
        body,
    );
}

fn site_with_article() -> Site {
    let site = Site::new();
    save(&site, "Old text.");
    site
}

/// Watches `site` without search, so that its events are the rebuilds alone.
pub fn start(site: &Site) -> Watching {
    start_with(site, false)
}

/// Watches `site`, with search or not; returns once the first build is served.
pub fn start_with(site: &Site, search: bool) -> Watching {
    let session = watch::start(&WatchOptions {
        root: site.root().to_owned(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        poll: None,
        drafts: false,
        search,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    match session.next_event(Duration::from_secs(10)) {
        Some(WatchEvent::Rebuilt { .. }) => {}
        other => panic!("the first build did not succeed: {other:?}"),
    }
    session
}

/// Waits for the rebuild that follows a change and returns it.
fn next(session: &Watching) -> WatchEvent {
    session
        .next_event(Duration::from_secs(30))
        .expect("a rebuild within 30 s of the change")
}

#[test]
fn an_edit_changes_the_served_page() {
    let site = site_with_article();
    let session = start(&site);
    let page = format!("{}en/2024/a/", session.url);
    let (status, body) = get(&page);
    assert_eq!(status, 200);
    assert!(body.contains("Old text."));
    assert!(
        body.contains("/__bulletin/live.js"),
        "served pages carry the live-reload script"
    );

    save(&site, "New text.");
    match next(&session) {
        WatchEvent::Rebuilt { changed, .. } => assert!(
            changed.iter().any(|p| p.ends_with("a.en.md")),
            "{changed:?}"
        ),
        other => panic!("{other}"),
    }
    assert!(get(&page).1.contains("New text."));

    // What is written to disk never carries the script.
    let on_disk = std::fs::read_to_string(session.output.join("en/2024/a/index.html")).unwrap();
    assert!(on_disk.contains("New text.") && !on_disk.contains("live.js"));
    let (status, script) = get(&format!("{}__bulletin/live.js", session.url));
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
}

#[test]
fn a_replaced_photo_shows_in_the_served_page() {
    let site = Site::new();
    site.write_bytes("content/ha-tinh/field.jpg", &jpeg(800, 400, None));
    save(&site, "Rice.\n\n![The field](field.jpg)");
    let session = start(&site);
    let page = format!("{}en/2024/a/", session.url);
    let photo = |html: &str| {
        let at = html.find("src=\"/photos/").expect("a photo") + 5;
        let end = at + html[at..].find('"').unwrap();
        html[at..end].to_owned()
    };
    let before = photo(&get(&page).1);

    // Replaced as a photo editor saves it: a new file renamed over the old.
    let dir = site.root().join("content/ha-tinh");
    std::fs::write(dir.join("field.jpg.part"), jpeg(400, 800, None)).unwrap();
    std::fs::rename(dir.join("field.jpg.part"), dir.join("field.jpg")).unwrap();
    match next(&session) {
        WatchEvent::Rebuilt { report, .. } => assert_eq!(report.photos_decoded, 1),
        other => panic!("{other}"),
    }
    let after = photo(&get(&page).1);
    assert_ne!(before, after);
    let (status, headers, _) = get_as(&format!("{}{}", session.url, &after[1..]), None);
    assert_eq!(status, 200);
    assert!(
        headers.contains(&("content-type".into(), "image/jpeg".into())),
        "{headers:?}"
    );
    assert_eq!(get(&format!("{}{}", session.url, &before[1..])).0, 404);
}

#[test]
fn a_save_by_rename_is_seen() {
    let site = site_with_article();
    let session = start(&site);
    // The way vim, emacs and JetBrains save: write a temporary file, rename it over the original.
    let dir = site.root().join("content/ha-tinh");
    let temporary = dir.join(".a.en.md.tmp");
    std::fs::write(
        &temporary,
        format!(
            "+++\n{}\n+++\nRenamed text.\n",
            front("Old title", "en", "2024-01-01", "ha-tinh")
        ),
    )
    .unwrap();
    std::fs::rename(&temporary, dir.join("a.en.md")).unwrap();
    assert!(matches!(next(&session), WatchEvent::Rebuilt { .. }));
    assert!(
        get(&format!("{}en/2024/a/", session.url))
            .1
            .contains("Renamed text.")
    );
}

#[test]
fn a_burst_of_200_changes_rebuilds_once_or_twice() {
    let site = site_with_article();
    let session = start(&site);
    for i in 0..200 {
        site.article(
            &format!("ha-tinh/burst{i}.en.md"),
            &front(&format!("Burst {i}"), "en", "2024-02-01", "ha-tinh"),
            "x",
        );
    }
    // The first rebuild may be slow on a loaded machine: wait for it as long
    // as any other test does, then count what follows until three quiet seconds.
    assert!(matches!(next(&session), WatchEvent::Rebuilt { .. }));
    let mut rebuilds = 1;
    while let Some(event) = session.next_event(Duration::from_secs(3)) {
        assert!(matches!(event, WatchEvent::Rebuilt { .. }), "{event}");
        rebuilds += 1;
    }
    assert!((1..=2).contains(&rebuilds), "{rebuilds} rebuilds");
    assert_eq!(get(&format!("{}en/2024/burst199/", session.url)).0, 200);
}

#[test]
fn a_bad_edit_keeps_the_old_page_until_fixed() {
    let site = site_with_article();
    let session = start(&site);
    let page = format!("{}en/2024/a/", session.url);
    site.article(
        "ha-tinh/a.en.md",
        &front("Old title", "en", "2024-01-01", "ha-tinh-x"),
        "Broken text.",
    );
    match next(&session) {
        WatchEvent::Failed { message, .. } => {
            assert!(
                message.contains("content/ha-tinh/a.en.md:5:12"),
                "{message}"
            );
            assert!(message.contains("unknown province"), "{message}");
        }
        other => panic!("expected a failure, got {other}"),
    }
    let (status, body) = get(&page);
    assert_eq!(status, 200);
    assert!(
        body.contains("Old text."),
        "the last good page is still served"
    );

    save(&site, "Fixed text.");
    assert!(matches!(next(&session), WatchEvent::Rebuilt { .. }));
    assert!(get(&page).1.contains("Fixed text."));
}

#[test]
fn a_deleted_article_becomes_404() {
    let site = site_with_article();
    site.article(
        "ha-tinh/b.en.md",
        &front("Other", "en", "2024-01-02", "ha-tinh"),
        "x",
    );
    let session = start(&site);
    let page = format!("{}en/2024/b/", session.url);
    assert_eq!(get(&page).0, 200);
    std::fs::remove_file(site.root().join("content/ha-tinh/b.en.md")).unwrap();
    assert!(matches!(next(&session), WatchEvent::Rebuilt { .. }));
    let (status, body) = get(&page);
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = site_with_article();
    site.write("secret.txt", "do not serve");
    let session = start(&site);
    let base = session.url.trim_end_matches('/');
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/en/..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/etc/passwd",
        "//etc/passwd",
        &format!("/{}", session.output.join("../secret.txt").display()),
    ] {
        let (status, body) = get(&format!("{base}{path}"));
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("do not serve") && !body.contains("root:"),
            "{path}"
        );
    }
    // Non-ASCII paths are served.
    site.write("static/ảnh/bản đồ.svg", "<svg/>");
    assert!(matches!(next(&session), WatchEvent::Rebuilt { .. }));
    let (status, body) = get(&format!(
        "{base}/%E1%BA%A3nh/b%E1%BA%A3n%20%C4%91%E1%BB%93.svg"
    ));
    assert_eq!((status, body.as_str()), (200, "<svg/>"));
}

#[test]
fn a_stylesheet_change_is_rebuilt() {
    let site = site_with_article();
    let session = start(&site);
    site.write("static/style.css", "body { color: red }");
    assert!(matches!(next(&session), WatchEvent::Rebuilt { .. }));
    assert_eq!(
        get(&format!("{}style.css", session.url)).1,
        "body { color: red }"
    );
}

#[test]
fn a_session_stopped_as_a_change_arrives_leaves_no_output_behind() {
    let site = site_with_article();
    let session = start(&site);
    let output = session.output.clone();
    assert!(output.join("en/2024/a/index.html").is_file());
    // The change is seen while the session stops: its rebuild must not write
    // into the private folder once it is removed.
    save(&site, "New text.");
    std::thread::sleep(Duration::from_millis(5));
    drop(session);
    assert!(!output.exists(), "removed when the session stops");
    std::thread::sleep(Duration::from_millis(500));
    assert!(!output.exists(), "and not made again by a late rebuild");
}

#[test]
fn the_server_answers_only_its_own_address_and_sends_its_policy() {
    let site = site_with_article();
    let session = start(&site);
    let port = session
        .url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .to_owned();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let (status, headers, _) = get_as(&format!("{}en/", session.url), Some(&host));
        assert_eq!(status, 200, "{host}");
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(header("x-content-type-options"), "nosniff");
        let policy = header("content-security-policy");
        assert!(policy.contains("script-src 'self'"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    }
    // A name of another site that resolves here (DNS rebinding), or another port.
    for host in [
        format!("evil.example:{port}"),
        "127.0.0.1:1".to_owned(),
        "evil.example".to_owned(),
    ] {
        let (status, _, body) = get_as(&format!("{}en/", session.url), Some(&host));
        assert_eq!(status, 403, "{host}");
        assert!(body.contains("answers only requests for"), "{body}");
    }
}

#[test]
fn an_edit_of_the_provinces_history_rebuilds_their_pages() {
    let site = site_with_article();
    let session = start(&site);
    let page = format!("{}en/provinces/ha-tinh/", session.url);
    assert!(!get(&page).1.contains("class=\"history"));
    // Ha Tinh merges into Quang Tri in this site's history.
    let merged = crate::fixture::CONFIG.replace(
        "name = { en = \"Ha Tinh\", vi = \"Hà Tĩnh\", ar = \"ها تينه\", id = \"Ha Tinh\", ru = \"Хатинь\" }",
        "name = { en = \"Ha Tinh\", vi = \"Hà Tĩnh\", ar = \"ها تينه\", id = \"Ha Tinh\", ru = \"Хатинь\" }\nended = 2030-01-01\nbecame = \"quang-tri\"",
    );
    site.write("site.toml", &merged);
    assert!(matches!(next(&session), WatchEvent::Rebuilt { .. }));
    let body = get(&page).1;
    assert!(
        body.contains("On January 1, 2030 this province became part of"),
        "{body}"
    );
    let successor = get(&format!("{}en/provinces/quang-tri/", session.url)).1;
    assert!(successor.contains("Old title"), "{successor}");
    // And undone.
    site.write("site.toml", crate::fixture::CONFIG);
    assert!(matches!(next(&session), WatchEvent::Rebuilt { .. }));
    assert!(!get(&page).1.contains("class=\"history"));
    assert!(
        !get(&format!("{}en/provinces/quang-tri/", session.url))
            .1
            .contains("Old title")
    );
}
