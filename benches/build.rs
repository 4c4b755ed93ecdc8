//! Build benchmark: the synthetic bulletin of `examples/gen_corpus` at 1,000,
//! 10,000 and 30,000 article groups, against a floor measured in the same run.
//!
//! For each size it reports, as medians over several runs:
//! - the floor: every Markdown body through pulldown-cmark, written as bare HTML
//!   files (both cores), and nothing else;
//! - a second floor: the files of the built site, read into memory first, then
//!   written alone (both cores), as a build writes them: what the output itself
//!   costs, whatever makes it;
//! - a cold `bulletin build` (output folder removed first), without and with the
//!   search index: wall time, CPU time, peak memory (max RSS), pages per second,
//!   the ratios to the floor, and the time of each stage (`--timings`);
//! - watch mode: the time from saving an edit of one article to the new text
//!   being served, and the rebuild's own share of it.
//!
//! With `BULLETIN_BENCH_PHOTOS=N` it then measures N groups with a lead photo
//! each (a 3-megapixel JPEG of its own) against the same site without photos:
//! a cold build (photo cache empty), a warm build (cache full, output removed),
//! a rebuild where nothing changed, and watch mode's edit latency.
//!
//! Builds, the floor and watch mode run as child processes so that each one's
//! CPU time and max RSS are its own. Sites are written to `/dev/shm` (memory) when the machine
//! has it, as the targets assume a local disk or tmpfs; `BULLETIN_BENCH_DIR`
//! chooses another folder, and `BULLETIN_BENCH_SIZES=1000,10000` other sizes
//! (empty for none).
//!
//! Run with `cargo bench --bench build`.

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "build/peers.rs"]
mod peers;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

/// The allocator of the `bulletin` binary, so that watch mode, which this
/// benchmark runs in its own process, is measured as it ships.
#[global_allocator]
static ALLOCATOR: bulletin::allocator::Allocator = mimalloc::MiMalloc;

/// What a child process cost.
#[derive(Debug, Clone, Copy)]
struct Usage {
    wall: Duration,
    cpu: Duration,
    /// Peak resident memory, in bytes.
    max_rss: u64,
}

/// Runs `command` to its end; returns its standard output and what it cost.
fn measure(command: &mut Command) -> (String, Usage) {
    let start = Instant::now();
    // Reaped by wait4 below, which also reports what the child used.
    #[allow(clippy::zombie_processes)]
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the command starts");
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .expect("piped")
        .read_to_string(&mut stdout)
        .expect("its output is text");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: `pid` is our child, not waited for yet; the pointers are to locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed:\n{stdout}"
    );
    let usage = Usage {
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        max_rss: usage.ru_maxrss as u64 * 1024,
    };
    (stdout, usage)
}

/// The floor, run in a child (`build --floor SITE OUT`): every article's Markdown
/// body to bare HTML, one file per article, on every core.
fn floor(site: &Path, out: &Path) {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .map(|e| e.expect("the corpus is readable").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.par_iter().for_each(|path| {
        let text = std::fs::read_to_string(path).expect("readable");
        let body = text[3..].split_once("+++\n").map_or(&*text, |(_, b)| b);
        let mut html = String::with_capacity(body.len() * 5 / 4);
        // The extensions articles are read with.
        let options = pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_FOOTNOTES
            | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
            | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
        let parser = pulldown_cmark::Parser::new_ext(body, options);
        pulldown_cmark::html::push_html(&mut html, parser);
        let target = out.join(path.strip_prefix(site).expect("under the site"));
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("writable");
        std::fs::write(target.with_extension("html"), html).expect("writable");
    });
}

/// The output floor, run in a child (`--write-floor BUILT OUT`): every file of
/// the built site `BUILT` read into memory, then written under `OUT` in
/// parallel, each in its folder. Prints the wall and CPU seconds of the writing
/// alone.
fn write_floor(built: &Path, out: &Path) {
    let files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(built)
        .into_iter()
        .map(|e| e.expect("the output is readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(built).expect("under the output");
            let bytes = std::fs::read(e.path()).expect("readable");
            (relative.to_owned(), bytes)
        })
        .collect();
    let (cpu, start) = (cpu_of_process(), Instant::now());
    files.par_iter().for_each(|(relative, bytes)| {
        let target = out.join(relative);
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("writable");
        std::fs::write(target, bytes).expect("writable");
    });
    let (wall, cpu) = (start.elapsed(), cpu_of_process() - cpu);
    println!("{} {}", wall.as_secs_f64(), cpu.as_secs_f64());
}

/// The CPU time this process has used so far, its threads' together.
fn cpu_of_process() -> Duration {
    // SAFETY: an all-zero rusage is valid, and getrusage fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pointer is to a local.
    let done = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    assert_eq!(done, 0, "getrusage failed");
    timeval(usage.ru_utime) + timeval(usage.ru_stime)
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000)
}

