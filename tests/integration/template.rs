//! `zhaoshang template`: the form read back with calamine (prefilled cells,
//! 1-N月累计 carried from the store), its sheet XML (validations, formulas,
//! protection, the hidden list sheet), and the round trip — the form filled
//! in as a unit would, cell by cell in the sheet XML with the values Excel
//! would compute for the formulas worked out by hand, read back by `run`.

use crate::common::{cell, domestic, foreign, form, read_sheet, row_of, ym, Cell, Fixture};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use zhaoshang::app::pipeline::check_files;
use zhaoshang::demo::form::DETAIL_HEADERS;
use zhaoshang::foundation::issue::Severity;
use zhaoshang::template::write_templates;

/// 甲区 (a zone) and 东镇 (a town); January to March 2025 and January,
/// February 2026 run into the store; the forms are for March 2026.
fn fixture() -> Fixture {
    let fx = Fixture::new(
        &[("甲区", "开发区"), ("东镇", "镇")],
        &[(
            2026,
            vec![
                (
                    "甲区".into(),
                    [Some(400.0), Some(400.0), Some(200.0), Some(4.0), None, None],
                ),
                (
                    "东镇".into(),
                    [
                        Some(50.0),
                        Some(50.0),
                        Some(50.0),
                        Some(1.0),
                        Some(1000.0),
                        Some(500.0),
                    ],
                ),
            ],
        )],
        &[
            (ym(2025, 1), [700.0, 90.0, 4.7, 770.0]),
            (ym(2025, 2), [700.0, 90.0, 4.7, 770.0]),
            (ym(2025, 3), [700.0, 90.0, 4.7, 770.0]),
            (ym(2026, 1), [710.0, 91.0, 4.8, 780.0]),
            (ym(2026, 2), [710.0, 91.0, 4.8, 780.0]),
            (ym(2026, 3), [710.0, 91.0, 4.8, 780.0]),
        ],
    );
    let usd = "美元";
    let submit = |m, unit: &str, rows| {
        fx.submit(
            m,
            &format!("{unit}_{m}.xlsx"),
            &form(unit, m, "万美元", rows),
        );
    };
    submit(
        ym(2025, 1),
        "甲区",
        vec![foreign("新设", usd, Some(100.0), Some(90.0), None)],
    );
    submit(
        ym(2025, 2),
        "甲区",
        vec![foreign("到资", usd, None, None, Some(40.0))],
    );
    submit(ym(2025, 3), "东镇", vec![domestic(200.0, 50.0)]);
    submit(
        ym(2026, 1),
        "甲区",
        vec![foreign("新设", usd, Some(100.0), Some(80.0), Some(10.0))],
    );
    submit(
        ym(2026, 2),
        "甲区",
        vec![foreign("增资", usd, Some(20.0), Some(20.0), None)],
    );
    submit(ym(2026, 2), "东镇", vec![domestic(300.0, 100.0)]);
    let outcome = fx.run(ym(2026, 2));
    assert_eq!((outcome.errors, outcome.warnings), (0, 0));
    fx
}

fn forms(fx: &Fixture, unit: Option<&str>) -> Vec<PathBuf> {
    write_templates(&fx.config(Some(ym(2026, 3))), unit).unwrap()
}

fn zip_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
fn n(x: f64) -> Cell {
    Cell::Num(x)
}

