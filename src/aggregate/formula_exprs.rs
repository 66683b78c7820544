//! The formulas of docs/formulas.md (foundation/formulas.rs) as polars
//! expressions over a figures frame's columns, shared by the queries of
//! aggregate/ (with the order-keeping left join they all lay grids out by);
//! tested against the plain functions below.

use polars::prelude::*;

/// `x` where `cond` holds, null ("—") elsewhere.
pub fn only_if(cond: Expr, x: Expr) -> Expr {
    when(cond)
        .then(x)
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// 同比% = (累计 / 去年同期 − 1) × 100 from columns ytd and last_ytd; null
/// when 去年同期 ≤ 0.
pub fn yoy() -> Expr {
    only_if(
        col("last_ytd").gt(lit(0.0)),
        (col("ytd") / col("last_ytd") - lit(1.0)) * lit(100.0),
    )
    .alias("yoy")
}

/// 占比% = ytd / `total` × 100; null when the total ≤ 0.
pub fn share_of(total: &str) -> Expr {
    only_if(
        col(total).gt(lit(0.0)),
        col("ytd") / col(total) * lit(100.0),
    )
    .alias("share")
}

/// The sum of `x` over the rows where `cond` holds; null when one of those
/// rows' `x` is null (an amount without a rate makes the sum unknown).
pub fn sum_known(cond: Expr, x: &str) -> Expr {
    let unknown = cond.clone().and(col(x).is_null()).any(true);
    when(unknown)
        .then(lit(NULL).cast(DataType::Float64))
        .otherwise(when(cond).then(col(x)).otherwise(lit(0.0)).sum())
}

/// The sum of column `x` over the group; null when one of its values is.
pub fn total_known(x: &str) -> Expr {
    when(col(x).is_null().any(true))
        .then(lit(NULL).cast(DataType::Float64))
        .otherwise(col(x).sum())
        .alias(x)
}

/// Competition ranks of column `x`, highest first, ties sharing a rank (1,
/// 2, 2, 4), within each group of the columns `over`; values equal to 1e-9
/// tie (float noise), a null gets no rank (foundation/formulas.rs `ranks_desc`).
///
/// # Errors
///
/// When polars refuses the window, which would be a bug.
pub fn rank_desc(x: &str, over: &[&str]) -> PolarsResult<Expr> {
    let options = RankOptions {
        method: RankMethod::Min,
        descending: true,
    };
    Ok(col(x)
        .round(9, RoundMode::HalfToEven)
        .rank(options, None)
        .over(over.iter().map(|c| col(*c)).collect::<Vec<_>>())?
        .alias("rank"))
}

/// A left join that keeps the left frame's row order (a grid laid out in
/// the bulletin's order stays in it).
pub fn left_join_in_order() -> JoinArgs {
    JoinArgs {
        maintain_order: MaintainOrderJoin::Left,
        ..JoinArgs::new(JoinType::Left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::formulas::{ranks_desc, share_percent, yoy_percent};

    #[test]
    fn the_expressions_agree_with_the_plain_formulas() {
        let values = [-3.0, 0.0, 0.5, 1.0, 7.25, 1e6 / 3.0];
        let pairs: Vec<(f64, f64)> = values
            .iter()
            .flat_map(|&a| values.iter().map(move |&b| (a, b)))
            .collect();
        let frame = DataFrame::new_infer_height(vec![
            Column::new("ytd".into(), pairs.iter().map(|p| p.0).collect::<Vec<_>>()),
            Column::new(
                "last_ytd".into(),
                pairs.iter().map(|p| p.1).collect::<Vec<_>>(),
            ),
            Column::new(
                "total".into(),
                pairs.iter().map(|p| p.1).collect::<Vec<_>>(),
            ),
        ])
        .unwrap();
        let out = frame
            .lazy()
            .select([yoy(), share_of("total")])
            .collect()
            .unwrap();
        let (yoy, share) = (out.column("yoy").unwrap(), out.column("share").unwrap());
        let (yoy, share) = (yoy.f64().unwrap(), share.f64().unwrap());
        for (i, &(a, b)) in pairs.iter().enumerate() {
            assert_eq!(yoy.get(i), yoy_percent(a, b), "同比 of {a} on {b}");
            assert_eq!(share.get(i), share_percent(a, b), "占比 of {a} in {b}");
        }
    }

    #[test]
    fn ranks_agree_with_the_plain_ranks() {
        // Group 甲: a tie, a null, and 80 + 1e-12 tying with the 80s (float
        // noise); group 乙 is ranked on its own.
        let values = [
            Some(80.0),
            Some(120.0),
            None,
            Some(80.0),
            Some(10.0),
            Some(80.0 + 1e-12),
            Some(7.0),
        ];
        let groups = ["甲", "甲", "甲", "甲", "甲", "甲", "乙"];
        let frame = DataFrame::new_infer_height(vec![
            Column::new("x".into(), values.to_vec()),
            Column::new("g".into(), groups.to_vec()),
        ])
        .unwrap();
        let out = frame
            .lazy()
            .select([rank_desc("x", &["g"]).unwrap()])
            .collect()
            .unwrap();
        let rank = out.column("rank").unwrap().cast(&DataType::UInt32).unwrap();
        let rank = rank.u32().unwrap();
        let rank: Vec<Option<u32>> = (0..rank.len()).map(|i| rank.get(i)).collect();
        let mut want = ranks_desc(&values[..6]);
        want.push(Some(1));
        assert_eq!(
            want[..6],
            [Some(2), Some(1), None, Some(2), Some(5), Some(2)]
        );
        assert_eq!(rank, want);
    }
}
