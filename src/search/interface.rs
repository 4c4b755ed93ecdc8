//! Pagefind's search interface: its scripts, styles and the WebAssembly
//! search code of each language, which come with the pagefind crate. They
//! are taken from pagefind itself, by indexing one word in each of the
//! site's languages and keeping every file but that index's, once per
//! process and set of languages.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use serde::Deserialize;

use super::bundle::VERSION;

/// The interface files, and for each language whether it has stemmed
/// search code (`wasm.<lang>.pagefind`).
#[derive(Debug)]
pub struct Interface {
    /// Each file by its name in the search folder.
    pub files: Vec<(String, Arc<[u8]>)>,
    /// The languages with their own search code.
    pub wasm: BTreeMap<String, bool>,
}

#[derive(Deserialize)]
struct Entry {
    version: String,
    languages: BTreeMap<String, EntryLanguage>,
}

#[derive(Deserialize)]
struct EntryLanguage {
    wasm: Option<String>,
}

type Known = Mutex<BTreeMap<Vec<String>, Arc<Interface>>>;

/// The interface for these languages.
pub fn for_languages(languages: &[String]) -> Result<Arc<Interface>, String> {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    let known = KNOWN.get_or_init(Known::default);
    if let Some(interface) = known
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(languages)
    {
        return Ok(Arc::clone(interface));
    }
    // Pagefind's interface is async. Its runtime runs on a thread of its own, so
    // that a caller inside another runtime (a server, a test) is not disturbed.
    let interface = std::thread::scope(|scope| {
        scope
            .spawn(|| made(languages))
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    let interface = Arc::new(interface);
    known
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(languages.to_vec(), Arc::clone(&interface));
    Ok(interface)
}

fn made(languages: &[String]) -> Result<Interface, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for (i, language) in languages.iter().enumerate() {
            index
                .add_custom_record(
                    format!("/{i}/"),
                    "bulletin".to_owned(),
                    language.clone(),
                    None,
                    None,
                    None,
                )
                .await
                .map_err(|e| e.to_string())?;
        }
        index.get_files().await.map_err(|e| e.to_string())
    })?;
    let mut interface = Interface {
        files: Vec::new(),
        wasm: BTreeMap::new(),
    };
    for file in files {
        let name = file.filename.to_string_lossy().replace('\\', "/");
        if name == "pagefind-entry.json" {
            let entry: Entry = serde_json::from_slice(&file.contents).map_err(|e| e.to_string())?;
            if entry.version != VERSION {
                return Err(format!(
                    "its interface is version {}, the index is written for {VERSION}",
                    entry.version
                ));
            }
            interface.wasm = entry
                .languages
                .into_iter()
                .map(|(language, l)| (language, l.wasm.is_some()))
                .collect();
        } else if !is_index_file(&name) {
            interface.files.push((name, file.contents.into()));
        }
    }
    interface.files.sort();
    Ok(interface)
}

/// Whether a file of the search folder belongs to an index rather than to
/// the interface.
fn is_index_file(name: &str) -> bool {
    name.ends_with(".pf_meta")
        || name.ends_with(".pf_index")
        || name.ends_with(".pf_fragment")
        || name.ends_with(".pf_filter")
        || name == "pagefind-entry.json"
}
