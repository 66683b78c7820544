//! One month of stored facts as a Parquet table: one row per fact, with its
//! canonical amount, the amount as the unit wrote it, and where it was read
//! (file, the file's SHA-256, sheet, cell, row). Written and read with polars.

use crate::foundation::fact::{Event, Fact, Original, Provenance};
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::money::{Currency, Magnitude, MoneyUnit};
use crate::foundation::unit_id::UnitInterner;
use anyhow::{anyhow, bail, Context, Result};
use polars::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// A fact as the store keeps it: the fact and the SHA-256 of its file.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredFact {
    pub fact: Fact,
    pub sha256: String,
}

impl StoredFact {
    /// The fact as the store writes it, borrowed.
    pub fn record(&self) -> FactRecord<'_> {
        FactRecord {
            fact: &self.fact,
            sha256: &self.sha256,
        }
    }
}

/// A fact on its way to the store, borrowed from the submission it was read
/// from: a month's facts are written without being copied (peak memory, issue 14).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FactRecord<'a> {
    pub fact: &'a Fact,
    pub sha256: &'a str,
}

/// The facts as a table, in the store's column order.
///
/// # Errors
///
/// When polars cannot build the frame, which would be a bug.
pub fn facts_to_frame(facts: &[FactRecord]) -> Result<DataFrame> {
    let text = |name: &str, get: &dyn Fn(&FactRecord) -> Option<String>| {
        Column::new(name.into(), facts.iter().map(get).collect::<Vec<_>>())
    };
    let original = |f: &FactRecord| f.fact.original;
    let frame = DataFrame::new_infer_height(vec![
        text("period", &|f| Some(f.fact.period.to_string())),
        text("unit", &|f| Some(f.fact.unit.to_string())),
        text("indicator", &|f| Some(f.fact.indicator.key().to_string())),
        text("indicator_zh", &|f| {
            Some(f.fact.indicator.name_zh().to_string())
        }),
        Column::new(
            "amount".into(),
            facts.iter().map(|f| f.fact.amount).collect::<Vec<_>>(),
        ),
        text("amount_unit", &|f| {
            Some(f.fact.indicator.unit_zh().to_string())
        }),
        text("event", &|f| f.fact.event.map(|e| e.name_zh().to_string())),
        text("project", &|f| f.fact.project.clone()),
        text("investor", &|f| f.fact.investor.clone()),
        text("source", &|f| f.fact.source.clone()),
        text("ultimate_source", &|f| f.fact.ultimate_source.clone()),
        text("industry", &|f| f.fact.industry.clone()),
        text("date", &|f| f.fact.date.map(|d| d.to_string())),
        Column::new(
            "original_amount".into(),
            facts
                .iter()
                .map(|f| original(f).map(|o| o.amount))
                .collect::<Vec<_>>(),
        ),
        text("original_currency", &|f| {
            original(f).map(|o| o.unit.currency.code().to_string())
        }),
        Column::new(
            "original_magnitude".into(),
            facts
                .iter()
                .map(|f| original(f).map(|o| o.unit.magnitude.factor()))
                .collect::<Vec<_>>(),
        ),
        text("original_unit", &|f| {
            original(f).map(|o| o.unit.to_string())
        }),
        text("file", &|f| Some(f.fact.provenance.file.to_string())),
        text("sha256", &|f| Some(f.sha256.to_string())),
        text("sheet", &|f| Some(f.fact.provenance.sheet.to_string())),
        text("cell", &|f| Some(f.fact.provenance.cell())),
        Column::new(
            "row".into(),
            facts
                .iter()
                .map(|f| f.fact.provenance.row + 1)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "col".into(),
            facts
                .iter()
                .map(|f| f.fact.provenance.col + 1)
                .collect::<Vec<_>>(),
        ),
    ])?;
    Ok(frame)
}

/// The Parquet bytes of a month's facts. The same facts always give the same
/// bytes, so re-running a month leaves its file as it was.
///
/// # Errors
///
/// When polars cannot write, which would be a bug.
pub fn facts_to_parquet(facts: &[FactRecord]) -> Result<Vec<u8>> {
    super::parquet::to_bytes(facts_to_frame(facts)?)
}

/// Reads a month's facts back from its Parquet file.
///
/// # Errors
///
/// When the file cannot be read or is not a facts table of the store (a
/// column missing, an unknown indicator or event, a malformed period).
pub fn read_facts(path: &std::path::Path) -> Result<Vec<StoredFact>> {
    let frame = super::parquet::read(path)?;
    frame_to_facts(&frame).with_context(|| format!("历史库文件 {} 内容有误", path.display()))
}

