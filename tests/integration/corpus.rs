//! The drift corpus: the bureau's form as units really fill it in — headers
//! moved, renamed, in Traditional characters or on two merged rows, columns
//! reordered, added or left out, numbers and dates typed every way, units and
//! currencies stated in every place — each workbook made here, with the facts
//! it must give worked out by hand beside it. Copies converted by LibreOffice
//! (.xls, .ods, .xlsm, re-saved .xlsx) are committed in tests/fixtures/formats/
//! and must give the same facts (tests/fixtures/formats/README.md).

use crate::common::{check, small_fixture, template_row1, template_row2, ym, Fixture, Grid};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use zhaoshang::demo::form::DETAIL_HEADERS;
use zhaoshang::foundation::issue::Severity;
use zhaoshang::foundation::model::Indicator::{self, *};
use zhaoshang::foundation::unit_id::UnitId;
use zhaoshang::ingest::{read_submission, SubmissionFile};
use zhaoshang::normalize::submission::NormalizedSubmission;

const HK: Option<&str> = Some("中国香港");
const JP: Option<&str> = Some("日本");
/// CNY per 100 units in 2026-10 in the small fixture.
const USD: f64 = 720.0;
const HKD: f64 = 92.0;
const JPY: f64 = 4.9;
const EUR: f64 = 790.0;

/// A fact a case must give: canonical amount (万美元 / 万元 / count).
#[derive(Clone, Debug)]
struct Exp {
    indicator: Indicator,
    amount: f64,
    source: Option<&'static str>,
    industry: Option<&'static str>,
    date: Option<NaiveDate>,
}

fn e(
    indicator: Indicator,
    amount: f64,
    source: Option<&'static str>,
    industry: Option<&'static str>,
) -> Exp {
    Exp {
        indicator,
        amount,
        source,
        industry,
        date: None,
    }
}

/// A summary figure: no source, no industry.
fn s(indicator: Indicator, amount: f64) -> Exp {
    e(indicator, amount, None, None)
}

struct Case {
    /// Also the start of the file's name, "c07".
    id: &'static str,
    /// The file name after the id: what it shows of the unit and month.
    file: &'static str,
    unit: &'static str,
    sheets: Vec<Grid>,
    expect: Vec<Exp>,
    /// Warning rule ids the case must give, sorted; no error is allowed.
    warnings: Vec<&'static str>,
}

impl Case {
    fn file_name(&self) -> String {
        format!("{}_{}", self.id, self.file)
    }
}

// ---- the template's pieces -------------------------------------------------

const TITLE: &str = "2026年10月东镇招商引资项目明细表";
const META: &str = "填报单位：东镇人民政府　　单位：万美元　　报出日期：2026年11月5日";
const FOOTER: &str = "填表人：张三　　审核人：李四　　联系电话：12345678";

fn row1() -> Vec<&'static str> {
    template_row1()
}

fn row2() -> Vec<&'static str> {
    template_row2()
}

