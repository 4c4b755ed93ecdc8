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

use super::record::{Place, Word};
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

/// A key's places on a page.
struct Gather {
    key: u32,
    /// The places of the words filed under the key as they are.
    places: Vec<Place>,
    /// The places of each form with diacritics filed under it.
    forms: Vec<(u32, Vec<Place>)>,
}

impl Gathered {
    pub fn add(&mut self, word: Filed, place: Place) {
        let keys = &mut self.keys;
        let at = *self.at.entry(word.key).or_insert_with(|| {
            keys.push(Gather {
                key: word.key,
                places: Vec::new(),
                forms: Vec::new(),
            });
            keys.len() - 1
        });
        let gather = &mut keys[at];
        match word.original {
            None => gather.places.push(place),
            Some(original) => match gather.forms.iter_mut().find(|(f, _)| *f == original) {
                Some((_, places)) => places.push(place),
                None => gather.forms.push((original, vec![place])),
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The words, spelled out, sorted by key, their forms sorted.
    pub fn into_words(self, known: &Known) -> Vec<Word> {
        let mut words: Vec<Word> = self
            .keys
            .into_iter()
            .map(|gather| {
                let mut variants: Vec<(String, Vec<Place>)> = gather
                    .forms
                    .into_iter()
                    .map(|(form, places)| (known.originals.text(form).to_owned(), places))
                    .collect();
                variants.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                Word {
                    key: known.keys.text(gather.key).to_owned(),
                    places: gather.places,
                    variants,
                }
            })
            .collect();
        words.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        words
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
                page.add(f, place(position as u32));
            }
        }
        let words = page.into_words(&known);
        let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, ["hop", "tac", "xa"]);
        assert_eq!(words[0].places, [place(3)]);
        assert_eq!(
            words[0].variants,
            [("hợp".to_owned(), vec![place(0), place(2)])]
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
