//! The vocabulary every stage shares, below all of them: issues and where they
//! stand (A1 names), text folding, numbers as people type them, money units
//! and currencies and the units found inside text, the form's words for its
//! columns and indicators, the bulletin's formulas and its 时序进度 rule,
//! indicators and months, the reporting units by their ids, the typed fact
//! that flows from normalize to the store and the figures, hashing and the
//! read limits; and three pieces of plumbing every layer may need: files
//! replaced whole (atomic), a reader's panic kept to its file (isolation)
//! and freed memory handed back (memory). Nothing here imports a stage
//! (ingest, normalize, audit, aggregate, report), a service (reference,
//! store, config) or the application.

pub mod atomic;
pub mod fact;
pub mod form_words;
pub mod formulas;
pub mod hash;
pub mod io_words;
pub mod isolation;
pub mod issue;
pub mod limits;
pub mod memory;
pub mod model;
pub mod money;
pub mod number;
pub mod period;
pub mod progress;
pub mod text;
pub mod text_memo;
pub mod unit_id;
pub mod unit_kinds;
pub mod unit_phrases;

/// Empties this thread's memos of answers about texts (text_memo): they are
/// worth their memory while files are read, not after.
pub fn forget_memos() {
    form_words::forget_memos();
    unit_phrases::forget_memos();
}
