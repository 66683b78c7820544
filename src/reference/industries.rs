//! Industries (GB/T 4754-2017): codes with names, their section (门类) and the
//! keywords that map free text such as "精细化工" to a division. Users extend
//! the keywords in the reference workbook.

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
    /// 第一产业 (A), 第二产业 (B–E), 第三产业 (F–T).
    pub fn sector_zh(&self) -> &'static str {
        match self.section {
            'A' => "第一产业",
            'B'..='E' => "第二产业",
            _ => "第三产业",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Industries {
    pub list: Vec<Industry>,
    index: NameIndex,
    /// (normalised keyword, index)
    keywords: Vec<(String, usize)>,
}

impl Industries {
    /// Reads `industries.xlsx`: 代码 | 名称 | 门类 | 关键词.
    ///
    /// # Errors
    ///
    /// When a row lacks a code, name or a section letter A–T.
    pub fn load(path: &Path) -> Result<Industries> {
        let mut industries = Industries::default();
        for sheet in read_ref_sheets(path, &["代码", "名称", "门类"])? {
            for &row in &sheet.rows {
                let section_text = sheet.required_text(row, "门类")?;
                let section = section_text.chars().next().unwrap_or(' ');
                if !('A'..='T').contains(&section) {
                    bail!(
                        "{}: 门类「{section_text}」应为 A–T 的字母",
                        sheet.where_is(row, "门类")
                    );
                }
                let industry = Industry {
                    code: sheet.required_text(row, "代码")?,
                    name: sheet.required_text(row, "名称")?,
                    section,
                };
                let keywords = sheet
                    .text(row, "关键词")
                    .map(|s| split_list(&s))
                    .unwrap_or_default();
                industries.add(industry, &keywords);
            }
        }
        Ok(industries)
    }

    pub fn add(&mut self, industry: Industry, keywords: &[String]) {
        let index = self
            .index
            .add(&industry.name, std::slice::from_ref(&industry.code));
        for k in keywords {
            self.keywords.push((normalize_label(k), index));
        }
        self.list.push(industry);
    }

    /// The industry a code, a name or a free text with a known keyword stands for.
    pub fn find(&self, raw: &str) -> Option<&Industry> {
        if let Some(i) = self.index.find(raw) {
            return Some(&self.list[i]);
        }
        let text = normalize_label(raw);
        self.keywords
            .iter()
            .filter(|(k, _)| text.contains(k.as_str()))
            .max_by_key(|(k, _)| k.chars().count())
            .map(|(_, i)| &self.list[*i])
    }

    pub fn suggestion(&self, raw: &str) -> String {
        self.index.suggestion(raw)
    }
}
