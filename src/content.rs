//! Articles: Markdown files with TOML front matter under `content/`.
//!
//! Steps:
//! 1. find every `*.md` file under `content/`;
//! 2. in parallel, read each one (UTF-8 checked), split and check its front
//!    matter, and render its body to HTML;
//! 3. group the versions of one article (`<slug>.<lang>.md` in one folder), let
//!    translations inherit province, date and figures, and report disagreements.
//!
//! Declared key figures are checked on the way, as warnings: each value must occur
//! in its own file's text (step 2), and translations must agree on them (step 3).
//!
//! Every problem of every file is collected before the stage fails. The
//! [`Library`] keeps each file's result, so watch mode re-reads only the files
//! that changed and re-groups only their articles.

pub mod front_matter;
pub mod markdown;
pub mod raw_html;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use front_matter::FileEntry;
use markdown::RawHtml;
use raw_html::Cleaner;

use crate::config::{self, Config};
use crate::date::PartialDate;
use crate::error::{Diagnostic, Error, Result};
use crate::figures::number;
use crate::figures::{Figure, Reader, Readers, verify};
use crate::fingerprint::{self, Fingerprint};
use crate::fs;
use crate::ids::{ArticleId, LangCode, ProvinceId};
use crate::located::Located;
use crate::photos::{self, Photo, Photos, Picture};
use crate::routes::Routes;

/// One language version of an article, complete: nothing is filled in later.
#[derive(Debug, Clone)]
pub struct Article {
    /// The id shared with its translations.
    pub id: ArticleId,
    /// Its language.
    pub lang: LangCode,
    /// The source file, relative to the site root.
    pub path: PathBuf,
    /// Title, in the article's language.
    pub title: String,
    /// Date, at the precision known.
    pub date: PartialDate,
    /// The province it reports on.
    pub province: ProvinceId,
    /// The summary: written, else the first paragraph.
    pub summary: String,
    /// The byline.
    pub author: Option<String>,
    /// URL of the original article.
    pub source: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Key figures (inherited from a translation when the file states none).
    pub figures: Vec<Figure>,
    /// The photos it shows: its body's and its lead photo.
    pub photos: Vec<Photo>,
    /// Its lead photo.
    pub lead: Option<Lead>,
    /// Whether it is a draft (only present when drafts are built).
    pub draft: bool,
    /// The body as HTML.
    pub body_html: Arc<str>,
    /// What its pages are made from, to tell which pages an edit changes.
    pub fingerprint: ArticleFingerprint,
}

/// An article's lead photo, as one version shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lead {
    /// The photo: the version's own file, or inherited.
    pub photo: Photo,
    /// Its alt text, in the version's language (empty for decoration).
    pub alt: String,
    /// Its caption, in the version's language.
    pub caption: Option<String>,
    /// Who took it: the version's own, or inherited.
    pub credit: Option<String>,
}

/// Hashes of the parts of an article that different pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleFingerprint {
    /// Everything: the file's text and what it inherits (its own page).
    pub page: Fingerprint,
    /// What a list shows of it: title, date, summary, language, province, address.
    pub card: Fingerprint,
    /// What a link to it from a table or a data file shows: title, date, language,
    /// province, address.
    pub reference: Fingerprint,
    /// Its key figures (the province's figures-over-time table).
    pub figures: Fingerprint,
}

/// The key that groups the versions of one article: its folder and the slug in its file name.
type GroupKey = (PathBuf, String);

/// A file read by step 2.
struct ReadFile {
    /// Its article's key.
    key: GroupKey,
    path: PathBuf,
    /// What it holds (`None` when it was gone by the time it was read).
    parsed: Option<FileResult>,
    /// The photo files it names, found or not.
    photos: Vec<PathBuf>,
}

/// What step 2 made of one file: the parsed file, or the problems of its content.
type FileResult = Result<Parsed, Vec<Diagnostic>>;

/// What step 3 made of one article.
#[derive(Debug)]
struct Assembled {
    /// Its versions.
    articles: Vec<Article>,
    /// The problems that keep any version from being built.
    problems: Vec<Diagnostic>,
    /// Figures its translations disagree on, each with whether its file is a draft.
    warnings: Vec<(bool, Diagnostic)>,
}

/// A file after step 2.
#[derive(Debug)]
struct Parsed {
    /// The path shown in messages (relative to the site root).
    path: PathBuf,
    entry: FileEntry,
    body_html: Arc<str>,
    /// The first paragraph as text, the summary when none is written.
    first_paragraph: String,
    /// Hash of the whole file.
    text: Fingerprint,
    /// The photos its body shows.
    photos: Vec<Photo>,
    /// The lead photo its `[photo]` table names.
    lead: Option<Photo>,
    /// Declared figures its text does not write.
    warnings: Vec<Diagnostic>,
}