/// The facts of a table written by [`facts_to_frame`].
///
/// # Errors
///
/// When a column is missing or a value cannot be read back.
pub fn frame_to_facts(frame: &DataFrame) -> Result<Vec<StoredFact>> {
    let text = |name: &str| -> Result<&StringChunked> { Ok(frame.column(name)?.str()?) };
    let (period, unit, indicator) = (text("period")?, text("unit")?, text("indicator")?);
    let amount = frame.column("amount")?.f64()?;
    let event = text("event")?;
    let (project, investor, source) = (text("project")?, text("investor")?, text("source")?);
    let (ultimate, industry, date) = (text("ultimate_source")?, text("industry")?, text("date")?);
    let original_amount = frame.column("original_amount")?.f64()?;
    let currency = text("original_currency")?;
    let magnitude = frame.column("original_magnitude")?.f64()?;
    // The cell's A1 name is written for readers of the file; it is worked
    // out again from row and col.
    let (file, sha256, sheet) = (text("file")?, text("sha256")?, text("sheet")?);
    let row = frame.column("row")?.u32()?;
    let col = frame.column("col")?.u32()?;
    let owned = |c: &StringChunked, i: usize| c.get(i).map(str::to_string);
    let mut units = UnitInterner::default();
    // One shared name per file and sheet, as when the facts were read.
    let mut names: HashMap<String, Arc<str>> = HashMap::new();
    let mut shared = |v: Option<&str>, what: &str, row_no: usize| -> Result<Arc<str>> {
        let v = v.ok_or_else(|| anyhow!("第 {row_no} 行缺少 {what}"))?;
        if let Some(name) = names.get(v) {
            return Ok(name.clone());
        }
        let name: Arc<str> = Arc::from(v);
        names.insert(v.to_string(), name.clone());
        Ok(name)
    };
    let mut facts = Vec::with_capacity(frame.height());
    for i in 0..frame.height() {
        let row_no = i + 1;
        let need = |v: Option<&str>, what: &str| {
            v.map(str::to_string)
                .ok_or_else(|| anyhow!("第 {row_no} 行缺少 {what}"))
        };
        let period_text = need(period.get(i), "period")?;
        let Some(period) = YearMonth::parse(&period_text) else {
            bail!("第 {row_no} 行 period「{period_text}」不是月份");
        };
        let key = need(indicator.get(i), "indicator")?;
        let Some(indicator) = Indicator::ALL.into_iter().find(|x| x.key() == key) else {
            bail!("第 {row_no} 行指标「{key}」无法识别");
        };
        let event = match event.get(i) {
            None => None,
            Some(e) => Some(
                Event::parse(e).with_context(|| format!("第 {row_no} 行事项「{e}」无法识别"))?,
            ),
        };
        let original = match (original_amount.get(i), currency.get(i), magnitude.get(i)) {
            (Some(amount), Some(code), Some(factor)) => {
                let unit = MoneyUnit {
                    magnitude: Magnitude::from_factor(factor)
                        .with_context(|| format!("第 {row_no} 行原始单位量级 {factor} 无法识别"))?,
                    currency: Currency::from_code(code)
                        .with_context(|| format!("第 {row_no} 行原始币种「{code}」无法识别"))?,
                };
                Some(Original { amount, unit })
            }
            _ => None,
        };
        let date = match date.get(i) {
            None => None,
            Some(d) => Some(
                d.parse::<chrono::NaiveDate>()
                    .with_context(|| format!("第 {row_no} 行日期「{d}」无法识别"))?,
            ),
        };
        let (Some(r), Some(c)) = (row.get(i), col.get(i)) else {
            bail!("第 {row_no} 行缺少 row/col");
        };
        let Some(unit_name) = unit.get(i) else {
            bail!("第 {row_no} 行缺少 unit");
        };
        facts.push(StoredFact {
            fact: Fact {
                unit: units.intern(unit_name),
                period,
                indicator,
                amount: amount
                    .get(i)
                    .with_context(|| format!("第 {row_no} 行缺少 amount"))?,
                original,
                event,
                project: owned(project, i),
                investor: owned(investor, i),
                source: owned(source, i),
                ultimate_source: owned(ultimate, i),
                industry: owned(industry, i),
                date,
                provenance: Provenance {
                    file: shared(file.get(i), "file", row_no)?,
                    sheet: shared(sheet.get(i), "sheet", row_no)?,
                    row: r.saturating_sub(1),
                    col: c.saturating_sub(1),
                },
            },
            sha256: need(sha256.get(i), "sha256")?,
        });
    }
    Ok(facts)
}
