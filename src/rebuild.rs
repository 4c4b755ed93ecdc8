//! Rebuilds that reuse what did not change, for watch mode.
//!
//! A [`Rebuilder`] keeps the last build in memory: the configuration, every
//! article file as parsed, the compiled templates, and the fingerprint of every
//! page written. Given the files that changed, it:
//! 1. re-reads only those (all of them when `site.toml` or the figures'
//!    language data changed);
//! 2. rebuilds the site model from the kept articles (cheap: no file is read);
//! 3. renders only the pages whose fingerprint changed: the edited article, its
//!    translations' switchers, the lists it appears on, the pages of a changed
//!    template;
//! 4. writes those pages in place, removes the pages that no longer exist, and
//!    copies the static files that changed.
//!
//! Problems leave the output as it was, and are reported like a full build's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::BuildOptions;
use crate::config::{Config, Overrides};
use crate::content::Library;
use crate::error::{Diagnostic, Error, Result};
use crate::layout::CONFIG_FILE;
use crate::output::{self, Asset, Page};
use crate::render::{self, Fingerprints, Templates};
use crate::site::Site;
use crate::site::routes::Route;
use crate::{links, search};

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
                "rendered {} of {} pages, removed {}, copied {} static files in {ms:.0} ms",
                self.written.len(),
                self.pages,
                self.removed,
                self.assets
            )
        }
    }
}

/// The last good build, kept for the next one.
struct State {
    config: Config,
    library: Library,
    templates: Templates,
    /// The fingerprint of every page in the output.
    pages: Fingerprints,
    /// Every static file in the output, and the file it was copied from (`None`: the theme's).
    assets: BTreeMap<PathBuf, Option<PathBuf>>,
    /// The pages search indexes (article pages).
    searchable: BTreeSet<PathBuf>,
    /// The files of the search index in the output.
    search_files: BTreeSet<PathBuf>,
    /// Every file of the output (pages, static files, search index), for the
    /// link check: kept up to date change by change, as a large site has tens
    /// of thousands.
    files: links::Files,
}

impl State {
    /// The [`State::files`] of the output as this state describes it.
    fn output_files(&self) -> links::Files {
        let pages: Vec<PathBuf> = self.pages.keys().map(Route::output_file).collect();
        links::files(
            pages
                .iter()
                .chain(self.assets.keys())
                .chain(&self.search_files)
                .map(PathBuf::as_path),
        )
    }
}

/// A build kept in memory between changes.
pub struct Rebuilder {
    options: BuildOptions,
    output: PathBuf,
    /// The last good build; `None` until one succeeds, and after `site.toml` changed.
    state: Option<State>,
    /// Why `templates/` cannot be used, until a change there fixes it.
    template_problem: Option<Error>,
}

impl Rebuilder {
    /// A rebuilder writing to `options.output` (which must be set); nothing is built yet.
    pub fn new(options: BuildOptions) -> Rebuilder {
        let output = options
            .output
            .clone()
            .expect("a rebuilder writes to a folder of its own");
        Rebuilder {
            options,
            output,
            state: None,
            template_problem: None,
        }
    }

    /// Brings the output up to date with the files `changed` (absolute paths).
    /// The first call, and any after `site.toml` changed, builds everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport> {
        let started = Instant::now();
        let root = &self.options.root;
        let figures_data = root.join(crate::layout::FIGURES);
        if changed
            .iter()
            .any(|p| p == &root.join(CONFIG_FILE) || p.starts_with(&figures_data))
        {
            self.state = None;
        }
        let Some(state) = self.state.as_mut() else {
            return self.full(started);
        };

        let templates_dir = state.config.templates_dir();
        if changed.iter().any(|p| p.starts_with(&templates_dir)) {
            match Templates::load(&state.config) {
                Ok(templates) => {
                    state.templates = templates;
                    self.template_problem = None;
                }
                Err(e) => self.template_problem = Some(e),
            }
        }
        state.library.update(&state.config, changed)?;
        let templates_usable = match &self.template_problem {
            Some(problem) => Err(problem.clone()),
            None => Ok(()),
        };
        let (articles, ()) = Error::both(
            state.library.articles(self.options.drafts),
            templates_usable,
        )?;
        let site = Site::build(&state.config, articles)?;
        let rendered = render::render(&site, &state.templates, Some(&state.pages))?;

