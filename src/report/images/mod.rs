//! Chart images for pasting into reports: the bulletin's charts as SVG and
//! PNG in output/YYYY-MM/charts/. Chinese text is drawn as outlines from a
//! font subset shipped in the binary, so the pictures look the same on any
//! machine, with or without Chinese fonts.

pub mod draw;
pub mod png;
pub mod scene;
pub mod svg;
pub mod text;

use crate::foundation::atomic::Batch;
use crate::report::charts::{ChartTable, Drawing};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A chart written by [`write_chart_images`]: its two files, and the PNG's
/// bytes for the document, which embeds them without reading them back.
pub struct WrittenChart {
    pub svg: PathBuf,
    pub png: PathBuf,
    pub png_bytes: Vec<u8>,
}

/// Stages `name.svg` and `name.png` for each chart in `dir` in `batch`.
///
/// The charts are drawn side by side (a picture is a few megabytes of
/// pixels while it is drawn, and the pool has as many as it has threads),
/// then staged one after another in the order given, so a run stages its
/// files in the same order every time.
///
/// # Errors
///
/// When the folder or a file cannot be written.
pub fn write_chart_images(
    dir: &Path,
    charts: &[(&str, &ChartTable, Drawing)],
    batch: &Batch,
) -> Result<Vec<WrittenChart>> {
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建 {}", dir.display()))?;
    let drawn = (charts.par_iter())
        .map(|(_, table, drawing)| {
            let scene = draw::draw_chart(table, *drawing);
            Ok((svg::to_svg(&scene), png::to_png(&scene, 2.0)?))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut written = Vec::new();
    for ((name, _, _), (svg_text, png_bytes)) in charts.iter().zip(drawn) {
        let svg = dir.join(format!("{name}.svg"));
        batch.stage(&svg, svg_text.as_bytes())?;
        let png = dir.join(format!("{name}.png"));
        batch.stage(&png, &png_bytes)?;
        written.push(WrittenChart {
            svg,
            png,
            png_bytes,
        });
    }
    Ok(written)
}
