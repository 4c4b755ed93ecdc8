//! Search that works on a static host: a pagefind index of the article pages,
//! written to the search folder with pagefind's own search interface.
//!
//! Pagefind splits the index by each page's `<html lang>`, so every language is
//! searched with its own stemming, and its interface speaks the page's language
//! (right to left in Arabic pages). Only the part of a page marked
//! `data-pagefind-body` (the article) is indexed; the province and the year are
//! filters, named in the page's language by the theme
//! (`data-pagefind-filter`).

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::error::{Error, Result};
use crate::output::{Asset, AssetSource};
use crate::render::Page;
use crate::routes::{Routes, SiteFile};

/// Indexes the searchable `pages` (articles), each at its address; returns
/// the index and interface files. The pages are indexed in the order of their
/// files, so the same pages give the same bytes.
pub fn index(pages: &[Page], routes: &Routes) -> Result<Vec<Asset>> {
    let mut pages: Vec<(SiteFile, &Page)> = pages
        .iter()
        .filter(|p| p.route.is_searchable())
        .map(|p| (p.route.output_file(), p))
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    // Pagefind's interface is async. Its runtime runs on a thread of its own, so
    // that a caller inside another runtime (a server, a test) is not disturbed.
    let files = std::thread::scope(|scope| {
        scope
            .spawn(|| indexed_files(&pages, routes))
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    let mut assets: Vec<Asset> = files
        .into_iter()
        .map(|f| {
            let file = SiteFile::in_search_folder(&f.filename)
                .ok_or_else(|| failed(&format!("it named a file {}", f.filename.display())))?;
            Ok(Asset {
                file,
                source: AssetSource::Generated(f.contents),
            })
        })
        .collect::<Result<_>>()?;
    assets.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(assets)
}

fn indexed_files(
    pages: &[(SiteFile, &Page)],
    routes: &Routes,
) -> Result<Vec<pagefind::api::SyntheticFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed(&e.to_string()))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| failed(&e.to_string()))?;
        for (file, page) in pages {
            index
                .add_html_file(
                    None,
                    Some(routes.url(&page.route)),
                    String::from_utf8_lossy(&page.contents).into_owned(),
                )
                .await
                .map_err(|e| failed(&format!("{file}: {e}")))?;
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
