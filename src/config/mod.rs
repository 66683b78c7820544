//! Settings: `data/settings.toml` (serde, unknown keys refused) plus the command
//! line, validated into one [`Config`] the core uses. The core never sees clap.

use crate::foundation::issue::{Rule, Severity};
use crate::foundation::limits::ReadLimits;
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::progress::ProgressRule;
use crate::foundation::unit_kinds::{KindSettings, UnitKinds};
use anyhow::{bail, Result};
use indicator_keys::BulletinIndicator;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod indicator_keys;
pub mod rmb;
pub mod settings_errors;

/// `settings.toml` as written by staff.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The county's name, printed in titles.
    pub county: String,
    /// Folder of reference workbooks, relative to the data folder.
    #[serde(default = "default_reference_dir")]
    pub reference_dir: PathBuf,
    /// Folder holding one sub-folder per month (`2026-10/`), relative to the data folder.
    #[serde(default = "default_submissions_dir")]
    pub submissions_dir: PathBuf,
    /// Folder of the prefecture's bulletins of its counties, relative to the data folder.
    #[serde(default = "default_peers_dir")]
    pub peers_dir: PathBuf,
    #[serde(default)]
    pub progress: ProgressSettings,
    #[serde(default)]
    pub flags: FlagSettings,
    #[serde(default)]
    pub projects: ProjectSettings,
    /// How much one workbook may cost to read (docs/robustness.md).
    #[serde(default)]
    pub limits: ReadLimits,
    #[serde(default)]
    pub audit: AuditSettings,
    #[serde(default)]
    pub bulletin: BulletinSettings,
    /// 招商引资总额: which indicators make it up.
    #[serde(default)]
    pub attracted: crate::config::rmb::AttractedSettings,
    /// The kinds of unit, in the bulletin's order (`[[kinds]]`); the defaults when none.
    #[serde(default)]
    pub kinds: Vec<KindSettings>,
    #[serde(default)]
    pub peers: PeerSettings,
}

/// `[peers]`: the comparison with the prefecture's other counties.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PeerSettings {
    /// Whose figure our row of the peer table shows: "ours" (the units'
    /// submissions, default) or "prefecture" (the prefecture's bulletin).
    #[serde(default)]
    pub our_figure: OurFigure,
}

/// Which 累计 stands in our row of the peer table and sets our rank and gaps.
#[derive(Debug, Deserialize, Clone, Copy, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OurFigure {
    /// Summed from our units' submissions; the prefecture's in the note.
    #[default]
    Ours,
    /// As the prefecture's bulletin prints it; ours in the note.
    Prefecture,
}

/// `[bulletin]`: the 通报 as a Word document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulletinSettings {
    /// Printed before 第N期 (N is the report month): `"{year}年"` gives
    /// "2026年第10期"; `{year}` is replaced by the report year.
    #[serde(default = "default_issue_prefix")]
    pub issue_prefix: String,
    /// Who issues the 通报, printed under its title; `{county}` is replaced.
    #[serde(default = "default_issuer")]
    pub issuer: String,
    /// Indicators of the units' tables, in order (keys such as "arrived_fdi").
    #[serde(default = "default_document_indicators")]
    pub indicators: Vec<BulletinIndicator>,
    /// How the sentences name the whole county: 全县, 全市 or 全区; from the
    /// county's name (示范县 → 全县, 张家港市 → 全市) when left out.
    #[serde(default)]
    pub scope: Option<String>,
}

impl Default for BulletinSettings {
    fn default() -> Self {
        BulletinSettings {
            issue_prefix: default_issue_prefix(),
            issuer: default_issuer(),
            indicators: default_document_indicators(),
            scope: None,
        }
    }
}

fn default_issue_prefix() -> String {
    "{year}年".to_string()
}
fn default_issuer() -> String {
    "{county}招商局".to_string()
}
/// 合同外资, 注册外资, 到帐外资.
fn default_document_indicators() -> Vec<BulletinIndicator> {
    vec![
        BulletinIndicator::ContractedFdi,
        BulletinIndicator::RegisteredFdi,
        BulletinIndicator::ArrivedFdi,
    ]
}

