//! The form's drop-down lists: one column each on a hidden, protected sheet
//! (下拉选项), from the reference tables the reader checks against, so that a
//! value picked from a list is a value the reader knows.

use crate::foundation::money::Currency;
use crate::reference::gbt4754::DIVISIONS;
use crate::reference::Reference;
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

/// The hidden sheet's name.
pub const SHEET: &str = "下拉选项";

/// 资本类别 as the reader reads it.
pub const CAPITAL_KINDS: [&str; 2] = ["外资", "内资"];
/// 事项 as the reader reads it.
pub const EVENTS: [&str; 4] = ["新设", "增资", "减资", "到资"];

/// A currency as the list shows it: 人民币 rather than 元.
pub fn currency_name(currency: Currency) -> &'static str {
    if currency == Currency::CNY {
        "人民币"
    } else {
        currency.name_zh()
    }
}

/// The lists of one form, each a column of the hidden sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Lists {
    pub capital: Vec<String>,
    pub events: Vec<String>,
    pub currencies: Vec<String>,
    pub sources: Vec<String>,
    pub industries: Vec<String>,
}

/// One list's place on the hidden sheet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ListRange {
    pub col: u16,
    pub len: u32,
}

impl ListRange {
    /// `='下拉选项'!$A$2:$A$3`, for a list validation.
    pub fn formula(self) -> String {
        let letter = rust_xlsxwriter::utility::column_number_to_name(self.col);
        format!("='{SHEET}'!${letter}$2:${letter}${}", self.len + 1)
    }
}

impl Lists {
    /// The lists from the reference tables: currencies are 美元, 人民币 and
    /// those with a rate; industries are GB/T 4754 divisions as "代码 名称"
    /// followed by the bureau's keywords.
    pub fn from_reference(reference: &Reference) -> Lists {
        let mut currencies = vec![Currency::USD, Currency::CNY];
        for (_, c, _) in reference.rates.iter() {
            if !currencies.contains(&c) {
                currencies.push(c);
            }
        }
        let mut industries: Vec<String> = DIVISIONS
            .iter()
            .map(|(code, _, name)| format!("{code} {name}"))
            .collect();
        for keyword in reference.industries.keywords() {
            if !industries.iter().any(|i| i == keyword) {
                industries.push(keyword.to_string());
            }
        }
        Lists {
            capital: CAPITAL_KINDS.map(String::from).to_vec(),
            events: EVENTS.map(String::from).to_vec(),
            currencies: currencies
                .iter()
                .map(|&c| currency_name(c).to_string())
                .collect(),
            sources: reference
                .sources
                .list
                .iter()
                .map(|s| s.name.clone())
                .collect(),
            industries,
        }
    }

    fn columns(&self) -> [(&str, &Vec<String>); 5] {
        [
            ("资本类别", &self.capital),
            ("事项", &self.events),
            ("币种", &self.currencies),
            ("来源地", &self.sources),
            ("行业", &self.industries),
        ]
    }

    /// Writes the lists from row 2 (row 1 says what they are, in words that
    /// name no column of the form, so the reader never takes it for a table),
    /// hides and protects the sheet; returns the ranges in the order
    /// 资本类别, 事项, 币种, 来源地, 行业.
    ///
    /// # Errors
    ///
    /// When a cell is out of range, which is a bug.
    pub fn write(&self, sheet: &mut Worksheet) -> Result<[ListRange; 5]> {
        sheet.set_name(SHEET)?;
        let mut ranges = [ListRange { col: 0, len: 0 }; 5];
        let note = Format::new().set_font_name(crate::report::style::FONT);
        for (c, (what, values)) in self.columns().into_iter().enumerate() {
            let col = c as u16;
            sheet.write_string_with_format(0, col, format!("可选值{}：{what}", c + 1), &note)?;
            for (r, v) in values.iter().enumerate() {
                sheet.write_string_with_format(1 + r as u32, col, v, &note)?;
            }
            sheet.set_column_width(col, if c == 4 { 40 } else { 16 })?;
            ranges[c] = ListRange {
                col,
                len: values.len() as u32,
            };
        }
        sheet.set_hidden(true);
        sheet.protect();
        Ok(ranges)
    }
}
