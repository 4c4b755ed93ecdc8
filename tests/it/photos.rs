//! Photos beside articles: processed once, upright, without metadata, at
//! the configured widths, and shown with matching HTML.

use std::collections::BTreeSet;
use std::io::Cursor;

use image::{ImageDecoder, ImageEncoder, ImageReader, Rgb, RgbImage};

use crate::fixture::{CONFIG, Site, front, tree};

/// A JPEG `width` × `height`, red on its left half and blue on its right,
/// with the EXIF block `exif` (TIFF data) if any.
pub fn jpeg(width: u32, height: u32, exif: Option<Vec<u8>>) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif).unwrap();
    }
    encoder
        .write_image(&image, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// Words a phone writes in a photo's EXIF, which no published file may carry.
const SECRET: &str = "Camera of the reporter, Hue";

/// EXIF (little-endian TIFF) as a phone writes it: an orientation, a
/// description and a GPS position (21° N).
fn exif(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    // IFD0 at 8: three entries (12 bytes each), then the next IFD's offset.
    let ifd0_end = 8 + 2 + 3 * 12 + 4;
    let description_at = ifd0_end;
    let description = format!("{SECRET}\0");
    let gps_at = description_at + description.len();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    t.extend(3u16.to_le_bytes());
    entry(
        &mut t,
        0x010E,
        2,
        description.len() as u32,
        description_at as u32,
    );
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x8825, 4, 1, gps_at as u32);
    t.extend(0u32.to_le_bytes());
    t.extend(description.as_bytes());
    // The GPS IFD: latitude reference "N" and latitude 21/1, 0/1, 0/1.
    let rationals_at = gps_at + 2 + 2 * 12 + 4;
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, rationals_at as u32);
    t.extend(0u32.to_le_bytes());
    for (n, d) in [(21u32, 1u32), (0, 1), (0, 1)] {
        t.extend(n.to_le_bytes());
        t.extend(d.to_le_bytes());
    }
    t
}

/// The published files of photos: path under `photos/` → (width, height,
/// bytes). Each is in the folder named by its name's first two characters.
fn published(site: &Site) -> Vec<(String, u32, u32, Vec<u8>)> {
    let mut files = Vec::new();
    let root = site.output().join("photos");
    for entry in walkdir::WalkDir::new(&root).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let folder = entry.path().parent().unwrap().file_name().unwrap();
        assert_eq!(
            folder.to_string_lossy(),
            name[..2],
            "{name} is in its folder"
        );
        let bytes = std::fs::read(entry.path()).unwrap();
        let (width, height) = size(&bytes);
        files.push((format!("{}/{name}", &name[..2]), width, height, bytes));
    }
    files.sort();
    files
}

/// An image's size, decoded.
fn size(bytes: &[u8]) -> (u32, u32) {
    ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap()
}

/// The colour at (x, y) of an image.
fn pixel(bytes: &[u8], x: u32, y: u32) -> [u8; 3] {
    let image = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap()
        .into_rgb8();
    image.get_pixel(x, y).0
}

/// A site with one English article in `ha-tinh/` showing `body`.
fn site_with(body: &str) -> Site {
    let site = Site::new();
    site.article(
        "ha-tinh/harvest.en.md",
        &front("Harvest", "en", "2024-03-01", "ha-tinh"),
        body,
    );
    site
}

