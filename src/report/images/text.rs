//! Text as outlines, from a subset of Noto Sans CJK SC shipped in the binary
//! (assets/fonts: GB 2312 and ASCII; OFL). A character the subset lacks is
//! drawn as an empty box, never silently dropped.

use super::scene::{Rgb, Scene, Shape, Step};
use std::sync::OnceLock;
use ttf_parser::{Face, OutlineBuilder};

static FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-GB2312.otf");

fn face() -> &'static Face<'static> {
    static FACE: OnceLock<Face<'static>> = OnceLock::new();
    FACE.get_or_init(|| Face::parse(FONT, 0).expect("the shipped font parses"))
}

/// Where a text stands relative to its x.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// The width of `text` at `size` pixels.
pub fn width(text: &str, size: f32) -> f32 {
    let face = face();
    let scale = size / face.units_per_em() as f32;
    text.chars()
        .map(|c| match face.glyph_index(c) {
            Some(g) => face.glyph_hor_advance(g).unwrap_or(0) as f32 * scale,
            None => size,
        })
        .sum()
}

struct Outline {
    steps: Vec<Step>,
    x: f32,
    baseline: f32,
    scale: f32,
}

impl Outline {
    fn p(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.baseline - y * self.scale)
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.steps.push(Step::Move(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.steps.push(Step::Line(x, y));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.p(x1, y1), self.p(x, y));
        self.steps.push(Step::Quad(x1, y1, x, y));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.p(x1, y1), self.p(x2, y2), self.p(x, y));
        self.steps.push(Step::Cubic(x1, y1, x2, y2, x, y));
    }
    fn close(&mut self) {
        self.steps.push(Step::Close);
    }
}

/// Draws `text` with its baseline at `y`.
pub fn draw(scene: &mut Scene, text: &str, x: f32, y: f32, size: f32, anchor: Anchor, color: Rgb) {
    let face = face();
    let scale = size / face.units_per_em() as f32;
    let start = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - width(text, size) / 2.0,
        Anchor::End => x - width(text, size),
    };
    let mut outline = Outline {
        steps: Vec::new(),
        x: start,
        baseline: y,
        scale,
    };
    for c in text.chars() {
        match face.glyph_index(c) {
            Some(g) => {
                face.outline_glyph(g, &mut outline);
                outline.x += face.glyph_hor_advance(g).unwrap_or(0) as f32 * scale;
            }
            None => {
                // An empty box where the subset has no glyph.
                let (x0, top, w) = (outline.x + size * 0.1, y - size * 0.8, size * 0.8);
                let b = size * 0.08;
                outline.steps.extend([
                    Step::Move(x0, top),
                    Step::Line(x0 + w, top),
                    Step::Line(x0 + w, top + w),
                    Step::Line(x0, top + w),
                    Step::Close,
                    Step::Move(x0 + b, top + b),
                    Step::Line(x0 + b, top + w - b),
                    Step::Line(x0 + w - b, top + w - b),
                    Step::Line(x0 + w - b, top + b),
                    Step::Close,
                ]);
                outline.x += size;
            }
        }
    }
    if !outline.steps.is_empty() {
        scene.shapes.push(Shape::Fill {
            path: outline.steps,
            color,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_has_outlines_and_widths() {
        assert!(face().glyph_index('镇').is_some());
        assert!(face().glyph_index('亿').is_some());
        let w = width("注册外资", 20.0);
        assert!((w - 80.0).abs() < 1.0, "four full-width characters: {w}");
        let mut scene = Scene::new(100, 30);
        draw(
            &mut scene,
            "到帐外资",
            0.0,
            20.0,
            16.0,
            Anchor::Start,
            Rgb(0, 0, 0),
        );
        let Shape::Fill { path, .. } = &scene.shapes[0] else {
            panic!("a filled outline")
        };
        assert!(path.len() > 40, "real glyph outlines");
    }
}
