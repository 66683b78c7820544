//! The bulletin's monthly trend sheet (月度趋势): for each indicator a block of
//! months 1..N, this year against last, month by month and cumulative.

use super::style;
use crate::aggregate::trend::Trend;
use crate::foundation::model::Indicator;
use anyhow::Result;
use rust_xlsxwriter::Worksheet;

pub const TREND_HEADERS: [&str; 6] = [
    "月份",
    "本年当月",
    "上年同月",
    "本年累计",
    "上年累计",
    "累计同比(%)",
];
/// Rows above the first block: title, subtitle.
const TOP_ROWS: u32 = 2;

/// The sheet row of block `k`'s title; its header is the row below, then one
/// row per month. Charts read the same ranges.
pub fn block_row(k: usize, months: u32) -> u32 {
    TOP_ROWS + k as u32 * (months + 3)
}

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_trend(sheet: &mut Worksheet, county: &str, trend: &Trend) -> Result<()> {
    let month = trend.month;
    let title = format!(
        "{county}{}年1-{}月招商引资月度趋势（与上年同期比较）",
        month.year, month.month
    );
    let last_col = TREND_HEADERS.len() as u16 - 1;
    style::sheet_top(sheet, "月度趋势", &title, last_col)?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "本年为{}年，上年为{}年；外资金额单位：万美元，内资金额单位：万元，企业数单位：个",
            month.year,
            month.year - 1
        ),
        &style::subtitle(),
    )?;
    sheet.set_column_width(0, 10)?;
    for c in 1..=last_col {
        sheet.set_column_width(c, 13)?;
    }
    let header = style::header();
    for (k, (indicator, points)) in trend.series.iter().enumerate() {
        let r = block_row(k, month.month);
        sheet.write_string_with_format(
            r,
            0,
            format!("{}（{}）", indicator.name_zh(), indicator.unit_zh()),
            &style::subtitle().set_bold(),
        )?;
        for (c, h) in TREND_HEADERS.iter().enumerate() {
            sheet.write_string_with_format(r + 1, c as u16, *h, &header)?;
        }
        let amount = if *indicator == Indicator::NewFieCount {
            style::COUNT
        } else {
            style::AMOUNT
        };
        for (m, p) in points.iter().enumerate() {
            let row = r + 2 + m as u32;
            sheet.write_string_with_format(row, 0, format!("{}月", m + 1), &style::centered())?;
            let values = [p.this_year, p.last_year, p.ytd, p.last_ytd];
            for (c, v) in values.into_iter().enumerate() {
                style::write_figure(sheet, row, 1 + c as u16, Some(v), amount, |f| f)?;
            }
            style::write_figure(sheet, row, 5, p.yoy, style::PERCENT, |f| f)?;
        }
    }
    // Two blocks a page, never one cut in half.
    let breaks: Vec<u32> = (2..trend.series.len())
        .step_by(2)
        .map(|k| block_row(k, month.month))
        .collect();
    sheet.set_page_breaks(&breaks)?;
    style::print_setup(sheet, 1)?;
    Ok(())
}
