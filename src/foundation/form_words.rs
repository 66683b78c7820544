//! The column vocabulary of the submission form: which header label means which
//! column, whatever order, synonym or unit suffix the unit used.

use super::model::{Indicator, Measure};
use super::money::strip_unit_suffix;
use super::text::{normalize_label, normalize_text, split_suffix};
use super::text_memo::{remembered, TextMemo};
use super::unit_phrases::unit_phrases;
use aho_corasick::AhoCorasick;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

/// Header labels the bureau has added for its units' own words (labels.xlsx,
/// read by the reference service): normalised alias → the form's label.
#[derive(Clone, Debug, Default)]
pub struct LabelSynonyms {
    pairs: Vec<(String, String)>,
    /// Which table this is, for answers kept across files ([`Self::stamp`]).
    stamp: u64,
}

/// The last stamp given to a table of synonyms; 0 is every empty table's.
static LAST_STAMP: AtomicU64 = AtomicU64::new(0);

impl LabelSynonyms {
    /// Adds `alias` as another word for the form's `standard` label.
    pub fn add(&mut self, alias: &str, standard: &str) {
        self.pairs
            .push((normalize_label(alias), normalize_label(standard)));
        self.stamp = LAST_STAMP.fetch_add(1, Ordering::Relaxed) + 1;
    }

    /// Names this table's content: two tables with the same stamp hold the
    /// same synonyms (a copy keeps its stamp until either is changed, and
    /// every change takes a stamp never given before), so an answer worked
    /// out under one may be reused under the other. Tables with different
    /// stamps may still be alike; they are only not known to be.
    pub fn stamp(&self) -> u64 {
        self.stamp
    }

    /// The form's label for a normalised label, keeping a unit suffix:
    /// "外资合同额(万美元)" → "合同外资(万美元)" where 外资合同额 was added.
    pub fn standard(&self, label: &str) -> String {
        let (head, suffix) = split_suffix(label);
        let lookup = |key: &str| {
            self.pairs
                .iter()
                .find(|(alias, _)| alias == key)
                .map(|(_, standard)| standard.clone())
        };
        if let Some(standard) = lookup(label) {
            return standard;
        }
        match (lookup(head), suffix) {
            (Some(standard), Some(suffix)) => format!("{standard}({suffix})"),
            _ => label.to_string(),
        }
    }
}

/// A column of the detail sheet (项目明细) or the summary sheet (汇总表).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Seq,
    ProjectName,
    Investor,
    CapitalKind,
    Source,
    UltimateSource,
    Industry,
    Event,
    /// An amount column of the detail sheet: 总投资, 合同外资, 注册外资, 到帐外资.
    Amount(Indicator),
    Currency,
    Date,
    /// 项目阶段 (意向 / 签约 / 开工 / 投产), optional.
    Stage,
    /// 开工日期, optional.
    StartDate,
    /// 投产日期, optional.
    OperationDate,
    Remark,
    MeasureUnit,
    IndicatorName,
    ThisMonth,
    Cumulative,
    LastYear,
    YoyPercent,
}

impl Column {
    /// What the bureau's template calls the column, for messages.
    pub fn name_zh(self) -> &'static str {
        match self {
            Column::Seq => "序号",
            Column::ProjectName => "项目名称",
            Column::Investor => "投资方",
            Column::CapitalKind => "资本类别",
            Column::Source => "来源地",
            Column::UltimateSource => "实际来源地",
            Column::Industry => "行业",
            Column::Event => "事项",
            Column::Amount(i) => i.name_zh(),
            Column::Currency => "币种",
            Column::Date => "批准日期",
            Column::Stage => "项目阶段",
            Column::StartDate => "开工日期",
            Column::OperationDate => "投产日期",
            Column::Remark => "备注",
            Column::MeasureUnit => "计量单位",
            Column::IndicatorName => "指标",
            Column::ThisMonth => "本月",
            Column::Cumulative => "累计",
            Column::LastYear => "去年同期",
            Column::YoyPercent => "同比±%",
        }
    }
}

