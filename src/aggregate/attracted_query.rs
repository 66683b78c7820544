//! 招商引资总额 as one polars query over the facts frame: each unit's 本月,
//! 累计 (domestic and foreign parts) and 去年同期 in 万元 from the frame's
//! `wan_yuan` column (each foreign amount at its own month's USD rate), a
//! sum unknown (null) once one of its amounts had no rate; joined to the
//! units and their targets, with 同比, 完成 and the rank within the kind by
//! 累计 as expressions; then the county's line. attracted.rs lays it out.

use super::formula_exprs::{left_join_in_order, only_if, rank_desc, sum_known, total_known, yoy};
use super::sums::measure_key;
use crate::foundation::model::{Indicator, Measure, YearMonth};
use anyhow::{anyhow, Result};
use polars::prelude::*;

/// One unit of the sheet: its name, its kind's position, its target.
pub struct AttractedSlot<'a> {
    pub name: &'a str,
    pub kind: u8,
    pub target: Option<f64>,
}

/// The figures of a line of the result, in the result's column order.
pub const FIGURES: [&str; 8] = [
    "this_month",
    "ytd",
    "domestic_ytd",
    "foreign_ytd",
    "last_ytd",
    "yoy",
    "target",
    "completion",
];

/// Which line of the result a row is.
pub const UNIT: &str = "unit";
pub const COUNTY: &str = "county";

fn unit_grid(units: &[AttractedSlot]) -> Result<DataFrame> {
    let frame = DataFrame::new_infer_height(vec![
        Column::new(
            "unit".into(),
            units.iter().map(|u| u.name).collect::<Vec<_>>(),
        ),
        Column::new(
            "kind".into(),
            units.iter().map(|u| u32::from(u.kind)).collect::<Vec<_>>(),
        ),
        Column::new(
            "target".into(),
            units.iter().map(|u| u.target).collect::<Vec<_>>(),
        ),
    ])?;
    Ok(frame)
}

/// The facts of `parts` only.
fn of_parts(facts: LazyFrame, parts: &[Indicator]) -> Result<LazyFrame> {
    let keys: Vec<&str> = parts.iter().map(|i| i.key()).collect();
    let parts = DataFrame::new_infer_height(vec![Column::new("indicator".into(), keys)])?;
    Ok(facts.join(
        parts.lazy(),
        [col("indicator")],
        [col("indicator")],
        JoinArgs::new(JoinType::Inner),
    ))
}

/// Every unit's line and the county's, for report month `month`: columns
/// level, unit, the [`FIGURES`], rank. `facts` is the facts frame (facts_frame.rs).
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn attracted_lines(
    facts: &DataFrame,
    units: &[AttractedSlot],
    month: YearMonth,
    parts: &[Indicator],
) -> Result<DataFrame> {
    let this_year = col("year").eq(lit(month.year));
    let foreign = col("measure").eq(lit(measure_key(Measure::Foreign)));
    let sums = of_parts(facts.clone().lazy(), parts)?
        .filter(
            col("month")
                .lt_eq(lit(month.month))
                .and(this_year.clone().or(col("year").eq(lit(month.year - 1)))),
        )
        .group_by([col("unit")])
        .agg([
            sum_known(
                this_year.clone().and(col("month").eq(lit(month.month))),
                "wan_yuan",
            )
            .alias("this_month"),
            sum_known(this_year.clone().and(foreign.clone().not()), "wan_yuan")
                .alias("domestic_ytd"),
            sum_known(this_year.clone().and(foreign), "wan_yuan").alias("foreign_ytd"),
            sum_known(this_year.not(), "wan_yuan").alias("last_ytd"),
        ]);
    let join = left_join_in_order();
    let counted = ["this_month", "domestic_ytd", "foreign_ytd", "last_ytd"];
    // A unit without facts has 0 everywhere; a null from the sums stays null.
    let has_sums = col("has_sums").fill_null(lit(false));
    let lines = unit_grid(units)?
        .lazy()
        .join(
            sums.with_column(lit(true).alias("has_sums")),
            [col("unit")],
            [col("unit")],
            join,
        )
        .with_columns(counted.map(|c| {
            when(has_sums.clone())
                .then(col(c))
                .otherwise(lit(0.0))
                .alias(c)
        }))
        .with_column((col("domestic_ytd") + col("foreign_ytd")).alias("ytd"))
        .with_columns([
            yoy(),
            only_if(
                col("target").gt(lit(0.0)),
                col("ytd") / col("target") * lit(100.0),
            )
            .alias("completion"),
            rank_desc("ytd", &["kind"])?,
            lit(UNIT).alias("level"),
        ]);
    // The county: every unit's sums; its 完成 over the units that have a
    // target only (their 累计 against their targets added up).
    let with_target = col("target").is_not_null();
    let county = lines
        .clone()
        .select([
            total_known("this_month"),
            total_known("domestic_ytd"),
            total_known("foreign_ytd"),
            total_known("last_ytd"),
            only_if(
                with_target.clone().any(true),
                col("target").filter(with_target.clone()).sum(),
            )
            .alias("target"),
            when(col("ytd").filter(with_target.clone()).is_null().any(true))
                .then(lit(NULL).cast(DataType::Float64))
                .otherwise(col("ytd").filter(with_target).sum())
                .alias("ytd_with_target"),
        ])
        .with_column((col("domestic_ytd") + col("foreign_ytd")).alias("ytd"))
        .with_columns([
            yoy(),
            only_if(
                col("target").gt(lit(0.0)),
                col("ytd_with_target") / col("target") * lit(100.0),
            )
            .alias("completion"),
            lit(NULL).cast(IDX_DTYPE).alias("rank"),
            lit(COUNTY).alias("level"),
            lit(NULL).cast(DataType::String).alias("unit"),
        ]);
    let columns = || {
        (["level", "unit"].into_iter())
            .chain(FIGURES)
            .chain(["rank"])
            .map(col)
            .collect::<Vec<_>>()
    };
    concat(
        [lines.select(columns()), county.select(columns())],
        UnionArgs::default(),
    )?
    .collect()
    .map_err(|e| anyhow!("招商引资总额计算失败：{e}"))
}

