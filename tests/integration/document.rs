//! The 通报 as a Word document on a hand-worked fixture: two zones, two towns,
//! March 2026 against March 2025, 西镇 missing the month. The .docx is
//! unzipped and read as XML: every section, the layout (fonts, margins, line
//! spacing, page numbers), the units' tables against the 分地区 sheet read
//! with calamine and against figures worked out by hand, and the images.

use crate::common::{cell, domestic, foreign, form, read_sheet, row_of, ym, Cell, Fixture};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;
use std::path::Path;
use zhaoshang::app::pipeline::run_month;
use zhaoshang::config::{Folders, RunConfig};

fn fixture() -> Fixture {
    let fx = Fixture::new(
        &[
            ("甲区", "开发区"),
            ("乙区", "开发区"),
            ("东镇", "镇"),
            ("西镇", "镇"),
        ],
        &[(
            2026,
            vec![
                (
                    "甲区".into(),
                    [Some(400.0), Some(400.0), Some(200.0), Some(4.0), None, None],
                ),
                (
                    "乙区".into(),
                    [Some(100.0), Some(100.0), Some(100.0), Some(2.0), None, None],
                ),
                (
                    "东镇".into(),
                    [
                        Some(100.0),
                        Some(100.0),
                        Some(50.0),
                        Some(2.0),
                        Some(1000.0),
                        Some(500.0),
                    ],
                ),
                (
                    "西镇".into(),
                    [Some(20.0), Some(20.0), Some(20.0), Some(1.0), None, None],
                ),
            ],
        )],
        &[
            (ym(2025, 3), [700.0, 90.0, 4.7, 770.0]),
            (ym(2026, 3), [710.0, 91.0, 4.8, 780.0]),
        ],
    );
    let usd = "美元";
    let submit = |m, unit: &str, rows| {
        fx.submit(m, &format!("{unit}.xlsx"), &form(unit, m, "万美元", rows));
    };
    submit(
        ym(2025, 3),
        "甲区",
        vec![foreign("新设", usd, Some(200.0), Some(150.0), Some(40.0))],
    );
    submit(
        ym(2025, 3),
        "东镇",
        vec![foreign("到资", usd, None, None, Some(20.0))],
    );
    submit(
        ym(2025, 3),
        "西镇",
        vec![foreign("增资", usd, Some(10.0), Some(10.0), None)],
    );
    submit(
        ym(2026, 3),
        "甲区",
        vec![foreign("新设", usd, Some(150.0), Some(120.0), Some(30.0))],
    );
    submit(
        ym(2026, 3),
        "乙区",
        vec![foreign("新设", usd, Some(10.0), Some(10.0), None)],
    );
    submit(
        ym(2026, 3),
        "东镇",
        vec![
            foreign("到资", usd, None, None, Some(25.0)),
            domestic(300.0, 100.0),
        ],
    );
    // 西镇 sends nothing for March.
    fx
}

/// The parts of a .docx a reader sees.
struct Docx {
    /// word/document.xml as written.
    xml: String,
    /// Every paragraph's text outside tables, in order.
    paragraphs: Vec<String>,
    /// Every table: rows of cell texts.
    tables: Vec<Vec<Vec<String>>>,
    /// Names of the files under word/media/.
    media: Vec<String>,
    /// The footers' XML.
    footers: Vec<String>,
    core: String,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn read_docx(path: &Path) -> Docx {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let xml = part("word/document.xml");
    let core = part("docProps/core.xml");
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    let footers = names
        .iter()
        .filter(|n| n.starts_with("word/footer"))
        .map(|n| {
            let mut text = String::new();
            zip.by_name(n).unwrap().read_to_string(&mut text).unwrap();
            text
        })
        .collect();
    let media = names
        .iter()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .cloned()
        .collect();
    let (mut paragraphs, mut tables) = (Vec::new(), Vec::new());
    let (mut text, mut depth) = (String::new(), 0);
    let (mut table, mut row): (Vec<Vec<String>>, Vec<String>) = (Vec::new(), Vec::new());
    let mut reader = Reader::from_str(&xml);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.local_name().as_ref() {
                "tbl" => depth += 1,
                "p" => text.clear(),
                _ => {}
            },
            Event::Text(t) => text.push_str(&unescape(t.as_ref())),
            Event::End(e) => match e.local_name().as_ref() {
                "p" if depth == 0 => paragraphs.push(std::mem::take(&mut text)),
                "tc" => row.push(std::mem::take(&mut text)),
                "tr" => table.push(std::mem::take(&mut row)),
                "tbl" => {
                    depth -= 1;
                    tables.push(std::mem::take(&mut table));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Docx {
        xml,
        paragraphs,
        tables,
        media,
        footers,
        core,
    }
}

fn has(docx: &Docx, text: &str) -> bool {
    docx.paragraphs.iter().any(|p| p == text)
}

#[test]
fn the_document_has_every_section_in_the_leaders_register() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 3));
    assert_eq!(
        outcome.document.file_name().unwrap(),
        "招商引资通报_2026-03.docx"
    );
    let docx = read_docx(&outcome.document);
    let p = &docx.paragraphs;

