//! Publishing to static hosting: output that two builds give alike, and rebuilds
//! that touch only what changed.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use bulletin::BuildOptions;

use crate::fixture::{Site, front, tree};

fn build_into(root: &Path, output: &Path) -> bulletin::BuildReport {
    bulletin::build(&BuildOptions {
        root: root.to_owned(),
        output: Some(output.to_owned()),
        ..BuildOptions::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn two_builds_of_the_sample_are_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    build_into(root, &a);
    build_into(root, &b);
    let (a, b) = (tree(&a), tree(&b));
    assert!(a.len() > 60, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (file, bytes) in &a {
        assert!(
            &b[file] == bytes,
            "{} differs between two builds",
            file.display()
        );
    }
}

fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

/// Sets every file's modification time far in the past.
fn age_all(dir: &Path) {
    for file in tree(dir).keys() {
        std::fs::File::options()
            .write(true)
            .open(dir.join(file))
            .unwrap()
            .set_modified(long_ago())
            .unwrap();
    }
}

/// The files whose modification time changed since [`age_all`].
fn touched(dir: &Path) -> Vec<PathBuf> {
    tree(dir)
        .into_keys()
        .filter(|f| std::fs::metadata(dir.join(f)).unwrap().modified().unwrap() != long_ago())
        .collect()
}

#[test]
fn a_rebuild_writes_only_the_files_whose_bytes_changed() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("Cooperatives grow", "en", "2020-01-01", "ha-tinh"),
        "Ha Tinh has many cooperatives.",
    )
    .article(
        "quang-tri/b.en.md",
        &front("Unions meet", "en", "2023-05-01", "quang-tri"),
        "Two unions met.",
    );
    let output = site.output();
    site.build_ok();
    age_all(&output);

    let report = site.build_ok();
    assert_eq!((report.changed, report.removed), (0, 0));
    assert_eq!(touched(&output), Vec::<PathBuf>::new(), "nothing changed");

    // A second paragraph: only the article page and the feeds show it (lists show the first).
    site.article(
        "ha-tinh/a.en.md",
        &front("Cooperatives grow", "en", "2020-01-01", "ha-tinh"),
        "Ha Tinh has many cooperatives.\n\nA second paragraph.",
    );
    let report = site.build_ok();
    assert_eq!(
        touched(&output),
        [
            "en/2020/a/index.html",
            "en/atom.xml",
            "en/provinces/ha-tinh/atom.xml"
        ]
        .map(PathBuf::from),
    );
    assert_eq!((report.changed, report.removed), (3, 0));

    // A removed article: its page goes, with its folders; the lists change.
    std::fs::remove_file(site.root().join("content/ha-tinh/a.en.md")).unwrap();
    let report = site.build_ok();
    assert!(!output.join("en/2020").exists());
    assert!(report.removed >= 1);
}