        let assets = output::collect_assets(&state.config, render::THEME_ASSETS)?;
        let sources: BTreeMap<PathBuf, Option<PathBuf>> = assets
            .iter()
            .map(|a| (a.file.clone(), source_file(a).map(Path::to_owned)))
            .collect();
        let changed_files: BTreeSet<&Path> = changed.iter().map(PathBuf::as_path).collect();
        let copied: Vec<Asset> = assets
            .into_iter()
            .filter(|a| {
                let source = source_file(a);
                state.assets.get(&a.file).map(Option::as_deref) != Some(source)
                    || source.is_some_and(|s| changed_files.contains(s))
            })
            .collect();
        let new_pages: Vec<PathBuf> = rendered
            .fingerprints
            .keys()
            .filter(|r| !state.pages.contains_key(*r))
            .map(Route::output_file)
            .collect();
        // No page is new and there are as many: the same pages, none removed (the
        // usual edit; this spares looking up tens of thousands of addresses).
        let same_pages = new_pages.is_empty() && rendered.fingerprints.len() == state.pages.len();
        let mut removed: Vec<PathBuf> = Vec::new();
        if !same_pages {
            removed.extend(
                state
                    .pages
                    .keys()
                    .filter(|r| !rendered.fingerprints.contains_key(*r))
                    .map(Route::output_file),
            );
        }
        removed.extend(
            state
                .assets
                .keys()
                .filter(|f| !sources.contains_key(*f))
                .cloned(),
        );
        removed.sort();

        // Search: the index is made again from every article page, when one changed.
        let added: Vec<PathBuf> = rendered
            .pages
            .iter()
            .filter(|p| p.searchable)
            .map(|p| p.file.clone())
            .collect();
        let gone: Vec<PathBuf> = rendered
            .pages
            .iter()
            .filter(|p| !p.searchable)
            .map(|p| &p.file)
            .chain(&removed)
            .filter(|f| state.searchable.contains(*f))
            .cloned()
            .collect();
        let mut copied = copied;
        let mut fresh_search = None;
        if state.config.search && (!added.is_empty() || !gone.is_empty()) {
            let mut searchable = state.searchable.clone();
            searchable.extend(added.iter().cloned());
            gone.iter().for_each(|f| {
                searchable.remove(f);
            });
            let index = search::index(
                &searchable_pages(&self.output, &searchable, &rendered.pages)?,
                state.config.base_url.path(),
            )?;
            let fresh: BTreeSet<PathBuf> = index.iter().map(|a| a.file.clone()).collect();
            removed.extend(state.search_files.difference(&fresh).cloned());
            fresh_search = Some(fresh);
            copied.extend(index);
        }
        // The output's files after the change: those before, less the removed,
        // with the new pages, static files and parts of the search index.
        let new_search = fresh_search
            .iter()
            .flat_map(|fresh| fresh.difference(&state.search_files));
        let new_assets = sources.keys().filter(|f| !state.assets.contains_key(*f));
        for file in &removed {
            state.files.remove(&links::file_key(file));
        }
        for file in new_pages.iter().chain(new_assets).chain(new_search) {
            state.files.insert(links::file_key(file));
        }
        let checked = links::check_with(&state.config.base_url, &rendered.pages, &state.files)
            .and_then(|()| output::update(&self.output, &rendered.pages, &copied, &removed));
        if let Err(e) = checked {
            // The output is as before (or as far as the update went): count again.
            state.files = state.output_files();
            return Err(e);
        }

