//! The one way the output folder is written, in two modes.
//!
//! **Replacing** (a build): the new site is made in a hidden folder beside the
//! output (`.public.bulletin-next`). A file whose bytes are the same as the
//! output's is a hard link to it, so it keeps its inode and modification time
//! and sync tools see it unchanged; the others are written there. The commit
//! carries the output's hidden entries over (`.git`, `.nojekyll`, …), then
//! swaps the two folders at once and removes the old one. Whenever a build
//! stops, the output is the whole previous site or the whole new one; what a
//! killed build left beside it is removed by the next.
//!
//! **Updating** (watch mode's private folder, rebuilt on every edit): the
//! files that changed wait in a hidden folder inside the output and are moved
//! into place at the commit, each replacing its predecessor whole, and the
//! files gone are removed. Quick, and a page is never seen half-written.
//!
//! Either way a writer dropped without a commit takes back what it wrote, and
//! one build at a time writes a folder: a hidden lock file inside it says
//! which.

use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{Asset, AssetSource, Files};
use crate::error::{Error, Result};
use crate::fs;
use crate::routes::SiteFile;

/// The hidden folder inside the output where changed files wait (updating).
const STAGING: &str = ".bulletin-staging";

/// The hidden file inside the output that the build writing it holds locked.
const LOCK: &str = ".bulletin-lock";

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

/// A build's way of writing the output folder (see the module's note).
pub struct Writer {
    output: PathBuf,
    mode: Mode,
    /// Whether the output folder was made by this build.
    created: bool,
    /// Files whose bytes changed.
    changed: AtomicUsize,
    committed: bool,
    /// Held until the writer is dropped.
    _lock: fs::Lock,
}

enum Mode {
    /// The new site is made in `next`, beside the output, and swapped in.
    Replacing {
        next: PathBuf,
        /// Where the previous site waits during a swap made of two renames.
        aside: PathBuf,
    },
    /// Changed files wait in `staging`, inside the output.
    Updating {
        staging: PathBuf,
        written: Mutex<Vec<SiteFile>>,
    },
}

impl Writer {
    /// A writer that replaces the output folder whole at the commit.
    pub fn replacing(output: &Path) -> Result<Writer> {
        let output = real_output(output)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_owned());
        let beside = |what: &str| output.with_file_name(format!(".{name}.bulletin-{what}"));
        let (next, aside) = (beside("next"), beside("previous"));
        recover(&output, &aside)?;
        let (created, lock) = open(&output)?;
        // Left by a build that was killed: it never became the output.
        for leftover in [&next, &aside] {
            fs::remove_dir_all(leftover)?;
        }
        fs::create_dir_all(&next)?;
        Ok(Writer {
            output,
            mode: Mode::Replacing { next, aside },
            created,
            changed: AtomicUsize::new(0),
            committed: false,
            _lock: lock,
        })
    }

    /// A writer that updates the output folder in place at the commit.
    pub fn updating(output: &Path) -> Result<Writer> {
        let output = real_output(output)?;
        let (created, lock) = open(&output)?;
        let staging = output.join(STAGING);
        // Left by a build that was killed.
        fs::remove_dir_all(&staging)?;
        Ok(Writer {
            output,
            mode: Mode::Updating {
                staging,
                written: Mutex::new(Vec::new()),
            },
            created,
            changed: AtomicUsize::new(0),
            committed: false,
            _lock: lock,
        })
    }

    /// Puts one file (from any thread); returns whether its bytes changed.
    pub fn put(&self, file: &SiteFile, contents: &[u8]) -> Result<bool> {
        let relative = inside(file)?;
        let current = self.output.join(&relative);
        let same = std::fs::metadata(&current)
            .is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64)
            && std::fs::read(&current).is_ok_and(|bytes| bytes == contents);
        match &self.mode {
            Mode::Replacing { next, .. } if same => {
                fs::hard_link(&current, &next.join(&relative))?;
                return Ok(false);
            }
            Mode::Replacing { next, .. } => fs::write(&next.join(&relative), contents)?,
            Mode::Updating { .. } if same => return Ok(false),
            Mode::Updating { staging, written } => {
                fs::write(&staging.join(&relative), contents)?;
                written
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(file.clone());
            }
        }
        self.changed.fetch_add(1, Ordering::Relaxed);
        Ok(true)
    }

    /// Puts a file whose name says what its bytes are (a photo's): the
    /// output's own when it has the file already, else `source`'s, linked.
    pub fn put_linked(&self, file: &SiteFile, source: &Path) -> Result<bool> {
        let relative = inside(file)?;
        let current = self.output.join(&relative);
        let there = match &self.mode {
            Mode::Replacing { next, .. } => {
                let to = next.join(&relative);
                // A rebuild's photos are in the output already: one call each.
                if std::fs::hard_link(&current, &to).is_ok() {
                    true
                } else {
                    let there = current.is_file();
                    fs::hard_link(if there { &current } else { source }, &to)?;
                    there
                }
            }
            Mode::Updating { .. } => current.is_file(),
        };
        match &self.mode {
            Mode::Replacing { .. } => {}
            Mode::Updating { .. } if there => {}
            Mode::Updating { staging, written } => {
                fs::hard_link(source, &staging.join(&relative))?;
                written
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(file.clone());
            }
        }
        if there {
            return Ok(false);
        }
        self.changed.fetch_add(1, Ordering::Relaxed);
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

    /// Makes the output hold the new site: replacing, the `stale` files are
    /// counted (they are simply not in the new site); updating, they are
    /// removed, with the folders they leave empty, and the changed files moved
    /// into place. Hidden files are left alone either way.
    pub fn commit(mut self, stale: Stale<'_>) -> Result<Committed> {
        let changed = self.changed.load(Ordering::Relaxed);
        let removed = match &self.mode {
            Mode::Replacing { next, aside } => {
                let previous = carry_hidden(&self.output, next, &stale)?;
                let old = fs::swap(&self.output, next, aside)?;
                self.committed = true;
                previous.remove_from(&old)?;
                previous.removed
            }
            Mode::Updating { staging, written } => {
                let written =
                    std::mem::take(&mut *written.lock().unwrap_or_else(|e| e.into_inner()));
                let stale = stale_files(&self.output, &stale)?;
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
                self.committed = true;
                stale.len()
            }
        };
        Ok(Committed { changed, removed })
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        // The build failed: take back what it wrote.
        let _ = match &self.mode {
            Mode::Replacing { next, .. } => std::fs::remove_dir_all(next),
            Mode::Updating { staging, .. } => std::fs::remove_dir_all(staging),
        };
        if self.created {
            let _ = std::fs::remove_dir_all(&self.output);
        }
    }
}