const NAMED: [(Column, &[&str]); 19] = [
    (Column::Seq, &["序号", "编号"]),
    (Column::ProjectName, &["项目名称", "项目", "企业名称"]),
    (
        Column::Investor,
        &["投资方", "外方投资者", "投资者", "投资主体"],
    ),
    (
        Column::CapitalKind,
        &["资本类别", "资金类别", "内外资", "类别"],
    ),
    (
        Column::Source,
        &["来源地", "国别", "国别(地区)", "投资来源地", "来源国"],
    ),
    (Column::UltimateSource, &["实际来源地", "最终来源地"]),
    (
        Column::Industry,
        &["行业", "所属行业", "行业类别", "产业类别"],
    ),
    (Column::Event, &["事项", "项目类型", "性质"]),
    (Column::Currency, &["币种", "币别", "货币"]),
    (Column::Date, &["批准日期", "签约日期", "日期", "批准时间"]),
    (
        Column::Stage,
        &["项目阶段", "阶段", "项目进展", "进展情况", "项目状态"],
    ),
    (Column::StartDate, &["开工日期", "开工时间", "开工"]),
    (
        Column::OperationDate,
        &["投产日期", "投产时间", "竣工投产日期", "投产"],
    ),
    (Column::Remark, &["备注", "说明"]),
    (Column::MeasureUnit, &["计量单位", "单位"]),
    (Column::IndicatorName, &["指标", "指标名称"]),
    (Column::ThisMonth, &["本月", "当月", "本月数"]),
    (Column::LastYear, &["去年同期", "上年同期"]),
    (
        Column::YoyPercent,
        &["同比±%", "同比%", "同比", "同比增减%", "增长%", "同比增长%"],
    ),
];

/// Finds the column a header label names, after the bureau's own synonyms
/// (labels.xlsx). The label may carry a unit, a bracketed qualifier
/// ("项目(企业)名称", "国别（地区）") or extra words around a key term
/// ("所属行业类别", "投资来源地").
pub fn classify(raw_label: &str, labels: &LabelSynonyms) -> Option<Column> {
    classify_builtin(&labels.standard(&normalize_label(raw_label)))
}

/// Finds the column a normalised label names by the built-in vocabulary alone:
/// the form's names and their synonyms first, then the key term it contains.
pub fn classify_builtin(label: &str) -> Option<Column> {
    if label.is_empty() || label.contains(':') && !label.starts_with("其中") {
        return None;
    }
    let bare = strip_unit_suffix(label);
    if let Some(column) = named(bare)
        .or_else(|| month_heading(bare))
        .or_else(|| domestic_amount(bare))
    {
        return Some(column);
    }
    let core = core_words(label);
    if core.is_empty() {
        return None;
    }
    if let Some(column) = named(&core) {
        return Some(column);
    }
    // A header cell is a few words; a longer text is a title or a note.
    if core.chars().count() > 14 {
        return None;
    }
    by_key_term(&core)
}

/// The column a label names exactly, or the amount column of an indicator name.
fn named(label: &str) -> Option<Column> {
    if let Some((column, _)) = NAMED.iter().find(|(_, names)| names.contains(&label)) {
        return Some(*column);
    }
    match Indicator::from_label(label) {
        Some(i) if i.measure() != Measure::Count => Some(Column::Amount(i)),
        _ => None,
    }
}

/// A label without what qualifies it: bracketed words ("(企业)", "(万美元)"),
/// a leading "其中:", enumeration marks, and units written after it.
pub fn core_words(label: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in label.chars() {
        match c {
            '(' | '[' | '<' | '《' => depth += 1,
            ')' | ']' | '>' | '》' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.trim_start_matches("其中").trim_start_matches(':');
    let out = out.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                '.' | '、' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            )
    });
    let mut out = out.trim_end_matches(['*', ':', '/']).to_string();
    for unit in ["万美元", "千美元", "美元", "亿美元", "万元", "亿元", "元"] {
        if let Some(head) = out.strip_suffix(unit) {
            if head.chars().count() >= 2 {
                out = head.trim_end_matches(['/', '-', '_']).to_string();
                break;
            }
        }
    }
    out
}

