//! How a run takes a submission in: the file opened once, through an
//! [`Open`] (a test counts the opens with its own), and its bytes handed, as
//! read, to whatever keeps them (the run's archive), so nothing opens the
//! file a second time (issue 14).

use super::package::FileBytes;
use super::SubmissionFile;
use std::fs::File;
use std::io;
use std::path::Path;

/// Opens a submission for reading.
pub trait Open: Sync {
    /// # Errors
    ///
    /// As [`File::open`].
    fn open(&self, path: &Path) -> io::Result<File>;
}

/// The files on disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl Open for Disk {
    fn open(&self, path: &Path) -> io::Result<File> {
        File::open(path)
    }
}

/// Given each file's bytes as soon as they are read (the run's archive).
pub type Keep<'a> = &'a (dyn Fn(&SubmissionFile, &FileBytes) + Sync);

/// How the files of a run are opened and who keeps their bytes.
#[derive(Clone, Copy)]
pub struct Intake<'a> {
    pub open: &'a dyn Open,
    /// `None` for `check` and `status`, which keep nothing.
    pub keep: Option<Keep<'a>>,
}

impl Intake<'static> {
    /// Files on disk, bytes kept by nobody.
    pub fn disk() -> Intake<'static> {
        Intake {
            open: &Disk,
            keep: None,
        }
    }
}
