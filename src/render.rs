//! Rendering: the site through Tera templates into pages, each handed to a
//! [`Sink`] as soon as it is made.
//!
//! Steps of [`render()`]:
//! 1. for each language, a formatter of its dates and numbers (a [`Localizer`])
//!    and the lists it shows;
//! 2. plan every page as a job (route, template, what it shows), and tell the
//!    sink every page the site has;
//! 3. in parallel, take each job's fingerprint and, when it is not the
//!    previous build's, build its context and render it; the sitemap is made
//!    on the side;
//! 4. report every template error at once, with template, line and column.
//!
//! The templates are loaded by [`Templates::load`] with the other inputs.

pub mod chart;
pub mod context;
pub mod data;
pub mod feed;
pub mod lists;
pub mod localizer;
pub mod over_time;
pub mod plan;
pub mod share;
pub mod sitemap;
pub mod templates;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::error::{Diagnostic, Error, Result};
use crate::fingerprint::Fingerprint;
use crate::i18n::Formatter;
use crate::photos::Pictures;
use crate::routes::{Route, Routes};
use crate::site::Site;
use crate::timings::TemplateTime;
use lists::Lists;
use localizer::Localizer;
use plan::Job;
pub use templates::{THEME_ASSETS, THEME_TEMPLATES, Templates};

/// A page the build made: its address and its bytes (HTML, a feed, a data
/// file, the sitemap).
#[derive(Debug, Clone)]
pub struct Page {
    /// Its address, which names its file too.
    pub route: Route,
    /// Its bytes (UTF-8 text).
    pub contents: Vec<u8>,
}

/// What receives the pages of a rendering, each as soon as it is made: a
/// build writes it and reads its links, a test keeps it.
pub trait Sink: Sync {
    /// Told every page the site has, rendered this time or not, before the
    /// first page is made; `as_before` when they are the previous
    /// rendering's, in its order.
    fn plan(&mut self, pages: &[&Route], as_before: bool) -> Result<()>;

    /// One page, from any thread.
    fn page(&self, page: Page) -> Result<()>;
}

/// What a rendering is compared with: the pages of the previous one, in the
/// order it planned them, and their fingerprints side by side. Telling an
/// unchanged page needs neither its file name nor its contents; when the
/// pages are the same, in the same order (an edit that adds or removes no
/// page), not even a look-up: the page's place says it.
#[derive(Debug, Clone, Copy)]
pub struct Before<'p> {
    /// Every page, in the order planned.
    pub pages: &'p [Route],
    /// The fingerprint of each of `pages`.
    pub fingerprints: &'p [Fingerprint],
}

/// The previous fingerprints, as a rendering finds them.
enum Lookup<'p> {
    /// By the page's place: the pages are the previous rendering's.
    InOrder(&'p [Fingerprint]),
    /// By address: pages came or went.
    ByRoute(FxHashMap<&'p Route, Fingerprint>),
}

/// One page's outcome: its fingerprint (when one is wanted), and unless it was
/// unchanged, whether it was made (or the problems of its template) and the time
/// it took.
struct Made {
    fingerprint: Option<Fingerprint>,
    made: Option<(Result<(), Vec<Diagnostic>>, Duration)>,
}

/// The sitemap's part of a rendering: its fingerprint (when one is wanted), its
/// files' routes, and unless it was unchanged, the time it took.
struct SitemapMade {
    fingerprint: Option<Fingerprint>,
    files: Vec<Route>,
    took: Option<Duration>,
}

/// What a rendering compares itself with, and keeps.
struct Fingerprinting<'p> {
    /// The previous build's fingerprints: a page whose own is among them is
    /// not rendered.
    previous: Option<Lookup<'p>>,
    /// Whether every page's fingerprint is kept for the next build.
    keep: bool,
}

