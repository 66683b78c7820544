//! What a run prints on the terminal: units received, missing and kept out
//! with why, every entry of the month folder that did not go in, issues by
//! severity, the output paths. Counts always; names and lines only up to a
//! screenful ([`SHOWN`]), the rest in the audit workbook, so a province's
//! thousand units do not flood the screen.

use crate::app::last_run::LastRun;
use crate::app::pipeline::{CheckedSubmissions, RunOutcome};
use crate::audit::receipts::Receipts;
use crate::audit::{self, Status};
use crate::foundation::issue::Severity;
use crate::foundation::unit_id::UnitId;
use crate::store::Written;
use std::fmt::Write;

/// Said when the report month's folder holds no submission at all.
pub const NOTHING_RECEIVED: &str = "本月尚未收到任何报表";

/// How many names one line shows, and how many lines one list prints.
pub const SHOWN: usize = 20;

/// Where the names and lines left off the screen are.
const SEE_AUDIT: &str = "见审核清单「报表接收」页";

/// Names on one line: all of them up to [`SHOWN`], else the first [`SHOWN`]
/// and how many there are in all.
pub fn names_line(names: &[String]) -> String {
    match names.len() {
        0 => "无".to_string(),
        n if n <= SHOWN => names.join("、"),
        n => format!("{}…等{n}个（{SEE_AUDIT}）", names[..SHOWN].join("、")),
    }
}

/// Lines of a list, at most [`SHOWN`]; past them one line says how many more.
pub fn capped_lines(s: &mut String, lines: impl IntoIterator<Item = String>) {
    let mut more = 0;
    for (i, line) in lines.into_iter().enumerate() {
        if i < SHOWN {
            let _ = writeln!(s, "{line}");
        } else {
            more += 1;
        }
    }
    if more > 0 {
        let _ = writeln!(s, "    …另有 {more} 项（{SEE_AUDIT}）");
    }
}

