//! A prefecture's bulletin of its counties, as ingest located it → one line
//! per county with each indicator's 累计, 去年同期, 同比%, 年计划 and 完成% in
//! canonical units (万美元, 万元), every unusable cell an issue at that cell. Where the bulletin
//! gives 累计 and 同比% but no 去年同期, 去年同期 = 累计 / (1 + 同比%/100).

use super::cells::Recorder;
use super::meta::parse_period;
use super::submission::period_in_file_name;
use crate::foundation::formulas::{completion_percent, last_year_from_yoy, yoy_percent};
use crate::foundation::issue::{Issue, Location, Rule, Severity};
use crate::foundation::model::{Indicator, Measure, YearMonth};
use crate::foundation::money::{parse_unit, Currency, MoneyUnit};
use crate::foundation::number::parse_number;
use crate::foundation::text::{normalize_label, normalize_text};
use crate::foundation::unit_id::UnitId;
use crate::ingest::peer_bulletin::{PeerContent, RawPeerBulletin};
use crate::ingest::peer_table::{PeerMeasure, PeerTable};
use crate::ingest::workbook::{format_number, RawCell, RawSheet};
use crate::ingest::PeerFile;
use crate::reference::peers::{CountyId, Peers};
use std::collections::BTreeMap;

/// Who the issues of a bulletin are filed under in the audit workbook.
pub const AUDIT_UNIT: &str = crate::foundation::issue::PEER_BULLETINS;

/// One indicator of one county, as the bulletin gives it, in canonical units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PeerFigure {
    pub cumulative: Option<f64>,
    pub last_year: Option<f64>,
    /// 去年同期 was worked out from 累计 and 同比%, not read.
    pub last_year_derived: bool,
    pub yoy: Option<f64>,
    pub plan: Option<f64>,
    pub completion: Option<f64>,
}

/// One county's row.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerLine {
    /// Which county of [`Peers`].
    pub county: CountyId,
    pub row: u32,
    pub figures: BTreeMap<Indicator, PeerFigure>,
}

/// How an indicator is written in the bulletin.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerIndicator {
    pub indicator: Indicator,
    /// The unit as written ("亿美元"), or "个" for counts.
    pub unit: String,
    /// Half of the last digit the bulletin prints, in canonical units: two
    /// figures that differ by less are the same figure rounded.
    pub half_step: f64,
    pub measures: Vec<PeerMeasure>,
    /// The column of 累计, for messages about it.
    pub cumulative_col: Option<u32>,
    /// What a figure in the bulletin's unit is multiplied by to give canonical units.
    pub factor: f64,
}

/// One bulletin read.
#[derive(Clone, Debug)]
pub struct PeerBulletin {
    pub file: PeerFile,
    pub sha256: Option<String>,
    pub month: Option<YearMonth>,
    pub sheet: Option<String>,
    pub indicators: Vec<PeerIndicator>,
    pub lines: Vec<PeerLine>,
    /// The 合计 / 全市 row, when there is one.
    pub total: Option<(u32, BTreeMap<Indicator, PeerFigure>)>,
    pub issues: Vec<Issue>,
}

impl PeerBulletin {
    /// A bulletin with nothing read yet.
    pub fn empty(file: &PeerFile, sha256: Option<String>) -> PeerBulletin {
        PeerBulletin {
            file: file.clone(),
            sha256,
            month: None,
            sheet: None,
            indicators: Vec::new(),
            lines: Vec::new(),
            total: None,
            issues: Vec::new(),
        }
    }

    /// A bulletin whose reader panicked: named, and left out of the comparison.
    pub fn unreadable(file: &PeerFile, why: &str) -> PeerBulletin {
        let mut bulletin = PeerBulletin::empty(file, None);
        bulletin.push(Issue::new(
            Rule::FileUnreadable,
            Location::file(&file.name),
            None,
            format!(
                "读取该通报时程序出错，未能读取（文件可能已损坏）；其他文件不受影响（详情：{why}）"
            ),
        ));
        bulletin
    }

    /// Usable in the comparison: its month is known and it has no error.
    pub fn usable(&self) -> bool {
        self.month.is_some() && !self.issues.iter().any(|i| i.severity() == Severity::Error)
    }

