//! `bulletin`: a static site generator for multilingual cooperative bulletins.
//!
//! A build is a short pipeline handing plain values from stage to stage:
//!
//! ```text
//! site.toml ─▶ Config ─▶ Sources ─▶ Library ─▶ Vec<&Article> ─▶ Site ─▶ render ─▶ each Page ─▶ links + output::Writer
//! ```
//!
//! Each stage reports every problem of its input at once, with file, line and
//! column, before the build stops. Pages are written as they are rendered, but a
//! build that fails takes back what it wrote: the previous output stays as it was.

#![warn(missing_docs)]

pub mod allocator;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod figures;
pub mod fingerprint;
pub mod fs;
pub mod i18n;
pub mod ids;
pub mod layout;
pub mod links;
pub mod located;
pub mod output;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod suggest;
pub mod timings;

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use error::{Diagnostic, Error, Result};

use config::{Config, Overrides};
use content::{Library, Sources};
use rayon::prelude::*;
use render::Templates;
use site::Site;
use timings::{CpuTime, Stage, Timings};

/// What to build, from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Output folder instead of the configured one.
    pub output: Option<PathBuf>,
    /// Base URL instead of the configured one.
    pub base_url: Option<String>,
    /// Whether drafts are built.
    pub drafts: bool,
    /// Whether to index the site for search, instead of site.toml's `search`.
    pub search: Option<bool>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            root: PathBuf::from("."),
            output: None,
            base_url: None,
            drafts: false,
            search: None,
        }
    }
}

/// What a build did, printed as its one summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Article versions (one per language) built.
    pub articles: usize,
    /// Pages rendered.
    pub pages: usize,
    /// Static files copied (zero for `check`).
    pub assets: usize,
    /// Files of the output whose bytes changed (the others were left untouched).
    pub changed: usize,
    /// Files removed from the output: no longer part of the site.
    pub removed: usize,
    /// The output folder (`None` for `check`).
    pub output: Option<PathBuf>,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// What the checks of key figures found (the build succeeds with them).
    pub warnings: Vec<Diagnostic>,
    /// Figures found in articles' texts but not in their tables, as TOML to
    /// paste (empty unless asked for).
    pub suggestions: String,
    /// How long each stage and template took.
    pub timings: Timings,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        let warnings = match self.warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        };
        match &self.output {
            Some(out) => write!(
                f,
                "built {} articles into {} pages and {} static files in {}: {} changed, {} removed ({ms:.0} ms{warnings})",
                self.articles,
                self.pages,
                self.assets,
                out.display(),
                self.changed,
                self.removed
            ),
            None if self.warnings.is_empty() => write!(
                f,
                "checked {} articles and {} pages: no problems ({ms:.0} ms)",
                self.articles, self.pages
            ),
            None => write!(
                f,
                "checked {} articles and {} pages: no errors ({ms:.0} ms{warnings})",
                self.articles, self.pages
            ),
        }
    }
}