/// The stage lines of `--timings` output: name and wall milliseconds.
fn stages(timings: &str) -> Vec<(String, f64)> {
    timings
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("total"))
        .filter_map(|l| {
            let mut cells = l.split_whitespace();
            Some((cells.next()?.to_owned(), cells.next()?.parse().ok()?))
        })
        .collect()
}

/// The page count of `bulletin build`'s summary line.
fn pages(summary: &str) -> usize {
    let line = summary.lines().last().unwrap_or_default();
    line.split(" into ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page count in {line:?}"))
}

fn median<T: Copy, K: PartialOrd>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> T {
    items.sort_by(|a, b| key(a).partial_cmp(&key(b)).expect("comparable"));
    items[items.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// The body of a plain HTTP/1.1 GET.
fn get(host: &str, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(host).expect("the server listens");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("the response arrives");
    response
}

/// The live-reload event stream, read as a browser's `EventSource` does.
struct Events(std::io::BufReader<std::net::TcpStream>);

impl Events {
    fn open(host: &str) -> Events {
        let mut stream = std::net::TcpStream::connect(host).expect("the server listens");
        // An edit that never brings a signal fails the benchmark instead of hanging it.
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .expect("a timeout can be set");
        write!(
            stream,
            "GET {} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n",
            bulletin::serve::live::EVENTS_PATH
        )
        .expect("the request is sent");
        Events(std::io::BufReader::new(stream))
    }

    /// Waits for the next event and returns its name (`reload`, `css`, `error`).
    fn next(&mut self) -> String {
        use std::io::BufRead;
        let mut line = String::new();
        loop {
            line.clear();
            let read = self
                .0
                .read_line(&mut line)
                .expect("a live-reload signal within two minutes");
            assert!(read > 0, "the event stream ended");
            // The signal that the search index followed tells a page that
            // shows this one nothing.
            if let Some(name) = line.trim_end().strip_prefix("event: ")
                && name != "search"
            {
                return name.to_owned();
            }
        }
    }
}

/// The first English article of the first year of a generated site.
fn first_english_article(site: &Path) -> PathBuf {
    let year = site.join("content/2015");
    let mut names: Vec<String> = std::fs::read_dir(&year)
        .expect("a year folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".en.md"))
        .collect();
    names.sort();
    year.join(&names[0])
}

/// Edits timed in watch mode.
const ROUNDS: usize = 7;

/// Saves an edit of one article and measures, as a browser with the page open
/// sees it, the time until the new text is served: the server's live-reload
/// event arrives, and the page fetched then holds the edit. Over [`ROUNDS`]
/// edits: the median and the slowest saved → served, and the median rebuild.
///
/// The benchmark does not poll the server meanwhile: on two cores a client
/// asking every few milliseconds takes CPU time from the rebuild it waits for.
fn edit_to_served(site: &Path) -> Watched {
    use bulletin::serve::watch;
    let session = watch::start(&watch::WatchOptions {
        root: site.to_owned(),
        bind: "127.0.0.1".parse().expect("an address"),
        port: 0,
        poll: None,
        drafts: false,
        // As watch mode runs by default: the index follows each rebuild.
        search: true,
    })
    .expect("watch starts");
    // The first build, then its search index.
    for _ in 0..2 {
        session
            .next_event(Duration::from_secs(300))
            .expect("the first build and its index");
    }
    let host = session
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    // The first English article of the first year.
    let file = first_english_article(site);
    let name = file
        .file_name()
        .expect("a file")
        .to_string_lossy()
        .into_owned();
    let slug = name.trim_end_matches(".en.md");
    let page = format!("/en/2015/{slug}/");
    let original = std::fs::read_to_string(&file).expect("readable");
    let mut events = Events::open(&host);
    let mut served = Vec::new();
    let mut rebuilt = Vec::new();
    let mut indexed = Vec::new();
    for round in 0..ROUNDS {
        let marker = format!("edit-marker-{round}");
        assert!(!get(&host, &page).contains(&marker));
        let start = Instant::now();
        std::fs::write(
            &file,
            original.replacen("\n+++\n\n", &format!("\n+++\n\n{marker} "), 1),
        )
        .expect("writable");
        // Reload on every signal until the page shows the edit, as the page's
        // script does.
        loop {
            let event = events.next();
            assert_eq!(event, "reload", "the edit rebuilds without error");
            if get(&host, &page).contains(&marker) {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "the edit was never served"
            );
        }
        served.push(start.elapsed());
        // The rebuild's own time, from its report; then the search index's,
        // which follows it (the next edit is saved once it is done, as an
        // editor's next save comes seconds later); then let the reports drain.
        let mut wait = Duration::from_secs(120);
        while let Some(event) = session.next_event(wait) {
            match event {
                watch::WatchEvent::Rebuilt { report, .. } => rebuilt.push(report.elapsed),
                watch::WatchEvent::Indexed { report } => {
                    indexed.push(report.elapsed);
                    wait = Duration::from_millis(300);
                }
                watch::WatchEvent::Failed { message, .. } => panic!("{message}"),
            }
        }
    }
    std::fs::write(&file, original).expect("writable");
    Watched {
        worst: *served.iter().max().expect("rounds"),
        served: median(served, |d| *d),
        rebuilt: median(rebuilt, |d| *d),
        indexed: median(indexed, |d| *d),
    }
}

/// What watch mode took over the edits: medians, and the slowest edit to show.
struct Watched {
    served: Duration,
    worst: Duration,
    rebuilt: Duration,
    /// The search index's own time after a rebuild, once the page is served.
    indexed: Duration,
}

/// One size's figures, for the comparison between sizes.
struct Measured {
    groups: usize,
    build: Usage,
}

/// What the peers cost on one site: Hugo, then Pagefind on Hugo's output.
struct PeerRuns {
    hugo: Usage,
    pagefind: Option<Usage>,
}

/// Hugo, then Pagefind on what it wrote, once each on `site`.
fn peer_runs(site: &Path, root: &Path, peers: &peers::Peers) -> Option<PeerRuns> {
    let hugo = peers.hugo.as_ref()?;
    let dir = root.join("hugo");
    let out = root.join("hugo-public");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&out);
    peers::hugo_site(site, &dir);
    let (_, hugo) = measure(
        Command::new(hugo)
            .args(["--quiet", "--source"])
            .arg(&dir)
            .arg("--destination")
            .arg(&out),
    );
    let written = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    println!("Hugo wrote {written} HTML pages");
    let pagefind = peers.pagefind.as_ref().map(|pagefind| {
        measure(
            Command::new(pagefind)
                .args(["--silent", "--site"])
                .arg(&out),
        )
        .1
    });
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&out);
    Some(PeerRuns { hugo, pagefind })
}

fn bench(groups: usize, root: &Path, bulletin: &Path, peers: &peers::Peers) -> Measured {
    let site = root.join(format!("site-{groups}"));
    let written = corpus::generate(&site, groups, 1, None).expect("the corpus is written");
    println!(
        "\n## {groups} article groups: {} article files, {:.1} MB of Markdown",
        written.files,
        mb(written.bytes as u64)
    );
    let runs = if groups >= 30_000 { 3 } else { 5 };
    let me = std::env::current_exe().expect("this benchmark's path");

    let floor_out = root.join("floor");
    let floor_runs: Vec<Usage> = (0..runs)
        .map(|_| {
            let _ = std::fs::remove_dir_all(&floor_out);
            measure(Command::new(&me).arg("--floor").arg(&site).arg(&floor_out)).1
        })
        .collect();
    let _ = std::fs::remove_dir_all(&floor_out);
    let floor = median(floor_runs, |u| u.wall);

    let output = site.join("public");
    let build = |search: bool, runs: usize| -> Vec<(String, Usage)> {
        (0..runs)
            .map(|_| {
                // Cold: no output, and no cache of what the search index read.
                let _ = std::fs::remove_dir_all(&output);
                let _ = std::fs::remove_dir_all(site.join(".bulletin-cache"));
                let mut command = Command::new(bulletin);
                command.args(["build", "--timings", "--root"]).arg(&site);
                if !search {
                    command.arg("--no-search");
                }
                measure(&mut command)
            })
            .collect()
    };
    let plain = build(false, runs);
    // The last build's output (no search index), written again with nothing else to do.
    let written_out = root.join("written");
    let written_runs: Vec<Usage> = (0..runs)
        .map(|_| {
            let _ = std::fs::remove_dir_all(&written_out);
            let (times, _) = measure(
                Command::new(&me)
                    .arg("--write-floor")
                    .arg(&output)
                    .arg(&written_out),
            );
            let times: Vec<f64> = times
                .split_whitespace()
                .map(|n| n.parse().expect("two durations"))
                .collect();
            Usage {
                wall: Duration::from_secs_f64(times[0]),
                cpu: Duration::from_secs_f64(times[1]),
                // What it held is the whole output: not a figure to compare.
                max_rss: 0,
            }
        })
        .collect();
    let _ = std::fs::remove_dir_all(&written_out);
    let written = median(written_runs, |u| u.wall);
    let output_size: u64 = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    // The search index (pagefind) takes many times the rest: one run, and only
    // up to BULLETIN_BENCH_SEARCH_MAX groups (10,000 unless set).
    let search_max: usize = std::env::var("BULLETIN_BENCH_SEARCH_MAX")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let with_search = (groups <= search_max).then(|| {
        let searched: Vec<Usage> = build(true, runs).into_iter().map(|(_, u)| u).collect();
        median(searched, |u| u.wall)
    });
    // With search, again on the last output: nothing changed, then one
    // article edited.
    let rebuilds = (groups <= search_max).then(|| {
        let again = || {
            let mut command = Command::new(bulletin);
            command.args(["build", "--root"]).arg(&site);
            measure(&mut command).1
        };
        let unchanged = again();
        let article = first_english_article(&site);
        let original = std::fs::read_to_string(&article).expect("readable");
        std::fs::write(&article, format!("{original}\nOne sentence more.\n")).expect("writable");
        let edited = again();
        std::fs::write(&article, original).expect("writable");
        (unchanged, edited)
    });
    let peer = if groups <= search_max {
        peer_runs(&site, root, peers)
    } else {
        None
    };
    let page_count = pages(&plain[0].0);
    let usage = median(plain.iter().map(|(_, u)| *u).collect(), |u| u.wall);

    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>10}",
        "", "wall ms", "CPU ms", "max RSS MB", "pages/s"
    );
    let row = |name: &str, u: &Usage, pages: Option<usize>| {
        let rate = pages.map_or(String::new(), |p| {
            format!("{:.0}", p as f64 / u.wall.as_secs_f64())
        });
        let rss = match u.max_rss {
            0 => String::new(),
            bytes => format!("{:.1}", mb(bytes)),
        };
        println!(
            "{name:<34} {:>9.1} {:>9.1} {rss:>9} {rate:>10}",
            ms(u.wall),
            ms(u.cpu),
        );
    };
    row("floor (pulldown-cmark + write)", &floor, None);
    row("output floor (its files, written)", &written, None);
    row("build, no search", &usage, Some(page_count));
    match &with_search {
        Some(u) => row("build with search index", u, Some(page_count)),
        None => println!("build with search index: not run above {search_max} groups"),
    }
    if let Some((unchanged, edited)) = &rebuilds {
        row("rebuild with search, nothing changed", unchanged, None);
        row("rebuild with search, one article edited", edited, None);
    }
    compare(
        &usage,
        with_search.as_ref(),
        peer.as_ref(),
        page_count,
        &row,
    );
    println!(
        "ratio to the floor: build {:.2}x wall, {:.2}x CPU",
        usage.wall.as_secs_f64() / floor.wall.as_secs_f64(),
        usage.cpu.as_secs_f64() / floor.cpu.as_secs_f64(),
    );
    println!(
        "the build's output: {page_count} pages, {:.0} MB; written alone it takes {:.0}% of the build's wall time",
        mb(output_size),
        100.0 * written.wall.as_secs_f64() / usage.wall.as_secs_f64()
    );
    // Each stage's median over the runs.
    let per_run: Vec<Vec<(String, f64)>> = plain.iter().map(|(t, _)| stages(t)).collect();
    let names: Vec<String> = per_run[0].iter().map(|(n, _)| n.clone()).collect();
    let cells: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let times: Vec<f64> = per_run.iter().map(|r| r[i].1).collect();
            format!("{name} {:.1}", median(times, |t| *t))
        })
        .collect();
    println!("stages, wall ms (median): {}", cells.join(" · "));

    let [served, worst, rebuilt, indexed] = watched(&me, &site, root);
    println!(
        "watch, one edit saved → served: {served:.1} ms, the slowest of {ROUNDS} edits {worst:.1} ms (the rebuild itself: {rebuilt:.1} ms; then the search index: {indexed:.1} ms)"
    );
    let _ = std::fs::remove_dir_all(&site);
    Measured {
        groups,
        build: usage,
    }
}