    pub fn indicator(&self, indicator: Indicator) -> Option<&PeerIndicator> {
        self.indicators.iter().find(|i| i.indicator == indicator)
    }

    /// The line of county `county`, if listed.
    pub fn line(&self, county: CountyId) -> Option<&PeerLine> {
        self.lines.iter().find(|l| l.county == county)
    }

    /// Files `issue` under the bulletins and this bulletin's month.
    pub fn push(&mut self, issue: Issue) {
        self.issues
            .push(issue.filed_under(Some(&UnitId::from(AUDIT_UNIT)), self.month));
    }
}

/// Normalises one bulletin read by ingest: its month, each indicator's unit
/// and every county's figures in canonical units, each unusable cell an
/// issue at that cell. The checks across its cells are the audit's.
pub fn normalize_peer_bulletin(raw: &RawPeerBulletin, peers: &Peers) -> PeerBulletin {
    let mut bulletin = PeerBulletin::empty(&raw.file, raw.sha256.clone());
    let mut recorder = Recorder {
        file: &raw.file.name,
        issues: Vec::new(),
    };
    match &raw.content {
        Err(issue) => recorder.issues.push((**issue).clone()),
        Ok(content) => read_table(&mut bulletin, &mut recorder, content, peers),
    }
    for issue in std::mem::take(&mut recorder.issues) {
        bulletin.push(issue);
    }
    bulletin
}

fn read_table(
    bulletin: &mut PeerBulletin,
    rec: &mut Recorder,
    content: &PeerContent,
    peers: &Peers,
) {
    let (sheet, table) = (content.sheet(), &content.table);
    bulletin.sheet = Some(sheet.name.clone());
    for unknown in &table.unknown {
        rec.at(
            Rule::PeerUnknownColumn,
            &sheet.name,
            unknown.row,
            unknown.col,
            &unknown.text,
            "不认识的列名，该列未读取（可读：累计、去年同期、同比%、年计划、完成%）".to_string(),
        );
    }
    bulletin.month = read_month(rec, sheet, table, &bulletin.file);
    let units = units_above(table);
    for indicator in table.indicators() {
        if let Some(spec) = indicator_spec(rec, sheet, table, indicator, &units) {
            bulletin.indicators.push(spec);
        }
    }
    let reader = RowReader {
        sheet,
        table,
        indicators: &bulletin.indicators,
    };
    let mut seen: BTreeMap<CountyId, u32> = BTreeMap::new();
    for &row in &table.rows {
        let name_cell = sheet.cell(row, table.name_col);
        let name = name_cell.display().trim().to_string();
        let figures = reader.figures(rec, row);
        if name.is_empty() || normalize_label(&name).is_empty() {
            if figures.values().any(|f| f.cumulative.is_some()) {
                rec.at(
                    Rule::PeerCountyUnknown,
                    &sheet.name,
                    row,
                    table.name_col,
                    "",
                    "该行有数据但县市名称为空".to_string(),
                );
            }
            continue;
        }
        let Some(county) = peers.find(&name) else {
            rec.at(
                Rule::PeerCountyUnknown,
                &sheet.name,
                row,
                table.name_col,
                &name,
                format!(
                    "县市名称不在周边县市名录（reference/peers.xlsx）中{}；如是别名请在名录的「别名」列添加",
                    peers.suggestion(&name)
                ),
            );
            continue;
        };
        if let Some(first) = seen.insert(county, row) {
            rec.at(
                Rule::PeerDuplicateCounty,
                &sheet.name,
                row,
                table.name_col,
                &name,
                format!(
                    "{}在表中出现两次（另见第 {} 行），无法判断以哪行为准",
                    peers.name(county),
                    first + 1
                ),
            );
            continue;
        }
        bulletin.lines.push(PeerLine {
            county,
            row,
            figures,
        });
    }
    if let Some(&row) = table.totals.first() {
        bulletin.total = Some((row, reader.figures(rec, row)));
    }
}

