//! A site's inputs, loaded: `site.toml`, the articles and the templates. A
//! build loads them once; watch mode keeps them and reloads what changes.
//!
//! Steps of [`Inputs::load`]:
//! 1. read and check `site.toml`, with the command line's overrides, and that
//!    the output folder is a folder of its own;
//! 2. find the article files, and load the templates;
//! 3. read, parse and group the articles (see [`crate::content`]).
//!
//! [`Inputs::model`] is the next stage of every kind of build: the articles
//! and the templates, whose problems are reported together, into a [`Site`].

use std::path::{Path, PathBuf};

use crate::config::{Config, Overrides};
use crate::content::{ArticleFiles, Library};
use crate::error::{Diagnostic, Error, Result};
use crate::output;
use crate::photos::Photos;
use crate::render::Templates;
use crate::site::Site;
use crate::timings::{Stage, Timings};

/// What publishing needs of the inputs.
pub struct Model<'i> {
    /// The site.
    pub site: Site<'i>,
    /// The templates that render it.
    pub templates: &'i Templates,
    /// The photos its articles show.
    pub photos: &'i Photos,
}

/// The inputs of a build.
#[derive(Debug)]
pub struct Inputs {
    /// `site.toml`, checked.
    pub config: Config,
    /// The articles, file by file.
    pub library: Library,
    /// The templates, or why they cannot be used (until a change fixes them).
    templates: Result<Templates>,
}

impl Inputs {
    /// Loads the site at `root`, timing the loading and the parsing.
    pub fn load(root: &Path, overrides: &Overrides, timings: &mut Timings) -> Result<Inputs> {
        timings.progress.stage("reading the site", None);
        let (config, files, templates) = timings.time(Stage::Load, || -> Result<_> {
            let config = Config::load(root, overrides)?;
            output::check_output_dir(&config)?;
            let files = ArticleFiles::find(&config)?;
            let templates = Templates::load(&config);
            Ok((config, files, templates))
        })?;
        timings.progress.stage("reading articles", None);
        let library = timings.time(Stage::Parse, || Library::parse(&config, files))?;
        Ok(Inputs {
            config,
            library,
            templates,
        })
    }

    /// Reloads what the files `changed` (absolute paths) change: the
    /// templates when one of theirs is among them, the articles that are.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<()> {
        let templates = self.config.templates_dir();
        if changed.iter().any(|p| p.starts_with(&templates)) {
            self.templates = Templates::load(&self.config);
        }
        self.library.update(&self.config, changed)
    }

    /// The photos of the site: what their files held, and the work done on them.
    pub fn photos(&self) -> &Photos {
        self.library.photos()
    }

    /// The model stage: the articles to build (drafts too, with `drafts`)
    /// grouped and indexed into the site, with the templates that render it.
    /// The problems of the articles and of the templates are reported together.
    pub fn model(&self, drafts: bool) -> Result<Model<'_>> {
        let templates = self.templates.as_ref().map_err(Error::clone);
        let (articles, templates) = Error::both(self.library.articles(drafts), templates)?;
        Ok(Model {
            site: Site::build(&self.config, articles)?,
            templates,
            photos: self.library.photos(),
        })
    }

    /// What the checks of key figures found, sorted by file and line.
    pub fn warnings(&self, drafts: bool) -> Vec<Diagnostic> {
        self.library.warnings(drafts).into_iter().cloned().collect()
    }

    /// What the checks of key figures found in the files `changed` (absolute
    /// paths): their own, and their translations' disagreements with them.
    pub fn warnings_about(&self, changed: &[PathBuf], drafts: bool) -> Vec<Diagnostic> {
        self.library
            .warnings_about(changed, drafts)
            .into_iter()
            .cloned()
            .collect()
    }
}