/// Where `file` goes, relative to the output folder; an error when that
/// would be outside it.
fn inside(file: &SiteFile) -> Result<PathBuf> {
    let relative = file.to_path();
    if !is_inside(&relative) {
        return Err(Error::usage(
            format!("refusing to write {file} outside the output folder"),
            "file names of pages may not contain `..` or start with `/`",
        ));
    }
    Ok(relative)
}

/// The output folder `output` names: where a symbolic link to it leads, so
/// that the folder is replaced, not the link.
fn real_output(output: &Path) -> Result<PathBuf> {
    if output.is_file() {
        return Err(Error::usage(
            format!("the output folder {} is a file", output.display()),
            "remove it, or choose another output folder",
        ));
    }
    Ok(match output.canonicalize() {
        Ok(real) if output.is_symlink() => real,
        _ => output.to_owned(),
    })
}

/// Puts back the previous site a build stopped in the middle of a swap made
/// of two renames had moved aside (unless that build is still running).
fn recover(output: &Path, aside: &Path) -> Result<()> {
    if output.exists() || !aside.is_dir() {
        return Ok(());
    }
    match fs::try_lock(&aside.join(LOCK))? {
        Some(_lock) => fs::recover_swap(output, aside),
        None => Err(busy(output)),
    }
}

/// The error of a folder another build is writing.
fn busy(output: &Path) -> Error {
    Error::usage(
        format!("another build is writing {} now", output.display()),
        "wait for it to finish and build again; two builds never write one folder at once",
    )
}

/// Makes the output folder if needed, and takes its lock; returns whether the
/// folder was made.
fn open(output: &Path) -> Result<(bool, fs::Lock)> {
    let created = !output.exists();
    fs::create_dir_all(output)?;
    match fs::try_lock(&output.join(LOCK))? {
        Some(lock) => Ok((created, lock)),
        None => Err(busy(output)),
    }
}

/// The previous site's files, read once before a swap: what to remove after.
struct Previous {
    /// Its files and folders (but hidden ones), relative to it; folders after
    /// the files and folders they hold.
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
    /// How many of its files the new site does not have.
    removed: usize,
}

impl Previous {
    /// Removes the previous site, now at `old`: the files on every core, then
    /// the folders, then what is left (hidden entries).
    fn remove_from(&self, old: &Path) -> Result<()> {
        self.files.par_iter().for_each(|f| {
            let _ = std::fs::remove_file(old.join(f));
        });
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(old.join(folder));
        }
        fs::remove_dir_all(old)
    }
}

