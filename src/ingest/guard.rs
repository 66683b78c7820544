//! Checks run on the bytes of an .xls or .ods before calamine opens it.
//! calamine reads these formats whole when it opens them, each sheet into one
//! block from its first to its last cell, sized from positions in the file:
//! a single crafted position could ask for terabytes. So the positions are
//! read here first, cheaply, and a block larger than the cell limit is
//! refused before calamine allocates it. (.xlsx and .xlsb need no such check:
//! their cells are taken one by one.)

use crate::foundation::issue::{Issue, Location, Rule};
use crate::foundation::limits::ReadLimits;
use quick_xml::events::Event;
use std::io::{BufReader, Cursor, Read};

/// Largest .xls sheet: 65,536 rows × 256 columns (BIFF8).
const XLS_ROWS: u64 = 65_536;
const XLS_COLS: u64 = 256;
/// More sheets than any workbook has; each is scanned, so they are bounded.
const MAX_SHEETS: usize = 1_000;

fn refuse(display_name: &str, rule: Rule, raw: String, message: String) -> Box<Issue> {
    Box::new(Issue::new(
        rule,
        Location::file(display_name),
        Some(raw),
        message,
    ))
}

fn corrupt(display_name: &str, why: &str) -> Box<Issue> {
    refuse(
        display_name,
        Rule::FileUnreadable,
        why.to_string(),
        format!("无法读取该工作簿：文件已损坏或被改写（{why}）；请在 Excel/WPS 中另存为 .xlsx 后重新报送"),
    )
}

/// The cells a block from the first to the last cell holds.
#[derive(Default, Clone, Copy)]
struct Block {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Block {
    fn add(&mut self, row: u64, col: u64) {
        let widen = |span: Option<(u64, u64)>, v: u64| {
            Some(span.map_or((v, v), |(a, b)| (a.min(v), b.max(v))))
        };
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1).saturating_mul(c1 - c0 + 1),
            _ => 0,
        }
    }
}

/// Refuses a workbook whose sheets, read as blocks, pass the cell limit.
fn check_blocks(
    display_name: &str,
    limits: &ReadLimits,
    blocks: &[(String, Block)],
) -> Result<(), Box<Issue>> {
    let mut total: u64 = 0;
    for (sheet, block) in blocks {
        let cells = block.cells();
        total = total.saturating_add(cells);
        if cells > limits.cells_per_sheet || total > limits.cells_per_sheet.saturating_mul(2) {
            return Err(refuse(
                display_name,
                Rule::SheetTooLarge,
                format!("{sheet}: {cells} 个单元格"),
                format!(
                    "{sheet}从第一个到最后一个单元格共 {cells} 个单元格（此格式须整块读取），超过上限 {}；请删除远离表格的内容、另存为 .xlsx 后重新报送",
                    limits.cells_per_sheet
                ),
            ));
        }
    }
    Ok(())
}

