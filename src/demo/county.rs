//! The demo county (示范县, fictional): its units, sources, industries, and a
//! seeded generator of plausible monthly project events.

use super::form::DetailRow;
use crate::foundation::model::YearMonth;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// One demo unit and how it behaves.
#[derive(Clone, Debug)]
pub struct UnitProfile<'a> {
    pub name: &'a str,
    pub display: &'a str,
    pub kind: &'a str,
    pub group: &'a str,
    pub aliases: &'a str,
    /// Average new contracted FDI a month, 万美元.
    pub scale: f64,
    /// The currency most of its foreign rows are in (币种 column).
    pub currency: &'a str,
    /// The units row of its forms: 万美元 or 千美元.
    pub money_unit: &'a str,
    /// No foreign capital at all in 2026 (未破零 by October).
    pub quiet_2026: bool,
}

pub const UNITS: [UnitProfile<'static>; 14] = [
    UnitProfile {
        name: "保税区",
        display: "示范县保税区管委会",
        kind: "开发区",
        group: "",
        aliases: "示范保税区",
        scale: 1500.0,
        currency: "美元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "省级开发区",
        display: "示范县省级开发区管委会",
        kind: "开发区",
        group: "",
        aliases: "经济开发区、开发区",
        scale: 1200.0,
        currency: "美元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "沿江开发区",
        display: "示范县沿江开发区管委会",
        kind: "开发区",
        group: "",
        aliases: "沿江",
        scale: 800.0,
        currency: "日元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "青山镇",
        display: "青山镇人民政府",
        kind: "镇",
        group: "一组",
        aliases: "青山",
        scale: 160.0,
        currency: "美元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "柳溪镇",
        display: "柳溪镇人民政府",
        kind: "镇",
        group: "一组",
        aliases: "柳溪",
        scale: 120.0,
        currency: "港元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "白鹭镇",
        display: "白鹭镇人民政府",
        kind: "镇",
        group: "一组",
        aliases: "白鹭",
        scale: 90.0,
        currency: "美元",
        money_unit: "千美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "枫桥镇",
        display: "枫桥镇人民政府",
        kind: "镇",
        group: "一组",
        aliases: "枫桥",
        scale: 70.0,
        currency: "欧元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "石湖镇",
        display: "石湖镇人民政府",
        kind: "镇",
        group: "二组",
        aliases: "石湖",
        scale: 110.0,
        currency: "美元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "梅岭镇",
        display: "梅岭镇人民政府",
        kind: "镇",
        group: "二组",
        aliases: "梅岭",
        scale: 40.0,
        currency: "美元",
        money_unit: "万美元",
        quiet_2026: true,
    },
    UnitProfile {
        name: "桃源镇",
        display: "桃源镇人民政府",
        kind: "镇",
        group: "二组",
        aliases: "桃源",
        scale: 60.0,
        currency: "港元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "云港镇",
        display: "云港镇人民政府",
        kind: "镇",
        group: "二组",
        aliases: "云港",
        scale: 130.0,
        currency: "美元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    // Two county departments and a team with targets of their own, ranked
    // apart from the zones and towns (issue 16). Listed last, so that the
    // seeded draws of the units above stay as they were.
    UnitProfile {
        name: "商务局",
        display: "示范县商务局",
        kind: "县直部门",
        group: "",
        aliases: "县商务局",
        scale: 60.0,
        currency: "美元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "发改委",
        display: "示范县发展和改革委员会",
        kind: "县直部门",
        group: "",
        aliases: "发展和改革委员会、发展改革委",
        scale: 40.0,
        currency: "港元",
        money_unit: "万美元",
        quiet_2026: false,
    },
    UnitProfile {
        name: "驻沪招商组",
        display: "示范县驻沪招商组",
        kind: "招商团队",
        group: "",
        aliases: "上海招商组",
        scale: 70.0,
        currency: "美元",
        money_unit: "万美元",
        quiet_2026: false,
    },
];

/// (名称, 分组, 自由港, 别名)
pub const SOURCES: [(&str, &str, bool, &str); 26] = [
    ("中国香港", "港澳台", false, "香港、港、香港特别行政区"),
    ("中国澳门", "港澳台", false, "澳门"),
    ("中国台湾", "港澳台", false, "台湾、台资、台湾地区"),
    ("日本", "日韩", false, ""),
    ("韩国", "日韩", false, "南韩"),
    ("新加坡", "东盟", false, ""),
    ("马来西亚", "东盟", false, ""),
    ("泰国", "东盟", false, ""),
    ("德国", "欧盟", false, ""),
    ("法国", "欧盟", false, ""),
    ("荷兰", "欧盟", false, ""),
    ("意大利", "欧盟", false, ""),
    ("美国", "北美", false, ""),
    ("加拿大", "北美", false, ""),
    ("英属维尔京群岛", "自由港", true, "BVI、英属维京群岛"),
    ("开曼群岛", "自由港", true, "开曼"),
    ("萨摩亚", "自由港", true, ""),
    ("毛里求斯", "自由港", true, ""),
    ("巴巴多斯", "自由港", true, ""),
    ("英国", "其他", false, ""),
    ("澳大利亚", "其他", false, ""),
    ("上海市", "国内", false, "上海"),
    ("浙江省", "国内", false, "浙江"),
    ("广东省", "国内", false, "广东"),
    ("北京市", "国内", false, "北京"),
    ("江苏省内其他市", "国内", false, "省内"),
];

/// (代码, 名称, 门类, 关键词): a working subset of GB/T 4754-2017.
/// Header words seen in units' files, added by the bureau (labels.xlsx).
pub const LABELS: [(&str, &str); 3] = [
    ("合同外资", "外资合同额、合同外资金额"),
    ("来源地", "投资国别、外资来源"),
    ("到帐外资", "外资到位额"),
];

pub const INDUSTRIES: [(&str, &str, &str, &str); 20] = [
    ("01", "农业", "A", "种植、农业"),
    ("17", "纺织业", "C", "纺织、纺纱、织造"),
    ("18", "纺织服装、服饰业", "C", "服装、服饰"),
    (
        "20",
        "木材加工和木、竹、藤、棕、草制品业",
        "C",
        "木业、木材、木业加工",
    ),
    (
        "26",
        "化学原料和化学制品制造业",
        "C",
        "化工、精细化工、化学",
    ),
    ("29", "橡胶和塑料制品业", "C", "塑料、橡胶"),
    ("33", "金属制品业", "C", "金属制品、五金"),
    ("34", "通用设备制造业", "C", "通用设备、机械"),
    ("35", "专用设备制造业", "C", "专用设备"),
    ("36", "汽车制造业", "C", "汽车、汽车零部件"),
    ("38", "电气机械和器材制造业", "C", "电气、电机、新能源电池"),
    (
        "39",
        "计算机、通信和其他电子设备制造业",
        "C",
        "电子、半导体、通信设备",
    ),
    ("44", "电力、热力生产和供应业", "D", "电力、光伏发电、热力"),
    ("51", "批发业", "F", "批发、贸易"),
    ("59", "装卸搬运和仓储业", "G", "仓储、物流"),
    ("65", "软件和信息技术服务业", "I", "软件、信息技术"),
    ("70", "房地产业", "K", "房地产"),
    ("72", "商务服务业", "L", "商务服务、咨询"),
    ("73", "研究和试验发展", "M", "研发、研究院"),
    ("75", "科技推广和应用服务业", "M", "科技推广、技术服务"),
];

const FOREIGN_SOURCES: [&str; 14] = [
    "香港",
    "中国香港",
    "台湾",
    "日本",
    "韩国",
    "新加坡",
    "德国",
    "美国",
    "BVI",
    "开曼群岛",
    "萨摩亚",
    "荷兰",
    "马来西亚",
    "英国",
];
const DOMESTIC_SOURCES: [&str; 5] = ["上海", "浙江", "广东", "北京", "省内"];
const INDUSTRY_TEXTS: [&str; 14] = [
    "精细化工",
    "汽车零部件",
    "39",
    "电子",
    "纺织",
    "木业加工",
    "通用设备制造业",
    "仓储物流",
    "软件",
    "新能源电池",
    "塑料",
    "研发",
    "贸易",
    "金属制品",
];
const NAME_WORDS: [&str; 12] = [
    "精密",
    "新材料",
    "科技",
    "电子",
    "智能装备",
    "化工",
    "纺织",
    "物流",
    "汽车部件",
    "光电",
    "医疗器械",
    "食品",
];

/// CNY per 100 units of the row's currency, for scaling amounts written in it.
fn cny_per_100(currency: &str, rates: &[f64; 4]) -> f64 {
    match currency {
        "港元" => rates[1],
        "日元" => rates[2],
        "欧元" => rates[3],
        _ => rates[0],
    }
}

/// A foreign project contracted (新设 or 增资) in a month, that capital can
/// later arrive on (到资).
#[derive(Clone, Debug)]
pub struct Contracted {
    pub month: YearMonth,
    pub project: String,
    pub investor: String,
    pub source: String,
    /// 实际来源地 behind a free-port holding; empty otherwise.
    pub ultimate_source: String,
    pub industry: String,
}

/// Where the money behind a free-port holding really comes from.
const ULTIMATE_SOURCES: [&str; 4] = ["中国香港", "中国台湾", "美国", "新加坡"];

/// How far back a 到资 row looks for its contract, in months: as far as the
/// audit can check (`cross.arrival_without_contract`).
const ARRIVAL_LOOKBACK: i32 = 12;

/// Generates the month's detail rows for `unit`. Amounts are drawn in 万美元
/// and written in the row's currency and the unit's magnitude. A 到资 row is
/// capital arriving on one of the unit's projects in `earlier` contracted in
/// the last twelve months; with none, the event is a 新设 instead.
pub fn month_rows(
    rng: &mut ChaCha8Rng,
    unit: &UnitProfile<'_>,
    month: YearMonth,
    rates: &[f64; 4],
    earlier: &[Contracted],
) -> Vec<DetailRow> {
    let recent: Vec<&Contracted> = earlier
        .iter()
        .filter(|c| month.index() - c.month.index() <= ARRIVAL_LOOKBACK)
        .collect();
    let mut rows = Vec::new();
    let foreign_events = if unit.quiet_2026 && month.year == 2026 {
        0
    } else {
        rng.random_range(0..=if unit.kind == "开发区" { 4 } else { 2 })
    };
    let magnitude = if unit.money_unit == "千美元" {
        10.0
    } else {
        1.0
    };
    for k in 0..foreign_events {
        let currency = if rng.random_bool(0.6) {
            unit.currency
        } else {
            "美元"
        };
        // 万美元 → the row's currency, in the unit's magnitude.
        let to_written = |wan_usd: f64| {
            let value = wan_usd * rates[0] / cny_per_100(currency, rates) * magnitude;
            (value * 100.0).round() / 100.0
        };
        let mut draw: f64 = rng.random();
        if (0.65..0.96).contains(&draw) && recent.is_empty() {
            draw = 0.0;
        }
        let size = unit.scale * rng.random_range(0.3..2.0);
        let (event, contracted, registered, arrived, total) = if draw < 0.45 {
            let c = size;
            let reg = c * rng.random_range(0.6..1.0);
            let arr = if rng.random_bool(0.4) {
                Some(c * rng.random_range(0.1..0.5))
            } else {
                None
            };
            (
                "新设",
                Some(c),
                Some(reg),
                arr,
                Some(c * rng.random_range(1.2..2.5)),
            )
        } else if draw < 0.65 {
            let c = size * 0.6;
            (
                "增资",
                Some(c),
                Some(c * rng.random_range(0.7..1.0)),
                None,
                Some(c * 1.5),
            )
        } else if draw < 0.96 {
            (
                "到资",
                None,
                None,
                Some(size * rng.random_range(0.5..1.2)),
                None,
            )
        } else {
            let c = size * 0.3;
            ("减资", Some(-c), Some(-c), None, None)
        };
        let word = NAME_WORDS[rng.random_range(0..NAME_WORDS.len())];
        let source = FOREIGN_SOURCES[rng.random_range(0..FOREIGN_SOURCES.len())];
        let industry = INDUSTRY_TEXTS[rng.random_range(0..INDUSTRY_TEXTS.len())];
        let project = if event == "到资" {
            recent[rng.random_range(0..recent.len())].clone()
        } else {
            Contracted {
                month,
                project: format!(
                    "{}{}{}有限公司",
                    unit.aliases.split('、').next().unwrap_or(unit.name),
                    word,
                    ["", "（二期）", "扩建"][k % 3],
                ),
                investor: format!("{source}{word}投资有限公司"),
                source: source.to_string(),
                ultimate_source: if ["BVI", "开曼群岛", "萨摩亚"].contains(&source) {
                    ULTIMATE_SOURCES[rng.random_range(0..ULTIMATE_SOURCES.len())].to_string()
                } else {
                    String::new()
                },
                industry: industry.to_string(),
            }
        };
        rows.push(DetailRow {
            project: project.project,
            investor: project.investor,
            capital: "外资".to_string(),
            source: project.source,
            ultimate_source: project.ultimate_source,
            industry: project.industry,
            event: event.to_string(),
            total_investment: total.map(to_written),
            contracted: contracted.map(to_written),
            registered: registered.map(to_written),
            arrived: arrived.map(to_written),
            currency: currency.to_string(),
            date: format!(
                "{}年{}月{}日",
                month.year,
                month.month,
                rng.random_range(1..=28)
            ),
        });
    }
    // Domestic capital (内资) from outside the county: RMB in the units row's magnitude.
    if rng.random_bool(0.5) {
        let registered = unit.scale * rng.random_range(2.0..12.0);
        let arrived = registered * rng.random_range(0.2..0.9);
        let word = NAME_WORDS[rng.random_range(0..NAME_WORDS.len())];
        rows.push(DetailRow {
            project: format!("{}{word}产业园项目", unit.name),
            investor: format!(
                "{}{word}集团",
                DOMESTIC_SOURCES[rng.random_range(0..DOMESTIC_SOURCES.len())]
            ),
            capital: "内资".to_string(),
            source: DOMESTIC_SOURCES[rng.random_range(0..DOMESTIC_SOURCES.len())].to_string(),
            ultimate_source: String::new(),
            industry: INDUSTRY_TEXTS[rng.random_range(0..INDUSTRY_TEXTS.len())].to_string(),
            event: "新设".to_string(),
            // 总投资 three times the registered capital, in RMB like it: the
            // RMB project bands count domestic projects too.
            total_investment: Some((registered * 3.0 * magnitude * 100.0).round() / 100.0),
            contracted: None,
            registered: Some((registered * magnitude * 100.0).round() / 100.0),
            arrived: Some((arrived * magnitude * 100.0).round() / 100.0),
            currency: "人民币".to_string(),
            date: format!(
                "{}年{}月{}日",
                month.year,
                month.month,
                rng.random_range(1..=28)
            ),
        });
    }
    rows
}

/// Whether `unit`'s form for `month` has the 项目阶段 column: 保税区 all along,
/// 青山镇 and 柳溪镇 from 2026; the others never (their stage counts are "—").
pub fn has_stage_column(unit: &str, month: YearMonth) -> bool {
    unit == "保税区" || (month.year >= 2026 && ["青山镇", "柳溪镇"].contains(&unit))
}

/// The 项目阶段 a unit writes on a row, worked from the row itself (no
/// random draw, so the rest of the demo stays as it was): a new foreign
/// project signed or started by the parity of its day, a capital increase
/// started, an arrival in production in odd months, a domestic project by
/// the month.
pub fn stage_for(row: &DetailRow, month: YearMonth) -> &'static str {
    let day: u32 = row
        .date
        .rsplit('月')
        .next()
        .and_then(|d| d.trim_end_matches('日').parse().ok())
        .unwrap_or(0);
    match (row.capital.as_str(), row.event.as_str()) {
        ("内资", _) => ["签约", "开工建设", "竣工投产"][month.month as usize % 3],
        (_, "新设") if day.is_multiple_of(2) => "已签约",
        (_, "新设") => "开工",
        (_, "增资") => "在建",
        (_, "到资") if month.month % 2 == 1 => "投产",
        _ => "",
    }
}

/// An intent row (意向, no amounts yet) a staged unit lists in even months.
pub fn intent_row(unit: &str, month: YearMonth) -> DetailRow {
    DetailRow {
        project: format!("{unit}{}月洽谈项目", month.month),
        investor: "香港意向投资有限公司".to_string(),
        capital: "外资".to_string(),
        source: "香港".to_string(),
        ultimate_source: String::new(),
        industry: String::new(),
        event: String::new(),
        total_investment: None,
        contracted: None,
        registered: None,
        arrived: None,
        currency: String::new(),
        date: String::new(),
    }
}
