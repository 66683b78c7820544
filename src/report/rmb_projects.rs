//! The bulletin's 项目分档 sheet: new projects, foreign and domestic together,
//! counted per unit by 总投资 in RMB band, this year against last, with
//! targets and 完成 where targets.xlsx sets them.

use super::style;
use crate::aggregate::rmb_projects::{BandCount, BandRow, RmbProjectFigures};
use crate::config::rmb::rmb_band_label;
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

const PER_BAND: [&str; 5] = ["本年", "上年同期", "增减", "目标", "完成(%)"];

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_rmb_projects(
    sheet: &mut Worksheet,
    county: &str,
    figures: &RmbProjectFigures,
) -> Result<()> {
    let month = figures.month;
    let title = format!(
        "{county}{}年1-{}月新设项目按总投资分档（人民币）",
        month.year, month.month
    );
    let last_col = 1 + (PER_BAND.len() * figures.bands.len()) as u16;
    style::sheet_top(sheet, "项目分档", &title, last_col)?;
    let large = figures
        .bands
        .iter()
        .position(|b| (b - figures.large_from).abs() < 1e-9)
        .map(|k| figures.county.bands[k]);
    let mut note = format!(
        "单位：个。外资、内资新设项目合计，按总投资（万元；外资按所属月份的美元汇率折算）分档，「以上」含本数；本年1-{m}月与上年1-{m}月比较。",
        m = month.month
    );
    if let Some(large) = large {
        note.push_str(&format!(
            "大项目（总投资{}）本年{}个，上年同期{}个。",
            rmb_band_label(figures.large_from),
            large.this_year,
            large.last_year
        ));
    }
    note.push_str(&format!(
        "本年未填总投资的新设项目 {} 个，不计入分档。目标取 targets.xlsx 的「1000万元以上项目」等列；合计行的完成(%)只计有目标的单位。",
        figures.without_total
    ));
    sheet.merge_range(1, 0, 1, last_col, &note, &style::subtitle().set_text_wrap())?;
    sheet.set_row_height(1, 42)?;
    let header = style::header();
    sheet.merge_range(2, 0, 3, 0, "单位", &header)?;
    sheet.merge_range(2, 1, 3, 1, "类型", &header)?;
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 8)?;
    for (b, floor) in figures.bands.iter().enumerate() {
        let first = 2 + (b * PER_BAND.len()) as u16;
        let label = rmb_band_label(*floor);
        let label = if (floor - figures.large_from).abs() < 1e-9 {
            format!("{label}（大项目）")
        } else {
            label
        };
        sheet.merge_range(
            2,
            first,
            2,
            first + PER_BAND.len() as u16 - 1,
            &label,
            &header,
        )?;
        for (j, h) in PER_BAND.iter().enumerate() {
            sheet.write_string_with_format(3, first + j as u16, *h, &header)?;
            sheet.set_column_width(first + j as u16, 8)?;
        }
    }
    let mut r = 4;
    for row in &figures.units {
        write_row(sheet, r, row, |f| f)?;
        r += 1;
    }
    write_row(sheet, r, &figures.county, style::subtotal)?;
    sheet.set_freeze_panes(4, 1)?;
    style::print_setup(sheet, 3)?;
    Ok(())
}

fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &BandRow,
    look: impl Fn(Format) -> Format + Copy,
) -> Result<()> {
    sheet.write_string_with_format(r, 0, &row.name, &look(style::text()))?;
    sheet.write_string_with_format(r, 1, &row.kind_name, &look(style::centered()))?;
    for (b, count) in row.bands.iter().enumerate() {
        let first = 2 + (b * PER_BAND.len()) as u16;
        let BandCount {
            this_year,
            last_year,
            target,
            completion,
        } = *count;
        let cells = [
            (Some(this_year as f64), style::COUNT),
            (Some(last_year as f64), style::COUNT),
            (Some(this_year as f64 - last_year as f64), style::COUNT),
            (target, style::COUNT),
            (completion, style::PERCENT),
        ];
        for (j, (v, format)) in cells.into_iter().enumerate() {
            style::write_figure(sheet, r, first + j as u16, v, format, look)?;
        }
    }
    Ok(())
}
