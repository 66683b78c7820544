//! The summary sheet (汇总表): one row per indicator with 本月 and 累计. Used to
//! cross-check the detail, and as the month's figures when there is no detail.

use super::cells::{Recorder, TableContext};
use super::detail::ColumnTotal;
use crate::foundation::fact::{Fact, Provenance};
use crate::foundation::form_words::{indicator_in, names_uncounted_figure, Column};
use crate::foundation::issue::Rule;
use crate::foundation::model::{Indicator, Measure, YearMonth};
use crate::foundation::money::MoneyUnit;
use crate::foundation::text::normalize_label;
use crate::foundation::unit_id::UnitId;
use crate::foundation::unit_phrases::unit_phrases;
use crate::ingest::locate::HeaderColumn;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The summary sheet's figure for one indicator, in canonical units.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryLine {
    pub indicator: Indicator,
    pub this_month: Option<f64>,
    pub cumulative: Option<f64>,
    pub sheet: String,
    /// Zero-based row and the 本月 column.
    pub row: u32,
    /// Every row the figure was read from (a summary laid across adds its rows up).
    pub rows: Vec<u32>,
    /// The 累计 column, where the summary has one.
    pub cumulative_col: Option<u32>,
    pub this_month_col: u32,
    /// Half a unit of the 本月 figure's last written digit, in canonical
    /// units: "3.7919" 亿元 is 37,919 万元 give or take 0.5 万元. 0 when the
    /// figure was read from several cells or not at all.
    pub this_month_rounding: f64,
}

/// Reads every indicator row of a summary table.
pub(super) fn read_summary(ctx: &TableContext, lines: &mut Vec<SummaryLine>, rec: &mut Recorder) {
    let sheet = &ctx.sheet.name;
    for &row in &ctx.table.data_rows {
        // A section heading ("一、利用外资") or a second header row holds no
        // figure: nothing to read, nothing to say.
        let holds_figure = [Column::ThisMonth, Column::Cumulative, Column::LastYear]
            .into_iter()
            .filter_map(|c| ctx.cell(row, c))
            .any(|(cell, _)| !cell.is_blank());
        if !holds_figure {
            continue;
        }
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
        let Some(indicator) =
            indicator_in(&ctx.reference.labels.standard(&normalize_label(&label)))
        else {
            let (rule, message) = if names_uncounted_figure(&label) {
                (
                    Rule::UncountedIndicator,
                    format!("汇总表的「{label}」本系统不统计，未使用（不影响其他指标）"),
                )
            } else {
                (
                    Rule::UnknownIndicator,
                    format!("汇总表的指标「{label}」不是本系统统计的指标，未使用"),
                )
            };
            rec.at(rule, sheet, row, label_col, &label, message);
            continue;
        };
        // A unit in the label ("合同外资（万美元）") is that row's unit.
        let label_unit = unit_in_label(&label);
        if let (Some(unit), Some(stated)) = (label_unit, ctx.meta.money_unit.as_ref()) {
            if unit.currency == stated.value.currency && unit.magnitude != stated.value.magnitude {
                rec.at(
                    Rule::MoneyUnitConflict,
                    sheet,
                    row,
                    label_col,
                    &label,
                    format!(
                        "指标「{label}」的单位是{unit}，而表头上方写的是「{}」（{}），两者矛盾，无法判断金额的单位；请改为一致后重报",
                        stated.raw, stated.value
                    ),
                );
            }
        }
        let mut values = [None, None];
        let mut rounding = 0.0;
        for (slot, column) in [Column::ThisMonth, Column::Cumulative]
            .into_iter()
            .enumerate()
        {
            let what = format!("「{label}」的「{}」", column.name_zh());
            let read = ctx
                .table
                .col(column)
                .and_then(|h| figure(ctx, row, h, indicator, label_unit, &what, rec));
            if column == Column::ThisMonth {
                rounding = read.as_ref().map_or(0.0, Figure::rounding);
            }
            values[slot] = read.map(|f| f.canonical);
        }
        lines.push(SummaryLine {
            this_month_rounding: rounding,
            indicator,
            this_month: values[0],
            cumulative: values[1],
            sheet: sheet.clone(),
            row,
            rows: vec![row],
            cumulative_col: ctx.table.col(Column::Cumulative).map(|h| h.col),
            this_month_col: ctx.col_or_first(Column::ThisMonth),
        });
    }
}

/// The one unit a row's label states, if it states exactly one.
fn unit_in_label(label: &str) -> Option<MoneyUnit> {
    match unit_phrases(label).as_slice() {
        [one] => Some(one.unit),
        _ => None,
    }
}

/// One summary figure: canonical, and as written (for the 合计 check).
struct Figure {
    canonical: f64,
    written: f64,
    raw: String,
}

