//! `zhaoshang demo`: writes the fictional demo county's settings, reference
//! tables and every unit's submission from 2025-01 to 2026-10, reproducibly
//! (seeded). The output is committed under data/ so `run` needs no generation.

pub mod county;
pub mod form;
pub mod peers;
pub mod tables;

use crate::foundation::model::{Indicator, YearMonth};
use anyhow::{Context, Result};
use county::{Contracted, UnitProfile, INDUSTRIES, LABELS, SOURCES, UNITS};
use form::{DetailRow, Form, SummaryRow};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::path::Path;
use tables::RegionSpec;

const SEED: u64 = 20_261_105;
/// The last month with submissions.
const LAST_MONTH: YearMonth = YearMonth {
    year: 2026,
    month: 10,
};

pub const SETTINGS: &str = r#"# 示范县（演示数据）招商引资统计设置。见 docs/inputs.md。
county = "示范县"
reference_dir = "reference"
submissions_dir = "submissions"

[progress]
# monthly: 时序进度 = N/12；quarterly: 按季度末计算
rule = "monthly"

[flags]
# 黄牌：完成(%) 低于 时序进度 × 该比例
yellow_card_ratio = 0.7
# 双脱幅：该指标与到帐外资同时脱幅（contracted_fdi 或 registered_fdi）
double_shortfall_with = "contracted_fdi"

[projects]
# 外资新设项目按总投资分档（万美元，由小到大），最小一档也是外资大项目清单的起点
size_bands = [1000, 2500, 10000]
# 新设项目（外资、内资合计）按总投资分档（人民币，可写 "1000万元"、"1亿元"）；
# large_from 为「大项目」的起点，须为其中一档
rmb_bands = ["1000万元", "3000万元", "5000万元", "1亿元"]
large_from = "3000万元"

[attracted]
# 招商引资总额（万元）由哪些指标组成：内资按万元，外资按各笔所属月份的美元汇率折成人民币
indicators = ["domestic_registered", "registered_fdi"]

[bulletin]
# Word 通报：期号为「前缀 + 第N期」（{year} 为报告年份，N 为月份）；发文单位（{county} 为县名）；
# 各单位完成情况表的指标（contracted_fdi、registered_fdi、arrived_fdi、new_fie_count、
# domestic_registered、domestic_arrived）
issue_prefix = "{year}年"
issuer = "{county}招商局"
indicators = ["contracted_fdi", "registered_fdi", "arrived_fdi"]
# 句子中对全县的称呼：全县、全市或全区；不写则按县名末字（示范县 → 全县）
scope = "全县"

[peers]
# 周边县市比较中本县一行的累计：ours（本系统按各单位报表汇总，默认，市通报数字列在表注）
# 或 prefecture（采用市通报数字，本系统汇总列在表注）；排名和与首位差距随之计算
our_figure = "ours"

# 单位类型，按通报中的顺序：name 为类型名（也是「开发区小计」等小计行的名字），
# member 为句子中对成员的称呼（「有2个镇的…」），words 为 regions.xlsx「类型」列中
# 也指这一类的写法。不写 [[kinds]] 时即为下面四类。
[[kinds]]
name = "开发区"
member = "开发区"
words = ["园区", "区"]

[[kinds]]
name = "镇"
member = "镇"
words = ["乡", "街道", "乡镇"]

[[kinds]]
name = "部门"
member = "部门"
words = ["县直部门", "市直部门", "单位"]

[[kinds]]
name = "团队"
member = "团队"
words = ["招商团队", "招商局", "办事处"]
"#;

