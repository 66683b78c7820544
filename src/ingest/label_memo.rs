//! Answers about header texts, kept for the run on each reading thread: the
//! same forms come in thousands of files, so the header search meets the same
//! words (序号, 项目名称, 合同外资（万美元）, 本月 …) in every one of them, and
//! the same cells several times in one (as a header, as the lower row of the
//! one above, as sub-labels). An answer holds for the synonyms table it was
//! worked out with: memos made under another table are emptied before they
//! answer, so a run (or a test) that changes its labels never reuses one.

use crate::foundation::form_words::{Column, LabelSynonyms};
use crate::foundation::model::Indicator;
use crate::foundation::text_memo::{TextMemo, MAX_TEXT_BYTES};
use std::cell::RefCell;

/// The memos of one thread, with the stamp of the synonyms they hold for.
#[derive(Default)]
struct Memos {
    labels: u64,
    columns: TextMemo<Option<Column>>,
    glued: TextMemo<Option<(Indicator, Column)>>,
    indicators: TextMemo<Option<Indicator>>,
}

impl Memos {
    /// The memos for `labels`: emptied first when made under other synonyms.
    fn under(&mut self, labels: &LabelSynonyms) -> &mut Self {
        if self.labels != labels.stamp() {
            *self = Memos {
                labels: labels.stamp(),
                ..Memos::default()
            };
        }
        self
    }
}

thread_local! {
    static MEMOS: RefCell<Memos> = RefCell::new(Memos::default());
}

/// Empties this thread's memos of header answers.
pub fn forget() {
    MEMOS.take();
}

/// The answer `work` gives for `text` under `labels`, worked out once. The
/// memo is not borrowed while `work` runs, so the work may ask other memos.
fn remembered<V: Clone>(
    labels: &LabelSynonyms,
    text: &str,
    memo: fn(&mut Memos) -> &mut TextMemo<V>,
    work: impl FnOnce() -> V,
) -> V {
    if text.len() > MAX_TEXT_BYTES {
        return work();
    }
    let known = MEMOS.with(|memos| memo(memos.borrow_mut().under(labels)).get(text));
    if let Some(answer) = known {
        return answer;
    }
    let answer = work();
    MEMOS.with(|memos| memo(memos.borrow_mut().under(labels)).put(text, answer.clone()));
    answer
}

/// The column `text` names under `labels` ([`crate::foundation::form_words::classify`]).
pub(super) fn column(
    labels: &LabelSynonyms,
    text: &str,
    work: impl FnOnce() -> Option<Column>,
) -> Option<Column> {
    remembered(labels, text, |m| &mut m.columns, work)
}

/// The indicator and the period glued in one label ("合同外资本月").
pub(super) fn glued(
    labels: &LabelSynonyms,
    text: &str,
    work: impl FnOnce() -> Option<(Indicator, Column)>,
) -> Option<(Indicator, Column)> {
    remembered(labels, text, |m| &mut m.glued, work)
}

/// The indicator a label names under `labels`.
pub(super) fn indicator(
    labels: &LabelSynonyms,
    text: &str,
    work: impl FnOnce() -> Option<Indicator>,
) -> Option<Indicator> {
    remembered(labels, text, |m| &mut m.indicators, work)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn an_answer_is_worked_out_once_per_text() {
        let labels = LabelSynonyms::default();
        let calls = Cell::new(0);
        let work = || {
            calls.set(calls.get() + 1);
            Some(Column::Seq)
        };
        assert_eq!(column(&labels, "序号#once", work), Some(Column::Seq));
        assert_eq!(column(&labels, "序号#once", work), Some(Column::Seq));
        assert_eq!(calls.get(), 1);
        // Another question about the same text is asked of another memo.
        assert_eq!(indicator(&labels, "序号#once", || None), None);
    }

    /// A result worked out under one synonyms table is never given under another.
    #[test]
    fn answers_under_other_labels_are_never_reused() {
        let mut first = LabelSynonyms::default();
        first.add("甲种引资额", "合同外资");
        let mut second = LabelSynonyms::default();
        second.add("甲种引资额", "来源地");
        let text = "甲种引资额#labels";
        let amount = Some(Column::Amount(Indicator::ContractedFdi));
        assert_eq!(column(&first, text, || amount), amount);
        assert_eq!(
            column(&second, text, || Some(Column::Source)),
            Some(Column::Source)
        );
        // Back to the first table: worked out again, not the second's answer.
        assert_eq!(column(&first, text, || amount), amount);
        // A copy of a table is the same table, and is answered from the memo.
        let copy = first.clone();
        assert_eq!(column(&copy, text, || None), amount);
    }

    #[test]
    fn the_memos_stay_within_their_bounds() {
        let labels = LabelSynonyms::default();
        for n in 0..(crate::foundation::text_memo::MAX_TEXTS * 2 + 7) {
            column(&labels, &format!("第{n}列#bounds"), || None);
        }
        let held = MEMOS.with(|m| m.borrow().columns.len());
        assert!(held <= crate::foundation::text_memo::MAX_TEXTS, "{held}");
    }
}
