//! Publishing: the site rendered, checked and written, so that the output
//! folder holds exactly it. `build`, `check` and watch mode's rebuilds all
//! publish through [`publish`]; they differ only in their [`Target`] and in
//! what they know of the output already ([`Previous`]).
//!
//! Steps:
//! 1. plan: every file the site has (its pages, its static files, the search
//!    interface) against what the output held after the previous build, as a
//!    [`Delta`], which refuses a static file that would overwrite a page;
//! 2. render (see [`crate::render`]) every page, or after a previous build only
//!    the pages whose fingerprint changed; each page, as it is made, has its
//!    links read, is written (staged over a previous site) when its bytes
//!    changed, and is kept when search will index it;
//! 3. check that every address of every page read leads to a file of the site;
//! 4. index the article pages for search, when one of them changed;
//! 5. copy the static files that changed, and commit: remove the files the
//!    site no longer has, move the staged files into place.
//!
//! A problem at any step stops the build, and the output stays as it was.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Config;
use crate::error::Result;
use crate::fingerprint::Fingerprint;
use crate::inputs::Model;
use crate::layout;
use crate::links::{self, External};
use crate::output::{self, Asset, Changes, Committed, Delta, FileKind, Manifest, Stale, Writer};
use crate::photos::{Photo, PhotoFile, Photos};
use crate::progress::Progress;
use crate::render::{self, Page, Sink};
use crate::routes::{Route, Routes, SEARCH_SCRIPT, SEARCH_STYLESHEET, SiteFile};
use crate::search;
use crate::site::Site;
use crate::timings::{CpuTime, Stage, Timings};

/// What a build does with the site it renders.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// Write it into this folder (`bulletin build`).
    Write(&'a Path),
    /// Write it into this folder and keep what the next build needs to
    /// render and write only what changes (watch mode).
    Keep(&'a Path),
    /// Write nothing (`bulletin check`); gather the addresses of other sites
    /// the pages link to, when `external`.
    Check {
        /// Whether to gather the addresses of other sites.
        external: bool,
    },
}

impl<'a> Target<'a> {
    fn output(self) -> Option<&'a Path> {
        match self {
            Target::Write(output) | Target::Keep(output) => Some(output),
            Target::Check { .. } => None,
        }
    }
}

/// What the output holds after a build that kept it: what the next compares
/// itself with.
#[derive(Debug, Default)]
pub struct Published {
    /// Every page, in the order rendering planned them.
    pages: Arc<[Route]>,
    /// The fingerprint of each of `pages`.
    fingerprints: Vec<Fingerprint>,
    /// Every file of the output.
    manifest: Manifest,
    /// Each static file, and the file of `static/` it was copied from
    /// (`None`: the theme's).
    statics: FxHashMap<SiteFile, Option<PathBuf>>,
    /// The files of each photo it shows, by the photo's key.
    photos: FxHashMap<String, Vec<SiteFile>>,
    /// What the search index read of the pages, and the index it wrote.
    search: Mutex<search::Memory>,
}

impl Published {
    /// The output as a build that kept it left it.
    pub fn update(&mut self, kept: Kept) {
        self.fingerprints = kept.fingerprints;
        if let Some(pages) = kept.pages {
            self.pages = pages;
        }
        self.manifest.apply(kept.changes);
        self.statics = kept.statics;
        if let Some(memory) = kept.search {
            *self.search.lock().unwrap_or_else(|e| e.into_inner()) = memory;
        }
        for key in &kept.photos.gone {
            self.photos.remove(key);
        }
        for (key, files) in kept.photos.new {
            let files = files.into_iter().map(|f| f.file).collect();
            self.photos.insert(key, files);
        }
    }

    /// How many photo files it holds.
    fn photo_files(&self) -> usize {
        self.photos.values().map(Vec::len).sum()
    }
}

