//! The browser half of the bench (`tests/bench/browser.mjs`): time to article text for
//! the written page, the SPA alone and a static copy of the same page; when the rating
//! can be clicked; the layout shift of the takeover; reading with JavaScript off; and
//! client-side navigation.

use std::path::Path;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::process::command;

/// Where the static copy of the article is served, in the bench's site folder.
pub const STATIC_PATH: &str = "/bai-viet-tinh.html";

#[derive(Debug, Serialize, Deserialize)]
pub struct Samples {
    pub first_view: Vec<f64>,
    pub spa: Vec<f64>,
    #[serde(rename = "static")]
    pub static_page: Vec<f64>,
    pub rating_ready: Vec<f64>,
    pub layout_shift: Vec<f64>,
    pub navigation: Vec<f64>,
}

/// What the written article page holds with JavaScript off, in characters.
#[derive(Debug, Serialize, Deserialize)]
pub struct NoScript {
    pub title_chars: usize,
    pub body_chars: usize,
}

impl NoScript {
    pub fn reads(&self) -> bool {
        self.title_chars > 0 && self.body_chars > 0
    }
}

/// Medians of `runs` cold loads at 4× CPU throttle, in milliseconds (the layout shift is
/// the cumulative score of one load).
#[derive(Debug, Serialize, Deserialize)]
pub struct BrowserTimings {
    pub runs: u32,
    /// The page as the server writes it, then taken over by the SPA.
    pub first_view_ms: f64,
    /// The bare shell: the SPA fetches and renders the article.
    pub spa_ms: f64,
    pub static_ms: f64,
    /// Until a star of the rating can be clicked (a form, before the app), with the
    /// written page and with the SPA alone.
    pub rating_ready_ms: f64,
    pub spa_rating_ready_ms: f64,
    pub layout_shift: f64,
    pub layout_shift_max: f64,
    pub navigation_ms: f64,
    pub no_script: NoScript,
    pub samples: Samples,
}

pub fn timings(port: u16, site: &Path) -> anyhow::Result<BrowserTimings> {
    let output = command("node", &["tests/bench/browser.mjs"])
        .env("PORTAL_URL", format!("http://127.0.0.1:{port}"))
        .env("BENCH_SITE_DIR", site)
        .env("BENCH_STATIC_PATH", STATIC_PATH)
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
