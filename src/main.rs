//! The `bulletin` command: parse the arguments, call the library, report.

use std::process::ExitCode;

use bulletin::cli::{Cli, Command};
use bulletin::{BuildOptions, scaffold};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> bulletin::Result<String> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let report = bulletin::build(&BuildOptions {
                root,
                output,
                base_url,
                drafts,
            })?;
            Ok(report.to_string())
        }
        Command::Check { root, drafts } => {
            let report = bulletin::check(&BuildOptions {
                root,
                drafts,
                ..BuildOptions::default()
            })?;
            Ok(report.to_string())
        }
        Command::Init { dir } => {
            scaffold::init(&dir)?;
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
            title,
        } => {
            let path = scaffold::new_article(&root, &lang, &province, slug.as_deref(), &title)?;
            Ok(format!("created {}", path.display()))
        }
    }
}