#[test]
fn the_form_is_prefilled_and_carries_the_store() {
    let fx = fixture();
    let written = forms(&fx, None);
    let names: Vec<String> = written
        .iter()
        .map(|p| {
            p.strip_prefix(&fx.out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        names,
        [
            "templates/2026-03/甲区_2026-03.xlsx",
            "templates/2026-03/东镇_2026-03.xlsx"
        ]
    );
    assert_eq!(forms(&fx, Some("东镇人民政府")).len(), 1);
    let err = write_templates(&fx.config(Some(ym(2026, 3))), Some("南镇")).unwrap_err();
    assert!(err.to_string().contains("南镇"), "{err}");

    let detail = read_sheet(&written[0], "项目明细");
    assert_eq!(cell(&detail, 0, 0), t("2026年3月甲区招商引资项目明细表"));
    assert_eq!(
        cell(&detail, 1, 0),
        t("填报单位：甲区　　单位：万美元（内资为万元）")
    );
    assert_eq!(cell(&detail, 1, 12), t("报出日期：　　年　　月　　日"));
    for (c, h) in DETAIL_HEADERS.iter().enumerate() {
        assert_eq!(cell(&detail, 2, c as u32), t(h));
    }
    assert_eq!(cell(&detail, 33, 1), t("合计"));
    assert_eq!(cell(&detail, 33, 9), n(0.0));

    // 汇总表: 1-3月累计 = 本月 (0) + January and February from the store;
    // 去年同期 = January to March 2025. By hand, 甲区: 注册外资 80 + 20,
    // 合同外资 100 + 20, 到帐外资 10, one new enterprise; last year 90, 100,
    // 40, 1. 同比 (100/90 − 1) × 100 = 11.11, (120/100 − 1) × 100 = 20,
    // (10/40 − 1) × 100 = −75, 0.
    let summary = read_sheet(&written[0], "汇总表");
    assert_eq!(cell(&summary, 0, 0), t("2026年1-3月甲区招商引资情况汇总表"));
    let headers = [
        "指标",
        "计量单位",
        "本月",
        "1-3月累计",
        "去年同期",
        "同比±%",
    ];
    for (c, h) in headers.iter().enumerate() {
        assert_eq!(cell(&summary, 2, c as u32), t(h));
    }
    let expected = [
        ("注册外资", "万美元", 100.0, 90.0, n(11.11)),
        ("合同外资", "万美元", 120.0, 100.0, n(20.0)),
        ("到帐外资", "万美元", 10.0, 40.0, n(-75.0)),
        ("新设外商投资企业数", "个", 1.0, 1.0, n(0.0)),
        ("注册内资", "万元", 0.0, 0.0, t("—")),
        ("到位内资", "万元", 0.0, 0.0, t("—")),
    ];
    for (i, (name, unit, cumulative, last_year, yoy)) in expected.into_iter().enumerate() {
        let r = 3 + i as u32;
        assert_eq!(cell(&summary, r, 0), t(name));
        assert_eq!(cell(&summary, r, 1), t(unit));
        assert_eq!(cell(&summary, r, 2), n(0.0), "{name} 本月");
        assert_eq!(cell(&summary, r, 3), n(cumulative), "{name} 累计");
        assert_eq!(cell(&summary, r, 4), n(last_year), "{name} 去年同期");
        assert_eq!(cell(&summary, r, 5), yoy, "{name} 同比");
    }
    // 东镇: 注册内资 300 and 到位内资 100 in February; 200 and 50 last March.
    let town = read_sheet(&written[1], "汇总表");
    assert_eq!(cell(&town, 7, 3), n(300.0));
    assert_eq!(cell(&town, 8, 4), n(50.0));
    assert_eq!(cell(&town, 7, 5), n(50.0));
}

#[test]
fn the_sheet_xml_has_the_lists_validations_formulas_and_protection() {
    let fx = fixture();
    let path = &forms(&fx, Some("甲区"))[0];
    let workbook = zip_part(path, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"<sheet name="下拉选项" sheetId="3" state="hidden""#),
        "{workbook}"
    );
    let detail = zip_part(path, "xl/worksheets/sheet1.xml");
    let summary = zip_part(path, "xl/worksheets/sheet2.xml");
    let lists = zip_part(path, "xl/worksheets/sheet3.xml");
    for xml in [&detail, &summary, &lists] {
        assert!(
            xml.contains("<sheetProtection"),
            "every sheet protected, without a password"
        );
        assert!(!xml.contains("password="));
    }
    // Lists from the hidden sheet on the open rows 4–33.
    let list = |col: &str, range: &str| {
        format!(r#"sqref="{col}4:{col}33"><formula1>'下拉选项'!{range}</formula1>"#)
    };
    for (col, range) in [
        ("D", "$A$2:$A$3"),
        ("H", "$B$2:$B$5"),
        ("M", "$C$2:$C$6"),
        ("E", "$D$2"),
        ("F", "$D$2"),
        ("G", "$E$2"),
    ] {
        let expected = list(col, range);
        let prefix = &expected[..expected.find(range).unwrap() + range.len()];
        assert!(detail.contains(prefix), "{col}: {prefix}");
    }
    let validations: Vec<&str> = detail.split("<dataValidation ").skip(1).collect();
    for col in ["I", "J", "K", "L"] {
        let sqref = format!("sqref=\"{col}4:{col}33\"");
        assert!(
            validations
                .iter()
                .any(|v| v.starts_with(r#"type="decimal""#)
                    && v.contains(r#"promptTitle="金额""#)
                    && v.contains(&sqref)),
            "{col}"
        );
    }
    assert!(detail.contains(r#"type="date""#) && detail.contains(r#"sqref="N4:N33""#));
    for col in ["I", "J", "K", "L"] {
        assert!(
            detail.contains(&format!("<f>SUM({col}4:{col}33)</f>")),
            "合计 {col}"
        );
    }
    // 本月 adds up the detail by indicator; 累计 is 本月 plus the store's months.
    assert!(summary.contains(
        "<f>SUMIFS('项目明细'!K4:K33,'项目明细'!D4:D33,\"外资\",'项目明细'!M4:M33,\"\")+SUMIFS('项目明细'!K4:K33,'项目明细'!D4:D33,\"外资\",'项目明细'!M4:M33,\"美元\")+"
    ), "{summary}");
    assert!(
        summary.contains("<f>COUNTIFS('项目明细'!D4:D33,\"外资\",'项目明细'!H4:H33,\"新设\")</f>")
    );
    assert!(summary.contains("<f>SUMIFS('项目明细'!K4:K33,'项目明细'!D4:D33,\"内资\")</f>"));
    assert!(summary.contains("<f>C4+100</f>") && summary.contains("<f>C5+120</f>"));
    // The lists themselves: 资本类别, 事项, 币种 with a rate, sources, industries.
    let list_sheet = read_sheet(path, "下拉选项");
    let column = |c: u32| -> Vec<String> {
        (1..list_sheet.height() as u32)
            .filter_map(|r| match cell(&list_sheet, r, c) {
                Cell::Text(s) if !s.is_empty() => Some(s),
                _ => None,
            })
            .collect()
    };
    assert_eq!(column(0), ["外资", "内资"]);
    assert_eq!(column(1), ["新设", "增资", "减资", "到资"]);
    assert_eq!(column(2), ["美元", "人民币", "欧元", "港元", "日元"]);
    assert!(column(3).contains(&"中国香港".to_string()));
    let industries = column(4);
    assert_eq!(industries[0], "01 农业");
    assert!(industries.contains(&"26 化学原料和化学制品制造业".to_string()));
    assert!(industries.contains(&"精细化工".to_string()));
    // Header locked, open cells unlocked: the open cells' style has
    // <protection locked="0"/>, the header's has none.
    let styles = zip_part(path, "xl/styles.xml");
    assert!(styles.contains(r#"<protection locked="0"/>"#));
}

/// Writes `values` into the sheet XML `part` of the workbook at `path` as a
/// unit's spreadsheet program would save them: text as inline strings,
/// numbers as numbers, and for a formula cell the value it calculated.
fn fill(path: &Path, part: &str, values: &[(&str, Value)]) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        entries.push((file.name().unwrap().to_string(), bytes));
    }
    for (name, bytes) in &mut entries {
        if name == part {
            let mut xml = String::from_utf8(bytes.clone()).unwrap();
            for (a1, value) in values {
                xml = set_cell(&xml, a1, value);
            }
            *bytes = xml.into_bytes();
        }
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

enum Value {
    Text(&'static str),
    Num(f64),
}

fn set_cell(xml: &str, a1: &str, value: &Value) -> String {
    let open = format!("<c r=\"{a1}\"");
    let start = xml.find(&open).unwrap_or_else(|| panic!("no cell {a1}"));
    let rest = &xml[start..];
    let head_end = rest.find('>').unwrap();
    let self_closing = rest[..head_end].ends_with('/');
    let end = if self_closing {
        head_end + 1
    } else {
        rest.find("</c>").unwrap() + 4
    };
    let element = &rest[..end];
    let style = element
        .split("s=\"")
        .nth(1)
        .map(|s| format!(" s=\"{}\"", &s[..s.find('"').unwrap()]))
        .unwrap_or_default();
    let formula = element
        .find("<f>")
        .map(|i| element[i..element.find("</f>").unwrap() + 4].to_string());
    let new = match (value, formula) {
        (Value::Num(v), Some(f)) => format!("<c r=\"{a1}\"{style}>{f}<v>{v}</v></c>"),
        (Value::Num(v), None) => format!("<c r=\"{a1}\"{style}><v>{v}</v></c>"),
        (Value::Text(s), None) => {
            format!("<c r=\"{a1}\"{style} t=\"inlineStr\"><is><t>{s}</t></is></c>")
        }
        (Value::Text(_), Some(_)) => panic!("{a1} is a formula"),
    };
    format!("{}{new}{}", &xml[..start], &rest[end..])
}

use Value::{Num, Text};

/// 甲区's March as a unit fills it in: a 新设 in 美元, an 增资 of 710万港元
/// (91万美元 at March's 91/710) and a 内资 新设, every list value picked from
/// its list; the formulas' values as Excel computes them, by hand.
fn filled_march(fx: &Fixture) -> PathBuf {
    let form = &forms(fx, Some("甲区"))[0];
    let submitted = fx.data.join("submissions/2026-03/甲区_2026-03.xlsx");
    std::fs::create_dir_all(submitted.parent().unwrap()).unwrap();
    std::fs::copy(form, &submitted).unwrap();
    fill(
        &submitted,
        "xl/worksheets/sheet1.xml",
        &[
            ("M2", Text("报出日期：2026年4月3日")),
            ("A4", Num(1.0)),
            ("B4", Text("新能源电池项目")),
            ("C4", Text("香港某某投资有限公司")),
            ("D4", Text("外资")),
            ("E4", Text("中国香港")),
            ("G4", Text("38 电气机械和器材制造业")),
            ("H4", Text("新设")),
            ("I4", Num(500.0)),
            ("J4", Num(200.0)),
            ("K4", Num(150.0)),
            ("L4", Num(50.0)),
            ("M4", Text("美元")),
            ("N4", Num(46083.0)),
            ("A5", Num(2.0)),
            ("B5", Text("精密模具增资")),
            ("C5", Text("某某模具（香港）有限公司")),
            ("D5", Text("外资")),
            ("E5", Text("中国香港")),
            ("G5", Text("精细化工")),
            ("H5", Text("增资")),
            ("J5", Num(710.0)),
            ("K5", Num(710.0)),
            ("M5", Text("港元")),
            ("N5", Num(46090.0)),
            ("A6", Num(3.0)),
            ("B6", Text("汽车零部件项目")),
            ("C6", Text("上海某某集团")),
            ("D6", Text("内资")),
            ("E6", Text("上海")),
            ("G6", Text("汽车零部件")),
            ("H6", Text("新设")),
            ("K6", Num(300.0)),
            ("L6", Num(120.0)),
            // 合计 as written: 500; 200 + 710; 150 + 710 + 300; 50 + 120.
            ("I34", Num(500.0)),
            ("J34", Num(910.0)),
            ("K34", Num(1160.0)),
            ("L34", Num(170.0)),
        ],
    );
    // 本月: 注册外资 150 + 710 × 91/710 = 241, 合同外资 200 + 91 = 291,
    // 到帐外资 50, one new foreign enterprise, 注册内资 300, 到位内资 120;
    // 累计 adds January and February (100, 120, 10, 1, 0, 0); 同比 against
    // 90, 100, 40, 1, 0, 0.
    fill(
        &submitted,
        "xl/worksheets/sheet2.xml",
        &[
            ("C4", Num(241.0)),
            ("D4", Num(341.0)),
            ("F4", Num(278.89)),
            ("C5", Num(291.0)),
            ("D5", Num(411.0)),
            ("F5", Num(311.0)),
            ("C6", Num(50.0)),
            ("D6", Num(60.0)),
            ("F6", Num(50.0)),
            ("C7", Num(1.0)),
            ("D7", Num(2.0)),
            ("F7", Num(100.0)),
            ("C8", Num(300.0)),
            ("D8", Num(300.0)),
            ("C9", Num(120.0)),
            ("D9", Num(120.0)),
        ],
    );
    submitted
}

#[test]
fn a_filled_form_is_read_back_with_no_issue() {
    let fx = fixture();
    filled_march(&fx);
    // 东镇 returns its form as it came: nothing in March.
    let town = &forms(&fx, Some("东镇"))[0];
    std::fs::copy(town, fx.data.join("submissions/2026-03/东镇_2026-03.xlsx")).unwrap();
    let outcome = fx.run(ym(2026, 3));
    let issues = std::fs::read(&outcome.audit).unwrap();
    assert!(!issues.is_empty());
    let audit = read_sheet(&outcome.audit, "问题清单");
    assert_eq!(
        (outcome.errors, outcome.warnings),
        (0, 0),
        "{:?}",
        (0..audit.height() as u32)
            .map(|r| (0..8).map(|c| cell(&audit, r, c)).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
    assert_eq!(outcome.receipts.received(), ["甲区", "东镇"]);
    // By hand, 1-3月 of 甲区: 注册外资 80 + 20 + 241 = 341, 合同外资 411,
    // 到帐外资 60, 2 new enterprises; 注册内资 300, 到位内资 120.
    let sheet = read_sheet(&outcome.bulletin, "分地区");
    let r = row_of(&sheet, "甲区");
    for (slot, this_month, ytd) in [
        (0, 241.0, 341.0),
        (1, 291.0, 411.0),
        (2, 50.0, 60.0),
        (3, 1.0, 2.0),
        (4, 300.0, 300.0),
        (5, 120.0, 120.0),
    ] {
        let col = 2 + slot * 9;
        for (c, expected) in [(col, this_month), (col + 1, ytd)] {
            match cell(&sheet, r, c) {
                Cell::Num(v) => {
                    assert!((v - expected).abs() < 1e-6, "slot {slot}: {v} ≠ {expected}")
                }
                other => panic!("slot {slot}: {other:?}"),
            }
        }
    }
    let east = row_of(&sheet, "东镇");
    assert_eq!(cell(&sheet, east, 1), t("已报（1月未报）"));
    assert_eq!(cell(&sheet, east, 2), n(0.0));
}

#[test]
fn a_value_outside_a_list_is_still_read_and_named() {
    let fx = fixture();
    let submitted = filled_march(&fx);
    // Pasted over the drop-down: validation does not stop a paste.
    fill(
        &submitted,
        "xl/worksheets/sheet1.xml",
        &[("E4", Text("火星")), ("H5", Text("转让"))],
    );
    let checked = check_files(&fx.config(None), &[submitted]).unwrap();
    let issues: Vec<(String, String, Option<String>, Severity)> = checked.subs[0]
        .issues
        .iter()
        .map(|i| {
            (
                i.rule.id().to_string(),
                i.location.a1().unwrap_or_default(),
                i.raw.clone(),
                i.severity(),
            )
        })
        .collect();
    assert!(
        issues.contains(&(
            "cell.source_unknown".to_string(),
            "E4".to_string(),
            Some("火星".to_string()),
            Severity::Warning
        )),
        "{issues:#?}"
    );
    assert!(
        issues
            .iter()
            .any(|(_, a1, raw, _)| a1 == "H5" && raw.as_deref() == Some("转让")),
        "{issues:#?}"
    );
}
