//! What the generated county knows: its units, its rates, the sources and
//! GB/T 4754-2017 industries, each with the spellings units write.

use super::case::YM;
use super::pick::{self, Rng};
use super::words::{full_width, traditional};

/// The fixture's reporting units (name, kind).
pub const REGIONS: [(&str, &str); 9] = [
    ("保税区", "开发区"),
    ("高新区", "开发区"),
    ("沿江开发区", "开发区"),
    ("物流园区", "开发区"),
    ("青山镇", "镇"),
    ("云港镇", "镇"),
    ("白马镇", "镇"),
    ("城东街道", "镇"),
    ("东湖乡", "镇"),
];

/// The fixture's county; units write it in full or short.
pub const COUNTY: &str = "测试县";
const COUNTY_SHORT: &str = "测试";

/// 填报单位 as a unit writes its own name.
pub fn unit_spelling(rng: &mut Rng, name: &str) -> String {
    let forms: Vec<String> = if name.ends_with('区') {
        vec![
            name.into(),
            format!("{COUNTY}{name}"),
            format!("{COUNTY_SHORT}{name}"),
            format!("{name}管委会"),
            format!("{name}管理委员会"),
            format!("{COUNTY}{name}管委会"),
            format!("{COUNTY_SHORT}{name}管理委员会"),
        ]
    } else if name.ends_with("街道") {
        vec![
            name.into(),
            format!("{name}办事处"),
            format!("{COUNTY}{name}办事处"),
            format!("{COUNTY_SHORT}{name}办事处"),
            format!("{COUNTY}{name}"),
        ]
    } else {
        vec![
            name.into(),
            format!("{name}人民政府"),
            format!("{COUNTY}{name}人民政府"),
            format!("{COUNTY_SHORT}{name}"),
            format!("{COUNTY}{name}"),
            format!("{COUNTY_SHORT}{name}人民政府"),
        ]
    };
    pick::one(rng, &forms).clone()
}

/// The months a case may fall in: 2025-01 … 2026-12.
pub fn months() -> Vec<YM> {
    (2025..=2026)
        .flat_map(|y| (1..=12).map(move |m| YM(y, m)))
        .collect()
}

/// CNY per 100 USD, HKD, JPY, EUR in a month: made-up but plausible, and
/// different every month so a wrong month's rate shows.
pub fn rates(month: YM) -> [f64; 4] {
    let i = ((month.0 - 2025) * 12 + month.1 as i32 - 1) as f64;
    [
        705.0 + (i * 7.3) % 21.0,
        89.5 + (i * 1.7) % 3.5,
        4.55 + (i * 0.13) % 0.6,
        765.0 + (i * 11.1) % 40.0,
    ]
}

/// Sources: (canonical name as in the county's table, foreign, spellings).
pub const SOURCES: [(&str, bool, &[&str]); 25] = [
    (
        "中国香港",
        true,
        &[
            "中国香港",
            "香港",
            "香港",
            "香港特别行政区",
            "HK",
            "港",
            "（香港）",
            "(香港)",
            "中國香港",
            "香港地区",
            "中国香港特别行政区",
        ],
    ),
    (
        "中国台湾",
        true,
        &[
            "台湾",
            "中国台湾",
            "台湾地区",
            "臺灣",
            "中國臺灣",
            "台湾省",
            "台资",
        ],
    ),
    (
        "中国澳门",
        true,
        &["澳门", "中国澳门", "澳門", "澳门特别行政区"],
    ),
    ("日本", true, &["日本", "日本", "日本国"]),
    ("韩国", true, &["韩国", "南韩", "韓國", "大韩民国"]),
    ("新加坡", true, &["新加坡", "新加坡", "新加坡共和国"]),
    ("马来西亚", true, &["马来西亚", "馬來西亞"]),
    ("泰国", true, &["泰国"]),
    ("德国", true, &["德国", "德國"]),
    ("法国", true, &["法国", "法國"]),
    ("荷兰", true, &["荷兰", "荷蘭"]),
    ("意大利", true, &["意大利"]),
    (
        "美国",
        true,
        &["美国", "美国", "美國", "USA", "美利坚合众国"],
    ),
    ("加拿大", true, &["加拿大"]),
    (
        "英属维尔京群岛",
        true,
        &[
            "英属维尔京群岛",
            "BVI",
            "BVI",
            "英属维京群岛",
            "英屬維爾京群島",
            "B.V.I.",
        ],
    ),
    (
        "开曼群岛",
        true,
        &["开曼群岛", "开曼", "英属开曼群岛", "開曼群島"],
    ),
    ("萨摩亚", true, &["萨摩亚", "薩摩亞"]),
    ("毛里求斯", true, &["毛里求斯"]),
    ("英国", true, &["英国", "英國"]),
    ("澳大利亚", true, &["澳大利亚", "澳大利亞", "澳洲"]),
    ("上海市", false, &["上海", "上海市", "上海市"]),
    ("浙江省", false, &["浙江", "浙江省"]),
    ("广东省", false, &["广东", "广东省", "廣東省"]),
    ("北京市", false, &["北京", "北京市"]),
    ("江苏省内其他市", false, &["省内", "江苏省内其他市"]),
];

