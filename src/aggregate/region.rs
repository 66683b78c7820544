//! The by-region figures: every unit, kind by kind in the order of the
//! county's kinds (开发区, 镇, 部门, 团队 …), a subtotal under each kind and the
//! county's total, and the flags of the bulletin. A subtotal's 累计 is over
//! all its units; its 完成% and 进度差 over the units that have a target only.

use super::sums::PeriodSums;
use crate::audit::receipts::{Receipt, Receipts};
use crate::foundation::formulas::{
    completion_percent, progress_gap, ranks_desc, share_percent, shortfall, yellow_card,
    yoy_percent,
};
use crate::foundation::model::{Indicator, PerIndicator, UnitKind, YearMonth};
use crate::foundation::unit_id::UnitId;
use crate::foundation::unit_kinds::UnitKinds;
use crate::reference::Reference;
use std::collections::HashMap;

/// One indicator's figures on one row. `None` prints as "—".
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figure {
    /// `None` when the month's submission is missing or was not used.
    pub this_month: Option<f64>,
    pub ytd: f64,
    pub last_ytd: f64,
    pub yoy: Option<f64>,
    pub target: Option<f64>,
    /// The 累计 that 完成% is worked from: the unit's own where it has a
    /// target; on a subtotal, the sum over its units that have one.
    pub ytd_with_target: Option<f64>,
    pub completion: Option<f64>,
    pub gap: Option<f64>,
    pub rank: Option<u32>,
    pub share: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Unit(UnitKind),
    Subtotal(UnitKind),
    County,
}

/// One row of the by-region sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionRow {
    pub name: String,
    pub kind: RowKind,
    /// The report month's receipt; `None` on subtotal rows.
    pub receipt: Option<Receipt>,
    /// Earlier months of the year whose data is not in (未报 or 未采用),
    /// each with what became of it.
    pub gaps_this_year: Vec<(u32, Receipt)>,
    /// By indicator (every one of [`Indicator::ALL`]; the bulletin shows
    /// [`Indicator::BULLETIN`]).
    pub figures: PerIndicator<Figure>,
    pub shortfall: Vec<Indicator>,
    pub double_shortfall: bool,
    pub yellow_card: Vec<Indicator>,
    pub not_broken_zero: Vec<Indicator>,
}

/// The by-region sheet's content.
#[derive(Clone, Debug)]
pub struct RegionFigures {
    pub month: YearMonth,
    /// 时序进度 in percent.
    pub progress: f64,
    /// How it was set for this month, in words ("10月÷12", "按进度安排").
    pub progress_basis: String,
    /// The kinds of unit, to name a row's kind.
    pub kinds: UnitKinds,
    pub rows: Vec<RegionRow>,
}

impl RegionFigures {
    /// The unit rows (no subtotals).
    pub fn units(&self) -> impl Iterator<Item = &RegionRow> {
        self.rows
            .iter()
            .filter(|r| matches!(r.kind, RowKind::Unit(_)))
    }

    /// The unit rows of `kind`.
    pub fn units_of(&self, kind: UnitKind) -> impl Iterator<Item = &RegionRow> {
        self.rows
            .iter()
            .filter(move |r| r.kind == RowKind::Unit(kind))
    }

    /// The kinds that have units, in the bulletin's order.
    pub fn kinds_present(&self) -> Vec<UnitKind> {
        self.kinds
            .iter()
            .map(|(k, _)| k)
            .filter(|&k| self.units_of(k).next().is_some())
            .collect()
    }

    /// The county's row (always the last).
    pub fn county(&self) -> &RegionRow {
        self.rows
            .iter()
            .find(|r| r.kind == RowKind::County)
            .expect("the by-region figures always end with the county row")
    }
}

/// Settings the flags depend on.
#[derive(Clone, Debug)]
pub struct FlagRules {
    pub progress: f64,
    /// How 时序进度 was set for the month, in words.
    pub progress_basis: String,
    pub yellow_card_ratio: f64,
    pub double_shortfall_with: Indicator,
    /// How the county names itself (全县, 全市 …): its row is "{scope}合计".
    pub scope: String,
}

