//! A bulletin sheet of breakdown tables (by source, by industry): one table
//! under another, each with 本月, 累计, 去年同期, 同比(%) and 占比(%) under
//! each indicator.

use super::style;
use crate::aggregate::breakdown::{Breakdown, BreakdownRow, LineKind};
use crate::foundation::model::YearMonth;
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

pub const LINE_HEADERS: [&str; 5] = ["本月", "累计", "去年同期", "同比(%)", "占比(%)"];
/// Rows of the sheet above the first table: title, subtitle.
const TOP_ROWS: u32 = 2;

/// Writes the tables on `sheet`, named `name`, under a title for `month`.
/// `key_header` heads the first column (来源地, 行业 …).
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_breakdowns(
    sheet: &mut Worksheet,
    name: &str,
    title: &str,
    key_header: &str,
    month: YearMonth,
    tables: &[&Breakdown],
) -> Result<()> {
    let widest = tables.iter().map(|t| t.indicators.len()).max().unwrap_or(1) as u16;
    let last_col = widest * LINE_HEADERS.len() as u16;
    style::sheet_top(sheet, name, title, last_col)?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "本月为{}月，累计为1-{}月，去年同期为{}年1-{}月；外资金额单位：万美元，内资金额单位：万元；占比为占本表合计的比重",
            month.month, month.month, month.year - 1, month.month
        ),
        &style::subtitle(),
    )?;
    // The longest name shown (the indented ones included), within reason.
    let names = tables.iter().flat_map(|t| &t.rows).map(|r| r.name.as_str());
    let widest_name = names.map(style::text_width).fold(0.0, f64::max) + 4.0;
    sheet.set_column_width(0, widest_name.clamp(12.0, 44.0))?;
    for c in 1..=last_col {
        sheet.set_column_width(c, 10.5)?;
    }
    let mut r = TOP_ROWS;
    for (k, table) in tables.iter().enumerate() {
        if k > 0 {
            r += 1;
        }
        r = write_table(sheet, r, key_header, table)?;
    }
    // Every table of a sheet has the same columns, so the first one's header
    // repeats correctly over them all.
    sheet.set_freeze_panes(TOP_ROWS + 3, 1)?;
    style::print_setup(sheet, TOP_ROWS + 2)?;
    Ok(())
}

/// Writes one table from row `r`; returns the row after it.
fn write_table(sheet: &mut Worksheet, r: u32, key_header: &str, table: &Breakdown) -> Result<u32> {
    let header = style::header();
    let n = LINE_HEADERS.len() as u16;
    sheet.write_string_with_format(r, 0, &table.title, &style::subtitle().set_bold())?;
    sheet.merge_range(r + 1, 0, r + 2, 0, key_header, &header)?;
    for (i, indicator) in table.indicators.iter().enumerate() {
        let first = 1 + i as u16 * n;
        sheet.merge_range(
            r + 1,
            first,
            r + 1,
            first + n - 1,
            &format!("{}（{}）", indicator.name_zh(), indicator.unit_zh()),
            &header,
        )?;
        for (j, h) in LINE_HEADERS.iter().enumerate() {
            sheet.write_string_with_format(r + 2, first + j as u16, *h, &header)?;
        }
    }
    let mut row = r + 3;
    for line in &table.rows {
        write_row(sheet, row, line)?;
        row += 1;
    }
    Ok(row)
}

fn write_row(sheet: &mut Worksheet, r: u32, row: &BreakdownRow) -> Result<()> {
    let bold = matches!(row.kind, LineKind::Total | LineKind::Group);
    let look = |f: Format| if bold { style::subtotal(f) } else { f };
    let name = match row.kind {
        LineKind::Item => format!("　　{}", row.name),
        LineKind::OfWhich => format!("　{}", row.name),
        _ => row.name.clone(),
    };
    sheet.write_string_with_format(r, 0, &name, &look(style::text()))?;
    let n = LINE_HEADERS.len() as u16;
    for (i, line) in row.lines.iter().enumerate() {
        let first = 1 + i as u16 * n;
        let values = [
            (Some(line.this_month), style::AMOUNT),
            (Some(line.ytd), style::AMOUNT),
            (Some(line.last_ytd), style::AMOUNT),
            (line.yoy, style::PERCENT),
            (line.share, style::PERCENT),
        ];
        for (j, (value, format)) in values.into_iter().enumerate() {
            style::write_figure(sheet, r, first + j as u16, value, format, look)?;
        }
    }
    Ok(())
}
