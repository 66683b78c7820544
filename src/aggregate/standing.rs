//! The numbers the overview's and the 通报's sentences state, worked out once
//! here so that report/ only lays them out: per kind of unit who is behind
//! (脱幅, 双脱幅), who has a 黄牌, who has not broken zero; the three units
//! furthest ahead on each indicator; the 资金到位率; the top source.

use super::breakdown::LineKind;
use super::by_source::{SourceFigures, UNSTATED};
use super::region::{Figure, RegionFigures, RegionRow};
use crate::foundation::fact::UNVERIFIED;
use crate::foundation::formulas::arrival_rate;
use crate::foundation::model::{Indicator, PerIndicator, UnitKind, YearMonth};

/// One kind of unit's standing.
#[derive(Clone, Debug, PartialEq)]
pub struct KindStanding {
    pub kind: UnitKind,
    /// 开发区, 镇, 部门 …
    pub name: String,
    /// The word for one member in sentences.
    pub member: String,
    /// For each of [`Indicator::BULLETIN`], the units behind the calendar with
    /// their 脱幅 in percentage points, in the bulletin's order.
    pub behind: PerIndicator<Vec<(String, f64)>>,
    /// 双脱幅.
    pub double: Vec<String>,
    /// For each of [`Indicator::BULLETIN`], the units with a 黄牌 and their 完成%.
    pub yellow: PerIndicator<Vec<(String, f64)>>,
    /// For each of [`Indicator::BULLETIN`], the units whose 累计 is 0.
    pub zero: PerIndicator<Vec<String>>,
    /// The units whose 累计 is 0 on every indicator of `Standing::zero_on`.
    pub zero_on_all: Vec<String>,
}

/// The largest source of one indicator this year.
#[derive(Clone, Debug, PartialEq)]
pub struct TopSource {
    pub indicator: Indicator,
    /// As the source table names it (中国香港).
    pub name: String,
    pub ytd: f64,
    pub yoy: Option<f64>,
    /// Of the county's 累计, percent.
    pub share: Option<f64>,
}

/// Everything the sentences state.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub month: YearMonth,
    /// 时序进度 in percent.
    pub progress: f64,
    pub yellow_card_ratio: f64,
    /// The county's row.
    pub county: PerIndicator<Figure>,
    /// 资金到位率 (到帐外资 ÷ 合同外资), percent.
    pub arrival_rate: Option<f64>,
    /// The kinds that have units, in the bulletin's order.
    pub kinds: Vec<KindStanding>,
    /// For each of [`Indicator::BULLETIN`], the three units with the highest
    /// 完成% (all kinds together; ties keep the bulletin's order).
    pub top_three: PerIndicator<Vec<(String, f64)>>,
    /// The indicators a unit must have nothing on to count as 未破零.
    pub zero_on: Vec<Indicator>,
    /// The largest source of `contracted_fdi` (the indicator the speeches
    /// rank by), else of `registered_fdi`; `None` when no source has any.
    pub top_source: Option<TopSource>,
}

/// Works out the standing from the by-region and by-source figures.
/// `zero_on`: the indicators on which a unit with nothing at all is 未破零.
pub fn standing(
    regions: &RegionFigures,
    sources: &SourceFigures,
    yellow_card_ratio: f64,
    zero_on: &[Indicator],
) -> Standing {
    let county = regions.county();
    let kinds = regions
        .kinds_present()
        .into_iter()
        .map(|kind| {
            let units: Vec<&RegionRow> = regions.units_of(kind).collect();
            let listed = |pick: &dyn Fn(&RegionRow, Indicator) -> Option<f64>| {
                PerIndicator::from_fn(|i| {
                    units
                        .iter()
                        .filter_map(|r| Some((r.name.clone(), pick(r, i)?)))
                        .collect::<Vec<_>>()
                })
            };
            KindStanding {
                kind,
                name: regions.kinds.name(kind).to_string(),
                member: regions.kinds.member(kind).to_string(),
                behind: listed(&|r, i| {
                    r.shortfall
                        .contains(&i)
                        .then(|| r.figures[i].gap.map(|g| -g))
                        .flatten()
                }),
                double: names_where(&units, |r| r.double_shortfall),
                yellow: listed(&|r, i| {
                    r.yellow_card
                        .contains(&i)
                        .then_some(r.figures[i].completion)
                        .flatten()
                }),
                zero: PerIndicator::from_fn(|i| {
                    names_where(&units, |r| r.not_broken_zero.contains(&i))
                }),
                zero_on_all: names_where(&units, |r| {
                    zero_on.iter().all(|i| r.not_broken_zero.contains(i))
                }),
            }
        })
        .collect();
    let top_three = PerIndicator::from_fn(|i| {
        let mut ranked: Vec<(String, f64)> = regions
            .units()
            .filter_map(|r| Some((r.name.clone(), r.figures[i].completion?)))
            .collect();
        // A stable sort: ties keep the bulletin's order.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranked.truncate(3);
        ranked
    });
    Standing {
        month: regions.month,
        progress: regions.progress,
        yellow_card_ratio,
        county: county.figures,
        arrival_rate: arrival_rate(
            county.figures[Indicator::ArrivedFdi].ytd,
            county.figures[Indicator::ContractedFdi].ytd,
        ),
        kinds,
        top_three,
        zero_on: zero_on.to_vec(),
        top_source: [Indicator::ContractedFdi, Indicator::RegisteredFdi]
            .into_iter()
            .find_map(|i| top_source(sources, i)),
    }
}

fn names_where(units: &[&RegionRow], keep: impl Fn(&RegionRow) -> bool) -> Vec<String> {
    units
        .iter()
        .filter(|r| keep(r))
        .map(|r| r.name.clone())
        .collect()
}

/// The source item with the largest positive 累计 of `indicator`, leaving out
/// 未注明来源地 and 待核实 (not sources).
fn top_source(sources: &SourceFigures, indicator: Indicator) -> Option<TopSource> {
    let table = &sources.foreign;
    table
        .rows
        .iter()
        .filter(|r| r.kind == LineKind::Item && r.name != UNSTATED && r.name != UNVERIFIED)
        .filter_map(|r| Some((r, table.line(r, indicator)?)))
        .filter(|(_, line)| line.ytd > 0.0)
        .max_by(|a, b| a.1.ytd.total_cmp(&b.1.ytd))
        .map(|(r, line)| TopSource {
            indicator,
            name: r.name.clone(),
            ytd: line.ytd,
            yoy: line.yoy,
            share: line.share,
        })
}
