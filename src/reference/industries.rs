//! Industries (GB/T 4754-2017): every section and division is built in
//! ([`super::gbt4754`]); `industries.xlsx` adds what units write for them —
//! other names and keywords that map free text such as "精细化工" to a
//! division. Users extend it; the classification itself is fixed.

use super::gbt4754::{sector_of, Sector, DIVISIONS, SECTIONS};
use super::names::NameIndex;
use super::table::{read_ref_sheets, split_list};
use crate::normalize::text::normalize_label;
use anyhow::{bail, Result};
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct Industry {
    /// A section letter (`C`) or a two-digit division (`26`).
    pub code: String,
    pub name: String,
    pub section: char,
}

impl Industry {
    /// The two-digit division, when the industry is one rather than a section.
    pub fn division(&self) -> Option<&str> {
        (self.code.len() == 2).then_some(self.code.as_str())
    }

    pub fn sector(&self) -> Sector {
        sector_of(self.section, self.division())
    }
}

#[derive(Clone, Debug)]
pub struct Industries {
    pub list: Vec<Industry>,
    index: NameIndex,
    /// (normalised keyword, index)
    keywords: Vec<(String, usize)>,
}

impl Default for Industries {
    /// Every division then every section of GB/T 4754-2017, by code and name.
    /// Divisions come first so that a name shared by a section and its only
    /// division (房地产业, 教育) means the division.
    fn default() -> Industries {
        let mut industries = Industries {
            list: Vec::new(),
            index: NameIndex::default(),
            keywords: Vec::new(),
        };
        let divisions = DIVISIONS.iter().map(|(c, s, n)| (c.to_string(), *s, *n));
        let sections = SECTIONS.iter().map(|(s, n)| (s.to_string(), *s, *n));
        for (code, section, name) in divisions.chain(sections) {
            industries.index.add(name, std::slice::from_ref(&code));
            industries.list.push(Industry {
                code,
                name: name.to_string(),
                section,
            });
        }
        industries
    }
}

impl Industries {
    /// The built-in classification with the words of `industries.xlsx`:
    /// 代码 | 名称 (optional, another name) | 关键词 (optional). A 代码 is a
    /// section letter or a division code; a 3- or 4-digit code (中类, 小类)
    /// counts for its division.
    ///
    /// # Errors
    ///
    /// When a 代码 is not a section or division of GB/T 4754-2017.
    pub fn load(path: &Path) -> Result<Industries> {
        let mut industries = Industries::default();
        for sheet in read_ref_sheets(path, &["代码"])? {
            for &row in &sheet.rows {
                let code = sheet.required_text(row, "代码")?;
                let Some(index) = industries.index_of_code(&code) else {
                    bail!(
                        "{}: 代码「{code}」不是国民经济行业分类（GB/T 4754-2017）的门类字母或大类代码",
                        sheet.where_is(row, "代码")
                    );
                };
                if let Some(name) = sheet.text(row, "名称") {
                    industries.index.add_alias(index, &name);
                }
                for k in sheet
                    .text(row, "关键词")
                    .map(|s| split_list(&s))
                    .unwrap_or_default()
                {
                    industries.keywords.push((normalize_label(&k), index));
                }
            }
        }
        Ok(industries)
    }

    /// The entry of a section letter or a division code (or a longer code of a division).
    fn index_of_code(&self, code: &str) -> Option<usize> {
        let code = normalize_label(code).to_ascii_uppercase();
        let key = if code.len() >= 2 && code.chars().all(|c| c.is_ascii_digit()) {
            &code[..2]
        } else {
            code.as_str()
        };
        self.list.iter().position(|i| i.code == key)
    }

    /// The industry a code, a name or a free text with a known keyword stands for.
    pub fn find(&self, raw: &str) -> Option<&Industry> {
        if let Some(i) = self.index.find(raw) {
            return Some(&self.list[i]);
        }
        let mut text = normalize_label(raw);
        if text.len() == 1 && text.chars().all(|c| c.is_ascii_digit()) {
            // 01–09 typed as numbers lose their leading zero.
            text = format!("0{text}");
        }
        if (2..=4).contains(&text.len()) && text.chars().all(|c| c.is_ascii_digit()) {
            if let Some(i) = self.index_of_code(&text) {
                return Some(&self.list[i]);
            }
        }
        self.keywords
            .iter()
            .filter(|(k, _)| text.contains(k.as_str()))
            .max_by_key(|(k, _)| k.chars().count())
            .map(|(_, i)| &self.list[*i])
    }

    /// The entry of a code as facts carry it (a division or a section letter).
    pub fn by_code(&self, code: &str) -> Option<&Industry> {
        self.list.iter().find(|i| i.code == code)
    }

    pub fn suggestion(&self, raw: &str) -> String {
        self.index.suggestion(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_codes_names_and_longer_codes() {
        let industries = Industries::default();
        let code = |raw: &str| industries.find(raw).map(|i| i.code.clone());
        assert_eq!(code("26").as_deref(), Some("26"));
        assert_eq!(code("化学原料和化学制品制造业").as_deref(), Some("26"));
        assert_eq!(code("制造业").as_deref(), Some("C"));
        assert_eq!(code("C").as_deref(), Some("C"));
        assert_eq!(code("房地产业").as_deref(), Some("70"));
        assert_eq!(
            code("3912").as_deref(),
            Some("39"),
            "a 小类 code counts for its division"
        );
        assert_eq!(code("1").as_deref(), Some("01"), "01 typed as the number 1");
        assert_eq!(code("精细化工"), None, "keywords come from industries.xlsx");
        assert_eq!(industries.list.len(), 97 + 20);
    }
}
