//! The bulletin's charts drawn as scenes, from the same tables as the native
//! Excel charts: bars with a line, horizontal bars, lines, a doughnut.

use super::scene::{Rgb, Scene, Step};
use super::text::{self, Anchor};
use crate::report::charts::{ChartTable, Drawing};

const W: u32 = 800;
const H: u32 = 480;
const INK: Rgb = Rgb(0x26, 0x26, 0x26);
const GRID: Rgb = Rgb(0xd9, 0xd9, 0xd9);
/// Excel's default series colours, in order.
const PALETTE: [Rgb; 8] = [
    Rgb(0x44, 0x72, 0xc4),
    Rgb(0xed, 0x7d, 0x31),
    Rgb(0xa5, 0xa5, 0xa5),
    Rgb(0xff, 0xc0, 0x00),
    Rgb(0x5b, 0x9b, 0xd5),
    Rgb(0x70, 0xad, 0x47),
    Rgb(0x26, 0x44, 0x78),
    Rgb(0x9e, 0x48, 0x0e),
];

/// The plot area: left, top, right, bottom.
struct Plot {
    l: f32,
    t: f32,
    r: f32,
    b: f32,
}

pub fn draw_chart(table: &ChartTable, drawing: Drawing) -> Scene {
    let mut scene = Scene::new(W, H);
    text::draw(
        &mut scene,
        &table.title,
        W as f32 / 2.0,
        34.0,
        20.0,
        Anchor::Middle,
        INK,
    );
    if table.categories.is_empty() {
        text::draw(
            &mut scene,
            "（无数据）",
            W as f32 / 2.0,
            H as f32 / 2.0,
            16.0,
            Anchor::Middle,
            INK,
        );
        return scene;
    }
    match drawing {
        Drawing::Doughnut => doughnut(&mut scene, table),
        Drawing::Bars => horizontal_bars(&mut scene, table),
        Drawing::BarsWithLastAsLine | Drawing::Lines => {
            columns_and_lines(&mut scene, table, drawing)
        }
    }
    scene
}

