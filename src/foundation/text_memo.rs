//! Answers worked out from a short text, kept so that the same text is not
//! worked out again: thousands of files of the same forms bring the same
//! words (headers, units, 计量单位 cells) again and again. Each memo is bounded
//! in the texts it keeps and in their length, so no input can make it grow
//! without limit, and it is only looked up, never iterated, so its order can
//! decide nothing.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// Texts one memo keeps; once full it keeps what it has and answers other
/// texts by working them out. The words of the forms are a few hundred and
/// come in the first files and again in every file; a file's own texts
/// (project names) pass through some memos too and come once, and a hostile
/// file may hold millions of them. Emptying a full memo to start again was
/// tried: the churn of its small allocations among the run's kept results
/// raised the run's peak memory from 128 to 210 MB on 22,308 files. Kept
/// memos cost memory too: at 4,096 texts the run's peak was 360 MB on 22,308
/// files and 126 MB on 2,068, at 256 it is 315 and 87 MB, for about 0.4 s
/// more of reading on 22,308 (release, same machine, interleaved runs).
pub const MAX_TEXTS: usize = 256;

/// Longer texts are worked out each time and not kept: the words a memo is
/// for are short, and keeping 32,767-character cells would make it large.
pub const MAX_TEXT_BYTES: usize = 120;

/// Answers by text, at most [`MAX_TEXTS`] of them.
#[derive(Debug)]
pub struct TextMemo<V> {
    answers: HashMap<String, V>,
}

impl<V> Default for TextMemo<V> {
    fn default() -> Self {
        TextMemo {
            answers: HashMap::new(),
        }
    }
}

impl<V: Clone> TextMemo<V> {
    /// The answer kept for `text`, if any.
    pub fn get(&self, text: &str) -> Option<V> {
        self.answers.get(text).cloned()
    }

    /// Keeps `answer` for `text` unless the memo is full or the text is
    /// longer than [`MAX_TEXT_BYTES`].
    pub fn put(&mut self, text: &str, answer: V) {
        if text.len() > MAX_TEXT_BYTES {
            return;
        }
        if self.answers.len() < MAX_TEXTS {
            self.answers.insert(text.to_string(), answer);
        }
    }

    /// How many texts are kept.
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }
}

/// The answer `work` gives for `text`, from the thread's `memo` when it has
/// been worked out before. The memo is not borrowed while `work` runs, so the
/// work may ask memos of its own. Only for work that depends on the text alone.
pub fn remembered<V: Clone + 'static>(
    memo: &'static LocalKey<RefCell<TextMemo<V>>>,
    text: &str,
    work: impl FnOnce() -> V,
) -> V {
    if text.len() > MAX_TEXT_BYTES {
        return work();
    }
    if let Some(answer) = memo.with(|m| m.borrow().get(text)) {
        return answer;
    }
    let answer = work();
    memo.with(|m| m.borrow_mut().put(text, answer.clone()));
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static LENGTHS: RefCell<TextMemo<usize>> = RefCell::new(TextMemo::default());
    }

    #[test]
    fn an_answer_is_worked_out_once_per_text() {
        let calls = Cell::new(0);
        let length = |text: &str| {
            remembered(&LENGTHS, text, || {
                calls.set(calls.get() + 1);
                text.chars().count()
            })
        };
        assert_eq!(length("万美元"), 3);
        assert_eq!(length("万美元"), 3);
        assert_eq!(length("万元"), 2);
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn a_memo_stays_within_its_bounds() {
        let mut memo = TextMemo::default();
        for n in 0..(MAX_TEXTS * 3) {
            memo.put(&format!("第{n}列"), n);
            assert!(memo.len() <= MAX_TEXTS, "{} texts kept", memo.len());
        }
        // What it kept first it still answers.
        assert_eq!(memo.get("第0列"), Some(0));
        assert_eq!(memo.get(&format!("第{MAX_TEXTS}列")), None);
        let long = "很长的说明".repeat(40);
        memo.put(&long, 1);
        assert_eq!(memo.get(&long), None, "a long text is not kept");
        let calls = Cell::new(0);
        for _ in 0..2 {
            remembered(&LENGTHS, &long, || {
                calls.set(calls.get() + 1);
                0
            });
        }
        assert_eq!(calls.get(), 2, "a long text is worked out each time");
    }
}
