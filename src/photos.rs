//! Photos: the pictures articles show, read, processed and published.
//!
//! Steps of [`Photos::prepare`], while an article is parsed (on every core),
//! for each photo it shows:
//! 1. read the photo: its size, turned upright as its EXIF orientation says,
//!    and a hash of its bytes. A file with the same length and change times
//!    (see [`stamp`]) as when it was last read is not read again: what it
//!    held is in the index of the cache;
//! 2. unless the cache has its files, decode it (refused beyond a number of
//!    pixels), turn it upright, resize it to the configured widths (never
//!    wider than it is) and encode it as WebP, with one JPEG for browsers
//!    without WebP. Encoding from the pixels carries no metadata over: no
//!    EXIF, no GPS position. A photo that translations share is made once.
//!
//! Publishing then puts each file once ([`Photos::files`]), at an address
//! named by the photo's bytes and the settings (`/photos/<key>-<width>.webp`),
//! whichever articles and languages show it.
//!
//! The cache (`.bulletin-cache/photos/` in the site) is keyed by the same
//! name, so a changed photo or changed settings make new files, and a build
//! prunes what its site no longer shows.

mod process;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::UNIX_EPOCH;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::{Config, PhotoSettings};
use crate::error::Result;
use crate::fs;
use crate::layout;
use crate::routes::{Routes, SiteFile};
use crate::timings::CpuTime;

/// A photo of the site, known by its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Photo {
    /// Names its published files: a hash of its bytes and of the settings.
    pub key: String,
    /// Its width, upright.
    pub width: u32,
    /// Its height, upright.
    pub height: u32,
    /// Its file.
    pub source: PathBuf,
}

/// The formats a photo is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// WebP, at every width.
    Webp,
    /// JPEG, at one width, for browsers without WebP.
    Jpeg,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
        }
    }
}

/// One published file of a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Variant {
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// Its format.
    pub format: Format,
}

impl Photo {
    /// The widths it is published at: each configured width narrower than
    /// it, and its own when it is narrower than the widest configured.
    pub fn widths(&self, settings: &PhotoSettings) -> Vec<u32> {
        let mut widths: Vec<u32> = settings
            .widths
            .iter()
            .copied()
            .filter(|w| *w < self.width)
            .collect();
        let widest = settings.widths.last().copied().unwrap_or(self.width);
        if self.width <= widest {
            widths.push(self.width);
        }
        widths
    }

    /// Its files: WebP at each width, and a JPEG at the middle one.
    pub fn variants(&self, settings: &PhotoSettings) -> Vec<Variant> {
        let widths = self.widths(settings);
        let height = |w: u32| {
            let h = (u64::from(self.height) * u64::from(w) + u64::from(self.width) / 2)
                / u64::from(self.width.max(1));
            u32::try_from(h.max(1)).unwrap_or(u32::MAX)
        };
        let mut variants: Vec<Variant> = widths
            .iter()
            .map(|&width| Variant {
                width,
                height: height(width),
                format: Format::Webp,
            })
            .collect();
        let fallback = widths[(widths.len() - 1) / 2];
        variants.push(Variant {
            width: fallback,
            height: height(fallback),
            format: Format::Jpeg,
        });
        variants
    }

    /// The name of one of its files in the photos' folder.
    pub fn file_name(&self, variant: &Variant) -> String {
        format!(
            "{}-{}.{}",
            self.key,
            variant.width,
            variant.format.extension()
        )
    }
}

/// Why a photo cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: &'static str,
}

/// What a photo's file held when it was last read, and how to tell it has
/// not changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Known {
    len: u64,
    /// When it last changed (see [`stamp`]).
    modified: u128,
    /// A hash of its bytes.
    hash: u128,
    width: u32,
    height: u32,
}

/// The photos of a site: what their files held when last read, the cache of
/// their published files, and counts of the work done.
#[derive(Debug)]
pub struct Photos {
    settings: PhotoSettings,
    /// The settings' part of every key.
    settings_hash: u64,
    /// The cache folder.
    cache: PathBuf,
    /// The site's folder: the index names files relative to it, so that it
    /// serves however the site is named on the command line.
    root: PathBuf,
    /// What each photo file held, by path: read from the cache's index, and
    /// added to as files are read.
    known: Mutex<FxHashMap<PathBuf, Known>>,
    /// Whether `known` has entries the index lacks.
    learned: Mutex<bool>,
    /// The photos being made, by key: a photo two translations show is made
    /// by the first to ask, and the other waits for it.
    making: Mutex<HashMap<String, Making>>,
    /// The photo files being read, by path, length and change stamp: a
    /// file two translations show is read by the first to ask.
    reading: Mutex<HashMap<(PathBuf, u64, u128), Reading>>,
    /// The work done since the site was loaded.
    work: Counters,
    /// The time [`Photos::prepare`] took, added up over threads.
    spent: CpuTime,
}

