//! Key figures read out of the sample articles, and `bulletin figures`.
//!
//! The expected figures were written by reading each article, not by running the
//! program: metric ("" where the text names none the bulletin tracks), value,
//! unit and status.

use std::path::Path;
use std::process::Command;

use bulletin::figures::Status::{self, Actual, Estimate, Target};
use bulletin::figures::{Found, Readers};

use crate::fixture::{Site, front};

fn found_in(path: &str) -> Vec<Found> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&file).unwrap();
    // The body: after the front matter's closing `+++` line.
    let (_, body) = text[3..].split_once("\n+++\n").unwrap();
    let lang = path.rsplit('.').nth(1).unwrap();
    Readers::built_in().get(lang).unwrap().figures(body)
}

fn assert_figures(path: &str, expected: &[(&str, f64, &str, Status)]) {
    let found: Vec<(String, f64, String, Status)> = found_in(path)
        .into_iter()
        .map(|f| {
            (
                f.metric.map(|m| m.to_string()).unwrap_or_default(),
                f.value,
                f.unit.unwrap_or_default(),
                f.status,
            )
        })
        .collect();
    let expected: Vec<(String, f64, String, Status)> = expected
        .iter()
        .map(|(m, v, u, s)| ((*m).to_owned(), *v, (*u).to_owned(), *s))
        .collect();
    assert_eq!(found, expected, "{path}");
}

/// The Binh Thuan plan: every figure is a goal for 2030, in English and in Arabic.
const PLAN_2030: &[(&str, f64, &str, Status)] = &[
    ("cooperatives", 5400.0, "", Target),
    ("members", 210_000.0, "", Target),
    ("cooperatives", 250.0, "", Target),
    ("members", 5000.0, "", Target),
    ("cooperative_unions", 2.0, "", Target),
    ("members", 40.0, "", Target),
    ("", 5.0, "%", Target),
    ("", 3.0, "%", Target),
    ("", 3.0, "%", Target),
    ("", 70.0, "%", Target),
    ("", 50.0, "%", Target),
    ("", 30.0, "%", Target),
];

#[test]
fn the_english_plan() {
    let path = "content/binh-thuan/collective-economy-plan-2030.en.md";
    assert_figures(path, PLAN_2030);
    let found = found_in(path);
    assert_eq!(found[0].note.as_deref(), Some("more than"));
    assert_eq!(found[0].as_of, Some(2030));
    assert_eq!(found[6].high, Some(6.0), "5 - 6%");
    assert!(
        found[2]
            .unsure
            .iter()
            .any(|u| u.contains("another `cooperatives`"))
    );
}

#[test]
fn the_arabic_plan_agrees_with_the_english() {
    let path = "content/binh-thuan/collective-economy-plan-2030.ar.md";
    assert_figures(path, PLAN_2030);
    let found = found_in(path);
    assert_eq!(found[1].note.as_deref(), Some("حوالي"), "210 ألف");
    assert_eq!(found[2].note.as_deref(), Some("ما يقرب من"));
    assert_eq!(found[4].quote, "اتحادين", "a dual counts two");
}

#[test]
fn the_arabic_review_of_quang_tri() {
    assert_figures(
        "content/quang-tri/collective-economy-review-2023.ar.md",
        &[
            // "advised more than 30 cooperatives": some cooperatives, not a total.
            ("", 30.0, "", Actual),
            ("loans", 9.45e9, "VND", Actual),
            ("loans", 14.5e9, "VND", Actual),
            ("cooperatives", 1981.0, "", Actual),
            ("cooperatives", 341.0, "", Actual),
            ("cooperative_unions", 2.0, "", Actual),
            ("members", 82_256.0, "", Actual),
            // "متوسط إيرادات التعاونيات": an average per cooperative, as the
            // Arabic says (the Vietnamese original meant cooperative groups),
            // and the amount after it, joined by "and", is another.
            ("avg_revenue_per_cooperative", 407e6, "VND", Estimate),
            ("avg_revenue_per_cooperative", 1.3e9, "VND", Estimate),
            ("new_cooperatives", 16.0, "", Actual),
            // Suspended.
            ("", 13.0, "", Actual),
            ("dissolved_cooperatives", 2.0, "", Actual),
        ],
    );
}

