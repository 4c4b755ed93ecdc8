//! The output folder: the only module that writes it (through one
//! [`Writer`], see [`writer`]), and the list of the files a site has there.
//!
//! The [`Manifest`] lists every file of a site and what it is (a page, a static
//! file, a file of the search index); a build describes what it changes as a
//! [`Delta`] against the previous one. Both refuse a static file that would
//! overwrite a page, the link check looks files up in them, and a commit
//! removes what the site no longer has.

mod writer;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::fs;
use crate::routes::SiteFile;
pub use writer::{Committed, Stale, Writer};

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum AssetSource {
    /// A file of the built-in theme, compiled into the binary.
    Theme(&'static [u8]),
    /// A file of the site's `static/` folder.
    File(PathBuf),
    /// A file made by the build (the search index), its bytes shared with
    /// what made it.
    Generated(std::sync::Arc<[u8]>),
}

/// A file copied as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where it goes.
    pub file: SiteFile,
    /// Its bytes.
    pub source: AssetSource,
}

impl Asset {
    /// The file of `static/` it is copied from; `None` for the theme's own
    /// and for files the build makes.
    pub fn source_file(&self) -> Option<&Path> {
        match &self.source {
            AssetSource::File(path) => Some(path),
            AssetSource::Theme(_) | AssetSource::Generated(_) => None,
        }
    }
}

/// The static files of the theme, then the site's `static/` folder, which wins on equal names.
pub fn collect_assets(config: &Config, theme: &[(&str, &'static [u8])]) -> Result<Vec<Asset>> {
    let mut assets: BTreeMap<SiteFile, AssetSource> = theme
        .iter()
        .map(|(name, bytes)| {
            let file = SiteFile::from_path(Path::new(name)).expect("theme files have plain names");
            (file, AssetSource::Theme(bytes))
        })
        .collect();
    let dir = config.static_dir();
    for path in fs::walk_inputs(&dir, &config.root)? {
        let relative = path.strip_prefix(&dir).expect("walked under dir");
        let file = SiteFile::from_path(relative).ok_or_else(|| {
            Error::usage(
                format!("{}: the name cannot be published", path.display()),
                "name static files in UTF-8, without `..`",
            )
        })?;
        assets.insert(file, AssetSource::File(path));
    }
    Ok(assets
        .into_iter()
        .map(|(file, source)| Asset { file, source })
        .collect())
}

/// Refuses output folders that would swallow the site's own files.
pub fn check_output_dir(config: &Config) -> Result<()> {
    let output = &config.output_dir;
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let out = absolute(output);
    let root = absolute(&config.root);
    let sources = [
        config.content_dir(),
        config.templates_dir(),
        config.static_dir(),
    ];
    if root.starts_with(&out) || sources.iter().any(|s| out.starts_with(absolute(s))) {
        return Err(Error::usage(
            format!(
                "the output folder {} would replace the site's own files",
                output.display()
            ),
            "choose a folder of its own, such as `public` (the default) or --output ../site-out",
        ));
    }
    Ok(())
}

/// The files of an output, as the link check asks for them.
pub trait Files: Sync {
    /// Whether the output has `file` (its path below the output folder, `/` between folders).
    fn contains(&self, file: &str) -> bool;
}

/// What a file of the output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A rendered page (HTML, a feed, a data file, the sitemap).
    Page,
    /// A static file: the theme's or the site's `static/`.
    Static,
    /// A file of the search index or its interface.
    Search,
    /// A published file of a photo.
    Photo,
}

/// Every file of a site's output, and what each is.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    files: FxHashMap<SiteFile, FileKind>,
}

impl Manifest {
    /// The files of one kind, in no particular order.
    pub fn of_kind(&self, kind: FileKind) -> impl Iterator<Item = &SiteFile> {
        self.files
            .iter()
            .filter(move |(_, k)| **k == kind)
            .map(|(f, _)| f)
    }

    /// Brings the manifest up to date with a build's changes.
    pub fn apply(&mut self, changes: Changes) {
        for file in &changes.removed {
            self.files.remove(file);
        }
        self.files.reserve(changes.added.len());
        self.files.extend(changes.added);
    }
}

impl Files for Manifest {
    fn contains(&self, file: &str) -> bool {
        self.files.contains_key(file)
    }
}

/// What one build changes in the output's files against the [`Manifest`] of
/// the previous (an empty one for a first build): the files it adds or
/// rewrites, and those it removes.
pub struct Delta<'m> {
    before: &'m Manifest,
    added: FxHashMap<SiteFile, FileKind>,
    removed: FxHashSet<SiteFile>,
}

/// A [`Delta`]'s changes, to [apply](Manifest::apply) once the build succeeded.
#[derive(Debug, Default)]
pub struct Changes {
    added: FxHashMap<SiteFile, FileKind>,
    removed: FxHashSet<SiteFile>,
}