impl Fingerprinting<'_> {
    /// Whether fingerprints are made at all: a build that neither compares
    /// nor keeps them makes none.
    fn wanted(&self) -> bool {
        self.keep || self.previous.is_some()
    }

    /// Whether the page `index` (in the order planned), at `route`, of
    /// fingerprint `fingerprint`, is the previous build's.
    fn unchanged(&self, index: usize, route: &Route, fingerprint: Option<Fingerprint>) -> bool {
        let before = match (&self.previous, fingerprint) {
            (Some(Lookup::InOrder(before)), Some(_)) => before.get(index).copied(),
            (Some(Lookup::ByRoute(before)), Some(_)) => before.get(route).copied(),
            (None, _) | (_, None) => return false,
        };
        before == fingerprint
    }
}

/// What [`render()`] made besides the pages.
#[derive(Debug, Default)]
pub struct Rendered {
    /// How many pages the site has, rendered this time or not.
    pub pages: usize,
    /// When asked for, the fingerprint of every page of the site, rendered
    /// or not, in the order planned (the order [`Sink::plan`] was told).
    pub fingerprints: Vec<Fingerprint>,
    /// Rendering time by template.
    pub templates: BTreeMap<String, TemplateTime>,
}

/// Renders the pages of the site into `sink`; with `previous`, only those
/// whose fingerprint is not in it. With `keep_fingerprints`, [`Rendered`]
/// holds every page's for the next rendering.
pub fn render<S: Sink>(
    site: &Site<'_>,
    templates: &Templates,
    previous: Option<Before<'_>>,
    keep_fingerprints: bool,
    sink: &mut S,
) -> Result<Rendered> {
    let config = site.config;
    let routes = Routes::new(&config.base_url);
    let formatters: Vec<Formatter> = config
        .languages
        .par_iter()
        .map(|l| Formatter::new(&l.locale))
        .collect();
    let strings: Vec<tera::Context> = config.languages.iter().map(strings_context).collect();
    let pictures = Pictures::new(&config.photos, &routes);
    let localizers: Vec<Localizer<'_>> = config
        .languages
        .iter()
        .zip(&formatters)
        .zip(&strings)
        .map(|((language, format), shared)| Localizer {
            language,
            format,
            site,
            routes: &routes,
            pictures: &pictures,
            shared,
        })
        .collect();
    let lists: Vec<Lists<'_>> = localizers.par_iter().map(Lists::new).collect();
    let data = data::SharedParts::new(site, &routes, &localizers);
    let jobs = plan(&localizers, &lists, &data);
    let listed = jobs.iter().filter(|j| sitemap::is_listed(&j.route)).count();
    let sitemap_files = sitemap::file_routes(listed, sitemap::MAX_URLS);
    let pages: Vec<&Route> = jobs
        .iter()
        .map(|j| &j.route)
        .chain(&sitemap_files)
        .collect();
    let as_before = previous.is_some_and(|p| p.pages.iter().eq(pages.iter().copied()));
    sink.plan(&pages, as_before)?;
    let count = pages.len();
    drop(pages);
    let fingerprinting = Fingerprinting {
        previous: previous.map(|p| match as_before {
            true => Lookup::InOrder(p.fingerprints),
            false => Lookup::ByRoute(p.pages.iter().zip(p.fingerprints.iter().copied()).collect()),
        }),
        keep: keep_fingerprints,
    };
    let sink: &S = sink;
    let (made, sitemap) = rayon::join(
        || render_pages(&jobs, templates, &fingerprinting, sink),
        || render_sitemap(&jobs, &routes, config, &fingerprinting, sink),
    );
    let mut rendered = gather(&jobs, made?, sitemap?, keep_fingerprints)?;
    rendered.pages = count;
    Ok(rendered)
}

/// What every page of a language receives unchanged, made into template
/// values once: `t`, its UI strings.
fn strings_context(language: &crate::config::Language) -> tera::Context {
    let mut shared = tera::Context::new();
    shared.insert("t", &language.strings);
    shared
}

