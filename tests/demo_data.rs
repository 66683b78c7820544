//! The committed demo data.
