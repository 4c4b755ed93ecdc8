//! File access. Every read and write of the crate goes through here, so every
//! failure names the path it concerns.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads a text input file, turning bytes that are not UTF-8 into a located diagnostic.
///
/// `shown` is the path to print (relative to the site root); `path` the one to open.
/// The outer error is for I/O failures, the inner one for content problems.
pub fn read_text(path: &Path, shown: &Path) -> Result<Result<String, Diagnostic>> {
    with_text(path, shown, str::to_owned)
}

/// Reads a UTF-8 text file like [`read_text`] and hands its text to `f`, without
/// making a `String` of it: for the articles, whose text is read once and dropped.
pub fn with_text<R>(
    path: &Path,
    shown: &Path,
    f: impl FnOnce(&str) -> R,
) -> Result<Result<R, Diagnostic>> {
    let too_large = |size| Diagnostic::file(shown, format!("this file is {size} bytes long"));
    with_text_at_most(path, shown, u64::MAX, too_large, f)
}

/// [`with_text`] for a file of at most `limit` bytes: a larger one is not
/// read, and `too_large` says why, given its size.
pub fn with_text_at_most<R>(
    path: &Path,
    shown: &Path,
    limit: u64,
    too_large: impl FnOnce(u64) -> Diagnostic,
    f: impl FnOnce(&str) -> R,
) -> Result<Result<R, Diagnostic>> {
    use io::Read;
    let mut file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > limit {
        return Ok(Err(too_large(size)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    // A vectorised check: articles in Vietnamese, Arabic or Russian are mostly
    // multi-byte characters, which the standard one goes through slowly.
    Ok(match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(f(text)),
        Err(_) => Err(not_utf8(&bytes, shown)),
    })
}

/// Where and how `bytes` (of the file shown as `shown`) stop being UTF-8.
fn not_utf8(bytes: &[u8], shown: &Path) -> Diagnostic {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |t| t.len());
    let before = String::from_utf8_lossy(&bytes[..valid]);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let line_end = bytes[valid..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| valid + i);
    let line_text = String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned();
    Diagnostic::at_line(
        shown,
        line,
        column,
        &line_text,
        format!(
            "this file is not valid UTF-8 (byte 0x{:02x} at offset {valid})",
            bytes.get(valid).copied().unwrap_or_default()
        ),
    )
    .with_hint("save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)")
}

/// Writes a file, creating its parent folders.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, contents).map_err(|e| Error::io(path, e))
}

/// Removes a file, then its parent folders up to `top` (excluded) while they are empty.
pub fn remove_file_and_empty_parents(path: &Path, top: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(Error::io(path, e)),
        _ => {}
    }
    let mut folder = path.parent();
    while let Some(f) = folder {
        if f == top || !f.starts_with(top) || fs::remove_dir(f).is_err() {
            break;
        }
        folder = f.parent();
    }
    Ok(())
}

/// Writes a file that must not exist yet (for scaffolding: never overwrite an editor's work).
pub fn write_new(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(contents).map_err(|e| Error::io(path, e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    fs::create_dir_all(path).map_err(|e| Error::io(path, e))
}

/// Removes a folder and everything in it; a missing folder is not an error.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|e| Error::io(from, e))
}

/// Finds where files really are (links followed), remembering each folder's
/// real path: the real path of a file in a folder met before costs one
/// `lstat`, where a whole `canonicalize` asks for every folder on the way.
#[derive(Debug, Default)]
pub struct RealPaths(std::sync::Mutex<rustc_hash::FxHashMap<PathBuf, PathBuf>>);

impl RealPaths {
    /// The real path of `file` and its metadata (the metadata of what a link
    /// leads to); an error when there is nothing there.
    pub fn of(&self, file: &Path) -> io::Result<(PathBuf, fs::Metadata)> {
        let metadata = fs::symlink_metadata(file)?;
        let (Some(folder), Some(name)) = (file.parent(), file.file_name()) else {
            return Ok((file.canonicalize()?, fs::metadata(file)?));
        };
        if metadata.file_type().is_symlink() {
            return Ok((file.canonicalize()?, fs::metadata(file)?));
        }
        let known = self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(folder)
            .cloned();
        let real_folder = match known {
            Some(real) => real,
            None => {
                let real = folder.canonicalize()?;
                self.0
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(folder.to_owned(), real.clone());
                real
            }
        };
        Ok((real_folder.join(name), metadata))
    }
}

/// Makes `to` another name of the file `from` (a hard link), creating `to`'s
/// folders; where the file system has no hard links, copies it and keeps its
/// modification time.
pub fn hard_link(from: &Path, to: &Path) -> Result<()> {
    // Tried first: most links go into a folder that is there already (a
    // photo's among thousands), where asking for the folder first would
    // cost two calls more than the link.
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let modified = fs::metadata(from).and_then(|m| m.modified());
    fs::copy(from, to).map_err(|e| Error::io(from, e))?;
    if let Ok(modified) = modified {
        let _ = fs::File::options()
            .write(true)
            .open(to)
            .and_then(|f| f.set_modified(modified));
    }
    Ok(())
}

/// Swaps two folders at once: no one sees one without the other. Linux does
/// it in one step (`renameat2` with `RENAME_EXCHANGE`); elsewhere, or where
/// the file system cannot, `a` is moved to `aside`, then `b` to `a`, and a
/// build that stops between the two leaves `aside` for [`recover_swap`].
/// Afterwards `b` (or `aside`) holds what `a` held.
pub fn swap(a: &Path, b: &Path, aside: &Path) -> Result<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        if exchange(a, b).is_ok() {
            return Ok(b.to_owned());
        }
    }
    rename(a, aside)?;
    rename(b, a)?;
    Ok(aside.to_owned())
}

