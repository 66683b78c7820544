//! Project stages per unit and month (签订意向, 新签, 新开工, 投产), this year
//! against last. A unit whose forms had no stage column in a period has no
//! count there (`None`, printed "—"), never 0.

use crate::foundation::fact::Fact;
use crate::foundation::formulas::completion_percent;
use crate::foundation::model::{Indicator, UnitKind, YearMonth};
use crate::foundation::unit_id::UnitId;
use crate::reference::Reference;
use std::collections::BTreeMap;

/// One stage's counts on one row.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StageCount {
    pub this_month: Option<f64>,
    pub ytd: Option<f64>,
    pub last_ytd: Option<f64>,
    pub target: Option<f64>,
    pub completion: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StageRow {
    pub name: String,
    /// `None` on the county's row.
    pub kind: Option<UnitKind>,
    /// The kind's name (开发区, 镇, 部门 …); empty on the county's row.
    pub kind_name: String,
    /// One per [`Indicator::STAGES`].
    pub stages: Vec<StageCount>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StageFigures {
    pub month: YearMonth,
    pub units: Vec<StageRow>,
    pub county: StageRow,
    /// The county by month 1..N: per stage (this year, last year).
    pub by_month: Vec<MonthStages>,
}

/// One month of the county: the month, and per stage (this year, last year).
pub type MonthStages = (u32, Vec<(Option<f64>, Option<f64>)>);

/// The stage's name in the bulletin.
pub fn stage_name_zh(stage: Indicator) -> &'static str {
    match stage {
        Indicator::IntentCount => "签订意向",
        Indicator::SignedCount => "新签",
        Indicator::StartedCount => "新开工",
        _ => "投产",
    }
}

/// Counts of (unit, stage, month); a key is there when the unit's form gave
/// the stage column that month, even with a count of 0.
type Counts<'a> = BTreeMap<(&'a UnitId, Indicator, YearMonth), f64>;

/// Counts the stages for report month `month`.
pub fn figures_of_stages(facts: &[Fact], reference: &Reference, month: YearMonth) -> StageFigures {
    let mut counts: Counts = BTreeMap::new();
    for f in facts
        .iter()
        .filter(|f| Indicator::STAGES.contains(&f.indicator))
    {
        *counts.entry((&f.unit, f.indicator, f.period)).or_default() += f.amount;
    }
    let year = |y: i32| (1..=month.month).filter_map(move |m| YearMonth::new(y, m));
    let count_of = |unit: Option<&UnitId>, stage: Indicator| {
        let in_unit = |u: &UnitId| unit.is_none_or(|x| x == u);
        let sum = |months: Vec<YearMonth>| {
            counts
                .iter()
                .filter(|((u, s, m), _)| in_unit(u) && *s == stage && months.contains(m))
                .fold(None, |a: Option<f64>, (_, v)| Some(a.unwrap_or(0.0) + v))
        };
        (
            sum(vec![month]),
            sum(year(month.year).collect()),
            sum(year(month.year - 1).collect()),
        )
    };
    let mut regions: Vec<_> = reference.regions.list.iter().collect();
    regions.sort_by_key(|r| r.kind);
    let units: Vec<StageRow> = regions
        .iter()
        .map(|r| StageRow {
            name: r.name.to_string(),
            kind: Some(r.kind),
            kind_name: reference.regions.kinds.name(r.kind).to_string(),
            stages: Indicator::STAGES
                .into_iter()
                .map(|stage| {
                    let (this_month, ytd, last_ytd) = count_of(Some(&r.name), stage);
                    let target = reference.targets.get(month.year, &r.name, stage);
                    StageCount {
                        this_month,
                        ytd,
                        last_ytd,
                        target,
                        completion: ytd.and_then(|y| completion_percent(y, target)),
                    }
                })
                .collect(),
        })
        .collect();
    let county = StageRow {
        name: "合计".to_string(),
        kind: None,
        kind_name: String::new(),
        stages: Indicator::STAGES
            .into_iter()
            .enumerate()
            .map(|(k, stage)| {
                let (this_month, ytd, last_ytd) = count_of(None, stage);
                let with_target: Vec<&StageCount> = units
                    .iter()
                    .map(|u| &u.stages[k])
                    .filter(|c| c.target.is_some())
                    .collect();
                let target = with_target
                    .iter()
                    .filter_map(|c| c.target)
                    .reduce(|a, b| a + b);
                let done: f64 = with_target.iter().filter_map(|c| c.ytd).sum();
                StageCount {
                    this_month,
                    ytd,
                    last_ytd,
                    target,
                    completion: completion_percent(done, target),
                }
            })
            .collect(),
    };
    let by_month = (1..=month.month)
        .map(|m| {
            let per_stage = Indicator::STAGES
                .into_iter()
                .map(|stage| {
                    let at = |y: i32| {
                        let key = YearMonth::new(y, m)?;
                        counts
                            .iter()
                            .filter(|((_, s, p), _)| *s == stage && *p == key)
                            .fold(None, |a: Option<f64>, (_, v)| Some(a.unwrap_or(0.0) + v))
                    };
                    (at(month.year), at(month.year - 1))
                })
                .collect();
            (m, per_stage)
        })
        .collect();
    StageFigures {
        month,
        units,
        county,
        by_month,
    }
}
