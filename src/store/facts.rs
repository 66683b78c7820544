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
use std::fmt::Write as _;
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

/// The facts as a table, in the store's column order. Text is copied
/// straight from the facts into the columns, and what is written out (a
/// period, a cell) goes through one buffer per column: a province's months
/// are millions of values, and a string each was a third of the store's time.
///
/// # Errors
///
/// When polars cannot build the frame, which would be a bug.
pub fn facts_to_frame(facts: &[FactRecord]) -> Result<DataFrame> {
    let original = |f: &FactRecord| f.fact.original;
    let frame = DataFrame::new_infer_height(vec![
        written(facts, "period", |f, out| {
            write!(out, "{}", f.fact.period).is_ok()
        }),
        text(facts, "unit", |f| Some(f.fact.unit.as_str())),
        text(facts, "indicator", |f| Some(f.fact.indicator.key())),
        text(facts, "indicator_zh", |f| Some(f.fact.indicator.name_zh())),
        Column::new(
            "amount".into(),
            facts.iter().map(|f| f.fact.amount).collect::<Vec<_>>(),
        ),
        text(facts, "amount_unit", |f| Some(f.fact.indicator.unit_zh())),
        text(facts, "event", |f| f.fact.event.map(Event::name_zh)),
        text(facts, "project", |f| f.fact.project.as_deref()),
        text(facts, "investor", |f| f.fact.investor.as_deref()),
        text(facts, "source", |f| f.fact.source.as_deref()),
        text(facts, "ultimate_source", |f| {
            f.fact.ultimate_source.as_deref()
        }),
        text(facts, "industry", |f| f.fact.industry.as_deref()),
        written(facts, "date", |f, out| {
            (f.fact.date).is_some_and(|d| write!(out, "{d}").is_ok())
        }),
        Column::new(
            "original_amount".into(),
            facts
                .iter()
                .map(|f| original(f).map(|o| o.amount))
                .collect::<Vec<_>>(),
        ),
        text(facts, "original_currency", |f| {
            (f.fact.original.as_ref()).map(|o| o.unit.currency.code())
        }),
        Column::new(
            "original_magnitude".into(),
            facts
                .iter()
                .map(|f| original(f).map(|o| o.unit.magnitude.factor()))
                .collect::<Vec<_>>(),
        ),
        written(facts, "original_unit", |f, out| {
            original(f).is_some_and(|o| write!(out, "{}", o.unit).is_ok())
        }),
        text(facts, "file", |f| Some(&f.fact.provenance.file)),
        text(facts, "sha256", |f| Some(f.sha256)),
        text(facts, "sheet", |f| Some(&f.fact.provenance.sheet)),
        written(facts, "cell", |f, out| {
            out.push_str(&f.fact.provenance.cell());
            true
        }),
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

/// A text column of what `get` finds in each fact (null where nothing).
fn text<'a>(
    facts: &'a [FactRecord<'a>],
    name: &str,
    get: impl Fn(&'a FactRecord<'a>) -> Option<&'a str>,
) -> Column {
    let mut column = StringChunkedBuilder::new(name.into(), facts.len());
    for fact in facts {
        column.append_option(get(fact));
    }
    column.finish().into_column()
}

/// A text column of what `write` writes of each fact (null where it says
/// there is nothing), written into one buffer.
fn written(
    facts: &[FactRecord],
    name: &str,
    write: impl Fn(&FactRecord, &mut String) -> bool,
) -> Column {
    let mut column = StringChunkedBuilder::new(name.into(), facts.len());
    let mut out = String::new();
    for fact in facts {
        out.clear();
        if write(fact, &mut out) {
            column.append_value(&out);
        } else {
            column.append_null();
        }
    }
    column.finish().into_column()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::money::Magnitude;

    fn bare(unit: &str, row: u32, col: u32) -> Fact {
        let file = "东镇_2026-10.xlsx".into();
        let provenance = Provenance {
            file,
            sheet: "明细".into(),
            row,
            col,
        };
        let period = YearMonth::new(2026, 10).unwrap();
        Fact::bare(unit.into(), period, Indicator::ArrivedFdi, 12.5, provenance)
    }

    #[test]
    fn a_months_table_holds_each_fact_and_gives_it_back() {
        let full = Fact {
            original: Some(Original {
                amount: 1000.0,
                unit: MoneyUnit {
                    magnitude: Magnitude::One,
                    currency: Currency(*b"HKD"),
                },
            }),
            event: Some(Event::Increase),
            project: Some("光伏组件项目".into()),
            investor: Some("香港某公司".into()),
            source: Some("香港".into()),
            ultimate_source: Some("新加坡".into()),
            industry: Some("制造业".into()),
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, 8),
            ..bare("开发区", 27, 4)
        };
        let facts = [
            StoredFact {
                fact: bare("东镇", 4, 2),
                sha256: "aa".into(),
            },
            StoredFact {
                fact: full,
                sha256: "bb".into(),
            },
            StoredFact {
                fact: bare("西乡", 5, 2),
                sha256: "cc".into(),
            },
        ];
        let records: Vec<FactRecord> = facts.iter().map(StoredFact::record).collect();
        let frame = facts_to_frame(&records).unwrap();
        let column = |name: &str| -> Vec<Option<String>> {
            let c = frame.column(name).unwrap().str().unwrap();
            (0..c.len()).map(|i| c.get(i).map(str::to_string)).collect()
        };
        let s = |v: &str| Some(v.to_string());
        assert_eq!(column("period"), [s("2026-10"), s("2026-10"), s("2026-10")]);
        assert_eq!(column("unit"), [s("东镇"), s("开发区"), s("西乡")]);
        assert_eq!(column("cell"), [s("C5"), s("E28"), s("C6")]);
        assert_eq!(column("date"), [None, s("2026-10-08"), None]);
        assert_eq!(column("event"), [None, s("增资"), None]);
        assert_eq!(column("original_currency"), [None, s("HKD"), None]);
        assert_eq!(column("project"), [None, s("光伏组件项目"), None]);
        assert_eq!(column("sha256"), [s("aa"), s("bb"), s("cc")]);
        assert_eq!(frame_to_facts(&frame).unwrap(), facts);
    }
}
