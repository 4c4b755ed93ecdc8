//! Rebuilds that reuse what did not change, for watch mode.
//!
//! A [`Rebuilder`] keeps the last good build in memory: its inputs (the
//! configuration, every article file as parsed, the templates) and what it
//! published (every page's fingerprint, every file of the output). Given the
//! files that changed, [`Rebuilder::rebuild`]:
//! 1. updates the inputs: re-reads only the files changed (everything, when
//!    `site.toml` or the figures' language data changed);
//! 2. models the site again from the kept articles (cheap: no file is read);
//! 3. publishes it against what it published last (see [`crate::publish`]):
//!    renders only the pages whose fingerprint changed (the edited article,
//!    its translations' switchers, the lists it appears on, the pages of a
//!    changed template), computes what that changes in the output, and
//!    applies it;
//! 4. keeps what it published for the next change.
//!
//! Problems leave the output as it was, and are reported like a full build's.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::BuildOptions;
use crate::config::RawHtml;
use crate::error::{Diagnostic, Result};
use crate::inputs::{Inputs, Model};
use crate::layout;
use crate::publish::{self, Outcome, PendingSearch, Previous, Published, SearchDone, Target};
use crate::timings::Timings;

/// What a rebuild did.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    /// Article versions in the site.
    pub articles: usize,
    /// Pages in the site.
    pub pages: usize,
    /// The pages rendered and written by this rebuild, relative to the output folder, sorted.
    pub written: Vec<PathBuf>,
    /// Pages removed (articles deleted or renamed).
    pub removed: usize,
    /// Static files copied.
    pub assets: usize,
    /// Photo files read and hashed: those new or changed.
    pub photos_read: usize,
    /// Photos decoded and made: those new to the cache.
    pub photos_decoded: usize,
    /// Article pages whose HTML the search index read (the others it
    /// remembered).
    pub search_pages_read: usize,
    /// Languages whose search index was made again.
    pub search_languages: usize,
    /// Whether everything was rebuilt (the first build, or `site.toml` changed).
    pub full: bool,
    /// The warnings of key figures in the files changed (all of them after a full build).
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
}

impl RebuildReport {
    /// Whether any file of the output was written or removed.
    pub fn touched_output(&self) -> bool {
        self.full || self.written.len() + self.removed + self.assets > 0
    }
}

impl std::fmt::Display for RebuildReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = self.elapsed.as_secs_f64() * 1e3;
        if self.full {
            write!(
                f,
                "built {} articles into {} pages in {ms:.0} ms",
                self.articles, self.pages
            )
        } else {
            write!(
                f,
                "rendered {} of {} pages, removed {}, copied {} static files",
                self.written.len(),
                self.pages,
                self.removed,
                self.assets
            )?;
            if self.photos_decoded > 0 {
                write!(f, ", made {} photos", self.photos_decoded)?;
            }
            write!(f, " in {ms:.0} ms")
        }
    }
}

/// A build kept in memory between changes.
pub struct Rebuilder {
    options: BuildOptions,
    /// The last good build: its inputs and what it published; `None` until
    /// one succeeds, and after a change that needs everything built again.
    last: Option<(Inputs, Published)>,
    /// The files changed since the last good build by rebuilds that failed:
    /// what they changed is still to be published.
    unpublished: Vec<PathBuf>,
    /// The search index the last rebuild left for after its pages are served.
    pending: Option<PendingSearch>,
}

/// What indexing for search after a rebuild did.
#[derive(Debug, Clone, Copy)]
pub struct SearchReport {
    /// Article pages whose HTML was read (the others were remembered).
    pub pages_read: usize,
    /// Languages whose index was made again.
    pub languages: usize,
    /// Search files written.
    pub changed: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl std::fmt::Display for SearchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "search index: read {} pages, indexed {} languages, wrote {} files in {:.0} ms",
            self.pages_read,
            self.languages,
            self.changed,
            self.elapsed.as_secs_f64() * 1e3
        )
    }
}

impl Rebuilder {
    /// A rebuilder of the site `options` describes, writing where `build`
    /// would; nothing is built yet.
    pub fn new(options: BuildOptions) -> Rebuilder {
        Rebuilder {
            options,
            last: None,
            unpublished: Vec::new(),
            pending: None,
        }
    }

