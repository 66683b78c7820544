//! Settings: `data/settings.toml` (serde, unknown keys refused) plus the command
//! line, validated into one [`Config`] the core uses. The core never sees clap.

use crate::audit::issue::{Rule, Severity};
use crate::model::{Indicator, YearMonth};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    #[serde(default)]
    pub audit: AuditSettings,
    #[serde(default)]
    pub bulletin: BulletinSettings,
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
    /// Indicator keys of the units' tables, in order.
    #[serde(default = "default_document_indicators")]
    pub indicators: Vec<String>,
}

impl Default for BulletinSettings {
    fn default() -> Self {
        BulletinSettings {
            issue_prefix: default_issue_prefix(),
            issuer: default_issuer(),
            indicators: default_document_indicators(),
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
fn default_document_indicators() -> Vec<String> {
    ["contracted_fdi", "registered_fdi", "arrived_fdi"]
        .map(String::from)
        .to_vec()
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
    pub severity: BTreeMap<String, String>,
}

/// The size bands of new foreign projects, by total investment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSettings {
    /// Lower bounds in 万美元, smallest first; the smallest is also the floor
    /// of the large-project list.
    #[serde(default = "default_size_bands")]
    pub size_bands: Vec<f64>,
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings {
            size_bands: default_size_bands(),
        }
    }
}

/// ≥1,000万, ≥2,500万 and ≥1亿美元.
fn default_size_bands() -> Vec<f64> {
    vec![1000.0, 2500.0, 10000.0]
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

/// How 时序进度 is set for month N.
#[derive(Debug, Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProgressRule {
    /// N / 12.
    #[default]
    Monthly,
    /// The end of N's quarter: ⌈N/3⌉·3 / 12, for quarterly targets.
    Quarterly,
}

impl ProgressRule {
    /// The rule in words, for the bulletin's notes.
    pub fn describe_zh(self) -> &'static str {
        match self {
            ProgressRule::Monthly => "按月计算：报告月份 ÷ 12 × 100",
            ProgressRule::Quarterly => "按季计算：报告月份所在季度的末月 ÷ 12 × 100",
        }
    }

