//! Writes a submission in the bureau's template (表式): a project-detail sheet
//! and a summary sheet, each with title, meta row, header, 合计 row (a SUM
//! formula with its cached value, as Excel saves it) and footer. Used by the
//! demo and by the tests to make fixtures whose contents are known.

use crate::foundation::model::{Indicator, YearMonth};
use crate::report::style;
use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};
use std::path::Path;

/// One row of the detail sheet, as a unit would type it.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailRow {
    pub project: String,
    pub investor: String,
    /// 外资 or 内资.
    pub capital: String,
    pub source: String,
    /// 实际来源地; empty leaves the cell blank.
    pub ultimate_source: String,
    pub industry: String,
    /// 新设, 增资, 减资, 到资.
    pub event: String,
    pub total_investment: Option<f64>,
    pub contracted: Option<f64>,
    pub registered: Option<f64>,
    pub arrived: Option<f64>,
    /// Written in the 币种 column; empty leaves the cell blank.
    pub currency: String,
    pub date: String,
}

/// One row of the summary sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub indicator: Indicator,
    pub this_month: f64,
    pub cumulative: f64,
    pub last_year: Option<f64>,
}

/// A whole submission.
#[derive(Clone, Debug)]
pub struct Form {
    /// As written after 填报单位：, e.g. "青山镇人民政府".
    pub unit_display: String,
    /// The unit's short name for the title, e.g. "青山镇".
    pub unit_title: String,
    pub period: YearMonth,
    /// As written after 单位：, e.g. "万美元".
    pub money_unit: String,
    pub report_date: String,
    pub rows: Vec<DetailRow>,
    /// `None` writes a workbook without the summary sheet.
    pub summary: Option<Vec<SummaryRow>>,
}

/// The detail sheet's header as the bureau's template has it.
pub const DETAIL_HEADERS: [&str; 15] = [
    "序号",
    "项目名称",
    "投资方",
    "资本类别",
    "来源地",
    "实际来源地",
    "行业",
    "事项",
    "总投资",
    "合同外资",
    "注册外资",
    "到帐外资",
    "币种",
    "批准日期",
    "备注",
];
/// Zero-based columns of the four amounts (总投资 … 到帐外资).
pub const AMOUNT_COLS: [u16; 4] = [8, 9, 10, 11];

/// Writes `form` to `path` as .xlsx.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_form(form: &Form, path: &Path) -> Result<()> {
    write_form_staged(form, &[], path)
}

/// Writes `form` with a 项目阶段 column after 备注 holding `stages` (one per
/// detail row, blank where empty); without the column when `stages` is empty.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_form_staged(form: &Form, stages: &[&str], path: &Path) -> Result<()> {
    let mut workbook = style::new_workbook()?;
    write_detail(workbook.add_worksheet(), form, stages)?;
    if let Some(summary) = &form.summary {
        write_summary(workbook.add_worksheet(), form, summary)?;
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    workbook
        .save(path)
        .with_context(|| format!("写入 {} 失败", path.display()))
}

fn meta_line(form: &Form) -> String {
    format!(
        "填报单位：{}　　单位：{}　　报出日期：{}",
        form.unit_display, form.money_unit, form.report_date
    )
}

