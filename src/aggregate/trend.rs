//! The monthly trend: the county's months 1..N this year against the same
//! months last year, for each indicator, month by month and cumulative.

use super::formula_exprs::{left_join_in_order, yoy};
use crate::foundation::model::{Indicator, YearMonth};
use anyhow::Result;
use polars::prelude::*;

/// One month of one indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TrendPoint {
    pub this_year: f64,
    pub last_year: f64,
    pub ytd: f64,
    pub last_ytd: f64,
    /// 同比% of the cumulative figures.
    pub yoy: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    pub month: YearMonth,
    /// For each of [`Indicator::BULLETIN`], months 1..N in order.
    pub series: Vec<(Indicator, Vec<TrendPoint>)>,
}

/// Sums the facts frame (facts_frame.rs) by year, month and indicator once,
/// and lays them out as months 1..N of the report year beside the same
/// months of the year before, with the running 累计 (`cum_sum` over each
/// indicator's months) and its 同比, in one polars query.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn monthly_trend(facts: &DataFrame, month: YearMonth) -> Result<Trend> {
    let sums = |year: i32, name: &str| {
        (facts.clone().lazy())
            .filter(col("year").eq(lit(year)))
            .group_by([col("month"), col("indicator")])
            .agg([col("amount").sum().alias(name)])
    };
    let cells =
        || (Indicator::BULLETIN.iter()).flat_map(|i| (1..=month.month).map(move |m| (i.key(), m)));
    let grid = DataFrame::new_infer_height(vec![
        Column::new("indicator".into(), cells().map(|c| c.0).collect::<Vec<_>>()),
        Column::new("month".into(), cells().map(|c| c.1).collect::<Vec<_>>()),
    ])?;
    let join = left_join_in_order;
    let on = || [col("month"), col("indicator")];
    let running = |c: &str, name: &str| {
        col(c)
            .cum_sum(false)
            .over([col("indicator")])
            .map(|e| e.alias(name))
    };
    let points = grid
        .lazy()
        .join(sums(month.year, "this_year"), on(), on(), join())
        .join(sums(month.year - 1, "last_year"), on(), on(), join())
        .with_columns([
            col("this_year").fill_null(lit(0.0)),
            col("last_year").fill_null(lit(0.0)),
        ])
        .with_columns([
            running("this_year", "ytd")?,
            running("last_year", "last_ytd")?,
        ])
        .with_column(yoy())
        .collect()
        .map_err(|e| anyhow::anyhow!("月度趋势计算失败：{e}"))?;
    let number = |name: &str| points.column(name).and_then(|c| c.f64());
    let (this_year, last_year) = (number("this_year")?, number("last_year")?);
    let (ytd, last_ytd, yoy) = (number("ytd")?, number("last_ytd")?, number("yoy")?);
    // The grid's rows are in the order of its cells: indicator, then month.
    let mut row = 0..points.height();
    let series = Indicator::BULLETIN
        .iter()
        .map(|&indicator| {
            let points = (1..=month.month)
                .filter_map(|_| row.next())
                .map(|i| TrendPoint {
                    this_year: this_year.get(i).unwrap_or(0.0),
                    last_year: last_year.get(i).unwrap_or(0.0),
                    ytd: ytd.get(i).unwrap_or(0.0),
                    last_ytd: last_ytd.get(i).unwrap_or(0.0),
                    yoy: yoy.get(i),
                })
                .collect();
            (indicator, points)
        })
        .collect();
    Ok(Trend { month, series })
}
