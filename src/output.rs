//! The output folder: the only module that writes it.
//!
//! Steps of [`write()`] and [`update()`] (watch mode, whose pages are in memory):
//! 1. check that every file stays inside the output folder and that no static
//!    file collides with a page;
//! 2. remove the files no longer part of the site;
//! 3. write, in parallel, each file whose bytes changed, replacing it whole.
//!
//! A full build writes through a [`Writer`], page by page as they are rendered,
//! to a staging folder that only [`Writer::commit`] moves into place, so a failed
//! build leaves the previous site as it was. Two builds of the same input write
//! the same bytes, and a rebuild touches only the files that changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::fs;

/// A rendered page, in memory.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it goes, relative to the output folder.
    pub file: PathBuf,
    /// Its text (UTF-8): HTML, or data (CSV, JSON).
    pub contents: Vec<u8>,
    /// Whether search indexes it (article pages).
    pub searchable: bool,
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file of the built-in theme, compiled into the binary.
    Embedded(&'static [u8]),
    /// A file of the site's `static/` folder.
    File(PathBuf),
    /// A file made by the build (the search index).
    Generated(Vec<u8>),
}

/// A file copied as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where it goes, relative to the output folder.
    pub file: PathBuf,
    /// Its bytes.
    pub source: Source,
}

/// The static files of the theme, then the site's `static/` folder, which wins on equal names.
pub fn collect_assets(config: &Config, theme: &[(&str, &'static [u8])]) -> Result<Vec<Asset>> {
    let mut assets: BTreeMap<PathBuf, Source> = theme
        .iter()
        .map(|(name, bytes)| (PathBuf::from(name), Source::Embedded(bytes)))
        .collect();
    let dir = config.static_dir();
    for path in fs::walk_files(&dir)? {
        let relative = path
            .strip_prefix(&dir)
            .expect("walked under dir")
            .to_owned();
        assets.insert(relative, Source::File(path));
    }
    Ok(assets
        .into_iter()
        .map(|(file, source)| Asset { file, source })
        .collect())
}

/// Refuses output folders that would swallow the site's own files.
pub fn check_output_dir(config: &Config, output: &Path) -> Result<()> {
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

/// What [`write()`] did.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    /// Pages in the site.
    pub pages: usize,
    /// Static files in the site.
    pub assets: usize,
    /// Files whose bytes changed, and were written.
    pub changed: usize,
    /// Files removed: no longer part of the site.
    pub removed: usize,
}

/// Makes `output` hold exactly the site: writes each file whose bytes differ
/// from what is there (replaced whole, see [`fs::replace`]), leaves the others
/// untouched, their modification time included, so that sync tools upload only
/// what changed; removes the files no longer part of the site, with the folders
/// they leave empty. Hidden files (`.git`, …) are left alone.
///
/// Everything is rendered and checked before this is called: a build that fails
/// never reaches it, and the previous site stays as it was.
pub fn write(output: &Path, pages: &[Page], assets: &[Asset]) -> Result<Written> {
    check_pages(pages, assets)?;
    if output.is_file() {
        return Err(Error::usage(
            format!("the output folder {} is a file", output.display()),
            "remove it, or choose another output folder",
        ));
    }
    let wanted: BTreeSet<&Path> = pages
        .iter()
        .map(|p| p.file.as_path())
        .chain(assets.iter().map(|a| a.file.as_path()))
        .collect();
    let stale: Vec<PathBuf> = fs::walk_files(output)?
        .into_iter()
        .filter(|f| {
            f.strip_prefix(output)
                .is_ok_and(|relative| !wanted.contains(relative))
        })
        .collect();
    for file in &stale {
        fs::remove_file_and_empty_parents(file, output)?;
    }
    fs::create_dir_all(output)?;
    let changed = put_all(output, pages, assets)?;
    Ok(Written {
        pages: pages.len(),
        assets: assets.len(),
        changed,
        removed: stale.len(),
    })
}

/// The output folder of a build whose pages are written as they are rendered,
/// so that they need not all be held in memory, and yet a failed build leaves
/// the previous site as it was:
///
/// - into an empty or missing folder, files are written in place, and removed
///   again if the build fails;
/// - over a previous site, a file whose bytes are unchanged is left alone, the
///   others are written to a hidden staging folder inside the output folder,
///   and moved into place only by [`Writer::commit`], once everything is
///   rendered and checked. Dropping the writer without committing removes what
///   it wrote.
pub struct Writer {
    output: PathBuf,
    /// Where changed files wait for the commit; `None` when writing in place.
    staging: Option<PathBuf>,
    /// Whether the output folder was made by this build.
    created: bool,
    /// Files written (to staging or in place), relative to the output folder.
    written: Mutex<Vec<PathBuf>>,
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
    pub fn put(&self, file: &Path, contents: &[u8]) -> Result<bool> {
        if !is_inside(file) {
            return Err(Error::usage(
                format!(
                    "refusing to write {} outside the output folder",
                    file.display()
                ),
                "file names of pages may not contain `..` or start with `/`",
            ));
        }
        let target = match &self.staging {
            Some(staging) => {
                let current = self.output.join(file);
                let same = std::fs::metadata(&current)
                    .is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64)
                    && std::fs::read(&current).is_ok_and(|bytes| bytes == contents);
                if same {
                    return Ok(false);
                }
                staging.join(file)
            }
            None => self.output.join(file),
        };
        fs::write(&target, contents)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.to_owned());
        Ok(true)
    }

    /// Puts a static file.
    pub fn put_asset(&self, asset: &Asset) -> Result<bool> {
        match &asset.source {
            Source::Embedded(bytes) => self.put(&asset.file, bytes),
            Source::File(path) => self.put(&asset.file, &fs::read(path)?),
            Source::Generated(bytes) => self.put(&asset.file, bytes),
        }
    }

    /// Makes the output hold exactly the site whose files are `site`: moves the
    /// changed files into place and removes the files no longer part of the site,
    /// with the folders they leave empty (hidden files are left alone). Returns
    /// how many files changed and how many were removed.
    pub fn commit<'f>(
        mut self,
        site: impl IntoIterator<Item = &'f Path>,
    ) -> Result<(usize, usize)> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let stale: Vec<PathBuf> = match &self.staging {
            None => Vec::new(),
            Some(_) => {
                let site: FxHashSet<&Path> = site.into_iter().collect();
                fs::walk_files(&self.output)?
                    .into_iter()
                    .filter(|f| {
                        f.strip_prefix(&self.output)
                            .is_ok_and(|relative| !site.contains(relative))
                    })
                    .collect()
            }
        };
        if let Some(staging) = &self.staging {
            for file in &stale {
                fs::remove_file_and_empty_parents(file, &self.output)?;
            }
            written.par_iter().try_for_each(|file| {
                let target = self.output.join(file);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::rename(&staging.join(file), &target)
            })?;
            fs::remove_dir_all(staging)?;
        }
        self.committed = true;
        Ok((written.len(), stale.len()))
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
                    let _ =
                        fs::remove_file_and_empty_parents(&self.output.join(file), &self.output);
                }
                Ok(())
            }
        };
    }
}

