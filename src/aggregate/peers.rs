//! Our county among the prefecture's counties: for each indicator of the
//! month's bulletin, every county's 累计, 去年同期, 同比%, 完成%, its rank by
//! 累计 and by 同比%, the gap to the leader and to the county just above, and
//! its share of the prefecture; and our rank month by month, this year
//! against last. Our row shows our own figures (the units' submissions) or,
//! as settings choose ([peers] our_figure), the prefecture's; the other is
//! kept beside it for the note, and the ranks and gaps follow the choice.

use super::formula_exprs::left_join_in_order;
use crate::config::OurFigure;
use crate::foundation::formulas::{completion_percent, ranks_desc, share_percent, yoy_percent};
use crate::foundation::model::{Indicator, YearMonth};
use crate::normalize::peer_bulletin::{PeerBulletin, PeerFigure};
use crate::reference::peers::Peers;
use crate::reference::Reference;
use anyhow::Result;
use polars::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::audit::peers::{OwnFigure, OwnFigures};

/// Our 累计 for every month of `months` (last year's and this year's up to
/// the report month), summed from the facts frame by one polars query: the
/// county's monthly sums on a year × month × indicator grid, run up by
/// `cum_sum` within each year and indicator. 去年同期 only where its year's
/// facts were read (this year's months).
///
/// # Errors
///
/// When polars fails, which would be a bug.
pub fn own_figures(
    facts: &DataFrame,
    reference: &Reference,
    months: &[YearMonth],
    report: YearMonth,
) -> Result<OwnFigures> {
    // 去年同期 is ours only where last year's submissions were read at all.
    let years = facts.column("year")?.i32()?;
    let last_year_on_hand = (0..years.len()).any(|i| years.get(i) == Some(report.year - 1));
    let ytd = county_ytd(facts, months)?;
    let mut out = OwnFigures::new();
    for &month in months {
        let mut by_indicator = BTreeMap::new();
        for indicator in Indicator::ALL {
            let at = |year: i32| ytd.get(&(year, month.month, indicator)).copied();
            let targets: Vec<f64> = reference
                .regions
                .list
                .iter()
                .filter_map(|r| reference.targets.get(month.year, &r.name, indicator))
                .collect();
            by_indicator.insert(
                indicator,
                OwnFigure {
                    ytd: at(month.year).unwrap_or(0.0),
                    last_ytd: (month.year == report.year && last_year_on_hand)
                        .then(|| at(month.year - 1).unwrap_or(0.0)),
                    target: (!targets.is_empty()).then(|| targets.iter().sum()),
                },
            );
        }
        out.insert(month, by_indicator);
    }
    Ok(out)
}

/// The county's 累计 at every (year, month, indicator) of the years of
/// `months` and the years before them.
fn county_ytd(
    facts: &DataFrame,
    months: &[YearMonth],
) -> Result<HashMap<(i32, u32, Indicator), f64>> {
    let years: BTreeSet<i32> = months.iter().flat_map(|m| [m.year - 1, m.year]).collect();
    let cells = || {
        years.iter().flat_map(|&y| {
            (1..=12u32).flat_map(move |m| Indicator::ALL.into_iter().map(move |i| (y, m, i.key())))
        })
    };
    let grid = DataFrame::new_infer_height(vec![
        Column::new("year".into(), cells().map(|c| c.0).collect::<Vec<_>>()),
        Column::new("month".into(), cells().map(|c| c.1).collect::<Vec<_>>()),
        Column::new("indicator".into(), cells().map(|c| c.2).collect::<Vec<_>>()),
    ])?;
    let on = || [col("year"), col("month"), col("indicator")];
    let monthly = (facts.clone().lazy())
        .group_by(on())
        .agg([col("amount").sum()]);
    let result = grid
        .lazy()
        .join(monthly, on(), on(), left_join_in_order())
        .with_column(
            col("amount")
                .fill_null(lit(0.0))
                .cum_sum(false)
                .over([col("year"), col("indicator")])?
                .alias("ytd"),
        )
        .collect()
        .map_err(|e| anyhow::anyhow!("本县累计计算失败：{e}"))?;
    let (year, month) = (
        result.column("year")?.i32()?,
        result.column("month")?.u32()?,
    );
    let (indicator, ytd) = (
        result.column("indicator")?.str()?,
        result.column("ytd")?.f64()?,
    );
    let mut out = HashMap::new();
    for i in 0..result.height() {
        let (Some(y), Some(m), Some(key), Some(v)) =
            (year.get(i), month.get(i), indicator.get(i), ytd.get(i))
        else {
            continue;
        };
        if let Some(indicator) = Indicator::ALL.into_iter().find(|x| x.key() == key) {
            out.insert((y, m, indicator), v);
        }
    }
    Ok(out)
}

