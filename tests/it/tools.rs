//! External tools some tests need (Chromium, chromedriver, the Nu HTML Checker,
//! axe-core). `.ci/run` installs them. Where one is missing, a test skips with a
//! message locally, and fails when `CI=true`: CI never passes by skipping.

use std::path::{Path, PathBuf};

/// Where `.ci/run` installs the npm packages (`npm install --prefix target/tools`),
/// unless `BULLETIN_TOOLS` says otherwise.
fn npm_prefix() -> PathBuf {
    std::env::var_os("BULLETIN_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools"))
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The tool's path, or `None` after saying why the calling test skips (panics in CI).
fn require(what: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    if found.is_some() {
        return found;
    }
    let message = format!("{what} is not installed; .ci/run installs it");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{message}");
    }
    eprintln!("SKIPPED: {message}");
    None
}

pub fn chromedriver() -> Option<PathBuf> {
    require(
        "chromedriver (Debian package chromium-driver)",
        on_path("chromedriver"),
    )
}

pub fn chromium() -> Option<PathBuf> {
    require("chromium (Debian package chromium)", on_path("chromium"))
}

pub fn java() -> Option<PathBuf> {
    require(
        "java (Debian package default-jre-headless)",
        on_path("java"),
    )
}

pub fn vnu_jar() -> Option<PathBuf> {
    let jar = npm_prefix().join("node_modules/vnu-jar/build/dist/vnu.jar");
    require(
        "vnu.jar (npm package vnu-jar)",
        jar.is_file().then_some(jar),
    )
}

pub fn axe_script() -> Option<String> {
    let script = npm_prefix().join("node_modules/axe-core/axe.min.js");
    require(
        "axe.min.js (npm package axe-core)",
        script.is_file().then_some(script),
    )
    .map(|p| std::fs::read_to_string(p).expect("read axe.min.js"))
}

/// The sample bulletin of this repository, built into a temporary folder.
pub fn built_sample() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    bulletin::build(&bulletin::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_owned(),
        output: Some(out.path().join("public")),
        ..bulletin::BuildOptions::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    out
}