fn total_row(amounts: [&'static str; 4]) -> Vec<&'static str> {
    let mut row = vec!["", "合计", "", "", "", "", "", ""];
    row.extend(amounts);
    row
}

/// The facts of [`row1`] and [`row2`] in 万美元.
fn base() -> Vec<Exp> {
    base_with([200.0, 100.0, 80.0, 20.0])
}

/// As [`base`], with [`row1`]'s 总投资, 合同, 注册 and 到帐 amounts (万美元) given.
fn base_with([total, contracted, registered, arrived]: [f64; 4]) -> Vec<Exp> {
    vec![
        e(TotalInvestment, total, HK, Some("26")),
        e(ContractedFdi, contracted, HK, Some("26")),
        e(RegisteredFdi, registered, HK, Some("26")),
        e(ArrivedFdi, arrived, HK, Some("26")),
        e(NewFieCount, 1.0, HK, Some("26")),
        e(ArrivedFdi, 50.0, JP, Some("39")),
    ]
}

/// Template rows (header, data, 合计) with columns taken in `order` (indices
/// into the template's 15 columns); a column not named is left out.
fn pick(rows: Vec<Vec<&'static str>>, order: &[usize]) -> Vec<Vec<&'static str>> {
    rows.into_iter()
        .map(|row| {
            order
                .iter()
                .map(|&i| row.get(i).copied().unwrap_or(""))
                .collect()
        })
        .collect()
}

fn template_table() -> Vec<Vec<&'static str>> {
    vec![
        DETAIL_HEADERS.to_vec(),
        row1(),
        row2(),
        total_row(["200", "100", "80", "70"]),
    ]
}

/// A detail sheet: rows above, the table, rows below.
fn sheet(
    name: &str,
    top: Vec<Vec<&'static str>>,
    table: Vec<Vec<&'static str>>,
    bottom: Vec<Vec<&'static str>>,
) -> Grid {
    Grid::new(name, top.into_iter().chain(table).chain(bottom).collect())
}

fn standard(table: Vec<Vec<&'static str>>) -> Grid {
    sheet(
        "项目明细",
        vec![vec![TITLE], vec![META]],
        table,
        vec![vec![], vec![FOOTER]],
    )
}

/// A one-table case of 东镇 in the October folder.
fn case(id: &'static str, sheets: Vec<Grid>, expect: Vec<Exp>) -> Case {
    Case {
        id,
        file: "东镇_2026-10.xlsx",
        unit: "东镇",
        sheets,
        expect,
        warnings: Vec::new(),
    }
}

fn date(m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, m, d)
}

// ---- the cases ---------------------------------------------------------------

fn cases() -> Vec<Case> {
    let mut cases = vec![
        case("c01", vec![standard(template_table())], base()),
        // No title or meta row: unit and month from the file name, money unit
        // from the header suffixes.
        case(
            "c02",
            vec![Grid::new(
                "Sheet1",
                vec![
                    [
                        &DETAIL_HEADERS[..8],
                        &[
                            "总投资(万美元)",
                            "合同外资（万美元）",
                            "注册外资(万美元)",
                            "到帐外资（万美元）",
                        ],
                        &DETAIL_HEADERS[12..],
                    ]
                    .concat(),
                    row1(),
                    row2(),
                ],
            )],
            base(),
        ),
        // Header on row 8 under two title lines, blank rows and a note.
        case(
            "c03",
            vec![sheet(
                "项目明细",
                vec![
                    vec!["示范县商务局"],
                    vec![TITLE],
                    vec![],
                    vec![META],
                    vec![],
                    vec!["说明：本月新签及到资项目均需填列"],
                    vec![],
                ],
                template_table(),
                vec![vec![FOOTER]],
            )],
            base(),
        ),
        // Columns in another order.
        case(
            "c04",
            vec![standard(pick(
                template_table(),
                &[0, 1, 9, 10, 11, 8, 12, 7, 3, 4, 5, 6, 2, 13, 14],
            ))],
            base(),
        ),
        // Every column named by a synonym.
        case(
            "c05",
            vec![standard(
                [
                    vec![
                        "编号",
                        "企业名称",
                        "外方投资者",
                        "内外资",
                        "国别(地区)",
                        "最终来源地",
                        "所属行业",
                        "项目类型",
                        "总投资",
                        "协议外资",
                        "外方注册资本",
                        "实际使用外资",
                        "币别",
                        "签约日期",
                        "说明",
                    ],
                    row1(),
                    row2(),
                    total_row(["200", "100", "80", "70"]),
                ]
                .to_vec(),
            )],
            base(),
        ),
        // Traditional characters in labels, meta row and cells.
        case(
            "c06",
            vec![sheet(
                "項目明細",
                vec![
                    vec!["2026年10月東鎮招商引資項目明細表"],
                    vec!["填報單位：東鎮人民政府　　單位：萬美元　　報出日期：2026年11月5日"],
                ],
                vec![
                    vec![
                        "序號",
                        "項目名稱",
                        "投資方",
                        "資本類別",
                        "來源地",
                        "實際來源地",
                        "行業",
                        "事項",
                        "總投資",
                        "合同外資",
                        "註冊外資",
                        "到帳外資",
                        "幣種",
                        "批准日期",
                        "備註",
                    ],
                    vec![
                        "1",
                        "甲精密項目",
                        "香港甲公司",
                        "外資",
                        "香港",
                        "",
                        "精細化工",
                        "新設",
                        "200",
                        "100",
                        "80",
                        "20",
                        "美元",
                        "2026年10月3日",
                        "",
                    ],
                    vec![
                        "2",
                        "乙電子項目",
                        "日本乙株式會社",
                        "外資",
                        "日本",
                        "",
                        "電子",
                        "到資",
                        "",
                        "",
                        "",
                        "50",
                        "美元",
                        "2026年10月9日",
                        "",
                    ],
                    vec!["", "合計", "", "", "", "", "", "", "200", "100", "80", "70"],
                ],
                vec![vec!["填表人：張三　　審核人：李四"]],
            )],
            base(),
        ),
        // Full-width brackets, ideographic and stray spaces inside labels.
        case(
            "c07",
            vec![standard(vec![
                vec![
                    "序　号",
                    "项 目 名 称",
                    "投资方",
                    "资本类别",
                    "来源地　",
                    "实际来源地",
                    "行　业",
                    "事 项",
                    "总投资（万美元）",
                    "合同外资（万美元）",
                    " 注册外资 ",
                    "到帐外资",
                    "币　种",
                    "批准日期",
                    "备　注",
                ],
                row1(),
                row2(),
                total_row(["200", "100", "80", "70"])
                    .into_iter()
                    .map(|c| if c == "合计" { "合　　计" } else { c })
                    .collect(),
            ])],
            base(),
        ),
        // Extra columns and a blank column in the middle.
        case("c08", vec![standard(extra_columns())], base()),
        // Blank rows between the data rows and before the 合计.
        case(
            "c09",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                vec![],
                row1(),
                vec![],
                vec![],
                row2(),
                vec![],
                total_row(["200", "100", "80", "70"]),
            ])],
            base(),
        ),
        // Optional columns left out: 实际来源地, 总投资, 批准日期, 备注.
        case(
            "c10",
            vec![standard(pick(
                template_table(),
                &[0, 1, 2, 3, 4, 6, 7, 9, 10, 11, 12],
            ))],
            base().into_iter().skip(1).collect(),
        ),
        case("c11", vec![two_level_detail()], base()),
        case(
            "c12",
            vec![wide_summary(vec![vec![
                "东镇", "100", "500", "80", "300", "70", "400", "1", "5",
            ]])],
            vec![
                s(ContractedFdi, 100.0),
                s(RegisteredFdi, 80.0),
                s(ArrivedFdi, 70.0),
                s(NewFieCount, 1.0),
            ],
        ),
        case("c13", vec![narrow_summary()], summary_facts()),
        // Both sheets renamed, the summary first.
        case(
            "c14",
            vec![
                {
                    // Without 注册内资, which the detail does not have.
                    let mut summary = narrow_summary();
                    summary.sheet = "Sheet1".into();
                    summary.cells.pop();
                    summary
                },
                Grid {
                    sheet: "Sheet2".into(),
                    ..standard(template_table())
                },
            ],
            base(),
        ),
        // Numbers stored as text, with thousands separators.
        case(
            "c15",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                set(
                    row1(),
                    &[(8, "'2,000"), (9, "1,000.5"), (10, "'800"), (11, "1,234")],
                ),
                row2(),
                total_row(["2,000", "1,000.5", "800", "1,284"]),
            ])],
            base_with([2000.0, 1000.5, 800.0, 1234.0]),
        ),
        // Full-width digits and points, ideographic spaces around numbers.
        case(
            "c16",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                set(
                    row1(),
                    &[
                        (8, "２００"),
                        (9, "１００．５"),
                        (10, "\u{3000}８０\u{3000}"),
                        (11, " 20 "),
                    ],
                ),
                row2(),
                total_row(["200", "100.5", "80", "70"]),
            ])],
            base_with([200.0, 100.5, 80.0, 20.0]),
        ),
        // "—", "无", "/" and "－" for nothing.
        case(
            "c17",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                set(row1(), &[(11, "/")]),
                set(row2(), &[(8, "－"), (9, "—"), (10, "无")]),
                total_row(["200", "100", "80", "50"]),
            ])],
            vec![
                e(TotalInvestment, 200.0, HK, Some("26")),
                e(ContractedFdi, 100.0, HK, Some("26")),
                e(RegisteredFdi, 80.0, HK, Some("26")),
                e(ArrivedFdi, 0.0, HK, Some("26")),
                e(NewFieCount, 1.0, HK, Some("26")),
                e(TotalInvestment, 0.0, JP, Some("39")),
                e(ContractedFdi, 0.0, JP, Some("39")),
                e(RegisteredFdi, 0.0, JP, Some("39")),
                e(ArrivedFdi, 50.0, JP, Some("39")),
            ],
        ),
        // 减资 written in parentheses, and written positive.
        case(
            "c18",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                set(row2(), &[(7, "减资"), (9, "(30)"), (10, "30"), (11, "")]),
                set(
                    row2(),
                    &[(0, "3"), (7, "减资"), (9, "１２.５"), (10, ""), (11, "")],
                ),
            ])],
            vec![
                e(ContractedFdi, -30.0, JP, Some("39")),
                e(RegisteredFdi, -30.0, JP, Some("39")),
                e(ContractedFdi, -12.5, JP, Some("39")),
            ],
        ),
        // Units written inside the cells override the units row (千美元).
        case(
            "c19",
            vec![sheet(
                "项目明细",
                vec![
                    vec![TITLE],
                    vec!["填报单位：东镇人民政府　　金额单位：千美元"],
                ],
                vec![
                    DETAIL_HEADERS.to_vec(),
                    set(
                        row1(),
                        &[
                            (8, "1.2亿美元"),
                            (9, "120万美元"),
                            (10, "500"),
                            (11, "800万港元"),
                        ],
                    ),
                ],
                vec![],
            )],
            vec![
                e(TotalInvestment, 12000.0, HK, Some("26")),
                e(ContractedFdi, 120.0, HK, Some("26")),
                e(RegisteredFdi, 50.0, HK, Some("26")),
                e(ArrivedFdi, 800.0 * HKD / USD, HK, Some("26")),
                e(NewFieCount, 1.0, HK, Some("26")),
            ],
        ),
        // A 币种 per row under 单位：万美元: 万港元, 万日元, 万欧元.
        case(
            "c20",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                set(
                    row1(),
                    &[(8, ""), (9, "100"), (10, ""), (11, ""), (12, "港元")],
                ),
                set(row2(), &[(11, "1000"), (12, "日元")]),
                set(row2(), &[(0, "3"), (10, "10"), (11, ""), (12, "EUR")]),
            ])],
            vec![
                e(ContractedFdi, 100.0 * HKD / USD, HK, Some("26")),
                e(NewFieCount, 1.0, HK, Some("26")),
                e(ArrivedFdi, 1000.0 * JPY / USD, JP, Some("39")),
                e(RegisteredFdi, 10.0 * EUR / USD, JP, Some("39")),
            ],
        ),
        // A 计量单位 column per row.
        case(
            "c21",
            vec![standard(vec![
                [&DETAIL_HEADERS[..], &["计量单位"]].concat(),
                set(
                    row1(),
                    &[
                        (8, ""),
                        (9, "1000"),
                        (10, ""),
                        (11, ""),
                        (12, ""),
                        (15, "千美元"),
                    ],
                ),
                set(row2(), &[(11, "720"), (12, ""), (15, "万元")]),
            ])],
            vec![
                e(ContractedFdi, 100.0, HK, Some("26")),
                e(NewFieCount, 1.0, HK, Some("26")),
                e(ArrivedFdi, 720.0 * 100.0 / USD, JP, Some("39")),
            ],
        ),
        // Units only in the header suffixes: 千美元 and 美元, no units row.
        case(
            "c22",
            vec![sheet(
                "项目明细",
                vec![vec![TITLE], vec!["填报单位：东镇人民政府"]],
                vec![
                    [
                        &DETAIL_HEADERS[..8],
                        &[
                            "总投资(千美元)",
                            "合同外资(千美元)",
                            "注册外资(千美元)",
                            "到帐外资(美元)",
                        ],
                        &DETAIL_HEADERS[12..],
                    ]
                    .concat(),
                    set(
                        row1(),
                        &[(8, "2000"), (9, "1000"), (10, "800"), (11, "200000")],
                    ),
                    set(row2(), &[(11, "500000")]),
                ],
                vec![],
            )],
            base(),
        ),
        // 亿美元 in the units row.
        case(
            "c23",
            vec![sheet(
                "项目明细",
                vec![vec![TITLE], vec!["填报单位：东镇人民政府　单位：亿美元"]],
                vec![
                    DETAIL_HEADERS.to_vec(),
                    set(
                        row1(),
                        &[(8, "0.02"), (9, "0.01"), (10, "0.008"), (11, "0.002")],
                    ),
                    set(row2(), &[(11, "0.005")]),
                ],
                vec![],
            )],
            base(),
        ),
        // Dates as an Excel date, in the CJK built-in format, and as text.
        case(
            "c24",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                set(row1(), &[(13, "#date:46298")]),
                set(row2(), &[(13, "#date31:46304")]),
                set(row2(), &[(0, "3"), (11, "5"), (13, "2026.10.12")]),
                set(row2(), &[(0, "4"), (11, "6"), (13, "2026/10/13")]),
                set(row2(), &[(0, "5"), (11, "7"), (13, "20261014")]),
            ])],
            {
                let mut facts: Vec<Exp> = base()
                    .into_iter()
                    .map(|f| Exp {
                        date: if f.source == HK {
                            date(10, 3)
                        } else {
                            date(10, 9)
                        },
                        ..f
                    })
                    .collect();
                for (amount, day) in [(5.0, 12), (6.0, 13), (7.0, 14)] {
                    facts.push(Exp {
                        date: date(10, day),
                        ..e(ArrivedFdi, amount, JP, Some("39"))
                    });
                }
                facts
            },
        ),
        // The 合计 row as formulas with their calculated values.
        case(
            "c25",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                row1(),
                row2(),
                total_row([
                    "=SUM(I4:I5)|200",
                    "=SUM(J4:J5)|100",
                    "=SUM(K4:K5)|80",
                    "=SUM(L4:L5)|70",
                ]),
            ])],
            base(),
        ),
        // 内资 rows beside a 外资 row; the money in RMB under 单位：万美元.
        case(
            "c26",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                row1(),
                vec![
                    "2",
                    "丙汽配项目",
                    "上海丙集团",
                    "内资",
                    "上海",
                    "",
                    "汽车零部件",
                    "新设",
                    "",
                    "",
                    "500",
                    "100",
                    "",
                    "2026年10月20日",
                    "",
                ],
                vec![
                    "3",
                    "丁物流项目",
                    "浙江丁公司",
                    "内资",
                    "浙江",
                    "",
                    "物流",
                    "到资",
                    "",
                    "",
                    "",
                    "300",
                    "",
                    "",
                    "",
                ],
            ])],
            vec![
                e(TotalInvestment, 200.0, HK, Some("26")),
                e(ContractedFdi, 100.0, HK, Some("26")),
                e(RegisteredFdi, 80.0, HK, Some("26")),
                e(ArrivedFdi, 20.0, HK, Some("26")),
                e(NewFieCount, 1.0, HK, Some("26")),
                e(DomesticRegistered, 500.0, Some("上海市"), Some("36")),
                e(DomesticArrived, 100.0, Some("上海市"), Some("36")),
                e(NewDomesticCount, 1.0, Some("上海市"), Some("36")),
                e(DomesticArrived, 300.0, Some("浙江省"), Some("59")),
            ],
        ),
        // "总  计" as the total row, notes after the footer.
        case(
            "c27",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                row1(),
                row2(),
                total_row(["200", "100", "80", "70"])
                    .into_iter()
                    .map(|c| if c == "合计" { "总  计" } else { c })
                    .collect(),
                vec![],
                vec!["填报人：王五"],
                vec!["注：1. 合同外资含增资；2. 到资按实际到账日期统计。"],
            ])],
            base(),
        ),
        // Source aliases (BVI, 港, 台资) and industries as code, name, free text.
        case(
            "c28",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                set(row2(), &[(4, "BVI"), (6, "26"), (11, "10")]),
                set(row2(), &[(0, "3"), (4, "港"), (6, "纺织业"), (11, "20")]),
                set(
                    row2(),
                    &[(0, "4"), (4, "台资"), (6, "木业加工"), (11, "30")],
                ),
            ])],
            vec![
                e(ArrivedFdi, 10.0, Some("英属维尔京群岛"), Some("26")),
                e(ArrivedFdi, 20.0, HK, Some("17")),
                e(ArrivedFdi, 30.0, Some("中国台湾"), Some("20")),
            ],
        ),
        // A note sheet before the form.
        case(
            "c31",
            vec![
                Grid::new(
                    "填表说明",
                    vec![
                        vec!["填表说明"],
                        vec!["1. 合同外资、注册外资、到帐外资三个口径分别填列。"],
                        vec!["2. 金额单位为万美元。"],
                    ],
                ),
                standard(template_table()),
            ],
            base(),
        ),
        // A summary laid across, two parts of the unit and a 合计 row.
        case(
            "c32",
            vec![wide_summary(vec![
                vec!["镇区", "60", "300", "50", "200", "40", "250", "1", "3"],
                vec!["工业园", "40", "200", "30", "100", "30", "150", "0", "2"],
                vec!["合计", "100", "500", "80", "300", "70", "400", "1", "5"],
            ])],
            vec![
                s(ContractedFdi, 100.0),
                s(RegisteredFdi, 80.0),
                s(ArrivedFdi, 70.0),
                s(NewFieCount, 1.0),
            ],
        ),
        // The summary's 同比 written as percentages; 去年同期 blank.
        case(
            "c33",
            vec![Grid::new(
                "汇总",
                vec![
                    vec!["2026年1-10月东镇招商引资情况汇总表"],
                    vec!["填报单位：东镇人民政府　单位：万美元"],
                    vec!["指标", "本月", "1-10月累计", "去年同期", "同比±%"],
                    vec!["合同外资", "100", "500", "", "12.5%"],
                    vec!["到帐外资", "70", "400", "", "-3.0%"],
                ],
            )],
            vec![s(ContractedFdi, 100.0), s(ArrivedFdi, 70.0)],
        ),
        // A 小计 under each part and the 合计 under all: each checked, none added in.
        case(
            "c35",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                row1(),
                set(total_row(["200", "100", "80", "20"]), &[(1, "新设小计")]),
                row2(),
                set(total_row(["", "", "", "50"]), &[(1, "到资 小计")]),
                total_row(["200", "100", "80", "70"]),
            ])],
            base(),
        ),
        // The 合计 right under the header, above the rows it adds up.
        case(
            "c36",
            vec![standard(vec![
                DETAIL_HEADERS.to_vec(),
                set(total_row(["200", "100", "80", "70"]), &[(1, "合　计")]),
                row1(),
                row2(),
            ])],
            base(),
        ),
    ];
    // The unit named only by the file name.
    cases.push(Case {
        file: "2026年10月东镇报表.xlsx",
        ..case(
            "c29",
            vec![sheet(
                "项目明细",
                vec![vec!["招商引资项目明细表"], vec!["单位：万美元"]],
                template_table(),
                vec![],
            )],
            base(),
        )
    });
    // A development zone writing its 管委会 as the 填报单位.
    cases.push(Case {
        file: "甲区.xlsx",
        unit: "甲区",
        ..case(
            "c30",
            vec![sheet(
                "明细",
                vec![
                    vec!["2026年10月甲区招商引资项目明细表"],
                    vec!["填报单位：甲区管委会　　单位：万美元"],
                ],
                template_table(),
                vec![],
            )],
            base(),
        )
    });
    // Summary rows that are not counted are named in the audit, not dropped:
    // "其中：增资" names a figure of the trade (information), "其他" nothing
    // known (a warning).
    cases.push(Case {
        warnings: vec!["structure.unknown_indicator"],
        ..case(
            "c34",
            vec![Grid::new(
                "汇总",
                vec![
                    vec!["2026年1-10月东镇招商引资情况汇总表"],
                    vec!["填报单位：东镇人民政府　单位：万美元"],
                    vec!["指标", "本月", "1-10月累计"],
                    vec!["合同外资", "100", "500"],
                    vec!["其中：增资", "30", "90"],
                    vec!["其他", "5", "7"],
                ],
            )],
            vec![s(ContractedFdi, 100.0)],
        )
    });
    cases
}

