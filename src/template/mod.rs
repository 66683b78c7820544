//! `zhaoshang template`: the form each unit fills in for a month, written by
//! the bureau so that drift is prevented at the source: title and 填报单位
//! filled in, the header in the bureau's order, drop-down lists from the
//! reference tables, number and date validation, 合计 and 汇总表 by formula,
//! 1-N月累计 carried from the store, header cells locked.

pub mod detail;
pub mod lists;
pub mod summary;

use crate::config::RunConfig;
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::money::Currency;
use crate::foundation::unit_id::UnitId;
use crate::reference::Reference;
use crate::store::Store;
use anyhow::{bail, Context, Result};
use lists::Lists;
use std::path::PathBuf;

/// What one unit's form is made from.
#[derive(Clone, Debug, PartialEq)]
pub struct FormSpec {
    pub unit: UnitId,
    pub month: YearMonth,
    /// Months 1..N-1 of the year as accepted in the store, per
    /// [`Indicator::BULLETIN`]; `None` when a month is not in the store.
    pub prior_months: Option<[f64; 6]>,
    /// Months 1..N of last year, likewise.
    pub last_year: Option<[f64; 6]>,
    /// (currency as listed, 美元 per unit of it) for foreign currencies other than 美元.
    pub factors: Vec<(String, f64)>,
    /// The month whose rates gave `factors`.
    pub rates_month: Option<YearMonth>,
}

/// Writes the forms of `month` (or of the month after the latest folder of
/// submissions) into `out/templates/YYYY-MM/`, one per unit or only `unit`'s;
/// returns the paths.
///
/// # Errors
///
/// When the reference tables or the store cannot be read, `unit` is not a
/// unit of the list, no month is given and none can be inferred, or a file
/// cannot be written.
pub fn write_templates(config: &RunConfig, unit: Option<&str>) -> Result<Vec<PathBuf>> {
    let reference = Reference::load(config)?;
    let month = template_month(config)?;
    let store = Store::open(&config.store_dir)?;
    let units: Vec<UnitId> = match unit {
        Some(name) => {
            let Some(region) = reference.regions.find(name) else {
                bail!(
                    "单位「{name}」不在单位名录 regions.xlsx 中{}",
                    reference.regions.suggestion(name)
                );
            };
            vec![region.name.clone()]
        }
        None => reference.regions.names(),
    };
    let this_year = sums_from_store(&store, month.year, 1..month.month)?;
    let last_year = sums_from_store(&store, month.year - 1, 1..month.month + 1)?;
    let (factors, rates_month) = usd_factors(&reference, month);
    let lists = Lists::from_reference(&reference);
    let dir = config.out_dir.join("templates").join(month.to_string());
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建 {}", dir.display()))?;
    let mut written = Vec::new();
    for unit in units {
        let spec = FormSpec {
            prior_months: this_year.as_ref().map(|s| of_unit(s, &unit)),
            last_year: last_year.as_ref().map(|s| of_unit(s, &unit)),
            unit,
            month,
            factors: factors.clone(),
            rates_month,
        };
        let path = dir.join(format!("{}_{month}.xlsx", spec.unit));
        write_form(&path, &spec, &lists)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes one form.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_form(path: &std::path::Path, spec: &FormSpec, lists: &Lists) -> Result<()> {
    let mut workbook = crate::report::style::new_workbook()?;
    let detail_sheet = workbook.add_worksheet();
    // The list sheet is written first into its own worksheet so its ranges
    // are known; it is added last so that it is the last sheet.
    let mut list_sheet = rust_xlsxwriter::Worksheet::new();
    let ranges = lists.write(&mut list_sheet)?;
    detail::write_detail(detail_sheet, spec, &ranges)?;
    summary::write_summary(workbook.add_worksheet(), spec)?;
    workbook.push_worksheet(list_sheet);
    let bytes = workbook
        .save_to_buffer()
        .with_context(|| format!("生成 {} 失败", path.display()))?;
    crate::foundation::atomic::write_atomically(path, &bytes)
}

/// The month asked for, or the month after the latest folder of submissions.
fn template_month(config: &RunConfig) -> Result<YearMonth> {
    if let Some(month) = config.month {
        return Ok(month);
    }
    let present = crate::ingest::months_present(&config.submissions_dir).unwrap_or_default();
    present
        .last()
        .and_then(|m| YearMonth::from_index(m.index() + 1))
        .context("报表目录下没有任何月份，请用 --month 2026-11 指定报表月份")
}

type UnitSums = std::collections::HashMap<(UnitId, Indicator), f64>;

/// Each unit's sums over `months` of `year` from the store; `None` when one
/// of those months is not in the store (an empty range gives all zeros).
fn sums_from_store(
    store: &Store,
    year: i32,
    months: std::ops::Range<u32>,
) -> Result<Option<UnitSums>> {
    let mut sums = UnitSums::new();
    for m in months {
        let Some(month) = YearMonth::new(year, m) else {
            continue;
        };
        let Some(facts) = store.read_month(month)? else {
            return Ok(None);
        };
        for f in facts {
            *sums
                .entry((f.fact.unit.clone(), f.fact.indicator))
                .or_default() += f.fact.amount;
        }
    }
    Ok(Some(sums))
}

fn of_unit(sums: &UnitSums, unit: &UnitId) -> [f64; 6] {
    Indicator::BULLETIN.map(|i| sums.get(&(unit.clone(), i)).copied().unwrap_or(0.0))
}

/// 美元 per unit of each foreign currency with a rate, at the form's month or,
/// when its rates are not in yet, the latest month before it that has them.
fn usd_factors(reference: &Reference, month: YearMonth) -> (Vec<(String, f64)>, Option<YearMonth>) {
    let rates = &reference.rates;
    let Some(rates_month) = rates
        .iter()
        .filter(|(m, c, _)| *m <= month && *c == Currency::USD)
        .map(|(m, _, _)| m)
        .max()
    else {
        return (Vec::new(), None);
    };
    let others = rates
        .iter()
        .filter(|(m, c, _)| *m == rates_month && *c != Currency::USD && *c != Currency::CNY)
        .map(|(_, c, _)| c);
    let factors = std::iter::once(Currency::CNY)
        .chain(others)
        .filter_map(|c| {
            let factor = rates.convert(1.0, c, Currency::USD, rates_month)?;
            Some((lists::currency_name(c).to_string(), factor))
        })
        .collect();
    (factors, Some(rates_month))
}
