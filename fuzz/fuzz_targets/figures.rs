//! Any text, read as a number and searched for key figures in every built-in
//! language: nothing may panic, and a number never claims bytes it did not read.

#![no_main]

use bulletin::figures::number;
use bulletin::figures::Readers;
use libfuzzer_sys::fuzz_target;

static LIBRARY: std::sync::LazyLock<Readers> = std::sync::LazyLock::new(Readers::built_in);

fuzz_target!(|text: &str| {
    let library = &*LIBRARY;
    for lang in ["ar", "en", "id", "ru", "vi"] {
        let reader = library.get(lang).expect("built-in language");
        if let Some(n) = number::read(text, reader.style()) {
            assert!(n.len > 0 && n.len <= text.len() && text.is_char_boundary(n.len));
        }
        for found in reader.figures(text) {
            assert!(found.line >= 1);
            assert!(found.value.is_finite());
        }
        let _ = reader.values(text);
    }
});