/// Replacing: puts into `next` a link to each hidden entry of `output` (its
/// lock file too, whose lock thus holds across the swap), and lists the files
/// of `output`, counting those the new site does not have.
fn carry_hidden(output: &Path, next: &Path, stale: &Stale<'_>) -> Result<Previous> {
    let mut previous = Previous {
        files: Vec::new(),
        folders: Vec::new(),
        removed: 0,
    };
    let mut walker = walkdir::WalkDir::new(output).min_depth(1).into_iter();
    while let Some(entry) = walker.next() {
        let entry =
            entry.map_err(|e| Error::io(e.path().unwrap_or(output).to_owned(), e.into()))?;
        let relative = entry.path().strip_prefix(output).expect("walked under it");
        if fs::is_ignored_name(entry.file_name()) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
                if entry.file_name() != STAGING {
                    link_tree(entry.path(), &next.join(relative))?;
                }
            } else {
                fs::hard_link(entry.path(), &next.join(relative))?;
            }
        } else if entry.file_type().is_dir() {
            previous.folders.push(relative.to_owned());
        } else {
            let gone = match stale {
                Stale::Unlisted(site) => {
                    SiteFile::from_path(relative).is_none_or(|f| !site.contains(f.as_str()))
                }
                Stale::Listed(files) => {
                    SiteFile::from_path(relative).is_some_and(|f| files.contains(&f))
                }
            };
            previous.removed += usize::from(gone && entry.file_type().is_file());
            previous.files.push(relative.to_owned());
        }
    }
    Ok(previous)
}

