//! Provinces over time: a site taking the built-in registry, and articles
//! that name a province after it ended.

use crate::fixture::{CONFIG, Site, front};

/// [`CONFIG`] over the built-in registry of Vietnam's provinces.
fn registry_site() -> Site {
    Site::with_config(&CONFIG.replace(
        "per_page = 2",
        "per_page = 2\nprovince_registry = \"vietnam\"",
    ))
}

#[test]
fn an_article_dated_after_its_province_ended_is_a_warning_naming_the_successor() {
    let site = registry_site();
    reporting(&site, "binh-thuan", "after", "2025-08-10", &[]);
    reporting(&site, "binh-thuan", "before", "2025-06-30", &[]);
    // A province that continues keeps no warning, before or after.
    reporting(&site, "lam-dong", "today", "2025-08-10", &[]);
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.render_warning()).collect();
    assert_eq!(warnings.len(), 1, "{}", warnings.join("\n"));
    let warning = &warnings[0];
    assert!(warning.contains("after.en.md:5:"), "{warning}");
    assert!(
        warning.contains(
            "the article is dated 2025-08-10, after its province ended: `binh-thuan` became part of `lam-dong` on 2025-07-01"
        ),
        "{warning}"
    );
    assert!(warning.contains("province = \"lam-dong\""), "{warning}");
    // The article keeps the province it names.
    assert!(site.exists("/en/provinces/binh-thuan/"));
    assert!(
        site.page("/en/provinces/binh-thuan/")
            .texts(".item-title")
            .contains(&"after".to_owned())
    );
}

#[test]
fn a_translation_inheriting_the_date_gets_the_warning_once() {
    let site = registry_site();
    site.article(
        "quang-binh/a.en.md",
        &front("A", "en", "2026-02-01", "quang-binh"),
        "x",
    );
    site.article(
        "quang-binh/a.vi.md",
        "title = \"A\"\nlanguage = \"vi\"",
        "x",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.render_warning()).collect();
    assert_eq!(warnings.len(), 1, "{}", warnings.join("\n"));
    assert!(
        warnings[0].contains("`quang-binh` became part of `quang-tri` on 2025-07-01"),
        "{}",
        warnings[0]
    );
}

#[test]
fn a_former_province_s_page_says_what_it_became_in_every_language() {
    let site = registry_site();
    site.article(
        "binh-thuan/a.en.md",
        &front("A", "en", "2024-05-01", "binh-thuan"),
        "x",
    );
    site.build_ok();
    // The date in each language's words and digits, and the successor's
    // name in that language (the registry's English one where the site
    // gives none).
    let expected = [
        (
            "en",
            "On July 1, 2025 this province became part of Lam Dong.",
        ),
        (
            "vi",
            "Từ ngày 1 tháng 7 2025, địa phương này được hợp nhất vào Lâm Đồng.",
        ),
        ("ar", "في ١ يوليو ٢٠٢٥ أصبحت هذه المحافظة جزءًا من Lam Dong."),
        (
            "id",
            "Pada 1 Juli 2025 provinsi ini menjadi bagian dari Lam Dong.",
        ),
        (
            "ru",
            "1 июля 2025\u{202f}г. эта провинция вошла в состав: Lam Dong.",
        ),
    ];
    for (lang, sentence) in expected {
        let page = site.page(&format!("/{lang}/provinces/binh-thuan/"));
        assert_eq!(page.text(".history-became"), sentence, "{lang}");
        assert_eq!(
            page.attr(".history-became a", "href"),
            format!("/{lang}/provinces/lam-dong/"),
            "{lang}"
        );
        // The switcher and hreflang still lead to this page in the others.
        let alternates = page.attrs("link[rel=alternate][hreflang]", "href");
        let switcher = page.attrs(".switcher a", "href");
        for other in ["en", "vi", "ar", "id", "ru"] {
            let there = format!("/{other}/provinces/binh-thuan/");
            assert!(
                alternates.contains(&format!("https://example.org{there}")),
                "{lang}: {alternates:?}"
            );
            assert!(
                other == lang || switcher.contains(&there),
                "{lang}: {switcher:?}"
            );
        }
        let lam_dong = site.page(&format!("/{lang}/provinces/lam-dong/"));
        let merged = lam_dong.attrs(".history-merged a", "href");
        assert_eq!(
            merged,
            [
                format!("/{lang}/provinces/binh-thuan/"),
                format!("/{lang}/provinces/dak-nong/")
            ],
            "{lang}"
        );
    }
    // A province the reorganisation left alone tells no history.
    assert_eq!(site.page("/en/provinces/ha-tinh/").count(".history"), 0);
}

/// A registry site, built, with an article about Bình Thuận before the
/// merger and one about Lâm Đồng after it.
fn merged_site() -> Site {
    let site = registry_site();
    site.article(
        "binh-thuan/old.en.md",
        &front("Binh Thuan in 2024", "en", "2024-05-01", "binh-thuan"),
        "The province before the merger.",
    );
    site.article(
        "lam-dong/new.en.md",
        &front("Lam Dong in 2025", "en", "2025-09-01", "lam-dong"),
        "The new province.",
    );
    site.build_ok();
    site
}

