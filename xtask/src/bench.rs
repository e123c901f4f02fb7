//! `cargo xtask bench`: first-load size, time to article text, navigation, API load and
//! server memory, each against its budget, as one table and `target/bench/bench.json`.
//! Nothing here is a test: timings vary with the machine, so they are reported, not
//! asserted.

use std::{fs, path::Path, process::Command};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::{
    browser::{free_port, http_get, start_server},
    build,
    process::{command, output_of, root, run},
    toolchain,
};

const KB: f64 = 1024.0;
const LOAD_SECONDS: u32 = 10;
const CONNECTIONS: u32 = 64;

struct Row {
    what: String,
    value: String,
    budget: Option<(String, bool)>,
}

fn row(what: &str, value: String) -> Row {
    Row {
        what: what.to_owned(),
        value,
        budget: None,
    }
}

fn checked(what: &str, value: String, budget: &str, met: bool) -> Row {
    Row {
        what: what.to_owned(),
        value,
        budget: Some((budget.to_owned(), met)),
    }
}

pub fn run_bench() -> anyhow::Result<()> {
    toolchain::ensure_build_tools()?;
    toolchain::ensure_browser()?;
    toolchain::ensure_wrk()?;
    build::spa()?;
    build::server()?;
    let out = root().join("target/bench");
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    let site = out.join("site");
    copy_dir(&root().join("dist"), &site)?;

    let mut rows = Vec::new();
    let mut report = serde_json::Map::new();
    report.insert("machine".into(), machine());
    let sizes = transfer_sizes(&root().join("dist"))?;
    let brotli_kb = sizes["total"]["brotli"].as_f64().unwrap_or(0.0) / KB;
    rows.push(checked(
        "first load, brotli (index.html + JS + wasm + CSS)",
        format!(
            "{brotli_kb:.1} KB (raw {:.1} KB, gzip {:.1} KB)",
            sizes["total"]["raw"].as_f64().unwrap_or(0.0) / KB,
            sizes["total"]["gzip"].as_f64().unwrap_or(0.0) / KB
        ),
        "≤ 150 KB",
        brotli_kb <= 150.0,
    ));
    report.insert("transfer_bytes".into(), sizes);
    report.insert("wasm_top".into(), json!(wasm_top_contributors()));

    let port = free_port()?;
    let server = start_server(
        &out.join("portal.db"),
        port,
        &site,
        &["--ratings-per-ip-per-hour", "1000000000"],
    )?;
    http_get(port, "/api/sidebar").context("the bench server does not answer")?;
    let idle_rss = rss_kb(server.pid(), "VmRSS")?;

    let browser = browser_timings(port, &site)?;
    let spa = browser["spa_ms"].as_f64().unwrap_or(f64::NAN);
    let page = browser["static_ms"].as_f64().unwrap_or(f64::NAN);
    let ratio = spa / page;
    rows.push(row(
        "time to article text, 4× CPU throttle, median",
        format!("SPA {spa:.0} ms, static page {page:.0} ms"),
    ));
    rows.push(checked(
        "  SPA / static",
        format!("{ratio:.2}"),
        "≤ 2.0",
        ratio <= 2.0,
    ));
    rows.push(row(
        "client-side navigation, click to new title, median",
        format!(
            "{:.0} ms",
            browser["navigation_ms"].as_f64().unwrap_or(f64::NAN)
        ),
    ));
    report.insert("browser".into(), browser);

    let article = seed_article_path(port)?;
    let cookie = "Cookie: kc_visitor=00000000-0000-4000-8000-00000000beef";
    let mut loads = serde_json::Map::new();
    for (name, path) in [
        ("GET article", article.as_str()),
        ("GET /api/sidebar", "/api/sidebar"),
    ] {
        let result = wrk(port, path, &["-H", cookie], None)?;
        rows.push(load_row(name, &result, 5000.0));
        loads.insert(name.into(), result);
    }
    let ratings_path = format!("{article}/ratings");
    let ratings = wrk(port, &ratings_path, &[], Some(&ratings_path))?;
    let accepted = ratings["ok"].as_u64().unwrap_or(0);
    let errors = ratings["errors"].as_u64().unwrap_or(u64::MAX);
    let stored = stored_ratings(port, &article)?;
    let per_second = accepted as f64 / f64::from(LOAD_SECONDS);
    // wrk stops with up to one request per connection still in flight: the server may
    // have stored those too, but never fewer than were acknowledged.
    let in_flight = stored.saturating_sub(accepted);
    let none_lost = stored >= accepted && in_flight <= u64::from(CONNECTIONS);
    rows.push(checked(
        "POST ratings, distinct readers, c64",
        format!(
            "{per_second:.0} accepted/s; {accepted} acknowledged (+{in_flight} in flight at the stop), {stored} stored, {errors} errors"
        ),
        "≥ 1,000/s, 0 errors, 0 lost",
        per_second >= 1000.0 && none_lost && errors == 0,
    ));
    loads.insert("POST ratings".into(), ratings);
    loads.insert("ratings_stored".into(), json!(stored));
    report.insert("load".into(), Value::Object(loads));

    let peak_rss = rss_kb(server.pid(), "VmHWM")?;
    rows.push(checked(
        "server memory (RSS): idle / peak under load",
        format!("{:.1} MB / {:.1} MB", idle_rss / KB, peak_rss / KB),
        "peak ≤ 64 MB",
        peak_rss / KB <= 64.0,
    ));
    report.insert(
        "rss_kb".into(),
        json!({ "idle": idle_rss, "peak": peak_rss }),
    );
    drop(server);

    print_table(&rows);
    let path = out.join("bench.json");
    fs::write(&path, serde_json::to_string_pretty(&Value::Object(report))?)?;
    println!("\nfigures written to {}", path.display());
    Ok(())
}