#[test]
fn a_sideways_phone_photo_is_published_upright_without_its_metadata() {
    // Stored landscape (300 × 200, red left), to be turned a quarter clockwise:
    // seen as a portrait 200 × 300, red on top.
    let site = site_with("![Members at the rice drier](drier.jpg \"The new drier\")");
    site.write_bytes("content/ha-tinh/drier.jpg", &jpeg(300, 200, Some(exif(6))));
    let report = site.build_ok();
    assert_eq!(report.photos_decoded, 1);

    let page = site.page("/en/2024/harvest/");
    let width: u32 = page.attr("figure.photo img", "width").parse().unwrap();
    let height: u32 = page.attr("figure.photo img", "height").parse().unwrap();
    assert_eq!((width, height), (200, 300), "the attributes say portrait");
    assert_eq!(page.text("figure.photo figcaption"), "The new drier");
    assert_eq!(
        page.attr("figure.photo img", "alt"),
        "Members at the rice drier"
    );

    let files = published(&site);
    assert!(!files.is_empty());
    for (name, w, h, bytes) in &files {
        assert_eq!((*w, *h), (200, 300), "{name} is upright");
        let [r, _, b] = pixel(bytes, 100, 40);
        assert!(r > 150 && b < 100, "{name}: red on top, not {r},{b}");
        let [r, _, b] = pixel(bytes, 100, 260);
        assert!(b > 150 && r < 100, "{name}: blue below, not {r},{b}");
        // No EXIF block (JPEG `Exif\0\0`, WebP `EXIF` chunk), no GPS, no words of it.
        let text = String::from_utf8_lossy(bytes);
        for trace in ["Exif", "EXIF", "XMP", SECRET] {
            assert!(!text.contains(trace), "{name} carries {trace}");
        }
        let mut decoder = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        assert_eq!(decoder.exif_metadata().unwrap(), None, "{name}");
    }
    // The source carried all of it: the test would see it.
    let source = std::fs::read(site.root().join("content/ha-tinh/drier.jpg")).unwrap();
    assert!(String::from_utf8_lossy(&source).contains(SECRET));
}

