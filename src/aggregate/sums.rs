//! The facts frame → one row per unit (or source, industry …) and indicator
//! with 本月, 累计 and 去年同期, summed with polars.

use crate::foundation::model::{Indicator, Measure, YearMonth};
use anyhow::Result;
use polars::prelude::*;
use std::collections::HashMap;

/// The three sums the bulletin starts from, for one unit and indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PeriodSums {
    pub this_month: f64,
    pub ytd: f64,
    pub last_ytd: f64,
}

/// The name of a measure in the facts frame's `measure` column.
pub fn measure_key(measure: Measure) -> &'static str {
    match measure {
        Measure::Foreign => "foreign",
        Measure::Domestic => "domestic",
        Measure::Count => "count",
    }
}

/// 本月, 累计 and 去年同期 of every `key` and indicator for report month
/// `month`: 本月 is `month` itself, 累计 months 1..N of its year, 去年同期
/// months 1..N of the year before.
pub fn period_sums(facts: LazyFrame, month: YearMonth) -> LazyFrame {
    let this_year = col("year").eq(lit(month.year));
    let last_year = col("year").eq(lit(month.year - 1));
    let sum_where = |cond: Expr, name: &str| {
        when(cond)
            .then(col("amount"))
            .otherwise(lit(0.0))
            .sum()
            .alias(name)
    };
    facts
        .filter(
            col("month")
                .lt_eq(lit(month.month))
                .and(this_year.clone().or(last_year.clone())),
        )
        .group_by([col("key"), col("indicator")])
        .agg([
            sum_where(
                this_year.clone().and(col("month").eq(lit(month.month))),
                "this_month",
            ),
            sum_where(this_year, "ytd"),
            sum_where(last_year, "last_ytd"),
        ])
}

/// Sums the facts frame (facts_frame.rs) by (unit, indicator) for report month `month`.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn sum_by_unit_indicator(
    facts: &DataFrame,
    month: YearMonth,
) -> Result<HashMap<(String, Indicator), PeriodSums>> {
    sum_by_key(facts, month, "unit", None)
}

/// As [`sum_by_unit_indicator`], grouping by the frame's column `key` (a
/// source, an industry division …) instead of the unit, over the facts of
/// `measure` only where one is given.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn sum_by_key(
    facts: &DataFrame,
    month: YearMonth,
    key: &str,
    measure: Option<Measure>,
) -> Result<HashMap<(String, Indicator), PeriodSums>> {
    let mut frame = facts.clone().lazy();
    if let Some(measure) = measure {
        frame = frame.filter(col("measure").eq(lit(measure_key(measure))));
    }
    let sums = period_sums(frame.with_column(col(key).alias("key")), month)
        .collect()
        .map_err(|e| anyhow::anyhow!("汇总计算失败：{e}"))?;
    let keys = sums.column("key")?.str()?;
    let indicators = sums.column("indicator")?.str()?;
    let this_month = sums.column("this_month")?.f64()?;
    let ytd = sums.column("ytd")?.f64()?;
    let last_ytd = sums.column("last_ytd")?.f64()?;
    let mut out = HashMap::new();
    for i in 0..sums.height() {
        let (Some(key), Some(indicator)) = (keys.get(i), indicators.get(i)) else {
            continue;
        };
        let Some(indicator) = Indicator::ALL.into_iter().find(|x| x.key() == indicator) else {
            continue;
        };
        out.insert(
            (key.to_string(), indicator),
            PeriodSums {
                this_month: this_month.get(i).unwrap_or(0.0),
                ytd: ytd.get(i).unwrap_or(0.0),
                last_ytd: last_ytd.get(i).unwrap_or(0.0),
            },
        );
    }
    Ok(out)
}
