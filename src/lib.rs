//! `bulletin`: a static site generator for multilingual cooperative bulletins.
//!
//! A build is a short pipeline handing plain values from stage to stage:
//!
//! ```text
//! site.toml ─▶ Config ─▶ ArticleFiles ─▶ Library ─┐
//!                        templates/ ─▶ Templates ─┴▶ Site ─▶ render ─▶ each Page ─▶ publish
//!                                                                      (links, output, search)
//! ```
//!
//! [`build`], [`check`] and watch mode's [`Rebuilder`] run the same stages:
//! `Inputs::load` (configuration, articles, templates), `Inputs::model` (the
//! `Site`), and `publish::publish`, which renders each page into
//! a sink that reads its links and writes it. They differ in what they do with
//! the pages (write them, or only check them) and in what they know of the
//! output already (nothing, or the last build's fingerprints and files).
//!
//! Each stage reports every problem of its input at once, with file, line and
//! column, before the build stops. Pages are written as they are rendered, but a
//! build that fails takes back what it wrote: the previous output stays as it was.

#![warn(missing_docs)]

// The stages, bottom to top: what every stage shares, the inputs, the model,
// rendering, publishing, and what runs them.
mod date;
mod error;
mod fingerprint;
mod fs;
mod ids;
mod layout;
mod located;
mod progress;
mod routes;
mod timings;

mod config;
mod content;
mod i18n;
mod inputs;
mod provinces;
mod site;

mod links;
mod output;
mod photos;
mod publish;
mod render;
mod search;

mod import;
mod rebuild;
mod scaffold;
mod suggest;

// What the binary, the benchmarks and the tests use besides the functions below.
pub mod allocator;
pub mod cli;
pub mod figures;
pub mod serve;

/// What the fuzz targets (`fuzz/`) call: built only by `cargo fuzz`, which
/// sets `--cfg fuzzing`.
#[cfg(fuzzing)]
pub mod fuzzing {
    use std::path::Path;

    use crate::content::front_matter;
    use crate::content::markdown::{self, RawHtml};
    use crate::content::raw_html::Cleaner;

    /// Cuts `text` at its `+++` lines; panics where the parts do not lie
    /// within the text, in order.
    pub fn split_front_matter(text: &str) {
        if let Ok(split) = front_matter::split(Path::new("fuzz.md"), text) {
            let start = split.front_matter_offset;
            let end = start + split.front_matter.len();
            assert!(end <= split.body_offset && split.body_offset <= text.len());
            assert_eq!(&text[start..end], split.front_matter);
            assert_eq!(&text[split.body_offset..], split.body);
        }
    }

    /// Renders `markdown` with its raw HTML cleaned; panics where what was
    /// dropped is not located in the Markdown, or where the page would still
    /// hold something cleaning drops.
    pub fn clean_markdown(markdown: &str) {
        let site = url::Url::parse("https://example.org/").expect("a URL");
        let cleaner = Cleaner::new(&site);
        // A photo is shown (as the site's own markup) or refused, by the
        // length of its address: both ways are read.
        let mut photos = |image: &markdown::Image<'_>| {
            if image.address.len() % 2 == 0 {
                Ok("<figure class=\"photo\"></figure>".to_owned())
            } else {
                Err(("not a photo here".to_owned(), "a hint"))
            }
        };
        if let Ok(body) = markdown::render(markdown, RawHtml::Clean(&cleaner), &mut photos) {
            for d in &body.dropped {
                assert!(
                    d.at.start <= d.at.end && d.at.end <= markdown.len(),
                    "{d:?}"
                );
            }
            let left = cleaner.inspect(&body.html);
            assert!(left.is_empty(), "{left:?} in {}", body.html);
        }
    }
}

pub use error::{Diagnostic, Error, Location, Result};
pub use import::{Options as ImportOptions, Report as ImportReport, import};
pub use rebuild::{RebuildReport, Rebuilder, SearchReport};
pub use render::THEME_TEMPLATES;
pub use scaffold::{init, new_article};
pub use suggest::{FileDefaults, figures as figures_in_files};
pub use timings::{Stage, TemplateTime, Timings};

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use config::Overrides;
use inputs::{Inputs, Model};
use progress::Progress;
use publish::{Outcome, Target};

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

