//! Fatal errors in the bureau's words. Each message of an error's chain goes
//! on its own line; the operating system's English is put into Chinese, with
//! the original kept after it for whoever looks after the machine.

use crate::foundation::io_words::io_error_zh;

/// The lines printed on stderr for a fatal error: "错误：…", then each
/// underlying cause indented, the system's own words last as 详情.
pub fn describe(error: &anyhow::Error) -> String {
    let mut lines = Vec::new();
    for cause in error.chain() {
        let line = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => format!("详情：{}（{io}）", io_error_zh(io)),
            None => cause.to_string(),
        };
        // A context that already quotes its cause is not printed twice.
        if !lines.iter().any(|l: &String| l.ends_with(&line)) {
            lines.push(line);
        }
    }
    let mut text = format!("错误：{}", lines.first().cloned().unwrap_or_default());
    for line in lines.iter().skip(1) {
        text.push_str("\n  ");
        text.push_str(line);
    }
    text
}

/// A command-line mistake in Chinese, with clap's own first line kept.
pub fn usage_error_zh(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind as Kind};
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let said = match error.kind() {
        Kind::InvalidSubcommand => format!(
            "没有「{}」这个命令；可用的命令有 run、status、check、demo",
            context(ContextKind::InvalidSubcommand)
        ),
        Kind::UnknownArgument => format!("无法识别的参数「{}」", context(ContextKind::InvalidArg)),
        Kind::MissingRequiredArgument => {
            format!("缺少必须给出的参数：{}", context(ContextKind::InvalidArg))
        }
        Kind::InvalidValue | Kind::ValueValidation => format!(
            "参数 {} 的值「{}」无效",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        Kind::NoEquals | Kind::TooManyValues | Kind::TooFewValues | Kind::WrongNumberOfValues => {
            format!("参数 {} 的值个数不对", context(ContextKind::InvalidArg))
        }
        Kind::ArgumentConflict => format!(
            "参数 {} 不能与 {} 同时使用",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        _ => "命令行有误".to_string(),
    };
    let original = error
        .render()
        .to_string()
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    format!("错误：{said}。查看用法：zhaoshang --help\n  （原文：{original}）")
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;
    use std::io::ErrorKind;

    #[test]
    fn the_chain_in_chinese_with_the_system_detail_kept() {
        let io = std::io::Error::from(ErrorKind::PermissionDenied);
        let english = io.to_string();
        let error = Err::<(), _>(io)
            .context("无法写入输出目录 out：请用 --out 指定一个可以写入的文件夹")
            .unwrap_err();
        let text = describe(&error);
        assert_eq!(
            text,
            format!(
                "错误：无法写入输出目录 out：请用 --out 指定一个可以写入的文件夹\n  详情：没有权限：文件或文件夹是只读的，或当前用户无权写入（{english}）"
            )
        );
    }
}