/// Replaces cells of a template row by column index, padding as needed.
fn set(mut row: Vec<&'static str>, cells: &[(usize, &'static str)]) -> Vec<&'static str> {
    for &(i, value) in cells {
        while row.len() <= i {
            row.push("");
        }
        row[i] = value;
    }
    row
}

/// The template with 所在村 before 项目名称, a blank column, and 联系人 at the end.
fn extra_columns() -> Vec<Vec<&'static str>> {
    template_table()
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let mut row = set(row, &[(14, "")]);
            let (village, contact) = match i {
                0 => ("所在村", "联系人"),
                1 => ("东村", "赵六"),
                2 => ("西村", "钱七"),
                _ => ("", ""),
            };
            row.insert(1, village);
            row.insert(9, "");
            row.push(contact);
            row
        })
        .collect()
}

/// The detail with a two-row header: 金额（万美元） merged over the four
/// amounts, the other labels merged down over both rows.
fn two_level_detail() -> Grid {
    let upper = vec![
        "序号",
        "项目名称",
        "投资方",
        "资本类别",
        "来源地",
        "行业",
        "事项",
        "金额（万美元）",
        "",
        "",
        "",
        "币种",
        "批准日期",
    ];
    let lower = vec![
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "总投资",
        "合同外资",
        "注册外资",
        "到帐外资",
    ];
    let order = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13];
    let data = pick(
        vec![row1(), row2(), total_row(["200", "100", "80", "70"])],
        &order,
    );
    let mut grid = sheet(
        "项目明细",
        vec![
            vec![TITLE],
            vec!["填报单位：东镇人民政府　　报出日期：2026年11月5日"],
        ],
        [vec![upper, lower], data].concat(),
        vec![vec![FOOTER]],
    )
    .merge("H3:K3");
    for col in ["A", "B", "C", "D", "E", "F", "G", "L", "M"] {
        grid = grid.merge(&format!("{col}3:{col}4"));
    }
    grid
}

