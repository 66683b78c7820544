//! A minimal Excel binary workbook (.xlsb) writer for tests: no tool at hand
//! writes .xlsb (LibreOffice only reads it), so the few records calamine
//! needs (MS-XLSB 2.1.7) are written here: one sheet, text and numbers.

use super::Grid;
use std::io::Write;
use std::path::Path;

/// A record: its type and size as 7-bit varints, then the payload.
fn record(out: &mut Vec<u8>, typ: u16, payload: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = payload.len();
    loop {
        let byte = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(payload);
}

/// XLWideString: a u32 count of UTF-16 units, then the units.
fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

fn workbook_bin(sheet: &str) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x0083, &[]); // BrtBeginBook
    record(&mut out, 0x008F, &[]); // BrtBeginBundleShs
    let mut bundle = Vec::new();
    bundle.extend_from_slice(&0u32.to_le_bytes()); // visible
    bundle.extend_from_slice(&1u32.to_le_bytes()); // tab id
    bundle.extend(wide("rId1"));
    bundle.extend(wide(sheet));
    record(&mut out, 0x009C, &bundle); // BrtBundleSh
    record(&mut out, 0x0090, &[]); // BrtEndBundleShs
    record(&mut out, 0x009D, &[0; 26]); // BrtCalcProp
    record(&mut out, 0x0084, &[]); // BrtEndBook
    out
}

fn sheet_bin(grid: &Grid) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x0081, &[]); // BrtBeginSheet
    let last_row = grid.cells.len().saturating_sub(1) as u32;
    let last_col = grid
        .cells
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(1)
        .saturating_sub(1) as u32;
    let mut dim = Vec::new();
    for v in [0, last_row, 0, last_col] {
        dim.extend_from_slice(&u32::to_le_bytes(v));
    }
    record(&mut out, 0x0094, &dim); // BrtWsDim
    record(&mut out, 0x0091, &[]); // BrtBeginSheetData
    for (r, row) in grid.cells.iter().enumerate() {
        let mut header = (r as u32).to_le_bytes().to_vec();
        header.extend_from_slice(&[0; 13]);
        record(&mut out, 0x0000, &header); // BrtRowHdr
        for (c, value) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            let mut cell = (c as u32).to_le_bytes().to_vec();
            cell.extend_from_slice(&0u32.to_le_bytes()); // style 0
            match value.parse::<f64>().ok().filter(|_| value.is_ascii()) {
                Some(n) => {
                    cell.extend_from_slice(&n.to_le_bytes());
                    record(&mut out, 0x0005, &cell); // BrtCellReal
                }
                None => {
                    cell.extend(wide(value));
                    record(&mut out, 0x0006, &cell); // BrtCellSt
                }
            }
        }
    }
    record(&mut out, 0x0092, &[]); // BrtEndSheetData
    record(&mut out, 0x0082, &[]); // BrtEndSheet
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;

/// Writes `grid` as a one-sheet .xlsb: plain ASCII numbers as numbers,
/// everything else as text.
pub fn write_xlsb(grid: &Grid, path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let parts: [(&str, Vec<u8>); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", ROOT_RELS.as_bytes().to_vec()),
        ("xl/workbook.bin", workbook_bin(&grid.sheet)),
        (
            "xl/_rels/workbook.bin.rels",
            WORKBOOK_RELS.as_bytes().to_vec(),
        ),
        ("xl/worksheets/sheet1.bin", sheet_bin(grid)),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
}
