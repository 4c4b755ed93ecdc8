//! The `bulletin` command: parse the arguments, call the library, report.

use std::io::Write as _;
use std::process::ExitCode;

use bulletin::cli::{Cli, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bulletin::BuildOptions;
use bulletin::serve::watch::{self as watching, WatchOptions};
use clap::Parser;

/// mimalloc: see [`bulletin::allocator`].
#[global_allocator]
static ALLOCATOR: bulletin::allocator::Allocator = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Import {
            root,
            lang,
            province,
            date,
            slug,
            translation_of,
            force,
            dry_run,
            files,
        } => bulletin::import(
            &root,
            &files,
            &bulletin::ImportOptions {
                lang: lang.as_deref(),
                province: province.as_deref(),
                date: date.as_deref(),
                slug: slug.as_deref(),
                translation_of: translation_of.as_deref(),
                force,
                dry_run,
            },
        )
        .map(|report| (report.text, report.complete)),
        command => run(command).map(|summary| (summary, true)),
    };
    match outcome {
        Ok((summary, complete)) => {
            // A closed pipe (`bulletin figures … | head`) is not an error.
            let _ = writeln!(std::io::stdout(), "{summary}");
            // An import that left something to decide says so by its code.
            if complete {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one command; returns the line to print.
///
/// A dispatch: one arm per command, each turning its arguments into the
/// library's options and its result into text.
fn run(command: Command) -> bulletin::Result<String> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_search,
            timings,
        } => {
            let report = bulletin::build(&BuildOptions {
                root,
                output,
                base_url,
                drafts,
                search: no_search.then_some(false),
            })?;
            print_warnings(&report.warnings);
            if timings {
                println!("{}", report.timings);
            }
            Ok(report.to_string())
        }
        Command::Check {
            root,
            strict,
            suggest,
            external,
            timeout,
            drafts,
        } => {
            let options = BuildOptions {
                root,
                drafts,
                // Checking renders the search pages; the index itself is not built.
                ..BuildOptions::default()
            };
            let report = bulletin::check(
                &options,
                bulletin::CheckOptions {
                    suggest,
                    external: external.then(|| Duration::from_secs(timeout)),
                },
            )?;
            if strict && !report.warnings.is_empty() {
                return Err(bulletin::Error::Input(report.warnings));
            }
            print_warnings(&report.warnings);
            if report.suggestions.is_empty() {
                Ok(report.to_string())
            } else {
                Ok(format!(
                    "{}
\n{report}",
                    report.suggestions
                ))
            }
        }
        Command::Watch {
            root,
            port,
            bind,
            open,
            poll,
            no_search,
            drafts,
        } => {
            let options = WatchOptions {
                root,
                bind,
                port,
                poll: poll.map(Duration::from_millis),
                drafts,
                search: !no_search,
            };
            watch(&options, open)?;
            Ok("stopped".into())
        }
        Command::Figures {
            root,
            lang,
            date,
            province,
            files,
        } => bulletin::figures_in_files(
            &root,
            &files,
            &bulletin::FileDefaults {
                lang: lang.as_deref(),
                date: date.as_deref(),
                province: province.as_deref(),
            },
        ),
        // Handled by `main`, which turns what it leaves undecided into the exit code.
        Command::Import { .. } => unreachable!("main imports"),
        Command::Init { dir } => {
            bulletin::init(&dir)?;
            Ok(format!(
                "created a new site in {0}; build it with `bulletin build --root {0}`",
                dir.display()
            ))
        }
        Command::New {
            root,
            lang,
            province,
            slug,
            date,
            title,
        } => {
            let path = bulletin::new_article(
                &root,
                &lang,
                &province,
                slug.as_deref(),
                date.as_deref(),
                &title,
            )?;
            Ok(format!("created {}", path.display()))
        }
    }
}

/// Prints the warnings of a build to standard error, each like an error report.
fn print_warnings(warnings: &[bulletin::Diagnostic]) {
    for w in warnings {
        eprintln!("{}\n", w.render_warning());
    }
}

/// Serves until Ctrl-C, printing each rebuild.
fn watch(options: &WatchOptions, open: bool) -> bulletin::Result<()> {
    let session = watching::start(options)?;
    println!(
        "serving {} at {}  (Ctrl-C to stop)",
        options.root.display(),
        session.url
    );
    if open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        if let Err(e) = std::process::Command::new(opener).arg(&session.url).spawn() {
            eprintln!(
                "could not open a browser ({opener}: {e}); open {} yourself",
                session.url
            );
        }
    }
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                if let Some(event) = session.next_event(Duration::from_millis(200)) {
                    println!("{event}");
                }
            }
        });
        session.wait_for_ctrl_c();
        stop.store(true, Ordering::Relaxed);
    });
    Ok(())
}
