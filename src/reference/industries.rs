//! Industries (GB/T 4754-2017): every section and division is built in
//! ([`super::gbt4754`]); `industries.xlsx` adds what units write for them —
//! other names and keywords that map free text such as "精细化工" to a
//! division. Users extend it; the classification itself is fixed.

use super::gbt4754::{sector_of, Sector, DIVISIONS, SECTIONS};
use super::names::NameIndex;
use super::table::{read_ref_sheets, split_list};
use crate::foundation::text::normalize_label;
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

/// What an industry cell says, read by [`Industries::read`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IndustryReading<'a> {
    Found(&'a Industry),
    /// A code and a name that name different industries; the code is taken.
    Disagree {
        code: &'a Industry,
        name: &'a Industry,
    },
    Unknown,
}

/// Splits "C3911计算机制造" into the section letter, the digits and the rest.
/// A letter counts only when a digit, a Chinese character or nothing follows it
/// ("C39", "C制造业", "C"), not in a word ("IT服务").
fn split_code(text: &str) -> (Option<char>, Option<String>, &str) {
    let mut rest = text.trim_start_matches(['(', '[']);
    let mut letter = None;
    let mut chars = rest.chars();
    if let Some(first) = chars.next().filter(|c| c.is_ascii_alphabetic()) {
        let next = chars.next();
        if next.is_none_or(|n| !n.is_ascii_alphabetic()) {
            let upper = first.to_ascii_uppercase();
            if ('A'..='T').contains(&upper) {
                letter = Some(upper);
                rest = &rest[1..];
            }
        }
    }
    let rest = rest.trim_start_matches([')', ']', '-', '.', '_', ':', '、']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let digits = match digits.len() {
        1 => Some(format!("0{digits}")),
        2..=4 => Some(digits.clone()),
        _ => None,
    };
    let skip = rest.chars().take_while(char::is_ascii_digit).count();
    let name = rest[skip..]
        .trim_start_matches([')', ']', '-', '.', '_', ':', '、', '('])
        .trim_end_matches([')', ']']);
    (letter, digits, name)
}

/// "化学原料和化学制品制造业(C26)": the code in brackets after the name.
fn code_in_trailing_brackets(text: &str) -> (Option<char>, Option<String>, &str) {
    if let Some(open) = text.strip_suffix(')').and_then(|t| t.rfind('(')) {
        let inside = &text[open + 1..text.len() - 1];
        if let (letter, digits, "") = split_code(inside) {
            if letter.is_some() || digits.is_some() {
                return (letter, digits, &text[..open]);
            }
        }
    }
    (None, None, text)
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
        match self.read(raw) {
            IndustryReading::Found(i) | IndustryReading::Disagree { code: i, .. } => Some(i),
            IndustryReading::Unknown => None,
        }
    }

    /// Reads an industry as units write it, by its structure: a section letter
    /// and/or a 2–4 digit code at the front ("C39", "3911", "26 化学原料…",
    /// "17纺织业"), then the name (standard name, alias, the keyword table, a
    /// standard name inside the text, a near spelling of one). A code wins over
    /// the name it is written with; where the two disagree, both are returned.
    pub fn read(&self, raw: &str) -> IndustryReading<'_> {
        let text = normalize_label(raw);
        let (letter, digits, name) = match split_code(&text) {
            (None, None, _) => code_in_trailing_brackets(&text),
            split => split,
        };
        let by_code = match (&digits, letter) {
            (Some(d), _) => self.index_of_code(d),
            (None, Some(l)) if name.is_empty() => self.index_of_code(&l.to_string()),
            _ => None,
        };
        let by_name = if name.is_empty() {
            None
        } else {
            self.index_of_name(name)
        };
        match (by_code, by_name) {
            (Some(c), Some(n)) if !self.agree(c, n) => IndustryReading::Disagree {
                code: &self.list[c],
                name: &self.list[n],
            },
            (Some(c), _) => IndustryReading::Found(&self.list[c]),
            // "C纺织业": the name's division, where it lies in the letter's section.
            (None, Some(n)) => match letter {
                Some(l) if digits.is_none() && self.list[n].section != l => {
                    match self.index_of_code(&l.to_string()) {
                        Some(c) => IndustryReading::Disagree {
                            code: &self.list[c],
                            name: &self.list[n],
                        },
                        None => IndustryReading::Found(&self.list[n]),
                    }
                }
                _ => IndustryReading::Found(&self.list[n]),
            },
            (None, None) => match letter.filter(|_| digits.is_none()) {
                // "C 制造业（其他）": the section at least.
                Some(l) => self
                    .index_of_code(&l.to_string())
                    .map_or(IndustryReading::Unknown, |c| {
                        IndustryReading::Found(&self.list[c])
                    }),
                None => IndustryReading::Unknown,
            },
        }
    }

    /// Whether a code's entry and a name's entry are the same industry (or the
    /// name is the code's section, "C39 制造业").
    fn agree(&self, code: usize, name: usize) -> bool {
        let (c, n) = (&self.list[code], &self.list[name]);
        c.code == n.code || (n.division().is_none() && n.section == c.section)
    }

    /// The entry a name stands for: a standard name or alias, a keyword, a
    /// standard name inside the text (the longest, divisions before sections),
    /// then one spelled nearly the same ("化学原料及化学制品制造业").
    fn index_of_name(&self, name: &str) -> Option<usize> {
        if let Some(i) = self.index.find(name) {
            return Some(i);
        }
        if let Some((_, i)) = self
            .keywords
            .iter()
            .filter(|(k, _)| name.contains(k.as_str()))
            .max_by_key(|(k, _)| k.chars().count())
        {
            return Some(*i);
        }
        let contained = |divisions: bool| {
            self.list
                .iter()
                .enumerate()
                .filter(|(_, i)| i.division().is_some() == divisions)
                .filter(|(_, i)| name.contains(&normalize_label(&i.name)))
                .max_by_key(|(_, i)| i.name.chars().count())
                .map(|(index, _)| index)
        };
        contained(true)
            .or_else(|| self.spelled_nearly(name))
            .or_else(|| contained(false))
    }

    /// The one standard name spelled nearly as `name` ("化学原料及化学制品制造业").
    fn spelled_nearly(&self, name: &str) -> Option<usize> {
        if name.chars().count() < 4 {
            return None;
        }
        let mut scored: Vec<(f64, usize)> = self
            .list
            .iter()
            .enumerate()
            .map(|(index, i)| {
                (
                    strsim::normalized_levenshtein(name, &normalize_label(&i.name)),
                    index,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.as_slice() {
            [(best, i), (second, _), ..] if *best >= 0.8 && best - second > 0.05 => Some(*i),
            _ => None,
        }
    }

    /// The keywords of `industries.xlsx` (normalised), in the table's order,
    /// for the form's drop-down list.
    pub fn keywords(&self) -> impl Iterator<Item = &str> {
        self.keywords.iter().map(|(k, _)| k.as_str())
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

    #[test]
    fn codes_and_names_written_together() {
        let industries = Industries::default();
        let code = |raw: &str| industries.find(raw).map(|i| i.code.clone());
        for (raw, expected) in [
            ("01 农业", "01"),
            ("31黑色金属冶炼和压延加工业", "31"),
            ("C39", "39"),
            ("C3911", "39"),
            ("17纺织业", "17"),
            ("C17纺织业", "17"),
            ("1711 棉纺纱加工", "17"),
            ("c-26", "26"),
            ("26、化学原料和化学制品制造业", "26"),
            ("化学原料和化学制品制造业（C26）", "26"),
            ("化学原料及化学制品制造业", "26"),
            ("制造业-纺织业", "17"),
            ("C制造业", "C"),
            ("Ｃ３９", "39"),
        ] {
            assert_eq!(code(raw).as_deref(), Some(expected), "{raw}");
        }
        for raw in ["IT服务外包", "其他", "123456"] {
            assert_eq!(code(raw), None, "{raw}");
        }
    }

    #[test]
    fn a_code_and_a_name_that_disagree_are_both_named() {
        let industries = Industries::default();
        match industries.read("26纺织业") {
            IndustryReading::Disagree { code, name } => {
                assert_eq!((code.code.as_str(), name.code.as_str()), ("26", "17"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            industries.read("C39 制造业"),
            IndustryReading::Found(i) if i.code == "39"
        ));
    }
}
