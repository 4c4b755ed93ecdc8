//! The words a thread has met in pages of one language, and the index words
//! each gave, by number: words repeat, within a page and across pages, and
//! making their index words (folding, stemming) is the costly part of
//! reading a page. A page's words are then [`Gathered`] by those numbers,
//! and spelled out once per page.

use std::cell::RefCell;
use std::hash::BuildHasher;

use hashbrown::{HashMap, HashTable};
use pagefind_stem::Stemmer;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::postings::{self, Place};
use super::words;

thread_local! {
    static KNOWN: RefCell<Known> = RefCell::default();
}

/// Lets go of the words each thread of the pool met: the pages are read.
pub fn forget() {
    rayon::broadcast(|_| drop(KNOWN.take()));
}

/// Runs `read` with the words this thread knows in `language`.
pub fn with<T>(language: &str, read: impl FnOnce(&mut Known) -> T) -> T {
    KNOWN.with_borrow_mut(|known| {
        known.serve(language);
        read(known)
    })
}

/// An index word a word of text gives, by number.
#[derive(Debug, Clone, Copy)]
pub struct Filed {
    /// The number of its key (folded and stemmed).
    key: u32,
    /// The number of the word with its diacritics, when folding changed it.
    original: Option<u32>,
    /// Whether it is a part of the word rather than the word.
    pub part: bool,
}

/// Words met, their index words, and the texts of the numbers those use.
#[derive(Default)]
pub struct Known {
    language: String,
    stemmer: Option<Stemmer>,
    words: HashMap<String, Box<[Filed]>, FxBuildHasher>,
    keys: Strings,
    originals: Strings,
}

impl Known {
    /// At most this many words are remembered.
    const LIMIT: usize = 200_000;

    /// Ready for words of `language`. The numbers given out stay valid
    /// until the next call.
    fn serve(&mut self, language: &str) {
        if self.language != language || self.words.len() > Known::LIMIT {
            *self = Known {
                language: language.to_owned(),
                stemmer: words::stemmer(language),
                ..Known::default()
            };
        }
    }

    /// The index words of a word of text (a run without spaces), the word
    /// itself first.
    pub fn filed(&mut self, raw: &str) -> &[Filed] {
        let Known {
            stemmer,
            words,
            keys,
            originals,
            ..
        } = self;
        words.entry_ref(raw).or_insert_with(|| {
            let mut found = Vec::new();
            words::indexables(raw, stemmer.as_ref(), &mut found);
            found
                .into_iter()
                .map(|i| Filed {
                    key: keys.number(i.key),
                    original: i.original.map(|o| originals.number(o)),
                    part: i.part,
                })
                .collect()
        })
    }
}

/// Texts by number, each once.
#[derive(Default)]
struct Strings {
    texts: Vec<Box<str>>,
    numbers: HashTable<u32>,
}

impl Strings {
    fn number(&mut self, text: String) -> u32 {
        let hash = FxBuildHasher.hash_one(text.as_str());
        let texts = &mut self.texts;
        *self
            .numbers
            .entry(
                hash,
                |&n| *texts[n as usize] == *text,
                |&n| FxBuildHasher.hash_one(&*texts[n as usize]),
            )
            .or_insert_with(|| {
                texts.push(text.into_boxed_str());
                (texts.len() - 1) as u32
            })
            .get()
    }

    fn text(&self, number: u32) -> &str {
        &self.texts[number as usize]
    }
}

/// The places of each key of a page, and of each form with diacritics:
/// every place in one list, in the order of the page, each with the number
/// of its entry (a key as filed, or one of its forms), sorted into entries
/// once the page is read.
#[derive(Default)]
pub struct Gathered {
    /// The entries met: their key's and form's numbers, by their own.
    entries: Vec<(u32, Option<u32>)>,
    /// Each entry's own number, by its key's and form's.
    numbers: FxHashMap<(u32, Option<u32>), u32>,
    /// Every place, with its entry's number and its field.
    places: Vec<(u32, Field, Place)>,
}

/// Where a word is on a page: in its text, or in a meta field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Meta,
}

impl Gathered {
    pub fn add(&mut self, word: Filed, field: Field, place: Place) {
        let entries = &mut self.entries;
        let number = *self
            .numbers
            .entry((word.key, word.original))
            .or_insert_with(|| {
                entries.push((word.key, word.original));
                (entries.len() - 1) as u32
            });
        self.places.push((number, field, place));
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The page's postings, sorted by key, then form.
    pub fn into_postings(self, known: &Known) -> Vec<u8> {
        // The places of each entry side by side, in the text's then in the
        // meta fields, in page order (a counting sort).
        let slot = |(entry, field, _): &(u32, Field, Place)| {
            *entry as usize * 2 + usize::from(*field == Field::Meta)
        };
        let mut starts = vec![0usize; self.entries.len() * 2 + 1];
        for place in &self.places {
            starts[slot(place) + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut sorted = vec![Place::default(); self.places.len()];
        for place in &self.places {
            let at = &mut next[slot(place)];
            sorted[*at] = place.2;
            *at += 1;
        }

        let mut order: Vec<(&str, &str, usize)> = (self.entries.iter().enumerate())
            .map(|(number, &(key, form))| {
                let form = form.map_or("", |f| known.originals.text(f));
                (known.keys.text(key), form, number)
            })
            .collect();
        order.sort_unstable();
        let mut writer = postings::Writer::default();
        for (key, form, number) in order {
            let (text, meta) = sorted[starts[number * 2]..starts[number * 2 + 2]]
                .split_at_mut(starts[number * 2 + 1] - starts[number * 2]);
            writer.entry(key, form, text, meta);
        }
        writer.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(position: u32) -> Place {
        Place {
            position,
            weight: 24,
        }
    }

    #[test]
    fn a_page_gathers_its_words_by_key_and_form() {
        let mut known = Known::default();
        known.serve("vi");
        let mut page = Gathered::default();
        for (position, raw) in ["Hợp", "tác", "hợp", "Hop", "xã"].into_iter().enumerate() {
            for &f in known.filed(raw) {
                page.add(f, Field::Text, place(position as u32));
            }
        }
        for &f in known.filed("hợp") {
            page.add(f, Field::Meta, place(0));
        }
        let bytes = page.into_postings(&known);
        let entries: Vec<postings::Entry<'_>> = postings::read(&bytes).collect();
        let told: Vec<(&str, &str)> = entries.iter().map(|e| (e.key, e.form)).collect();
        assert_eq!(
            told,
            [("hop", ""), ("hop", "hợp"), ("tac", "tác"), ("xa", "xã")]
        );
        assert_eq!(postings::decoded(&entries[0]), (vec![-25, 3], vec![]));
        assert_eq!(
            postings::decoded(&entries[1]),
            (vec![-25, 0, 2], vec![-25, 0])
        );
    }

    #[test]
    fn numbers_are_given_afresh_for_another_language() {
        let mut known = Known::default();
        known.serve("en");
        let cooperatives = known.filed("cooperatives")[0];
        assert_eq!(known.keys.text(cooperatives.key), "cooper");
        known.serve("ru");
        assert!(known.words.is_empty() && known.keys.texts.is_empty());
        let word = known.filed("кооперативов")[0];
        assert_eq!(known.keys.text(word.key), "кооператив");
    }
}
