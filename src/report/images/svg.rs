//! A scene as SVG: paths only, so it shows the same everywhere.

use super::scene::{Scene, Shape, Step};
use std::fmt::Write;

/// Writes `v` with two decimals less trailing zeros, never "-0": enough for
/// pixels, and the same text on every run. Written in place, as a chart of a
/// thousand units has a million numbers.
fn push_number(out: &mut String, v: f32) {
    let start = out.len();
    let _ = write!(out, "{v:.2}");
    let kept = out[start..]
        .trim_end_matches('0')
        .trim_end_matches('.')
        .len();
    out.truncate(start + kept);
    if &out[start..] == "-0" {
        out.replace_range(start.., "0");
    }
}

/// Writes `values` after `command`, separated by spaces.
fn push_step(out: &mut String, command: char, values: &[f32]) {
    out.push(command);
    for (k, v) in values.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_number(out, *v);
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
                out.push_str(r#"<path d=""#);
                for step in path {
                    match *step {
                        Step::Move(x, y) => push_step(&mut out, 'M', &[x, y]),
                        Step::Line(x, y) => push_step(&mut out, 'L', &[x, y]),
                        Step::Quad(x1, y1, x, y) => push_step(&mut out, 'Q', &[x1, y1, x, y]),
                        Step::Cubic(x1, y1, x2, y2, x, y) => {
                            push_step(&mut out, 'C', &[x1, y1, x2, y2, x, y])
                        }
                        Step::Close => out.push('Z'),
                    }
                }
                let _ = writeln!(out, r#"" fill="{}"/>"#, color.hex());
            }
            Shape::Stroke {
                points,
                color,
                width,
            } => {
                out.push_str(r#"<polyline points=""#);
                for (k, (x, y)) in points.iter().enumerate() {
                    if k > 0 {
                        out.push(' ');
                    }
                    push_number(&mut out, *x);
                    out.push(',');
                    push_number(&mut out, *y);
                }
                let _ = write!(
                    out,
                    r#"" fill="none" stroke="{}" stroke-width=""#,
                    color.hex()
                );
                push_number(&mut out, *width);
                out.push_str("\" stroke-linejoin=\"round\"/>\n");
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::push_number;

    #[test]
    fn numbers_have_two_decimals_at_most_and_no_minus_zero() {
        let text = |v: f32| {
            let mut out = String::from("x");
            push_number(&mut out, v);
            out
        };
        assert_eq!(text(100.0), "x100");
        assert_eq!(text(12.5), "x12.5");
        assert_eq!(text(1.23456), "x1.23");
        assert_eq!(text(-0.001), "x0");
        assert_eq!(text(-2.25), "x-2.25");
        assert_eq!(text(0.0), "x0");
    }
}
