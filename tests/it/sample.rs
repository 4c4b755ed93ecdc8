//! The repository is itself a site: its sample bulletin builds and shows the seeds.

use std::path::Path;

use crate::fixture::Page;

#[test]
fn the_sample_bulletin_builds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let report = bulletin::build(&bulletin::BuildOptions {
        root: root.to_owned(),
        output: Some(output.clone()),
        ..bulletin::BuildOptions::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.articles, 5);

    let page = |p: &str| Page {
        html: scraper::Html::parse_document(&std::fs::read_to_string(output.join(p)).unwrap()),
    };
    // 000 (Arabic) and 002 (English) are one article in two languages.
    let ar = page("ar/2023/collective-economy-plan-2030/index.html");
    assert_eq!(ar.attr("html", "dir"), "rtl");
    assert_eq!(
        ar.attrs(".translations a", "href"),
        ["/en/2023/collective-economy-plan-2030/"]
    );
    assert_eq!(
        ar.text(".article .meta time"),
        "٢٠٢٣",
        "the date is inherited from the English version"
    );
    let en = page("en/2023/collective-economy-plan-2030/index.html");
    assert_eq!(
        en.attrs(".translations a", "href"),
        ["/ar/2023/collective-economy-plan-2030/"]
    );
    assert!(
        en.texts(".key-figures td.num")
            .contains(&"5,400".to_owned())
    );

    for (path, province) in [
        (
            "ar/2024/collective-economy-review-2023/index.html",
            "كوانغ تري",
        ),
        (
            "id/2024/collective-economy-tasks-2024/index.html",
            "Ha Tinh",
        ),
        (
            "ru/2024/cooperative-union-conference-2023/index.html",
            "Ниньбинь",
        ),
    ] {
        let p = page(path);
        assert!(p.count(".key-figures tbody tr") >= 4, "{path}");
        assert_eq!(p.texts(".article .meta a")[0], province, "{path}");
    }
    // Page furniture of the scraped seeds is gone; bylines moved to the author field.
    let id = page("id/2024/collective-economy-tasks-2024/index.html");
    assert!(!id.text(".body").contains("Komentar (0)"));
    assert_eq!(id.text(".author"), "Penulis: Thu Phuong");

    // The sample takes the registry: three of its four provinces were merged
    // on 1 July 2025, and their pages say so; its articles, all from before,
    // keep their provinces and give no warning.
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        page("vi/provinces/binh-thuan/index.html").text(".history-became"),
        "Từ ngày 1 tháng 7 2025, địa phương này được hợp nhất vào Lâm Đồng."
    );
    assert_eq!(
        page("ar/provinces/ha-nam/index.html").attr(".history-became a", "href"),
        "/ar/provinces/ninh-binh/"
    );
    let merged = page("en/provinces/quang-tri/index.html");
    assert_eq!(merged.texts(".history-merged a"), ["Quang Binh"]);
    let lam_dong = page("ru/provinces/lam-dong/index.html");
    assert_eq!(
        lam_dong.texts(".article-item .meta a"),
        ["Биньтхуан"],
        "the Bình Thuận article, listed under Lâm Đồng, named as written"
    );
}
