//! Facts → one row per unit and indicator with 本月, 累计 and 去年同期, summed
//! once over the concatenated facts with polars.

use crate::foundation::fact::Fact;
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::unit_id::UnitId;
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

/// Sums the facts by (unit, indicator) for report month `month`: 本月 is
/// `month` itself, 累计 months 1..N of its year, 去年同期 months 1..N of the year before.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn sum_by_unit_indicator(
    facts: &[Fact],
    month: YearMonth,
) -> Result<HashMap<(UnitId, Indicator), PeriodSums>> {
    let sums = sum_by_key(facts, month, |f| Some(f.unit.to_string()))?;
    Ok(sums
        .into_iter()
        .map(|((unit, indicator), s)| ((UnitId::from(unit), indicator), s))
        .collect())
}

/// As [`sum_by_unit_indicator`], grouping by `key` of each fact instead of
/// its unit (a source, an industry section …); facts without a key are left out.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn sum_by_key(
    facts: &[Fact],
    month: YearMonth,
    key: impl Fn(&Fact) -> Option<String>,
) -> Result<HashMap<(String, Indicator), PeriodSums>> {
    let keys: Vec<Option<String>> = facts.iter().map(&key).collect();
    let frame = facts_frame(facts)?
        .lazy()
        .with_column(lit(Series::new("key".into(), keys)).alias("key"))
        .filter(col("key").is_not_null());
    let this_year = col("year").eq(lit(month.year));
    let last_year = col("year").eq(lit(month.year - 1));
    let in_ytd = col("month").lt_eq(lit(month.month));
    let sum_where = |cond: Expr, name: &str| {
        when(cond)
            .then(col("amount"))
            .otherwise(lit(0.0))
            .sum()
            .alias(name)
    };
    let sums = frame
        .filter(in_ytd.clone().and(this_year.clone().or(last_year.clone())))
        .group_by([col("key"), col("indicator")])
        .agg([
            sum_where(
                this_year.clone().and(col("month").eq(lit(month.month))),
                "this_month",
            ),
            sum_where(this_year, "ytd"),
            sum_where(last_year, "last_ytd"),
        ])
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

/// The facts as one table: unit, year, month, indicator key, canonical amount.
pub fn facts_frame(facts: &[Fact]) -> Result<DataFrame> {
    let frame = DataFrame::new_infer_height(vec![
        Column::new(
            "unit".into(),
            facts.iter().map(|f| f.unit.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "year".into(),
            facts.iter().map(|f| f.period.year).collect::<Vec<_>>(),
        ),
        Column::new(
            "month".into(),
            facts.iter().map(|f| f.period.month).collect::<Vec<_>>(),
        ),
        Column::new(
            "indicator".into(),
            facts.iter().map(|f| f.indicator.key()).collect::<Vec<_>>(),
        ),
        Column::new(
            "amount".into(),
            facts.iter().map(|f| f.amount).collect::<Vec<_>>(),
        ),
    ])?;
    Ok(frame)
}
