//! Within one prefecture bulletin: 同比 against 累计 and 去年同期 where all
//! three are given, and the 合计 row against the counties above it. The
//! amounts were read and put in canonical units by normalize/peer_bulletin.rs.

use crate::foundation::formulas::yoy_percent;
use crate::foundation::issue::{Issue, Location, Rule};
use crate::ingest::peer_bulletin::RawPeerBulletin;
use crate::ingest::peer_table::{PeerMeasure, PeerTable};
use crate::ingest::workbook::{format_number, RawSheet};
use crate::normalize::peer_bulletin::{PeerBulletin, PeerFigure};

/// Adds the bulletin's inconsistencies to its issues; a bulletin whose
/// table was not found has nothing to check.
pub fn check_bulletin_sums(raw: &RawPeerBulletin, bulletin: &mut PeerBulletin) {
    let Ok(content) = &raw.content else { return };
    let (sheet, table) = (content.sheet(), &content.table);
    let mut found = check_yoy(sheet, table, bulletin);
    found.extend(check_total(sheet, table, bulletin));
    for issue in found {
        bulletin.push(issue);
    }
}

fn cell_issue(
    file: &str,
    rule: Rule,
    sheet: &str,
    row: u32,
    col: u32,
    raw: &str,
    message: String,
) -> Issue {
    Issue::new(
        rule,
        Location::cell(file, sheet, row, col),
        Some(raw.to_string()),
        message,
    )
}

/// Where the bulletin gives 累计, 去年同期 and 同比% all three, they must agree.
fn check_yoy(sheet: &RawSheet, table: &PeerTable, bulletin: &PeerBulletin) -> Vec<Issue> {
    let mut found = Vec::new();
    for line in &bulletin.lines {
        for (&indicator, f) in &line.figures {
            let Some(column) = table.column(indicator, PeerMeasure::YoyPercent) else {
                continue;
            };
            if f.last_year_derived || table.column(indicator, PeerMeasure::LastYear).is_none() {
                continue;
            }
            let (Some(ytd), Some(last), Some(given)) = (f.cumulative, f.last_year, f.yoy) else {
                continue;
            };
            let Some(computed) = yoy_percent(ytd, last) else {
                continue;
            };
            // 同比 printed to one decimal, from amounts that are rounded themselves.
            let half_step = bulletin.indicator(indicator).map_or(0.0, |s| s.half_step);
            let slack = 0.05 + 100.0 * half_step * (ytd + last) / (last * last).max(1e-9);
            if (computed - given).abs() > slack {
                found.push(cell_issue(
                    &bulletin.file.name,
                    Rule::PeerYoyInconsistent,
                    &sheet.name,
                    line.row,
                    column.col,
                    &sheet.cell(line.row, column.col).display(),
                    format!(
                        "{}同比{}%与累计、去年同期算出的{:.1}%不符",
                        indicator.name_zh(),
                        format_number(given),
                        computed
                    ),
                ));
            }
        }
    }
    found
}

/// The 合计 row against the sum of the county rows, for 累计 and 去年同期.
fn check_total(sheet: &RawSheet, table: &PeerTable, bulletin: &PeerBulletin) -> Vec<Issue> {
    let mut found = Vec::new();
    let Some((row, total)) = &bulletin.total else {
        return found;
    };
    for spec in &bulletin.indicators {
        for measure in [PeerMeasure::Cumulative, PeerMeasure::LastYear] {
            let Some(column) = table.column(spec.indicator, measure) else {
                continue;
            };
            let pick = |f: &PeerFigure| match measure {
                PeerMeasure::Cumulative => f.cumulative,
                _ => f.last_year,
            };
            let Some(stated) = total.get(&spec.indicator).and_then(pick) else {
                continue;
            };
            let sum: f64 = bulletin
                .lines
                .iter()
                .filter_map(|l| l.figures.get(&spec.indicator).and_then(pick))
                .sum();
            let slack = spec.half_step * (bulletin.lines.len() + 1) as f64 + 1e-6;
            if (sum - stated).abs() > slack {
                found.push(cell_issue(
                    &bulletin.file.name,
                    Rule::PeerTotalMismatch,
                    &sheet.name,
                    *row,
                    column.col,
                    &sheet.cell(*row, column.col).display(),
                    format!(
                        "{}{}合计为{:.2}{}，各县（市、区）相加为{:.2}{}，相差{:.2}{}（合计可能含未列出的地区）；比重以合计为分母",
                        spec.indicator.name_zh(),
                        measure.name_zh(),
                        stated,
                        spec.indicator.unit_zh(),
                        sum,
                        spec.indicator.unit_zh(),
                        stated - sum,
                        spec.indicator.unit_zh()
                    ),
                ));
            }
        }
    }
    found
}
