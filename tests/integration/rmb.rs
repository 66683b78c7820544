//! RMB figures: 招商引资总额 across months' rates, projects by RMB band,
//! project stages with and without the 项目阶段 column, a `--period` run.

use crate::common::{assert_cell, domestic, foreign, form, read_sheet, ym, Cell, Fixture};
use zhaoshang::demo::form::{write_form_staged, DetailRow};
use zhaoshang::demo::tables::write_named_targets;

fn n(v: f64) -> Cell {
    Cell::Num(v)
}
fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// 甲区 (开发区) and 东镇 (镇); USD 700 in 2025-09, 710 in 2026-09 and 720 in
/// 2026-10; HKD 92 in 2026-10.
fn two_rates() -> Fixture {
    Fixture::new(
        &[("甲区", "开发区"), ("东镇", "镇")],
        &[(2026, vec![])],
        &[
            (ym(2025, 9), [700.0, 90.0, 4.7, 770.0]),
            (ym(2026, 9), [710.0, 91.0, 4.8, 780.0]),
            (ym(2026, 10), [720.0, 92.0, 4.9, 790.0]),
        ],
    )
}

#[test]
fn total_attracted_converts_each_month_at_its_own_rate() {
    let fx = two_rates();
    write_named_targets(
        &fx.data.join("reference/targets.xlsx"),
        2026,
        &["招商引资总额(万元)"],
        &[("甲区", vec![Some(2000.0)])],
    )
    .unwrap();
    let (sep, oct, last_sep) = (ym(2026, 9), ym(2026, 10), ym(2025, 9));
    // 甲区, September: 注册外资 100万美元 and 注册内资 500万元.
    fx.submit(
        sep,
        "甲区_2026-09.xlsx",
        &form(
            "甲区",
            sep,
            "万美元",
            vec![
                foreign("新设", "", Some(100.0), Some(100.0), None),
                domestic(500.0, 0.0),
            ],
        ),
    );
    // 甲区, October: 注册外资 50万美元.
    fx.submit(
        oct,
        "甲区_2026-10.xlsx",
        &form(
            "甲区",
            oct,
            "万美元",
            vec![foreign("增资", "", Some(50.0), Some(50.0), None)],
        ),
    );
    // 东镇, October: 注册外资 1000万港元.
    fx.submit(
        oct,
        "东镇_2026-10.xlsx",
        &form(
            "东镇",
            oct,
            "万美元",
            vec![foreign("新设", "港元", Some(1000.0), Some(1000.0), None)],
        ),
    );
    // 甲区, September last year: 注册内资 300万元, 注册外资 10万美元.
    fx.submit(
        last_sep,
        "甲区_2025-09.xlsx",
        &form(
            "甲区",
            last_sep,
            "万美元",
            vec![
                foreign("新设", "", Some(10.0), Some(10.0), None),
                domestic(300.0, 0.0),
            ],
        ),
    );
    let outcome = fx.run(oct);
    let sheet = read_sheet(&outcome.bulletin, "招商引资总额");
    // 甲区: September 100 × 7.10 = 710 + 500 = 1210万元; October 50 × 7.20 =
    // 360. 累计 1570 (内资 500, 外资 710 + 360 = 1070); converting the 150万美元
    // at October's rate would give 1080, not 1070. 去年同期 300 + 10 × 7.00 =
    // 370; 同比 (1570 / 370 − 1) × 100. Target 2000: 完成 78.5%.
    let jia = [
        n(360.0),
        n(1570.0),
        n(500.0),
        n(1070.0),
        n(370.0),
        n((1570.0 / 370.0 - 1.0) * 100.0),
        n(2000.0),
        n(78.5),
        n(1.0),
        n(0.157),
    ];
    // 东镇: 1000万港元 at 92 per 100 is 920万元 (the same however it went
    // through 万美元 at October's rates); no 去年同期, no target.
    let dong = [
        n(920.0),
        n(920.0),
        n(0.0),
        n(920.0),
        n(0.0),
        t("—"),
        t("—"),
        t("—"),
        n(1.0),
        n(0.092),
    ];
    // 合计: 本月 360 + 920 = 1280, 累计 2490, 去年同期 370; 完成 over 甲区
    // alone, the only unit with a target: 1570 / 2000 = 78.5%.
    let county = [
        n(1280.0),
        n(2490.0),
        n(500.0),
        n(1990.0),
        n(370.0),
        n((2490.0 / 370.0 - 1.0) * 100.0),
        n(2000.0),
        n(78.5),
        t("—"),
        n(0.249),
    ];
    for (r, name, kind, values) in [
        (3, "甲区", "开发区", &jia),
        (4, "东镇", "镇", &dong),
        (5, "合计", "", &county),
    ] {
        assert_cell(&sheet, r, 0, &t(name), "单位");
        assert_cell(&sheet, r, 1, &t(kind), name);
        for (j, e) in values.iter().enumerate() {
            assert_cell(&sheet, r, 2 + j as u32, e, name);
        }
    }
    let notes = read_sheet(&outcome.bulletin, "说明");
    let rule = (0..notes.height() as u32)
        .find(|&r| crate::common::cell(&notes, r, 0) == t("招商引资总额（万元）"))
        .expect("说明 defines 招商引资总额");
    assert_eq!(
        crate::common::cell(&notes, rule, 1),
        t("注册内资 + 注册外资之和，以万元计；外资（万美元）按各笔所属月份的美元汇率（说明三）折成人民币，不用累计数一次折算。")
    );
}

