//! Finds the table of a prefecture's bulletin of its counties ("××市各县（市、区）
//!利用外资情况"): a column of county names and, for each indicator, a group of
//! columns — 累计, 去年同期, 同比%, 年计划, 完成% — under a one- or two-row
//! header, often merged ("注册外资" over "1-10月 | 同比%"); the county rows; the
//! 合计 / 全市 row; the title and units text above. Nothing is interpreted here.

use super::locate::{group_label, is_footer, meta_cells, spans_from_above, MetaCell};
use super::workbook::{RawCell, RawSheet, Row};
use crate::foundation::form_words::LabelSynonyms;
use crate::foundation::model::Indicator;
use crate::foundation::text::{is_total_label, normalize_label, split_suffix};

const HEADER_SEARCH_ROWS: u32 = 12;

/// What a column under an indicator holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PeerMeasure {
    /// 1-N月累计.
    Cumulative,
    /// 去年同期.
    LastYear,
    /// 同比±%, in percent.
    YoyPercent,
    /// 年计划 (the year's target).
    Plan,
    /// 完成年计划%, in percent.
    CompletionPercent,
    /// Read past on purpose: 本月, 位次, 占比 (worked out anew here).
    NotUsed,
}

impl PeerMeasure {
    pub fn name_zh(self) -> &'static str {
        match self {
            PeerMeasure::Cumulative => "累计",
            PeerMeasure::LastYear => "去年同期",
            PeerMeasure::YoyPercent => "同比(%)",
            PeerMeasure::Plan => "年计划",
            PeerMeasure::CompletionPercent => "完成(%)",
            PeerMeasure::NotUsed => "不使用",
        }
    }

    /// Whether the column is an amount in the indicator's money unit.
    pub fn is_amount(self) -> bool {
        matches!(
            self,
            PeerMeasure::Cumulative | PeerMeasure::LastYear | PeerMeasure::Plan
        )
    }
}

/// Reads a sub-label ("1-10月", "同比±%", "上年同期", "完成年计划%") as a
/// measure. `None` when it is none of them.
pub fn measure_of(label: &str) -> Option<PeerMeasure> {
    let (bare, _) = split_suffix(label);
    let bare = bare.trim_end_matches('%');
    let has = |words: &[&str]| words.iter().any(|w| bare.contains(w));
    if bare.is_empty() {
        return None;
    }
    if has(&[
        "位次", "排名", "排序", "名次", "占比", "比重", "本月", "当月",
    ]) {
        return Some(PeerMeasure::NotUsed);
    }
    if bare.ends_with('额') && has(&["增", "减"]) {
        // 增减额 = 累计 − 去年同期, an amount worked out anew here.
        return Some(PeerMeasure::NotUsed);
    }
    if has(&["同比", "增幅", "增长", "增减", "±"]) {
        return Some(PeerMeasure::YoyPercent);
    }
    if has(&["完成"]) && (label.contains('%') || has(&["计划", "进度", "率", "比例", "目标"]))
        || bare.starts_with("占年")
        || bare.starts_with("为年计划")
    {
        return Some(PeerMeasure::CompletionPercent);
    }
    if has(&["同期"]) {
        return Some(PeerMeasure::LastYear);
    }
    if has(&["计划", "目标", "任务"]) {
        return Some(PeerMeasure::Plan);
    }
    let months = bare
        .trim_end_matches("累计")
        .trim_end_matches('月')
        .split(['-', '—', '~', '至'])
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if months
        || bare.ends_with("累计")
        || [
            "金额",
            "完成额",
            "完成数",
            "实际",
            "总额",
            "数额",
            "本年",
            "今年",
            "本期",
        ]
        .contains(&bare)
    {
        return Some(PeerMeasure::Cumulative);
    }
    None
}

/// The indicator a header label starts with, and what follows it:
/// "注册外资1-10月累计(亿美元)" → (注册外资, "1-10月累计(亿美元)").
pub fn indicator_prefix(label: &str, labels: &LabelSynonyms) -> Option<(Indicator, String)> {
    let label = labels.standard(&normalize_label(label));
    let (bare, _) = split_suffix(&label);
    if let Some(i) = Indicator::from_label(bare) {
        return Some((i, label[bare.len()..].to_string()));
    }
    Indicator::ALL
        .iter()
        .flat_map(|&i| i.synonyms().iter().map(move |s| (i, *s)))
        .filter(|(_, s)| label.starts_with(s))
        .max_by_key(|(_, s)| s.len())
        .map(|(i, s)| (i, label[s.len()..].to_string()))
}

/// A column read from the header.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerColumn {
    pub col: u32,
    pub indicator: Indicator,
    pub measure: PeerMeasure,
    /// The unit in the header text, "(亿美元)", of the column or its group label.
    pub unit_suffix: Option<String>,
    /// The header as written, for messages ("注册外资 / 1-10月").
    pub label: String,
}

/// A header cell under an indicator that says nothing this program knows.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownHeader {
    pub row: u32,
    pub col: u32,
    pub text: String,
}

