//! Watch mode: build the site, serve it with live reload, and rebuild on every
//! change under `content/`, `templates/`, `static/` or `site.toml`.
//!
//! Steps:
//! 1. build into a private folder and serve it on a loopback port;
//! 2. watch the site's folders (not files: editors replace files on save), ignoring
//!    editor swap and backup files;
//! 3. gather the changes of one burst (a save, a `git checkout`) into one batch;
//! 4. rebuild what the changes touch (see [`crate::Rebuilder`]), then tell the open
//!    pages: reload, swap stylesheets, or show the error.

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::live::{Live, Signal};
use crate::BuildOptions;
use crate::error::{Error, Result};
use crate::layout;
use crate::rebuild::{RebuildReport, Rebuilder, SearchReport};

/// How to watch.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to serve on (loopback by default).
    pub bind: IpAddr,
    /// The first port to try; the next free one is taken when busy (0: any).
    pub port: u16,
    /// Poll the file system at this interval instead of waiting for change events.
    pub poll: Option<Duration>,
    /// Whether drafts are built.
    pub drafts: bool,
    /// Whether the site is indexed for search (on unless `--no-search`): the
    /// index follows each rebuild once its pages are served.
    pub search: bool,
}

/// What a change led to.
#[derive(Debug)]
pub enum WatchEvent {
    /// The site was rebuilt and the pages told to reload.
    Rebuilt {
        /// The changed files, relative to the site root.
        changed: Vec<PathBuf>,
        /// What the rebuild did.
        report: RebuildReport,
    },
    /// The search index caught up with the last rebuild.
    Indexed {
        /// What indexing did.
        report: SearchReport,
    },
    /// The rebuild failed; the previous site is still served.
    Failed {
        /// The changed files, relative to the site root.
        changed: Vec<PathBuf>,
        /// The full error report.
        message: String,
    },
}

impl std::fmt::Display for WatchEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (changed, outcome) = match self {
            WatchEvent::Indexed { report } => return write!(f, "{report}"),
            WatchEvent::Rebuilt { changed, report } => {
                let mut outcome = report.to_string();
                for warning in &report.warnings {
                    outcome.push('\n');
                    outcome += &warning.render_warning();
                }
                (changed, outcome)
            }
            WatchEvent::Failed { changed, message } => (
                changed,
                format!("build failed; still serving the last good site\n{message}"),
            ),
        };
        let first = changed
            .first()
            .map_or_else(|| "startup".into(), |p| p.display().to_string());
        let more = if changed.len() > 1 {
            format!(" (+{} more)", changed.len() - 1)
        } else {
            String::new()
        };
        write!(f, "{first}{more}: {outcome}")
    }
}

/// Which part of the site a changed path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A stylesheet: pages swap it without reloading.
    Stylesheet,
    /// Anything else that shapes the site.
    Site,
}

/// How long a burst of changes must be quiet before the rebuild starts: long enough
/// for an editor's save (write a temporary file, rename it over) and a `git checkout`
/// to arrive as one batch, short enough not to be noticed.
pub const QUIET: Duration = Duration::from_millis(30);

/// The longest a steady stream of changes delays a rebuild.
pub const LONGEST: Duration = Duration::from_secs(2);

/// Classifies a changed path; `None` for what does not affect the site (editor files, the output).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    if relative.iter().any(crate::fs::is_ignored_name) {
        return None;
    }
    let mut parts = relative.iter();
    let first = parts.next()?.to_str()?;
    let nested = parts.next().is_some();
    match first {
        layout::STATIC if relative.extension().is_some_and(|e| e == "css") => {
            Some(Change::Stylesheet)
        }
        folder if layout::INPUT_FOLDERS.contains(&folder) => Some(Change::Site),
        layout::CONFIG_FILE if !nested => Some(Change::Site),
        _ => None,
    }
}

