//! An .xlsx's parts that two readers take (calamine for the cells, sheet_xml
//! for the hidden rows and merged blocks) inflated once: a copy of the
//! package in memory with those parts stored as they inflate, every other
//! part copied as it is. Both readers then read the copy, so no part is
//! inflated twice; what they find is the same, as each part's bytes are.

use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The most the copy holds inflated, all parts together (a form's sheets
/// are tens of kilobytes; one of 2,000 project rows about 2 MB). Parts past
/// it are copied as they are and inflated by each reader in turn, as before,
/// so a reading thread never holds more than this beside the file's bytes.
const MOST_HELD: u64 = 16 << 20;

/// The package in `bytes` with its workbook, the workbook's relationships and
/// its worksheets stored inflated; `None` when it cannot be copied so (two
/// parts of one name, a part under a zip password…), and the readers take
/// the bytes as they are.
pub fn with_sheets_inflated(bytes: &[u8]) -> Option<Vec<u8>> {
    copy_holding(bytes, MOST_HELD)
}

/// [`with_sheets_inflated`], holding at most `most_held` bytes inflated.
fn copy_holding(bytes: &[u8], most_held: u64) -> Option<Vec<u8>> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
    // Which of two parts of one name a reader takes is its own choice: such
    // a package is read as it is.
    if zip.has_duplicate_names() {
        return None;
    }
    let mut plan = Vec::with_capacity(zip.len());
    let mut held: u64 = 0;
    for i in 0..zip.len() {
        let raw = zip.by_index_raw(i).ok()?;
        // A part under a zip password is copied with its marker only for
        // AES: the readers must meet it as it is.
        if raw.encrypted() {
            return None;
        }
        let name = raw.name().ok()?.to_string();
        let inflate = read_twice(&name)
            && raw.compression() != CompressionMethod::Stored
            && !raw.is_dir()
            && held.saturating_add(raw.size()) <= most_held;
        if inflate {
            held += raw.size();
        }
        plan.push((name, inflate));
    }
    // The parts' headers and names come on top of the bytes and what is held.
    let room = bytes.len() as u64 + held + 256 * plan.len() as u64;
    let mut copy = ZipWriter::new(Cursor::new(Vec::with_capacity(room as usize)));
    let mut part = Vec::new();
    for (i, (name, inflate)) in plan.into_iter().enumerate() {
        if inflate && inflated(&mut zip, i, &mut part) {
            let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
            copy.start_file(name.as_str(), stored).ok()?;
            copy.write_all(&part).ok()?;
        } else {
            copy.raw_copy_file(zip.by_index_raw(i).ok()?).ok()?;
        }
    }
    Some(copy.finish().ok()?.into_inner())
}

/// Part `i` of `zip` inflated into `part`; false when it does not inflate
/// whole to its stated size with its stated checksum: it is then copied as
/// it is, and each reader meets what is wrong with it as before.
fn inflated<R: Read + std::io::Seek>(
    zip: &mut ZipArchive<R>,
    i: usize,
    part: &mut Vec<u8>,
) -> bool {
    part.clear();
    let Ok(file) = zip.by_index(i) else {
        return false;
    };
    let size = file.size();
    part.reserve(size as usize);
    // One byte past the stated size is read, so a part that inflates longer
    // is told from one that fits.
    matches!(file.take(size + 1).read_to_end(part), Ok(n) if n as u64 == size)
}

