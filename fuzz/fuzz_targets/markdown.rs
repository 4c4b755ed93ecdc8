//! Any text, as an article's Markdown with raw HTML cleaned: nothing may
//! panic, what is dropped is located in the text, and the page holds nothing
//! cleaning drops.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    bulletin::fuzzing::clean_markdown(text);
});
