//! A breakdown's figures as one polars query over the facts frame: each
//! item's 本月, 累计 and 去年同期 per indicator, the items with nothing in
//! any period left out, then each group's, the 其中 row's and the total's
//! sums, with 同比% and 占比% (of the total) as expressions, collected at once.
//! breakdown.rs puts the rows in order.

use super::formula_exprs::{left_join_in_order, share_of, yoy};
use super::sums::{measure_key, period_sums};
use crate::foundation::model::{Indicator, Measure, YearMonth};
use anyhow::{anyhow, Result};
use polars::prelude::*;

/// The level of a line of the result.
pub const TOTAL: &str = "total";
pub const OF_WHICH: &str = "of_which";
pub const GROUP: &str = "group";
pub const ITEM: &str = "item";

/// Which facts a breakdown sums, and by which column of the facts frame
/// (facts_frame.rs): `key` of the facts of `measure`, for report month `month`.
pub struct Keyed<'a> {
    pub facts: &'a DataFrame,
    pub month: YearMonth,
    pub key: &'a str,
    pub measure: Measure,
}

/// Every item of `items` (key, group) with every indicator's slot (its
/// column in the breakdown), and whether the item counts in the 其中 row.
fn item_grid(
    items: &[(String, String)],
    indicators: &[Indicator],
    members: &[String],
) -> Result<DataFrame> {
    let cells = || {
        items.iter().flat_map(|item| {
            (indicators.iter().enumerate()).map(move |(slot, indicator)| (item, slot, indicator))
        })
    };
    let frame = DataFrame::new_infer_height(vec![
        Column::new(
            "key".into(),
            cells().map(|((k, _), _, _)| k.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "group".into(),
            cells().map(|((_, g), _, _)| g.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "slot".into(),
            cells().map(|(_, s, _)| s as u32).collect::<Vec<_>>(),
        ),
        Column::new(
            "indicator".into(),
            cells().map(|(_, _, i)| i.key()).collect::<Vec<_>>(),
        ),
        Column::new(
            "member".into(),
            cells()
                .map(|((k, _), _, _)| members.contains(k))
                .collect::<Vec<_>>(),
        ),
    ])?;
    Ok(frame)
}

/// The sums of `lines` grouped `by` (slot and more), as lines of `level`
/// named by `name`.
fn sums_of(lines: LazyFrame, by: &[&str], level: &str, name: Expr) -> LazyFrame {
    lines
        .group_by_stable(by.iter().map(|c| col(*c)).collect::<Vec<_>>())
        .agg([
            col("this_month").sum(),
            col("ytd").sum(),
            col("last_ytd").sum(),
            col("total_ytd").first(),
        ])
        .with_columns([lit(level).alias("level"), name.alias("name")])
}

/// The result's columns, in one order for every level.
fn result_columns() -> [Expr; 8] {
    [
        col("level"),
        col("name").cast(DataType::String),
        col("slot"),
        col("this_month"),
        col("ytd"),
        col("last_ytd"),
        yoy(),
        share_of("total_ytd"),
    ]
}

/// One line per (level, name, slot): the items present, the groups, the
/// total and, when `members` is not empty, the 其中 row.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn breakdown_query(
    keyed: &Keyed,
    indicators: &[Indicator],
    items: &[(String, String)],
    members: &[String],
) -> Result<DataFrame> {
    let facts = (keyed.facts.clone().lazy())
        .filter(col("measure").eq(lit(measure_key(keyed.measure))))
        .with_column(col(keyed.key).alias("key"));
    let join = left_join_in_order();
    let zero = |c: &str| col(c).fill_null(lit(0.0));
    let nonzero = col("this_month")
        .neq(lit(0.0))
        .or(col("ytd").neq(lit(0.0)))
        .or(col("last_ytd").neq(lit(0.0)));
    let grid = item_grid(items, indicators, members)?
        .lazy()
        .join(
            period_sums(facts, keyed.month),
            [col("key"), col("indicator")],
            [col("key"), col("indicator")],
            join,
        )
        .with_columns([zero("this_month"), zero("ytd"), zero("last_ytd")]);
    let present = grid
        .clone()
        .filter(nonzero.any(true).over([col("key")])?)
        .with_column(col("ytd").sum().over([col("slot")])?.alias("total_ytd"));
    let totals = present
        .clone()
        .select([col("slot"), col("total_ytd")])
        .unique_stable(None, UniqueKeepStrategy::First);
    // The 其中 row counts its members whether or not they are present.
    let of_which = grid.filter(col("member")).join(
        totals,
        [col("slot")],
        [col("slot")],
        JoinArgs::new(JoinType::Left),
    );
    let mut parts = vec![
        sums_of(present.clone(), &["slot"], TOTAL, lit("")),
        sums_of(present.clone(), &["group", "slot"], GROUP, col("group")),
        present.with_columns([lit(ITEM).alias("level"), col("key").alias("name")]),
    ];
    if !members.is_empty() {
        parts.push(sums_of(of_which, &["slot"], OF_WHICH, lit("")));
    }
    let parts: Vec<LazyFrame> = parts
        .into_iter()
        .map(|p| p.select(result_columns()))
        .collect();
    concat(parts, UnionArgs::default())?
        .collect()
        .map_err(|e| anyhow!("分类汇总计算失败：{e}"))
}
