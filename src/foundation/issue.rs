//! The Issue type: every problem found in a submission, as data.

use super::model::YearMonth;
use super::unit_id::UnitId;
use std::fmt;

/// How bad a problem is. An error keeps the unit-month out of the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    /// A statement for the record (which file superseded which); changes nothing.
    Info,
}

impl Severity {
    pub fn name_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "说明",
        }
    }
}

/// Every audit rule, with a stable id the bureau can look up in docs/audit.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    FileUnreadable,
    /// An entry of a month folder that is not a workbook (a folder, a PDF, a
    /// picture, a zip archive …).
    NotAWorkbook,
    /// A lock, hidden or system file in a month folder: not read, recorded.
    EntrySkipped,
    FileEmpty,
    NoTable,
    MissingColumn,
    UnitNotFound,
    UnitUnknown,
    UnitMismatch,
    UnknownIndicator,
    /// A summary row naming a figure of the trade this system does not count
    /// (招商引资总额, projects by size): listed, not a problem.
    UncountedIndicator,
    HiddenSheet,
    EmptyRow,
    PeriodNotFound,
    PeriodMismatch,
    MoneyUnitNotFound,
    /// Two units stated for the same amounts.
    MoneyUnitConflict,
    /// The detail lacks 来源地 or 行业: a breakdown is unknowable, the figures are not.
    MissingOptionalColumn,
    /// Header cells that name no column of the form (listed once per file).
    UnknownColumn,
    /// An industry written as a code and a name that disagree.
    IndustryCodeNameMismatch,
    NotANumber,
    NegativeAmount,
    CurrencyUnknown,
    RateMissing,
    SourceUnknown,
    IndustryUnknown,
    CapitalKindUnknown,
    EventUnknown,
    StageUnknown,
    DomesticContracted,
    TotalMismatch,
    SummaryDetailMismatch,
    RegisteredAboveContracted,
    DuplicateSubmission,
    Superseded,
    Supersedes,
    DateInvalid,
    FormulaNoValue,
    TotalUncheckable,
    DuplicateProject,
    FileTooLarge,
    FileEncrypted,
    FileFormatMismatch,
    SheetTooLarge,
    RowAfterFooter,
    CumulativeMismatch,
    ArrivalWithoutContract,
    HiddenRow,
    HiddenColumn,
    PeerNoCountyList,
    PeerNoTable,
    PeerPeriod,
    PeerMoneyUnit,
    PeerCountyUnknown,
    PeerDuplicateCounty,
    PeerDuplicateMonth,
    PeerUnknownColumn,
    PeerTotalMismatch,
    PeerYoyInconsistent,
    PeerOwnFigureDiffers,
    PeerOwnNotListed,
}

impl Rule {
    /// Every rule, for settings that name rules by id.
    pub const ALL: [Rule; 59] = [
        Rule::FileUnreadable,
        Rule::NotAWorkbook,
        Rule::EntrySkipped,
        Rule::FileEmpty,
        Rule::NoTable,
        Rule::MissingColumn,
        Rule::UnitNotFound,
        Rule::UnitUnknown,
        Rule::UnitMismatch,
        Rule::UnknownIndicator,
        Rule::UncountedIndicator,
        Rule::HiddenSheet,
        Rule::EmptyRow,
        Rule::PeriodNotFound,
        Rule::PeriodMismatch,
        Rule::MoneyUnitNotFound,
        Rule::MoneyUnitConflict,
        Rule::MissingOptionalColumn,
        Rule::UnknownColumn,
        Rule::IndustryCodeNameMismatch,
        Rule::NotANumber,
        Rule::NegativeAmount,
        Rule::CurrencyUnknown,
        Rule::RateMissing,
        Rule::SourceUnknown,
        Rule::IndustryUnknown,
        Rule::CapitalKindUnknown,
        Rule::EventUnknown,
        Rule::StageUnknown,
        Rule::DomesticContracted,
        Rule::TotalMismatch,
        Rule::SummaryDetailMismatch,
        Rule::RegisteredAboveContracted,
        Rule::DuplicateSubmission,
        Rule::Superseded,
        Rule::Supersedes,
        Rule::DateInvalid,
        Rule::FormulaNoValue,
        Rule::TotalUncheckable,
        Rule::DuplicateProject,
        Rule::FileTooLarge,
        Rule::FileEncrypted,
        Rule::RowAfterFooter,
        Rule::CumulativeMismatch,
        Rule::ArrivalWithoutContract,
        Rule::HiddenRow,
        Rule::HiddenColumn,
        Rule::PeerNoCountyList,
        Rule::PeerNoTable,
        Rule::PeerPeriod,
        Rule::PeerMoneyUnit,
        Rule::PeerCountyUnknown,
        Rule::PeerDuplicateCounty,
        Rule::PeerDuplicateMonth,
        Rule::PeerUnknownColumn,
        Rule::PeerTotalMismatch,
        Rule::PeerYoyInconsistent,
        Rule::PeerOwnFigureDiffers,
        Rule::PeerOwnNotListed,
    ];

