//! The site a build produces: routes, translations, the language switcher,
//! fallback listings, figures tables and template overrides.

use crate::fixture::{Site, front};

/// One article in English and Arabic, one only in Vietnamese, one only in Russian.
fn bilingual_site() -> Site {
    let site = Site::new();
    site.article(
        "ha-tinh/plan.en.md",
        &format!(
            "{}\n\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 1025\n\n[[figures]]\nmetric = \"revenue_growth\"\nvalue = 5.5\nstatus = \"target\"\nas_of = \"2030\"",
            front("Ha Tinh plan", "en", "2024-02-20", "ha-tinh")
        ),
        "The province has 1,025 cooperatives.",
    )
    .article(
        "ha-tinh/plan.ar.md",
        "title = \"خطة ها تينه\"\nlanguage = \"ar\"",
        "تضم المقاطعة 1025 تعاونية.",
    )
    .article(
        "quang-tri/review.vi.md",
        &format!(
            "{}\n\n[[figures]]\nmetric = \"cooperatives\"\nvalue = 341\nas_of = \"2023\"",
            front("Quảng Trị tổng kết", "vi", "2024-01-10", "quang-tri")
        ),
        "Tỉnh có 341 hợp tác xã.",
    )
    .article(
        "quang-tri/older.ru.md",
        &front("Куангчи: итоги", "ru", "\"2023\"", "quang-tri"),
        "В провинции 341 кооператив.",
    );
    site.build_ok();
    site
}

#[test]
fn every_language_gets_every_route() {
    let site = bilingual_site();
    for lang in ["en", "ar", "vi", "id", "ru"] {
        for path in [
            "",
            "provinces/",
            "provinces/ha-tinh/",
            "provinces/quang-tri/",
            "provinces/binh-thuan/",
            "years/",
            "years/2024/",
            "years/2023/",
        ] {
            assert!(
                site.exists(&format!("{lang}/{path}")),
                "missing /{lang}/{path}"
            );
        }
    }
    for path in [
        "en/2024/plan/",
        "ar/2024/plan/",
        "vi/2024/review/",
        "ru/2023/older/",
        "",
        "404.html",
        "style.css",
    ] {
        assert!(site.exists(path), "missing /{path}");
    }
    assert!(
        !site.exists("vi/2024/plan/"),
        "no page for a translation that does not exist"
    );
}

#[test]
fn root_sends_visitors_to_the_default_language_and_links_all() {
    let site = bilingual_site();
    let root = site.page("");
    assert_eq!(
        root.attr("meta[http-equiv=refresh]", "content"),
        "0; url=/en/"
    );
    let links = root.attrs("ul.languages a", "href");
    assert_eq!(links, ["/en/", "/ar/", "/id/", "/ru/", "/vi/"]);
}

#[test]
fn translations_link_each_other_both_ways() {
    let site = bilingual_site();
    let en = site.page("en/2024/plan/");
    let ar = site.page("ar/2024/plan/");
    assert_eq!(en.attrs(".translations a", "href"), ["/ar/2024/plan/"]);
    assert_eq!(ar.attrs(".translations a", "href"), ["/en/2024/plan/"]);
    let hreflang = |p: &crate::fixture::Page| {
        p.attrs("link[rel=alternate][hreflang]", "hreflang")
            .into_iter()
            .zip(p.attrs("link[rel=alternate][hreflang]", "href"))
            .collect::<Vec<_>>()
    };
    let expected = vec![
        (
            "en".to_owned(),
            "https://example.org/en/2024/plan/".to_owned(),
        ),
        (
            "ar".to_owned(),
            "https://example.org/ar/2024/plan/".to_owned(),
        ),
    ];
    assert_eq!(hreflang(&en), expected);
    assert_eq!(hreflang(&ar), expected);
}

#[test]
fn versions_are_grouped_by_slug_and_year_across_folders() {
    let site = Site::new();
    // One article whose versions lie in two folders; the same slug a year
    // earlier is another article.
    for (file, title, lang, date, province) in [
        ("a/plan.vi.md", "Kế hoạch", "vi", "2024-03-01", "ha-tinh"),
        ("b/plan.ar.md", "خطة", "ar", "2024-03-01", "ha-tinh"),
        ("c/plan.en.md", "Old plan", "en", "2023-05-01", "quang-tri"),
        ("d/alpha.ru.md", "Альфа", "ru", "2024-03-01", "quang-tri"),
    ] {
        site.article(file, &front(title, lang, date, province), "x");
    }
    site.build_ok();
    let vi = site.page("vi/2024/plan/");
    assert_eq!(vi.attrs(".translations a", "href"), ["/ar/2024/plan/"]);
    assert_eq!(
        site.page("en/2023/plan/").count(".translations a"),
        0,
        "a year apart, two articles"
    );
    // Untranslated in English: shown in the first configured language that has
    // it (Arabic before Vietnamese), newest first, the slug breaking the tie.
    let en = site.page("en/years/2024/");
    assert_eq!(en.texts(".article-item .item-title"), ["Альфа", "خطة"]);
    assert_eq!(en.attrs(".article-item", "lang"), ["ru", "ar"]);
    let provinces = site.page("en/provinces/quang-tri/");
    assert_eq!(
        provinces.texts(".article-item .item-title"),
        ["Альфа", "Old plan"]
    );
}

