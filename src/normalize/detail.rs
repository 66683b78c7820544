//! The project-detail sheet (项目明细): one row per event → facts. 外资 rows give
//! 合同/注册/到帐外资 and 总投资; 内资 rows give 注册内资 and 到位内资 in the
//! 注册外资 and 到帐外资 columns; 新设 rows count one new enterprise.

use super::cells::{Recorder, TableContext};
use super::dates::parse_date_cell;
use super::fact::{Event, Fact, Original};
use super::units::{Currency, MoneyUnit};
use crate::audit::issue::{Rule, Severity};
use crate::ingest::columns::Column;
use crate::ingest::workbook::{format_number, RawCell};
use crate::model::Indicator;
use crate::normalize::text::normalize_label;
use std::collections::{BTreeMap, HashMap};

/// A detail column's 合计 as written, beside the sum of its rows as written.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnTotal {
    pub column: Column,
    pub sheet: String,
    pub row: u32,
    pub col: u32,
    pub raw: String,
    pub stated: f64,
    pub rows_sum: f64,
}

/// The amount columns of the detail sheet, in the order they are read.
const AMOUNT_COLUMNS: [Indicator; 4] = [
    Indicator::ContractedFdi,
    Indicator::RegisteredFdi,
    Indicator::ArrivedFdi,
    Indicator::TotalInvestment,
];

#[derive(Clone, Copy, PartialEq)]
enum CapitalKind {
    Foreign,
    Domestic,
}

/// Reads every data row into `facts`, and the 合计 row into `totals`.
pub(super) fn read_detail(
    ctx: &TableContext,
    facts: &mut Vec<Fact>,
    totals: &mut Vec<ColumnTotal>,
    rec: &mut Recorder,
) {
    // Each row's amounts as written, for checking the totals that cover it.
    let mut written: BTreeMap<u32, [f64; 4]> = BTreeMap::new();
    let mut seen: HashMap<Vec<String>, u32> = HashMap::new();
    for &row in &ctx.table.data_rows {
        check_repeated_row(ctx, row, &mut seen, rec);
        let before = rec.issues.len();
        let row_facts = read_row(ctx, row, written.entry(row).or_default(), rec);
        let failed = rec.issues[before..]
            .iter()
            .any(|i| i.severity() == Severity::Error);
        if row_facts.is_empty() && !failed {
            let col = ctx.col_or_first(Column::ProjectName);
            let raw = ctx
                .text(row, Column::ProjectName)
                .map(|(t, _)| t)
                .unwrap_or_default();
            rec.at(
                Rule::EmptyRow,
                &ctx.sheet.name,
                row,
                col,
                &raw,
                "该行没有任何金额，也不是新设项目，未计入任何指标".to_string(),
            );
        }
        facts.extend(row_facts);
    }
    for total in &ctx.table.totals {
        let sums =
            total
                .covers
                .iter()
                .filter_map(|r| written.get(r))
                .fold([0.0f64; 4], |mut acc, row| {
                    acc.iter_mut().zip(row).for_each(|(a, v)| *a += v);
                    acc
                });
        read_total(ctx, total.row, sums, totals, rec);
    }
}

/// One 合计 / 小计 row, to be checked against `sums` of the rows it covers.
fn read_total(
    ctx: &TableContext,
    total_row: u32,
    sums: [f64; 4],
    totals: &mut Vec<ColumnTotal>,
    rec: &mut Recorder,
) {
    for (slot, indicator) in AMOUNT_COLUMNS.into_iter().enumerate() {
        let column = Column::Amount(indicator);
        if let Some((RawCell::FormulaNoValue(formula), col)) = ctx.cell(total_row, column) {
            rec.at(
                Rule::TotalUncheckable,
                &ctx.sheet.name,
                total_row,
                col,
                &format!("={formula}"),
                format!(
                    "合计行的「{}」是公式但没有保存计算结果，无法核对合计；各行数据照常统计",
                    column.name_zh()
                ),
            );
            continue;
        }
        let what = format!("合计行的「{}」", column.name_zh());
        if let Some(cell) = ctx.amount(total_row, column, &what, rec) {
            totals.push(ColumnTotal {
                column,
                sheet: ctx.sheet.name.clone(),
                row: total_row,
                col: cell.col,
                raw: cell.raw,
                stated: cell.value,
                rows_sum: sums[slot],
            });
        }
    }
}