/// One located bulletin table.
#[derive(Clone, Debug)]
pub struct PeerTable {
    pub sheet: usize,
    pub header_row: u32,
    pub header_rows: u32,
    /// The column of county names.
    pub name_col: u32,
    pub columns: Vec<PeerColumn>,
    pub unknown: Vec<UnknownHeader>,
    /// County rows (every non-blank row that is not a total).
    pub rows: Vec<u32>,
    /// 合计 / 全市 rows.
    pub totals: Vec<u32>,
    /// Title and units text above the header.
    pub meta: Vec<MetaCell>,
}

impl PeerTable {
    /// The column of `measure` under `indicator`, if the bulletin has one.
    pub fn column(&self, indicator: Indicator, measure: PeerMeasure) -> Option<&PeerColumn> {
        self.columns
            .iter()
            .find(|c| c.indicator == indicator && c.measure == measure)
    }

    /// The indicators in the order the bulletin shows them.
    pub fn indicators(&self) -> Vec<Indicator> {
        let mut out: Vec<Indicator> = Vec::new();
        for c in &self.columns {
            if !out.contains(&c.indicator) {
                out.push(c.indicator);
            }
        }
        out
    }
}

/// Labels of the county column.
const NAME_LABELS: [&str; 10] = [
    "县市",
    "县市区",
    "县(市、区)",
    "县(市,区)",
    "县(市)区",
    "地区",
    "单位",
    "名称",
    "县区",
    "板块",
];

/// Names of the prefecture's total row.
fn is_prefecture_total(label: &str) -> bool {
    is_total_label(label)
        || ["全市", "全市合计", "全市总计", "市合计", "全区", "全省"].contains(&label)
}

/// Locates the bulletin table on `sheet`, or `None` when it holds none.
pub fn locate_peer_table(
    sheet_index: usize,
    sheet: &RawSheet,
    labels: &LabelSynonyms,
) -> Option<PeerTable> {
    let (header_row, header_rows, columns, unknown) = (0..HEADER_SEARCH_ROWS.min(sheet.height()))
        .find_map(|r| {
        let (columns, unknown, rows) = header_at(sheet, r, labels)?;
        Some((r, rows, columns, unknown))
    })?;
    let first_data = header_row + header_rows;
    let first_indicator_col = columns.iter().map(|c| c.col).min().unwrap_or(0);
    let name_col = name_column(sheet, header_row, header_rows, first_indicator_col);
    let mut rows = Vec::new();
    let mut totals = Vec::new();
    for r in first_data..sheet.height() {
        let row = sheet.row(r);
        if row.cells().all(RawCell::is_blank) {
            continue;
        }
        if is_footer(row) || is_note(row) {
            break;
        }
        let name = normalize_label(&sheet.cell(r, name_col).display());
        if is_prefecture_total(&name) {
            totals.push(r);
        } else {
            rows.push(r);
        }
    }
    let meta = meta_cells(sheet, header_row);
    Some(PeerTable {
        sheet: sheet_index,
        header_row,
        header_rows,
        name_col,
        columns,
        unknown,
        rows,
        totals,
        meta,
    })
}

/// A line under the table: "注：…", "数据来源：…".
fn is_note(row: Row) -> bool {
    row.cells()
        .find_map(|c| c.text().filter(|t| !t.trim().is_empty()))
        .map(normalize_label)
        .is_some_and(|t| {
            ["注:", "注1", "说明", "备注", "资料来源", "数据来源", "注："]
                .iter()
                .any(|p| t.starts_with(p))
        })
}

type Header = (Vec<PeerColumn>, Vec<UnknownHeader>, u32);

/// The header at `row`: two rows where the row below holds sub-labels under
/// the indicators, else one row of "注册外资累计"-style labels.
fn header_at(sheet: &RawSheet, row: u32, labels: &LabelSynonyms) -> Option<Header> {
    let width = sheet.row(row).width();
    let names_indicator = (0..width).any(|c| {
        sheet
            .cell(row, c)
            .text()
            .is_some_and(|t| indicator_prefix(t, labels).is_some())
    });
    if !names_indicator {
        return None;
    }
    two_rows(sheet, row, labels).or_else(|| one_row(sheet, row, labels))
}

fn one_row(sheet: &RawSheet, row: u32, labels: &LabelSynonyms) -> Option<Header> {
    let mut columns = Vec::new();
    for (c, cell) in sheet.row(row).iter() {
        let Some(text) = cell.text() else { continue };
        let Some((indicator, rest)) = indicator_prefix(text, labels) else {
            continue;
        };
        let measure = if split_suffix(&rest).0.is_empty() {
            Some(PeerMeasure::Cumulative)
        } else {
            measure_of(&rest)
        };
        if let Some(measure) = measure {
            columns.push(PeerColumn {
                col: c,
                indicator,
                measure,
                unit_suffix: split_suffix(&rest).1.map(str::to_string),
                label: text.trim().to_string(),
            });
        }
    }
    (!columns.is_empty()).then_some((columns, Vec::new(), 1))
}

