//! Landscapes drawn from numbers: the sample bulletin's photos and the
//! benchmark's. A scene is a sky, ridges of hills and fields in perspective,
//! with the texture and grain of a photo, so that it costs what a photo
//! costs to decode, resize and encode.
//!
//! The same scene, size and seed always draw the same pixels.

use image::{Rgb, RgbImage};

/// What a landscape shows.
#[derive(Debug, Clone, Copy)]
pub struct Scene {
    /// The sky at the top, and at the horizon.
    pub sky: [[u8; 3]; 2],
    /// The farthest ridge, and the nearest.
    pub hills: [[u8; 3]; 2],
    /// How steep the ridges are: 1 for rolling hills, 3 for limestone karst.
    pub steepness: f32,
    /// The two colours of the fields' alternating plots.
    pub fields: [[u8; 3]; 2],
    /// A colour dotted along the crop rows (fruit), if any.
    pub fruit: Option<[u8; 3]>,
    /// Where the horizon is, as a share of the height.
    pub horizon: f32,
}

/// Rice paddies under hills, in the green of the growing season.
pub const PADDIES: Scene = Scene {
    sky: [[96, 150, 205], [214, 226, 232]],
    hills: [[150, 172, 170], [52, 98, 58]],
    steepness: 1.0,
    fields: [[92, 150, 58], [122, 172, 70]],
    fruit: None,
    horizon: 0.42,
};

/// Dragon-fruit rows on dry land, in strong light.
pub const DRAGON_FRUIT: Scene = Scene {
    sky: [[70, 140, 215], [200, 222, 240]],
    hills: [[170, 168, 150], [120, 110, 80]],
    steepness: 0.8,
    fields: [[118, 146, 70], [168, 150, 108]],
    fruit: Some([214, 48, 118]),
    horizon: 0.38,
};

/// Limestone peaks above a valley of fields.
pub const KARST: Scene = Scene {
    sky: [[140, 160, 180], [222, 224, 218]],
    hills: [[160, 172, 168], [40, 72, 52]],
    steepness: 3.0,
    fields: [[84, 140, 70], [104, 152, 92]],
    fruit: None,
    horizon: 0.58,
};

/// Ripe rice at harvest, under an evening sky.
pub const HARVEST: Scene = Scene {
    sky: [[112, 128, 170], [246, 196, 132]],
    hills: [[150, 128, 130], [70, 72, 60]],
    steepness: 1.3,
    fields: [[206, 168, 64], [186, 146, 52]],
    fruit: None,
    horizon: 0.45,
};

/// Every scene, for drawing many different photos.
pub const ALL: [Scene; 4] = [PADDIES, DRAGON_FRUIT, KARST, HARVEST];

/// Draws `scene` at `width` × `height`; `seed` chooses the shapes of its
/// ridges and fields, its clouds and its grain.
pub fn draw(scene: &Scene, width: u32, height: u32, seed: u64) -> RgbImage {
    let (w, h) = (width as f32, height as f32);
    let horizon = scene.horizon * h;
    let ridges: Vec<Ridge> = (0..3).map(|layer| Ridge::new(scene, layer, seed)).collect();
    let noise = Noise(seed);
    let vanishing = w * (0.3 + 0.4 * noise.unit(7));
    RgbImage::from_fn(width, height, |px, py| {
        let (x, y) = (px as f32 / w, py as f32);
        let mut colour = if y < horizon {
            sky_or_ridge(scene, &ridges, &noise, x, y / horizon)
        } else {
            field(scene, &noise, px as f32, y, horizon, h, vanishing)
        };
        // The texture of leaves, soil and haze, and the grain of a sensor.
        let texture = 1.0 + 0.09 * (noise.fbm(px as f32 / 18.0, py as f32 / 18.0, 3) - 0.5);
        let grain = (noise.at(px as i64, py as i64, 99) - 0.5) * 7.0;
        for c in &mut colour {
            *c = (*c * texture + grain).clamp(0.0, 255.0);
        }
        Rgb(colour.map(|c| c as u8))
    })
}

/// One ridge of hills: its outline, and its colour.
struct Ridge {
    /// Height above the horizon, as a share of the sky, at rest.
    base: f32,
    /// Waves of the outline: amplitude, frequency, phase.
    waves: [(f32, f32, f32); 4],
    colour: [f32; 3],
}

impl Ridge {
    fn new(scene: &Scene, layer: u32, seed: u64) -> Ridge {
        let noise = Noise(seed.wrapping_add(u64::from(layer) * 31));
        let near = layer as f32 / 2.0;
        let waves = std::array::from_fn(|i| {
            let i = i as f32;
            let frequency = (2.0 + 3.0 * i) * (1.0 + 0.5 * scene.steepness) * (1.0 + near);
            let amplitude = 0.1 * scene.steepness.sqrt() / (1.0 + i) * (1.0 - 0.4 * near);
            (
                amplitude,
                frequency,
                std::f32::consts::TAU * noise.unit(i as i64),
            )
        });
        Ridge {
            base: 0.25 - 0.08 * layer as f32,
            waves,
            colour: mix(scene.hills[0], scene.hills[1], near),
        }
    }

