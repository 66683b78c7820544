//! Stage 2, normalise: raw cells → typed facts in canonical units (numbers,
//! magnitudes, currencies, names), each with its provenance.

mod cells;
pub mod dates;
pub mod detail;
pub mod fact;
pub mod meta;
pub mod peer_bulletin;
pub mod stage;
pub mod submission;
pub mod summary_sheet;

// The vocabulary these modules once held, where it now lives (foundation/).
pub use crate::foundation::money as units;
pub use crate::foundation::{number, text, unit_phrases};
