//! The API against its own OpenAPI document (`tests/openapi/check.py`): the document is
//! checked by a real validator, and every route is fuzzed from it by schemathesis, as a
//! guest and as an admin, against the release server on a fresh database. The Python
//! tools live in a virtual environment of their own under `target/`, pinned.

use std::{io::Write, path::PathBuf, process::Command, process::Stdio};

use anyhow::Context;

use crate::{
    process::{root, run, server_binary},
    server::{free_port, start_server},
};

/// The tools, pinned.
const TOOLS: &[&str] = &["openapi-spec-validator==0.9.0", "schemathesis==4.32.5"];
const ADMIN: (&str, &str) = ("quantri", "mat-khau-quan-tri");

fn tools_dir() -> PathBuf {
    root().join("target/openapi-tools")
}

/// The environment's Python, with the tools installed (once).
fn python() -> anyhow::Result<PathBuf> {
    let dir = tools_dir();
    let python = dir.join("bin/python");
    let installed = dir.join("installed");
    if std::fs::read_to_string(&installed).ok().as_deref() == Some(&TOOLS.join(" ")) {
        return Ok(python);
    }
    let mut venv = Command::new("python3");
    venv.args(["-m", "venv"]).arg(&dir);
    run(venv).context("python3 -m venv (Debian: the python3-venv package)")?;
    let mut pip = Command::new(&python);
    pip.args(["-m", "pip", "install", "--quiet"]).args(TOOLS);
    run(pip)?;
    std::fs::write(installed, TOOLS.join(" "))?;
    Ok(python)
}

fn add_admin(database: &std::path::Path) -> anyhow::Result<()> {
    let (username, password) = ADMIN;
    let mut add = Command::new(server_binary())
        .args([
            "add-user",
            username,
            "--display-name",
            "Quản trị",
            "--role",
            "admin",
        ])
        .arg("--database")
        .arg(database)
        .stdin(Stdio::piped())
        .spawn()?;
    add.stdin
        .take()
        .context("add-user's input")?
        .write_all(format!("{password}\n").as_bytes())?;
    anyhow::ensure!(add.wait()?.success(), "add-user failed");
    Ok(())
}

pub fn run_check() -> anyhow::Result<()> {
    let python = python()?;
    let scratch = root().join("target/openapi-check");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    std::fs::create_dir_all(&scratch)?;
    let database = scratch.join("portal.db");
    let port = free_port()?;
    let _server = start_server(&database, port, &root().join("dist"), &[])?;
    add_admin(&database)?;
    let (username, password) = ADMIN;
    let mut check = Command::new(python);
    check
        .arg(root().join("tests/openapi/check.py"))
        .arg(format!("http://127.0.0.1:{port}"))
        .args([username, password])
        .current_dir(&scratch);
    run(check)
}
