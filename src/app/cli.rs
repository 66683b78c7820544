//! The command line (clap derive structs, nothing else), with every word of
//! its help in Chinese: clap's own English headings ("Usage:", "Options:")
//! are replaced through help templates, its -h/-V flags by our own.

use clap::{ArgAction, Parser, Subcommand};
use std::path::PathBuf;

/// The top level: a list of commands.
const MAIN_TEMPLATE: &str = "\
{about-with-newline}
用法：{usage}

命令：
{subcommands}

选项：
{options}{after-help}";

/// A command with options only.
const COMMAND_TEMPLATE: &str = "\
{about-with-newline}
用法：{usage}

选项：
{options}{after-help}";

/// A command that also takes files.
const FILES_TEMPLATE: &str = "\
{about-with-newline}
用法：{usage}

参数：
{positionals}

选项：
{options}{after-help}";

const MAIN_AFTER: &str = "\
示例：
  zhaoshang run                      处理 data/submissions/ 下最新的月份，结果写入 output/
  zhaoshang run --month 2026-09      处理 2026 年 9 月
  zhaoshang status                   本年各单位报送情况和催报名单
  zhaoshang check 东镇_2026-10.xlsx   收到报表时先检查，不生成通报
  zhaoshang run --help               某个命令的详细说明

退出码：0 本月没有单位的数据未采用，未报的单位列入催报名单（check：没有文件有错误）；
        2 已运行完毕，但有单位的数据未采用、有文件认不出是哪个单位，或本月尚未收到任何报表（check：有文件有错误）；
        1 出错停止（设置文件、参考表、输出目录或命令行有误），原因见屏幕提示。";

const RUN_AFTER: &str = "\
示例：
  zhaoshang run
  zhaoshang run --month 2026-09 --data D:\\招商统计\\data --out D:\\招商统计\\output
  zhaoshang run --period 2026-07..2026-10   竞赛期 7-10 月与上年同期比较，写入 output/2026-07..2026-10/

结果在 输出目录/年-月/ 下：招商引资通报、审核清单（每个文件是否采用及原因、问题清单、报送情况）、图表和运行清单。
退出码：0 没有单位的数据未采用；2 有单位的数据未采用、有文件认不出单位或本月尚未收到报表；1 出错停止。";

const STATUS_AFTER: &str = "\
示例：
  zhaoshang status
  zhaoshang status --month 2026-09

✓ 采用　△ 采用（有警告）　✗ 未采用　○ 未报　库 取自历史库。本命令不写入任何文件。";

