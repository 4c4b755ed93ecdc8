//! Serving a built site over HTTP on a loopback address, and watch mode
//! (`watch`: rebuild on every change, `live`: reload the open pages).
//!
//! Only files under the served folder are ever read: URL paths are
//! percent-decoded, any `..`, `.` or backslash segment is refused, and the
//! resolved file must still lie under the folder after symbolic links are
//! followed. Folders serve their `index.html`; anything missing gets the
//! site's `404.html` with status 404.
//!
//! The server answers only requests addressed to it by an IP address or
//! `localhost` on its port: a web page elsewhere cannot reach it through a
//! name of its own that resolves to this computer (DNS rebinding). Every
//! response says `X-Content-Type-Options: nosniff`, and a Content-Security-Policy
//! lets pages load scripts, styles, images and data only from the server itself
//! (the live-reload script included), unless the site trusts its articles'
//! raw HTML.

pub mod live;
pub mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// What pages may load: only what the server itself serves. Styles may be
/// inline (the charts' and pagefind's), WebAssembly may run (pagefind's
/// index), and no page may be framed.
const STRICT_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a site that trusts its articles' raw HTML, which may embed
/// scripts, frames and images from elsewhere.
const TRUSTED_POLICY: &str = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/// What a URL path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A file to send.
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect there, so relative links work.
    AddSlash(String),
    /// Nothing there.
    NotFound,
    /// A path that tries to leave the folder, or cannot be decoded.
    BadRequest,
}

/// Maps a URL path to a file under `root`, refusing anything that would leave it.
pub(crate) fn resolve(root: &Path, url_path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(url_path).decode_utf8() else {
        return Resolved::BadRequest;
    };
    let mut path = root.to_owned();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".."
            || segment == "."
            || segment.contains(['\\', '\0'])
            || Path::new(segment).is_absolute()
        {
            return Resolved::BadRequest;
        }
        path.push(segment);
    }
    if path.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::AddSlash(format!("{url_path}/"));
        }
        path.push("index.html");
    }
    // Symbolic links may point anywhere: the real file must still be under the real root.
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) if real.starts_with(&real_root) && real.is_file() => {
            Resolved::File(real)
        }
        _ => Resolved::NotFound,
    }
}

/// The `Content-Type` of a file, with `charset=utf-8` for text.
pub(crate) fn content_type(path: &Path) -> HeaderValue {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "svg"
        )
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    let value = if text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_owned()
    };
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

/// Binds `addr:port`, or the next free port above it when taken (up to 50 tries).
pub fn bind(addr: IpAddr, port: u16) -> io::Result<std::net::TcpListener> {
    let mut last = None;
    for p in port..port.saturating_add(50) {
        match std::net::TcpListener::bind(SocketAddr::new(addr, p)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::AddrInUse, "no free port")))
}

struct Served {
    root: PathBuf,
    live: Option<live::Live>,
    /// The port it listens on, which requests must name.
    port: u16,
    /// Whether the site trusts its articles' raw HTML (see [`TRUSTED_POLICY`]).
    trusted: Arc<AtomicBool>,
}

/// The router serving the files of `served`; with live reload, HTML pages get
/// its script.
fn router(served: Served) -> Router {
    let live = served.live.clone();
    let mut router = Router::new();
    if let Some(hub) = &live {
        let events = hub.clone();
        router = router
            .route(
                live::EVENTS_PATH,
                get(move || async move { events.stream() }),
            )
            .route(
                live::SCRIPT_PATH,
                get(|| async {
                    (
                        [
                            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                            (header::CACHE_CONTROL, "no-store"),
                        ],
                        live::SCRIPT,
                    )
                }),
            );
    }
    let served = Arc::new(served);
    router
        .fallback(serve_file)
        .layer(axum::middleware::from_fn_with_state(served.clone(), guard))
        .with_state(served)
}

/// Refuses requests addressed to another host; adds the security headers.
async fn guard(State(served): State<Arc<Served>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !is_own_host(host, served.port) {
        let message = format!(
            "this preview answers only requests for 127.0.0.1:{0} or localhost:{0}",
            served.port
        );
        return (StatusCode::FORBIDDEN, message).into_response();
    }
    let mut response = next.run(request).await;
    let policy = match served.trusted.load(Ordering::Relaxed) {
        true => TRUSTED_POLICY,
        false => STRICT_POLICY,
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(policy),
    );
    response
}

/// Whether a request's `Host` names this server: an IP address or
/// `localhost`, on its port. A name that resolves here is refused.
fn is_own_host(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') && p.bytes().all(|b| b.is_ascii_digit()) => {
            (name, p.parse::<u16>().ok())
        }
        _ => (host, Some(80)),
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    given_port == Some(port)
        && (name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok())
}

