//! The summary's own vocabulary: indicator names as units write them, the
//! enumeration marks, column words (本月, 1-N月累计, 去年同期, 同比±%, 计量单位),
//! two-row parents, part names of a summary laid across, titles and sheet
//! names. Written from county forms, not taken from the reader.

use super::figures::Line;

/// Names of an indicator line, the bureau's word first.
pub fn line_names(line: Line) -> &'static [&'static str] {
    match line {
        Line::NewFie => &[
            "新设外商投资企业数",
            "新批三资企业",
            "新批外资项目",
            "新批外资项目数",
            "新设外资企业数",
            "新批外商投资企业",
        ],
        Line::LargeFie => &[
            "总投资超千万美元项目数",
            "总投资1000万美元以上项目",
            "超千万美元外资项目",
        ],
        Line::Contracted => &["合同外资", "协议外资", "合同利用外资", "合同外资金额"],
        Line::Registered => &["注册外资", "外方注册资本", "新口径合同外资", "注册外资额"],
        Line::Arrived => &[
            "到帐外资",
            "到账外资",
            "实际使用外资",
            "实际利用外资",
            "到位外资",
            "实际到资",
        ],
        Line::Total => &["外资项目总投资", "总投资", "外资总投资"],
        Line::NewDom => &["新批内资项目数", "新批内资项目", "新设内资项目数"],
        Line::DomReg => &[
            "注册内资",
            "外地注册资本",
            "利用外地资本(注册)",
            "内资注册资本",
        ],
        Line::DomArr => &["到位内资", "外地资本投入量", "内资到位", "实际到位内资"],
        Line::Attracted => &["招商引资总额", "招商引资到位总额"],
    }
}

/// Section headings, a row without figures over the lines of its kind.
pub const SECTION_FOREIGN: [&str; 4] = ["利用外资", "外资", "利用外资情况", "外商投资"];
pub const SECTION_DOMESTIC: [&str; 4] = ["利用内资", "内资", "利用内资情况", "引进内资"];

/// Section marks: 一、二、三 …
pub const SECTION_MARKS: [&str; 10] = [
    "一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、",
];

/// An item mark for the `n`th item (from 1), in one of the styles units use.
pub fn item_mark(style: usize, n: usize) -> String {
    const CIRCLED: [&str; 10] = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"];
    match style {
        0 => format!("{n}."),
        1 => format!("{n}、"),
        2 => format!("（{n}）"),
        3 => format!("({n})"),
        4 => format!("{n}．"),
        _ => CIRCLED[(n - 1) % 10].to_string(),
    }
}

/// Ways of writing 其中 before a sub-item.
pub const OF_WHICH: [&str; 4] = ["其中：", "其中:", "其中 ", "  其中："];

/// Count words in brackets or a 计量单位 cell.
pub const COUNT_UNITS: [&str; 3] = ["个", "家", "项"];

/// Label column words.
pub const LABEL_WORDS: [&str; 7] = [
    "指标",
    "指标名称",
    "项目",
    "项 目",
    "主要指标",
    "统计指标",
    "类别",
];

pub const UNIT_WORDS: [&str; 3] = ["计量单位", "单位", "单 位"];

/// 本月 words; `m` the report month.
pub fn month_words(m: u32) -> Vec<String> {
    vec![
        "本月".into(),
        "本月数".into(),
        "当月".into(),
        format!("{m}月"),
        format!("{m}月份"),
        "本月完成".into(),
        "本期".into(),
        "当月数".into(),
    ]
}

/// 1-N月累计 words; `year_words` adds those that name the year ("2026年1-10月").
pub fn cumulative_words(y: i32, m: u32, year_words: bool) -> Vec<String> {
    let mut words: Vec<String> = if m == 1 {
        vec!["累计".into(), "本年累计".into(), "1月累计".into()]
    } else {
        vec![
            format!("1-{m}月累计"),
            "累计".into(),
            "本年累计".into(),
            format!("1-{m}月"),
            format!("1～{m}月累计"),
            "自年初累计".into(),
            format!("1—{m}月累计数"),
        ]
    };
    if year_words {
        words.push(if m == 1 {
            format!("{y}年1月")
        } else {
            format!("{y}年1-{m}月")
        });
    }
    words
}

/// 去年同期 words.
pub fn last_year_words(y: i32, m: u32, year_words: bool) -> Vec<String> {
    let mut words: Vec<String> = vec![
        "去年同期".into(),
        "上年同期".into(),
        "去年同期累计".into(),
        "上年同期数".into(),
    ];
    if year_words {
        words.push(if m == 1 {
            format!("{}年1月", y - 1)
        } else {
            format!("{}年1-{m}月", y - 1)
        });
    }
    words
}

pub const YOY_WORDS: [&str; 8] = [
    "同比±%",
    "同比增减%",
    "同比增长%",
    "增幅（%）",
    "同比(%)",
    "比上年同期±%",
    "增长%",
    "同比",
];

/// Parents over 本月 | 累计 in a two-row header.
pub fn month_parents(y: i32) -> Vec<String> {
    vec![
        "本年".into(),
        format!("{y}年"),
        "完成情况".into(),
        "本期数".into(),
    ]
}

/// Children of a 累计 parent over 本年 | 去年同期 | 同比.
pub const CUM_CHILD_THIS: [&str; 3] = ["本年", "本年累计", "今年"];
pub const CUM_CHILD_LAST: [&str; 3] = ["去年同期", "上年", "上年同期"];

/// Names of the parts of a unit in a summary laid across.
pub const PART_NAMES: [&str; 10] = [
    "招商一局",
    "招商二局",
    "招商三局",
    "一片区",
    "二片区",
    "三片区",
    "工业集中区",
    "商贸片区",
    "招商一组",
    "招商二组",
];

/// Label column words of a summary laid across.
pub const ACROSS_LABEL_WORDS: [&str; 6] =
    ["单位", "单位名称", "片区", "责任单位", "招商单位", "区域"];

/// Total labels of a summary laid across; `{k}` the unit's kind (镇, 区 …).
pub const ACROSS_TOTALS: [&str; 5] = ["合计", "合　计", "总计", "小计", "全{k}合计"];

/// Title nouns of a summary.
pub const SUMMARY_TITLES: [&str; 5] = [
    "招商引资情况汇总表",
    "招商引资主要指标完成情况表",
    "利用外资情况汇总表",
    "招商引资工作进度表",
    "招商引资月报表",
];

/// Sheet names a summary goes by.
pub fn summary_sheet_names(m: u32) -> Vec<String> {
    vec![
        "汇总表".into(),
        "汇总".into(),
        "Sheet1".into(),
        "表一".into(),
        format!("{m}月汇总"),
        "总表".into(),
        "报表".into(),
        "附表1".into(),
        "Sheet2".into(),
        "主要指标".into(),
    ]
}
