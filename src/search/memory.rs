//! What the search index remembers between builds: every page it indexed
//! last (the hash of its bytes and its language), each language's index as
//! it wrote it into the output (the hash of its pages and its files), and
//! the pages' records, so that a page whose bytes did not change is never
//! read again and a language none of whose pages changed is not indexed
//! again.
//!
//! Watch mode keeps it in memory; a build keeps it in the site's cache
//! folder (`.bulletin-cache`): `search-last.cbor`, and the records of each
//! language in `search-records-<lang>.cbor`, read only when a page of that
//! language changed. It is only a cache: one that cannot be read is
//! ignored, and a build writes the records before what names them, each
//! file whole (written beside, then renamed), so that a build stopped
//! halfway leaves nothing that names records it lacks. A build uses the
//! cache only while it holds its lock (`search.lock`): two builds of one
//! site at once never mix their records; the second goes without.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minicbor::{Decode, Encode};
use rustc_hash::{FxHashMap, FxHashSet};

use super::record::Record;

/// The version of the cache's format: a cache of another is not read.
const FORMAT: u32 = 3;

/// The file that names what the last index holds.
const LAST_FILE: &str = "search-last.cbor";

/// The file whose lock a build holds while it reads and writes the cache.
const LOCK_FILE: &str = "search.lock";

/// What the index remembers (see the module).
#[derive(Debug, Default)]
pub struct Memory {
    /// The last index written into an output.
    pub(super) last: Option<Last>,
    /// Each page of the last index, by address: the hash of its bytes and
    /// its language (`None`: nothing to search on it).
    pages: FxHashMap<String, (u128, Option<String>)>,
    /// Records of pages, by address, with the hash of the bytes they were
    /// read from: those read, and those loaded from the cache.
    pub(super) records: FxHashMap<String, (u128, Option<Arc<Record>>)>,
    /// Languages whose records were loaded from the cache (or found missing).
    loaded: FxHashSet<String>,
    /// Languages whose records changed since the cache was written.
    dirty: FxHashSet<String>,
    /// The cache's lock, while this memory may write the cache.
    lock: Option<crate::fs::Lock>,
}

/// The last index written.
#[derive(Debug, Clone, Encode, Decode)]
pub(super) struct Last {
    #[n(0)]
    format: u32,
    /// The output folder it was written into.
    #[n(1)]
    pub output: String,
    #[n(2)]
    pub pages: Vec<LastPage>,
    #[n(3)]
    pub languages: Vec<LastLanguage>,
}

#[derive(Debug, Clone, Encode, Decode)]
pub(super) struct LastPage {
    #[n(0)]
    pub url: String,
    #[n(1)]
    pub hash: [u64; 2],
    #[n(2)]
    pub language: Option<String>,
}

/// One language's index as written.
#[derive(Debug, Clone, Encode, Decode)]
pub(super) struct LastLanguage {
    #[n(0)]
    pub language: String,
    /// The hash of its pages' addresses and bytes.
    #[n(1)]
    pub signature: [u64; 2],
    /// Its meta file's hash (`en_1a2b3c4d5e`).
    #[n(2)]
    pub hash: String,
    #[n(3)]
    pub page_count: usize,
    /// Its files, by name in the search folder, with the hash of their
    /// bytes before compression.
    #[n(4)]
    pub files: Vec<(String, [u64; 2])>,
}

impl Last {
    pub fn new(output: String, pages: Vec<LastPage>, languages: Vec<LastLanguage>) -> Last {
        Last {
            format: FORMAT,
            output,
            pages,
            languages,
        }
    }
}

/// A page's record as the cache holds it.
#[derive(Encode, Decode)]
struct Cached {
    #[n(0)]
    url: String,
    #[n(1)]
    hash: [u64; 2],
    #[n(2)]
    record: Option<Record>,
}

/// The same, written from the memory without a copy.
#[derive(Encode)]
struct CachedRef<'a> {
    #[n(0)]
    url: &'a str,
    #[n(1)]
    hash: [u64; 2],
    #[n(2)]
    record: Option<&'a Record>,
}

pub(super) fn split(hash: u128) -> [u64; 2] {
    [(hash >> 64) as u64, hash as u64]
}

pub(super) fn join(hash: [u64; 2]) -> u128 {
    (u128::from(hash[0]) << 64) | u128::from(hash[1])
}

fn records_file(cache: &Path, language: &str) -> PathBuf {
    let safe: String = language
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    cache.join(format!("search-records-{safe}.cbor"))
}

/// Writes a file whole: beside it first (a name of its own), then in its place.
fn write_whole(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    static WRITTEN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITTEN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let beside = path.with_extension(format!("part-{}-{n}", std::process::id()));
    let mut file = std::io::BufWriter::new(std::fs::File::create(&beside)?);
    let written = write(&mut file).and_then(|()| {
        file.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&beside, path)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&beside);
    }
    written
}