/// Key terms, in the order they are tried: a label is the first column one of
/// whose terms it contains. The order settles overlaps: 实际来源地 before
/// 来源地, amounts (外方注册资本) before the investor (外方), the investor
/// (投资方名称) and types (项目类型) before the project name (名称, 项目),
/// 行业类别 before 类别, 去年同期累计 before 累计.
const KEY_TERMS: [(Column, &[&str]); 24] = [
    (
        Column::UltimateSource,
        &["实际来源", "最终来源", "最终控制", "实际控制"],
    ),
    (
        Column::YoyPercent,
        &["同比", "增长", "增幅", "增减", "±", "%"],
    ),
    (
        Column::LastYear,
        &["去年同期", "上年同期", "同期", "上年", "去年"],
    ),
    (Column::Cumulative, &["累计", "本年", "今年"]),
    // Before 日期 (Date) and 项目 (ProjectName): 开工日期, 项目阶段.
    (Column::StartDate, &["开工"]),
    (Column::OperationDate, &["投产", "竣工"]),
    (Column::Stage, &["阶段", "进展"]),
    (Column::ThisMonth, &["本月", "当月", "本期"]),
    (
        Column::Amount(Indicator::TotalInvestment),
        &["总投资", "投资总额", "计划投资"],
    ),
    (
        Column::Amount(Indicator::DomesticRegistered),
        &["注册内资", "内资注册", "外地注册资本", "外地资本(注册)"],
    ),
    (
        Column::Amount(Indicator::DomesticArrived),
        &[
            "到位内资",
            "内资到位",
            "内资到帐",
            "内资到账",
            "到帐内资",
            "到账内资",
            "外地资本投入",
            "实际到位内资",
        ],
    ),
    (
        Column::Amount(Indicator::RegisteredFdi),
        &[
            "新口径",
            "外方注册资本",
            "注册外资",
            "外资注册",
            "外方出资",
            "注册资本",
        ],
    ),
    (
        Column::Amount(Indicator::ContractedFdi),
        &[
            "合同外资",
            "协议外资",
            "合同利用",
            "外资合同",
            "合同金额",
            "协议金额",
        ],
    ),
    (
        Column::Amount(Indicator::ArrivedFdi),
        &[
            "到帐",
            "到账",
            "到位",
            "实际使用",
            "实际利用",
            "实到",
            "实际到资",
            "到资",
        ],
    ),
    (
        Column::Source,
        &["来源", "国别", "国家", "地区", "所在地", "外资来源"],
    ),
    (
        Column::Investor,
        &[
            "投资方",
            "投资者",
            "投资商",
            "投资人",
            "外方",
            "股东",
            "投资主体",
        ],
    ),
    (Column::Industry, &["行业", "产业", "国民经济"]),
    (
        Column::CapitalKind,
        &[
            "内外资",
            "资本类",
            "资金类",
            "资本性质",
            "资金性质",
            "外资/内资",
            "内资/外资",
        ],
    ),
    (
        Column::Event,
        &["事项", "类型", "性质", "投资方式", "方式", "变动", "变更"],
    ),
    (Column::Currency, &["币种", "币别", "币制", "货币", "币"]),
    (
        Column::Date,
        &["日期", "时间", "批准", "签约", "核准", "登记", "备案"],
    ),
    (Column::Remark, &["备注", "说明", "附注"]),
    (Column::IndicatorName, &["指标"]),
    (Column::ProjectName, &["项目", "企业", "公司", "名称"]),
];

/// Words of columns the form does not have (contacts, land, staff, the
/// enterprise's legal type), which would otherwise meet a key term
/// ("联系方式", "企业类型", "用地面积").
const OTHER_COLUMNS: [&str; 14] = [
    "联系",
    "电话",
    "手机",
    "地址",
    "邮箱",
    "面积",
    "人数",
    "职务",
    "负责人",
    "企业类型",
    "企业性质",
    "经济类型",
    "登记注册",
    "公司类型",
];

