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
use minicbor::{Decode, Decoder, Encode};

/// Where a word is: its number in the text and its weight (24 for one), or,
/// for a meta field's word, its number in the field and the field's number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Encode, Decode)]
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
pub struct Writer<'k> {
    bytes: Vec<u8>,
    last_key: Option<&'k str>,
    /// The entry's places as the index tells them, in the text and in the
    /// meta fields, and their bytes.
    locs: (Vec<i32>, Vec<i32>),
    places: Vec<u8>,
}

impl<'k> Writer<'k> {
    /// Adds the places of `key` in `form` (empty: the key as filed), in the
    /// text and in the meta fields (which it sorts). Entries come sorted by
    /// key, then form.
    pub fn entry(&mut self, key: &'k str, form: &str, text: &mut [Place], meta: &mut [Place]) {
        let (locs, meta_locs) = &mut self.locs;
        text_locs(text, locs);
        self::meta_locs(meta, meta_locs);
        self.places.clear();
        for list in [&*locs, &*meta_locs] {
            head(&mut self.places, ARRAY, list.len() as u64);
            for &loc in list {
                int(&mut self.places, loc);
            }
        }
        let same = self.last_key == Some(key);
        let out = &mut self.bytes;
        let key_told = if same { "" } else { key };
        for text in [key_told, form] {
            head(out, TEXT, text.len() as u64);
            out.extend_from_slice(text.as_bytes());
        }
        head(out, UNSIGNED, (locs.len() + meta_locs.len() + 1) as u64);
        head(out, BYTES, self.places.len() as u64);
        out.extend_from_slice(&self.places);
        self.last_key = Some(key);
    }

    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// CBOR's major types (RFC 8949, 3.1) that postings use.
pub const UNSIGNED: u8 = 0;
const NEGATIVE: u8 = 1;
const BYTES: u8 = 2;
const TEXT: u8 = 3;
pub const ARRAY: u8 = 4;

/// Writes the head of a CBOR item: its major type and its argument, in the
/// fewest bytes.
pub fn head(out: &mut Vec<u8>, major: u8, argument: u64) {
    let major = major << 5;
    match argument {
        0..24 => out.push(major | argument as u8),
        24..0x100 => out.extend_from_slice(&[major | 24, argument as u8]),
        0x100..0x1_0000 => {
            out.push(major | 25);
            out.extend_from_slice(&(argument as u16).to_be_bytes());
        }
        0x1_0000..0x1_0000_0000 => {
            out.push(major | 26);
            out.extend_from_slice(&(argument as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&argument.to_be_bytes());
        }
    }
}

/// Writes a whole number as CBOR.
fn int(out: &mut Vec<u8>, n: i32) {
    match u64::try_from(n) {
        Ok(n) => head(out, UNSIGNED, n),
        Err(_) => head(out, NEGATIVE, (-1 - i64::from(n)) as u64),
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
fn text_locs(places: &mut [Place], out: &mut Vec<i32>) {
    let order = |p: &Place| {
        (
            if p.weight == WEIGHT + 1 { 0 } else { p.weight },
            p.position,
        )
    };
    // Mostly in order already: the text's places come in page order.
    if !places.is_sorted_by_key(order) {
        places.sort_unstable_by_key(order);
    }
    out.clear();
    let (mut weight, mut last) = (WEIGHT + 1, 0u32);
    for &mut p in places {
        if p.weight != weight {
            out.push(-i32::from(p.weight) - 1);
            out.push(p.position as i32);
            weight = p.weight;
        } else {
            out.push((p.position - last) as i32);
        }
        last = p.position;
    }
}

/// A page's places of a meta word: by field (`-field - 1`), then each
/// position less the one before it in the field.
fn meta_locs(places: &mut [Place], out: &mut Vec<i32>) {
    places.sort_unstable_by_key(|p| (p.weight, p.position));
    out.clear();
    let (mut field, mut last) = (None, 0u32);
    for &mut p in places {
        if field != Some(p.weight) {
            out.push(-i32::from(p.weight) - 1);
            field = Some(p.weight);
            last = 0;
        }
        out.push((p.position - last) as i32);
        last = p.position;
    }
}

/// The places of an entry told back: in the text, and in the meta fields,
/// as [`text_locs`] and [`meta_locs`] tell them.
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
        let mut out = Vec::new();
        // Ordinary words first (a weight mark, then differences), then the heavier.
        text_locs(&mut [p(8, 24), p(30, 168), p(3, 24), p(40, 168)], &mut out);
        assert_eq!(out, [-25, 3, 5, -169, 30, 10]);
        meta_locs(&mut [p(0, 2), p(3, 2), p(1, 1)], &mut out);
        assert_eq!(out, [-2, 1, -3, 0, 3]);
    }

    #[test]
    fn entries_read_back_as_written() {
        let mut writer = Writer::default();
        writer.entry("hop", "", &mut [p(4, 24)], &mut []);
        writer.entry("hop", "hợp", &mut [p(7, 24), p(1, 24)], &mut [p(0, 2)]);
        writer.entry("xa", "xã", &mut [p(2, 24)], &mut []);
        // Places far into a long text, in numbers of every length.
        let far = [p(23, 24), p(300, 24), p(70_000, 24), p(70_024, 250)];
        writer.entry("xa", "xạ", &mut far.clone(), &mut []);
        let bytes = writer.finish();
        let entries: Vec<Entry<'_>> = read(&bytes).collect();
        let told: Vec<(&str, &str, usize)> =
            entries.iter().map(|e| (e.key, e.form, e.size)).collect();
        assert_eq!(
            told,
            [
                ("hop", "", 3),
                ("hop", "hợp", 6),
                ("xa", "xã", 3),
                ("xa", "xạ", 7)
            ]
        );
        assert_eq!(decoded(&entries[0]), (vec![-25, 4], vec![]));
        assert_eq!(decoded(&entries[1]), (vec![-25, 1, 6], vec![-3, 0]));
        assert_eq!(
            decoded(&entries[3]),
            (vec![-25, 23, 277, 69_700, -251, 70_024], vec![])
        );
        assert_eq!(entries[3].key, "xa");
    }

    #[test]
    fn heads_are_as_cbor_writes_them() {
        for n in [
            0,
            23,
            24,
            255,
            256,
            65_535,
            65_536,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut ours = Vec::new();
            head(&mut ours, ARRAY, n);
            let mut theirs = Vec::new();
            minicbor::Encoder::new(&mut theirs).array(n).unwrap();
            assert_eq!(ours, theirs, "{n}");
        }
        for n in [0, -1, -24, -25, -256, -257, i32::MIN, i32::MAX] {
            let mut ours = Vec::new();
            int(&mut ours, n);
            assert_eq!(minicbor::decode::<i32>(&ours).unwrap(), n);
        }
    }
}