/// The peers' rows, and the ratios of the build's time and peak memory to
/// theirs: without search against Hugo, with search against Hugo followed
/// by Pagefind (their peak memory is the larger of the two).
fn compare(
    plain: &Usage,
    searched: Option<&Usage>,
    peer: Option<&PeerRuns>,
    pages: usize,
    row: &dyn Fn(&str, &Usage, Option<usize>),
) {
    let Some(peer) = peer else {
        println!("Hugo and Pagefind: not installed, or not run at this size (see README)");
        return;
    };
    row("Hugo (1 run)", &peer.hugo, Some(pages));
    println!(
        "ratio to Hugo, no search: {:.2}x wall, {:.2}x peak memory",
        plain.wall.as_secs_f64() / peer.hugo.wall.as_secs_f64(),
        plain.max_rss as f64 / peer.hugo.max_rss as f64
    );
    let (Some(pagefind), Some(searched)) = (peer.pagefind, searched) else {
        println!("Pagefind: not installed (see README)");
        return;
    };
    row("Pagefind on Hugo's output (1 run)", &pagefind, None);
    let both = Usage {
        wall: peer.hugo.wall + pagefind.wall,
        cpu: peer.hugo.cpu + pagefind.cpu,
        max_rss: peer.hugo.max_rss.max(pagefind.max_rss),
    };
    row("Hugo, then Pagefind", &both, Some(pages));
    println!(
        "ratio to Hugo then Pagefind, with search: {:.2}x wall (target 0.17), {:.2}x peak memory (target 0.25)",
        searched.wall.as_secs_f64() / both.wall.as_secs_f64(),
        searched.max_rss as f64 / both.max_rss as f64
    );
}

