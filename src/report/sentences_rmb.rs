//! The sentences on the RMB figures, in the register of [`super::sentences`]:
//! 招商引资总额 ("1-10月，全县实现招商引资总额45.3亿元，增长12.5%，完成年度目标的
//! 80.1%。"), new enterprises and projects by 总投资 band with the 大项目, and
//! the project stages when some unit's forms have the stage column. Shared by
//! the 概览 and the Word 通报; the numbers come worked out by the aggregate
//! stage (attracted, rmb_projects, stages).

use super::sentences::{change, money, period};
use crate::aggregate::attracted::AttractedLine;
use crate::aggregate::region::Figure;
use crate::aggregate::rmb_projects::RmbProjectFigures;
use crate::aggregate::stages::{stage_name_zh, StageCount, StageFigures};
use crate::config::rmb::rmb_band_label;
use crate::foundation::model::{Indicator, YearMonth};
use crate::report::Bulletin;

/// The three sentences of a month, as both the 概览 and the 通报 say them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RmbSentences {
    /// 招商引资总额.
    pub attracted: String,
    /// New foreign enterprises and projects by 总投资 band.
    pub projects: String,
    /// Project stages; `None` when no unit's forms have the stage column.
    pub stages: Option<String>,
}

/// The sentences of the bulletin's figures.
pub fn rmb_sentences(bulletin: &Bulletin) -> RmbSentences {
    let month = bulletin.regions.month;
    let scope = bulletin.scope;
    RmbSentences {
        attracted: attracted_total(
            month,
            scope,
            &bulletin.attracted.county,
            &bulletin.attracted.missing_rates,
        ),
        projects: new_projects(
            month,
            scope,
            &bulletin.standing.county[Indicator::NewFieCount],
            bulletin.rmb_projects,
        ),
        stages: project_stages(month, scope, bulletin.stages),
    }
}

/// "1-10月，全县实现招商引资总额45.3亿元，增长12.5%，完成年度目标的80.1%。":
/// 增长 where last year had any, 完成 where some unit has a target; when a
/// month's USD rate is missing, says that the total could not be added up.
pub fn attracted_total(
    month: YearMonth,
    scope: &str,
    county: &AttractedLine,
    missing_rates: &[YearMonth],
) -> String {
    let Some(ytd) = county.ytd else {
        let months: Vec<String> = missing_rates
            .iter()
            .map(|m| format!("{}年{}月", m.year, m.month))
            .collect();
        return format!(
            "{}，{scope}招商引资总额未能合计：{}的美元汇率缺失，外资无法折成人民币（见说明）。",
            period(month),
            months.join("、")
        );
    };
    let mut s = format!(
        "{}，{scope}实现招商引资总额{}",
        period(month),
        money(ytd, "万元")
    );
    if let Some(y) = county.yoy {
        s.push_str(&format!("，{}", change(y)));
    }
    if let Some(c) = county.completion {
        s.push_str(&format!("，完成年度目标的{c:.1}%"));
    }
    s.push('。');
    s
}

/// "1-10月，全县新批外资企业12家（去年同期9家），总投资1000万元以上项目8个
/// （去年同期5个），其中3000万元以上大项目3个（去年同期1个）。": the lowest
/// band and the 大项目 band of settings; new projects without a 总投资 (or
/// without their month's rate) are said to be left out of the bands.
pub fn new_projects(
    month: YearMonth,
    scope: &str,
    new_fie: &Figure,
    rmb: &RmbProjectFigures,
) -> String {
    let mut s = format!(
        "{}，{scope}新批外资企业{:.0}家（去年同期{:.0}家）",
        period(month),
        new_fie.ytd,
        new_fie.last_ytd
    );
    let band = |floor: f64| {
        let k = rmb.bands.iter().position(|&b| b == floor)?;
        let c = rmb.county.bands.get(k)?;
        Some((rmb_band_label(floor), c.this_year, c.last_year))
    };
    let lowest = rmb.bands.first().and_then(|&b| band(b));
    let large = band(rmb.large_from);
    match (lowest, large) {
        (Some((label, n, m)), Some((large_label, k, l))) if label != large_label => {
            s.push_str(&format!(
                "，总投资{label}项目{n}个（去年同期{m}个），其中{large_label}大项目{k}个（去年同期{l}个）"
            ));
        }
        (_, Some((label, k, l))) => {
            s.push_str(&format!("，总投资{label}大项目{k}个（去年同期{l}个）"));
        }
        (Some((label, n, m)), None) => {
            s.push_str(&format!("，总投资{label}项目{n}个（去年同期{m}个）"));
        }
        (None, None) => {}
    }
    if rmb.without_total > 0 && !rmb.bands.is_empty() {
        s.push_str(&format!(
            "；另有{}个新项目未填总投资或当月缺汇率，未计入按规模统计的项目数",
            rmb.without_total
        ));
    }
    s.push('。');
    s
}