impl Memory {
    /// The memory a previous build left in the cache folder `cache`, the
    /// cache locked for this build; empty when there is none, it cannot be
    /// read, or another build holds it.
    pub fn load(cache: &Path) -> Memory {
        let lock = std::fs::create_dir_all(cache)
            .ok()
            .and_then(|()| crate::fs::try_lock(&cache.join(LOCK_FILE)).ok().flatten());
        let Some(lock) = lock else {
            return Memory::default();
        };
        let last = std::fs::read(cache.join(LAST_FILE))
            .ok()
            .and_then(|bytes| minicbor::decode::<Last>(&bytes).ok())
            .filter(|last| last.format == FORMAT);
        let mut memory = Memory {
            lock: Some(lock),
            ..Memory::default()
        };
        if let Some(last) = last {
            memory.remember(last);
        }
        memory
    }

    fn remember(&mut self, last: Last) {
        self.pages = last
            .pages
            .iter()
            .map(|p| (p.url.clone(), (join(p.hash), p.language.clone())))
            .collect();
        self.last = Some(last);
    }

    /// Whether the index read these bytes at this address before.
    pub fn knows(&self, url: &str, hash: u128) -> bool {
        self.pages.get(url).is_some_and(|p| p.0 == hash)
            || self.records.get(url).is_some_and(|r| r.0 == hash)
    }

    /// The hash of the page at `url` and its language, as the index knows them.
    pub(super) fn page(&self, url: &str) -> Option<(u128, Option<String>)> {
        match self.records.get(url) {
            Some((hash, record)) => Some((*hash, record.as_ref().map(|r| r.language.clone()))),
            None => self.pages.get(url).cloned(),
        }
    }

    /// The last index, if it was written into `output`.
    pub(super) fn last_in(&self, output: &str) -> Option<&Last> {
        self.last.as_ref().filter(|l| l.output == output)
    }

    /// Reads the records of `language` a previous build left in `cache`,
    /// once.
    pub(super) fn load_records(&mut self, cache: &Path, language: &str) {
        if !self.loaded.insert(language.to_owned()) {
            return;
        }
        let Ok(bytes) = std::fs::read(records_file(cache, language)) else {
            return;
        };
        let Ok(cached) = minicbor::decode::<Vec<Cached>>(&bytes) else {
            return;
        };
        drop(bytes);
        for c in cached {
            self.records
                .entry(c.url)
                .or_insert((join(c.hash), c.record.map(Arc::new)));
        }
    }

    /// Remembers records just read, or pages gone.
    pub(super) fn set_record(&mut self, url: &str, hash: u128, record: Option<Arc<Record>>) {
        if let Some(language) = record.as_ref().map(|r| r.language.clone()) {
            self.dirty.insert(language);
        }
        if let Some((_, Some(old))) = self.records.get(url) {
            self.dirty.insert(old.language.clone());
        }
        self.records.insert(url.to_owned(), (hash, record));
    }

    /// Forgets the records of pages no longer in the site.
    pub(super) fn keep_only(&mut self, urls: &FxHashSet<&str>) {
        let dirty = &mut self.dirty;
        self.records.retain(|url, (_, record)| {
            let kept = urls.contains(url.as_str());
            if !kept && let Some(record) = record {
                dirty.insert(record.language.clone());
            }
            kept
        });
    }

    /// Remembers the index made, once the output holds it.
    pub(super) fn written(&mut self, last: Last) {
        self.remember(last);
    }

    /// Lets the cache's lock go without writing: nothing changed.
    pub fn release(&mut self) {
        self.lock = None;
    }

    /// Writes into the cache folder `cache` the records of each language
    /// that changed, then what names them, if this memory holds the cache's
    /// lock; then lets the lock go.
    pub fn save(&mut self, cache: &Path) -> std::io::Result<()> {
        let Some(_lock) = self.lock.take() else {
            return Ok(());
        };
        let Some(last) = &self.last else {
            return Ok(());
        };
        std::fs::create_dir_all(cache)?;
        match std::fs::remove_file(cache.join(LAST_FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut by_language: FxHashMap<&str, Vec<CachedRef<'_>>> = FxHashMap::default();
        for (url, (hash, record)) in &self.records {
            let Some(language) = record.as_ref().map(|r| r.language.as_str()) else {
                continue;
            };
            if self.dirty.contains(language) {
                by_language.entry(language).or_default().push(CachedRef {
                    url,
                    hash: split(*hash),
                    record: record.as_deref(),
                });
            }
        }
        for (language, mut cached) in by_language {
            cached.sort_unstable_by(|a, b| a.url.cmp(b.url));
            write_whole(&records_file(cache, language), |file| {
                let mut writer = minicbor::encode::write::Writer::new(file);
                minicbor::encode(&cached, &mut writer).map_err(std::io::Error::other)
            })?;
        }
        let bytes = minicbor::to_vec(last).map_err(std::io::Error::other)?;
        write_whole(&cache.join(LAST_FILE), |file| {
            std::io::Write::write_all(file, &bytes)
        })?;
        self.dirty.clear();
        Ok(())
    }
}
