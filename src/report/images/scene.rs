//! A chart as a list of shapes in pixels, drawn the same way to SVG and PNG.
//! Text is already turned into outlines ((text.rs)), so neither output
//! needs a font on the machine that opens it.

/// An RGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// One step of an outline, in pixels, y downwards.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    Move(f32, f32),
    Line(f32, f32),
    Quad(f32, f32, f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A filled outline (bars, doughnut slices, glyphs).
    Fill { path: Vec<Step>, color: Rgb },
    /// A stroked open line (axes, grid, series).
    Stroke {
        points: Vec<(f32, f32)>,
        color: Rgb,
        width: f32,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub shapes: Vec<Shape>,
}

impl Scene {
    pub fn new(width: u32, height: u32) -> Scene {
        Scene {
            width,
            height,
            shapes: Vec::new(),
        }
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        let (y0, y1) = (y.min(y + h), y.max(y + h));
        self.shapes.push(Shape::Fill {
            path: vec![
                Step::Move(x, y0),
                Step::Line(x + w, y0),
                Step::Line(x + w, y1),
                Step::Line(x, y1),
                Step::Close,
            ],
            color,
        });
    }

    pub fn line(&mut self, points: Vec<(f32, f32)>, color: Rgb, width: f32) {
        self.shapes.push(Shape::Stroke {
            points,
            color,
            width,
        });
    }
}
