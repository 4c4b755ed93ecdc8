//! One language's index, in the files pagefind's search interface reads:
//! - `pagefind.<lang>_<hash>.pf_meta`: the pages (their fragment's name and
//!   word count), the word chunks (the range of words each holds), the
//!   filters and the meta fields;
//! - `index/<lang>_<hash>.pf_index`: a chunk of the words, each with the
//!   pages it is on and its places there;
//! - `filter/<lang>_<hash>.pf_filter`: a filter's values and their pages;
//! - `fragment/<lang>_<hash>.pf_fragment`: what a result shows of a page.
//!
//! Each is CBOR (JSON for a fragment) after the marker `pagefind_dcd`,
//! gzipped; its name is the hash of its bytes, so an unchanged file keeps
//! its name. The interface finds a word by the ranges of the chunks, so a
//! chunk's range is cut to the shortest prefixes that tell it from its
//! neighbours.

use std::collections::BTreeMap;
use std::sync::Arc;

use minicbor::Encode;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_128;

use super::gzip::gzipped;
use super::postings;
use super::record::Record;

/// A file of the index: its name in the search folder, and a way to its bytes.
#[derive(Debug)]
pub struct IndexFile {
    pub name: String,
    /// The hash of its bytes before compression, whole.
    pub hash: u128,
    pub contents: Contents,
}

/// The bytes of an index file, or only what they are made from.
#[derive(Debug)]
pub enum Contents {
    /// Gzipped, ready to write.
    Gzipped(Arc<[u8]>),
    /// The output already has the file, as the last index wrote it.
    Unchanged,
}

/// One language's index files and its entry in `pagefind-entry.json`.
#[derive(Debug)]
pub struct Bundle {
    pub language: String,
    /// The meta file's hash (`en_1a2b3c4d5e`).
    pub hash: String,
    pub page_count: usize,
    pub files: Vec<IndexFile>,
}

/// Words per chunk, counted as pagefind counts them (a page, and each place).
const CHUNK_SIZE: usize = 20_000;

/// The version of the interface the files are for.
pub const VERSION: &str = "1.6.0";

#[derive(Encode)]
struct MetaIndex<'a> {
    #[n(0)]
    version: &'a str,
    #[n(1)]
    pages: Vec<MetaPage<'a>>,
    #[n(2)]
    index_chunks: Vec<MetaChunk>,
    #[n(3)]
    filters: Vec<MetaFilter<'a>>,
    #[n(4)]
    sorts: Vec<()>,
    #[n(5)]
    meta_fields: Vec<&'a str>,
}

#[derive(Encode)]
struct MetaPage<'a> {
    #[n(0)]
    hash: &'a str,
    #[n(1)]
    word_count: u32,
    #[n(2)]
    group_hash: &'a str,
}

#[derive(Encode)]
struct MetaChunk {
    #[n(0)]
    from: String,
    #[n(1)]
    to: String,
    #[n(2)]
    hash: String,
}

#[derive(Encode)]
struct MetaFilter<'a> {
    #[n(0)]
    filter: &'a str,
    #[n(1)]
    hash: String,
}

#[derive(Encode)]
struct FilterIndex<'a> {
    #[n(0)]
    filter: &'a str,
    #[n(1)]
    values: Vec<PackedValue<'a>>,
}

#[derive(Encode)]
struct PackedValue<'a> {
    #[n(0)]
    value: &'a str,
    #[n(1)]
    pages: Vec<usize>,
}

/// A word's pages while the language's pages are gathered, encoded as the
/// index holds them: the word as it is filed, and each form of it with
/// diacritics.
#[derive(Default)]
struct Postings<'r> {
    pages: Encoded,
    variants: BTreeMap<&'r str, Encoded>,
}

impl Postings<'_> {
    /// Its size as the chunks count it: a page, and each place.
    fn size(&self) -> usize {
        self.pages.size
            + self.variants.values().map(|v| v.size).sum::<usize>()
            + self.variants.len()
    }
}

/// A list of pages encoded one after the other: for each, its number less
/// the previous one's, its places in the text and those in its meta fields.
#[derive(Default)]
struct Encoded {
    bytes: Vec<u8>,
    count: u64,
    last: usize,
    size: usize,
}

