//! The raw submissions, kept exactly as received and named by their SHA-256,
//! so a figure can always be traced to the bytes a unit sent, even after the
//! file in data/ was replaced.
//!
//! They are kept in zip packs, one per month folder and run that brought new
//! files: `archive/2026-10.zip`, then `archive/2026-10.2.zip` for the files
//! of that month first read by a later run. A pack holds each file as
//! `<sha256>.xlsx`, stored as received (no compression), and a `SHA256SUMS`
//! that `sha256sum -c` checks once the pack is unzipped. A file whose hash
//! the archive holds already, in any pack (or as a loose `<sha256>.xlsx` of
//! an older store), is not written again.
//!
//! Packs, not one file per submission: a province's 22,000 submissions
//! would be 22,000 files to create and flush, which cost a fresh run more
//! than reading them (issue 14), and a folder no one can open in Explorer.
//!
//! A submission is archived from the bytes the run read it from (the file is
//! not opened again). While the run reads, new files are appended to one
//! spool file in the order they are read (memory stays flat); at the end each
//! month's pack is written from the spool with its files in hash order (the
//! same inputs give the same pack) into the run's [`Batch`], made durable
//! with the rest of the store. A run killed before its commit leaves only
//! `.part` files, swept by the next run.

use super::Store;
use crate::foundation::atomic::{Batch, PART};
use crate::foundation::model::YearMonth;
use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use zip::write::PreparedZipFile;

/// The checksum list inside each pack, in `sha256sum` format.
pub const SUMS: &str = "SHA256SUMS";

/// The pack of files that came from no month folder.
const NO_MONTH: &str = "files";

struct Spooled {
    place: (String, String),
    at: u64,
    len: usize,
}

/// The archive of one run, taking submissions from many threads as they are read.
pub struct Archiver<'a> {
    dir: PathBuf,
    batch: &'a Batch,
    /// Hashes the archive held when the run began.
    held: BTreeSet<String>,
    spool: Mutex<Spool>,
}

/// This run's new files, their bytes in one file in the order read.
#[derive(Default)]
struct Spool {
    /// Written through a buffer: one system call per megabyte, not per file.
    file: Option<BufWriter<File>>,
    end: u64,
    /// Hash → the pack stem and entry name it goes to, and where its bytes
    /// are in the spool. A file sent twice is spooled once and goes to the
    /// first of its places in order (whichever thread read it first).
    entries: BTreeMap<String, Spooled>,
    /// The first write that failed; the run stops on it.
    failed: Option<anyhow::Error>,
}

impl Store {
    fn archive_dir(&self) -> PathBuf {
        self.dir.join("archive")
    }

    /// The run's archive, staging into `batch`.
    ///
    /// # Errors
    ///
    /// When the archive's folder cannot be made or listed.
    pub fn archiver<'a>(&'a self, batch: &'a Batch) -> Result<Archiver<'a>> {
        let dir = self.archive_dir();
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("无法创建存档目录 {}", dir.display()))?;
        let held = archived_hashes(&dir)?;
        Ok(Archiver {
            dir,
            batch,
            held,
            spool: Mutex::new(Spool::default()),
        })
    }
}