/// The articles of `content/`, file by file: what each file said and what its article became.
#[derive(Debug)]
pub struct Library {
    content_dir: PathBuf,
    /// How each language writes figures, for checking the declared ones.
    readers: Readers,
    /// The allow-list of raw HTML.
    cleaner: Cleaner,
    /// The photos articles show.
    photos: Photos,
    /// Every Markdown file (by absolute path): parsed, or its problems.
    files: BTreeMap<PathBuf, FileResult>,
    /// The photo files each Markdown file names (found or not), for watch
    /// mode to read it again when one of them changes.
    photo_files: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// The files of each article.
    members: BTreeMap<GroupKey, BTreeSet<PathBuf>>,
    /// Each article in all its languages, or the problems that keep it from being built.
    groups: BTreeMap<GroupKey, Assembled>,
}

impl Library {
    /// Reads, parses and groups the files found by [`ArticleFiles::find`].
    pub fn parse(config: &Config, files: ArticleFiles) -> Result<Library> {
        let mut library = Library {
            content_dir: config.content_dir(),
            readers: Readers::load(&config.root)?,
            cleaner: Cleaner::new(&config.base_url),
            photos: Photos::load(config),
            files: BTreeMap::new(),
            photo_files: BTreeMap::new(),
            members: BTreeMap::new(),
            groups: BTreeMap::new(),
        };
        library.parse_files(config, files.files)?;
        let keys: Vec<GroupKey> = library.members.keys().cloned().collect();
        library.assemble(config, keys);
        Ok(library)
    }

    /// Re-reads what changed on disk: files written, created or removed, and folders
    /// created, moved or removed (absolute paths; others are ignored).
    pub fn update(&mut self, config: &Config, changed: &[PathBuf]) -> Result<()> {
        let mut to_parse = BTreeSet::new();
        let mut affected = BTreeSet::new();
        for path in changed {
            // Articles showing a photo that changed, came or went.
            to_parse.extend(
                self.photo_files
                    .iter()
                    .filter(|(_, photos)| photos.iter().any(|p| p.starts_with(path)))
                    .map(|(article, _)| article.clone()),
            );
            let Ok(relative) = path.strip_prefix(&self.content_dir) else {
                continue;
            };
            if relative.iter().any(fs::is_ignored_name) {
                continue;
            }
            fs::check_inside(path, &config.root)?;
            if path.is_dir() {
                to_parse.extend(
                    fs::walk_inputs(path, &config.root)?
                        .into_iter()
                        .filter(|p| is_article_file(p)),
                );
            } else if path.is_file() {
                if is_article_file(path) {
                    to_parse.insert(path.clone());
                }
            } else {
                // Gone: a file, or a whole folder with everything in it.
                let gone: Vec<PathBuf> = self
                    .files
                    .range(path.clone()..)
                    .map(|(p, _)| p)
                    .take_while(|p| p.starts_with(path))
                    .cloned()
                    .collect();
                for p in gone {
                    self.files.remove(&p);
                    let key = group_key(&self.content_dir, &p);
                    if let Some(members) = self.members.get_mut(&key) {
                        members.remove(&p);
                    }
                    affected.insert(key);
                }
            }
        }
        let files = ArticleFiles::of(config, to_parse.into_iter().collect());
        affected.extend(self.parse_files(config, files.files)?);
        self.assemble(config, affected.into_iter().collect());
        Ok(())
    }

    /// The article versions to build, in a stable order (by folder and file
    /// name); every problem of every file when there are any.
    pub fn articles(&self, include_drafts: bool) -> Result<Vec<&Article>> {
        let problems: Vec<Diagnostic> = self
            .groups
            .values()
            .flat_map(|g| g.problems.iter().cloned())
            .collect();
        Error::if_any(problems)?;
        Ok(self
            .groups
            .values()
            .flat_map(|g| &g.articles)
            .filter(|a| include_drafts || !a.draft)
            .collect())
    }

    /// How each language writes figures (the built-in data and the site's).
    pub fn readers(&self) -> &Readers {
        &self.readers
    }

    /// The photos articles show.
    pub fn photos(&self) -> &Photos {
        &self.photos
    }

    /// What the checks of key figures found, sorted by file and line: values
    /// the text does not write, and translations that disagree.
    pub fn warnings(&self, include_drafts: bool) -> Vec<&Diagnostic> {
        sorted_warnings(self.files.values(), self.groups.values(), include_drafts)
    }