fn machine() -> Value {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory_kb = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().map(str::to_owned))
        .unwrap_or_default();
    let date = output_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    json!({ "cores": cores, "memory": memory_kb.trim(), "date": date.trim() })
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// The files a first visit downloads: index.html and what it links (JS, wasm, CSS),
/// with the sizes the server sends (the precompressed .br / .gz beside each).
fn transfer_sizes(dist: &Path) -> anyhow::Result<Value> {
    let index = fs::read_to_string(dist.join("index.html"))?;
    let mut files = vec!["index.html".to_owned()];
    for piece in index.split(['"', '\'']) {
        let name = piece.trim_start_matches('/');
        let loaded = [".js", ".wasm", ".css"]
            .iter()
            .any(|ext| name.ends_with(ext));
        if loaded
            && !name.contains('/')
            && dist.join(name).is_file()
            && !files.iter().any(|f| f == name)
        {
            files.push(name.to_owned());
        }
    }
    let mut total = [0u64; 3];
    let mut each = serde_json::Map::new();
    for name in &files {
        let size = |suffix: &str| {
            fs::metadata(dist.join(format!("{name}{suffix}"))).map_or(0, |m| m.len())
        };
        let sizes = [size(""), size(".gz"), size(".br")];
        for (sum, s) in total.iter_mut().zip(sizes) {
            *sum += s;
        }
        each.insert(
            name.clone(),
            json!({ "raw": sizes[0], "gzip": sizes[1], "brotli": sizes[2] }),
        );
    }
    Ok(json!({
        "files": each,
        "total": { "raw": total[0], "gzip": total[1], "brotli": total[2] },
    }))
}

/// The wasm's largest items by size (twiggy, on the build before wasm-opt, which keeps
/// names), when twiggy is there or installs.
fn wasm_top_contributors() -> Vec<String> {
    if output_of("twiggy", &["--version"]).is_none()
        && run(command("cargo", &["install", "twiggy"])).is_err()
    {
        return vec!["(twiggy did not install)".into()];
    }
    let wasm = root().join("target/wasm32-unknown-unknown/wasm-release/portal.wasm");
    let wasm = wasm.to_string_lossy();
    output_of("twiggy", &["top", "-n", "15", &wasm])
        .map(|out| out.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn rss_kb(pid: u32, field: &str) -> anyhow::Result<f64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{field}:")))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .with_context(|| format!("no {field} for process {pid}"))
}

fn browser_timings(port: u16, site: &Path) -> anyhow::Result<Value> {
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
    serde_json::from_str(last).context("the browser bench printed no JSON")
}

fn seed_article_path(port: u16) -> anyhow::Result<String> {
    let list: Value = serde_json::from_str(
        &http_get(port, "/api/articles?per_page=50").context("no article list")?,
    )?;
    let id = list["items"]
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .find(|a| a["slug"] == "chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong")
        })
        .and_then(|a| a["id"].as_i64())
        .context("the seed article is missing")?;
    Ok(format!("/api/articles/{id}"))
}

fn stored_ratings(port: u16, article: &str) -> anyhow::Result<u64> {
    let body: Value = serde_json::from_str(&http_get(port, article).context("no article")?)?;
    body["rating"]["count"]
        .as_u64()
        .context("the article has no rating count")
}

