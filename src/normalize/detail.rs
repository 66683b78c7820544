//! The project-detail sheet (项目明细): one row per event → facts. 外资 rows give
//! 合同/注册/到帐外资 and 总投资; 内资 rows give 注册内资 and 到位内资 in the
//! 注册外资 and 到帐外资 columns; 新设 rows count one new enterprise.

use super::cells::{Recorder, TableContext};
use super::dates::parse_date_cell;
use crate::foundation::fact::{Event, Fact, Original, UNVERIFIED};
use crate::foundation::form_words::Column;
use crate::foundation::issue::{Rule, Severity};
use crate::foundation::model::Indicator;
use crate::foundation::money::{Currency, MoneyUnit};
use crate::foundation::number::TypedNumber;
use crate::foundation::text::normalize_label;
use crate::ingest::workbook::{format_number, RawCell};
use crate::reference::industries::IndustryReading;
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

/// The amount columns of the detail sheet, in the order they are read. The
/// form has the first four, 内资 rows using 注册外资 and 到帐外资 for their
/// capital; a form with columns of its own for 内资 has the last two.
const AMOUNT_COLUMNS: [Indicator; 6] = [
    Indicator::ContractedFdi,
    Indicator::RegisteredFdi,
    Indicator::ArrivedFdi,
    Indicator::TotalInvestment,
    Indicator::DomesticRegistered,
    Indicator::DomesticArrived,
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
    let mut written: BTreeMap<u32, [f64; 6]> = BTreeMap::new();
    let mut seen: HashMap<Vec<String>, u32> = HashMap::new();
    for &row in &ctx.table.data_rows {
        check_repeated_row(ctx, row, &mut seen, rec);
        let before = rec.issues.len();
        let row_facts = read_row(ctx, row, written.entry(row).or_default(), rec);
        let failed = rec.issues[before..]
            .iter()
            .any(|i| i.severity() == Severity::Error);
        // A row of a staged table counts 0 in each stage; that alone is no content.
        let empty = row_facts
            .iter()
            .all(|f| Indicator::STAGES.contains(&f.indicator) && f.amount == 0.0);
        if empty && !failed && ctx.period.is_some() {
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
                .fold([0.0f64; 6], |mut acc, row| {
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
    sums: [f64; 6],
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
fn read_row(ctx: &TableContext, row: u32, sums: &mut [f64; 6], rec: &mut Recorder) -> Vec<Fact> {
    let (Some(kind), Ok(event), Ok(currency)) = (
        capital_kind(ctx, row, rec),
        event(ctx, row, rec),
        row_currency(ctx, row, rec),
    ) else {
        return Vec::new();
    };
    let date = approval_date(ctx, row, rec);
    let source = source(ctx, row, kind, rec);
    let ultimate_source = ultimate_source(ctx, row, rec);
    let industry = industry(ctx, row, rec);
    let project = ctx.text(row, Column::ProjectName).map(|(t, _)| t);
    let investor = ctx.text(row, Column::Investor).map(|(t, _)| t);
    // Without a period the file is out already: its cells are still checked,
    // but nothing is converted (no rate) and no fact is made.
    let period = ctx.period;
    let fact = |period, indicator, amount, original, col| Fact {
        unit: ctx.unit.clone(),
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
    let mut canonical: [Option<f64>; 6] = [None; 6];
    for (slot, indicator) in AMOUNT_COLUMNS.into_iter().enumerate() {
        let column = Column::Amount(indicator);
        let label = column.name_zh();
        let Some(cell) = ctx.amount(row, column, &format!("「{label}」"), rec) else {
            continue;
        };
        sums[slot] += cell.value;
        let own_domestic_columns = |i: Indicator| ctx.table.col(Column::Amount(i)).is_some();
        let Some(target) = counted_as(kind, indicator, own_domestic_columns) else {
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
        let Some(period) = period else {
            continue;
        };
        // 减资 counts negative however it is written.
        let signed = if decrease && !arrival {
            -cell.value.abs()
        } else {
            cell.value
        };
        // A 内资 row's 总投资 is in RMB like its capital, though it is kept
        // in 万美元 beside the foreign projects' (converted back for the RMB bands).
        let unit_measure = match kind {
            CapitalKind::Domestic => crate::foundation::model::Measure::Domestic,
            CapitalKind::Foreign => target.measure(),
        };
        let Some(stated) = ctx.money_unit(row, column, cell.inline, unit_measure) else {
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
            currency: amount_currency(cell.inline, currency, stated),
        };
        let Some(amount) = ctx.canonical_at(signed, unit, target.measure(), row, &cell, rec) else {
            continue;
        };
        canonical[slot] = Some(amount);
        facts.push(fact(
            period,
            target,
            amount,
            Some(Original {
                amount: signed,
                unit,
            }),
            cell.col,
        ));
    }
    facts.extend(super::stage::read_stages(
        ctx,
        row,
        rec,
        |period, indicator, count, col| fact(period, indicator, count, None, col),
    ));
    if let (Some(Event::New), Some(period)) = (event, period) {
        let count = match kind {
            CapitalKind::Foreign => Indicator::NewFieCount,
            CapitalKind::Domestic => Indicator::NewDomesticCount,
        };
        facts.push(fact(
            period,
            count,
            1.0,
            None,
            ctx.col_or_first(Column::Event),
        ));
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
/// where it counts nowhere (合同外资 on 内资 rows, 内资 columns on
/// 外资 rows, and 注册外资/到帐外资 on 内资 rows where the form has 内资
/// columns of its own).
fn counted_as(
    kind: CapitalKind,
    column: Indicator,
    has_column: impl Fn(Indicator) -> bool,
) -> Option<Indicator> {
    use Indicator::{
        ArrivedFdi, DomesticArrived, DomesticRegistered, RegisteredFdi, TotalInvestment,
    };
    match (kind, column) {
        (CapitalKind::Foreign, DomesticRegistered | DomesticArrived) => None,
        (CapitalKind::Foreign, i) => Some(i),
        (CapitalKind::Domestic, i @ (DomesticRegistered | DomesticArrived | TotalInvestment)) => {
            Some(i)
        }
        (CapitalKind::Domestic, RegisteredFdi) if !has_column(DomesticRegistered) => {
            Some(DomesticRegistered)
        }
        (CapitalKind::Domestic, ArrivedFdi) if !has_column(DomesticArrived) => {
            Some(DomesticArrived)
        }
        (CapitalKind::Domestic, _) => None,
    }
}

/// The currency of an amount: a unit in the cell, else the row's 币种, else
/// the currency of the unit stated for amounts of its kind (RMB for 内资
/// unless stated otherwise).
fn amount_currency(
    inline: Option<MoneyUnit>,
    row_currency: Option<Currency>,
    stated: MoneyUnit,
) -> Currency {
    inline
        .map(|u| u.currency)
        .or(row_currency)
        .unwrap_or(stated.currency)
}

/// 外资 or 内资; a table without the column is all 外资.
fn capital_kind(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Option<CapitalKind> {
    if ctx.table.col(Column::CapitalKind).is_none() {
        // Without the column, a row with figures only in the 内资 columns of
        // a form that has them is 内资; every other row is 外资. A figure is
        // an amount other than zero: "0", "-", "/" and "无" in the 外资
        // columns of a 内资 row say "none".
        let filled = |i: Indicator| {
            ctx.text(row, Column::Amount(i)).is_some_and(|(text, _)| {
                !matches!(
                    crate::foundation::number::parse_number(&text),
                    Ok(None) | Ok(Some(TypedNumber { value: 0.0, .. }))
                ) && !is_none_word(&text)
            })
        };
        let domestic = filled(Indicator::DomesticRegistered) || filled(Indicator::DomesticArrived);
        let foreign = [
            Indicator::ContractedFdi,
            Indicator::RegisteredFdi,
            Indicator::ArrivedFdi,
            Indicator::TotalInvestment,
        ]
        .into_iter()
        .any(filled);
        return Some(if domestic && !foreign {
            CapitalKind::Domestic
        } else {
            CapitalKind::Foreign
        });
    }
    let (text, col) = ctx
        .text(row, Column::CapitalKind)
        .unwrap_or_else(|| (String::new(), ctx.col_or_first(Column::CapitalKind)));
    match capital_kind_of(&text) {
        Some(kind) => Some(kind),
        None => {
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

/// 外资 or 内资 by the word inside the cell: 内资 (外地内资, 内资企业) first,
/// then 外 (外资, 外商独资, 中外合资), 三资, 港澳台, then 内, 民营, 国有.
fn capital_kind_of(text: &str) -> Option<CapitalKind> {
    let t = normalize_label(text);
    let has = |w: &str| t.contains(w);
    if t.chars().count() > 10 {
        None
    } else if has("内资") {
        Some(CapitalKind::Domestic)
    } else if has("外") || has("三资") || has("港澳台") {
        Some(CapitalKind::Foreign)
    } else if has("内") || has("民营") || has("国有") || has("民资") {
        Some(CapitalKind::Domestic)
    } else {
        None
    }
}

/// A cell whose text is none of a closed list's choices (事项, 币种). The issue
/// is already recorded when this is returned; the row is then skipped.
#[derive(Debug, thiserror::Error)]
#[error("「{text}」不是可识别的{what}")]
struct NotAChoice {
    what: &'static str,
    text: String,
}

/// 新设, 增资, 减资 or 到资; blank is allowed (no count, no sign change).
fn event(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Result<Option<Event>, NotAChoice> {
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
            Err(NotAChoice {
                what: "事项", text
            })
        }
    }
}

/// The row's 币种, if written.
fn row_currency(
    ctx: &TableContext,
    row: u32,
    rec: &mut Recorder,
) -> Result<Option<Currency>, NotAChoice> {
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
            Err(NotAChoice {
                what: "币种", text
            })
        }
    }
}

/// The 批准日期, when filled; a cell that is not a date is an error.
fn approval_date(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Option<chrono::NaiveDate> {
    let (cell, col) = ctx.cell(row, Column::Date)?;
    match parse_date_cell(cell) {
        Ok(date) => date,
        // The reason is not in the message: the unit is told the accepted forms.
        Err(_) => {
            rec.at(
                Rule::DateInvalid,
                &ctx.sheet.name,
                row,
                col,
                &cell.display(),
                "「批准日期」不是日期，应写作如 2026年3月5日 或 2026-03-05；金额照常统计"
                    .to_string(),
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
                        "来源地「{text}」不在来源地表中{}；金额照常统计，来源地暂列「{UNVERIFIED}」，请核实后告知或在 sources.xlsx 中补充别名",
                        ctx.reference.sources.suggestion(&text)
                    ),
                );
                Some(UNVERIFIED.to_string())
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
                "实际来源地「{text}」不在来源地表中{}；按来源地统计",
                ctx.reference.sources.suggestion(&text)
            ),
        );
    }
    found
}

/// The industry code, when the cell is filled. One that cannot be classified
/// keeps the row's amounts in under 待核实; a code and a name that disagree
/// count by the code. Both go back to the unit as warnings.
fn industry(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Option<String> {
    let (text, col) = ctx.text(row, Column::Industry)?;
    let industries = &ctx.reference.industries;
    match industries.read(&text) {
        IndustryReading::Found(i) => Some(i.code.clone()),
        IndustryReading::Disagree { code, name } => {
            rec.at(
                Rule::IndustryCodeNameMismatch,
                &ctx.sheet.name,
                row,
                col,
                &text,
                format!(
                    "行业代码 {}（{}）与名称所指的「{}」（{}）不一致，已按代码统计，请核实",
                    code.code, code.name, name.name, name.code
                ),
            );
            Some(code.code.clone())
        }
        IndustryReading::Unknown => {
            rec.at(Rule::IndustryUnknown, &ctx.sheet.name, row, col, &text,
                format!("行业「{text}」无法对应到国民经济行业分类{}；金额照常统计，行业暂列「{UNVERIFIED}」；可在 industries.xlsx 的「关键词」中补充",
                    industries.suggestion(&text)));
            Some(UNVERIFIED.to_string())
        }
    }
}

/// Words a unit writes in an amount cell for "none".
fn is_none_word(text: &str) -> bool {
    matches!(text.trim(), "无" | "沒有" | "没有" | "暂无")
}
