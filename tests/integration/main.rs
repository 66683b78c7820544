//! One integration-test binary; each module is a theme.

/// Fixture builders (reference tables, submissions) and read-back helpers.
mod common;

/// The by-region bulletin end to end on a small hand-worked fixture.
mod by_region;

/// 概览, 分来源地 and 月度趋势 on another hand-worked fixture.
mod breakdowns;

/// Magnitudes, currencies and rates, through a real submission file.
mod normalization;

/// Audit rules: a file that breaks each, the rule id, cell and message.
mod audit_rules;

/// The committed demo data: it runs and its figures hang together.
mod demo_data;

/// The layers of src/ import downwards only, and no files import each other.
mod layers;

/// The binary as a user runs it: exit codes, printed output, the fatal
/// messages in the bureau's words, the help in Chinese.
mod cli;

/// Every entry of a month folder accounted for: folders, lock and hidden
/// files, .xlsb, PDFs, an unreadable file, an empty month, last month's
/// workbook in this month's folder — in 报表接收, on the terminal, in the
/// bulletin and in the exit code.
mod entries;

/// Forms nobody here wrote: units lines, industries, headers by meaning, total
/// rows, what a problem costs, 填报单位 (issue 13), a hand-made workbook each.
mod reading;
// Summary sheets laid out every way (issue 13).
mod summaries;

/// The drift corpus: 30-odd submissions as units fill them in, each with its
/// facts worked out by hand; LibreOffice-saved copies; nothing dropped.
mod corpus;

/// RMB figures: 招商引资总额 at each month's rate, projects by RMB band,
/// project stages, a contest period.
mod rmb;

/// The demo's 概览 and 通报 say 招商引资总额, new enterprises and projects by
/// band, and project stages, with the figures of the sheets beside them.
mod words;

/// The peer comparison: hand-worked bulletins in two layouts, aliases, 亿美元,
/// a malformed one; ranks, gaps, shares and derived 去年同期 read back.
mod peers;

/// The history store, archive, revisions, manifest and 催报 list.
mod history;

/// A re-run on unchanged files keeps the results; any change recomputes.
mod rerun;

/// kill -9 in the middle of a run leaves every file whole.
mod crash;

/// Each submission opened once per run, its archive copy from the same read.
mod opens;

/// The run's terminal summary with more units than a screen holds.
mod terminal;

/// Randomised drift: generated forms (the detail, the summary alone, both, a
/// summary laid across) read back and compared with the drawn facts; negative
/// controls that must be rejected at the cell.
mod drift;

/// Crafted files that once took the run down: each stays a problem of its
/// file, with the read limits lowered where size is the point.
mod hostile;

/// Mutated bytes of valid forms through the single-file entry point: no
/// panic escapes, every outcome is facts or issues.
mod fuzz;

/// The 通报 as a Word document: sections, tables against 分地区, layout, images.
mod document;

/// `zhaoshang template`: the form read back, its validations and formulas, the round trip.
mod template;

/// Kinds of unit beyond zones and towns: ranks, subtotals and sentences kind by kind.
mod kinds;
