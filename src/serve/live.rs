//! Live reload: a small script the dev server adds to every HTML response (never
//! to the files `build` writes), listening on a server-sent-events stream.
//!
//! Signals: `reload` (the new site is in place), `css` (only stylesheets changed:
//! swap them without reloading), `error` (show the build's message over the page,
//! which keeps showing the last good site).

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast;

/// The path of the event stream.
pub const EVENTS_PATH: &str = "/__bulletin/events";
/// The path of the script.
pub(crate) const SCRIPT_PATH: &str = "/__bulletin/live.js";

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Signal {
    /// Reload the page: a new site is in place.
    Reload,
    /// Reload the stylesheets only.
    Css,
    /// The search index changed: pages that search reload, to read it.
    Search,
    /// The last build failed with this message; the old site is still served.
    Error(String),
}

/// The live-reload hub shared by the server and the rebuild loop.
#[derive(Debug, Clone)]
pub(crate) struct Live {
    sender: broadcast::Sender<Signal>,
    /// The message of the failed build, while the site is broken: shown to pages opened meanwhile.
    failure: Arc<Mutex<Option<String>>>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            sender: broadcast::channel(16).0,
            failure: Arc::default(),
        }
    }
}

impl Live {
    /// Tells every open page.
    pub(crate) fn send(&self, signal: Signal) {
        let mut failure = self.failure.lock().expect("not poisoned");
        *failure = match &signal {
            Signal::Error(message) => Some(message.clone()),
            _ => None,
        };
        // No open page is not an error.
        let _ = self.sender.send(signal);
    }

    /// The event stream for one page: the current failure first, if any, then every signal.
    pub(crate) fn stream(&self) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
        let current = self
            .failure
            .lock()
            .expect("not poisoned")
            .clone()
            .map(Signal::Error);
        let receiver = self.sender.subscribe();
        let events = stream::unfold((current, receiver), |(pending, mut receiver)| async move {
            if let Some(signal) = pending {
                return Some((Ok(event(&signal)), (None, receiver)));
            }
            let signal = match receiver.recv().await {
                Ok(signal) => signal,
                // A slow page missed signals: a reload brings it up to date.
                Err(broadcast::error::RecvError::Lagged(_)) => Signal::Reload,
                Err(broadcast::error::RecvError::Closed) => return None,
            };
            Some((Ok(event(&signal)), (None, receiver)))
        });
        Sse::new(events).keep_alive(KeepAlive::default())
    }
}

fn event(signal: &Signal) -> Event {
    match signal {
        Signal::Reload => Event::default().event("reload").data("reload"),
        Signal::Css => Event::default().event("css").data("css"),
        Signal::Search => Event::default().event("search").data("search"),
        Signal::Error(message) => Event::default().event("error").data(message),
    }
}

/// The script pages load: reconnects by itself (EventSource), shows build errors as an overlay.
pub(crate) const SCRIPT: &str = r#"(() => {
  const source = new EventSource("/__bulletin/events");
  const overlayId = "__bulletin_error";
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("search", () => {
    if (document.querySelector('script[src*="pagefind"]')) location.reload();
  });
  source.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("v", Date.now());
      link.href = url.toString();
    }
    document.getElementById(overlayId)?.remove();
  });
  source.addEventListener("error", (e) => {
    if (!e.data) return; // a dropped connection, not a build error
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.dir = "ltr";
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;" +
        "background:rgba(24,24,27,.94);color:#fafafa;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.append(box);
    }
    box.textContent = "bulletin: the build failed; this page shows the last good version.\n\n" + e.data;
  });
})();
"#;

/// Adds the script to an HTML page, before `</body>` (or at the end).
pub(crate) fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_body() {
        let page = inject(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__bulletin/live.js\"></script></body></html>"
        );
        assert!(
            String::from_utf8(inject(b"<p>fragment"))
                .unwrap()
                .ends_with("</script>")
        );
    }

    #[test]
    fn a_failure_is_remembered_until_the_next_good_build() {
        let live = Live::default();
        live.send(Signal::Error("content/a.en.md:3:1".into()));
        assert_eq!(
            live.failure.lock().unwrap().as_deref(),
            Some("content/a.en.md:3:1")
        );
        live.send(Signal::Reload);
        assert!(live.failure.lock().unwrap().is_none());
    }
}
