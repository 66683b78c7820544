//! An .xlsx's parts that two readers take (calamine for the cells, sheet_xml
//! for the hidden rows and merged blocks) inflated once: a copy of the
//! package in memory with those parts stored as they inflate, every other
//! part copied as it is. Both readers then read the copy, so no part is
//! inflated twice; what they find is the same, as each part's bytes are.
//!
//! Two parts calamine reads only to dress cells are lightened in the copy:
//! the styles part is cut to the number formats (styles_part.rs), and the
//! theme, whose colours only those dresses use, is left out. The cells read
//! from the copy are the cells read from the package wherever calamine reads
//! the package; a package refused only for a fault in its fonts, fills,
//! borders or alignments is read from the copy.

use super::package::Zip;
use super::styles_part::number_formats_only;
use flate2::{Crc, Decompress, FlushDecompress, Status};
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::io::{Cursor, Read, Write};
use std::ops::Range;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The most the copy holds inflated, all parts together (a form's sheets
/// are tens of kilobytes; one of 2,000 project rows about 2 MB). Parts past
/// it are copied as they are and inflated by each reader in turn, as before,
/// so a reading thread never holds more than this beside the file's bytes.
const MOST_HELD: u64 = 16 << 20;

/// A copy of a package, and where in it each part stored inflated lies: the
/// hidden-row reader takes those parts as they lie, without opening the copy
/// as a zip again (each is the bytes the zip reader would give of it).
#[derive(Debug, PartialEq, Eq)]
pub struct InflatedCopy {
    pub bytes: Vec<u8>,
    held: BTreeMap<String, Range<usize>>,
}

impl InflatedCopy {
    /// The parts stored inflated, by name.
    pub fn held_parts(&self) -> BTreeMap<&str, &[u8]> {
        (self.held.iter())
            .map(|(name, at)| (name.as_str(), &self.bytes[at.clone()]))
            .collect()
    }
}

/// The package `zip` (opened over a file's bytes by package.rs) with its
/// workbook, the workbook's relationships and its worksheets stored
/// inflated; `None` when it cannot be copied so (two parts of one name, a
/// part under a zip password…), and the readers take the bytes as they are.
pub fn inflated_copy(zip: Zip) -> Option<InflatedCopy> {
    copy_holding(zip, MOST_HELD)
}

/// [`inflated_copy`] of the package in `bytes`.
#[cfg(test)]
pub fn with_sheets_inflated(bytes: &[u8]) -> Option<InflatedCopy> {
    copy_holding(ZipArchive::new(Cursor::new(bytes)).ok()?, MOST_HELD)
}

/// [`inflated_copy`], holding at most `most_held` bytes inflated.
fn copy_holding(mut zip: Zip, most_held: u64) -> Option<InflatedCopy> {
    // The package's own bytes, for the room the copy takes.
    let bytes: &[u8] = zip.clone().into_inner().into_inner();
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
        let mut take = match taken(&name) {
            Take::Stored | Take::StoredAlike if raw.compression() == CompressionMethod::Stored => {
                Take::AsIs
            }
            // A styles part already stored is cut all the same.
            take => take,
        };
        if matches!(take, Take::Stored | Take::StoredAlike | Take::Cut) {
            if raw.is_dir() || held.saturating_add(raw.size()) > most_held {
                take = Take::AsIs;
            } else {
                held += raw.size();
            }
        }
        plan.push((name, take));
    }
    // The parts' headers and names come on top of the bytes and what is held.
    let room = bytes.len() as u64 + held + 256 * plan.len() as u64;
    let mut copy = ZipWriter::new(Cursor::new(Vec::with_capacity(room as usize)));
    let (mut part, mut packed) = (Vec::new(), Vec::new());
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut places = BTreeMap::new();
    for (i, (name, take)) in plan.into_iter().enumerate() {
        let whole = match take {
            Take::LeftOut => continue,
            Take::Cut | Take::StoredAlike => {
                as_lately(&mut zip, i, &mut part, &mut packed, take == Take::Cut)
            }
            Take::Stored => inflated(&mut zip, i, &mut part, &mut packed),
            Take::AsIs => false,
        };
        if !whole {
            copy.raw_copy_file(zip.by_index_raw(i).ok()?).ok()?;
            continue;
        }
        copy.start_file(name.as_str(), stored).ok()?;
        copy.write_all(&part).ok()?;
        // A part stored whole is written straight through: it ends where the
        // copy stands now. (The styles part, cut, is calamine's alone.)
        if take != Take::Cut {
            let end = usize::try_from(copy.get_ref()?.position()).ok()?;
            places.insert(name, end.checked_sub(part.len())?..end);
        }
    }
    let bytes = copy.finish().ok()?.into_inner();
    Some(InflatedCopy {
        bytes,
        held: places,
    })
}

thread_local! {
    /// One inflater per reading thread, reset for each part: making one
    /// (its 32 KB window and tables) costs more than inflating a form's part.
    static INFLATER: RefCell<Decompress> = RefCell::new(Decompress::new(false));
    /// The parts alike in a template's forms this reading thread stored
    /// lately (see [`as_lately`]).
    static RECENT_PARTS: RefCell<VecDeque<RecentPart>> = const { RefCell::new(VecDeque::new()) };
}

