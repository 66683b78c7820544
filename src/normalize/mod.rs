//! Stage 2, normalise: raw cells → typed facts in canonical units (numbers,
//! magnitudes, currencies, names), each with its provenance.

pub mod fact;
pub mod meta;
pub mod number;
pub mod submission;
pub mod text;
pub mod units;
