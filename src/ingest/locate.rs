//! Finds the form's table on a sheet: the header among the first rows (one row,
//! or two with merged group labels such as "合同外资" over "本月 | 累计"), the
//! columns by label, the data rows, the 合计 row, and the text above the header
//! (title and meta row) where the unit, period and money unit are written.

use super::label_memo;
use super::workbook::{RawCell, RawSheet, Row};
use crate::foundation::form_words::{self, LabelSynonyms};
use crate::foundation::form_words::{
    header_unit_suffix, indicator_in, without_unit_brackets, Column,
};
use crate::foundation::model::Indicator;
use crate::foundation::text::{is_total_label, normalize_label};

/// How far down the header may stand.
const HEADER_SEARCH_ROWS: u32 = 12;

/// [`form_words::classify`], worked out once per text for the run (per
/// thread and synonyms table): the same cells are asked about several times
/// in a sheet, and the same form's words in every file.
fn classify(text: &str, labels: &LabelSynonyms) -> Option<Column> {
    label_memo::column(labels, text, || form_words::classify(text, labels))
}

/// The indicator a label names after the bureau's synonyms, once per text.
fn names_indicator(text: &str, labels: &LabelSynonyms) -> Option<Indicator> {
    label_memo::indicator(labels, text, || {
        indicator_in(&labels.standard(&normalize_label(text)))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// 项目明细: one row per project event.
    Detail,
    /// 汇总表: one row per indicator.
    Summary,
    /// 汇总表 laid out across: an indicator per column group ("合同外资" over
    /// "本月 | 累计"), a row per unit or part of it.
    WideSummary,
}

/// A header cell recognised as one of the form's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderColumn {
    pub column: Column,
    pub col: u32,
    /// A unit written in the header itself, "合同外资(万美元)", or in the group
    /// label above it, "金额(万美元)".
    pub unit_suffix: Option<String>,
    /// The indicator a group label above names, for 本月 / 累计 under "合同外资".
    pub group: Option<Indicator>,
}

/// A text cell above the header: the title or the meta row.
#[derive(Clone, Debug, PartialEq)]
pub struct MetaCell {
    pub row: u32,
    pub col: u32,
    pub text: String,
}

/// One located table: everything the normaliser needs, with positions.
#[derive(Clone, Debug)]
pub struct Table {
    pub sheet: usize,
    pub kind: TableKind,
    /// The header's first row; it spans `header_rows` rows (1 or 2).
    pub header_row: u32,
    pub header_rows: u32,
    pub columns: Vec<HeaderColumn>,
    /// Rows holding data: every non-blank row between the header and the footer
    /// that is not a total row.
    pub data_rows: Vec<u32>,
    /// 合计 / 小计 / 总计 rows, each with the data rows it adds up.
    pub totals: Vec<TotalRow>,
    /// Rows below the footer (填表人 …) that hold numbers: not read, but named.
    pub after_footer: Vec<u32>,
    pub meta: Vec<MetaCell>,
    /// Header cells naming no column of the form: (column, label).
    pub unknown: Vec<(u32, String)>,
}

/// A total row and the data rows it stands for: a 小计 adds up the rows since
/// the total before it; a 合计 or 总计 (or a 小计 with no rows of its own above
/// it) adds up every data row of the table, wherever it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct TotalRow {
    pub row: u32,
    pub covers: Vec<u32>,
}

impl Table {
    /// The total of the whole table: the first that covers every data row.
    pub fn grand_total(&self) -> Option<u32> {
        self.totals
            .iter()
            .find(|t| t.covers.len() == self.data_rows.len())
            .or(self.totals.first())
            .map(|t| t.row)
    }

    pub fn col(&self, column: Column) -> Option<&HeaderColumn> {
        self.columns
            .iter()
            .find(|h| h.column == column && h.group.is_none())
    }