impl Encoded {
    /// Adds a page's entry: its number less the previous one's, then its
    /// places, encoded already.
    fn push(&mut self, page: usize, entry: &postings::Entry<'_>) {
        postings::head(&mut self.bytes, postings::ARRAY, 3);
        postings::head(
            &mut self.bytes,
            postings::UNSIGNED,
            (page - self.last) as u64,
        );
        self.bytes.extend_from_slice(entry.places);
        self.count += 1;
        self.last = page;
        self.size += entry.size;
    }
}

/// Builds the index of one language from its pages' records, in page order.
/// `present` tells whether the output already holds a file by a name and
/// hash (of its bytes, whole), which is then not compressed again.
pub fn build(
    language: &str,
    records: &[&Record],
    present: &(dyn Fn(&str, u128) -> bool + Sync),
) -> Bundle {
    let mut names = Names::new(language);
    // Fragments, named by their hash, compressed with the records.
    let mut pages = Vec::with_capacity(records.len());
    let mut fragments = Vec::with_capacity(records.len());
    for record in records {
        let hash = record.fragment_hash();
        let name = names.unique(hash);
        pages.push((name.clone(), record.word_count));
        fragments.push(IndexFile {
            name: format!("fragment/{name}.pf_fragment"),
            hash,
            contents: Contents::Gzipped(Arc::clone(&record.fragment)),
        });
    }
    let mut files = Vec::new();

    // Words, with their pages in page order.
    let mut words: FxHashMap<&str, Postings> = FxHashMap::default();
    for (page, record) in records.iter().enumerate() {
        for entry in record.postings() {
            let postings = words.entry(entry.key).or_default();
            let encoded = if entry.form.is_empty() {
                &mut postings.pages
            } else {
                postings.variants.entry(entry.form).or_default()
            };
            encoded.push(page, &entry);
        }
    }
    let mut words: Vec<(&str, Postings)> = words.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let chunks = chunked(words);
    let ranges = ranges(&chunks);
    // Each chunk's postings let go as soon as it is encoded.
    let encoded: Vec<(u128, Vec<u8>)> = chunks
        .into_par_iter()
        .map(|chunk| {
            let bytes = encoded_chunk(&chunk);
            drop(chunk);
            (xxh3_128(&bytes), bytes)
        })
        .collect();
    let mut index_chunks = Vec::with_capacity(encoded.len());
    let mut chunk_files = Vec::with_capacity(encoded.len());
    for ((hash, bytes), (from, to)) in encoded.into_iter().zip(ranges) {
        let name = names.unique(hash);
        chunk_files.push((format!("index/{name}.pf_index"), hash, bytes));
        index_chunks.push(MetaChunk {
            from,
            to,
            hash: name,
        });
    }

    // Filters, by name then value.
    let mut filters: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (page, record) in records.iter().enumerate() {
        for (filter, values) in &record.filters {
            for value in values {
                filters
                    .entry(filter)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push(page);
            }
        }
    }
    let mut meta_filters = Vec::with_capacity(filters.len());
    let mut filter_files = Vec::with_capacity(filters.len());
    for (filter, values) in filters {
        let values = values
            .into_iter()
            .map(|(value, pages)| PackedValue { value, pages })
            .collect();
        let bytes = minicbor::to_vec(FilterIndex { filter, values }).expect("CBOR encodes");
        let hash = xxh3_128(&bytes);
        let name = names.unique(hash);
        filter_files.push((format!("filter/{name}.pf_filter"), hash, bytes));
        meta_filters.push(MetaFilter { filter, hash: name });
    }

    let meta_fields: Vec<&str> = records
        .iter()
        .flat_map(|r| r.meta_fields.iter().map(String::as_str))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let meta = MetaIndex {
        version: VERSION,
        pages: pages
            .iter()
            .map(|(hash, word_count)| MetaPage {
                hash,
                word_count: *word_count,
                group_hash: "",
            })
            .collect(),
        index_chunks,
        filters: meta_filters,
        sorts: Vec::new(),
        meta_fields,
    };
    let meta_bytes = minicbor::to_vec(meta).expect("CBOR encodes");
    let meta_hash = xxh3_128(&meta_bytes);
    let hash = format!("{language}_{}", &hex(meta_hash)[..10]);
    files.push((format!("pagefind.{hash}.pf_meta"), meta_hash, meta_bytes));

    files.extend(chunk_files);
    files.extend(filter_files);
    let mut files: Vec<IndexFile> = files
        .into_par_iter()
        .map(|(name, hash, bytes)| {
            let contents = if present(&name, hash) {
                Contents::Unchanged
            } else {
                Contents::Gzipped(gzipped(&bytes).into())
            };
            drop(bytes);
            IndexFile {
                name,
                hash,
                contents,
            }
        })
        .collect();
    files.extend(fragments);
    Bundle {
        language: language.to_owned(),
        hash,
        page_count: records.len(),
        files,
    }
}

