//! A contest period's figures (竞赛): every unit's sums over the period's
//! months against the same months a year earlier, 同比, and its rank within
//! its kind by the period's sum — 招商引资总额 (万元) first, then the bulletin's
//! indicators.

use super::contest_query::{contest_lines, contest_months_without_rate, ContestSlot};
use crate::foundation::model::{Indicator, UnitKind, YearMonth};
use crate::foundation::period::ContestPeriod;
use crate::reference::Reference;
use anyhow::Result;
use polars::prelude::{DataFrame, DataType};

/// What a column block of the contest table adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContestMeasure {
    /// 招商引资总额 of the settings' indicators, 万元.
    Attracted,
    Indicator(Indicator),
}

impl ContestMeasure {
    pub fn name_zh(self) -> &'static str {
        match self {
            ContestMeasure::Attracted => "招商引资总额",
            ContestMeasure::Indicator(i) => i.name_zh(),
        }
    }

    pub fn unit_zh(self) -> &'static str {
        match self {
            ContestMeasure::Attracted => "万元",
            ContestMeasure::Indicator(i) => i.unit_zh(),
        }
    }
}

/// One measure of one unit. `None` where an amount had no rate.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ContestCell {
    pub this: Option<f64>,
    pub last: Option<f64>,
    pub yoy: Option<f64>,
    /// Within the unit's kind; none on the county's row.
    pub rank: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContestRow {
    pub name: String,
    pub kind: Option<UnitKind>,
    /// The kind's name (开发区, 镇, 部门 …); empty on the county's row.
    pub kind_name: String,
    /// One per measure.
    pub cells: Vec<ContestCell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContestFigures {
    pub period: ContestPeriod,
    pub measures: Vec<ContestMeasure>,
    pub units: Vec<ContestRow>,
    pub county: ContestRow,
    /// Months with a foreign amount but no USD rate.
    pub missing_rates: Vec<YearMonth>,
}

impl ContestFigures {
    /// The county's (合计) cell of `measure`, looked up by meaning rather
    /// than by its place among the measures.
    pub fn county_cell(&self, measure: ContestMeasure) -> Option<&ContestCell> {
        let slot = self.measures.iter().position(|&m| m == measure)?;
        self.county.cells.get(slot)
    }
}

/// Sums the facts frame over the period and the same months last year: the
/// figures come from one polars query (contest_query.rs); here the rows are
/// named and their cells put in the measures' order.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn figures_of_contest(
    facts: &DataFrame,
    reference: &Reference,
    period: ContestPeriod,
    attracted: &[Indicator],
) -> Result<ContestFigures> {
    let measures: Vec<ContestMeasure> = std::iter::once(ContestMeasure::Attracted)
        .chain(
            Indicator::BULLETIN
                .into_iter()
                .map(ContestMeasure::Indicator),
        )
        .collect();
    let mut regions: Vec<_> = reference.regions.list.iter().collect();
    regions.sort_by_key(|r| r.kind);
    let slots: Vec<ContestSlot> = regions
        .iter()
        .map(|r| ContestSlot {
            name: r.name.as_str(),
            kind: r.kind.0,
        })
        .collect();
    let lines = contest_lines(facts, &slots, period, attracted, &Indicator::BULLETIN)?;
    let number = |name: &str| lines.column(name).and_then(|c| c.f64());
    let (this, last, yoy) = (number("ytd")?, number("last_ytd")?, number("yoy")?);
    let rank = lines.column("rank")?.cast(&DataType::UInt32)?;
    let rank = rank.u32()?;
    // The lines come one per measure, units in order, then the county's.
    let mut cells = (0..lines.height()).map(|i| ContestCell {
        this: this.get(i),
        last: last.get(i),
        yoy: yoy.get(i),
        rank: rank.get(i),
    });
    let mut row = || {
        (0..measures.len())
            .filter_map(|_| cells.next())
            .collect::<Vec<_>>()
    };
    let units = regions
        .iter()
        .map(|r| ContestRow {
            name: r.name.to_string(),
            kind: Some(r.kind),
            kind_name: reference.regions.kinds.name(r.kind).to_string(),
            cells: row(),
        })
        .collect();
    let county = ContestRow {
        name: "合计".to_string(),
        kind: None,
        kind_name: String::new(),
        cells: row(),
    };
    Ok(ContestFigures {
        period,
        measures,
        units,
        county,
        missing_rates: contest_months_without_rate(facts, period, attracted)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_county_cell_is_found_by_its_measure_not_its_place() {
        let cell = |this: f64| ContestCell {
            this: Some(this),
            ..ContestCell::default()
        };
        let figures = ContestFigures {
            period: ContestPeriod::parse("2026-01..2026-06").unwrap(),
            measures: vec![
                ContestMeasure::Indicator(Indicator::ArrivedFdi),
                ContestMeasure::Attracted,
            ],
            units: Vec::new(),
            county: ContestRow {
                name: "合计".to_string(),
                kind: None,
                kind_name: String::new(),
                cells: vec![cell(12.0), cell(3400.0)],
            },
            missing_rates: Vec::new(),
        };
        let attracted = figures.county_cell(ContestMeasure::Attracted);
        assert_eq!(attracted.and_then(|c| c.this), Some(3400.0));
        let counted = ContestMeasure::Indicator(Indicator::NewFieCount);
        assert_eq!(figures.county_cell(counted), None);
    }
}