impl BuildOptions {
    /// What the command line sets instead of `site.toml`.
    pub(crate) fn overrides(&self) -> Overrides {
        Overrides {
            base_url: self.base_url.clone(),
            output_dir: self.output.clone(),
            search: self.search,
        }
    }
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
    /// Files of photos published.
    pub photos: usize,
    /// Photos decoded (those whose files the cache did not have).
    pub photos_decoded: usize,
    /// Photo files read and hashed: those new or changed since the cache's
    /// index last saw them.
    pub photos_read: usize,
    /// Article pages whose HTML the search index read (it remembers the
    /// others from the last build that indexed them).
    pub search_pages_read: usize,
    /// Languages whose search index was made again (none when no article
    /// page changed).
    pub search_languages: usize,
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

impl BuildReport {
    /// The report of `site` published with `outcome`, its figures' warnings
    /// and times left for the caller to add.
    fn new(model: &Model<'_>, outcome: &Outcome, started: Instant) -> BuildReport {
        BuildReport {
            articles: model.site.articles.len(),
            photos: outcome.photos,
            photos_decoded: model.photos.work().decoded,
            photos_read: model.photos.work().read,
            pages: outcome.pages,
            assets: outcome.statics,
            search_pages_read: outcome.search_pages_read,
            search_languages: outcome.search_languages,
            changed: outcome.committed.changed,
            removed: outcome.committed.removed,
            output: None,
            elapsed: started.elapsed(),
            warnings: Vec::new(),
            suggestions: String::new(),
            timings: Timings::default(),
        }
    }
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        let warnings = match self.warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        };
        let photos = match (self.photos, self.photos_decoded) {
            (0, _) => String::new(),
            (files, 0) => format!(", {files} photo files"),
            (files, made) => format!(", {files} photo files ({made} photos made)"),
        };
        match &self.output {
            Some(out) => write!(
                f,
                "built {} articles into {} pages{photos} and {} static files in {}: {} changed, {} removed ({ms:.0} ms{warnings})",
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
    let progress = Progress::on_terminal();
    let built = build_with(options, progress.clone());
    progress.finish();
    built
}

fn build_with(options: &BuildOptions, progress: Progress) -> Result<BuildReport> {
    let started = Instant::now();
    let mut timings = Timings {
        progress,
        ..Timings::default()
    };
    let inputs = Inputs::load(&options.root, &options.overrides(), &mut timings)?;
    let model = timings.time(Stage::Model, || inputs.model(options.drafts))?;
    let output = Target::Write(&inputs.config.output_dir);
    let outcome = publish::publish(&model, None, output, &mut timings)?;
    let report = BuildReport {
        warnings: inputs.warnings(options.drafts),
        output: Some(inputs.config.output_dir.clone()),
        timings,
        ..BuildReport::new(&model, &outcome, started)
    };
    drop(model);
    free_in_background(inputs);
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

/// Loads and renders everything like [`build`], checks the same things, and
/// writes nothing.
pub fn check(options: &BuildOptions, check: CheckOptions) -> Result<BuildReport> {
    let progress = Progress::on_terminal();
    let checked = check_with(options, check, progress.clone());
    progress.finish();
    checked
}

fn check_with(
    options: &BuildOptions,
    check: CheckOptions,
    progress: Progress,
) -> Result<BuildReport> {
    let started = Instant::now();
    let mut timings = Timings {
        progress: progress.clone(),
        ..Timings::default()
    };
    let inputs = Inputs::load(&options.root, &options.overrides(), &mut timings)?;
    let model = inputs.model(options.drafts)?;
    let target = Target::Check {
        external: check.external.is_some(),
    };
    let outcome = publish::publish(&model, None, target, &mut timings)?;
    let mut warnings = inputs.warnings(options.drafts);
    if let Some(timeout) = check.external {
        progress.stage("trying links to other sites", None);
        warnings.extend(links::try_external(&outcome.external, timeout));
    }
    let suggestions = if check.suggest {
        progress.stage(
            "reading the figures of the texts",
            Some(model.site.articles.len()),
        );
        suggest::missing(
            &progress,
            &inputs.config,
            &model.site.articles,
            inputs.library.readers(),
        )?
    } else {
        String::new()
    };
    Ok(BuildReport {
        warnings,
        suggestions,
        ..BuildReport::new(&model, &outcome, started)
    })
}

/// Frees the parsed articles on a thread of their own: it takes tens of
/// milliseconds of a large site's build, and nothing waits for it (done here
/// when no thread can be started).
fn free_in_background(inputs: Inputs) {
    let _ = std::thread::Builder::new().spawn(move || drop(inputs));
}
