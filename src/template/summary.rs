//! The form's 汇总表 sheet: one row per indicator of the bulletin; 本月 adds
//! up the 项目明细 by formula, 1-N月累计 is 本月 plus the months 1..N-1 already
//! accepted in the store, 去年同期 from the store, 同比 by formula.

use super::detail::{
    open, open_range, COL_ARRIVED, COL_CAPITAL, COL_CONTRACTED, COL_CURRENCY, COL_EVENT,
    COL_REGISTERED, SHEET as DETAIL,
};
use super::FormSpec;
use crate::demo::form::{summary_headers, summary_title, FOOTER};
use crate::foundation::model::{Indicator, Measure};
use crate::report::style;
use anyhow::Result;
use rust_xlsxwriter::{FormatBorder, Formula, ProtectionOptions, Worksheet};

pub const SHEET: &str = "汇总表";
pub const HEADER_ROW: u32 = 2;
pub const FIRST_ROW: u32 = 3;
/// Columns: 指标, 计量单位, 本月, 1-N月累计, 去年同期, 同比±%.
pub const COL_THIS_MONTH: u16 = 2;
pub const COL_CUMULATIVE: u16 = 3;
pub const COL_LAST_YEAR: u16 = 4;
pub const COL_YOY: u16 = 5;

/// `SUMIFS(项目明细!J4:J33,项目明细!D4:D33,"外资",…)`.
fn sumifs(amount: u16, criteria: &[(u16, &str)]) -> String {
    let mut s = format!("SUMIFS('{DETAIL}'!{}", open_range(amount));
    for (col, value) in criteria {
        s.push_str(&format!(",'{DETAIL}'!{},\"{value}\"", open_range(*col)));
    }
    s.push(')');
    s
}

/// The formula of 本月 for `indicator`: foreign amounts in 美元 (or no 币种)
/// as written, other currencies at the factor to 美元 the form was made with.
pub fn this_month_formula(indicator: Indicator, spec: &FormSpec) -> String {
    let foreign = |col: u16| {
        let mut parts = vec![
            sumifs(col, &[(COL_CAPITAL, "外资"), (COL_CURRENCY, "")]),
            sumifs(col, &[(COL_CAPITAL, "外资"), (COL_CURRENCY, "美元")]),
        ];
        for (name, factor) in &spec.factors {
            parts.push(format!(
                "{}*{factor}",
                sumifs(col, &[(COL_CAPITAL, "外资"), (COL_CURRENCY, name.as_str())])
            ));
        }
        parts.join("+")
    };
    let domestic = |col: u16| sumifs(col, &[(COL_CAPITAL, "内资")]);
    let body = match indicator {
        Indicator::RegisteredFdi => foreign(COL_REGISTERED),
        Indicator::ContractedFdi => foreign(COL_CONTRACTED),
        Indicator::ArrivedFdi => foreign(COL_ARRIVED),
        Indicator::NewFieCount => format!(
            "COUNTIFS('{DETAIL}'!{},\"外资\",'{DETAIL}'!{},\"新设\")",
            open_range(COL_CAPITAL),
            open_range(COL_EVENT)
        ),
        Indicator::DomesticRegistered => domestic(COL_REGISTERED),
        Indicator::DomesticArrived => domestic(COL_ARRIVED),
        other => unreachable!("{other:?} is not on the form's summary"),
    };
    format!("={body}")
}

