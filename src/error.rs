//! The one error type of the crate, and the located diagnostics it carries.
//!
//! Input problems (content, config, templates) are collected as [`Diagnostic`]s,
//! each naming a file, a line and a column, the offending line and a hint, so one
//! run reports every problem at once. Everything else (a folder that cannot be
//! written, a bad command-line argument) is a plain error that still names its path.

use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the site's own files, sorted by file and line.
    #[error("{}", Diagnostics(.0))]
    Input(Vec<Diagnostic>),
    /// A file or folder could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder the operation was about.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A command-line argument or option that cannot be used as given.
    #[error("{message}\n  hint: {hint}")]
    Usage {
        /// What is wrong.
        message: String,
        /// What to do instead.
        hint: String,
    },
}

/// A copy, for reporting one problem again on every rebuild until it is fixed.
/// (An I/O error keeps its kind and message.)
impl Clone for Error {
    fn clone(&self) -> Self {
        match self {
            Error::Input(diagnostics) => Error::Input(diagnostics.clone()),
            Error::Io { path, source } => {
                Error::io(path, io::Error::new(source.kind(), source.to_string()))
            }
            Error::Usage { message, hint } => Error::usage(message, hint),
        }
    }
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// Fails with every diagnostic in `diagnostics`, sorted, or succeeds when there are none.
    pub fn if_any(mut diagnostics: Vec<Diagnostic>) -> Result<()> {
        if diagnostics.is_empty() {
            return Ok(());
        }
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.message == b.message);
        Err(Error::Input(diagnostics))
    }

    /// Joins two independent stages so that the problems of both are reported in one run.
    pub fn both<A, B>(a: Result<A>, b: Result<B>) -> Result<(A, B)> {
        match (a, b) {
            (Ok(a), Ok(b)) => Ok((a, b)),
            (Err(Error::Input(mut x)), Err(Error::Input(y))) => {
                x.extend(y);
                Error::if_any(x).map(|()| unreachable!("both sides had problems"))
            }
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    }

    /// The input problems this error carries (empty for other kinds of error).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Input(d) => d,
            _ => &[],
        }
    }
}

/// A position in a file: 1-based line and column (in characters), and the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (what an editor shows).
    pub column: usize,
    /// The whole text of that line, without its line break.
    pub line_text: String,
    /// Byte range inside `line_text` to underline.
    pub span: Range<usize>,
}

impl Location {
    /// Locates a byte range of `source`, underlining at most the rest of its first line.
    pub fn from_span(source: &str, span: Range<usize>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let line = source[..line_start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let local_start = (start - line_start).min(line_text.len());
        let end = span.end.clamp(start, line_start + line_text.len());
        let mut local_end = floor_char_boundary(line_text, end - line_start);
        if local_end <= local_start {
            // Underline at least one character, or the end of the line.
            local_end = line_text[local_start..]
                .chars()
                .next()
                .map_or(local_start, |c| local_start + c.len_utf8());
        }
        Location {
            line,
            column,
            line_text: line_text.to_owned(),
            span: local_start..local_end,
        }
    }

    /// Locates the whole of line `line_number` (1-based) of `source`.
    pub fn of_line(source: &str, line_number: usize) -> Self {
        let offset: usize = source
            .split_inclusive('\n')
            .take(line_number.saturating_sub(1))
            .map(str::len)
            .sum();
        let len = source[offset..].find('\n').unwrap_or(source.len() - offset);
        Location::from_span(source, offset..offset + len)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem in one input file: what, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// Where in the file, when known.
    pub location: Option<Box<Location>>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem located at a byte range of `source` (the whole text of `path`).
    pub fn at(path: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_owned(),
            location: Some(Box::new(Location::from_span(source, span))),
            message: message.into(),
            hint: None,
        }
    }

    /// A problem with a whole file, or one whose place in the file is unknown.
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_owned(),
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem at a known line and column whose line text is given.
    pub fn at_line(
        path: &Path,
        line: usize,
        column: usize,
        line_text: &str,
        message: impl Into<String>,
    ) -> Self {
        let start = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        let end = line_text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        Diagnostic {
            path: path.to_owned(),
            location: Some(Box::new(Location {
                line,
                column,
                line_text: line_text.to_owned(),
                span: start..end,
            })),
            message: message.into(),
            hint: None,
        }
    }

    /// Adds the hint that tells the reader what to do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:column` (or just the path when the place is unknown).
    pub fn position(&self) -> String {
        match &self.location {
            Some(l) => format!("{}:{}:{}", self.path.display(), l.line, l.column),
            None => self.path.display().to_string(),
        }
    }

    /// File, line and column, for sorting.
    pub fn sort_key(&self) -> (&Path, usize, usize) {
        let (line, column) = self
            .location
            .as_ref()
            .map_or((0, 0), |l| (l.line, l.column));
        (&self.path, line, column)
    }

    /// Renders the diagnostic as a report: message, `path:line:column`, the line with a caret, the hint.
    pub fn render(&self) -> String {
        self.render_as(Level::ERROR)
    }

    /// Renders the diagnostic like [`Diagnostic::render`], as a warning.
    pub fn render_warning(&self) -> String {
        self.render_as(Level::WARNING)
    }

    fn render_as(&self, level: Level<'_>) -> String {
        let path = self.path.display().to_string();
        let mut title = level.clone().primary_title(self.message.as_str());
        let mut groups: Vec<Group> = Vec::new();
        match &self.location {
            Some(loc) => {
                let snippet = Snippet::source(loc.line_text.as_str())
                    .line_start(loc.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(loc.span.clone()));
                groups.push(title.element(snippet));
            }
            None => {
                title = level.primary_title(format!("{}: {}", path, self.message));
                groups.push(Group::with_title(title));
            }
        }
        if let Some(hint) = &self.hint {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(hint.as_str()),
            ));
        }
        Renderer::plain().render(&groups)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

struct Diagnostics<'a>(&'a [Diagnostic]);