    /// 时序进度 in percent for report month `month`.
    pub fn percent(self, month: u32) -> f64 {
        match self {
            ProgressRule::Monthly => month as f64 / 12.0 * 100.0,
            ProgressRule::Quarterly => (month.div_ceil(3) * 3) as f64 / 12.0 * 100.0,
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ProgressSettings {
    #[serde(default)]
    pub rule: ProgressRule,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagSettings {
    /// 黄牌 when 完成% < ratio × 时序进度%.
    #[serde(default = "default_yellow_card_ratio")]
    pub yellow_card_ratio: f64,
    /// The indicator paired with arrived_fdi for 双脱幅: contracted_fdi or registered_fdi.
    #[serde(default = "default_double_primary")]
    pub double_shortfall_with: String,
}

impl Default for FlagSettings {
    fn default() -> Self {
        FlagSettings {
            yellow_card_ratio: default_yellow_card_ratio(),
            double_shortfall_with: default_double_primary(),
        }
    }
}

fn default_yellow_card_ratio() -> f64 {
    0.7
}
fn default_double_primary() -> String {
    "contracted_fdi".to_string()
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

/// Everything a run needs, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub county: String,
    pub data_dir: PathBuf,
    pub out_dir: PathBuf,
    pub reference_dir: PathBuf,
    pub submissions_dir: PathBuf,
    /// The prefecture's bulletins (周边县市比较); optional.
    pub peers_dir: PathBuf,
    /// The history store: `facts/year=YYYY/month=M/facts.parquet` and `archive/`.
    pub store_dir: PathBuf,
    /// SHA-256 of settings.toml as read, for the run manifest.
    pub settings_sha256: String,
    /// The report month; `None` means the latest month present.
    pub month: Option<YearMonth>,
    pub progress: ProgressRule,
    pub yellow_card_ratio: f64,
    /// Paired with arrived_fdi for 双脱幅.
    pub double_shortfall_with: Indicator,
    /// Lower bounds of the project size bands in 万美元, ascending.
    pub size_bands: Vec<f64>,
    /// Rules whose severity settings.toml changes.
    pub severity: BTreeMap<Rule, Severity>,
    /// The Word 通报.
    pub document: DocumentSettings,
}

impl Config {
    /// Reads `settings.toml` from `data_dir` and combines it with the command line.
    ///
    /// # Errors
    ///
    /// When the file is missing, has an unknown key, or a value is out of range.
    pub fn load(folders: &Folders, month: Option<YearMonth>) -> Result<Config> {
        let (data_dir, out_dir) = (folders.data.as_path(), folders.out.as_path());
        let path = data_dir.join("settings.toml");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("读取设置文件 {} 失败", path.display()))?;
        let settings: Settings =
            toml::from_str(&text).with_context(|| format!("设置文件 {} 有误", path.display()))?;
        let mut config = Config::from_settings(settings, data_dir, out_dir, month)?;
        config.store_dir.clone_from(&folders.store);
        config.settings_sha256 = crate::ingest::bytes_sha256(text.as_bytes());
        Ok(config)
    }

    /// Validates parsed settings.
    ///
    /// # Errors
    ///
    /// When a value is out of range.
    pub fn from_settings(
        settings: Settings,
        data_dir: &Path,
        out_dir: &Path,
        month: Option<YearMonth>,
    ) -> Result<Config> {
        let ratio = settings.flags.yellow_card_ratio;
        if !(0.0..=1.0).contains(&ratio) {
            bail!("settings.toml: flags.yellow_card_ratio = {ratio} 应在 0 到 1 之间");
        }
        let double_shortfall_with = match settings.flags.double_shortfall_with.as_str() {
            "contracted_fdi" => Indicator::ContractedFdi,
            "registered_fdi" => Indicator::RegisteredFdi,
            other => bail!(
                "settings.toml: flags.double_shortfall_with = \"{other}\" 应为 contracted_fdi 或 registered_fdi"
            ),
        };
        let size_bands = settings.projects.size_bands;
        if size_bands.is_empty()
            || size_bands.iter().any(|b| !b.is_finite() || *b <= 0.0)
            || size_bands.windows(2).any(|w| w[0] >= w[1])
        {
            bail!(
                "settings.toml: projects.size_bands = {size_bands:?} 应为由小到大的正数（万美元），如 [1000, 2500, 10000]"
            );
        }
        let severity = severities(&settings.audit.severity)?;
        let document = document_settings(&settings.bulletin, &settings.county)?;
        Ok(Config {
            county: settings.county,
            data_dir: data_dir.to_path_buf(),
            out_dir: out_dir.to_path_buf(),
            reference_dir: data_dir.join(settings.reference_dir),
            submissions_dir: data_dir.join(settings.submissions_dir),
            peers_dir: data_dir.join(settings.peers_dir),
            store_dir: out_dir.join("store"),
            settings_sha256: String::new(),
            month,
            progress: settings.progress.rule,
            yellow_card_ratio: ratio,
            double_shortfall_with,
            size_bands,
            severity,
            document,
        })
    }
}

/// Validates `[bulletin]`: every indicator one of the bulletin's, once.
fn document_settings(set: &BulletinSettings, county: &str) -> Result<DocumentSettings> {
    let mut indicators = Vec::new();
    for key in &set.indicators {
        let Some(indicator) = Indicator::BULLETIN.into_iter().find(|i| i.key() == key) else {
            let keys: Vec<&str> = Indicator::BULLETIN.iter().map(|i| i.key()).collect();
            bail!(
                "settings.toml: bulletin.indicators 中的「{key}」应为 {} 之一",
                keys.join("、")
            );
        };
        if indicators.contains(&indicator) {
            bail!("settings.toml: bulletin.indicators 中「{key}」重复");
        }
        indicators.push(indicator);
    }
    if indicators.is_empty() {
        bail!("settings.toml: bulletin.indicators 至少要有一个指标，如 [\"contracted_fdi\"]");
    }
    Ok(DocumentSettings {
        issue_prefix: set.issue_prefix.clone(),
        issuer: set.issuer.replace("{county}", county),
        indicators,
    })
}

/// Validates `[audit.severity]`: every key a rule id, every value a severity.
fn severities(set: &BTreeMap<String, String>) -> Result<BTreeMap<Rule, Severity>> {
    set.iter()
        .map(|(id, value)| {
            let Some(rule) = Rule::from_id(id) else {
                bail!("settings.toml: [audit.severity] 中的「{id}」不是审核规则的编号（编号见 docs/audit.md，如 cell.industry_unknown）");
            };
            let severity = match value.as_str() {
                "error" | "错误" => Severity::Error,
                "warning" | "警告" => Severity::Warning,
                "info" | "说明" => Severity::Info,
                other => bail!("settings.toml: [audit.severity] {id} = \"{other}\" 应为 error、warning 或 info"),
            };
            Ok((rule, severity))
        })
        .collect()
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
    }

    #[test]
    fn severities_by_rule_id() {
        let settings: Settings = toml::from_str(
            "county = \"x\"\n[audit.severity]\n\"cell.industry_unknown\" = \"error\"\n",
        )
        .unwrap();
        let config = Config::from_settings(settings, Path::new("d"), Path::new("o"), None).unwrap();
        assert_eq!(
            config.severity.get(&Rule::IndustryUnknown),
            Some(&Severity::Error)
        );
        let bad: Settings =
            toml::from_str("county = \"x\"\n[audit.severity]\n\"cell.no_such_rule\" = \"error\"\n")
                .unwrap();
        let err = Config::from_settings(bad, Path::new("d"), Path::new("o"), None).unwrap_err();
        assert!(err.to_string().contains("cell.no_such_rule"), "{err}");
    }

    #[test]
    fn document_settings_default_and_checked() {
        let settings: Settings = toml::from_str("county = \"示范县\"").unwrap();
        let config = Config::from_settings(settings, Path::new("d"), Path::new("o"), None).unwrap();
        assert_eq!(
            config.document.indicators,
            [
                Indicator::ContractedFdi,
                Indicator::RegisteredFdi,
                Indicator::ArrivedFdi
            ]
        );
        assert_eq!(config.document.issuer, "示范县招商局");
        let oct = YearMonth::new(2026, 10).unwrap();
        assert_eq!(config.document.issue(oct), "2026年第10期");
        let set: Settings = toml::from_str(
            "county = \"x\"\n[bulletin]\nissue_prefix = \"示商〔{year}〕\"\nindicators = [\"arrived_fdi\"]\n",
        )
        .unwrap();
        let config = Config::from_settings(set, Path::new("d"), Path::new("o"), None).unwrap();
        assert_eq!(config.document.issue(oct), "示商〔2026〕第10期");
        assert_eq!(config.document.indicators, [Indicator::ArrivedFdi]);
        let bad: Settings =
            toml::from_str("county = \"x\"\n[bulletin]\nindicators = [\"total_attracted\"]\n")
                .unwrap();
        let err = Config::from_settings(bad, Path::new("d"), Path::new("o"), None).unwrap_err();
        assert!(err.to_string().contains("total_attracted"), "{err}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let bad: Result<Settings, _> = toml::from_str("county = \"x\"\ncountry = \"y\"");
        assert!(bad.is_err());
    }
}