/// Writes the whole demo data set into `data_dir`; `extra_towns` more towns
/// (named 新001镇 …, each filling in the form as one of the demo's towns does)
/// make a larger county for the benchmark (bench/README.md).
///
/// # Errors
///
/// When a file cannot be written.
pub fn write_demo(data_dir: &Path, extra_towns: usize) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("无法创建 {}", data_dir.display()))?;
    std::fs::write(data_dir.join("settings.toml"), SETTINGS)?;
    let reference = data_dir.join("reference");
    let names: Vec<(String, String)> = (1..=extra_towns)
        .map(|i| (format!("新{i:03}镇"), format!("新{i:03}镇人民政府")))
        .collect();
    let towns: Vec<&UnitProfile> = UNITS.iter().filter(|u| u.kind == "镇").collect();
    let units: Vec<UnitProfile> = UNITS
        .iter()
        .cloned()
        .chain(
            names
                .iter()
                .enumerate()
                .map(|(i, (name, display))| UnitProfile {
                    name,
                    display,
                    aliases: "",
                    group: "",
                    ..towns[i % towns.len()].clone()
                }),
        )
        .collect();
    let regions: Vec<RegionSpec> = units
        .iter()
        .map(|u| RegionSpec {
            name: u.name,
            kind: u.kind,
            group: u.group,
            aliases: u.aliases,
        })
        .collect();
    tables::write_regions(&reference.join("regions.xlsx"), &regions)?;
    tables::write_sources(&reference.join("sources.xlsx"), &SOURCES)?;
    tables::write_industries(&reference.join("industries.xlsx"), &INDUSTRIES)?;
    tables::write_labels(&reference.join("labels.xlsx"), &LABELS)?;

    let months: Vec<YearMonth> = [2025, 2026]
        .iter()
        .flat_map(|&y| (1..=12).filter_map(move |m| YearMonth::new(y, m)))
        .collect();
    let mut rates = BTreeMap::new();
    let mut level: [f64; 4] = [712.0, 91.3, 4.85, 775.0];
    for &m in &months {
        for (value, step) in level.iter_mut().zip([2.5f64, 0.3, 0.08, 8.0]) {
            *value += rng.random_range(-step..step);
            *value = (*value * 10000.0).round() / 10000.0;
        }
        rates.insert(m, level);
    }
    tables::write_rates(
        &reference.join("rates.xlsx"),
        &rates.iter().map(|(m, r)| (*m, *r)).collect::<Vec<_>>(),
    )?;

    let mut targets: BTreeMap<i32, tables::UnitTargets> = BTreeMap::new();
    let mut own = peers::OwnSeries {
        monthly: BTreeMap::new(),
        targets: BTreeMap::new(),
    };
    for unit in &units {
        let mut rows: BTreeMap<YearMonth, Vec<DetailRow>> = BTreeMap::new();
        let mut contracted: Vec<Contracted> = Vec::new();
        for &m in &months {
            let month_rows = county::month_rows(&mut rng, unit, m, &rates[&m], &contracted);
            contracted.extend(
                month_rows
                    .iter()
                    .filter(|r| r.capital == "外资" && (r.event == "新设" || r.event == "增资"))
                    .map(|r| Contracted {
                        month: m,
                        project: r.project.clone(),
                        investor: r.investor.clone(),
                        source: r.source.clone(),
                        ultimate_source: r.ultimate_source.clone(),
                        industry: r.industry.clone(),
                    }),
            );
            rows.insert(m, month_rows);
        }
        let canonical: BTreeMap<YearMonth, [f64; 6]> = rows
            .iter()
            .map(|(m, r)| (*m, canonical_sums(unit, r, &rates[m])))
            .collect();
        for (m, v) in canonical.iter().filter(|(m, _)| **m <= LAST_MONTH) {
            let sums = own.monthly.entry(*m).or_insert([0.0; 2]);
            sums[0] += v[0];
            sums[1] += v[2];
        }
        for year in [2025, 2026] {
            let full: [f64; 6] = sum_months(&canonical, |m| m.year == year);
            let base = if year == 2026 && unit.quiet_2026 {
                sum_months(&canonical, |m| m.year == 2025)
            } else {
                full
            };
            let factor = rng.random_range(0.85..1.35);
            let values = base.map(|v| {
                let t = (v.max(0.0) * factor / 10.0).round() * 10.0;
                (t > 0.0).then_some(t)
            });
            let mut values = values;
            values[3] = Some((base[3] * factor).round().max(1.0));
            targets
                .entry(year)
                .or_default()
                .push((unit.name.to_string(), values));
        }
        for (&month, month_rows) in rows.iter().filter(|(m, _)| **m <= LAST_MONTH) {
            let summary = Indicator::BULLETIN
                .iter()
                .enumerate()
                .map(|(slot, &indicator)| SummaryRow {
                    indicator,
                    this_month: round2(canonical[&month][slot]),
                    cumulative: round2(
                        sum_months(&canonical, |m| {
                            m.year == month.year && m.month <= month.month
                        })[slot],
                    ),
                    last_year: Some(round2(
                        sum_months(&canonical, |m| {
                            m.year == month.year - 1 && m.month <= month.month
                        })[slot],
                    ))
                    .filter(|_| month.year > 2025),
                })
                .collect();
            let form = Form {
                unit_display: unit.display.to_string(),
                unit_title: unit.name.to_string(),
                period: month,
                money_unit: unit.money_unit.to_string(),
                report_date: report_date(month, &mut rng),
                rows: month_rows.clone(),
                summary: Some(summary),
            };
            let path = data_dir
                .join("submissions")
                .join(month.to_string())
                .join(format!("{}_{month}.xlsx", unit.name));
            if county::has_stage_column(unit.name, month) {
                let mut form = form;
                let mut stages: Vec<&str> = form
                    .rows
                    .iter()
                    .map(|r| county::stage_for(r, month))
                    .collect();
                if month.month % 2 == 0 {
                    form.rows.push(county::intent_row(unit.name, month));
                    stages.push("意向");
                }
                form::write_form_staged(&form, &stages, &path)?;
            } else {
                form::write_form(&form, &path)?;
            }
        }
    }
    for (year, units) in &targets {
        let total = |slot: usize| units.iter().filter_map(|(_, v)| v[slot]).sum::<f64>();
        own.targets.insert(*year, [total(0), total(2)]);
    }
    let targets: Vec<_> = targets.into_iter().collect();
    let named = named_targets(&targets);
    tables::write_targets_with(
        &reference.join("targets.xlsx"),
        &targets,
        &NAMED_TARGETS,
        &|year, unit| named.get(&(year, unit.to_string())).cloned(),
    )?;
    let bulletin_months: Vec<YearMonth> = months
        .iter()
        .copied()
        .filter(|m| *m <= LAST_MONTH)
        .collect();
    peers::write_demo_peers(data_dir, "示范县", &own, &bulletin_months)?;
    Ok(())
}

