//! Turns one located submission into typed facts in canonical units. Every cell
//! that cannot be used becomes an issue at that cell; nothing becomes a silent 0.

use super::fact::{Event, Fact, Original, Provenance};
use super::meta::{read_meta, Meta};
use super::number::parse_number;
use super::units::{parse_unit, Currency, MoneyUnit};
use crate::audit::issue::{a1, Issue, Location, Rule};
use crate::ingest::columns::Column;
use crate::ingest::locate::{Table, TableKind};
use crate::ingest::workbook::{format_number, RawCell, RawSheet};
use crate::ingest::{RawSubmission, SubmissionFile};
use crate::model::{Indicator, Measure, YearMonth};
use crate::normalize::text::normalize_label;
use crate::reference::Reference;

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

/// One submission after normalisation.
#[derive(Clone, Debug)]
pub struct NormalizedSubmission {
    pub file: SubmissionFile,
    pub unit: Option<String>,
    pub period: Option<YearMonth>,
    pub report_date: Option<String>,
    pub facts: Vec<Fact>,
    pub summary: Vec<SummaryLine>,
    pub column_totals: Vec<ColumnTotal>,
    pub has_detail: bool,
    pub issues: Vec<Issue>,
}

impl NormalizedSubmission {
    /// A submission that could not be read at all.
    pub fn failed(file: &SubmissionFile, issue: Issue) -> NormalizedSubmission {
        NormalizedSubmission {
            file: file.clone(),
            unit: None,
            period: Some(file.folder_month),
            report_date: None,
            facts: Vec::new(),
            summary: Vec::new(),
            column_totals: Vec::new(),
            has_detail: false,
            issues: vec![issue],
        }
    }
}

/// Collects issues for one file.
struct Recorder<'a> {
    file: &'a str,
    issues: Vec<Issue>,
}

impl Recorder<'_> {
    fn at(&mut self, rule: Rule, sheet: &str, row: u32, col: u32, raw: &str, message: String) {
        self.issues.push(Issue::new(
            rule,
            Location::cell(self.file, sheet, row, col),
            Some(raw.to_string()),
            message,
        ));
    }

    fn file_level(&mut self, rule: Rule, message: String) {
        self.issues
            .push(Issue::new(rule, Location::file(self.file), None, message));
    }
}

/// Normalises one submission against the reference data.
pub fn normalize_submission(raw: &RawSubmission, reference: &Reference) -> NormalizedSubmission {
    let mut rec = Recorder {
        file: &raw.file.name,
        issues: raw.notes.clone(),
    };
    let metas: Vec<Meta> = raw.tables.iter().map(|t| read_meta(&t.meta)).collect();
    let unit = resolve_unit(raw, &metas, reference, &mut rec);
    let period = resolve_period(raw, &metas, &mut rec);
    let report_date = metas
        .iter()
        .find_map(|m| m.report_date.as_ref().map(|d| d.value.clone()));
    let mut out = NormalizedSubmission {
        file: raw.file.clone(),
        unit: unit.clone(),
        period,
        report_date,
        facts: Vec::new(),
        summary: Vec::new(),
        column_totals: Vec::new(),
        has_detail: raw.tables.iter().any(|t| t.kind == TableKind::Detail),
        issues: Vec::new(),
    };
    let unit_name = unit.unwrap_or_default();
    for (table, meta) in raw.tables.iter().zip(&metas) {
        let sheet = &raw.sheets[table.sheet];
        let ctx = TableContext {
            file: &raw.file.name,
            sheet,
            table,
            meta,
            unit: &unit_name,
            period,
            reference,
        };
        match table.kind {
            TableKind::Detail => {
                read_detail(&ctx, &mut out.facts, &mut out.column_totals, &mut rec)
            }
            TableKind::Summary => read_summary(&ctx, &mut out.summary, &mut rec),
        }
    }
    if !out.has_detail {
        out.facts = summary_as_facts(&out, &raw.file.name, &unit_name);
    }
    out.issues = rec.issues;
    for issue in &mut out.issues {
        issue.unit = out.unit.clone();
        issue.period = out.period;
    }
    out
}

