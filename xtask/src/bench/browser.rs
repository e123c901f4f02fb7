//! The browser half of the bench (`tests/bench/browser.mjs`): time to article text for
//! the SPA and for a static copy of the same page, and client-side navigation.

use std::path::Path;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::process::command;

#[derive(Debug, Serialize, Deserialize)]
pub struct Samples {
    pub spa: Vec<f64>,
    #[serde(rename = "static")]
    pub static_page: Vec<f64>,
    pub navigation: Vec<f64>,
}

/// Medians of `runs` cold loads at 4× CPU throttle, in milliseconds.
#[derive(Debug, Serialize, Deserialize)]
pub struct BrowserTimings {
    pub runs: u32,
    pub spa_ms: f64,
    pub static_ms: f64,
    pub navigation_ms: f64,
    pub samples: Samples,
}

pub fn timings(port: u16, site: &Path) -> anyhow::Result<BrowserTimings> {
    let output = command("node", &["tests/bench/browser.mjs"])
        .env("PORTAL_URL", format!("http://127.0.0.1:{port}"))
        .env("BENCH_SITE_DIR", site)
        .output()
        .context("cannot run the browser bench")?;
    if !output.status.success() {
        bail!(
            "the browser bench failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).context("the browser bench printed no figures")
}