    /// Indexes for search what the last rebuild left (see
    /// `publish::publish_search`); `None` when it left nothing.
    pub fn index_search(&mut self) -> Option<Result<SearchReport>> {
        let pending = self.pending.take()?;
        let (inputs, published) = self.last.as_mut()?;
        let started = Instant::now();
        let output = &inputs.config.output_dir;
        let done = publish::publish_search(pending, published, &self.options.root, output);
        Some(done.map(
            |SearchDone {
                 pages_read,
                 languages,
                 changed,
             }| SearchReport {
                pages_read,
                languages,
                changed,
                elapsed: started.elapsed(),
            },
        ))
    }

    /// Brings the output up to date with the files `changed` (absolute paths).
    /// The first call, and any after `site.toml` or the figures' language data
    /// changed, builds everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport> {
        let started = Instant::now();
        let mut all = std::mem::take(&mut self.unpublished);
        all.extend_from_slice(changed);
        all.sort_unstable();
        all.dedup();
        let rebuilt = self.rebuild_changed(&all, started);
        if rebuilt.is_err() {
            self.unpublished = all;
        }
        rebuilt
    }

    /// [`Rebuilder::rebuild`] for every file changed since the last good build.
    fn rebuild_changed(&mut self, changed: &[PathBuf], started: Instant) -> Result<RebuildReport> {
        if changed.iter().any(|p| self.changes_everything(p)) {
            self.last = None;
        }
        let Some((inputs, published)) = &mut self.last else {
            return self.build_everything(started);
        };
        let drafts = self.options.drafts;
        let before = inputs.photos().work();
        inputs.update(changed)?;
        let model = inputs.model(drafts)?;
        let previous = Previous { published, changed };
        let output = Target::Keep(&inputs.config.output_dir);
        let mut outcome =
            publish::publish(&model, Some(previous), output, &mut Timings::default())?;
        let warnings = inputs.warnings_about(changed, drafts);
        published.update(std::mem::take(&mut outcome.kept));
        self.pending = outcome.search_pending.take();
        let mut report = RebuildReport::new(&model, outcome, false, warnings, started);
        let work = model.photos.work() - before;
        (report.photos_read, report.photos_decoded) = (work.read, work.decoded);
        Ok(report)
    }

    /// Whether the site of the last good build trusts its articles' raw HTML.
    pub fn trusts_raw_html(&self) -> bool {
        self.last
            .as_ref()
            .is_some_and(|(inputs, _)| inputs.config.raw_html == RawHtml::Trusted)
    }

    /// Whether a change to `path` needs everything built again: the
    /// configuration and the figures' language data shape every page.
    fn changes_everything(&self, path: &Path) -> bool {
        let root = &self.options.root;
        path == root.join(layout::CONFIG_FILE) || path.starts_with(root.join(layout::FIGURES))
    }

    /// Loads, renders and writes everything, replacing the output whole.
    fn build_everything(&mut self, started: Instant) -> Result<RebuildReport> {
        let mut timings = Timings::default();
        let overrides = self.options.overrides();
        let inputs = Inputs::load(&self.options.root, &overrides, &mut timings)?;
        let model = inputs.model(self.options.drafts)?;
        let output = Target::Keep(&inputs.config.output_dir);
        let mut outcome = publish::publish(&model, None, output, &mut timings)?;
        let mut published = Published::default();
        published.update(std::mem::take(&mut outcome.kept));
        self.pending = outcome.search_pending.take();
        let warnings = inputs.warnings(self.options.drafts);
        let report = RebuildReport::new(&model, outcome, true, warnings, started);
        drop(model);
        self.last = Some((inputs, published));
        Ok(report)
    }
}

impl RebuildReport {
    fn new(
        model: &Model<'_>,
        outcome: Outcome,
        full: bool,
        warnings: Vec<Diagnostic>,
        started: Instant,
    ) -> RebuildReport {
        let mut written: Vec<PathBuf> = outcome.rendered.iter().map(|f| f.to_path()).collect();
        written.sort_unstable();
        let work = model.photos.work();
        RebuildReport {
            articles: model.site.articles.len(),
            pages: outcome.pages,
            written,
            removed: outcome.committed.removed,
            assets: outcome.copied,
            photos_read: work.read,
            photos_decoded: work.decoded,
            search_pages_read: outcome.search_pages_read,
            search_languages: outcome.search_languages,
            full,
            warnings,
            elapsed: started.elapsed(),
        }
    }
}