/// Counts of the work done on photos.
#[derive(Debug, Default)]
struct Counters {
    read: AtomicUsize,
    decoded: AtomicUsize,
}

/// The work done on photos since the site was loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Photo files read and hashed (those new or changed since last read).
    pub read: usize,
    /// Photos decoded and made (those whose files the cache did not have).
    pub decoded: usize,
}

impl std::ops::Sub for Work {
    type Output = Work;
    fn sub(self, before: Work) -> Work {
        Work {
            read: self.read - before.read,
            decoded: self.decoded - before.decoded,
        }
    }
}

/// A photo being made, or made: whether it could be.
type Making = Arc<OnceLock<std::result::Result<(), Problem>>>;

/// A photo file being read, or read: what it holds, or why it cannot be shown.
type Reading = Arc<OnceLock<std::result::Result<Known, Problem>>>;

/// The index of what photo files held, in the cache folder.
const INDEX: &str = "index.tsv";

/// Bumped when the processing changes, so that the cache is made again.
const PROCESSING_VERSION: u32 = 1;

impl Photos {
    /// The photos of the site `config` describes, with what the cache knows of them.
    pub fn load(config: &Config) -> Photos {
        let cache = config.root.join(layout::CACHE).join("photos");
        let known = read_index(&cache.join(INDEX));
        let mut h = crate::fingerprint::hasher();
        (PROCESSING_VERSION, &config.photos).hash(&mut h);
        Photos {
            settings: config.photos.clone(),
            settings_hash: h.finish(),
            cache,
            root: config.root.clone(),
            known: Mutex::new(known),
            learned: Mutex::new(false),
            making: Mutex::default(),
            reading: Mutex::default(),
            work: Counters::default(),
            spent: CpuTime::default(),
        }
    }

    /// The settings photos are published with.
    pub fn settings(&self) -> &PhotoSettings {
        &self.settings
    }

    /// The work done since the site was loaded.
    pub fn work(&self) -> Work {
        Work {
            read: self.work.read.load(Ordering::Relaxed),
            decoded: self.work.decoded.load(Ordering::Relaxed),
        }
    }

    /// Prepares the photo in `path`, whose metadata is `metadata` (steps 1
    /// and 2): reads it, and makes its files unless the cache has them.
    pub fn prepare(
        &self,
        path: &Path,
        metadata: &std::fs::Metadata,
    ) -> std::result::Result<Photo, Problem> {
        self.spent.time(|| self.prepared(path, metadata))
    }

    /// The time [`Photos::prepare`] took so far, added up over threads.
    pub fn spent(&self) -> std::time::Duration {
        self.spent.total()
    }

    fn prepared(
        &self,
        path: &Path,
        metadata: &std::fs::Metadata,
    ) -> std::result::Result<Photo, Problem> {
        let photo = self.read(path, metadata)?;
        let dir = self.cache.join(&photo.key);
        if dir.is_dir() {
            return Ok(photo);
        }
        let once = Arc::clone(
            self.making
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(photo.key.clone())
                .or_default(),
        );
        let made = once.get_or_init(|| {
            if dir.is_dir() {
                return Ok(());
            }
            self.work.decoded.fetch_add(1, Ordering::Relaxed);
            process::make(
                &photo,
                &photo.variants(&self.settings),
                &self.settings,
                &dir,
            )
        });
        made.clone().map(|()| photo)
    }

    /// Step 1: the photo in `path`, its size upright and its key. A file
    /// two articles show is read by the first to ask.
    fn read(
        &self,
        path: &Path,
        metadata: &std::fs::Metadata,
    ) -> std::result::Result<Photo, Problem> {
        if !metadata.is_file() {
            return Err(Problem {
                message: format!("there is no photo {}", path.display()),
                hint: "photos go beside the article, and are named relative to its file: ![Alt text](photo.jpg)",
            });
        }
        let modified = stamp(metadata);
        let len = metadata.len();
        let known = self
            .known
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(self.in_index(path))
            .filter(|k| k.len == len && k.modified == modified)
            .cloned();
        let known = match known {
            Some(known) => known,
            None => {
                let once = Arc::clone(
                    self.reading
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .entry((path.to_owned(), len, modified))
                        .or_default(),
                );
                once.get_or_init(|| self.learn(path, len, modified))
                    .clone()?
            }
        };
        Ok(Photo {
            key: format!(
                "{:016x}",
                (known.hash as u64) ^ (known.hash >> 64) as u64 ^ self.settings_hash
            ),
            width: known.width,
            height: known.height,
            source: path.to_owned(),
        })
    }