/// One county in the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerRow {
    pub county: String,
    pub own: bool,
    pub cumulative: Option<f64>,
    pub last_year: Option<f64>,
    /// 去年同期 worked out from 累计 and 同比% (the bulletin did not give it).
    pub last_year_derived: bool,
    pub yoy: Option<f64>,
    pub plan: Option<f64>,
    pub completion: Option<f64>,
    pub rank: Option<u32>,
    pub yoy_rank: Option<u32>,
    pub gap_to_leader: Option<f64>,
    pub gap_to_above: Option<f64>,
    pub share: Option<f64>,
    /// Our row only: the bulletin's own figure for us, when it lists us.
    pub published: Option<PeerFigure>,
    /// Our row only: our 累计 summed from the units' submissions, when we have it.
    pub summed: Option<f64>,
    /// Our row only: whose 累计 the row shows (the prefecture's only where it gives one).
    pub shown: OurFigure,
}

/// One indicator: the counties by rank.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorComparison {
    pub indicator: Indicator,
    /// The unit the bulletin writes it in ("亿美元").
    pub written_unit: String,
    pub rows: Vec<PeerRow>,
    /// The prefecture's total: its 合计 row, else the counties added up.
    pub total: Option<f64>,
    pub total_published: bool,
}

impl IndicatorComparison {
    pub fn own(&self) -> Option<&PeerRow> {
        self.rows.iter().find(|r| r.own)
    }

    pub fn ranked(&self) -> usize {
        self.rows.iter().filter(|r| r.rank.is_some()).count()
    }
}

/// The month's comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerComparison {
    pub month: YearMonth,
    pub file: String,
    pub indicators: Vec<IndicatorComparison>,
}

/// Our rank by 累计 month by month: index 0 is January.
#[derive(Clone, Debug, PartialEq)]
pub struct RankHistory {
    pub indicator: Indicator,
    pub this_year: [Option<u32>; 12],
    pub last_year: [Option<u32>; 12],
}

/// Everything the peer workbook shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerFigures {
    pub month: YearMonth,
    /// Whose 累计 our row shows, as settings chose.
    pub our_figure: OurFigure,
    pub comparison: Option<PeerComparison>,
    pub history: Vec<RankHistory>,
}

/// The comparison for `month` from the usable bulletins, and the rank history.
pub fn figures_of_peers(
    bulletins: &[PeerBulletin],
    peers: &Peers,
    own: &OwnFigures,
    month: YearMonth,
    choice: OurFigure,
) -> PeerFigures {
    let usable: Vec<&PeerBulletin> = bulletins.iter().filter(|b| b.usable()).collect();
    let comparison = usable
        .iter()
        .find(|b| b.month == Some(month))
        .map(|b| compare(b, month, peers, own.get(&month), choice));
    let mut indicators: Vec<Indicator> = vec![Indicator::RegisteredFdi, Indicator::ArrivedFdi];
    for b in &usable {
        for spec in &b.indicators {
            if !indicators.contains(&spec.indicator) {
                indicators.push(spec.indicator);
            }
        }
    }
    let history = indicators
        .into_iter()
        .filter(|&i| usable.iter().any(|b| b.indicator(i).is_some()))
        .map(|indicator| {
            let mut h = RankHistory {
                indicator,
                this_year: [None; 12],
                last_year: [None; 12],
            };
            for b in &usable {
                let Some(m) = b.month.filter(|m| *m <= month) else {
                    continue;
                };
                let slot = match m.year {
                    y if y == month.year => &mut h.this_year,
                    y if y == month.year - 1 => &mut h.last_year,
                    _ => continue,
                };
                let table = compare(b, m, peers, own.get(&m), choice);
                slot[m.month as usize - 1] = table
                    .indicators
                    .iter()
                    .find(|c| c.indicator == indicator)
                    .and_then(|c| c.own())
                    .and_then(|r| r.rank);
            }
            h
        })
        .collect();
    PeerFigures {
        month,
        our_figure: choice,
        comparison,
        history,
    }
}