/// The parts both readers open: `xl/workbook.xml`, its relationships, and
/// the worksheets where every writer puts them. A worksheet kept elsewhere
/// is read from the package as it is, only inflated twice.
fn read_twice(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "xl/workbook.xml"
        || lower == "xl/_rels/workbook.xml.rels"
        || (lower.starts_with("xl/worksheets/") && lower.ends_with(".xml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(parts: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, method) in parts {
            let options = SimpleFileOptions::default().compression_method(*method);
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn parts(bytes: &[u8]) -> Vec<(String, CompressionMethod, Vec<u8>)> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index(i).unwrap();
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap();
                (file.name().unwrap().to_string(), file.compression(), data)
            })
            .collect()
    }

    #[test]
    fn the_parts_read_twice_are_stored_the_rest_copied() {
        let sheet = "<worksheet><sheetData/></worksheet>".repeat(50);
        let deflated = CompressionMethod::Deflated;
        let original = package(&[
            ("[Content_Types].xml", b"<Types/>", deflated),
            ("xl/workbook.xml", b"<workbook/>", deflated),
            ("xl/_rels/workbook.xml.rels", b"<Relationships/>", deflated),
            ("xl/styles.xml", b"<styleSheet/>", deflated),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes(), deflated),
            ("XL/Worksheets/Sheet2.XML", b"<worksheet/>", deflated),
            ("xl/worksheets/_rels/sheet1.xml.rels", b"<R/>", deflated),
        ]);
        let copy = with_sheets_inflated(&original).unwrap();
        let (before, after) = (parts(&original), parts(&copy));
        assert_eq!(before.len(), after.len());
        for ((name, _, data), (name_after, method, data_after)) in before.iter().zip(&after) {
            assert_eq!(name, name_after, "same parts in the same order");
            assert_eq!(data, data_after, "{name}: same bytes");
            let stored = matches!(
                name.as_str(),
                "xl/workbook.xml"
                    | "xl/_rels/workbook.xml.rels"
                    | "xl/worksheets/sheet1.xml"
                    | "XL/Worksheets/Sheet2.XML"
            );
            let expected = if stored {
                CompressionMethod::Stored
            } else {
                deflated
            };
            assert_eq!(*method, expected, "{name}");
        }
    }

    #[test]
    fn a_part_that_does_not_inflate_as_stated_is_copied_as_it_is() {
        let sheet = "<worksheet><sheetData/></worksheet>".repeat(50);
        let mut original = package(&[(
            "xl/worksheets/sheet1.xml",
            sheet.as_bytes(),
            CompressionMethod::Deflated,
        )]);
        // Break the stated checksum in the central directory and the local
        // header: the part still inflates, but not to what the package says.
        let crc = ZipArchive::new(Cursor::new(&original[..]))
            .unwrap()
            .by_index_raw(0)
            .unwrap()
            .crc32();
        let needle = crc.to_le_bytes();
        let at: Vec<usize> = (0..original.len() - 4)
            .filter(|&i| original[i..i + 4] == needle)
            .collect();
        assert_eq!(at.len(), 2, "the checksum is in both headers");
        for i in at {
            original[i] ^= 0xFF;
        }
        let copy = with_sheets_inflated(&original).unwrap();
        let mut zip = ZipArchive::new(Cursor::new(&copy[..])).unwrap();
        let file = zip.by_index_raw(0).unwrap();
        assert_eq!(file.compression(), CompressionMethod::Deflated);
        drop(file);
        let mut data = Vec::new();
        let read = zip.by_index(0).unwrap().read_to_end(&mut data);
        assert!(read.is_err(), "the reader still meets the bad checksum");
    }

    #[test]
    fn past_what_it_may_hold_parts_are_copied_as_they_are() {
        let sheet = "<worksheet><sheetData/></worksheet>".repeat(30);
        let deflated = CompressionMethod::Deflated;
        let original = package(&[
            ("xl/worksheets/sheet1.xml", sheet.as_bytes(), deflated),
            ("xl/worksheets/sheet2.xml", sheet.as_bytes(), deflated),
            ("xl/worksheets/sheet3.xml", sheet.as_bytes(), deflated),
        ]);
        // Room for two sheets inflated, not three.
        let copy = copy_holding(&original, 2 * sheet.len() as u64 + 10).unwrap();
        let methods: Vec<CompressionMethod> = parts(&copy).into_iter().map(|p| p.1).collect();
        let stored = CompressionMethod::Stored;
        assert_eq!(methods, vec![stored, stored, deflated]);
        assert_eq!(parts(&copy), {
            let mut expected = parts(&original);
            expected[0].1 = stored;
            expected[1].1 = stored;
            expected
        });
    }

    #[test]
    fn a_package_with_a_part_under_a_password_is_read_as_it_is() {
        let mut bytes = package(&[
            (
                "xl/workbook.xml",
                b"<workbook/>",
                CompressionMethod::Deflated,
            ),
            (
                "xl/worksheets/sheet1.xml",
                b"<a/>",
                CompressionMethod::Deflated,
            ),
        ]);
        assert!(with_sheets_inflated(&bytes).is_some());
        // Mark the second part encrypted (general purpose flag, bit 0) in its
        // local header (flag at offset 6) and its central header (offset 8).
        let second = |sig: &[u8]| {
            (0..bytes.len() - 4)
                .filter(|&i| &bytes[i..i + 4] == sig)
                .nth(1)
                .unwrap()
        };
        let (local, central) = (second(b"PK\x03\x04"), second(b"PK\x01\x02"));
        bytes[local + 6] |= 1;
        bytes[central + 8] |= 1;
        let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        assert!(zip.by_index_raw(1).unwrap().encrypted(), "marked");
        drop(zip);
        assert_eq!(with_sheets_inflated(&bytes), None);
    }

    #[test]
    fn two_parts_of_one_name_leave_the_package_as_it_is() {
        let mut bytes = package(&[
            (
                "xl/worksheets/sheet1.xml",
                b"<a/>",
                CompressionMethod::Deflated,
            ),
            (
                "xl/worksheets/sheet2.xml",
                b"<b/>",
                CompressionMethod::Deflated,
            ),
        ]);
        // Rename the second part to the first's name in both headers.
        for i in 0..bytes.len() - 5 {
            if &bytes[i..i + 5] == b"sheet" && bytes[i + 5] == b'2' {
                bytes[i + 5] = b'1';
            }
        }
        assert_eq!(with_sheets_inflated(&bytes), None);
        assert_eq!(with_sheets_inflated(b"not a zip"), None);
    }
}