/// The hashes held by the packs and loose files of an archive folder. A pack
/// that cannot be read holds nothing: its files are archived again.
fn archived_hashes(dir: &Path) -> Result<BTreeSet<String>> {
    let mut held = BTreeSet::new();
    let listing =
        std::fs::read_dir(dir).with_context(|| format!("读取存档目录 {} 失败", dir.display()))?;
    for entry in listing {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.ends_with(PART) {
            continue;
        }
        if name.ends_with(".zip") {
            let names = File::open(&path)
                .ok()
                .and_then(|f| zip::ZipArchive::new(f).ok())
                .map(|zip| {
                    (zip.file_names())
                        .filter_map(|n| Some(n.ok()?.into_owned()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            held.extend(names.iter().filter_map(|n| hash_of(n)));
        } else if let Some(hash) = hash_of(name) {
            held.insert(hash);
        }
    }
    Ok(held)
}

/// `<sha256>.xlsx` → the hash; `None` for any other name.
fn hash_of(name: &str) -> Option<String> {
    let (stem, _) = name.split_once('.')?;
    (stem.len() == 64 && stem.bytes().all(|b| b.is_ascii_hexdigit())).then(|| stem.to_string())
}

impl Archiver<'_> {
    /// Spools the bytes of `original`, from the folder of `month`, unless the
    /// archive holds them already.
    pub fn keep(&self, month: Option<YearMonth>, original: &Path, sha256: &str, bytes: &[u8]) {
        if self.held.contains(sha256) {
            return;
        }
        let ext = original
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin")
            .to_ascii_lowercase();
        let pack = month.map_or_else(|| NO_MONTH.to_string(), |m| m.to_string());
        let place = (pack, format!("{sha256}.{ext}"));
        let mut spool = self.spool.lock().unwrap_or_else(|p| p.into_inner());
        if spool.failed.is_some() {
            return;
        }
        if let Some(spooled) = spool.entries.get_mut(sha256) {
            spooled.place = spooled.place.clone().min(place);
            return;
        }
        if let Err(e) = spool.append(&self.dir, sha256, place, bytes) {
            spool.failed = Some(e);
        }
    }

    /// Stages one pack per month that has new files, each file in hash order
    /// with the pack's `SHA256SUMS`, and removes the spool.
    ///
    /// # Errors
    ///
    /// When a submission could not be spooled or a pack cannot be staged.
    pub fn finish(self) -> Result<()> {
        let spool = self.spool.into_inner().unwrap_or_else(|p| p.into_inner());
        let staged = stage_packs(&self.dir, self.batch, spool);
        let _ = std::fs::remove_file(spool_path(&self.dir));
        staged.context("存档报表失败")
    }
}

fn stage_packs(dir: &Path, batch: &Batch, spool: Spool) -> Result<()> {
    if let Some(e) = spool.failed {
        return Err(e);
    }
    let Some(file) = spool.file else {
        return Ok(());
    };
    let mut file = (file.into_inner().map_err(|e| e.into_error()))
        .with_context(|| format!("写入 {} 失败", spool_path(dir).display()))?;
    let mut packs: BTreeMap<&str, Vec<(&str, u64, usize)>> = BTreeMap::new();
    for spooled in spool.entries.values() {
        let (pack, name) = &spooled.place;
        (packs.entry(pack).or_default()).push((name, spooled.at, spooled.len));
    }
    for (stem, files) in packs {
        let path = free_pack_name(dir, stem);
        batch.stage_with(&path, |out| write_pack(out, &mut file, &files))?;
    }
    Ok(())
}

/// `2026-10.zip`, or `2026-10.N.zip` with the first N from 2 not taken.
fn free_pack_name(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.zip"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem}.{n}.zip")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A pack: the files, stored as they are, in the order given, then their
/// checksum list. Each entry goes in with its checksum and size worked out
/// beforehand, so its header is written once and the pack from start to
/// end (see [`Sequential`]).
fn write_pack(out: &mut File, spool: &mut File, files: &[(&str, u64, usize)]) -> Result<()> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    let entry = |name: &str, bytes: &[u8]| PreparedZipFile::from_data(name, options, bytes);
    let mut zip = zip::ZipWriter::new(Sequential::new(BufWriter::with_capacity(1 << 20, out)));
    let mut sums = String::new();
    let mut bytes = Vec::new();
    for &(name, at, len) in files {
        bytes.resize(len, 0);
        spool.seek(SeekFrom::Start(at))?;
        spool.read_exact(&mut bytes)?;
        zip.add_prepared_file(entry(name, &bytes)?)?;
        let hash = name.split_once('.').map_or(name, |(h, _)| h);
        writeln!(sums, "{hash}  {name}")?;
    }
    zip.add_prepared_file(entry(SUMS, sums.as_bytes())?)?;
    zip.finish()?.into_inner().flush()?;
    Ok(())
}

/// A new file written from start to end that counts where it stands: the
/// zip writer asks that before each entry and at the end, which through a
/// `BufWriter` would empty the buffer and ask the system each time. Only the
/// place it stands at can be sought; the zip writer seeks elsewhere only to
/// mend a header written before its entry's size was known, which a prepared
/// entry's never is, and would get an error rather than a wrong pack.
struct Sequential<W> {
    inner: W,
    at: u64,
}

impl<W: Write> Sequential<W> {
    fn new(inner: W) -> Self {
        Sequential { inner, at: 0 }
    }

    fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for Sequential<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.at += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Seek for Sequential<W> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        match to {
            SeekFrom::Current(0) | SeekFrom::End(0) => Ok(self.at),
            SeekFrom::Start(at) if at == self.at => Ok(self.at),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "存档包只能从头到尾依次写入",
            )),
        }
    }
}

