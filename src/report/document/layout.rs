//! The 通报's look, after GB/T 9704-2012 (党政机关公文格式): A4, margins
//! 37/35/28/26 mm, title in 小标宋 二号, body in 仿宋_GB2312 三号 at an exact
//! 28 pt line, level-1 headings in 黑体, level-2 in 楷体_GB2312, page numbers
//! "— 1 —" in 宋体 四号, odd pages right and even pages left. Font names are
//! the ones Chinese Word and WPS list, so the user's installed fonts are used.

use super::content::Block;
use super::tables::UnitTable;
use anyhow::{bail, Context, Result};
use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Pic, Run,
    RunFonts, SpecialIndentType, Tab, TabValueType, Table, TableAlignmentType, TableCell, TableRow,
    VAlignType, WidthType,
};

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const HEADING1_FONT: &str = "黑体";
const HEADING2_FONT: &str = "楷体_GB2312";
const PAGE_NUMBER_FONT: &str = "宋体";

/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
const ERHAO: usize = 44;
const SANHAO: usize = 32;
const SIHAO: usize = 28;
const XIAOSI: usize = 24;

/// Twentieths of a point (twips) per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
/// English Metric Units per millimetre, for images.
const EMU_PER_MM: f64 = 36_000.0;
/// A4 in twips.
const A4: (u32, u32) = (11_906, 16_838);
/// 天头 37 mm, bottom 35 mm, 订口 (left) 28 mm, right 26 mm.
const MARGINS_MM: [f64; 4] = [37.0, 35.0, 28.0, 26.0];
/// The text block: 210 − 28 − 26 = 156 mm wide.
const TEXT_WIDTH_MM: f64 = 156.0;
/// Exactly 28 pt between body lines (22 lines a page).
const BODY_LINE: i32 = 28 * 20;
/// The bureau's red for the masthead and its rule.
const RED: &str = "FF0000";

fn twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn exact(line_twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line_twips)
        .before(0)
        .after(0)
}

/// A body paragraph: 仿宋 三号, exact 28 pt, justified, first line in two characters.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, SANHAO))
        .line_spacing(exact(BODY_LINE))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .first_line_chars(200)
}

fn heading(text: &str, font: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, SANHAO))
        .line_spacing(exact(BODY_LINE))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .first_line_chars(200)
        .keep_next(true)
}

fn centered(text: &str, font: &str, size: usize, line: i32) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, size))
        .line_spacing(exact(line))
        .align(AlignmentType::Center)
}

/// The 版头: the red title, the issue number, then issuer and date on one
/// line over a red rule.
fn masthead(title: &str, issue: &str, issuer: &str, date: &str) -> Vec<Paragraph> {
    let title = Paragraph::new()
        .add_run(run(title, TITLE_FONT, ERHAO).color(RED))
        .line_spacing(exact(40 * 20))
        .align(AlignmentType::Center);
    let issue = centered(issue, BODY_FONT, SANHAO, BODY_LINE);
    let right_edge = twips(TEXT_WIDTH_MM) as usize;
    let mut line = Paragraph::new()
        .add_run(run(issuer, BODY_FONT, SANHAO))
        .add_run(Run::new().add_tab())
        .add_run(run(date, BODY_FONT, SANHAO))
        .add_tab(Tab::new().val(TabValueType::Right).pos(right_edge))
        .line_spacing(exact(BODY_LINE));
    line.property = line.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(12)
                .space(4)
                .color(RED),
        ),
    );
    let gap = Paragraph::new().line_spacing(exact(BODY_LINE));
    vec![title, issue, line, gap]
}

/// A table cell holding `text` in 仿宋 小四 (黑体 for the header and subtotals).
fn cell(text: &str, width: usize, strong: bool, align: AlignmentType) -> TableCell {
    let font = if strong { HEADING1_FONT } else { BODY_FONT };
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(run(text, font, XIAOSI))
                .line_spacing(exact(20 * 20))
                .align(align),
        )
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