/// Writes the sheet and protects it. A 1-N月累计 or 去年同期 the store cannot
/// give (a month of the year not in it) is left open for the unit to fill.
///
/// # Errors
///
/// When a cell is out of range, which is a bug.
pub fn write_summary(sheet: &mut Worksheet, spec: &FormSpec) -> Result<()> {
    sheet.set_name(SHEET)?;
    let headers = summary_headers(spec.month.month);
    let last = headers.len() as u16 - 1;
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(
        0,
        0,
        0,
        last,
        &summary_title(spec.month, spec.unit.as_str()),
        &style::title(),
    )?;
    sheet.merge_range(
        1,
        0,
        1,
        last,
        &super::detail::meta_line(spec),
        &style::subtitle(),
    )?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, h, &style::header())?;
    }
    for (i, &indicator) in Indicator::BULLETIN.iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        let a1 = |c: u16| rust_xlsxwriter::utility::row_col_to_cell(r, c);
        let num = if indicator.measure() == Measure::Count {
            "0"
        } else {
            "0.00"
        };
        sheet.write_string_with_format(r, 0, indicator.name_zh(), &style::text())?;
        sheet.write_string_with_format(r, 1, indicator.unit_zh(), &style::centered())?;
        sheet.write_formula_with_format(
            r,
            COL_THIS_MONTH,
            Formula::new(this_month_formula(indicator, spec)).set_result("0"),
            &style::number(num),
        )?;
        let prior = spec.prior_months.map(|p| p[i]);
        match prior {
            Some(p) => {
                let formula = Formula::new(format!("={}+{}", a1(COL_THIS_MONTH), round2(p)))
                    .set_result(round2(p).to_string());
                sheet.write_formula_with_format(r, COL_CUMULATIVE, formula, &style::number(num))?;
            }
            None => {
                sheet.write_blank(r, COL_CUMULATIVE, &open().set_num_format(num))?;
            }
        }
        let last_year = spec.last_year.map(|l| l[i]);
        match last_year {
            Some(l) => {
                sheet.write_number_with_format(r, COL_LAST_YEAR, round2(l), &style::number(num))?
            }
            None => sheet.write_blank(r, COL_LAST_YEAR, &open().set_num_format(num))?,
        };
        let yoy = format!(
            "=IF(N({ly})>0,ROUND(({cum}/{ly}-1)*100,2),\"—\")",
            ly = a1(COL_LAST_YEAR),
            cum = a1(COL_CUMULATIVE)
        );
        let cached = match (prior, last_year) {
            (Some(p), Some(l)) if round2(l) > 0.0 => {
                round2((round2(p) / round2(l) - 1.0) * 100.0).to_string()
            }
            _ => "—".to_string(),
        };
        sheet.write_formula_with_format(
            r,
            COL_YOY,
            Formula::new(yoy).set_result(cached),
            &style::number("0.00"),
        )?;
    }
    let mut r = FIRST_ROW + Indicator::BULLETIN.len() as u32 + 1;
    sheet.merge_range(
        r,
        0,
        r,
        last,
        FOOTER,
        &open().set_border(FormatBorder::None),
    )?;
    for note in notes(spec) {
        r += 1;
        sheet.merge_range(r, 0, r, last, &note, &style::subtitle().set_text_wrap())?;
        sheet.set_row_height(r, 27)?;
    }
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 9)?;
    for c in 2..=last {
        sheet.set_column_width(c, 14)?;
    }
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    Ok(())
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// What the unit should know about the formulas.
fn notes(spec: &FormSpec) -> Vec<String> {
    let n = spec.month.month;
    let mut notes = vec![format!(
        "注：本月由「项目明细」自动汇总，请勿在本表填写本月数。1-{n}月累计 = 本月 + 统计部门已采用的1-{}月数据。",
        n.saturating_sub(1)
    )];
    if spec.prior_months.is_none() || spec.last_year.is_none() {
        notes
            .push("统计部门缺少部分往月数据：空白的累计或去年同期请按本单位台账填写。".to_string());
    }
    if let Some(rates_month) = spec.rates_month {
        let factors: Vec<String> = spec
            .factors
            .iter()
            .map(|(name, f)| format!("1{name}={f:.4}美元"))
            .collect();
        if !factors.is_empty() {
            notes.push(format!(
                "外币按{}年{}月汇率折合美元（{}）；统计部门按各项目当月汇率折算。",
                rates_month.year,
                rates_month.month,
                factors.join("，")
            ));
        }
    }
    notes
}
