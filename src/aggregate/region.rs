//! The by-region figures: every unit, kind by kind in the order of the
//! county's kinds (开发区, 镇, 部门, 团队 …), a subtotal under each kind and the
//! county's total, and the flags of the bulletin. A subtotal's 累计 is over
//! all its units; its 完成% and 进度差 over the units that have a target only.

use super::region_query::{region_figures, UnitSlot, COUNTY, SUBTOTAL, UNIT};
use crate::audit::receipts::{Receipt, Receipts};
use crate::foundation::formulas::{shortfall, yellow_card};
use crate::foundation::model::{Indicator, PerIndicator, UnitKind, YearMonth};
use crate::foundation::unit_id::UnitId;
use crate::foundation::unit_kinds::UnitKinds;
use crate::reference::regions::Region;
use crate::reference::Reference;
use anyhow::Result;
use polars::prelude::{col, DataFrame, DataType, IntoLazy};
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

/// Builds the by-region figures from the facts frame (columns unit, year,
/// month, indicator, amount): the figures are worked out by one polars
/// query (region_query.rs); here they are laid out in the bulletin's order,
/// with each unit's receipts and flags, a few plain comparisons per row.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn figures_by_region(
    facts: &DataFrame,
    receipts: &Receipts,
    reference: &Reference,
    month: YearMonth,
    rules: &FlagRules,
) -> Result<RegionFigures> {
    let kinds = &reference.regions.kinds;
    let regions: Vec<&Region> = kinds
        .iter()
        .flat_map(|(kind, _)| reference.regions.of_kind(kind))
        .collect();
    let receipt_of = |name: &UnitId, m: u32| match YearMonth::new(month.year, m) {
        Some(m) => receipts.of(name, m),
        None => Receipt::Missing,
    };
    let targets: Vec<_> = regions
        .iter()
        .map(|r| move |i| reference.targets.get(month.year, &r.name, i))
        .collect();
    let slots: Vec<UnitSlot> = regions
        .iter()
        .zip(&targets)
        .map(|(r, target)| UnitSlot {
            name: r.name.as_str(),
            kind: r.kind.0,
            used: receipt_of(&r.name, month.month).is_used(),
            target,
        })
        .collect();
    let frame = facts.clone().lazy().with_column(col("unit").alias("key"));
    let result = region_figures(frame, &slots, month, rules.progress)?;
    let figures = FiguresByRow::read(&result)?;

    let mut rows = Vec::new();
    for (kind, spec) in kinds.iter() {
        let mut units = reference.regions.of_kind(kind).peekable();
        if units.peek().is_none() {
            continue;
        }
        for region in units {
            let receipt = receipt_of(&region.name, month.month);
            let mut row = RegionRow {
                name: region.name.to_string(),
                kind: RowKind::Unit(kind),
                receipt: Some(receipt),
                gaps_this_year: (1..month.month)
                    .map(|m| (m, receipt_of(&region.name, m)))
                    .filter(|(_, r)| !r.is_used())
                    .collect(),
                figures: figures.of(&(UNIT, Some(region.name.as_str()), Some(kind.0))),
                shortfall: Vec::new(),
                double_shortfall: false,
                yellow_card: Vec::new(),
                not_broken_zero: Vec::new(),
            };
            set_flags(&mut row, rules);
            rows.push(row);
        }
        rows.push(total_row(
            &format!("{}小计", spec.name),
            RowKind::Subtotal(kind),
            figures.of(&(SUBTOTAL, None, Some(kind.0))),
        ));
    }
    rows.push(total_row(
        &format!("{}合计", rules.scope),
        RowKind::County,
        figures.of(&(COUNTY, None, None)),
    ));
    Ok(RegionFigures {
        month,
        progress: rules.progress,
        progress_basis: rules.progress_basis.clone(),
        kinds: kinds.clone(),
        rows,
    })
}

/// A row of the query's result: its level, unit and kind.
type RowKey<'a> = (&'a str, Option<&'a str>, Option<u8>);

/// The query's result by row and indicator.
struct FiguresByRow<'a>(HashMap<(RowKey<'a>, Indicator), Figure>);

impl<'a> FiguresByRow<'a> {
    fn read(frame: &'a DataFrame) -> Result<FiguresByRow<'a>> {
        let text = |name: &str| frame.column(name).and_then(|c| c.str());
        let number = |name: &str| frame.column(name).and_then(|c| c.f64());
        let (level, unit, indicator) = (text("level")?, text("unit")?, text("indicator")?);
        let kind = frame.column("kind")?.u32()?;
        let rank = frame.column("rank")?.cast(&DataType::UInt32)?;
        let rank = rank.u32()?;
        let [this_month, ytd, last_ytd, target, ytd_with_target, yoy, completion, gap, share] = [
            "this_month",
            "ytd",
            "last_ytd",
            "target",
            "ytd_with_target",
            "yoy",
            "completion",
            "gap",
            "share",
        ]
        .map(number);
        let (this_month, ytd, last_ytd, target) = (this_month?, ytd?, last_ytd?, target?);
        let (ytd_with_target, yoy, completion) = (ytd_with_target?, yoy?, completion?);
        let (gap, share) = (gap?, share?);
        let mut by_row = HashMap::new();
        for i in 0..frame.height() {
            let (Some(level), Some(key)) = (level.get(i), indicator.get(i)) else {
                continue;
            };
            let Some(indicator) = Indicator::ALL.into_iter().find(|x| x.key() == key) else {
                continue;
            };
            let kind = kind.get(i).and_then(|k| u8::try_from(k).ok());
            let figure = Figure {
                this_month: this_month.get(i),
                ytd: ytd.get(i).unwrap_or(0.0),
                last_ytd: last_ytd.get(i).unwrap_or(0.0),
                yoy: yoy.get(i),
                target: target.get(i),
                ytd_with_target: ytd_with_target.get(i),
                completion: completion.get(i),
                gap: gap.get(i),
                rank: rank.get(i),
                share: share.get(i),
            };
            by_row.insert(((level, unit.get(i), kind), indicator), figure);
        }
        Ok(FiguresByRow(by_row))
    }

    /// The figures of one row; an indicator the query has no line of is 0.
    fn of(&self, row: &RowKey) -> PerIndicator<Figure> {
        PerIndicator::from_fn(|i| self.0.get(&(*row, i)).copied().unwrap_or_default())
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

/// A subtotal or total row: its figures are the query's, it has no receipt.
fn total_row(name: &str, kind: RowKind, figures: PerIndicator<Figure>) -> RegionRow {
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
