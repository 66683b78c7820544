//! The application, above every stage and tool: the command line (cli), the
//! job each command becomes (jobs), the run as stage calls in order
//! (pipeline), a re-run on unchanged files recognised (last_run), what the
//! terminal prints (terminal) with a progress bar while
//! reading (progress_bar) and stage timings on request (timing), fatal errors in the
//! bureau's words (fatal) and the exit codes. Nothing below imports it.

pub mod cli;
pub mod contest;
pub mod exit_code;
pub mod fatal;
pub mod jobs;
pub mod last_run;
pub mod pipeline;
pub mod progress_bar;
pub mod terminal;
pub mod timing;
