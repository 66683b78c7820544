//! Stage 2, normalise: raw cells → typed facts in canonical units (numbers,
//! magnitudes, currencies, names), each with its provenance.

mod cells;
pub mod dates;
pub mod detail;
pub mod meta;
pub mod peer_bulletin;
pub mod stage;
pub mod submission;
pub mod summary_sheet;
