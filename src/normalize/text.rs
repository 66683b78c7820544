//! Label text as people type it: full-width forms, ideographic spaces, stray
//! spaces inside words. Labels are compared only after [`normalize_label`].

/// Folds full-width ASCII to half-width and removes every kind of white space.
///
/// `"合   计"` → `"合计"`, `"合同外资（万美元）"` → `"合同外资(万美元)"`,
/// `"金额单位："` → `"金额单位:"`.
pub fn normalize_label(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = fold_width(c);
            (!c.is_whitespace()).then_some(c)
        })
        .collect()
}

/// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to their ASCII forms.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        _ => c,
    }
}

/// Splits a trailing parenthesised suffix off a normalised label:
/// `"合同外资(万美元)"` → `("合同外资", Some("万美元"))`.
pub fn split_suffix(label: &str) -> (&str, Option<&str>) {
    if let Some(stripped) = label.strip_suffix(')') {
        if let Some(open) = stripped.rfind('(') {
            return (&stripped[..open], Some(&stripped[open + 1..]));
        }
    }
    (label, None)
}

/// Units of counts written after a label: "新设外商投资企业数(个)".
const COUNT_UNITS: [&str; 5] = ["个", "家", "项", "户", "件"];

/// The label without a trailing parenthesised unit, for matching column names.
pub fn strip_unit_suffix(label: &str) -> &str {
    match split_suffix(label) {
        (head, Some(suffix))
            if COUNT_UNITS.contains(&suffix)
                || crate::normalize::units::parse_unit(suffix).is_some() =>
        {
            head
        }
        _ => label,
    }
}

/// True when a normalised label marks a total row rather than data.
pub fn is_total_label(label: &str) -> bool {
    matches!(label, "合计" | "小计" | "总计" | "全县合计" | "总合计")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fold_width_and_spaces() {
        assert_eq!(normalize_label("合   计"), "合计");
        assert_eq!(normalize_label("合同外资（万美元）"), "合同外资(万美元)");
        assert_eq!(normalize_label("\u{3000}金额单位："), "金额单位:");
        assert_eq!(normalize_label("ＡＢＣ１２"), "ABC12");
    }

    #[test]
    fn unit_suffix_is_split_only_when_it_is_a_unit() {
        assert_eq!(
            split_suffix("合同外资(万美元)"),
            ("合同外资", Some("万美元"))
        );
        assert_eq!(strip_unit_suffix("合同外资(万美元)"), "合同外资");
        assert_eq!(
            strip_unit_suffix("利用外地资本(注册)"),
            "利用外地资本(注册)"
        );
        assert!(is_total_label(&normalize_label("合　计")));
    }
}
