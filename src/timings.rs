//! How long each stage of a build took, and which templates cost the most:
//! what `bulletin build --timings` prints for people tuning their themes.

use std::collections::BTreeMap;
use std::fmt;

use crate::progress::Progress;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the build pipeline, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `site.toml`, the templates, and finding the article files.
    Load,
    /// Reading each article file: front matter, Markdown and the checks of key figures.
    Parse,
    /// The site model: translations, provinces, years, routes.
    Model,
    /// Every page through its template, feeds and data files.
    Render,
    /// The search index.
    Search,
    /// The link check of every page.
    Links,
    /// Writing the files that changed.
    Write,
}

impl Stage {
    fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Parse => "parse",
            Stage::Model => "model",
            Stage::Render => "render",
            Stage::Search => "search",
            Stage::Links => "links",
            Stage::Write => "write",
        }
    }
}

/// What one template (or built-in writer) cost over a build.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TemplateTime {
    /// Pages it rendered.
    pub pages: usize,
    /// Their time, added up over all threads.
    pub total: Duration,
    /// The slowest single page.
    pub slowest: Duration,
}

impl TemplateTime {
    /// Counts one page that took `took`.
    pub fn add(&mut self, took: Duration) {
        self.pages += 1;
        self.total += took;
        self.slowest = self.slowest.max(took);
    }
}

/// Time spent in one kind of work across threads, added up as it happens.
#[derive(Debug, Default)]
pub struct CpuTime(AtomicU64);

impl CpuTime {
    /// Runs `f`, adding its duration.
    pub fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(nanos, Ordering::Relaxed);
        value
    }

    /// The time added up so far.
    pub fn total(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}

/// The times of one build's stages, in order, and of its templates.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Wall time of each stage that ran.
    pub stages: Vec<(Stage, Duration)>,
    /// Work done inside a stage on several threads at once, by name: its
    /// time added up over the threads.
    pub cpu: Vec<(Stage, &'static str, Duration)>,
    /// Rendering time by template name (built-in writers in parentheses).
    pub templates: BTreeMap<String, TemplateTime>,
    /// What the stages show on a terminal as they run.
    pub progress: Progress,
}

impl Timings {
    /// Runs `f` as `stage`, adding its wall time to that stage.
    pub fn time<T>(&mut self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        self.add(stage, start.elapsed());
        value
    }

    /// Adds `took` to `stage`.
    pub fn add(&mut self, stage: Stage, took: Duration) {
        match self.stages.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, total)) => *total += took,
            None => self.stages.push((stage, took)),
        }
    }

    /// Records `took`, added up over threads, for the work `name` inside `stage`.
    pub fn cpu(&mut self, stage: Stage, name: &'static str, took: Duration) {
        self.cpu.push((stage, name, took));
    }
}

/// How many templates `--timings` lists.
const SLOWEST: usize = 8;

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
        writeln!(f, "stage      wall ms   share")?;
        for (stage, took) in &self.stages {
            let share = if total.is_zero() {
                0.0
            } else {
                took.as_secs_f64() / total.as_secs_f64() * 100.0
            };
            writeln!(f, "{:<8} {:>9.1} {:>6.1}%", stage.name(), ms(*took), share)?;
        }
        writeln!(f, "{:<8} {:>9.1}", "total", ms(total))?;
        for (stage, _) in &self.stages {
            let parts: Vec<String> = self
                .cpu
                .iter()
                .filter(|(s, _, _)| s == stage)
                .map(|(_, name, took)| format!("{name} {:.1} ms", ms(*took)))
                .collect();
            if !parts.is_empty() {
                let stage = stage.name();
                writeln!(
                    f,
                    "(within {stage}, added up over threads: {})",
                    parts.join(", ")
                )?;
            }
        }
        if self.templates.is_empty() {
            return Ok(());
        }
        let mut slowest: Vec<(&String, &TemplateTime)> = self.templates.iter().collect();
        slowest.sort_by(|a, b| b.1.total.cmp(&a.1.total).then(a.0.cmp(b.0)));
        writeln!(
            f,
            "\ntemplate (CPU time over all threads)  pages   total ms  mean ms  slowest ms"
        )?;
        for (name, t) in slowest.into_iter().take(SLOWEST) {
            writeln!(
                f,
                "{name:<36} {:>6} {:>10.1} {:>8.3} {:>11.3}",
                t.pages,
                ms(t.total),
                ms(t.total) / t.pages.max(1) as f64,
                ms(t.slowest)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_in_order_and_templates_sort_by_total() {
        let mut t = Timings::default();
        t.add(Stage::Load, Duration::from_millis(5));
        t.add(Stage::Render, Duration::from_millis(20));
        t.add(Stage::Load, Duration::from_millis(5));
        assert_eq!(
            t.stages,
            [
                (Stage::Load, Duration::from_millis(10)),
                (Stage::Render, Duration::from_millis(20))
            ]
        );
        for (name, ms) in [("article.html", 3), ("article.html", 9), ("index.html", 30)] {
            t.templates
                .entry(name.to_owned())
                .or_default()
                .add(Duration::from_millis(ms));
        }
        let article = t.templates["article.html"];
        assert_eq!(article.pages, 2);
        assert_eq!(article.slowest, Duration::from_millis(9));
        let text = t.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].starts_with("load") && lines[1].contains("10.0"));
        assert!(lines[2].starts_with("render") && lines[2].contains("20.0"));
        assert!(lines[3].starts_with("total") && lines[3].contains("30.0"));
        let index = text.find("index.html").unwrap();
        assert!(index < text.find("article.html").unwrap(), "{text}");
        t.cpu(Stage::Render, "link scan", Duration::from_millis(4));
        t.cpu(Stage::Write, "photos", Duration::from_millis(2));
        let text = t.to_string();
        assert!(
            text.contains("(within render, added up over threads: link scan 4.0 ms)\n"),
            "{text}"
        );
        assert!(
            !text.contains("photos"),
            "work in a stage that did not run is not shown: {text}"
        );
    }
}
