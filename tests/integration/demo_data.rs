//! The committed demo data: it is what the generator makes, it runs clean, and
//! its figures agree with the summary sheets the generator wrote independently.

use crate::common::{cell, committed_data, read_sheet, row_of, run_committed_demo, ym, Cell};

#[test]
fn committed_demo_data_is_what_the_generator_makes() {
    let dir = tempfile::tempdir().unwrap();
    zhaoshang::demo::write_demo(dir.path(), 0).unwrap();
    let committed = committed_data();
    for file in [
        "settings.toml",
        "reference/regions.xlsx",
        "reference/targets.xlsx",
        "reference/rates.xlsx",
        "reference/sources.xlsx",
        "reference/industries.xlsx",
        "reference/labels.xlsx",
        "submissions/2025-01/保税区_2025-01.xlsx",
        "submissions/2026-10/柳溪镇_2026-10.xlsx",
        "submissions/2026-10/白鹭镇_2026-10.xlsx",
        "reference/peers.xlsx",
        "peers/示范市各县市利用外资_2025-01.xlsx",
        "peers/示范市各县市利用外资_2026-10.xlsx",
    ] {
        let made = std::fs::read(dir.path().join(file)).unwrap();
        let kept = std::fs::read(committed.join(file)).unwrap();
        assert!(
            made == kept,
            "data/{file} differs from what `zhaoshang demo` writes: regenerate it"
        );
    }
}

#[test]
fn demo_october_runs_clean_and_matches_the_units_own_summaries() {
    let data = committed_data();
    let (_out, outcome) = run_committed_demo();
    assert_eq!(outcome.month, ym(2026, 10));
    // 3 zones, 8 towns, 2 departments and a team.
    assert_eq!(
        outcome.receipts.received().len(),
        14,
        "{:?}",
        outcome.receipts.missing()
    );
    assert_eq!((outcome.errors, outcome.warnings), (0, 0));

    // Every bulletin of the prefecture, in both layouts, is read and used:
    // our rank stands in every month of 2025 and of 2026 up to October.
    let peers = outcome.peers.as_ref().expect("the demo has peer bulletins");
    // With the prefecture's bulletins, the Word 通报 gives our position.
    let mut docx = zip::ZipArchive::new(std::fs::File::open(&outcome.document).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut docx.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("四、在周边县市中的位置") && xml.contains("在市通报的7个县（市、区）中"));
    let history = read_sheet(peers, "排名走势");
    for m in 0..12u32 {
        for (col, months) in [(1, 10), (2, 12), (3, 10), (4, 12)] {
            let rank = cell(&history, 3 + m, col);
            let expected_rank = m < months;
            assert_eq!(
                matches!(rank, Cell::Num(r) if (1.0..=7.0).contains(&r)),
                expected_rank,
                "排名走势 month {} column {col}: {rank:?}",
                m + 1
            );
        }
    }

    let bulletin = read_sheet(&outcome.bulletin, "分地区");
    // Each unit's 1-10月累计 and 去年同期 as its own summary sheet states them
    // (worked out by the generator from the rows and rates, rounded to 0.01).
    for unit in [
        "保税区",
        "沿江开发区",
        "柳溪镇",
        "白鹭镇",
        "枫桥镇",
        "梅岭镇",
        "商务局",
        "驻沪招商组",
    ] {
        let file = data.join(format!("submissions/2026-10/{unit}_2026-10.xlsx"));
        let summary = read_sheet(&file, "汇总表");
        let r = row_of(&bulletin, unit);
        for (slot, name) in [
            "注册外资",
            "合同外资",
            "到帐外资",
            "新设外商投资企业数",
            "注册内资",
            "到位内资",
        ]
        .iter()
        .enumerate()
        {
            let s = row_of(&summary, name);
            for (summary_col, figure) in [(2u32, 0u32), (3, 1), (4, 2)] {
                let (Cell::Num(stated), Cell::Num(ours)) = (
                    cell(&summary, s, summary_col),
                    cell(&bulletin, r, 2 + slot as u32 * 9 + figure),
                ) else {
                    panic!("{unit} {name}: not numbers");
                };
                assert!(
                    (stated - ours).abs() <= 0.006,
                    "{unit} {name} col {figure}: summary {stated}, bulletin {ours}"
                );
            }
        }
    }
    // The demo shows the bulletin's situations: a unit that has not broken zero,
    // units behind the calendar, and a double shortfall somewhere.
    let flags = |unit: &str, k: u32| match cell(&bulletin, row_of(&bulletin, unit), 2 + 54 + k) {
        Cell::Text(s) => s,
        other => panic!("{other:?}"),
    };
    assert!(flags("梅岭镇", 3).contains("到帐外资"));
    let units = [
        "保税区",
        "省级开发区",
        "沿江开发区",
        "青山镇",
        "柳溪镇",
        "白鹭镇",
        "枫桥镇",
        "石湖镇",
        "梅岭镇",
        "桃源镇",
        "云港镇",
        "商务局",
        "发改委",
        "驻沪招商组",
    ];
    assert!(
        units.iter().any(|u| !flags(u, 0).is_empty()),
        "some unit should be behind"
    );
    assert!(
        units.iter().any(|u| flags(u, 0).is_empty()),
        "some unit should be on pace"
    );
    assert!(
        units.iter().any(|u| flags(u, 1) == "是"),
        "some unit should be 双脱幅"
    );
}

#[test]
fn demo_departments_and_team_are_their_own_kinds() {
    let (_out, outcome) = run_committed_demo();
    let bulletin = read_sheet(&outcome.bulletin, "分地区");
    let order = [
        "云港镇",
        "镇小计",
        "商务局",
        "发改委",
        "部门小计",
        "驻沪招商组",
        "团队小计",
        "全县合计",
    ];
    let rows: Vec<u32> = order.iter().map(|u| row_of(&bulletin, u)).collect();
    assert!(
        rows.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {rows:?}"
    );
    // The county's 累计 is the four subtotals' (合同外资, column 2 + 9 + 1), and
    // each department has a target, so 部门小计's 完成 is 累计 ÷ 目标.
    let num = |unit: &str, col: u32| match cell(&bulletin, row_of(&bulletin, unit), col) {
        Cell::Num(v) => v,
        other => panic!("{unit} column {col}: {other:?}"),
    };
    let subtotals: f64 = ["开发区小计", "镇小计", "部门小计", "团队小计"]
        .iter()
        .map(|u| num(u, 12))
        .sum();
    assert!((num("全县合计", 12) - subtotals).abs() < 1e-6);
    let completion = num("部门小计", 12) / num("部门小计", 15) * 100.0;
    assert!((num("部门小计", 16) - completion).abs() < 1e-6);
    // A rank within the kind: the two departments rank 1 and 2.
    let mut ranks = [num("商务局", 18), num("发改委", 18)];
    ranks.sort_by(f64::total_cmp);
    assert_eq!(ranks, [1.0, 2.0]);
}
