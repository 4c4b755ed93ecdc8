//! A photo's pixels: its size read from its header, and its published files
//! made from it (decoded, turned upright, resized, encoded).

use std::io::Cursor;
use std::path::Path;

use fast_image_resize::images::Image;
use fast_image_resize::{PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::{Format, Photo, Problem, Variant};
use crate::config::PhotoSettings;
use crate::fs;

/// The formats photos may come in.
const READ: [image::ImageFormat; 3] = [
    image::ImageFormat::Jpeg,
    image::ImageFormat::Png,
    image::ImageFormat::WebP,
];

fn unsupported() -> Problem {
    Problem {
        message: "this is not a JPEG, PNG or WebP photo".into(),
        hint: "save the photo as JPEG (or PNG, WebP) and name the file after what it is",
    }
}

fn unreadable(e: &image::ImageError) -> Problem {
    Problem {
        message: format!("the photo cannot be read: {}", e.to_string().trim_end()),
        hint: "the file is damaged or was only partly copied: copy it again from its source",
    }
}

fn unwritable(e: &crate::error::Error) -> Problem {
    Problem {
        message: format!("the cache cannot be written: {e}"),
        hint: "check that the site's folder is writable",
    }
}

/// A decoder of `bytes`, refusing photos of more than `max_pixels` pixels
/// before a pixel is decoded.
fn decoder<'b>(
    bytes: &'b [u8],
    settings: &PhotoSettings,
) -> Result<impl ImageDecoder + 'b, Problem> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| unsupported())?;
    if !reader.format().is_some_and(|f| READ.contains(&f)) {
        return Err(unsupported());
    }
    let decoder = reader.into_decoder().map_err(|e| unreadable(&e))?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > settings.max_pixels {
        return Err(Problem {
            message: format!(
                "the photo is {width} × {height} pixels, more than the {} megapixels a photo may be",
                settings.max_pixels / 1_000_000
            ),
            hint: "make it smaller before adding it (a 4,000-pixel-wide photo is plenty), or raise photos.max_megapixels in site.toml",
        });
    }
    Ok(decoder)
}

/// A photo's size once turned upright, read from its header.
pub fn upright_size(bytes: &[u8], settings: &PhotoSettings) -> Result<(u32, u32), Problem> {
    let mut decoder = decoder(bytes, settings)?;
    let (width, height) = decoder.dimensions();
    let orientation = decoder.orientation().map_err(|e| unreadable(&e))?;
    Ok(if turns_sideways(orientation) {
        (height, width)
    } else {
        (width, height)
    })
}

/// Whether an orientation swaps width and height.
fn turns_sideways(orientation: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation::*;
    matches!(
        orientation,
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH
    )
}

/// Makes the files `variants` of `photo` in the folder `dir` (step 2 of
/// [`super::Photos::prepare`]): in a folder of their own, which takes `dir`'s
/// name once they are all written, so that `dir` is there whole or not at all.
pub fn make(
    photo: &Photo,
    variants: &[Variant],
    settings: &PhotoSettings,
    dir: &Path,
) -> Result<(), Problem> {
    let bytes = fs::read(&photo.source).map_err(|e| Problem {
        message: format!("the photo cannot be read: {e}"),
        hint: "check that the file is there and readable",
    })?;
    let mut decoder = decoder(&bytes, settings)?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(settings.max_pixels.saturating_mul(8));
    decoder.set_limits(limits).map_err(|e| unreadable(&e))?;
    let orientation = decoder.orientation().map_err(|e| unreadable(&e))?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| unreadable(&e))?;
    image.apply_orientation(orientation);
    // WebP keeps a photo's transparency; a JPEG has none, and gets white.
    let opaque = !image.color().has_alpha();
    let image = if opaque {
        DynamicImage::ImageRgb8(image.into_rgb8())
    } else {
        DynamicImage::ImageRgba8(image.into_rgba8())
    };
    let part = dir.with_extension(format!("part-{}", std::process::id()));
    fs::remove_dir_all(&part).map_err(|e| unwritable(&e))?;
    fs::create_dir_all(&part).map_err(|e| unwritable(&e))?;
    let mut resizer = Resizer::new();
    for variant in variants {
        let pixels = resized(&mut resizer, &image, variant)?;
        let encoded = encode(&pixels, variant, opaque, settings.quality)?;
        fs::write(&part.join(photo.file_name(variant)), &encoded).map_err(|e| unwritable(&e))?;
    }
    match fs::rename(&part, dir) {
        Ok(()) => Ok(()),
        // Made meanwhile by another build.
        Err(_) if dir.is_dir() => fs::remove_dir_all(&part).map_err(|e| unwritable(&e)),
        Err(e) => Err(unwritable(&e)),
    }
}

/// The photo's pixels at the variant's size.
fn resized(
    resizer: &mut Resizer,
    image: &DynamicImage,
    variant: &Variant,
) -> Result<Vec<u8>, Problem> {
    if variant.width == image.width() && variant.height == image.height() {
        return Ok(image.as_bytes().to_vec());
    }
    let pixel = if image.color().has_alpha() {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let mut target = Image::new(variant.width, variant.height, pixel);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(
        fast_image_resize::FilterType::Lanczos3,
    ));
    resizer
        .resize(image, &mut target, &options)
        .map_err(|e| Problem {
            message: format!("the photo cannot be resized: {e}"),
            hint: "save the photo again in an ordinary format (8-bit JPEG)",
        })?;
    Ok(target.into_vec())
}

/// libwebp's trade of speed for size, from 0 (fastest) to 6; its default is
/// 4. On 2-megapixel photos at quality 80, method 2 encoded in 54 ms what
/// method 4 did in 135 ms, into a file 1% larger.
const WEBP_METHOD: i32 = 2;

fn cannot_encode(why: &str) -> Problem {
    Problem {
        message: format!("the photo cannot be encoded: {why}"),
        hint: "save the photo again in an ordinary format (8-bit JPEG)",
    }
}

/// The variant's pixels encoded in its format.
fn encode(pixels: &[u8], variant: &Variant, opaque: bool, quality: u8) -> Result<Vec<u8>, Problem> {
    match variant.format {
        Format::Webp => {
            let encoder = if opaque {
                webp::Encoder::from_rgb(pixels, variant.width, variant.height)
            } else {
                webp::Encoder::from_rgba(pixels, variant.width, variant.height)
            };
            let mut config =
                webp::WebPConfig::new().map_err(|()| cannot_encode("no WebP settings"))?;
            config.quality = f32::from(quality);
            config.method = WEBP_METHOD;
            let encoded = encoder
                .encode_advanced(&config)
                .map_err(|e| cannot_encode(&format!("{e:?}")))?;
            Ok(encoded.to_vec())
        }
        Format::Jpeg => {
            let rgb: std::borrow::Cow<'_, [u8]> = if opaque {
                pixels.into()
            } else {
                on_white(pixels).into()
            };
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
                .encode(
                    &rgb,
                    variant.width,
                    variant.height,
                    image::ExtendedColorType::Rgb8,
                )
                .map_err(|e| cannot_encode(&e.to_string()))?;
            Ok(out)
        }
    }
}

/// RGBA pixels laid on white, as RGB.
fn on_white(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| {
            let a = u16::from(p[3]);
            [0, 1, 2].map(|i| ((u16::from(p[i]) * a + 255 * (255 - a)) / 255) as u8)
        })
        .collect()
}