/// The lines printed after a run.
pub fn terminal_summary(outcome: &RunOutcome) -> String {
    let mut s = String::new();
    let receipts = &outcome.receipts;
    let list =
        |units: &[UnitId]| names_line(&units.iter().map(UnitId::to_string).collect::<Vec<_>>());
    let _ = writeln!(
        s,
        "{} 月报：应报 {} 个单位",
        outcome.month,
        receipts.units.len()
    );
    if receipts.nothing_received() {
        let _ = writeln!(
            s,
            "{NOTHING_RECEIVED}（{} 中没有报表文件），各单位均为未报",
            outcome.month_folder
        );
    }
    let received = receipts.received();
    let _ = writeln!(s, "  已报并采用 {} 个：{}", received.len(), list(&received));
    let missing = receipts.missing();
    let _ = writeln!(s, "  未报 {} 个：{}", missing.len(), list(&missing));
    let rejected = receipts.rejected();
    let _ = writeln!(s, "  数据未采用 {} 个：{}", rejected.len(), list(&rejected));
    capped_lines(
        &mut s,
        rejected.iter().filter_map(|unit| {
            let why = receipts.reason_kept_out(unit)?;
            Some(format!("    {unit}：{why}"))
        }),
    );
    let unidentified: Vec<String> = receipts
        .unidentified()
        .iter()
        .map(|l| l.file.clone())
        .collect();
    if !unidentified.is_empty() {
        let _ = writeln!(
            s,
            "  无法识别填报单位的文件 {} 个：{}",
            unidentified.len(),
            names_line(&unidentified)
        );
    }
    write_month_entries(&mut s, receipts, &outcome.month_folder);
    let _ = writeln!(
        s,
        "审核问题：错误 {} 条，警告 {} 条",
        outcome.errors, outcome.warnings
    );
    let _ = writeln!(s, "通报：{}", outcome.bulletin.display());
    let _ = writeln!(s, "通报（Word）：{}", outcome.document.display());
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

/// What a re-run on unchanged files prints: why nothing was recomputed, then
/// the last run's own summary.
pub fn unchanged_summary(last: &LastRun) -> String {
    format!(
        "{} 月报：自上次运行以来，报表、参考表、设置和程序都未改动，历史库和输出目录中的结果也与上次运行后一致，无需重新计算（如要重算，加 --force）。\n以下为上次运行的结果：\n{}",
        last.month, last.summary
    )
}

/// "本月目录 submissions/2026-10 共 13 项：采用 10，未采用 2，未读取 1", then
/// each entry that did not go in and is not already named under its unit.
fn write_month_entries(s: &mut String, receipts: &Receipts, folder: &str) {
    let entries: Vec<_> = receipts.month_files().collect();
    if entries.is_empty() {
        return;
    }
    let count = |wanted: &[Status]| {
        entries
            .iter()
            .filter(|l| wanted.contains(&l.status))
            .count()
    };
    let mut parts = vec![format!(
        "采用 {}",
        count(&[Status::Accepted, Status::AcceptedWithWarnings])
    )];
    for status in [Status::Rejected, Status::Superseded, Status::NotRead] {
        let n = count(&[status]);
        if n > 0 {
            parts.push(format!("{} {n}", status.name_zh()));
        }
    }
    let _ = writeln!(
        s,
        "本月目录 {folder} 共 {} 项：{}",
        entries.len(),
        parts.join("，")
    );
    let rejected_units = receipts.rejected();
    capped_lines(
        s,
        entries.iter().filter_map(|line| {
            let named_above = line
                .unit
                .as_ref()
                .is_some_and(|u| rejected_units.contains(u));
            match (&line.reason, named_above) {
                (Some(why), false) => {
                    Some(format!("  {} {}：{why}", line.status.name_zh(), line.file))
                }
                _ => None,
            }
        }),
    );
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
pub fn status_report(receipts: &Receipts) -> String {
    let mut s = String::new();
    let month = receipts.month;
    let grid = receipts.grid();
    let _ = writeln!(s, "{}年1-{}月报表报送情况", month.year, month.month);
    let width = grid
        .iter()
        .map(|(u, _)| u.as_str().chars().count())
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
    for (unit, marks) in &grid {
        let marks: String = marks
            .iter()
            .map(|m| format!(" {:>2}", m.symbol()))
            .collect();
        let _ = writeln!(s, "{}{marks}", pad(unit.as_str()));
    }
    let _ = writeln!(
        s,
        "✓ 采用　△ 采用（有警告）　✗ 未采用　○ 未报　库 取自历史库"
    );
    let missing = receipts.missing();
    let chase = if missing.is_empty() {
        "无".to_string()
    } else {
        UnitId::join(&missing, "、")
    };
    let _ = writeln!(
        s,
        "{}月催报（未报 {} 个）：{chase}",
        month.month,
        missing.len()
    );
    let rejections = receipts.rejections();
    if rejections.is_empty() {
        let _ = writeln!(s, "本年未采用的报表：无");
    } else {
        let _ = writeln!(s, "本年未采用的报表 {} 份：", rejections.len());
        for r in rejections {
            let _ = writeln!(
                s,
                "  {} {} {}：{}",
                r.month.map(|m| m.to_string()).unwrap_or_default(),
                r.unit.as_ref().map_or("（无法识别）", UnitId::as_str),
                r.file,
                r.reason.as_deref().unwrap_or("")
            );
        }
    }
    for line in receipts.unidentified_this_year() {
        let _ = writeln!(s, "  无法识别单位的文件：{}", line.file);
    }
    s
}

/// What `zhaoshang check` prints: each file's unit, month and status, then
/// its issues; the lock and hidden files passed over.
pub fn check_report(checked: &CheckedSubmissions) -> String {
    let mut s = String::new();
    let mut rejected = 0;
    for sub in &checked.subs {
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
            sub.unit.as_ref().map_or("单位不明", UnitId::as_str),
            sub.period.map_or("月份不明".to_string(), |p| p.to_string()),
            status.name_zh(),
            count(Severity::Error),
            count(Severity::Warning)
        );
        for issue in &sub.issues {
            let _ = writeln!(s, "  {issue}");
        }
    }
    for issue in &checked.skipped {
        let _ = writeln!(s, "{}：未读取，{}", issue.location.file, issue.message);
    }
    let _ = writeln!(
        s,
        "共 {} 个文件，{} 个有错误不能采用",
        checked.subs.len() + checked.skipped.len(),
        rejected
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("镇{i}")).collect()
    }

    #[test]
    fn a_screenful_of_names_is_shown_whole() {
        assert_eq!(names_line(&[]), "无");
        assert_eq!(names_line(&names(3)), "镇1、镇2、镇3");
        let twenty = names_line(&names(20));
        assert_eq!(twenty.split('、').count(), 20);
        assert!(!twenty.contains('…'), "{twenty}");
    }

    #[test]
    fn past_a_screenful_the_names_stop_and_the_count_is_given() {
        let line = names_line(&names(1011));
        assert_eq!(
            line,
            "镇1、镇2、镇3、镇4、镇5、镇6、镇7、镇8、镇9、镇10、镇11、镇12、镇13、镇14、\
             镇15、镇16、镇17、镇18、镇19、镇20…等1011个（见审核清单「报表接收」页）"
        );
    }

    #[test]
    fn a_long_list_prints_a_screenful_of_lines_and_how_many_more() {
        let mut s = String::new();
        capped_lines(&mut s, (1..=45).map(|i| format!("    镇{i}：缺报表")));
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 21);
        assert_eq!(lines[19], "    镇20：缺报表");
        assert_eq!(lines[20], "    …另有 25 项（见审核清单「报表接收」页）");

        let mut short = String::new();
        capped_lines(&mut short, (1..=20).map(|i| format!("镇{i}")));
        assert_eq!(short.lines().count(), 20);
        assert!(!short.contains("另有"));
    }
}