impl<'m> Delta<'m> {
    /// No change yet to the files of `before`.
    pub fn new(before: &'m Manifest) -> Delta<'m> {
        Delta {
            before,
            added: FxHashMap::default(),
            removed: FxHashSet::default(),
        }
    }

    /// Room for `more` added files.
    pub fn reserve(&mut self, more: usize) {
        self.added.reserve(more);
    }

    /// What `file` is once the changes so far are made, if the site has it.
    pub fn kind(&self, file: &str) -> Option<FileKind> {
        match self.added.get(file) {
            Some(kind) => Some(*kind),
            None if self.removed.contains(file) => None,
            None => self.before.files.get(file).copied(),
        }
    }

    /// Adds or rewrites `file`; refused when it would take the place of a
    /// file of another kind (a static file over a page, say).
    pub fn add(&mut self, file: SiteFile, kind: FileKind) -> Result<()> {
        if let Some(present) = self.kind(file.as_str()).filter(|k| *k != kind) {
            return Err(collision(&file, present, kind));
        }
        self.removed.remove(&file);
        self.added.insert(file, kind);
        Ok(())
    }

    /// Removes `file` from the site.
    pub fn remove(&mut self, file: SiteFile) {
        self.added.remove(&file);
        if self.before.files.contains_key(&file) {
            self.removed.insert(file);
        }
    }

    /// The files removed, sorted.
    pub fn removed(&self) -> Vec<SiteFile> {
        let mut removed: Vec<SiteFile> = self.removed.iter().cloned().collect();
        removed.sort_unstable();
        removed
    }

    /// The changes, for the manifest of the next build.
    pub fn into_changes(self) -> Changes {
        Changes {
            added: self.added,
            removed: self.removed,
        }
    }
}

impl Files for Delta<'_> {
    fn contains(&self, file: &str) -> bool {
        self.kind(file).is_some()
    }
}

/// Why `file`, of kind `present`, cannot become one of kind `new`: a static
/// file named like a page or like a file of the search index.
fn collision(file: &SiteFile, present: FileKind, new: FileKind) -> Error {
    match (present, new) {
        (FileKind::Search, _) | (_, FileKind::Search) => Error::usage(
            format!("static/{file} would overwrite a file of the search index"),
            "rename or remove that file from static/, or turn search off (`search = false` in site.toml)",
        ),
        (FileKind::Photo, _) | (_, FileKind::Photo) => Error::usage(
            format!("static/{file} would overwrite a photo's file"),
            "rename or remove that file from static/: photos are published under photos/",
        ),
        _ => Error::usage(
            format!("static/{file} would overwrite a generated page"),
            "rename or remove that file from static/",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> SiteFile {
        SiteFile::from_path(Path::new(name)).unwrap()
    }

    /// A manifest of pages.
    fn pages(names: &[&str]) -> Manifest {
        let empty = Manifest::default();
        let mut delta = Delta::new(&empty);
        for name in names {
            delta.add(file(name), FileKind::Page).unwrap();
        }
        let mut manifest = Manifest::default();
        manifest.apply(delta.into_changes());
        manifest
    }

    #[test]
    fn a_static_file_may_not_take_the_place_of_a_page_or_the_search_index() {
        let before = pages(&["en/index.html"]);
        let mut delta = Delta::new(&before);
        let err = delta
            .add(file("en/index.html"), FileKind::Static)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "static/en/index.html would overwrite a generated page\n  hint: rename or remove that file from static/"
        );
        delta
            .add(file("pagefind/pagefind-ui.js"), FileKind::Search)
            .unwrap();
        let err = delta
            .add(file("pagefind/pagefind-ui.js"), FileKind::Static)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("overwrite a file of the search index")
        );

        // Once the page is gone, the file may take its place.
        delta.remove(file("en/index.html"));
        assert!(!delta.contains("en/index.html"));
        delta.add(file("en/index.html"), FileKind::Static).unwrap();
        assert_eq!(delta.kind("en/index.html"), Some(FileKind::Static));
    }

    #[test]
    fn a_delta_applied_gives_the_next_manifest() {
        let mut manifest = pages(&["a.html", "b.html"]);
        let mut delta = Delta::new(&manifest);
        delta.remove(file("a.html"));
        delta.add(file("c.html"), FileKind::Page).unwrap();
        delta.remove(file("never-there.html"));
        assert_eq!(delta.removed(), [file("a.html")]);
        assert!(delta.contains("b.html") && delta.contains("c.html"));
        assert!(!delta.contains("a.html"));
        manifest.apply(delta.into_changes());
        let mut files: Vec<&str> = manifest
            .of_kind(FileKind::Page)
            .map(SiteFile::as_str)
            .collect();
        files.sort_unstable();
        assert_eq!(files, ["b.html", "c.html"]);
    }
}
