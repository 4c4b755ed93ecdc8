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

/// The places of each key of a page, and of each form with diacritics.
#[derive(Default)]
pub struct Gathered {
    at: FxHashMap<u32, usize>,
    keys: Vec<Gather>,
}

/// Where a word is on a page: in its text, or in a meta field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Meta,
}

/// A key's places on a page.
struct Gather {
    key: u32,
    /// The places of the words filed under the key as they are.
    places: Places,
    /// The places of each form with diacritics filed under it.
    forms: Vec<(u32, Places)>,
}

/// Places in the text and in the meta fields.
#[derive(Default)]
struct Places {
    text: Vec<Place>,
    meta: Vec<Place>,
}

impl Places {
    fn push(&mut self, field: Field, place: Place) {
        match field {
            Field::Text => self.text.push(place),
            Field::Meta => self.meta.push(place),
        }
    }
}

impl Gathered {
    pub fn add(&mut self, word: Filed, field: Field, place: Place) {
        let keys = &mut self.keys;
        let at = *self.at.entry(word.key).or_insert_with(|| {
            keys.push(Gather {
                key: word.key,
                places: Places::default(),
                forms: Vec::new(),
            });
            keys.len() - 1
        });
        let gather = &mut keys[at];
        let places = match word.original {
            None => &mut gather.places,
            Some(original) => match gather.forms.iter().position(|(f, _)| *f == original) {
                Some(at) => &mut gather.forms[at].1,
                None => {
                    gather.forms.push((original, Places::default()));
                    &mut gather.forms.last_mut().expect("just pushed").1
                }
            },
        };
        places.push(field, place);
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The page's postings, sorted by key, then form.
    pub fn into_postings(self, known: &Known) -> Vec<u8> {
        let mut keys = self.keys;
        keys.sort_unstable_by(|a, b| known.keys.text(a.key).cmp(known.keys.text(b.key)));
        let mut writer = postings::Writer::default();
        for mut gather in keys {
            let key = known.keys.text(gather.key);
            let Places { text, meta } = &mut gather.places;
            if !text.is_empty() || !meta.is_empty() {
                writer.entry(key, "", text, meta);
            }
            gather
                .forms
                .sort_unstable_by(|a, b| known.originals.text(a.0).cmp(known.originals.text(b.0)));
            for (form, places) in &mut gather.forms {
                let form = known.originals.text(*form);
                writer.entry(key, form, &mut places.text, &mut places.meta);
            }
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