/// Waits for a first change, then gathers the rest of its burst: until `quiet` passes
/// without a change, or `longest` since the first. `None` when the watcher is gone.
pub fn gather(
    events: &mpsc::Receiver<PathBuf>,
    quiet: Duration,
    longest: Duration,
) -> Option<Vec<PathBuf>> {
    let first = events.recv().ok()?;
    let started = Instant::now();
    let mut batch = vec![first];
    while started.elapsed() < longest {
        match events.recv_timeout(quiet.min(longest.saturating_sub(started.elapsed()))) {
            Ok(path) => batch.push(path),
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    batch.sort();
    batch.dedup();
    Some(batch)
}

/// A running watch session. Dropping it stops the server and the watcher and removes the private output.
pub struct Watching {
    /// The address pages are served at (`http://127.0.0.1:1111/`).
    pub url: String,
    /// The private folder the site is built into.
    pub output: PathBuf,
    events: Mutex<mpsc::Receiver<WatchEvent>>,
    runtime: Option<tokio::runtime::Runtime>,
    /// The file watcher. The rebuild loop holds it only weakly: dropping it
    /// closes the channel of changes, which ends the loop.
    watcher: Option<Arc<Mutex<Box<dyn Watcher + Send>>>>,
    /// The rebuild loop.
    rebuilds: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Watching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watching").field("url", &self.url).finish()
    }
}

impl Watching {
    /// The next rebuild's outcome, waiting at most `timeout`.
    pub fn next_event(&self, timeout: Duration) -> Option<WatchEvent> {
        self.events
            .lock()
            .expect("not poisoned")
            .recv_timeout(timeout)
            .ok()
    }

    /// Blocks until Ctrl-C (or, on Unix, a termination signal).
    pub fn wait_for_ctrl_c(&self) {
        let Some(runtime) = &self.runtime else { return };
        runtime.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{SignalKind, signal};
                match signal(SignalKind::terminate()) {
                    Ok(mut terminate) => {
                        tokio::select! {
                            _ = tokio::signal::ctrl_c() => {}
                            _ = terminate.recv() => {}
                        }
                    }
                    Err(_) => {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                }
            }
            #[cfg(not(unix))]
            let _ = tokio::signal::ctrl_c().await;
        });
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
        // No rebuild may write into the folder once it is removed: stop the
        // watcher, then wait for the loop to see it gone.
        drop(self.watcher.take());
        if let Some(rebuilds) = self.rebuilds.take() {
            let _ = rebuilds.join();
        }
        let _ = crate::fs::remove_dir_all(&self.output);
    }
}

/// Builds, serves and starts watching; returns once the first build is served.
pub fn start(options: &WatchOptions) -> Result<Watching> {
    let root = std::path::absolute(&options.root).map_err(|e| Error::io(&options.root, e))?;
    if !root.join(layout::CONFIG_FILE).is_file() {
        return Err(Error::usage(
            format!("no {} in {}", layout::CONFIG_FILE, root.display()),
            "run bulletin watch in a site folder, or pass --root DIR",
        ));
    }
    let listener = super::bind(options.bind, options.port).map_err(|e| {
        Error::usage(
            format!("cannot listen on {}:{}: {e}", options.bind, options.port),
            "choose another --port or --bind address",
        )
    })?;
    let address = listener.local_addr().map_err(|e| Error::io(&root, e))?;
    let url = format!("http://{address}/");
    let output = std::env::temp_dir().join(format!(
        "bulletin-watch-{}-{}",
        std::process::id(),
        address.port()
    ));
    let build_options = BuildOptions {
        root: root.clone(),
        output: Some(output.clone()),
        base_url: Some(url.clone()),
        drafts: options.drafts,
        search: Some(options.search),
    };

    let (sender, events) = mpsc::channel();
    let mut session = Session {
        root,
        rebuilder: Rebuilder::new(build_options),
        live: Live::default(),
        events: sender,
        watched: BTreeSet::new(),
        trusted: Arc::default(),
    };
    session.rebuild(&[]);
    session.index_search();
    let root = session.root.clone();

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(&root, e))?;
    runtime.spawn(super::run_live(
        listener,
        output.clone(),
        Some(session.live.clone()),
        session.trusted.clone(),
    ));

    let (changes_tx, changes) = mpsc::channel::<PathBuf>();
    let watcher = Arc::new(Mutex::new(watcher(&root, options.poll, changes_tx)?));
    watch_folders(&watcher, &root, &mut session.watched)?;
    let loop_watcher = Arc::downgrade(&watcher);
    let rebuilds = std::thread::spawn(move || session.run(&changes, &loop_watcher));

    Ok(Watching {
        url,
        output,
        events: Mutex::new(events),
        runtime: Some(runtime),
        watcher: Some(watcher),
        rebuilds: Some(rebuilds),
    })
}

