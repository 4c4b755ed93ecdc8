//! A page's postings: for each key of the index on the page, and for each
//! form of it with diacritics, where its words are, already encoded as the
//! index's chunks hold them. A language's index then only puts each page's
//! postings one after the other under their keys, with the page's number:
//! the sorting and encoding of places is done once per page, when the page
//! is read, and kept with its record.
//!
//! The bytes are a CBOR sequence of entries, sorted by key then form (the
//! key as filed first, with an empty form): the key (empty when it is the
//! previous entry's), the form, the entry's size as the chunks count it (a
//! page, and each place), and its places as bytes (two CBOR arrays: in the
//! text, then in the meta fields).

use minicbor::decode::Error;
use minicbor::{Decode, Decoder, Encode, Encoder};

/// Where a word is: its number in the text and its weight (24 for one), or,
/// for a meta field's word, its number in the field and the field's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct Place {
    #[n(0)]
    pub position: u32,
    #[n(1)]
    pub weight: u8,
}

/// The weight of an ordinary word (pagefind's weight 1).
pub const WEIGHT: u8 = 24;

/// Writes a page's postings, entry by entry in order.
#[derive(Default)]
pub struct Writer {
    bytes: Vec<u8>,
    last_key: Option<String>,
    places: Vec<u8>,
}

impl Writer {
    /// Adds the places of `key` in `form` (empty: the key as filed), in the
    /// text and in the meta fields. Entries come sorted by key, then form.
    pub fn entry(&mut self, key: &str, form: &str, text: &[Place], meta: &[Place]) {
        let (locs, meta_locs) = (locs(text), meta_locs(meta));
        self.places.clear();
        Encoder::new(&mut self.places)
            .encode(&locs)
            .and_then(|e| e.encode(&meta_locs))
            .expect("writing to memory");
        let same = self.last_key.as_deref() == Some(key);
        Encoder::new(&mut self.bytes)
            .str(if same { "" } else { key })
            .and_then(|e| e.str(form))
            .and_then(|e| e.u64((locs.len() + meta_locs.len() + 1) as u64))
            .and_then(|e| e.bytes(&self.places))
            .expect("writing to memory");
        if !same {
            self.last_key = Some(key.to_owned());
        }
    }

    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// One entry of a page's postings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry<'p> {
    pub key: &'p str,
    /// The form with diacritics; empty for the key as filed.
    pub form: &'p str,
    /// Its size as the chunks count it: a page, and each place.
    pub size: usize,
    /// Its places as the index holds them: two CBOR arrays.
    pub places: &'p [u8],
}

/// The entries of a page's postings, read in place.
pub fn read(bytes: &[u8]) -> impl Iterator<Item = Entry<'_>> {
    let mut d = Decoder::new(bytes);
    let mut key = "";
    std::iter::from_fn(move || {
        if d.position() >= bytes.len() {
            return None;
        }
        let entry = (|| -> Result<Entry<'_>, Error> {
            let read = d.str()?;
            if !read.is_empty() {
                key = read;
            }
            Ok(Entry {
                key,
                form: d.str()?,
                size: d.u64()? as usize,
                places: d.bytes()?,
            })
        })();
        Some(entry.expect("a page's postings decode"))
    })
}

/// A page's places of a word as the interface reads them: grouped by
/// weight (ordinary words first), each position less the one before it,
/// and a change of weight `w` told by `-w - 1` followed by a whole position.
fn locs(places: &[Place]) -> Vec<i32> {
    let mut sorted = places.to_vec();
    sorted.sort_by_key(|p| {
        (
            if p.weight == WEIGHT + 1 { 0 } else { p.weight },
            p.position,
        )
    });
    let mut out = Vec::with_capacity(sorted.len() + 2);
    let (mut weight, mut last) = (WEIGHT + 1, 0u32);
    for p in sorted {
        if p.weight != weight {
            out.push(-i32::from(p.weight) - 1);
            out.push(p.position as i32);
            weight = p.weight;
        } else {
            out.push((p.position - last) as i32);
        }
        last = p.position;
    }
    out
}

/// A page's places of a meta word: by field (`-field - 1`), then each
/// position less the one before it in the field.
fn meta_locs(places: &[Place]) -> Vec<i32> {
    let mut sorted = places.to_vec();
    sorted.sort_by_key(|p| (p.weight, p.position));
    let mut out = Vec::with_capacity(sorted.len() + 2);
    let (mut field, mut last) = (None, 0u32);
    for p in sorted {
        if field != Some(p.weight) {
            out.push(-i32::from(p.weight) - 1);
            field = Some(p.weight);
            last = 0;
        }
        out.push((p.position - last) as i32);
        last = p.position;
    }
    out
}

/// The places of an entry told back: in the text, and in the meta fields,
/// as [`locs`] and [`meta_locs`] encode them.
#[cfg(test)]
pub fn decoded(entry: &Entry<'_>) -> (Vec<i32>, Vec<i32>) {
    let mut d = Decoder::new(entry.places);
    (d.decode().unwrap(), d.decode().unwrap())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(position: u32, weight: u8) -> Place {
        Place { position, weight }
    }

    #[test]
    fn places_are_grouped_by_weight_and_told_as_differences() {
        // Ordinary words first (a weight mark, then differences), then the heavier.
        assert_eq!(
            locs(&[p(8, 24), p(30, 168), p(3, 24), p(40, 168)]),
            [-25, 3, 5, -169, 30, 10]
        );
        assert_eq!(meta_locs(&[p(0, 2), p(3, 2), p(1, 1)]), [-2, 1, -3, 0, 3]);
    }

    #[test]
    fn entries_read_back_as_written() {
        let mut writer = Writer::default();
        writer.entry("hop", "", &[p(4, 24)], &[]);
        writer.entry("hop", "hợp", &[p(1, 24), p(7, 24)], &[p(0, 2)]);
        writer.entry("xa", "xã", &[p(2, 24)], &[]);
        let bytes = writer.finish();
        let entries: Vec<Entry<'_>> = read(&bytes).collect();
        let told: Vec<(&str, &str, usize)> =
            entries.iter().map(|e| (e.key, e.form, e.size)).collect();
        assert_eq!(told, [("hop", "", 3), ("hop", "hợp", 6), ("xa", "xã", 3)]);
        assert_eq!(decoded(&entries[0]), (vec![-25, 4], vec![]));
        assert_eq!(decoded(&entries[1]), (vec![-25, 1, 6], vec![-3, 0]));
    }
}
