//! Stage 5, report: figures → the workbooks the statistician publishes.

pub mod audit_book;
pub mod by_region;
pub mod style;

use crate::aggregate::region::RegionFigures;
use crate::audit::issue::Issue;
use crate::model::YearMonth;
use anyhow::Result;
use audit_book::ReceiptLine;
use std::path::Path;

/// Writes the bulletin workbook to `path`.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_bulletin(path: &Path, county: &str, figures: &RegionFigures) -> Result<()> {
    let mut workbook = style::new_workbook()?;
    by_region::write_by_region(workbook.add_worksheet(), county, figures)?;
    style::save_atomically(&mut workbook, path)
}

/// Writes the audit workbook to `path`.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_audit(
    path: &Path,
    county: &str,
    month: YearMonth,
    receipts: &[ReceiptLine],
    issues: &[Issue],
) -> Result<()> {
    let mut workbook = style::new_workbook()?;
    audit_book::write_audit_book(&mut workbook, county, month, receipts, issues)?;
    style::save_atomically(&mut workbook, path)
}