/// The targets columns beside the indicators: 招商引资总额 (万元), RMB project
/// bands and project stages.
const NAMED_TARGETS: [&str; 3] = ["招商引资总额(万元)", "1000万元以上项目", "新开工项目"];

/// 2026's targets of [`NAMED_TARGETS`]: 招商引资总额 for every unit with both
/// 注册内资 and 注册外资 targets (注册外资 at 7.1, to the hundred 万元); counts
/// of large projects for the zones and of 新开工 projects for the units whose
/// forms give stages.
fn named_targets(
    targets: &[(i32, tables::UnitTargets)],
) -> BTreeMap<(i32, String), Vec<Option<f64>>> {
    let mut out = BTreeMap::new();
    for (year, units) in targets.iter().filter(|(y, _)| *y == 2026) {
        for (unit, values) in units {
            let attracted = values[0]
                .zip(values[4])
                .map(|(fdi, domestic)| ((fdi * 7.1 + domestic) / 100.0).round() * 100.0);
            let large = match unit.as_str() {
                "保税区" => Some(6.0),
                "省级开发区" => Some(4.0),
                "沿江开发区" => Some(3.0),
                _ => None,
            };
            let started = match unit.as_str() {
                "保税区" => Some(8.0),
                "青山镇" | "柳溪镇" => Some(3.0),
                _ => None,
            };
            out.insert((*year, unit.clone()), vec![attracted, large, started]);
        }
    }
    out
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn report_date(month: YearMonth, rng: &mut ChaCha8Rng) -> String {
    let (y, m) = if month.month == 12 {
        (month.year + 1, 1)
    } else {
        (month.year, month.month + 1)
    };
    format!("{y}年{m}月{}日", rng.random_range(2..=8))
}

fn sum_months(
    by_month: &BTreeMap<YearMonth, [f64; 6]>,
    keep: impl Fn(YearMonth) -> bool,
) -> [f64; 6] {
    let mut total = [0.0; 6];
    for (m, values) in by_month {
        if keep(*m) {
            for (t, v) in total.iter_mut().zip(values) {
                *t += v;
            }
        }
    }
    total
}

/// The month's amounts in the bulletin's canonical units, in
/// [`Indicator::BULLETIN`] order, worked out from the rows as written.
fn canonical_sums(unit: &UnitProfile<'_>, rows: &[DetailRow], rates: &[f64; 4]) -> [f64; 6] {
    let magnitude = if unit.money_unit == "千美元" {
        10.0
    } else {
        1.0
    };
    let mut sums = [0.0; 6];
    for row in rows {
        let rate = match row.currency.as_str() {
            "港元" => rates[1],
            "日元" => rates[2],
            "欧元" => rates[3],
            _ => rates[0],
        };
        let wan_usd = |v: Option<f64>| v.unwrap_or(0.0) / magnitude * rate / rates[0];
        let wan = |v: Option<f64>| v.unwrap_or(0.0) / magnitude;
        if row.capital == "外资" {
            sums[0] += wan_usd(row.registered);
            sums[1] += wan_usd(row.contracted);
            sums[2] += wan_usd(row.arrived);
            if row.event == "新设" {
                sums[3] += 1.0;
            }
        } else {
            sums[4] += wan(row.registered);
            sums[5] += wan(row.arrived);
        }
    }
    sums
}