/// The months of `parts`' facts in the window of `month` with a foreign
/// amount but no USD rate, in order.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn months_without_rate(
    facts: &DataFrame,
    month: YearMonth,
    parts: &[Indicator],
) -> Result<Vec<YearMonth>> {
    let missing = of_parts(facts.clone().lazy(), parts)?
        .filter(
            col("wan_yuan")
                .is_null()
                .and(col("month").lt_eq(lit(month.month)))
                .and(col("year").gt_eq(lit(month.year - 1)))
                .and(col("year").lt_eq(lit(month.year))),
        )
        .select([col("year"), col("month")])
        .collect()
        .map_err(|e| anyhow!("汇率检查失败：{e}"))?;
    let (years, months) = (
        missing.column("year")?.i32()?,
        missing.column("month")?.u32()?,
    );
    let mut found: Vec<YearMonth> = (0..missing.height())
        .filter_map(|i| YearMonth::new(years.get(i)?, months.get(i)?))
        .collect();
    found.sort();
    found.dedup();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::sums::measure_key;
    use Indicator::{ArrivedFdi, DomesticRegistered as D, RegisteredFdi as R};

    #[test]
    fn lines_worked_by_hand_with_a_month_without_rate() {
        // (unit, year, month, indicator, 万元; None: no USD rate that month).
        let rows = [
            ("A", 2026, 3, R, Some(70.0)),
            ("A", 2026, 1, D, Some(30.0)),
            ("A", 2025, 2, D, Some(20.0)),
            ("A", 2026, 3, ArrivedFdi, Some(1000.0)), // not a part
            ("B", 2026, 2, R, None),
            ("C", 2026, 3, D, Some(10.0)),
            ("C", 2025, 3, R, Some(40.0)),
        ];
        let facts = DataFrame::new_infer_height(vec![
            Column::new("unit".into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new("year".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new(
                "month".into(),
                rows.iter().map(|r| r.2 as u32).collect::<Vec<_>>(),
            ),
            Column::new(
                "indicator".into(),
                rows.iter().map(|r| r.3.key()).collect::<Vec<_>>(),
            ),
            Column::new(
                "measure".into(),
                (rows.iter())
                    .map(|r| measure_key(r.3.measure()))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "wan_yuan".into(),
                rows.iter().map(|r| r.4).collect::<Vec<_>>(),
            ),
        ])
        .unwrap();
        let slot = |name, kind, target| AttractedSlot { name, kind, target };
        let units = [
            slot("A", 0, Some(100.0)),
            slot("B", 0, None),
            slot("C", 1, Some(50.0)),
        ];
        let month = YearMonth::new(2026, 3).unwrap();
        let result = attracted_lines(&facts, &units, month, &[R, D]).unwrap();
        let column = |name: &str| -> Vec<Option<f64>> {
            let c = result
                .column(name)
                .unwrap()
                .cast(&DataType::Float64)
                .unwrap();
            let c = c.f64().unwrap();
            (0..result.height()).map(|i| c.get(i)).collect()
        };
        let n = None;
        // Rows: A, B, C, the county. B's February amount had no rate.
        assert_eq!(
            column("this_month"),
            [Some(70.0), Some(0.0), Some(10.0), Some(80.0)]
        );
        assert_eq!(
            column("domestic_ytd"),
            [Some(30.0), Some(0.0), Some(10.0), Some(40.0)]
        );
        assert_eq!(column("foreign_ytd"), [Some(70.0), n, Some(0.0), n]);
        assert_eq!(column("ytd"), [Some(100.0), n, Some(10.0), n]);
        assert_eq!(
            column("last_ytd"),
            [Some(20.0), Some(0.0), Some(40.0), Some(60.0)]
        );
        assert_eq!(column("yoy"), [Some(400.0), n, Some(-75.0), n]);
        assert_eq!(column("target"), [Some(100.0), n, Some(50.0), Some(150.0)]);
        let completion = column("completion");
        assert_eq!(completion[..3], [Some(100.0), n, Some(20.0)]);
        // The county's 完成: (100 + 10) of 150, over the units with a target.
        assert!((completion[3].unwrap() - 110.0 / 1.5).abs() < 1e-9);
        assert_eq!(column("rank"), [Some(1.0), n, Some(1.0), n]);
        let missing = months_without_rate(&facts, month, &[R, D]).unwrap();
        assert_eq!(missing, [YearMonth::new(2026, 2).unwrap()]);
    }
}
