//! A contest period's figures as one polars query over the facts frame:
//! each unit's sum of every measure over the period's months and over the
//! same months a year earlier (招商引资总额 in 万元 from the `wan_yuan`
//! column, unknown once an amount had no rate; the bulletin's indicators as
//! they are), 同比 and the rank within the kind as expressions, then the
//! county's line. contest.rs lays it out.

use super::formula_exprs::{left_join_in_order, rank_desc, sum_known, total_known, yoy};
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::period::ContestPeriod;
use anyhow::{anyhow, Result};
use polars::prelude::*;

/// One unit of the contest table: its name and its kind's position.
pub struct ContestSlot<'a> {
    pub name: &'a str,
    pub kind: u8,
}

/// Which line of the result a row is.
pub const UNIT: &str = "unit";
pub const COUNTY: &str = "county";

/// The facts with their month as a running index (year × 12 + month − 1).
fn indexed(facts: &DataFrame) -> LazyFrame {
    facts.clone().lazy().with_column(
        (col("year") * lit(12) + col("month").cast(DataType::Int32) - lit(1)).alias("index"),
    )
}

/// Whether a fact's month is in `from..=to` (running indexes).
fn within(from: i32, to: i32) -> Expr {
    col("index")
        .gt_eq(lit(from))
        .and(col("index").lt_eq(lit(to)))
}

/// Each fact once per measure it counts in: `slot` 0 for 招商引资总额 (the
/// `attracted` indicators, valued in 万元), 1.. for `indicators`.
fn measured(
    facts: &DataFrame,
    attracted: &[Indicator],
    indicators: &[Indicator],
) -> Result<LazyFrame> {
    let pairs: Vec<(&str, u32, bool)> = (attracted.iter().map(|i| (i.key(), 0, true)))
        .chain((indicators.iter().enumerate()).map(|(k, i)| (i.key(), k as u32 + 1, false)))
        .collect();
    let measures = DataFrame::new_infer_height(vec![
        Column::new(
            "indicator".into(),
            pairs.iter().map(|p| p.0).collect::<Vec<_>>(),
        ),
        Column::new("slot".into(), pairs.iter().map(|p| p.1).collect::<Vec<_>>()),
        Column::new(
            "in_rmb".into(),
            pairs.iter().map(|p| p.2).collect::<Vec<_>>(),
        ),
    ])?;
    Ok(indexed(facts)
        .join(
            measures.lazy(),
            [col("indicator")],
            [col("indicator")],
            JoinArgs::new(JoinType::Inner),
        )
        .with_column(
            when(col("in_rmb"))
                .then(col("wan_yuan"))
                .otherwise(col("amount"))
                .alias("value"),
        ))
}

/// Every unit's line per measure slot, then the county's: columns level,
/// unit, slot, ytd (the period), last_ytd (a year earlier), yoy, rank.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn contest_lines(
    facts: &DataFrame,
    units: &[ContestSlot],
    period: ContestPeriod,
    attracted: &[Indicator],
    indicators: &[Indicator],
) -> Result<DataFrame> {
    let (from, to) = (period.from.index(), period.to.index());
    let sums = measured(facts, attracted, indicators)?
        .group_by([col("unit"), col("slot")])
        .agg([
            sum_known(within(from, to), "value").alias("ytd"),
            sum_known(within(from - 12, to - 12), "value").alias("last_ytd"),
        ])
        .with_column(lit(true).alias("has_sums"));
    let slots = indicators.len() as u32 + 1;
    let cells = || (units.iter()).flat_map(|u| (0..slots).map(move |slot| (u, slot)));
    let grid = DataFrame::new_infer_height(vec![
        Column::new(
            "unit".into(),
            cells().map(|(u, _)| u.name).collect::<Vec<_>>(),
        ),
        Column::new(
            "kind".into(),
            cells().map(|(u, _)| u32::from(u.kind)).collect::<Vec<_>>(),
        ),
        Column::new("slot".into(), cells().map(|(_, s)| s).collect::<Vec<_>>()),
    ])?;
    let join = left_join_in_order();
    // A unit without facts of a measure has 0; a null from the sums stays null.
    let filled = |c: &str| {
        when(col("has_sums").fill_null(lit(false)))
            .then(col(c))
            .otherwise(lit(0.0))
            .alias(c)
    };
    let lines = grid
        .lazy()
        .join(
            sums,
            [col("unit"), col("slot")],
            [col("unit"), col("slot")],
            join,
        )
        .with_columns([filled("ytd"), filled("last_ytd")])
        .with_columns([
            yoy(),
            rank_desc("ytd", &["kind", "slot"])?,
            lit(UNIT).alias("level"),
        ]);
    let county = lines
        .clone()
        .group_by_stable([col("slot")])
        .agg([total_known("ytd"), total_known("last_ytd")])
        .with_columns([
            yoy(),
            lit(NULL).cast(IDX_DTYPE).alias("rank"),
            lit(COUNTY).alias("level"),
            lit(NULL).cast(DataType::String).alias("unit"),
        ]);
    let columns = || ["level", "unit", "slot", "ytd", "last_ytd", "yoy", "rank"].map(col);
    concat(
        [lines.select(columns()), county.select(columns())],
        UnionArgs::default(),
    )?
    .collect()
    .map_err(|e| anyhow!("竞赛汇总计算失败：{e}"))
}

/// The months of the period and a year earlier with an amount of the
/// `attracted` indicators but no USD rate, in order.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn contest_months_without_rate(
    facts: &DataFrame,
    period: ContestPeriod,
    attracted: &[Indicator],
) -> Result<Vec<YearMonth>> {
    let (from, to) = (period.from.index(), period.to.index());
    let missing = measured(facts, attracted, &[])?
        .filter(
            col("value")
                .is_null()
                .and(within(from, to).or(within(from - 12, to - 12))),
        )
        .select([col("index")])
        .collect()
        .map_err(|e| anyhow!("汇率检查失败：{e}"))?;
    let index = missing.column("index")?.i32()?;
    let mut found: Vec<YearMonth> = (0..missing.height())
        .filter_map(|i| YearMonth::from_index(index.get(i)?))
        .collect();
    found.sort();
    found.dedup();
    Ok(found)
}
