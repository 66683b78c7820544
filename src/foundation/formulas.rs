//! The bulletin's formulas (docs/formulas.md), as plain functions. `None`
//! means the figure is undefined and the bulletin prints "—".

/// 同比% = (累计 / 去年同期 − 1) × 100; undefined when 去年同期 ≤ 0.
pub fn yoy_percent(ytd: f64, last_ytd: f64) -> Option<f64> {
    (last_ytd > 0.0).then(|| (ytd / last_ytd - 1.0) * 100.0)
}

/// 去年同期 from a bulletin that gives only 累计 and 同比%:
/// 累计 / (1 + 同比%/100); undefined where 同比% ≤ −100.
pub fn last_year_from_yoy(ytd: f64, yoy: f64) -> Option<f64> {
    (yoy > -100.0).then(|| ytd / (1.0 + yoy / 100.0))
}

/// 完成年计划% = 累计 / 年度目标 × 100; undefined without a positive target.
pub fn completion_percent(ytd: f64, target: Option<f64>) -> Option<f64> {
    target.filter(|t| *t > 0.0).map(|t| ytd / t * 100.0)
}

/// 进度差 (百分点) = 完成% − 时序进度%.
pub fn progress_gap(completion: Option<f64>, progress: f64) -> Option<f64> {
    completion.map(|c| c - progress)
}

/// 脱幅 = −进度差 where it is negative.
pub fn shortfall(gap: Option<f64>) -> Option<f64> {
    gap.filter(|g| *g < 0.0).map(|g| -g)
}

/// 黄牌: 完成% < ratio × 时序进度%.
pub fn yellow_card(completion: Option<f64>, progress: f64, ratio: f64) -> bool {
    completion.is_some_and(|c| c < ratio * progress)
}

/// 占比% = the unit's 累计 / the county's 累计 × 100; undefined when the county's ≤ 0.
pub fn share_percent(ytd: f64, county_ytd: f64) -> Option<f64> {
    (county_ytd > 0.0).then(|| ytd / county_ytd * 100.0)
}

/// 资金到位率% = `arrived_fdi` 累计 / `contracted_fdi` 累计 × 100; undefined
/// when the contracted 累计 ≤ 0.
pub fn arrival_rate(arrived_ytd: f64, contracted_ytd: f64) -> Option<f64> {
    (contracted_ytd > 0.0).then(|| arrived_ytd / contracted_ytd * 100.0)
}

/// Competition ranks, highest first, ties sharing a rank (1, 2, 2, 4).
/// `None` values get no rank.
pub fn ranks_desc(values: &[Option<f64>]) -> Vec<Option<u32>> {
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                1 + values
                    .iter()
                    .filter(|o| o.is_some_and(|o| o > v + 1e-9))
                    .count() as u32
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_speech_examples() {
        // "保税区合同外资2.6亿美元,为年计划的69%,脱幅31%" (full year: 时序进度 100%).
        let completion = completion_percent(26000.0, Some(26000.0 / 0.69)).unwrap();
        assert!((completion - 69.0).abs() < 1e-9);
        let gap = progress_gap(Some(completion), 100.0);
        assert!((shortfall(gap).unwrap() - 31.0).abs() < 1e-9);
        // "合同利用港资6.8亿美元,比上年增长171.5%": last year 6.8 / 2.715.
        assert!((yoy_percent(6.8, 6.8 / 2.715).unwrap() - 171.5).abs() < 1e-9);
        assert_eq!(yoy_percent(5.0, 0.0), None);
        assert_eq!(yoy_percent(5.0, -1.0), None);
    }

    #[test]
    fn flags_and_ranks() {
        assert!(yellow_card(Some(50.0), 83.3, 0.7));
        assert!(!yellow_card(Some(60.0), 83.3, 0.7));
        assert!(!yellow_card(None, 83.3, 0.7));
        assert_eq!(shortfall(Some(5.0)), None);
        assert_eq!(
            ranks_desc(&[Some(80.0), Some(120.0), None, Some(80.0), Some(10.0)]),
            vec![Some(2), Some(1), None, Some(2), Some(4)]
        );
        assert_eq!(share_percent(25.0, 100.0), Some(25.0));
        assert_eq!(share_percent(25.0, 0.0), None);
    }
}
