//! The sentences of the overview and of the Word 通报, in the leaders'
//! register: amounts in 亿 from 1亿 up (12.7亿美元) and in 万 below it, the
//! county as it calls itself (全县, 全市, 全区), 全年 for 1-12月, and the units
//! counted kind by kind ("有7个镇的合同外资出现脱幅…其中5个镇为双脱幅"). One
//! function per sentence form, shared by the workbook and the document; the
//! numbers come worked out in [`Standing`].

use crate::aggregate::region::Figure;
use crate::aggregate::standing::{KindStanding, Standing, TopSource};
use crate::foundation::model::{Indicator, Measure, YearMonth};

/// "12.7亿美元", "3457万美元", "45亿元", "12个": from 1亿 up in 亿 with one
/// decimal (a trailing .0 dropped), below it in 万 without decimals.
pub fn amount(value: f64, indicator: Indicator) -> String {
    let unit = indicator.unit_zh();
    if indicator.measure() == Measure::Count {
        return format!("{value:.0}{unit}");
    }
    money(value, unit)
}

/// An amount in `unit` (万元 or 万美元) in the leaders' register: "45.3亿元",
/// "3457万元".
pub fn money(value: f64, unit: &str) -> String {
    let no_minus_zero = |s: String| if s == "-0" { "0".to_string() } else { s };
    match unit.strip_prefix('万') {
        Some(rest) if value.abs() >= 9_999.5 => {
            let text = format!("{:.1}", (value / 1_000.0).round() / 10.0);
            let text = text.strip_suffix(".0").map_or(text.clone(), str::to_string);
            format!("{}亿{rest}", no_minus_zero(text))
        }
        // Half away from zero (3456.5 → 3457), as people round, not to even.
        _ => format!("{}{unit}", no_minus_zero(format!("{:.0}", value.round()))),
    }
}

/// "1-10月", or "全年" for the twelve months.
pub fn period(month: YearMonth) -> String {
    if month.month == 12 {
        "全年".to_string()
    } else {
        format!("1-{}月", month.month)
    }
}

/// "增长23.5%" or "下降12.0%".
pub fn change(yoy: f64) -> String {
    if yoy < 0.0 {
        format!("下降{:.1}%", -yoy)
    } else {
        format!("增长{yoy:.1}%")
    }
}

/// "1-10月，全县合同外资12.7亿美元，同比增长56.3%，完成年计划106.7%，超时序进度23.4个百分点。"
pub fn headline(month: YearMonth, scope: &str, indicator: Indicator, f: &Figure) -> String {
    let mut s = format!(
        "{}，{scope}{}{}",
        period(month),
        indicator.name_zh(),
        amount(f.ytd, indicator)
    );
    if let Some(y) = f.yoy {
        s.push_str(&format!("，同比{}", change(y)));
    }
    if let Some(c) = f.completion {
        s.push_str(&format!("，完成年计划{c:.1}%"));
    }
    match f.gap {
        Some(g) if g >= 0.0 => s.push_str(&format!("，超时序进度{g:.1}个百分点")),
        Some(g) => s.push_str(&format!("，落后时序进度{:.1}个百分点", -g)),
        None => {}
    }
    s.push('。');
    s
}

/// "全县资金到位率（到帐外资÷合同外资）为X%。", or `None` without 合同外资.
pub fn arrival_rate(standing: &Standing, scope: &str) -> Option<String> {
    let rate = standing.arrival_rate?;
    Some(format!(
        "{scope}资金到位率（到帐外资÷合同外资）为{rate:.1}%。"
    ))
}