/// A summary laid across: 合同外资, 注册外资, 到帐外资 (万美元) and 新设外商投资企业数,
/// each over 本月 | 1-10月累计; `rows` below.
fn wide_summary(rows: Vec<Vec<&'static str>>) -> Grid {
    let upper = vec![
        "单位名称",
        "合同外资（万美元）",
        "",
        "注册外资（万美元）",
        "",
        "到帐外资（万美元）",
        "",
        "新设外商投资企业数（个）",
        "",
    ];
    let lower = vec![
        "",
        "本月",
        "1-10月累计",
        "本月",
        "1-10月累计",
        "本月",
        "1-10月累计",
        "本月",
        "累计",
    ];
    Grid::new(
        "汇总表",
        [
            vec![
                vec!["2026年1-10月东镇招商引资情况汇总表"],
                vec!["填报单位：东镇人民政府"],
                upper,
                lower,
            ],
            rows,
        ]
        .concat(),
    )
    .merge("A3:A4")
    .merge("B3:C3")
    .merge("D3:E3")
    .merge("F3:G3")
    .merge("H3:I3")
}

fn narrow_summary() -> Grid {
    Grid::new(
        "汇总",
        vec![
            vec!["2026年1-10月东镇招商引资情况汇总表"],
            vec!["填报单位：东镇人民政府　　单位：万美元"],
            vec![
                "指标",
                "计量单位",
                "本月",
                "1-10月累计",
                "去年同期",
                "同比±%",
            ],
            vec!["合同外资", "", "100", "500", "400", "25"],
            vec!["注册外资", "", "80", "300", "", ""],
            vec!["到帐外资", "", "70", "400", "", ""],
            vec!["新设外商投资企业数", "个", "1", "5", "", ""],
            vec!["注册内资", "万元", "200", "900", "", ""],
        ],
    )
}

