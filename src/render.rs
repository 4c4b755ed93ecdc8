//! Rendering: the site through Tera templates into pages in memory.
//!
//! Steps:
//! 1. load the templates (see [`templates`]);
//! 2. build one formatter per language (dates and numbers) and the lists each
//!    language shows;
//! 3. plan every page as a job (route, template, what it shows) and take its
//!    fingerprint;
//! 4. in parallel, build the context of each page whose fingerprint is new and
//!    render it;
//! 5. report every template error at once, with template, line and column.

pub mod chart;
pub mod context;
pub mod data;
pub mod feed;
pub mod plan;
pub mod sitemap;
pub mod templates;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::error::{Diagnostic, Error, Result};
use crate::fingerprint::Fingerprint;
use crate::i18n::Formatter;
use crate::site::Site;
use crate::site::routes::{Route, Routes};
use crate::timings::TemplateTime;
use context::Lang;
use plan::{Job, Lists};
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
    /// first page is made.
    fn plan(&mut self, pages: &[Route]) -> Result<()>;

    /// One page, from any thread.
    fn page(&self, page: Page) -> Result<()>;
}

/// The fingerprint of every page of a build, by address: telling an unchanged
/// page needs neither its file name nor its contents.
pub type Fingerprints = FxHashMap<Route, Fingerprint>;

/// One page's outcome: its fingerprint (when one is wanted), and unless it was
/// unchanged, whether it was made (or the problems of its template) and the time
/// it took.
type Outcome = (
    Option<Fingerprint>,
    Option<(Result<(), Vec<Diagnostic>>, Duration)>,
);

/// The sitemap's part of a rendering: its fingerprint (when one is wanted), its
/// files' routes, and unless it was unchanged, the time it took.
struct SitemapOutcome {
    fingerprint: Option<Fingerprint>,
    files: Vec<Route>,
    took: Option<Duration>,
}

/// What [`render()`] made besides the pages.
#[derive(Debug, Default)]
pub struct Rendered {
    /// How many pages the site has, rendered this time or not.
    pub pages: usize,
    /// The fingerprint of every page of the site, rendered or not (when asked for).
    pub fingerprints: Fingerprints,
    /// Rendering time by template.
    pub templates: BTreeMap<String, TemplateTime>,
}

/// Renders the pages of the site into `sink`; with `previous`, only those
/// whose fingerprint is not in it. With `keep_fingerprints`, [`Rendered`]
/// holds every page's for the next rendering.
pub fn render<S: Sink>(
    site: &Site<'_>,
    templates: &Templates,
    previous: Option<&Fingerprints>,
    keep_fingerprints: bool,
    sink: &mut S,
) -> Result<Rendered> {
    with_jobs(site, |jobs, routes| {
        let listed = jobs.iter().filter(|j| sitemap::is_listed(&j.route)).count();
        let pages: Vec<Route> = jobs
            .iter()
            .map(|j| j.route.clone())
            .chain(sitemap::file_routes(listed, sitemap::MAX_URLS))
            .collect();
        sink.plan(&pages)?;
        let sink: &S = sink;
        let mut rendered = render_jobs(
            site,
            templates,
            previous,
            sink,
            jobs,
            routes,
            keep_fingerprints,
        )?;
        rendered.pages = pages.len();
        Ok(rendered)
    })
}

/// Plans every page of the site and hands the plan to `f`.
fn with_jobs<R>(site: &Site<'_>, f: impl FnOnce(&[Job<'_>], &Routes) -> R) -> R {
    let config = site.config;
    let routes = Routes::new(&config.base_url);
    let formatters: Vec<Formatter> = config
        .languages
        .par_iter()
        .map(|l| Formatter::new(&l.locale))
        .collect();
    let shared: Vec<tera::Context> = config
        .languages
        .iter()
        .map(|language| {
            let mut shared = tera::Context::new();
            shared.insert("t", &language.strings);
            shared
        })
        .collect();
    let data = data::Shared::new(site, &routes);
    let langs: Vec<Lang<'_>> = config
        .languages
        .iter()
        .zip(&formatters)
        .zip(&shared)
        .map(|((language, format), shared)| Lang {
            language,
            format,
            site,
            routes: &routes,
            shared,
        })
        .collect();
    let lists: Vec<Lists<'_>> = langs.par_iter().map(|l| Lists::new(l, &data)).collect();

    let by_language: Vec<Vec<Job<'_>>> = langs
        .par_iter()
        .zip(&lists)
        .map(|(lang, lists)| {
            let mut jobs = Vec::new();
            plan::language(lang, lists, &mut jobs);
            jobs
        })
        .collect();
    let mut jobs: Vec<Job<'_>> =
        Vec::with_capacity(by_language.iter().map(Vec::len).sum::<usize>() + 2);
    by_language.into_iter().for_each(|j| jobs.extend(j));
    let default = langs
        .iter()
        .position(|l| l.language.code == config.default_language)
        .expect("the default language is configured");
    plan::root(&langs[default], &lists[default], &mut jobs);
    f(&jobs, &routes)
}

