//! Reading single cells of a located table: text, amounts with their unit, and
//! the recorder that turns an unusable cell into an issue at that cell.

use super::meta::Meta;
use crate::foundation::fact::Provenance;
use crate::foundation::form_words::Column;
use crate::foundation::issue::{Issue, Location, Rule};
use crate::foundation::model::{Measure, YearMonth};
use crate::foundation::money::{Currency, MoneyUnit};
use crate::foundation::number::{parse_number, NotANumber};
use crate::foundation::unit_id::UnitId;
use crate::foundation::unit_phrases::{stated_units, unit_in_cell, unit_phrases};
use crate::ingest::locate::{HeaderColumn, Table};
use crate::ingest::workbook::{RawCell, RawSheet};
use crate::reference::Reference;
use std::sync::Arc;

/// Why an amount cell cannot be read. The audit's message stays "…不是数字";
/// the reason is for whoever reads the value back.
#[derive(Debug, thiserror::Error)]
enum NotAnAmount {
    #[error(transparent)]
    Text(NotANumber),
    #[error("金额不能写成百分数")]
    Percent,
    #[error("单元格是日期、真假值或错误值，不是金额")]
    CellKind,
}

/// Collects the issues of one file.
pub(super) struct Recorder<'a> {
    pub file: &'a str,
    pub issues: Vec<Issue>,
}

impl Recorder<'_> {
    pub fn at(&mut self, rule: Rule, sheet: &str, row: u32, col: u32, raw: &str, message: String) {
        self.issues.push(Issue::new(
            rule,
            Location::cell(self.file, sheet, row, col),
            Some(raw.to_string()),
            message,
        ));
    }

    pub fn file_level(&mut self, rule: Rule, message: String) {
        self.issues
            .push(Issue::new(rule, Location::file(self.file), None, message));
    }
}

/// Everything a row reader needs about its table.
pub(super) struct TableContext<'a> {
    /// The file's and the sheet's names as every fact of the table shares them.
    pub names: (Arc<str>, Arc<str>),
    pub sheet: &'a RawSheet,
    pub table: &'a Table,
    pub meta: &'a Meta,
    pub unit: &'a UnitId,
    pub period: Option<YearMonth>,
    pub reference: &'a Reference,
}

/// An amount cell that holds a number.
pub(super) struct AmountCell {
    pub value: f64,
    /// A unit written inside the cell ("120万美元").
    pub inline: Option<MoneyUnit>,
    pub col: u32,
    pub raw: String,
}