/// The month's facts of [`narrow_summary`] when it stands alone.
fn summary_facts() -> Vec<Exp> {
    vec![
        s(ContractedFdi, 100.0),
        s(RegisteredFdi, 80.0),
        s(ArrivedFdi, 70.0),
        s(NewFieCount, 1.0),
        s(DomesticRegistered, 200.0),
    ]
}

// ---- checking a case ---------------------------------------------------------

/// Compares a submission's facts with the expected ones, as multisets; fails
/// with both lists side by side.
fn assert_facts(what: &str, unit: &str, sub: &NormalizedSubmission, expect: &[Exp]) {
    let mut left: Vec<Exp> = expect.to_vec();
    let mut unmatched = Vec::new();
    for fact in &sub.facts {
        assert_eq!(fact.unit, unit, "{what}: unit of {fact:?}");
        assert_eq!(fact.period, ym(2026, 10), "{what}: month of {fact:?}");
        let found = left.iter().position(|x| {
            x.indicator == fact.indicator
                && (x.amount - fact.amount).abs() <= 1e-9 * x.amount.abs().max(1.0)
                && x.source == fact.source.as_deref()
                && x.industry == fact.industry.as_deref()
                && x.date.is_none_or(|d| Some(d) == fact.date)
        });
        match found {
            Some(i) => {
                left.remove(i);
            }
            None => unmatched.push(format!(
                "{} {} {:?} {:?} {:?} at {}",
                fact.indicator.key(),
                fact.amount,
                fact.source,
                fact.industry,
                fact.date,
                fact.provenance.cell()
            )),
        }
    }
    assert!(
        left.is_empty() && unmatched.is_empty(),
        "{what}:\n  expected but not found: {left:#?}\n  found but not expected: {unmatched:#?}"
    );
}

