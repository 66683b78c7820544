//! The demo prefecture (示范市) and its bulletins of its counties, one per
//! month, in the two layouts prefectures use: in 2025 a full table in 万美元
//! with 去年同期, 年计划 and 完成%; from 2026 a brief one in 亿美元 with only
//! 累计 and 同比%, county names without 市/县 and one by its other name.

use super::form::save;
use super::tables::{self, SheetSpec};
use crate::foundation::model::YearMonth;
use anyhow::Result;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
use std::collections::BTreeMap;
use std::path::Path;

const SEED: u64 = 20_261_120;

/// The other counties: (name, alias, size against ours, growth 2025→2026).
const COUNTIES: [(&str, &str, f64, f64); 6] = [
    ("东湖市", "", 2.1, 1.18),
    ("西山县", "", 0.7, 0.92),
    ("南江区", "南江新区", 1.3, 1.05),
    ("北塘县", "", 0.55, 1.32),
    ("青松市", "", 1.6, 0.85),
    ("白石县", "", 0.9, 1.10),
];

/// A bulletin sheet as a prefecture lays it out; the figures as printed.
pub struct PeerSheet {
    pub title: String,
    pub unit_line: String,
    pub name_header: String,
    pub with_seq: bool,
    /// (indicator label, sub-labels) for each group of columns.
    pub groups: Vec<(String, Vec<String>)>,
    /// (county as written, one value per sub-label across the groups).
    pub rows: Vec<(String, Vec<Option<f64>>)>,
    pub total: Option<(String, Vec<Option<f64>>)>,
    pub footer: Option<String>,
}

/// Writes `sheet` as a workbook: title, units line, a two-row header with the
/// indicator merged over its sub-labels, the rows, the total, a note.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_peer_sheet(sheet: &PeerSheet, path: &Path) -> Result<()> {
    let mut workbook = crate::report::style::new_workbook()?;
    let ws = workbook.add_worksheet();
    ws.set_name("各县市")?;
    let border = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let lead = u16::from(sheet.with_seq) + 1;
    let width: u16 = lead + sheet.groups.iter().map(|g| g.1.len() as u16).sum::<u16>();
    ws.merge_range(0, 0, 0, width - 1, &sheet.title, &Format::new().set_bold())?;
    ws.write_string(1, width - 1, &sheet.unit_line)?;
    if sheet.with_seq {
        ws.merge_range(2, 0, 3, 0, "序号", &border)?;
    }
    ws.merge_range(2, lead - 1, 3, lead - 1, &sheet.name_header, &border)?;
    let mut c = lead;
    for (label, subs) in &sheet.groups {
        let last = c + subs.len() as u16 - 1;
        if last > c {
            ws.merge_range(2, c, 2, last, label, &border)?;
        } else {
            ws.write_string_with_format(2, c, label, &border)?;
        }
        for (k, sub) in subs.iter().enumerate() {
            ws.write_string_with_format(3, c + k as u16, sub, &border)?;
        }
        c = last + 1;
    }
    let mut r = 4;
    let all = sheet.rows.iter().chain(sheet.total.iter());
    for (k, (name, values)) in all.enumerate() {
        if sheet.with_seq && k < sheet.rows.len() {
            ws.write_number_with_format(r, 0, (k + 1) as f64, &border)?;
        }
        ws.write_string_with_format(r, lead - 1, name, &border)?;
        for (j, v) in values.iter().enumerate() {
            match v {
                Some(v) => ws.write_number_with_format(r, lead + j as u16, *v, &border)?,
                None => ws.write_string_with_format(r, lead + j as u16, "—", &border)?,
            };
        }
        r += 1;
    }
    if let Some(footer) = &sheet.footer {
        ws.write_string(r + 1, 0, footer)?;
    }
    save(&mut workbook, path)
}