/// What a build kept for the next, to [update](Published::update) what it
/// published with once it succeeded.
#[derive(Debug, Default)]
pub struct Kept {
    /// The fingerprint of each of `pages`.
    fingerprints: Vec<Fingerprint>,
    /// Every page of the site, in the order rendering planned them.
    pages: Option<Arc<[Route]>>,
    changes: Changes,
    statics: FxHashMap<SiteFile, Option<PathBuf>>,
    photos: PhotoChanges,
    /// The search index's memory, when the build began without one.
    search: Option<search::Memory>,
}

/// What a build knows of the output before it starts: what the previous
/// build published, and the input files changed since (absolute paths).
#[derive(Debug, Clone, Copy)]
pub struct Previous<'a> {
    /// The output as the previous build left it.
    pub published: &'a Published,
    /// The files of the site changed since.
    pub changed: &'a [PathBuf],
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Pages of the site.
    pub pages: usize,
    /// Static files of the site, the search index's included.
    pub statics: usize,
    /// The pages rendered, sorted (kept only by [`Target::Keep`]).
    pub rendered: Vec<SiteFile>,
    /// The static files copied (their bytes may not have changed).
    pub copied: usize,
    /// Files written and removed.
    pub committed: Committed,
    /// The addresses of other sites, when [`Target::Check`] gathered them.
    pub external: External,
    /// What the next build needs (used by [`Target::Keep`]).
    pub kept: Kept,
    /// The photos' files of the site.
    pub photos: usize,
    /// Article pages whose HTML the search index read (the others it knew).
    pub search_pages_read: usize,
    /// Languages whose search index was made again.
    pub search_languages: usize,
    /// The search index, left for after the pages are served (watch mode).
    pub search_pending: Option<PendingSearch>,
}

/// The search index a watch-mode publish leaves for after the new pages are
/// served: the article pages made, and the others' routes.
#[derive(Debug)]
pub struct PendingSearch {
    seen: Vec<search::Seen>,
    /// The addresses of `seen`.
    made: Vec<Route>,
    /// Every page of the site.
    pages: Arc<[Route]>,
    routes: Routes,
    /// Whether the build began without a previous one (its memory is then
    /// written into the site's cache too).
    first: bool,
}

/// What indexing a [`PendingSearch`] did.
#[derive(Debug, Clone, Copy)]
pub struct SearchDone {
    /// Article pages whose HTML was read.
    pub pages_read: usize,
    /// Languages whose index was made again.
    pub languages: usize,
    /// Search files written.
    pub changed: usize,
}

/// The article pages of `pages` not `made` this time, which the search
/// index knows as they were.
fn kept_articles<'p>(pages: &'p [Route], made: &[Route]) -> Vec<&'p Route> {
    let made: FxHashSet<&Route> = made.iter().collect();
    pages
        .iter()
        .filter(|r| r.is_searchable() && !made.contains(r))
        .collect()
}

/// Plans the files of a new search index (`assets`) in place of those of
/// the index `before` holds.
fn replace_search_files(before: &Manifest, assets: &[Asset], delta: &mut Delta<'_>) -> Result<()> {
    let fresh: FxHashSet<&SiteFile> = assets.iter().map(|a| &a.file).collect();
    let old: Vec<SiteFile> = before
        .of_kind(FileKind::Search)
        .filter(|f| !fresh.contains(f))
        .cloned()
        .collect();
    old.into_iter().for_each(|f| delta.remove(f));
    for asset in assets {
        delta.add(asset.file.clone(), FileKind::Search)?;
    }
    Ok(())
}

