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
mod gzip;
mod interface;
mod known;
mod memory;
mod postings;
mod record;
mod words;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::error::{Error, Result};
use crate::output::{Asset, AssetSource};
use crate::progress::Progress;
use crate::render::Page;
use crate::routes::{Route, Routes, SiteFile};

pub use memory::Memory;
pub use record::Record;

use memory::{Last, LastLanguage, LastPage, join, split};

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
    /// Sees `page`, at `url`, reading its record unless `known` says the
    /// index read these bytes at this address before.
    pub fn page(page: &Page, url: String, known: impl FnOnce(&str, u128) -> bool) -> Seen {
        let hash = xxh3_128(&page.contents);
        let record =
            (!known(&url, hash)).then(|| record::read(&text(&page.contents), &url).map(Arc::new));
        Seen {
            file: page.route.output_file(),
            url,
            hash,
            record,
        }
    }
}

/// A page's text: its bytes, UTF-8 as pages are written (checked by SIMD),
/// with any that are not replaced.
fn text(bytes: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// The search files and what making them took.
#[derive(Debug)]
pub struct Indexed {
    /// Every file of the search folder.
    pub assets: Vec<Asset>,
    /// Pages whose HTML was read (the others' records were remembered).
    pub pages_read: usize,
    /// Languages whose index was made again (the others' files were kept).
    pub languages_indexed: usize,
    /// The index made, for the memory once the output holds it.
    last: Last,
}

impl Memory {
    /// Remembers the index made, once the output holds it.
    pub fn wrote(&mut self, indexed: Indexed) {
        self.written(indexed.last);
    }
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
        let folder = self
            .folder
            .ok_or_else(|| failed("there is no output to read"))?;
        let bytes = crate::fs::read(&folder.join(file.to_path()))?;
        Ok((
            xxh3_128(&bytes),
            record::read(&text(&bytes), url).map(Arc::new),
        ))
    }
}

