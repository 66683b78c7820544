//! Turns one located submission into typed facts in canonical units. Every cell
//! that cannot be used becomes an issue at that cell; nothing becomes a silent 0.

use super::cells::{Recorder, TableContext};
use super::detail::{read_detail, ColumnTotal};
use super::meta::{read_meta, Found, Meta};
use super::summary_sheet::{read_summary, read_wide_summary, summary_as_facts, SummaryLine};
use crate::foundation::fact::Fact;
use crate::foundation::form_words::Column;
use crate::foundation::issue::{a1, Issue, Location, Rule};
use crate::foundation::model::YearMonth;
use crate::foundation::unit_id::UnitId;
use crate::foundation::unit_phrases::{stated_units, unit_phrases};
use crate::ingest::locate::TableKind;
use crate::ingest::workbook::RawSheet;
use crate::ingest::{RawSubmission, SubmissionFile};
use crate::reference::Reference;
use std::sync::Arc;

/// One submission after normalisation.
#[derive(Clone, Debug)]
pub struct NormalizedSubmission {
    pub file: SubmissionFile,
    /// SHA-256 of the file as received; `None` when it could not be read.
    pub sha256: Option<String>,
    /// The length of the file as received (0 when it could not be read).
    pub bytes: u64,
    pub unit: Option<UnitId>,
    pub period: Option<YearMonth>,
    pub report_date: Option<String>,
    pub facts: Vec<Fact>,
    pub summary: Vec<SummaryLine>,
    pub column_totals: Vec<ColumnTotal>,
    pub has_detail: bool,
    pub issues: Vec<Issue>,
}

impl NormalizedSubmission {
    /// A submission that could not be read at all.
    pub fn failed(file: &SubmissionFile, issue: Issue) -> NormalizedSubmission {
        NormalizedSubmission {
            file: file.clone(),
            sha256: None,
            bytes: 0,
            unit: None,
            period: file.folder_month,
            report_date: None,
            facts: Vec::new(),
            summary: Vec::new(),
            column_totals: Vec::new(),
            has_detail: false,
            issues: vec![issue],
        }
    }

    /// A file that could not be read: its one issue, and the unit its name
    /// gives. The month it is for is unknown, so the issue carries that of
    /// the folder it was placed in.
    pub fn unread(
        file: &SubmissionFile,
        reference: &Reference,
        issue: Issue,
    ) -> NormalizedSubmission {
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let unit = reference
            .regions
            .find_in_file_name(stem)
            .map(|r| r.name.clone());
        let issue = issue.filed_under(unit.as_ref(), file.folder_month);
        NormalizedSubmission {
            unit,
            period: None,
            ..NormalizedSubmission::failed(file, issue)
        }
    }

    /// A file whose reader panicked: `file.unreadable` for this file alone.
    pub fn reader_failed(
        file: &SubmissionFile,
        reference: &Reference,
        why: &str,
    ) -> NormalizedSubmission {
        let issue = Issue::new(
            Rule::FileUnreadable,
            Location::file(&file.name),
            None,
            format!(
                "读取该工作簿时程序出错，未能读取（文件可能已损坏或被改写）；请在 Excel/WPS 中另存为 .xlsx 后重新报送。其他单位的报表不受影响（详情：{why}）"
            ),
        );
        NormalizedSubmission::unread(file, reference, issue)
    }
}

/// Normalises one submission against the reference data.
pub fn normalize_submission(raw: &RawSubmission, reference: &Reference) -> NormalizedSubmission {
    let mut rec = Recorder {
        file: &raw.file.name,
        issues: raw.notes.clone(),
    };
    let metas: Vec<Meta> = raw.tables.iter().map(|t| read_meta(&t.meta)).collect();
    let unit = resolve_unit(raw, &metas, reference, &mut rec);
    let period = resolve_period(raw, &metas, &mut rec);
    let report_date = metas
        .iter()
        .find_map(|m| m.report_date.as_ref().map(|d| d.value.clone()));
    let mut out = NormalizedSubmission {
        file: raw.file.clone(),
        sha256: None,
        bytes: 0,
        unit: unit.clone(),
        period,
        report_date,
        facts: Vec::new(),
        summary: Vec::new(),
        column_totals: Vec::new(),
        has_detail: raw.tables.iter().any(|t| t.kind == TableKind::Detail),
        issues: Vec::new(),
    };
    // A file whose unit is not known is rejected; its facts go under no name.
    let unit_name = unit.unwrap_or_else(|| UnitId::from(""));
    let file_name: Arc<str> = Arc::from(raw.file.name.as_str());
    for (table, meta) in raw.tables.iter().zip(&metas) {
        let sheet = &raw.sheets[table.sheet];
        let ctx = TableContext {
            names: (file_name.clone(), Arc::from(sheet.name.as_str())),
            sheet,
            table,
            meta,
            unit: &unit_name,
            period,
            reference,
        };
        check_table_shape(&ctx, &mut rec);
        match table.kind {
            TableKind::Detail => {
                read_detail(&ctx, &mut out.facts, &mut out.column_totals, &mut rec)
            }
            TableKind::Summary => read_summary(&ctx, &mut out.summary, &mut rec),
            TableKind::WideSummary => {
                read_wide_summary(&ctx, &mut out.summary, &mut out.column_totals, &mut rec)
            }
        }
    }
    if !out.has_detail {
        out.facts = summary_as_facts(&out.summary, out.period, &raw.file.name, &unit_name);
    }
    out.issues = (rec.issues.into_iter())
        .map(|issue| issue.filed_under(out.unit.as_ref(), out.period))
        .collect();
    out
}