fn resolve_unit(
    raw: &RawSubmission,
    metas: &[Meta],
    reference: &Reference,
    rec: &mut Recorder,
) -> Option<String> {
    let mut unit: Option<(String, String)> = None; // (canonical, where it was read)
    for (table, meta) in raw.tables.iter().zip(metas) {
        let Some(found) = &meta.unit_name else {
            continue;
        };
        let sheet = &raw.sheets[table.sheet].name;
        match reference.regions.find(&found.value) {
            None => rec.at(
                Rule::UnitUnknown,
                sheet,
                found.row,
                found.col,
                &found.raw,
                format!(
                    "填报单位「{}」不在单位名录中{}",
                    found.value,
                    reference.regions.suggestion(&found.value)
                ),
            ),
            Some(region) => match &unit {
                Some((name, place)) if *name != region.name => rec.at(
                    Rule::UnitMismatch,
                    sheet,
                    found.row,
                    found.col,
                    &found.raw,
                    format!("填报单位为「{}」，与{place}的「{name}」不一致", region.name),
                ),
                Some(_) => {}
                None => {
                    unit = Some((
                        region.name.clone(),
                        format!("工作表「{sheet}」{}", a1(found.row, found.col)),
                    ))
                }
            },
        }
    }
    let stem = raw
        .file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let from_name = reference.regions.find_in_file_name(stem);
    match (&unit, from_name) {
        (Some((name, place)), Some(region)) if *name != region.name => {
            rec.file_level(
                Rule::UnitMismatch,
                format!(
                    "文件名表明是「{}」，但{place}的填报单位是「{name}」",
                    region.name
                ),
            );
            None
        }
        (Some((name, _)), _) => Some(name.clone()),
        // A unit named only by the file name, or whose 填报单位 was not recognised:
        // the file name says whose it is (a rejected file is then 未采用, not 未报).
        (None, Some(region)) => Some(region.name.clone()),
        (None, None) => {
            if !rec.issues.iter().any(|i| i.rule == Rule::UnitUnknown) {
                rec.file_level(
                    Rule::UnitNotFound,
                    "表头的「填报单位：」和文件名都没有写明是哪个单位".to_string(),
                );
            }
            None
        }
    }
}

fn resolve_period(raw: &RawSubmission, metas: &[Meta], rec: &mut Recorder) -> Option<YearMonth> {
    let folder = raw.file.folder_month;
    let mut ok = true;
    for (table, meta) in raw.tables.iter().zip(metas) {
        let Some(found) = &meta.period else { continue };
        if found.value != folder {
            ok = false;
            rec.at(
                Rule::PeriodMismatch,
                &raw.sheets[table.sheet].name,
                found.row,
                found.col,
                &found.raw,
                format!(
                    "标题所写月份为 {}，但文件放在 {folder} 的目录中",
                    found.value
                ),
            );
        }
    }
    ok.then_some(folder)
}

/// Everything a row reader needs about its table.
struct TableContext<'a> {
    file: &'a str,
    sheet: &'a RawSheet,
    table: &'a Table,
    meta: &'a Meta,
    unit: &'a str,
    period: Option<YearMonth>,
    reference: &'a Reference,
}

impl TableContext<'_> {
    fn cell(&self, row: u32, column: Column) -> Option<(&RawCell, u32)> {
        let col = self.table.col(column)?.col;
        Some((self.sheet.cell(row, col), col))
    }

    fn text(&self, row: u32, column: Column) -> Option<(String, u32)> {
        let (cell, col) = self.cell(row, column)?;
        (!cell.is_blank()).then(|| (cell.display().trim().to_string(), col))
    }

    fn provenance(&self, row: u32, col: u32) -> Provenance {
        Provenance {
            file: self.file.to_string(),
            sheet: self.sheet.name.clone(),
            cell: a1(row, col),
        }
    }

    /// The magnitude and currency for an amount in `column` on `row`, by the
    /// precedence in docs/inputs.md: unit in the cell, the row's 计量单位, the
    /// header's suffix, the units row. `None` when nothing states it.
    fn money_unit(&self, row: u32, column: Column, inline: Option<MoneyUnit>) -> Option<MoneyUnit> {
        inline
            .or_else(|| {
                self.text(row, Column::MeasureUnit)
                    .and_then(|(t, _)| parse_unit(&t))
            })
            .or_else(|| {
                self.table
                    .col(column)
                    .and_then(|h| h.unit_suffix.as_deref())
                    .and_then(parse_unit)
            })
            .or_else(|| self.meta.money_unit.as_ref().map(|f| f.value))
    }
}

/// Reads an amount cell: `Ok(None)` when blank.
fn read_amount(cell: &RawCell) -> Result<Option<(f64, Option<MoneyUnit>)>, ()> {
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Number(n) => Ok(Some((*n, None))),
        RawCell::Text(t) => match parse_number(t)? {
            Some(n) if n.percent => Err(()),
            Some(n) => Ok(Some((n.value, n.unit))),
            None => Ok(None),
        },
        RawCell::Date(_) | RawCell::Bool(_) | RawCell::Error(_) => Err(()),
    }
}