        let report = RebuildReport {
            articles: site.articles.len(),
            pages: rendered.fingerprints.len(),
            written: sorted(rendered.pages.iter().map(|p| p.file.clone())),
            removed: removed.len(),
            assets: copied.len(),
            full: false,
            elapsed: started.elapsed(),
            warnings: warnings_about(state.library.warnings(self.options.drafts), root, changed),
        };
        state.pages = rendered.fingerprints;
        state.assets = sources;
        state.searchable.extend(added);
        for f in &gone {
            state.searchable.remove(f);
        }
        if let Some(fresh) = fresh_search {
            state.search_files = fresh;
        }
        Ok(report)
    }

    /// Loads and writes everything, replacing the output whole.
    fn full(&mut self, started: Instant) -> Result<RebuildReport> {
        let config = Config::load(
            &self.options.root,
            &Overrides {
                base_url: self.options.base_url.clone(),
                output_dir: Some(self.output.clone()),
                search: self.options.search,
            },
        )?;
        let library = Library::load(&config)?;
        let (articles, templates) = Error::both(
            library.articles(self.options.drafts),
            Templates::load(&config),
        )?;
        let site = Site::build(&config, articles)?;
        let rendered = render::render(&site, &templates, None)?;
        let mut assets = output::collect_assets(&config, render::THEME_ASSETS)?;
        let sources = assets
            .iter()
            .map(|a| (a.file.clone(), source_file(a).map(Path::to_owned)))
            .collect();
        let mut search_files = BTreeSet::new();
        if config.search {
            let index = search::index(&rendered.pages, config.base_url.path())?;
            search_files = index.iter().map(|a| a.file.clone()).collect();
            assets.extend(index);
        }
        let files = links::files(
            rendered
                .pages
                .iter()
                .map(|p| p.file.as_path())
                .chain(assets.iter().map(|a| a.file.as_path())),
        );
        links::check_with(&config.base_url, &rendered.pages, &files)?;
        output::write(&self.output, &rendered.pages, &assets)?;
        let report = RebuildReport {
            articles: site.articles.len(),
            pages: rendered.pages.len(),
            written: sorted(rendered.pages.iter().map(|p| p.file.clone())),
            removed: 0,
            assets: assets.len(),
            full: true,
            elapsed: started.elapsed(),
            warnings: library
                .warnings(self.options.drafts)
                .into_iter()
                .cloned()
                .collect(),
        };
        drop(site);
        self.template_problem = None;
        self.state = Some(State {
            config,
            library,
            templates,
            searchable: rendered
                .pages
                .iter()
                .filter(|p| p.searchable)
                .map(|p| p.file.clone())
                .collect(),
            pages: rendered.fingerprints,
            assets: sources,
            search_files,
            files,
        });
        Ok(report)
    }
}

/// The warnings that name one of the `changed` files (where they are, or the
/// translation they disagree with).
fn warnings_about(warnings: Vec<&Diagnostic>, root: &Path, changed: &[PathBuf]) -> Vec<Diagnostic> {
    let shown: Vec<(PathBuf, String)> = changed
        .iter()
        .map(|p| {
            let shown = crate::fs::shown(root, p);
            let cited = format!("{}:", shown.display());
            (shown, cited)
        })
        .collect();
    warnings
        .into_iter()
        .filter(|w| {
            shown
                .iter()
                .any(|(path, cited)| w.path == *path || w.message.contains(cited.as_str()))
        })
        .cloned()
        .collect()
}

/// The pages search indexes: those just rendered, and the others as written before.
fn searchable_pages(
    output: &Path,
    files: &BTreeSet<PathBuf>,
    rendered: &[Page],
) -> Result<Vec<Page>> {
    let fresh: BTreeMap<&Path, &Page> = rendered.iter().map(|p| (p.file.as_path(), p)).collect();
    files
        .iter()
        .map(|file| match fresh.get(file.as_path()) {
            Some(page) => Ok((*page).clone()),
            None => {
                let bytes = crate::fs::read(&output.join(file))?;
                Ok(Page {
                    file: file.clone(),
                    contents: bytes,
                    searchable: true,
                })
            }
        })
        .collect()
}

/// The file a static file is copied from; `None` for the theme's own.
fn source_file(asset: &Asset) -> Option<&Path> {
    match &asset.source {
        output::Source::File(path) => Some(path),
        output::Source::Embedded(_) | output::Source::Generated(_) => None,
    }
}

fn sorted(files: impl Iterator<Item = PathBuf>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = files.collect();
    files.sort();
    files
}
