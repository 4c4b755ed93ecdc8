//! Search that works on a static host: an index of the article pages in the
//! files of pagefind's search interface, which the site ships with them.
//!
//! The index is written here, not by pagefind, so that it costs what the
//! pages cost and no more:
//! 1. each article page gives its [record](record::Record) (its text, the
//!    words of it and their places, filters, title), read from its HTML in
//!    parallel; a page whose bytes are those the index read last time gives
//!    the record it gave then ([`Memory`]), unread;
//! 2. the records of each language make that language's index
//!    ([`bundle`]), the languages in parallel; a file whose name (a hash of
//!    its bytes) the output already has is not compressed again;
//! 3. the interface's own files and the entry file that names each
//!    language's index complete the search folder.
//!
//! When no article page changed since the index was last written into the
//! output, none of this is done: the output's index files are kept as they
//! are.
//!
//! Each language is searched with its own stemming (the words are made as
//! the interface makes a query's, see [`words`]), and the interface speaks
//! the page's language (right to left in Arabic pages). Only the part of a
//! page marked `data-pagefind-body` (the article) is indexed; the province
//! and the year are filters, named in the page's language by the theme
//! (`data-pagefind-filter`).

mod bundle;
mod interface;
mod record;
mod words;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use minicbor::{Decode, Encode};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::error::{Error, Result};
use crate::output::{Asset, AssetSource};
use crate::render::Page;
use crate::routes::{Route, Routes, SiteFile};

pub use record::Record;

/// What the index knows of the pages it read before, and of the files it
/// wrote last: kept in memory by watch mode, in the site's cache by a build.
#[derive(Debug, Default)]
pub struct Memory {
    /// The last index written into the output.
    last: Option<Last>,
    /// The hash of each page of the last index, by address.
    hashes: FxHashMap<String, u128>,
    /// Records of pages read before, by address, with the hash of the bytes
    /// they were read from.
    records: FxHashMap<String, (u128, Option<Arc<Record>>)>,
    /// Whether `records` holds what the cache had (a build reads it only
    /// when a page changed).
    records_loaded: bool,
}

#[derive(Debug, Clone, Encode, Decode)]
struct Last {
    /// The version of the cache's format ([`FORMAT`]).
    #[n(4)]
    format: u32,
    /// The hash of every page's address and bytes.
    #[n(0)]
    signature: [u64; 2],
    /// Every file of the index (not the interface's), by name in the search
    /// folder, with the hash of its bytes before compression.
    #[n(1)]
    files: Vec<(String, [u64; 2])>,
    /// `pagefind-entry.json`.
    #[n(2)]
    entry: Vec<u8>,
    /// Each page's address and the hash of its bytes.
    #[n(3)]
    pages: Vec<(String, [u64; 2])>,
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

/// A searchable page once it is made: its address, the hash of its bytes,
/// and its record, read then unless the index knows these bytes already.
#[derive(Debug)]
pub struct Seen {
    file: SiteFile,
    url: String,
    hash: u128,
    /// `None`: known to the index, not read.
    record: Option<Option<Arc<Record>>>,
}

impl Seen {
    /// The page's file.
    pub fn file(&self) -> SiteFile {
        self.file.clone()
    }

