//! Which of several files for the same unit and month is the later one, where
//! the files themselves say so: a version mark in the file name, or a later
//! 报出日期 in the meta row.

use crate::normalize::dates::parse_date_text;
use crate::normalize::submission::NormalizedSubmission;

/// The index of the latest file and why, or `None` when the files do not say.
pub fn latest(group: &[&NormalizedSubmission]) -> Option<(usize, String)> {
    let versions: Vec<u32> = group
        .iter()
        .map(|s| {
            let stem = s
                .file
                .path
                .file_stem()
                .and_then(|n| n.to_str())
                .unwrap_or("");
            version_mark(stem).unwrap_or(1)
        })
        .collect();
    if let Some(i) = unique_max(&versions) {
        return Some((i, "文件名标明为更正或更新的版本".to_string()));
    }
    let dates: Option<Vec<_>> = group
        .iter()
        .map(|s| s.report_date.as_deref().and_then(parse_date_text))
        .collect();
    let i = unique_max(&dates?)?;
    Some((i, "报出日期更晚".to_string()))
}

fn unique_max<T: Ord>(values: &[T]) -> Option<usize> {
    let max = values.iter().max()?;
    let mut at = values.iter().enumerate().filter(|(_, v)| *v == max);
    let (i, _) = at.next()?;
    at.next().is_none().then_some(i)
}

/// The version a file name states: "更正" is 2 ("更正2" is 3), "v3"/"V3" is 3,
/// "第3版" is 3, a trailing "(2)" or "（2）" (a saved copy) is 2. `None` when unmarked.
pub fn version_mark(stem: &str) -> Option<u32> {
    let folded: String = stem
        .chars()
        .map(crate::foundation::text::fold_width)
        .collect();
    let number_after = |s: &str| -> Option<u32> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let mut marks = Vec::new();
    if let Some(pos) = folded.find("更正") {
        marks.push(number_after(&folded[pos + "更正".len()..]).map_or(2, |n| n + 1));
    }
    let lower = folded.to_ascii_lowercase();
    for (pos, _) in lower.match_indices('v') {
        let before_ok = lower[..pos]
            .chars()
            .last()
            .is_none_or(|c| !c.is_ascii_alphabetic());
        if before_ok {
            if let Some(n) = number_after(&lower[pos + 1..]) {
                marks.push(n);
            }
        }
    }
    if let Some(pos) = folded.find('第') {
        let rest = &folded[pos + '第'.len_utf8()..];
        if let Some(n) = number_after(rest) {
            let digits = n.to_string().len();
            if rest[digits..].starts_with('版') {
                marks.push(n);
            }
        }
    }
    if let Some(inner) = folded.strip_suffix(')').and_then(|s| s.rsplit_once('(')) {
        if let Ok(n) = inner.1.parse::<u32>() {
            marks.push(n);
        }
    }
    marks.into_iter().max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_marks_in_file_names() {
        assert_eq!(version_mark("东镇_2026-10"), None);
        assert_eq!(version_mark("东镇_2026-10更正"), Some(2));
        assert_eq!(version_mark("东镇_2026-10（更正2）"), Some(3));
        assert_eq!(version_mark("东镇_2026-10_v3"), Some(3));
        assert_eq!(version_mark("东镇_2026-10 V2"), Some(2));
        assert_eq!(version_mark("东镇第2版"), Some(2));
        assert_eq!(version_mark("东镇_2026-10(2)"), Some(2));
        assert_eq!(version_mark("东镇_2026-10（2）"), Some(2));
        assert_eq!(version_mark("dev_东镇"), None);
    }
}