/// Brings an output folder written before up to date in place: puts the files
/// of `pages` and `assets` (see [`write()`]) and removes the files `removed`,
/// with the folders they leave empty.
///
/// For watch mode, which serves the folder while it changes: a page is never
/// seen half-written, and the reload is signalled once all are in place.
pub fn update(output: &Path, pages: &[Page], assets: &[Asset], removed: &[PathBuf]) -> Result<()> {
    check_pages(pages, assets)?;
    if let Some(file) = removed.iter().find(|f| !is_inside(f)) {
        return Err(Error::usage(
            format!(
                "refusing to remove {} outside the output folder",
                file.display()
            ),
            "file names of pages may not contain `..` or start with `/`",
        ));
    }
    put_all(output, pages, assets)?;
    for file in removed {
        fs::remove_file_and_empty_parents(&output.join(file), output)?;
    }
    Ok(())
}

/// Puts every page and static file in parallel; returns how many were written.
fn put_all(output: &Path, pages: &[Page], assets: &[Asset]) -> Result<usize> {
    let pages: usize = pages
        .par_iter()
        .map(|p| put(&output.join(&p.file), &p.contents))
        .sum::<Result<usize>>()?;
    let assets: usize = assets
        .par_iter()
        .map(|a| match &a.source {
            Source::Embedded(bytes) => put(&output.join(&a.file), bytes),
            Source::File(path) => put(&output.join(&a.file), &fs::read(path)?),
            Source::Generated(bytes) => put(&output.join(&a.file), bytes),
        })
        .sum::<Result<usize>>()?;
    Ok(pages + assets)
}

/// Writes `contents` to `path` unless it already holds exactly them; 1 if written.
fn put(path: &Path, contents: &[u8]) -> Result<usize> {
    let same = std::fs::metadata(path)
        .is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64)
        && std::fs::read(path).is_ok_and(|bytes| bytes == contents);
    if same {
        return Ok(0);
    }
    fs::replace(path, contents)?;
    Ok(1)
}

fn check_pages(pages: &[Page], assets: &[Asset]) -> Result<()> {
    let files: Vec<PathBuf> = pages.iter().map(|p| p.file.clone()).collect();
    check_paths(&files, assets)
}