/// A 新设 row named `name` with 总投资 `total` (the sheet's unit: 万美元 for
/// 外资, 万元 for 内资) and currency `currency`.
fn new_project(name: &str, capital: &str, total: Option<f64>, currency: &str) -> DetailRow {
    let base = if capital == "内资" {
        domestic(10.0, 0.0)
    } else {
        foreign("新设", currency, Some(10.0), Some(10.0), None)
    };
    DetailRow {
        project: name.to_string(),
        total_investment: total,
        ..base
    }
}

#[test]
fn projects_are_counted_per_unit_by_rmb_band() {
    let fx = two_rates();
    write_named_targets(
        &fx.data.join("reference/targets.xlsx"),
        2026,
        &["1000万元以上项目"],
        &[("甲区", vec![Some(4.0)])],
    )
    .unwrap();
    let (sep, oct, last_sep) = (ym(2026, 9), ym(2026, 10), ym(2025, 9));
    let increase = DetailRow {
        total_investment: Some(2000.0),
        ..foreign("增资", "", Some(10.0), Some(10.0), None)
    };
    fx.submit(
        oct,
        "甲区_2026-10.xlsx",
        &form(
            "甲区",
            oct,
            "万美元",
            vec![
                // 500万美元 × 7.20 = 3600万元: 1000万元以上, 3000万元以上.
                new_project("甲一", "外资", Some(500.0), ""),
                // 100万美元 × 7.20 = 720万元: no band.
                new_project("甲二", "外资", Some(100.0), ""),
                // 内资 10000万元 = 1亿元: every band.
                new_project("甲三", "内资", Some(10000.0), ""),
                // 内资 3000万元, on the bound: 1000万元 and 3000万元 以上.
                new_project("甲四", "内资", Some(3000.0), ""),
                // 增资 is no new project, whatever its 总投资.
                increase,
            ],
        ),
    );
    fx.submit(
        sep,
        "东镇_2026-09.xlsx",
        &form(
            "东镇",
            sep,
            "万美元",
            vec![
                // 8000万港元 at September's 91 per 100 = 7280万元: up to 5000万元以上.
                new_project("东一", "外资", Some(8000.0), "港元"),
                // No 总投资: in no band, counted in the note.
                new_project("东二", "外资", None, ""),
            ],
        ),
    );
    // Last year: 东镇 内资 1200万元, 1000万元以上 only.
    fx.submit(
        last_sep,
        "东镇_2025-09.xlsx",
        &form(
            "东镇",
            last_sep,
            "万美元",
            vec![new_project("东旧", "内资", Some(1200.0), "")],
        ),
    );
    let outcome = fx.run(oct);
    let sheet = read_sheet(&outcome.bulletin, "项目分档");
    let headers = [
        "1000万元以上",
        "3000万元以上（大项目）",
        "5000万元以上",
        "1亿元以上",
    ];
    for (b, h) in headers.iter().enumerate() {
        assert_cell(&sheet, 2, 2 + 5 * b as u32, &t(h), "band header");
    }
    let dash = || t("—");
    // Per band: 本年, 上年同期, 增减, 目标, 完成(%).
    // 甲区: 甲一, 甲三, 甲四 ≥1000; the same three ≥3000; 甲三 alone ≥5000 and ≥1亿.
    // Target 4 in the first band: 3 / 4 = 75%.
    let jia = [
        [n(3.0), n(0.0), n(3.0), n(4.0), n(75.0)],
        [n(3.0), n(0.0), n(3.0), dash(), dash()],
        [n(1.0), n(0.0), n(1.0), dash(), dash()],
        [n(1.0), n(0.0), n(1.0), dash(), dash()],
    ];
    // 东镇: 东一 in the first three bands; last year 东旧 in the first.
    let dong = [
        [n(1.0), n(1.0), n(0.0), dash(), dash()],
        [n(1.0), n(0.0), n(1.0), dash(), dash()],
        [n(1.0), n(0.0), n(1.0), dash(), dash()],
        [n(0.0), n(0.0), n(0.0), dash(), dash()],
    ];
    // 合计: 4, 4, 2, 1 against 1, 0, 0, 0; 完成 over 甲区 alone (3 of 4).
    let county = [
        [n(4.0), n(1.0), n(3.0), n(4.0), n(75.0)],
        [n(4.0), n(0.0), n(4.0), dash(), dash()],
        [n(2.0), n(0.0), n(2.0), dash(), dash()],
        [n(1.0), n(0.0), n(1.0), dash(), dash()],
    ];
    for (r, name, values) in [(4, "甲区", &jia), (5, "东镇", &dong), (6, "合计", &county)] {
        assert_cell(&sheet, r, 0, &t(name), "单位");
        for (b, band) in values.iter().enumerate() {
            for (j, e) in band.iter().enumerate() {
                assert_cell(&sheet, r, 2 + (5 * b + j) as u32, e, name);
            }
        }
    }
    let note = crate::common::cell(&sheet, 1, 0);
    assert!(
        matches!(&note, Cell::Text(s) if s.contains("大项目（总投资3000万元以上）本年4个，上年同期0个")
            && s.contains("未填总投资的新设项目 1 个")),
        "{note:?}"
    );
}