/// How many parts a reading thread remembers, and the most a part may weigh
/// packed, and as stored, to be remembered: the forms of one template share
/// four such parts (relationships twice, the workbook, the styles), a
/// template or two come in turn, and a part is a few kilobytes (a crafted
/// one that inflates to megabytes is not kept).
const RECENT_PART_COUNT: usize = 8;
const MOST_PACKED_REMEMBERED: usize = 64 << 10;
const MOST_STORED_REMEMBERED: usize = 256 << 10;

/// A part as it was packed (its bytes, and the size and checksum the
/// package states for them), whether it was cut, and what the copy stored
/// of it.
struct RecentPart {
    cut: bool,
    packed: Vec<u8>,
    size: u64,
    crc: u32,
    stored: Vec<u8>,
}

/// Forgets the parts this thread stored lately (after reading: peak memory).
pub fn forget_recent_parts() {
    RECENT_PARTS.take();
}

/// Part `i` of `zip` as the copy stores it, in `part`: inflated, and cut to
/// its number formats when `cut` (whole where the cut meets an error);
/// false when it does not inflate as stated, and it is copied as it is.
///
/// A part packed to the same bytes, with the same stated size and
/// checksum, as one this thread stored lately is not inflated (nor cut)
/// again: it inflates to the same bytes, so what is stored is the same.
fn as_lately<R: Read + std::io::Seek>(
    zip: &mut ZipArchive<R>,
    i: usize,
    part: &mut Vec<u8>,
    packed: &mut Vec<u8>,
    cut: bool,
) -> bool {
    let deflated_packed = zip.by_index_raw(i).ok().and_then(|mut raw| {
        packed.clear();
        let stated = (raw.size(), raw.crc32());
        let deflated = raw.compression() == CompressionMethod::Deflated;
        (deflated && raw.read_to_end(packed).is_ok()).then_some(stated)
    });
    let Some((size, crc)) = deflated_packed else {
        // Stored or packed another way (rare): the zip reader's, each time.
        return inflated(zip, i, part, packed) && {
            if cut {
                cut_in_place(part);
            }
            true
        };
    };
    let seen =
        |c: &RecentPart| c.cut == cut && c.size == size && c.crc == crc && c.packed == *packed;
    let remembered = RECENT_PARTS.with_borrow(|parts| {
        parts.iter().find(|c| seen(c)).map(|c| {
            part.clear();
            part.extend_from_slice(&c.stored);
        })
    });
    if remembered.is_some() {
        return true;
    }
    if !inflate_packed(packed, size, crc, part) {
        return false;
    }
    if cut {
        cut_in_place(part);
    }
    if packed.len() <= MOST_PACKED_REMEMBERED && part.len() <= MOST_STORED_REMEMBERED {
        RECENT_PARTS.with_borrow_mut(|parts| {
            if parts.len() == RECENT_PART_COUNT {
                parts.pop_back();
            }
            parts.push_front(RecentPart {
                cut,
                packed: packed.clone(),
                size,
                crc,
                stored: part.clone(),
            });
        });
    }
    true
}

/// `part` cut to its number formats, or left whole where the cut meets an error.
fn cut_in_place(part: &mut Vec<u8>) {
    #[cfg(test)]
    tests::CUTS_MADE.set(tests::CUTS_MADE.get() + 1);
    if let Some(cut) = number_formats_only(part) {
        *part = cut;
    }
}

/// Part `i` of `zip` inflated into `part` (`packed` holds its deflated
/// bytes on the way); false when it does not inflate whole to its stated
/// size with its stated checksum: it is then copied as it is, and each
/// reader meets what is wrong with it as before.
fn inflated<R: Read + std::io::Seek>(
    zip: &mut ZipArchive<R>,
    i: usize,
    part: &mut Vec<u8>,
    packed: &mut Vec<u8>,
) -> bool {
    part.clear();
    let Ok(mut raw) = zip.by_index_raw(i) else {
        return false;
    };
    let (size, crc) = (raw.size(), raw.crc32());
    if raw.compression() == CompressionMethod::Deflated {
        packed.clear();
        return raw.read_to_end(packed).is_ok() && inflate_packed(packed, size, crc, part);
    }
    // Stored (a styles part to cut), or another method: the zip reader's,
    // one byte past the stated size, so a part that reads longer is told.
    drop(raw);
    let Ok(file) = zip.by_index(i) else {
        return false;
    };
    let read = file.take(size.saturating_add(1)).read_to_end(part);
    matches!(read, Ok(n) if n as u64 == size) && sums_to(part, crc)
}

/// The deflated bytes `packed` inflated into `part` with the thread's
/// inflater; false when they do not inflate whole to `size` bytes with
/// checksum `crc`.
fn inflate_packed(packed: &[u8], size: u64, crc: u32, part: &mut Vec<u8>) -> bool {
    #[cfg(test)]
    tests::INFLATED.set(tests::INFLATED.get() + 1);
    part.clear();
    let Ok(room) = usize::try_from(size.saturating_add(1)) else {
        return false;
    };
    // Room for one byte past the stated size, so a part that inflates
    // longer is told from one that fits.
    part.reserve(room);
    let whole = INFLATER.with_borrow_mut(|inflater| {
        inflater.reset(false);
        let done = inflater.decompress_vec(packed, part, FlushDecompress::Finish);
        matches!(done, Ok(Status::StreamEnd)) && part.len() as u64 == size
    });
    whole && sums_to(part, crc)
}