impl TableContext<'_> {
    pub fn cell(&self, row: u32, column: Column) -> Option<(&RawCell, u32)> {
        let col = self.table.col(column)?.col;
        Some((self.sheet.cell(row, col), col))
    }

    /// The trimmed text of a cell, `None` when the column is absent or the cell blank.
    pub fn text(&self, row: u32, column: Column) -> Option<(String, u32)> {
        let (cell, col) = self.cell(row, column)?;
        (!cell.is_blank()).then(|| (cell.display().trim().to_string(), col))
    }

    /// The column's zero-based index, or 0 when the table lacks it.
    pub fn col_or_first(&self, column: Column) -> u32 {
        self.table.col(column).map_or(0, |h| h.col)
    }

    /// The amount in `column` on `row`. `None` when the column is absent or the
    /// cell blank, and when it is not a number — then an issue saying `what`
    /// 不是数字 is recorded at the cell.
    pub fn amount(
        &self,
        row: u32,
        column: Column,
        what: &str,
        rec: &mut Recorder,
    ) -> Option<AmountCell> {
        let col = self.table.col(column)?.col;
        self.amount_at(row, col, what, rec)
    }

    /// The amount in the cell at (`row`, `col`); as [`TableContext::amount`].
    pub fn amount_at(
        &self,
        row: u32,
        col: u32,
        what: &str,
        rec: &mut Recorder,
    ) -> Option<AmountCell> {
        let cell = self.sheet.cell(row, col);
        let raw = cell.display();
        let parsed = match cell {
            RawCell::Empty => Ok(None),
            RawCell::Number(n) => Ok(Some((*n, None))),
            RawCell::Text(t) => match parse_number(t) {
                Ok(Some(n)) if !n.percent => Ok(Some((n.value, n.unit))),
                Ok(Some(_)) => Err(NotAnAmount::Percent),
                Ok(None) => Ok(None),
                Err(e) => Err(NotAnAmount::Text(e)),
            },
            RawCell::FormulaNoValue(_) => {
                rec.at(Rule::FormulaNoValue, &self.sheet.name, row, col, &raw,
                    format!("{what}是公式，但文件中没有保存计算结果（常见于程序生成或未重新计算的文件）；请在 Excel/WPS 中打开、重新计算并保存后重报"));
                return None;
            }
            RawCell::Date(_) | RawCell::Bool(_) | RawCell::Error(_) => Err(NotAnAmount::CellKind),
        };
        match parsed {
            Ok(Some((value, inline))) => Some(AmountCell {
                value,
                inline,
                col,
                raw,
            }),
            Ok(None) => None,
            // The message stays "…不是数字" whatever the reason.
            Err(_) => {
                rec.at(
                    Rule::NotANumber,
                    &self.sheet.name,
                    row,
                    col,
                    &raw,
                    format!("{what}不是数字"),
                );
                None
            }
        }
    }

    pub fn provenance(&self, row: u32, col: u32) -> Provenance {
        Provenance {
            file: self.names.0.clone(),
            sheet: self.names.1.clone(),
            row,
            col,
        }
    }

    /// The magnitude and currency for an amount in `column` on `row` that
    /// counts as `measure`, by the precedence in docs/inputs.md: unit in the
    /// cell, the row's 计量单位, the header's unit, the units line. `None` when
    /// nothing states it.
    pub fn money_unit(
        &self,
        row: u32,
        column: Column,
        inline: Option<MoneyUnit>,
        measure: Measure,
    ) -> Option<MoneyUnit> {
        self.money_unit_under(row, self.table.col(column), inline, measure)
    }

    /// As [`TableContext::money_unit`], for the amount under `header`. A
    /// domestic amount takes a unit stated for 内资 first, then the magnitude of
    /// the general unit in RMB ("单位：万美元" puts 内资 in 万元).
    pub fn money_unit_under(
        &self,
        row: u32,
        header: Option<&HeaderColumn>,
        inline: Option<MoneyUnit>,
        measure: Measure,
    ) -> Option<MoneyUnit> {
        if let Some(unit) = inline.or_else(|| self.row_unit(row)) {
            return Some(unit);
        }
        let in_header = header
            .and_then(|h| h.unit_suffix.as_deref())
            .and_then(|t| stated_units(&unit_phrases(t)).ok())
            .unwrap_or_default();
        let meta_foreign = self.meta.money_unit.as_ref().map(|f| f.value);
        let meta_domestic = self.meta.domestic_unit.as_ref().map(|f| f.value);
        match measure {
            Measure::Domestic => in_header.domestic.or(meta_domestic).or(in_header
                .foreign
                .or(meta_foreign)
                .map(|u| MoneyUnit {
                    magnitude: u.magnitude,
                    currency: Currency::CNY,
                })),
            _ => in_header.foreign.or(meta_foreign),
        }
    }

    /// The unit in the row's own 计量单位 column.
    pub fn row_unit(&self, row: u32) -> Option<MoneyUnit> {
        self.text(row, Column::MeasureUnit)
            .and_then(|(t, _)| unit_in_cell(&t))
    }

    /// [`TableContext::to_canonical`] for the amount in `cell` on `row`; a
    /// missing rate is recorded at that cell (`cell.rate_missing`).
    pub fn canonical_at(
        &self,
        value: f64,
        unit: MoneyUnit,
        measure: Measure,
        row: u32,
        cell: &AmountCell,
        rec: &mut Recorder,
    ) -> Option<f64> {
        let converted = self.to_canonical(value, unit, measure);
        // Without a period the file is out already (its period error says
        // why); a missing rate here would only echo that.
        if let (None, Some(period)) = (converted, self.period) {
            let month = format!(" {period} ");
            rec.at(
                Rule::RateMissing,
                &self.sheet.name,
                row,
                cell.col,
                &cell.raw,
                format!(
                    "汇率表中没有{month}的{}汇率，无法折算",
                    unit.currency.name_zh()
                ),
            );
        }
        converted
    }

    /// Converts an amount in `unit` to the canonical unit of `measure` (万美元
    /// for foreign, 万元 for domestic) at the period's rates; `None` when a rate is missing.
    pub fn to_canonical(&self, value: f64, unit: MoneyUnit, measure: Measure) -> Option<f64> {
        let target = match measure {
            Measure::Domestic => Currency::CNY,
            _ => Currency::USD,
        };
        let units = value * unit.magnitude.factor();
        let converted = self
            .reference
            .rates
            .convert(units, unit.currency, target, self.period?)?;
        Some(converted / 1e4)
    }
}