/// Writes `peers.xlsx`: 县市 | 别名.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_peer_list(path: &Path, county: &str, others: &[(&str, &str)]) -> Result<()> {
    let mut rows: Vec<Vec<tables::Value>> = vec![vec![county.into(), "".into()]];
    rows.extend(others.iter().map(|(n, a)| vec![(*n).into(), (*a).into()]));
    tables::write_table(
        path,
        &[SheetSpec {
            name: "周边县市".to_string(),
            headers: ["县市", "别名"].map(String::from).to_vec(),
            rows,
        }],
    )
}

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// Our county's monthly amounts (注册外资, 到帐外资 in 万美元) and yearly
/// targets, as the demo's submissions add up.
pub struct OwnSeries {
    pub monthly: BTreeMap<YearMonth, [f64; 2]>,
    pub targets: BTreeMap<i32, [f64; 2]>,
}

/// Writes the county list and a bulletin for every month of `months`.
///
/// # Errors
///
/// When a file cannot be written.
pub fn write_demo_peers(
    data_dir: &Path,
    county: &str,
    own: &OwnSeries,
    months: &[YearMonth],
) -> Result<()> {
    let others: Vec<(&str, &str)> = COUNTIES.iter().map(|c| (c.0, c.1)).collect();
    write_peer_list(
        &data_dir.join("reference").join("peers.xlsx"),
        county,
        &others,
    )?;
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    // Monthly amounts of every county: ours as submitted, the others scaled
    // from ours with noise; 2024 (for 2025's 去年同期) from a growth factor.
    let mut series: Vec<BTreeMap<YearMonth, [f64; 2]>> = vec![own.monthly.clone()];
    for &(_, _, size, growth) in &COUNTIES {
        let mut s = BTreeMap::new();
        for (&m, v) in &own.monthly {
            let g = if m.year == 2026 { growth } else { 1.0 };
            let noise = [rng.random_range(0.4..1.6), rng.random_range(0.6..1.4)];
            s.insert(m, [v[0] * size * g * noise[0], v[1] * size * g * noise[1]]);
        }
        series.push(s);
    }
    let growth_2024: Vec<[f64; 2]> = (0..series.len())
        .map(|_| [rng.random_range(0.8..1.3), rng.random_range(0.8..1.3)])
        .collect();
    let plans: Vec<[f64; 2]> = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            if k == 0 {
                own.targets.get(&2025).copied().unwrap_or([0.0; 2])
            } else {
                let year: [f64; 2] = sum(s, |m| m.year == 2025);
                year.map(|v| round_to(v * rng.random_range(0.9..1.3), -2))
            }
        })
        .collect();
    for &month in months {
        let ytd =
            |k: usize, year: i32| sum(&series[k], |m| m.year == year && m.month <= month.month);
        let figures: Vec<Pair> = (0..series.len())
            .map(|k| {
                let this = ytd(k, month.year);
                let last = if month.year == 2025 {
                    let base = ytd(k, 2025);
                    [base[0] / growth_2024[k][0], base[1] / growth_2024[k][1]]
                } else {
                    ytd(k, month.year - 1)
                };
                (this, last)
            })
            .collect();
        let sheet = if month.year == 2025 {
            full_layout(county, month, &figures, &plans)
        } else {
            brief_layout(county, month, &figures)
        };
        let path = data_dir
            .join("peers")
            .join(format!("示范市各县市利用外资_{month}.xlsx"));
        write_peer_sheet(&sheet, &path)?;
    }
    Ok(())
}

/// (this year's 累计, 去年同期) of 注册外资 and 到帐外资 for one county.
type Pair = ([f64; 2], [f64; 2]);

/// The counties added up: this year's (`last` false) or last year's.
fn column_sum(figures: &[Pair], last: bool) -> [f64; 2] {
    figures
        .iter()
        .map(|f| if last { f.1 } else { f.0 })
        .fold([0.0; 2], |a, v| [a[0] + v[0], a[1] + v[1]])
}

fn sum(s: &BTreeMap<YearMonth, [f64; 2]>, keep: impl Fn(YearMonth) -> bool) -> [f64; 2] {
    s.iter()
        .filter(|(m, _)| keep(**m))
        .fold([0.0; 2], |acc, (_, v)| [acc[0] + v[0], acc[1] + v[1]])
}