#[test]
fn a_successor_lists_its_predecessors_articles_marked() {
    let site = merged_site();
    let lam_dong = site.page("/en/provinces/lam-dong/");
    assert_eq!(
        lam_dong.texts(".item-title"),
        ["Lam Dong in 2025", "Binh Thuan in 2024"]
    );
    // Each item names the province it was written about.
    assert_eq!(
        lam_dong.texts(".article-item .meta a"),
        ["Lam Dong", "Binh Thuan"]
    );
    // The feed of the province of today carries the archive too.
    let feed = std::fs::read_to_string(site.file("/en/provinces/lam-dong/atom.xml")).unwrap();
    assert!(feed.contains("Binh Thuan in 2024"), "{feed}");
    // The former province lists its own articles only.
    assert_eq!(
        site.page("/en/provinces/binh-thuan/").texts(".item-title"),
        ["Binh Thuan in 2024"]
    );
}

/// An article about `province` on `date` reporting `figures` (TOML lines).
fn reporting(site: &Site, province: &str, slug: &str, date: &str, figures: &[(&str, f64, &str)]) {
    let mut front_matter = front(slug, "en", date, province);
    let mut body = String::from("Figures:");
    for (metric, value, unit) in figures {
        front_matter.push_str(&format!(
            "\n[[figures]]\nmetric = \"{metric}\"\nvalue = {value}"
        ));
        if !unit.is_empty() {
            front_matter.push_str(&format!("\nunit = \"{unit}\""));
        }
        body.push_str(&format!(" {value}{unit}"));
    }
    site.article(&format!("{province}/{slug}.en.md"), &front_matter, &body);
}

#[test]
fn a_successor_s_figures_are_a_series_per_territory_and_a_sum_only_when_complete() {
    let site = registry_site();
    reporting(
        &site,
        "lam-dong",
        "ld-2024",
        "2024-12-01",
        &[
            ("cooperatives", 300.0, ""),
            ("members", 9000.0, ""),
            ("revenue_growth", 5.0, "%"),
        ],
    );
    reporting(
        &site,
        "binh-thuan",
        "bt-2024",
        "2024-12-01",
        &[
            ("cooperatives", 400.0, ""),
            ("members", 8000.0, ""),
            ("revenue_growth", 7.0, "%"),
        ],
    );
    // Đắk Nông reported cooperatives but not members: no sum of members.
    reporting(
        &site,
        "dak-nong",
        "dn-2024",
        "2024-12-01",
        &[("cooperatives", 200.0, ""), ("revenue_growth", 6.0, "%")],
    );
    reporting(
        &site,
        "lam-dong",
        "ld-2025",
        "2025-09-01",
        &[("cooperatives", 950.0, "")],
    );
    site.build_ok();
    let page = site.page("/en/provinces/lam-dong/");
    let rows: Vec<String> = page.texts(".over-time tbody th");
    assert_eq!(
        rows,
        [
            "CooperativesLam Dong, from July 1, 2025",
            "CooperativesLam Dong, before July 1, 2025",
            "CooperativesBinh Thuan",
            "CooperativesDak Nong",
            "CooperativesLam Dong + Binh Thuan + Dak Nong: sum computed here, not reported",
            "MembersLam Dong, before July 1, 2025",
            "MembersBinh Thuan",
            "Revenue growthLam Dong, before July 1, 2025",
            "Revenue growthBinh Thuan",
            "Revenue growthDak Nong",
        ]
    );
    // The sum of 2024, in the 2024 column, linked to no article.
    assert_eq!(
        page.texts(".over-time thead th"),
        ["Indicator", "2024", "2025"]
    );
    let computed = page.texts(".over-time tr.computed td");
    assert_eq!(computed, ["900", ""]);
    assert_eq!(page.count(".over-time tr.computed a"), 0);
    // Each reported value still links to its article.
    assert_eq!(
        page.attrs(".over-time tbody tr:first-child a", "href"),
        ["/en/2025/ld-2025/"]
    );
    // The comparison of provinces compares those of today; the former ones
    // are a click away, under what they became.
    let comparison = site.page("/en/figures/");
    assert_eq!(
        comparison.texts(".comparison tbody th > a"),
        ["Ha Tinh", "Lam Dong", "Quang Tri"]
    );
    assert_eq!(
        comparison.attrs(".comparison tbody .former a", "href"),
        [
            "/en/provinces/binh-thuan/",
            "/en/provinces/dak-nong/",
            "/en/provinces/quang-binh/"
        ]
    );
    // Lâm Đồng's latest actual value is its own, not a sum.
    assert!(comparison.texts(".comparison tbody tr:nth-child(2) td")[0].starts_with("950"));
    // A former province's own table is its own series alone.
    let former = site.page("/en/provinces/binh-thuan/");
    assert_eq!(
        former.texts(".over-time tbody th"),
        ["Cooperatives", "Members", "Revenue growth"]
    );
}