#[test]
fn the_indonesian_tasks_of_ha_tinh() {
    assert_figures(
        "content/ha-tinh/collective-economy-tasks-2024.id.md",
        &[
            ("cooperative_groups", 2579.0, "", Actual),
            ("cooperative_unions", 3.0, "", Actual),
            ("cooperatives", 1025.0, "", Actual),
            ("members", 73_691.0, "", Actual),
            ("new_cooperatives", 35.0, "", Actual),
            ("dissolved_cooperatives", 27.0, "", Actual),
            // Two cooperatives approved for a project.
            ("", 2.0, "", Actual),
            ("budget", 29.1e9, "VND", Actual),
            ("", 40.6, "%", Actual),
            ("", 23.0, "%", Actual),
            // One district's ("Distrik Cam Xuyen"): printed commented out.
            ("", 128.0, "", Actual),
            ("new_cooperatives", 20.0, "", Target),
            ("", 50.0, "%", Target),
        ],
    );
    let found = found_in("content/ha-tinh/collective-economy-tasks-2024.id.md");
    assert_eq!(found[11].high, Some(30.0), "20-30 koperasi baru");
    assert_eq!(found[11].as_of, Some(2024));
}

#[test]
fn the_russian_conference() {
    assert_figures(
        "content/ninh-binh/cooperative-union-conference-2023.ru.md",
        &[
            ("cooperatives", 504.0, "", Actual),
            // Those in value chains; the "37 more than in 2022" between is a change, left out.
            ("cooperatives", 77.0, "", Actual),
            ("cooperative_unions", 2.0, "", Actual),
            ("", 75.0, "%", Target),
            ("new_cooperatives", 25.0, "", Target),
            ("cooperative_groups", 20.0, "", Target),
            // Those to use the support policies.
            ("", 25.0, "", Target),
        ],
    );
    let found = found_in("content/ninh-binh/cooperative-union-conference-2023.ru.md");
    assert_eq!(found[0].as_of, Some(2023), "as of 15 December 2023");
    assert!(!found[1].unsure.is_empty(), "77 is flagged for a look");
}

#[test]
fn the_figures_command_prints_front_matter_that_builds() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("Ha Tinh", "en", "2024-02-20", "ha-tinh"),
        "## Results\n\nThe province has 2,579 cooperative groups and 1,025 cooperatives \
         with 73,691 members; it dissolved 27 cooperatives and has 9.45 billion VND in loans \
         and 29 projects.",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["figures", "--root"])
        .arg(site.root())
        .arg(site.root().join("content/ha-tinh/a.en.md"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("# line 10: «2,579 cooperative groups»"),
        "{text}"
    );
    let table: toml::Table = toml::from_str(&text).unwrap();
    let figures = table["figures"].as_array().unwrap();
    let read: Vec<(&str, f64)> = figures
        .iter()
        .map(|f| {
            let value = f["value"]
                .as_float()
                .or_else(|| f["value"].as_integer().map(|i| i as f64))
                .unwrap();
            (f["metric"].as_str().unwrap(), value)
        })
        .collect();
    assert_eq!(
        read,
        [
            ("cooperative_groups", 2579.0),
            ("cooperatives", 1025.0),
            ("members", 73_691.0),
            ("dissolved_cooperatives", 27.0),
            ("loans", 9.45e9),
        ]
    );

    // Pasted into the front matter, it builds and the page shows the figures.
    site.article(
        "ha-tinh/a.en.md",
        &format!(
            "{}\n\n{text}",
            front("Ha Tinh", "en", "2024-02-20", "ha-tinh")
        ),
        "The province has 2,579 cooperative groups.",
    );
    site.build_ok();
    assert_eq!(
        site.page("/en/2024/a/").count("table.key-figures tbody tr"),
        5
    );
}

#[test]
fn a_site_adds_a_language_with_a_data_file() {
    let site = Site::new();
    let file = site.root().join("note.fr.md");
    std::fs::write(&file, "La province compte 1 234 coopératives.").unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(["figures", "--root"])
            .arg(site.root())
            .arg(&file)
            .output()
            .unwrap()
    };

    site.write(
        "figures/fr.toml",
        "[numbers]\ngroup = [\" \"]\ndecimal = \",\"\n",
    );
    let output = run();
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(!output.status.success());
    assert!(err.contains("figures/fr.toml:3"), "{err}");

    site.write(
        "figures/fr.toml",
        "[numbers]\ngroup = [\" \"]\ndecimal = [\",\"]\n\n[metrics]\n\"coopérative\" = \"cooperatives\"\n",
    );
    let output = run();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success());
    assert!(
        text.contains("metric = \"cooperatives\"\nvalue = 1234\n"),
        "{text}"
    );
}

