//! Units of account found inside free text: a units line ("单位：万美元（内资为万元）",
//! "外资：万美元；内资：万元", "金额单位：万美元　企业数：个"), a title ending
//! "（单位：万美元）" or a header "合同外资（万美元）". Each phrase is a magnitude
//! and a currency wherever it stands, with the scope the text gives it (外资,
//! 内资, or none); [`stated_units`] turns the phrases into the unit of foreign
//! amounts and the unit of domestic ones.

use super::money::{Currency, Magnitude, MoneyUnit};
use super::text::normalize_text;
use super::text_memo::{remembered, TextMemo};
use std::cell::RefCell;
use std::sync::LazyLock;

/// Which amounts a unit phrase governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Nothing in the text says: the unit of the table.
    Any,
    /// 外资 amounts only ("外资：万美元").
    Foreign,
    /// 内资 amounts only ("内资为万元").
    Domestic,
}

/// A money unit found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitPhrase {
    pub unit: MoneyUnit,
    pub scope: Scope,
}

/// Currency words, longest first so that 新加坡元 is not read as 元.
const CURRENCY_WORDS: [(&str, &str); 16] = [
    ("人民币元", "CNY"),
    ("新加坡元", "SGD"),
    ("新台币", "TWD"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("台币", "TWD"),
    ("韩元", "KRW"),
    ("澳元", "AUD"),
    ("元", "CNY"),
];

/// ISO codes written in Latin letters, read where they stand alone.
const CURRENCY_CODES: [&str; 11] = [
    "USD", "HKD", "JPY", "EUR", "GBP", "TWD", "KRW", "SGD", "AUD", "CNY", "RMB",
];

/// Magnitude prefixes, longest first.
const MAGNITUDES: [(&str, Magnitude); 5] = [
    ("百万", Magnitude::Million),
    ("千", Magnitude::Thousand),
    ("万", Magnitude::TenThousand),
    ("亿", Magnitude::HundredMillion),
    ("", Magnitude::One),
];

/// Words that end one statement and start the next: a scope word before
/// them does not reach a phrase after them.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ';' | ',' | '、' | '(' | ')' | '[' | ']' | '/' | '|' | '；' | '，'
    )
}

/// What may stand right before or after a unit phrase that is a unit and not
/// part of a word ("元和街道") or a figure ("1000万元以上").
fn is_boundary(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || is_clause_break(c)
                || matches!(
                    c,
                    ':' | '：' | '为' | '是' | '按' | '以' | '计' | '）' | '（'
                )
        }
    }
}

/// Every money unit in `text`, in order, with its scope.
///
/// ```
/// use zhaoshang::foundation::unit_phrases::{unit_phrases, Scope};
/// let found = unit_phrases("单位：万美元（内资为万元）");
/// assert_eq!(found.len(), 2);
/// assert_eq!(found[1].scope, Scope::Domestic);
/// ```
pub fn unit_phrases(text: &str) -> Vec<UnitPhrase> {
    remembered(&PHRASES, text, || phrases_in(text))
}

thread_local! {
    /// Headers, units lines and 计量单位 cells repeat from row to row and
    /// from file to file.
    static PHRASES: RefCell<TextMemo<Vec<UnitPhrase>>> = RefCell::default();
    /// A row's 计量单位 and a figure's suffix are the same few words in
    /// every row of every file.
    static UNITS: RefCell<TextMemo<Option<MoneyUnit>>> = RefCell::default();
}

/// Empties this thread's memos of units found in text.
pub fn forget_memos() {
    PHRASES.take();
    UNITS.take();
}

