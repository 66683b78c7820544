//! The by-region figures as one polars query over the facts frame: each
//! unit's 本月, 累计 and 去年同期 per indicator joined to its target, with 同比,
//! 完成%, 进度差, 占比% and its rank within its kind as expressions; then the
//! same figures on each kind's subtotal and on the county's total, all
//! collected at once. region.rs lays the result out as the bulletin's rows.

use super::formula_exprs::{left_join_in_order, only_if, rank_desc, share_of, yoy};
use super::sums::period_sums;
use crate::foundation::model::{Indicator, YearMonth};
use anyhow::{anyhow, Result};
use polars::prelude::*;

/// Which row of the bulletin a line of the query's result is.
pub const UNIT: &str = "unit";
pub const SUBTOTAL: &str = "subtotal";
pub const COUNTY: &str = "county";

/// One unit of the bulletin and what its figures are worked from: its kind
/// (the kind's position in the county's order), whether its report-month
/// figures are in, and its annual target of each indicator.
pub struct UnitSlot<'a> {
    pub name: &'a str,
    pub kind: u8,
    pub used: bool,
    pub target: &'a dyn Fn(Indicator) -> Option<f64>,
}

/// The grid the figures are worked over: one row per unit and indicator.
fn unit_grid(units: &[UnitSlot]) -> Result<DataFrame> {
    let cells = || {
        units
            .iter()
            .flat_map(|u| Indicator::ALL.into_iter().map(move |i| (u, i)))
    };
    let frame = DataFrame::new_infer_height(vec![
        Column::new(
            "unit".into(),
            cells().map(|(u, _)| u.name).collect::<Vec<_>>(),
        ),
        Column::new(
            "kind".into(),
            cells().map(|(u, _)| u32::from(u.kind)).collect::<Vec<_>>(),
        ),
        Column::new(
            "indicator".into(),
            cells().map(|(_, i)| i.key()).collect::<Vec<_>>(),
        ),
        Column::new(
            "used".into(),
            cells().map(|(u, _)| u.used).collect::<Vec<_>>(),
        ),
        Column::new(
            "target".into(),
            cells().map(|(u, i)| (u.target)(i)).collect::<Vec<_>>(),
        ),
    ])?;
    Ok(frame)
}

/// The formulas of docs/formulas.md (foundation/formulas.rs) as expressions
/// over the columns ytd, last_ytd, target, ytd_with_target and county_ytd.
fn formulas(progress: f64) -> [Expr; 4] {
    let completion = only_if(
        col("target").gt(lit(0.0)),
        col("ytd_with_target") / col("target") * lit(100.0),
    );
    [
        yoy(),
        completion.clone().alias("completion"),
        (completion - lit(progress)).alias("gap"),
        share_of("county_ytd"),
    ]
}

/// A subtotal over the unit rows grouped `by`: 本月, 累计 and 去年同期 over
/// all of them; 年度目标 and the 累计 完成% is worked from over those with a
/// target only, so that a unit without one adds nothing to 完成%.
fn subtotals(units: LazyFrame, by: &[&str], level: &str, progress: f64) -> LazyFrame {
    let with_target = col("completion").is_not_null();
    let over_targets = |x: Expr| only_if(col("with_target").gt(lit(0)), x);
    units
        .group_by_stable(by.iter().map(|c| col(*c)).collect::<Vec<_>>())
        .agg([
            col("this_month").sum(),
            col("ytd").sum(),
            col("last_ytd").sum(),
            col("target").filter(with_target.clone()).sum(),
            col("ytd")
                .filter(with_target.clone())
                .sum()
                .alias("ytd_with_target"),
            with_target
                .cast(DataType::UInt32)
                .sum()
                .alias("with_target"),
            col("county_ytd").first(),
        ])
        .with_columns([
            over_targets(col("target")).alias("target"),
            over_targets(col("ytd_with_target")).alias("ytd_with_target"),
        ])
        .with_columns(formulas(progress))
        .with_columns([
            lit(level).alias("level"),
            lit(NULL).cast(IDX_DTYPE).alias("rank"),
        ])
}

/// The result's columns, in one order for every level.
fn result_columns() -> Vec<Expr> {
    let text = |name: &str, dtype: DataType| col(name).cast(dtype);
    vec![
        col("level"),
        text("unit", DataType::String),
        text("kind", DataType::UInt32),
        col("indicator"),
        col("this_month"),
        col("ytd"),
        col("last_ytd"),
        col("target"),
        col("ytd_with_target"),
        col("yoy"),
        col("completion"),
        col("gap"),
        col("share"),
        col("rank"),
    ]
}