    /// The rule with this id (`cell.industry_unknown`).
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Rule::FileUnreadable => "file.unreadable",
            Rule::NotAWorkbook => "file.not_a_workbook",
            Rule::EntrySkipped => "file.skipped",
            Rule::FileEmpty => "file.empty",
            Rule::NoTable => "structure.no_table",
            Rule::MissingColumn => "structure.missing_column",
            Rule::UnitNotFound => "structure.unit_not_found",
            Rule::UnitUnknown => "structure.unit_unknown",
            Rule::UnitMismatch => "structure.unit_mismatch",
            Rule::UnknownIndicator => "structure.unknown_indicator",
            Rule::UncountedIndicator => "structure.uncounted_indicator",
            Rule::HiddenSheet => "structure.hidden_sheet",
            Rule::EmptyRow => "row.no_amount",
            Rule::PeriodNotFound => "structure.period_not_found",
            Rule::PeriodMismatch => "structure.period_mismatch",
            Rule::MoneyUnitNotFound => "structure.money_unit_not_found",
            Rule::MoneyUnitConflict => "structure.money_unit_conflict",
            Rule::MissingOptionalColumn => "structure.missing_optional_column",
            Rule::UnknownColumn => "structure.unknown_column",
            Rule::IndustryCodeNameMismatch => "cell.industry_code_name_mismatch",
            Rule::NotANumber => "cell.not_a_number",
            Rule::NegativeAmount => "cell.negative",
            Rule::CurrencyUnknown => "cell.currency_unknown",
            Rule::RateMissing => "cell.rate_missing",
            Rule::SourceUnknown => "cell.source_unknown",
            Rule::IndustryUnknown => "cell.industry_unknown",
            Rule::CapitalKindUnknown => "cell.capital_kind_unknown",
            Rule::EventUnknown => "cell.event_unknown",
            Rule::StageUnknown => "cell.stage_unknown",
            Rule::DomesticContracted => "cell.domestic_contracted",
            Rule::TotalMismatch => "cross.total_mismatch",
            Rule::SummaryDetailMismatch => "cross.summary_detail_mismatch",
            Rule::RegisteredAboveContracted => "cross.registered_above_contracted",
            Rule::DuplicateSubmission => "duplicate.submission",
            Rule::Superseded => "resubmission.superseded",
            Rule::Supersedes => "resubmission.supersedes",
            Rule::DateInvalid => "cell.date_invalid",
            Rule::FormulaNoValue => "cell.formula_no_value",
            Rule::TotalUncheckable => "cross.total_uncheckable",
            Rule::DuplicateProject => "duplicate.project",
            Rule::FileTooLarge => "file.too_large",
            Rule::FileEncrypted => "file.encrypted",
            Rule::FileFormatMismatch => "file.format_mismatch",
            Rule::SheetTooLarge => "sheet.too_large",
            Rule::RowAfterFooter => "row.after_footer",
            Rule::CumulativeMismatch => "cross.cumulative_mismatch",
            Rule::ArrivalWithoutContract => "cross.arrival_without_contract",
            Rule::HiddenRow => "row.hidden",
            Rule::HiddenColumn => "structure.hidden_column",
            Rule::PeerNoCountyList => "peers.no_county_list",
            Rule::PeerNoTable => "peers.no_table",
            Rule::PeerPeriod => "peers.period",
            Rule::PeerMoneyUnit => "peers.money_unit",
            Rule::PeerCountyUnknown => "peers.county_unknown",
            Rule::PeerDuplicateCounty => "peers.duplicate_county",
            Rule::PeerDuplicateMonth => "peers.duplicate_month",
            Rule::PeerUnknownColumn => "peers.unknown_column",
            Rule::PeerTotalMismatch => "peers.total_mismatch",
            Rule::PeerYoyInconsistent => "peers.yoy_inconsistent",
            Rule::PeerOwnFigureDiffers => "peers.own_figure_differs",
            Rule::PeerOwnNotListed => "peers.own_not_listed",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::Superseded
            | Rule::Supersedes
            | Rule::PeerOwnNotListed
            | Rule::UnknownColumn
            | Rule::UncountedIndicator
            | Rule::EntrySkipped => Severity::Info,
            Rule::SummaryDetailMismatch
            | Rule::RegisteredAboveContracted
            | Rule::RowAfterFooter
            | Rule::CumulativeMismatch
            | Rule::ArrivalWithoutContract
            | Rule::HiddenRow
            | Rule::HiddenColumn
            | Rule::DomesticContracted
            | Rule::UnknownIndicator
            | Rule::HiddenSheet
            | Rule::TotalUncheckable
            | Rule::EmptyRow
            | Rule::IndustryCodeNameMismatch
            | Rule::DateInvalid
            | Rule::StageUnknown
            | Rule::IndustryUnknown
            | Rule::SourceUnknown
            | Rule::MissingOptionalColumn
            | Rule::TotalMismatch
            | Rule::PeerUnknownColumn
            | Rule::PeerTotalMismatch
            | Rule::PeerYoyInconsistent
            | Rule::PeerOwnFigureDiffers
            | Rule::FileFormatMismatch => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// Where in a workbook a problem is: the file always, the sheet and cell when known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    /// Zero-based (row, column) of the cell.
    pub cell: Option<(u32, u32)>,
}

