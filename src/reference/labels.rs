//! Header labels the bureau has met in units' files and added by hand
//! (`labels.xlsx`: 标准名 | 别名): a unit's own word for a column or an
//! indicator, read as the form's word. Optional; the built-in synonyms
//! (foundation/form_words.rs, foundation/model.rs) apply without it.

use super::table::{read_ref_sheets, split_list};
use crate::foundation::form_words::classify_builtin;
use crate::foundation::model::Indicator;
use crate::foundation::text::normalize_label;
use anyhow::{bail, Result};
use std::path::Path;

use crate::foundation::form_words::LabelSynonyms;

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
            if classify_builtin(&standard).is_none() && Indicator::from_label(&standard).is_none() {
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
