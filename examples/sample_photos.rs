//! Draws the sample bulletin's photos (landscapes made of numbers, see
//! `gen_corpus/scene.rs`) into `content/`, beside the articles that show them.
//!
//! ```text
//! cargo run --release --example sample_photos -- content
//! ```
//!
//! The same program always draws the same files.

#[path = "gen_corpus/scene.rs"]
mod scene;

use std::path::PathBuf;

use image::ImageEncoder;

/// Each photo: its file under the content folder, its scene (of
/// [`scene::ALL`]: paddies, dragon fruit, karst, harvest) and its seed.
const PHOTOS: [(&str, usize, u64); 4] = [
    ("binh-thuan/dragon-fruit.jpg", 1, 3),
    ("ha-tinh/paddies.jpg", 0, 5),
    ("ninh-binh/karst.jpg", 2, 2),
    ("quang-tri/harvest.jpg", 3, 4),
];

fn main() -> std::io::Result<()> {
    let content = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "content".into()));
    for (file, scene, seed) in PHOTOS {
        let image = scene::draw(&scene::ALL[scene], 1600, 1067, seed);
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 82)
            .write_image(
                &image,
                image.width(),
                image.height(),
                image::ExtendedColorType::Rgb8,
            )
            .map_err(std::io::Error::other)?;
        let path = content.join(file);
        std::fs::write(&path, &jpeg)?;
        println!("{} ({} KB)", path.display(), jpeg.len() / 1024);
    }
    Ok(())
}
