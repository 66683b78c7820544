//! Header labels the bureau has met in units' files and added by hand
//! (`labels.xlsx`: 标准名 | 别名): a unit's own word for a column or an
//! indicator, read as the form's word. Optional; the built-in synonyms
//! (ingest/columns.rs, model.rs) apply without it.

use super::table::{read_ref_sheets, split_list};
use crate::ingest::columns::classify_builtin;
use crate::model::Indicator;
use crate::normalize::text::{normalize_label, split_suffix};
use anyhow::{bail, Result};
use std::path::Path;

/// Extra label synonyms: normalised alias → the form's label.
#[derive(Clone, Debug, Default)]
pub struct LabelSynonyms {
    pairs: Vec<(String, String)>,
}

impl LabelSynonyms {
    /// Reads `labels.xlsx`; a missing file means no extra synonyms.
    ///
    /// # Errors
    ///
    /// When the file cannot be read, or a 标准名 is not a label of the form.
    pub fn load(path: &Path) -> Result<LabelSynonyms> {
        let mut labels = LabelSynonyms::default();
        if !path.exists() {
            return Ok(labels);
        }
        for sheet in read_ref_sheets(path, &["标准名", "别名"])? {
            for &row in &sheet.rows {
                let standard = normalize_label(&sheet.required_text(row, "标准名")?);
                if classify_builtin(&standard).is_none()
                    && Indicator::from_label(&standard).is_none()
                {
                    bail!(
                        "{}: 标准名「{standard}」不是报表的列名或指标名（如 项目名称、来源地、合同外资、本月）",
                        sheet.where_is(row, "标准名")
                    );
                }
                for alias in split_list(&sheet.required_text(row, "别名")?) {
                    labels.add(&alias, &standard);
                }
            }
        }
        Ok(labels)
    }

    /// Adds `alias` as another word for the form's `standard` label.
    pub fn add(&mut self, alias: &str, standard: &str) {
        self.pairs
            .push((normalize_label(alias), normalize_label(standard)));
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

#[cfg(test)]
mod tests {
    use super::*;

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