/// A row named `name`: 外资 新设 10万美元, or with `event` "" no amounts at all.
fn staged(name: &str, event: &str) -> DetailRow {
    let amount = (!event.is_empty()).then_some(10.0);
    DetailRow {
        project: name.to_string(),
        ..foreign(event, "", amount, amount, None)
    }
}

#[test]
fn stage_counts_with_and_without_the_stage_column() {
    let fx = two_rates();
    write_named_targets(
        &fx.data.join("reference/targets.xlsx"),
        2026,
        &["新开工项目"],
        &[("甲区", vec![Some(4.0)])],
    )
    .unwrap();
    let (sep, oct, last_oct) = (ym(2026, 9), ym(2026, 10), ym(2025, 10));
    let write = |folder, unit: &str, rows: Vec<DetailRow>, stages: &[&str]| {
        let path = fx
            .data
            .join(format!("submissions/{folder}/{unit}_{folder}.xlsx"));
        write_form_staged(&form(unit, folder, "万美元", rows), stages, &path).unwrap();
        path
    };
    // 甲区, October: 意向 1 (洽谈中, a row without amounts), 签约 2 (签约 and
    // 已签约未开工), 开工 1 (开工建设), a 到资 with no stage, and a stage
    // nobody can read (见附件): a warning, no count.
    let october = write(
        oct,
        "甲区",
        vec![
            staged("甲意向", ""),
            staged("甲签一", "新设"),
            staged("甲签二", "新设"),
            staged("甲开工", "新设"),
            DetailRow {
                project: "甲到资".to_string(),
                ..foreign("到资", "", None, None, Some(5.0))
            },
            staged("甲不明", "增资"),
        ],
        &["洽谈中", "签约", "已签约未开工", "开工建设", "", "见附件"],
    );
    // 甲区, September: 投产 1 (竣工投产).
    write(sep, "甲区", vec![staged("甲投产", "新设")], &["竣工投产"]);
    // 甲区, October last year: 签约 1.
    write(last_oct, "甲区", vec![staged("甲旧签", "新设")], &["签约"]);
    // 东镇, October: a form without the column.
    write(oct, "东镇", vec![staged("东新设", "新设")], &[]);

    let sub = crate::common::check(&fx, &october, oct);
    let unknown: Vec<_> = sub
        .issues
        .iter()
        .filter(|i| i.rule.id() == "cell.stage_unknown")
        .collect();
    assert_eq!(unknown.len(), 1, "{:?}", sub.issues);
    assert_eq!(unknown[0].location.a1().as_deref(), Some("P9"));

    let outcome = fx.run(oct);
    let sheet = read_sheet(&outcome.bulletin, "项目进度");
    let dash = || t("—");
    for (k, h) in ["签订意向", "新签", "新开工", "投产"].iter().enumerate() {
        assert_cell(&sheet, 2, 2 + 5 * k as u32, &t(h), "stage header");
    }
    // Per stage: 本月, 累计, 上年同期, 目标, 完成(%). 新开工: 1 of a target of 4 = 25%.
    let jia = [
        [n(1.0), n(1.0), n(0.0), dash(), dash()],
        [n(2.0), n(2.0), n(1.0), dash(), dash()],
        [n(1.0), n(1.0), n(0.0), n(4.0), n(25.0)],
        [n(0.0), n(1.0), n(0.0), dash(), dash()],
    ];
    // 东镇's form has no stage column: "—", never 0.
    let dong: [[Cell; 5]; 4] = std::array::from_fn(|_| std::array::from_fn(|_| dash()));
    for (r, name, values) in [(4, "甲区", &jia), (5, "东镇", &dong), (6, "合计", &jia)] {
        assert_cell(&sheet, r, 0, &t(name), "单位");
        for (k, stage) in values.iter().enumerate() {
            for (j, e) in stage.iter().enumerate() {
                assert_cell(&sheet, r, 2 + (5 * k + j) as u32, e, name);
            }
        }
    }
    // By month (row 10 is January): September this year 0, 0, 0, 1 against
    // no form last September ("—"); October 1, 2, 1, 0 against 0, 1, 0, 0.
    let september = [
        (n(0.0), dash()),
        (n(0.0), dash()),
        (n(0.0), dash()),
        (n(1.0), dash()),
    ];
    let october = [
        (n(1.0), n(0.0)),
        (n(2.0), n(1.0)),
        (n(1.0), n(0.0)),
        (n(0.0), n(0.0)),
    ];
    for (r, label, values) in [(18, "9月", &september), (19, "10月", &october)] {
        assert_cell(&sheet, r, 0, &t(label), "month");
        for (k, (this, last)) in values.iter().enumerate() {
            assert_cell(&sheet, r, 2 + 2 * k as u32, this, label);
            assert_cell(&sheet, r, 3 + 2 * k as u32, last, label);
        }
    }
    assert_cell(&sheet, 10, 2, &dash(), "January: no form at all");
}