/// The Word 通报's settings, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSettings {
    /// With `{year}` still in it; see [`DocumentSettings::issue`].
    pub issue_prefix: String,
    /// With `{county}` replaced.
    pub issuer: String,
    /// Each one of [`Indicator::BULLETIN`], no repeats.
    pub indicators: Vec<Indicator>,
    /// 全县, 全市 or 全区.
    pub scope: String,
}

impl DocumentSettings {
    /// The issue number of report month `month`: "2026年第10期".
    pub fn issue(&self, month: YearMonth) -> String {
        format!(
            "{}第{}期",
            self.issue_prefix.replace("{year}", &month.year.to_string()),
            month.month
        )
    }
}

/// `[audit.severity]`: a rule's severity as the bureau wants it, by rule id
/// (`"cell.industry_unknown" = "error"`): error keeps the unit's file out,
/// warning lets it in and sends the problem back, info only records it.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AuditSettings {
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityName>,
}

/// A severity as settings.toml writes it, in English or Chinese.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum SeverityName {
    #[serde(rename = "error", alias = "错误")]
    Error,
    #[serde(rename = "warning", alias = "警告")]
    Warning,
    #[serde(rename = "info", alias = "说明")]
    Info,
}

impl SeverityName {
    pub fn severity(self) -> Severity {
        match self {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
        }
    }
}

/// The size bands of new foreign projects, by total investment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSettings {
    /// Lower bounds in 万美元 (numbers, or texts such as "1亿美元"), smallest
    /// first; the smallest is also the floor of the large-project list.
    #[serde(default = "default_size_bands")]
    pub size_bands: Vec<crate::config::rmb::Bound>,
    /// Bands of all new projects, foreign and domestic, by 总投资 in RMB:
    /// "1000万元", "1亿元", or a bare number of 万元.
    #[serde(default = "crate::config::rmb::default_rmb_bands")]
    pub rmb_bands: Vec<crate::config::rmb::Bound>,
    /// The RMB band from which a project is a 大项目.
    #[serde(default = "crate::config::rmb::default_large_from")]
    pub large_from: crate::config::rmb::Bound,
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings {
            size_bands: default_size_bands(),
            rmb_bands: crate::config::rmb::default_rmb_bands(),
            large_from: crate::config::rmb::default_large_from(),
        }
    }
}

/// ≥1,000万, ≥2,500万 and ≥1亿美元.
fn default_size_bands() -> Vec<crate::config::rmb::Bound> {
    [1000.0, 2500.0, 10000.0]
        .map(crate::config::rmb::Bound::Number)
        .to_vec()
}

fn default_reference_dir() -> PathBuf {
    PathBuf::from("reference")
}
fn default_submissions_dir() -> PathBuf {
    PathBuf::from("submissions")
}
fn default_peers_dir() -> PathBuf {
    PathBuf::from("peers")
}

/// `rule` as settings.toml names it.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProgressRuleName {
    Monthly,
    Quarterly,
    Milestones,
}

