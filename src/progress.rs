//! Progress of long work on a terminal: what a build or check is doing and
//! how far it is (`rendering pages 12,000/25,419`), on one line of standard
//! error that is cleared when the work ends.
//!
//! Shown only when standard error is a terminal and the work has run for
//! about a second (`BULLETIN_PROGRESS_AFTER_MS` sets the wait); never in CI
//! (`CI` set) or when the output goes to a file or a pipe, so that logs get
//! nothing but the summary.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress line, or nothing (see the module).
#[derive(Debug, Clone, Default)]
pub struct Progress {
    line: Option<Arc<Line>>,
}

#[derive(Debug)]
struct Line {
    bar: ProgressBar,
    started: Instant,
    after: Duration,
    shown: AtomicBool,
}

impl Progress {
    /// A line on standard error if it is a terminal outside CI; else nothing.
    pub fn on_terminal() -> Progress {
        let terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if !terminal {
            return Progress::default();
        }
        let after = std::env::var("BULLETIN_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        Progress {
            line: Some(Arc::new(Line {
                bar,
                started: Instant::now(),
                after,
                shown: AtomicBool::new(false),
            })),
        }
    }

    /// Starts a stage: `what` it does, of `total` steps (none: no count).
    pub fn stage(&self, what: &'static str, total: Option<usize>) {
        let Some(line) = &self.line else { return };
        let style = match total {
            Some(_) => "{spinner} {msg} {human_pos}/{human_len} [{bar:30}] {elapsed}",
            None => "{spinner} {msg} {elapsed}",
        };
        let style = ProgressStyle::with_template(style)
            .expect("the templates are valid")
            .progress_chars("=> ");
        line.bar.set_length(total.map_or(0, |t| t as u64));
        line.bar.set_position(0);
        line.bar.set_style(style);
        line.bar.set_message(what);
        line.show_when_due();
    }

    /// One more step of the stage done.
    pub fn step(&self) {
        let Some(line) = &self.line else { return };
        line.bar.inc(1);
        line.show_when_due();
    }

    /// Clears the line: the work is over.
    pub fn finish(&self) {
        if let Some(line) = &self.line {
            line.bar.finish_and_clear();
        }
    }

    /// Whether it draws on a terminal at all.
    pub fn is_shown(&self) -> bool {
        self.line.is_some()
    }
}

impl Line {
    fn show_when_due(&self) {
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= self.after
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
}