/// Step 4 in watch mode, once the pages are served: indexes what `pending`
/// holds into `output` and brings what was `published` up to date with it.
pub fn publish_search(
    pending: PendingSearch,
    published: &mut Published,
    root: &Path,
    output: &Path,
) -> Result<SearchDone> {
    let cache = root.join(layout::CACHE);
    let mut memory = published.search.lock().unwrap_or_else(|e| e.into_inner());
    let places = search::Output {
        folder: Some(output),
        cache: Some(cache.clone()),
    };
    let kept = kept_articles(&pending.pages, &pending.made);
    let indexed = search::index(
        pending.seen,
        &kept,
        &pending.routes,
        &mut memory,
        &places,
        &Progress::default(),
    )?;
    let writer = Writer::updating(output)?;
    let mut delta = Delta::new(&published.manifest);
    replace_search_files(&published.manifest, &indexed.assets, &mut delta)?;
    indexed
        .assets
        .par_iter()
        .try_for_each(|a| writer.put_asset(a).map(drop))?;
    let removed = delta.removed();
    let committed = writer.commit(Stale::Listed(&removed))?;
    let done = SearchDone {
        pages_read: indexed.pages_read,
        languages: indexed.languages_indexed,
        changed: committed.changed,
    };
    memory.wrote(indexed);
    if pending.first {
        let _ = memory.save(&cache);
    }
    drop(memory);
    published.manifest.apply(delta.into_changes());
    Ok(done)
}

/// Publishes `site`, rendered with `templates`, to `target` (see the
/// module's steps).
pub fn publish(
    model: &Model<'_>,
    previous: Option<Previous<'_>>,
    target: Target<'_>,
    timings: &mut Timings,
) -> Result<Outcome> {
    let Model {
        site,
        templates,
        photos,
    } = model;
    let (site, photos) = (site, *photos);
    let config = site.config;
    let routes = Routes::new(&config.base_url);
    let statics = output::collect_assets(config, render::THEME_ASSETS)?;
    let photo_changes = PhotoChanges::between(site, previous.map(|p| p.published), photos);
    let files = Files {
        statics: &statics,
        photos: &photo_changes,
    };
    let empty = Manifest::default();
    let mut publisher = Publisher::new(config, &routes, files, previous, &empty, target)?;
    publisher.progress = timings.progress.clone();
    let keep = matches!(target, Target::Keep(_));
    let fingerprints = previous.map(|p| render::Before {
        pages: &p.published.pages,
        fingerprints: &p.published.fingerprints,
    });
    let rendered = timings.time(Stage::Render, || {
        render::render(site, templates, fingerprints, keep, &mut publisher)
    })?;
    timings.templates = rendered.templates;
    timings.cpu(Stage::Parse, "photos", photos.spent());
    timings.cpu(Stage::Render, "link scan", publisher.scanning.total());
    timings.cpu(Stage::Render, "writing pages", publisher.writing.total());
    timings.cpu(Stage::Render, "search records", publisher.reading.total());
    let mut outcome = publisher.finish(timings)?;
    outcome.pages = rendered.pages;
    outcome.kept.fingerprints = rendered.fingerprints;
    outcome.photos = photo_changes.files_after(previous.map(|p| p.published));
    outcome.kept.photos = photo_changes;
    keep_the_cache(
        site,
        photos,
        previous.is_none() && target.output().is_some(),
    );
    Ok(outcome)
}

/// What a build changes of the photos the output shows: the photos new to
/// it, with their files (every photo, on a first build), and those gone.
/// An edit that neither adds nor removes a photo changes nothing: planning
/// it costs a look at each article's photos, no file name made.
#[derive(Debug, Default)]
struct PhotoChanges {
    /// The photos new to the output: key and files.
    new: Vec<(String, Vec<PhotoFile>)>,
    /// The keys of the photos the site no longer shows.
    gone: Vec<String>,
}

impl PhotoChanges {
    /// From what `published` shows (nothing: a first build) to what `site` shows.
    fn between(site: &Site<'_>, published: Option<&Published>, photos: &Photos) -> PhotoChanges {
        let shown: FxHashMap<&str, &Photo> = site
            .articles
            .iter()
            .flat_map(|a| &a.photos)
            .map(|p| (p.key.as_str(), p))
            .collect();
        let is_new = |key: &str| published.is_none_or(|p| !p.photos.contains_key(key));
        let mut new: Vec<(String, Vec<PhotoFile>)> = shown
            .iter()
            .filter(|(key, _)| is_new(key))
            .map(|(key, photo)| ((*key).to_owned(), photos.files(photo)))
            .collect();
        new.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let gone = published.map_or_else(Vec::new, |p| {
            p.photos
                .keys()
                .filter(|key| !shown.contains_key(key.as_str()))
                .cloned()
                .collect()
        });
        PhotoChanges { new, gone }
    }