impl Figure {
    /// Half a unit of the last digit written, in canonical units (0 for a
    /// figure written as 0, whose unit says nothing of its scale).
    fn rounding(&self) -> f64 {
        if self.written == 0.0 {
            return 0.0;
        }
        let decimals = self
            .raw
            .trim()
            .rsplit_once(['.', '．'])
            .map_or(0, |(_, tail)| {
                tail.chars().take_while(char::is_ascii_digit).count()
            })
            .min(9) as i32;
        0.5 * 10f64.powi(-decimals) * (self.canonical / self.written).abs()
    }
}

/// The figure of `indicator` in the cell under `header` on `row`, converted to
/// canonical units; `None` (with an issue where the cell is unusable) otherwise.
fn figure(
    ctx: &TableContext,
    row: u32,
    header: &HeaderColumn,
    indicator: Indicator,
    label_unit: Option<MoneyUnit>,
    what: &str,
    rec: &mut Recorder,
) -> Option<Figure> {
    let sheet = &ctx.sheet.name;
    let cell = ctx.amount_at(row, header.col, what, rec)?;
    if indicator.measure() == Measure::Count {
        return Some(Figure {
            canonical: cell.value,
            written: cell.value,
            raw: cell.raw,
        });
    }
    let Some(unit) = ctx.money_unit_under(
        row,
        Some(header),
        cell.inline.or(label_unit),
        indicator.measure(),
    ) else {
        rec.at(
            Rule::MoneyUnitNotFound,
            sheet,
            row,
            cell.col,
            &cell.raw,
            format!("{what}没有写明计量单位"),
        );
        return None;
    };
    let canonical = ctx.canonical_at(cell.value, unit, indicator.measure(), row, &cell, rec)?;
    Some(Figure {
        canonical,
        written: cell.value,
        raw: cell.raw,
    })
}

/// Reads a summary laid out across (an indicator per column group, 本月 and
/// 累计 under it). Its rows are parts of the unit and are added up; the 合计
/// row is checked against them, or is the figure itself when it is the only row.
pub(super) fn read_wide_summary(
    ctx: &TableContext,
    lines: &mut Vec<SummaryLine>,
    totals: &mut Vec<ColumnTotal>,
    rec: &mut Recorder,
) {
    let table = ctx.table;
    // With no rows of its own, the 合计 is the figure; else it and any 小计 are checks.
    let (rows, checks) = match (table.data_rows.as_slice(), table.grand_total()) {
        ([], Some(total)) => (vec![total], Vec::new()),
        (rows, _) => (rows.to_vec(), table.totals.clone()),
    };
    let Some(&first_row) = rows.first() else {
        return;
    };
    for indicator in Indicator::ALL {
        let mut values = [None, None];
        for (slot, column) in [Column::ThisMonth, Column::Cumulative]
            .into_iter()
            .enumerate()
        {
            let Some(header) = table.grouped(indicator, column) else {
                continue;
            };
            let what = format!("「{}」的「{}」", indicator.name_zh(), column.name_zh());
            let mut written: BTreeMap<u32, f64> = BTreeMap::new();
            for &row in &rows {
                if let Some(f) = figure(ctx, row, header, indicator, None, &what, rec) {
                    *values[slot].get_or_insert(0.0) += f.canonical;
                    written.insert(row, f.written);
                }
            }
            for check in &checks {
                let Some(stated) = figure(ctx, check.row, header, indicator, None, &what, rec)
                else {
                    continue;
                };
                totals.push(ColumnTotal {
                    column: Column::Amount(indicator),
                    sheet: ctx.sheet.name.clone(),
                    row: check.row,
                    col: header.col,
                    raw: stated.raw,
                    stated: stated.written,
                    rows_sum: check.covers.iter().filter_map(|r| written.get(r)).sum(),
                });
            }
        }
        if values.iter().any(Option::is_some) {
            lines.push(SummaryLine {
                this_month_rounding: 0.0,
                indicator,
                this_month: values[0],
                cumulative: values[1],
                sheet: ctx.sheet.name.clone(),
                row: first_row,
                rows: rows.clone(),
                cumulative_col: table.grouped(indicator, Column::Cumulative).map(|h| h.col),
                this_month_col: table
                    .grouped(indicator, Column::ThisMonth)
                    .or_else(|| table.grouped(indicator, Column::Cumulative))
                    .map_or(0, |h| h.col),
            });
        }
    }
}

/// A workbook with only the summary: its 本月 figures are the month's facts.
pub(super) fn summary_as_facts(
    lines: &[SummaryLine],
    period: Option<YearMonth>,
    file: &str,
    unit: &UnitId,
) -> Vec<Fact> {
    let Some(period) = period else {
        return Vec::new();
    };
    let file: Arc<str> = Arc::from(file);
    lines
        .iter()
        .filter_map(|line| {
            let amount = line.this_month?;
            let provenance = Provenance {
                file: file.clone(),
                sheet: Arc::from(line.sheet.as_str()),
                row: line.row,
                col: line.this_month_col,
            };
            Some(Fact::bare(
                unit.clone(),
                period,
                line.indicator,
                amount,
                provenance,
            ))
        })
        .collect()
}