    /// The column of `column` under the group label of `indicator`.
    pub fn grouped(&self, indicator: Indicator, column: Column) -> Option<&HeaderColumn> {
        self.columns
            .iter()
            .find(|h| h.column == column && h.group == Some(indicator))
    }
}

/// Locates the form's table on `sheet`, or `None` when the sheet holds none.
/// The header is the row (or pair of rows) among the first rows that names
/// the most of the form's columns, so a title or a note line that mentions a
/// column word is never taken for it.
pub fn locate_table(sheet_index: usize, sheet: &RawSheet, labels: &LabelSynonyms) -> Option<Table> {
    let (header_row, header_rows, columns, kind) = (0..HEADER_SEARCH_ROWS.min(sheet.height()))
        .filter_map(|r| find_header(sheet, r, labels))
        .fold(
            None,
            |best: Option<(u32, u32, Vec<HeaderColumn>, TableKind)>, found| match best {
                Some(b) if b.2.len() >= found.2.len() => Some(b),
                _ => Some(found),
            },
        )?;
    let unknown = unknown_columns(sheet, header_row, header_rows, &columns);
    let mut data_rows = Vec::new();
    // (row, index in data_rows where a 小计's own rows start; None for all rows)
    let mut total_marks: Vec<(u32, Option<usize>)> = Vec::new();
    let mut after_footer = Vec::new();
    let mut past_footer = false;
    let first_row = header_row + header_rows;
    for r in first_row..sheet.height() {
        let row = sheet.row(r);
        if row.cells().all(RawCell::is_blank) {
            continue;
        }
        // The 栏次 row under a statistical form's header ("甲 | 乙 | 1 | 2 …").
        if data_rows.is_empty() && total_marks.is_empty() && is_column_numbers(row) {
            continue;
        }
        if past_footer || is_footer(row) {
            past_footer = true;
            if row.cells().any(|c| matches!(c, RawCell::Number(_))) && !is_footer(row) {
                after_footer.push(r);
            }
            continue;
        }
        // A total row says so in any of its text cells, whatever column the
        // label stands in once columns are reordered.
        let total_label = row
            .cells()
            .filter_map(|c| c.text().map(normalize_label))
            .find(|t| is_total_label(t));
        match total_label {
            Some(label) => {
                let section_start = total_marks.last().map_or(0, |&(t, _)| {
                    data_rows.iter().take_while(|&&d| d < t).count()
                });
                let own_rows = section_start < data_rows.len();
                let subtotal = label.contains("小计") && own_rows;
                total_marks.push((r, subtotal.then_some(section_start)));
            }
            None => data_rows.push(r),
        }
    }
    let totals = total_marks
        .into_iter()
        .map(|(row, start)| TotalRow {
            row,
            covers: match start {
                Some(start) => data_rows[start..]
                    .iter()
                    .copied()
                    .take_while(|&d| d < row)
                    .collect(),
                None => data_rows.clone(),
            },
        })
        .collect();
    let meta = meta_cells(sheet, header_row);
    Some(Table {
        sheet: sheet_index,
        kind,
        header_row,
        header_rows,
        columns,
        data_rows,
        totals,
        after_footer,
        meta,
        unknown,
    })
}

/// The header cells with text that name none of the form's columns, with
/// their column: listed once per file, never silently dropped.
fn unknown_columns(
    sheet: &RawSheet,
    header_row: u32,
    header_rows: u32,
    columns: &[HeaderColumn],
) -> Vec<(u32, String)> {
    let last = header_row + header_rows - 1;
    let width = (header_row..=last)
        .map(|r| sheet.row(r).width() as usize)
        .max()
        .unwrap_or(0) as u32;
    (0..width)
        .filter(|&c| columns.iter().all(|h| h.col != c))
        .filter_map(|c| {
            let text = sheet
                .cell(last, c)
                .text()
                .filter(|t| !t.trim().is_empty())
                .or_else(|| {
                    sheet
                        .cell(header_row, c)
                        .text()
                        .filter(|t| !t.trim().is_empty())
                })?;
            Some((c, text.trim().to_string()))
        })
        .collect()
}