fn assert_case(case: &Case, path: &Path, fx: &Fixture) {
    let what = path.file_name().unwrap().to_string_lossy().to_string();
    let sub = check(fx, path, ym(2026, 10));
    let errors: Vec<String> = sub
        .issues
        .iter()
        .filter(|i| i.severity() == Severity::Error)
        .map(|i| i.to_string())
        .collect();
    assert!(errors.is_empty(), "{what}: errors {errors:#?}");
    let mut warnings: Vec<&str> = sub
        .issues
        .iter()
        .filter(|i| i.severity() == Severity::Warning)
        .map(|i| i.rule.id())
        .collect();
    warnings.sort();
    assert_eq!(
        warnings, case.warnings,
        "{what}: warnings {:#?}",
        sub.issues
    );
    assert_eq!(
        sub.unit.as_ref().map(UnitId::as_str),
        Some(case.unit),
        "{what}"
    );
    assert_facts(&what, case.unit, &sub, &case.expect);
    assert_nothing_dropped(fx, path, &sub);
}

/// Every data row of every located table ends up in a fact or a summary line,
/// or is named by an issue at that row; a file-level error names the file.
fn assert_nothing_dropped(fx: &Fixture, path: &Path, sub: &NormalizedSubmission) {
    let config = fx.config(None);
    let reference = zhaoshang::reference::Reference::load(&config).unwrap();
    let file = SubmissionFile {
        path: path.to_path_buf(),
        name: sub.file.name.clone(),
        folder_month: Some(ym(2026, 10)),
    };
    let bytes = std::fs::read(path).unwrap();
    let Ok(raw) = read_submission(&file, &bytes, &reference.labels, &config.limits) else {
        assert!(
            sub.issues.iter().any(|i| i.location.cell.is_none()),
            "{}: unreadable without a file-level issue",
            file.name
        );
        return;
    };
    for table in &raw.tables {
        let sheet = &raw.sheets[table.sheet].name;
        for &row in table
            .data_rows
            .iter()
            .chain(table.totals.iter().map(|t| &t.row))
        {
            let in_fact = sub.facts.iter().any(|f| {
                *f.provenance.sheet == **sheet
                    && crate::common::a1_to_cell(&f.provenance.cell()).0 == row
            });
            let in_summary = sub
                .summary
                .iter()
                .any(|l| l.sheet == *sheet && l.rows.contains(&row));
            let in_total = sub
                .column_totals
                .iter()
                .any(|t| t.sheet == *sheet && t.row == row);
            let named = sub.issues.iter().any(|i| {
                i.location.sheet.as_deref() == Some(sheet)
                    && i.location.cell.is_some_and(|(r, _)| r == row)
            });
            let file_error = sub
                .issues
                .iter()
                .any(|i| i.location.cell.is_none() && i.severity() == Severity::Error);
            assert!(
                in_fact || in_summary || in_total || named || file_error,
                "{}: sheet {sheet} row {} is neither counted nor named in the audit",
                file.name,
                row + 1
            );
        }
    }
}