#[test]
fn a_registry_site_has_pages_for_the_provinces_its_articles_touch() {
    let site = registry_site();
    site.article(
        "binh-thuan/a.en.md",
        &front("A", "en", "2024-05-01", "binh-thuan"),
        "x",
    );
    site.build_ok();
    // Declared in site.toml (the fixture names three), or in the history of
    // a province with articles.
    for shown in [
        "binh-thuan",
        "lam-dong",
        "dak-nong",
        "ha-tinh",
        "quang-tri",
        "quang-binh",
    ] {
        assert!(site.exists(&format!("/en/provinces/{shown}/")), "{shown}");
    }
    // Untouched provinces of the registry have none.
    for hidden in ["ha-noi", "ca-mau", "bac-lieu", "nam-dinh"] {
        assert!(
            !site.exists(&format!("/en/provinces/{hidden}/")),
            "{hidden}"
        );
    }
}

#[test]
fn the_provinces_index_lists_former_provinces_under_what_they_became() {
    let site = merged_site();
    let index = site.page("/en/provinces/");
    // The provinces of today, each counting the articles its page lists.
    let top: Vec<String> = index.texts(".counted > li > a");
    assert_eq!(top, ["Ha Tinh", "Lam Dong", "Quang Tri"]);
    assert_eq!(index.texts(".counted > li > .count"), ["0", "2", "0"]);
    // Under Lâm Đồng, the two provinces that became part of it.
    assert_eq!(
        index.texts(".counted > li .former li > a"),
        ["Binh Thuan", "Dak Nong", "Quang Binh"]
    );
    assert_eq!(index.texts(".former-label")[0], "Merged into it:");
    let ar = site.page("/ar/provinces/");
    assert_eq!(ar.texts(".former-label")[0], "اندمجت فيها:");
}

#[test]
fn new_suggests_the_province_of_the_article_s_day() {
    let site = registry_site();
    let root = site.root();
    let new = |province: &str, date: &str| {
        bulletin::new_article(
            root,
            "en",
            province,
            None,
            Some(date),
            &format!("{province} {date}"),
        )
    };
    let err = new("binh-thuan", "2025-07-01").unwrap_err().to_string();
    assert!(
        err.contains(
            "--province binh-thuan: it ended on 2025-07-01, when it became part of lam-dong"
        ),
        "{err}"
    );
    assert!(err.contains("--province lam-dong"), "{err}");
    // An article of its time, and one of today's province.
    let old = new("binh-thuan", "2025-06-30").unwrap();
    let text = std::fs::read_to_string(old).unwrap();
    assert!(text.contains("date = 2025-06-30\n"), "{text}");
    new("lam-dong", "2025-07-01").unwrap();
    let err = new("lam-dong", "2025-13-01").unwrap_err().to_string();
    assert!(err.contains("--date 2025-13-01: not a date"), "{err}");
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn the_data_files_carry_the_province_as_reported_and_as_it_is_today() {
    let site = registry_site();
    site.article(
        "binh-thuan/a.vi.md",
        &format!(
            "{}\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 412",
            front("A", "vi", "2024-05-01", "binh-thuan")
        ),
        "Tỉnh có 412 hợp tác xã.",
    );
    site.article(
        "ha-tinh/b.vi.md",
        &format!(
            "{}\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 300",
            front("B", "vi", "2024-05-01", "ha-tinh")
        ),
        "Tỉnh có 300 hợp tác xã.",
    );
    site.build_ok();
    let csv = std::fs::read_to_string(site.file("/figures.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let rows: Vec<(String, String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[column("province")].to_owned(),
                r[column("province_name_vi")].to_owned(),
                r[column("current_province")].to_owned(),
                r[column("current_province_name_vi")].to_owned(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "binh-thuan".into(),
                "Bình Thuận".into(),
                "lam-dong".into(),
                "Lâm Đồng".into()
            ),
            (
                "ha-tinh".into(),
                "Hà Tĩnh".into(),
                "ha-tinh".into(),
                "Hà Tĩnh".into()
            ),
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.file("/figures.json")).unwrap())
            .unwrap();
    let first = &json["figures"][0];
    assert_eq!(
        (
            &first["province"],
            &first["current_province"],
            &first["current_province_name"]["en"]
        ),
        (
            &serde_json::json!("binh-thuan"),
            &serde_json::json!("lam-dong"),
            &serde_json::json!("Lam Dong")
        )
    );
}

#[test]
fn the_figures_tool_names_the_province_of_the_article_s_day() {
    let site = registry_site();
    reporting(&site, "binh-thuan", "a", "2025-09-01", &[]);
    reporting(&site, "binh-thuan", "b", "2025-06-01", &[]);
    let figures = |file: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(["figures", "--root"])
            .arg(site.root())
            .arg(site.root().join(file))
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let after = figures("content/binh-thuan/a.en.md");
    assert!(
        after.contains(
            "# province: binh-thuan had become part of another on 2025-07-01, before this article's date (2025-09-01): write province = \"lam-dong\""
        ),
        "{after}"
    );
    assert!(!figures("content/binh-thuan/b.en.md").contains("# province:"));
}
