//! Project stages from the optional detail columns 项目阶段 (意向 / 签约 /
//! 开工 / 投产 and their synonyms, by the word inside the cell) and 开工日期 /
//! 投产日期: each row of a table that has one of them gives one count per
//! stage, 1 for the stages it reached in the month and 0 for the others, so
//! that a unit whose form has the column shows 0 and one whose form has not
//! shows nothing ("—").

use super::cells::{Recorder, TableContext};
use super::dates::parse_date_cell;
use crate::foundation::fact::Fact;
use crate::foundation::form_words::Column;
use crate::foundation::issue::Rule;
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::text::normalize_label;
use chrono::Datelike;

/// A project's stage, by the word inside the cell: 投产 (竣工, 试生产, 达产,
/// 运营), then 开工 (在建, 动工, 施工, 建设), then 签约 (签订, 协议, 合同,
/// 注册, 落户), then 意向 (洽谈, 在谈, 储备, 对接). "未开工" and the like are
/// the stage before. `None` for anything else.
pub fn stage_of(text: &str) -> Option<Indicator> {
    let t = normalize_label(text);
    if t.is_empty() || t.chars().count() > 12 {
        return None;
    }
    // "已签约未开工": what is not yet done says nothing.
    let mut t = t;
    for not_yet in ["未投产", "未开工", "未签约", "待开工", "待投产"] {
        t = t.replace(not_yet, "");
    }
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["投产", "竣工", "试生产", "达产", "运营", "生产"]) {
        Some(Indicator::ProducingCount)
    } else if has(&["开工", "在建", "动工", "施工", "建设"]) {
        Some(Indicator::StartedCount)
    } else if has(&["签约", "签订", "已签", "协议", "合同", "注册", "落户"]) {
        Some(Indicator::SignedCount)
    } else if has(&["意向", "洽谈", "在谈", "储备", "对接", "拟"]) {
        Some(Indicator::IntentCount)
    } else {
        None
    }
}

/// Whether the table says anything of stages.
fn has_stage_columns(ctx: &TableContext) -> bool {
    [Column::Stage, Column::StartDate, Column::OperationDate]
        .into_iter()
        .any(|c| ctx.table.col(c).is_some())
}

/// The row's four stage counts, made by `fact(period, indicator, count, col)`; none
/// when the table has no stage column or the file has no period.
pub(super) fn read_stages(
    ctx: &TableContext,
    row: u32,
    rec: &mut Recorder,
    fact: impl Fn(YearMonth, Indicator, f64, u32) -> Fact,
) -> Vec<Fact> {
    let Some(period) = ctx.period else {
        return Vec::new();
    };
    if !has_stage_columns(ctx) {
        return Vec::new();
    }
    let mut reached: Vec<Indicator> = Vec::new();
    if let Some((text, col)) = ctx.text(row, Column::Stage) {
        match stage_of(&text) {
            Some(stage) => reached.push(stage),
            None => rec.at(
                Rule::StageUnknown,
                &ctx.sheet.name,
                row,
                col,
                &text,
                "项目阶段应为「意向」「签约」「开工」或「投产」；该项目未计入项目进度，金额照常统计"
                    .to_string(),
            ),
        }
    }
    for (column, stage) in [
        (Column::StartDate, Indicator::StartedCount),
        (Column::OperationDate, Indicator::ProducingCount),
    ] {
        if in_month(ctx, row, column, period, rec) && !reached.contains(&stage) {
            reached.push(stage);
        }
    }
    let col = ctx.col_or_first(Column::Stage);
    Indicator::STAGES
        .into_iter()
        .map(|stage| {
            let count = f64::from(u8::from(reached.contains(&stage)));
            fact(period, stage, count, col)
        })
        .collect()
}

/// Whether the date in `column` falls in the report month; a cell that is
/// not a date is a warning at that cell.
fn in_month(
    ctx: &TableContext,
    row: u32,
    column: Column,
    period: YearMonth,
    rec: &mut Recorder,
) -> bool {
    let Some((cell, col)) = ctx.cell(row, column) else {
        return false;
    };
    match parse_date_cell(cell) {
        Ok(Some(date)) => date.year() == period.year && date.month() == period.month,
        Ok(None) => false,
        // The reason is not in the message: the unit is told the accepted forms.
        Err(_) => {
            rec.at(
                Rule::DateInvalid,
                &ctx.sheet.name,
                row,
                col,
                &cell.display(),
                format!(
                    "「{}」不是日期，应写作如 2026年3月5日 或 2026-03-05；该项目未按此日期计入项目进度",
                    column.name_zh()
                ),
            );
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_by_the_word_inside() {
        use Indicator::{IntentCount, ProducingCount, SignedCount, StartedCount};
        for (text, stage) in [
            ("意向", IntentCount),
            ("洽谈中", IntentCount),
            ("签约", SignedCount),
            ("已签约", SignedCount),
            ("已签约未开工", SignedCount),
            ("签订协议", SignedCount),
            ("开工", StartedCount),
            ("新开工", StartedCount),
            ("在建", StartedCount),
            ("开工建设", StartedCount),
            ("投产", ProducingCount),
            ("竣工投产", ProducingCount),
            ("试生产", ProducingCount),
        ] {
            assert_eq!(stage_of(text), Some(stage), "{text}");
        }
        assert_eq!(stage_of("见附件"), None);
        assert_eq!(stage_of(""), None);
    }
}
