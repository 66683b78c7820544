//! `zhaoshang` (招商): a county's monthly investment-promotion statistics.
//! See `pipeline` for the stages in order.

pub mod aggregate;
pub mod atomic;
pub mod audit;
pub mod cli;
pub mod config;
pub mod demo;
pub mod exit_code;
pub mod fatal;
pub mod foundation;
pub mod ingest;
pub mod isolation;
pub mod normalize;
pub mod pipeline;
pub mod progress;
pub mod reference;
pub mod report;
pub mod settings_errors;
pub mod store;
pub mod template;
pub mod terminal;
pub mod timing;

pub use foundation::model;