/// The words cut into chunks of about [`CHUNK_SIZE`] places.
fn chunked<'r>(words: Vec<(&'r str, Postings<'r>)>) -> Vec<Vec<(&'r str, Postings<'r>)>> {
    let mut chunks = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for (word, postings) in words {
        size += postings.size();
        chunk.push((word, postings));
        if size >= CHUNK_SIZE {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}

/// A chunk as the interface reads it: its words, each with its pages and
/// the pages of each of its forms with diacritics.
fn encoded_chunk(chunk: &[(&str, Postings)]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(
        chunk
            .iter()
            .map(|(w, p)| w.len() + 16 + p.pages.bytes.len())
            .sum(),
    );
    let mut e = minicbor::Encoder::new(&mut bytes);
    let written: Result<(), minicbor::encode::Error<_>> = (|| {
        e.array(1)?.array(chunk.len() as u64)?;
        for (word, postings) in chunk {
            e.array(3)?.str(word)?.array(postings.pages.count)?;
            e.writer_mut().extend_from_slice(&postings.pages.bytes);
            e.array(postings.variants.len() as u64)?;
            for (form, pages) in &postings.variants {
                e.array(2)?.str(form)?.array(pages.count)?;
                e.writer_mut().extend_from_slice(&pages.bytes);
            }
        }
        Ok(())
    })();
    written.expect("writing to memory");
    bytes
}

/// The range of words of each chunk, cut short: a chunk ends at the prefix of
/// its last word one letter longer than it shares with the next chunk's
/// first, where the next starts (unless that would end it before it starts).
fn ranges(chunks: &[Vec<(&str, Postings)>]) -> Vec<(String, String)> {
    let mut ranges: Vec<(String, String)> = chunks
        .iter()
        .map(|c| {
            let word = |w: Option<&(&str, Postings)>| w.map(|w| w.0.to_owned()).unwrap_or_default();
            (word(c.first()), word(c.last()))
        })
        .collect();
    for i in 1..ranges.len() {
        let (last, first) = (&ranges[i - 1].1, &ranges[i].0);
        let shared = first
            .chars()
            .zip(last.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let end: String = last.chars().take(shared + 1).collect();
        let start: String = first.chars().take(shared + 1).collect();
        if end >= ranges[i - 1].0 {
            ranges[i - 1].1 = end;
        }
        ranges[i].0 = start;
    }
    ranges
}

/// Hashes made unique among a language's files: a hash that another file of
/// the language has taken already is lengthened until it differs.
struct Names {
    language: String,
    taken: FxHashSet<String>,
}

impl Names {
    fn new(language: &str) -> Names {
        Names {
            language: language.to_owned(),
            taken: FxHashSet::default(),
        }
    }

    fn unique(&mut self, hash: u128) -> String {
        let hash = hex(hash);
        let mut length = 7;
        loop {
            let name = format!("{}_{}", self.language, &hash[..length.min(hash.len())]);
            if length >= hash.len() || self.taken.insert(name.clone()) {
                return name;
            }
            length += 1;
        }
    }
}

fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(word: &str) -> (&str, Postings<'_>) {
        (word, Postings::default())
    }

    #[test]
    fn chunk_ranges_are_the_shortest_telling_prefixes() {
        let chunks = vec![
            vec![packed("apple")],
            vec![packed("apricot"), packed("banana")],
            vec![packed("peach")],
        ];
        assert_eq!(
            ranges(&chunks),
            [
                ("apple".to_owned(), "apple".to_owned()),
                ("apr".to_owned(), "b".to_owned()),
                ("p".to_owned(), "peach".to_owned())
            ]
        );
    }

    #[test]
    fn a_taken_name_is_lengthened() {
        let mut names = Names::new("en");
        let hash = 0x0123456789abcdef << 64;
        assert_eq!(names.unique(hash), "en_0123456");
        assert_eq!(names.unique(hash), "en_01234567");
    }
}
