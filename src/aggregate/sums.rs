//! The sums every query starts from: the facts frame → one row per key (a
//! unit, a source, an industry …) and indicator with 本月, 累计 and 去年同期.

use crate::foundation::model::{Measure, YearMonth};
use polars::prelude::*;

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