    // 版头 and title.
    assert!(has(&docx, "招商引资工作通报"), "{p:#?}");
    assert!(has(&docx, "2026年第3期"), "{p:#?}");
    assert!(has(&docx, "测试县招商局2026年4月　日"), "{p:#?}");
    assert!(has(&docx, "测试县2026年1-3月招商引资工作情况"), "{p:#?}");

    // The sections in order; no 四 without the prefecture's bulletins.
    let at = |h: &str| {
        p.iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h}: {p:#?}"))
    };
    let order = [
        at("一、总体情况"),
        at("二、各单位完成情况"),
        at("（一）开发区"),
        at("（二）镇"),
        at("三、需要关注的问题"),
        at("附件"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!p.iter().any(|x| x.contains("周边县市")));

    // 一: by hand. County 合同外资 160 (150 + 10), last year 210, target 620:
    // 同比 160/210−1 = −23.8%, 完成 25.8%, 时序进度 25% → +0.8; 注册外资 130
    // against 160 and 620: −18.75%, 20.97%, −4.03; 到帐外资 55 against 60 and
    // 370: −8.3%, 14.9%, −10.1; 资金到位率 55/160 = 34.4%.
    // 招商引资总额 = 注册内资 + 注册外资 at each month's USD rate: 300 (东镇)
    // + 130 × 7.10 = 1223万元; last year 160 × 7.00 = 1120 and no 内资:
    // 1223 / 1120 − 1 = 9.2%; no target column, so no 完成. The 时序进度
    // line says how it was set (3 ÷ 12).
    assert!(
        has(
            &docx,
            "今年1-3月时序进度为25.0%（3月÷12）。1-3月，全县实现招商引资总额1223万元，增长9.2%。"
        ),
        "{p:#?}"
    );
    assert!(
        has(
            &docx,
            "1-3月，全县合同外资160万美元，同比下降23.8%，完成年计划25.8%，超时序进度0.8个百分点。\
         1-3月，全县注册外资130万美元，同比下降18.8%，完成年计划21.0%，落后时序进度4.0个百分点。\
         1-3月，全县到帐外资55万美元，同比下降8.3%，完成年计划14.9%，落后时序进度10.1个百分点。\
         全县资金到位率（到帐外资÷合同外资）为34.4%。\
         按来源地看，合同外资中港资160万美元，下降23.8%，占100.0%。"
        ),
        "{p:#?}"
    );
    assert!(
        has(
            &docx,
            "1-3月，全县注册内资300万元，完成年计划30.0%，超时序进度5.0个百分点。\
         1-3月，全县到位内资100万元，完成年计划20.0%，落后时序进度5.0个百分点。"
        ),
        "{p:#?}"
    );

    // New enterprises: 甲区 and 乙区 新设 this March, 甲区 last March. The
    // three 新设 rows (two foreign, 东镇's domestic one) give no 总投资, so no
    // band counts them and the sentence says so. No form has a stage column:
    // no stage sentence.
    assert!(
        has(
            &docx,
            "1-3月，全县新批外资企业2家（去年同期1家），\
             总投资1000万元以上项目0个（去年同期0个），其中3000万元以上大项目0个（去年同期0个）；\
             另有3个新项目未填总投资或当月缺汇率，未计入按规模统计的项目数。"
        ),
        "{p:#?}"
    );
    assert!(!p.iter().any(|x| x.contains("新签项目")), "{p:#?}");

    // The top source: every row is from 香港, so 港资 is all of 合同外资 (160
    // against 210 last year).
    // 三, kind by kind: 乙区 10% of 合同外资 and 注册外资, 0 到帐外资; 甲区 15%
    // 到帐外资 (30/200); 东镇 0 合同/注册外资, 50% 到帐外资; 西镇 0 everywhere.
    // 时序进度 25%, so 脱幅 is 25 − 完成 and 黄牌 below 17.5%. The 脱幅
    // sentences pair 合同外资 with 到帐外资 (the 双脱幅 pair).
    for sentence in [
        "有1个开发区的合同外资出现脱幅（乙区15.0个百分点），\
         2个开发区的到帐外资出现脱幅（甲区10.0个百分点、乙区25.0个百分点），\
         其中1个开发区为双脱幅（乙区）。",
        "有2个镇的合同外资出现脱幅（东镇25.0个百分点、西镇25.0个百分点），\
         1个镇的到帐外资出现脱幅（西镇25.0个百分点），其中1个镇为双脱幅（西镇）。",
        "开发区中按时序进度完成低于70%的：合同外资有乙区（10.0%），注册外资有乙区（10.0%），\
         到帐外资有甲区（15.0%）、乙区（0.0%）（黄牌）。",
        "镇中按时序进度完成低于70%的：合同外资有东镇（0.0%）、西镇（0.0%），\
         注册外资有东镇（0.0%）、西镇（0.0%），到帐外资有西镇（0.0%）（黄牌）。",
        // Nothing on any of the three: 西镇 only (乙区 has 合同外资, 东镇 到帐外资).
        "还有1个单位未破零（西镇），合同外资、注册外资、到帐外资累计均为零。",
    ] {
        assert!(has(&docx, sentence), "{sentence}\n{p:#?}");
    }
    assert!(has(&docx, "3月未报送报表的单位1个：西镇。"), "{p:#?}");
}

#[test]
fn the_units_tables_show_the_by_region_figures() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 3));
    let docx = read_docx(&outcome.document);
    // Two kinds × three indicators (合同外资, 注册外资, 到帐外资).
    assert_eq!(docx.tables.len(), 6, "{:#?}", docx.tables);
    let header = [
        "单位",
        "累计",
        "同比(%)",
        "完成(%)",
        "进度差(百分点)",
        "排名",
    ];
    for table in &docx.tables {
        assert_eq!(table[0], header);
    }
    // By hand: 表1 开发区合同外资 and 表6 镇到帐外资.
    let rows = |t: &[&[&str]]| -> Vec<Vec<String>> {
        t.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    };
    assert_eq!(
        docx.tables[0][1..],
        rows(&[
            &["甲区", "150.00", "-25.0", "37.5", "12.5", "1"],
            &["乙区", "10.00", "—", "10.0", "-15.0", "2"],
            &["开发区小计", "160.00", "-20.0", "32.0", "7.0", ""],
        ])[..]
    );
    assert_eq!(
        docx.tables[5][1..],
        rows(&[
            &["东镇", "25.00", "25.0", "50.0", "25.0", "1"],
            &["西镇", "0.00", "—", "0.0", "-25.0", "2"],
            &["镇小计", "25.00", "25.0", "35.7", "10.7", ""],
        ])[..]
    );
    assert!(docx
        .paragraphs
        .iter()
        .any(|p| p == "表1　开发区合同外资完成情况（万美元）"));
    assert!(docx
        .paragraphs
        .iter()
        .any(|p| p == "表6　镇到帐外资完成情况（万美元）"));

    // Every figure equals the 分地区 sheet's, as its number formats show it.
    let sheet = read_sheet(&outcome.bulletin, "分地区");
    let slot = |name: &str| match name {
        "注册外资" => 0,
        "合同外资" => 1,
        "到帐外资" => 2,
        other => panic!("{other}"),
    };
    let captions: Vec<&String> = docx
        .paragraphs
        .iter()
        .filter(|p| p.starts_with('表'))
        .collect();
    for (caption, table) in captions.iter().zip(&docx.tables) {
        let indicator = ["合同外资", "注册外资", "到帐外资"]
            .into_iter()
            .find(|i| caption.contains(i))
            .unwrap();
        let first = 2 + slot(indicator) * 9;
        for row in &table[1..] {
            let r = row_of(&sheet, &row[0]);
            let shown = |col: u32, decimals: usize| match cell(&sheet, r, col) {
                Cell::Num(v) if decimals == 2 => format!("{v:.2}"),
                Cell::Num(v) if decimals == 0 => format!("{v:.0}"),
                Cell::Num(v) => format!("{v:.1}"),
                Cell::Text(t) => t,
            };
            let expected = [
                shown(first + 1, 2),
                shown(first + 3, 1),
                shown(first + 5, 1),
                shown(first + 6, 1),
                shown(first + 7, 0),
            ];
            // No figure here reaches 1,000, so no thousands separator.
            assert_eq!(row[1..], expected, "{caption} {}", row[0]);
        }
    }
}