/// `path:line` of the first line of `content/<path>` containing `needle`.
fn position_of(site: &Site, path: &str, needle: &str) -> String {
    let text = std::fs::read_to_string(site.root().join("content").join(path)).unwrap();
    let line = text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    format!("content/{path}:{line}")
}

fn figure(metric: &str, value: u64) -> String {
    format!("\n[[figures]]\nmetric = \"{metric}\"\nvalue = {value}\n")
}

/// An English article whose `cooperatives` figure is a typo (the text says 68), and
/// its Arabic translation whose `members` figure disagrees with the English one.
/// Both write 210,000 workers, the Arabic as `210 ألف`: that agrees.
fn site_with_doubtful_figures() -> Site {
    let site = Site::new();
    site.article(
        "ha-tinh/plan.en.md",
        &format!(
            "{}{}{}{}",
            front("Plan", "en", "2024-02-20", "ha-tinh"),
            figure("cooperatives", 66),
            figure("members", 5400),
            figure("workers", 210_000),
        ),
        "The province has 68 cooperatives with 5,400 members and 210,000 workers.",
    );
    site.article(
        "ha-tinh/plan.ar.md",
        &format!(
            "{}{}{}{}",
            front("الخطة", "ar", "2024-02-20", "ha-tinh"),
            figure("cooperatives", 68),
            figure("members", 5040),
            figure("workers", 210_000),
        ),
        "تضم المقاطعة 68 جمعية تعاونية و5040 عضوًا و210 ألف عامل.",
    );
    site
}