#[test]
fn switcher_leads_to_the_translation_or_the_matching_index() {
    let site = bilingual_site();
    let en = site.page("en/2024/plan/");
    let targets: Vec<(String, String)> = en
        .attrs(".switcher a", "hreflang")
        .into_iter()
        .zip(en.attrs(".switcher a", "href"))
        .collect();
    let expect = |l: &str, u: &str| (l.to_owned(), u.to_owned());
    assert_eq!(
        targets,
        [
            expect("ar", "/ar/2024/plan/"),
            expect("id", "/id/provinces/ha-tinh/"),
            expect("ru", "/ru/provinces/ha-tinh/"),
            expect("vi", "/vi/provinces/ha-tinh/"),
        ]
    );
    assert_eq!(en.text(".switcher [aria-current=page]"), "English");

    // On an index, the switcher leads to the same index in each language.
    let year = site.page("ru/years/2023/");
    assert!(
        year.attrs(".switcher a", "href")
            .contains(&"/ar/years/2023/".to_owned())
    );
    let province = site.page("vi/provinces/quang-tri/");
    assert!(
        province
            .attrs(".switcher a", "href")
            .contains(&"/en/provinces/quang-tri/".to_owned())
    );
}

#[test]
fn arabic_pages_are_right_to_left_and_others_left_to_right() {
    let site = bilingual_site();
    for path in ["ar/", "ar/2024/plan/", "ar/provinces/", "ar/years/2024/"] {
        let page = site.page(path);
        assert_eq!(page.attr("html", "dir"), "rtl", "{path}");
        assert_eq!(page.attr("html", "lang"), "ar", "{path}");
        assert_eq!(page.count("meta[charset=utf-8]"), 1, "{path}");
    }
    for path in ["en/", "vi/2024/review/", "ru/years/"] {
        assert_eq!(site.page(path).attr("html", "dir"), "ltr", "{path}");
    }
}

#[test]
fn indexes_list_untranslated_articles_marked_with_their_language() {
    let site = bilingual_site();
    let home = site.page("id/");
    // Nothing is in Indonesian: every article appears in its default or first language.
    assert_eq!(
        home.texts(".article-item .item-title"),
        ["Ha Tinh plan", "Quảng Trị tổng kết"],
        "per_page = 2 on the home page"
    );
    let langs = home.attrs(".article-item", "lang");
    assert_eq!(langs, ["en", "vi"]);
    assert_eq!(home.texts(".only-in span"), ["English", "Tiếng Việt"]);

    let ar = site.page("ar/provinces/ha-tinh/");
    assert_eq!(ar.texts(".article-item .item-title"), ["خطة ها تينه"]);
    assert_eq!(
        ar.count(".only-in"),
        0,
        "the Arabic version is listed as translated"
    );
}

#[test]
fn a_language_can_omit_untranslated_articles() {
    let config = crate::fixture::CONFIG.replace(
        "locale = \"id-ID\"",
        "locale = \"id-ID\"\nlist_untranslated = false",
    );
    let site = Site::with_config(&config);
    site.article(
        "ha-tinh/a.en.md",
        &front("Only English", "en", "2024-02-20", "ha-tinh"),
        "x",
    );
    site.build_ok();
    assert_eq!(site.page("id/").count(".article-item"), 0);
    assert_eq!(site.page("vi/").count(".article-item"), 1);
}

#[test]
fn article_page_shows_its_key_figures() {
    let site = bilingual_site();
    let en = site.page("en/2024/plan/");
    assert_eq!(
        en.texts(".key-figures thead th"),
        ["Indicator", "Value", "Status", "As of", "Note"]
    );
    assert_eq!(
        en.texts(".key-figures tbody th"),
        ["Cooperatives", "Revenue growth"]
    );
    assert_eq!(en.texts(".key-figures td.num"), ["1,025", "5.5%"]);
    assert_eq!(
        en.attrs(".key-figures tbody tr", "class"),
        ["status-actual", "status-target"]
    );
    // The Arabic translation inherits the figures, labelled and formatted in Arabic.
    let ar = site.page("ar/2024/plan/");
    assert_eq!(
        ar.texts(".key-figures tbody th"),
        ["التعاونيات", "نمو الإيرادات"]
    );
    assert_eq!(ar.texts(".key-figures td.num"), ["١٬٠٢٥", "٥٫٥٪"]);
    assert_eq!(ar.texts(".key-figures .status")[1], "مستهدف");
}

