//! The by-region figures: every unit, zones first then towns, with subtotals
//! for zones, towns and the county, and the flags of the bulletin.

use super::sums::PeriodSums;
use crate::audit::receipts::{Receipt, Receipts};
use crate::foundation::formulas::{
    completion_percent, progress_gap, ranks_desc, share_percent, shortfall, yellow_card,
    yoy_percent,
};
use crate::foundation::model::{Indicator, UnitKind, YearMonth};
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
    /// One per [`Indicator::BULLETIN`].
    pub figures: Vec<Figure>,
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
    pub rows: Vec<RegionRow>,
}

/// Settings the flags depend on.
#[derive(Clone, Debug)]
pub struct FlagRules {
    pub progress: f64,
    /// How 时序进度 was set for the month, in words.
    pub progress_basis: String,
    pub yellow_card_ratio: f64,
    pub double_shortfall_with: Indicator,
}

/// Builds the by-region figures from the summed facts.
pub fn figures_by_region(
    sums: &HashMap<(String, Indicator), PeriodSums>,
    receipts: &Receipts,
    reference: &Reference,
    month: YearMonth,
    rules: &FlagRules,
) -> RegionFigures {
    let county_ytd: Vec<f64> = Indicator::BULLETIN
        .iter()
        .map(|&i| {
            reference
                .regions
                .list
                .iter()
                .filter_map(|r| sums.get(&(r.name.clone(), i)))
                .map(|s| s.ytd)
                .sum()
        })
        .collect();
    let mut rows = Vec::new();
    let mut kind_rows: Vec<RegionRow> = Vec::new();
    for kind in [UnitKind::Zone, UnitKind::Town] {
        let mut units: Vec<RegionRow> = reference
            .regions
            .of_kind(kind)
            .map(|region| {
                let receipt_of = |m: u32| match YearMonth::new(month.year, m) {
                    Some(m) => receipts.of(&region.name, m),
                    None => Receipt::Missing,
                };
                let receipt = receipt_of(month.month);
                let figures = Indicator::BULLETIN
                    .iter()
                    .zip(&county_ytd)
                    .map(|(&indicator, &county)| {
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
                            completion,
                            gap: progress_gap(completion, rules.progress),
                            rank: None,
                            share: share_percent(s.ytd, county),
                        }
                    })
                    .collect();
                let mut row = RegionRow {
                    name: region.name.clone(),
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
        for slot in 0..Indicator::BULLETIN.len() {
            let completions: Vec<Option<f64>> =
                units.iter().map(|r| r.figures[slot].completion).collect();
            for (row, rank) in units.iter_mut().zip(ranks_desc(&completions)) {
                row.figures[slot].rank = rank;
            }
        }
        let subtotal = subtotal_row(
            &format!("{}小计", kind.name_zh()),
            RowKind::Subtotal(kind),
            &units,
            &county_ytd,
            rules.progress,
        );
        rows.extend(units);
        rows.push(subtotal.clone());
        kind_rows.push(subtotal);
    }
    rows.push(subtotal_row(
        "全县合计",
        RowKind::County,
        &kind_rows,
        &county_ytd,
        rules.progress,
    ));
    RegionFigures {
        month,
        progress: rules.progress,
        progress_basis: rules.progress_basis.clone(),
        rows,
    }
}

fn set_flags(row: &mut RegionRow, rules: &FlagRules) {
    for (&indicator, figure) in Indicator::BULLETIN.iter().zip(&row.figures) {
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

/// Sums `parts` into one row; targets sum where any part has one.
fn subtotal_row(
    name: &str,
    kind: RowKind,
    parts: &[RegionRow],
    county_ytd: &[f64],
    progress: f64,
) -> RegionRow {
    let figures = (0..Indicator::BULLETIN.len())
        .map(|slot| {
            let column = parts.iter().map(|r| &r.figures[slot]);
            let ytd: f64 = column.clone().map(|f| f.ytd).sum();
            let last_ytd: f64 = column.clone().map(|f| f.last_ytd).sum();
            let targets: Vec<f64> = column.clone().filter_map(|f| f.target).collect();
            let target = (!targets.is_empty()).then(|| targets.iter().sum());
            let completion = completion_percent(ytd, target);
            Figure {
                this_month: Some(column.clone().filter_map(|f| f.this_month).sum()),
                ytd,
                last_ytd,
                yoy: yoy_percent(ytd, last_ytd),
                target,
                completion,
                gap: progress_gap(completion, progress),
                rank: None,
                share: share_percent(ytd, county_ytd[slot]),
            }
        })
        .collect();
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
