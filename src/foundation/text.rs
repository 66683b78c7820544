//! Label text as people type it: Traditional characters, full-width forms,
//! ideographic spaces, stray spaces inside words. Labels are compared only
//! after [`normalize_label`].

/// Folds full-width ASCII to half-width, removes every kind of white space and
/// writes Traditional characters as Simplified (OpenCC's table, via zhconv).
///
/// `"合   计"` → `"合计"`, `"合同外资（万美元）"` → `"合同外资(万美元)"`,
/// `"金额单位："` → `"金额单位:"`, `"合同外資"` → `"合同外资"`.
pub fn normalize_label(s: &str) -> String {
    if !may_fold(s) {
        return simplified(s).unwrap_or_else(|| s.to_string());
    }
    // Room for the whole text at once: folding never lengthens it (a
    // full-width character becomes its one-byte ASCII form).
    let mut folded = String::with_capacity(s.len());
    folded.extend(s.chars().filter_map(|c| {
        let c = fold_width(c);
        (!c.is_whitespace()).then_some(c)
    }));
    to_simplified(folded)
}

/// Whether `s` may hold a character [`normalize_label`] folds or drops, told
/// from its bytes: ASCII white space, and the first bytes of the blocks that
/// hold the other white space (U+0085, U+00A0, U+1680, U+2000–U+205F), the
/// ideographic space and brackets (U+3000–U+303F) and the full-width forms
/// (U+FF00–U+FF7F). Most labels hold none, and are copied whole.
fn may_fold(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 => true,
        0xE3 => bytes.get(i + 1) == Some(&0x80),
        0xEF => matches!(bytes.get(i + 1), Some(0xBC | 0xBD)),
        _ => false,
    })
}

/// Like [`normalize_label`] but keeps the spaces, for text that is split into
/// words afterwards (the meta row "填報單位：青山鎮　　單位：萬美元").
pub fn normalize_text(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    folded.extend(s.chars().map(fold_width));
    to_simplified(folded)
}

/// Traditional → Simplified; text zhconv would leave as it is (see
/// [`simplified`]) is returned without a copy.
fn to_simplified(text: String) -> String {
    simplified(&text).unwrap_or(text)
}

/// `text` written in Simplified characters, or `None` when zhconv would give
/// it back unchanged: no character of it begins a word of zhconv's table
/// (ASCII text, and most labels, which are Simplified already). zhconv
/// replaces the table's words where they occur and copies everything else,
/// so text in which no word can begin is copied whole; telling that from a
/// bitmap costs less than running its automaton, and no copy is made.
fn simplified(text: &str) -> Option<String> {
    let converts = !text.is_ascii() && text.chars().any(|c| WORD_STARTS.has(c));
    converts.then(|| zhconv::zhconv(text, zhconv::Variant::ZhHans))
}

/// The first characters of the words zhconv's Simplified converter replaces,
/// as a bitmap over the planes that hold Han characters (0 to 2). Characters
/// past it are taken as possible starts, so the bitmap can only send text to
/// zhconv that need not go, never keep back text that must.
struct WordStarts(Vec<u64>);

const WORD_START_PLANES: u32 = 0x3_0000;

static WORD_STARTS: std::sync::LazyLock<WordStarts> = std::sync::LazyLock::new(|| {
    let mut bits = vec![0u64; (WORD_START_PLANES / 64) as usize];
    let tables = zhconv::tables::get_builtin_tables(zhconv::Variant::ZhHans);
    let words = tables.iter().flat_map(|&t| zhconv::tables::expand_table(t));
    for c in words.filter_map(|(from, _)| from.chars().next()) {
        if let Some(word) = bits.get_mut(c as usize / 64) {
            *word |= 1 << (c as u32 % 64);
        }
    }
    WordStarts(bits)
});