    /// Reads the photo file `path`, of length `len` and modified at
    /// `modified`, and keeps what it holds for the index.
    fn learn(&self, path: &Path, len: u64, modified: u128) -> std::result::Result<Known, Problem> {
        self.work.read.fetch_add(1, Ordering::Relaxed);
        let bytes = fs::read(path).map_err(|e| Problem {
            message: format!("the photo cannot be read: {e}"),
            hint: "check that the file is there and readable",
        })?;
        let (width, height) = process::upright_size(&bytes, &self.settings)?;
        let known = Known {
            len,
            modified,
            hash: xxhash_rust::xxh3::xxh3_128(&bytes),
            width,
            height,
        };
        self.known
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(self.in_index(path).to_owned(), known.clone());
        *self.learned.lock().unwrap_or_else(|e| e.into_inner()) = true;
        Ok(known)
    }

    /// How the index names the file `path`.
    fn in_index<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// Keeps in the cache's index what was learned of photo files (after a
    /// build: an index that cannot be written only costs reading them again).
    pub fn save_index(&self) {
        let mut learned = self.learned.lock().unwrap_or_else(|e| e.into_inner());
        if !*learned {
            return;
        }
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        let mut sorted: Vec<(&PathBuf, &Known)> = known.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut text = String::new();
        for (path, k) in sorted {
            let Some(path) = path.to_str().filter(|p| !p.contains(['\t', '\n'])) else {
                continue;
            };
            let _ = writeln!(
                text,
                "{path}\t{}\t{}\t{:032x}\t{}\t{}",
                k.len, k.modified, k.hash, k.width, k.height
            );
        }
        if write_atomically(&self.cache.join(INDEX), text.as_bytes()).is_ok() {
            *learned = false;
        }
    }

    /// The published files of `photo`, and where their bytes are in the cache.
    pub fn files(&self, photo: &Photo) -> Vec<PhotoFile> {
        let dir = self.cache.join(&photo.key);
        photo
            .variants(&self.settings)
            .iter()
            .map(|v| {
                let name = photo.file_name(v);
                PhotoFile {
                    file: SiteFile::photo(&name),
                    source: dir.join(&name),
                }
            })
            .collect()
    }

    /// Removes from the cache what the photos `used` do not need, and from the
    /// index the files no longer read.
    pub fn prune(&self, used: &FxHashSet<&str>, read: &FxHashSet<&Path>) {
        if let Ok(entries) = std::fs::read_dir(&self.cache) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let is_entry = entry.file_type().is_ok_and(|t| t.is_dir());
                if is_entry && !used.contains(name.as_ref()) {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        let before = known.len();
        let read: FxHashSet<&Path> = read.iter().map(|p| self.in_index(p)).collect();
        known.retain(|path, _| read.contains(path.as_path()));
        if known.len() != before {
            *self.learned.lock().unwrap_or_else(|e| e.into_inner()) = true;
        }
    }
}

/// A published file of a photo, and where its bytes are in the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFile {
    /// Where it goes in the output.
    pub file: SiteFile,
    /// Its bytes.
    pub source: PathBuf,
}

/// When a file last changed, in nanoseconds: its modification time, which
/// tools can set back (`cp -p`, `touch -r`, unpacking an archive), and where
/// the system has one, the time its inode changed, which none can.
fn stamp(metadata: &std::fs::Metadata) -> u128 {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    #[cfg(unix)]
    let modified = {
        use std::os::unix::fs::MetadataExt;
        let changed =
            i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec());
        modified ^ (changed as u128).rotate_left(64)
    };
    modified
}

/// The index of the cache, or nothing when it cannot be read.
fn read_index(path: &Path) -> FxHashMap<PathBuf, Known> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return FxHashMap::default();
    };
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let path = PathBuf::from(fields.next()?);
            let known = Known {
                len: fields.next()?.parse().ok()?,
                modified: fields.next()?.parse().ok()?,
                hash: u128::from_str_radix(fields.next()?, 16).ok()?,
                width: fields.next()?.parse().ok()?,
                height: fields.next()?.parse().ok()?,
            };
            Some((path, known))
        })
        .collect()
}

