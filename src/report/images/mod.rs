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
/// # Errors
///
/// When the folder or a file cannot be written.
pub fn write_chart_images(
    dir: &Path,
    charts: &[(&str, &ChartTable, Drawing)],
    batch: &Batch,
) -> Result<Vec<WrittenChart>> {
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建 {}", dir.display()))?;
    let mut written = Vec::new();
    for (name, table, drawing) in charts {
        let scene = draw::draw_chart(table, *drawing);
        let svg = dir.join(format!("{name}.svg"));
        batch.stage(&svg, svg::to_svg(&scene).as_bytes())?;
        let png = dir.join(format!("{name}.png"));
        let png_bytes = png::to_png(&scene, 2.0)?;
        batch.stage(&png, &png_bytes)?;
        written.push(WrittenChart {
            svg,
            png,
            png_bytes,
        });
    }
    Ok(written)
}
