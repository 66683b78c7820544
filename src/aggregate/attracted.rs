//! 招商引资总额 by unit, in 万元: the domestic indicators as they are and the
//! foreign ones converted at each fact's own month's USD rate (never a
//! cumulative total at one rate), with 同比, target and 完成.

use super::attracted_query::{attracted_lines, months_without_rate, AttractedSlot, FIGURES};
use crate::foundation::fact::Fact;
use crate::foundation::model::{Indicator, Measure, UnitKind, YearMonth};
use crate::foundation::money::Currency;
use crate::reference::Reference;
use anyhow::Result;
use polars::prelude::{DataFrame, DataType};

/// The targets column of 招商引资总额 in targets.xlsx.
pub const TARGET_LABEL: &str = "招商引资总额";

/// One row of the sheet. A figure is `None` ("—") where a foreign amount
/// in it had no USD rate for its month.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AttractedLine {
    pub name: String,
    /// `None` on the county's row.
    pub kind: Option<UnitKind>,
    /// The kind's name (开发区, 镇, 部门 …); empty on the county's row.
    pub kind_name: String,
    pub this_month: Option<f64>,
    pub ytd: Option<f64>,
    /// The domestic part of `ytd`.
    pub domestic_ytd: Option<f64>,
    /// The foreign part of `ytd`, converted.
    pub foreign_ytd: Option<f64>,
    pub last_ytd: Option<f64>,
    pub yoy: Option<f64>,
    pub target: Option<f64>,
    pub completion: Option<f64>,
    /// Within the unit's kind, by 累计.
    pub rank: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AttractedFigures {
    pub month: YearMonth,
    pub parts: Vec<Indicator>,
    /// Every unit of the reference list, kinds in order.
    pub units: Vec<AttractedLine>,
    pub county: AttractedLine,
    /// Months with a foreign amount but no USD rate in rates.xlsx.
    pub missing_rates: Vec<YearMonth>,
}

/// A money fact in 万元: domestic as it is, foreign (万美元) at its own
/// month's USD rate; `None` when that rate is missing.
pub fn wan_yuan(fact: &Fact, reference: &Reference) -> Option<f64> {
    match fact.indicator.measure() {
        Measure::Foreign => reference
            .rates
            .cny_per_100(fact.period, Currency::USD)
            .map(|r| fact.amount * r / 100.0),
        _ => Some(fact.amount),
    }
}

/// Adds up 招商引资总额 for report month `month` (累计 months 1..N of its
/// year, 去年同期 months 1..N of the year before) from the facts frame: the
/// figures come from one polars query (attracted_query.rs); here the lines
/// are named.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn figures_of_attracted(
    facts: &DataFrame,
    reference: &Reference,
    month: YearMonth,
    parts: &[Indicator],
) -> Result<AttractedFigures> {
    let mut regions: Vec<_> = reference.regions.list.iter().collect();
    regions.sort_by_key(|r| r.kind);
    let slots: Vec<AttractedSlot> = regions
        .iter()
        .map(|r| AttractedSlot {
            name: r.name.as_str(),
            kind: r.kind.0,
            target: reference
                .targets
                .get_named(month.year, &r.name, TARGET_LABEL),
        })
        .collect();
    let result = attracted_lines(facts, &slots, month, parts)?;
    let mut lines = read_lines(&result)?.into_iter();
    let units = regions
        .iter()
        .zip(lines.by_ref())
        .map(|(r, line)| AttractedLine {
            name: r.name.to_string(),
            kind: Some(r.kind),
            kind_name: reference.regions.kinds.name(r.kind).to_string(),
            ..line
        })
        .collect();
    let county = AttractedLine {
        name: "合计".to_string(),
        ..lines.next().unwrap_or_default()
    };
    Ok(AttractedFigures {
        month,
        parts: parts.to_vec(),
        units,
        county,
        missing_rates: months_without_rate(facts, month, parts)?,
    })
}

/// The query's lines in order, unnamed: every unit's, then the county's.
fn read_lines(frame: &DataFrame) -> Result<Vec<AttractedLine>> {
    let number = |name: &str| frame.column(name).and_then(|c| c.f64());
    let [this_month, ytd, domestic, foreign, last_ytd, yoy, target, completion] =
        FIGURES.map(number);
    let (this_month, ytd, domestic, foreign) = (this_month?, ytd?, domestic?, foreign?);
    let (last_ytd, yoy, target, completion) = (last_ytd?, yoy?, target?, completion?);
    let rank = frame.column("rank")?.cast(&DataType::UInt32)?;
    let rank = rank.u32()?;
    Ok((0..frame.height())
        .map(|i| AttractedLine {
            this_month: this_month.get(i),
            ytd: ytd.get(i),
            domestic_ytd: domestic.get(i),
            foreign_ytd: foreign.get(i),
            last_ytd: last_ytd.get(i),
            yoy: yoy.get(i),
            target: target.get(i),
            completion: completion.get(i),
            rank: rank.get(i),
            ..AttractedLine::default()
        })
        .collect())
}