/// A row of column numbers as statistical forms print under the header: 甲,
/// 乙, 丙 … for the text columns, 1, 2, 3 … for the figures (at least three
/// cells, each one such mark).
fn is_column_numbers(row: Row) -> bool {
    let marks: Vec<&RawCell> = row.cells().filter(|c| !c.is_blank()).collect();
    marks.len() >= 3
        && marks.iter().all(|c| match c {
            RawCell::Number(n) => n.fract() == 0.0 && (1.0..=60.0).contains(n),
            RawCell::Text(t) => {
                let t = t.trim();
                t.chars().count() == 1 && "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥".contains(t)
                    || t.parse::<u32>().is_ok_and(|n| (1..=60).contains(&n))
            }
            _ => false,
        })
        && marks.iter().any(|c| {
            c.text().is_some_and(|t| {
                let t = t.trim();
                t.chars().count() == 1 && "甲乙丙丁戊己庚辛壬癸".contains(t)
            })
        })
}

/// The text cells above `header_row`: the title, the meta row, the units line.
pub(crate) fn meta_cells(sheet: &RawSheet, header_row: u32) -> Vec<MetaCell> {
    (0..header_row)
        .flat_map(|r| {
            sheet.row(r).iter().filter_map(move |(c, cell)| {
                let text = cell.text()?.trim();
                (!text.is_empty()).then(|| MetaCell {
                    row: r,
                    col: c,
                    text: text.to_string(),
                })
            })
        })
        .collect()
}

/// The header starting at `row`: one row, or two where the row below holds
/// the sub-labels of group labels (and more columns are recognised that way).
fn find_header(
    sheet: &RawSheet,
    row: u32,
    labels: &LabelSynonyms,
) -> Option<(u32, u32, Vec<HeaderColumn>, TableKind)> {
    // A header is labels; a row holding as many figures as labels is data
    // (a stray number typed far right of a header leaves it a header).
    let figures = sheet
        .row(row)
        .cells()
        .filter(|c| matches!(c, RawCell::Number(_) | RawCell::Date(_)))
        .count();
    // A header names at most one column per text cell: a row with as many
    // figures as texts is data before any of its words is looked at.
    let texts = sheet
        .row(row)
        .cells()
        .filter(|c| c.text().is_some())
        .count();
    if figures > 0 && figures >= texts {
        return None;
    }
    let single = as_summary_names(header_columns(sheet, row, labels));
    if figures > 0 && figures >= single.len() {
        return None;
    }
    let single = with_label_column(sheet, row + 1, single, labels);
    // Two rows where they make a table and recognise more columns than one row.
    if let Some(double) = two_level_columns(sheet, row, labels)
        .map(as_summary_names)
        .map(|columns| with_label_column(sheet, row + 2, columns, labels))
    {
        if let Some(kind) = table_kind(&double) {
            if table_kind(&single).is_none()
                || double.len() > single.len()
                || double.len() == single.len() && periods_only(sheet, row + 1, labels)
            {
                return Some((row, 2, double, kind));
            }
        }
    }
    table_kind(&single).map(|kind| (row, 1, single, kind))
}

/// True when the row's labels that name a column all name a period (本期 |
/// 2026年1月 under 本期数): the lower row of a header, never a project's row.
fn periods_only(sheet: &RawSheet, row: u32, labels: &LabelSynonyms) -> bool {
    let named: Vec<Column> = sheet
        .row(row)
        .cells()
        .filter_map(|c| c.text().and_then(|t| classify(t, labels)))
        .collect();
    !named.is_empty() && named.into_iter().all(is_sub_label)
}