/// 内资 capital in a column of its own, with what it is in brackets or not:
/// "引进内资（注册）", "内资注册资本", "外地资本投入量", "实际到位内资".
fn domestic_amount(label: &str) -> Option<Column> {
    let domestic = label.contains("内资") || label.contains("外地资本");
    if !domestic || label.contains("外资") || label.contains("项目数") {
        return None;
    }
    if label.contains("注册") {
        Some(Column::Amount(Indicator::DomesticRegistered))
    } else if ["到位", "到帐", "到账", "实到", "投入"]
        .iter()
        .any(|w| label.contains(w))
    {
        Some(Column::Amount(Indicator::DomesticArrived))
    } else {
        None
    }
}

/// "10月", "10月份" head the month's column; "1-10月", "1～10月份" the
/// year to date.
fn month_heading(core: &str) -> Option<Column> {
    // "2026年1-3月": the year before a range of months says nothing more. A
    // year and one month ("2025年1月") is the period line, not a heading.
    let (core, with_year) = match core.char_indices().nth(4) {
        Some((at, sep))
            if core[..at].chars().all(|c| c.is_ascii_digit()) && "年.".contains(sep) =>
        {
            (&core[at + sep.len_utf8()..], true)
        }
        _ => (core, false),
    };
    let core = core.trim_end_matches("份").strip_suffix('月')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return (!with_year).then_some(Column::ThisMonth);
    }
    let (from, to) = core.split_once(['-', '—', '~', '～', '至', '－'])?;
    (digits(from) && digits(to.trim_end_matches('月'))).then_some(Column::Cumulative)
}

fn by_key_term(core: &str) -> Option<Column> {
    if let Some(column) = month_heading(core) {
        return Some(column);
    }
    let found = TermsFound::in_label(core);
    if found.other_column {
        return None;
    }
    if ["序号", "编号", "序", "No", "NO", "no"].contains(&core) {
        return Some(Column::Seq);
    }
    // 金额单位, 计量单位, 货币单位: the row's unit (not 填报单位, 建设单位).
    if [
        "金额单位",
        "计量单位",
        "货币单位",
        "计价单位",
        "币种单位",
        "单位(币种)",
    ]
    .iter()
    .any(|w| core.ends_with(w))
    {
        return Some(Column::MeasureUnit);
    }
    // "投资方式" is how the investor came in (新设, 增资 …), not who.
    if core.contains("方式") {
        return Some(Column::Event);
    }
    // "实际投资来源地", "最终控制方来源": the ultimate source, not the source.
    if core.contains("来源") && (core.contains("实际") || core.contains("最终")) {
        return Some(Column::UltimateSource);
    }
    if core.ends_with("类别") && !core.contains("行业") && !core.contains("产业") {
        return Some(Column::CapitalKind);
    }
    found.first_key_term.map(|k| KEY_TERMS[k].0)
}

/// Which words of [`OTHER_COLUMNS`] and [`KEY_TERMS`] a label contains, found
/// in one pass over it by one automaton over all of them, instead of a
/// search for each of the 140 words: the header search puts every text of a
/// form's first rows through here, project names and titles included.
struct TermsFound {
    /// Whether it contains a word of [`OTHER_COLUMNS`].
    other_column: bool,
    /// The first entry of [`KEY_TERMS`] one of whose terms it contains.
    first_key_term: Option<usize>,
}