/// `wrk` for LOAD_SECONDS at CONNECTIONS connections on loopback; with `script_path`,
/// the ratings script (a new reader per request).
fn wrk(port: u16, path: &str, extra: &[&str], script_path: Option<&str>) -> anyhow::Result<Value> {
    let url = format!("http://127.0.0.1:{port}{path}");
    let mut wrk = Command::new("wrk");
    wrk.args(["-t2", "-c", &CONNECTIONS.to_string()])
        .args([
            "-d",
            &format!("{LOAD_SECONDS}s"),
            "--latency",
            "--timeout",
            "5s",
        ])
        .args(extra);
    if let Some(article) = script_path {
        wrk.args(["-s", "tests/bench/ratings.lua"])
            .env("ARTICLE_PATH", article);
    }
    let output = wrk
        .arg(&url)
        .current_dir(root())
        .output()
        .context("cannot run wrk")?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    parse_wrk(&text).with_context(|| format!("unexpected wrk output:\n{text}"))
}

/// Milliseconds from a wrk duration such as `812.00us`, `2.50ms` or `1.20s`.
fn millis(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => value / 1000.0,
        "ms" => value,
        "s" => value * 1000.0,
        "m" => value * 60_000.0,
        _ => return None,
    })
}

fn parse_wrk(text: &str) -> Option<Value> {
    let field = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find_map(|line| line.strip_prefix(prefix).map(str::trim))
    };
    let requests: f64 = text
        .lines()
        .find_map(|line| line.trim().split_once(" requests in "))?
        .0
        .trim()
        .parse()
        .ok()?;
    let non_2xx: f64 = field("Non-2xx or 3xx responses:").map_or(Some(0.0), |n| n.parse().ok())?;
    let socket_errors: f64 = field("Socket errors:").map_or(0.0, |errors| {
        errors
            .split(',')
            .filter_map(|part| part.split_whitespace().last()?.parse::<f64>().ok())
            .sum()
    });
    Some(json!({
        "requests_per_s": field("Requests/sec:")?.parse::<f64>().ok()?,
        "p50_ms": millis(field("50%")?)?,
        "p99_ms": millis(field("99%")?)?,
        "requests": requests as u64,
        "ok": (requests - non_2xx) as u64,
        "errors": (non_2xx + socket_errors) as u64,
    }))
}

fn load_row(name: &str, result: &Value, min_rate: f64) -> Row {
    let rate = result["requests_per_s"].as_f64().unwrap_or(0.0);
    let p99 = result["p99_ms"].as_f64().unwrap_or(f64::INFINITY);
    let errors = result["errors"].as_u64().unwrap_or(u64::MAX);
    checked(
        &format!("{name}, c{CONNECTIONS}, {LOAD_SECONDS} s"),
        format!(
            "{rate:.0} req/s, p50 {:.2} ms, p99 {p99:.2} ms, {errors} errors",
            result["p50_ms"].as_f64().unwrap_or(f64::NAN)
        ),
        "≥ 5,000/s, p99 ≤ 20 ms, 0 errors",
        rate >= min_rate && p99 <= 20.0 && errors == 0,
    )
}

fn print_table(rows: &[Row]) {
    let width = rows
        .iter()
        .map(|r| r.what.chars().count())
        .max()
        .unwrap_or(0);
    println!("\n`cargo xtask bench`");
    for Row {
        what,
        value,
        budget,
    } in rows
    {
        let verdict = match budget {
            Some((budget, true)) => format!("  [met: {budget}]"),
            Some((budget, false)) => format!("  [MISSED: {budget}]"),
            None => String::new(),
        };
        println!("  {what:<width$}  {value}{verdict}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Running 10s test @ http://127.0.0.1:3000/api/sidebar
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.03ms    1.20ms  40.00ms   90.00%
    Req/Sec    10.50k   500.00    12.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    3.50ms
     90%    4.50ms
     99%    9.10ms
  209876 requests in 10.00s, 500.00MB read
  Non-2xx or 3xx responses: 12
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:  20987.60
Transfer/sec:     50.00MB
";

    #[test]
    fn reads_wrk_figures() {
        let figures = parse_wrk(SAMPLE).unwrap();
        assert_eq!(figures["requests_per_s"], 20987.6);
        assert_eq!(figures["p50_ms"], 0.812);
        assert_eq!(figures["p99_ms"], 9.1);
        assert_eq!(figures["ok"], 209864);
        assert_eq!(figures["errors"], 15);
    }

    #[test]
    fn reads_durations() {
        assert_eq!(millis("2.50ms"), Some(2.5));
        assert_eq!(millis("1.20s"), Some(1200.0));
        assert_eq!(millis("500.00us"), Some(0.5));
        assert_eq!(millis("fast"), None);
    }
}