fn bulletin(args: &[&str], site: &Site) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_wrong_figure_and_a_disagreeing_translation_are_reported_with_file_and_line() {
    let site = site_with_doubtful_figures();
    let typo = position_of(&site, "ha-tinh/plan.en.md", "value = 66");
    let english_members = position_of(&site, "ha-tinh/plan.en.md", "value = 5400");
    let arabic_members = position_of(&site, "ha-tinh/plan.ar.md", "value = 5040");
    let arabic_cooperatives = position_of(&site, "ha-tinh/plan.ar.md", "value = 68");

    let (ok, out, err) = bulletin(&["check"], &site);
    assert!(ok, "warnings do not fail a check: {err}");
    assert!(out.contains("3 warnings"), "{out}");
    assert!(
        err.contains(
            "warning: the figure `cooperatives = 66` does not occur in this article's text"
        ) && err.contains(&format!("{typo}:"))
            && err.contains("the nearest number in the text is 68"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{arabic_members}:"))
            && err.contains(&format!(
                "`members` figure 5040 disagrees with 5400 in {english_members}"
            )),
        "{err}"
    );
    // The Arabic 68 matches its own text, and disagrees with the English typo.
    assert!(
        err.contains(&format!("{arabic_cooperatives}:"))
            && err.contains(&format!(
                "`cooperatives` figure 68 disagrees with 66 in {typo}"
            )),
        "{err}"
    );
    // 210 ألف and 210,000 agree: nothing else is reported.
    assert_eq!(err.matches("warning:").count(), 3, "{err}");

    let (ok, _, err) = bulletin(&["check", "--strict"], &site);
    assert!(!ok, "--strict fails on warnings");
    assert!(
        err.contains(&typo) && err.contains("3 problems found"),
        "{err}"
    );

    let report = site.build_ok();
    assert_eq!(report.warnings.len(), 3);
    assert!(report.to_string().contains("3 warnings"));
}

#[test]
fn check_suggests_the_figures_a_table_lacks() {
    let site = site_with_doubtful_figures();
    site.article(
        "quang-tri/loans.en.md",
        &format!(
            "{}{}",
            front("Loans", "en", "2023-05-01", "quang-tri"),
            figure("cooperatives", 130)
        ),
        "The 130 cooperatives received loans of 9.45 billion VND.\n\nThey have 4,200 members.",
    );
    let (ok, out, _) = bulletin(&["check", "--suggest"], &site);
    assert!(ok);
    let files: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("# content/"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert!(files.len() > 1 && files.is_sorted(), "file by file: {out}");
    let suggested = out
        .split("# content/quang-tri/loans.en.md: 2 figures of the text are not in its table")
        .nth(1)
        .unwrap_or_else(|| panic!("{out}"));
    // Up to the next file's suggestions, or the summary after the last.
    let section = suggested
        .split("\n# content/")
        .next()
        .and_then(|s| s.split("\nchecked ").next())
        .unwrap();
    let table: toml::Table = toml::from_str(section).unwrap();
    let figures = table["figures"].as_array().unwrap();
    let pairs: Vec<(&str, f64)> = figures
        .iter()
        .map(|f| {
            let value = &f["value"];
            let value = value.as_float().or(value.as_integer().map(|i| i as f64));
            (f["metric"].as_str().unwrap(), value.unwrap())
        })
        .collect();
    assert_eq!(pairs, [("loans", 9.45e9), ("members", 4200.0)]);
    // The English 68 cooperatives, in its table as 66, is offered too: it is not there.
    let typo_line = position_of(&site, "ha-tinh/plan.en.md", "68 cooperatives");
    let typo_line = typo_line.rsplit(':').next().unwrap();
    assert!(
        out.contains(&format!("# line {typo_line}: «68 cooperatives»")),
        "{out}"
    );
    // The value under any metric counts as present.
    assert!(!out.contains("«5,400 members»"), "{out}");
}

/// Ha Tinh reports cooperatives for 2022 and 2023 and a target for 2025, and
/// members for 2023 only; in English, and the newest article in Arabic too.
fn site_with_history() -> Site {
    let site = Site::new();
    let with = |figures: &[(&str, u64, &str)]| -> String {
        figures
            .iter()
            .map(|(metric, value, status)| {
                format!(
                    "\n[[figures]]\nmetric = \"{metric}\"\nvalue = {value}\nstatus = \"{status}\"\n"
                )
            })
            .collect()
    };
    site.article(
        "ha-tinh/review-2022.en.md",
        &format!(
            "{}{}",
            front("Review 2022", "en", "2022-12-01", "ha-tinh"),
            with(&[("cooperatives", 300, "actual")])
        ),
        "Ha Tinh has 300 cooperatives.",
    );
    site.article(
        "ha-tinh/review-2023.en.md",
        &format!(
            "{}{}",
            front("Review 2023", "en", "2023-12-01", "ha-tinh"),
            with(&[
                ("cooperatives", 341, "actual"),
                ("members", 5400, "actual"),
                ("cooperatives", 400, "target"),
            ])
        ),
        "Ha Tinh has 341 cooperatives with 5,400 members, and aims at 400.",
    );
    // The target's year.
    let target = site.root().join("content/ha-tinh/review-2023.en.md");
    let text = std::fs::read_to_string(&target).unwrap();
    std::fs::write(
        &target,
        text.replace(
            "value = 400\nstatus = \"target\"",
            "value = 400\nstatus = \"target\"\nas_of = \"2025\"",
        ),
    )
    .unwrap();
    site.article(
        "ha-tinh/review-2023.ar.md",
        "title = \"مراجعة 2023\"\nlanguage = \"ar\"",
        "تضم ها تينه 341 جمعية تعاونية و5400 عضو، وتهدف إلى 400.",
    );
    site
}

/// The chart of `metric` on a province page, parsed as XML.
fn chart_of(html: &str, metric: &str) -> Option<String> {
    let start = html.find(&format!("aria-labelledby=\"chart-{metric}-title"))?;
    let start = html[..start].rfind("<svg")?;
    let end = start + html[start..].find("</svg>")? + "</svg>".len();
    Some(html[start..end].to_owned())
}

#[test]
fn a_year_cell_shows_the_newest_report_of_each_status() {
    let site = site_with_history();
    // An earlier report of 2023, and one more target for 2025, neither the newest.
    site.article(
        "ha-tinh/mid-2023.en.md",
        &format!(
            "{}\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 320\n\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 390\nstatus = \"target\"\nas_of = \"2025\"\n",
            front("Mid-year 2023", "en", "2023-06-01", "ha-tinh")
        ),
        "Ha Tinh has 320 cooperatives and aims at 390.",
    );
    site.build_ok();
    let page = site.page("en/provinces/ha-tinh/");
    assert_eq!(
        page.texts(".over-time thead th"),
        ["Indicator", "2022", "2023", "2025"]
    );
    let cooperatives = ".over-time tbody tr:nth-child(1)";
    assert_eq!(
        page.texts(&format!("{cooperatives} td")),
        ["300", "341", "400 target"]
    );
    assert_eq!(
        page.attrs(&format!("{cooperatives} td a"), "href"),
        [
            "/en/2022/review-2022/",
            "/en/2023/review-2023/",
            "/en/2023/review-2023/"
        ]
    );
}

#[test]
fn province_pages_chart_each_metric_reported_for_two_years() {
    let site = site_with_history();
    site.build_ok();
    let html = std::fs::read_to_string(site.file("/en/provinces/ha-tinh/")).unwrap();
    assert!(chart_of(&html, "members").is_none(), "one year: no chart");
    let svg = chart_of(&html, "cooperatives").expect("a chart of cooperatives");
    let doc = roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("role"), Some("img"));

    let class_is = |n: &roxmltree::Node, class: &str| n.attribute("class") == Some(class);
    let points: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .map(|g| {
            let label = g
                .children()
                .find(|c| c.has_tag_name("text"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_owned();
            (g.attribute("class").unwrap().to_owned(), label)
        })
        .collect();
    assert_eq!(
        points,
        [
            ("point actual".to_owned(), "300".to_owned()),
            ("point actual".to_owned(), "341".to_owned()),
            ("point target".to_owned(), "400".to_owned()),
        ],
        "one point per year and status"
    );
    let years: Vec<&str> = doc
        .descendants()
        .filter(|n| class_is(n, "year"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(years, ["2022", "2023", "2025"]);
    assert_eq!(
        doc.descendants()
            .filter(|n| class_is(n, "line target"))
            .count(),
        1,
        "the target is joined to the last actual value by its own line"
    );
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(
        desc,
        "Cooperatives by year: 2022: 300; 2023: 341; 2025: 400 (target)."
    );

    // In Arabic: the labels and the text alternative in Arabic, time from right to left.
    let html = std::fs::read_to_string(site.file("/ar/provinces/ha-tinh/")).unwrap();
    let svg = chart_of(&html, "cooperatives").expect("a chart in Arabic");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let years: Vec<(&str, f64)> = doc
        .descendants()
        .filter(|n| class_is(n, "year"))
        .map(|n| {
            (
                n.text().unwrap(),
                n.attribute("x").unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years.iter().map(|(y, _)| *y).collect::<Vec<_>>(),
        ["٢٠٢٢", "٢٠٢٣", "٢٠٢٥"]
    );
    assert!(
        years.windows(2).all(|w| w[0].1 > w[1].1),
        "later years to the left: {years:?}"
    );
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        desc.starts_with("التعاونيات حسب السنة: ")
            && desc.contains("٣٤١")
            && desc.contains("مستهدف"),
        "{desc}"
    );
    assert_eq!(root_attr(&doc, "direction"), Some("rtl"));
}

fn root_attr<'a>(doc: &'a roxmltree::Document, name: &str) -> Option<&'a str> {
    doc.root_element().attribute(name)
}

#[test]
fn the_figures_page_compares_the_latest_actual_values_of_every_province() {
    let site = site_with_history();
    site.build_ok();
    let page = site.page("/en/figures/");
    assert_eq!(
        page.texts("table.comparison thead th"),
        ["Province", "Cooperatives", "Members"]
    );
    assert_eq!(
        page.texts("table.comparison tbody th"),
        ["Binh Thuan", "Ha Tinh", "Quang Tri"]
    );
    assert_eq!(
        page.attrs("table.comparison tbody th a", "href"),
        [
            "/en/provinces/binh-thuan/",
            "/en/provinces/ha-tinh/",
            "/en/provinces/quang-tri/"
        ]
    );
    // The 2023 actual value, not the 2022 one nor the 2025 target.
    assert_eq!(
        page.texts("table.comparison tbody tr:nth-child(2) td"),
        ["341 2023", "5,400 2023"]
    );
    assert_eq!(
        page.attr("table.comparison tbody tr:nth-child(2) td a", "href"),
        "/en/2023/review-2023/"
    );
    assert_eq!(
        page.texts("table.comparison tbody tr:nth-child(1) td"),
        ["", ""]
    );
    assert_eq!(
        page.attrs(".data-links a", "href"),
        ["/figures.csv", "/figures.json"]
    );
    assert_eq!(
        page.attr(".site-nav a[href='/en/figures/']", "href"),
        "/en/figures/"
    );

    let page = site.page("/ar/figures/");
    assert_eq!(
        page.texts("table.comparison thead th"),
        ["المقاطعة", "التعاونيات", "الأعضاء"]
    );
    assert_eq!(
        page.texts("table.comparison tbody tr:nth-child(2) td"),
        ["٣٤١ ٢٠٢٣", "٥٬٤٠٠ ٢٠٢٣"]
    );
}

#[test]
fn every_figure_is_published_once_as_csv_and_json_with_labels_in_every_language() {
    let site = site_with_history();
    site.build_ok();
    // One data set for the site, not one per language.
    for code in ["en", "ar", "vi", "id", "ru"] {
        assert!(!site.exists(&format!("/{code}/figures.csv")), "{code}");
        assert!(!site.exists(&format!("/{code}/figures.json")), "{code}");
    }

    let csv_text = std::fs::read_to_string(site.file("/figures.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    for field in [
        "province",
        "date",
        "metric",
        "value",
        "unit",
        "status",
        "article_url",
    ] {
        assert!(header.iter().any(|h| h == field), "{field} in {header:?}");
    }
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let summary: Vec<(&str, &str, &str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                &r[column("province")],
                &r[column("date")],
                &r[column("metric")],
                &r[column("value")],
                &r[column("status")],
                &r[column("article_url")],
            )
        })
        .collect();
    let url_2023 = "https://example.org/en/2023/review-2023/";
    let url_2022 = "https://example.org/en/2022/review-2022/";
    assert_eq!(
        summary,
        [
            (
                "ha-tinh",
                "2023-12-01",
                "cooperatives",
                "341",
                "actual",
                url_2023
            ),
            (
                "ha-tinh",
                "2023-12-01",
                "members",
                "5400",
                "actual",
                url_2023
            ),
            (
                "ha-tinh",
                "2023-12-01",
                "cooperatives",
                "400",
                "target",
                url_2023
            ),
            (
                "ha-tinh",
                "2022-12-01",
                "cooperatives",
                "300",
                "actual",
                url_2022
            ),
        ]
    );
    assert_eq!(&rows[2][column("as_of")], "2025");
    // The labels in every language, a column each.
    assert_eq!(&rows[0][column("province_name_ar")], "ها تينه");
    assert_eq!(&rows[0][column("province_name_vi")], "Hà Tĩnh");
    assert_eq!(&rows[0][column("metric_label_ar")], "التعاونيات");
    assert_eq!(&rows[0][column("metric_label_en")], "Cooperatives");

    // The JSON: the same rows, the labels as objects by language.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.file("/figures.json")).unwrap())
            .unwrap();
    assert_eq!(
        json["languages"],
        serde_json::json!(["en", "ar", "id", "ru", "vi"])
    );
    let figures = json["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 4);
    assert_eq!(figures[0]["province_name"]["ar"], "ها تينه");
    assert_eq!(figures[0]["metric_label"]["ar"], "التعاونيات");
    assert_eq!(figures[0]["metric_label"]["en"], "Cooperatives");
    assert_eq!(figures[0]["value"], 341);
    assert_eq!(figures[0]["article_language"], "en");
    assert_eq!(figures[0]["article_url"], url_2023);
    assert_eq!(figures[3]["article_url"], url_2022);
    assert!(figures[0]["unit"].is_null());
}

#[test]
fn a_language_without_figure_words_gets_every_number_commented_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("article.md");
    std::fs::write(
        &file,
        "У 2024 році в провінції діяли 1 250 кооперативів, які об'єднували 38 500 членів.\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["figures", "--lang", "uk"])
        .arg(&file)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Every number but the year, none proposed as an entry.
    assert!(text.contains("# value = 1250"), "{text}");
    assert!(text.contains("# value = 38500"), "{text}");
    assert!(!text.contains("\nmetric = "), "{text}");
    assert!(text.contains("no figure words for `uk`"), "{text}");
    // And how to teach it the language's words.
    assert!(text.contains("figures/uk.toml"), "{text}");
}

#[test]
fn a_plain_text_is_read_on_the_date_and_in_the_province_given() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wire.txt");
    std::fs::write(
        &file,
        "Neighbouring Quang Ngai has 218 cooperatives. In 2026 Quang Nam will set up 40 new cooperatives.\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(["figures", "--lang", "en"])
            .args(extra)
            .arg(&file)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let output = run(&["--date", "2025-03-01", "--province", "quang-nam"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Quang Ngai's count is not the article's; 2026 is after the article's date.
    assert!(text.contains("# value = 218"), "{text}");
    assert!(text.contains("`quang-ngai`'s figure"), "{text}");
    assert!(
        text.contains("metric = \"new_cooperatives\"\nvalue = 40\nstatus = \"target\""),
        "{text}"
    );
    // A date that is none is refused, saying how to write one.
    let output = run(&["--date", "2025-13-01"]);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("--date 2025-13-01") && error.contains("YYYY-MM-DD"),
        "{error}"
    );
}