async fn serve_file(State(served): State<Arc<Served>>, uri: Uri) -> Response {
    let root = &served.root;
    match resolve(root, uri.path()) {
        Resolved::File(path) => match tokio::fs::read(&path).await {
            Ok(bytes) => {
                let kind = content_type(&path);
                let is_html = kind.to_str().is_ok_and(|k| k.starts_with("text/html"));
                let body = match &served.live {
                    Some(_) if is_html => live::inject(&bytes),
                    _ => bytes,
                };
                // The dev server always serves what is on disk now.
                let cache = HeaderValue::from_static(if served.live.is_some() {
                    "no-store"
                } else {
                    "no-cache"
                });
                (
                    [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, cache)],
                    body,
                )
                    .into_response()
            }
            Err(_) => not_found(&served).await,
        },
        Resolved::AddSlash(location) => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Resolved::NotFound => not_found(&served).await,
        Resolved::BadRequest => (StatusCode::BAD_REQUEST, "bad request").into_response(),
    }
}

async fn not_found(served: &Served) -> Response {
    let page = tokio::fs::read(served.root.join("404.html"))
        .await
        .unwrap_or_else(|_| b"not found".to_vec());
    let page = if served.live.is_some() {
        live::inject(&page)
    } else {
        page
    };
    (
        StatusCode::NOT_FOUND,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        Body::from(page),
    )
        .into_response()
}

/// Serves `root` on `listener` until the process ends (or the task is dropped).
pub async fn run(listener: std::net::TcpListener, root: PathBuf) -> io::Result<()> {
    run_live(listener, root, None, Arc::default()).await
}

/// [`run`], with live reload when `live` is given, and the policy of a site
/// that trusts raw HTML while `trusted` says so.
async fn run_live(
    listener: std::net::TcpListener,
    root: PathBuf,
    live: Option<live::Live>,
    trusted: Arc<AtomicBool>,
) -> io::Result<()> {
    let port = listener.local_addr()?.port();
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let served = Served {
        root,
        live,
        port,
        trusted,
    };
    axum::serve(listener, router(served)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_only_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("ar/بينه")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("ar/بينه/index.html"), "ar").unwrap();
        std::fs::write(root.join("style.css"), "").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let real = |p: &str| Resolved::File(root.join(p).canonicalize().unwrap());
        let table = [
            ("/", real("index.html")),
            ("/style.css", real("style.css")),
            ("/ar/%D8%A8%D9%8A%D9%86%D9%87/", real("ar/بينه/index.html")),
            ("/ar/بينه/", real("ar/بينه/index.html")),
            ("/ar", Resolved::AddSlash("/ar/".into())),
            ("/missing.html", Resolved::NotFound),
            ("/../secret.txt", Resolved::BadRequest),
            ("/%2e%2e/secret.txt", Resolved::BadRequest),
            ("/%2E%2E%2Fsecret.txt", Resolved::BadRequest),
            ("/ar/..%5c..%5csecret.txt", Resolved::BadRequest),
            ("/%ff", Resolved::BadRequest),
            ("//etc/passwd", Resolved::NotFound),
        ];
        for (url, expected) in table {
            assert_eq!(resolve(&root, url), expected, "{url}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_out_of_the_root_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(resolve(&root, "/link.txt"), Resolved::NotFound);
    }

    #[test]
    fn only_its_own_address_is_answered() {
        for (host, own) in [
            (Some("127.0.0.1:1111"), true),
            (Some("localhost:1111"), true),
            (Some("LOCALHOST:1111"), true),
            (Some("[::1]:1111"), true),
            (Some("192.168.1.20:1111"), true),
            (Some("evil.example:1111"), false),
            (Some("127.0.0.1.nip.io:1111"), false),
            (Some("127.0.0.1:2222"), false),
            (Some("127.0.0.1"), false),
            (Some("[::1]"), false),
            (None, false),
        ] {
            assert_eq!(is_own_host(host, 1111), own, "{host:?}");
        }
    }

    #[test]
    fn text_types_carry_utf8() {
        let table = [
            ("a.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("atom.xml", "text/xml; charset=utf-8"),
            ("logo.svg", "image/svg+xml; charset=utf-8"),
            ("photo.png", "image/png"),
            ("data.json", "application/json; charset=utf-8"),
        ];
        for (file, expected) in table {
            assert_eq!(content_type(Path::new(file)), expected, "{file}");
        }
    }
}