    /// Sees `page`, at `url`, reading its record unless `known` says the
    /// index read these bytes at this address before.
    pub fn page(page: &Page, url: String, known: impl FnOnce(&str, u128) -> bool) -> Seen {
        let hash = xxh3_128(&page.contents);
        let record = (!known(&url, hash)).then(|| {
            let html = String::from_utf8_lossy(&page.contents);
            record::read(&html, &url).map(Arc::new)
        });
        Seen {
            file: page.route.output_file(),
            url,
            hash,
            record,
        }
    }
}

/// The search files and what making them took.
#[derive(Debug)]
pub struct Indexed {
    /// Every file of the search folder.
    pub assets: Vec<Asset>,
    /// Pages whose HTML was read (the others' records were remembered).
    pub pages_read: usize,
    /// Languages whose index was made again.
    pub languages_indexed: usize,
    /// The index made, for the memory once the output holds it.
    last: Option<Last>,
}

/// The version of the cache's format: a cache of another is not read.
const FORMAT: u32 = 1;

/// The cache's files in the site's cache folder.
const LAST_FILE: &str = "search-last.cbor";
const RECORDS_FILE: &str = "search-records.cbor";

impl Memory {
    /// The memory a previous build left in the cache folder `cache`; empty
    /// when there is none or it cannot be read (it is only a cache). The
    /// pages' records are read only when they are needed.
    pub fn load(cache: &Path) -> Memory {
        let last = std::fs::read(cache.join(LAST_FILE))
            .ok()
            .and_then(|bytes| minicbor::decode::<Last>(&bytes).ok())
            .filter(|last| last.format == FORMAT);
        let hashes = last.iter().flat_map(|l| &l.pages);
        Memory {
            hashes: hashes.map(|(url, hash)| (url.clone(), join(*hash))).collect(),
            last,
            records: FxHashMap::default(),
            records_loaded: false,
        }
    }

    /// Whether the index read these bytes at this address before.
    pub fn knows(&self, url: &str, hash: u128) -> bool {
        self.hashes.get(url) == Some(&hash) || self.records.get(url).is_some_and(|r| r.0 == hash)
    }

    /// The hash of the page at `url` as the index knows it.
    fn hash(&self, url: &str) -> Option<u128> {
        self.records.get(url).map(|r| r.0).or_else(|| self.hashes.get(url).copied())
    }

