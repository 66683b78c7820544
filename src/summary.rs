//! What a run prints on the terminal: units received and missing, issues by
//! severity, the output paths.

use crate::audit::submission_status::YearStatus;
use crate::audit::{self, issue::Severity};
use crate::normalize::submission::NormalizedSubmission;
use crate::pipeline::RunOutcome;
use crate::store::Written;
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
    let _ = writeln!(s, "{}", store_line(outcome));
    if !outcome.revisions.is_empty() {
        let _ = writeln!(
            s,
            "历史库中已有月份的数据有 {} 项修订（见审核清单「修订记录」页）",
            outcome.revisions.len()
        );
    }
    let _ = writeln!(s, "运行清单：{}", outcome.manifest.display());
    s
}

/// "历史库：写入 22 个月（新增 1，更新 1，未变 20）；2025-01…2025-12 取自历史库".
fn store_line(outcome: &RunOutcome) -> String {
    let count = |w: Written| outcome.store_writes.iter().filter(|(_, x)| *x == w).count();
    let mut line = format!(
        "历史库：写入 {} 个月（新增 {}，更新 {}，未变 {}）",
        outcome.store_writes.len(),
        count(Written::Added),
        count(Written::Replaced),
        count(Written::Unchanged)
    );
    if let (Some(first), Some(last)) = (outcome.from_store.first(), outcome.from_store.last()) {
        let _ = write!(
            line,
            "；数据目录中没有报表的 {} 个月（{first}…{last}）取自历史库",
            outcome.from_store.len()
        );
    }
    line
}

/// What `zhaoshang status` prints: a unit × month grid, the units to chase
/// for the month (催报) and the year's rejected submissions with the reason.
pub fn status_report(status: &YearStatus) -> String {
    let mut s = String::new();
    let month = status.month;
    let _ = writeln!(s, "{}年1-{}月报表报送情况", month.year, month.month);
    let width = status
        .units
        .iter()
        .map(|(u, _)| u.chars().count())
        .max()
        .unwrap_or(2);
    let pad = |text: &str| {
        format!(
            "{text}{}",
            "　".repeat(width - text.chars().count().min(width))
        )
    };
    let months: String = (1..=month.month).map(|m| format!("{m:>3}")).collect();
    let _ = writeln!(s, "{}{months}", pad("单位"));
    for (unit, marks) in &status.units {
        let marks: String = marks
            .iter()
            .map(|m| format!(" {:>2}", m.symbol()))
            .collect();
        let _ = writeln!(s, "{}{marks}", pad(unit));
    }
    let _ = writeln!(
        s,
        "✓ 采用　△ 采用（有警告）　✗ 未采用　○ 未报　库 取自历史库"
    );
    let chase = if status.missing.is_empty() {
        "无".to_string()
    } else {
        status.missing.join("、")
    };
    let _ = writeln!(
        s,
        "{}月催报（未报 {} 个）：{chase}",
        month.month,
        status.missing.len()
    );
    if status.rejected.is_empty() {
        let _ = writeln!(s, "本年未采用的报表：无");
    } else {
        let _ = writeln!(s, "本年未采用的报表 {} 份：", status.rejected.len());
        for r in &status.rejected {
            let _ = writeln!(s, "  {} {} {}：{}", r.month, r.unit, r.file, r.reason);
        }
    }
    for file in &status.unidentified {
        let _ = writeln!(s, "  无法识别单位的文件：{file}");
    }
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