fn write_case(case: &Case, dir: &Path) -> PathBuf {
    let path = dir.join(case.file_name());
    crate::common::write_grids(&path, &case.sheets);
    path
}

#[test]
fn every_drifted_submission_gives_its_hand_worked_facts() {
    let fx = small_fixture();
    let dir = fx.data.join("submissions/2026-10");
    let cases = cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    for case in &cases {
        let path = write_case(case, &dir);
        assert_case(case, &path, &fx);
        std::fs::remove_file(&path).unwrap();
    }
}

/// Copies of corpus cases saved by LibreOffice as .xls (BIFF8), .ods, .xlsm and
/// .xlsx give the same facts as the originals.
#[test]
fn libreoffice_saved_copies_give_the_same_facts() {
    let fx = small_fixture();
    let cases = cases();
    let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let mut seen = std::collections::BTreeSet::new();
    std::fs::create_dir_all(fx.data.join("submissions/2026-10")).unwrap();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&formats)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md" && e != "sh"))
        .collect();
    entries.sort();
    for source in entries {
        let name = source.file_name().unwrap().to_string_lossy().to_string();
        let case = cases
            .iter()
            .find(|c| name.starts_with(&format!("{}_", c.id)))
            .unwrap_or_else(|| panic!("{name}: no corpus case"));
        // Checked from the October folder, as a run would.
        let path = fx.data.join("submissions/2026-10").join(&name);
        std::fs::copy(&source, &path).unwrap();
        assert_case(case, &path, &fx);
        std::fs::remove_file(&path).unwrap();
        seen.insert(source.extension().unwrap().to_string_lossy().to_string());
    }
    for ext in ["xls", "ods", "xlsm", "xlsx"] {
        assert!(
            seen.contains(ext),
            "no .{ext} copy in {}",
            formats.display()
        );
    }
}

