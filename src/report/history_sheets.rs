//! Two sheets of the audit workbook about history: 报送情况 (who sent which
//! months this year, the 催报 list, rejections and why) and 修订记录 (figures
//! of stored months that changed in this run, and the files behind them).

use super::style;
use super::style::table_top;
use crate::audit::receipts::{Receipt, Receipts};
use crate::audit::revisions::Revision;
use crate::foundation::unit_id::UnitId;
use anyhow::Result;
use rust_xlsxwriter::{Color, Format, Workbook};

/// 报送情况: a unit × month grid, then the units to chase and the rejections.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell, which is a bug.
pub fn write_status_sheet(
    workbook: &mut Workbook,
    county: &str,
    receipts: &Receipts,
) -> Result<()> {
    let month = receipts.month;
    let grid = receipts.grid();
    let sheet = workbook.add_worksheet();
    sheet.set_name("报送情况")?;
    let mut headers = vec!["单位".to_string()];
    headers.extend((1..=month.month).map(|m| format!("{m}月")));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut widths = vec![14.0];
    widths.extend(std::iter::repeat_n(6.0, month.month as usize));
    let title = format!(
        "{county}{}年1-{}月各单位报表报送情况",
        month.year, month.month
    );
    table_top(sheet, &title, &header_refs, &widths)?;
    sheet.write_string_with_format(
        1,
        0,
        "✓ 采用　△ 采用（有警告）　✗ 未采用（有错误）　○ 未报　库 数据目录中已无报表，取自历史库",
        &style::subtitle(),
    )?;
    let centered = style::centered();
    let red = style::centered().set_font_color(Color::Red).set_bold();
    for (i, (unit, marks)) in grid.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string_with_format(r, 0, unit.as_str(), &style::text())?;
        for (c, mark) in marks.iter().enumerate() {
            let format: &Format = match mark {
                Receipt::Rejected | Receipt::Missing => &red,
                _ => &centered,
            };
            sheet.write_string_with_format(r, c as u16 + 1, mark.symbol(), format)?;
        }
    }

    let mut r = 4 + grid.len() as u32;
    // Lines of text under the grid, without the table's cell borders.
    let bold = Format::new().set_bold();
    let plain = Format::new();
    let missing = receipts.missing();
    let chase = if missing.is_empty() {
        "无".to_string()
    } else {
        UnitId::join(&missing, "、")
    };
    sheet.write_string_with_format(
        r,
        0,
        format!("{}月催报（未报）：{chase}", month.month),
        &bold,
    )?;
    r += 2;
    sheet.write_string_with_format(r, 0, "本年未采用的报表及原因", &bold)?;
    r += 1;
    let rejections = receipts.rejections();
    if rejections.is_empty() {
        sheet.write_string_with_format(r, 0, "无。", &plain)?;
    }
    for rejection in rejections {
        let line = format!(
            "{}　{}　{}　{}",
            rejection.month.map(|m| m.to_string()).unwrap_or_default(),
            rejection
                .unit
                .as_ref()
                .map_or("（无法识别）", UnitId::as_str),
            rejection.file,
            rejection.reason.as_deref().unwrap_or("")
        );
        sheet.write_string_with_format(r, 0, line, &plain)?;
        r += 1;
    }
    for line in receipts.unidentified_this_year() {
        let text = format!("无法识别单位的文件：{}", line.file);
        sheet.write_string_with_format(r, 0, text, &plain)?;
        r += 1;
    }
    Ok(())
}

/// 修订记录: every figure of a stored month that this run changes.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell, which is a bug.
pub fn write_revisions_sheet(
    workbook: &mut Workbook,
    title: &str,
    revisions: &[Revision],
) -> Result<()> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("修订记录")?;
    let headers = [
        "月份",
        "单位",
        "指标",
        "原值",
        "新值",
        "增减",
        "原数据来源",
        "新数据来源",
        "发现于",
    ];
    let widths = [9.0, 12.0, 16.0, 12.0, 12.0, 12.0, 46.0, 46.0, 12.0];
    table_top(
        sheet,
        &format!("{title} — 修订记录（共 {} 项）", revisions.len()),
        &headers,
        &widths,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        "历史库中已有月份的数值变化（本期通报所用各月）：哪个单位、哪项指标、原值和新值、前后数据出自哪个文件；各文件按 SHA-256 命名、按月打包存于历史库 archive/（如 archive/2026-10.zip）。「发现于」为发现变化的那次月报运行。",
        &style::subtitle(),
    )?;
    if revisions.is_empty() {
        sheet.write_string_with_format(
            3,
            0,
            "本期通报所用各月在历史库中的数据没有修订。",
            &style::text(),
        )?;
    }
    let wrapped = style::text().set_text_wrap();
    let number = style::number("#,##0.00;[Red]-#,##0.00");
    for (i, revision) in revisions.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string_with_format(r, 0, revision.month.to_string(), &style::text())?;
        sheet.write_string_with_format(r, 1, revision.unit.as_str(), &style::text())?;
        let indicator = format!(
            "{}（{}）",
            revision.indicator.name_zh(),
            revision.indicator.unit_zh()
        );
        sheet.write_string_with_format(r, 2, indicator, &wrapped)?;
        for (c, value) in [
            (3, revision.old),
            (4, revision.new),
            (5, Some(revision.change())),
        ] {
            match value {
                Some(v) => sheet.write_number_with_format(r, c, v, &number)?,
                None => sheet.write_string_with_format(r, c, "—", &style::centered())?,
            };
        }
        let (old, new) = (revision.old_files.join("\n"), revision.new_files.join("\n"));
        let old = if old.is_empty() {
            "（历史库中无此数）".to_string()
        } else {
            old
        };
        let new = if new.is_empty() {
            "（本次无采用的报表）".to_string()
        } else {
            new
        };
        let lines = style::wrapped_lines(&old, 46.0).max(style::wrapped_lines(&new, 46.0));
        if lines > 1 {
            sheet.set_row_height(r, 13.5 * lines as f64)?;
        }
        sheet.write_string_with_format(r, 6, old, &wrapped)?;
        sheet.write_string_with_format(r, 7, new, &wrapped)?;
        let found = format!("{}月报", revision.found_in);
        sheet.write_string_with_format(r, 8, found, &style::text())?;
    }
    Ok(())
}