#[test]
fn province_page_gathers_figures_over_time() {
    let site = bilingual_site();
    let page = site.page("en/provinces/quang-tri/");
    assert_eq!(page.texts(".over-time thead th"), ["Indicator", "2023"]);
    assert_eq!(page.texts(".over-time tbody th"), ["Cooperatives"]);
    assert_eq!(page.attr(".over-time td a", "href"), "/vi/2024/review/");
    assert_eq!(page.text(".over-time td a"), "341");

    let ha_tinh = site.page("ru/provinces/ha-tinh/");
    assert_eq!(
        ha_tinh.texts(".over-time thead th"),
        ["Показатель", "2024", "2030"]
    );
    assert_eq!(
        ha_tinh.texts(".over-time tbody th"),
        ["Кооперативы", "Рост выручки"]
    );
    assert_eq!(
        ha_tinh.texts(".over-time td"),
        ["1\u{a0}025", "", "", "5,5\u{a0}% цель"]
    );
}

#[test]
fn long_indexes_are_paginated() {
    let site = Site::new();
    for i in 1..=5 {
        site.article(
            &format!("ha-tinh/a{i}.en.md"),
            &front(
                &format!("Article {i}"),
                "en",
                &format!("2024-01-0{i}"),
                "ha-tinh",
            ),
            "x",
        );
    }
    site.build_ok();
    let first = site.page("en/provinces/ha-tinh/");
    assert_eq!(
        first.texts(".article-item .item-title"),
        ["Article 5", "Article 4"]
    );
    assert_eq!(first.text(".pagination span"), "Page 1 of 3");
    assert_eq!(
        first.attr(".pagination a[rel=next]", "href"),
        "/en/provinces/ha-tinh/page/2/"
    );
    let last = site.page("en/provinces/ha-tinh/page/3/");
    assert_eq!(last.texts(".article-item .item-title"), ["Article 1"]);
    assert_eq!(
        last.attr(".pagination a[rel=prev]", "href"),
        "/en/provinces/ha-tinh/page/2/"
    );
    assert!(site.exists("en/years/2024/page/3/"));
    assert!(!site.exists("en/years/2024/page/4/"));
}

#[test]
fn site_templates_override_the_built_in_theme() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("Hello", "en", "2024-01-01", "ha-tinh"),
        "x",
    );
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"custom\">{{ article.title }} / {{ article.province }}</p>{% endblock content %}",
    );
    site.build_ok();
    let page = site.page("en/2024/a/");
    assert_eq!(page.text("#custom"), "Hello / Ha Tinh");
    // The rest of the built-in theme still applies.
    assert_eq!(page.count("nav.switcher"), 1);
    assert_eq!(site.page("en/").count("#custom"), 0);
}

#[test]
fn static_files_are_copied_and_override_the_theme() {
    let site = Site::new();
    site.write("static/img/logo.svg", "<svg/>")
        .write("static/style.css", "body{}");
    site.build_ok();
    assert_eq!(
        std::fs::read_to_string(site.file("img/logo.svg")).unwrap(),
        "<svg/>"
    );
    assert_eq!(
        std::fs::read_to_string(site.file("style.css")).unwrap(),
        "body{}"
    );
}

#[test]
fn drafts_are_built_only_on_request() {
    let site = Site::new();
    site.article(
        "ha-tinh/d.en.md",
        &format!(
            "{}\ndraft = true",
            front("Draft", "en", "2024-01-01", "ha-tinh")
        ),
        "x",
    );
    site.build_ok();
    assert!(!site.exists("en/2024/d/"));
    bulletin::build(&bulletin::BuildOptions {
        drafts: true,
        ..site.options()
    })
    .unwrap();
    assert!(site.exists("en/2024/d/"));
}

#[test]
fn links_work_under_a_sub_path() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("Hello", "en", "2024-01-01", "ha-tinh"),
        "x",
    );
    bulletin::build(&bulletin::BuildOptions {
        base_url: Some("https://example.org/bulletin".into()),
        ..site.options()
    })
    .unwrap();
    let page = site.page("en/2024/a/");
    assert_eq!(
        page.attr("link[rel=stylesheet]", "href"),
        "/bulletin/style.css"
    );
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "https://example.org/bulletin/en/2024/a/"
    );
    assert!(
        page.attrs("a", "href")
            .iter()
            .all(|h| h.starts_with("/bulletin/") || h == "#main")
    );
}

#[test]
fn summary_defaults_to_the_first_paragraph() {
    let site = Site::new();
    site.article(
        "ha-tinh/a.en.md",
        &front("Hello", "en", "2024-01-01", "ha-tinh"),
        "## Heading\n\nFirst *paragraph*.\n\nSecond.",
    );
    site.article(
        "ha-tinh/b.en.md",
        &format!(
            "{}\nsummary = \"Written summary\"",
            front("B", "en", "2024-01-02", "ha-tinh")
        ),
        "Body.",
    );
    site.build_ok();
    let home = site.page("en/");
    assert_eq!(
        home.texts(".summary"),
        ["Written summary", "First paragraph."]
    );
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = bilingual_site();
    let read_all = |site: &Site| {
        walkdir::WalkDir::new(site.output())
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_owned(), std::fs::read(e.path()).unwrap()))
            .collect::<Vec<_>>()
    };
    let first = read_all(&site);
    site.build_ok();
    assert_eq!(first, read_all(&site));
}
