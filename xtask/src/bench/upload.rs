//! A member of staff uploading a 10 MB PDF, on a server of its own: how long it takes on
//! loopback, and how much the server's memory grows meanwhile (the upload streams to disk,
//! and on PostgreSQL from disk into the database a chunk at a time, so it should not grow
//! by the file's size).

use std::{ffi::OsStr, fs, path::Path, time::Instant};

use anyhow::{Context, bail};
use serde::Serialize;

use super::memory;
use crate::{
    process::output_of,
    server::{free_port, start_server_on},
};

/// The demo account of a new database served on loopback (see the README).
const DEMO_SIGN_IN: &str = r#"{"username":"demo","password":"khuyencong-demo"}"#;
const PDF_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, Serialize)]
pub struct UploadFigures {
    pub bytes: usize,
    pub millis: f64,
    pub idle_kb: f64,
    pub peak_kb: f64,
}

/// A PDF of `PDF_BYTES` whose content does not compress (as scanned pages do not).
fn write_pdf(path: &Path) -> anyhow::Result<()> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    while bytes.len() < PDF_BYTES - 8 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.extend_from_slice(b"\n%%EOF\n");
    Ok(fs::write(path, bytes)?)
}

/// The upload to a new server on `database` (a new one), with `dir` for its files.
pub fn measure(dir: &Path, database: &OsStr, site: &Path) -> anyhow::Result<UploadFigures> {
    fs::create_dir_all(dir)?;
    let pdf = dir.join("bao-cao.pdf");
    write_pdf(&pdf)?;
    let port = free_port()?;
    let server = start_server_on(database, &dir.join("uploads"), port, site, &[])?;
    let base = format!("http://127.0.0.1:{port}");
    let jar = dir.join("cookies.txt");
    let jar = jar.to_str().context("a path in UTF-8")?;
    let signed_in = output_of(
        "curl",
        &[
            "-sf",
            "-c",
            jar,
            "-H",
            "content-type: application/json",
            "-d",
            DEMO_SIGN_IN,
            &format!("{base}/api/session"),
        ],
    );
    signed_in.context("the demo account could not sign in")?;
    let idle_kb = memory::resident_kb(server.pid())?;
    let file = format!("file=@{};type=application/pdf", pdf.display());
    let started = Instant::now();
    let status = output_of(
        "curl",
        &[
            "-s",
            "-b",
            jar,
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-F",
            &file,
            &format!("{base}/api/newsroom/uploads"),
        ],
    );
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    if status.as_deref() != Some("201") {
        bail!("the upload was answered {status:?}, not 201");
    }
    Ok(UploadFigures {
        bytes: PDF_BYTES,
        millis,
        idle_kb,
        peak_kb: memory::peak_kb(server.pid())?,
    })
}