impl fmt::Display for Diagnostics<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0 {
            writeln!(f, "{}\n", d.render())?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Suggests the known names closest to `wanted`, for "did you mean" hints.
pub fn nearest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .map(|k| (strsim::levenshtein(wanted, k), k))
        .collect();
    scored.sort();
    let limit = (wanted.chars().count() / 2).max(2);
    scored
        .into_iter()
        .filter(|(d, _)| *d <= limit)
        .take(3)
        .map(|(_, k)| k)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_spans_by_line_and_character_column() {
        let src = "a = 1\nprovince = \"bình\"\n";
        let at = src.find("bình").unwrap();
        let loc = Location::from_span(src, at..at + "bình".len());
        assert_eq!((loc.line, loc.column), (2, 13));
        assert_eq!(loc.line_text, "province = \"bình\"");
        assert_eq!(&loc.line_text[loc.span.clone()], "bình");

        let arabic = "عنوان = 1\nx";
        let loc = Location::from_span(arabic, arabic.find('=').unwrap()..arabic.len());
        assert_eq!((loc.line, loc.column), (1, 7));
        assert_eq!(&loc.line_text[loc.span.clone()], "= 1");
    }

    #[test]
    fn locates_an_empty_span_at_end_of_input() {
        let src = "+++\ntitle = \"x\"";
        let loc = Location::from_span(src, src.len()..src.len());
        assert_eq!((loc.line, loc.column), (2, 12));
    }

    #[test]
    fn renders_path_line_caret_and_hint() {
        let src = "+++\nprovince = \"ha-tin\"\n+++\n";
        let at = src.find("\"ha-tin\"").unwrap();
        let d = Diagnostic::at(
            Path::new("content/a.en.md"),
            src,
            at..at + 8,
            "unknown province",
        )
        .with_hint("did you mean `ha-tinh`?");
        let text = d.render();
        assert!(text.contains("content/a.en.md:2:12"), "{text}");
        assert!(text.contains("province = \"ha-tin\""), "{text}");
        assert!(text.contains("^^^^^^^^"), "{text}");
        assert!(text.contains("did you mean `ha-tinh`?"), "{text}");
    }

    #[test]
    fn sorts_diagnostics_by_file_then_line() {
        let a = Diagnostic::at_line(Path::new("b.md"), 1, 1, "x", "late file");
        let b = Diagnostic::at_line(Path::new("a.md"), 9, 1, "x", "second line");
        let c = Diagnostic::at_line(Path::new("a.md"), 2, 1, "x", "first line");
        let err = Error::if_any(vec![a, b, c]).unwrap_err();
        let order: Vec<_> = err
            .diagnostics()
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(order, ["first line", "second line", "late file"]);
    }

    #[test]
    fn nearest_names_come_first() {
        let known = ["ha-tinh", "binh-thuan", "quang-tri", "ninh-binh"];
        assert_eq!(nearest("ha-tin", known)[0], "ha-tinh");
        assert_eq!(nearest("binh-thuang", known)[0], "binh-thuan");
        assert!(nearest("zzzzzzzzzzzzzz", known).is_empty());
    }
}