/// A round scale from `lo` to `hi` with about five steps.
fn scale(lo: f32, hi: f32) -> (f32, f32, f32) {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let span = if hi - lo <= 0.0 { 1.0 } else { hi - lo };
    let raw = span / 5.0;
    let mag = 10f32.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

fn label(v: f32) -> String {
    let rounded = v.round() as i64;
    let digits = rounded.abs().to_string();
    let mut grouped = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if rounded < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

fn legend(scene: &mut Scene, names: &[String], colors: &[Rgb], lines: &[bool]) {
    let size = 13.0;
    let widths: Vec<f32> = names.iter().map(|n| text::width(n, size) + 34.0).collect();
    let total: f32 = widths.iter().sum();
    let mut x = (W as f32 - total) / 2.0;
    let y = H as f32 - 18.0;
    for ((name, color), (w, line)) in names.iter().zip(colors).zip(widths.iter().zip(lines)) {
        if *line {
            scene.line(vec![(x, y - 4.0), (x + 20.0, y - 4.0)], *color, 2.5);
        } else {
            scene.rect(x + 4.0, y - 10.0, 12.0, 12.0, *color);
        }
        text::draw(scene, name, x + 24.0, y, size, Anchor::Start, INK);
        x += w;
    }
}

fn columns_and_lines(scene: &mut Scene, table: &ChartTable, drawing: Drawing) {
    let plot = Plot {
        l: 70.0,
        t: 60.0,
        r: W as f32 - 20.0,
        b: H as f32 - 80.0,
    };
    let values: Vec<f32> = table.columns.iter().flatten().map(|v| *v as f32).collect();
    let lo = values.iter().copied().fold(0.0, f32::min);
    let hi = values.iter().copied().fold(0.0, f32::max);
    let (min, max, step) = scale(lo, hi);
    let y_of = |v: f32| plot.b - (v - min) / (max - min) * (plot.b - plot.t);
    let mut v = min;
    while v <= max + step / 2.0 {
        let y = y_of(v);
        scene.line(vec![(plot.l, y), (plot.r, y)], GRID, 1.0);
        text::draw(
            scene,
            &label(v),
            plot.l - 8.0,
            y + 4.0,
            12.0,
            Anchor::End,
            INK,
        );
        v += step;
    }
    let n = table.categories.len();
    let slot = (plot.r - plot.l) / n as f32;
    let series = table.columns.len();
    let bar_series = match drawing {
        Drawing::BarsWithLastAsLine => series - 1,
        _ => 0,
    };
    let bar_w = slot * 0.7 / bar_series.max(1) as f32;
    for (s, column) in table.columns.iter().enumerate().take(bar_series) {
        for (k, v) in column.iter().enumerate() {
            let x = plot.l + k as f32 * slot + slot * 0.15 + s as f32 * bar_w;
            let (y0, y1) = (y_of(0.0), y_of(*v as f32));
            scene.rect(x, y1, bar_w * 0.92, y0 - y1, PALETTE[s % PALETTE.len()]);
        }
    }
    for (s, column) in table.columns.iter().enumerate().skip(bar_series) {
        let points = column
            .iter()
            .enumerate()
            .map(|(k, v)| (plot.l + (k as f32 + 0.5) * slot, y_of(*v as f32)))
            .collect();
        scene.line(points, PALETTE[s % PALETTE.len()], 2.5);
    }
    scene.line(vec![(plot.l, y_of(0.0)), (plot.r, y_of(0.0))], INK, 1.0);
    // Category names, smaller where they would run into each other.
    let widest = table
        .categories
        .iter()
        .map(|c| text::width(c, 12.0))
        .fold(0.0, f32::max);
    let size = if widest > slot * 0.95 {
        12.0 * slot * 0.95 / widest
    } else {
        12.0
    };
    for (k, c) in table.categories.iter().enumerate() {
        let x = plot.l + (k as f32 + 0.5) * slot;
        text::draw(scene, c, x, plot.b + 20.0, size, Anchor::Middle, INK);
    }
    let colors: Vec<Rgb> = (0..series).map(|s| PALETTE[s % PALETTE.len()]).collect();
    let lines: Vec<bool> = (0..series).map(|s| s >= bar_series).collect();
    legend(scene, &table.headers[1..], &colors, &lines);
}

fn horizontal_bars(scene: &mut Scene, table: &ChartTable) {
    let size = 12.0;
    let names_w = table
        .categories
        .iter()
        .map(|c| text::width(c, size))
        .fold(0.0, f32::max);
    let plot = Plot {
        l: 20.0 + names_w + 10.0,
        t: 70.0,
        r: W as f32 - 30.0,
        b: H as f32 - 50.0,
    };
    let values: Vec<f32> = table.columns.iter().flatten().map(|v| *v as f32).collect();
    let (min, max, step) = scale(
        values.iter().copied().fold(0.0, f32::min),
        values.iter().copied().fold(0.0, f32::max),
    );
    let x_of = |v: f32| plot.l + (v - min) / (max - min) * (plot.r - plot.l);
    let mut v = min;
    while v <= max + step / 2.0 {
        let x = x_of(v);
        scene.line(vec![(x, plot.t), (x, plot.b)], GRID, 1.0);
        text::draw(scene, &label(v), x, plot.t - 8.0, size, Anchor::Middle, INK);
        v += step;
    }
    let n = table.categories.len();
    let slot = (plot.b - plot.t) / n as f32;
    let series = table.columns.len();
    let bar_h = slot * 0.7 / series as f32;
    for (k, c) in table.categories.iter().enumerate() {
        let top = plot.t + k as f32 * slot;
        text::draw(
            scene,
            c,
            plot.l - 8.0,
            top + slot / 2.0 + 4.0,
            size,
            Anchor::End,
            INK,
        );
        for (s, column) in table.columns.iter().enumerate() {
            let y = top + slot * 0.15 + s as f32 * bar_h;
            let (x0, x1) = (x_of(0.0), x_of(column[k] as f32));
            scene.rect(
                x0.min(x1),
                y,
                (x1 - x0).abs(),
                bar_h * 0.92,
                PALETTE[s % PALETTE.len()],
            );
        }
    }
    scene.line(vec![(x_of(0.0), plot.t), (x_of(0.0), plot.b)], INK, 1.0);
    let colors: Vec<Rgb> = (0..series).map(|s| PALETTE[s % PALETTE.len()]).collect();
    legend(scene, &table.headers[1..], &colors, &vec![false; series]);
}

fn doughnut(scene: &mut Scene, table: &ChartTable) {
    let values: Vec<f64> = table.columns[0].iter().map(|v| v.max(0.0)).collect();
    let total: f64 = values.iter().sum();
    let (cx, cy, outer, inner) = (260.0f32, 255.0f32, 170.0f32, 90.0f32);
    let mut start = -std::f32::consts::FRAC_PI_2;
    let size = 14.0;
    for (k, (name, v)) in table.categories.iter().zip(&values).enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let share = if total > 0.0 { v / total } else { 0.0 };
        let sweep = share as f32 * std::f32::consts::TAU;
        if sweep > 0.0 {
            let steps = ((sweep / 0.03).ceil() as usize).max(2);
            let at = |r: f32, a: f32| (cx + r * a.cos(), cy + r * a.sin());
            let mut path = Vec::with_capacity(2 * steps + 4);
            let (x, y) = at(outer, start);
            path.push(Step::Move(x, y));
            for i in 1..=steps {
                let (x, y) = at(outer, start + sweep * i as f32 / steps as f32);
                path.push(Step::Line(x, y));
            }
            for i in (0..=steps).rev() {
                let (x, y) = at(inner, start + sweep * i as f32 / steps as f32);
                path.push(Step::Line(x, y));
            }
            path.push(Step::Close);
            scene.shapes.push(super::scene::Shape::Fill { path, color });
        }
        start += sweep;
        // The legend on the right with each share.
        let y = 110.0 + k as f32 * 28.0;
        scene.rect(500.0, y - 12.0, 14.0, 14.0, color);
        let line = format!("{name}　{:.1}%", share * 100.0);
        text::draw(scene, &line, 522.0, y, size, Anchor::Start, INK);
    }
    text::draw(
        scene,
        &table.headers[1],
        cx,
        cy + 6.0,
        13.0,
        Anchor::Middle,
        INK,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_scales_and_labels() {
        // 110 ÷ 5 = 22 a step: the next round step is 25.
        assert_eq!(scale(0.0, 110.0), (0.0, 125.0, 25.0));
        assert_eq!(scale(0.0, 33578.0), (0.0, 40000.0, 10000.0));
        assert_eq!(scale(-5.0, 10.0), (-5.0, 10.0, 5.0));
        assert_eq!(label(33578.0), "33,578");
        assert_eq!(label(-1200.0), "-1,200");
        assert_eq!(label(0.0), "0");
    }
}