/// Puts into `to` a link to every file of the folder `from`, keeping its folders.
fn link_tree(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.map_err(|e| Error::io(e.path().unwrap_or(from).to_owned(), e.into()))?;
        let target = to.join(entry.path().strip_prefix(from).expect("walked under it"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else {
            fs::hard_link(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Updating: the files of `output` to remove.
fn stale_files(output: &Path, stale: &Stale<'_>) -> Result<Vec<PathBuf>> {
    let files: Vec<PathBuf> = match stale {
        Stale::Listed(files) => files.iter().map(SiteFile::to_path).collect(),
        Stale::Unlisted(site) => fs::walk_files(output)?
            .into_iter()
            .filter_map(|f| {
                let relative = f.strip_prefix(output).ok()?;
                let file = SiteFile::from_path(relative)?;
                (!site.contains(file.as_str())).then(|| relative.to_owned())
            })
            .collect(),
    };
    if let Some(file) = files.iter().find(|f| !is_inside(f)) {
        return Err(Error::usage(
            format!(
                "refusing to remove {} outside the output folder",
                file.display()
            ),
            "file names of pages may not contain `..` or start with `/`",
        ));
    }
    Ok(files)
}

/// Whether a relative path stays below the folder it is joined to.
fn is_inside(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().next().is_some()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Every file under `root` (hidden ones too, but for the lock) with its text.
    fn tree(root: &Path) -> BTreeMap<String, String> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file() && e.file_name() != LOCK)
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap();
                let name = e.path().strip_prefix(root).unwrap().display().to_string();
                (name, text)
            })
            .collect()
    }

    fn file(name: &str) -> SiteFile {
        SiteFile::from_path(Path::new(name)).unwrap()
    }

    /// The files of a site, for a commit.
    struct Site(Vec<&'static str>);

    impl Files for Site {
        fn contains(&self, file: &str) -> bool {
            self.0.contains(&file)
        }
    }

    /// Everything in the folder holding the output.
    fn beside(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_first_build_dropped_without_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let writer = Writer::replacing(&output).unwrap();
        assert!(writer.put(&file("en/index.html"), b"home").unwrap());
        drop(writer);
        assert_eq!(beside(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn replacing_keeps_unchanged_files_and_hidden_ones_and_swaps_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        for (name, text) in [
            ("a.html", "same"),
            ("b.html", "old"),
            ("gone/x.html", "x"),
            (".nojekyll", ""),
            (".git/HEAD", "ref"),
        ] {
            fs::write(&output.join(name), text.as_bytes()).unwrap();
        }
        let before = tree(&output);
        #[cfg(unix)]
        let inode = |f: &str| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(output.join(f)).unwrap().ino()
        };
        let mtime = |f: &str| {
            std::fs::metadata(output.join(f))
                .unwrap()
                .modified()
                .unwrap()
        };
        #[cfg(unix)]
        let kept_inode = inode("a.html");
        let kept_mtime = mtime("a.html");

        // A failed build: nothing changes, and nothing is left beside it.
        let writer = Writer::replacing(&output).unwrap();
        assert!(!writer.put(&file("a.html"), b"same").unwrap());
        assert!(writer.put(&file("b.html"), b"new").unwrap());
        assert_eq!(tree(&output), before);
        drop(writer);
        assert_eq!(tree(&output), before);
        assert_eq!(beside(dir.path()), ["public"]);

        // A build that succeeds.
        let writer = Writer::replacing(&output).unwrap();
        for (name, text) in [("a.html", "same"), ("b.html", "new"), ("new/c.html", "c")] {
            writer.put(&file(name), text.as_bytes()).unwrap();
        }
        assert_eq!(tree(&output), before, "nothing changes before the commit");
        let site = Site(vec!["a.html", "b.html", "new/c.html"]);
        let committed = writer.commit(Stale::Unlisted(&site)).unwrap();
        assert_eq!((committed.changed, committed.removed), (2, 1));
        let after: Vec<(String, String)> = tree(&output).into_iter().collect();
        let expected = [
            (".git/HEAD", "ref"),
            (".nojekyll", ""),
            ("a.html", "same"),
            ("b.html", "new"),
            ("new/c.html", "c"),
        ]
        .map(|(f, t)| (f.to_owned(), t.to_owned()));
        assert_eq!(after, expected);
        #[cfg(unix)]
        assert_eq!(
            inode("a.html"),
            kept_inode,
            "an unchanged file is the same file"
        );
        assert_eq!(mtime("a.html"), kept_mtime);
        assert_eq!(beside(dir.path()), ["public"], "nothing is left beside it");
    }

    #[test]
    fn a_killed_build_s_leftovers_are_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::write(&output.join("a.html"), b"a").unwrap();
        fs::write(&dir.path().join(".public.bulletin-next/half.html"), b"x").unwrap();
        let writer = Writer::replacing(&output).unwrap();
        writer.put(&file("a.html"), b"a").unwrap();
        writer
            .commit(Stale::Unlisted(&Site(vec!["a.html"])))
            .unwrap();
        assert_eq!(beside(dir.path()), ["public"]);

        // Stopped between the two renames of a swap: the previous site is put back.
        std::fs::rename(&output, dir.path().join(".public.bulletin-previous")).unwrap();
        let writer = Writer::replacing(&output).unwrap();
        assert_eq!(std::fs::read_to_string(output.join("a.html")).unwrap(), "a");
        drop(writer);
    }

    #[test]
    fn one_build_at_a_time_writes_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = Writer::replacing(&output).unwrap();
        for second in [Writer::replacing(&output), Writer::updating(&output)] {
            let err = second.err().expect("the folder is busy").to_string();
            assert!(err.contains("another build is writing"), "{err}");
        }
        drop(first);
        Writer::replacing(&output).unwrap();
    }

    #[test]
    fn updating_moves_changes_into_place_and_removes_the_files_listed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let writer = Writer::replacing(&out).unwrap();
        for name in ["en/a/index.html", "en/b/index.html"] {
            writer.put(&file(name), b"x").unwrap();
        }
        writer.commit(Stale::Listed(&[])).unwrap();

        let writer = Writer::updating(&out).unwrap();
        writer.put(&file("en/a/index.html"), b"a2").unwrap();
        writer.put(&file("en/c/index.html"), b"c").unwrap();
        assert!(
            !out.join("en/c/index.html").exists(),
            "not before the commit"
        );
        let committed = writer
            .commit(Stale::Listed(&[file("en/b/index.html")]))
            .unwrap();
        assert_eq!((committed.changed, committed.removed), (2, 1));
        let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
        assert_eq!(read("en/a/index.html"), "a2");
        assert_eq!(read("en/c/index.html"), "c");
        assert!(!out.join("en/b").exists(), "the emptied folder is gone");
        assert!(!out.join(STAGING).exists());
    }

    #[test]
    fn nothing_is_written_or_removed_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let writer = Writer::replacing(&out).unwrap();
        writer.put(&file("index.html"), b"good").unwrap();
        writer.commit(Stale::Listed(&[])).unwrap();
        std::fs::write(dir.path().join("x"), "mine").unwrap();

        let escaping = SiteFile::from_url_path("../escape.html");
        for replacing in [true, false] {
            let writer = match replacing {
                true => Writer::replacing(&out).unwrap(),
                false => Writer::updating(&out).unwrap(),
            };
            let err = writer.put(&escaping, b"bad").unwrap_err();
            assert!(
                err.to_string().contains("outside the output folder"),
                "{err}"
            );
        }
        let writer = Writer::updating(&out).unwrap();
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
}
