//! New projects, foreign and domestic together, counted per unit by 总投资 in
//! RMB against the bands of settings (1000万元, 3000万元 大项目, 5000万元,
//! 1亿元), this year against last, with targets from targets.xlsx.

use crate::config::rmb::rmb_band_label;
use crate::foundation::fact::{Event, Fact};
use crate::foundation::formulas::completion_percent;
use crate::foundation::model::{Indicator, UnitKind, YearMonth};
use crate::foundation::money::Currency;
use crate::foundation::unit_id::UnitId;
use crate::reference::Reference;
use std::collections::BTreeMap;

/// One new project: where, when, and its 总投资 in 万元 (`None` when not
/// given or when its month has no USD rate).
#[derive(Clone, Debug, PartialEq)]
pub struct RmbProject {
    pub unit: UnitId,
    pub period: YearMonth,
    pub total_wan_yuan: Option<f64>,
}

/// One band's counts on one row.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BandCount {
    pub this_year: usize,
    pub last_year: usize,
    pub target: Option<f64>,
    pub completion: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BandRow {
    pub name: String,
    /// `None` on the county's row.
    pub kind: Option<UnitKind>,
    /// The kind's name (开发区, 镇, 部门 …); empty on the county's row.
    pub kind_name: String,
    /// One per band, in the bands' order.
    pub bands: Vec<BandCount>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RmbProjectFigures {
    pub month: YearMonth,
    /// Lower bounds, 万元.
    pub bands: Vec<f64>,
    pub large_from: f64,
    pub units: Vec<BandRow>,
    pub county: BandRow,
    /// New projects of this year that no band counts (no 总投资, or no rate).
    pub without_total: usize,
}

/// The targets column of a band: "1000万元以上项目".
pub fn band_target_label(floor: f64) -> String {
    format!("{}项目", rmb_band_label(floor))
}

/// Counts the new projects of months 1..N of this year and last by band.
pub fn figures_of_rmb_projects(
    facts: &[Fact],
    reference: &Reference,
    month: YearMonth,
    bands: &[f64],
    large_from: f64,
) -> RmbProjectFigures {
    let projects = new_projects(facts, reference);
    let in_year =
        |p: &RmbProject, year: i32| p.period.year == year && p.period.month <= month.month;
    // Each unit's projects, looked up by unit: a scan of all projects per
    // unit and band was quadratic at a province's size.
    let mut by_unit: BTreeMap<&UnitId, Vec<&RmbProject>> = BTreeMap::new();
    for p in &projects {
        by_unit.entry(&p.unit).or_default().push(p);
    }
    let count = |unit: &UnitId, year: i32, floor: f64| {
        (by_unit.get(unit).into_iter().flatten())
            .filter(|p| in_year(p, year))
            // 以上 includes the bound; a 万元 amount that went through 万美元
            // and back may land a hair below it.
            .filter(|p| p.total_wan_yuan.is_some_and(|t| t >= floor - 1e-6))
            .count()
    };
    let mut regions: Vec<_> = reference.regions.list.iter().collect();
    regions.sort_by_key(|r| r.kind);
    let units: Vec<BandRow> = regions
        .iter()
        .map(|r| BandRow {
            name: r.name.to_string(),
            kind: Some(r.kind),
            kind_name: reference.regions.kinds.name(r.kind).to_string(),
            bands: bands
                .iter()
                .map(|&floor| {
                    let this_year = count(&r.name, month.year, floor);
                    let target =
                        reference
                            .targets
                            .get_named(month.year, &r.name, &band_target_label(floor));
                    BandCount {
                        this_year,
                        last_year: count(&r.name, month.year - 1, floor),
                        target,
                        completion: completion_percent(this_year as f64, target),
                    }
                })
                .collect(),
        })
        .collect();
    let county = BandRow {
        name: "合计".to_string(),
        kind: None,
        kind_name: String::new(),
        bands: (0..bands.len())
            .map(|b| county_count(units.iter().map(|u| u.bands[b])))
            .collect(),
    };
    let without_total = projects
        .iter()
        .filter(|p| in_year(p, month.year) && p.total_wan_yuan.is_none())
        .count();
    RmbProjectFigures {
        month,
        bands: bands.to_vec(),
        large_from,
        units,
        county,
        without_total,
    }
}

/// All units' counts; 完成 over the units with a target only.
fn county_count(counts: impl Iterator<Item = BandCount> + Clone) -> BandCount {
    let with_target = counts.clone().filter(|c| c.target.is_some());
    let target = with_target
        .clone()
        .map(|c| c.target.unwrap_or(0.0))
        .reduce(|a, b| a + b);
    let done: usize = with_target.map(|c| c.this_year).sum();
    BandCount {
        this_year: counts.clone().map(|c| c.this_year).sum(),
        last_year: counts.map(|c| c.last_year).sum(),
        target,
        completion: completion_percent(done as f64, target),
    }
}

/// Every 新设 row, foreign or domestic, with its 总投资 back in 万元 at its
/// month's USD rate (the rate it was converted at).
fn new_projects(facts: &[Fact], reference: &Reference) -> Vec<RmbProject> {
    let mut rows: BTreeMap<(&str, &str, u32), Vec<&Fact>> = BTreeMap::new();
    for f in facts.iter().filter(|f| f.event == Some(Event::New)) {
        let p = &f.provenance;
        rows.entry((&*p.file, &*p.sheet, p.row))
            .or_default()
            .push(f);
    }
    rows.into_values()
        .filter(|row| {
            row.iter().any(|f| {
                matches!(
                    f.indicator,
                    Indicator::NewFieCount | Indicator::NewDomesticCount
                )
            })
        })
        .map(|row| {
            let total = row
                .iter()
                .find(|f| f.indicator == Indicator::TotalInvestment)
                .and_then(|f| wan_yuan(f, reference));
            RmbProject {
                unit: row[0].unit.clone(),
                period: row[0].period,
                total_wan_yuan: total,
            }
        })
        .collect()
}

/// A 总投资 fact in 万元: as written where it was written in RMB, else its
/// 万美元 at its month's USD rate.
fn wan_yuan(fact: &Fact, reference: &Reference) -> Option<f64> {
    match fact.original {
        Some(o) if o.unit.currency == Currency::CNY => {
            Some(o.amount * o.unit.magnitude.factor() / 1e4)
        }
        _ => {
            let rate = reference.rates.cny_per_100(fact.period, Currency::USD)?;
            Some(fact.amount * rate / 100.0)
        }
    }
}