/// Runs `bulletin build --timings` `runs` times on `site`, each after `prepare`;
/// returns the median run and the build's summary.
fn builds(bulletin: &Path, site: &Path, runs: usize, prepare: impl Fn()) -> (String, Usage) {
    let done: Vec<(String, Usage)> = (0..runs)
        .map(|_| {
            prepare();
            let mut command = Command::new(bulletin);
            command
                .args(["build", "--no-search", "--timings", "--root"])
                .arg(site);
            measure(&mut command)
        })
        .collect();
    let middle = median(done.iter().map(|(_, u)| u.wall).collect(), |d| *d);
    done.into_iter()
        .find(|(_, u)| u.wall == middle)
        .expect("the median is one of the runs")
}

/// Watch mode's edit latency on `site` in milliseconds (median, slowest,
/// rebuild, search index after it), measured in a child so that this process stays small: a child's
/// max RSS counts what it inherited from its parent before it started the
/// command. Its private output goes to the temporary folder `root`: the same
/// file system as the builds' output.
fn watched(me: &Path, site: &Path, root: &Path) -> [f64; 4] {
    let (out, _) = measure(
        Command::new(me)
            .arg("--watch")
            .arg(site)
            .env("TMPDIR", root),
    );
    let times: Vec<f64> = out
        .split_whitespace()
        .map(|n| n.parse().expect("four durations"))
        .collect();
    [
        times[0] * 1e3,
        times[1] * 1e3,
        times[2] * 1e3,
        times[3] * 1e3,
    ]
}