/// The month: from the title ("2026年1-10月"), else the file name or folder.
fn read_month(
    rec: &mut Recorder,
    sheet: &RawSheet,
    table: &PeerTable,
    file: &PeerFile,
) -> Option<YearMonth> {
    let title = table
        .meta
        .iter()
        .find_map(|m| parse_period(&normalize_text(&m.text)).map(|p| (p, m)));
    let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let folder = file
        .path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .and_then(YearMonth::parse);
    let named = period_in_file_name(stem).or(folder);
    match (title, named) {
        (Some((t, cell)), Some(n)) if t != n => {
            rec.at(
                Rule::PeerPeriod,
                &sheet.name,
                cell.row,
                cell.col,
                &cell.text,
                format!("标题中的月份 {t} 与文件名（或所在目录）中的月份 {n} 不一致"),
            );
            None
        }
        (Some((t, _)), _) => Some(t),
        (None, Some(n)) => Some(n),
        (None, None) => {
            rec.file_level(
                Rule::PeerPeriod,
                "找不到通报的月份：标题应写明「2026年1-10月」，或文件名含「2026-10」".to_string(),
            );
            None
        }
    }
}

/// Every money unit written above the table ("单位：亿美元、亿元").
fn units_above(table: &PeerTable) -> Vec<MoneyUnit> {
    let mut units = Vec::new();
    for cell in &table.meta {
        let text = normalize_label(&cell.text);
        let Some(start) = text.find("单位") else {
            continue;
        };
        let after = text[start..]
            .trim_start_matches("单位")
            .trim_start_matches(':');
        for part in after.split(['、', ',', ';', '/', '，']) {
            let word: String = part
                .chars()
                .take_while(|c| !c.is_ascii_digit() && *c != '(')
                .collect();
            if let Some(unit) = parse_unit(&word) {
                units.push(unit);
            }
        }
    }
    units
}

/// The currency an indicator's amounts must be in to be compared with ours.
fn currency_of(measure: Measure) -> Currency {
    match measure {
        Measure::Domestic => Currency::CNY,
        _ => Currency::USD,
    }
}

/// The unit of an indicator's amounts: written in its header, else above the table.
fn money_unit(table: &PeerTable, indicator: Indicator, units: &[MoneyUnit]) -> Option<MoneyUnit> {
    let wanted = currency_of(indicator.measure());
    table
        .columns
        .iter()
        .filter(|c| c.indicator == indicator && c.measure.is_amount())
        .find_map(|c| c.unit_suffix.as_deref().and_then(parse_unit))
        .or_else(|| units.iter().copied().find(|u| u.currency == wanted))
}

fn indicator_spec(
    rec: &mut Recorder,
    sheet: &RawSheet,
    table: &PeerTable,
    indicator: Indicator,
    units: &[MoneyUnit],
) -> Option<PeerIndicator> {
    let columns: Vec<_> = table
        .columns
        .iter()
        .filter(|c| c.indicator == indicator && c.measure != PeerMeasure::NotUsed)
        .collect();
    let first = columns.first()?;
    let (unit, factor) = if indicator.measure() == Measure::Count {
        ("个".to_string(), 1.0)
    } else {
        match money_unit(table, indicator, units) {
            Some(u) if u.currency == currency_of(indicator.measure()) => {
                (u.to_string(), u.magnitude.factor() / 1e4)
            }
            found => {
                let why = match found {
                    Some(u) => format!(
                        "单位为{u}，与本县{}的口径（{}）币种不同，无法比较",
                        indicator.name_zh(),
                        indicator.unit_zh()
                    ),
                    None => "找不到金额单位：应在表头写明（如「注册外资（亿美元）」）或在表上方写「单位：万美元」".to_string(),
                };
                rec.at(
                    Rule::PeerMoneyUnit,
                    &sheet.name,
                    table.header_row,
                    first.col,
                    &first.label,
                    format!("{}：{why}", indicator.name_zh()),
                );
                return None;
            }
        }
    };
    // The finest last digit printed in the 累计 column.
    let decimals = columns
        .iter()
        .filter(|c| c.measure == PeerMeasure::Cumulative)
        .flat_map(|c| table.rows.iter().map(move |&r| sheet.cell(r, c.col)))
        .filter_map(|cell| match cell {
            RawCell::Number(n) => Some(decimals_of(*n)),
            _ => None,
        })
        .max()
        .unwrap_or(2);
    Some(PeerIndicator {
        indicator,
        unit,
        half_step: 0.5 * 10f64.powi(-(decimals as i32)) * factor,
        measures: columns.iter().map(|c| c.measure).collect(),
        cumulative_col: table
            .column(indicator, PeerMeasure::Cumulative)
            .map(|c| c.col),
        factor,
    })
}

