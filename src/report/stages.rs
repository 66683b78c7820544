//! The bulletin's 项目进度 sheet: per unit the projects signed as intents, newly
//! signed, newly started and gone into production, this month, this year and
//! last; "—" where the unit's forms have no stage column; then the county by month.

use super::style;
use crate::aggregate::stages::{stage_name_zh, StageCount, StageFigures, StageRow};
use crate::foundation::model::Indicator;
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

const PER_STAGE: [&str; 5] = ["本月", "累计", "上年同期", "目标", "完成(%)"];

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_stages(sheet: &mut Worksheet, county: &str, figures: &StageFigures) -> Result<()> {
    let month = figures.month;
    let title = format!(
        "{county}{}年1-{}月项目进度（签订意向、新签、新开工、投产）",
        month.year, month.month
    );
    let width = PER_STAGE.len() as u16;
    let last_col = 1 + width * Indicator::STAGES.len() as u16;
    style::sheet_top(sheet, "项目进度", &title, last_col)?;
    let note = format!(
        "单位：个。取自项目明细的「项目阶段」列（意向、签约、开工、投产及其同义词），或「开工日期」「投产日期」在当月的项目；本月为{}月，累计为本年1-{m}月，上年同期为上年1-{m}月。报表没有这些列的单位显示「—」（不是0）。目标取 targets.xlsx 的「新签项目」「新开工项目」等列；合计行的完成(%)只计有目标的单位。",
        month.month,
        m = month.month
    );
    sheet.merge_range(1, 0, 1, last_col, &note, &style::subtitle().set_text_wrap())?;
    sheet.set_row_height(1, 42)?;
    let header = style::header();
    sheet.merge_range(2, 0, 3, 0, "单位", &header)?;
    sheet.merge_range(2, 1, 3, 1, "类型", &header)?;
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 8)?;
    for (k, stage) in Indicator::STAGES.into_iter().enumerate() {
        let first = 2 + width * k as u16;
        sheet.merge_range(
            2,
            first,
            2,
            first + width - 1,
            stage_name_zh(stage),
            &header,
        )?;
        for (j, h) in PER_STAGE.iter().enumerate() {
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

    // The county month by month, this year against last.
    r += 2;
    sheet.write_string_with_format(
        r,
        0,
        format!("全{}分月（本年 / 上年同月）", county_word(county)),
        &style::subtitle().set_bold(),
    )?;
    r += 1;
    sheet.write_string_with_format(r, 0, "月份", &header)?;
    sheet.write_string_with_format(r, 1, "", &header)?;
    for (k, stage) in Indicator::STAGES.into_iter().enumerate() {
        let first = 2 + 2 * k as u16;
        sheet.write_string_with_format(
            r,
            first,
            format!("{}本年", stage_name_zh(stage)),
            &header,
        )?;
        sheet.write_string_with_format(r, first + 1, "上年同月", &header)?;
    }
    r += 1;
    for (m, per_stage) in &figures.by_month {
        sheet.write_string_with_format(r, 0, format!("{m}月"), &style::centered())?;
        for (k, (this, last)) in per_stage.iter().enumerate() {
            let first = 2 + 2 * k as u16;
            style::write_figure(sheet, r, first, *this, style::COUNT, |f| f)?;
            style::write_figure(sheet, r, first + 1, *last, style::COUNT, |f| f)?;
        }
        r += 1;
    }
    style::print_setup(sheet, 3)?;
    Ok(())
}

/// 县, 市 or 区: the last character of the county's name.
fn county_word(county: &str) -> char {
    county
        .chars()
        .last()
        .filter(|c| "县市区".contains(*c))
        .unwrap_or('县')
}

fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &StageRow,
    look: impl Fn(Format) -> Format + Copy,
) -> Result<()> {
    sheet.write_string_with_format(r, 0, &row.name, &look(style::text()))?;
    sheet.write_string_with_format(r, 1, &row.kind_name, &look(style::centered()))?;
    for (k, count) in row.stages.iter().enumerate() {
        let first = 2 + (PER_STAGE.len() * k) as u16;
        let StageCount {
            this_month,
            ytd,
            last_ytd,
            target,
            completion,
        } = *count;
        let cells = [
            (this_month, style::COUNT),
            (ytd, style::COUNT),
            (last_ytd, style::COUNT),
            (target, style::COUNT),
            (completion, style::PERCENT),
        ];
        for (j, (v, format)) in cells.into_iter().enumerate() {
            style::write_figure(sheet, r, first + j as u16, v, format, look)?;
        }
    }
    Ok(())
}
