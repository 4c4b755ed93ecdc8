//! The sample site as a reader meets it: real headless Chromium (through
//! chromedriver) against the built site served by bulletin's own server on a
//! free loopback port. Accessibility is checked by axe-core inside the page.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::{TimeoutConfiguration, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::fixture::Site;
use crate::tools;

/// A child process killed when dropped, so no chromedriver outlives its test.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One browser session, with its driver and a fresh profile.
struct Browser {
    client: Client,
    _driver: Process,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// chromedriver's own (non-standard) endpoint that returns and clears the browser console log.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

impl Browser {
    /// Starts chromedriver and headless Chromium; `None` (a skip, or a panic in CI) when not installed.
    async fn start() -> Option<Browser> {
        let (Some(driver), Some(chromium)) = (tools::chromedriver(), tools::chromium()) else {
            return None;
        };
        let port = free_port();
        let driver = Process(
            Command::new(driver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start chromedriver"),
        );
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run",
                         format!("--user-data-dir={}", profile.path().display())]
            }
        });
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            let mut builder =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            builder.capabilities(caps.as_object().unwrap().clone());
            let connect = builder.connect(&url);
            match tokio::time::timeout(Duration::from_secs(30), connect).await {
                Ok(Ok(client)) => {
                    client
                        .update_timeouts(TimeoutConfiguration::new(
                            Some(Duration::from_secs(30)),
                            Some(Duration::from_secs(30)),
                            None,
                        ))
                        .await
                        .unwrap();
                    return Some(Browser {
                        client,
                        _driver: driver,
                        _profile: profile,
                    });
                }
                Ok(Err(e)) => last_error = e.to_string(),
                Err(_) => last_error = "timed out".into(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("could not start a browser session: {last_error}");
    }

    async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }

    async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    async fn size(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.unwrap();
    }

    /// Console messages of level SEVERE since the last call (errors, uncaught exceptions, failed loads).
    async fn console_errors(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("read the browser log");
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    async fn current_path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    async fn click(&self, css: &str) {
        let before = self.current_path().await;
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap();
        for _ in 0..100 {
            if self.current_path().await != before {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("clicking {css} on {before} went nowhere");
    }
}

/// Serves a folder with bulletin's own server on a free loopback port; returns its base URL.
fn serve(dir: PathBuf) -> String {
    let listener = bulletin::serve::bind("127.0.0.1".parse().unwrap(), free_port()).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(bulletin::serve::run(listener, dir));
    url
}

/// The sample site, built and served.
fn sample() -> (tempfile::TempDir, String) {
    let out = tools::built_sample();
    let url = serve(out.path().join("public"));
    (out, url)
}

const EN_ARTICLE: &str = "/en/2023/collective-economy-plan-2030/";
const AR_ARTICLE: &str = "/ar/2023/collective-economy-plan-2030/";
const PROVINCE: &str = "/ar/provinces/binh-thuan/";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_home_page_loads_without_console_errors() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    for lang in ["en", "vi", "ar", "id", "ru"] {
        b.goto(&format!("{url}/{lang}/")).await;
        let lang_attr = b.js("return document.documentElement.lang", vec![]).await;
        assert_eq!(lang_attr, lang);
        assert_eq!(b.console_errors().await, Vec::<String>::new(), "/{lang}/");
    }
    // The check itself: a missing stylesheet is a console error.
    b.goto(&format!("{url}/404.html")).await;
    b.js("const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = '/missing.css'; document.head.append(l);", vec![])
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !b.console_errors().await.is_empty(),
        "a failed load is reported"
    );
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_switcher_leads_to_the_translation_and_back() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    b.goto(&format!("{url}{EN_ARTICLE}")).await;
    b.click(".switcher a[hreflang=ar]").await;
    assert_eq!(b.current_path().await, AR_ARTICLE);
    assert_eq!(
        b.js("return document.documentElement.dir", vec![]).await,
        "rtl"
    );
    b.click(".switcher a[hreflang=en]").await;
    assert_eq!(b.current_path().await, EN_ARTICLE);

    // An index leads to the same index in the other language.
    b.goto(&format!("{url}/en/years/2024/")).await;
    b.click(".switcher a[hreflang=ru]").await;
    assert_eq!(b.current_path().await, "/ru/years/2024/");
    // An article without a translation leads to its province in that language.
    b.goto(&format!("{url}/id/2024/collective-economy-tasks-2024/"))
        .await;
    b.click(".switcher a[hreflang=vi]").await;
    assert_eq!(b.current_path().await, "/vi/provinces/ha-tinh/");
    b.client.clone().close().await.unwrap();
}