impl WordStarts {
    fn has(&self, c: char) -> bool {
        (self.0.get(c as usize / 64)).is_none_or(|word| word & (1 << (c as u32 % 64)) != 0)
    }
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

/// True when a normalised label marks a total row rather than data: 合计,
/// 小计 or 总计, alone or ending a short label ("外资小计", "开发区小计",
/// "全县合计"), with a unit or colon after it ("合计(万美元)", "总计:").
pub fn is_total_label(label: &str) -> bool {
    let head = split_suffix(label.trim_end_matches(':')).0;
    head.chars().count() <= 10 && ["合计", "小计", "总计"].iter().any(|t| head.ends_with(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every character the fold changes or drops is caught by the byte
    /// test, alone and between others: all of Unicode, one by one.
    #[test]
    fn every_character_folded_or_dropped_is_caught() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if fold_width(c) != c || c.is_whitespace() {
                assert!(may_fold(&format!("甲{c}乙")), "{:?} U+{:04X}", c, c as u32);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]
        /// A label copied whole is the label folded character by character:
        /// no character the fold changes or drops passes the byte test.
        #[test]
        fn a_label_copied_whole_needed_no_folding(
            drawn in prop::collection::vec(prop::sample::select(vec![
                "合同外资", "萬美元", "（", "）", "(", "\u{3000}", " ", "\t", "\u{a0}",
                "\u{2003}", "\u{205f}", "\u{1680}", "\u{85}", "【", "〕", "ａ", "１", "～",
                "：", "·", "—", "…", "\u{2028}", "\u{feff}", "é", "1-10月", "%", "ｶ",
            ]), 0..5),
            any_char in any::<char>(),
        ) {
            let text = format!("{}{any_char}", drawn.concat());
            let by_char: String = (text.chars())
                .map(fold_width)
                .filter(|c| !c.is_whitespace())
                .collect();
            if !may_fold(&text) {
                prop_assert_eq!(&text, &by_char, "{:?}", text);
            }
            prop_assert_eq!(normalize_label(&text), to_simplified(by_char));
        }
    }

    /// The words zhconv's Simplified converter replaces, and what with.
    fn table_words() -> Vec<(String, String)> {
        let tables = zhconv::tables::get_builtin_tables(zhconv::Variant::ZhHans);
        (tables.iter())
            .flat_map(|&t| zhconv::tables::expand_table(t))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]
        /// Text copied whole is what zhconv gives: pieces of the forms'
        /// words, ASCII, any character, and words of zhconv's table drawn
        /// from all of it (whole, their first character alone, or what
        /// zhconv makes of them).
        #[test]
        fn text_copied_whole_is_what_zhconv_gives(
            drawn in prop::collection::vec((0usize..3, any::<prop::sample::Index>(), 0usize..4), 0..6),
            pieces in prop::collection::vec(prop::sample::select(vec![
                "合同外资", "万美元", "镇", "开发区", "1-10月", "A", " ", "（", "注：", "云港",
            ]), 0..4),
            any_char in any::<char>(),
        ) {
            static WORDS: std::sync::LazyLock<Vec<(String, String)>> =
                std::sync::LazyLock::new(table_words);
            let mut text = pieces.concat();
            for (how, at, piece) in drawn {
                let (from, to) = &WORDS[at.index(WORDS.len())];
                let word = match how {
                    0 => from.clone(),
                    1 => from.chars().next().map(String::from).unwrap_or_default(),
                    _ => to.clone(),
                };
                text.push_str(&word);
                text.push_str(pieces.get(piece).copied().unwrap_or(""));
            }
            text.push(any_char);
            let by_zhconv = zhconv::zhconv(&text, zhconv::Variant::ZhHans);
            prop_assert_eq!(to_simplified(text.clone()), by_zhconv.clone(), "{:?}", text);
            if simplified(&text).is_none() {
                prop_assert_eq!(&text, &by_zhconv);
            }
        }
    }

    #[test]
    fn every_word_of_the_table_is_sent_to_zhconv() {
        for (from, _) in table_words() {
            assert!(simplified(&format!("合同{from}")).is_some(), "{from}");
        }
    }

    #[test]
    fn total_labels() {
        for label in [
            "合计",
            "小计",
            "总计",
            "全县合计",
            "外资小计",
            "开发区小计",
            "合计(万美元)",
            "总计:",
        ] {
            assert!(is_total_label(label), "{label}");
        }
        assert!(!is_total_label("总计划投资项目"));
        assert!(!is_total_label("合计电子有限公司"));
        assert!(!is_total_label("苏州工业园区精密机械制造有限公司小计"));
    }

    #[test]
    fn labels_fold_width_and_spaces() {
        assert_eq!(normalize_label("合   计"), "合计");
        assert_eq!(normalize_label("合同外资（万美元）"), "合同外资(万美元)");
        assert_eq!(normalize_label("\u{3000}金额单位："), "金额单位:");
        assert_eq!(normalize_label("ＡＢＣ１２"), "ABC12");
    }

    #[test]
    fn traditional_labels_read_as_simplified() {
        for (traditional, simplified) in [
            ("合同外資", "合同外资"),
            ("註冊外資（萬美元）", "注册外资(万美元)"),
            ("到帳外資", "到帐外资"),
            ("實際使用外資", "实际使用外资"),
            ("合　計", "合计"),
            ("來源地", "来源地"),
            ("項目名稱", "项目名称"),
            ("資本類別", "资本类别"),
            ("臺灣", "台湾"),
            ("填報單位：", "填报单位:"),
            ("單位：萬美元", "单位:万美元"),
            ("幣種", "币种"),
            ("減資", "减资"),
        ] {
            assert_eq!(normalize_label(traditional), simplified, "{traditional}");
        }
        // Already Simplified text is left as it is.
        for simplified in [
            "到帐外资",
            "新设外商投资企业数",
            "云港镇",
            "保税区",
            "枫桥镇",
        ] {
            assert_eq!(normalize_label(simplified), simplified);
        }
    }

    #[test]
    fn unit_suffix_is_split_only_when_it_is_a_unit() {
        assert_eq!(
            split_suffix("合同外资(万美元)"),
            ("合同外资", Some("万美元"))
        );
        assert!(is_total_label(&normalize_label("合　计")));
    }
}