fn header_columns(sheet: &RawSheet, row: u32, labels: &LabelSynonyms) -> Vec<HeaderColumn> {
    let mut columns: Vec<HeaderColumn> = Vec::new();
    let mut glued: Vec<HeaderColumn> = Vec::new();
    for (c, cell) in sheet.row(row).iter() {
        let Some(text) = cell.text() else { continue };
        if let Some((group, column)) = indicator_and_period(text, labels) {
            push_first(
                &mut glued,
                HeaderColumn {
                    column,
                    col: c,
                    unit_suffix: header_unit_suffix(text),
                    group: Some(group),
                },
            );
        }
        let Some(column) = classify(text, labels) else {
            continue;
        };
        let column = HeaderColumn {
            column,
            col: c,
            unit_suffix: header_unit_suffix(text),
            group: None,
        };
        push_first(&mut columns, column.clone());
        if glued.iter().all(|h| h.col != c) {
            push_first(&mut glued, column);
        }
    }
    // A summary laid across in one header row glues each indicator to its
    // period ("合同外资本月 | 合同外资累计"); a project list never does.
    let months = glued
        .iter()
        .filter(|h| h.group.is_some() && h.column == Column::ThisMonth)
        .count();
    let names_projects = glued
        .iter()
        .any(|h| h.group.is_none() && h.column == Column::ProjectName);
    // Two indicators each with its 本月 are a summary even where the rows'
    // label reads as a name ("单位名称"); so is one, where the project-list
    // reading would hold nothing a project list has beside the name and
    // figures that are all glued to a period ("单位名称 | 到位外资本年累计 |
    // 到位外资10月"): no 事项, 来源地, 行业 or date, and no plain amount.
    let only_glued_figures = || {
        columns.iter().all(|h| {
            matches!(
                h.column,
                Column::ProjectName | Column::Seq | Column::MeasureUnit
            ) || glued.iter().any(|g| g.col == h.col && g.group.is_some())
        })
    };
    if months >= 2 || months == 1 && (!names_projects || only_glued_figures()) {
        glued
    } else {
        columns
    }
}

/// An indicator and a period in one label ("新设外资企业数1-10月累计",
/// "实际使用外资当月数", "注册内资(亿元人民币)累计"): the longest ending made
/// of period words alone whose words before it name an indicator.
fn indicator_and_period(text: &str, labels: &LabelSynonyms) -> Option<(Indicator, Column)> {
    label_memo::glued(labels, text, || {
        indicator_and_period_worked_out(text, labels)
    })
}

fn indicator_and_period_worked_out(
    text: &str,
    labels: &LabelSynonyms,
) -> Option<(Indicator, Column)> {
    let label = without_unit_brackets(&normalize_label(text));
    let bare = crate::foundation::money::strip_unit_suffix(&label);
    // Where the ending of period characters alone starts: a period is never
    // cut further left (a label with none, a name or a title, is passed at once).
    let ending = bare
        .char_indices()
        .rev()
        .take_while(|&(_, c)| PERIOD_CHARS.contains(c))
        .last()
        .map_or(bare.len(), |(at, _)| at);
    bare.char_indices().skip(1).find_map(|(at, _)| {
        if at < ending {
            return None;
        }
        let (name, period) = bare.split_at(at);
        let column = classify(period, labels).filter(|c| is_sub_label(*c))?;
        let indicator = indicator_in(&labels.standard(name))?;
        Some((indicator, column))
    })
}

/// The characters period headings are written with: 本月, 当月数, 1-10月累计,
/// 本年累计, 去年同期, 上年同期数, 同比±%, 增幅(%), 本月完成, 自年初累计.
const PERIOD_CHARS: &str =
    "0123456789-—－~～至月份年本当累计去上同期数完成情况止自初今度季±%增长减幅比率()全末底";

/// In a table with 本月 and no amount column, a "项目" column names the
/// indicators ("项目 | 本月 | 1-10月累计"), not projects.
fn as_summary_names(mut columns: Vec<HeaderColumn>) -> Vec<HeaderColumn> {
    let has =
        |columns: &[HeaderColumn], f: &dyn Fn(Column) -> bool| columns.iter().any(|h| f(h.column));
    if has(&columns, &|c| c == Column::ThisMonth)
        && !has(&columns, &|c| {
            matches!(c, Column::Amount(_) | Column::IndicatorName)
        })
    {
        for h in columns
            .iter_mut()
            .filter(|h| h.column == Column::ProjectName)
        {
            h.column = Column::IndicatorName;
        }
    }
    columns
}