fn sums_to(part: &[u8], crc: u32) -> bool {
    let mut sum = Crc::new();
    sum.update(part);
    sum.sum() == crc
}

/// What the copy does with a part.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Take {
    /// Inflated (with the thread's one inflater) and stored.
    Stored,
    /// Stored, and alike in the forms of one template: taken as stored
    /// lately where it was packed to the same bytes (see [`as_lately`]).
    StoredAlike,
    /// Inflated, cut to the number formats and stored: the styles part,
    /// taken as lately as `StoredAlike` is.
    Cut,
    /// Not in the copy: the theme, read only for the styles' colours.
    LeftOut,
    /// Copied as it is.
    AsIs,
}

/// What becomes of the part named `name`. Stored are the parts both readers
/// open (`xl/workbook.xml`, its relationships, and the worksheets where every
/// writer puts them; a worksheet kept elsewhere is read as it is, only
/// inflated twice) and the package's relationships and shared strings, which
/// calamine alone reads but would inflate with an inflater made for each; of
/// them, the workbook and the relationships are alike in the forms of one
/// template, the worksheets and shared strings hold each form's own. The
/// styles part and the theme are matched as calamine finds them (any case,
/// `\` for `/`); the other parts by their name in any case.
fn taken(name: &str) -> Take {
    let lower = name.to_ascii_lowercase();
    match lower.replace('\\', "/").as_str() {
        "xl/styles.xml" => return Take::Cut,
        "xl/theme/theme1.xml" => return Take::LeftOut,
        _ => {}
    }
    if lower == "xl/workbook.xml" || lower == "xl/_rels/workbook.xml.rels" || lower == "_rels/.rels"
    {
        Take::StoredAlike
    } else if lower == "xl/sharedstrings.xml"
        || (lower.starts_with("xl/worksheets/") && lower.ends_with(".xml"))
    {
        Take::Stored
    } else {
        Take::AsIs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// How many styles parts this thread has cut, and how many parts
        /// it has inflated with its inflater.
        pub(super) static CUTS_MADE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        pub(super) static INFLATED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    fn package(parts: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, method) in parts {
            let options = SimpleFileOptions::default().compression_method(*method);
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// Each part's name, method and bytes, inflated.
    fn parts(bytes: &[u8]) -> Vec<(String, CompressionMethod, Vec<u8>)> {
        parts_read(bytes, false)
    }

    /// Each part's name, method and bytes as they stand in the package.
    fn copy_parts_raw(bytes: &[u8]) -> Vec<(String, CompressionMethod, Vec<u8>)> {
        parts_read(bytes, true)
    }

    fn parts_read(bytes: &[u8], raw: bool) -> Vec<(String, CompressionMethod, Vec<u8>)> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut file = if raw {
                    zip.by_index_raw(i).unwrap()
                } else {
                    zip.by_index(i).unwrap()
                };
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap();
                (file.name().unwrap().to_string(), file.compression(), data)
            })
            .collect()
    }

    /// The parts held are those the zip reader gives of the copy, and the
    /// hidden rows, columns and merged blocks read from them are the ones
    /// read from the package itself (known from how it was made).
    #[test]
    fn the_parts_held_lie_in_the_copy_as_the_zip_reader_gives_them() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet().set_name("甲镇").unwrap();
        sheet
            .merge_range(0, 0, 0, 2, "招商引资情况表", &Default::default())
            .unwrap();
        for row in 1..6 {
            sheet.write(row, 0, "合同外资").unwrap();
            sheet.write(row, 1, f64::from(row)).unwrap();
        }
        sheet.set_row_hidden(3).unwrap();
        sheet.set_column_hidden(1).unwrap();
        workbook.add_worksheet().write(0, 0, "说明").unwrap();
        let original = workbook.save_to_buffer().unwrap();

        let copy = with_sheets_inflated(&original).unwrap();
        let held = copy.held_parts();
        let names: Vec<&str> = held.keys().copied().collect();
        assert_eq!(
            names,
            [
                "_rels/.rels",
                "xl/_rels/workbook.xml.rels",
                "xl/sharedStrings.xml",
                "xl/workbook.xml",
                "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet2.xml",
            ]
        );
        for (name, _, data) in parts(&copy.bytes) {
            if let Some(part) = held.get(name.as_str()) {
                assert_eq!(*part, data.as_slice(), "{name}");
            }
        }
        let limits = crate::foundation::limits::ReadLimits::default();
        let read = super::super::sheet_xml::hidden_and_merged_held(&copy.bytes, &held, &limits);
        assert_eq!(
            read,
            super::super::sheet_xml::hidden_and_merged(&original, &limits)
        );
        let first = &read["甲镇"];
        assert_eq!(first.hidden.rows, std::collections::BTreeSet::from([3]));
        assert!(first.hidden.col(1) && !first.hidden.col(0) && !first.hidden.col(2));
        assert_eq!(first.merges, [((0, 0), (0, 2))]);
        assert!(!read.contains_key("Sheet2"));
    }

    #[test]
    fn the_parts_read_twice_are_stored_the_rest_copied() {
        let sheet = "<worksheet><sheetData/></worksheet>".repeat(50);
        let styles = concat!(
            r#"<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy"/></numFmts>"#,
            r#"<fonts><font><b/></font></fonts><cellXfs><xf numFmtId="176" fontId="0"><alignment/></xf></cellXfs></styleSheet>"#
        );
        let deflated = CompressionMethod::Deflated;
        let original = package(&[
            ("[Content_Types].xml", b"<Types/>", deflated),
            ("xl/workbook.xml", b"<workbook/>", deflated),
            ("xl/_rels/workbook.xml.rels", b"<Relationships/>", deflated),
            ("xl/theme/theme1.xml", b"<a:theme/>", deflated),
            ("xl/styles.xml", styles.as_bytes(), deflated),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes(), deflated),
            ("XL/Worksheets/Sheet2.XML", b"<worksheet/>", deflated),
            ("xl/worksheets/_rels/sheet1.xml.rels", b"<R/>", deflated),
        ]);
        let copy = with_sheets_inflated(&original).unwrap().bytes;
        let (before, after) = (parts(&original), parts(&copy));
        // The theme is left out, the styles cut; every other part the same
        // bytes in the same order.
        let expected: Vec<(String, CompressionMethod, Vec<u8>)> = before
            .into_iter()
            .filter(|(name, _, _)| name != "xl/theme/theme1.xml")
            .map(|(name, method, data)| {
                let stored = matches!(
                    name.as_str(),
                    "xl/workbook.xml"
                        | "xl/_rels/workbook.xml.rels"
                        | "xl/styles.xml"
                        | "xl/worksheets/sheet1.xml"
                        | "XL/Worksheets/Sheet2.XML"
                );
                let data = if name == "xl/styles.xml" {
                    concat!(
                        r#"<z><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy"/></numFmts>"#,
                        r#"<cellXfs><xf numFmtId="176" fontId="0"></xf></cellXfs></styleSheet>"#
                    )
                    .as_bytes()
                    .to_vec()
                } else {
                    data
                };
                let method = if stored {
                    CompressionMethod::Stored
                } else {
                    method
                };
                (name, method, data)
            })
            .collect();
        assert_eq!(after, expected);
    }

    /// A workbook of one sheet whose cells A1..A14 are the number 45000.25
    /// in cell formats 0..13, with `styles` as its styles part and `theme`
    /// as its theme.
    fn workbook_with_styles(styles: &[u8], theme: &[u8]) -> Vec<u8> {
        let cells: String = (0..14)
            .map(|s| {
                format!(
                    r#"<row r="{r}"><c r="A{r}" s="{s}"><v>45000.25</v></c></row>"#,
                    r = s + 1
                )
            })
            .collect();
        let sheet = format!("<worksheet><sheetData>{cells}</sheetData></worksheet>");
        let deflated = CompressionMethod::Deflated;
        package(&[
            (
                "_rels/.rels",
                br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
                deflated,
            ),
            (
                "xl/workbook.xml",
                br#"<workbook xmlns:r="r"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
                deflated,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
                deflated,
            ),
            ("xl/theme/theme1.xml", theme, deflated),
            ("xl/styles.xml", styles, deflated),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes(), deflated),
        ])
    }

    /// The cells calamine reads from `bytes`, or its error.
    fn cells_read(bytes: &[u8]) -> Result<Vec<calamine::Data>, String> {
        use calamine::Reader;
        let mut xlsx = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let range = xlsx.worksheet_range("Sheet1").map_err(|e| e.to_string())?;
        Ok(range.cells().map(|(_, _, d)| d.clone()).collect())
    }

    /// A styles part drawn from pieces of real ones and of broken ones:
    /// every element calamine's reading turns on (with and without a
    /// prefix, opened, closed, empty), the sections Excel and WPS write,
    /// comments, CDATA, instructions, text, references, bad markup, in any
    /// order and nesting.
    fn drawn_styles(rng: &mut rand_chacha::ChaCha8Rng) -> String {
        use rand::RngExt;
        const CODES: &[&str] = &[
            "yyyy/m/d",
            "0.00",
            "yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;",
            "[$-F800]dddd\\,\\ mmmm\\ dd",
            "@",
            "m/d/yy h:mm",
            "#,##0_ ",
            "[h]:mm:ss",
            "General",
            "0.00%",
            "[DBNum1][$-804]yyyy&quot;年&quot;m&quot;月&quot;",
        ];
        const NAMES: &[&str] = &[
            "styleSheet",
            "numFmts",
            "numFmt",
            "fonts",
            "font",
            "fills",
            "fill",
            "borders",
            "border",
            "left",
            "right",
            "top",
            "bottom",
            "diagonal",
            "color",
            "cellXfs",
            "xf",
            "alignment",
            "protection",
            "cellStyleXfs",
            "cellStyles",
            "dxfs",
            "dxf",
            "extLst",
            "b",
            "sz",
            "name",
        ];
        const SECTIONS: &[&str] = &[
            r#"<fonts count="2"><font><b/><sz val="11"/><color theme="1"/><name val="宋体"/><family val="2"/><charset val="134"/><scheme val="minor"/></font><font/></fonts>"#,
            r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
            r#"<borders count="1"><border diagonalUp="1"><left style="thin"><color indexed="64"/></left><right/><top style="medium"></top><bottom/><diagonal/></border><border/></borders>"#,
            r#"<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
            r#"<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>"#,
            r#"<dxfs count="1"><dxf><font><b/></font><numFmt numFmtId="180" formatCode="yyyy"/><fill/><border><left/></border></dxf></dxfs>"#,
            r#"<tableStyles count="0" defaultTableStyle="TableStyleMedium2"/>"#,
            r#"<colors><indexedColors><rgbColor rgb="00000000"/></indexedColors></colors>"#,
            r#"<extLst><ext uri="{EB79DEF2}" xmlns:x14="y"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst>"#,
            "<!-- <numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy\"/></numFmts> -->",
            "<![CDATA[</cellXfs></styleSheet>]]>",
            "<?mso-application progid=\"Excel.Sheet\"?>",
            "\n  ",
            "&amp;&#20013;",
            "<fonts><font><fonts/></font><font><font/><fonts/></font></fonts>",
            "<cellXfs><xf numFmtId=\"14\"><xf numFmtId=\"0\"/></xf></cellXfs>",
            "<border><left><right></left></right></border>",
            // Ends met where calamine's reading does not look for them: what
            // lies between is read or passed over as calamine's loops go.
            "<borders><border><top></border></top></borders><cellXfs><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/></cellXfs></border></borders>",
            "<fonts><font></fonts><cellXfs><xf numFmtId=\"14\"/></cellXfs></font></fonts>",
            "<fills><fill></fills><cellXfs><xf/><xf numFmtId=\"14\"/></cellXfs></fill></fills>",
            "<cellXfs><xf numFmtId=\"0\"></cellXfs><xf numFmtId=\"14\"/></xf><xf numFmtId=\"22\"/></cellXfs>",
            "<numFmts><numFmt numFmtId=\"0\" formatCode=\"yyyy\"></numFmts><cellXfs><xf numFmtId=\"14\"/></cellXfs>",
            "<borders><border><left><right></left><cellXfs><xf numFmtId=\"14\"/></cellXfs></right></border></borders>",
            "<xf numFmtId=14/>",
            "<numFmt numFmtId=\"170\" formatCode=\"a&bad;\"/>",
            "<xf numFmtId=\"14\" <",
            "</x:xf>",
        ];
        let mut xml = String::new();
        match rng.random_range(0..4) {
            0 => xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"),
            1 => xml.push_str("\u{feff}<?xml version=\"1.0\"?>"),
            _ => {}
        }
        let prefix = if rng.random_range(0..6) == 0 {
            "x:"
        } else {
            ""
        };
        xml.push_str(&format!(
            "<{prefix}styleSheet xmlns=\"main\" xmlns:x=\"main\">"
        ));
        for _ in 0..rng.random_range(0..10) {
            let p = if rng.random_range(0..8) == 0 {
                "x:"
            } else {
                ""
            };
            match rng.random_range(0..10) {
                0..=1 => {
                    xml.push_str(&format!("<{p}numFmts>"));
                    for _ in 0..rng.random_range(0..4) {
                        let id = [164, 165, 166, 14, 0, 22][rng.random_range(0..6)];
                        let code = CODES[rng.random_range(0..CODES.len())];
                        xml.push_str(&format!(
                            r#"<{p}numFmt numFmtId="{id}" formatCode="{code}"/>"#
                        ));
                    }
                    xml.push_str(&format!("</{p}numFmts>"));
                }
                2..=3 => {
                    xml.push_str(&format!("<{p}cellXfs count=\"9\">"));
                    for _ in 0..rng.random_range(0..9) {
                        let id = [0, 14, 22, 164, 165, 166, 49, 10][rng.random_range(0..8)];
                        match rng.random_range(0..5) {
                            0 => xml.push_str(&format!(r#"<{p}xf numFmtId="{id}" fontId="0" fillId="0" borderId="0" xfId="0"/>"#)),
                            1 => xml.push_str(&format!(r#"<{p}xf numFmtId="{id}" fontId="1" applyNumberFormat="1"><alignment horizontal="center" vertical="center" wrapText="1"/><protection locked="0"/></{p}xf>"#)),
                            2 => xml.push_str("<xf/>"),
                            3 => xml.push_str(r#"<xf fontId="1"></xf>"#),
                            _ => xml.push_str(SECTIONS[rng.random_range(0..SECTIONS.len())]),
                        }
                    }
                    xml.push_str(&format!("</{p}cellXfs>"));
                }
                4..=6 => xml.push_str(SECTIONS[rng.random_range(0..SECTIONS.len())]),
                _ => {
                    // A lone tag: opened, closed or empty.
                    let name = NAMES[rng.random_range(0..NAMES.len())];
                    let id = [14, 164, 0][rng.random_range(0..3)];
                    xml.push_str(&match rng.random_range(0..3) {
                        0 => format!(r#"<{p}{name} numFmtId="{id}">"#),
                        1 => format!("</{p}{name}>"),
                        _ => format!(r#"<{p}{name} numFmtId="{id}" formatCode="yyyy"/>"#),
                    });
                }
            }
        }
        if rng.random_range(0..12) > 0 {
            xml.push_str(&format!("</{prefix}styleSheet>"));
        }
        if rng.random_range(0..4) == 0 {
            xml.push_str(r#"<cellXfs><xf numFmtId="14"/></cellXfs>"#);
        }
        xml
    }

    #[test]
    fn a_fault_only_in_a_font_no_longer_refuses_the_file() {
        let styles = concat!(
            r#"<styleSheet><fonts><font><sz val=11/></font></fonts>"#,
            r#"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
        );
        let original = workbook_with_styles(styles.as_bytes(), b"<a:theme/>");
        assert!(cells_read(&original).is_err(), "calamine refuses the font");
        let cells = cells_read(&with_sheets_inflated(&original).unwrap().bytes).unwrap();
        assert!(
            matches!(cells[0], calamine::Data::Float(_)),
            "{:?}",
            cells[0]
        );
        assert!(
            matches!(cells[1], calamine::Data::DateTime(_)),
            "{:?}",
            cells[1]
        );
    }

    #[test]
    fn the_cells_read_from_the_copy_are_the_cells_read_from_the_package() {
        use rand::SeedableRng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20261201);
        let themes: [&[u8]; 3] = [
            br#"<a:theme xmlns:a="a"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1></a:clrScheme></a:themeElements></a:theme>"#,
            b"<a:theme><a:themeElements><a:clrScheme",
            b"\xff\xfe<",
        ];
        let (mut read, mut with_dates) = (0, 0);
        for case in 0..1500 {
            let styles = drawn_styles(&mut rng);
            let original = workbook_with_styles(styles.as_bytes(), themes[case % 3]);
            let copy = with_sheets_inflated(&original).unwrap().bytes;
            let from_original = cells_read(&original);
            if let Ok(cells) = &from_original {
                read += 1;
                if cells
                    .iter()
                    .any(|d| matches!(d, calamine::Data::DateTime(_)))
                {
                    with_dates += 1;
                }
                assert_eq!(
                    cells_read(&copy).as_ref(),
                    Ok(cells),
                    "case {case}, styles:\n{styles}\ncut to:\n{}",
                    String::from_utf8_lossy(&parts(&copy)[3].2)
                );
            }
        }
        // The drawn parts are read, and tell dates from numbers, often
        // enough for the comparison to say something.
        assert!(
            read > 500 && with_dates > 200,
            "{read} read, {with_dates} with dates"
        );
    }

    #[test]
    fn a_part_that_does_not_inflate_as_stated_is_copied_as_it_is() {
        let sheet = "<worksheet><sheetData/></worksheet>".repeat(50);
        let original = package(&[(
            "xl/worksheets/sheet1.xml",
            sheet.as_bytes(),
            CompressionMethod::Deflated,
        )]);
        let (crc, packed) = {
            let mut zip = ZipArchive::new(Cursor::new(&original[..])).unwrap();
            let raw = zip.by_index_raw(0).unwrap();
            (raw.crc32(), raw.compressed_size() as usize)
        };
        let changed = |was: u32, now: u32| with_field(&original, was, now);
        let size = sheet.len() as u32;
        let mut broken = original.clone();
        // The deflated bytes begin after the local header (30 bytes) and
        // the part's name.
        broken[30 + "xl/worksheets/sheet1.xml".len() + packed / 2] ^= 0x55;
        // Each fault, and whether the zip reader stops at it (a part
        // shorter than stated, with the right checksum, it reads).
        let faults = [
            ("the stated checksum", changed(crc, crc ^ 0xFFFF_FFFF), true),
            ("a stated size one short", changed(size, size - 1), true),
            ("a stated size one long", changed(size, size + 1), false),
            ("the deflated bytes", broken, true),
        ];
        for (fault, bytes, stops) in faults {
            let copy = with_sheets_inflated(&bytes).unwrap().bytes;
            assert_eq!(
                copy_parts_raw(&copy),
                copy_parts_raw(&bytes),
                "{fault}: copied as it is"
            );
            let mut zip = ZipArchive::new(Cursor::new(&copy[..])).unwrap();
            let mut data = Vec::new();
            let read = zip.by_index(0).unwrap().read_to_end(&mut data);
            assert_eq!(
                read.is_err(),
                stops,
                "{fault}: the reader meets it as before"
            );
        }
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
        let zip = ZipArchive::new(Cursor::new(original.as_slice())).unwrap();
        let copy = copy_holding(zip, 2 * sheet.len() as u64 + 10)
            .unwrap()
            .bytes;
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

    /// `bytes` with the four-byte field that stands as `was` in the local
    /// header and the central directory (and nowhere else) put as `now`.
    fn with_field(bytes: &[u8], was: u32, now: u32) -> Vec<u8> {
        let mut bytes = bytes.to_vec();
        let at: Vec<usize> = (0..bytes.len() - 4)
            .filter(|&i| bytes[i..i + 4] == was.to_le_bytes())
            .collect();
        assert_eq!(at.len(), 2, "the field is in both headers");
        for i in at {
            bytes[i..i + 4].copy_from_slice(&now.to_le_bytes());
        }
        bytes
    }

    fn crc_of(data: &[u8]) -> u32 {
        let mut sum = Crc::new();
        sum.update(data);
        sum.sum()
    }

    /// Four bytes that, put after `data`, give the whole the CRC-32
    /// `target`. The CRC of `data` and four bytes is affine in the bytes'
    /// 32 bits: each bit's effect is measured, and the bits that make up
    /// the difference are found by elimination over GF(2).
    fn forged_tail(data: &[u8], target: u32) -> [u8; 4] {
        let crc_with = |tail: u32| crc_of(&[data, &tail.to_le_bytes()].concat());
        let base = crc_with(0);
        // By leading bit: an effect, and the tail bits that make it.
        let mut basis: [Option<(u32, u32)>; 32] = [None; 32];
        for i in 0..32 {
            let (mut effect, mut bits) = (crc_with(1 << i) ^ base, 1u32 << i);
            for lead in (0..32).rev() {
                if effect & (1 << lead) == 0 {
                    continue;
                }
                match basis[lead] {
                    Some((e, b)) => (effect, bits) = (effect ^ e, bits ^ b),
                    None => {
                        basis[lead] = Some((effect, bits));
                        break;
                    }
                }
            }
        }
        let (mut wanted, mut tail) = (target ^ base, 0u32);
        for lead in (0..32).rev() {
            if wanted & (1 << lead) != 0 {
                let (e, b) = basis[lead].expect("the CRC's bits are independent");
                (wanted, tail) = (wanted ^ e, tail ^ b);
            }
        }
        assert_eq!(crc_with(tail), target, "the forged tail gives the CRC");
        tail.to_le_bytes()
    }

    /// A styles part packed to bytes this thread cut lately is stored as
    /// it was cut then, without being cut again; one that differs in its
    /// bytes (even with the same size and checksum), its stated size or its
    /// stated checksum, or is stored rather than deflated, is worked out
    /// on its own. Packages drawn in any order give the copies each gives
    /// alone.
    #[test]
    fn a_styles_part_cut_lately_is_stored_as_cut_then_without_cutting_it_again() {
        use rand::{RngExt, SeedableRng};
        let styles = |code: &str| {
            format!(
                r#"<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="{code}"/></numFmts><fonts><font><b/></font></fonts><cellXfs><xf numFmtId="176" fontId="0"/></cellXfs></styleSheet>"#
            )
            .into_bytes()
        };
        // Two parts of one size and checksum that cut differently: the
        // second's last four bytes (past its end, which the cut never
        // reaches) are forged to give the first's checksum.
        let first = [styles("yyyy"), b"\n\n\n\n".to_vec()].concat();
        let second = {
            let body = styles("mmmm");
            let tail = forged_tail(&body, crc_of(&first));
            [body, tail.to_vec()].concat()
        };
        assert_eq!(
            (first.len(), crc_of(&first)),
            (second.len(), crc_of(&second))
        );
        let deflated = CompressionMethod::Deflated;
        let with_parts = |workbook: &[u8], styles: &[u8], method, sheet: &[u8]| {
            package(&[
                ("xl/workbook.xml", workbook, deflated),
                ("xl/styles.xml", styles, method),
                ("xl/worksheets/sheet1.xml", sheet, deflated),
            ])
        };
        let with_styles =
            |styles: &[u8], method, sheet: &[u8]| with_parts(b"<workbook/>", styles, method, sheet);
        let a = with_styles(&first, deflated, b"<worksheet/>");
        let (size, crc) = (first.len() as u32, crc_of(&first));
        // (package, the styles it brings to be cut: 0 none, 1 or 2 the
        // first's or the second's bytes deflated, 3 stored)
        let pool: Vec<(Vec<u8>, usize)> = vec![
            (a.clone(), 1),
            (
                with_styles(&first, deflated, b"<worksheet><sheetData/></worksheet>"),
                1,
            ),
            (with_styles(&second, deflated, b"<worksheet/>"), 2),
            (with_field(&a, crc, crc ^ 1), 0),
            (with_field(&a, size, size + 1), 0),
            (
                with_styles(&first, CompressionMethod::Stored, b"<worksheet/>"),
                3,
            ),
            // A workbook part packed to the styles part's bytes is stored
            // whole, the styles part cut; another workbook part is its own.
            (with_parts(&first, &second, deflated, b"<worksheet/>"), 2),
            (
                with_parts(b"<workbook><sheets/></workbook>", &first, deflated, b"<a/>"),
                1,
            ),
        ];
        let alone: Vec<Vec<u8>> = (pool.iter())
            .map(|(bytes, _)| {
                forget_recent_parts();
                with_sheets_inflated(bytes).unwrap().bytes
            })
            .collect();
        let cut_of = |k: usize| parts(&alone[k])[1].2.clone();
        assert!(cut_of(0).windows(4).any(|w| w == b"yyyy"), "cut");
        assert!(cut_of(2).windows(4).any(|w| w == b"mmmm"), "cut");
        for k in [3, 4] {
            let styles_as_packed = |bytes: &[u8]| copy_parts_raw(bytes)[1].clone();
            assert_eq!(
                styles_as_packed(&alone[k]),
                styles_as_packed(&pool[k].0),
                "{k}: as it is"
            );
        }
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
        for round in 0..20 {
            forget_recent_parts();
            let cuts_before = CUTS_MADE.get();
            let mut deflated_seen = std::collections::BTreeSet::new();
            let mut stored_seen = 0;
            for _ in 0..12 {
                let k = rng.random_range(0..pool.len());
                let copy = with_sheets_inflated(&pool[k].0).unwrap().bytes;
                assert_eq!(copy, alone[k], "round {round}, package {k}");
                match pool[k].1 {
                    1 | 2 => {
                        deflated_seen.insert(pool[k].1);
                    }
                    3 => stored_seen += 1,
                    _ => {}
                }
            }
            assert_eq!(
                CUTS_MADE.get() - cuts_before,
                deflated_seen.len() + stored_seen,
                "round {round}: each deflated styles part cut once"
            );
        }
    }

    /// The parts alike in a template's forms (the relationships, the
    /// workbook, the styles) are inflated for its first form only; each
    /// form's shared strings and sheets every time. The copies are each
    /// form's copy alone, where the parts lie included.
    #[test]
    fn a_templates_next_forms_inflate_only_their_own_parts() {
        let deflated = CompressionMethod::Deflated;
        let styles = br#"<styleSheet><cellXfs><xf numFmtId="14"/></cellXfs></styleSheet>"#;
        let form = |n: usize| {
            let strings = format!("<sst><si><t>{n}</t></si></sst>");
            let sheet = format!(
                "<worksheet><sheetData>{}</sheetData></worksheet>",
                "<row/>".repeat(n)
            );
            package(&[
                (
                    "_rels/.rels",
                    b"<Relationships><Relationship/></Relationships>",
                    deflated,
                ),
                (
                    "xl/workbook.xml",
                    b"<workbook><sheets/></workbook>",
                    deflated,
                ),
                ("xl/_rels/workbook.xml.rels", b"<Relationships/>", deflated),
                ("xl/styles.xml", styles, deflated),
                ("xl/sharedStrings.xml", strings.as_bytes(), deflated),
                ("xl/worksheets/sheet1.xml", sheet.as_bytes(), deflated),
            ])
        };
        let alone: Vec<InflatedCopy> = (0..3)
            .map(|n| {
                forget_recent_parts();
                with_sheets_inflated(&form(n)).unwrap()
            })
            .collect();
        assert_eq!(alone[0].held_parts().len(), 5, "all but the styles held");
        forget_recent_parts();
        let before = INFLATED.get();
        for (n, copy) in alone.iter().enumerate() {
            assert_eq!(&with_sheets_inflated(&form(n)).unwrap(), copy, "form {n}");
        }
        assert_eq!(INFLATED.get() - before, 6 + 2 + 2);
    }

    /// A part that inflates past what a thread keeps is inflated each time,
    /// never kept; one just within it is kept.
    #[test]
    fn a_part_that_inflates_large_is_not_kept() {
        let deflated = CompressionMethod::Deflated;
        let workbook = |size: usize| {
            let xml = format!("<workbook>{}</workbook>", " ".repeat(size - 21));
            assert_eq!(xml.len(), size);
            package(&[("xl/workbook.xml", xml.as_bytes(), deflated)])
        };
        for (size, inflations) in [(MOST_STORED_REMEMBERED + 1, 2), (MOST_STORED_REMEMBERED, 1)] {
            forget_recent_parts();
            let before = INFLATED.get();
            let bytes = workbook(size);
            assert_eq!(with_sheets_inflated(&bytes), with_sheets_inflated(&bytes));
            assert_eq!(INFLATED.get() - before, inflations, "{size} bytes");
        }
    }

    /// A thread remembers the latest few parts only.
    #[test]
    fn the_parts_remembered_are_the_latest_few() {
        let deflated = CompressionMethod::Deflated;
        let with_code = |n: usize| {
            let styles = format!(
                r#"<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="0.{}"/></numFmts><cellXfs><xf numFmtId="176"/></cellXfs></styleSheet>"#,
                "0".repeat(n + 1)
            );
            package(&[("xl/styles.xml", styles.as_bytes(), deflated)])
        };
        forget_recent_parts();
        let before = CUTS_MADE.get();
        for n in 0..=RECENT_PART_COUNT {
            with_sheets_inflated(&with_code(n)).unwrap();
        }
        with_sheets_inflated(&with_code(RECENT_PART_COUNT)).unwrap();
        assert_eq!(
            CUTS_MADE.get() - before,
            RECENT_PART_COUNT + 1,
            "the latest remembered"
        );
        with_sheets_inflated(&with_code(0)).unwrap();
        assert_eq!(
            CUTS_MADE.get() - before,
            RECENT_PART_COUNT + 2,
            "the oldest forgotten"
        );
    }
}