/// GB/T 4754-2017 divisions (代码, 门类, 名称) this county's projects fall in.
pub const DIVISIONS: [(&str, char, &str); 44] = [
    ("01", 'A', "农业"),
    ("03", 'A', "畜牧业"),
    ("13", 'C', "农副食品加工业"),
    ("14", 'C', "食品制造业"),
    ("15", 'C', "酒、饮料和精制茶制造业"),
    ("17", 'C', "纺织业"),
    ("18", 'C', "纺织服装、服饰业"),
    ("19", 'C', "皮革、毛皮、羽毛及其制品和制鞋业"),
    ("20", 'C', "木材加工和木、竹、藤、棕、草制品业"),
    ("21", 'C', "家具制造业"),
    ("22", 'C', "造纸和纸制品业"),
    ("24", 'C', "文教、工美、体育和娱乐用品制造业"),
    ("26", 'C', "化学原料和化学制品制造业"),
    ("27", 'C', "医药制造业"),
    ("28", 'C', "化学纤维制造业"),
    ("29", 'C', "橡胶和塑料制品业"),
    ("30", 'C', "非金属矿物制品业"),
    ("31", 'C', "黑色金属冶炼和压延加工业"),
    ("32", 'C', "有色金属冶炼和压延加工业"),
    ("33", 'C', "金属制品业"),
    ("34", 'C', "通用设备制造业"),
    ("35", 'C', "专用设备制造业"),
    ("36", 'C', "汽车制造业"),
    ("37", 'C', "铁路、船舶、航空航天和其他运输设备制造业"),
    ("38", 'C', "电气机械和器材制造业"),
    ("39", 'C', "计算机、通信和其他电子设备制造业"),
    ("40", 'C', "仪器仪表制造业"),
    ("44", 'D', "电力、热力生产和供应业"),
    ("45", 'D', "燃气生产和供应业"),
    ("47", 'E', "房屋建筑业"),
    ("51", 'F', "批发业"),
    ("52", 'F', "零售业"),
    ("54", 'G', "道路运输业"),
    ("58", 'G', "多式联运和运输代理业"),
    ("59", 'G', "装卸搬运和仓储业"),
    ("61", 'H', "住宿业"),
    ("62", 'H', "餐饮业"),
    ("64", 'I', "互联网和相关服务"),
    ("65", 'I', "软件和信息技术服务业"),
    ("70", 'K', "房地产业"),
    ("71", 'L', "租赁业"),
    ("72", 'L', "商务服务业"),
    ("73", 'M', "研究和试验发展"),
    ("75", 'M', "科技推广和应用服务业"),
];

/// GB/T 4754-2017 classes (小类代码, 名称) units sometimes give instead.
const CLASSES: [(&str, &str); 18] = [
    ("0111", "稻谷种植"),
    ("1711", "棉纺纱加工"),
    ("1810", "机织服装制造"),
    ("2011", "锯材加工"),
    ("2614", "有机化学原料制造"),
    ("2710", "化学药品原料药制造"),
    ("2927", "日用塑料制品制造"),
    ("3011", "水泥制造"),
    ("3311", "金属结构制造"),
    ("3612", "新能源车整车制造"),
    ("3670", "汽车零部件及配件制造"),
    ("3841", "锂离子电池制造"),
    ("3911", "计算机整机制造"),
    ("3973", "集成电路制造"),
    ("4416", "太阳能发电"),
    ("5920", "通用仓储"),
    ("6513", "应用软件开发"),
    ("7010", "房地产开发经营"),
];

