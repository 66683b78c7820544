//! The vocabulary every stage shares, below all of them: issues and where they
//! stand (A1 names), text folding, numbers as people type them, money units
//! and currencies and the units found inside text, the form's words for its
//! columns and indicators, the bulletin's formulas, indicators and months,
//! hashing and the read limits. Nothing here imports a stage (ingest,
//! normalize, audit, aggregate, report) or a service (reference, store).

pub mod form_words;
pub mod formulas;
pub mod hash;
pub mod issue;
pub mod limits;
pub mod model;
pub mod money;
pub mod number;
pub mod period;
pub mod text;
pub mod unit_kinds;
pub mod unit_phrases;
