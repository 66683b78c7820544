//! How much one workbook may cost to read: the `[limits]` table of
//! settings.toml. Every file is held to these before anything is allocated per
//! cell, so no file can take the run down (docs/robustness.md).

use serde::Deserialize;

/// The bounds on reading one workbook. The defaults are far above any month's
/// form (a few hundred rows) and far below what would strain the machine.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct ReadLimits {
    /// The file on disk, in MB.
    pub file_mb: u64,
    /// One part of an .xlsx/.xlsm/.xlsb/.ods package (a zip) once inflated, in MB.
    pub part_inflated_mb: u64,
    /// All parts of a package together once inflated, in MB.
    pub file_inflated_mb: u64,
    /// Non-blank cells on one sheet.
    pub cells_per_sheet: u64,
    /// Rows holding a non-blank cell on one sheet.
    pub rows_per_sheet: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            file_mb: 50,
            part_inflated_mb: 100,
            file_inflated_mb: 300,
            cells_per_sheet: 2_000_000,
            rows_per_sheet: 100_000,
        }
    }
}

/// Parts a package may hold: a workbook has a few dozen.
pub const MAX_PARTS: usize = 10_000;

impl ReadLimits {
    pub fn file_bytes(&self) -> u64 {
        self.file_mb.saturating_mul(1_000_000)
    }

    pub fn part_bytes(&self) -> u64 {
        self.part_inflated_mb.saturating_mul(1_000_000)
    }

    pub fn package_bytes(&self) -> u64 {
        self.file_inflated_mb.saturating_mul(1_000_000)
    }

    /// The first limit that is zero, by its key, for the settings check.
    pub fn zero_key(&self) -> Option<&'static str> {
        [
            ("file_mb", self.file_mb),
            ("part_inflated_mb", self.part_inflated_mb),
            ("file_inflated_mb", self.file_inflated_mb),
            ("cells_per_sheet", self.cells_per_sheet),
            ("rows_per_sheet", self.rows_per_sheet),
        ]
        .into_iter()
        .find(|(_, v)| *v == 0)
        .map(|(k, _)| k)
    }
}
