//! Magnitudes, currencies and rates through real submission files. Expected
//! amounts are worked out by hand from the fixture's rates (CNY per 100).

use crate::common::{check, close, foreign, form, small_fixture, total, ym, Grid};
use zhaoshang::foundation::model::Indicator;

const OCT: (i32, u32) = (2026, 10);

/// 12345 in the units row's magnitude and currency, one 新设 row with the 币种 cell blank.
#[test]
fn every_magnitude_of_the_units_row() {
    let fx = small_fixture();
    let usd_oct = 720.0; // CNY per 100 USD in 2026-10
    let cases = [
        ("元", 12345.0 / usd_oct * 100.0 / 1e4),
        ("万元", 12345.0 * 1e4 / usd_oct * 100.0 / 1e4),
        ("亿元", 12345.0 * 1e8 / usd_oct * 100.0 / 1e4),
        ("美元", 1.2345),
        ("千美元", 1234.5),
        ("万美元", 12345.0),
        ("亿美元", 123_450_000.0),
    ];
    for (unit, expected) in cases {
        let month = ym(OCT.0, OCT.1);
        let rows = vec![foreign("新设", "", Some(12345.0), None, None)];
        let path = fx.submit(
            month,
            &format!("东镇_{unit}.xlsx"),
            &form("东镇", month, unit, rows),
        );
        let sub = check(&fx, &path, month);
        assert!(sub.issues.is_empty(), "{unit}: {:?}", sub.issues);
        let amount = total(&sub, Indicator::ContractedFdi);
        assert!(
            close(amount, expected),
            "{unit}: expected {expected} 万美元, got {amount}"
        );
        let original = sub.facts[0].original.unwrap();
        assert_eq!(
            (original.amount, original.unit.to_string()),
            (12345.0, unit.to_string())
        );
    }
}

#[test]
fn one_currency_at_two_months_rates() {
    let fx = small_fixture();
    let mut amounts = Vec::new();
    for month in [ym(2026, 9), ym(2026, 10)] {
        let rows = vec![foreign("到资", "港元", None, None, Some(1000.0))];
        let path = fx.submit(month, "东镇.xlsx", &form("东镇", month, "万美元", rows));
        let sub = check(&fx, &path, month);
        assert!(sub.issues.is_empty(), "{:?}", sub.issues);
        amounts.push(total(&sub, Indicator::ArrivedFdi));
    }
    // 1000 万港元: Sep 1000 × 91 / 710, Oct 1000 × 92 / 720 万美元.
    assert!(close(amounts[0], 1000.0 * 91.0 / 710.0), "{amounts:?}");
    assert!(close(amounts[1], 1000.0 * 92.0 / 720.0), "{amounts:?}");
}

#[test]
fn yen_and_euro_rows_and_domestic_capital_in_rmb() {
    let fx = small_fixture();
    let month = ym(2026, 10);
    let mut domestic = crate::common::domestic(300.0, 120.0);
    domestic.currency = String::new();
    let rows = vec![
        foreign("新设", "日元", Some(50000.0), Some(40000.0), None),
        foreign("增资", "欧元", Some(10.0), Some(10.0), None),
        domestic,
    ];
    let path = fx.submit(month, "东镇.xlsx", &form("东镇", month, "万美元", rows));
    let sub = check(&fx, &path, month);
    assert!(sub.issues.is_empty(), "{:?}", sub.issues);
    let contracted = 50000.0 * 4.9 / 720.0 + 10.0 * 790.0 / 720.0;
    assert!(close(total(&sub, Indicator::ContractedFdi), contracted));
    // 内资 under "单位：万美元" is 万元 of RMB, not converted.
    assert!(close(total(&sub, Indicator::DomesticRegistered), 300.0));
    assert!(close(total(&sub, Indicator::DomesticArrived), 120.0));
    assert_eq!(total(&sub, Indicator::NewFieCount), 1.0);
    assert_eq!(total(&sub, Indicator::NewDomesticCount), 1.0);
}

/// Numbers typed as text, a unit inside a cell, a header suffix that
/// contradicts the units row (an error naming both; the header's unit is read
/// so that the cells are still checked), and 减资 written positive.
#[test]
fn numbers_and_units_as_people_type_them() {
    let fx = small_fixture();
    let month = ym(2026, 10);
    let path = fx.data.join("submissions/2026-10/东镇.xlsx");
    Grid::detail()
        .set("B2", "填报单位：东镇人民政府　　单位：千美元")
        .set("J3", "合同外资（万美元）")
        .set("J4", "1,234.5")
        .set("K4", "１２３．４")
        .set("L4", "120万美元")
        .set("I4", "—")
        .set("L5", "（50）")
        .set("H5", "减资")
        .set("A2", "")
        .set("I6", "0")
        .set("J6", "1234.5")
        .set("K6", "123.4")
        .set("L6", "70")
        .write(&path);
    let sub = check(&fx, &path, month);
    let messages: Vec<String> = sub.issues.iter().map(|i| i.to_string()).collect();
    // 万美元 in J3 against 千美元 above; 到资 rows are never negative: (50) on L5.
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert_eq!(sub.issues[0].rule.id(), "structure.money_unit_conflict");
    assert_eq!(sub.issues[0].location.a1().as_deref(), Some("J3"));
    assert!(sub.issues[0].message.contains("千美元"), "{messages:#?}");
    assert_eq!(sub.issues[1].rule.id(), "cell.negative");
    assert_eq!(sub.issues[1].location.a1().as_deref(), Some("L5"));
    // J has its own (万美元) suffix; K falls back to the units row (千美元).
    assert!(close(total(&sub, Indicator::ContractedFdi), 1234.5));
    assert!(close(total(&sub, Indicator::RegisteredFdi), 12.34));
    assert!(close(total(&sub, Indicator::ArrivedFdi), 120.0));
}

/// A workbook with only the summary sheet: its 本月 figures are the month's facts,
/// each indicator in its row's 计量单位.
#[test]
fn a_summary_without_detail_contributes_its_month() {
    let fx = small_fixture();
    let month = ym(2026, 10);
    let summary = Grid::new(
        "汇总",
        vec![
            vec!["2026年1-10月东镇招商引资情况汇总表"],
            vec!["填报单位：东镇人民政府"],
            vec![
                "指标",
                "计量单位",
                "本月",
                "1-10月累计",
                "去年同期",
                "同比±%",
            ],
            vec!["合同外资", "万美元", "12.5", "100", "80", "25"],
            vec!["到帐外资", "千美元", "55", "300", "", ""],
            vec!["注册内资", "万元", "400", "900", "", ""],
            vec!["新设外商投资企业数", "个", "2", "5", "", ""],
        ],
    );
    let path = fx.data.join("submissions/2026-10/东镇.xlsx");
    summary.write(&path);
    let sub = check(&fx, &path, month);
    assert!(sub.issues.is_empty(), "{:?}", sub.issues);
    assert!(close(total(&sub, Indicator::ContractedFdi), 12.5));
    assert!(close(total(&sub, Indicator::ArrivedFdi), 5.5));
    assert!(close(total(&sub, Indicator::DomesticRegistered), 400.0));
    assert_eq!(total(&sub, Indicator::NewFieCount), 2.0);
    assert_eq!(sub.facts[0].provenance.cell(), "C4");
}