impl Location {
    pub fn file(file: &str) -> Location {
        Location {
            file: file.to_string(),
            ..Location::default()
        }
    }

    pub fn cell(file: &str, sheet: &str, row: u32, col: u32) -> Location {
        Location {
            file: file.to_string(),
            sheet: Some(sheet.to_string()),
            cell: Some((row, col)),
        }
    }

    /// The A1 reference of the cell, e.g. `J7`.
    pub fn a1(&self) -> Option<String> {
        self.cell.map(|(row, col)| a1(row, col))
    }
}

/// The A1 reference of a zero-based (row, column): (0, 0) → `A1`, (6, 27) → `AB7`.
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ASCII"), row + 1)
}

/// The name the audit files the prefecture's bulletins under, as if a unit.
pub const PEER_BULLETINS: &str = "市通报";

/// One problem found in one submission.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub rule: Rule,
    pub location: Location,
    /// The cell's text as the unit wrote it.
    pub raw: Option<String>,
    /// Plain Chinese, saying what is wrong and what to do.
    pub message: String,
    /// The reporting unit and month, when the file got far enough to say.
    pub unit: Option<UnitId>,
    pub period: Option<YearMonth>,
    /// The severity set in settings.toml (`[audit.severity]`), when it differs
    /// from the rule's own.
    pub severity_set: Option<Severity>,
}

impl Issue {
    /// "工作表「项目明细」M4「卢布」：无法识别的币种…" — where and what, without the file.
    pub fn brief(&self) -> String {
        let mut at = String::new();
        if let Some(sheet) = &self.location.sheet {
            at.push_str(&format!("工作表「{sheet}」"));
        }
        if let Some(cell) = self.location.a1() {
            at.push_str(&cell);
        }
        if let Some(raw) = self.raw.as_deref().filter(|r| !r.is_empty()) {
            at.push_str(&format!("「{raw}」"));
        }
        if at.is_empty() {
            self.message.clone()
        } else {
            format!("{at}：{}", self.message)
        }
    }

    pub fn new(rule: Rule, location: Location, raw: Option<String>, message: String) -> Issue {
        Issue {
            rule,
            location,
            raw,
            message,
            unit: None,
            period: None,
            severity_set: None,
        }
    }

    /// The issue filed under a unit (or [`PEER_BULLETINS`]) and a month.
    pub fn filed_under(self, unit: Option<&UnitId>, period: Option<YearMonth>) -> Issue {
        Issue {
            unit: unit.cloned(),
            period,
            ..self
        }
    }

    pub fn severity(&self) -> Severity {
        self.severity_set.unwrap_or(self.rule.severity())
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.severity().name_zh(), self.location.file)?;
        if let Some(sheet) = &self.location.sheet {
            write!(f, " 工作表「{sheet}」")?;
        }
        if let Some(cell) = self.location.a1() {
            write!(f, " {cell}")?;
        }
        if let Some(raw) = &self.raw {
            write!(f, " 原值「{raw}」")?;
        }
        write!(f, ": {} ({})", self.message, self.rule.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 9), "J7");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 27), "AB10");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
    }
}
