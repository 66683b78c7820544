//! The monthly trend: the county's months 1..N this year against the same
//! months last year, for each indicator, month by month and cumulative.

use crate::foundation::formulas::yoy_percent;
use crate::foundation::model::{Indicator, YearMonth};
use anyhow::Result;
use polars::prelude::*;
use std::collections::HashMap;

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

/// Sums the facts frame (facts_frame.rs) by year, month and indicator once, and lays them out as
/// months 1..N of the report year and the year before.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn monthly_trend(facts: &DataFrame, month: YearMonth) -> Result<Trend> {
    let sums = facts
        .clone()
        .lazy()
        .filter(
            col("month").lt_eq(lit(month.month)).and(
                col("year")
                    .eq(lit(month.year))
                    .or(col("year").eq(lit(month.year - 1))),
            ),
        )
        .group_by([col("year"), col("month"), col("indicator")])
        .agg([col("amount").sum()])
        .collect()
        .map_err(|e| anyhow::anyhow!("月度趋势计算失败：{e}"))?;
    let years = sums.column("year")?.i32()?;
    let months = sums.column("month")?.u32()?;
    let indicators = sums.column("indicator")?.str()?;
    let amounts = sums.column("amount")?.f64()?;
    let mut by: HashMap<(i32, u32, &str), f64> = HashMap::new();
    for i in 0..sums.height() {
        if let (Some(y), Some(m), Some(k), Some(a)) = (
            years.get(i),
            months.get(i),
            indicators.get(i),
            amounts.get(i),
        ) {
            by.insert((y, m, k), a);
        }
    }
    let series = Indicator::BULLETIN
        .iter()
        .map(|&indicator| {
            let (mut ytd, mut last_ytd) = (0.0, 0.0);
            let points = (1..=month.month)
                .map(|m| {
                    let get = |y| by.get(&(y, m, indicator.key())).copied().unwrap_or(0.0);
                    let (this_year, last_year) = (get(month.year), get(month.year - 1));
                    ytd += this_year;
                    last_ytd += last_year;
                    TrendPoint {
                        this_year,
                        last_year,
                        ytd,
                        last_ytd,
                        yoy: yoy_percent(ytd, last_ytd),
                    }
                })
                .collect();
            (indicator, points)
        })
        .collect();
    Ok(Trend { month, series })
}