/// Every page of the site: each language's, then the language chooser,
/// the 404 page and the figures' data set, in the default language.
fn plan<'a>(
    localizers: &'a [Localizer<'a>],
    lists: &'a [Lists<'a>],
    data: &'a data::SharedParts<'a>,
) -> Vec<Job<'a>> {
    let by_language: Vec<Vec<Job<'_>>> = localizers
        .par_iter()
        .zip(lists)
        .map(|(loc, lists)| {
            let mut jobs = Vec::new();
            plan::language(loc, lists, &mut jobs);
            jobs
        })
        .collect();
    let mut jobs: Vec<Job<'_>> =
        Vec::with_capacity(by_language.iter().map(Vec::len).sum::<usize>() + 2);
    by_language.into_iter().for_each(|j| jobs.extend(j));
    let config = localizers[0].site.config;
    let default = localizers
        .iter()
        .position(|l| l.language.code == config.default_language)
        .expect("the default language is configured");
    plan::root(&localizers[default], &lists[default], data, &mut jobs);
    jobs
}

/// Step 3 for the pages: each job's fingerprint, and unless unchanged, its page.
fn render_pages(
    jobs: &[Job<'_>],
    templates: &Templates,
    fingerprinting: &Fingerprinting<'_>,
    sink: &impl Sink,
) -> Result<Vec<Made>> {
    // In small runs, so that a thread never has a long run of heavy pages
    // (a language's province pages, its data files) left to itself while
    // the other has nothing to take: a run is split only before it starts.
    jobs.par_iter()
        .enumerate()
        .with_max_len(16)
        .map(|(index, job)| {
            let fingerprint = fingerprinting.wanted().then(|| job.fingerprint(templates));
            if fingerprinting.unchanged(index, &job.route, fingerprint) {
                return Ok(Made {
                    fingerprint,
                    made: None,
                });
            }
            let start = Instant::now();
            let contents = job.render(templates);
            let took = start.elapsed();
            let made = match contents {
                Ok(contents) => {
                    let route = job.route.clone();
                    sink.page(Page { route, contents })?;
                    Ok(())
                }
                Err(problems) => Err(problems),
            };
            Ok(Made {
                fingerprint,
                made: Some((made, took)),
            })
        })
        .collect()
}

/// Step 3 for the sitemap and robots.txt, from the addresses of every page.
fn render_sitemap(
    jobs: &[Job<'_>],
    routes: &Routes,
    config: &crate::config::Config,
    fingerprinting: &Fingerprinting<'_>,
    sink: &impl Sink,
) -> Result<SitemapMade> {
    let addresses: Vec<sitemap::Address> = jobs
        .iter()
        .filter(|j| sitemap::is_listed(&j.route))
        .map(|j| sitemap::Address {
            route: &j.route,
            lastmod: j.article().map(|a| a.date),
        })
        .collect();
    let fingerprint = fingerprinting
        .wanted()
        .then(|| sitemap::fingerprint(routes, &addresses));
    let files = sitemap::file_routes(addresses.len(), sitemap::MAX_URLS);
    // The sitemap's files come after the jobs' pages.
    let unchanged = (files.iter().enumerate())
        .all(|(i, r)| fingerprinting.unchanged(jobs.len() + i, r, fingerprint));
    let mut took = None;
    if !unchanged {
        let start = Instant::now();
        let default = &config.default_language;
        for (route, contents) in sitemap::files(routes, default, &addresses, sitemap::MAX_URLS) {
            sink.page(Page {
                route,
                contents: contents.into_bytes(),
            })?;
        }
        took = Some(start.elapsed());
    }
    Ok(SitemapMade {
        fingerprint,
        files,
        took,
    })
}

/// Step 4: every template's problems, or the fingerprints kept and the times taken.
fn gather(
    jobs: &[Job<'_>],
    made: Vec<Made>,
    sitemap: SitemapMade,
    keep_fingerprints: bool,
) -> Result<Rendered> {
    let mut fingerprints = Vec::new();
    if keep_fingerprints {
        fingerprints.reserve(made.len() + sitemap.files.len());
    }
    let mut problems = Vec::new();
    let mut times: BTreeMap<String, TemplateTime> = BTreeMap::new();
    for (job, made) in jobs.iter().zip(made) {
        if let Some((result, took)) = made.made {
            match times.get_mut(job.made_by()) {
                Some(time) => time.add(took),
                None => times.entry(job.made_by().to_owned()).or_default().add(took),
            }
            if let Err(d) = result {
                problems.extend(d);
            }
        }
        if let Some(fingerprint) = made.fingerprint.filter(|_| keep_fingerprints) {
            fingerprints.push(fingerprint);
        }
    }
    Error::if_any(problems)?;
    if let Some(took) = sitemap.took {
        times.entry("(sitemap)".to_owned()).or_default().add(took);
    }
    if let Some(fingerprint) = sitemap.fingerprint.filter(|_| keep_fingerprints) {
        fingerprints.extend(sitemap.files.iter().map(|_| fingerprint));
    }
    Ok(Rendered {
        pages: 0,
        fingerprints,
        templates: times,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;
    use std::sync::Mutex;

    use super::*;
    use crate::config::Overrides;
    use crate::inputs::Inputs;
    use crate::timings::Timings;

    /// A sink keeping every page's bytes, and the pages planned.
    #[derive(Default)]
    struct KeptPages(Mutex<BTreeMap<Route, Vec<u8>>>, Vec<Route>);

    impl Sink for KeptPages {
        fn plan(&mut self, pages: &[&Route], _: bool) -> Result<()> {
            self.1 = pages.iter().map(|r| (*r).clone()).collect();
            Ok(())
        }

        fn page(&self, page: Page) -> Result<()> {
            self.0.lock().unwrap().insert(page.route, page.contents);
            Ok(())
        }
    }

    /// Every page of the site at `root`, and every page's fingerprint.
    fn render_all(root: &Path) -> (BTreeMap<Route, Vec<u8>>, BTreeMap<Route, Fingerprint>) {
        let inputs = Inputs::load(root, &Overrides::default(), &mut Timings::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let model = inputs.model(false).unwrap_or_else(|e| panic!("{e}"));
        let mut kept = KeptPages::default();
        let rendered = render(&model.site, model.templates, None, true, &mut kept).unwrap();
        let fingerprints = kept.1.into_iter().zip(rendered.fingerprints).collect();
        (kept.0.into_inner().unwrap(), fingerprints)
    }

    const CONFIG: &str = r#"
base_url = "https://example.org/"
default_language = "en"
per_page = 1
feed_limit = 2
title = { en = "Bulletin", vi = "Bản tin" }
[languages.en]
name = "English"
locale = "en-US"
[languages.vi]
name = "Tiếng Việt"
locale = "vi-VN"
[provinces.ha-tinh]
name = { en = "Ha Tinh", vi = "Hà Tĩnh" }
[provinces.quang-tri]
name = { en = "Quang Tri", vi = "Quảng Trị" }
"#;

    /// An article file: front matter lines, then the body.
    fn article(front_matter: &str, body: &str) -> String {
        format!("+++\n{front_matter}\n+++\n\n{body}\n")
    }

    fn front(title: &str, lang: &str, date: &str, province: &str) -> String {
        format!(
            "title = \"{title}\"\nlanguage = \"{lang}\"\ndate = {date}\nprovince = \"{province}\"\nsummary = \"About {title}.\""
        )
    }

    const FIGURES: &str = "[[figures]]\nmetric = \"cooperatives\"\nvalue = 341";

    /// The site before each edit.
    fn base() -> Vec<(&'static str, String)> {
        vec![
            ("site.toml", CONFIG.to_owned()),
            (
                "content/ha-tinh/a.en.md",
                article(
                    &format!(
                        "{}\n{FIGURES}",
                        front("Plan", "en", "2024-03-01", "ha-tinh")
                    ),
                    "The province has 341 cooperatives.",
                ),
            ),
            (
                "content/ha-tinh/a.vi.md",
                article(
                    "title = \"Kế hoạch\"\nlanguage = \"vi\"",
                    "Có 341 hợp tác xã.",
                ),
            ),
            (
                "content/ha-tinh/b.en.md",
                article(&front("Review", "en", "2023-05-01", "ha-tinh"), "A review."),
            ),
            (
                "content/quang-tri/c.vi.md",
                article(
                    &front("Hội nghị", "vi", "2024-01-10", "quang-tri"),
                    "Hội nghị.",
                ),
            ),
            (
                "content/quang-tri/d.en.md",
                article(
                    &format!(
                        "{}\n{FIGURES}",
                        front("Unions", "en", "2022-02-02", "quang-tri")
                    ),
                    "341 cooperatives.",
                ),
            ),
        ]
    }

    /// What a route is, for the list of page kinds the edits reached.
    fn kind(route: &Route) -> String {
        let text = format!("{route:?}");
        text.split(['(', ' ']).next().unwrap_or(&text).to_owned()
    }

    #[test]
    fn a_page_whose_bytes_change_has_a_new_fingerprint() {
        let base_html = THEME_TEMPLATES
            .iter()
            .find(|(name, _)| *name == "base.html")
            .unwrap()
            .1;
        let ha_tinh_a = base()[1].1.clone();
        let edits: Vec<(&str, &str, String)> = vec![
            (
                "a title",
                "content/ha-tinh/a.en.md",
                ha_tinh_a.replace("\"Plan\"", "\"New plan\""),
            ),
            (
                "a summary",
                "content/ha-tinh/b.en.md",
                article(
                    &front("Review", "en", "2023-05-01", "ha-tinh")
                        .replace("About Review.", "Changed."),
                    "A review.",
                ),
            ),
            (
                "a body",
                "content/ha-tinh/a.en.md",
                ha_tinh_a.replace("The province has", "Ha Tinh has"),
            ),
            (
                "a figure",
                "content/ha-tinh/a.en.md",
                ha_tinh_a
                    .replace("value = 341", "value = 342")
                    .replace("has 341", "has 342"),
            ),
            (
                "a date",
                "content/quang-tri/d.en.md",
                base()[5].1.replace("2022-02-02", "2021-02-02"),
            ),
            (
                "a day",
                "content/quang-tri/c.vi.md",
                base()[4].1.replace("2024-01-10", "2024-01-11"),
            ),
            (
                "a province",
                "content/ha-tinh/b.en.md",
                base()[3]
                    .1
                    .replace("province = \"ha-tinh\"", "province = \"quang-tri\""),
            ),
            (
                "a translation",
                "content/quang-tri/c.en.md",
                article("title = \"Conference\"\nlanguage = \"en\"", "A conference."),
            ),
            (
                "a new article",
                "content/ha-tinh/e.en.md",
                article(&front("Late", "en", "2025-01-01", "ha-tinh"), "Late news."),
            ),
            (
                "a template",
                "templates/base.html",
                base_html.replace("</body>", "<p>edited</p></body>"),
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        let write = |files: &[(&str, String)]| {
            if dir.path().join("content").exists() {
                std::fs::remove_dir_all(dir.path().join("content")).unwrap();
            }
            let _ = std::fs::remove_dir_all(dir.path().join("templates"));
            for (file, text) in files {
                let path = dir.path().join(file);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
        };
        write(&base());
        let (before, before_fingerprints) = render_all(dir.path());
        let mut reached = BTreeSet::new();
        for (edit, file, text) in edits {
            let mut files = base();
            files.retain(|(f, _)| *f != file);
            files.push((file, text));
            write(&files);
            let (after, after_fingerprints) = render_all(dir.path());
            let mut changed = 0;
            for (route, bytes) in &after {
                let Some(old) = before.get(route) else {
                    continue;
                };
                if old != bytes {
                    changed += 1;
                    reached.insert(kind(route));
                    assert_ne!(
                        before_fingerprints[route], after_fingerprints[route],
                        "{edit}: {route:?} changed but kept its fingerprint"
                    );
                }
            }
            assert!(changed > 0, "{edit} changed no page");
        }
        let every_kind = [
            "Root",
            "NotFound",
            "Home",
            "Article",
            "Provinces",
            "Province",
            "Years",
            "Year",
            "Figures",
            "FiguresData",
            "Feed",
            "Search",
            "Sitemap",
        ];
        let missed: Vec<&str> = every_kind
            .into_iter()
            .filter(|k| !reached.contains(*k))
            .collect();
        assert!(missed.is_empty(), "no edit changed the pages {missed:?}");
    }
}