/// The atomic exchange of two paths (Linux).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are NUL-terminated paths that live across the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Puts back the folder [`swap`] moved to `aside`, when a build stopped
/// before the new one took its place at `a`.
pub fn recover_swap(a: &Path, aside: &Path) -> Result<()> {
    if !a.exists() && aside.is_dir() {
        rename(aside, a)?;
    }
    Ok(())
}

/// A file held locked for as long as the value lives.
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
}

/// Locks the file `path` (creating it) for this process alone; `None` when
/// another holds it.
pub fn try_lock(path: &Path) -> Result<Option<Lock>> {
    let file = fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Lock { _file: file })),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(Error::io(path, e)),
    }
}

/// Whether a path exists (a broken link counts as absent).
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// Whether a folder exists and holds at least one entry.
pub fn is_non_empty_dir(path: &Path) -> Result<bool> {
    match fs::read_dir(path) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The files under `dir` (recursively, sorted by path), skipping hidden files
/// and editor leftovers; symbolic links are followed.
///
/// A missing folder yields nothing: a site without `static/` is fine.
pub fn walk_files(dir: &Path) -> Result<Vec<PathBuf>> {
    walk(dir, None)
}

/// The files of the input folder `dir` of the site at `root`, like
/// [`walk_files`], refusing symbolic links that lead outside the site (or
/// nowhere): every such link is a problem naming it and where it leads.
pub fn walk_inputs(dir: &Path, root: &Path) -> Result<Vec<PathBuf>> {
    walk(dir, Some(root))
}

fn walk(dir: &Path, inside: Option<&Path>) -> Result<Vec<PathBuf>> {
    if !dir.exists() && !dir.is_symlink() {
        return Ok(Vec::new());
    }
    let site = inside.map(|root| {
        (
            root,
            root.canonicalize().unwrap_or_else(|_| root.to_owned()),
        )
    });
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(e.file_name()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_owned();
                let leads = match e.loop_ancestor() {
                    Some(_) => "which leads back into a folder holding it",
                    None => "which leads nowhere",
                };
                match &site {
                    Some((root, _)) if path.is_symlink() => {
                        problems.push(link_problem(&path, root, leads));
                        continue;
                    }
                    _ => return Err(Error::io(path, e.into())),
                }
            }
        };
        if let Some((root, real_root)) = &site
            && entry.path_is_symlink()
        {
            let leads = match entry.path().canonicalize() {
                Ok(real) if real.starts_with(real_root) => None,
                Ok(_) => Some("which leads outside the site"),
                Err(_) => Some("which leads nowhere"),
            };
            if let Some(leads) = leads {
                problems.push(link_problem(entry.path(), root, leads));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Error::if_any(problems)?;
    Ok(files)
}

/// Refuses a file of the site at `root` that is a symbolic link leading
/// outside the site (the files a watcher reports, read without a walk).
pub fn check_inside(path: &Path, root: &Path) -> Result<()> {
    if !path.is_symlink() {
        return Ok(());
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let leads = match path.canonicalize() {
        Ok(real) if real.starts_with(&real_root) => return Ok(()),
        Ok(_) => "which leads outside the site",
        Err(_) => "which leads nowhere",
    };
    Err(Error::Input(vec![link_problem(path, root, leads)]))
}

/// The problem of a link at `path` of the site at `root`, which `leads` somewhere wrong.
fn link_problem(path: &Path, root: &Path, leads: &str) -> Diagnostic {
    let target = std::fs::read_link(path)
        .map(|t| format!(" to {}", t.display()))
        .unwrap_or_default();
    Diagnostic::file(
        &shown(root, path),
        format!("this is a symbolic link{target}, {leads}"),
    )
    .with_hint(
        "a site's files may link only to files inside the site folder: copy the file into the site, or remove the link",
    )
}

/// Hidden files, editor swap and backup files: never content, never copied.
///
/// `4913` is the file vim creates and deletes to test that a folder is writable.
pub fn is_ignored_name(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name == "4913"
        || name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Makes `path` relative to `root` for messages; leaves it as is when it is not under `root`.
pub fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.en.md");
        fs::write(&path, b"+++\ntitle = \"caf\xe9\"\n+++\n").unwrap();
        let d = read_text(&path, Path::new("a.en.md")).unwrap().unwrap_err();
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 13));
        assert!(d.message.contains("not valid UTF-8"));
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [
            ".a.md.swp",
            "a.md~",
            "#a.md#",
            ".hidden",
            "4913.tmp",
            "4913",
        ] {
            assert!(is_ignored_name(name.as_ref()), "{name}");
        }
        for name in ["a.en.md", "style.css", "logo.svg"] {
            assert!(!is_ignored_name(name.as_ref()), "{name}");
        }
    }
}