fn names(county: &str) -> Vec<String> {
    std::iter::once(county.to_string())
        .chain(COUNTIES.iter().map(|c| c.0.to_string()))
        .collect()
}

/// 万美元, with 去年同期, 同比, 年计划, 完成%; counties by their full names.
fn full_layout(county: &str, month: YearMonth, figures: &[Pair], plans: &[[f64; 2]]) -> PeerSheet {
    let subs: Vec<String> = [
        format!("1-{}月", month.month),
        "去年同期".to_string(),
        "同比±%".to_string(),
        "年计划".to_string(),
        "完成%".to_string(),
    ]
    .to_vec();
    let row = |this: [f64; 2], last: [f64; 2], plan: [f64; 2]| -> Vec<Option<f64>> {
        (0..2)
            .flat_map(|i| {
                let ytd = round_to(this[i], 2);
                let last = round_to(last[i], 2);
                [
                    Some(ytd),
                    Some(last),
                    (last > 0.0).then(|| round_to((ytd / last - 1.0) * 100.0, 1)),
                    Some(plan[i]),
                    (plan[i] > 0.0).then(|| round_to(ytd / plan[i] * 100.0, 1)),
                ]
            })
            .collect()
    };
    let mut rows: Vec<(String, Vec<Option<f64>>)> = names(county)
        .into_iter()
        .zip(figures)
        .zip(plans)
        .map(|((name, (this, last)), plan)| (name, row(*this, *last, *plan)))
        .collect();
    // Ours second, as prefectures list counties in their own order.
    rows.swap(0, 1);
    let plan_total = plans
        .iter()
        .fold([0.0; 2], |a, v| [a[0] + v[0], a[1] + v[1]]);
    PeerSheet {
        title: format!(
            "示范市各县（市、区）利用外资情况（{}年1-{}月）",
            month.year, month.month
        ),
        unit_line: "单位：万美元".to_string(),
        name_header: "县（市、区）".to_string(),
        with_seq: false,
        groups: vec![
            ("注册外资".to_string(), subs.clone()),
            ("到帐外资".to_string(), subs),
        ],
        rows,
        total: Some((
            "全市合计".to_string(),
            row(
                column_sum(figures, false),
                column_sum(figures, true),
                plan_total,
            ),
        )),
        footer: Some("注：数据来源于示范市商务局外资统计系统。".to_string()),
    }
}

/// 亿美元, only 累计 and 同比%; names without 市/县, 南江区 as 南江新区.
fn brief_layout(county: &str, month: YearMonth, figures: &[Pair]) -> PeerSheet {
    let row = |this: [f64; 2], last: [f64; 2]| -> Vec<Option<f64>> {
        (0..2)
            .flat_map(|i| {
                [
                    Some(round_to(this[i] / 1e4, 2)),
                    (last[i] > 0.0).then(|| round_to((this[i] / last[i] - 1.0) * 100.0, 1)),
                ]
            })
            .collect()
    };
    let written = |name: &str| -> String {
        match COUNTIES.iter().find(|c| c.0 == name) {
            Some((_, alias, _, _)) if !alias.is_empty() => alias.to_string(),
            _ => name.trim_end_matches(['市', '县', '区']).to_string(),
        }
    };
    let rows: Vec<(String, Vec<Option<f64>>)> = names(county)
        .iter()
        .zip(figures)
        .map(|(name, (this, last))| (written(name), row(*this, *last)))
        .collect();
    PeerSheet {
        title: format!(
            "{}年1-{}月示范市各县市利用外资情况",
            month.year, month.month
        ),
        unit_line: "单位：亿美元".to_string(),
        name_header: "地区".to_string(),
        with_seq: true,
        groups: vec![
            (
                "注册外资".to_string(),
                vec![format!("1-{}月累计", month.month), "同比%".to_string()],
            ),
            (
                "实际使用外资".to_string(),
                vec!["累计".to_string(), "同比%".to_string()],
            ),
        ],
        rows,
        total: Some((
            "合计".to_string(),
            row(column_sum(figures, false), column_sum(figures, true)),
        )),
        footer: None,
    }
}