/// Writes a file of the cache whole: a temporary file renamed over it.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let temporary = path.with_extension("tmp");
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path)
}

/// What the HTML of a photo is made of: its WebP files' `srcset`, its
/// JPEG, and that JPEG's size (the size every file shares, to the pixel).
/// The same in every language: the alt text is the page's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Every WebP file with its width (`/photos/…-480.webp 480w, …`).
    pub srcset: String,
    /// The JPEG, for browsers without WebP.
    pub src: String,
    /// The JPEG's width.
    pub width: u32,
    /// The JPEG's height.
    pub height: u32,
}

impl Picture {
    /// The picture of `photo`, published with `settings` at `routes`.
    pub fn new(photo: &Photo, settings: &PhotoSettings, routes: &Routes) -> Picture {
        let variants = photo.variants(settings);
        let srcset: Vec<String> = variants
            .iter()
            .filter(|v| v.format == Format::Webp)
            .map(|v| format!("{} {}w", routes.photo(&photo.file_name(v)), v.width))
            .collect();
        let fallback = variants
            .iter()
            .find(|v| v.format == Format::Jpeg)
            .expect("every photo has a JPEG");
        Picture {
            srcset: srcset.join(", "),
            src: routes.photo(&photo.file_name(fallback)),
            width: fallback.width,
            height: fallback.height,
        }
    }

    /// Its JPEG alone, at `src` (an absolute URL, for feed readers, which
    /// know neither `<picture>` nor `srcset`), described by `alt`.
    pub fn img(&self, src: &str, alt: &str) -> String {
        format!(
            r#"<img src="{}" alt="{}" width="{}" height="{}">"#,
            escape(src),
            escape(alt),
            self.width,
            self.height
        )
    }

    /// Its HTML with the alt text `alt`, shown at `sizes` (see [`SIZES`]);
    /// `lead` for the photo at the top of a page, which loads first, where
    /// others load when they come into view.
    pub fn html(&self, alt: &str, sizes: &str, lead: bool) -> String {
        PictureRef {
            srcset: &self.srcset,
            src: &self.src,
            width: self.width,
            height: self.height,
            alt,
        }
        .html_up_to(sizes, lead, None)
    }
}

/// The pictures of the photos a build shows, each made when first asked
/// for and shared: a list shows a photo on many pages, in every language,
/// and a watch rebuild renders a few pages only.
#[derive(Debug)]
pub struct Pictures<'a> {
    settings: &'a PhotoSettings,
    routes: &'a Routes,
    made: Mutex<FxHashMap<String, Arc<Picture>>>,
}

impl<'a> Pictures<'a> {
    /// Pictures of photos published with `settings` at `routes`.
    pub fn new(settings: &'a PhotoSettings, routes: &'a Routes) -> Pictures<'a> {
        Pictures {
            settings,
            routes,
            made: Mutex::default(),
        }
    }

    /// The picture of `photo`.
    pub fn get(&self, photo: &Photo) -> Arc<Picture> {
        if let Some(picture) = self
            .made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&photo.key)
        {
            return Arc::clone(picture);
        }
        let picture = Arc::new(Picture::new(photo, self.settings, self.routes));
        self.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(photo.key.clone(), Arc::clone(&picture));
        picture
    }
}

/// A [`Picture`]'s parts, borrowed: from a template's values, where the
/// `picture` function finds them.
#[derive(Debug, Clone, Copy)]
pub struct PictureRef<'a> {
    pub srcset: &'a str,
    pub src: &'a str,
    pub width: u32,
    pub height: u32,
    pub alt: &'a str,
}

