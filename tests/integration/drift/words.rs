//! The generator's own vocabulary: header words, event, capital and currency
//! words, and the folding drift (Traditional, full-width, stray spaces), written
//! from how county statisticians fill in forms, not taken from the reader.

use super::pick::{self, Rng};

/// The columns a detail sheet may have. `Extra` columns are ones the reader
/// does not know; `Blank` columns have no header and no values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Col {
    Seq,
    Project,
    Investor,
    Capital,
    Source,
    Ultimate,
    Industry,
    Event,
    Total,
    Contracted,
    Registered,
    Arrived,
    /// 注册内资 / 到位内资 in columns of their own, beside the foreign ones.
    DomRegistered,
    DomArrived,
    Currency,
    RowUnit,
    Date,
    Remark,
    Extra(usize),
    Blank,
}

impl Col {
    pub fn is_amount(self) -> bool {
        matches!(
            self,
            Col::Total
                | Col::Contracted
                | Col::Registered
                | Col::Arrived
                | Col::DomRegistered
                | Col::DomArrived
        )
    }

    /// Whether the column holds domestic capital only.
    pub fn is_domestic(self) -> bool {
        matches!(self, Col::DomRegistered | Col::DomArrived)
    }
}

/// Header words per column, the bureau's word first.
pub fn header_words(col: Col) -> &'static [&'static str] {
    match col {
        Col::Seq => &["序号", "编号", "序", "No.", "顺序号"],
        Col::Project => &[
            "项目名称",
            "项目(企业)名称",
            "企业名称",
            "项目",
            "项目（企业）名称",
            "企业（项目）名称",
            "项目名",
            "项目或企业名称",
            "企业名称（全称）",
        ],
        Col::Investor => &[
            "投资方",
            "投资者",
            "投资商",
            "投资方名称",
            "外方投资者",
            "投资主体",
            "投资人",
            "主要投资方",
        ],
        Col::Capital => &[
            "资本类别",
            "资本类型",
            "内外资",
            "内资/外资",
            "外资/内资",
            "资金类别",
            "资本性质",
            "内外资类别",
            "资本类别（外资/内资）",
        ],
        Col::Source => &[
            "来源地",
            "国别（地区）",
            "投资来源地",
            "外资来源地",
            "国别",
            "国家（地区）",
            "资金来源地",
            "来源国别（地区）",
            "投资国别",
            "来源地区",
            "投资方国别（地区）",
            "来源国家或地区",
            "来源地（国别/地区）",
        ],
        Col::Ultimate => &["实际来源地", "最终来源地", "实际投资来源地"],
        Col::Industry => &[
            "行业",
            "所属行业",
            "所属行业类别",
            "行业分类",
            "产业",
            "行业类别",
            "国民经济行业分类",
            "产业类别",
            "所属产业",
            "行业代码及名称",
            "行业（按国民经济行业分类）",
        ],
        Col::Event => &[
            "事项",
            "类型",
            "项目类型",
            "投资方式",
            "变更事项",
            "事项类型",
            "审批事项",
            "登记类型",
            "事项（新设/增资/减资/到资）",
        ],
        Col::Total => &["总投资", "总投资额", "项目总投资", "投资总额", "计划总投资"],
        Col::Contracted => &[
            "合同外资",
            "协议外资",
            "合同利用外资",
            "合同外资额",
            "合同外资金额",
        ],
        Col::Registered => &[
            "注册外资",
            "外方注册资本",
            "新口径合同外资",
            "注册外资额",
            "外资注册资本",
        ],
        Col::Arrived => &[
            "到帐外资",
            "到账外资",
            "实际使用外资",
            "实际利用外资",
            "到位外资",
            "实际到资",
            "实到外资",
            "外资到位额",
        ],
        Col::DomRegistered => &[
            "注册内资",
            "内资注册资本",
            "外地注册资本",
            "利用外地资本(注册)",
            "注册内资额",
            "引进内资（注册）",
        ],
        Col::DomArrived => &[
            "到位内资",
            "内资到位",
            "实际到位内资",
            "外地资本投入量",
            "内资到位额",
            "引进内资（到位）",
        ],
        Col::Currency => &["币种", "货币", "币别", "货币种类", "结算币种", "币制"],
        Col::RowUnit => &["计量单位", "金额单位"],
        Col::Date => &[
            "批准日期",
            "批准时间",
            "审批日期",
            "核准日期",
            "登记日期",
            "设立日期",
            "日期",
            "批准（备案）日期",
        ],
        Col::Remark => &["备注", "说明", "附注", "备注说明"],
        Col::Extra(i) => &EXTRA_COLUMNS[i..=i],
        Col::Blank => &[""],
    }
}