/// Free-text keywords the bureau's keyword table (the fixture's industries
/// sheet) maps to a division.
const KEYWORDS: [(&str, &str); 16] = [
    ("精细化工", "26"),
    ("化工", "26"),
    ("汽车零部件", "36"),
    ("电子", "39"),
    ("半导体", "39"),
    ("纺织", "17"),
    ("木业加工", "20"),
    ("服装", "18"),
    ("新能源电池", "38"),
    ("塑料", "29"),
    ("五金", "33"),
    ("机械", "34"),
    ("仓储", "59"),
    ("软件", "65"),
    ("研发", "73"),
    ("光伏发电", "44"),
];

/// How an industry cell is spelled: the form (for the breakdown) and the text.
pub struct IndustrySpelling {
    pub division: String,
    pub form: &'static str,
    /// The cell text; `number` when typed as a number.
    pub text: String,
    pub number: Option<f64>,
}

/// An industry drawn with one of the ways units write it.
pub fn draw_industry(rng: &mut Rng) -> IndustrySpelling {
    let kind = *pick::weighted(rng, &[(2, "keyword"), (6, "division"), (2, "class")]);
    match kind {
        "class" => {
            let (code, name) = *pick::any(rng, &CLASSES);
            let section = DIVISIONS
                .iter()
                .find(|(d, _, _)| *d == &code[..2])
                .map(|(_, s, _)| *s)
                .expect("class in a listed division");
            let forms: [(&'static str, String); 5] = [
                ("class_code", code.to_string()),
                ("class_section_code", format!("{section}{code}")),
                ("class_code_name", format!("{code}{name}")),
                ("class_code_space_name", format!("{code} {name}")),
                ("class_section_code_name", format!("{section}{code}{name}")),
            ];
            let (form, text) = pick::one(rng, &forms);
            let form = *form;
            let number = (form == "class_code" && !code.starts_with('0') && pick::chance(rng, 0.4))
                .then(|| code.parse().unwrap());
            IndustrySpelling {
                division: code[..2].to_string(),
                form: if number.is_some() {
                    "class_code_number"
                } else {
                    form
                },
                text: text.to_string(),
                number,
            }
        }
        "keyword" => {
            let (word, division) = *pick::any(rng, &KEYWORDS);
            IndustrySpelling {
                division: division.into(),
                form: "keyword",
                text: word.into(),
                number: None,
            }
        }
        _ => {
            let (code, section, name) = *pick::any(rng, &DIVISIONS);
            let forms: [(&'static str, String); 12] = [
                ("code", code.to_string()),
                ("name", name.to_string()),
                ("code_name", format!("{code}{name}")),
                ("code_space_name", format!("{code} {name}")),
                ("code_wide_space_name", format!("{code}\u{3000}{name}")),
                ("section_code", format!("{section}{code}")),
                ("section_code_name", format!("{section}{code}{name}")),
                ("section_code_space_name", format!("{section}{code} {name}")),
                ("name_paren_code", format!("{name}（{code}）")),
                ("name_halfparen_code", format!("{name}({code})")),
                ("name_traditional", traditional(&name.replace('制', "製"))),
                ("code_fullwidth_name", format!("{}{name}", full_width(code))),
            ];
            let (form, text) = pick::one(rng, &forms);
            let number = (*form == "code" && !code.starts_with('0') && pick::chance(rng, 0.5))
                .then(|| code.parse().unwrap());
            IndustrySpelling {
                division: code.to_string(),
                form: if number.is_some() {
                    "code_number"
                } else {
                    form
                },
                text: text.clone(),
                number,
            }
        }
    }
}

/// How many distinct industry spellings the generator can write.
pub fn industry_spelling_count() -> usize {
    DIVISIONS.len() * 12
        + DIVISIONS
            .iter()
            .filter(|(c, _, _)| !c.starts_with('0'))
            .count()
        + CLASSES.len() * 5
        + CLASSES.iter().filter(|(c, _)| !c.starts_with('0')).count()
        + KEYWORDS.len()
}
