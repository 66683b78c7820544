//! The column vocabulary of the submission form: which header label means which
//! column, whatever order, synonym or unit suffix the unit used.

use crate::model::Indicator;
use crate::normalize::text::{normalize_label, split_suffix, strip_unit_suffix};
use crate::reference::labels::LabelSynonyms;

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

const NAMED: [(Column, &[&str]); 16] = [
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
/// (labels.xlsx). The label may carry a unit suffix.
pub fn classify(raw_label: &str, labels: &LabelSynonyms) -> Option<Column> {
    classify_builtin(&labels.standard(&normalize_label(raw_label)))
}

/// Finds the column a normalised label names by the built-in vocabulary alone.
pub fn classify_builtin(label: &str) -> Option<Column> {
    if label.is_empty() {
        return None;
    }
    let bare = strip_unit_suffix(label);
    if let Some((column, _)) = NAMED.iter().find(|(_, names)| names.contains(&bare)) {
        return Some(*column);
    }
    if bare.ends_with("累计") {
        return Some(Column::Cumulative);
    }
    match Indicator::from_label(bare) {
        Some(
            i @ (Indicator::ContractedFdi
            | Indicator::RegisteredFdi
            | Indicator::ArrivedFdi
            | Indicator::TotalInvestment),
        ) => Some(Column::Amount(i)),
        _ => None,
    }
}

/// The unit written in a header's parenthesised suffix, e.g. `万美元`.
pub fn header_unit_suffix(raw_label: &str) -> Option<String> {
    let label = normalize_label(raw_label);
    split_suffix(&label).1.map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Some("万美元")
        );
        assert_eq!(
            classify("合同外資（萬美元）"),
            Some(Column::Amount(Indicator::ContractedFdi))
        );
    }

    #[test]
    fn the_bureaus_own_synonyms_extend_the_vocabulary() {
        let mut labels = LabelSynonyms::default();
        assert_eq!(classify("外资合同额（万美元）", &labels), None);
        labels.add("外资合同额", "合同外资");
        assert_eq!(
            classify("外资合同额（万美元）", &labels),
            Some(Column::Amount(Indicator::ContractedFdi))
        );
    }
}
