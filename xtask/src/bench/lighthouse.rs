//! Lighthouse (npm, pinned; Debian's Chromium) on every citizens' page and on the static
//! copy of the article the browser bench wrote, in its default mobile profile: simulated
//! slow 4G and a 4× slower CPU. One run a page, in turn.

use std::path::Path;

use anyhow::{Context, bail};
use serde::Serialize;
use serde_json::Value;

use crate::process::{command, root};

/// The Lighthouse the bench runs: installed beside the build, never into the project's
/// own packages (the test command does not need it).
const VERSION: &str = "12.8.2";
const PREFIX: &str = "target/lighthouse";

/// One page's scores (0–100) and timings (ms).
#[derive(Debug, Serialize)]
pub struct Audit {
    pub page: String,
    pub path: String,
    pub performance: u32,
    pub accessibility: u32,
    pub best_practices: u32,
    pub seo: u32,
    pub fcp_ms: f64,
    pub lcp_ms: f64,
    pub tbt_ms: f64,
    pub cls: f64,
    /// What Lighthouse says went wrong with the run, or warns of it (a 404 answer), if
    /// anything.
    pub warning: Option<String>,
    /// The audits outside performance that fell short.
    pub missed: Vec<String>,
}

/// Installs the pinned Lighthouse unless it is there.
pub fn ensure_installed() -> anyhow::Result<()> {
    let manifest = root()
        .join(PREFIX)
        .join("node_modules/lighthouse/package.json");
    let installed = std::fs::read_to_string(&manifest)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .is_some_and(|json| json["version"] == VERSION);
    if installed {
        return Ok(());
    }
    let package = format!("lighthouse@{VERSION}");
    let status = command(
        "npm",
        &[
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            PREFIX,
            &package,
        ],
    )
    .status()
    .context("cannot run npm")?;
    if !status.success() {
        bail!("npm could not install {package}");
    }
    Ok(())
}

/// Lighthouse on each of `pages` (a name and a path) of the server at `port`.
pub fn audits(port: u16, pages: &[(&str, String)], out: &Path) -> anyhow::Result<Vec<Audit>> {
    pages
        .iter()
        .map(|(name, path)| audit(port, name, path, out))
        .collect()
}

fn audit(port: u16, name: &str, path: &str, out: &Path) -> anyhow::Result<Audit> {
    let report = out.join(format!("lighthouse-{}.json", name.replace(' ', "-")));
    let _ = std::fs::remove_file(&report);
    let url = format!("http://127.0.0.1:{port}{path}");
    let output_path = format!("--output-path={}", report.display());
    let cli = root().join(PREFIX).join("node_modules/.bin/lighthouse");
    let status = command(
        cli.to_str().context("a path in UTF-8")?,
        &[
            &url,
            "--quiet",
            "--output=json",
            &output_path,
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            // The not-found page answers 404, as it must: scored anyway, with a warning.
            "--ignore-status-code",
        ],
    )
    .env("CHROME_PATH", "/usr/bin/chromium")
    .status()
    .context("cannot run lighthouse")?;
    // A page it will not score (a 404 answer, say) still has a report that says why.
    let Ok(text) = std::fs::read_to_string(&report) else {
        bail!("lighthouse failed on {url} ({status}) and wrote no report");
    };
    Ok(read_audit(name, path, &serde_json::from_str(&text)?))
}

fn read_audit(name: &str, path: &str, json: &Value) -> Audit {
    let score = |category: &str| {
        json["categories"][category]["score"]
            .as_f64()
            .map_or(0, |score| (score * 100.0).round() as u32)
    };
    let value = |audit: &str| {
        json["audits"][audit]["numericValue"]
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    Audit {
        page: name.to_owned(),
        path: path.to_owned(),
        performance: score("performance"),
        accessibility: score("accessibility"),
        best_practices: score("best-practices"),
        seo: score("seo"),
        fcp_ms: value("first-contentful-paint"),
        lcp_ms: value("largest-contentful-paint"),
        tbt_ms: value("total-blocking-time"),
        cls: value("cumulative-layout-shift"),
        warning: (json["runtimeError"]["message"].as_str())
            .or(json["runWarnings"][0].as_str())
            .map(ToOwned::to_owned),
        missed: shortfalls(json),
    }
}

/// The audits with weight that fell short, outside performance, as Lighthouse names them
/// (what to fix for a score of 100).
fn shortfalls(json: &Value) -> Vec<String> {
    let mut missed = Vec::new();
    for category in ["accessibility", "best-practices", "seo"] {
        let refs = json["categories"][category]["auditRefs"].as_array();
        for reference in refs.into_iter().flatten() {
            let id = reference["id"].as_str().unwrap_or_default();
            let weighs = reference["weight"].as_f64().is_some_and(|w| w > 0.0);
            if weighs
                && json["audits"][id]["score"]
                    .as_f64()
                    .is_some_and(|s| s < 1.0)
            {
                missed.push(id.to_owned());
            }
        }
    }
    missed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scores_and_timings_from_a_report() {
        let json: Value = serde_json::json!({
            "categories": {
                "performance": { "score": 0.98 },
                "accessibility": { "score": 1 },
                "best-practices": { "score": 0.96, "auditRefs": [
                    { "id": "errors-in-console", "weight": 1 },
                    { "id": "valid-source-maps", "weight": 0 }
                ] },
                "seo": { "score": 1 }
            },
            "audits": {
                "first-contentful-paint": { "numericValue": 812.4 },
                "largest-contentful-paint": { "numericValue": 901.0 },
                "total-blocking-time": { "numericValue": 0 },
                "cumulative-layout-shift": { "numericValue": 0 },
                "errors-in-console": { "score": 0 },
                "valid-source-maps": { "score": 0 }
            }
        });
        let audit = read_audit("article", "/bai-viet/1", &json);
        assert_eq!(
            (
                audit.performance,
                audit.accessibility,
                audit.best_practices,
                audit.seo
            ),
            (98, 100, 96, 100)
        );
        assert_eq!((audit.fcp_ms, audit.lcp_ms, audit.cls), (812.4, 901.0, 0.0));
        assert_eq!(audit.warning, None);
        assert_eq!(audit.missed, ["errors-in-console"], "only what weighs");
    }

    #[test]
    fn a_page_scored_despite_its_status_keeps_lighthouses_warning() {
        let json = serde_json::json!({
            "categories": { "seo": { "score": 0.92, "auditRefs": [
                { "id": "http-status-code", "weight": 1 }
            ] } },
            "audits": { "http-status-code": { "score": 0 } },
            "runWarnings": ["Lighthouse was unable to reliably load the page you requested. (Status code: 404)"]
        });
        let audit = read_audit("not found", "/khong-co-trang-nay", &json);
        assert_eq!(audit.seo, 92);
        assert_eq!(audit.missed, ["http-status-code"]);
        assert!(audit.warning.is_some_and(|warning| warning.contains("404")));
    }
}