    /// What the checks of key figures found in the files `changed` (absolute
    /// paths), sorted: each file's own warnings, and the disagreements between
    /// the translations of its article.
    pub fn warnings_about(&self, changed: &[PathBuf], include_drafts: bool) -> Vec<&Diagnostic> {
        let articles: BTreeSet<GroupKey> = changed
            .iter()
            .filter(|p| p.starts_with(&self.content_dir))
            .map(|p| group_key(&self.content_dir, p))
            .collect();
        sorted_warnings(
            changed.iter().filter_map(|p| self.files.get(p)),
            articles.iter().filter_map(|key| self.groups.get(key)),
            include_drafts,
        )
    }

    /// Step 2 for the files, in parallel: each is read, parsed, and its text let
    /// go. Returns the articles they belong to.
    fn parse_files(
        &mut self,
        config: &Config,
        files: Vec<ArticleFile>,
    ) -> Result<BTreeSet<GroupKey>> {
        let content_dir = &self.content_dir;
        let raw_html = match config.raw_html {
            config::RawHtml::Clean => RawHtml::Clean(&self.cleaner),
            config::RawHtml::Escape => RawHtml::Escape,
            config::RawHtml::Trusted => RawHtml::Trusted,
        };
        let routes = Routes::new(&config.base_url);
        let content = content_dir.canonicalize().ok();
        let reading = Reading {
            content: content.as_deref(),
            config,
            readers: &self.readers,
            raw_html,
            photos: &self.photos,
            routes: &routes,
            real_paths: fs::RealPaths::default(),
        };
        let mut results: Vec<ReadFile> = files
            .into_par_iter()
            .map(|file| {
                let mut photos = Vec::new();
                let parsed = file.read(|text| {
                    parse_file(&reading, &file.path, &file.shown, text, &mut photos)
                })?;
                Ok(ReadFile {
                    key: group_key(content_dir, &file.path),
                    path: file.path,
                    parsed,
                    photos,
                })
            })
            .collect::<Result<_>>()?;
        for file in &mut results {
            if file.photos.is_empty() {
                self.photo_files.remove(&file.path);
            } else {
                let photos = std::mem::take(&mut file.photos);
                self.photo_files.insert(file.path.clone(), photos);
            }
        }
        if self.files.is_empty() && self.members.is_empty() {
            return Ok(self.fill(results));
        }
        let mut affected = BTreeSet::new();
        for ReadFile {
            key, path, parsed, ..
        } in results
        {
            let members = self.members.entry(key.clone()).or_default();
            match parsed {
                Some(parsed) => {
                    members.insert(path.clone());
                    self.files.insert(path, parsed);
                }
                None => {
                    members.remove(&path);
                    self.files.remove(&path);
                }
            }
            affected.insert(key);
        }
        Ok(affected)
    }

    /// Step 2's bookkeeping when nothing was parsed before (a full build): the
    /// maps are built in bulk from entries sorted on every core, instead of one
    /// insertion after another on one thread, each comparing paths.
    fn fill(&mut self, results: Vec<ReadFile>) -> BTreeSet<GroupKey> {
        // A file gone since it was found was never part of the site.
        let (mut by_group, mut files): (Vec<_>, Vec<_>) = results
            .into_iter()
            .filter_map(|f| Some(((f.key, f.path.clone()), (f.path, f.parsed?))))
            .unzip();
        rayon::join(
            || by_group.par_sort_unstable(),
            || files.par_sort_unstable_by(|a, b| a.0.cmp(&b.0)),
        );
        let mut members: Vec<(GroupKey, BTreeSet<PathBuf>)> = Vec::new();
        for (key, path) in by_group {
            match members.last_mut() {
                Some((last, paths)) if *last == key => {
                    paths.insert(path);
                }
                _ => members.push((key, BTreeSet::from([path]))),
            }
        }
        let affected = members.iter().map(|(key, _)| key.clone()).collect();
        self.files = files.into_iter().collect();
        self.members = members.into_iter().collect();
        affected
    }

