//! 时序进度: how far through the year a unit should be by month N, under the
//! rule settings.toml sets (monthly, quarterly, or a schedule of milestones),
//! and how the bulletin words it. docs/formulas.md gives the formulas.

/// How 时序进度 is set for month N.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgressRule {
    /// N / 12.
    Monthly,
    /// The end of N's quarter: ⌈N/3⌉·3 / 12, for quarterly targets.
    Quarterly,
    /// A schedule of (month, share %) in month order: "到烟花三月节完成全年任务的
    /// 50%，到荷藕节完成全年任务" is [(3, 50), (6, 100)]. Linear from 0 at the
    /// year's start to the first milestone and between milestones; the last
    /// share holds after it.
    Milestones(Vec<(u32, f64)>),
}

impl ProgressRule {
    /// The rule in words, for the bulletin's notes.
    pub fn describe_zh(&self) -> String {
        match self {
            ProgressRule::Monthly => "按月计算：报告月份 ÷ 12 × 100".to_string(),
            ProgressRule::Quarterly => "按季计算：报告月份所在季度的末月 ÷ 12 × 100".to_string(),
            ProgressRule::Milestones(steps) => {
                let listed: Vec<String> = steps
                    .iter()
                    .map(|(m, share)| format!("{m}月底完成{}%", trim_zeros(*share)))
                    .collect();
                format!(
                    "按进度安排：{}；节点之间按月平均递增，最后一个节点之后保持不变",
                    listed.join("、")
                )
            }
        }
    }

    /// How the month's 时序进度 was set, briefly, for the overview's line.
    pub fn basis_zh(&self, month: u32) -> String {
        match self {
            ProgressRule::Monthly => format!("{month}月÷12"),
            ProgressRule::Quarterly => format!(
                "第{}季度末：{}月÷12",
                month.div_ceil(3),
                month.div_ceil(3) * 3
            ),
            ProgressRule::Milestones(_) => "按进度安排".to_string(),
        }
    }

    /// 时序进度 in percent for report month `month`.
    pub fn percent(&self, month: u32) -> f64 {
        match self {
            ProgressRule::Monthly => month as f64 / 12.0 * 100.0,
            ProgressRule::Quarterly => (month.div_ceil(3) * 3) as f64 / 12.0 * 100.0,
            ProgressRule::Milestones(steps) => {
                let mut before = (0u32, 0.0f64);
                for &(m, share) in steps {
                    if month <= m {
                        let span = (m - before.0) as f64;
                        let into = (month - before.0) as f64;
                        return before.1 + (share - before.1) * into / span;
                    }
                    before = (m, share);
                }
                before.1
            }
        }
    }
}

fn trim_zeros(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_rules() {
        assert!((ProgressRule::Monthly.percent(10) - 83.333333).abs() < 1e-4);
        assert_eq!(ProgressRule::Monthly.percent(12), 100.0);
        assert_eq!(ProgressRule::Quarterly.percent(10), 100.0);
        assert_eq!(ProgressRule::Quarterly.percent(4), 50.0);
        assert_eq!(ProgressRule::Quarterly.basis_zh(10), "第4季度末：12月÷12");
    }

    /// The wording follows the rule: October is "10月÷12" (83.3%) monthly,
    /// the fourth quarter's end (12 ÷ 12 = 100%) quarterly, and the schedule
    /// under milestones; February under the quarterly rule is the first
    /// quarter's end, 3 ÷ 12 = 25%.
    #[test]
    fn the_wording_comes_from_the_rule() {
        assert_eq!(ProgressRule::Monthly.basis_zh(10), "10月÷12");
        assert_eq!(ProgressRule::Quarterly.basis_zh(2), "第1季度末：3月÷12");
        assert_eq!(ProgressRule::Quarterly.percent(2), 25.0);
        let schedule = ProgressRule::Milestones(vec![(3, 50.0), (12, 100.0)]);
        assert_eq!(schedule.basis_zh(10), "按进度安排");
        assert_eq!(
            ProgressRule::Quarterly.describe_zh(),
            "按季计算：报告月份所在季度的末月 ÷ 12 × 100"
        );
    }
}
