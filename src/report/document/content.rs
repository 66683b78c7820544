//! What the Word 通报 says, block by block, built from the same figures as the
//! workbook (the by-region rows, the 概览 sentences, the peer sentences); the
//! layout is applied in `layout`. Nothing here computes a figure.

use super::tables::{unit_table, UnitTable};
use crate::aggregate::region::{RegionFigures, RegionRow, RowKind};
use crate::audit::receipts::Receipt;
use crate::config::DocumentSettings;
use crate::foundation::model::{Indicator, UnitKind, YearMonth};
use crate::report::overview::{
    amount_in_words, arrival_rate_sentence, behind_sentence, figure_of, flag_lines_for,
    headline_sentence_in, scope_of, units, Wording,
};
use crate::report::Bulletin;
use std::path::PathBuf;

/// One block of the document, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The 版头: "招商引资工作通报", the issue number, issuer and date.
    Masthead {
        title: String,
        issue: String,
        issuer: String,
        date: String,
    },
    /// The document's own title (小标宋 二号).
    Title(String),
    /// 一、… (黑体).
    Heading1(String),
    /// （一）… (楷体).
    Heading2(String),
    /// A body paragraph (仿宋, first line indented two characters).
    Body(String),
    /// A table's caption (表1 …) and the table.
    Table { caption: String, table: UnitTable },
    /// Starts a new page.
    PageBreak,
    /// A chart image and its caption (图1 …).
    Figure { png: PathBuf, caption: String },
}

/// A chart image on disk and its title.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub png: PathBuf,
    pub title: String,
}

/// Chinese numerals for the level-1 headings (一、二、…) and level-2 ones.
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The document's blocks: 版头, title, 一、总体情况, 二、各单位完成情况,
/// 三、需要关注的问题, 四、在周边县市中的位置 (when the prefecture's bulletins
/// gave a position), 附件 (the charts).
pub fn document_blocks(
    bulletin: &Bulletin,
    settings: &DocumentSettings,
    charts: &[Chart],
) -> Vec<Block> {
    let regions = bulletin.regions;
    let month = regions.month;
    let county = bulletin.county;
    let mut blocks = vec![
        Block::Masthead {
            title: "招商引资工作通报".to_string(),
            issue: settings.issue(month),
            issuer: settings.issuer.clone(),
            date: issue_date(month),
        },
        Block::Title(format!(
            "{county}{}年1-{}月招商引资工作情况",
            month.year, month.month
        )),
    ];
    let mut sections: Vec<(&str, Vec<Block>)> = vec![
        ("总体情况", overall(county, regions)),
        ("各单位完成情况", by_unit(regions, &settings.indicators)),
        (
            "需要关注的问题",
            attention(
                regions,
                &settings.indicators,
                bulletin.notes.yellow_card_ratio,
            ),
        ),
    ];
    let peers = bulletin
        .peers
        .map(|p| crate::report::peers::peer_sentences_in(county, p, amount_in_words))
        .unwrap_or_default();
    if !peers.is_empty() {
        sections.push((
            "在周边县市中的位置",
            peers.into_iter().map(Block::Body).collect(),
        ));
    }
    for (i, (heading, body)) in sections.into_iter().enumerate() {
        blocks.push(Block::Heading1(format!("{}、{heading}", NUMERALS[i])));
        blocks.extend(body);
    }
    if !charts.is_empty() {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Heading1("附件".to_string()));
        for (i, chart) in charts.iter().enumerate() {
            blocks.push(Block::Figure {
                png: chart.png.clone(),
                caption: format!("图{}　{}", i + 1, chart.title),
            });
        }
    }
    blocks
}

/// The month after the report month with the day left blank for the editor:
/// the bytes must not depend on the day the program ran.
fn issue_date(month: YearMonth) -> String {
    let next = YearMonth::from_index(month.index() + 1).unwrap_or(month);
    format!("{}年{}月　日", next.year, next.month)
}

/// 一、总体情况: 时序进度, the county's indicators, 资金到位率.
fn overall(county: &str, regions: &RegionFigures) -> Vec<Block> {
    let month = regions.month;
    let county_row = county_row(regions);
    let wording = Wording {
        scope: &scope_of(county),
        amount: amount_in_words,
    };
    let sentence =
        |i: Indicator| headline_sentence_in(month, i, &figure_of(county_row, i), wording);
    let mut foreign: String = [
        Indicator::ContractedFdi,
        Indicator::RegisteredFdi,
        Indicator::ArrivedFdi,
    ]
    .into_iter()
    .map(sentence)
    .collect();
    foreign.insert_str(
        0,
        &format!(
            "今年1-{}月时序进度为{:.1}%。",
            month.month, regions.progress
        ),
    );
    if let Some(rate) = arrival_rate_sentence(county_row, wording) {
        foreign.push_str(&rate);
    }
    let domestic: String = [Indicator::DomesticRegistered, Indicator::DomesticArrived]
        .into_iter()
        .map(sentence)
        .collect();
    vec![Block::Body(foreign), Block::Body(domestic)]
}

fn county_row(regions: &RegionFigures) -> &RegionRow {
    regions
        .rows
        .iter()
        .find(|r| r.kind == RowKind::County)
        .expect("the by-region figures always end with the county row")
}

