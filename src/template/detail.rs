//! The form's 项目明细 sheet: the bureau's title, meta line and header (the
//! demo forms' own constants, so the reader reads it as it reads them), open
//! rows with drop-down lists and validation, a 合计 row of SUM formulas.

use super::lists::ListRange;
use super::FormSpec;
use crate::demo::form::{detail_title, AMOUNT_COLS, DETAIL_HEADERS, FOOTER};
use crate::report::style;
use anyhow::Result;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format, Formula,
    ProtectionOptions, Worksheet,
};

pub const SHEET: &str = "项目明细";
/// Zero-based rows: title, meta line, header, then the open rows.
pub const META_ROW: u32 = 1;
pub const HEADER_ROW: u32 = 2;
pub const FIRST_ROW: u32 = 3;
/// Open rows for projects; more can be inserted above the 合计 row.
pub const ROWS: u32 = 30;
pub const TOTAL_ROW: u32 = FIRST_ROW + ROWS;
pub const FOOTER_ROW: u32 = TOTAL_ROW + 2;
/// The open cell on the meta row for 报出日期 (column 币种).
pub const DATE_CELL: (u32, u16) = (META_ROW, 12);
/// What the 报出日期 cell holds until the unit fills it in.
pub const DATE_PLACEHOLDER: &str = "报出日期：　　年　　月　　日";

/// Zero-based columns of the form, by header.
pub const COL_CAPITAL: u16 = 3;
pub const COL_SOURCE: u16 = 4;
pub const COL_ULTIMATE: u16 = 5;
pub const COL_INDUSTRY: u16 = 6;
pub const COL_EVENT: u16 = 7;
pub const COL_CONTRACTED: u16 = 9;
pub const COL_REGISTERED: u16 = 10;
pub const COL_ARRIVED: u16 = 11;
pub const COL_CURRENCY: u16 = 12;
pub const COL_DATE: u16 = 13;

/// "填报单位：青山镇　　单位：万美元（内资为万元）".
pub fn meta_line(spec: &FormSpec) -> String {
    format!("填报单位：{}　　单位：万美元（内资为万元）", spec.unit)
}

/// The A1 range of a column's open rows: "J4:J33".
pub fn open_range(col: u16) -> String {
    let letter = rust_xlsxwriter::utility::column_number_to_name(col);
    format!("{letter}{}:{letter}{}", FIRST_ROW + 1, TOTAL_ROW)
}

pub fn open() -> Format {
    style::text().set_unlocked()
}

