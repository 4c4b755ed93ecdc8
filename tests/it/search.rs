//! The search index: the same files however they are made (cold, from the
//! cache, after an edit and its undoing, into another folder), no index work
//! when no article changed and only its language's when one did, and the
//! words filed as pagefind's interface looks them up.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::fixture::{Site, front, tree};

const ENGLISH: &str = "Cooperatives in Ha Tinh grew to 120 this year, with \
                       3,400 members working rice and shrimp farms.";

fn site() -> Site {
    let site = Site::new();
    site.article(
        "ha-tinh/grow.en.md",
        &front("Ha Tinh cooperatives grow", "en", "2024-03-01", "ha-tinh"),
        ENGLISH,
    );
    site.article(
        "ha-tinh/grow.vi.md",
        &front("Hợp tác xã Hà Tĩnh tăng", "vi", "2024-03-01", "ha-tinh"),
        "Số hợp tác xã ở Hà Tĩnh tăng lên 120 trong năm nay.",
    );
    site.article(
        "quang-tri/coffee.ru.md",
        &front("Кооперативы Куангчи", "ru", "2023-05-02", "quang-tri"),
        "Кооперативы провинции выращивают кофе.",
    );
    site.article(
        "binh-thuan/fruit.ar.md",
        &front("تعاونيات بينه ثوان", "ar", "2023-07-09", "binh-thuan"),
        "تزرع التعاونيات فاكهة التنين في المقاطعة.",
    );
    site
}

/// The files of the search folder, by path.
fn search_files(output: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    tree(&output.join("pagefind"))
}

fn assert_same(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: other files"
    );
    for (file, bytes) in a {
        assert!(&b[file] == bytes, "{what}: {} differs", file.display());
    }
}

/// Whether a file of the index, unzipped, holds `word` as a CBOR text string
/// (how a chunk names each word it holds).
fn holds_word(files: &BTreeMap<PathBuf, Vec<u8>>, prefix: &str, word: &str) -> bool {
    let mut needle = vec![0x60 + word.len() as u8];
    needle.extend_from_slice(word.as_bytes());
    files
        .iter()
        .filter(|(path, _)| path.starts_with("index") && path.to_string_lossy().contains(prefix))
        .any(|(_, bytes)| {
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut text)
                .unwrap();
            assert!(text.starts_with(b"pagefind_dcd"));
            text.windows(needle.len()).any(|w| w == needle)
        })
}

#[test]
fn the_index_is_the_same_cold_from_the_cache_after_an_edit_undone_and_elsewhere() {
    let site = site();
    site.build_ok();
    let cold = search_files(&site.output());
    assert!(cold.keys().any(|f| f.starts_with("fragment")), "{cold:?}");
    assert!(
        site.root()
            .join(".bulletin-cache/search-last.cbor")
            .is_file()
    );

    // The output gone, the cache kept: the records come from the cache.
    std::fs::remove_dir_all(site.output()).unwrap();
    let warm = site.build_ok();
    assert_eq!(warm.search_pages_read, 0, "every page was remembered");
    assert_same(&cold, &search_files(&site.output()), "from the cache");

    // An edit changes the index; undoing it gives the first bytes back.
    let path = "ha-tinh/grow.en.md";
    let header = front("Ha Tinh cooperatives grow", "en", "2024-03-01", "ha-tinh");
    site.article(path, &header, &format!("{ENGLISH} Saffron is new."));
    site.build_ok();
    let edited = search_files(&site.output());
    assert_ne!(edited, cold);
    site.article(path, &header, ENGLISH);
    site.build_ok();
    assert_same(
        &cold,
        &search_files(&site.output()),
        "after the edit undone",
    );

    // Without any cache, into another folder.
    std::fs::remove_dir_all(site.root().join(".bulletin-cache")).unwrap();
    let elsewhere = site.root().join("elsewhere");
    bulletin::build(&bulletin::BuildOptions {
        output: Some(elsewhere.clone()),
        ..site.options()
    })
    .unwrap();
    assert_same(&cold, &search_files(&elsewhere), "with no cache");
}

#[test]
fn a_build_where_no_article_changed_does_no_index_work() {
    let site = site();
    let first = site.build_ok();
    assert_eq!((first.search_pages_read, first.search_languages), (4, 4));

    let again = site.build_ok();
    assert_eq!(
        (again.search_pages_read, again.search_languages),
        (0, 0),
        "nothing read, no language indexed"
    );

    // One English article edited: that page read, the English index made.
    let before = search_files(&site.output());
    site.article(
        "ha-tinh/grow.en.md",
        &front("Ha Tinh cooperatives grow", "en", "2024-03-01", "ha-tinh"),
        &format!("{ENGLISH} Saffron growers joined them."),
    );
    let edited = site.build_ok();
    assert_eq!((edited.search_pages_read, edited.search_languages), (1, 1));
    let after = search_files(&site.output());
    for (file, bytes) in &before {
        let name = file.to_string_lossy();
        if !name.contains("en_") && !name.ends_with("pagefind-entry.json") {
            assert!(after.get(file) == Some(bytes), "{name} changed");
        }
    }
    // The new words are filed as the English stemmer makes them.
    assert!(holds_word(&after, "en_", "saffron"));
    assert!(holds_word(&after, "en_", "grower"));
    assert!(!holds_word(&before, "en_", "saffron"));
}

#[test]
fn words_are_filed_folded_and_stemmed_per_language() {
    let site = site();
    site.build_ok();
    let files = search_files(&site.output());
    // Vietnamese has no stemmer: "hợp" is filed folded.
    assert!(holds_word(&files, "vi_", "hop"));
    assert!(holds_word(&files, "vi_", "tinh"));
    // Russian and English stems.
    assert!(holds_word(&files, "ru_", "кооператив"));
    assert!(holds_word(&files, "en_", "cooper"));
    // A number is filed whole and by its parts.
    assert!(holds_word(&files, "en_", "3400"));
    assert!(holds_word(&files, "en_", "400"));
}

#[test]
fn a_cache_that_cannot_be_read_is_rebuilt() {
    let site = site();
    site.build_ok();
    let cold = search_files(&site.output());
    let cache = site.root().join(".bulletin-cache");
    for entry in std::fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains("search-") {
            std::fs::write(&path, b"not CBOR").unwrap();
        }
    }
    std::fs::remove_dir_all(site.output()).unwrap();
    let report = site.build_ok();
    assert_eq!(report.search_pages_read, 4, "every page read again");
    assert_same(&cold, &search_files(&site.output()), "after a broken cache");
}

#[test]
fn a_build_goes_without_the_cache_another_build_holds() {
    let site = site();
    site.build_ok();
    let lock_path = site.root().join(".bulletin-cache/search.lock");
    let lock = std::fs::File::options()
        .write(true)
        .open(&lock_path)
        .unwrap();
    lock.try_lock().expect("no build holds the cache now");
    let last = site.root().join(".bulletin-cache/search-last.cbor");
    let written = std::fs::metadata(&last).unwrap().modified().unwrap();

    std::fs::remove_dir_all(site.output()).unwrap();
    let without = site.build_ok();
    assert_eq!(without.search_pages_read, 4, "the cache was not read");
    assert_eq!(
        std::fs::metadata(&last).unwrap().modified().unwrap(),
        written,
        "nor written"
    );

    drop(lock);
    std::fs::remove_dir_all(site.output()).unwrap();
    let with = site.build_ok();
    assert_eq!(with.search_pages_read, 0, "the cache is read once free");
}
