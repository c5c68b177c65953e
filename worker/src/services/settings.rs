//! The daily check's settings from the worker's variables (wrangler.toml `[vars]`).

use prasar_core::compliance;
use prasar_core::draw::{self, DrawConfig};
use worker::Env;

/// Settings read from the worker's variables (wrangler.toml `[vars]`), with defaults.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub draw: DrawConfig,
    /// Minutes after IST midnight a check's screenshot is due.
    pub deadline_minutes: u32,
    pub inactive_days: u32,
}

impl Settings {
    pub fn from_env(env: &Env) -> Settings {
        let var = |name: &str| env.var(name).ok().map(|v| v.to_string());
        let number = |name: &str, range: std::ops::RangeInclusive<u32>, default: u32| {
            var(name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|n| range.contains(n))
                .unwrap_or(default)
        };
        let deadline_minutes = var("CHECK_DEADLINE")
            .and_then(|v| {
                let (h, m) = v.trim().split_once(':')?;
                let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
                (h < 24 && m < 60).then_some(h * 60 + m)
            })
            .unwrap_or(compliance::DEFAULT_DEADLINE_MINUTES);
        Settings {
            draw: DrawConfig {
                window_days: number("DRAW_WINDOW_DAYS", 1..=365, draw::DEFAULT_WINDOW_DAYS),
            },
            deadline_minutes,
            inactive_days: number("INACTIVE_DAYS", 1..=90, compliance::DEFAULT_INACTIVE_DAYS),
        }
    }
}
