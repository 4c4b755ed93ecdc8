//! Any text, cut at its front matter: nothing may panic, and the parts lie
//! within the text, in order.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    bulletin::fuzzing::split_front_matter(text);
});
