//! The binary as a user runs it: exit codes and what it prints.

use crate::common::{small_fixture, zhaoshang, Grid};

#[test]
fn check_exits_0_for_a_clean_file_and_2_naming_the_cell_otherwise() {
    let fx = small_fixture();
    let good = fx.data.join("submissions/2026-10/东镇.xlsx");
    Grid::detail().write(&good);
    let bad = fx.data.join("incoming/甲区_2026-10.xlsx");
    Grid::detail()
        .set("A1", "2026年10月甲区招商引资项目明细表")
        .set("A2", "填报单位：甲区管委会　　单位：万美元")
        .set("J4", "约100")
        .write(&bad);
    let data = fx.data.to_str().unwrap();

    let (code, stdout, _) = zhaoshang(&["check", "--data", data, good.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("东镇 2026-10，采用"), "{stdout}");

    // Outside a month folder, the month comes from the title (and file name).
    let (code, stdout, _) = zhaoshang(&[
        "check",
        "--data",
        data,
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains("工作表「项目明细」 J4 原值「约100」"),
        "{stdout}"
    );
    assert!(stdout.contains("(cell.not_a_number)"), "{stdout}");
    assert!(stdout.contains("甲区 2026-10，未采用"), "{stdout}");
    assert!(
        stdout.contains("共 2 个文件，1 个有错误不能采用"),
        "{stdout}"
    );
}

#[test]
fn run_exit_codes_and_fatal_errors() {
    let fx = small_fixture();
    Grid::detail().write(&fx.data.join("submissions/2026-10/东镇.xlsx"));
    let (data, out) = (fx.data.to_str().unwrap(), fx.out.to_str().unwrap());
    let store = fx.store.to_str().unwrap();
    let run = ["run", "--data", data, "--out", out, "--store", store];
    let (code, stdout, _) = zhaoshang(&run);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("未报 1 个：甲区"), "{stdout}");

    Grid::detail()
        .set("J4", "约100")
        .write(&fx.data.join("submissions/2026-10/东镇.xlsx"));
    let (code, stdout, _) = zhaoshang(&run);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("数据未采用 1 个：东镇"), "{stdout}");

    // The 催报 list: 甲区 sent nothing; 东镇's file is kept out, with why.
    let (code, stdout, _) = zhaoshang(&["status", "--data", data, "--store", store]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("10月催报（未报 1 个）：甲区"), "{stdout}");
    assert!(
        stdout
            .contains("2026-10 东镇 submissions/2026-10/东镇.xlsx：工作表「项目明细」J4「约100」"),
        "{stdout}"
    );

    let (code, _, stderr) = zhaoshang(&[&run[..], &["--month", "2026-13"]].concat());
    assert_eq!(code, 1);
    assert!(
        stderr.contains("--month「2026-13」应写作 2026-10"),
        "{stderr}"
    );
    let (code, _, stderr) = zhaoshang(&["run", "--data", "/nonexistent", "--store", store]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("读取设置文件 /nonexistent/settings.toml 失败"),
        "{stderr}"
    );
}