/// A summary's indicator names stand under a label any word may head ("类别",
/// "项目", "主要指标", or none): where a header has 本月 or 累计 and nothing
/// names the rows, the names column is the one whose cells below name the
/// most indicators.
fn with_label_column(
    sheet: &RawSheet,
    first_data_row: u32,
    mut columns: Vec<HeaderColumn>,
    labels: &LabelSynonyms,
) -> Vec<HeaderColumn> {
    let has = |c: Column| columns.iter().any(|h| h.column == c);
    let periods = has(Column::ThisMonth) || has(Column::Cumulative);
    let names_rows = has(Column::IndicatorName) || has(Column::ProjectName);
    let amounts = columns
        .iter()
        .any(|h| matches!(h.column, Column::Amount(_)) && h.group.is_none());
    if !periods || names_rows || amounts {
        return columns;
    }
    let rows = first_data_row..(first_data_row + HEADER_SEARCH_ROWS).min(sheet.height());
    let width = rows
        .clone()
        .map(|r| sheet.row(r).width())
        .max()
        .unwrap_or(0);
    let names = |c: u32| {
        rows.clone()
            .filter_map(|r| sheet.cell(r, c).text())
            .filter(|t| names_indicator(t, labels).is_some())
            .count()
    };
    // A word over the names may mean something else on a detail form
    // ("类别" for 资本类别): the cells below decide.
    let best = (0..width)
        .filter(|&c| {
            columns
                .iter()
                .all(|h| h.col != c || !is_sub_label(h.column))
        })
        .map(|c| (names(c), c))
        .filter(|&(n, _)| n > 0)
        .max_by_key(|&(n, c)| (n, std::cmp::Reverse(c)));
    if let Some((_, col)) = best {
        columns.retain(|h| h.col != col);
        columns.push(HeaderColumn {
            column: Column::IndicatorName,
            col,
            unit_suffix: None,
            group: None,
        });
    }
    columns
}

/// The first column of a kind (and group) wins; a repeated header is left to the audit.
fn push_first(columns: &mut Vec<HeaderColumn>, column: HeaderColumn) {
    if columns
        .iter()
        .all(|h| (h.column, h.group) != (column.column, column.group))
    {
        columns.push(column);
    }
}

/// Sub-labels that only mean something under a group label.
fn is_sub_label(column: Column) -> bool {
    matches!(
        column,
        Column::ThisMonth | Column::Cumulative | Column::LastYear | Column::YoyPercent
    )
}

