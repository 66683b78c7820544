//! 招商引资总额 by unit, in 万元: the domestic indicators as they are and the
//! foreign ones converted at each fact's own month's USD rate (never a
//! cumulative total at one rate), with 同比, target and 完成.

use crate::foundation::fact::Fact;
use crate::foundation::formulas::{completion_percent, ranks_desc, yoy_percent};
use crate::foundation::model::{Indicator, Measure, UnitKind, YearMonth};
use crate::foundation::money::Currency;
use crate::foundation::unit_id::UnitId;
use crate::reference::Reference;
use std::collections::{BTreeMap, BTreeSet};

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

/// Sums of one unit, 万元; `None` once an amount could not be converted.
#[derive(Clone, Copy, Debug)]
struct Sums {
    this_month: Option<f64>,
    ytd_domestic: Option<f64>,
    ytd_foreign: Option<f64>,
    last_ytd: Option<f64>,
}

impl Default for Sums {
    fn default() -> Self {
        Sums {
            this_month: Some(0.0),
            ytd_domestic: Some(0.0),
            ytd_foreign: Some(0.0),
            last_ytd: Some(0.0),
        }
    }
}

/// Adds `value` to `slot`; an unknown amount makes the sum unknown.
fn add(slot: &mut Option<f64>, value: Option<f64>) {
    *slot = slot.zip(value).map(|(a, v)| a + v);
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
/// year, 去年同期 months 1..N of the year before).
pub fn figures_of_attracted(
    facts: &[Fact],
    reference: &Reference,
    month: YearMonth,
    parts: &[Indicator],
) -> AttractedFigures {
    let mut missing = BTreeSet::new();
    let mut sums: BTreeMap<&UnitId, Sums> = BTreeMap::new();
    for f in facts.iter().filter(|f| parts.contains(&f.indicator)) {
        let (this_year, last_year) = (f.period.year == month.year, f.period.year == month.year - 1);
        if f.period.month > month.month || !(this_year || last_year) {
            continue;
        }
        let foreign = f.indicator.measure() == Measure::Foreign;
        let rmb = wan_yuan(f, reference);
        if rmb.is_none() {
            missing.insert(f.period);
        }
        let s = sums.entry(&f.unit).or_default();
        if this_year && f.period.month == month.month {
            add(&mut s.this_month, rmb);
        }
        match (this_year, foreign) {
            (true, true) => add(&mut s.ytd_foreign, rmb),
            (true, false) => add(&mut s.ytd_domestic, rmb),
            (false, _) => add(&mut s.last_ytd, rmb),
        }
    }
    let filled = |unit: &UnitId| sums.get(unit).copied().unwrap_or_default();
    let mut regions: Vec<_> = reference.regions.list.iter().collect();
    regions.sort_by_key(|r| r.kind);
    let mut units: Vec<AttractedLine> = regions
        .iter()
        .map(|r| {
            let target = reference
                .targets
                .get_named(month.year, &r.name, TARGET_LABEL);
            let mut line = line(r.name.as_str(), Some(r.kind), filled(&r.name), target);
            line.kind_name = reference.regions.kinds.name(r.kind).to_string();
            line
        })
        .collect();
    rank_within_kinds(&mut units);
    let county = county_line(&units);
    AttractedFigures {
        month,
        parts: parts.to_vec(),
        units,
        county,
        missing_rates: missing.into_iter().collect(),
    }
}

fn line(name: &str, kind: Option<UnitKind>, s: Sums, target: Option<f64>) -> AttractedLine {
    let ytd = s.ytd_domestic.zip(s.ytd_foreign).map(|(d, f)| d + f);
    AttractedLine {
        name: name.to_string(),
        kind,
        kind_name: String::new(),
        this_month: s.this_month,
        ytd,
        domestic_ytd: s.ytd_domestic,
        foreign_ytd: s.ytd_foreign,
        last_ytd: s.last_ytd,
        yoy: ytd.zip(s.last_ytd).and_then(|(y, l)| yoy_percent(y, l)),
        target,
        completion: ytd.and_then(|y| completion_percent(y, target)),
        rank: None,
    }
}

fn rank_within_kinds(units: &mut [AttractedLine]) {
    let kinds: BTreeSet<Option<UnitKind>> = units.iter().map(|u| u.kind).collect();
    for kind in kinds {
        let idx: Vec<usize> = (0..units.len())
            .filter(|&i| units[i].kind == kind)
            .collect();
        let values: Vec<Option<f64>> = idx.iter().map(|&i| units[i].ytd).collect();
        for (i, rank) in idx.into_iter().zip(ranks_desc(&values)) {
            units[i].rank = rank;
        }
    }
}

/// The county: every unit's sums; its 完成 over the units that have a
/// target only (their 累计 against their targets added up).
fn county_line(units: &[AttractedLine]) -> AttractedLine {
    let total = |get: fn(&AttractedLine) -> Option<f64>| {
        units.iter().map(get).try_fold(0.0, |a, v| v.map(|v| a + v))
    };
    let with_target: Vec<&AttractedLine> = units.iter().filter(|u| u.target.is_some()).collect();
    let target =
        (!with_target.is_empty()).then(|| with_target.iter().filter_map(|u| u.target).sum::<f64>());
    let ytd_with_target = with_target
        .iter()
        .try_fold(0.0, |a, u| u.ytd.map(|v| a + v));
    let s = Sums {
        this_month: total(|u| u.this_month),
        ytd_domestic: total(|u| u.domestic_ytd),
        ytd_foreign: total(|u| u.foreign_ytd),
        last_ytd: total(|u| u.last_ytd),
    };
    let mut county = line("合计", None, s, target);
    county.completion = ytd_with_target.and_then(|y| completion_percent(y, target));
    county
}
