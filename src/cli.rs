//! The command line: what `bulletin` accepts, parsed by clap.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A static site generator for multilingual cooperative bulletins.
#[derive(Debug, Parser)]
#[command(name = "bulletin", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (touched only when the build succeeds; unchanged files are kept).
    Build {
        /// The site folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site, instead of site.toml's output_dir.
        #[arg(long)]
        output: Option<PathBuf>,
        /// The address the site is published at, instead of site.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Also build articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Leave out the search index and search pages (faster; for previews).
        #[arg(long)]
        no_search: bool,
        /// Print the time of each stage and of the slowest templates.
        #[arg(long)]
        timings: bool,
    },
    /// Load and render everything, write nothing; fail on any problem.
    Check {
        /// The site folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too (figures that do not occur in the text or disagree between translations).
        #[arg(long)]
        strict: bool,
        /// List the figures found in each article's text but missing from its table, as TOML to paste.
        #[arg(long)]
        suggest: bool,
        /// Also try every link to another site (reported as warnings).
        #[arg(long)]
        external: bool,
        /// How long to wait for each external link, in seconds.
        #[arg(
            long,
            value_name = "SECONDS",
            default_value_t = 10,
            requires = "external"
        )]
        timeout: u64,
        /// Also check articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every change, reloading open pages.
    Watch {
        /// The site folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to serve on (the next free one when taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to serve on; only change it to share the preview on a network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes every MS milliseconds (for file systems without change events).
        #[arg(long, value_name = "MS")]
        poll: Option<u64>,
        /// Leave out the search index (by default it follows every change,
        /// a moment after the page reloads).
        #[arg(long)]
        no_search: bool,
        /// Also build articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Print the key figures found in articles as `[[figures]]` TOML to paste into their front matter.
    Figures {
        /// The site folder (its `figures/<lang>.toml` files add languages).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The language of files that do not say it (plain text files).
        #[arg(long)]
        lang: Option<String>,
        /// The date of files that do not say it (YYYY-MM-DD, YYYY-MM or
        /// YYYY): a year after it makes a goal.
        #[arg(long)]
        date: Option<String>,
        /// The province of files that do not say it: another province's
        /// figures are told apart from its own.
        #[arg(long)]
        province: Option<String>,
        /// The articles (Markdown with front matter, or plain text).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Turn text pasted from a news portal into articles under content/, with
    /// language, province, date, author, headings and key figures filled in
    /// as far as the text tells them, each guess marked for review.
    Import {
        /// The site folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The language, instead of telling it from the text.
        #[arg(long)]
        lang: Option<String>,
        /// The province id, instead of finding it in the text.
        #[arg(long)]
        province: Option<String>,
        /// The date (YYYY-MM-DD, YYYY-MM or YYYY), instead of reading it.
        #[arg(long)]
        date: Option<String>,
        /// The slug (file name and address), instead of making one from the title.
        #[arg(long)]
        slug: Option<String>,
        /// The slug of an article this text is another language of.
        #[arg(long)]
        translation_of: Option<String>,
        /// Overwrite an article that exists.
        #[arg(long)]
        force: bool,
        /// Print what would be written, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The text files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Create a new site in DIR with the default theme and one example article.
    Init {
        /// The folder to create (it must not exist or be empty).
        dir: PathBuf,
    },
    /// Create an article skeleton under `content/<province>/`.
    New {
        /// The site folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The article's language code (one of `[languages]` in site.toml).
        #[arg(long)]
        lang: String,
        /// The province id (one of `[provinces]` in site.toml).
        #[arg(long)]
        province: String,
        /// The slug (file name and URL); by default made from the title.
        #[arg(long)]
        slug: Option<String>,
        /// The article's date (YYYY-MM-DD); today by default.
        #[arg(long)]
        date: Option<String>,
        /// The article's title.
        title: String,
    },
}
