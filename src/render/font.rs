//! Font: find one font that covers both Latin and Chinese and register it with plotters.
//!
//! plotters (with `ab_glyph`) draws text with one registered font and no per-glyph
//! fallback, so the font must cover both scripts. Search order: `--font FILE`, the
//! `CONSORTIA_FONT` environment variable, then the usual Linux, macOS and Windows locations
//! of Noto Sans CJK / Source Han Sans / WenQuanYi / PingFang / Microsoft YaHei / SimHei.
//! In a font collection (.ttc) the Simplified-Chinese face is chosen by its family name
//! (`… SC`), and the collection is handed to plotters with that face first, since plotters
//! always reads face 0. Registration happens once per process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::style::FontStyle;

/// The CSS family list that SVG text names, and the family the charts draw with: common
/// Chinese systems have one of these.
pub const FAMILY: &str =
    "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";

/// Where to look for a CJK-capable font, in order.
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/adobe-source-han-sans/SourceHanSansSC-Regular.otf",
    "/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simhei.ttf",
];

/// Latin-only fonts used when no CJK font exists, so figures still get (English) labels.
const LATIN_FALLBACKS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/System/Library/Fonts/Helvetica.ttc",
    "C:\\Windows\\Fonts\\arial.ttf",
];

pub use crate::output::FigureFont as ChosenFont;

/// Read `path` and choose a face that has `A` (and `中` when `cjk`); prefer a
/// Simplified-Chinese face. Returns the font bytes reordered so that face comes first.
pub fn load_face(path: &Path, cjk: bool) -> Option<(Vec<u8>, ChosenFont)> {
    let data = std::fs::read(path).ok()?;
    let count = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
    let mut best: Option<(u32, String, bool)> = None;
    for i in 0..count {
        let Ok(face) = ttf_parser::Face::parse(&data, i) else {
            continue;
        };
        if (cjk && face.glyph_index('中').is_none()) || face.glyph_index('A').is_none() {
            continue;
        }
        let family = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
            .find_map(|n| n.to_string())
            .unwrap_or_default();
        let sc = family.ends_with(" SC") || family.contains("SC ") || family.contains("GB");
        if best.as_ref().is_none_or(|b| sc && !b.2) {
            best = Some((i, family, sc));
        }
    }
    let (face, family, _) = best?;
    let bytes = if count > 1 && face > 0 {
        face_first(data, face)?
    } else {
        data
    };
    Some((
        bytes,
        ChosenFont {
            path: path.to_path_buf(),
            face,
            family,
            cjk,
        },
    ))
}

/// A copy of a TrueType collection whose header lists face `k` first (offsets inside a
/// collection are absolute, so swapping two header entries is enough).
fn face_first(mut data: Vec<u8>, k: u32) -> Option<Vec<u8>> {
    if data.get(0..4)? != b"ttcf" {
        return None;
    }
    let at = |i: u32| 12 + 4 * i as usize;
    let (a, b) = (at(0), at(k));
    data.get(b..b + 4)?;
    for j in 0..4 {
        data.swap(a + j, b + j);
    }
    Some(data)
}

/// The font actually registered, once per process: `None` when no CJK font was found.
static REGISTERED: OnceLock<Option<ChosenFont>> = OnceLock::new();

/// Find and register the font (`explicit` first, then `CONSORTIA_FONT`, then the system).
/// Later calls return the first outcome.
pub fn ensure(explicit: Option<&Path>) -> Option<ChosenFont> {
    REGISTERED
        .get_or_init(|| {
            let env = std::env::var_os("CONSORTIA_FONT").map(PathBuf::from);
            let candidates = explicit
                .map(Path::to_path_buf)
                .into_iter()
                .chain(env)
                .chain(CANDIDATES.iter().map(PathBuf::from))
                .map(|p| (p, true))
                .chain(LATIN_FALLBACKS.iter().map(|p| (PathBuf::from(p), false)));
            for (path, cjk) in candidates {
                if let Some((bytes, chosen)) = load_face(&path, cjk) {
                    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                    let ok = [FAMILY, "sans-serif"].iter().all(|family| {
                        plotters::style::register_font(family, FontStyle::Normal, bytes).is_ok()
                            && plotters::style::register_font(family, FontStyle::Bold, bytes)
                                .is_ok()
                    });
                    if ok {
                        return Some(chosen);
                    }
                }
            }
            None
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    /// Rasterise one character with the registered font; the dark pixels of the image.
    fn raster(c: &str) -> Vec<bool> {
        let (w, h) = (64u32, 64u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            root.draw(&Text::new(
                c.to_string(),
                (8, 4),
                (FAMILY, 48).into_font().color(&BLACK),
            ))
            .unwrap();
            root.present().unwrap();
        }
        buf.chunks(3).map(|p| p[0] < 128).collect()
    }

    /// CI installs fonts-noto-cjk; elsewhere set CONSORTIA_FONT to a CJK font.
    #[test]
    fn chinese_label_rasterises_to_real_glyphs() {
        let font = ensure(None).expect("a font (install fonts-noto-cjk or set CONSORTIA_FONT)");
        assert!(font.cjk, "the font found must cover Chinese: {font:?}");
        let (zhong, guo, a) = (raster("中"), raster("国"), raster("A"));
        let ink = |v: &[bool]| v.iter().filter(|&&d| d).count();
        // Real glyphs: ink on the page, and two different characters do not draw the same
        // shape (a missing glyph draws the same .notdef box for both).
        assert!(ink(&zhong) > 60, "中 drew {} dark pixels", ink(&zhong));
        assert!(ink(&guo) > 60);
        assert_ne!(
            zhong, guo,
            "中 and 国 rasterise identically: boxes, not glyphs"
        );
        assert_ne!(zhong, a);
        // 中 is symmetric about its vertical stroke: a box would be too, so also check that
        // its centre column is inked (the stroke) while a hollow box's centre is not.
        let xs: Vec<usize> = (0..64 * 64).filter(|&i| zhong[i]).map(|i| i % 64).collect();
        let mid = (xs.iter().min().unwrap() + xs.iter().max().unwrap()) / 2;
        let stroke = (0..64)
            .map(|y| (mid - 1..=mid + 1).any(|x| zhong[y * 64 + x]) as usize)
            .sum::<usize>();
        assert!(
            stroke > 30,
            "no vertical stroke through the middle of 中: {stroke} rows"
        );
    }

    #[test]
    fn collection_face_is_moved_first() {
        let mut ttc = b"ttcf\x00\x01\x00\x00\x00\x00\x00\x03".to_vec();
        for off in [100u32, 200, 300] {
            ttc.extend_from_slice(&off.to_be_bytes());
        }
        let moved = face_first(ttc, 2).unwrap();
        assert_eq!(&moved[12..16], &300u32.to_be_bytes());
        assert_eq!(&moved[20..24], &100u32.to_be_bytes());
    }
}