/// Columns the reader does not know; what goes in them is in [`extra_value`].
pub const EXTRA_COLUMNS: [&str; 13] = [
    "联系人",
    "投资方联系电话",
    "用地面积（亩）",
    "项目地址",
    "建设内容",
    "项目进度",
    "统一社会信用代码",
    "经办人",
    "建设地点",
    "主要产品",
    "用工人数",
    "开工时间",
    "联系方式",
];

/// Whether the extra column holds numbers that a 合计 row would add up.
pub fn extra_is_numeric(i: usize) -> bool {
    matches!(EXTRA_COLUMNS[i], "用地面积（亩）" | "用工人数")
}

/// Two-row headers: a parent over short children (合同 | 注册 | 到帐).
pub const GROUP_PARENTS_SHORT: [&str; 4] = ["外资金额", "利用外资", "外资情况", "外资"];
/// Two-row headers: a parent over the full column words.
pub const GROUP_PARENTS_FULL: [&str; 4] = ["投资金额", "金额", "资金情况", "投资情况"];

pub fn short_child(col: Col) -> &'static [&'static str] {
    match col {
        Col::Contracted => &["合同", "协议"],
        Col::Registered => &["注册"],
        Col::Arrived => &["到帐", "到账", "到位", "实际到位"],
        _ => &[],
    }
}

/// Qualifiers people add to a header: required marks and notes.
pub const QUALIFIERS: [&str; 5] = ["（必填）", "(必填)", "（选填）", "（可选）", "（请填写）"];

/// Capital-kind words as written in the 资本类别 column.
pub fn capital_word(rng: &mut Rng, foreign: bool) -> &'static str {
    if foreign {
        pick::word(rng, &["外资", "外资", "外资", "外商投资", "外 资", "外资 "])
    } else {
        pick::word(rng, &["内资", "内资", "内资", "内 资", " 内资"])
    }
}

/// Event words: 新设 / 增资 / 减资 / 到资 as units write them.
pub fn event_word(rng: &mut Rng, event: super::case::Event) -> &'static str {
    use super::case::Event::*;
    match event {
        New => pick::word(rng, &["新设", "新设", "新设", "新批", "新设立", "新 设"]),
        Increase => pick::word(
            rng,
            &["增资", "增资", "增资", "增资扩股", "追加投资", "增 资"],
        ),
        Decrease => pick::word(rng, &["减资", "减资", "减资", "减少注册资本", "减 资"]),
        Arrival => pick::word(
            rng,
            &[
                "到资",
                "到资",
                "到资",
                "资金到位",
                "到账",
                "到帐",
                "资金到账",
            ],
        ),
    }
}

/// Total-row labels.
pub const TOTAL_LABELS: [&str; 9] = [
    "合计",
    "合计",
    "合　计",
    "合   计",
    "总计",
    "小计",
    "合 计",
    "合计：",
    "总  计",
];

/// A label with its characters in Traditional, by this test's own table.
pub fn traditional(text: &str) -> String {
    text.chars()
        .map(|c| {
            TRADITIONAL
                .iter()
                .find(|(s, _)| *s == c)
                .map_or(c, |(_, t)| *t)
        })
        .collect()
}

