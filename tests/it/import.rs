//! `bulletin import` on the five texts the sample articles were made from
//! (`tests/wire/`, as pasted from the portals), in a copy of the sample site
//! without its articles, against what the sample articles say (written by
//! hand), and on short, mixed and misleading texts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A copy of the sample site (configuration, templates, static files), with
/// an empty `content/`.
fn sample_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
    for folder in ["templates", "static"] {
        crate::fixture::copy_tree(&repo.join(folder), &dir.path().join(folder));
    }
    std::fs::create_dir(dir.path().join("content")).unwrap();
    dir
}

fn wire(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wire");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap()
}

fn import(site: &Path, args: &[&str], files: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("import")
        .args(args)
        .args(files)
        .current_dir(site)
        .output()
        .unwrap()
}

/// The slug of the one article in `content/<folder>/`.
fn slug_in(site: &Path, folder: &str) -> String {
    let path = walkdir::WalkDir::new(site.join("content").join(folder))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    name.split('.').next().unwrap().to_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The front matter of the article at `path` (comments dropped) and its body.
fn article(path: &Path) -> (toml::Table, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let (front, body) = text[4..].split_once("\n+++\n").unwrap();
    (toml::from_str(front).unwrap(), body.to_owned())
}

/// The words of a text, for comparing what was kept.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_start_matches('#').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Each seed, imported, against the sample article written from it by hand:
/// file (from `content/`), language, province (none where the text never
/// names it), date, author.
/// (seed, sample article, language, province, date, author)
type Seed = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

const SEEDS: &[Seed] = &[
    (
        "000",
        "binh-thuan/collective-economy-plan-2030.ar.md",
        "ar",
        Some("binh-thuan"),
        None,
        None,
    ),
    (
        "001",
        "quang-tri/collective-economy-review-2023.ar.md",
        "ar",
        None,
        Some("2024-02-20"),
        Some("ها ترانج"),
    ),
    (
        "002",
        "binh-thuan/collective-economy-plan-2030.en.md",
        "en",
        Some("binh-thuan"),
        None,
        None,
    ),
    (
        "003",
        "ha-tinh/collective-economy-tasks-2024.id.md",
        "id",
        Some("ha-tinh"),
        Some("2024-02-20"),
        Some("Thu Phuong"),
    ),
    (
        "004",
        "ninh-binh/cooperative-union-conference-2023.ru.md",
        "ru",
        None,
        Some("2024-01-16"),
        Some("Тьен Дат-Хоанг Хиеп"),
    ),
];

#[test]
fn each_seed_becomes_the_article_written_from_it() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for &(seed, sample, lang, province, date, author) in SEEDS {
        let site = sample_site();
        let output = import(site.path(), &[], &[wire(seed)]);
        let report = stdout(&output);
        // Written where its province says, or left to the editor with a
        // non-zero exit and the reason.
        let folder = province.unwrap_or("unsorted");
        let written: Vec<PathBuf> = walkdir::WalkDir::new(site.path().join("content").join(folder))
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        assert_eq!(written.len(), 1, "{seed}: {report}");
        let (front, body) = article(&written[0]);
        assert_eq!(front["language"].as_str(), Some(lang), "{seed}");
        assert_eq!(
            front.get("province").and_then(|p| p.as_str()),
            province,
            "{seed}"
        );
        assert_eq!(
            front.get("date").map(|d| d.to_string()).as_deref(),
            date,
            "{seed}"
        );
        assert_eq!(
            front.get("author").and_then(|a| a.as_str()),
            author,
            "{seed}"
        );
        if province.is_none() {
            assert_eq!(output.status.code(), Some(2), "{seed}: {report}");
            assert!(
                report.contains("to do: the province: the text names no province"),
                "{report}"
            );
        }
        // The text, word for word, as the sample article has it (its headings
        // included); nothing of the article's own text dropped or changed.
        let (_, sample_body) = article(&repo.join("content").join(sample));
        assert_eq!(words(&body), words(&sample_body), "{seed}");
        let headings = |b: &str| {
            b.lines()
                .filter(|l| l.starts_with("## "))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(headings(&body), headings(&sample_body), "{seed}");
        // Its figures: every one of the sample's table that has a built-in
        // metric, except where the editor knew more than the text says.
        let (sample_front, _) = article(&repo.join("content").join(sample));
        let proposed = figures(&front);
        for figure in figures(&sample_front) {
            let known_beyond_the_text =
                EDITORS_KNOWLEDGE.contains(&(seed, figure.0.as_str(), figure.1));
            if bulletin::figures::BUILTIN_METRICS.contains(&figure.0.as_str())
                && !known_beyond_the_text
            {
                assert!(
                    proposed.contains(&figure),
                    "{seed}: {figure:?} not in {proposed:?}"
                );
            }
        }
    }
}

/// Figures of the sample tables the texts do not state as such: the
/// translations say "cooperatives" where the Vietnamese originals count
/// cooperative groups.
const EDITORS_KNOWLEDGE: &[(&str, &str, f64)] = &[
    ("000", "cooperative_groups", 5400.0),
    ("002", "cooperative_groups", 5400.0),
    ("001", "cooperative_groups", 1981.0),
];

/// The (metric, value, status) of a front matter's `[[figures]]`.
fn figures(front: &toml::Table) -> Vec<(String, f64, String)> {
    front
        .get("figures")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .map(|f| {
            let value = &f["value"];
            (
                f["metric"].as_str().unwrap().to_owned(),
                value
                    .as_float()
                    .unwrap_or_else(|| value.as_integer().unwrap() as f64),
                f["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn told_what_their_texts_cannot_tell_the_five_seeds_build_a_site() {
    let site = sample_site();
    let run = |args: &[&str], seed: &str| {
        let output = import(site.path(), args, &[wire(seed)]);
        assert!(output.status.success(), "{seed}: {}", stdout(&output));
    };
    run(&[], "003");
    // 001 and 004 never name their province; 001's title is Arabic.
    run(&["--province", "quang-tri", "--slug", "review-2023"], "001");
    run(&["--province", "ninh-binh"], "004");
    // 002 gives no day of its own; 000 is its Arabic version.
    run(&["--date", "2023"], "002");
    let slug = slug_in(site.path(), "binh-thuan");
    run(&["--translation-of", &slug], "000");
    let check = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("check")
        .current_dir(site.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stderr).into_owned() + &stdout(&check);
    assert!(check.status.success(), "{said}");
    assert!(
        said.contains("checked 5 articles") && said.contains("no problems"),
        "{said}"
    );
    // 001 with its province: the figures of the sample's table.
    let (front, _) = article(&site.path().join("content/quang-tri/review-2023.ar.md"));
    let values: Vec<f64> = figures(&front).into_iter().map(|(_, v, _)| v).collect();
    for expected in [14.5e9, 341.0, 82_256.0, 16.0, 2.0] {
        assert!(values.contains(&expected), "{expected} in {values:?}");
    }
}

#[test]
fn the_two_languages_of_one_article_are_reported_as_translations() {
    let site = sample_site();
    let output = import(site.path(), &["--dry-run"], &[wire("000"), wire("002")]);
    let report = stdout(&output);
    assert!(
        report.contains(
            "002_bf9ae10b1ec22509.txt: probably a translation of content/binh-thuan/imported-000"
        ),
        "{report}"
    );
    // A dry run writes nothing.
    assert_eq!(
        std::fs::read_dir(site.path().join("content"))
            .unwrap()
            .count(),
        0
    );
    // Filed as the other language of an article, it takes its slug and
    // inherits its date and province.
    let output = import(site.path(), &[], &[wire("002")]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "no date: {}",
        stdout(&output)
    );
    let slug = slug_in(site.path(), "binh-thuan");
    let output = import(site.path(), &["--translation-of", &slug], &[wire("000")]);
    let ar = site.path().join(format!("content/binh-thuan/{slug}.ar.md"));
    assert!(ar.is_file(), "{}", stdout(&output));
    let (front, _) = article(&ar);
    assert!(front.get("province").is_none() && front.get("date").is_none());
}

#[test]
fn an_existing_article_is_never_overwritten_without_force_and_a_bad_file_stops_no_other() {
    let site = sample_site();
    assert!(import(site.path(), &[], &[wire("003")]).status.success());
    let missing = site.path().join("missing.txt");
    let output = import(site.path(), &[], &[wire("003"), missing.clone()]);
    let report = stdout(&output);
    assert_ne!(output.status.code(), Some(0));
    assert!(
        report.contains("already exists") && report.contains("--force"),
        "{report}"
    );
    assert!(report.contains("missing.txt: not imported"), "{report}");
    // --force rewrites it; the missing file is still reported.
    let output = import(site.path(), &["--force"], &[wire("003")]);
    assert!(output.status.success(), "{}", stdout(&output));
}

#[test]
fn a_text_too_short_or_in_a_language_the_site_lacks_asks_for_lang() {
    let site = sample_site();
    let short = site.path().join("short.txt");
    std::fs::write(&short, "Hai dòng ngắn.\nNguồn\n").unwrap();
    let ukrainian = site.path().join("uk.txt");
    std::fs::write(
        &ukrainian,
        "У 2023 році в провінції діяли 412 кооперативів, які об'єднували понад 38 тисяч членів, \
         більше ніж роком раніше, і їхні доходи зросли на п'ять відсотків.\n",
    )
    .unwrap();
    let output = import(site.path(), &[], &[short.clone(), ukrainian]);
    let report = stdout(&output);
    assert!(
        report.contains("short.txt: not imported") && report.contains("--lang"),
        "{report}"
    );
    assert!(
        report.contains("uk.txt: not imported") && report.contains("not a language of this site"),
        "{report}"
    );
    // Told its language, the short text is imported.
    let output = import(
        site.path(),
        &[
            "--lang",
            "vi",
            "--province",
            "ha-tinh",
            "--date",
            "2024-03-01",
        ],
        &[short],
    );
    assert!(output.status.success(), "{}", stdout(&output));
}

#[test]
fn a_province_is_found_by_its_arabic_and_cyrillic_names_and_not_by_a_title() {
    let site = sample_site();
    let ru = site.path().join("ru.txt");
    std::fs::write(
        &ru,
        "В провинции Куангчи в 2024 году действовали 284 кооператива. Председатель народного \
         комитета провинции Хатинь поздравил коллег. Кооперативы Куангчи увеличили выручку.\n",
    )
    .unwrap();
    let ar = site.path().join("ar.txt");
    std::fs::write(
        &ar,
        "تضم مقاطعة كوانغ تري 284 تعاونية في عام 2024، وقد زاد عدد أعضائها مقارنة بالعام السابق، \
         وفق ما أعلنه اتحاد التعاونيات في المقاطعة.\n",
    )
    .unwrap();
    let output = import(
        site.path(),
        &["--dry-run", "--date", "2024-05-01"],
        &[ru, ar.clone()],
    );
    let report = stdout(&output);
    assert!(
        report.contains("ru.txt: would write content/quang-tri/"),
        "{report}"
    );
    let output = import(
        site.path(),
        &["--dry-run", "--date", "2024-05-01", "--slug", "kt"],
        &[ar],
    );
    let report = stdout(&output);
    assert!(
        report.contains("ar.txt: would write content/quang-tri/kt.ar.md"),
        "{report}"
    );
}

#[test]
fn a_province_that_had_ended_by_the_article_s_day_names_its_successor() {
    let site = sample_site();
    let text = site.path().join("2026.txt");
    std::fs::write(
        &text,
        "In 2026 the cooperatives of Binh Thuan set up 12 new cooperatives, and the province's \
         cooperative alliance opened two offices for their members.\n",
    )
    .unwrap();
    let output = import(
        site.path(),
        &["--dry-run", "--date", "2026-03-02"],
        std::slice::from_ref(&text),
    );
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(2), "{report}");
    assert!(
        report.contains("binh-thuan ended on 2025-07-01") && report.contains("is lam-dong"),
        "{report}"
    );
    // Before the merger it is simply Binh Thuan.
    let output = import(site.path(), &["--dry-run", "--date", "2024-03-02"], &[text]);
    assert!(output.status.success(), "{}", stdout(&output));
}
