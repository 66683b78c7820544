//! What is wrong with settings.toml, in the bureau's words: the TOML reader's
//! and serde's English put into Chinese, with the line and column, the line
//! itself, what to do, and the original message kept at the end.

/// The message for a settings file `text` at `path` that `error` refused.
pub fn settings_error_zh(path: &str, text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim();
    let at = error
        .span()
        .map(|span| {
            let start = span.start.min(text.len());
            let before = &text[..start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let shown = text.lines().nth(line - 1).unwrap_or("").trim();
            format!("第 {line} 行第 {column} 列（{shown}）")
        })
        .unwrap_or_default();
    format!(
        "设置文件 {path} {at}有误：{}。请用记事本等文本编辑器改正后重新运行（原文：{message}）",
        toml_message_zh(message)
    )
}

/// serde's and the TOML parser's messages, translated where the form is known.
pub fn toml_message_zh(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        let choices = names_in(expected);
        return if choices.is_empty() {
            format!("未知的设置项 {field}，这里不能有设置项")
        } else {
            format!("未知的设置项 {field}，可用的有：{}", choices.join("、"))
        };
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("缺少必填的设置项 {field}");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        return format!(
            "{value} 不是可选的值，可选：{}",
            names_in(expected).join("、")
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "值的类型不对：应为{}，写的是{}",
            kind_zh(expected),
            kind_zh(found)
        );
    }
    const SYNTAX: [(&str, &str); 9] = [
        (
            "duplicate key",
            "同一个设置项（或 [节名]）出现了两次，请删去一处",
        ),
        (
            "string values must be quoted",
            "文字要用英文双引号括起来，如 county = \"示范县\"",
        ),
        ("missing assignment", "设置项后面缺少「= 值」"),
        ("key with no value", "设置项后面缺少「= 值」"),
        ("missing value", "「=」后面缺少值"),
        ("unclosed", "方括号或花括号不成对"),
        (
            "invalid unquoted key",
            "设置项的名字只能用英文字母、数字和下划线",
        ),
        ("invalid key", "设置项的名字只能用英文字母、数字和下划线"),
        (
            "invalid basic string",
            "引号里的文字有误：引号不成对，或用了中文引号",
        ),
    ];
    if let Some((_, zh)) = SYNTAX.iter().find(|(en, _)| message.starts_with(en)) {
        return (*zh).to_string();
    }
    format!(
        "格式不对（{message}）；常见原因：文字没有用英文双引号括起来，用了中文标点（＝ “” ［］），或括号不成对"
    )
}

/// The `names` in "expected one of `a`, `b`" or "expected `a` or `b`".
fn names_in(expected: &str) -> Vec<String> {
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// "a string", `string "x"`, "f64", "a sequence" … in Chinese.
fn kind_zh(kind: &str) -> String {
    let kind = kind.trim();
    let quoted = kind.split_once(' ').map_or("", |(_, v)| v);
    if kind.starts_with("string") || kind == "a string" {
        return if quoted.is_empty() {
            "文字（用英文双引号括起来）".to_string()
        } else {
            format!("文字 {quoted}")
        };
    }
    let word = if kind.contains("f64") || kind.contains("float") || kind.contains("f32") {
        "小数"
    } else if kind.contains("integer") || kind.contains("u32") || kind.contains("i32") {
        "整数"
    } else if kind.contains("bool") {
        "true 或 false"
    } else if kind.contains("sequence") || kind.contains("array") {
        "列表（如 [1000, 2500]）"
    } else if kind.contains("map") || kind.contains("struct") || kind.contains("table") {
        "一组设置（[节名] 下的若干项）"
    } else {
        return kind.to_string();
    };
    if quoted.is_empty() {
        word.to_string()
    } else {
        format!("{word} {quoted}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_in_chinese() {
        assert_eq!(
            toml_message_zh("unknown field `country`, expected one of `county`, `peers_dir`"),
            "未知的设置项 `country`，可用的有：county、peers_dir"
        );
        assert_eq!(
            toml_message_zh("missing field `county`"),
            "缺少必填的设置项 `county`"
        );
        assert_eq!(
            toml_message_zh("unknown variant `weekly`, expected `monthly` or `quarterly`"),
            "`weekly` 不是可选的值，可选：monthly、quarterly"
        );
        assert_eq!(
            toml_message_zh("string values must be quoted, expected literal string"),
            "文字要用英文双引号括起来，如 county = \"示范县\""
        );
        assert_eq!(
            toml_message_zh("invalid type: string \"七成\", expected f64"),
            "值的类型不对：应为小数，写的是文字 \"七成\""
        );
    }
}