    /// Reads the records a previous build left in `cache`, if not read yet.
    fn load_records(&mut self, cache: &Path) {
        if self.records_loaded {
            return;
        }
        self.records_loaded = true;
        let Ok(bytes) = std::fs::read(cache.join(RECORDS_FILE)) else {
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

    /// Remembers the index made, once the output holds it.
    pub fn written(&mut self, indexed: &mut Indexed) {
        if let Some(last) = indexed.last.take() {
            self.hashes = last.pages.iter().map(|(u, h)| (u.clone(), join(*h))).collect();
            self.last = Some(last);
        }
    }

    /// Writes the memory into the cache folder `cache`, for the next build:
    /// the records first, then what names them, so that a build stopped
    /// between leaves no index that the records do not hold.
    pub fn save(&self, cache: &Path) -> std::io::Result<()> {
        let Some(last) = &self.last else {
            return Ok(());
        };
        std::fs::create_dir_all(cache)?;
        match std::fs::remove_file(cache.join(LAST_FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut cached: Vec<CachedRef<'_>> = self
            .records
            .iter()
            .map(|(url, (hash, record))| CachedRef {
                url,
                hash: split(*hash),
                record: record.as_deref(),
            })
            .collect();
        cached.sort_unstable_by(|a, b| a.url.cmp(b.url));
        let file = std::fs::File::create(cache.join(RECORDS_FILE))?;
        let mut writer = minicbor::encode::write::Writer::new(std::io::BufWriter::new(file));
        minicbor::encode(&cached, &mut writer).map_err(std::io::Error::other)?;
        writer.into_inner().into_inner().map_err(|e| e.into_error())?;
        let last = minicbor::to_vec(last).map_err(std::io::Error::other)?;
        std::fs::write(cache.join(LAST_FILE), last)
    }
}

fn split(hash: u128) -> [u64; 2] {
    [(hash >> 64) as u64, hash as u64]
}

fn join(hash: [u64; 2]) -> u128 {
    (u128::from(hash[0]) << 64) | u128::from(hash[1])
}

/// Where an index the output already holds is, and how the search folder's
/// files are found in it.
pub struct Output<'o> {
    /// The output folder, when there is one (not when checking).
    pub folder: Option<&'o Path>,
    /// The site's cache folder, from which the memory loads records it lacks.
    pub cache: Option<PathBuf>,
}

impl Output<'_> {
    fn path(&self, name: &str) -> Option<PathBuf> {
        let file = SiteFile::in_search_folder(Path::new(name))?;
        Some(self.folder?.join(file.to_path()))
    }

    fn has(&self, name: &str) -> bool {
        self.path(name).is_some_and(|p| p.is_file())
    }

    /// The record of a page as the output holds it.
    fn read(&self, file: &SiteFile, url: &str) -> Result<(u128, Option<Arc<Record>>)> {
        let folder = self.folder.ok_or_else(|| failed("there is no output to read"))?;
        let bytes = crate::fs::read(&folder.join(file.to_path()))?;
        let html = String::from_utf8_lossy(&bytes);
        Ok((xxh3_128(&bytes), record::read(&html, url).map(Arc::new)))
    }
}

/// Indexes the searchable pages (articles), each at its address: those
/// `seen` as they were made, and the `kept` ones, unchanged since the index
/// last read them (else read from the output). Returns every file of the
/// search folder. The pages are indexed in the order of their files, so the
/// same pages give the same bytes.
pub fn index(
    seen: Vec<Seen>,
    kept: &[Route],
    routes: &Routes,
    memory: &mut Memory,
    output: &Output<'_>,
) -> Result<Indexed> {
    let mut pages: Vec<Seen> = seen;
    let unknown: Vec<(SiteFile, String)> = kept
        .iter()
        .filter(|r| r.is_searchable())
        .filter_map(|r| {
            let url = routes.url(r);
            match memory.hash(&url) {
                Some(hash) => {
                    pages.push(Seen {
                        file: r.output_file(),
                        url,
                        hash,
                        record: None,
                    });
                    None
                }
                None => Some((r.output_file(), url)),
            }
        })
        .collect();
    let read: Vec<Seen> = unknown
        .into_par_iter()
        .map(|(file, url)| {
            let (hash, record) = output.read(&file, &url)?;
            Ok(Seen {
                file,
                url,
                hash,
                record: Some(record),
            })
        })
        .collect::<Result<_>>()?;
    pages.extend(read);
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let signature = signature(&pages);

    if let Some(last) = memory.last.as_ref().filter(|l| l.signature == split(signature))
        && last.files.iter().all(|(f, _)| output.has(f))
    {
        // Nothing changed since the index in the output was written.
        return unchanged(last, output);
    }

    let pages_read = pages.iter().filter(|p| p.record.is_some()).count();
    if pages_read < pages.len()
        && let Some(cache) = &output.cache
    {
        memory.load_records(cache);
    }
    let mut records: FxHashMap<String, (u128, Option<Arc<Record>>)> = FxHashMap::default();
    records.reserve(pages.len());
    for page in &pages {
        let record = match &page.record {
            Some(record) => record.clone(),
            None => match memory.records.get(&page.url) {
                Some((hash, record)) if *hash == page.hash => record.clone(),
                // A cache that lost the record: the output has the page as
                // the last index read it.
                _ => match output.read(&page.file, &page.url)? {
                    (hash, record) if hash == page.hash => record,
                    _ => {
                        return Err(Error::usage(
                            format!(
                                "the search cache does not hold the page {}, and the output's copy changed",
                                page.url
                            ),
                            "delete the folder .bulletin-cache in the site and build again",
                        ));
                    }
                },
            },
        };
        records.insert(page.url.clone(), (page.hash, record));
    }
    memory.records = records;
    memory.records_loaded = true;

    // The records of each language, in page order.
    let mut by_language: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for page in &pages {
        if let Some((_, Some(record))) = memory.records.get(&page.url) {
            by_language
                .entry(&record.language)
                .or_default()
                .push(record);
        }
    }
    let languages: Vec<String> = by_language.keys().map(|l| (*l).to_owned()).collect();
    let interface = interface::for_languages(&languages).map_err(|e| failed(&e))?;
    // A file the last index wrote, which the output still has, is not
    // compressed again.
    let written: FxHashMap<&str, u128> = memory
        .last
        .iter()
        .flat_map(|l| &l.files)
        .map(|(name, hash)| (name.as_str(), join(*hash)))
        .collect();
    let present =
        |name: &str, hash: u128| written.get(name) == Some(&hash) && output.has(name);
    let bundles: Vec<bundle::Bundle> = by_language
        .par_iter()
        .map(|(language, records)| bundle::build(language, records, &present))
        .collect();

    let entry = Entry {
        version: bundle::VERSION.to_owned(),
        languages: bundles
            .iter()
            .map(|b| {
                let wasm = interface.wasm.get(&b.language).copied().unwrap_or(false);
                let language = EntryLanguage {
                    hash: b.hash.clone(),
                    wasm: wasm.then(|| b.language.clone()),
                    page_count: b.page_count,
                };
                (b.language.clone(), language)
            })
            .collect(),
        include_characters: words::WORD_SYMBOLS.to_vec(),
    };
    let entry = serde_json::to_vec(&entry).map_err(|e| failed(&e.to_string()))?;
    let mut assets = Vec::new();
    let mut files = Vec::new();
    for file in bundles.into_iter().flat_map(|b| b.files) {
        let source = match file.contents {
            bundle::Contents::Gzipped(bytes) => AssetSource::Generated(bytes),
            bundle::Contents::Unchanged => AssetSource::File(
                output
                    .path(&file.name)
                    .ok_or_else(|| failed(&format!("it named a file {}", file.name)))?,
            ),
        };
        assets.push(Asset {
            file: search_file(&file.name)?,
            source,
        });
        files.push((file.name, split(file.hash)));
    }
    assets.push(generated("pagefind-entry.json", entry.clone())?);
    assets.extend(interface_assets(&interface)?);
    assets.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Indexed {
        assets,
        pages_read,
        languages_indexed: languages.len(),
        last: Some(Last {
            format: FORMAT,
            signature: split(signature),
            files,
            entry,
            pages: pages.into_iter().map(|p| (p.url, split(p.hash))).collect(),
        }),
    })
}

/// The search files of the index the output holds, kept as they are.
fn unchanged(last: &Last, output: &Output<'_>) -> Result<Indexed> {
    let mut assets = last
        .files
        .iter()
        .map(|(name, _)| {
            let path = output
                .path(name)
                .ok_or_else(|| failed(&format!("it named a file {name}")))?;
            Ok(Asset {
                file: search_file(name)?,
                source: AssetSource::File(path),
            })
        })
        .collect::<Result<Vec<Asset>>>()?;
    let entry: Entry = serde_json::from_slice(&last.entry).map_err(|e| failed(&e.to_string()))?;
    let languages: Vec<String> = entry.languages.into_keys().collect();
    let interface = interface::for_languages(&languages).map_err(|e| failed(&e))?;
    assets.push(generated("pagefind-entry.json", last.entry.clone())?);
    assets.extend(interface_assets(&interface)?);
    assets.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Indexed {
        assets,
        pages_read: 0,
        languages_indexed: 0,
        last: None,
    })
}

/// The hash of every page's address and bytes, in order.
fn signature(pages: &[Seen]) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(bundle::VERSION.as_bytes());
    for page in pages {
        hasher.update(page.url.as_bytes());
        hasher.update(&[0]);
        hasher.update(&page.hash.to_le_bytes());
    }
    hasher.digest128()
}

fn search_file(name: &str) -> Result<SiteFile> {
    SiteFile::in_search_folder(Path::new(name))
        .ok_or_else(|| failed(&format!("it named a file {name}")))
}

fn generated(name: &str, bytes: Vec<u8>) -> Result<Asset> {
    Ok(Asset {
        file: search_file(name)?,
        source: AssetSource::Generated(bytes),
    })
}

fn interface_assets(interface: &interface::Interface) -> Result<Vec<Asset>> {
    interface
        .files
        .iter()
        .map(|(name, bytes)| generated(name, bytes.clone()))
        .collect()
}

/// `pagefind-entry.json`: each language's index and search code.
#[derive(Serialize, serde::Deserialize)]
struct Entry {
    version: String,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

#[derive(Serialize, serde::Deserialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

fn failed(reason: &str) -> Error {
    Error::usage(
        format!("the search index could not be built: {reason}"),
        "build with --no-search (or `search = false` in site.toml) to publish without search",
    )
}