fn two_rows(sheet: &RawSheet, row: u32, labels: &LabelSynonyms) -> Option<Header> {
    let lower_row = sheet.get_row(row + 1)?;
    let holds_figures = lower_row
        .cells()
        .any(|c| matches!(c, RawCell::Number(_) | RawCell::Date(_)));
    if holds_figures {
        return None;
    }
    let width = sheet.row(row).width().max(lower_row.width());
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    let mut sub_labels = 0;
    for c in 0..width {
        let Some(upper) = group_label(sheet, row, c) else {
            continue;
        };
        let Some((indicator, rest)) = indicator_prefix(upper, labels) else {
            continue;
        };
        let upper_unit = split_suffix(&rest).1.map(str::to_string);
        let lower = sheet
            .cell(row + 1, c)
            .text()
            .map(str::trim)
            .filter(|t| !t.is_empty() && !spans_from_above(sheet, row, c));
        let (measure, lower_unit, label) = match lower {
            Some(lower) => {
                sub_labels += 1;
                let normalized = labels.standard(&normalize_label(lower));
                let Some(measure) = measure_of(&normalized) else {
                    unknown.push(UnknownHeader {
                        row: row + 1,
                        col: c,
                        text: lower.to_string(),
                    });
                    continue;
                };
                (
                    measure,
                    split_suffix(&normalized).1.map(str::to_string),
                    format!("{} / {lower}", upper.trim()),
                )
            }
            // A label merged down over both rows: the indicator alone is its 累计.
            None if sheet.cell(row, c).text().is_some() => {
                let measure = if split_suffix(&rest).0.is_empty() {
                    PeerMeasure::Cumulative
                } else {
                    match measure_of(&rest) {
                        Some(m) => m,
                        None => continue,
                    }
                };
                (measure, None, upper.trim().to_string())
            }
            None => continue,
        };
        columns.push(PeerColumn {
            col: c,
            indicator,
            measure,
            unit_suffix: lower_unit.or_else(|| upper_unit.clone()),
            label,
        });
    }
    (sub_labels > 0 && !columns.is_empty()).then_some((columns, unknown, 2))
}

/// The county column: the header labelled 县市 / 地区 …, else the last
/// column left of the indicators that is not 序号.
fn name_column(sheet: &RawSheet, header_row: u32, header_rows: u32, before: u32) -> u32 {
    let labelled = (0..before).find(|&c| {
        (header_row..header_row + header_rows).any(|r| {
            sheet
                .cell(r, c)
                .text()
                .map(normalize_label)
                .is_some_and(|t| NAME_LABELS.contains(&split_suffix(&t).0))
        })
    });
    labelled.unwrap_or_else(|| {
        (0..before)
            .rev()
            .find(|&c| {
                sheet
                    .cell(header_row, c)
                    .text()
                    .map(normalize_label)
                    .is_none_or(|t| t != "序号")
            })
            .unwrap_or(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_labels_as_bulletins_write_them() {
        let m = |s: &str| measure_of(&normalize_label(s));
        assert_eq!(m("1-10月"), Some(PeerMeasure::Cumulative));
        assert_eq!(m("1-10月累计"), Some(PeerMeasure::Cumulative));
        assert_eq!(m("累计(亿美元)"), Some(PeerMeasure::Cumulative));
        assert_eq!(m("金额"), Some(PeerMeasure::Cumulative));
        assert_eq!(m("去年同期"), Some(PeerMeasure::LastYear));
        assert_eq!(m("上年同期"), Some(PeerMeasure::LastYear));
        assert_eq!(m("同比±%"), Some(PeerMeasure::YoyPercent));
        assert_eq!(m("同比增长(%)"), Some(PeerMeasure::YoyPercent));
        assert_eq!(m("增幅%"), Some(PeerMeasure::YoyPercent));
        assert_eq!(m("年计划"), Some(PeerMeasure::Plan));
        assert_eq!(m("全年目标"), Some(PeerMeasure::Plan));
        assert_eq!(m("完成%"), Some(PeerMeasure::CompletionPercent));
        assert_eq!(m("完成年计划%"), Some(PeerMeasure::CompletionPercent));
        assert_eq!(m("占年计划(%)"), Some(PeerMeasure::CompletionPercent));
        assert_eq!(m("位次"), Some(PeerMeasure::NotUsed));
        assert_eq!(m("本月"), Some(PeerMeasure::NotUsed));
        assert_eq!(m("备注"), None);
    }

    #[test]
    fn indicator_then_measure_in_one_label() {
        let none = LabelSynonyms::default();
        let (i, rest) = indicator_prefix("注册外资1-10月(亿美元)", &none).unwrap();
        assert_eq!(i, Indicator::RegisteredFdi);
        assert_eq!(rest, "1-10月(亿美元)");
        let (i, rest) = indicator_prefix("实际使用外资（万美元）", &none).unwrap();
        assert_eq!(i, Indicator::ArrivedFdi);
        assert_eq!(rest, "(万美元)");
        assert_eq!(indicator_prefix("县（市、区）", &none), None);
    }
}