/// Writes the corpus as .xlsx into `$CORPUS_OUT` for tests/fixtures/formats/make.sh.
#[test]
#[ignore]
fn write_corpus_for_conversion() {
    let dir = PathBuf::from(std::env::var("CORPUS_OUT").expect("CORPUS_OUT"));
    std::fs::create_dir_all(&dir).unwrap();
    for case in cases() {
        write_case(&case, &dir);
    }
}

/// A header word only the bureau's labels.xlsx knows (no key term of the
/// form inside it); a 标准名 that is not a
/// label of the form stops the run naming the cell.
#[test]
fn the_bureaus_own_header_words_from_labels_xlsx() {
    let fx = small_fixture();
    let labels = fx.data.join("reference/labels.xlsx");
    let grid = standard(vec![
        set(
            DETAIL_HEADERS.to_vec(),
            &[(4, "投资国度"), (9, "引资甲额（万美元）")],
        ),
        row1(),
        row2(),
        total_row(["200", "100", "80", "70"]),
    ]);
    let path = fx.data.join("submissions/2026-10/东镇_2026-10.xlsx");
    grid.write(&path);
    // Without the table the 来源地 column is missing and 合同外资 not read.
    let sub = check(&fx, &path, ym(2026, 10));
    assert!(sub
        .issues
        .iter()
        .any(|i| i.rule.id() == "structure.missing_optional_column"));

    zhaoshang::demo::tables::write_labels(
        &labels,
        &[("合同外资", "引资甲额"), ("来源地", "投资国度")],
    )
    .unwrap();
    let sub = check(&fx, &path, ym(2026, 10));
    assert!(sub.issues.is_empty(), "{:?}", sub.issues);
    assert_facts("labels.xlsx", "东镇", &sub, &base());

    zhaoshang::demo::tables::write_labels(&labels, &[("外资金额", "引资甲额")]).unwrap();
    let error = zhaoshang::reference::Reference::load(&fx.config(None)).unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains("labels.xlsx") && message.contains("A2") && message.contains("外资金额"),
        "{message}"
    );
}
