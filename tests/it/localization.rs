//! Everything a reader sees is in the page's language: strings, dates, numbers.

use crate::fixture::{Site, front};

fn one_article_in_each_language() -> Site {
    let site = Site::new();
    for lang in ["en", "vi", "ar", "id", "ru"] {
        site.article(
            &format!("quang-tri/review.{lang}.md"),
            &format!(
                "{}\n\n[[figures]]\nmetric = \"members\"\nvalue = 82256\n\n[[figures]]\nmetric = \"revenue_growth\"\nvalue = 40.6\n\n[[figures]]\nmetric = \"loans\"\nvalue = 9450000000\nunit = \"VND\"",
                front("Review", lang, "2024-02-20", "quang-tri")
            ),
            "Text.",
        );
    }
    site.build_ok();
    site
}

#[test]
fn dates_and_numbers_follow_each_built_in_locale() {
    let site = one_article_in_each_language();
    let table = [
        (
            "en",
            "February 20, 2024",
            ["82,256", "40.6%", "9,450,000,000 VND"],
        ),
        (
            "vi",
            "20 tháng 2 2024",
            ["82.256", "40,6%", "9.450.000.000 đồng"],
        ),
        (
            "ar",
            "٢٠ فبراير ٢٠٢٤",
            ["٨٢٬٢٥٦", "٤٠٫٦٪", "٩٬٤٥٠٬٠٠٠٬٠٠٠ دونج"],
        ),
        (
            "id",
            "20 Februari 2024",
            ["82.256", "40,6%", "9.450.000.000 VND"],
        ),
        (
            "ru",
            "20 февраля 2024\u{202f}г.",
            [
                "82\u{a0}256",
                "40,6\u{a0}%",
                "9\u{a0}450\u{a0}000\u{a0}000 донгов",
            ],
        ),
    ];
    for (lang, date, numbers) in table {
        let page = site.page(&format!("{lang}/2024/review/"));
        assert_eq!(page.text(".article .meta time"), date, "{lang}");
        assert_eq!(
            page.attr(".article .meta time", "datetime"),
            "2024-02-20",
            "{lang}"
        );
        assert_eq!(page.texts(".key-figures td.num"), numbers, "{lang}");
        let home = site.page(&format!("{lang}/"));
        assert_eq!(home.text(".article-item time"), date, "{lang} home");
    }
}

#[test]
fn ui_strings_are_in_the_page_language() {
    let site = one_article_in_each_language();
    let table = [
        ("en", "Key figures", "Provinces", "Members"),
        ("vi", "Số liệu chính", "Tỉnh", "Thành viên"),
        ("ar", "أرقام رئيسية", "المقاطعات", "الأعضاء"),
        ("id", "Angka utama", "Provinsi", "Anggota"),
        ("ru", "Основные показатели", "Провинции", "Члены"),
    ];
    for (lang, key_figures, provinces, members) in table {
        let page = site.page(&format!("{lang}/2024/review/"));
        assert_eq!(page.text("#key-figures"), key_figures, "{lang}");
        assert_eq!(page.texts(".site-nav a")[1], provinces, "{lang}");
        assert_eq!(page.texts(".key-figures tbody th")[0], members, "{lang}");
        let province = site.page(&format!("{lang}/provinces/quang-tri/"));
        let expected_name = match lang {
            "vi" => "Quảng Trị",
            "ar" => "كوانغ تري",
            "ru" => "Куангчи",
            _ => "Quang Tri",
        };
        assert_eq!(province.text("h1"), expected_name, "{lang}");
    }
}

#[test]
fn dates_are_shown_at_their_precision() {
    let site = Site::new();
    site.article(
        "ha-tinh/m.en.md",
        &front("Month", "en", "\"2024-02\"", "ha-tinh"),
        "x",
    )
    .article(
        "ha-tinh/m.ru.md",
        "title = \"Месяц\"\nlanguage = \"ru\"",
        "x",
    )
    .article(
        "ha-tinh/y.en.md",
        &front("Year", "en", "\"2023\"", "ha-tinh"),
        "x",
    )
    .article("ha-tinh/y.ar.md", "title = \"سنة\"\nlanguage = \"ar\"", "x");
    site.build_ok();
    assert_eq!(
        site.page("en/2024/m/").text(".article .meta time"),
        "February 2024"
    );
    assert_eq!(
        site.page("ru/2024/m/").text(".article .meta time"),
        "февраль 2024\u{202f}г."
    );
    assert_eq!(site.page("en/2023/y/").text(".article .meta time"), "2023");
    assert_eq!(site.page("ar/2023/y/").text(".article .meta time"), "٢٠٢٣");
}

#[test]
fn strings_can_be_overridden_in_site_toml() {
    let config = crate::fixture::CONFIG.replace(
        "locale = \"vi-VN\"",
        "locale = \"vi-VN\"\n[languages.vi.strings]\nkey_figures = \"Các con số\"\n[languages.vi.strings.metrics]\nmembers = \"Xã viên\"",
    );
    let site = Site::with_config(&config);
    site.article(
        "ha-tinh/a.vi.md",
        &format!(
            "{}\n[[figures]]\nmetric = \"members\"\nvalue = 5",
            front("A", "vi", "2024-01-01", "ha-tinh")
        ),
        "x",
    );
    site.build_ok();
    let page = site.page("vi/2024/a/");
    assert_eq!(page.text("#key-figures"), "Các con số");
    assert_eq!(page.text(".key-figures tbody th"), "Xã viên");
    assert_eq!(
        page.texts(".site-nav a")[0],
        "Trang chủ",
        "other strings stay built in"
    );
}

#[test]
fn a_language_without_built_in_strings_must_bring_them() {
    let config = crate::fixture::CONFIG.replace(
        "[provinces.ha-tinh]",
        "[languages.fr]\nname = \"Français\"\nlocale = \"fr-FR\"\n\n[provinces.ha-tinh]",
    );
    let site = Site::with_config(&config);
    let err = site.build_err();
    assert!(err.contains("strings for `fr`"), "{err}");
    assert!(err.contains("[languages.fr.strings]"), "{err}");
    assert!(err.contains("site.toml:"), "{err}");
}
