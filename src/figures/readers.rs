//! The figures' readers of every language a site has: the built-in language
//! data, replaced or added to by the site's own `figures/<lang>.toml` files.

use std::collections::BTreeMap;
use std::path::Path;

use super::extract::Reader;
use super::words::{ANY, BUILT_IN, parse};
use crate::error::{Error, Result};
use crate::fs;
use crate::layout;

/// A [`Reader`] for each language that has data, built-in or the site's.
#[derive(Debug, Clone, Default)]
pub struct Readers {
    languages: BTreeMap<String, Reader>,
}

impl Readers {
    /// The built-in data, then the `figures/<lang>.toml` files of the site at
    /// `root`, which replace or add languages.
    pub fn load(root: &Path) -> Result<Readers> {
        let mut languages = Readers::built_in().languages;
        let dir = root.join(layout::FIGURES);
        let mut problems = Vec::new();
        for path in fs::walk_inputs(&dir, root)? {
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let code = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let shown = fs::shown(root, &path);
            match fs::read_text(&path, &shown)? {
                Ok(text) => match parse(&shown, &text) {
                    Ok(words) => {
                        languages.insert(code, Reader::new(&words));
                    }
                    Err(d) => problems.push(d),
                },
                Err(d) => problems.push(d),
            }
        }
        Error::if_any(problems)?;
        Ok(Readers { languages })
    }

    /// The built-in data only.
    pub fn built_in() -> Readers {
        Readers {
            languages: BUILT_IN
                .iter()
                .map(|(code, text)| {
                    let words = parse(Path::new(code), text).expect("built-in data parses");
                    ((*code).to_owned(), Reader::new(&words))
                })
                .collect(),
        }
    }

    /// The reader of a language without data: it reads numbers, and offers
    /// each one without a metric, for the editor to name.
    pub fn any_language() -> Reader {
        let words = parse(Path::new("any"), ANY).expect("built-in data parses");
        Reader::numbers_only(&words)
    }

    /// The reader of a language (`ar-EG` falls back to `ar`).
    pub fn get(&self, lang: &str) -> Option<&Reader> {
        self.languages
            .get(lang)
            .or_else(|| self.languages.get(lang.split(['-', '_']).next()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_language_has_a_reader() {
        let readers = Readers::built_in();
        for (code, _) in BUILT_IN {
            assert!(readers.get(code).is_some(), "{code}");
        }
        assert!(readers.get("ar-EG").is_some());
        assert!(readers.get("uk").is_none());
    }
}
