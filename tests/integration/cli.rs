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

/// `zhaoshang run` on a fixture, with other folders where given.
fn run_with(fx: &crate::common::Fixture, out: &str, store: &str) -> (i32, String, String) {
    zhaoshang(&[
        "run",
        "--data",
        fx.data.to_str().unwrap(),
        "--out",
        out,
        "--store",
        store,
    ])
}

fn run_fixture(fx: &crate::common::Fixture) -> (i32, String, String) {
    run_with(fx, fx.out.to_str().unwrap(), fx.store.to_str().unwrap())
}

/// A fixture whose October folder holds 东镇's clean form.
fn fixture_with_a_form() -> crate::common::Fixture {
    let fx = small_fixture();
    Grid::detail().write(&fx.data.join("submissions/2026-10/东镇.xlsx"));
    fx
}

/// Words meant for a unit's broken workbook, never for the bureau's own tables.
const UNIT_WORDS: &str = "重新报送";

#[test]
fn a_missing_reference_table_is_named_with_what_to_do() {
    let fx = fixture_with_a_form();
    let regions = fx.data.join("reference/regions.xlsx");
    std::fs::remove_file(&regions).unwrap();
    let (code, _, stderr) = run_fixture(&fx);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("错误：读取单位名录 regions.xlsx 失败\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("找不到参考表 {}", regions.display())),
        "{stderr}"
    );
    assert!(stderr.contains("请从备份中找回该文件"), "{stderr}");
    assert!(!stderr.contains(UNIT_WORDS), "{stderr}");
}

#[test]
fn an_unreadable_reference_table_keeps_the_readers_detail() {
    let fx = fixture_with_a_form();
    let regions = fx.data.join("reference/regions.xlsx");
    std::fs::write(&regions, "这不是工作簿").unwrap();
    let (code, _, stderr) = run_fixture(&fx);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("参考表 {} 无法打开", regions.display())),
        "{stderr}"
    );
    assert!(stderr.contains("或从备份中恢复（详情："), "{stderr}");
    assert!(!stderr.contains(UNIT_WORDS), "{stderr}");
}

#[test]
fn an_unknown_setting_is_named_with_the_ones_there_are() {
    let fx = fixture_with_a_form();
    let settings = fx.data.join("settings.toml");
    std::fs::write(&settings, "county = \"测试县\"\ncountry = \"中国\"\n").unwrap();
    let (code, _, stderr) = run_fixture(&fx);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "设置文件 {} 第 2 行第 1 列（country = \"中国\"）有误：未知的设置项 `country`，可用的有：county、reference_dir、",
            settings.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("（原文：unknown field `country`"),
        "{stderr}"
    );
}

#[test]
fn a_settings_syntax_error_is_placed_and_explained() {
    let fx = fixture_with_a_form();
    std::fs::write(fx.data.join("settings.toml"), "county = 测试县\n").unwrap();
    let (code, _, stderr) = run_fixture(&fx);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("第 1 行第 10 列（county = 测试县）有误"),
        "{stderr}"
    );
    assert!(stderr.contains("文字要用英文双引号括起来"), "{stderr}");
    assert!(
        stderr.contains("（原文：string values must be quoted"),
        "{stderr}"
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_stops_the_run_before_anything_is_written() {
    let fx = fixture_with_a_form();
    // A file where the folder should be: as unwritable as a read-only share,
    // and it works when the tests run as root.
    let blocker = fx.data.parent().unwrap().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("output");
    let (code, _, stderr) = run_with(&fx, out.to_str().unwrap(), fx.store.to_str().unwrap());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "无法写入输出目录 {}",
            out.join("2026-10").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("请用 --out 指定一个可以写入的文件夹"),
        "{stderr}"
    );
    assert!(
        stderr.contains("详情：路径中有一项是文件，而不是文件夹（"),
        "{stderr}"
    );
    assert!(!fx.store.exists());

    let store = blocker.join("store");
    let (code, _, stderr) = run_with(&fx, fx.out.to_str().unwrap(), store.to_str().unwrap());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("无法写入历史库目录 {}", store.display())),
        "{stderr}"
    );
    assert!(stderr.contains("请用 --store 指定"), "{stderr}");
    assert!(crate::common::snapshot(&fx.out).is_empty());
}

#[test]
fn the_help_is_in_chinese_with_an_example_for_every_command() {
    let english = [
        "Usage:",
        "Options:",
        "Commands:",
        "Arguments:",
        "Print help",
        "Print version",
        "[default",
    ];
    let (code, top, _) = zhaoshang(&["--help"]);
    assert_eq!(code, 0);
    for words in [
        "用法：zhaoshang <命令> [选项]",
        "命令：",
        "选项：",
        "示例：",
        "退出码：",
        "-h, --help",
        "显示帮助",
        "-V, --version",
        "显示版本号",
    ] {
        assert!(top.contains(words), "{words}:\n{top}");
    }
    let (_, short, _) = zhaoshang(&["-h"]);
    for (command, about) in [
        ("run", "月度处理"),
        ("status", "报送情况"),
        ("check", "收表检查"),
        ("demo", "生成示例数据"),
    ] {
        assert!(
            short.contains(&format!("  {command}")) && short.contains(about),
            "{short}"
        );
        let (code, help, _) = zhaoshang(&[command, "--help"]);
        assert_eq!(code, 0, "{help}");
        assert!(
            help.contains(&format!("用法：zhaoshang {command}")),
            "{help}"
        );
        assert!(
            help.contains(&format!("示例：\n  zhaoshang {command}")),
            "{help}"
        );
        assert!(help.contains("显示本命令的帮助"), "{help}");
        for text in [&top, &short, &help] {
            for word in english {
                assert!(!text.contains(word), "{word}:\n{text}");
            }
        }
    }
    let (code, version, _) = zhaoshang(&["-V"]);
    assert_eq!((code, version.trim()), (0, "zhaoshang 0.1.0"));
}

#[test]
fn a_mistyped_command_is_answered_in_chinese() {
    let (code, _, stderr) = zhaoshang(&["chek"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("没有「chek」这个命令；可用的命令有 run、status、check、demo"),
        "{stderr}"
    );
    let (code, _, stderr) = zhaoshang(&["run", "--mnth", "2026-10"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("无法识别的参数「--mnth」"), "{stderr}");
}
