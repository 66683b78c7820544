//! Project stages as polars queries over the facts frame: each unit's and
//! the county's 本月, 累计 and 去年同期 count of every stage, a count that
//! is null (no form gave the stage column) apart from one that is 0; each
//! unit's 完成 against its target and the county's over the units with one;
//! and the county's counts month by month. stages.rs lays them out.

use super::formula_exprs::{left_join_in_order, only_if};
use crate::foundation::model::{Indicator, YearMonth};
use anyhow::{anyhow, Result};
use polars::prelude::*;

/// One unit of the stages table and its target of each of [`Indicator::STAGES`].
pub struct StageSlot<'a> {
    pub name: &'a str,
    pub targets: [Option<f64>; 4],
}

/// Which line of the result a row is.
pub const UNIT: &str = "unit";
pub const COUNTY: &str = "county";

/// The sum of `amount` over the rows where `cond` holds; null when no row does.
fn counted(cond: Expr) -> Expr {
    when(cond.clone().cast(DataType::UInt32).sum().gt(lit(0)))
        .then(when(cond).then(col("amount")).otherwise(lit(0.0)).sum())
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// The stage facts, each with its stage's slot (its place in [`Indicator::STAGES`]).
fn stage_facts(facts: &DataFrame) -> Result<LazyFrame> {
    let stages = DataFrame::new_infer_height(vec![
        Column::new(
            "indicator".into(),
            Indicator::STAGES.map(|i| i.key()).to_vec(),
        ),
        Column::new("slot".into(), (0..4u32).collect::<Vec<_>>()),
    ])?;
    Ok(facts.clone().lazy().join(
        stages.lazy(),
        [col("indicator")],
        [col("indicator")],
        JoinArgs::new(JoinType::Inner),
    ))
}

/// Every unit's line per stage, then the county's: columns level, unit,
/// slot, this_month, ytd, last_ytd, target, completion.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn stage_lines(facts: &DataFrame, units: &[StageSlot], month: YearMonth) -> Result<DataFrame> {
    let in_window = col("month").lt_eq(lit(month.month));
    let this_year = col("year").eq(lit(month.year));
    let last_year = col("year").eq(lit(month.year - 1));
    let sums = [
        counted(this_year.clone().and(col("month").eq(lit(month.month)))).alias("this_month"),
        counted(this_year.and(in_window.clone())).alias("ytd"),
        counted(last_year.and(in_window)).alias("last_ytd"),
    ];
    let cells = || {
        (units.iter()).flat_map(|u| (0..4).map(move |slot| (u.name, slot as u32, u.targets[slot])))
    };
    let grid = DataFrame::new_infer_height(vec![
        Column::new("unit".into(), cells().map(|c| c.0).collect::<Vec<_>>()),
        Column::new("slot".into(), cells().map(|c| c.1).collect::<Vec<_>>()),
        Column::new("target".into(), cells().map(|c| c.2).collect::<Vec<_>>()),
    ])?;
    let by_unit = stage_facts(facts)?
        .group_by([col("unit"), col("slot")])
        .agg(sums.clone());
    let lines = grid
        .lazy()
        .join(
            by_unit,
            [col("unit"), col("slot")],
            [col("unit"), col("slot")],
            left_join_in_order(),
        )
        .with_columns([
            only_if(
                col("target").gt(lit(0.0)),
                col("ytd") / col("target") * lit(100.0),
            )
            .alias("completion"),
            lit(UNIT).alias("level"),
        ]);
    // The county: every stage fact; 完成 over the units that have a target.
    let with_target = col("target").is_not_null();
    let targets = lines.clone().group_by_stable([col("slot")]).agg([
        only_if(
            with_target.clone().any(true),
            col("target").filter(with_target.clone()).sum(),
        )
        .alias("target"),
        col("ytd").filter(with_target).sum().alias("done"),
    ]);
    let slots = DataFrame::new_infer_height(vec![Column::new(
        "slot".into(),
        (0..4u32).collect::<Vec<_>>(),
    )])?;
    let county = slots
        .lazy()
        .join(
            stage_facts(facts)?.group_by([col("slot")]).agg(sums),
            [col("slot")],
            [col("slot")],
            left_join_in_order(),
        )
        .join(targets, [col("slot")], [col("slot")], left_join_in_order())
        .with_columns([
            only_if(
                col("target").gt(lit(0.0)),
                col("done") / col("target") * lit(100.0),
            )
            .alias("completion"),
            lit(COUNTY).alias("level"),
            lit(NULL).cast(DataType::String).alias("unit"),
        ]);
    let columns = || {
        [
            "level",
            "unit",
            "slot",
            "this_month",
            "ytd",
            "last_ytd",
            "target",
            "completion",
        ]
        .map(col)
    };
    concat(
        [lines.select(columns()), county.select(columns())],
        UnionArgs::default(),
    )?
    .collect()
    .map_err(|e| anyhow!("项目进度计算失败：{e}"))
}

/// The county's count of every stage in months 1..N of the report year and
/// of the year before: columns month, slot, this_year, last_year, in order.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn county_by_month(facts: &DataFrame, month: YearMonth) -> Result<DataFrame> {
    let cells = || (1..=month.month).flat_map(|m| (0..4u32).map(move |slot| (m, slot)));
    let grid = DataFrame::new_infer_height(vec![
        Column::new("month".into(), cells().map(|c| c.0).collect::<Vec<_>>()),
        Column::new("slot".into(), cells().map(|c| c.1).collect::<Vec<_>>()),
    ])?;
    let in_year = |year: i32, name: &str| -> Result<LazyFrame> {
        Ok(stage_facts(facts)?
            .filter(col("year").eq(lit(year)))
            .group_by([col("month"), col("slot")])
            .agg([col("amount").sum().alias(name)]))
    };
    let on = || [col("month"), col("slot")];
    grid.lazy()
        .join(
            in_year(month.year, "this_year")?,
            on(),
            on(),
            left_join_in_order(),
        )
        .join(
            in_year(month.year - 1, "last_year")?,
            on(),
            on(),
            left_join_in_order(),
        )
        .collect()
        .map_err(|e| anyhow!("项目进度月度计算失败：{e}"))
}
