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
    site.article(
        "binh-thuan/after.en.md",
        &front("After", "en", "2025-08-10", "binh-thuan"),
        "Written after the merger.",
    );
    site.article(
        "binh-thuan/before.en.md",
        &front("Before", "en", "2025-06-30", "binh-thuan"),
        "Written before the merger.",
    );
    // A province that continues keeps no warning, before or after.
    site.article(
        "lam-dong/today.en.md",
        &front("Today", "en", "2025-08-10", "lam-dong"),
        "The province of today.",
    );
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
            .contains(&"After".to_owned())
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
        assert!(
            alternates.contains(&"https://example.org/vi/provinces/binh-thuan/".to_owned()),
            "{lang}: {alternates:?}"
        );
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