const CHECK_AFTER: &str = "\
示例：
  zhaoshang check data/submissions/2026-10/东镇_2026-10.xlsx
  zhaoshang check 收件箱/*.xlsx

放在 年-月 目录中的文件按该月检查，其他位置的文件按标题和文件名中的月份检查。
可读取 .xlsx、.xlsm、.xls、.ods、.xlsb；锁定文件（~$ 开头）和隐藏文件跳过。
退出码：0 没有文件有错误；2 有文件有错误（不能采用）；1 出错停止。";

const TEMPLATE_AFTER: &str = "\
示例：
  zhaoshang template                      # 下个月各单位的报表模板
  zhaoshang template --month 2026-11 --unit 青山镇
";

const DEMO_AFTER: &str = "\
示例：
  zhaoshang demo --data 示例数据
  zhaoshang run --data 示例数据 --out 示例输出

示范县和示范市的数据都是虚构的，每次生成的内容相同。";

/// 招商引资月度统计：读取各单位报表，审核、汇总并生成通报。
#[derive(Parser, Debug)]
#[command(
    name = "zhaoshang",
    version,
    about = "招商引资月度统计：读取各单位报表，审核、汇总并生成通报",
    long_about = "招商引资月度统计：读取各单位每月报送的 Excel 报表，逐格审核，折算币种和金额单位，\n按地区、来源地、行业汇总，生成通报和审核清单（可直接发回各单位）。",
    help_template = MAIN_TEMPLATE,
    override_usage = "zhaoshang <命令> [选项]",
    subcommand_value_name = "命令",
    after_help = MAIN_AFTER,
    arg_required_else_help = true,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 显示帮助（各命令另有帮助，如 zhaoshang run --help）
    #[arg(short = 'h', long = "help", action = ArgAction::Help)]
    help: Option<bool>,
    /// 显示版本号
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 月度处理：读取、审核、汇总，生成通报和审核清单
    #[command(
        long_about = "月度处理：读取本月及所需往月各单位的报表，逐格审核，汇总后生成通报、审核清单和图表，\n并把本月采用的数据存入历史库。",
        help_template = COMMAND_TEMPLATE,
        override_usage = "zhaoshang run [--month 年-月 | --period 起..止] [--data 目录] [--out 目录] [--store 目录] [--force]",
        after_help = RUN_AFTER,
        disable_help_flag = true
    )]
    Run {
        /// 报告月份，如 2026-10；不写则取报表目录下最新的月份
        #[arg(long, value_name = "年-月", conflicts_with = "period")]
        month: Option<String>,
        /// 竞赛期，如 2026-07..2026-10：生成该期与上年同期比较的竞赛通报，写入 输出目录/2026-07..2026-10/
        #[arg(long, value_name = "起..止")]
        period: Option<String>,
        /// 数据目录，其中有 settings.toml、reference/ 和 submissions/（默认 data）
        #[arg(
            long,
            value_name = "目录",
            default_value = "data",
            hide_default_value = true
        )]
        data: PathBuf,
        /// 输出目录，结果写入 输出目录/年-月/（默认 output）
        #[arg(
            long,
            value_name = "目录",
            default_value = "output",
            hide_default_value = true
        )]
        out: PathBuf,
        /// 历史库目录：各月采用的数据和报表存档，需长期保留（默认 store）
        #[arg(
            long,
            value_name = "目录",
            default_value = "store",
            hide_default_value = true
        )]
        store: PathBuf,
        /// 重新计算：即使自上次运行以来报表、参考表、设置和结果都未改动
        #[arg(long)]
        force: bool,
        /// 显示本命令的帮助
        #[arg(short = 'h', long = "help", action = ArgAction::Help)]
        help: Option<bool>,
    },
    /// 报送情况：本年各单位哪些月份已报，本月催报名单，未采用的报表及原因
    #[command(
        long_about = "报送情况：本年 1 月至报告月份，各单位每月的报表是否采用，本月催报（未报）名单，\n以及本年未采用的每份报表和原因（工作表、单元格、原值）。",
        help_template = COMMAND_TEMPLATE,
        override_usage = "zhaoshang status [--month 年-月] [--data 目录] [--store 目录]",
        after_help = STATUS_AFTER,
        disable_help_flag = true
    )]
    Status {
        /// 报告月份，如 2026-10；不写则取报表目录下最新的月份
        #[arg(long, value_name = "年-月")]
        month: Option<String>,
        /// 数据目录，其中有 settings.toml、reference/ 和 submissions/（默认 data）
        #[arg(
            long,
            value_name = "目录",
            default_value = "data",
            hide_default_value = true
        )]
        data: PathBuf,
        /// 历史库目录，数据目录中已没有报表的月份从这里读取（默认 store）
        #[arg(
            long,
            value_name = "目录",
            default_value = "store",
            hide_default_value = true
        )]
        store: PathBuf,
        /// 显示本命令的帮助
        #[arg(short = 'h', long = "help", action = ArgAction::Help)]
        help: Option<bool>,
    },
    /// 收表检查：检查报表文件，列出每个问题，不生成通报
    #[command(
        long_about = "收表检查：收到报表时先检查，列出每个文件的单位、月份、是否可以采用，\n以及每个问题所在的工作表、单元格和原值。不写入任何文件。",
        help_template = FILES_TEMPLATE,
        override_usage = "zhaoshang check <文件>... [--data 目录]",
        after_help = CHECK_AFTER,
        disable_help_flag = true
    )]
    Check {
        /// 要检查的报表文件（一个或多个）
        #[arg(required = true, value_name = "文件")]
        files: Vec<PathBuf>,
        /// 数据目录，其中有 settings.toml 和 reference/（默认 data）
        #[arg(
            long,
            value_name = "目录",
            default_value = "data",
            hide_default_value = true
        )]
        data: PathBuf,
        /// 显示本命令的帮助
        #[arg(short = 'h', long = "help", action = ArgAction::Help)]
        help: Option<bool>,
    },
    /// 生成报表模板：每个单位本月要填的报表，已填好单位、月份和下拉选项
    #[command(
        long_about = "生成报表模板：为每个单位（或 --unit 指定的单位）生成本月要填的报表，写入 输出目录/templates/年-月/。\n已填好标题、填报单位、金额单位和表头，资本类别、事项、币种、来源地、行业用下拉选项，\n金额和日期有输入检查，汇总表用公式汇总明细，1-N月累计和去年同期取自历史库。",
        help_template = COMMAND_TEMPLATE,
        override_usage = "zhaoshang template [--month 年-月] [--unit 单位] [--data 目录] [--out 目录] [--store 目录]",
        after_help = TEMPLATE_AFTER,
        disable_help_flag = true
    )]
    Template {
        /// 报表月份，如 2026-11；不写则取报表目录下最新月份的下一个月
        #[arg(long, value_name = "年-月")]
        month: Option<String>,
        /// 只生成这个单位的报表（单位名录中的名称或别名）
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        /// 数据目录，其中有 settings.toml、reference/ 和 submissions/（默认 data）
        #[arg(
            long,
            value_name = "目录",
            default_value = "data",
            hide_default_value = true
        )]
        data: PathBuf,
        /// 输出目录，模板写入 输出目录/templates/年-月/（默认 output）
        #[arg(
            long,
            value_name = "目录",
            default_value = "output",
            hide_default_value = true
        )]
        out: PathBuf,
        /// 历史库目录，用于填入 1-N月累计 和 去年同期（默认 store）
        #[arg(
            long,
            value_name = "目录",
            default_value = "store",
            hide_default_value = true
        )]
        store: PathBuf,
        /// 显示本命令的帮助
        #[arg(short = 'h', long = "help", action = ArgAction::Help)]
        help: Option<bool>,
    },
    /// 生成示例数据：示范县的参考表和各单位报表（虚构，可重复生成）
    #[command(
        long_about = "生成示例数据：示范县的设置、参考表、各单位 2025-01 至 2026-10 的报表和示范市的通报，\n用于试用和对照格式。数据均为虚构，每次生成的内容相同。",
        help_template = COMMAND_TEMPLATE,
        override_usage = "zhaoshang demo [--data 目录] [--towns 个数]",
        after_help = DEMO_AFTER,
        disable_help_flag = true
    )]
    Demo {
        /// 写入的目录（默认 data）
        #[arg(
            long,
            value_name = "目录",
            default_value = "data",
            hide_default_value = true
        )]
        data: PathBuf,
        /// 另加若干个镇（报表格式相同），模拟较大的县，用于性能测试（默认 0）
        #[arg(
            long,
            value_name = "个数",
            default_value_t = 0,
            hide_default_value = true
        )]
        towns: usize,
        /// 显示本命令的帮助
        #[arg(short = 'h', long = "help", action = ArgAction::Help)]
        help: Option<bool>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