/// "有7个镇的合同外资出现脱幅（青山镇31.0个百分点、…），7个镇的到帐外资出现
/// 脱幅（…），其中5个镇为双脱幅（…）。", or `None` when no unit of the kind is behind.
pub fn shortfall(kind: &KindStanding, indicators: &[Indicator]) -> Option<String> {
    let member = &kind.member;
    let parts: Vec<String> = indicators
        .iter()
        .filter(|&&i| !kind.behind[i].is_empty())
        .map(|&i| {
            let names: Vec<String> = kind.behind[i]
                .iter()
                .map(|(name, points)| format!("{name}{points:.1}个百分点"))
                .collect();
            format!(
                "{}个{member}的{}出现脱幅（{}）",
                names.len(),
                i.name_zh(),
                names.join("、")
            )
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let mut s = format!("有{}", parts.join("，"));
    if !kind.double.is_empty() {
        s.push_str(&format!(
            "，其中{}个{member}为双脱幅（{}）",
            kind.double.len(),
            kind.double.join("、")
        ));
    }
    s.push('。');
    Some(s)
}

/// "部门中按时序进度完成低于70%的：合同外资有商务局（12.0%）、发改委（30.5%），
/// 到帐外资有商务局（0.0%）（黄牌）。", or `None` without a 黄牌 in the kind.
pub fn yellow_cards(kind: &KindStanding, indicators: &[Indicator], ratio: f64) -> Option<String> {
    let parts: Vec<String> = indicators
        .iter()
        .filter(|&&i| !kind.yellow[i].is_empty())
        .map(|&i| {
            let names: Vec<String> = kind.yellow[i]
                .iter()
                .map(|(name, c)| format!("{name}（{c:.1}%）"))
                .collect();
            format!("{}有{}", i.name_zh(), names.join("、"))
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "{}中按时序进度完成低于{:.0}%的：{}（黄牌）。",
            kind.name,
            ratio * 100.0,
            parts.join("，")
        )
    })
}

/// "还有3个单位未破零（梅岭镇、商务局、招商一组），注册外资、合同外资、到帐外资累计均为零。",
/// or `None` when every unit has broken zero.
pub fn not_broken_zero(standing: &Standing) -> Option<String> {
    let names: Vec<&str> = standing
        .kinds
        .iter()
        .flat_map(|k| k.zero_on_all.iter().map(String::as_str))
        .collect();
    if names.is_empty() {
        return None;
    }
    let on: Vec<&str> = standing.zero_on.iter().map(|i| i.name_zh()).collect();
    let all = if on.len() > 1 { "均" } else { "" };
    Some(format!(
        "还有{}个单位未破零（{}），{}累计{all}为零。",
        names.len(),
        names.join("、"),
        on.join("、")
    ))
}

/// "按来源地看，合同外资中港资6.8亿美元，增长171.5%，占53.5%。"
pub fn top_source(top: &TopSource) -> String {
    let mut s = format!(
        "按来源地看，{}中{}{}",
        top.indicator.name_zh(),
        source_capital(&top.name),
        amount(top.ytd, top.indicator)
    );
    if let Some(y) = top.yoy {
        s.push_str(&format!("，{}", change(y)));
    }
    if let Some(share) = top.share {
        s.push_str(&format!("，占{share:.1}%"));
    }
    s.push('。');
    s
}

/// The capital of a source as speeches name it: 中国香港 → 港资, 日本 → 日资;
/// other sources "来自新加坡的投资".
fn source_capital(source: &str) -> String {
    const SHORT: [(&str, &str); 12] = [
        ("中国香港", "港资"),
        ("中国澳门", "澳资"),
        ("中国台湾", "台资"),
        ("日本", "日资"),
        ("韩国", "韩资"),
        ("美国", "美资"),
        ("德国", "德资"),
        ("法国", "法资"),
        ("英国", "英资"),
        ("意大利", "意资"),
        ("荷兰", "荷资"),
        ("新加坡", "新加坡资金"),
    ];
    SHORT
        .iter()
        .find(|(name, _)| *name == source)
        .map_or_else(|| format!("来自{source}的投资"), |(_, s)| s.to_string())
}

/// Every sentence on the units, kind by kind, then 未破零: what both the
/// overview and the 通报's 需要关注的问题 say.
pub fn units_sentences(
    standing: &Standing,
    behind_on: &[Indicator],
    yellow_on: &[Indicator],
) -> Vec<String> {
    let mut out = Vec::new();
    for kind in &standing.kinds {
        out.extend(shortfall(kind, behind_on));
    }
    for kind in &standing.kinds {
        out.extend(yellow_cards(kind, yellow_on, standing.yellow_card_ratio));
    }
    out.extend(not_broken_zero(standing));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::model::{PerIndicator, UnitKind};

    fn oct() -> YearMonth {
        YearMonth::new(2026, 10).unwrap()
    }

    #[test]
    fn amounts_in_the_leaders_register() {
        assert_eq!(amount(127_000.0, Indicator::ContractedFdi), "12.7亿美元");
        assert_eq!(amount(26_000.0, Indicator::ContractedFdi), "2.6亿美元");
        assert_eq!(amount(174_600.0, Indicator::ContractedFdi), "17.5亿美元");
        assert_eq!(amount(450_000.0, Indicator::DomesticRegistered), "45亿元");
        assert_eq!(amount(10_000.0, Indicator::ArrivedFdi), "1亿美元");
        assert_eq!(amount(9_999.4, Indicator::ArrivedFdi), "9999万美元");
        assert_eq!(amount(3456.5, Indicator::ArrivedFdi), "3457万美元");
        assert_eq!(amount(500.0, Indicator::DomesticArrived), "500万元");
        assert_eq!(amount(-12.25, Indicator::ContractedFdi), "-12万美元");
        assert_eq!(amount(-0.3, Indicator::ContractedFdi), "0万美元");
        assert_eq!(amount(-25_000.0, Indicator::ContractedFdi), "-2.5亿美元");
        assert_eq!(amount(7.0, Indicator::NewFieCount), "7个");
        assert_eq!(period(oct()), "1-10月");
        assert_eq!(period(YearMonth::new(2002, 12).unwrap()), "全年");
    }

    #[test]
    fn the_headline_sentence() {
        // 张家港 2002: 合同外资 12.7亿美元 +56.3%; a full year, so 时序进度 100%.
        let year = YearMonth::new(2002, 12).unwrap();
        let f = Figure {
            ytd: 127_000.0,
            last_ytd: 127_000.0 / 1.563,
            yoy: Some(56.3),
            completion: Some(106.7),
            gap: Some(6.7),
            ..Figure::default()
        };
        assert_eq!(
            headline(year, "全市", Indicator::ContractedFdi, &f),
            "全年，全市合同外资12.7亿美元，同比增长56.3%，完成年计划106.7%，超时序进度6.7个百分点。"
        );
        let behind = Figure {
            ytd: 500.0,
            yoy: Some(-12.0),
            completion: Some(50.0),
            gap: Some(-33.3),
            ..Figure::default()
        };
        assert_eq!(
            headline(oct(), "全县", Indicator::DomesticArrived, &behind),
            "1-10月，全县到位内资500万元，同比下降12.0%，完成年计划50.0%，落后时序进度33.3个百分点。"
        );
        assert_eq!(
            headline(oct(), "全区", Indicator::ArrivedFdi, &Figure::default()),
            "1-10月，全区到帐外资0万美元。"
        );
    }

    fn towns() -> KindStanding {
        let mut behind: PerIndicator<Vec<(String, f64)>> = PerIndicator::default();
        behind[Indicator::ContractedFdi] = vec![("青山镇".into(), 31.0), ("柳溪镇".into(), 5.26)];
        behind[Indicator::ArrivedFdi] = vec![("柳溪镇".into(), 12.0)];
        let mut yellow: PerIndicator<Vec<(String, f64)>> = PerIndicator::default();
        yellow[Indicator::ContractedFdi] = vec![("青山镇".into(), 52.3)];
        KindStanding {
            kind: UnitKind(1),
            name: "镇".into(),
            member: "镇".into(),
            behind,
            double: vec!["柳溪镇".into()],
            yellow,
            zero: PerIndicator::default(),
            zero_on_all: vec!["梅岭镇".into()],
        }
    }

    fn departments() -> KindStanding {
        let mut yellow: PerIndicator<Vec<(String, f64)>> = PerIndicator::default();
        yellow[Indicator::ContractedFdi] = vec![("商务局".into(), 12.0), ("发改委".into(), 30.5)];
        yellow[Indicator::ArrivedFdi] = vec![("商务局".into(), 0.0)];
        KindStanding {
            kind: UnitKind(2),
            name: "部门".into(),
            member: "部门".into(),
            behind: PerIndicator::default(),
            double: vec![],
            yellow,
            zero: PerIndicator::default(),
            zero_on_all: vec!["商务局".into()],
        }
    }

    #[test]
    fn the_sentences_on_the_units_kind_by_kind() {
        let pair = [Indicator::ContractedFdi, Indicator::ArrivedFdi];
        assert_eq!(
            shortfall(&towns(), &pair).unwrap(),
            "有2个镇的合同外资出现脱幅（青山镇31.0个百分点、柳溪镇5.3个百分点），1个镇的到帐外资出现脱幅（柳溪镇12.0个百分点），其中1个镇为双脱幅（柳溪镇）。"
        );
        assert_eq!(shortfall(&departments(), &pair), None);
        assert_eq!(
            yellow_cards(&departments(), &pair, 0.7).unwrap(),
            "部门中按时序进度完成低于70%的：合同外资有商务局（12.0%）、发改委（30.5%），到帐外资有商务局（0.0%）（黄牌）。"
        );
        assert_eq!(yellow_cards(&towns(), &[Indicator::ArrivedFdi], 0.7), None);
        let standing = Standing {
            month: oct(),
            progress: 250.0 / 3.0,
            yellow_card_ratio: 0.7,
            county: PerIndicator::default(),
            arrival_rate: Some(45.04),
            kinds: vec![towns(), departments()],
            top_three: PerIndicator::default(),
            zero_on: vec![Indicator::ContractedFdi, Indicator::ArrivedFdi],
            top_source: None,
        };
        assert_eq!(
            not_broken_zero(&standing).unwrap(),
            "还有2个单位未破零（梅岭镇、商务局），合同外资、到帐外资累计均为零。"
        );
        assert_eq!(
            arrival_rate(&standing, "全市").unwrap(),
            "全市资金到位率（到帐外资÷合同外资）为45.0%。"
        );
        // 镇 behind; 镇 and 部门 黄牌; 未破零.
        assert_eq!(units_sentences(&standing, &pair, &pair).len(), 4);
    }

    #[test]
    fn the_top_source_sentence() {
        // 张家港 2002: "合同利用港资6.8亿美元，比上年增长171.5%，占到总量的53.5%".
        let hk = TopSource {
            indicator: Indicator::ContractedFdi,
            name: "中国香港".into(),
            ytd: 68_000.0,
            yoy: Some(171.5),
            share: Some(53.5),
        };
        assert_eq!(
            top_source(&hk),
            "按来源地看，合同外资中港资6.8亿美元，增长171.5%，占53.5%。"
        );
        let other = TopSource {
            name: "英属维尔京群岛".into(),
            ytd: 2345.6,
            yoy: Some(-10.0),
            share: None,
            ..hk
        };
        assert_eq!(
            top_source(&other),
            "按来源地看，合同外资中来自英属维尔京群岛的投资2346万美元，下降10.0%。"
        );
    }
}