fn write_detail(sheet: &mut Worksheet, form: &Form, stages: &[&str]) -> Result<()> {
    sheet.set_name("项目明细")?;
    let last = DETAIL_HEADERS.len() as u16 - 1;
    let title = detail_title(form.period, &form.unit_title);
    sheet.merge_range(0, 0, 0, last, &title, &style::title())?;
    sheet.write_string(1, 0, meta_line(form))?;
    for (c, h) in DETAIL_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &style::header())?;
    }
    let stage_col = DETAIL_HEADERS.len() as u16;
    if !stages.is_empty() {
        sheet.write_string_with_format(2, stage_col, "项目阶段", &style::header())?;
    }
    let number = Format::new().set_num_format("0.00");
    for (i, row) in form.rows.iter().enumerate() {
        let r = 3 + i as u32;
        if let Some(stage) = stages.get(i).filter(|s| !s.is_empty()) {
            sheet.write_string(r, stage_col, *stage)?;
        }
        sheet.write_number(r, 0, (i + 1) as f64)?;
        let texts = [
            (1, &row.project),
            (2, &row.investor),
            (3, &row.capital),
            (4, &row.source),
            (5, &row.ultimate_source),
            (6, &row.industry),
            (7, &row.event),
            (12, &row.currency),
            (13, &row.date),
        ];
        for (c, t) in texts {
            if !t.is_empty() {
                sheet.write_string(r, c, t)?;
            }
        }
        let amounts = [
            row.total_investment,
            row.contracted,
            row.registered,
            row.arrived,
        ];
        for (c, v) in AMOUNT_COLS.iter().zip(amounts) {
            if let Some(v) = v {
                sheet.write_number_with_format(r, *c, v, &number)?;
            }
        }
    }
    let total_row = 3 + form.rows.len() as u32;
    sheet.write_string(total_row, 1, "合计")?;
    for (slot, &c) in AMOUNT_COLS.iter().enumerate() {
        let sum: f64 = form
            .rows
            .iter()
            .filter_map(|row| {
                [
                    row.total_investment,
                    row.contracted,
                    row.registered,
                    row.arrived,
                ][slot]
            })
            .sum();
        let letter = (b'A' + c as u8) as char;
        let formula = if form.rows.is_empty() {
            Formula::new("=0").set_result("0")
        } else {
            Formula::new(format!("=SUM({letter}4:{letter}{total_row})"))
                .set_result(format!("{sum}"))
        };
        sheet.write_formula_with_format(total_row, c, formula, &number)?;
    }
    sheet.write_string(total_row + 2, 0, FOOTER)?;
    sheet.set_column_width(1, 28)?;
    sheet.set_column_width(2, 22)?;
    Ok(())
}

/// The summary sheet's header as the bureau's template has it, for month `month`.
pub fn summary_headers(month: u32) -> [String; 6] {
    [
        "指标".to_string(),
        "计量单位".to_string(),
        "本月".to_string(),
        format!("1-{month}月累计"),
        "去年同期".to_string(),
        "同比±%".to_string(),
    ]
}

/// The detail sheet's title: "2026年10月青山镇招商引资项目明细表".
pub fn detail_title(period: YearMonth, unit: &str) -> String {
    format!(
        "{}年{}月{unit}招商引资项目明细表",
        period.year, period.month
    )
}

/// The summary sheet's title: "2026年1-10月青山镇招商引资情况汇总表".
pub fn summary_title(period: YearMonth, unit: &str) -> String {
    format!(
        "{}年1-{}月{unit}招商引资情况汇总表",
        period.year, period.month
    )
}

/// The footer under both tables.
pub const FOOTER: &str = "填表人：　　　　审核人：　　　　联系电话：";

fn write_summary(sheet: &mut Worksheet, form: &Form, rows: &[SummaryRow]) -> Result<()> {
    sheet.set_name("汇总表")?;
    let headers = summary_headers(form.period.month);
    let title = summary_title(form.period, &form.unit_title);
    sheet.merge_range(0, 0, 0, 5, &title, &style::title())?;
    sheet.write_string(1, 0, meta_line(form))?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, h, &style::header())?;
    }
    let number = Format::new().set_num_format("0.00");
    for (i, row) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string(r, 0, row.indicator.name_zh())?;
        sheet.write_string(r, 1, row.indicator.unit_zh())?;
        sheet.write_number_with_format(r, 2, row.this_month, &number)?;
        sheet.write_number_with_format(r, 3, row.cumulative, &number)?;
        if let Some(last) = row.last_year {
            sheet.write_number_with_format(r, 4, last, &number)?;
            if last > 0.0 {
                sheet.write_number_with_format(
                    r,
                    5,
                    (row.cumulative / last - 1.0) * 100.0,
                    &number,
                )?;
            } else {
                sheet.write_string(r, 5, "—")?;
            }
        }
    }
    sheet.write_string(3 + rows.len() as u32 + 1, 0, FOOTER)?;
    sheet.set_column_width(0, 20)?;
    Ok(())
}

/// Saves a workbook built by a caller (reference tables use this).
///
/// # Errors
///
/// When the file cannot be written.
pub fn save(workbook: &mut Workbook, path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    workbook
        .save(path)
        .with_context(|| format!("写入 {} 失败", path.display()))
}