/// `groups` article groups with a lead photo each, against the same groups
/// without: what photos cost a cold build, and that they cost next to nothing
/// once processed.
fn bench_photos(groups: usize, root: &Path, bulletin: &Path) {
    let (with, without) = (root.join("photos"), root.join("no-photos"));
    let photos = corpus::photos(8, 2000, 1500);
    let written = corpus::generate(&with, groups, 1, Some(&photos)).expect("the corpus is written");
    corpus::generate(&without, groups, 1, None).expect("the corpus is written");
    let photo_bytes: u64 = walkdir::WalkDir::new(with.join("content"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "jpg"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "\n## {groups} article groups with a lead photo each: {} article files, {groups} photos of 3 MP, {:.0} MB of JPEG",
        written.files,
        mb(photo_bytes)
    );
    let me = std::env::current_exe().expect("this benchmark's path");
    let clear = |site: &Path, cache: bool| {
        let _ = std::fs::remove_dir_all(site.join("public"));
        if cache {
            let _ = std::fs::remove_dir_all(site.join(".bulletin-cache"));
        }
    };
    let (cold_summary, cold) = builds(bulletin, &with, 1, || clear(&with, true));
    let (warm_summary, warm) = builds(bulletin, &with, 5, || clear(&with, false));
    let (_, plain) = builds(bulletin, &without, 5, || clear(&without, false));
    let (_, again) = builds(bulletin, &with, 5, || {});
    let (_, plain_again) = builds(bulletin, &without, 5, || {});
    println!(
        "{:<46} {:>9} {:>9} {:>10}",
        "", "wall ms", "CPU ms", "max RSS MB"
    );
    for (name, u) in [
        ("cold, photo cache empty (1 run)", cold),
        ("warm: cache full, output removed", warm),
        ("the same site without photos, output removed", plain),
        ("rebuild, nothing changed", again),
        ("the same without photos", plain_again),
    ] {
        println!(
            "{name:<46} {:>9.1} {:>9.1} {:>10.1}",
            ms(u.wall),
            ms(u.cpu),
            mb(u.max_rss)
        );
    }
    println!(
        "cold: {:.1} photos/s, {:.0} ms CPU per photo; stages: {}",
        groups as f64 / cold.wall.as_secs_f64(),
        ms(cold.cpu) / groups as f64,
        stages(&cold_summary)
            .iter()
            .map(|(n, t)| format!("{n} {t:.0}"))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    println!(
        "warm / without photos: {:.2}x wall (output removed), {:.2}x wall (rebuild); warm stages: {}",
        warm.wall.as_secs_f64() / plain.wall.as_secs_f64(),
        again.wall.as_secs_f64() / plain_again.wall.as_secs_f64(),
        stages(&warm_summary)
            .iter()
            .map(|(n, t)| format!("{n} {t:.0}"))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    let [served, worst, rebuilt, _] = watched(&me, &with, root);
    let [plain_served, plain_worst, plain_rebuilt, _] = watched(&me, &without, root);
    println!(
        "watch, one edit saved → served: {served:.1} ms, slowest {worst:.1} ms (rebuild {rebuilt:.1} ms); without photos {plain_served:.1} ms, slowest {plain_worst:.1} ms (rebuild {plain_rebuilt:.1} ms)"
    );
    let _ = std::fs::remove_dir_all(&with);
    let _ = std::fs::remove_dir_all(&without);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, site, out] = &args[..]
        && flag == "--floor"
    {
        floor(Path::new(site), Path::new(out));
        return;
    }
    if let [_, flag, built, out] = &args[..]
        && flag == "--write-floor"
    {
        write_floor(Path::new(built), Path::new(out));
        return;
    }
    if let [_, flag, site] = &args[..]
        && flag == "--watch"
    {
        let watched = edit_to_served(Path::new(site));
        println!(
            "{} {} {} {}",
            watched.served.as_secs_f64(),
            watched.worst.as_secs_f64(),
            watched.rebuilt.as_secs_f64(),
            watched.indexed.as_secs_f64()
        );
        return;
    }
    let sizes: Vec<usize> = std::env::var("BULLETIN_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000,30000".to_owned())
        .split(',')
        .filter(|n| !n.trim().is_empty())
        .map(|n| n.trim().parse().expect("sizes are numbers"))
        .collect();
    let parent = std::env::var_os("BULLETIN_BENCH_DIR")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("/dev/shm")).filter(|p| p.is_dir()))
        .unwrap_or_else(std::env::temp_dir);
    let root = tempfile::tempdir_in(&parent).expect("a scratch folder");
    let bulletin = PathBuf::from(env!("CARGO_BIN_EXE_bulletin"));
    println!(
        "# bulletin build benchmark: {} cores, sites in {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        parent.display()
    );
    let photo_groups: Option<usize> = std::env::var("BULLETIN_BENCH_PHOTOS")
        .ok()
        .map(|n| n.trim().parse().expect("BULLETIN_BENCH_PHOTOS is a number"));
    let peers = peers::Peers::find(Path::new(env!("CARGO_MANIFEST_DIR")));
    println!(
        "peers: Hugo {}, Pagefind {}",
        peers
            .hugo
            .as_ref()
            .map_or("not found".into(), |p| p.display().to_string()),
        peers
            .pagefind
            .as_ref()
            .map_or("not found".into(), |p| p.display().to_string())
    );
    let measured: Vec<Measured> = sizes
        .iter()
        .map(|&n| bench(n, root.path(), &bulletin, &peers))
        .collect();
    for pair in measured.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        println!(
            "\n{} → {} groups ({:.1}x the articles): wall {:.2}x, max RSS {:.2}x",
            a.groups,
            b.groups,
            b.groups as f64 / a.groups as f64,
            b.build.wall.as_secs_f64() / a.build.wall.as_secs_f64(),
            b.build.max_rss as f64 / a.build.max_rss as f64
        );
    }
    if let Some(groups) = photo_groups {
        bench_photos(groups, root.path(), &bulletin);
    }
}