/// Canonical amount: 万美元 for foreign, 万元 for domestic.
fn to_canonical(
    value: f64,
    unit: MoneyUnit,
    measure: Measure,
    period: YearMonth,
    reference: &Reference,
) -> Option<f64> {
    let target = match measure {
        Measure::Domestic => Currency::CNY,
        _ => Currency::USD,
    };
    let units = value * unit.magnitude.factor();
    Some(
        reference
            .rates
            .convert(units, unit.currency, target, period)?
            / 1e4,
    )
}

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

fn read_detail(
    ctx: &TableContext,
    facts: &mut Vec<Fact>,
    totals: &mut Vec<ColumnTotal>,
    rec: &mut Recorder,
) {
    let sheet = &ctx.sheet.name;
    let mut sums = [0.0f64; 4];
    for &row in &ctx.table.data_rows {
        let errors_before = rec.issues.len();
        let kind = match ctx.text(row, Column::CapitalKind) {
            None if ctx.table.col(Column::CapitalKind).is_none() => CapitalKind::Foreign,
            Some((t, col)) => match normalize_label(&t).as_str() {
                "外资" | "外商投资" | "外" | "三资" => CapitalKind::Foreign,
                "内资" | "内" | "外地内资" => CapitalKind::Domestic,
                _ => {
                    rec.at(
                        Rule::CapitalKindUnknown,
                        sheet,
                        row,
                        col,
                        &t,
                        "资本类别应填「外资」或「内资」".to_string(),
                    );
                    continue;
                }
            },
            None => {
                let col = ctx.table.col(Column::CapitalKind).map_or(0, |h| h.col);
                rec.at(
                    Rule::CapitalKindUnknown,
                    sheet,
                    row,
                    col,
                    "",
                    "资本类别为空，应填「外资」或「内资」".to_string(),
                );
                continue;
            }
        };
        let event = match ctx.text(row, Column::Event) {
            Some((t, col)) => match Event::parse(&t) {
                Some(e) => Some(e),
                None => {
                    rec.at(
                        Rule::EventUnknown,
                        sheet,
                        row,
                        col,
                        &t,
                        "事项应为「新设」「增资」「减资」或「到资」".to_string(),
                    );
                    continue;
                }
            },
            None => None,
        };
        let source = read_source(ctx, row, kind, rec);
        let industry = read_industry(ctx, row, rec);
        let currency = match ctx.text(row, Column::Currency) {
            Some((t, col)) => match Currency::parse(&t) {
                Some(c) => Some(c),
                None => {
                    rec.at(
                        Rule::CurrencyUnknown,
                        sheet,
                        row,
                        col,
                        &t,
                        "无法识别的币种，应填如「美元」「港元」「日元」「欧元」「人民币」"
                            .to_string(),
                    );
                    continue;
                }
            },
            None => None,
        };
        let project = ctx.text(row, Column::ProjectName).map(|(t, _)| t);
        let mut row_facts = Vec::new();
        let mut amounts: [Option<f64>; 4] = [None; 4];
        for (slot, indicator) in AMOUNT_COLUMNS.into_iter().enumerate() {
            let Some((cell, col)) = ctx.cell(row, Column::Amount(indicator)) else {
                continue;
            };
            let label = Column::Amount(indicator).name_zh();
            let (value, inline) = match read_amount(cell) {
                Ok(Some(v)) => v,
                Ok(None) => continue,
                Err(()) => {
                    rec.at(
                        Rule::NotANumber,
                        sheet,
                        row,
                        col,
                        &cell.display(),
                        format!("「{label}」不是数字"),
                    );
                    continue;
                }
            };
            sums[slot] += value;
            amounts[slot] = Some(value);
            let target = match (kind, indicator) {
                (CapitalKind::Foreign, i) => i,
                (CapitalKind::Domestic, Indicator::RegisteredFdi) => Indicator::DomesticRegistered,
                (CapitalKind::Domestic, Indicator::ArrivedFdi) => Indicator::DomesticArrived,
                (CapitalKind::Domestic, Indicator::ContractedFdi) => {
                    if value != 0.0 {
                        rec.at(Rule::DomesticContracted, sheet, row, col, &cell.display(),
                            "内资项目不统计合同外资，该数未计入；内资请填在「注册外资」（注册内资）和「到帐外资」（到位内资）列".to_string());
                    }
                    continue;
                }
                (CapitalKind::Domestic, _) => continue,
            };
            let decrease = event == Some(Event::Decrease);
            let signed = if decrease
                && target != Indicator::ArrivedFdi
                && target != Indicator::DomesticArrived
            {
                -value.abs()
            } else {
                value
            };
            if value < 0.0 && !decrease {
                rec.at(
                    Rule::NegativeAmount,
                    sheet,
                    row,
                    col,
                    &cell.display(),
                    format!("「{label}」为负数，只有事项为「减资」的行可以为负"),
                );
                continue;
            }
            if value < 0.0
                && (target == Indicator::ArrivedFdi || target == Indicator::DomesticArrived)
            {
                rec.at(
                    Rule::NegativeAmount,
                    sheet,
                    row,
                    col,
                    &cell.display(),
                    format!("「{label}」不能为负数"),
                );
                continue;
            }
            let Some(stated) = ctx.money_unit(row, Column::Amount(indicator), inline) else {
                rec.at(
                    Rule::MoneyUnitNotFound,
                    sheet,
                    row,
                    col,
                    &cell.display(),
                    format!("「{label}」没有写明金额单位（表头上方应有「单位：万美元」之类）"),
                );
                continue;
            };
            let currency = match (inline, currency, kind) {
                (Some(u), _, _) => u.currency,
                (None, Some(c), _) => c,
                (None, None, CapitalKind::Domestic) => ctx
                    .text(row, Column::MeasureUnit)
                    .and_then(|(t, _)| parse_unit(&t))
                    .map_or(Currency::CNY, |u| u.currency),
                (None, None, CapitalKind::Foreign) => stated.currency,
            };
            let unit = MoneyUnit {
                magnitude: stated.magnitude,
                currency,
            };
            let Some(period) = ctx.period else { continue };
            let Some(amount) = to_canonical(signed, unit, target.measure(), period, ctx.reference)
            else {
                rec.at(
                    Rule::RateMissing,
                    sheet,
                    row,
                    col,
                    &cell.display(),
                    format!(
                        "汇率表中没有 {period} 的{}汇率，无法折算",
                        currency.name_zh()
                    ),
                );
                continue;
            };
            row_facts.push(Fact {
                unit: ctx.unit.to_string(),
                period,
                indicator: target,
                amount,
                original: Some(Original {
                    amount: signed,
                    unit,
                }),
                event,
                project: project.clone(),
                source: source.clone(),
                industry: industry.clone(),
                provenance: ctx.provenance(row, col),
            });
        }
        if event == Some(Event::New) {
            let count = match kind {
                CapitalKind::Foreign => Indicator::NewFieCount,
                CapitalKind::Domestic => Indicator::NewDomesticCount,
            };
            let col = ctx.table.col(Column::Event).map_or(0, |h| h.col);
            if let Some(period) = ctx.period {
                row_facts.push(Fact {
                    unit: ctx.unit.to_string(),
                    period,
                    indicator: count,
                    amount: 1.0,
                    original: None,
                    event,
                    project: project.clone(),
                    source: source.clone(),
                    industry: industry.clone(),
                    provenance: ctx.provenance(row, col),
                });
            }
            if kind == CapitalKind::Foreign {
                if let (Some(reg), Some(con)) = (amounts[1], amounts[0]) {
                    if reg > con + 1e-9 {
                        let col = ctx
                            .table
                            .col(Column::Amount(Indicator::RegisteredFdi))
                            .map_or(0, |h| h.col);
                        rec.at(
                            Rule::RegisteredAboveContracted,
                            sheet,
                            row,
                            col,
                            &format_number(reg),
                            format!(
                                "新设项目的注册外资 {} 大于合同外资 {}，请核实",
                                format_number(reg),
                                format_number(con)
                            ),
                        );
                    }
                }
            }
        }
        let row_failed = rec.issues[errors_before..]
            .iter()
            .any(|i| i.severity() == crate::audit::issue::Severity::Error);
        if row_facts.is_empty() && !row_failed {
            let col = ctx.table.col(Column::ProjectName).map_or(0, |h| h.col);
            let raw = project.clone().unwrap_or_default();
            rec.at(
                Rule::EmptyRow,
                sheet,
                row,
                col,
                &raw,
                "该行没有任何金额，也不是新设项目，未计入任何指标".to_string(),
            );
        }
        facts.extend(row_facts);
    }
    if let Some(total_row) = ctx.table.total_row {
        for (slot, indicator) in AMOUNT_COLUMNS.into_iter().enumerate() {
            let Some((cell, col)) = ctx.cell(total_row, Column::Amount(indicator)) else {
                continue;
            };
            match read_amount(cell) {
                Ok(Some((stated, _))) => totals.push(ColumnTotal {
                    column: Column::Amount(indicator),
                    sheet: sheet.clone(),
                    row: total_row,
                    col,
                    raw: cell.display(),
                    stated,
                    rows_sum: sums[slot],
                }),
                Ok(None) => {}
                Err(()) => rec.at(
                    Rule::NotANumber,
                    sheet,
                    total_row,
                    col,
                    &cell.display(),
                    format!(
                        "合计行的「{}」不是数字",
                        Column::Amount(indicator).name_zh()
                    ),
                ),
            }
        }
    }
}