fn units_table(table: &UnitTable) -> Table {
    let total = twips(TEXT_WIDTH_MM) as usize;
    let widths: Vec<usize> = column_shares(table.headers.len())
        .iter()
        .map(|share| total * share / 100)
        .collect();
    let header = TableRow::new(
        table
            .headers
            .iter()
            .zip(&widths)
            .map(|(h, &w)| cell(h, w, true, AlignmentType::Center))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for (i, values) in table.rows.iter().enumerate() {
        let strong = table.subtotal_rows.contains(&i);
        rows.push(
            TableRow::new(
                values
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(c, (v, &w))| {
                        let align = if c == 0 {
                            AlignmentType::Left
                        } else {
                            AlignmentType::Right
                        };
                        cell(v, w, strong, align)
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .align(TableAlignmentType::Center)
}

/// Each column's share of the text width in percent: 单位 and 累计 (up to
/// "123,456.78" at 小四) wider than the percentages and the rank.
fn column_shares(columns: usize) -> Vec<usize> {
    if columns == 6 {
        return vec![19, 22, 15, 15, 16, 13];
    }
    let rest = 81 / (columns.max(2) - 1);
    std::iter::once(19)
        .chain(std::iter::repeat_n(rest, columns.max(2) - 1))
        .collect()
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&bytes[16..20]), be(&bytes[20..24])))
}

/// A chart across the text width, centered, with a fixed relationship id so
/// that the bytes do not depend on how many documents the process made before.
fn figure(png: Vec<u8>, number: usize) -> Result<Paragraph> {
    let Some((w, h)) = png_size(&png) else {
        bail!("图表{number}不是 PNG 图片");
    };
    let width_mm = TEXT_WIDTH_MM - 6.0;
    let height_mm = width_mm * h as f64 / w as f64;
    let pic = Pic::new_with_dimensions(png, w, h)
        .size(
            (width_mm * EMU_PER_MM) as u32,
            (height_mm * EMU_PER_MM) as u32,
        )
        .id(format!("rIdChart{number}"));
    Ok(Paragraph::new()
        .add_run(Run::new().add_image(pic))
        .align(AlignmentType::Center)
        .keep_next(true))
}

/// "— 1 —" in 宋体 四号, one character in from the outer edge.
fn page_number_footer(align: AlignmentType) -> Footer {
    let one_char = 280;
    let (left, right) = match align {
        AlignmentType::Right => (None, Some(one_char)),
        _ => (Some(one_char), None),
    };
    let dash = |s: &str| run(s, PAGE_NUMBER_FONT, SIHAO);
    let mut number = Paragraph::new()
        .add_run(dash("— "))
        .add_page_num(PageNum::new())
        .add_run(dash(" —"))
        .size(SIHAO)
        .fonts(fonts(PAGE_NUMBER_FONT))
        .align(align);
    number = number.indent(left, None, right, None);
    Footer::new().add_paragraph(number)
}

/// Writes the document as .docx into `out`: page set-up, default fonts, the
/// blocks, footers.
///
/// # Errors
///
/// When a chart is not a PNG or the package cannot be written.
pub fn render(blocks: Vec<Block>, out: impl std::io::Write + std::io::Seek) -> Result<()> {
    let [top, bottom, left, right] = MARGINS_MM.map(twips);
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(top)
                .bottom(bottom)
                .left(left)
                .right(right)
                .header(twips(15.0))
                .footer(twips(23.0))
                .gutter(0),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(SANHAO)
        .footer(page_number_footer(AlignmentType::Right))
        .even_footer(page_number_footer(AlignmentType::Left))
        // Fixed dates in docProps, so the same inputs give the same bytes.
        .created_at("2000-01-01T00:00:00Z")
        .updated_at("2000-01-01T00:00:00Z");
    let mut figures = 0;
    for block in blocks {
        match block {
            Block::Masthead {
                title,
                issue,
                issuer,
                date,
            } => {
                for p in masthead(&title, &issue, &issuer, &date) {
                    doc = doc.add_paragraph(p);
                }
            }
            Block::Title(text) => {
                doc = doc
                    .add_paragraph(centered(&text, TITLE_FONT, ERHAO, 36 * 20))
                    .add_paragraph(Paragraph::new().line_spacing(exact(BODY_LINE)));
            }
            Block::Heading1(text) => doc = doc.add_paragraph(heading(&text, HEADING1_FONT)),
            Block::Heading2(text) => doc = doc.add_paragraph(heading(&text, HEADING2_FONT)),
            Block::Body(text) => doc = doc.add_paragraph(body(&text)),
            Block::Table { caption, table } => {
                doc = doc
                    .add_paragraph(
                        centered(&caption, HEADING1_FONT, SIHAO, BODY_LINE).keep_next(true),
                    )
                    .add_table(units_table(&table))
                    .add_paragraph(Paragraph::new().line_spacing(exact(14 * 20)));
            }
            Block::PageBreak => {
                doc = doc
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
            }
            Block::Figure { png, caption } => {
                figures += 1;
                doc = doc
                    .add_paragraph(figure(png, figures)?)
                    .add_paragraph(centered(&caption, HEADING2_FONT, SIHAO, BODY_LINE))
                    .add_paragraph(Paragraph::new().line_spacing(exact(BODY_LINE)));
            }
        }
    }
    // Packed part by part as the parts are made, not built whole first.
    doc.pack(out).context("生成 Word 通报失败")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_in_twips() {
        assert_eq!(MARGINS_MM.map(twips), [2098, 1984, 1587, 1474]);
        assert_eq!(twips(TEXT_WIDTH_MM), 8844);
    }

    #[test]
    fn png_size_from_the_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(1600u32.to_be_bytes());
        png.extend(960u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((1600, 960)));
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
