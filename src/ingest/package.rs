//! The bytes of one workbook, as the intake read them: told apart by
//! content rather than by name, and for a zip package every part's inflated
//! size checked before any reader inflates it.
//!
//! The sizes checked are those the zip's central directory declares. A file
//! can lie about them, but the zip reader (the one calamine uses) stops with
//! an error as soon as a part inflates past its declared size, so the declared
//! sizes bound what is really inflated (docs/robustness.md).

use crate::foundation::issue::{Issue, Location, Rule};
use crate::foundation::limits::{ReadLimits, MAX_PARTS};
use std::io::Cursor;
use zip::ZipArchive;

/// What the bytes are, whatever the file is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// A zip package: .xlsx, .xlsm, .xlsb or .ods.
    Zip,
    /// An OLE compound file: Excel 97–2003 (.xls), or an .xlsx saved with a
    /// password to open (the encrypted package inside one).
    Cfb,
    Other,
}

/// Tells zip from OLE compound file by the first bytes.
pub fn sniff(bytes: &[u8]) -> Content {
    const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Content::Zip
    } else if bytes.starts_with(&OLE_MAGIC) {
        Content::Cfb
    } else {
        Content::Other
    }
}

/// A zip package opened over a file's bytes.
pub type Zip<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// The workbook format inside a zip package.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackageKind {
    Xlsx,
    Xlsb,
    Ods,
}

pub(super) fn too_large(display_name: &str, raw: String, message: String) -> Box<Issue> {
    Box::new(Issue::new(
        Rule::FileTooLarge,
        Location::file(display_name),
        Some(raw),
        message,
    ))
}

pub(super) fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Checks every part of a zip package against the inflated-size limits and
/// tells which workbook format it holds; the package opened, for the copy
/// of its parts (stored_copy.rs) not to read its directory again.
///
/// # Errors
///
/// [`Rule::FileTooLarge`] naming the part and its size when a part or the
/// whole would inflate past the limits; [`Rule::FileUnreadable`] when the
/// bytes are not a readable zip.
pub fn check_package<'a>(
    bytes: &'a [u8],
    display_name: &str,
    limits: &ReadLimits,
) -> Result<(PackageKind, Zip<'a>), Box<Issue>> {
    let unreadable = |why: String| {
        Box::new(Issue::new(
            Rule::FileUnreadable,
            Location::file(display_name),
            None,
            format!(
                "无法读取该工作簿：文件可能已损坏或不是 Excel/WPS 文件，请另存为 .xlsx 后重新报送（详情：{why}）"
            ),
        ))
    };
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(unreadable(format!(
            "压缩包内有 {} 个部件，超过 {MAX_PARTS} 个，不是正常的工作簿",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    let mut kind = PackageKind::Xlsx;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| unreadable(e.to_string()))?;
        let size = part.size();
        let name = part.name().map_err(|e| unreadable(e.to_string()))?;
        if size > limits.part_bytes() {
            return Err(too_large(
                display_name,
                format!("{name}: {}", mb(size)),
                format!(
                    "工作簿中的部件 {name} 解压后有 {}，超过上限 {} MB（常见原因：工作表中有大量空行或格式）；请删除多余的行、另存后重新报送",
                    mb(size),
                    limits.part_inflated_mb
                ),
            ));
        }
        total = total.saturating_add(size);
        if total > limits.package_bytes() {
            return Err(too_large(
                display_name,
                mb(total),
                format!(
                    "工作簿解压后超过 {} MB 的上限，不像是一个单位一个月的报表；请删除无关的工作表、图片后重新报送",
                    limits.file_inflated_mb
                ),
            ));
        }
        if name.eq_ignore_ascii_case("xl/workbook.bin") {
            kind = PackageKind::Xlsb;
        } else if name == "content.xml" && kind == PackageKind::Xlsx {
            kind = PackageKind::Ods;
        }
    }
    Ok((kind, zip))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn content_is_told_by_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Content::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Content::Cfb
        );
        assert_eq!(sniff(b"<html>"), Content::Other);
        assert_eq!(sniff(b""), Content::Other);
    }

    #[test]
    fn a_part_over_the_limit_is_named() {
        let limits = ReadLimits {
            part_inflated_mb: 1,
            ..ReadLimits::default()
        };
        let big = vec![b'x'; 1_500_000];
        let bytes = package(&[
            ("xl/workbook.xml", b"<w/>"),
            ("xl/worksheets/sheet1.xml", &big),
        ]);
        let issue = check_package(&bytes, "a.xlsx", &limits).unwrap_err();
        assert_eq!(issue.rule, Rule::FileTooLarge);
        assert!(
            issue.message.contains("xl/worksheets/sheet1.xml"),
            "{issue}"
        );
        assert!(issue.message.contains("1.5 MB"), "{issue}");
        let small = package(&[("xl/workbook.xml", b"<w/>")]);
        assert_eq!(
            check_package(&small, "a.xlsx", &limits).unwrap().0,
            PackageKind::Xlsx
        );
        let ods = package(&[("mimetype", b"x"), ("content.xml", b"<c/>")]);
        assert_eq!(
            check_package(&ods, "a.ods", &limits).unwrap().0,
            PackageKind::Ods
        );
    }

    #[test]
    fn the_whole_package_is_bounded_too() {
        let limits = ReadLimits {
            part_inflated_mb: 1,
            file_inflated_mb: 2,
            ..ReadLimits::default()
        };
        let part = vec![b'x'; 900_000];
        let bytes = package(&[("a", &part), ("b", &part), ("c", &part)]);
        let issue = check_package(&bytes, "a.xlsx", &limits).unwrap_err();
        assert!(issue.message.contains("解压后超过 2 MB"), "{issue}");
    }
}
