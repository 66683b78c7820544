//! The audit workbook: which submissions went in, every issue found with file,
//! sheet, cell and raw value, and one sheet per unit with problems, for
//! sending back to the units.

use super::style::{self, table_top};
use crate::audit::receipts::{FileLine, Receipts};
use crate::audit::revisions::Revision;
use crate::foundation::issue::{Issue, Severity};
use crate::foundation::unit_id::UnitId;
use anyhow::Result;
use rust_xlsxwriter::{Workbook, Worksheet};

const MESSAGE_WIDTH: f64 = 60.0;

/// Fills `workbook` with the overview, the issue list, 报送情况 and 修订记录.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell, which is a bug.
pub fn write_audit_book(
    workbook: &mut Workbook,
    county: &str,
    receipts: &Receipts,
    issues: &[Issue],
    revisions: &[Revision],
) -> Result<()> {
    let month = receipts.month;
    let overview = workbook.add_worksheet();
    overview.set_name("报表接收")?;
    let title = format!(
        "{county}{}年{}月招商引资报表审核情况",
        month.year, month.month
    );
    let headers = ["单位", "月份", "文件", "状态", "错误", "警告", "原因"];
    let lines = receipts.overview_lines();
    let subtitle = if receipts.nothing_received() {
        "本月尚未收到任何报表。往月有问题的报表列在下面；问题明细见「问题清单」。"
    } else {
        "本月目录中的每个文件及往月有问题的报表；往月无问题的报表从略。问题明细见「问题清单」。"
    };
    overview.write_string_with_format(1, 0, subtitle, &style::subtitle())?;
    table_top(
        overview,
        &title,
        &headers,
        &[12.0, 9.0, 46.0, 14.0, 7.0, 7.0, MESSAGE_WIDTH],
    )?;
    let wrapped = style::text().set_text_wrap();
    for (i, line) in lines.iter().enumerate() {
        let r = 3 + i as u32;
        let period = line.month.map(|p| p.to_string()).unwrap_or_default();
        let cells = [
            unit_shown(line),
            period.as_str(),
            line.file.as_str(),
            line.status.name_zh(),
        ];
        for (c, value) in cells.iter().enumerate() {
            overview.write_string_with_format(r, c as u16, *value, &style::text())?;
        }
        overview.write_number_with_format(r, 4, line.errors as f64, &style::number("0"))?;
        overview.write_number_with_format(r, 5, line.warnings as f64, &style::number("0"))?;
        let reason = line.reason.as_deref().unwrap_or("");
        let height = style::wrapped_lines(reason, MESSAGE_WIDTH);
        if height > 1 {
            overview.set_row_height(r, 13.5 * height as f64)?;
        }
        overview.write_string_with_format(r, 6, reason, &wrapped)?;
    }

    let list = workbook.add_worksheet();
    list.set_name("问题清单")?;
    write_issue_sheet(
        list,
        &format!("{title} — 问题清单（共 {} 条）", issues.len()),
        issues,
        true,
    )?;
    super::history_sheets::write_status_sheet(workbook, county, receipts)?;
    super::history_sheets::write_revisions_sheet(workbook, &title, revisions)?;

    // One sheet per unit with problems, to send back as it is.
    for unit in units_with_problems(&lines, issues) {
        let own: Vec<Issue> = issues
            .iter()
            .filter(|i| i.unit.as_ref().map_or(NO_UNIT, UnitId::as_str) == unit)
            .cloned()
            .collect();
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&unit))?;
        write_issue_sheet(
            sheet,
            &format!(
                "{unit}报表问题清单（{county}{}年{}月审核，共 {} 条）",
                month.year,
                month.month,
                own.len()
            ),
            &own,
            false,
        )?;
    }
    Ok(())
}

/// How an issue whose file could not be tied to a unit is listed.
const NO_UNIT: &str = "（无法识别）";

/// The unit column of a line: "—" for a lock or hidden file, which is no one's.
fn unit_shown(line: &FileLine) -> &str {
    match (&line.unit, line.status) {
        (Some(unit), _) => unit.as_str(),
        (None, crate::audit::Status::NotRead) => "—",
        (None, _) => NO_UNIT,
    }
}

/// Units with an error or a warning, in the order of the overview.
fn units_with_problems(lines: &[FileLine], issues: &[Issue]) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let named = lines.iter().map(unit_shown);
    let from_issues = issues
        .iter()
        .map(|i| i.unit.as_ref().map_or(NO_UNIT, UnitId::as_str));
    for unit in named.chain(from_issues) {
        let has_problem = issues.iter().any(|i| {
            i.unit.as_ref().map_or(NO_UNIT, UnitId::as_str) == unit
                && i.severity() != Severity::Info
        });
        if has_problem && !units.iter().any(|u| u == unit) {
            units.push(unit.to_string());
        }
    }
    units
}

/// A worksheet name Excel accepts: no []:*?/\, at most 31 characters.
fn sheet_name(unit: &str) -> String {
    unit.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

/// The issue table, with or without the 单位 column.
fn write_issue_sheet(
    sheet: &mut Worksheet,
    title: &str,
    issues: &[Issue],
    with_unit: bool,
) -> Result<()> {
    let all_headers = [
        "单位",
        "月份",
        "文件",
        "工作表",
        "单元格",
        "原值",
        "规则",
        "严重程度",
        "说明",
    ];
    let all_widths = [10.0, 8.0, 34.0, 10.0, 7.0, 16.0, 26.0, 8.0, MESSAGE_WIDTH];
    let skip = usize::from(!with_unit);
    table_top(sheet, title, &all_headers[skip..], &all_widths[skip..])?;
    if issues.is_empty() {
        sheet.write_string_with_format(3, 0, "未发现问题。", &style::text())?;
    }
    let wrapped = style::text().set_text_wrap();
    for (i, issue) in issues.iter().enumerate() {
        let r = 3 + i as u32;
        let values = [
            issue
                .unit
                .as_ref()
                .map(UnitId::to_string)
                .unwrap_or_default(),
            issue.period.map(|p| p.to_string()).unwrap_or_default(),
            issue.location.file.clone(),
            issue.location.sheet.clone().unwrap_or_default(),
            issue.location.a1().unwrap_or_default(),
            issue.raw.clone().unwrap_or_default(),
            issue.rule.id().to_string(),
            issue.severity().name_zh().to_string(),
            issue.message.clone(),
        ];
        let lines = [(5, 16.0), (8, MESSAGE_WIDTH)]
            .iter()
            .map(|&(c, w)| style::wrapped_lines(&values[c], w))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            sheet.set_row_height(r, 13.5 * lines as f64)?;
        }
        for (c, value) in values[skip..].iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, value, &wrapped)?;
        }
    }
    Ok(())
}