    /// How many photo files the output holds with these changes made.
    fn files_after(&self, published: Option<&Published>) -> usize {
        let new: usize = self.new.iter().map(|(_, files)| files.len()).sum();
        published.map_or(new, |p| p.photo_files() + new - self.files_gone(p).count())
    }

    /// The files of the photos gone, as `published` holds them.
    fn files_gone<'p>(&'p self, published: &'p Published) -> impl Iterator<Item = &'p SiteFile> {
        self.gone
            .iter()
            .filter_map(|key| published.photos.get(key))
            .flatten()
    }
}

/// Keeps in the cache's index what was learned of photo files; after a full
/// build, prunes from the cache the photos the site no longer shows.
fn keep_the_cache(site: &Site<'_>, photos: &Photos, full: bool) {
    if full {
        let shown = site.articles.iter().flat_map(|a| &a.photos);
        let used: FxHashSet<&str> = shown.clone().map(|p| p.key.as_str()).collect();
        let read: FxHashSet<&Path> = shown.map(|p| p.source.as_path()).collect();
        photos.prune(&used, &read);
    }
    photos.save_index();
}

/// The files of a site besides its pages.
struct Files<'a> {
    /// Its static files: the theme's and `static/`.
    statics: &'a [Asset],
    /// What changes of the photos it shows.
    photos: &'a PhotoChanges,
}

/// The [`Sink`] of a build: what each page goes through as it is made, and
/// what is done once all are.
struct Publisher<'a> {
    config: &'a Config,
    routes: &'a Routes,
    target: Target<'a>,
    previous: Option<Previous<'a>>,
    /// The output's files before this build.
    before: &'a Manifest,
    /// Every static file of the site.
    statics: &'a [Asset],
    /// What changes of the photos the site shows.
    photos: &'a PhotoChanges,
    /// The photos' files to put.
    to_link: Vec<&'a PhotoFile>,
    /// The static files to copy.
    to_copy: Vec<&'a Asset>,
    /// The changes to the output's files: made by [`Sink::plan`].
    delta: Option<Delta<'a>>,
    /// Whether search must index the pages again, whatever is rendered.
    index_search: bool,
    /// Every page of the site, in the order rendering planned them, kept
    /// after a previous build or for the next.
    pages: Option<Arc<[Route]>>,
    writer: Option<Writer>,
    checker: links::Checker<'a>,
    /// The pages search indexes, made this time, with their addresses.
    searchable: Mutex<Vec<(Route, search::Seen)>>,
    /// The search index's memory, when there was no previous build (loaded
    /// from the site's cache when this build indexes).
    own_memory: Option<Mutex<search::Memory>>,
    /// The pages rendered, when kept for the report.
    rendered: Option<Mutex<Vec<SiteFile>>>,
    scanning: CpuTime,
    writing: CpuTime,
    /// Reading the search records of the pages made.
    reading: CpuTime,
    /// What a terminal shows of the work.
    progress: Progress,
    /// Putting the photos' files.
    linking: CpuTime,
}

