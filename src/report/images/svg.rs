//! A scene as SVG: paths only, so it shows the same everywhere.

use super::scene::{Scene, Shape, Step};
use std::fmt::Write;

/// Two decimals: enough for pixels, and the same text on every run.
fn n(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

pub fn to_svg(scene: &Scene) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        w = scene.width,
        h = scene.height
    );
    let _ = writeln!(
        out,
        r##"<rect width="{}" height="{}" fill="#ffffff"/>"##,
        scene.width, scene.height
    );
    for shape in &scene.shapes {
        match shape {
            Shape::Fill { path, color } => {
                let mut d = String::new();
                for step in path {
                    let _ = match *step {
                        Step::Move(x, y) => write!(d, "M{} {}", n(x), n(y)),
                        Step::Line(x, y) => write!(d, "L{} {}", n(x), n(y)),
                        Step::Quad(x1, y1, x, y) => {
                            write!(d, "Q{} {} {} {}", n(x1), n(y1), n(x), n(y))
                        }
                        Step::Cubic(x1, y1, x2, y2, x, y) => write!(
                            d,
                            "C{} {} {} {} {} {}",
                            n(x1),
                            n(y1),
                            n(x2),
                            n(y2),
                            n(x),
                            n(y)
                        ),
                        Step::Close => write!(d, "Z"),
                    };
                }
                let _ = writeln!(out, r#"<path d="{d}" fill="{}"/>"#, color.hex());
            }
            Shape::Stroke {
                points,
                color,
                width,
            } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                    .collect();
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round"/>"#,
                    pts.join(" "),
                    color.hex(),
                    n(*width)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}
