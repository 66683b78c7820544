//! The summary sheet (汇总表): one row per indicator with 本月 and 累计. Used to
//! cross-check the detail, and as the month's figures when there is no detail.

use super::cells::{Recorder, TableContext};
use super::fact::{Fact, Provenance};
use super::units::Currency;
use crate::audit::issue::{a1, Rule};
use crate::ingest::columns::Column;
use crate::model::{Indicator, Measure, YearMonth};
use crate::normalize::text::normalize_label;

/// The summary sheet's figure for one indicator, in canonical units.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryLine {
    pub indicator: Indicator,
    pub this_month: Option<f64>,
    pub cumulative: Option<f64>,
    pub sheet: String,
    /// Zero-based row and the 本月 column.
    pub row: u32,
    pub this_month_col: u32,
}

/// Reads every indicator row of a summary table.
pub(super) fn read_summary(ctx: &TableContext, lines: &mut Vec<SummaryLine>, rec: &mut Recorder) {
    let sheet = &ctx.sheet.name;
    for &row in &ctx.table.data_rows {
        let Some((label, label_col)) = ctx.text(row, Column::IndicatorName) else {
            let col = ctx.col_or_first(Column::IndicatorName);
            rec.at(
                Rule::UnknownIndicator,
                sheet,
                row,
                col,
                "",
                "汇总表该行没有指标名称，未使用".to_string(),
            );
            continue;
        };
        let Some(indicator) = Indicator::from_label(&normalize_label(&label)) else {
            rec.at(
                Rule::UnknownIndicator,
                sheet,
                row,
                label_col,
                &label,
                format!("汇总表的指标「{label}」不是本系统统计的指标，未使用"),
            );
            continue;
        };
        let mut values = [None, None];
        for (slot, column) in [Column::ThisMonth, Column::Cumulative]
            .into_iter()
            .enumerate()
        {
            let what = format!("「{label}」的「{}」", column.name_zh());
            let Some(cell) = ctx.amount(row, column, &what, rec) else {
                continue;
            };
            if indicator.measure() == Measure::Count {
                values[slot] = Some(cell.value);
                continue;
            }
            let Some(mut unit) = ctx.money_unit(row, column, cell.inline) else {
                rec.at(
                    Rule::MoneyUnitNotFound,
                    sheet,
                    row,
                    cell.col,
                    &cell.raw,
                    format!("「{label}」没有写明计量单位"),
                );
                continue;
            };
            // Domestic capital is RMB unless its own row or cell says otherwise.
            if indicator.measure() == Measure::Domestic
                && cell.inline.is_none()
                && ctx.row_unit(row).is_none()
            {
                unit.currency = Currency::CNY;
            }
            match ctx.to_canonical(cell.value, unit, indicator.measure()) {
                Some(v) => values[slot] = Some(v),
                None => rec.at(
                    Rule::RateMissing,
                    sheet,
                    row,
                    cell.col,
                    &cell.raw,
                    format!(
                        "汇率表中没有该月的{}汇率，无法折算",
                        unit.currency.name_zh()
                    ),
                ),
            }
        }
        lines.push(SummaryLine {
            indicator,
            this_month: values[0],
            cumulative: values[1],
            sheet: sheet.clone(),
            row,
            this_month_col: ctx.col_or_first(Column::ThisMonth),
        });
    }
}

/// A workbook with only the summary: its 本月 figures are the month's facts.
pub(super) fn summary_as_facts(
    lines: &[SummaryLine],
    period: Option<YearMonth>,
    file: &str,
    unit: &str,
) -> Vec<Fact> {
    let Some(period) = period else {
        return Vec::new();
    };
    lines
        .iter()
        .filter_map(|line| {
            Some(Fact {
                unit: unit.to_string(),
                period,
                indicator: line.indicator,
                amount: line.this_month?,
                original: None,
                event: None,
                project: None,
                source: None,
                industry: None,
                date: None,
                provenance: Provenance {
                    file: file.to_string(),
                    sheet: line.sheet.clone(),
                    cell: a1(line.row, line.this_month_col),
                },
            })
        })
        .collect()
}
