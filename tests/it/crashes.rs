//! Builds that stop: killed at any moment, or two at once into one folder.
//! The output is always the whole previous site or the whole new one.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::corpus::generator;

/// Every file of the site under `root` (hidden files are not the site's), with its bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap().display().to_string();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `bulletin build` of the site at `site` into `out`, published at `base`.
fn build(site: &Path, out: &Path, base: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bulletin"));
    command
        .args(["build", "--no-search", "--base-url", base, "--root"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// The names in the folder holding the output.
fn beside(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    generator::generate(&site, 1000, 5, None).unwrap();
    let builds = dir.path().join("builds");
    std::fs::create_dir(&builds).unwrap();
    let (out, old_copy, clean) = (
        builds.join("out"),
        dir.path().join("old"),
        dir.path().join("clean"),
    );
    // Every page of the new site differs from the old one's: the address of
    // the site is in every page, feed, data file and the sitemap.
    let (old_base, new_base) = ("https://old.example/", "https://new.example/");
    assert!(build(&site, &out, old_base).status().unwrap().success());
    crate::fixture::copy_tree(&out, &old_copy);
    assert!(build(&site, &clean, new_base).status().unwrap().success());
    let (old, new) = (snapshot(&out), snapshot(&clean));
    let pages = new.keys().filter(|f| f.ends_with(".html")).count();
    assert!(pages > 2000, "a few thousand pages: {pages}");
    let changed = new
        .iter()
        .filter(|(f, bytes)| old.get(*f) != Some(bytes))
        .count();
    assert!(
        changed >= new.len() - 2,
        "all but the static files change: {changed} of {}",
        new.len()
    );

    // How long the new build takes over the old one, uninterrupted.
    let started = Instant::now();
    assert!(build(&site, &out, new_base).status().unwrap().success());
    let whole = started.elapsed();

    let seed = fastrand::u64(..);
    let mut rng = fastrand::Rng::with_seed(seed);
    let (mut olds, mut news) = (0, 0);
    for kill in 0..20 {
        std::fs::remove_dir_all(&out).unwrap();
        crate::fixture::copy_tree(&old_copy, &out);
        // Half of them anywhere once the output is being written (from about
        // a third of the way on), half near the end, where the new site takes
        // the old one's place.
        let after = match kill % 2 {
            0 => whole.mul_f64(0.3 + 0.8 * rng.f64()),
            _ => whole.mul_f64(0.85 + 0.2 * rng.f64()),
        };
        let mut child = build(&site, &out, new_base).spawn().unwrap();
        std::thread::sleep(after);
        let _ = child.kill();
        child.wait().unwrap();
        let left = snapshot(&out);
        if left == old {
            olds += 1;
        } else if left == new {
            news += 1;
        } else {
            let as_old = left.iter().filter(|(f, b)| old.get(*f) == Some(b)).count();
            let as_new = left.iter().filter(|(f, b)| new.get(*f) == Some(b)).count();
            panic!(
                "kill {kill} after {after:?} (seed {seed}) left a mixed site: {as_old} files of the old one, {as_new} of the new, {} in all",
                left.len()
            );
        }
    }
    eprintln!(
        "20 kills over {} files ({pages} pages, a build of {whole:?}): {olds} left the old site, {news} the new",
        new.len()
    );
    // The next build cleans up after them and equals a clean build.
    assert!(build(&site, &out, new_base).status().unwrap().success());
    assert!(
        snapshot(&out) == new,
        "the build after the kills differs from a clean one"
    );
    assert_eq!(
        beside(&builds),
        ["out"],
        "a killed build's leftovers are gone"
    );
}

#[test]
fn two_builds_into_one_folder_never_interleave() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    generator::generate(&site, 150, 9, None).unwrap();
    let (out, clean) = (dir.path().join("out"), dir.path().join("clean"));
    let base = "https://example.org/";
    assert!(build(&site, &clean, base).status().unwrap().success());
    let mut outcomes = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&out);
        let mut first = build(&site, &out, base)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let second = build(&site, &out, base)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let first_done = first.wait().unwrap();
        assert!(
            first_done.success() || second.status.success(),
            "one of them builds"
        );
        if !second.status.success() {
            let message = String::from_utf8_lossy(&second.stderr).into_owned();
            assert!(message.contains("another build is writing"), "{message}");
        }
        outcomes.push(second.status.success());
        assert!(
            snapshot(&out) == snapshot(&clean),
            "the result is a complete build"
        );
    }
    eprintln!("the second of two concurrent builds succeeded {outcomes:?}");
}