impl TermsFound {
    fn in_label(label: &str) -> TermsFound {
        /// The automaton, and for each of its words the [`KEY_TERMS`] entry
        /// it belongs to (`None` for a word of [`OTHER_COLUMNS`]).
        static WORDS: LazyLock<(AhoCorasick, Vec<Option<usize>>)> = LazyLock::new(|| {
            let mut words: Vec<(&str, Option<usize>)> =
                OTHER_COLUMNS.iter().map(|w| (*w, None)).collect();
            for (k, (_, terms)) in KEY_TERMS.iter().enumerate() {
                words.extend(terms.iter().map(|t| (*t, Some(k))));
            }
            let automaton = AhoCorasick::new(words.iter().map(|(w, _)| w))
                .expect("the key terms make an automaton");
            (automaton, words.into_iter().map(|(_, k)| k).collect())
        });
        let (automaton, entries) = &*WORDS;
        let mut found = TermsFound {
            other_column: false,
            first_key_term: None,
        };
        // Every occurrence of every word, overlapping ones included: what
        // `label.contains(word)` would say of each.
        for m in automaton.find_overlapping_iter(label) {
            match entries[m.pattern().as_usize()] {
                None => found.other_column = true,
                Some(k) => {
                    found.first_key_term = Some(found.first_key_term.map_or(k, |f| f.min(k)))
                }
            }
        }
        found
    }
}

/// The indicator a label names — a summary row ("一、合同外资（万美元）",
/// "其中：新批外资项目（个）") or a group label over 本月 | 累计: the names and
/// synonyms first, then the key term inside it.
pub fn indicator_in(label: &str) -> Option<Indicator> {
    let label = without_unit_brackets(&normalize_label(label));
    if let Some(i) = Indicator::from_label(&label) {
        return Some(i);
    }
    // "②利用外地资本(注册)", "六、…", "2．…": the name after its number, with
    // its brackets (they may be part of the name).
    let unnumbered = label
        .trim_start_matches(|c: char| {
            c.is_ascii_digit()
                || ('①'..='⑳').contains(&c)
                || "一二三四五六七八九十()、.．:".contains(c)
        })
        .trim_start_matches("其中");
    if let Some(i) = Indicator::from_label(unnumbered.trim_start_matches(':')) {
        return Some(i);
    }
    let core = core_words(&label);
    if let Some(i) = Indicator::from_label(&core) {
        return Some(i);
    }
    if core.is_empty() || core.chars().count() > 16 {
        return None;
    }
    if counts_other_things(&core) {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| core.contains(w));
    let is_count = has(&["新设", "新批", "新增", "新办", "新签", "新引进"])
        && has(&["企业", "项目", "个数", "家数", "数"])
        && !has(&[
            "金额",
            "资本",
            "投资额",
            "合同外资",
            "注册外资",
            "到帐",
            "到账",
            "到位",
        ]);
    if is_count {
        return if has(&["内资"]) {
            Some(Indicator::NewDomesticCount)
        } else if has(&["外商", "外资", "三资"]) {
            Some(Indicator::NewFieCount)
        } else {
            None
        };
    }
    match by_key_term(&core) {
        Some(Column::Amount(i)) => Some(i),
        _ => None,
    }
}

/// A label naming a figure this system does not count though it holds
/// indicator words: 招商引资总额 (domestic and foreign capital together, in
/// any wording: "招商引资（到位）总额"), and things counted by a size band
/// ("其中：总投资1000万美元以上项目", "超千万美元外资项目（个）",
/// "亿元以上企业数") — a count of projects is not an amount of 总投资.
fn counts_other_things(core: &str) -> bool {
    let bare = strip_unit_suffix(core);
    let counted = [
        "项目",
        "项目数",
        "企业",
        "企业数",
        "个数",
        "家数",
        "户数",
        "个",
        "家",
        "项",
    ]
    .iter()
    .any(|noun| bare.ends_with(noun));
    let by_size = ["以上", "超", "亿元", "千万", "万美元", "万元", "规模"]
        .iter()
        .any(|w| bare.contains(w));
    bare.contains("招商引资") || counted && by_size
}

/// True when a label that names none of our indicators still names a figure
/// of the trade (capital, investment, projects, enterprises, a money unit):
/// a summary row the unit meant, which this system does not count — told as
/// information, where a label naming nothing known is a warning.
pub fn names_uncounted_figure(label: &str) -> bool {
    let core = core_words(&normalize_label(label));
    counts_other_things(&core)
        || !unit_phrases(label).is_empty()
        || [
            "资", "投资", "项目", "企业", "招商", "合同", "注册", "到位", "到帐", "到账", "金额",
            "额", "产值", "税",
        ]
        .iter()
        .any(|w| core.contains(w))
}

