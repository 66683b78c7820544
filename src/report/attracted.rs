//! The bulletin's 招商引资总额 sheet: every unit's RMB total (万元) this month,
//! this year and last, its domestic and converted foreign parts, 同比, target,
//! 完成 and rank within its kind, and the county's total also in 亿元.

use super::style;
use crate::aggregate::attracted::{AttractedFigures, AttractedLine};
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

const HEADERS: [(&str, f64); 12] = [
    ("单位", 12.0),
    ("类型", 8.0),
    ("本月", 12.0),
    ("累计", 13.0),
    ("其中：内资", 12.0),
    ("其中：外资折人民币", 13.0),
    ("去年同期", 13.0),
    ("同比(%)", 9.0),
    ("年度目标", 12.0),
    ("完成(%)", 9.0),
    ("类内排名", 8.0),
    ("累计(亿元)", 10.0),
];

/// 亿元 with two decimals: 123456.0 万元 → 12.35.
pub fn yi_yuan(wan: f64) -> f64 {
    wan / 10000.0
}

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_attracted(
    sheet: &mut Worksheet,
    county: &str,
    figures: &AttractedFigures,
) -> Result<()> {
    let month = figures.month;
    let title = format!("{county}{}年1-{}月招商引资总额", month.year, month.month);
    let last_col = HEADERS.len() as u16 - 1;
    style::sheet_top(sheet, "招商引资总额", &title, last_col)?;
    let parts: Vec<&str> = figures.parts.iter().map(|i| i.name_zh()).collect();
    let mut note = format!(
        "金额单位：万元。招商引资总额 = {}，外资按各笔所属月份的美元汇率折成人民币（见「说明」）。类内排名按累计由高到低，各类单位分别排名。合计行的完成(%)只计有目标的单位：其累计之和 ÷ 其目标之和；累计为全部单位之和。",
        parts.join(" + ")
    );
    if !figures.missing_rates.is_empty() {
        let months: Vec<String> = figures
            .missing_rates
            .iter()
            .map(|m| m.to_string())
            .collect();
        note.push_str(&format!(
            "汇率表缺少 {} 的美元汇率，含这些月份外资的数显示「—」。",
            months.join("、")
        ));
    }
    sheet.merge_range(1, 0, 1, last_col, &note, &style::subtitle().set_text_wrap())?;
    sheet.set_row_height(1, 30)?;
    let header = style::header();
    for (c, (h, w)) in HEADERS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
        sheet.write_string_with_format(2, c as u16, *h, &header)?;
    }
    let mut r = 3;
    for line in &figures.units {
        write_line(sheet, r, line, |f| f)?;
        r += 1;
    }
    write_line(sheet, r, &figures.county, style::subtotal)?;
    sheet.set_freeze_panes(3, 1)?;
    style::print_setup(sheet, 2)?;
    Ok(())
}

fn write_line(
    sheet: &mut Worksheet,
    r: u32,
    line: &AttractedLine,
    look: impl Fn(Format) -> Format + Copy,
) -> Result<()> {
    sheet.write_string_with_format(r, 0, &line.name, &look(style::text()))?;
    sheet.write_string_with_format(r, 1, &line.kind_name, &look(style::centered()))?;
    let cells = [
        (line.this_month, style::AMOUNT),
        (line.ytd, style::AMOUNT),
        (line.domestic_ytd, style::AMOUNT),
        (line.foreign_ytd, style::AMOUNT),
        (line.last_ytd, style::AMOUNT),
        (line.yoy, style::PERCENT),
        (line.target, style::AMOUNT),
        (line.completion, style::PERCENT),
        (line.rank.map(f64::from), style::COUNT),
        (line.ytd.map(yi_yuan), "0.00"),
    ];
    for (j, (v, format)) in cells.into_iter().enumerate() {
        style::write_figure(sheet, r, 2 + j as u16, v, format, look)?;
    }
    Ok(())
}