/// One bulletin's comparison, our row from `own` where we have it.
fn compare(
    bulletin: &PeerBulletin,
    month: YearMonth,
    peers: &Peers,
    own: Option<&BTreeMap<Indicator, OwnFigure>>,
    choice: OurFigure,
) -> PeerComparison {
    let indicators = bulletin
        .indicators
        .iter()
        .map(|spec| {
            let i = spec.indicator;
            let mut rows: Vec<PeerRow> = bulletin
                .lines
                .iter()
                .map(|line| {
                    let f = line.figures.get(&i).copied().unwrap_or_default();
                    let is_own = line.county == peers.own();
                    let mut row = row_of(peers.name(line.county), &f);
                    if is_own {
                        let ours = own.and_then(|o| o.get(&i));
                        // The prefecture's only where it gives our 累计.
                        let theirs = choice == OurFigure::Prefecture && f.cumulative.is_some();
                        match (theirs, ours) {
                            (true, _) => row.shown = OurFigure::Prefecture,
                            (false, Some(o)) => {
                                row = own_row(peers.name(line.county), o);
                                // Without our own 去年同期 or target, the prefecture's.
                                if o.last_ytd.is_none() {
                                    row.last_year = f.last_year;
                                    row.last_year_derived = f.last_year_derived;
                                    row.yoy = f.last_year.and_then(|l| yoy_percent(o.ytd, l));
                                }
                                if o.target.is_none() {
                                    row.plan = f.plan;
                                    row.completion = completion_percent(o.ytd, f.plan);
                                }
                            }
                            (false, None) => {}
                        }
                        row.own = true;
                        row.published = Some(f);
                        row.summed = ours.map(|o| o.ytd);
                    }
                    row
                })
                .collect();
            if !rows.iter().any(|r| r.own) {
                if let Some(o) = own.and_then(|o| o.get(&i)) {
                    rows.push(own_row(peers.name(peers.own()), o));
                }
            }
            let published_total = bulletin
                .total
                .as_ref()
                .and_then(|(_, t)| t.get(&i))
                .and_then(|f| f.cumulative);
            let total = published_total.or_else(|| {
                let values: Vec<f64> = rows.iter().filter_map(|r| r.cumulative).collect();
                (!values.is_empty()).then(|| values.iter().sum())
            });
            rank_rows(&mut rows, total);
            IndicatorComparison {
                indicator: i,
                written_unit: spec.unit.clone(),
                rows,
                total,
                total_published: published_total.is_some(),
            }
        })
        .collect();
    PeerComparison {
        month,
        file: bulletin.file.name.clone(),
        indicators,
    }
}

fn row_of(county: &str, f: &PeerFigure) -> PeerRow {
    PeerRow {
        county: county.to_string(),
        own: false,
        cumulative: f.cumulative,
        last_year: f.last_year,
        last_year_derived: f.last_year_derived,
        yoy: f.yoy,
        plan: f.plan,
        completion: f.completion,
        rank: None,
        yoy_rank: None,
        gap_to_leader: None,
        gap_to_above: None,
        share: None,
        published: None,
        summed: None,
        shown: OurFigure::Ours,
    }
}

fn own_row(county: &str, o: &OwnFigure) -> PeerRow {
    let figure = PeerFigure {
        cumulative: Some(o.ytd),
        last_year: o.last_ytd,
        last_year_derived: false,
        yoy: o.last_ytd.and_then(|l| yoy_percent(o.ytd, l)),
        plan: o.target,
        completion: completion_percent(o.ytd, o.target),
    };
    PeerRow {
        own: true,
        summed: Some(o.ytd),
        ..row_of(county, &figure)
    }
}

/// Ranks (ties share a rank), gaps and shares; then orders the rows by rank,
/// the unranked last in the bulletin's order.
fn rank_rows(rows: &mut [PeerRow], total: Option<f64>) {
    let values: Vec<Option<f64>> = rows.iter().map(|r| r.cumulative).collect();
    let ranks = ranks_desc(&values);
    let yoy_ranks = ranks_desc(&rows.iter().map(|r| r.yoy).collect::<Vec<_>>());
    let leader = values.iter().flatten().copied().reduce(f64::max);
    for (k, row) in rows.iter_mut().enumerate() {
        row.rank = ranks[k];
        row.yoy_rank = yoy_ranks[k];
        let Some(v) = row.cumulative else { continue };
        row.gap_to_leader = leader.map(|l| l - v);
        row.gap_to_above = values
            .iter()
            .flatten()
            .copied()
            .filter(|&o| o > v + 1e-9)
            .reduce(f64::min)
            .map(|above| above - v);
        row.share = total.and_then(|t| share_percent(v, t));
    }
    rows.sort_by_key(|r| r.rank.unwrap_or(u32::MAX));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, v: Option<f64>) -> PeerRow {
        row_of(
            name,
            &PeerFigure {
                cumulative: v,
                ..PeerFigure::default()
            },
        )
    }

    #[test]
    fn ties_share_a_rank_and_the_one_above_is_the_next_higher() {
        let mut rows = vec![
            row("甲", Some(50.0)),
            row("乙", Some(80.0)),
            row("丙", None),
            row("丁", Some(50.0)),
            row("戊", Some(20.0)),
        ];
        rank_rows(&mut rows, Some(200.0));
        let got: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.county.as_str(),
                    r.rank,
                    r.gap_to_leader,
                    r.gap_to_above,
                    r.share,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("乙", Some(1), Some(0.0), None, Some(40.0)),
                ("甲", Some(2), Some(30.0), Some(30.0), Some(25.0)),
                ("丁", Some(2), Some(30.0), Some(30.0), Some(25.0)),
                ("戊", Some(4), Some(60.0), Some(30.0), Some(10.0)),
                ("丙", None, None, None, None),
            ]
        );
    }
}