/// Indexes the searchable pages (articles), each at its address: those
/// `seen` as they were made, and the `kept` ones, unchanged since the index
/// last read them (else read from the output). Returns every file of the
/// search folder. The pages are indexed in the order of their files, so the
/// same pages give the same bytes.
pub fn index(
    seen: Vec<Seen>,
    kept: &[&Route],
    routes: &Routes,
    memory: &mut Memory,
    output: &Output<'_>,
    progress: &Progress,
) -> Result<Indexed> {
    known::forget();
    let pages = all_pages(seen, kept, routes, memory, output)?;
    let pages_read = pages.iter().filter(|p| p.record.is_some()).count();
    for page in &pages {
        if let Some(record) = &page.record {
            memory.set_record(&page.url, page.hash, record.clone());
        }
    }
    memory.keep_only(&pages.iter().map(|p| p.url.as_str()).collect());

    // Each language's pages, in file order, and whether they changed since
    // the index in the output was written.
    let mut languages: BTreeMap<String, Vec<&Seen>> = BTreeMap::new();
    for page in &pages {
        if let Some(language) = language_of(page, memory) {
            languages.entry(language).or_default().push(page);
        }
    }
    let folder = output
        .folder
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let last = memory.last_in(&folder).cloned();
    let mut kept_languages = Vec::new();
    let mut changed = Vec::new();
    for (language, pages) in &languages {
        let signature = split(signature(pages));
        let unchanged = last
            .iter()
            .flat_map(|l| &l.languages)
            .find(|l| &l.language == language && l.signature == signature)
            .filter(|l| l.files.iter().all(|(f, _)| output.has(f)));
        match unchanged {
            Some(l) => kept_languages.push(l.clone()),
            None => changed.push((language.as_str(), pages, signature)),
        }
    }

    // The records of the languages that changed.
    for (language, pages, _) in &changed {
        if pages.iter().any(|p| !memory.records.contains_key(&p.url))
            && let Some(cache) = &output.cache
        {
            memory.load_records(cache, language);
        }
        for page in pages.iter() {
            if memory
                .records
                .get(&page.url)
                .is_none_or(|r| r.0 != page.hash)
            {
                // A cache that lost the record: the output has the page as
                // the last index read it.
                let (hash, record) = output.read(&page.file, &page.url)?;
                if hash != page.hash {
                    return Err(Error::usage(
                        format!(
                            "the search cache does not hold the page {}, and the output's copy changed",
                            page.url
                        ),
                        "delete the folder .bulletin-cache in the site and build again",
                    ));
                }
                memory.set_record(&page.url, hash, record);
            }
        }
    }
    let records: Vec<(&str, Vec<&Record>, [u64; 2])> = changed
        .iter()
        .map(|(language, pages, signature)| {
            let records = pages
                .iter()
                .filter_map(|p| memory.records.get(&p.url)?.1.as_deref())
                .collect();
            (*language, records, *signature)
        })
        .collect();

    let names: Vec<String> = languages.keys().cloned().collect();
    let interface = interface::for_languages(&names).map_err(|e| failed(&e))?;
    // A file the last index wrote, which the output still has, is not
    // compressed again.
    let written: FxHashMap<&str, u128> = last
        .iter()
        .flat_map(|l| &l.languages)
        .flat_map(|l| &l.files)
        .map(|(name, hash)| (name.as_str(), join(*hash)))
        .collect();
    let present = |name: &str, hash: u128| written.get(name) == Some(&hash) && output.has(name);
    progress.stage("indexing for search, languages", Some(records.len()));
    let bundles: Vec<(bundle::Bundle, [u64; 2])> = records
        .par_iter()
        .map(|(language, records, signature)| {
            let bundle = bundle::build(language, records, &present);
            progress.step();
            (bundle, *signature)
        })
        .collect();

    let mut assets = Vec::new();
    let mut indexes: Vec<LastLanguage> = Vec::with_capacity(languages.len());
    for language in kept_languages {
        for (name, _) in &language.files {
            let path = output
                .path(name)
                .ok_or_else(|| failed(&format!("it named a file {name}")))?;
            assets.push(Asset {
                file: search_file(name)?,
                source: AssetSource::File(path),
            });
        }
        indexes.push(language);
    }
    let languages_indexed = bundles.len();
    for (bundle, signature) in bundles {
        let mut files = Vec::with_capacity(bundle.files.len());
        for file in bundle.files {
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
        indexes.push(LastLanguage {
            language: bundle.language,
            signature,
            hash: bundle.hash,
            page_count: bundle.page_count,
            files,
        });
    }
    indexes.sort_by(|a, b| a.language.cmp(&b.language));
    assets.push(generated(
        "pagefind-entry.json",
        entry(&indexes, &interface)?.into(),
    )?);
    assets.extend(interface_assets(&interface)?);
    assets.sort_by(|a, b| a.file.cmp(&b.file));
    let pages = pages
        .iter()
        .map(|p| LastPage {
            url: p.url.clone(),
            hash: split(p.hash),
            language: language_of(p, memory),
        })
        .collect();
    Ok(Indexed {
        assets,
        pages_read,
        languages_indexed,
        last: Last::new(folder, pages, indexes),
    })
}

/// Every searchable page, in file order: those seen, and those kept, as
/// the memory knows them or else read from the output.
fn all_pages(
    seen: Vec<Seen>,
    kept: &[&Route],
    routes: &Routes,
    memory: &Memory,
    output: &Output<'_>,
) -> Result<Vec<Seen>> {
    let mut pages = seen;
    let mut unknown = Vec::new();
    for route in kept.iter().filter(|r| r.is_searchable()) {
        let url = routes.url(route);
        match memory.page(&url) {
            Some((hash, _)) => pages.push(Seen {
                file: route.output_file(),
                url,
                hash,
                record: None,
            }),
            None => unknown.push((route.output_file(), url)),
        }
    }
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
    Ok(pages)
}

/// The language of a page's record; `None` when it has nothing to search.
fn language_of(page: &Seen, memory: &Memory) -> Option<String> {
    match &page.record {
        Some(record) => record.as_ref().map(|r| r.language.clone()),
        None => memory.page(&page.url).and_then(|(_, language)| language),
    }
}

/// `pagefind-entry.json`, naming each language's index.
fn entry(indexes: &[LastLanguage], interface: &interface::Interface) -> Result<Vec<u8>> {
    let entry = Entry {
        version: bundle::VERSION.to_owned(),
        languages: indexes
            .iter()
            .map(|l| {
                let wasm = interface.wasm.get(&l.language).copied().unwrap_or(false);
                let language = EntryLanguage {
                    hash: l.hash.clone(),
                    wasm: wasm.then(|| l.language.clone()),
                    page_count: l.page_count,
                };
                (l.language.clone(), language)
            })
            .collect(),
        include_characters: words::WORD_SYMBOLS.to_vec(),
    };
    serde_json::to_vec(&entry).map_err(|e| failed(&e.to_string()))
}

/// The hash of pages' addresses and bytes, in order.
fn signature(pages: &[&Seen]) -> u128 {
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

fn generated(name: &str, bytes: Arc<[u8]>) -> Result<Asset> {
    Ok(Asset {
        file: search_file(name)?,
        source: AssetSource::Generated(bytes),
    })
}

fn interface_assets(interface: &interface::Interface) -> Result<Vec<Asset>> {
    interface
        .files
        .iter()
        .map(|(name, bytes)| generated(name, Arc::clone(bytes)))
        .collect()
}

/// `pagefind-entry.json`: each language's index and search code.
#[derive(Serialize)]
struct Entry {
    version: String,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

#[derive(Serialize)]
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