fn read_source(
    ctx: &TableContext,
    row: u32,
    kind: CapitalKind,
    rec: &mut Recorder,
) -> Option<String> {
    let sheet = &ctx.sheet.name;
    match ctx.text(row, Column::Source) {
        Some((t, col)) => match ctx.reference.sources.find(&t) {
            Some(s) => Some(s.name.clone()),
            None => {
                rec.at(
                    Rule::SourceUnknown,
                    sheet,
                    row,
                    col,
                    &t,
                    format!(
                        "来源地「{t}」不在来源地表中{}",
                        ctx.reference.sources.suggestion(&t)
                    ),
                );
                None
            }
        },
        None if kind == CapitalKind::Foreign && ctx.table.col(Column::Source).is_some() => {
            let col = ctx.table.col(Column::Source).map_or(0, |h| h.col);
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

fn read_industry(ctx: &TableContext, row: u32, rec: &mut Recorder) -> Option<String> {
    let (t, col) = ctx.text(row, Column::Industry)?;
    match ctx.reference.industries.find(&t) {
        Some(i) => Some(i.code.clone()),
        None => {
            rec.at(Rule::IndustryUnknown, &ctx.sheet.name, row, col, &t,
                format!("行业「{t}」无法对应到国民经济行业分类{}；可在 industries.xlsx 的「关键词」中补充", ctx.reference.industries.suggestion(&t)));
            None
        }
    }
}

fn read_summary(ctx: &TableContext, lines: &mut Vec<SummaryLine>, rec: &mut Recorder) {
    let sheet = &ctx.sheet.name;
    for &row in &ctx.table.data_rows {
        let Some((label, label_col)) = ctx.text(row, Column::IndicatorName) else {
            let col = ctx.table.col(Column::IndicatorName).map_or(0, |h| h.col);
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
            let Some((cell, col)) = ctx.cell(row, column) else {
                continue;
            };
            let (value, inline) = match read_amount(cell) {
                Ok(Some(v)) => v,
                Ok(None) => continue,
                Err(()) => {
                    rec.at(
                        Rule::NotANumber,
                        sheet,
                        row,
                        col,
                        &cell.display(),
                        format!("「{label}」的「{}」不是数字", column.name_zh()),
                    );
                    continue;
                }
            };
            if indicator.measure() == Measure::Count {
                values[slot] = Some(value);
                continue;
            }
            let Some(mut unit) = ctx.money_unit(row, column, inline) else {
                rec.at(
                    Rule::MoneyUnitNotFound,
                    sheet,
                    row,
                    col,
                    &cell.display(),
                    format!("「{label}」没有写明计量单位"),
                );
                continue;
            };
            if indicator.measure() == Measure::Domestic
                && inline.is_none()
                && ctx.text(row, Column::MeasureUnit).is_none()
            {
                unit.currency = Currency::CNY;
            }
            let Some(period) = ctx.period else { continue };
            match to_canonical(value, unit, indicator.measure(), period, ctx.reference) {
                Some(v) => values[slot] = Some(v),
                None => rec.at(
                    Rule::RateMissing,
                    sheet,
                    row,
                    col,
                    &cell.display(),
                    format!(
                        "汇率表中没有 {period} 的{}汇率，无法折算",
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
            this_month_col: ctx.table.col(Column::ThisMonth).map_or(0, |h| h.col),
        });
    }
}

/// A workbook with only the summary: its 本月 figures are the month's facts.
fn summary_as_facts(sub: &NormalizedSubmission, file: &str, unit: &str) -> Vec<Fact> {
    let Some(period) = sub.period else {
        return Vec::new();
    };
    sub.summary
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
                provenance: Provenance {
                    file: file.to_string(),
                    sheet: line.sheet.clone(),
                    cell: a1(line.row, line.this_month_col),
                },
            })
        })
        .collect()
}