/// Where an element's box lies: [left, right] in CSS pixels.
async fn span(b: &Browser, css: &str) -> (f64, f64) {
    let r = b
        .js("const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.right];", vec![json!(css)])
        .await;
    (r[0].as_f64().unwrap(), r[1].as_f64().unwrap())
}

const OVERFLOW: &str = r#"
const width = document.documentElement.clientWidth;
const problems = [];
if (document.documentElement.scrollWidth > width + 1) problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('.table-scroll')) continue; // wide tables scroll inside their own box
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.left < -1 || r.right > width + 1) problems.push(el.tagName + '.' + el.className + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right));
}
for (const box of document.querySelectorAll('.table-scroll')) {
  const r = box.getBoundingClientRect();
  if (r.left < -1 || r.right > width + 1) problems.push('table box spans ' + r.left + '..' + r.right);
}
return problems;
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arabic_pages_mirror_and_fit_a_narrow_screen() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    b.size(1280, 900).await;
    b.goto(&format!("{url}{AR_ARTICLE}")).await;
    let width = b
        .js("return document.documentElement.clientWidth", vec![])
        .await
        .as_f64()
        .unwrap();
    let direction = b
        .js(
            "return getComputedStyle(document.querySelector('.article')).direction",
            vec![],
        )
        .await;
    assert_eq!(direction, "rtl");
    let (_, main_right) = span(&b, "main").await;
    for part in [".site-nav li", ".switcher li", "h1", ".key-figures"] {
        let (_, right) = span(&b, part).await;
        assert!(
            right > width / 2.0,
            "{part} is not on the right: it ends at {right} of {width}"
        );
        assert!(
            (right - main_right).abs() < 40.0,
            "{part} does not start at the right edge: {right} vs {main_right}"
        );
    }
    // The key-figures table reads right to left: the indicator column is rightmost.
    let (indicator, _) = span(&b, ".key-figures thead th:nth-child(1)").await;
    let (value, _) = span(&b, ".key-figures thead th:nth-child(2)").await;
    assert!(
        indicator > value,
        "indicator column at {indicator}, value column at {value}"
    );

    // A province's chart starts at the right edge, and time runs leftwards like the table's columns.
    b.goto(&format!("{url}/ar/provinces/ha-tinh/")).await;
    let (_, main_right) = span(&b, "main").await;
    let (_, chart_right) = span(&b, "svg.chart").await;
    assert!(
        (chart_right - main_right).abs() < 40.0,
        "the chart ends at {chart_right}, the page's right edge is {main_right}"
    );
    let (first_year, _) = span(&b, "svg.chart text.year:nth-of-type(1)").await;
    let (second_year, _) = span(&b, "svg.chart text.year:nth-of-type(2)").await;
    assert!(
        first_year > second_year,
        "the earlier year at {first_year}, the later at {second_year}"
    );
    let (older_column, _) = span(&b, "table.over-time thead th:nth-child(2)").await;
    let (newer_column, _) = span(&b, "table.over-time thead th:nth-child(3)").await;
    assert!(
        older_column > newer_column,
        "the table's years run the same way"
    );

    // A former province's history starts at the right edge, and so do the
    // former provinces nested under what they became.
    b.goto(&format!("{url}{PROVINCE}")).await;
    let (_, main_right) = span(&b, "main").await;
    let (_, history_right) = span(&b, ".history-became").await;
    assert!(
        (history_right - main_right).abs() < 40.0,
        "the history ends at {history_right}, the page's right edge is {main_right}"
    );
    b.goto(&format!("{url}/ar/provinces/")).await;
    let (_, province_right) = span(&b, ".counted > li").await;
    let (_, former_right) = span(&b, ".counted .former").await;
    assert!(
        former_right <= province_right && former_right > width / 2.0,
        "the former provinces end at {former_right}, their province at {province_right}"
    );

    // The same checks fail on an English page, so they test what they claim.
    b.goto(&format!("{url}{EN_ARTICLE}")).await;
    let (_, nav_right) = span(&b, ".site-nav li").await;
    assert!(nav_right < width / 2.0);
    let (_, switcher_right) = span(&b, ".switcher li").await;
    assert!(switcher_right < width / 2.0);
    let (indicator, _) = span(&b, ".key-figures thead th:nth-child(1)").await;
    let (value, _) = span(&b, ".key-figures thead th:nth-child(2)").await;
    assert!(indicator < value);

    b.size(360, 800).await;
    for path in [
        AR_ARTICLE,
        PROVINCE,
        "/ar/provinces/ha-tinh/",
        "/ar/figures/",
        "/ar/",
        "/ar/years/2024/",
        "/ar/provinces/",
        "/ar/provinces/lam-dong/",
        EN_ARTICLE,
        "/ru/2024/cooperative-union-conference-2023/",
    ] {
        b.goto(&format!("{url}{path}")).await;
        let problems = b.js(OVERFLOW, vec![]).await;
        assert_eq!(problems, json!([]), "{path} at 360 px");
    }
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_figures_are_formatted_for_the_page_language() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    b.goto(&format!("{url}{EN_ARTICLE}")).await;
    let en = texts(&b, ".key-figures td.num").await;
    assert_eq!(en[0], "5,400");
    assert!(en.contains(&"210,000".to_owned()), "{en:?}");
    b.goto(&format!("{url}{AR_ARTICLE}")).await;
    let ar = texts(&b, ".key-figures td.num").await;
    assert_eq!(ar[0], "٥٬٤٠٠");
    assert!(ar.contains(&"٥٪".to_owned()), "{ar:?}");
    b.goto(&format!("{url}/ru/2024/cooperative-union-conference-2023/"))
        .await;
    let ru = texts(&b, ".key-figures td.num").await;
    assert!(ru.contains(&"75\u{a0}%".to_owned()), "{ru:?}");
    b.goto(&format!("{url}/id/2024/collective-economy-tasks-2024/"))
        .await;
    let id = texts(&b, ".key-figures td.num").await;
    assert!(id.contains(&"40,6%".to_owned()), "{id:?}");
    assert!(id.contains(&"29.100.000.000 VND".to_owned()), "{id:?}");
    b.client.clone().close().await.unwrap();
}

