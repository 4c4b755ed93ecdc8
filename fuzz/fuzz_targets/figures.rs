//! Any text, read as a number and searched for key figures in every built-in
//! language (and by the reader of a language without data), knowing nothing
//! of the article and knowing its date and province: nothing may panic, and
//! a number never claims bytes it did not read.

#![no_main]

use bulletin::figures::number;
use bulletin::figures::places::Places;
use bulletin::figures::{PartialDate, ProvinceId, Reader, Readers, Setting};
use libfuzzer_sys::fuzz_target;

static LIBRARY: std::sync::LazyLock<Readers> = std::sync::LazyLock::new(Readers::built_in);
static ANY: std::sync::LazyLock<Reader> = std::sync::LazyLock::new(Readers::any_language);
static PLACES: std::sync::LazyLock<Places> =
    std::sync::LazyLock::new(|| Places::of_registry("vietnam"));

fuzz_target!(|text: &str| {
    let library = &*LIBRARY;
    let province = ProvinceId::parse("quang-tri").expect("an id");
    let setting = Setting {
        date: PartialDate::parse("2024-06-30"),
        province: Some(&province),
        places: Some(&PLACES),
    };
    let readers = ["ar", "en", "es", "fr", "id", "ru", "vi"]
        .into_iter()
        .filter_map(|lang| library.get(lang))
        .chain([&*ANY]);
    for reader in readers {
        if let Some(n) = number::read(text, reader.style()) {
            assert!(n.len > 0 && n.len <= text.len() && text.is_char_boundary(n.len));
        }
        for found in reader.figures(text).into_iter().chain(reader.figures_in(text, &setting)) {
            assert!(found.line >= 1);
            assert!(found.value.is_finite());
        }
        let _ = reader.values(text);
    }
});
