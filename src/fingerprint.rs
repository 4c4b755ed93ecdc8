//! Fingerprints: short hashes of what a page is made from.
//!
//! Watch mode remembers the fingerprint of every page it wrote; after a change it
//! renders again only the pages whose fingerprint differs. A fingerprint is 64
//! bits of XXH3, so an edit going unnoticed is as likely as a random collision.

use std::hash::{Hash, Hasher};

/// The hash of a page's inputs, or of part of them.
pub type Fingerprint = u64;

/// A hasher for building a fingerprint piece by piece.
pub fn hasher() -> impl Hasher {
    Gathered(Vec::with_capacity(256))
}

/// A hasher for a fingerprint of pieces that add up to megabytes (every
/// address of a site), hashed as they come rather than gathered first.
pub fn streaming_hasher() -> impl Hasher {
    xxhash_rust::xxh3::Xxh3::new()
}

/// The pieces of a fingerprint, gathered and then hashed in one go: a page's
/// fingerprint is made of dozens of small pieces (ids, counts, other
/// fingerprints), and XXH3 is much faster on one buffer than fed piece by piece.
struct Gathered(Vec<u8>);

impl Hasher for Gathered {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(&self.0)
    }
}

/// The fingerprint of a text: hashed where it lies, not copied into a buffer
/// first as [`of`] would (an article's text is kilobytes).
pub fn of_text(text: &str) -> Fingerprint {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// The fingerprint of anything hashable.
pub fn of<T: Hash + ?Sized>(value: &T) -> Fingerprint {
    let mut hasher = hasher();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differs_for_small_edits_and_agrees_for_equal_input() {
        let text = "Hà Tĩnh có 1.981 tổ hợp tác".repeat(50);
        let edited = text.replacen("1.981", "1.982", 1);
        assert_ne!(of(&text), of(&edited));
        assert_eq!(of(&text), of(&text.clone()));
        assert_ne!(of(&("a", "bc")), of(&("ab", "c")), "fields stay apart");
        assert_ne!(of_text(&text), of_text(&edited));
        assert_eq!(of_text(&text), of_text(&text.clone()));
    }
}