const TRADITIONAL: [(char, char); 106] = [
    ('资', '資'),
    ('来', '來'),
    ('业', '業'),
    ('别', '別'),
    ('类', '類'),
    ('项', '項'),
    ('总', '總'),
    ('册', '冊'),
    ('注', '註'),
    ('帐', '帳'),
    ('账', '賬'),
    ('币', '幣'),
    ('种', '種'),
    ('备', '備'),
    ('计', '計'),
    ('单', '單'),
    ('万', '萬'),
    ('内', '內'),
    ('设', '設'),
    ('减', '減'),
    ('实', '實'),
    ('际', '際'),
    ('国', '國'),
    ('区', '區'),
    ('镇', '鎮'),
    ('报', '報'),
    ('审', '審'),
    ('电', '電'),
    ('话', '話'),
    ('联', '聯'),
    ('发', '發'),
    ('开', '開'),
    ('产', '產'),
    ('协', '協'),
    ('议', '議'),
    ('额', '額'),
    ('数', '數'),
    ('个', '個'),
    ('务', '務'),
    ('质', '質'),
    ('属', '屬'),
    ('维', '維'),
    ('尔', '爾'),
    ('岛', '島'),
    ('湾', '灣'),
    ('台', '臺'),
    ('门', '門'),
    ('韩', '韓'),
    ('马', '馬'),
    ('亚', '亞'),
    ('兰', '蘭'),
    ('广', '廣'),
    ('东', '東'),
    ('苏', '蘇'),
    ('时', '時'),
    ('间', '間'),
    ('记', '記'),
    ('货', '貨'),
    ('结', '結'),
    ('标', '標'),
    ('题', '題'),
    ('统', '統'),
    ('况', '況'),
    ('县', '縣'),
    ('会', '會'),
    ('员', '員'),
    ('兴', '興'),
    ('乡', '鄉'),
    ('办', '辦'),
    ('处', '處'),
    ('织', '織'),
    ('纺', '紡'),
    ('机', '機'),
    ('气', '氣'),
    ('车', '車'),
    ('软', '軟'),
    ('术', '術'),
    ('学', '學'),
    ('专', '專'),
    ('胶', '膠'),
    ('仓', '倉'),
    ('储', '儲'),
    ('运', '運'),
    ('输', '輸'),
    ('装', '裝'),
    ('验', '驗'),
    ('试', '試'),
    ('称', '稱'),
    ('为', '為'),
    ('编', '編'),
    ('号', '號'),
    ('说', '說'),
    ('划', '劃'),
    ('变', '變'),
    ('径', '徑'),
    ('顺', '順'),
    ('细', '細'),
    ('经', '經'),
    ('营', '營'),
    ('网', '網'),
    ('络', '絡'),
    ('导', '導'),
    ('体', '體'),
    ('线', '線'),
    ('欧', '歐'),
    ('圆', '圓'),
];

/// ASCII turned into its full-width form (digits, letters, punctuation, space).
pub fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Spaces typed between the characters of a short label ("合   计").
pub fn spaced(rng: &mut Rng, text: &str) -> String {
    let gap = *pick::one(rng, &[" ", "  ", "   ", "\u{3000}"]);
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > 4 {
        // Long labels get one stray space inside, or around.
        let at = pick::range(rng, 1, chars.len() as i64 - 1) as usize;
        let (a, b) = chars.split_at(at);
        return format!(
            "{}{gap}{}",
            a.iter().collect::<String>(),
            b.iter().collect::<String>()
        );
    }
    chars
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(gap)
}

/// Currency words for the 币种 column.
pub fn currency_word(rng: &mut Rng, cur: super::case::Cur) -> &'static str {
    use super::case::Cur::*;
    match cur {
        Usd => pick::word(
            rng,
            &["美元", "美元", "美元", "美金", "USD", "US$", "美 元"],
        ),
        Hkd => pick::word(rng, &["港元", "港元", "港币", "HKD", "港幣", "HK$"]),
        Jpy => pick::word(rng, &["日元", "日元", "日圆", "JPY", "日圓"]),
        Eur => pick::word(rng, &["欧元", "欧元", "EUR", "歐元"]),
        Cny => pick::word(rng, &["人民币", "人民币", "RMB", "CNY", "人民幣"]),
    }
}

/// A unit phrase for an amount unit: 万美元, 千美元, 美元, 万港元, 人民币万元 …
pub fn unit_phrase(rng: &mut Rng, money: super::case::Money) -> String {
    use super::case::Cur::*;
    let mag = match money.mag as i64 {
        1 => "",
        1_000 => "千",
        10_000 => "万",
        100_000_000 => "亿",
        other => panic!("magnitude {other}"),
    };
    match money.cur {
        Usd => format!("{mag}{}", pick::weighted(rng, &[(6, "美元"), (1, "美金")])),
        Hkd => format!("{mag}{}", pick::weighted(rng, &[(4, "港元"), (1, "港币")])),
        Jpy => format!("{mag}日元"),
        Eur => format!("{mag}欧元"),
        Cny => match pick::index(rng, 6) {
            1 => format!("人民币{mag}元"),
            2 => format!("{mag}元人民币"),
            _ => format!("{mag}元"),
        },
    }
}