/// Loads, renders and writes the site.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut t = Timings::default();
    let (config, sources, templates) = t.time(Stage::Load, || -> Result<_> {
        let config = load_config(options)?;
        output::check_output_dir(&config, &config.output_dir)?;
        let sources = Sources::find(&config)?;
        let templates = Templates::load(&config);
        Ok((config, sources, templates))
    })?;
    let library = t.time(Stage::Parse, || Library::parse(&config, sources))?;
    // The problems of the articles and of the templates, reported together.
    let (articles, templates) = Error::both(library.articles(options.drafts), templates)?;
    let site = t.time(Stage::Model, || Site::build(&config, articles))?;
    // Every file of the site is known before any is rendered: each page is
    // checked and written as it comes, and only search keeps the article pages.
    let mut assets = output::collect_assets(&config, render::THEME_ASSETS)?;
    let search_interface = search_interface(&config);
    let (scanning, writing) = (CpuTime::default(), CpuTime::default());
    let start = |page_files: &[PathBuf]| -> Result<_> {
        output::check_paths(page_files, &assets)?;
        let others = assets.iter().map(|a| &a.file).chain(&search_interface);
        let files = links::files(page_files.iter().chain(others).map(PathBuf::as_path));
        let checker = links::Checker::new(&config.base_url, Cow::Owned(files));
        let writer = output::Writer::start(&config.output_dir)?;
        Ok((checker, writer, page_files.to_vec()))
    };
    let (rendered, (checker, writer, page_files)) = t.time(Stage::Render, || {
        render::render_each(
            &site,
            &templates,
            None,
            start,
            |(checker, writer, _), page| {
                scanning.time(|| checker.scan(&page));
                writing.time(|| writer.put(&page.file, &page.contents))?;
                Ok((config.search && page.searchable).then_some(page))
            },
        )
    })?;
    t.templates = rendered.templates;
    t.cpu("link scan", scanning.total());
    t.cpu("writing pages", writing.total());
    t.time(Stage::Links, || checker.finish())?;
    if config.search {
        let index = t.time(Stage::Search, || {
            search::index(&rendered.pages, config.base_url.path())
        })?;
        assets.extend(index);
    }
    let (changed, removed) = t.time(Stage::Write, || -> Result<_> {
        assets
            .par_iter()
            .try_for_each(|a| writer.put_asset(a).map(|_| ()))?;
        let site_files = page_files.iter().chain(assets.iter().map(|a| &a.file));
        writer.commit(site_files.map(PathBuf::as_path))
    })?;
    let written = output::Written {
        pages: page_files.len(),
        assets: assets.len(),
        changed,
        removed,
    };
    let report = BuildReport {
        articles: site.articles.len(),
        pages: written.pages,
        assets: written.assets,
        changed: written.changed,
        removed: written.removed,
        output: Some(config.output_dir.clone()),
        elapsed: started.elapsed(),
        warnings: library
            .warnings(options.drafts)
            .into_iter()
            .cloned()
            .collect(),
        suggestions: String::new(),
        timings: t,
    };
    // Freeing the parsed articles takes tens of milliseconds of a large site's
    // build, and nothing waits for it: it is left to a thread of its own (or
    // done here, when no thread can be started).
    drop(site);
    let _ = std::thread::Builder::new().spawn(move || drop(library));
    Ok(report)
}

/// What `check` does beyond `build`'s checks.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// List the figures of the texts missing from their tables.
    pub suggest: bool,
    /// Try every link to another site, waiting at most this long for each.
    pub external: Option<Duration>,
}

/// Loads and renders everything like [`build`], checks the links, and writes nothing.
pub fn check(options: &BuildOptions, check: CheckOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let config = load_config(options)?;
    let library = Library::load(&config)?;
    let (articles, templates) =
        Error::both(library.articles(options.drafts), Templates::load(&config))?;
    let site = Site::build(&config, articles)?;
    let pages = render::render(&site, &templates, None)?.pages;
    // The site as `build` would write it, the search index's files named but not made.
    let assets = output::collect_assets(&config, render::THEME_ASSETS)?;
    let search_interface = search_interface(&config);
    let others = assets
        .iter()
        .map(|a| a.file.as_path())
        .chain(search_interface.iter().map(PathBuf::as_path));
    links::check(&config.base_url, &pages, others)?;
    let mut warnings: Vec<Diagnostic> = library
        .warnings(options.drafts)
        .into_iter()
        .cloned()
        .collect();
    if let Some(timeout) = check.external {
        warnings.extend(links::try_external(
            &links::external(&config.base_url, &pages),
            timeout,
        ));
    }
    let suggestions = if check.suggest {
        suggest::missing(&config, &site.articles, library.readers())?
    } else {
        String::new()
    };
    Ok(BuildReport {
        articles: site.articles.len(),
        pages: pages.len(),
        assets: 0,
        changed: 0,
        removed: 0,
        output: None,
        elapsed: started.elapsed(),
        warnings,
        suggestions,
        timings: Timings::default(),
    })
}

/// The files of the search interface, which pages link to, when the site has search.
fn search_interface(config: &Config) -> Vec<PathBuf> {
    search::INTERFACE
        .iter()
        .filter(|_| config.search)
        .map(|f| Path::new(search::BUNDLE).join(f))
        .collect()
}

fn load_config(options: &BuildOptions) -> Result<Config> {
    Config::load(
        &options.root,
        &Overrides {
            base_url: options.base_url.clone(),
            output_dir: options.output.clone(),
            search: options.search,
        },
    )
}