/// Columns the detail cannot do without, and numbers left below the footer.
fn check_table_shape(ctx: &TableContext, rec: &mut Recorder) {
    let (table, sheet) = (ctx.table, &ctx.sheet.name);
    if table.kind == TableKind::Detail {
        for (column, why) in [
            (Column::Source, "按来源地分析"),
            (Column::Industry, "按行业分析"),
            (Column::Event, "区分新设、增资、减资和到资"),
        ] {
            if table.col(column).is_some() {
                continue;
            }
            // Without 事项 the 新设 count and the sign of a 减资 are unknowable;
            // without 来源地 or 行业 only a breakdown is.
            let (rule, what) = if column == Column::Event {
                (
                    Rule::MissingColumn,
                    "新设企业数和减资无法统计，请补上该列后重报",
                )
            } else {
                (
                    Rule::MissingOptionalColumn,
                    "金额照常统计，请今后按局里的表式补上该列",
                )
            };
            rec.at(
                rule,
                sheet,
                table.header_row,
                0,
                "",
                format!(
                    "项目明细缺少「{}」列（{why}需要）；{what}",
                    column.name_zh()
                ),
            );
        }
    }
    check_units(ctx, rec);
    if !table.unknown.is_empty() {
        let label_row = table.header_row + table.header_rows - 1;
        let listed: Vec<String> = table
            .unknown
            .iter()
            .map(|(col, text)| format!("{}「{text}」", a1(label_row, *col)))
            .collect();
        rec.at(
            Rule::UnknownColumn,
            sheet,
            label_row,
            table.unknown[0].0,
            &table.unknown[0].1,
            format!(
                "表头中这些列不是报表的列，未读取：{}；如其中有应统计的数据，请按局里的表式填写",
                listed.join("、")
            ),
        );
    }
    let hidden = &ctx.sheet.hidden_cells;
    for column in table.columns.iter().filter(|h| hidden.col(h.col)) {
        let label_row = table.header_row + table.header_rows - 1;
        rec.at(
            Rule::HiddenColumn,
            sheet,
            label_row,
            column.col,
            &ctx.sheet.cell(label_row, column.col).display(),
            format!(
                "「{}」列被隐藏，但其中的数据已读取并计入；如该列不应上报，请删除后重报",
                column.column.name_zh()
            ),
        );
    }
    for &row in table
        .data_rows
        .iter()
        .chain(table.totals.iter().map(|t| &t.row))
        .filter(|&&r| hidden.row(r))
    {
        rec.at(
            Rule::HiddenRow,
            sheet,
            row,
            0,
            &row_text(ctx.sheet, row),
            "这一行被隐藏，但其中的数据已计入（与 Excel 合计公式一致）；如该行不应上报，请删除后重报".to_string(),
        );
    }
    for &row in &table.after_footer {
        rec.at(
            Rule::RowAfterFooter,
            sheet,
            row,
            0,
            &row_text(ctx.sheet, row),
            "「填表人」等表尾之后还有数字，这一行未统计；如是数据，请移到合计行之前".to_string(),
        );
    }
}

