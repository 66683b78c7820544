//! The bulletin's 大项目 sheet: new foreign projects by size band of total
//! investment this year against last, and the list of the year's large projects.

use super::style;
use crate::aggregate::projects::{BandTotals, Project, ProjectFigures};
use anyhow::Result;
use rust_xlsxwriter::Worksheet;

const BAND_HEADERS: [&str; 8] = [
    "规模（总投资）",
    "本年项目数",
    "本年总投资",
    "本年合同外资",
    "上年同期项目数",
    "上年同期总投资",
    "上年同期合同外资",
    "项目数增减",
];
const LIST_HEADERS: [(&str, f64); 11] = [
    ("序号", 5.0),
    ("单位", 11.0),
    ("项目名称", 28.0),
    ("投资方", 24.0),
    ("来源地", 10.0),
    ("行业", 22.0),
    ("总投资", 11.0),
    ("合同外资", 11.0),
    ("注册外资", 11.0),
    ("到帐外资", 11.0),
    ("批准日期", 11.0),
];

/// "1000万美元以上", "1亿美元以上" (以上 includes the bound, as in the bulletins).
pub fn band_label(floor: f64) -> String {
    if floor >= 10000.0 && (floor / 10000.0).fract() == 0.0 {
        format!("{}亿美元以上", floor / 10000.0)
    } else {
        format!("{floor}万美元以上")
    }
}

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_projects(sheet: &mut Worksheet, county: &str, figures: &ProjectFigures) -> Result<()> {
    let month = figures.month;
    let title = format!(
        "{county}{}年1-{}月外资新设项目规模分析",
        month.year, month.month
    );
    let last_col = LIST_HEADERS.len() as u16 - 1;
    style::sheet_top(sheet, "大项目", &title, last_col)?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "外资新设项目按总投资分档，本年1-{m}月与上年1-{m}月比较；金额单位：万美元。本年未填总投资的新设项目 {} 个，不计入分档",
            figures.without_total,
            m = month.month
        ),
        &style::subtitle(),
    )?;
    for (c, (_, width)) in LIST_HEADERS.iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    let header = style::header();
    // The band table spans the list's columns two to one where it can.
    sheet.merge_range(3, 0, 3, 1, BAND_HEADERS[0], &header)?;
    for (j, h) in BAND_HEADERS.iter().enumerate().skip(1) {
        sheet.write_string_with_format(3, 1 + j as u16, *h, &header)?;
    }
    sheet.set_row_height(3, 28)?;
    let mut r = 4;
    for band in &figures.bands {
        sheet.merge_range(r, 0, r, 1, &band_label(band.floor), &style::text())?;
        let cells = |t: &BandTotals| {
            [
                (t.count as f64, style::COUNT),
                (t.total_investment, style::AMOUNT),
                (t.contracted, style::AMOUNT),
            ]
        };
        let values = cells(&band.this_year)
            .into_iter()
            .chain(cells(&band.last_year))
            .chain([(
                band.this_year.count as f64 - band.last_year.count as f64,
                style::COUNT,
            )]);
        for (j, (v, format)) in values.enumerate() {
            style::write_figure(sheet, r, 2 + j as u16, Some(v), format, |f| f)?;
        }
        r += 1;
    }

    r += 1;
    let floor = figures.bands.first().map_or(0.0, |b| b.floor);
    sheet.write_string_with_format(
        r,
        0,
        format!(
            "本年外资新设大项目（总投资{}），按总投资由大到小",
            band_label(floor)
        ),
        &style::subtitle().set_bold(),
    )?;
    r += 1;
    let list_header_row = r;
    for (c, (h, _)) in LIST_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, &header)?;
    }
    r += 1;
    if figures.large.is_empty() {
        sheet.merge_range(
            r,
            0,
            r,
            last_col,
            "本年尚无该规模以上的外资新设项目",
            &style::centered(),
        )?;
    }
    for (k, p) in figures.large.iter().enumerate() {
        write_project(sheet, r, k + 1, p)?;
        r += 1;
    }
    sheet.set_freeze_panes(list_header_row + 1, 0)?;
    style::print_setup(sheet, list_header_row)?;
    Ok(())
}

fn write_project(sheet: &mut Worksheet, r: u32, seq: usize, p: &Project) -> Result<()> {
    let wrap = style::text().set_text_wrap();
    sheet.write_number_with_format(r, 0, seq as f64, &style::number(style::COUNT))?;
    let texts = [
        (1, p.unit.as_str()),
        (2, &p.name),
        (3, &p.investor),
        (4, &p.source),
        (5, &p.industry),
    ];
    let mut lines = 1;
    for (c, text) in texts {
        sheet.write_string_with_format(r, c, text, &wrap)?;
        lines = lines.max(style::wrapped_lines(text, LIST_HEADERS[c as usize].1));
    }
    if lines > 1 {
        sheet.set_row_height(r, 13.5 * lines as f64)?;
    }
    let amounts = [p.total_investment, p.contracted, p.registered, p.arrived];
    for (j, v) in amounts.into_iter().enumerate() {
        style::write_figure(sheet, r, 6 + j as u16, v, style::AMOUNT, |f| f)?;
    }
    let date = match p.date {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => format!("{}月", p.period.month),
    };
    sheet.write_string_with_format(r, 10, &date, &style::centered())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::band_label;

    #[test]
    fn band_labels() {
        assert_eq!(band_label(1000.0), "1000万美元以上");
        assert_eq!(band_label(2500.0), "2500万美元以上");
        assert_eq!(band_label(10000.0), "1亿美元以上");
        assert_eq!(band_label(30000.0), "3亿美元以上");
    }
}