/// Checks the sheets of an .ods (content.xml) before calamine reads them.
///
/// # Errors
///
/// [`Rule::SheetTooLarge`] when a sheet's block of cells passes the limit.
pub fn check_ods(bytes: &[u8], display_name: &str, limits: &ReadLimits) -> Result<(), Box<Issue>> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine will say what is wrong
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader =
        quick_xml::Reader::from_reader(BufReader::new(content.take(limits.part_bytes())));
    let mut buf = Vec::new();
    let mut blocks: Vec<(String, Block)> = Vec::new();
    // The row being read, its repeat count, and where the next row starts.
    let (mut row, mut row_repeat, mut next_row, mut col) = (0u64, 1u64, 0u64, 0u64);
    let number = |e: &quick_xml::events::BytesStart, key: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| AsRef::<str>::as_ref(&a.key) == key)
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
            .max(1)
    };
    loop {
        buf.clear();
        let (e, has_children) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let local = e.local_name();
        match AsRef::<str>::as_ref(&local) {
            "table" => {
                if blocks.len() >= MAX_SHEETS {
                    return Err(corrupt(display_name, "工作表超过 1000 个"));
                }
                blocks.push((
                    format!("第 {} 个工作表", blocks.len() + 1),
                    Block::default(),
                ));
                next_row = 0;
            }
            "table-row" => {
                row = next_row;
                row_repeat = number(&e, "table:number-rows-repeated");
                next_row = row.saturating_add(row_repeat);
                col = 0;
            }
            "table-cell" | "covered-table-cell" => {
                let repeat = number(&e, "table:number-columns-repeated");
                let valued = has_children
                    || e.attributes()
                        .flatten()
                        .any(|a| AsRef::<str>::as_ref(&a.key) == "office:value-type");
                if valued {
                    if let Some((_, block)) = blocks.last_mut() {
                        block.add(row, col);
                        block.add(
                            row.saturating_add(row_repeat - 1),
                            col.saturating_add(repeat - 1),
                        );
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    check_blocks(display_name, limits, &blocks)
}

/// Checks the sheets of an .xls (the BIFF records of its Workbook stream)
/// before calamine reads them.
///
/// # Errors
///
/// [`Rule::SheetTooLarge`] when a sheet's block of cells passes the limit;
/// [`Rule::FileUnreadable`] for a position or size outside an .xls sheet.
pub fn check_xls(bytes: &[u8], display_name: &str, limits: &ReadLimits) -> Result<(), Box<Issue>> {
    let Some(stream) = cfb_stream(bytes, &["Workbook", "Book"]) else {
        return Ok(()); // not an .xls: calamine will say what it is
    };
    // The sheets, as calamine finds them: a BoundSheet record in the globals
    // gives each sheet's offset in the stream.
    let mut offsets = Vec::new();
    for (typ, data) in records(&stream, 0) {
        match typ {
            0x0085 if data.len() >= 4 => {
                offsets.push(u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize);
                if offsets.len() > MAX_SHEETS {
                    return Err(corrupt(display_name, "工作表超过 1000 个"));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut blocks = Vec::new();
    for (i, &offset) in offsets.iter().enumerate() {
        let mut block = Block::default();
        let mut depth = 0usize;
        for (typ, data) in records(&stream, offset) {
            let u16_at = |at: usize| {
                data.get(at..at + 2)
                    .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
            };
            match typ {
                0x0809 => depth += 1,
                0x000A if depth <= 1 => break,
                0x000A => depth -= 1,
                _ if depth > 1 => {}
                // Dimensions: calamine reserves rows × columns from it.
                0x0200 => {
                    let (first, last) = match data.len() {
                        10 => (u16_at(0), u16_at(2)),
                        14 | 16 => {
                            let u32_at = |at: usize| {
                                u64::from(u32::from_le_bytes([
                                    data[at],
                                    data[at + 1],
                                    data[at + 2],
                                    data[at + 3],
                                ]))
                            };
                            (Some(u32_at(0)), Some(u32_at(4)))
                        }
                        _ => (None, None),
                    };
                    let cols = u16_at(if data.len() == 10 { 6 } else { 10 });
                    if let (Some(first), Some(last), Some(cols)) = (first, last, cols) {
                        if last > XLS_ROWS || first > last || cols > XLS_COLS {
                            return Err(corrupt(display_name, "工作表的维度记录超出 .xls 的范围"));
                        }
                    }
                }
                // Cells: Number, Label, RString, BoolErr, RK, LabelSst, Formula, String's formula.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    if let (Some(row), Some(col)) = (u16_at(0), u16_at(2)) {
                        if col >= XLS_COLS {
                            return Err(corrupt(display_name, "单元格的位置超出 .xls 的范围"));
                        }
                        block.add(row, col);
                    }
                }
                // MulRk: a run of cells from a first to a last column.
                0x00BD => {
                    let last = data.len().checked_sub(2).and_then(u16_at);
                    if let (Some(row), Some(first), Some(last)) = (u16_at(0), u16_at(2), last) {
                        if last >= XLS_COLS || first > last {
                            return Err(corrupt(display_name, "单元格的位置超出 .xls 的范围"));
                        }
                        block.add(row, first);
                        block.add(row, last);
                    }
                }
                _ => {}
            }
        }
        blocks.push((format!("第 {} 个工作表", i + 1), block));
    }
    check_blocks(display_name, limits, &blocks)
}

/// The BIFF records of `stream` from `offset`: (type, data).
fn records(stream: &[u8], offset: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = offset;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}

/// The first stream named one of `names` in an OLE compound file, or `None`
/// when the bytes are not one or hold no such stream. Every chain is bounded
/// by the number of sectors in the file, so a crafted file cannot loop.
fn cfb_stream(bytes: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let shift = u16_at(0x1E)?;
    let mini_shift = u16_at(0x20)?;
    if !(7..=16).contains(&shift) || mini_shift >= shift {
        return None;
    }
    let sector = 1usize << shift;
    let mini = 1usize << mini_shift;
    let sectors = bytes.len() / sector;
    let sector_bytes = |id: u32| {
        let start = (id as usize).checked_add(1)?.checked_mul(sector)?;
        bytes.get(start..start.checked_add(sector)?)
    };
    // The FAT: its sectors from the header's 109 entries and the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(0x4C + 4 * i)).collect();
    let mut difat = u32_at(0x44)?;
    for _ in 0..sectors {
        if difat >= 0xFFFF_FFFA {
            break;
        }
        let data = sector_bytes(difat)?;
        let entries: Vec<u32> = data
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let (next, ids) = entries.split_last()?;
        fat_sectors.extend(ids);
        difat = *next;
    }
    let mut fat: Vec<u32> = Vec::new();
    for &id in fat_sectors.iter().filter(|&&id| id < 0xFFFF_FFFA) {
        if fat.len() > sectors.saturating_mul(sector / 4) {
            break;
        }
        let data = sector_bytes(id)?;
        fat.extend(
            data.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
        );
    }
    let chain = |start: u32, fat: &[u32], limit: usize| {
        let mut ids = Vec::new();
        let mut id = start;
        while id < 0xFFFF_FFFA && ids.len() <= limit {
            ids.push(id);
            id = *fat.get(id as usize)?;
        }
        Some(ids)
    };
    let read = |start: u32, size: usize| {
        let mut out = Vec::new();
        for id in chain(start, &fat, sectors)? {
            out.extend_from_slice(sector_bytes(id)?);
            if out.len() >= size {
                break;
            }
        }
        out.truncate(size);
        Some(out)
    };
    let directory = read(u32_at(0x30)?, sectors.saturating_mul(sector))?;
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let entry_size = |e: &[u8]| u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8]));
    let entry_start = |e: &[u8]| u32::from_le_bytes([e[116], e[117], e[118], e[119]]);
    let root = entries.first()?;
    let cutoff = u32_at(0x38)? as u64;
    for e in &entries {
        let len = (u16::from_le_bytes([e[64], e[65]]) as usize).min(64);
        let name: Vec<u16> = e[..len]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&c| c != 0)
            .collect();
        let name = String::from_utf16_lossy(&name);
        if e[66] != 2 || !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            continue;
        }
        // Version 3 files keep the size in 32 bits; the rest may be junk.
        let size = (entry_size(e) & 0xFFFF_FFFF).min(bytes.len() as u64) as usize;
        if (size as u64) >= cutoff {
            return read(entry_start(e), size);
        }
        // A small stream lives in the mini stream, in mini sectors.
        let mini_stream = read(
            entry_start(root),
            (entry_size(root) as usize).min(bytes.len()),
        )?;
        let mut mini_fat = Vec::new();
        for id in chain(u32_at(0x3C)?, &fat, sectors)? {
            let data = sector_bytes(id)?;
            mini_fat.extend(
                data.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
        }
        let mut out = Vec::new();
        for id in chain(entry_start(e), &mini_fat, mini_stream.len() / mini.max(1))? {
            let start = (id as usize).checked_mul(mini)?;
            out.extend_from_slice(mini_stream.get(start..start.checked_add(mini)?)?);
            if out.len() >= size {
                break;
            }
        }
        out.truncate(size);
        return Some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats")
            .join(name);
        std::fs::read(path).unwrap()
    }

    #[test]
    fn an_honest_xls_passes_and_its_stream_is_found() {
        let bytes = fixture("c01_东镇_2026-10.xls");
        let stream = cfb_stream(&bytes, &["Workbook", "Book"]).expect("the Workbook stream");
        assert_eq!(&stream[..2], &[0x09, 0x08], "starts with a BOF record");
        check_xls(&bytes, "c01.xls", &ReadLimits::default()).unwrap();
        let tight = ReadLimits {
            cells_per_sheet: 10,
            ..ReadLimits::default()
        };
        let issue = check_xls(&bytes, "c01.xls", &tight).unwrap_err();
        assert_eq!(issue.rule, Rule::SheetTooLarge);
    }

    #[test]
    fn a_cell_far_away_in_an_xls_is_refused_before_calamine() {
        let mut bytes = fixture("c01_东镇_2026-10.xls");
        // Move the first Number/LabelSst record of the first sheet to row 65535, column 255.
        let stream = cfb_stream(&bytes, &["Workbook"]).unwrap();
        let first_cell = records(&stream, 0)
            .scan(0usize, |at, (typ, data)| {
                let here = *at;
                *at += 4 + data.len();
                Some((here, typ))
            })
            .find(|(_, typ)| matches!(typ, 0x00FD | 0x0203))
            .map(|(at, _)| at)
            .unwrap();
        let needle = stream[first_cell..first_cell + 12].to_vec();
        let pos = bytes
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .unwrap();
        bytes[pos + 4..pos + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
        let issue = check_xls(&bytes, "c01.xls", &ReadLimits::default()).unwrap_err();
        assert_eq!(issue.rule, Rule::SheetTooLarge, "{issue}");
    }

    fn ods(content: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", options).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("content.xml", options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn an_honest_ods_passes() {
        let bytes = fixture("c01_东镇_2026-10.ods");
        check_ods(&bytes, "c01.ods", &ReadLimits::default()).unwrap();
    }

    #[test]
    fn an_ods_value_repeated_over_the_sheet_is_refused() {
        // Empty repeats (LibreOffice pads every sheet so) cost nothing.
        let padded = ods(
            r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
        );
        check_ods(&padded, "a.ods", &ReadLimits::default()).unwrap();
        let tight = ReadLimits {
            cells_per_sheet: 1_000,
            ..ReadLimits::default()
        };
        let repeated = ods(
            r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table>"#,
        );
        let issue = check_ods(&repeated, "a.ods", &ReadLimits::default()).unwrap_err();
        assert_eq!(issue.rule, Rule::SheetTooLarge, "{issue}");
        // A value far below the first: the block between counts.
        let far = ods(
            r#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="5000"/><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
        );
        assert!(check_ods(&far, "a.ods", &tight).is_err());
        check_ods(&far, "a.ods", &ReadLimits::default()).unwrap();
    }
}