/// "1-10月，全县新签项目20个（去年同期37个）、新开工项目5个、投产项目2个、签订意向
/// 项目34个（项目阶段按填报该栏的3个单位统计）。": a stage no form gave this
/// year is left out, a 去年同期 no form gave is not stated; `None` when no
/// unit's forms have the stage column, never a count of 0.
pub fn project_stages(month: YearMonth, scope: &str, stages: &StageFigures) -> Option<String> {
    // The order of the speeches: 新签, 新开工, 投产, then 签订意向.
    let order = [
        Indicator::SignedCount,
        Indicator::StartedCount,
        Indicator::ProducingCount,
        Indicator::IntentCount,
    ];
    let parts: Vec<String> = order
        .iter()
        .filter_map(|&stage| {
            let k = Indicator::STAGES.iter().position(|&s| s == stage)?;
            let c = stages.county.stages.get(k)?;
            let ytd = c.ytd?;
            let last = c
                .last_ytd
                .map(|l| format!("（去年同期{l:.0}个）"))
                .unwrap_or_default();
            Some(format!("{}项目{ytd:.0}个{last}", stage_name_zh(stage)))
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let units_with = |given: fn(&StageCount) -> bool| {
        stages
            .units
            .iter()
            .filter(|u| u.stages.iter().any(given))
            .count()
    };
    let (this_year, last_year) = (
        units_with(|c| c.ytd.is_some()),
        units_with(|c| c.last_ytd.is_some()),
    );
    // A 去年同期 over other units than this year's is said, so that nobody
    // reads a change in who reports as a change in projects.
    let basis = match (this_year < stages.units.len(), last_year) {
        (_, l) if l > 0 && l != this_year => {
            format!("（项目阶段按填报该栏的{this_year}个单位统计，去年同期为{l}个单位）")
        }
        (true, _) => format!("（项目阶段按填报该栏的{this_year}个单位统计）"),
        (false, _) => String::new(),
    };
    Some(format!(
        "{}，{scope}{}{basis}。",
        period(month),
        parts.join("、")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::rmb_projects::{BandCount, BandRow};
    use crate::aggregate::stages::StageRow;

    fn oct() -> YearMonth {
        YearMonth::new(2026, 10).unwrap()
    }

    #[test]
    fn the_attracted_total_sentence() {
        // 453,000万元 = 45.3亿元; last year 402,666.7: 453000 / 402666.7 − 1
        // = 12.5%; a target of 565,543 over the units that have one, all of
        // whose 累计 is 453,000: 80.1%.
        let county = AttractedLine {
            ytd: Some(453_000.0),
            last_ytd: Some(402_666.7),
            yoy: Some(12.5),
            completion: Some(80.1),
            ..AttractedLine::default()
        };
        assert_eq!(
            attracted_total(oct(), "全县", &county, &[]),
            "1-10月，全县实现招商引资总额45.3亿元，增长12.5%，完成年度目标的80.1%。"
        );
        // The full year is 全年; 9,876.4万元 stays in 万 without decimals; no
        // target anywhere, so no 完成; a fall.
        let small = AttractedLine {
            ytd: Some(9_876.4),
            yoy: Some(-3.04),
            ..AttractedLine::default()
        };
        let december = YearMonth::new(2026, 12).unwrap();
        assert_eq!(
            attracted_total(december, "全市", &small, &[]),
            "全年，全市实现招商引资总额9876万元，下降3.0%。"
        );
        // Nothing last year: no 增长.
        let first = AttractedLine {
            ytd: Some(450_000.0),
            ..AttractedLine::default()
        };
        assert_eq!(
            attracted_total(oct(), "全区", &first, &[]),
            "1-10月，全区实现招商引资总额45亿元。"
        );
        let unknown = AttractedLine::default();
        assert_eq!(
            attracted_total(oct(), "全县", &unknown, &[YearMonth::new(2026, 3).unwrap()]),
            "1-10月，全县招商引资总额未能合计：2026年3月的美元汇率缺失，外资无法折成人民币（见说明）。"
        );
    }

    fn bands(counts: &[(usize, usize)], without_total: usize) -> RmbProjectFigures {
        let row = |name: &str| BandRow {
            name: name.into(),
            kind: None,
            kind_name: String::new(),
            bands: counts
                .iter()
                .map(|&(this_year, last_year)| BandCount {
                    this_year,
                    last_year,
                    ..BandCount::default()
                })
                .collect(),
        };
        RmbProjectFigures {
            month: oct(),
            bands: vec![1000.0, 3000.0, 5000.0, 10000.0],
            large_from: 3000.0,
            units: vec![row("保税区")],
            county: row("合计"),
            without_total,
        }
    }

    #[test]
    fn the_new_enterprises_and_projects_sentence() {
        let fie = Figure {
            ytd: 12.0,
            last_ytd: 9.0,
            ..Figure::default()
        };
        // ≥1000万元: 8 against 5; ≥3000万元 (大项目): 3 against 1.
        let rmb = bands(&[(8, 5), (3, 1), (2, 1), (1, 0)], 0);
        assert_eq!(
            new_projects(oct(), "全县", &fie, &rmb),
            "1-10月，全县新批外资企业12家（去年同期9家），总投资1000万元以上项目8个（去年同期5个），其中3000万元以上大项目3个（去年同期1个）。"
        );
        // Two new projects without a 总投资 are said to be left out.
        let rmb = bands(&[(8, 5), (3, 1), (2, 1), (1, 0)], 2);
        assert_eq!(
            new_projects(oct(), "全县", &fie, &rmb),
            "1-10月，全县新批外资企业12家（去年同期9家），总投资1000万元以上项目8个（去年同期5个），其中3000万元以上大项目3个（去年同期1个）；另有2个新项目未填总投资或当月缺汇率，未计入按规模统计的项目数。"
        );
        // 大项目 from 1亿元, the lowest band 1亿元 too: one clause.
        let mut rmb = bands(&[(4, 6)], 0);
        rmb.bands = vec![10000.0];
        rmb.large_from = 10000.0;
        assert_eq!(
            new_projects(oct(), "全市", &fie, &rmb),
            "1-10月，全市新批外资企业12家（去年同期9家），总投资1亿元以上大项目4个（去年同期6个）。"
        );
    }

    fn stage_row(name: &str, counts: [Option<(f64, Option<f64>)>; 4]) -> StageRow {
        StageRow {
            name: name.into(),
            kind: None,
            kind_name: String::new(),
            stages: counts
                .iter()
                .map(|c| StageCount {
                    ytd: c.map(|(y, _)| y),
                    last_ytd: c.and_then(|(_, l)| l),
                    ..StageCount::default()
                })
                .collect(),
        }
    }

    fn stage_figures(units: Vec<StageRow>, county: StageRow) -> StageFigures {
        StageFigures {
            month: oct(),
            units,
            county,
            by_month: Vec::new(),
        }
    }

    #[test]
    fn the_stages_sentence_only_with_the_stage_column() {
        // In Indicator::STAGES order: 签订意向, 新签, 新开工, 投产. 甲区 gave
        // the column both years: 意向 34 (last year 30), 新签 20 (37), 新开工
        // 5 (4), 投产 2 (none given last year). 乙区 never gave it.
        let a = stage_row(
            "甲区",
            [
                Some((34.0, Some(30.0))),
                Some((20.0, Some(37.0))),
                Some((5.0, Some(4.0))),
                Some((2.0, None)),
            ],
        );
        let b = stage_row("乙区", [None; 4]);
        let figures = stage_figures(vec![a.clone(), b.clone()], a.clone());
        assert_eq!(
            project_stages(oct(), "全县", &figures).unwrap(),
            "1-10月，全县新签项目20个（去年同期37个）、新开工项目5个（去年同期4个）、投产项目2个、签订意向项目34个（去年同期30个）（项目阶段按填报该栏的1个单位统计）。"
        );
        // 乙区 gave it this year only: the 去年同期 is over fewer units.
        let b_now = stage_row("乙区", [None, Some((1.0, None)), None, None]);
        let mut county = a.clone();
        county.stages[1].ytd = Some(21.0);
        let figures = stage_figures(vec![a.clone(), b_now], county);
        assert_eq!(
            project_stages(oct(), "全县", &figures).unwrap(),
            "1-10月，全县新签项目21个（去年同期37个）、新开工项目5个（去年同期4个）、投产项目2个、签订意向项目34个（去年同期30个）（项目阶段按填报该栏的2个单位统计，去年同期为1个单位）。"
        );
        // Every unit gave it: no basis stated; 0 is a count when given.
        let zero = stage_row("甲区", [Some((0.0, Some(1.0))), None, None, None]);
        let figures = stage_figures(vec![zero.clone()], zero);
        assert_eq!(
            project_stages(oct(), "全县", &figures).unwrap(),
            "1-10月，全县签订意向项目0个（去年同期1个）。"
        );
        // No unit's forms have the column: no sentence at all, never 0.
        let figures = stage_figures(vec![b.clone()], b);
        assert_eq!(project_stages(oct(), "全县", &figures), None);
    }
}