/// A file watcher of the site at `root` that sends each changed path that
/// shapes the site to `changes`; it polls every `poll` when given.
fn watcher(
    root: &Path,
    poll: Option<Duration>,
    changes: mpsc::Sender<PathBuf>,
) -> Result<Box<dyn Watcher + Send>> {
    let watch_root = root.to_owned();
    let handler = move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if classify(&watch_root, &path).is_some() {
                let _ = changes.send(path);
            }
        }
    };
    Ok(match poll {
        Some(interval) => Box::new(
            notify::PollWatcher::new(
                handler,
                notify::Config::default().with_poll_interval(interval),
            )
            .map_err(|e| watch_error(root, e))?,
        ),
        None => Box::new(notify::recommended_watcher(handler).map_err(|e| watch_error(root, e))?),
    })
}

/// What the rebuild loop works with.
struct Session {
    root: PathBuf,
    rebuilder: Rebuilder,
    live: Live,
    events: mpsc::Sender<WatchEvent>,
    /// The folders watched so far.
    watched: BTreeSet<PathBuf>,
    /// Whether the site trusts its articles' raw HTML, for the server's policy.
    trusted: Arc<AtomicBool>,
}

impl Session {
    /// Rebuilds after each burst of `changes` until the watcher is gone.
    fn run(
        mut self,
        changes: &mpsc::Receiver<PathBuf>,
        watcher: &Weak<Mutex<Box<dyn Watcher + Send>>>,
    ) {
        let mut broken = false;
        while let Some(batch) = gather(changes, QUIET, LONGEST) {
            // The session stopped while the batch gathered.
            let Some(watcher) = watcher.upgrade() else {
                break;
            };
            // A folder created since (a first template) is watched from now on.
            let _ = watch_folders(&watcher, &self.root, &mut self.watched);
            drop(watcher);
            let only_css = batch
                .iter()
                .all(|p| classify(&self.root, p) == Some(Change::Stylesheet));
            let outcome = self.rebuild(&batch);
            match outcome {
                // Nothing a reader sees changed (a file saved as it was), and no overlay to clear.
                Some(false) if !broken => {}
                Some(_) if only_css => self.live.send(Signal::Css),
                Some(_) => self.live.send(Signal::Reload),
                None => {}
            }
            broken = outcome.is_none();
            self.index_search();
        }
    }

    /// The search index of the last rebuild, once its pages are served.
    fn index_search(&mut self) {
        match self.rebuilder.index_search() {
            None => {}
            Some(Ok(report)) => {
                if report.changed > 0 {
                    self.live.send(Signal::Search);
                }
                let _ = self.events.send(WatchEvent::Indexed { report });
            }
            Some(Err(e)) => {
                let message = e.to_string();
                self.live.send(Signal::Error(message.clone()));
                let _ = self.events.send(WatchEvent::Failed {
                    changed: Vec::new(),
                    message,
                });
            }
        }
    }

