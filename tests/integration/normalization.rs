//! Magnitudes, currencies and rates through real submission files.