/// Refuses pages and static files that would land outside the output folder,
/// and static files that would overwrite a page.
pub fn check_paths(pages: &[PathBuf], assets: &[Asset]) -> Result<()> {
    let mut seen = FxHashSet::default();
    for file in pages {
        if !is_inside(file) {
            return Err(Error::usage(
                format!(
                    "refusing to write {} outside the output folder",
                    file.display()
                ),
                "file names of pages may not contain `..` or start with `/`",
            ));
        }
        seen.insert(file.as_path());
    }
    for asset in assets {
        if !is_inside(&asset.file) {
            return Err(Error::usage(
                format!(
                    "refusing to copy {} outside the output folder",
                    asset.file.display()
                ),
                "static files must live under static/",
            ));
        }
        if seen.contains(asset.file.as_path()) {
            return Err(Error::usage(
                format!(
                    "static/{} would overwrite a generated page",
                    asset.file.display()
                ),
                "rename or remove that file from static/",
            ));
        }
    }
    Ok(())
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

    #[test]
    fn a_writer_dropped_without_commit_takes_back_a_first_build() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let writer = Writer::start(&output).unwrap();
        assert!(writer.put(Path::new("en/index.html"), b"home").unwrap());
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
        assert!(!writer.put(Path::new("a.html"), b"same").unwrap());
        assert!(writer.put(Path::new("b.html"), b"new").unwrap());
        assert!(writer.put(Path::new("new/c.html"), b"c").unwrap());
        assert_eq!(tree(&output), before);
        drop(writer);
        assert_eq!(tree(&output), before);
        assert!(!output.join(STAGING).exists());

        // A build that succeeds.
        let writer = Writer::start(&output).unwrap();
        for (file, text) in [("a.html", "same"), ("b.html", "new"), ("new/c.html", "c")] {
            writer.put(Path::new(file), text.as_bytes()).unwrap();
        }
        let site = ["a.html", "b.html", "new/c.html"].map(Path::new);
        assert_eq!(writer.commit(site).unwrap(), (2, 1));
        let after: Vec<(String, String)> = tree(&output).into_iter().collect();
        let expected = [("a.html", "same"), ("b.html", "new"), ("new/c.html", "c")]
            .map(|(f, t)| (f.to_owned(), t.to_owned()));
        assert_eq!(after, expected);
        assert_eq!(mtime("a.html"), kept, "an unchanged file is not touched");
        assert!(output.join(".keep").is_file());
        assert!(!output.join(STAGING).exists());
    }

    fn page(file: &str, html: &str) -> Page {
        Page {
            file: file.into(),
            contents: html.into(),
            searchable: false,
        }
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
    fn replaces_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(
            &out,
            &[page("a/index.html", "one"), page("old.html", "x")],
            &[],
        )
        .unwrap();
        write(&out, &[page("a/index.html", "two")], &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the output folder remains");
    }

    #[test]
    fn only_changed_files_are_written_and_hidden_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = write(
            &out,
            &[page("same/index.html", "same"), page("new/index.html", "1")],
            &[],
        )
        .unwrap();
        assert_eq!((first.changed, first.removed), (2, 0));
        std::fs::write(out.join(".nojekyll"), "").unwrap();
        let long_ago =
            std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
        for file in ["same/index.html", "new/index.html"] {
            std::fs::File::options()
                .write(true)
                .open(out.join(file))
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        let second = write(
            &out,
            &[page("same/index.html", "same"), page("new/index.html", "2")],
            &[],
        )
        .unwrap();
        assert_eq!((second.changed, second.removed), (1, 0));
        let modified = |f: &str| std::fs::metadata(out.join(f)).unwrap().modified().unwrap();
        assert_eq!(
            modified("same/index.html"),
            long_ago,
            "unchanged bytes: untouched"
        );
        assert_ne!(modified("new/index.html"), long_ago);
        assert!(
            out.join(".nojekyll").exists(),
            "hidden files are left alone"
        );
    }

    #[test]
    fn a_failed_write_keeps_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[page("index.html", "good")], &[]).unwrap();
        let err = write(&out, &[page("../escape.html", "bad")], &[]).unwrap_err();
        assert!(err.to_string().contains("outside the output folder"));
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "good"
        );
        assert!(!dir.path().join("escape.html").exists());
    }

    #[test]
    fn updates_in_place_and_prunes_emptied_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(
            &out,
            &[page("en/a/index.html", "a"), page("en/b/index.html", "b")],
            &[],
        )
        .unwrap();
        update(
            &out,
            &[page("en/a/index.html", "a2"), page("en/c/index.html", "c")],
            &[],
            &["en/b/index.html".into()],
        )
        .unwrap();
        let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
        assert_eq!(read("en/a/index.html"), "a2");
        assert_eq!(read("en/c/index.html"), "c");
        assert!(!out.join("en/b").exists(), "the emptied folder is gone");
        assert!(out.join("en").is_dir());
        let names: Vec<_> = std::fs::read_dir(out.join("en/a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["index.html"], "no temporary file is left");

        let err = update(&out, &[], &[], &["../x".into()]).unwrap_err();
        assert!(err.to_string().contains("outside the output folder"));
    }

    #[test]
    fn static_file_may_not_hide_a_page() {
        let assets = [Asset {
            file: "en/index.html".into(),
            source: Source::Embedded(b"x"),
        }];
        let err = check_pages(&[page("en/index.html", "")], &assets).unwrap_err();
        assert!(err.to_string().contains("static/en/index.html"));
    }
}