/// Reads rows `row` and `row + 1` as one two-level header. `None` when the row
/// below holds figures (it is data, not a header) or adds no label.
fn two_level_columns(
    sheet: &RawSheet,
    row: u32,
    labels: &LabelSynonyms,
) -> Option<Vec<HeaderColumn>> {
    let lower_row = sheet.get_row(row + 1)?;
    let holds_figures = lower_row.cells().any(|cell| match cell {
        RawCell::Number(_) | RawCell::Date(_) => true,
        RawCell::Text(t) => crate::foundation::number::is_plain_figure(t),
        _ => false,
    });
    // The upper row must be a header row itself (序号, 项目名称, 合同外资 …),
    // not the meta row or the title above a one-row header: a title stands
    // alone on its row.
    let labels_on_row = sheet
        .row(row)
        .cells()
        .filter(|c| c.text().is_some_and(|t| !t.trim().is_empty()))
        .count();
    // A label over foreign capital merged across columns ("利用外资" over
    // 合同 | 注册 | 到位) makes a header row too, whatever its other words.
    let upper_is_header = labels_on_row >= 2
        && sheet.row(row).iter().any(|(c, cell)| {
            cell.text().is_some_and(|t| {
                classify(t, labels).is_some()
                    || names_indicator(t, labels).is_some()
                    || (names_foreign_capital(t)
                        && sheet
                            .merge_at(row, c)
                            .is_some_and(|m| m.first == (row, c) && m.last.1 > c))
            })
        });
    if holds_figures || !upper_is_header {
        return None;
    }
    let width = sheet.row(row).width().max(lower_row.width());
    let mut columns = Vec::new();
    let mut from_lower = 0;
    for c in 0..width {
        let upper = group_label(sheet, row, c);
        let lower = sheet
            .cell(row + 1, c)
            .text()
            .filter(|t| !t.trim().is_empty() && !spans_from_above(sheet, row, c));
        let column = match (lower, upper) {
            (Some(lower), upper) => {
                let Some(column) = classify(lower, labels)
                    .filter(|c| {
                        matches!(c, Column::Amount(_)) || !upper.is_some_and(names_foreign_capital)
                    })
                    .or_else(|| under_foreign_capital(lower, upper, labels))
                    .or_else(|| classify(lower, labels))
                    // A word of its own under a period ("今年" under "累计").
                    .or_else(|| {
                        upper
                            .and_then(|u| classify(u, labels))
                            .filter(|c| is_sub_label(*c))
                    })
                else {
                    continue;
                };
                from_lower += 1;
                let group = upper.filter(|_| is_sub_label(column)).and_then(|u| {
                    match classify(u, labels) {
                        Some(Column::Amount(i)) => Some(i),
                        _ => names_indicator(u, labels),
                    }
                });
                if is_sub_label(column)
                    && group.is_none()
                    && upper.is_some_and(|u| normalize_label(u).starts_with("其中"))
                {
                    // "本月" under "其中" is a part of something else, not ours.
                    continue;
                }
                // Under a parent that names a period or nothing of ours ("本年",
                // "完成情况", "累计" over 本年累计 | 上年同期), the sub-label
                // stands as the summary's own column.
                HeaderColumn {
                    column,
                    col: c,
                    unit_suffix: header_unit_suffix(lower)
                        .or_else(|| upper.and_then(header_unit_suffix)),
                    group,
                }
            }
            (None, Some(upper)) if sheet.cell(row, c).text().is_some() => {
                let Some(column) = classify(upper, labels) else {
                    continue;
                };
                HeaderColumn {
                    column,
                    col: c,
                    unit_suffix: header_unit_suffix(upper),
                    group: None,
                }
            }
            _ => continue,
        };
        push_first(&mut columns, column);
    }
    (from_lower > 0).then_some(columns)
}

/// A group label over amounts of foreign capital: "利用外资（万美金）",
/// "外资金额", "其中：外资".
fn names_foreign_capital(upper: &str) -> bool {
    let core = normalize_label(upper);
    core.contains("外资") || core.contains("外商")
}

/// A short label under a foreign-capital group ("协议 | 注册 | 到位" under
/// "利用外资"): the indicator it and the group name together.
fn under_foreign_capital(
    lower: &str,
    upper: Option<&str>,
    labels: &LabelSynonyms,
) -> Option<Column> {
    if !upper.is_some_and(names_foreign_capital) {
        return None;
    }
    match classify(&format!("{}外资", normalize_label(lower)), labels)? {
        column @ Column::Amount(_) => Some(column),
        _ => None,
    }
}

/// The label over column `col` in the header's first row: its own text, or
/// the text of the merged block it lies in, or — where the file records no
/// merges (.ods) — the nearest label to the left over a run of blank cells.
pub(crate) fn group_label(sheet: &RawSheet, row: u32, col: u32) -> Option<&str> {
    let own = sheet.cell(row, col).text().filter(|t| !t.trim().is_empty());
    if own.is_some() {
        return own;
    }
    if let Some(merge) = sheet.merge_at(row, col) {
        return sheet.cell(merge.first.0, merge.first.1).text();
    }
    if !sheet.merges.is_empty() {
        return None;
    }
    (0..col)
        .rev()
        .map(|c| sheet.cell(row, c))
        .find(|cell| !cell.is_blank())
        .and_then(RawCell::text)
}

