//! Stage 2, normalise: raw cells → typed facts in canonical units (numbers,
//! magnitudes, currencies, names), each with its provenance.

mod cells;
pub mod dates;
pub mod detail;
pub mod fact;
pub mod meta;
pub mod number;
pub mod peer_bulletin;
pub mod submission;
pub mod summary;
pub mod text;
pub mod unit_phrases;
pub mod units;