/// Builds the by-region figures from the summed facts.
pub fn figures_by_region(
    sums: &HashMap<(UnitId, Indicator), PeriodSums>,
    receipts: &Receipts,
    reference: &Reference,
    month: YearMonth,
    rules: &FlagRules,
) -> RegionFigures {
    let county_ytd = PerIndicator::from_fn(|i| {
        reference
            .regions
            .list
            .iter()
            .filter_map(|r| sums.get(&(r.name.clone(), i)))
            .map(|s| s.ytd)
            .sum::<f64>()
    });
    let kinds = &reference.regions.kinds;
    let mut rows = Vec::new();
    let mut all_units: Vec<RegionRow> = Vec::new();
    for (kind, spec) in kinds.iter() {
        let mut units: Vec<RegionRow> = reference
            .regions
            .of_kind(kind)
            .map(|region| {
                let receipt_of = |m: u32| match YearMonth::new(month.year, m) {
                    Some(m) => receipts.of(&region.name, m),
                    None => Receipt::Missing,
                };
                let receipt = receipt_of(month.month);
                let figures = PerIndicator::from_fn(|indicator| {
                    let s = sums
                        .get(&(region.name.clone(), indicator))
                        .copied()
                        .unwrap_or_default();
                    let target = reference.targets.get(month.year, &region.name, indicator);
                    let completion = completion_percent(s.ytd, target);
                    Figure {
                        this_month: receipt.is_used().then_some(s.this_month),
                        ytd: s.ytd,
                        last_ytd: s.last_ytd,
                        yoy: yoy_percent(s.ytd, s.last_ytd),
                        target,
                        ytd_with_target: completion.map(|_| s.ytd),
                        completion,
                        gap: progress_gap(completion, rules.progress),
                        rank: None,
                        share: share_percent(s.ytd, county_ytd[indicator]),
                    }
                });
                let mut row = RegionRow {
                    name: region.name.to_string(),
                    kind: RowKind::Unit(kind),
                    receipt: Some(receipt),
                    gaps_this_year: (1..month.month)
                        .map(|m| (m, receipt_of(m)))
                        .filter(|(_, r)| !r.is_used())
                        .collect(),
                    figures,
                    shortfall: Vec::new(),
                    double_shortfall: false,
                    yellow_card: Vec::new(),
                    not_broken_zero: Vec::new(),
                };
                set_flags(&mut row, rules);
                row
            })
            .collect();
        if units.is_empty() {
            continue;
        }
        for indicator in Indicator::ALL {
            let completions: Vec<Option<f64>> = units
                .iter()
                .map(|r| r.figures[indicator].completion)
                .collect();
            for (row, rank) in units.iter_mut().zip(ranks_desc(&completions)) {
                row.figures[indicator].rank = rank;
            }
        }
        let subtotal = subtotal_row(
            &format!("{}小计", spec.name),
            RowKind::Subtotal(kind),
            &units,
            &county_ytd,
            rules.progress,
        );
        rows.extend(units.iter().cloned());
        rows.push(subtotal);
        all_units.extend(units);
    }
    rows.push(subtotal_row(
        &format!("{}合计", rules.scope),
        RowKind::County,
        &all_units,
        &county_ytd,
        rules.progress,
    ));
    RegionFigures {
        month,
        progress: rules.progress,
        progress_basis: rules.progress_basis.clone(),
        kinds: kinds.clone(),
        rows,
    }
}

fn set_flags(row: &mut RegionRow, rules: &FlagRules) {
    for indicator in Indicator::BULLETIN {
        let figure = &row.figures[indicator];
        if shortfall(figure.gap).is_some() {
            row.shortfall.push(indicator);
        }
        if yellow_card(figure.completion, rules.progress, rules.yellow_card_ratio) {
            row.yellow_card.push(indicator);
        }
        if figure.ytd == 0.0 {
            row.not_broken_zero.push(indicator);
        }
    }
    row.double_shortfall = row.shortfall.contains(&rules.double_shortfall_with)
        && row.shortfall.contains(&Indicator::ArrivedFdi);
}

/// Sums unit rows into one row: 本月, 累计 and 去年同期 over all of them;
/// 年度目标, and the 累计 that 完成% and 进度差 are worked from, over those
/// with a target only, so that a unit without one adds nothing to 完成%.
fn subtotal_row(
    name: &str,
    kind: RowKind,
    units: &[RegionRow],
    county_ytd: &PerIndicator<f64>,
    progress: f64,
) -> RegionRow {
    let figures = PerIndicator::from_fn(|indicator| {
        let column = units.iter().map(|r| &r.figures[indicator]);
        let ytd: f64 = column.clone().map(|f| f.ytd).sum();
        let last_ytd: f64 = column.clone().map(|f| f.last_ytd).sum();
        let with_target: Vec<&Figure> = column.clone().filter(|f| f.completion.is_some()).collect();
        let target = (!with_target.is_empty())
            .then(|| with_target.iter().filter_map(|f| f.target).sum::<f64>());
        let ytd_with_target =
            (!with_target.is_empty()).then(|| with_target.iter().map(|f| f.ytd).sum::<f64>());
        let completion = ytd_with_target.and_then(|y| completion_percent(y, target));
        Figure {
            this_month: Some(column.clone().filter_map(|f| f.this_month).sum()),
            ytd,
            last_ytd,
            yoy: yoy_percent(ytd, last_ytd),
            target,
            ytd_with_target,
            completion,
            gap: progress_gap(completion, progress),
            rank: None,
            share: share_percent(ytd, county_ytd[indicator]),
        }
    });
    RegionRow {
        name: name.to_string(),
        kind,
        receipt: None,
        gaps_this_year: Vec::new(),
        figures,
        shortfall: Vec::new(),
        double_shortfall: false,
        yellow_card: Vec::new(),
        not_broken_zero: Vec::new(),
    }
}