impl PictureRef<'_> {
    /// Its HTML (see [`Picture::html`]), its `srcset` offering no file wider
    /// than needed for `widest` pixels (the widest it is shown, times the
    /// densest screen): the first at least that wide, and the narrower ones.
    pub fn html_up_to(&self, sizes: &str, lead: bool, widest: Option<u32>) -> String {
        let srcset = match widest {
            Some(widest) => srcset_up_to(self.srcset, widest),
            None => self.srcset,
        };
        let loading = if lead {
            r#"fetchpriority="high""#
        } else {
            r#"loading="lazy" decoding="async""#
        };
        // Written into one string, values escaped in place: lists make one
        // per item.
        let mut html = String::with_capacity(200 + srcset.len() + self.src.len() + self.alt.len());
        let escaped = |html: &mut String, text: &str| {
            pulldown_cmark_escape::escape_html(&mut *html, text).expect("writing to a String")
        };
        html.push_str(r#"<picture><source type="image/webp" srcset=""#);
        escaped(&mut html, srcset);
        html.push_str(r#"" sizes=""#);
        escaped(&mut html, sizes);
        html.push_str(r#""><img src=""#);
        escaped(&mut html, self.src);
        html.push_str(r#"" alt=""#);
        escaped(&mut html, self.alt);
        let _ = write!(
            html,
            r#"" width="{}" height="{}" {loading}></picture>"#,
            self.width, self.height
        );
        html
    }
}

/// The start of `srcset` (`a-480.webp 480w, a-960.webp 960w, …`, narrowest
/// first) up to its first file at least `widest` pixels wide.
fn srcset_up_to(srcset: &str, widest: u32) -> &str {
    let mut end = 0;
    for entry in srcset.split(", ") {
        end += entry.len();
        let width = entry
            .rsplit_once(' ')
            .and_then(|(_, w)| w.strip_suffix('w')?.parse::<u32>().ok());
        if width.is_none_or(|w| w >= widest) {
            break;
        }
        end += ", ".len();
    }
    &srcset[..end.min(srcset.len())]
}

/// A photo's figure: its picture (HTML), its caption and its credit line
/// (text), each when there is one.
pub fn figure(picture: &str, caption: Option<&str>, credit: Option<&str>) -> String {
    let caption = caption.map(str::trim).filter(|c| !c.is_empty());
    let credit = credit.map(str::trim).filter(|c| !c.is_empty());
    let mut html = format!("<figure class=\"photo\">{picture}");
    if caption.is_some() || credit.is_some() {
        html.push_str("<figcaption>");
        if let Some(caption) = caption {
            html.push_str(&escape(caption));
        }
        if let Some(credit) = credit {
            if caption.is_some() {
                html.push(' ');
            }
            html.push_str("<span class=\"credit\">");
            html.push_str(&escape(credit));
            html.push_str("</span>");
        }
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>\n");
    html
}

/// How wide a photo is shown: the whole width of a phone, the text column's
/// (46rem) on a wider screen.
pub const SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// Text escaped for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String");
    out
}

/// Whether a Markdown image's address names a photo beside the article: a
/// relative path, not an address of the web or of the site's root.
pub fn is_beside(address: &str) -> bool {
    !address.is_empty()
        && !address.starts_with('/')
        && !address.starts_with('#')
        && url::Url::parse(address).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32) -> Photo {
        Photo {
            key: "k".into(),
            width,
            height,
            source: PathBuf::from("p.jpg"),
        }
    }

    #[test]
    fn a_srcset_offers_files_up_to_the_first_wide_enough() {
        let srcset = "/p/a-480.webp 480w, /p/a-960.webp 960w, /p/a-1600.webp 1600w";
        assert_eq!(srcset_up_to(srcset, 336), "/p/a-480.webp 480w");
        assert_eq!(srcset_up_to(srcset, 480), "/p/a-480.webp 480w");
        assert_eq!(
            srcset_up_to(srcset, 481),
            "/p/a-480.webp 480w, /p/a-960.webp 960w"
        );
        assert_eq!(srcset_up_to(srcset, 5000), srcset);
        assert_eq!(
            srcset_up_to("/p/a-480.webp 480w", 100),
            "/p/a-480.webp 480w"
        );
    }

    #[test]
    fn widths_are_never_wider_than_the_photo() {
        let settings = PhotoSettings::default();
        for (width, widths) in [
            (4000, vec![480, 960, 1600]),
            (1600, vec![480, 960, 1600]),
            (1200, vec![480, 960, 1200]),
            (700, vec![480, 700]),
            (300, vec![300]),
        ] {
            assert_eq!(photo(width, 1000).widths(&settings), widths, "{width}");
        }
        let variants = photo(3000, 2000).variants(&settings);
        let jpeg: Vec<_> = variants
            .iter()
            .filter(|v| v.format == Format::Jpeg)
            .collect();
        assert_eq!(jpeg.len(), 1);
        assert_eq!((jpeg[0].width, jpeg[0].height), (960, 640));
        assert_eq!(variants[0].height, 320, "heights keep the proportions");
    }

    #[test]
    fn photos_beside_the_article_are_told_from_other_images() {
        for (address, beside) in [
            ("photo.jpg", true),
            ("photos/harvest.jpg", true),
            ("../shared/photo.jpg", true),
            ("/logo.png", false),
            ("https://example.org/a.jpg", false),
            ("data:image/png,x", false),
            ("", false),
        ] {
            assert_eq!(is_beside(address), beside, "{address}");
        }
    }
}
