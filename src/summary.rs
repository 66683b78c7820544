//! What a run prints on the terminal: units received and missing, issues by
//! severity, the output paths.

use crate::pipeline::RunOutcome;
use std::fmt::Write;

/// The lines printed after a run.
pub fn terminal_summary(outcome: &RunOutcome) -> String {
    let mut s = String::new();
    let total = outcome.received.len() + outcome.missing.len() + outcome.rejected.len();
    let list = |names: &[String]| {
        if names.is_empty() {
            "无".to_string()
        } else {
            names.join("、")
        }
    };
    let _ = writeln!(s, "{} 月报：应报 {} 个单位", outcome.month, total);
    let _ = writeln!(
        s,
        "  已报并采用 {} 个：{}",
        outcome.received.len(),
        list(&outcome.received)
    );
    let _ = writeln!(
        s,
        "  未报 {} 个：{}",
        outcome.missing.len(),
        list(&outcome.missing)
    );
    let _ = writeln!(
        s,
        "  数据未采用 {} 个：{}",
        outcome.rejected.len(),
        list(&outcome.rejected)
    );
    if !outcome.unidentified.is_empty() {
        let _ = writeln!(
            s,
            "  无法识别填报单位的文件 {} 个：{}",
            outcome.unidentified.len(),
            list(&outcome.unidentified)
        );
    }
    let _ = writeln!(
        s,
        "审核问题：错误 {} 条，警告 {} 条",
        outcome.errors, outcome.warnings
    );
    let _ = writeln!(s, "通报：{}", outcome.bulletin.display());
    let _ = writeln!(s, "审核清单：{}", outcome.audit.display());
    s
}