/// Every unit's, kind's and the county's figures for report month `month`,
/// one row per (level, unit or kind, indicator): `facts` with columns key
/// (the unit), year, month, indicator and amount; `progress` the 时序进度 in
/// percent. Ranks are competition ranks within a kind by 完成%, highest
/// first; completions equal to 1e-9 share a rank.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn region_figures(
    facts: LazyFrame,
    units: &[UnitSlot],
    month: YearMonth,
    progress: f64,
) -> Result<DataFrame> {
    let join = left_join_in_order();
    let figures = unit_grid(units)?
        .lazy()
        .join(
            period_sums(facts, month),
            [col("unit"), col("indicator")],
            [col("key"), col("indicator")],
            join,
        )
        .with_columns([
            col("ytd").fill_null(lit(0.0)),
            col("last_ytd").fill_null(lit(0.0)),
            only_if(col("used"), col("this_month").fill_null(lit(0.0))).alias("this_month"),
            only_if(col("target").gt(lit(0.0)), col("ytd").fill_null(lit(0.0)))
                .alias("ytd_with_target"),
        ])
        .with_column(
            col("ytd")
                .sum()
                .over([col("indicator")])?
                .alias("county_ytd"),
        )
        .with_columns(formulas(progress));
    let units_lf = figures.with_columns([
        lit(UNIT).alias("level"),
        rank_desc("completion", &["kind", "indicator"])?,
    ]);
    let by_kind = subtotals(units_lf.clone(), &["kind", "indicator"], SUBTOTAL, progress)
        .with_column(lit(NULL).cast(DataType::String).alias("unit"));
    let county = subtotals(units_lf.clone(), &["indicator"], COUNTY, progress).with_columns([
        lit(NULL).cast(DataType::String).alias("unit"),
        lit(NULL).cast(DataType::UInt32).alias("kind"),
    ]);
    let all = [units_lf, by_kind, county].map(|lf| lf.select(result_columns()));
    concat(all, UnionArgs::default())?
        .collect()
        .map_err(|e| anyhow!("分地区汇总计算失败：{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Indicator = Indicator::ContractedFdi;

    fn facts(rows: &[(&str, i32, u32, f64)]) -> LazyFrame {
        let column = |name: &str, values: Vec<_>| Column::new(name.into(), values);
        DataFrame::new_infer_height(vec![
            column("key", rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new("year".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new("month".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
            column(
                "indicator",
                rows.iter().map(|_| C.key()).collect::<Vec<_>>(),
            ),
            Column::new(
                "amount".into(),
                rows.iter().map(|r| r.3).collect::<Vec<_>>(),
            ),
        ])
        .unwrap()
        .lazy()
    }

    /// (level, unit, kind) → the figures of 合同外资 on that row.
    fn line(
        result: &DataFrame,
        level: &str,
        unit: Option<&str>,
        kind: Option<u32>,
    ) -> Vec<Option<f64>> {
        let levels = result.column("level").unwrap().str().unwrap();
        let units = result.column("unit").unwrap().str().unwrap();
        let kinds = result.column("kind").unwrap().u32().unwrap();
        let indicators = result.column("indicator").unwrap().str().unwrap();
        let i = (0..result.height())
            .find(|&i| {
                levels.get(i) == Some(level)
                    && units.get(i) == unit
                    && kinds.get(i) == kind
                    && indicators.get(i) == Some(C.key())
            })
            .expect("the row is in the result");
        let rank = result
            .column("rank")
            .unwrap()
            .cast(&DataType::Float64)
            .unwrap();
        let mut values: Vec<Option<f64>> = [
            "this_month",
            "ytd",
            "last_ytd",
            "target",
            "yoy",
            "completion",
            "gap",
            "share",
        ]
        .iter()
        .map(|c| result.column(c).unwrap().f64().unwrap().get(i))
        .collect();
        values.push(rank.f64().unwrap().get(i));
        values
    }

    fn close(got: &[Option<f64>], want: &[Option<f64>]) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            match (g, w) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{got:?} against {want:?}"),
                _ => assert_eq!(g, w, "{got:?} against {want:?}"),
            }
        }
    }

    #[test]
    fn figures_worked_by_hand() {
        // March 2026, 时序进度 25%. Kind 0: A (target 100), B (target 200), C
        // (no target); kind 1: D (target 50), whose March file was not used.
        let target = |t: Option<f64>| move |i: Indicator| (i == C).then_some(t).flatten();
        let (ta, tb, tc, td) = (
            target(Some(100.0)),
            target(Some(200.0)),
            target(None),
            target(Some(50.0)),
        );
        let slot = |name, kind, used, target| UnitSlot {
            name,
            kind,
            used,
            target,
        };
        let units = [
            slot("A", 0, true, &ta as &dyn Fn(Indicator) -> Option<f64>),
            slot("B", 0, true, &tb),
            slot("C", 0, true, &tc),
            slot("D", 1, false, &td),
        ];
        let facts = facts(&[
            ("A", 2026, 1, 10.0),
            ("A", 2026, 3, 20.0),
            ("A", 2025, 2, 15.0),
            ("A", 2025, 5, 99.0), // after March: not in 去年同期
            ("A", 2026, 4, 99.0), // after the report month
            ("B", 2026, 2, 60.0),
            ("C", 2026, 3, 5.0),
            ("C", 2025, 1, 10.0),
            ("D", 2026, 3, 25.0),
            ("D", 2025, 3, 20.0),
            ("X", 2026, 3, 1000.0), // not a unit of the bulletin
        ]);
        let month = YearMonth::new(2026, 3).unwrap();
        let result = region_figures(facts, &units, month, 25.0).unwrap();
        let n = None;
        // 本月, 累计, 去年同期, 目标, 同比, 完成, 进度差, 占比 (of 120), 名次.
        close(
            &line(&result, UNIT, Some("A"), Some(0)),
            &[
                Some(20.0),
                Some(30.0),
                Some(15.0),
                Some(100.0),
                Some(100.0),
                Some(30.0),
                Some(5.0),
                Some(25.0),
                Some(1.0),
            ],
        );
        close(
            &line(&result, UNIT, Some("B"), Some(0)),
            &[
                Some(0.0),
                Some(60.0),
                Some(0.0),
                Some(200.0),
                n,
                Some(30.0),
                Some(5.0),
                Some(50.0),
                Some(1.0),
            ],
        );
        close(
            &line(&result, UNIT, Some("C"), Some(0)),
            &[
                Some(5.0),
                Some(5.0),
                Some(10.0),
                n,
                Some(-50.0),
                n,
                n,
                Some(5.0 / 1.2),
                n,
            ],
        );
        close(
            &line(&result, UNIT, Some("D"), Some(1)),
            &[
                n,
                Some(25.0),
                Some(20.0),
                Some(50.0),
                Some(25.0),
                Some(50.0),
                Some(25.0),
                Some(25.0 / 1.2),
                Some(1.0),
            ],
        );
        // Kind 0: 累计 95 over all; 完成 over A and B only: 90 / 300.
        close(
            &line(&result, SUBTOTAL, None, Some(0)),
            &[
                Some(25.0),
                Some(95.0),
                Some(25.0),
                Some(300.0),
                Some(280.0),
                Some(30.0),
                Some(5.0),
                Some(95.0 / 1.2),
                n,
            ],
        );
        close(
            &line(&result, SUBTOTAL, None, Some(1)),
            &[
                Some(0.0),
                Some(25.0),
                Some(20.0),
                Some(50.0),
                Some(25.0),
                Some(50.0),
                Some(25.0),
                Some(25.0 / 1.2),
                n,
            ],
        );
        // The county: 115 of 350 with a target.
        close(
            &line(&result, COUNTY, None, None),
            &[
                Some(25.0),
                Some(120.0),
                Some(45.0),
                Some(350.0),
                Some((120.0 / 45.0 - 1.0) * 100.0),
                Some(115.0 / 3.5),
                Some(115.0 / 3.5 - 25.0),
                Some(100.0),
                n,
            ],
        );
    }

    #[test]
    fn ranks_are_competition_ranks_within_a_kind() {
        let targets: Vec<_> = [100.0, 100.0, 100.0, 100.0, 100.0]
            .into_iter()
            .map(|t| move |i: Indicator| (i == C).then_some(t))
            .collect();
        let names = ["甲", "乙", "丙", "丁", "戊"];
        let kinds = [0, 0, 0, 0, 1];
        let units: Vec<UnitSlot> = (0..5)
            .map(|i| UnitSlot {
                name: names[i],
                kind: kinds[i],
                used: true,
                target: &targets[i],
            })
            .collect();
        // 完成 80, 120, 80, 10 in kind 0 (ranks 2, 1, 2, 4); 戊 alone in kind 1.
        let facts = facts(&[
            ("甲", 2026, 1, 80.0),
            ("乙", 2026, 1, 120.0),
            ("丙", 2026, 1, 30.0),
            ("丙", 2026, 1, 50.0),
            ("丁", 2026, 1, 10.0),
            ("戊", 2026, 1, 1.0),
        ]);
        let month = YearMonth::new(2026, 1).unwrap();
        let result = region_figures(facts, &units, month, 100.0 / 12.0).unwrap();
        let ranks: Vec<Option<f64>> = names
            .iter()
            .zip(kinds)
            .map(|(u, k)| {
                line(&result, UNIT, Some(u), Some(u32::from(k)))
                    .last()
                    .copied()
                    .flatten()
            })
            .collect();
        assert_eq!(
            ranks,
            [Some(2.0), Some(1.0), Some(2.0), Some(4.0), Some(1.0)]
        );
    }
}
