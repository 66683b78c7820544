//! What the Word 通报 says, block by block, built from the same figures as the
//! workbook (the by-region rows, the 概览 sentences, the peer sentences); the
//! layout is applied in `layout`. Nothing here computes a figure.

use super::tables::{unit_table, UnitTable};
use crate::aggregate::region::RegionFigures;
use crate::audit::receipts::Receipt;
use crate::config::DocumentSettings;
use crate::foundation::model::{Indicator, YearMonth};
use crate::report::Bulletin;
use crate::report::{sentences, sentences_rmb};

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
    /// A chart image (PNG bytes) and its caption (图1 …).
    Figure { png: Vec<u8>, caption: String },
}

/// A chart image as drawn (the PNG's bytes, not read back from disk) and its title.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub png: Vec<u8>,
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
    charts: Vec<Chart>,
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
        ("总体情况", overall(bulletin)),
        ("各单位完成情况", by_unit(regions, &settings.indicators)),
        ("需要关注的问题", attention(bulletin)),
    ];
    let peers = bulletin
        .peers
        .map(|p| crate::report::peers::peer_sentences(county, p))
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
        for (i, chart) in charts.into_iter().enumerate() {
            blocks.push(Block::Figure {
                png: chart.png,
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

/// 一、总体情况: 时序进度 (with how it was set) and 招商引资总额; foreign
/// capital, 资金到位率 and the top source; domestic capital; new enterprises,
/// projects by 总投资 and (when some unit's forms have the column) stages.
fn overall(bulletin: &Bulletin) -> Vec<Block> {
    let standing = bulletin.standing;
    let month = standing.month;
    let scope = bulletin.scope;
    let rmb = sentences_rmb::rmb_sentences(bulletin);
    let sentence = |i: Indicator| sentences::headline(month, scope, i, &standing.county[i]);
    let total = format!(
        "今年{}时序进度为{:.1}%（{}）。{}",
        sentences::period(month),
        standing.progress,
        bulletin.regions.progress_basis,
        rmb.attracted
    );
    let mut foreign: String = [
        Indicator::ContractedFdi,
        Indicator::RegisteredFdi,
        Indicator::ArrivedFdi,
    ]
    .into_iter()
    .map(sentence)
    .collect();
    foreign.extend(sentences::arrival_rate(standing, scope));
    foreign.extend(standing.top_source.as_ref().map(sentences::top_source));
    let domestic: String = [Indicator::DomesticRegistered, Indicator::DomesticArrived]
        .into_iter()
        .map(sentence)
        .collect();
    let mut projects = rmb.projects;
    projects.extend(rmb.stages);
    [total, foreign, domestic, projects]
        .into_iter()
        .map(Block::Body)
        .collect()
}

/// 二、各单位完成情况: per kind, a table per indicator.
fn by_unit(regions: &RegionFigures, indicators: &[Indicator]) -> Vec<Block> {
    let kinds = regions.kinds_present();
    let names: Vec<&str> = kinds.iter().map(|&k| regions.kinds.name(k)).collect();
    let mut blocks = vec![Block::Body(format!(
        "各单位完成情况见下表。排名在{}内分别按完成年计划（%）排列；进度差为完成（%）与时序进度（{:.1}%）之差，单位为百分点；小计的完成（%）只计有年度目标的单位，累计计入全部单位。",
        names.join("、"),
        regions.progress
    ))];
    let mut number = 0;
    for (k, &kind) in kinds.iter().enumerate() {
        let name = regions.kinds.name(kind);
        blocks.push(Block::Heading2(format!(
            "（{}）{name}",
            NUMERALS.get(k).copied().unwrap_or("十")
        )));
        for &indicator in indicators {
            number += 1;
            blocks.push(Block::Table {
                caption: format!(
                    "表{number}　{name}{}完成情况（{}）",
                    indicator.name_zh(),
                    indicator.unit_zh()
                ),
                table: unit_table(regions, kind, indicator),
            });
        }
    }
    blocks
}

/// 三、需要关注的问题: kind by kind 脱幅 and 双脱幅, 黄牌, then 未破零, and
/// the units whose figures for the month are missing or not used.
fn attention(bulletin: &Bulletin) -> Vec<Block> {
    let register = bulletin.register();
    let mut blocks: Vec<Block> =
        sentences::units_sentences(bulletin.standing, &register.behind_on, &register.yellow_on)
            .into_iter()
            .map(Block::Body)
            .collect();
    if blocks.is_empty() {
        blocks.push(Block::Body(
            "各单位均未出现脱幅，没有单位受到黄牌警告，均已破零。".to_string(),
        ));
    }
    blocks.push(Block::Body(receipt_sentence(bulletin.regions)));
    blocks
}

/// The units that did not send the month, and those whose file was not used.
fn receipt_sentence(regions: &RegionFigures) -> String {
    let with = |receipt: Receipt| -> Vec<&str> {
        regions
            .units()
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