impl<'a> Publisher<'a> {
    fn new(
        config: &'a Config,
        routes: &'a Routes,
        files: Files<'a>,
        previous: Option<Previous<'a>>,
        empty: &'a Manifest,
        target: Target<'a>,
    ) -> Result<Publisher<'a>> {
        // A build replaces the output whole; watch mode updates its own folder
        // in place once it holds a site.
        let writer = match (target.output(), previous) {
            (None, _) => None,
            (Some(output), None) => Some(Writer::replacing(output)?),
            (Some(output), Some(_)) => Some(Writer::updating(output)?),
        };
        let external = matches!(target, Target::Check { external: true });
        Ok(Publisher {
            config,
            routes,
            target,
            previous,
            before: previous.map_or(empty, |p| &p.published.manifest),
            statics: files.statics,
            to_copy: Vec::new(),
            photos: files.photos,
            to_link: Vec::new(),
            delta: None,
            index_search: false,
            pages: None,
            writer,
            checker: links::Checker::new(routes, external),
            searchable: Mutex::new(Vec::new()),
            own_memory: previous.is_none().then(|| {
                let indexes = config.search && target.output().is_some();
                Mutex::new(if indexes {
                    search::Memory::load(&config.root.join(layout::CACHE))
                } else {
                    search::Memory::default()
                })
            }),
            rendered: matches!(target, Target::Keep(_)).then(Mutex::default),
            scanning: CpuTime::default(),
            reading: CpuTime::default(),
            progress: Progress::default(),
            writing: CpuTime::default(),
            linking: CpuTime::default(),
        })
    }

    /// Whether the search index is built (checking names its files only).
    fn builds_search(&self) -> bool {
        self.config.search && self.writer.is_some()
    }

    /// Step 1 for what the site no longer has, after a previous build: the
    /// pages and the static files gone (first, so that a new file may take
    /// the place of one gone).
    fn plan_removals(&mut self, delta: &mut Delta<'a>, pages: &[&Route], new: usize) {
        let Some(previous) = self.previous else {
            return;
        };
        let before = &previous.published.pages;
        // No page is new and there are as many: the same pages, none removed
        // (the usual edit; this spares looking up tens of thousands of pages).
        if new > 0 || pages.len() != before.len() {
            let now: FxHashSet<&Route> = pages.iter().copied().collect();
            for gone in before.iter().filter(|r| !now.contains(r)) {
                delta.remove(gone.output_file());
                self.index_search |= gone.is_searchable();
            }
        }
        let now: FxHashSet<&SiteFile> = self.statics.iter().map(|a| &a.file).collect();
        for gone in previous.published.statics.keys() {
            if !now.contains(gone) {
                delta.remove(gone.clone());
            }
        }
        for file in self.photos.files_gone(previous.published) {
            delta.remove(file.clone());
        }
    }

    /// Step 1 for the photos' files: all of them on a first build; after
    /// another, those of the photos new to the output (their names say
    /// their bytes).
    fn plan_photos(&mut self, delta: &mut Delta<'a>) -> Result<()> {
        for file in self.photos.new.iter().flat_map(|(_, files)| files) {
            delta.add(file.file.clone(), FileKind::Photo)?;
            self.to_link.push(file);
        }
        Ok(())
    }

    /// Step 1 for the pages `new` to the output: all of them on a first build.
    fn plan_pages(&mut self, delta: &mut Delta<'a>, new: &[&Route]) -> Result<()> {
        delta.reserve(new.len() + self.statics.len());
        for route in new {
            delta.add(route.output_file(), FileKind::Page)?;
            self.index_search |= route.is_searchable();
        }
        Ok(())
    }

    /// Step 1 for the static files: all of them on a first build; after
    /// another, the new ones and those whose file changed.
    fn plan_statics(&mut self, delta: &mut Delta<'a>) -> Result<()> {
        let changed: FxHashSet<&Path> = self
            .previous
            .iter()
            .flat_map(|p| p.changed.iter().map(PathBuf::as_path))
            .collect();
        for asset in self.statics {
            let source = asset.source_file();
            let copy = self.previous.is_none_or(|p| {
                p.published.statics.get(&asset.file).map(Option::as_deref) != Some(source)
                    || source.is_some_and(|s| changed.contains(s))
            });
            if copy {
                delta.add(asset.file.clone(), FileKind::Static)?;
                self.to_copy.push(asset);
            }
        }
        Ok(())
    }

    /// Steps 3 to 5, once every page went through [`Sink::page`].
    fn finish(mut self, timings: &mut Timings) -> Result<Outcome> {
        let external = timings.time(Stage::Links, || self.checker.finish())?;
        let mut delta = self.delta.take().expect("render plans before it finishes");
        let searchable =
            std::mem::take(&mut *self.searchable.lock().unwrap_or_else(|e| e.into_inner()));
        let (made, pages): (Vec<Route>, Vec<search::Seen>) = searchable.into_iter().unzip();
        // Watch mode serves the pages first; the index follows.
        let defer = matches!(self.target, Target::Keep(_));
        let wanted = self.index_search || !pages.is_empty();
        let mut search_pending = None;
        let mut indexed = None;
        if wanted && defer {
            search_pending = Some(PendingSearch {
                pages: self.pages.clone().unwrap_or_default(),
                made,
                seen: pages,
                routes: self.routes.clone(),
                first: self.previous.is_none(),
            });
        } else if wanted {
            let all = self.pages.clone().unwrap_or_default();
            let kept = kept_articles(&all, &made);
            indexed = Some(self.index_search(pages, &kept, &mut delta, timings)?);
        }
        let search: &[Asset] = indexed.as_ref().map_or(&[], |i| &i.assets);
        if self.writer.is_some() {
            self.progress.stage("writing files", None);
        }
        let committed = match self.writer.take() {
            None => Committed::default(),
            Some(writer) => timings.time(Stage::Write, || self.commit(writer, search, &delta))?,
        };
        let (search_pages_read, search_languages) = indexed
            .as_ref()
            .map_or((0, 0), |i| (i.pages_read, i.languages_indexed));
        let statics_count = self.statics.len() + search.len();
        let copied = self.to_copy.len() + search.len() + self.to_link.len();
        if let Some(indexed) = indexed.take() {
            self.remember_search(indexed);
        }
        timings.cpu(Stage::Write, "photo files", self.linking.total());
        let rendered = self.rendered.take().map(|r| {
            let mut files = r.into_inner().unwrap_or_else(|e| e.into_inner());
            files.sort_unstable();
            files
        });
        let kept = Kept {
            fingerprints: Vec::new(),
            pages: self.pages.take(),
            changes: delta.into_changes(),
            statics: self
                .statics
                .iter()
                .map(|a| (a.file.clone(), a.source_file().map(Path::to_owned)))
                .collect(),
            photos: PhotoChanges::default(),
            search: self
                .own_memory
                .take()
                .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner())),
        };
        Ok(Outcome {
            pages: 0,
            statics: statics_count,
            rendered: rendered.unwrap_or_default(),
            copied,
            committed,
            external,
            kept,
            photos: 0,
            search_pages_read,
            search_languages,
            search_pending,
        })
    }

    /// The search index's memory: the previous build's, or this build's own.
    fn with_memory<R>(&self, f: impl FnOnce(&mut search::Memory) -> R) -> R {
        let memory = match (self.previous, &self.own_memory) {
            (Some(previous), _) => &previous.published.search,
            (None, Some(own)) => own,
            (None, None) => unreachable!("a build without a previous one has its own memory"),
        };
        f(&mut memory.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Once the output holds the index, the memory remembers it; a build
    /// that began without a previous one keeps it in the site's cache for
    /// the next (a cache: failing to write it fails nothing).
    fn remember_search(&self, indexed: search::Indexed) {
        let changed = indexed.pages_read > 0 || indexed.languages_indexed > 0;
        self.with_memory(|memory| {
            memory.wrote(indexed);
            if self.previous.is_none() && self.target.output().is_some() {
                if changed {
                    let _ = memory.save(&self.config.root.join(layout::CACHE));
                } else {
                    memory.release();
                }
            }
        });
    }

    /// Step 4: the search index of the article pages made this time, and
    /// after a previous build the others as it wrote them; the index's files
    /// take the place of the previous index's.
    fn index_search(
        &self,
        pages: Vec<search::Seen>,
        kept: &[&Route],
        delta: &mut Delta<'a>,
        timings: &mut Timings,
    ) -> Result<search::Indexed> {
        let output = search::Output {
            folder: self.target.output(),
            cache: Some(self.config.root.join(layout::CACHE)),
        };
        let indexed = timings.time(Stage::Search, || {
            self.with_memory(|memory| {
                search::index(pages, kept, self.routes, memory, &output, &self.progress)
            })
        })?;
        replace_search_files(self.before, &indexed.assets, delta)?;
        Ok(indexed)
    }

    /// Step 5: the static files that changed and the search index copied,
    /// then the commit.
    fn commit(&self, writer: Writer, search: &[Asset], delta: &Delta<'_>) -> Result<Committed> {
        self.to_copy
            .par_iter()
            .copied()
            .chain(search.par_iter())
            .try_for_each(|a| writer.put_asset(a).map(drop))?;
        self.to_link.par_iter().try_for_each(|p| {
            self.linking
                .time(|| writer.put_linked(&p.file, &p.source).map(drop))
        })?;
        let removed = delta.removed();
        let stale = match self.previous {
            None => Stale::Unlisted(delta),
            Some(_) => Stale::Listed(&removed),
        };
        writer.commit(stale)
    }
}

impl<'a> Sink for Publisher<'a> {
    fn plan(&mut self, pages: &[&Route], as_before: bool) -> Result<()> {
        let mut delta = Delta::new(self.before);
        let new: Vec<&Route> = match self.previous {
            None => pages.to_vec(),
            Some(_) if as_before => Vec::new(),
            Some(previous) => {
                let before: FxHashSet<&Route> = previous.published.pages.iter().collect();
                pages
                    .iter()
                    .copied()
                    .filter(|r| !before.contains(r))
                    .collect()
            }
        };
        self.progress.stage("rendering pages", Some(pages.len()));
        self.plan_removals(&mut delta, pages, new.len());
        self.plan_pages(&mut delta, &new)?;
        self.plan_statics(&mut delta)?;
        self.plan_photos(&mut delta)?;
        // A first build always makes the search index (and its interface, which
        // search pages load); a later one when an article page is new or gone,
        // or once one is rendered again, reading the others from the output.
        self.index_search = self.builds_search() && (self.index_search || self.previous.is_none());
        if self.previous.is_some() || matches!(self.target, Target::Keep(_)) {
            self.pages = Some(match self.previous {
                Some(previous) if as_before => Arc::clone(&previous.published.pages),
                _ => pages.iter().map(|r| (*r).clone()).collect(),
            });
        }
        // The search interface, which search pages load: named before the
        // index exists, so that their links lead somewhere.
        if self.config.search && self.previous.is_none() {
            for name in [SEARCH_SCRIPT, SEARCH_STYLESHEET] {
                delta.add(SiteFile::search(name), FileKind::Search)?;
            }
        }
        self.delta = Some(delta);
        Ok(())
    }

    fn page(&self, page: Page) -> Result<()> {
        self.progress.step();
        let file = page.route.output_file();
        let delta = self
            .delta
            .as_ref()
            .expect("render plans before it hands out pages");
        self.scanning
            .time(|| self.checker.scan(delta, &file, &page.contents));
        if let Some(writer) = &self.writer {
            self.writing.time(|| writer.put(&file, &page.contents))?;
        }
        if let Some(rendered) = &self.rendered {
            rendered
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(file);
        }
        if self.builds_search() && page.route.is_searchable() {
            let url = self.routes.url(&page.route);
            let seen = self.reading.time(|| {
                search::Seen::page(&page, url, |url, hash| {
                    self.with_memory(|memory| memory.knows(url, hash))
                })
            });
            self.searchable
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((page.route, seen));
        }
        Ok(())
    }
}