fn spool_path(dir: &Path) -> PathBuf {
    dir.join(format!(".spool{PART}"))
}

impl Spool {
    fn append(
        &mut self,
        dir: &Path,
        sha256: &str,
        place: (String, String),
        bytes: &[u8],
    ) -> Result<()> {
        if self.file.is_none() {
            let path = spool_path(dir);
            let file = File::options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(&path)
                .with_context(|| format!("写入 {} 失败", path.display()))?;
            self.file = Some(BufWriter::with_capacity(1 << 20, file));
        }
        if let Some(file) = self.file.as_mut() {
            file.write_all(bytes)
                .with_context(|| format!("写入 {} 失败", spool_path(dir).display()))?;
        }
        let spooled = Spooled {
            place,
            at: self.end,
            len: bytes.len(),
        };
        self.entries.insert(sha256.to_string(), spooled);
        self.end += bytes.len() as u64;
        Ok(())
    }
}

/// Every file an archive folder holds, by hash, read back from its packs and
/// loose files, each pack's `SHA256SUMS` checked against its files.
///
/// # Errors
///
/// When a pack cannot be read, or a file's bytes do not have the hash it is
/// named by or its pack's checksum list gives.
pub fn read_archive(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| Ok(e?.path()))
        .collect::<std::io::Result<_>>()?;
    names.sort();
    for path in names {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(File::open(&path)?)?;
            let mut sums = String::new();
            let mut pack = BTreeMap::new();
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i)?;
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes)?;
                let entry_name = entry.name()?.into_owned();
                if entry_name == SUMS {
                    sums = String::from_utf8(bytes)?;
                } else {
                    pack.insert(entry_name, bytes);
                }
            }
            let listed: BTreeSet<(String, String)> = (sums.lines())
                .filter_map(|l| l.split_once("  "))
                .map(|(h, n)| (h.to_string(), n.to_string()))
                .collect();
            for (entry, bytes) in pack {
                let hash = crate::foundation::hash::bytes_sha256(&bytes);
                anyhow::ensure!(
                    hash_of(&entry).as_deref() == Some(hash.as_str())
                        && listed.contains(&(hash.clone(), entry.clone())),
                    "{name}: {entry} 的 SHA-256 与其名称或 {SUMS} 不符"
                );
                files.insert(hash, bytes);
            }
        } else if let Some(hash) = hash_of(name) {
            files.insert(hash, std::fs::read(&path)?);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_is_written_from_start_to_end() {
        let mut out = Sequential::new(Vec::new());
        out.write_all(b"PK").unwrap();
        assert_eq!(out.stream_position().unwrap(), 2);
        out.write_all(b"0123456789").unwrap();
        assert_eq!(out.seek(SeekFrom::End(0)).unwrap(), 12);
        assert_eq!(out.seek(SeekFrom::Start(12)).unwrap(), 12);
        // Going back to mend what is written is refused, not done wrong.
        assert!(out.seek(SeekFrom::Start(0)).is_err());
        assert!(out.seek(SeekFrom::Current(-2)).is_err());
        assert_eq!(out.into_inner(), b"PK0123456789");
    }

    fn ym(year: i32, month: u32) -> Option<YearMonth> {
        Some(YearMonth { year, month })
    }

    fn sha(bytes: &[u8]) -> String {
        crate::foundation::hash::bytes_sha256(bytes)
    }

    /// Keeps `files` (month, name, bytes) in the given order, commits, and
    /// returns the names in the archive's folder.
    fn archive(store: &Store, files: &[(Option<YearMonth>, &str, &[u8])]) -> Vec<String> {
        let batch = Batch::new();
        let archiver = store.archiver(&batch).unwrap();
        for (month, name, bytes) in files {
            archiver.keep(*month, Path::new(name), &sha(bytes), bytes);
        }
        archiver.finish().unwrap();
        batch.commit().unwrap();
        let mut names: Vec<String> = std::fs::read_dir(store.dir.join("archive"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    fn entries(path: &Path) -> Vec<String> {
        let zip = zip::ZipArchive::new(File::open(path).unwrap()).unwrap();
        zip.file_names().map(|n| n.unwrap().into_owned()).collect()
    }

    #[test]
    fn each_file_once_in_its_months_pack_in_hash_order_with_its_sums() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        let (a, b, c): (&[u8], &[u8], &[u8]) = (b"jia-september", b"yi-september", b"jia-october");
        let packs = archive(
            &store,
            &[
                (ym(2026, 9), "甲镇.xlsx", a),
                (ym(2026, 10), "甲镇.XLS", c),
                (ym(2026, 9), "乙镇.xlsx", b),
                // The same bytes again, from another name: kept once.
                (ym(2026, 9), "甲镇(1).xlsx", a),
            ],
        );
        assert_eq!(packs, ["2026-09.zip", "2026-10.zip"]);
        let dir = store.dir.join("archive");
        let mut september = vec![format!("{}.xlsx", sha(a)), format!("{}.xlsx", sha(b))];
        september.sort();
        september.push(SUMS.to_string());
        assert_eq!(entries(&dir.join("2026-09.zip")), september);
        assert_eq!(
            entries(&dir.join("2026-10.zip")),
            [format!("{}.xls", sha(c)), SUMS.to_string()]
        );
        let held = read_archive(&dir).unwrap();
        let expected: BTreeMap<String, Vec<u8>> =
            [a, b, c].iter().map(|x| (sha(x), x.to_vec())).collect();
        assert_eq!(held, expected);
    }

    #[test]
    fn a_later_run_adds_only_new_files_in_a_new_pack_and_rewrites_none() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        let (a, b): (&[u8], &[u8]) = (b"first version", b"corrected version");
        archive(&store, &[(ym(2026, 10), "甲镇.xlsx", a)]);
        let first = std::fs::read(store.dir.join("archive/2026-10.zip")).unwrap();
        // Unchanged inputs: nothing new, no pack.
        assert_eq!(
            archive(&store, &[(ym(2026, 10), "甲镇.xlsx", a)]),
            ["2026-10.zip"]
        );
        // A corrected file, and the old bytes sent again for November.
        let packs = archive(
            &store,
            &[
                (ym(2026, 10), "甲镇.xlsx", b),
                (ym(2026, 11), "甲镇.xlsx", a),
            ],
        );
        assert_eq!(packs, ["2026-10.2.zip", "2026-10.zip"]);
        assert_eq!(
            std::fs::read(store.dir.join("archive/2026-10.zip")).unwrap(),
            first
        );
        assert_eq!(
            entries(&store.dir.join("archive/2026-10.2.zip")),
            [format!("{}.xlsx", sha(b)), SUMS.to_string()]
        );
        assert_eq!(read_archive(&store.dir.join("archive")).unwrap().len(), 2);
    }

    #[test]
    fn the_same_files_in_any_order_give_the_same_packs() {
        let files: Vec<(Option<YearMonth>, String, Vec<u8>)> = (0..40u32)
            .map(|i| {
                let bytes = format!("bytes {}", i % 31).into_bytes();
                (ym(2026, 1 + i % 3), format!("单位{i}.xlsx"), bytes)
            })
            .collect();
        let packs_of = |order: &[usize]| {
            let tmp = tempfile::tempdir().unwrap();
            let store = Store::open(tmp.path()).unwrap();
            let list: Vec<(Option<YearMonth>, &str, &[u8])> = (order.iter())
                .map(|&i| (files[i].0, files[i].1.as_str(), files[i].2.as_slice()))
                .collect();
            let names = archive(&store, &list);
            let read = |n: &String| std::fs::read(store.dir.join("archive").join(n)).unwrap();
            names
                .iter()
                .map(|n| (n.clone(), read(n)))
                .collect::<Vec<_>>()
        };
        let forward: Vec<usize> = (0..files.len()).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let packs = packs_of(&forward);
        assert_eq!(packs.len(), 3);
        // Bytes sent in two months go to the first month's pack either way.
        assert!(packs == packs_of(&backward));
    }

    #[test]
    fn nothing_is_in_place_before_the_commit_and_a_dropped_run_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        let batch = Batch::new();
        let archiver = store.archiver(&batch).unwrap();
        archiver.keep(ym(2026, 10), Path::new("甲镇.xlsx"), &sha(b"x"), b"x");
        archiver.finish().unwrap();
        drop(batch);
        let left: Vec<_> = std::fs::read_dir(store.dir.join("archive"))
            .unwrap()
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn loose_files_of_an_older_store_count_as_archived() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        let dir = store.dir.join("archive");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{}.xlsx", sha(b"old"))), b"old").unwrap();
        let packs = archive(&store, &[(ym(2026, 10), "甲镇.xlsx", b"old")]);
        assert_eq!(packs, [format!("{}.xlsx", sha(b"old"))]);
        assert_eq!(read_archive(&dir).unwrap().len(), 1);
    }
}