/// The candidates of a srcset: (address, width).
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(',')
        .map(|c| {
            let (url, w) = c.trim().split_once(' ').unwrap();
            (url.to_owned(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

#[test]
fn photos_come_at_the_configured_widths_never_wider_than_they_are() {
    // (photo width, WebP widths, JPEG width) with widths 480, 960, 1600.
    let table: [(u32, &[u32], u32); 4] = [
        (2000, &[480, 960, 1600], 960),
        (1200, &[480, 960, 1200], 960),
        (960, &[480, 960], 480),
        (300, &[300], 300),
    ];
    let site = Site::new();
    let mut body = String::new();
    for (width, _, _) in table {
        let name = format!("w{width}.jpg");
        site.write_bytes(
            &format!("content/ha-tinh/{name}"),
            &jpeg(width, width / 2, None),
        );
        body.push_str(&format!("![Photo {width}]({name})\n\n"));
    }
    site.article(
        "ha-tinh/widths.en.md",
        &front("Widths", "en", "2024-03-01", "ha-tinh"),
        &body,
    );
    site.build_ok();
    let page = site.page("/en/2024/widths/");
    let sources = page.attrs("figure.photo picture source", "srcset");
    let types = page.attrs("figure.photo picture source", "type");
    let sizes = page.attrs("figure.photo picture source", "sizes");
    let imgs = page.attrs("figure.photo picture img", "src");
    let widths = page.attrs("figure.photo picture img", "width");
    let heights = page.attrs("figure.photo picture img", "height");
    assert_eq!(sources.len(), table.len());
    let files = published(&site);
    let mut listed = BTreeSet::new();
    for (i, (width, webp, jpeg_width)) in table.into_iter().enumerate() {
        assert_eq!(types[i], "image/webp");
        assert!(sizes[i].contains("100vw"), "{}", sizes[i]);
        let candidates = srcset(&sources[i]);
        assert_eq!(
            candidates.iter().map(|c| c.1).collect::<Vec<_>>(),
            webp,
            "photo {width}"
        );
        for (url, w) in &candidates {
            let name = url.strip_prefix("/photos/").expect(url);
            let file = files.iter().find(|f| f.0 == name).expect(name);
            assert!(name.ends_with(".webp"));
            assert!(file.3.starts_with(b"RIFF") && &file.3[8..12] == b"WEBP");
            assert_eq!((file.1, file.2), (*w, w / 2));
            listed.insert(name.to_owned());
        }
        let name = imgs[i].strip_prefix("/photos/").unwrap();
        let file = files.iter().find(|f| f.0 == name).expect(name);
        assert!(file.3.starts_with(&[0xFF, 0xD8]), "{name} is a JPEG");
        assert_eq!(file.1, jpeg_width);
        assert_eq!(widths[i], file.1.to_string(), "width of {name}");
        assert_eq!(heights[i], file.2.to_string(), "height of {name}");
        listed.insert(name.to_owned());
    }
    let all: BTreeSet<String> = files.iter().map(|f| f.0.clone()).collect();
    assert_eq!(listed, all, "every published file is shown, and only those");
}

#[test]
fn a_photo_two_translations_share_is_made_and_published_once() {
    let site = Site::new();
    site.write_bytes("content/ha-tinh/drier.jpg", &jpeg(1200, 800, None));
    site.article(
        "ha-tinh/drier.en.md",
        &front("A new drier", "en", "2024-03-01", "ha-tinh"),
        "![Members load the drier](drier.jpg \"The drier at work\")",
    );
    site.article(
        "ha-tinh/drier.ar.md",
        &front("مجفف جديد", "ar", "2024-03-01", "ha-tinh"),
        "![أعضاء يملؤون المجفف](drier.jpg \"المجفف أثناء العمل\")",
    );
    let report = site.build_ok();
    assert_eq!(report.photos_decoded, 1, "made once");
    // 480, 960, 1200 in WebP and a JPEG: once, for both languages.
    let files = published(&site);
    assert_eq!(
        files.len(),
        4,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(report.photos, 4);
    let en = site.page("/en/2024/drier/");
    let ar = site.page("/ar/2024/drier/");
    assert_eq!(en.attr("figure.photo img", "alt"), "Members load the drier");
    assert_eq!(ar.attr("figure.photo img", "alt"), "أعضاء يملؤون المجفف");
    assert_eq!(en.text("figure.photo figcaption"), "The drier at work");
    assert_eq!(ar.text("figure.photo figcaption"), "المجفف أثناء العمل");
    assert_eq!(
        en.attr("figure.photo img", "src"),
        ar.attr("figure.photo img", "src"),
        "one address for both"
    );
    // Nothing of the photo is copied beside the pages.
    let copies: Vec<_> = tree(&site.output())
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "jpg" || e == "webp"))
        .filter(|p| !p.starts_with("photos"))
        .collect();
    assert_eq!(copies, Vec::<std::path::PathBuf>::new());
}

#[test]
fn a_rebuild_decodes_only_the_photos_that_changed() {
    let site = Site::new();
    site.write_bytes("content/ha-tinh/a.jpg", &jpeg(800, 600, None));
    site.write_bytes("content/ha-tinh/b.jpg", &jpeg(600, 800, None));
    site.article(
        "ha-tinh/two.en.md",
        &front("Two photos", "en", "2024-03-01", "ha-tinh"),
        "![The office](a.jpg)\n\n![The field](b.jpg)",
    );
    let first = site.build_ok();
    assert_eq!((first.photos_read, first.photos_decoded), (2, 2));
    let second = site.build_ok();
    assert_eq!(
        (second.photos_read, second.photos_decoded),
        (0, 0),
        "all known"
    );
    // The site named another way (here through a link to its folder): the
    // index names photos relative to the site, and still knows them.
    #[cfg(unix)]
    {
        let elsewhere = tempfile::tempdir().unwrap();
        let link = elsewhere.path().join("site");
        std::os::unix::fs::symlink(site.root(), &link).unwrap();
        let report = bulletin::build(&bulletin::BuildOptions {
            root: link,
            ..site.options()
        })
        .unwrap();
        assert_eq!((report.photos_read, report.photos_decoded), (0, 0));
    }

    // Changed bytes (same size, so only the hash tells): that photo alone.
    let before = site.page("/en/2024/two/").attrs("img", "src");
    site.write_bytes("content/ha-tinh/a.jpg", &jpeg(800, 600, Some(exif(1))));
    assert_eq!(site.build_ok().photos_decoded, 1);
    let after = site.page("/en/2024/two/").attrs("img", "src");
    assert_ne!(before[0], after[0], "a new address for new bytes");
    assert_eq!(before[1], after[1]);
    let files = published(&site);
    assert!(
        !files.iter().any(|f| before[0].ends_with(&f.0)),
        "the old photo's files are gone"
    );

    // Changed bytes of the same size, the modification time set back as
    // `cp -p` or `touch -r` do: the inode's change time still tells.
    #[cfg(unix)]
    {
        let path = site.root().join("content/ha-tinh/a.jpg");
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        site.write_bytes("content/ha-tinh/a.jpg", &jpeg(800, 600, Some(exif(3))));
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(site.build_ok().photos_decoded, 1, "a changed file is read");
        assert_ne!(site.page("/en/2024/two/").attrs("img", "src")[0], after[0]);
    }

    // Changed settings: every photo is made again, once.
    site.write("site.toml", &format!("{CONFIG}\n[photos]\nquality = 60\n"));
    assert_eq!(site.build_ok().photos_decoded, 2);
    assert_eq!(site.build_ok().photos_decoded, 0);
    // The cache keeps only what the site shows: two photos.
    let cached = std::fs::read_dir(site.root().join(".bulletin-cache/photos"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(cached, 2);
}

/// `jpeg` with the size its SOF0 header claims replaced by `width` × `height`.
fn claiming(mut jpeg: Vec<u8>, width: u16, height: u16) -> Vec<u8> {
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline JPEG");
    // Marker, length (2), precision (1), height (2), width (2).
    jpeg[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    jpeg
}

#[test]
fn every_bad_photo_is_an_error_at_its_line_and_nothing_is_written() {
    let site = site_with("![A good photo](good.jpg)");
    site.write_bytes("content/ha-tinh/good.jpg", &jpeg(640, 480, None));
    site.build_ok();
    let before = tree(&site.output());

    site.write_bytes("content/ha-tinh/broken.jpg", &jpeg(640, 480, None)[..300]);
    site.write_bytes("content/ha-tinh/notes.jpg", b"not a photo at all");
    site.write_bytes(
        "content/ha-tinh/bomb.jpg",
        &claiming(jpeg(64, 64, None), 60_000, 60_000),
    );
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("outside.jpg"), jpeg(64, 64, None)).unwrap();
    let outside = format!(
        "../../../{}/outside.jpg",
        elsewhere.path().file_name().unwrap().to_str().unwrap()
    );
    assert!(site.root().join("content/ha-tinh").join(&outside).is_file());
    site.write_bytes("logo.jpg", &jpeg(64, 64, None));
    site.article(
        "ha-tinh/bad.en.md",
        &front("Bad photos", "en", "2024-03-02", "ha-tinh"),
        &format!(
            "Intro.\n\n![](good.jpg)\n\n![Gone](missing.jpg)\n\n![Broken](broken.jpg)\n\n\
             Text ![Notes](notes.jpg) inline.\n\n![Bomb](bomb.jpg)\n\n![Escape]({outside})\n\n\
             ![Logo](../../logo.jpg)"
        ),
    );
    let error = site.build_err();
    let at = |line: usize, col: usize| format!("bad.en.md:{line}:{col}");
    for (line, col, says) in [
        (10, 1, "has no alt text"),
        (12, 1, "there is no photo `missing.jpg`"),
        (14, 1, "`broken.jpg`"),
        (16, 6, "`notes.jpg`: this is not a JPEG, PNG or WebP photo"),
        (18, 1, "60000 × 60000 pixels"),
        (20, 1, "is outside the content folder"),
        (22, 1, "`../../logo.jpg` is outside the content folder"),
    ] {
        let block = error
            .split("error: ")
            .find(|block| block.contains(&at(line, col)))
            .unwrap_or_else(|| panic!("nothing at {}:\n{error}", at(line, col)));
        assert!(block.contains(says), "{}: {says}\n{error}", at(line, col));
    }
    assert_eq!(error.matches("help: ").count(), 7, "{error}");
    assert_eq!(tree(&site.output()), before, "the output is untouched");
}

#[test]
fn a_decorative_photo_says_so_with_an_empty_alt() {
    let site = site_with("![\"\"](border.png)");
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(
            &[255u8, 0, 0, 128].repeat(40 * 20),
            40,
            20,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    site.write_bytes("content/ha-tinh/border.png", &png);
    site.build_ok();
    let page = site.page("/en/2024/harvest/");
    assert_eq!(page.attrs("figure.photo img", "alt"), [""]);
    // A PNG with transparency: WebP keeps it, the JPEG lies on white.
    let files = published(&site);
    let jpeg = files.iter().find(|f| f.0.ends_with(".jpg")).unwrap();
    let [r, g, b] = pixel(&jpeg.3, 20, 10);
    assert!(
        r > 240 && (120..136).contains(&g) && (120..136).contains(&b),
        "{r},{g},{b}"
    );
}

#[test]
fn photos_survive_the_cleaning_of_pasted_html() {
    // An article with raw HTML is cleaned whole; its own photos stay as made,
    // and a pasted picture loading from elsewhere does not.
    let site = site_with(
        "<p>Pasted <b>text</b></p>\n\n![The field](field.jpg)\n\n\
         <picture><source srcset=\"https://tracker.example/p.webp 1x\"></picture>",
    );
    site.write_bytes("content/ha-tinh/field.jpg", &jpeg(1000, 500, None));
    site.build_ok();
    let page = site.page("/en/2024/harvest/");
    assert_eq!(page.count("figure.photo picture source[srcset]"), 1);
    assert_eq!(page.attrs("figure.photo img", "loading"), ["lazy"]);
    let all = page.attrs("source", "srcset").join(" ");
    assert!(!all.contains("tracker"), "{all}");
    assert!(all.contains("/photos/"), "{all}");
}

/// An article in English with a lead photo, and its Arabic translation
/// giving its own alt text and caption.
fn site_with_lead() -> Site {
    let site = Site::new();
    site.write_bytes("content/ha-tinh/drier.jpg", &jpeg(1200, 800, None));
    site.article(
        "ha-tinh/drier.en.md",
        &format!(
            "{}\nauthor = \"Lan Anh\"\nsummary = \"A new rice drier for 40 members.\"\n\n\
             [photo]\nfile = \"drier.jpg\"\nalt = \"Members load the drier\"\n\
             caption = \"The drier at work\"\ncredit = \"Ha Tinh Cooperative Union\"",
            front("A new drier", "en", "2024-03-01", "ha-tinh")
        ),
        "The cooperative bought a drier.",
    );
    site.article(
        "ha-tinh/drier.ar.md",
        "title = \"مجفف جديد\"\nlanguage = \"ar\"\n\n[photo]\nalt = \"أعضاء يملؤون المجفف\"\ncaption = \"المجفف أثناء العمل\"",
        "اشترت التعاونية مجففا.",
    );
    site
}

#[test]
fn a_lead_photo_is_shared_by_translations_each_in_its_own_words() {
    let site = site_with_lead();
    let report = site.build_ok();
    assert_eq!(report.photos_decoded, 1);
    let en = site.page("/en/2024/drier/");
    let ar = site.page("/ar/2024/drier/");
    assert_eq!(en.attr("figure.lead img", "alt"), "Members load the drier");
    assert_eq!(ar.attr("figure.lead img", "alt"), "أعضاء يملؤون المجفف");
    assert_eq!(
        en.text("figure.lead figcaption"),
        "The drier at work Photo: Ha Tinh Cooperative Union"
    );
    // The credit is inherited, and said in Arabic.
    assert_eq!(
        ar.text("figure.lead figcaption"),
        "المجفف أثناء العمل الصورة: Ha Tinh Cooperative Union"
    );
    assert_eq!(
        en.attr("figure.lead img", "src"),
        ar.attr("figure.lead img", "src")
    );
    // The lead photo loads first; the others when they come into view.
    assert_eq!(en.attrs("figure.lead img", "fetchpriority"), ["high"]);
    assert_eq!(en.attrs("figure.lead img", "loading"), Vec::<String>::new());
    let webp = en.attr("figure.lead source", "srcset");
    assert!(webp.contains("480w") && webp.contains("1200w"), "{webp}");

    // On the front page, the latest story with its photo; on lists, a thumbnail.
    let home = site.page("/en/");
    assert_eq!(home.count(".top-story picture"), 1);
    assert_eq!(home.attr(".top-story img", "alt"), "Members load the drier");
    let list = site.page("/ar/provinces/ha-tinh/");
    assert_eq!(list.attr(".articles img", "alt"), "أعضاء يملؤون المجفف");
    assert_eq!(list.attr(".articles img", "loading"), "lazy");
    assert_eq!(list.attr(".articles source", "sizes"), "7rem");

    // The Atom entry opens with the photo, by absolute address, and links it.
    let feed = std::fs::read_to_string(site.output().join("en/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let enclosure = doc
        .descendants()
        .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("enclosure"))
        .expect("an enclosure");
    let src = en.attr("figure.lead img", "src");
    assert_eq!(
        enclosure.attribute("href"),
        Some(format!("https://example.org{src}").as_str())
    );
    assert_eq!(enclosure.attribute("type"), Some("image/jpeg"));
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        content.starts_with("<figure class=\"photo\"><img src=\"https://example.org/photos/"),
        "{content}"
    );
    assert!(
        content.contains("alt=\"Members load the drier\""),
        "{content}"
    );
}

#[test]
fn lead_photo_problems_are_reported_where_they_are() {
    let site = Site::new();
    site.write_bytes("content/ha-tinh/drier.jpg", &jpeg(640, 480, None));
    // Line 6 is `[photo]`, line 7 its file.
    site.article(
        "ha-tinh/a.en.md",
        &format!(
            "{}\n[photo]\nfile = \"drier.jpg\"",
            front("No alt", "en", "2024-03-01", "ha-tinh")
        ),
        "x",
    );
    site.article(
        "ha-tinh/b.en.md",
        &format!(
            "{}\n[photo]\nfile = \"gone.jpg\"\nalt = \"A hall\"",
            front("Missing", "en", "2024-03-01", "ha-tinh")
        ),
        "x",
    );
    // A translation without a [photo] table, and one naming no file anywhere.
    site.article(
        "ha-tinh/c.en.md",
        &format!(
            "{}\n[photo]\nfile = \"drier.jpg\"\nalt = \"The drier\"",
            front("Drier", "en", "2024-03-01", "ha-tinh")
        ),
        "x",
    );
    site.article(
        "ha-tinh/c.vi.md",
        "title = \"Máy sấy\"\nlanguage = \"vi\"",
        "x",
    );
    site.article(
        "ha-tinh/d.en.md",
        &format!(
            "{}\n[photo]\nalt = \"Nothing\"",
            front("No file", "en", "2024-03-01", "ha-tinh")
        ),
        "x",
    );
    let error = site.build_err();
    for (at, says) in [
        ("a.en.md:6:1", "the lead photo has no alt text"),
        ("b.en.md:7:8", "there is no photo `gone.jpg`"),
        (
            "c.vi.md:1:1",
            "the article has no alt text for its lead photo",
        ),
        ("d.en.md:6:1", "the lead photo names no file"),
    ] {
        let block = error
            .split("error: ")
            .find(|block| block.contains(at))
            .unwrap_or_else(|| panic!("nothing at {at}:\n{error}"));
        assert!(block.contains(says), "{at}: {says}\n{error}");
    }
    assert_eq!(error.matches("help: ").count(), 4, "{error}");
}

/// The `content` of `<meta property|name="key">` elements of a page.
fn meta(page: &crate::fixture::Page, key: &str) -> Vec<String> {
    let mut values = page.attrs(&format!("meta[property=\"{key}\"]"), "content");
    values.extend(page.attrs(&format!("meta[name=\"{key}\"]"), "content"));
    values
}

#[test]
fn a_shared_article_shows_its_photo_title_and_summary() {
    let site = site_with_lead();
    site.build_ok();
    let en = site.page("/en/2024/drier/");
    let one = |key: &str| {
        let values = meta(&en, key);
        assert_eq!(values.len(), 1, "{key}: {values:?}");
        values[0].clone()
    };
    assert_eq!(one("og:type"), "article");
    assert_eq!(one("og:title"), "A new drier");
    assert_eq!(one("og:description"), "A new rice drier for 40 members.");
    assert_eq!(one("og:url"), "https://example.org/en/2024/drier/");
    assert_eq!(one("og:locale"), "en_US");
    // One alternate per translation: Arabic only.
    assert_eq!(meta(&en, "og:locale:alternate"), ["ar_EG"]);
    let image = one("og:image");
    assert_eq!(
        image,
        format!("https://example.org{}", en.attr("figure.lead img", "src"))
    );
    assert_eq!(one("og:image:width"), en.attr("figure.lead img", "width"));
    assert_eq!(one("og:image:height"), en.attr("figure.lead img", "height"));
    assert_eq!(one("og:image:alt"), "Members load the drier");
    assert_eq!(one("article:published_time"), "2024-03-01T00:00:00Z");
    assert_eq!(one("twitter:card"), "summary_large_image");
    assert_eq!(en.attr("link[rel=canonical]", "href"), one("og:url"));
    // The image shared is a file of the site, a JPEG of that size.
    let file = site
        .output()
        .join(image.strip_prefix("https://example.org/").unwrap());
    let bytes = std::fs::read(file).unwrap();
    assert!(bytes.starts_with(&[0xFF, 0xD8]));
    assert_eq!(size(&bytes).0.to_string(), one("og:image:width"));

    let scripts = en.texts("script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1);
    let ld: serde_json::Value = serde_json::from_str(&scripts[0]).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "A new drier");
    assert_eq!(ld["description"], "A new rice drier for 40 members.");
    assert_eq!(ld["datePublished"], "2024-03-01T00:00:00Z");
    assert_eq!(ld["inLanguage"], "en");
    assert_eq!(ld["author"]["name"], "Lan Anh");
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], "Cooperative Bulletin");
    assert_eq!(ld["image"]["url"], image);
    assert_eq!(ld["mainEntityOfPage"], "https://example.org/en/2024/drier/");

    // The Arabic version: its own language, the publisher in Arabic, and the
    // site as author, as its file writes no byline.
    let ar = site.page("/ar/2024/drier/");
    let ld: serde_json::Value =
        serde_json::from_str(&ar.text("script[type=\"application/ld+json\"]")).unwrap();
    assert_eq!(ld["inLanguage"], "ar");
    assert_eq!(ld["publisher"]["name"], "نشرة التعاونيات");
    assert_eq!(ld["author"]["@type"], "Organization");
    assert_eq!(meta(&ar, "og:locale"), ["ar_EG"]);
    assert_eq!(meta(&ar, "og:locale:alternate"), ["en_US"]);

    // Other pages: the site's defaults, no image.
    let home = site.page("/en/");
    assert_eq!(meta(&home, "og:type"), ["website"]);
    assert_eq!(meta(&home, "og:site_name"), ["Cooperative Bulletin"]);
    assert_eq!(meta(&home, "twitter:card"), ["summary"]);
    assert_eq!(meta(&home, "og:image"), Vec::<String>::new());
    assert_eq!(home.count("script[type=\"application/ld+json\"]"), 0);
}

#[test]
fn a_custom_theme_makes_photos_with_the_picture_function() {
    let site = site_with_lead();
    site.write(
        "templates/article.html",
        "{% if article.photo %}{{ picture(photo=article.photo, sizes=\"50vw\") }}\
         <p id=\"fields\">{{ article.photo.width }}x{{ article.photo.height }} {{ article.photo.src }}</p>{% endif %}",
    );
    site.build_ok();
    let page = site.page("/en/2024/drier/");
    assert_eq!(page.attr("picture source", "sizes"), "50vw");
    assert_eq!(page.attr("picture img", "loading"), "lazy");
    let src = page.attr("picture img", "src");
    assert_eq!(page.text("#fields"), format!("960x640 {src}"));
    assert_eq!(
        srcset(&page.attr("picture source", "srcset"))
            .iter()
            .map(|c| c.1)
            .collect::<Vec<_>>(),
        [480, 960, 1200]
    );

    // A small picture offers no file wider than it needs; a lead loads first.
    site.write(
        "templates/article.html",
        "{{ picture(photo=article.photo, sizes=\"7rem\", widest=336, lead=true) }}",
    );
    site.build_ok();
    let page = site.page("/en/2024/drier/");
    let offered = srcset(&page.attr("picture source", "srcset"));
    assert_eq!(offered.iter().map(|c| c.1).collect::<Vec<_>>(), [480]);
    assert_eq!(page.attr("picture img", "fetchpriority"), "high");

    // Anything but a photo is an error naming the template and the field.
    site.write("templates/article.html", "{{ picture(photo=article) }}");
    let error = site.build_err();
    assert!(error.contains("article.html"), "{error}");
    assert!(error.contains("`photo` has no `srcset`"), "{error}");
}