    /// One rebuild; reports it and tells the pages about a failure.
    ///
    /// `None` when it failed; else whether any file of the output changed.
    fn rebuild(&mut self, batch: &[PathBuf]) -> Option<bool> {
        let changed: Vec<PathBuf> = batch
            .iter()
            .map(|p| p.strip_prefix(&self.root).unwrap_or(p).to_owned())
            .collect();
        match self.rebuilder.rebuild(batch) {
            Ok(report) => {
                if report.full {
                    crate::allocator::settle_after_full_build();
                }
                self.trusted
                    .store(self.rebuilder.trusts_raw_html(), Ordering::Relaxed);
                let touched = report.touched_output();
                let _ = self.events.send(WatchEvent::Rebuilt { changed, report });
                Some(touched)
            }
            Err(e) => {
                let message = e.to_string();
                self.live.send(Signal::Error(message.clone()));
                let _ = self.events.send(WatchEvent::Failed { changed, message });
                None
            }
        }
    }
}

/// Watches the site root itself (for `site.toml`) and its folders, recursively.
///
/// Not the whole root: the output and build folders beside the content can hold
/// many thousands of folders that have nothing to do with the site.
fn watch_folders(
    watcher: &Mutex<Box<dyn Watcher + Send>>,
    root: &Path,
    watched: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    let mut watcher = watcher.lock().expect("not poisoned");
    let folders = layout::INPUT_FOLDERS
        .iter()
        .map(|folder| (root.join(folder), RecursiveMode::Recursive));
    for (folder, mode) in
        std::iter::once((root.to_owned(), RecursiveMode::NonRecursive)).chain(folders)
    {
        if folder.is_dir() && !watched.contains(&folder) {
            watcher
                .watch(&folder, mode)
                .map_err(|e| watch_error(&folder, e))?;
            watched.insert(folder);
        }
    }
    Ok(())
}

fn watch_error(root: &Path, e: notify::Error) -> Error {
    Error::usage(
        format!("cannot watch {}: {e}", root.display()),
        "on file systems without change events (network mounts, some containers) use --poll 500",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_changes() {
        let root = Path::new("/site");
        let table = [
            ("/site/content/ha-tinh/a.en.md", Some(Change::Site)),
            ("/site/content/ha-tinh", Some(Change::Site)),
            ("/site/templates/base.html", Some(Change::Site)),
            ("/site/static/style.css", Some(Change::Stylesheet)),
            ("/site/static/logo.svg", Some(Change::Site)),
            ("/site/site.toml", Some(Change::Site)),
            ("/site/figures/fr.toml", Some(Change::Site)),
            ("/site/content/ha-tinh/.a.en.md.swp", None),
            ("/site/content/ha-tinh/a.en.md~", None),
            ("/site/content/ha-tinh/4913", None),
            ("/site/content/.git/index", None),
            ("/site/public/en/index.html", None),
            ("/site/target/debug/x", None),
            ("/site/README.md", None),
            ("/site/other/site.toml", None),
            ("/elsewhere/content/a.md", None),
        ];
        for (path, expected) in table {
            assert_eq!(classify(root, Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn a_burst_becomes_one_batch() {
        let (tx, rx) = mpsc::channel();
        for i in 0..200 {
            tx.send(PathBuf::from(format!("content/a{i}.en.md")))
                .unwrap();
        }
        tx.send(PathBuf::from("content/a0.en.md")).unwrap();
        let batch = gather(&rx, Duration::from_millis(50), Duration::from_secs(2)).unwrap();
        assert_eq!(batch.len(), 200, "deduplicated");
        drop(tx);
        assert!(gather(&rx, Duration::from_millis(50), Duration::from_secs(2)).is_none());
    }

    #[test]
    fn a_steady_stream_is_cut_at_the_longest_wait() {
        let (tx, rx) = mpsc::channel();
        let writer = std::thread::spawn(move || {
            for i in 0..40 {
                if tx.send(PathBuf::from(format!("a{i}"))).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let started = Instant::now();
        let batch = gather(&rx, Duration::from_millis(100), Duration::from_millis(300)).unwrap();
        assert!(started.elapsed() < Duration::from_millis(600));
        assert!(batch.len() < 40);
        drop(rx);
        writer.join().unwrap();
    }
}