    /// How far above the horizon the ridge is at `x`, as a share of the sky.
    fn top(&self, x: f32, steepness: f32) -> f32 {
        let wave: f32 = self
            .waves
            .iter()
            .map(|(a, f, p)| a * (f * x + p).sin())
            .sum();
        // Karst peaks are steep: the waves' crests are sharpened.
        self.base + wave.signum() * wave.abs().powf(1.0 / steepness.max(1.0))
    }
}

fn sky_or_ridge(scene: &Scene, ridges: &[Ridge], noise: &Noise, x: f32, y: f32) -> [f32; 3] {
    // y: 0 at the top of the picture, 1 at the horizon.
    let above = 1.0 - y;
    for ridge in ridges.iter().rev() {
        if above < ridge.top(x, scene.steepness) {
            let shade = 0.9 + 0.1 * noise.fbm(x * 40.0, y * 12.0, 2);
            return ridge.colour.map(|c| c * shade);
        }
    }
    let mut sky = mix(scene.sky[0], scene.sky[1], y.powf(1.5));
    let cloud = (noise.fbm(x * 5.0, y * 9.0, 4) - 0.55).max(0.0) * 2.2;
    for c in &mut sky {
        *c += (250.0 - *c) * cloud.min(1.0);
    }
    sky
}

fn field(
    scene: &Scene,
    noise: &Noise,
    x: f32,
    y: f32,
    horizon: f32,
    height: f32,
    vanishing: f32,
) -> [f32; 3] {
    // Depth: 0 at the horizon, 1 at the bottom; plots narrow towards the horizon.
    let depth = ((y - horizon) / (height - horizon)).max(1e-3);
    let plot = (2.5 / depth) as i64;
    let across = (x - vanishing) / depth / height;
    let column = (across * 3.0).floor() as i64;
    let which = noise.at(plot, column, 5) > 0.5;
    let mut colour = mix(
        scene.fields[0],
        scene.fields[1],
        if which { 1.0 } else { 0.0 },
    );
    // Crop rows converging on the vanishing point, darker between them.
    let row = (across * 40.0).rem_euclid(1.0);
    let furrow = if row < 0.25 { 0.8 } else { 1.0 };
    let light = 0.75 + 0.25 * depth;
    for c in &mut colour {
        *c *= furrow * light;
    }
    if let Some(fruit) = scene.fruit
        && row > 0.45
        && row < 0.6
        && noise.at(
            (x / (2.0 + 6.0 * depth)) as i64,
            (y / (2.0 + 6.0 * depth)) as i64,
            11,
        ) > 0.93
    {
        colour = fruit.map(f32::from);
    }
    colour
}

/// The colour `share` of the way from `a` to `b`.
fn mix(a: [u8; 3], b: [u8; 3], share: f32) -> [f32; 3] {
    std::array::from_fn(|i| f32::from(a[i]) + (f32::from(b[i]) - f32::from(a[i])) * share)
}

/// Value noise from a seed: the same point always has the same value.
struct Noise(u64);

impl Noise {
    /// A value in [0, 1) for a lattice point.
    fn at(&self, x: i64, y: i64, salt: u64) -> f32 {
        let mut h = self.0 ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= (x as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h = h.rotate_left(31) ^ (y as u64).wrapping_mul(0x94D0_49BB_1331_11EB);
        h ^= h >> 29;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 32;
        (h >> 40) as f32 / (1u64 << 24) as f32
    }

    /// A value in [0, 1) for a number.
    fn unit(&self, i: i64) -> f32 {
        self.at(i, 0, 1)
    }

    /// Smooth noise at a point, between lattice values.
    fn smooth(&self, x: f32, y: f32, salt: u64) -> f32 {
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
        let (i, j) = (x0 as i64, y0 as i64);
        let top = self.at(i, j, salt) + (self.at(i + 1, j, salt) - self.at(i, j, salt)) * sx;
        let bottom =
            self.at(i, j + 1, salt) + (self.at(i + 1, j + 1, salt) - self.at(i, j + 1, salt)) * sx;
        top + (bottom - top) * sy
    }

    /// Octaves of smooth noise, in [0, 1).
    fn fbm(&self, x: f32, y: f32, octaves: u32) -> f32 {
        let (mut sum, mut amplitude, mut total, mut scale) = (0.0, 1.0, 0.0, 1.0);
        for octave in 0..octaves {
            sum += amplitude * self.smooth(x * scale, y * scale, u64::from(octave) + 20);
            total += amplitude;
            amplitude *= 0.5;
            scale *= 2.0;
        }
        sum / total
    }
}