/// True when the cell below `(row, col)` is covered by a label merged down from `row`.
pub(crate) fn spans_from_above(sheet: &RawSheet, row: u32, col: u32) -> bool {
    sheet
        .merge_at(row + 1, col)
        .is_some_and(|m| m.first.0 <= row)
}

fn table_kind(columns: &[HeaderColumn]) -> Option<TableKind> {
    let has = |c: Column| columns.iter().any(|h| h.column == c);
    if columns
        .iter()
        .any(|h| h.group.is_some() && h.column == Column::ThisMonth)
    {
        return Some(TableKind::WideSummary);
    }
    let amounts = columns
        .iter()
        .filter(|h| matches!(h.column, Column::Amount(i) if i != Indicator::TotalInvestment))
        .count();
    if has(Column::ProjectName) && amounts >= 1 {
        Some(TableKind::Detail)
    } else if has(Column::IndicatorName) && has(Column::ThisMonth) {
        Some(TableKind::Summary)
    } else {
        None
    }
}

pub(crate) fn is_footer(row: Row) -> bool {
    row.cells()
        .find_map(|c| c.text().filter(|t| !t.trim().is_empty()))
        .map(normalize_label)
        .is_some_and(|t| is_footer_text(&t))
}

/// The signature line under a form: "填表人：", "单位负责人：", "审核：",
/// "联系电话：", "制表日期：" — a key naming a person, a phone or the date
/// the form was made, before a colon (or alone).
fn is_footer_text(text: &str) -> bool {
    const PEOPLE: [&str; 12] = [
        "填表人",
        "审核人",
        "联系电话",
        "负责人",
        "填报人",
        "制表人",
        "统计员",
        "复核人",
        "经办人",
        "联系人",
        "审核",
        "制表",
    ];
    let key = text.split(':').next().unwrap_or(text);
    if key.chars().count() > 8 {
        return false;
    }
    PEOPLE
        .iter()
        .any(|p| key.ends_with(p) || key.starts_with(p))
        || (text.contains(':') && (key.ends_with("日期") && key.starts_with("制表")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Each cut tried from the left, as the search was first written: the
    /// longest ending of period characters alone whose words before it name
    /// an indicator.
    fn by_each_cut(text: &str, labels: &LabelSynonyms) -> Option<(Indicator, Column)> {
        let label = without_unit_brackets(&normalize_label(text));
        let bare = crate::foundation::money::strip_unit_suffix(&label);
        bare.char_indices().skip(1).find_map(|(at, _)| {
            let (name, period) = bare.split_at(at);
            if !period.chars().all(|c| PERIOD_CHARS.contains(c)) {
                return None;
            }
            let column = classify(period, labels).filter(|c| is_sub_label(*c))?;
            let indicator = indicator_in(&labels.standard(name))?;
            Some((indicator, column))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        /// Only the cuts inside the ending of period characters are tried,
        /// and the answer is the one every cut gives.
        #[test]
        fn a_glued_label_is_found_as_by_trying_each_cut(
            drawn in prop::collection::vec(prop::sample::select(vec![
                "合同外资", "到帐外资", "实际使用外资", "注册内资", "新设外资企业数", "外资",
                "本月", "当月数", "累计", "1-10月", "1～10月份", "本年累计", "去年同期", "同比±%",
                "增幅(%)", "月", "年", "1", "-", "(万美元)", "（亿元人民币）", "万美元",
                "马来西亚科技投资有限公司", "纍計", "本", "计", "项目", " ",
            ]), 0..5)
        ) {
            let text = drawn.concat();
            let labels = LabelSynonyms::default();
            prop_assert_eq!(
                indicator_and_period_worked_out(&text, &labels),
                by_each_cut(&text, &labels),
                "{:?}", text
            );
        }
    }
}