/// One milestone: by the end of `month`, `share` percent of the year's target.
#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub month: u32,
    pub share: f64,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ProgressSettings {
    /// monthly (default), quarterly, or milestones (implied by a schedule).
    #[serde(default)]
    pub rule: Option<ProgressRuleName>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

impl ProgressSettings {
    /// The validated rule.
    ///
    /// # Errors
    ///
    /// A schedule with a month outside 1–12, months not increasing, shares
    /// outside 0–100 or decreasing, or a schedule beside another rule.
    pub fn rule(&self) -> Result<ProgressRule> {
        let steps: Vec<(u32, f64)> = self.milestones.iter().map(|m| (m.month, m.share)).collect();
        match (self.rule, steps.is_empty()) {
            (None | Some(ProgressRuleName::Monthly), true) => Ok(ProgressRule::Monthly),
            (Some(ProgressRuleName::Quarterly), true) => Ok(ProgressRule::Quarterly),
            (Some(ProgressRuleName::Milestones), true) => bail!(
                "settings.toml: progress.rule = \"milestones\" 需要进度安排，如 [[progress.milestones]] month = 3 share = 50"
            ),
            (Some(other @ (ProgressRuleName::Monthly | ProgressRuleName::Quarterly)), false) => bail!(
                "settings.toml: progress.rule = {other:?} 与 [[progress.milestones]] 不能同时设置；按节点计算请删去 rule 或写 rule = \"milestones\""
            ),
            (None | Some(ProgressRuleName::Milestones), false) => {
                let months_ok = steps.iter().all(|(m, _)| (1..=12).contains(m))
                    && steps.windows(2).all(|w| w[0].0 < w[1].0);
                let shares_ok = steps.iter().all(|(_, s)| (0.0..=100.0).contains(s))
                    && steps.windows(2).all(|w| w[0].1 <= w[1].1);
                if !months_ok || !shares_ok {
                    bail!(
                        "settings.toml: [[progress.milestones]] 应按月份从小到大排列，月份为 1–12，完成比例为 0–100 且不减少"
                    );
                }
                Ok(ProgressRule::Milestones(steps))
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagSettings {
    /// 黄牌 when 完成% < ratio × 时序进度%.
    #[serde(default = "default_yellow_card_ratio")]
    pub yellow_card_ratio: f64,
    /// The indicator paired with arrived_fdi for 双脱幅.
    #[serde(default)]
    pub double_shortfall_with: DoubleShortfallWith,
}

impl Default for FlagSettings {
    fn default() -> Self {
        FlagSettings {
            yellow_card_ratio: default_yellow_card_ratio(),
            double_shortfall_with: DoubleShortfallWith::default(),
        }
    }
}

fn default_yellow_card_ratio() -> f64 {
    0.7
}

/// `flags.double_shortfall_with`: which indicator, beside arrived_fdi, makes
/// a 双脱幅.
#[derive(Debug, Deserialize, Clone, Copy, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DoubleShortfallWith {
    #[default]
    ContractedFdi,
    RegisteredFdi,
}

impl DoubleShortfallWith {
    pub fn indicator(self) -> Indicator {
        match self {
            DoubleShortfallWith::ContractedFdi => Indicator::ContractedFdi,
            DoubleShortfallWith::RegisteredFdi => Indicator::RegisteredFdi,
        }
    }
}

/// Where a run reads and writes, as given on the command line.
#[derive(Debug, Clone)]
pub struct Folders {
    /// settings.toml, reference/, submissions/, peers/: inputs only.
    pub data: PathBuf,
    /// Results by month: OUT/YYYY-MM/.
    pub out: PathBuf,
    /// The history store, kept for years: facts by month and archived submissions.
    pub store: PathBuf,
}

/// The settings every command reads, validated: the data folder's layout
/// and the bulletin's rules. No output or store folder: `check` writes nothing.
#[derive(Debug, Clone)]
pub struct Config {
    pub county: String,
    pub data_dir: PathBuf,
    pub reference_dir: PathBuf,
    pub submissions_dir: PathBuf,
    /// The prefecture's bulletins (周边县市比较); optional.
    pub peers_dir: PathBuf,
    pub progress: ProgressRule,
    pub yellow_card_ratio: f64,
    /// Paired with arrived_fdi for 双脱幅.
    pub double_shortfall_with: Indicator,
    /// Lower bounds of the project size bands in 万美元, ascending.
    pub size_bands: Vec<f64>,
    /// 招商引资总额 and the RMB project bands.
    pub rmb: crate::config::rmb::RmbRules,
    /// Rules whose severity settings.toml changes.
    pub severity: BTreeMap<Rule, Severity>,
    /// How much one submission may cost to read.
    pub limits: ReadLimits,
    /// The Word 通报.
    pub document: DocumentSettings,
    /// The kinds of unit, in the bulletin's order.
    pub kinds: UnitKinds,
    /// Whose 累计 stands in our row of the peer table.
    pub our_figure: OurFigure,
}

/// What `status` needs: the settings, the report month and the history store
/// it reads (it writes nothing).
#[derive(Debug, Clone)]
pub struct StatusConfig {
    pub config: Config,
    /// The report month; `None` means the latest month present.
    pub month: Option<YearMonth>,
    /// The history store: `facts/year=YYYY/month=M/facts.parquet` and `archive/`.
    pub store_dir: PathBuf,
}

/// What `run` (and `template`) need: what `status` needs, and where results go.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub status: StatusConfig,
    /// Results by month: `out_dir/YYYY-MM/`.
    pub out_dir: PathBuf,
    /// SHA-256 of settings.toml as read, for the run manifest.
    pub settings_sha256: String,
}

// Deref lets a command's config be read as the shared settings
// (`config.county`, `config.progress`). Kept on purpose: without it 48 reads
// become `config.status.config.…`, 36 of them in app/pipeline.rs.
impl std::ops::Deref for StatusConfig {
    type Target = Config;
    fn deref(&self) -> &Config {
        &self.config
    }
}

impl std::ops::Deref for RunConfig {
    type Target = StatusConfig;
    fn deref(&self) -> &StatusConfig {
        &self.status
    }
}

impl Config {
    /// Reads `settings.toml` from `data_dir`: the validated settings and the
    /// file's SHA-256.
    ///
    /// # Errors
    ///
    /// When the file is missing, has an unknown key, or a value is out of range.
    pub fn read(data_dir: &Path) -> Result<(Config, String)> {
        let path = data_dir.join("settings.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let what_to_do = match e.kind() {
                std::io::ErrorKind::NotFound => format!(
                    "找不到该文件。请确认 --data 指向数据目录（其中应有 settings.toml、reference/ 和 submissions/），现在是 {}；要看各文件的样子，可运行 zhaoshang demo --data 示例目录",
                    data_dir.display()
                ),
                std::io::ErrorKind::InvalidData => {
                    "文件不是 UTF-8 编码。请用记事本打开，「另存为」时把编码选为 UTF-8".to_string()
                }
                _ => crate::foundation::io_words::io_error_zh(&e).to_string(),
            };
            anyhow::Error::new(e).context(format!(
                "读取设置文件 {} 失败：{what_to_do}",
                path.display()
            ))
        })?;
        let settings: Settings = toml::from_str(&text).map_err(|e| {
            anyhow::anyhow!(settings_errors::settings_error_zh(
                &path.display().to_string(),
                &text,
                &e
            ))
        })?;
        let config = Config::from_settings(settings, data_dir)?;
        Ok((
            config,
            crate::foundation::hash::bytes_sha256(text.as_bytes()),
        ))
    }

    /// Validates parsed settings.
    ///
    /// # Errors
    ///
    /// When a value is out of range.
    pub fn from_settings(settings: Settings, data_dir: &Path) -> Result<Config> {
        let ratio = settings.flags.yellow_card_ratio;
        if !(0.0..=1.0).contains(&ratio) {
            bail!("settings.toml: flags.yellow_card_ratio = {ratio} 应在 0 到 1 之间");
        }
        let size_bands = rmb::size_bands_wan_usd(&settings.projects.size_bands)?;
        if size_bands.is_empty()
            || size_bands.iter().any(|b| !b.is_finite() || *b <= 0.0)
            || size_bands.windows(2).any(|w| w[0] >= w[1])
        {
            bail!(
                "settings.toml: projects.size_bands = {size_bands:?} 应为由小到大的正数（万美元），如 [1000, 2500, 10000]"
            );
        }
        let rmb = crate::config::rmb::rmb_rules(
            &settings.attracted,
            &settings.projects.rmb_bands,
            &settings.projects.large_from,
        )?;
        let severity = severities(&settings.audit.severity)?;
        if let Some(key) = settings.limits.zero_key() {
            bail!("settings.toml: limits.{key} 应为正整数");
        }
        let document = document_settings(&settings.bulletin, &settings.county)?;
        Ok(Config {
            county: settings.county,
            data_dir: data_dir.to_path_buf(),
            reference_dir: data_dir.join(settings.reference_dir),
            submissions_dir: data_dir.join(settings.submissions_dir),
            peers_dir: data_dir.join(settings.peers_dir),
            progress: settings.progress.rule()?,
            yellow_card_ratio: ratio,
            double_shortfall_with: settings.flags.double_shortfall_with.indicator(),
            size_bands,
            rmb,
            severity,
            limits: settings.limits,
            document,
            kinds: UnitKinds::from_settings(&settings.kinds)?,
            our_figure: settings.peers.our_figure,
        })
    }
}

impl RunConfig {
    /// Reads `settings.toml` from the data folder and combines it with the
    /// command line's folders and month.
    ///
    /// # Errors
    ///
    /// As [`Config::read`].
    pub fn load(folders: &Folders, month: Option<YearMonth>) -> Result<RunConfig> {
        let (config, settings_sha256) = Config::read(&folders.data)?;
        Ok(RunConfig {
            status: StatusConfig {
                config,
                month,
                store_dir: folders.store.clone(),
            },
            out_dir: folders.out.clone(),
            settings_sha256,
        })
    }
}

/// Validates `[bulletin]`: every indicator (one of the bulletin's, by serde) once.
fn document_settings(set: &BulletinSettings, county: &str) -> Result<DocumentSettings> {
    let mut indicators = Vec::new();
    for indicator in set.indicators.iter().map(|k| k.indicator()) {
        if indicators.contains(&indicator) {
            bail!(
                "settings.toml: bulletin.indicators 中「{}」重复",
                indicator.key()
            );
        }
        indicators.push(indicator);
    }
    if indicators.is_empty() {
        bail!("settings.toml: bulletin.indicators 至少要有一个指标，如 [\"contracted_fdi\"]");
    }
    let scope = match set.scope.as_deref().map(str::trim) {
        None | Some("") => scope_of(county),
        Some(s @ ("全县" | "全市" | "全区" | "全旗")) => s.to_string(),
        Some(other) => bail!(
            "settings.toml: bulletin.scope = \"{other}\" 应为 全县、全市 或 全区（不写则按县名定）"
        ),
    };
    Ok(DocumentSettings {
        issue_prefix: set.issue_prefix.clone(),
        issuer: set.issuer.replace("{county}", county),
        indicators,
        scope,
    })
}

/// 全县, 全市 or 全区, as the county's name ends (全县 when it ends otherwise).
pub fn scope_of(county: &str) -> String {
    let last = county
        .trim()
        .chars()
        .last()
        .filter(|c| matches!(c, '县' | '市' | '区' | '旗'));
    format!("全{}", last.unwrap_or('县'))
}

/// Validates `[audit.severity]`: every key a rule id, every value a severity.
fn severities(set: &BTreeMap<String, SeverityName>) -> Result<BTreeMap<Rule, Severity>> {
    set.iter()
        .map(|(id, value)| {
            let Some(rule) = Rule::from_id(id) else {
                bail!("settings.toml: [audit.severity] 中的「{id}」不是审核规则的编号（编号见 docs/audit.md，如 cell.industry_unknown）");
            };
            Ok((rule, value.severity()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_milestone_schedule() {
        // March 50%, December 100%: February is 2/3 of the way to 50%, July is
        // 4/9 of the way from 50% to 100%.
        let settings: Settings = toml::from_str(
            "county = \"x\"\n[[progress.milestones]]\nmonth = 3\nshare = 50\n[[progress.milestones]]\nmonth = 12\nshare = 100\n",
        )
        .unwrap();
        let rule = settings.progress.rule().unwrap();
        assert!((rule.percent(2) - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(rule.percent(3), 50.0);
        assert!((rule.percent(7) - (50.0 + 50.0 * 4.0 / 9.0)).abs() < 1e-9);
        assert_eq!(rule.percent(12), 100.0);
        // 到荷藕节完成全年任务: June 100%, and 100% after it.
        let june = ProgressRule::Milestones(vec![(3, 50.0), (6, 100.0)]);
        assert_eq!(june.percent(9), 100.0);
        assert!(june.describe_zh().contains("3月底完成50%"));
        let bad: Settings = toml::from_str(
            "county = \"x\"\n[progress]\nrule = \"quarterly\"\n[[progress.milestones]]\nmonth = 3\nshare = 50\n",
        )
        .unwrap();
        assert!(bad.progress.rule().is_err());
    }

    #[test]
    fn severities_by_rule_id() {
        let settings: Settings = toml::from_str(
            "county = \"x\"\n[audit.severity]\n\"cell.industry_unknown\" = \"error\"\n",
        )
        .unwrap();
        let config = Config::from_settings(settings, Path::new("d")).unwrap();
        assert_eq!(
            config.severity.get(&Rule::IndustryUnknown),
            Some(&Severity::Error)
        );
        let bad: Settings =
            toml::from_str("county = \"x\"\n[audit.severity]\n\"cell.no_such_rule\" = \"error\"\n")
                .unwrap();
        let err = Config::from_settings(bad, Path::new("d")).unwrap_err();
        assert!(err.to_string().contains("cell.no_such_rule"), "{err}");
    }

    #[test]
    fn limits_default_and_lowered() {
        let s: Settings = toml::from_str("county = \"x\"").unwrap();
        assert_eq!(s.limits.rows_per_sheet, 100_000);
        assert_eq!(s.limits.part_inflated_mb, 100);
        let s: Settings = toml::from_str("county = \"x\"\n[limits]\nrows_per_sheet = 50").unwrap();
        assert_eq!(s.limits.rows_per_sheet, 50);
        assert_eq!(s.limits.cells_per_sheet, 2_000_000);
        assert!(toml::from_str::<Settings>("county = \"x\"\n[limits]\nrows = 5").is_err());
    }

    #[test]
    fn document_settings_default_and_checked() {
        let settings: Settings = toml::from_str("county = \"示范县\"").unwrap();
        let config = Config::from_settings(settings, Path::new("d")).unwrap();
        assert_eq!(
            config.document.indicators,
            [
                Indicator::ContractedFdi,
                Indicator::RegisteredFdi,
                Indicator::ArrivedFdi
            ]
        );
        assert_eq!(config.document.issuer, "示范县招商局");
        assert_eq!(config.document.scope, "全县");
        assert_eq!(config.our_figure, OurFigure::Ours);
        let oct = YearMonth::new(2026, 10).unwrap();
        assert_eq!(config.document.issue(oct), "2026年第10期");
        let set: Settings = toml::from_str(
            "county = \"x\"\n[bulletin]\nissue_prefix = \"示商〔{year}〕\"\nindicators = [\"arrived_fdi\"]\n",
        )
        .unwrap();
        let config = Config::from_settings(set, Path::new("d")).unwrap();
        assert_eq!(config.document.issue(oct), "示商〔2026〕第10期");
        assert_eq!(config.document.indicators, [Indicator::ArrivedFdi]);
        let text = "county = \"x\"\n[bulletin]\nindicators = [\"total_attracted\"]\n";
        let err = toml::from_str::<Settings>(text).unwrap_err();
        let zh = settings_errors::settings_error_zh("settings.toml", text, &err);
        assert!(
            zh.contains("`total_attracted` 不是可选的值，可选：registered_fdi、contracted_fdi"),
            "{zh}"
        );
        let twice: Settings = toml::from_str(
            "county = \"x\"\n[bulletin]\nindicators = [\"arrived_fdi\", \"arrived_fdi\"]\n",
        )
        .unwrap();
        let err = Config::from_settings(twice, Path::new("d")).unwrap_err();
        assert!(err.to_string().contains("「arrived_fdi」重复"), "{err}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let bad: Result<Settings, _> = toml::from_str("county = \"x\"\ncountry = \"y\"");
        assert!(bad.is_err());
    }
}
