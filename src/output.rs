//! The output folder: the only module that writes it, and the list of the
//! files a site has there.
//!
//! A build writes through one [`Writer`]:
//! 1. into an empty or missing folder, files are written in place, and removed
//!    again if the build fails;
//! 2. over a previous site, a file whose bytes are unchanged is left alone (its
//!    modification time too, so that sync tools upload only what changed); the
//!    others are written to a hidden staging folder inside the output folder;
//! 3. [`Writer::commit`] removes the files no longer part of the site, with the
//!    folders they leave empty, then moves the staged files into place. A
//!    writer dropped without a commit takes back what it wrote, so a failed
//!    build leaves the previous site as it was.
//!
//! The [`Manifest`] lists every file of a site and what it is (a page, a static
//! file, a file of the search index); a build describes what it changes as a
//! [`Delta`] against the previous one. Both refuse a static file that would
//! overwrite a page, the link check looks files up in them, and a commit
//! removes what the site no longer has.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::fs;
use crate::site::routes::SiteFile;

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum AssetSource {
    /// A file of the built-in theme, compiled into the binary.
    Theme(&'static [u8]),
    /// A file of the site's `static/` folder.
    File(PathBuf),
    /// A file made by the build (the search index).
    Generated(Vec<u8>),
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
        _ => Error::usage(
            format!("static/{file} would overwrite a generated page"),
            "rename or remove that file from static/",
        ),
    }
}

/// Which files a commit removes from the output.
pub enum Stale<'a> {
    /// Every file the site does not have (the output is searched for them).
    Unlisted(&'a dyn Files),
    /// These files, known to be no longer part of the site.
    Listed(&'a [SiteFile]),
}

/// What a [`Writer::commit`] did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Committed {
    /// Files whose bytes changed, and were written.
    pub changed: usize,
    /// Files removed: no longer part of the site.
    pub removed: usize,
}

/// The output folder of a build whose pages are written as they are rendered,
/// so that they need not all be held in memory, and yet a failed build leaves
/// the previous site as it was (see the module's steps).
pub struct Writer {
    output: PathBuf,
    /// Where changed files wait for the commit; `None` when writing in place.
    staging: Option<PathBuf>,
    /// Whether the output folder was made by this build.
    created: bool,
    /// Files written (to staging or in place).
    written: Mutex<Vec<SiteFile>>,
    committed: bool,
}

/// The hidden folder changed files wait in (hidden files are never the site's).
const STAGING: &str = ".bulletin-staging";

impl Writer {
    /// Starts writing into `output`.
    pub fn start(output: &Path) -> Result<Writer> {
        if output.is_file() {
            return Err(Error::usage(
                format!("the output folder {} is a file", output.display()),
                "remove it, or choose another output folder",
            ));
        }
        let created = !output.exists();
        let staging = fs::is_non_empty_dir(output)?.then(|| output.join(STAGING));
        if let Some(staging) = &staging {
            // Left by a build that was killed.
            if staging.exists() {
                fs::remove_dir_all(staging)?;
            }
        }
        fs::create_dir_all(output)?;
        Ok(Writer {
            output: output.to_owned(),
            staging,
            created,
            written: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Puts one file (from any thread); returns whether its bytes changed.
    pub fn put(&self, file: &SiteFile, contents: &[u8]) -> Result<bool> {
        let relative = file.to_path();
        if !is_inside(&relative) {
            return Err(Error::usage(
                format!("refusing to write {file} outside the output folder"),
                "file names of pages may not contain `..` or start with `/`",
            ));
        }
        let target = match &self.staging {
            Some(staging) => {
                let current = self.output.join(&relative);
                let same = std::fs::metadata(&current)
                    .is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64)
                    && std::fs::read(&current).is_ok_and(|bytes| bytes == contents);
                if same {
                    return Ok(false);
                }
                staging.join(&relative)
            }
            None => self.output.join(&relative),
        };
        fs::write(&target, contents)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.clone());
        Ok(true)
    }

    /// Puts a static file.
    pub fn put_asset(&self, asset: &Asset) -> Result<bool> {
        match &asset.source {
            AssetSource::Theme(bytes) => self.put(&asset.file, bytes),
            AssetSource::File(path) => self.put(&asset.file, &fs::read(path)?),
            AssetSource::Generated(bytes) => self.put(&asset.file, bytes),
        }
    }

    /// Makes the output hold the new site: removes the `stale` files, with the
    /// folders they leave empty (hidden files are left alone), then moves the
    /// changed files into place.
    pub fn commit(mut self, stale: Stale<'_>) -> Result<Committed> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let stale: Vec<PathBuf> = match (&self.staging, stale) {
            // Written in place into an empty folder: nothing else is there.
            (None, _) => Vec::new(),
            (Some(_), Stale::Listed(files)) => files.iter().map(SiteFile::to_path).collect(),
            (Some(_), Stale::Unlisted(site)) => fs::walk_files(&self.output)?
                .into_iter()
                .filter_map(|f| {
                    let relative = f.strip_prefix(&self.output).ok()?;
                    let file = SiteFile::from_path(relative)?;
                    (!site.contains(file.as_str())).then(|| relative.to_owned())
                })
                .collect(),
        };
        if let Some(file) = stale.iter().find(|f| !is_inside(f)) {
            return Err(Error::usage(
                format!(
                    "refusing to remove {} outside the output folder",
                    file.display()
                ),
                "file names of pages may not contain `..` or start with `/`",
            ));
        }
        if let Some(staging) = &self.staging {
            for file in &stale {
                fs::remove_file_and_empty_parents(&self.output.join(file), &self.output)?;
            }
            written.par_iter().try_for_each(|file| {
                let relative = file.to_path();
                let target = self.output.join(&relative);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::rename(&staging.join(&relative), &target)
            })?;
            fs::remove_dir_all(staging)?;
        }
        self.committed = true;
        Ok(Committed {
            changed: written.len(),
            removed: stale.len(),
        })
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        // The build failed: take back what it wrote.
        let _ = match &self.staging {
            Some(staging) => std::fs::remove_dir_all(staging),
            None if self.created => std::fs::remove_dir_all(&self.output),
            None => {
                let written = self.written.get_mut().unwrap_or_else(|e| e.into_inner());
                for file in written.iter() {
                    let _ = fs::remove_file_and_empty_parents(
                        &self.output.join(file.to_path()),
                        &self.output,
                    );
                }
                Ok(())
            }
        };
    }
}