/// Units that contradict each other: two for the same amounts in the text
/// above the table, or a header's unit in the same currency as the units line
/// but another magnitude ("单位：万美元" over "合同外资（美元）"). A header in
/// another currency ("总投资（万元）") states that column's unit and is no
/// contradiction.
fn check_units(ctx: &TableContext, rec: &mut Recorder) {
    let sheet = &ctx.sheet.name;
    if let Some(conflict) = &ctx.meta.unit_conflict {
        rec.at(
            Rule::MoneyUnitConflict,
            sheet,
            conflict.row,
            conflict.col,
            &conflict.raw,
            format!(
                "表头上方写了两个不同的金额单位「{}」和「{}」，无法判断金额的单位；请只保留一个（内资另有单位的请写明「内资为万元」）",
                conflict.value.first, conflict.value.second
            ),
        );
    }
    let Some(stated) = ctx.meta.money_unit.as_ref() else {
        return;
    };
    let label_row = ctx.table.header_row + ctx.table.header_rows - 1;
    for header in &ctx.table.columns {
        let Some(text) = header.unit_suffix.as_deref() else {
            continue;
        };
        let in_header = match stated_units(&unit_phrases(text)) {
            Ok(units) => units.foreign,
            Err(conflict) => Some(conflict.second),
        };
        let Some(unit) = in_header else { continue };
        if unit.currency == stated.value.currency && unit.magnitude != stated.value.magnitude {
            // The header row that holds the label: the lower one of two, or
            // the upper one where the label stands over both.
            let row = (ctx.table.header_row..=label_row)
                .rev()
                .find(|&r| !ctx.sheet.cell(r, header.col).is_blank())
                .unwrap_or(label_row);
            rec.at(
                Rule::MoneyUnitConflict,
                sheet,
                row,
                header.col,
                text,
                format!(
                    "表头「{text}」的单位是{unit}，而表头上方写的是「{}」（{}），两者矛盾，无法判断金额的单位；请改为一致后重报",
                    stated.raw, stated.value
                ),
            );
        }
    }
}

/// A row's non-blank cells as written, for an issue's raw value.
fn row_text(sheet: &RawSheet, row: u32) -> String {
    let cells: Vec<String> = sheet
        .row(row)
        .cells()
        .map(|c| c.display())
        .filter(|t| !t.trim().is_empty())
        .collect();
    cells.join(" | ")
}

fn resolve_unit(
    raw: &RawSubmission,
    metas: &[Meta],
    reference: &Reference,
    rec: &mut Recorder,
) -> Option<UnitId> {
    let mut unit: Option<(UnitId, String)> = None; // (canonical, where it was read)
    for (table, meta) in raw.tables.iter().zip(metas) {
        let Some(found) = &meta.unit_name else {
            continue;
        };
        let sheet = &raw.sheets[table.sheet].name;
        match reference.regions.find(&found.value) {
            None => rec.at(
                Rule::UnitUnknown,
                sheet,
                found.row,
                found.col,
                &found.raw,
                format!(
                    "填报单位「{}」不在单位名录中{}",
                    found.value,
                    reference.regions.suggestion(&found.value)
                ),
            ),
            Some(region) => match &unit {
                Some((name, place)) if *name != region.name => rec.at(
                    Rule::UnitMismatch,
                    sheet,
                    found.row,
                    found.col,
                    &found.raw,
                    format!("填报单位为「{}」，与{place}的「{name}」不一致", region.name),
                ),
                Some(_) => {}
                None => {
                    unit = Some((
                        region.name.clone(),
                        format!("工作表「{sheet}」{}", a1(found.row, found.col)),
                    ))
                }
            },
        }
    }
    // No 填报单位 line: the title may name the unit ("2026年10月东镇招商引资…").
    if unit.is_none() && !rec.issues.iter().any(|i| i.rule == Rule::UnitUnknown) {
        unit = raw.tables.iter().find_map(|table| {
            let sheet = &raw.sheets[table.sheet].name;
            table.meta.iter().find_map(|cell| {
                let region = reference.regions.find_in_file_name(&cell.text)?;
                Some((
                    region.name.clone(),
                    format!("工作表「{sheet}」{}", a1(cell.row, cell.col)),
                ))
            })
        });
    }
    let stem = raw
        .file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let from_name = reference.regions.find_in_file_name(stem);
    match (&unit, from_name) {
        (Some((name, place)), Some(region)) if *name != region.name => {
            rec.file_level(
                Rule::UnitMismatch,
                format!(
                    "文件名表明是「{}」，但{place}的填报单位是「{name}」",
                    region.name
                ),
            );
            None
        }
        (Some((name, _)), _) => Some(name.clone()),
        // A unit named only by the file name, or whose 填报单位 was not recognised:
        // the file name says whose it is (a rejected file is then 未采用, not 未报).
        (None, Some(region)) => Some(region.name.clone()),
        (None, None) => {
            if !rec.issues.iter().any(|i| i.rule == Rule::UnitUnknown) {
                rec.file_level(
                    Rule::UnitNotFound,
                    "表头的「填报单位：」和文件名都没有写明是哪个单位".to_string(),
                );
            }
            None
        }
    }
}