/// Decimals a number is written with, at most six.
fn decimals_of(n: f64) -> usize {
    let text = format_number((n * 1e6).round() / 1e6);
    text.split_once('.').map_or(0, |(_, d)| d.len()).min(6)
}

/// Reads the figures of one row.
struct RowReader<'a> {
    sheet: &'a RawSheet,
    table: &'a PeerTable,
    indicators: &'a [PeerIndicator],
}

impl RowReader<'_> {
    fn figures(&self, rec: &mut Recorder, row: u32) -> BTreeMap<Indicator, PeerFigure> {
        let mut out = BTreeMap::new();
        for spec in self.indicators {
            let i = spec.indicator;
            let mut read = |measure: PeerMeasure| {
                let column = self.table.column(i, measure)?;
                self.value(rec, row, column.col, measure, spec.factor)
            };
            let mut f = PeerFigure {
                cumulative: read(PeerMeasure::Cumulative),
                last_year: read(PeerMeasure::LastYear),
                last_year_derived: false,
                yoy: read(PeerMeasure::YoyPercent),
                plan: read(PeerMeasure::Plan),
                completion: read(PeerMeasure::CompletionPercent),
            };
            if let (None, Some(ytd), Some(yoy)) = (f.last_year, f.cumulative, f.yoy) {
                f.last_year = last_year_from_yoy(ytd, yoy);
                f.last_year_derived = f.last_year.is_some();
            }
            if let (None, Some(ytd), Some(last)) = (f.yoy, f.cumulative, f.last_year) {
                f.yoy = yoy_percent(ytd, last);
            }
            if let (None, Some(ytd)) = (f.completion, f.cumulative) {
                f.completion = completion_percent(ytd, f.plan);
            }
            out.insert(i, f);
        }
        out
    }

    /// One cell: amounts in canonical units, percentages in percent. Blank is
    /// `None`; so are "—", "/" or an error value in a percentage (同比 of
    /// nothing) or a plan (年计划 not given) — never a plan of 0.
    fn value(
        &self,
        rec: &mut Recorder,
        row: u32,
        col: u32,
        measure: PeerMeasure,
        factor: f64,
    ) -> Option<f64> {
        let percent = !measure.is_amount();
        let not_given_when_dash = percent || measure == PeerMeasure::Plan;
        let cell = self.sheet.cell(row, col);
        let (value, inline) = match cell {
            RawCell::Empty => return None,
            RawCell::Number(n) => (*n, None),
            RawCell::Error(_) if not_given_when_dash => return None,
            RawCell::Text(t) => {
                let dash = ["-", "--", "—", "——", "―", "/", "－"].contains(&t.trim());
                if not_given_when_dash && dash {
                    return None;
                }
                match parse_number(t) {
                    Ok(None) => return None,
                    Ok(Some(n)) if !(percent && n.unit.is_some()) => (n.value, n.unit),
                    _ => {
                        self.not_a_number(rec, row, col, &cell.display());
                        return None;
                    }
                }
            }
            other => {
                self.not_a_number(rec, row, col, &other.display());
                return None;
            }
        };
        if percent {
            return Some(value);
        }
        // A unit written in the cell ("120万美元") overrides the column's.
        let factor = inline.map_or(factor, |u| u.magnitude.factor() / 1e4);
        Some(value * factor)
    }

    fn not_a_number(&self, rec: &mut Recorder, row: u32, col: u32, raw: &str) {
        rec.at(
            Rule::NotANumber,
            &self.sheet.name,
            row,
            col,
            raw,
            "不是数字".to_string(),
        );
    }
}
