//! The 通报 as a Word document (招商引资通报_YYYY-MM.docx): the same figures
//! as the bulletin workbook, in sentences and tables laid out as a government
//! document, with the chart images, for editing in Word or WPS.

pub mod content;
pub mod layout;
pub mod tables;

use crate::config::DocumentSettings;
use crate::foundation::atomic::Batch;
use crate::report::Bulletin;
use anyhow::Result;
use content::Chart;
use std::io::Write;
use std::path::Path;

/// Writes the document to `path`; `charts` are the PNGs already drawn, with
/// their titles. Same inputs, same bytes.
///
/// # Errors
///
/// When a chart is not a PNG or the file cannot be written.
pub fn write_document(
    path: &Path,
    bulletin: &Bulletin,
    settings: &DocumentSettings,
    charts: Vec<Chart>,
    batch: &Batch,
) -> Result<()> {
    let blocks = content::document_blocks(bulletin, settings, charts);
    // Straight into the file: the package is not held whole in memory too.
    batch.stage_with(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        layout::render(blocks, &mut out)?;
        Ok(out.flush()?)
    })
}
