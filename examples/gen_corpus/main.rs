//! Writes a synthetic bulletin for benchmarks: `N` article groups in five
//! languages over 60 provinces and the years 2015–2025, with a matching `site.toml`.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/corpus --seed 1
//! ```
//!
//! With `--photos`, every group also gets a lead photo of its own (3 megapixels).
//!
//! The same arguments always write the same files. The folder must not exist yet,
//! or be empty, so that a typo cannot overwrite a real site.

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes a synthetic multilingual bulletin for benchmarks.
#[derive(Parser)]
struct Args {
    /// Article groups to write (about half of them get a translation).
    #[arg(long)]
    articles: usize,
    /// The site folder to create.
    #[arg(long)]
    out: PathBuf,
    /// Seed of the pseudo-random choices: the same seed writes the same site.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Give every group a lead photo of its own: a 3-megapixel JPEG beside it.
    #[arg(long)]
    photos: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let occupied = std::fs::read_dir(&args.out).is_ok_and(|mut d| d.next().is_some());
    if occupied {
        eprintln!(
            "error: {} is not empty\n  hint: give --out a new folder; the generator never writes over files",
            args.out.display()
        );
        return ExitCode::FAILURE;
    }
    let photos = args.photos.then(|| corpus::photos(8, 2000, 1500));
    match corpus::generate(&args.out, args.articles, args.seed, photos.as_deref()) {
        Ok(written) => {
            println!(
                "wrote {} article files ({} groups, {:.1} MB of Markdown) and site.toml into {}",
                written.files,
                args.articles,
                written.bytes as f64 / 1e6,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
