//! Audit rules.
