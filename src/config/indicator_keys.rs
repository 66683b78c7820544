//! The indicator keys staff may write in settings.toml, as closed serde enums:
//! a key outside the list is refused by serde, and settings_errors puts the
//! refusal into Chinese with the allowed keys.

use crate::foundation::model::Indicator;
use serde::Deserialize;

/// `[bulletin] indicators`: one of the by-region bulletin's indicators
/// ([`Indicator::BULLETIN`]).
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BulletinIndicator {
    RegisteredFdi,
    ContractedFdi,
    ArrivedFdi,
    NewFieCount,
    DomesticRegistered,
    DomesticArrived,
}

impl BulletinIndicator {
    pub fn indicator(self) -> Indicator {
        match self {
            BulletinIndicator::RegisteredFdi => Indicator::RegisteredFdi,
            BulletinIndicator::ContractedFdi => Indicator::ContractedFdi,
            BulletinIndicator::ArrivedFdi => Indicator::ArrivedFdi,
            BulletinIndicator::NewFieCount => Indicator::NewFieCount,
            BulletinIndicator::DomesticRegistered => Indicator::DomesticRegistered,
            BulletinIndicator::DomesticArrived => Indicator::DomesticArrived,
        }
    }
}

/// `[attracted] indicators`: a money indicator of the bulletin (counts cannot
/// be added to 招商引资总额).
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AttractedIndicator {
    DomesticRegistered,
    DomesticArrived,
    RegisteredFdi,
    ContractedFdi,
    ArrivedFdi,
}

impl AttractedIndicator {
    pub fn indicator(self) -> Indicator {
        match self {
            AttractedIndicator::DomesticRegistered => Indicator::DomesticRegistered,
            AttractedIndicator::DomesticArrived => Indicator::DomesticArrived,
            AttractedIndicator::RegisteredFdi => Indicator::RegisteredFdi,
            AttractedIndicator::ContractedFdi => Indicator::ContractedFdi,
            AttractedIndicator::ArrivedFdi => Indicator::ArrivedFdi,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings_errors::settings_error_zh;

    #[derive(Debug, Deserialize)]
    struct Keys {
        bulletin: Vec<BulletinIndicator>,
        #[serde(default)]
        attracted: Vec<AttractedIndicator>,
    }

    #[test]
    fn keys_as_written_in_settings() {
        let text = "bulletin = [\"registered_fdi\", \"contracted_fdi\", \"arrived_fdi\", \
                    \"new_fie_count\", \"domestic_registered\", \"domestic_arrived\"]\n\
                    attracted = [\"domestic_registered\", \"domestic_arrived\", \
                    \"registered_fdi\", \"contracted_fdi\", \"arrived_fdi\"]\n";
        let keys: Keys = toml::from_str(text).unwrap();
        let bulletin: Vec<Indicator> = keys.bulletin.iter().map(|k| k.indicator()).collect();
        assert_eq!(bulletin, Indicator::BULLETIN);
        let attracted: Vec<Indicator> = keys.attracted.iter().map(|k| k.indicator()).collect();
        assert_eq!(
            attracted,
            [
                Indicator::DomesticRegistered,
                Indicator::DomesticArrived,
                Indicator::RegisteredFdi,
                Indicator::ContractedFdi,
                Indicator::ArrivedFdi
            ]
        );
    }

    #[test]
    fn a_wrong_key_is_refused_in_chinese_with_the_allowed_keys() {
        let text = "bulletin = [\"total_attracted\"]\n";
        let err = toml::from_str::<Keys>(text).unwrap_err();
        let zh = settings_error_zh("settings.toml", text, &err);
        assert!(zh.contains("`total_attracted` 不是可选的值，可选：registered_fdi、contracted_fdi、arrived_fdi、new_fie_count、domestic_registered、domestic_arrived"), "{zh}");
        let text = "bulletin = []\nattracted = [\"new_fie_count\"]\n";
        let err = toml::from_str::<Keys>(text).unwrap_err();
        let zh = settings_error_zh("settings.toml", text, &err);
        assert!(zh.contains("`new_fie_count` 不是可选的值，可选：domestic_registered、domestic_arrived、registered_fdi、contracted_fdi、arrived_fdi"), "{zh}");
    }
}
