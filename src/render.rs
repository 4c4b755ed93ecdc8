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
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::error::{Diagnostic, Error, Result};
use crate::fingerprint::Fingerprint;
use crate::i18n::Formatter;
use crate::output::Page;
use crate::site::Site;
use crate::site::routes::{Route, Routes};
use crate::timings::TemplateTime;
use context::Lang;
use plan::{Job, Lists};
pub use templates::{THEME_ASSETS, THEME_TEMPLATES, Templates};

/// The fingerprint of every page of a build, by address: telling an unchanged
/// page needs neither its file name nor its contents.
pub type Fingerprints = FxHashMap<Route, Fingerprint>;

/// One page's outcome: its fingerprint (when one is wanted), and unless it was
/// unchanged, the page if kept (or the problems of its template) and the time
/// it took.
type Outcome = (
    Option<Fingerprint>,
    Option<(Result<Option<Page>, Vec<Diagnostic>>, Duration)>,
);

/// The sitemap's part of a rendering: its fingerprint (when one is wanted), its
/// files' routes, and unless it was unchanged, the pages kept and the time taken.
struct SitemapOutcome {
    fingerprint: Option<Fingerprint>,
    files: Vec<Route>,
    made: Option<(Vec<Page>, Duration)>,
}

/// What [`render()`] made.
#[derive(Debug)]
pub struct Rendered {
    /// The pages rendered (all of them, unless only changed ones were asked for).
    pub pages: Vec<Page>,
    /// The fingerprint of every page of the site, rendered or not (none from
    /// [`render_each`], whose caller keeps no build for the next).
    pub fingerprints: Fingerprints,
    /// Rendering time by template.
    pub templates: BTreeMap<String, TemplateTime>,
}

/// Renders the pages of the site; with `previous`, only those whose fingerprint is not in it.
pub fn render(
    site: &Site<'_>,
    templates: &Templates,
    previous: Option<&Fingerprints>,
) -> Result<Rendered> {
    with_jobs(site, |jobs, routes| {
        render_jobs(
            site,
            templates,
            previous,
            &|page| Ok(Some(page)),
            jobs,
            routes,
            true,
        )
    })
}

/// What receives each page as it is rendered, from any thread, and hands it
/// back when it is to be kept in [`Rendered::pages`].
type Each<'e> = dyn Fn(Page) -> Result<Option<Page>> + Sync + 'e;

/// Renders the pages of the site like [`render()`], handing each to `each` as
/// soon as it is made, so that a build need not hold them all: `each` writes or
/// checks the page, and returns it when it is to be kept in [`Rendered::pages`].
///
/// Before any page is rendered, `start` receives the file of every page
/// (relative to the output folder) and makes what `each` works with.
pub fn render_each<S: Sync>(
    site: &Site<'_>,
    templates: &Templates,
    previous: Option<&Fingerprints>,
    start: impl FnOnce(&[PathBuf]) -> Result<S>,
    each: impl Fn(&S, Page) -> Result<Option<Page>> + Sync,
) -> Result<(Rendered, S)> {
    with_jobs(site, |jobs, routes| {
        let state = start(&files(jobs))?;
        let each = |page| each(&state, page);
        let rendered = render_jobs(site, templates, previous, &each, jobs, routes, false)?;
        Ok((rendered, state))
    })
}

/// The file of every page of the plan `jobs`, sitemap and robots.txt included.
fn files(jobs: &[Job<'_>]) -> Vec<PathBuf> {
    let listed = jobs.iter().filter(|j| sitemap::is_listed(&j.route)).count();
    jobs.iter()
        .map(|j| j.route.output_file())
        .chain(
            sitemap::file_routes(listed, sitemap::MAX_URLS)
                .iter()
                .map(|r| r.output_file()),
        )
        .collect()
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
    each: &Each<'_>,
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
        let mut made = None;
        if !unchanged {
            let start = Instant::now();
            let default = &config.default_language;
            let mut kept = Vec::new();
            for (route, contents) in sitemap::files(routes, default, &addresses, sitemap::MAX_URLS)
            {
                let page = Page {
                    file: route.output_file(),
                    contents: contents.into_bytes(),
                    searchable: false,
                };
                kept.extend(each(page)?);
            }
            made = Some((kept, start.elapsed()));
        }
        Ok(SitemapOutcome {
            fingerprint,
            files,
            made,
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
                let file = job.route.output_file();
                let start = Instant::now();
                let contents = job.render(templates);
                let took = start.elapsed();
                let page = match contents {
                    Ok(contents) => Ok(each(Page {
                        file,
                        contents,
                        searchable: job.article().is_some(),
                    })?),
                    Err(problems) => Err(problems),
                };
                Ok((fingerprint, Some((page, took))))
            })
            .collect()
    };
    let (results, sitemap) = rayon::join(pages, sitemap);
    let (results, sitemap) = (results?, sitemap?);
    let mut pages = Vec::new();
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
        match contents.map(|(c, _)| c) {
            Some(Ok(Some(page))) => pages.push(page),
            Some(Err(d)) => problems.extend(d),
            Some(Ok(None)) | None => {}
        }
        if let Some(fingerprint) = fingerprint.filter(|_| keep_fingerprints) {
            fingerprints.insert(job.route.clone(), fingerprint);
        }
    }
    Error::check(problems)?;
    if let Some((kept, took)) = sitemap.made {
        pages.extend(kept);
        times.entry("(sitemap)".to_owned()).or_default().add(took);
    }
    if let Some(fingerprint) = sitemap.fingerprint.filter(|_| keep_fingerprints) {
        for route in sitemap.files {
            fingerprints.insert(route, fingerprint);
        }
    }
    Ok(Rendered {
        pages,
        fingerprints,
        templates: times,
    })
}