#[test]
fn the_layout_images_and_bytes() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 3));
    let docx = read_docx(&outcome.document);
    let xml = &docx.xml;
    // A4, margins 37/35/28/26 mm in twips.
    assert!(
        xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "page size"
    );
    for (side, twips) in [
        ("top", 2098),
        ("bottom", 1984),
        ("left", 1587),
        ("right", 1474),
    ] {
        assert!(
            xml.contains(&format!(r#"w:{side}="{twips}""#)),
            "margin {side}"
        );
    }
    // Fonts by their Chinese names, exact 28 pt lines, 小标宋 二号 title.
    for font in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(xml.contains(&format!(r#"w:eastAsia="{font}""#)), "{font}");
    }
    assert!(
        xml.contains(r#"w:line="560" w:lineRule="exact""#)
            || xml.contains(r#"w:lineRule="exact" w:line="560""#)
    );
    assert!(xml.contains(r#"<w:sz w:val="44" />"#) || xml.contains(r#"<w:sz w:val="44"/>"#));
    // "— PAGE —" on odd (right) and even (left) pages.
    assert_eq!(docx.footers.len(), 2);
    for footer in &docx.footers {
        assert!(footer.contains("PAGE") && footer.contains("— "), "{footer}");
    }
    // The five charts, embedded, each with its caption.
    assert_eq!(docx.media.len(), 5, "{:?}", docx.media);
    assert_eq!(xml.matches("<pic:pic").count(), 5);
    for caption in ["图1　各单位完成年计划（%）与时序进度", "图4　", "图5　"] {
        assert!(
            docx.paragraphs.iter().any(|p| p.starts_with(caption)),
            "{caption}: {:#?}",
            docx.paragraphs
        );
    }
    let png = std::fs::read(outcome.document.with_file_name("charts/完成进度.png")).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&outcome.document).unwrap()).unwrap();
    let embedded: Vec<Vec<u8>> = docx
        .media
        .iter()
        .map(|n| {
            let mut bytes = Vec::new();
            zip.by_name(n).unwrap().read_to_end(&mut bytes).unwrap();
            bytes
        })
        .collect();
    assert!(
        embedded.contains(&png),
        "the chart PNG is embedded as drawn"
    );
    // No run date in docProps; in the manifest's outputs.
    assert!(docx.core.contains("2000-01-01T00:00:00Z"), "{}", docx.core);
    let manifest = std::fs::read_to_string(&outcome.manifest).unwrap();
    assert!(manifest.contains("招商引资通报_2026-03.docx"));

    // The same inputs give the same bytes.
    let again = tempfile::tempdir().unwrap();
    let folders = Folders {
        data: fx.data.clone(),
        out: again.path().join("output"),
        store: again.path().join("store"),
    };
    let second = run_month(&RunConfig::load(&folders, Some(ym(2026, 3))).unwrap()).unwrap();
    assert!(
        std::fs::read(&outcome.document).unwrap() == std::fs::read(&second.document).unwrap(),
        "two runs on the same inputs wrote different .docx bytes"
    );
}
