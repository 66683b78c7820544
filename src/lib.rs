//! `zhaoshang` (招商): a county's monthly investment-promotion statistics.
//! See `pipeline` for the stages in order.

pub mod aggregate;
pub mod atomic;
pub mod audit;
pub mod cli;
pub mod config;
pub mod demo;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod reference;
pub mod report;
pub mod store;
pub mod summary;
pub mod template;
