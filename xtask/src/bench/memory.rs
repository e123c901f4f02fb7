//! The server's memory, read from /proc.

use std::fs;

use anyhow::Context;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Memory {
    pub idle_kb: f64,
    pub peak_kb: f64,
}

/// The resident set now.
pub fn resident_kb(pid: u32) -> anyhow::Result<f64> {
    status_kb(pid, "VmRSS")
}

/// The largest resident set the process has had.
pub fn peak_kb(pid: u32) -> anyhow::Result<f64> {
    status_kb(pid, "VmHWM")
}

fn status_kb(pid: u32, field: &str) -> anyhow::Result<f64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{field}:")))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .with_context(|| format!("no {field} for process {pid}"))
}
