//! A contest period's figures (竞赛): every unit's sums over the period's
//! months against the same months a year earlier, 同比, and its rank within
//! its kind by the period's sum — 招商引资总额 (万元) first, then the bulletin's
//! indicators.

use super::attracted::wan_yuan;
use crate::foundation::fact::Fact;
use crate::foundation::formulas::{ranks_desc, yoy_percent};
use crate::foundation::model::{Indicator, UnitKind, YearMonth};
use crate::foundation::period::ContestPeriod;
use crate::foundation::unit_id::UnitId;
use crate::reference::Reference;
use std::collections::BTreeSet;

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

/// Sums the facts over the period and the same months last year.
pub fn figures_of_contest(
    facts: &[Fact],
    reference: &Reference,
    period: ContestPeriod,
    attracted: &[Indicator],
) -> ContestFigures {
    let measures: Vec<ContestMeasure> = std::iter::once(ContestMeasure::Attracted)
        .chain(
            Indicator::BULLETIN
                .into_iter()
                .map(ContestMeasure::Indicator),
        )
        .collect();
    let (this_months, last_months) = (period.months(), period.last_year());
    let mut missing = BTreeSet::new();
    let mut sum = |unit: &UnitId, measure: ContestMeasure, months: &[YearMonth]| {
        let mut total = Some(0.0);
        let facts = facts
            .iter()
            .filter(|f| f.unit == *unit && months.contains(&f.period));
        for f in facts {
            let amount = match measure {
                ContestMeasure::Attracted if attracted.contains(&f.indicator) => {
                    let v = wan_yuan(f, reference);
                    if v.is_none() {
                        missing.insert(f.period);
                    }
                    v
                }
                ContestMeasure::Indicator(i) if f.indicator == i => Some(f.amount),
                _ => continue,
            };
            total = total.zip(amount).map(|(a, v)| a + v);
        }
        total
    };
    let mut regions: Vec<_> = reference.regions.list.iter().collect();
    regions.sort_by_key(|r| r.kind);
    let mut units: Vec<ContestRow> = regions
        .iter()
        .map(|r| ContestRow {
            name: r.name.to_string(),
            kind: Some(r.kind),
            kind_name: reference.regions.kinds.name(r.kind).to_string(),
            cells: measures
                .iter()
                .map(|&m| {
                    let (this, last) =
                        (sum(&r.name, m, &this_months), sum(&r.name, m, &last_months));
                    ContestCell {
                        this,
                        last,
                        yoy: this.zip(last).and_then(|(t, l)| yoy_percent(t, l)),
                        rank: None,
                    }
                })
                .collect(),
        })
        .collect();
    rank_within_kinds(&mut units, measures.len());
    let total = |k: usize, get: fn(&ContestCell) -> Option<f64>| {
        units
            .iter()
            .try_fold(0.0, |a, u| get(&u.cells[k]).map(|v| a + v))
    };
    let county = ContestRow {
        name: "合计".to_string(),
        kind: None,
        kind_name: String::new(),
        cells: (0..measures.len())
            .map(|k| {
                let (this, last) = (total(k, |c| c.this), total(k, |c| c.last));
                ContestCell {
                    this,
                    last,
                    yoy: this.zip(last).and_then(|(t, l)| yoy_percent(t, l)),
                    rank: None,
                }
            })
            .collect(),
    };
    ContestFigures {
        period,
        measures,
        units,
        county,
        missing_rates: missing.into_iter().collect(),
    }
}

fn rank_within_kinds(units: &mut [ContestRow], measures: usize) {
    let kinds: BTreeSet<Option<UnitKind>> = units.iter().map(|u| u.kind).collect();
    for kind in kinds {
        let idx: Vec<usize> = (0..units.len())
            .filter(|&i| units[i].kind == kind)
            .collect();
        for k in 0..measures {
            let values: Vec<Option<f64>> = idx.iter().map(|&i| units[i].cells[k].this).collect();
            for (&i, rank) in idx.iter().zip(ranks_desc(&values)) {
                units[i].cells[k].rank = rank;
            }
        }
    }
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