/// [`unit_phrases`], worked out.
fn phrases_in(text: &str) -> Vec<UnitPhrase> {
    let chars: Vec<char> = normalize_text(text).chars().collect();
    let mut found: Vec<(UnitPhrase, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match phrase_at(&chars, i) {
            Some((unit, end)) => {
                let clause_start = found.last().map_or(0, |(_, _, e)| *e).max(
                    chars[..i]
                        .iter()
                        .rposition(|&c| is_clause_break(c))
                        .map_or(0, |p| p + 1),
                );
                let before: String = chars[clause_start..i].iter().collect();
                let scope = scope_of(&before)
                    .or_else(|| scope_in_brackets_after(&chars, end))
                    .unwrap_or(Scope::Any);
                found.push((UnitPhrase { unit, scope }, i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    found.into_iter().map(|(p, _, _)| p).collect()
}

/// A unit phrase starting at `i`: (the unit, the index after it). A phrase
/// after a figure ("1000万元以上") is an amount, not a unit; a currency name
/// without a magnitude needs a boundary before it ("香港元朗" holds none), and
/// a bare 元 or 人民币 one on both sides ("元和街道" holds none).
fn phrase_at(chars: &[char], i: usize) -> Option<(MoneyUnit, usize)> {
    // Most characters start no phrase: told without looking further.
    if !chars.get(i).is_some_and(|&c| may_start_phrase(c)) {
        return None;
    }
    let before = i.checked_sub(1).map(|p| chars[p]);
    if before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c.is_ascii_alphabetic()) {
        return None;
    }
    for (prefix, magnitude) in MAGNITUDES {
        let Some(after_prefix) = word_at(chars, i, prefix) else {
            continue;
        };
        let Some((currency, end)) = currency_at(chars, after_prefix) else {
            continue;
        };
        // 人民币 is a word of its own; only a bare 元 is part of others. Before
        // a unit ("人民币万元") it names that unit's currency, not a unit.
        let bare_yuan = end == i + 1 && currency == Currency::CNY;
        let renminbi = chars[after_prefix] == '人';
        if magnitude == Magnitude::One && renminbi && phrase_at(chars, end).is_some() {
            return None;
        }
        if magnitude == Magnitude::One && !renminbi {
            let after = chars.get(end).copied();
            let after_scope = ["外资", "内资", "外币", "单位", "金额"].iter().any(|w| {
                let n = w.chars().count();
                i >= n && word_at(chars, i - n, w) == Some(i)
            });
            if !(is_boundary(before) || after_scope) || (bare_yuan && !is_boundary(after)) {
                return None;
            }
        }
        // "万元人民币", "万元(人民币)": the currency said again after the unit.
        let mut end = end;
        if currency == Currency::CNY {
            for again in ["(人民币)", "人民币", "RMB"] {
                if let Some(after) = word_at(chars, end, again) {
                    end = after;
                    break;
                }
            }
        }
        return Some((
            MoneyUnit {
                magnitude,
                currency,
            },
            end,
        ));
    }
    None
}

/// A currency word or code starting at `start`: (currency, index after it).
fn currency_at(chars: &[char], start: usize) -> Option<(Currency, usize)> {
    for (word, code) in CURRENCY_WORDS {
        if let Some(end) = word_at(chars, start, word) {
            return Some((Currency::from_code(code)?, end));
        }
    }
    if !chars.get(start).is_some_and(char::is_ascii_alphabetic) {
        return None;
    }
    let letters: String = chars[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let upper = letters.to_ascii_uppercase();
    if CURRENCY_CODES.contains(&upper.as_str()) {
        let code = if upper == "RMB" { "CNY" } else { &upper };
        return Some((Currency::from_code(code)?, start + letters.len()));
    }
    None
}

/// The index after `word` when `chars` holds it at `at` (`at` itself for "").
fn word_at(chars: &[char], at: usize, word: &str) -> Option<usize> {
    let mut k = at;
    for w in word.chars() {
        if chars.get(k) != Some(&w) {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// Whether a phrase can start with `c`: a magnitude, the first character of
/// a currency word, or a Latin letter (a currency code).
fn may_start_phrase(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && PHRASE_FIRSTS.binary_search(&c).is_ok())
}

/// The first characters of the magnitudes and the currency words, in order:
/// every character of a text is asked whether it starts a phrase.
static PHRASE_FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let words = MAGNITUDES.iter().map(|(m, _)| *m);
    let words = words.chain(CURRENCY_WORDS.iter().map(|(w, _)| *w));
    let mut firsts: Vec<char> = words.filter_map(|w| w.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts
});

/// The scope a clause gives the phrase after it.
fn scope_of(clause: &str) -> Option<Scope> {
    let clause: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    // What a title says before its units line ("利用外资及内资情况表单位：")
    // scopes nothing: only the word right before 单位 ("外资单位") and what
    // follows it count.
    let clause = match clause.rfind("单位") {
        Some(k) => {
            let start = clause[..k]
                .char_indices()
                .rev()
                .nth(1)
                .map_or(0, |(i, _)| i);
            &clause[start..]
        }
        None => clause.as_str(),
    };
    // The scope word nearest the phrase wins.
    let last = |words: &[&str]| words.iter().filter_map(|w| clause.rfind(w)).max();
    match (
        last(&["内资", "人民币部分"]),
        last(&["外资", "外商", "外币"]),
    ) {
        (Some(d), Some(f)) if f > d => Some(Scope::Foreign),
        (Some(_), _) => Some(Scope::Domestic),
        (None, Some(_)) => Some(Scope::Foreign),
        (None, None) => None,
    }
}

/// "万美元（外资）": a scope in brackets right after the phrase.
fn scope_in_brackets_after(chars: &[char], end: usize) -> Option<Scope> {
    if !matches!(chars.get(end), Some('(' | '（')) {
        return None;
    }
    let inside: String = chars[end + 1..]
        .iter()
        .take_while(|&&c| c != ')' && c != '）')
        .collect();
    // Only a bracket that holds just the scope ("（外资）", "(内资部分)"), not
    // a note with a unit of its own ("（外资为万美元）").
    (inside.chars().count() <= 6 && unit_phrases_free(&inside))
        .then(|| scope_of(&inside))
        .flatten()
}

fn unit_phrases_free(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).all(|i| phrase_at(&chars, i).is_none())
}

/// The unit of foreign and of domestic amounts a set of phrases states.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatedUnits {
    pub foreign: Option<MoneyUnit>,
    pub domestic: Option<MoneyUnit>,
}

/// Two units stated for the same amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitConflict {
    pub first: MoneyUnit,
    pub second: MoneyUnit,
}

/// Which unit governs foreign and which domestic amounts. A phrase scoped 外资
/// or 内资 governs those; an unscoped foreign currency governs foreign amounts;
/// an unscoped RMB unit governs domestic amounts when a foreign-currency unit
/// is also stated ("单位：万美元、万元"), and both otherwise ("单位：万元").
///
/// # Errors
///
/// Two different units for the same amounts ("单位：万美元、千美元").
pub fn stated_units(phrases: &[UnitPhrase]) -> Result<StatedUnits, UnitConflict> {
    let has_foreign_currency = phrases
        .iter()
        .any(|p| p.unit.currency != Currency::CNY && p.scope != Scope::Domestic);
    let mut foreign: Option<MoneyUnit> = None;
    let mut domestic: Option<MoneyUnit> = None;
    let mut any: Option<MoneyUnit> = None;
    for phrase in phrases {
        let slot = match phrase.scope {
            Scope::Foreign => &mut foreign,
            Scope::Domestic => &mut domestic,
            Scope::Any if phrase.unit.currency != Currency::CNY => &mut foreign,
            Scope::Any if has_foreign_currency => &mut domestic,
            Scope::Any => &mut any,
        };
        match slot {
            Some(first) if *first != phrase.unit => {
                return Err(UnitConflict {
                    first: *first,
                    second: phrase.unit,
                })
            }
            _ => *slot = Some(phrase.unit),
        }
    }
    Ok(StatedUnits {
        foreign: foreign.or(any),
        domestic: domestic.or(any),
    })
}

/// A unit written alone in a cell (a row's 计量单位, a number's suffix):
/// "万美元", or a longer text stating one unit ("元人民币", "万元（人民币）").
pub fn unit_in_cell(text: &str) -> Option<MoneyUnit> {
    remembered(&UNITS, text, || unit_in_cell_worked_out(text))
}

/// [`unit_in_cell`], worked out.
fn unit_in_cell_worked_out(text: &str) -> Option<MoneyUnit> {
    if let Some(unit) = super::money::parse_unit(text) {
        return Some(unit);
    }
    let folded = super::text::normalize_label(text);
    match unit_phrases(&folded).as_slice() {
        [one]
            if folded.chars().count() <= 10
                && folded.starts_with(|c| "千万亿百元美港日欧英人澳韩新台".contains(c)) =>
        {
            Some(one.unit)
        }
        _ => None,
    }
}

impl Currency {
    /// Parses a currency name or code (`"港元"`, `"hkd"`, `"美元"`), also
    /// written with its code or a note ("美元(USD)", "港币 HKD", "日圆"). It
    /// lives here, not in money.rs, because the notes are read with this
    /// file's phrase reader, which itself builds on money.rs.
    pub fn parse(s: &str) -> Option<Currency> {
        let s = super::text::normalize_label(s);
        let exact = Self::parse_exact(&s);
        if exact.is_some() || s.chars().count() > 12 {
            return exact;
        }
        currency_in(&s)
    }
}

/// The one currency a short text names ("美元(USD)", "港币 HKD"), by the
/// currency words and codes inside it.
pub fn currency_in(text: &str) -> Option<Currency> {
    let mut found = unit_phrases(text).into_iter().map(|p| p.unit.currency);
    let first = found.next()?;
    found.all(|c| c == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters told as possible phrase starts are exactly the Latin
    /// letters and the first characters of the magnitudes and currency
    /// words, over every character of planes 0 to 2.
    #[test]
    fn a_phrase_may_start_with_a_letter_or_a_words_first_character() {
        let firsts: Vec<char> = (MAGNITUDES.iter().map(|(m, _)| *m))
            .chain(CURRENCY_WORDS.iter().map(|(w, _)| *w))
            .filter_map(|w| w.chars().next())
            .collect();
        let mut starts = 0;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let expected = c.is_ascii_alphabetic() || firsts.contains(&c);
            assert_eq!(may_start_phrase(c), expected, "{c:?}");
            starts += usize::from(expected);
        }
        assert_eq!(
            starts,
            52 + 15,
            "letters, 百千万亿 and 人新台美港日欧英韩澳元"
        );
    }

    fn unit(s: &str) -> MoneyUnit {
        super::super::money::parse_unit(s).unwrap()
    }

    fn stated(text: &str) -> (Option<String>, Option<String>) {
        let s = stated_units(&unit_phrases(text)).unwrap();
        (
            s.foreign.map(|u| u.to_string()),
            s.domestic.map(|u| u.to_string()),
        )
    }

    fn pair(f: Option<&str>, d: Option<&str>) -> (Option<String>, Option<String>) {
        (f.map(str::to_string), d.map(str::to_string))
    }

    #[test]
    fn units_lines_with_scopes_and_notes() {
        let both = pair(Some("万美元"), Some("万元"));
        for text in [
            "单位：万美元（内资为万元）",
            "单位:万美元、万元",
            "单位：万美元、万元、个",
            "外资：万美元；内资：万元",
            "金额单位：外资万美元，内资万元",
            "单位：万元（外资为万美元）",
            "填报单位：青山镇人民政府　　单位：万美元（内资：万元）　　2026年11月5日",
            "萬美元（外資）、萬元（內資）",
        ] {
            assert_eq!(stated(text), both, "{text}");
        }
        assert_eq!(stated("单位：万美元"), pair(Some("万美元"), None));
        assert_eq!(
            stated("金额单位：万美元　企业数：个"),
            pair(Some("万美元"), None)
        );
        assert_eq!(stated("单位：元"), pair(Some("元"), Some("元")));
        assert_eq!(
            stated("单位：美元（内资为万元）"),
            pair(Some("美元"), Some("万元"))
        );
        assert_eq!(stated("（单位：千美元）"), pair(Some("千美元"), None));
        assert_eq!(stated("金额单位：万USD"), pair(Some("万美元"), None));
        assert_eq!(
            stated("金额单位：万美元（内资人民币元）"),
            pair(Some("万美元"), Some("元"))
        );
        for text in [
            "单位:万美元、万元人民币",
            "外資：萬美元；內資：人民幣萬元",
            "单位：万美金（内资为万元人民币）",
            "单位：万美元（内资：万元(人民币)）",
        ] {
            assert_eq!(stated(text), pair(Some("万美元"), Some("万元")), "{text}");
        }
        assert_eq!(
            stated("单位：外资美金、内资万元"),
            pair(Some("美元"), Some("万元"))
        );
        assert_eq!(
            stated("金额单位：外资万元人民币，内资万元"),
            pair(Some("万元"), Some("万元"))
        );
    }

    #[test]
    fn words_and_figures_are_not_units() {
        for text in [
            "填报单位：元和街道",
            "2026年1-10月招商引资情况统计表",
            "1000万元以上项目",
            "香港元朗工业邨",
            "填表人：",
        ] {
            assert_eq!(unit_phrases(text), Vec::new(), "{text}");
        }
    }

    #[test]
    fn two_foreign_units_conflict() {
        let err = stated_units(&unit_phrases("单位：万美元、千美元")).unwrap_err();
        assert_eq!((err.first, err.second), (unit("万美元"), unit("千美元")));
        assert!(stated_units(&unit_phrases("外资：万美元；外资：美元")).is_err());
    }
}