/// The rendered text of every element matching `css`.
async fn texts(b: &Browser, css: &str) -> Vec<String> {
    let v = b
        .js(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText)",
            vec![json!(css)],
        )
        .await;
    serde_json::from_value(v).unwrap()
}

/// The lead photo's text extent and the file the browser chose for it.
const LEAD_PHOTO: &str = r#"
const figure = document.querySelector('figure.lead');
const img = figure.querySelector('img');
const range = document.createRange();
range.selectNodeContents(figure.querySelector('figcaption'));
// The caption's last line: where a paragraph's short line sits shows its alignment.
const rects = [...range.getClientRects()];
const lastTop = Math.max(...rects.map(r => r.top));
const last = rects.filter(r => Math.abs(r.top - lastTop) < 4);
const caption = { left: Math.min(...last.map(r => r.left)), right: Math.max(...last.map(r => r.right)) };
const column = figure.getBoundingClientRect();
return {
  loaded: img.complete && img.naturalWidth > 0,
  chosen: img.currentSrc,
  shown: [img.getBoundingClientRect().width, img.getBoundingClientRect().height],
  natural: [img.naturalWidth, img.naturalHeight],
  caption: [caption.left, caption.right],
  column: [column.left, column.right],
};
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_photo_fits_a_phone_and_its_caption_follows_the_text() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    for (width, file) in [(360, "-480.webp"), (1280, "-960.webp")] {
        b.size(width, 900).await;
        for path in [AR_ARTICLE, EN_ARTICLE] {
            b.goto(&format!("{url}{path}")).await;
            assert!(
                eventually(
                    &b,
                    "return document.querySelector('figure.lead img').complete"
                )
                .await
            );
            let lead = b.js(LEAD_PHOTO, vec![]).await;
            let at = format!("{path} at {width} px: {lead}");
            assert_eq!(lead["loaded"], true, "{at}");
            // The browser picks the WebP the column needs, not the largest.
            assert!(lead["chosen"].as_str().unwrap().ends_with(file), "{at}");
            // Shown at the column's width, in the file's proportions: no layout shift, no stretching.
            let [w, h] = [0, 1].map(|i| lead["shown"][i].as_f64().unwrap());
            let [nw, nh] = [0, 1].map(|i| lead["natural"][i].as_f64().unwrap());
            assert!((w / h - nw / nh).abs() < 0.01, "{at}");
            let [main_left, main_right] = [0, 1].map(|i| lead["column"][i].as_f64().unwrap());
            assert!(w <= main_right - main_left + 0.5, "{at}");
            // The caption starts where the text starts: on the right in Arabic.
            let [left, right] = [0, 1].map(|i| lead["caption"][i].as_f64().unwrap());
            if path == AR_ARTICLE {
                assert!(main_right - right < 2.0 && left - main_left > 24.0, "{at}");
            } else {
                assert!(left - main_left < 2.0 && main_right - right > 24.0, "{at}");
            }
        }
        let problems = b.js(OVERFLOW, vec![]).await;
        assert_eq!(problems, json!([]), "{width} px");
    }
    b.client.clone().close().await.unwrap();
}

