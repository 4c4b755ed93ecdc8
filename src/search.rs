//! Search that works on a static host: a pagefind index of the article pages,
//! written under `pagefind/` with pagefind's own search interface.
//!
//! Pagefind splits the index by each page's `<html lang>`, so every language is
//! searched with its own stemming, and its interface speaks the page's language
//! (right to left in Arabic pages). Only the part of a page marked
//! `data-pagefind-body` (the article) is indexed; the province and the year are
//! filters, named in the page's language by the theme
//! (`data-pagefind-filter`).

use std::path::PathBuf;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::error::{Error, Result};
use crate::output::{Asset, Page, Source};

/// The folder of the index and the search interface, in the output.
pub const BUNDLE: &str = "pagefind";

/// The files of the interface the search pages load, in [`BUNDLE`].
pub const INTERFACE: [&str; 2] = ["pagefind-ui.js", "pagefind-ui.css"];

/// Indexes the searchable `pages`, each at its URL below `base_path` (`/` or
/// `/bulletin/`); returns the index and interface files. The pages are indexed
/// in the order of their files, so the same pages give the same bytes.
pub fn index(pages: &[Page], base_path: &str) -> Result<Vec<Asset>> {
    let mut pages: Vec<&Page> = pages.iter().filter(|p| p.searchable).collect();
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    // Pagefind's interface is async. Its runtime runs on a thread of its own, so
    // that a caller inside another runtime (a server, a test) is not disturbed.
    let files = std::thread::scope(|scope| {
        scope
            .spawn(|| indexed_files(&pages, base_path))
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    let mut assets: Vec<Asset> = files
        .into_iter()
        .map(|f| Asset {
            file: PathBuf::from(BUNDLE).join(f.filename),
            source: Source::Generated(f.contents),
        })
        .collect();
    assets.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(assets)
}

fn indexed_files(pages: &[&Page], base_path: &str) -> Result<Vec<pagefind::api::SyntheticFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed(&e.to_string()))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| failed(&e.to_string()))?;
        for page in pages {
            let file = page.file.to_string_lossy();
            let url = format!("{base_path}{}", file.trim_end_matches("index.html"));
            index
                .add_html_file(
                    None,
                    Some(url),
                    String::from_utf8_lossy(&page.contents).into_owned(),
                )
                .await
                .map_err(|e| failed(&format!("{}: {e}", page.file.display())))?;
        }
        index.get_files().await.map_err(|e| failed(&e.to_string()))
    })
}

fn failed(reason: &str) -> Error {
    Error::usage(
        format!("the search index could not be built: {reason}"),
        "build with --no-search (or `search = false` in site.toml) to publish without search",
    )
}
