//! The contest bulletin (竞赛通报) of a period: one table (two measures a
//! printed page) of every unit's sums
//! over the period against the same months last year, 同比 and rank within
//! its kind, and a 说明 sheet; the period stands in every title.

use super::style;
use crate::aggregate::contest::{ContestFigures, ContestMeasure, ContestRow};
use crate::audit::receipts::FileLine;
use crate::foundation::unit_id::UnitId;
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};
use std::path::Path;

const PER_MEASURE: [&str; 4] = ["本期", "上年同期", "同比(%)", "类内排名"];

/// Writes the contest workbook to `path`.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_contest(
    path: &Path,
    county: &str,
    figures: &ContestFigures,
    attracted_rule: &str,
    files: &[FileLine],
) -> Result<()> {
    let mut workbook = style::new_workbook()?;
    write_table(workbook.add_worksheet(), county, figures)?;
    write_notes(
        workbook.add_worksheet(),
        county,
        figures,
        attracted_rule,
        files,
    )?;
    style::save_atomically(&mut workbook, path)
}

fn write_table(sheet: &mut Worksheet, county: &str, figures: &ContestFigures) -> Result<()> {
    let label = figures.period.label_zh();
    let title = format!("{county}{label}招商引资竞赛情况");
    let width = PER_MEASURE.len() as u16;
    // Two measures a printed page: the title and the note over the first page.
    let per_page = 2;
    let last_col = 1 + width * per_page.min(figures.measures.len()) as u16;
    style::sheet_top(sheet, "竞赛排名", &title, last_col)?;
    let last = figures.period.last_year();
    let (first, end) = (last[0], last[last.len() - 1]);
    let mut note = format!(
        "竞赛期 {label}，与上年同期（{}年{}月至{}年{}月）比较；类内排名按本期数由高到低，各类单位分别排名，并列同名次。",
        first.year, first.month, end.year, end.month
    );
    if !figures.missing_rates.is_empty() {
        let months: Vec<String> = figures
            .missing_rates
            .iter()
            .map(|m| m.to_string())
            .collect();
        note.push_str(&format!(
            "汇率表缺少 {} 的美元汇率，含这些月份外资的招商引资总额显示「—」。",
            months.join("、")
        ));
    }
    sheet.merge_range(1, 0, 1, last_col, &note, &style::subtitle().set_text_wrap())?;
    sheet.set_row_height(1, 30)?;
    let header = style::header();
    sheet.merge_range(2, 0, 3, 0, "单位", &header)?;
    sheet.merge_range(2, 1, 3, 1, "类型", &header)?;
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 8)?;
    for (k, m) in figures.measures.iter().enumerate() {
        let first = 2 + width * k as u16;
        let name = format!("{}（{}）", m.name_zh(), m.unit_zh());
        sheet.merge_range(2, first, 2, first + width - 1, &name, &header)?;
        for (j, h) in PER_MEASURE.iter().enumerate() {
            sheet.write_string_with_format(3, first + j as u16, *h, &header)?;
            sheet.set_column_width(first + j as u16, if j < 2 { 11.0 } else { 8.0 })?;
        }
    }
    sheet.set_row_height(2, 28)?;
    let mut r = 4;
    for row in &figures.units {
        write_row(sheet, r, row, &figures.measures, |f| f)?;
        r += 1;
    }
    write_row(
        sheet,
        r,
        &figures.county,
        &figures.measures,
        style::subtotal,
    )?;
    sheet.set_freeze_panes(4, 1)?;
    // 单位 and 类型 repeated on each page.
    let breaks: Vec<u32> = (per_page..figures.measures.len())
        .step_by(per_page)
        .map(|k| 2 + u32::from(width) * k as u32)
        .collect();
    style::print_setup_wide(sheet, 2..=3, 1, &breaks, 90)?;
    Ok(())
}

fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &ContestRow,
    measures: &[ContestMeasure],
    look: impl Fn(Format) -> Format + Copy,
) -> Result<()> {
    sheet.write_string_with_format(r, 0, &row.name, &look(style::text()))?;
    sheet.write_string_with_format(r, 1, &row.kind_name, &look(style::centered()))?;
    for (k, (c, measure)) in row.cells.iter().zip(measures).enumerate() {
        let first = 2 + (PER_MEASURE.len() * k) as u16;
        let amount = if measure.unit_zh() == "个" {
            style::COUNT
        } else {
            style::AMOUNT
        };
        let cells = [
            (c.this, amount),
            (c.last, amount),
            (c.yoy, style::PERCENT),
            (c.rank.map(f64::from), style::COUNT),
        ];
        for (j, (v, format)) in cells.into_iter().enumerate() {
            style::write_figure(sheet, r, first + j as u16, v, format, look)?;
        }
    }
    Ok(())
}

fn write_notes(
    sheet: &mut Worksheet,
    county: &str,
    figures: &ContestFigures,
    attracted_rule: &str,
    files: &[FileLine],
) -> Result<()> {
    let label = figures.period.label_zh();
    style::sheet_top(
        sheet,
        "说明",
        &format!("{county}{label}招商引资竞赛说明"),
        3,
    )?;
    for (c, w) in [12.0, 10.0, 48.0, 48.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let wrap = style::text().set_text_wrap();
    let lines = [
        format!("竞赛期：{label}（{} 至 {}）。", figures.period.from, figures.period.to),
        "本期：竞赛期各月之和；上年同期：上年相同月份之和；同比(%) = (本期 ÷ 上年同期 − 1) × 100，上年同期为0时显示「—」。".to_string(),
        format!("招商引资总额（万元）：{attracted_rule}。"),
        "各单位的数据与月度通报相同：只计采用的报表，未报或未采用的月份不计。".to_string(),
    ];
    let mut r = 2;
    for line in &lines {
        sheet.merge_range(r, 0, r, 3, line, &wrap)?;
        sheet.set_row_height(r, 28)?;
        r += 1;
    }
    r += 1;
    let header = style::header();
    for (c, h) in ["单位", "月份", "文件", "情况"].iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, &header)?;
    }
    r += 1;
    for f in files {
        let unit = f.unit.as_ref().map_or("（无法识别）", UnitId::as_str);
        sheet.write_string_with_format(r, 0, unit, &style::text())?;
        let month = f.month.map(|m| m.to_string()).unwrap_or_default();
        sheet.write_string_with_format(r, 1, &month, &style::centered())?;
        sheet.write_string_with_format(r, 2, &f.file, &style::text())?;
        let status = match &f.reason {
            None => f.status.name_zh().to_string(),
            Some(why) => format!("{}：{why}", f.status.name_zh()),
        };
        sheet.write_string_with_format(r, 3, &status, &wrap)?;
        r += 1;
    }
    style::print_setup(sheet, 0)?;
    Ok(())
}