/// Screenshots for people to look at, in `target/test-output/screenshots/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screenshots_of_articles_and_a_province() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-output/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    for width in [1280, 360] {
        b.size(width, 1800).await;
        for (name, path) in [
            ("home-en", "/en/"),
            ("home-ar", "/ar/"),
            ("article-en", EN_ARTICLE),
            ("article-ar", AR_ARTICLE),
            ("province-ar", PROVINCE),
        ] {
            b.goto(&format!("{url}{path}")).await;
            let png = b.client.screenshot().await.unwrap();
            assert!(png.starts_with(b"\x89PNG"), "not a PNG");
            std::fs::write(dir.join(format!("{name}-{width}.png")), png).unwrap();
        }
    }
    b.client.clone().close().await.unwrap();
}

/// Runs axe-core in the current page; returns the serious and critical violations.
async fn axe_violations(b: &Browser, axe: &str) -> Vec<String> {
    b.js(axe, vec![]).await;
    let result = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']})
                .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
                .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
            vec![],
        )
        .await
        .unwrap();
    result
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
        .map(|v| {
            format!(
                "{} ({}): {} at {}",
                v["id"], v["impact"], v["help"], v["nodes"]
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_serious_violations_on_any_page_kind() {
    let Some(axe) = tools::axe_script() else {
        return;
    };
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    for path in [
        "/",
        "/404.html",
        "/en/",
        "/ar/",
        EN_ARTICLE,
        AR_ARTICLE,
        "/id/2024/collective-economy-tasks-2024/",
        "/en/provinces/",
        "/ar/provinces/",
        "/en/provinces/ha-tinh/",
        "/ar/provinces/ha-tinh/",
        "/ar/provinces/lam-dong/",
        PROVINCE,
        "/en/figures/",
        "/ar/figures/",
        "/ru/years/",
        "/vi/years/2024/",
    ] {
        b.goto(&format!("{url}{path}")).await;
        let violations = axe_violations(&b, &axe).await;
        assert!(violations.is_empty(), "{path}:\n{}", violations.join("\n"));
    }
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_catches_a_broken_page() {
    let Some(axe) = tools::axe_script() else {
        return;
    };
    let Some(b) = Browser::start().await else {
        return;
    };
    // No lang on <html>, and a figures table whose cells point at header cells that do not exist.
    let site = Site::with_article_template(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head><body><main><h1>{{ article.title }}</h1>\
         <table><tr><td headers=\"metric\">Cooperatives</td><td headers=\"value\">1,025</td></tr></table></main></body></html>",
    );
    let url = serve(site.output());
    b.goto(&format!("{url}/en/2024/a/")).await;
    let violations = axe_violations(&b, &axe).await.join("\n");
    assert!(violations.contains("html-has-lang"), "{violations}");
    assert!(violations.contains("td-headers-attr"), "{violations}");
    b.client.clone().close().await.unwrap();
}

/// Polls `script` in the page until it returns true, for at most ten seconds.
async fn eventually(b: &Browser, script: &str) -> bool {
    for _ in 0..100 {
        if b.js(script, vec![]).await == json!(true) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_mode_updates_the_open_page_by_itself() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let site = Site::new();
    let front = crate::fixture::front("Live", "en", "2024-01-01", "ha-tinh");
    site.article("ha-tinh/live.en.md", &front, "First version.");
    site.write("static/style.css", "h1 { color: rgb(0, 0, 0) }");
    let session = crate::watch::start(&site);
    b.goto(&format!("{}en/2024/live/", session.url)).await;
    assert_eq!(b.console_errors().await, Vec::<String>::new());
    // Wait until the page listens for changes.
    tokio::time::sleep(Duration::from_millis(500)).await;

    site.article("ha-tinh/live.en.md", &front, "Second version.");
    assert!(
        eventually(
            &b,
            "return document.querySelector('.body').innerText.includes('Second version.')"
        )
        .await,
        "the edit never showed up"
    );

    // A stylesheet change swaps the stylesheet without reloading the page.
    b.js("window.__stillHere = true", vec![]).await;
    site.write("static/style.css", "h1 { color: rgb(1, 2, 3) }");
    assert!(
        eventually(
            &b,
            "return getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'"
        )
        .await
    );
    assert_eq!(
        b.js("return window.__stillHere === true", vec![]).await,
        json!(true),
        "the page reloaded"
    );

    // A broken edit shows the build's message over the page; fixing it reloads.
    site.article(
        "ha-tinh/live.en.md",
        "title = \"Live\"\nlanguage = \"en\"\ndate = 2024-13-01\nprovince = \"ha-tinh\"",
        "x",
    );
    assert!(
        eventually(&b, "return !!document.getElementById('__bulletin_error')").await,
        "no error overlay"
    );
    let overlay = b
        .js(
            "return document.getElementById('__bulletin_error').innerText",
            vec![],
        )
        .await;
    assert!(
        overlay
            .as_str()
            .unwrap()
            .contains("content/ha-tinh/live.en.md:4:"),
        "{overlay}"
    );
    site.article("ha-tinh/live.en.md", &front, "Third version.");
    assert!(
        eventually(&b, "return !document.getElementById('__bulletin_error') && document.querySelector('.body').innerText.includes('Third version.')").await,
        "fixing the file did not clear the overlay"
    );
    b.client.clone().close().await.unwrap();
}

/// Runs pagefind's own search in the page, without its worker; returns the result URLs.
async fn pagefind_search(b: &Browser, query: &str, filters: Value) -> Vec<String> {
    let result = b
        .client
        .execute_async(
            "const [query, filters, done] = arguments;
             import('/pagefind/pagefind.js')
               .then(async pagefind => {
                 await pagefind.options({ noWorker: true });
                 const found = await pagefind.search(query, { filters });
                 const data = await Promise.all(found.results.map(r => r.data()));
                 done(data.map(d => d.url));
               })
               .catch(e => done(['error: ' + e]));",
            vec![json!(query), filters],
        )
        .await
        .unwrap();
    serde_json::from_value(result).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_the_arabic_article_in_arabic() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    b.goto(&format!("{url}/ar/search/")).await;
    // A word of the Binh Thuan article's Arabic text, through pagefind's own search.
    assert_eq!(
        pagefind_search(&b, "ثوان", json!({})).await,
        [AR_ARTICLE],
        "the Arabic index finds the Arabic article, and only it"
    );
    assert_eq!(
        pagefind_search(&b, "ثوان", json!({ "المقاطعة": "كوانغ تري" })).await,
        Vec::<String>::new(),
        "the province filter, named in Arabic, excludes it"
    );
    b.goto(&format!("{url}{EN_ARTICLE}")).await;
    assert_eq!(
        pagefind_search(
            &b,
            "cooperatives",
            json!({ "Province": "Binh Thuan", "Year": "2023" })
        )
        .await,
        [EN_ARTICLE],
        "the English index, filtered by province and year"
    );

    // The search page's interface: in Arabic, right to left, and it finds the article.
    b.goto(&format!("{url}/ar/search/")).await;
    assert!(
        eventually(
            &b,
            "return document.querySelector('.pagefind-ui__search-input') !== null"
        )
        .await,
        "the search box appears"
    );
    let placeholder = b
        .js(
            "return document.querySelector('.pagefind-ui__search-input').placeholder",
            vec![],
        )
        .await;
    assert!(
        placeholder
            .as_str()
            .is_some_and(|p| p.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))),
        "the placeholder is in Arabic: {placeholder}"
    );
    assert_eq!(
        b.js("return getComputedStyle(document.querySelector('.pagefind-ui__search-input')).direction", vec![]).await,
        "rtl"
    );
    b.js(
        "const input = document.querySelector('.pagefind-ui__search-input');
         input.value = 'ثوان';
         input.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![],
    )
    .await;
    assert!(
        eventually(
            &b,
            &format!("return [...document.querySelectorAll('.pagefind-ui__result-link')].some(a => a.getAttribute('href') === '{AR_ARTICLE}')")
        )
        .await,
        "the interface lists the Arabic article"
    );
    assert_eq!(b.console_errors().await, Vec::<String>::new());
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_other_forms_of_a_word_in_each_language() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let (_out, url) = sample();
    // Forms the articles never use, stemmed by pagefind's own search code
    // to the stems the index filed.
    for (language, query, article) in [
        (
            "ru",
            "кооперативом",
            "/ru/2024/cooperative-union-conference-2023/",
        ),
        (
            "id",
            "koperasinya",
            "/id/2024/collective-economy-tasks-2024/",
        ),
        ("en", "cooperative", EN_ARTICLE),
    ] {
        b.goto(&format!("{url}/{language}/search/")).await;
        assert_eq!(
            pagefind_search(&b, query, json!({})).await,
            [article],
            "{language}: {query}"
        );
    }
    assert_eq!(b.console_errors().await, Vec::<String>::new());
    b.client.clone().close().await.unwrap();
}

/// Searches with pagefind's own code until `found` holds of the result, for
/// at most `within`; returns the results and when they came.
async fn search_until(
    b: &Browser,
    query: &str,
    within: Duration,
    found: impl Fn(&[String]) -> bool,
) -> (Vec<String>, Duration) {
    let start = std::time::Instant::now();
    loop {
        let results = pagefind_search(b, query, json!({})).await;
        if found(&results) || start.elapsed() > within {
            return (results, start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_watch_mode_search_finds_an_edit_and_forgets_the_old_text() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let site = Site::new();
    let front = crate::fixture::front("Live", "en", "2024-01-01", "ha-tinh");
    site.article("ha-tinh/live.en.md", &front, "Rice cooperatives met.");
    site.article(
        "ha-tinh/other.vi.md",
        &crate::fixture::front("Khác", "vi", "2024-01-02", "ha-tinh"),
        "Hợp tác xã trồng lúa.",
    );
    let session = crate::watch::start_with(&site, true);
    match session.next_event(Duration::from_secs(30)) {
        Some(bulletin::serve::watch::WatchEvent::Indexed { .. }) => {}
        other => panic!("the first index did not follow the first build: {other:?}"),
    }
    let page = "/en/2024/live/";
    b.goto(&format!("{}en/search/", session.url)).await;
    assert_eq!(pagefind_search(&b, "rice", json!({})).await, [page]);
    // Vietnamese, with its diacritics or without.
    b.goto(&format!("{}vi/search/", session.url)).await;
    assert_eq!(
        pagefind_search(&b, "hợp tác", json!({})).await,
        ["/vi/2024/other/"]
    );
    assert_eq!(
        pagefind_search(&b, "hop tac", json!({})).await,
        ["/vi/2024/other/"]
    );

    b.goto(&format!("{}en/search/", session.url)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    b.js("window.__before = true", vec![]).await;
    let saved = std::time::Instant::now();
    site.article("ha-tinh/live.en.md", &front, "Saffron growers met.");
    // The search page reloads once the index follows (the page it shows
    // before knows the old index); pagefind's code then finds the new text.
    assert!(
        eventually(&b, "return window.__before === undefined").await,
        "the search page never reloaded"
    );
    let (results, _) =
        search_until(&b, "saffron", Duration::from_secs(10), |r| !r.is_empty()).await;
    let found = saved.elapsed();
    assert_eq!(results, [page], "the new text is found");
    assert!(
        found < Duration::from_secs(1),
        "the new text was found {found:?} after the save"
    );
    assert_eq!(
        pagefind_search(&b, "rice", json!({})).await,
        Vec::<String>::new(),
        "the old text is no longer found"
    );
    assert_eq!(b.console_errors().await, Vec::<String>::new());
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_script_never_runs_in_a_readers_browser() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let body = "Pasted.\n\n<script>window.pwned = 'script'</script>\n\n\
                <svg onload=\"window.pwned = 'svg'\"></svg>\n\n\
                <p>x <img src=\"/style.css\" alt=\"\" onload=\"window.pwned = 'img'\"></p>";
    // Trusted raw HTML runs, which shows the check can see it; clean never
    // does. The page is opened from its file, as a static host without any
    // policy of its own would serve it.
    for (mode, runs) in [("trusted", true), ("clean", false)] {
        let site = Site::with_config(&format!(
            "raw_html = \"{mode}\"\n{}",
            crate::fixture::CONFIG
        ));
        site.article(
            "ha-tinh/pasted.en.md",
            &crate::fixture::front("Pasted", "en", "2024-01-01", "ha-tinh"),
            body,
        );
        site.build_ok();
        let file = site.file("en/2024/pasted/");
        b.goto(&format!("file://{}", file.display())).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let pwned = b.js("return window.pwned || null", vec![]).await;
        assert_eq!(!pwned.is_null(), runs, "{mode}: {pwned}");
    }
    b.client.clone().close().await.unwrap();
}