    /// Step 3 for the articles `keys`, in parallel.
    fn assemble(&mut self, config: &Config, keys: Vec<GroupKey>) {
        let assembled: Vec<(GroupKey, Option<Assembled>)> = keys
            .into_par_iter()
            .map(|key| {
                let members: Vec<&FileResult> = self
                    .members
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter_map(|p| self.files.get(p))
                    .collect();
                if members.is_empty() {
                    return (key, None);
                }
                let mut problems = Vec::new();
                let mut warnings = Vec::new();
                let mut parsed = Vec::new();
                for m in members {
                    match m {
                        Ok(p) => parsed.push(p),
                        Err(d) => problems.extend(d.iter().cloned()),
                    }
                }
                if problems.is_empty() {
                    reference_first(config, &mut parsed);
                    warnings = disagreeing_figures(&parsed);
                    warnings.extend(after_its_province(config, &parsed));
                }
                let articles = assemble(config, &key.1, parsed, &mut problems);
                let assembled = Assembled {
                    articles,
                    problems,
                    warnings,
                };
                (key, Some(assembled))
            })
            .collect();
        if self.groups.is_empty() {
            // A full build: the keys come sorted, and the map is built in bulk.
            let mut groups = Vec::with_capacity(assembled.len());
            for (key, group) in assembled {
                match group {
                    Some(group) => groups.push((key, group)),
                    None => {
                        self.members.remove(&key);
                    }
                }
            }
            self.groups = groups.into_iter().collect();
            return;
        }
        for (key, group) in assembled {
            match group {
                Some(group) => {
                    self.groups.insert(key, group);
                }
                None => {
                    self.groups.remove(&key);
                    self.members.remove(&key);
                }
            }
        }
    }
}

/// The warnings of the parsed `files` and of the articles `groups`, sorted
/// by file and line; a draft's only with `include_drafts`.
fn sorted_warnings<'a>(
    files: impl Iterator<Item = &'a FileResult>,
    groups: impl Iterator<Item = &'a Assembled>,
    include_drafts: bool,
) -> Vec<&'a Diagnostic> {
    let mut warnings: Vec<&Diagnostic> = files
        .filter_map(|f| f.as_ref().ok())
        .filter(|p| include_drafts || !p.entry.draft)
        .flat_map(|p| &p.warnings)
        .chain(
            groups
                .flat_map(|g| &g.warnings)
                .filter(|(draft, _)| include_drafts || !draft)
                .map(|(_, w)| w),
        )
        .collect();
    warnings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    warnings
}

/// The largest article file read. Real ones are a few kilobytes; a file of
/// hundreds of megabytes is a mistake, and parsing it would take twenty
/// times its size in memory.
const MAX_ARTICLE_BYTES: u64 = 4 << 20;

/// The article files of `content/`: step 1. Each is read when it is parsed,
/// so a build never holds every file's text at once.
#[derive(Debug)]
pub struct ArticleFiles {
    files: Vec<ArticleFile>,
}

/// One file of [`ArticleFiles`].
#[derive(Debug)]
struct ArticleFile {
    path: PathBuf,
    /// The path shown in messages (relative to the site root).
    shown: PathBuf,
}

