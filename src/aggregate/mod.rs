//! Stage 4, aggregate: accepted facts → the bulletin's figures. Sums with
//! polars over all facts at once; the formulas are plain functions.

pub mod attracted;
pub mod attracted_query;
pub mod breakdown;
pub mod breakdown_query;
pub mod by_industry;
pub mod by_source;
pub mod contest;
pub mod contest_query;
pub mod facts_frame;
pub mod formula_exprs;
pub mod peers;
pub mod projects;
pub mod region;
pub mod region_query;
pub mod rmb_projects;
pub mod stages;
pub mod stages_query;
pub mod standing;
pub mod sums;
pub mod trend;