/// Writes the sheet and protects it: header and formulas locked, open cells not.
///
/// # Errors
///
/// When a cell is out of range or a validation is refused, which is a bug.
pub fn write_detail(sheet: &mut Worksheet, spec: &FormSpec, lists: &[ListRange; 5]) -> Result<()> {
    sheet.set_name(SHEET)?;
    let last = DETAIL_HEADERS.len() as u16 - 1;
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(
        0,
        0,
        0,
        last,
        &detail_title(spec.month, spec.unit.as_str()),
        &style::title(),
    )?;
    sheet.merge_range(
        META_ROW,
        0,
        META_ROW,
        8,
        &meta_line(spec),
        &style::subtitle(),
    )?;
    sheet.merge_range(
        DATE_CELL.0,
        DATE_CELL.1,
        DATE_CELL.0,
        last,
        DATE_PLACEHOLDER,
        &style::subtitle().set_unlocked(),
    )?;
    for (c, h) in DETAIL_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &style::header())?;
    }
    let amount = open().set_num_format("0.00");
    let date = open().set_num_format("yyyy-mm-dd");
    for r in FIRST_ROW..TOTAL_ROW {
        for c in 0..=last {
            let format = if AMOUNT_COLS.contains(&c) {
                &amount
            } else if c == COL_DATE {
                &date
            } else {
                &open()
            };
            sheet.write_blank(r, c, format)?;
        }
    }
    sheet.write_string_with_format(TOTAL_ROW, 1, "合计", &style::centered())?;
    for c in 0..=last {
        if c == 1 {
            continue;
        }
        if AMOUNT_COLS.contains(&c) {
            let formula = Formula::new(format!("=SUM({})", open_range(c))).set_result("0");
            sheet.write_formula_with_format(TOTAL_ROW, c, formula, &style::number("0.00"))?;
        } else {
            sheet.write_blank(TOTAL_ROW, c, &style::text())?;
        }
    }
    sheet.merge_range(
        FOOTER_ROW,
        0,
        FOOTER_ROW,
        8,
        FOOTER,
        &open().set_border(rust_xlsxwriter::FormatBorder::None),
    )?;
    validate(sheet, lists)?;
    for (c, width) in [
        (0, 5.0),
        (1, 26.0),
        (2, 22.0),
        (6, 24.0),
        (13, 12.0),
        (14, 14.0),
    ] {
        sheet.set_column_width(c, width)?;
    }
    for c in [3, 4, 5, 7, 8, 9, 10, 11, 12] {
        sheet.set_column_width(c, 10.5)?;
    }
    sheet.set_freeze_panes(FIRST_ROW, 2)?;
    sheet.protect_with_options(&ProtectionOptions {
        insert_rows: true,
        delete_rows: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// Lists on 资本类别, 来源地, 实际来源地, 行业, 事项, 币种; numbers on the
/// amounts; dates on 批准日期. A list of the reader's words stops anything
/// else; 来源地 and 行业 only warn, since a new place or trade is possible
/// (the reader then names it and keeps the amount under 待核实).
fn validate(sheet: &mut Worksheet, lists: &[ListRange; 5]) -> Result<()> {
    let [capital, events, currencies, sources, industries] = *lists;
    let list =
        |range: ListRange, title: &str, message: &str, strict: bool| -> Result<DataValidation> {
            let style = if strict {
                DataValidationErrorStyle::Stop
            } else {
                DataValidationErrorStyle::Warning
            };
            Ok(DataValidation::new()
                .allow_list_formula(Formula::new(range.formula()))
                .set_input_title(title)?
                .set_input_message(message)?
                .set_error_title(title)?
                .set_error_message("请从下拉列表中选择")?
                .set_error_style(style))
        };
    let rows = |c: u16| (FIRST_ROW, c, TOTAL_ROW - 1, c);
    let by_column = [
        (COL_CAPITAL, list(capital, "资本类别", "外资或内资", true)?),
        (
            COL_SOURCE,
            list(sources, "来源地", "外资填国家或地区，内资填省市", false)?,
        ),
        (
            COL_ULTIMATE,
            list(sources, "实际来源地", "知道最终来源地时填写，可空", false)?,
        ),
        (
            COL_INDUSTRY,
            list(
                industries,
                "行业",
                "国民经济行业分类大类，或常用行业名称",
                false,
            )?,
        ),
        (
            COL_EVENT,
            list(events, "事项", "新设、增资、减资，或以前项目的到资", true)?,
        ),
        (
            COL_CURRENCY,
            list(
                currencies,
                "币种",
                "金额的币种；空为美元（内资为人民币）",
                true,
            )?,
        ),
    ];
    for (c, validation) in &by_column {
        let (r1, c1, r2, c2) = rows(*c);
        sheet.add_data_validation(r1, c1, r2, c2, validation)?;
    }
    let amount = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1.0e9, 1.0e9))
        .set_input_title("金额")?
        .set_input_message("单位：万（外资按币种，空为万美元；内资为万元）。减资填负数")?
        .set_error_message("请填写数字，不带单位")?;
    for c in AMOUNT_COLS {
        let (r1, c1, r2, c2) = rows(c);
        sheet.add_data_validation(r1, c1, r2, c2, &amount)?;
    }
    let date = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2099, 12, 31)?,
        ))
        .set_input_title("批准日期")?
        .set_input_message("如 2026-11-03")?
        .set_error_message("请填写日期，如 2026-11-03")?;
    let (r1, c1, r2, c2) = rows(COL_DATE);
    sheet.add_data_validation(r1, c1, r2, c2, &date)?;
    Ok(())
}