impl ArticleFile {
    /// What `f` makes of the text, or why it is not text; `None` when the file
    /// is gone (removed since a change was seen: a later event reports the removal).
    fn read<R>(
        &self,
        f: impl FnOnce(&str) -> Result<R, Vec<Diagnostic>>,
    ) -> Result<Option<Result<R, Vec<Diagnostic>>>> {
        let too_large = |size: u64| {
            let message = format!(
                "this article is {:.1} MB, more than the {} MB an article may be",
                size as f64 / 1e6,
                MAX_ARTICLE_BYTES >> 20
            );
            Diagnostic::file(&self.shown, message).with_hint(
                "an article is a few kilobytes of text: split it, or take out what is not the article (an attached document, a pasted page)",
            )
        };
        match fs::with_text_at_most(&self.path, &self.shown, MAX_ARTICLE_BYTES, too_large, f) {
            Ok(read) => Ok(Some(read.map_err(|d| vec![d]).and_then(|r| r))),
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

impl ArticleFiles {
    /// Finds every article file under `content/`.
    pub fn find(config: &Config) -> Result<ArticleFiles> {
        let files: Vec<PathBuf> = fs::walk_inputs(&config.content_dir(), &config.root)?
            .into_iter()
            .filter(|p| is_article_file(p))
            .collect();
        Ok(ArticleFiles::of(config, files))
    }

    /// The files `paths`.
    fn of(config: &Config, paths: Vec<PathBuf>) -> ArticleFiles {
        let files = paths
            .into_iter()
            .map(|path| ArticleFile {
                shown: fs::shown(&config.root, &path),
                path,
            })
            .collect();
        ArticleFiles { files }
    }
}

fn is_article_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// `(folder, slug)` of `content/ha-tinh/plan.en.md`: `(content/ha-tinh, plan)`.
fn group_key(content_dir: &Path, path: &Path) -> GroupKey {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let slug = stem.rsplit_once('.').map_or(&*stem, |(slug, _)| slug);
    let folder = path.parent().unwrap_or(content_dir).to_owned();
    (folder, slug.to_owned())
}

/// Step 2 for one file's text: its article, or the problems of its content.
/// What step 2 reads each file with.
struct Reading<'a> {
    config: &'a Config,
    readers: &'a Readers,
    raw_html: RawHtml<'a>,
    photos: &'a Photos,
    routes: &'a Routes,
    /// The content folder, its links resolved: photos must be in it.
    content: Option<&'a Path>,
    /// Where the photos really are.
    real_paths: fs::RealPaths,
}

fn parse_file(
    reading: &Reading<'_>,
    path: &Path,
    shown: &Path,
    text: &str,
    photo_files: &mut Vec<PathBuf>,
) -> Result<Parsed, Vec<Diagnostic>> {
    let Reading {
        config,
        readers,
        raw_html,
        photos,
        routes,
        ..
    } = *reading;
    let split = front_matter::split(shown, text).map_err(|d| vec![d])?;
    let entry = front_matter::parse(shown, text, &split, config)?;

    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    if let Some((slug, suffix)) = stem.rsplit_once('.')
        && suffix != entry.language.value.as_str()
    {
        return Err(vec![
            Diagnostic {
                path: shown.to_owned(),
                location: Some(Box::new(entry.language.location.clone())),
                message: format!(
                    "the file name says the language is `{}` but the front matter says `{}`",
                    suffix, entry.language.value
                ),
                hint: None,
            }
            .with_hint(format!(
                "rename the file to {slug}.{}.md, or correct `language`",
                entry.language.value
            )),
        ]);
    }
    let mut warnings = match (&entry.figures, readers.get(entry.language.value.as_str())) {
        (Some(figures), Some(reader)) => unwritten_figures(shown, reader, split.body, figures),
        _ => Vec::new(),
    };
    let mut shown_photos = Vec::new();
    let mut show = |image: &markdown::Image<'_>| -> Result<String, (String, &'static str)> {
        let file = photo_file(path, image.address);
        photo_files.push(file.clone());
        let photo = photo_beside(reading, file, image.address)?;
        let alt = alt_text(image)?;
        let html = Picture::new(&photo, photos.settings(), routes).html(alt, photos::SIZES, false);
        shown_photos.push(photo);
        Ok(html)
    };
    let body = markdown::render(split.body, raw_html, &mut show).map_err(|refusals| {
        refusals
            .into_iter()
            .map(|refusal| {
                let at = split.body_offset + refusal.at.start..split.body_offset + refusal.at.end;
                Diagnostic::at(shown, text, at, refusal.message).with_hint(refusal.hint)
            })
            .collect::<Vec<_>>()
    });
    let lead = match entry.photo.as_ref().and_then(|p| p.value.file.as_ref()) {
        Some(address) => {
            let file = photo_file(path, &address.value);
            photo_files.push(file.clone());
            photo_beside(reading, file, &address.value)
                .map(Some)
                .map_err(|(message, hint)| {
                    Diagnostic {
                        path: shown.to_owned(),
                        location: Some(Box::new(address.location.clone())),
                        message,
                        hint: None,
                    }
                    .with_hint(hint)
                })
        }
        None => Ok(None),
    };
    let (body, lead) = match (body, lead) {
        (Ok(body), Ok(lead)) => (body, lead),
        (body, lead) => {
            let mut problems = body.err().unwrap_or_default();
            problems.extend(lead.err());
            return Err(problems);
        }
    };
    warnings.extend(body.dropped.into_iter().map(|d| {
        let at = split.body_offset + d.at.start..split.body_offset + d.at.end;
        let message = format!("{} is dropped: {}", d.what, d.why.reason());
        Diagnostic::at(shown, text, at, message).with_hint(d.why.hint())
    }));
    Ok(Parsed {
        path: shown.to_owned(),
        body_html: body.html.into(),
        first_paragraph: body.first_paragraph,
        entry,
        text: fingerprint::of_text(text),
        photos: shown_photos,
        lead,
        warnings,
    })
}

/// The file an image of the article in `path` names: its address
/// percent-decoded, relative to the article's folder, `..` and `.` resolved.
fn photo_file(path: &Path, address: &str) -> PathBuf {
    let address = percent_encoding::percent_decode_str(address).decode_utf8_lossy();
    let mut file = path.parent().unwrap_or(Path::new(".")).to_owned();
    for part in Path::new(address.as_ref()).components() {
        match part {
            std::path::Component::ParentDir => {
                file.pop();
            }
            std::path::Component::CurDir => {}
            other => file.push(other),
        }
    }
    file
}

/// The photo in `file`, read; or why it cannot be shown (missing, outside
/// the `content` folder, not a photo, too large).
fn photo_beside(
    reading: &Reading<'_>,
    file: PathBuf,
    address: &str,
) -> Result<Photo, (String, &'static str)> {
    let metadata = match reading.real_paths.of(&file) {
        Ok((real, _)) if !reading.content.is_some_and(|c| real.starts_with(c)) => {
            return Err((
                format!("the photo `{}` is outside the content folder", address),
                "keep photos beside their article, in the content folder",
            ));
        }
        Ok((_, metadata)) => metadata,
        Err(_) => {
            return Err((
                format!("there is no photo `{}` beside this article", address),
                "photos go in the article's folder; the address is the file's name there: ![Alt text](photo.jpg)",
            ));
        }
    };
    reading
        .photos
        .prepare(&file, &metadata)
        .map_err(|problem| (format!("`{}`: {}", address, problem.message), problem.hint))
}

/// A photo's alt text: required, and `""` for a photo that is only decoration.
fn alt_text<'i>(image: &'i markdown::Image<'_>) -> Result<&'i str, (String, &'static str)> {
    match image.alt.trim() {
        "\"\"" => Ok(""),
        "" => Err((
            format!("the photo `{}` has no alt text", image.address),
            "describe what it shows for readers who cannot see it: ![Members harvest rice](photo.jpg); a photo that is only decoration says so with ![\"\"](photo.jpg)",
        )),
        alt => Ok(alt),
    }
}

/// Warnings for the declared figures whose value `body` does not write.
fn unwritten_figures(
    path: &Path,
    reader: &Reader,
    body: &str,
    figures: &[Located<Figure>],
) -> Vec<Diagnostic> {
    verify::unwritten(reader, body, figures)
        .into_iter()
        .map(|u| {
            let f = &u.figure.value;
            let hint = match u.closest {
                Some(near) => format!(
                    "the nearest number in the text is {}: correct whichever of the two is wrong",
                    number::toml(near)
                ),
                None => "the text has no numbers: write the figure in the article too".to_owned(),
            };
            Diagnostic {
                path: path.to_owned(),
                location: Some(Box::new(u.figure.location.clone())),
                message: format!(
                    "the figure `{} = {}` does not occur in this article's text",
                    f.metric,
                    number::toml(f.value)
                ),
                hint: Some(hint),
            }
        })
        .collect()
}

/// Warnings for the figures of translations that disagree with the first version
/// stating figures (the default language's when it states them), each with
/// whether the translation is a draft.
fn disagreeing_figures(members: &[&Parsed]) -> Vec<(bool, Diagnostic)> {
    let mut stating = members
        .iter()
        .filter_map(|m| Some((m, m.entry.figures.as_deref()?)));
    let Some((reference, reference_figures)) = stating.next() else {
        return Vec::new();
    };
    stating
        .flat_map(|(m, figures)| {
            verify::disagreements(reference_figures, figures)
                .into_iter()
                .map(|(figure, counterparts)| {
                    let theirs: Vec<String> = counterparts
                        .iter()
                        .map(|c| {
                            format!(
                                "{} in {}:{}",
                                number::toml(c.value.value),
                                reference.path.display(),
                                c.location.line
                            )
                        })
                        .collect();
                    let warning = located(
                        m,
                        figure,
                        format!(
                            "this translation's `{}` figure {} disagrees with {}",
                            figure.value.metric,
                            number::toml(figure.value.value),
                            theirs.join(" and ")
                        ),
                    )
                    .with_hint(
                        "translations report the same numbers: correct the wrong one, or leave `[[figures]]` out here to inherit them",
                    );
                    (m.entry.draft, warning)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The warning of an article dated on or after the day its province ended,
/// at the version naming the province, with what the province became. The
/// article keeps the province it names: the warning is for a date or a
/// province written wrong.
fn after_its_province(config: &Config, members: &[&Parsed]) -> Option<(bool, Diagnostic)> {
    let (m, province) = members
        .iter()
        .find_map(|m| Some((m, m.entry.province.as_ref()?)))?;
    let date = members.iter().find_map(|m| m.entry.date.as_ref())?.value;
    let history = &config.provinces.get(&province.value)?.history;
    let ended = history.ended.filter(|ended| date >= *ended)?;
    let became: Vec<String> = history.became.iter().map(|b| format!("`{b}`")).collect();
    let what = match became.as_slice() {
        [] => format!("`{}` ended on {ended}", province.value),
        [one] => format!("`{}` became part of {one} on {ended}", province.value),
        _ => format!(
            "`{}` was divided into {} on {ended}",
            province.value,
            became.join(" and ")
        ),
    };
    let hint = match became.as_slice() {
        [] => "check the article's date and province".to_owned(),
        _ => format!(
            "if the article is about the province of today, write province = {}; if it was written before, correct its date",
            became.join(" or ").replace('`', "\"")
        ),
    };
    let warning = located(
        m,
        province,
        format!("the article is dated {date}, after its province ended: {what}"),
    )
    .with_hint(hint);
    Some((m.entry.draft, warning))
}

/// Step 3 for one article: resolves what its versions inherit and checks that they agree.
fn assemble(
    config: &Config,
    name_slug: &str,
    mut members: Vec<&Parsed>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Article> {
    if members.is_empty() {
        return Vec::new();
    }
    reference_first(config, &mut members);
    one_version_per_language(&members, problems);
    let province = agree(
        &members,
        |m| m.entry.province.as_ref(),
        "province",
        problems,
    )
    .map(|p| p.value.clone());
    let date = agree(&members, |m| m.entry.date.as_ref(), "date", problems).map(|d| d.value);
    let slug = agree(&members, |m| m.entry.slug.as_ref(), "slug", problems);
    let id = article_id(members[0], name_slug, slug, problems);
    for m in &members {
        if province.is_none() {
            problems.push(missing(m, "province"));
        }
        if date.is_none() {
            problems.push(missing(m, "date"));
        }
    }
    let (Some(id), Some(province), Some(date)) = (id, province, date) else {
        return Vec::new();
    };
    let lead = inherited_lead(&members, problems);
    let agreed = Agreed {
        id,
        date,
        province,
        inherited: inherited_figures(&members),
        lead,
    };
    members.into_iter().map(|m| agreed.version(m)).collect()
}

/// Reports the files of an article that are versions in the same language.
fn one_version_per_language(members: &[&Parsed], problems: &mut Vec<Diagnostic>) {
    let mut by_lang: BTreeMap<&LangCode, &Parsed> = BTreeMap::new();
    for m in members {
        if let Some(first) = by_lang.insert(&m.entry.language.value, m) {
            problems.push(
                located(
                    m,
                    &m.entry.language,
                    format!(
                        "{} and {} are both the `{}` version of one article",
                        first.path.display(),
                        m.path.display(),
                        m.entry.language.value
                    ),
                )
                .with_hint(
                    "two files would claim one output path; remove one or change its language",
                ),
            );
        }
    }
}

/// The article's id: its `slug`, else its file name's; `first` is the version
/// a problem with the file name is reported at.
fn article_id(
    first: &Parsed,
    name_slug: &str,
    slug: Option<&Located<String>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<ArticleId> {
    let id_text = slug.map_or(name_slug, |s| s.value.as_str());
    if let Some(id) = ArticleId::parse(id_text) {
        return Some(id);
    }
    let escapes = id_text.contains('/') || id_text.contains('\\') || id_text.contains("..");
    let message = if escapes {
        format!("the slug `{id_text}` would escape the output folder")
    } else {
        format!("`{id_text}` cannot be used as the article's slug")
    };
    let d = match slug {
        Some(s) => located(first, s, message),
        None => Diagnostic::file(&first.path, message),
    };
    problems.push(d.with_hint(
        "a slug is lowercase ASCII letters, digits and hyphens (e.g. `cooperatives-2024`); set `slug = \"…\"` or rename the file",
    ));
    None
}

/// The figures a version without its own inherits: the first version's that
/// states them (the default language's first), without their notes: a note is
/// prose in the sibling's language, and a page shows only its own language.
fn inherited_figures(members: &[&Parsed]) -> Vec<Figure> {
    members
        .iter()
        .find_map(|m| m.entry.figures.as_ref())
        .map(|figures| {
            figures
                .iter()
                .map(|f| Figure {
                    note: None,
                    ..f.value.clone()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The lead photo a version without its own file inherits, and its credit:
/// the first version's that names one (the default language's first).
/// Every version needs its own alt text, in its language: a version without
/// a `[photo]` table, or with one naming no file when none does, is a problem.
fn inherited_lead<'a>(
    members: &[&'a Parsed],
    problems: &mut Vec<Diagnostic>,
) -> Option<(&'a Photo, Option<&'a str>)> {
    let first = members.iter().find_map(|m| {
        let credit = m.entry.photo.as_ref()?.value.credit.as_deref();
        Some((m.lead.as_ref()?, credit, m))
    });
    // A version that could not be read may be the one naming the file.
    let all_read = problems.is_empty();
    for m in members.iter().filter(|_| all_read) {
        match (&m.entry.photo, first) {
            (None, Some((_, _, with))) => problems.push(
                missing(m, "alt text for its lead photo").with_hint(format!(
                    "{} shows a lead photo: add its alt text and caption in this file's language, \
                     [photo] alt = \"…\" caption = \"…\" (the file is inherited)",
                    with.path.display()
                )),
            ),
            (Some(photo), None) => problems.push(
                located(m, photo, "the lead photo names no file".into()).with_hint(
                    "add file = \"photo.jpg\" (the photo beside the article) to [photo] here or in a translation",
                ),
            ),
            _ => {}
        }
    }
    first.map(|(photo, credit, _)| (photo, credit))
}

/// What the versions of one article agree on, and what they inherit.
struct Agreed<'a> {
    id: ArticleId,
    date: PartialDate,
    province: ProvinceId,
    inherited: Vec<Figure>,
    /// The lead photo and its credit, for versions that name no file or credit.
    lead: Option<(&'a Photo, Option<&'a str>)>,
}

impl Agreed<'_> {
    /// The version of the article that the file `m` holds.
    fn version(&self, m: &Parsed) -> Article {
        let Agreed {
            id,
            date,
            province,
            inherited,
            lead,
        } = self;
        let e = &m.entry;
        let figures = e.figures.as_ref().map_or_else(
            || inherited.clone(),
            |own| own.iter().map(|f| f.value.clone()).collect(),
        );
        let summary = e
            .summary
            .clone()
            .unwrap_or_else(|| m.first_paragraph.clone());
        let lang = e.language.value.clone();
        let lead = e.photo.as_ref().and_then(|own| {
            let own = &own.value;
            let (inherited, credit) = (*lead)?;
            Some(Lead {
                photo: m.lead.clone().unwrap_or_else(|| inherited.clone()),
                alt: own.alt.clone(),
                caption: own.caption.clone(),
                credit: own.credit.clone().or_else(|| credit.map(str::to_owned)),
            })
        });
        let mut photos = m.photos.clone();
        photos.extend(lead.as_ref().map(|l| l.photo.clone()));
        let figures_hash = fingerprint::of(&figures);
        // A photo's new bytes give its files new names, which its page shows.
        let photos_hash = fingerprint::of(&(&photos, &lead));
        let fingerprint = ArticleFingerprint {
            page: fingerprint::of(&(m.text, id, date, province, figures_hash, photos_hash)),
            card: fingerprint::of(&(
                (id, &lang, &e.title, date, &summary, province),
                (e.draft, &lead),
            )),
            reference: fingerprint::of(&(id, &lang, &e.title, date, province)),
            figures: figures_hash,
        };
        Article {
            id: id.clone(),
            lang,
            path: m.path.clone(),
            title: e.title.clone(),
            date: *date,
            province: province.clone(),
            summary,
            author: e.author.clone(),
            source: e.source.clone(),
            tags: e.tags.clone(),
            figures,
            photos,
            lead,
            draft: e.draft,
            body_html: Arc::clone(&m.body_html),
            fingerprint,
        }
    }
}

/// Puts the default language's version first: the reference for inherited fields.
fn reference_first(config: &Config, members: &mut [&Parsed]) {
    members.sort_by_key(|m| (m.entry.language.value != config.default_language, &m.path));
}

/// The value the versions of one article state for a field, reporting every version that disagrees.
fn agree<'a, T: PartialEq + fmt::Display>(
    members: &[&'a Parsed],
    field: impl Fn(&'a Parsed) -> Option<&'a Located<T>>,
    name: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<&'a Located<T>> {
    let mut stated = members.iter().filter_map(|&m| Some((m, field(m)?)));
    let (first_member, first) = stated.next()?;
    for (m, other) in stated {
        if other.value != first.value {
            problems.push(
                located(
                    m,
                    other,
                    format!(
                        "this translation's {name} `{}` disagrees with `{}` in {}:{}",
                        other.value,
                        first.value,
                        first_member.path.display(),
                        first.location.line
                    ),
                )
                .with_hint(format!(
                    "translations share one {name}: correct it, or leave it out here to inherit it"
                )),
            );
        }
    }
    Some(first)
}

fn located<T>(m: &Parsed, at: &Located<T>, message: String) -> Diagnostic {
    Diagnostic {
        path: m.path.clone(),
        location: Some(Box::new(at.location.clone())),
        message,
        hint: None,
    }
}

fn missing(m: &Parsed, field: &str) -> Diagnostic {
    Diagnostic {
        path: m.path.clone(),
        location: Some(Box::new(m.entry.opening.clone())),
        message: format!("the article has no {field}"),
        hint: None,
    }
    .with_hint(format!(
        "add `{field} = …` to the front matter of this file or of one of its translations"
    ))
}
