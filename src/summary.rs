//! What a run prints on the terminal: units received and missing, issues by
//! severity, the output paths.

use crate::audit::{self, issue::Severity};
use crate::normalize::submission::NormalizedSubmission;
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
    if let Some(peers) = &outcome.peers {
        let _ = writeln!(s, "周边县市比较：{}", peers.display());
    }
    if outcome.peer_errors > 0 {
        let _ = writeln!(
            s,
            "市通报有 {} 个错误，有问题的通报未用于比较（见审核清单「市通报」页）",
            outcome.peer_errors
        );
    }
    let _ = writeln!(s, "审核清单：{}", outcome.audit.display());
    s
}

/// What `zhaoshang check` prints: each file's unit, month and status, then its issues.
pub fn check_report(subs: &[NormalizedSubmission]) -> String {
    let mut s = String::new();
    let mut rejected = 0;
    for sub in subs {
        let status = audit::status(sub);
        if status == audit::Status::Rejected {
            rejected += 1;
        }
        let count = |severity| {
            sub.issues
                .iter()
                .filter(|i| i.severity() == severity)
                .count()
        };
        let _ = writeln!(
            s,
            "{}：{} {}，{}（错误 {} 条，警告 {} 条）",
            sub.file.name,
            sub.unit.as_deref().unwrap_or("单位不明"),
            sub.period.map_or("月份不明".to_string(), |p| p.to_string()),
            status.name_zh(),
            count(Severity::Error),
            count(Severity::Warning)
        );
        for issue in &sub.issues {
            let _ = writeln!(s, "  {issue}");
        }
    }
    let _ = writeln!(s, "共 {} 个文件，{} 个有错误不能采用", subs.len(), rejected);
    s
}
