//! Answers worked out from a short text, kept so that the same text is not
//! worked out again: thousands of files of the same forms bring the same
//! words (headers, units, 计量单位 cells) again and again. Each memo is bounded
//! in the texts it keeps and in their length, so no input can make it grow
//! without limit, and it is only looked up, never iterated, so its order can
//! decide nothing.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::thread::LocalKey;

/// Texts one memo keeps at most; once full it keeps what it has and answers
/// other texts by working them out.
pub const MAX_TEXTS: usize = 2_048;

/// The first texts a memo meets are kept at once: the words of the forms
/// are a few hundred and come in the first files, then in every file.
pub const KEPT_AT_ONCE: usize = 256;

/// Texts met once and not kept, remembered by their hash only. A file's own
/// texts (project names, the unit's name in its title) pass through some
/// memos too: most come once and are not worth keeping, but a unit's name
/// and its carried-over projects come again in each month's file. After
/// [`KEPT_AT_ONCE`], a text is kept the second time it is met, so a memo
/// fills with what recurs, not with whatever came first. When this many
/// hashes are held they are forgotten together (one allocation, no churn).
pub const MAX_SEEN_ONCE: usize = 16_384;

/// Longer texts are worked out each time and not kept: the words a memo is
/// for are short, and keeping 32,767-character cells would make it large.
pub const MAX_TEXT_BYTES: usize = 120;

/// Texts not kept (met once, or the memo full) whose answers are held for
/// a while all the same, the latest this many, then forgotten together: a
/// file's own texts (project names, its dates) are asked about several
/// times while the file is read (a header row, the lower row of the one
/// above, a sub-label), and a form's texts are a few hundred at most.
pub const RECENT_TEXTS: usize = 512;

/// Answers by text, at most [`MAX_TEXTS`] of them.
///
/// Sizes measured on 22,308 files (1,014 units, release, same machine):
/// keeping every text held 217 MB more at the end of reading; keeping the
/// first 256 and no more worked out each unit's own texts again in every
/// month's file (5.6% more instructions on 2,068 files than keeping all).
/// With admission on second sight, 8,192 texts saved 0.6% more instructions
/// than 2,048 on 2,068 files but raised the run's peak on 22,308 from
/// 275–280 to 287–289 MB: what a memo frees is scattered among the facts
/// kept beside it, and part of it is never handed back.
#[derive(Debug)]
pub struct TextMemo<V> {
    answers: HashMap<String, V, Quick>,
    seen_once: HashSet<u64, Quick>,
    /// Answers of texts not kept, at most [`RECENT_TEXTS`] of them.
    recent: HashMap<String, V, Quick>,
}

/// foldhash's seeded hasher: a memo is looked up for almost every cell of a
/// form's first rows, and SipHash, the standard one, was 2% of a run's
/// instructions. Its keys are texts of the county's own files, bounded in
/// number, so flooding one bucket (what SipHash guards against) costs
/// nothing worth guarding.
type Quick = foldhash::fast::RandomState;

impl<V> Default for TextMemo<V> {
    fn default() -> Self {
        TextMemo {
            answers: HashMap::default(),
            seen_once: HashSet::default(),
            recent: HashMap::default(),
        }
    }
}

impl<V: Clone> TextMemo<V> {
    /// The answer kept for `text`, or held for it among the recent ones.
    pub fn get(&self, text: &str) -> Option<V> {
        (self.answers.get(text))
            .or_else(|| self.recent.get(text))
            .cloned()
    }

    /// Keeps `answer` for `text` where the memo admits it, and holds it
    /// among the recent ones otherwise; a text longer than
    /// [`MAX_TEXT_BYTES`] is neither kept nor held. A hash shared by two
    /// texts only decides what is kept, never an answer.
    pub fn put(&mut self, text: &str, answer: V) {
        if text.len() > MAX_TEXT_BYTES {
            return;
        }
        if !self.admits(text) {
            if self.recent.len() >= RECENT_TEXTS {
                self.recent.clear();
            }
            self.recent.insert(text.to_string(), answer);
            return;
        }
        self.answers.insert(text.to_string(), answer);
    }