/// Whether a relative path stays below the folder it is joined to.
fn is_inside(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(root: &Path) -> BTreeMap<String, String> {
        fs::walk_files(root)
            .unwrap()
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f).unwrap();
                (f.strip_prefix(root).unwrap().display().to_string(), text)
            })
            .collect()
    }

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
    fn a_writer_dropped_without_commit_takes_back_a_first_build() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let writer = Writer::start(&output).unwrap();
        assert!(writer.put(&file("en/index.html"), b"home").unwrap());
        assert!(output.join("en/index.html").is_file(), "written in place");
        drop(writer);
        assert!(!output.exists());
    }

    #[test]
    fn a_writer_over_a_site_stages_changes_until_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        for (file, text) in [
            ("a.html", "same"),
            ("b.html", "old"),
            ("gone.html", "x"),
            (".keep", "hidden"),
        ] {
            fs::write(&output.join(file), text.as_bytes()).unwrap();
        }
        let before = tree(&output);
        let mtime = |f: &str| {
            std::fs::metadata(output.join(f))
                .unwrap()
                .modified()
                .unwrap()
        };
        let kept = mtime("a.html");

        // A failed build: nothing changes, and the staging folder is gone.
        let writer = Writer::start(&output).unwrap();
        assert!(!writer.put(&file("a.html"), b"same").unwrap());
        assert!(writer.put(&file("b.html"), b"new").unwrap());
        assert!(writer.put(&file("new/c.html"), b"c").unwrap());
        assert_eq!(tree(&output), before);
        drop(writer);
        assert_eq!(tree(&output), before);
        assert!(!output.join(STAGING).exists());

        // A build that succeeds.
        let writer = Writer::start(&output).unwrap();
        for (name, text) in [("a.html", "same"), ("b.html", "new"), ("new/c.html", "c")] {
            writer.put(&file(name), text.as_bytes()).unwrap();
        }
        let site = pages(&["a.html", "b.html", "new/c.html"]);
        let committed = writer.commit(Stale::Unlisted(&site)).unwrap();
        assert_eq!((committed.changed, committed.removed), (2, 1));
        let after: Vec<(String, String)> = tree(&output).into_iter().collect();
        let expected = [("a.html", "same"), ("b.html", "new"), ("new/c.html", "c")]
            .map(|(f, t)| (f.to_owned(), t.to_owned()));
        assert_eq!(after, expected);
        assert_eq!(mtime("a.html"), kept, "an unchanged file is not touched");
        assert!(output.join(".keep").is_file());
        assert!(!output.join(STAGING).exists());
    }

    #[test]
    fn a_commit_removes_the_files_listed_and_the_folders_they_empty() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let writer = Writer::start(&out).unwrap();
        for name in ["en/a/index.html", "en/b/index.html"] {
            writer.put(&file(name), b"x").unwrap();
        }
        writer.commit(Stale::Listed(&[])).unwrap();

        let writer = Writer::start(&out).unwrap();
        writer.put(&file("en/a/index.html"), b"a2").unwrap();
        writer.put(&file("en/c/index.html"), b"c").unwrap();
        let committed = writer
            .commit(Stale::Listed(&[file("en/b/index.html")]))
            .unwrap();
        assert_eq!((committed.changed, committed.removed), (2, 1));
        let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
        assert_eq!(read("en/a/index.html"), "a2");
        assert_eq!(read("en/c/index.html"), "c");
        assert!(!out.join("en/b").exists(), "the emptied folder is gone");
        let names: Vec<_> = std::fs::read_dir(out.join("en/a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["index.html"], "no temporary file is left");
    }

    #[test]
    fn nothing_is_written_or_removed_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let writer = Writer::start(&out).unwrap();
        writer.put(&file("index.html"), b"good").unwrap();
        writer.commit(Stale::Listed(&[])).unwrap();
        std::fs::write(dir.path().join("x"), "mine").unwrap();

        let escaping = SiteFile::from_url_path("../escape.html");
        let writer = Writer::start(&out).unwrap();
        let err = writer.put(&escaping, b"bad").unwrap_err();
        assert!(
            err.to_string().contains("outside the output folder"),
            "{err}"
        );
        let err = writer
            .commit(Stale::Listed(&[SiteFile::from_url_path("../x")]))
            .unwrap_err();
        assert!(
            err.to_string().contains("outside the output folder"),
            "{err}"
        );
        assert!(!dir.path().join("escape.html").exists());
        assert!(dir.path().join("x").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "good"
        );
    }

    #[test]
    fn paths_must_stay_inside() {
        for (path, inside) in [
            ("en/index.html", true),
            ("../x.html", false),
            ("/etc/passwd", false),
            ("en/../../x", false),
            ("", false),
        ] {
            assert_eq!(is_inside(Path::new(path)), inside, "{path}");
        }
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
