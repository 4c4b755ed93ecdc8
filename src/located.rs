//! Values with the place in a file they were read from, and TOML's parse
//! errors as located diagnostics: what the readers of `site.toml`, of front
//! matter and of the figures' language data share.

use std::path::Path;

use crate::error::{Diagnostic, Location};

/// A value read from a file, with where it was written, for messages about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is in the file.
    pub location: Location,
}

/// Turns a TOML parse error into a located diagnostic.
///
/// `offset` is where `text` starts inside the file (the front matter of an article
/// starts after its opening `+++` line), so the line numbers are the file's own.
pub fn toml_diagnostic(
    path: &Path,
    file_text: &str,
    offset: usize,
    e: &toml::de::Error,
) -> Diagnostic {
    let message = e.message().trim().replace('\n', " ");
    match e.span() {
        Some(span) => Diagnostic::at(
            path,
            file_text,
            offset + span.start..offset + span.end,
            message,
        ),
        None => Diagnostic::file(path, message),
    }
}