/// The same project with the same event and the same amounts twice in one
/// month's detail is a row copied twice: an error naming the first row.
fn check_repeated_row(
    ctx: &TableContext,
    row: u32,
    seen: &mut HashMap<Vec<String>, u32>,
    rec: &mut Recorder,
) {
    let Some((project, col)) = ctx.text(row, Column::ProjectName) else {
        return;
    };
    let key: Vec<String> = [Column::ProjectName, Column::Event, Column::Currency]
        .into_iter()
        .chain(AMOUNT_COLUMNS.map(Column::Amount))
        .map(|c| {
            ctx.text(row, c)
                .map(|(t, _)| normalize_label(&t))
                .unwrap_or_default()
        })
        .collect();
    // A hash of the row's key, not a scan of the rows before: linear in rows.
    match seen.get(&key) {
        Some(first) => rec.at(
            Rule::DuplicateProject,
            &ctx.sheet.name,
            row,
            col,
            &project,
            format!(
                "与第 {} 行是同一项目、同一事项、同样的金额，疑为重复填报；请删去重复的一行后重报",
                first + 1
            ),
        ),
        None => {
            seen.insert(key, row);
        }
    }
}

/// One data row's facts; every unusable cell is an issue. `sums` adds the
/// amounts as written, for the 合计 check.
fn read_row(ctx: &TableContext, row: u32, sums: &mut [f64; 4], rec: &mut Recorder) -> Vec<Fact> {
    let (Some(kind), Ok(event), Ok(currency)) = (
        capital_kind(ctx, row, rec),
        event(ctx, row, rec),
        row_currency(ctx, row, rec),
    ) else {
        return Vec::new();
    };
    let Some(period) = ctx.period else {
        return Vec::new();
    };
    let date = approval_date(ctx, row, rec);
    let source = source(ctx, row, kind, rec);
    let ultimate_source = ultimate_source(ctx, row, rec);
    let industry = industry(ctx, row, rec);
    let project = ctx.text(row, Column::ProjectName).map(|(t, _)| t);
    let investor = ctx.text(row, Column::Investor).map(|(t, _)| t);
    let fact = |indicator, amount, original, col| Fact {
        unit: ctx.unit.to_string(),
        period,
        indicator,
        amount,
        original,
        event,
        project: project.clone(),
        investor: investor.clone(),
        source: source.clone(),
        ultimate_source: ultimate_source.clone(),
        industry: industry.clone(),
        date,
        provenance: ctx.provenance(row, col),
    };
    let sheet = &ctx.sheet.name;
    let decrease = event == Some(Event::Decrease);
    let mut facts = Vec::new();
    // Canonical amounts of the row, for comparing 注册外资 with 合同外资 when
    // the two cells are written in different units ("120万美元" beside 500 千美元).
    let mut canonical: [Option<f64>; 4] = [None; 4];
    for (slot, indicator) in AMOUNT_COLUMNS.into_iter().enumerate() {
        let column = Column::Amount(indicator);
        let label = column.name_zh();
        let Some(cell) = ctx.amount(row, column, &format!("「{label}」"), rec) else {
            continue;
        };
        sums[slot] += cell.value;
        let Some(target) = counted_as(kind, indicator) else {
            if indicator == Indicator::ContractedFdi && cell.value != 0.0 {
                rec.at(Rule::DomesticContracted, sheet, row, cell.col, &cell.raw,
                    "内资项目不统计合同外资，该数未计入；内资请填在「注册外资」（注册内资）和「到帐外资」（到位内资）列".to_string());
            }
            continue;
        };
        let arrival = matches!(target, Indicator::ArrivedFdi | Indicator::DomesticArrived);
        if cell.value < 0.0 && (arrival || !decrease) {
            let why = if arrival {
                "不能为负数"
            } else {
                "为负数，只有事项为「减资」的行可以为负"
            };
            rec.at(
                Rule::NegativeAmount,
                sheet,
                row,
                cell.col,
                &cell.raw,
                format!("「{label}」{why}"),
            );
            continue;
        }
        // 减资 counts negative however it is written.
        let signed = if decrease && !arrival {
            -cell.value.abs()
        } else {
            cell.value
        };
        let Some(stated) = ctx.money_unit(row, column, cell.inline) else {
            rec.at(
                Rule::MoneyUnitNotFound,
                sheet,
                row,
                cell.col,
                &cell.raw,
                format!("「{label}」没有写明金额单位（表头上方应有「单位：万美元」之类）"),
            );
            continue;
        };
        let unit = MoneyUnit {
            magnitude: stated.magnitude,
            currency: amount_currency(ctx, row, kind, cell.inline, currency, stated),
        };
        let Some(amount) = ctx.canonical_at(signed, unit, target.measure(), row, &cell, rec) else {
            continue;
        };
        canonical[slot] = Some(amount);
        facts.push(fact(
            target,
            amount,
            Some(Original {
                amount: signed,
                unit,
            }),
            cell.col,
        ));
    }
    if event == Some(Event::New) {
        let count = match kind {
            CapitalKind::Foreign => Indicator::NewFieCount,
            CapitalKind::Domestic => Indicator::NewDomesticCount,
        };
        facts.push(fact(count, 1.0, None, ctx.col_or_first(Column::Event)));
        if let (CapitalKind::Foreign, Some(con), Some(reg)) = (kind, canonical[0], canonical[1]) {
            if reg > con + 1e-9 {
                let col = ctx.col_or_first(Column::Amount(Indicator::RegisteredFdi));
                let raw = ctx.sheet.cell(row, col).display();
                rec.at(
                    Rule::RegisteredAboveContracted,
                    sheet,
                    row,
                    col,
                    &raw,
                    format!(
                        "新设项目的注册外资 {} 万美元大于合同外资 {} 万美元，请核实",
                        format_number(round2(reg)),
                        format_number(round2(con))
                    ),
                );
            }
        }
    }
    facts
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Which indicator an amount column counts as on a row of this kind; `None`
/// where it counts nowhere (合同外资 and 总投资 on 内资 rows).
fn counted_as(kind: CapitalKind, column: Indicator) -> Option<Indicator> {
    match (kind, column) {
        (CapitalKind::Foreign, i) => Some(i),
        (CapitalKind::Domestic, Indicator::RegisteredFdi) => Some(Indicator::DomesticRegistered),
        (CapitalKind::Domestic, Indicator::ArrivedFdi) => Some(Indicator::DomesticArrived),
        (CapitalKind::Domestic, _) => None,
    }
}

/// The currency of an amount: a unit in the cell, else the row's 币种, else
/// for 外资 the currency of the stated unit and for 内资 RMB (or the row's 计量单位).
fn amount_currency(
    ctx: &TableContext,
    row: u32,
    kind: CapitalKind,
    inline: Option<MoneyUnit>,
    row_currency: Option<Currency>,
    stated: MoneyUnit,
) -> Currency {
    if let Some(unit) = inline {
        return unit.currency;
    }
    if let Some(currency) = row_currency {
        return currency;
    }
    match kind {
        CapitalKind::Foreign => stated.currency,
        CapitalKind::Domestic => ctx.row_unit(row).map_or(Currency::CNY, |u| u.currency),
    }
}

/// 外资 or 内资; a table without the column is all 外资.
fn capital_kind(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Option<CapitalKind> {
    if ctx.table.col(Column::CapitalKind).is_none() {
        return Some(CapitalKind::Foreign);
    }
    let (text, col) = ctx
        .text(row, Column::CapitalKind)
        .unwrap_or_else(|| (String::new(), ctx.col_or_first(Column::CapitalKind)));
    match normalize_label(&text).as_str() {
        "外资" | "外商投资" | "外" | "三资" => Some(CapitalKind::Foreign),
        "内资" | "内" | "外地内资" => Some(CapitalKind::Domestic),
        _ => {
            let why = if text.is_empty() {
                "资本类别为空，"
            } else {
                "资本类别"
            };
            rec.at(
                Rule::CapitalKindUnknown,
                &ctx.sheet.name,
                row,
                col,
                &text,
                format!("{why}应填「外资」或「内资」"),
            );
            None
        }
    }
}

/// 新设, 增资, 减资 or 到资; blank is allowed (no count, no sign change).
fn event(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Result<Option<Event>, ()> {
    let Some((text, col)) = ctx.text(row, Column::Event) else {
        return Ok(None);
    };
    match Event::parse(&text) {
        Some(e) => Ok(Some(e)),
        None => {
            rec.at(
                Rule::EventUnknown,
                &ctx.sheet.name,
                row,
                col,
                &text,
                "事项应为「新设」「增资」「减资」或「到资」".to_string(),
            );
            Err(())
        }
    }
}

/// The row's 币种, if written.
fn row_currency(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Result<Option<Currency>, ()> {
    let Some((text, col)) = ctx.text(row, Column::Currency) else {
        return Ok(None);
    };
    match Currency::parse(&text) {
        Some(c) => Ok(Some(c)),
        None => {
            rec.at(
                Rule::CurrencyUnknown,
                &ctx.sheet.name,
                row,
                col,
                &text,
                "无法识别的币种，应填如「美元」「港元」「日元」「欧元」「人民币」".to_string(),
            );
            Err(())
        }
    }
}

/// The 批准日期, when filled; a cell that is not a date is an error.
fn approval_date(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Option<chrono::NaiveDate> {
    let (cell, col) = ctx.cell(row, Column::Date)?;
    match parse_date_cell(cell) {
        Ok(date) => date,
        Err(()) => {
            rec.at(
                Rule::DateInvalid,
                &ctx.sheet.name,
                row,
                col,
                &cell.display(),
                "「批准日期」不是日期，应写作如 2026年3月5日 或 2026-03-05".to_string(),
            );
            None
        }
    }
}

/// The canonical source; required on 外资 rows when the table has the column.
fn source(ctx: &TableContext, row: u32, kind: CapitalKind, rec: &mut Recorder) -> Option<String> {
    let sheet = &ctx.sheet.name;
    match ctx.text(row, Column::Source) {
        Some((text, col)) => match ctx.reference.sources.find(&text) {
            Some(s) => Some(s.name.clone()),
            None => {
                rec.at(
                    Rule::SourceUnknown,
                    sheet,
                    row,
                    col,
                    &text,
                    format!(
                        "来源地「{text}」不在来源地表中{}",
                        ctx.reference.sources.suggestion(&text)
                    ),
                );
                None
            }
        },
        None if kind == CapitalKind::Foreign && ctx.table.col(Column::Source).is_some() => {
            let col = ctx.col_or_first(Column::Source);
            rec.at(
                Rule::SourceUnknown,
                sheet,
                row,
                col,
                "",
                "外资项目的来源地不能为空".to_string(),
            );
            None
        }
        None => None,
    }
}

/// The canonical 实际来源地 (the investor's ultimate home, behind a holding in
/// a free port), when the optional column is there and filled.
fn ultimate_source(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Option<String> {
    let (text, col) = ctx.text(row, Column::UltimateSource)?;
    let found = ctx.reference.sources.find(&text).map(|s| s.name.clone());
    if found.is_none() {
        rec.at(
            Rule::SourceUnknown,
            &ctx.sheet.name,
            row,
            col,
            &text,
            format!(
                "实际来源地「{text}」不在来源地表中{}",
                ctx.reference.sources.suggestion(&text)
            ),
        );
    }
    found
}

/// The industry code, when the cell is filled and known.
fn industry(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Option<String> {
    let (text, col) = ctx.text(row, Column::Industry)?;
    match ctx.reference.industries.find(&text) {
        Some(i) => Some(i.code.clone()),
        None => {
            rec.at(Rule::IndustryUnknown, &ctx.sheet.name, row, col, &text,
                format!("行业「{text}」无法对应到国民经济行业分类{}；可在 industries.xlsx 的「关键词」中补充",
                    ctx.reference.industries.suggestion(&text)));
            None
        }
    }
}