/// The month: the folder the file was placed in when there is one, else the
/// title, else the file name. Any of them naming another month is an error.
fn resolve_period(raw: &RawSubmission, metas: &[Meta], rec: &mut Recorder) -> Option<YearMonth> {
    let stem = raw
        .file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let titles: Vec<(usize, &Found<YearMonth>)> = raw
        .tables
        .iter()
        .zip(metas)
        .filter_map(|(table, meta)| Some((table.sheet, meta.period.as_ref()?)))
        .collect();
    let (month, authority) = match (
        raw.file.folder_month,
        titles.first(),
        period_in_file_name(stem),
    ) {
        (Some(m), _, _) => (m, format!("文件放在 {m} 的目录中")),
        (None, Some((sheet, found)), _) => (
            found.value,
            format!(
                "工作表「{}」的标题写的是 {}",
                raw.sheets[*sheet].name, found.value
            ),
        ),
        (None, None, Some(m)) => (m, format!("文件名写的是 {m}")),
        (None, None, None) => {
            rec.file_level(
                Rule::PeriodNotFound,
                "标题和文件名都没有写明是哪年哪月的报表（如「2026年10月」）".to_string(),
            );
            return None;
        }
    };
    // Every place that names another month, said once: one reason at the
    // first such title (or for the file), the other places named in it.
    let wrong: Vec<(usize, &Found<YearMonth>)> = titles
        .iter()
        .filter(|(_, found)| found.value != month)
        .copied()
        .collect();
    let named = period_in_file_name(stem).filter(|m| *m != month);
    let mut others: Vec<String> = wrong
        .iter()
        .skip(1)
        .map(|(sheet, found)| {
            format!(
                "工作表「{}」{} 的标题写的是 {}",
                raw.sheets[*sheet].name,
                a1(found.row, found.col),
                found.value
            )
        })
        .collect();
    match wrong.first() {
        Some((sheet, found)) => {
            others.extend(named.map(|m| format!("文件名写的是 {m}")));
            let also = if others.is_empty() {
                String::new()
            } else {
                format!("（{}）", others.join("，"))
            };
            rec.at(
                Rule::PeriodMismatch,
                &raw.sheets[*sheet].name,
                found.row,
                found.col,
                &found.raw,
                format!("标题所写月份为 {}，但{authority}{also}", found.value),
            );
        }
        None => match named {
            Some(named) => rec.file_level(
                Rule::PeriodMismatch,
                format!("文件名所写月份为 {named}，但{authority}"),
            ),
            None => return Some(month),
        },
    }
    None
}

/// A month written in a file name: "东镇_2026-10", "2026年10月东镇", "东镇2026.9".
pub fn period_in_file_name(stem: &str) -> Option<YearMonth> {
    let chars: Vec<char> = stem.chars().collect();
    (0..chars.len().saturating_sub(5)).find_map(|i| {
        let year: String = chars[i..i + 4].iter().collect();
        let starts_clean = i == 0 || !chars[i - 1].is_ascii_digit();
        if !starts_clean || !year.starts_with("20") || !year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if !matches!(chars[i + 4], '-' | '.' | '_' | '年') {
            return None;
        }
        let month: String = chars[i + 5..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if month.is_empty() || month.len() > 2 {
            return None;
        }
        // "2026年1～10月", "2026年1-10月份": the last month of the range.
        let after = i + 5 + month.len();
        let month = match chars.get(after) {
            Some('-' | '—' | '~' | '～' | '至' | '－') => {
                let end: String = chars[after + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                let closes = chars.get(after + 1 + end.len()) == Some(&'月');
                if !end.is_empty() && end.len() <= 2 && closes {
                    end
                } else {
                    month
                }
            }
            _ => month,
        };
        YearMonth::new(year.parse().ok()?, month.parse().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_file_names() {
        let oct = YearMonth::new(2026, 10);
        assert_eq!(period_in_file_name("东镇_2026-10"), oct);
        assert_eq!(period_in_file_name("2026年10月东镇报表"), oct);
        assert_eq!(period_in_file_name("东镇（2026年1～10月）"), oct);
        assert_eq!(period_in_file_name("东镇2026年1-10月份汇总"), oct);
        assert_eq!(period_in_file_name("东镇2026.10更正"), oct);
        assert_eq!(period_in_file_name("东镇(2)"), None);
        assert_eq!(period_in_file_name("东镇_12026-10"), None);
        assert_eq!(period_in_file_name("报表20261"), None);
    }
}
