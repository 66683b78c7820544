//! Project stages per unit and month (签订意向, 新签, 新开工, 投产), this year
//! against last. A unit whose forms had no stage column in a period has no
//! count there (`None`, printed "—"), never 0.

use super::stages_query::{county_by_month, stage_lines, StageSlot};
use crate::foundation::model::{Indicator, UnitKind, YearMonth};
use crate::reference::Reference;
use anyhow::Result;
use polars::prelude::DataFrame;

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

/// Counts the stages for report month `month` from the facts frame: the
/// counts come from polars queries (stages_query.rs); here they are laid
/// out as rows.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn figures_of_stages(
    facts: &DataFrame,
    reference: &Reference,
    month: YearMonth,
) -> Result<StageFigures> {
    let mut regions: Vec<_> = reference.regions.list.iter().collect();
    regions.sort_by_key(|r| r.kind);
    let slots: Vec<StageSlot> = regions
        .iter()
        .map(|r| StageSlot {
            name: r.name.as_str(),
            targets: Indicator::STAGES.map(|s| reference.targets.get(month.year, &r.name, s)),
        })
        .collect();
    let lines = stage_lines(facts, &slots, month)?;
    let number = |name: &str| lines.column(name).and_then(|c| c.f64());
    let (this_month, ytd, last_ytd) = (number("this_month")?, number("ytd")?, number("last_ytd")?);
    let (target, completion) = (number("target")?, number("completion")?);
    // The lines come four by four (one per stage), units in order, then the county.
    let mut counts = (0..lines.height()).map(|i| StageCount {
        this_month: this_month.get(i),
        ytd: ytd.get(i),
        last_ytd: last_ytd.get(i),
        target: target.get(i),
        completion: completion.get(i),
    });
    let mut four = || (0..4).filter_map(|_| counts.next()).collect::<Vec<_>>();
    let units: Vec<StageRow> = regions
        .iter()
        .map(|r| StageRow {
            name: r.name.to_string(),
            kind: Some(r.kind),
            kind_name: reference.regions.kinds.name(r.kind).to_string(),
            stages: four(),
        })
        .collect();
    let county = StageRow {
        name: "合计".to_string(),
        kind: None,
        kind_name: String::new(),
        stages: four(),
    };
    let months = county_by_month(facts, month)?;
    let (this_year, last_year) = (
        months.column("this_year")?.f64()?,
        months.column("last_year")?.f64()?,
    );
    let mut pairs = (0..months.height()).map(|i| (this_year.get(i), last_year.get(i)));
    let by_month = (1..=month.month)
        .map(|m| (m, (0..4).filter_map(|_| pairs.next()).collect()))
        .collect();
    Ok(StageFigures {
        month,
        units,
        county,
        by_month,
    })
}
