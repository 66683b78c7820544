//! `zhaoshang` (招商): a county's monthly investment-promotion statistics.
//! See `app::pipeline` for the stages in order.
//!
//! The layers, each importing only those below it:
//!
//! ```text
//! app        cli, jobs, pipeline, terminal, fatal, exit codes
//! template   the units' forms          demo   the demo county's data
//! report     figures → workbooks, document, charts, manifest
//! aggregate  facts → figures
//! audit      issues, the receipts table
//! normalize  located tables → typed facts
//! reference, store, config   services handed to the stages (reference reads
//!            its workbooks with ingest's reader)
//! ingest     files → located tables
//! foundation issues, text, numbers, money, formulas, facts, hashing, files
//! ```

pub mod aggregate;
pub mod app;
pub mod audit;
pub mod config;
pub mod demo;
pub mod foundation;
pub mod ingest;
pub mod normalize;
pub mod reference;
pub mod report;
pub mod store;
pub mod template;