    /// Whether `text` is kept: among the first [`KEPT_AT_ONCE`] texts, or met
    /// before (remembered by its hash), while the memo has room.
    fn admits(&mut self, text: &str) -> bool {
        if self.answers.len() >= MAX_TEXTS {
            return false;
        }
        if self.answers.len() < KEPT_AT_ONCE {
            return true;
        }
        let hash = self.answers.hasher().hash_one(text);
        if self.seen_once.remove(&hash) {
            return true;
        }
        if self.seen_once.len() >= MAX_SEEN_ONCE {
            self.seen_once.clear();
        }
        self.seen_once.insert(hash);
        false
    }

    /// How many texts are kept.
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// How many texts met once are remembered by their hash.
    pub fn seen_once(&self) -> usize {
        self.seen_once.len()
    }

    /// How many answers of texts not kept are held.
    pub fn recent(&self) -> usize {
        self.recent.len()
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
        // Each text twice, so every one is worth keeping.
        for n in 0..(MAX_TEXTS * 3) {
            memo.put(&format!("第{n}列"), n);
            memo.put(&format!("第{n}列"), n);
            assert!(memo.len() <= MAX_TEXTS, "{} texts kept", memo.len());
        }
        // What it kept first it still answers.
        assert_eq!(memo.get("第0列"), Some(0));
        assert_eq!(memo.get(&format!("第{MAX_TEXTS}列")), None);
        // A flood of texts met once each: the hashes stay bounded too.
        let mut memo = TextMemo::default();
        for n in 0..(MAX_SEEN_ONCE * 3) {
            memo.put(&format!("项目{n}"), n);
            assert!(memo.seen_once() <= MAX_SEEN_ONCE);
            assert!(memo.recent() <= RECENT_TEXTS);
            assert!(memo.len() <= KEPT_AT_ONCE);
        }
        let long = "很长的说明".repeat(40);
        memo.put(&long, 1);
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

    #[test]
    fn after_the_first_texts_a_text_is_kept_when_met_again() {
        let mut memo = TextMemo::default();
        for n in 0..KEPT_AT_ONCE {
            memo.put(&format!("表头{n}"), n);
        }
        assert_eq!(memo.len(), KEPT_AT_ONCE, "the first texts kept at once");
        memo.put("新012镇招商引资项目", 1);
        assert_eq!(memo.len(), KEPT_AT_ONCE, "met once: not kept");
        assert_eq!(memo.get("新012镇招商引资项目"), Some(1), "but held for now");
        memo.put("另一个项目", 2);
        memo.put("新012镇招商引资项目", 1);
        assert_eq!(memo.len(), KEPT_AT_ONCE + 1, "met again: kept");
        assert_eq!(memo.seen_once(), 1);
        assert_eq!(memo.recent(), 2);
        // Past the recent ones, a text met once is forgotten.
        for n in 0..RECENT_TEXTS {
            memo.put(&format!("项目{n}"), n);
        }
        assert_eq!(memo.get("另一个项目"), None);
        assert_eq!(memo.get("新012镇招商引资项目"), Some(1), "kept stays");
    }

    thread_local! {
        static FULL: RefCell<TextMemo<usize>> = RefCell::new(TextMemo::default());
    }

    /// Once the memo keeps all it may, a file's own texts, asked about
    /// again while it is read, are still worked out once each.
    #[test]
    fn a_full_memo_still_answers_a_text_asked_again_at_once() {
        FULL.with(|m| {
            let mut memo = m.borrow_mut();
            for n in 0..MAX_TEXTS {
                memo.put(&format!("表头{n}"), n);
                memo.put(&format!("表头{n}"), n);
            }
            assert_eq!(memo.len(), MAX_TEXTS);
        });
        let calls = Cell::new(0);
        for _ in 0..3 {
            let answer = remembered(&FULL, "新012镇精密机械项目", || {
                calls.set(calls.get() + 1);
                7
            });
            assert_eq!(answer, 7);
        }
        assert_eq!(calls.get(), 1);
    }
}
