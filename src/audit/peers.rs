//! Checks across the prefecture's bulletins: one bulletin per month, and our
//! own county's figure in each against ours from the units' submissions.

use crate::foundation::issue::{Issue, Location, Rule, Severity, PEER_BULLETINS};
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::unit_id::UnitId;
use crate::normalize::peer_bulletin::PeerBulletin;
use crate::reference::peers::Peers;
use std::collections::BTreeMap;
use std::path::Path;

/// Our county's figure for one month and indicator, from our own submissions.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OwnFigure {
    pub ytd: f64,
    /// `None` where last year's same period is not on hand.
    pub last_ytd: Option<f64>,
    /// The county's target: the units' targets added up.
    pub target: Option<f64>,
}

pub type OwnFigures = BTreeMap<YearMonth, BTreeMap<Indicator, OwnFigure>>;

/// The one issue when the list of peer counties cannot be read: no comparison.
pub fn no_county_list(list: &Path, why: &anyhow::Error) -> Issue {
    Issue::new(
        Rule::PeerNoCountyList,
        Location::file(&list.display().to_string()),
        None,
        format!("无法读取周边县市名录（县市 | 别名），未做周边县市比较：{why:#}"),
    )
    .filed_under(Some(&UnitId::from(PEER_BULLETINS)), None)
}

/// Why a bulletin is not in the comparison of report month `month`, or
/// `None` when it is.
pub fn left_out(bulletin: &PeerBulletin, month: YearMonth) -> Option<String> {
    let errors: Vec<String> = bulletin
        .issues
        .iter()
        .filter(|i| i.severity() == Severity::Error)
        .map(|i| i.message.clone())
        .collect();
    if !errors.is_empty() {
        return Some(format!("未采用：{}", errors.join("；")));
    }
    match bulletin.month {
        Some(m) if m > month || m.year < month.year - 1 => {
            Some("不在本期比较范围（上年1月至本月）".to_string())
        }
        Some(_) => None,
        None => Some("未采用：找不到月份".to_string()),
    }
}

/// Two bulletins for the same month: neither is used, since nothing says which is right.
pub fn check_duplicate_months(bulletins: &mut [PeerBulletin]) {
    let mut by_month: BTreeMap<YearMonth, Vec<usize>> = BTreeMap::new();
    for (i, b) in bulletins.iter().enumerate() {
        if let Some(month) = b.month {
            by_month.entry(month).or_default().push(i);
        }
    }
    for (month, indices) in by_month.into_iter().filter(|(_, v)| v.len() > 1) {
        let names: Vec<String> = indices
            .iter()
            .map(|&i| bulletins[i].file.name.clone())
            .collect();
        for &i in &indices {
            let others: Vec<&str> = names
                .iter()
                .filter(|n| **n != bulletins[i].file.name)
                .map(String::as_str)
                .collect();
            let issue = Issue::new(
                Rule::PeerDuplicateMonth,
                Location::file(&bulletins[i].file.name),
                None,
                format!(
                    "{month} 有多份市通报（另见 {}），无法判断以哪份为准，均未使用；请删去多余的一份",
                    others.join("、")
                ),
            );
            bulletins[i].push(issue);
        }
    }
}

/// Where a bulletin lists our county, its 累计 against ours, beyond rounding:
/// the prefecture's figure comes from its own statistics (商务部门统计系统),
/// ours from the units' submissions; the comparison uses ours.
pub fn check_own_figures(
    bulletins: &mut [PeerBulletin],
    peers: &Peers,
    own: &OwnFigures,
    choice: crate::config::OurFigure,
) {
    let used = match choice {
        crate::config::OurFigure::Ours => "比较表采用本系统数字",
        crate::config::OurFigure::Prefecture => "比较表按设置采用市通报数字",
    };
    for b in bulletins.iter_mut().filter(|b| b.usable()) {
        let Some(month) = b.month else { continue };
        let Some(line) = b.line(peers.own()).cloned() else {
            let issue = Issue::new(
                Rule::PeerOwnNotListed,
                Location::file(&b.file.name),
                None,
                format!(
                    "市通报未列出{}，比较表中本县各项取自本系统汇总",
                    peers.name(peers.own())
                ),
            );
            b.push(issue);
            continue;
        };
        let mut found = Vec::new();
        for spec in &b.indicators {
            let (Some(published), Some(ours)) = (
                line.figures.get(&spec.indicator).and_then(|f| f.cumulative),
                own.get(&month).and_then(|o| o.get(&spec.indicator)),
            ) else {
                continue;
            };
            let difference = ours.ytd - published;
            if difference.abs() <= spec.half_step + 0.005 {
                continue;
            }
            let unit = spec.indicator.unit_zh();
            let issue = Issue::new(
                Rule::PeerOwnFigureDiffers,
                Location {
                    file: b.file.name.clone(),
                    sheet: b.sheet.clone(),
                    cell: spec.cumulative_col.map(|c| (line.row, c)),
                },
                Some(format!("{published:.2}{unit}")),
                format!(
                    "市通报中{}{}1-{}月累计为{published:.2}{unit}（市局口径，取自商务部门统计系统），本系统按各单位报表汇总为{:.2}{unit}，相差{difference:.2}{unit}；{used}，请核对是否有单位漏报、迟报或口径不同",
                    peers.name(peers.own()),
                    spec.indicator.name_zh(),
                    month.month,
                    ours.ytd,
                ),
            );
            found.push(issue);
        }
        for issue in found {
            b.push(issue);
        }
    }
}