const KINDS: [UnitKind; 2] = [UnitKind::Zone, UnitKind::Town];

/// 二、各单位完成情况: per kind, a table per indicator.
fn by_unit(regions: &RegionFigures, indicators: &[Indicator]) -> Vec<Block> {
    let mut blocks = vec![Block::Body(format!(
        "各单位完成情况见下表。排名在{}内按完成年计划（%）排列；进度差为完成（%）与时序进度（{:.1}%）之差，单位为百分点。",
        KINDS.map(|k| k.name_zh()).join("、"),
        regions.progress
    ))];
    let mut number = 0;
    for (k, kind) in KINDS.into_iter().enumerate() {
        if !regions.rows.iter().any(|r| r.kind == RowKind::Unit(kind)) {
            continue;
        }
        blocks.push(Block::Heading2(format!(
            "（{}）{}",
            NUMERALS[k],
            kind.name_zh()
        )));
        for &indicator in indicators {
            number += 1;
            blocks.push(Block::Table {
                caption: format!(
                    "表{number}　{}{}完成情况（{}）",
                    kind.name_zh(),
                    indicator.name_zh(),
                    indicator.unit_zh()
                ),
                table: unit_table(regions, kind, indicator),
            });
        }
    }
    blocks
}

/// 三、需要关注的问题: 脱幅 and 双脱幅 per kind, 黄牌, 未破零, and the units
/// whose figures for the month are missing or not used.
fn attention(regions: &RegionFigures, indicators: &[Indicator], yellow_ratio: f64) -> Vec<Block> {
    let mut blocks = vec![Block::Body(behind_sentence(regions))];
    for kind in KINDS {
        if let Some(s) = shortfall_sentence(regions, kind, indicators) {
            blocks.push(Block::Body(s));
        }
    }
    let lines = flag_lines_for(regions, indicators);
    let named = |suffix: &str| -> Vec<String> {
        lines
            .iter()
            .filter(|(what, _, names)| what.ends_with(suffix) && !names.is_empty())
            .map(|(what, count, names)| format!("{what}{count}个：{names}"))
            .collect()
    };
    let yellow = named("黄牌");
    if !yellow.is_empty() {
        blocks.push(Block::Body(format!(
            "完成年计划低于时序进度{:.0}%、给予黄牌警告的：{}。",
            yellow_ratio * 100.0,
            yellow.join("；")
        )));
    }
    let zero = named("未破零");
    if !zero.is_empty() {
        blocks.push(Block::Body(format!(
            "今年以来尚未破零的：{}。",
            zero.join("；")
        )));
    }
    blocks.push(Block::Body(receipt_sentence(regions)));
    blocks
}

/// "有7个镇的合同外资出现脱幅（青山镇31.0个百分点、…），…，其中5个镇为双脱幅（…）。"
fn shortfall_sentence(
    regions: &RegionFigures,
    kind: UnitKind,
    indicators: &[Indicator],
) -> Option<String> {
    let of_kind: Vec<&RegionRow> = units(regions)
        .filter(|r| r.kind == RowKind::Unit(kind))
        .collect();
    let name = kind.name_zh();
    let mut parts = Vec::new();
    for &indicator in indicators {
        let behind: Vec<String> = of_kind
            .iter()
            .filter(|r| r.shortfall.contains(&indicator))
            .filter_map(|r| {
                let gap = figure_of(r, indicator).gap?;
                Some(format!("{}脱幅{:.1}个百分点", r.name, -gap))
            })
            .collect();
        if !behind.is_empty() {
            parts.push(format!(
                "有{}个{name}的{}出现脱幅（{}）",
                behind.len(),
                indicator.name_zh(),
                behind.join("、")
            ));
        }
    }
    let double: Vec<&str> = of_kind
        .iter()
        .filter(|r| r.double_shortfall)
        .map(|r| r.name.as_str())
        .collect();
    if parts.is_empty() && double.is_empty() {
        return None;
    }
    let mut s = format!("{name}中，{}", parts.join("，"));
    if !double.is_empty() {
        if !parts.is_empty() {
            s.push('，');
        }
        s.push_str(&format!(
            "其中{}个{name}为双脱幅（{}）",
            double.len(),
            double.join("、")
        ));
    }
    s.push('。');
    Some(s)
}

/// The units that did not send the month, and those whose file was not used.
fn receipt_sentence(regions: &RegionFigures) -> String {
    let with = |receipt: Receipt| -> Vec<&str> {
        units(regions)
            .filter(|r| r.receipt == Some(receipt))
            .map(|r| r.name.as_str())
            .collect()
    };
    let (missing, rejected) = (with(Receipt::Missing), with(Receipt::Rejected));
    let month = regions.month.month;
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!(
            "{month}月未报送报表的单位{}个：{}",
            missing.len(),
            missing.join("、")
        ));
    }
    if !rejected.is_empty() {
        parts.push(format!(
            "报表有错误、{month}月数据未采用的单位{}个：{}（问题详见审核清单）",
            rejected.len(),
            rejected.join("、")
        ));
    }
    if parts.is_empty() {
        format!("{month}月各单位均按时报送，报表全部采用。")
    } else {
        format!("{}。", parts.join("；"))
    }
}
