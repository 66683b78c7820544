//! Formats, widths and page set-up shared by every workbook the program writes.

use crate::foundation::atomic::Batch;
use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use std::ops::RangeInclusive;
use std::path::Path;

pub const FONT: &str = "宋体";

/// Amounts: two decimals, thousands separators, negatives in red with a minus.
pub const AMOUNT: &str = "#,##0.00;[Red]-#,##0.00";
/// Percentages and 百分点 (the value is already × 100): one decimal.
pub const PERCENT: &str = "0.0;[Red]-0.0";
pub const COUNT: &str = "#,##0;[Red]-#,##0";

pub fn title() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

pub fn subtitle() -> Format {
    Format::new().set_font_name(FONT).set_font_size(10)
}

pub fn header() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_font_size(10)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xDDEBF7))
}

pub fn text() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(10)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}

pub fn centered() -> Format {
    text().set_align(FormatAlign::Center)
}

pub fn number(num_format: &str) -> Format {
    text().set_num_format(num_format)
}

/// The same format on a subtotal row: bold on a light fill.
pub fn subtotal(format: Format) -> Format {
    format.set_bold().set_background_color(Color::RGB(0xF2F2F2))
}

/// How many lines `text` takes in a wrapped column `width` wide (Excel width
/// units; a Chinese character at 10 pt takes about 1.9 of them).
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    ((text_width(text) / (width - 1.0)).ceil() as usize).max(1)
}

/// The width `text` takes at 10 pt in Excel width units (rust_xlsxwriter's
/// autofit counts a Chinese character as one ASCII one, and under-measures).
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 1.9 })
        .sum()
}

/// Names the sheet, writes `title` merged over columns `0..=last_col` on a
/// tall first row, and repeats it in the printed page header.
///
/// # Errors
///
/// When the name is not a valid sheet name or the columns are out of range.
pub fn sheet_top(sheet: &mut Worksheet, name: &str, title: &str, last_col: u16) -> Result<()> {
    sheet.set_name(name)?;
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(0, 0, 0, last_col, title, &self::title())?;
    sheet.set_header(format!("&L&10{title}"));
    Ok(())
}

/// A4 landscape, one page wide, the header rows repeated on every page.
///
/// # Errors
///
/// When the row numbers are out of range.
pub fn print_setup(sheet: &mut Worksheet, header_last_row: u32) -> Result<()> {
    page_setup(sheet, 0..=header_last_row)?;
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// A4 landscape for a table too wide for one page: a page break before each
/// of `breaks`, `header_rows` and the leading columns up to `lead_last_col`
/// repeated on every page, printed at `scale` percent.
///
/// # Errors
///
/// When a row or column is out of range.
pub fn print_setup_wide(
    sheet: &mut Worksheet,
    header_rows: RangeInclusive<u32>,
    lead_last_col: u16,
    breaks: &[u32],
    scale: u16,
) -> Result<()> {
    page_setup(sheet, header_rows)?;
    sheet.set_repeat_columns(0, lead_last_col)?;
    sheet.set_vertical_page_breaks(breaks)?;
    sheet.set_print_scale(scale);
    Ok(())
}

fn page_setup(sheet: &mut Worksheet, header_rows: RangeInclusive<u32>) -> Result<()> {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_repeat_rows(*header_rows.start(), *header_rows.end())?;
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// A workbook whose bytes depend only on its content: a fixed creation time.
///
/// # Errors
///
/// Never in practice; the date is constant.
pub fn new_workbook() -> Result<Workbook> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("zhaoshang"),
    );
    Ok(workbook)
}

/// Saves to a temporary file beside `path` and renames it into place, so a
/// reader never sees a half-written workbook.
///
/// # Errors
///
/// When the file cannot be written, or the old file is held open by another program.
pub fn save_atomically(workbook: &mut Workbook, path: &Path) -> Result<()> {
    crate::foundation::atomic::write_atomically(path, &package(workbook, path)?)
}

/// Stages the workbook in `batch`, to be put in place at `path` by its commit
/// with the month's other outputs.
///
/// # Errors
///
/// When the workbook cannot be made or its part written.
pub fn stage(workbook: &mut Workbook, path: &Path, batch: &Batch) -> Result<()> {
    batch.stage(path, &package(workbook, path)?)
}

/// The workbook's file as it is written to `path`.
fn package(workbook: &mut Workbook, path: &Path) -> Result<Vec<u8>> {
    let bytes = workbook
        .save_to_buffer()
        .with_context(|| format!("生成 {} 失败", path.display()))?;
    super::package::quote_chart_sheet_names(bytes)
}

/// Writes a figure, or "—" where it is undefined, in `format` (a subtotal
/// look or not decided by the caller through `look`).
///
/// # Errors
///
/// When the cell is out of range.
pub fn write_figure(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    num_format: &str,
    look: impl Fn(Format) -> Format,
) -> Result<()> {
    match value {
        Some(v) => sheet.write_number_with_format(row, col, v, &look(number(num_format)))?,
        None => sheet.write_string_with_format(row, col, UNDEFINED, &look(centered()))?,
    };
    Ok(())
}

/// Printed where a figure is undefined (同比 without 去年同期, 完成 without a target).
pub const UNDEFINED: &str = "—";

/// A table sheet's top: the title merged over the columns, the header on
/// row 3 with the column widths, frozen below the header, printed A4 landscape.
pub fn table_top(
    sheet: &mut Worksheet,
    title: &str,
    headers: &[&str],
    widths: &[f64],
) -> Result<()> {
    sheet.merge_range(0, 0, 0, headers.len() as u16 - 1, title, &self::title())?;
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &header())?;
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    print_setup(sheet, 2)?;
    Ok(())
}