/// The label without the brackets that state a unit ("(人民币万元)").
pub fn without_unit_brackets(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let inner = &rest[open..=close];
        if unit_phrases(inner).is_empty() {
            out.push_str(inner);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The unit text of a header: the label itself when it states a unit
/// ("合同外资（万美元）", "金额/万美元"), for the normaliser to read.
pub fn header_unit_suffix(raw_label: &str) -> Option<String> {
    remembered(&SUFFIXES, raw_label, || {
        let label = normalize_text(raw_label);
        (!unit_phrases(&label).is_empty()).then_some(label)
    })
}

thread_local! {
    /// The header search asks this of every text on the rows it tries,
    /// and of the same form's headers in every file.
    static SUFFIXES: RefCell<TextMemo<Option<String>>> = RefCell::default();
}

/// Empties this thread's memo of header units.
pub fn forget_memos() {
    SUFFIXES.take();
}

#[cfg(test)]
mod tests {
    use super::*;

    mod key_terms {
        use super::*;
        use proptest::prelude::*;

        /// The words themselves, their first and last characters (pieces
        /// that join into overlaps: "到帐" + "内资"), and other text.
        fn pieces() -> Vec<String> {
            let words = (OTHER_COLUMNS.iter()).chain(KEY_TERMS.iter().flat_map(|(_, t)| t.iter()));
            let mut pieces: Vec<String> = Vec::new();
            for w in words {
                let mut chars = w.chars();
                pieces.push((*w).to_string());
                pieces.extend(chars.next().map(String::from));
                pieces.extend(chars.next_back().map(String::from));
            }
            let other = [
                "马来西亚",
                "投资有限公司",
                "(",
                ")",
                "1-10",
                "万美元",
                "a",
                " ",
                "　",
            ];
            pieces.extend(other.map(String::from));
            pieces
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3_000))]
            /// The automaton finds in a label what a search for each word finds.
            #[test]
            fn the_automaton_finds_each_word_a_search_finds(
                drawn in prop::collection::vec(prop::sample::select(pieces()), 0..6)
            ) {
                let label = drawn.concat();
                let found = TermsFound::in_label(&label);
                let other = OTHER_COLUMNS.iter().any(|w| label.contains(w));
                let first = (KEY_TERMS.iter()).position(|(_, t)| t.iter().any(|t| label.contains(t)));
                prop_assert_eq!(found.other_column, other, "{:?}", label);
                prop_assert_eq!(found.first_key_term, first, "{:?}", label);
            }
        }
    }

    #[test]
    fn headers_by_label_synonym_and_suffix() {
        let none = LabelSynonyms::default();
        let classify = |label: &str| classify(label, &none);
        assert_eq!(classify("序　号"), Some(Column::Seq));
        assert_eq!(
            classify("合同外资（万美元）"),
            Some(Column::Amount(Indicator::ContractedFdi))
        );
        assert_eq!(
            classify("实际使用外资"),
            Some(Column::Amount(Indicator::ArrivedFdi))
        );
        assert_eq!(classify("1-10月累计"), Some(Column::Cumulative));
        assert_eq!(classify("同比±%"), Some(Column::YoyPercent));
        assert_eq!(classify("填表人"), None);
        assert_eq!(
            header_unit_suffix("总投资(万美元)").as_deref(),
            Some("总投资(万美元)")
        );
        assert_eq!(
            classify("合同外資（萬美元）"),
            Some(Column::Amount(Indicator::ContractedFdi))
        );
    }

    #[test]
    fn the_bureaus_own_synonyms_extend_the_vocabulary() {
        let mut labels = LabelSynonyms::default();
        assert_eq!(classify("甲种引资额（万美元）", &labels), None);
        labels.add("甲种引资额", "合同外资");
        assert_eq!(
            classify("甲种引资额（万美元）", &labels),
            Some(Column::Amount(Indicator::ContractedFdi))
        );
    }

    #[test]
    fn indicators_in_summary_row_labels() {
        for (label, expected) in [
            ("一、合同外资（万美元）", Indicator::ContractedFdi),
            ("1.到帐外资", Indicator::ArrivedFdi),
            ("其中：新批外资项目（个）", Indicator::NewFieCount),
            ("新设外商投资企业（家）", Indicator::NewFieCount),
            ("新批内资项目数", Indicator::NewDomesticCount),
            ("实际到位内资（万元）", Indicator::DomesticArrived),
            ("注册外资(新口径)", Indicator::RegisteredFdi),
            ("外方注册资本", Indicator::RegisteredFdi),
            ("②利用外地资本(注册)", Indicator::DomesticRegistered),
            (
                "六、利用外地资本（注册）（万元）",
                Indicator::DomesticRegistered,
            ),
        ] {
            assert_eq!(indicator_in(label), Some(expected), "{label}");
        }
        assert_eq!(indicator_in("填表说明"), None);
    }

    #[test]
    fn headers_by_key_term() {
        let none = LabelSynonyms::default();
        for (label, expected) in [
            ("项目(企业)名称", Column::ProjectName),
            ("国别（地区）", Column::Source),
            ("投资来源地", Column::Source),
            ("所属行业类别", Column::Industry),
            ("类型", Column::Event),
            ("外方投资者", Column::Investor),
            ("投资方名称", Column::Investor),
            (
                "外方注册资本（万美元）",
                Column::Amount(Indicator::RegisteredFdi),
            ),
            ("实际使用外资金额", Column::Amount(Indicator::ArrivedFdi)),
            ("1-10月累计", Column::Cumulative),
            ("上年同期累计", Column::LastYear),
            ("币  别", Column::Currency),
            ("10月", Column::ThisMonth),
            (
                "引进内资（注册）",
                Column::Amount(Indicator::DomesticRegistered),
            ),
            (
                "引进内资(到位)(万元)",
                Column::Amount(Indicator::DomesticArrived),
            ),
            ("外地资本投入量", Column::Amount(Indicator::DomesticArrived)),
            ("10月份", Column::ThisMonth),
            ("1-10月", Column::Cumulative),
            ("1～10月份", Column::Cumulative),
            ("2026年1-3月", Column::Cumulative),
        ] {
            assert_eq!(classify(label, &none), Some(expected), "{label}");
        }
        for label in [
            "联系人",
            "联系方式",
            "企业类型",
            "用地面积（亩）",
            "填报单位：东镇",
        ] {
            assert_eq!(classify(label, &none), None, "{label}");
        }
    }

    #[test]
    fn a_stamp_names_the_content_of_a_table() {
        let empty = LabelSynonyms::default();
        assert_eq!(empty.stamp(), LabelSynonyms::default().stamp());
        let mut one = LabelSynonyms::default();
        one.add("外资合同额", "合同外资");
        assert_ne!(one.stamp(), empty.stamp());
        let copy = one.clone();
        assert_eq!(copy.stamp(), one.stamp());
        let mut other = LabelSynonyms::default();
        other.add("外资合同额", "合同外资");
        assert_ne!(other.stamp(), one.stamp());
        // A copy changed afterwards is another table.
        let mut changed = one.clone();
        changed.add("投资国别", "来源地");
        assert_ne!(changed.stamp(), one.stamp());
        assert_ne!(changed.stamp(), other.stamp());
    }

    #[test]
    fn aliases_map_to_the_form_label_keeping_the_unit() {
        let mut labels = LabelSynonyms::default();
        labels.add("外资合同额", "合同外资");
        labels.add("投资国别", "来源地");
        assert_eq!(labels.standard("外资合同额(万美元)"), "合同外资(万美元)");
        assert_eq!(labels.standard("投资国别"), "来源地");
        assert_eq!(labels.standard("项目名称"), "项目名称");
    }
}