fn render_jobs(
    site: &Site<'_>,
    templates: &Templates,
    previous: Option<&Fingerprints>,
    sink: &impl Sink,
    jobs: &[Job<'_>],
    routes: &Routes,
    keep_fingerprints: bool,
) -> Result<Rendered> {
    let config = site.config;
    // Fingerprints tell unchanged pages from the previous build's, and are kept
    // for the next: a build that does neither makes none.
    let fingerprinted = keep_fingerprints || previous.is_some();
    // The sitemap and robots.txt, from the addresses of every page: planned,
    // fingerprinted and made on the side while the pages are rendered.
    let sitemap = || -> Result<SitemapOutcome> {
        let addresses: Vec<sitemap::Address> = jobs
            .iter()
            .filter(|j| sitemap::is_listed(&j.route))
            .map(|j| sitemap::Address {
                route: &j.route,
                lastmod: j.article().map(|a| a.date),
            })
            .collect();
        let fingerprint = fingerprinted.then(|| sitemap::fingerprint(routes, &addresses));
        let files = sitemap::file_routes(addresses.len(), sitemap::MAX_URLS);
        let unchanged =
            previous.is_some_and(|p| files.iter().all(|r| p.get(r) == fingerprint.as_ref()));
        let mut took = None;
        if !unchanged {
            let start = Instant::now();
            let default = &config.default_language;
            for (route, contents) in sitemap::files(routes, default, &addresses, sitemap::MAX_URLS)
            {
                sink.page(Page {
                    route,
                    contents: contents.into_bytes(),
                })?;
            }
            took = Some(start.elapsed());
        }
        Ok(SitemapOutcome {
            fingerprint,
            files,
            took,
        })
    };
    let pages = || -> Result<Vec<Outcome>> {
        // In small runs, so that a thread never has a long run of heavy pages
        // (a language's province pages, its data files) left to itself while
        // the other has nothing to take: a run is split only before it starts.
        jobs.par_iter()
            .with_max_len(16)
            .map(|job| {
                let fingerprint = fingerprinted.then(|| job.fingerprint(templates));
                let unchanged = previous.is_some_and(|p| p.get(&job.route) == fingerprint.as_ref());
                if unchanged {
                    return Ok((fingerprint, None));
                }
                let start = Instant::now();
                let contents = job.render(templates);
                let took = start.elapsed();
                let made = match contents {
                    Ok(contents) => {
                        sink.page(Page {
                            route: job.route.clone(),
                            contents,
                        })?;
                        Ok(())
                    }
                    Err(problems) => Err(problems),
                };
                Ok((fingerprint, Some((made, took))))
            })
            .collect()
    };
    let (results, sitemap) = rayon::join(pages, sitemap);
    let (results, sitemap) = (results?, sitemap?);
    let mut fingerprints = Fingerprints::default();
    if keep_fingerprints {
        fingerprints.reserve(results.len() + sitemap.files.len());
    }
    let mut problems = Vec::new();
    let mut times: BTreeMap<String, TemplateTime> = BTreeMap::new();
    for (job, (fingerprint, contents)) in jobs.iter().zip(results) {
        if let Some((_, took)) = &contents {
            match times.get_mut(job.writer()) {
                Some(time) => time.add(*took),
                None => times.entry(job.writer().to_owned()).or_default().add(*took),
            }
        }
        if let Some((Err(d), _)) = contents {
            problems.extend(d);
        }
        if let Some(fingerprint) = fingerprint.filter(|_| keep_fingerprints) {
            fingerprints.insert(job.route.clone(), fingerprint);
        }
    }
    Error::if_any(problems)?;
    if let Some(took) = sitemap.took {
        times.entry("(sitemap)".to_owned()).or_default().add(took);
    }
    if let Some(fingerprint) = sitemap.fingerprint.filter(|_| keep_fingerprints) {
        for route in sitemap.files {
            fingerprints.insert(route, fingerprint);
        }
    }
    Ok(Rendered {
        pages: 0,
        fingerprints,
        templates: times,
    })
}