#[test]
fn a_contest_period_against_the_same_months_last_year() {
    let fx = Fixture::new(
        &[("甲区", "开发区"), ("东镇", "镇"), ("西镇", "镇")],
        &[(2026, vec![])],
        &[
            (ym(2025, 9), [700.0, 90.0, 4.7, 770.0]),
            (ym(2026, 9), [710.0, 91.0, 4.8, 780.0]),
            (ym(2026, 10), [720.0, 92.0, 4.9, 790.0]),
        ],
    );
    let submit = |m, unit: &str, rows| {
        fx.submit(
            m,
            &format!("{unit}_{m}.xlsx"),
            &form(unit, m, "万美元", rows),
        );
    };
    let (aug, sep, oct) = (ym(2026, 8), ym(2026, 9), ym(2026, 10));
    // Outside the period: never counted (and its folder never read).
    submit(
        aug,
        "甲区",
        vec![foreign("新设", "", Some(1000.0), Some(1000.0), None)],
    );
    // 甲区: September 注册外资 100万美元 (× 7.10 = 710万元) and 注册内资 500万元;
    // October 增资 注册外资 50万美元 (× 7.20 = 360万元).
    submit(
        sep,
        "甲区",
        vec![
            foreign("新设", "", Some(100.0), Some(100.0), None),
            domestic(500.0, 0.0),
        ],
    );
    submit(
        oct,
        "甲区",
        vec![foreign("增资", "", Some(50.0), Some(50.0), None)],
    );
    // 东镇: October 1000万港元 (920万元; 1000 × 92 / 720 万美元).
    submit(
        oct,
        "东镇",
        vec![foreign("新设", "港元", Some(1000.0), Some(1000.0), None)],
    );
    // 西镇: October 注册内资 100万元.
    submit(oct, "西镇", vec![domestic(100.0, 0.0)]);
    // Last year: 甲区 September 注册内资 300万元 + 注册外资 10万美元 (× 7.00);
    // 东镇 October 注册内资 2000万元.
    submit(
        ym(2025, 9),
        "甲区",
        vec![
            foreign("新设", "", Some(10.0), Some(10.0), None),
            domestic(300.0, 0.0),
        ],
    );
    submit(ym(2025, 10), "东镇", vec![domestic(2000.0, 0.0)]);

    let out = fx.out.display().to_string();
    let data = fx.data.display().to_string();
    let store = fx.store.display().to_string();
    let (code, stdout, stderr) = crate::common::zhaoshang(&[
        "run",
        "--period",
        "2026-09..2026-10",
        "--data",
        &data,
        "--out",
        &out,
        "--store",
        &store,
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("竞赛期 2026年9-10月"), "{stdout}");
    let folder = fx.out.join("2026-09..2026-10");
    let book = folder.join("招商引资竞赛通报_2026-09..2026-10.xlsx");
    assert!(book.exists(), "{stdout}");
    assert!(
        !fx.out.join("2026-10").exists(),
        "the month's bulletin folder is not touched"
    );
    let sheet = read_sheet(&book, "竞赛排名");
    assert_cell(
        &sheet,
        0,
        0,
        &t("测试县2026年9-10月招商引资竞赛情况"),
        "title",
    );
    let notes = read_sheet(&book, "说明");
    assert_cell(
        &notes,
        0,
        0,
        &t("测试县2026年9-10月招商引资竞赛说明"),
        "title",
    );
    assert_cell(&sheet, 2, 2, &t("招商引资总额（万元）"), "first measure");
    assert_cell(&sheet, 2, 6, &t("注册外资（万美元）"), "second measure");
    let yoy = |a: f64, b: f64| n((a / b - 1.0) * 100.0);
    // Per measure: 本期, 上年同期, 同比(%), 类内排名.
    // 招商引资总额: 甲区 710 + 500 + 360 = 1570 against 300 + 70 = 370, first
    // of the zones; 东镇 920 against 2000, 西镇 100 against 0: 东镇 first of the
    // towns. 注册外资: 甲区 150 against 10; 东镇 1000 × 92 / 720 against 0.
    let hk = 1000.0 * 92.0 / 720.0;
    let rows = [
        (
            4,
            "甲区",
            [n(1570.0), n(370.0), yoy(1570.0, 370.0), n(1.0)],
            [n(150.0), n(10.0), yoy(150.0, 10.0), n(1.0)],
        ),
        (
            5,
            "东镇",
            [n(920.0), n(2000.0), yoy(920.0, 2000.0), n(1.0)],
            [n(hk), n(0.0), t("—"), n(1.0)],
        ),
        (
            6,
            "西镇",
            [n(100.0), n(0.0), t("—"), n(2.0)],
            [n(0.0), n(0.0), t("—"), n(2.0)],
        ),
        (
            7,
            "合计",
            [n(2590.0), n(2370.0), yoy(2590.0, 2370.0), t("—")],
            [n(150.0 + hk), n(10.0), yoy(150.0 + hk, 10.0), t("—")],
        ),
    ];
    for (r, name, attracted, registered) in rows {
        assert_cell(&sheet, r, 0, &t(name), "单位");
        for (j, e) in attracted.iter().enumerate() {
            assert_cell(&sheet, r, 2 + j as u32, e, name);
        }
        for (j, e) in registered.iter().enumerate() {
            assert_cell(&sheet, r, 6 + j as u32, e, name);
        }
    }
    // A period that is not two months in order is refused before anything runs.
    let (code, _, stderr) = crate::common::zhaoshang(&[
        "run",
        "--period",
        "2026-10..2026-07",
        "--data",
        &data,
        "--out",
        &out,
        "--store",
        &store,
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("起始月份晚于结束月份"), "{stderr}");
}

#[test]
fn the_demo_county_shows_the_rmb_figures() {
    use zhaoshang::foundation::money::Currency;
    use zhaoshang::reference::rates::Rates;
    let data = crate::common::committed_data();
    let (_out, outcome) = crate::common::run_committed_demo();
    assert_eq!((outcome.errors, outcome.warnings), (0, 0));
    let rates = Rates::load(&data.join("reference/rates.xlsx")).unwrap();
    let sheet = read_sheet(&outcome.bulletin, "招商引资总额");
    // 保税区's 招商引资总额 from its own summary sheets (written by the generator
    // from its rows): each month's 注册内资 plus 注册外资 at that month's USD
    // rate; the summaries round to 0.01, hence the tolerance.
    let mut expected = 0.0;
    for m in 1..=10 {
        let month = ym(2026, m);
        let file = data.join(format!("submissions/{month}/保税区_{month}.xlsx"));
        let summary = read_sheet(&file, "汇总表");
        let this_month = |name: &str| match crate::common::cell(
            &summary,
            crate::common::row_of(&summary, name),
            2,
        ) {
            Cell::Num(v) => v,
            other => panic!("{name}: {other:?}"),
        };
        let usd = rates.cny_per_100(month, Currency::USD).unwrap();
        expected += this_month("注册内资") + this_month("注册外资") * usd / 100.0;
    }
    let r = crate::common::row_of(&sheet, "保税区");
    match crate::common::cell(&sheet, r, 3) {
        Cell::Num(ours) => assert!((ours - expected).abs() < 0.5, "{ours} against {expected}"),
        other => panic!("{other:?}"),
    }
    // 项目进度: 保税区 sends the 项目阶段 column all along, 青山镇 from 2026 (no
    // 上年同期), 省级开发区 never ("—" everywhere, not 0).
    let stages = read_sheet(&outcome.bulletin, "项目进度");
    let at = |unit: &str, col: u32| {
        crate::common::cell(&stages, crate::common::row_of(&stages, unit), col)
    };
    for k in 0..4 {
        let first = 2 + 5 * k;
        assert!(matches!(at("保税区", first + 1), Cell::Num(_)));
        assert!(matches!(at("保税区", first + 2), Cell::Num(_)));
        assert!(matches!(at("青山镇", first + 1), Cell::Num(_)));
        assert_eq!(at("青山镇", first + 2), t("—"));
        for j in 0..3 {
            assert_eq!(at("省级开发区", first + j), t("—"));
        }
    }
}

#[test]
fn a_row_with_neither_amounts_nor_a_stage_is_still_an_empty_row() {
    let fx = two_rates();
    let oct = ym(2026, 10);
    let path = fx.data.join("submissions/2026-10/东镇_2026-10.xlsx");
    // Row 4 is an 意向 project with no amounts (counted, no warning); row 5
    // has neither amounts nor a stage: 该行没有任何金额 as on any form.
    let rows = vec![staged("东意向", ""), staged("东空行", "")];
    write_form_staged(&form("东镇", oct, "万美元", rows), &["意向", ""], &path).unwrap();
    let sub = crate::common::check(&fx, &path, oct);
    let empty: Vec<_> = sub
        .issues
        .iter()
        .filter(|i| i.rule.id() == "row.no_amount")
        .map(|i| i.location.a1())
        .collect();
    assert_eq!(empty, [Some("B5".to_string())], "{:?}", sub.issues);
}
